"""The main process's part of the graph: the global section and the file.

The articles' own blocks come finished from the workers (:mod:`kg.fragment`).
What needs every article is made here, in one small lean graph: the entities
(type, labels chosen over all articles, mentionedIn, merge notes), the
indicators (labels chosen by use counts over all articles), the years and the
plain edges. ``graph.ttl`` is the prefixes, this section, then the fragments
in doc_id order, streamed into one atomic write; a rebuild copies the blocks
of the articles it did not change from the previous file (:class:`TurtleLayout`:
where each block lies in it), in the kernel. Validation is the same
split: the fragments carry their nodes' SHACL results, and the global nodes
are checked here.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from itertools import compress, repeat
from operator import is_
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.term import Node

from .cache import CachedExtractions, load_node, load_nodes
from .fileio import FileRange, ShortSource, atomic_write_parts, load_versioned, save_versioned
from .fragment import Fragment, is_owned
from .graph import Builder, article_iri
from .namespaces import KGO
from .resolve import Resolution
from .store import LeanStore, as_objects
from .terms import Term, to_node
from .turtle import TurtleWriter, render_blocks
from .viz import PageMemo, Scan, ScanPart, finish_scan, page_pairs, scan_part, scan_properties

__all__ = ["global_section", "write_turtle", "TurtleLayout", "TurtleLayouts", "validate_parts",
           "page_source", "gather_page_pairs", "PagePairsSoFar", "count"]


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


def _digest(body: bytes) -> bytes:
    return blake2b(body, digest_size=16).digest()


@dataclass
class TurtleLayout:
    """Where :func:`write_turtle` put each article's block in a graph.ttl:
    the next build copies the blocks it would write again from there.
    ``identity`` is the file as written (device, inode, size, modification
    time in ns): a file changed or replaced since is not copied from."""

    identity: tuple[int, int, int, int]
    blocks: dict[bytes, tuple[int, int]]        # digest of a fragment's body -> (offset, length) in the file
    copied: int = 0                             # bytes copied from the previous file when this one was written

    @staticmethod
    def identity_of(st: os.stat_result) -> tuple[int, int, int, int]:
        return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _turtle_parts(g: Graph, fragments: Sequence[Fragment], previous: TurtleLayout | None, source: int | None,
                  made: TurtleLayout) -> Iterator[bytes | FileRange]:
    """graph.ttl in pieces; the blocks ``previous`` has are copied from
    ``source`` (its file, open), neighbours in one range. Fills ``made``'s
    blocks and the bytes copied (the new file's layout, but its identity)."""
    writer = TurtleWriter(g.namespaces())
    section = bytes(render_blocks(g, writer, _global_subjects(g)))
    for frag in fragments:
        writer.used |= frag.prefixes
    header = writer.header().encode("utf-8")
    yield header
    old = previous.blocks if previous is not None and source is not None else {}
    pos, first = len(header), True
    start = end = -1                    # the range of the previous file not yet copied

    def copy() -> FileRange:
        made.copied += end - start
        return FileRange(source, start, end - start)     # type: ignore[arg-type]

    for frag in (None, *fragments):
        digest = _digest(frag.body) if frag is not None else b""
        found = old.get(digest) if frag is not None else None
        if found is None:
            data = section if frag is None else frag.turtle()
            if not data:
                continue
            if start >= 0:
                yield copy()
                start = -1
            if not first:
                yield b"\n"
            yield data
            length = len(data)
        else:
            offset, length = found
            if start >= 0 and offset == end + 1 and not first:
                end = offset + length       # the newline between them is copied with them
            else:
                if start >= 0:
                    yield copy()
                if not first:
                    yield b"\n"
                start, end = offset, offset + length
        if not first:
            pos += 1
        if frag is not None:
            made.blocks[digest] = (pos, length)
        pos += length
        first = False
    if start >= 0:
        yield copy()


def write_turtle(g: Graph, fragments: Sequence[Fragment], path: str | Path,
                 previous: TurtleLayout | None = None) -> TurtleLayout:
    """Write graph.ttl (atomically), copying from the file at ``path`` the
    blocks ``previous`` (its layout) has, when it is still that file."""
    target = Path(path)
    source = None
    if previous is not None:
        try:
            source = os.open(target, os.O_RDONLY)
            if TurtleLayout.identity_of(os.fstat(source)) != previous.identity:
                os.close(source)
                source = None
        except OSError:
            source = None
    try:
        made = TurtleLayout((0, 0, 0, 0), {})
        try:
            _, written = atomic_write_parts(target, _turtle_parts(g, fragments, previous, source, made))
        except ShortSource:         # the file changed while it was read: written again without it
            return write_turtle(g, fragments, target)
        made.identity = TurtleLayout.identity_of(written)
        return made
    finally:
        if source is not None:
            os.close(source)


class TurtleLayouts:
    """The :class:`TurtleLayout` of the graph.ttl files last written with a
    cache, kept in its folder (a private file, by the files' absolute paths)."""

    FILE = "turtle-layouts.pickle"
    _FORMAT = "1"
    _KEEP = 8                   # output folders remembered per cache

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / self.FILE
        found = load_versioned(self.path, self._FORMAT)
        self._layouts: dict[str, TurtleLayout] = found if isinstance(found, dict) else {}

    @staticmethod
    def _key(target: str | Path) -> str:
        return str(Path(target).resolve())

    def get(self, target: str | Path) -> TurtleLayout | None:
        found = self._layouts.get(self._key(target))
        return found if isinstance(found, TurtleLayout) else None

    def put(self, target: str | Path, layout: TurtleLayout) -> None:
        key = self._key(target)
        self._layouts.pop(key, None)
        self._layouts[key] = layout
        while len(self._layouts) > self._KEEP:
            del self._layouts[next(iter(self._layouts))]
        save_versioned(self.path, self._FORMAT, self._layouts)


def validate_parts(g: Graph, fragments: Sequence[Fragment], doc_ids: Sequence[str]):
    """The SHACL report of the whole graph from the fragments' results and a
    check of the global nodes here; ``None`` when a fragment was not checked
    (the caller then validates the whole graph). Adds the articles' type and
    identifier, and the triples describing the fragments' results, to ``g``
    (owned subjects: never written by :func:`write_turtle`)."""
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


class _PageStore(LeanStore):
    """What the page reads of the graph, node by node (``predicate_objects``
    only): a global node from the section; an article or fact node from its
    article's fragment (``Fragment.nodes``, read from the cache for a cached
    article the first time the page reads one of its nodes), each node
    decoded when first read (the page reads a few thousand of the graph's nodes)."""

    def __init__(self, section: LeanStore, owners: dict[Node, str], nodes: Callable[[str], bytes],
                 fragments: dict[str, Fragment] | None = None) -> None:
        super().__init__()
        self._section = section
        self._owners = owners                       # node -> doc_id of its article
        self._nodes = nodes                         # doc_id -> kg.cache.dump_nodes of the article
        self._fragments = fragments or {}           # doc_id -> its fragment (for hover texts)
        self._articles: dict[str, dict[str, bytes]] = {}        # doc_id -> kg.cache.load_nodes
        self._read: dict[Node, dict[Node, object]] = {}        # the nodes decoded so far

    @property
    def articles_read(self) -> list[str]:
        """The doc_ids whose nodes were decoded so far."""
        return list(self._articles)

    def hover(self, kind: str, node: Node) -> object | None:
        """A fact's hover text as its article's fragment has it (:class:`kg.viz.PageMemo`)."""
        frag = self._fragments.get(self._owners.get(node))       # type: ignore[arg-type]
        if frag is None:
            return None
        return (frag.provenance if kind == "prov" else frag.titles).get(str(node))

    def memo(self) -> PageMemo:
        return PageMemo(self.hover)

    def predicate_objects(self, subject: Node) -> dict[Node, object]:
        doc_id = self._owners.get(subject)
        if doc_id is None:
            return self._section.predicate_objects(subject)
        node = self._read.get(subject)
        if node is None:
            found = self._articles.get(doc_id)
            if found is None:
                found = self._articles[doc_id] = load_nodes(self._nodes(doc_id))
            data = found.get(str(subject))
            node = self._read[subject] = {} if data is None else load_node(data)
        return node


@dataclass
class PagePairsSoFar:
    """The fragments' page pairs gathered so far (:func:`gather_page_pairs`):
    a rebuild gathers those of the cached articles before its first new one
    while the new ones are analysed, as it replays their resolution."""

    pairs: dict[URIRef, list[tuple[Node, Node]]] = field(
        default_factory=lambda: {p: [] for p in scan_properties()})
    owners: dict[Node, str] = field(default_factory=dict)       # node -> doc_id of its article
    known: dict[Term, Node] = field(default_factory=dict)       # one instance per term
    doc_ids: list[str] = field(default_factory=list)            # the fragments gathered, in order
    scanned: ScanPart | None = None         # kg.viz.scan_part of the pairs, once made (see scan)

    def scan(self) -> ScanPart:
        """:func:`kg.viz.scan_part` of the pairs (made once: gather no more
        after it). A rebuild's page process makes it while it waits for the
        global section, which the rest of the scan needs."""
        if self.scanned is None:
            self.scanned = scan_part(self.pairs)
        return self.scanned


def gather_page_pairs(fragments: Iterable[Fragment], start: PagePairsSoFar | None = None) -> PagePairsSoFar:
    """``start`` (or nothing so far) and the page pairs of ``fragments``, in the order given."""
    so_far = start or PagePairsSoFar()
    props = scan_properties()
    types = props.index(RDF.type)
    pairs, owners, known = so_far.pairs, so_far.owners, so_far.known
    get, new_iri, none = known.get, str.__new__, repeat(None)
    # one instance per term: the dicts and sets of the scan then find every
    # term by identity, never calling rdflib's (Python) __eq__. The terms met
    # before are looked up in C (map); only the new ones are made in Python.
    for frag in fragments:
        page = frag.page
        terms = list(map(get, page.terms))
        for i in compress(range(len(terms)), map(is_, terms, none)):
            term = page.terms[i]
            # to_node's making of an IRI, without its cache (known is this one's)
            terms[i] = known[term] = new_iri(URIRef, term) if type(term) is str else to_node(term)
        for prop, found in page.items(terms):
            pairs[props[prop]].extend(found)
        owners.update(zip(map(terms.__getitem__, page.subjects(types)), repeat(frag.doc_id)))
        so_far.doc_ids.append(frag.doc_id)
    return so_far


def page_source(g: Graph, fragments: Sequence[Fragment], cached: CachedExtractions | None = None,
                gathered: PagePairsSoFar | None = None) -> tuple[Graph, Scan]:
    """What :func:`kg.viz.render_html` needs to draw the whole graph (less its
    LabelUses and offsets, which it never reads) from ``g``, a global section:
    the scan of every node's type and edges, from the section and the
    fragments' ``page`` pairs, and a graph answering for the few nodes drawn
    (from the fragments' ``nodes``; those of ``cached`` articles, read from the cache).
    ``gathered``: :func:`gather_page_pairs` of the first of ``fragments``, made earlier."""
    done = len(gathered.doc_ids) if gathered is not None else 0
    if [frag.doc_id for frag in fragments[:done]] != (gathered.doc_ids if gathered is not None else []):
        raise ValueError("the page pairs gathered are not those of the first fragments")
    # the rest apart (the page can be made again from the same gathered pairs), their terms as the same instances
    rest = gather_page_pairs(fragments[done:], PagePairsSoFar(known=gathered.known if gathered is not None else {}))
    known = rest.known                  # IRIs by plain str: never equal to a Lit key
    pairs = page_pairs(g, lambda s: not is_owned(s))
    # the section's terms as the fragments' instances, where they have one (a
    # few thousand terms in hundreds of thousands of pairs: mapped once each)
    terms = {t for found in pairs.values() for pair in found for t in pair}
    same = {t: known.get(str(t), t) if type(t) is URIRef else t for t in terms}
    for found in pairs.values():
        found[:] = [(same[s], same[o]) for s, o in found]
    # the section's subjects are never owned, the fragments' always are: parts with no subject in common
    parts = [scan_part(pairs)]
    owners = rest.owners
    if gathered is not None:
        parts.append(gathered.scan())
        owners = gathered.owners | rest.owners
    if rest.doc_ids:
        parts.append(rest.scan())
    by_doc = {frag.doc_id: frag for frag in fragments}

    def nodes(doc_id: str) -> bytes:
        return by_doc[doc_id].nodes or cached.nodes(doc_id)       # type: ignore[union-attr]

    return Graph(store=_PageStore(g.store, owners, nodes, by_doc)), finish_scan(parts)
