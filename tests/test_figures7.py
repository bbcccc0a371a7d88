"""kg.numbers and kg.extract.figures, sixth round on real articles: statistics and targets (passages written for the tests)."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.figures import extract_figures

from .conftest import make_document
from .test_figures import make_doc

D = Decimal


def test_a_part_of_a_sector_with_the_sectors_growth_is_not_a_restatement():
    text = ("5月份，全省工业增加值同比增长4.1%，其中制造业增长6.2%。"
            "装备制造业增加值同比增长6.2%，比上月加快1.3个百分点。")
    figs = extract_figures(make_doc(text, "2023-06-15"))
    assert len([f for f in figs if f.value == D("6.2")]) == 2
    # the whole country said or not, the same figure is one item
    text = "上半年，全国光伏新增装机1000万千瓦。其中，光伏新增1000万千瓦，同比增长8%。"
    figs = extract_figures(make_doc(text, "2023-07-20"))
    assert len([f for f in figs if f.value == D("10000000")]) == 1


def test_a_list_of_targets_goes_on_past_a_piece_with_no_figure():
    text = ("市长在报告中提出，今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，"
            "在实际工作中力争更好结果，为全省大局多作贡献；城镇调查失业率控制在5.5%以内；"
            "居民收入增长和经济增长同步，城乡居民收入差距继续缩小；"
            "外贸进出口稳中提质，营商环境持续改善，市场主体活力进一步增强；"
            "粮食产量150万吨左右；单位地区生产总值能耗降低2%左右。")
    figs = extract_figures(make_document(text, issued="2023-01-15"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [
        (D("6"), True, 2023), (D("5.5"), True, 2023), (D("1500000"), True, 2023), (D("2"), True, 2023)]


def test_a_target_explained_in_a_later_sentence_is_not_also_a_statistic():
    text = ("今年全县发展的主要预期目标是：地区生产总值增长7%左右，城镇新增就业5000人以上。"
            "地区生产总值增长7%左右，兼顾了稳增长和调结构的需要，也与全县发展潜力相匹配。")
    figs = extract_figures(make_doc(text, "2023-02-10"))
    assert [(f.value, f.is_target) for f in figs] == [(D("7"), True), (D("5000"), True)]


def test_a_numbered_paragraph_giving_months_gone_by_is_a_review_not_a_plan():
    text = ("（一）工业经济稳中有进。出台支持先进制造业的政策措施12项。"
            "1—10月全市规模以上工业增加值增长6%。")
    figs = extract_figures(make_doc(text, "2023-12-10"))
    assert [(f.value, f.is_target) for f in figs] == [(D("12"), False), (D("6"), False)]
    # a numbered paragraph of a plan stays one
    text = "（一）壮大先进制造业。出台支持先进制造业的政策措施12项。"
    figs = extract_figures(make_doc(text, "2023-02-10"))
    assert [(f.value, f.is_target) for f in figs] == [(D("12"), True)]


def test_a_written_span_of_years_still_running_ahead_holds_targets():
    text = "2023—2026年，全市每年新增数字化车间50个以上。"
    figs = extract_figures(make_doc(text, "2023-02-01"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("50"), True, 2026)]
    # a span already over when written is what was reached
    text = "2019—2021年，全市累计新增数字化车间150个。"
    figs = extract_figures(make_doc(text, "2023-02-01"))
    assert [(f.value, f.is_target) for f in figs] == [(D("150"), False)]


def test_the_years_investment_plan_is_a_target_of_the_articles_year():
    text = "全市确定重点项目150个，年度投资计划860亿元。"
    figs = extract_figures(make_doc(text, "2023-03-10"))
    assert [(f.value, f.is_target, f.year) for f in figs if f.unit == "元"] == [(D("86000000000"), True, 2023)]
    # measured against the plan, a figure is what was done; a project's 计划投资 is a fact
    text = "1-4月，全市重点项目完成投资320亿元，占年度投资计划的37.2%。"
    assert not any(f.is_target for f in extract_figures(make_doc(text, "2023-05-10")))
    text = "该项目计划投资15亿元，主要建设智能化生产线。"
    assert not any(f.is_target for f in extract_figures(make_doc(text, "2023-05-10")))


def test_a_target_for_a_part_of_the_year_still_ahead_is_this_years():
    text = "下半年，全区力争新增规上工业企业60家。"
    figs = extract_figures(make_doc(text, "2023-06-20"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("60"), True, 2023)]
    # a statistic of months not yet over is last year's (1—11月 said in early January)
    text = "1—11月，全区规上工业增加值增长5.5%。"
    assert [f.year for f in extract_figures(make_doc(text, "2023-01-05"))] == [2022]


def test_a_task_set_as_an_amount_is_a_target():
    text = "今年全县新增城镇就业任务为8000人。"
    figs = extract_figures(make_doc(text, "2023-03-20"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("8000"), True, 2023)]
    text = "1-5月，全县新增城镇就业5200人，完成全年任务的65%。"
    assert not any(f.is_target for f in extract_figures(make_doc(text, "2023-06-20")))


def test_a_word_of_plan_before_figures_of_months_gone_by_makes_no_plan():
    text = ("1-9月份，全县技改投资增长12%（年度增长计划为8%）。"
            "1-10月份，全县新增规模以上工业企业25家，开工亿元以上项目18个。")
    figs = extract_figures(make_doc(text, "2022-11-20"))
    assert [(f.value, f.is_target) for f in figs if f.unit != "%"] == [(D("25"), False), (D("18"), False)]


def test_a_figure_of_last_year_said_by_a_relative_word_is_what_was_reached():
    text = "去年，全县城镇调查失业率控制在5.5%以内，居民消费价格涨幅控制在3%以内。"
    figs = extract_figures(make_doc(text, "2023-02-20"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("5.5"), False, 2022), (D("3"), False, 2022)]
    # a target named as such stays one
    text = "去年，全县地区生产总值预期目标为增长6%左右，实际增长5.1%。"
    figs = extract_figures(make_doc(text, "2023-02-20"))
    assert [(f.value, f.is_target) for f in figs][0] == (D("6"), True)


def test_a_target_assigned_from_above_is_a_target_of_the_year():
    text = "市里下达我县的年度目标为增长7%。"
    figs = extract_figures(make_doc(text, "2023-04-10"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("7"), True, 2023)]
