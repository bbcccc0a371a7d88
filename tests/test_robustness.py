"""Robustness of `kg build` on what a scraper really produces: a folder of bad
input builds its good files and names every bad one; outputs survive a
SIGKILL; inputs are never touched; Turtle reads back the same in two parsers.

The bad corpus is made here (a 5 MB file and binary bytes do not belong in git)."""
from __future__ import annotations

import codecs
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.namespaces import KGO, KGR
from kg.store import lean_graph
from kg.turtle import to_turtle

from .conftest import DEV_TEXTS, SEEDS

HARD_TITLE = '他说："稳增长"\\不是口号\n第二行\t𠀀𠮷 (extension B)'
GOOD = ["good.txt", "gb18030.txt", "big5.txt", "bom.txt", "utf16.txt", "page.txt", "unlisted.txt"]
BAD = ["empty.txt", "blank.txt", "binary.txt", "nul.txt", "huge_line.txt", "zz_dup.txt"]


def _kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad") / "texts"
    d.mkdir()
    texts = sorted(DEV_TEXTS.glob("*.txt"))
    good = texts[0].read_text(encoding="utf-8")
    (d / "good.txt").write_text(good, encoding="utf-8")
    (d / "gb18030.txt").write_bytes(texts[1].read_text(encoding="utf-8").encode("gb18030"))
    (d / "big5.txt").write_bytes("經濟日報記者從工業和信息化部獲悉，工業和信息化部部長金壯龍表示，"
                                 "將深入實施製造業數字化轉型行動。\n".encode("big5"))
    (d / "bom.txt").write_bytes(codecs.BOM_UTF8 + texts[2].read_text(encoding="utf-8").encode("utf-8"))
    (d / "utf16.txt").write_bytes(texts[3].read_text(encoding="utf-8").encode("utf-16"))
    (d / "page.txt").write_text(
        "<!DOCTYPE html><html><head><title>工信部新闻</title><script>var x='<p>no</p>';</script></head>"
        "<body><div><p>工业和信息化部副部长辛国斌出席2024世界智能制造大会。</p>"
        "<p>会议指出，要实施智能制造工程。</p></div></body></html>", encoding="utf-8")
    (d / "unlisted.txt").write_text("国家数据局局长刘烈宏表示，将推进公共数据资源开发利用。\n", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "nul.txt").write_bytes(("工业和信息化部" * 3000).encode("utf-8") + b"\x00\x00" + "表示".encode("utf-8"))
    (d / "huge_line.txt").write_text("工业和信息化部部长金壮龙表示要推进新型工业化" * 230_000, encoding="utf-8")
    (d / "zz_dup.txt").write_text(good, encoding="utf-8")         # same bytes as good.txt
    (d / "notes.md").write_text("# not an article", encoding="utf-8")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    title = HARD_TITLE.replace('"', '""')
    (d / "manifest.csv").write_text(
        "file,title,issued\n"                                   # no publisher, no url column
        f'good.txt,"{title}",2021-10-19\n'
        "gb18030.txt,商务部新闻,2021-13-45\n"                   # malformed date
        "big5.txt,繁體文章,20211-1\n"                             # malformed date
        "bom.txt,发改委新闻,2021/12/30\n"
        "utf16.txt,目标,2022\n"
        "page.txt,网页\n"                                        # a field short
        "absent.txt,这篇文章不在文件夹里,2021-10-01\n"            # listed, not there
        "good.txt,第二次列出,2021-10-20\n",                      # listed twice
        encoding="utf-8")
    return d


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def bad_build(bad_corpus, tmp_path_factory):
    before = _snapshot(bad_corpus)
    out = tmp_path_factory.mktemp("bad_out")
    t = time.perf_counter()
    run = _kg("build", str(bad_corpus), "-o", str(out), "--no-cache", "--workers", "2")
    return run, out, before, time.perf_counter() - t


def test_bad_files_are_named_and_the_good_ones_build(bad_build, bad_corpus):
    run, out, _, seconds = bad_build
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    for name in BAD:
        assert any(name in line for line in errors), f"{name} not reported:\n{run.stderr}"
    assert any("huge_line.txt" in line and "too long" in line for line in errors)
    assert any("zz_dup.txt" in line and "good.txt" in line for line in errors)
    manifest_lines = [line for line in run.stderr.splitlines() if "manifest.csv:" in line]
    # the title of good.txt spans two physical lines (a quoted newline), so rows start at 2, 4, 5, …
    for line_no, what in ((4, "2021-13-45"), (5, "20211-1"), (8, "fields"), (9, "absent.txt"), (10, "again")):
        assert any(f"manifest.csv:{line_no}:" in line and what in line for line in manifest_lines), \
            f"manifest line {line_no} ({what}) not reported:\n{run.stderr}"
    assert any("manifest.csv:1:" in line and "publisher" in line for line in manifest_lines)
    assert any("big5.txt" in line and "Big5" in line for line in run.stderr.splitlines())
    assert any("unlisted.txt" in line for line in run.stderr.splitlines())
    g = Graph().parse(out / "graph.ttl", format="turtle")
    built = {str(o) for o in g.objects(None, DCTERMS.identifier)}
    assert built == set(GOOD)
    assert seconds < 120


def test_input_files_are_never_modified(bad_build, bad_corpus):
    _, _, before, _ = bad_build
    assert _snapshot(bad_corpus) == before


def test_turtle_reads_back_the_same_in_rdflib_and_pyoxigraph(bad_build):
    _, out, _, _ = bad_build
    data = (out / "graph.ttl").read_bytes()
    g = Graph().parse(data=data, format="turtle")
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(g) == len(set(triples)) > 100
    title = g.value(KGR["article/good"], DCTERMS.title)
    assert str(title) == HARD_TITLE
    ox_titles = [t.object.value for t in triples if t.predicate.value == str(DCTERMS.title)]
    assert HARD_TITLE in ox_titles


def test_same_input_gives_byte_identical_turtle(bad_build, bad_corpus, tmp_path):
    _, out, _, _ = bad_build
    again = _kg("build", str(bad_corpus), "-o", str(tmp_path), "--no-cache", "--workers", "1", "-q")
    assert again.returncode == 1
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_labels_with_quotes_backslashes_newlines_and_rare_cjk_round_trip():
    hard = ['引号"内"', "反斜杠\\n不是换行", "换行\n第二行\r\n", "制表\t符", "扩展B𠀀𠀁𪚥𫠝", "\\u0041 不是 A",
            '结尾反斜杠\\', '"""三引号"""', "控制\x01字符", "emoji 🎉"]
    g = lean_graph()
    g.bind("kgo", KGO)
    for i, text in enumerate(hard):
        node = KGR[f"person/{i:04d}"]
        g.add((node, KGO.name, Literal(text, lang="zh")))
        g.add((node, KGO.note, Literal(text)))
        g.add((node, KGO.value, Literal("1.50", datatype=XSD.decimal)))
    data = to_turtle(g)
    back = Graph().parse(data=data, format="turtle")
    assert set(back) == set(g)
    parsed = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(g)
    assert {t.object.value for t in parsed if t.predicate.value == str(KGO.name)} == set(hard)
    assert b'"1.50"^^xsd:decimal' in data           # exact lexical form, never 1.5 or a float


def test_an_iri_that_is_not_one_is_refused_with_its_text():
    from kg.errors import KGError

    g = lean_graph()
    g.add((URIRef("https://w3id.org/policy-kg/resource/bad iri"), KGO.name, Literal("x")))
    with pytest.raises(KGError, match="bad iri"):
        to_turtle(g)


SLOW_FSYNC = """
import os, time
_fsync = os.fsync
def _slow(fd):
    time.sleep(float(os.environ.get("KG_TEST_FSYNC_DELAY", "0")))
    return _fsync(fd)
os.fsync = _slow
"""


def test_the_kg_program_ends_with_every_line_written_and_its_exit_code(tmp_path):
    """Run as a program, `kg build` and `kg validate` end their process at once
    (kg.cli._finish): what they print to a pipe must still all arrive."""
    out = tmp_path / "out"
    run = _kg("build", str(SEEDS), "-o", str(out), "--no-cache", "--workers", "1", "--timings")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{len(list(SEEDS.glob('*.txt')))} articles read")
    assert [line.rsplit("/", 1)[-1] for line in lines if line.startswith("wrote ")] == \
        ["graph.ttl", "graph.html", "validation.txt"]
    assert run.stderr.splitlines()[-1].startswith("timing: analysed: ")
    checked = _kg("validate", str(out / "graph.ttl"))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == (out / "validation.txt").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    failed = _kg("validate", str(broken))
    assert failed.returncode == 2 and failed.stderr.startswith("Error: ")


def test_sigkill_during_export_leaves_the_previous_graph_intact(tmp_path):
    """A disk that takes 30 s per fsync (injected through sitecustomize) holds
    the export open; the build is killed when its temporary file appears."""
    out = tmp_path / "out"
    first = _kg("build", str(DEV_TEXTS), "-o", str(out), "-q", "--no-cache")
    assert first.returncode == 0, first.stderr
    previous = (out / "graph.ttl").read_bytes()
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_FSYNC, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]),
           "KG_TEST_FSYNC_DELAY": "30"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), "-q", "--no-cache",
                             "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.startswith(".graph.ttl.") for p in out.iterdir()):
                time.sleep(0.2)        # in the middle of writing / syncing the new graph.ttl
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the build ended before its export could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert (out / "graph.ttl").read_bytes() == previous
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 0
    assert len(list(ox.parse((out / "graph.ttl").read_bytes(), format=ox.RdfFormat.TURTLE))) > 0


_PIECES = ["工业和信息化部", "国家统计局", "部长", "副局长", "金壮龙", "辛国斌", "表示", "介绍", "，", "。", "；", "：",
           "2024年", "到2027年", "1—11月", "3.5万家", "328.2万个", "同比增长", "12.5%", "百分之十", "以上", "左右",
           "“", "”", "《", "》", "（", "）", "、", "专精特新中小企业", "制造业数字化转型", "行动", "工程", "实施",
           "推进", "会议", "大会", "召开", "出席", "新华社记者", "本报记者", "\n\n", "\n", " ", "\u3000", "１２３",
           "ＡＢＣ", "𠀀", "\ufeff", "\t"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=120).map("".join))
def test_evidence_and_offsets_always_point_into_the_normalized_text(text: str) -> None:
    """Whatever the rules find in whatever text: spans and evidence are the normalized text's own."""
    from kg.parallel import analyse_document

    from .conftest import make_document

    ex = analyse_document(make_document(text))
    doc = ex.document
    for m in ex.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert doc.sentences[m.sentence].start <= m.start < doc.sentences[m.sentence].end
    for item in ex.figures + ex.positions:
        sentence = doc.sentences[item.sentence]
        assert item.evidence == sentence.text == doc.text[sentence.start:sentence.end]
    for r in ex.relations:
        assert r.evidence == doc.sentences[r.sentence].text


_TERMS = [URIRef(f"https://example.org/{c}") for c in "abcd"] + [Literal("x"), Literal("x", lang="zh"),
                                                                  Literal("1", datatype=XSD.decimal)]
_S = st.sampled_from(_TERMS[:4])
_O = st.sampled_from(_TERMS)
_OPS = st.lists(st.tuples(st.sampled_from(["add", "add", "remove"]), _S, _S, _O), max_size=60)
_PATTERNS = [(s, p, o) for s in (None, _TERMS[0]) for p in (None, _TERMS[1]) for o in (None, _TERMS[2], _TERMS[4])]


@settings(max_examples=150, deadline=None)
@given(_OPS, st.booleans())
def test_lean_store_behaves_like_rdflib_memory(ops, index_early) -> None:
    """kg.store.LeanStore (one object stored bare, several in a dict, reverse
    indexes built lazily) answers every pattern as rdflib's own store does."""
    lean, memory = lean_graph(), Graph()
    if index_early:
        list(lean.triples((None, _TERMS[1], None)))      # build the reverse indexes before writing
        list(lean.triples((None, None, _TERMS[2])))
    for op, s, p, o in ops:
        for g in (lean, memory):
            if op == "add":
                g.add((s, p, o))
            else:
                g.remove((s, None, o) if p == _TERMS[3] else (s, p, None))
    assert len(lean) == len(memory)
    for pattern in _PATTERNS:
        assert set(lean.triples(pattern)) == set(memory.triples(pattern)), pattern


def test_fast_loader_reads_the_same_graph_and_reports_errors_as_load_graph(bad_build, tmp_path):
    from kg.errors import InputError
    from kg.graphio import load_graph
    from kg.store import LeanStore, load_lean_graph

    _, out, _, _ = bad_build
    fast = load_lean_graph(out / "graph.ttl")
    assert isinstance(fast.store, LeanStore)
    assert set(fast) == set(load_graph(out / "graph.ttl"))
    nt = tmp_path / "g.nt"
    nt.write_bytes(Graph().parse(out / "graph.ttl").serialize(format="nt", encoding="utf-8"))
    assert set(load_lean_graph(nt)) == set(fast)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> ", encoding="utf-8")
    for path, words in ((broken, "cannot parse"), (tmp_path / "missing.ttl", "no such file"),
                        (tmp_path / "g.rdf", "unsupported")):
        if path.suffix == ".rdf":
            path.write_text("<?xml version='1.0'?><rdf:RDF/>", encoding="utf-8")
        with pytest.raises(InputError, match=words):
            load_lean_graph(path)
