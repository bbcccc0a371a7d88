"""Statistics and targets: one :class:`~kg.models.Figure` per figure and sentence.

For every quantity that ``kg.numbers`` finds in a sentence this decides
- statistic or target (力争到…, 目标, 预期, 计划, 压缩至…以内, a date after the
  article's, a plan's 打造100个…, a sentence after one that announces the
  year's targets; but 实际/已/截至 make it a statistic, and so do a forecast
  for the article's own year, 预计全年…, and a figure measured against a
  target, 超过预期目标1.6个百分点),
- the year (``kg.timeexpr``; a statistic with no time word takes the article's
  year, or the year just ended in a review published in early January; a
  target with none takes the year its paragraph named, if not past),
- a short indicator in the article's words, built from the clause around the
  number (分别 lists pair each number with its own item: X、Y和Z分别…, 分别比A和B高,
  两者分别占…, or the figures said just before; a clause with no subject,
  同比增长31.3%, takes the subject of the figure before it).
A figure repeated in the article (the same sentence twice, the same value said
again, a headline's figure restated in the body) is kept once; a rule stated
with 原则上/应当/不得 (不少于50套) is neither a statistic nor a target and is
left out. Cue words and trimming rules: ``kg/data/patterns/figures.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache

from .. import resources
from ..models import Comparator, Document, Figure, Kind, Mention, Sentence
from ..numbers import Quantity, find_quantities
from ..timeexpr import TimeRef, find_time_phrases, parse_issued, resolve_time
from .context import DATELINE

__all__ = ["extract_figures"]

_QUOTES = "“”\"'‘’「」『』《》〈〉"
_SPACE = " \t\u3000"


@cache
def _data() -> dict:
    return resources.read_json("patterns", "figures.json")


def _fig() -> dict:
    return _data()["figures"]


def _ind() -> dict:
    return _data()["figures"]["indicator"]


# ------------------------------------------------------------------ clauses

_SHORT_ASIDE = re.compile(r"（[^（）\d]{1,20}）|\([^()\d]{1,20}\)")


def _clause_text(text: str) -> str:
    """``text`` with the clause marks of a short aside without figures masked:
    （人民币，下同） does not end the clause around it."""
    marks = _fig()["clause_marks"]
    return _SHORT_ASIDE.sub(lambda m: "".join("\0" if ch in marks else ch for ch in m.group()), text)


@lru_cache(maxsize=8)
def _clause_marks_at(text: str) -> list[int]:
    """Where the clause marks (one character each) of ``_clause_text(text)`` stand, in order."""
    marks = _fig()["clause_marks"]
    return [i for i, ch in enumerate(_clause_text(text)) if ch in marks]


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: from after the last mark before it to the first mark from it on."""
    at = _clause_marks_at(text)
    k = bisect_left(at, pos)
    return (at[k - 1] + 1 if k else 0), (at[k] if k < len(at) else len(text))


@cache
def _affixes(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """``words`` as a set, and their lengths longest first."""
    if "" in words:
        raise ValueError("_strip_words: empty word")
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


@cache
def _prefix_keeps() -> tuple[str, ...]:
    return tuple(_ind()["prefix_keeps"])


def _strip_words(s: str, prefixes: Sequence[str] = (), suffixes: Sequence[str] = (),
                 keep: Sequence[str] = ()) -> str:
    """``s`` without the words of ``prefixes`` it starts with and of ``suffixes``
    it ends with (the longest first, repeatedly), nor spaces and commas around;
    a suffix stays where ``s`` ends with a word of ``keep`` (平均: 均 stays)."""
    pre, pre_lengths = _affixes(tuple(prefixes))
    suf, suf_lengths = _affixes(tuple(suffixes))
    kept = tuple(keep)
    whole = _prefix_keeps()
    changed = True
    while changed and s:
        changed = False
        s = s.strip(_SPACE + "，,、")
        for n in () if s.startswith(whole) else pre_lengths:     # 对外直接投资: 对 is no connector here
            if len(s) >= n and s[:n] in pre:
                s, changed = s[n:], True
                break
        if kept and s.endswith(kept):
            continue
        for n in suf_lengths:
            if len(s) >= n and s[len(s) - n:] in suf:
                s, changed = s[: len(s) - n], True
                break
    return s


def _plain(s: str) -> str:
    """Without quotes, book-title marks, spaces and parenthetical asides (（间）, (PPP))."""
    return _ASIDE.sub("", s).translate(_UNQUOTED)


_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")
_UNQUOTED = str.maketrans("", "", _QUOTES + _SPACE)


# ------------------------------------------------------------------ indicators

_DATELINE = re.compile(f"^{DATELINE}")     # 新华社北京1月13日电 opens no indicator

def _left(text: str, q: Quantity, floor: int) -> tuple[str, str, bool]:
    """(time phrase opening the clause, the clause before the number without it, whether it has no subject)."""
    ind = _ind()
    cs, _ = _clause_bounds(text, q.start)
    raw = text[max(cs, floor):q.start]
    opening = max(raw.rfind("（"), raw.rfind("("))
    if opening > max(raw.rfind("）"), raw.rfind(")")):
        raw = " " * (opening + 1) + raw[opening + 1:]   # …100亿元（其中5G投资: the aside's own words
    for p in find_time_phrases(raw):
        if p.kind in ("current", "vague", "since") or p.relation in ("deadline", "asof"):
            head = raw[:p.start].rstrip(_SPACE)
            if p.relation == "deadline" and head.endswith(tuple(_fig()["change_verbs"])):
                continue                            # (减少)到2018年的1660万人: the change's end, no deadline
            if head.endswith(tuple(ind["governing_verbs"])):
                head = ""                           # 我们将推动(到2025年)非化石能源消费比重达到20%
            elif p.kind == "since" and head.endswith(("自", "从")):
                head = head[:-1]                    # (自)2月5日起下调…: the preposition is the phrase's
            raw = head + " " * (p.end - len(head)) + raw[p.end:]
    raw = _plain(raw)
    if max(cs, floor) == 0:
        raw = _DATELINE.sub("", raw, count=1)       # only where the sentence opens (not 在全社|会用|电量中)
    raw = re.sub(_fig()["enumerator_pattern"], "", raw)      # 一是…
    if floor > cs and re.search(r"[和及]", raw) and not raw.startswith("的"):
        raw = re.split(r"[和及]", raw)[-1]           # 1场主论坛和(20余场分论坛): the noun before 和 is the last figure's
    disposal = list(re.finditer(ind["disposal_pattern"], raw))
    if disposal:
        raw = raw[disposal[-1].end():]              # 财政部已将(第一批)2万亿元…
    mark = ind["enumeration_mark"]
    if mark in raw and "、" in raw[: raw.rindex(mark)]:
        raw = raw[raw.rindex(mark) + len(mark):]     # 中国、日本等非东盟4国 → 非东盟
    elif "、" in raw and (len(raw) - raw.rindex("、") > 3 or raw.endswith("、")) and not (
            any(w in raw[raw.rindex("、"):] for w in ind["sum_words"])
            and all(len(x) <= 6 for x in raw.split("、")[:-1])):   # 风电、太阳能发电总装机容量: the sum over the list
        raw = raw[raw.rindex("、") + 1:]             # …正式命名交付、全球单机容量最大的16兆瓦 → 全球单机容量最大
    raw = _strip_words(raw, ind["connectors"], ())
    lead = ""
    phrases = [p for p in find_time_phrases(raw) if p.start == 0 and p.relation not in ("base", "name")]
    if phrases:
        lead, raw = phrases[0].text, raw[phrases[0].end:]
    subjectless = (raw.startswith(tuple(ind["inherit_starts"] + ind["subjectless_starts"]))
                   and not raw.startswith(tuple(ind["inherit_blockers"])))
    raw = _strip_words(raw, ind["connectors"] + ind["trim_prefixes"] + _fig()["target_cues_sentence"],
                       ind["trim_suffixes"], ind["trim_keeps"])
    raw = _without_change_start(raw)
    return lead, raw, subjectless


def _without_change_start(label: str) -> str:
    """``label`` without the start of a change it ends with (我国贫困人口(从2012年的)9899万人,
    …占比(由上年同期的)41.2%)."""
    for p in find_time_phrases(label):
        if (p.end == len(label) or label[p.end:] in _data()["time"]["base_suffixes"]) \
                and label[:p.start].endswith(("由", "从")):
            return label[:p.start - 1]
    return label


def _right(text: str, q: Quantity, ceiling: int) -> str:
    """The counted noun written after the number (14个骨干网直联点, 90%的内容分发网络节点)."""
    _, ce = _clause_bounds(text, q.end)
    run = text[q.end:min(ce, ceiling)].strip(_SPACE).lstrip("）)")     # the close of the aside it stands in
    run = re.sub(r"（[^（）]*）|\([^()]*\)", "", run)      # 31个省（区、市）
    run = re.split(r"[（(]", run, maxsplit=1)[0]          # 100亿元（其中…: an aside that holds the next figure
    run = run.split("、", 1)[0] if "、" in run[1:] else run
    if not run or run[0] in "、和及或与等":
        return ""
    if q.unit in ("%", "百分点", "‰") and not run.startswith("的") and not re.search(r"[成半]", q.surface):
        return ""                                    # 增长4%，… but 90%的节点, 六成以上工业行业
    runs_on = ceiling < ce
    run = _plain(run).lstrip("的")
    if runs_on:
        bare = run
        for p in find_time_phrases(run):
            bare = bare.replace(p.text, p.text[0] if p.text[0] in "到至" else "")
        if re.fullmatch(_fig()["change_to_pattern"], bare.removesuffix("的")):
            return ""                                # 从53.9万亿元(增长到)114.4万亿元, (减少到2018年的)1660万人
        run = run.rstrip("、和及与")                 # 1场主论坛和(20余场…)
    cut = len(run)
    kept = {i + k for w in _ind()["trim_keeps"] for i in _find_all(run, w) for k in range(1, len(w))}
    for w in _ind()["cut_words"] + (_ind()["cut_verbs"] if runs_on else []):
        i = next((j for j in _find_all(run, w) if j not in kept), -1)     # 平均水平: not 平|均
        if 0 <= i < cut:
            cut = i
    run = run[:cut]
    return _strip_words(run, (), _ind()["trim_suffixes"], _ind()["trim_keeps"])


def _subject(label: str) -> str:
    """What a label is about: the part before its first predicate word (我国进出口总额同比增长 → 我国进出口总额)."""
    ind = _ind()
    lead = next((p for p in find_time_phrases(label) if p.start == 0), None)
    if lead is not None:
        label = label[lead.end:]                     # 1月至10月共完成业务收入: 至 is the period's
    blocked = {i + k for b in ind["inherit_blockers"] for i in _find_all(label, b) for k in range(len(b))}
    blocked |= {i + k for w in ind["inherit_starts"] for i in _find_all(label, w) for k in range(1, len(w))}
    if label.startswith(tuple(ind["inherit_starts"])):
        return ""                                    # 同比增长: a measure, no subject (not 同|比增长)
    cuts = [i for w in ind["inherit_starts"] for i in _find_all(label, w) if i > 0 and i not in blocked]
    share = re.match(r"[^占]+占[^占]{1,20}?(?:比重|比例|份额)", label)
    if share:                                        # 民间投资占全部投资比重(较上年同期下降): a share is one measure
        cuts = [i for i in cuts if i >= share.end()]
    s = _without_change_start(label[: min(cuts)] if cuts else label)     # 汽车产量(由二季度)下降8.5%
    return _strip_words(s, (), ind["trim_suffixes"], ind["trim_keeps"])


def _find_all(s: str, w: str) -> list[int]:
    """Where ``w`` starts in ``s``, not overlapping (as ``re.finditer(re.escape(w), s)``)."""
    out, i = [], s.find(w)
    while i >= 0:
        out.append(i)
        i = s.find(w, i + (len(w) or 1))
    return out


def _group(text: str, qs: list[Quantity], i: int) -> list[int]:
    """Indices of the figures listed together from ``i`` on (29个、260个 / 12.4%、10.5%和9.7%)."""
    group = [i]
    while group[-1] + 1 < len(qs) and text[qs[group[-1]].end:qs[group[-1] + 1].start].strip(_SPACE) in ("、", "和", "及"):
        group.append(group[-1] + 1)
    return group


def _without_lead(item: str) -> str:
    """``item`` without the time phrase it opens with (2023年东 → 东)."""
    lead = next((p for p in find_time_phrases(item) if p.start == 0), None)
    return item[lead.end:] if lead else item


def _shared_measure(last: str) -> str:
    """The measure the last listed item ends with, written once for all the items
    (云计算和大数据|收入同比增速, 饮料|零售额同比), or ""."""
    starts = [j for w in _ind()["item_measures"] if (j := last.find(w, 2)) >= 0]
    return last[min(starts):] if starts else ""


def _item_labels(items: list[str]) -> list[str]:
    """国家级、省级制造业创新中心 → 国家级制造业创新中心, 省级制造业创新中心;
    云计算和大数据收入同比增速 → 云计算收入同比增速, 大数据收入同比增速;
    增速较一季度、上半年 → 增速较一季度, 增速较上半年."""
    first, last = items[0], items[-1]
    # 第一、二、三产业: the ordinal mark of the first item is every item's
    ordinal = (_without_lead(first).startswith("第") and len(items) > 1 and last[:1] in _NUMERALS
               and all(len(_without_lead(x).removeprefix("第")) == 1 for x in items[:-1]))
    labels = []
    for n, item in enumerate(items):
        if len(last) > len(first) and n < len(items) - 1:
            tail = ""
            for size in range(len(item), 0, -1):
                j = last.find(item[-size:])
                if j >= 0 and (size > 1 or j <= 1):     # 国家级、省级…; not 3D打印机、工业机器人出口
                    tail = last[j + size:]
                    break
            else:   # 云计算和大数据收入同比增速: the measure written once, after the last item
                tail = _shared_measure(last)
                if len(last) > 2 and all(len(_without_lead(x).removeprefix("第") if ordinal else _without_lead(x)) == 1
                                         for x in items[:-1]):
                    tail = last[1:]         # 东、中、西部地区…比重: one character of a shared word
            labels.append(item + tail)
        elif n < len(items) - 1 and not any(w in item for w in _ind()["item_measures"]) \
                and (tail := _shared_measure(last)):
            labels.append(item + tail)      # 限额以上单位粮油食品、饮料零售额同比: a longer first item
        elif len(last) <= len(first) and n > 0:     # 较一季度、上半年和前三季度: 较 is every item's
            marks = [first.find(m) + len(m) for m in ("同比", "环比", "较", "比", "与", "占") if m in first]
            head = first[: max(marks)] if marks else ""
            labels.append(item if item.startswith(head) else head + item)
        else:
            labels.append(item)
    if ordinal:
        labels = labels[:1] + [x if x.startswith("第") else "第" + x for x in labels[1:]]
    return labels


_NUMERALS = "一二三四五六七八九十"


def _split_items(run: str, n: int) -> list[str]:
    """The items listed in ``run``, preferring a split into ``n``: 、 separates items, while 和/及
    may join two items (X、Y和Z) or stand inside one (社会保障和就业支出)."""
    def parts(pattern: str) -> list[str]:
        return [x for x in (_plain(p) for p in re.split(pattern, run)) if x]
    by_comma = parts(r"、")
    if len(by_comma) == n or n < 2:
        return by_comma
    if by_comma and len(by_comma) + 1 == n:
        last = by_comma[-1]
        j = max(last.rfind("和"), last.rfind("及"))
        if 0 < j < len(last) - 1:
            return by_comma[:-1] + [last[:j], last[j + 1:]]     # X、Y和Z
    return parts(r"[、和及]")


def _compared(verb: str, n: int) -> list[str]:
    """比上月末和上年同期高 with two figures → [比上月末高, 比上年同期高]; else []."""
    ind = _ind()
    m = re.match(rf"({'|'.join(map(re.escape, sorted(_data()['time']['base_prefixes'], key=len, reverse=True)))})(.+)", verb)
    if not m:
        return []
    base, rest = m.groups()
    tail = next((w for w in sorted(ind["comparison_verbs"], key=len, reverse=True) if rest.endswith(w)), "")
    rest = rest[: len(rest) - len(tail)]
    items = [x for x in re.split(r"[、和及与]", rest) if x]
    return [base + x + tail for x in items] if len(items) == n else []


def _paired(item: str) -> list[str]:
    """新能源汽车产销 → [新能源汽车产量, 新能源汽车销量]: a word that names two measures at once."""
    for word, pair in sorted(_ind()["paired_words"].items(), key=lambda kv: -len(kv[0])):
        if item.endswith(word):
            return [item[: -len(word)] + p for p in pair]
    return [item]


def _respectively(text: str, qs: list[Quantity]) -> tuple[dict[int, str], dict[int, tuple[list[int], str]]]:
    """Labels for lists read item by item: X、Y分别达到29个、260个 → {i: 'X…', j: 'Y…'};
    a following 增长6.7%、7.7% with no subject of its own pairs with the same items.
    Also returns the 分别 lists whose items are the figures said just before (X 4.67亿千瓦、
    Y 7.13亿千瓦，分别增长19.9%和51.6%): {first index: (the list's indices, verb)}, for
    :func:`_indicators` to pair."""
    out: dict[int, str] = {}
    pending: dict[int, tuple[list[int], str]] = {}
    ind = _ind()
    last: list[str] = []
    i = 0
    while i < len(qs):
        group = _group(text, qs, i)
        cs, _ = _clause_bounds(text, qs[i].start)
        clause = text[cs:qs[i].start]
        k = clause.rfind("分别")
        verb = _plain(clause[k + 2:] if k >= 0 else clause)
        if i > 0 and qs[i - 1].end > cs + max(k, 0):
            verb = _plain(text[qs[i - 1].end:qs[i].start])  # 分别由A下降3.3%、3.2%(转为增长)32.1%、38.2%
        verb = "" if verb in ind["link_verbs"] else verb.removesuffix("的")
        items = _split_items(clause[:k], len(group)) if k >= 0 else []
        implicit = False
        if k < 0 and len(group) >= 2 and (i == 0 or qs[i - 1].end <= cs):
            # 中部和西部地区生产总值占全国比重由2012年的21.3%、19.6%: a list read item by item without 分别
            found = _split_items(clause, len(group))
            short = ind["implicit_item_max_chars"]
            if len(found) == len(group) and all(len(x) <= short for x in found[:-1]) and len(found[-1]) > short \
                    and not any(w in x for x in found[:-1] for w in ind["inherit_starts"]):
                items, verb, implicit = found, "", True
        if items and _strip_words(items[-1], ind["connectors"], ()) in ind["list_pronouns"]:
            items = items[:-1] if len(items) > 1 else []     # 两者分别占…: the figures said before
        bases = _compared(verb, len(group)) if k >= 0 and len(group) >= 2 and len(items) <= 1 else []
        if not bases and len(items) == 1 and items[0].startswith(tuple(ind["inherit_starts"])):
            verb, items = items[0] + verb, []       # 同比分别增长
        if not bases and len(items) == 1 and len(group) == 2:
            items = _paired(items[0])               # 产销分别完成
        labels: list[str] = []
        if bases:                                   # 增速分别比上月末和上年同期高0.3个和2.8个百分点
            subject = _strip_words(items[0], ind["connectors"] + ind["trim_prefixes"], ()) if items else ""
            labels = [subject + b for b in bases]
        elif len(group) >= 2 and len(items) == len(group):
            items[0] = _strip_words(items[0], ind["connectors"] + ind["trim_prefixes"], ())
            labels = [lab + verb for lab in _item_labels(items)]
            if implicit:
                labels = [_without_change_start(_strip_words(lab, (), ind["trim_suffixes"], ind["trim_keeps"]))
                          for lab in labels]
        elif len(group) >= 2 and len(last) == len(group) and not items and (
                k >= 0 or not verb or verb.startswith(tuple(ind["inherit_starts"]))):
            labels = [_subject(lab) + verb for lab in last]
        elif len(group) >= 2 and k >= 0 and not items:
            pending[group[0]] = (group, verb)
        for n, qi in enumerate(group if labels else ()):
            out[qi] = labels[n]
        last = labels or ([] if len(group) >= 2 else last)
        i = group[-1] + 1
    return out, pending


def _clause_before(text: str, q: Quantity) -> str:
    """The clause before q's, without figures, up to its first verb (5G行业虚拟专网(加快建设)，
    由去年7月的1655个…): what a figure with no words of its own is about."""
    cs, _ = _clause_bounds(text, q.start)
    if cs == 0:
        return ""
    ps, _ = _clause_bounds(text, cs - 1)
    run = _plain(text[ps:cs - 1])
    if not run or find_quantities(run) or run.endswith(tuple(_ind()["aside_clause_ends"])) \
            or run.startswith(tuple(_ind()["aside_clause_starts"])) \
            or any(p.start == 0 and p.end == len(run) for p in find_time_phrases(run)):
        return ""                                   # not 从环比看, 按不变价格计算, 今年以来
    cut = min((i for w in _ind()["cut_words"] + _ind()["cut_verbs"] if (i := run.find(w)) > 0), default=len(run))
    run = _strip_words(run[:cut], _ind()["connectors"], _ind()["trim_suffixes"], _ind()["trim_keeps"])
    return run if len(run) >= 2 else ""


def _false_comparison(label: str) -> bool:
    """``label`` opens with 比/较 that compare with nothing (比亚迪…): a name, not a subjectless change."""
    if not label.startswith(("比", "较")):
        return False
    return not any(p.start == 1 for p in find_time_phrases(label)) and not label[1:].startswith(("上", "去", "同"))


def _in_aside(text: str, pos: int) -> bool:
    """``pos`` stands inside brackets (投资100亿元（其中5G投资43.7亿元）): an aside lends no subject."""
    return max(text.rfind("（", 0, pos), text.rfind("(", 0, pos)) > max(text.rfind("）", 0, pos), text.rfind(")", 0, pos))


def _indicators(text: str, qs: list[Quantity], before: str = "") -> list[str]:
    """One label per figure; ``before``: the last figure's label in the sentence before, in
    the same paragraph (…失业率为5.0%。其中，9月份为4.9%: the subject goes on)."""
    ind = _ind()
    fixed, pending = _respectively(text, qs)
    labels: list[str] = []
    for n, q in enumerate(qs):
        if n in pending:                            # the items are the figures said just before
            group, verb = pending[n]
            before = [_subject(lab) for lab in labels[n - len(group):n]] if n >= len(group) else []
            if before and all(before) and len(set(before)) == len(before):
                fixed.update((i, lab + verb) for i, lab in zip(group, before))
        floor = qs[n - 1].end if n else 0
        ceiling = qs[n + 1].start if n + 1 < len(qs) else len(text)
        lead, left, subjectless = _left(text, q, floor)
        right = _right(text, q, ceiling)
        if right and left.endswith(("和", "及", "与")):
            left = ""                               # 覆盖所有县城城区和(92%的乡镇镇区): the item before is another
        label = fixed.get(n) or (left + right)
        # the sentence before lends its subject to a figure without one (其中，9月份为4.9%), not to 比亚迪…
        said = [lab for m, lab in enumerate(labels) if not _in_aside(text, qs[m].start) or _in_aside(text, q.start)]
        prev = said[-1] if said else (before if not label or not _false_comparison(label) else "")
        if prev and (n not in fixed and (subjectless or not label)
                     or label.startswith(tuple(ind["inherit_starts"] + ind["subjectless_starts"]))):
            cs = _clause_bounds(text, q.start)[0]
            fresh = _clause_before(text, q) if cs > 0 and (
                n == 0 or qs[n - 1].end < _clause_bounds(text, cs - 1)[0]) else ""
            # 汽车产量…增长31.4%，其中新能源汽车产量持续成倍增长，三季度增长113.1%: the clause between names it
            subject = fresh or _subject(prev)
            if subject and not label.startswith(subject):
                overlap = next((k for k in range(min(len(subject), len(label)), 1, -1)
                                if subject.endswith(label[:k])), 0)
                label = subject + label[overlap:]   # 失业率均值 + 均值为: the word said once
        if lead and n in fixed:
            lead = ""
        if lead and not label and not prev:
            label = _clause_before(text, q)         # …务工总量持续增加，9月底达到3103万人: the clause before names it
        label = _plain(lead + label)
        if not label:
            label = prev or _clause_before(text, q) or _plain(
                re.sub(r"[\d.%]+", "", text[_clause_bounds(text, q.start)[0]:q.start]))
        labels.append(label[-ind["max_chars"]:])
    return labels


# ------------------------------------------------------------------ statistic or target

@cache
def _cue_exceptions() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _fig()["target_cue_exceptions"])))


_BOOK_TITLE = re.compile(r"《[^《》]*》")
_SHARE_OF = re.compile(r"占[^，,；;。的]*的")


def _measured_against(text: str, q: Quantity) -> bool:
    """``q`` is a target a figure is measured against (…上涨2.8%，低于3%左右的预期目标; 好于年初确定的
    6%左右的预期目标; 与…6.5%以上的目标增速略有差距): the figures after it are not in a list of targets."""
    f = _fig()
    cs, ce = _clause_bounds(text, q.start)
    verbs = f["progress_verbs"]
    after = text[q.end:ce]
    compared = (any(v in text[cs:q.start] for v in verbs) or q.surface.startswith(tuple(verbs))   # 低于3%左右
                or any(w in after for w in f["shortfall_words"]))
    aimed = any(c in _cue_exceptions().sub("", text[cs:q.start]) for c in f["target_cues_clause"])
    return compared and not aimed and any(w in after for w in f["target_words_after"])   # not 努力实现6%的目标，…


def _planned_forecast(before: str, tr: TimeRef, issued: str | None, review: bool) -> bool:
    """预计将新增…, 今年预计新建…: a forecast of building or adding in the article's own year said in its
    first months (not a review of the year before) is what the year is to bring, a target."""
    f = _fig()
    iy, im, _ = parse_issued(issued)
    if review or im is None or im > f["planned_forecast_until_month"] or not (tr.kind == "" or tr.year == iy):
        return False
    k = max(before.rfind(w) for w in f["forecast_words"])
    if k < 0:
        return False                                # no 预计 before the figure
    rest = before[k:]
    for p in find_time_phrases(rest):
        rest = rest.replace(p.text, "")
    return any(v in rest for v in f["creation_verbs"])    # not 预计全年…产量将超过…: a measure's estimate


@cache
def _year_plan_end() -> re.Pattern:
    words = "|".join(map(re.escape, _fig()["year_plan_words"]))
    return re.compile(f"(?:{words})(?:为|是|约|达|：|:)?[{_SPACE}]*$")


def _year_plan(before: str) -> bool:
    """The figure is the amount of the year's plan itself (年度投资计划1200亿元), not one measured against it."""
    return _year_plan_end().search(before) is not None


def _is_target(text: str, q: Quantity, first: int, tr: TimeRef, issued_year: int | None, plan: bool,
               prev_target: bool, announced: bool = False, issued: str | None = None,
               review: bool = False) -> bool:
    """``first``: where the first figure of q's clause starts (打造100个场景、1000家企业);
    ``prev_target``: the figure before it in the sentence is a target; ``announced``: the sentence
    before it in the paragraph announces targets (…提出了今年的主要预期目标。)."""
    f = _fig()
    cs, ce = _clause_bounds(text, q.start)
    before, after = text[cs:q.start], text[q.end:ce]
    if (tr.local and tr.year is not None and issued_year is not None        # 2020年 or 去年, 过去一年
            and tr.year < issued_year and tr.relation != "deadline"
            and not any(w in text[:ce] for w in f["past_target_words"])):
        return False                                # 2020年，…比重提高到10.5%, said in 2021: what was reached
    if after.rstrip(_SPACE).endswith(tuple(f["base_ends"])):
        return False                                # 在认定近2万家企业基础上，计划…: the base already reached
    if _year_plan(before):
        return True                                 # 今年计划投资1200亿元 (not 完成年度投资计划的45%)
    plain = _cue_exceptions().sub("", _BOOK_TITLE.sub("", before))      # 《…远景目标纲要》确定的: a name's words
    plain = _SHARE_OF.sub("占", plain)           # 占年度拟下达投资规模的90%: the whole a share is taken of
    cues = [c for c in f["target_cues_clause"] if c in plain]
    if cues:
        first_cue = min(plain.find(c) for c in cues)
        head = plain[:first_cue]
        for w in f["progress_verb_exceptions"]:
            head = head.replace(w, " ")
        if any(v in head for v in f["progress_verbs"]) and (any(
                w in plain[first_cue:] for w in f["target_words_after"]) or plain.rstrip(_SPACE).endswith("的")
                or plain[first_cue:].rstrip(_SPACE) in f["target_cues_clause"]):     # 超出计划2个
            cues = []                               # 完成全年目标任务的87%, 超过预期目标1.6个百分点,
            #                                         完成年度计划的52%: a statistic
    if cues or any(w in after for w in f["target_words_after"]):
        return True
    forecast = any(w in before or text.startswith(w) for w in f["forecast_words"])
    if forecast and _planned_forecast(before, tr, issued, review):
        return True                                 # 今年预计新建…, said in March: the year's plan
    ahead = tr.local and tr.year is not None and (issued_year is None or tr.year > issued_year)
    if forecast and not prev_target and not ahead and not (tr.relation == "deadline" and tr.future):
        return False                                # 预计全年…将超过3亿千瓦: a forecast, a statistic
        #                                             (预计到今年年底…将超过, said in June: a deadline ahead)
    if any(m.start() < len(before) for m in re.finditer(f["future_pattern"], text[cs:ce])):
        return True
    if any(m in before for m in f["statistic_markers"]):
        return False
    if prev_target and not announced and not tr.future \
            and any(p.first_month is not None for p in find_time_phrases(before)):
        prev_target = False                         # 年度投资计划17.68亿元，1-5月完成投资4.28亿元: months gone by
    if prev_target or announced:
        return True                                 # 今年要新增就业1200万人以上，…，居民消费价格涨幅3%左右
    earlier = _cue_exceptions().sub(lambda m: " " * len(m.group(0)), text[:cs])   # 落实…的要求，: a noun
    cue = max((earlier.rfind(c) for c in f["target_cues_sentence"]), default=-1)
    if cue >= 0 and not any(m in text[cue:q.start] for m in f["statistic_markers"]):
        return True
    if tr.local and tr.relation == "deadline" and (tr.future or issued_year is None):
        return True
    if (tr.local and tr.kind == "span" and tr.year is not None and issued_year is not None and tr.year > issued_year
            and re.search(r"\d{4}", tr.period)):
        return True                                 # 2023—2025年，每年新增…, said in 2023: years still ahead
    if tr.local and tr.future and tr.relation != "asof":
        return True
    if not tr.local and tr.year is not None and issued_year is not None and tr.year > issued_year \
            and tr.relation != "asof" and tr.as_of is None:
        return True                                 # 明年…将完成…。集装箱铁水联运量增长12%以上。: a year ahead
        #                                             (not a day ahead: 2022年1月1日…生效。首批…东盟6国)
    if plan and not any(m in text for m in f["past_markers"]):
        head = re.sub(f["enumerator_pattern"], "", _plain(text[cs:first]))
        for p in find_time_phrases(head):
            head = head.replace(p.text, "")
        head = re.sub(r"(?:首批|一批|新一批|约)$", "", head)
        head = _strip_words(head, _ind()["connectors"], ())
        if head.endswith(tuple(f["creation_verbs"])) or head.startswith(tuple(f["creation_verbs"])):
            return True
    return False


def _reviews_last_year(doc: Document) -> bool:
    """A January article whose title or opening names the year just ended
    (国资委：2023年中央企业完成…, published 2024-01-19): a review of that year;
    so is one of February or March whose opening speaks of the past year
    (政府工作报告指出，过去一年…, published 2022-03-05) or whose title opens on it (财政部：去年全国…),
    and one of the first half
    year whose title names the year before's end or the year as such (截至2021年末…, 2021年度…
    公报) and not its own: an annual bulletin."""
    iy, im, _ = parse_issued(doc.meta.issued)
    if iy is None or im is None:
        return False
    opening = doc.meta.title + doc.text[:300]
    if im == 1:
        return bool(re.search(f"{iy - 1}年|去年|过去一年|上一年", opening))
    times = _data()["time"]
    title = doc.meta.title or doc.text.split("\n", 1)[0]
    if im <= times["annual_review_until_month"] and re.search(f"{iy - 1}年(?:度|末|底)", title) \
            and not re.search(f"{iy}年|今年|本年", title):
        return True              # 人社部：截至2021年末全国就业人员…, published 2022-06-07: the annual figures
    return im <= times["past_year_last_year_until_month"] and (
        any(w in opening for w in times["past_year_words"]) or bool(re.search(times["past_year_title_pattern"], title)))


def _year(target: bool, tr: TimeRef, issued: str | None, review: bool = False,
          forecast: bool = False) -> tuple[int | None, TimeRef | None]:
    """(year, the TimeRef that gave it or None when it is the article's default);
    ``forecast``: 预计 stands before the figure in its sentence."""
    if target:
        if tr.local and tr.kind not in ("", "vague", "current", "since") and tr.relation != "asof":
            return (tr.year + 1 if tr.ahead and tr.year is not None else tr.year), tr
        if not tr.local and tr.relation == "deadline":
            return tr.year, tr
        return None, None
    times = _data()["time"]
    iy, im, iday = parse_issued(issued)
    early_january = review or (im == 1 and (iday is None or iday <= times["early_january_day"]))
    if tr.kind and not (not tr.local and (tr.kind in ("vague", "since") or tr.relation == "deadline")):
        if (tr.year == iy and im is not None and (im <= times["whole_year_done_until_month"] or review)
                and tr.period in times["whole_year_words"] and not (forecast and im > 1)):
            return iy - 1, tr        # 全年 in a review published early in the year: the year just ended
        running = tr.start_year is not None and iy is not None and tr.start_year <= iy <= (tr.year or iy)
        if tr.kind == "span" and running:
            return iy, tr            # “十四五”期间累计…, said while the span runs
        return tr.year, tr
    if iy is None:
        return None, None
    if early_january:
        return iy - 1, None          # a review of the past year published in early January
    return iy, None


# ------------------------------------------------------------------ agents

def _agents(mentions: Sequence[Mention], s: Sentence, q: Quantity) -> tuple[tuple[tuple[Kind, str], ...], str | None]:
    here = [m for m in mentions if m.sentence == s.index or s.start <= m.start < s.end]
    agents = [m for m in here if m.kind in (Kind.PERSON, Kind.ORGANIZATION) and m.start - s.start < q.start]
    initiative = next((m.label for m in here if m.kind == Kind.INITIATIVE), None)
    return (((agents[0].kind, agents[0].label),) if agents else ()), initiative


# ------------------------------------------------------------------ the extractor

_BULLET = re.compile(r"\s*(?:——|[●·•▪■◆*]|\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")


def _heading_above(text: str, line_start: int) -> str:
    """The line above a run of bulleted lines, or of lines ending in ；, that ends at ``line_start``."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip(_SPACE)
        if line and not _BULLET.match(line) and not line.endswith(_LIST_ITEM_ENDS) and not _bare_item(line):
            return line
        if line and _BULLET.match(line) and _announces_targets(line.rstrip("：:" + _SPACE) + "："):
            return line[_BULLET.match(line).end():]     # ■ 2025年主要预期目标 above ●… lines
        end = start - 1
    return ""


_LIST_ITEM_ENDS = ("；", ";")


def _in_line_list(text: str, line_start: int, line: str = "") -> bool:
    """The line before ``line_start`` ends a list item (；) or opens a list (：); or it and
    ``line``, the line at ``line_start``, are both items without marks."""
    before = text[:line_start].rstrip(_SPACE + "\n")
    return before.endswith(_LIST_ITEM_ENDS + ("：", ":")) or (
        _bare_item(line.strip(_SPACE)) and _bare_item(before[before.rfind("\n") + 1:].strip(_SPACE)))


def _bare_item(line: str) -> bool:
    """A short line with a figure and no closing mark, one item of a list written a line each
    (2021年目标：\n生产总值增长6.5%左右\n城镇新增就业40万人)."""
    return bool(line) and len(line) <= _fig()["bare_item_max_chars"] and line[-1] not in _fig()["clause_marks"] \
        and bool(find_quantities(line))


_SECTION_HEADING = re.compile(r"^[ \t\u3000]*([一二三四五六七八九十]{1,3}、[^。！？；\n]{2,28}?)[ \t\u3000]*$", re.M)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s?年")


def _section_years(text: str, issued: str | None = None) -> tuple[list[int], list[int | None]]:
    """The numbered section headings of a text (一、2024年工作回顾, 一、去年工作回顾): where each
    line starts, and the one year it names (or None)."""
    starts, years = [], []
    iy = parse_issued(issued)[0]
    relative = _data()["time"]["relative_years"]
    for m in _SECTION_HEADING.finditer(text):
        named = {int(y) for y in _YEAR.findall(m.group(1))}
        if not named and iy is not None:
            named = {iy + k for w, k in relative.items() if m.group(1).split("、", 1)[1].startswith(w)}
        starts.append(m.start())
        years.append(named.pop() if len(named) == 1 else None)
    return starts, years


def _section_heading(text: str, sections: tuple[list[int], list[int | None]], paragraph_start: int) -> str:
    """The words of the numbered section heading above a paragraph (二、今年主要预期目标 → 今年主要预期目标), or ""."""
    i = bisect_left(sections[0], paragraph_start) - 1
    if i < 0:
        return ""
    m = _SECTION_HEADING.match(text, sections[0][i])
    return m.group(1).split("、", 1)[1].rstrip("：:" + _SPACE) if m else ""


def _section_year(sections: tuple[list[int], list[int | None]], paragraph_start: int) -> int | None:
    """The year of the section heading above a paragraph, or None."""
    i = bisect_left(sections[0], paragraph_start) - 1
    return sections[1][i] if i >= 0 else None


def _announces_targets(context: str) -> bool:
    """The last sentence of ``context`` ends by announcing targets and holds no figure itself."""
    f = _fig()
    last = re.split(r"(?<=[。！？!?])", context.rstrip(_SPACE))
    last = [x for x in last if x.strip(_SPACE)]
    if not last:
        return False
    sentence = last[-1].strip(_SPACE)
    return (sentence.endswith(tuple(f["announce_ends"])) and not find_quantities(sentence)
            and not any(v in sentence for v in f["progress_verbs"]))


@cache
def _milestone() -> re.Pattern:
    return re.compile(_fig()["milestone_pattern"])


def _without_milestones(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Without the round threshold a figure just given is said to pass (进出口总值20.1万亿元，
    为历史同期首次突破20万亿元): a milestone, not a second figure."""
    milestone = _milestone()
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == q.unit and prev.high is None and q.high is None \
                and prev.value >= q.value and q.comparator is not None and milestone.search(text[prev.end:q.start]):
            continue
        out.append(q)
    return out


def _leading_milestones(text: str, qs: list[Quantity]) -> set[int]:
    """Indices of the round thresholds passed for the first time with the figure itself
    in the next clause (首次突破1万亿元，预计达1.06万亿元), or passed and at once given exactly
    (占比超过四分之三，达到77%): kept for the labels, not figures."""
    before = re.compile(_fig()["milestone_before_pattern"])
    after = re.compile(_fig()["milestone_next_pattern"])
    restated = re.compile(_fig()["milestone_restated_pattern"])
    out: set[int] = set()
    for i, (q, nxt) in enumerate(zip(qs, qs[1:])):
        if nxt.unit == q.unit and q.high is None and nxt.high is None and nxt.value >= q.value \
                and q.comparator is Comparator.AT_LEAST and (restated.match(text[q.end:nxt.start]) or (
                    after.match(text[q.end:nxt.start])
                    and before.search(text[_clause_bounds(text, q.start)[0]:q.start]))):
            out.add(i)
        elif _bracketed_exact(text, q, nxt):
            out.add(i)
    return out


def _plan_end(before: str, issued_year: int | None) -> int | None:
    """The last year of the five-year plan named last in ``before`` (“十四五”数字经济发展目标是), if it
    has not ended by the article's year."""
    plans = _data()["time"]["five_year_plans"]
    named = [(before.rfind(name), name) for name in plans if name in before]
    if not named:
        return None
    at, name = max(named)
    if before[at + len(name):].lstrip("”’\"'" + _SPACE).startswith(tuple(_data()["time"]["since_suffixes"])):
        return None                                 # “十四五”以来…: since its start, not its end
    end = plans[name][1]
    return end if issued_year is None or end >= issued_year else None


def _bracketed_exact(text: str, q: Quantity, nxt: Quantity) -> bool:
    """``nxt`` gives in brackets, right after it, the exact value of the round ``q``
    (超过3.5万亿元（35826亿元）): one figure, the exact one."""
    if text[q.end:nxt.start].strip(_SPACE) not in ("（", "(") or not text[nxt.end:].lstrip(_SPACE).startswith(("）", ")")):
        return False
    if nxt.unit != q.unit or q.high is not None or nxt.high is not None or nxt.comparator is not None:
        return False
    band = Decimal(str(_fig()["headline_round_band"]))
    low, high = {Comparator.AT_LEAST: (1, 1 + band), Comparator.ABOUT: (1 - band, 1 + band),
                 Comparator.AT_MOST: (1 - band, 1)}.get(q.comparator, (None, None))
    return low is not None and q.value * low <= nxt.value <= q.value * high


def _from_at(text: str, q: Quantity) -> int | None:
    """Where the 从/由 that opens a change stands when ``q`` is its first value
    (从53.9万亿元增长到…, 由去年7月的1655个提升至…), else None."""
    cs, _ = _clause_bounds(text, q.start)
    m = re.search(_fig()["change_from_pattern"], text[cs:q.start])
    return cs + m.start() if m else None


def _change_time(text: str, qs: list[Quantity], n: int, tr: TimeRef, issued: str | None,
                 context: str) -> TimeRef:
    """The time of a value in a change from one value to another: over 从2012年到2021年 the
    first value is the span's first year; a later value with no time of its own
    (由去年7月的1655个提升至6518个，增长近3倍) has the time written before the change,
    not the first value's."""
    start = _from_at(text, qs[n])
    if start is not None:
        if tr.local and tr.kind == "span" and tr.start_year is not None:
            return replace(tr, year=tr.start_year, kind="point", start_year=None)
        return tr
    first = next((m for m in range(n - 1, -1, -1) if _from_at(text, qs[m]) is not None), None)
    if first is None:
        return tr
    if all(text[qs[m].end:qs[m + 1].start].strip(_SPACE) in ("、", "和", "及") for m in range(first, n)):
        return tr                                   # 由2012年的21.3%、(19.6%): the first values, listed
    start = _from_at(text, qs[first])
    if find_time_phrases(text[qs[first].end:qs[n].start]):
        return tr
    return resolve_time(text, start, issued, context=context)


def _months_gone_by(paragraph: str, issued: str | None) -> bool:
    """The paragraph gives figures of months already past when it was written (2024年1—11月…, said in
    December): a numbered paragraph of a review (（一）…), not of a plan."""
    iy, im, _ = parse_issued(issued)
    if iy is None or im is None:
        return False
    for p in find_time_phrases(paragraph):
        if p.first_month is None or p.last_month is None or p.relation not in ("", "asof"):
            continue
        year = p.year if p.year is not None else iy + (p.offset or 0)
        if year < iy or (year == iy and p.last_month < im):
            return True
    return False


def _sentence_figures(doc: Document, s: Sentence, mentions: Sequence[Mention], review: bool = False,
                      sections: tuple[list[int], list[int | None]] = ([], []),
                      carried: Figure | None = None, previous_label: str = "") -> list[tuple[Figure, bool]]:
    """The figures of one sentence, each with whether its year is written out (2023年) or inferred;
    ``carried``: the sentence goes on a long one cut at ；whose last figure, this, was a target."""
    text = s.text
    qs = _without_milestones(text, find_quantities(text))
    if not qs:
        return []
    pstart = doc.text.rfind("\n", 0, s.start) + 1
    pend = doc.text.find("\n", s.end)
    paragraph = doc.text[pstart:pend if pend >= 0 else len(doc.text)]
    context = doc.text[pstart:s.start]
    numbered = bool(re.match(_fig()["plan_paragraph_start"], paragraph))
    plan = (numbered and not _months_gone_by(paragraph, doc.meta.issued)) or any(
        m in context + text for m in _fig()["plan_markers"] if m not in ("将", "要")) \
        or bool(re.search(_fig()["future_pattern"], context + text))    # 将/要, not 主要收入, 重要
    if not plan and context.strip(_SPACE):
        last = resolve_time(context, len(context), doc.meta.issued)
        plan = last.relation == "deadline" and last.future     # 方案提出，到2027年，…。…培育15个…: the plan goes on
    if plan and _months_gone_by(context + text, doc.meta.issued):
        plan = False            # 1-11月份，新增规上工业企业30家 after a word of 计划: months gone by, a review
    announced = _announces_targets(context)
    bulleted = bool(_BULLET.match(paragraph))
    if not announced and (not context or bulleted) and (bulleted or _in_line_list(doc.text, pstart, paragraph)):
        heading = _heading_above(doc.text, pstart)
        heading = heading.rstrip("：:" + _SPACE)
        heading += "" if heading.endswith("。") else "："     # …提出了主要目标。 above ——… lines
        if heading and _announces_targets(heading):
            # 预期目标 above ●…5%以上, also the later sentences of a bulleted paragraph (——…。…达到12%)
            announced, context = True, heading + context
    if not announced and not context.strip(_SPACE):
        heading = _section_heading(doc.text, sections, pstart)
        if heading and _announces_targets(heading + "："):
            announced, context = True, heading + "："      # 二、今年主要预期目标 above 国内生产总值增长5.5%左右
    issued = doc.meta.issued
    iy = parse_issued(issued)[0]
    time_context = context
    if not context.strip(_SPACE) and paragraph.lstrip(_SPACE).startswith(tuple(_fig()["continuation_starts"])):
        # 其中，铁路完成…7109亿元 opening a paragraph goes on the paragraph before (2022年全国完成…)
        end = len(doc.text[:pstart].rstrip(_SPACE + "\n"))
        time_context = doc.text[doc.text.rfind("\n", 0, end) + 1:end].strip(_SPACE)
    labels = _indicators(text, qs, previous_label)
    out: list[tuple[Figure, bool]] = []
    dateline = _DATELINE.match(text)        # 中新社重庆1月13日电: the article's date, not a figure's time
    timed = " " * dateline.end() + text[dateline.end():] if dateline else text
    milestones = _leading_milestones(text, qs)
    for n, (q, label) in enumerate(zip(qs, labels)):
        if n in milestones:
            continue
        tr = _change_time(timed, qs, n, resolve_time(timed, q.start, issued, context=time_context), issued,
                          time_context)
        cs = _clause_bounds(text, q.start)[0]
        first = min(x.start for x in qs if x.start >= cs)
        prev_target = (out[-1][0].is_target and not _measured_against(text, qs[n - 1])) if out \
            else carried is not None
        target = _is_target(text, q, first, tr, iy, plan, prev_target, announced, issued, review)
        if not target and re.search(_fig()["norm_pattern"], text[:q.start]):
            continue                                # 原则上应不少于3000平方米: a rule, not a figure
        forecast = any(w in text[:q.start] for w in _fig()["forecast_words"])
        year, used = _year(target, tr, issued, review, forecast)   # 预计全年…, said in March: this year
        if target and year is None and carried is not None and not tr.local:
            year = carried.year                     # …目标是：A 5%左右；B 1200万人左右: the list's year
        if target and year is None and not tr.local and context:
            # a target with no time of its own: the year its paragraph named (…提出了2024年的主要目标。)
            ctx_year, ctx_used = _year(True, resolve_time(context, len(context), issued), issued)
            if ctx_year is not None and (iy is None or ctx_year >= iy):
                year, used = ctx_year, ctx_used
        if target and year is None and not tr.local and (
                _year_plan(text[cs:q.start]) or any(w in text[cs:q.start] for w in _fig()["year_target_words"])):
            year = iy                               # 年度投资计划1200亿元: this year's
        if target and year is None and not tr.local:
            year = _plan_end(text[:q.start], iy)    # “十四五”数字经济发展目标是…: the plan's last year
        if not tr.kind and iy is not None and (year is None or not target):
            # under 一、2024年工作回顾 a figure is that year's; under 二、2025年…要求 a target is
            section_year = _section_year(sections, pstart)
            if section_year is not None and (section_year >= iy if target else section_year < iy):
                year = section_year
        explicit = bool(used and used.explicit)
        set_by, part_of = _agents(mentions, s, q) if target else ((), None)
        common = dict(is_target=target, unit=q.unit, surface=q.surface, year=year, sentence=s.index,
                      evidence=text, start=s.start, end=s.end,
                      as_of=used.as_of if used else None, period=used.period if used else "",
                      set_by=set_by, part_of=part_of)
        if q.high is None:
            out.append((Figure(indicator=label, value=q.value, comparator=q.comparator, **common), explicit))
        else:
            ind = _ind()
            out.append((Figure(indicator=label + ind["range_low"], value=q.value, comparator=Comparator.AT_LEAST,
                               **common), explicit))
            out.append((Figure(indicator=label + ind["range_high"], value=q.high, comparator=Comparator.AT_MOST,
                               **common), explicit))
    return out


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    dice = 2 * len(_bigrams(a) & _bigrams(b)) / (len(_bigrams(a)) + len(_bigrams(b)))
    if a in b or b in a:
        return max(dice, 0.5)
    return dice


def _weak(label: str) -> bool:
    rest = label
    for w in sorted(_ind()["generic_words"], key=len, reverse=True):
        rest = rest.replace(w, "")
    return len(rest) < 2


_BASE_WORDS = re.compile(r"(?:比|较)([^比较，,]{1,12}?)(?:同期)?(?:增长|增加|下降|减少|提高|降低|上升|回落|回升|加快|放缓|高|低|多|少)")


def _base(label: str) -> str:
    """What a change in ``label`` is measured against (…比上月下降 → 上月), or "" (not 比重, 占比)."""
    for w in _ind()["inherit_blockers"]:
        label = label.replace(w, "\0" * len(w))
    m = _BASE_WORDS.search(label)
    return m.group(1) if m else ""


@lru_cache(maxsize=256)
def _months_of(period: str) -> tuple[int, int] | None:
    """(first month, last month) a figure's period names (8月份 → (8, 8), 1—8月 → (1, 8)), or None."""
    p = next((p for p in find_time_phrases(period) if p.first_month is not None), None)
    return (p.first_month, p.last_month) if p is not None else None


def _same(x: tuple[Figure, bool], y: tuple[Figure, bool]) -> bool:
    """Two mentions of one figure: same value and unit, compatible years, and labels that agree."""
    (a, a_explicit), (b, b_explicit) = x, y
    if a.sentence == b.sentence and a.evidence == b.evidence:
        return False
    if a.value != b.value or a.unit != b.unit:
        return False
    if a.is_target and b.is_target and None not in (a.comparator, b.comparator) and a.comparator != b.comparator:
        return False                 # 增长6.5%以上 and 增长6.5%左右: two targets (of two places, two plans)
    bases = [_base(f.indicator) for f in (a, b)]
    if all(bases) and bases[0] != bases[1]:
        return False                 # 比上月下降0.2个百分点 and 比2019年同期下降0.2个百分点: two changes
    spans = [_months_of(f.period) for f in (a, b)]
    if all(spans) and spans[0] != spans[1]:
        return False                 # 8月份同比下降2.0% and 1—8月平均下降2.0%: a month and the months to it
    if a.year is not None and b.year is not None and a.year != b.year:
        # 截至2023年底…337.7万个 and, later, 目前…337.7万个: one written year, one inferred
        return a_explicit != b_explicit and a.is_target == b.is_target and _similar(a.indicator, b.indicator) >= 0.5
    if (a.is_target and b.is_target and a.year is not None and a.year == b.year and a.comparator == b.comparator
            and any(w in label for w in _fig()["target_words_after"] for label in (a.indicator, b.indicator))):
        return True                  # the target named again as such (我们把今年的目标设定为5.5%左右)
    if (a.is_target != b.is_target and a.comparator is not None and a.comparator == b.comparator
            and a.year == b.year and _similar(a.indicator, b.indicator) >= _fig()["restated_target_similarity"]):
        return True                  # 城镇调查失业率5.5%左右，体现了…: the target explained, not a result
    if _weak(a.indicator) or _weak(b.indicator):
        return a.comparator == b.comparator or a.is_target == b.is_target
    return a.is_target == b.is_target and _similar(a.indicator, b.indicator) >= 0.5 and _same_subject(a, b)


def _same_subject(a: Figure, b: Figure) -> bool:
    """The labels measure one thing: 规模以上工业增加值同比增长 and 采矿业增加值同比增长 (both 4.0%) do not."""
    sa, sb = _subject(a.indicator), _subject(b.indicator)
    k = 0
    while k < min(len(sa), len(sb)) and sa[len(sa) - 1 - k] == sb[len(sb) - 1 - k]:
        k += 1                       # the measure both end in (…业增加值) says nothing of what is measured
    ha, hb = sa[:len(sa) - k], sb[:len(sb) - k]
    short, long = sorted((ha, hb), key=len)
    at = long.find(short) if short else -1
    if at > 0 and 0 < len(_strip_words(long[:at], _ind()["subject_scopes"])) <= _ind()["subject_part_max_chars"]:
        return False                 # 制造业 and 装备制造业增加值: a part of it, not the same
    chars = iter(long)
    abbreviated = all(ch in chars for ch in short)      # 社零 of 社会消费品零售, 规上 of 规模以上
    return not ha or not hb or abbreviated or _similar(ha, hb) >= 0.5


def _better(x: tuple[Figure, bool], y: tuple[Figure, bool]) -> tuple[Figure, bool]:
    """The one to keep of two mentions of one figure."""
    (a, a_explicit), (b, b_explicit) = x, y
    if _weak(a.indicator) != _weak(b.indicator):
        return y if _weak(a.indicator) else x
    if (a.year is None) != (b.year is None):
        return x if a.year is not None else y
    if a.year != b.year:
        return x if a_explicit else y
    if a.is_target != b.is_target:
        return x if a.is_target else y
    return x


def _dedupe(figures: list[tuple[Figure, bool]]) -> list[tuple[Figure, bool]]:
    kept: list[tuple[Figure, bool]] = []
    for f in figures:
        for i, k in enumerate(kept):
            if _same(k, f):
                kept[i] = _better(k, f)
                break
        else:
            kept.append(f)
    return kept


def _restates(head: Figure, body: Figure) -> bool:
    """A headline figure said again in the body: the same value, or a round bound the body's
    exact figure of the same measure meets (超1.5万亿元 over 15129.6亿元)."""
    if head.unit != body.unit:
        return False
    if head.value == body.value:
        return True
    band = _fig()["headline_round_band"]
    low, high = {Comparator.AT_LEAST: (1, 1 + band), Comparator.ABOUT: (1 - band, 1 + band),
                 Comparator.AT_MOST: (1 - band, 1)}.get(head.comparator, (None, None))
    return low is not None and head.value * Decimal(str(low)) <= body.value <= head.value * Decimal(str(high)) \
        and _similar(_subject(head.indicator), _subject(body.indicator)) >= 0.5


def extract_figures(doc: Document, mentions: Sequence[Mention] = ()) -> list[Figure]:
    """Every statistic and target of ``doc``, each once, in reading order.

    ``mentions`` (optional) give a target's ``set_by`` (the first person or
    organization named before it in the sentence) and ``part_of`` (an initiative
    named in the same sentence).
    """
    first_line = doc.text.split("\n", 1)[0].strip()
    title = doc.meta.title.strip()
    is_title = bool(first_line and title and (title.startswith(first_line) or first_line.startswith(title)))
    body: list[tuple[Figure, bool]] = []
    heading: list[tuple[Figure, bool]] = []
    review = _reviews_last_year(doc)
    sections = _section_years(doc.text, doc.meta.issued)
    found: list[tuple[Figure, bool]] = []
    carried: Figure | None = None
    previous: Sentence | None = None
    notes = re.search(_fig()["notes_heading_pattern"], doc.text)
    for s in doc.sentences:
        if notes is not None and s.start >= notes.start():
            break                                   # 附注: the definitions closing a release
        same_paragraph = previous is not None and "\n" not in doc.text[previous.end:s.start]
        # 主要预期目标是：A 5%左右；B 1200万人左右；… cut into pieces at ；: the list goes on
        in_list = same_paragraph and previous.text.rstrip(_SPACE).endswith(("；", ";"))
        # …；居民收入增长和经济增长同步；粮食产量1.4万亿斤左右: a piece with no figure keeps the list going
        carried = (found[-1][0] if found[-1][0].is_target else None) if found and in_list \
            else carried if in_list else None
        before = found[-1][0].indicator if found and same_paragraph else ""
        found = _sentence_figures(doc, s, mentions, review, sections, carried, before)
        previous = s
        (heading if is_title and s.end <= len(doc.text.split("\n", 1)[0]) else body).extend(found)
    body = _dedupe(body)
    # a headline figure is said again in the article, with its context: keep the article's
    heading = [h for h in heading if not any(_restates(h[0], b) for b, _ in body)]
    return [f for f, _ in _dedupe(heading) + body]
