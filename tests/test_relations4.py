"""Relations (positions, promotes, participates) on passages written for these
tests: a fourth round of cases from briefings, fairs and work-meeting reports."""
from __future__ import annotations

from .conftest import analyze_text


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def took_part(ex, event: str) -> set[str]:
    return {s for s, o in relations(ex, "participatesIn") if o == event}


def test_officials_listed_before_attending_the_press_conference_all_take_part():
    text = ("湖南省举行2023年湖南工业经济运行情况新闻发布会\n"
            "2月8日，湖南省人民政府新闻办公室举行2023年湖南工业经济运行情况新闻发布会。"
            "省工业和信息化厅运行监测协调处处长周文，省工业和信息化厅规划处处长陈刚，"
            "省工业和信息化厅中小企业处处长罗晓出席新闻发布会，并回答记者提问。\n")
    ex = analyze_text(text, issued="2023-02-09")
    assert {"周文", "陈刚", "罗晓"} <= took_part(ex, "2023年湖南工业经济运行情况新闻发布会")


def test_who_has_a_speech_read_out_for_them_is_not_present():
    text = ("第三届中国新能源汽车产业博览会在长沙开幕\n"
            "9月6日，由工业和信息化部、湖南省人民政府共同主办的第三届中国新能源汽车产业博览会在长沙开幕。"
            "湖南省委书记张国华宣读李方副总理致辞，工业和信息化部副部长吴江出席开幕式并致辞。\n")
    ex = analyze_text(text, issued="2023-09-07")
    took = took_part(ex, "第三届中国新能源汽车产业博览会")
    assert {"张国华", "吴江"} <= took
    assert "李方" not in took


def test_the_outlet_of_a_news_dateline_is_not_the_subject_of_the_lead():
    text = ("第三届中国新能源汽车产业博览会在长沙开幕\n"
            "汽车网消息 9月6日，由工业和信息化部、湖南省人民政府等共同主办的第三届中国新能源汽车产业博览会在长沙开幕。\n")
    ex = analyze_text(text, issued="2023-09-07")
    assert "汽车网" not in took_part(ex, "第三届中国新能源汽车产业博览会")


def test_a_ministry_named_only_as_the_source_of_the_news_is_not_the_articles_body():
    text = ("2020年湖北省工业和信息化工作会议召开\n"
            "质量报讯 从工信部官网获悉，3月27日，2020年湖北省工业和信息化工作会议在武汉召开。"
            "湖北省副省长赵一平出席会议并讲话。湖北省工业和信息化厅厅长钱中华作主报告。\n"
            "会议强调，要为实现“十四五”规划开好局作出新的更大贡献。\n")
    ex = analyze_text(text, issued="2020-04-07")
    took = took_part(ex, "2020年湖北省工业和信息化工作会议")
    assert "赵一平" in took
    assert "工信部" not in took
    assert not any(s == "工信部" for s, _ in relations(ex, "promotes"))


def test_officials_listed_before_attending_a_named_event_all_take_part():
    text = ("2023世界智能制造大会在南京开幕\n"
            "12月6日，2023世界智能制造大会在南京开幕。工业和信息化部副部长王江平，江苏省副省长胡广杰，"
            "中国电子学会理事长徐晓兰出席2023世界智能制造大会。\n")
    ex = analyze_text(text, issued="2023-12-07")
    assert {"王江平", "胡广杰", "徐晓兰"} <= took_part(ex, "2023世界智能制造大会")


def test_a_person_who_speaks_before_another_attends_is_not_listed_with_them():
    text = ("2023世界智能制造大会在南京开幕\n"
            "12月6日，2023世界智能制造大会在南京开幕。王江平表示，要加快智能制造发展，"
            "徐晓兰出席2023世界智能制造大会。\n")
    ex = analyze_text(text, issued="2023-12-07")
    assert "王江平" not in took_part(ex, "2023世界智能制造大会")


def test_a_briefing_held_to_present_a_fair_is_not_holding_the_fair():
    text = ("商务部举行中外媒体吹风会介绍第三届中国国际消费品博览会筹备情况\n"
            "新华社北京4月1日电 商务部4月1日举行中外媒体吹风会。商务部副部长盛秋平介绍第三届中国国际消费品博览会筹备情况，"
            "并回答记者提问。\n")
    ex = analyze_text(text, issued="2023-04-01")
    took = took_part(ex, "第三届中国国际消费品博览会")
    assert "商务部" not in took
    assert "盛秋平" not in took          # he answers reporters at the briefing, not at the fair


def test_who_reports_that_someone_attended_is_not_the_one_who_attended():
    text = ("商务部举行吹风会\n"
            "商务部副部长盛秋平介绍李强总理出席第三届中国国际消费品博览会开幕式有关情况。\n")
    ex = analyze_text(text, issued="2023-04-20")
    took = took_part(ex, "第三届中国国际消费品博览会")
    assert "李强" in took
    assert "盛秋平" not in took


def test_a_verb_inside_a_documents_name_is_no_one_doing_it():
    text = ("县委常委会召开会议\n"
            "3月8日，县委书记王建平主持召开县委常委会会议。"
            "会议还传达了市文联主席李红在市作协第五次代表大会开幕式上的讲话精神，"
            "审议并原则通过了《关于做好2022年全面推进乡村振兴重点工作的实施方案》《县政协2022年重点协商计划》。\n")
    ex = analyze_text(text, issued="2022-03-09")
    assert not any(s in ("市文联", "李红") for s, _ in relations(ex, "promotes"))


def test_a_leaders_speech_cited_as_guidance_is_no_one_taking_part():
    text = ("县委常委会召开会议\n"
            "会议学习贯彻了习近平总书记在中央全面深化改革委员会第二十四次会议、在中央党校中青年干部培训班开班式上的重要讲话精神。\n")
    ex = analyze_text(text, issued="2022-03-09")
    assert took_part(ex, "中央全面深化改革委员会第二十四次会议") == set()


def posts(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def test_a_post_stated_of_a_person_is_a_position():
    text = ("商务部召开例行新闻发布会\n"
            "高峰介绍，新任新闻发言人周晓燕女士是商务部外贸司副司长，兼任商务部新闻发言人。"
            "刘志刚表示，今年将加快推进规划实施。刘志刚现任工业和信息化部规划司司长。\n")
    ex = analyze_text(text, issued="2021-09-02")
    assert {("周晓燕", "副司长", "商务部外贸司"), ("周晓燕", "新闻发言人", "商务部"),
            ("刘志刚", "司长", "工业和信息化部规划司")} <= posts(ex)


def test_an_appointment_is_a_position():
    text = ("国务院任免国家工作人员\n"
            "新华社北京5月6日电 国务院任免国家工作人员。任命陈志强为国家统计局副局长。陈志强表示，将尽职尽责。\n")
    ex = analyze_text(text, issued="2022-05-06")
    assert ("陈志强", "副局长", "国家统计局") in posts(ex)


def test_the_body_that_approves_is_not_the_one_that_issues():
    text = ("工业和信息化部印发暂行办法\n"
            "经国务院同意印发《促进中小企业特色产业集群发展暂行办法》。工业和信息化部有关负责人介绍了相关情况。\n")
    ex = analyze_text(text, issued="2022-09-01")
    promoters = {s for s, o in relations(ex, "promotes") if o == "促进中小企业特色产业集群发展暂行办法"}
    assert "国务院" not in promoters


def test_a_ministry_whose_official_is_a_guest_later_does_not_hold_the_fair():
    text = ("第十八届中国西部国际博览会开幕\n"
            "信息来源：四川省商会\n"
            "9月16日上午，第十八届中国西部国际博览会开幕式在成都举行。国务院副总理胡春华致辞并宣布开幕。"
            "四川省委书记彭清华讲话。商务部副部长俞建华，外交部党委书记齐玉出席开幕式。\n")
    ex = analyze_text(text, issued="2021-09-17")
    took = took_part(ex, "第十八届中国西部国际博览会")
    assert "胡春华" in took
    assert "商务部" not in took


def test_a_ministry_named_only_as_a_guests_post_does_not_launch_the_provinces_programme():
    text = ("四川省召开粮食生产工作会议\n"
            "信息来源：四川日报\n"
            "3月2日，四川省粮食生产工作会议在成都召开。省委书记王晓东出席会议并讲话。\n"
            "会议要求，要全面实施“天府粮仓”建设行动。\n"
            "农业农村部副部长张桃林出席会议。\n")
    ex = analyze_text(text, issued="2023-03-03")
    assert not any(s == "农业农村部" for s, _ in relations(ex, "promotes"))


def test_guests_whose_posts_name_a_party_department_or_two_posts_all_attend():
    text = ("第三届中非经贸博览会在长沙开幕\n"
            "9月29日，第三届中非经贸博览会在长沙开幕。副省长何报翔，湖南省委常委、宣传部部长杨浩东，"
            "商务部国际贸易谈判代表兼副部长王受文，中国贸促会副会长张少刚出席开幕式。\n")
    ex = analyze_text(text, issued="2023-09-30")
    assert {"杨浩东", "王受文", "何报翔", "张少刚"} <= took_part(ex, "第三届中非经贸博览会")


def test_a_stated_chain_of_titles_is_one_position_each():
    text = ("商务部召开会议\n"
            "刘志刚表示，今年将加快推进规划实施。刘志刚现任商务部党组成员、副部长，分管外贸工作。\n")
    ex = analyze_text(text, issued="2023-03-02")
    assert {("刘志刚", "党组成员", "商务部"), ("刘志刚", "副部长", "商务部")} <= posts(ex)
