"""Exports: every syntax parses back, with rdflib and with pyoxigraph, to a
graph isomorphic to the source (TriG: the union of its graphs); TriG puts each
article's facts in the article's graph; output is byte-reproducible; and
`kg export` / `kg validate --format ttl` through the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SH, SKOS

from kg.cli import cli
from kg.errors import InputError
from kg.export import (export, export_file, read_triples, serialize, serialize_report, split_by_article,
                       to_triples)
from kg.graphio import load_graph
from kg.namespaces import KGO

from .conftest import ROOT

FORMATS = ("ttl", "nt", "jsonld", "trig")
SUFFIX = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig"}
XSD = "http://www.w3.org/2001/XMLSchema#"

# Literals that writers get wrong: lexical forms of numbers, escapes, language
# tags, characters outside the BMP, markup; plus a blank node and a non-ASCII IRI.
TRICKY = f"""\
<https://e.org/s> <https://e.org/p> "1"^^<{XSD}decimal> .
<https://e.org/s> <https://e.org/p> "1.0"^^<{XSD}decimal> .
<https://e.org/s> <https://e.org/p> "2024"^^<{XSD}gYear> .
<https://e.org/s> <https://e.org/p> "-0.25"^^<{XSD}decimal> .
<https://e.org/s> <https://e.org/p> "a\\"b\\\\c\\nd\\te"@zh .
<https://e.org/s> <https://e.org/p> "𠀀𪚥 扩展B"@zh-Hans-CN .
<https://e.org/s> <https://e.org/p> "<script>alert(1)</script>" .
<https://e.org/s> <https://e.org/p> "x"^^<https://e.org/dt> .
<https://e.org/s> <https://e.org/q> _:b1 .
_:b1 <https://e.org/p> "blank" .
<https://e.org/资源/甲> <https://e.org/p> <https://e.org/s> .
"""


def _lower_lang(g: Graph) -> Graph:
    """Language tags are case-insensitive in RDF (pyoxigraph writes them lower-case)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def _same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic (set equality when there are no blank nodes, which is the
    same thing and much faster than rdflib's canonical hashing)."""
    a, b = _lower_lang(a), _lower_lang(b)
    if any(isinstance(t, BNode) for g in (a, b) for triple in g for t in triple):
        return isomorphic(a, b)
    return set(a) == set(b)


def _rdflib_parse(path) -> Graph:
    return load_graph(path)          # TriG: flattened to the union


def _ox_canonical(items) -> set[str]:
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in ds}


def _ox_parse(path, fmt: str) -> list:
    rdf = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
           "trig": ox.RdfFormat.TRIG}[fmt]
    with open(path, "rb") as fh:
        items = list(ox.parse(fh, format=rdf))
    return [q.triple if isinstance(q, ox.Quad) else q for q in items]


@pytest.fixture(scope="module")
def seeds_ttl(seeds_build):
    return seeds_build[1] / "graph.ttl"


@pytest.fixture()
def tricky(tmp_path):
    path = tmp_path / "tricky.nt"
    path.write_text(TRICKY, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_seeds_round_trip_with_both_parsers(seeds_ttl, tmp_path, fmt):
    source_rdflib = load_graph(seeds_ttl)
    source_ox = read_triples(seeds_ttl)
    out = export_file(seeds_ttl, tmp_path / f"g{SUFFIX[fmt]}")
    back_ox = _ox_parse(out, fmt)
    assert set(back_ox) == set(source_ox)             # no blank nodes: plain set equality
    if fmt != "trig":
        assert len(back_ox) == len(source_ox)         # and no triple written twice
    back_rdflib = _rdflib_parse(out)
    assert len(back_rdflib) == len(source_rdflib)
    assert _same_graph(back_rdflib, source_rdflib)


@pytest.mark.parametrize("fmt", FORMATS)
def test_tricky_literals_survive_exactly(tricky, tmp_path, fmt):
    out = export_file(tricky, tmp_path / f"t{SUFFIX[fmt]}")
    source = read_triples(tricky)
    back = _ox_parse(out, fmt)
    assert _ox_canonical(back) == _ox_canonical(source)        # lexical forms kept to the byte
    decimals = {t.object.value for t in back if isinstance(t.object, ox.Literal)
                and t.object.datatype == ox.NamedNode(XSD + "decimal")}
    assert decimals == {"1", "1.0", "-0.25"}                    # "1" is not rewritten as 1.0
    assert _same_graph(_rdflib_parse(out), load_graph(tricky))


def test_rdflib_graphs_serialize_through_the_same_writers(seeds_ttl):
    g = load_graph(seeds_ttl)
    for fmt in ("nt", "jsonld", "trig"):
        text = serialize(g, fmt)
        parsed = Dataset().parse(data=text, format={"nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt])
        union = Graph()
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            union.add((s, p, o))
        assert _same_graph(union, g), fmt
    assert set(to_triples(g)) == set(read_triples(seeds_ttl))


def test_exports_are_byte_reproducible_across_processes(seeds_ttl, tmp_path):
    script = ("import sys; from kg.export import export_file\n"
              "for fmt, suffix in (('ttl', '.ttl'), ('nt', '.nt'), ('jsonld', '.jsonld'), ('trig', '.trig')):\n"
              "    export_file(sys.argv[1], sys.argv[2] + '/g' + suffix, fmt)\n")
    outputs = []
    for seed in ("1", "2"):       # different hash seeds: no set or dict order may leak into the bytes
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", script, str(seeds_ttl), str(out)], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, timeout=120)
        outputs.append({fmt: (out / f"g{SUFFIX[fmt]}").read_bytes() for fmt in FORMATS})
    assert outputs[0] == outputs[1]
    assert outputs[0]["ttl"] == export(read_triples(seeds_ttl), "ttl")


# ---------------------------------------------------------------------------
# TriG: one named graph per article
# ---------------------------------------------------------------------------

def test_trig_puts_each_article_fact_in_its_article_graph(seeds_ttl, tmp_path):
    g = load_graph(seeds_ttl)
    out = export_file(seeds_ttl, tmp_path / "g.trig")
    ds = Dataset()
    ds.parse(out, format="trig")
    articles = set(g.subjects(RDF.type, KGO.Article))
    named = {c.identifier for c in ds.graphs() if c.identifier in articles}
    assert named == articles
    by_graph: dict = defaultdict(Graph)
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        by_graph[ctx if isinstance(ctx, URIRef) else getattr(ctx, "identifier", ctx)].add((s, p, o))
    for fact, article in g.subject_objects(PROV.wasDerivedFrom):
        if (article, RDF.type, KGO.Article) not in g:
            continue
        home = by_graph[article]
        for p, o in g.predicate_objects(fact):            # the whole node, provenance included
            assert (fact, p, o) in home
        assert home.value(fact, KGO.evidence) is not None
        for other in articles - {article}:
            assert (fact, None, None) not in by_graph[other]
    # labels of shared things stay in the default graph, once
    default = [gr for key, gr in by_graph.items() if key not in articles]
    labels = {(s, o) for gr in default for s, o in gr.subject_objects(SKOS.prefLabel)}
    assert labels == set(g.subject_objects(SKOS.prefLabel))
    # each asserted plain edge sits in the graph of every article asserting it
    for a in g.subjects(RDF.type, KGO.Assertion):
        edge = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
        if edge in g:
            assert edge in by_graph[g.value(a, PROV.wasDerivedFrom)]


def test_split_keeps_ambiguous_facts_in_the_default_graph():
    n = ox.NamedNode
    art1, art2 = n("https://e.org/article/1"), n("https://e.org/article/2")
    typ = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    article = n("https://w3id.org/policy-kg/ontology#Article")
    derived = n("http://www.w3.org/ns/prov#wasDerivedFrom")
    fact, odd = n("https://e.org/fact/1"), n("https://e.org/fact/2")
    triples = [ox.Triple(art1, typ, article), ox.Triple(art2, typ, article),
               ox.Triple(fact, derived, art1), ox.Triple(odd, derived, art1), ox.Triple(odd, derived, art2)]
    graphs = {(q.subject, q.object): q.graph_name for q in split_by_article(triples)}
    assert graphs[(fact, art1)] == art1
    assert graphs[(odd, art1)] == ox.DefaultGraph() == graphs[(odd, art2)]   # two sources: not one article's


# ---------------------------------------------------------------------------
# kg export, kg validate --format ttl
# ---------------------------------------------------------------------------

def test_cli_export_every_format(seeds_ttl, tmp_path):
    runner = CliRunner()
    n = len(read_triples(seeds_ttl))
    for fmt in FORMATS:
        out = tmp_path / f"x{SUFFIX[fmt]}"
        res = runner.invoke(cli, ["export", str(seeds_ttl), "-o", str(out)])     # format from the suffix
        assert res.exit_code == 0, res.output
        assert len(set(_ox_parse(out, fmt))) == n
    forced = tmp_path / "graph.data"
    res = runner.invoke(cli, ["export", str(seeds_ttl), "--format", "nt", "-o", str(forced)])
    assert res.exit_code == 0 and len(forced.read_text(encoding="utf-8").splitlines()) == n


def test_cli_export_refusals(seeds_ttl, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(cli, ["export", str(seeds_ttl), "-o", str(tmp_path / "g.xyz")])
    assert unknown.exit_code == 2 and "--format" in unknown.output
    copy = tmp_path / "g.ttl"
    copy.write_bytes(seeds_ttl.read_bytes())
    same = runner.invoke(cli, ["export", str(copy), "-o", str(copy)])
    assert same.exit_code == 2 and copy.read_bytes() == seeds_ttl.read_bytes()
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    target = tmp_path / "never.nt"
    broken = runner.invoke(cli, ["export", str(bad), "-o", str(target)])
    assert broken.exit_code == 2 and "bad.ttl" in broken.output and not target.exists()
    with pytest.raises(InputError):
        export([], "rdfxml")


def test_cli_validate_ttl_writes_the_shacl_report_graph(seeds_ttl, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["validate", str(seeds_ttl), "--format", "ttl"])
    assert res.exit_code in (0, 1), res.output
    report = Graph().parse(data=res.output, format="turtle")
    node = report.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    conforms = report.value(node, SH.conforms).toPython()
    assert conforms is (res.exit_code == 0)
    text = runner.invoke(cli, ["validate", str(seeds_ttl)])
    assert text.exit_code == res.exit_code
    results = list(report.objects(node, SH.result))
    violations = [r for r in results if report.value(r, SH.resultSeverity) == SH.Violation]
    assert conforms is (not violations)
    # a broken graph: exit 1, and the report names the node and the shape
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kgo: <https://w3id.org/policy-kg/ontology#> .\n"
                      "<https://w3id.org/policy-kg/resource/target/x> a kgo:Target .\n", encoding="utf-8")
    out = tmp_path / "report.ttl"
    res = runner.invoke(cli, ["validate", str(broken), "--format", "ttl", "-o", str(out)])
    assert res.exit_code == 1
    report = Graph().parse(out, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    focus = set(report.objects(None, SH.focusNode))
    assert URIRef("https://w3id.org/policy-kg/resource/target/x") in focus
    unreadable = runner.invoke(cli, ["validate", str(tmp_path / "missing.ttl"), "--format", "ttl"])
    assert unreadable.exit_code == 2


def test_serialize_report_is_standard_shacl(seeds_build):
    result, _ = seeds_build
    text = serialize_report(result.report)
    g = Graph().parse(data=text, format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in g
    assert len(set(g.objects(None, SH.result))) == len(result.report.findings)
