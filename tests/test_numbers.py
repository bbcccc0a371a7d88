"""kg.numbers: numbers in base units, and which numbers in a sentence are figures."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Comparator
from kg.numbers import Quantity, find_quantities, parse_number

D = Decimal
AT_LEAST, AT_MOST, ABOUT = Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.ABOUT

# fmt: off
PARSE = [
    ("12.7万", D("127000")),
    ("3.05亿", D("305000000")),
    ("1.8万亿", D("1800000000000")),
    ("2,481.6", D("2481.6")),
    ("四千", D("4000")),
    ("五十亿", D("5000000000")),
    ("两百", D("200")),
    ("一千二百三十万", D("12300000")),
    ("零点八", D("0.8")),
    ("百分之十五", D("15")),
    ("七成", D("70")),
    ("三分之一", D("33.33")),
    ("680余万", D("6800000")),
    ("-1.6", D("-1.6")),
    ("４５.６万", D("456000")),           # full-width digits
    ("万", None),
    ("abc", None),
    ("", None),
]

# (sentence, [(value, unit, comparator, high)])
FIGURES = [
    ("全国铁路完成旅客发送量38.5亿人次", [(D("3850000000"), "人次", None, None)]),
    ("新能源汽车产销分别完成958.7万辆和949.5万辆", [(D("9587000"), "辆", None, None), (D("9495000"), "辆", None, None)]),
    ("全年新增减税降费超过2.2万亿元", [(D("2200000000000"), "元", AT_LEAST, None)]),
    ("实际使用外资约1.1万亿元人民币", [(D("1100000000000"), "元", ABOUT, None)]),
    ("对东盟出口机电产品3.5亿美元以上", [(D("350000000"), "美元", AT_LEAST, None)]),
    ("带动近千家配套企业落户", [(D("1000"), "家", ABOUT, None)]),
    ("企业开办时间压缩至5个工作日以内", [(D("5"), "个工作日", AT_MOST, None)]),
    ("居民消费价格涨幅3%左右", [(D("3"), "%", ABOUT, None)]),
    ("年均增长6%—7%", [(D("6"), "%", None, D("7"))]),
    ("经济增速目标定为5%-5.5%", [(D("5"), "%", None, D("5.5"))]),
    ("新增就业3—5万人", [(D("30000"), "人", None, D("50000"))]),
    ("风电装机容量达4.4亿千瓦", [(D("440000000"), "千瓦", None, None)]),
    ("单台机组容量18兆瓦", [(D("18"), "兆瓦", None, None)]),
    ("约三分之一的企业扩大了投资", [(D("33.33"), "%", ABOUT, None)]),
    ("一半以上的省份出台了配套政策", [(D("50"), "%", AT_LEAST, None)]),
    ("七成以上受访企业表示订单增加", [(D("70"), "%", AT_LEAST, None)]),
    ("四家国有大型商业银行", [(D("4"), "家", None, None)]),
    ("居民人均可支配收入39218元", [(D("39218"), "元", None, None)]),
    ("城镇调查失业率较上月下降0.2个百分点", [(D("0.2"), "百分点", None, None)]),
    ("出口、进口增速分别回落2个、0.5个百分点", [(D("2"), "百分点", None, None), (D("0.5"), "百分点", None, None)]),
    ("连续5年位居全球首位", [(D("5"), "年", None, None)]),
    ("开行国际货运航班6.2万班", [(D("62000"), "班", None, None)]),
    ("全省火电设备利用小时4012小时", [(D("4012"), "小时", None, None)]),
    ("全厂共有12班组轮换作业", []),
    ("连续8个月保持增长", [(D("8"), "个月", None, None)]),
    ("细颗粒物平均浓度为29微克/立方米", [(D("29"), "微克/立方米", None, None)]),
    ("覆盖1.2亿户家庭", [(D("120000000"), "户", None, None)]),
    ("工业生产者出厂价格同比下降-2.8%", [(D("-2.8"), "%", None, None)]),
    ("制造业PMI为50.8。", [(D("50.8"), "", None, None)]),
    ("累计服务企业2300多家", [(D("2300"), "家", ABOUT, None)]),
    ("培育专精特新企业1.2万余家", [(D("12000"), "家", ABOUT, None)]),
    ("新建5G基站60万个", [(D("600000"), "个", None, None)]),
    ("一年期贷款市场报价利率累计下调35个基点", [(D("35"), "基点", None, None)]),
    ("存款准备金率下调50基点", [(D("50"), "基点", None, None)]),
    ("单位产品综合能耗降至480千克标准煤", [(D("480"), "千克标准煤", None, None)]),
    ("全年节约能源1.2亿吨标准煤", [(D("120000000"), "吨标准煤", None, None)]),
    ("智能算力规模达到120EFLOPS", [(D("120"), "EFLOPS", None, None)]),
    ("数据产量达到41.06泽字节", [(D("41.06"), "泽字节", None, None)]),
    # a count that only delimits a rate is not a figure, the rate is
    ("36个重点城市平均房价收入比为9.8", [(D("9.8"), "", None, None)]),
    ("全国100个城市细颗粒物平均浓度为28微克/立方米", [(D("28"), "微克/立方米", None, None)]),
    ("50个样本城市新建商品住宅价格同比下降5.9%", [(D("5.9"), "%", None, None)]),
    ("新增5个国家级平台，覆盖率达到90%", [(D("5"), "个", None, None), (D("90"), "%", None, None)]),
    # a bound inside a noun phrase is a threshold, not a figure; a share stays one
    ("主营业务收入2000万元以上的工业企业有5.2万家", [(D("52000"), "家", None, None)]),
    ("超过七成的受访企业中，有300家计划扩大投资", [(D("70"), "%", AT_LEAST, None), (D("300"), "家", None, None)]),    # compound units of transport output, and a duration counted in tens of thousands
    ("全年完成货物周转量120.5亿吨公里，旅客周转量36.2亿人公里", [(D("12050000000"), "吨公里", None, None),
                                                  (D("3620000000"), "人公里", None, None)]),
    ("航空公司完成起飞架次12.4万架次", [(D("124000"), "架次", None, None)]),
    ("机队完成运输飞行小时86.3万小时", [(D("863000"), "小时", None, None)]),
    # a magnitude right after the noun it counts, with no unit word
    ("全省接待游客总人次3.2亿，比上年增长9.1%", [(D("320000000"), "", None, None), (D("9.1"), "%", None, None)]),
    # a small count in words opening the clause says who is counted
    ("四家国有大行的贷款余额达12.5万亿元", [(D("12500000000000"), "元", None, None)]),
    ("对两国分别出口1.26万亿、0.87万亿，", [(D("1260000000000"), "", None, None), (D("870000000000"), "", None, None)]),
    # a count of the places just listed says what is summed, not a figure; one that is not the list's stays
    ("甲省、乙省、丙省3个大省合计出口2.1万亿元", [(D("2100000000000"), "元", None, None)]),
    ("甲线、乙线2条高铁建成通车，", [(D("2"), "条", None, None)]),
    # a bound followed at once by a noun and a count is part of what is counted
    ("全市营收超百亿元企业达到35家", [(D("35"), "家", None, None)]),
    ("10月份，41个大类行业中有26个行业增加值保持同比增长", [(D("26"), "个", None, None)]),
    ("年业务量超千万件金牌项目117个", [(D("117"), "个", None, None)]),
    ("超过1000家企业参与，签约金额500亿元", [(D("1000"), "家", AT_LEAST, None), (D("50000000000"), "元", None, None)]),
    ("增速分别提高6.2个、2.1个和0.8个百分点", [(D("6.2"), "百分点", None, None), (D("2.1"), "百分点", None, None),
                                         (D("0.8"), "百分点", None, None)]),
]

NOT_FIGURES = [
    "2024年3月5日，第十四届全国人民代表大会第二次会议在京开幕",
    "一是稳住工业基本盘，二是扩大有效需求",
    "启动第二批试点，公布首批名单",
    "坚决落实“两个确保”和“四个不摊派”",
    "印发《2030年前碳达峰行动方案》",
    "4G网络、5G-A、IPv6和C919都取得新突破",
    "打好三大攻坚战，抓好十个方面工作",
    "用好国内国际两个市场、两种资源，推出一批项目",
    "人民日报（2024年3月6日 第1版）",
    "国发〔2024〕7号",
    "1—2月份，前三季度，9月份",
    "高技术制造业投资保持两位数增长",
    "庆祝中华人民共和国成立75周年",
    "三年疫情防控取得重大胜利",
    "出台15条政策措施，聚焦4个方面",
    "零部件、元器件供给水平提升",
    "邮发代号：1-29",
    "在40个重点城市中，房价出现回落",               # the set the figures are taken from
]
# fmt: on


@pytest.mark.parametrize("text, expected", PARSE)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text, expected", FIGURES)
def test_find_quantities(text, expected):
    got = [(q.value, q.unit, q.comparator, q.high) for q in find_quantities(text)]
    assert got == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert find_quantities(text) == []


def test_offsets_and_surface():
    text = "截至11月底，全国充电桩总量达到1024.3万台，同比增长超过五成。"
    qs = find_quantities(text)
    assert [q.surface for q in qs] == ["1024.3万台", "超过五成"]
    for q in qs:
        assert text[q.start:q.end] == q.surface
    assert qs[1].value == 50 and qs[1].unit == "%" and qs[1].comparator is AT_LEAST


def test_values_are_plain_decimals():
    q = find_quantities("营业收入328.20万亿元")[0]
    assert isinstance(q.value, Decimal)
    assert str(q.value) == "328200000000000"      # no exponent, no trailing zeros


MAGNITUDES = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False),
       st.sampled_from(sorted(MAGNITUDES)))
def test_parse_number_round_trip(d, suffix):
    text = format(d, "f") + suffix
    assert parse_number(text) == d * MAGNITUDES[suffix]


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万个", "亿元", "万亿元", "家", "%", "万辆"]))
def test_find_quantities_finds_written_figure(d, unit):
    text = f"全国企业数量达到{format(d, 'f')}{unit}。"
    qs = find_quantities(text)
    assert len(qs) == 1
    factor = {"万个": 10**4, "亿元": 10**8, "万亿元": 10**12, "万辆": 10**4}.get(unit, 1)
    assert qs[0].value == d * factor


_ALPHABET = st.sampled_from(list("0123456789.,%-—～至、和第年月日号个家万亿元成半近约超以上下内左右“”《》，。一二两三十百千零") + ["分之", "百分之", " "])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_ALPHABET, max_size=40).map("".join)))
def test_find_quantities_never_crashes(text):
    for q in find_quantities(text):
        assert isinstance(q, Quantity)
        assert isinstance(q.value, Decimal)
        assert q.high is None or isinstance(q.high, Decimal)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.surface


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=30), st.lists(_ALPHABET, max_size=20).map("".join)))
def test_parse_number_never_crashes(text):
    value = parse_number(text)
    assert value is None or isinstance(value, Decimal)


def test_numerals_below_a_hundred_are_read_as_cn2an_reads_them():
    """kg.numbers and kg.timeexpr read them without importing cn2an."""
    import itertools

    import cn2an

    from kg.timeexpr import below_hundred

    chars = "零〇一二两三四五六七八九十百"
    read = 0
    for n in (1, 2, 3):
        for s in map("".join, itertools.product(chars, repeat=n)):
            value = below_hundred(s)
            if value is not None:
                assert value == cn2an.cn2an(s, "normal"), s
                read += 1
    assert read == 12 + 1 + 10 + 10 + 100        # 三 (两, 零), 十, 十六, 二十 (一十), 四十二


def test_超千_and_超百_before_a_magnitude():
    from kg.numbers import find_quantities
    (q,) = find_quantities("该区每年投资超千亿元。")
    assert (q.value, q.unit, q.comparator.value) == (Decimal("100000000000"), "元", "AtLeast")
    (q,) = find_quantities("年营收过百亿元。")
    assert q.value == Decimal("10000000000")


def test_a_list_of_three_with_the_unit_written_once_at_its_end():
    from kg.numbers import find_quantities
    qs = find_quantities("三类产品分别出口5120.3亿、3310.8亿、1204.5亿元。")
    assert [(q.value, q.unit) for q in qs] == [
        (Decimal("512030000000"), "元"), (Decimal("331080000000"), "元"), (Decimal("120450000000"), "元")]


def test_a_bare_magnitude_before_a_list_mark():
    from kg.numbers import find_quantities
    (q,) = find_quantities("全省工业增加值达2.15万亿、居全国第8位。")
    assert (q.value, q.unit) == (Decimal("2150000000000"), "")
    assert not find_quantities("编号为10、11的两个项目。")
