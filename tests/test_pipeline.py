"""End to end on the real articles: the seeds and the dev articles build,
validate, and score at or above the bar under the project's own evaluator
(and the referee's, when ../shared is beside the repo)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.evaluate import evaluate
from kg.pipeline import build, write_outputs

from .conftest import DEV_GOLD, DEV_TEXTS, SEED_GOLD, SEEDS, SHARED

BAR = 0.60   # issue 2: overall micro-F1 on the seeds
# The seeds bars of issues 3 and 4. Positions: the seed gold ties 金壮龙's two posts
# to 中华人民共和国工业和信息化部 in one article and to 工业和信息化部 in three others;
# with one node for the ministry (as the vocabulary requires) a graph can find only
# one of each pair, so 12/14 = F1 0.923 is the ceiling (the gold graph itself scores so).
FLOORS = {"persons": 0.95, "organizations": 0.95, "initiatives": 0.9, "events": 0.9, "positions": 0.92,
          "suborganizations": 0.9, "promotes": 0.85, "participates": 0.85, "statistics": 0.9, "targets": 0.9}


def test_seeds_score_above_the_bar(seeds_build):
    result, out = seeds_build
    report = evaluate(result.graph, SEED_GOLD, SEEDS)
    assert report.overall.f1 >= BAR
    verified, total = report.evidence
    assert total and verified / total >= 0.95
    low = {k: round(s.f1, 3) for k, s in report.rows.items() if s.f1 < FLOORS[k]}
    assert not low, f"categories under their floor: {low}"


def test_dev_articles_score_above_the_bar(dev_build):
    result, _ = dev_build
    report = evaluate(result.graph, DEV_GOLD, DEV_TEXTS)
    assert report.overall.f1 >= BAR
    assert report.evidence[0] == report.evidence[1]


def test_seeds_graph_conforms_and_outputs_exist(seeds_build):
    result, out = seeds_build
    assert result.report.conforms
    assert result.articles == 5 and not result.problems
    for name in ("graph.ttl", "graph.html", "validation.txt"):
        assert (out / name).stat().st_size > 0
    assert "0 violations" in (out / "validation.txt").read_text(encoding="utf-8").replace("0 条违规", "0 violations")


def test_rebuild_gives_byte_identical_turtle(seeds_build, tmp_path):
    result, out = seeds_build
    again = build(SEEDS, validate=False)
    write_outputs(again, tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="../shared is not beside the repo")
def test_referee_agrees_with_our_evaluator(seeds_build, tmp_path):
    result, out = seeds_build
    js = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out / "graph.ttl"),
                    str(SHARED / "gold" / "seeds"), "--texts", str(SEEDS), "--json", str(js)],
                   check=True, capture_output=True)
    referee = json.loads(js.read_text(encoding="utf-8"))
    ours = evaluate(result.graph, SEED_GOLD, SEEDS)
    assert referee["overall"]["f1"] >= BAR
    assert abs(referee["overall"]["f1"] - ours.overall.f1) < 1e-9
