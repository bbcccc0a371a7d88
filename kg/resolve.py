"""Resolution: mentions from all articles → one Entity per real-world thing.

Mentions resolve by key, in this order: the gazetteer id of a known body
(工信部 = 工业和信息化部 = 中华人民共和国工业和信息化部), a ministry + department
pair, then the normalized name (quotes, 《》 and spaces removed; 党的 not
counted before a congress). Names that differ by a number, a year or a batch never
share a key, since the key is the name itself. Every merge records why, for
``kg explain``.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .extract.context import clean_name
from .gazetteer import gazetteer
from .models import Entity, Extraction, Kind

__all__ = ["Resolution", "resolve", "resolve_records", "replay_records", "resolution_record", "stable_id",
           "entity_key"]

# One step of an article's resolution, as plain data: (kind value, key, why,
# clean name, label as written, sentence or None, rule).
Step = tuple[str, str, str, str, str, "int | None", str]
_KINDS = {k.value: k for k in Kind}


def stable_id(*parts: object) -> str:
    """16 hex digits of SHA-1 over the parts: the same input gives the same IRI everywhere."""
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha1(data).hexdigest()[:16]


def entity_key(kind: Kind, label: str, key: str | None = None) -> tuple[str, str]:
    """(key, why) for a mention."""
    name = clean_name(label)
    if key and key.startswith("name:"):
        return key, f"short form of {key[5:]} in the same article"
    if key:
        return key, f"gazetteer id {key}"
    if kind is Kind.ORGANIZATION:
        gid = gazetteer().org_names.get(name)
        if gid:
            return gid, f"gazetteer id {gid}"
    if kind is Kind.EVENT and re.match(r"(?:党的|中共)?[十二]", name):    # a congress: 党的二十大 = 中共二十大 = 二十大
        return f"name:{re.sub('^(?:党的|中共)', '', name)}", "same name (党的 not counted)"
    return f"name:{name}", "same name"


@dataclass
class Resolution:
    entities: dict[tuple[Kind, str], Entity] = field(default_factory=dict)
    # (doc_id, kind, label as written in that doc) -> entity
    by_label: dict[tuple[str, Kind, str], Entity] = field(default_factory=dict)
    steps: list[Step] | None = field(default=None, repr=False)   # when a list: every _add, recorded

    def lookup(self, doc_id: str, kind: Kind, label: str) -> Entity:
        """The entity a label of a document stands for, creating it when only a
        relation names it (a parent body the text never writes in full)."""
        found = self.by_label.get((doc_id, kind, label))
        if found is None:
            found = self._add(doc_id, kind, label, None, None, "named by a relation")
        return found

    def _add(self, doc_id: str, kind: Kind, label: str, key: str | None,
             sentence: int | None, rule: str) -> Entity:
        k, why = entity_key(kind, label, key)
        name = clean_name(label)
        if self.steps is not None:
            self.steps.append((kind.value, k, why, name, label, sentence, rule))
        return self._apply(doc_id, kind, k, why, name, label, sentence, rule)

    def _apply(self, doc_id: str, kind: Kind, k: str, why: str, name: str, label: str,
               sentence: int | None, rule: str) -> Entity:
        entity = self.entities.get((kind, k))
        if entity is None:
            entity = Entity(kind, stable_id(kind.value, k), name)
            self.entities[(kind, k)] = entity
        elif name not in entity.aliases and name != entity.label:
            entity.merge_reasons.append(f"{name!r} ({doc_id}) joined: {why}")
        entity.aliases.add(name)
        entity.articles.add(doc_id)
        if sentence is not None:
            entity.mentions.append((doc_id, sentence, name, rule))
        self.by_label[(doc_id, kind, label)] = entity
        self.by_label[(doc_id, kind, name)] = entity
        return entity


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` is an article's short way of writing ``full``
    (稳增长工作方案 for 10个重点工业行业稳增长工作方案, REITs试点 for
    基础设施领域不动产投资信托基金（REITs）试点): same last two characters (the head
    noun), its characters in order inside the full name, and no number of its
    own (第一批 vs 第二批, 2025年 vs 2027年 stay apart)."""
    if len(short) < 4 or len(short) >= len(full) or short[-2:] != full[-2:]:
        return False
    if set(re.findall(r"\d+|[一二三四五六七八九十百]+", short)) - set(re.findall(r"\d+|[一二三四五六七八九十百]+", full)):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _short_forms(ex: Extraction) -> dict[tuple[Kind, str], str]:
    """label → the fuller label it abbreviates, within one article."""
    out = {}
    for kind in (Kind.INITIATIVE, Kind.EVENT):
        labels = sorted({m.label for m in ex.mentions if m.kind is kind and not m.key}, key=len)
        by_head: dict[str, list[int]] = {}          # a short form ends as its full name does
        for i, label in enumerate(labels):
            by_head.setdefault(label[-2:], []).append(i)
        for i, short in enumerate(labels):
            fuller = [labels[j] for j in by_head[short[-2:]] if j > i and is_short_form(short, labels[j])]
            if len(fuller) == 1:
                out[(kind, short)] = fuller[0]
    return out


@cache
def _department_abbreviations() -> tuple[tuple[str, str], ...]:
    """("工信厅", "工业和信息化厅") …, longest short form first (kg/data/patterns/words.txt)."""
    pairs = (w.split("=", 1) for w in gazetteer().words.get("department_abbreviations", ()) if "=" in w)
    return tuple(sorted(((a, b) for a, b in pairs), key=lambda kv: -len(kv[0])))


def _expand_department(name: str) -> str:
    for short, full in _department_abbreviations():
        if name.endswith(short):
            return name[: -len(short)] + full
    return name


def _org_short_forms(ex: Extraction) -> dict[tuple[Kind, str], str]:
    """省工信厅 / 省工业和信息化厅 → 福建省工业和信息化厅 within one article: a
    province's or city's body written without its place name (or with an
    abbreviated department) is the one fuller name of the article that it
    abbreviates; with two candidates (江苏省… and 浙江省…) it stays apart."""
    labels = {m.label for m in ex.mentions if m.kind is Kind.ORGANIZATION and not m.key
              and m.rule == "place+department"}
    if ex.document.meta.publisher:
        labels.add(clean_name(ex.document.meta.publisher))
    expanded = {label: _expand_department(label) for label in labels}
    out = {}
    for short in labels:
        bare = expanded[short]
        if not bare.startswith(("省", "市", "自治区")):
            continue
        fuller = {full for full in labels if full != short and expanded[full] != bare
                  and expanded[full].endswith(bare) and len(expanded[full]) > len(bare)}
        if len(fuller) == 1:
            out[(Kind.ORGANIZATION, short)] = fuller.pop()
        elif not fuller:
            same = sorted((full for full in labels if full != short and expanded[full] == bare), key=len)
            if same and len(same[-1]) > len(short):
                out[(Kind.ORGANIZATION, short)] = same[-1]      # 省工信厅 → 省工业和信息化厅
    for (kind, short), full in list(out.items()):     # 省工信厅 → 省工业和信息化厅 → 福建省工业和信息化厅
        for _ in range(len(out)):                      # each step is to a longer name: no cycle
            if (kind, full) not in out:
                break
            full = out[(kind, full)]
        out[(kind, short)] = full
    return out


def _choose_labels(res: Resolution) -> None:
    gaz = gazetteer()
    for (kind, key), entity in res.entities.items():
        names = set(entity.aliases)
        if kind is Kind.INITIATIVE and key.startswith("name:"):
            names.add(key[5:])     # 党的二十届三中全会《决定》: the full name, though written short
        entry = gaz.orgs.get(key) if kind is Kind.ORGANIZATION else None
        if entry is not None and entry.type != "department":
            pref = entry.label
        else:
            pref = max(sorted(names), key=len)   # the fullest name used
        entity.label = pref
        entity.aliases = {n for n in names if n != pref}


def _resolve_article(res: Resolution, ex: Extraction) -> None:
    """Add one article's mentions to ``res``. Every step depends on the article
    alone (``by_label`` is keyed by doc_id), so :func:`resolution_record` can
    record them once and :func:`resolve_records` replay them."""
    doc_id = ex.document.meta.doc_id
    if ex.document.meta.publisher:
        res._add(doc_id, Kind.ORGANIZATION, ex.document.meta.publisher, None, None, "publisher")
    short = _short_forms(ex) | _org_short_forms(ex)
    for m in sorted(ex.mentions, key=lambda m: (m.start, m.end, m.kind.value)):
        key = m.key
        if (m.kind, m.label) in short:
            key = entity_key(m.kind, short[(m.kind, m.label)])[0]
        res._add(doc_id, m.kind, m.label, key, m.sentence, m.rule)
    for p in ex.positions:
        res.lookup(doc_id, Kind.PERSON, p.person)
        res.lookup(doc_id, Kind.ORGANIZATION, p.organization)
    for r in ex.relations:
        res.lookup(doc_id, r.subject_kind, r.subject)
        res.lookup(doc_id, r.object_kind, r.object)
    for f in ex.figures:
        for kind, label in f.set_by:
            res.lookup(doc_id, kind, label)
        if f.part_of:
            res.lookup(doc_id, Kind.INITIATIVE, f.part_of)


def resolve(extractions: list[Extraction]) -> Resolution:
    res = Resolution()
    for ex in sorted(extractions, key=lambda e: e.document.meta.doc_id):
        _resolve_article(res, ex)
    _choose_labels(res)
    return res


def resolution_record(ex: Extraction) -> tuple[Step, ...]:
    """The steps :func:`resolve` takes for one article, as plain data (kept in
    the article's fragment, so a rebuild resolves without its extraction)."""
    res = Resolution(steps=[])
    _resolve_article(res, ex)
    return tuple(res.steps)


def resolve_records(records: Iterable[tuple[str, Sequence[Step]]], start: Resolution | None = None) -> Resolution:
    """:func:`resolve` of the articles whose (doc_id, :func:`resolution_record`) are given: the same Resolution.

    ``start``: :func:`replay_records` of the articles whose doc_ids come
    before all of these (a rebuild replays the cached ones first, while its
    new articles are analysed), continued."""
    res = replay_records(records, start)
    _choose_labels(res)
    return res


def replay_records(records: Iterable[tuple[str, Sequence[Step]]], start: Resolution | None = None) -> Resolution:
    """The records' steps applied in doc_id order to ``start`` (or a new
    Resolution), labels not yet chosen: :func:`resolve_records` in parts."""
    res = Resolution() if start is None else start
    apply, kinds = res._apply, _KINDS
    for doc_id, steps in sorted(records, key=lambda r: r[0]):
        for kind, k, why, name, label, sentence, rule in steps:
            apply(doc_id, kinds[kind], k, why, name, label, sentence, rule)
    return res
