"""Entities and relations read from passages written for these tests after a
fifth round of real articles of the genre were probed: bodies read across a
preposition or a conjunction, short and scoped names of meetings (以下简称, 全市
and the city, 全国和全省, a city's sessions written short), local plenums listed
in one phrase, meeting nouns of local news (部署会, 调度会, 会商会), names ending
before a preposition, and who takes part in which meeting."""
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


def test_a_short_name_given_after_hereinafter_is_the_same_event():
    ex = analyze_text("第五届中国西部装备制造博览会（以下简称“装博会”）于9月在西宁举行。本届装博会共有500家企业参展。")
    short = [m for m in ex.mentions if m.kind is Kind.EVENT and m.label == "装博会"]
    assert short and all(m.key == "name:第五届中国西部装备制造博览会" for m in short[:1])


def test_the_investment_fair_written_short_is_the_fair_named_in_full():
    ex = analyze_text("第二十届中国国际投资贸易洽谈会在厦门开幕。本届投洽会签约项目200个。")
    keys = {m.key for m in ex.mentions if m.kind is Kind.EVENT and m.label == "投洽会"}
    assert keys == {"name:第二十届中国国际投资贸易洽谈会"}


def test_a_high_level_forum_names_no_event():
    ex = analyze_text("这是该组织首次举行以绿色发展为主题的高级别论坛。会议期间还将举办高峰论坛和高端论坛。"
                      "中国发展高层论坛2024年年会在北京开幕。")
    events = labels(ex, Kind.EVENT)
    assert not events & {"高级别论坛", "高峰论坛", "高端论坛"}
    assert any(e.startswith("中国发展高层论坛") for e in events)


def test_a_body_whose_name_ends_in_a_verb_stays_inside_the_event_it_names():
    ex = analyze_text("9月5日，中国—上海合作组织绿色农业合作论坛在西安举行。")
    assert labels(ex, Kind.EVENT) == {"中国—上海合作组织绿色农业合作论坛"}


def test_a_council_named_after_its_members_is_no_title_before_a_name():
    ex = analyze_text("公司董事会关于利润分配的议案获得通过。区人大常委会关于代表建议的报告已印发。")
    assert labels(ex, Kind.PERSON) == set()


def test_an_unlisted_city_party_committee_named_after_the_party():
    ex = analyze_text("会议期间，中共临江市委、市政府领导出席大会。中共德清县委员会召开全会。")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"中共临江市委", "中共德清县委员会"} <= orgs
    assert "中共" not in orgs


def test_a_preposition_or_conjunction_after_a_two_character_name_is_no_part_of_it():
    ex = analyze_text("国务院副总理韩波以视频方式出席开幕式。会上宣读了习近平主席贺信并致辞。")
    persons = labels(ex, Kind.PERSON)
    assert "韩波" in persons
    assert not persons & {"韩波以", "贺信并", "贺信"}


def test_a_name_that_is_also_a_word_before_a_conjunction():
    ex = analyze_text("国家统计局工业司首席统计师江源并介绍了有关情况。")
    assert "江源" in labels(ex, Kind.PERSON)


def test_a_cppcc_committee_of_a_city_is_no_party_committee():
    ex = analyze_text("会议审议批准了政协第九届苏州市委员会常务委员会工作报告。政协苏州市委员会召开会议。")
    assert not any(o.startswith("苏州市委") for o in labels(ex, Kind.ORGANIZATION))


def test_the_outlet_of_a_dateline_with_a_date_holds_no_event():
    ex = analyze_text("海峡网3月2日讯（记者 林涛）3月1日，全省数字经济发展大会在福州召开。会议部署了全年工作。")
    part = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("海峡网", "全省数字经济发展大会") not in part


def test_the_first_briefing_of_a_body_is_still_no_titled_event():
    ex = analyze_text("今天上午举行首场中共中央新闻发布会，介绍全会精神。本次国家能源局新闻发布会由副局长主持。")
    assert labels(ex, Kind.EVENT) == set()


def test_a_named_deployment_or_dispatch_meeting_is_an_event():
    ex = analyze_text("8月3日，全省外贸稳增长工作部署会在南昌召开。市工信局召开视频调度会。")
    events = labels(ex, Kind.EVENT)
    assert "全省外贸稳增长工作部署会" in events
    assert "视频调度会" not in events


def test_who_attends_the_meeting_after_a_deployment_meeting_attends_it():
    ex = analyze_text("7月2日，市政府召开全市安全生产工作部署会。副市长赵立新出席会议并讲话。")
    part = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("赵立新", "全市安全生产工作部署会") in part


def test_a_consultation_meeting_is_no_chamber_of_commerce_and_its_first_edition_is_not_after_since():
    ex = analyze_text("21日，中部四省会城市第五届会商会在长沙举行。自首届会商会以来，合作不断深化。")
    assert not any(o.endswith("会商会") for o in labels(ex, Kind.ORGANIZATION))
    events = labels(ex, Kind.EVENT)
    assert "中部四省会城市第五届会商会" in events
    assert not any(e.startswith("自") for e in events)


def test_a_progress_meeting_written_with_hui_yi_is_headed_by_the_meeting():
    ex = analyze_text("省政府召开全省制造业高质量发展推进会议。")
    assert labels(ex, Kind.EVENT) == {"全省制造业高质量发展推进会议"}


def test_who_attends_a_session_does_not_attend_the_congress_it_decided_to_convene():
    ex = analyze_text("11月21日，中共临江市第九届委员会第五次全体会议在临江召开。会议决定12月5日召开市第十次党代会。"
                      "市委副书记张明出席。")
    part = {(r.subject, r.object) for r in ex.relations if r.predicate == "participatesIn"}
    assert ("张明", "中共临江市第九届委员会第五次全体会议") in part
    assert ("张明", "市第十次党代会") not in part


def test_a_local_plenum_glued_to_its_spirit_is_found():
    ex = analyze_text("会议学习了省委十一届五次全会精神和全省经济工作会议精神。")
    assert {"省委十一届五次全会", "全省经济工作会议"} <= labels(ex, Kind.EVENT)


def test_two_local_plenums_in_one_phrase_are_two_events():
    ex = analyze_text("会议深入学习贯彻省委十一届二次、三次全会精神。全面落实市委七届四次、五次全体会议部署。")
    assert labels(ex, Kind.EVENT) == {"省委十一届二次全会", "省委十一届三次全会", "市委七届四次全体会议", "市委七届五次全体会议"}


def test_the_national_and_provincial_meetings_named_together_are_two_events():
    ex = analyze_text("会议传达学习了全国和全省商务工作会议精神。认真贯彻全省、全市科技创新大会部署。")
    assert labels(ex, Kind.EVENT) == {"全国商务工作会议", "全省商务工作会议", "全省科技创新大会", "全市科技创新大会"}


def test_a_meeting_joined_to_an_event_found_before_is_its_own_event():
    ex = analyze_text("全国两会和全省经济工作会议都对今年工作作出部署。")
    assert labels(ex, Kind.EVENT) == {"全国两会", "全省经济工作会议"}


def test_the_author_credited_at_the_foot_of_an_article_is_a_person():
    ex = analyze_text("全市工业经济稳中有进。\n作者：周文斌\n责任编辑：陆晓")
    assert {"周文斌", "陆晓"} <= labels(ex, Kind.PERSON)


def test_a_place_before_a_verb_is_the_subject_not_part_of_the_zone_it_builds():
    ex = analyze_text("国家支持江西建设内陆开放型经济试验区。")
    assert labels(ex, Kind.INITIATIVE) == {"内陆开放型经济试验区"}


def test_witnessing_an_agreement_is_no_part_of_its_name():
    ex = analyze_text("省长王明与华信集团董事长刘东出席签约仪式并共同见证协议签署。")
    assert not any("见证" in i for i in labels(ex, Kind.INITIATIVE))


def test_a_name_before_accompanying_or_respectively_ends_there():
    ex = analyze_text("镇党委书记魏东陪同刘强一行考察。公司副总裁李宁分别代表双方签署协议。")
    persons = labels(ex, Kind.PERSON)
    assert {"魏东", "李宁"} <= persons
    assert "魏东陪" not in persons


def test_a_town_before_its_party_secretary_is_no_name():
    ex = analyze_text("区委常委、柳园镇党委书记魏宾出席签约。")
    assert labels(ex, Kind.PERSON) == {"魏宾"}


def test_zhong_opening_a_clause_opens_a_company_name():
    ex = analyze_text("签约仪式上，中电光谷集团总裁黄立平致辞。")
    assert "中电光谷集团" in labels(ex, Kind.ORGANIZATION)


def test_the_government_departments_of_a_bloc_are_no_organization():
    ex = analyze_text("来自东盟国家政府部门和欧盟政府部门的代表参加论坛。")
    assert not any(o.endswith("政府") for o in labels(ex, Kind.ORGANIZATION))


def test_a_signing_meeting_keeps_its_verb_and_a_meeting_mechanism_is_no_meeting():
    ex = analyze_text("副省长刘军出席全省2024年度安全生产责任书签订会议并讲话。"
                      "省政府建立民营企业圆桌会议沟通交流机制，并完善部际联席会议制度。")
    assert labels(ex, Kind.EVENT) == {"全省2024年度安全生产责任书签订会议"}


def test_the_citys_meeting_written_with_its_scope_in_the_title_is_the_same_meeting():
    ex = analyze_text("李明出席全市数字经济发展座谈会\n3月2日上午，嘉兴市数字经济发展座谈会召开。")
    keys = {m.key for m in ex.mentions if m.kind is Kind.EVENT and m.label == "全市数字经济发展座谈会"}
    assert keys == {"name:嘉兴市数字经济发展座谈会"}


def test_to_understand_is_a_verb_before_a_council_not_part_of_its_name():
    ex = analyze_text("为了解市外贸发展联席会议成员单位工作情况，市商务局召开会议。")
    assert not any(e.startswith("了解") for e in labels(ex, Kind.EVENT))


def test_the_state_councils_joint_prevention_mechanism_is_a_body_of_the_state_council():
    ex = analyze_text("6月2日，国务院联防联控机制召开新闻发布会，介绍有关情况。")
    assert "国务院联防联控机制" in labels(ex, Kind.ORGANIZATION)


def test_a_kind_of_body_joined_to_another_is_no_name():
    ex = analyze_text("要加强企业与大学、研究所之间的产学研联系。")
    assert labels(ex, Kind.ORGANIZATION) == set()


def test_a_year_named_after_a_plan_after_a_list_is_no_one_implementing_it():
    ex = analyze_text("省委书记刘杰出席并讲话。\n刘杰说，今年是全面贯彻落实党的二十大精神的开局之年、实施“十四五”规划承上启下的关键之年。")
    assert not [r for r in ex.relations if r.predicate == "promotes"]


def test_a_zone_inside_a_quoted_theme_is_no_programme():
    ex = analyze_text("本次大会以“聚力创新 共赢未来——打造数字贸易开放合作先行区”为主题。全省开展“一起益企”中小企业服务行动。")
    assert labels(ex, Kind.INITIATIVE) == {"一起益企中小企业服务行动"}


def test_a_citys_sessions_written_short_are_the_sessions_named_in_full():
    ex = analyze_text("中国人民政治协商会议第九届临州市委员会第三次会议在临州召开。会议通过关于临州市政协九届三次会议提案的报告。"
                      "委员们列席了临州市第十二届人民代表大会第三次会议。临州市十二届人大三次会议开幕。")
    keys = {m.label: m.key for m in ex.mentions if m.kind is Kind.EVENT}
    assert keys["临州市政协九届三次会议"] == "name:中国人民政治协商会议第九届临州市委员会第三次会议"
    assert keys["临州市十二届人大三次会议"] == "name:临州市第十二届人民代表大会第三次会议"


def test_a_party_committee_after_a_conjunction_is_the_committee_without_it():
    ex = analyze_text("李晓红与上海市委副书记、市长龚正共同颁奖。")
    assert labels(ex, Kind.ORGANIZATION) == {"上海市委"}


def test_sustainable_stays_inside_a_forums_name_and_awarding_is_a_verb():
    ex = analyze_text("展会期间还将举办国际工业可持续发展论坛。市长为“智能工厂示范项目”颁发博览会金奖。")
    events = labels(ex, Kind.EVENT)
    assert "国际工业可持续发展论坛" in events
    assert not any("颁发" in e for e in events)


def test_the_first_four_sessions_name_no_event():
    ex = analyze_text("据统计，前四届大会累计签约项目2454个，历届论坛成果丰硕。")
    assert labels(ex, Kind.EVENT) == set()


def test_major_meetings_name_no_event():
    ex = analyze_text("要认真做好重大会议活动组织服务工作。")
    assert labels(ex, Kind.EVENT) == set()


def test_every_session_of_a_series_is_no_event():
    found = labels(analyze_text("会议强调，全面贯彻党的十九届历次全会精神，办好各届论坛，开好省委十三届三次全会。"), Kind.EVENT)
    assert not any("历次" in label or "各届" in label for label in found)
    assert "省委十三届三次全会" in found


def test_the_way_a_meeting_is_held_names_no_event():
    for text in ("本次活动以“共促发展”为主题，采取现场会议加视频连线的形式，由省政府主办。",
                 "论坛采取现场会议与视频会议相结合的方式举行。", "会议采用视频会议形式召开。"):
        found = labels(analyze_text(text), Kind.EVENT)
        assert not any(verb in label for label in found for verb in ("采取", "采用")), text


def participants(ex, event: str) -> set[str]:
    return {r.subject for r in ex.relations if r.predicate == "participatesIn" and r.object == event}


def test_a_meeting_with_no_name_held_in_between_is_the_one_chaired():
    ex = analyze_text("5月9日，全省制造业发展工作推进会议在太原召开。省工业和信息化厅厅长周卫东出席会议并讲话。\n"
                      "省统计局召开党组会议。局党组书记、局长马建国主持会议。\n"
                      "省商务厅召开厅务会，厅长王立新主持会议。")
    assert participants(ex, "全省制造业发展工作推进会议") == {"周卫东"}
    # a press conference the named session holds is a part of it
    ex = analyze_text("3月6日，十四届全国人大二次会议在梅地亚中心举行记者会。会上，国家发展和改革委员会主任郑栅洁回答记者提问。")
    assert "郑栅洁" in participants(ex, "十四届全国人大二次会议")
