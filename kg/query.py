"""SPARQL over a graph file, on pyoxigraph (rdflib's own engine goes
quadratic on plain joins: design/PITFALLS.md)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .graphio import guess_format

__all__ = ["QueryResult", "load_store", "run_query", "format_table", "format_csv", "format_json", "PREFIXES"]

PREFIXES = """PREFIX kgo: <https://w3id.org/policy-kg/ontology#>
PREFIX kgr: <https://w3id.org/policy-kg/resource/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": getattr(ox.RdfFormat, "JSON_LD", None)}


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str | None]]


def load_store(path: str | Path) -> ox.Store:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = _OX_FORMATS.get(guess_format(path))
    store = ox.Store()
    if fmt is None:   # JSON-LD on an older pyoxigraph: go through rdflib
        from .graphio import load_graph
        data = load_graph(path).serialize(format="nt").encode("utf-8")
        fmt = ox.RdfFormat.N_TRIPLES
    else:
        data = path.read_bytes()
    try:
        store.bulk_load(data, format=fmt, to_graph=ox.DefaultGraph())
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot parse: {exc}") from exc
    return store


def _term(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def run_query(store: ox.Store, query: str, *, add_prefixes: bool = True) -> QueryResult:
    """Run a SELECT/ASK query; a syntax error raises InputError with the parser's
    message (it gives line and column)."""
    text = PREFIXES + query if add_prefixes else query
    try:
        result = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        offset = PREFIXES.count("\n") if add_prefixes else 0
        raise InputError(f"SPARQL syntax error: {_shift_lines(str(exc), offset)}") from exc
    if isinstance(result, bool):
        return QueryResult(["ask"], [["true" if result else "false"]])
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[_term(sol[c]) for c in columns] for sol in result]
        return QueryResult(columns, rows)
    triples = list(result)
    return QueryResult(["subject", "predicate", "object"],
                       [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples])


def _shift_lines(message: str, offset: int) -> str:
    """Report line numbers of the user's query, not of our prefix block."""
    import re

    def fix(m):
        return f"{m.group(1)}{max(1, int(m.group(2)) - offset)}"
    return re.sub(r"(line |^|\s)(\d+)(?=:\d+)", fix, message, count=2)


def _width(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_table(res: QueryResult) -> str:
    cells = [[c or "" for c in row] for row in res.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(res.columns)]
    def line(vals):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()
    out = [line(res.columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def format_csv(res: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(res.columns)
    writer.writerows([[c or "" for c in row] for row in res.rows])
    return buf.getvalue()


def format_json(res: QueryResult) -> str:
    return json.dumps([dict(zip(res.columns, row)) for row in res.rows], ensure_ascii=False, indent=2)
