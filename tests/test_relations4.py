"""Relations (positions, promotes, participates) on passages written for these
tests: a fourth round of cases from briefings, fairs and work-meeting reports."""
from __future__ import annotations

from .conftest import analyze_text


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def took_part(ex, event: str) -> set[str]:
    return {s for s, o in relations(ex, "participatesIn") if o == event}


def test_the_outlet_of_a_news_dateline_is_not_the_subject_of_the_lead():
    text = ("第三届中国新能源汽车产业博览会在长沙开幕\n"
            "汽车网消息 9月6日，由工业和信息化部、湖南省人民政府等共同主办的第三届中国新能源汽车产业博览会在长沙开幕。\n")
    ex = analyze_text(text, issued="2023-09-07")
    assert "汽车网" not in took_part(ex, "第三届中国新能源汽车产业博览会")
