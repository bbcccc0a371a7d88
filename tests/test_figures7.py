"""kg.numbers and kg.extract.figures, sixth round on real articles: statistics and targets (passages written for the tests)."""
from __future__ import annotations

from decimal import Decimal

from kg.extract.figures import extract_figures

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
