"""The read-only SPARQL endpoint, queried over real HTTP on 127.0.0.1 with
SPARQLWrapper and urllib: same rows as `kg query`, content negotiation,
updates and SERVICE refused, CORS, and `kg serve` as a real process."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.cli import cli
from kg.errors import InputError
from kg.query import load_store, named_queries, run_query
from kg.serve import make_server, negotiate, uses_service

from .conftest import ROOT

PERSONS = "SELECT ?name WHERE { ?p a kgo:Person ; skos:prefLabel ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def graph_path(seeds_build):
    return seeds_build[1] / "graph.ttl"


@pytest.fixture(scope="module")
def endpoint(graph_path):
    server = make_server(graph_path, "127.0.0.1", 0).start()
    yield server.url
    server.close()


def _wrapper(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw


def _json_rows(data: dict) -> list[list[str | None]]:
    names = data["head"]["vars"]
    return [[b[n]["value"] if n in b else None for n in names] for b in data["results"]["bindings"]]


def _http(url: str, *, data: bytes | None = None, method: str | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# ---------------------------------------------------------------------------
# Same rows as kg query
# ---------------------------------------------------------------------------

def test_named_queries_give_the_same_rows_over_http(endpoint, graph_path):
    store = load_store(graph_path)
    checked = 0
    for nq in named_queries():
        if any(p.required for p in nq.params):
            continue
        local = run_query(store, nq.text)
        for method in (None, POST):
            remote = _wrapper(endpoint, nq.text, JSON, method).query().convert()
            assert remote["head"]["vars"] == local.columns, nq.name
            assert _json_rows(remote) == local.rows, nq.name
        checked += 1
    assert checked >= 5


def test_the_cli_table_and_the_endpoint_agree(endpoint, graph_path):
    cli_out = CliRunner().invoke(cli, ["query", str(graph_path), PERSONS, "--format", "csv"])
    assert cli_out.exit_code == 0
    remote = _wrapper(endpoint, PERSONS, CSV).query().convert().decode("utf-8")
    assert list(csv.reader(io.StringIO(remote))) == list(csv.reader(io.StringIO(cli_out.output)))


# ---------------------------------------------------------------------------
# Protocol: negotiation, POST forms, CONSTRUCT, errors
# ---------------------------------------------------------------------------

def test_result_formats_are_negotiated(endpoint, graph_path):
    expected = run_query(load_store(graph_path), PERSONS).rows
    names = [r[0] for r in expected]
    xml = _wrapper(endpoint, PERSONS, XML).query().convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == names
    tsv = _wrapper(endpoint, PERSONS, TSV).query().convert().decode("utf-8").splitlines()
    assert tsv[0] == "?name" and [line.split("@")[0].strip('"') for line in tsv[1:]] == names
    q = urllib.parse.urlencode({"query": PERSONS})
    for accept, ctype in (("text/csv", "text/csv"), ("application/sparql-results+json", "application/sparql-results+json"),
                          ("text/html;q=0.9, text/csv;q=0.1", "text/csv"),
                          ("*/*", "application/sparql-results+json"), ("", "application/sparql-results+json")):
        status, headers, _ = _http(f"{endpoint}?{q}", headers={"Accept": accept} if accept else {})
        assert status == 200 and headers["Content-Type"].startswith(ctype), accept
    status, _, body = _http(f"{endpoint}?{q}", headers={"Accept": "image/png"})
    assert status == 406 and b"text/csv" in body


def test_post_bodies(endpoint):
    form = urllib.parse.urlencode({"query": "ASK { ?s a kgo:Person }"}).encode()
    status, _, body = _http(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = _http(endpoint, data="ASK { ?s a kgo:Nothing }".encode(),
                            headers={"Content-Type": "application/sparql-query", "Accept": "application/json"})
    assert status == 200 and json.loads(body)["boolean"] is False
    status, _, _ = _http(endpoint, data=b"query=x", headers={"Content-Type": "text/plain"})
    assert status == 415


def test_construct_is_turtle_or_ntriples(endpoint, graph_path):
    query = "CONSTRUCT { ?p a kgo:Person ; skos:prefLabel ?n } WHERE { ?p a kgo:Person ; skos:prefLabel ?n }"
    n_persons = len(run_query(load_store(graph_path), PERSONS).rows)
    url = f"{endpoint}?{urllib.parse.urlencode({'query': query})}"
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), (None, "turtle"),
                        ("application/ld+json", "json-ld")):
        status, headers, body = _http(url, headers={"Accept": accept} if accept else {})
        assert status == 200, accept
        g = Graph().parse(data=body.decode("utf-8"), format=fmt)
        assert len(g) == 2 * n_persons, accept


def test_bad_query_is_400_with_line_and_column(endpoint):
    with pytest.raises(QueryBadFormed) as err:
        _wrapper(endpoint, "SELECT ?x WHERE {\n  ?x ?y ?z .\n}\nLIMIT x").query()
    assert "4:7" in str(err.value)


def test_updates_and_writes_are_refused(endpoint):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    status, _, body = _http(endpoint, data=urllib.parse.urlencode({"update": update}).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in body
    status, _, _ = _http(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = _http(f"{endpoint}?{urllib.parse.urlencode({'update': update})}")
    assert status == 403
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = _http(endpoint, data=b"<urn:a> <urn:b> <urn:c> .", method=method,
                                   headers={"Content-Type": "text/turtle"})
        assert status == 405 and "POST" in headers["Allow"], method
    # an update sent as a query is just a syntax error, and nothing changed
    status, _, _ = _http(f"{endpoint}?{urllib.parse.urlencode({'query': update})}")
    assert status == 400
    ask = _wrapper(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }").query().convert()
    assert ask["boolean"] is False


def test_cors_for_browser_clients(endpoint):
    status, headers, _ = _http(endpoint, method="OPTIONS",
                               headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _ = _http(f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = _http(endpoint.replace("/sparql", "/nowhere"))
    assert status == 404 and headers["Access-Control-Allow-Origin"] == "*"


def test_service_is_refused(endpoint):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    status, _, body = _http(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    assert status == 403 and b"SERVICE" in body


@pytest.mark.parametrize("query, found", [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s ?p ?o }SERVICE<http://x/>{}", True),
    ('SELECT * WHERE { ?s ?p "SERVICE" }', False),
    ("SELECT ?service WHERE { ?service <http://x/SERVICE> ?o } # SERVICE", False),
    ("SELECT * WHERE { ?s ex:SERVICE ?o }", False),
    ("SELECT * WHERE { ?s ?p '''a\nSERVICE b''' }", False),
])
def test_uses_service(query, found):
    assert uses_service(query) is found


@pytest.mark.parametrize("accept, expected", [
    ("text/csv", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("image/png, */*;q=0.1", "application/sparql-results+json"),
    ("image/png", None),
    ("text/csv;q=0", None),
    (None, "application/sparql-results+json"),
])
def test_negotiate(accept, expected):
    offered = {"application/sparql-results+json": 1, "application/sparql-results+xml": 1, "text/csv": 1}
    assert negotiate(accept, offered, "application/sparql-results+json") == expected


def test_dataset_parameters_choose_an_article_graph(graph_path, tmp_path):
    from kg.export import export_file

    trig = export_file(graph_path, tmp_path / "g.trig")
    store = load_store(trig)
    per_article = run_query(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?f prov:wasDerivedFrom ?a } } "
                                   "GROUP BY ?g ORDER BY ?g")
    article, n = per_article.rows[0][0], int(per_article.rows[0][1])
    server = make_server(store, port=0).start()
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?f prov:wasDerivedFrom ?a }"
        sw = _wrapper(server.url, query)
        sw.addParameter("default-graph-uri", article)
        assert int(_json_rows(sw.query().convert())[0][0]) == n
        total = int(_json_rows(_wrapper(server.url, query).query().convert())[0][0])
        assert total == sum(int(r[1]) for r in per_article.rows) > n
    finally:
        server.close()


# ---------------------------------------------------------------------------
# kg serve
# ---------------------------------------------------------------------------

def test_kg_serve_runs_as_a_process(graph_path, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph_path), "--port", "0", "--quiet",
                             "--store-dir", str(tmp_path / "stores")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert "SPARQL endpoint" in line, proc.stderr.read() if proc.poll() is not None else line
        url = next(word for word in line.split() if word.startswith("http://127.0.0.1:"))
        rows = _json_rows(_wrapper(url, PERSONS).query().convert())
        assert rows == run_query(load_store(graph_path), PERSONS).rows
        # served from the persistent store, whose recorded size is what it announces
        from kg.oxstore import store_path

        assert (store_path(graph_path, tmp_path / "stores") / "fingerprint.json").is_file()
        assert f"({len(load_store(graph_path))} triples)" in line
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_kg_serve_errors_exit_2(graph_path, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", str(tmp_path / "missing.ttl"), "--port", "0"])
    assert missing.exit_code == 2 and "no such file" in missing.output
    busy = make_server(graph_path, port=0)
    try:
        port = str(busy.server_address[1])
        taken = runner.invoke(cli, ["serve", str(graph_path), "--port", port])
        assert taken.exit_code == 2 and "cannot listen" in taken.output
    finally:
        busy.server_close()
    with pytest.raises(InputError):
        make_server(graph_path, "256.0.0.1", 0)


def test_concurrent_clients_get_the_same_answers(endpoint, graph_path):
    from concurrent.futures import ThreadPoolExecutor

    expected = run_query(load_store(graph_path), PERSONS).rows

    def ask(_):
        return _json_rows(_wrapper(endpoint, PERSONS).query().convert())

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(ask, range(24)))
    assert all(a == expected for a in answers)
