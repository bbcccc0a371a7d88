#!/usr/bin/env python3
"""Benchmark `kg build` on synthetic corpora (issue 6). Run by hand:

    .venv/bin/python benchmarks/bench_build.py                    # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/bench_build.py --sizes 1000 --workers 1 2 --json /tmp/bench.json

Corpora come from ``../shared/tools/make_corpus.py N DIR`` (generated into
``--work``, default /tmp/kg-bench, never into the repository). For each size
it reports, in one run:

* the time of jieba's own segmentation of the same texts (a fresh process:
  start-up, dictionary load and ``jieba.cut`` over every article): the
  build/jieba ratio is the figure to compare across machines;
* the wall time and peak memory (largest process) of
  ``kg build --no-cache --workers W`` for each W, and its time per stage
  (``kg build --timings``), triples, and triples per second of Turtle output;
* an incremental rebuild: a build with a fresh cache, then one article added,
  then a rebuild, which must analyse only that article; at the smallest size
  the result is compared byte for byte with a clean build of the same corpus;
* growth from the smallest to the largest size;
* on the largest graph: the first-time build of the persistent query store and
  the time of every named query (kg/data/queries/*.rq) as ``kg query`` runs it
  (reopen the store, run, fetch every row; also with a parameter), and
  ``kg validate`` of the file. ``benchmarks/bench_queries.py GRAPH`` runs only
  this part on an existing graph.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"

JIEBA_SCRIPT = r"""
import glob, json, logging, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
import jieba
jieba.setLogLevel(logging.WARNING)
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
jieba.initialize()
t1 = time.perf_counter()
tokens = 0
for text in texts:
    for _ in jieba.cut(text):
        tokens += 1
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "cut_s": t2 - t1, "tokens": tokens, "chars": sum(map(len, texts))}))
"""


def timed_with_rss(cmd: list[str]) -> tuple[float, float, int, str, str]:
    """Run ``cmd`` through a tiny Python wrapper that reports wait4's ru_maxrss."""
    wrapper = ("import os, subprocess, sys, time, json\n"
               "t = time.perf_counter()\n"
               "p = subprocess.Popen(sys.argv[1:])\n"
               "_, status, ru = os.wait4(p.pid, 0)\n"
               "sys.stderr.write('\\n@@' + json.dumps({'wall': time.perf_counter() - t, 'rss_kb': ru.ru_maxrss,"
               " 'code': os.waitstatus_to_exitcode(status)}) + '\\n')\n")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True)
    head, _, tail = proc.stderr.rpartition("\n@@")
    info = json.loads(tail.strip()) if tail.strip().startswith("{") else {
        "wall": time.perf_counter() - t, "rss_kb": 0, "code": proc.returncode}
    return info["wall"], info["rss_kb"] / 1024, info["code"], proc.stdout, head


def parse_timings(stderr: str) -> dict[str, float]:
    out = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            name, _, value = line[len("timing: "):].rpartition(": ")
            out[name] = float(value)
    return out


def ensure_corpus(make_corpus: Path, n: int, work: Path) -> Path:
    folder = work / f"corpus-{n}"
    if not (folder / "manifest.csv").is_file() or len(list(folder.glob("*.txt"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(make_corpus), str(n), str(folder)], check=True)
    return folder


def jieba_time(corpus: Path) -> dict:
    wall, rss, code, out, err = timed_with_rss([sys.executable, "-c", JIEBA_SCRIPT, str(corpus)])
    if code != 0:
        raise SystemExit(f"jieba baseline failed: {err}")
    info = json.loads(out.strip().splitlines()[-1])
    info["wall_s"] = wall
    info["rss_mb"] = rss
    return info


def kg_build(kg: str, corpus: Path, out: Path, *extra: str) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    wall, rss, code, stdout, stderr = timed_with_rss([kg, "build", str(corpus), "-o", str(out), "-q",
                                                      "--timings", *extra])
    if code not in (0, 1):
        raise SystemExit(f"kg build failed ({code}):\n{stderr[-3000:]}")
    timings = parse_timings(stderr)
    return {"wall_s": wall, "rss_mb": rss, "exit": code, "timings": timings,
            "triples": int(timings.get("triples", 0)), "analysed": int(timings.get("analysed", -1))}


def add_article(folder: Path) -> str:
    """A new article: an existing one with a new first paragraph, and its manifest row."""
    first = sorted(folder.glob("*.txt"))[0]
    name = "zz_added_article.txt"
    text = ("工业和信息化部新闻发言人欧阳明远表示，2025年将实施制造业新型技术改造城市试点行动，"
            "力争到2027年培育专精特新中小企业3.5万家以上。\n\n") + first.read_text(encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    with (folder / "manifest.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write(f"{name},新增文章,新华社,2025-01-15,\n")
    return name


def incremental(kg: str, corpus: Path, work: Path, n: int, workers: int, compare: bool) -> dict:
    folder = work / f"inc-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(corpus, folder)
    cache = work / f"cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    w = ["--workers", str(workers), "--cache-dir", str(cache)]
    full = kg_build(kg, folder, work / f"inc-out-{n}", *w)
    add_article(folder)
    inc = kg_build(kg, folder, work / f"inc-out-{n}", *w)
    result = {"full": full, "incremental": inc, "speedup": full["wall_s"] / inc["wall_s"]}
    if compare:
        clean = kg_build(kg, folder, work / f"inc-clean-{n}", "--workers", str(workers), "--no-cache")
        result["clean"] = clean
        result["identical_files"] = {name: (work / f"inc-out-{n}" / name).read_bytes()
                                     == (work / f"inc-clean-{n}" / name).read_bytes()
                                     for name in ("graph.ttl", "graph.html", "validation.txt")}
        a = (work / f"inc-out-{n}" / "graph.ttl").read_bytes()
        b = (work / f"inc-clean-{n}" / "graph.ttl").read_bytes()
        result["byte_identical"] = a == b
        if a != b:
            from rdflib import Graph
            from rdflib.compare import isomorphic
            result["isomorphic"] = isomorphic(Graph().parse(data=a, format="turtle"),
                                              Graph().parse(data=b, format="turtle"))
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _query_examples(store) -> dict[str, dict[str, str]]:
    """One value for each parameter of the named queries, read from the graph."""
    from kg.query import run_query

    first = {
        "article": "SELECT ?v WHERE { ?a a kgo:Article ; dcterms:identifier ?v } LIMIT 1",
        "person": "SELECT (STR(?l) AS ?v) WHERE { ?p org:member/skos:prefLabel ?l } GROUP BY ?l "
                  "ORDER BY DESC(COUNT(*)) LIMIT 1",
        "organization": "SELECT (STR(?l) AS ?v) WHERE { ?o a kgo:Organization ; skos:prefLabel ?l ; kgo:promotes ?i } "
                        "GROUP BY ?l ORDER BY DESC(COUNT(*)) LIMIT 1",
        "year": "SELECT (STR(?y) AS ?v) WHERE { ?t kgo:targetYear/kgo:year ?y } GROUP BY ?y ORDER BY DESC(COUNT(*)) LIMIT 1",
        "indicator": "SELECT (CONCAT('<', STR(?i), '>') AS ?v) WHERE { ?f kgo:indicator ?i } GROUP BY ?i "
                     "ORDER BY DESC(COUNT(*)) LIMIT 1",
        "kind": "SELECT ('Person' AS ?v) WHERE {}",
    }
    out = {}
    for name, q in first.items():
        rows = run_query(store, q).rows
        if rows and rows[0][0]:
            out[name] = rows[0][0]
    return out


def queries(graph: Path, repeat: int = 3, work: Path | None = None, store_dir: Path | None = None) -> dict:
    """Named queries on ``graph`` as `kg query` runs them: the first-time build
    of the persistent store (in a temporary folder, or ``store_dir``, kept,
    where it is built only if missing or stale), then per query (best and
    median of ``repeat`` runs) reopening the store, running the query,
    fetching every row, and formatting them as a table."""
    import statistics
    import tempfile

    from kg.oxstore import open_store, stored_quads
    from kg.query import format_result, load_into, named_queries, prepare, run_query

    stores = store_dir or Path(tempfile.mkdtemp(prefix="kg-bench-stores-", dir=work))
    try:
        t = time.perf_counter()
        store, built = open_store(graph, load_into, store_dir=stores)
        build = time.perf_counter() - t
        disk = sum(f.stat().st_size for f in stores.rglob("*") if f.is_file())
        examples = _query_examples(store)
        del store
        out = {"store_build_s": build if built else None, "store_mb": disk / 1e6,
               "triples": stored_quads(graph, stores),
               "graph_mb": graph.stat().st_size / 1e6, "queries": {}}
        for nq in named_queries():
            runs = [({}, nq.name)] if not any(p.required for p in nq.params) else []
            runs += [({p.name: examples[p.name]}, f"{nq.name} --param {p.name}=…")
                     for p in nq.params if p.name in examples]
            for params, label in runs:
                times, rows, fmt_s = [], 0, 0.0
                for _ in range(repeat):
                    t = time.perf_counter()
                    store, _ = open_store(graph, load_into, store_dir=stores)
                    text, bindings = prepare(nq, params)
                    res = run_query(store, text, bindings=bindings)
                    times.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    format_result(res, "table")
                    fmt_s = time.perf_counter() - t
                    rows = len(res.rows)
                    del store
                out["queries"][label] = {"seconds": min(times), "median_s": statistics.median(times),
                                         "rows": rows, "limit": nq.limit, "format_s": fmt_s}
        return out
    finally:
        if store_dir is None:
            shutil.rmtree(stores, ignore_errors=True)


def fmt_row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def report_queries(q: dict) -> list[str]:
    lines = [f"## named queries on the {q.get('size', '?')}-article graph ({q['triples']:,} triples, "
             f"{q['graph_mb']:.0f} MB of Turtle)",
             "persistent store: " + (f"first build {q['store_build_s']:.1f} s" if q["store_build_s"] else "reused")
             + f" ({q['store_mb']:.0f} MB on disk); "
             "then per query: reopen + run + fetch every row (best / median), table formatting",
             "", fmt_row(["query", "best s", "median s", "rows", "default limit", "format s"]),
             fmt_row(["---"] * 6)]
    for name, info in q["queries"].items():
        lines.append(fmt_row([name, f"{info['seconds']:.3f}", f"{info['median_s']:.3f}", info["rows"],
                              info["limit"] if info["limit"] is not None else "—", f"{info['format_s']:.3f}"]))
    return lines


def _incremental_lines(inc: dict) -> list[str]:
    same = inc.get("identical_files")
    return [f"incremental: full build with cache {inc['full']['wall_s']:.1f} s, one article added "
            f"{inc['incremental']['wall_s']:.2f} s (analysed {inc['incremental']['analysed']}), "
            f"speed-up {inc['speedup']:.1f} ×"
            + (f"; clean build of the same corpus {inc['clean']['wall_s']:.1f} s" if "clean" in inc else "")
            + (", byte-identical to it: " + ", ".join(f"{k} {v}" for k, v in same.items()) if same else "")
            + (f", isomorphic: {inc['isomorphic']}" if "isomorphic" in inc else ""),
            "  incremental stages: " + ", ".join(
                f"{k} {v:.2f}" for k, v in inc["incremental"]["timings"].items() if k not in ("triples", "analysed"))]


def report(results: dict) -> str:
    lines = [f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", ""]
    stages = ["read", "cache", "load pipeline", "normalize", "analyse + extract", "fragments", "analyse (wall)", "resolve",
              "graph", "validate", "export turtle", "html graph", "export html"]
    for n, r in results["sizes"].items():
        if "jieba" not in r:            # --only-incremental
            lines.append(f"## {n} articles")
            lines.extend(_incremental_lines(r["incremental"]))
            lines.append("")
            continue
        j = r["jieba"]
        lines.append(f"## {n} articles ({j['chars']:,} characters)")
        lines.append(f"jieba: {j['wall_s']:.1f} s wall (load {j['load_s']:.1f} s, cut {j['cut_s']:.1f} s), "
                     f"{j['rss_mb']:.0f} MB")
        lines.append("")
        lines.append(fmt_row(["workers", "wall s", "× jieba", "× jieba cut", "peak MB", "triples",
                              "Turtle triples/s"] + stages))
        lines.append(fmt_row(["---"] * (7 + len(stages))))
        for w, b in r["builds"].items():
            t = b["timings"]
            tps = b["triples"] / t["export turtle"] if t.get("export turtle") else 0
            lines.append(fmt_row([w, f"{b['wall_s']:.1f}", f"{b['wall_s'] / j['wall_s']:.2f}",
                                  f"{b['wall_s'] / j['cut_s']:.2f}", f"{b['rss_mb']:.0f}", b["triples"],
                                  f"{tps:,.0f}"] + [f"{t.get(s, 0):.2f}" for s in stages]))
        lines.extend(_round_lines(r))
        if "incremental" in r:
            lines.append("")
            lines.extend(_incremental_lines(r["incremental"]))
        lines.append("")
    if "growth" in results:
        lines.append("## growth")
        for w, g in results["growth"].items():
            lines.append(f"workers {w}: time × {g['time']:.2f}, peak memory × {g['memory']:.2f} "
                         f"for × {g['articles']:.0f} articles")
        lines.append("")
    if "speedup_workers" in results:
        lines.append(f"## workers: {results['speedup_workers']}")
        lines.append("")
    if "queries" in results:
        lines.extend(report_queries(results["queries"]))
        lines.append("")
    if "validate" in results:
        v = results["validate"]
        lines.append(f"## kg validate on the {v['size']}-article graph: {v['wall_s']:.1f} s "
                     f"(build: {v['build_s']:.1f} s), exit {v['exit']}")
    return "\n".join(lines)


def measure_rounds(args: argparse.Namespace, corpus: Path, n: int) -> dict:
    """jieba and a build per worker count, ``args.rounds`` times, the order of the
    builds reversed every other round (the machine's speed drifts over minutes);
    ``jieba`` and ``builds`` are the runs of median wall time, ``rounds`` every run's."""
    rounds: list[dict] = []
    for k in range(args.rounds):
        jieba = jieba_time(corpus)
        print(f"[{n}] round {k + 1}: jieba {jieba['wall_s']:.1f} s", file=sys.stderr, flush=True)
        builds = {}
        for w in (args.workers if k % 2 == 0 else args.workers[::-1]):
            builds[w] = kg_build(args.kg, corpus, args.work / f"out-{n}-w{w}", "--workers", str(w), "--no-cache")
            print(f"[{n}] round {k + 1}: build workers={w}: {builds[w]['wall_s']:.1f} s", file=sys.stderr, flush=True)
        rounds.append({"jieba": jieba, "builds": builds})

    def median(runs: list[dict]) -> dict:
        return sorted(runs, key=lambda run: run["wall_s"])[(len(runs) - 1) // 2]

    return {"jieba": median([rd["jieba"] for rd in rounds]),
            "builds": {w: median([rd["builds"][w] for rd in rounds]) for w in args.workers},
            "rounds": [{"jieba_s": rd["jieba"]["wall_s"], **{f"workers_{w}_s": rd["builds"][w]["wall_s"]
                                                           for w in args.workers}} for rd in rounds]}


def _round_lines(r: dict) -> list[str]:
    """Each round's times and ratios (build/jieba, and one worker/more workers), when there were several."""
    rounds = r.get("rounds", [])
    if len(rounds) < 2:
        return []
    lines = ["", "rounds (wall s; the table above shows the median run of each):", ""]
    ws = sorted(int(k.split("_")[1]) for k in rounds[0] if k.startswith("workers_"))
    lines.append(fmt_row(["round", "jieba"] + [f"{w} worker(s)" for w in ws] + [f"{w} w × jieba" for w in ws]
                         + [f"1 w / {w} w" for w in ws if w != 1 and 1 in ws]))
    lines.append(fmt_row(["---"] * (2 + 2 * len(ws) + sum(1 for w in ws if w != 1 and 1 in ws))))
    for i, rd in enumerate(rounds, 1):
        lines.append(fmt_row([i, f"{rd['jieba_s']:.1f}"] + [f"{rd[f'workers_{w}_s']:.1f}" for w in ws]
                             + [f"{rd[f'workers_{w}_s'] / rd['jieba_s']:.2f}" for w in ws]
                             + [f"{rd['workers_1_s'] / rd[f'workers_{w}_s']:.2f}" for w in ws if w != 1 and 1 in ws]))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--make-corpus", type=Path, default=DEFAULT_MAKE_CORPUS)
    ap.add_argument("--kg", default=str(Path(sys.executable).with_name("kg")))
    ap.add_argument("--rounds", type=int, default=1,
                    help="measure jieba and each build this many times, alternating the order of the builds; "
                         "report the median run and every round's ratios (default 1)")
    ap.add_argument("--no-incremental", action="store_true")
    ap.add_argument("--only-incremental", action="store_true",
                    help="only the incremental rebuild (full build with a cache, one article added, rebuild, "
                         "and a clean build to compare the outputs with, at the smallest size)")
    ap.add_argument("--no-compare", action="store_true",
                    help="no clean build to compare the incremental rebuild's outputs with")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    ap.add_argument("--live", action="store_true",
                    help="run the working tree's kg, not a snapshot copied at the start")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.live:
        # run a frozen copy of the package, so that edits to the tree during a long run
        # neither mix two versions nor invalidate the incremental cache half-way
        snap = args.work / "snapshot"
        shutil.rmtree(snap, ignore_errors=True)
        for part in ("kg", "ontology"):
            shutil.copytree(ROOT / part, snap / part, ignore=shutil.ignore_patterns("__pycache__"))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snap), os.environ.get("PYTHONPATH")]))
        sys.path.insert(0, str(snap))
    results: dict = {"sizes": {}}
    sizes = sorted(args.sizes)
    if args.only_incremental:
        for n in sizes:
            corpus = ensure_corpus(args.make_corpus, n, args.work)
            results["sizes"][n] = {"incremental": incremental(args.kg, corpus, args.work, n, max(args.workers),
                                                              compare=n == sizes[0] and not args.no_compare)}
            print(f"[{n}] incremental: {results['sizes'][n]['incremental']['incremental']['wall_s']:.2f} s",
                  file=sys.stderr, flush=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        print(report(results))
        return
    for n in sizes:
        corpus = ensure_corpus(args.make_corpus, n, args.work)
        r = measure_rounds(args, corpus, n)
        if not args.no_incremental:
            r["incremental"] = incremental(args.kg, corpus, args.work, n, max(args.workers),
                                           compare=n == sizes[0] and not args.no_compare)
            print(f"[{n}] incremental: {r['incremental']['incremental']['wall_s']:.2f} s", file=sys.stderr, flush=True)
        results["sizes"][n] = r
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    if len(sizes) > 1:
        lo, hi = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        results["growth"] = {w: {"time": hi["builds"][w]["wall_s"] / lo["builds"][w]["wall_s"],
                                 "memory": hi["builds"][w]["rss_mb"] / lo["builds"][w]["rss_mb"],
                                 "articles": sizes[-1] / sizes[0]} for w in args.workers}
    big = sizes[-1]
    builds = results["sizes"][big]["builds"]
    if 1 in builds and len(builds) > 1:
        rounds = results["sizes"][big].get("rounds", [])
        results["speedup_workers"] = ", ".join(
            f"{w} workers {builds[1]['wall_s'] / builds[w]['wall_s']:.2f} × faster than 1 on {big}"
            + (f" (the median runs; per round: "
               f"{', '.join(format(rd['workers_1_s'] / rd[f'workers_{w}_s'], '.2f') for rd in rounds)})"
               if len(rounds) > 1 else "")
            for w in builds if w != 1)
    graph = args.work / f"out-{big}-w{max(args.workers)}" / "graph.ttl"
    q = queries(graph, work=args.work)
    q["size"] = big
    results["queries"] = q
    wall, rss, code, _, _ = timed_with_rss([args.kg, "validate", str(graph)])
    results["validate"] = {"size": big, "wall_s": wall, "rss_mb": rss, "exit": code,
                           "build_s": builds[max(args.workers)]["wall_s"]}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
