"""The benchmark run behind docs/benchmarks.md (started by scripts/bench.sh).

For each size it makes a year of demo data with `skm demo`, then times in one run, each run of
each engine in a process of its own (peak memory is the largest maximum resident set of those
processes, so that what an allocator keeps from an earlier run does not count):
  * the IKM tables of the responses (overall, by service x quarter, by each profile answer):
    skm natively (skm-bench), pandas, DuckDB and Python polars (scripts/bench/peers.py), and
    skm as wasm32 in headless Chromium; every peer's numbers are checked against skm's;
  * the SLA tables of the requests (met, breached, pending by service x month): skm natively,
    the same three peers (scripts/bench/sla_peers.py, judging by the calendar and promised times
    `skm-bench sla-reference` prints) and skm as wasm32; every peer's numbers are checked too;
and then `skm serve` under wrk: submissions a second and their latency.
It prints the tables as it goes and writes docs/benchmarks.md.
"""
import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
PEERS = ["pandas", "duckdb", "polars"]
PYTHON = sys.executable
ONE_CORE = "skm (native, 1 core)"


def say(*args):
    print(*args, flush=True)


def run_measured(cmd):
    """Runs a command and returns (parsed JSON of its stdout, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {err.decode()[-2000:]}")
    return json.loads(out), usage.ru_maxrss / 1024, time.perf_counter() - start


def runs_measured(cmd, runs):
    """Runs `cmd ... 1` `runs` times, each in its own process; returns (the last JSON with the
    seconds of every run, the largest peak RSS in MB)."""
    seconds, peak, out = [], 0.0, None
    for _ in range(runs):
        out, rss, _ = run_measured([*cmd, "1"])
        seconds += out["seconds"]
        peak = max(peak, rss)
    out["seconds"] = seconds
    return out, peak


def data_for(size, n):
    folder = ROOT / "target" / "bench-data" / size
    if not (folder / "requests.csv").exists():
        say(f"== {size}: skm demo --responses {n} --requests {n}")
        subprocess.run([ROOT / "target/release/skm", "demo", "--year", "2026", "--out", folder,
                        "--responses", str(n), "--requests", str(n)], check=True, stdout=subprocess.DEVNULL)
    return folder


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def differences(mine, theirs):
    """Where a peer's IKM tables differ from skm's; empty when they agree."""
    out = []
    if mine["overall"]["n"] != theirs["overall"]["n"]:
        out.append(f"overall n {mine['overall']['n']} vs {theirs['overall']['n']}")
    for table in ["service_quarter", "profile"]:
        a, b = mine[table], theirs[table]
        if set(a) != set(b):
            out.append(f"{table} keys differ: {sorted(set(a) ^ set(b))[:5]}")
            continue
        for key in a:
            x, y = a[key], b[key]
            if x["n"] != y["n"] or not close(x["ikm"], y["ikm"]):
                out.append(f"{table} {key}: n {x['n']}/{y['n']}, ikm {x['ikm']}/{y['ikm']}")
            for i, (p, q) in enumerate(zip(x.get("nrr", []), y.get("nrr", []))):
                if not close(p, q):
                    out.append(f"{table} {key}: nrr u{i + 1} {p}/{q}")
    for i, (p, q) in enumerate(zip(mine["overall"]["nrr"], theirs["overall"]["nrr"])):
        if not close(p, q):
            out.append(f"overall nrr u{i + 1} {p}/{q}")
    return out


class Browser:
    """Headless Chromium through chromedriver, and a static server for the wasm page and data."""

    def __init__(self, wasm_dir, data_root):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.site = Path(tempfile.mkdtemp(prefix="skm-bench-site-"))
        for f in wasm_dir.iterdir():
            (self.site / f.name).symlink_to(f)
        (self.site / "wasm.html").symlink_to(ROOT / "scripts/bench/wasm.html")
        (self.site / "data").symlink_to(data_root)
        handler = partial(QuietHandler, directory=str(self.site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", f"--user-data-dir={tempfile.mkdtemp(prefix='skm-bench-chromium-')}"]:
            options.add_argument(flag)
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_script_timeout(900)

    def run(self, task, size, file, runs):
        port = self.httpd.server_address[1]
        self.driver.get(f"http://127.0.0.1:{port}/wasm.html?task={task}&file=data/{size}/{file}&runs={runs}")
        deadline = time.time() + 1800
        while time.time() < deadline:
            result = self.driver.execute_script("return window.benchResult || null")
            if result is not None:
                # Leave the page, so that its memory is freed before the next native run.
                self.driver.get("about:blank")
                if "error" in result:
                    raise RuntimeError(f"wasm {task} {size}: {result['error']}")
                return result
            time.sleep(0.2)
        raise RuntimeError(f"wasm {task} {size}: no result in 30 minutes")

    def close(self):
        self.driver.quit()
        self.httpd.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WRK_SCRIPT = r"""
-- Every request a new submission: a client UUID of its own (thread, counter), varied answers.
local counter, thread_id = 0, 0
local threads = {}
function setup(thread) thread:set("tid", #threads + 1); table.insert(threads, thread) end
function init(args) thread_id = tid end
function request()
  counter = counter + 1
  local s = function(k) return 1 + (counter + k) % 4 end
  local body = string.format(
    '{"client_id":"%08x-0000-4000-8000-%012x","service":"publikasi-media-sosial",' ..
    '"answers":{"u1":%d,"u2":%d,"u3":%d,"u4":%d,"u5":%d,"u6":%d,"u7":%d,"u8":%d,"u9":%d},' ..
    '"profile":{"gender":"P","age":%d,"education":"SMA","occupation":"Swasta"}}',
    thread_id, counter, s(1), s(2), s(3), s(4), s(5), s(6), s(7), s(8), s(9), 18 + counter % 60)
  return wrk.format("POST", "/api/v1/responses",
    {["Content-Type"] = "application/json", ["X-SKM-Kiosk-Key"] = "bench"}, body)
end
"""


def fresh_postgres():
    """The URL of an empty database on the PostgreSQL that scripts/postgres.sh starts."""
    out = subprocess.run(["bash", ROOT / "scripts/postgres.sh", "start"], check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def serve_load(seconds, connections, store="sqlite"):
    """skm serve on a fresh database (a SQLite file, or a PostgreSQL database) under wrk; returns
    the figures."""
    work = Path(tempfile.mkdtemp(prefix="skm-bench-serve-"))
    db = fresh_postgres() if store == "postgres" else str(work / "skm.db")
    port = free_port()
    skm = ROOT / "target/release/skm"
    subprocess.run([skm, "unit", "add", ROOT / "data/units/dinkominfo-purbalingga.toml", "--db", db],
                   check=True, capture_output=True)
    subprocess.run([skm, "standards", "import", "--db", db, "--unit", "dinkominfo-purbalingga",
                    ROOT / "data/standards/publikasi-media-sosial.toml"], check=True, capture_output=True)
    server = subprocess.Popen([ROOT / "target/release/skm", "serve", "--addr", f"127.0.0.1:{port}", "--db",
                               db, "--no-demo", "--kiosk-key", "bench", "--admin-token", "bench"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        script = work / "post.lua"
        script.write_text(WRK_SCRIPT)
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
                              f"http://127.0.0.1:{port}"], check=True, capture_output=True, text=True).stdout
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/responses.csv",
                                     headers={"Authorization": "Bearer bench"})
        stored = len(urllib.request.urlopen(req).read().decode().strip().splitlines()) - 1
    finally:
        server.kill()
        server.wait()

    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    total = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"), "p99": latency("99"), "requests": total,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0, "stored": stored,
        "connections": connections, "seconds": seconds, "raw": out, "store": store,
    }


def versions():
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not found"
    peers = subprocess.run([PYTHON, "-c", "import pandas, duckdb, polars, sys; "
                            "print(pandas.__version__, duckdb.__version__, polars.__version__, sys.version.split()[0])"],
                           capture_output=True, text=True).stdout.split()
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next(l.split(":", 1)[1].strip() for l in Path("/proc/meminfo").read_text().splitlines()
               if l.startswith("MemTotal"))
    os_name = next((l.split("=", 1)[1].strip('"') for l in Path("/etc/os-release").read_text().splitlines()
                    if l.startswith("PRETTY_NAME")), platform.platform())
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores", "memory": mem, "os": f"{os_name}, Linux {platform.release()}",
        "rustc": first_line(["rustc", "--version"]), "python": peers[3] if len(peers) > 3 else "?",
        "pandas": peers[0] if peers else "?", "duckdb": peers[1] if len(peers) > 1 else "?",
        "polars": peers[2] if len(peers) > 2 else "?", "chromium": first_line(["chromium", "--version"]),
        "wrk": first_line(["wrk", "-v"]),
    }


def fmt_s(x):
    return f"{x:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m,10m")
    parser.add_argument("--wasm-max", default="1m", help="largest size run in wasm (none: no wasm)")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine (one at 10m)")
    parser.add_argument("--serve-seconds", type=int, default=15)
    parser.add_argument("--serve-only", action="store_true",
                        help="only skm serve under wrk, on SQLite and PostgreSQL: rewrites that section alone")
    parser.add_argument("--out", default=str(ROOT / "docs/benchmarks.md"))
    parser.add_argument("--baseline", help="another skm-bench binary whose phases are timed beside this one's"
                        " (a build of an earlier commit, to compare one step with what replaced it)")
    parser.add_argument("--baseline-label", default="baseline", help="what the baseline binary is")
    args = parser.parse_args()
    if args.serve_only:
        loads = serve_loads(args.serve_seconds)
        path = Path(args.out)
        text = path.read_text()
        start, end = text.index(SERVE_HEADING), text.index(PEMDA_MARKER)
        path.write_text(text[:start] + "\n".join(serve_section(loads)) + "\n" + text[end:])
        say(f"== rewrote the serve section of {args.out}")
        return
    sizes = [s for s in args.sizes.split(",") if s]
    wasm_sizes = {s for s in sizes if args.wasm_max in SIZES and SIZES[s] <= SIZES[args.wasm_max]}
    wasm_dir = ROOT / "target" / "bench-wasm"
    started = time.time()
    rows = []  # (size, task, engine, median s, runs, peak MB, same numbers)
    phases = []  # (size, task, build, {phase: median s})
    browser = Browser(wasm_dir, ROOT / "target" / "bench-data") if wasm_sizes else None
    reference = ROOT / "target" / "bench-data" / "sla-reference.json"
    reference.parent.mkdir(parents=True, exist_ok=True)
    reference.write_text(subprocess.run([ROOT / "target/release/skm-bench", "sla-reference"], check=True,
                                        capture_output=True, text=True).stdout)
    try:
        for size in sizes:
            n = SIZES[size]
            folder = data_for(size, n)
            runs = 1 if n >= 10_000_000 else args.runs
            for task, file in [("ikm", "responses.csv"), ("sla", "requests.csv")]:
                path = folder / file
                mb = path.stat().st_size / 1e6
                mine, rss = runs_measured([ROOT / "target/release/skm-bench", task, path], runs)
                rows.append((size, task, "skm (native)", statistics.median(mine["seconds"]), runs, rss, "reference", mb))
                say(f"{size:>5} {task} skm native   {statistics.median(mine['seconds']):8.3f} s  {rss:7.0f} MB")
                # The same on one core (the affinity mask is what the reader's parts count), the
                # baseline of the wasm32 build, which runs on one thread.
                one, rss1 = runs_measured(["taskset", "-c", "0", ROOT / "target/release/skm-bench", task, path], runs)
                same = "yes" if one["tables"] == mine["tables"] else "NO: tables differ"
                rows.append((size, task, ONE_CORE, statistics.median(one["seconds"]), runs, rss1, same, mb))
                say(f"{size:>5} {task} skm 1 core   {statistics.median(one['seconds']):8.3f} s  {rss1:7.0f} MB")
                # Each phase on its own, this build and the baseline's taking turns.
                builds = [("this build", ROOT / "target/release/skm-bench")]
                if args.baseline:
                    builds.append((args.baseline_label, Path(args.baseline)))
                timed = {label: [] for label, _ in builds}
                for _ in range(runs):
                    for label, binary in builds:
                        out = subprocess.run([binary, "phases", task, path], check=True, capture_output=True, text=True)
                        timed[label].append(json.loads(out.stdout))
                for label, runs_of in timed.items():
                    medians = {k: statistics.median(r[k] for r in runs_of) for k in runs_of[0]}
                    phases.append((size, task, label, medians))
                    say(f"{size:>5} {task} phases of {label}: {medians}")
                for peer in PEERS:
                    inputs = [path] if task == "ikm" else [path, reference]
                    theirs, rss = runs_measured([PYTHON, ROOT / "scripts/bench/peers.py", task, peer, *inputs], runs)
                    diff = differences_any(task, mine["tables"], theirs["tables"])
                    same = "yes" if not diff else "NO: " + "; ".join(diff[:3])
                    t = statistics.median(theirs["seconds"])
                    rows.append((size, task, peer, t, runs, rss, same, mb))
                    say(f"{size:>5} {task} {peer:<12} {t:8.3f} s  {rss:7.0f} MB  same numbers: {same}")
                if size in wasm_sizes:
                    result = browser.run(task, size, file, runs)
                    diff = differences_any(task, mine["tables"], result["tables"])
                    same = "yes" if not diff else "NO: " + "; ".join(diff[:3])
                    t = statistics.median(result["seconds"])
                    rows.append((size, task, "skm (wasm32, Chromium)", t, runs, result.get("memory_mb"), same, mb))
                    say(f"{size:>5} {task} skm wasm     {t:8.3f} s  same numbers: {same}")
    finally:
        if browser:
            browser.close()
    loads = serve_loads(args.serve_seconds)
    write_doc(Path(args.out), rows, phases, loads, versions(), time.time() - started, args)
    say(f"== wrote {args.out} in {time.time() - started:.0f} s")


SERVE_HEADING = "## `skm serve` under load"
PEMDA_MARKER = "<!-- pemda-figures -->"
STORES = {"sqlite": "SQLite (WAL, `synchronous = FULL`)", "postgres": "PostgreSQL (Debian's, `fsync = on`, synchronous commit)"}


def serve_loads(seconds):
    """skm serve under wrk on each store, one after the other."""
    # The 10M runs leave gigabytes of dirty pages and freed memory behind; the server's fsyncs
    # would wait on that writeback. Let the disk settle first, as it is on a server at work.
    os.sync()
    time.sleep(5)
    loads = []
    for store in STORES:
        say(f"== skm serve under wrk, on {store}")
        load = serve_load(seconds, 32, store)
        say(f"{load['rate']:.0f} submissions/s, p50 {load['p50']:.2f} ms, p99 {load['p99']:.2f} ms, "
            f"{load['requests']} sent, {load['non_2xx']} refused, {load['stored']} stored")
        loads.append(load)
    return loads


def serve_section(loads):
    """The section of docs/benchmarks.md on skm serve under load: a row per store, then wrk's output."""
    first = loads[0]
    lines = [
        SERVE_HEADING,
        "",
        f"wrk on the same machine (loopback), 2 threads, {first['connections']} connections, {first['seconds']} s;",
        "every request a new submission with its own client UUID, as a kiosk sends them (kiosk key, so",
        "the per-client limit does not apply). On each store a 201 is durable before it is sent: SQLite",
        "in WAL mode with `synchronous = FULL`; PostgreSQL (from Debian's packages, started by",
        "scripts/postgres.sh on the same 2 cores, so it competes with skm and wrk for them) with its",
        "default synchronous commit and `fsync = on`. Both take each rush in batches (group commit).",
        "Started after `sync` and a 5 s pause, so that the writeback the 10M runs leave behind does not",
        "stand in the fsyncs' way. The target for PostgreSQL: at least 2 000 submissions/s with p99 under 50 ms.",
        "",
        "| store | submissions/s | p50 | p99 | sent | refused | stored |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for load in loads:
        lines.append(f"| {STORES[load['store']]} | {load['rate']:.0f} | {load['p50']:.2f} ms | {load['p99']:.2f} ms | "
                     f"{load['requests']} | {load['non_2xx']} | {load['stored']} |")
    for load in loads:
        lines += ["", f"wrk on {load['store']}:", "", "```", load["raw"].strip(), "```"]
    return lines + [""]


def differences_any(task, mine, theirs):
    """Where another engine's tables differ from skm's; empty when they agree. SLA: the counts
    overall and by service x month (only skm reports the rows it skipped)."""
    if task == "ikm":
        return differences(mine, theirs)
    out = [f"overall {mine['overall']} vs {theirs.get('overall')}"] if mine["overall"] != theirs.get("overall") else []
    a, b = mine["service_month"], theirs.get("service_month", {})
    return out + [f"{k}: {a.get(k)} vs {b.get(k)}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


def write_doc(path, rows, phases, loads, v, elapsed, args):
    by = {(r[0], r[1], r[2]): r for r in rows}
    lines = [
        "# Benchmarks",
        "",
        "Measured side by side in one run by `bash scripts/bench.sh` (this file is its output; the",
        "method is in [scripts/bench/run.py](../scripts/bench/run.py) and",
        "[scripts/bench/peers.py](../scripts/bench/peers.py)). Rerun with:",
        "",
        "```sh",
        f"bash scripts/bench.sh            # sizes {args.sizes}; wasm up to {args.wasm_max}",
        "```",
        "",
        "## What is timed",
        "",
        "- **IKM tables** of a year of responses made by `skm demo`: the IKM overall, by service ×",
        "  quarter and by each answer of the four profile questions, with the respondents and the NRR of",
        "  U1–U9. skm does more than the peers here: it checks every cell (scores, dates, choices,",
        "  duplicate IDs) and computes the 95 % interval of every group and the profile of every",
        "  service × quarter. The peers compute the same tables as an analyst would at their best",
        "  (typed columns, the engine's own group-by, both cores) and every number of theirs is checked",
        "  against skm's (column *same numbers*).",
        "- **SLA tables** of the requests: met, breached and pending by service × month on the working",
        "  calendar (office hours, breaks, national holidays and cuti bersama). skm reads the calendar",
        "  and the five standards' promised times from its data files; the peers get them as data",
        "  (`skm-bench sla-reference`: hours per weekday, days off, each service's promise) and judge",
        "  every request with their own vectorised operations on day tables built from it",
        "  ([scripts/bench/sla_peers.py](../scripts/bench/sla_peers.py)): a running total of working",
        "  seconds searched for promises in minutes or hours, working-day ranks for promises in days.",
        "  skm also checks every cell, skips (and reports) the requests completed before they were",
        "  received, which the peers skip too, and computes each group's median, p90 and bands of time",
        "  taken, the breach list and the tallies by channel.",
        "- Wall time: from reading the CSV to the finished tables, in the process (interpreter start",
        "  and imports left out), median of the runs, each run in a process of its own. Peak memory: the",
        "  largest of those processes' maximum resident sets (Python's own included for the peers).",
        "- skm natively reads a large file in parts, one per core (a hand-written reader), and",
        "  tallies the IKM with polars' group-bys;",
        "  *skm (native, 1 core)* is the same binary under `taskset -c 0`, the baseline for wasm32.",
        "- wasm32: the same Rust code in headless Chromium, on the page's main thread (one thread),",
        "  the file fetched from a local server inside the timing; its memory is the wasm module's",
        "  linear memory at the end. Column *× 1 core*: its time over skm's on one core.",
        "",
        "## Machine",
        "",
        f"- CPU: {v['cpu']}; memory {v['memory']}; {v['os']}",
        f"- {v['rustc']}; Python {v['python']} with pandas {v['pandas']}, DuckDB {v['duckdb']}, polars {v['polars']}"
        " (latest from PyPI at the run)",
        f"- {v['chromium']}; {v['wrk']}",
        f"- The whole run took {elapsed / 60:.1f} minutes.",
        "",
    ]
    for task, title in [("ikm", "IKM tables"), ("sla", "SLA tables")]:
        lines += [
            f"## {title}",
            "",
            "| rows | file | engine | wall time | × skm native | × 1 core | peak memory | same numbers |",
            "|---:|---:|---|---:|---:|---:|---:|---|",
        ]
        for r in (r for r in rows if r[1] == task):
            base = by[(r[0], task, "skm (native)")][3]
            one = by.get((r[0], task, ONE_CORE))
            vs_one = f"{r[3] / one[3]:.2f}" if one and "wasm32" in r[2] else ""
            mem = f"{r[5]:.0f} MB" if r[5] else "–"
            lines.append(f"| {r[0]} | {r[7]:.0f} MB | {r[2]} | {fmt_s(r[3])} s | {r[3] / base:.2f} | {vs_one} | {mem} | {r[6]} |")
        lines.append("")
    lines += [
        "## Phases",
        "",
        "skm natively (both cores), each phase timed on its own by `skm-bench phases`, median of the",
        "runs. IKM: *read* is the file read and checked into the response table, *analyse* the",
        "tables computed from it (polars). SLA: *read_and_judge* is the request file read and every",
        "request judged on the calendar, *whole* the whole analysis again, reading included.",
        "*judge_core*, *judge_polars* and *judge_polars_batches* time the judging step alone on the",
        "requests read: one item at a time by the core's rules (`skm_core::sla::deadline`, `judge`),",
        "all at once by polars lookups (`skm_analytics::working`), and by the same lookups in batches",
        "of 65 536 rows, as the reader judges them (single-threaded each; the two must agree).",
    ]
    if args.baseline:
        lines += ["", f"*{args.baseline_label}* is `{args.baseline}`, timed in turn with this build in the same run."]
    lines += ["", "| rows | task | build | phases |", "|---:|---|---|---|"]
    for size, task, label, medians in phases:
        cells = ", ".join(f"{k} {fmt_s(v)} s" for k, v in medians.items())
        lines.append(f"| {size} | {task} | {label} | {cells} |")
    lines += [""] + serve_section(loads)
    # The pemda's scale figures come from scripts/pemda-figures.sh, not from this run: kept as
    # they are, from their marker on.
    marker = PEMDA_MARKER
    kept = path.read_text().split(marker, 1)[1] if path.exists() and marker in path.read_text() else ""
    if kept:
        lines += [marker + kept.rstrip("\n"), ""]
    path.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
