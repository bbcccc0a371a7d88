"""A rebuild with a cache copies the unchanged articles' Turtle from the
graph.ttl it wrote last (kg.assemble.TurtleLayout, kg.fileio.FileRange) and
still writes the bytes of a clean build; a graph.ttl changed since is not
copied from."""
from __future__ import annotations

import os
import shutil

import pytest

from kg.fileio import FileRange, ShortSource, atomic_write_parts
from kg.pipeline import build, write_outputs

from .conftest import DEV_NAMES as NAMES, DEV_TEXTS, dev_corpus


def _add(folder, name: str) -> None:
    """Put the dev article ``name`` into ``folder``, with its manifest row."""
    shutil.copy(DEV_TEXTS / name, folder / name)
    row = next(line for line in (DEV_TEXTS / "manifest.csv").read_text(encoding="utf-8").splitlines()
               if line.split(",", 1)[0] == name)
    with (folder / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")


def _clean_turtle(folder, tmp_path) -> bytes:
    write_outputs(build(folder, validate=False), tmp_path / "clean")
    return (tmp_path / "clean" / "graph.ttl").read_bytes()


def _rebuilt(folder, cache, out):
    result = build(folder, cache_dir=cache, validate=False)
    write_outputs(result, out)
    return result


@pytest.mark.parametrize("change", ["added in the middle", "added at the end", "removed", "text changed"])
def test_a_rebuild_copies_unchanged_articles_and_writes_a_clean_builds_bytes(tmp_path, change):
    names = [n for n in NAMES if n != NAMES[1]] if change == "added in the middle" else \
        NAMES[:-1] if change == "added at the end" else NAMES
    folder = dev_corpus(tmp_path, names)
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = _rebuilt(folder, cache, out)
    assert first.turtle_copied == 0
    before = (out / "graph.ttl").read_bytes()
    if change.startswith("added"):
        _add(folder, NAMES[1] if change == "added in the middle" else NAMES[-1])
    elif change == "removed":
        (folder / NAMES[2]).unlink()
    else:
        path = folder / NAMES[2]
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n\n国家数据局局长刘烈宏出席会议。\n", encoding="utf-8")

    again = _rebuilt(folder, cache, out)
    after = (out / "graph.ttl").read_bytes()
    assert after != before
    assert after == _clean_turtle(folder, tmp_path)
    # most of the file came from the previous one, not from the fragments
    assert again.turtle_copied > len(after) // 3
    assert again.turtle_copied < len(after)


def test_a_build_with_nothing_changed_copies_every_article(tmp_path):
    folder = dev_corpus(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    _rebuilt(folder, cache, out)
    before = (out / "graph.ttl").read_bytes()
    again = _rebuilt(folder, cache, out)
    assert (out / "graph.ttl").read_bytes() == before
    section_end = before.index(b"\n<https://w3id.org/policy-kg/resource/article/")
    assert again.turtle_copied >= len(before) - section_end - 1


@pytest.mark.parametrize("edit", ["appended to", "rewritten, same size", "replaced"])
def test_a_graph_ttl_changed_since_it_was_written_is_not_copied_from(tmp_path, edit):
    folder = dev_corpus(tmp_path, NAMES[:-1])
    cache, out = tmp_path / "cache", tmp_path / "out"
    _rebuilt(folder, cache, out)
    ttl = out / "graph.ttl"
    data = ttl.read_bytes()
    if edit == "appended to":
        with ttl.open("ab") as fh:
            fh.write(b"# a note\n")
    elif edit == "rewritten, same size":
        stat = ttl.stat()
        ttl.write_bytes(data.replace(b"article/", b"ARTICLE/"))
        os.utime(ttl, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    else:
        (tmp_path / "copy.ttl").write_bytes(data.replace(b"article/", b"ARTICLE/"))
        os.replace(tmp_path / "copy.ttl", ttl)
    _add(folder, NAMES[-1])

    again = _rebuilt(folder, cache, out)
    assert again.turtle_copied == 0
    assert ttl.read_bytes() == _clean_turtle(folder, tmp_path)


def test_another_output_folder_is_written_whole(tmp_path):
    folder = dev_corpus(tmp_path, NAMES[:2])
    cache = tmp_path / "cache"
    _rebuilt(folder, cache, tmp_path / "a")
    other = _rebuilt(folder, cache, tmp_path / "b")
    assert other.turtle_copied == 0
    assert (tmp_path / "b" / "graph.ttl").read_bytes() == (tmp_path / "a" / "graph.ttl").read_bytes()


def test_file_ranges_are_copied_between_written_parts(tmp_path):
    source = tmp_path / "source"
    source.write_bytes(b"0123456789" * 1000)
    fd = os.open(source, os.O_RDONLY)
    try:
        path, written = atomic_write_parts(tmp_path / "out", [b"<", FileRange(fd, 5, 12), b"|",
                                                               FileRange(fd, 9990, 10), b">"])
    finally:
        os.close(fd)
    assert path.read_bytes() == b"<567890123456|0123456789>"
    assert written.st_size == 25 and written.st_ino == path.stat().st_ino


def test_a_range_past_the_end_of_its_file_fails_and_leaves_the_target(tmp_path):
    source = tmp_path / "source"
    source.write_bytes(b"abc")
    target = tmp_path / "out"
    target.write_bytes(b"old")
    fd = os.open(source, os.O_RDONLY)
    try:
        with pytest.raises(ShortSource):
            atomic_write_parts(target, [b"x", FileRange(fd, 1, 5)])
    finally:
        os.close(fd)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "source"]


def test_ranges_are_copied_where_the_kernel_cannot_copy_them(tmp_path, monkeypatch):
    import errno

    def refuse(*args):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    source = tmp_path / "source"
    source.write_bytes(bytes(range(256)) * 300)
    fd = os.open(source, os.O_RDONLY)
    try:
        path, _ = atomic_write_parts(tmp_path / "out", [b"[", FileRange(fd, 100, 70000), b"]"])
    finally:
        os.close(fd)
    assert path.read_bytes() == b"[" + source.read_bytes()[100:70100] + b"]"
