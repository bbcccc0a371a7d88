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


def test_a_titled_plan_with_its_years_and_draft_mark_and_its_short_title():
    ex = analyze_text("市经信局起草了《数字赋能制造业两年行动计划（2024-2025年）（征求意见稿）》，"
                      "现公开征求意见。出台《行动计划》后，将抓好落实。")
    found = {m.label: m.key for m in ex.mentions if m.kind is Kind.INITIATIVE}
    full = "数字赋能制造业两年行动计划（2024-2025年）（征求意见稿）"
    assert full in found
    assert found.get("行动计划") == f"name:{full}"


def test_a_bare_document_noun_in_book_marks_with_nothing_before_names_nothing():
    ex = analyze_text("各地要抓好《实施方案》的落实。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_notice_on_opinions_about_a_titled_plan_is_no_document():
    ex = analyze_text("关于公开征求《数字赋能制造业两年行动计划（2024-2025年）（征求意见稿）》意见的公告")
    assert labels(ex, Kind.INITIATIVE) == {"数字赋能制造业两年行动计划（2024-2025年）（征求意见稿）"}


def test_one_off_subsidies_named_by_what_they_pay_for():
    ex = analyze_text("下一步将落实一次性吸纳就业补贴、一次性以工代训补助等政策。")
    assert labels(ex, Kind.INITIATIVE) == {"一次性吸纳就业补贴", "一次性以工代训补助"}


def test_a_subsidy_paid_at_once_is_no_name():
    ex = analyze_text("对符合条件的企业一次性发放补贴，职工可一次性申领技能提升补贴。")
    assert labels(ex, Kind.INITIATIVE) == set()


def test_a_party_congress_joined_to_a_meeting_is_two_events():
    ex = analyze_text("全面落实市第九次党代会和全市数字经济发展大会精神。")
    assert labels(ex, Kind.EVENT) == {"市第九次党代会", "全市数字经济发展大会"}


def test_a_ministrys_department_then_a_name_then_its_title():
    # jieba glues the department's last character to the surname (…司钱), which starts no name
    ex = analyze_text("交通运输部运输服务司钱文莉司长介绍，货运量平稳增长。")
    assert labels(ex, Kind.PERSON) == {"钱文莉"}
    assert "交通运输部运输服务司" in labels(ex, Kind.ORGANIZATION)
    assert {(p.person, p.title, p.organization) for p in ex.positions} == {("钱文莉", "司长", "交通运输部运输服务司")}


def test_more_provincial_departments_written_after_the_province():
    ex = analyze_text("会议邀请省乡村振兴局、省林业和草原局、省医疗保障局和省退役军人事务厅的负责同志出席。")
    assert {"省乡村振兴局", "省林业和草原局", "省医疗保障局", "省退役军人事务厅"} <= labels(ex, Kind.ORGANIZATION)


def test_an_ordinal_briefing_has_no_title():
    ex = analyze_text("1月20日下午，市十六届人大三次会议举行第二场新闻发布会。")
    assert labels(ex, Kind.EVENT) == {"市十六届人大三次会议"}


def test_companies_named_in_full_before_their_officers_posts():
    ex = analyze_text("华东远景储能有限责任公司总经理钟立平、江苏恒瑞新材料集团有限公司董事长陶文博、"
                      "苏州启明光电有限公司执行董事严若飞出席。")
    assert {"华东远景储能有限责任公司", "江苏恒瑞新材料集团有限公司", "苏州启明光电有限公司"} <= labels(ex, Kind.ORGANIZATION)
    assert ("严若飞", "执行董事", "苏州启明光电有限公司") in {(p.person, p.title, p.organization) for p in ex.positions}


def test_firms_listed_before_deng_qiye_with_one_like_a_company():
    ex = analyze_text("全市培育了恒远精工、博睿机器人科技、青石股份等骨干企业。")
    assert {"恒远精工", "博睿机器人科技", "青石股份"} <= labels(ex, Kind.ORGANIZATION)


def test_kinds_of_firms_listed_before_deng_qiye_are_no_names():
    ex = analyze_text("一季度，汽车、电子、家电等企业订单明显增加。")
    assert labels(ex, Kind.ORGANIZATION) == set()


def test_a_listed_firms_first_item_glued_to_the_words_before_it_is_left_out():
    ex = analyze_text("展区以恒远精工、博睿科技等企业为代表。")
    assert labels(ex, Kind.ORGANIZATION) == {"博睿科技"}


def test_a_photo_credit_with_a_slash_joined_to_the_next_paragraph():
    ex = analyze_text("商务部部长刘海涛结束采访后，走下部长通道。 邱明远/摄\n下一段继续介绍。")
    assert "邱明远" in labels(ex, Kind.PERSON)


def test_reporters_named_alone_on_a_line_under_the_title():
    ex = analyze_text("部长通道：稳增长有信心\n沈若琳 郑家豪\n2021年03月09日 来源：某报\n会议期间，部长接受了采访。")
    assert labels(ex, Kind.PERSON) == {"沈若琳", "郑家豪"}


def test_two_words_alone_on_a_line_under_the_title_are_no_reporters():
    ex = analyze_text("工作动态\n国务院 国资委\n会议期间，有关负责同志接受了采访。")
    assert labels(ex, Kind.PERSON) == set()


def test_a_mobilization_meeting_keeps_the_words_before_its_head():
    ex = analyze_text("12月2日，省统计局召开第五次全国经济普查动员部署会议。市政府召开全市安全生产动员大会。")
    assert labels(ex, Kind.EVENT) == {"第五次全国经济普查动员部署会议", "全市安全生产动员大会"}


def test_ten_big_things_in_quotes_are_no_party_congress():
    ex = analyze_text("要扎实推进“三个十大”行动计划，实施“十大”工程，以优异成绩迎接二十大。")
    assert labels(ex, Kind.EVENT) == {"二十大"}


def test_a_byline_with_caifang_renyuan_for_jizhe():
    ex = analyze_text("新华社上海9月15日电(采访人员柯文静)第23届工业博览会15日开幕。")
    assert "柯文静" in labels(ex, Kind.PERSON)
    assert ("柯文静", "记者", "新华社") in {(p.person, p.title, p.organization) for p in ex.positions}


def test_a_place_joined_by_he_before_a_zone_is_no_part_of_its_name():
    ex = analyze_text("会上，大连、盘锦市和辽西示范区分管领导作了发言。")
    assert labels(ex, Kind.INITIATIVE) == {"辽西示范区"}


def test_a_programme_after_dayin_to_win_starts_after_the_verb():
    ex = analyze_text("要坚决打赢产业振兴三年行动收官之战。")
    assert labels(ex, Kind.INITIATIVE) == {"产业振兴三年行动"}


def test_a_session_written_short_after_its_full_name_is_the_same_event():
    ex = analyze_text("中国人民政治协商会议第十四届全国委员会第三次会议4日开幕。全国政协十四届三次会议将听取报告。"
                      "第十四届全国人民代表大会第三次会议5日开幕。十四届全国人大三次会议将审议计划。")
    keys = {m.label: m.key for m in ex.mentions if m.kind is Kind.EVENT}
    assert keys["全国政协十四届三次会议"] == "name:中国人民政治协商会议第十四届全国委员会第三次会议"
    assert keys["十四届全国人大三次会议"] == "name:第十四届全国人民代表大会第三次会议"


def test_a_session_written_short_alone_keeps_its_own_name():
    ex = analyze_text("十四届全国人大三次会议将审议计划。")
    assert {(m.label, m.key) for m in ex.mentions if m.kind is Kind.EVENT} == {("十四届全国人大三次会议", None)}


def test_the_round_of_a_programme_is_no_part_of_its_name():
    ex = analyze_text("全省将实施新一轮县域特色产业提升行动。")
    assert labels(ex, Kind.INITIATIVE) == {"县域特色产业提升行动"}


def test_a_bodys_meeting_written_again_without_the_body_is_the_same_event():
    ex = analyze_text("9月28日，水利部召开9月例行新闻发布会。\n主持人：欢迎参加水利部9月例行新闻发布会。")
    keys = {m.label: m.key for m in ex.mentions if m.kind is Kind.EVENT}
    assert keys["9月例行新闻发布会"] == "name:水利部9月例行新闻发布会"


def test_a_kind_of_expo_is_no_event():
    ex = analyze_text("作为线下举办的国家级工业展会，第23届中国国际工业博览会今天开幕。")
    assert labels(ex, Kind.EVENT) == {"第23届中国国际工业博览会"}


def test_one_answer_to_a_reporters_question_is_a_turn():
    ex = analyze_text("经济日报记者：今年有哪些举措？\n韦东明：谢谢你的提问。今年将加快推进。")
    assert labels(ex, Kind.PERSON) == {"韦东明"}


def test_a_single_turn_without_a_question_before_it_names_nobody():
    ex = analyze_text("会议纪要\n韦东明：谢谢大家。")
    assert labels(ex, Kind.PERSON) == set()


def test_a_bodys_research_office_before_a_title():
    ex = analyze_text("发布会上，生态环境部法规与标准研究室主任林卫东介绍了有关情况。")
    assert "生态环境部法规与标准研究室" in labels(ex, Kind.ORGANIZATION)
    assert ("林卫东", "主任", "生态环境部法规与标准研究室") in {(p.person, p.title, p.organization) for p in ex.positions}
