"""Relations (positions, promotes, participates) on passages written for these
tests in the genre of ministry briefings, interviews and meeting reports."""
from __future__ import annotations

from kg.models import Kind

from .conftest import analyze_text


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def took_part(ex, event: str) -> set[str]:
    return {s for s, o in relations(ex, "participatesIn") if o == event}


BRIEFING_ON_A_FAIR = (
    "农业农村部：前三季度农产品出口平稳 中国国际农产品交易会签约额创新高\n\n"
    "本报北京10月20日讯 (记者 林晓雨)农业农村部20日举行例行新闻发布会。"
    "农业农村部新闻发言人周立新在会上表示，前三季度农产品出口保持平稳。\n"
    "第二十届中国国际农产品交易会9月8日至12日在长沙举办。"
    "周立新介绍，本届中国国际农产品交易会共有40个国家和地区的企业来华参展，签约额超过500亿元。\n"
    "此前举行的第三届中国国际茶叶博览会同样反响热烈。\n"
)


def test_an_event_said_only_to_take_place_has_no_participant():
    ex = analyze_text(BRIEFING_ON_A_FAIR, issued="2023-10-20")
    assert "第二十届中国国际农产品交易会" in {m.label for m in ex.mentions if m.kind is Kind.EVENT}
    # 在长沙举办 names no holder; 周立新介绍，…来华参展 reports who took part; 此前举行的 cites a fair;
    # 在会上 is the unnamed briefing, not the fair of the headline
    assert relations(ex, "participatesIn") == set()


def test_an_event_held_in_the_lead_is_the_article_bodys():
    text = ("全国农业农村厅局长会议在京召开\n\n"
            "本报北京12月28日讯 12月27日，全国农业农村厅局长会议在京召开。"
            "农业农村部党组书记、部长唐仁健出席会议并讲话。\n"
            "会议要求，2024年要深入实施高标准农田建设工程。\n")
    ex = analyze_text(text, issued="2023-12-28")
    assert {"农业农村部", "唐仁健"} <= took_part(ex, "全国农业农村厅局长会议")


def test_a_document_cited_as_issued_has_no_promoter_unless_we_issued_it():
    text = ("生态环境部：推动重点行业减污降碳\n\n"
            "“减污降碳是一项系统工程。”生态环境部综合司副司长钱立华说，2022年印发的《减污降碳协同增效实施方案》"
            "明确了重点任务。\n"
            "钱立华表示，我们去年出台的《重点行业清洁生产改造工程实施方案》已经见到成效。\n")
    ex = analyze_text(text, issued="2023-05-10")
    promoted = {o for _, o in relations(ex, "promotes")}
    assert "减污降碳协同增效实施方案" not in promoted
    assert ("钱立华", "重点行业清洁生产改造工程实施方案") in relations(ex, "promotes")


def test_hosts_and_a_bare_attended_take_part_in_the_reported_fair():
    text = ("2023中部农业博览会在郑州开幕\n\n"
            "本报讯 9月12日，2023中部农业博览会在郑州开幕。省委副书记、省长王振华出席开幕式，"
            "农业农村部副部长周海明致辞，中国农业发展银行行长赵永刚出席。\n"
            "本届农博会由农业农村部、中国贸促会和河南省人民政府共同主办，历时4天。\n")
    ex = analyze_text(text, issued="2023-09-13")
    attended = took_part(ex, "2023中部农业博览会")
    assert {"王振华", "周海明", "赵永刚"} <= attended
    assert {"农业农村部", "中国贸促会"} <= attended


def test_what_a_document_says_to_do_is_done_by_its_issuer_not_the_last_speaker():
    text = ("水利部印发年度指导意见\n\n"
            "水利部日前印发《2023年水利工作指导意见》(以下简称《指导意见》)。\n"
            "中国水利学会副理事长孙立明表示，今年水利投资有望保持高位。\n"
            "《指导意见》明确，深入实施国家水网建设规划纲要，加快推进重大引调水工程。\n")
    ex = analyze_text(text, issued="2023-03-02")
    promoters = {s for s, o in relations(ex, "promotes") if o == "国家水网建设规划纲要"}
    assert "孙立明" not in promoters
    assert promoters <= {"水利部"}


def test_officials_asked_to_attend_take_part_in_the_briefing_their_sentence_names():
    text = ("3月6日，市政府新闻办召开两场新闻发布会。\n"
            "上午9时，市政府新闻办举行2023年城市更新工作新闻发布会，请市住房和城乡建设局局长韩立平、"
            "市自然资源和规划局副局长邵明到会，介绍相关情况并回答记者提问。\n")
    ex = analyze_text(text, issued="2023-03-05")
    assert {"韩立平", "邵明"} <= took_part(ex, "2023年城市更新工作新闻发布会")


def test_a_speaker_with_two_posts_speaks_for_the_articles_body():
    text = ("国家发展改革委举行3月新闻发布会\n\n"
            "3月1日，国家发展改革委举行新闻发布会。中央财办副主任、国家发展改革委副主任"
            "张明远在发布会上介绍了有关情况。\n"
            "张明远说，国家发展改革委今年将加快城市群建设。\n"
            "城市建设方面，以实施城市更新行动为抓手，推进老旧小区改造。\n")
    ex = analyze_text(text, issued="2023-03-01")
    promoters = {s for s, o in relations(ex, "promotes") if o == "城市更新行动"}
    assert "张明远" in promoters
    assert "中央财办" not in promoters


def test_a_briefing_on_a_report_is_not_the_session_it_was_given_at():
    text = ("省政府新闻办就《政府工作报告》举行吹风会\n\n"
            "1月16日，省十四届人大二次会议在福州开幕。省长赵文明在开幕会上作政府工作报告。\n"
            "1月17日，省政府新闻办举行吹风会，请省政府研究室主任林海峰解读《政府工作报告》，并答记者问。\n")
    ex = analyze_text(text, issued="2024-01-17")
    attended = took_part(ex, "省十四届人大二次会议")
    assert "赵文明" in attended
    assert "林海峰" not in attended and "省政府新闻办" not in attended


def test_a_transcript_after_a_session_closed_is_not_of_that_session():
    text = ("3月11日上午，十四届全国人大二次会议闭幕后，国务院副总理王成林在人民大会堂出席记者会并回答中外记者提问。\n"
            "以下为文字实录：\n"
            "主持人：下面开始提问。\n"
            "王成林：谢谢大家。我们将继续实施扩大内需战略。\n")
    ex = analyze_text(text, issued="2024-03-11")
    assert "王成林" not in took_part(ex, "十四届全国人大二次会议")
