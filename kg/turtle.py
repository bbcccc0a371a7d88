"""Sorted, diff-friendly Turtle, written fast and exactly.

rdflib's ``longturtle`` writer runs at ~4k triples/s on our graphs (it
computes a qname for every term of every triple) and turns ``"1"^^xsd:decimal``
into ``1.0`` (design/PITFALLS.md). This writer keeps longturtle's layout —
``PREFIX`` lines, then one block per subject, subjects sorted, ``a`` first and
the other predicates sorted, one ``predicate objects ;`` line each, ``.`` on a
line of its own — but renders each distinct term once and writes every literal
in its exact lexical form (``"3282000"^^xsd:decimal``), so the same graph gives
the same bytes. IRIs are checked by pyoxigraph as they are rendered, so an IRI
that is not one fails here with its text, not as a corrupt file later.
Blank nodes are written as ``_:`` labels (the build makes none).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .errors import KGError
from .store import LeanStore, as_objects
from .terms import Lit, Term

__all__ = ["to_turtle", "TurtleWriter", "render_blocks"]

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_TYPE = RDF.type
_TYPE_IRI = str(RDF.type)
_IRI_CACHES: dict[tuple, dict[str, tuple[str, str]]] = {}
_IRI_CACHE_SIZE = 200_000
_STRING = str(XSD.string)


def _check_iri(base: str, tail: str) -> None:
    """Raise unless ``base + tail`` is an IRI. A valid base followed by
    unreserved characters is one; only other IRIs are parsed (by pyoxigraph:
    an article's fact IRIs are new ones, thousands per second)."""
    if base.count("/") >= 3 and _is_iri(base) and _UNRESERVED.match(tail):   # scheme://authority/…/
        return
    iri = base + tail
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise KGError(f"not a valid IRI, cannot write it as Turtle: {iri!r} ({exc})") from None


@lru_cache(maxsize=1024)
def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


class TurtleWriter:
    """Renders terms (memoized) with a fixed prefix map."""

    def __init__(self, prefixes: Iterable[tuple[str, str]]) -> None:
        # longest namespace first, so kgr: wins over a shorter overlapping one
        self.prefixes = sorted(((p, str(ns)) for p, ns in prefixes if p), key=lambda x: (-len(x[1]), x[0]))
        self.used: set[str] = set()
        self._memo: dict[Node, str] = {}
        # rendered IRIs, shared by the writers of one prefix map in this process
        # (a worker writes thousands of fragments with the same predicates and entities)
        self._iris = _IRI_CACHES.setdefault(tuple(self.prefixes), {})

    def iri(self, iri: str) -> str:
        known = self._iris.get(iri)
        if known is None:
            known = self._iris[iri] = self._render_iri(iri)
            if len(self._iris) > _IRI_CACHE_SIZE:   # fact IRIs never repeat: keep the cache bounded
                self._iris.clear()
        if known[1]:
            self.used.add(known[1])
        return known[0]

    def _render_iri(self, iri: str) -> tuple[str, str]:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and _LOCAL.match(iri, len(ns)):
                _check_iri(ns, iri[len(ns):])
                return f"{prefix}:{iri[len(ns):]}", prefix
        head, _, tail = iri.rpartition("/")
        _check_iri(head + "/", tail) if head else _check_iri(iri, "")
        return f"<{iri}>", ""

    def literal(self, lit: Literal) -> str:
        return self._literal(str(lit), lit.language, str(lit.datatype) if lit.datatype is not None else None)

    def _literal(self, text: str, language: str | None, datatype: str | None) -> str:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise KGError(f"literal {text[:40]!r}… holds a lone surrogate; cannot write it") from exc
        body = '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'
        if language:
            return f"{body}@{language}"
        if datatype is not None and datatype != _STRING:
            return f"{body}^^{self.iri(datatype)}"
        return body

    def term(self, node: Node) -> str:
        out = self._memo.get(node)
        if out is None:
            if isinstance(node, URIRef):
                out = self.iri(str(node))
            elif isinstance(node, Literal):
                out = self.literal(node)
            elif isinstance(node, BNode):
                out = "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(node))
            else:
                raise KGError(f"cannot write {node!r} as Turtle")
            self._memo[node] = out
        return out

    def block(self, subject: Node, pos: dict[Node, Iterable[Node]]) -> str:
        lines = [self.term(subject)]
        types = pos.get(_TYPE)
        if types:
            lines.append("    a " + " , ".join(sorted(self.term(o) for o in types)) + " ;")
        for p in sorted(pos, key=str):
            if type(p) is URIRef and str.__eq__(p, _TYPE_IRI):
                continue                    # written first, as ``a`` (what p == rdf:type says, without rdflib's __eq__)
            objs = pos[p]
            if objs:
                lines.append(f"    {self.term(p)} " + " , ".join(sorted(self.term(o) for o in objs)) + " ;")
        lines.append(".\n")
        return "\n".join(lines)

    def plain_block(self, subject: Term, pos: dict[str, Iterable[Term]], memo: dict[Term, str]) -> str:
        """:meth:`block` of plain-data terms (:mod:`kg.terms`), the same text;
        ``memo`` keeps the terms rendered so far (one article's, say)."""
        get = memo.get
        term = self._plain_term
        lines = [get(subject) or term(subject, memo)]
        types = pos.get(_TYPE_IRI)
        if types:
            lines.append("    a " + " , ".join(sorted([get(o) or term(o, memo) for o in types])) + " ;")
        for p in sorted(pos):
            objs = pos[p]
            if len(objs) == 1:
                if p != _TYPE_IRI:
                    o, = objs
                    lines.append(f"    {get(p) or term(p, memo)} {get(o) or term(o, memo)} ;")
            elif objs and p != _TYPE_IRI:
                lines.append(f"    {get(p) or term(p, memo)} " + " , ".join(sorted([get(o) or term(o, memo) for o in objs]))
                             + " ;")
        lines.append(".\n")
        return "\n".join(lines)

    def _plain_term(self, t: Term, memo: dict[Term, str]) -> str:
        if type(t) is str:
            out = self.iri(t)
        elif type(t) is Lit:
            out = self._literal(*t)
        else:
            out = self.term(t)
        memo[t] = out
        return out

    def header(self) -> str:
        ns = dict(self.prefixes)
        lines = [f"PREFIX {p}: <{ns[p]}>" for p in sorted(self.used)]
        return "\n".join(lines) + "\n\n" if lines else ""


def _subjects(g: Graph):
    """(subjects, their {p: objects}) without copying a LeanStore's index."""
    store = g.store
    if isinstance(store, LeanStore):
        def pos(s: Node) -> dict[Node, Iterable[Node]]:
            return {p: as_objects(o) for p, o in store.predicate_objects(s).items()}

        return store.subjects_in_order(), pos
    grouped: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in g:
        grouped.setdefault(s, {}).setdefault(p, []).append(o)
    return list(grouped), grouped.__getitem__


def render_blocks(g: Graph, writer: TurtleWriter, subjects: Iterable[Node] | None = None) -> bytearray:
    """The blocks of ``subjects`` (default: all) of ``g``, sorted, without the
    prefix lines (``writer.used`` collects the prefixes they need)."""
    every, pos = _subjects(g)
    chosen = list(every if subjects is None else subjects)
    chosen.sort(key=str)
    body = bytearray()
    for i, s in enumerate(chosen):
        if i:
            body += b"\n"
        body += writer.block(s, pos(s)).encode("utf-8")
    return body


def to_turtle(g: Graph) -> bytearray:
    """``g`` as sorted Turtle (UTF-8); see the module docstring.

    Blocks are encoded one at a time into one buffer (a 10,000-article graph
    is ~350 MB of Turtle: no second copy as a list of strings)."""
    writer = TurtleWriter(g.namespaces())
    body = render_blocks(g, writer)
    body[0:0] = writer.header().encode("utf-8")   # in place: the prefixes used are known only now
    return body
