"""kg.extract.figures, fourth round on real articles: statistics and targets (passages written for the tests)."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.figures import extract_figures

from .test_figures import make_doc, only

D = Decimal


def test_a_requirement_carried_out_is_no_target_cue():
    text = "各部门落实厉行节约的要求，压减一般性支出，部门本级支出同比下降5.2%。"
    assert not only(extract_figures(make_doc(text, "2021-07-20")), "5.2", "%").is_target
    text = "会议要求，今年部门本级支出压减5.2%。"
    assert only(extract_figures(make_doc(text, "2021-03-20")), "5.2", "%").is_target


def test_the_period_a_recovery_is_measured_against_is_a_base():
    text = "春节假期，全省接待游客1200万人次，恢复至2019年春节假日同期的88.5%；旅游收入96亿元，同比增长12%。"
    figs = extract_figures(make_doc(text, "2023-01-28"))
    assert [f.year for f in figs] == [2023, 2023, 2023, 2023]
    # a time opening its clause stays the figure's
    text = "2019年春节假日同期，全省接待游客1350万人次。"
    assert only(extract_figures(make_doc(text, "2023-01-28")), "13500000", "人次").year == 2019


def test_the_same_period_of_last_year_opening_a_change_dates_its_first_value():
    text = "前三季度，全市高新技术产业产值占比由上年同期的41.2%提高到44.5%，工业投资增长9.6%。"
    figs = extract_figures(make_doc(text, "2022-10-20"))
    assert [(f.value, f.year) for f in figs] == [(D("41.2"), 2021), (D("44.5"), 2022), (D("9.6"), 2022)]
    assert "同期" not in only(figs, "41.2", "%").indicator
    # compared with, not changed from: a base
    text = "今年1-9月，全市工业投资比上年同期增长9.6%。"
    assert only(extract_figures(make_doc(text, "2022-10-20")), "9.6", "%").year == 2022


def test_dash_items_under_a_sentence_announcing_targets_are_targets():
    text = ("会议审议通过的规划提出了今后五年全市发展的主要目标。\n"
            "——产业结构持续优化。数字经济核心产业增加值占地区生产总值比重达到12%。\n"
            "——民生福祉不断增进。城镇新增就业累计达到25万人，人均预期寿命提高到80岁。\n")
    figs = extract_figures(make_doc(text, "2021-02-20"))
    assert len(figs) == 3 and all(f.is_target for f in figs)
    # dash items under a review stay statistics
    text = ("过去一年，全市经济社会发展取得新成效。\n"
            "——产业结构持续优化。数字经济核心产业增加值占地区生产总值比重达到12%。\n")
    assert not only(extract_figures(make_doc(text, "2021-02-20")), "12", "%").is_target


def test_the_terms_of_a_ratio_are_no_figures():
    from kg.numbers import find_quantities
    assert find_quantities("三次产业结构由上年的8.1:40.2:51.7调整为7.9:39.8:52.3。") == []
    assert find_quantities("男女比例为1：1.05") == []
    assert [q.value for q in find_quantities("三次产业结构调整为7.9:39.8:52.3，第三产业比重达52.3%")] == [D("52.3")]


def test_a_target_a_result_falls_short_of_starts_no_list_of_targets():
    text = ("2021年，全省经济增速为5.9%，虽然与年初确定的6.5%以上的目标增速略有差距，"
            "但经济总量达到5.1万亿元。")
    figs = extract_figures(make_doc(text, "2022-01-25"))
    assert only(figs, "6.5", "%").is_target
    total = only(figs, "5100000000000", "元")
    assert not total.is_target and total.year == 2021
    text = "2021年，全市经济增速好于年初确定的6%左右的预期目标，工业投资增长12.3%。"
    assert not only(extract_figures(make_doc(text, "2022-01-25")), "12.3", "%").is_target
    # a target aimed at, then the next ones of its list
    text = "今年全市努力实现地区生产总值增长6%左右的目标，一般公共预算收入增长5%。"
    assert only(extract_figures(make_doc(text, "2022-01-25")), "5", "%").is_target


def test_funds_secured_are_no_target():
    text = "2021年，全县固定资产投资增长9.2%；争取到位上级资金8.6亿元；城镇居民人均可支配收入增长7.1%。"
    figs = extract_figures(make_doc(text, "2022-01-12"))
    assert not any(f.is_target for f in figs)
    text = "今年争取上级资金10亿元以上。"
    assert only(extract_figures(make_doc(text, "2022-01-12")), "1000000000", "元").is_target


def test_city_days_are_counted_in_tianci():
    from kg.numbers import find_quantities
    qs = find_quantities("区域内发生重污染215天次，同比减少18.5%")
    assert [(q.value, q.unit) for q in qs] == [(D("215"), "天次"), (D("18.5"), "%")]


def test_a_red_line_held_to_is_no_figure():
    from kg.numbers import find_quantities
    assert find_quantities("坚决守住18亿亩耕地红线") == []
    assert [q.value for q in find_quantities("全省耕地保有量达到5800万亩，守住耕地红线")] == [D("58000000")]


def test_containers_are_counted_in_biaoxiang():
    from kg.numbers import find_quantities
    assert [(q.value, q.unit) for q in find_quantities("全港完成集装箱吞吐量1250万标箱，增长6%")] == [
        (D("12500000"), "标箱"), (D("6"), "%")]
    assert [(q.value, q.unit) for q in find_quantities("外贸集装箱吞吐量约1.2亿标准集装箱")] == [
        (D("120000000"), "标准集装箱")]


def test_a_round_bound_restated_exactly_in_brackets_is_one_figure():
    text = "全年完成水运建设投资超过1500亿元（1538亿元），同比增长4.2%。"
    figs = extract_figures(make_doc(text, "2022-01-20"))
    assert [(f.value, f.unit) for f in figs] == [(D("153800000000"), "元"), (D("4.2"), "%")]
    assert "水运建设投资" in figs[0].indicator
    # a bracketed figure of another size stays its own
    text = "全年完成水运建设投资超过1500亿元（其中内河投资620亿元），同比增长4.2%。"
    assert len(extract_figures(make_doc(text, "2022-01-20"))) == 3


def test_a_target_of_a_five_year_plan_named_before_it_takes_the_plans_last_year():
    text = "全市制定的“十四五”数字经济发展目标是核心产业增加值占地区生产总值比重达到12%。"
    assert only(extract_figures(make_doc(text, "2021-08-01")), "12", "%").year == 2025
    # a plan already over lends no year
    text = "全市制定的“十三五”发展目标是核心产业增加值占地区生产总值比重达到12%。"
    assert only(extract_figures(make_doc(text, "2021-08-01")), "12", "%").year is None
    text = "“十四五”以来，全市累计建成5G基站2万个，力争再新建1万个。"
    assert only(extract_figures(make_doc(text, "2023-08-01")), "10000", "个").year != 2025


def test_a_share_of_the_years_plan_completed_is_a_statistic():
    text = "全市上半年完成固定资产投资560亿元，完成年度计划的52%。"
    assert not only(extract_figures(make_doc(text, "2022-07-20")), "52", "%").is_target
    text = "全市计划完成年度投资任务的60%以上。"
    assert only(extract_figures(make_doc(text, "2022-07-20")), "60", "%").is_target


def test_figures_in_the_notes_closing_a_release_are_no_statistics():
    text = ("上半年，全省规模以上工业增加值同比增长6.2%。\n"
            "附注\n"
            "1.统计范围：年主营业务收入2000万元及以上的工业企业。\n"
            "2.换算关系：1吨约等于1380立方米。\n")
    figs = extract_figures(make_doc(text, "2023-07-17"))
    assert [f.value for f in figs] == [D("6.2")]


def test_a_rank_clause_names_no_subject():
    text = "前三季度，全市生产总值1235.6亿元，增长6.1%，居全省第5位，两年平均增长4.3%。"
    f = only(extract_figures(make_doc(text, "2021-11-01")), "4.3", "%")
    assert "全市生产总值" in f.indicator and "第5位" not in f.indicator


def test_dangnian_anchors_on_the_year_opening_a_clause_not_a_year_in_passing():
    text = ("2021年，全省专利密集型产业增加值达1.2万亿元，继2020年突破1万亿元之后再创新高。"
            "产业增加值占当年地区生产总值的比重达到13.5%。")
    assert only(extract_figures(make_doc(text, "2022-11-20")), "13.5", "%").year == 2021
    # a day opening the clause dates a release, not the year its figures describe
    text = "2021年全市GDP增长7.5%\n2022年1月18日，市统计局发布2021年全市经济数据。初步核算，全年地区生产总值3260亿元。"
    assert only(extract_figures(make_doc(text, "2022-06-01")), "326000000000", "元").year == 2021


def test_zengjiazhi_cues_no_duration():
    from kg.numbers import find_quantities
    qs = find_quantities("数字经济核心产业增加值占比两年提高1.2个百分点")
    assert [(q.value, q.unit) for q in qs] == [(D("1.2"), "百分点")]
    assert [q.value for q in find_quantities("工业增加值连续3年增长")] == [D("3")]


def test_a_february_title_opening_on_last_year_reviews_it():
    title = "财政部：去年全省一般公共预算收入5200亿元"
    text = title + "\n财政部门介绍了六个方面的情况。\n一是推动资金直达机制常态化，280亿元资金直达市县基层。\n"
    figs = extract_figures(make_doc(text, "2022-02-22", title=title))
    assert only(figs, "28000000000", "元").year == 2021
    # last year only compared with: the article's year
    title = "1-2月全省工业增加值比去年同期增长12%"
    text = title + "\n1-2月，全省规上工业增加值比去年同期增长12%，280亿元资金直达市县基层。\n"
    assert only(extract_figures(make_doc(text, "2022-03-18", title=title)), "28000000000", "元").year == 2022


def test_two_targets_of_one_value_with_different_bounds_are_two():
    text = "各地今年经济增长目标陆续公布。江苏省提出，今年地区生产总值增长6.5%以上。浙江省提出，今年地区生产总值增长6.5%左右。"
    figs = [f for f in extract_figures(make_doc(text, "2021-02-20")) if f.value == D("6.5")]
    assert len(figs) == 2 and all(f.is_target and f.year == 2021 for f in figs)
    # the same bound said twice is one target
    text = "今年的主要预期目标是：地区生产总值增长6.5%以上。我们把今年的目标设定为地区生产总值增长6.5%以上。"
    assert len([f for f in extract_figures(make_doc(text, "2021-02-20")) if f.value == D("6.5")]) == 1
