"""Pausing Python's cyclic garbage collector over passes that allocate a lot."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """No cyclic garbage collection meanwhile.

    Reading 10,000 cached articles, or a pass over a big graph, allocates
    millions of small objects, and each automatic collection walks every
    object alive (all the articles read so far): with the collector on, such
    passes take several times as long. They make no reference cycles worth
    collecting early; the collector resumes afterwards. Not for code that
    forks (the workers would inherit the paused collector).

    ``keep``: what the block made lives on (a build's fragments and tables):
    it is moved out of the collector's sight (``gc.freeze``), else the first
    collections afterwards walk all of it, for nothing (half a second per
    pass at 10,000 articles).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_on:
            gc.enable()
