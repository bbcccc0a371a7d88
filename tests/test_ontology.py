"""The ontology and the shapes: both parse strictly, declare the whole public
vocabulary of docs/VOCABULARY.md, and agree with each other and with kg.models."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.models import Comparator, Kind
from kg.resources import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_MD = ROOT / "docs" / "VOCABULARY.md"

KGO = Namespace("https://w3id.org/policy-kg/ontology#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

# Parameters and vocabulary of SHACL Core (https://www.w3.org/TR/shacl/#core-components):
# anything else in shapes.ttl (sh:sparql, sh:rule, sh:js, …) would leave the Core.
SHACL_CORE = {SH[name] for name in """
    NodeShape PropertyShape targetClass targetNode targetSubjectsOf targetObjectsOf property path
    inversePath alternativePath zeroOrMorePath oneOrMorePath zeroOrOnePath class datatype nodeKind
    minCount maxCount minExclusive minInclusive maxExclusive maxInclusive minLength maxLength pattern
    flags languageIn uniqueLang equals disjoint lessThan lessThanOrEquals not and or xone node
    qualifiedValueShape qualifiedMinCount qualifiedMaxCount closed ignoredProperties hasValue in
    name description message severity deactivated order group defaultValue
    Violation Warning Info IRI Literal BlankNode BlankNodeOrIRI BlankNodeOrLiteral IRIOrLiteral
    """.split()}


def _packaged(name: str) -> str:
    return ontology_dir().joinpath(name).read_text(encoding="utf-8")


@cache
def ontology() -> Graph:
    return Graph().parse(data=_packaged("kg.ttl"), format="turtle")


@cache
def shapes() -> Graph:
    return Graph().parse(data=_packaged("shapes.ttl"), format="turtle")


# ---------------------------------------------------------------------------
# VOCABULARY.md, parsed
# ---------------------------------------------------------------------------

@cache
def vocabulary_prefixes() -> dict[str, str]:
    """The prefixes declared in the Turtle code block of VOCABULARY.md."""
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    block = re.search(r"```turtle\n(.*?)```", text, re.S).group(1)
    g = Graph(bind_namespaces="none").parse(data=block, format="turtle")
    return {prefix: str(ns) for prefix, ns in g.namespaces() if prefix}


@cache
def vocabulary_terms() -> frozenset[URIRef]:
    """Every prefixed name used in the tables and text of VOCABULARY.md."""
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    prefixes = vocabulary_prefixes()
    pattern = re.compile(rf"\b({'|'.join(map(re.escape, prefixes))}):([A-Za-z][A-Za-z0-9_]*)")
    return frozenset(URIRef(prefixes[p] + local) for p, local in pattern.findall(text))


@cache
def vocabulary_alignments() -> frozenset[tuple[URIRef, URIRef]]:
    """(kgo class, W3C class) pairs from the "aligned with" column and the "(⊑ X)" notes."""
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    prefixes = vocabulary_prefixes()

    def expand(qname: str) -> URIRef:
        prefix, local = qname.split(":")
        return URIRef(prefixes[prefix] + local)

    pairs = set()
    for row in text.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`kgo:"):
            continue
        cls = re.match(r"`(kgo:\w+)`", cells[0]).group(1)
        for qname in re.findall(r"⊑ `(\w+:\w+)`", cells[0]):
            pairs.add((expand(cls), expand(qname)))
        if len(cells) >= 3 and re.fullmatch(r"(`\w+:\w+`\s*)+", cells[-1]):          # the "aligned with" column
            for qname in re.findall(r"`(\w+:\w+)`", cells[-1]):
                pairs.add((expand(cls), expand(qname)))
    return frozenset(pairs)


def test_vocabulary_md_is_read_completely():
    """Guards the parser above: it must find the kinds of terms the page is about."""
    terms = vocabulary_terms()
    assert {KGO.Person, KGO.Target, KGO.refYear, KGO.AtLeast, KGO.heldIn, KGO.evidence} <= terms
    assert URIRef("http://www.w3.org/ns/org#subOrganizationOf") in terms
    assert len({t for t in terms if t.startswith(str(KGO))}) >= 25
    assert (KGO.Position, URIRef("http://www.w3.org/ns/org#Membership")) in vocabulary_alignments()
    assert (KGO.Person, URIRef("http://xmlns.com/foaf/0.1/Person")) in vocabulary_alignments()


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_parses_with_rdflib_and_pyoxigraph_alike(name):
    text = _packaged(name)
    strict = list(pyoxigraph.parse(input=text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    lenient = Graph().parse(data=text, format="turtle")
    assert len(strict) == len(lenient) > 100
    strict_named = {(str(t.subject.value), str(t.predicate.value), str(t.object.value)) for t in strict
                    if isinstance(t.subject, pyoxigraph.NamedNode) and isinstance(t.object, pyoxigraph.NamedNode)}
    lenient_named = {(str(s), str(p), str(o)) for s, p, o in lenient
                     if isinstance(s, URIRef) and isinstance(o, URIRef)}
    assert strict_named == lenient_named


def test_ontology_header():
    g = ontology()
    [onto] = list(g.subjects(RDF.type, OWL.Ontology))
    assert g.value(onto, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description):
        langs = {o.language for o in g.objects(onto, prop)}
        assert {"zh", "en"} <= langs


# ---------------------------------------------------------------------------
# The ontology declares the public vocabulary
# ---------------------------------------------------------------------------

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


def _kgo_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(KGO))}


def test_every_kgo_term_of_vocabulary_md_is_declared():
    declared = {s for s in _kgo_subjects(ontology()) if set(ontology().objects(s, RDF.type)) & DECLARATION_TYPES}
    missing = {t for t in vocabulary_terms() if t.startswith(str(KGO))} - declared
    assert not missing, sorted(missing)


@pytest.mark.parametrize("term", sorted(_kgo_subjects(ontology())), ids=lambda t: t.split("#")[-1])
def test_every_kgo_term_has_labels_and_comments_in_zh_and_en(term):
    g = ontology()
    for prop in (RDFS.label, RDFS.comment):
        values = list(g.objects(term, prop))
        assert {v.language for v in values} == {"zh", "en"}, (term, prop)
        assert all(str(v).strip() for v in values)
        zh = next(str(v) for v in values if v.language == "zh")
        assert re.search(r"[\u4e00-\u9fff]", zh), (term, "zh text without Chinese")


def _range_is_datatype(g: Graph, rng) -> bool:
    if isinstance(rng, BNode):
        members = Collection(g, g.value(rng, OWL.unionOf))
        return (rng, RDF.type, RDFS.Datatype) in g and all(_range_is_datatype(g, m) for m in members)
    return rng.startswith(str(XSD)) or rng == RDF.langString


def _range_is_class(g: Graph, rng) -> bool:
    if isinstance(rng, BNode):
        members = list(Collection(g, g.value(rng, OWL.unionOf)))
        return bool(members) and all(_range_is_class(g, m) for m in members)
    return (rng, RDF.type, OWL.Class) in g


def test_properties_are_typed_with_domain_and_range():
    g = ontology()
    object_props = set(g.subjects(RDF.type, OWL.ObjectProperty))
    datatype_props = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert not object_props & datatype_props
    vocabulary_props = {t for t in vocabulary_terms() if t.startswith(str(KGO)) and t.split("#")[1][0].islower()}
    assert vocabulary_props <= object_props | datatype_props
    for prop in object_props | datatype_props:
        domain, rng = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        assert domain is not None and rng is not None, prop
        assert _range_is_class(g, domain), prop
        if prop in object_props:
            assert _range_is_class(g, rng), prop
        else:
            assert _range_is_datatype(g, rng), prop


def test_classes_are_aligned_as_vocabulary_md_says():
    g = ontology()
    for cls, w3c in vocabulary_alignments():
        assert (cls, RDFS.subClassOf, w3c) in g or (cls, OWL.equivalentClass, w3c) in g, (cls, w3c)
    assert (KGO.Assertion, RDFS.subClassOf, RDF.Statement) in g


def test_every_w3c_term_of_vocabulary_md_is_used_by_the_ontology_or_the_shapes():
    used = {t for g in (ontology(), shapes()) for triple in g for t in triple if isinstance(t, URIRef)}
    external = {t for t in vocabulary_terms() if not t.startswith(str(KGO))}
    assert external and not external - used, sorted(external - used)


def test_models_enums_match_the_ontology():
    g = ontology()
    individuals = {s for s in g.subjects(RDF.type, KGO.Comparator)}
    assert individuals == {KGO[c.value] for c in Comparator}
    for kind in Kind:
        assert (KGO[kind.value], RDF.type, OWL.Class) in g


# ---------------------------------------------------------------------------
# The shapes
# ---------------------------------------------------------------------------

def test_shapes_are_well_formed_shacl():
    """pySHACL's SHACL-for-SHACL check of the shapes graph itself."""
    conforms, _, text = pyshacl_validate(Graph(), shacl_graph=shapes(), meta_shacl=True, inference="none")
    assert conforms, text


def test_shapes_use_shacl_core_only():
    used = {t for triple in shapes() for t in triple if isinstance(t, URIRef) and t.startswith(str(SH))}
    components = {t for t in used if t.endswith("ConstraintComponent")}   # annotated, not used as rules
    assert used - components <= SHACL_CORE, sorted(used - components - SHACL_CORE)


def test_every_target_class_and_kgo_term_in_the_shapes_is_declared():
    g, sg = ontology(), shapes()
    targets = set(sg.objects(None, SH.targetClass))
    assert targets and all((c, RDF.type, OWL.Class) in g for c in targets)
    used = {t for triple in sg for t in triple if isinstance(t, URIRef) and t.startswith(str(KGO))}
    assert not used - _kgo_subjects(g), sorted(used - _kgo_subjects(g))


def test_one_node_shape_per_class_and_fact_node():
    sg = shapes()
    targets = [c for ns in sg.subjects(RDF.type, SH.NodeShape) for c in sg.objects(ns, SH.targetClass)]
    assert len(targets) == len(set(targets))
    expected = {KGO[k.value] for k in Kind} | {KGO.Indicator, KGO.Year, KGO.Article, KGO.Topic,
                                               KGO.Position, KGO.Statistic, KGO.Target, KGO.Assertion,
                                               KGO.LabelUse}
    assert set(targets) == expected


def test_every_shape_has_a_name_and_message_in_both_languages():
    sg = shapes()
    named = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.subjects(RDF.type, SH.PropertyShape))
    assert len(named) > 40
    for shape in named:
        for prop in (SH.name, SH.message):
            assert {v.language for v in sg.objects(shape, prop)} == {"zh", "en"}, (shape, prop)
    # no anonymous rule without a message: every shape with a path is a named one
    assert set(sg.subjects(SH.path, None)) <= named


TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


def test_every_property_shape_is_targeted_and_reported_under_a_node_shape():
    """Property shapes carry their own targets (fast in pySHACL; see shapes.ttl):
    each must have one, and each target must also be a NodeShape's, which is
    the shape kg.validate reports the result under."""
    sg = shapes()
    assert not list(sg.subject_objects(SH.property))
    node_targets = {(p, o) for ns in sg.subjects(RDF.type, SH.NodeShape) for p in TARGETS
                    for o in sg.objects(ns, p)}
    for ps in sg.subjects(RDF.type, SH.PropertyShape):
        own = {(p, o) for p in TARGETS for o in sg.objects(ps, p)}
        assert own and own <= node_targets, ps


def _superclasses(g: Graph, cls: URIRef) -> set[URIRef]:
    seen, todo = set(), [cls]
    while todo:
        c = todo.pop()
        if c not in seen and isinstance(c, URIRef):
            seen.add(c)
            todo += list(g.objects(c, RDFS.subClassOf))
    return seen


def test_allowed_types_are_each_class_and_its_superclasses():
    sg, g = shapes(), ontology()
    checked = set()
    for ps in sg.subjects(SH.path, RDF.type):
        allowed = set(Collection(sg, sg.value(ps, SH["in"])))
        for cls in sg.objects(ps, SH.targetClass):
            assert allowed == _superclasses(g, cls), cls
            checked.add(cls)
    node_shape_classes = {c for ns in sg.subjects(RDF.type, SH.NodeShape) for c in sg.objects(ns, SH.targetClass)}
    assert checked == node_shape_classes


def test_comparator_list_in_the_shapes_is_the_ontology_s_individuals():
    sg = shapes()
    lists = [Collection(sg, o) for o in sg.objects(None, SH["in"])]
    comparator_lists = [set(c) for c in lists if KGO.AtLeast in set(c)]
    assert comparator_lists == [set(ontology().subjects(RDF.type, KGO.Comparator))]


def test_year_warnings_are_warnings_and_nothing_else_is_lenient_about_figures():
    sg = shapes()
    warn = {sg.value(s, SH.path) for s in sg.subjects(SH.severity, SH.Warning)
            if (s, SH.minCount, Literal(1)) in sg}
    assert {KGO.refYear, KGO.targetYear} <= warn
    assert not warn & {KGO.indicator, KGO.value, KGO.unit, KGO.evidence, KGO.title}
