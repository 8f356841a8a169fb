"""The tables of scripts/bench/run.py in pandas, DuckDB and Python polars.

    python peers.py ikm pandas|duckdb|polars RESPONSES.csv RUNS
    python peers.py sla pandas|duckdb|polars REQUESTS.csv REFERENCE.json RUNS

Prints one JSON object: the engine, the wall time of each run (from reading the CSV to the
finished tables, in this process) and the tables of the last run, in the shape skm-bench prints.
Each engine is used as an analyst would use it at its best: typed columns, the engine's own
group-by, all cores (two here).

IKM (this file): overall, by service x quarter and by each profile answer: respondents, NRR per
element, IKM. Like skm, a date's quarter is taken from the date as written (local time), an age
outside 15-100 counts as not given, and the IKM is 25 x the mean of the nine NRRs.
SLA (sla_peers.py): met, breached and pending by service x month, judged on the calendar and
promised times of REFERENCE.json (`skm-bench sla-reference`).
"""
import json
import sys
import time

U = [f"u{i}" for i in range(1, 10)]
AGE_EDGES = [20, 30, 40, 50, 60]
AGE_CODES = ["<=20", "21-30", "31-40", "41-50", "51-60", ">60"]
PROFILE = ["gender", "age_band", "education", "occupation"]


def ikm_of(nrr):
    return None if any(v is None for v in nrr) else 25.0 * sum(nrr) / 9.0


def clean(v):
    """A float, or None for a missing value (NaN)."""
    if v is None:
        return None
    v = float(v)
    return None if v != v else v


def tables(overall, groups, profile):
    """overall: (n, nrr); groups: [(service, period, n, nrr)]; profile: [(field, value, n, nrr)]."""
    row = lambda n, nrr: {"n": int(n), "nrr": [clean(x) for x in nrr], "ikm": ikm_of([clean(x) for x in nrr])}
    return {
        "overall": row(*overall),
        "service_quarter": {f"{s}|{p}": row(n, nrr) for s, p, n, nrr in groups},
        "profile": {
            f"{f}|{'-' if v is None else v}": {"n": int(n), "ikm": ikm_of([clean(x) for x in nrr])}
            for f, v, n, nrr in profile
        },
    }


def run_pandas(path):
    import numpy as np
    import pandas as pd

    df = pd.read_csv(
        path,
        engine="pyarrow",
        usecols=["submitted_at", "service", *U, "gender", "age", "education", "occupation"],
        dtype={"submitted_at": "string", "service": "string", "gender": "string", "education": "string",
               "occupation": "string", **{u: "float64" for u in U}, "age": "float64"},
    )
    year = df["submitted_at"].str.slice(0, 4)
    quarter = (df["submitted_at"].str.slice(5, 7).astype("int64") - 1) // 3 + 1
    df["period"] = year + "-Q" + quarter.astype("string")
    age = df["age"]
    band = pd.cut(age, bins=[-np.inf, *AGE_EDGES, np.inf], labels=AGE_CODES).astype("object")
    band[(age < 15) | (age > 100) | age.isna()] = None
    df["age_band"] = band
    g = df.groupby(["service", "period"], sort=True)
    means, sizes = g[U].mean(), g.size()
    groups = [(s, p, sizes[(s, p)], means.loc[(s, p)].tolist()) for s, p in means.index]
    overall = (len(df), df[U].mean().tolist())
    profile = []
    for f in PROFILE:
        g = df.groupby(f, dropna=False, sort=True)
        m, n = g[U].mean(), g.size()
        for v in m.index:
            profile.append((f, None if pd.isna(v) else v, n[v], m.loc[v].tolist()))
    return tables(overall, groups, profile)


def run_duckdb(path):
    import duckdb

    con = duckdb.connect()
    cols = {"id": "VARCHAR", "submitted_at": "VARCHAR", "service": "VARCHAR", **{u: "TINYINT" for u in U},
            "gender": "VARCHAR", "age": "INTEGER", "education": "VARCHAR", "occupation": "VARCHAR",
            "suggestion": "VARCHAR"}
    con.execute(
        f"""CREATE TEMP TABLE r AS SELECT service, {", ".join(U)}, gender, education, occupation,
        substr(submitted_at, 1, 4) || '-Q' || ((CAST(substr(submitted_at, 6, 2) AS INTEGER) - 1) // 3 + 1) AS period,
        CASE WHEN age IS NULL OR age < 15 OR age > 100 THEN NULL
             WHEN age <= 20 THEN '<=20' WHEN age <= 30 THEN '21-30' WHEN age <= 40 THEN '31-40'
             WHEN age <= 50 THEN '41-50' WHEN age <= 60 THEN '51-60' ELSE '>60' END AS age_band
        FROM read_csv(?, header = true, columns = {cols!r})""",
        [path],
    )
    avgs = ", ".join(f"avg({u})" for u in U)
    groups = [(s, p, n, list(rest)) for s, p, n, *rest in
              con.execute(f"SELECT service, period, count(*), {avgs} FROM r GROUP BY ALL ORDER BY ALL").fetchall()]
    n, *nrr = con.execute(f"SELECT count(*), {avgs} FROM r").fetchone()
    profile = []
    for f in PROFILE:
        for v, n2, *rest in con.execute(f"SELECT {f}, count(*), {avgs} FROM r GROUP BY ALL ORDER BY ALL").fetchall():
            profile.append((f, v, n2, list(rest)))
    return tables((n, nrr), groups, profile)


def run_polars(path):
    import polars as pl

    lf = pl.scan_csv(
        path,
        schema_overrides={"submitted_at": pl.String, "service": pl.String, **{u: pl.Int8 for u in U},
                          "gender": pl.String, "age": pl.Int32, "education": pl.String, "occupation": pl.String},
    ).select(
        "service", *U, "gender", "education", "occupation",
        (pl.col("submitted_at").str.slice(0, 4) + "-Q"
         + ((pl.col("submitted_at").str.slice(5, 2).cast(pl.Int32) - 1) // 3 + 1).cast(pl.String)).alias("period"),
        pl.when(~pl.col("age").is_between(15, 100)).then(None)
        .when(pl.col("age") <= 20).then(pl.lit("<=20"))
        .when(pl.col("age") <= 30).then(pl.lit("21-30"))
        .when(pl.col("age") <= 40).then(pl.lit("31-40"))
        .when(pl.col("age") <= 50).then(pl.lit("41-50"))
        .when(pl.col("age") <= 60).then(pl.lit("51-60"))
        .otherwise(pl.lit(">60")).alias("age_band"),
    )
    df = lf.collect()
    aggs = [pl.len().alias("n"), *[pl.col(u).mean() for u in U]]
    frames = pl.collect_all([
        df.lazy().group_by("service", "period").agg(aggs).sort("service", "period"),
        df.lazy().select(aggs),
        *[df.lazy().group_by(f).agg(aggs).sort(f) for f in PROFILE],
    ])
    groups = [(r[0], r[1], r[2], list(r[3:])) for r in frames[0].iter_rows()]
    o = frames[1].row(0)
    profile = []
    for f, frame in zip(PROFILE, frames[2:]):
        for r in frame.iter_rows():
            profile.append((f, r[0], r[1], list(r[2:])))
    return tables((o[0], list(o[1:])), groups, profile)


def main():
    task, engine, files, runs = sys.argv[1], sys.argv[2], sys.argv[3:-1], int(sys.argv[-1])
    if task == "ikm":
        fn = {"pandas": run_pandas, "duckdb": run_duckdb, "polars": run_polars}[engine]
        args = files
    else:
        import sla_peers

        fn = {"pandas": sla_peers.run_pandas, "duckdb": sla_peers.run_duckdb, "polars": sla_peers.run_polars}[engine]
        args = [files[0], json.loads(open(files[1]).read())]
    # Imports are not part of the computation: load the engine before the clock starts.
    for module in {"pandas": ["numpy", "pandas", "pyarrow"], "duckdb": ["duckdb", "pyarrow"], "polars": ["polars"]}[engine]:
        __import__(module)
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"engine": engine, "task": task, "seconds": seconds, "tables": result}))


if __name__ == "__main__":
    main()
