"""The `kg` command: a thin click layer over the library (kg.pipeline & co.).

Exit codes (as pySHACL's CLI): 0 fine, 1 the graph does not conform or some
inputs could not be read, 2 could not run (bad arguments, unreadable graph,
bad query).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import ExitCode, InputError, KGError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
_ENDS_PROCESS = False       # set by main(): run as the `kg` program, not in-process (tests, notebooks)


def _finish(code: ExitCode) -> None:
    """End a command that held a whole graph. Run as the `kg` program, its
    process ends here, without freeing the graph's millions of objects one by
    one (seconds, for nothing: every output is written and closed by now);
    in-process it returns, or raises SystemExit for a non-zero code."""
    if _ENDS_PROCESS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    if code:
        sys.exit(int(code))


def _fail(exc: Exception, code: ExitCode = ExitCode.ERROR) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(int(code))


class _Commands(click.Group):
    """The commands, with one last handler: a file that cannot be read or written
    (no such folder, not a folder, permission, disk full) is named in one line
    with exit code 2, whichever command met it, not shown as a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:        # kg query … | head: the reader left; nothing to say
            raise
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(int(ExitCode.ERROR))


@click.group(cls=_Commands, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="policy-kg", prog_name="kg")
def cli() -> None:
    """Build, check and query knowledge graphs of Chinese policy news.

    \b
    kg build seeds -o exports        articles → graph.ttl, graph.html, validation.txt
    kg validate exports/graph.ttl    SHACL check against the shipped shapes
    kg query exports/graph.ttl 'SELECT …'     (or --named NAME; kg query --list)
    kg serve exports/graph.ttl       read-only SPARQL endpoint on 127.0.0.1:7878
    kg export exports/graph.ttl -o graph.trig
    kg eval exports/graph.ttl GOLD_DIR --texts seeds
    """


@cli.command()
@click.argument("texts_dir", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for graph.ttl, graph.html and validation.txt (created if missing).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="manifest.csv with file,title,publisher,issued,url (default: TEXTS_DIR/manifest.csv).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that analyse articles (default: all cores).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where analysed articles are kept for incremental rebuilds "
                   "(default: $KG_CACHE_DIR or ~/.cache/policy-kg).")
@click.option("--no-cache", is_flag=True, help="Analyse every article again; read and write no cache.")
@click.option("--timings", is_flag=True, help="Print seconds per stage and the triple count (to stderr).")
def build(texts_dir: Path, out_dir: Path, manifest: Path | None, no_validate: bool, quiet: bool,
          workers: int | None, cache_dir: Path | None, no_cache: bool, timings: bool) -> None:
    """Read every *.txt in TEXTS_DIR and write the graph to OUT_DIR.

    Files that cannot be read are reported (one line each) and skipped; the
    rest still build, and the exit code is then 1. Articles analysed before
    (same bytes, same metadata, same version of the rules) come from the
    cache, so adding a few articles to a big folder rebuilds in seconds.
    """
    from tqdm import tqdm

    from .pipeline import build as run_build
    from .pipeline import summarize, write_outputs

    src = texts_dir.resolve()
    out = out_dir.resolve()
    if src.is_dir() and (out == src or src in out.parents):
        _fail(KGError(f"output folder {out_dir} is inside the input folder {texts_dir}; choose another"))
    n_files = len(list(texts_dir.glob("*.txt"))) if texts_dir.is_dir() else 1
    if n_files == 0:        # most likely the wrong folder: an empty graph would replace the last one
        _fail(InputError(f"no *.txt file in {texts_dir}: nothing to build; nothing written"))
    try:                    # found out now, not after the whole build
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(InputError(f"cannot write to the output folder {out_dir}: {exc.strerror or exc}"))
    if not os.access(out, os.W_OK):
        _fail(InputError(f"cannot write to the output folder {out_dir}: Permission denied"))
    bar = tqdm(total=n_files, unit="article", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        from .nlp import cache_dir as default_cache_dir
        from .parallel import default_workers

        result = run_build(texts_dir, manifest, validate=not no_validate, progress=lambda _: bar.update(1),
                           workers=workers or default_workers(),
                           cache_dir=None if no_cache else (cache_dir or default_cache_dir()), page_ahead=True)
        bar.close()
        paths = write_outputs(result, out_dir)
    except KGError as exc:
        bar.close()
        _fail(exc)
    from .read import is_note

    failures = [p for p in result.problems if not is_note(p)]
    for problem in result.problems:
        click.echo(f"{'note' if is_note(problem) else 'error'}: {str(problem).replace('note: ', '')}", err=True)
    if not quiet:
        counts = summarize(result)
        click.echo(f"{result.articles} articles read, {len(failures)} could not be read")
        click.echo("  " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
        if result.report is not None:
            rep = result.report
            click.echo(f"SHACL: {len(rep.violations)} violations, {len(rep.warnings)} warnings "
                       f"({'conforms' if rep.conforms else 'does not conform'})")
        for name, path in paths.items():
            click.echo(f"wrote {path}")
    if timings:
        for stage, seconds in result.timings.items():
            click.echo(f"timing: {stage}: {seconds:.3f}", err=True)
        click.echo(f"timing: triples: {result.triples}", err=True)
        click.echo(f"timing: analysed: {len(result.analysed)}", err=True)
    if failures and not result.extractions:
        _finish(ExitCode.ERROR)
    _finish(ExitCode.NOT_CONFORMING if failures or (result.report is not None and not result.report.conforms)
            else ExitCode.OK)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "ttl"]), default="text", show_default=True,
              help="text: a grouped report in Chinese and English; ttl: the standard SHACL report graph.")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
def validate(graph: Path, fmt: str, out_file: Path | None) -> None:
    """Check GRAPH against the SHACL shapes; exit 0 if it conforms, 1 if not,
    2 if it could not be checked (as pySHACL's CLI)."""
    from .export import serialize_report
    from .fileio import atomic_write
    from .store import load_lean_graph
    from .validate import format_report, validate_graph

    try:
        g = load_lean_graph(graph)     # pyoxigraph parse, lean store; rdflib's parser on errors
        report = validate_graph(g)
        text = serialize_report(report) if fmt == "ttl" else format_report(report)
        if out_file is not None:
            atomic_write(out_file, text if text.endswith("\n") else text + "\n")
    except (KGError, OSError) as exc:
        _fail(exc)
    if out_file is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        click.echo(f"wrote {out_file}", err=True)
    _finish(ExitCode.OK if report.conforms else ExitCode.NOT_CONFORMING)


def _store_options(f):
    """--no-store / --store-dir, shared by kg query and kg serve."""
    f = click.option("--store-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Folder for persistent query stores (default: $KG_CACHE_DIR/stores, "
                          "~/.cache/policy-kg/stores).")(f)
    return click.option("--no-store", is_flag=True,
                        help="Parse GRAPH into memory for this run; no persistent store is read or written.")(f)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path), required=False)
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--named", "named", metavar="NAME", help="Run a query shipped with kg (see --list).")
@click.option("--param", "params", metavar="KEY=VALUE", multiple=True,
              help="Bind ?KEY to VALUE (a literal; <IRI> or kgo:Name for an IRI). Repeatable.")
@click.option("--list", "list_named", is_flag=True, help="List the named queries and their parameters.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Rows a named query lists (each has a default, see --list); 0: all of them.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_store_options
def query(graph: Path | None, sparql: str | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], list_named: bool, limit: int | None, fmt: str,
          no_store: bool, store_dir: Path | None) -> None:
    """Run a SPARQL query on GRAPH (the usual prefixes kgo:, kgr:, org:, skos:,
    prov:, dcterms: are predeclared).

    \b
    kg query exports/graph.ttl 'SELECT ...'
    kg query exports/graph.ttl --file q.rq
    kg query exports/graph.ttl --named article_facts --param article=001_432c8b0ef76745e8.txt
    kg query exports/graph.ttl --named targets_by_year --limit 0      (every row)
    kg query --list

    The first query of a graph file bulk-loads it into a persistent store
    (pyoxigraph on disk, under $KG_CACHE_DIR/stores, ~/.cache/policy-kg/stores,
    or --store-dir; about 1.7 × the Turtle's size); later queries reopen it
    read-only in milliseconds. The store is rebuilt when the file changes (its
    size, mtime or first/last MiB differ). --no-store parses the file into
    memory for this run instead.

    Named queries that list things show their first rows (see --list);
    --limit N shows N, --limit 0 all. A --param narrows the rows before that.
    """
    from .query import bind_params, format_named_list, format_result, named_queries, named_query
    from .query import open_graph, prepare, run_query

    if list_named:
        try:
            click.echo(format_named_list(named_queries()))
        except KGError as exc:
            _fail(exc)
        return
    if graph is None:
        _fail(KGError("give GRAPH, the graph file to query (or --list)"))
    if sum(x is not None for x in (sparql, query_file, named)) != 1:
        _fail(KGError("give one query: as an argument, with --file or with --named"))
    bindings: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(KGError(f"--param {item!r}: write KEY=VALUE"))
        bindings[key.strip().lstrip("?$")] = value
    try:
        if named is not None:
            text, terms = prepare(named_query(named), bindings, limit)
        else:
            if limit is not None:
                raise KGError("--limit applies to named queries; write LIMIT in your own query")
            text = sparql if sparql is not None else query_file.read_text(encoding="utf-8")
            terms = bind_params(text, bindings)
        result = run_query(open_graph(graph, persistent=not no_store, store_dir=store_dir), text, bindings=terms)
    except (KGError, OSError, UnicodeDecodeError) as exc:
        _fail(exc)
    text = format_result(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="TCP port (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests.")
@_store_options
def serve(graph: Path, port: int, host: str, quiet: bool, no_store: bool, store_dir: Path | None) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint (for YASGUI, SPARQLWrapper,
    curl) until Ctrl-C. Uses the same persistent store as kg query.

    \b
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
         http://127.0.0.1:7878/sparql
    """
    import ipaddress

    from .serve import make_server

    log = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        server = make_server(graph, host, port, log=log, persistent=not no_store, store_dir=store_dir)
    except KGError as exc:
        _fail(exc)
    try:
        loopback = ipaddress.ip_address(server.server_address[0]).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        click.echo(f"warning: listening on {host}, not only this machine: anyone who can reach it can query "
                   "the graph", err=True)
    click.echo(f"SPARQL endpoint for {graph} ({server.triples} triples) at {server.url}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
                   "http://localhost:3030/DS/data (Fuseki).")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="Named graph for the shared part (entities, labels, articles); "
                   "default https://w3id.org/policy-kg/resource/graph/shared.")
@click.option("--single-graph", is_flag=True, help="Put everything into the --graph graph instead of "
                                                   "one named graph per article.")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait per request.")
def push(graph: Path, endpoint: str, graph_iri: str | None, single_graph: bool, timeout: float) -> None:
    """Upload GRAPH to a SPARQL 1.1 Graph Store (Fuseki, GraphDB, Virtuoso,
    Oxigraph, Neptune): one PUT per named graph, so pushing again replaces,
    never duplicates."""
    from .export import read_triples
    from .push import push as run_push

    try:
        result = run_push(read_triples(graph), endpoint, graph=graph_iri, single=single_graph, timeout=timeout)
    except KGError as exc:
        _fail(exc)
    click.echo(f"pushed {result.triples} triples in {len(result.graphs)} named graphs to {endpoint}")


@cli.command(name="export")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig"]),
              help="Output syntax (default: from the -o file's suffix). trig: one named graph per article.")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write.")
def export_cmd(graph: Path, fmt: str | None, out_file: Path) -> None:
    """Write GRAPH as Turtle, N-Triples, JSON-LD or TriG (sorted; every literal
    kept exactly as written)."""
    from .export import export_file

    if out_file.exists() and graph.exists() and out_file.resolve() == graph.resolve():
        _fail(KGError(f"{out_file} is the input graph; write to another file"))
    try:
        path = export_file(graph, out_file, fmt)
    except (KGError, OSError) as exc:
        _fail(exc)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (self-contained, works offline).")
@click.option("--focus", help="Show only the neighbourhood of the node with this label (e.g. 金壮龙).")
@click.option("--depth", type=int, default=2, show_default=True, help="Radius of the --focus neighbourhood.")
@click.option("--max-nodes", type=int, default=2000, show_default=True,
              help="Above this, show the most connected part and say how much was left out.")
def viz(graph: Path, out_file: Path, focus: str | None, depth: int, max_nodes: int) -> None:
    """Draw GRAPH as an interactive HTML page."""
    from .store import load_lean_graph
    from .viz import write_html

    try:
        g = load_lean_graph(graph)     # pyoxigraph parse, lean store; rdflib's parser on errors
        path = write_html(g, out_file, focus=focus, depth=depth, max_nodes=max_nodes)
    except KGError as exc:
        _fail(exc)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("label")
def explain(graph: Path, label: str) -> None:
    """Show why the node named LABEL is what it is: its labels, the article and
    sentence each was read from, why they were merged, and its links."""
    from .explain import explain as run_explain
    from .explain import format_explanation
    from .graphio import load_graph

    try:
        click.echo(format_explanation(run_explain(load_graph(graph), label)), nl=False)
    except KGError as exc:
        _fail(exc)


@cli.command(name="eval")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder the graph was built from: checks evidence and counts manifest publishers.")
@click.option("--errors", "show_errors", is_flag=True, help="List what was missed and what was wrong.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write scores as JSON.")
@click.option("--min-f1", type=float, default=None, help="Exit 1 when overall micro-F1 is below this.")
def eval_cmd(graph: Path, gold_dir: Path, texts: Path | None, show_errors: bool, json_out: Path | None,
             min_f1: float | None) -> None:
    """Score GRAPH against gold annotations (one JSON file per article)."""
    import json

    from .evaluate import evaluate, format_errors, format_scores, to_json
    from .fileio import atomic_write
    from .graphio import load_graph

    try:
        report = evaluate(load_graph(graph), gold_dir, texts)
    except KGError as exc:
        _fail(exc)
    click.echo(format_scores(report))
    if show_errors:
        click.echo(format_errors(report))
    if json_out:
        atomic_write(json_out, json.dumps(to_json(report), ensure_ascii=False, indent=2))
    if min_f1 is not None and report.overall.f1 < min_f1:
        sys.exit(int(ExitCode.NOT_CONFORMING))


@cli.command(name="timeline")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("indicator")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def timeline_cmd(graph: Path, indicator: str, fmt: str) -> None:
    """Show INDICATOR's values over time in GRAPH, oldest first: statistics and
    targets with unit, year, period, article and evidence; marks a target that a
    later statistic met or missed, and statistics for one period that disagree.

    \b
    INDICATOR matches any label of an indicator: exactly, else as the same
    measure (5G基站 finds 累计建成5G基站), else as a substring; several matches
    are listed (exit 2). An IRI (kgr:indicator/…) works too.
    kg timeline exports/graph.ttl 5G基站
    """
    from .timeline import format_timeline, timeline

    try:
        click.echo(format_timeline(timeline(graph, indicator), fmt))
    except KGError as exc:
        _fail(exc)


def main() -> None:
    """The `kg` program (``python -m kg`` too)."""
    global _ENDS_PROCESS
    _ENDS_PROCESS = True
    cli()
