"""The library API: the one module that wires the stages together.

    >>> from kg.pipeline import build                     # doctest: +SKIP
    >>> result = build("seeds")                            # doctest: +SKIP
    >>> result.graph.serialize(format="longturtle")        # doctest: +SKIP
"""
from __future__ import annotations

import gc
import multiprocessing
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from .errors import InputError
from .memory import gc_paused
from .models import Extraction, ReadProblem

if TYPE_CHECKING:
    from .fragment import Fragment

__all__ = ["BuildResult", "build", "write_outputs", "summarize"]


@dataclass
class BuildResult:
    """A build: the extractions, the graph's global section and the articles'
    fragments (:mod:`kg.assemble`, :mod:`kg.fragment`).

    ``graph`` (the whole rdflib graph) is made on first access: ``kg build``
    writes the Turtle from the fragments and never holds it."""

    extractions: Sequence[Extraction]   # a kg.cache.CachedExtractions when built with a cache
    problems: list[ReadProblem]
    report: object | None = None          # kg.validate.ValidationReport
    timings: dict[str, float] = field(default_factory=dict)
    resolution: object | None = None      # kg.resolve.Resolution
    analysed: list[str] = field(default_factory=list)   # doc_ids analysed in this run (not from the cache)
    fragments: list = field(default_factory=list)       # kg.fragment.Fragment per article, doc_id order
    section: Graph | None = None          # the global section (kg.assemble.global_section)
    cache_folder: Path | None = None      # the cache built with: write_outputs keeps graph.ttl's layout there
    turtle_copied: int = 0                # bytes of graph.ttl write_outputs copied from the previous one
    _graph: Graph | None = field(default=None, repr=False)
    _page: _PageJob | None = field(default=None, repr=False)
    _page_pairs: object | None = field(default=None, repr=False)   # kg.assemble.PagePairsSoFar of the first fragments

    @property
    def articles(self) -> int:
        return len(self.extractions)

    @property
    def graph(self) -> Graph:
        """The whole graph (the same triples as ``graph.ttl``), built on first use."""
        if self._graph is None:
            from .graph import to_rdf

            self._graph = to_rdf(self.extractions, self.resolution)
        return self._graph

    @property
    def triples(self) -> int:
        from .assemble import count

        return count(self.section, self.fragments)[0]

    def html_page(self) -> tuple[Graph, object]:
        """What the HTML page draws: (a graph answering for the drawn nodes,
        the ``kg.viz.Scan`` of the whole graph); see :func:`kg.assemble.page_source`."""
        from .assemble import page_source
        from .cache import CachedExtractions

        cached = self.extractions if isinstance(self.extractions, CachedExtractions) else None
        return page_source(self.section, self.fragments, cached, self._page_pairs)

    def render_page(self) -> tuple[str, dict[str, float]]:
        """graph.html's text and its timings ("html graph", "export html").
        The hover texts of facts come from the articles' fragments
        (:func:`kg.fragment.hover_texts`), so the page decodes only the nodes it draws."""
        from .viz import render_html

        t = time.perf_counter()
        drawn, scan = self.html_page()
        seconds = {"html graph": time.perf_counter() - t}
        t = time.perf_counter()
        page = render_html(drawn, scan=scan, memo=drawn.store.memo())
        seconds["export html"] = time.perf_counter() - t
        return page, seconds


def build(source: str | Path | Sequence[Path], manifest: str | Path | None = None, *,
          validate: bool = True, progress: Callable[[str], None] | None = None,
          workers: int = 1, cache_dir: str | Path | None = None, page_ahead: bool = False) -> BuildResult:
    """Read, analyse and link a folder (or list) of articles into one graph.

    ``progress`` is called with each file name as it is analysed (the CLI
    passes a progress bar's update). ``workers`` > 1 analyses articles in that
    many processes (:mod:`kg.parallel`). With ``cache_dir``, analysed articles
    are kept there (:mod:`kg.cache`) and a rebuild analyses only the new or
    changed ones (``BuildResult.analysed`` lists them); the graph is the same
    as a clean build's. ``page_ahead``: make graph.html in a forked process
    while this one validates the graph (in a rebuild, forked as soon as the
    cached articles are read, to gather their part of the page meanwhile); give
    it only when :func:`write_outputs` follows (it collects the page).
    """
    from .assemble import global_section, validate_parts
    from .parallel import start_analysis
    from .read import ReadMemo, read_corpus
    from .resolve import replay_records, resolve_records

    timings: dict[str, float] = {}
    t = time.perf_counter()
    src = Path(source) if isinstance(source, (str, Path)) else [Path(p) for p in source]
    memo = None
    if cache_dir is not None:
        from .cache import READ_MEMO_FILE, pipeline_version

        memo = ReadMemo.load(Path(cache_dir) / READ_MEMO_FILE, pipeline_version())
    raws, problems = read_corpus(src, Path(manifest) if manifest else None, memo=memo)
    timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    cache = None
    present: set[str] = set()
    keys: list[str] = []
    if cache_dir is not None:
        from .cache import ExtractionCache

        cache = ExtractionCache(cache_dir)
        keys = [cache.key(raw) for raw in raws]
        present = cache.present(keys)
    todo = [i for i, raw in enumerate(raws) if not keys or keys[i] not in present]
    if memo is not None:
        for i in todo:
            raws[i] = memo.full(raws[i])
    timings["cache"] = time.perf_counter() - t

    t = time.perf_counter()
    found: dict[str, Fragment] = {}
    fresh: dict[int, tuple] = {}
    page_job = None
    try:             # on any error an early page process is told to end
        try:
            # a few new articles are analysed in the background while the cache is read
            analysed = start_analysis([raws[i] for i in todo], workers=workers, overlap=bool(present),
                                      progress=progress)
            timings["load pipeline"] = time.perf_counter() - t
            if cache is not None:
                t = time.perf_counter()
                with gc_paused(keep=True):
                    found = cache.get_fragments(k for k in keys if k in present)
                if progress:
                    for raw, key in zip(raws, keys):
                        if key in found:
                            progress(raw.meta.doc_id)
                timings["cache"] += time.perf_counter() - t
            t = time.perf_counter()
            damaged = [i for i, key in enumerate(keys) if key in present and key not in found]
            # the cached articles before every new one resolve now: their steps come first in doc_id order
            first_new = min((raws[i].meta.doc_id for i in todo + damaged), default=None)
            before = sorted((frag for frag in found.values() if first_new is None or frag.doc_id < first_new),
                            key=lambda frag: frag.doc_id)
            if page_ahead and todo and before:
                page_job = _PageJob.start_early(before)
            if todo and cache is not None:      # a rebuild: the new articles are being analysed (in the background)
                _preload(validate)
            with gc_paused(keep=True):
                early = replay_records((frag.doc_id, frag.resolution) for frag in before)
            outcomes = analysed()
            if damaged:                         # unreadable entries: analysed again, and replaced
                from .parallel import analyse_articles

                todo += damaged
                if memo is not None:
                    for i in damaged:
                        raws[i] = memo.full(raws[i])
                outcomes += analyse_articles([raws[i] for i in damaged], workers=workers, progress=progress)
            timings["analyse (wall)"] = time.perf_counter() - t
            timings["normalize"] = sum(o.normalize_s for o in outcomes)
            timings["analyse + extract"] = sum(o.analyse_s for o in outcomes)
            timings["fragments"] = sum(o.fragment_s for o in outcomes)
            for i, outcome in zip(todo, outcomes):
                if not outcome.ok:
                    problems.append(ReadProblem(str(outcome.doc_id),
                                                f"could not be analysed ({outcome.error}); skipped"))
                else:
                    fresh[i] = (outcome.extraction or outcome.packed, outcome.fragment)
            if cache is not None:
                t = time.perf_counter()
                cache.put_many((keys[i], entry) for i, entry in fresh.items())
                memo.save(cache.folder / READ_MEMO_FILE)      # type: ignore[union-attr]
                timings["cache"] += time.perf_counter() - t
        finally:
            if cache is not None:
                cache.close()
        # corpus order; an article read from the cache keeps its key, its extraction read only when used
        items: list[tuple[str, Extraction | bytes | str]] = []
        fragments = []
        for i, raw in enumerate(raws):
            if i in fresh:
                items.append((raw.meta.doc_id, fresh[i][0]))
                fragments.append(fresh[i][1])
            elif keys and keys[i] in found:
                items.append((raw.meta.doc_id, keys[i]))
                fragments.append(found[keys[i]])
        from .cache import CachedExtractions, LazyExtractions

        extractions: Sequence[Extraction] = CachedExtractions(items, cache.folder, cache.version) \
            if cache is not None else LazyExtractions(items)
        doc_ids = [doc_id for doc_id, _ in items]
        fragments.sort(key=lambda f: f.doc_id)

        with gc_paused():
            t = time.perf_counter()
            resolution = resolve_records(((frag.doc_id, frag.resolution) for frag in fragments
                                          if first_new is not None and frag.doc_id >= first_new), early)
            timings["resolve"] = time.perf_counter() - t
            t = time.perf_counter()
            section = global_section(resolution, fragments)
            timings["graph"] = time.perf_counter() - t
    except BaseException:
        if page_job is not None:
            page_job.abandon()
        raise

    with gc_paused():
        result = BuildResult(extractions, problems, None, timings, resolution,
                             analysed=[raws[i].meta.doc_id for i in sorted(fresh)],
                             fragments=fragments, section=section,
                             cache_folder=cache.folder if cache is not None else None)
        if page_job is not None:
            result._page = page_job.send_rest(result, len(before))
        elif page_ahead:
            result._page = _PageJob.start(result)
        if validate:
            from .validate import validate_graph

            t = time.perf_counter()
            result.report = validate_parts(section, fragments, doc_ids)
            if result.report is None:       # shapes beyond kg.shacl_fast: pySHACL on the whole graph
                result.report = validate_graph(result.graph)
            timings["validate"] = time.perf_counter() - t
    return result


def _preload(validate: bool) -> None:
    """Load what the build and the page need whatever the articles (the SHACL
    shapes, the page's script bundle): a rebuild does it while its new
    articles are analysed in the background, instead of after."""
    from .viz import preload

    if validate:
        from .validate import shapes_graph

        shapes_graph()
    preload()


def write_outputs(result: BuildResult, out_dir: str | Path) -> dict[str, Path]:
    """graph.ttl, graph.html and validation.txt, each written atomically. A
    build with a cache copies the unchanged articles' part of graph.ttl from
    the one it wrote there last (:class:`kg.assemble.TurtleLayout`)."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with gc_paused():
            return _write_outputs(result, out)
    except OSError as exc:     # no such folder, not writable, disk full …: each file is written whole or not at all
        if result._page is not None:
            result._page.abandon()
            result._page = None
        raise InputError(f"cannot write to {exc.filename or out}: {exc.strerror or exc}") from exc


def _write_outputs(result: BuildResult, out: Path) -> dict[str, Path]:
    from .assemble import TurtleLayouts, write_turtle
    from .fileio import atomic_write
    from .validate import format_report

    t = time.perf_counter()
    target = out / "graph.ttl"
    layouts = TurtleLayouts(result.cache_folder) if result.cache_folder is not None else None
    layout = write_turtle(result.section, result.fragments, target, layouts.get(target) if layouts else None)
    if layouts is not None:
        layouts.put(target, layout)
    result.turtle_copied = layout.copied
    paths = {"graph.ttl": target}
    result.timings["export turtle"] = time.perf_counter() - t
    page = result._page.collect() if result._page is not None else None
    result._page = None
    text, seconds = page if page is not None else result.render_page()
    result.timings.update(seconds)
    paths["graph.html"] = atomic_write(out / "graph.html", text, encoding="utf-8")
    if result.report is not None:
        paths["validation.txt"] = atomic_write(out / "validation.txt", format_report(result.report))
    return paths


@dataclass
class _PageJob:
    """graph.html made in a forked process (:func:`build`'s ``page_ahead``):
    the page reads the global section and the fragments but neither the
    validation's additions to the section (owned nodes only, which the page
    reads from the fragments) nor the Turtle, which this process makes meanwhile.

    In a rebuild the process is forked early (:meth:`start_early`), with the
    cached fragments that come first: it gathers and scans their page pairs
    (two seconds at 10,000 articles) while this process replays their
    resolution and links the graph, then waits for the rest (:meth:`send_rest`)."""

    process: multiprocessing.process.BaseProcess
    conn: Connection                            # the page comes back on it
    rest: Connection | None = None              # early jobs: send_rest's end
    _sending: threading.Thread | None = None

    @classmethod
    def start(cls, result: BuildResult) -> _PageJob | None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        ctx = multiprocessing.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_make_page, args=(result, send, recv), daemon=True)
        process.start()
        send.close()
        return cls(process, recv)

    @classmethod
    def start_early(cls, first: list[Fragment]) -> _PageJob | None:
        """Fork now with ``first``, the fragments that begin the build's
        (in doc_id order); ``None`` where processes cannot fork."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        ctx = multiprocessing.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        rest_recv, rest_send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_make_page_early, args=(first, rest_recv, send, (recv, rest_send)), daemon=True)
        process.start()
        send.close()
        rest_recv.close()
        return cls(process, recv, rest_send)

    def send_rest(self, result: BuildResult, done: int) -> _PageJob:
        """Hand the early process what it lacks to make ``result``'s page: the
        global section, the fragments after the first ``done`` (those it has)
        and the extractions (for the cached articles' nodes). Pickled now (the
        validation adds to the section next), sent from a thread (the process
        may still be gathering). When it cannot be sent, the process ends and
        :meth:`collect` gives ``None``."""
        rest = self.rest
        assert rest is not None
        try:
            data = pickle.dumps((result.section, result.fragments[done:], result.extractions),
                                protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - the page is then made here (collect gives None)
            self.abandon()
            return self

        def send() -> None:
            try:
                rest.send_bytes(data)
            except OSError:             # the process is gone
                pass
            finally:
                rest.close()

        self._sending = threading.Thread(target=send, daemon=True)
        self._sending.start()
        return self

    def abandon(self) -> None:
        """No page wanted after all (the build failed): the process sees its pipes close and ends."""
        if self.rest is not None and self._sending is None:
            self.rest.close()
        self.conn.close()
        self.process.join()

    def collect(self) -> tuple[str, dict[str, float]] | None:
        """(the page, its timings); ``None`` when the process
        died (the caller then makes the page itself). An error the page raised
        is raised here."""
        try:
            kind, value, seconds = self.conn.recv()
        except (EOFError, OSError):
            kind, value, seconds = "lost", None, {}
        finally:
            self.conn.close()
            self.process.join()
            if self._sending is not None:
                self._sending.join()
        if kind == "error":
            raise value
        return (value, seconds) if kind == "page" else None


def _make_page(result: BuildResult, conn: Connection, parents_end: Connection) -> None:
    """The forked process of :class:`_PageJob`: render the page, send it back
    (if the parent is gone, its end of the pipe is closed and this process ends)."""
    parents_end.close()         # inherited: kept open here, a send would wait forever for a dead parent
    _send_page(conn, result.render_page)


def _make_page_early(first: list[Fragment], rest: Connection, conn: Connection,
                     parents_ends: tuple[Connection, Connection]) -> None:
    """The early process of :class:`_PageJob`: gather ``first``'s page pairs
    and scan them (:meth:`kg.assemble.PagePairsSoFar.scan`), wait for the
    rest of the build (the section, the other fragments, the extractions),
    then make the page as :func:`_make_page` does."""
    from .assemble import gather_page_pairs
    from .viz import preload

    for end in parents_ends:    # inherited: kept open here, this process would never see the parent end
        end.close()
    gc.disable()                # a short-lived process: collections would only walk the build, again and again
    try:
        gathered = gather_page_pairs(first)
        gathered.scan()             # what it can of the scan, before the global section comes
    except Exception:  # noqa: BLE001 - the page then gathers them all (and raises, if it must, to the parent)
        gathered = None
    preload(layout=True)            # the page's style, bundle and layout library, meanwhile too
    try:
        section, others, extractions = rest.recv()
    except (EOFError, OSError):         # the build stopped, or sent nothing: no page to make
        conn.close()
        return
    finally:
        rest.close()
    result = BuildResult(extractions, [], section=section, fragments=[*first, *others], _page_pairs=gathered)
    _send_page(conn, result.render_page)


def _send_page(conn: Connection, render: Callable[[], tuple[str, dict[str, float]]]) -> None:
    try:
        page, seconds = render()
        message: tuple = ("page", page, seconds)
    except Exception as exc:  # noqa: BLE001 - raised again in the parent
        message = ("error", exc, {})
    try:
        conn.send(message)
    except OSError:             # the parent is gone
        pass
    except Exception:  # noqa: BLE001 - an unpicklable error: the parent makes the page itself
        try:
            conn.send(("lost", None, {}))
        except OSError:
            pass
    finally:
        conn.close()


def summarize(result: BuildResult) -> dict[str, int]:
    """Nodes per class of the graph (for the CLI's closing summary)."""
    from .assemble import count

    return count(result.section, result.fragments)[1]
