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
"""
from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .graph import Builder, article_iri, entity_iri
from .models import Extraction
from .namespaces import KGO, KGR
from .store import as_objects
from .turtle import TurtleWriter, render_blocks
from .viz import page_pairs

__all__ = ["Fragment", "make_fragment", "is_owned", "OWNED_KINDS"]

OWNED_KINDS = ("article/", "position/", "statistic/", "target/", "assertion/", "labeluse/")
_KGR = str(KGR)
_ENTITY_KINDS = ("person/", "organization/", "initiative/", "event/")
_Triple = tuple[Node, Node, Node]
_TYPE = RDF.type
_OFFSETS = frozenset({KGO.sentenceIndex, KGO.charStart, KGO.charEnd})


def _is_label_use(node: Node) -> bool:
    return str(node).startswith("labeluse/", len(_KGR))


def is_owned(node: Node) -> bool:
    """Whether ``node`` is an article or a fact node (its triples belong to one article)."""
    text = str(node)
    return isinstance(node, URIRef) and text.startswith(_KGR) and text.startswith(OWNED_KINDS, len(_KGR))


@dataclass
class Fragment:
    """What one article contributes to the graph (see the module docstring)."""

    doc_id: str
    body: bytes                                   # zlib: the owned subjects' Turtle blocks, no prefixes
    prefixes: frozenset[str]                      # the prefixes the blocks use
    triples: int                                  # triples in the blocks
    classes: dict[str, int]                       # rdf:type counts of the owned subjects, by local name
    edges: list[_Triple]                          # plain edges and heldIn (entity subjects)
    indicators: dict[URIRef, dict[str, int]]      # indicator node -> {label: uses}
    years: tuple[int, ...]
    results: list[_Triple] | None = None          # SHACL results on the owned nodes; None: not checked
    context: list[_Triple] = field(default_factory=list)   # triples that describe those results' nodes
    page: dict[URIRef, list[tuple[Node, Node]]] = field(default_factory=dict)   # kg.viz.page_pairs of the
    #                                               owned nodes but LabelUses (what the page scans)
    resolution: tuple = ()                        # kg.resolve.resolution_record of the article
    nodes: bytes = b""                            # kg.cache.dump_nodes: the owned nodes' triples but LabelUses
    #                                               and offsets, which the page reads for the nodes it draws

    def turtle(self) -> bytes:
        return zlib.decompress(self.body)


def make_fragment(ex: Extraction, *, validate: bool = True) -> Fragment:
    """The fragment of one extracted article."""
    from .cache import dump_nodes
    from .resolve import resolution_record, resolve

    doc_id = ex.document.meta.doc_id
    res = resolve([ex])
    types = [(entity_iri(e), _TYPE, KGO[e.kind.value]) for e in res.entities.values()]
    b = Builder(res)
    b.article(ex.document.meta)
    docs = {doc_id: ex.document}
    for entity in list(res.entities.values()):
        b.label_uses(entity_iri(entity), entity, docs)
    b.facts(ex)
    g = b.g
    store = g.store
    owned, edges, years = [], [], []
    classes: Counter[str] = Counter()
    triples = 0
    for s in store.subjects_in_order():
        by_p = store.predicate_objects(s)
        if is_owned(s):
            owned.append(s)
            triples += sum(len(objs) if type(objs) is dict else 1 for objs in by_p.values())
            of_type = by_p.get(_TYPE)
            if of_type is not None:
                classes.update(str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for o in as_objects(of_type))
        elif str(s).startswith(_ENTITY_KINDS, len(_KGR)):
            edges += [(s, p, o) for p, objs in by_p.items() for o in as_objects(objs)]
        elif str(s).startswith("year/", len(_KGR)):
            years.append(int(str(s)[len(_KGR) + 5:]))
    writer = TurtleWriter(g.namespaces())
    body = render_blocks(g, writer, owned)
    frag = Fragment(doc_id, zlib.compress(bytes(body), 1), frozenset(writer.used), triples, dict(classes),
                    sorted(edges, key=lambda t: tuple(map(str, t))),
                    {node: dict(uses) for node, uses in b.indicator_uses.items()}, tuple(sorted(years)))
    owned_set = set(owned)
    frag.page = {p: pairs for p, pairs in page_pairs(g, lambda s: s in owned_set and not _is_label_use(s)).items()
                 if pairs}
    if validate:
        for t in types:
            g.add(t)
        _check(frag, g, doc_id)
    frag.resolution = resolution_record(ex)
    frag.nodes = dump_nodes({s: {p: objs for p, objs in store.predicate_objects(s).items() if p not in _OFFSETS}
                             for s in owned if not _is_label_use(s)})
    return frag


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

