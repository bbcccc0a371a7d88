"""The persistent query store (kg/oxstore.py): built once per graph file,
reopened read-only, rebuilt when the file changes, written atomically; and
the row limit of named queries (--limit, --param limit=N)."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.oxstore import open_store, store_path, stored_quads
from kg.query import load_into, load_store, named_queries, named_query, open_graph, run_named, run_query, with_limit

PERSONS = "SELECT ?name WHERE { ?p a kgo:Person ; skos:prefLabel ?name } ORDER BY ?name"
LISTINGS = {"officials_and_posts", "what_organizations_promote", "targets_by_year", "indicator_series",
            "most_mentioned_entities"}


@pytest.fixture()
def graph(seeds_build, tmp_path):
    path = tmp_path / "graph.ttl"
    shutil.copyfile(seeds_build[1] / "graph.ttl", path)
    return path


def test_store_is_built_once_and_answers_as_in_memory(graph, tmp_path):
    stores = tmp_path / "stores"
    store, built = open_store(graph, load_into, store_dir=stores)
    assert built and len(store) == len(load_store(graph)) == stored_quads(graph, stores)
    assert run_query(store, PERSONS).rows == run_query(load_store(graph), PERSONS).rows
    del store
    again, built = open_store(graph, load_into, store_dir=stores)
    assert not built and run_query(again, PERSONS).rows == run_query(load_store(graph), PERSONS).rows
    with pytest.raises((OSError, RuntimeError)):           # opened read-only
        again.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    # nothing left over beside the store
    assert [p.name for p in stores.iterdir()] == [store_path(graph, stores).name]


def test_a_changed_file_rebuilds_its_store(graph, tmp_path):
    stores = tmp_path / "stores"
    before = run_query(open_graph(graph, store_dir=stores), PERSONS).rows
    text = graph.read_text(encoding="utf-8")
    graph.write_text(text + '\n<urn:x:p> a <https://w3id.org/policy-kg/ontology#Person> ; '
                            '<http://www.w3.org/2004/02/skos/core#prefLabel> "甲乙丙"@zh .\n', encoding="utf-8")
    store, built = open_store(graph, load_into, store_dir=stores)
    assert built
    assert run_query(store, PERSONS).rows == sorted(before + [["甲乙丙"]])
    # same size and content but a new mtime: rebuilt too (the key is cheap, not a full hash)
    del store
    os.utime(graph, ns=(graph.stat().st_atime_ns, graph.stat().st_mtime_ns + 10**9))
    assert open_store(graph, load_into, store_dir=stores)[1]


def test_a_bad_file_leaves_no_store(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    stores = tmp_path / "stores"
    with pytest.raises(InputError, match="cannot parse"):
        open_graph(bad, store_dir=stores)
    assert not stores.exists() or not any(stores.iterdir())
    with pytest.raises(InputError, match="no such file"):
        open_graph(tmp_path / "missing.ttl", store_dir=stores)


def test_cli_uses_the_store_unless_told_not_to(graph, tmp_path):
    runner = CliRunner()
    stores = tmp_path / "stores"
    plain = runner.invoke(cli, ["query", str(graph), PERSONS, "--format", "csv", "--no-store",
                                "--store-dir", str(stores)])
    assert plain.exit_code == 0, plain.output
    assert not stores.exists()
    stored = runner.invoke(cli, ["query", str(graph), PERSONS, "--format", "csv", "--store-dir", str(stores)])
    assert stored.exit_code == 0 and stored.output == plain.output
    assert (store_path(graph, stores) / "fingerprint.json").is_file()
    assert "--no-store" in runner.invoke(cli, ["query", "--help"]).output


# ---------------------------------------------------------------------------
# Row limits
# ---------------------------------------------------------------------------

def test_listing_queries_have_a_default_limit():
    queries = {q.name: q for q in named_queries()}
    for name in LISTINGS:
        q = queries[name]
        assert q.limit and f"LIMIT {q.limit}" in q.text, name
        assert "LIMIT 7" in with_limit(q, 7) and f"LIMIT {q.limit}" not in with_limit(q, 7)
        assert with_limit(q, None) == q.text
    assert queries["article_facts"].limit is None       # one article: every row


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_a_limit_keeps_the_first_rows_in_order(seeds_build, name):
    store = load_store(seeds_build[1] / "graph.ttl")
    every = run_named(store, name, limit=0).rows
    assert len(every) > 2
    assert run_named(store, name, limit=2).rows == every[:2]
    assert run_named(store, name, {"limit": "2"}).rows == every[:2]
    assert run_named(store, name).rows == every[:named_query(name).limit]


def test_cli_limit(seeds_build):
    path = str(seeds_build[1] / "graph.ttl")
    runner = CliRunner()
    two = runner.invoke(cli, ["query", path, "--named", "officials_and_posts", "--limit", "2", "--format", "csv",
                              "--no-store"])
    assert two.exit_code == 0, two.output
    assert len(two.output.strip().splitlines()) == 3
    bad = runner.invoke(cli, ["query", path, "--named", "officials_and_posts", "--param", "limit=x", "--no-store"])
    assert bad.exit_code == 2 and "number of rows" in bad.output
    own = runner.invoke(cli, ["query", path, PERSONS, "--limit", "2", "--no-store"])
    assert own.exit_code == 2 and "named queries" in own.output


def test_a_param_picks_rows_before_the_limit(seeds_build):
    """--param narrows the rows the query picks, not the page it shows: the
    last person / organization / year / indicator of the full list is found
    even with a limit of one row."""
    store = load_store(seeds_build[1] / "graph.ttl")
    cases = {"officials_and_posts": ("person", 0), "what_organizations_promote": ("organization", 0),
             "targets_by_year": ("year", 0), "most_mentioned_entities": ("kind", 1)}
    for name, (param, column) in cases.items():
        every = run_named(store, name, limit=0).rows
        last = [r for r in every if r[column] is not None][-1][column]
        one = run_named(store, name, {param: last}, limit=1).rows
        assert len(one) == 1 and one[0][column] == last, name
        assert run_named(store, name, {param: last}, limit=0).rows == [r for r in every if r[column] == last]
    series = run_named(store, "indicator_series", limit=0).rows
    iri = series[-1][0]
    mine = [r for r in series if r[0] == iri]
    assert run_named(store, "indicator_series", {"indicator": f"<{iri}>"}, limit=0).rows == mine
    assert run_named(store, "indicator_series", {"indicator": f"<{iri}>"}, limit=1).rows == mine[:1]


def test_small_files_are_parsed_in_memory(graph, tmp_path, monkeypatch):
    from kg.oxstore import STORE_MIN_BYTES, default_store_dir

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    assert graph.stat().st_size < STORE_MIN_BYTES
    assert run_query(open_graph(graph), PERSONS).rows == run_query(load_store(graph), PERSONS).rows
    assert not default_store_dir().exists()
    # a store dir given: a store even for a small file
    open_graph(graph, store_dir=tmp_path / "stores")
    assert (store_path(graph, tmp_path / "stores") / "fingerprint.json").is_file()


def test_table_widths_match_unicode_east_asian_width(seeds_build):
    """format_table pads by a regex of wide characters: the same widths as
    unicodedata gives for every character of the seeds' graph."""
    import unicodedata

    from kg.query import _width

    text = (seeds_build[1] / "graph.ttl").read_text(encoding="utf-8") + "，。《》“”（）％１２ＡＢ—…·"
    for ch in set(text):
        assert _width(ch) == (2 if unicodedata.east_asian_width(ch) in "WF" else 1), repr(ch)
