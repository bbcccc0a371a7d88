"""Atomic output: write to a temporary file in the same folder, fsync, rename.

click's ``open_file(atomic=True)`` replaces the target even when the block
raises, and never fsyncs (design/PITFALLS.md); this does neither.

A part of the output may be a :class:`FileRange`, bytes of another open file
copied in the kernel (``copy_file_range``) without passing through Python:
a rebuild copies the unchanged articles' Turtle from the previous graph.ttl.
"""
from __future__ import annotations

import errno
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_chunks", "atomic_write_parts", "FileRange", "ShortSource",
           "load_versioned", "save_versioned"]


@dataclass(frozen=True)
class FileRange:
    """``length`` bytes of the open file ``fd`` from ``offset``."""

    fd: int
    offset: int
    length: int


class ShortSource(OSError):
    """A :class:`FileRange` reached past the end of its file (the file changed)."""


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
    return atomic_write_parts(path, chunks)[0]


_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM}


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_at(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)      # Windows: no pread (the fd is this module's alone meanwhile)
    return os.read(fd, size)


def _copy_range(part: FileRange, out: int) -> None:
    offset, left = part.offset, part.length
    kernel = hasattr(os, "copy_file_range")
    while left:
        done = 0
        if kernel:
            try:
                done = os.copy_file_range(part.fd, out, left, offset)
            except OSError as exc:          # not between these files (or not on this system): copied here
                if exc.errno not in _NO_KERNEL_COPY:
                    raise
                kernel = False
        if not kernel:
            data = _read_at(part.fd, min(left, 1 << 24), offset)
            _write_all(out, data)
            done = len(data)
        if not done:
            raise ShortSource(f"the file copied from ended {left} bytes early")
        offset += done
        left -= done


def atomic_write_parts(path: str | os.PathLike, parts: Iterable[bytes | FileRange]) -> tuple[Path, os.stat_result]:
    """:func:`atomic_write_chunks` whose parts may also be :class:`FileRange`
    copies; gives the path and the written file's ``fstat`` (taken before the
    rename: what was written, whatever happens to the file afterwards)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())   # mkstemp makes 0600; outputs are for sharing
        pending = bytearray()               # small parts, written together
        for part in parts:
            if isinstance(part, FileRange):
                _write_all(fd, pending)
                pending.clear()
                _copy_range(part, fd)
            else:
                pending += part
                if len(pending) >= 1 << 20:
                    _write_all(fd, pending)
                    pending.clear()
        _write_all(fd, pending)
        os.fsync(fd)
        written = os.fstat(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target, written


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
