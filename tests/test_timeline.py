"""`kg timeline` and kg.timeline: an indicator's values over time, targets met
or missed, conflicting statistics, and the named query behind them."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kg.cli import cli
from kg.errors import InputError
from kg.namespaces import KGO, KGR
from kg.query import load_store, run_query
from kg.resources import data_file, read_text
from kg.timeline import AmbiguousIndicator, find_indicator, format_timeline, indicators, timeline

SERIES = read_text("queries", "indicator_series.rq")


# ------------------------------------------------------------------ the seeds

@pytest.fixture(scope="module")
def seeds_ttl(seeds_build):
    return seeds_build[1] / "graph.ttl"


def test_seeds_5g_series_across_three_articles(seeds_ttl) -> None:
    tl = timeline(seeds_ttl, "5G基站")
    assert {"累计建成5G基站", "我国5G基站总数", "建成开通5G基站"} <= set(tl.indicator.labels)
    got = [(r.value, r.year, r.as_of, r.article[:3], r.kind) for r in tl.rows]
    assert got == [(Decimal(2280000), 2022, None, "004", "statistic"),
                   (Decimal(3282000), 2023, "2023-11", "001", "statistic"),
                   (Decimal(3282000), None, None, "000", "statistic")]
    assert tl.marks == []                        # an update and an unknown year: no conflict
    assert all(r.evidence and r.unit == "个" for r in tl.rows)


def test_seeds_target_for_2023_met_by_a_later_statistic(seeds_ttl) -> None:
    tl = timeline(seeds_ttl, "专精特新中小企业")
    (target,) = tl.targets()
    assert target.comparator == "AtLeast" and target.year == 2023 and target.article.startswith("004")
    met = [m for m in tl.marks if m.kind == "met"]
    assert len(met) == 1
    ti, si = met[0].rows
    assert tl.rows[ti] == target
    stat = tl.rows[si]
    assert stat.value >= target.value and stat.year == 2023 and stat.article[:3] in ("001", "002")
    assert not [m for m in tl.marks if m.kind == "conflict"]    # 10.3万 twice: they agree


def test_seeds_one_month_and_three_quarters_are_not_a_conflict(seeds_ttl) -> None:
    """9月 4.5% and 前三季度 4% both end in September: different periods, not a conflict."""
    tl = timeline(seeds_ttl, "规模以上工业增加值同比增长")
    periods = {r.period for r in tl.rows}
    assert {"9月", "前三季度"} <= periods
    assert tl.marks == []
    years = [r.year for r in tl.rows]
    assert years == sorted(years)


def test_rdflib_graph_and_store_give_the_same_timeline(seeds_build, seeds_ttl) -> None:
    a = timeline(seeds_build[0].graph, "5G基站")
    b = timeline(load_store(seeds_ttl), "5G基站")
    assert a.rows == b.rows and a.indicator == b.indicator


# ------------------------------------------------------------------ articles of our own

ARTICLES = {
    "t1.txt": ("2023-01-10", "会议提出，力争到2023年底，全国5G基站总数超过290万个，高新技术企业达到50万家。\n\n"
                             "2022年，全国规模以上工业增加值同比增长3.6%。"),
    "t2.txt": ("2023-07-20", "截至6月底，我国累计建成5G基站293.7万个。\n\n上半年，规模以上工业增加值同比增长3.8%。"),
    "t3.txt": ("2024-01-19", "2023年，全国高新技术企业达到46.5万家。2023年，我国5G基站总数达到337.7万个。\n\n"
                             "2023年上半年，规模以上工业增加值同比增长3.9%。"),
}


@pytest.fixture(scope="module")
def own_ttl(tmp_path_factory):
    from kg.pipeline import build, write_outputs

    folder = tmp_path_factory.mktemp("timeline_texts")
    lines = ["file,title,publisher,issued,url"]
    for name, (issued, text) in ARTICLES.items():
        (folder / name).write_text(f"工业和信息化部发布数据\n\n{text}\n", encoding="utf-8")
        lines.append(f"{name},工业和信息化部发布数据,经济日报,{issued},")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("timeline_out")
    write_outputs(build(folder, validate=False), out)
    return out / "graph.ttl"


def _mark(tl, kind):
    found = [m for m in tl.marks if m.kind == kind]
    assert len(found) == 1, tl.marks
    return [tl.rows[i] for i in found[0].rows]


def test_target_met_by_the_first_statistic_that_reaches_it(own_ttl) -> None:
    tl = timeline(own_ttl, "5G基站")
    target, stat = _mark(tl, "met")
    assert (target.value, target.article, target.comparator) == (Decimal(2900000), "t1.txt", "AtLeast")
    assert (stat.value, stat.as_of, stat.article) == (Decimal(2937000), "2023-06-30", "t2.txt")
    assert not [m for m in tl.marks if m.kind != "met"]


def test_target_missed_by_the_year_end_statistic(own_ttl) -> None:
    tl = timeline(own_ttl, "高新技术企业")
    target, stat = _mark(tl, "missed")
    assert target.value == Decimal(500000) and target.year == 2023
    assert stat.value == Decimal(465000) and stat.article == "t3.txt"
    assert "missed" in format_timeline(tl)


def test_same_period_disagreeing_is_a_conflict_other_periods_an_update(own_ttl) -> None:
    tl = timeline(own_ttl, "规模以上工业增加值同比增长")
    a, b = _mark(tl, "conflict")
    assert {a.value, b.value} == {Decimal("3.8"), Decimal("3.9")} and {a.article, b.article} == {"t2.txt", "t3.txt"}
    assert [r.value for r in tl.rows][0] == Decimal("3.6")          # 2022 first: oldest first


# ------------------------------------------------------------------ the rules, on graphs made by hand

def _graph(*figures: dict) -> Graph:
    g = Graph()
    ind = KGR["indicator/x"]
    g.add((ind, RDF.type, KGO.Indicator))
    g.add((ind, SKOS.prefLabel, Literal("退税平均时间", lang="zh")))
    for n, f in enumerate(figures):
        node = KGR[f"{f['kind']}/f{n}"]
        art = KGR[f"article/{f['article']}"]
        g.add((node, RDF.type, KGO.Target if f["kind"] == "target" else KGO.Statistic))
        g.add((node, KGO.indicator, ind))
        g.add((node, KGO.value, Literal(f["value"], datatype=XSD.decimal)))
        g.add((node, KGO.unit, Literal(f.get("unit", "个工作日"))))
        g.add((node, KGO.evidence, Literal(f"句子{n}", lang="zh")))
        g.add((node, PROV.wasDerivedFrom, art))
        g.add((art, DCTERMS.identifier, Literal(f"{f['article']}.txt")))
        g.add((art, DCTERMS.issued, Literal(f["issued"], datatype=XSD.date)))
        if f.get("year"):
            year = KGR[f"year/{f['year']}"]
            g.add((node, KGO.targetYear if f["kind"] == "target" else KGO.refYear, year))
            g.add((year, KGO.year, Literal(str(f["year"]), datatype=XSD.gYear)))
        if f.get("comparator"):
            g.add((node, KGO.comparator, KGO[f["comparator"]]))
        if f.get("as_of"):
            g.add((node, KGO.asOf, Literal(f["as_of"], datatype=XSD.gYearMonth)))
        if f.get("period"):
            g.add((node, KGO.period, Literal(f["period"])))
    return g


TARGET = dict(kind="target", value="6", comparator="AtMost", year=2024, article="plan", issued="2024-01-05")


def test_at_most_target_met_only_by_a_reading_at_the_deadline() -> None:
    early = dict(kind="statistic", value="5", year=2024, as_of="2024-06", period="上半年", article="mid",
                 issued="2024-07-10")
    assert timeline(_graph(TARGET, early), "退税平均时间").marks == []     # could still rise
    final = dict(kind="statistic", value="5", year=2024, article="review", issued="2025-01-10")
    kinds = [m.kind for m in timeline(_graph(TARGET, early, final), "退税平均时间").marks]
    assert kinds == ["met"]
    over = dict(final, value="7")
    assert [m.kind for m in timeline(_graph(TARGET, over), "退税平均时间").marks] == ["missed"]


def test_comparators_are_respected() -> None:
    target = dict(TARGET, value="100", comparator="AtLeast", unit="家")
    base = dict(kind="statistic", year=2024, article="review", issued="2025-01-10", unit="家")
    cases = {("99", "AtLeast"): None,        # 超过99: may or may not have reached 100
             ("99", "AtMost"): "missed",     # 不到99
             ("100", None): "met",
             ("104", "About"): None,         # 104左右 may be 98.8
             ("106", "About"): "met",
             ("150", "AtMost"): None}
    for (value, comparator), expected in cases.items():
        stat = dict(base, value=value, comparator=comparator)
        kinds = [m.kind for m in timeline(_graph(target, stat), "退税平均时间").marks]
        assert kinds == ([expected] if expected else []), (value, comparator, kinds)


def test_other_units_earlier_statistics_and_undated_targets_are_not_judged() -> None:
    target = dict(TARGET, value="100", comparator="AtLeast", unit="家")
    other_unit = dict(kind="statistic", value="150", unit="个", year=2024, article="r", issued="2025-01-10")
    before = dict(kind="statistic", value="150", unit="家", year=2023, article="old", issued="2023-12-20")
    assert timeline(_graph(target, other_unit, before), "退税平均时间").marks == []
    undated = {k: v for k, v in target.items() if k != "year"}
    later = dict(other_unit, unit="家")
    assert timeline(_graph(undated, later), "退税平均时间").marks == []


def test_about_values_that_overlap_agree() -> None:
    a = dict(kind="statistic", value="10.3", unit="%", comparator=None, year=2024, as_of="2024-06", period="上半年",
             article="a", issued="2024-07-15")
    b = dict(a, value="10", comparator="About", article="b")
    c = dict(a, value="11", article="c")
    kinds = [(m.kind, m.rows) for m in timeline(_graph(a, b, c), "退税平均时间").marks]
    assert len(kinds) == 2 and all(k == "conflict" for k, _ in kinds)     # 11 disagrees with both, 10左右 ≈ 10.3


# ------------------------------------------------------------------ finding the indicator

def test_find_indicator_exact_key_substring_iri_and_ambiguous(seeds_ttl) -> None:
    store = load_store(seeds_ttl)
    exact = find_indicator(store, "我国5G基站总数")
    assert find_indicator(store, "5G基站") == exact                       # the same measure, by key
    assert find_indicator(store, "5G基站总数占全球") != exact              # a substring of one label only
    assert find_indicator(store, f"<{exact.iri}>") == exact
    assert find_indicator(store, "kgr:" + exact.iri.split("/resource/")[1]) == exact
    with pytest.raises(AmbiguousIndicator) as info:
        find_indicator(store, "小巨人")
    assert len(info.value.candidates) >= 2
    assert all("小巨人" in "".join(c.labels) for c in info.value.candidates)
    with pytest.raises(InputError):
        find_indicator(store, "量子计算机")
    assert len(indicators(store)) == len({m.iri for m in indicators(store)})


# ------------------------------------------------------------------ the command

def test_cli_table_csv_json(seeds_ttl) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["timeline", str(seeds_ttl), "5G基站"])
    assert res.exit_code == 0, res.output
    assert res.output.index("2,280,000") < res.output.index("3,282,000")
    assert "(3 rows)" in res.output
    res = runner.invoke(cli, ["timeline", str(seeds_ttl), "5G基站", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert [r["value"] for r in rows] == ["2280000", "3282000", "3282000"]
    assert rows[1]["asOf"] == "2023-11" and rows[2]["year"] == ""
    res = runner.invoke(cli, ["timeline", str(seeds_ttl), "专精特新中小企业", "--format", "json"])
    doc = json.loads(res.output)
    assert doc["indicator"]["label"] and any(m["kind"] == "met" for m in doc["marks"])
    assert all(Decimal(r["value"]) > 0 for r in doc["rows"])


def test_cli_ambiguous_or_unknown_indicator_exits_2(seeds_ttl, tmp_path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["timeline", str(seeds_ttl), "小巨人"])
    assert res.exit_code == 2
    assert "小巨人企业营收利润率" in res.output and "专精特新小巨人企业" in res.output
    assert runner.invoke(cli, ["timeline", str(seeds_ttl), "不存在的指标"]).exit_code == 2
    assert runner.invoke(cli, ["timeline", str(tmp_path / "none.ttl"), "5G基站"]).exit_code == 2


# ------------------------------------------------------------------ the named query

def test_named_query_lists_every_series_oldest_first(seeds_ttl) -> None:
    store = load_store(seeds_ttl)
    res = run_query(store, SERIES)
    rows = [dict(zip(res.columns, r)) for r in res.rows]
    g = Graph().parse(seeds_ttl)
    assert len(rows) == len(set(g.subjects(RDF.type, KGO.Statistic)) | set(g.subjects(RDF.type, KGO.Target)))
    by_indicator: dict[str, list] = {}
    for r in rows:
        by_indicator.setdefault(r["indicator"], []).append(r)
    for series in by_indicator.values():
        years = [r["year"] for r in series]
        known = [y for y in years if y]
        assert known == sorted(known) and years == known + [None] * (len(years) - len(known))


def test_named_query_bound_gives_the_timeline_rows(seeds_ttl) -> None:
    store = load_store(seeds_ttl)
    tl = timeline(store, "5G基站")
    res = run_query(store, SERIES, bindings={"indicator": ox.NamedNode(tl.indicator.iri)})
    assert sorted(r[res.columns.index("figure")] for r in res.rows) == sorted(r.figure for r in tl.rows)


def test_named_query_runs_from_kg_query(seeds_ttl) -> None:
    out = CliRunner().invoke(cli, ["query", str(seeds_ttl), "--file", str(data_file("queries", "indicator_series.rq")),
                                   "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert {"indicator", "kind", "value", "unit", "year", "asOf", "period", "article", "evidence"} <= set(rows[0])
    assert {r["kind"] for r in rows} == {"statistic", "target"}
