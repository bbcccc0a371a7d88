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

An entry keeps the fragment and the extraction apart: a rebuild reads every
fragment (what the global part needs, the article's resolution steps
included) but only the few extractions the HTML page draws from
(:class:`CachedExtractions`); a CRC of the extraction's bytes, checked when
the fragments are read, makes a damaged one a miss like a damaged fragment.
Fragments are pickled with their rdflib terms reduced to their fields
(:class:`_TermPickler`), which loads them several times faster than rdflib's
own reduction (that re-validates every IRI and re-parses every literal).

The cache holds pickles: keep the cache folder private (the default is
``$KG_CACHE_DIR`` or ``~/.cache/policy-kg``, as for jieba's dictionary).
"""
from __future__ import annotations

import hashlib
import io
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, replace
from functools import cache
from importlib import metadata
from pathlib import Path

from rdflib import Literal, URIRef

from .compress import pack, unpack
from .errors import KGError
from .fragment import Fragment
from .models import ArticleMeta, Extraction, RawArticle

__all__ = ["ExtractionCache", "CachedExtractions", "LazyExtractions", "pack_extraction", "unpack_extraction",
           "dump_nodes", "load_nodes", "load_node", "pipeline_version", "article_key", "CACHE_FILE", "READ_MEMO_FILE"]

_META_FIELDS = tuple(f.name for f in fields(ArticleMeta))

CACHE_FILE = "extractions.sqlite"
READ_MEMO_FILE = "read-memo.pickle"      # kg.read.ReadMemo of the last build with this cache
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


def _meta_fields(meta: ArticleMeta) -> tuple:
    """``dataclasses.astuple(meta)`` (its fields are plain values) without
    astuple's deep copy, which took most of the keying of 10,000 articles."""
    return tuple(getattr(meta, name) for name in _META_FIELDS)


def article_key(raw: RawArticle, version: str | None = None) -> str:
    """The cache key of one read article."""
    h = hashlib.sha256()
    h.update((version or pipeline_version()).encode())
    h.update(raw.sha256.encode())
    h.update(repr(_meta_fields(raw.meta)).encode("utf-8"))
    h.update(raw.encoding.encode())
    return h.hexdigest()


def _literal(value: str, language: str | None, datatype: URIRef | None, python: object,
             ill_typed: bool | None) -> Literal:
    lit = str.__new__(Literal, value)
    lit._language, lit._datatype, lit._value, lit._ill_typed = language, datatype, python, ill_typed
    return lit


class _TermPickler(pickle.Pickler):
    """Pickles URIRefs and Literals as their fields, restored without rdflib's checks (they passed them once)."""

    def reducer_override(self, obj: object):
        kind = type(obj)
        if kind is URIRef:
            return str.__new__, (URIRef, str(obj))      # made in C when loaded: no Python call per IRI
        if kind is Literal:
            return _literal, (str(obj), obj._language, obj._datatype, obj._value, obj._ill_typed)
        return NotImplemented


def _dump_terms(obj: object) -> bytes:
    out = io.BytesIO()
    _TermPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def dump_nodes(nodes: dict) -> bytes:
    """An article's owned nodes, ``{node: {predicate: object or {objects: None}}}``
    (the lean store's layout), as the page reads them: each node pickled apart
    (terms reduced), so that reading one decodes only its own triples; compressed."""
    return pack(pickle.dumps({str(node): _dump_terms(by_p) for node, by_p in nodes.items()},
                             protocol=pickle.HIGHEST_PROTOCOL))


def load_nodes(data: bytes) -> dict[str, bytes]:
    """:func:`dump_nodes`'s nodes by IRI, each still pickled (:func:`load_node` decodes one)."""
    return pickle.loads(unpack(data))


def load_node(data: bytes) -> dict:
    return pickle.loads(data)


def pack_extraction(ex: Extraction) -> bytes:
    """``ex`` pickled (how a worker hands it on; compressed, how the cache keeps it)."""
    return pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)


def unpack_extraction(data: bytes) -> Extraction:
    ex = pickle.loads(data)
    if not isinstance(ex, Extraction):
        raise TypeError(f"not an Extraction: {type(ex).__name__}")
    return ex


def _load_extraction(data: bytes) -> Extraction:
    return unpack_extraction(unpack(data))


def _rows(db: sqlite3.Connection, columns: str, keys: Iterable[str]) -> Iterator[tuple]:
    """``SELECT columns`` of the entries among ``keys``, 500 keys a query (SQLite's variable limit)."""
    wanted = list(dict.fromkeys(keys))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        yield from db.execute(
            f"SELECT {columns} FROM articles WHERE key IN ({','.join('?' * len(chunk))})", chunk)


class ExtractionCache:
    """A folder holding analysed articles, keyed by :func:`article_key`."""

    def __init__(self, folder: str | Path, version: str | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.version = version or pipeline_version()
        self._db = sqlite3.connect(self.folder / CACHE_FILE, timeout=60)
        with self._db:
            self._db.execute("DROP TABLE IF EXISTS entries")        # the layout before fragments and extractions were apart
            self._db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                             "fragment BLOB NOT NULL, extraction BLOB NOT NULL, nodes BLOB NOT NULL, "
                             "crc INTEGER NOT NULL)")
            self._db.execute("DELETE FROM articles WHERE version != ?", (self.version,))

    def key(self, raw: RawArticle) -> str:
        return article_key(raw, self.version)

    def present(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` have an entry (without reading them)."""
        return {key for (key,) in _rows(self._db, "key", keys)}

    def get_fragments(self, keys: Iterable[str]) -> dict[str, Fragment]:
        """The cached fragments among ``keys``; an entry whose fragment cannot be
        read or whose extraction fails its CRC counts as a miss."""
        found: dict[str, Fragment] = {}
        loads, crc32 = pickle.loads, zlib.crc32
        for key, data, extraction, nodes, crc in _rows(self._db, "key, fragment, extraction, nodes, crc", keys):
            try:
                frag = loads(data)
            except Exception:   # a damaged entry is a miss, re-analysed and replaced
                continue
            if isinstance(frag, Fragment) and crc32(nodes, crc32(extraction)) == crc:
                found[key] = frag
        return found

    def get_extractions(self, keys: Iterable[str]) -> dict[str, Extraction]:
        """The cached extractions among ``keys`` (unreadable ones are left out)."""
        found: dict[str, Extraction] = {}
        for key, data in _rows(self._db, "key, extraction", keys):
            try:
                found[key] = _load_extraction(data)
            except Exception:
                continue
        return found

    def put_many(self, items: Iterable[tuple[str, tuple[Extraction | bytes, Fragment]]]) -> int:
        """Store analysed articles: (key, (extraction or :func:`pack_extraction` of it, fragment))."""
        rows = []
        for key, (ex, frag) in items:
            extraction = pack(ex if isinstance(ex, bytes) else pack_extraction(ex))
            crc = zlib.crc32(frag.nodes, zlib.crc32(extraction))
            rows.append((key, self.version, _dump_terms(replace(frag, nodes=b"")), extraction, frag.nodes, crc))
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO articles (key, version, fragment, extraction, nodes, crc) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "ExtractionCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LazyExtractions(Sequence[Extraction]):
    """A build's extractions in corpus order, those handed on packed
    (:func:`pack_extraction`, from a worker process) decoded on first use
    (all of them when the sequence is read)."""

    def __init__(self, items: Sequence[tuple[str, Extraction | bytes]]) -> None:
        self._items: list = list(items)              # (doc_id, extraction or its packed bytes)
        self._loaded: list[Extraction] | None = None

    def __len__(self) -> int:
        return len(self._items) if self._loaded is None else len(self._loaded)

    def _decode(self, held: Extraction | bytes) -> Extraction:
        return unpack_extraction(held) if isinstance(held, bytes) else held

    def _load(self) -> list[Extraction]:
        if self._loaded is None:
            self._loaded = [self._decode(held) for _, held in self._items]
            self._items = []
        return self._loaded

    def __getitem__(self, i):
        return self._load()[i]

    def __iter__(self) -> Iterator[Extraction]:
        return iter(self._load())


class CachedExtractions(LazyExtractions):
    """A build's extractions in corpus order, those found in the cache read
    from it on first use (all of them when the sequence is read); and, for
    the page, one article's owned nodes (:meth:`nodes`), read from the cache
    for the few articles it draws from."""

    def __init__(self, items: Sequence[tuple[str, Extraction | bytes | str]], folder: str | Path,
                 version: str) -> None:
        super().__init__(items)                      # (doc_id, extraction, packed, or its cache key)
        self._keys = {doc_id: key for doc_id, key in self._items if isinstance(key, str)}
        self._path = Path(folder).resolve() / CACHE_FILE
        self._version = version
        self._db: sqlite3.Connection | None = None

    def _select(self, column: str, keys: Iterable[str]) -> dict[str, bytes]:
        if self._db is None:
            self._db = sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True, timeout=60)
        wanted = list(keys)
        found = dict(_rows(self._db, f"key, {column}", wanted))
        if len(found) < len(set(wanted)):
            raise KGError(f"the cache in {self._path.parent} lost an article during the build; "
                          "build again (or with --no-cache)")
        return found

    def nodes(self, doc_id: str) -> bytes:
        """:func:`dump_nodes` of a cached article."""
        key = self._keys[doc_id]
        return self._select("nodes", [key])[key]

    def _load(self) -> list[Extraction]:
        if self._loaded is None:
            found = self._select("extraction", [key for _, key in self._items if isinstance(key, str)])
            self._loaded = [_load_extraction(found[held]) if isinstance(held, str) else self._decode(held)
                            for _, held in self._items]
            self._items = []
        return self._loaded
