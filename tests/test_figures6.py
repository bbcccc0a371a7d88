"""kg.numbers and kg.extract.figures, fifth round on real articles: statistics and targets (passages written for the tests)."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.figures import extract_figures
from kg.numbers import find_quantities

from .test_figures import make_doc, only

D = Decimal


def test_a_unit_written_once_after_a_list_of_bare_numbers_goes_back_along_it():
    qs = find_quantities("增速比上月分别回升2.1、1.7、0.9和0.6个百分点。")
    assert [(q.value, q.unit) for q in qs] == [(D("2.1"), "百分点"), (D("1.7"), "百分点"),
                                               (D("0.9"), "百分点"), (D("0.6"), "百分点")]
    qs = find_quantities("三地新增主体分别为2、3、6万家。")
    assert [(q.value, q.unit) for q in qs] == [(D("20000"), "家"), (D("30000"), "家"), (D("60000"), "家")]
    figs = extract_figures(make_doc("一季度，甲区、乙区和丙区零售额增速比上年分别加快2.1、1.7和0.9个百分点。", "2022-04-20"))
    assert sorted(f.value for f in figs) == [D("0.9"), D("1.7"), D("2.1")]


def test_a_count_of_units_whose_change_follows_names_whose_change_it_is():
    text = "据监测，1-5月，全省800家重点商贸企业销售额同比增长6.1%。"
    figs = extract_figures(make_doc(text, "2022-06-15"))
    assert [(f.value, f.unit) for f in figs] == [(D("6.1"), "%")]
    # a count closing its own clause stays a figure
    text = "1-5月，全省新增市场主体800家，同比增长6.1%。"
    assert only(extract_figures(make_doc(text, "2022-06-15")), "800", "家")


def test_more_counting_words():
    text = "今年全区计划新增公共充电桩1200根以上，建成街心游园15处，更换路灯2000盏。"
    figs = extract_figures(make_doc(text, "2024-03-01"))
    assert {(f.value, f.unit) for f in figs} == {(D("1200"), "根"), (D("15"), "处"), (D("2000"), "盏")}
    assert not find_quantities("2022年根据规划，3处理设施")


def test_years_of_a_span_named_by_a_duration_word():
    text = "到2025年，全县劳动年龄人口平均受教育年限达到11.5年。"
    assert only(extract_figures(make_doc(text, "2021-03-01")), "11.5", "年").is_target


def test_a_paragraph_that_named_a_deadline_ahead_goes_on_with_the_plan():
    text = ("市政府印发的工作方案提出，到2028年，全市数字经济核心产业增加值达到900亿元。"
            "围绕重点领域，培育6-8个数字产业集群，争创3个国家级示范基地。")
    figs = extract_figures(make_doc(text, "2025-05-10"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [
        (D("90000000000"), True, 2028), (D("6"), True, 2028), (D("8"), True, 2028), (D("3"), True, 2028)]
    # a paragraph that reports a year gone by stays with statistics
    text = "方案提出，到2028年，全市数字产业集群达到20个。2024年，全市已培育数字产业集群12个。"
    assert not only(extract_figures(make_doc(text, "2025-05-10")), "12", "个").is_target


def test_one_shared_character_far_into_the_last_item_is_no_shared_word():
    text = "1-5月，全省扫地机、工业机器人出口分别增长12.5%、30.2%。"
    figs = extract_figures(make_doc(text, "2024-06-20"))
    assert only(figs, "12.5", "%").indicator == "全省扫地机出口增长"
    # a shared character at the head of the last item still is (大中型、小型企业)
    text = "1-5月，大中型、小型企业营业收入分别增长3.5%、5.2%。"
    assert only(extract_figures(make_doc(text, "2024-06-20")), "3.5", "%").indicator == "大中型企业营业收入增长"


def test_a_figure_dated_by_its_paragraph_to_a_year_ahead_is_a_target():
    text = "会议提出，明年全省将完成水利投资600亿元。农村自来水普及率达到92%。"
    figs = extract_figures(make_doc(text, "2022-12-20"))
    assert [(f.value, f.is_target, f.year) for f in figs] == [(D("60000000000"), True, 2023), (D("92"), True, 2023)]
    text = "会议提出，明年全省将完成水利投资600亿元。今年农村自来水普及率达到90%。"
    assert not only(extract_figures(make_doc(text, "2022-12-20")), "90", "%").is_target
    # a day ahead on which something takes effect dates the facts after it, no plan
    text = "2023年1月1日，新规将正式施行。首批纳入试点的城市共12个。"
    assert not only(extract_figures(make_doc(text, "2022-12-20")), "12", "个").is_target


def test_a_span_compared_over_in_a_clause_before_is_not_the_figures_time():
    text = "今年汛情是近几年较轻的一年，全省农作物受灾面积120万亩。"
    assert only(extract_figures(make_doc(text, "2023-10-20")), "1200000", "亩").year == 2023
    text = "2022年，全市工业投资增幅创2016年以来最高水平，比上年提高2.5个百分点。"
    assert only(extract_figures(make_doc(text, "2023-02-10")), "2.5", "百分点").year == 2022
    # a span opening its clause, or in the figure's own clause, stays the figure's
    text = "今年以来，全市近几年累计建成5G基站1.2万个。"
    assert only(extract_figures(make_doc(text, "2023-10-20")), "12000", "个").year is None
    text = "近几年，全市累计建成5G基站1.2万个。"
    assert only(extract_figures(make_doc(text, "2023-10-20")), "12000", "个").year is None


def test_the_set_a_count_is_taken_from_after_a_place_or_a_survey_word():
    qs = find_quantities("2022年，全市35个工业大类行业中有24个实现增长。")
    assert [q.value for q in qs] == [D("24")]
    qs = find_quantities("统计的300种主要工业产品中，有180种产量增长。")
    assert [q.value for q in qs] == [D("180")]


def test_a_word_holding_yao_is_no_plan_marker():
    text = "对以务工为主要收入的农民工加强服务，全市建成零工市场120家。"
    assert not only(extract_figures(make_doc(text, "2025-09-27")), "120", "家").is_target
    text = "下一步，全市要建成零工市场120家。"
    assert only(extract_figures(make_doc(text, "2025-09-27")), "120", "家").is_target


def test_months_gone_by_in_a_later_clause_end_a_plan_carried_along_the_sentence():
    text = "全市重点项目80个，年度计划投资120亿元，1-5月完成投资52亿元，完成率43.3%。"
    figs = extract_figures(make_doc(text, "2023-06-12"))
    assert not only(figs, "5200000000", "元").is_target and not only(figs, "43.3", "%").is_target
    # months still ahead carry the plan on
    text = "今年力争一季度工业增加值增长5%，上半年增长6%。"
    assert only(extract_figures(make_doc(text, "2023-01-20")), "6", "%").is_target


def test_qi_counts_incidents():
    text = "全年共发生生产安全事故12起、死亡15人，同比分别下降20%和16.7%。"
    figs = extract_figures(make_doc(text, "2023-01-10"))
    assert only(figs, "12", "起")
    assert not find_quantities("自2019年起，从3月1日起执行")


def test_shang_nian_is_the_year_before_the_one_named():
    text = "2022年，全市民营经济增加值占比由上年的52.1%提高到53.4%。"
    figs = extract_figures(make_doc(text, "2023-03-10"))
    assert [(f.value, f.year) for f in figs] == [(D("52.1"), 2021), (D("53.4"), 2022)]
    # with no year named it is the year before the article's
    text = "上年全市民营经济增加值占比为52.1%。"
    assert only(extract_figures(make_doc(text, "2023-03-10")), "52.1", "%").year == 2022


def test_a_share_of_the_plan_said_with_wei_is_a_statistic():
    text = "1-3月全市重点项目累计完成投资96亿元，为年度投资计划的28.5%，超过时间进度3.5个百分点。"
    figs = extract_figures(make_doc(text, "2022-04-15"))
    assert not any(f.is_target for f in figs)


def test_a_forecast_goes_on_with_the_planned_figure_before_it():
    text = "预计今年新开工项目90个，总投资1200亿元，年度投资300亿元。"
    figs = extract_figures(make_doc(text, "2022-02-15"))
    assert [f.is_target for f in figs] == [True, True, True]
    text = "预计全年地区生产总值增长5.5%，总量达到9000亿元。"
    assert not any(f.is_target for f in extract_figures(make_doc(text, "2022-12-20")))


def test_a_band_followed_by_what_falls_in_it_and_their_count_is_no_figure():
    qs = find_quantities("年产量1亿吨-5亿吨的省份3个，合计产量6.2亿吨。")
    assert [(q.value, q.unit) for q in qs] == [(D("3"), "个"), (D("620000000"), "吨")]
    # a range that is the figure itself stays
    qs = find_quantities("项目总投资5亿-10亿元，新增就业300人。")
    assert [q.value for q in qs] == [D("500000000"), D("300")]


def test_a_threshold_passed_and_given_exactly_at_once_is_one_figure():
    text = "2022年，全市民营企业进出口突破2000亿元达2136亿元，增长12.5%。"
    figs = extract_figures(make_doc(text, "2023-01-20"))
    assert [f.value for f in figs if f.unit == "元"] == [D("213600000000")]


def test_po_before_a_number_is_a_lower_bound_a_headline_restates():
    title = "去年全省外贸进出口总值破2万亿元"
    text = f"{title}\n记者从海关获悉，2022年，全省外贸进出口总值2.16万亿元，增长8.1%。"
    figs = extract_figures(make_doc(text, "2023-01-20", title=title))
    assert [f.value for f in figs if f.unit == "元"] == [D("2160000000000")]


def test_a_figure_by_which_a_plan_is_exceeded_is_a_statistic():
    text = "截至12月20日，全县已建成5G基站1502个，超出计划12个；新建通信杆塔860个。"
    figs = extract_figures(make_doc(text, "2021-12-25"))
    assert not any(f.is_target for f in figs)
