"""The read memo (kg.read.ReadMemo): a rebuild skips reading the files whose
size and mtime are those it remembers; the content hash stays the cache key,
and a touched or edited file is read again."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kg.cache import READ_MEMO_FILE, pipeline_version
from kg.errors import InputError
from kg.pipeline import build, write_outputs
from kg.read import ReadMemo, read_corpus

from .conftest import DEV_TEXTS

NAMES = sorted(p.name for p in DEV_TEXTS.glob("*.txt"))
OLD = time.time() - 3600          # an mtime well past the racy window


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    shutil.copytree(DEV_TEXTS, folder)
    for path in folder.iterdir():
        os.utime(path, (OLD, OLD))
    return folder


def _memo(folder: Path) -> ReadMemo:
    memo = ReadMemo(pipeline_version())
    read_corpus(folder, memo=memo)
    return memo


def test_unchanged_files_are_not_read_again(tmp_path):
    folder = _corpus(tmp_path)
    memo = _memo(folder)
    assert len(memo.seen) == len(NAMES) and not memo.unread
    plain, plain_problems = read_corpus(folder)
    again, problems = read_corpus(folder, memo=memo)
    assert sorted(memo.unread) == NAMES
    assert [r.text for r in again] == [""] * len(NAMES)
    assert [(r.meta, r.sha256, r.encoding) for r in again] == [(r.meta, r.sha256, r.encoding) for r in plain]
    assert problems == plain_problems
    full = [memo.full(r) for r in again]
    assert full == plain and not memo.unread


def test_a_touched_or_edited_file_is_read_again(tmp_path):
    folder = _corpus(tmp_path)
    memo = _memo(folder)
    touched, edited = folder / NAMES[0], folder / NAMES[1]
    os.utime(touched, (OLD + 10, OLD + 10))
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("。", "；", 1), encoding="utf-8")      # same size
    os.utime(edited, (OLD + 20, OLD + 20))
    again, _ = read_corpus(folder, memo=memo)
    by_name = {r.meta.doc_id: r for r in again}
    assert by_name[NAMES[0]].text and by_name[NAMES[1]].text
    assert NAMES[0] not in memo.unread and NAMES[1] not in memo.unread
    assert by_name[NAMES[1]].sha256 == read_corpus([edited])[0][0].sha256
    assert by_name[NAMES[1]].text == text.replace("。", "；", 1)


def test_a_new_file_is_not_remembered_until_its_mtime_is_old(tmp_path):
    folder = _corpus(tmp_path)
    fresh = folder / NAMES[0]
    fresh.write_bytes(fresh.read_bytes())                  # mtime now
    memo = _memo(folder)
    assert str(fresh.absolute()) not in memo.seen
    assert len(memo.seen) == len(NAMES) - 1


def test_a_file_changed_after_the_read_is_refused(tmp_path):
    folder = _corpus(tmp_path)
    memo = _memo(folder)
    again, _ = read_corpus(folder, memo=memo)
    path = folder / NAMES[0]
    path.write_text("另一篇文章。" * 20, encoding="utf-8")
    with pytest.raises(InputError, match="changed during the build"):
        memo.full(again[0])


@pytest.mark.parametrize("content", [b"", b"\x80\x04junk", None])
def test_a_damaged_or_foreign_memo_file_is_empty(tmp_path, content):
    folder = _corpus(tmp_path)
    path = tmp_path / READ_MEMO_FILE
    if content is None:
        ReadMemo("another version", _memo(folder).seen).save(path)
    else:
        path.write_bytes(content)
    memo = ReadMemo.load(path, pipeline_version())
    assert memo.seen == {}
    again, _ = read_corpus(folder, memo=memo)
    assert all(r.text for r in again)


def test_a_rebuild_with_the_memo_writes_a_clean_builds_bytes(tmp_path):
    folder = _corpus(tmp_path)
    (folder / NAMES[-1]).rename(tmp_path / NAMES[-1])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache)
    assert ReadMemo.load(cache / READ_MEMO_FILE, pipeline_version()).seen
    # a cached article whose file was touched is a cache hit; the new one is analysed
    os.utime(folder / NAMES[0], (OLD + 10, OLD + 10))
    (tmp_path / NAMES[-1]).rename(folder / NAMES[-1])
    grown = build(folder, cache_dir=cache, page_ahead=True)
    assert grown.analysed == [NAMES[-1]]
    write_outputs(grown, tmp_path / "grown")
    write_outputs(build(folder), tmp_path / "clean")
    for name in ("graph.ttl", "graph.html", "validation.txt"):
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    # an edited article is analysed again, its text read in full
    path = folder / NAMES[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    os.utime(path, (OLD + 30, OLD + 30))
    edited = build(folder, cache_dir=cache, validate=False)
    assert edited.analysed == [NAMES[0]]
