"""The HTML page in a real browser: Debian's Chromium driven by Playwright.

Chromium is /usr/bin/chromium from Debian (``make test`` installs it, with
fonts-noto-cjk); Playwright's own browser download is never used. These tests
skip only where Chromium is missing and cannot be installed (a developer's
machine without root); under CI they fail instead.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from kg.cli import cli
from kg.namespaces import KGO
from kg.resources import read_json
from kg.viz import render_html, to_networkx, write_html

from .test_viz import KGR, XSS, Builder, small_graph, vis_data, wide_graph

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_SCHEMES = ("file:", "data:", "about:")
STYLE = read_json("viz", "style.json")
DRAWN = [c["name"] for c in STYLE["classes"]]
SETTLE_MS = 120_000          # a hang guard, not a speed requirement (load times are printed)
HOVER_MS = 15_000            # a hover's tooltip not shown by then is hovered again


def _skip_or_fail(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}: `make test` installs it on CI (Makefile target `browser`)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium with a new, empty profile for this module."""
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright (pip, test extra) is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1280, "height": 860}, locale="zh-CN")
        try:
            yield ctx
        finally:
            ctx.close()


@dataclass
class Opened:
    """A page and everything it did: console messages, requests, dialogs."""

    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def js(self, code: str, arg: Any = None) -> Any:
        return self.page.evaluate(code, arg)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror", "warning")]

    def remote(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


def open_page(context: Any, path: Path) -> Opened:
    """Load ``path`` and wait until vis-network is drawn and its physics is off."""
    page = context.new_page()
    seen = Opened(page)
    page.on("console", lambda m: seen.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: seen.console.append(("pageerror", str(e))))
    page.on("request", lambda r: seen.requests.append(r.url))

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()
    page.on("dialog", dialog)
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    # a function, not a string: the page's CSP forbids eval, which string predicates need
    page.wait_for_function("() => typeof network !== 'undefined' && network !== null"
                           " && network.physics.options.enabled === false", timeout=SETTLE_MS)
    seen.js("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    seen.seconds = time.perf_counter() - start
    return seen


def node_id(seen: Opened, iri: URIRef) -> int:
    found = seen.js("iri => nodes.getIds({filter: n => n.kgIri === iri})", str(iri))
    assert len(found) == 1, (iri, found)
    return found[0]


def visible_by_kind(seen: Opened) -> Counter[str]:
    """Nodes that vis-network itself holds as not hidden, counted by class."""
    return Counter(seen.js("() => nodes.get().filter(n => !network.body.nodes[n.id].options.hidden)"
                           ".map(n => n.kgKind)"))


def tooltip_of(seen: Opened, nid: int) -> str | None:
    """Hover the node with the real mouse; the tooltip text, or None when another node is on top.

    Tried three times: on a loaded machine the view may still be settling when
    the node's position is read."""
    for _ in range(3):
        seen.js("id => network.focus(id, {scale: 2.5, animation: false})", nid)
        x, y = seen.js("""id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                                  const r = network.body.container.getBoundingClientRect();
                                  return [r.left + p.x, r.top + p.y]; }""", nid)
        if seen.js("([x, y]) => { const r = network.body.container.getBoundingClientRect();"
                   " return network.getNodeAt({x: x - r.left, y: y - r.top}); }", [x, y]) == nid:
            break
        seen.page.wait_for_timeout(300)
    else:
        return None
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    # visible, and this node's (a tooltip left from the previous hover starts with another label)
    shown = """id => { const t = document.querySelector('div.vis-tooltip');
        return t && getComputedStyle(t).visibility === 'visible'
               && t.innerText.startsWith(nodes.get(id).title.split('\\n')[0]); }"""
    # vis.js shows a tooltip after its own delay, slower under load; a hover it missed
    # (the moves came while it was still drawing) is made again, then the hang guard
    for wait in (HOVER_MS, HOVER_MS, SETTLE_MS):
        seen.page.mouse.move(x + 40, y + 40)
        seen.page.mouse.move(x, y, steps=4)
        try:
            seen.page.wait_for_function(shown, arg=nid, timeout=wait)
            break
        except PlaywrightTimeoutError:
            if wait == SETTLE_MS:
                raise
    return seen.js("() => document.querySelector('div.vis-tooltip').innerText")


def reset(seen: Opened) -> None:
    """All classes and years shown, nothing searched or selected."""
    for box in seen.page.locator("input.kg-class").all():
        box.check()
    if seen.page.locator("#kg-year").count():
        seen.page.select_option("#kg-year", "")
    seen.page.locator("#kg-search").fill("")
    seen.page.locator("#kg-search").press("Enter")


def drawn_subjects(g: Graph) -> set[URIRef]:
    return {s for cls in DRAWN for s in g.subjects(RDF.type, KGO[cls])}


def year_of(g: Graph, year_node: Any) -> str:
    return str(g.value(year_node, KGO.year))[:4]


# ------------------------------------------------------------------ the seeds' page

@pytest.fixture(scope="module")
def seeds(seeds_build: tuple[Any, Path]) -> tuple[Graph, Path]:
    result, out = seeds_build
    return result.graph, out / "graph.html"


@pytest.fixture(scope="module")
def seeds_page(context: Any, seeds: tuple[Graph, Path]) -> Iterator[Opened]:
    seen = open_page(context, seeds[1])
    print(f"\nseeds page: {seen.js('() => nodes.length')} nodes, drawn and settled in {seen.seconds:.2f} s")
    yield seen
    seen.page.close()


def test_seeds_page_loads_offline_without_console_errors(seeds_page: Opened) -> None:
    assert seeds_page.errors() == []
    assert seeds_page.remote() == []
    assert seeds_page.requests and all(u.startswith("file:") for u in seeds_page.requests)
    assert seeds_page.dialogs == []
    # the canvas really has a drawing on it, and the legend is on screen
    inked = seeds_page.js("""() => { const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 600) n++; }
        return n / (c.width * c.height); }""")
    assert inked > 0.005
    assert seeds_page.page.locator("#kg-legend").is_visible()
    assert seeds_page.js("() => { const b = document.getElementById('loadingBar');"
                         " return b === null || b.style.opacity === '0' || getComputedStyle(b).display === 'none'; }")


def test_node_and_edge_counts_match_the_graph(seeds: tuple[Graph, Path], seeds_page: Opened) -> None:
    g, _ = seeds
    G = to_networkx(g)
    assert len(G) < 2000                              # below max_nodes: everything is shown
    assert seeds_page.js("() => nodes.length") == len(G) == len(drawn_subjects(g))
    assert seeds_page.js("() => Object.keys(network.body.nodes).length") == len(G)
    assert seeds_page.js("() => edges.length") == G.number_of_edges()
    shown = Counter(seeds_page.js("() => nodes.get().map(n => n.kgKind)"))
    assert shown == +Counter({c: len(set(g.subjects(RDF.type, KGO[c]))) for c in DRAWN})
    # page.js expands the compact edges as the tests' reader does (labels, hover texts, colours)
    page = seeds[1].read_text(encoding="utf-8")
    want = [[e["from"], e["to"], e["label"], e["title"], e["color"], e["width"]] for e in vis_data(page, "edges")]
    assert seeds_page.js("() => edges.get().map(e => [e.from, e.to, e.label, e.title, e.color, e.width])") == want
    assert any("证据句" in w[3] for w in want) and any(w[2] for w in want)
    legend = seeds_page.page.locator("#kg-legend .kg-classes li").all_inner_texts()
    assert [t.split()[-1] for t in legend] == [str(shown[c["name"]]) for c in STYLE["classes"] if shown[c["name"]]]


def test_search_finds_and_focuses_jin_zhuanglong(seeds: tuple[Graph, Path], seeds_page: Opened) -> None:
    g, _ = seeds
    person = next(s for s, o in g.subject_objects(SKOS.prefLabel) if str(o) == "金壮龙")
    assert (person, RDF.type, KGO.Person) in g
    reset(seeds_page)
    nid = node_id(seeds_page, person)
    box = seeds_page.page.locator("#kg-search")
    box.fill("")
    box.type("金壮龙")
    seeds_page.js("() => { window.kgTestZoom = new Promise(r => network.once('animationFinished', r)); }")
    box.press("Enter")
    assert seeds_page.js("() => network.getSelectedNodes()") == [nid]      # persons come first
    hits = [n for n, names in to_networkx(g).nodes(data="names") if any("金壮龙" in x for x in names)]
    assert seeds_page.page.locator("#kg-search-status").inner_text() == f"1 / {len(hits)}"
    seeds_page.js("() => window.kgTestZoom")                              # the 400 ms zoom
    view = seeds_page.js("() => network.getViewPosition()")
    at = seeds_page.js("id => network.getPositions([id])[id]", nid)
    assert abs(view["x"] - at["x"]) < 2 and abs(view["y"] - at["y"]) < 2
    assert abs(seeds_page.js("() => network.getScale()") - 1.2) < 0.01


def test_search_cycles_through_every_match(seeds: tuple[Graph, Path], seeds_page: Opened) -> None:
    reset(seeds_page)
    G = to_networkx(seeds[0])
    query = "工业和信息化部"
    expected = {str(n) for n, names in G.nodes(data="names") if any(query in x for x in names)}
    assert len(expected) >= 2
    box = seeds_page.page.locator("#kg-search")
    box.fill(query)
    found = []
    for i in range(3):                                  # Enter again moves on to the next match
        box.press("Enter")
        assert seeds_page.page.locator("#kg-search-status").inner_text() == f"{i + 1} / {len(expected)}"
        found.append(seeds_page.js("() => nodes.get(network.getSelectedNodes()[0]).kgIri"))
    assert len(set(found)) == 3 and set(found) <= expected
    box.fill("这个名称不存在")
    box.press("Enter")
    assert "no match" in seeds_page.page.locator("#kg-search-status").inner_text()
    box.fill("")
    box.press("Enter")
    assert seeds_page.js("() => network.getSelectedNodes()") == []


def test_class_filter_hides_and_shows_a_class(seeds: tuple[Graph, Path], seeds_page: Opened) -> None:
    reset(seeds_page)
    g, _ = seeds
    full = visible_by_kind(seeds_page)
    persons = len(set(g.subjects(RDF.type, KGO.Person)))
    box = seeds_page.page.locator("input.kg-class[value=Person]")
    box.uncheck()
    assert visible_by_kind(seeds_page) == full - Counter({"Person": persons})
    assert "Person" not in visible_by_kind(seeds_page)
    total = sum(full.values())
    assert seeds_page.page.locator("#kg-filter-status").inner_text().startswith(f"显示 {total - persons} / {total}")
    # a hidden node is not found, and the status says why
    G = to_networkx(g)
    only = next(d["label"] for n, d in sorted(G.nodes(data=True), key=lambda nd: str(nd[0]))
                if d["kind"] == "Person" and sum(any(d["label"] in x for x in names)
                                                 for _, names in G.nodes(data="names")) == 1)
    search = seeds_page.page.locator("#kg-search")
    search.fill(only)
    search.press("Enter")
    assert seeds_page.js("() => network.getSelectedNodes()") == []
    assert "1 个被筛选隐藏" in seeds_page.page.locator("#kg-search-status").inner_text()
    box.check()
    assert visible_by_kind(seeds_page) == full
    assert seeds_page.page.locator("#kg-filter-status").inner_text() == ""
    search.press("Enter")
    assert len(seeds_page.js("() => network.getSelectedNodes()")) == 1


def test_year_filter_keeps_the_facts_and_events_of_that_year(seeds: tuple[Graph, Path],
                                                             seeds_page: Opened) -> None:
    reset(seeds_page)
    g, _ = seeds
    full = visible_by_kind(seeds_page)
    of_year: Counter[tuple[str, str]] = Counter()
    for kind, prop in (("Statistic", KGO.refYear), ("Target", KGO.targetYear), ("Event", KGO.heldIn)):
        for s in set(g.subjects(RDF.type, KGO[kind])):
            for y in {year_of(g, o) for o in g.objects(s, prop)}:
                of_year[(kind, y)] += 1
    years = sorted({year_of(g, y) for y in g.subjects(RDF.type, KGO.Year)})
    options = seeds_page.page.locator("#kg-year option").all_inner_texts()
    assert options[1:] == years
    facts = {y: of_year[("Statistic", y)] + of_year[("Target", y)] for y in years}
    busiest = max(years, key=lambda y: (facts[y], y))
    quietest = min((y for y in years if facts[y]), key=lambda y: (facts[y], y))
    for year in sorted({busiest, quietest}):
        seeds_page.page.select_option("#kg-year", year)
        want = Counter({k: n for k, n in full.items() if k not in ("Statistic", "Target", "Event", "Year")})
        want.update({k: of_year[(k, year)] for k in ("Statistic", "Target", "Event")})
        want["Year"] = 1
        assert visible_by_kind(seeds_page) == +want
        titles = seeds_page.js("() => nodes.get().filter(n => !network.body.nodes[n.id].options.hidden"
                               " && ['Statistic', 'Target'].includes(n.kgKind)).map(n => n.title)")
        assert titles and all(f"{year}年" in t for t in titles)
    # class and year filters combine
    seeds_page.page.locator("input.kg-class[value=Statistic]").uncheck()
    assert "Statistic" not in visible_by_kind(seeds_page)
    seeds_page.page.locator("input.kg-class[value=Statistic]").check()
    seeds_page.page.select_option("#kg-year", "")
    assert visible_by_kind(seeds_page) == full


def test_statistic_hover_shows_value_year_evidence_and_article(seeds: tuple[Graph, Path],
                                                               seeds_page: Opened) -> None:
    reset(seeds_page)
    g, _ = seeds
    checked = 0
    for stat in sorted(set(g.subjects(RDF.type, KGO.Statistic)), key=str):
        if g.value(stat, KGO.refYear) is None:
            continue
        text = tooltip_of(seeds_page, node_id(seeds_page, stat))
        if text is None:
            continue                                   # another node lies on top of this one
        art = g.value(stat, PROV.wasDerivedFrom)
        value = format(Decimal(str(g.value(stat, KGO.value))).normalize(), "f")
        assert value in text
        assert f"{year_of(g, g.value(stat, KGO.refYear))}年" in text
        assert str(g.value(stat, KGO.evidence)) in text
        assert str(g.value(art, DCTERMS.title)) in text
        assert str(g.value(art, DCTERMS.issued)) in text
        checked += 1
        if checked == 3:
            break
    assert checked == 3


def test_screenshot_of_the_seeds_page(seeds_page: Opened, tmp_path: Path) -> None:
    """The README's picture: zoomed so labels show, a statistic hovered.

    ``KG_SCREENSHOT=docs/img/seeds-graph.png pytest tests/test_browser.py -k screenshot``
    writes it there; otherwise it goes to a temporary folder.
    """
    reset(seeds_page)
    seeds_page.page.locator("#kg-search").blur()
    seeds_page.js("() => network.moveTo({scale: 0.42})")
    x, y = seeds_page.js("""() => { const r = network.body.container.getBoundingClientRect();
        let best = null, bd = Infinity;
        for (const n of nodes.get({filter: n => n.kgKind === 'Statistic'})) {
          const p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
          const d = Math.hypot(p.x - r.width / 2 - 120, p.y - r.height / 2 + 80);
          if (d < bd && network.getNodeAt(p) === n.id) { bd = d; best = p; } }
        return [r.left + best.x, r.top + best.y]; }""")
    seeds_page.page.mouse.move(x + 30, y + 30)
    seeds_page.page.mouse.move(x, y, steps=5)
    tip = seeds_page.page.locator("div.vis-tooltip")
    # the statistic's own tooltip, not one left visible from an earlier test's hover
    seeds_page.page.wait_for_function("""() => { const t = document.querySelector('div.vis-tooltip');
        return t && getComputedStyle(t).visibility === 'visible' && t.innerText.includes('统计数据'); }""",
        timeout=SETTLE_MS)
    assert "证据句" in tip.inner_text() and "统计数据" in tip.inner_text()
    seeds_page.page.wait_for_timeout(300)
    out = Path(os.environ.get("KG_SCREENSHOT") or tmp_path / "seeds-graph.png")
    seeds_page.page.screenshot(path=str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size < 500_000
    seeds_page.page.mouse.move(1, 1)
    seeds_page.js("() => network.fit()")


def test_focus_view_has_fewer_nodes(context: Any, seeds: tuple[Graph, Path], seeds_build: tuple[Any, Path],
                                    tmp_path: Path) -> None:
    g, _ = seeds
    out = tmp_path / "focus.html"
    run = CliRunner().invoke(cli, ["viz", str(seeds_build[1] / "graph.ttl"), "-o", str(out),
                                   "--focus", "金壮龙", "--depth", "2"])
    assert run.exit_code == 0, run.output
    seen = open_page(context, out)
    try:
        assert seen.errors() == [] and seen.remote() == []
        shown = seen.js("() => nodes.length")
        assert 1 < shown < len(to_networkx(g))
        assert shown == len(vis_data(out.read_text(encoding="utf-8"), "nodes"))
        assert "金壮龙" in seen.js("() => nodes.get().map(n => n.label)")
        assert "金壮龙" in seen.page.locator(".kg-note").first.inner_text()
    finally:
        seen.page.close()


# ------------------------------------------------------------------ text from articles is data

def xss_graph() -> Graph:
    """A person, an alias, an indicator, a unit and an evidence sentence made of the probes."""
    g = small_graph(person=XSS[1], extra_alias=XSS[0] + " href=//evil.example")
    b = Builder()
    b.g = g
    art = URIRef(str(KGR) + "article/x01_new_energy_vehicles")
    b.figure(False, XSS[0], "1", "<b>个</b>", 2023, art, f"证据 {XSS[0]} {XSS[1]} {XSS[2]} href=x")
    return g


def test_injected_text_stays_inert_and_shows_literally(context: Any, tmp_path: Path) -> None:
    g = xss_graph()
    path = write_html(g, tmp_path / "xss.html", title=XSS[1])
    seen = open_page(context, path)
    try:
        assert seen.dialogs == []
        assert seen.errors() == []                     # nothing was even tried and blocked by the CSP
        assert seen.remote() == []
        assert seen.js("() => document.querySelectorAll('img, a, iframe, object, embed').length") == 0
        handlers = seen.js("() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                           ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))")
        assert handlers == []
        assert seen.js("() => [...document.scripts].every(s => s.nonce && !s.src)")
        assert seen.js("() => document.title") == XSS[1]
        assert seen.page.locator("h1").inner_text() == XSS[1]
        assert seen.js("() => nodes.length") == len(drawn_subjects(g))
        # the labels are the text as written, found by search, shown literally on hover
        box = seen.page.locator("#kg-search")
        box.fill("<img")
        box.press("Enter")
        (nid,) = seen.js("() => network.getSelectedNodes()")
        assert seen.js("id => nodes.get(id).label", nid) == XSS[1]
        text = tooltip_of(seen, nid)
        assert text is not None and XSS[1] in text
        stat = next(s for s in g.subjects(RDF.type, KGO.Statistic) if XSS[0] in str(g.value(s, KGO.evidence)))
        text = tooltip_of(seen, node_id(seen, stat))
        assert text is not None
        assert XSS[0] in text and XSS[1] in text and "<b>个</b>" in text
        assert XSS[2].replace("href", "hr\u200bef") in text     # pyvis must not see "href" (PITFALLS)
        assert seen.dialogs == [] and seen.errors() == []
    finally:
        seen.page.close()


# ------------------------------------------------------------------ a large graph

@pytest.fixture(scope="module")
def big() -> Graph:
    return wide_graph(1000)


@pytest.fixture(scope="module")
def big_page(big: Graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The large graph's default page (max_nodes 2000), and how long writing it took."""
    start = time.perf_counter()
    path = write_html(big, tmp_path_factory.mktemp("big") / "big.html")
    return path, time.perf_counter() - start


def test_large_graph_shows_the_most_connected_part_without_physics(context: Any, big: Graph,
                                                                   big_page: tuple[Path, float]) -> None:
    G = to_networkx(big)
    assert len(G) > 2500
    path, rendered = big_page
    seen = open_page(context, path)
    try:
        print(f"\nlarge graph: {len(G)} nodes, page written in {rendered:.2f} s, "
              f"{seen.js('() => nodes.length')} drawn in {seen.seconds:.2f} s")
        assert seen.errors() == [] and seen.remote() == []
        assert seen.js("() => nodes.length") == 2000
        assert seen.js("() => network.physics.options.enabled") is False
        assert seen.js("() => document.getElementById('loadingBar') === null")
        notes = seen.page.locator(".kg-note").all_inner_texts()
        assert any(str(len(G)) in n and "2000" in n and str(len(G) - 2000) in n for n in notes)
        # the page stays usable: search and a filter answer at once
        box = seen.page.locator("#kg-search")
        box.fill("第1期")
        box.press("Enter")
        assert len(seen.js("() => network.getSelectedNodes()")) == 1
        seen.page.locator("input.kg-class[value=Article]").uncheck()
        assert "Article" not in visible_by_kind(seen)
    finally:
        seen.page.close()


def test_focus_reaches_what_the_large_page_leaves_out(big: Graph, big_page: tuple[Path, float]) -> None:
    G = to_networkx(big)
    shown = {n["kgIri"] for n in vis_data(big_page[0].read_text(encoding="utf-8"), "nodes")}
    left_out = sorted((n for n in G if str(n) not in shown and G.nodes[n]["names"]), key=str)
    assert left_out
    label = G.nodes[left_out[0]]["label"]
    focused = {n["kgIri"] for n in vis_data(render_html(big, focus=label, depth=1), "nodes")}
    assert str(left_out[0]) in focused
