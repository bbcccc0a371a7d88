"""Extraction of named things and their relations, on passages written for
these tests in the genre (other ministries, provinces, outlets and officials
than the seed articles)."""
from __future__ import annotations

import pytest

from kg.models import Kind

from .conftest import analyze_text


def labels(ex, kind: Kind) -> set[str]:
    return {m.label for m in ex.mentions if m.kind is kind}


def positions(ex) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.organization) for p in ex.positions}


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def resolved(folder, text: str):
    """The resolution of a one-article corpus (a.txt) built end to end."""
    from kg.pipeline import build

    (folder / "a.txt").write_text(text, encoding="utf-8")
    return build(folder).resolution


def entities(res, kind: Kind) -> list:
    return [e for e in res.entities.values() if e.kind is kind]


PRESS_CONFERENCE = (
    "国家发展改革委举行新闻发布会\n"
    "3月18日，国家发展改革委新闻发言人李超在例行新闻发布会上表示，"
    "将加快实施“十四五”现代能源体系规划，推进大规模设备更新和消费品以旧换新行动。\n"
    "李超介绍，1—2月，全国固定资产投资同比增长4.2%。\n"
)


def test_press_conference_spokesperson_and_programmes():
    ex = analyze_text(PRESS_CONFERENCE, issued="2024-03-18")
    assert "李超" in labels(ex, Kind.PERSON)
    assert ("李超", "新闻发言人", "国家发展改革委") in positions(ex)
    initiatives = labels(ex, Kind.INITIATIVE)
    assert "十四五现代能源体系规划" in initiatives
    assert "大规模设备更新和消费品以旧换新行动" in initiatives
    # a routine press conference is an occasion, not a named event
    assert not labels(ex, Kind.EVENT)
    promoted = {obj for _, obj in relations(ex, "promotes")}
    assert "十四五现代能源体系规划" in promoted
    # "李超介绍" does not make 李超介 a name
    assert all(len(p) <= 3 for p in labels(ex, Kind.PERSON))


def test_a_bodys_routine_briefing_is_an_occasion_and_the_body_stays():
    ex = analyze_text("在2月13日举行的国家能源局例行新闻发布会上，国家能源局新能源和可再生能源司副司长王大鹏介绍，"
                      "可再生能源装机突破12亿千瓦。\n在商务部例行新闻发布会上，发言人束珏婷表示，将稳外贸。\n"
                      "国家能源局召开二季度网上新闻发布会。", issued="2023-02-14")
    events = labels(ex, Kind.EVENT)
    assert not any("例行" in e for e in events)
    assert "二季度网上新闻发布会" in events          # a dated one has a title
    assert {"国家能源局", "商务部"} <= labels(ex, Kind.ORGANIZATION)
    assert ("王大鹏", "副司长", "国家能源局新能源和可再生能源司") in positions(ex)


PROVINCE = (
    "广东省工业和信息化厅厅长涂高坤介绍，今年全省将深入实施“数字化转型”专项行动，"
    "广东省工业和信息化厅联合广东省发展和改革委员会出台《关于推动制造业高质量发展的若干措施》。"
    "粤港澳大湾区和长三角地区的企业积极参与。"
)


def test_provincial_department_and_places_are_not_orgs():
    ex = analyze_text(PROVINCE)
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "广东省工业和信息化厅" in orgs
    assert "广东省发展和改革委员会" in orgs
    assert not orgs & {"粤港澳大湾区", "长三角", "广东省", "广东"}
    assert ("涂高坤", "厅长", "广东省工业和信息化厅") in positions(ex)
    initiatives = labels(ex, Kind.INITIATIVE)
    assert "数字化转型专项行动" in initiatives
    assert "关于推动制造业高质量发展的若干措施" in initiatives


MINISTRY_INTERVIEW = (
    "稳住外贸基本盘——访商务部部长王文涛\n"
    "新华社记者王雨萧、谢希瑶\n"
    "记者：下一步商务部将采取哪些举措？\n"
    "王文涛：我们将深入实施贸易高质量发展十大工程，办好中国国际进口博览会，"
    "推动《区域全面经济伙伴关系协定》高质量实施。\n"
    "商务部外贸司司长李兴乾表示，将支持跨境电子商务综合试验区建设。\n"
)


def test_interview_speaker_byline_and_department():
    ex = analyze_text(MINISTRY_INTERVIEW, publisher="新华社")
    persons = labels(ex, Kind.PERSON)
    assert {"王文涛", "王雨萧", "谢希瑶", "李兴乾"} <= persons
    pos = positions(ex)
    assert ("王文涛", "部长", "商务部") in pos
    assert ("王雨萧", "记者", "新华社") in pos and ("谢希瑶", "记者", "新华社") in pos
    assert any(p == "李兴乾" and t == "司长" and "外贸司" in o for p, t, o in pos)
    assert any("外贸司" in child and parent == "商务部" for child, parent in relations(ex, "subOrganizationOf"))
    assert "中国国际进口博览会" in labels(ex, Kind.EVENT)
    # the speaker of the answer turn is the agent of what "we" will do
    assert ("王文涛", "中国国际进口博览会") in relations(ex, "participatesIn")
    assert ("王文涛", "区域全面经济伙伴关系协定") in relations(ex, "promotes")


def test_title_chain_gives_one_position_per_title():
    text = "会议由部党组书记、部长孙金龙主持。生态环境部副部长赵英民出席会议并讲话。"
    ex = analyze_text(text + "生态环境部召开全国生态环境保护工作会议。")
    pos = positions(ex)
    assert ("孙金龙", "党组书记", "生态环境部") in pos and ("孙金龙", "部长", "生态环境部") in pos
    assert ("赵英民", "副部长", "生态环境部") in pos
    assert "全国生态环境保护工作会议" in labels(ex, Kind.EVENT)


def test_reposted_article_photo_credit_and_editor():
    text = ("工信部：前10个月软件业收入增长13%\n"
            "原标题：软件业运行良好\n"
            "工业和信息化部运行监测协调局副局长罗俊杰在发布会上介绍了有关情况。\n"
            "新华社记者 李贺摄\n"
            "（责编：王震、刘洋）")
    ex = analyze_text(text)
    persons = labels(ex, Kind.PERSON)
    assert {"罗俊杰", "李贺", "王震", "刘洋"} <= persons
    assert "李贺摄" not in persons
    assert ("罗俊杰", "副局长", "工业和信息化部运行监测协调局") in positions(ex)


def test_expo_opening_guests_from_other_provinces_and_unlisted_bodies():
    text = ("8月8日，第十届中国西部投资贸易洽谈会在成都开幕。"
            "全国政协副主席、中华全国工商业联合会主席、某某商会会长高明出席并宣布开幕。"
            "省委书记、省人大常委会主任王强致欢迎辞。主宾省浙江省委副书记、省长刘东致辞。"
            "全国人大财政经济委员会副主任委员李华、全国人大外事委员会委员赵平出席开幕式。"
            "省领导陈一、周伟等出席。")
    ex = analyze_text(text)
    pos = positions(ex)
    # the unlisted body holds 会长 only; the chain before it still gives two posts
    assert {("高明", "副主席", "全国政协"), ("高明", "主席", "中华全国工商业联合会")} <= pos
    assert not any(p == "高明" and t == "会长" for p, t, _ in pos)
    # 致欢迎辞 is no part of the name; a bare 省委 is not the guest province's committee named later
    assert "王强" in labels(ex, Kind.PERSON) and "王强致" not in labels(ex, Kind.PERSON)
    assert not any(p == "王强" and o == "浙江省委" for p, _, o in pos)
    assert ("刘东", "副书记", "浙江省委") in pos
    assert ("李华", "副主任委员", "全国人大财政经济委员会") in pos
    assert ("赵平", "委员", "全国人大外事委员会") in pos
    assert {"陈一", "周伟"} <= labels(ex, Kind.PERSON) and "周伟等" not in labels(ex, Kind.PERSON)


def test_a_spokesperson_speaks_for_the_ministry_not_its_department():
    text = ("国务院新闻办公室举行新闻发布会。出席今天发布会的还有：工业和信息化部总工程师、新闻发言人张峰先生，"
            "运行监测协调局局长、新闻发言人郑立新先生。国家发展改革委政策研究室副主任、新闻发言人李超表示。")
    pos = positions(analyze_text(text))
    assert ("郑立新", "局长", "运行监测协调局") in pos and ("郑立新", "新闻发言人", "工业和信息化部") in pos
    assert ("李超", "新闻发言人", "国家发展改革委") in pos and ("张峰", "新闻发言人", "工业和信息化部") in pos
    assert not any(t == "新闻发言人" and o in ("运行监测协调局", "国家发展改革委政策研究室") for _, t, o in pos)


def test_a_division_of_a_provincial_department_before_a_title():
    ex = analyze_text("省工信厅新闻发言人李昭利，省工信厅运行监测处副处长武斌出席，通报上半年工业经济运行情况。"
                      "省工信厅好处多。")
    assert ("武斌", "副处长", "省工信厅运行监测处") in positions(ex)
    assert ("省工信厅运行监测处", "省工信厅") in relations(ex, "subOrganizationOf")
    assert not any(o.endswith("好处") for o in labels(ex, Kind.ORGANIZATION))


def test_he_said_is_the_person_named_just_before():
    text = ("第十届中国西部投资贸易洽谈会在成都开幕。商务部部长助理陈华致辞。"
            "省委书记、省人大常委会主任王强代表省委、省政府对嘉宾表示欢迎。"
            "他说，我省将深入实施“四化同步”行动，推动产业升级。")
    promoters = {a for a, o in relations(analyze_text(text), "promotes") if o == "四化同步行动"}
    assert "王强" in promoters and "商务部" not in promoters and "陈华" not in promoters


@pytest.mark.parametrize("credit, names", [
    ("（王悦阳 张辛欣）", {"王悦阳", "张辛欣"}),      # on a line of its own
    ("(周亮)", {"周亮"}),
    ("（简称）", set()),                            # a word, not a name
    ("（有删节）", set()),
])
def test_reporters_credit_closing_a_paragraph(credit, names):
    ex = analyze_text("广东省工业和信息化厅厅长涂高坤表示，将推动全省规上工业增加值增长5%。"
                      + ("\n\n" if credit.startswith("（王") else "") + credit)
    assert labels(ex, Kind.PERSON) - {"涂高坤"} == names


@pytest.mark.parametrize("text, expected", [
    ("党的二十届三中全会审议通过了《决定》。", "党的二十届三中全会"),
    ("2024年中央经济工作会议12月11日至12日在北京举行。", "中央经济工作会议"),
    ("博鳌亚洲论坛2024年年会3月26日开幕。", "博鳌亚洲论坛2024年年会"),       # a forum's yearly session
    ("中国发展高层论坛2024年年会在京开幕。", "中国发展高层论坛2024年年会"),
    ("世界互联网大会乌镇峰会11月8日开幕。", "世界互联网大会乌镇峰会"),
    ("第六届数字中国建设峰会在福州开幕。", "第六届数字中国建设峰会"),
    ("中国—东盟博览会期间，两国签署合作文件。", "中国—东盟博览会"),
])
def test_named_events(text, expected):
    events = labels(analyze_text(text), Kind.EVENT)
    assert any(expected in e or e in expected and len(e) >= len(expected) - 3 for e in events), events


@pytest.mark.parametrize("text", [
    "各地出台了一系列措施。",
    "要落实好稳增长政策，加大政策“组合拳”力度。",
    "研究制定稳增长措施，推动重大工程建设。",
    "企业要拿出具体的解决方案。",
])
def test_generic_phrases_are_not_initiatives(text):
    assert not labels(analyze_text(text), Kind.INITIATIVE)


def test_quoted_names_are_joined_and_numerals_kept():
    text = "深入开展“一企一策”帮扶行动，实施十大重点产业集群培育工程和“千帆出海”计划。"
    initiatives = labels(analyze_text(text), Kind.INITIATIVE)
    assert "一企一策帮扶行动" in initiatives
    assert "十大重点产业集群培育工程" in initiatives
    assert "千帆出海计划" in initiatives


def test_list_before_programme_noun_yields_each_item():
    text = "工业和信息化部组织开展5G应用扬帆、工业互联网创新发展等专项行动。"
    initiatives = labels(analyze_text(text), Kind.INITIATIVE)
    assert {"5G应用扬帆", "工业互联网创新发展"} <= initiatives


def test_name_does_not_swallow_verb():
    text = "国家统计局副局长盛来运表示，经济运行总体平稳。盛来运指出，要看到积极因素。"
    ex = analyze_text(text)
    assert labels(ex, Kind.PERSON) == {"盛来运"}
    assert ("盛来运", "副局长", "国家统计局") in positions(ex)


def test_state_council_bodies_are_suborganizations():
    text = "国务院新闻办公室举行发布会，国务院研究室副主任陈昌盛出席发布会。"
    ex = analyze_text(text)
    sub = relations(ex, "subOrganizationOf")
    assert ("国务院新闻办公室", "国务院") in sub
    assert ("陈昌盛", "副主任", "国务院研究室") in positions(ex)


CONFERENCE = (
    "全省制造业高质量发展大会召开\n"
    "本报讯（记者 陈月飞 王拓）2月18日，全省制造业高质量发展大会在南京召开。省委书记信长星出席会议并讲话，"
    "省长许昆林主持会议。省领导张义珍、马欣、胡广杰出席会议。\n"
    "江苏省工业和信息化厅、省发展改革委、省科技厅主要负责同志作交流发言。\n"
)


def test_provincial_conference_attendance():
    ex = analyze_text(CONFERENCE, publisher="新华日报")
    persons = labels(ex, Kind.PERSON)
    assert {"信长星", "许昆林", "张义珍", "马欣", "胡广杰", "陈月飞", "王拓"} <= persons
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"江苏省工业和信息化厅", "省发展改革委", "省科技厅"} <= orgs
    assert "国家发展和改革委员会" not in orgs and "发展改革委" not in orgs   # 省发展改革委 is the province's
    attended = {s for s, o in relations(ex, "participatesIn") if o == "全省制造业高质量发展大会"}
    assert {"信长星", "许昆林", "张义珍", "马欣", "胡广杰", "省科技厅"} <= attended
    assert ("陈月飞", "记者", "新华日报") in positions(ex)


def test_party_leaders_listed_and_posts_not_carried_to_other_bodies():
    text = ("中央经济工作会议12月11日至12日在北京举行。中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。"
            "中共中央政治局常委李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希出席会议。")
    ex = analyze_text(text)
    assert {"习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希"} <= labels(ex, Kind.PERSON)
    pos = positions(ex)
    assert ("习近平", "总书记", "中共中央") in pos and ("习近平", "主席", "中央军委") in pos
    assert ("习近平", "国家主席", "中共中央") not in pos
    assert ("李强", "常委", "中共中央政治局") in pos
    attended = {s for s, o in relations(ex, "participatesIn")}
    assert {"习近平", "李希", "赵乐际"} <= attended


def test_dateline_outlet_for_a_byline_in_a_repost():
    text = "新华社北京11月18日电（记者 唐诗凝）财政部18日发布的数据显示，前10个月全国一般公共预算收入同比下降1.3%。"
    ex = analyze_text(text, publisher="人民网")
    assert ("唐诗凝", "记者", "新华社") in positions(ex)


def test_speakers_at_a_press_conference():
    text = ("国务院新闻办公室7月13日举行2022年上半年金融统计数据新闻发布会。"
            "中国人民银行副行长刘国强、调查统计司司长阮健弘出席发布会，介绍有关情况。")
    ex = analyze_text(text)
    attended = {s for s, o in relations(ex, "participatesIn") if o == "2022年上半年金融统计数据新闻发布会"}
    assert {"刘国强", "阮健弘", "国务院新闻办公室"} <= attended
    assert ("阮健弘", "司长", "中国人民银行调查统计司") in positions(ex) or \
        any(p == "阮健弘" and t == "司长" for p, t, _ in positions(ex))


PROVINCIAL_MEETING = (
    "来源：浙江省发展和改革委员会\n"
    "2月6日，省发展改革委召开全省发展改革工作会议，传达学习中央经济工作会议、省委经济工作会议精神。"
    "省发展改革委党组书记、主任王明出席会议并讲话。\n"
    "会议要求，深入实施“千项万亿”工程，充分发挥投资基金撬动作用。\n"
)


def test_anaphoric_meeting_and_cited_events():
    ex = analyze_text(PROVINCIAL_MEETING, issued="2024-02-07")
    took_part = relations(ex, "participatesIn")
    # 出席会议并讲话: 会议 is the meeting convened in the same sentence, not a cited one
    assert ("王明", "全省发展改革工作会议") in took_part
    assert ("省发展改革委", "全省发展改革工作会议") in took_part
    # 传达学习…精神: nobody here took part in the cited meetings
    assert not {event for _, event in took_part} & {"中央经济工作会议", "省委经济工作会议"}
    # 发挥投资基金…作用: a kind of fund, not a body
    assert not any(o.endswith("基金") for o in labels(ex, Kind.ORGANIZATION))


def test_provincial_body_written_short_is_the_full_one(tmp_path):
    res = resolved(tmp_path, PROVINCIAL_MEETING)
    full = res.lookup("a.txt", Kind.ORGANIZATION, "浙江省发展和改革委员会")
    assert res.lookup("a.txt", Kind.ORGANIZATION, "省发展改革委") is full
    assert full.label == "浙江省发展和改革委员会"


@pytest.mark.parametrize("text, person, event", [
    # 在发布会上表示: the press conference named earlier in the article
    ("国务院新闻办公室举行“推动高质量发展”系列主题新闻发布会。\n"
     "自然资源部副部长刘国洪在发布会上表示，将推进国土空间规划实施。", "刘国洪", "推动高质量发展系列主题新闻发布会"),
    # 主持会议: the meeting convened before, not the plenary whose spirit is conveyed
    ("3月1日，省商务厅召开厅党组（扩大）会议，传达学习省十四届人大二次会议、省政协十三届二次会议精神，"
     "厅党组书记、厅长李华主持会议。", "李华", "厅党组（扩大）会议"),
])
def test_anaphors_point_to_the_right_event(text, person, event):
    ex = analyze_text(text, issued="2024-03-02")
    assert (person, event) in relations(ex, "participatesIn")
    assert not {e for _, e in relations(ex, "participatesIn")} & {"省十四届人大二次会议", "省政协十三届二次会议"}


def test_event_cited_as_a_time_is_not_attended():
    ex = analyze_text("中共中央宣传部举行新闻发布会，介绍党的十八大以来交通运输发展成就。"
                      "交通运输部部长李小鹏出席发布会。", issued="2022-06-10")
    assert not any(e == "党的十八大" for _, e in relations(ex, "participatesIn"))


def test_second_of_two_joined_names_is_kept():
    ex = analyze_text("国家林业和草原局将继续推动“三北防护林提质行动”和“千村万户绿化行动”落地，"
                      "抓好“林长制督查行动”和林业技能提升行动。", issued="2024-05-01")
    assert {"三北防护林提质行动", "千村万户绿化行动", "林长制督查行动", "林业技能提升行动"} <= labels(ex, Kind.INITIATIVE)


def test_words_after_a_title_are_not_names_and_rare_surnames_are():
    ex = analyze_text("水利部党组书记、部长李国英在近日召开的全国水利工作负责人会议上强调，"
                      "要加快构建国家水网。水利部规划计划司副司长仉新在回答记者提问时表示，"
                      "今年计划安排中央水利投资1000亿元。", issued="2024-01-20")
    people = labels(ex, Kind.PERSON)
    assert "李国英" in people and "仉新" in people
    assert not any(p.startswith("会议") for p in people)
    assert "全国水利工作负责人会议" in labels(ex, Kind.EVENT)
    # 计划安排: a verb, not a programme
    assert not any(i.endswith("计划") for i in labels(ex, Kind.INITIATIVE))


def test_department_name_with_a_conjunction_before_its_title():
    ex = analyze_text("国家发展改革委价格监测与成本调查中心主任刘强介绍", issued="2024-01-20")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "国家发展改革委价格监测与成本调查中心" in orgs
    assert ("刘强", "主任", "国家发展改革委价格监测与成本调查中心") in positions(ex)


def test_january_review_takes_the_year_just_ended():
    from kg.extract.figures import extract_figures

    from .conftest import make_document

    doc = make_document("水利部：2023年全国完成水利建设投资11996亿元\n"
                        "水利部21日举行新闻发布会。水利部副部长王宝恩介绍，2023年全国水利建设成效显著。"
                        "新开工水利项目4.1万个，农村自来水普及率达到90%。",
                        issued="2024-01-21", title="水利部：2023年全国完成水利建设投资11996亿元")
    figures = {f.indicator: f.year for f in extract_figures(doc)}
    assert figures, "no figure found"
    assert set(figures.values()) == {2023}


def test_number_cut_by_a_hard_wrap_and_last_years_figures_are_statistics():
    from decimal import Decimal

    from kg.extract.figures import extract_figures

    from .conftest import make_document

    text = ("会议指出，过去一年全省商务系统全力稳外贸稳外\n"
            "资促消费，主要指标好于预期。2023年，全省外贸\n"
            "进出口总额4.2万亿元，占全国的比重提高到10.1%\n"
            "；实际使用外资105.6亿美元，增长3.2%，增速居沿海\n"
            "主要省市前列。全省实现网络零售2.6万亿元，增长10\n"
            "1.6%，规模居全国第2位，其中跨境电商进出口3\n"
            "8.4亿元。\n")
    doc = make_document(text, issued="2024-02-20")
    figures = extract_figures(doc)
    values = {f.value for f in figures}
    assert {Decimal("101.6"), 3840000000} <= values     # 10|1.6%, 3|8.4亿元: numbers cut by the wrap
    assert not any(f.is_target for f in figures)        # 2023's results, told in 2024


def test_press_conference_transcript_events_and_cited_decisions():
    text = ("3月6日，国新办就财政贯彻落实党的二十大重大决策部署有关情况举行发布会。"
            "国家发展改革委主任郑栅洁在新闻发布会上表示，将加快实施重大项目。\n"
            "国务院新闻办公室今天举行“高质量发展”系列主题新闻发布会。\n"
            "图为新闻发布会现场。（李明 摄）\n"
            "出席今天新闻发布会的还有国家发展改革委副主任李春临。"
            "今年新增地方政府专项债务限额3.9万亿元。\n")
    ex = analyze_text(text, issued="2024-03-06")
    events = labels(ex, Kind.EVENT)
    assert events == {"党的二十大", "高质量发展系列主题新闻发布会"}
    took_part = relations(ex, "participatesIn")
    assert ("郑栅洁", "高质量发展系列主题新闻发布会") in took_part
    assert not any(e == "党的二十大" for _, e in took_part)
    assert not labels(ex, Kind.INITIATIVE)            # 专项债务: a debt quota, not a programme
    # 国务院新闻办公室 and 国新办 are one listed body
    keys = {m.key for m in ex.mentions if m.label in ("国务院新闻办公室", "国新办")}
    assert len(keys) == 1 and None not in keys


@pytest.mark.parametrize("text, event", [
    ("1月22日，河南省第十四届人民代表大会第二次会议在郑州开幕。", "河南省第十四届人民代表大会第二次会议"),
    ("政协第十四届全国委员会第二次会议在京闭幕。", "政协第十四届全国委员会第二次会议"),
])
def test_session_of_a_congress_is_one_event(text, event):
    assert event in labels(analyze_text(text, issued="2024-01-23"), Kind.EVENT)


def test_who_answers_at_the_scene_of_the_article_takes_part():
    text = ("5月20日，在国务院新闻办举行的一季度交通运输经济运行情况新闻发布会上，有记者提问：今年物流有何变化？\n"
            "对此，交通运输部综合规划司司长王松波表示，一季度物流需求稳步恢复。\n")
    ex = analyze_text(text, issued="2024-05-20")
    assert ("王松波", "一季度交通运输经济运行情况新闻发布会") in relations(ex, "participatesIn")


def test_officials_listed_at_a_press_conference():
    text = ("国务院新闻办公室举行“推动高质量发展”系列主题新闻发布会，农业农村部部长唐仁健、"
            "副部长邓小刚、部长助理李明介绍有关情况并答记者问。各地农业农村部门和工信部门参加。")
    ex = analyze_text(text, issued="2023-03-10")
    assert {("唐仁健", "部长", "农业农村部"), ("邓小刚", "副部长", "农业农村部"),
            ("李明", "部长助理", "农业农村部")} <= positions(ex)
    took_part = relations(ex, "participatesIn")
    assert {("唐仁健", "推动高质量发展系列主题新闻发布会"), ("李明", "推动高质量发展系列主题新闻发布会")} <= took_part
    assert not any("部门" in o for o in labels(ex, Kind.ORGANIZATION))


def test_a_programme_named_again_keeps_its_doer():
    text = ("国家卫生健康委新闻发言人米锋表示，将持续推进健康中国行动。\n"
            "发布会上，国家疾控局还通报了秋冬季传染病防控专项行动的部署情况。"
            "据悉，今年秋冬季防控专项行动将于11月启动，持续到明年3月。\n")
    ex = analyze_text(text, issued="2023-10-20")
    promoted = relations(ex, "promotes")
    assert ("国家疾控局", "秋冬季防控专项行动") in promoted
    assert ("米锋", "秋冬季防控专项行动") not in promoted      # the speaker of another paragraph
    assert not labels(ex, Kind.EVENT)                          # 发布会上: not a named event, 发布 not a verb here


def test_photo_byline_after_a_caption_and_a_name_before_a_verb():
    text = ("图为国家发展和改革委员会主任何立峰通过网络视频方式接受采访。中新社记者 杜洋 摄\n"
            "科技部部长王志刚表示，正积极研发新药。\n")
    ex = analyze_text(text, issued="2021-03-09", publisher="中国新闻网")
    assert {("何立峰", "主任", "国家发展和改革委员会"), ("杜洋", "记者", "中新社")} <= positions(ex)


def test_co_issuers_each_promote_and_dashes_join_names():
    ex = analyze_text("《减税降费实施办法》由财政部、国家税务总局联合制定，自2024年1月1日起施行。"
                      "第二十届中国—东盟博览会在南宁开幕，商务部部长王文涛出席开幕式。", issued="2023-09-18")
    assert {("财政部", "减税降费实施办法"), ("国家税务总局", "减税降费实施办法")} <= relations(ex, "promotes")
    assert "第二十届中国—东盟博览会" in labels(ex, Kind.EVENT)


def test_bare_department_in_a_chain_belongs_to_the_body_named_before():
    ex = analyze_text("农业农村部新闻发言人、发展规划司司长魏百刚介绍，今年粮食生产形势较好。", issued="2023-07-20")
    assert ("魏百刚", "司长", "发展规划司") in positions(ex)
    assert ("发展规划司", "农业农村部") in relations(ex, "subOrganizationOf")


def test_summit_speakers_chair_and_a_provincial_party_committee():
    text = ("第七届数字中国建设峰会在福州开幕。国家数据局局长刘烈宏在开幕式上致辞。"
            "福建省委书记周祖翼出席并讲话。会议由福建省省长赵龙主持。")
    ex = analyze_text(text, issued="2024-05-24")
    took_part = relations(ex, "participatesIn")
    assert {(p, "第七届数字中国建设峰会") for p in ("刘烈宏", "周祖翼", "赵龙")} <= took_part
    # 书记 is a post of 福建省委 written before it, not of 国家数据局 named a sentence before
    assert [(t, o) for p, t, o in positions(ex) if p == "周祖翼"] == [("书记", "福建省委")]
    assert "福建省委" in labels(ex, Kind.ORGANIZATION)


def test_a_party_committee_needs_a_place_and_a_word_end():
    ex = analyze_text("在中共上海市委的领导下，上海市委托第三方机构开展评估。大会主席团常务主席黄楚平主持开幕大会。",
                      issued="2022-01-20")
    assert labels(ex, Kind.ORGANIZATION) == {"中共上海市委"}      # 上海市委托: 委托 is a verb
    assert not labels(ex, Kind.EVENT)                            # 开幕大会 is a session, not a name


def test_acronym_after_a_titled_agreement_is_the_same_initiative(tmp_path):
    res = resolved(tmp_path, "商务部表示，将高质量实施《区域全面经济伙伴关系协定》（RCEP），用好RCEP规则。")
    full = res.lookup("a.txt", Kind.INITIATIVE, "区域全面经济伙伴关系协定")
    assert res.lookup("a.txt", Kind.INITIATIVE, "RCEP") is full and "RCEP" in full.aliases


def test_bylines_with_an_unlisted_surname_and_an_outlet_the_gazetteer_lacks():
    text = ("松江经济网讯（季蓓 记者仉伟东）3月2日，全市工业经济运行调度会议召开。\n"
            "在回答记者提问时，市工信局局长刘畅表示，将推动企业技术改造。\n")
    ex = analyze_text(text, issued="2023-03-02")
    persons = labels(ex, Kind.PERSON)
    assert {"季蓓", "仉伟东", "刘畅"} <= persons
    assert "提问时" not in persons                      # 记者提问时 is no byline
    assert ("仉伟东", "记者", "松江经济网") in positions(ex)
    assert {"松江经济网", "市工信局"} <= labels(ex, Kind.ORGANIZATION)


def test_a_bare_body_before_party_posts_and_names_listed_before_and():
    text = ("3月6日，省商务厅召开全省外贸工作推进会议，厅党组成员、副厅长何敬东出席会议并讲话。"
            "省政协委员马晓岚、韩立新、祝雅和企业代表参加座谈。"
            "相关司局负责人回答了记者提问。")
    ex = analyze_text(text, issued="2023-03-06")
    assert {("何敬东", "党组成员", "省商务厅"), ("何敬东", "副厅长", "省商务厅")} <= positions(ex)
    assert {"马晓岚", "韩立新", "祝雅"} <= labels(ex, Kind.PERSON)
    assert "相关司局" not in labels(ex, Kind.ORGANIZATION)


def test_trade_unions_are_organizations():
    ex = analyze_text("中国海员建设工会、中华全国总工会的代表出席会议，各级工会要积极参与。", issued="2023-05-10")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert {"中国海员建设工会", "中华全国总工会"} <= orgs
    assert "各级工会" not in orgs


def test_a_longer_body_starting_inside_a_shorter_one_wins_and_a_later_verb_has_its_own_object():
    text = ("海关总署表示，将加强“十四五”海关发展规划统筹调度，联合国家开发银行实施专项贷款，支持外贸企业。")
    ex = analyze_text(text, issued="2023-07-19")
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "国家开发银行" in orgs and "联合国" not in orgs
    # 实施 has 专项贷款 for object: the bank does not promote the plan named a clause before
    assert not any(agent == "国家开发银行" for agent, _ in relations(ex, "promotes"))


def test_a_body_after_according_to_is_not_the_doer():
    text = "答：按照国务院部署，中国人民银行陆续设立了普惠养老专项再贷款等工具。"
    ex = analyze_text(text, issued="2023-07-13")
    promoted = relations(ex, "promotes")
    assert ("中国人民银行", "普惠养老专项再贷款") in promoted
    assert not any(agent == "国务院" for agent, _ in promoted)


def test_a_headline_event_before_a_space_and_a_caption_credit_ending_its_line():
    text = ("张明出席“奋进新征程”主题新闻发布会 介绍有关情况\n"
            "国务院新闻办公室举行“奋进新征程”主题新闻发布会，交通运输部部长张明出席。人民网 陈林 摄\n"
            "有记者问，今年的情况如何？\n")
    ex = analyze_text(text, issued="2023-09-09")
    assert "奋进新征程主题新闻发布会" in labels(ex, Kind.EVENT)
    assert "陈林" in labels(ex, Kind.PERSON)


def test_a_symposium_chaired_attended_and_spoken_at_with_democratic_parties():
    text = ("本月5日，中共中央在中南海召开党外人士座谈会。中共中央总书记习近平主持座谈会并发表重要讲话。"
            "中共中央政治局常委李强、蔡奇出席座谈会。"
            "座谈会上，民革中央主席郑建邦、农工党中央主席何维、全国工商联主席高云龙先后发言。")
    ex = analyze_text(text, issued="2024-12-08")
    took_part = relations(ex, "participatesIn")
    assert {(p, "党外人士座谈会") for p in ("习近平", "李强", "蔡奇", "郑建邦", "何维", "高云龙")} <= took_part
    assert {("郑建邦", "主席", "民革中央"), ("何维", "主席", "农工党中央")} <= positions(ex)
    assert "党中央" not in labels(ex, Kind.ORGANIZATION)      # not the 党中央 inside 农工党中央


def test_an_upcoming_meeting_has_no_participants_yet():
    ex = analyze_text("孟玮表示，中央经济工作会议即将召开，国家发展改革委将认真做好明年工作的准备。", issued="2023-12-05")
    assert "中央经济工作会议" in labels(ex, Kind.EVENT)
    assert not relations(ex, "participatesIn")


def test_a_programme_noun_inside_a_report_title_is_no_initiative():
    text = ("会议审议了《关于本市2023年国民经济和社会发展计划执行情况与2024年计划（草案）的报告》，"
            "印发了《推动大规模设备更新实施方案（试行）》。")
    ex = analyze_text(text, issued="2024-01-20")
    assert labels(ex, Kind.INITIATIVE) == {"推动大规模设备更新实施方案（试行）"}


def test_a_city_party_committee_not_in_the_place_list_and_a_programme_after_a_verb():
    text = ("池州市委书记童怀伟、市商务局局长许志华陪同调研。"
            "省商务厅全面推开“境外百展”市场开拓计划。")
    ex = analyze_text(text, issued="2023-09-24")
    assert ("童怀伟", "书记", "池州市委") in positions(ex)
    assert "池州市委" not in labels(ex, Kind.PERSON)
    assert "境外百展市场开拓计划" in labels(ex, Kind.INITIATIVE)


def test_forum_opening_joint_events_and_a_summit_cited_as_background():
    text = ("9月20日，第八届中国—南亚博览会暨第二十八届中国昆明进出口商品交易会在昆明开幕。"
            "全国人大常委会副委员长王东明出席开幕式并致辞。"
            "商务部副部长盛秋平、云南省副省长杨斌出席开幕式。省委副书记、省长王予波主持。"
            "王东明指出，本届博览会在首届中国—中亚峰会成功举办的背景下举行，要落实中国—中亚峰会成果。"
            "本届博览会由商务部和云南省人民政府共同主办。\n"
            "外交部中国政府欧亚事务特别代表李辉出席。")
    ex = analyze_text(text, issued="2023-09-20")
    events = labels(ex, Kind.EVENT)
    assert {"第八届中国—南亚博览会", "第二十八届中国昆明进出口商品交易会"} <= events
    assert "本届博览会" not in events
    took_part = relations(ex, "participatesIn")
    # the opening ceremony is the joint occasion's: its guests take part in both events
    assert {(p, e) for p in ("王东明", "盛秋平", "杨斌")
            for e in ("第八届中国—南亚博览会", "第二十八届中国昆明进出口商品交易会")} <= took_part
    assert not any(event.endswith("中国—中亚峰会") for _, event in took_part)
    assert ("商务部" in {a for a, _ in took_part}) and ("云南省人民政府" in {a for a, _ in took_part})
    assert "欧亚事务" not in labels(ex, Kind.PERSON)


def test_a_name_that_is_also_a_word_after_a_title_and_a_quoted_phrase_is_no_name():
    text = ("新任商务部部长钟山出现在通道上。"
            "“信息量大”“权威回应”——谈到采访感受，记者给出了这几个关键词。")
    ex = analyze_text(text, issued="2017-03-03")
    assert labels(ex, Kind.PERSON) == {"钟山"}
    assert ("钟山", "部长", "商务部") in positions(ex)


def test_a_provincial_department_launches_what_its_meeting_asks_for():
    text = ("1月24日，省商务厅召开厅党组会议，厅党组书记、厅长张义主持会议。"
            "会议强调，一是全面实施“湘品出海”工程，二是深化家电、家居“以旧换新”行动。")
    ex = analyze_text(text, issued="2024-01-24")
    assert {"湘品出海工程", "以旧换新行动"} <= labels(ex, Kind.INITIATIVE)
    assert {("省商务厅", "湘品出海工程"), ("省商务厅", "以旧换新行动")} <= relations(ex, "promotes")


def test_a_listed_body_written_with_its_parents_name_is_its_suborganization():
    ex = analyze_text("国务院国资委秘书长、新闻发言人彭华岗介绍，中央企业经营稳中有进。", issued="2024-01-19")
    assert ("国务院国资委", "国务院") in relations(ex, "subOrganizationOf")
    assert ("彭华岗", "秘书长", "国务院国资委") in positions(ex)


def test_branches_of_a_listed_bank_are_its_suborganizations():
    ex = analyze_text("中国人民银行广州分行、国家外汇管理局广东省分局相关负责人参加会议。", issued="2023-06-01")
    subs = relations(ex, "subOrganizationOf")
    assert {("中国人民银行广州分行", "中国人民银行"), ("国家外汇管理局广东省分局", "国家外汇管理局")} <= subs


def test_a_pilot_named_before_gongzuo_and_a_body_leading_a_group_of_departments():
    text = ("工业和信息化部、财政部组织开展中小企业数字化转型城市试点工作。"
            "商务部等13部门印发《关于促进家居消费若干措施的通知》。要做好规划工作。")
    ex = analyze_text(text, issued="2023-07-20")
    assert labels(ex, Kind.INITIATIVE) == {"中小企业数字化转型城市试点", "关于促进家居消费若干措施的通知"}
    promoted = relations(ex, "promotes")
    assert {("工业和信息化部", "中小企业数字化转型城市试点"), ("财政部", "中小企业数字化转型城市试点"),
            ("商务部", "关于促进家居消费若干措施的通知")} <= promoted


def test_speakers_of_a_transcript_under_an_event_title_take_part():
    text = ("国务院新闻办公室举行“推动高质量发展”系列主题新闻发布会\n"
            "寿小丽：大家上午好！出席今天新闻发布会的还有，交通运输部副部长李扬先生。下面请李小鹏先生作介绍。\n"
            "李小鹏：谢谢主持人。我们将深入实施加快建设交通强国五年行动计划。\n"
            "寿小丽：下面请大家提问。\n")
    ex = analyze_text(text, issued="2024-08-29")
    took_part = relations(ex, "participatesIn")
    assert {(p, "推动高质量发展系列主题新闻发布会") for p in ("寿小丽", "李小鹏", "李扬")} <= took_part


def test_whose_instructions_are_relayed_does_not_attend_and_the_party_is_no_parent():
    text = ("12月23日，2022年全国交通运输工作会议以电视电话会议形式召开，"
            "传达学习中共中央政治局委员、国务院副总理刘鹤对交通运输工作的重要批示精神。")
    ex = analyze_text(text, issued="2021-12-23")
    assert not any(agent == "刘鹤" for agent, _ in relations(ex, "participatesIn"))
    assert ("刘鹤", "副总理", "国务院") in positions(ex)
    assert ("中共中央", "中共") not in relations(ex, "subOrganizationOf")


def test_a_reported_clause_has_its_own_subject_and_partners_issue_too():
    text = ("国家发展改革委环资司司长刘德春介绍，国家发展改革委会同工业和信息化部、财政部等部门，"
            "制定了重点行业设备更新实施方案。")
    ex = analyze_text(text, issued="2024-06-06")
    promoted = relations(ex, "promotes")
    assert {(body, "重点行业设备更新实施方案") for body in ("国家发展改革委", "工业和信息化部", "财政部")} <= promoted
    assert ("刘德春", "重点行业设备更新实施方案") not in promoted


def test_provincial_press_office_survey_corps_and_a_park_committee():
    text = ("1月18日，江苏省政府新闻办召开新闻发布会。"
            "据国家统计局江苏调查总队副总队长孙强介绍，全年全省居民人均可支配收入增长5.8%。"
            "苏州工业园区管委会主任吴宏说，园区将扩大开放。")
    ex = analyze_text(text, issued="2024-01-18")
    assert {"江苏省政府新闻办", "国家统计局江苏调查总队", "苏州工业园区管委会"} <= labels(ex, Kind.ORGANIZATION)
    assert {("孙强", "副总队长", "国家统计局江苏调查总队"), ("吴宏", "主任", "苏州工业园区管委会")} <= positions(ex)
    assert ("国家统计局江苏调查总队", "国家统计局") in relations(ex, "subOrganizationOf")


def test_dotted_names_foreign_ministries_and_a_name_hiding_a_company():
    text = ("新疆维吾尔自治区党委副书记、自治区主席艾尔肯·吐尼亚孜出席会议并讲话。"
            "商务部部长王文涛会见美国商务部长雷蒙多。国家能源局局长章建华、副局长任京东出席。")
    ex = analyze_text(text, issued="2023-08-29")
    persons = labels(ex, Kind.PERSON)
    assert {"艾尔肯·吐尼亚孜", "王文涛", "章建华", "任京东"} <= persons
    assert ("艾尔肯·吐尼亚孜", "副书记", "新疆维吾尔自治区党委") in positions(ex)
    assert ("任京东", "副局长", "国家能源局") in positions(ex)
    orgs = labels(ex, Kind.ORGANIZATION)
    assert "美国商务部" in orgs and "京东" not in orgs


def test_officials_listed_before_presenting_take_part_and_a_number_after_a_quoted_name():
    text = ("工业和信息化部召开2024年上半年工业和信息化发展情况新闻发布会\n"
            "7月19日，国务院新闻办公室举行新闻发布会，工业和信息化部新闻发言人、总工程师赵志国，"
            "运行监测协调局局长陶青，规划司司长王鹏介绍2024年上半年工业和信息化发展情况，并答记者问。"
            "工业和信息化部将加快推进“5G+工业互联网”512工程升级版。\n")
    ex = analyze_text(text, issued="2024-07-19")
    event = "2024年上半年工业和信息化发展情况新闻发布会"
    assert {(p, event) for p in ("赵志国", "陶青", "王鹏")} <= relations(ex, "participatesIn")
    assert "5G+工业互联网512工程" in labels(ex, Kind.INITIATIVE)


def test_companies_written_with_their_legal_tail_and_corporate_posts():
    text = ("华为公司轮值董事长徐直军发表主题演讲。"
            "中国石化集团公司党组书记、董事长马永生出席活动。")
    ex = analyze_text(text, issued="2023-09-20")
    assert {"华为公司", "中国石化集团公司"} <= labels(ex, Kind.ORGANIZATION)
    assert {("徐直军", "轮值董事长", "华为公司"), ("马永生", "党组书记", "中国石化集团公司"),
            ("马永生", "董事长", "中国石化集团公司")} <= positions(ex)


def test_a_company_listed_after_a_bureau_and_the_first_named_local_body_launches():
    text = ("3月15日，全省制造业数字化转型推进会在杭州召开。省经信厅厅长张晓东主持会议。"
            "会议要求，要深入实施数字经济“一号发展工程”。"
            "温州市经信局和吉利汽车集团作交流发言。")
    ex = analyze_text(text, issued="2024-03-15")
    assert {"省经信厅", "温州市经信局", "吉利汽车集团"} <= labels(ex, Kind.ORGANIZATION)
    assert ("省经信厅", "数字经济一号发展工程") in relations(ex, "promotes")


def test_bodies_listed_right_before_the_verb_all_hold_or_issue_it():
    text = ("2月18日，江苏省委、江苏省人民政府召开全省高质量发展大会。"
            "工业和信息化部、财政部印发《关于加快中小企业数字化转型的指导意见》。"
            "要贯彻党中央、国务院关于稳增长的决策部署。")
    ex = analyze_text(text, issued="2024-02-18")
    assert {("江苏省委", "全省高质量发展大会"), ("江苏省人民政府", "全省高质量发展大会")} <= relations(ex, "participatesIn")
    doc = "关于加快中小企业数字化转型的指导意见"
    assert {("工业和信息化部", doc), ("财政部", doc)} <= relations(ex, "promotes")
    assert not any(agent in ("党中央", "国务院") for agent, _ in relations(ex, "promotes"))


def test_a_name_does_not_reach_back_over_learning_verbs():
    ex = analyze_text("韩俊：我们将学习运用“千万工程”经验，扎实推进乡村全面振兴。", issued="2024-01-10")
    assert labels(ex, Kind.INITIATIVE) == {"千万工程"}


def test_a_press_conference_presenting_a_fair_is_not_the_fair():
    text = ("10月25日，商务部召开专题新闻发布会，介绍第136届广交会筹备情况。"
            "中国对外贸易中心主任储士家出席发布会并回答记者提问。"
            "储士家介绍，本届广交会展览总面积155万平方米。")
    ex = analyze_text(text, issued="2024-10-25")
    assert labels(ex, Kind.EVENT) == {"第136届广交会"}            # 本届广交会 is that fair, not a node of its own
    assert ("储士家", "主任", "中国对外贸易中心") in positions(ex)
    assert not relations(ex, "participatesIn")                     # the fair is presented, not attended


def test_verbs_inside_a_programme_name_opened_by_a_strong_verb():
    ex = analyze_text("国务院国资委去年启动实施国有企业改革深化提升行动。我们将深化提升行动的效果。", issued="2024-01-19")
    assert labels(ex, Kind.INITIATIVE) == {"国有企业改革深化提升行动"}
    assert ("国务院国资委", "国有企业改革深化提升行动") in relations(ex, "promotes")


def test_a_spokesperson_of_the_body_holding_the_briefing_and_an_online_outlets_byline():
    text = ("【环球时报-环球网报道记者倪浩】1月12日下午，商务部举行例行记者会，新闻发言人束珏婷在发布会上表示，"
            "2022年进出口规模预计将再创新高。\n"
            "央视网消息：国家发展改革委3月18日召开新闻发布会，新闻发言人李超介绍，投资稳步增长。\n"
            "海关总署举行发布会。新闻发言人吕大良表示，外贸韧性强。")
    ex = analyze_text(text, issued="2023-01-13")
    found = positions(ex)
    assert ("倪浩", "记者", "环球网") in found
    assert ("束珏婷", "新闻发言人", "商务部") in found
    assert ("李超", "新闻发言人", "国家发展改革委") in found
    # a briefing held in another sentence gives the spokesperson no body
    assert not any(p == "吕大良" for p, _, _ in found)
    assert {"环球时报", "环球网", "央视网"} <= labels(ex, Kind.ORGANIZATION)
    assert "央视" not in labels(ex, Kind.ORGANIZATION)


def test_reporters_in_brackets_after_a_dateline_without_a_title():
    ex = analyze_text("中新社重庆1月13日电（梁钦卿）重庆市第六届人民代表大会第一次会议13日开幕。\n"
                      "新华社北京1月13日电（王明 李华）全国工业和信息化工作会议在北京召开。\n"
                      "新华社北京1月14日电（国际在线）会议闭幕。", issued="2023-01-14")
    assert {"梁钦卿", "王明", "李华"} <= labels(ex, Kind.PERSON)
    assert "国际在线" not in labels(ex, Kind.PERSON)
    assert not any(p in ("梁钦卿", "王明", "李华") for p, _, _ in positions(ex))   # no title is written


def test_implementing_and_management_measures_are_programmes_without_title_marks():
    ex = analyze_text("工信部将发布新版钢铁行业产能置换实施办法，各地要制定具体实施办法，出台相关管理办法。",
                      issued="2021-01-01")
    assert labels(ex, Kind.INITIATIVE) == {"钢铁行业产能置换实施办法"}
    assert ("工信部", "钢铁行业产能置换实施办法") in relations(ex, "promotes")


def test_a_meeting_named_after_another_ones_spirit_and_generic_sessions():
    ex = analyze_text("工业和信息化部召开第四次中小企业圆桌会议，贯彻落实中央经济工作会议精神和全国新型工业化推进大会部署。"
                      "部有关司局和中国中小企业发展促进中心、国家中小企业发展基金公司负责同志参加会议。\n"
                      "这是在开局起步的关键时刻召开的一次重要会议。",
                      issued="2024-01-24")
    assert labels(ex, Kind.EVENT) == {"第四次中小企业圆桌会议", "中央经济工作会议", "全国新型工业化推进大会"}
    assert {"中国中小企业发展促进中心", "国家中小企业发展基金公司"} <= labels(ex, Kind.ORGANIZATION)


def test_a_listed_institution_written_after_its_ministry_is_its_department():
    ex = analyze_text("工业和信息化部中小企业发展促进中心主任单立坡表示，将持续优化服务。", issued="2024-01-24")
    assert ("单立坡", "主任", "工业和信息化部中小企业发展促进中心") in positions(ex)
    assert ("工业和信息化部中小企业发展促进中心", "工业和信息化部") in relations(ex, "subOrganizationOf")


def test_a_turn_headed_by_a_title_a_space_and_a_name():
    ex = analyze_text("主持人 曲卫国：\n大家上午好，“部长通道”采访活动现在开始。\n"
                      "工业和信息化部部长 金壮龙：\n谢谢你的提问。\n部长 表示：好。", issued="2024-03-08")
    assert labels(ex, Kind.PERSON) == {"曲卫国", "金壮龙"}
    assert ("金壮龙", "部长", "工业和信息化部") in positions(ex)


def test_who_speaks_at_a_forum_and_who_merely_announces_an_upcoming_fair():
    text = ("国务院新闻办公室在国务院新闻办新闻发布厅举行新闻发布会，请海关总署新闻发言人黄颂平介绍一季度进出口情况，并答记者问。\n"
            "今年3月28日，国家发改委、外交部、商务部联合发布了《推动共建丝绸之路经济带和21世纪海上丝绸之路的愿景与行动》，"
            "同日在博鳌亚洲论坛开幕式上，习近平主席透露，已有60多个国家表达了积极态度。\n"
            "吕大良说，下个月，第八届中国国际进口博览会将在上海举办。\n"
            "我国正在积极推进通过商签共同发展经济伙伴关系协定。")
    ex = analyze_text(text, issued="2015-04-13")
    took_part = relations(ex, "participatesIn")
    assert ("习近平", "博鳌亚洲论坛") in took_part
    assert not {a for a, e in took_part} & {"商务部", "黄颂平", "吕大良"}   # another clause; a room; an announcement
    assert "国务院新闻办新闻发布厅" not in labels(ex, Kind.ORGANIZATION)
    assert "共同发展经济伙伴关系协定" in labels(ex, Kind.INITIATIVE)


def test_an_expo_after_a_byline_its_guests_and_a_bilateral_seminar():
    text = ("新华社成都10月20日电（记者 吴晓颖、余里）第十二届中国西部国际博览会20日上午在成都隆重举行。"
            "副省长洪捷序，省政协副主席叶继革，国家林业局总工程师陈凤学出席了开幕式。受省长苏树林的委托，洪捷序致辞。\n"
            "会期内将举行第四届中国西部国际合作论坛、中法工业合作研讨会等活动。")
    ex = analyze_text(text, issued="2011-10-20")
    assert {"第十二届中国西部国际博览会", "第四届中国西部国际合作论坛", "中法工业合作研讨会"} <= labels(ex, Kind.EVENT)
    assert "苏树林" in labels(ex, Kind.PERSON)
    took_part = relations(ex, "participatesIn")
    assert {("洪捷序", "第十二届中国西部国际博览会"), ("叶继革", "第十二届中国西部国际博览会"),
            ("陈凤学", "第十二届中国西部国际博览会")} <= took_part
    assert not any(a == "苏树林" for a, _ in took_part)


def test_central_enterprises_by_their_short_names():
    ex = analyze_text("会上，中核集团、中国电子、中国建筑、中国机械总院、中国煤科、首钢集团等企业负责同志作了发言。"
                      "中国电子报记者王明报道。", issued="2023-08-29")
    assert {"中核集团", "中国电子", "中国建筑", "中国机械总院", "中国煤科", "首钢集团", "中国电子报"} \
        <= labels(ex, Kind.ORGANIZATION)


def test_bodies_under_their_former_names_and_a_name_before_a_function_word():
    ex = analyze_text("文化部部长雒树刚接受采访。国家林业局局长张建龙表示，要加强管护。"
                      "国家税务总局局长王军以形象的话语道出工作重点。国家旅游局发布数据。", issued="2017-03-12")
    found = positions(ex)
    assert {("雒树刚", "部长", "文化部"), ("张建龙", "局长", "国家林业局"), ("王军", "局长", "国家税务总局")} <= found
    assert "国家旅游局" in labels(ex, Kind.ORGANIZATION)


def test_a_companys_branch_and_a_local_customs_district():
    ex = analyze_text("省商务厅将会同合肥海关出台措施。中国银行安徽省分行作交流发言。南京海关关长王明表示，外贸稳中有进。",
                      issued="2023-04-19")
    assert {"合肥海关", "南京海关", "中国银行安徽省分行", "中国银行"} <= labels(ex, Kind.ORGANIZATION)
    assert ("中国银行安徽省分行", "中国银行") in relations(ex, "subOrganizationOf")
    assert ("王明", "关长", "南京海关") in positions(ex)


def test_a_verb_right_before_the_programme_noun_names_the_programme():
    ex = analyze_text("国家发展改革委牵头实施的商标品牌价值提升行动取得成效。城市更新行动取得积极进展。"
                      "农业农村部组织开展2024年农业科技推广专项行动。各部门抓好规划。", issued="2024-05-01")
    assert labels(ex, Kind.INITIATIVE) == {"商标品牌价值提升行动", "城市更新行动", "农业科技推广专项行动"}
    promoted = relations(ex, "promotes")
    assert {("国家发展改革委", "商标品牌价值提升行动"), ("农业农村部", "农业科技推广专项行动")} <= promoted


def test_a_month_written_in_digits_stays_in_a_briefings_title():
    ex = analyze_text("国家统计局举行11月份国民经济运行情况新闻发布会。国家发展改革委举行6月份新闻发布会。",
                      issued="2023-12-15")
    assert labels(ex, Kind.EVENT) == {"11月份国民经济运行情况新闻发布会", "6月份新闻发布会"}


def test_a_governments_general_office_names_the_government():
    ex = analyze_text("广东省人民政府办公厅印发《广东省推动新型储能产业高质量发展指导意见》。", issued="2023-03-01")
    assert {"广东省人民政府办公厅", "广东省人民政府"} <= labels(ex, Kind.ORGANIZATION)
    assert ("广东省人民政府办公厅", "广东省人民政府") in relations(ex, "subOrganizationOf")
    assert ("广东省人民政府办公厅", "广东省推动新型储能产业高质量发展指导意见") in relations(ex, "promotes")


def test_acronym_after_an_unmarked_agreement_and_kinds_of_agreements(tmp_path):
    res = resolved(tmp_path, "全面与进步跨太平洋伙伴关系协定（CPTPP）是高标准经贸协定。中方已正式提出申请加入CPTPP。"
                             "推动签署中欧投资协定。")
    full = res.lookup("a.txt", Kind.INITIATIVE, "全面与进步跨太平洋伙伴关系协定")
    assert res.lookup("a.txt", Kind.INITIATIVE, "CPTPP") is full and "CPTPP" in full.aliases
    assert {e.label for e in entities(res, Kind.INITIATIVE)} == {"全面与进步跨太平洋伙伴关系协定", "中欧投资协定"}     # 高标准经贸协定: a kind


def test_a_listed_events_year_or_edition_written_before_it_is_part_of_its_name(tmp_path):
    ex = analyze_text("2024年夏季达沃斯论坛在大连开幕。第134届广交会开幕。世界人工智能大会在上海举行。", issued="2024-06-25")
    assert labels(ex, Kind.EVENT) == {"2024年夏季达沃斯论坛", "第134届广交会", "世界人工智能大会"}
    events = entities(resolved(tmp_path, "2024年夏季达沃斯论坛在大连开幕。夏季达沃斯论坛期间，各方签署合作协议。"), Kind.EVENT)
    assert [e.label for e in events] == ["2024年夏季达沃斯论坛"] and "夏季达沃斯论坛" in events[0].aliases


def test_an_unlisted_company_before_a_corporate_title():
    ex = analyze_text("全国人大代表、格力电器董事长董明珠建议。该公司董事长王伟说。他说，公司总经理李明认为。",
                      issued="2024-03-08")
    assert ("董明珠", "董事长", "格力电器") in positions(ex)
    assert labels(ex, Kind.ORGANIZATION) == {"全国人大", "格力电器"}     # 该公司, 公司: no names
    assert {"王伟", "李明"} <= labels(ex, Kind.PERSON)


def test_a_short_name_in_brackets_after_an_event_is_that_event(tmp_path):
    events = entities(resolved(tmp_path, "2023中国国际智能产业博览会（智博会）在重庆开幕。智博会期间签约项目120个。"), Kind.EVENT)
    assert [e.label for e in events] == ["2023中国国际智能产业博览会"] and "智博会" in events[0].aliases


def test_spans_inside_others():
    import random

    from kg.extract.persons import _inside_others

    rng = random.Random(5)
    for _ in range(300):
        spans = {tuple(sorted(rng.sample(range(12), 2))) for _ in range(rng.randint(0, 8))}
        expected = {o for o in spans if any(b[0] <= o[0] and o[1] <= b[1] and b != o for b in spans)}
        assert _inside_others(spans) == expected, spans
    assert _inside_others({(0, 4), (0, 2), (2, 4), (5, 6)}) == {(0, 2), (2, 4)}
    assert _inside_others(set()) == set()


def test_where_words_start_overlaps_included():
    import random

    from kg.extract.persons import _starts

    rng = random.Random(3)
    words = ("表示", "表", "示说", "说", "介绍", "a.b", "[x")
    for _ in range(200):
        text = "".join(rng.choice("表示说介绍a.b[x，") for _ in range(rng.randint(0, 20)))
        expected = sorted({i for w in words for i in range(len(text)) if text.startswith(w, i)})
        assert _starts(words, text) == expected, text
    assert _starts((), "表示") == []


def test_an_article_naming_a_department_but_not_its_ministry_is_analysed():
    """高技术司 belongs to one ministry only; the article is about that ministry though it never names it
    (the choice of the article's main body used to fail and the article was skipped)."""
    ex = analyze_text("高技术司司长伍浩出席会议并讲话，要求深入实施制造业数字化转型行动。")
    assert ("伍浩", "司长", "高技术司") in {(p.person, p.title, p.organization) for p in ex.positions}
    assert ("subOrganizationOf", "高技术司", "国家发展和改革委员会") in {
        (r.predicate, r.subject, r.object) for r in ex.relations}


def test_a_ministry_department_of_a_listed_name_but_not_listed_for_that_ministry_is_still_a_department():
    """办公厅 and 综合规划司 are listed for other ministries; 民政部's and 交通运输部's are not in the gazetteer."""
    for text, person, org, parent in (("民政部办公厅主任李保俊出席。", "李保俊", "民政部办公厅", "民政部"),
                                      ("交通运输部综合规划司司长王五介绍。", "王五", "交通运输部综合规划司", "交通运输部")):
        ex = analyze_text(text)
        assert person in {p.person for p in ex.positions if p.organization == org}
        assert ("subOrganizationOf", org, parent) in {(r.predicate, r.subject, r.object) for r in ex.relations}


def test_a_special_campaign_is_named_at_its_last_head():
    """专项整治行动: 专项 qualifies the 行动 that ends the name, which runs on to it."""
    ex = analyze_text("会议部署开展涉企违规收费专项整治行动。各地要深入开展安全生产专项整治三年行动，"
                      "抓好重大科技专项和重点研发计划实施。")
    names = {m.label for m in ex.mentions if m.kind is Kind.INITIATIVE}
    assert {"涉企违规收费专项整治行动", "安全生产专项整治三年行动", "重大科技专项", "重点研发计划"} <= names
    assert "涉企违规收费专项" not in names


def test_a_body_then_a_name_then_a_title_is_a_post_in_that_body():
    ex = analyze_text("省工信厅张立新副厅长出席会议并讲话。会上，工业和信息化部王江平副部长作了讲话。")
    posts = {(p.person, p.title, p.organization) for p in ex.positions}
    assert {("张立新", "副厅长", "省工信厅"), ("王江平", "副部长", "工业和信息化部")} <= posts


def test_chief_agronomist_and_chief_inspector_are_titles():
    ex = analyze_text("农业农村部总农艺师马有祥出席。教育部总督学王嘉毅介绍。")
    posts = {(p.person, p.title, p.organization) for p in ex.positions}
    assert {("马有祥", "总农艺师", "农业农村部"), ("王嘉毅", "总督学", "教育部")} <= posts


def test_a_count_of_briefings_or_our_briefing_names_no_event():
    ex = analyze_text("今天我们举行两场新闻发布会。欢迎参加我们发布会。")
    assert not [m.label for m in ex.mentions if m.kind is Kind.EVENT]


def test_a_party_committee_department_after_the_province_is_one_body():
    ex = analyze_text("山东省委外办主任王五出席。省委宣传部新闻发布处处长赵六主持发布会。")
    posts = {(p.person, p.title, p.organization) for p in ex.positions}
    assert {("王五", "主任", "山东省委外办"), ("赵六", "处长", "省委宣传部新闻发布处")} <= posts
    assert ("subOrganizationOf", "省委宣传部新闻发布处", "省委宣传部") in {
        (r.predicate, r.subject, r.object) for r in ex.relations}


def test_a_comma_between_two_bodies_posts_keeps_the_chain():
    ex = analyze_text("工业和信息化部党组成员、副部长，国家国防科技工业局局长张克俭出席会议。李强总理，国务院副总理丁薛祥出席。")
    posts = {(p.person, p.title, p.organization) for p in ex.positions}
    assert {("张克俭", "党组成员", "工业和信息化部"), ("张克俭", "副部长", "工业和信息化部"),
            ("张克俭", "局长", "国家国防科技工业局"), ("丁薛祥", "副总理", "国务院")} <= posts
    assert not {p for p in posts if p[0] == "丁薛祥" and p[1] == "总理"}
