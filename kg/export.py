"""Writing graphs, always through an atomic write.

Two paths:

* :func:`serialize` / :func:`write_graph` take the rdflib graph of a build and
  write sorted, diff-friendly Turtle (rdflib's ``longturtle``) — what
  ``kg build`` writes as ``graph.ttl``.
* :func:`export_file` / :func:`export` (``kg export``) read and write with
  pyoxigraph, which keeps every literal exactly as written (rdflib's Turtle
  writer turns ``"1"^^xsd:decimal`` into ``1.0``: design/PITFALLS.md) and
  emits Turtle, N-Triples, JSON-LD or TriG with the triples sorted, so the
  same graph gives the same bytes.

TriG (and ``kg push``) split the graph with :func:`split_by_article`: one
named graph per article, named by the article's IRI, holding what that article
says — its fact nodes (Position, Statistic, Target, Assertion: every triple
whose subject has ``prov:wasDerivedFrom`` that article, provenance included),
the plain edges its Assertions assert, and ``kgo:mentionedIn`` links to it.
Shared things (entities, labels, years, indicators, the articles' own
metadata) stay in the default graph. The union of all graphs is the input.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import InputError
from .fileio import atomic_write
from .graphio import guess_format

__all__ = ["serialize", "write_graph", "EXPORT_FORMATS", "FORMAT_SUFFIXES", "read_triples",
           "to_triples", "split_by_article", "export", "export_file", "format_for_path",
           "serialize_report"]

EXPORT_FORMATS = {"ttl": "longturtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
FORMAT_SUFFIXES = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".jsonld": "jsonld",
                   ".json": "jsonld", ".trig": "trig"}

_OX_OUT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG}
_OX_IN = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
          "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD}

_KGO = "https://w3id.org/policy-kg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = ox.NamedNode(_RDF + "type")
_ARTICLE = ox.NamedNode(_KGO + "Article")
_MENTIONED_IN = ox.NamedNode(_KGO + "mentionedIn")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_R_SUBJECT, _R_PREDICATE, _R_OBJECT = (ox.NamedNode(_RDF + n) for n in ("subject", "predicate", "object"))


# ---------------------------------------------------------------------------
# rdflib graphs (kg build)
# ---------------------------------------------------------------------------

def serialize(g: Graph, fmt: str = "ttl") -> str:
    """``ttl`` is sorted, longturtle-like Turtle (:mod:`kg.turtle`: exact
    literals, ~20 × faster than rdflib's writer); ``nt``, ``jsonld`` and
    ``trig`` go through :func:`export` (pyoxigraph, sorted, exact)."""
    if fmt in ("nt", "jsonld", "trig"):
        return export(to_triples(g), fmt).decode("utf-8")
    if fmt in ("ttl", "longturtle"):
        from .turtle import to_turtle

        return to_turtle(g).decode("utf-8")
    rdflib_format = EXPORT_FORMATS.get(fmt, fmt)
    return g.serialize(format=rdflib_format, encoding="utf-8").decode("utf-8")


def write_graph(g: Graph, path: str | Path, fmt: str = "ttl") -> Path:
    if fmt == "ttl":
        from .turtle import to_turtle

        return atomic_write(path, to_turtle(g))
    return atomic_write(path, serialize(g, fmt))


def to_triples(g: Graph) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples (through N-Triples, which rdflib
    writes without loss)."""
    data = g.serialize(format="nt", encoding="utf-8")
    return [_triple(q) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def _triple(item) -> ox.Triple:
    return item.triple if isinstance(item, ox.Quad) else item


# ---------------------------------------------------------------------------
# Files (kg export, kg push)
# ---------------------------------------------------------------------------

def read_triples(path: str | Path) -> list[ox.Triple]:
    """The triples of a graph file, read strictly by pyoxigraph; TriG and
    N-Quads are flattened to the union of their graphs."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = _OX_IN[guess_format(path)]
    try:
        with path.open("rb") as fh:
            items = list(ox.parse(fh, format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot parse: {exc}") from exc
    return list(dict.fromkeys(_triple(q) for q in items))


def format_for_path(path: str | Path) -> str:
    fmt = FORMAT_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the format from {Path(path).name!r}; give --format "
                         f"({', '.join(_OX_OUT)})")
    return fmt


def split_by_article(triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    """Place each triple in its article's named graph or the default graph
    (see the module docstring). A triple asserted by several articles is
    placed in each of their graphs."""
    triples = list(triples)
    articles = {t.subject for t in triples if t.predicate == _TYPE and t.object == _ARTICLE}
    derived: dict[object, set] = defaultdict(set)
    parts: dict[object, dict[str, object]] = defaultdict(dict)
    for t in triples:
        if t.predicate == _DERIVED_FROM and t.object in articles:
            derived[t.subject].add(t.object)
        elif t.predicate in (_R_SUBJECT, _R_PREDICATE, _R_OBJECT):
            parts[t.subject][t.predicate.value] = t.object
    # a fact node belongs to an article only when it names exactly one
    home = {node: next(iter(arts)) for node, arts in derived.items() if len(arts) == 1}
    asserted: dict[tuple, set] = defaultdict(set)
    for node, p in parts.items():
        if node in home and len(p) == 3:
            key = (p[_R_SUBJECT.value], p[_R_PREDICATE.value], p[_R_OBJECT.value])
            asserted[key].add(home[node])
    quads = []
    for t in triples:
        if t.subject in home:
            graphs = {home[t.subject]}
        elif t.predicate == _MENTIONED_IN and t.object in articles:
            graphs = {t.object}
        else:
            graphs = asserted.get((t.subject, t.predicate, t.object)) or {ox.DefaultGraph()}
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, g) for g in graphs)
    return quads


def _sort_key(item) -> tuple:
    graph = getattr(item, "graph_name", None)
    gkey = "" if graph is None or isinstance(graph, ox.DefaultGraph) else f"1{graph}"
    return (gkey, str(item.subject), str(item.predicate), str(item.object))


def export(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """Serialize ``triples`` as ``fmt`` (ttl, nt, jsonld, trig), sorted."""
    from .query import PREFIX_MAP

    if fmt not in _OX_OUT:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(_OX_OUT)}")
    items = split_by_article(triples) if fmt == "trig" else list(triples)
    items.sort(key=_sort_key)
    prefixes = PREFIX_MAP if fmt in ("ttl", "trig") else None
    data = ox.serialize(items, format=_OX_OUT[fmt], prefixes=prefixes)
    if fmt == "jsonld":   # one line from pyoxigraph: indent it so diffs stay readable
        data = (json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return data


def export_file(source: str | Path, out: str | Path, fmt: str | None = None) -> Path:
    """Read the graph file ``source`` and write it to ``out`` as ``fmt``
    (default: from ``out``'s suffix)."""
    fmt = fmt or format_for_path(out)
    return atomic_write(out, export(read_triples(source), fmt))


def serialize_report(report) -> str:
    """The standard SHACL validation report graph of a
    :class:`kg.validate.ValidationReport`, as Turtle."""
    g = report.results_graph
    g.bind("sh", "http://www.w3.org/ns/shacl#", override=True)
    return g.serialize(format="turtle", encoding="utf-8").decode("utf-8")
