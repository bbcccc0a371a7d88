"""Relations between the named things of one document.

- positions: 部 / 我部 in a title resolve to the ministry the article is about;
- org:subOrganizationOf: a department written inside (or known to belong to)
  its ministry;
- kgo:promotes: a verb of implementing / launching (实施, 推进, 出台 …) and an
  initiative in one sentence; the agent is the sentence's subject (a person or
  organization before the verb), else the current speaker of the interview,
  else the organization the article is about;
- kgo:participatesIn: 召开 / 出席 / 举办 … and an event, the same way;
  "出席会议并讲话" with no name points to the event the article reports.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..gazetteer import Gazetteer, alternation
from ..models import Kind, Mention, Position, Relation, Sentence
from ..scan import Scanner
from .context import DocContext
from .organizations import GOVERNMENT_IN_NAME, MINISTRY_TYPES

__all__ = ["extract_relations", "main_organization"]

_TURN_REPORTER = re.compile(r"^[\s　]*(?:记者|问|主持人)[：:]")
_TURN_ANSWER = re.compile(r"^[\s　]*答[：:]")
_SPEECH_VERB = r"(?:表示|介绍|指出|强调|说|称|认为|提出|透露|坦言|回应|解释|谈到|在.{0,30}(?:上|时)表示|在[^，。]{0,12}?中(?:表示|指出|强调|说))"   # 在致辞中指出
_SPEECH = re.compile(f"^{_SPEECH_VERB}")
_HE_SAID = re.compile(f"^(?:他|她)(?:还|也|并|同时|进一步)?{_SPEECH_VERB}")
# 束珏婷介绍，本届进博会…来华参会: whose words follow is the speaker, not the subject of what they report
_REPORTS = re.compile(f"{_SPEECH_VERB}[，,：:]")
_CREDITS = ("byline", "photo", "editor", "credit")


@cache
def _title_pattern(gaz: Gazetteer) -> re.Pattern:
    return re.compile(alternation(gaz.titles))


# 从工信部官网获悉, 据商务部消息: the body the news was taken from, not the one it is about
_SOURCE_OF_NEWS = re.compile(r"(?:官方)?(?:官网|网站|微信公众号|公众号|官微|微博)|消息|获悉")


def _news_source(ctx: DocContext, m: Mention) -> bool:
    """Whether the body is named only as where the news comes from (从X官网获悉, 据X消息, X消息 …)."""
    source = _SOURCE_OF_NEWS.match(ctx.text, m.end)
    return source is not None and (source.group() in ("消息", "获悉") or ctx.text[m.start - 1:m.start] in ("从", "据"))


def main_organization(ctx: DocContext) -> str | None:
    """The ministry-like body the article is about: the most mentioned one,
    counting the organizations of the titles of its officials."""
    gaz = ctx.gaz
    counts: Counter[str] = Counter()
    for m in ctx.mentions(Kind.ORGANIZATION):
        if _news_source(ctx, m):
            continue
        entry = gaz.orgs.get(m.key or "")
        if entry and entry.type in ("ministry", "commission", "administration"):
            counts[m.label] += 1
        elif entry and entry.type == "department" and entry.parent in gaz.orgs:
            parent = gaz.orgs[entry.parent]
            counts[_label_in_doc(ctx, parent.id) or parent.label] += 1
    if not counts:
        return None
    # one label per body: prefer the form used most
    best_key = Counter()
    for m in ctx.mentions(Kind.ORGANIZATION):
        if m.label in counts:
            best_key[m.key or m.label] += counts[m.label]
    if not best_key:            # only departments are named, not their ministry (高技术司司长…)
        return counts.most_common(1)[0][0]
    key = best_key.most_common(1)[0][0]
    return _label_in_doc(ctx, key) or key


def local_organization(ctx: DocContext) -> str | None:
    """A provincial or city body the article is about, when no ministry-like
    body is named (省工业和信息化厅召开…会议，要求…全面实施“广东强芯”工程)."""
    local = Counter(m.label for m in ctx.mentions(Kind.ORGANIZATION) if m.rule == "place+department")
    return max(local, key=lambda label: local[label]) if local else None   # ties: the first named


def _label_in_doc(ctx: DocContext, key: str) -> str | None:
    forms = Counter(m.label for m in ctx.mentions(Kind.ORGANIZATION) if m.key == key)
    return max(forms, key=lambda f: (len(f), forms[f])) if forms else None


def _resolve_positions(ctx: DocContext) -> None:
    ministry_titles = ctx.gaz.words.get("ministry_titles", ())
    fixed = []
    for p in ctx.extraction.positions:
        org = p.organization
        if org in ("部", "我部", "本部"):
            if not ctx.main_org:
                continue
            org = ctx.main_org
        elif p.title in ministry_titles:  # 运行监测协调局局长、新闻发言人郑立新: the ministry speaks, not its department
            org = next((parent for m in ctx.mentions(Kind.ORGANIZATION) if m.label == org
                        and (parent := _department_parent(ctx, m))), org)
        fixed.append(Position(p.person, p.title, org, p.sentence, p.evidence, p.start, p.end))
    seen: dict[tuple[str, str, str], Position] = {}
    for p in fixed:                     # one post, one fact per article: the first sentence that says it
        seen.setdefault((p.person, p.title, p.organization), p)
    ctx.extraction.positions = list(seen.values())


# 周某女士是商务部外贸司副司长，兼任商务部新闻发言人 / 任命陈某为国家统计局副局长: a post stated of a person
_STATES_POST = re.compile(r"(?:女士|先生|同志)?(?:现|目前)?(?:是|任|担任|出任|现任|兼任)")
_ALSO_HOLDS = re.compile(r"[，,]?(?:并|同时|还)?兼任")


def _stated_posts(ctx: DocContext) -> None:
    """Posts the text states of a person (A是/任/担任 ORG TITLE, 任命A为 ORG TITLE): positions,
    as a title written before the name is; a title chain (、) and 兼任 go on."""
    text = ctx.text
    orgs: dict[int, Mention] = {}
    for o in ctx.mentions(Kind.ORGANIZATION):
        if o.start != o.end and (o.start not in orgs or o.end > orgs[o.start].end):
            orgs[o.start] = o
    titles = _title_pattern(ctx.gaz)
    for p in ctx.mentions(Kind.PERSON):
        if p.rule in _CREDITS:
            continue
        verb = _STATES_POST.match(text, p.end)
        at = verb.end() if verb else p.end + 1 if text.endswith("任命", 0, p.start) and \
            text.startswith("为", p.end) else None
        while at is not None and at in orgs:
            org, end = orgs[at], orgs[at].end
            found = []
            while (title := titles.match(text, end)) is not None:      # 党组书记、部长: a chain of titles
                found.append(title.group())
                end = title.end()
                if text[end:end + 1] != "、" or titles.match(text, end + 1) is None:
                    break
                end += 1
            if not found or text[end:end + 1] not in ("，", ",", "。", "；", ";", "、", "") and \
                    not _ALSO_HOLDS.match(text, end):
                break
            s = ctx.document.sentences[p.sentence]
            for title in found:
                ctx.extraction.positions.append(Position(p.label, title, org.label, s.index, s.text, s.start, s.end))
            also = _ALSO_HOLDS.match(text, end)
            at = also.end() if also else None


def _person_orgs(ctx: DocContext) -> dict[str, str]:
    """Each official's body: the article's own body where they hold a post there
    (中央农办主任、农业农村部部长唐仁健 in an article about 农业农村部), else the first named."""
    out = {}
    for p in ctx.extraction.positions:
        if p.title != "记者":
            if p.organization == ctx.main_org:
                out[p.person] = p.organization
            else:
                out.setdefault(p.person, p.organization)
    return out


def _speakers(ctx: DocContext) -> dict[int, Mention]:
    """The speaker of each sentence: interview turns, '陶青介绍', headings '…局长陶青：'."""
    interviewee = ctx.main_person
    persons = ctx.mentions(Kind.PERSON)
    current: Mention | None = None
    out: dict[int, Mention] = {}
    by_sentence: dict[int, list[Mention]] = {}
    for m in persons:
        by_sentence.setdefault(m.sentence, []).append(m)
    for s in ctx.document.sentences:
        line_start = s.start == 0 or ctx.text[s.start - 1] == "\n"
        if line_start and _TURN_REPORTER.match(s.text):
            current = None
        elif line_start and _TURN_ANSWER.match(s.text) and interviewee:
            current = next((m for m in persons if m.label == interviewee), current)
        if _HE_SAID.match(s.text):         # 尹弘代表省委…表示欢迎。他说，…: who was named just before
            named = [m for i in range(s.index - 1, max(-1, s.index - 3), -1)
                     for m in sorted(by_sentence.get(i, []), key=lambda m: m.start) if m.rule not in _CREDITS]
            if named:
                current = named[0]
        for m in sorted(by_sentence.get(s.index, []), key=lambda m: m.start):
            after = ctx.text[m.end:m.end + 40]
            if m.rule in ("speaker",) or _SPEECH.match(after) or after.startswith(("：", ":")):
                if m.rule not in _CREDITS:
                    current = m
        if current is not None:
            out[s.index] = current
    return out


# 传达…刘鹤对…的重要批示精神: whose words are relayed is not the doer
# (贯彻习近平总书记贺信精神: the words' spirit right after the title, with no 的)
_WHOSE_WORDS = re.compile(r"[^，。；：]{0,24}?的(?:重要)?(?:批示|指示|讲话|贺信|论述|指示批示)(?:精神)?"
                          r"|(?:(?:重要)?(?:讲话|指示|批示|贺信|论述|回信)、?)+精神")
# 商务部等13部门印发…: the body named first leads the group and is the subject
_LEADS_GROUP = re.compile(r"等(?:\d+|[一二三四五六七八九十]+)?个?(?:部门|单位|部委|机构)")


# 王某与某国部长以视频形式共同主持召开…: both do it, the first named is a subject
_JOINTLY = re.compile(r"[与和][^，。；：、]{1,30}?(?:共同|一同|一起|一道)")


def _jointly_with(text: str, after: int, verb_at: int) -> bool:
    """Whether the text from ``after`` to the verb is 与/和 someone 共同… (a partner in doing it)."""
    joint = _JOINTLY.match(text, after, verb_at)
    return joint is not None and verb_at - joint.end() <= 6


def _heads_a_list_of_doers(ctx: DocContext, first: Mention, verb_at: int) -> bool:
    """江苏省委、省政府召开…: bodies listed with 、/和 right up to the verb are its
    subjects (党中央、国务院关于…的部署 is not: 关于 comes between)."""
    by_start = {o.start: o for o in ctx.mentions(Kind.ORGANIZATION) if o.start != o.end}
    at, last = first.start, None
    while at in by_start:
        last = by_start[at]
        if ctx.text[last.end:last.end + 1] not in ("、", "和", "及", "与"):
            break
        at = last.end + 1
    return last is not None and last is not first and last.end == verb_at


def _subject_before(ctx: DocContext, sentence: int, before: int, *, locative: bool = False) -> Mention | None:
    """The subject of a verb at ``before``: the first person or organization of
    its clause (else of the sentence) before it that is not a modifier
    (党中央、国务院关于…的部署) nor, unless ``locative``, inside a place phrase
    (在国务院新闻办举行的…上: the holder of an event, not the subject)."""
    text = ctx.text
    cands = []
    for m in ctx.extraction.mentions:
        if m.sentence != sentence or m.kind not in (Kind.PERSON, Kind.ORGANIZATION) or m.end > before:
            continue
        if m.start == m.end or m.rule in _CREDITS or m.rule in ("gazetteer (in a department's name)",
                                          "gazetteer (in a branch's name)", GOVERNMENT_IN_NAME, "byline outlet",
                                          "dateline outlet"):
            continue
        entry = ctx.gaz.orgs.get(m.key or "")
        if entry is not None and entry.type == "outlet" or text[m.end:m.end + 1] == "讯" or _news_source(ctx, m):
            continue                       # 新华社北京3月1日电, 荆门日报讯, 某某网消息: a dateline, not a subject
        after = m.end
        title = _title_pattern(ctx.gaz).match(text, after)
        if m.kind is Kind.PERSON and title:
            after = title.end()            # 习近平总书记关于…: skip the title, then look
        if (text[m.start - 1:m.start] == "在" and not locative) or (
                re.match(r"、|关于|的|和|与|等", text[after:after + 2]) and not _LEADS_GROUP.match(text, after)
                and not _heads_a_list_of_doers(ctx, m, before)
                and not (m.kind is Kind.PERSON and _jointly_with(text, after, before))):
            continue
        if re.search(r"(?:按照|根据|依据|依照|遵照|对照)$", text[max(0, m.start - 2):m.start]):
            continue                       # 按照国务院部署，人民银行…: 国务院 is not the doer
        if text[m.start - 1:m.start] == "经" and re.match(r"同意|批准|批复", text[after:after + 2]):
            continue                       # 经国务院同意印发…: who approves is not who issues
        if re.search(r"受[^，。；]{0,20}$", text[max(0, m.start - 21):m.start]) and re.match(
                r"[^，。；]{0,12}?委托", text[after:]):
            continue                       # 受市长吴一凡委托，常务副市长何立新主持…: who entrusts is not the doer
        if _WHOSE_WORDS.match(text, after):
            continue                       # 传达…副总理刘鹤对交通运输工作的重要批示精神: cited, not present
        if m.kind is Kind.ORGANIZATION and title:
            continue                       # 江苏省工业和信息化厅厅长谢志成出席: the person is the subject
        cands.append(m)
    if not cands:
        return None
    clause_start = max(text.rfind(p, 0, before) for p in "，；：,;:")
    in_clause = sorted((m for m in cands if m.start > clause_start), key=lambda m: m.start)
    if in_clause:
        first = in_clause[0]
        title = _title_pattern(ctx.gaz).match(text, first.end) if first.kind is Kind.PERSON else None
        said = _SPEECH.match(text[title.end() if title else first.end:before]) if first.kind is Kind.PERSON else None
        if said:       # 盛秋平介绍李强总理出席…情况: who reports is not who attends
            reported = [m for m in in_clause if m.start >= (title.end() if title else first.end) + said.end()]
            if reported:
                return reported[0]
        return first
    # no subject in the verb's clause: one that opens the nearest clause before it
    # (刘德春介绍，国家发展改革委会同…部门，制定了…方案 → 国家发展改革委), else the sentence's first
    nearest = max(cands, key=lambda m: m.start)
    lead = max(text.rfind(p, 0, nearest.start) for p in "，；：,;:")
    opener = min((m for m in cands if m.start > lead), key=lambda m: m.start)
    if lead >= 0 and len(text[lead + 1:opener.start].strip()) <= 1:
        return opener
    return min(cands, key=lambda m: m.start)


@cache
def _verb_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # 发布会, 推进会: the verb is part of a meeting's noun (but 召开会议 stays a verb)
    return re.compile(f"(?:{alternatives})(?!会(?!议))")


def _verb_positions(text: str, words: tuple[str, ...]) -> list[int]:
    return [m.start() for m in _verb_pattern(words).finditer(text)] if words else []


def _coordinated(ctx: DocContext, subject: Mention) -> list[Mention]:
    """由财政部、国家税务总局联合制定: the subject and the bodies listed before it."""
    out = [subject]
    by_end = {m.end: m for m in ctx.extraction.mentions
              if m.kind is subject.kind and m.sentence == subject.sentence and m.start != m.end}
    head = subject
    while ctx.text[head.start - 1:head.start] in ("、", "和", "与", "及") and (head.start - 1) in by_end:
        head = by_end[head.start - 1]
        out.insert(0, head)
    by_start = {m.start: m for m in ctx.extraction.mentions
                if m.kind is Kind.ORGANIZATION and m.sentence == subject.sentence and m.start != m.end}
    # 江苏省委、省政府召开…: the bodies listed after it, up to the verb
    listed, tail = [], subject
    while ctx.text[tail.end:tail.end + 1] in ("、", "和", "及") and (tail.end + 1) in by_start:
        tail = by_start[tail.end + 1]
        listed.append(tail)
    if listed and not re.match(r"关于|的|等", ctx.text[tail.end:tail.end + 2]):
        out += listed
    # 国家发展改革委会同工业和信息化部等部门制定: the bodies it works with issue it too
    partner = re.match(r"会同|联合", ctx.text[subject.end:subject.end + 2])
    at = subject.end + 2 if partner else -1
    while at in by_start:
        out.append(by_start[at])
        nxt = by_start[at].end
        at = nxt + 1 if ctx.text[nxt:nxt + 1] in ("、", "和", "及") else -1
    return out


def _agents(ctx: DocContext, sentence_index: int, subject: Mention | None, speakers: dict[int, Mention],
            person_orgs: dict[str, str], locative: bool = False,
            earlier: list[tuple[Kind, str]] | None = None) -> list[tuple[Kind, str]]:
    """Who does it: the sentence's ``subject``, else who did it to the same thing
    earlier in the article (``earlier``), else the speaker, else the article's body."""
    if subject is not None:   # co-issuers of a document each promote it; a meeting's holder is one,
        together = _coordinated(ctx, subject)    # unless the text says they hold it together (由A和B主办,
        if locative and not (ctx.text[together[0].start - 1:together[0].start] == "由"      # A、B召开)
                             or re.match(r"共同|联合", ctx.text[subject.end:subject.end + 2])
                             or len(together) > 1 and ctx.text[together[0].end:together[0].end + 1] in ("、", "和")):
            together = [subject]
        return [(m.kind, m.label) for m in together]
    if earlier:
        return list(earlier)
    speaker = speakers.get(sentence_index)
    if speaker is not None:
        out = [(Kind.PERSON, speaker.label)]
        if speaker.label in person_orgs:
            out.append((Kind.ORGANIZATION, person_orgs[speaker.label]))
        return out
    if ctx.main_org and _named_by(ctx, ctx.main_org, _LEAD_SENTENCES + 1):
        return [(Kind.ORGANIZATION, ctx.main_org)]
    if not locative and ctx.local_org:
        return [(Kind.ORGANIZATION, ctx.local_org)]     # who launches a programme; a meeting's holder is said
    return []


_LEAD_SENTENCES = 2     # the title and the lead of a news report: where it names the event it reports


def _named_by(ctx: DocContext, label: str, sentence: int) -> bool:
    """Whether the body is named (or its department is) in the sentences up to ``sentence``."""
    orgs = ctx.mentions(Kind.ORGANIZATION)
    keys = {m.key for m in orgs if m.label == label and m.key}     # 工信部 for 工业和信息化部
    return any(m.sentence <= sentence and (m.label == label or m.key in keys or _department_parent(ctx, m) == label)
               for m in orgs)


def _holder_unsaid(ctx: DocContext, event: Mention, verb_at: int, verbs: tuple[str, ...]) -> bool:
    """Whether the event is only said to take place, its holder unnamed: it stands
    before its verb (X在上海举办) or after a verb that modifies it (举行的X)."""
    if verb_at > event.start:
        return True
    verb = _verb_pattern(verbs).match(ctx.text, verb_at)
    return verb is not None and ctx.text[verb.end():verb.end() + 1] == "的"


def _says_we(ctx: DocContext, start: int, end: int) -> bool:
    """Whether the speaker names their own body as the doer (我们, 我部 …) between ``start`` and ``end``."""
    return any(w in ctx.text[start:end] for w in ctx.gaz.words.get("first_person_doers", ()))


def _clause_start(ctx: DocContext, at: int) -> int:
    return max(ctx.text.rfind(p, 0, at) for p in "，。；：,;:\n") + 1


def _modifies(ctx: DocContext, thing: Mention, verb_at: int, verbs: tuple[str, ...]) -> bool:
    """Whether the verb only modifies the thing after it (2021年印发的《…》): a
    verb, 的, then the thing, with at most a quote mark between."""
    verb = _verb_pattern(verbs).match(ctx.text, verb_at)
    return verb is not None and verb_at < thing.start and re.fullmatch(
        r"了?的[《“「]?", ctx.text[verb.end():thing.start]) is not None


_DOC_SAYS = re.compile(r"》?(?:还|也|进一步)?(?:明确|提出|要求|指出|强调|规定|部署)")


def _document_says(ctx: DocContext, thing: Mention, verb_at: int) -> Mention | None:
    """The document that is the subject of the verb's clause: 《指导意见》明确，落实… ."""
    lo = ctx.document.sentences[thing.sentence].start
    docs = [d for d in ctx.mentions(Kind.INITIATIVE) if d is not thing and lo <= d.start and d.end <= verb_at
            and _DOC_SAYS.match(ctx.text, d.end)]
    return min(docs, key=lambda d: d.start) if docs else None


def _reports(ctx: DocContext, person: Mention) -> bool:
    """Whether the person is named as the one who speaks the clause that follows (束珏婷介绍，…)."""
    title = _title_pattern(ctx.gaz).match(ctx.text, person.end) if person.kind is Kind.PERSON else None
    return person.kind is Kind.PERSON and bool(_REPORTS.match(ctx.text, title.end() if title else person.end))


_CITED_SPEECH = re.compile(r"(?:讲话|致辞|发言)(?:的)?精神")
_BRIEFING_ON = re.compile(r"(?:发布会|吹风会|记者会|见面会|通气会)[，,]?(?:介绍|通报|解读|发布)")
_A_YEAR_OF = re.compile(r"[^，。；]{0,20}?(?:一年|之年)")


def _link(ctx: DocContext, predicate: str, kind: Kind, verbs: tuple[str, ...],
          speakers: dict[int, Mention], person_orgs: dict[str, str]) -> None:
    from ..resolve import is_short_form

    seen = set()
    by_subject: dict[str, list[tuple[Kind, str]]] = {}     # label → agents named as its subject
    verbs_in: dict[int, list[int]] = {}                   # sentence → where its verbs start
    for m in sorted(ctx.mentions(kind), key=lambda m: m.start):
        if kind is Kind.EVENT and (_cited(ctx, m) or _UPCOMING.match(ctx.text, m.end)):
            continue    # 中央经济工作会议即将召开: nobody in the sentence has taken part yet
        s = ctx.document.sentences[m.sentence]
        verbs_at = verbs_in.get(m.sentence)
        if verbs_at is None:
            names = [(n.start, n.end) for n in ctx.extraction.mentions if n.sentence == m.sentence
                     and n.kind in (Kind.INITIATIVE, Kind.EVENT, Kind.ORGANIZATION)]
            # 《关于做好…的实施方案》: a verb inside a name is no one doing it; 讲话精神: a speech cited
            verbs_at = verbs_in[m.sentence] = [
                s.start + i for i in _verb_positions(s.text, verbs)
                if not any(lo <= s.start + i < hi for lo, hi in names) and not _CITED_SPEECH.match(s.text, i)]
        if not verbs_at:
            continue
        before = [v for v in verbs_at if v < m.start]
        verb_at = max(before) if before else min(verbs_at)
        if not before and re.search("[，；]", ctx.text[m.end:verb_at]):
            continue    # …专项规划统筹调度，联合国家开发银行实施专项贷款: that verb has an object of its own
        if kind is Kind.EVENT and before and re.search("[，；：]", ctx.text[verb_at:m.start]):
            continue    # 出席…开幕式，…落实中国—中亚峰会共识: the verb is another clause's
        if kind is Kind.EVENT and before and _BRIEFING_ON.search(ctx.text, verb_at, m.start):
            continue    # 举行中外媒体吹风会介绍第三届消博会筹备情况: the briefing is held, the fair is its topic
        if kind is Kind.EVENT and _PLANNED.search(ctx.text, s.start, max(verb_at, m.start)):
            continue    # 会议决定，12月16日召开…: not held yet, nobody took part
        locative = kind is Kind.EVENT
        # 人社部通报了根治欠薪冬季专项行动…。冬季专项行动将于11月启动: the same body launches it
        earlier = next((agents for label, agents in by_subject.items()
                        if label == m.label or is_short_form(m.label, label)), None)
        doer = _subject_before(ctx, m.sentence, verb_at, locative=locative)
        # 《…行动方案》印发以来，国家发展改革委会同…: else the subject comes later in the sentence
        subject = doer or _subject_before(ctx, m.sentence, s.end, locative=locative)
        if kind is Kind.INITIATIVE and subject is None and not earlier:
            says = _document_says(ctx, m, verb_at)
            if says is not None:   # 《指导意见》明确，落实…: who issued that document does it, not the last speaker
                earlier = next((agents for label, agents in by_subject.items()
                                if label == says.label or is_short_form(says.label, label)), None)
                if not earlier:
                    continue
        if kind is Kind.EVENT and subject is not None and subject.end < m.start < verb_at and _reports(ctx, subject):
            doer = subject = None      # 束珏婷介绍，本届进博会…来华参会: the speaker reports who took part
        if kind is Kind.INITIATIVE and "是" in ctx.text[_clause_start(ctx, verb_at):verb_at] \
                and _A_YEAR_OF.match(ctx.text, m.end):
            continue    # 今年是(…开局之年、)实施“十四五”规划承上启下的关键一年: the year is named, nobody implements
        if kind is Kind.INITIATIVE and subject is None and not earlier and ctx.text.startswith(
                tuple(ctx.gaz.words.get("signing_verbs", ())), verb_at):
            continue    # 区域内9省共同签署了…协议: the signers are named, not the article's body
        if kind is Kind.INITIATIVE and _modifies(ctx, m, verb_at, verbs) and (
                subject is None or subject.end < verb_at and _REPORTS.search(ctx.text, subject.end, verb_at)) \
                and not _says_we(ctx, _clause_start(ctx, verb_at), verb_at):
            continue    # 边广琦说，2021年印发的《…指导意见》提出: who issued it is not said
        if kind is Kind.EVENT and subject is None and not earlier and _holder_unsaid(ctx, m, verb_at, verbs):
            # 进博会11月5日至10日在上海举办 / 此前举行的广交会, mid-article: nobody here took part;
            # in the lead (全国工业和信息化工作会议在京召开) the article's body is the holder
            # (商务部副部长A出席 further down, at a province's fair: a guest's body holds nothing)
            found = [(Kind.ORGANIZATION, ctx.main_org)] if ctx.main_org and m.sentence <= _LEAD_SENTENCES \
                and _named_by(ctx, ctx.main_org, m.sentence + 1) else []
        else:
            found = _agents(ctx, m.sentence, subject, speakers, person_orgs, locative, earlier)
        if kind is Kind.EVENT and doer is not None and doer.kind is Kind.PERSON and ctx.text.startswith(
                tuple(ctx.gaz.words.get("attend_verbs", ())), verb_at):
            found += [a for a in _listed_before(ctx, doer) if a not in found]   # A，B，C出席X: all of them
        if doer is not None:
            by_subject.setdefault(m.label, found)      # named as the doer, not only somewhere in the sentence
        for agent_kind, agent in found:
            key = (agent, m.label)
            if key in seen:
                continue
            seen.add(key)
            ctx.extraction.relations.append(Relation(predicate, agent_kind, agent, kind, m.label,
                                                     m.sentence, s.text, f"{predicate} verb"))


def _listed_before(ctx: DocContext, person: Mention) -> list[tuple[Kind, str]]:
    """The persons listed, with their posts, before the clause the person opens
    (工业和信息化部副部长A，江苏省副省长B，学会理事长C出席…: A and B for C)."""
    clause_start = _clause_start(ctx, person.start)
    persons = [p for p in ctx.mentions(Kind.PERSON) if p.sentence == person.sentence and p.rule not in _CREDITS]
    names = {p.label for p in persons}
    if not _only_names(ctx, ctx.text[clause_start:person.start], names):
        return []
    return [(p.kind, p.label) for p in persons if p.end < clause_start
            and _only_names(ctx, ctx.text[p.end:clause_start - 1], names)]


_MEETING_NOUNS = r"会议|大会|发布会|论坛|峰会|座谈会|研讨会|推进会|交流会|对接会|见面会"
_ANAPHOR = re.compile(rf"(?:出席|参加|主持|列席)了?(?:新闻)?(?:{_MEETING_NOUNS}|仪式|活动)|作(?:交流|典型|大会)?发言|致(?:欢迎|开幕|闭幕|答谢)?[辞词]"
                      r"|(?:出席|列席|到会|主持|参加|与会)(?=[，。；])"
                      r"|出席并|在(?:开幕式|闭幕式|启动仪式|开幕会|主论坛)上"
                      r"|(?:出席|参加|主持)了?(?:开幕式|闭幕式|开幕会|启动仪式)"
                      r"|(?:先后|相继|依次|分别)发言"
                      r"|宣布[^，。；]{0,20}?(?:开幕|闭幕)|(?:作|发表)了?(?:主旨|主题|专题|视频)?演讲"
                      r"|(?:作|发表)了?(?:重要|动员|总结|主题|视频)讲话"
                      r"|(?:作|发表)了?(?:题为)?《[^《》\n]{1,40}》的?(?:工作|主题|专题)?(?:报告|讲话)"
                      r"|(?<![工所])作了?(?:[^\W\d的_]{0,8}?工作|主题|主|大会)?报告|介绍(?:了)?[^，。；“”]{0,30}?情况|答记者问|回答记者提问"
                      rf"|在(?:本次|此次|今天的|当天的)?(?:{_MEETING_NOUNS}|新闻发布会|吹风会|会)上")
_ANAPHORS = Scanner(_ANAPHOR)
_UNNAMED_MEETING = re.compile(r"(?:举行|召开|举办)了?[^，。；]{0,6}?(发布会|吹风会|记者会|座谈会)")
# any meeting held with no name of its own (召开党组会议, 举行记者会): see _antecedent
_UNNAMED_HELD = re.compile(r"(?:召开|举行)了?([^，。；：“”,.;:]{0,8}?会(?:议)?)")
_CLAUSE_BREAK = re.compile(r"[，。；：,;:\n]")
_BRIEFINGS = ("发布会", "吹风会", "记者会", "记者招待会", "见面会", "通气会")
# an anaphor's noun → the head nouns of the named events it can stand for
_ANAPHOR_HEADS = {"发布会": ("发布会",), "吹风会": ("吹风会",), "记者会": ("记者会", "记者招待会"),
                  "论坛": ("论坛",), "峰会": ("峰会",),
                  "座谈会": ("座谈会",), "研讨会": ("研讨会",), "推进会": ("推进会", "会议"),
                  "交流会": ("交流会",), "对接会": ("对接会",), "见面会": ("见面会",),
                  "大会": ("大会", "会议"),
                  # 介绍第三届消博会筹备情况，并回答记者提问: reporters are answered at a briefing, not at the fair
                  "记者问": _BRIEFINGS, "记者提问": _BRIEFINGS,
                  # 主持召开第七次…座谈会。…出席会议: a symposium or a progress meeting is a 会议 too
                  "会议": ("会议", "全会", "大会", "座谈会", "推进会", "研讨会", "交流会", "对接会",
                         "部署会", "调度会", "动员会", "通报会", "现场会", "推介会", "说明会", "会商会", "协商会")}
# 传达党的二十大精神, 党的十八大以来: the event is cited, nobody takes part in it here
# (落实…推进大会部署。: the deployment it made, not a meeting held here)
_CITED = re.compile(r"(?:重要|重大)?(?:精神|以来|决策部署|部署要求|部署(?=[，。；、和及]|$)|以后|之后|前夕|召开以来"
                    r"|(?:闭幕|结束)(?:后|以后|之后))"
                    r"|(?:成功|胜利)(?:举办|召开|举行)的"
                    r"|上(?:的|发表的)(?:重要)?(?:讲话|致辞|主旨演讲)")   # 学习…在X大会上的重要讲话精神
_CITED_LIST = re.compile(r"(?:、|和|及|与|以及)[^，。；：]{0,14}?精神")
_UPCOMING = re.compile(r"(?:即将|将要|将[于在][^，。；]{0,12}?|将)(?:召开|举行|举办|开幕)")
# 会议决定，12月16日在京召开…会议 / 定于…召开: a meeting planned, not held here
_PLANNED = re.compile(r"决定|定于|拟于|拟在|计划于")
_HELD_BEFORE = re.compile(r"(?:召开|举行|举办|主持召开|组织召开)$")
_HELD_AFTER = re.compile(r"[^，。；]{0,12}?(?:召开|举行|举办|开幕|启幕)")


def _held(ctx: DocContext, event: Mention) -> bool:
    """Whether the text reports the event as held here (召开X, X在福州召开; not 决定…召开X: planned)."""
    if _HELD_BEFORE.search(ctx.text, max(0, event.start - 4), event.start):
        return not _PLANNED.search(ctx.text, _clause_start(ctx, event.start), event.start)
    sentence = ctx.document.sentences[event.sentence] if ctx.document.sentences else None
    if sentence is not None and _PLANNED.search(ctx.text, sentence.start, event.start):
        return False            # 会议决定，市政协十四届五次会议于1月14日召开: planned, not held here
    return bool(_HELD_AFTER.match(ctx.text, event.end))


def _cited(ctx: DocContext, event: Mention) -> bool:
    """Whether the event is cited (…精神, …以来), also as the first of a list: 省人大五次会议、省政协五次会议精神."""
    if _CITED.match(ctx.text, event.end) or _CITED_LIST.match(ctx.text, event.end):
        return True
    if ctx.text[event.end:event.end + 1] in ("、", "和", "及", "与"):
        nxt = [e for e in ctx.mentions(Kind.EVENT) if e.start == event.end + 1]
        return any(_cited(ctx, e) for e in nxt)
    return False


_READ_OUT_BY = re.compile(r"(?:宣读|转达|代读|播放)了?[^，。；]{0,16}$")
_SPEECH_READ = re.compile(r"的?(?:书面|视频)?(?:致辞|贺信|贺词|讲话|指示|批示)")


def _read_out(ctx: DocContext, person: Mention) -> bool:
    """Whether someone else reads out the person's words (A宣读B副总理致辞): B is not present."""
    title = _title_pattern(ctx.gaz).match(ctx.text, person.end)
    return bool(_READ_OUT_BY.search(ctx.text[max(0, person.start - 20):person.start])
                and _SPEECH_READ.match(ctx.text, title.end() if title else person.end))


def _only_names(ctx: DocContext, segment: str, names: set[str]) -> bool:
    """Whether ``segment`` holds nothing but names, with their bodies and titles
    (赵志国，运行监测协调局局长陶青，规划司司长王鹏介绍…: a list of officials)."""
    bodies = {o.label for o in ctx.mentions(Kind.ORGANIZATION)}
    for name in sorted(names | bodies, key=len, reverse=True):
        segment = segment.replace(name, "")
    # 省委常委、宣传部部长A: a party or government department named bare before its head's title
    segment = re.sub(r"(?:^|(?<=[、，,]))[\u4e00-\u9fff]{1,4}?[部厅局办](?=(?:常务)?副?(?:部长|厅长|局长|主任))", "", segment)
    # 第十四届全国政协常委, 国务院新闻办公室原副主任: the term and "former" qualify the title
    segment = re.sub(r"第[一二三四五六七八九十]+届|原(?=副?[\u4e00-\u9fff])", "", segment)
    segment = _title_pattern(ctx.gaz).sub("", segment)
    # 部党组成员、副部长陈东，部党组成员、… / 市委常委、常务副市长林一，…: a bare body (部, 驻, 市委)
    # left of a title chain is no word of its own
    segment = re.sub(r"(?:^|(?<=[、，,]))(?:[省市县区州]?(?:委|政府|政协)|[部委局厅驻])+(?=[、，,]|$)", "", segment)
    # 江苏省副省长B: the place of a local post is no word of its own either
    # (谈判代表兼副部长B: 兼 joins two posts)
    return all(not piece or ctx.gaz.is_place(piece) for piece in re.split(r"[、，,\s\u3000兼]+", segment))


def _antecedent(ctx: DocContext, events: list[Mention], anaphor: str, at: int) -> Mention | None:
    """:func:`_named_antecedent`, unless another meeting with no name is held
    between it and the anaphor (a news digest: 国家统计局召开党组会议。局长康义主持会议:
    the 会议 chaired is that one; but 举行新闻发布会 is a named …新闻发布会
    again, if the text names one)."""
    found = _named_antecedent(ctx, events, anaphor, at)
    if found is None or found.end > at:
        return found
    named = ctx.mentions(Kind.EVENT)
    if not _held(ctx, found) and any(
            not any(e.start < m.end() and m.start() < e.end or e.label.endswith(m.group(1)) for e in named)
            for m in _UNNAMED_HELD.finditer(ctx.text, 0, found.start)):
        return None             # 省政协党组召开扩大会议。会议指出，中央经济工作会议是…。某某出席会议: the meeting held
    for m in _UNNAMED_HELD.finditer(ctx.text, found.end, at):
        if _CLAUSE_BREAK.search(ctx.text, found.end, m.start()) is None:
            continue            # 十四届全国人大二次会议在…举行记者会: the event holds it, a part of the event
        if not any(e.start < m.end() and m.start() < e.end or e.label.endswith(m.group(1)) for e in named):
            return None
    return found


def _named_antecedent(ctx: DocContext, events: list[Mention], anaphor: str, at: int) -> Mention | None:
    """The named event an anaphor (出席会议, 在发布会上) stands for: the nearest
    one before it with a fitting head noun that is not merely cited, else the
    event the article reports (the first one held: 召开/举行/开幕)."""
    noun = next((n for n in _ANAPHOR_HEADS if n in anaphor), None)
    heads = _ANAPHOR_HEADS.get(noun, ()) if noun else ()
    fitting = [e for e in events if e.end <= at and not _cited(ctx, e)
               and (not heads or e.label.endswith(heads))]
    held = [e for e in fitting if _held(ctx, e)]
    here = [e for e in fitting if e.sentence == ctx.sentence_index(at)]
    if here:                     # 举行…工程新闻发布会，请胡再生…到会: the one its sentence names
        return max(here, key=lambda e: e.end)
    if not heads and not held:   # 在会上 names no kind of meeting: a named event only when held
        fitting = []
    if held or fitting:
        return max(held or fitting, key=lambda e: e.end)
    for s in ctx.document.sentences:
        # 在…论坛开幕式上: not held here; 此前举行的广交会: cited, not held here
        for verb_m in re.finditer(r"(?:召开|举行|开幕(?!式)|启幕)(?!的)", s.text):
            verb = s.start + verb_m.start()
            here = [e for e in events if e.sentence == s.index and not _cited(ctx, e)
                    and (not heads or e.label.endswith(heads))]   # 出席发布会: a press conference, not the fair it presents
            after = [e for e in here if e.start >= verb]
            # 召开出席X、Y的中共党员会议: X and Y only name the meeting held, they are not it
            after = [e for e in after if ctx.text[e.end:e.end + 1] not in ("、", "的", "和", "及")] or after
            if after or here:            # 召开X (after the verb), X在福州开幕 (before it)
                return min(after, key=lambda e: e.start) if after else max(here, key=lambda e: e.end)
    if noun == "大会":             # 宣布大会开幕 at a forum or fair: the whole occasion held
        return _named_antecedent(ctx, events, "", at)
    return None


_CHAIRED_BY = re.compile(r"(?:会议|大会|开幕式|闭幕式|论坛|发布会|仪式)由([^，。；]{2,40}?)(?:主持|召集)")


def _chaired_by(ctx: DocContext, events: list[Mention]) -> None:
    """会议由福建省省长赵龙主持: who chairs takes part; the meeting is the named one before."""
    for s in ctx.document.sentences:
        for m in _CHAIRED_BY.finditer(s.text):
            lo, hi = s.start + m.start(1), s.start + m.end(1)
            reported = _antecedent(ctx, events, "", s.start + m.start())   # 会议 here is the whole meeting
            if reported is None:
                continue
            for p in ctx.mentions(Kind.PERSON):
                if lo <= p.start and p.end <= hi:
                    ctx.extraction.relations.append(Relation(
                        "participatesIn", Kind.PERSON, p.label, Kind.EVENT, reported.label, s.index, s.text,
                        "chaired by"))


_HOSTED_BY = re.compile(r"由(?!于)([^。；]{2,60}?)(?:共同|联合)?(?:主办|承办|举办)"
                        r"(?:[，,]([^。；，,由]{2,40}?)(?:承办|协办))?")      # …主办，B、C承办


def _hosted_by(ctx: DocContext, events: list[Mention]) -> None:
    """本届辽洽会由商务部、中国贸促会和辽宁省政府共同主办: the bodies that hold an
    event take part in it; the event is the one named before 由 in the sentence, else the one reported."""
    for s in ctx.document.sentences:
        for m in _HOSTED_BY.finditer(s.text):
            at = s.start + m.start()
            named = [e for e in events if e.sentence == s.index and e.end <= at and not _cited(ctx, e)]
            reported = max(named, key=lambda e: e.end) if named else _antecedent(ctx, events, "", at)
            if reported is None:
                continue
            spans = [(s.start + m.start(g), s.start + m.end(g)) for g in (1, 2) if m.group(g)]
            hosts = [o for o in ctx.mentions(Kind.ORGANIZATION)
                     if o.start != o.end and any(lo <= o.start and o.end <= hi for lo, hi in spans)]
            _take_part(ctx, events, reported, [(o.kind, o.label) for o in hosts], s, "hosted by")


def _joint_with(ctx: DocContext, events: list[Mention], event: Mention) -> list[Mention]:
    """第八届中国—南亚博览会暨第二十八届…交易会: events held as one occasion."""
    return [e for e in events if e is not event and e.sentence == event.sentence and re.fullmatch(
        r"(?:开幕式|开幕大会|开幕)?暨", ctx.text[min(e.end, event.end):max(e.start, event.start)])]


def _take_part(ctx: DocContext, events: list[Mention], reported: Mention, agents: list[tuple[Kind, str]],
               s: Sentence, rule: str) -> None:
    """The agents take part in ``reported`` and in the events held as one occasion with it."""
    for event in [reported] + _joint_with(ctx, events, reported):
        for kind, label in dict.fromkeys(agents):
            ctx.extraction.relations.append(Relation(
                "participatesIn", kind, label, Kind.EVENT, event.label, s.index, s.text, rule))


_ALSO_ATTENDING = re.compile(r"(?:出席|参加)(?:今天|本次|此次|当天)?的?(会议|大会|座谈会|论坛|活动|开幕式|闭幕式|仪式)的(?:还有|有)")


def _also_attending(ctx: DocContext, events: list[Mention]) -> None:
    """参加本次会议的还有A、B: the persons listed after it take part in the meeting reported."""
    for s in ctx.document.sentences:
        m = _ALSO_ATTENDING.search(s.text)
        if m is None:
            continue
        at = s.start + m.start()
        reported = _antecedent(ctx, events, m.group(1) if m.group(1) in _ANAPHOR_HEADS else "", at)
        if reported is None:
            continue
        present = [p for p in ctx.mentions(Kind.PERSON)
                   if p.sentence == s.index and p.start >= s.start + m.end() and p.rule not in _CREDITS]
        _take_part(ctx, events, reported, [(p.kind, p.label) for p in present], s, "also attending")


# 会上，…厅长李青宣读了…: a sentence that opens at the meeting; its first clause names who acts there
_SCENE = re.compile(r"[\s\u3000]*在?(?:本次|此次|今天的|当天的|首场|第[一二三四五六七八九十]+场)?(?:新闻)?"
                    r"((?:发布|座谈|推进|研讨|交流|对接|见面|吹风|记者)会|会议|大会|论坛|开幕式|会)上[，,]")


def _scene_noun(scene: re.Match) -> str:
    return "" if scene.group(1) == "会" else scene.group(1)


def _at_the_scene(ctx: DocContext, events: list[Mention]) -> None:
    """会上，A、B分别发言 / 会上，厅长李青宣读了…: the persons who open the first clause take part."""
    for s in ctx.document.sentences:
        scene = _SCENE.match(s.text)
        if scene is None:
            continue
        reported = _antecedent(ctx, events, _scene_noun(scene), s.start + scene.start(1))
        if reported is None:
            continue
        lo = s.start + scene.end()
        persons = [p for p in ctx.mentions(Kind.PERSON)
                   if p.sentence == s.index and lo <= p.start and p.rule not in _CREDITS]
        names = {p.label for p in persons}
        # 开幕式上，书记A，省长B…出席: a list of officials opens the sentence;
        # 会上，李青传达了张华的批示: whose words are relayed is not present
        present = [(p.kind, p.label) for p in persons if _only_names(ctx, ctx.text[lo:p.start], names)]
        _take_part(ctx, events, reported, present, s, "at the scene")


def _anaphoric_meetings(ctx: DocContext) -> None:
    """出席会议并讲话, 在发布会上表示: the unnamed 会议 is the named event before it."""
    events = sorted(ctx.mentions(Kind.EVENT), key=lambda e: e.start)
    if not events:
        return
    _chaired_by(ctx, events)
    _hosted_by(ctx, events)
    _also_attending(ctx, events)
    _at_the_scene(ctx, events)
    for s in ctx.document.sentences:
        anaphors = list(_ANAPHORS.finditer(s.text))
        # 出席发布会并回答记者提问: the sentence's meeting noun says what all its anaphors stand for
        noun = next((n for a in anaphors for n in _ANAPHOR_HEADS if n in a.group()), "")
        unnamed = _UNNAMED_MEETING.search(s.text)
        if not noun and unnamed and not any(e.start <= s.start + unnamed.start(1) < e.end for e in events):
            noun = unnamed.group(1)        # 举行吹风会，请…解读…，并答记者问: the briefing, not the session it explains
        scene = _SCENE.match(s.text)
        if not noun and scene:
            noun = _scene_noun(scene)      # 新闻发布会上，…介绍了有关情况: the briefing, not the congress reported
        for m in anaphors:
            verb_at = s.start + m.start()
            if ctx.text.rfind("《", s.start, verb_at) > ctx.text.rfind("》", s.start, verb_at):
                continue                   # 《政府工作报告》: a title, not someone giving a report
            if any(e.start <= verb_at < e.end or verb_at <= e.start < s.start + m.end() for e in events):
                continue                   # inside a name (全国工业和信息化工作会议上), or naming its topic (介绍第136届广交会筹备情况)
            reported = _antecedent(ctx, events, m.group() if any(n in m.group() for n in _ANAPHOR_HEADS) else noun,
                                   verb_at)
            if reported is None:
                continue
            # 刘国强、阮健弘、邹澜出席发布会: every person named before the verb took part
            clause_start = max(s.text.rfind(c, 0, m.start()) for c in "，；。") + s.start + 1
            # (刘国强，阮健弘出席…: a name that ends its clause belongs to the list too)
            persons = [p for p in ctx.mentions(Kind.PERSON)
                       if p.sentence == s.index and p.end <= verb_at and p.rule not in _CREDITS]
            names = {p.label for p in persons}
            people = [p for p in persons if (p.start >= clause_start
                      or _only_names(ctx, ctx.text[p.end:clause_start - 1], names)) and not _read_out(ctx, p)]
            agents = [(p.kind, p.label) for p in people]
            if not agents:   # 江苏省工业和信息化厅、省发展改革委…主要负责同志作交流发言
                agents = [(o.kind, o.label) for o in ctx.mentions(Kind.ORGANIZATION)
                          if clause_start <= o.start and o.end <= verb_at and o.start != o.end]
            if not agents:
                subject = _subject_before(ctx, s.index, verb_at)
                agents = [(subject.kind, subject.label)] if subject is not None else []
            _take_part(ctx, events, reported, agents, s, "anaphoric 会议")


def _at_events(ctx: DocContext) -> None:
    """李强在第七届数字中国建设峰会上表示…: who speaks at an event takes part in it."""
    text = ctx.text
    for ev in ctx.mentions(Kind.EVENT):
        if not re.match(r"(?:开幕式|闭幕式|全体会议|主论坛|分论坛)?(?:上|期间)", text[ev.end:ev.end + 6]):
            continue
        s = ctx.document.sentences[ev.sentence]
        at = text.rfind("在", s.start, ev.start)
        if at < 0 or re.search(r"[，。；]", text[at:ev.start]):
            continue
        agents = []
        subject = _subject_before(ctx, ev.sentence, at)
        if subject is not None and not re.search(r"[，；,;]", text[subject.end:at]):
            agents.append(subject)     # not 商务部联合发布了…，同日在…论坛开幕式上，习近平透露
        for m in ctx.mentions(Kind.PERSON):
            if m.sentence != ev.sentence or m.start <= ev.end:
                continue
            title = _title_pattern(ctx.gaz).match(text, m.end)      # 习近平主席透露
            if _SPEECH.match(text[(title.end() if title else m.end):m.end + 16]):
                agents.append(m)
        if not agents and ev.sentence <= 2:
            # 在…新闻发布会上，有媒体提问…。对此，…赵志国表示: the scene of the article; who answers takes part
            agents = _first_speaker_after(ctx, ev.sentence)
        for a in dict.fromkeys((a.kind, a.label) for a in agents):
            ctx.extraction.relations.append(Relation("participatesIn", a[0], a[1], Kind.EVENT, ev.label,
                                                     ev.sentence, s.text, "at the event"))


_ATTENDING_TOO = re.compile(r"出席(?:今天|本次|此次)?(?:的)?(?:新闻)?(?:发布会|会议|论坛)的(?:还有|有)")


def _transcript_speakers(ctx: DocContext) -> None:
    """A transcript under an event's title (寿小丽：… 李乐成：…): whoever speaks a turn,
    or is listed as 出席今天新闻发布会的还有…, takes part in that event."""
    events = [e for e in ctx.mentions(Kind.EVENT) if e.sentence == 0 and not _cited(ctx, e)]
    if not events or "\n" not in ctx.text[events[0].end:]:
        return
    event = events[0]
    present = [m for m in ctx.mentions(Kind.PERSON) if m.rule == "speaker"]
    for s in ctx.document.sentences:
        m = _ATTENDING_TOO.search(s.text)
        if m:
            present += [p for p in ctx.mentions(Kind.PERSON) if p.sentence == s.index and p.start > s.start + m.end()]
    for p in dict.fromkeys(p.label for p in present):
        ctx.extraction.relations.append(Relation("participatesIn", Kind.PERSON, p, Kind.EVENT, event.label,
                                                 event.sentence, ctx.document.sentences[event.sentence].text,
                                                 "transcript turn"))


def _first_speaker_after(ctx: DocContext, sentence: int, window: int = 3) -> list[Mention]:
    """The first person who speaks (表示, 介绍 …) in the few sentences after ``sentence``."""
    text = ctx.text
    for m in sorted(ctx.mentions(Kind.PERSON), key=lambda m: m.start):
        if sentence < m.sentence <= sentence + window and m.rule not in _CREDITS \
                and _SPEECH.match(text[m.end:m.end + 12]):
            return [m]
    return []


def _department_parent(ctx: DocContext, m: Mention) -> str | None:
    """The ministry of a department mention (listed, or ministry + an unlisted department), as the article names it."""
    gaz = ctx.gaz
    if m.key and "/" in m.key:                                  # ministry + an unlisted department
        parent_id = m.key.split("/", 1)[0]
        return _label_in_doc(ctx, parent_id) or gaz.orgs[parent_id].label
    entry = gaz.orgs.get(m.key or "")
    if entry is not None and entry.type == "department" and entry.parent:
        return _label_in_doc(ctx, entry.parent) or gaz.orgs[entry.parent].label
    return None


def _suborganizations(ctx: DocContext) -> None:
    gaz = ctx.gaz
    seen = set()
    for m in ctx.mentions(Kind.ORGANIZATION):
        entry = gaz.orgs.get(m.key or "")
        parent_label = _department_parent(ctx, m)
        if parent_label is None:
            # a body written inside a larger one's name: 国务院新闻办 → 国务院
            for other in ctx.mentions(Kind.ORGANIZATION):
                o_entry = gaz.orgs.get(other.key or "")
                if (other.label != m.label and m.label.startswith(other.label) and len(m.label) > len(other.label) + 1
                        and (o_entry and o_entry.type in MINISTRY_TYPES
                             or other.rule == GOVERNMENT_IN_NAME)):
                    parent_label = other.label
                    break
            parent = gaz.orgs.get(entry.parent or "") if entry is not None else None
            if parent_label is None and parent is not None and parent.type == "state":   # 国务院国资委 ⊂ 国务院
                parent_label = next((n for n in (parent.label, *parent.aliases)
                                     if m.label.startswith(n) and len(m.label) > len(n) + 1), None)
        if parent_label and (m.label, parent_label) not in seen and parent_label != m.label:
            seen.add((m.label, parent_label))
            s = ctx.document.sentences[m.sentence] if ctx.document.sentences else None
            ctx.extraction.relations.append(Relation(
                "subOrganizationOf", Kind.ORGANIZATION, m.label, Kind.ORGANIZATION, parent_label,
                m.sentence, s.text if s else "", "department of"))


def extract_relations(ctx: DocContext) -> None:
    ctx.main_org = main_organization(ctx)
    ctx.local_org = None if ctx.main_org else local_organization(ctx)
    _stated_posts(ctx)
    _resolve_positions(ctx)
    person_orgs = _person_orgs(ctx)
    if ctx.main_person is None:
        titled = Counter(p.person for p in ctx.extraction.positions if p.title != "记者")
        if titled:
            ctx.main_person = titled.most_common(1)[0][0]
    speakers = _speakers(ctx)
    words = ctx.gaz.words
    _link(ctx, "promotes", Kind.INITIATIVE, words.get("promote_verbs", ()), speakers, person_orgs)
    _link(ctx, "participatesIn", Kind.EVENT, words.get("participate_verbs", ()), speakers, person_orgs)
    _anaphoric_meetings(ctx)
    _at_events(ctx)
    _transcript_speakers(ctx)
    _suborganizations(ctx)
