"""Indicators that line up across articles.

Articles name one measure in many ways: 累计建成5G基站, 我国5G基站总数 and
建成开通5G基站 all count 5G base stations. :func:`indicator_key` reduces a label
to what distinguishes the measure, so that the graph makes one ``kgo:Indicator``
per key; :func:`choose_labels` picks its prefLabel and altLabels.

The key drops only wording that does not change what is counted: a leading time
phrase (2023年, 截至11月底, 今年上半年 — the figure's year and period carry it), the
whole-country scope (我国, 全国), stock wording (累计, 已, 建成, 开通; 培育/建设
only after 累计 or 已, since a bare 培育100家 may count new ones) and a count said as
a count (总数, 数量, 数 — not 指数 or 人数). Everything else stays, so 国家级 and
省级 centres, 工业增加值 and 利润, 新增 and total base stations, 增加值 and its
同比增长 keep apart: a wrong merge is worse than a missed one. The rules are data:
``kg/data/patterns/indicators.json`` (section "key").

    >>> indicator_key("累计建成5G基站") == indicator_key("我国5G基站总数") == "5G基站"
    True
    >>> indicator_key("国家级制造业创新中心") == indicator_key("省级制造业创新中心")
    False
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache

from . import resources
from .extract.context import clean_name
from .timeexpr import find_time_phrases

__all__ = ["indicator_key", "choose_labels"]


@cache
def _rules() -> dict:
    return resources.read_json("patterns", "indicators.json")["key"]


def _longest_first(words) -> list[str]:
    return sorted(words, key=len, reverse=True)


def _prefix(s: str, words, blockers) -> str | None:
    """The word of ``words`` that opens ``s``, unless ``s`` goes on into a blocker."""
    for w in _longest_first(words):
        if s.startswith(w) and len(s) > len(w):
            if any(s.startswith(b) for b in blockers if b.startswith(w)):
                return None
            return w
    return None


def _leading_time(s: str) -> int:
    """Length of a time phrase that opens ``s`` (0 if none); comparison bases stay (比2022年底)."""
    for p in find_time_phrases(s):
        if p.start == 0 and p.relation not in ("base", "name") and p.end < len(s):
            return p.end
    return 0


def _strip_front(s: str) -> str:
    r = _rules()
    cumulative = False
    while True:
        for old, new in r["prefix_replacements"].items():
            if s.startswith(old):
                s = new + s[len(old):]
        n = _leading_time(s)
        if n:
            s = s[n:]
            continue
        steps = [(r["scope_prefixes"], False), (r["cumulative_prefixes"], True), (r["built_verbs"], False)]
        if cumulative:
            steps.append((r["stock_verbs"], False))
        steps.append((r["joiners"], False))
        for words, marks_stock in steps:
            w = _prefix(s, words, r["prefix_blockers"])
            if w:
                s, cumulative = s[len(w):], cumulative or marks_stock
                break
        else:
            return s


def _measure_split(s: str) -> int:
    """Where what is said of the measure begins (新注册企业数|同比增长), else len(s)."""
    r = _rules()
    blocked = set()
    for b in r["measure_mark_blockers"]:
        i = s.find(b)
        while i >= 0:
            blocked.update(range(i, i + len(b)))
            i = s.find(b, i + 1)
    for i in range(1, len(s)):
        if i not in blocked and s.startswith(tuple(r["measure_marks"]), i):
            return i
    return len(s)


def _strip_count(head: str) -> str:
    r = _rules()
    for suffix in _longest_first(r["count_suffixes"]):
        if head.endswith(suffix) and len(head) - len(suffix) >= 2:
            if any(head.endswith(b) for b in r["count_suffix_blockers"] if b.endswith(suffix) and b != suffix):
                return head
            head = head[: -len(suffix)]
            for j in _longest_first(r["joiners"]):
                if head.endswith(j) and len(head) - len(j) >= 2:
                    head = head[: -len(j)]
            return head
    return head


@lru_cache(maxsize=8192)
def indicator_key(label: str) -> str:
    """What ``label`` measures, normalized: equal keys mean one indicator.

    Never empty for a non-empty label (a label that is all stock wording keeps its
    own form).
    """
    r = _rules()
    s = unicodedata.normalize("NFKC", clean_name(label)).upper()
    for old, new in {**r["replacements"], **r["phrase_replacements"]}.items():
        s = s.replace(old, new)
    base = s
    s = _strip_front(s)
    if s.startswith(tuple(r["subjectless_starts"])):
        s = base                      # 当年实际增长: what was stripped was all that told it apart
    cut = _measure_split(s)
    key = _strip_count(s[:cut]) + s[cut:]
    return key or base or unicodedata.normalize("NFKC", label).strip()   # a label of only quotes keeps its form


def choose_labels(counts: Mapping[str, int]) -> tuple[str, list[str]]:
    """(prefLabel, altLabels) of one indicator from how often each label was used:
    the most frequent, then one that does not open with a time phrase (9月…
    names one month of a series), then the shortest, then code-point order."""
    if not counts:
        raise ValueError("an indicator needs at least one label")
    ranked = sorted(counts, key=lambda lab: (-counts[lab], _leading_time(lab) > 0, len(lab), lab))
    return ranked[0], sorted(ranked[1:])
