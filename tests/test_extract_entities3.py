"""Entities read from passages written for these tests after a third round of
real articles of the genre were probed: speech verbs after a title, verbs and
comparisons before a programme noun, offices named after a plan."""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def test_a_speech_verb_after_a_title_written_after_the_name_is_no_name():
    ex = analyze_text("区商务局总会计师周立平主持会议。周立平总会计师强调，要稳住外贸。")
    assert labels(ex, Kind.PERSON) == {"周立平"}


def test_a_verb_before_a_programme_noun_names_nothing():
    ex = analyze_text("三是坚持示范带动，打造一批标杆企业。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_the_original_plan_is_no_initiative():
    ex = analyze_text("受天气影响，开幕时间比原计划推迟了三天。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_an_office_named_after_a_plan_is_no_initiative():
    ex = analyze_text("市发展改革委综合规划室主任何文涛介绍了有关情况。")
    assert labels(ex, Kind.INITIATIVE) == set()
    assert labels(ex, Kind.PERSON) == {"何文涛"}
