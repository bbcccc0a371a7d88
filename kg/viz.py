"""The interactive HTML page: RDF graph → the part worth drawing → one offline, injection-safe file.

Built to stay cheap on big graphs: one pass over the triples that are edges
gives every drawable node's degree (no networkx graph of the whole thing);
the drawn nodes are chosen first (``--focus``, then the ``max_nodes`` most
connected), and only they get labels, hover text and a layout, so the page's
size and the time spent on it follow what is drawn, not the graph. Nothing
relies on kgo:LabelUse nodes or on kgo:Assertion reification being present:
an edge without an Assertion is simply drawn without evidence.

The page is our own template (``kg/data/viz/page.html``, autoescaped), not
pyvis's: that one renders without autoescape, loads Bootstrap from a CDN and
turns hover titles containing "href" into ``innerHTML`` popups
(design/PITFALLS.md). pyvis is used only for the vis-network bundle it ships,
inlined verbatim. The graph travels as one JSON block (``<>&'`` escaped, so
no text from an article can end it) that ``page.js`` turns into vis-network
data; a nonce-based Content-Security-Policy lets only our three scripts run,
and "href" in texts is still broken up, so the data reads the same in any
vis-network page.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib.resources import files
from html.parser import HTMLParser
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS
from rdflib.term import Node

from .errors import InputError, KGError
from .fileio import atomic_write
from .memory import gc_paused
from .namespaces import KGO
from .resources import read_json, read_text
from .store import LeanStore

__all__ = ["render_html", "write_html", "to_networkx", "Scan", "ScanPart", "PageMemo", "page_pairs", "scan_pairs",
           "scan_part", "finish_scan", "scan_properties"]


_PREFIXES = {"kgo": KGO, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "skos": SKOS}
POSITION = "position"          # edge key of the person → organization edge drawn for a kgo:Position
_Edge = tuple[Node, Node, str]  # (from, to, edge key)


class _T:
    """Terms read in loops, made once (rdflib makes a new URIRef on every attribute access)."""

    dcterms_identifier = DCTERMS.identifier
    dcterms_issued = DCTERMS.issued
    dcterms_publisher = DCTERMS.publisher
    dcterms_title = DCTERMS.title
    kgo_Assertion = KGO.Assertion
    kgo_Position = KGO.Position
    kgo_comparator = KGO.comparator
    kgo_evidence = KGO.evidence
    kgo_indicator = KGO.indicator
    kgo_mentionedIn = KGO.mentionedIn
    kgo_surface = KGO.surface
    kgo_title = KGO.title
    kgo_unit = KGO.unit
    kgo_value = KGO.value
    kgo_year = KGO.year
    org_member = ORG.member
    org_organization = ORG.organization
    prov_wasDerivedFrom = PROV.wasDerivedFrom
    rdf_object = RDF.object
    rdf_predicate = RDF.predicate
    rdf_subject = RDF.subject
    rdf_type = RDF.type
    skos_altLabel = SKOS.altLabel
    skos_prefLabel = SKOS.prefLabel


@cache
def _style() -> dict[str, Any]:
    return read_json("viz", "style.json")


@cache
def _class_order() -> dict[str, int]:
    return {c["name"]: i for i, c in enumerate(_style()["classes"])}


@cache
def _expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(str(_PREFIXES[prefix]) + local)


# ---------------------------------------------------------------- reading the RDF graph

def _objects(g: Graph, s: Node, p: URIRef) -> Iterable[Node]:
    """The objects of ``s p ?``; on the lean store straight from its subject index."""
    store = g.store
    if isinstance(store, LeanStore):
        found = store.predicate_objects(s).get(p)
        return () if found is None else found if type(found) is dict else (found,)
    return g.objects(s, p)


def _texts(g: Graph, s: Node, p: URIRef) -> list[str]:
    """Literal values of ``s p ?``, Chinese-tagged ones first, each group sorted."""
    return _sorted_texts(_objects(g, s, p))


def _sorted_texts(objects: Iterable[Node]) -> list[str]:
    lits = [o for o in objects if isinstance(o, Literal)]
    zh = sorted(str(o) for o in lits if (o.language or "").lower().startswith("zh"))
    rest = sorted(str(o) for o in lits if not (o.language or "").lower().startswith("zh"))
    return zh + rest


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    """One object of ``s p ?``, the same one on every run when there are several."""
    objs = sorted(_objects(g, s, p), key=str)
    return objs[0] if objs else None


def local_part(term: Node) -> str:
    """The last part of an IRI (how a node without a label is named)."""
    text = str(term).rstrip("/#")
    return re.split(r"[/#:]", text)[-1] or text


def _number(lit: Node | None) -> str:
    if lit is None:
        return ""
    try:
        d = Decimal(str(lit))
    except InvalidOperation:
        return str(lit)
    return format(d.normalize(), "f") if d.is_finite() else str(lit)


def _pairs(g: Graph, props: Iterable[URIRef],
           keep: Callable[[Node], bool] | None = None) -> dict[URIRef, list[tuple[Node, Node]]]:
    """The (subject, object) pairs of each property (of the subjects ``keep`` accepts, when given).

    On the build's lean store, one pass over its subject index (it builds its
    predicate index only on demand, and that would cost a pass over every
    triple); on any other store, rdflib's own index per property.
    """
    out: dict[URIRef, list[tuple[Node, Node]]] = {p: [] for p in props}
    store = g.store
    if isinstance(store, LeanStore):
        # The store interns its terms: with its own instances as keys, the
        # set intersection below never calls rdflib's Python-level __eq__.
        interned = getattr(store, "_terms", {})
        canon = {interned.get(p, p): p for p in out}
        wanted = set(canon)
        for s in store.subjects_in_order():
            if keep is not None and not keep(s):
                continue
            by_p = store.predicate_objects(s)
            for p in by_p.keys() & wanted:
                found, objs = out[canon[p]], by_p[p]
                if type(objs) is dict:           # several objects (see store.as_objects)
                    found.extend([(s, o) for o in objs])
                else:
                    found.append((s, objs))
    else:
        for p in out:
            out[p] = [(s, o) for s, o in g.subject_objects(p) if keep is None or keep(s)]
    return out


def _single(pairs: Iterable[tuple[Node, Node]], among: Collection[Node]) -> dict[Node, Node]:
    """One object per subject in ``among``, the same one on every run when there are several."""
    out: dict[Node, Node] = {}
    for s, o in pairs:
        if s in among and (s not in out or str(o) < str(out[s])):
            out[s] = o
    return out


@dataclass
class Scan:
    """What the page needs from the whole graph, read in one pass (see :func:`scan_pairs`)."""

    kinds: dict[Node, str]                                   # drawable node → class name
    edges: list[_Edge]                                       # every drawable edge
    positions: dict[tuple[Node, Node], list[Node]]           # (person, organization) → Position nodes
    assertions: dict[tuple[Node, Node, Node], list[Node]]    # asserted (s, p, o) → Assertion nodes
    files: dict[Node, str] = field(default_factory=dict)     # Article → its dcterms:identifier (file name)


@cache
def scan_properties() -> tuple[URIRef, ...]:
    """The properties whose triples :func:`scan_pairs` reads."""
    keys = [_expand(k) for k in _style()["edges"] if k != POSITION]
    return (_T.rdf_type, *keys, _T.org_member, _T.org_organization, _T.rdf_subject, _T.rdf_predicate, _T.rdf_object,
            _T.dcterms_identifier)


def page_pairs(g: Graph, keep: Callable[[Node], bool] | None = None) -> dict[URIRef, list[tuple[Node, Node]]]:
    """The (subject, object) pairs of each of :func:`scan_properties` in ``g``
    (of the subjects ``keep`` accepts, when given)."""
    return _pairs(g, scan_properties(), keep)


def _scan(g: Graph) -> Scan:
    return scan_pairs(page_pairs(g))


def scan_pairs(pairs: dict[URIRef, list[tuple[Node, Node]]]) -> Scan:
    """Drawable nodes and edges, Positions and Assertions, from the (subject,
    object) pairs of each of :func:`scan_properties` in a graph.

    A kgo:Position becomes one person → organization edge per pair, however
    many Position nodes say so; a node with two drawn classes takes the first
    in style.json's order.
    """
    return finish_scan([scan_part(pairs)])


@dataclass
class ScanPart:
    """:func:`scan_pairs`'s reading of one part of a graph's pairs, before
    the edges (which need every part's classes): see :func:`finish_scan`."""

    kinds: dict[Node, str]
    members: dict[Node, Node]                   # Position -> its person
    orgs: dict[Node, Node]                      # Position -> its organization
    assertions: dict[tuple[Node, Node, Node], list[Node]]
    files: dict[Node, str]
    pairs: dict[URIRef, list[tuple[Node, Node]]]


def scan_part(pairs: dict[URIRef, list[tuple[Node, Node]]]) -> ScanPart:
    """What :func:`scan_pairs` reads from ``pairs`` alone (see :func:`finish_scan`)."""
    st = _style()
    order = _class_order()
    classes = {KGO[c["name"]]: c["name"] for c in st["classes"]}
    asserted = {_expand(k) for k in st["edges"] if k != POSITION and st["edges"][k].get("asserted")}
    kinds: dict[Node, str] = {}
    position_nodes: set[Node] = set()
    assertion_nodes: set[Node] = set()
    of_type: dict[int, tuple[str | None, bool, bool]] = {}    # by id: the terms stay alive in pairs
    for s, t in pairs[_T.rdf_type]:
        seen = of_type.get(id(t))
        if seen is None:
            seen = of_type[id(t)] = (classes.get(t), t == _T.kgo_Position, t == _T.kgo_Assertion)  # type: ignore[arg-type]
        name, is_position, is_assertion = seen
        if name is not None and isinstance(s, (URIRef, BNode)) and (s not in kinds or order[name] < order[kinds[s]]):
            kinds[s] = name
        if is_position:
            position_nodes.add(s)
        elif is_assertion:
            assertion_nodes.add(s)
    members = _single(pairs[_T.org_member], position_nodes)
    orgs = _single(pairs[_T.org_organization], position_nodes)
    subjects = _single(pairs[_T.rdf_subject], assertion_nodes)
    objects = _single(pairs[_T.rdf_object], assertion_nodes)
    assertions: dict[tuple[Node, Node, Node], list[Node]] = {}
    for a, p in _single(pairs[_T.rdf_predicate], assertion_nodes).items():
        if p in asserted and a in subjects and a in objects:
            assertions.setdefault((subjects[a], p, objects[a]), []).append(a)
    idents: dict[Node, list[Node]] = {}
    for s, o in pairs[_T.dcterms_identifier]:
        if kinds.get(s) == "Article":
            idents.setdefault(s, []).append(o)
    files = {s: found[0] for s, objs in idents.items() if (found := _sorted_texts(objs))}
    return ScanPart(kinds, members, orgs, assertions, files, pairs)


def finish_scan(parts: Sequence[ScanPart]) -> Scan:
    """:func:`scan_pairs` of the pairs of every part, in order, from
    :func:`scan_part` of each. The parts must share no subject (a node's
    triples are in one part: the global section and the articles' fragments
    are such parts), and a term in two parts must be one instance (the
    lookups then go by identity)."""
    st = _style()
    keys = {_expand(k): k for k in st["edges"] if k != POSITION}
    kinds: dict[Node, str] = {}
    for part in parts:
        kinds.update(part.kinds)
    edges = [(s, o, key) for p, key in keys.items() for part in parts for s, o in part.pairs[p]
             if s in kinds and o in kinds]
    positions: dict[tuple[Node, Node], list[Node]] = {}
    for part in parts:
        orgs = part.orgs
        for pos, person in part.members.items():
            org = orgs.get(pos)
            if person in kinds and org in kinds:
                positions.setdefault((person, org), []).append(pos)    # type: ignore[arg-type]
    edges.extend((person, org, POSITION) for person, org in positions)
    assertions: dict[tuple[Node, Node, Node], list[Node]] = {}
    files: dict[Node, str] = {}
    for part in parts:
        for spo, found in part.assertions.items():
            assertions.setdefault(spo, []).extend(found)
        files.update(part.files)
    return Scan(kinds, edges, positions, assertions, files)


def _degrees(edges: Collection[_Edge]) -> Counter[Node]:
    """Edges at each node (a loop counts twice, as in networkx)."""
    deg: Counter[Node] = Counter(map(itemgetter(0), edges))
    deg.update(map(itemgetter(1), edges))
    return deg


@dataclass
class PageMemo:
    """Hover texts of fact nodes known without reading the nodes:
    ``known(kind, node)`` gives a fact's :meth:`_Reader.provenance` for kind
    "prov" and a Position's :meth:`_Reader.title` for "title", or ``None``
    (then the page reads the node). ``kg build`` has them from the articles'
    fragments (:func:`kg.fragment.hover_texts`)."""

    known: Callable[[str, Node], Any]


@dataclass
class _Reader:
    """What hover texts say about articles and linked nodes, looked up once each."""

    g: Graph
    kinds: dict[Node, str]
    idents: dict[Node, str] | None = None      # Scan.files: the articles' identifiers, when read already
    memo: PageMemo | None = None
    _files: dict[Node, str] = field(default_factory=dict)
    _sources: dict[Node, str] = field(default_factory=dict)
    _labels: dict[Node, str] = field(default_factory=dict)

    def file(self, art: Node) -> str:
        """An article's file name (dcterms:identifier), else its IRI's last part."""
        if art not in self._files:
            if self.kinds.get(art) != "Article":
                ident = ""
            elif self.idents is not None:
                ident = self.idents.get(art, "")
            else:
                ident = next(iter(_texts(self.g, art, _T.dcterms_identifier)), "")
            self._files[art] = ident or local_part(art)
        return self._files[art]

    def source(self, art: Node) -> str:
        """How hover text names an article: its title, then date and file name."""
        if art not in self._sources:
            file = self.file(art)
            title = next(iter(_texts(self.g, art, _T.dcterms_title)), "")
            issued = _one(self.g, art, _T.dcterms_issued)
            extra = [x for x in (str(issued) if issued is not None else "", file if title else "") if x]
            self._sources[art] = (title or file) + (f"（{'，'.join(extra)}）" if extra else "")
        return self._sources[art]

    def label(self, term: Node | None) -> str:
        """The name of a linked node: prefLabel, else title, else file name or IRI."""
        if term is None:
            return ""
        if term not in self._labels:
            found = _texts(self.g, term, _T.skos_prefLabel) or _texts(self.g, term, _T.dcterms_title)
            self._labels[term] = found[0] if found else self.file(term)
        return self._labels[term]

    def provenance(self, fact: Node) -> tuple[str, str]:
        """(evidence sentence, its article as "title（date，file）") of a fact node."""
        found = self.memo.known("prov", fact) if self.memo is not None else None
        if found is None:
            evidence = next(iter(_texts(self.g, fact, _T.kgo_evidence)), "")
            art = _one(self.g, fact, _T.prov_wasDerivedFrom)
            found = (evidence, self.source(art) if art is not None else "")
        return found

    def title(self, position: Node) -> Sequence[str]:
        """A Position's first title (sorted), or none."""
        found = self.memo.known("title", position) if self.memo is not None else None
        if found is None:
            found = _texts(self.g, position, _T.kgo_title)[:1]
        return found


def _prov_lines(facts: Collection[Node], r: _Reader) -> list[str]:
    """Evidence and source lines of fact nodes: the first ``max_evidence`` (by IRI), then how many in all.

    Only the shown ones are read, so an edge asserted by thousands of articles
    costs no more than one asserted by a few, and so does its hover text.
    """
    st = _style()
    text, cap = st["text"], st["layout"]["max_evidence"]
    shown: list[tuple[str, str]] = []
    for fact in sorted(facts, key=str):
        pair = r.provenance(fact)
        if pair not in shown:
            shown.append(pair)
            if len(shown) == cap:
                break
    out: list[str] = []
    for evidence, file in shown:
        if evidence:
            out.append(f"{text['evidence']}：{evidence}")
        if file:
            out.append(f"{text['source']}：{file}")
    if len(facts) > len(shown):
        out.append(text["more_evidence"].format(n=len(facts)))
    return out


def _years(g: Graph, s: Node, kind: str) -> tuple[str, ...]:
    """The years a node is about, for the page's year filter: a Year's own, a fact's or event's year."""
    if kind == "Year":
        found = [s]
    else:
        found = [y for key in _style()["year_filter"]["properties"] for y in _objects(g, s, _expand(key))]
    years = set()
    for y in found:
        lit = _one(g, y, _T.kgo_year)
        m = re.search(r"\d{4}", str(lit) if lit is not None else local_part(y))
        if m:
            years.add(m.group(0))
    return tuple(sorted(years))


def _fact_label(g: Graph, s: Node, r: _Reader) -> tuple[str, str, str, dict[str, str]]:
    """(label, value, unit, comparator style) of a Statistic or Target."""
    indicator = r.label(_one(g, s, _T.kgo_indicator))
    value = _number(_one(g, s, _T.kgo_value))
    unit = str(_one(g, s, _T.kgo_unit) or "")
    comp = _style()["comparators"].get(local_part(_one(g, s, _T.kgo_comparator) or ""), {})
    return f"{indicator} {comp.get('symbol', '')}{value}{unit}".strip(), value, unit, comp


def _label(g: Graph, s: Node, kind: str, r: _Reader) -> str:
    """The label drawn on the node (also the second sort key after the class)."""
    if kind in _style()["facts"]:
        return _fact_label(g, s, r)[0]
    if kind == "Article":
        title = next(iter(_texts(g, s, _T.dcterms_title)), "")
        short = _style()["layout"]["article_label"]
        return (title[:short] + "…" if len(title) > short else title) or r.file(s)
    prefs = _texts(g, s, _T.skos_prefLabel)
    return prefs[0] if prefs else local_part(s)


def _names(g: Graph, s: Node, kind: str, r: _Reader) -> tuple[str, ...]:
    """The names that find a node (search box, ``--focus``): labels, or an article's title and file."""
    if kind in _style()["facts"]:
        return ()
    if kind == "Article":
        title = next(iter(_texts(g, s, _T.dcterms_title)), "")
        return tuple(n for n in (title, r.file(s)) if n)
    prefs = _texts(g, s, _T.skos_prefLabel)
    label = prefs[0] if prefs else local_part(s)
    alts = sorted(set(_texts(g, s, _T.skos_altLabel)) - {label})
    return tuple(dict.fromkeys([label, *prefs, *alts]))


def _describe(g: Graph, s: Node, kind: str, r: _Reader) -> dict[str, Any]:
    """Label, names to search and focus on, and hover lines of one node (raw text)."""
    st = _style()
    text, cls = st["text"], {c["name"]: c for c in st["classes"]}[kind]
    type_line = f"{text['type']}：{cls['zh']} {cls['en']}"
    if kind in st["facts"]:
        label, value, unit, comp = _fact_label(g, s, r)
        lines = [label, type_line, f"{text['indicator']}：{r.label(_one(g, s, _T.kgo_indicator))}"]
        surface = str(_one(g, s, _T.kgo_surface) or "")
        lines.append(f"{text['value']}：{value}" + (f"（{text['surface']} {surface}）" if surface else ""))
        if unit:
            lines.append(f"{text['unit']}：{unit}")
        for key in ("refYear", "targetYear", "setBy", "partOf"):
            found = sorted(r.label(o) for o in _objects(g, s, KGO[key]))
            if found:
                lines.append(f"{text[key]}：{'、'.join(found)}")
        for key in ("asOf", "period"):
            if (val := _one(g, s, KGO[key])) is not None:
                lines.append(f"{text[key]}：{val}")
        if comp:
            lines.append(f"{text['comparator']}：{comp['zh']}")
        lines += _prov_lines([s], r)
        return {"label": label, "names": (), "lines": lines}
    label, names = _label(g, s, kind, r), _names(g, s, kind, r)
    if kind == "Article":
        title = next(iter(_texts(g, s, _T.dcterms_title)), "")
        file = r.file(s)
        lines = [title or file, type_line, f"{text['file']}：{file}"]
        if (issued := _one(g, s, _T.dcterms_issued)) is not None:
            lines.append(f"{text['issued']}：{issued}")
        publishers = sorted(r.label(o) for o in _objects(g, s, _T.dcterms_publisher))
        if publishers:
            lines.append(f"{text['publisher']}：{'、'.join(publishers)}")
        return {"label": label, "names": names, "lines": lines}
    alts = sorted(set(_texts(g, s, _T.skos_altLabel)) - {label})
    lines = [label, type_line]
    if alts:
        lines.append(f"{text['alt']}：{'、'.join(alts)}")
    arts = sorted(r.file(a) for a in _objects(g, s, _T.kgo_mentionedIn))
    if arts:
        cap = st["layout"]["max_files"]
        more = text["more"].format(n=len(arts)) if len(arts) > cap else ""
        lines.append(f"{text['articles']}：{'、'.join(arts[:cap])}{more}")
    return {"label": label, "names": names, "lines": lines}


def _edge_lines(g: Graph, edges: Collection[_Edge], scan: Scan,
                r: _Reader) -> dict[_Edge, tuple[tuple[str, ...], list[str]]]:
    """(position titles, hover lines) of the given edges: the evidence of their Positions or Assertions.

    A graph without Assertions gives plain edges without evidence.
    """
    head = _style()["text"]["titles"]
    out: dict[_Edge, tuple[tuple[str, ...], list[str]]] = {}
    for s, o, key in edges:
        if key == POSITION:
            facts = scan.positions.get((s, o), [])
            titles = sorted({t for pos in facts for t in r.title(pos)})
            out[(s, o, key)] = (tuple(titles), [f"{head}：{'、'.join(titles)}", *_prov_lines(facts, r)])
        else:
            out[(s, o, key)] = ((), _prov_lines(scan.assertions.get((s, _expand(key), o), []), r))
    return out


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """The whole drawable part of ``g`` as networkx (for analysis and tests; the page never builds it).

    Nodes are the RDF terms, with ``kind``, ``label``, ``names`` (labels to
    search and focus on), ``lines`` (hover text, raw) and ``years`` (a Year's
    own, a fact's or event's years, for the year filter); edges are keyed by the
    CURIE of their property, or ``"position"`` for a kgo:Position drawn as a
    person → organization edge. kgo:Assertion and kgo:Position nodes are not drawn.
    """
    scan = _scan(g)
    kinds = scan.kinds
    r = _Reader(g, kinds)
    G = nx.MultiDiGraph()
    for node in sorted(kinds, key=str):
        G.add_node(node, kind=kinds[node], years=_years(g, node, kinds[node]), **_describe(g, node, kinds[node], r))
    for (s, o, key), (titles, lines) in sorted(_edge_lines(g, scan.edges, scan, r).items(),
                                               key=lambda kv: (str(kv[0][0]), str(kv[0][1]), kv[0][2])):
        G.add_edge(s, o, key=key, titles=titles, lines=lines)
    return G


# ---------------------------------------------------------------- what to show

def _centers(g: Graph, kinds: dict[Node, str], wanted: str, r: _Reader) -> list[Node]:
    """The nodes one of whose names (see :func:`_names`) is exactly ``wanted``."""
    found: set[Node] = set()
    for pairs in _pairs(g, (_T.skos_prefLabel, _T.skos_altLabel, _T.dcterms_title, _T.dcterms_identifier)).values():
        found.update(s for s, o in pairs if s in kinds and str(o) == wanted)
    found.update(n for n in kinds if local_part(n) == wanted)     # unlabelled nodes go by their IRI's end
    return [n for n in found if wanted in _names(g, n, kinds[n], r)]


def _focus(kinds: dict[Node, str], edges: list[_Edge], centers: list[Node], depth: int) -> set[Node]:
    """Nodes within ``depth`` steps of the centers.

    Hubs (articles, years) end a path instead of carrying it on, unless the
    focus is the hub itself: otherwise two steps from any person would reach
    everything said in the same articles. Hubs next to the kept nodes are shown.
    """
    hub_kinds = {c["name"] for c in _style()["classes"] if c.get("hub")}
    hubs = {n for n, k in kinds.items() if k in hub_kinds} - set(centers)
    adj: dict[Node, set[Node]] = {}
    for s, o, _ in edges:
        if s not in hubs and o not in hubs:
            adj.setdefault(s, set()).add(o)
            adj.setdefault(o, set()).add(s)
    keep = set(centers)
    frontier = deque((c, 0) for c in centers)
    while frontier:
        n, d = frontier.popleft()
        if d == depth:
            continue
        for m in adj.get(n, ()):
            if m not in keep:
                keep.add(m)
                frontier.append((m, d + 1))
    if depth > 0:
        near = {s for s, o, _ in edges if s in hubs and o in keep} | {o for s, o, _ in edges if o in hubs and s in keep}
        keep |= near
    return keep


def _most_connected(nodes: Collection[Node], degree: Counter[Node], limit: int,
                    key: Callable[[Node], tuple[int, str, str]]) -> set[Node]:
    """The ``limit`` nodes of highest degree; ties go by class, label and IRI (computed for the tie only)."""
    if len(nodes) <= limit:
        return set(nodes)
    ranked = sorted((degree[n] for n in nodes), reverse=True)
    cut = ranked[limit - 1]
    sure = {n for n in nodes if degree[n] > cut}
    tied = sorted((n for n in nodes if degree[n] == cut), key=key)
    return sure | set(tied[: limit - len(sure)])


def _layout(order: list[Node], edges: list[_Edge], static: bool) -> dict[Node, tuple[int, int]]:
    """Positions in pixels, computed here: big graphs need no physics, small ones start settled.

    A graph the browser settles with physics gets a spring layout of every
    node; a static one (dense Fruchterman-Reingold costs n² per step, and
    networkx needs scipy above 500 nodes) one of its ``spring_max_nodes``
    best-connected nodes, and every other node is set on a small spiral around
    its best-connected placed neighbour; nodes that reach none go in rows
    underneath.
    """
    conf = _style()["layout"]
    index = {n: i for i, n in enumerate(order)}
    adj: list[set[int]] = [set() for _ in order]
    for u, v, _ in edges:
        i, j = index[u], index[v]
        if i != j:
            adj[i].add(j)
            adj[j].add(i)
    degree = [len(a) for a in adj]
    rank = sorted(range(len(order)), key=lambda i: (-degree[i], i))
    core = sorted(rank[: conf["spring_max_nodes"]] if static else rank)
    in_core = set(core)
    H = nx.Graph()
    H.add_nodes_from(core)
    H.add_edges_from((i, j) for i in core for j in sorted(adj[i]) if i < j and j in in_core)
    spacing = conf["spacing"]
    scale = spacing * math.sqrt(len(H))
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.spring_layout(H, seed=conf["seed"], scale=scale).items()} if len(H) > 1 else {n: (0.0, 0.0) for n in H}
    rest = [i for i in range(len(order)) if i not in pos]
    while rest:
        kids: dict[int, list[int]] = {}
        for n in rest:
            placed = [m for m in adj[n] if m in pos]
            if placed:
                kids.setdefault(min(placed, key=lambda m: (-degree[m], m)), []).append(n)
        if not kids:
            break
        for parent, children in kids.items():
            px, py = pos[parent]
            for i, n in enumerate(children):   # golden-angle spiral
                r = spacing * (0.8 + 0.35 * math.sqrt(i))
                pos[n] = (px + r * math.cos(i * 2.39996), py + r * math.sin(i * 2.39996))
        rest = [n for n in rest if n not in pos]
    if rest:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        cols = max(1, int(math.sqrt(len(rest))) * 2)
        for i, n in enumerate(rest):
            pos[n] = (min(xs) + (i % cols) * spacing, max(ys) + spacing * (2 + i // cols))
    return {order[i]: (round(x), round(y)) for i, (x, y) in pos.items()}


# ---------------------------------------------------------------- text safety

_HREF = re.compile(r"(?i)(hr)(ef)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=65536)
def _defang(text: str) -> str:
    """Raw text that the page can carry as data.

    Lone surrogates become U+FFFD (UTF-8 cannot hold them), control characters
    go, and "href" gets a zero-width space (pyvis's own page switches to
    innerHTML popups when a title contains it; kept so that the data is inert
    there too). ``<``, ``>``, ``&`` and ``'`` need no escaping here: the JSON
    block turns them into ``\\u003c``…, and vis-network draws labels on the
    canvas and shows string titles with ``innerText``, so the text shows as typed.
    """
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _HREF.sub("\\1\u200b\\2", _CONTROL.sub("", text))


def _hover(lines: Iterable[str]) -> str:
    """Hover text: plain lines (vis-network shows a string title with innerText; page.css wraps it)."""
    return _defang("\n".join(lines))


# ---------------------------------------------------------------- the page's data

class _Texts:
    """Hover lines stored once each; edges refer to them by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def refs(self, lines: Iterable[str]) -> list[int]:
        out = []
        for line in lines:
            line = _defang(line)
            if line not in self._index:
                self._index[line] = len(self.items)
                self.items.append(line)
            out.append(self._index[line])
        return out


def _data(order: list[Node], kinds: dict[Node, str], nodes: dict[Node, dict[str, Any]],
          edges: list[_Edge], lines: dict[_Edge, tuple[tuple[str, ...], list[str]]]) -> tuple[dict[str, Any], bool]:
    """What page.js draws: vis-network nodes, compact edges, shared texts and options; and whether static.

    Nodes are vis-network node objects. An edge is ``[from, to, kind,
    label or None, [text indexes]]``: colour, width, label and the first
    hover line come from its kind, the evidence lines from ``texts``, where
    a sentence or source shared by many edges is written once.
    """
    st = _style()
    classes = {c["name"]: c for c in st["classes"]}
    ids = {n: i for i, n in enumerate(order)}
    static = len(order) > st["layout"]["physics_max_nodes"]
    where = _layout(order, edges, static)
    degree = _degrees(edges)
    filtered = set(st["year_filter"]["classes"])
    size = st["size"]
    out_nodes = []
    for n in order:
        d, cls = nodes[n], classes[kinds[n]]
        node: dict[str, Any] = {
            "id": ids[n], "label": _defang(d["label"]) or str(ids[n]), "title": _hover(d["lines"]),
            "shape": cls["shape"], "color": cls["color"],
            "size": round(min(size["max"], size["min"] + size["per_sqrt_degree"] * math.sqrt(degree[n])), 1),
            "kgLabels": [_defang(x) for x in d["names"]], "kgKind": kinds[n], "kgIri": _defang(str(n)),
            "x": where[n][0], "y": where[n][1]}
        if kinds[n] in filtered:
            node["kgYears"] = list(d["years"])
        out_nodes.append(node)
    keys = list(st["edges"])
    kind_of = {key: i for i, key in enumerate(keys)}
    texts = _Texts()
    out_edges = []
    for u, v, key in sorted(edges, key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        titles, more = lines[(u, v, key)]
        label = _defang("、".join(titles)) if key == POSITION else None
        out_edges.append([ids[u], ids[v], kind_of[key], label, texts.refs(more)])
    kinds_out = [{"title": _hover([f"{spec['zh']} {spec['en']}"]), "color": spec["color"], "width": spec["width"],
                  "label": _defang(spec["zh"]) if spec["label"] and key != POSITION else ""}
                 for key, spec in st["edges"].items()]
    options = copy.deepcopy(st["vis"])
    options["physics"]["enabled"] = not static
    if static:
        options["edges"]["smooth"] = False
    return {"nodes": out_nodes, "edges": out_edges, "kinds": kinds_out, "texts": texts.items,
            "options": options}, static


def _legend(order: list[Node], kinds: dict[Node, str],
            edges: list[_Edge]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    st = _style()
    counts = Counter(kinds[n] for n in order)
    classes = [{**c, "count": counts[c["name"]]} for c in st["classes"] if c["name"] in counts]
    used = {k for _, _, k in edges}
    return classes, [spec for key, spec in st["edges"].items() if key in used]


@cache
def _vis_bundle() -> tuple[str, str]:
    """vis-network 9.1.2 (script, stylesheet) as shipped inside pyvis, to inline."""
    lib = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if _END_TAG.search(js) or re.search(r"</style", css, re.I):
        raise KGError("the vis-network bundle contains an end tag; it cannot be inlined")
    return js, css


_END_TAG = re.compile(r"</script", re.I)


def preload(*, layout: bool = False) -> None:
    """Read the page's style and the vis-network bundle now (they are kept
    for the process); with ``layout``, import numpy too (networkx's spring
    layout imports it on first use: ~0.3 s)."""
    _style()
    _vis_bundle()
    if layout:
        import numpy  # noqa: F401


def _page(data: dict[str, Any], *, title: str, header: str) -> str:
    """The self-contained page: vis-network inlined, the data as JSON, a nonce-based CSP."""
    st = _style()
    payload = str(htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False, sort_keys=True,
                                      separators=(",", ":")))
    vis_js, vis_css = _vis_bundle()
    page_js, page_css = read_text("viz", "page.js"), read_text("viz", "page.css")
    nonce = base64.b64encode(hashlib.sha256(
        "\x1f".join((payload, header, title, page_js, page_css)).encode("utf-8")).digest()[:18]).decode("ascii")
    csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    page = env.from_string(read_text("viz", "page.html")).render(
        csp=csp, nonce=nonce, title=title, width=st["page"]["width"], height=st["page"]["height"],
        vis_css=Markup(vis_css), page_css=Markup(page_css), header=Markup(header),
        vis_js=Markup(vis_js), data=Markup(payload), page_js=Markup(page_js))
    _check_offline(page)
    return page


class _Loads(HTMLParser):
    """Collects attributes that would make a browser fetch something."""

    ATTRS = {"src", "href", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRS and not (value or "").startswith(("data:", "#")):
                self.found.append(f"<{tag} {name}={value!r}>")


def _check_offline(page: str) -> None:
    parser = _Loads()
    parser.feed(page)
    parser.close()
    if parser.found:
        raise KGError(f"the page would load external resources: {', '.join(parser.found[:3])}")


# ---------------------------------------------------------------- public API

def render_html(g: Graph, *, focus: str | None = None, depth: int = 2, max_nodes: int = 2000,
                title: str = "policy-kg", scan: Scan | None = None, memo: PageMemo | None = None) -> str:
    """One self-contained UTF-8 HTML page drawing ``g``; the same graph gives the same bytes.

    ``focus``: show only the nodes within ``depth`` steps of the node whose
    skos:prefLabel or skos:altLabel (for an article: title or file name) is
    this text; InputError when none is. Above ``max_nodes`` nodes only the
    best-connected ones are shown, with a note saying how many were left out;
    the page (search, filters) holds nothing about the others.

    ``scan``: :func:`scan_pairs` of the whole graph, when the caller has it
    (``kg build``: from the articles' fragments); ``g`` then needs to answer
    only ``predicate_objects`` of the nodes the page reads (and ``focus`` is
    searched among ``g``'s labels). ``memo``: see :class:`PageMemo`.
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise InputError(f"depth must be a whole number ≥ 0, not {depth!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise InputError(f"max_nodes must be a whole number ≥ 1, not {max_nodes!r}")
    with gc_paused():
        return _render(g, focus=focus, depth=depth, max_nodes=max_nodes, title=title, scan=scan, memo=memo)


def _render(g: Graph, *, focus: str | None, depth: int, max_nodes: int, title: str, scan: Scan | None,
            memo: PageMemo | None) -> str:
    """render_html, its arguments checked."""
    text = _style()["text"]
    title = _defang(title)
    if scan is None:
        scan = _scan(g)
    kinds, edges = scan.kinds, scan.edges
    r = _Reader(g, kinds, scan.files, memo)
    order_of = _class_order()
    labels: dict[Node, str] = {}

    def key(n: Node) -> tuple[int, str, str]:
        if n not in labels:
            labels[n] = _label(g, n, kinds[n], r)
        return order_of[kinds[n]], labels[n], str(n)

    notes: list[str] = []
    shown: Collection[Node] = kinds.keys()
    if focus is not None:
        centers = sorted(_centers(g, kinds, focus.strip(), r), key=key)
        if not centers:
            raise InputError(text["no_match"].format(label=focus))
        shown = _focus(kinds, edges, centers, depth)
        edges = [e for e in edges if e[0] in shown and e[1] in shown]
        notes.append(text["focus"].format(label=focus, depth=depth, shown=len(shown), total=len(kinds)))
    if len(shown) > max_nodes:
        total = len(shown)
        shown = _most_connected(shown, _degrees(edges), max_nodes, key)
        edges = [e for e in edges if e[0] in shown and e[1] in shown]
        notes.append(text["truncated"].format(total=total, shown=len(shown), omitted=total - len(shown)))
    order = sorted(shown, key=key)
    nodes = {n: {"years": _years(g, n, kinds[n]), **_describe(g, n, kinds[n], r)} for n in order}
    data, static = _data(order, kinds, nodes, edges, _edge_lines(g, edges, scan, r))
    if static:
        notes.append(text["static"])
    if not order:
        notes.append(text["empty"])
    classes, edge_kinds = _legend(order, kinds, edges)
    env = Environment(autoescape=True, keep_trailing_newline=True)
    years = sorted({y for d in nodes.values() for y in d["years"]})
    header = env.from_string(read_text("viz", "header.html")).render(
        title=title, notes=[_defang(n) for n in notes], classes=classes, edges=edge_kinds, years=years)
    return _page(data, title=title, header=header)


def write_html(g: Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output to ``path`` atomically, as UTF-8."""
    return atomic_write(path, render_html(g, **kwargs), encoding="utf-8")
