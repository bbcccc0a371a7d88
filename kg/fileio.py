"""Atomic output: write to a temporary file in the same folder, fsync, rename.

click's ``open_file(atomic=True)`` replaces the target even when the block
raises, and never fsyncs (design/PITFALLS.md); this does neither.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_chunks", "load_versioned", "save_versioned"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Replace ``path`` with ``data`` all at once; on any error the old file stays."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    return atomic_write_chunks(path, (payload,))


def atomic_write_chunks(path: str | os.PathLike, chunks: Iterable[bytes]) -> Path:
    """:func:`atomic_write` of the concatenated ``chunks``, written as they come
    (a big file is never held whole in memory)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())   # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def save_versioned(path: str | os.PathLike, version: str, payload: object) -> Path:
    """Pickle ``payload`` to ``path`` (atomically) under ``version``: a private
    file of the cache folder, read back by :func:`load_versioned`."""
    return atomic_write(path, pickle.dumps({"version": version, "payload": payload}, protocol=pickle.HIGHEST_PROTOCOL))


def load_versioned(path: str | os.PathLike, version: str) -> object | None:
    """What :func:`save_versioned` wrote at ``path`` for ``version``; None when the
    file is missing, damaged or of another version."""
    try:
        data = pickle.loads(Path(path).read_bytes())
    except Exception:   # noqa: BLE001 - a private cache file: anything unreadable counts as none
        return None
    return data.get("payload") if isinstance(data, dict) and data.get("version") == version else None
