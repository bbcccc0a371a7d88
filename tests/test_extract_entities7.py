"""Entities and relations read from passages written for these tests after a
seventh round of real articles of the genre were probed: events joined by 暨,
numbers inside event names, verbs mistaken for names, name lists before 发言 …"""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def positions(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def test_an_event_after_ji_glued_to_its_first_word_is_found():
    # jieba cuts 暨甬台 as one word: the second event starts after 暨
    ex = analyze_text("5月8日，2021浙东智能制造博览会暨甬台合作论坛在宁波开幕。")
    assert {"2021浙东智能制造博览会", "甬台合作论坛"} <= labels(ex, Kind.EVENT)


def test_a_number_before_zhounian_stays_in_the_event_name():
    ex = analyze_text("会议传达了省委书记在纪念建省30周年大会上的讲话精神。")
    assert "纪念建省30周年大会" in labels(ex, Kind.EVENT)
    assert "周年大会" not in labels(ex, Kind.EVENT)
    ex = analyze_text("大家认真学习了在庆祝市工商联成立60周年大会上的讲话。")
    assert "庆祝市工商联成立60周年大会" in labels(ex, Kind.EVENT)


def test_a_verb_and_its_particle_before_a_title_is_no_name():
    ex = analyze_text("开幕式上，首先宣读了国家主席致大会的贺信。")
    assert "宣读了" not in labels(ex, Kind.PERSON)


def test_names_listed_before_taking_the_floor_in_turn_are_persons():
    ex = analyze_text("座谈会上，钱立群、孙卫东、周晓梅等先后发言。")
    assert {"钱立群", "孙卫东", "周晓梅"} <= labels(ex, Kind.PERSON)
    ex = analyze_text("会上，钱立群、孙卫东、周晓梅等企业家作了交流发言。")
    assert {"钱立群", "孙卫东", "周晓梅"} <= labels(ex, Kind.PERSON)
    ex = analyze_text("局办公室副主任、新闻发言人林某介绍情况。")
    assert "新闻发言人" not in labels(ex, Kind.PERSON)


def test_a_body_s_regular_business_meeting_names_no_event():
    ex = analyze_text("6月3日，王某主持召开厅务会议，研究下半年工作。省商务局召开局务会会议。")
    assert not labels(ex, Kind.EVENT)
    ex = analyze_text("要精心筹备，努力开好高质量全会。")
    assert not labels(ex, Kind.EVENT)


def test_an_opinion_an_office_reported_is_no_document():
    ex = analyze_text("会议原则同意县政府办公室汇报的意见。")
    assert not labels(ex, Kind.INITIATIVE)


def test_a_document_titled_guanyu_starts_at_guanyu_whatever_verbs_it_holds():
    ex = analyze_text("省政府印发关于加快建设现代冷链物流体系的意见。")
    assert "关于加快建设现代冷链物流体系的意见" in labels(ex, Kind.INITIATIVE)
    ex = analyze_text("省政府办公厅关于推动外贸企业稳订单拓市场的意见提出，要加大支持力度。")
    assert "省政府办公厅关于推动外贸企业稳订单拓市场的意见" in labels(ex, Kind.INITIATIVE)


def test_meetings_of_each_scope_listed_before_one_name_are_each_found():
    ex = analyze_text("会议传达学习了中央、省委、市委经济工作会议精神。")
    assert {"中央经济工作会议", "省委经济工作会议", "市委经济工作会议"} <= labels(ex, Kind.EVENT)
    ex = analyze_text("要认真贯彻中央和省委经济工作会议部署。")
    assert {"中央经济工作会议", "省委经济工作会议"} <= labels(ex, Kind.EVENT)
    assert "中央和省委经济工作会议" not in labels(ex, Kind.EVENT)


def test_ji_joining_two_topics_of_one_meeting_stays_inside_its_name():
    ex = analyze_text("3月9日，全县一季度工业经济暨安全生产工作调度会召开。")
    assert "全县一季度工业经济暨安全生产工作调度会" in labels(ex, Kind.EVENT)
    ex = analyze_text("第五届东北亚博览会开幕式暨东北亚合作高层论坛在长春举行。")
    assert {"第五届东北亚博览会", "东北亚合作高层论坛"} <= labels(ex, Kind.EVENT)
    ex = analyze_text("市委八届三次全会暨市委经济工作会议召开。")
    assert {"市委八届三次全会", "市委经济工作会议"} <= labels(ex, Kind.EVENT)
    ex = analyze_text("3月9日，全县一季度项目建设暨安全生产工作调度会召开。")
    assert not any(e.startswith("暨") for e in labels(ex, Kind.EVENT))


def test_names_listed_before_representatives_taking_the_floor_are_persons():
    ex = analyze_text("大会上，吴海涛、陈志远、许文静等企业家代表作交流发言。")
    assert {"吴海涛", "陈志远", "许文静"} <= labels(ex, Kind.PERSON)


def test_an_adverb_or_a_particle_opens_no_event_or_programme_name():
    ex = analyze_text("开幕式后举行了主题论坛，随后大会举行了重点项目合作协议签约。")
    assert not any(e.startswith("随后") for e in labels(ex, Kind.EVENT))
    assert not any(i.startswith("了") for i in labels(ex, Kind.INITIATIVE))


def test_side_meetings_name_no_event():
    ex = analyze_text("大会由开幕式、主论坛以及商务考察、配套会议等活动组成。")
    assert "配套会议" not in labels(ex, Kind.EVENT)


def test_who_holds_a_meeting_jointly_with_a_partner_takes_part():
    ex = analyze_text("5月6日，商务部部长周某与某国贸易部长以视频形式共同主持召开中法经贸混委会第五次会议。")
    assert ("participatesIn", "周某", "中法经贸混委会第五次会议") in {
        (r.predicate, r.subject, r.object) for r in ex.relations}


def test_a_company_s_short_name_inside_a_known_name_said_again_is_no_body():
    ex = analyze_text("省发展改革委副主任任京东介绍，今年要保供稳价。任京东还表示，要做好准备。")
    assert "京东" not in labels(ex, Kind.ORGANIZATION)


def test_a_name_before_jieda_ends_before_it():
    ex = analyze_text("水利厅厅长孔雷解答，今年汛期可能偏早。")
    assert "孔雷" in labels(ex, Kind.PERSON)
    assert "孔雷解" not in labels(ex, Kind.PERSON)


def test_a_forum_s_session_written_short_as_year_and_nianhui():
    ex = analyze_text("各位来宾，欢迎出席中国绿色发展论坛2021年会。")
    assert "中国绿色发展论坛2021年会" in labels(ex, Kind.EVENT)


def test_a_session_of_the_committee_organising_an_expo_is_that_session_not_the_expo():
    ex = analyze_text("2023中关村论坛组委会第一次全体会议在京举行，副市长王某出席会议。")
    assert "2023中关村论坛组委会第一次全体会议" in labels(ex, Kind.EVENT)
    assert "2023中关村论坛" not in labels(ex, Kind.EVENT)
    ex = analyze_text("第七届进博会组委会第二次全体会议召开。")
    assert labels(ex, Kind.EVENT) == {"第七届进博会组委会第二次全体会议"}


def test_who_delivers_a_titled_or_main_report_at_a_work_conference_takes_part():
    def held(text: str) -> set[tuple[str, str]]:
        return {(r.subject, r.object) for r in analyze_text(text).relations if r.predicate == "participatesIn"}

    assert ("程立新", "全省商务工作会议") in held(
        "1月5日，全省商务工作会议召开。省商务厅厅长程立新作了题为《奋力开创商务发展新局面》的工作报告。")
    assert ("程立新", "全省商务工作会议") in held(
        "1月5日，全省商务工作会议召开。省商务厅厅长程立新发表了《奋力开创商务发展新局面》主题报告。")
    assert ("程立新", "全省商务工作会议") in held(
        "1月5日，全省商务工作会议召开，副省长吴海涛出席并讲话。省商务厅厅长程立新作主报告。")


def test_bodies_hosting_jointly_both_take_part():
    ex = analyze_text("在工业和信息化部与浙江省人民政府共同主办的“数字工厂论坛”上，专家学者深入研讨。")
    held = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("浙江省人民政府", "数字工厂论坛") in held
