#!/usr/bin/env python3
"""The query part of bench_build.py on an existing graph file (issue 6):

    .venv/bin/python benchmarks/bench_queries.py /tmp/kg-bench/inc-out-10000/graph.ttl [--repeat 3]

Builds a persistent store in a temporary folder (timed), then times every
named query as ``kg query`` runs it and prints the report's table."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import queries, report_queries  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=None, help="folder for the temporary store (default: /tmp)")
    ap.add_argument("--store-dir", type=Path, default=None,
                    help="keep the store here (reused when current) instead of a temporary folder")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = ap.parse_args()
    q = queries(args.graph, repeat=args.repeat, work=args.work, store_dir=args.store_dir)
    if args.json:
        args.json.write_text(json.dumps(q, indent=1), encoding="utf-8")
    print("\n".join(report_queries(q)))


if __name__ == "__main__":
    main()
