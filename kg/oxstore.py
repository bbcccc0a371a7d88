"""A persistent pyoxigraph store for a graph file, so that parsing a large
graph does not dominate every ``kg query`` / ``kg serve``.

The store for ``graph.ttl`` lives in ``<store dir>/<hash of the file's
absolute path>/`` (default store dir: ``$KG_CACHE_DIR/stores``, else
``~/.cache/policy-kg/stores``). It is bulk-loaded once into a temporary
folder beside it and renamed into place, then reopened read-only. A
``fingerprint.json`` inside records the file's size, mtime and a hash of its
first and last MiB (hashing all of a 345 MB file costs 2–3 s, more than a
query) and the pyoxigraph version; when any of them differs the store is
stale and is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError

__all__ = ["default_store_dir", "fingerprint", "store_path", "open_store", "build_store", "stored_quads", "STORE_VERSION", "STORE_MIN_BYTES"]

STORE_VERSION = 1            # bump when the on-disk layout written here changes
# Smaller files are parsed in memory (under ~0.5 s here), unless a store dir is given.
STORE_MIN_BYTES = 5_000_000
_EDGE = 1 << 20              # bytes hashed at each end of the file
_META = "fingerprint.json"


def default_store_dir() -> Path:
    """Where stores go unless told otherwise: ``$KG_CACHE_DIR/stores`` or
    ``$XDG_CACHE_HOME/policy-kg/stores`` (``~/.cache/policy-kg/stores``)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "policy-kg")
    return Path(base) / "stores"


def fingerprint(path: Path) -> dict:
    """What identifies the file's content cheaply: size, mtime (ns), and a
    BLAKE2 hash of its first and last MiB."""
    st = path.stat()
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        h.update(f.read(_EDGE))
        if st.st_size > _EDGE:
            f.seek(max(_EDGE, st.st_size - _EDGE))
            h.update(f.read(_EDGE))
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "edges": h.hexdigest(),
            "pyoxigraph": ox.__version__, "layout": STORE_VERSION}


def store_path(graph: Path, store_dir: Path | None = None) -> Path:
    """The folder of the store for ``graph`` (one per absolute path)."""
    key = hashlib.sha1(str(graph.resolve()).encode("utf-8")).hexdigest()[:16]
    return (store_dir or default_store_dir()) / key


def _read_meta(folder: Path) -> dict | None:
    try:
        return json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _current(found: dict | None, wanted: dict) -> bool:
    return found is not None and all(found.get(k) == v for k, v in wanted.items())


def stored_quads(graph: str | Path, store_dir: Path | None = None) -> int | None:
    """The number of quads recorded when the store of ``graph`` was built
    (``len(store)`` counts them all: seconds on a large store)."""
    graph = Path(graph)
    meta = _read_meta(store_path(graph, store_dir))
    return meta.get("quads") if meta and graph.is_file() and _current(meta, fingerprint(graph)) else None


def build_store(graph: Path, folder: Path, load) -> None:
    """Bulk-load ``graph`` into a new store at ``folder``, atomically: built
    in a temporary sibling folder, then renamed over any stale one.
    ``load(store, graph)`` fills the store (see :func:`kg.query.load_into`)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    meta = fingerprint(graph)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        store = ox.Store(str(tmp / "db"))
        load(store, graph)
        store.flush()
        store.optimize()
        quads = len(store)
        del store
        (tmp / _META).write_text(json.dumps({**meta, "quads": quads}, sort_keys=True), encoding="utf-8")
        old = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", dir=folder.parent))
            os.replace(folder, old / "store")
        try:
            os.replace(tmp, folder)
        except OSError:
            # another process put a store there first: fine if it is current
            if not _current(_read_meta(folder), meta):
                raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def open_store(graph: str | Path, load, *, store_dir: Path | None = None) -> tuple[ox.Store, bool]:
    """The persistent store for ``graph``, opened read-only, built first when
    missing or stale. Returns ``(store, built)``."""
    graph = Path(graph)
    if not graph.is_file():
        raise InputError(f"{graph}: no such file")
    folder = store_path(graph, store_dir)
    built = False
    if not _current(_read_meta(folder), fingerprint(graph)):
        try:
            build_store(graph, folder, load)
        except OSError as exc:
            raise InputError(f"cannot write the query store {folder}: {exc} "
                             "(use --store-dir DIR, or --no-store to query in memory)") from exc
        built = True
    try:
        return ox.Store.read_only(str(folder / "db")), built
    except OSError as exc:
        raise InputError(f"cannot open the query store {folder}: {exc} (delete it to rebuild)") from exc
