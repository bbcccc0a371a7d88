"""One exception root for the library; the CLI maps these to exit codes."""
from __future__ import annotations

from enum import IntEnum

__all__ = ["KGError", "InputError", "ResourceError", "ExitCode"]


class ExitCode(IntEnum):
    """Exit codes of the `kg` commands (as pySHACL's CLI)."""

    OK = 0
    NOT_CONFORMING = 1   # SHACL violations, or some input files could not be read
    ERROR = 2            # could not run: bad arguments, unreadable graph, bad query


class KGError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(KGError):
    """An input file or argument that cannot be used."""


class ResourceError(KGError):
    """A packaged data file (ontology, shapes, gazetteer, query) is missing or broken."""
