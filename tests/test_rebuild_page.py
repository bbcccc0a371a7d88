"""graph.html of a build: made in a forked process while the parent validates
and writes the Turtle (``build(page_ahead=True)``), and, with a cache, from
the page memo of unchanged articles (kg.assemble.StoredPageMemo): the same
bytes as a clean build in every case."""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from kg.assemble import PAGE_MEMO_FILE, StoredPageMemo
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


def test_a_page_process_that_dies_leaves_the_page_to_the_parent(tmp_path, clean, monkeypatch):
    parent = os.getpid()
    real = BuildResult.render_page

    def die_in_the_child(self):
        if os.getpid() != parent:
            os._exit(3)
        return real(self)

    monkeypatch.setattr(BuildResult, "render_page", die_in_the_child)
    write_outputs(build(DEV_TEXTS, page_ahead=True), tmp_path)
    _same(tmp_path, clean)


def test_the_page_process_ends_when_the_parent_stops_listening():
    from kg.pipeline import _PageJob

    job = _PageJob.start(build(DEV_TEXTS, validate=False))
    job.conn.close()            # as when the parent is killed: nobody reads the page
    job.process.join(timeout=60)
    assert not job.process.is_alive()


def _page_reads(result: BuildResult, memo) -> tuple[str, int]:
    """The page, and how many article or fact nodes it decoded."""
    drawn, scan = result.html_page()
    return render_html(drawn, scan=scan, memo=memo), len(drawn.store._read)


def test_a_rebuild_decodes_fewer_nodes(tmp_path, clean):
    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache = tmp_path / "cache"
    write_outputs(build(folder, cache_dir=cache, page_ahead=True), tmp_path / "first")
    assert (cache / PAGE_MEMO_FILE).is_file()
    shutil.copy(DEV_TEXTS / NAMES[-1], folder / NAMES[-1])
    shutil.copy(DEV_TEXTS / "manifest.csv", folder / "manifest.csv")
    grown = build(folder, cache_dir=cache)
    assert grown.analysed == [NAMES[-1]]

    without, read_all = _page_reads(grown, None)
    stored = StoredPageMemo.load(*grown.cache, grown.keys)
    assert stored.memo.known
    with_memo, read_now = _page_reads(grown, stored.memo)
    assert with_memo == without
    assert read_now < read_all

    write_outputs(grown, tmp_path / "grown")
    _same(tmp_path / "grown", clean)
    # the memo now covers the new article too: a second rebuild reads less still
    stored = StoredPageMemo.load(*grown.cache, grown.keys)
    again, read_again = _page_reads(build(folder, cache_dir=cache), stored.memo)
    assert again == without
    assert read_again <= read_now


def test_the_memo_of_a_changed_article_does_not_apply(tmp_path):
    folder = dev_corpus(tmp_path)
    cache = tmp_path / "cache"
    first = build(folder, cache_dir=cache)
    write_outputs(first, tmp_path / "first")
    stored = StoredPageMemo.load(*first.cache, first.keys)
    assert stored.memo.known
    # an article whose bytes changed has another key: none of its entries load
    doc = NAMES[0]
    changed = dict(first.keys, **{doc: "0" * 64})
    kept = StoredPageMemo.load(*first.cache, changed)
    assert kept.docs.keys() == stored.docs.keys() - {first.keys[doc]}
    # and a rebuild after editing it writes what a clean build writes
    path = folder / doc
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    rebuilt = build(folder, cache_dir=cache, page_ahead=True)
    assert rebuilt.analysed == [doc]
    write_outputs(rebuilt, tmp_path / "rebuilt")
    write_outputs(build(folder), tmp_path / "clean")
    _same(tmp_path / "rebuilt", tmp_path / "clean")


@pytest.mark.parametrize("damage", ["garbage", "other version", "empty"])
def test_a_damaged_or_foreign_memo_is_no_memo(tmp_path, clean, damage):
    cache = tmp_path / "cache"
    write_outputs(build(DEV_TEXTS, cache_dir=cache), tmp_path / "first")
    path = cache / PAGE_MEMO_FILE
    if damage == "garbage":
        path.write_bytes(b"\x80\x04not a pickle")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        data = pickle.loads(path.read_bytes())
        data["version"] = "another"
        data["payload"] = {key: {k: ("bogus", "bogus") if k[0] == "prov" else ["bogus"] for k in entries}
                           for key, entries in data["payload"].items()}
        path.write_bytes(pickle.dumps(data))
    result = build(DEV_TEXTS, cache_dir=cache)
    assert not StoredPageMemo.load(*result.cache, result.keys).memo.known
    write_outputs(result, tmp_path / "again")
    _same(tmp_path / "again", clean)
    assert StoredPageMemo.load(*result.cache, result.keys).memo.known     # written anew


def test_a_build_without_cache_keeps_no_memo(tmp_path):
    result = build(DEV_TEXTS, validate=False)
    assert result.cache is None and result.keys == {}


def test_a_rebuild_gathers_the_cached_articles_page_pairs_while_it_analyses(tmp_path, clean):
    folder = dev_corpus(tmp_path, [NAMES[0], NAMES[2]])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    for name in (NAMES[1], NAMES[3]):             # one new article between the cached ones, one after
        shutil.copy(DEV_TEXTS / name, folder / name)
    shutil.copy(DEV_TEXTS / "manifest.csv", folder / "manifest.csv")
    grown = build(folder, cache_dir=cache, page_ahead=True)
    assert grown.analysed == [NAMES[1], NAMES[3]]
    assert grown._page_pairs.doc_ids == [NAMES[0]]    # the cached ones before the first new one
    pages = [_render(grown) for _ in range(2)]
    assert pages[0] == pages[1]                      # continuing the pairs gathered leaves them as they were
    assert grown._page_pairs.doc_ids == [NAMES[0]]
    write_outputs(grown, tmp_path / "grown")
    _same(tmp_path / "grown", clean)
    assert pages[0] == (clean / "graph.html").read_text(encoding="utf-8")


def _render(result: BuildResult) -> str:
    drawn, scan = result.html_page()
    return render_html(drawn, scan=scan)


def test_page_pairs_gathered_for_other_articles_are_refused():
    from kg.assemble import gather_page_pairs, page_source

    result = build(DEV_TEXTS, validate=False)
    with pytest.raises(ValueError, match="first fragments"):
        page_source(result.section, result.fragments, None, gather_page_pairs(result.fragments[1:2]))
