"""The library API: the one module that wires the stages together.

    >>> from kg.pipeline import build                     # doctest: +SKIP
    >>> result = build("seeds")                            # doctest: +SKIP
    >>> result.graph.serialize(format="longturtle")        # doctest: +SKIP
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from .models import Extraction, ReadProblem

__all__ = ["BuildResult", "build", "write_outputs", "summarize"]


@dataclass
class BuildResult:
    graph: Graph
    extractions: list[Extraction]
    problems: list[ReadProblem]
    report: object | None = None          # kg.validate.ValidationReport
    timings: dict[str, float] = field(default_factory=dict)
    resolution: object | None = None      # kg.resolve.Resolution
    analysed: list[str] = field(default_factory=list)   # doc_ids analysed in this run (not from the cache)

    @property
    def articles(self) -> int:
        return len(self.extractions)


def build(source: str | Path | Sequence[Path], manifest: str | Path | None = None, *,
          validate: bool = True, progress: Callable[[str], None] | None = None,
          workers: int = 1, cache_dir: str | Path | None = None) -> BuildResult:
    """Read, analyse and link a folder (or list) of articles into one graph.

    ``progress`` is called with each file name as it is analysed (the CLI
    passes a progress bar's update). ``workers`` > 1 analyses articles in that
    many processes (:mod:`kg.parallel`). With ``cache_dir``, analysed articles
    are kept there (:mod:`kg.cache`) and a rebuild analyses only the new or
    changed ones (``BuildResult.analysed`` lists them); the graph is the same
    as a clean build's.
    """
    from .graph import to_rdf
    from .parallel import analyse_articles
    from .read import read_corpus
    from .resolve import resolve

    timings: dict[str, float] = {}
    t = time.perf_counter()
    src = Path(source) if isinstance(source, (str, Path)) else [Path(p) for p in source]
    raws, problems = read_corpus(src, Path(manifest) if manifest else None)
    timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    cache = None
    found: dict[str, Extraction] = {}
    keys: list[str] = []
    if cache_dir is not None:
        from .cache import ExtractionCache

        cache = ExtractionCache(cache_dir)
        keys = [cache.key(raw) for raw in raws]
        found = cache.get_many(keys)
        if progress:
            for raw, key in zip(raws, keys):
                if key in found:
                    progress(raw.meta.doc_id)
    timings["cache"] = time.perf_counter() - t

    todo = [i for i, raw in enumerate(raws) if not keys or keys[i] not in found]
    t = time.perf_counter()
    if todo:
        from .nlp import build_nlp

        build_nlp()
    timings["load pipeline"] = time.perf_counter() - t

    t = time.perf_counter()
    try:
        outcomes = analyse_articles([raws[i] for i in todo], workers=workers, progress=progress)
        timings["analyse (wall)"] = time.perf_counter() - t
        timings["normalize"] = sum(o.normalize_s for o in outcomes)
        timings["analyse + extract"] = sum(o.analyse_s for o in outcomes)
        fresh: dict[int, Extraction] = {}
        for i, outcome in zip(todo, outcomes):
            if outcome.extraction is None:
                problems.append(ReadProblem(str(outcome.doc_id), f"could not be analysed ({outcome.error}); skipped"))
            else:
                fresh[i] = outcome.extraction
        if cache is not None:
            t = time.perf_counter()
            cache.put_many((keys[i], ex) for i, ex in fresh.items())
            timings["cache"] += time.perf_counter() - t
    finally:
        if cache is not None:
            cache.close()
    extractions = [fresh[i] if i in fresh else found[keys[i]]
                   for i in range(len(raws)) if i in fresh or (keys and keys[i] in found)]

    t = time.perf_counter()
    resolution = resolve(extractions)
    timings["resolve"] = time.perf_counter() - t

    t = time.perf_counter()
    graph = to_rdf(extractions, resolution)
    timings["graph"] = time.perf_counter() - t

    report = None
    if validate:
        from .validate import validate_graph

        t = time.perf_counter()
        report = validate_graph(graph)
        timings["validate"] = time.perf_counter() - t
    return BuildResult(graph, extractions, problems, report, timings, resolution,
                       analysed=[raws[i].meta.doc_id for i in sorted(fresh)])


def write_outputs(result: BuildResult, out_dir: str | Path) -> dict[str, Path]:
    """graph.ttl, graph.html and validation.txt, each written atomically."""
    from .export import write_graph
    from .fileio import atomic_write
    from .validate import format_report
    from .viz import write_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    paths = {"graph.ttl": write_graph(result.graph, out / "graph.ttl")}
    result.timings["export turtle"] = time.perf_counter() - t
    t = time.perf_counter()
    paths["graph.html"] = write_html(result.graph, out / "graph.html")
    result.timings["export html"] = time.perf_counter() - t
    if result.report is not None:
        paths["validation.txt"] = atomic_write(out / "validation.txt", format_report(result.report))
    return paths


def summarize(result: BuildResult) -> dict[str, int]:
    """Nodes per class of the graph (for the CLI's closing summary)."""
    counts: Counter[str] = Counter()
    for _, _, cls in result.graph.triples((None, RDF.type, None)):
        counts[str(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
    return dict(sorted(counts.items()))
