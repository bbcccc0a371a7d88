"""The interactive HTML page: RDF graph → networkx → pyvis, offline and injection-safe.

pyvis 0.3.2 renders its template without autoescape, loads Bootstrap (and in
some modes vis-network) from CDNs, and turns hover titles that contain "href"
into ``innerHTML`` popups (design/PITFALLS.md). So text from the graph goes to
pyvis only as node and edge data (which its template writes with ``tojson``,
escaping ``<>&'``) with "href" broken up; the header is our own autoescaped
template; the page comes from ``generate_html()`` in ``in_line`` mode, and the
result is rewritten: external
tags and comments dropped, a nonce-based Content-Security-Policy added, and the
nonce put on the top-level ``<script>`` tags only (never inside the inlined
vis-network bundle, which contains the string ``<script`` itself).
"""
from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS
from rdflib.term import Node

from .errors import InputError, KGError
from .fileio import atomic_write
from .namespaces import KGO
from .resources import read_json, read_text

__all__ = ["render_html", "write_html", "to_networkx"]


_PREFIXES = {"kgo": KGO, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "skos": SKOS}
POSITION = "position"          # edge key of the person → organization edge drawn for a kgo:Position


@cache
def _style() -> dict[str, Any]:
    return read_json("viz", "style.json")


def _expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(str(_PREFIXES[prefix]) + local)


# ---------------------------------------------------------------- RDF → networkx

def _texts(g: Graph, s: Node, p: URIRef) -> list[str]:
    """Literal values of ``s p ?``, Chinese-tagged ones first, each group sorted."""
    lits = [o for o in g.objects(s, p) if isinstance(o, Literal)]
    zh = sorted(str(o) for o in lits if (o.language or "").lower().startswith("zh"))
    rest = sorted(str(o) for o in lits if not (o.language or "").lower().startswith("zh"))
    return zh + rest


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    """One object of ``s p ?``, the same one on every run when there are several."""
    objs = sorted(g.objects(s, p), key=str)
    return objs[0] if objs else None


def _local(term: Node) -> str:
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


def _node_kinds(g: Graph) -> dict[Node, str]:
    kinds: dict[Node, str] = {}
    for cls in _style()["classes"]:
        for s in g.subjects(RDF.type, KGO[cls["name"]]):
            if isinstance(s, (URIRef, BNode)):
                kinds.setdefault(s, cls["name"])
    return kinds


def _prov_lines(pairs: Iterable[tuple[str, str]]) -> list[str]:
    text = _style()["text"]
    out: list[str] = []
    for evidence, file in sorted(set(pairs)):
        if evidence:
            out.append(f"{text['evidence']}：{evidence}")
        if file:
            out.append(f"{text['source']}：{file}")
    return out


def _provenance(g: Graph, fact: Node, sources: dict[Node, str]) -> tuple[str, str]:
    """(evidence sentence, its article as "title（date，file）") of a fact node."""
    evidence = next(iter(_texts(g, fact, KGO.evidence)), "")
    art = _one(g, fact, PROV.wasDerivedFrom)
    return evidence, sources.get(art, _local(art) if art is not None else "")


def _source(g: Graph, art: Node, file: str) -> str:
    """How hover text names an article: its title, then date and file name."""
    title = next(iter(_texts(g, art, DCTERMS.title)), "")
    issued = _one(g, art, DCTERMS.issued)
    extra = [x for x in (str(issued) if issued is not None else "", file if title else "") if x]
    return (title or file) + (f"（{'，'.join(extra)}）" if extra else "")


def _years(g: Graph, s: Node, kind: str) -> tuple[str, ...]:
    """The years a node is about, for the page's year filter: a Year's own, a fact's or event's year."""
    if kind == "Year":
        found = [s]
    else:
        found = [y for key in _style()["year_filter"]["properties"] for y in g.objects(s, _expand(key))]
    years = set()
    for y in found:
        lit = _one(g, y, KGO.year)
        m = re.search(r"\d{4}", str(lit) if lit is not None else _local(y))
        if m:
            years.add(m.group(0))
    return tuple(sorted(years))


def _describe(g: Graph, s: Node, kind: str, files: dict[Node, str], sources: dict[Node, str],
              labels: Callable[[Node | None], str]) -> dict[str, Any]:
    """Label, names to search and focus on, and hover lines of one node (raw text)."""
    st = _style()
    text, cls = st["text"], {c["name"]: c for c in st["classes"]}[kind]
    type_line = f"{text['type']}：{cls['zh']} {cls['en']}"
    if kind in st["facts"]:
        indicator = labels(_one(g, s, KGO.indicator))
        value = _number(_one(g, s, KGO.value))
        unit = str(_one(g, s, KGO.unit) or "")
        comp = st["comparators"].get(_local(_one(g, s, KGO.comparator) or ""), {})
        label = f"{indicator} {comp.get('symbol', '')}{value}{unit}".strip()
        lines = [label, type_line, f"{text['indicator']}：{indicator}"]
        surface = str(_one(g, s, KGO.surface) or "")
        lines.append(f"{text['value']}：{value}" + (f"（{text['surface']} {surface}）" if surface else ""))
        if unit:
            lines.append(f"{text['unit']}：{unit}")
        for key in ("refYear", "targetYear", "setBy", "partOf"):
            found = sorted(labels(o) for o in g.objects(s, KGO[key]))
            if found:
                lines.append(f"{text[key]}：{'、'.join(found)}")
        for key in ("asOf", "period"):
            if (val := _one(g, s, KGO[key])) is not None:
                lines.append(f"{text[key]}：{val}")
        if comp:
            lines.append(f"{text['comparator']}：{comp['zh']}")
        lines += _prov_lines([_provenance(g, s, sources)])
        return {"label": label, "names": (), "lines": lines}
    if kind == "Article":
        title = next(iter(_texts(g, s, DCTERMS.title)), "")
        file = files[s]
        short = st["layout"]["article_label"]
        label = (title[:short] + "…" if len(title) > short else title) or file
        lines = [title or file, type_line, f"{text['file']}：{file}"]
        if (issued := _one(g, s, DCTERMS.issued)) is not None:
            lines.append(f"{text['issued']}：{issued}")
        publishers = sorted(labels(o) for o in g.objects(s, DCTERMS.publisher))
        if publishers:
            lines.append(f"{text['publisher']}：{'、'.join(publishers)}")
        return {"label": label, "names": tuple(n for n in (title, file) if n), "lines": lines}
    prefs = _texts(g, s, SKOS.prefLabel)
    label = prefs[0] if prefs else _local(s)
    alts = sorted(set(_texts(g, s, SKOS.altLabel)) - {label})
    lines = [label, type_line]
    if alts:
        lines.append(f"{text['alt']}：{'、'.join(alts)}")
    arts = sorted(files.get(a, _local(a)) for a in g.objects(s, KGO.mentionedIn))
    if arts:
        cap = st["layout"]["max_files"]
        more = text["more"].format(n=len(arts)) if len(arts) > cap else ""
        lines.append(f"{text['articles']}：{'、'.join(arts[:cap])}{more}")
    return {"label": label, "names": tuple(dict.fromkeys([label, *prefs, *alts])), "lines": lines}


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """The drawable part of ``g``: named things, indicators, years, articles and figures.

    Nodes are the RDF terms, with ``kind``, ``label``, ``names`` (labels to
    search and focus on), ``lines`` (hover text, raw) and ``years`` (a Year's
    own, a fact's or event's years, for the year filter); edges are keyed by the
    CURIE of their property, or ``"position"`` for a kgo:Position drawn as a
    person → organization edge. kgo:Assertion and kgo:Position nodes are not drawn.
    """
    st = _style()
    kinds = _node_kinds(g)
    files = {a: next(iter(_texts(g, a, DCTERMS.identifier)), "") or _local(a)
             for a, k in kinds.items() if k == "Article"}
    sources = {a: _source(g, a, file) for a, file in files.items()}

    def labels(term: Node | None) -> str:
        if term is None:
            return ""
        found = _texts(g, term, SKOS.prefLabel) or _texts(g, term, DCTERMS.title)
        return found[0] if found else files.get(term, _local(term))

    G = nx.MultiDiGraph()
    for node in sorted(kinds, key=str):
        G.add_node(node, kind=kinds[node], years=_years(g, node, kinds[node]),
                   **_describe(g, node, kinds[node], files, sources, labels))

    asserted: dict[tuple[Node, Node, Node], list[tuple[str, str]]] = {}
    for a in g.subjects(RDF.type, KGO.Assertion):
        spo = (_one(g, a, RDF.subject), _one(g, a, RDF.predicate), _one(g, a, RDF.object))
        asserted.setdefault(spo, []).append(_provenance(g, a, sources))  # type: ignore[arg-type]
    for key in st["edges"]:
        if key == POSITION:
            continue
        prop = _expand(key)
        for s, o in sorted(g.subject_objects(prop), key=lambda so: (str(so[0]), str(so[1]))):
            if s in kinds and o in kinds:
                G.add_edge(s, o, key=key, titles=(), lines=_prov_lines(asserted.get((s, prop, o), [])))

    positions: dict[tuple[Node, Node], tuple[set[str], set[tuple[str, str]]]] = {}
    for pos in g.subjects(RDF.type, KGO.Position):
        person, org = _one(g, pos, ORG.member), _one(g, pos, ORG.organization)
        if person in kinds and org in kinds:
            titles, prov = positions.setdefault((person, org), (set(), set()))
            titles.update(_texts(g, pos, KGO.title)[:1])
            prov.add(_provenance(g, pos, sources))
    for (person, org), (titles, prov) in sorted(positions.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        head = f"{st['text']['titles']}：{'、'.join(sorted(titles))}"
        G.add_edge(person, org, key=POSITION, titles=tuple(sorted(titles)), lines=[head, *_prov_lines(prov)])
    return G


# ---------------------------------------------------------------- what to show

def _sort_key(G: nx.MultiDiGraph) -> Callable[[Node], tuple[int, str, str]]:
    order = {c["name"]: i for i, c in enumerate(_style()["classes"])}
    return lambda n: (order[G.nodes[n]["kind"]], G.nodes[n]["label"], str(n))


def _focus(G: nx.MultiDiGraph, label: str, depth: int) -> nx.MultiDiGraph:
    """Ego graph (radius ``depth``) around every node named ``label``.

    Hubs (articles, years) end a path instead of carrying it on, unless the
    focus is the hub itself: otherwise two steps from any person would reach
    everything said in the same articles. Hubs next to the kept nodes are shown.
    """
    wanted = label.strip()
    centers = sorted((n for n, names in G.nodes(data="names") if wanted in names), key=_sort_key(G))
    if not centers:
        raise InputError(_style()["text"]["no_match"].format(label=label))
    hub_kinds = {c["name"] for c in _style()["classes"] if c.get("hub")}
    hubs = {n for n, k in G.nodes(data="kind") if k in hub_kinds} - set(centers)
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u not in hubs and v not in hubs)
    keep: set[Node] = set()
    for c in centers:
        keep.update(nx.ego_graph(U, c, radius=depth))
    if depth > 0:
        keep.update(h for h in hubs if any(n in keep for n in nx.all_neighbors(G, h)))
    return G.subgraph(keep).copy()


def _most_connected(G: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    key = _sort_key(G)
    ranked = sorted(G, key=lambda n: (-G.degree(n), key(n)))
    return G.subgraph(ranked[:limit]).copy()


def _layout(G: nx.MultiDiGraph, order: list[Node]) -> dict[Node, tuple[int, int]]:
    """Positions in pixels, computed here: big graphs need no physics, small ones start settled.

    networkx lays out 500 nodes or more only with scipy (not a dependency), so
    a bigger graph gets a spring layout of its best-connected nodes, and every
    other node is set on a small spiral around its best-connected placed
    neighbour; nodes that reach none go in rows underneath.
    """
    conf = _style()["layout"]
    index = {n: i for i, n in enumerate(order)}
    U = nx.Graph()
    U.add_nodes_from(order)
    U.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v), key=lambda e: (index[e[0]], index[e[1]])))
    rank = sorted(order, key=lambda n: (-U.degree(n), index[n]))
    core = set(rank[: conf["spring_max_nodes"]])
    H = U.subgraph([n for n in order if n in core])
    spacing = conf["spacing"]
    scale = spacing * math.sqrt(len(H))
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.spring_layout(H, seed=conf["seed"], scale=scale).items()} if len(H) > 1 else {n: (0.0, 0.0) for n in H}
    rest = [n for n in order if n not in pos]
    while rest:
        kids: dict[Node, list[Node]] = {}
        for n in rest:
            placed = [m for m in U[n] if m in pos]
            if placed:
                kids.setdefault(min(placed, key=lambda m: (-U.degree(m), index[m])), []).append(n)
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
    return {n: (round(x), round(y)) for n, (x, y) in pos.items()}


# ---------------------------------------------------------------- text safety

_HREF = re.compile(r"(?i)(hr)(ef)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _defang(text: str) -> str:
    """Raw text that pyvis can carry as data.

    Lone surrogates become U+FFFD (UTF-8 cannot hold them), control characters
    go, and "href" gets a zero-width space: pyvis switches to innerHTML popups
    when a node title contains it. ``<``, ``>``, ``&`` and ``'`` need no
    escaping here: pyvis writes nodes and edges with Jinja's ``tojson``, which
    turns them into ``\\u003c``…, and vis-network draws labels on the canvas
    and shows string titles with ``innerText``, so the text shows as typed.
    """
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _HREF.sub("\\1\u200b\\2", _CONTROL.sub("", text))


def _safe(text: str) -> str:
    return html.escape(_defang(text), quote=True)


def _hover(lines: Iterable[str]) -> str:
    """Hover text: plain lines (vis-network shows a string title with innerText; page.css wraps it)."""
    return _defang("\n".join(lines))


# ---------------------------------------------------------------- pyvis page

def _network(G: nx.MultiDiGraph, order: list[Node]) -> tuple[Network, bool]:
    st = _style()
    classes = {c["name"]: c for c in st["classes"]}
    ids = {n: i for i, n in enumerate(order)}
    static = len(G) > st["layout"]["physics_max_nodes"]
    where = _layout(G, order)
    filtered = set(st["year_filter"]["classes"])
    size = st["size"]
    net = Network(height=st["page"]["height"], width=st["page"]["width"], directed=True,
                  cdn_resources="in_line", heading="")
    for n in order:
        d, cls = G.nodes[n], classes[G.nodes[n]["kind"]]
        extra: dict[str, Any] = {"x": where[n][0], "y": where[n][1]}
        years = {"kgYears": list(d["years"])} if d["kind"] in filtered else {}
        net.add_node(ids[n], label=_defang(d["label"]) or str(ids[n]), title=_hover(d["lines"]),
                     shape=cls["shape"], color=cls["color"],
                     size=round(min(size["max"], size["min"] + size["per_sqrt_degree"] * math.sqrt(G.degree(n))), 1),
                     kgLabels=[_defang(x) for x in d["names"]], kgKind=d["kind"], kgIri=_defang(str(n)),
                     **years, **extra)
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        spec = st["edges"][key]
        text = "、".join(d["titles"]) if key == POSITION else spec["zh"]
        net.add_edge(ids[u], ids[v], label=_defang(text) if spec["label"] else "",
                     title=_hover([f"{spec['zh']} {spec['en']}", *d["lines"]]),
                     color=spec["color"], width=spec["width"])
    options = copy.deepcopy(st["vis"])
    options["physics"]["enabled"] = not static
    if static:
        options["edges"]["smooth"] = False
    net.set_options(json.dumps(options, ensure_ascii=True, sort_keys=True))
    return net, static


def _legend(G: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    st = _style()
    counts: dict[str, int] = {}
    for _, kind in G.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    classes = [{**c, "count": counts[c["name"]]} for c in st["classes"] if c["name"] in counts]
    used = {k for _, _, k in G.edges(keys=True)}
    edges = [spec for key, spec in st["edges"].items() if key in used]
    return classes, edges


# A browser ends <script>/<style> at the first matching end tag: scanning the
# same way keeps every edit out of the inlined bundles.
_RAW = re.compile(r"<!--.*?-->|<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)


def _harden(page: str, *, title: str, header: str) -> str:
    """Offline, CSP-guarded version of a pyvis page, with our header and script."""
    nonce = base64.b64encode(hashlib.sha256(
        (page + header + title).encode("utf-8")).digest()[:18]).decode("ascii")
    parts: list[tuple[bool, str]] = []           # (is markup, text)
    at = 0
    for m in _RAW.finditer(page):
        parts.append((True, page[at:m.start()]))
        at = m.end()
        if m.group(1) is None or re.search(r"\bsrc\s*=", m.group(2) or "", re.I):
            continue                              # comment, or a script loaded from elsewhere
        if m.group(1).lower() == "script":
            parts.append((False, f'<script nonce="{nonce}"{m.group(2)}>{m.group(3)}</script>'))
        else:
            parts.append((False, m.group(0)))
    parts.append((True, page[at:]))

    def edit(pattern: str | re.Pattern[str], repl: str, expect: int | None = 1) -> None:
        total = 0
        for i, (markup, text) in enumerate(parts):
            if markup:
                text, n = re.subn(pattern, lambda _m: repl, text)
                parts[i] = (True, text)
                total += n
        if expect is not None and total != expect:
            raise KGError(f"unexpected pyvis page layout: {pattern!s} found {total} times")

    csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:")
    head = (f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_safe(title)}</title>")
    edit(_LINK, "", expect=None)
    edit(_EMPTY_HEADING, "", expect=None)
    edit(re.compile(r"\A\s*<html>", re.I), '<!DOCTYPE html>\n<html lang="zh">')
    edit(re.compile(r'<meta charset="utf-8">', re.I), head)
    edit(re.compile(r"</head>", re.I), f"<style>\n{read_text('viz', 'page.css')}</style>\n</head>")
    edit(re.compile(r"<body>", re.I), f"<body>\n{header}")
    edit(re.compile(r"</body>", re.I), f'<script nonce="{nonce}">\n{read_text("viz", "page.js")}</script>\n</body>')
    out = "".join(text for _, text in parts)
    _check_offline(out)
    return out


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


_DATASET = re.compile(r"new vis\.DataSet\((.*?)\);\n", re.S)


def _check_data_escaped(page: str) -> None:
    """The nodes and edges must reach the page JSON-encoded with ``<``, ``>`` escaped (Jinja's tojson)."""
    found = _DATASET.findall(page)
    if len(found) != 2 or any(re.search(r"[<>]", data) for data in found):
        raise KGError("unexpected pyvis page layout: node data not written as escaped JSON")


def _check_offline(page: str) -> None:
    parser = _Loads()
    parser.feed(page)
    parser.close()
    if parser.found:
        raise KGError(f"the page would load external resources: {', '.join(parser.found[:3])}")


# ---------------------------------------------------------------- public API

def render_html(g: Graph, *, focus: str | None = None, depth: int = 2, max_nodes: int = 2000,
                title: str = "policy-kg") -> str:
    """One self-contained UTF-8 HTML page drawing ``g``; the same graph gives the same bytes.

    ``focus``: show only the nodes within ``depth`` steps of the node whose
    skos:prefLabel or skos:altLabel (for an article: title or file name) is
    this text; InputError when none is. Above ``max_nodes`` nodes only the
    best-connected ones are shown, with a note saying how many were left out.
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise InputError(f"depth must be a whole number ≥ 0, not {depth!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise InputError(f"max_nodes must be a whole number ≥ 1, not {max_nodes!r}")
    text = _style()["text"]
    title = _defang(title)
    G = to_networkx(g)
    notes: list[str] = []
    if focus is not None:
        total = len(G)
        G = _focus(G, focus, depth)
        notes.append(text["focus"].format(label=focus, depth=depth, shown=len(G), total=total))
    if len(G) > max_nodes:
        total = len(G)
        G = _most_connected(G, max_nodes)
        notes.append(text["truncated"].format(total=total, shown=len(G), omitted=total - len(G)))
    order = sorted(G, key=_sort_key(G))
    net, static = _network(G, order)
    if static:
        notes.append(text["static"])
    if not len(G):
        notes.append(text["empty"])
    classes, edges = _legend(G)
    env = Environment(autoescape=True, keep_trailing_newline=True)
    years = sorted({y for _, ys in G.nodes(data="years") for y in ys})
    header = env.from_string(read_text("viz", "header.html")).render(
        title=title, notes=[_defang(n) for n in notes], classes=classes, edges=edges, years=years)
    page = net.generate_html()
    _check_data_escaped(page)
    return _harden(page, title=title, header=header)


def write_html(g: Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output to ``path`` atomically, as UTF-8."""
    return atomic_write(path, render_html(g, **kwargs), encoding="utf-8")
