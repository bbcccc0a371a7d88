"""The incremental-build cache: one analysed article (its ``Extraction`` and
graph ``Fragment``: Turtle blocks and SHACL results) per content hash, so a
rebuild re-analyses only new or changed articles and redoes only the global
part of the graph.

An entry's key hashes the article's raw bytes (``RawArticle.sha256``), its
manifest metadata (the date and publisher change what is extracted) and the
**pipeline version**: a hash of every file of the installed ``kg`` package
(code, gazetteers, patterns, word lists) and of the ontology, plus the
versions of spaCy and jieba. Any change to a rule, a gazetteer or the code
therefore misses the cache, and entries of other versions are dropped when
the cache is opened. Entries live in one SQLite file (``extractions.sqlite``)
written in a single transaction at the end of the analysis, so a build that
is killed leaves the cache as it was.

The cache holds pickles: keep the cache folder private (the default is
``$KG_CACHE_DIR`` or ``~/.cache/policy-kg``, as for jieba's dictionary).
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import astuple
from functools import cache
from importlib import metadata
from pathlib import Path

from .fragment import Fragment
from .models import Extraction, RawArticle

__all__ = ["ExtractionCache", "pipeline_version", "article_key", "CACHE_FILE"]

CACHE_FILE = "extractions.sqlite"
_SKIP_DIRS = {"__pycache__"}


def _package_files() -> list[tuple[str, Path]]:
    from .resources import ontology_dir

    root = Path(__file__).resolve().parent
    files = [(str(p.relative_to(root)), p) for p in root.rglob("*")
             if p.is_file() and not _SKIP_DIRS & set(p.relative_to(root).parts) and p.suffix != ".pyc"]
    onto = ontology_dir()
    if isinstance(onto, Path) and not onto.is_relative_to(root):
        files += [(f"ontology/{p.name}", p) for p in onto.iterdir() if p.is_file()]
    return sorted(files)


@cache
def pipeline_version() -> str:
    """Hash of the package's code and data files and the NLP libraries' versions."""
    h = hashlib.sha256()
    for dist in ("spacy", "jieba", "cn2an"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?\n".encode())
    for rel, path in _package_files():
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:32]


def article_key(raw: RawArticle, version: str | None = None) -> str:
    """The cache key of one read article."""
    h = hashlib.sha256()
    h.update((version or pipeline_version()).encode())
    h.update(raw.sha256.encode())
    h.update(repr(astuple(raw.meta)).encode("utf-8"))
    h.update(raw.encoding.encode())
    return h.hexdigest()


class ExtractionCache:
    """A folder holding analysed articles, keyed by :func:`article_key`."""

    def __init__(self, folder: str | Path, version: str | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.version = version or pipeline_version()
        self._db = sqlite3.connect(self.folder / CACHE_FILE, timeout=60)
        with self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS entries "
                             "(key TEXT PRIMARY KEY, version TEXT NOT NULL, data BLOB NOT NULL)")
            self._db.execute("DELETE FROM entries WHERE version != ?", (self.version,))

    def key(self, raw: RawArticle) -> str:
        return article_key(raw, self.version)

    def _rows(self, columns: str, keys: Iterable[str]) -> Iterator[tuple]:
        """``SELECT columns`` of the entries among ``keys``, 500 keys a query (SQLite's variable limit)."""
        wanted = list(dict.fromkeys(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            yield from self._db.execute(
                f"SELECT {columns} FROM entries WHERE key IN ({','.join('?' * len(chunk))})", chunk)

    def present(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` have an entry (without reading them)."""
        return {key for (key,) in self._rows("key", keys)}

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[Extraction, Fragment]]:
        """The cached (extraction, fragment) pairs among ``keys`` (unreadable entries count as misses)."""
        found: dict[str, tuple[Extraction, Fragment]] = {}
        for key, data in self._rows("key, data", keys):
            try:
                ex, frag = pickle.loads(zlib.decompress(data))
            except Exception:   # a damaged entry is a miss, re-analysed and replaced
                continue
            if isinstance(ex, Extraction) and isinstance(frag, Fragment):
                found[key] = (ex, frag)
        return found

    def put_many(self, items: Iterable[tuple[str, tuple[Extraction, Fragment]]]) -> int:
        rows = [(key, self.version, zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1))
                for key, entry in items]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO entries (key, version, data) VALUES (?, ?, ?)", rows)
        return len(rows)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "ExtractionCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
