"""The `kg` command through click's CliRunner: help, exit codes, messages."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import SEEDS

BROKEN = {
    "target without indicator": """
        kgr:t1 a kgo:Target ; kgo:value 5.0 ; kgo:unit "%" ; kgo:targetYear kgr:year-2025 ;
            prov:wasDerivedFrom kgr:a ; kgo:evidence "力争到2025年达到5%"@zh .""",
    "position without person": """
        kgr:p1 a kgo:Position ; org:organization kgr:o ; kgo:title "局长"@zh ;
            prov:wasDerivedFrom kgr:a ; kgo:evidence "局长"@zh .""",
    "value not a number": """
        kgr:s1 a kgo:Statistic ; kgo:indicator kgr:i ; kgo:value "很多" ; kgo:unit "家" ;
            prov:wasDerivedFrom kgr:a ; kgo:evidence "很多家"@zh .""",
    "year 3024": """
        kgr:y a kgo:Year ; kgo:year "3024"^^xsd:gYear ; skos:prefLabel "3024年"@zh .""",
}
PREFIX = """@prefix kgo: <https://w3id.org/policy-kg/ontology#> . @prefix kgr: <https://w3id.org/policy-kg/resource/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:a a kgo:Article ; dcterms:identifier "a.txt" .
kgr:o a kgo:Organization ; skos:prefLabel "某局"@zh ; kgo:mentionedIn kgr:a .
kgr:i a kgo:Indicator ; skos:prefLabel "某指标"@zh .
kgr:year-2025 a kgo:Year ; kgo:year "2025"^^xsd:gYear ; skos:prefLabel "2025年"@zh .
"""


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help(runner):
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.split()[0] in result.output


def test_build_seeds_writes_outputs_and_summary(runner, tmp_path):
    out = tmp_path / "exports"
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 articles read" in result.output and "violations" in result.output
    assert all((out / n).is_file() for n in ("graph.ttl", "graph.html", "validation.txt"))
    valid = runner.invoke(cli, ["validate", str(out / "graph.ttl")])
    assert valid.exit_code == 0
    table = runner.invoke(cli, ["query", str(out / "graph.ttl"),
                                "SELECT ?name WHERE { ?p a kgo:Person ; skos:prefLabel ?name } ORDER BY ?name"])
    assert table.exit_code == 0 and "金壮龙" in table.output and "rows)" in table.output
    as_json = runner.invoke(cli, ["query", str(out / "graph.ttl"), "--format", "json",
                                  "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Article }"])
    assert '"n": "5"' in as_json.output


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_names_the_broken_shape(runner, tmp_path, case):
    path = tmp_path / "broken.ttl"
    path.write_text(PREFIX + BROKEN[case], encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Shape" in result.output


def test_validate_unreadable_graph_exits_2(runner, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2 and "bad.ttl" in result.output


def test_bad_sparql_reports_line_and_column(runner, tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(PREFIX, encoding="utf-8")
    result = runner.invoke(cli, ["query", str(path), "SELECT ?x WHERE {\n  ?x ?y \n}"])
    assert result.exit_code == 2
    assert "syntax error" in result.output and "2:" in result.output or "3:" in result.output


def test_bad_input_folder_builds_the_good_files(runner, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(SEEDS / "004_615e9d3f28c132db.txt", texts / "good.txt")
    (texts / "gbk.txt").write_bytes("工业和信息化部部长金壮龙表示，将实施智能制造工程。".encode("gb18030"))
    (texts / "bom.txt").write_bytes("\ufeff商务部部长王文涛出席中国国际进口博览会。".encode("utf-8"))
    (texts / "empty.txt").write_bytes(b"")
    (texts / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(texts), "-o", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "3 articles read" in result.output
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "金壮龙" in ttl and "王文涛" in ttl


def test_output_inside_input_is_refused(runner, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("国务院召开常务会议。", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(texts), "-o", str(texts / "out")])
    assert result.exit_code == 2 and "inside the input folder" in result.output


def test_a_folder_with_no_article_is_refused_and_the_last_graph_kept(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the last build\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(empty), "-o", str(out), "--no-cache"])
    assert result.exit_code == 2 and "no *.txt file" in result.output and str(empty) in result.output
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the last build\n"


def test_an_output_folder_that_cannot_be_made_is_named_before_the_build(runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", str(blocker / "out"), "--no-cache", "-q"])
    assert result.exit_code == 2
    assert "cannot write to the output folder" in result.output and "Not a directory" in result.output
    assert "Traceback" not in result.output


def test_eval_min_f1_sets_the_exit_code(runner, seeds_build):
    from .conftest import SEED_GOLD

    _, out = seeds_build
    ok = runner.invoke(cli, ["eval", str(out / "graph.ttl"), str(SEED_GOLD), "--texts", str(SEEDS), "--min-f1", "0.6"])
    assert ok.exit_code == 0 and "overall micro-F1" in ok.output
    strict = runner.invoke(cli, ["eval", str(out / "graph.ttl"), str(SEED_GOLD), "--min-f1", "0.999"])
    assert strict.exit_code == 1


def test_viz_focus_and_unknown_label(runner, seeds_build, tmp_path):
    _, out = seeds_build
    page = tmp_path / "focus.html"
    ok = runner.invoke(cli, ["viz", str(out / "graph.ttl"), "-o", str(page), "--focus", "金壮龙", "--depth", "1"])
    assert ok.exit_code == 0 and page.stat().st_size < (out / "graph.html").stat().st_size
    assert "金壮龙" in page.read_text(encoding="utf-8")
    missing = runner.invoke(cli, ["viz", str(out / "graph.ttl"), "-o", str(page), "--focus", "不存在的人"])
    assert missing.exit_code == 2 and "不存在的人" in missing.output


def test_notes_do_not_fail_the_build(runner, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("商务部部长王文涛表示，将办好中国国际进口博览会。", encoding="utf-8")
    (texts / "manifest.csv").write_text("file,title,publisher,issued,url\nother.txt,别的,新华社,2024-01-02,\n",
                                        encoding="utf-8")
    result = runner.invoke(cli, ["build", str(texts), "-o", str(tmp_path / "out")])
    assert "note:" in result.output          # a.txt is not in the manifest
    assert "other.txt" in result.output      # listed but missing
    assert "1 articles read" in result.output


@pytest.mark.parametrize("command", [["viz", "{graph}", "-o", "{blocked}/page.html"],
                                     ["eval", "{graph}", "{gold}", "--json", "{blocked}/scores.json"]])
def test_a_file_that_cannot_be_written_is_named_in_one_line(runner, seeds_build, tmp_path, command):
    from .conftest import SEED_GOLD

    _, out = seeds_build
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    args = [a.format(graph=out / "graph.ttl", gold=SEED_GOLD, blocked=blocker) for a in command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert f"Error: {blocker}: File exists" in result.output      # the file that stands in the way
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
