"""People and their posts.

A person's name is a surname and one or two given-name characters, accepted
only where the context says it is a name: after a title (局长陶青, 部党组书记、
部长金壮龙), before a title (辛国斌副部长), in a byline (新华社记者张辛欣, 本报记者
黄鑫 李芃达), a photo credit (王戈、张鸣摄), an editor line (责编:岳弘彬、牛镛), a
credit closing a paragraph (…不会改变。（王悦阳 张辛欣）) or
as the speaker of an interview turn (金壮龙：…). A name never swallows the verb
after it (陶青表示 → 陶青).
"""
from __future__ import annotations

import re
from functools import cache

from ..gazetteer import Gazetteer, alternation, find_words, gazetteer
from ..models import Kind, Mention, Position
from ..nlp import name_tags
from ..scan import Scanner
from .context import DATELINE, DocContext

__all__ = ["extract_persons"]

_HAN = "[\u4e00-\u9fff]"
_HAN_CHAR = re.compile(_HAN)
_HAN_RUN = re.compile(f"{_HAN}+")
_SPEECH_CHARS = set("说称讲道问答在于对向就等着了")   # one-character words a name never ends with
_NEVER_FIRST = set("的地得着了过们赴")   # particles and the plural (and 赴, to go to: 会长赴上海): never a surname
_NEVER_LAST = set("以把被从与及也都又还已并即")   # prepositions and conjunctions: never end a three-character name
_BODY_END_CHARS = set("委部厅局署办省市县区处司镇乡村")
_BEFORE_BU = set("由是在和与及对经据向为并等、，。：:（( \n")   # 由部党组书记…: 部 is "the ministry"


@cache
def _patterns(gaz: Gazetteer) -> dict[str, re.Pattern]:
    singles = [s for s in gaz.surnames if len(s) == 1]
    compounds = [s for s in gaz.surnames if len(s) > 1]
    surname = f"(?:{alternation(compounds)}|[{''.join(sorted(singles))}])"
    name = f"{surname}{_HAN}{{1,2}}"
    lazy_name = f"{surname}{_HAN}{{1,2}}?(?=、|出席|参加|列席|陪同|等|和|及|分别|先后|[，。；\\s（(])"
    # in a byline a name stands between delimiters, so a surname we do not list is no bar (记者仉庆华)
    byline_name = f"(?:{name}|{_HAN}{{2,3}}(?=[）)】、\\s]|摄|报道|$))"
    titles = alternation(gaz.titles)
    return {
        "name": re.compile(name),
        "title": re.compile(f"(?:{titles})"),
        "byline": re.compile(
            rf"(?:^|[\s（(【/|：:，。-])(?:(?P<outlet>{_HAN}{{2,12}}?)(?:报道\s*)?)?(?:记者|通讯员|摄影记者|特约记者|采访人员)"
            rf"[\s|｜]*(?P<names>{byline_name}(?:[\s、，,]+(?:实习生|通讯员|见习记者)?\s*{byline_name})*)"
            rf"(?=\s*(?:摄|报道|$|[）)】\s。，]))", re.M),
        # 黑龙江经济网讯（崔蕊 记者仉庆华）: a correspondent named before the reporter in the brackets
        "byline_lead": re.compile(rf"[（(](?P<names>{byline_name}(?:[\s、]+{byline_name})*)\s+(?:记者|通讯员)"),
        # 中经联播4月10日北京讯 （褚新兵 张宇晖）: the reporters in brackets right after a dateline
        "dateline_credit": re.compile(
            rf"(?:\d{{1,2}}日)?[\u4e00-\u9fff]{{0,4}}(?:电|讯)\s*[（(](?P<names>{byline_name}(?:[\s、]+{byline_name})+)[）)]"),
        # 秦燕玲/摄; with the slash, the credit may run into the next paragraph (…/摄“数字经济…)
        "photo": re.compile(rf"(?P<names>{name}(?:[、\s]+{name})*)\s*(?:/摄|摄(?:影)?(?=$|[\s）)。]))", re.M),
        # a reporters' credit closing a paragraph: …不会改变。（王悦阳 张辛欣）
        # 叶某某 刘某某 张某某: the reporters' names alone on a line of the article's head
        "name_line": re.compile(rf"^[ \t　]*(?P<names>{name}(?:[ \t　]+{name})+)[ \t　]*$", re.M),
        "credit": re.compile(rf"(?:^|(?<=[。！？”]))[（(](?P<names>{name}(?:[\s、]+{name})*)[）)][ \t　]*$", re.M),
        # 责编：岳弘彬, 作者：王某, or 每经编辑 陈旭 (a space and a name alone on its line or before another credit)
        "editor": re.compile(rf"(?:责编|责任编辑|编辑|校对|审核|监制|策划|制图|统筹|主编|审校|作者|撰文)"
                             rf"(?:[:：]\s*|[ \t　]+(?={name}(?:$|[ \t　、\n])))(?P<names>{name}(?:[、，,\s]+{name})*)"),
        "turn": re.compile(rf"^[\s　]*(?P<name>{name})[：:]", re.M),
        "name_list": re.compile(
            rf"(?:^|(?<=[、，。：\s]))(?P<names>{lazy_name}(?:、{lazy_name})*)"
            rf"(?=(?P<verb>出席|参加|列席|陪同|等出席|等参加"
            rf"|等?(?:先后|相继|分别)作?(?:交流)?发言|等?(?:先后|相继|分别)?作了?(?:交流|典型|大会)?发言(?!人)"
            rf"|等{_HAN}{{0,6}}?(?:代表)?(?:先后|相继|分别)?作了?(?:交流|典型)?发言(?!人))"   # 甲、乙等企业家代表作交流发言
            rf"|[，。；\s（(]|(?:和|及){_HAN})"),
        "leaders": re.compile(
            rf"(?:省|市|区|县|部|委|局|厅|国家|中央|党和国家)?(?:领导|领导同志|负责同志|负责人|代表|老同志|老领导)"
            rf"(?P<names>{name}(?:、{name})*?、{lazy_name})(?=等|出席|参加|陪同|列席|分别|一同|共同|先后|[，,；])"),   # 县领导甲、乙，各乡镇负责人参加
    }


@cache
def _scanners(gaz: Gazetteer) -> dict[str, Scanner]:
    """The patterns that open with an optional group, tried only where a match can start."""
    pats = _patterns(gaz)
    return {key: Scanner(pats[key]) for key in ("photo", "leaders", "credit")}


@cache
def _long_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of two characters or more."""
    return tuple(w for w in words if len(w) >= 2)


_NAME_LENGTHS = (2, 3, 4)      # the lengths of the names _name_at reads (a compound surname and two characters at most)
_COMMAS = frozenset("，,")


def _name_at(ctx: DocContext, start: int) -> int | None:
    """End of the person name starting at ``start``, or None.

    Tries a three- then a two-character name (four/three with a compound
    surname) and keeps the one after which the text goes on with a word that
    cannot be part of a name.
    """
    gaz = ctx.gaz
    text = ctx.text
    not_names = gaz.words.get("not_names", ())
    if text.startswith(_long_words(not_names), start) or _common_word(text[start:start + 2], 10000):
        return None                      # 总书记关于新时代…, 负责人会议上: 关于, 会议 are words, not a surname and a name
    if _preposition_and_word(gaz, text[start:start + 3]):
        return None                      # 负责人向中外记者介绍: 向 is a preposition here
    if text[start:start + 1] in _NEVER_FIRST:
        return None                      # 部长的提问: 的 starts no name
    if text[start:start + 2] in _long_words(gaz.words.get("speech_verbs", ())):
        return None                      # 陈某某总经济师强调: a speech verb after a title, not a name
    m = _patterns(gaz)["name"].match(text, start)
    after_words = gaz.words.get("speech_verbs", ())
    if not m and text[start:start + 1] in gaz.words.get("function_words", ()):
        return None                      # 部长在会上表示: no name after the title
    if not m:
        # a rare surname (信长星) right after a title: accept a three-character
        # name that jieba keeps whole and that a speech verb follows
        end = start + 3
        if text[start + 2:start + 3] in _SPEECH_CHARS and re.fullmatch(f"{_HAN}{{2}}", text[start:start + 2]) \
                and _may_be_name(text[start:start + 2]) and not _common_word(text[start:start + 2]):
            return start + 2             # 仉新在回答…: a rare surname and one given character
        if (re.fullmatch(f"{_HAN}{{3}}", text[start:end]) and end in ctx.token_starts
                and text[end - 1] not in _SPEECH_CHARS and not _common_word(text[start:start + 2], 1000)
                and any(text.startswith(w, end) for w in after_words if len(w) >= 2 or w in "在说称讲")
                and _may_be_name(text[start:end])):
            return end
        return None
    surname_len = 2 if text[start:start + 2] in gaz.surnames and len(text[start:start + 2]) == 2 else 1
    for length in (surname_len + 2, surname_len + 1):
        end = start + length
        if end > len(text) or not _HAN_RUN.fullmatch(text[start:end]):
            continue
        name = text[start:end]
        if name in not_names:
            continue
        if length == surname_len + 2 and name[-1] in _NEVER_LAST:
            # 刘某以视频方式出席, 主席贺信并致辞: the word after the name opens with a preposition or conjunction
            return end - 1 if name[:-1] not in not_names else None
        if length == surname_len + 2 and name[-1] in _SPEECH_CHARS:
            continue                     # 倪虹说，…: the name is 倪虹
        rest = text[end:end + 4]
        if length == surname_len + 2 and rest[:1] in after_words and not rest.startswith(_long_words(after_words)) \
                and _common_word(text[end - 1:end + 1], 5000):
            continue                     # 伍浩共同出席: 同 ends 共同, not the name
        if length == surname_len + 2 and text[end - 1:end + 1] in _long_words(after_words) \
                and not rest.startswith(_long_words(after_words)):
            continue                     # 闻某一同出席: 一 starts 一同, not the name
        if _COUNT_AFTER_NAME.match(rest):
            return end                   # 副局长任京东三位代表: a count of the people named ends the name
        if length == surname_len + 2 and rest[:1] == "的" and name[-1] != "的" and _may_be_name(name):
            return end                   # 受省长苏树林的委托
        if not rest or not _HAN_CHAR.match(rest[0]) or rest.startswith(after_words) \
                or _patterns(gaz)["title"].match(text, end) or (length == surname_len + 1 and rest[0] == "的"):
            return end
    # neither reading ends on a non-name word: let jieba's word boundary decide
    for length in (surname_len + 2, surname_len + 1):
        end = start + length
        if length == surname_len + 2 and text[end - 1:end] in _GLUE_CHARS and (end - 1) in ctx.token_starts:
            if start in ctx.token_starts and _may_be_name(text[start:end - 1]):
                return end - 1           # 王军以形象的话语: 以 starts the next word
            continue
        if _HAN_RUN.fullmatch(text[start:end]) and end in ctx.token_starts and start in ctx.token_starts \
                and text[start:end] not in gaz.words.get("not_names", ()) and _may_be_name(text[start:end]) \
                and not _common_word(text[start + surname_len:end]):
            return end
    return None


def _dotted_name_end(ctx: DocContext, at: int) -> int:
    """End of the part of a transliterated name after its dot: before a speech verb,
    a title or anything not an ideograph, at most six characters on."""
    after = ctx.gaz.words.get("speech_verbs", ())
    title = _patterns(ctx.gaz)["title"]
    end = at
    while end < len(ctx.text) and end - at < 6 and _HAN_CHAR.match(ctx.text[end]):
        if end > at and (any(ctx.text.startswith(w, end) for w in after if len(w) >= 2) or title.match(ctx.text, end)):
            break
        end += 1
    return end


def _add_person(ctx: DocContext, start: int, end: int, rule: str) -> Mention | None:
    if ctx.text[end:end + 1] == "·" and _HAN_CHAR.match(ctx.text[end + 1:end + 2]):
        end = _dotted_name_end(ctx, end + 1)   # 艾尔肯·吐尼亚孜: a transliterated name goes on after the dot
    if ctx.covered(start, end, Kind.PERSON):
        return next(m for m in ctx.mentions(Kind.PERSON) if m.start < end and start < m.end)
    if rule == "title+name" and ctx.covered(start, end, Kind.ORGANIZATION):
        # 副局长任京东: a company's short name (京东) begun inside a name after a title is part of it
        ctx.extraction.mentions = [m for m in ctx.extraction.mentions if not (
            m.kind is Kind.ORGANIZATION and start < m.start < end and m.end <= end)]
    if ctx.covered(start, end, Kind.ORGANIZATION, Kind.INITIATIVE, Kind.EVENT):
        return None
    return ctx.add(Kind.PERSON, start, end, rule=rule)


def _names_in(ctx: DocContext, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run of names written with spaces or 、 (黄鑫 李芃达)."""
    out = []
    for m in re.finditer(f"{_HAN}+", ctx.text[start:end]):
        s, e = start + m.start(), start + m.end()
        if ctx.text[e - 1] == "摄" and e - s >= 3:   # 丁汀摄: a photo credit
            e -= 1
        if 2 <= e - s <= 4 and ctx.text[s:e] not in ctx.gaz.words.get("not_names", ()):
            out.append((s, e))
    return out


def _org_before(ctx: DocContext, offset: int) -> Mention | None:
    """The organization mention that ends right at ``offset``."""
    best = None
    for m in ctx.mentions(Kind.ORGANIZATION):
        if m.end == offset and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return best


def _sentence_evidence(ctx: DocContext, offset: int) -> tuple[int, str, int, int]:
    idx = ctx.sentence_index(offset)
    if not ctx.document.sentences:
        return 0, ctx.text, 0, len(ctx.text)
    s = ctx.document.sentences[idx]
    return idx, s.text, s.start, s.end


def _position(ctx: DocContext, person: Mention, title: str, org_label: str | None, at: int) -> None:
    if not org_label:
        return
    idx, evidence, s, e = _sentence_evidence(ctx, at)
    ctx.extraction.positions.append(Position(person.label, title, org_label, idx, evidence, s, e))


_ANY_BODY_TITLES = re.compile(r"党组|党委|书记|新闻发言人|总工程师|总经济师|总会计师|总师|秘书长|委员|常委|巡视员|发言人"
                              r"|董事长|总经理|总裁|监事会主席")   # corporate posts: only a company is named before them


def _title_fits(ctx: DocContext, title: str, org_label: str) -> bool:
    """Whether a title can be a post of that body (部长 of …部; party and
    spokesperson posts of any body)."""
    if org_label == "部":
        return True
    base = re.sub(r"^(?:常务)?副", "", title)
    suffixes = _title_suffixes(ctx).get(base)
    if suffixes:
        return org_label.endswith(suffixes)
    return bool(_ANY_BODY_TITLES.search(title))


def _implied_org(ctx: DocContext, title: str, at: int) -> str | None:
    """The body a bare title belongs to: the nearest one before it in the
    paragraph whose name fits the title (副厅长 → …厅), or the article's
    ministry for 部长 (resolved later, as 部)."""
    base = re.sub(r"^(?:常务)?副", "", title)
    if base in ("新闻发言人", "发言人"):
        return _briefing_host(ctx, at)
    suffixes = _title_suffixes(ctx).get(base)
    if not suffixes:
        return None
    para_start = ctx.text.rfind("\n", 0, at) + 1
    best = None
    for m in ctx.mentions(Kind.ORGANIZATION):
        if para_start <= m.start and m.end <= at and m.label.endswith(suffixes):
            if best is None or m.end > best.end:
                best = m
    if best is not None:
        return best.label
    return "部" if base == "部长" else None


_HOSTS_BRIEFING = re.compile(r"\s*[^。；，,]{0,12}?(?:举行|召开)[^。；，,]{0,20}(?:发布会|记者会|吹风会)[，,]\s*")


def _briefing_host(ctx: DocContext, at: int) -> str | None:
    """商务部举行例行记者会，新闻发言人束珏婷表示: the spokesperson is the host's."""
    lo = ctx.document.sentences[ctx.sentence_index(at)].start if ctx.document.sentences else 0
    for m in sorted(ctx.mentions(Kind.ORGANIZATION), key=lambda m: -m.end):
        if lo <= m.start and m.end <= at and _HOSTS_BRIEFING.fullmatch(ctx.text, m.end, at):
            return m.label
    return None


@cache
def _title_suffix_table(raw: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out = {}
    for item in raw:
        title, _, suffixes = item.partition(":")
        out[title] = tuple(suffixes.split("|"))
    return out


def _title_suffixes(ctx: DocContext) -> dict[str, tuple[str, ...]]:
    return _title_suffix_table(ctx.gaz.words.get("title_org_suffixes", ()))


def _inside_others(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that lie inside another one: in order of start, the longest
    first, a span is inside one before it when one before it ends at or after its end."""
    inside, reach = set(), -1
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if reach >= end:
            inside.add((start, end))
        reach = max(reach, end)
    return inside


def _title_matches(ctx: DocContext) -> list[re.Match]:
    """Titles in the text; where a title overlaps the end of a body's name
    (中共中央政治局常委: 政治局 is in the name), the title after the name."""
    title_re = _patterns(ctx.gaz)["title"]
    mentioned = ctx.mentions(Kind.ORGANIZATION)
    inner = _inside_others({(o.start, o.end) for o in mentioned})
    orgs = [o for o in mentioned if (o.start, o.end) not in inner]   # not the 中共中央 inside 中共中央政治局
    found = {}
    for m in title_re.finditer(ctx.text):
        inside = [o for o in orgs if o.start < m.start() < o.end]
        if not inside:
            found[m.start()] = m
    for o in orgs:
        m = title_re.match(ctx.text, o.end)
        if m:
            found[m.start()] = m
    return [found[k] for k in sorted(found)]


def _title_chains(ctx: DocContext) -> None:
    """[ORG]TITLE(、|兼[ORG]TITLE|，ORG TITLE)* NAME → a person and one position per title."""
    gaz, text = ctx.gaz, ctx.text
    titles = _title_matches(ctx)
    title_ending_at = {t.end(): t for t in titles}
    for m in titles:
        name_start = m.end()
        if text.startswith("会", name_start):
            continue                        # 常委会关于…, 董事会: a council named after its members, no title
        end = _name_at(ctx, name_start)
        if end is None and (gap := _SPACED_TURN.match(text, m.end())):
            name_start = gap.end()          # 工业和信息化部部长 金壮龙：, a transcript's turn
            end = _name_at(ctx, name_start)
            if end is None or not re.match(r"[：:]|[ \t　]*(?:\n|$)", text[end:end + 3]):
                continue
        if end is None and (padded := _padded_name(ctx, m.end())) is not None:
            name_start, end = padded        # 局长  杜  宇: a two-character name padded to three on its line
        if end is None:
            continue
        chain: list[tuple[str, str | None]] = []      # right to left
        t_start, t_end = m.start(), m.end()
        while True:
            org = _org_before(ctx, t_start)
            if org is not None:
                org_label, head = org.label, org.start
            elif text[t_start - 1:t_start] == "部" and ((t_start - 1) in ctx.token_starts
                                                       or text[t_start - 2:t_start - 1] in _BEFORE_BU):
                org_label, head = "部", t_start - 1     # 部党组书记, 部长 of "the ministry": resolved later
            elif text[t_start - 2:t_start] in ("省委", "市委") and text[t_start - 3:t_start - 2] in _BEFORE_BU | {""} \
                    and (bare := _bare_body(ctx, text[t_start - 2:t_start], t_start - 2, later=False)) is not None:
                org_label, head = bare, t_start - 2     # 省委副书记、省长韩俊: the province's committee named before
            elif text[t_start - 1:t_start] in _BARE_BODY_SUFFIXES and (
                    (t_start - 1) in ctx.token_starts or text[t_start - 2:t_start - 1] in _BEFORE_BU) \
                    and (bare := _bare_body(ctx, text[t_start - 1], t_start - 1)) is not None:
                org_label, head = bare, t_start - 1     # 厅党组成员: the 厅 the article speaks of
            elif not _CORPORATE_TITLE.fullmatch(text[t_start:t_end]) \
                    and (unlisted := _UNLISTED_BODY.search(text, max(0, t_start - 11), t_start)) \
                    and unlisted.start() - 1 in title_ending_at:
                # 中华全国工商业联合会主席、中国民间商会会长高云龙: a body we do not list holds
                # that one title; the chain goes on before it
                org_label, head = _UNLISTED, unlisted.start()
            else:
                org_label, head = None, t_start
            chain.append((text[t_start:t_end], org_label))
            sep = text[head - 1:head]
            # 部党组成员、副部长，国家国防科技工业局局长张克俭: a comma between two bodies' posts, where
            # the post before it is itself a chain's or a body's (not 李强总理，国务院副总理…)
            comma = sep in ("，", ",") and org_label not in (None, _UNLISTED)
            if sep not in ("、", "兼") and not comma:
                break
            prev = title_ending_at.get(head - 1)
            if prev is None or comma and not (text[prev.start() - 1:prev.start()] in ("、", "兼")
                                              or _org_before(ctx, prev.start()) is not None):
                break
            t_start, t_end = prev.start(), prev.end()
        if any(title == "记者" for title, _ in chain):
            continue  # bylines are handled with their outlet
        person = _add_person(ctx, name_start, end, "title+name")
        if person is None:
            continue
        carried = None   # 部党组书记、部长: the body named first holds the titles after it
        chain_start = head
        # 福建省委书记周祖翼, 中国五矿党组书记: a title after a name we do not know is that body's post;
        # never lend it a body from elsewhere in the text (厅党组书记: 厅 is "the department", as 部)
        unknown_owner = chain[-1][1] is None and head > 0 and bool(_HAN_CHAR.match(text[head - 1])) \
            and text[head - 1] not in _BEFORE_BU and not (
                text[head - 1] in "厅局委署办" and (head - 1 in ctx.token_starts or text[head - 2:head - 1] in _BEFORE_BU))
        if unknown_owner and _CORPORATE_TITLE.fullmatch(chain[-1][0]):
            company = _company_before(ctx, head)     # 格力电器董事长董明珠: the company is named right there
            if company is not None:
                chain[-1] = (chain[-1][0], company)
                unknown_owner = False
        for title, org_label in reversed(chain):
            if org_label == _UNLISTED:
                carried = None
                continue
            if org_label is None and carried is not None and not _title_fits(ctx, title, carried):
                carried = None           # 中共中央总书记、国家主席: 国家主席 is not a post of 中共中央
            if unknown_owner and carried is None and org_label is None:
                continue
            org_label = org_label or carried or _listed_official_org(ctx, title, chain_start) \
                or _implied_org(ctx, title, m.start())
            carried = org_label
            _position(ctx, person, title, org_label, m.start())


@cache
def _padded_pattern(gaz: Gazetteer) -> re.Pattern:
    singles = "".join(sorted(s for s in gaz.surnames if len(s) == 1))
    return re.compile(rf"[ \t　]+([{singles}][ \t　]{{1,3}}{_HAN})(?=[ \t　]*(?:\n|$|[（(：:]))")


def _padded_name(ctx: DocContext, at: int) -> tuple[int, int] | None:
    """Where the name written with spaces inside it (杜  宇) after a title
    at ``at`` starts and ends, when it ends its line."""
    m = _padded_pattern(ctx.gaz).match(ctx.text, at)
    return (m.start(1), m.end(1)) if m else None


_UNLISTED = "<unlisted body>"      # the owner of a title in a chain: a body we do not list
_UNLISTED_BODY = re.compile(r"(?<=、)[\u4e00-\u9fff]{2,10}$")
_CORPORATE_TITLE = re.compile(r"(?:党委书记|党委副书记)?(?:董事长|副董事长|总经理|副总经理|总裁|副总裁|首席执行官)")
_KIND_OF_COMPANY = re.compile(r"(?:该|本|这家|此|其|各|全|公司|企业)*(?:公司|企业|集团|单位|工厂|厂)")
_COMPANY_BEFORE = re.compile(r"(?:^|(?<=[\s、，,。；：:“（(]))([\u4e00-\u9fffA-Za-z]{2,10})$")


def _company_before(ctx: DocContext, head: int) -> str | None:
    """The unlisted company written right before a corporate title, from the
    last delimiter on (全国人大代表、格力电器董事长: 格力电器)."""
    line_start = ctx.text.rfind("\n", 0, head) + 1
    m = _COMPANY_BEFORE.search(ctx.text, max(line_start, head - 12), head)
    if m is None or m.group(1) in ctx.gaz.places or ctx.covered(m.start(1), head) \
            or _KIND_OF_COMPANY.fullmatch(m.group(1)) or m.group(1) in ctx.gaz.words.get("generic_org_names", ()) \
            or any(w in m.group(1) for w in ctx.gaz.words.get("function_words", ()) if len(w) >= 2):
        return None
    added = ctx.add(Kind.ORGANIZATION, m.start(1), head, rule="company before a corporate title")
    return added.label if added else None


_COUNT_AFTER_NAME = re.compile(r"[两三四五六七八九十]+[位名]")
_GLUE_CHARS = frozenset("以在对把被将向从为和与及等就也都又还已曾再则并即乃仍")
_SPACED_TURN = re.compile(r"[ 　]+(?=[\u4e00-\u9fff]{2,4}(?:[：:]|[ \t　]*(?:\n|$)))")   # …新闻发言人 胡凯红, a turn's header line
_BARE_BODY_SUFFIXES = {"厅": ("厅",), "局": ("局",), "委": ("委", "委员会"), "署": ("署",),
                       "省委": ("省委",), "市委": ("市委",)}


def _bare_body(ctx: DocContext, char: str, at: int, later: bool = True) -> str | None:
    """厅党组成员、副厅长毛六平: 厅 alone is the body so named nearest before it
    (or, with ``later``, failing that, the one so named anywhere in the article,
    as in a 来源 line). A bare 省委 is the home province's: a committee named only
    later is a guest's (主宾省山东省委副书记), so 省委 and 市委 look back only."""
    suffixes = _BARE_BODY_SUFFIXES[char]
    bodies = [m for m in ctx.mentions(Kind.ORGANIZATION) if m.label.endswith(suffixes) and len(m.label) > 2]
    before = [m for m in bodies if m.end <= at]
    if before:
        return max(before, key=lambda m: m.end).label
    return bodies[0].label if bodies and later else None


def _listed_official_org(ctx: DocContext, title: str, at: int) -> str | None:
    """商务部部长王文涛、…副部长王受文、部长助理陈春江: a bare title in a list of
    officials belongs to the body of the official listed just before."""
    if ctx.text[at - 1:at] not in ("、", "，"):
        return None
    before = [p for p in ctx.mentions(Kind.PERSON) if p.end == at - 1]
    if not before:
        return None
    posts = [p for p in ctx.extraction.positions if p.person == before[0].label and p.title != "记者"]
    if posts and _title_fits(ctx, title, posts[-1].organization):
        return posts[-1].organization
    return None


def _common_word(word: str, threshold: int = 500) -> bool:
    """A given name is seldom a frequent word (谈落实: 落实 is a verb)."""
    import jieba

    return (jieba.dt.FREQ.get(word) or 0) >= threshold


def _preposition_and_word(gaz: Gazetteer, three: str) -> bool:
    """向中外: a one-character function word that is also a surname, then a frequent word."""
    return len(three) == 3 and three[0] in gaz.words.get("function_words", ()) and _common_word(three[1:], 1000)


def _may_be_name(word: str) -> bool:
    """jieba's tags as a hint: a word of its dictionary is a name only when tagged
    nr (习近平 yes; 金融时报, 时报 no). Unknown words may be names."""
    import jieba

    if not jieba.dt.FREQ.get(word):
        return True
    tags = name_tags()
    return word in tags.names or word in tags.untagged


def _name_then_title(ctx: DocContext) -> None:
    """辛国斌副部长, 习近平总书记: a name right before a title; with a body's name
    right before the name (省工信厅张立新副厅长), the post in that body."""
    gaz, text = ctx.gaz, ctx.text
    for m in _patterns(gaz)["title"].finditer(text):
        for length in (3, 2, 4):
            start = m.start() - length
            if start < 0:
                continue
            cand = text[start:m.start()]
            if not _HAN_RUN.fullmatch(cand) or cand in gaz.words.get("not_names", ()):
                continue
            if not (cand[:1] in gaz.surnames or cand[:2] in gaz.surnames) or cand[-1] in _BODY_END_CHARS:
                continue                 # 池州市委书记: 池州市委 is a body, not a name
            if length == 4 and cand[:2] not in gaz.surnames:
                continue                 # 欧亚事务特别代表: four characters need a two-character surname
            body = _org_before(ctx, start)       # 工业和信息化部王江平副部长: the body before the name
            if start not in ctx.token_starts and body is None:
                continue                 # (…就业促进司张莹司长: jieba glued 司张莹, but the body ends there)
            if ctx.covered(start, m.start(), Kind.ORGANIZATION, Kind.INITIATIVE, Kind.EVENT):
                continue
            if not _may_be_name(cand):
                continue
            if length == 3 and _preposition_and_word(gaz, cand):
                continue                 # 向中外记者介绍: a preposition and a word, not 向 the surname
            if cand[-1] in gaz.words.get("aspect_particles", ()) and _common_word(cand[:-1]):
                continue                 # 宣读了主席的贺信: a verb and its particle, not 宣 the surname
            if _HAN_CHAR.match(text[m.end():m.end() + 1] or " ") and text[m.end():m.end() + 2] in ("新时", "思想"):
                continue
            person = _add_person(ctx, start, m.start(), "name+title")
            if person is not None and body is not None:
                _position(ctx, person, m.group(), body.label, m.start())
            break


_OUTLET = re.compile(f"{_HAN}{{2,10}}(?:日报|晚报|时报|早报|商报|周报|报社|报|新闻社|通讯社|社|网|电视台|广播电台|台|周刊|杂志|新闻)")


_DATELINE = re.compile(rf"^[\s　]*{DATELINE}", re.M)


def _dateline_outlets(ctx: DocContext) -> None:
    """黑龙江经济网讯, 中评社北京1月17日电: the outlet opening a dateline is a body
    even when the gazetteer does not list it."""
    for m in _DATELINE.finditer(ctx.text):
        start, end = m.start("outlet"), m.end("outlet")
        if m.group("outlet").startswith("本") or ctx.covered(start, end, Kind.ORGANIZATION):
            continue
        ctx.add(Kind.ORGANIZATION, start, end, key=ctx.gaz.org_names.get(m.group("outlet")), rule="dateline outlet")
    for m in _DATELINE_NAMES.finditer(ctx.text):     # 中新社重庆1月13日电 (梁钦卿): the reporters, untitled
        for s, e in _byline_names(ctx, m.start("names"), m.end("names")):
            _add_person(ctx, s, e, "byline")


_DATELINE_NAMES = re.compile(rf"{_DATELINE.pattern}\s*[（(](?P<names>{_HAN}{{2,4}}(?:[\s、]+{_HAN}{{2,4}})*)[）)]", re.M)


def _dateline_outlet(ctx: DocContext, at: int) -> str | None:
    """新华社北京11月18日电（记者 唐诗凝）: the outlet of the dateline on the same line."""
    line_start = ctx.text.rfind("\n", 0, at) + 1
    head = ctx.text[line_start:at]
    if not re.search(r"(?:电|讯|消息)\s*(?:[（(][^（()）]{0,12})?$", head):   # （崔蕊 记者…: a correspondent first
        return None
    for org in ctx.mentions(Kind.ORGANIZATION):
        if line_start <= org.start < at and (org.rule == "dateline outlet" or (
                ctx.gaz.orgs.get(org.key or "") is not None and ctx.gaz.orgs[org.key].type == "outlet")):
            return org.label
    return None


def _byline_names(ctx: DocContext, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a byline; one whose surname we do not list (仉庆华) must
    not start with a word jieba knows (记者获悉, 记者提问时)."""
    gaz = ctx.gaz
    return [(s, e) for s, e in _names_in(ctx, start, end)
            if ctx.text[s] in gaz.surnames or ctx.text[s:s + 2] in gaz.surnames
            or (_may_be_name(ctx.text[s:e]) and not _common_word(ctx.text[s:e], 50)
                and not _common_word(ctx.text[s:s + 2], 50))]     # 记者提问时: 提问 is a word


def _bylines(ctx: DocContext, publisher: str | None) -> None:
    pats = _patterns(ctx.gaz)
    # what every byline names (采访人员: 记者 as some reposts rewrite it)
    reporters = "记者" in ctx.text or "通讯员" in ctx.text or "采访人员" in ctx.text
    for m in pats["byline"].finditer(ctx.text) if reporters else ():
        outlet = (m.group("outlet") or "").strip()
        outlet_label, title = None, "记者"
        kind = next((k for k in ctx.gaz.words.get("reporter_kinds", ()) if outlet.endswith(k)), None)
        if outlet and outlet + "记者" in ctx.gaz.titles:   # （助理记者 王某）: a reporter's rank, not an outlet
            outlet, title = "", outlet + "记者"
        elif kind is not None and len(outlet) > len(kind):   # 四川日报全媒体记者: the outlet, then what kind of reporter
            outlet, title = outlet[:-len(kind)], kind + "记者"
        if outlet and outlet not in ("本报", "本刊", "本台", "本网", "本报讯"):
            org = _org_before(ctx, m.end("outlet"))
            if org is not None:
                outlet_label = org.label
            elif ctx.gaz.org(outlet) or _OUTLET.fullmatch(outlet):
                start = m.start("outlet") + m.group("outlet").index(outlet)
                added = ctx.add(Kind.ORGANIZATION, start, start + len(outlet), key=ctx.gaz.org_names.get(outlet),
                                rule="byline outlet")
                outlet_label = added.label if added else None
        else:
            outlet_label = _dateline_outlet(ctx, m.start()) or publisher
        for s, e in _byline_names(ctx, m.start("names"), m.end("names")):
            person = _add_person(ctx, s, e, "byline")
            if person and outlet_label:
                _position(ctx, person, title, outlet_label, s)
    for m in pats["dateline_credit"].finditer(ctx.text[:300]):
        for s, e in _byline_names(ctx, m.start("names"), m.end("names")):
            _add_person(ctx, s, e, "byline")
    for m in pats["byline_lead"].finditer(ctx.text) if reporters else ():
        for s, e in _byline_names(ctx, m.start("names"), m.end("names")):
            _add_person(ctx, s, e, "byline")
    for key in ("photo", "editor"):
        for m in (_scanners(ctx.gaz)["photo"] if key == "photo" else pats[key]).finditer(ctx.text) \
                if key != "photo" or "摄" in ctx.text else ():
            for s, e in _names_in(ctx, m.start("names"), m.end("names")):
                _add_person(ctx, s, e, key)
    head = "\n".join(ctx.text.split("\n", 3)[:3])        # the title, the byline and the date lines
    for m in pats["name_line"].finditer(head):
        names = _names_in(ctx, m.start("names"), m.end("names"))
        if all(_may_be_name(ctx.text[s:e]) and not _common_word(ctx.text[s:e]) for s, e in names):
            for s, e in names:
                _add_person(ctx, s, e, "byline")
    for m in _scanners(ctx.gaz)["credit"].finditer(ctx.text):
        names = _names_in(ctx, m.start("names"), m.end("names"))
        if all(_may_be_name(ctx.text[s:e]) for s, e in names):
            for s, e in names:
                _add_person(ctx, s, e, "credit")


_REPORTER_TURN = re.compile(r"^[\u4e00-\u9fff]{0,12}记者[：:]")


def _turns(ctx: DocContext) -> None:
    for m in _patterns(ctx.gaz)["turn"].finditer(ctx.text):
        name = m.group("name")
        if name in ("记者", "主持人") or name in ctx.gaz.words.get("not_names", ()):
            continue
        known = {p.label for p in ctx.mentions(Kind.PERSON)}
        turns = len(re.findall(rf"(?m)^[\s　]*{re.escape(name)}[：:]", ctx.text))
        line_before = ctx.text[ctx.text.rfind("\n", 0, max(0, m.start("name") - 1)) + 1:m.start("name")]
        if _REPORTER_TURN.match(line_before.strip()):
            turns += 1          # 记者：…？ then 某某：谢谢: the answer to a reporter's question is a turn too
        if name in known or (turns >= 2 and _may_be_name(name) and not _common_word(name[1:])):
            _add_person(ctx, m.start("name"), m.end("name"), "speaker")


def _repeat_mentions(ctx: DocContext) -> None:
    """Every later occurrence of a name found once (陶青介绍 …)."""
    known = sorted({p.label for p in ctx.mentions(Kind.PERSON)}, key=len, reverse=True)
    if not known:
        return
    for start, end in find_words(known, ctx.text):
        if ctx.covered(start, end, Kind.ORGANIZATION) and not ctx.covered(start, end, Kind.PERSON):
            # 任京东还表示: a company's short name begun inside a known name is part of it
            ctx.extraction.mentions = [m for m in ctx.extraction.mentions if not (
                m.kind is Kind.ORGANIZATION and start < m.start < end and m.end <= end)]
        if not ctx.covered(start, end, Kind.PERSON, Kind.ORGANIZATION, Kind.INITIATIVE, Kind.EVENT):
            ctx.add(Kind.PERSON, start, end, rule="repeat")


def _leader_lists(ctx: DocContext) -> None:
    """省领导张义珍、马欣、胡广杰出席会议: names listed after a group noun."""
    leaders = _scanners(ctx.gaz)["leaders"]
    for m in leaders.finditer(ctx.text) if any(w in ctx.text for w in ("领导", "负责", "代表", "老同志")) else ():
        for s, e in _names_in(ctx, m.start("names"), m.end("names")):
            if _may_be_name(ctx.text[s:e]):
                _add_person(ctx, s, e, "leader list")


_ATTENDED_BEFORE = re.compile(r"(?:出席|参加|列席)(?:会议|活动)?[，,；;]$")


def _clause_start_before(text: str, at: int) -> int:
    return max(text.rfind(p, 0, at) for p in "，。；：,;:\n")


def _name_lists(ctx: DocContext) -> None:
    """赵乐际、王沪宁、蔡奇出席会议 / 中共中央政治局常委赵乐际、王沪宁…: names
    listed with 、 right before attending, or continuing a name found after a title."""
    pats = _patterns(ctx.gaz)
    known_ends = {p.end for p in ctx.mentions(Kind.PERSON)}
    for m in pats["name_list"].finditer(ctx.text):
        names = _names_in(ctx, m.start("names"), m.end("names"))
        continues = m.start("names") - 1 in known_ends or m.start("names") in known_ends
        attends = bool(m.group("verb"))
        if attends and not continues and (before := _ATTENDED_BEFORE.search(ctx.text, 0, m.start("names"))):
            # 梁某、张某出席会议，卢某某列席会议: one name after a clause of names attending
            continues = any(before.start() >= p.end > _clause_start_before(ctx.text, before.start())
                            for p in ctx.mentions(Kind.PERSON))
        if not continues and (not attends or len(names) < 2):
            continue   # 常委李强、蔡奇出席: one name may continue a list; alone, two are needed
        if all(_may_be_name(ctx.text[s:e]) for s, e in names):
            for s, e in names:
                _add_person(ctx, s, e, "name list")


def _honorifics(ctx: DocContext) -> None:
    """请李小鹏先生作介绍, 徐晓兰女士: a name before 先生/女士 in a transcript."""
    name = _patterns(ctx.gaz)["name"]
    for m in re.finditer("先生|女士", ctx.text):
        for length in (3, 2):
            start = m.start() - length
            if start < 0 or not name.fullmatch(ctx.text, start, m.start()):
                continue
            if (start == 0 or start in ctx.token_starts or not _HAN_CHAR.match(ctx.text[start - 1])) \
                    and _may_be_name(ctx.text[start:m.start()]) and not _common_word(ctx.text[start:m.start()], 50):
                _add_person(ctx, start, m.start(), "honorific")
                break


@cache
def _by_first_character(words: tuple[str, ...]) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A class of the words' first characters, and the words that start with each."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    return re.compile(f"[{re.escape(''.join(sorted(by_first)))}]"), {c: tuple(ws) for c, ws in by_first.items()}


def _starts(words: tuple[str, ...], text: str) -> list[int]:
    """Every offset where one of ``words`` (none empty) starts, overlaps included."""
    if not words:
        return []
    first, by_first = _by_first_character(words)
    return [m.start() for m in first.finditer(text) if text.startswith(by_first[m.group()], m.start())]


def _tagged_names(ctx: DocContext) -> None:
    """A word jieba's dictionary tags as a person's name (nr), followed by a
    verb of speaking or attending: 习近平出席会议. Read back from each place a
    verb starts, so that only the text around it is segmented."""
    nr = name_tags().nr
    text, starts = ctx.text, ctx.token_starts
    found = []
    for end in _starts(_long_words(ctx.gaz.words.get("speech_verbs", ())), text):
        for start in range(max(0, end - 4), end - 1):
            word = text[start:end]
            if word in nr and word[:1] in ctx.gaz.surnames and start in starts and end in starts \
                    and not any(i in starts for i in range(start + 1, end)):
                if re.match("[“‘「]", text[start - 1:start]) and re.search("[”’」]", text[end:end + 6]):
                    continue    # “权威回应”: a quoted phrase, not a name
                found.append((start, end))
    for start, end in sorted(found):
        _add_person(ctx, start, end, "jieba nr")


def _line_openers(ctx: DocContext) -> None:
    """A name opening a line: a profile's (朱某某，男，…; 朱某某，中国某某研究院党委委员:
    a sex, or a body and one of its titles, after a comma) or a headline's (李某主持召开
    国务院常务会议: right before chairing, attending or meeting)."""
    gaz, text = ctx.gaz, ctx.text
    title = _patterns(gaz)["title"]
    verbs = tuple(gaz.words.get("headline_verbs", ()))
    org_starts = {o.start: o for o in ctx.mentions(Kind.ORGANIZATION)}
    for m in re.finditer(r"^[ \t　]*", text, re.M):
        start = m.end()
        if not any(text[start + k:start + k + 1] in _COMMAS or text.startswith(verbs, start + k)
                   for k in _NAME_LENGTHS):
            continue                    # neither a comma nor such a verb where a name could end
        end = _name_at(ctx, start)
        if end is None:
            continue
        if text.startswith(verbs, end):
            _add_person(ctx, start, end, "line opener")
        elif text[end:end + 1] in _COMMAS:
            org = org_starts.get(end + 1)
            if text[end + 1:end + 3] in ("男，", "女，", "男,", "女,") \
                    or org is not None and title.match(text, org.end):
                _add_person(ctx, start, end, "profile")


def extract_persons(ctx: DocContext) -> None:
    publisher = ctx.document.meta.publisher or None
    _dateline_outlets(ctx)
    _bylines(ctx, publisher)
    _title_chains(ctx)
    _leader_lists(ctx)
    _name_lists(ctx)
    _tagged_names(ctx)
    _honorifics(ctx)
    _name_then_title(ctx)
    _line_openers(ctx)
    _turns(ctx)
    _repeat_mentions(ctx)
