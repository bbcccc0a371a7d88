"""kg.timeexpr: the year (and month) a figure refers to, against the article's date."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.timeexpr import TimeRef, find_time_phrases, parse_issued, resolve_time

# fmt: off
# (sentence with the figure marked by ▲, issued, year, as_of, explicit, future)
CASES = [
    ("截至2024年6月底，全国充电基础设施达到▲", "2024-08-01", 2024, "2024-06-30", True, False),
    ("今年1—5月，全国一般公共预算收入▲", "2024-06-17", 2024, "2024-05", False, False),
    ("去年全年，社会消费品零售总额▲", "2024-03-01", 2023, None, False, False),
    ("明年，新增专项债券额度▲", "2024-12-12", 2025, None, False, True),
    ("前三季度，国内生产总值▲", "2024-10-18", 2024, "2024-09", False, False),
    ("1—11月，全国规模以上工业企业利润▲", "2024-01-05", 2023, "2023-11", False, False),   # an early-January review
    ("上半年，全国居民人均可支配收入▲", None, None, None, False, False),               # no article date: no guess
    ("2021年，全国粮食总产量▲", None, 2021, None, True, False),
    ("目前，全国累计建成5G基站▲", "2024-05-20", 2024, "2024-05-20", False, False),
    ("目前，全国累计建成5G基站▲", "2024", 2024, None, False, False),
    ("“十三五”期间，全国累计减贫▲", "2021-02-25", 2020, None, True, False),
    ("力争到2026年，培育专精特新中小企业▲", "2024-05-10", 2026, None, True, True),
    ("到“十四五”末，全国铁路营业里程▲", "2023-04-01", 2025, None, True, True),
    ("2023—2025年，每年新增▲", "2023-02-01", 2025, None, True, False),      # a span that has begun is not "after"
    ("2025—2027年，每年新增▲", "2024-02-01", 2027, None, True, True),
    ("2022年12月31日，全国外汇储备▲", "2023-01-07", 2022, "2022-12-31", True, False),
    ("截至9月末，人民币贷款余额▲", "2024-10-14", 2024, "2024-09-30", False, False),
    ("今年以来，全国新设经营主体▲", "2024-07-30", 2024, None, False, False),
    ("二〇二三年，全国进出口总值▲", "2024-01-12", 2023, None, True, False),
    ("“十四五”以来，全国单位GDP能耗累计下降▲", "2023-08-15", 2023, None, False, False),   # since the span began
    ("自2017年该市获批试点以来，累计引进项目▲", "2022-06-20", 2022, None, False, False),   # 自…以来, words between
]
# fmt: on


@pytest.mark.parametrize("text, issued, year, as_of, explicit, future", CASES)
def test_resolve_time(text, issued, year, as_of, explicit, future):
    before = text.index("▲")
    ref = resolve_time(text, before, issued)
    assert (ref.year, ref.as_of, ref.explicit, ref.future) == (year, as_of, explicit, future)


def test_nearest_phrase_before_the_figure_governs():
    s = "前三季度，规模以上工业增加值同比增长5.2%，9月同比增长4.1%"
    first, second = resolve_time(s, s.index("5.2"), "2024-10-20"), resolve_time(s, s.index("4.1"), "2024-10-20")
    assert (first.period, first.as_of) == ("前三季度", "2024-09")
    assert (second.period, second.as_of) == ("9月", "2024-09")


def test_comparison_bases_are_not_the_figures_time():
    s = "截至目前，登记在册经营主体达到1.8亿户，比2023年底增加600万户，较一季度、上半年分别提高0.3个、0.1个百分点"
    ref = resolve_time(s, s.index("600万"), "2024-08-15")
    assert ref.period == "截至目前" and ref.year == 2024
    ref = resolve_time(s, s.index("0.3个"), "2024-08-15")
    assert ref.period == "截至目前"
    roles = {p.text: p.relation for p in find_time_phrases(s)}
    assert roles["2023年底"] == roles["一季度"] == roles["上半年"] == "base"


def test_times_that_are_compared_with_or_set_aside():
    # two bases joined by 和 after one 比, and a 同期 inside a clause
    s = "4月末，住户存款余额增速分别比上月末和去年同期低0.4个和1.2个百分点"
    assert {p.text: p.relation for p in find_time_phrases(s)}["去年"] == "base"
    assert resolve_time(s, s.index("1.2"), "2024-05-11").period == "4月末"
    s = "增速高于去年全年2.1个百分点，超过2022年水平"
    assert [p.relation for p in find_time_phrases(s)] == ["base", "base"]
    # 扣除…后: the times inside name what is set aside; the paragraph's period governs
    context = "今年前5个月，全国税收收入73458亿元，同比下降4.1%。"
    s = "扣除2023年同期留抵退税因素和去年年中出台的个税专项附加扣除政策翘尾影响后，可比增长1.5%左右"
    assert {p.relation for p in find_time_phrases(s)} == {"base"}
    ref = resolve_time(s, s.index("1.5"), "2024-06-20", context=context)
    assert (ref.year, ref.period) == (2024, "今年前5个月")
    # but 去年同期 opening its own clause is the time of the figure
    s = "去年同期，这一比例为38.5%"
    assert resolve_time(s, s.index("38.5"), "2024-06-20").year == 2023


def test_base_of_a_multiple():
    s = "全国经营主体数量是2012年的3.4倍"
    assert resolve_time(s, s.index("3.4"), "2024-06-01").kind == ""


def test_anaphoric_year_and_vague_span():
    s = "过去三年，平均增速为4.5%，在2019年设定的目标是6%，当年实际增长6.0%"
    assert resolve_time(s, s.index("4.5"), "2023-03-05").year is None      # 过去三年: ambiguous
    assert resolve_time(s, s.index("4.5"), "2023-03-05").kind == "vague"
    assert resolve_time(s, s.index("6%"), "2023-03-05").year == 2019
    assert resolve_time(s, s.index("6.0"), "2023-03-05").year == 2019      # 当年 → the year named before


def test_anaphoric_year_skips_since_and_base_years():
    # 以来 and 比 name a start and a base, not the year 全年 refers to
    context = "大豆面积比2015年增加不少，是1990年以来最高的年份。"
    s = "全年花生产量▲"
    assert resolve_time(s, s.index("▲"), "2023-01-18", context=context).year == 2023
    s = "比2019年多1成，全年花生产量▲"
    assert resolve_time(s, s.index("▲"), "2023-01-18").year == 2023


def test_anaphoric_year_takes_a_relative_year_named_after_a_written_one():
    # 2021年… then 今年…: 全年 is this year, the last one named
    s = "2021年全市植树120万株。今年的目标是：植树150万株，全年新增绿地▲"
    assert resolve_time(s, s.index("▲"), "2022-03-06").year == 2022


def test_within_n_years_is_an_open_span_ahead():
    s = "3年内建成智能工厂▲"
    ref = resolve_time(s, s.index("▲"), "2021-06-01")
    assert (ref.kind, ref.year, ref.future) == ("vague", None, True)


def test_past_year_depends_on_the_article_date():
    s = "过去一年，全国新增城镇就业▲"
    assert resolve_time(s, s.index("▲"), "2024-01-04").year == 2023
    assert resolve_time(s, s.index("▲"), "2023-12-20").year == 2023
    assert resolve_time(s, s.index("▲"), "2023-06-20").year is None


def test_context_is_used_when_the_sentence_has_no_time():
    context = "2023年1—9月，全国规模以上工业企业实现利润5.5万亿元。"
    ref = resolve_time("其中，制造业实现利润4.1万亿元", 8, "2023-10-27", context=context)
    assert (ref.year, ref.local, ref.as_of) == (2023, False, "2023-09")
    # a date inside a clause of the context ("自2018年起新发布的…") does not govern the next sentence
    context = "主要厂商自2018年起新发布的机型已全面支持新标准。"
    assert resolve_time("三家企业完成了升级", 2, "2021-10-19", context=context).kind == ""


def test_titles_are_not_time_references():
    s = "《数字经济发展规划（2021-2025年）》提出，数字经济核心产业增加值占比达到10%"
    assert [p.relation for p in find_time_phrases(s)] == ["name"]
    assert resolve_time(s, s.index("10%"), "2022-01-12").kind == ""


def test_five_year_plan_name_is_not_a_time():
    assert find_time_phrases("“十四五”规划纲要提出了102项重大工程") == []
    assert [p.start_year for p in find_time_phrases("“十四五”时期")] == [2021]


def test_deadline_relation():
    s = "力争到2027年底，建成▲"
    ref = resolve_time(s, s.index("▲"), "2024-09-01")
    assert ref.relation == "deadline" and ref.as_of == "2027-12-31"


@pytest.mark.parametrize("issued, expected", [
    ("2023-12-22", (2023, 12, 22)), ("2023-12", (2023, 12, None)), ("2023", (2023, None, None)),
    (None, (None, None, None)), ("", (None, None, None)), ("2023-13-40", (2023, None, None)),
    ("2023-02-30", (2023, 2, None)), ("n/a", (None, None, None)),
])
def test_parse_issued(issued, expected):
    assert parse_issued(issued) == expected


_PIECES = st.sampled_from(["2023年", "今年", "去年", "1—11月", "截至", "底", "前三季度", "上半年", "目前", "“十四五”", "时期",
                           "比", "较", "、", "，", "。", "当年", "过去两年", "到", "以来", "《", "》", "12月21日", "9", "月", "年"])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=50), st.lists(_PIECES, max_size=12).map("".join)),
       st.integers(min_value=-5, max_value=80),
       st.one_of(st.none(), st.sampled_from(["2023", "2023-01", "2023-01-02", "2024-12-31", "bad"])),
       st.text(max_size=30))
def test_resolve_time_never_crashes(sentence, before, issued, context):
    ref = resolve_time(sentence, before, issued, context=context)
    assert isinstance(ref, TimeRef)
    assert ref.year is None or 1000 <= ref.year <= 9999
    for p in find_time_phrases(sentence):
        assert sentence[p.start:p.end] == p.text


def test_the_time_a_multiple_is_taken_of_is_a_base():
    s = "去年，全省储能电池能量密度达到2015年技术水平的两倍"
    assert resolve_time(s, s.index("两倍"), "2018-03-06").year == 2017


def test_months_joined_by_a_horizontal_bar_are_one_period():
    s = "1―7月平均，工业生产者购进价格下降▲"
    ref = resolve_time(s, s.index("▲"), "2021-08-10")
    assert (ref.year, ref.kind, ref.period, ref.as_of) == (2021, "period", "1―7月", "2021-07")


def test_a_forecast_word_before_a_year_still_opens_the_clause():
    context = "会议明确了工作任务。预计2024年营业收入完成2.5万亿元。"
    assert resolve_time("其中，快件收入完成1.6万亿元", 8, "2024-01-10", context=context).year == 2024


def test_hounian_across_two_words_is_no_year():
    assert find_time_phrases("项目建成后年产值可达80亿元") == []
    assert find_time_phrases("投产后年均增长12%") == []
    assert [p.offset for p in find_time_phrases("力争后年实现营收100亿元")] == [2]
    assert [p.offset for p in find_time_phrases("比前年增长5%")] == [-2]
