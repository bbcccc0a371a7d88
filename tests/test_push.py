"""`kg push` against a real Oxigraph server (the `oxigraph` package's binary)
started on 127.0.0.1 by these tests: idempotent PUTs, the graph queried back,
and clear messages for a refused connection, an HTTP error and blank nodes."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import cli
from kg.export import read_triples, split_by_article
from kg.push import DEFAULT_GRAPH, PushError, graph_payloads, graph_url, push
from kg.query import PREFIXES, load_store, named_query, run_query


def _oxigraph_binary() -> str:
    local = Path(sys.executable).with_name("oxigraph")
    found = str(local) if local.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install -e '.[test]' installs it"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server on loopback; yields its base URL."""
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([_oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}", "--location", str(data),
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph did not start: {proc.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def graph_path(seeds_build):
    return seeds_build[1] / "graph.ttl"


def _select(base: str, query: str) -> list[list[str | None]]:
    sw = SPARQLWrapper(f"{base}/query")
    sw.setQuery(PREFIXES + query)
    sw.setReturnFormat(JSON)
    data = sw.query().convert()
    names = data["head"]["vars"]
    return [[b[n]["value"] if n in b else None for n in names] for b in data["results"]["bindings"]]


def _counts(base: str) -> tuple[int, int, int]:
    quads = int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0])
    distinct = int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                 "WHERE { GRAPH ?g { ?s ?p ?o } } }")[0][0])
    graphs = int(_select(base, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0])
    return quads, distinct, graphs


def _clear(base: str) -> None:
    req = urllib.request.Request(f"{base}/update", data=b"DROP ALL", method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(req, timeout=30).read()


def test_push_twice_is_idempotent_and_queries_back(oxigraph, graph_path):
    _clear(oxigraph)
    triples = read_triples(graph_path)
    quads = split_by_article(triples)
    first = push(triples, f"{oxigraph}/store")
    after_first = _counts(oxigraph)
    second = push(triples, f"{oxigraph}/store")
    assert _counts(oxigraph) == after_first == (len(quads), len(triples), len(first.graphs))
    assert first.graphs == second.graphs and first.triples == len(quads)
    names = {name for name, _ in first.graphs}
    articles = run_query(load_store(graph_path), "SELECT ?a WHERE { ?a a kgo:Article }").rows
    assert names == {DEFAULT_GRAPH} | {r[0] for r in articles}
    # the server answers a named query as kg query does
    text = named_query("officials_and_posts").text
    assert _select(oxigraph, text) == run_query(load_store(graph_path), text).rows
    # a fact is in its article's graph on the server
    row = _select(oxigraph, "SELECT ?g ?a WHERE { GRAPH ?g { ?f a kgo:Position ; prov:wasDerivedFrom ?a } } LIMIT 1")
    assert row and row[0][0] == row[0][1]


def test_push_into_one_named_graph(oxigraph, graph_path):
    _clear(oxigraph)
    triples = read_triples(graph_path)
    iri = "https://example.org/graphs/policy"
    for _ in range(2):
        result = push(triples, f"{oxigraph}/store", graph=iri, single=True)
    assert result.graphs == [(iri, len(triples))]
    assert _counts(oxigraph) == (len(triples), len(triples), 1)
    n = _select(oxigraph, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    assert int(n[0][0]) == len(triples)


def test_refused_connection_is_a_clear_message(graph_path):
    port = _free_port()           # nothing listens there
    with pytest.raises(PushError, match="connection refused"):
        push(read_triples(graph_path), f"http://127.0.0.1:{port}/store")
    res = CliRunner().invoke(cli, ["push", str(graph_path), "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert res.exit_code == 2 and "connection refused" in res.output and "Traceback" not in res.output


def test_http_error_is_a_clear_message(oxigraph, graph_path):
    with pytest.raises(PushError, match=r"HTTP 4\d\d"):
        push(read_triples(graph_path), f"{oxigraph}/no-such-service")
    res = CliRunner().invoke(cli, ["push", str(graph_path), "--endpoint", f"{oxigraph}/query"])
    assert res.exit_code == 2 and "HTTP 4" in res.output


def test_bad_arguments_are_refused(graph_path):
    triples = read_triples(graph_path)
    with pytest.raises(PushError, match="not an http"):
        push(triples, "ftp://example.org/store")
    with pytest.raises(PushError, match="graph IRI"):
        push(triples, "http://127.0.0.1:9/store", graph="not an iri")
    blank = [ox.Triple(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.BlankNode())]
    with pytest.raises(PushError, match="blank nodes"):
        graph_payloads(blank)


def test_payloads_are_ntriples_of_each_graph(graph_path):
    triples = read_triples(graph_path)
    payloads = graph_payloads(triples)
    assert [p[0] for p in payloads] == sorted(p[0] for p in payloads)
    union = set()
    for name, body, count in payloads:
        parsed = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]   # valid Turtle
        assert len(parsed) == count
        union.update(parsed)
    assert union == set(triples)
    assert graph_url("http://h/ds/data", "https://e.org/g#1") == "http://h/ds/data?graph=https%3A%2F%2Fe.org%2Fg%231"
    assert graph_url("http://h/store?x=1", "urn:g").startswith("http://h/store?x=1&graph=")


def test_cli_push(oxigraph, graph_path):
    _clear(oxigraph)
    res = CliRunner().invoke(cli, ["push", str(graph_path), "--endpoint", f"{oxigraph}/store"])
    assert res.exit_code == 0, res.output
    quads, distinct, graphs = _counts(oxigraph)
    assert f"pushed {quads} triples in {graphs} named graphs" in res.output
    assert distinct == len(read_triples(graph_path))
