"""Finding where a name begins: walk left from its head noun over jieba tokens.

Chinese names of programmes and bodies are a head noun (行动, 工程, 基金 …)
preceded by the words that name it, and the name's left edge is where a
verb, an adverb, a punctuation mark or a function word stands. jieba's tokens
give the word boundaries; quoted parts (“一起益企”) and short parentheticals
(（REITs）) are taken whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..gazetteer import Gazetteer
from ..models import Kind
from .context import DATELINE, DocContext

__all__ = ["walk_left", "is_token_end", "NAME_CHAR", "Stops"]

_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
NAME_CHAR = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf〇A-Za-z0-9+·\-]")   # 〇: 二〇三五年
_OPEN = {"”": "“", "’": "‘", "」": "「", "》": "《", "）": "（", ")": "("}


def is_token_end(ctx: DocContext, offset: int) -> bool:
    # spaCy keeps a space as the token's trailing whitespace, not as a token of its own
    return offset >= len(ctx.text) or offset in ctx.token_starts or ctx.text[offset].isspace()


def _token_start_before(ctx: DocContext, offset: int, floor: int) -> int:
    """Start of the jieba token that ends at ``offset`` (or ``floor``)."""
    i = offset - 1
    while i > floor and i not in ctx.token_starts:
        i -= 1
    return max(i, floor)


@dataclass(frozen=True)
class Stops:
    """Words at which a name's left edge stops (kg/data/patterns/words.txt)."""

    strong: frozenset[str]
    weak: frozenset[str]
    function: frozenset[str]
    head: frozenset[str] = frozenset()
    glued: frozenset[str] = frozenset()
    joins: frozenset[str] = frozenset()           # 暨: joins two topics of one name, or glued to the next name

    @classmethod
    def from_words(cls, words: dict[str, tuple[str, ...]], *extra: str) -> "Stops":
        return cls(frozenset(words.get("strong_verbs", ())), frozenset(words.get("weak_verbs", ())),
                   frozenset(words.get("function_words", ())) | frozenset(extra),
                   frozenset(words.get("head_verbs", ())), frozenset(words.get("glued_prepositions", ())),
                   frozenset(words.get("glued_conjunctions", ())))

    @staticmethod
    @cache
    def of(gaz: Gazetteer, *extra: str) -> "Stops":
        """:meth:`from_words` of the gazetteer's words, made once per gazetteer and extra words."""
        return Stops.from_words(gaz.words, *extra)

    def is_strong(self, token: str) -> bool:
        return _ends_with_word(token, self.strong)

    def is_weak(self, token: str) -> bool:
        return _ends_with_word(token, self.weak)


def _ends_with_word(token: str, words: frozenset[str]) -> bool:
    """Whether ``token`` is one of ``words`` or ends with one (one set lookup per suffix)."""
    return any(token[i:] in words for i in range(len(token)))


_PARTNERS = frozenset("美俄日韩德法英意欧非阿拉东澳新巴印蒙越泰老柬缅哈吉乌塔土")
_NUMERAL = re.compile(r"\d+(?:个|家|项|批)?|第[一二三四五六七八九十\d]+批|首批|[个家项批]")
_EDITION = re.compile(r"(?:第[\d一二三四五六七八九十百]+|首)[届次]$")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTH = re.compile(r"\d{1,2}")


_DATELINE_OPENING = re.compile(rf"\s*{DATELINE}(?=[\s“‘「《（(])\s*")   # not 农民合作社电商…
_BYLINE_IN_BRACKETS = re.compile(r"记者|通讯员|摄影|实习生|[（(][^（()）]*\s[^（()）]*[）)]")


def walk_left(ctx: DocContext, head_start: int, *, stops: Stops, max_len: int = 32,
              allow: str = "", stop_after=None, quoted: bool = False, verb_named: bool = False) -> int:
    """Return where the name whose head noun starts at ``head_start`` begins.

    ``allow`` lists punctuation that may stand inside the name (e.g. "、" for
    document titles written "…稳增长、调结构、强能力的若干措施").
    ``stop_after(left_text)`` vetoes crossing a conjunction (和/与/及) when the
    text on its left already ends a name of the same kind. ``quoted``: the head
    noun stands inside quotes that close right after it (制造强省建设“十大工程”),
    so the opening quote is crossed once. ``verb_named``: a verb right before
    the head noun may belong to the name (a programme: 城市更新行动).
    """
    text = ctx.text
    sentence = ctx.document.sentences[ctx.sentence_index(head_start)] if ctx.document.sentences else None
    floor = sentence.start if sentence else 0
    if dateline := _DATELINE_OPENING.match(text, floor, head_start):
        floor = dateline.end()          # 新华社北京7月4日电“…”论坛: the dateline opens the sentence, not the name
    start = head_start
    anniversary = False
    while start > floor and head_start - start < max_len:
        ch = text[start - 1]
        if ch in _OPEN:  # a quoted or bracketed part: take it whole
            j = text.rfind(_OPEN[ch], max(floor, start - 24), start - 1)
            if j < 0 or _BYLINE_IN_BRACKETS.search(text, j, start) or ctx.covered(j, start, Kind.PERSON):
                break                   # （记者 吴晓颖）第十二届…博览会: a byline, not part of the name
            start = j
            continue
        if ch in allow:
            start -= 1
            continue
        if ch in "—－" and start - 2 >= floor and _HAN_CHAR.match(text[start - 2]) and _HAN_CHAR.match(text[start]) \
                and text[start - 2] not in "—－":
            start -= 1                  # 中国—东盟博览会: a dash joins two names inside one
            continue
        if quoted and ch in "“‘「":
            quoted = False
            start -= 1
            continue
        if not NAME_CHAR.match(ch):
            break
        tok_start = _token_start_before(ctx, start, floor)
        token = text[tok_start:start]
        first = start == head_start
        if first and token in stops.head:
            start = tok_start           # 全国新型工业化推进大会: 推进 names the meeting
            continue
        if token == "中" and text[start:start + 1] in _PARTNERS:
            start = tok_start           # 中法工业合作研讨会, 中欧班列: 中 and a partner's initial
            continue
        if token == "中" and (tok_start == floor or not NAME_CHAR.match(text[tok_start - 1])):
            start = tok_start           # ，中电光谷集团: 中 opening the clause opens the name (not 在…中)
            break
        if verb_named and first and token not in stops.function \
                and (stops.is_weak(token) or stops.is_strong(token) and _strong_verb_opens(ctx, stops, floor, tok_start)) \
                and _noun_phrase_before(ctx, stops, floor, tok_start):
            start = tok_start           # (实施的)商标品牌价值提升行动, 开展农业科技推广专项行动: the verb names it
            continue                    # (but 部门抓好规划: the subject, a verb and its object)
        if (stops.is_strong(token) or stops.is_weak(token)) and (body := _body_ending_at(ctx, start, floor)) is not None:
            start = body                # 中国—上海合作组织数字经济产业论坛: a body's name ending in a verb (组织)
            continue
        if token in stops.function and (whole := next((w for w in ctx.gaz.words.get("split_words", ())
                                                       if text.endswith(w, floor, start)), None)):
            start -= len(whole)         # 可持续发展论坛: jieba cut 可/持续, and 持续 alone is an adverb
            continue
        if token in stops.joins and stop_after is not None and not _ceremony_ends(ctx, text[floor:tok_start]) \
                and not stop_after(text[floor:tok_start]):
            start = tok_start           # 全市四季度工业经济暨招商引资调度会: 暨 joins two topics of one meeting
            continue
        if token in stops.function or stops.is_strong(token):
            break
        if token in stops.glued:
            start = tok_start + 1       # 对省十四届人大一次会议: jieba glued the preposition to 省
            break
        if len(token) > 1 and token[0] in stops.joins:
            start = tok_start + 1       # …博览会暨澜湄合作…论坛: jieba glued 暨 to the next name's first word
            break
        if anniversary and stops.is_weak(token):
            start = tok_start           # 庆祝共青团成立100周年大会: what the years count from is in the name
            continue
        if stops.is_weak(token) and (not _strong_verb_opens(ctx, stops, floor, tok_start)
                                     or ctx.gaz.is_place(ctx.text[_token_start_before(ctx, tok_start, floor):tok_start])):
            break                       # (支持宁夏建设…先行区: a place before the verb is its subject)
        if token in ("和", "与", "及") and stop_after is not None and stop_after(text[floor:tok_start]):
            break
        edition = _EDITION.search(text[max(floor, start - 8):start])
        if edition:                     # 第134届中国进出口商品交易会: the edition is part of the name
            start -= len(edition.group())
            continue
        if _YEAR.fullmatch(token) and (text[start:start + 1] == "年" or head_start - start >= 4):
            start = tok_start           # 2022年上半年金融统计数据新闻发布会: the year is part of the title
            continue
        if _MONTH.fullmatch(token) and text.startswith("月", start):
            start = tok_start           # 11月份国民经济运行情况新闻发布会: the month is part of the title
            continue
        if _NUMERAL.fullmatch(token):
            # 10个重点工业行业…方案 keeps its numeral; 启动首批30个…试点 does not
            lead = tok_start
            while lead > floor and _NUMERAL.fullmatch(text[_token_start_before(ctx, lead, floor):lead] or "x"):
                lead = _token_start_before(ctx, lead, floor)
            if lead > floor and text[lead - 1] in "”’」":
                start = lead            # “5G+工业互联网”512工程: the quoted name goes on before the number
                continue
            if lead > floor and text.startswith(ctx.gaz.words.get("counted_time_nouns", ()), start):
                start = lead            # 庆祝…成立25周年大会, 21世纪海上丝绸之路…博览会: the number is inside the name
                anniversary = True
                continue
            if lead == floor or not NAME_CHAR.match(text[lead - 1]):
                start = lead
            break
        start = tok_start
    if start == head_start:
        return _verbal_name_start(ctx, stops, floor, head_start)
    return start


def _ceremony_ends(ctx: DocContext, left: str) -> bool:
    """…兰洽会开幕式暨…论坛: an event's ceremony ends a name before 暨."""
    return left.endswith(tuple(ctx.gaz.words.get("ceremony_words", ())))


def _body_ending_at(ctx: DocContext, end: int, floor: int) -> int | None:
    """Start of an organization found before, in the sentence, whose name ends at ``end``."""
    return next((m.start for m in ctx.mentions(Kind.ORGANIZATION) if m.end == end and m.start >= floor), None)


def _verbal_name_start(ctx: DocContext, stops: Stops, floor: int, head_start: int) -> int:
    """启动实施国有企业改革深化提升行动: when only verbs stand before the head noun,
    they belong to the name if a noun phrase opened by a strong verb stands
    before them (the name then starts after that verb); else the name is empty."""
    text = ctx.text
    i, verbs = head_start, 0
    while verbs < 2 and i > floor:
        j = _token_start_before(ctx, i, floor)
        token = text[j:i]
        if not (stops.is_strong(token) or stops.is_weak(token)) or len(token) != 2:
            break
        i, verbs = j, verbs + 1
    if verbs == 0:
        return head_start
    noun_end, nouns = i, 0
    while i > floor and nouns < 4:
        j = _token_start_before(ctx, i, floor)
        token = text[j:i]
        if stops.is_strong(token) and i < noun_end:
            return i                    # the opener: the name is what follows it
        if not all(NAME_CHAR.match(c) for c in token) or token in stops.function \
                or stops.is_weak(token) or stops.is_strong(token):
            break
        i, nouns = j, nouns + 1
    return head_start


def _noun_phrase_before(ctx: DocContext, stops: Stops, floor: int, at: int) -> bool:
    """Whether two or more name characters stand left of ``at`` up to a strong
    verb, 的, a punctuation mark or the sentence's start: the verb at ``at``
    is inside a name (城市更新行动), not the one that governs it."""
    i, chars = at, 0
    while i > floor:
        j = _token_start_before(ctx, i, floor)
        token = ctx.text[j:i]
        if not token or not all(NAME_CHAR.match(c) for c in token) or token in stops.function \
                or token == "的":
            break
        if stops.is_strong(token) or stops.is_weak(token):
            break
        chars += i - j
        i = j
    return chars >= 2


def _strong_verb_opens(ctx: DocContext, stops: Stops, floor: int, at: int) -> bool:
    """Whether a strong verb stands left of ``at`` in the same clause, with only
    name characters between (制定壮大新兴产业打造…行动计划)."""
    before = ctx.text[_token_start_before(ctx, at, floor):at]
    if stops.is_strong(before) or stops.is_weak(before):
        return False                    # a chain of verbs (启动创建…示范区): the name starts after it
    i = at
    steps = 0
    while i > floor and steps < 12:
        j = _token_start_before(ctx, i, floor)
        token = ctx.text[j:i]
        if token in ("和", "与", "及", "、") or (token and all(c in "“”‘’「」" for c in token)):
            i, steps = j, steps + 1     # 抓好“技能中国行动”和职业技能提升行动: the verb opens both
            continue
        if not all(NAME_CHAR.match(c) for c in token) or token in stops.function:
            return False
        if stops.is_strong(token) or stops.is_weak(token):
            return True                 # a verb opens the clause: what follows it is the name
        i, steps = j, steps + 1
    return False
