"""RDF terms as plain data, for the per-article path of :mod:`kg.fragment`.

rdflib's terms are Python objects whose creation, hashing and comparison run
Python code (a ``Literal`` costs microseconds to make and compares through a
Python ``__eq__``): for the ~500 triples of an article that was most of the
time of its graph fragment. Here an IRI is a plain ``str`` and a literal a
:class:`Lit` tuple, both hashed and compared in C; :func:`to_node` and
:func:`from_node` convert to and from rdflib's terms (blank nodes stay
rdflib ``BNode`` objects: the build makes none).

A typed literal's lexical form is the one rdflib gives it (rdflib normalizes
some: ``"1e3"^^xsd:decimal`` becomes ``1000``), so both paths write the same
bytes: make them with :func:`typed`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Union

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["Lit", "Term", "typed", "to_node", "from_node", "lean_node"]


class Lit(NamedTuple):
    """A literal: lexical form, language tag or datatype IRI (neither: a plain string)."""

    lexical: str
    language: str | None = None
    datatype: str | None = None


Term = Union[str, Lit, BNode]


_SIZE = 32768                           # terms kept: offsets, counts, entities … repeat across articles
_LITERALS: dict[Lit, Literal] = {}      # the rdflib literals typed() made, for to_node


@lru_cache(maxsize=_SIZE)
def typed(lexical: object, datatype: str) -> Lit:
    """The literal rdflib makes of ``Literal(lexical, datatype=datatype)`` (a str or a Python value)."""
    node = Literal(lexical, datatype=_datatype(datatype))
    lit = Lit(str(node), None, datatype)
    if len(_LITERALS) >= _SIZE:
        _LITERALS.clear()
    _LITERALS[lit] = node
    return lit


@lru_cache(maxsize=256)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


@lru_cache(maxsize=_SIZE)
def to_node(term: Term) -> Node:
    """The rdflib term of a plain-data term (one object per term while it is
    in use: a fragment's pairs and edges share them, as in a store)."""
    if type(term) is str:
        # what URIRef(term) makes, without its check of every character in
        # Python, which only logs a warning (IRIs are checked where written: kg.turtle)
        return str.__new__(URIRef, term)
    if type(term) is Lit:
        node = _LITERALS.get(term)
        if node is not None:
            return node
        lexical, language, datatype = term
        return Literal(lexical, lang=language, datatype=_datatype(datatype) if datatype is not None else None)
    return term


def from_node(node: Node) -> Term:
    """The plain-data term of an rdflib term."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return Lit(str(node), node.language, str(node.datatype) if node.datatype is not None else None)
    return node


def lean_node(pairs: tuple[tuple[str, tuple], ...]) -> dict[Node, object]:
    """A node's (predicate, objects) as plain data, a literal as a plain
    ``tuple`` of :class:`Lit`'s fields → :class:`kg.store.LeanStore`'s layout
    of rdflib terms (one object bare, several in a dict). What a node pickled
    by :mod:`kg.fragment` becomes when loaded (it pickles the pairs, which is
    several times faster than pickling rdflib terms)."""
    out: dict[Node, object] = {}
    for p, objs in pairs:
        terms = [to_node(Lit(*o) if type(o) is tuple else o) for o in objs]
        out[to_node(p)] = terms[0] if len(terms) == 1 else dict.fromkeys(terms)
    return out
