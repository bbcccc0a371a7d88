"""Per-article graph fragments, made in the worker right after extraction.

An entity's IRI depends on its mention alone (gazetteer id or normalized
name, short forms resolved within the article: :mod:`kg.resolve`), so every
triple whose subject is the article or one of its fact nodes (Position,
Statistic, Target, Assertion, LabelUse) can be written from the article alone:
a :class:`Fragment` holds those blocks as finished Turtle (sorted, by the
writer of :mod:`kg.turtle`), plus the small data the global part needs (plain
edges, indicator label uses, years, class and triple counts, the pairs the
HTML page scans for classes and edges) and the SHACL results of its own
nodes, and the steps of the article's entity resolution. Fragments are
cached with the extraction (:mod:`kg.cache`), so a rebuild redoes only the
global part (:mod:`kg.assemble`), without reading the extractions but for the
few articles the HTML page draws from.

A fragment is made from plain data (:mod:`kg.terms`), not rdflib terms: an
article's ~450 triples as rdflib terms in a store, rendered and checked
through rdflib, cost ~15 ms; see :func:`make_fragment`.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH
from rdflib.term import Node

from .compress import pack, unpack
from .graph import ArticleRows, article_iri
from .memory import gc_paused
from .models import Extraction, Kind
from .namespaces import KGO, KGR, bind_prefixes
from .store import lean_graph
from .terms import Lit, Term, lean_node, to_node
from .turtle import TurtleWriter
from .viz import local_part as _local_part
from .viz import scan_properties

__all__ = ["Fragment", "PagePairs", "make_fragment", "hover_texts", "is_owned", "OWNED_KINDS"]

OWNED_KINDS = ("article/", "position/", "statistic/", "target/", "assertion/", "labeluse/")
_KGR, _KGO = str(KGR), str(KGO)
_ENTITY_KINDS = ("person/", "organization/", "initiative/", "event/")
_OWNED = tuple(_KGR + kind for kind in OWNED_KINDS)
_ENTITIES = tuple(_KGR + kind for kind in _ENTITY_KINDS)
_YEARS, _LABEL_USES = _KGR + "year/", _KGR + "labeluse/"
_Triple = tuple[Node, Node, Node]
_TYPE = RDF.type
_TYPE_IRI = str(_TYPE)
_ENTITY_TYPES = {kind: (f"{_KGR}{kind.value.lower()}/", f"{_KGO}{kind.value}") for kind in Kind}   # (IRI folder, class)
_OFFSETS = frozenset(str(p) for p in (KGO.sentenceIndex, KGO.charStart, KGO.charEnd))


def is_owned(node: Node) -> bool:
    """Whether ``node`` is an article or a fact node (its triples belong to one article)."""
    text = str(node)
    return isinstance(node, URIRef) and text.startswith(_KGR) and text.startswith(OWNED_KINDS, len(_KGR))


@dataclass(frozen=True)
class PagePairs:
    """:func:`kg.viz.page_pairs` of an article's nodes, compact: its terms once
    each (plain data, :mod:`kg.terms`) and, per property, the pairs as
    indexes into them. A 10,000-article rebuild reads every article's pairs
    (~120 each) from the cache; as rdflib terms in tuples, decoding them took
    longer than all the rest of the fragments."""

    terms: tuple[Term, ...]
    pairs: tuple[tuple[int, bytes], ...]       # (index in kg.viz.scan_properties(), array("I") of s, o, s, o …)

    def items(self, terms: Sequence[Node]) -> Iterator[tuple[int, Iterator[tuple[Node, Node]]]]:
        """(property index, its (subject, object) pairs as ``terms``: one node per entry of :attr:`terms`)."""
        get = terms.__getitem__
        for prop, packed in self.pairs:
            flat = array("I")
            flat.frombytes(packed)
            yield prop, zip(map(get, flat[0::2]), map(get, flat[1::2]))

    def subjects(self, prop: int) -> array:
        """The indexes of the subjects of property ``prop``'s pairs."""
        for p, packed in self.pairs:
            if p == prop:
                flat = array("I")
                flat.frombytes(packed)
                return flat[0::2]
        return array("I")


@dataclass
class Fragment:
    """What one article contributes to the graph (see the module docstring)."""

    doc_id: str
    body: bytes                                   # kg.compress.pack: the owned subjects' Turtle blocks, no prefixes
    prefixes: frozenset[str]                      # the prefixes the blocks use
    triples: int                                  # triples in the blocks
    classes: dict[str, int]                       # rdf:type counts of the owned subjects, by local name
    edges: list[_Triple]                          # plain edges and heldIn (entity subjects)
    indicators: dict[URIRef, dict[str, int]]      # indicator node -> {label: uses}
    years: tuple[int, ...]
    results: list[_Triple] | None = None          # SHACL results on the owned nodes; None: not checked
    context: list[_Triple] = field(default_factory=list)   # triples that describe those results' nodes
    page: PagePairs = field(default_factory=lambda: PagePairs((), ()))   # kg.viz.page_pairs of the
    #                                               owned nodes but LabelUses (what the page scans)
    resolution: tuple = ()                        # kg.resolve.resolution_record of the article
    nodes: bytes = b""                            # kg.cache.dump_nodes: the owned nodes' triples but LabelUses
    #                                               and offsets, which the page reads for the nodes it draws
    provenance: dict[str, tuple[str, str]] = field(default_factory=dict)   # Assertion or Position IRI ->
    #                                               its hover lines' (evidence, source): see hover_texts
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)       # Position IRI -> its first title

    def turtle(self) -> bytes:
        return unpack(self.body)


def make_fragment(ex: Extraction, *, validate: bool = True) -> Fragment:
    """The fragment of one extracted article.

    Made from plain data (:class:`kg.graph.ArticleRows`: no rdflib terms but
    the few the fragment hands on), written by :meth:`TurtleWriter.plain_block`
    and checked by :func:`kg.shacl_fast.plain_conforms`; only an article whose
    nodes fail a shape is made into an rdflib graph, for the report's terms
    (:func:`_check`). The cyclic collector is paused meanwhile: an article
    makes ~10,000 short-lived objects, which would start collections that
    walk every object alive in the build (the articles analysed so far)."""
    with gc_paused():
        return _make_fragment(ex, validate)


def _make_fragment(ex: Extraction, validate: bool) -> Fragment:
    from .cache import dump_nodes
    from .resolve import resolution_record, resolve_records

    doc_id = ex.document.meta.doc_id
    record = resolution_record(ex)
    res = resolve_records([(doc_id, record)])       # resolve([ex]), without resolving the article twice
    types = [(_ENTITY_TYPES[e.kind][0] + e.uid, _TYPE_IRI, _ENTITY_TYPES[e.kind][1]) for e in res.entities.values()]
    rows = ArticleRows(res)
    rows.article(ex.document.meta)
    docs = {doc_id: ex.document}
    for entity in list(res.entities.values()):
        rows.label_uses(entity, docs)
    rows.facts(ex)
    rows.finish()
    spo = rows.spo
    owned, drawn, edges, years = [], [], [], []
    classes: dict[str, int] = {}
    triples = 0
    for s, by_p in spo.items():
        if s.startswith(_OWNED):
            owned.append(s)
            if not s.startswith(_LABEL_USES):
                drawn.append(s)
            triples += sum(map(len, by_p.values()))
            for o in by_p.get(_TYPE_IRI, ()):
                name = _local_name(o)
                classes[name] = classes.get(name, 0) + 1
        elif s.startswith(_ENTITIES):
            edges += [(to_node(s), to_node(p), to_node(o)) for p, objs in by_p.items() for o in objs]
        elif s.startswith(_YEARS):
            years.append(int(s[len(_YEARS):]))
    writer = TurtleWriter(_prefixes())
    memo: dict = {}
    owned.sort()
    body = "\n".join([writer.plain_block(s, spo[s], memo) for s in owned]).encode("utf-8")
    frag = Fragment(doc_id, pack(body), frozenset(writer.used), triples, classes,
                    sorted(edges, key=lambda t: tuple(map(str, t))),
                    {to_node(n): dict(uses) for n, uses in rows.indicator_uses.items()}, tuple(sorted(years)))
    frag.page = _page(spo, drawn)
    if validate:
        for s, p, o in types:
            rows.add(s, p, o)
        from .shacl_fast import plain_conforms
        from .validate import shapes_graph

        if plain_conforms(spo, shapes_graph(), _is_owned_plain):
            frag.results = []
        else:
            _check(frag, _rdf_graph(spo), doc_id)
    frag.resolution = record
    frag.nodes = dump_nodes({s: _LeanNode(spo[s]) for s in sorted(drawn)})
    frag.provenance, frag.titles = hover_texts(spo, drawn)
    return frag


_ASSERTION, _POSITION = str(KGO.Assertion), str(KGO.Position)
_EVIDENCE, _DERIVED, _FACT_TITLE = str(KGO.evidence), str(PROV.wasDerivedFrom), str(KGO.title)
_ARTICLE, _TITLE, _ISSUED, _IDENTIFIER = str(KGO.Article), str(DCTERMS.title), str(DCTERMS.issued), \
    str(DCTERMS.identifier)


def hover_texts(spo: dict, subjects: list[str]) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, ...]]]:
    """What the page's hover texts say of the Assertions and Positions among
    ``subjects``, made here with the fragment instead of by the page (which
    would decode the nodes of nearly every article to read them): a fact's
    (evidence, source) and a Position's first title, as ``kg.viz._Reader``'s
    ``provenance`` and ``title`` read them from the whole graph. A fact
    derived from an article outside ``spo`` is left to the page."""
    provenance: dict[str, tuple[str, str]] = {}
    titles: dict[str, tuple[str, ...]] = {}
    sources: dict[str, str] = {}
    for s in subjects:
        by_p = spo[s]
        types = by_p.get(_TYPE_IRI, ())
        if _ASSERTION not in types and _POSITION not in types:
            continue
        if _POSITION in types:
            titles[s] = tuple(_texts(by_p.get(_FACT_TITLE, ()))[:1])
        art = _one(by_p.get(_DERIVED, ()))
        if art is None:
            provenance[s] = (next(iter(_texts(by_p.get(_EVIDENCE, ()))), ""), "")
        elif type(art) is str and art in spo:
            if art not in sources:
                sources[art] = _source(art, spo[art])
            provenance[s] = (next(iter(_texts(by_p.get(_EVIDENCE, ()))), ""), sources[art])
    return provenance, titles


def _texts(objects) -> list[str]:
    """kg.viz._sorted_texts of plain objects: literals only, Chinese-tagged first, each group sorted."""
    lits = [o for o in objects if type(o) is Lit]
    zh = sorted(o.lexical for o in lits if (o.language or "").lower().startswith("zh"))
    rest = sorted(o.lexical for o in lits if not (o.language or "").lower().startswith("zh"))
    return zh + rest


def _one(objects) -> Term | None:
    """kg.viz._one of plain objects: the first by its text."""
    found = sorted(objects, key=lambda o: o.lexical if type(o) is Lit else str(o))
    return found[0] if found else None


def _source(art: str, by_p: dict) -> str:
    """kg.viz._Reader.source of an article: its title, then date and file name."""
    ident = next(iter(_texts(by_p.get(_IDENTIFIER, ()))), "") if _ARTICLE in by_p.get(_TYPE_IRI, ()) else ""
    file = ident or _local_part(art)
    title = next(iter(_texts(by_p.get(_TITLE, ()))), "")
    issued = _one(by_p.get(_ISSUED, ()))
    issued_text = (issued.lexical if type(issued) is Lit else str(issued)) if issued is not None else ""
    extra = [x for x in (issued_text, file if title else "") if x]
    return (title or file) + (f"（{'，'.join(extra)}）" if extra else "")


def _is_owned_plain(node: object) -> bool:
    return type(node) is str and node.startswith(_OWNED)


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    """The prefixes :class:`kg.graph.Builder`'s graphs bind."""
    return tuple((p, str(ns)) for p, ns in bind_prefixes(lean_graph()).namespaces())


def _page(spo: dict, subjects: list[str]) -> PagePairs:
    """:func:`kg.viz.page_pairs` of ``subjects`` (the owned ones but LabelUses, in the store's order)."""
    props, wanted = _page_properties()
    index: dict[Term, int] = {}
    found: dict[int, array] = {}
    for s in subjects:
        for p, objs in spo[s].items():
            prop = wanted.get(p)
            if prop is None:
                continue
            flat = found.get(prop)
            if flat is None:
                flat = found[prop] = array("I")
            si = index.setdefault(s, len(index))
            for o in objs:
                flat.append(si)
                flat.append(index.setdefault(o, len(index)))
    return PagePairs(tuple(index), tuple((i, found[i].tobytes()) for i in range(len(props)) if i in found))


@cache
def _page_properties() -> tuple[tuple[URIRef, ...], dict[str, int]]:
    props = scan_properties()
    return props, {str(p): i for i, p in enumerate(props)}


@lru_cache(maxsize=256)
def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _LeanNode:
    """A node's triples but offsets, pickled as plain data: loading it makes
    :func:`kg.terms.lean_node`'s rdflib terms in the lean store's layout, as
    :func:`kg.cache.load_node` returns them."""

    __slots__ = ("pairs",)

    def __init__(self, by_p: dict) -> None:
        self.pairs = tuple((p, tuple([o if type(o) is not Lit else tuple(o) for o in objs]))
                           for p, objs in by_p.items() if p not in _OFFSETS)

    def __reduce__(self):
        return lean_node, (self.pairs,)


def _rdf_graph(spo: dict) -> Graph:
    """The plain-data triples as a lean rdflib graph, in the same order."""
    g = bind_prefixes(lean_graph())
    add = g.store.add
    for s, by_p in spo.items():
        subject = to_node(s)
        for p, objs in by_p.items():
            predicate = to_node(p)
            for o in objs:
                add((subject, predicate, to_node(o)))
    return g


def _check(frag: Fragment, g: Graph, doc_id: str) -> None:
    """SHACL results whose focus is an owned node, and the triples that describe them."""
    from .shacl_fast import fast_results
    from .validate import shapes_graph

    owned = {s for s in g.store.subjects_in_order() if is_owned(s)}
    results = fast_results(g, shapes_graph(), owned.__contains__)
    if results is None:
        return
    kept: list[_Triple] = []
    focus_nodes: dict[Node, None] = {}
    for r in results.subjects(_TYPE, SH.ValidationResult):
        focus_nodes[results.value(r, SH.focusNode)] = None
        for p, o in results.predicate_objects(r):
            kept.append((r, p, o))
            if isinstance(o, BNode) and p == SH.resultPath:
                kept += [(o, p2, o2) for p2, o2 in results.predicate_objects(o)]
    frag.results = kept
    if focus_nodes:
        focus_nodes[article_iri(doc_id)] = None
        frag.context = [(s, p, o) for s in focus_nodes for p, o in g.predicate_objects(s)]

