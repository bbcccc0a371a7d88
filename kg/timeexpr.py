"""Time phrases in Chinese policy news, and the year a figure refers to.

``find_time_phrases`` finds every date, period and relative year in a text
(2023年, 2022 年 1 至 11 月, 前三季度, 截至9月底, 今年, “十四五”时期, 目前,
过去两年 …); ``resolve_time`` picks the phrase that governs a figure and turns it
into a :class:`TimeRef` against the article's date. Relative phrases need the
article date: without it their year stays ``None`` (never a guess).
The word lists live in ``kg/data/patterns/figures.json`` (section "time").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import resources
from .scan import Scanner

__all__ = ["TimeRef", "TimePhrase", "find_time_phrases", "resolve_time", "parse_issued", "bracket_spans",
           "below_hundred"]


@dataclass(frozen=True)
class TimeRef:
    """The time a figure refers to.

    ``kind`` is "point", "period", "span", "current", "pastyear", "vague", "since" or "" (no
    phrase found); ``relation`` is "", "asof" (截至…), "deadline" (到…, …前) or
    "since" (…以来); ``local`` is True when the phrase stands in the sentence
    itself rather than in the preceding context.
    """

    year: int | None
    as_of: str | None
    period: str
    explicit: bool
    future: bool
    kind: str = ""
    relation: str = ""
    start_year: int | None = None
    local: bool = False
    ahead: bool = False          # a period of no written year ending after the article's month, read as last year's
    #                              (1—11月 said in January); a target of it is this year's (下半年力争…, said in June)


@dataclass(frozen=True)
class TimePhrase:
    start: int
    end: int
    text: str
    kind: str                    # point, period, span, current, vague, since
    relation: str                # "", asof, deadline, since, base (比2022年底, 去年同期, inside 扣除…后), name (inside 《》)
    year: int | None = None      # a written year
    offset: int | None = None    # a relative year (今年 0, 去年 -1)
    anaphoric: bool = False      # 当年, 同年: relative to the last year named
    first_month: int | None = None
    last_month: int | None = None
    day: int | None = None
    month_end: bool = False      # 底/末: the last day of the period
    start_year: int | None = None


_S = r"[ \t\u3000]*"
_Y4 = r"(?:19|20)\d{2}"
_CNY = r"[〇零一二三四五六七八九]{4}"
_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DASH = r"[—–―‐－\-~～至到]"     # — – ― ‐ －: the dashes typeset between months (1―8月)
_SPACE_CHARS = " \t\u3000"
_ALTERNATIVES = ("iso", "span", "five", "pastyear", "vague", "current", "yearish", "period", "month")
_CLAUSE_MARKS = "，,；;：:。！？!?\n"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _data() -> dict:
    return resources.read_json("patterns", "figures.json")["time"]


@cache
def _pattern() -> re.Pattern[str]:
    d = _data()
    mrange = rf"{_MON}{_S}(?:月{_S})?{_DASH}{_S}{_MON}{_S}月(?:份)?(?:{_S}[底末])?"
    msingle = rf"{_MON}{_S}月(?:份)?(?:{_S}{_DAY}{_S}[日号])?(?:{_S}(?:底|末|初|上旬|中旬|下旬))?"
    period = rf"(?:{_alt(d['periods'])}|前{_S}(?:\d+|[一二两三四五六七八九十]+){_S}个月)"
    year = rf"(?:{_Y4}|{_CNY}){_S}年(?:度)?"
    rel = _alt(list(d["relative_years"]) + list(d["anaphoric_years"]))
    yearish = rf"(?:{year}|{rel})(?:{_S}(?:{mrange}|{msingle}|{period}|[底末初](?![期中级])))?"
    num = r"(?:\d+|[一二两三四五六七八九十]+)"
    vague = (rf"(?:{_alt(d['vague_words'])}|(?:{_alt(d['vague_prefixes'])}){_S}{num}{_S}(?:个)?年(?:来|间|中)?"
             rf"|{num}{_S}年来|{num}{_S}(?:个)?年(?:之内|内))")
    five = rf"[“\"]?(?:{_alt(d['five_year_plans'])})[”\"]?{_S}(?:{_alt(d['five_year_suffixes'])})"
    alts = [                                  # tried in this order at each position: see _ALTERNATIVES
        ("iso", rf"{_Y4}[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])(?!\d)"),
        ("span", rf"{_Y4}{_S}年?{_S}{_DASH}{_S}{_Y4}{_S}年(?:度)?"),
        ("five", five),
        ("pastyear", _alt(d["past_year_words"])),
        ("vague", vague),
        ("current", _alt(d["current_words"])),
        ("yearish", yearish),
        ("period", period),
        ("month", rf"(?:{mrange}|{msingle})"),
    ]
    pre = _alt(d["asof_prefixes"] + d["deadline_prefixes"])
    suf = _alt(d["since_suffixes"] + d["deadline_suffixes"])
    body = "|".join(f"(?P<{name}>{rx})" for name, rx in alts)
    not_a_period = r"(?![三两]个?季度|\d|[一二三四五六七八九十])"     # 2023年前三季度: 前 starts a period there
    return re.compile(rf"(?<![0-9])(?P<pre>(?:{pre}){_S})?(?:{body})(?P<suf>{_S}(?:{suf}){not_a_period})?")


@cache
def _scanner() -> Scanner:
    return Scanner(_pattern())      # the pattern opens with a lookbehind: tried only where a phrase can start


def bracket_spans(text: str, opening: str = "《", closing: str = "》") -> list[tuple[int, int]]:
    """Spans of text inside paired marks (book titles by default), outermost only."""
    spans, depth, begin = [], 0, 0
    if opening not in text:
        return spans
    marks = f"[{re.escape(opening)}{re.escape(closing)}]" if opening != closing else re.escape(opening)
    for m in re.finditer(marks, text):
        i, ch = m.start(), m.group(0)
        if ch == opening and (opening != closing or depth == 0):
            if depth == 0:
                begin = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((begin, i + 1))
    return spans


_UNITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def below_hundred(s: str) -> int | None:
    """三, 十, 十六, 二十, 四十二 read as cn2an reads them, without it (importing it takes
    a fifth of a second; most articles write no larger numeral); None for any other form."""
    if s in _UNITS:
        return _UNITS[s]
    if s in ("零", "〇"):
        return 0
    tens, ten, ones = s.partition("十")
    if not ten or len(tens) > 1 or len(ones) > 1 or (tens and tens not in _UNITS) or (ones and ones not in _UNITS):
        return None
    return _UNITS.get(tens, 1) * 10 + _UNITS.get(ones, 0)


def _cn_int(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    try:
        if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
            return int("".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in s))
        if (small := below_hundred(s)) is not None:
            return small
        import cn2an     # here: see below_hundred

        return int(cn2an.cn2an(s, "normal"))
    except (ValueError, KeyError, TypeError):
        return None


@cache
def _periods_longest_first() -> tuple[tuple[str, tuple[int, int]], ...]:
    return tuple(sorted(_data()["periods"].items(), key=lambda kv: -len(kv[0])))


@cache
def _relative_words() -> tuple[dict[str, int], tuple[str, ...]]:
    """Relative and anaphoric year words → their offset, and the words longest first."""
    d = _data()
    relative = {**d["relative_years"], **d["anaphoric_years"]}
    return relative, tuple(sorted(relative, key=len, reverse=True))


_FIRST_MONTHS = re.compile(rf"前{_S}(\d+|[一二两三四五六七八九十]+){_S}个月")
_MONTH_RANGE = re.compile(rf"({_MON}){_S}(?:月{_S})?{_DASH}{_S}({_MON}){_S}月")
_MONTH_DAY = re.compile(rf"({_MON}){_S}月(?:份)?(?:{_S}({_DAY}){_S}[日号])?")
_YEAR = re.compile(rf"({_Y4}|{_CNY}){_S}年")


def _months(text: str) -> tuple[int | None, int | None, int | None, bool]:
    """(first month, last month, day, month_end) written in a phrase."""
    for word, (first, last) in _periods_longest_first():
        if word in text:
            end = word in ("年底", "年末")
            return (first or None, last or None, None, end)
    m = _FIRST_MONTHS.search(text)
    if m:
        n = _cn_int(m.group(1))
        return (1, n, None, False) if n and 1 <= n <= 12 else (None, None, None, False)
    m = _MONTH_RANGE.search(text)
    if m:
        return (_cn_int(m.group(1)), _cn_int(m.group(2)), None, bool(re.search(r"月\s*[底末]", text)))
    m = _MONTH_DAY.search(text)
    if m:
        month = _cn_int(m.group(1))
        day = int(m.group(2)) if m.group(2) else None
        return (month, month, day, bool(re.search(r"月(?:份)?\s*[底末]", text)))
    if re.search(r"年\s*[底末]", text):
        return (12, 12, None, True)
    return (None, None, None, False)


def _phrase(m: re.Match[str], text: str, books: list[tuple[int, int]]) -> TimePhrase:
    d = _data()
    kind_group = next(name for name in _ALTERNATIVES if m.group(name))
    core = m.group(kind_group)
    pre = (m.group("pre") or "").strip()
    suf = (m.group("suf") or "").strip()
    relation = ""
    if pre in d["asof_prefixes"]:
        relation = "asof"
    elif pre in d["deadline_prefixes"] or suf in d["deadline_suffixes"]:
        relation = "deadline"
    elif suf in d["since_suffixes"]:
        relation = "since"
    elif text[:m.start()].endswith(tuple(d["since_openers"])) and re.match(d["since_closer_pattern"], text[m.end():]):
        relation = "since"                      # 自2015年北京申办冬奥会以来
    fields: dict = {}
    kind = "point"
    if kind_group == "iso":
        y, mo, da = (int(x) for x in re.split(r"[-/.]", core))
        fields = dict(year=y, first_month=mo, last_month=mo, day=da)
    elif kind_group == "span":
        y1, y2 = (int(x) for x in re.findall(_Y4, core))
        kind, fields = "span", dict(year=y2, start_year=y1)
    elif kind_group == "five":
        name = next(k for k in d["five_year_plans"] if k in core)
        y1, y2 = d["five_year_plans"][name]
        if core.endswith("以来"):
            relation = "since"
        kind = "point" if core.endswith(("末", "期末", "收官之年")) else "span"
        if core.endswith("开局之年"):
            y2 = y1
        fields = dict(year=y2, start_year=y1)
    elif kind_group in ("vague", "current", "pastyear"):
        kind = kind_group
    else:
        ym = _YEAR.match(core)
        if ym:
            fields["year"] = _cn_int(ym.group(1))
        else:
            relative, longest_first = _relative_words()
            word = next((w for w in longest_first if core.startswith(w)), None)
            if word is not None:
                fields.update(offset=relative[word], anaphoric=word in d["anaphoric_years"])
        first, last, day, month_end = _months(core[len(ym.group(0)) - 1:] if ym else core)
        fields.update(first_month=first, last_month=last, day=day, month_end=month_end)
        kind = "period" if first is not None and first != last else "point"
    if relation == "since":
        kind = "since"
    if any(a <= m.start() and m.end() <= b for a, b in books):
        relation = "name"
    elif _is_base(text, m.start(), m.end()):
        relation = "base"
    return TimePhrase(m.start(), m.end(), m.group(0), kind, relation, **fields)


@cache
def _second_base() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alt(_data()['base_prefixes'])})[^\d{_CLAUSE_MARKS}]{{1,6}}[和、及与]$")


@cache
def _base_period() -> re.Pattern[str]:
    return re.compile(_data()["base_period_pattern"])


# 是2012年的3.4倍, 达到2012年技术水平的两倍: the time a multiple is taken of
_TIMES = re.compile(rf"[^\d{_CLAUSE_MARKS}的]{{0,6}}{_S}的{_S}(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+){_S}倍")


def _is_base(text: str, start: int, end: int) -> bool:
    """比2022年底, 较一季度, 是2012年的3.4倍, 比上月末和上年同期, 扣除去年…因素后: a time compared
    with or set aside, not the time of the figure."""
    d = _data()
    head_end = start                             # the text before the phrase, without the spaces before it
    while head_end > 0 and text[head_end - 1] in _SPACE_CHARS:
        head_end -= 1
    if text.endswith(tuple(d["base_prefixes"]), 0, head_end):
        return True
    after = end
    while after < len(text) and text[after] in _SPACE_CHARS:
        after += 1
    if (text.startswith(tuple(d["base_suffixes"]), after) and not _opens_clause(text, start)
            and not text.endswith(tuple(d["base_change_openers"]), 0, head_end)):
        return True                              # (由上年同期的63.6%提高到…: the first value's time)
    if _base_period().match(text, after) and not _opens_clause(text, start):
        return True                              # 恢复至2019年春节假日同期的88.5%
    clause_start = head_end                      # (a context may be long: no copy, no scan of all of it)
    while clause_start > 0 and text[clause_start - 1] not in _CLAUSE_MARKS:
        clause_start -= 1
    clause = text[clause_start:head_end]
    if _second_base().search(clause):
        return True                              # 比上月末和(上年同期): the second of two bases
    if any(w in clause for w in d["aside_prefixes"]):
        return True
    return _TIMES.match(text, end) is not None


def _split_word(text: str, m: re.Match[str]) -> bool:
    """后年 or 前年 read across two words (建成后|年产值, 投产后|年均): no time phrase."""
    d = _data()
    core = m.group(0)[len(m.group("pre") or ""):]
    if not core.startswith(tuple(d["split_relative_years"])) or m.start() == 0:
        return False
    before, after = text[m.start() - 1], text[m.start() + len(m.group("pre") or "") + 2:]
    return "\u4e00" <= before <= "\u9fff" and before not in d["relative_year_joiners"] \
        and after.startswith(tuple(d["year_compound_starts"]))


def find_time_phrases(text: str) -> list[TimePhrase]:
    """Every time phrase in ``text``, left to right, with its role."""
    return list(_find_time_phrases(text))


@lru_cache(maxsize=4096)
def _find_time_phrases(text: str) -> tuple[TimePhrase, ...]:
    books = bracket_spans(text)
    out: list[TimePhrase] = []
    for m in _scanner().finditer(text):
        if m.end() == m.start() or _split_word(text, m):
            continue
        p = _phrase(m, text, books)
        # 较一季度、上半年: a phrase listed right after a comparison base is a base too
        if out and out[-1].relation == "base" and text[out[-1].end:p.start].strip() in ("、", "和", "及", "与"):
            p = TimePhrase(**{**p.__dict__, "relation": "base"})
        out.append(p)
    return tuple(out)


@lru_cache(maxsize=1024)
def parse_issued(issued: str | None) -> tuple[int | None, int | None, int | None]:
    """("2023-12-22" | "2023-12" | "2023" | None) → (year, month, day) (asked for each figure: memoized)."""
    if not issued:
        return (None, None, None)
    parts = re.findall(r"\d+", issued)
    vals = [int(p) for p in parts[:3]] + [None, None, None]
    y, mo, da = vals[0], vals[1], vals[2]
    if y is None or not 1000 <= y <= 9999:
        return (None, None, None)
    if mo is not None and not 1 <= mo <= 12:
        mo, da = None, None
    if da is not None and (mo is None or not 1 <= da <= calendar.monthrange(y, mo)[1]):
        da = None
    return (y, mo, da)


def _as_of(year: int | None, p: TimePhrase) -> str | None:
    if year is None or p.last_month is None or not 1 <= p.last_month <= 12:
        return None
    if p.day and p.first_month == p.last_month and 1 <= p.day <= calendar.monthrange(year, p.last_month)[1]:
        return f"{year:04d}-{p.last_month:02d}-{p.day:02d}"
    if p.month_end:
        return f"{year:04d}-{p.last_month:02d}-{calendar.monthrange(year, p.last_month)[1]:02d}"
    return f"{year:04d}-{p.last_month:02d}"


def _resolve(p: TimePhrase, issued: str | None, anchor: int | None, local: bool) -> TimeRef:
    iy, im, iday = parse_issued(issued)
    relation = p.relation if p.relation in ("asof", "deadline", "since") else ""
    base = dict(period=p.text.strip(), kind=p.kind, relation=relation, local=local, start_year=p.start_year)
    if p.kind == "vague":                       # 近5年, 未来几年: no year; 5年内形成…: ahead
        return TimeRef(None, None, explicit=False, future=p.text.endswith("内"), **base)
    if p.kind == "pastyear":
        year = None
        if im is not None and im <= _data()["past_year_last_year_until_month"]:
            year = iy - 1
        elif im is not None and im >= _data()["past_year_this_year_from_month"]:
            year = iy
        return TimeRef(year, None, explicit=False, future=False, **base)
    if p.kind == "current":
        as_of = issued if issued and im else None
        return TimeRef(iy, as_of, explicit=False, future=False, **base)
    explicit = p.year is not None
    if p.year is not None:
        year = p.year
    elif p.anaphoric:
        ref = anchor if anchor is not None else iy
        year = ref + (p.offset or 0) if ref is not None else None
        explicit = anchor is not None
    elif p.offset is not None:
        year = iy + p.offset if iy is not None else None
    else:
        year = iy
        # 1—11月 in an article of early January is last year's
        if year is not None and im and p.last_month and p.last_month > im and p.relation != "deadline":
            year -= 1
            base["ahead"] = True
    if p.kind == "since":                       # 2019年以来, “十四五”以来: up to the article's year
        begin = p.start_year if p.start_year is not None else year
        year = iy if iy is not None and (begin is None or iy >= begin) else None
        explicit = False
    future = False
    if p.kind == "span" and p.start_year is not None and iy is not None and p.start_year <= iy:
        pass                                    # “十四五”期间 while it runs: not after the article
    elif year is not None and iy is not None:
        if year > iy:
            future = True
        elif year == iy and im and p.last_month:
            future = p.last_month > im or (p.last_month == im and bool(iday) and p.month_end)
    return TimeRef(year, _as_of(year, p) if p.kind != "since" else None, explicit=explicit, future=future, **base)


def _anchor(phrases: list[TimePhrase], issued: str | None = None, back: bool = False) -> int | None:
    """The last year named, for 当年/全年: written (2021年) or relative to the article's (今年);
    not a since-phrase's start (1958年以来) nor a base (比2012年); ``back`` (上年): nor a deadline
    (力争到2025年…；上年…)."""
    iy = parse_issued(issued)[0]
    for p in reversed(phrases):
        if p.relation in ("name", "since", "base") or (back and p.relation == "deadline"):
            continue
        if p.year is not None:
            return p.year
        if p.offset is not None and not p.anaphoric and iy is not None:
            return iy + p.offset              # 2021年…。今年…目标是：…全年控制在5.5%以内
    return None


def _opens_clause(text: str, start: int) -> bool:
    """True when a phrase begins its clause (2022年1月1日，… ; 在2019年，… ; 预计2023年…), not inside one."""
    head = text[:start].rstrip(_SPACE_CHARS)
    for prep in sorted(_data()["clause_openers"], key=len, reverse=True):
        if head.endswith(prep):
            head = head[: -len(prep)].rstrip(_SPACE_CHARS)
            break
    return not head or head[-1] in _CLAUSE_MARKS


def resolve_time(sentence: str, before: int, issued: str | None, *, context: str = "") -> TimeRef:
    """The time governing a figure that starts at ``before`` in ``sentence``.

    The nearest time phrase before the figure in the sentence wins (comparison
    bases such as 比2022年底 and titles in 《》 are skipped); failing that the
    last one in ``context`` (the text before the sentence in its paragraph)
    that opens a clause;
    failing that an empty TimeRef (``kind == ""``), and the caller decides.
    """
    phrases = find_time_phrases(sentence)
    usable = [p for p in phrases if p.end <= before and p.relation not in ("base", "name")]
    clause = max(sentence.rfind(m, 0, before) for m in _CLAUSE_MARKS)
    usable = [p for p in usable if not (p.kind in ("vague", "since") and p.end <= clause and usable[0] is not p
                                        and not _opens_clause(sentence, p.start))]
    # 今年灾情是近几年较轻的一年，受灾1.35亿亩 / 2018年，…增幅创2015年以来最高，比上年提高0.3个百分点:
    # a span compared over in a clause before, not the figure's
    if usable:
        p = usable[-1]
        anchor = None
        if p.year is None and p.anaphoric:      # only 当年, 同年 … read the last year named
            back = (p.offset or 0) < 0              # 上年: the year before the one named
            prior = [q for q in phrases if q.end <= p.start]
            anchor = _anchor(prior, issued, back)
            if anchor is None and context:
                ctx = find_time_phrases(context)   # 2021年，…继2020年突破…之后。…当年: the opening year
                # (not a day: 2022年1月17日，统计局发布2021年数据 dates the release, not the year described)
                opening = [q for q in ctx if _opens_clause(context, q.start) and q.day is None]
                anchor = _anchor(opening, issued, back) if opening else None
                if anchor is None and not back:
                    anchor = _anchor(ctx, issued)
        return _resolve(p, issued, anchor, True)
    ctx = find_time_phrases(context) if context else []
    cusable = [p for p in ctx if p.relation not in ("base", "name") and _opens_clause(context, p.start)]
    if cusable:
        p = cusable[-1]
        return _resolve(p, issued, _anchor([q for q in ctx if q.end <= p.start], issued, (p.offset or 0) < 0), False)
    return TimeRef(None, None, "", False, False)
