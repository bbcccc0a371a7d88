"""Entities read from passages written for these tests after a fourth round of
real articles of the genre were probed: a preposition jieba glues to a level
word before a session, opinions asked for rather than issued, names padded with
spaces, a programme noun qualifying a kind of place."""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def positions(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def test_a_preposition_glued_to_the_province_before_a_session_is_no_part_of_it():
    ex = analyze_text("会议对市九届人大三次会议审议的计划作出分工，并向省第八次党代会报告。")
    events = labels(ex, Kind.EVENT)
    assert "市九届人大三次会议" in events
    assert not any(e.startswith(("对", "向")) for e in events)


def test_opinions_and_suggestions_asked_for_are_no_document():
    ex = analyze_text("座谈会听取了企业家对下半年产业发展的意见和建议。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_name_padded_with_spaces_after_a_title():
    ex = analyze_text("全区交通运输工作报告\n区交通运输局党组书记、局长  韩  亮\n同志们：今天召开会议。")
    assert "韩亮" in labels(ex, Kind.PERSON)
    assert ("韩亮", "局长", "区交通运输局") in positions(ex)


def test_a_demonstration_before_a_kind_of_place_is_no_programme():
    ex = analyze_text("今年全区8个街道创建示范街道，20个社区建成示范社区。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_titled_plan_written_again_as_a_heading_is_the_same_whole_name():
    ex = analyze_text("《滨江市推动外贸提质增效实施方案》已经市政府同意，现印发给你们。\n"
                      "滨江市推动外贸提质增效实施方案\n一、总体要求")
    assert labels(ex, Kind.INITIATIVE) == {"滨江市推动外贸提质增效实施方案"}


def test_an_office_of_a_provinces_party_committee_is_no_department_of_the_party():
    ex = analyze_text("中共江西省委办公厅、江西省人民政府办公厅近日印发通知。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"中共江西省委办公厅", "中共江西省委"} <= orgs
    assert "中共" not in orgs
    subs = {(r.subject, r.object) for r in ex.relations if r.predicate == "subOrganizationOf"}
    assert ("中共江西省委办公厅", "中共江西省委") in subs


def test_a_name_opening_a_profile_paragraph():
    ex = analyze_text("他当选为代表。\n许文青，中国电子信息产业发展研究院党委委员、所长，长期从事产业研究。\n"
                      "许文青表示，要推动融合发展。\n罗安平，女，1975年生，大学学历。")
    assert {"许文青", "罗安平"} <= labels(ex, Kind.PERSON)


def test_a_democratic_partys_provincial_committee_and_its_chair():
    ex = analyze_text("座谈会上，民盟湖南省委主委周建国、九三学社四川省委员会副主委李明在会上发言。")
    assert {"民盟湖南省委", "九三学社四川省委员会"} <= labels(ex, Kind.ORGANIZATION)
    assert {"周建国", "李明"} <= labels(ex, Kind.PERSON)
    assert ("周建国", "主委", "民盟湖南省委") in positions(ex)
