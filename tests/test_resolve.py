"""Resolution: one real thing, one node; different things never merged."""
from __future__ import annotations

import pytest

from kg.models import Kind
from kg.resolve import is_short_form, resolve, stable_id

from .conftest import analyze_text


def entity_of(res, doc_id, kind, label):
    return res.lookup(doc_id, kind, label)


def test_short_and_full_names_of_a_ministry_are_one_entity():
    a = analyze_text("工信部部长金壮龙表示，将推进新型工业化。", doc_id="a.txt")
    b = analyze_text("中华人民共和国工业和信息化部发布通知。工业和信息化部将加强指导。", doc_id="b.txt")
    res = resolve([a, b])
    miit = entity_of(res, "a.txt", Kind.ORGANIZATION, "工信部")
    assert miit is entity_of(res, "b.txt", Kind.ORGANIZATION, "中华人民共和国工业和信息化部")
    assert miit is entity_of(res, "b.txt", Kind.ORGANIZATION, "工业和信息化部")
    assert miit.label == "工业和信息化部"
    assert {"工信部", "中华人民共和国工业和信息化部"} <= miit.aliases
    assert miit.articles == {"a.txt", "b.txt"}
    assert miit.merge_reasons, "a merge must say why"


def test_a_body_and_its_department_stay_apart():
    ex = analyze_text("工业和信息化部办公厅印发通知，工业和信息化部将加快推进。", doc_id="c.txt")
    res = resolve([ex])
    office = entity_of(res, "c.txt", Kind.ORGANIZATION, "工业和信息化部办公厅")
    ministry = entity_of(res, "c.txt", Kind.ORGANIZATION, "工业和信息化部")
    assert office is not ministry


@pytest.mark.parametrize("short, full, same", [
    ("稳增长工作方案", "10个重点工业行业稳增长工作方案", True),
    ("REITs试点", "基础设施领域不动产投资信托基金（REITs）试点", True),
    ("第二批试点", "第一批试点", False),
    ("2025年行动计划", "2027年行动计划", False),
    ("数字化转型行动", "制造业数字化转型行动计划", False),   # another head noun
])
def test_short_forms(short, full, same):
    assert is_short_form(short, full) is same


def test_batches_and_years_never_merge_across_articles():
    a = analyze_text("启动第一批中小企业数字化转型城市试点。", doc_id="a.txt")
    b = analyze_text("启动第二批中小企业数字化转型城市试点。", doc_id="b.txt")
    res = resolve([a, b])
    inits = [e for (k, _), e in res.entities.items() if k is Kind.INITIATIVE]
    assert len({e.uid for e in inits}) == len(inits) >= 1
    names = {e.label for e in inits}
    assert not any("第一批" in n and "第二批" in n for n in names)


def test_ids_are_stable_and_ascii():
    assert stable_id("Organization", "miit") == stable_id("Organization", "miit")
    assert stable_id("Organization", "miit") != stable_id("Person", "miit")
    assert stable_id("Person", "金壮龙").isascii()


def test_explain_shows_labels_sources_and_merge_reasons(tmp_path):
    from kg.explain import explain, format_explanation
    from kg.graph import to_rdf

    a = analyze_text("工信部部长金壮龙表示，将深入实施“一起益企”行动。", doc_id="a.txt")
    b = analyze_text("工业和信息化部将开展“一起益企”行动。党的二十届三中全会《决定》提出，要健全机制。"
                     "落实《决定》部署。", doc_id="b.txt")
    res = resolve([a, b])
    g = to_rdf([a, b], res)
    [miit] = explain(g, "工信部")
    assert miit.label == "工业和信息化部" and "工信部" in miit.aliases
    names = {(s.name, s.article) for s in miit.sources}
    assert ("工信部", "a.txt") in names and ("工业和信息化部", "b.txt") in names
    assert any("gazetteer" in note for note in miit.merge_notes)
    text = format_explanation(explain(g, "一起益企行动"))
    assert "articles / 文章: a.txt, b.txt" in text
    assert "工业和信息化部 promotes it" in text and "金壮龙 promotes it" in text
    [decision] = explain(g, "决定")
    assert decision.label == "党的二十届三中全会决定"


def test_merge_notes_say_why_names_joined():
    from kg.explain import explain
    from kg.graph import to_rdf

    docs = [analyze_text("党的二十大报告提出，要推进新型工业化。", doc_id="c.txt"),
            analyze_text("二十大报告提出，要推进新型工业化。", doc_id="d.txt"),
            analyze_text("全市工信工作会议召开\n\n4月28日，全市工业和信息化工作会议召开。", doc_id="e.txt")]
    g = to_rdf(docs, resolve(docs))
    [congress] = explain(g, "二十大")
    assert congress.merge_notes == ["'二十大' (d.txt) joined: same name (党的 not counted)"]
    [meeting] = explain(g, "全市工业和信息化工作会议")
    assert meeting.aliases == ["全市工信工作会议"]
    assert meeting.merge_notes == ["'全市工业和信息化工作会议' (e.txt) joined: same name"]


def test_explain_unknown_label_raises():
    from kg.errors import InputError
    from kg.explain import explain
    from kg.graph import to_rdf

    ex = analyze_text("商务部部长王文涛出席会议。", doc_id="a.txt")
    with pytest.raises(InputError):
        explain(to_rdf([ex], resolve([ex])), "不存在的名称")
