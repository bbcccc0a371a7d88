"""Organizations: the gazetteer of the party-state and the media, plus grammars
for names it lacks (ministry + department, province + department, X + 基金/协会…)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from ..gazetteer import Gazetteer, alternation, gazetteer
from ..models import Kind, Mention
from ..scan import Scanner
from .context import DocContext, clean_name
from .spans import Stops, is_token_end, walk_left

__all__ = ["extract_organizations", "org_key", "MINISTRY_TYPES"]

GOVERNMENT_IN_NAME = "place+department (in a department's name)"   # 广东省人民政府 in …办公厅, 省工信厅 in …运行监测处
MINISTRY_TYPES = frozenset({"ministry", "commission", "administration", "state", "party", "legislature", "institution"})
_HAN = r"[\u4e00-\u9fff]"


@cache
def _patterns(gaz: Gazetteer) -> dict[str, re.Pattern]:
    names = [n for n in gaz.org_names if len(n) >= 2]
    parents = [n for n, oid in gaz.org_names.items() if gaz.orgs[oid].type in MINISTRY_TYPES]
    dept_names = list(gaz.departments)
    suffixes = alternation(gaz.words.get("department_suffixes", ()))
    places = [p for p in gaz.places if len(p) >= 2]
    companies = [n for n, oid in gaz.org_names.items() if gaz.orgs[oid].type == "enterprise" and len(n) >= 2]
    return {
        # a ministry (or other parent body) written with one of its departments
        "compound": re.compile(
            f"(?P<parent>{alternation(parents)})(?!门)"      # 工信部门: a sector's bodies, not the ministry
            f"(?P<dept>{alternation(dept_names)}|{_HAN}{{2,9}}?(?:{suffixes}))"),
        "known": re.compile(f"(?:{alternation(names)})(?!门)"),
        # 中国银行安徽省分行: a listed company's branch in a place
        "branch": re.compile(
            f"(?P<parent>{alternation(companies)})"
            f"(?P<dept>(?:{alternation(places)})(?:省|市|自治区)?(?:分行|支行|分公司|营业部))"),
        "dept": re.compile(f"(?:{alternation(dept_names)})"),
        "provincial": re.compile(
            f"(?:(?:{alternation(places)})(?:省|市|自治区|特别行政区)?|(?<![全各本该外分城都区])(?:省|市|自治区))"
            f"(?:{alternation(gaz.words.get('provincial_departments', ()))})"),
        # 中共上海市委, 福建省委: a province's or city's party committee (not 上海市委托…)
        "party_committee": re.compile(
            f"(?:中共|中国共产党)?(?:(?:{alternation(places)})(?:省|市|自治区)?党?委(?:员会)?(?![托屈婉])"
            f"|{_HAN}{{2,3}}?(?:市|县|州)委(?=(?:副)?书记|常委)"    # 池州市委书记: a city we do not list
            f"|(?<=中共){_HAN}{{2,3}}?(?:市|县|州)委(?:员会)?)"),     # 中共桐乡市委: named as the party's
        # 云南省 before a prefecture's committee (云南省怒江州委): the committee's name opens with it
        "province_before": re.compile(f"(?:{alternation(places)})(?:省|自治区)$"),
        # 民进广西区委, 九三学社四川省委员会: a democratic party's committee in a province or city
        "minor_party_committee": re.compile(
            f"(?:{alternation(gaz.words.get('democratic_parties', ()))})"
            f"(?:{alternation(places)})(?:省|市|自治区|区)?委(?:员会)?"),
        "title": re.compile(alternation(gaz.titles)),
        "suffix": re.compile(f"(?:{alternation(gaz.words.get('org_suffixes', ()))})"),
        # 人力资源社会保障部⏎就业促进司司长 张莹：a transcript's turn header broken after the ministry
        "split_header": re.compile(
            f"^[ \\t　]*(?P<parent>{alternation(parents)})[ \\t　]*\\n[ \\t　]*"
            f"(?P<dept>{_HAN}{{2,9}}?(?:{suffixes}))(?=(?:{alternation(gaz.titles)}))", re.M),
        "dept_before_title": re.compile(
            f"(?:^|(?<=[、兼，,：:\\s]))(?P<dept>{_HAN}{{2,14}}?(?:{suffixes}))(?=(?:{alternation(gaz.titles)}))", re.M),
    }


@cache
def _scanners(gaz: Gazetteer) -> dict[str, Scanner]:
    """The patterns that open with a place or any ideograph, tried only near
    the character every match holds: a department's last, a committee's 委."""
    pats = _patterns(gaz)
    last = "".join(sorted({w[-1] for w in gaz.words.get("provincial_departments", ())}))
    return {"provincial": Scanner(pats["provincial"], anchor=last),
            "party_committee": Scanner(pats["party_committee"], anchor="委")}


def org_key(gaz: Gazetteer, name: str) -> str | None:
    return gaz.org_names.get(name)


_VERB_START = re.compile(r"会同|联合|与|和|及|同|牵头|指导|组织|委托")


@cache
def _long_org_names(gaz: Gazetteer) -> re.Pattern:
    """Finds any organization name of three characters or more."""
    return re.compile(alternation(n for n in gaz.org_names if len(n) >= 3))


@cache
def _foreign_lengths(gaz: Gazetteer) -> tuple[int, ...]:
    return tuple(sorted({len(c) for c in gaz.foreign_places}))


def _country_before(gaz: Gazetteer, text: str, at: int) -> str | None:
    """The first country or bloc (in the set's order) whose name ends at ``at``."""
    hits = [text[at - n:at] for n in _foreign_lengths(gaz) if n <= at and text[at - n:at] in gaz.foreign_places]
    if len(hits) > 1:
        return next(c for c in gaz.foreign_places if c in hits)
    return hits[0] if hits else None


_BRANCH_WORD = re.compile(r"分行|支行|分公司|营业部")
_DIVISION = re.compile(r"[\u4e00-\u9fff]{2,10}?处(?!长)")     # 运行监测处 of a provincial department
_SHORT_GOVERNMENT = re.compile(r"(.+?(?:省|市|自治区|特别行政区))政府")   # with its place
_GOVERNMENT_OFFICE = re.compile(r"(.+人民政府)(?:办公厅|办公室|新闻办公室|研究室)$")
_GENERIC_DEPT = re.compile(r"[将的在和与及对是了为把从以有等各]|^(?:相关|所属|下属|直属|主管|业务|该|本|其|这|此)|布局|格局|当局|结局|大局|全局|中心任务|发布厅|会议厅|大厅|展厅|礼堂|餐厅")


def _body_before_in_sentence(ctx: DocContext, at: int) -> bool:
    sentence_start = ctx.document.sentences[ctx.sentence_index(at)].start if ctx.document.sentences else 0
    return any(sentence_start <= o.start and o.end <= at and o.key in ctx.gaz.orgs
               and ctx.gaz.orgs[o.key].type in MINISTRY_TYPES for o in ctx.mentions(Kind.ORGANIZATION))


_CONJUNCTIONS = ("与", "和", "及", "同")


def _after_function_word(ctx: DocContext, start: int, end: int) -> int | None:
    """仪式由市委常委…, 李某与上海市委副书记…: where the span goes on after the last jieba
    token inside [start, end) that is a function word or a conjunction (None: no such token)."""
    words = Stops.of(ctx.gaz).function
    cuts = [i for i in range(start, end) if i in ctx.token_starts] + [end]
    return max((b for a, b in zip(cuts, cuts[1:]) if ctx.text[a:b] in words or ctx.text[a:b] in _CONJUNCTIONS),
               default=None)


def _title_follows(gaz: Gazetteer, text: str, at: int) -> bool:
    """…评价局局长: jieba glued 局局长, but a title starts right after the name."""
    return _patterns(gaz)["title"].match(text, at) is not None


def _name_and_its_title_follow(gaz: Gazetteer, text: str, at: int) -> bool:
    """…就业促进司张莹司长: jieba glued 司张莹, but a name and the department's own title follow."""
    if text[at:at + 1] not in gaz.surnames:
        return False
    for length in (2, 3):
        title = _patterns(gaz)["title"].match(text, at + length)
        if title is not None and text[at - 1] in title.group():
            return True
    return False


def _dept_for_parent(gaz: Gazetteer, dept: str, parent_id: str) -> str | None:
    for oid in gaz.departments.get(dept, ()):
        if gaz.orgs[oid].parent == parent_id:
            return oid
    listed = gaz.org_names.get(dept)          # 工业和信息化部中小企业发展促进中心: a listed body under that parent
    return listed if listed and gaz.orgs[listed].parent == parent_id else None


def _masthead(ctx: DocContext, pats: dict[str, re.Pattern]) -> None:
    """Bodies named in the newspaper's masthead (主管：… 主办：…), which the
    normalizer set aside: they belong to the article, not to a sentence."""
    gaz = ctx.gaz
    for line in ctx.document.set_aside:
        if not re.match(r"\s*(?:主管|主办|承办|出版|编辑出版)[：:]", line):
            continue
        for m in pats["known"].finditer(line):
            ctx.add(Kind.ORGANIZATION, 0, 0, label=m.group(), key=gaz.org_names[m.group()], rule="masthead")
        for m in re.finditer(r"[\u4e00-\u9fff]{2,30}?(?:有限公司|报社|出版社|杂志社|集团)", line):
            name = re.sub(r"^(?:主管|主办|承办|出版|编辑出版)", "", m.group())
            if name not in gaz.org_names:
                ctx.add(Kind.ORGANIZATION, 0, 0, label=name, rule="masthead")


def _departments_before_titles(ctx: DocContext, pats: dict[str, re.Pattern]) -> None:
    """国家统计局新闻发言人、国民经济综合统计司司长付凌晖: a department written
    bare in a chain of posts belongs to the body named before it in the sentence."""
    gaz, text = ctx.gaz, ctx.text

    def ministry(o: Mention | None) -> bool:
        return o is not None and o.key in gaz.orgs and gaz.orgs[o.key].type in MINISTRY_TYPES

    bodies = [p for p in ctx.mentions(Kind.ORGANIZATION) if ministry(p)]     # in the order of the mentions
    for m in pats["dept_before_title"].finditer(text):
        start, end = m.start("dept"), m.end("dept")
        if ctx.covered(start, end, Kind.ORGANIZATION) or _GENERIC_DEPT.search(m.group("dept")):
            continue
        sentence_start = ctx.document.sentences[ctx.sentence_index(start)].start if ctx.document.sentences else 0
        parents = [p for p in bodies if sentence_start <= p.start and p.end <= start]
        parent = max(parents, key=lambda p: p.end) if parents else None
        dept = m.group("dept")
        key = None
        if parent is not None:
            key = _dept_for_parent(gaz, dept, parent.key) or f"{parent.key}/{dept}"
        added = ctx.add(Kind.ORGANIZATION, start, end, key=key, rule="department before a title")
        if ministry(added):                 # a listed body under that parent may be one too
            bodies.append(added)


_COMPANY_TAIL = re.compile(r"(?:集团)?(?:股份)?(?:有限)?公司|集团")


@cache
def _offices(gaz: Gazetteer) -> dict[str, tuple[tuple[str, str], ...]]:
    """parent id → (id, the words after the parent's name) of each department
    listed by a full name that starts with its parent's (…领导小组 → …领导小组办公室)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for entry in gaz.orgs.values():
        parent = gaz.orgs.get(entry.parent or "")
        if entry.type == "department" and parent and entry.label.startswith(parent.label) \
                and len(entry.label) > len(parent.label):
            out.setdefault(parent.id, []).append((entry.id, entry.label[len(parent.label):]))
    return {k: tuple(v) for k, v in out.items()}


def _add_department(ctx: DocContext, m: re.Match, key: str, parent_id: str) -> None:
    """A ministry + department match: the department (the whole match) and its ministry."""
    ctx.add(Kind.ORGANIZATION, m.start("parent"), m.end(), key=key, rule="ministry+department")
    ctx.add(Kind.ORGANIZATION, m.start("parent"), m.end("parent"), key=parent_id,
            rule="gazetteer (in a department's name)")


def _longest_matches(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Left-to-right matches, except that a longer name starting inside a match
    wins over it: 联合国家开发银行 is 联合 + 国家开发银行, not 联合国."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        longer = next((n for i in range(m.start() + 1, m.end())
                       if (n := pattern.match(text, i)) is not None and n.end() - n.start() > m.end() - m.start()),
                      None)
        m = longer or m
        yield m
        pos = m.end()


_FIRM_LIST = re.compile(rf"((?:{_HAN}{{2,12}}、)+{_HAN}{{2,12}})等{_HAN}{{0,4}}?(?:企业|公司)")
_NOT_FIRM = re.compile(r"(?:行业|产业|领域|企业|部门|地区|城市|项目|产品)$")


def _firms_listed(ctx: DocContext) -> None:
    """高德红外、华工科技、中国华能等企业: the firms of a list, once one item is a known
    company or ends like one (…集团, …科技)."""
    gaz, text = ctx.gaz, ctx.text
    endings = tuple(gaz.words.get("listed_firm_endings", ()))
    openers = _list_openers(gaz)
    firms = {o.start: o for o in ctx.mentions(Kind.ORGANIZATION)
             if o.key in gaz.orgs and gaz.orgs[o.key].type == "enterprise"}
    for m in _FIRM_LIST.finditer(text) if "等" in text else ():
        spans, at = [], m.start(1)
        for item in m.group(1).split("、"):
            spans.append((at, at + len(item)))
            at += len(item) + 1
        first_start, first_end = spans[0]
        opened = first_start == 0 or not re.match(_HAN, text[first_start - 1])
        while (opener := next((w for w in openers if text.startswith(w, first_start)), None)) \
                and first_end - first_start - len(opener) >= 2:
            first_start += len(opener)       # 我市本钢: the list opens after 我市
            opened = True
        spans[0] = (first_start, first_end)
        if not any(s in firms or text[s:e].endswith(endings) for s, e in spans):
            continue   # 汽车、电子、家电等企业: kinds of firms, not firms
        if not opened or first_end - first_start > 6 and not text[first_start:first_end].endswith(endings):
            spans[0] = (first_end, first_end)   # 湖北专场以高德红外: where the first name starts is unknown
        for s, e in spans:
            name = text[s:e]
            if not 2 <= e - s <= 10 or gaz.is_place(name) or _NOT_FIRM.search(name) or ctx.covered(s, e):
                continue
            ctx.add(Kind.ORGANIZATION, s, e, key=gaz.org_names.get(name), rule="firm in a list")


def extract_organizations(ctx: DocContext) -> None:
    gaz = gazetteer()
    pats = _patterns(gaz)
    text = ctx.text
    _masthead(ctx, pats)

    for m in pats["compound"].finditer(text):
        parent_id = gaz.org_names[m.group("parent")]
        dept = m.group("dept")
        committee = pats["party_committee"].match(text, m.start())
        if committee is not None and committee.end() > m.end("parent") and committee.end() < m.end():
            # 中共河南省委办公厅: an office of the province's party committee, not of the whole party
            if not ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
                ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule="place+department")
                ctx.add(Kind.ORGANIZATION, m.start(), committee.end(), rule=GOVERNMENT_IN_NAME)
            continue
        dept_id = _dept_for_parent(gaz, dept, parent_id)
        # 财务监管与运行评价局: 与/和 may join two words inside a department's name;
        # 财政部会同国家税务总局: two bodies, not a department
        if dept_id is None and (_GENERIC_DEPT.search(re.sub(r"(?<=.)与(?=.)", "", dept))
                                or _VERB_START.match(dept) or _long_org_names(gaz).search(dept)):
            continue
        if ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            continue
        if dept_id is None and not (is_token_end(ctx, m.end()) or _title_follows(gaz, text, m.end())
                                    or _name_and_its_title_follow(gaz, text, m.end())):
            continue   # (last: it may have jieba cut a block)
        # 国务院新闻办公室: listed whole
        _add_department(ctx, m, dept_id or gaz.org_names.get(m.group()) or f"{parent_id}/{dept}", parent_id)

    branches = pats["branch"].finditer(text) if _BRANCH_WORD.search(text) else ()
    for m in branches:
        if not ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            parent_id = gaz.org_names[m.group("parent")]
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), key=f"{parent_id}/{m.group('dept')}", rule="company+branch")
            ctx.add(Kind.ORGANIZATION, m.start("parent"), m.end("parent"), key=parent_id,
                    rule="gazetteer (in a branch's name)")

    for m in pats["split_header"].finditer(text) if "\n" in text else ():
        dept = m.group("dept")
        parent_id = gaz.org_names[m.group("parent")]
        dept_id = _dept_for_parent(gaz, dept, parent_id)
        if dept_id is None and _GENERIC_DEPT.search(dept) or ctx.covered(m.start("parent"), m.end(), Kind.ORGANIZATION):
            continue
        _add_department(ctx, m, dept_id or f"{parent_id}/{dept}", parent_id)

    scanners = _scanners(gaz)
    for m in scanners["provincial"].finditer(text):
        if m.group().endswith("政府") and text.startswith("部门", m.end()):
            continue    # 金砖国家政府部门: the governments' departments, a kind of body
        if not ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            division = _DIVISION.match(text, m.end())
            if division and _title_follows(gaz, text, division.end()):
                # 省工信厅运行监测处副处长武斌: a division of the department, and the department
                ctx.add(Kind.ORGANIZATION, m.start(), division.end(), rule="place+department")
                ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule=GOVERNMENT_IN_NAME)
                continue
            short = _SHORT_GOVERNMENT.fullmatch(m.group())     # 辽宁省政府 = 辽宁省人民政府
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule="place+department",
                    key=f"name:{short.group(1)}人民政府" if short else None)
            government = _GOVERNMENT_OFFICE.match(m.group())
            if government:              # 广东省人民政府办公厅: the government is named too
                ctx.add(Kind.ORGANIZATION, m.start(), m.start() + government.end(1),
                        rule=GOVERNMENT_IN_NAME)

    for m in pats["minor_party_committee"].finditer(text):
        if not ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule="democratic party's committee")

    for m in scanners["party_committee"].finditer(text):
        if ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            continue
        if text.endswith(("届", "政协"), 0, m.start()):
            continue    # 政协第十五届德州市委员会: the CPPCC's committee in the city, not the party's
        if (cut := _after_function_word(ctx, m.start(), m.end())) is not None:
            m = pats["party_committee"].fullmatch(text, cut, m.end())    # 与上海市委: the committee after 与
            if m is None or ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
                continue
        starts_word = not re.match(_HAN, text[m.start() - 1:m.start()] or " ") or m.start() in ctx.token_starts
        if not starts_word:     # 云南省怒江州委书记: read 省怒江州委, but the committee starts at a word inside
            inner = next((i for i in range(m.start() + 1, m.end() - 2) if i in ctx.token_starts
                          and pats["party_committee"].fullmatch(text, i, m.end())), None)
            if inner is not None and not ctx.covered(inner, m.end(), Kind.ORGANIZATION):
                province = pats["province_before"].search(text, max(0, inner - 8), inner)
                m, starts_word = pats["party_committee"].fullmatch(text, inner, m.end()), True
                if province is not None and province.start() in ctx.token_starts:
                    ctx.add(Kind.ORGANIZATION, province.start(), m.end(), rule="place+party committee")
                    continue
        if starts_word and (_title_follows(gaz, text, m.end()) or is_token_end(ctx, m.end())):
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule="place+party committee")

    for m in _longest_matches(pats["known"], text):
        if ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            continue
        entry = gaz.orgs[gaz.org_names[m.group()]]
        if m.end() - m.start() == 2 and not (is_token_end(ctx, m.start()) and (
                is_token_end(ctx, m.end()) or entry.type == "enterprise" and _COMPANY_TAIL.match(text, m.end()))):
            continue   # 总要求是, 转化为, 施工行业: a two-character name read across words
        country = _country_before(gaz, text, m.start())
        if country and entry.type in MINISTRY_TYPES:
            # 美国商务部: another country's ministry, not ours
            ctx.add(Kind.ORGANIZATION, m.start() - len(country), m.end(), rule="foreign body")
            continue
        end = m.end()
        if entry.type == "enterprise":
            tail = _COMPANY_TAIL.match(text, end)     # 华为公司, 中国石化集团公司: the name as written
            end = tail.end() if tail else end
        office = next(((oid, t) for oid, t in _offices(gaz).get(entry.id, ()) if text.startswith(t, end)), None)
        if office is not None and not ctx.covered(m.start(), end + len(office[1]), Kind.ORGANIZATION):
            # 国务院促进中小企业发展工作领导小组办公室: the group's office, listed whole
            ctx.add(Kind.ORGANIZATION, m.start(), end + len(office[1]), key=office[0], rule="ministry+department")
        ctx.add(Kind.ORGANIZATION, m.start(), end, label=text[m.start():end], key=entry.id, rule="gazetteer")

    # a department written bare: its parent is the body the article speaks of
    present = {m.key for m in ctx.mentions(Kind.ORGANIZATION) if m.key}
    for m in pats["dept"].finditer(text):
        if ctx.covered(m.start(), m.end(), Kind.ORGANIZATION):
            continue
        candidates = gaz.departments[m.group()]
        chosen = [oid for oid in candidates if gaz.orgs[oid].parent in present]
        if not chosen and len(candidates) == 1 and not _body_before_in_sentence(ctx, m.start()):
            chosen = candidates   # the one body that has a department so named
        # (农业农村部新闻发言人、发展规划司司长: the department of the body just named, not another's)
        if chosen and is_token_end(ctx, m.end()):
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), key=chosen[0], rule="department (bare)")

    _departments_before_titles(ctx, pats)
    _forums_with_officers(ctx)
    _firms_listed(ctx)
    stops = Stops.of(gaz, "的", *gaz.words.get("org_name_stops", ()))
    blockers = gaz.words.get("after_noun_blockers", ())
    generic = frozenset(gaz.words.get("generic_org_names", ()))
    for m in pats["suffix"].finditer(text):
        end = m.end()
        if m.group() == "集团" and (tail := _COMPANY_TAIL.match(text, end)) is not None:
            end = tail.end()    # 中集产城发展集团有限公司: the company's name goes on after 集团
        if ctx.covered(m.start(), end, Kind.ORGANIZATION) or not (
                is_token_end(ctx, end) or m.start() in ctx.token_starts and _title_follows(gaz, text, end)):
            continue    # (…协会会长: jieba glued the title to the suffix)
        if any(len(w) > end - m.start() and text.endswith(w, 0, end) for w in gaz.words.get("event_nouns", ())):
            continue    # 月度协商会: a meeting, not a chamber of commerce (商会)
        if text.startswith(blockers, end) and not _title_follows(gaz, text, end):
            continue    # 政府性基金预算: a budget, not a fund (but …有限公司执行董事: a post)
        start = walk_left(ctx, m.start(), stops=stops, max_len=20)
        inside = [o.end for o in ctx.mentions(Kind.ORGANIZATION) if start <= o.start and o.end <= m.start()
                  and text[o.end:o.end + 1] in ("和", "与", "及", "、")]
        if inside:          # 温州市经信局和吉利汽车集团: the name starts after the body listed before it
            start = max(inside)
            while start < m.start() and text[start] in "和与及、":
                start += 1
        name = text[start:end]
        modifier = text[start:m.start()]
        if modifier[-1:] in ("与", "和", "及", "、"):
            continue    # 加强企业与大学…: the suffix is a kind of body joined to another, not a name
        if len(re.sub(r"[“”‘’\"]", "", modifier)) < 2 \
                or modifier in gaz.places and m.group() not in gaz.words.get("place_named_suffixes", ()):
            continue    # (but 浙江大学: a university is named after its place)
        if clean_name(name) in generic or modifier in gaz.words.get("generic_modifiers", ()) \
                or _without_opener(gaz, clean_name(name)) in generic:
            continue    # 发挥投资基金带动作用, 全县农民合作社: a kind of body, not a name
        if ctx.covered(start, end, Kind.ORGANIZATION):
            _unit_of_body(ctx, start, m.start(), end)
            continue
        ctx.add(Kind.ORGANIZATION, start, end, label=name, key=gaz.org_names.get(name), rule="name+suffix")


@cache
def _forum_officers(gaz: Gazetteer) -> re.Pattern:
    names = [w.split("=")[0] for w in gaz.words.get("event_names", ())]
    return re.compile(f"(?:{alternation(names)})(?=(?:{alternation(gaz.words.get('forum_officers', ()))}))")


def _forums_with_officers(ctx: DocContext) -> None:
    """世界互联网大会秘书长任贤良, 博鳌亚洲论坛理事长: a forum's officers belong to
    the body that runs it, named as the forum."""
    if not ctx.gaz.words.get("forum_officers"):
        return
    for m in _forum_officers(ctx.gaz).finditer(ctx.text):
        if not ctx.covered(m.start(), m.end()):
            ctx.add(Kind.ORGANIZATION, m.start(), m.end(), rule="forum's body")


@cache
def _list_openers(gaz: Gazetteer) -> tuple[str, ...]:
    """The scope words a list or a name may open with (我市, 全县), longest first."""
    return tuple(sorted(gaz.words.get("list_openers", ()), key=len, reverse=True))


def _without_opener(gaz: Gazetteer, name: str) -> str:
    """``name`` less a scope word it opens with (全县, 我市)."""
    opener = next((w for w in _list_openers(gaz) if len(w) >= 2 and name.startswith(w)), "")
    return name[len(opener):]


def _unit_of_body(ctx: DocContext, start: int, suffix_start: int, end: int) -> None:
    """中国社会科学院工业经济研究所, 清华大学全球产业研究院: a unit named after the body
    that opens its name is a body of its own, inside that one."""
    if ctx.text[suffix_start:end] not in ctx.gaz.words.get("unit_suffixes", ()):
        return
    covering = [o for o in ctx.mentions(Kind.ORGANIZATION) if o.start < end and start < o.end]
    if len(covering) != 1 or covering[0].start != start or suffix_start - covering[0].end < 2:
        return
    body = covering[0]
    entry = ctx.gaz.orgs.get(body.key or "")
    ctx.add(Kind.ORGANIZATION, start, end, rule="name+suffix")
    if entry is None or entry.type not in MINISTRY_TYPES:     # the body is written inside the unit's name
        ctx.extraction.mentions = [replace(o, rule=GOVERNMENT_IN_NAME) if o is body else o
                                   for o in ctx.extraction.mentions]
