"""The fragment of an article is made from plain data (kg.graph.ArticleRows,
kg.terms), written by TurtleWriter.plain_block and checked by
kg.shacl_fast.plain_failures: each is held here to the rdflib path it replaces
(kg.graph.Builder, TurtleWriter.block, kg.shacl_fast.fast_results) on every
seed, dev and held-out article, on broken ones and on tricky literals."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kg.fragment import is_owned, make_fragment
from kg.graph import ArticleRows, Builder, entity_iri
from kg.namespaces import KGO
from kg.resolve import resolve
from kg.shacl_fast import fast_results, plain_conforms, plain_failures
from kg.terms import Lit, from_node, lean_node, to_node, typed
from kg.turtle import TurtleWriter, render_blocks
from kg.validate import shapes_graph

from .conftest import TESTS
from .test_validate_fast import _broken


@pytest.fixture(scope="module")
def articles(seeds_build, dev_build):
    """Every seed, dev and held-out article's extraction."""
    from kg.parallel import analyse_articles
    from kg.read import read_corpus

    raws, _ = read_corpus(TESTS / "data" / "heldout" / "texts")
    heldout = [a.extraction for a in analyse_articles(raws)]
    return [*seeds_build[0].extractions, *dev_build[0].extractions, *heldout]


def _reference(ex):
    """What make_fragment made before: the article's graph by the Builder, with its entities' types."""
    res = resolve([ex])
    types = [(entity_iri(e), RDF.type, KGO[e.kind.value]) for e in res.entities.values()]
    b = Builder(res)
    b.article(ex.document.meta)
    docs = {ex.document.meta.doc_id: ex.document}
    for entity in list(res.entities.values()):
        b.label_uses(entity_iri(entity), entity, docs)
    b.facts(ex)
    return b, types


def _plain(ex):
    res = resolve([ex])
    types = [(str(entity_iri(e)), str(RDF.type), str(KGO[e.kind.value])) for e in res.entities.values()]
    rows = ArticleRows(res)
    rows.article(ex.document.meta)
    docs = {ex.document.meta.doc_id: ex.document}
    for entity in list(res.entities.values()):
        rows.label_uses(entity, docs)
    rows.facts(ex)
    rows.finish()
    return rows, types


def _triples(store) -> list:
    return [(s, p, o) for s in store.subjects_in_order() for p, objs in store.predicate_objects(s).items()
            for o in (objs if type(objs) is dict else (objs,))]


def _owned_results(g, focus=is_owned) -> Counter:
    results = fast_results(g, shapes_graph(), focus)
    out = Counter()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        out[(results.value(r, SH.sourceShape), results.value(r, SH.focusNode),
             str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
             results.value(r, SH.value))] += 1
    return out


def _plain_results(spo, focus) -> Counter:
    return Counter((shape, to_node(f), comp, None if v is None else to_node(v))
                   for shape, f, comp, v in plain_failures(spo, shapes_graph(), focus))


def _owned_plain(n) -> bool:
    return type(n) is str and is_owned(URIRef(n))


def test_rows_are_the_builders_triples_in_its_order(articles):
    assert len(articles) == 5 + 4 + 20
    for ex in articles:
        b, _ = _reference(ex)
        rows, _ = _plain(ex)
        built = _triples(b.g.store)
        plain = [(s, p, o) for s, by_p in rows.spo.items() for p, objs in by_p.items() for o in objs]
        assert plain == [tuple(map(from_node, t)) for t in built], ex.document.meta.doc_id
        assert rows.indicator_uses == {str(k): v for k, v in b.indicator_uses.items()}


def test_fragment_blocks_are_the_rdflib_writers(articles):
    for ex in articles:
        b, _ = _reference(ex)
        g = b.g
        writer = TurtleWriter(g.namespaces())
        owned = [s for s in g.store.subjects_in_order() if is_owned(s)]
        frag = make_fragment(ex)
        assert frag.turtle() == bytes(render_blocks(g, writer, owned)), ex.document.meta.doc_id
        assert frag.prefixes == frozenset(writer.used)
        assert frag.triples == sum(1 for s, _, _ in _triples(g.store) if is_owned(s))


def test_plain_checks_find_what_the_rdflib_checks_find(articles):
    """On every article, and on the article broken in ways the shapes see."""
    checked = 0
    for ex in articles:
        variants = [ex]
        if ex.figures:
            f = ex.figures[0]
            variants.append(replace(ex, figures=[replace(f, evidence="", start=9, end=3, unit="", as_of="2023-13"),
                                                 replace(f, value=Decimal("-0.50"), year=None)] + ex.figures[1:]))
        if ex.positions:
            variants.append(replace(ex, positions=[replace(ex.positions[0], title="")] + ex.positions[1:]))
        for variant in variants:
            b, types = _reference(variant)
            for t in types:
                b.g.add(t)
            rows, plain_types = _plain(variant)
            for t in plain_types:
                rows.add(*t)
            expected = _owned_results(b.g)
            assert _plain_results(rows.spo, _owned_plain) == expected, variant.document.meta.doc_id
            assert plain_conforms(rows.spo, shapes_graph(), _owned_plain) is (not expected)
            checked += bool(expected)
            frag = make_fragment(variant)
            assert (frag.results == []) == (not expected)
    assert checked >= 10


def test_plain_checks_on_a_graph_broken_in_every_way(seeds_build):
    """The seeds graph broken as in test_validate_fast, every node a focus node."""
    g = _broken(seeds_build[0].graph)
    spo: dict = {}
    for s, p, o in _triples(g.store):
        spo.setdefault(from_node(s), {}).setdefault(from_node(p), {})[from_node(o)] = None
    expected = _owned_results(g, None)
    assert len({comp for _, _, comp, _ in expected}) >= 10
    assert _plain_results(spo, None) == expected
    assert plain_conforms(spo, shapes_graph(), None) is False


def test_conformance_is_what_the_failures_say(articles):
    """plain_conforms answers as plain_failures does: on each article, on each
    article with one of its owned nodes broken in one way, and where its one
    pass does not reach (a subclass triple, a focus node of a subject target)."""
    from kg.fragment import _is_owned_plain

    sg = shapes_graph()
    kgo, xsd, rdfs = str(KGO), str(XSD), "http://www.w3.org/2000/01/rdf-schema#"
    breaks = [
        lambda by_p: by_p.pop(kgo + "evidence", None),                                    # a required value gone
        lambda by_p: by_p.setdefault(kgo + "evidence", {}).update({Lit("又一句", "zh"): None}),   # one too many
        lambda by_p: by_p.__setitem__(kgo + "charStart", {typed(10 ** 6, xsd + "nonNegativeInteger"): None}),
        lambda by_p: by_p.__setitem__(kgo + "value", {Lit("x", None, xsd + "decimal"): None}),   # ill-typed
        lambda by_p: by_p.__setitem__(kgo + "unit", {Lit("万", "zh"): None}),
        lambda by_p: by_p.__setitem__(kgo + "indicator", {kgo + "NotAnIndicator": None}),      # sh:class
        lambda by_p: by_p.__setitem__(kgo + "asOf", {Lit("2023", None, xsd + "gYear"): None}),  # sh:or
        lambda by_p: by_p[str(RDF.type)].update({kgo + "Person": None}),                       # two classes
        lambda by_p: by_p.__setitem__(kgo + "promotes", {kgo + "x": None}),                     # a subject target
    ]
    seen = Counter()
    for ex in articles:
        rows, types = _plain(ex)
        for t in types:
            rows.add(*t)
        spo = rows.spo
        assert plain_conforms(spo, sg, _owned_plain) is (not plain_failures(spo, sg, _owned_plain))
        owned = [s for s in spo if _is_owned_plain(s)]
        for i, brk in enumerate(breaks):
            for s in owned[i % 3::7]:
                broken = {k: {p: dict(objs) for p, objs in v.items()} for k, v in spo.items()}
                brk(broken[s])
                failures = plain_failures(broken, sg, _owned_plain)
                assert plain_conforms(broken, sg, _owned_plain) is (not failures), (i, s)
                seen[bool(failures)] += 1
        with_subclass = dict(spo)
        with_subclass[kgo + "Position"] = {rdfs + "subClassOf": {kgo + "Statistic": None}}
        assert plain_conforms(with_subclass, sg, _owned_plain) is (not plain_failures(with_subclass, sg, _owned_plain))
    assert seen[True] > 100 and seen[False] > 10


def test_owned_nodes_load_as_the_lean_stores_terms(articles):
    """Fragment.nodes: each owned node (but LabelUses) loads as its triples
    but offsets, in rdflib terms and the lean store's layout."""
    from kg.cache import load_node, load_nodes

    for ex in articles[:8]:
        b, _ = _reference(ex)
        store = b.g.store
        offsets = {KGO.sentenceIndex, KGO.charStart, KGO.charEnd}
        expected = {str(s): {p: o for p, o in store.predicate_objects(s).items() if p not in offsets}
                    for s in store.subjects_in_order() if is_owned(s) and "/labeluse/" not in str(s)}
        loaded = {s: load_node(data) for s, data in load_nodes(make_fragment(ex).nodes).items()}
        assert loaded == expected
        for s, by_p in loaded.items():
            for p, o in by_p.items():
                stored = expected[s][p]
                assert type(o) is type(stored) and type(p) is URIRef
                if type(o) is Literal:
                    assert (o.language, o.datatype, o.value) == (stored.language, stored.datatype, stored.value)
    assert lean_node((("https://example.org/p", ("https://example.org/o", ("1", None, str(XSD.integer)))),)) == {
        URIRef("https://example.org/p"): {URIRef("https://example.org/o"): None, Literal(1): None}}


TRICKY = ['引号"与\\反斜杠', "换行\n回车\r制表\t", "扩展B𠀀𪚥字", "控制\x01\x7f字符", "", " 前后空白 ", "Ünïcödé"]


def test_tricky_literals_are_written_as_rdflib_writes_them():
    writer = TurtleWriter([("kgo", str(KGO)), ("xsd", str(XSD))])
    plain = TurtleWriter([("kgo", str(KGO)), ("xsd", str(XSD))])
    literals = [Literal(t) for t in TRICKY] + [Literal(t, lang="zh") for t in TRICKY]
    literals += [Literal(t, datatype=XSD.string) for t in TRICKY]
    decimals = ["0", "0.1", "-0.50", "1E+3", "1e-7", "3282000", "12.3400"]
    literals += [Literal(d, datatype=XSD.decimal) for d in decimals]
    literals += [Literal(v, datatype=XSD.nonNegativeInteger) for v in (0, 7, -1)]
    literals += [Literal(t, datatype=XSD.gYear) for t in ("2023", "0999", "20233")]
    by_p = {URIRef(f"{KGO}p{i}"): [lit] for i, lit in enumerate(literals)}
    by_p[KGO.many] = literals
    subject = URIRef("https://w3id.org/policy-kg/resource/statistic/x")
    expected = writer.block(subject, by_p)
    plain_pos = {str(p): dict.fromkeys(from_node(o) for o in objs) for p, objs in by_p.items()}
    assert plain.plain_block(str(subject), plain_pos, {}) == expected
    assert plain.used == writer.used
    for d in decimals:      # typed() gives rdflib's lexical form
        assert typed(d, str(XSD.decimal)) == from_node(Literal(d, datatype=XSD.decimal))
    parsed = {t.object for t in ox.parse(("PREFIX kgo: <%s>\nPREFIX xsd: <%s>\n" % (KGO, XSD) + expected).encode(),
                                         format=ox.RdfFormat.TURTLE)}
    assert {o.value for o in parsed} == {str(lit) for lit in literals}


def test_a_lone_surrogate_is_refused_on_both_paths():
    from kg.errors import KGError

    with pytest.raises(KGError):
        TurtleWriter([]).plain_block("https://example.org/s", {"https://example.org/p": {Lit("\ud800"): None}}, {})


def test_terms_round_trip():
    for node in (URIRef("https://example.org/x"), Literal("a"), Literal("a", lang="zh"), BNode("b"),
                 Literal("2023-11", datatype=XSD.gYearMonth), Literal("a", datatype=XSD.string)):
        assert to_node(from_node(node)) == node
        assert type(to_node(from_node(node))) is type(node)


def test_iris_are_checked_unless_a_valid_iri_vouches_for_them():
    """A new IRI that is a valid one's folder (or a valid namespace) plus
    unreserved characters is an IRI without asking pyoxigraph; any other is
    parsed, and one that is not an IRI is refused with its text."""
    from kg.errors import KGError

    writer = TurtleWriter([("kgo", "https://w3id.org/policy-kg/ontology#"), ("bad", "https://ex ample.org/")])
    fact = "https://w3id.org/policy-kg/resource/position/0a1b-c_d.e~f"
    block = writer.plain_block(fact, {"https://w3id.org/policy-kg/ontology#p": {fact: None}}, {})
    assert block == f"<{fact}>\n    kgo:p <{fact}> ;\n.\n" and writer.used == {"kgo"}
    for iri in ("https://ex ample.org/x", "https://example.org/a b", "not an iri", "https://example.org/<x>",
                "https://example.org/a/\u00e9\u0000", "a/b", "https://ex ample.org/x/y"):
        with pytest.raises(KGError, match="not a valid IRI"):
            writer.plain_block(iri, {"https://example.org/p": {Lit("x"): None}}, {})
    assert writer.plain_block("https://example.org/a/%C3%A9", {"https://example.org/p": {Lit("x"): None}}, {})
