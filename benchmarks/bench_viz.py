#!/usr/bin/env python3
"""Benchmark the HTML page (kg/viz.py) on a built graph. Run by hand:

    .venv/bin/python benchmarks/bench_viz.py /tmp/kg-bench/out-1000-w1/graph.ttl
    .venv/bin/python benchmarks/bench_viz.py GRAPH.ttl --repeat 3 --focus 金壮龙 --max-nodes 2000

Parses GRAPH once into the lean store (as ``kg build`` hands it to
``write_html``, and as ``kg viz`` reads it), then times ``write_html`` several
times and reports the page's size, nodes and edges drawn. Times are wall
times on a shared machine: repeat, and compare ratios.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.store import load_lean_graph
from kg.viz import write_html


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--focus")
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--max-nodes", type=int, default=2000)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    g = load_lean_graph(args.graph)
    print(f"parsed {len(g):,} triples in {time.perf_counter() - start:.1f} s")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.html"
        for i in range(args.repeat):
            start = time.perf_counter()
            write_html(g, out, focus=args.focus, depth=args.depth, max_nodes=args.max_nodes)
            times.append(time.perf_counter() - start)
            print(f"write_html #{i + 1}: {times[-1]:.2f} s")
        page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    print(f"median {statistics.median(times):.2f} s; page {len(page.encode()) / 1e6:.2f} MB, "
          f"{len(data['nodes']):,} nodes, {len(data['edges']):,} edges, {len(data['texts']):,} shared texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
