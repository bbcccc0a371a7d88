"""Writing graphs: sorted, diff-friendly Turtle (rdflib's ``longturtle``) and
the other RDF syntaxes, always through an atomic write."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .fileio import atomic_write

__all__ = ["serialize", "write_graph", "EXPORT_FORMATS"]

EXPORT_FORMATS = {"ttl": "longturtle", "nt": "nt", "jsonld": "json-ld"}


def serialize(g: Graph, fmt: str = "ttl") -> str:
    rdflib_format = EXPORT_FORMATS.get(fmt, fmt)
    data = g.serialize(format=rdflib_format, encoding="utf-8")
    text = data.decode("utf-8")
    if rdflib_format == "nt":   # N-Triples order is not stable; sort the lines
        text = "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))
    return text


def write_graph(g: Graph, path: str | Path, fmt: str = "ttl") -> Path:
    return atomic_write(path, serialize(g, fmt))
