"""Entities and relations read from passages written for these tests after a
sixth round of real articles of the genre were probed: names opening right
after a dateline, …"""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def positions(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def test_a_quoted_event_name_right_after_a_dateline_does_not_take_its_last_word():
    ex = analyze_text("新华社南京3月8日电 “绿色制造：标准与认证”国际研讨会8日在宁举行。\n"
                      "合作社电商帮扶行动在各县推开。")
    assert "绿色制造：标准与认证国际研讨会" in labels(ex, Kind.EVENT)
    assert not any(e.startswith("电") for e in labels(ex, Kind.EVENT))
    assert "合作社电商帮扶行动" in labels(ex, Kind.INITIATIVE)


def test_a_prefecture_party_committee_after_its_province_is_one_body():
    ex = analyze_text("会上，贵州省黔南州委书记田某某作了发言。")
    assert "贵州省黔南州委" in labels(ex, Kind.ORGANIZATION)
    assert ("田某某", "书记", "贵州省黔南州委") in positions(ex)


def test_an_association_glued_to_its_chairman_title_is_found():
    ex = analyze_text("东方物流与采购协会会长韩立新出席并致辞。")
    assert "东方物流与采购协会" in labels(ex, Kind.ORGANIZATION)
    assert ("韩立新", "会长", "东方物流与采购协会") in positions(ex)


def test_national_people_s_organizations_written_short_are_known():
    ex = analyze_text("全国对外友协副会长周某、中国侨联副主席吴某出席开幕式。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"全国对外友协", "中国侨联"} <= orgs
    assert ("周某", "副会长", "全国对外友协") in positions(ex)


def test_a_session_joined_to_a_speech_by_and_does_not_take_the_speech():
    ex = analyze_text("会议学习了习近平总书记在考察时的讲话和省委十二届五次全体会议精神。")
    events = labels(ex, Kind.EVENT)
    assert "省委十二届五次全体会议" in events
    assert not any(e.startswith("讲话") for e in events)


def test_a_name_glued_by_jieba_to_shou_before_a_commission_ends_before_it():
    ex = analyze_text("全会听取了市委书记刘中汉受市委常委会委托所作的报告。")
    assert "刘中汉" in labels(ex, Kind.PERSON)


def test_a_meeting_preparing_an_expo_is_named_after_it_and_the_short_form_is_the_same_meeting():
    ex = analyze_text("第八届西博会筹备工作动员会召开\n"
                      "3月2日，第八届中国西部国际博览会筹备工作动员会在成都召开。副省长林某出席并讲话。")
    events = [m for m in ex.mentions if m.kind is Kind.EVENT]
    full = "第八届中国西部国际博览会筹备工作动员会"
    assert full in {m.label for m in events}
    short = [m for m in events if m.label == "第八届西博会筹备工作动员会"]
    assert short and short[0].key == f"name:{full}"
    assert not any(m.label in ("第八届中国西部国际博览会", "第八届西博会") for m in events)


def test_what_kind_of_expo_it_is_names_no_event():
    ex = analyze_text("该博览会是国家机制性大型展会。")
    assert not labels(ex, Kind.EVENT)


def test_a_national_cppcc_session_written_without_quanguo_is_the_same_session():
    ex = analyze_text("政协十四届三次会议将于3月4日开幕。当天下午，全国政协十四届三次会议新闻发布会举行。"
                      "全国政协十四届三次会议将审议常委会工作报告。")
    short = [m for m in ex.mentions if m.kind is Kind.EVENT and m.label == "政协十四届三次会议"]
    assert short and short[0].key == "name:全国政协十四届三次会议"


def test_the_cppcc_general_office_is_a_body_of_the_cppcc():
    ex = analyze_text("全国人大常委会办公厅和全国政协办公厅日前发布通知。")
    assert "全国政协办公厅" in labels(ex, Kind.ORGANIZATION)


def test_a_plan_s_report_submitted_to_a_congress_is_no_programme():
    ex = analyze_text("财政部受国务院委托将向大会书面提交计划报告和预算报告。")
    assert not labels(ex, Kind.INITIATIVE)


def test_attending_the_meeting_after_a_promotion_meeting_is_attending_it():
    ex = analyze_text("5月9日，2023青川特色农产品专题推介会在杭州举行。"
                      "会上，两地签订合作协议。某某公司副总经理王立新出席会议并讲话。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("王立新", "2023青川特色农产品专题推介会") in rels


def test_a_welcome_address_is_taking_part():
    ex = analyze_text("6月2日，第三届临川数字经济论坛在临川开幕。临川区委书记赵明远致欢迎辞。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("赵明远", "第三届临川数字经济论坛") in rels


def test_giving_a_scoped_work_report_at_the_meeting_is_taking_part():
    ex = analyze_text("1月9日，全县工业经济工作会议召开。县工信局局长孙海涛作全县工业经济工作报告。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("孙海涛", "全县工业经济工作会议") in rels


def test_a_reporter_s_rank_in_a_dateline_credit_is_no_outlet():
    ex = analyze_text("中新社北京3月5日电（见习记者 林晓楠）国家统计局5日发布数据。")
    assert ("林晓楠", "见习记者", "中新社") in positions(ex)


def test_national_advisory_body_and_the_journalists_association_are_known():
    ex = analyze_text("中国记协主办，国家制造强国建设战略咨询委员会副秘书长钱某某出席。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"中国记协", "国家制造强国建设战略咨询委员会"} <= orgs
    assert ("钱某某", "副秘书长", "国家制造强国建设战略咨询委员会") in positions(ex)


def test_a_named_advisory_committee_is_a_body_but_an_experts_committee_is_a_kind():
    ex = analyze_text("长江流域生态保护咨询委员会主任孙某出席。各地成立专家咨询委员会。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "长江流域生态保护咨询委员会" in orgs and "专家咨询委员会" not in orgs


def test_a_plan_read_with_within_the_year_is_no_name():
    ex = analyze_text("我们正在编制发展规划，年内这些规划将陆续出台。")
    assert not any(i.startswith("年内") for i in labels(ex, Kind.INITIATIVE))


def test_the_state_council_executive_meeting_in_the_title_is_the_new_government_s_first_one():
    ex = analyze_text("总理主持召开国务院常务会议\n新华社北京3月20日电 国务院总理3月20日主持召开新一届国务院第一次常务会议，"
                      "研究有关工作。")
    short = [m for m in ex.mentions if m.kind is Kind.EVENT and m.label == "国务院常务会议"]
    assert short and short[0].key == "name:新一届国务院第一次常务会议"


def test_a_verb_before_an_event_or_a_programme_is_no_part_of_its_name():
    ex = analyze_text("大会决定将每年5月8日作为世界储能大会的举办日。方案明确城市更新行动包括三项内容。")
    assert "世界储能大会" in labels(ex, Kind.EVENT)
    assert not any(e.startswith("作为") for e in labels(ex, Kind.EVENT))
    assert not any(i.startswith("明确") for i in labels(ex, Kind.INITIATIVE))


def test_whose_letter_s_spirit_is_followed_is_no_doer_and_the_speaker_in_a_speech_is():
    ex = analyze_text("省长周某某在致辞中指出，本届大会成果丰硕。"
                      "我们将深入贯彻习近平总书记贺信精神，实施江淮智造提升行动。")
    promoters = {r.subject for r in ex.relations if r.predicate == "promotes"}
    assert "习近平" not in promoters and "周某某" in promoters


def test_a_meeting_that_relays_another_s_spirit_does_not_take_the_verb():
    ex = analyze_text("5日，县政协常委会会议召开。会议传达中央经济工作会议精神。")
    events = labels(ex, Kind.EVENT)
    assert "中央经济工作会议" in events
    assert not any(e.startswith("会议传达") for e in events)


def test_a_preparatory_meeting_is_a_meeting_and_an_agenda_or_a_bare_joint_meeting_is_none():
    ex = analyze_text("昨日，湘赣边十城市第九次联席会议预备会在萍乡召开。"
                      "预备会研究讨论了有关文件和联席会议议程，听取了联席会议筹备情况。")
    events = labels(ex, Kind.EVENT)
    assert "湘赣边十城市第九次联席会议预备会" in events
    assert not any(e.startswith("文件") for e in events) and "联席会议" not in events


def test_attending_after_a_session_only_planned_is_attending_the_meeting_held():
    ex = analyze_text("7日，区政协九届常委会第十次会议召开。会议决定，区政协九届三次会议于1月10日召开。"
                      "区政协副主席张某某出席会议。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("张某某", "区政协九届常委会第十次会议") in rels
    assert ("张某某", "区政协九届三次会议") not in rels


def test_a_name_before_a_verb_of_relaying_ends_there():
    ex = analyze_text("省委常委、副省长罗文通报了全省经济运行情况。")
    assert "罗文" in labels(ex, Kind.PERSON)


def test_veteran_comrades_listed_and_one_name_after_a_clause_of_attendees_are_persons():
    ex = analyze_text("省老同志孔德明、严学军等出席会议。王立平、何家俊出席会议，卢志远列席会议。")
    assert {"孔德明", "严学军", "卢志远"} <= labels(ex, Kind.PERSON)


def test_a_multimedia_reporter_of_a_paper_is_its_reporter():
    ex = analyze_text("本报讯（湖南日报全媒体记者 唐某某）1月5日，全省商务工作会议召开。")
    assert ("唐某某", "全媒体记者", "湖南日报") in positions(ex)


def test_attending_after_an_unnamed_meeting_held_is_not_attending_a_meeting_it_discussed():
    ex = analyze_text("12月20日，省政协党组召开扩大会议，传达学习中央经济工作会议精神。"
                      "会议指出，中央经济工作会议是一次重要会议。省委及时召开经济工作会议，部署工作。"
                      "梁某某、张某某出席会议。")
    assert "经济工作会议" not in labels(ex, Kind.EVENT)
    assert not [r for r in ex.relations if r.predicate == "participatesIn"]


def test_a_title_before_going_somewhere_names_nobody():
    ex = analyze_text("5月8日，王建国会长赴杭州参加第三届数字贸易博览会。")
    persons = labels(ex, Kind.PERSON)
    assert "王建国" in persons and not any(p.startswith("赴") for p in persons)


def test_including_is_a_verb_before_a_name():
    ex = analyze_text("本届博览会包括展会和论坛两个部分。")
    assert not any("包括" in e for e in labels(ex, Kind.EVENT))


def test_a_meeting_written_without_its_scope_after_it_is_written_with_it_is_the_same():
    ex = analyze_text("会议围绕贯彻落实全省数字经济发展大会精神展开。去年，省委、省政府召开了数字经济发展大会。")
    bare = [m for m in ex.mentions if m.kind is Kind.EVENT and m.label == "数字经济发展大会"]
    assert bare and bare[0].key == "name:全省数字经济发展大会"


def test_the_whole_city_s_meeting_in_the_title_is_an_unlisted_city_s_meeting_in_the_body():
    ex = analyze_text("全市民营企业家座谈会召开\n4月6日下午，桐乡市民营企业家座谈会召开。")
    title = [m for m in ex.mentions if m.kind is Kind.EVENT and m.label == "全市民营企业家座谈会"]
    assert title and title[0].key == "name:桐乡市民营企业家座谈会"


def test_the_members_of_a_joint_meeting_are_no_meeting():
    ex = analyze_text("市民营经济统战工作联席会议成员单位负责同志参加会议。")
    assert not labels(ex, Kind.EVENT)


def test_a_forum_s_secretary_general_belongs_to_the_body_that_runs_it():
    ex = analyze_text("博鳌亚洲论坛秘书长李某某在当天举行的新闻发布会上介绍了年会安排。")
    assert "博鳌亚洲论坛" in labels(ex, Kind.ORGANIZATION)
    assert ("李某某", "秘书长", "博鳌亚洲论坛") in positions(ex)
    assert "博鳌亚洲论坛" not in labels(ex, Kind.EVENT)



def test_a_term_before_a_post_in_a_list_of_guests_does_not_break_the_list():
    ex = analyze_text("6月5日，2024生态文明国际论坛在贵阳举行。东方文化交流协会会长马某某，"
                      "第十四届全国政协常委、中国外文局局长杜某某，贵州省委书记林某某等嘉宾出席论坛。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert {("马某某", "2024生态文明国际论坛"), ("杜某某", "2024生态文明国际论坛")} <= rels


def test_a_leading_group_s_secretariat_and_a_headquarters_are_bodies():
    ex = analyze_text("国家卫生健康委员会副主任、国务院医改领导小组秘书处副主任王某某，"
                      "国家防汛抗旱总指挥部秘书长、水利部副部长叶某某出席。")
    pos = positions(ex)
    assert ("王某某", "副主任", "国务院医改领导小组秘书处") in pos
    assert ("王某某", "副主任", "国家卫生健康委员会") in pos
    assert ("叶某某", "秘书长", "国家防汛抗旱总指挥部") in pos


def test_what_people_think_of_a_report_is_no_document():
    ex = analyze_text("小程序接收代表委员对《报告》和政府工作的意见。")
    assert not labels(ex, Kind.INITIATIVE)


def test_what_kind_of_meeting_it_is_names_no_event():
    ex = analyze_text("4月1日，某市召开誓师动员大会。市政府召开党组会议暨理论学习中心组学习会议。"
                      "在为期3天的供需对接会上，企业进行了洽谈。")
    events = labels(ex, Kind.EVENT)
    assert not {"誓师动员大会", "中心组学习会议", "供需对接会"} & events


def test_a_report_someone_made_elsewhere_is_not_taking_part_here():
    # the session approves the mayor's report to the people's congress: he made it there, not here
    ex = analyze_text("政协第九届东川市委员会第二次会议于2022年1月6日至8日在东川召开。"
                      "会议赞同周海明市长所作的政府工作报告。")
    rels = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert not any(subject == "周海明" for subject, _ in rels)
