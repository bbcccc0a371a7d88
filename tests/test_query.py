"""SPARQL on pyoxigraph: named queries checked against the same facts read
from the graph with rdflib, parameter binding (and its injection safety),
TriG input, and the `kg query` command."""
from __future__ import annotations

import re
from decimal import Decimal
from collections import Counter, defaultdict

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.cli import cli
from kg.errors import InputError
from kg.namespaces import KGO, ORG
from kg.query import (NamedQuery, bind_params, format_named_list, load_store, named_queries, named_query,
                      parse_term, run_named, run_query)
from kg.resources import query_names

SHIPPED = {"officials_and_posts", "what_organizations_promote", "targets_by_year", "indicator_series",
           "article_facts", "most_mentioned_entities"}
BYLINE = re.compile(r"记者|编辑|通讯员|摄影|撰稿|实习生")


@pytest.fixture(scope="module")
def seeds_graph(seeds_build):
    _, out = seeds_build
    path = out / "graph.ttl"
    return path, Graph().parse(path), load_store(path)


def _label(g: Graph, node) -> str:
    return str(g.value(node, SKOS.prefLabel))


def _articles(g: Graph) -> dict:
    return {a: str(g.value(a, DCTERMS.identifier)) for a in g.subjects(RDF.type, KGO.Article)}


# ---------------------------------------------------------------------------
# The packaged queries
# ---------------------------------------------------------------------------

def test_every_shipped_query_is_listed_and_documented():
    queries = {q.name: q for q in named_queries()}
    assert SHIPPED <= set(queries) == set(query_names())
    store = ox.Store()
    for q in queries.values():
        assert q.title and q.title != q.name and q.description, q.name
        assert q.text.lstrip().startswith("#"), q.name
        run_query(store, q.text)            # parses and runs on an empty store
    listing = format_named_list(list(queries.values()))
    for name in SHIPPED:
        assert name in listing
    assert "--param article=…  (required)" in listing


def test_officials_and_posts_are_the_graphs_positions(seeds_graph):
    _, g, store = seeds_graph
    expected = defaultdict(set)
    articles = _articles(g)
    for pos in g.subjects(RDF.type, KGO.Position):
        title = str(g.value(pos, KGO.title))
        if BYLINE.search(title):
            continue
        key = (_label(g, g.value(pos, ORG.member)), title, _label(g, g.value(pos, ORG.organization)))
        expected[key].add(articles[g.value(pos, PROV.wasDerivedFrom)])
    res = run_named(store, "officials_and_posts")
    assert res.columns[:4] == ["person", "title", "organization", "articles"]
    got = {tuple(r[:3]): (int(r[3]), set(r[4].split())) for r in res.rows}
    assert all(r[4].split() == sorted(r[4].split()) for r in res.rows)     # sources listed in order
    assert got == {k: (len(v), v) for k, v in expected.items()}
    assert ("金壮龙", "部长", "工业和信息化部") in got
    assert [tuple(r[:3]) for r in res.rows] == sorted(got, key=lambda k: (k[0], k[2], k[1]))


def test_a_param_narrows_and_cannot_inject(seeds_graph):
    _, _, store = seeds_graph
    everyone = run_named(store, "officials_and_posts")
    one = run_named(store, "officials_and_posts", {"person": "金壮龙"})
    assert one.rows and all(r[0] == "金壮龙" for r in one.rows)
    assert len(one.rows) == sum(r[0] == "金壮龙" for r in everyone.rows)
    for attack in ['金壮龙" } UNION { ?x ?y ?z } #', "金壮龙' || true || '", "} ; DROP ALL ; {"]:
        assert run_named(store, "officials_and_posts", {"person": attack}).rows == []


def test_what_organizations_promote_matches_the_edges(seeds_graph):
    _, g, store = seeds_graph
    expected = {(_label(g, s), _label(g, o)) for s, o in g.subject_objects(KGO.promotes)
                if (s, RDF.type, KGO.Organization) in g}
    res = run_named(store, "what_organizations_promote")
    assert {(r[0], r[1]) for r in res.rows} == expected
    assert all(r[3] for r in res.rows)                  # each with a sentence as evidence
    one = run_named(store, "what_organizations_promote", {"organization": "工业和信息化部"})
    assert one.rows and {r[0] for r in one.rows} == {"工业和信息化部"}


def test_targets_by_year_lists_every_target_in_year_order(seeds_graph):
    _, g, store = seeds_graph
    targets = list(g.subjects(RDF.type, KGO.Target))
    res = run_named(store, "targets_by_year")
    assert len(res.rows) == len(targets) > 0
    years = [r[0] for r in res.rows]
    known = [y for y in years if y]
    assert known == sorted(known) and years == known + [None] * (len(years) - len(known))
    expected_years = Counter(str(g.value(g.value(t, KGO.targetYear), KGO.year))
                             for t in targets if g.value(t, KGO.targetYear) is not None)
    assert Counter(known) == expected_years
    year = known[-1]
    assert {r[0] for r in run_named(store, "targets_by_year", {"year": year}).rows} == {year}


def test_article_facts_gives_every_fact_and_mention_of_one_article(seeds_graph):
    _, g, store = seeds_graph
    for article, file in _articles(g).items():
        facts = {str(f) for f in g.subjects(PROV.wasDerivedFrom, article)}
        mentioned = {str(e) for e in g.subjects(KGO.mentionedIn, article)}
        res = run_named(store, "article_facts", {"article": file})
        assert {r[0] for r in res.rows} == {file}
        nodes = Counter(r[8] for r in res.rows)
        assert set(nodes) == facts | mentioned and set(nodes.values()) == {1}   # each once
        sentences = [int(r[1]) for r in res.rows if r[1] is not None]
        assert sentences == sorted(sentences) and len(sentences) == len(facts)
        for row in res.rows:
            if row[8] in facts:
                assert row[7] and row[3] and row[4], row     # a fact: what it says, and its sentence
                if row[2] in ("Statistic", "Target"):
                    value = g.value(URIRef(row[8]), KGO.value)
                    assert Decimal(row[5].split(" ")[0]) == value.toPython()


def test_most_mentioned_entities_counts_articles(seeds_graph):
    _, g, store = seeds_graph
    res = run_named(store, "most_mentioned_entities")
    counts = {_label(g, e): len(set(g.objects(e, KGO.mentionedIn))) for e in set(g.subjects(KGO.mentionedIn))}
    assert 0 < len(res.rows) <= 50
    ranks = [int(r[2]) for r in res.rows]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == max(counts.values())
    for r in res.rows:
        assert counts[r[0]] == int(r[2])
    persons = run_named(store, "most_mentioned_entities", {"kind": "Person"})
    assert persons.rows and {r[1] for r in persons.rows} == {"Person"}


def test_params_are_checked():
    nq = named_query("article_facts")
    with pytest.raises(InputError, match="missing parameter"):
        bind_params(nq, {})
    with pytest.raises(InputError, match="unknown parameter 'nope'"):
        bind_params(nq, {"article": "a.txt", "nope": "1"})
    with pytest.raises(InputError, match="did you mean officials_and_posts"):
        named_query("officials")
    # undeclared, but a variable of the query: accepted
    assert bind_params(NamedQuery("q", "SELECT ?x WHERE { ?x ?p ?o }"), {"o": "v"}) == {"o": ox.Literal("v")}


def test_parse_term():
    assert parse_term("kgo:Person") == ox.NamedNode("https://w3id.org/policy-kg/ontology#Person")
    assert parse_term("<http://example.org/a>") == ox.NamedNode("http://example.org/a")
    assert parse_term("金壮龙") == ox.Literal("金壮龙")
    assert parse_term("nope:thing") == ox.Literal("nope:thing")      # unknown prefix: just text
    with pytest.raises(InputError):
        parse_term("<not an iri>")


def test_syntax_error_points_at_the_users_line(tmp_path):
    store = ox.Store()
    query = "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n}\nLIMIT x\n"
    with pytest.raises(InputError, match=r"at 5:(\d+)") as err:
        run_query(store, query)
    column = int(re.search(r"at 5:(\d+)", str(err.value)).group(1))
    assert query.splitlines()[4][column - 1:] == "x"      # 1-based column of the bad token


def test_trig_input_keeps_named_graphs(seeds_graph, tmp_path):
    from kg.export import export_file

    path, g, _ = seeds_graph
    trig = export_file(path, tmp_path / "g.trig")
    store = load_store(trig)
    union = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert int(union.rows[0][0]) == len(g)
    per_graph = run_query(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?f prov:wasDerivedFrom ?a } } "
                                 "GROUP BY ?g")
    assert {r[0] for r in per_graph.rows} == {str(a) for a in _articles(g)}


# ---------------------------------------------------------------------------
# kg query
# ---------------------------------------------------------------------------

def test_cli_named_query_list_and_params(seeds_graph):
    path, _, store = seeds_graph
    runner = CliRunner()
    listed = runner.invoke(cli, ["query", "--list"])
    assert listed.exit_code == 0 and all(n in listed.output for n in SHIPPED)
    ok = runner.invoke(cli, ["query", str(path), "--named", "officials_and_posts", "--param", "person=金壮龙",
                             "--format", "csv"])
    assert ok.exit_code == 0, ok.output
    lines = ok.output.strip().splitlines()
    assert lines[0].startswith("person,title,organization") and len(lines) - 1 == len(
        run_named(store, "officials_and_posts", {"person": "金壮龙"}).rows)
    missing = runner.invoke(cli, ["query", str(path), "--named", "article_facts"])
    assert missing.exit_code == 2 and "--param article=" in missing.output
    unknown = runner.invoke(cli, ["query", str(path), "--named", "nope"])
    assert unknown.exit_code == 2 and "no named query" in unknown.output
    bad_param = runner.invoke(cli, ["query", str(path), "--named", "targets_by_year", "--param", "year"])
    assert bad_param.exit_code == 2 and "KEY=VALUE" in bad_param.output
    two = runner.invoke(cli, ["query", str(path), "SELECT * WHERE {}", "--named", "targets_by_year"])
    assert two.exit_code == 2
    no_graph = runner.invoke(cli, ["query"])
    assert no_graph.exit_code == 2


def test_cli_file_query_with_param(seeds_graph, tmp_path):
    path, g, _ = seeds_graph
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?file ?title WHERE { ?a dcterms:identifier ?file ; dcterms:title ?title }",
                 encoding="utf-8")
    file = sorted(_articles(g).values())[0]
    res = CliRunner().invoke(cli, ["query", str(path), "--file", str(q), "--param", f"file={file}",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    assert f'"file": "{file}"' in res.output and res.output.count('"file"') == 1
