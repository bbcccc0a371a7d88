"""Shared fixtures: the analysis pipeline (built once), documents made from
passages, and the seeds built once per session."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kg.models import ArticleMeta, Document, Extraction, RawArticle

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
SEED_GOLD = TESTS / "data" / "gold" / "seeds"
DEV_TEXTS = TESTS / "data" / "dev" / "texts"
DEV_GOLD = TESTS / "data" / "dev" / "gold"
SHARED = ROOT.parent / "shared"
DEV_NAMES = sorted(p.name for p in DEV_TEXTS.glob("*.txt"))


def dev_corpus(tmp_path: Path, names=DEV_NAMES) -> Path:
    """A folder of some of the dev articles with their manifest rows (for rebuild tests)."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in names:
        shutil.copy(DEV_TEXTS / name, folder / name)
    lines = (DEV_TEXTS / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0]] + [line for line in lines[1:] if line.split(",", 1)[0] in set(names)]
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def make_document(text: str, *, issued: str | None = "2024-03-05", publisher: str = "",
                  doc_id: str = "passage.txt", title: str = "") -> Document:
    """A normalized Document from a passage, as the pipeline would make it."""
    from kg.normalize import normalize

    meta = ArticleMeta(doc_id=doc_id, title=title, publisher=publisher, issued=issued,
                       issued_source="manifest" if issued else "")
    raw = RawArticle(meta=meta, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return normalize(raw)


def analyze_text(text: str, **meta) -> Extraction:
    from kg.nlp import analyze

    return analyze(make_document(text, **meta))


def _build_into(folder: Path, out: Path):
    from kg.pipeline import build, write_outputs

    result = build(folder)
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once: (BuildResult, output folder)."""
    return _build_into(SEEDS, tmp_path_factory.mktemp("seeds_out"))


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory):
    return _build_into(DEV_TEXTS, tmp_path_factory.mktemp("dev_out"))
