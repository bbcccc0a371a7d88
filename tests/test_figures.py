"""kg.extract.figures: statistics and targets read from whole articles."""
from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.figures import extract_figures
from kg.models import ArticleMeta, Comparator, Document, Figure, Kind, Mention, Sentence

from .conftest import analyze_text

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def make_doc(text: str, issued: str | None, title: str = "") -> Document:
    """A Document split at 。！？ and line ends (what kg.normalize hands on, without its other work)."""
    sentences = []
    for m in re.finditer(r"[^。！？\n]+[。！？]?", text):
        s = m.group(0).strip()
        if s:
            start = text.index(s, m.start())
            sentences.append(Sentence(len(sentences), start, start + len(s), s))
    return Document(ArticleMeta("t.txt", title=title, issued=issued), text, tuple(sentences))


def only(figures: list[Figure], value: str, unit: str) -> Figure:
    found = [f for f in figures if f.value == D(value) and f.unit == unit]
    assert len(found) == 1, (value, unit, [(f.indicator, f.value, f.unit) for f in figures])
    return found[0]


BULLETIN = (
    "国家统计局7月15日发布数据显示，上半年国内生产总值616836亿元，按不变价格计算，同比增长5.0%。\n"
    "分产业看，第一产业增加值30660亿元，同比增长3.5%；第二产业增加值236530亿元，增长5.6%。\n"
    "6月份，规模以上工业增加值同比增长5.3%，环比增长0.42%。\n"
    "截至6月末，全国发电装机容量约30.7亿千瓦，同比增长14.1%。\n"
)


def test_statistics_bulletin():
    figs = extract_figures(make_doc(BULLETIN, "2024-07-16"))
    assert len(figs) == 10
    assert not any(f.is_target for f in figs)
    assert all(f.year == 2024 for f in figs)
    gdp = only(figs, "61683600000000", "元")
    assert "国内生产总值" in gdp.indicator and gdp.period == "上半年" and gdp.as_of == "2024-06"
    growth = only(figs, "5.0", "%")
    assert "国内生产总值" in growth.indicator and "同比增长" in growth.indicator   # the subject is carried over
    assert "第二产业增加值" in only(figs, "23653000000000", "元").indicator
    assert "第二产业" in only(figs, "5.6", "%").indicator
    june = only(figs, "0.42", "%")
    assert "环比增长" in june.indicator and june.as_of == "2024-06"
    capacity = only(figs, "3070000000", "千瓦")
    assert capacity.comparator is Comparator.ABOUT and capacity.as_of == "2024-06-30"
    assert "发电装机容量" in capacity.indicator


PLAN = (
    "工业和信息化部等七部门印发《关于推动未来产业创新发展的实施意见》。\n"
    "《意见》提出，到2025年，未来产业技术创新、产业培育、安全治理等全面发展，建设10个以上未来产业先导区。\n"
    "到2027年，力争培育一批具有全球影响力的领军企业，打造100个左右未来产业应用场景。\n"
    "2023年，全国数字经济核心产业增加值占GDP比重达到10%左右。\n"
)


def test_plan_targets_and_a_past_statistic():
    figs = extract_figures(make_doc(PLAN, "2024-01-29"))
    zones = only(figs, "10", "个")
    assert zones.is_target and zones.year == 2025 and zones.comparator is Comparator.AT_LEAST
    assert "未来产业先导区" in zones.indicator
    scenes = only(figs, "100", "个")
    assert scenes.is_target and scenes.year == 2027 and scenes.comparator is Comparator.ABOUT
    share = only(figs, "10", "%")
    assert not share.is_target and share.year == 2023 and "比重" in share.indicator
    assert len(figs) == 3                               # 七部门, 一批 are not figures


REVIEW = (
    "问：过去一年就业工作情况如何？\n"
    "答：一年来，我们坚持把稳就业放在突出位置。全国新增城镇就业1244万人，城镇调查失业率平均值为5.2%。\n"
    "2024年，要确保城镇新增就业1200万人以上。\n"
)


def test_early_january_review_takes_the_year_just_ended():
    figs = extract_figures(make_doc(REVIEW, "2024-01-04"))
    jobs = only(figs, "12440000", "人")
    assert not jobs.is_target and jobs.year == 2023
    assert only(figs, "5.2", "%").year == 2023
    goal = only(figs, "12000000", "人")
    assert goal.is_target and goal.year == 2024 and goal.comparator is Comparator.AT_LEAST
    # 一年来 in a text of late December is this year; in June it spans two years and stays unknown
    assert only(extract_figures(make_doc(REVIEW, "2023-12-20")), "5.2", "%").year == 2023
    assert only(extract_figures(make_doc(REVIEW, "2023-06-20")), "5.2", "%").year is None


def test_no_article_date_means_no_relative_year():
    text = "今年前三季度，全国完成水利建设投资8000亿元。2022年，全国完成水利建设投资10893亿元。"
    figs = extract_figures(make_doc(text, None))
    assert only(figs, "800000000000", "元").year is None
    assert only(figs, "1089300000000", "元").year == 2022


def test_respectively_pairs_each_number_with_its_item():
    text = ("前11个月，全国铁路、公路、水路分别完成客运量38.5亿人次、101.4亿人次和2.4亿人次，"
            "分别增长66.2%、23.8%和11.5%。")
    figs = extract_figures(make_doc(text, "2023-12-20"))
    assert len(figs) == 6
    for value, unit, mode in [("3850000000", "人次", "铁路"), ("10140000000", "人次", "公路"), ("240000000", "人次", "水路"),
                              ("66.2", "%", "铁路"), ("23.8", "%", "公路"), ("11.5", "%", "水路")]:
        f = only(figs, value, unit)
        others = {"铁路", "公路", "水路"} - {mode}
        assert mode in f.indicator and not any(o in f.indicator for o in others), f.indicator
        assert f.year == 2023 and f.as_of == "2023-11"
    assert "增长" in only(figs, "23.8", "%").indicator


def test_a_repeated_figure_is_one_item():
    sentence = "截至2023年底，全国累计建成5G基站337.7万个。"
    text = f"{sentence}\n工业经济稳中向好。\n{sentence}\n目前，全国累计建成5G基站337.7万个，覆盖所有地级市。"
    figs = extract_figures(make_doc(text, "2024-01-20"))
    assert len(figs) == 1 and figs[0].year == 2023 and figs[0].as_of == "2023-12-31"


def test_a_headline_figure_said_again_in_the_body_is_kept_once():
    title = "全国登记在册经营主体达1.89亿户"
    text = f"{title}\n记者从市场监管总局获悉，截至2024年6月底，全国登记在册经营主体达1.89亿户，同比增长3.5%。"
    figs = extract_figures(make_doc(text, "2024-07-20", title=title))
    assert [(f.value, f.year, f.sentence) for f in figs if f.unit == "户"] == [(D("189000000"), 2024, 1)]


def test_range_gives_a_lower_and_an_upper_bound():
    figs = extract_figures(make_doc("今年经济增长预期目标为5%—5.5%。", "2024-03-05"))
    assert [(f.value, f.comparator, f.is_target, f.year) for f in figs] == [
        (D("5"), Comparator.AT_LEAST, True, 2024), (D("5.5"), Comparator.AT_MOST, True, 2024)]
    assert figs[0].indicator.endswith("下限") and figs[1].indicator.endswith("上限")


def test_completion_of_a_target_is_a_statistic():
    figs = extract_figures(make_doc("1—9月，全国城镇新增就业1049万人，完成全年目标任务的87%。", "2024-10-20"))
    assert not only(figs, "87", "%").is_target


def test_rules_are_not_figures_but_goals_are():
    text = ("新建保障性租赁住房原则上应不少于50套，建筑面积不得低于3000平方米。\n"
            "到2025年，全省城镇生活污水集中收集率应达到70%以上。")
    figs = extract_figures(make_doc(text, "2022-05-10"))
    assert [(f.value, f.unit, f.is_target, f.year) for f in figs] == [(D("70"), "%", True, 2025)]


def test_no_figures_in_enumerations_names_and_dates():
    text = ("12月11日至12日，中央经济工作会议在北京举行。会议强调，要抓好十个方面重点工作，落实“两个毫不动摇”，"
            "启动第三批试点，深入实施《“十四五”数字经济发展规划》，加快5G、IPv6规模部署。一是扩大内需，二是稳外贸。")
    assert extract_figures(make_doc(text, "2023-12-13")) == []


def test_set_by_and_part_of_come_from_the_mentions():
    text = "工业和信息化部实施中小企业数字化赋能专项行动，力争到2025年带动10万家中小企业完成数字化改造。"
    doc = make_doc(text, "2023-05-04")
    org, ini = "工业和信息化部", "中小企业数字化赋能专项行动"
    mentions = [Mention(Kind.ORGANIZATION, org, 0, len(org), 0, org),
                Mention(Kind.INITIATIVE, ini, text.index(ini), text.index(ini) + len(ini), 0, ini)]
    [target] = extract_figures(doc, mentions)
    assert target.is_target and target.year == 2025 and target.value == 100000 and target.unit == "家"
    assert target.set_by == ((Kind.ORGANIZATION, org),) and target.part_of == ini


def test_evidence_is_the_sentence_verbatim():
    doc = make_doc(BULLETIN + PLAN, "2024-07-16")
    figs = extract_figures(doc)
    assert figs
    for f in figs:
        s = doc.sentences[f.sentence]
        assert f.evidence == s.text == doc.text[f.start:f.end] and (f.start, f.end) == (s.start, s.end)


_PIECES = st.sampled_from(["2023年", "今年", "1—11月", "截至", "前三季度", "，", "。", "\n", "、", "分别", "增长", "5.2%", "328.2万个",
                           "力争到2025年", "超过", "以上", "左右", "目标", "同比", "全国", "企业", "达到", "1个", "0.2个百分点",
                           "“", "”", "《", "》", "原则上应", "打造", "一是", "十四五", "三家", "六成", "3%—5%"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join),
       st.one_of(st.none(), st.sampled_from(["2023", "2023-01-02", "2024-10-08"])))
def test_extract_figures_never_crashes(text, issued):
    doc = make_doc(text, issued, title=text.split("\n", 1)[0])
    for f in extract_figures(doc):
        assert isinstance(f.value, Decimal)
        assert f.evidence == doc.text[f.start:f.end]
        assert f.year is None or 1900 <= f.year <= 2100


# --------------------------------------------------------------- the seed articles

def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def _score(figs_by_doc: dict[str, list[Figure]], gold_dir: Path) -> tuple[int, int, int]:
    """(matched, gold items, predicted items): one to one on kind, value (±0.5%), unit and year."""
    matched = n_gold = n_pred = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        preds = list(figs_by_doc[gold["file"]])
        n_pred += len(preds)
        for key in ("statistics", "targets"):
            wanted = {(_fold(g["unit"]), D(str(g["value"])), g.get("year")) for g in gold.get(key, [])}
            n_gold += len(wanted)
            for unit, value, year in wanted:
                for p in preds:
                    if (p.is_target == (key == "targets") and _fold(p.unit) == unit and p.year == year
                            and abs(p.value - value) <= abs(value) * D("0.005")):
                        preds.remove(p)
                        matched += 1
                        break
    return matched, n_gold, n_pred


@pytest.fixture(scope="module")
def articles():
    read = pytest.importorskip("kg.read")
    normalize = pytest.importorskip("kg.normalize")
    out = {}
    for folder in (ROOT / "seeds", ROOT / "tests" / "data" / "dev" / "texts"):
        raws, _ = read.read_corpus(folder)
        for raw in raws:
            doc = normalize.normalize(raw)
            out[doc.meta.doc_id] = extract_figures(doc)
    return out


@pytest.mark.parametrize("gold_dir", [ROOT / "tests" / "data" / "gold" / "seeds", ROOT / "tests" / "data" / "dev" / "gold"])
def test_recall_and_precision_on_annotated_articles(articles, gold_dir):
    matched, n_gold, n_pred = _score(articles, gold_dir)
    assert n_gold > 0
    assert matched / n_gold >= 0.8, (matched, n_gold)
    assert matched / n_pred >= 0.8, (matched, n_pred)


# --------------------------------------------------------------- lists, comparisons and what governs a figure

def _labels(figs: list[Figure]) -> dict[tuple[str, str], str]:
    return {(str(f.value), f.unit): f.indicator for f in figs}


def test_respectively_items_may_hold_he_inside_one_item():
    text = "1—5月，交通运输支出、节能环保支出、城乡社区支出和住房保障支出分别增长3.2%、7.4%、1.9%和5.5%。"
    figs = _labels(extract_figures(make_doc(text, "2024-06-20")))
    assert figs[("3.2", "%")].startswith("交通运输支出") and figs[("1.9", "%")].startswith("城乡社区支出")
    assert figs[("5.5", "%")].startswith("住房保障支出")
    # 、 separates the items; 和 is inside the first one here
    text = "前三季度，文化旅游体育和传媒支出、债务付息支出分别增长2.1%、6.3%。"
    figs = _labels(extract_figures(make_doc(text, "2024-10-20")))
    assert figs[("2.1", "%")].startswith("文化旅游体育和传媒支出") and figs[("6.3", "%")].startswith("债务付息支出")


def test_respectively_compared_with_two_bases():
    text = "9月末，人民币贷款余额同比增长8.1%，增速分别比上月末和上年同期低0.4个和2.8个百分点。"
    figs = extract_figures(make_doc(text, "2024-10-14"))
    low, lower = only(figs, "0.4", "百分点"), only(figs, "2.8", "百分点")
    assert low.indicator == "人民币贷款余额增速比上月末低" and lower.indicator == "人民币贷款余额增速比上年同期低"
    assert low.year == lower.year == 2024 and lower.period == "9月末"


def test_respectively_pairs_with_the_figures_said_before():
    text = ("截至6月底，水电装机4.27亿千瓦、核电装机5808万千瓦，同比分别增长2.7%和2.4%。"
            "上半年，全国汽车产销分别完成1389.1万辆和1404.7万辆。")
    figs = _labels(extract_figures(make_doc(text, "2024-07-20")))
    assert figs[("2.7", "%")] == "水电装机同比增长" and figs[("2.4", "%")] == "核电装机同比增长"
    assert figs[("13891000", "辆")] == "全国汽车产量" and figs[("14047000", "辆")] == "全国汽车销量"


def test_disposal_with_already_done_is_a_statistic():
    text = "国家发展改革委已将今年第二批5000亿元增发国债资金下达地方，并将加快项目建设。"
    [f] = extract_figures(make_doc(text, "2024-03-01"))
    assert not f.is_target and f.year == 2024
    assert "第二批增发国债资金" in f.indicator and "国家发展改革委" not in f.indicator and "下达" not in f.indicator


def test_plan_and_forecast_words():
    text = ("全年计划新开工改造城镇老旧小区5万个。"
            "该项目计划总投资120亿元，已完成投资45亿元。"
            "全省人均预期寿命达到79.5岁。"
            "预计全年新能源汽车产量将超过1200万辆。"
            "预计到2026年，全省新能源汽车产量将达到200万辆。")
    figs = extract_figures(make_doc(text, "2024-04-10"))
    renovation = only(figs, "50000", "个")
    assert renovation.is_target and renovation.year == 2024
    assert not only(figs, "12000000000", "元").is_target              # 计划总投资 of a project
    assert not only(figs, "79.5", "岁").is_target                     # 人均预期寿命
    forecast = only(figs, "12000000", "辆")
    assert not forecast.is_target and forecast.year == 2024           # a forecast for this year
    goal = only(figs, "2000000", "辆")
    assert goal.is_target and goal.year == 2026


def test_a_figure_measured_against_a_target_is_a_statistic():
    text = "2023年，全省地区生产总值增长6.1%，高于年初预期目标0.6个百分点。"
    figs = extract_figures(make_doc(text, "2024-01-08"))
    above = only(figs, "0.6", "百分点")
    assert not above.is_target and above.year == 2023 and above.indicator.startswith("全省地区生产总值")


def test_targets_announced_by_the_sentence_before():
    text = ("会议确定了2024年全省经济社会发展的主要预期目标。地区生产总值增长5.5%左右，城镇新增就业120万人以上。\n"
            "今年主要目标：粮食产量稳定在700亿斤以上，单位地区生产总值能耗下降2.5%。\n"
            "2023年，全省粮食产量达到710亿斤。")
    figs = extract_figures(make_doc(text, "2024-01-25"))
    for value, unit in [("5.5", "%"), ("1200000", "人"), ("70000000000", "斤"), ("2.5", "%")]:
        f = only(figs, value, unit)
        assert f.is_target and f.year == 2024, f
    past = only(figs, "71000000000", "斤")
    assert not past.is_target and past.year == 2023


def test_plan_items_after_ordinals():
    text = "一是推动规上工业企业研发机构覆盖率提高到55%；二是新培育专精特新中小企业800家。"
    figs = extract_figures(make_doc(text, "2024-02-18"))
    assert all(f.is_target for f in figs) and len(figs) == 2
    assert not any(f.indicator.startswith(("一是", "二是")) for f in figs)


def test_labels_in_lists_sums_and_deadlines():
    text = ("我们将推动到2027年可再生能源消费比重达到25%左右。"
            "截至2023年底，光伏、风电累计装机容量达到10.5亿千瓦，约占全部发电装机的36%。"
            "大会期间将举办2场主论坛和30余场专题论坛。"
            "7天期逆回购操作利率由1.8%下调至1.7%。")
    figs = _labels(extract_figures(make_doc(text, "2024-03-01")))
    assert figs[("25", "%")] == "可再生能源消费比重"
    assert figs[("1050000000", "千瓦")] == "光伏、风电累计装机容量"
    assert figs[("36", "%")].startswith("光伏、风电累计装机容量")           # 约占 takes the subject before it
    assert figs[("2", "场")].endswith("主论坛") and figs[("30", "场")] == "专题论坛"
    assert figs[("1.7", "%")].startswith("7天期逆回购操作利率")


def test_pronoun_lists_multiples_and_shares_take_their_subject():
    text = ("其中，货物进口额达到2.1万亿元，服务进口额达到0.6万亿元，两者分别占进口总额的77.8%和22.2%。"
            "2023年，全国快递业务量完成1320.7亿件，是2015年的6.4倍。"
            "前三季度，民间投资占全部投资比重为50.5%，较上年同期下降1.3个百分点。")
    figs = _labels(extract_figures(make_doc(text, "2024-10-20")))
    assert figs[("77.8", "%")].startswith("货物进口额") and figs[("22.2", "%")].startswith("服务进口额")
    assert figs[("6.4", "倍")].startswith("全国快递业务量")
    assert figs[("1.3", "百分点")] == "民间投资占全部投资比重较上年同期下降"


def test_a_dateline_and_an_aside_with_a_comma_stay_out_of_the_indicator():
    text = ("中新社重庆1月13日电（梁钦卿）重庆市地区生产总值（GDP）预计从2017年的2.01万亿元（人民币，下同）"
            "增加到2.9万亿元以上。\n"
            "新华社北京1月13日电 全国规模以上工业增加值同比增长3.6%。")
    figs = _labels(extract_figures(make_doc(text, "2023-01-13")))
    assert figs[("2010000000000", "元")].startswith("重庆市地区生产总值")
    assert figs[("2900000000000", "元")].startswith("重庆市地区生产总值")     # 下同） opens no clause
    assert figs[("3.6", "%")] == "全国规模以上工业增加值同比增长"


def test_bulleted_targets_under_a_heading_that_announces_them():
    text = ("1月13日上午，山东省第十四届人民代表大会第一次会议隆重开幕。\n"
            "建议全年经济社会发展预期目标\n"
            "●地区生产总值增长5%以上\n"
            "●城镇新增就业110万人以上\n"
            "一般公共预算总收入5382.3亿元、同口径增长1.9%。")
    figs = extract_figures(make_doc(text, "2023-01-14"))
    gdp, jobs = only(figs, "5", "%"), only(figs, "1100000", "人")
    assert gdp.is_target and jobs.is_target and gdp.year == jobs.year == 2023
    assert gdp.indicator == "地区生产总值增长" and jobs.indicator == "城镇新增就业"
    same = only(figs, "1.9", "%")
    assert not same.is_target and same.indicator == "一般公共预算总收入同口径增长"


def test_a_forecast_to_a_deadline_still_ahead_is_a_target():
    ahead = only(extract_figures(make_doc("预计到今年年底，全国充电基础设施总量将超过1000万台。", "2023-06-01")),
                 "10000000", "台")
    assert ahead.is_target and ahead.year == 2023
    review = only(extract_figures(make_doc("预计全年规模以上工业增加值同比增长5%左右。", "2023-12-20")), "5", "%")
    assert not review.is_target and review.year == 2023


def test_a_work_report_by_its_section_headings():
    text = ("3月5日，政府工作报告提请十四届全国人大三次会议审议。\n"
            "一、2024年工作回顾\n"
            "过去一年，国内生产总值达134.9万亿元，增长5%。城镇调查失业率平均为5.1%。\n"
            "产业升级有新进展，粮食产量跃上1.4万亿斤新台阶。\n"
            "二、2025年经济社会发展总体要求和政策取向\n"
            "发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。")
    figs = extract_figures(make_doc(text, "2025-03-06"))
    gdp, grain = only(figs, "134900000000000", "元"), only(figs, "1400000000000", "斤")
    assert not gdp.is_target and gdp.year == 2024          # 过去一年 in a March report: the year just ended
    assert not grain.is_target and grain.year == 2024      # no time of its own: its section's year
    assert only(figs, "5.1", "%").indicator == "城镇调查失业率平均"
    jobs = only(figs, "12000000", "人")
    assert jobs.is_target and jobs.year == 2025


def test_the_past_year_said_mid_year_is_no_year():
    [fig] = extract_figures(make_doc("过去一年，全省新增高新技术企业1200家。", "2024-07-10"))
    assert fig.year is None


def test_a_price_base_year_and_a_period_opening_the_label():
    text = ("1月至10月，电信业务收入累计完成12252亿元，同比增长8.2%，按照上年不变价计算的电信业务总量为13894亿元，"
            "同比增长28%；基础电信企业完成互联网业务收入2141亿元。\n"
            "新兴业务收入增势突出，1月至10月共完成业务收入1854亿元，同比增长28.8%。")
    figs = extract_figures(make_doc(text, "2021-11-23"))
    assert {f.year for f in figs} == {2021}             # 上年 is the price base, not the figures' year
    assert only(figs, "1225200000000", "元").indicator == "电信业务收入"
    assert only(figs, "28.8", "%").indicator == "业务收入同比增长"   # not 1月 + 同比增长


def test_a_milestone_passed_is_not_a_second_figure():
    figs = extract_figures(make_doc(
        "今年上半年我国货物贸易进出口总值20.1万亿元人民币，为历史同期首次突破20万亿元，同比增长2.1%。", "2023-07-14"))
    assert [f.value for f in figs] == [D("20100000000000"), D("2.1")]
    assert figs[1].indicator == "我国货物贸易进出口总值同比增长"
    other = extract_figures(make_doc("全年新能源汽车产量1300万辆，首次出口100万辆。", "2024-01-10"))
    assert len(other) == 2                                 # another measure, not a threshold


def test_the_whole_year_is_the_year_named_before_it():
    [plan] = extract_figures(make_doc("王宏志表示，2025年，国家能源局将大力推进风电光伏开发利用，全年将新增风电光伏装机2亿千瓦左右。",
                                      "2024-12-16"))
    assert plan.is_target and plan.year == 2025
    [done] = extract_figures(make_doc("全年规模以上工业增加值增长5%。", "2024-12-16"))
    assert not done.is_target and done.year == 2024       # no year named: the article's


def test_the_preposition_of_a_since_phrase_stays_out_of_the_indicator():
    [cut] = extract_figures(make_doc("中国人民银行宣布，自2月5日起下调金融机构存款准备金率0.5个百分点。", "2024-01-25"))
    assert cut.indicator == "下调金融机构存款准备金率"
    [built] = extract_figures(make_doc("我国从2023年起累计建成5G基站337.7万个。", "2024-01-25"))
    assert built.indicator == "我国累计建成5G基站"


def test_a_measure_written_once_after_the_last_listed_item():
    figs = extract_figures(make_doc("其中云计算和大数据收入同比增速分别达91.3%和33.1%。", "2021-11-23"))
    assert [f.indicator for f in figs] == ["云计算收入同比增速", "大数据收入同比增速"]


def test_努力_before_a_figure_is_a_target_but_not_in_共同努力下():
    text = ("今年该局努力新增200家左右创新型企业。"
            "在各方共同努力下，全市累计建成充电桩4.5万个。")
    figs = extract_figures(make_doc(text, "2022-07-20"))
    assert only(figs, "200", "家").is_target
    assert not only(figs, "45000", "个").is_target


def test_a_target_list_cut_at_semicolons_stays_a_target_list():
    # over 150 characters, so the sentence is cut into pieces at ；
    text = ("该市人代会上，市长所作报告提出今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，"
            "一般公共预算收入增长4%左右；城镇新增就业9万人以上，城镇调查失业率控制在5.5%以内；"
            "居民人均可支配收入增长与经济增长基本同步，单位地区生产总值能耗下降2.5%左右；"
            "粮食播种面积稳定在300万亩以上，全社会研发经费投入强度提高到3.1%。")
    figs = analyze_text(text, issued="2023-01-16").figures
    assert len(figs) == 7
    assert all(f.is_target and f.year == 2023 for f in figs), [(f.indicator, f.is_target, f.year) for f in figs]


def test_a_forecast_with_可以_is_no_rule():
    figs = extract_figures(make_doc("该区预计可以实现工业总产值3200亿元左右。", "2022-11-10"))
    assert only(figs, "320000000000", "元").year == 2022


def test_a_quarter_after_同比增长_takes_no_broken_subject():
    figs = extract_figures(make_doc("分季度看，一季度同比增长6.1%，二季度增长5.2%，三季度增长4.8%。", "2022-10-20"))
    for value in ("5.2", "4.8"):
        label = only(figs, value, "%").indicator
        assert "同增长" not in label and "季度" in label, label


def test_a_march_review_of_the_past_year_gives_last_years_figures():
    text = ("省长在政府工作报告中回顾过去一年的工作。\n"
            "全省地区生产总值达到5.2万亿元，增长7.1%。今年，全省地区生产总值预期增长6%左右。\n")
    figs = extract_figures(make_doc(text, "2022-03-02"))
    assert only(figs, "5200000000000", "元").year == 2021
    assert only(figs, "7.1", "%").year == 2021
    target = only(figs, "6", "%")
    assert target.is_target and target.year == 2022


def test_targets_listed_one_a_line_after_目标是():
    text = ("市政府工作报告提出，今年全市发展的主要预期目标是：\n"
            "地区生产总值增长6%左右；\n"
            "城镇新增就业5万人以上，城镇调查失业率控制在5.5%以内；\n"
            "居民消费价格涨幅3%左右；\n"
            "一般公共预算收入增长4.5%。\n")
    figs = extract_figures(make_doc(text, "2022-01-20"))
    assert len(figs) == 5
    assert all(f.is_target and f.year == 2022 for f in figs), [(f.indicator, f.is_target, f.year) for f in figs]


def test_a_change_from_one_value_to_another_dates_each_value():
    text = ("从2013年到2022年，全省工业增加值从1.8万亿元增长到3.1万亿元。\n"
            "全省充电桩由去年6月的2400个提升至5100个。\n")
    figs = extract_figures(make_doc(text, "2023-08-10"))
    first = only(figs, "1800000000000", "元")
    assert first.year == 2013 and "增长" not in first.indicator
    assert only(figs, "3100000000000", "元").year == 2022
    assert only(figs, "2400", "个").year == 2022
    assert only(figs, "5100", "个").year == 2023


def test_a_datelines_date_is_not_a_figures_time():
    text = "新华社北京1月9日电 全市规模以上工业增加值增长4.6%。"
    assert only(extract_figures(make_doc(text, "2023-01-09")), "4.6", "%").year == 2022


def test_an_expectations_index_is_a_statistic():
    figs = extract_figures(make_doc("9月份，非制造业商务活动预期指数为57.1%。", "2022-09-30"))
    assert not only(figs, "57.1", "%").is_target


def test_两国_is_no_figure():
    assert not extract_figures(make_doc("双方同意深化两国在新能源领域的合作。", "2022-09-30"))


def test_an_ellipsis_ends_the_clause_of_a_figure():
    figs = extract_figures(make_doc("全年粮食产量保持在1.3万亿斤以上……这些数字令人鼓舞。", "2022-03-06"))
    assert "数字" not in only(figs, "1300000000000", "斤").indicator


def test_a_converted_amount_in_brackets_keeps_its_subject():
    text = "1-9月，对外直接投资5120.4亿元，同比增长8.6%（折合770.2亿美元，同比增长3.1%）。"
    figs = extract_figures(make_doc(text, "2022-10-20"))
    assert only(figs, "512040000000", "元").indicator.startswith("对外直接投资")
    assert only(figs, "77020000000", "美元").indicator == "对外直接投资折合"


def test_平均水平_after_a_figure_is_not_cut_inside_平均():
    figs = extract_figures(make_doc("全县工业增加值增长9.2%，增速高于全市7.4%的平均水平。", "2022-10-20"))
    assert "平均水平" in only(figs, "7.4", "%").indicator


def test_a_turn_from_decline_to_growth_keeps_the_subject():
    text = "三季度，全市工业用电量由二季度下降2.4%转为增长6.3%。"
    label = only(extract_figures(make_doc(text, "2022-10-24")), "6.3", "%").indicator
    assert label.startswith("全市工业用电量") and "二季度" not in label, label


def test_a_respectively_list_after_an_earlier_list_in_the_clause():
    text = "轿车、客车产量分别由二季度下降4.1%、2.6%转为增长12.5%、9.8%。"
    figs = extract_figures(make_doc(text, "2022-10-24"))
    for value in ("12.5", "9.8"):
        label = only(figs, value, "%").indicator
        assert "4.1" not in label and "转为增长" in label, label


def test_台套_is_one_unit():
    figs = extract_figures(make_doc("平台接入工业设备达8100万台套。", "2022-10-24"))
    assert only(figs, "81000000", "台套")


def test_a_clause_inside_a_sentence_is_never_read_as_a_dateline():
    text = "全省风电发电量同比增长21.4%，在全社会用电量中占比达到12.6%。"
    label = only(extract_figures(make_doc(text, "2023-07-31")), "12.6", "%").indicator
    assert label.startswith("全社会用电量"), label


def test_a_threshold_passed_first_then_the_figure_is_one_figure():
    text = "全市地区生产总值首次突破5000亿元，预计达5120亿元，增长6.8%。"
    figs = extract_figures(make_doc(text, "2022-12-28"))
    assert [f.value for f in figs if f.unit == "元"] == [D("512000000000")]
    assert only(figs, "512000000000", "元").indicator.startswith("全市地区生产总值")


def test_a_share_after_a_list_item_joined_by_和_labels_its_own_noun():
    text = "千兆光网已覆盖全省所有县城城区和87%的行政村。"
    label = only(extract_figures(make_doc(text, "2022-07-13")), "87", "%").indicator
    assert label == "行政村", label


def test_two_measures_of_one_thing_joined_by_a_slash():
    text = "截至2024年底，全省储能项目累计装机规模达120万千瓦/240万千瓦时，平均储能时长2.0小时，较2023年底增加约0.3小时。"
    figs = extract_figures(make_doc(text, "2025-01-24"))
    assert only(figs, "1200000", "千瓦").indicator == only(figs, "2400000", "千瓦时").indicator == "全省储能项目累计装机规模"
    assert "增加" in only(figs, "0.3", "小时").indicator


def test_高出_opens_no_subject():
    text = "同期，全省对东盟进出口增长9.8%，高出整体增速6.1个百分点，占22.3%。"
    figs = extract_figures(make_doc(text, "2023-07-20"))
    for value, unit in (("6.1", "百分点"), ("22.3", "%")):
        label = only(figs, value, unit).indicator
        assert label.startswith("全省对东盟进出口"), label


def test_the_base_a_plan_starts_from_is_a_statistic():
    text = "在全省认定600余家专精特新企业基础上，计划用三年时间培育一批小巨人企业。"
    figs = extract_figures(make_doc(text, "2022-05-10"))
    base = only(figs, "600", "家")
    assert not base.is_target and base.year == 2022


def test_a_change_between_two_dated_values_labels_both_with_the_subject():
    text = "全省农村低收入人口从2015年的520万人减少到2020年的86万人。"
    figs = extract_figures(make_doc(text, "2021-03-07"))
    first, second = only(figs, "5200000", "人"), only(figs, "860000", "人")
    assert (first.year, second.year) == (2015, 2020)
    assert first.indicator == "全省农村低收入人口", first.indicator
    assert second.indicator.startswith("全省农村低收入人口"), second.indicator


def test_a_value_after_a_change_takes_the_time_before_the_change():
    text = "全市地区生产总值预计从2017年的8600亿元增加到1.2万亿元以上、年均增长6.5%左右。"
    figs = extract_figures(make_doc(text, "2022-12-28"))
    assert only(figs, "860000000000", "元").year == 2017
    assert only(figs, "1200000000000", "元").year == 2022
    assert only(figs, "6.5", "%").year == 2022


def test_a_figure_with_no_words_of_its_own_takes_the_clause_before():
    text = "全省工业互联网标识解析节点加快建设，由去年6月的35个提升至61个。"
    figs = extract_figures(make_doc(text, "2022-07-13"))
    for value in ("35", "61"):
        assert only(figs, value, "个").indicator == "全省工业互联网标识解析节点"


def test_a_list_read_item_by_item_without_分别():
    text = "东部和中部地区研发投入占全国比重由2015年的62.1%、18.4%提高到2020年的63.5%、19.2%。"
    figs = extract_figures(make_doc(text, "2021-10-18"))
    assert [(f.year, f.indicator.startswith(region)) for f, region in zip(
        figs, ("东部地区研发投入", "中部地区研发投入", "东部地区研发投入", "中部地区研发投入"))] == [
        (2015, True), (2015, True), (2020, True), (2020, True)], [(f.year, f.indicator) for f in figs]


def test_a_figure_free_clause_between_names_the_next_figures_subject():
    text = "全市汽车产量增长12.4%，其中新能源汽车产量保持快速增长，三季度增长86.2%。"
    label = only(extract_figures(make_doc(text, "2022-10-24")), "86.2", "%").indicator
    assert "新能源汽车产量" in label, label
    text = "全市汽车产量增长12.4%，从环比看，三季度增长6.2%。"
    label = only(extract_figures(make_doc(text, "2022-10-24")), "6.2", "%").indicator
    assert "环比看" not in label, label
    text = "全市工业总产值3120亿元，按可比价格计算，增长7.7%。"
    label = only(extract_figures(make_doc(text, "2022-10-24")), "7.7", "%").indicator
    assert label.startswith("全市工业总产值"), label


def test_a_time_and_a_verb_alone_take_the_subject_said_before():
    # 其中，5月份为3.2%: the rate of the sentence before goes on
    text = "二季度全省外卖订单退单率月均值为3.5%，比2020年同期下降0.4个百分点。其中，5月份为3.2%，比上月下降0.4个百分点。"
    figs = extract_figures(make_doc(text, "2022-07-20"))
    may = only(figs, "3.2", "%")
    assert "退单率" in may.indicator and may.indicator.startswith("5月份")
    # two changes of one size against different bases are two figures
    assert sorted(f.indicator.split("比")[-1] for f in figs if f.value == D("0.4")) == ["2020年同期下降", "上月下降"]
    # no figure before in the sentence: the figure-free clause before names it
    [f] = extract_figures(make_doc("外地来访游客人数持续增加，8月底达到310万人次。", "2022-09-10"))
    assert f.indicator == "8月底外地来访游客人数"


def test_a_paragraph_opening_with_qizhong_takes_the_time_of_the_one_before():
    text = "新华社北京2月20日电 记者表示，2022年全省完成水利投资超500亿元。\n\n　　其中，农村供水完成投资82亿元，同比增长9.5%。"
    figs = extract_figures(make_doc(text, "2023-02-20"))
    assert only(figs, "8200000000", "元").year == 2022
    assert only(figs, "9.5", "%").year == 2022


def test_one_rate_of_two_subjects_is_two_figures():
    text = ("1—5月份，全省服务业增加值同比增长3.0%。"
            "分行业看，5月份，餐饮业增加值同比增长3.0%，零售业增长2.1%。")
    figs = [f for f in extract_figures(make_doc(text, "2022-06-15")) if f.value == D("3.0")]
    assert sorted(f.indicator for f in figs) == ["全省服务业增加值同比增长", "餐饮业增加值同比增长"]


def test_an_early_forecast_of_building_is_a_target():
    text = "今年预计新建充电桩3万个以上。预计全年新能源公交车保有量将超过5000辆。"
    figs = extract_figures(make_doc(text, "2022-03-01"))
    planned = only(figs, "30000", "个")
    assert planned.is_target and planned.year == 2022
    assert not only(figs, "5000", "辆").is_target                     # an estimate of a measure
    late = only(extract_figures(make_doc(text, "2022-12-20")), "30000", "个")
    assert not late.is_target and late.year == 2022                 # said in December: the year's outcome


def test_listed_single_characters_share_the_last_items_word():
    text = "2022年东、中、西部地区新注册企业比重分别为60.1%、25.3%和14.6%。"
    figs = extract_figures(make_doc(text, "2023-01-20"))
    assert only(figs, "25.3", "%").indicator == "中部地区新注册企业比重"
    assert only(figs, "60.1", "%").indicator.endswith("东部地区新注册企业比重")
    # not where the items are of other lengths (东、中、西部和东北地区: 中北 is no word)
    text = "1至9月，东、中、西部和东北地区光纤用户分别达到10万户、8万户、7万户和2万户。"
    assert "中北" not in only(extract_figures(make_doc(text, "2022-10-20")), "80000", "户").indicator


def test_a_bulleted_heading_announces_the_targets_below():
    text = ("■ 2021年工作回顾\n●全市外贸进出口增长12%\n"
            "■ 2022年主要预期目标\n●地区生产总值增长6.5%左右\n●新增城镇就业8万人以上\n")
    figs = extract_figures(make_doc(text, "2022-01-10"))
    assert not only(figs, "12", "%").is_target
    gdp, jobs = only(figs, "6.5", "%"), only(figs, "80000", "人")
    assert gdp.is_target and jobs.is_target and gdp.year == jobs.year == 2022


def test_taxable_sales_is_no_rule():
    text = "全年工业应税销售突破5000亿元，制造业投资增长24.3%。"
    figs = extract_figures(make_doc(text, "2022-02-16"))
    assert only(figs, "24.3", "%").indicator == "制造业投资增长"


def test_a_figure_free_clause_names_a_subjectless_first_figure():
    text = "我国对甲国出口增长8.1%。甲国继续为我国第一大出口市场，占我国出口总值的15.2%。"
    share = only(extract_figures(make_doc(text, "2022-04-13")), "15.2", "%")
    assert share.indicator.startswith("甲国") and "出口增长" not in share.indicator


def test_a_title_naming_the_year_before_reviews_it():
    text = "甲省2021年度邮政业统计公报发布\n全年快递业务量完成12.5亿件，增长20.1%。年末邮政网点1.2万处。"
    figs = extract_figures(make_doc(text, "2022-05-20", title="甲省2021年度邮政业统计公报发布"))
    assert only(figs, "1250000000", "件").year == 2021
    assert only(figs, "20.1", "%").year == 2021
    # the article's own year named in the title: no review
    text = "2021年以来甲省快递业快速发展\n全年快递业务量预计增长20.1%。"
    figs = extract_figures(make_doc(text, "2022-05-20", title="2021年以来甲省快递业快速发展"))
    assert only(figs, "20.1", "%").year == 2022


def test_a_target_measured_against_starts_no_list_of_targets():
    text = "1至10月，全市居民消费价格同比上涨1.9%，低于3%左右的预期目标；外汇存款余额保持在800亿美元以上。"
    figs = extract_figures(make_doc(text, "2021-11-20"))
    assert only(figs, "3", "%").is_target
    deposits = only(figs, "80000000000", "美元")
    assert not deposits.is_target and deposits.year == 2021


def test_numbered_sections_of_last_year_and_of_this_years_targets():
    text = ("市长作政府工作报告，要点如下：\n一、去年工作回顾\n地区生产总值增长7.2%\n新增市场主体3.1万户\n"
            "二、今年主要预期目标\n地区生产总值增长6%左右\n城镇新增就业5万人以上\n")
    figs = extract_figures(make_doc(text, "2022-03-05"))
    done, jobs = only(figs, "7.2", "%"), only(figs, "50000", "人")
    assert not done.is_target and done.year == 2021
    assert only(figs, "31000", "户").year == 2021
    assert jobs.is_target and jobs.year == 2022 and only(figs, "6", "%").is_target


def test_a_whole_year_forecast_in_spring_is_this_years():
    text = "预计全年减免企业税费约1200亿元，其中小微企业约500亿元。全年规模以上工业增加值增长6.1%。"
    figs = extract_figures(make_doc(text, "2022-03-10"))
    assert only(figs, "120000000000", "元").year == only(figs, "50000000000", "元").year == 2022
    assert only(figs, "6.1", "%").year == 2021           # 全年 in March without 预计: the year just ended


def test_ni_plans_a_target():
    text = "今年拟安排市级专项资金12亿元。全市已建成5G行业虚拟专网120个。"
    figs = extract_figures(make_doc(text, "2022-03-05"))
    plan = only(figs, "1200000000", "元")
    assert plan.is_target and plan.year == 2022
    assert not only(figs, "120", "个").is_target                     # 虚拟 is no 拟


def test_retail_sales_written_once_after_listed_items():
    text = "1-10月份，城镇、乡村消费品零售额分别为3.1万亿元和0.6万亿元。家电、家具零售额同比分别增长5.2%和3.3%。"
    figs = extract_figures(make_doc(text, "2022-11-20"))
    assert only(figs, "3100000000000", "元").indicator.endswith("城镇消费品零售额")
    assert only(figs, "5.2", "%").indicator == "家电零售额同比增长"


def test_within_n_years_makes_a_target_without_a_year():
    [f] = extract_figures(make_doc("该市3年内建成智能工厂50家。", "2021-06-01"))
    assert f.is_target and f.year is None


def test_a_longer_first_item_takes_the_measure_of_the_last():
    text = "1-11月份，限额以上单位粮油食品、饮料零售额同比分别增长10.7%和21.2%。"
    figs = extract_figures(make_doc(text, "2021-12-23"))
    assert only(figs, "10.7", "%").indicator == "限额以上单位粮油食品零售额同比增长"
    assert only(figs, "21.2", "%").indicator == "饮料零售额同比增长"


def test_a_revised_forecast_is_no_target():
    text = "4月12日，某国际组织将2022年全球贸易增速预期下调1.7个百分点。"
    f = only(extract_figures(make_doc(text, "2022-04-15")), "1.7", "百分点")
    assert not f.is_target and f.year == 2022


def test_a_name_opening_with_bi_is_no_comparison_with_the_sentence_before():
    text = "全市电子信息产业营收增长12%。比特科技公司全年营收突破30亿元。"
    f = only(extract_figures(make_doc(text, "2022-06-01")), "3000000000", "元")
    assert f.indicator.startswith("比特科技公司")


def test_canyu_is_no_comparison_base():
    # 参与 holds 与, which compares nothing: the two mentions of one target stay one
    text = "我省实现500万人参与全民健身总体目标。\n报告显示，我省实现了带动500万人参与全民健身的目标。"
    figs = [f for f in extract_figures(make_doc(text, "2022-01-12")) if f.value == D("5000000")]
    assert len(figs) == 1


def test_an_abbreviated_subject_is_the_same_figure():
    text = "预计全年社会消费品零售总额有望达到5000亿元。\n他说，预计全年社零总额有望达到5000亿元，比上年增长8%。"
    figs = [f for f in extract_figures(make_doc(text, "2022-09-26")) if f.value == D("500000000000")]
    assert len(figs) == 1


def test_an_ordinal_mark_on_the_first_listed_item_is_every_items():
    text = "1至4月，第一、二、三产业新注册企业同比分别增长12.1%、8.4%和6.2%。"
    figs = extract_figures(make_doc(text, "2023-05-10"))
    assert only(figs, "8.4", "%").indicator == "第二产业新注册企业同比增长"
    assert only(figs, "6.2", "%").indicator == "第三产业新注册企业同比增长"
    assert only(figs, "12.1", "%").indicator.endswith("第一产业新注册企业同比增长")


def test_a_threshold_passed_then_the_exact_figure_is_one_figure():
    text = "截至3月底，新能源汽车保有量占比超过三分之一，达到36%。"
    figs = extract_figures(make_doc(text, "2023-05-10"))
    assert [f.value for f in figs] == [D("36")]


def test_a_forecast_opening_a_paragraph_dates_the_sentences_after_it():
    text = ("会议明确了今年的工作任务。预计2024年行业营业收入完成2.5万亿元，同比增长6%左右。"
            "其中，快件收入完成1.6万亿元，同比增长7%左右。")
    figs = extract_figures(make_doc(text, "2024-01-10"))
    assert only(figs, "1600000000000", "元").year == 2024
    assert only(figs, "7", "%").year == 2024


def test_a_long_aside_and_a_real_growth_keep_the_subject():
    text = ("上半年，全省居民人均消费支出15230元，比上年同期名义增长5.1%，扣除价格因素，实际增长4.3%。"
            "其中，城镇居民人均消费支出19870元，增长（以下如无特别说明，均为同比名义增长）4.6%，扣除价格因素，实际增长3.9%。")
    figs = extract_figures(make_doc(text, "2023-07-20"))
    assert only(figs, "4.3", "%").indicator == "全省居民人均消费支出实际增长"
    assert only(figs, "4.6", "%").indicator == "城镇居民人均消费支出增长"
    assert only(figs, "3.9", "%").indicator == "城镇居民人均消费支出实际增长"


def test_a_target_word_inside_a_documents_title_makes_no_target():
    text = "2022年，《某省国土空间规划和2035年远景目标纲要》确定的60项重大工程中，有15个项目开工建设。"
    figs = extract_figures(make_doc(text, "2023-01-05"))
    assert not any(f.is_target for f in figs)
    assert only(figs, "15", "个").year == 2022


def test_targets_listed_a_line_each_without_marks():
    text = ("2022年成就：\n地区生产总值增长4.1%\n城镇新增就业38万人\n"
            "2023年目标：\n地区生产总值增长6%左右\n一般公共预算收入增长5%左右\n城镇新增就业35万人\n")
    figs = extract_figures(make_doc(text, "2023-01-20"))
    assert not only(figs, "4.1", "%").is_target and not only(figs, "380000", "人").is_target
    for value, unit in (("6", "%"), ("5", "%"), ("350000", "人")):
        f = only(figs, value, unit)
        assert f.is_target and f.year == 2023, f


def test_a_figure_in_brackets_labels_and_lends_nothing_to_the_figures_around_it():
    text = "全年完成投资320亿元（其中民间投资120亿元），同比增长8%。"
    figs = extract_figures(make_doc(text, "2023-05-10"))
    assert only(figs, "32000000000", "元").indicator == "全年投资"
    assert only(figs, "12000000000", "元").indicator == "民间投资"
    assert "民间" not in only(figs, "8", "%").indicator


def test_a_months_change_and_the_average_of_the_months_to_it_are_two_figures():
    text = ("7月份，全国工业生产者出厂价格同比下降1.5%，环比上涨0.2%。"
            "1—7月平均，工业生产者出厂价格比去年同期下降1.5%。")
    figs = [f for f in extract_figures(make_doc(text, "2021-08-10")) if f.value == D("1.5")]
    assert sorted(f.period for f in figs) == ["1—7月", "7月份"]


def test_bases_listed_after_one_comparison_word_share_it():
    text = "全年全省规上工业增加值同比增长6.1%，较一季度、上半年和前三季度分别提高5.2个、2.3个和0.9个百分点。"
    figs = extract_figures(make_doc(text, "2024-01-25"))
    assert only(figs, "2.3", "百分点").indicator == "全省规上工业增加值较上半年提高"
    assert only(figs, "0.9", "百分点").indicator == "全省规上工业增加值较前三季度提高"
    assert only(figs, "5.2", "百分点").indicator == "全省规上工业增加值较一季度提高"


def test_a_mean_said_again_takes_its_subject_once_and_a_sum_over_three_items_keeps_them():
    text = "上半年，全省城镇调查失业率均值为5.3%，其中，二季度均值为5.1%。"
    figs = extract_figures(make_doc(text, "2023-07-20"))
    assert only(figs, "5.1", "%").indicator == "二季度全省城镇调查失业率均值"
    text = "1至6月，全省养老、失业、工伤保险基金总收入3200亿元。"
    assert only(extract_figures(make_doc(text, "2023-07-20")), "320000000000", "元").indicator \
        == "全省养老、失业、工伤保险基金总收入"


def test_a_plan_word_in_the_whole_a_share_is_taken_of_makes_no_target():
    text = "今年以来，已下达中央专项投资58亿元，占年度拟下达投资规模的85%以上。"
    figs = extract_figures(make_doc(text, "2023-06-12"))
    assert not only(figs, "85", "%").is_target
    text = "到2025年，数字经济核心产业增加值占地区生产总值的比重力争达到10%。"
    assert only(extract_figures(make_doc(text, "2022-01-12")), "10", "%").is_target


def test_a_headlines_round_bound_met_by_the_bodys_exact_figure_is_one_figure():
    title = "前三季度全省规上工业企业实现利润超2000亿元"
    text = title + "\n前三季度，全省规上工业企业累计实现利润2136.5亿元，同比增长8.2%。\n"
    figs = extract_figures(make_doc(text, "2023-10-27", title=title))
    assert [f.value for f in figs if f.unit == "元"] == [D("213650000000")]
    # a bound the body's figure does not meet stays its own
    title = "前三季度全省规上工业企业实现利润超3000亿元"
    text = title + "\n前三季度，全省规上工业企业累计实现利润2136.5亿元，同比增长8.2%。\n"
    assert len([f for f in extract_figures(make_doc(text, "2023-10-27", title=title)) if f.unit == "元"]) == 2


def test_a_quota_for_next_year_handed_down_in_advance_is_a_statistic():
    text = "财政部近日提前下达2022年新增专项债务限额1.46万亿元。"
    f = only(extract_figures(make_doc(text, "2021-12-20")), "1460000000000", "元")
    assert not f.is_target and f.year == 2022
    text = "下一步将提前下达2023年新增专项债务限额2.19万亿元。"
    assert only(extract_figures(make_doc(text, "2022-12-20")), "2190000000000", "元").is_target
