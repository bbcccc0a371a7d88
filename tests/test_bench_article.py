"""benchmarks/bench_article.py: the per-article cost table behind the README's single-worker figures."""
from __future__ import annotations

import importlib.util
import sys

from .conftest import ROOT, SEEDS


def _bench():
    path = ROOT / "benchmarks" / "bench_article.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_article", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def test_every_stage_of_every_article_is_timed():
    bench = _bench()
    result = bench.measure(SEEDS, limit=2, warm_up=1)
    assert result["articles"] == 2
    assert set(result["seconds"]) == set(bench.STAGES)
    assert all(seconds > 0 for seconds in result["seconds"].values())


def test_the_report_gives_each_stage_against_jiebas_cut():
    bench = _bench()
    table = bench.report({"articles": 4, "seconds": {"jieba.cut": 0.02, "normalize": 0.004,
                                                    "rules": 0.05, "fragment": 0.01}})
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ")[1:] for line in table.splitlines()
            if line.startswith("| ") and "---" not in line}
    assert rows["rules"] == ["12.50", "2.50 |"]
    assert rows["jieba.cut"] == ["5.00", "1.00 |"]
    assert rows["normalize + rules + fragment"] == ["16.00", "3.20 |"]
