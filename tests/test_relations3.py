"""Relations (positions, promotes, participates) on passages written for these
tests, in the genre of ministry meeting reports, briefings and interviews."""
from __future__ import annotations

from .conftest import analyze_text


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def took_part(ex, event: str) -> set[str]:
    return {s for s, o in relations(ex, "participatesIn") if o == event}


def test_attending_the_meeting_stands_for_a_symposium_held_before():
    text = ("农业农村部召开第三次种业企业座谈会\n"
            "3月5日，农业农村部党组书记、部长王立军主持召开第三次种业企业座谈会，听取企业意见建议。"
            "部党组成员、副部长陈海涛，总农艺师李文出席会议。\n"
            "会议强调，要全面落实中央农村工作会议和全国种业振兴推进大会部署。\n"
            "农业农村部相关司局负责同志参加会议。\n")
    ex = analyze_text(text, issued="2023-03-06")
    assert {"王立军", "陈海涛", "李文"} <= took_part(ex, "第三次种业企业座谈会")
    # 落实…大会部署 cites the conference: nobody here took part in it
    assert took_part(ex, "全国种业振兴推进大会") == set()


def test_a_list_of_officials_with_their_ministrys_party_posts_all_attend():
    text = ("全国商务工作会议在京召开\n"
            "12月20日，全国商务工作会议在北京召开。商务部党组书记、部长周明作工作报告。"
            "部党组成员、副部长刘强主持会议。"
            "部党组成员、副部长陈东，部党组成员、总工程师张伟，总经济师王芳在主会场出席会议。\n")
    ex = analyze_text(text, issued="2022-12-21")
    # 部党组成员、…: the bare 部 of a title chain is no word between the names of the list
    assert {"周明", "刘强", "陈东", "张伟", "王芳"} <= took_part(ex, "全国商务工作会议")


def test_those_listed_as_also_attending_take_part_in_the_meeting_reported():
    text = ("12月25日，全省数字经济发展大会在杭州举行。省长王一明出席会议并讲话。"
            "会上，省经济和信息化厅厅长李青宣读了有关文件。\n"
            "参加本次会议的还有省政府秘书长赵强、省经济和信息化厅副厅长孙丽及有关专家、企业家共一百多人。\n")
    ex = analyze_text(text, issued="2020-12-26")
    assert {"王一明", "赵强", "孙丽"} <= took_part(ex, "全省数字经济发展大会")


def test_the_bodies_that_sign_a_named_agreement_promote_it():
    text = ("3月1日，商务部与海南省人民政府在京签署《共建某某自由贸易港合作协议》。"
            "商务部部长王文明出席签约仪式。\n")
    ex = analyze_text(text, issued="2022-03-02")
    signers = {a for a, i in relations(ex, "promotes") if i == "共建某某自由贸易港合作协议"}
    assert signers and signers <= {"商务部", "海南省人民政府"}


def test_the_paper_of_a_dateline_is_not_the_subject_of_the_lead():
    text = ("荆门日报讯（记者 王明）10月26日，全市工业稳增长推进会召开，"
            "会议要求，全面实施《荆门市工业稳增长行动方案》。\n")
    ex = analyze_text(text, issued="2021-10-27")
    agents = {a for a, _ in relations(ex, "promotes") | relations(ex, "participatesIn")}
    assert "荆门日报" not in agents


def test_who_opens_a_sentence_that_begins_at_the_meeting_takes_part():
    text = ("全省数字经济发展大会在杭州举行\n"
            "12月25日，全省数字经济发展大会在杭州举行。省长王一明出席会议并讲话。\n"
            "会上，省经济和信息化厅厅长陈立新宣读了表彰决定，传达了省委书记张华的批示。\n"
            "新闻发布会上，省政府新闻办副主任钱进介绍了有关情况。\n")
    ex = analyze_text(text, issued="2020-12-26")
    assert {"王一明", "陈立新"} <= took_part(ex, "全省数字经济发展大会")
    # whose words are relayed is not present; a briefing is not the congress
    assert not {"张华", "钱进"} & took_part(ex, "全省数字经济发展大会")


def test_a_list_of_city_leaders_with_bare_committee_posts_all_attend():
    text = ("10月26日，市长王国庆主持召开市政府第十次常务会议，研究部署四季度经济工作。"
            "市委常委、常务副市长林常青，市委常委、市政府党组成员吴丕明，副市长李国梁、郑晓东参加会议。\n")
    ex = analyze_text(text, issued="2021-10-27")
    assert {"王国庆", "林常青", "吴丕明", "李国梁", "郑晓东"} <= took_part(ex, "市政府第十次常务会议")


def test_who_declares_an_expo_open_or_gives_a_keynote_takes_part():
    text = ("第三届中国国际消费品博览会在海口开幕\n"
            "5月10日，第三届中国国际消费品博览会在海口开幕。国务院副总理胡明宣布开幕。"
            "商务部部长王立国发表主旨演讲。\n")
    ex = analyze_text(text, issued="2023-05-11")
    assert {"胡明", "王立国"} <= took_part(ex, "第三届中国国际消费品博览会")


def test_a_meeting_decided_to_be_held_later_has_no_participant_yet():
    text = ("新华社北京12月3日电 全国工商联第十二届执行委员会第五次主席会议3日在京举行，全国工商联主席张明主持会议并讲话。\n"
            "张明指出，要认真学习贯彻中央经济工作会议精神。\n"
            "会议决定，12月16日在京召开全国工商联专门委员会工作会议。\n")
    ex = analyze_text(text, issued="2019-12-04")
    assert took_part(ex, "全国工商联专门委员会工作会议") == set()


def test_an_expo_that_opens_has_its_opening_ceremony_guests():
    text = ("第五届中国数字贸易博览会在杭州启幕\n"
            "12月9日，第五届中国数字贸易博览会在杭州启幕。"
            "杭州市委副书记、杭州市人民政府市长陈国强出席开幕式并致辞。"
            "开幕仪式由浙江省商务厅厅长王立平主持。\n"
            "出席开幕式的还有中国国际贸易促进委员会副会长李明华。\n")
    ex = analyze_text(text, issued="2023-12-10")
    assert {"陈国强", "王立平", "李明华"} <= took_part(ex, "第五届中国数字贸易博览会")


def test_the_congress_stands_for_the_fair_or_forum_that_opened():
    text = ("第七届泛北部湾经济合作论坛暨经贸洽谈会在南宁开幕\n"
            "9月21日上午，第七届泛北部湾经济合作论坛暨经贸洽谈会在南宁隆重开幕。"
            "全国人大常委会副委员长陈立宣布大会开幕，全国政协副主席李兆明出席大会。\n")
    ex = analyze_text(text, issued="2021-09-22")
    assert {"陈立", "李兆明"} <= took_part(ex, "第七届泛北部湾经济合作论坛")


def test_an_agreement_signed_by_places_is_not_the_ministrys():
    text = ("商务部副部长王立出席开幕式。商务部将继续支持区域合作。"
            "开幕式上，区域内9省（区）共同签署了《区域市场一体化合作协议》。\n")
    ex = analyze_text(text, issued="2021-09-22")
    assert not {a for a, i in relations(ex, "promotes") if i == "区域市场一体化合作协议"}


def test_who_entrusts_the_chair_is_not_the_subject():
    text = ("14日，受市委副书记、市长吴一凡委托，市委常委、常务副市长何立新主持召开市政府第29次常务会议，"
            "研究落实《长江经济带绿色发展十大行动方案》责任分工等工作。\n")
    ex = analyze_text(text, issued="2023-01-15")
    promoters = {a for a, i in relations(ex, "promotes") if i == "长江经济带绿色发展十大行动方案"}
    assert "吴一凡" not in promoters and "吴一凡" not in took_part(ex, "市政府第29次常务会议")


def test_a_government_work_report_named_in_passing_is_no_one_giving_a_report():
    text = ("1月24日下午，省十四届人大一次会议举行第二场新闻发布会。"
            "发布会围绕2023年江苏省人民政府工作报告，发布2023年重点工作安排。\n")
    ex = analyze_text(text, issued="2023-01-25")
    assert "江苏省人民政府" not in {a for a, _ in relations(ex, "participatesIn")}
    # but a governor giving it does take part
    text = ("1月16日，江苏省第十四届人民代表大会第一次会议在南京开幕。省长许立新作政府工作报告。\n")
    ex = analyze_text(text, issued="2023-01-17")
    assert "许立新" in took_part(ex, "江苏省第十四届人民代表大会第一次会议")


def test_an_event_cited_for_a_speech_given_there_is_not_the_activity_attended():
    text = ("5月24日，农业农村部举行青年工作主题活动，深入学习贯彻习近平总书记在全国青年工作大会上的重要讲话精神。"
            "农业农村部党组书记孙立平出席活动并讲话。\n")
    ex = analyze_text(text, issued="2022-05-25")
    assert took_part(ex, "全国青年工作大会") == set()


def test_guests_listed_with_their_posts_who_attend_and_open_together_take_part():
    text = ("第二十届中国西部国际博览会在成都开幕\n"
            "5月25日，第二十届中国西部国际博览会在成都开幕。"
            "开幕式上，四川省委书记、省人大常委会主任王晓明，四川省委副书记、省长黄立强，"
            "商务部党组成员、副部长郭丽婷出席并共同启动开幕。\n")
    ex = analyze_text(text, issued="2023-05-26")
    assert {"王晓明", "黄立强", "郭丽婷"} <= took_part(ex, "第二十届中国西部国际博览会")


def test_who_gives_the_speech_of_a_meeting_takes_part():
    text = ("全省制造业高质量发展大会在合肥召开\n"
            "3月1日，全省制造业高质量发展大会在合肥召开。省委书记李明远发表重要讲话。"
            "省长王清宪作动员讲话。副省长张红文作总结讲话。\n")
    ex = analyze_text(text, issued="2023-03-02")
    assert {"李明远", "王清宪", "张红文"} <= took_part(ex, "全省制造业高质量发展大会")


def test_a_bare_chaired_or_attended_ending_a_clause_is_taking_part():
    text = ("第八届中国—东盟博览会在南宁开幕\n"
            "9月20日，第八届中国—东盟博览会在南宁开幕。商务部副部长盛立平出席开幕式。"
            "自治区党委副书记、自治区主席蓝天立主持。\n"
            "国务院发展研究中心主任陆志远，国家发展改革委副主任赵明昕等参加。\n")
    ex = analyze_text(text, issued="2023-09-21")
    assert {"盛立平", "蓝天立", "陆志远", "赵明昕"} <= took_part(ex, "第八届中国—东盟博览会")


def test_the_sessions_a_meeting_is_named_after_are_not_the_meeting_attended():
    text = ("1月9日，省委在昆明召开出席省十四届人大一次会议、省政协十三届一次会议的中共党员会议。"
            "省委副书记、省长王立波出席。\n")
    ex = analyze_text(text, issued="2023-01-10")
    assert "王立波" not in took_part(ex, "省十四届人大一次会议") | took_part(ex, "省政协十三届一次会议")


def test_the_year_of_a_plan_is_no_one_implementing_it():
    text = ("山东省工业和信息化厅厅长王立新指出，今年是实施“十四五”规划承上启下的关键一年，"
            "要深入实施“千企技改”专项行动。\n")
    ex = analyze_text(text, issued="2022-01-10")
    promoted = {i for _, i in relations(ex, "promotes")}
    assert "十四五规划" not in promoted and "千企技改专项行动" in promoted
