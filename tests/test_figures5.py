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
