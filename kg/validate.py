"""Check a graph against the SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

Validation runs with ``inference="none"`` and no ontology mixed in, so pySHACL
works on the caller's graph in place (nothing is copied or changed) and stays
fast: SHACL Core on ~50k triples takes a few seconds. Each result is turned
into a :class:`Finding` that names the node the way a reader knows it (its
Chinese label, or for a fact its indicator / person), with the evidence
sentence and the article file it came from.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH, SKOS
from rdflib.term import Node

from .errors import KGError, ResourceError
from .namespaces import KGO, KGR, ORG
from .resources import ontology_dir

__all__ = ["Finding", "ValidationReport", "validate_graph", "validate_file", "format_report",
           "shapes_graph", "ontology_graph", "report_from_results", "merge_results"]

KGSH = Namespace("https://w3id.org/policy-kg/shapes#")

_PREFIXES: dict[str, str] = {
    "kgo": str(KGO), "kgr": str(KGR), "kgsh": str(KGSH), "org": str(ORG), "skos": str(SKOS),
    "prov": str(PROV), "dcterms": str(DCTERMS), "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "rdf": str(RDF), "rdfs": str(RDFS), "sh": str(SH),
}
_SEVERITIES = ("Violation", "Warning", "Info")
_SEVERITY_HEADINGS = {"Violation": "违规 / Violations", "Warning": "警告 / Warnings",
                      "Info": "提示 / Infos"}
# Most specific first: the class a node is reported as.
_CLASS_ORDER = ("Position", "Statistic", "Target", "Assertion", "Person", "Organization",
                "Initiative", "Event", "Indicator", "Topic", "Year", "Article")


@dataclass(frozen=True)
class Finding:
    """One SHACL result, described with what the data graph knows of its node."""

    severity: str                 # "Violation" | "Warning" | "Info"
    focus: str                    # the node's IRI (or a literal's text)
    focus_label: str              # its zh label, or a description of the fact
    focus_class: str              # kgo: local name, e.g. "Target" ("" when untyped)
    shape: str                    # the node shape, e.g. "kgsh:TargetShape"
    path: str | None              # e.g. "kgo:indicator"; None for node-level rules
    value: str | None             # the offending value, when there is one
    message: str                  # "中文 / English"
    evidence: str | None          # the fact's evidence sentence
    article: str | None           # file name(s) of the article(s) the node comes from
    rule: str = ""                # the property shape that failed, e.g. "kgsh:Figure-indicator"
    component: str = ""           # SHACL constraint component, e.g. "MinCount"


@dataclass
class ValidationReport:
    conforms: bool                # True when there is no Violation (warnings allowed)
    findings: list[Finding] = field(default_factory=list)
    results_graph: Graph = field(default_factory=Graph)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Info"]


# ---------------------------------------------------------------------------
# Packaged graphs, parsed once per process
# ---------------------------------------------------------------------------

def _parse_packaged(name: str) -> Graph:
    try:
        text = ontology_dir().joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read ontology/{name}: {exc}") from exc
    try:
        return Graph().parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise ResourceError(f"ontology/{name} is not valid Turtle: {exc}") from exc


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``); do not modify the returned graph."""
    return _parse_packaged("shapes.ttl")


@cache
def ontology_graph() -> Graph:
    """The ontology (``ontology/kg.ttl``); do not modify the returned graph."""
    return _parse_packaged("kg.ttl")


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


@dataclass(frozen=True)
class _ShapeIndex:
    node_shapes: frozenset[Node]
    targets: dict[Node, frozenset[tuple[Node, Node]]]   # shape -> its (target predicate, value) pairs


@cache
def _shape_index() -> _ShapeIndex:
    sg = shapes_graph()
    shapes = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.subjects(RDF.type, SH.PropertyShape))
    return _ShapeIndex(
        node_shapes=frozenset(sg.subjects(RDF.type, SH.NodeShape)),
        targets={s: frozenset((p, o) for p in _TARGETS for o in sg.objects(s, p)) for s in shapes},
    )


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def validate_graph(g: Graph, *, engine: str = "auto") -> ValidationReport:
    """Validate ``g`` against the packaged shapes; ``g`` is not modified.

    ``engine="auto"`` evaluates the shapes with :mod:`kg.shacl_fast` when they
    stay in its SHACL Core subset (the same results, ~20 × faster on a big
    graph) and with pySHACL otherwise; ``engine="pyshacl"`` always uses pySHACL.
    """
    results = None
    if engine != "pyshacl":
        from .shacl_fast import fast_results

        results = fast_results(g, shapes_graph())
    if results is None:
        from pyshacl import validate as pyshacl_validate    # here: importing it (and rdflib's SPARQL) takes a second

        try:
            _, results, _ = pyshacl_validate(
                g, shacl_graph=shapes_graph(), inference="none", advanced=False,
                allow_warnings=True, allow_infos=True, abort_on_first=False)
        except Exception as exc:  # pySHACL's ReportableRuntimeError and friends
            raise KGError(f"SHACL validation could not run: {exc}") from exc
    return report_from_results(g, results)


def report_from_results(g: Graph, results: Graph) -> ValidationReport:
    """The report of a SHACL results graph, its nodes described with what ``g`` knows."""
    findings = [_finding(g, results, r) for r in _result_nodes(results)]
    findings.sort(key=lambda f: (_SEVERITIES.index(f.severity) if f.severity in _SEVERITIES else 9,
                                 f.shape, f.focus_label, f.path or "", f.focus, f.value or ""))
    conforms = not any(f.severity == "Violation" for f in findings)
    return ValidationReport(conforms=conforms, findings=findings, results_graph=results)


def merge_results(parts: list[tuple[str, list[tuple[Node, Node, Node]]]]) -> Graph:
    """One results graph (one sh:ValidationReport) from the result triples of
    several checks, each result node renamed with its part's prefix."""
    merged = Graph()
    merged.bind("sh", SH)
    report = BNode("report")
    merged.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    for prefix, triples in parts:
        renamed: dict[Node, BNode] = {}
        for s, p, o in triples:
            if p == RDF.type and o == SH.ValidationResult:
                renamed[s] = BNode(f"{prefix}{s}")
        for s, p, o in triples:
            s = renamed.get(s, s)
            merged.add((s, p, o))
            if p == RDF.type and o == SH.ValidationResult:
                merged.add((report, SH.result, s))
            elif p == SH.resultSeverity and o == SH.Violation:
                conforms = False
    merged.add((report, SH.conforms, Literal(conforms)))
    return merged


def validate_file(path: str | Path) -> ValidationReport:
    """Load a graph file (Turtle, N-Triples, TriG, N-Quads, JSON-LD) and validate it."""
    from .store import load_lean_graph

    return validate_graph(load_lean_graph(path))


def _result_nodes(results: Graph) -> list[Node]:
    nodes = set(results.objects(None, SH.result))
    nodes.update(results.subjects(RDF.type, SH.ValidationResult))
    return sorted(nodes, key=str)


def _finding(g: Graph, results: Graph, r: Node) -> Finding:
    focus = results.value(r, SH.focusNode)
    source = results.value(r, SH.sourceShape)
    severity_iri = results.value(r, SH.resultSeverity)
    severity = _local(severity_iri) if severity_iri is not None else "Violation"
    path_node = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    component = results.value(r, SH.sourceConstraintComponent)
    types = set(g.objects(focus, RDF.type)) if focus is not None else set()
    node_shape = _node_shape_for(source, types)
    return Finding(
        severity=severity,
        focus=_plain(focus),
        focus_label=_label_of(g, focus),
        focus_class=_class_of(types),
        shape=_short(node_shape) if node_shape is not None else "",
        path=_path_text(results, path_node),
        value=_describe(g, value) if value is not None else None,
        message=_message(results, r),
        evidence=_evidence(g, focus),
        article=_article(g, focus),
        rule=_short(source) if source is not None and source != node_shape else "",
        component=_local(component).removesuffix("ConstraintComponent") if component is not None else "",
    )


def _node_shape_for(source: Node | None, focus_types: set[Node]) -> Node | None:
    """The NodeShape a result is reported under.

    Property shapes carry their own targets (see shapes.ttl), often several
    classes; the result belongs to the NodeShape that targets the focus node's
    class (or, for other targets, the same subjects/objects)."""
    if source is None:
        return None
    index = _shape_index()
    if source in index.node_shapes:
        return source
    mine = index.targets.get(source, frozenset())
    candidates = sorted((ns for ns in index.node_shapes if index.targets[ns] & mine), key=str)
    for ns in candidates:
        if any(p == SH.targetClass and o in focus_types for p, o in index.targets[ns]):
            return ns
    return candidates[0] if candidates else source


def _message(results: Graph, r: Node) -> str:
    by_lang: dict[str, str] = {}
    for m in results.objects(r, SH.resultMessage):
        by_lang.setdefault(m.language if isinstance(m, Literal) and m.language else "", str(m))
    zh = next((v for k, v in sorted(by_lang.items()) if k.startswith("zh")), None)
    en = next((v for k, v in sorted(by_lang.items()) if k.startswith("en")), None)
    if zh and en:
        return f"{zh} / {en}"
    return zh or en or by_lang.get("", "") or next(iter(by_lang.values()), "")


# ---------------------------------------------------------------------------
# Describing nodes with what the data graph knows
# ---------------------------------------------------------------------------

def _short(term: Node | None) -> str:
    """A prefixed name for our and the W3C namespaces, else the full IRI."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        best = max((ns for ns in _PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in _PREFIXES.items() if ns == best)
            return f"{prefix}:{text[len(best):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{text}"
    return text


def _local(term: Node) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def _zh_label(g: Graph, node: Node | None) -> str | None:
    """The node's skos:prefLabel (zh ones preferred; several joined with " / ")."""
    if node is None or isinstance(node, Literal):
        return None
    labels = list(g.objects(node, SKOS.prefLabel))
    zh = [lab for lab in labels if isinstance(lab, Literal) and (lab.language or "").startswith("zh")]
    chosen = sorted({str(lab) for lab in (zh or labels)})
    return " / ".join(chosen) if chosen else None


def _name(g: Graph, node: Node | None) -> str:
    """A short human name for a node that a fact points to ("？" when absent)."""
    if node is None:
        return "？"
    return _zh_label(g, node) or _short(node)


def _label_of(g: Graph, focus: Node | None) -> str:
    if focus is None:
        return ""
    if isinstance(focus, Literal):
        return str(focus)
    types = set(g.objects(focus, RDF.type))
    if KGO.Position in types:
        org = _name(g, g.value(focus, ORG.organization))
        title = g.value(focus, KGO.title)
        person = _name(g, g.value(focus, ORG.member))
        return f"{org}{title if title is not None else '？'}{person}"
    if types & {KGO.Statistic, KGO.Target}:
        indicator = _name(g, g.value(focus, KGO.indicator))
        surface = g.value(focus, KGO.surface)
        if surface is None:
            value, unit = g.value(focus, KGO.value), g.value(focus, KGO.unit)
            surface = f"{value if value is not None else '？'}{unit or ''}"
        return f"{indicator} {surface}"
    if KGO.Assertion in types:
        return (f"{_name(g, g.value(focus, RDF.subject))} —{_short(g.value(focus, RDF.predicate))}→ "
                f"{_name(g, g.value(focus, RDF.object))}")
    label = _zh_label(g, focus)
    if label:
        return label
    if KGO.Article in types:
        ident = g.value(focus, DCTERMS.identifier)
        if ident is not None:
            return str(ident)
    if KGO.Year in types:
        year = g.value(focus, KGO.year)
        if year is not None:
            return f"{year}年"
    return _short(focus)


def _class_of(types: set[Node]) -> str:
    local = {str(t)[len(str(KGO)):] for t in types if str(t).startswith(str(KGO))}
    for name in _CLASS_ORDER:
        if name in local:
            return name
    if local:
        return sorted(local)[0]
    return _short(sorted(types, key=str)[0]) if types else ""


def _describe(g: Graph, term: Node) -> str:
    if isinstance(term, Literal):
        text = f'"{term}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_short(term.datatype)}"
        return text
    label = _zh_label(g, term)
    return f"{label} ({_short(term)})" if label else _short(term)


def _path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_short(inverse)}"
    return _short(path)


def _evidence(g: Graph, focus: Node | None) -> str | None:
    if focus is None or isinstance(focus, Literal):
        return None
    ev = g.value(focus, KGO.evidence)
    return str(ev) if ev is not None else None


def _article(g: Graph, focus: Node | None) -> str | None:
    """File name(s) of the article(s) the node comes from or is mentioned in."""
    if focus is None:
        return None
    if isinstance(focus, Literal):                # the unique-file-name shape targets literals
        return str(focus) if (None, DCTERMS.identifier, focus) in g else None
    if (focus, RDF.type, KGO.Article) in g:
        articles = [focus]
    else:
        articles = list(g.objects(focus, PROV.wasDerivedFrom)) or list(g.objects(focus, KGO.mentionedIn))
    names = sorted({str(g.value(a, DCTERMS.identifier) or _short(a)) for a in articles})
    return ", ".join(names) if names else None


# ---------------------------------------------------------------------------
# Text report
# ---------------------------------------------------------------------------

@cache
def _bilingual_label(term: Node) -> str:
    """"中文 / English" from the rdfs:label or sh:name of a term in the shapes or ontology."""
    for graph in (shapes_graph(), ontology_graph()):
        labels = {(lab.language or "")[:2]: str(lab)
                  for prop in (SH.name, RDFS.label) for lab in graph.objects(term, prop)
                  if isinstance(lab, Literal)}
        if labels:
            parts = [labels[k] for k in ("zh", "en") if k in labels]
            return " / ".join(parts) if parts else next(iter(labels.values()))
    return ""


def _expand(short: str) -> URIRef | None:
    prefix, _, rest = short.partition(":")
    ns = _PREFIXES.get(prefix)
    return URIRef(ns + rest) if ns is not None and rest else None


def format_report(report: ValidationReport, *, limit: int | None = None) -> str:
    """A readable, bilingual text report grouped by severity and shape.

    ``limit`` caps the items shown per shape (the rest are counted); the last
    line is always ``"N violations, M warnings"``.
    """
    lines = ["SHACL 验证报告 / SHACL validation report", "=" * 40]
    if report.conforms:
        lines.append("结论 / Result: 符合约束 / conforms")
    else:
        lines.append("结论 / Result: 不符合约束 / does not conform")
    for severity in _SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines += ["", f"{_SEVERITY_HEADINGS[severity]} ({len(group)})", "-" * 40]
        by_shape: dict[str, list[Finding]] = defaultdict(list)
        for f in group:
            by_shape[f.shape].append(f)
        for shape, items in sorted(by_shape.items()):
            expanded = _expand(shape)
            name = _bilingual_label(expanded) if expanded is not None else ""
            title = f"[{shape}] {name}" if name else f"[{shape}]"
            lines.append(f"{title} ({len(items)})")
            shown = items if limit is None else items[:limit]
            for f in shown:
                lines += _format_item(f)
            if len(shown) < len(items):
                lines.append(f"  … 另有 {len(items) - len(shown)} 项 / {len(items) - len(shown)} more")
    lines += ["", _summary(report)]
    return "\n".join(lines) + "\n"


def _format_item(f: Finding) -> list[str]:
    cls = f" [{f.focus_class}]" if f.focus_class else ""
    node = _short(URIRef(f.focus)) if f.focus.startswith(("http://", "https://")) else f.focus
    out = [f"  • {f.focus_label}{cls}  {node}"]
    where = f"    属性 / path: {f.path}" if f.path else "    节点 / node"
    if f.rule:
        where += f"   规则 / rule: {f.rule}"
    out.append(where)
    kind = ""
    if f.component:
        label = _bilingual_label(URIRef(f"{SH}{f.component}ConstraintComponent"))
        kind = f"（{label}）" if label else f"（{f.component}）"
    out.append(f"    问题 / problem{kind}: {f.message}")
    if f.value is not None:
        out.append(f"    值 / value: {f.value}")
    if f.evidence:
        source = f"  — {f.article}" if f.article else ""
        out.append(f"    证据 / evidence: “{f.evidence}”{source}")
    elif f.article:
        out.append(f"    文章 / article: {f.article}")
    return out


def _summary(report: ValidationReport) -> str:
    text = f"{len(report.violations)} violations, {len(report.warnings)} warnings"
    infos = len(report.infos)
    return f"{text}, {infos} infos" if infos else text
