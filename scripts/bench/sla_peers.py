"""The SLA tables of scripts/bench/run.py in pandas, DuckDB and Python polars (used by peers.py).

Each engine judges every request as skm does (crates/skm-core/src/sla.rs) and counts met,
breached and pending by service x month of receipt. What skm knows from its data files, the
office's calendar and each service's promised time, comes as data from `skm-bench
sla-reference`; the working-time arithmetic on it is written here, once, as day tables (`Days`),
and each engine applies them to the rows with its own vectorised operations:
  * a promise in minutes or hours: the first moment at which the working time since receipt
    reaches the promise (a running total of working seconds, searched; rows with other promises
    search for one second on, which keeps the search inside the table, and ignore the result);
  * in working days: the same clock time on the N-th next working day, counted from the next
    opening when received outside office hours, brought within that day's hours;
  * "sesuai permohonan": the end (23:59:59) of the date asked for;
  * a request completed before it was received is skipped, as skm skips it;
  * completed by the deadline: met; after it, or still open after it as of the judgement
    moment: breached; else pending.
Moments are local seconds: seconds since 1970-01-01 00:00 of the office's civil time.
"""
import datetime as dt

DAY = 86400
EPOCH = dt.date(1970, 1, 1).toordinal()
UNITS = {"seconds": 0, "days": 1, "as_requested": 2}


def local_seconds(text):
    """Local seconds of an ISO date-time without zone (`2026-12-31T23:59:00`)."""
    t = dt.datetime.fromisoformat(text)
    return (t.date().toordinal() - EPOCH) * DAY + t.hour * 3600 + t.minute * 60 + t.second


class Days:
    """The calendar laid out day by day from local day `base` (days since 1970-01-01), as lists
    indexed by day - base: office hours (`start[j]`, `length[j]` of the j-th range), whether the
    office works, working seconds before the day (`before`), first opening and last closing, the
    next working day after it, and each working day's rank (`rank`; `working[rank]` is the day)."""

    def __init__(self, ref, first, last):
        hours = ref["hours"]
        off = {dt.date.fromisoformat(d).toordinal() - EPOCH for d in ref["days_off"]}
        days_limit = max([l.get("amount", 0) for l in ref["limits"].values() if l["unit"] == "days"] + [0])
        secs_limit = max([l.get("amount", 0) for l in ref["limits"].values() if l["unit"] == "seconds"] + [0])
        shortest = min(sum(e - s for s, e in h) for h in hours if h)
        # Far enough past the last date for any deadline, holidays included.
        last += 30 + 2 * (days_limit + -(-secs_limit // shortest))
        self.base, n = first, last - first + 1
        ranges = max(len(h) for h in hours)
        self.start = [[0] * n for _ in range(ranges)]
        self.length = [[0] * n for _ in range(ranges)]
        self.works, self.before, self.opening, self.closing = [False] * n, [0] * n, [0] * n, [0] * n
        self.next_working, self.rank, self.working = [n - 1] * n, [0] * n, []
        total = 0
        for k in range(n):
            day = first + k
            today = [] if day in off else hours[(day + 3) % 7]  # 1970-01-01 was a Thursday
            self.before[k] = total
            for j, (s, e) in enumerate(today):
                self.start[j][k], self.length[j][k] = s, e - s
                total += e - s
            if today:
                self.works[k], self.opening[k], self.closing[k] = True, today[0][0], today[-1][1]
                self.rank[k] = len(self.working)
                self.working.append(k)
        following = n - 1
        for k in range(n - 1, -1, -1):
            self.next_working[k] = following
            if self.works[k]:
                following = k
        self.working_before = [self.before[k] for k in self.working]

    def columns(self):
        """The day table as named columns, one row per day (`k` = day - base)."""
        out = {"k": list(range(len(self.works))), "works": self.works, "before": self.before,
               "opening": self.opening, "closing": self.closing, "next_working": self.next_working,
               "rank": self.rank}
        for j in range(len(self.start)):
            out[f"s{j}"], out[f"l{j}"] = self.start[j], self.length[j]
        return out


def limits_of(ref):
    """Per service: its unit's number (UNITS) and its amount (seconds or working days)."""
    return {svc: (UNITS[l["unit"]], l.get("amount", 0)) for svc, l in ref["limits"].items()}


def tables(groups):
    """groups: [(service, 'YYYY-MM', total, met, breached, pending)] -> the tables skm-bench prints."""
    out, overall = {}, {"total": 0, "met": 0, "breached": 0, "pending": 0}
    for service, month, total, met, breached, pending in groups:
        row = {"total": int(total), "met": int(met), "breached": int(breached), "pending": int(pending)}
        out[f"{service}|{month}"] = row
        for key in overall:
            overall[key] += row[key]
    return {"overall": overall, "service_month": out}


def run_pandas(path, ref):
    import numpy as np
    import pandas as pd

    df = pd.read_csv(path, engine="pyarrow", usecols=["service", "received_at", "requested_for", "completed_at"],
                     dtype_backend="pyarrow")
    offset = ref["zone_offset_hours"] * 3600
    limits = limits_of(ref)
    df = df[df["service"].isin(list(limits))]
    received = df["received_at"].astype("int64[pyarrow]").to_numpy() + offset
    completed = df["completed_at"].astype("int64[pyarrow]").to_numpy(dtype="float64", na_value=np.nan) + offset
    asked = df["requested_for"].astype("int32[pyarrow]").to_numpy(dtype="float64", na_value=np.nan)
    # A request completed before it was received is an error in the file; skm skips it too.
    valid = ~(completed < received)
    df, received, completed, asked = df[valid], received[valid], completed[valid], asked[valid]
    service = df["service"].astype("category")
    codes = service.cat.codes.to_numpy()
    unit = np.array([limits[s][0] for s in service.cat.categories])[codes]
    amount = np.array([limits[s][1] for s in service.cat.categories], dtype="int64")[codes]

    day = received // DAY
    days = Days(ref, int(day.min()), int(max(day.max(), np.nanmax(asked, initial=day.max()))))
    c = {name: np.asarray(v) for name, v in days.columns().items()}
    ranges = len(days.start)
    k, clock = day - days.base, received % DAY
    starts, lengths = [c[f"s{j}"] for j in range(ranges)], [c[f"l{j}"] for j in range(ranges)]

    # Minutes or hours: where the running total of working seconds reaches the promise.
    # (Other rows search for one second on, which keeps the search inside the table.)
    target = (c["before"][k] + sum(np.clip(clock - s[k], 0, l[k]) for s, l in zip(starts, lengths))
              + np.where(unit == 0, amount, 1))
    d = np.asarray(days.working)[np.searchsorted(np.asarray(days.working_before), target, "left") - 1]
    rest, at, found = target - c["before"][d], np.zeros_like(target), np.zeros(len(target), dtype=bool)
    for s, l in zip(starts, lengths):
        here = ~found & (rest <= l[d])
        at = np.where(here, s[d] + rest, at)
        rest = np.where(found | here, rest, rest - l[d])
        found |= here
    by_time = (d + days.base) * DAY + at

    # Working days: from the next opening, the same clock time N working days on.
    same = c["works"][k] & (clock < c["closing"][k])
    opened_day = np.where(same, k, c["next_working"][k])
    opened = c["opening"][opened_day]
    for s, l in reversed(list(zip(starts, lengths))):
        opened = np.where(same & (s[k] + l[k] > clock), np.maximum(s[k], clock), opened)
    rank = np.minimum(c["rank"][opened_day] + np.where(unit == 1, amount, 0), len(days.working) - 1)
    due_day = np.asarray(days.working)[rank]
    by_days = (due_day + days.base) * DAY + np.clip(opened, c["opening"][due_day], c["closing"][due_day])

    by_request = np.nan_to_num(asked, nan=0).astype("int64") * DAY + DAY - 1
    due = np.select([unit == 0, unit == 1], [by_time, by_days], by_request)
    done = ~np.isnan(completed)
    as_of = local_seconds(ref["as_of"])
    met = done & (completed <= due)
    pending = ~done & (as_of <= due)
    month = (received // DAY).astype("datetime64[D]").astype("datetime64[M]").astype("int64")
    frame = pd.DataFrame({"service": service.values, "month": month, "met": met, "pending": pending,
                          "breached": ~met & ~pending})
    g = frame.groupby(["service", "month"], sort=True, observed=True)
    sums, sizes = g[["met", "breached", "pending"]].sum(), g.size()
    return tables((s, f"{1970 + m // 12:04d}-{m % 12 + 1:02d}", sizes[(s, m)], *sums.loc[(s, m)])
                  for s, m in sums.index)


def run_polars(path, ref):
    import polars as pl

    offset, limits, as_of = ref["zone_offset_hours"] * 3600, limits_of(ref), local_seconds(ref["as_of"])
    promises = pl.LazyFrame({"service": list(limits), "unit": [u for u, _ in limits.values()],
                             "amount": [a for _, a in limits.values()]},
                            schema={"service": pl.String, "unit": pl.Int64, "amount": pl.Int64})
    def moment(name):
        return pl.col(name).str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", time_unit="ms")

    df = (
        # Read as text and parsed with the format given: polars' own inference of zoned
        # date-times in the reader is 25 times slower.
        pl.scan_csv(path, schema_overrides={c: pl.String for c in ["service", "received_at", "requested_for",
                                                                    "completed_at"]})
        .select("service", (moment("received_at").dt.epoch("s") + offset).alias("received"),
                (moment("completed_at").dt.epoch("s") + offset).alias("completed"),
                pl.col("requested_for").str.to_date("%Y-%m-%d").cast(pl.Int64).alias("asked"))
        # A request completed before it was received is an error in the file; skm skips it too.
        .filter(pl.col("completed").is_null() | (pl.col("completed") >= pl.col("received")))
        .join(promises, on="service", how="inner")
        .collect()
    )
    first, last = df["received"].min() // DAY, df["received"].max() // DAY
    days = Days(ref, first, max(last, df["asked"].max() or last))
    columns = days.columns()
    ranges = len(days.start)

    def of(name, index):
        return pl.lit(pl.Series(columns[name])).gather(index)

    working, working_before = pl.lit(pl.Series(days.working)), pl.lit(pl.Series(days.working_before))
    k, clock, unit, amount = pl.col("received") // DAY - days.base, pl.col("received") % DAY, pl.col("unit"), pl.col("amount")
    worked = [pl.max_horizontal(pl.min_horizontal(clock - of(f"s{j}", k), of(f"l{j}", k)), 0) for j in range(ranges)]
    same = of("works", k) & (clock < of("closing", k))
    opened_day = pl.when(same).then(k).otherwise(of("next_working", k))
    opened = pl.when(pl.lit(False)).then(0)
    for j in range(ranges):
        s, l = of(f"s{j}", k), of(f"l{j}", k)
        opened = opened.when(same & (s + l > clock)).then(pl.max_horizontal(s, clock))
    step1 = df.lazy().with_columns(
        target=of("before", k) + pl.sum_horizontal(worked) + pl.when(unit == 0).then(amount).otherwise(1),
        opened_day=opened_day,
        opened=opened.otherwise(of("opening", opened_day)),
    )
    # Minutes or hours: the working day on which the running total reaches the promise.
    d = pl.col("d")
    rest, before = pl.col("target") - of("before", d), pl.lit(0)
    at = pl.when(pl.lit(False)).then(0)
    for j in range(ranges):
        length = of(f"l{j}", d)
        at = at.when(rest <= before + length).then(of(f"s{j}", d) + rest - before)
        before = before + length
    # Working days: from the next opening, the same clock time N working days on.
    rank = pl.min_horizontal(of("rank", pl.col("opened_day")) + pl.when(unit == 1).then(amount).otherwise(0),
                             len(days.working) - 1)
    e = pl.col("e")
    by_days = (e + days.base) * DAY + pl.col("opened").clip(of("opening", e), of("closing", e))
    due = (pl.when(unit == 0).then((d + days.base) * DAY + at.otherwise(0))
           .when(unit == 1).then(by_days)
           .otherwise(pl.col("asked") * DAY + DAY - 1))
    done = pl.col("completed").is_not_null()
    met, pending = done & (pl.col("completed") <= due), ~done & (as_of <= due)
    date = (pl.col("received") // DAY).cast(pl.Int32).cast(pl.Date)
    out = (
        step1.with_columns(d=working.gather(working_before.search_sorted(pl.col("target"), side="left") - 1),
                           e=working.gather(rank))
        .select("service", date.dt.year().alias("year"), date.dt.month().alias("month"),
                met.alias("met"), pending.alias("pending"), (~met & ~pending).alias("breached"))
        .group_by("service", "year", "month")
        .agg(pl.len().alias("total"), pl.col("met").sum(), pl.col("breached").sum(), pl.col("pending").sum())
        .sort("service", "year", "month")
        .collect()
    )
    return tables((r[0], f"{r[1]:04d}-{r[2]:02d}", *r[3:]) for r in out.iter_rows())


def run_duckdb(path, ref):
    import duckdb
    import pyarrow as pa

    offset, limits, as_of = ref["zone_offset_hours"] * 3600, limits_of(ref), local_seconds(ref["as_of"])
    con = duckdb.connect()
    promises = pa.table({"service": list(limits), "unit": [u for u, _ in limits.values()],
                         "amount": [a for _, a in limits.values()]})
    cols = {"id": "VARCHAR", "service": "VARCHAR", "channel": "VARCHAR", "requester": "VARCHAR",
            "received_at": "TIMESTAMPTZ", "requested_for": "DATE", "completed_at": "TIMESTAMPTZ", "status": "VARCHAR"}
    con.execute(
        f"""CREATE TEMP TABLE r AS
        SELECT service, unit, amount, received, completed, asked, received // {DAY} AS day, received % {DAY} AS clock
        FROM (SELECT service, epoch(received_at)::BIGINT + {offset} AS received,
                     epoch(completed_at)::BIGINT + {offset} AS completed,
                     requested_for - DATE '1970-01-01' AS asked
              FROM read_csv(?, header = true, columns = {cols!r})) JOIN promises USING (service)
        -- A request completed before it was received is an error in the file; skm skips it too.
        WHERE completed IS NULL OR completed >= received""",
        [path],
    )
    first, last, asked = con.execute("SELECT min(day), max(day), max(asked) FROM r").fetchone()
    days = Days(ref, first, max(last, asked or last))
    calendar = pa.table(days.columns())
    working = pa.table({"rank": list(range(len(days.working))), "k": days.working, "before": days.working_before})
    ranges = range(len(days.start))
    worked = " + ".join(f"greatest(least(clock - d.s{j}, d.l{j}), 0)" for j in ranges)
    same = "d.works AND clock < d.closing"
    opened_same = " ".join(f"WHEN {same} AND d.s{j} + d.l{j} > clock THEN greatest(d.s{j}, clock)" for j in ranges)
    at, before = [], "0"
    for j in ranges:
        at.append(f"WHEN rest <= {before} + t.l{j} THEN t.s{j} + rest - ({before})")
        before += f" + t.l{j}"
    tallies = con.execute(
        f"""WITH x AS (
            SELECT r.*, d.before + {worked} + CASE WHEN unit = 0 THEN amount ELSE 1 END AS target,
                   CASE WHEN {same} THEN d.k ELSE d.next_working END AS opened_day,
                   CASE {opened_same} END AS opened_same
            FROM r JOIN calendar d ON d.k = r.day - {days.base}),
        -- Minutes or hours: the working day on which the running total reaches the promise.
        by_time AS (
            SELECT x.*, (w.k + {days.base}) * {DAY} + CASE {" ".join(at)} END AS due_time
            FROM (SELECT x.*, x.target - w.before AS rest, w.k AS due_k FROM x ASOF JOIN working w ON x.target > w.before) x
            JOIN working w ON w.k = x.due_k JOIN calendar t ON t.k = x.due_k),
        -- Working days: from the next opening, the same clock time N working days on.
        by_days AS (
            SELECT y.*, (e.k + {days.base}) * {DAY} + least(greatest(y.opened, e.opening), e.closing) AS due_days
            FROM (SELECT b.*, coalesce(b.opened_same, o.opening) AS opened,
                         least(o.rank + CASE WHEN unit = 1 THEN amount ELSE 0 END, {len(days.working) - 1}) AS due_rank
                  FROM by_time b JOIN calendar o ON o.k = b.opened_day) y
            JOIN working w ON w.rank = y.due_rank JOIN calendar e ON e.k = w.k),
        judged AS (
            SELECT service, year(make_date(day::INTEGER)) AS y, month(make_date(day::INTEGER)) AS m, completed,
                   CASE unit WHEN 0 THEN due_time WHEN 1 THEN due_days ELSE asked * {DAY} + {DAY - 1} END AS due
            FROM by_days)
        SELECT service, y, m, count(*),
               count(*) FILTER (completed IS NOT NULL AND completed <= due),
               count(*) FILTER (NOT (completed IS NOT NULL AND completed <= due) AND NOT (completed IS NULL AND {as_of} <= due)),
               count(*) FILTER (completed IS NULL AND {as_of} <= due)
        FROM judged GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    return tables((s, f"{y:04d}-{m:02d}", *rest) for s, y, m, *rest in tallies)
