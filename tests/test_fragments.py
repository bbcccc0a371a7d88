"""graph.ttl assembled from per-article fragments (kg.fragment, kg.assemble)
is the graph the whole-graph builder (kg.graph.to_rdf) makes, and the split
validation reports what validating that whole graph reports."""
from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.fragment import is_owned, make_fragment
from kg.graph import to_rdf
from kg.pipeline import summarize
from kg.turtle import to_turtle
from kg.validate import format_report, validate_graph


@pytest.fixture(params=["seeds_build", "dev_build"])
def built(request):
    return request.getfixturevalue(request.param)


def _reference(result) -> Graph:
    return to_rdf(result.extractions, result.resolution)


def test_graph_ttl_is_the_whole_graph(built):
    result, out = built
    data = (out / "graph.ttl").read_bytes()
    written = set(ox.parse(data, format=ox.RdfFormat.TURTLE))
    reference = set(ox.parse(bytes(to_turtle(_reference(result))), format=ox.RdfFormat.TURTLE))
    assert written == reference
    assert len(Graph().parse(data=data, format="turtle")) == len(reference) == result.triples


def test_every_subject_is_written_once(built):
    _, out = built
    lines = (out / "graph.ttl").read_text(encoding="utf-8").splitlines()
    subjects = [line for line in lines if line and not line.startswith((" ", ".", "PREFIX"))]
    assert len(subjects) == len(set(subjects))


def test_split_validation_reports_what_the_whole_graph_gives(built):
    result, _ = built
    whole = validate_graph(_reference(result))
    assert result.report.findings == whole.findings
    assert format_report(result.report) == format_report(whole)


def test_summary_counts_the_classes_of_the_whole_graph(built):
    result, _ = built
    counts = Counter(str(o).rsplit("#", 1)[-1] for o in _reference(result).objects(None, RDF.type))
    assert summarize(result) == dict(sorted(counts.items()))


def test_a_fragment_holds_only_its_article_and_facts(seeds_build):
    result, _ = seeds_build
    ex = result.extractions[0]
    frag = make_fragment(ex)
    g = Graph().parse(data=b"".join(_prefixes() + [frag.turtle()]), format="turtle")
    assert len(g) == frag.triples > 0
    assert all(is_owned(s) for s in g.subjects())
    assert {str(s) for s in g.subjects(RDF.type, None)} >= {str(s) for s in g.subjects()}
    assert frag.results is not None


def test_a_broken_fact_is_reported_as_the_whole_graph_reports_it(seeds_build):
    from dataclasses import replace

    from kg.assemble import global_section, validate_parts
    from kg.resolve import resolve

    result, _ = seeds_build
    ex = next(e for e in result.extractions if e.figures)
    broken = replace(ex, figures=[replace(ex.figures[0], evidence="")] + ex.figures[1:])
    res = resolve([broken])
    frag = make_fragment(broken)
    split = validate_parts(global_section(res, [frag]), [frag], [broken.document.meta.doc_id])
    whole = validate_graph(to_rdf([broken], res))
    assert any(f.path == "kgo:evidence" and f.severity == "Violation" for f in whole.findings)
    assert split.findings == whole.findings and not split.conforms


def _prefixes() -> list[bytes]:
    from kg.namespaces import bind_prefixes
    from kg.store import lean_graph

    g = bind_prefixes(lean_graph())
    return [f"PREFIX {p}: <{ns}>\n".encode() for p, ns in g.namespaces()]


def test_the_page_is_the_whole_graphs_page(built):
    """graph.html, drawn from the fragments' scan pairs and the nodes made on
    demand, is the page of the whole graph; also when only a few nodes are
    drawn (ties on the degree go by label: figures' labels made on demand)."""
    from kg.viz import render_html

    result, out = built
    reference = _reference(result)
    assert (out / "graph.html").read_bytes() == render_html(reference).encode("utf-8")
    for max_nodes in (5, 40, 150):
        drawn, scan = result.html_page()
        assert render_html(drawn, scan=scan, max_nodes=max_nodes) == render_html(reference, max_nodes=max_nodes)


def test_the_fragments_hover_texts_are_what_the_page_reads_of_the_whole_graph(built):
    """kg.fragment.hover_texts, computed from an article's plain data, says of
    every Assertion and Position what the page's reader says reading the
    whole graph (so the page made with them is the whole graph's page)."""
    from kg.namespaces import KGO
    from kg.viz import _Reader, _scan, render_html

    result, _ = built
    reference = _reference(result)
    scan = _scan(reference)
    reader = _Reader(reference, scan.kinds, scan.files)
    facts = set(reference.subjects(RDF.type, KGO.Assertion)) | set(reference.subjects(RDF.type, KGO.Position))
    provenance = {iri: value for frag in result.fragments for iri, value in frag.provenance.items()}
    titles = {iri: value for frag in result.fragments for iri, value in frag.titles.items()}
    assert provenance.keys() == {str(f) for f in facts}
    assert titles.keys() == {str(f) for f in reference.subjects(RDF.type, KGO.Position)}
    for fact in facts:
        assert provenance[str(fact)] == reader.provenance(fact)
        if str(fact) in titles:
            assert list(titles[str(fact)]) == list(reader.title(fact))
    assert any(source for _, source in provenance.values()) and any(titles.values())
    drawn, scan = result.html_page()
    assert render_html(drawn, scan=scan, memo=drawn.store.memo()) == render_html(drawn, scan=scan)


def test_the_page_reads_only_the_articles_of_the_nodes_it_reads(dev_build):
    from kg.namespaces import KGO
    from rdflib.namespace import DCTERMS, PROV

    result, _ = dev_build
    reference = _reference(result)
    drawn, scan = result.html_page()
    assert not drawn.store.articles_read
    assert {n for n, k in scan.kinds.items() if k == "Statistic"} == set(reference.subjects(RDF.type, KGO.Statistic))
    fact = min(reference.subjects(RDF.type, KGO.Statistic))
    made = drawn.store.predicate_objects(fact)
    for p in (KGO.value, KGO.indicator, KGO.evidence, PROV.wasDerivedFrom, RDF.type):
        assert set(made[p] if type(made[p]) is dict else [made[p]]) == set(reference.objects(fact, p))
    assert KGO.charStart not in made
    article = reference.value(fact, PROV.wasDerivedFrom)
    assert list(drawn.store.articles_read) == [str(reference.value(article, DCTERMS.identifier))]
    for node in reference.subjects(RDF.type, KGO.Indicator):
        assert dict(drawn.store.predicate_objects(node)) == dict(result.section.store.predicate_objects(node))