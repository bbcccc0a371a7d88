"""Analyse articles in worker processes.

Normalization and the spaCy/jieba rules are per article and independent, so
they run in a pool of forked workers. The pipeline (jieba's dictionary, the
gazetteer words taught to it, the spaCy components) is built in the parent
*before* forking, so every worker starts with it loaded instead of spending
seconds rebuilding it (jieba's tokenizer is process-global: design/PITFALLS.md).
Each worker also makes the article's graph fragment (:mod:`kg.fragment`:
its Turtle blocks and SHACL results), so the main process only adds the
global part. Results come back in input order. An article whose analysis raises is
reported, not fatal: the others still build.

Some rules look at every mention found so far for each candidate, which is
fine for an article (a few hundred mentions) but quadratic for a runaway
input (a 5 MB file of one line took minutes per 100 KB). A text longer than
:data:`WINDOW` characters is therefore analysed in windows of whole
sentences (a sentence longer than a window is cut), and the windows'
findings are shifted back into the whole text: offsets, sentence numbers
and evidence still point into the normalized text. Normal articles never
reach that length and go through the rules unchanged. A text of more than
:data:`MAX_CHARS` characters is not an article (a log, a dump, a runaway
scrape) and is reported and skipped.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from .fragment import Fragment
from .memory import gc_paused
from .models import Document, Extraction, RawArticle, Sentence

__all__ = ["analyse_articles", "start_analysis", "analyse_document", "default_workers", "Analysed",
           "WINDOW", "MAX_CHARS", "BACKGROUND_MAX"]

_CHUNK = 8
WINDOW = 50_000          # characters; news articles are a few thousand
MAX_CHARS = 1_000_000    # spaCy's own default max_length: no article is longer
BACKGROUND_MAX = 64      # articles: up to this many, start_analysis works in one background process


@dataclass
class Analysed:
    """One article's outcome: its extraction and graph fragment, or why it failed; seconds spent.

    From a worker process the extraction comes pickled (``packed``; ``extraction``
    is then ``None``): the main process, which shares the cores with the
    workers, then never decodes it unless it is read (:class:`kg.cache.LazyExtractions`)."""

    doc_id: str
    extraction: Extraction | None
    error: str | None
    normalize_s: float
    analyse_s: float
    fragment: Fragment | None = None
    fragment_s: float = 0.0
    packed: bytes | None = None           # kg.cache.pack_extraction of the extraction

    @property
    def ok(self) -> bool:
        return self.extraction is not None or self.packed is not None

    def unpacked(self) -> Extraction | None:
        """The extraction, decoded if it came packed."""
        from .cache import unpack_extraction

        return self.extraction if self.packed is None else unpack_extraction(self.packed)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _pieces(doc: Document) -> tuple[Sentence, ...]:
    """The document's sentences, those longer than a window cut, renumbered."""
    out: list[Sentence] = []
    for sent in doc.sentences:
        if sent.end - sent.start <= WINDOW:
            out.append(Sentence(len(out), sent.start, sent.end, sent.text))
            continue
        for a in range(sent.start, sent.end, WINDOW):
            b = min(a + WINDOW, sent.end)
            out.append(Sentence(len(out), a, b, doc.text[a:b]))
    return tuple(out)


def _shift(item, offset: int, first: int):
    changes = {"sentence": item.sentence + first}
    if hasattr(item, "start"):
        changes.update(start=item.start + offset, end=item.end + offset)
    return replace(item, **changes)


def analyse_document(doc: Document, nlp=None) -> Extraction:
    """:func:`kg.nlp.analyze`, in windows of whole sentences for a very long text."""
    from .nlp import analyze

    if len(doc.text) <= WINDOW or not doc.sentences:
        return analyze(doc, nlp)
    sentences = _pieces(doc)
    whole = replace(doc, sentences=sentences)
    result = Extraction(document=whole)
    i = 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and sentences[j].end - sentences[i].start <= WINDOW:
            j += 1
        lo, hi = sentences[i].start, sentences[j - 1].end
        window = replace(doc, text=doc.text[lo:hi], sentences=tuple(
            Sentence(k, s.start - lo, s.end - lo, s.text) for k, s in enumerate(sentences[i:j])))
        part = analyze(window, nlp)
        result.mentions += [_shift(m, lo, i) for m in part.mentions]
        result.positions += [_shift(p, lo, i) for p in part.positions]
        result.relations += [_shift(r, lo, i) for r in part.relations]
        result.figures += [_shift(f, lo, i) for f in part.figures]
        result.problems += part.problems
        i = j
    return result


def _analyse_one(raw: RawArticle) -> Analysed:
    from .fragment import make_fragment
    from .nlp import build_nlp
    from .normalize import normalize

    t0 = time.perf_counter()
    if len(raw.text) > MAX_CHARS:
        return Analysed(raw.meta.doc_id, None, f"too long for one article ({len(raw.text):,} characters; "
                        f"limit {MAX_CHARS:,}): split it into articles", 0.0, 0.0)
    try:
        doc = normalize(raw)
        t1 = time.perf_counter()
        ex = analyse_document(doc, build_nlp())
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a build
        t = time.perf_counter() - t0
        return Analysed(raw.meta.doc_id, None, f"{type(exc).__name__}: {exc}", t, 0.0)
    t2 = time.perf_counter()
    try:
        frag = make_fragment(ex)
    except Exception as exc:  # noqa: BLE001 - as above
        return Analysed(raw.meta.doc_id, None, f"{type(exc).__name__}: {exc}", t1 - t0, t2 - t1)
    return Analysed(raw.meta.doc_id, ex, None, t1 - t0, t2 - t1, frag, time.perf_counter() - t2)


def _analyse_shipped(raw: RawArticle) -> Analysed:
    """:func:`_analyse_one` in a worker: the extraction goes back packed."""
    from .cache import pack_extraction

    outcome = _analyse_one(raw)
    if outcome.extraction is not None:
        outcome.packed, outcome.extraction = pack_extraction(outcome.extraction), None
    return outcome


@cache
def warm_up() -> None:
    """Analyse a short passage once in this process (``kg/data/patterns/warmup.txt``).

    The rules compile their patterns and read their word lists on first use
    (~1 s, against ~10 ms an article afterwards): done before workers are
    forked, every worker inherits them instead of paying for them again.
    The passage's outcome is dropped; no rule keeps anything from one
    article to the next, so the articles' outcomes do not change."""
    from .models import ArticleMeta
    from .resources import read_text

    text = read_text("patterns", "warmup.txt")
    _analyse_one(RawArticle(ArticleMeta("warmup.txt", issued="2024-03-05", issued_source="manifest"), text,
                            hashlib.sha256(text.encode("utf-8")).hexdigest()))


def analyse_articles(raws: Sequence[RawArticle], *, workers: int = 1,
                     progress: Callable[[str], None] | None = None) -> list[Analysed]:
    """Normalize and analyse ``raws`` with ``workers`` processes (1: in this one;
    then each :class:`Analysed` holds its extraction, else it holds it packed)."""
    from .nlp import build_nlp

    if not raws:
        return []
    build_nlp()                               # loaded once, inherited by the workers
    workers = max(1, min(workers, len(raws)))
    forking = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    if forking:
        warm_up()
    gc.freeze()      # the pipeline's objects live as long as the process: no collection walks them again
    out: list[Analysed] = []
    if not forking:
        for raw in raws:
            out.append(_analyse_one(raw))
            if progress:
                progress(raw.meta.doc_id)
        return out
    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(_CHUNK, len(raws) // (workers * 4) or 1))
    with ctx.Pool(workers) as pool, gc_paused(keep=True):
        # paused once the workers are forked: each collection would walk every
        # outcome received so far (at 10,000 articles, 3 × the unpickling itself,
        # in the process that shares the two cores with the workers)
        for result in pool.imap(_analyse_shipped, raws, chunksize=chunk):
            out.append(result)
            if progress:
                progress(result.doc_id)
    return out


def start_analysis(raws: Sequence[RawArticle], *, workers: int = 1, overlap: bool = False,
                   progress: Callable[[str], None] | None = None) -> Callable[[], list[Analysed]]:
    """Begin :func:`analyse_articles`; the function returned waits for its outcomes.

    A rebuild analyses a few new articles and reads thousands from the cache:
    with ``overlap`` (the caller has such work to do meanwhile), ``workers`` > 1
    and at most :data:`BACKGROUND_MAX` articles, one forked process loads the
    pipeline and analyses them while this one goes on (loading the pipeline
    alone takes seconds). Otherwise the pipeline is loaded now and the
    articles analysed when the returned function is called, as
    :func:`analyse_articles` does it (for a few articles and nothing to
    overlap, one process loading the pipeline and analysing them all is slower
    than loading it here and sharing them among forked workers).
    """
    if not raws or not overlap or workers < 2 or len(raws) > BACKGROUND_MAX \
            or "fork" not in multiprocessing.get_all_start_methods():
        if raws:
            from .nlp import build_nlp

            build_nlp()                   # now: the caller times the loading apart from the analysis
        return lambda: analyse_articles(raws, workers=workers, progress=progress)
    pool = multiprocessing.get_context("fork").Pool(1)
    pending = pool.map_async(_analyse_shipped, raws, chunksize=len(raws))

    def wait() -> list[Analysed]:
        try:
            out = pending.get()
        finally:
            pool.close()
            pool.join()
        for result in out:
            if progress:
                progress(result.doc_id)
        return out

    return wait
