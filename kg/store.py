"""A lean in-memory rdflib store for the graphs ``kg build`` makes.

rdflib's default ``Memory`` store keeps three indexes plus context
bookkeeping for every triple: adding costs ~20 µs and ~1.2 KB per triple
(design/PITFALLS.md), which made the graph stage, pySHACL and the Turtle
writer the slowest parts of a build. This store keeps one subject index
(``s → p → {o}``) and builds the predicate and object indexes only when a
pattern needs them (and keeps them up to date from then on). Terms are
interned, so the thousands of equal ``Literal``/``URIRef`` objects a build
creates are stored once. It is a plain rdflib ``Store``: every ``Graph``
method works on it.

    >>> from kg.store import lean_graph
    >>> g = lean_graph()            # an rdflib.Graph backed by LeanStore
"""
from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.store import Store
from rdflib.term import Node

__all__ = ["LeanStore", "lean_graph", "as_objects", "load_lean_graph"]

_Triple = tuple[Node, Node, Node]
_NO_CONTEXTS: tuple = ()


class LeanStore(Store):
    """Triples in ``spo[s][p] = o`` (or ``{o: None, …}`` when there are
    several) with lazy ``pos``/``osp`` indexes.

    One graph per store: contexts are accepted and ignored (pySHACL wraps
    every data graph in a ``Dataset``, which asks for a context- and
    graph-aware store), which is all the build needs.
    """

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, configuration=None, identifier=None) -> None:
        super().__init__(configuration)
        self.identifier = identifier
        self._spo: dict[Node, dict[Node, object]] = {}
        self._pos: dict[Node, dict[Node, dict[Node, None]]] | None = None
        self._osp: dict[Node, dict[Node, dict[Node, None]]] | None = None
        self._terms: dict[Node, Node] = {}
        self._len = 0
        self._namespace: dict[str, Node] = {}
        self._prefix: dict[Node, str] = {}

    # ------------------------------------------------------------ writing

    def _intern(self, term: Node) -> Node:
        return self._terms.setdefault(term, term)

    def interned(self, term: Node) -> Node:
        """The store's own instance of a term equal to ``term``, else ``term`` (not added)."""
        return self._terms.get(term, term)

    def add(self, triple: _Triple, context=None, quoted: bool = False) -> None:
        s, p, o = triple
        by_p = self._spo.get(s)
        if by_p is None:
            s = self._intern(s)
            by_p = self._spo[s] = {}
        objs = by_p.get(p)
        if objs is None:                      # most (s, p) have one object: stored bare, no dict
            by_p[self._intern(p)] = o = self._intern(o)
        elif type(objs) is dict:
            if o in objs:
                return
            objs[o := self._intern(o)] = None
        else:
            if objs == o:
                return
            by_p[p] = {objs: None, (o := self._intern(o)): None}
        self._len += 1
        if self._pos is not None:
            self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        if self._osp is not None:
            self._osp.setdefault(o, {}).setdefault(s, {})[p] = None

    def addN(self, quads) -> None:  # noqa: N802 (rdflib's name)
        for s, p, o, _ in quads:
            self.add((s, p, o))

    def remove(self, triple, context=None) -> None:
        for t in list(self._match(triple)):
            s, p, o = t
            by_p = self._spo[s]
            objs = by_p[p]
            if type(objs) is dict:
                del objs[o]
                if len(objs) == 1:
                    by_p[p] = next(iter(objs))
            else:
                del by_p[p]
            if not by_p:
                del self._spo[s]
            self._len -= 1
            if self._pos is not None:
                _drop(self._pos, p, o, s)
            if self._osp is not None:
                _drop(self._osp, o, s, p)

    # ------------------------------------------------------------ reading

    def _pos_index(self) -> dict[Node, dict[Node, dict[Node, None]]]:
        if self._pos is None:
            pos: dict[Node, dict[Node, dict[Node, None]]] = {}
            for s, by_p in self._spo.items():
                for p, objs in by_p.items():
                    by_o = pos.setdefault(p, {})
                    for o in as_objects(objs):
                        by_o.setdefault(o, {})[s] = None
            self._pos = pos
        return self._pos

    def _osp_index(self) -> dict[Node, dict[Node, dict[Node, None]]]:
        if self._osp is None:
            osp: dict[Node, dict[Node, dict[Node, None]]] = {}
            for s, by_p in self._spo.items():
                for p, objs in by_p.items():
                    for o in as_objects(objs):
                        osp.setdefault(o, {}).setdefault(s, {})[p] = None
            self._osp = osp
        return self._osp

    def _match(self, pattern) -> Iterator[_Triple]:
        s, p, o = pattern
        if s is not None:
            by_p = self._spo.get(s)
            if not by_p:
                return
            preds = (p,) if p is not None else tuple(by_p)
            for pred in preds:
                objs = by_p.get(pred)
                if objs is None:
                    continue
                objs = as_objects(objs)
                if o is not None:
                    if o in objs:
                        yield s, pred, o
                else:
                    for obj in tuple(objs):
                        yield s, pred, obj
        elif p is not None:
            by_o = self._pos_index().get(p)
            if not by_o:
                return
            objects = (o,) if o is not None else tuple(by_o)
            for obj in objects:
                for subj in tuple(by_o.get(obj, ())):
                    yield subj, p, obj
        elif o is not None:
            by_s = self._osp_index().get(o)
            if not by_s:
                return
            for subj, preds in tuple(by_s.items()):
                for pred in tuple(preds):
                    yield subj, pred, o
        else:
            for subj, by_p in tuple(self._spo.items()):
                for pred, objs in tuple(by_p.items()):
                    for obj in tuple(as_objects(objs)):
                        yield subj, pred, obj

    def triples(self, triple_pattern, context=None):
        for t in self._match(triple_pattern):
            yield t, iter(_NO_CONTEXTS)

    def __len__(self, context=None) -> int:
        return self._len

    def contexts(self, triple=None):
        return iter(_NO_CONTEXTS)

    def add_graph(self, graph) -> None:
        pass

    def remove_graph(self, graph) -> None:
        pass

    def drop_indexes(self) -> None:
        """Forget the lazy predicate/object indexes (rebuilt when a pattern
        needs them): adding many triples afterwards then updates one index."""
        self._pos = self._osp = None

    def subjects_in_order(self) -> list[Node]:
        """Every subject (a cheap view for writers that sort subjects themselves)."""
        return list(self._spo)

    def predicate_objects(self, subject: Node) -> dict[Node, object]:
        """``{p: o or {o: None, …}}`` of one subject, as stored (read the
        values with :func:`as_objects`; do not modify)."""
        return self._spo.get(subject, {})

    # ---------------------------------------------------------- namespaces

    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        bound_ns = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_ns is not None:
            bound_prefix = self._prefix.get(bound_ns)
        if override:
            if bound_prefix is not None:
                self._namespace.pop(bound_prefix, None)
            if bound_ns is not None:
                self._prefix.pop(bound_ns, None)
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            self._prefix[bound_ns or namespace] = bound_prefix or prefix
            self._namespace[bound_prefix or prefix] = bound_ns or namespace

    def namespace(self, prefix: str):
        return self._namespace.get(prefix)

    def prefix(self, namespace):
        return self._prefix.get(namespace)

    def namespaces(self):
        yield from tuple(self._namespace.items())


def as_objects(stored) -> dict | tuple:
    """The objects of one (subject, predicate) as stored: a dict of several, or one bare term."""
    return stored if type(stored) is dict else (stored,)


def _drop(index: dict, a: Node, b: Node, c: Node) -> None:
    inner = index.get(a, {}).get(b)
    if inner is None:
        return
    inner.pop(c, None)
    if not inner:
        del index[a][b]
        if not index[a]:
            del index[a]


def lean_graph() -> Graph:
    """An empty rdflib ``Graph`` on a :class:`LeanStore`."""
    return Graph(store=LeanStore(), bind_namespaces="core")   # our prefixes are bound by kg.namespaces; rdflib's 30 defaults cost ~1 ms a graph


_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG"}


def load_lean_graph(path) -> Graph:
    """A graph file parsed by pyoxigraph into a :class:`LeanStore` graph.

    ~20 × faster and ~10 × smaller than ``kg.graphio.load_graph`` on a big
    Turtle file (4.7M triples: about a minute instead of ten, 1 GB instead of
    6). Quads are flattened as there. JSON-LD, and any file pyoxigraph rejects,
    go through ``load_graph``, whose error messages (missing file, bad syntax,
    RDF/XML) are the ones the user sees.
    """
    from pathlib import Path

    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    from .graphio import guess_format, load_graph

    path = Path(path)
    try:
        fmt = _OX_FORMATS.get(guess_format(path)) if path.is_file() else None
    except Exception:   # unsupported suffix: let load_graph say so
        fmt = None
    head = path.open("rb").read(4096).lstrip() if fmt else b""
    if fmt is None or head.startswith(b"<?xml") or b"<!DOCTYPE" in head:
        return load_graph(path)
    xsd_string = str(XSD.string)
    memo: dict = {}

    def term(t):
        out = memo.get(t)
        if out is None:
            if isinstance(t, ox.NamedNode):
                out = URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                out = BNode(t.value)
            elif t.language:
                out = Literal(t.value, lang=t.language)
            elif t.datatype.value == xsd_string:
                out = Literal(t.value)
            else:
                out = Literal(t.value, datatype=URIRef(t.datatype.value))
            memo[t] = out
        return out

    g = lean_graph()
    store = g.store
    try:
        with path.open("rb") as fh:
            for item in ox.parse(fh, format=getattr(ox.RdfFormat, fmt)):
                t = item.triple if isinstance(item, ox.Quad) else item
                store.add((term(t.subject), term(t.predicate), term(t.object)))
    except (SyntaxError, ValueError, OSError):
        return load_graph(path)         # the same file, for rdflib's own message
    return g
