"""Reading graphs from user files: Turtle, N-Triples, N-Quads, TriG, JSON-LD.

RDF/XML is refused on purpose: a 470-byte entity-expansion document takes
rdflib tens of seconds to parse (design/PITFALLS.md).
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError

__all__ = ["FORMATS", "guess_format", "load_graph"]

FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
           ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld"}


def guess_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unsupported graph format {path.suffix or '(none)'!r}; "
                         f"use one of {', '.join(sorted(FORMATS))}")
    return fmt


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file; quads (TriG, N-Quads) are flattened into one graph."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = guess_format(path)
    head = path.open("rb").read(4096).lstrip()
    if head.startswith(b"<?xml") or b"<!DOCTYPE" in head:
        raise InputError(f"{path}: looks like XML; RDF/XML is not accepted")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            g = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
        else:
            g = Graph()
            g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise InputError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return g
