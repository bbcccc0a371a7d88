"""SPARQL over a graph file, on pyoxigraph (rdflib's own engine goes
quadratic on plain joins: design/PITFALLS.md).

Named queries ship as ``kg/data/queries/NAME.rq``; each starts with comment
lines ``# title:``, ``# description:`` and one ``# param: NAME [(optional)]
text`` per parameter. Parameters are bound as RDF terms, never by formatting
user text into the query: into the query's ``VALUES ?v { UNDEF }   # kg:param
NAME`` line as the term pyoxigraph serializes (escaped), or else through
pyoxigraph's ``substitutions`` (SEP-0007), so a value such as ``"} DELETE …``
is only ever a literal. A query that lists things has a default row limit,
the number on its ``# kg:limit`` lines (see :func:`with_limit`).

Graph files are queried from a persistent on-disk store (:mod:`kg.oxstore`)
or parsed into memory (:func:`open_graph`).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, ResourceError
from .graphio import guess_format

__all__ = [
    "QueryResult", "NamedQuery", "Param", "PREFIXES", "PREFIX_MAP", "QUAD_FORMATS",
    "load_store", "load_into", "open_graph", "execute", "run_query", "run_named", "named_queries", "named_query",
    "parse_term", "bind_params", "format_table", "format_csv", "format_json", "format_result",
    "format_named_list", "with_limit", "split_limit", "prepare",
    "FORMATTERS",
]

PREFIX_MAP: dict[str, str] = {
    "kgo": "https://w3id.org/policy-kg/ontology#",
    "kgr": "https://w3id.org/policy-kg/resource/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items())

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": getattr(ox.RdfFormat, "JSON_LD", None)}
QUAD_FORMATS = frozenset({"trig", "nquads"})


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str | None]]


@dataclass(frozen=True)
class Param:
    name: str
    description: str = ""
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ``kg/data/queries``."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    limit: int | None = None      # default rows (the ``LIMIT n  # kg:limit`` line), None: all


# ---------------------------------------------------------------------------
# Loading and running
# ---------------------------------------------------------------------------

def load_into(store: ox.Store, path: str | Path) -> None:
    """Bulk-load the graph file ``path`` into ``store``; TriG / N-Quads keep
    their named graphs (queries see their union as the default graph)."""
    path = Path(path)
    kind = guess_format(path)
    fmt = _OX_FORMATS.get(kind)
    options: dict = {} if kind in QUAD_FORMATS else {"to_graph": ox.DefaultGraph()}
    try:
        if fmt is None:   # JSON-LD on an older pyoxigraph: go through rdflib
            from .graphio import load_graph
            data = load_graph(path).serialize(format="nt").encode("utf-8")
            store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, **options)
        else:
            store.bulk_load(path=str(path), format=fmt, **options)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: cannot parse: {exc}") from exc


def load_store(path: str | Path) -> ox.Store:
    """An in-memory store holding the graph file (parsed on every call)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    store = ox.Store()
    try:
        load_into(store, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return store


def open_graph(path: str | Path, *, persistent: bool = True, store_dir: str | Path | None = None) -> ox.Store:
    """A store to query the graph file ``path``: its persistent on-disk store
    (:mod:`kg.oxstore`; built on first use, rebuilt when the file changes)
    when the file is large enough for parsing it to cost (``STORE_MIN_BYTES``)
    or ``store_dir`` is given; else, or without ``persistent``, an in-memory one."""
    from .oxstore import STORE_MIN_BYTES, open_store

    path = Path(path)
    if not persistent or (store_dir is None and path.is_file() and path.stat().st_size < STORE_MIN_BYTES):
        return load_store(path)
    return open_store(path, load_into, store_dir=Path(store_dir) if store_dir else None)[0]


def execute(store: ox.Store, query: str, *, add_prefixes: bool = True,
            bindings: Mapping[str, object] | None = None, **options):
    """Run ``query`` and return pyoxigraph's own result (solutions, boolean or
    triples). A syntax error raises InputError with the parser's message, which
    gives line and column of the user's text (the prefixes are passed apart,
    so they shift nothing)."""
    options.setdefault("use_default_graph_as_union", True)
    subs = _substitutions(bindings) if bindings else None
    try:
        return store.query(query, prefixes=PREFIX_MAP if add_prefixes else None,
                           substitutions=subs, **options)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from exc
    except (RuntimeError, ValueError, OSError) as exc:
        raise InputError(f"SPARQL query failed: {exc}") from exc


def run_query(store: ox.Store, query: str, *, add_prefixes: bool = True,
              bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a SELECT / ASK / CONSTRUCT / DESCRIBE query into a plain table.

    ``bindings`` maps variable names to values (RDF terms, or strings read
    with :func:`parse_term`)."""
    result = execute(store, query, add_prefixes=add_prefixes, bindings=bindings)
    if isinstance(result, (bool, ox.QueryBoolean)):
        return QueryResult(["ask"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[_term(sol[c]) for c in columns] for sol in result]
        return QueryResult(columns, rows)
    return QueryResult(["subject", "predicate", "object"],
                       [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in result])


def run_named(store: ox.Store, name: str, params: Mapping[str, str] | None = None, *,
              limit: int | None = None) -> QueryResult:
    """Run the named query ``name`` with ``--param``-style string values;
    ``limit`` (or ``params["limit"]``) overrides its default row limit, 0: all rows."""
    text, bindings = prepare(named_query(name), params, limit)
    return run_query(store, text, bindings=bindings)


def _term(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, (ox.Literal, ox.NamedNode)):
        return term.value
    return str(term)


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------

_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")


def parse_term(value: str):
    """A ``--param`` value as an RDF term: ``<IRI>`` or ``kgo:Person`` (a known
    prefix) is an IRI, anything else a plain string literal."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise InputError(f"not a valid IRI: {value}: {exc}") from exc
    m = _PREFIXED.match(value)
    if m and m.group(1) in PREFIX_MAP:
        try:
            return ox.NamedNode(PREFIX_MAP[m.group(1)] + m.group(2))
        except ValueError as exc:
            raise InputError(f"not a valid IRI: {value}: {exc}") from exc
    return ox.Literal(value)


_VAR = re.compile(r"[?$]([A-Za-z_\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF]*)")


def _variables(text: str) -> set[str]:
    return set(_VAR.findall(_strip_comments(text)))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def bind_params(query: NamedQuery | str, params: Mapping[str, str]) -> dict[str, object]:
    """Check ``params`` against the query and turn them into RDF terms.

    A declared parameter without ``(optional)`` must be given; an undeclared
    one is accepted when the query uses a variable of that name."""
    declared = {p.name: p for p in query.params} if isinstance(query, NamedQuery) else {}
    text = query.text if isinstance(query, NamedQuery) else query
    known = _variables(text)
    for key in params:
        if key not in declared and key not in known:
            choices = ", ".join(sorted(declared)) or "none"
            raise InputError(f"unknown parameter {key!r} (this query takes: {choices})")
    missing = [p.name for p in declared.values() if p.required and p.name not in params]
    if missing:
        raise InputError("missing parameter: " + ", ".join(f"--param {m}=…" for m in missing))
    return {key: parse_term(value) for key, value in params.items()}


def _substitutions(bindings: Mapping[str, object]) -> dict:
    return {ox.Variable(key): parse_term(value) if isinstance(value, str) else value
            for key, value in bindings.items()}


# ---------------------------------------------------------------------------
# Named queries (kg/data/queries/*.rq)
# ---------------------------------------------------------------------------

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)
# What --limit changes: on each line of the body ending in ``# kg:limit``, the
# first number (``LIMIT 100   # kg:limit``; a query may need the row count in
# more than one place to pick its rows early). All such lines share one default.
_LIMIT_LINE = re.compile(r"^([^#\n]*?)(\d+)([^#\n]*#[ \t]*kg:limit\b.*)$", re.MULTILINE)
_ALL_ROWS = 10 ** 12
# Where a parameter's value goes: ``VALUES ?wanted { UNDEF }   # kg:param NAME``.
_PARAM_LINE = re.compile(r"^([^#\n]*\bVALUES\s+[?$]\w+\s*\{)\s*UNDEF\s*(\}[^#\n]*#[ \t]*kg:param[ \t]+(\w+)\b.*)$",
                         re.MULTILINE)
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s*(\((?:optional|required)\))?\s*[-—:]?\s*(.*)$", re.IGNORECASE)


def _parse_named(name: str, text: str) -> NamedQuery:
    title = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            pm = _PARAM.match(value)
            if pm:
                optional = (pm.group(2) or "").lower() == "(optional)"
                params.append(Param(pm.group(1), pm.group(3).strip(), required=not optional))
    marks = {int(m.group(2)) for m in _LIMIT_LINE.finditer(text)}
    if len(marks) > 1:
        raise ResourceError(f"query {name}: its `# kg:limit` lines disagree: {sorted(marks)}")
    return NamedQuery(name=name, text=text, title=title or name, description=description,
                      params=tuple(params), limit=marks.pop() if marks else None)


def with_limit(query: NamedQuery, limit: int | None) -> str:
    """The query's text with its marked LIMIT set to ``limit`` (None: keep the
    default; 0: no limit, every row)."""
    if limit is None or query.limit is None:
        return query.text
    if limit < 0:
        raise InputError(f"--limit must be 0 (all rows) or more, not {limit}")
    rows = _ALL_ROWS if limit == 0 else int(limit)
    return _LIMIT_LINE.sub(lambda m: f"{m.group(1)}{rows}{m.group(3)}", query.text)


def prepare(query: NamedQuery, params: Mapping[str, str] | None = None, limit: int | None = None
            ) -> tuple[str, dict[str, object]]:
    """The text to run for a named query and the bindings left to substitute.

    A parameter with a ``VALUES ?v { UNDEF }   # kg:param NAME`` line in the
    query goes there, as the RDF term written by pyoxigraph (escaped, so text
    cannot break out of it): that is where the query needs it to pick its rows
    before its LIMIT. pyoxigraph's ``substitutions`` only join the final
    solutions with the value, too late for that. Other parameters are
    substituted."""
    params, limit = split_limit(query, params or {}, limit)
    terms = bind_params(query, params)
    placed: set[str] = set()

    def fill(m: re.Match) -> str:
        name = m.group(3)
        if name not in terms:
            return m.group(0)
        placed.add(name)
        return f"{m.group(1)} {terms[name]} {m.group(2)}"

    text = _PARAM_LINE.sub(fill, with_limit(query, limit))
    return text, {k: v for k, v in terms.items() if k not in placed}


def split_limit(query: NamedQuery, params: Mapping[str, str], limit: int | None = None
                ) -> tuple[dict[str, str], int | None]:
    """Take ``limit`` out of ``--param`` values (``--param limit=20`` is
    ``--limit 20``) unless the query declares a parameter of that name."""
    params = dict(params)
    if "limit" in params and query.limit is not None and all(p.name != "limit" for p in query.params):
        value = params.pop("limit")
        try:
            from_param = int(value)
        except ValueError:
            raise InputError(f"--param limit={value}: give a number of rows (0: all)") from None
        limit = from_param if limit is None else limit
    return params, limit


def named_queries() -> list[NamedQuery]:
    """Every packaged query, sorted by name."""
    from .resources import query_names, read_text

    return [_parse_named(n, read_text("queries", f"{n}.rq")) for n in query_names()]


def named_query(name: str) -> NamedQuery:
    from .resources import query_names, read_text

    names = query_names()
    if name not in names:
        import difflib

        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(names)}"
        raise InputError(f"no named query {name!r}{hint} (kg query --list)")
    try:
        return _parse_named(name, read_text("queries", f"{name}.rq"))
    except ResourceError:
        raise
    except OSError as exc:  # pragma: no cover - packaging problem
        raise ResourceError(f"cannot read query {name}: {exc}") from exc


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

# East Asian Wide / Fullwidth ranges (Unicode EastAsianWidth W and F, folded into
# blocks): one regex pass is ~20 × faster than unicodedata per character.
_WIDE = re.compile("[\u1100-\u115F\u231A\u231B\u2329\u232A\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF"
                   "\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19"
                   "\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\U0001F300-\U0001F64F\U0001F900-\U0001F9FF"
                   "\U00020000-\U0003FFFD]")


def _width(s: str) -> int:
    """Columns a terminal gives ``s`` (CJK characters take two)."""
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


def format_table(res: QueryResult) -> str:
    cells = [[(c or "").replace("\n", " ") for c in row] for row in res.rows]
    memo: dict[str, int] = {}

    def width(v: str) -> int:      # values repeat a lot (labels, years): measure each once
        w = memo.get(v)
        if w is None:
            w = memo[v] = _width(v)
        return w

    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(res.columns)]

    def line(vals):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(vals, widths)).rstrip()
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


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}


def format_result(res: QueryResult, fmt: str = "table") -> str:
    try:
        return FORMATTERS[fmt](res)
    except KeyError:
        raise InputError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATTERS)}") from None


def format_named_list(queries: list[NamedQuery]) -> str:
    """What ``kg query --list`` prints."""
    out = []
    for nq in queries:
        out.append(f"{nq.name}  —  {nq.title}")
        if nq.description:
            import textwrap

            out.extend(textwrap.wrap(nq.description, 78, initial_indent="    ", subsequent_indent="    "))
        for p in nq.params:
            need = "required" if p.required else "optional"
            out.append(f"    --param {p.name}=…  ({need}) {p.description}".rstrip())
        if nq.limit is not None:
            out.append(f"    --limit N  rows to list (default {nq.limit}; 0: all)")
        out.append("")
    out.append("run one: kg query GRAPH --named NAME [--param KEY=VALUE] [--limit N]")
    return "\n".join(out)
