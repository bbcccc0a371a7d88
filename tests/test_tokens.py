"""Token boundaries segmented on demand (kg/extract/tokens.py) and the
pattern helpers of kg/gazetteer.py that replaced per-article regexes."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.tokens import TokenStarts
from kg.gazetteer import alternation, find_words

from .conftest import DEV_TEXTS, SEEDS

EDGE_CASES = [
    "", " ", "  a", "a ", "a  ", "\n\n中国  人民 银行\r\n\r\n 发布 ",
    "工业和信息化部 部长 金壮龙表示，\t\u3000 x  y", " \u3000中", "a b  c   d\n e",
    "《“十四五”规划》（2021—2025年）提出：GDP增长5.2%。", "3.5% and C++ #1 a&b 50_000 x-y",
]


def _jieba():
    from kg.nlp import build_nlp, jieba_cut

    build_nlp()                 # jieba taught the gazetteer's words
    return jieba_cut()


def _texts() -> list[str]:
    from kg.normalize import normalize
    from kg.read import read_corpus

    texts = list(EDGE_CASES)
    for folder in (SEEDS, DEV_TEXTS):
        raws, _ = read_corpus(folder, None)
        texts += [raw.text for raw in raws] + [normalize(raw).text for raw in raws]
    return texts


def test_token_starts_are_spacy_s_over_jieba():
    """The boundaries the rules were written against: spaCy's zh tokenizer over jieba's words."""
    spacy = pytest.importorskip("spacy")
    cut, block = _jieba()
    zh = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for text in _texts():
        expected = {t.idx for t in zh.make_doc(text)}
        starts = TokenStarts(text, cut, block)
        assert {i for i in range(-2, len(text) + 2) if i in starts} == expected, text[:40]


def test_token_starts_cut_only_the_blocks_asked_about():
    cut, block = _jieba()
    cuts = []

    def counting(s):
        cuts.append(s)
        return cut(s)

    text = "国家发展改革委主任郑栅洁表示，今年将推动大规模设备更新。工业和信息化部部长金壮龙出席会议。"
    starts = TokenStarts(text, counting, block)
    assert 0 in starts and "，" not in cuts
    assert cuts == ["国家发展改革委主任郑栅洁表示"]
    assert text.index("，") in starts and len(cuts) == 1     # punctuation: a token, nothing cut
    assert "x" not in starts and len(text) not in starts and -1 not in starts


def test_token_starts_whitespace_as_spacy_aligned_it():
    cut, block = _jieba()
    text = "甲 乙  丙\n\n丁"
    starts = TokenStarts(text, cut, block)
    # 甲 + its trailing space; 乙 + trailing space, then a token of the second space; \n\n one token
    assert [i for i in range(len(text)) if i in starts] == [0, 2, 4, 5, 6, 8]


_WORD = st.text(alphabet="ab中国部门", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=8), st.text(alphabet="ab中国部门 ", max_size=40))
def test_find_words_is_finditer_of_the_alternation(words, text):
    expected = [m.span() for m in re.finditer(alternation(words), text)]
    assert find_words(words, text) == expected


def _flat(words) -> str:
    """The alternation as it was written before the trie."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=10), st.text(alphabet="ab中国部门.", max_size=40))
def test_trie_alternation_matches_as_the_flat_one(words, text):
    """Same matches, also where what follows makes the engine backtrack into shorter words."""
    for template in ("{}", "(?:{})(?!门)", "(?P<x>{})部", "(?:{})(?:{})", "(?:{})$", "(?=(?:{}))"):
        trie = re.compile(template.format(*[alternation(words)] * template.count("{}")))
        flat = re.compile(template.format(*[_flat(words)] * template.count("{}")))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], template


def test_alternation_reads_as_a_trie():
    assert alternation(["工业和信息化部", "工业和信息化厅", "工业"]) == "工业(?:和信息化(?:厅|部))?"
    assert alternation([]) == ""
    assert re.fullmatch(alternation(["a.b", "a+"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")
    with pytest.raises(ValueError):
        alternation(["", "a"])


def test_a_name_jieba_tags_is_read_back_from_the_verb_after_it():
    """persons._tagged_names segments only around each speech verb."""
    from .conftest import analyze_text

    ex = analyze_text("黄信介绍，截至2026年底，全国累计建成数字化车间和智能工厂813.4家，同比增长16.1%。")
    assert [(m.label, m.rule, m.start, m.end) for m in ex.mentions] == [("黄信", "jieba nr", 0, 2)]


def test_the_analysis_is_a_spacy_zh_pipeline_of_blocks_and_rule_components():
    from kg.components import PIPELINE
    from kg.nlp import build_nlp

    nlp = build_nlp()
    assert nlp.lang == "zh" and tuple(nlp.pipe_names) == PIPELINE
    assert PIPELINE[0] == "kg_segmenter"
    text = "工业和信息化部部长金壮龙表示，  GDP增长5.2%。\n\n新华社 记者"
    doc = nlp.make_doc(text)
    assert doc.text == text                                  # the blocks cover the text exactly
    assert [t.text for t in doc][:3] == ["工业和信息化部部长金壮龙表示", "，", "  "]


def test_the_blocks_tokenizer_keeps_one_trailing_space_per_word():
    from kg.nlp import build_nlp

    nlp = build_nlp()
    for text in EDGE_CASES + ["记者 张三 李四", "a  b", " 中 ", "中国 \n 人民"]:
        doc = nlp.make_doc(text)
        assert doc.text == text
        for token in doc:
            assert not token.whitespace_ or (token.whitespace_ == " " and not token.text.isspace())
    doc = nlp.make_doc("记者 张三  李四")
    assert [(t.text, t.whitespace_) for t in doc] == [("记者", " "), ("张三", ""), ("  ", ""), ("李四", "")]


def test_an_article_s_new_words_get_no_lexical_attributes():
    """The rules read none: spaCy works out none for the words an article adds."""
    from kg.nlp import build_nlp

    nlp = build_nlp()
    strings = len(nlp.vocab.strings)
    doc = nlp.make_doc("甲乙丙丁戊己庚辛壬癸测试词")
    assert len(nlp.vocab.strings) == strings + 1 and doc[0].text == "甲乙丙丁戊己庚辛壬癸测试词"
