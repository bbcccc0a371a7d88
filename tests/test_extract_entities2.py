"""Entities read from passages written for these tests after real articles of
the genre were probed: names glued to the word after them, photo credits,
congress sessions, routine briefings and questions that are not names."""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def test_name_before_deng_and_a_verb_leaves_deng_out():
    ex = analyze_text("国务院副总理卫东等出席会议。")
    assert labels(ex, Kind.PERSON) == {"卫东"}


def test_name_before_gongtong_leaves_the_verb_out():
    ex = analyze_text("国家发展改革委举行发布会，产业司司长钱文浩共同出席。")
    assert labels(ex, Kind.PERSON) == {"钱文浩"}


def test_name_before_a_count_of_people_is_whole():
    # 京东 is a listed company, but here it ends a person's name
    ex = analyze_text("会上，国家能源局副局长邹京东三位代表回答了提问。")
    assert "邹京东" in labels(ex, Kind.PERSON)
    assert "京东" not in labels(ex, Kind.ORGANIZATION)


def test_preposition_and_word_before_reporter_is_no_name():
    ex = analyze_text("三位负责人向中外记者介绍了有关情况，并回答了提问。")
    assert labels(ex, Kind.PERSON) == set()


def test_photo_credit_with_a_slash():
    ex = analyze_text("商务部举行例行新闻发布会。\n（新任发言人答问 吕晓燕/摄）")
    assert "吕晓燕" in labels(ex, Kind.PERSON)


def test_congress_session_with_the_legislature_inside():
    ex = analyze_text("会议讨论了拟提请十四届全国人大三次会议审议的政府工作报告。", issued="2025-01-20")
    assert labels(ex, Kind.EVENT) == {"十四届全国人大三次会议"}


def test_plan_year_written_with_ling():
    ex = analyze_text("全省上下深入实施二〇三〇年远景目标纲要。")
    assert "二〇三〇年远景目标纲要" in labels(ex, Kind.INITIATIVE)


def test_a_first_routine_briefing_is_no_event():
    ex = analyze_text("财政部新任新闻发言人在首次例行新闻发布会上表示，收入平稳。")
    assert labels(ex, Kind.EVENT) == set()


def test_question_about_a_plan_is_no_initiative():
    ex = analyze_text("记者问：对于下一阶段的外资项目有何考虑和计划？")
    assert labels(ex, Kind.INITIATIVE) == set()


def _resolved(folder, text: str):
    from kg.pipeline import build

    (folder / "a.txt").write_text(text, encoding="utf-8")
    return build(folder).resolution


def test_short_names_of_ministry_departments_are_the_same_body(tmp_path):
    res = _resolved(tmp_path, "国家发展改革委举行发布会，运行局局长韩立新、综合司副司长宋明出席。\n"
                              "宋明说，国民经济综合司将会同经济运行调节局做好监测。")
    orgs = {e.label: e for e in res.entities.values() if e.kind is Kind.ORGANIZATION}
    assert {"国民经济综合司", "经济运行调节局"} <= set(orgs)
    assert "综合司" not in orgs and "运行局" not in orgs


def test_a_provinces_or_citys_government_written_short(tmp_path):
    ex = analyze_text("大会由沈阳市政府、吉林省科协承办。吉林省政府副省长韩立新致辞。")
    assert {"沈阳市政府", "吉林省科协", "吉林省政府"} <= labels(ex, Kind.ORGANIZATION)
    res = _resolved(tmp_path, "吉林省人民政府主办论坛。吉林省政府副省长韩立新致辞。")
    orgs = [e for e in res.entities.values() if e.kind is Kind.ORGANIZATION]
    assert len(orgs) == 1 and orgs[0].label == "吉林省人民政府" and "吉林省政府" in orgs[0].aliases


def test_particles_after_a_title_are_no_names():
    ex = analyze_text("白云部长微笑着回答。他把这次提问的机会称为好运，部长的提问环节很短，部长们依旧在通道上。")
    assert labels(ex, Kind.PERSON) == {"白云"}


def test_editor_written_with_a_space_after_the_outlet():
    ex = analyze_text("部长通道侧记\n新经记者 罗文杰 新经编辑 邵雨\n5月25日，会议举行第二次全体会议。")
    assert {"罗文杰", "邵雨"} <= labels(ex, Kind.PERSON)



def test_a_turns_header_line_without_a_colon():
    ex = analyze_text("国务院新闻办举行吹风会。\n国家统计局新闻发言人、综合司司长 邵明远\n女士们、先生们，大家上午好。")
    assert "邵明远" in labels(ex, Kind.PERSON)


def test_a_verb_or_a_keynote_before_a_meeting_noun_names_no_event():
    ex = analyze_text("第9届中国·甘肃投资贸易洽谈会开幕式暨主旨论坛举行。省商务厅将持续跟踪展会期间签约项目。")
    assert labels(ex, Kind.EVENT) == {"第9届中国·甘肃投资贸易洽谈会"}


def test_every_provinces_government_is_no_body():
    ex = analyze_text("31个省区市政府和新疆生产建设兵团参展。")
    assert "市政府" not in labels(ex, Kind.ORGANIZATION)


def test_a_short_expo_name_two_expos_share(tmp_path):
    res = _resolved(tmp_path, "第十八届中国国际中小企业博览会在广州开幕。本届中博会设境外展区。\n"
                              "工业和信息化部副部长王林出席中博会开幕式。")
    events = [e for e in res.entities.values() if e.kind is Kind.EVENT]
    assert len(events) == 1 and "中博会" in events[0].aliases


def test_a_two_character_outlet_or_company_read_across_words_is_none():
    ex = analyze_text("做好今年经济工作，总要求是：坚持稳中求进，加快转化为现实生产力。据央视报道，华为公司发布新品。")
    assert labels(ex, Kind.ORGANIZATION) == {"央视", "华为公司"}


def test_a_holiday_period_before_a_programme_is_a_time_phrase():
    ex = analyze_text("省人社厅会同有关部门开展2023年春节期间“春风送岗”服务行动。")
    assert "春风送岗服务行动" in labels(ex, Kind.INITIATIVE)


def test_ordinals_and_generic_phrases_before_a_programme_noun():
    ex = analyze_text("一是效益稳步提升。二是重大技术攻关和重大工程成果丰硕。三是国企改革三年行动目标任务顺利完成。")
    assert labels(ex, Kind.INITIATIVE) == {"国企改革三年行动"}


def test_reporters_in_brackets_after_a_dateline():
    ex = analyze_text("经济联播5月8日北京讯 （袁明远 柯小芸）5月7日，部党组书记主持召开座谈会。")
    assert {"袁明远", "柯小芸"} <= labels(ex, Kind.PERSON)


def test_a_province_listed_before_its_quoted_plan_names_it():
    ex = analyze_text("副省长发布数字吉林发展规划、吉林省“十四五”数字政府建设规划。")
    assert "吉林省十四五数字政府建设规划" in labels(ex, Kind.INITIATIVE)


def test_plenary_sessions_listed_under_one_central_committee():
    ex = analyze_text("全面贯彻党的二十大和二十届二中、三中全会精神。", issued="2024-12-01")
    assert labels(ex, Kind.EVENT) == {"党的二十大", "二十届二中全会", "二十届三中全会"}


def test_a_dates_day_is_no_part_of_a_meetings_name():
    ex = analyze_text("7月28日中央政治局会议强调，要稳定经济大盘。")
    assert not any(e.startswith("日") for e in labels(ex, Kind.EVENT))


def test_a_leading_groups_office_written_whole():
    ex = analyze_text("国家制造强国建设领导小组办公室印发通知，部署相关工作。")
    assert "国家制造强国建设领导小组办公室" in labels(ex, Kind.ORGANIZATION)
    assert {(r.subject, r.object) for r in ex.relations if r.predicate == "subOrganizationOf"} >= {
        ("国家制造强国建设领导小组办公室", "国家制造强国建设领导小组")}


def test_think_tanks_and_trade_associations_of_the_genre():
    ex = analyze_text("中国国际经济交流中心副理事长江涛、中国机电产品进出口商会副会长严明说，家电出口回暖。")
    assert {"中国国际经济交流中心", "中国机电产品进出口商会"} <= labels(ex, Kind.ORGANIZATION)
    ex = analyze_text("机电商会与中国家电协会联合发布报告。")
    assert {m.key for m in ex.mentions if m.kind is Kind.ORGANIZATION} == {"cccme", "cheaa"}


def test_a_prefecture_level_citys_bureau_and_committee():
    ex = analyze_text("信阳市工业和信息化局召开座谈会，伊春市委副书记出席。")
    assert {"信阳市工业和信息化局", "伊春市委"} <= labels(ex, Kind.ORGANIZATION)


def test_a_citys_policy_office_is_no_ministrys_department():
    # 政研室 of a city's party committee: no short name a ministry alone owns
    ex = analyze_text("市委政研室主任邵明远出席会议。会议由外资司负责同志主持。")
    assert "邵明远" in labels(ex, Kind.PERSON)


def test_a_provinces_peoples_organizations():
    ex = analyze_text("青海省妇联、浙江省工商联和广东省贸促会共同主办。")
    assert {"青海省妇联", "浙江省工商联", "广东省贸促会"} <= labels(ex, Kind.ORGANIZATION)
    assert "贸促会" not in labels(ex, Kind.ORGANIZATION)


def test_a_turn_header_broken_after_the_ministry():
    ex = analyze_text("商务部举行新闻发布会。\n新华社记者：\n请问下一步有何考虑？\n商务部\n对外贸易司司长 邵明远：\n谢谢你的提问。")
    assert "商务部对外贸易司" in labels(ex, Kind.ORGANIZATION)
    assert ("邵明远", "司长", "商务部对外贸易司") in {(p.person, p.title, p.organization) for p in ex.positions}
