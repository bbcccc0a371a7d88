"""The graph stage: resolved entities and per-article facts → an rdflib Graph
in the public vocabulary (docs/VOCABULARY.md, shape in docs/ARCHITECTURE.md)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache, partial

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from .extract.context import clean_name
from .models import ArticleMeta, Document, Entity, Extraction, Figure, Kind, Position, Relation, Sentence
from .namespaces import KGO, KGR, ORG, bind_prefixes
from .resolve import Resolution, stable_id
from .store import lean_graph
from .terms import Lit, Term, typed

__all__ = ["KGO", "KGR", "ORG", "to_rdf", "bind_prefixes", "article_iri", "entity_iri", "figure_iri", "year_iri",
           "decimal_literal", "Builder", "ArticleRows"]

_SLUG = re.compile(r"[^A-Za-z0-9_.-]")
_KGR, _KGO, _TARGET, _STATISTIC = str(KGR), str(KGO), str(KGO.Target), str(KGO.Statistic)
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
# rdflib's RDF.type, SKOS.prefLabel … make a new URIRef at each access: these are read per triple
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_PREF, _ALT, _DECIMAL = SKOS.prefLabel, SKOS.altLabel, XSD.decimal


@lru_cache(maxsize=1 << 18)      # a corpus's articles: every entity's kgo:mentionedIn reads them again
def article_iri(doc_id: str) -> URIRef:
    stem = doc_id.rsplit(".", 1)[0]
    slug = stem if stem and not _SLUG.search(stem) else stable_id("article", doc_id)
    return KGR[f"article/{slug}"]


def entity_iri(entity: Entity) -> URIRef:
    return KGR[f"{entity.kind.value.lower()}/{entity.uid}"]


def figure_iri(doc_id: str, f: Figure) -> URIRef:
    """A Statistic's or Target's node (two figures of one article may share it)."""
    return URIRef(_figure_iri(doc_id, f))


def _figure_iri(doc_id: str, f: Figure) -> str:
    cls = _TARGET if f.is_target else _STATISTIC
    uid = stable_id(doc_id, cls, f.indicator, f.value, f.unit, f.year, f.sentence, f.surface)
    return f"{_KGR}{'target' if f.is_target else 'statistic'}/{uid}"


def year_iri(year: int) -> URIRef:
    return KGR[f"year/{year}"]


def decimal_literal(value: Decimal) -> Literal:
    """An exact xsd:decimal (never through float: 0.1 + 0.2 must stay 0.3)."""
    return Literal(_decimal_text(value), datatype=_DECIMAL)


def _decimal_text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


@lru_cache(maxsize=65536)
def _count(n: int) -> Literal:
    """An xsd:nonNegativeInteger (offsets repeat across articles: made once per process)."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


_DERIVED, _EVIDENCE, _SENTENCE = PROV.wasDerivedFrom, KGO.evidence, KGO.sentenceIndex
_START, _END = KGO.charStart, KGO.charEnd


@lru_cache(maxsize=8192)
def _zh(text: str) -> Literal:
    """A Chinese text literal (a sentence is the evidence of every name read in it: made once)."""
    return Literal(text, lang="zh")


@lru_cache(maxsize=1024)
def _plain(text: str) -> Literal:
    """A plain literal of a small vocabulary (rule names, units, periods)."""
    return Literal(text)


_ISSUED_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def _issued_literal(issued: str) -> Literal:
    return Literal(issued, datatype=_ISSUED_TYPES.get(len(issued), XSD.string))


def label_use_sites(entity: Entity, documents: dict[str, Document]) -> Iterator[tuple[str, str, str, Sentence]]:
    """(doc_id, name, rule, sentence) where each name of ``entity`` was first read
    in each article, in (doc_id, name) order; masthead names have no sentence."""
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for doc_id, sentence, name, rule in entity.mentions:
        first.setdefault((doc_id, name), (sentence, rule))
    for (doc_id, name), (sentence, rule) in sorted(first.items()):
        doc = documents.get(doc_id)
        if doc is None or not doc.sentences or rule == "masthead":
            continue
        yield doc_id, name, rule, doc.sentences[min(sentence, len(doc.sentences) - 1)]


class Builder:
    """Adds the triples of articles, entities and facts to one lean graph
    (``label_uses=False`` leaves out the kgo:LabelUse nodes)."""

    def __init__(self, res: Resolution, label_uses: bool = True) -> None:
        self.with_label_uses = label_uses
        self.g = bind_prefixes(lean_graph())   # kg.store: ~4 × faster than rdflib's Memory
        self.res = res
        self.indicators: dict[str, URIRef] = {}
        self.indicator_uses: dict[URIRef, dict[str, int]] = {}     # labels per indicator node, with counts

    def add(self, s, p, o) -> None:
        self.g.store.add((s, p, o))     # the lean store itself: rdflib's Graph.add only checks types

    def year(self, year: int) -> URIRef:
        node, triples = _year(year)
        for t in triples:
            self.g.store.add(t)
        return node

    def entity(self, doc_id: str, kind: Kind, label: str) -> URIRef:
        return entity_iri(self.res.lookup(doc_id, kind, label))

    def provenance(self, node: URIRef, doc_id: str, sentence: int, evidence: str, start: int, end: int) -> None:
        add = self.g.store.add
        add((node, _DERIVED, article_iri(doc_id)))
        add((node, _EVIDENCE, _zh(evidence)))
        add((node, _SENTENCE, _count(sentence)))
        add((node, _START, _count(start)))
        add((node, _END, _count(end)))

    def article(self, meta: ArticleMeta) -> None:
        node = article_iri(meta.doc_id)
        self.add(node, _TYPE, KGO.Article)
        self.add(node, DCTERMS.identifier, Literal(meta.doc_id))
        if meta.title:
            self.add(node, DCTERMS.title, Literal(meta.title, lang="zh"))
        if meta.issued:
            self.add(node, DCTERMS.issued, _issued_literal(meta.issued))
        if meta.publisher:
            self.add(node, DCTERMS.publisher, self.entity(meta.doc_id, Kind.ORGANIZATION, meta.publisher))
        if meta.url and _URL.fullmatch(meta.url):
            self.add(node, DCTERMS.source, URIRef(meta.url))

    def entities(self, documents: dict[str, Document]) -> None:
        add = self.g.store.add
        # one instance of each class and property (KGO.x makes a new one per access), as of each article's IRI
        classes, mentioned_in, merge_note = {k: KGO[k.value] for k in Kind}, KGO.mentionedIn, KGO.mergeNote
        for entity in self.res.entities.values():
            node = entity_iri(entity)
            add((node, _TYPE, classes[entity.kind]))
            add((node, _PREF, Literal(entity.label, lang="zh")))
            for alias in sorted(entity.aliases):
                add((node, _ALT, Literal(alias, lang="zh")))
            for doc_id in sorted(entity.articles):
                add((node, mentioned_in, article_iri(doc_id)))
            for note in sorted(set(entity.merge_reasons)):
                add((node, merge_note, Literal(note)))
            if self.with_label_uses:
                self.label_uses(node, entity, documents)

    def label_uses(self, node: URIRef, entity: Entity, documents: dict[str, Document]) -> None:
        """Where each name of the thing was first read in each article (for `kg explain`)."""
        for doc_id, name, rule, sent in label_use_sites(entity, documents):
            use = KGR[f"labeluse/{stable_id(entity.uid, doc_id, name)}"]
            self.add(use, _TYPE, KGO.LabelUse)
            self.add(use, KGO.labelOf, node)
            self.add(use, KGO.name, _zh(name))
            if rule:
                self.add(use, KGO.rule, _plain(rule))
            self.provenance(use, doc_id, sent.index, sent.text, sent.start, sent.end)

    def indicator(self, label: str) -> URIRef:
        """One node per measure (``kg.indicators.indicator_key``: 累计建成5G基站 and
        我国5G基站总数 are one); prefLabel the most used, then shortest label, the others altLabels."""
        from .indicators import choose_labels, indicator_key

        name = clean_name(label) or "未命名指标"
        key = indicator_key(name)
        node = self.indicators.get(key)
        if node is None:
            node = KGR[f"indicator/{stable_id('Indicator', key)}"]
            self.indicators[key] = node
            self.add(node, _TYPE, KGO.Indicator)
        uses = self.indicator_uses.setdefault(node, {})
        uses[name] = uses.get(name, 0) + 1
        pref, alts = choose_labels(uses)
        self.g.remove((node, _PREF, None))
        self.g.remove((node, _ALT, None))
        self.add(node, _PREF, _zh(pref))
        for alt in alts:
            self.add(node, _ALT, _zh(alt))
        return node

    def figure(self, doc_id: str, f: Figure) -> None:
        cls = KGO.Target if f.is_target else KGO.Statistic
        node = figure_iri(doc_id, f)
        self.add(node, _TYPE, cls)
        self.add(node, KGO.indicator, self.indicator(f.indicator))
        self.add(node, KGO.value, decimal_literal(f.value))
        self.add(node, KGO.unit, _plain(f.unit))
        self.add(node, KGO.surface, Literal(f.surface))
        if f.year is not None:
            self.add(node, KGO.targetYear if f.is_target else KGO.refYear, self.year(f.year))
        if f.comparator is not None:
            self.add(node, KGO.comparator, KGO[f.comparator.value])
        if f.as_of:
            dtype = XSD.date if len(f.as_of) == 10 else XSD.gYearMonth
            self.add(node, KGO.asOf, Literal(f.as_of, datatype=dtype))
        if f.period:
            self.add(node, KGO.period, _plain(f.period))
        for kind, label in f.set_by:
            self.add(node, KGO.setBy, self.entity(doc_id, kind, label))
        if f.part_of:
            self.add(node, KGO.partOf, self.entity(doc_id, Kind.INITIATIVE, f.part_of))
        self.provenance(node, doc_id, f.sentence, f.evidence, f.start, f.end)

    def facts(self, ex: Extraction) -> None:
        doc_id = ex.document.meta.doc_id
        self.statements(ex)
        for f in ex.figures:
            self.figure(doc_id, f)
        for year, event in _held_in(ex):
            self.add(self.entity(doc_id, Kind.EVENT, event), KGO.heldIn, self.year(year))

    def statements(self, ex: Extraction) -> None:
        """The article's Positions, and its plain edges with their Assertions."""
        for _, make in self.statement_makers(ex):
            make()

    def statement_makers(self, ex: Extraction) -> Iterator[tuple[URIRef, Callable[[], None]]]:
        """(node, what adds its triples) of each of the article's Positions and
        Assertions, in order; a node said twice is made from the first sentence
        that says it."""
        doc_id = ex.document.meta.doc_id
        posts = set()
        for p in ex.positions:
            person = self.entity(doc_id, Kind.PERSON, p.person)
            org = self.entity(doc_id, Kind.ORGANIZATION, p.organization)
            node = KGR[f"position/{stable_id(doc_id, person, p.title, org)}"]
            if node in posts:
                continue     # 部长 and 工业和信息化部部长 are one post of one body: the first sentence that says it
            posts.add(node)
            yield node, partial(self._position, node, doc_id, person, org, p)
        asserted = set()
        for r in ex.relations:
            s = self.entity(doc_id, r.subject_kind, r.subject)
            o = self.entity(doc_id, r.object_kind, r.object)
            if s == o or (s, r.predicate, o) in asserted:
                continue                    # one assertion per article: the first sentence that says it
            asserted.add((s, r.predicate, o))
            pred = ORG.subOrganizationOf if r.predicate == "subOrganizationOf" else KGO[r.predicate]
            node = KGR[f"assertion/{stable_id(doc_id, s, pred, o)}"]
            yield node, partial(self._assertion, node, ex.document, s, pred, o, r)

    def _position(self, node: URIRef, doc_id: str, person: URIRef, org: URIRef, p: Position) -> None:
        self.add(node, _TYPE, KGO.Position)
        self.add(node, ORG.member, person)
        self.add(node, ORG.organization, org)
        self.add(node, KGO.title, _zh(p.title))
        self.provenance(node, doc_id, p.sentence, p.evidence, p.start, p.end)

    def _assertion(self, node: URIRef, doc: Document, s: URIRef, pred: URIRef, o: URIRef, r: Relation) -> None:
        self.add(s, pred, o)
        self.add(node, _TYPE, KGO.Assertion)
        self.add(node, _SUBJECT, s)
        self.add(node, _PREDICATE, pred)
        self.add(node, _OBJECT, o)
        sent = doc.sentences[r.sentence] if doc.sentences else None
        self.provenance(node, doc.meta.doc_id, r.sentence, r.evidence,
                        sent.start if sent else 0, sent.end if sent else len(r.evidence))


@lru_cache(maxsize=512)
def _year(year: int) -> tuple[URIRef, tuple]:
    node = year_iri(year)
    return node, ((node, _TYPE, KGO.Year), (node, KGO.year, Literal(f"{year:04d}", datatype=XSD.gYear)),
                  (node, _PREF, Literal(f"{year}年", lang="zh")))


def _held_in(ex: Extraction) -> list[tuple[int, str]]:
    """An event reported as held (召开/举行/举办) takes the sentence's explicit
    year, else the article's year when that is known."""
    out = []
    for m in ex.mentions:
        if m.kind is not Kind.EVENT or not ex.document.sentences:
            continue
        text = ex.document.sentences[m.sentence].text
        if not re.search(r"召开|举行|举办|开幕|闭幕", text):
            continue
        explicit = re.search(r"((?:19|20)\d{2})年", text)
        year = int(explicit.group(1)) if explicit else ex.document.meta.year
        if year:
            out.append((year, m.label))
    return sorted(set(out))


def to_rdf(extractions: list[Extraction], res: Resolution, *, label_uses: bool = True) -> Graph:
    """The whole graph in one rdflib graph (the reference the fragment writer
    of :mod:`kg.fragment` must match; ``kg build`` itself never makes it)."""
    b = Builder(res, label_uses)
    for ex in sorted(extractions, key=lambda e: e.document.meta.doc_id):
        b.article(ex.document.meta)
    b.entities({ex.document.meta.doc_id: ex.document for ex in extractions})
    for ex in sorted(extractions, key=lambda e: e.document.meta.doc_id):
        b.facts(ex)
    return b.g


@lru_cache(maxsize=4096)
def _article(doc_id: str) -> str:
    return str(article_iri(doc_id))


class _V:
    """The vocabulary of :class:`ArticleRows`, as plain strings."""

    type, subject, predicate, object = (str(t) for t in (_TYPE, _SUBJECT, _PREDICATE, _OBJECT))
    pref, alt = str(_PREF), str(_ALT)
    derived, evidence, sentence, start, end = (str(t) for t in (_DERIVED, _EVIDENCE, _SENTENCE, _START, _END))
    identifier, title, issued = str(DCTERMS.identifier), str(DCTERMS.title), str(DCTERMS.issued)
    publisher, source = str(DCTERMS.publisher), str(DCTERMS.source)
    member, organization, sub_organization_of = str(ORG.member), str(ORG.organization), str(ORG.subOrganizationOf)
    kgo = str(KGO)
    decimal, count, g_year, date, g_year_month = (str(t) for t in (_DECIMAL, XSD.nonNegativeInteger, XSD.gYear,
                                                                     XSD.date, XSD.gYearMonth))
    issued_types = {n: str(t) for n, t in _ISSUED_TYPES.items()}
    string = str(XSD.string)
    article, label_use, position, assertion, indicator_class = (_KGO + c for c in (
        "Article", "LabelUse", "Position", "Assertion", "Indicator"))
    label_of, name, rule, title_zh, held_in = (_KGO + p for p in ("labelOf", "name", "rule", "title", "heldIn"))
    indicator, value, unit, surface, target_year, ref_year, comparator, as_of, period, set_by, part_of = (
        _KGO + p for p in ("indicator", "value", "unit", "surface", "targetYear", "refYear", "comparator", "asOf",
                          "period", "setBy", "partOf"))


_ENTITY_PATH = {kind: f"{_KGR}{kind.value.lower()}/" for kind in Kind}     # (an Enum's .value is Python code)


@lru_cache(maxsize=8192)
def _lit_zh(text: str) -> Lit:
    """A Chinese text literal (a sentence is the evidence of many nodes of its article: made once)."""
    return Lit(text, "zh")


@lru_cache(maxsize=1024)
def _lit(text: str) -> Lit:
    """A plain literal of a small vocabulary (rule names, units, periods)."""
    return Lit(text)


class ArticleRows:
    """One article's part of the graph as plain data (:mod:`kg.terms`), what
    :class:`Builder` adds for it (``article``, ``label_uses`` of every entity,
    ``facts``) in the same order, without making rdflib terms: the fast path of
    :func:`kg.fragment.make_fragment`. ``spo`` maps subject → predicate →
    objects (dicts keep the order of insertion, as the lean store does).
    Tests hold it to the Builder, triple for triple."""

    def __init__(self, res: Resolution) -> None:
        self.res = res
        self.spo: dict[Term, dict[str, dict[Term, None]]] = {}
        self.indicators: dict[str, str] = {}
        self.indicator_uses: dict[str, dict[str, int]] = {}

    def node(self, s: str, pairs: list[tuple[str, Term]]) -> None:
        """Adds the (predicate, object) pairs of ``s``, in order."""
        by_p = self.spo.setdefault(s, {})
        for p, o in pairs:
            by_p.setdefault(p, {})[o] = None

    def add(self, s: Term, p: str, o: Term) -> None:
        self.spo.setdefault(s, {}).setdefault(p, {})[o] = None

    def entity(self, doc_id: str, kind: Kind, label: str) -> str:
        e = self.res.lookup(doc_id, kind, label)
        return _ENTITY_PATH[e.kind] + e.uid

    def year(self, year: int) -> str:
        node = f"{_KGR}year/{year}"
        if node not in self.spo:
            self.spo[node] = {_V.type: {_V.kgo + "Year": None}, _V.kgo + "year": {typed(f"{year:04d}", _V.g_year): None},
                              _V.pref: {Lit(f"{year}年", "zh"): None}}
        return node

    def provenance(self, node: str, doc_id: str, sentence: int, evidence: str, start: int, end: int) -> None:
        by_p = self.spo[node]
        derived, count = _V.derived, _V.count
        if derived not in by_p:             # a new node (a figure's node may be made twice)
            by_p[derived] = {_article(doc_id): None}
            by_p[_V.evidence] = {_lit_zh(evidence): None}
            by_p[_V.sentence] = {typed(sentence, count): None}
            by_p[_V.start] = {typed(start, count): None}
            by_p[_V.end] = {typed(end, count): None}
            return
        pairs = ((derived, _article(doc_id)), (_V.evidence, _lit_zh(evidence)), (_V.sentence, typed(sentence, count)),
                 (_V.start, typed(start, count)), (_V.end, typed(end, count)))
        for p, o in pairs:
            objs = by_p.get(p)
            if objs is None:
                by_p[p] = {o: None}
            else:
                objs[o] = None

    def article(self, meta: ArticleMeta) -> None:
        node = _article(meta.doc_id)
        add = self.add
        add(node, _V.type, _V.article)
        add(node, _V.identifier, Lit(meta.doc_id))
        if meta.title:
            add(node, _V.title, Lit(meta.title, "zh"))
        if meta.issued:
            add(node, _V.issued, typed(meta.issued, _V.issued_types.get(len(meta.issued), _V.string)))
        if meta.publisher:
            add(node, _V.publisher, self.entity(meta.doc_id, Kind.ORGANIZATION, meta.publisher))
        if meta.url and _URL.fullmatch(meta.url):
            add(node, _V.source, meta.url)

    def label_uses(self, entity: Entity, documents: dict[str, Document]) -> None:
        node = _ENTITY_PATH[entity.kind] + entity.uid
        for doc_id, name, rule, sent in label_use_sites(entity, documents):
            use = f"{_KGR}labeluse/{stable_id(entity.uid, doc_id, name)}"
            pairs = [(_V.type, _V.label_use), (_V.label_of, node), (_V.name, _lit_zh(name))]
            if rule:
                pairs.append((_V.rule, _lit(rule)))
            self.node(use, pairs)
            self.provenance(use, doc_id, sent.index, sent.text, sent.start, sent.end)

    def indicator(self, label: str) -> str:
        from .indicators import indicator_key

        name = clean_name(label) or "未命名指标"
        key = indicator_key(name)
        node = self.indicators.get(key)
        if node is None:
            node = self.indicators[key] = f"{_KGR}indicator/{stable_id('Indicator', key)}"
            self.add(node, _V.type, _V.indicator_class)
        uses = self.indicator_uses.setdefault(node, {})
        uses[name] = uses.get(name, 0) + 1
        return node

    def figure(self, doc_id: str, f: Figure) -> None:
        node = _figure_iri(doc_id, f)
        add = self.add
        add(node, _V.type, _TARGET if f.is_target else _STATISTIC)      # the node first, then its indicator's
        add(node, _V.indicator, self.indicator(f.indicator))
        add(node, _V.value, typed(_decimal_text(f.value), _V.decimal))
        add(node, _V.unit, _lit(f.unit))
        add(node, _V.surface, Lit(f.surface))
        if f.year is not None:
            add(node, _V.target_year if f.is_target else _V.ref_year, self.year(f.year))
        if f.comparator is not None:
            add(node, _V.comparator, _V.kgo + f.comparator.value)
        if f.as_of:
            add(node, _V.as_of, typed(f.as_of, _V.date if len(f.as_of) == 10 else _V.g_year_month))
        if f.period:
            add(node, _V.period, _lit(f.period))
        for kind, label in f.set_by:
            add(node, _V.set_by, self.entity(doc_id, kind, label))
        if f.part_of:
            add(node, _V.part_of, self.entity(doc_id, Kind.INITIATIVE, f.part_of))
        self.provenance(node, doc_id, f.sentence, f.evidence, f.start, f.end)

    def facts(self, ex: Extraction) -> None:
        doc = ex.document
        doc_id = doc.meta.doc_id
        add = self.add
        posts = set()
        for p in ex.positions:
            person = self.entity(doc_id, Kind.PERSON, p.person)
            org = self.entity(doc_id, Kind.ORGANIZATION, p.organization)
            node = f"{_KGR}position/{stable_id(doc_id, person, p.title, org)}"
            if node in posts:
                continue
            posts.add(node)
            self.node(node, [(_V.type, _V.position), (_V.member, person), (_V.organization, org),
                             (_V.title_zh, _lit_zh(p.title))])
            self.provenance(node, doc_id, p.sentence, p.evidence, p.start, p.end)
        asserted = set()
        for r in ex.relations:
            s = self.entity(doc_id, r.subject_kind, r.subject)
            o = self.entity(doc_id, r.object_kind, r.object)
            if s == o or (s, r.predicate, o) in asserted:
                continue
            asserted.add((s, r.predicate, o))
            pred = _V.sub_organization_of if r.predicate == "subOrganizationOf" else _V.kgo + r.predicate
            node = f"{_KGR}assertion/{stable_id(doc_id, s, pred, o)}"
            add(s, pred, o)
            self.node(node, [(_V.type, _V.assertion), (_V.subject, s), (_V.predicate, pred), (_V.object, o)])
            sent = doc.sentences[r.sentence] if doc.sentences else None
            self.provenance(node, doc_id, r.sentence, r.evidence,
                            sent.start if sent else 0, sent.end if sent else len(r.evidence))
        for f in ex.figures:
            self.figure(doc_id, f)
        for year, event in _held_in(ex):
            s = self.entity(doc_id, Kind.EVENT, event)
            add(s, _V.held_in, self.year(year))

    def finish(self) -> None:
        """The indicators' labels, as :meth:`Builder.indicator` leaves them."""
        from .indicators import choose_labels

        for node, uses in self.indicator_uses.items():
            pref, alts = choose_labels(uses)
            by_p = self.spo[node]
            by_p[_V.pref] = {Lit(pref, "zh"): None}
            if alts:
                by_p[_V.alt] = dict.fromkeys(Lit(alt, "zh") for alt in alts)
