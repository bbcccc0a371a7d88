#!/usr/bin/env python3
"""What one article costs, stage by stage, against jieba's own cut of it (issue 6):

    .venv/bin/python benchmarks/bench_article.py                 # the 1,000-article synthetic corpus
    .venv/bin/python benchmarks/bench_article.py seeds --limit 5

In one process, for each article in turn: ``jieba.cut`` of its raw text, then
our normalization, rules (``kg.nlp.analyze``) and graph fragment
(``kg.fragment.make_fragment``) of the same article, each timed by CPU time,
with the cyclic collector off. Alternating the stages article by article keeps
the ratios steady on a loaded machine, where wall times of separate runs drift.
The ratios tell how far the per-article work alone is from the single-worker
bar (a whole build ≤ 2 × jieba), before start-up, the global section, SHACL,
the Turtle and the page are counted."""
from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import DEFAULT_MAKE_CORPUS, ensure_corpus  # noqa: E402

STAGES = ("jieba.cut", "normalize", "rules", "fragment")


def measure(corpus: Path, limit: int | None = None, warm_up: int = 20) -> dict:
    import jieba

    from kg.fragment import make_fragment
    from kg.nlp import analyze, build_nlp
    from kg.normalize import normalize
    from kg.read import read_corpus

    jieba.setLogLevel(logging.WARNING)
    raws, _ = read_corpus(corpus)
    raws = raws[:limit] if limit else raws
    if not raws:
        raise SystemExit(f"no article in {corpus}")
    nlp = build_nlp()
    jieba.initialize()
    for raw in raws[:warm_up]:            # patterns compiled, caches filled
        make_fragment(analyze(normalize(raw), nlp))
    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    was_on = gc.isenabled()
    gc.disable()
    try:
        for raw in raws:
            t0 = clock()
            for _ in jieba.cut(raw.text):
                pass
            t1 = clock()
            document = normalize(raw)
            t2 = clock()
            extraction = analyze(document, nlp)
            t3 = clock()
            make_fragment(extraction)
            t4 = clock()
            for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[stage] += seconds
    finally:
        if was_on:
            gc.enable()
    return {"articles": len(raws), "seconds": spent}


def report(result: dict) -> str:
    n, spent = result["articles"], result["seconds"]
    jieba_s = spent["jieba.cut"] or 1e-9
    ours = sum(spent[s] for s in STAGES[1:])
    lines = [f"{n} articles, CPU ms per article (× jieba.cut of the same article)", "",
             "| stage | ms / article | × jieba.cut |", "| --- | --- | --- |"]
    for stage in STAGES:
        lines.append(f"| {stage} | {spent[stage] * 1e3 / n:.2f} | {spent[stage] / jieba_s:.2f} |")
    lines.append(f"| normalize + rules + fragment | {ours * 1e3 / n:.2f} | {ours / jieba_s:.2f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?",
                    help="a folder of articles (default: a synthetic corpus of --size articles)")
    ap.add_argument("--size", type=int, default=1000, help="synthetic corpus size when no folder is given")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"), help="where synthetic corpora are made")
    ap.add_argument("--make-corpus", type=Path, default=DEFAULT_MAKE_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = ap.parse_args()
    corpus = args.corpus or ensure_corpus(args.make_corpus, args.size, args.work)
    result = measure(corpus, args.limit)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(report(result))


if __name__ == "__main__":
    main()
