"""kg.shacl_fast gives the same report as pySHACL, on the seeds graph and on a
copy broken in every way the shapes can see."""
from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg.namespaces import KGO, KGR, ORG
from kg.shacl_fast import fast_results, supported
from kg.store import lean_graph
from kg.validate import shapes_graph, validate_graph


def _copy(g: Graph) -> Graph:
    out = lean_graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for t in g:
        out.add(t)
    return out


def _first(g: Graph, cls) -> URIRef:
    return sorted(g.subjects(RDF.type, cls), key=str)[0]


def _broken(g: Graph) -> Graph:
    g = _copy(g)
    person = _first(g, KGO.Person)
    g.remove((person, SKOS.prefLabel, None))                                  # MinCount
    org = _first(g, KGO.Organization)
    g.add((org, SKOS.prefLabel, Literal("另一个名字", lang="zh")))              # MaxCount + UniqueLang
    g.add((org, SKOS.altLabel, Literal("《带书名号》", lang="zh")))
    initiative = _first(g, KGO.Initiative)
    g.set((initiative, SKOS.prefLabel, Literal("", lang="zh")))             # MinLength (+ Pattern)
    event = _first(g, KGO.Event)
    g.set((event, SKOS.prefLabel, Literal("Conference", lang="en")))        # LanguageIn
    position = _first(g, KGO.Position)
    g.set((position, ORG.organization, person))                             # Class
    g.set((position, KGO.charStart, Literal("9999", datatype=XSD.nonNegativeInteger)))   # LessThan
    g.add((position, KGO.sentenceIndex, Literal("three")))                  # Datatype (+ MaxCount)
    stat = _first(g, KGO.Statistic)
    g.set((stat, KGO.value, Literal("not a number", datatype=XSD.decimal)))  # ill-typed Datatype
    g.set((stat, KGO.comparator, KGR["comparator/unknown"]))                # In
    g.set((stat, KGO.asOf, Literal("2024-01", datatype=XSD.string)))        # Or
    g.add((stat, KGO.indicator, BNode("anonymous")))                        # NodeKind / MaxCount
    article = _first(g, KGO.Article)
    twin = KGR["article/twin"]
    g.add((twin, RDF.type, KGO.Article))
    g.add((twin, DCTERMS.identifier, g.value(article, DCTERMS.identifier)))  # inverse-path MaxCount
    g.add((KGR["person/untyped"], KGO.promotes, initiative))                 # targetSubjectsOf + In/MinCount
    g.add((person, KGO.heldIn, KGR["year/2024"]))                           # node-shape Class
    g.add((org, KGO.mentionedIn, Literal("an article")))                     # NodeKind
    return g


@pytest.fixture(scope="module")
def broken(seeds_build):
    return _broken(seeds_build[0].graph)


def test_the_packaged_shapes_are_in_the_fast_subset():
    assert supported(shapes_graph())


def test_same_report_as_pyshacl_on_the_seeds(seeds_build):
    g = seeds_build[0].graph
    fast, slow = validate_graph(g), validate_graph(g, engine="pyshacl")
    assert fast.conforms == slow.conforms
    assert fast.findings == slow.findings


def test_same_report_as_pyshacl_on_a_broken_graph(broken):
    fast, slow = validate_graph(broken), validate_graph(broken, engine="pyshacl")
    assert not fast.conforms and not slow.conforms
    assert Counter(fast.findings) == Counter(slow.findings)
    seen = {f.component for f in fast.findings}
    assert {"MinCount", "MaxCount", "UniqueLang", "MinLength", "Pattern", "LanguageIn", "Class", "LessThan",
            "Datatype", "In", "Or", "NodeKind"} <= seen
    assert any(f.path == "^dcterms:identifier" for f in fast.findings)


def test_shapes_outside_the_subset_go_to_pyshacl():
    sg = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ex:p ?x }" ] .
    """, format="turtle")
    assert not supported(sg)
    assert fast_results(Graph(), sg) is None
