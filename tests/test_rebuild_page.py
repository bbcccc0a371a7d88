"""graph.html of a build: made in a forked process while the parent validates
and writes the Turtle (``build(page_ahead=True)``), with the hover texts of
facts from the articles' fragments (kg.fragment.hover_texts) and, in a
rebuild, the cached articles' page pairs gathered while the new ones are
analysed and the graph linked (by the page's process, forked as soon as
they are read): the same bytes as a clean build in every case."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.pipeline import BuildResult, build, write_outputs
from kg.viz import render_html

from .conftest import DEV_NAMES as NAMES, DEV_TEXTS, dev_corpus

OUTPUTS = ("graph.ttl", "graph.html", "validation.txt")


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """The outputs of a clean build of the dev texts, in process."""
    out = tmp_path_factory.mktemp("clean")
    write_outputs(build(DEV_TEXTS), out)
    return out


def _same(out: Path, ref: Path) -> None:
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name


def test_the_page_made_ahead_is_the_page_made_in_process(tmp_path, clean):
    result = build(DEV_TEXTS, page_ahead=True)
    assert result._page is not None
    write_outputs(result, tmp_path)
    _same(tmp_path, clean)
    assert result._page is None
    assert {"html graph", "export html"} <= result.timings.keys()


def test_an_error_of_the_page_process_is_raised_in_the_parent(tmp_path, monkeypatch):
    def fail(self):
        raise KGError("the page failed")

    monkeypatch.setattr(BuildResult, "render_page", fail)
    result = build(DEV_TEXTS, validate=False, page_ahead=True)
    with pytest.raises(KGError, match="the page failed"):
        write_outputs(result, tmp_path)


@pytest.fixture
def page_process_dies(monkeypatch) -> None:
    """The page's process dies as it starts on the page; this one makes it as usual."""
    parent = os.getpid()
    real = BuildResult.render_page

    def die_in_the_child(self):
        if os.getpid() != parent:
            os._exit(3)
        return real(self)

    monkeypatch.setattr(BuildResult, "render_page", die_in_the_child)


def test_a_page_process_that_dies_leaves_the_page_to_the_parent(tmp_path, clean, page_process_dies):
    write_outputs(build(DEV_TEXTS, page_ahead=True), tmp_path)
    _same(tmp_path, clean)


def test_the_page_process_ends_when_the_parent_stops_listening():
    from kg.pipeline import _PageJob

    job = _PageJob.start(build(DEV_TEXTS, validate=False))
    job.conn.close()            # as when the parent is killed: nobody reads the page
    job.process.join(timeout=60)
    assert not job.process.is_alive()


def _page_reads(result: BuildResult, hover: bool) -> tuple[str, int]:
    """The page, and how many article or fact nodes it decoded."""
    drawn, scan = result.html_page()
    return render_html(drawn, scan=scan, memo=drawn.store.memo() if hover else None), len(drawn.store._read)


def test_hover_texts_come_from_the_fragments_and_the_page_decodes_only_what_it_draws(tmp_path, clean):
    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache)
    shutil.copy(DEV_TEXTS / NAMES[-1], folder / NAMES[-1])
    shutil.copy(DEV_TEXTS / "manifest.csv", folder / "manifest.csv")
    grown = build(folder, cache_dir=cache)
    assert grown.analysed == [NAMES[-1]]
    read_page, read_all = _page_reads(grown, hover=False)
    hover_page, read_now = _page_reads(grown, hover=True)
    assert hover_page == read_page == (clean / "graph.html").read_text(encoding="utf-8")
    assert read_now < read_all / 2
    write_outputs(grown, tmp_path / "grown")
    _same(tmp_path / "grown", clean)


def test_a_rebuild_after_an_article_changed_writes_what_a_clean_build_writes(tmp_path):
    folder = dev_corpus(tmp_path)
    cache = tmp_path / "cache"
    write_outputs(build(folder, cache_dir=cache), tmp_path / "first")
    doc = NAMES[0]
    path = folder / doc
    path.write_text(path.read_text(encoding="utf-8") + "\n工业和信息化部部长金壮龙表示，将实施制造业数字化转型行动。\n",
                    encoding="utf-8")
    rebuilt = build(folder, cache_dir=cache, page_ahead=True)
    assert rebuilt.analysed == [doc]
    write_outputs(rebuilt, tmp_path / "rebuilt")
    write_outputs(build(folder), tmp_path / "clean")
    _same(tmp_path / "rebuilt", tmp_path / "clean")
    assert "制造业数字化转型行动" in (tmp_path / "rebuilt" / "graph.html").read_text(encoding="utf-8")
    assert "制造业数字化转型行动" not in (tmp_path / "first" / "graph.html").read_text(encoding="utf-8")


def _grown(tmp_path: Path, **kwargs) -> BuildResult:
    """A rebuild of the dev texts: two cached, one new between them and one after."""
    folder = dev_corpus(tmp_path, [NAMES[0], NAMES[2]])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    for name in (NAMES[1], NAMES[3]):
        shutil.copy(DEV_TEXTS / name, folder / name)
    shutil.copy(DEV_TEXTS / "manifest.csv", folder / "manifest.csv")
    grown = build(folder, cache_dir=cache, **kwargs)
    assert grown.analysed == [NAMES[1], NAMES[3]]
    return grown


def test_a_rebuild_forks_the_page_process_with_the_cached_articles_before_the_new_ones(tmp_path, clean):
    grown = _grown(tmp_path, page_ahead=True)
    assert grown._page is not None and grown._page.rest is not None     # forked early, the rest sent since
    write_outputs(grown, tmp_path / "grown")
    _same(tmp_path / "grown", clean)


def test_an_early_page_process_that_dies_leaves_the_page_to_the_parent(tmp_path, clean, page_process_dies):
    grown = _grown(tmp_path, page_ahead=True)
    write_outputs(grown, tmp_path / "grown")
    _same(tmp_path / "grown", clean)


def test_an_early_page_process_ends_when_the_build_gives_up_on_it():
    from kg.pipeline import _PageJob

    job = _PageJob.start_early(build(DEV_TEXTS, validate=False).fragments)
    job.abandon()               # as when the build fails before the graph is linked
    assert not job.process.is_alive() and job.process.exitcode == 0


@pytest.mark.parametrize("failing", ["kg.resolve.resolve_records", "kg.assemble.global_section"])
def test_a_rebuild_that_fails_after_forking_the_page_process_ends_it(tmp_path, monkeypatch, failing):
    import multiprocessing

    from kg.pipeline import _PageJob

    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    shutil.copy(DEV_TEXTS / NAMES[-1], folder / NAMES[-1])
    shutil.copy(DEV_TEXTS / "manifest.csv", folder / "manifest.csv")
    started: list[_PageJob] = []
    start_early = _PageJob.start_early.__func__

    def watched(cls, first):
        started.append(start_early(cls, first))
        return started[-1]

    def fail(*args, **kwargs):
        raise RuntimeError("linking failed")

    monkeypatch.setattr(_PageJob, "start_early", classmethod(watched))
    monkeypatch.setattr(failing, fail)
    with pytest.raises(RuntimeError, match="linking failed"):
        build(folder, cache_dir=cache, page_ahead=True)
    assert len(started) == 1 and started[0] is not None
    assert not started[0].process.is_alive() and started[0].process.exitcode == 0
    assert not multiprocessing.active_children()


def test_page_pairs_gathered_ahead_are_continued_in_a_copy(clean):
    from kg.assemble import gather_page_pairs

    result = build(DEV_TEXTS, validate=False)
    result._page_pairs = gather_page_pairs(result.fragments[:1])
    pages = [_render(result) for _ in range(2)]
    assert pages[0] == pages[1] == (clean / "graph.html").read_text(encoding="utf-8")
    assert result._page_pairs.doc_ids == [result.fragments[0].doc_id]     # as they were


def _render(result: BuildResult) -> str:
    drawn, scan = result.html_page()
    return render_html(drawn, scan=scan)


def test_page_pairs_gathered_for_other_articles_are_refused():
    from kg.assemble import gather_page_pairs, page_source

    result = build(DEV_TEXTS, validate=False)
    with pytest.raises(ValueError, match="first fragments"):
        page_source(result.section, result.fragments, None, gather_page_pairs(result.fragments[1:2]))


def _plain(scan) -> tuple:
    """A Scan's contents as strings, in their order."""
    def text(t):
        return tuple(map(str, t)) if isinstance(t, tuple) else str(t)

    return ([(str(n), k) for n, k in scan.kinds.items()], [(str(s), str(o), k) for s, o, k in scan.edges],
            [(text(k), [str(n) for n in v]) for k, v in scan.positions.items()],
            [(text(k), [str(n) for n in v]) for k, v in scan.assertions.items()],
            [(str(n), f) for n, f in scan.files.items()])


@pytest.mark.parametrize("ahead", [0, 1, 3])
def test_the_scan_made_in_parts_is_the_scan_of_every_pair(ahead):
    """The page's scan from the section's pairs and the fragments' (those
    gathered and scanned ahead apart from the rest) is, order included, the
    scan of all those pairs at once."""
    from kg.assemble import gather_page_pairs, page_source
    from kg.fragment import is_owned
    from kg.viz import page_pairs, scan_pairs

    result = build(DEV_TEXTS, validate=False)
    gathered = None
    if ahead:
        gathered = gather_page_pairs(result.fragments[:ahead])
        gathered.scan()
    _, in_parts = page_source(result.section, result.fragments, None, gathered)
    every = page_pairs(result.section, lambda s: not is_owned(s))
    for p, found in gather_page_pairs(result.fragments).pairs.items():
        every[p] += found
    whole = scan_pairs(every)
    assert _plain(in_parts) == _plain(whole)
    assert whole.edges and whole.positions and whole.assertions and whole.files


def test_outputs_that_cannot_be_written_are_named_and_the_page_process_ended(tmp_path, clean):
    import multiprocessing

    from kg.errors import InputError
    from rdflib import Graph

    out = tmp_path / "out"
    (out / "graph.html").mkdir(parents=True)      # a folder where the page should go: its rename fails
    result = build(DEV_TEXTS, page_ahead=True)
    job = result._page
    assert job is not None
    with pytest.raises(InputError, match="cannot write to .*graph.html"):
        write_outputs(result, out)
    assert not job.process.is_alive() and not multiprocessing.active_children()
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()   # written whole before it
    assert len(Graph().parse(out / "graph.ttl")) > 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []           # no temporary file left
