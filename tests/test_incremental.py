"""Incremental builds (kg.cache), worker processes (kg.parallel) and the fast
Turtle writer (kg.turtle): a rebuild analyses only what changed and gives the
same bytes as a clean build."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kg import cache as kg_cache
from kg.cache import CACHE_FILE, ExtractionCache, pipeline_version
from kg.pipeline import build
from kg.turtle import to_turtle

from .conftest import DEV_NAMES as NAMES, DEV_TEXTS, dev_corpus


def test_adding_an_article_analyses_only_that_article(tmp_path):
    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache = tmp_path / "cache"
    first = build(folder, cache_dir=cache, validate=False)
    assert first.analysed == NAMES[:-1]
    again = build(folder, cache_dir=cache, validate=False)
    assert again.analysed == []
    assert to_turtle(again.graph) == to_turtle(first.graph)

    shutil.copy(DEV_TEXTS / NAMES[-1], folder / NAMES[-1])
    grown = build(folder, cache_dir=cache, validate=False)
    assert grown.analysed == [NAMES[-1]]
    clean = build(folder, validate=False)
    assert clean.analysed == NAMES
    assert to_turtle(grown.graph) == to_turtle(clean.graph)
    assert len(grown.graph) > len(first.graph)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rebuild_writes_the_bytes_of_a_clean_build(tmp_path, workers):
    """graph.ttl, validation.txt and graph.html of a rebuild with one article
    added, made from cached fragments, are those of a clean build (with 2
    workers the new article is analysed in the background while the cache is read)."""
    from kg.pipeline import write_outputs

    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, workers=workers)
    shutil.copy(DEV_TEXTS / NAMES[-1], folder / NAMES[-1])
    seen: list[str] = []
    grown = build(folder, cache_dir=cache, workers=workers, progress=seen.append)
    assert grown.analysed == [NAMES[-1]]
    assert sorted(seen) == NAMES
    clean = build(folder)
    write_outputs(grown, tmp_path / "grown")
    write_outputs(clean, tmp_path / "clean")
    for name in ("graph.ttl", "validation.txt", "graph.html"):
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    assert grown.report.findings == clean.report.findings


def test_a_changed_text_or_date_is_analysed_again(tmp_path):
    folder = dev_corpus(tmp_path)
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    path = folder / NAMES[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n\n国家数据局局长刘烈宏出席会议。\n", encoding="utf-8")
    assert build(folder, cache_dir=cache, validate=False).analysed == [NAMES[0]]
    manifest = folder / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(NAMES[1]))
    year = row.split(",")[3][:4]
    manifest.write_text(text.replace(row, row.replace(year, str(int(year) - 1), 1)), encoding="utf-8")
    assert build(folder, cache_dir=cache, validate=False).analysed == [NAMES[1]]


def test_pipeline_version_hashes_code_gazetteers_and_shapes(tmp_path, monkeypatch):
    files = kg_cache._package_files()
    rels = {rel for rel, _ in files}
    assert "pipeline.py" in rels and "extract/persons.py" in rels
    assert "data/gazetteers/organizations.tsv" in rels and "data/patterns/words.txt" in rels
    assert any(rel.endswith("shapes.ttl") for rel in rels)
    copies = []
    for rel, path in files:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
        copies.append((rel, target))
    monkeypatch.setattr(kg_cache, "_package_files", lambda: copies)
    compute = pipeline_version.__wrapped__
    before = compute()
    gazetteer = tmp_path / "data/gazetteers/organizations.tsv"
    original = gazetteer.read_bytes()
    gazetteer.write_bytes(original + "\n# one more line\n".encode())
    assert compute() != before
    gazetteer.write_bytes(original)
    assert compute() == before


def test_entries_of_another_version_are_dropped(tmp_path):
    folder = dev_corpus(tmp_path, NAMES[:2])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    with ExtractionCache(cache) as current:
        assert len(current) == 2
    with ExtractionCache(cache, version="an older pipeline") as other:
        assert len(other) == 0            # opening with another version drops the stale entries
    assert build(folder, cache_dir=cache, validate=False).analysed == NAMES[:2]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("column", ["fragment", "extraction"])
def test_a_damaged_entry_is_analysed_again(tmp_path, workers, column):
    folder = dev_corpus(tmp_path, NAMES[:2])
    cache = tmp_path / "cache"
    first = build(folder, cache_dir=cache, validate=False)
    with sqlite3.connect(cache / CACHE_FILE) as db:
        key = db.execute("SELECT key FROM articles ORDER BY key LIMIT 1").fetchone()[0]
        db.execute(f"UPDATE articles SET {column} = ? WHERE key = ?", (b"not a pickle", key))
    again = build(folder, cache_dir=cache, validate=False, workers=workers)
    assert len(again.analysed) == 1
    assert to_turtle(again.graph) == to_turtle(first.graph)
    shutil.copy(DEV_TEXTS / NAMES[2], folder / NAMES[2])       # a new article and a damaged entry at once
    with sqlite3.connect(cache / CACHE_FILE) as db:
        db.execute(f"UPDATE articles SET {column} = ? WHERE key = ?", (b"not a pickle", key))
    grown = build(folder, cache_dir=cache, validate=False, workers=workers)
    assert len(grown.analysed) == 2 and NAMES[2] in grown.analysed
    assert to_turtle(grown.graph) == to_turtle(build(folder, validate=False).graph)


def test_two_workers_give_the_same_bytes_as_one(seeds_build):
    from .conftest import SEEDS

    parallel = build(SEEDS, workers=2)
    assert to_turtle(parallel.graph) == to_turtle(seeds_build[0].graph)
    assert parallel.report.conforms == seeds_build[0].report.conforms
    assert len(parallel.report.findings) == len(seeds_build[0].report.findings)


def test_workers_hand_extractions_on_packed_and_the_build_decodes_them_when_read(seeds_build):
    from kg.cache import LazyExtractions
    from kg.parallel import analyse_articles
    from kg.read import read_corpus

    from .conftest import SEEDS

    raws, _ = read_corpus(SEEDS)
    shipped = analyse_articles(raws, workers=2)
    assert all(o.ok and o.extraction is None and o.packed for o in shipped)
    in_process = analyse_articles(raws, workers=1)
    assert all(o.packed is None for o in in_process)
    assert [o.unpacked() for o in shipped] == [o.extraction for o in in_process]
    built = build(SEEDS, workers=2, validate=False)
    assert isinstance(built.extractions, LazyExtractions) and len(built.extractions) == len(raws)
    assert list(built.extractions) == list(seeds_build[0].extractions)


def test_a_few_articles_go_to_a_background_process_only_when_there_is_work_to_overlap(monkeypatch):
    """A rebuild reads the cache while its new articles are analysed; a clean build has
    nothing to read meanwhile and shares its articles among the workers."""
    from kg import parallel
    from kg.read import read_corpus

    from .conftest import SEEDS

    raws, _ = read_corpus(SEEDS)
    shared: list[int] = []
    real = parallel.analyse_articles

    def counting(batch, *, workers=1, progress=None):
        shared.append(workers)
        return real(batch, workers=workers, progress=progress)

    monkeypatch.setattr(parallel, "analyse_articles", counting)
    clean = parallel.start_analysis(raws[:2], workers=2)()
    assert shared == [2] and all(o.ok for o in clean)
    rebuild = parallel.start_analysis(raws[:2], workers=2, overlap=True)()
    assert shared == [2], "analysed in one background process"
    assert [o.unpacked() for o in rebuild] == [o.unpacked() for o in clean]


WARM_UP_PROBE = r"""
import json
from kg.extract import organizations, persons, programmes
from kg.nlp import build_nlp
from kg.parallel import warm_up
from kg.validate import shapes_graph

build_nlp()
before = [f.cache_info().currsize for f in (organizations._patterns, persons._patterns, programmes._patterns,
                                             shapes_graph)]
warm_up()
after = [f.cache_info().currsize for f in (organizations._patterns, persons._patterns, programmes._patterns,
                                            shapes_graph)]
print(json.dumps([before, after]))
"""


def test_the_warm_up_compiles_the_rules_before_workers_fork():
    """What every forked worker would otherwise build for itself on its first article."""
    run = subprocess.run([sys.executable, "-c", WARM_UP_PROBE], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    before, after = json.loads(run.stdout)
    assert before == [0, 0, 0, 0] and all(after)


def test_the_warm_up_passage_exercises_every_kind_of_finding():
    from kg.models import Kind
    from kg.resources import read_text

    from .conftest import analyze_text

    ex = analyze_text(read_text("patterns", "warmup.txt"))
    assert {m.kind for m in ex.mentions} == set(Kind)
    assert ex.positions and ex.relations
    assert {f.is_target for f in ex.figures} == {True, False}


def test_cli_rebuild_from_the_cache(tmp_path):
    folder = dev_corpus(tmp_path, NAMES[:2])
    cmd = [sys.executable, "-m", "kg", "build", str(folder), "-o", str(tmp_path / "out"), "-q", "--timings",
           "--workers", "2", "--cache-dir", str(tmp_path / "cache")]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "timing: analysed: 2" in first.stderr
    ttl = (tmp_path / "out" / "graph.ttl").read_bytes()
    second = subprocess.run(cmd, capture_output=True, text=True)
    assert second.returncode == 0 and "timing: analysed: 0" in second.stderr
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == ttl
    nocache = subprocess.run(cmd[:-2] + ["--no-cache"], capture_output=True, text=True)
    assert "timing: analysed: 2" in nocache.stderr


def test_a_very_long_text_is_analysed_in_windows(monkeypatch):
    from kg import parallel
    from kg.nlp import analyze

    from .conftest import make_document

    one = (DEV_TEXTS / NAMES[0]).read_text(encoding="utf-8")
    single = analyze(make_document(one))
    monkeypatch.setattr(parallel, "WINDOW", len(single.document.text) // 2)
    doc = make_document("\n\n".join([one] * 3))
    ex = parallel.analyse_document(doc)
    text, sentences = ex.document.text, ex.document.sentences
    assert text == doc.text and len(sentences) >= len(doc.sentences)
    assert all(text[m.start:m.end] == m.text for m in ex.mentions)
    assert all(sentences[m.sentence].start <= m.start < sentences[m.sentence].end for m in ex.mentions)
    assert all(sentences[f.sentence].text == f.evidence and text[f.start:f.end] == f.evidence for f in ex.figures)
    assert all(sentences[p.sentence].text == p.evidence for p in ex.positions)
    assert {m.label for m in single.mentions} <= {m.label for m in ex.mentions}


def test_an_article_longer_than_any_is_refused(tmp_path, monkeypatch):
    from kg import parallel

    folder = dev_corpus(tmp_path, NAMES[:2])
    sizes = {name: len((folder / name).read_text(encoding="utf-8")) for name in NAMES[:2]}
    longer, shorter = sorted(sizes, key=sizes.get, reverse=True)
    monkeypatch.setattr(parallel, "MAX_CHARS", sizes[shorter])
    result = build(folder, validate=False)
    assert [e.document.meta.doc_id for e in result.extractions] == [shorter]
    assert any(longer in str(p) and "too long" in str(p) for p in result.problems)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_whose_analysis_fails_is_reported(tmp_path, monkeypatch, workers):
    import kg.nlp

    folder = dev_corpus(tmp_path, NAMES[:3])
    real = kg.nlp.analyze

    def flaky(doc, nlp=None):
        if doc.meta.doc_id == NAMES[1]:
            raise RuntimeError("rule crashed")
        return real(doc, nlp)

    monkeypatch.setattr(kg.nlp, "analyze", flaky)
    result = build(folder, validate=False, workers=workers)
    assert [e.document.meta.doc_id for e in result.extractions] == [NAMES[0], NAMES[2]]
    assert any(NAMES[1] in str(p) and "rule crashed" in str(p) for p in result.problems)


def _outputs(result, folder: Path) -> dict[str, bytes]:
    from kg.pipeline import write_outputs

    write_outputs(result, folder)
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.html", "validation.txt")}


def test_a_removed_article_or_a_changed_title_rebuilds_as_a_clean_build(tmp_path):
    """Removing an article (file and manifest row) analyses nothing; a changed
    title re-analyses that article; each rebuild writes a clean build's bytes."""
    folder = dev_corpus(tmp_path, NAMES)
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache)
    (folder / NAMES[1]).unlink()
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join(line for line in lines if not line.startswith(NAMES[1])) + "\n", encoding="utf-8")
    shrunk = build(folder, cache_dir=cache)
    assert shrunk.analysed == []
    assert _outputs(shrunk, tmp_path / "shrunk") == _outputs(build(folder), tmp_path / "clean1")
    lines = manifest.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith(NAMES[0]))
    cells = lines[row].split(",")
    cells[1] = "一个新标题"
    lines[row] = ",".join(cells)
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    retitled = build(folder, cache_dir=cache)
    assert retitled.analysed == [NAMES[0]]
    assert _outputs(retitled, tmp_path / "retitled") == _outputs(build(folder), tmp_path / "clean2")


def test_replayed_resolution_steps_give_the_resolution(dev_build):
    """kg.resolve.resolve_records over the fragments' steps is resolve over the extractions."""
    from kg.fragment import make_fragment
    from kg.resolve import resolve, resolve_records

    extractions = list(dev_build[0].extractions)
    direct = resolve(extractions)
    replayed = resolve_records((f.doc_id, f.resolution) for f in map(make_fragment, reversed(extractions)))
    assert list(replayed.entities) == list(direct.entities)
    assert list(replayed.entities.values()) == list(direct.entities.values())
    assert replayed.by_label == direct.by_label


def test_a_rebuild_reads_extractions_only_when_asked(tmp_path, monkeypatch):
    """The extractions of a rebuild come from the cache on first use (also with
    a relative cache folder), equal to a clean build's; a cache emptied in
    between is an error naming what to do."""
    from kg.cache import CachedExtractions
    from kg.errors import KGError

    folder = dev_corpus(tmp_path, NAMES[:2])
    monkeypatch.chdir(tmp_path)
    build(folder, cache_dir="cache", validate=False)
    again = build(folder, cache_dir="cache", validate=False)
    assert isinstance(again.extractions, CachedExtractions) and len(again.extractions) == 2
    assert [ex.document.meta.doc_id for ex in again.extractions] == NAMES[:2]
    assert list(again.extractions) == list(build(folder, validate=False).extractions)
    assert again.extractions[-1].document.meta.doc_id == NAMES[1]
    lost = build(folder, cache_dir="cache", validate=False)
    with sqlite3.connect(tmp_path / "cache" / CACHE_FILE) as db:
        db.execute("DELETE FROM articles")
    with pytest.raises(KGError, match="no-cache"):
        _outputs(lost, tmp_path / "out")


def test_fragments_keep_their_terms_through_the_cache(tmp_path, dev_build):
    """Fragments pickled with their terms reduced load as equal terms, literals
    with their language, datatype and value."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.cache import load_node, load_nodes
    from kg.fragment import make_fragment

    ex = dev_build[0].extractions[0]
    frag = make_fragment(ex)
    with ExtractionCache(tmp_path / "cache") as cache:
        cache.put_many([("k", (ex, frag))])
        back = cache.get_fragments(["k"])["k"]
    assert back.edges == frag.edges and back.page == frag.page and back.resolution == frag.resolution
    assert back.turtle() == frag.turtle() and back.nodes == b""
    nodes = {URIRef(iri): load_node(data) for iri, data in load_nodes(frag.nodes).items()}
    literals = [o for by_p in nodes.values() for objs in by_p.values()
                for o in (objs if type(objs) is dict else [objs]) if isinstance(o, Literal)]
    assert any(lit.language == "zh" for lit in literals) and any(lit.datatype == XSD.decimal for lit in literals)
    for lit in literals:
        again = Literal(str(lit), lang=lit.language, datatype=lit.datatype)
        assert (lit.value, lit.language, lit.datatype) == (again.value, again.language, again.datatype)
    assert all(type(s) is URIRef for s in nodes)
