"""Initiatives (named programmes, pilots, agreements, titled documents) and
events (named meetings, congresses, expos, forums).

A name is a head noun (行动, 工程, 试点 … / 会议, 大会, 博览会 …) and the words
that name it, up to the verb or punctuation on its left (see spans.walk_left).
《…》 titles are taken whole; “A、B等专项行动” yields A and B; generic phrases
(稳增长措施, 一系列措施, 重大工程) are left out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..gazetteer import Gazetteer, alternation, find_words, gazetteer
from ..models import Kind
from ..scan import Scanner
from .context import QUOTES, DocContext, clean_name
from .spans import Stops, is_token_end, walk_left

__all__ = ["extract_programmes"]

_CONGRESS = re.compile(
    r"(?:党的|中共)(?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)大"
    r"|(?:党的|中共)?(?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)届[一二三四五六七八九]中全会"
    r"|(?<![个项“\"])(?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)大(?=精神|以来|报告|代表|开幕|闭幕|胜利|召开|提出|作出|部署|和|、|及|上|[^\u4e00-\u9fff])"
    r"|(?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)届全国人大[一二三四五六七八九十]次会议")
_CONGRESS_TAIL = re.compile(r"(?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)(?:大|[一二三四五六七八九]中全会)$")
_CONGRESSES = Scanner(_CONGRESS)   # (“三个十大”行动计划: ten big things, not a congress)
# 十九届二中、三中、四中全会: one plenary session per item, each of that Central Committee
_PLENUM_LIST = re.compile(r"(?:党的)?((?:十[一二三四五六七八九]?|二十[一二三四五六七八九]?)届)"
                          r"([一二三四五六七八九]中)((?:、[一二三四五六七八九]中)+)全会")
# 省委十三届二次、三次全会: two plenary sessions of a local party committee in one phrase
_LOCAL_PLENUM_LIST = re.compile(r"(?P<body>(?:省|市|县|区|州)委)(?P<term>[一二三四五六七八九十]+届)"
                                r"(?P<first>[一二三四五六七八九十]+次)(?P<rest>(?:、[一二三四五六七八九十]+次)+)全(?:体)?会(?:议)?")
_SCOPE_PAIR = re.compile(r"(全国|全省|全市|全县|全区|全州)(?:和|及|与|、)(全省|全市|全县|全区|全州)(?=[\u4e00-\u9fff]{2})")
_SCOPE_FIRST = ("全国", "中央", "全省", "全市", "全县", "全区", "全州", "省委", "市委", "县委", "区委")
_SCOPE_NEXT = ("全省", "全市", "全县", "全区", "全州", "省委", "市委", "县委", "区委")


def _scope_list(text: str, start: int) -> list[tuple[int, int]]:
    """The scopes listed with 、/和/及 at the start of a meeting's name, or ending where
    it starts (中央、省委、市委 before 经济工作会议), each as (start, end)."""
    at = start
    while text[at - 1:at] in ("、", "和", "及") \
            and (first := next((w for w in _SCOPE_FIRST if text.endswith(w, 0, at - 1)), None)) is not None:
        at -= len(first) + 1           # walk back over the scopes listed before the name
    items: list[tuple[int, int]] = []
    while (word := next((w for w in (_SCOPE_NEXT if items else _SCOPE_FIRST) if text.startswith(w, at)), None)):
        items.append((at, at + len(word)))
        at += len(word)
        if text[at:at + 1] not in ("、", "和", "及") or not text.startswith(_SCOPE_NEXT, at + 1):
            break
        at += 1
    return items


_THEME = re.compile(r"[^“”。；\n]{0,30}”(?:为|作为)主题")
_BOOK = re.compile(r"《([^《》\n]{2,60})》")
_LIST_BEFORE_NOUN = re.compile(r"((?:[^，。；：、\s]{2,20}、)+[^，。；：、\s]{2,20})等(?=[^，。；]{0,6}$)")


@cache
def _patterns(gaz: Gazetteer) -> dict[str, re.Pattern]:
    w = gaz.words
    return {
        "programme": re.compile(alternation(w["programme_nouns"])),
        "document": re.compile(f"(?:的)?(?:{alternation(w['document_nouns'])})"),
        "law": re.compile(alternation(w["law_nouns"])),
        # 推进会议, 部署会议: the head is 会议, not 推进会 followed by 议 (but 大会议程 is 大会's agenda)
        "event": re.compile(f"(?:{alternation(w['event_nouns'])})(?!议(?!程))"),
        "event_name": re.compile(f"(?:第[\\d一二三四五六七八九十百]+届)?(?:{alternation(_event_names(w))})"),
        "programme_end": re.compile(f"(?:{alternation(w['programme_nouns'])})$"),
        "qualified_head": re.compile(f"(?:(?![和与及或并的])[\\u4e00-\\u9fff\\d]){{1,6}}?"
                                     f"(?:{alternation(w['programme_nouns'])})"),
        "event_end": re.compile(f"(?:{alternation(w['event_nouns'])})$"),
        "title_end": re.compile(f"(?:{alternation(w['document_nouns'])}|条例|法|纲要|协定|协议)$"),
    }


@cache
def _event_names_scanner(gaz: Gazetteer) -> Scanner:
    return Scanner(_patterns(gaz)["event_name"])     # it opens with an optional edition


def _event_names(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Short event names → the full name they stand for ('' when none is given)."""
    out = {}
    for item in words.get("event_names", ()):
        short, _, full = item.partition("=")
        out[short] = full
    return out


_ANNUAL_SESSION = re.compile(r"(?:\d{4}年?)?年会|[\u4e00-\u9fff]{2}峰会")


def _annual_sessions(ctx: DocContext) -> None:
    """博鳌亚洲论坛2024年年会, 世界互联网大会乌镇峰会: a forum's yearly session
    or summit written right after its name is the event."""
    from dataclasses import replace

    out = []
    for m in ctx.extraction.mentions:
        if m.kind is Kind.EVENT and m.label.endswith(("论坛", "大会")) and m.end > m.start:
            after = _ANNUAL_SESSION.match(ctx.text, m.end)
            if after and not ctx.covered(after.start(), after.end(), Kind.EVENT):
                m = replace(m, end=after.end(), label=m.label + after.group())
        out.append(m)
    ctx.extraction.mentions = out


def _expand_short_event_names(ctx: DocContext) -> None:
    """进博会 in an article that also writes 第六届中国国际进口博览会 is that event."""
    from dataclasses import replace

    from ..resolve import entity_key

    expansions = {k: v for k, v in _event_names(ctx.gaz.words).items() if v}
    events = ctx.mentions(Kind.EVENT)
    out = []
    for m in ctx.extraction.mentions:
        full = expansions.get(re.sub(r"^第.+?届", "", m.label)) if m.kind is Kind.EVENT else None
        if full:    # 中博会=A|B: a short name two expos share stands for the one the article names
            longer = [e for e in events if e.label.endswith(tuple(full.split("|")))]
            if len({e.label for e in longer}) == 1:
                m = replace(m, key=entity_key(Kind.EVENT, longer[0].label)[0])
        elif m.kind is Kind.EVENT and (inside := next((k for k in expansions if k in m.label), None)):
            # 第十九届西博会筹备工作动员会 and …中国西部国际博览会筹备工作动员会: one meeting
            longer = [e for e in events for f in expansions[inside].split("|")
                      if e.label == m.label.replace(inside, f)]
            if len({e.label for e in longer}) == 1:
                m = replace(m, key=entity_key(Kind.EVENT, longer[0].label)[0])
        out.append(m)
    ctx.extraction.mentions = out


_SESSION_YEAR = re.compile(r"^(?:(?:19|20)\d{2}年(?:度)?|新一届)")   # 新一届国务院第一次常务会议 too
_SESSION_NUMBER = re.compile(r"第[\d一二三四五六七八九十百]+次")


def _same_session_written_short(ctx: DocContext) -> None:
    """2023年第4次县政府常务会议 in the title, 县政府常务会议 in the body (or 国务院第十次
    常务会议 and 国务院常务会议): the name without its year and number is that session,
    when it is the only one so written."""
    from ..resolve import entity_key

    short = {e.label: _SESSION_NUMBER.sub("", _SESSION_YEAR.sub("", e.label)) for e in ctx.mentions(Kind.EVENT)}
    out = []
    for m in ctx.extraction.mentions:
        if m.kind is Kind.EVENT and m.key is None:
            longer = {label for label, written in short.items() if len(label) > len(m.label) and written == m.label}
            if not longer:      # 民营经济健康发展大会 after 全省民营经济健康发展大会: the same meeting
                longer = {label for label in short if len(label) == len(m.label) + 2
                          and label.endswith(m.label) and _SCOPE_WORD.fullmatch(label[:2])}
            if not longer and (scope := _WHOLE_SCOPE.match(m.label)):
                # 全市制造业…座谈会 in the title, 嘉兴市制造业…座谈会 in the body: the place's own meeting
                rest = m.label[scope.end():]
                longer = {label for label in short if label.endswith(scope.group(1) + rest)
                          and (ctx.gaz.is_place(label[:-len(rest)])      # (潜山市: a city we do not list)
                               or re.fullmatch(f"[\u4e00-\u9fff]{{2,4}}{scope.group(1)}", label[:-len(rest)]))}
            if len(longer) == 1:
                m = replace(m, key=entity_key(Kind.EVENT, longer.pop())[0])
        out.append(m)
    ctx.extraction.mentions = out


_SCOPE_WORD = re.compile(r"全[国省市县区州]")
_WHOLE_SCOPE = re.compile(r"全([省市县区州])(?=[\u4e00-\u9fff]{2})")


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _is_generic(modifier: str, generic: tuple[str, ...], gaz: Gazetteer) -> bool:
    rest = clean_name(modifier)
    for word in _longest_first(generic):
        rest = rest.replace(word, "")
    # 一批试点, 第二场新闻发布会, 前四届大会: a count or an ordinal names nothing
    rest = re.sub(r"^第?[\d一二三四五六七八九十]+[个项批家场]|^(?:前|近|后|历)[\d一二三四五六七八九十]*届", "", rest)
    return len(rest) < 2 and not re.search(r"[A-Za-z]", rest) or clean_name(modifier) in gaz.org_names


_BRIEFING = re.compile(r"(?:发布会|吹风会|通气会)$")


def _without_body(ctx: DocContext, modifier: str, generic: tuple[str, ...] = ()) -> str:
    """``modifier`` less a body's name it starts with (国家能源局例行新闻 → 例行新闻),
    also after one of the ``generic`` words (首场中共中央新闻 → 新闻)."""
    name = clean_name(modifier)
    for lead in ("", *(w for w in generic if name.startswith(w))):
        for end in range(len(name), len(lead) + 1, -1):
            if ctx.gaz.org(name[len(lead):end]):
                return name[end:]
    return name


def _strip_time(ctx: DocContext, start: int, end: int) -> int:
    m = re.match(r"(?:(?:\d{4}年(?:度)?|今年|明年|去年|年内|近期|近日|目前)(?:[\u4e00-\u9fff]{2,4}?期间)?"
                 r"|[\u4e00-\u9fff]{2,4}?期间)", ctx.text[start:end])     # 2022年春节期间…行动: a time phrase
    return start + m.end() if m else start


def _next_word_blocks(ctx: DocContext, end: int) -> bool:
    after = ctx.text[end:end + 4]
    return after.startswith(ctx.gaz.words.get("after_noun_blockers", ()))


def _named_just_before(ctx: DocContext, offset: int):
    for m in ctx.mentions(Kind.EVENT, Kind.INITIATIVE):
        if m.end == offset:
            return m
    return None


def _ends_word(ctx: DocContext, end: int) -> bool:
    """A head noun ends a word where jieba's token ends, or where jieba glued a
    verb to it (计划编制)."""
    if is_token_end(ctx, end):
        return True
    return any(ctx.text.startswith(w, end) and is_token_end(ctx, end + len(w))
               for w in ctx.gaz.words.get("noun_followers", ()))


def _books(ctx: DocContext) -> None:
    pats = _patterns(ctx.gaz)
    for m in _BOOK.finditer(ctx.text):
        title = m.group(1).strip()
        name = clean_name(title)
        owner = _named_just_before(ctx, m.start())
        if owner is not None and len(name) <= 4:
            # 党的二十届三中全会《决定》, “十四五”规划《纲要》: the document of that event or plan
            full = owner.label + name
            ctx.add(Kind.INITIATIVE, m.start(), m.end(), label=name, key=f"name:{full}", rule="《title》 of a named thing")
            continue
        if ctx.gaz.org(name) or len(name) <= 2:
            continue   # 《人民日报》 is an outlet; 《决定》 alone names nothing
        if name in _bare_heads(ctx.gaz):
            # 《行动计划》 after 《…三年行动计划（2023-2025年）》: the same document written short
            full = next((i.label for i in reversed(ctx.mentions(Kind.INITIATIVE))
                         if i.start < m.start() and _TAILS.sub("", i.label).endswith(name) and i.label != name), None)
            if full is not None:
                ctx.add(Kind.INITIATIVE, m.start(), m.end(), label=name, key=f"name:{full}",
                        rule="《title》 written short")
            continue
        bare = _TAILS.sub("", name)        # 《…计划（2023-2025年）（征求意见稿）》
        if pats["programme_end"].search(bare) or pats["title_end"].search(bare) \
                or re.fullmatch(r"[\u4e00-\u9fff]{2,12}(?:19|20)\d{2}", bare):   # 《中国制造2025》: a plan named by its horizon
            ctx.add(Kind.INITIATIVE, m.start(), m.end(), label=name, rule="《title》")
            acronym = re.search(r"([A-Z][A-Za-z0-9]{1,9})[（(]$", ctx.text[max(0, m.start() - 12):m.start()])
            if acronym:      # RCEP（《区域全面经济伙伴关系协定》）
                a_start = m.start() - len(acronym.group(0))
                ctx.add(Kind.INITIATIVE, a_start, a_start + len(acronym.group(1)),
                        key=f"name:{name}", rule="acronym of 《title》")
            after = _ACRONYM_AFTER.match(ctx.text, m.end())
            if after:        # 《区域全面经济伙伴关系协定》（RCEP）
                ctx.add(Kind.INITIATIVE, after.start(1), after.end(1), key=f"name:{name}", rule="acronym of 《title》")


_TAILS = re.compile(r"(?:[（(][^（()）]*[）)])+$")


@cache
def _bare_heads(gaz: Gazetteer) -> frozenset[str]:
    """Programme and document nouns: a title that is one of them alone names no document of its own."""
    return frozenset(gaz.words["programme_nouns"]) | frozenset(gaz.words["document_nouns"])


_EVENT_LEAD = re.compile(r"(?:(?:19|20)\d{2}年?|第[\d一二三四五六七八九十百]+[届次])$")
_SAID = re.compile(r"(?:讲话|指示|批示|精神|部署|要求)$")
_SPIRIT = re.compile(r"(?:的)?(?:重要讲话|决策部署|精神|部署|要求)$")
_TITLE_TAIL = re.compile(r"[（(][^（()）]{1,6}[）)]")     # 《…计划（草案）》, 《…办法（试行）》
# 智博会 in （智博会） or （以下简称“投洽会”）
_SHORT_EVENT_AFTER = re.compile(r"[（(](?:(?:以下)?简称)?[“\"]?([\u4e00-\u9fff]{2,5}(?:会|节|展))[”\"]?[）)]")
_ACRONYM_AFTER = re.compile(r"[（(]([A-Z][A-Za-z0-9]{1,9})[）)]")
_ORDINAL = re.compile(r"(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+[，,、]?)")
_SESSION = re.compile(r"第[\d一二三四五六七八九十百]+次(?:全体)?会议")
# 第十九届中国西部国际博览会筹备工作动员会: a meeting preparing the expo, named after it
_PREPARING = re.compile(r"(?:筹备|筹办)(?:工作)?(?:动员|推进|部署|调度)?(?:会议|大会|会)")
# 对…的意见 (not 关于做好对外开放工作的意见: 关于 names a document's subject; 对外 is a word)
_OPINION_ON = re.compile(r"(?:(?<![面针应绝相反])对(?![外接标照口应于比])|就)(?![^，。；：]*关于)[^，。；：]*$")
# 2021中关村论坛组委会第一次全体会议: a session of the committee organising the forum
_COMMITTEE_SESSION = re.compile(r"(?:组委会|筹委会|执委会|组织委员会)" + _SESSION.pattern)
_SESSIONS_COUNTED = re.compile(r"(?:历|各|每|多|几)[次届]$")


_ABOUT = re.compile(r"关于[^，。；：:、！？\n“”《》]*$")


def _about_start(ctx: DocContext, start: int, head: int) -> int:
    """关于加快建设…体系的意见: a document titled 关于… starts at 关于, whatever verbs
    stand inside; with its issuers written right before (国务院办公厅关于…), at them."""
    about = _ABOUT.search(ctx.text, max(0, start - 40), start)
    if about is None:
        return start
    start = about.start()
    while (issuer := next((o for o in ctx.mentions(Kind.ORGANIZATION) if o.end == start), None)) is not None:
        start = issuer.start
        if ctx.text[start - 1:start] == "、" and any(o.end == start - 1 for o in ctx.mentions(Kind.ORGANIZATION)):
            start -= 1          # 中共中央、国务院关于…: both issuers
    return start


def _named_heads(ctx: DocContext, pattern: re.Pattern, kind: Kind, generic_list: str,
                 end_pattern: re.Pattern, allow: str = "", need_de: bool = False) -> None:
    gaz, text = ctx.gaz, ctx.text
    stops = Stops.of(gaz, *(() if allow else ("的", "关于")))
    generic = gaz.words.get(generic_list, ())

    def conj_stops(left: str) -> bool:  # 中央经济工作会议和全国新型工业化推进大会: two names
        if _SAID.search(left.rstrip(QUOTES + " ")):
            return True                 # 在…上的讲话和省委十届九次全体会议: what was said, then a name
        left = _SPIRIT.sub("", left.rstrip(QUOTES + " "))   # 中央经济工作会议精神和…大会部署
        return bool(end_pattern.search(left) or kind is Kind.EVENT and _CONGRESS_TAIL.search(left)
                    or any(left.endswith(e.label) for e in ctx.mentions(kind)))   # 全国两会和…: a name found before
        # …“千乡万村驭风行动”和“千家万户沐光行动”; 二十大精神和中央经济工作会议精神

    books = [(b.start(), b.end()) for b in _BOOK.finditer(text)]
    for m in pattern.finditer(text):
        if any(bs < m.start() and m.end() < be - 1 and not _TITLE_TAIL.fullmatch(text[m.end():be - 1])
               for bs, be in books):
            continue   # 《关于…计划执行情况与2017年计划（草案）的报告》: a report, whatever it names inside
        end = m.end()
        while (nxt := pattern.match(text, end)) is not None:
            end = nxt.end()
        if end != m.end() or _SESSION.match(text, m.end()) or kind is Kind.EVENT and (
                _PREPARING.match(text, m.end()) or _COMMITTEE_SESSION.match(text, m.end())):
            continue   # the longer head is matched on its own (先行区试点, 人民代表大会第三次会议, 博览会筹备工作会议)
        if kind is Kind.INITIATIVE and m.group() in gaz.words.get("qualifying_heads", ()) \
                and _patterns(gaz)["qualified_head"].match(text, m.end()):
            continue   # 专项整治行动: named at its last head
        # the cheap tests first: _ends_word may have jieba cut a block
        if ctx.covered(m.start(), m.end()) or _next_word_blocks(ctx, m.end()) or not _ends_word(ctx, m.end()):
            continue
        if kind is Kind.INITIATIVE and _THEME.match(text, m.end()):
            continue   # 以“…打造数字经济国际合作先行区”为主题: a theme's slogan, no programme
        if need_de and not m.group().startswith("的"):
            _list_items(ctx, m.start(), kind)
            continue
        if need_de and text.startswith(gaz.words.get("asked_opinion_followers", ()), m.end()):
            continue   # 对…工作的意见和建议: opinions asked for, not a document issued
        if need_de and m.group().startswith("的") \
                and text.endswith(gaz.words.get("reported_opinion_verbs", ()), 0, m.start()):
            continue   # 会议同意区政府办公室汇报的意见: what an office reported, not a document issued
        if need_de and m.group().endswith("意见") and _OPINION_ON.search(
                text, max(text.rfind(p, 0, m.start()) for p in "，。；：\n") + 1, m.start()):
            continue   # 接收代表委员对《报告》和政府工作的意见: what people think of it, not a document
        quoted = text[m.end():m.end() + 1] in "”’」"
        start = walk_left(ctx, m.start(), stops=stops, allow=allow, stop_after=conj_stops, quoted=quoted,
                          verb_named=kind is Kind.INITIATIVE)
        if need_de and m.group().startswith("的"):
            start = _about_start(ctx, start, m.start())
        if kind is Kind.INITIATIVE and text[start:start + 2] != "关于":
            start = _strip_time(ctx, start, m.start())   # an event's year is part of its title; a programme's is a time phrase
        while start < m.start() and text[start] in "和与及、暨了":   # a name never starts with a conjunction (or 了)
            start += 1
        if text[start:start + 1] in ("日", "号") and text[start - 1:start].isdigit():
            start += 1      # 7月28日中央政治局会议: jieba's 日中 glued the date's 日 to the name
        if (ordinal := _ORDINAL.match(text, start, m.start())) is not None:
            start = ordinal.end()   # 三是国企改革三年行动: the list's ordinal, not the name
        if kind is Kind.INITIATIVE:
            start += next((len(w) for w in gaz.words.get("round_qualifiers", ())
                           if text.startswith(w, start) and start + len(w) < m.start()), 0)
        if text[start - 1:start] == "、" and (quote := text.find("“", start, m.start())) > start \
                and not gaz.is_place(text[start:quote]):
            start = quote   # 深化原材料、消费品“三品”行动: the fields listed qualify the quoted name
            #                 (but 、辽宁省“十四五”数字政府发展规划: a province names its plan)
        if (conj := text.rfind("和", start, m.start())) > start \
                and gaz.is_place(text[start:conj]):
            start = conj + 1    # 盘锦市和沈抚示范区: a place joined before the name is no part of it
        _list_items(ctx, m.start(), kind)
        modifier = text[start:m.start()]
        if any((modifier + m.group()).endswith(w) and len(clean_name(modifier + m.group())) <= len(w) + 1
               for w in gaz.words.get("common_nouns", ())) or clean_name(modifier + m.group()).endswith("解决方案"):
            continue
        if _is_generic(modifier, generic, gaz) or ctx.covered(start, m.end(), Kind.PERSON):
            continue
        if (tail := re.split("[和与及]", modifier)[-1]) != modifier and _is_generic(tail, generic, gaz):
            continue   # 重大科技创新和重大工程: the words joined to a generic phrase name nothing
        if _BRIEFING.search(m.group()) and _is_generic(_without_body(ctx, modifier, generic), generic, gaz):
            continue   # 商务部例行新闻发布会: a body's briefing, an occasion without a title
        if re.search(r"哪些|什么|如何|怎样|是否|有何|为何|何种", modifier):
            continue
        if kind is Kind.EVENT and _SESSIONS_COUNTED.search(modifier):
            continue   # 十九届历次全会, 各届论坛: every session of a series, no one event
        if kind is Kind.EVENT and any(v in modifier for v in gaz.words.get("verbs_never_in_event_names", ())):
            continue   # 欢迎大家来参加新闻发布会: who attends the meeting, not its name
        if kind is Kind.INITIATIVE and clean_name(modifier).lstrip("的") in _bare_heads(gaz):
            continue   # 征求《…》意见的公告: a document noun qualifies nothing by itself
        if ctx.covered(start, m.end(), Kind.INITIATIVE, Kind.EVENT):
            continue
        if text[m.start() - 1:m.start()] == "等" and _LIST_BEFORE_NOUN.search(text[:m.start()]):
            continue
        if any(len(f.label) > m.end() - start and text.endswith(f.label, 0, m.end()) for f in ctx.mentions(kind)):
            continue   # a name found whole before (in 《》), written again where a verb inside it stops the walk
        if kind is Kind.EVENT and len(scopes := _scope_list(text, start)) > 1:
            rest = clean_name(text[scopes[-1][1]:m.end()])   # 中央、省委、市委经济工作会议: one meeting of each
            for s_start, s_end in scopes:
                ctx.add(kind, s_start, s_end if (s_start, s_end) != scopes[-1] else m.end(),
                        label=text[s_start:s_end] + rest, rule="event of each scope")
            continue
        if kind is Kind.EVENT and (pair := _SCOPE_PAIR.match(text, start - 3 if text[start - 1:start] == "、" else start,
                                                          m.start())) is not None:
            rest = clean_name(text[pair.end():m.end()])     # 全国和全省工业和信息化工作会议: two meetings
            ctx.add(kind, pair.start(), pair.end(1), label=pair.group(1) + rest, rule="event of each scope")
            ctx.add(kind, pair.start(2), m.end(), label=pair.group(2) + rest, rule="event of each scope")
            continue
        added = ctx.add(kind, start, m.end(), rule=f"{kind.value.lower()} noun")
        after = (_ACRONYM_AFTER if kind is Kind.INITIATIVE else _SHORT_EVENT_AFTER).match(text, m.end())
        if added is not None and after and not ctx.covered(after.start(1), after.end(1)):
            # …伙伴关系协定（CPTPP）, 2023中国国际智能产业博览会（智博会）: the short name is the same thing
            ctx.add(kind, after.start(1), after.end(1), key=f"name:{added.label}", rule="short name in brackets")


def _list_items(ctx: DocContext, head: int, kind: Kind) -> None:
    """组织开展IPv6网络就绪、IPv6端到端贯通等专项行动 → two initiatives."""
    text = ctx.text
    if text[head - 1:head] != "等":
        return
    sentence = ctx.document.sentences[ctx.sentence_index(head)] if ctx.document.sentences else None
    lo = sentence.start if sentence else 0
    m = _LIST_BEFORE_NOUN.search(text[lo:head])
    if not m:
        return
    stops = ctx.gaz.words.get("strong_verbs", ()) + ctx.gaz.words.get("weak_verbs", ())
    offset = lo + m.start(1)
    for item in m.group(1).split("、"):
        s, e = offset, offset + len(item)
        offset = e + 1
        for w in sorted(stops, key=len, reverse=True):  # 组织开展IPv6网络就绪 → IPv6网络就绪
            i = text.rfind(w, s, e)
            if i >= 0 and i + len(w) < e and len(w) >= 2:
                s = i + len(w)
        if e - s >= 3 and not ctx.covered(s, e):
            ctx.add(kind, s, e, rule="list before 等+noun")


def _drop_inner_organizations(ctx: DocContext) -> None:
    """A body named inside a programme's or event's name (APEC中小企业技展会)
    is part of that name, not a mention of its own."""
    spans = [(m.start, m.end) for m in ctx.mentions(Kind.INITIATIVE, Kind.EVENT)]
    ctx.extraction.mentions = [
        m for m in ctx.extraction.mentions
        if m.kind is not Kind.ORGANIZATION or m.start == m.end
        or not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]


_THIS_SESSION = re.compile(r"(?:本届|本次|此次|这次)")


def _this_session(ctx: DocContext, event_head: re.Pattern, short_name: re.Pattern) -> None:
    """本届博览会由商务部主办, 本届广交会…: "this" expo is the one named before
    with that head noun or short name (第136届广交会), not a node of its own."""
    for m in _THIS_SESSION.finditer(ctx.text):
        head = event_head.match(ctx.text, m.end()) or short_name.match(ctx.text, m.end())
        if head is None:
            continue
        named = [e for e in ctx.mentions(Kind.EVENT) if e.end <= m.start() and e.label.endswith(head.group())]
        if not named:
            continue
        ctx.extraction.mentions = [e for e in ctx.extraction.mentions if not (
            e.kind is Kind.EVENT and (e.start, e.end) == (head.start(), head.end()))]
        if not ctx.covered(m.start(), head.end()):
            antecedent = max(named, key=lambda e: e.end)
            ctx.add(Kind.EVENT, m.start(), head.end(), label=antecedent.label, key=antecedent.key,
                    rule="this session")


@cache
def _one_off_pattern(gaz: Gazetteer) -> re.Pattern:
    return re.compile(f"一次性((?:(?![的和与及、])[\\u4e00-\\u9fff]){{2,6}}?)(?:{alternation(gaz.words['one_off_subsidies'])})")


def _one_off_subsidies(ctx: DocContext) -> None:
    """一次性留工培训补助, 一次性扩岗补助: a one-off subsidy named by what it pays for."""
    stops = Stops.of(ctx.gaz)
    verbs = ctx.gaz.words.get("one_off_verbs", ())
    for m in _one_off_pattern(ctx.gaz).finditer(ctx.text) if "一次性" in ctx.text else ():
        if ctx.covered(m.start(), m.end()) or not is_token_end(ctx, m.end()) \
                or m.group(1).startswith(verbs) or stops.is_strong(m.group(1)[:2]):
            continue   # 一次性发放补贴: a verb, not a name
        ctx.add(Kind.INITIATIVE, m.start(), m.end(), rule="one-off subsidy")


_SHORT_SESSION = (   # a session of the NPC or the CPPCC written short, and its full name
    (re.compile(r"全国政协((?:二十|十)?[一二三四五六七八九]?)届([一二三四五六七八九十])次会议"),
     r"中国人民政治协商会议第\1届全国委员会第\2次会议"),
    (re.compile(r"((?:二十|十)?[一二三四五六七八九]?)届全国人大([一二三四五六七八九十])次会议"),
     r"第\1届全国人民代表大会第\2次会议"),
    # 德州市政协十五届二次会议, 德州市十九届人大二次会议: a city's or province's sessions
    (re.compile(r"([\u4e00-\u9fff]{2,6}?[省市县区州])政协((?:二十|十)?[一二三四五六七八九]?)届([一二三四五六七八九十])次会议"),
     r"中国人民政治协商会议第\2届\1委员会第\3次会议"),
    (re.compile(r"([\u4e00-\u9fff]{2,6}?[省市县区州])((?:二十|十)?[一二三四五六七八九]?)届人大([一二三四五六七八九十])次会议"),
     r"\1第\2届人民代表大会第\3次会议"),
)


def _sessions_written_short(ctx: DocContext) -> None:
    """全国政协十三届二次会议 in an article that also writes 中国人民政治协商会议第十三届全国委员会
    第二次会议, or a body's meeting written once with the body and once without: one event, named in full."""
    labels = {m.label for m in ctx.mentions(Kind.EVENT)}
    out = []
    for m in ctx.extraction.mentions:
        if m.kind is Kind.EVENT and m.key is None:
            for short, full in _SHORT_SESSION:
                if (hit := short.fullmatch(m.label)) is not None and (name := hit.expand(full)) in labels:
                    m = replace(m, key=f"name:{name}")
            # 生态环境部5月例行新闻发布会, then 5月例行新闻发布会: the body's meeting written without the body
            whole = next((w for w in labels if len(w) > len(m.label) and w.endswith(m.label)
                          and (ctx.gaz.org(w[:-len(m.label)])
                               or w[:-len(m.label)] == "全国" and m.label.startswith(("政协", "人大")))), None)
            #   (政协十三届五次会议 after 全国政协十三届五次会议: the national session written short)
            if m.key is None and whole is not None:
                m = replace(m, key=f"name:{whole}")
        out.append(m)
    ctx.extraction.mentions = out


def _local_plenums(ctx: DocContext, m: re.Match) -> None:
    """One event per session listed (省委十三届二次、三次全会 → …二次全会, …三次全会),
    each named with the committee (四川省委 when the body is written in full)."""
    start = next((o.start for o in ctx.mentions(Kind.ORGANIZATION) if o.end == m.end("body")), m.start())
    committee = clean_name(ctx.text[start:m.end("body")]) + m.group("term")
    head = ctx.text[m.end("rest"):m.end()]        # 全会, or 全体会议 as written
    items = [(m.start("first"), m.group("first"))]
    at = m.start("rest")
    for item in m.group("rest").split("、")[1:]:
        at = ctx.text.index(item, at)
        items.append((at, item))
        at += len(item)
    for i, (at, item) in enumerate(items):
        first, last = i == 0, i == len(items) - 1
        ctx.add(Kind.EVENT, start if first else at, m.end() if last else at + len(item),
                label=f"{committee}{item}{head}", rule="plenary in a list")


def extract_programmes(ctx: DocContext) -> None:
    gaz = ctx.gaz
    pats = _patterns(gaz)
    for m in _PLENUM_LIST.finditer(ctx.text) if "中全会" in ctx.text else ():
        term = m.group(1)
        at = m.start(2)
        for i, item in enumerate([m.group(2)] + m.group(3).split("、")[1:]):
            at = ctx.text.index(item, at)
            start = m.start() if i == 0 else at
            end = m.end() if at + 2 == m.end() - 2 else at + 2
            ctx.add(Kind.EVENT, start, end, label=f"{term}{item}全会", rule="plenary in a list")
            at += 2
    for m in _LOCAL_PLENUM_LIST.finditer(ctx.text) if "次、" in ctx.text else ():
        _local_plenums(ctx, m)
    for m in _CONGRESSES.finditer(ctx.text):
        if not ctx.covered(m.start(), m.end(), Kind.EVENT, Kind.INITIATIVE):   # 全国人大 inside is part of it
            ctx.add(Kind.EVENT, m.start(), m.end(), rule="party congress")
    for m in _event_names_scanner(gaz).finditer(ctx.text):
        if not ctx.covered(m.start(), m.end()) and not _PREPARING.match(ctx.text, m.end()) \
                and not _COMMITTEE_SESSION.match(ctx.text, m.end()):
            lead = _EVENT_LEAD.search(ctx.text, max(0, m.start() - 12), m.start())
            start = lead.start() if lead and not ctx.covered(lead.start(), m.start()) else m.start()
            ctx.add(Kind.EVENT, start, m.end(), rule="event name")   # 2024年夏季达沃斯论坛: its year too
    _named_heads(ctx, pats["event"], Kind.EVENT, "generic_event_modifiers", pats["event_end"])
    _annual_sessions(ctx)
    _books(ctx)
    _named_heads(ctx, pats["programme"], Kind.INITIATIVE, "generic_modifiers", pats["programme_end"])
    _named_heads(ctx, pats["document"], Kind.INITIATIVE, "generic_modifiers", pats["programme_end"],
                 allow="、", need_de=True)
    _named_heads(ctx, pats["law"], Kind.INITIATIVE, "generic_modifiers", pats["programme_end"])
    _one_off_subsidies(ctx)
    _drop_inner_organizations(ctx)
    _expand_short_event_names(ctx)
    _same_session_written_short(ctx)
    _this_session(ctx, pats["event"], pats["event_name"])
    # later mentions of a name found once, written the same way
    found = ctx.mentions(Kind.INITIATIVE, Kind.EVENT)
    for m in _BOOK.finditer(ctx.text):
        owned = [f for f in found if f.rule == "《title》 of a named thing" and f.label == clean_name(m.group(1))]
        if owned and not ctx.covered(m.start(), m.end()):
            ctx.add(Kind.INITIATIVE, m.start(), m.end(), label=owned[0].label, key=owned[0].key, rule="repeat")
    found = ctx.mentions(Kind.INITIATIVE, Kind.EVENT)
    known = {m.label: (m.kind, m.key) for m in found if len(m.label) > 2}
    if known:
        for start, end in find_words(known, ctx.text):
            if not ctx.covered(start, end):
                kind, key = known[ctx.text[start:end]]
                ctx.add(kind, start, end, key=key, rule="repeat")
    _sessions_written_short(ctx)
