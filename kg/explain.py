"""`kg explain`: why a node is what it is — its labels, the sentences each
label was read from, why its mentions were merged, and what it is linked to."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from .errors import InputError
from .namespaces import KGO, ORG

__all__ = ["Explanation", "LabelSource", "explain", "format_explanation"]

_KINDS = (KGO.Person, KGO.Organization, KGO.Initiative, KGO.Event, KGO.Indicator)


@dataclass(frozen=True)
class LabelSource:
    name: str
    article: str
    sentence_index: int | None
    evidence: str
    rule: str


@dataclass
class Explanation:
    node: str
    kind: str
    label: str
    aliases: list[str]
    articles: list[str]
    sources: list[LabelSource] = field(default_factory=list)
    merge_notes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def _label(g: Graph, node) -> str:
    value = g.value(node, SKOS.prefLabel)
    if value is not None:
        return str(value)
    ident = g.value(node, DCTERMS.identifier)
    return str(ident) if ident is not None else str(node)


def _find(g: Graph, label: str) -> list[URIRef]:
    exact, partial = [], []
    for kind in _KINDS:
        for node in set(g.subjects(RDF.type, kind)):
            names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(node, p)}
            if label in names:
                exact.append(node)
            elif any(label in n for n in names):
                partial.append(node)
    return sorted(exact or partial, key=str)


def _links(g: Graph, node) -> list[str]:
    out = []
    for p, verb in ((KGO.promotes, "promotes"), (KGO.participatesIn, "participates in"),
                    (ORG.subOrganizationOf, "is part of")):
        out += [f"{verb} {_label(g, o)}" for o in g.objects(node, p)]
        out += [f"{_label(g, s)} {verb} it" for s in g.subjects(p, node)]
    for pos in g.subjects(ORG.member, node):
        out.append(f"post: {g.value(pos, KGO.title)} @ {_label(g, g.value(pos, ORG.organization))}")
    for pos in g.subjects(ORG.organization, node):
        out.append(f"post held here: {_label(g, g.value(pos, ORG.member))} {g.value(pos, KGO.title)}")
    return sorted(set(out))


def explain(g: Graph, label: str) -> list[Explanation]:
    """Every named thing whose label is ``label`` (else contains it)."""
    nodes = _find(g, label)
    if not nodes:
        raise InputError(f"no node has the label {label!r} (prefLabel or altLabel)")
    out = []
    for node in nodes:
        kind = next((str(k).rsplit("#", 1)[-1] for k in g.objects(node, RDF.type) if k in _KINDS), "")
        exp = Explanation(
            node=str(node), kind=kind, label=_label(g, node),
            aliases=sorted(str(a) for a in g.objects(node, SKOS.altLabel)),
            articles=sorted(_label(g, a) for a in g.objects(node, KGO.mentionedIn)),
            merge_notes=sorted(str(n) for n in g.objects(node, KGO.mergeNote)),
            links=_links(g, node))
        for use in g.subjects(KGO.labelOf, node):
            index = g.value(use, KGO.sentenceIndex)
            exp.sources.append(LabelSource(
                name=str(g.value(use, KGO.name) or ""), article=_label(g, g.value(use, PROV.wasDerivedFrom)),
                sentence_index=int(index) if index is not None else None,
                evidence=str(g.value(use, KGO.evidence) or ""), rule=str(g.value(use, KGO.rule) or "")))
        exp.sources.sort(key=lambda s: (s.name, s.article, s.sentence_index or 0))
        out.append(exp)
    return out


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def format_explanation(exps: list[Explanation]) -> str:
    lines = []
    for exp in exps:
        lines.append(f"{exp.label}  [{exp.kind}]  <{exp.node}>")
        if exp.aliases:
            lines.append(f"  also written / 别名: {', '.join(exp.aliases)}")
        lines.append(f"  articles / 文章: {', '.join(exp.articles) or '-'}")
        if exp.sources:
            lines.append("  where each name was read / 名称出处:")
            for s in exp.sources:
                where = f"{s.article} #{s.sentence_index}" if s.sentence_index is not None else s.article
                lines.append(f"    {s.name} — {where} ({s.rule}): {_short(s.evidence)}")
        if exp.merge_notes:
            lines.append("  why merged / 合并原因:")
            lines += [f"    {n}" for n in exp.merge_notes]
        else:
            lines.append("  why merged / 合并原因: every mention has the same name")
        if exp.links:
            lines.append("  links / 关系:")
            lines += [f"    {link}" for link in exp.links]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
