"""SHACL validation: a graph in the shape of docs/ARCHITECTURE.md conforms, and
graphs broken on purpose are caught with readable findings."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kg.validate import Finding, ValidationReport, format_report, validate_file, validate_graph

# Plain Namespaces: rdflib's closed ones warn when pytest probes their attributes.
KGO = Namespace("https://w3id.org/policy-kg/ontology#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RES = "https://w3id.org/policy-kg/resource/"
ROOT = Path(__file__).resolve().parent.parent

# A passage in the genre (not from the seeds): a press briefing on energy storage.
ARTICLE_FILE = "n01_nea_storage.txt"
PASSAGE = (
    "国家能源局举行新闻发布会。"
    "国家能源局能源节约和科技装备司副司长边广琦介绍，截至2023年底，全国已建成投运新型储能项目累计装机规模达3139万千瓦。"
    "根据《关于加快推动新型储能发展的指导意见》，到2025年，新型储能装机规模达3000万千瓦以上。"
    "国家能源局将认真落实《关于加快推动新型储能发展的指导意见》。"
    "边广琦出席2024年全国能源工作会议。"
)
SENTENCES = [s + "。" for s in PASSAGE.split("。") if s]
S_POSITION, S_STAT, S_TARGET, S_PROMOTES, S_EVENT = SENTENCES[1], SENTENCES[1], SENTENCES[2], SENTENCES[3], SENTENCES[4]

PREFIXES = f"""
@prefix kgo: <https://w3id.org/policy-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix art: <{RES}article/> .
@prefix per: <{RES}person/> .
@prefix orgn: <{RES}organization/> .
@prefix ini: <{RES}initiative/> .
@prefix evt: <{RES}event/> .
@prefix ind: <{RES}indicator/> .
@prefix yr: <{RES}year/> .
@prefix pos: <{RES}position/> .
@prefix sta: <{RES}statistic/> .
@prefix tgt: <{RES}target/> .
@prefix asr: <{RES}assertion/> .
"""


def _prov(sentence: str) -> str:
    """Provenance triples of a fact read from ``sentence`` of the passage."""
    index = SENTENCES.index(sentence)
    start = PASSAGE.index(sentence)
    return (f'prov:wasDerivedFrom art:n01 ; kgo:evidence "{sentence}"@zh ; '
            f'kgo:sentenceIndex "{index}"^^xsd:nonNegativeInteger ; '
            f'kgo:charStart "{start}"^^xsd:nonNegativeInteger ; '
            f'kgo:charEnd "{start + len(sentence)}"^^xsd:nonNegativeInteger')


GOOD_TTL = PREFIXES + f"""
art:n01 a kgo:Article ; dcterms:identifier "{ARTICLE_FILE}" ;
    dcterms:title "国家能源局：新型储能装机规模快速增长"@zh ;
    dcterms:issued "2024-01-25"^^xsd:date ; dcterms:publisher orgn:nea ;
    dcterms:source <http://www.nea.gov.cn/2024-01/25/c_1310762019.htm> .

orgn:nea a kgo:Organization ; skos:prefLabel "国家能源局"@zh ; kgo:mentionedIn art:n01 ;
    kgo:promotes ini:guideline ; kgo:participatesIn evt:conf .
orgn:dept a kgo:Organization ; skos:prefLabel "国家能源局能源节约和科技装备司"@zh ;
    skos:altLabel "能源节约和科技装备司"@zh ; kgo:mentionedIn art:n01 ;
    org:subOrganizationOf orgn:nea .
per:bian a kgo:Person ; skos:prefLabel "边广琦"@zh ; kgo:mentionedIn art:n01 ;
    kgo:participatesIn evt:conf .
ini:guideline a kgo:Initiative ; skos:prefLabel "关于加快推动新型储能发展的指导意见"@zh ;
    kgo:mentionedIn art:n01 .
evt:conf a kgo:Event ; skos:prefLabel "全国能源工作会议"@zh ; kgo:mentionedIn art:n01 ;
    kgo:heldIn yr:2024 .
ind:cumulative a kgo:Indicator ; skos:prefLabel "新型储能项目累计装机规模"@zh .
ind:capacity a kgo:Indicator ; skos:prefLabel "新型储能装机规模"@zh .
yr:2023 a kgo:Year ; kgo:year "2023"^^xsd:gYear ; skos:prefLabel "2023年"@zh .
yr:2024 a kgo:Year ; kgo:year "2024"^^xsd:gYear ; skos:prefLabel "2024年"@zh .
yr:2025 a kgo:Year ; kgo:year "2025"^^xsd:gYear ; skos:prefLabel "2025年"@zh .

pos:p1 a kgo:Position ; org:member per:bian ; org:organization orgn:dept ;
    kgo:title "副司长"@zh ; {_prov(S_POSITION)} .

sta:s1 a kgo:Statistic ; kgo:indicator ind:cumulative ; kgo:value "31390000"^^xsd:decimal ;
    kgo:unit "千瓦" ; kgo:surface "3139万千瓦" ; kgo:refYear yr:2023 ;
    kgo:asOf "2023-12"^^xsd:gYearMonth ; kgo:period "截至2023年底" ; {_prov(S_STAT)} .

tgt:t1 a kgo:Target ; kgo:indicator ind:capacity ; kgo:value "30000000"^^xsd:decimal ;
    kgo:unit "千瓦" ; kgo:surface "3000万千瓦" ; kgo:targetYear yr:2025 ;
    kgo:comparator kgo:AtLeast ; kgo:setBy orgn:nea ; kgo:partOf ini:guideline ; {_prov(S_TARGET)} .

asr:a1 a kgo:Assertion ; rdf:subject orgn:nea ; rdf:predicate kgo:promotes ;
    rdf:object ini:guideline ; {_prov(S_PROMOTES)} .
asr:a2 a kgo:Assertion ; rdf:subject per:bian ; rdf:predicate kgo:participatesIn ;
    rdf:object evt:conf ; {_prov(S_EVENT)} .
asr:a3 a kgo:Assertion ; rdf:subject orgn:dept ; rdf:predicate org:subOrganizationOf ;
    rdf:object orgn:nea ; {_prov(S_POSITION)} .
"""

ARTICLE = URIRef(RES + "article/n01")
PERSON = URIRef(RES + "person/bian")
DEPT = URIRef(RES + "organization/dept")
POSITION = URIRef(RES + "position/p1")
STATISTIC = URIRef(RES + "statistic/s1")
TARGET = URIRef(RES + "target/t1")
ASSERTION = URIRef(RES + "assertion/a1")
YEAR_2023 = URIRef(RES + "year/2023")
FACTS = {"Position": (POSITION, S_POSITION), "Statistic": (STATISTIC, S_STAT),
         "Target": (TARGET, S_TARGET), "Assertion": (ASSERTION, S_PROMOTES)}


def good_graph() -> Graph:
    return Graph().parse(data=GOOD_TTL, format="turtle")


def patched(g: Graph, ttl: str) -> Graph:
    """``g`` with the Turtle statements ``ttl`` added."""
    g.parse(data=PREFIXES + ttl, format="turtle")
    return g


def only(report: ValidationReport, **match: str) -> list[Finding]:
    return [f for f in report.findings if all(getattr(f, k) == v for k, v in match.items())]


# ---------------------------------------------------------------------------
# The conforming graph
# ---------------------------------------------------------------------------

def test_graph_in_the_documented_shape_conforms_without_findings():
    report = validate_graph(good_graph())
    assert report.conforms, format_report(report)
    assert report.findings == []
    assert report.violations == [] and report.warnings == []
    assert len(report.results_graph) > 0   # the sh:ValidationReport itself


def test_validation_leaves_the_graph_untouched():
    g = good_graph()
    g.remove((TARGET, KGO.indicator, None))
    before = Graph()
    for t in g:
        before.add(t)
    validate_graph(g)
    assert isomorphic(g, before)


def test_validate_file_reads_a_turtle_file(tmp_path):
    path = tmp_path / "graph.ttl"
    g = good_graph()
    g.remove((TARGET, KGO.indicator, None))
    path.write_text(g.serialize(format="turtle"), encoding="utf-8")
    report = validate_file(path)
    assert not report.conforms
    assert [(f.shape, f.path) for f in report.violations] == [("kgsh:TargetShape", "kgo:indicator")]


# ---------------------------------------------------------------------------
# Graphs broken on purpose
# ---------------------------------------------------------------------------

def test_target_without_indicator():
    g = good_graph()
    g.remove((TARGET, KGO.indicator, None))
    report = validate_graph(g)
    assert not report.conforms
    [f] = report.violations
    assert (f.shape, f.path, f.component, f.focus_class) == ("kgsh:TargetShape", "kgo:indicator",
                                                             "MinCount", "Target")
    assert f.focus == str(TARGET)
    assert "3000万千瓦" in f.focus_label          # named by what it says, not by its IRI
    assert f.evidence == S_TARGET
    assert f.article == ARTICLE_FILE
    assert "指标" in f.message and "indicator" in f.message


def test_target_whose_indicator_is_not_an_indicator():
    g = good_graph()
    g.set((TARGET, KGO.indicator, DEPT))
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:TargetShape", "kgo:indicator", "Class")
    assert "国家能源局能源节约和科技装备司" in f.value


def test_position_without_person():
    g = good_graph()
    g.remove((POSITION, ORG.member, None))
    report = validate_graph(g)
    assert not report.conforms
    [f] = report.violations
    assert (f.shape, f.path, f.component) == ("kgsh:PositionShape", "org:member", "MinCount")
    assert "副司长" in f.focus_label and "国家能源局能源节约和科技装备司" in f.focus_label
    assert f.evidence == S_POSITION


def test_position_with_two_titles():
    g = patched(good_graph(), 'pos:p1 kgo:title "党组成员"@zh .')
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:PositionShape", "kgo:title", "MaxCount")
    assert "边广琦" in f.focus_label


def test_position_whose_member_is_an_organization():
    g = good_graph()
    g.set((POSITION, ORG.member, DEPT))
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("org:member", "Class")


@pytest.mark.parametrize("bad", ['"abc"^^xsd:decimal', '"3139万"', '"31390000"^^xsd:string',
                                 '"3.139E7"^^xsd:double', '31390000', '"31390000"@zh'])
def test_value_that_is_not_a_decimal(bad):
    g = good_graph()
    g.remove((STATISTIC, KGO.value, None))
    g = patched(g, f"sta:s1 kgo:value {bad} .")
    report = validate_graph(g)
    assert not report.conforms
    [f] = report.violations
    assert (f.shape, f.path, f.component) == ("kgsh:StatisticShape", "kgo:value", "Datatype")
    assert "新型储能项目累计装机规模" in f.focus_label
    assert f.evidence == S_STAT


def test_missing_value_and_unit():
    g = good_graph()
    g.remove((STATISTIC, KGO.value, None))
    g.remove((STATISTIC, KGO.unit, None))
    report = validate_graph(g)
    assert {(f.path, f.component) for f in report.violations} == {("kgo:value", "MinCount"),
                                                                 ("kgo:unit", "MinCount")}


def test_empty_unit_is_allowed_but_a_tagged_one_is_not():
    g = good_graph()
    g.set((STATISTIC, KGO.unit, Literal("")))
    assert validate_graph(g).conforms
    g.set((STATISTIC, KGO.unit, Literal("千瓦", lang="zh")))
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("kgo:unit", "Datatype")


@pytest.mark.parametrize("year, ok", [("1949", True), ("2024", True), ("2100", True), ("1948", False),
                                      ("2101", False), ("3024", False), ("0024", False),
                                      ("2024-05:00", False), ("abcd", False)])
def test_year_range(year, ok):
    g = good_graph()
    g.set((YEAR_2023, KGO.year, Literal(year, datatype=XSD.gYear)))
    g.set((YEAR_2023, SKOS.prefLabel, Literal(f"{year}年", lang="zh")))
    report = validate_graph(g)
    assert report.conforms is ok
    if not ok:
        [f] = report.violations
        assert (f.shape, f.path, f.component) == ("kgsh:YearShape", "kgo:year", "Pattern")
        assert f.focus_label == f"{year}年"
        assert f.value == f'"{year}"^^xsd:gYear'


def test_year_as_a_plain_string_or_integer():
    for bad in (Literal("2023"), Literal(2023)):
        g = good_graph()
        g.set((YEAR_2023, KGO.year, bad))
        [f] = validate_graph(g).violations
        assert (f.path, f.component) == ("kgo:year", "Datatype")


def test_ref_year_must_point_to_a_year_node():
    g = good_graph()
    g.set((STATISTIC, KGO.refYear, Literal("2023", datatype=XSD.gYear)))
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:StatisticShape", "kgo:refYear", "Class")


def test_entity_with_two_zh_pref_labels():
    g = patched(good_graph(), 'per:bian skos:prefLabel "边广奇"@zh .')
    report = validate_graph(g)
    assert not report.conforms
    found = only(report, shape="kgsh:PersonShape", path="skos:prefLabel")
    assert {f.component for f in found} == {"MaxCount", "UniqueLang"}
    assert all(f.focus == str(PERSON) and f.focus_label == "边广奇 / 边广琦" for f in found)
    assert {f.severity for f in report.findings} == {"Violation"}


@pytest.mark.parametrize("label, component", [(Literal("Bian Guangqi", lang="en"), "LanguageIn"),
                                              (Literal("边广琦"), "LanguageIn"),
                                              (Literal("", lang="zh"), "MinLength")])
def test_entity_pref_label_must_be_non_empty_zh(label, component):
    g = good_graph()
    g.set((PERSON, SKOS.prefLabel, label))
    found = only(validate_graph(g), path="skos:prefLabel", severity="Violation")
    assert [f.component for f in found] == [component]


def test_entity_without_pref_label_is_named_by_its_iri():
    g = good_graph()
    g.remove((DEPT, SKOS.prefLabel, None))
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:OrganizationShape", "skos:prefLabel", "MinCount")
    assert f.focus_label == "kgr:organization/dept"
    assert f.article == ARTICLE_FILE                # from kgo:mentionedIn


def test_name_with_book_title_marks_is_only_a_warning():
    g = good_graph()
    g.set((URIRef(RES + "initiative/guideline"), SKOS.prefLabel,
           Literal("《关于加快推动新型储能发展的指导意见》", lang="zh")))
    report = validate_graph(g)
    assert report.conforms
    [f] = report.warnings
    assert (f.shape, f.path, f.component) == ("kgsh:InitiativeShape", "skos:prefLabel", "Pattern")


@pytest.mark.parametrize("kind", sorted(FACTS))
@pytest.mark.parametrize("prop", [PROV.wasDerivedFrom, KGO.evidence])
def test_fact_without_provenance(kind, prop):
    node, sentence = FACTS[kind]
    g = good_graph()
    g.remove((node, prop, None))
    report = validate_graph(g)
    assert not report.conforms
    [f] = report.violations
    qname = "prov:wasDerivedFrom" if prop == PROV.wasDerivedFrom else "kgo:evidence"
    assert (f.shape, f.path, f.component, f.focus_class) == (f"kgsh:{kind}Shape", qname, "MinCount", kind)
    assert f.evidence == (None if prop == KGO.evidence else sentence)
    assert f.article == (None if prop == PROV.wasDerivedFrom else ARTICLE_FILE)


def test_fact_derived_from_two_articles_or_from_a_non_article():
    g = patched(good_graph(), 'sta:s1 prov:wasDerivedFrom art:n02 . '
                              'art:n02 a kgo:Article ; dcterms:identifier "n02.txt" .')
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("prov:wasDerivedFrom", "MaxCount")
    g = good_graph()
    g.set((ASSERTION, PROV.wasDerivedFrom, PERSON))
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:AssertionShape", "prov:wasDerivedFrom", "Class")
    assert "国家能源局" in f.focus_label and "关于加快推动新型储能发展的指导意见" in f.focus_label


def test_offsets_in_the_wrong_order_or_type():
    g = good_graph()
    g.set((POSITION, KGO.charStart, Literal(500, datatype=XSD.nonNegativeInteger)))
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("kgo:charStart", "LessThan")
    g = good_graph()
    g.set((POSITION, KGO.sentenceIndex, Literal(-1)))
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("kgo:sentenceIndex", "Datatype")


def test_missing_offsets_are_warnings():
    g = good_graph()
    for p in (KGO.sentenceIndex, KGO.charStart, KGO.charEnd):
        g.remove((ASSERTION, p, None))
    report = validate_graph(g)
    assert report.conforms
    assert sorted(f.path for f in report.warnings) == ["kgo:charEnd", "kgo:charStart", "kgo:sentenceIndex"]


def test_statistic_without_year_conforms_with_a_warning():
    g = good_graph()
    g.remove((STATISTIC, KGO.refYear, None))
    report = validate_graph(g)
    assert report.conforms
    assert report.violations == []
    [f] = report.warnings
    assert (f.severity, f.shape, f.path, f.component) == ("Warning", "kgsh:StatisticShape",
                                                          "kgo:refYear", "MinCount")
    assert "新型储能项目累计装机规模" in f.focus_label and f.evidence == S_STAT


def test_target_without_year_conforms_with_a_warning():
    g = good_graph()
    g.remove((TARGET, KGO.targetYear, None))
    report = validate_graph(g)
    assert report.conforms
    assert [(f.shape, f.path) for f in report.warnings] == [("kgsh:TargetShape", "kgo:targetYear")]


def test_statistic_with_a_target_year_and_a_node_both_statistic_and_target():
    g = patched(good_graph(), "sta:s1 kgo:targetYear yr:2025 .")
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("kgo:targetYear", "MaxCount")
    g = patched(good_graph(), "sta:s1 a kgo:Target .")
    report = validate_graph(g)
    assert {(f.shape, f.path) for f in report.violations} >= {("kgsh:StatisticShape", "rdf:type"),
                                                              ("kgsh:TargetShape", "rdf:type")}


@pytest.mark.parametrize("comparator, ok", [("kgo:About", True), ("kgo:Exactly", True),
                                            ("kgo:Approximately", False), ('"AtLeast"', False)])
def test_comparator_is_one_of_the_four(comparator, ok):
    g = good_graph()
    g.remove((TARGET, KGO.comparator, None))
    report = validate_graph(patched(g, f"tgt:t1 kgo:comparator {comparator} ."))
    assert report.conforms is ok
    if not ok:
        [f] = report.violations
        assert (f.path, f.component) == ("kgo:comparator", "In")


def test_set_by_and_part_of_ranges():
    g = good_graph()
    g.set((TARGET, KGO.setBy, YEAR_2023))
    g.set((TARGET, KGO.partOf, DEPT))
    report = validate_graph(g)
    assert {(f.path, f.component) for f in report.violations} == {("kgo:setBy", "Or"),
                                                                 ("kgo:partOf", "Class")}


def test_article_identifier_required_and_unique():
    g = good_graph()
    g.remove((ARTICLE, DCTERMS.identifier, None))
    [f] = validate_graph(g).violations
    assert (f.shape, f.path, f.component) == ("kgsh:ArticleShape", "dcterms:identifier", "MinCount")
    g = patched(good_graph(), f'art:copy a kgo:Article ; dcterms:identifier "{ARTICLE_FILE}" .')
    [f] = validate_graph(g).violations
    assert (f.shape, f.path) == ("kgsh:ArticleIdentifierUniqueShape", "^dcterms:identifier")
    assert f.focus_label == ARTICLE_FILE and f.article == ARTICLE_FILE


def test_article_issued_datatypes():
    for ok in (Literal("2024-01", datatype=XSD.gYearMonth), Literal("2024", datatype=XSD.gYear)):
        g = good_graph()
        g.set((ARTICLE, DCTERMS.issued, ok))
        assert validate_graph(g).conforms
    g = good_graph()
    g.set((ARTICLE, DCTERMS.issued, Literal("2024年1月25日")))
    [f] = validate_graph(g).violations
    assert (f.path, f.component) == ("dcterms:issued", "Or")


def test_plain_edges_need_the_right_kinds_of_nodes():
    g = patched(good_graph(), "ind:capacity kgo:promotes ini:guideline . "
                              "per:bian org:subOrganizationOf orgn:nea . "
                              "orgn:nea kgo:participatesIn ini:guideline .")
    report = validate_graph(g)
    got = {(f.shape, f.focus_label) for f in report.violations}
    assert ("kgsh:PromotesSubjectShape", "新型储能装机规模") in got
    assert ("kgsh:SubOrganizationSubjectShape", "边广琦") in got
    assert ("kgsh:OrganizationShape", "国家能源局") in got   # participatesIn → not an Event


def test_assertion_with_an_unknown_predicate_is_a_warning():
    g = good_graph()
    g.set((ASSERTION, RDF.predicate, DCTERMS.publisher))
    report = validate_graph(g)
    assert report.conforms
    [f] = report.warnings
    assert (f.shape, f.path, f.component) == ("kgsh:AssertionShape", "rdf:predicate", "In")


# ---------------------------------------------------------------------------
# The text report
# ---------------------------------------------------------------------------

def test_format_report_names_label_evidence_and_article():
    g = good_graph()
    g.remove((TARGET, KGO.indicator, None))
    g.remove((STATISTIC, KGO.refYear, None))
    g.remove((POSITION, ORG.member, None))
    report = validate_graph(g)
    text = format_report(report)
    assert "违规 / Violations (2)" in text and "警告 / Warnings (1)" in text
    assert "[kgsh:TargetShape] 目标 / Target" in text and "[kgsh:PositionShape] 职务 / Position" in text
    for f in report.findings:
        assert f.focus_label in text
        assert f.evidence in text
        assert f.path in text
    assert ARTICLE_FILE in text
    assert text.rstrip("\n").splitlines()[-1] == "2 violations, 1 warnings"
    # violations come before warnings
    assert text.index("Violations") < text.index("Warnings")


def test_format_report_of_a_conforming_graph_and_the_limit():
    assert format_report(validate_graph(good_graph())).rstrip().endswith("0 violations, 0 warnings")
    g = good_graph()
    for i in range(5):
        g = patched(g, f'per:x{i} a kgo:Person ; skos:prefLabel "某人{i}"@zh .')   # no mentionedIn
    report = validate_graph(g)
    assert len(report.warnings) == 5
    text = format_report(report, limit=2)
    assert "3 more" in text and text.count("• 某人") == 2


# ---------------------------------------------------------------------------
# Real articles: every gold annotation, written as a graph, passes the shapes
# ---------------------------------------------------------------------------

GOLD_SETS = [(ROOT / "tests/data/gold/seeds", ROOT / "seeds"),
             (ROOT / "tests/data/dev/gold", ROOT / "tests/data/dev/texts")]


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^。！？\n]+[。！？]?", text) if m.group().strip()]


def _gold_graph(gold: dict, text: str) -> tuple[Graph, int]:
    """The gold annotation of one article, written in the graph shape of docs/ARCHITECTURE.md.

    Returns the graph and the number of figures without a year."""
    g = Graph()
    art = URIRef(RES + "article/" + re.sub(r"[^A-Za-z0-9_-]", "_", gold["file"]))
    g.add((art, RDF.type, KGO.Article))
    g.add((art, DCTERMS.identifier, Literal(gold["file"])))
    issued = gold.get("issued")
    if issued:
        datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(issued), XSD.date)
        g.add((art, DCTERMS.issued, Literal(issued, datatype=datatype)))
    sentences = _sentences(text)
    nodes: dict[str, URIRef] = {}
    counter = iter(range(10**6))

    def entity(kind: str, item: dict) -> None:
        node = URIRef(f"{RES}{kind.lower()}/{next(counter)}")
        nodes[item["label"]] = node
        g.add((node, RDF.type, KGO[kind]))
        g.add((node, SKOS.prefLabel, Literal(item["label"], lang="zh")))
        for alias in item["aliases"]:
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        g.add((node, KGO.mentionedIn, art))

    def fact(cls: str, *names: str, evidence: str | None = None) -> URIRef:
        node = URIRef(f"{RES}{cls.lower()}/{next(counter)}")
        g.add((node, RDF.type, KGO[cls]))
        g.add((node, PROV.wasDerivedFrom, art))
        found = [(i, s, sent) for i, (s, sent) in enumerate(sentences)
                 if (evidence and evidence in sent) or (not evidence and all(n in sent for n in names))]
        found = found or [(i, s, sent) for i, (s, sent) in enumerate(sentences) if names and names[0] in sent]
        if found:
            i, start, sent = found[0]
            g.add((node, KGO.sentenceIndex, Literal(i, datatype=XSD.nonNegativeInteger)))
            g.add((node, KGO.charStart, Literal(start, datatype=XSD.nonNegativeInteger)))
            g.add((node, KGO.charEnd, Literal(start + len(sent), datatype=XSD.nonNegativeInteger)))
        g.add((node, KGO.evidence, Literal(found[0][2] if found else (evidence or names[0]), lang="zh")))
        return node

    def edge(s: str, p: URIRef, o: str) -> None:
        g.add((nodes[s], p, nodes[o]))
        a = fact("Assertion", s, o)
        g.add((a, RDF.subject, nodes[s]))
        g.add((a, RDF.predicate, p))
        g.add((a, RDF.object, nodes[o]))

    for key, kind in (("persons", "Person"), ("organizations", "Organization"),
                      ("initiatives", "Initiative"), ("events", "Event")):
        for item in gold[key]:
            entity(kind, item)
    for p in gold["positions"]:
        node = fact("Position", p["person"])
        g.add((node, ORG.member, nodes[p["person"]]))
        g.add((node, ORG.organization, nodes[p["organization"]]))
        g.add((node, KGO.title, Literal(p["title"], lang="zh")))
    for s in gold["suborganizations"]:
        edge(s["child"], ORG.subOrganizationOf, s["parent"])
    for p in gold["promotes"]:
        edge(p["agents"][0], KGO.promotes, p["initiative"])
    for p in gold["participates"]:
        edge(p["agents"][0], KGO.participatesIn, p["event"])
    yearless = 0
    for key, cls, year_prop in (("statistics", "Statistic", KGO.refYear), ("targets", "Target", KGO.targetYear)):
        for item in gold[key]:
            node = fact(cls, evidence=item["evidence"])
            ind = URIRef(f"{RES}indicator/{next(counter)}")
            g.add((ind, RDF.type, KGO.Indicator))
            g.add((ind, SKOS.prefLabel, Literal(item["indicator"], lang="zh")))
            g.add((node, KGO.indicator, ind))
            g.add((node, KGO.value, Literal(Decimal(str(item["value"])), datatype=XSD.decimal)))
            g.add((node, KGO.unit, Literal(item["unit"])))
            if item.get("comparator"):
                g.add((node, KGO.comparator, KGO[item["comparator"]]))
            if item["year"] is None:
                yearless += 1
                continue
            year = URIRef(f"{RES}year/{item['year']}")
            g.add((year, RDF.type, KGO.Year))
            g.add((year, KGO.year, Literal(str(item["year"]), datatype=XSD.gYear)))
            g.add((year, SKOS.prefLabel, Literal(f"{item['year']}年", lang="zh")))
            g.add((node, year_prop, year))
    return g, yearless


@pytest.mark.parametrize("gold_path", [p for gold_dir, _ in GOLD_SETS for p in sorted(gold_dir.glob("*.json"))],
                         ids=lambda p: p.stem)
def test_gold_annotations_of_real_articles_conform(gold_path):
    texts = dict(GOLD_SETS)[gold_path.parent]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (texts / gold["file"]).read_text(encoding="utf-8")
    g, yearless = _gold_graph(gold, text)
    report = validate_graph(g)
    assert report.conforms, format_report(report)
    year_warnings = [f for f in report.warnings if f.path in ("kgo:refYear", "kgo:targetYear")]
    assert len(year_warnings) == yearless
    allowed = {"kgo:refYear", "kgo:targetYear", "kgo:sentenceIndex", "kgo:charStart", "kgo:charEnd"}
    assert {f.path for f in report.warnings} <= allowed, format_report(report)
