"""The HTML page (kg/viz.py): offline, injection-safe, deterministic, focused, bounded."""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from kg.errors import InputError
from kg.store import lean_graph
from kg.viz import render_html, to_networkx, write_html

KGO = Namespace("https://w3id.org/policy-kg/ontology#")
KGR = Namespace("https://w3id.org/policy-kg/resource/")
TESTS = Path(__file__).parent
GOLD_SETS = [(TESTS / "data/gold/seeds", TESTS.parent / "seeds/manifest.csv"),
             (TESTS / "data/dev/gold", TESTS / "data/dev/texts/manifest.csv")]
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>']
DRAWN = ["Person", "Organization", "Initiative", "Event", "Topic", "Indicator",
         "Statistic", "Target", "Year", "Article"]


# ------------------------------------------------------------------ graphs in the shape of docs/ARCHITECTURE.md

class Builder:
    """Writes triples the way kg/graph.py is specified to (IRIs: kind + SHA-1 of the key)."""

    def __init__(self) -> None:
        self.g = Graph()
        self.g.bind("kgo", KGO)
        self.g.bind("kgr", KGR)

    @staticmethod
    def iri(kind: str, *key: object) -> URIRef:
        digest = hashlib.sha1("\x1f".join([kind, *map(str, key)]).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return KGR[f"{kind.lower()}/{digest}"]

    def article(self, file: str, title: str = "", issued: str | None = None, publisher: str = "",
                url: str = "") -> URIRef:
        a = KGR[f"article/{Path(file).stem}"]
        self.g.add((a, ns.RDF.type, KGO.Article))
        self.g.add((a, ns.DCTERMS.identifier, Literal(file)))
        if title:
            self.g.add((a, ns.DCTERMS.title, Literal(title, lang="zh")))
        if issued:
            dt = {4: ns.XSD.gYear, 7: ns.XSD.gYearMonth}.get(len(issued), ns.XSD.date)
            self.g.add((a, ns.DCTERMS.issued, Literal(issued, datatype=dt)))
        if publisher:
            self.g.add((a, ns.DCTERMS.publisher, self.thing("Organization", publisher, art=a)))
        if url:
            self.g.add((a, ns.DCTERMS.source, URIRef(url)))
        return a

    def thing(self, kind: str, label: str, aliases: tuple[str, ...] = (), art: URIRef | None = None) -> URIRef:
        s = self.iri(kind, label)
        self.g.add((s, ns.RDF.type, KGO[kind]))
        self.g.add((s, ns.SKOS.prefLabel, Literal(label, lang="zh")))
        for alias in aliases:
            self.g.add((s, ns.SKOS.altLabel, Literal(alias, lang="zh")))
        if art is not None and kind != "Indicator":
            self.g.add((s, KGO.mentionedIn, art))
        return s

    def year(self, y: int) -> URIRef:
        s = KGR[f"year/{y}"]
        self.g.add((s, ns.RDF.type, KGO.Year))
        self.g.add((s, KGO.year, Literal(str(y), datatype=ns.XSD.gYear)))
        self.g.add((s, ns.SKOS.prefLabel, Literal(f"{y}年", lang="zh")))
        return s

    def _prov(self, fact: URIRef, art: URIRef, evidence: str) -> None:
        self.g.add((fact, ns.PROV.wasDerivedFrom, art))
        self.g.add((fact, KGO.evidence, Literal(evidence, lang="zh")))
        self.g.add((fact, KGO.sentenceIndex, Literal(0, datatype=ns.XSD.nonNegativeInteger)))

    def edge(self, s: URIRef, p: URIRef, o: URIRef, art: URIRef, evidence: str = "") -> None:
        self.g.add((s, p, o))
        a = self.iri("Assertion", s, p, o, art)
        self.g.add((a, ns.RDF.type, KGO.Assertion))
        self.g.add((a, ns.RDF.subject, s))
        self.g.add((a, ns.RDF.predicate, p))
        self.g.add((a, ns.RDF.object, o))
        self._prov(a, art, evidence or "（依据）")

    def position(self, person: URIRef, title: str, org: URIRef, art: URIRef, evidence: str) -> URIRef:
        p = self.iri("Position", person, title, org, art)
        self.g.add((p, ns.RDF.type, KGO.Position))
        self.g.add((p, ns.ORG.member, person))
        self.g.add((p, ns.ORG.organization, org))
        self.g.add((p, KGO.title, Literal(title, lang="zh")))
        self._prov(p, art, evidence)
        return p

    def figure(self, target: bool, indicator: str, value: object, unit: str, year: int | None,
               art: URIRef, evidence: str, comparator: str | None = None) -> URIRef:
        kind = "Target" if target else "Statistic"
        f = self.iri(kind, indicator, value, unit, year, art, evidence)
        self.g.add((f, ns.RDF.type, KGO[kind]))
        self.g.add((f, KGO.indicator, self.thing("Indicator", indicator)))
        self.g.add((f, KGO.value, Literal(Decimal(str(value)), datatype=ns.XSD.decimal)))
        self.g.add((f, KGO.unit, Literal(unit)))
        if year is not None:
            self.g.add((f, KGO.targetYear if target else KGO.refYear, self.year(year)))
        if comparator:
            self.g.add((f, KGO.comparator, KGO[comparator]))
        self._prov(f, art, evidence)
        return f


def gold_graph() -> Graph:
    """All nine gold-annotated articles (seeds + dev) as one graph."""
    b = Builder()
    for folder, manifest in GOLD_SETS:
        with manifest.open(encoding="utf-8") as fh:
            meta = {row["file"]: row for row in csv.DictReader(fh)}
        for path in sorted(folder.glob("*.json")):
            d = json.loads(path.read_text(encoding="utf-8"))
            m = meta.get(d["file"], {})
            art = b.article(d["file"], m.get("title", ""), d["issued"] or m.get("issued") or None,
                            m.get("publisher", ""), m.get("url", ""))
            kinds = {}
            for group, kind in (("persons", "Person"), ("organizations", "Organization"),
                                ("initiatives", "Initiative"), ("events", "Event")):
                for t in d[group]:
                    kinds[t["label"]] = b.thing(kind, t["label"], tuple(t["aliases"]), art)
            for p in d["positions"]:
                b.position(kinds[p["person"]], p["title"], kinds[p["organization"]], art,
                           f"{p['organization']}{p['title']}{p['person']}")
            for r in d["suborganizations"]:
                b.edge(kinds[r["child"]], ns.ORG.subOrganizationOf, kinds[r["parent"]], art)
            for r in d["promotes"]:
                for agent in r["agents"]:
                    b.edge(kinds[agent], KGO.promotes, kinds[r["initiative"]], art)
            for r in d["participates"]:
                for agent in r["agents"]:
                    b.edge(kinds[agent], KGO.participatesIn, kinds[r["event"]], art)
            for target, group in ((False, "statistics"), (True, "targets")):
                for f in d[group]:
                    b.figure(target, f["indicator"], f["value"], f["unit"], f["year"], art,
                             f["evidence"], f.get("comparator"))
    return b.g


def small_graph(person: str = "陶青", extra_alias: str = "") -> Graph:
    """A hand-built article: 2 persons, 3 organizations, 1 initiative, 1 event, 1 indicator,
    1 statistic, 1 target, 2 years, 1 article (13 drawn nodes) plus positions and assertions."""
    b = Builder()
    art = b.article("x01_new_energy_vehicles.txt", "工信部：新能源汽车产销持续增长", "2024-01-11", "人民网")
    miit = b.thing("Organization", "工业和信息化部", ("工信部", *((extra_alias,) if extra_alias else ())), art)
    bureau = b.thing("Organization", "工业和信息化部装备工业一司", (), art)
    p1 = b.thing("Person", person, (), art)
    b.thing("Person", "辛国斌", (), art)
    plan = b.thing("Initiative", "新能源汽车产业发展规划", (), art)
    meeting = b.thing("Event", "新闻发布会", (), art)
    b.position(p1, "司长", bureau, art, f"工业和信息化部装备工业一司司长{person}介绍")
    b.edge(bureau, ns.ORG.subOrganizationOf, miit, art)
    b.edge(miit, KGO.promotes, plan, art, "工业和信息化部将继续实施新能源汽车产业发展规划")
    b.edge(p1, KGO.participatesIn, meeting, art)
    b.edge(meeting, KGO.heldIn, b.year(2024), art)
    b.figure(False, "新能源汽车产量", "9587000", "辆", 2023, art, "2023年新能源汽车产量达958.7万辆")
    b.figure(True, "新能源汽车产量", "11500000", "辆", 2024, art, "力争2024年新能源汽车产量达到1150万辆左右",
             "About")
    return b.g


@pytest.fixture(scope="module")
def gold() -> Graph:
    return gold_graph()


@pytest.fixture(scope="module")
def gold_page(gold: Graph) -> str:
    return render_html(gold, title="政策知识图谱 seeds + dev")


# ------------------------------------------------------------------ reading a page back

DATA = re.compile(r'<script nonce="[^"]+" type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    """The JSON block page.js draws from."""
    m = DATA.search(page)
    assert m, "no kg-data block in the page"
    return json.loads(m.group(1))


def vis_data(page: str, name: str) -> list[dict]:
    """The nodes or edges as page.js hands them to vis-network (edges expanded the same way)."""
    data = page_data(page)
    if name == "nodes":
        return data["nodes"]
    kinds, texts = data["kinds"], data["texts"]
    return [{"id": i, "from": f, "to": t, "color": kinds[k]["color"], "width": kinds[k]["width"],
             "label": kinds[k]["label"] if label is None else label,
             "title": "\n".join([kinds[k]["title"], *(texts[x] for x in refs)])}
            for i, (f, t, k, label, refs) in enumerate(data["edges"])]


def vis_options(page: str) -> dict:
    return page_data(page)["options"]


class Tags(HTMLParser):
    """Top-level tags as a browser sees them (script/style bodies are not markup); scripts that run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/json"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Tags:
    t = Tags()
    t.feed(page)
    t.close()
    return t


def vis_bundle() -> str:
    return (files("pyvis") / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")


# ------------------------------------------------------------------ offline + CSP

def test_page_loads_nothing_from_elsewhere(gold_page: str) -> None:
    tags = parse(gold_page).tags
    loads = [(t, k, v) for t, a in tags for k, v in a.items() if k in ("src", "href", "srcset", "action")]
    assert loads == []
    assert not any(t == "link" for t, _ in tags)
    for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "bootstrap", "node_modules"):
        assert host not in gold_page
    # every remaining URL is inside the inlined vis-network bundle (licence comments, error texts)
    # or a node's IRI, which is data (kgIri)
    data = DATA.search(gold_page).group(1)
    outside = gold_page.replace(vis_bundle(), "").replace(data, "")
    assert re.findall(r"https?://", outside) == []
    iris = {n["kgIri"] for n in json.loads(data)["nodes"]}
    assert len(re.findall(r"https?://", data)) == len(iris)


def test_vis_network_is_inlined_verbatim(gold_page: str) -> None:
    bundle = vis_bundle()
    assert "@version 9.1.2" in bundle
    assert bundle in gold_page                 # the nonce rewrite did not touch its "<script" string
    assert "new vis.Network(container, data, options)" in gold_page


def test_csp_meta_with_nonce_on_top_level_scripts_only(gold_page: str) -> None:
    tags = parse(gold_page).tags
    metas = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    m = re.fullmatch(r"default-src 'none'; script-src 'nonce-([A-Za-z0-9+/=]+)'; style-src 'unsafe-inline'; "
                     r"img-src data:; font-src data:", metas[0]["content"])
    assert m, metas[0]["content"]
    nonce = m.group(1)
    scripts = [a for t, a in tags if t == "script"]
    assert len(scripts) == 3                   # vis bundle, the data (JSON), ours
    assert all(a.get("nonce") == nonce for a in scripts)
    assert gold_page.count(f'nonce="{nonce}"') == len(scripts)
    # the CSP comes before any script, and inline event handlers (blocked by it) are not used
    assert gold_page.index("Content-Security-Policy") < gold_page.index("<script")
    assert not any(k.startswith("on") for _, a in tags for k in a)
    assert gold_page.startswith("<!DOCTYPE html>")


def test_scripts_parse_as_javascript(gold_page: str, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    scripts = parse(gold_page).scripts
    for i, code in enumerate(scripts):
        f = tmp_path / f"s{i}.js"
        f.write_text(code, encoding="utf-8")
        done = subprocess.run([node, "--check", str(f)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[:500]


# ------------------------------------------------------------------ what is drawn

def test_node_count_matches_the_drawn_classes() -> None:
    g = small_graph()
    nodes = vis_data(render_html(g), "nodes")
    drawn = {s for cls in DRAWN for s in g.subjects(ns.RDF.type, KGO[cls])}
    assert len(nodes) == len(drawn) == 13
    labels = {n["label"] for n in nodes}
    assert {"工业和信息化部", "陶青", "2023年", "2024年", "新能源汽车产量"} <= labels
    assert not any("assertion" in str(n) or "position" in str(n) for n in nodes)


def test_edges_positions_and_facts() -> None:
    page = render_html(small_graph())
    nodes = {n["id"]: n for n in vis_data(page, "nodes")}
    edges = vis_data(page, "edges")
    by_label = {n["label"]: i for i, n in nodes.items()}
    pairs = {(nodes[e["from"]]["label"], nodes[e["to"]]["label"]): e for e in edges}
    assert pairs[("陶青", "工业和信息化部装备工业一司")]["label"] == "司长"
    assert ("工业和信息化部装备工业一司", "工业和信息化部") in pairs
    assert ("工业和信息化部", "新能源汽车产业发展规划") in pairs
    # fact nodes: indicator + value + unit, linked to their indicator and year
    stat = next(n for n in nodes.values() if n["label"] == "新能源汽车产量 9587000辆")
    target = next(n for n in nodes.values() if n["label"] == "新能源汽车产量 约11500000辆")
    for fact, year in ((stat, "2023年"), (target, "2024年")):
        targets = {nodes[e["to"]]["label"] for e in edges if e["from"] == fact["id"]}
        assert {"新能源汽车产量", year, "工信部：新能源汽车产销持续增长"} <= targets
    assert "2023年新能源汽车产量达958.7万辆" in stat["title"]
    assert "x01_new_energy_vehicles.txt" in stat["title"]
    assert "所属年份：2023年" in stat["title"] and "单位：辆" in stat["title"]
    assert "目标年份：2024年" in target["title"]
    # hover of a named thing: altLabels and type
    miit = nodes[by_label["工业和信息化部"]]
    assert "工信部" in miit["title"] and "Organization" in miit["title"]
    # edge hover carries the assertion's evidence sentence
    assert "工业和信息化部将继续实施新能源汽车产业发展规划" in pairs[("工业和信息化部", "新能源汽车产业发展规划")]["title"]


def test_filter_data_and_the_article_behind_a_fact() -> None:
    page = render_html(small_graph())
    nodes = {n["label"]: n for n in vis_data(page, "nodes")}
    # years for the year filter: a fact's refYear/targetYear, an event's heldIn, a Year's own
    assert nodes["新能源汽车产量 9587000辆"]["kgYears"] == ["2023"]
    assert nodes["新能源汽车产量 约11500000辆"]["kgYears"] == ["2024"]
    assert nodes["新闻发布会"]["kgYears"] == ["2024"]
    assert nodes["2023年"]["kgYears"] == ["2023"]
    assert "kgYears" not in nodes["陶青"] and "kgYears" not in nodes["工业和信息化部"]
    assert {n["kgKind"] for n in nodes.values()} == {"Person", "Organization", "Initiative", "Event",
                                                     "Indicator", "Statistic", "Target", "Year", "Article"}
    assert re.findall(r'<option value="(\d{4})">', page) == ["2023", "2024"]
    boxes = re.findall(r'<input type="checkbox" class="kg-class" value="(\w+)" checked>', page)
    assert sorted(boxes) == sorted({n["kgKind"] for n in nodes.values()})
    # hover of a fact names its article by title and date, then file
    stat = nodes["新能源汽车产量 9587000辆"]["title"]
    assert "来源：工信部：新能源汽车产销持续增长（2024-01-11，x01_new_energy_vehicles.txt）" in stat
    assert all(n["kgIri"].startswith(str(KGR)) for n in nodes.values())


def test_one_colour_per_class_size_by_degree_and_legend(gold: Graph, gold_page: str) -> None:
    G = to_networkx(gold)
    nodes = vis_data(gold_page, "nodes")
    assert len(nodes) == len(G)
    colour_of: dict[str, set[str]] = {}
    kinds = sorted({k for _, k in G.nodes(data="kind")})
    by_label = {}
    for n in nodes:
        kind = next(line.split("：", 1)[1].split()[1] for line in n["title"].split("\n") if line.startswith("类型："))
        colour_of.setdefault(kind, set()).add(n["color"])
        by_label.setdefault(n["label"], n)
    assert sorted(colour_of) == kinds
    assert all(len(c) == 1 for c in colour_of.values())
    assert len({next(iter(c)) for c in colour_of.values()}) == len(colour_of)
    hub = max(nodes, key=lambda n: n["size"])
    leaf = min(nodes, key=lambda n: n["size"])
    assert hub["size"] > leaf["size"]
    legend = re.search(r'<div id="kg-legend".*?</div>', gold_page, re.S).group(0)
    for zh, en in (("人物", "Person"), ("机构", "Organization"), ("举措", "Initiative"), ("会议活动", "Event"),
                   ("指标", "Indicator"), ("统计数据", "Statistic"), ("目标", "Target"), ("年份", "Year"),
                   ("文章", "Article")):
        assert zh in legend and en in legend
    assert "金壮龙" in {n["label"] for n in nodes}


def test_small_graph_uses_physics_large_graph_is_laid_out_in_python(gold_page: str) -> None:
    small = render_html(small_graph())
    opts = vis_options(small)
    assert opts["physics"]["enabled"] is True and opts["physics"]["stabilization"]["enabled"] is True
    assert "stabilizationIterationsDone" in small            # physics switched off once stable
    start = vis_data(small, "nodes")                         # physics starts from networkx's layout
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in start)
    assert len({(n["x"], n["y"]) for n in start}) == len(start)
    assert opts["layout"]["improvedLayout"] is False           # vis would only redo it (and log about it)
    assert len(vis_data(gold_page, "nodes")) > 300           # nine articles already need the static layout
    assert vis_options(gold_page)["physics"]["enabled"] is False
    big = wide_graph(160)
    page = render_html(big, max_nodes=5000)
    nodes = vis_data(page, "nodes")
    assert len(nodes) >= 500                                  # beyond networkx's dense spring layout
    assert vis_options(page)["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) > 0.95 * len(nodes)


def wide_graph(n_articles: int) -> Graph:
    """Many short synthetic reports: one bureau chief, a plan and a figure each."""
    b = Builder()
    rng = random.Random(5)
    provinces = ["江苏", "浙江", "广东", "山东", "四川", "湖北", "河南", "福建", "安徽", "陕西"]
    fields = ["工业和信息化厅", "发展和改革委员会", "商务厅", "科学技术厅", "生态环境厅"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "建国志强海涛晓明立新文华春雷国庆红梅振宇永刚"
    for i in range(n_articles):
        art = b.article(f"syn_{i:04d}.txt", f"第{i}期 地方工业经济运行简报", f"2023-{1 + i % 12:02d}")
        prov = provinces[i % len(provinces)]
        org = b.thing("Organization", f"{prov}省{fields[i % len(fields)]}", (), art)
        person = b.thing("Person", rng.choice(surnames) + "".join(rng.sample(given, 2)), (), art)
        b.position(person, rng.choice(["厅长", "副厅长", "主任"]), org, art, "（依据）")
        plan = b.thing("Initiative", f"{prov}省制造业数字化转型行动计划（{2021 + i % 4}—{2025 + i % 4}年）", (), art)
        b.edge(org, KGO.promotes, plan, art)
        b.figure(False, f"{prov}省规模以上工业增加值同比增长", f"{rng.randint(20, 90) / 10}", "%", 2023, art, "（依据）")
    return b.g


def test_above_max_nodes_shows_most_connected_with_note() -> None:
    g = wide_graph(40)
    total = len(to_networkx(g))
    page = render_html(g, max_nodes=50)
    nodes = vis_data(page, "nodes")
    assert len(nodes) == 50 < total
    note = re.search(r'<p class="kg-note">(.*?)</p>', page).group(1)
    assert str(total) in note and str(total - 50) in note
    # the provinces' departments (most connected) are kept
    assert sum(1 for n in nodes if n["label"].endswith("厅")) >= 5


def test_the_page_holds_nothing_about_nodes_left_out() -> None:
    g = wide_graph(40)
    page = render_html(g, max_nodes=50)
    shown = {n["kgIri"] for n in vis_data(page, "nodes")}
    left_out = {s for cls in DRAWN for s in g.subjects(ns.RDF.type, KGO[cls])} - {URIRef(i) for i in shown}
    assert len(left_out) > 100
    assert not any(str(s) in page for s in left_out)
    assert "Search and filters cover the shown nodes only" in page
    # the page grows with what is drawn, not with the graph
    assert len(render_html(wide_graph(160), max_nodes=50)) < 1.5 * len(page)


def test_an_edge_asserted_many_times_shows_a_few_sentences_and_the_count() -> None:
    b = Builder()
    miit = b.thing("Organization", "工业和信息化部")
    plan = b.thing("Initiative", "制造业数字化转型行动")
    for i in range(12):
        art = b.article(f"a{i:02d}.txt", f"第{i}篇", "2024-01-02")
        b.g.add((miit, KGO.mentionedIn, art))
        b.edge(miit, KGO.promotes, plan, art, f"第{i}句：工业和信息化部推动制造业数字化转型行动。")
    edges = vis_data(render_html(b.g), "edges")
    (promotes,) = [e for e in edges if e["title"].startswith("推动")]
    assert promotes["title"].count("证据句：") == 3 and promotes["title"].count("来源：") == 3
    assert "共 12 处出处" in promotes["title"]


def test_a_graph_without_assertions_or_label_uses_draws_every_edge() -> None:
    g = small_graph()
    for a in list(g.subjects(ns.RDF.type, KGO.Assertion)):
        g.remove((a, None, None))
    assert not any(g.subjects(ns.RDF.type, KGO.LabelUse))
    page = render_html(g)
    nodes = {n["id"]: n["label"] for n in vis_data(page, "nodes")}
    pairs = {(nodes[e["from"]], nodes[e["to"]]): e for e in vis_data(page, "edges")}
    assert pairs[("工业和信息化部", "新能源汽车产业发展规划")]["title"] == "推动 promotes"
    assert pairs[("陶青", "工业和信息化部装备工业一司")]["label"] == "司长"


# ------------------------------------------------------------------ focus

def test_focus_shows_the_neighbourhood(gold: Graph, gold_page: str) -> None:
    everything = vis_data(gold_page, "nodes")
    page = render_html(gold, focus="工信部", depth=1)          # an altLabel
    nodes = vis_data(page, "nodes")
    labels = {n["label"] for n in nodes}
    assert 1 < len(nodes) < len(everything)
    assert "工业和信息化部" in labels
    assert "工业和信息化部运行监测协调局" in labels                 # sub-organization, one step away
    deeper = vis_data(render_html(gold, focus="工信部", depth=2), "nodes")
    assert len(nodes) < len(deeper) < len(everything)
    assert "焦点" in page and "工信部" in re.search(r'<p class="kg-note">(.*?)</p>', page).group(1)


def test_unknown_focus_raises_naming_the_label(gold: Graph) -> None:
    with pytest.raises(InputError, match="不存在的机构"):
        render_html(gold, focus="不存在的机构")


@pytest.mark.parametrize("kwargs", [{"depth": -1}, {"max_nodes": 0}, {"depth": "2"}])
def test_bad_arguments_raise_input_error(kwargs: dict) -> None:
    with pytest.raises(InputError):
        render_html(small_graph(), **kwargs)


# ------------------------------------------------------------------ text is data

@pytest.mark.parametrize("payload", XSS)
def test_injected_text_is_never_markup(payload: str) -> None:
    g = small_graph(person=payload, extra_alias=payload + " href=//evil.example")
    b = Builder()
    b.g = g
    art = URIRef(str(KGR) + "article/x01_new_energy_vehicles")
    b.figure(False, payload, "1", "<b>个</b>", 2023, art, f"证据 {payload} href=x")
    page = render_html(g, title=payload, focus=None)
    assert payload not in page
    assert "<img src=x" not in page and "<script>alert" not in page and "<a " not in page
    assert "href" not in page.lower()                          # pyvis would switch to innerHTML popups
    assert "popup.innerHTML" not in page
    nodes = vis_data(page, "nodes")
    # the data carries the text as typed (drawn on canvas, shown with innerText),
    # JSON-escaped in the page so that no "<" from it reaches the HTML parser
    person = next(n for n in nodes if "Person" in n["title"] and n["label"] != "辛国斌")
    assert person["label"] == payload.replace("href", "hr\u200bef")
    data = DATA.search(page).group(1)
    assert "<" not in data and ">" not in data and "\\u003c" in data
    assert "&lt;" in re.search(r"<title>(.*?)</title>", page).group(1)
    assert "&lt;" in re.search(r"<h1>(.*?)</h1>", page).group(1)
    # the page still draws every node
    assert len(nodes) == len({s for cls in DRAWN for s in g.subjects(ns.RDF.type, KGO[cls])}) == 15


def test_focus_on_an_injected_label_works_and_stays_escaped() -> None:
    payload = XSS[1]
    page = render_html(small_graph(person=payload), focus=payload, depth=1)
    assert payload not in page
    assert any(n["label"] == payload for n in vis_data(page, "nodes"))


# ------------------------------------------------------------------ reproducible output, files

def test_same_graph_same_bytes_whatever_the_triple_order(gold: Graph, gold_page: str) -> None:
    triples = list(gold)
    random.Random(3).shuffle(triples)
    shuffled = Graph()
    for t in triples:
        shuffled.add(t)
    assert render_html(shuffled, title="政策知识图谱 seeds + dev") == gold_page
    assert render_html(gold, title="政策知识图谱 seeds + dev") == gold_page


def test_lean_store_gives_the_same_page(gold: Graph, gold_page: str) -> None:
    """The build's lean store is read by another path (one pass over its subjects): same page."""
    lean = lean_graph()
    for t in gold:
        lean.add(t)
    assert render_html(lean, title="政策知识图谱 seeds + dev") == gold_page
    for kwargs in ({"focus": "工信部", "depth": 1}, {"max_nodes": 40}):
        assert render_html(lean, **kwargs) == render_html(gold, **kwargs)


def test_write_html_is_utf8_and_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)                # pyvis's own write_html would copy a lib/ folder here
    g = small_graph()
    out = write_html(g, tmp_path / "sub" / "graph.html", title="新能源汽车")
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_bytes() == render_html(g, title="新能源汽车").encode("utf-8")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["graph.html", "sub"]


def test_empty_graph_renders_a_page_with_a_note() -> None:
    page = render_html(Graph())
    assert vis_data(page, "nodes") == []
    assert "No nodes to show" in page


def test_unencodable_and_control_characters_do_not_break_the_file(tmp_path: Path) -> None:
    g = small_graph(person="\ud800坏\x00字")              # lone surrogate, NUL
    out = write_html(g, tmp_path / "g.html")
    labels = {n["label"] for n in vis_data(out.read_text(encoding="utf-8"), "nodes")}
    assert "\ufffd坏字" in labels


def test_focus_on_an_article_file_name_and_a_year() -> None:
    g = small_graph()
    whole = len(vis_data(render_html(g), "nodes"))
    year = vis_data(render_html(g, focus="2023年", depth=1), "nodes")
    assert {n["label"] for n in year} >= {"2023年", "新能源汽车产量 9587000辆"}
    assert len(year) < whole
    art = vis_data(render_html(g, focus="x01_new_energy_vehicles.txt", depth=1), "nodes")
    assert len(art) > len(year)
    assert len(vis_data(render_html(g, focus="2023年", depth=0), "nodes")) == 1
