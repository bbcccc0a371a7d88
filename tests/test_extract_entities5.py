"""Entities read from passages written for these tests after a fifth round of
real articles of the genre were probed: a city party committee named without
its city after a preposition, …"""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def positions(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def test_a_city_party_committee_after_a_preposition_takes_no_words_before_it():
    ex = analyze_text("开工仪式由市委常委、副市长王建平主持。座谈会在县委书记刘晓东的主持下召开。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert not any(o.startswith(("仪式", "式由", "会在")) for o in orgs)


def test_a_company_after_a_representative_does_not_take_the_word_representative():
    ex = analyze_text("签约仪式上，企业代表江南精密机械有限公司总经理周明远作了发言。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "江南精密机械有限公司" in orgs
    assert not any(o.startswith("企业代表") for o in orgs)
