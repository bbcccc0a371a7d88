"""The only module that locates packaged data files (importlib.resources).

The ontology and SHACL shapes live in the repository's top-level ``ontology/``
folder; the wheel ships it as ``kg/ontology`` (hatch force-include). In an
editable install that folder is not inside the package, so we fall back to the
repository root next to the package.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import ResourceError

__all__ = ["ontology_dir", "data_file", "read_text", "read_lines", "read_json", "query_names"]


def ontology_dir() -> Traversable:
    packaged = files("kg").joinpath("ontology")
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parent.parent / "ontology"
    if repo.is_dir():
        return repo
    raise ResourceError("the ontology folder is missing from the installation")


def data_file(*parts: str) -> Traversable:
    """A file under ``kg/data`` (or ``ontology/`` when the first part is "ontology")."""
    base = ontology_dir() if parts[0] == "ontology" else files("kg").joinpath("data")
    rest = parts[1:] if parts[0] == "ontology" else parts
    node = base
    for part in rest:
        node = node.joinpath(part)
    if not node.is_file():
        raise ResourceError(f"packaged data file not found: {'/'.join(parts)}")
    return node


@cache
def read_text(*parts: str) -> str:
    return data_file(*parts).read_text(encoding="utf-8")


@cache
def read_lines(*parts: str) -> tuple[str, ...]:
    """Non-empty lines of a data file, without ``#`` comments."""
    out = []
    for line in read_text(*parts).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def read_json(*parts: str):
    try:
        return json.loads(read_text(*parts))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{'/'.join(parts)}: {exc}") from exc


def query_names() -> list[str]:
    folder = files("kg").joinpath("data").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))
