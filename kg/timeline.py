"""An indicator's values over time, as ``kg timeline`` prints them.

The rows come from the named query ``indicator_series`` (kg/data/queries) run on
pyoxigraph; this module orders them (oldest first, figures whose year cannot be
known last) and marks

- a **target met** (or **missed**) by a later statistic: same unit, dated after
  the target was set and no later than its deadline, and inside what the
  target's comparator allows (超过8万家: 8万 or more; 控制在3%以内: 3 or less). A
  miss needs a statistic for the deadline itself (the whole year, 12月, 年底);
  an earlier reading below the target is progress, not a miss;
- a **conflict**: two statistics for the same stretch of time (the same year and
  months: 前三季度 = 1—9月 = 截至9月) that cannot both be true. Different periods
  are an update, never a conflict; a figure whose period is unknown is compared
  with nothing.

Comparators are read as intervals: 超过8万 is [8万, ∞), 约10万 ±5% (tolerance in
``kg/data/patterns/indicators.json``). A notebook calls
``timeline("exports/graph.ttl", "5G基站")``.
"""
from __future__ import annotations

import calendar
import difflib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import resources
from .errors import InputError
from .indicators import indicator_key
from .query import QueryResult, format_csv, format_table, load_store, named_query, prepare, run_query
from .timeexpr import TimePhrase, find_time_phrases, parse_issued

__all__ = ["Row", "Mark", "IndicatorMatch", "Timeline", "AmbiguousIndicator", "timeline", "find_indicator",
           "indicators", "format_timeline", "QUERY_NAME"]

QUERY_NAME = "indicator_series"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_INDICATOR = ox.NamedNode("https://w3id.org/policy-kg/ontology#Indicator")
_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_KGR = "https://w3id.org/policy-kg/resource/"


@cache
def _tolerance() -> Decimal:
    return Decimal(resources.read_json("patterns", "indicators.json")["timeline"]["about_tolerance"])


# ------------------------------------------------------------------ data

@dataclass(frozen=True)
class Row:
    """One statistic or target of the indicator."""

    figure: str                  # the fact node's IRI
    kind: str                    # "statistic" or "target"
    value: Decimal
    unit: str
    surface: str
    comparator: str | None       # AtLeast, AtMost, About, Exactly
    year: int | None             # refYear / targetYear
    as_of: str | None            # YYYY-MM or YYYY-MM-DD
    period: str                  # as written: 1—11月, 截至11月, 全年 …
    article: str                 # dcterms:identifier (the file name)
    issued: str | None           # the article's date, as precise as known
    evidence: str
    char_start: int | None = None

    @property
    def is_target(self) -> bool:
        return self.kind == "target"


@dataclass(frozen=True)
class Mark:
    """``kind`` "met" or "missed": rows = (target, the statistic that decides);
    "conflict": rows = (statistic, statistic). Rows are indexes into Timeline.rows."""

    kind: str
    rows: tuple[int, int]
    note: str


@dataclass(frozen=True)
class IndicatorMatch:
    iri: str
    label: str
    alt_labels: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels) if self.label else self.alt_labels


@dataclass
class Timeline:
    indicator: IndicatorMatch
    rows: list[Row] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def marks_of(self, i: int) -> list[Mark]:
        return [m for m in self.marks if i in m.rows]

    def statistics(self) -> list[Row]:
        return [r for r in self.rows if not r.is_target]

    def targets(self) -> list[Row]:
        return [r for r in self.rows if r.is_target]


class AmbiguousIndicator(InputError):
    """Several indicators match the text given; ``candidates`` lists them."""

    def __init__(self, text: str, candidates: list[IndicatorMatch]) -> None:
        self.candidates = candidates
        lines = [f"{len(candidates)} indicators match {text!r}; give one of their labels exactly:"]
        for c in candidates:
            also = f"  (also: {', '.join(c.alt_labels)})" if c.alt_labels else ""
            lines.append(f"  {c.label}{also}")
        super().__init__("\n".join(lines))


# ------------------------------------------------------------------ finding the indicator

def _store(source: ox.Store | Graph | str | Path) -> ox.Store:
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Graph):
        store = ox.Store()
        store.bulk_load(source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                        to_graph=ox.DefaultGraph())
        return store
    return load_store(source)


def indicators(store: ox.Store) -> list[IndicatorMatch]:
    """Every kgo:Indicator of the store with its labels, by prefLabel."""
    out = []
    for node in sorted({q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, _INDICATOR)}, key=str):
        if not isinstance(node, ox.NamedNode):
            continue
        prefs = sorted({q.object.value for q in store.quads_for_pattern(node, _PREF, None)})
        alts = sorted({q.object.value for q in store.quads_for_pattern(node, _ALT, None)} - set(prefs[:1]))
        out.append(IndicatorMatch(node.value, prefs[0] if prefs else "", tuple(prefs[1:] + alts)))
    return sorted(out, key=lambda m: (m.label, m.iri))


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split()).upper()


def find_indicator(store: ox.Store, text: str) -> IndicatorMatch:
    """The indicator ``text`` names: an IRI (or kgr:…), else a label given exactly,
    else one whose labels normalize to the same measure (``indicator_key``:
    5G基站 finds 累计建成5G基站 / 我国5G基站总数), else the only indicator with a
    label containing ``text``. Several candidates raise :class:`AmbiguousIndicator`;
    none an InputError with the closest labels."""
    every = indicators(store)
    if not every:
        raise InputError("the graph has no indicators (kgo:Indicator)")
    wanted = text.strip()
    iri = _KGR + wanted[4:] if wanted.startswith("kgr:") else wanted.strip("<>")
    by_iri = [m for m in every if m.iri == iri]
    if by_iri:
        return by_iri[0]
    norm = _norm(wanted)
    if not norm:
        raise InputError("give an indicator label (e.g. 5G基站)")
    key = indicator_key(wanted)
    tests = (lambda m: norm in {_norm(lab) for lab in m.labels},
             lambda m: key in {indicator_key(lab) for lab in m.labels},
             lambda m: any(norm in _norm(lab) for lab in m.labels))
    for test in tests:
        found = [m for m in every if test(m)]
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousIndicator(wanted, found)
    labels = sorted({lab for m in every for lab in m.labels})
    close = difflib.get_close_matches(wanted, labels, n=5, cutoff=0.4)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise InputError(f"no indicator matches {wanted!r}{hint}")


# ------------------------------------------------------------------ rows

def _decimal(text: str | None) -> Decimal:
    try:
        return Decimal(text or "")
    except InvalidOperation:
        raise InputError(f"kgo:value {text!r} is not a number") from None


def _int(text: str | None) -> int | None:
    try:
        return int(str(text)[:4]) if text else None
    except ValueError:
        return None


def _rows(res: QueryResult) -> list[Row]:
    out: dict[str, Row] = {}
    for values in res.rows:
        r = dict(zip(res.columns, values))
        if r["figure"] in out:
            continue
        start = r.get("charStart")
        out[r["figure"]] = Row(
            figure=r["figure"], kind=r["kind"], value=_decimal(r["value"]), unit=r.get("unit") or "",
            surface=r.get("surface") or "", comparator=r.get("comparator") or None, year=_int(r.get("year")),
            as_of=r.get("asOf") or None, period=r.get("period") or "", article=r.get("article") or "",
            issued=r.get("issued") or None, evidence=r.get("evidence") or "",
            char_start=int(start) if start and start.isdigit() else None)
    return list(out.values())


# ------------------------------------------------------------------ time

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _end_of(iso: str) -> date | None:
    y, m, d = parse_issued(iso)
    if y is None:
        return None
    if m is None:
        return date(y, 12, 31)
    return date(y, m, d) if d else _month_end(y, m)


def _start_of(iso: str | None) -> date | None:
    y, m, d = parse_issued(iso)
    return date(y, m or 1, d or 1) if y is not None else None


def _phrase(period: str) -> TimePhrase | None:
    """The phrase of a period that says which months (else its first phrase)."""
    phrases = [p for p in find_time_phrases(period) if p.relation not in ("base", "name")]
    with_months = [p for p in phrases if p.last_month]
    return (with_months or phrases or [None])[-1 if with_months else 0]


def _moment(row: Row) -> date | None:
    """When the figure stands: its as-of date, the end of its period, a target's
    deadline; a statistic for a year still running when it was written stands
    at the article's date."""
    if row.as_of:
        return _end_of(row.as_of)
    if row.year is None:
        return None
    p = _phrase(row.period)
    if p is not None and p.last_month and 1 <= p.last_month <= 12:
        return _month_end(row.year, p.last_month)
    iy, im, iday = parse_issued(row.issued)
    if not row.is_target and iy == row.year and im:
        return date(iy, im, iday) if iday else _month_end(iy, im)
    return date(row.year, 12, 31)


def _span(row: Row) -> tuple | None:
    """The stretch of time a statistic covers, comparable across articles, or None
    when it cannot be told (then it conflicts with nothing)."""
    if row.is_target or row.year is None:
        return None
    p = _phrase(row.period)
    if p is not None and p.kind == "current":
        return ("at", row.as_of) if row.as_of and len(row.as_of) == 10 else None
    if p is not None and p.last_month and 1 <= p.last_month <= 12:
        first = 1 if p.relation == "asof" or p.month_end else (p.first_month or p.last_month)
        return (row.year, first, p.last_month)
    if row.as_of:
        return ("at", row.as_of)
    iy, _, iday = parse_issued(row.issued)
    if iy is not None and iy > row.year:
        return (row.year, 1, 12)                 # a year over when the article was written
    if p is not None and iy is None:
        return (row.year, 1, 12)                 # 2023年 / 全年 in an undated article
    if iday and row.issued:
        return ("at", row.issued)                # a running year: as of the article's day
    return None


def _order(indexed: tuple[int, Row]) -> tuple:
    _, row = indexed
    moment = _moment(row)
    return (moment is None, moment or date.max, row.is_target, row.issued or "", row.article,
            row.char_start or 0, row.figure)


# ------------------------------------------------------------------ comparing values

def _interval(value: Decimal, comparator: str | None, *, goal: bool = False) -> tuple[Decimal | None, Decimal | None]:
    """(low, high), None for unbounded. A goal without comparator (建成200个) is 'at least'."""
    slack = abs(value) * _tolerance()
    if comparator == "AtMost":
        return (None, value)
    if comparator == "AtLeast":
        return (value, None)
    if comparator == "About":
        return (value - slack, None) if goal else (value - slack, value + slack)
    return (value, None) if goal else (value, value)


def _within(inner: tuple, outer: tuple) -> bool:
    lo_ok = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    hi_ok = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return lo_ok and hi_ok


def _apart(a: tuple, b: tuple) -> bool:
    return (a[1] is not None and b[0] is not None and a[1] < b[0]) or \
           (b[1] is not None and a[0] is not None and b[1] < a[0])


def _meets(stat: Row, target: Row) -> bool | None:
    """True: the statistic is inside what the target asks; False: wholly outside; None: cannot tell."""
    s = _interval(stat.value, stat.comparator)
    goal = _interval(target.value, target.comparator, goal=True)
    if _within(s, goal):
        return True
    return False if _apart(s, goal) else None


def _shown(row: Row) -> str:
    return f"{row.surface or _number(row.value)}{'' if row.surface else row.unit}"


def _when(row: Row) -> str:
    return row.as_of or (f"{row.year}" if row.year else "year unknown")


def _target_marks(rows: list[Row]) -> list[Mark]:
    marks = []
    for ti, t in enumerate(rows):
        deadline = _moment(t) if t.is_target else None
        if deadline is None:
            continue
        set_on = _start_of(t.issued)
        candidates = []
        for si, s in enumerate(rows):
            m = _moment(s)
            if s.is_target or s.unit != t.unit or m is None or m > deadline:
                continue
            if (set_on is not None and m < set_on) or (set_on is None and m.year != deadline.year):
                continue
            candidates.append((m, si, s))
        candidates.sort(key=lambda c: (c[0], c[1]))
        met = [(m, si, s) for m, si, s in candidates
               if _meets(s, t) is True and (t.comparator != "AtMost" or m >= deadline)]
        if met:
            _, si, s = met[0]
            marks.append(Mark("met", (ti, si), f"target #{ti + 1} ({_shown(t)} by {deadline.isoformat()}) met: "
                                               f"#{si + 1} {_shown(s)} ({_when(s)}, {s.article})"))
            continue
        final = [(m, si, s) for m, si, s in candidates if m >= deadline]
        if final and _meets(final[-1][2], t) is False:
            _, si, s = final[-1]
            marks.append(Mark("missed", (ti, si), f"target #{ti + 1} ({_shown(t)} by {deadline.isoformat()}) "
                                                  f"missed: #{si + 1} {_shown(s)} ({_when(s)}, {s.article})"))
    return marks


def _conflicts(rows: list[Row]) -> list[Mark]:
    marks = []
    for i, a in enumerate(rows):
        span = _span(a)
        if span is None:
            continue
        for j in range(i + 1, len(rows)):
            b = rows[j]
            if b.unit != a.unit or _span(b) != span:
                continue
            if _apart(_interval(a.value, a.comparator), _interval(b.value, b.comparator)):
                marks.append(Mark("conflict", (i, j), f"conflict: #{i + 1} {_shown(a)} ({a.article}) and "
                                                      f"#{j + 1} {_shown(b)} ({b.article}) for the same period "
                                                      f"({a.period or _when(a)} / {b.period or _when(b)})"))
    return marks


# ------------------------------------------------------------------ the API

def timeline(source: ox.Store | Graph | str | Path, indicator: str) -> Timeline:
    """The values over time of the indicator named by ``indicator`` (see
    :func:`find_indicator`) in a graph file, a pyoxigraph Store or an rdflib Graph."""
    store = _store(source)
    match = find_indicator(store, indicator)
    query, bindings = prepare(named_query(QUERY_NAME), {"indicator": f"<{match.iri}>"}, limit=0)  # every row
    res = run_query(store, query, bindings=bindings)
    rows = [r for _, r in sorted(enumerate(_rows(res)), key=_order)]
    marks = _target_marks(rows) + _conflicts(rows)
    return Timeline(match, rows, sorted(marks, key=lambda m: (m.rows, m.kind)))


# ------------------------------------------------------------------ output

COLUMNS = ["#", "year", "asOf", "period", "kind", "value", "unit", "comparator", "article", "mark", "evidence"]


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _mark_cell(tl: Timeline, i: int) -> str:
    out = []
    for m in tl.marks_of(i):
        other = m.rows[1] if m.rows[0] == i else m.rows[0]
        if m.kind == "conflict":
            out.append(f"conflicts with #{other + 1}")
        elif m.rows[0] == i:
            out.append(f"{m.kind} (#{other + 1})")
        else:
            out.append(f"{'meets' if m.kind == 'met' else 'misses'} target #{other + 1}")
    return "; ".join(out)


def _result(tl: Timeline, *, grouped: bool) -> QueryResult:
    rows = []
    for i, r in enumerate(tl.rows):
        value = f"{r.value.normalize():,f}" if grouped else _number(r.value)
        rows.append([str(i + 1), str(r.year) if r.year else "", r.as_of or "", r.period, r.kind, value, r.unit,
                     r.comparator or "", r.article, _mark_cell(tl, i), r.evidence])
    return QueryResult(list(COLUMNS), rows)


def _json(tl: Timeline) -> str:
    ind = tl.indicator
    rows = []
    for i, r in enumerate(tl.rows):
        rows.append({"n": i + 1, "figure": r.figure, "kind": r.kind, "value": _number(r.value), "unit": r.unit,
                     "surface": r.surface, "comparator": r.comparator, "year": r.year, "asOf": r.as_of,
                     "period": r.period, "article": r.article, "issued": r.issued, "evidence": r.evidence,
                     "marks": _mark_cell(tl, i)})
    marks = [{"kind": m.kind, "rows": [n + 1 for n in m.rows], "note": m.note} for m in tl.marks]
    doc = {"indicator": {"iri": ind.iri, "label": ind.label, "altLabels": list(ind.alt_labels)},
           "rows": rows, "marks": marks}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def format_timeline(tl: Timeline, fmt: str = "table") -> str:
    """``table`` (a heading, the rows, then the marks), ``csv`` or ``json``."""
    if fmt == "json":
        return _json(tl)
    if fmt == "csv":
        return format_csv(_result(tl, grouped=False))
    if fmt != "table":
        raise InputError(f"unknown format {fmt!r}; use table, csv or json")
    ind = tl.indicator
    head = ind.label + (f"  (also: {', '.join(ind.alt_labels)})" if ind.alt_labels else "")
    lines = [head, ind.iri, "", format_table(_result(tl, grouped=True))]
    if tl.marks:
        lines += [""] + [m.note for m in tl.marks]
    return "\n".join(lines)
