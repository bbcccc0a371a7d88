"""The `kg` command: a thin click layer over the library (kg.pipeline & co.).

Exit codes (as pySHACL's CLI): 0 fine, 1 the graph does not conform or some
inputs could not be read, 2 could not run (bad arguments, unreadable graph,
bad query).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ExitCode, KGError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _fail(exc: Exception, code: ExitCode = ExitCode.ERROR) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(int(code))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="policy-kg", prog_name="kg")
def cli() -> None:
    """Build, check and query knowledge graphs of Chinese policy news.

    \b
    kg build seeds -o exports        articles → graph.ttl, graph.html, validation.txt
    kg validate exports/graph.ttl    SHACL check against the shipped shapes
    kg query exports/graph.ttl 'SELECT …'
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
def build(texts_dir: Path, out_dir: Path, manifest: Path | None, no_validate: bool, quiet: bool) -> None:
    """Read every *.txt in TEXTS_DIR and write the graph to OUT_DIR.

    Files that cannot be read are reported (one line each) and skipped; the
    rest still build, and the exit code is then 1.
    """
    from tqdm import tqdm

    from .pipeline import build as run_build
    from .pipeline import summarize, write_outputs

    src = texts_dir.resolve()
    out = out_dir.resolve()
    if src.is_dir() and (out == src or src in out.parents):
        _fail(KGError(f"output folder {out_dir} is inside the input folder {texts_dir}; choose another"))
    n_files = len(list(texts_dir.glob("*.txt"))) if texts_dir.is_dir() else 1
    bar = tqdm(total=n_files, unit="article", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        result = run_build(texts_dir, manifest, validate=not no_validate, progress=lambda _: bar.update(1))
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
    if failures and not result.extractions:
        sys.exit(int(ExitCode.ERROR))
    if failures or (result.report is not None and not result.report.conforms):
        sys.exit(int(ExitCode.NOT_CONFORMING))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
def validate(graph: Path) -> None:
    """Check GRAPH against the SHACL shapes; exit 0 if it conforms, 1 if not."""
    from .graphio import load_graph
    from .validate import format_report, validate_graph

    try:
        g = load_graph(graph)
        report = validate_graph(g)
    except KGError as exc:
        _fail(exc)
    click.echo(format_report(report))
    sys.exit(int(ExitCode.OK if report.conforms else ExitCode.NOT_CONFORMING))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query on GRAPH (the usual prefixes kgo:, kgr:, org:, skos:,
    prov:, dcterms: are predeclared)."""
    from .query import format_csv, format_json, format_table, load_store, run_query

    if (sparql is None) == (query_file is None):
        _fail(KGError("give a query as an argument or with --file (one of the two)"))
    text = sparql if sparql is not None else query_file.read_text(encoding="utf-8")
    try:
        result = run_query(load_store(graph), text)
    except KGError as exc:
        _fail(exc)
    click.echo({"table": format_table, "csv": format_csv, "json": format_json}[fmt](result))


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
    from .graphio import load_graph
    from .viz import write_html

    try:
        path = write_html(load_graph(graph), out_file, focus=focus, depth=depth, max_nodes=max_nodes)
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


def main() -> None:  # pragma: no cover
    cli()
