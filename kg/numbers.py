"""Numbers as Chinese policy news writes them, in base units and as Decimal.

``parse_number`` reads one numeric expression (328.2万, 23.5万亿, 三十亿, 百分之十,
六成); ``find_quantities`` finds every figure in a sentence with its unit and
comparator (超过8万家, 4.3%以上, 200个左右, 3%—5%) and leaves out what is not a
figure: dates and periods, ordinals, numerals inside names (5G, IPv6, 《…》, short
quoted slogans), enumerations of policy items (12个方面), page numbers, and counts
that only delimit what a figure is about (31个大城市城镇调查失业率为5.0%, 70个大中城市中，…).
Only the magnitude words 万/亿 are folded into the value; physical units stay.
Word lists: ``kg/data/patterns/figures.json`` (section "numbers").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from . import resources
from .scan import Scanner
from .models import Comparator
from .timeexpr import below_hundred, bracket_spans, find_time_phrases

__all__ = ["Quantity", "parse_number", "find_quantities"]


@dataclass(frozen=True)
class Quantity:
    """One figure in a text: ``value`` (and ``high`` for a range) in base units."""

    value: Decimal
    unit: str
    comparator: Comparator | None
    surface: str
    start: int
    end: int
    high: Decimal | None = None


_FOLD = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_SPACE = " \t\u3000"
_CLAUSE_END = "，,；;：:。！？!?）)\n"


@cache
def _data() -> dict:
    return resources.read_json("patterns", "figures.json")["numbers"]


@cache
def _by_length(section: str) -> tuple[str, ...]:
    """The words of a data section, longest first (so 万亿 wins over 万)."""
    return tuple(sorted(_data()[section], key=len, reverse=True))


@cache
def _word_set(section: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """A data section's words, and their lengths longest first."""
    words = frozenset(_data()[section])
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def _prefix_word(rest: str, section: str) -> str | None:
    """The longest word of a data section that ``rest`` starts with (one set lookup per length)."""
    words, lengths = _word_set(section)
    for n in lengths:
        if len(rest) >= n and rest[:n] in words:
            return rest[:n]
    return None


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _core_pattern() -> re.Pattern[str]:
    d = _data()
    return re.compile(
        rf"(?P<pct>百分之(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百点]+))"
        rf"|(?P<frac>(?:\d+|[一二两三四五六七八九十百千万]+)分之(?:\d+|[一二两三四五六七八九十]+))"
        rf"|(?P<word>{_alt(d['words'])})"
        rf"|(?<![A-Za-z0-9.])(?P<ar>\d+(?:,\d{{3}})*(?:\.\d+)?)"
        rf"|(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?)"
    )


@cache
def _core_scanner() -> Scanner:
    return Scanner(_core_pattern())     # an alternation of groups: tried only where a number can start


@cache
def _after_pattern() -> re.Pattern[str]:
    d = _data()
    s = "[ \\t\u3000]*"
    approx = _alt(d["approx_marks"])
    return re.compile(rf"{s}(?P<ap1>{approx})?{s}(?P<mag>{_alt(d['magnitudes'])})?{s}(?P<ap2>{approx})?{s}")


def _clean(d: Decimal) -> Decimal:
    """Plain form without exponent or trailing zeros (3282000, not 3.282E+6 or 3282000.0)."""
    d = d.normalize()
    return Decimal(format(d, "f"))


def _cn_value(s: str) -> Decimal | None:
    """A number written in Chinese numerals (三十亿, 一千二百, 三点五, 二〇二三)."""
    whole, _, frac = s.partition("点")
    try:
        if whole and all(c in "〇零一二三四五六七八九" for c in whole) and len(whole) > 1:
            value = Decimal("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in whole))
        elif (small := below_hundred(whole)) is not None:
            value = Decimal(small)
        else:
            import cn2an     # here: see kg.timeexpr.below_hundred

            value = Decimal(int(cn2an.cn2an(whole, "normal"))) if whole else Decimal(0)
        if frac:
            digits = "".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in frac)
            value += Decimal("0." + digits)
    except (ValueError, KeyError, TypeError, InvalidOperation):
        return None
    return value


def parse_number(s: str) -> Decimal | None:
    """One numeric expression in base units, or None.

    >>> parse_number("328.2万"), parse_number("23.5万亿"), parse_number("三十亿"), parse_number("六成")
    (Decimal('3282000'), Decimal('23500000000000'), Decimal('3000000000'), Decimal('60'))
    """
    if not isinstance(s, str):
        return None
    return _parse_number(s)


@lru_cache(maxsize=8192)
def _parse_number(s: str) -> Decimal | None:
    """:func:`parse_number` of a string (the same few numerals recur: 一, 两, 2023 …)."""
    d = _data()
    s = "".join(ch for ch in s.translate(_FOLD) if ch not in _SPACE).rstrip("%")
    if not s:
        return None
    if s in d["words"]:
        return _clean(Decimal(d["words"][s][0]))
    if s.startswith("百分之"):
        return parse_number(s[3:])
    if "分之" in s:                                          # 三分之一 → 33.33 (per cent)
        den, _, num = s.partition("分之")
        d_den, d_num = parse_number(den), parse_number(num)
        if not d_den or d_num is None:
            return None
        return _clean((d_num * 100 / d_den).quantize(Decimal("0.01")))
    if s.endswith("成") and len(s) > 1:
        inner = parse_number(s[:-1])
        return _clean(inner * 10) if inner is not None and not inner.is_signed() else None
    sign = Decimal(1)
    if s[0] in "-−":
        sign, s = Decimal(-1), s[1:]
    mag = Decimal(1)
    for word in _by_length("magnitudes"):
        stripped = s.rstrip("".join(d["approx_marks"]))
        if stripped.endswith(word) and len(stripped) > len(word) and re.search(r"\d", stripped[: -len(word)]):
            mag, s = Decimal(d["magnitudes"][word]), stripped[: -len(word)]
            break
    s = s.rstrip("".join(d["approx_marks"]))
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", s):
        value: Decimal | None = Decimal(s.replace(",", ""))
    elif s and all(c in _CN_CHARS + "点" for c in s):
        value = _cn_value(s)
    else:
        try:
            import cn2an

            value = Decimal(str(cn2an.cn2an(s, "smart")))
        except (ValueError, KeyError, TypeError, InvalidOperation):
            return None
    return None if value is None else _clean(sign * value * mag)


@dataclass
class _Cand:
    start: int              # first character of the number (after a prefix comparator)
    end: int                # after the unit and any suffix comparator
    value: Decimal
    unit: str
    unit_surface: str
    comparator: Comparator | None
    chinese: bool
    mag: Decimal | None     # the magnitude word's factor (万 → 10000)
    prefix: int             # start of a prefix comparator, else == start


def _masks(text: str) -> list[tuple[int, int]]:
    spans = [(p.start, p.end) for p in find_time_phrases(text)]
    spans += bracket_spans(text)
    for a, b in bracket_spans(text, "“", "”") + bracket_spans(text, "‘", "’") + bracket_spans(text, '"', '"'):
        inner = text[a + 1:b - 1]
        if len(inner) <= 10 and not any(ch in inner for ch in "，。；！？"):
            spans.append((a, b))          # a short quoted slogan or name: “十四五”, “五个着力”
    return spans


def _unit_at(text: str, pos: int) -> tuple[str, str]:
    """(unit, surface) starting at ``pos``, or ("", "")."""
    return _unit_of(text[pos:pos + 8])


@lru_cache(maxsize=8192)
def _unit_of(rest: str) -> tuple[str, str]:
    """(unit, surface) at the start of ``rest``, or ("", "")."""
    d = _data()
    if _prefix_word(rest, "unit_blockers") is not None:
        return ("", "")
    word = _prefix_word(rest, "units")
    if word is not None:
        return (d["units"][word], word)
    for word in _by_length("latin_units"):
        nxt = rest[len(word):len(word) + 1]
        if rest.startswith(word) and not (nxt.isascii() and nxt.isalpha()):
            return (word, word)
    return ("", "")


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _candidate(text: str, m: re.Match[str]) -> _Cand | None:
    d = _data()
    start = m.start()
    group = m.lastgroup
    surface = m.group(0)
    unit_default, comparator = "", None
    if group == "word":
        value_s, unit_default, comp = d["words"][surface]
        value = Decimal(value_s)
        comparator = Comparator(comp) if comp else None
    else:
        value = parse_number(surface)
        if value is None:
            return None
    if group in ("pct", "frac"):
        unit_default = "%"
    after = _after_pattern().match(text, m.end())
    pos = after.end()
    mag = Decimal(d["magnitudes"][after.group("mag")]) if after.group("mag") else None
    if mag is not None:
        value = value * mag
    if after.group("ap1") or after.group("ap2"):
        comparator = Comparator.ABOUT
    unit, unit_surface = ("", "")
    if not unit_default:
        unit, unit_surface = _unit_at(text, pos)
    if unit_surface:
        pos += len(unit_surface)
        if text.startswith("/", pos):                    # 微克/立方米, 元/吨
            per, per_surface = _unit_at(text, pos + 1)
            if per_surface:
                unit, unit_surface = f"{unit}/{per}", f"{unit_surface}/{per_surface}"
                pos += 1 + len(per_surface)
        if unit_surface == "成":
            value *= 10
    else:
        unit = unit_default
        if pos < len(text) and text[pos].isascii() and text[pos].isalpha():
            return None                               # 5G, 10G PON, 3D
    end = pos
    q = _skip(text, pos)
    for word in _by_length("suffix_comparators"):
        if text.startswith(word, q):
            comparator = Comparator(d["suffix_comparators"][word])
            end = q + len(word)
            break
    else:
        if unit and text.startswith(tuple(d["approx_marks"]), q) and unit not in ("%",):
            comparator, end = Comparator.ABOUT, q + 1      # 3倍多
    prefix = start
    head = start                                        # the end of the text before it, spaces left out
    while head > 0 and text[head - 1] in _SPACE:
        head -= 1
    for word in _by_length("prefix_comparators"):
        if text.endswith(word, 0, head) and (word not in d["weak_prefixes"] or head == start):
            comparator = comparator or Comparator(d["prefix_comparators"][word])
            prefix = head - len(word)
            break
    if start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in d["sign_after"]):
        value, prefix = -value, min(prefix, start - 1)          # 增长-3.2%
    return _Cand(start, end, _clean(value), unit, unit_surface or unit_default, comparator,
                 group == "cn", mag, prefix)


_CLAUSE_MARKS = "，,。；;：:！？!?"
_NOUN_THEN_FIGURE = re.compile(rf"[^{_CLAUSE_MARKS}\d]{{2,}}\d")       # 的用户总数达17…: what is counted, then its figure


def _rejected(text: str, c: _Cand) -> bool:
    d = _data()
    head = text[:c.prefix].rstrip(_SPACE)
    if head.endswith(tuple(d["ordinal_prefixes"])) and not head.endswith(tuple(d["ordinal_exceptions"])):
        return True                                   # 第3批, 全球前10
    if head.endswith(("-", "−", "/", ".", ":", "：")) and head[-2:-1].isdigit():
        return True                                   # 11-0005, 13:26
    if re.match(r"[:：]\d", text[c.end:]):
        return True                                   # (10.3):37.4:52.3, a ratio's term; (13):26
    if c.chinese and (c.value in (0, 1) or (c.value <= d["cn_small_max"] and c.unit_surface in d["cn_small_units"])):
        return True                                   # 一批, 两个市场, 五个着力
    tail = text[_skip(text, c.end):]
    clause = head[max(head.rfind(mark) for mark in _CLAUSE_MARKS) + 1:]     # the clause up to the number
    if c.chinese and c.value <= d["cn_small_max"] and c.unit and c.unit != "%" \
            and not clause.strip(_SPACE) and _NOUN_THEN_FIGURE.match(tail):
        return True                                   # 三家基础电信企业的用户总数达17亿户: who is counted, not a figure
    if c.unit and c.unit != "%" and c.comparator is None and c.value == len(re.split(r"[、和及与]", clause)) > 1 \
            and _NOUN_THEN_FIGURE.match(tail):
        return True                                   # 广东、江苏、浙江3个大省合计进出口5万亿元: the list counted
    if c.unit and tail.startswith(tuple(d["non_figure_heads"])):
        return True                                   # 12个方面, 15条政策措施
    if c.unit and re.match(d["non_figure_tail_pattern"], tail):
        return True                                   # 守住18亿亩耕地红线
    if c.unit and c.unit != "%":
        noun = re.match(r"[^，,。；;：:！？!?\d]*(?=\d)", tail)
        if noun and any(h in noun.group(0) for h in d["rate_heads"]):
            return True                               # 31个大城市城镇调查失业率为5.0%
        if noun and c.unit in d["threshold_count_units"] \
                and re.search(r"[\u4e00-\u9fff]{2,}(?:" + _alt(d["scope_change_verbs"]) + r")$", noun.group(0)):
            return True                               # 5000家重点零售企业销售额同比增长3.3%: who the change is of
        if (c.comparator in (Comparator.AT_LEAST, Comparator.AT_MOST) and c.unit not in d["share_units"]
                and re.match(r"的[^，,。；;：:！？!?\d]*\d", tail)):
            return True                               # 营业收入10亿元以上的企业有200家: a threshold, not a figure
        bounded = re.match(r"([\u4e00-\u9fff“”]{1,8}?)[\d.]+\s*(?:万|亿)?\s*(" + _alt(d["threshold_count_units"]) + ")", tail)
        ranged = any(m in text[c.start + 1:c.end] for m in d["range_marks"])     # 5亿吨-10亿吨省份1个: a band
        if ((c.comparator in (Comparator.AT_LEAST, Comparator.AT_MOST) or ranged) and c.unit not in d["share_units"]
                and bounded and not any(w in bounded.group(1) for w in d["threshold_noun_breaks"])):
            return True                               # 年业务量超千万件金牌项目117个: the bound names the projects
        head_clause = re.split(r"[，,。；;：:！？!?]", head)[-1].strip(_SPACE)
        if re.fullmatch(d["set_head_pattern"], head_clause) and re.match(r"[^，,。；;：:！？!?\d]{1,12}中(?:[，,]|有)", tail):
            return True                               # (在)70个大中城市中，… / 41个大类行业中有26个: the set the figures are taken from
    run = re.split(r"[，,。；;：:！？!?、（(]", tail, maxsplit=1)[0][: d["name_head_window"]]
    if c.unit and any(h in run for h in d["name_heads"]):
        return True                                   # 10个稳增长工作方案
    if c.unit_surface in d["duration_units"]:
        clause = re.split(r"[，,。；;：:！？!?]", text[:c.prefix])[-1]
        for word in d["duration_cue_exceptions"]:
            clause = clause.replace(word, "")        # 增加值 is no 增加
        bounded = c.comparator in (Comparator.AT_MOST, Comparator.AT_LEAST)
        if not bounded and c.mag is None and not any(cue in clause for cue in d["duration_cues"]):
            return True                               # 三年疫情防控 (but 连续14年, 6个工作日以内, 932.16万小时)
    return False


def _bare_ok(text: str, c: _Cand) -> bool:
    """A number with no unit counts only as 'X为49.5' closing a clause, or as a magnitude
    written right after the noun it counts (国内旅游总人次14.55亿，…)."""
    if c.chinese:
        return False
    nxt = _skip(text, c.end)
    if nxt < len(text) and text[nxt] not in _CLAUSE_END and not (text[nxt] == "、" and c.mag is not None):
        return False                                  # (全省工业增加值达1.38万亿、居全国第11位: a magnitude ends it)
    head = text[:c.prefix].rstrip(_SPACE)
    if c.mag is not None and re.search(r"(?:[\u4e00-\u9fff]|[万亿]、)$", head) and nxt < len(text) \
            and text[nxt] in "，,；;。、":
        return True                                   # 国内旅游总人次14.55亿，… / 进出口5.51万亿、4.67万亿，…
    return head.endswith(tuple(_data()["bare_number_heads"]))


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` (usually one sentence), left to right."""
    if not isinstance(text, str) or not text:
        return []
    t = text.translate(_FOLD)
    matches = list(_core_scanner().finditer(t))
    if not matches:
        return []
    masks = _masks(t)
    cands: list[_Cand] = []
    for m in matches:
        if cands and m.start() < cands[-1].end or any(a <= m.start() < b for a, b in masks):
            continue
        c = _candidate(t, m)
        if c is not None:
            cands.append(c)
    d = _data()
    # a list of three or more written with the unit once, at its end (6360.6亿、6211.9亿、2004.4亿元):
    # the unit goes back along the list, each keeping its own magnitude
    for c, nxt in reversed(list(zip(cands, cands[1:]))):
        if not c.unit and c.mag is not None and nxt.unit and nxt.mag is not None and \
                t[c.end:nxt.prefix].strip(_SPACE) in d["list_marks"]:
            c.unit, c.unit_surface = nxt.unit, nxt.unit_surface
        elif c.unit_surface and nxt.unit_surface != c.unit_surface and nxt.unit_surface.startswith(c.unit_surface) \
                and t[c.end:nxt.prefix].strip(_SPACE) in d["list_marks"]:
            c.unit, c.unit_surface = nxt.unit, nxt.unit_surface     # 7.9个、3.4个和1.7个百分点: all three
    # a list of bare numbers with the unit written once after the last (4.8、4.4、4.6和5.4个百分点): the
    # unit goes back along the list (the last pair is joined below)
    for k, c in enumerate(cands):
        j = k + 1
        while j < len(cands) and not cands[j].unit and not cands[j].chinese \
                and t[cands[j - 1].end:cands[j].prefix].strip(_SPACE) in d["list_marks"]:
            j += 1
        if c.unit or c.mag is not None or c.chinese or j == k + 1 or j >= len(cands) or cands[j].chinese \
                or t[cands[j - 1].end:cands[j].prefix].strip(_SPACE) not in d["list_marks"]:
            continue
        last = cands[j]
        c.unit, c.unit_surface = last.unit, last.unit_surface
        if last.mag is not None:
            c.value, c.mag = _clean(c.value * last.mag), last.mag
        if last.unit_surface == "成":
            c.value = _clean(c.value * 10)
    # ranges (3%—5%, 6%-6.5%) and lists that share a unit (1个、0.2个百分点, 3、5万家)
    pairs: list[tuple[_Cand, _Cand | None]] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        gap = t[c.end:nxt.prefix].strip(_SPACE) if nxt else None
        if nxt is not None and (not c.unit or nxt.unit_surface.startswith(c.unit_surface)):
            if gap in d["range_marks"] or (gap in d["list_marks"] and c.unit_surface != nxt.unit_surface):
                if not c.unit:                        # 3—5万家, 六至七成: the unit and magnitude are written once
                    if c.mag is None and nxt.mag is not None:
                        c.value, c.mag = _clean(c.value * nxt.mag), nxt.mag
                    if nxt.unit_surface == "成":
                        c.value = _clean(c.value * 10)
                c.unit, c.unit_surface = nxt.unit, nxt.unit_surface
            if gap in d["range_marks"]:
                pairs.append((c, nxt))
                i += 2
                continue
        pairs.append((c, None))
        i += 1
    result = []
    for c, hi in pairs:
        whole = c if hi is None else replace(c, end=hi.end, unit_surface=hi.unit_surface,
                                              comparator=hi.comparator or c.comparator)
        if _rejected(t, whole) or (not whole.unit and not _bare_ok(t, whole)):
            continue
        result.append(Quantity(c.value, c.unit, whole.comparator, text[c.prefix:whole.end], c.prefix, whole.end,
                               hi.value if hi is not None else None))
    return result
