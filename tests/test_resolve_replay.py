"""Resolution in parts (kg.resolve.replay_records): a rebuild replays the
cached articles that come before every new one while the new ones are
analysed, then the rest; the same Resolution and outputs as in one pass."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import build, write_outputs
from kg.resolve import replay_records, resolve_records

from .conftest import DEV_TEXTS

NAMES = sorted(p.name for p in DEV_TEXTS.glob("*.txt"))


def _entities(res):
    return {key: (e.uid, e.label, sorted(e.aliases), sorted(e.articles), e.mentions, e.merge_reasons)
            for key, e in res.entities.items()}


def test_replaying_in_two_parts_is_one_pass():
    records = [(frag.doc_id, frag.resolution) for frag in build(DEV_TEXTS, validate=False).fragments]
    whole = _entities(resolve_records(records))
    for k in range(len(records) + 1):
        assert _entities(resolve_records(records[k:], replay_records(records[:k]))) == whole


@pytest.mark.parametrize("added", [0, len(NAMES) // 2])
def test_a_rebuild_with_an_article_before_the_cached_ones(tmp_path, added):
    folder = tmp_path / "texts"
    shutil.copytree(DEV_TEXTS, folder)
    (folder / NAMES[added]).rename(tmp_path / NAMES[added])
    cache = tmp_path / "cache"
    build(folder, cache_dir=cache, validate=False)
    (tmp_path / NAMES[added]).rename(folder / NAMES[added])
    grown = build(folder, cache_dir=cache, workers=2)
    assert grown.analysed == [NAMES[added]]
    write_outputs(grown, tmp_path / "grown")
    write_outputs(build(folder), tmp_path / "clean")
    for name in ("graph.ttl", "graph.html", "validation.txt"):
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
