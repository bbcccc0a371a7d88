"""kg/scan.py: a Scanner finds exactly what ``pattern.finditer`` finds."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.scan import Scanner, first_characters

from .conftest import DEV_TEXTS, SEEDS

PATTERNS = [
    r"(?<![0-9])(?:截至)?(?:\d{4}年|今年|去年)(?:底|末)?",
    r"(?:党的)?(?:十[一二]?|二十)大(?=精神|[^\u4e00-\u9fff])",
    r"(?:^|(?<=[、，]))(?:ab|a)c+",
    r"(?:x|y)?[\d.]+(?:%|万)?",
    r"\s*[●·]|[（(][一二三]{1,3}[)）]",
    r"(?m)^[\s　]*[a-c]{1,2}[：:]",
    r"(?:a|b)*?c",
    r"(?:中共)?(?:[甲乙]省|[\u4e00-\u9fff]{2,3}?市)委(?:员会)?(?![托])",
]
ALPHABET = "abcxy0123.%万年今去底末截至十一二大精神、，：:（）()●·　 \n党的中共甲乙省市委员会托2"


def _spans(matches) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=ALPHABET, max_size=60))
def test_scanner_finds_what_finditer_finds(pattern, text):
    compiled = re.compile(pattern)
    assert _spans(Scanner(compiled).finditer(text)) == _spans(compiled.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([(PATTERNS[-1], "委"), (r"(?<![全各])(?:甲|乙省|市)?(?:[甲乙]{0,2})(?:委员会|局)", "会局")]),
       st.text(alphabet=ALPHABET + "局全各", max_size=80))
def test_anchored_scanner_finds_what_finditer_finds(case, text):
    pattern, anchor = case
    compiled = re.compile(pattern)
    assert _spans(Scanner(compiled, anchor=anchor).finditer(text)) == _spans(compiled.finditer(text))


def test_first_characters():
    assert first_characters(re.compile(r"(?<!a)(?:bc|d)?e")).pattern == "[bde]"
    assert first_characters(re.compile(r"(?:x)?\d")).pattern == r"[\dx]"
    for unknown in (r"a?", r".b", r"[^a]b", r"(a)?(?(1)b|c)", r"(?i)ab"):
        assert first_characters(re.compile(unknown)) is None     # these are scanned as finditer does


def test_anchor_needs_a_bounded_match():
    with pytest.raises(ValueError):
        Scanner(re.compile(r"a+委"), anchor="委")
    with pytest.raises(ValueError):
        Scanner(re.compile(r"委?"), anchor="委")


def test_the_rules_patterns_on_real_texts():
    """Every pattern the rules scan, over the seeds and dev texts and their sentences."""
    from kg.extract import organizations, persons, programmes, relations
    from kg.gazetteer import gazetteer
    from kg.normalize import normalize
    from kg.numbers import _core_scanner
    from kg.read import read_corpus
    from kg.timeexpr import _scanner

    gaz = gazetteer()
    scanners = [_scanner(), _core_scanner(), programmes._CONGRESSES, programmes._event_names_scanner(gaz),
                relations._ANAPHORS, *organizations._scanners(gaz).values(), *persons._scanners(gaz).values()]
    texts = ["中共上海市委、福建省委和池州市委书记出席第十四届夏季达沃斯论坛。省领导张义珍、马欣出席。王戈、张鸣摄",
             "广东省人民政府办公厅、省工业和信息化厅、江苏省发展改革委印发通知，市商务局参加。",
             "工业经济长期向好的趋势不会改变。（王悦阳 张辛欣）\n（周亮）\n"]
    for folder in (SEEDS, DEV_TEXTS):
        raws, _ = read_corpus(folder, None)
        for raw in raws:
            doc = normalize(raw)
            texts += [doc.text, *(s.text for s in doc.sentences)]
    for scanner in scanners:
        found = 0
        for text in texts:
            expected = _spans(scanner.pattern.finditer(text))
            assert _spans(scanner.finditer(text)) == expected, (scanner.pattern.pattern[:40], text[:40])
            found += len(expected)
        assert found, scanner.pattern.pattern[:40]
