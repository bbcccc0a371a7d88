"""The graph stage: vocabulary, exact decimals, stable IRIs, provenance, and
a graph that passes its own SHACL shapes."""
from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kg.export import serialize
from kg.graph import decimal_literal, to_rdf
from kg.namespaces import KGO, ORG
from kg.resolve import resolve

from .conftest import analyze_text

PASSAGE = ("商务部副部长王受文表示，将全面实施《区域全面经济伙伴关系协定》。"
           "1—11月，我国进出口总额37.96万亿元，同比增长8.6%。力争到2025年，跨境电商进出口规模达到3万亿元左右。")


def build_graph():
    ex = analyze_text(PASSAGE, issued="2022-12-20", publisher="人民日报", doc_id="p.txt")
    return to_rdf([ex], resolve([ex]))


def test_decimals_are_exact():
    lit = decimal_literal(Decimal("0.1") + Decimal("0.2"))
    assert str(lit) == "0.3" and lit.datatype == XSD.decimal
    assert str(decimal_literal(Decimal("23.5") * 10**12)) == "23500000000000"
    assert str(decimal_literal(Decimal("1E-7"))) == "0.0000001"


def test_every_named_thing_has_one_zh_preflabel_and_its_article():
    g = build_graph()
    for cls in (KGO.Person, KGO.Organization, KGO.Initiative):
        nodes = set(g.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            prefs = list(g.objects(node, SKOS.prefLabel))
            assert len(prefs) == 1 and prefs[0].language == "zh"
            assert (node, KGO.mentionedIn, None) in g


def test_facts_carry_provenance_and_offsets():
    g = build_graph()
    article = next(g.subjects(RDF.type, KGO.Article))
    assert str(g.value(article, DCTERMS.identifier)) == "p.txt"
    assert g.value(article, DCTERMS.issued) == Literal("2022-12-20", datatype=XSD.date)
    facts = [n for cls in (KGO.Position, KGO.Statistic, KGO.Target, KGO.Assertion)
             for n in g.subjects(RDF.type, cls)]
    assert len(facts) >= 4
    for node in facts:
        assert g.value(node, PROV.wasDerivedFrom) == article
        evidence = str(g.value(node, KGO.evidence))
        start, end = int(g.value(node, KGO.charStart)), int(g.value(node, KGO.charEnd))
        assert evidence and end - start == len(evidence)
    position = next(g.subjects(RDF.type, KGO.Position))
    assert str(g.value(g.value(position, ORG.member), SKOS.prefLabel)) == "王受文"
    assert str(g.value(position, KGO.title)) == "副部长"


def test_same_input_same_bytes_and_ascii_iris():
    first, second = serialize(build_graph()), serialize(build_graph())
    assert first == second
    g = Graph().parse(data=first, format="turtle")
    assert all(str(s).isascii() for s in g.subjects())


def test_turtle_parses_with_a_strict_second_parser():
    data = serialize(build_graph()).encode("utf-8")
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(data=data, format="turtle"))


def test_graph_conforms_to_the_shipped_shapes():
    from kg.validate import validate_graph

    report = validate_graph(build_graph())
    assert report.conforms, [f.message for f in report.violations]


def test_one_post_written_two_ways_is_one_position_with_one_provenance(tmp_path):
    """中华人民共和国交通运输部部长 and 交通运输部部长 are one post: one node, one evidence."""
    from kg.namespaces import KGO
    from kg.pipeline import build

    (tmp_path / "a.txt").write_text(
        "交通运输部召开全国交通运输工作会议。中华人民共和国交通运输部部长李小鹏出席会议并讲话。\n"
        "会议指出，交通运输部将加快建设交通强国。交通运输部部长李小鹏强调，要推进综合交通枢纽建设。\n",
        encoding="utf-8")
    result = build(tmp_path)
    assert result.report.conforms
    posts = list(result.graph.subjects(RDF.type, KGO.Position))
    assert len(posts) == 1
    assert len(list(result.graph.objects(posts[0], KGO.evidence))) == 1
