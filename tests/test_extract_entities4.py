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


def test_an_autonomous_prefectures_government_in_full_and_short():
    ex = analyze_text("发布会邀请了黔南布依族苗族自治州人民政府等单位。黔南州人民政府副州长王强介绍了情况。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"黔南布依族苗族自治州人民政府", "黔南州人民政府"} <= orgs
    assert "王强" in labels(ex, Kind.PERSON)


def test_leaders_listed_before_a_comma_and_others_attending():
    ex = analyze_text("3月2日，我县召开项目推进会。县领导孙志远、韩立波、钱慧，各乡镇负责人参加会议。")
    assert {"孙志远", "韩立波", "钱慧"} <= labels(ex, Kind.PERSON)


def test_words_before_a_listed_firm_or_a_university_are_no_part_of_its_name():
    ex = analyze_text("论坛嘉宾有高校代表，并有宁德时代、比亚迪等领军企业的代表。来自浙江大学、复旦大学的学者参加研讨。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"宁德时代", "浙江大学"} <= orgs
    assert not any(o.startswith(("并有", "来自")) for o in orgs)


def test_a_numbered_session_in_the_title_and_written_short_in_the_body_is_one_event():
    from kg.resolve import entity_key
    ex = analyze_text("王涛主持召开2022年第9次区政府常务会议\n4月6日，区长王涛主持召开区政府常务会议，研究有关事项。")
    keys = {entity_key(m.kind, m.label, m.key)[0] for m in ex.mentions if m.kind is Kind.EVENT}
    assert len(keys) == 1


def test_a_whole_or_core_plan_is_no_named_programme():
    ex = analyze_text("要按照整体规划、分批实施的原则推进，这是产业发展的核心工程。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_the_party_congress_written_with_zhonggong_and_a_meeting_joined_after_it():
    from kg.resolve import entity_key
    ex = analyze_text("大家要深入学习贯彻中共二十大精神和中央经济工作会议精神，落实中共二十届二中全会部署。"
                      "党的二十大作出了部署。")
    events = labels(ex, Kind.EVENT)
    assert {"中央经济工作会议", "中共二十大", "党的二十大"} <= events
    assert "中共" not in labels(ex, Kind.ORGANIZATION)
    assert entity_key(Kind.EVENT, "中共二十大")[0] == entity_key(Kind.EVENT, "党的二十大")[0]


def test_a_body_met_or_thanked_starts_after_the_verb():
    ex = analyze_text("市委书记吴刚，市长周建明会见华电新能源集团党委委员、副总裁陈力。"
                      "陈力感谢宜州市长期以来给予中铁建设集团的支持。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"华电新能源集团", "中铁建设集团"} <= orgs
    assert not any("会见" in o or "感谢" in o for o in orgs)


def test_an_all_media_reporter_credit_names_no_person_quan():
    ex = analyze_text("市领导参加。（全媒体记者 王瑞琪 李远雄）")
    assert labels(ex, Kind.PERSON) == {"王瑞琪", "李远雄"}


def test_an_institute_named_after_its_academy_or_university():
    ex = analyze_text("论坛由华东大学数字经济研究院主办。中国社会科学院财经战略研究院的专家出席。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"华东大学数字经济研究院", "华东大学", "中国社会科学院财经战略研究院", "中国社会科学院"} <= orgs
    subs = {(r.subject, r.object) for r in ex.relations if r.predicate == "subOrganizationOf"}
    assert {("华东大学数字经济研究院", "华东大学"), ("中国社会科学院财经战略研究院", "中国社会科学院")} <= subs


def test_thanking_people_for_attending_a_briefing_names_no_event():
    ex = analyze_text("女士们，先生们，大家上午好，非常欢迎大家来参加新闻发布会，感谢各位嘉宾出席本次论坛。")
    assert labels(ex, Kind.EVENT) == set()


def test_a_programme_noun_joined_to_projects_is_no_name():
    ex = analyze_text("要实施重大节能降碳工程和项目，推动关键技术攻关。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_session_numbered_inside_its_name_and_written_without_the_number_is_one_event():
    from kg.resolve import entity_key
    ex = analyze_text("国务院总理主持召开国务院第十二次常务会议。会议指出，国务院常务会议研究了有关事项。")
    keys = {entity_key(m.kind, m.label, m.key)[0] for m in ex.mentions if m.kind is Kind.EVENT}
    assert len(keys) == 1


def test_a_name_opening_a_headline_before_chairing_a_meeting():
    ex = analyze_text("丁文海主持召开区政府常务会议\n会议研究了有关事项。")
    assert labels(ex, Kind.PERSON) == {"丁文海"}


def test_delegates_listed_after_their_delegation_and_a_general_company():
    ex = analyze_text("新闻中心邀请中央企业代表团代表陈明远、杨思齐、何立川，围绕改革热点接受采访。"
                      "中国船舶工业总公司的代表介绍了情况。要制定并认真落实改革方案。")
    assert {"陈明远", "杨思齐", "何立川"} <= labels(ex, Kind.PERSON)
    assert "中国船舶工业总公司" in labels(ex, Kind.ORGANIZATION)
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_special_rectification_is_named_whole():
    ex = analyze_text("各级部门深入开展成品油市场秩序专项整治，取得显著成效。")
    assert labels(ex, Kind.INITIATIVE) == {"成品油市场秩序专项整治"}


def test_a_consultation_meeting_is_an_event_and_no_chamber_of_commerce():
    ex = analyze_text("28日，省政协召开2023年第三次月度协商会。会上，委员代表孔祥瑞、范文清、白一鸣分别发言，"
                      "建议创新机制、统筹规划。")
    assert "2023年第三次月度协商会" in labels(ex, Kind.EVENT)
    assert not any(o.endswith("协商会") for o in labels(ex, Kind.ORGANIZATION))
    assert {"孔祥瑞", "范文清", "白一鸣"} <= labels(ex, Kind.PERSON)
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_two_character_name_before_yitong_keeps_yi_out():
    ex = analyze_text("工信部信息通信发展司司长闻库一同出席并介绍情况。")
    assert labels(ex, Kind.PERSON) == {"闻库"}


def test_the_current_plan_is_no_initiative():
    ex = analyze_text("根据当前规划，今年将新建一批基站。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_farmers_cooperative_and_its_chair():
    ex = analyze_text("会上，青山村绿源果蔬专业合作社理事长吕春和介绍了情况。全县农民合作社数量增加。")
    assert labels(ex, Kind.ORGANIZATION) == {"青山村绿源果蔬专业合作社"}
    assert ("吕春和", "理事长", "青山村绿源果蔬专业合作社") in positions(ex)
