"""The main process's part of the graph: the global section and the file.

The articles' own blocks come finished from the workers (:mod:`kg.fragment`).
What needs every article is made here, in one small lean graph: the entities
(type, labels chosen over all articles, mentionedIn, merge notes), the
indicators (labels chosen by use counts over all articles), the years and the
plain edges. ``graph.ttl`` is the prefixes, this section, then the fragments
in doc_id order, streamed into one atomic write. Validation is the same
split: the fragments carry their nodes' SHACL results, and the global nodes
are checked here.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH, SKOS
from rdflib.term import Node

from .cache import CachedExtractions
from .fileio import atomic_write_chunks
from .fragment import Fragment, is_owned
from .graph import Builder, article_iri, figure_iri
from .models import Extraction
from .extract.context import clean_name
from .namespaces import KGO, KGR
from .resolve import Resolution, stable_id
from .store import LeanStore, as_objects
from .turtle import TurtleWriter, render_blocks
from .viz import Scan, page_pairs, scan_pairs

__all__ = ["global_section", "turtle_chunks", "write_turtle", "validate_parts", "page_source", "count"]


def global_section(res: Resolution, fragments: Sequence[Fragment]) -> Graph:
    """Entities, indicators, years and plain edges of all the articles."""
    from .indicators import choose_labels

    b = Builder(res, label_uses=False)
    b.entities({})
    uses: dict[URIRef, Counter[str]] = {}
    years: set[int] = set()
    for frag in fragments:
        for node, counts in frag.indicators.items():
            uses.setdefault(node, Counter()).update(counts)
        years.update(frag.years)
    for node in sorted(uses, key=str):
        pref, alts = choose_labels(uses[node])
        b.add(node, RDF.type, KGO.Indicator)
        b.add(node, SKOS.prefLabel, Literal(pref, lang="zh"))
        for alt in alts:
            b.add(node, SKOS.altLabel, Literal(alt, lang="zh"))
    for year in sorted(years):
        b.year(year)
    for frag in fragments:
        for s, p, o in frag.edges:
            b.add(s, p, o)
    return b.g


def _global_subjects(g: Graph) -> list:
    return [s for s in g.store.subjects_in_order() if not is_owned(s)]


def count(g: Graph, fragments: Sequence[Fragment]) -> tuple[int, dict[str, int]]:
    """(triples, nodes per class) of the whole graph, without making it."""
    classes: Counter[str] = Counter()
    triples = 0
    for frag in fragments:
        triples += frag.triples
        classes.update(frag.classes)
    for s in _global_subjects(g):
        for p, objs in g.store.predicate_objects(s).items():
            objs = as_objects(objs)
            triples += len(objs)
            if p == RDF.type:
                classes.update(str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for o in objs)
    return triples, dict(sorted(classes.items()))


def turtle_chunks(g: Graph, fragments: Sequence[Fragment]) -> Iterator[bytes]:
    """graph.ttl in pieces: prefixes, the global section, the fragments."""
    writer = TurtleWriter(g.namespaces())
    section = bytes(render_blocks(g, writer, _global_subjects(g)))
    for frag in fragments:
        writer.used |= frag.prefixes
    yield writer.header().encode("utf-8")
    first = True
    for part in (section, *(frag.turtle() for frag in fragments)):
        if not part:
            continue
        if not first:
            yield b"\n"
        yield part
        first = False


def write_turtle(g: Graph, fragments: Sequence[Fragment], path: str | Path) -> Path:
    return atomic_write_chunks(path, turtle_chunks(g, fragments))


def validate_parts(g: Graph, fragments: Sequence[Fragment], doc_ids: Sequence[str]):
    """The SHACL report of the whole graph from the fragments' results and a
    check of the global nodes here; ``None`` when a fragment was not checked
    (the caller then validates the whole graph). Adds the articles' type and
    identifier, and the triples describing the fragments' results, to ``g``
    (owned subjects: never written by :func:`turtle_chunks`)."""
    from .shacl_fast import fast_results
    from .validate import merge_results, report_from_results, shapes_graph

    if any(frag.results is None for frag in fragments):
        return None
    for doc_id in doc_ids:
        node = article_iri(doc_id)
        g.add((node, RDF.type, KGO.Article))
        g.add((node, DCTERMS.identifier, Literal(doc_id)))
    results = fast_results(g, shapes_graph(), lambda node: not is_owned(node))
    if results is None:
        return None
    kept = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        for p, o in results.predicate_objects(r):
            kept.append((r, p, o))
            if p == SH.resultPath:
                kept += [(o, p2, o2) for p2, o2 in results.predicate_objects(o)]
    parts = [("g", kept)]
    for i, frag in enumerate(fragments):
        if frag.results:
            parts.append((f"a{i}_", frag.results))
            for t in frag.context:
                g.add(t)
    return report_from_results(g, merge_results(parts))


class _Drawn(Builder):
    """A Builder for the page: no offsets (the page shows the evidence, not
    where it sits), and the indicators' nodes as the global section made them."""

    def provenance(self, node, doc_id, sentence, evidence, start, end) -> None:
        add = self.g.store.add
        add((node, PROV.wasDerivedFrom, article_iri(doc_id)))
        add((node, KGO.evidence, Literal(evidence, lang="zh")))

    def indicator(self, label: str) -> URIRef:
        from .indicators import indicator_key

        key = indicator_key(clean_name(label) or "未命名指标")
        node = self.indicators.get(key)
        if node is None:
            node = self.indicators[key] = KGR[f"indicator/{stable_id('Indicator', key)}"]
        return node


class _PageStore(LeanStore):
    """What the page reads of the graph, node by node (``predicate_objects``
    only): a global node from the section; an article or fact node made from
    its article's extraction the first time it is read (the page reads a few
    thousand of the graph's nodes). An article's Positions and Assertions are
    found by going through its statements only as far as the one wanted."""

    def __init__(self, section: LeanStore, owners: dict[Node, str], extraction: Callable[[str], Extraction],
                 res: Resolution) -> None:
        super().__init__()
        self._section = section
        self._owners = owners                       # node -> doc_id of its article
        self._extraction = extraction               # doc_id -> Extraction
        self._builder = _Drawn(res, label_uses=False)
        self._builder.g = Graph(store=self)
        self._figures: dict[str, dict[Node, list]] = {}          # doc_id -> figure node -> its figures
        self._statements: dict[str, tuple[dict[Node, Callable[[], None]], Iterator]] = {}
        self._done: set[Node] = set()

    def predicate_objects(self, subject: Node) -> dict[Node, object]:
        doc_id = self._owners.get(subject)
        if doc_id is None:
            return self._section.predicate_objects(subject)
        if subject not in self._done:
            self._done.add(subject)
            self._make(subject, self._extraction(doc_id))
        return super().predicate_objects(subject)

    def _make(self, node: Node, ex: Extraction) -> None:
        meta = ex.document.meta
        if node == article_iri(meta.doc_id):
            self._builder.article(meta)
            return
        figures = self._figures.get(meta.doc_id)
        if figures is None:
            figures = self._figures[meta.doc_id] = {}
            for f in ex.figures:            # two figures of an article may be one node
                figures.setdefault(figure_iri(meta.doc_id, f), []).append(f)
        if node in figures:
            for f in figures[node]:
                self._builder.figure(meta.doc_id, f)
            return
        found, rest = self._statements.setdefault(meta.doc_id, ({}, self._builder.statement_makers(ex)))
        while node not in found:
            made = next(rest, None)
            if made is None:
                return
            found[made[0]] = made[1]
        found[node]()


def page_source(g: Graph, fragments: Sequence[Fragment], extractions: Sequence[Extraction],
                res: Resolution) -> tuple[Graph, Scan]:
    """What :func:`kg.viz.render_html` needs to draw the whole graph (less its
    LabelUses and offsets, which it never reads) from ``g``, a global section:
    the scan of every node's type and edges, from the section and the
    fragments' ``page`` pairs, and a graph answering for the few nodes drawn."""
    pairs = page_pairs(g, lambda s: not is_owned(s))
    if isinstance(extractions, CachedExtractions):
        extraction = extractions.get           # read from the cache only for the articles drawn from
    else:
        extraction = {ex.document.meta.doc_id: ex for ex in extractions}.__getitem__
    owners: dict[Node, str] = {}
    rdf_type = RDF.type
    interned = g.store.interned if isinstance(g.store, LeanStore) else (lambda t: t)
    for frag in fragments:
        # one instance per term, the section's when it has one: the dicts and
        # sets of the scan then find every term by identity, never calling
        # rdflib's (Python) __eq__
        same: dict[int, Node] = {}
        for p, found in frag.page.items():
            out = pairs[p]
            for s, o in found:
                s = same.get(id(s)) or same.setdefault(id(s), interned(s))
                o = same.get(id(o)) or same.setdefault(id(o), interned(o))
                out.append((s, o))
        for s, _ in frag.page.get(rdf_type, ()):
            owners[same[id(s)]] = frag.doc_id
    return Graph(store=_PageStore(g.store, owners, extraction, res)), scan_pairs(pairs)
