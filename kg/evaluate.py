"""Score a graph against gold annotations, with the lists needed for error analysis.

The rules are those of the annotation guidelines and of the reference scorer
(``shared/eval/score.py``), which this module re-implements so the project runs
without it:

* names are compared after :func:`norm` (NFKC, no quotes, brackets or spaces, no
  punctuation at either end); a node answers with its prefLabel and altLabels;
* matching is one to one and greedy (the prediction with the fewest candidate
  gold items first): two nodes for one thing cost precision, one node carrying
  the names of two things finds only one of them;
* initiative and event names also match fuzzily (:func:`names_match`);
* promotes / participates are not one to one: a gold link is found when some
  edge reaches its target from any of its acceptable agents;
* a figure matches on its article, value (±0.5 %), unit and year exactly and
  on a loosely similar indicator (:func:`similar` ≥ 0.3);
* with a texts folder, the publishers of its ``manifest.csv`` are gold
  organizations, and each fact's ``kgo:evidence`` is looked up in its article.
"""
from __future__ import annotations

__all__ = [
    "CATEGORIES", "Score", "EvalReport", "evaluate", "format_scores", "format_errors",
    "to_json", "norm", "similar", "names_match",
]

import csv
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS
from rdflib.term import Node

from .errors import InputError
from .namespaces import KGO, ORG

CATEGORIES = ("persons", "organizations", "initiatives", "events", "positions",
              "suborganizations", "promotes", "participates", "statistics", "targets")
ENTITY_CLASSES = {"persons": KGO.Person, "organizations": KGO.Organization,
                  "initiatives": KGO.Initiative, "events": KGO.Event}
FUZZY_KINDS = frozenset({"initiatives", "events"})

# The scoring rules (the same numbers as the reference scorer).
QUOTES = frozenset("“”\"'‘’「」『』《》〈〉()（）")
EDGE_PUNCTUATION = "，。、；：,.;:"
FUZZY_DICE = 0.8          # near-identical names
FUZZY_SHARE = 0.6         # a name inside the other, at least this share of its length
INDICATOR_SIMILARITY = 0.3
VALUE_TOLERANCE = Decimal("0.005")
HINT_SIMILARITY = 0.5     # only for the hints in the error lists, never for scoring


# ------------------------------------------------------------------ scores

@dataclass
class Score:
    """Counts of one category: gold items, gold items found, predictions, right predictions."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.found + other.found,
                     self.predicted + other.predicted, self.right + other.right)


@dataclass
class EvalReport:
    rows: dict[str, Score]                       # in CATEGORIES order
    overall: Score                               # micro: the sum of the rows
    evidence: tuple[int, int] | None = None      # (verified, total) when a texts folder was given
    missed: dict[str, list[str]] = field(default_factory=dict)   # gold items not found
    wrong: dict[str, list[str]] = field(default_factory=dict)    # predictions that match no gold item
    unverified: list[str] = field(default_factory=list)          # facts whose evidence is not in their article


# ------------------------------------------------------------------ names

def norm(text: object) -> str:
    """The form names are compared in: NFKC, no quotes, brackets or spaces, no edge punctuation."""
    text = unicodedata.normalize("NFKC", str(text))
    text = "".join(ch for ch in text if ch not in QUOTES and not ch.isspace())
    return text.strip(EDGE_PUNCTUATION)


@lru_cache(maxsize=1 << 16)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) or frozenset({text})


def _dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def similar(a: str, b: str) -> float:
    """Character-bigram Dice; a name inside the other scores at least 0.5."""
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return max(_dice(a, b), min(len(a), len(b)) / max(len(a), len(b)), 0.5)
    return _dice(a, b)


def names_match(pred: Iterable[str], gold: Iterable[str], fuzzy: bool) -> bool:
    """Any shared name; fuzzy also takes near-identical names (Dice ≥ 0.8) and a
    name inside the other that is at least 60 % of its length
    (IPv6网络就绪 ~ IPv6网络就绪专项行动)."""
    pred, gold = set(pred), set(gold)
    if pred & gold:
        return True
    if not fuzzy:
        return False
    for a in pred:
        for b in gold:
            short, long_ = sorted((a, b), key=len)
            if _dice(a, b) >= FUZZY_DICE or (short in long_ and len(short) >= FUZZY_SHARE * len(long_)):
                return True
    return False


def _files(files: Sequence[str], most: int = 3) -> str:
    shown = ", ".join(files[:most])
    return shown + (f" (+{len(files) - most})" if len(files) > most else "")


def _differ(fields: Sequence[str]) -> str:
    return f"{', '.join(fields)} {'differs' if len(fields) == 1 else 'differ'}"


def _decimal(value: object) -> Decimal | None:
    """A finite Decimal, or None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _show_number(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ------------------------------------------------------------------ items compared

@dataclass(frozen=True)
class _Thing:
    """A named thing: a gold entity (label + aliases) or a graph node (its labels)."""

    names: frozenset[str]
    shown: str
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.shown} in {_files(self.files)}" if self.files else self.shown


@dataclass(frozen=True)
class _Fact:
    """A position or a plain edge: a key of normalized parts and how to show it."""

    key: tuple
    shown: str
    subject: str = ""          # the subject as shown (plain edges)

    def __str__(self) -> str:
        return self.shown


@dataclass(frozen=True)
class _Figure:
    kind: str                        # "statistic" or "target"
    indicators: tuple[str, ...]      # normalized names of the indicator
    label: str                       # the indicator as written
    value: Decimal | None
    unit: str
    year: int | None
    article: str

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.kind} {self.label} = {_show_number(self.value)}{unit} (year {self.year}) in {self.article or '?'}"

    def mismatches(self, gold: _Figure) -> list[str]:
        """The fields that keep this prediction from matching ``gold`` (none: it matches)."""
        out = []
        if self.article != gold.article:
            out.append("article")
        if (self.value is None or gold.value is None
                or abs(self.value - gold.value) > abs(gold.value) * VALUE_TOLERANCE):
            out.append("value")
        if self.unit != gold.unit:
            out.append("unit")
        if self.year != gold.year:
            out.append("year")
        if max(similar(name, gold.indicators[0]) for name in self.indicators) < INDICATOR_SIMILARITY:
            out.append("indicator")
        return out


# ------------------------------------------------------------------ the gold folder

@dataclass
class _Gold:
    entities: dict[str, list[_Thing]]            # kind -> distinct things, sorted
    index: dict[str, dict[str, _Thing]]          # kind -> name -> thing
    positions: list[_Fact]                       # key (person, title, organization)
    suborganizations: list[_Fact]                # key (child, parent)
    promotes: list[_Fact]                        # key (initiative, frozenset of agents)
    participates: list[_Fact]
    statistics: list[_Figure]
    targets: list[_Figure]

    def names(self, kind: str, label: str) -> frozenset[str]:
        """Every name of the gold thing of this kind called ``label``."""
        key = norm(label)
        thing = self.index[kind].get(key)
        return thing.names if thing else frozenset({key})

    def any_names(self, label: str) -> frozenset[str]:
        key = norm(label)
        out = {key}
        for table in self.index.values():
            if key in table:
                out |= table[key].names
        return frozenset(out)


def _need(item: object, keys: Sequence[str], path: Path, where: str) -> dict:
    if not isinstance(item, dict):
        raise InputError(f"{path}: {where}: expected an object, got {item!r}")
    missing = [k for k in keys if k not in item]
    if missing:
        raise InputError(f"{path}: {where}: missing {', '.join(map(repr, missing))} in {item!r}")
    return item


def _entries(doc: dict, key: str, path: Path) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{path}: '{key}' must be a list")
    return value


def _group(entries: list[tuple[str, frozenset[str], str]]) -> list[_Thing]:
    """Entries (label, names, file) that share a name are one thing; the first label names it."""
    groups: list[list[tuple[int, str, frozenset[str], str]]] = []
    names_of: list[set[str]] = []
    for order, (label, names, file) in enumerate(entries):
        hit = [i for i, known in enumerate(names_of) if known & names]
        merged = [entry for i in hit for entry in groups[i]] + [(order, label, names, file)]
        union = set(names).union(*(names_of[i] for i in hit))
        groups = [g for i, g in enumerate(groups) if i not in hit] + [merged]
        names_of = [n for i, n in enumerate(names_of) if i not in hit] + [union]
    things = []
    for members, names in zip(groups, names_of):
        members.sort()
        files = tuple(dict.fromkeys(m[3] for m in members))
        things.append(_Thing(frozenset(names), members[0][1], files))
    return sorted(things, key=lambda t: sorted(t.names))


def _publishers(texts_dir: Path) -> list[str]:
    manifest = texts_dir / "manifest.csv"
    if not manifest.is_file():
        return []
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            return [row.get("publisher") or "" for row in csv.DictReader(fh)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{manifest}: cannot read: {exc}") from exc


def _gold_figure(item: object, kind: str, article: str, path: Path, where: str) -> _Figure:
    item = _need(item, ("indicator", "value"), path, where)
    value = _decimal(item["value"])
    year = item.get("year")
    if value is None:
        raise InputError(f"{path}: {where}: value is not a number: {item['value']!r}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InputError(f"{path}: {where}: year must be an integer or null: {year!r}")
    label = str(item["indicator"])
    return _Figure(kind, (norm(label),), label, value, norm(item.get("unit") or ""), year, article)


def _load_gold(gold_dir: Path, texts_dir: Path | None) -> _Gold:
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a folder of gold files")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise InputError(f"{gold_dir}: no gold files (*.json)")
    entries: dict[str, list[tuple[str, frozenset[str], str]]] = {kind: [] for kind in ENTITY_CLASSES}
    for publisher in _publishers(texts_dir) if texts_dir else []:
        if norm(publisher):
            entries["organizations"].append((publisher, frozenset({norm(publisher)}), "manifest.csv"))
    positions: dict[tuple, _Fact] = {}
    suborgs: dict[tuple, _Fact] = {}
    links: dict[str, list[_Fact]] = {"promotes": [], "participates": []}
    figures: dict[str, dict[tuple, _Figure]] = {"statistics": {}, "targets": {}}
    for path in paths:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a readable JSON gold file: {exc}") from exc
        doc = _need(doc, ("file",), path, "top level")
        article = Path(str(doc["file"])).name
        for kind in ENTITY_CLASSES:
            for n, ent in enumerate(_entries(doc, kind, path)):
                ent = _need(ent, ("label",), path, f"{kind}[{n}]")
                aliases = ent.get("aliases") or []
                if not isinstance(aliases, list):
                    raise InputError(f"{path}: {kind}[{n}]: 'aliases' must be a list")
                names = frozenset({norm(ent["label"])} | {norm(a) for a in aliases})
                entries[kind].append((str(ent["label"]), names, article))
        for n, p in enumerate(_entries(doc, "positions", path)):
            p = _need(p, ("person", "title", "organization"), path, f"positions[{n}]")
            key = (norm(p["person"]), norm(p["title"]), norm(p["organization"]))
            positions.setdefault(key, _Fact(key, f"{p['person']} {p['title']} @ {p['organization']}"))
        for n, s in enumerate(_entries(doc, "suborganizations", path)):
            s = _need(s, ("child", "parent"), path, f"suborganizations[{n}]")
            key = (norm(s["child"]), norm(s["parent"]))
            suborgs.setdefault(key, _Fact(key, f"{s['child']} ⊂ {s['parent']}"))
        for name, target in (("promotes", "initiative"), ("participates", "event")):
            for n, r in enumerate(_entries(doc, name, path)):
                r = _need(r, (target, "agents"), path, f"{name}[{n}]")
                key = (norm(r[target]), frozenset(norm(a) for a in r["agents"]))
                links[name].append(_Fact(key, f"{' | '.join(map(str, r['agents']))} → {r[target]} in {article}"))
        for name, kind in (("statistics", "statistic"), ("targets", "target")):
            for n, item in enumerate(_entries(doc, name, path)):
                fig = _gold_figure(item, kind, article, path, f"{name}[{n}]")
                # one figure annotated twice in one article counts once
                figures[name].setdefault((fig.article, fig.indicators, fig.value, fig.unit, fig.year), fig)
    entities = {kind: _group(found) for kind, found in entries.items()}
    index = {kind: {name: t for t in things for name in t.names} for kind, things in entities.items()}
    return _Gold(entities, index, sorted(positions.values(), key=lambda f: f.key),
                 sorted(suborgs.values(), key=lambda f: f.key), links["promotes"], links["participates"],
                 list(figures["statistics"].values()), list(figures["targets"].values()))


# ------------------------------------------------------------------ the graph

def _first(g: Graph, node: Node | None, prop: Node) -> Node | None:
    """One object of (node, prop), the same on every run when there are several."""
    if node is None:
        return None
    return min(g.objects(node, prop), key=str, default=None)


def _names(g: Graph, node: Node) -> frozenset[str]:
    out = {norm(o) for prop in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(node, prop)}
    return frozenset(x for x in out if x)


def _shown(g: Graph, node: Node) -> str:
    label = _first(g, node, SKOS.prefLabel) or _first(g, node, SKOS.altLabel)
    return str(label) if label is not None else str(node)


def _articles(g: Graph, node: Node, prop: Node) -> list[str]:
    return sorted({Path(str(i)).name for a in g.objects(node, prop) for i in g.objects(a, DCTERMS.identifier)})


def _graph_things(g: Graph, cls: Node) -> list[_Thing]:
    out = []
    for node in sorted(set(g.subjects(RDF.type, cls)), key=str):
        names = _names(g, node)
        if names:                       # a node with no label can answer for nothing
            out.append(_Thing(names, _shown(g, node), tuple(_articles(g, node, KGO.mentionedIn))))
    return out


def _graph_positions(g: Graph) -> list[_Fact]:
    out: dict[tuple, _Fact] = {}
    for node in sorted(set(g.subjects(RDF.type, KGO.Position)), key=str):
        person, organization = _first(g, node, ORG.member), _first(g, node, ORG.organization)
        if person is None or organization is None:
            continue
        for title in sorted(g.objects(node, KGO.title), key=str):
            key = (_names(g, person), norm(title), _names(g, organization))
            out.setdefault(key, _Fact(key, f"{_shown(g, person)} {title} @ {_shown(g, organization)}"))
    return list(out.values())


def _graph_edges(g: Graph, prop: Node, arrow: str) -> list[_Fact]:
    out: dict[tuple, _Fact] = {}
    for s, o in sorted(g.subject_objects(prop), key=str):
        key = (_names(g, s), _names(g, o))
        if key[0] and key[1]:
            out.setdefault(key, _Fact(key, f"{_shown(g, s)} {arrow} {_shown(g, o)}", _shown(g, s)))
    return list(out.values())


def _year(g: Graph, node: Node | None) -> int | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        m = re.match(r"-?\d{4}", str(node))
        return int(m.group()) if m else None
    for o in sorted(g.objects(node, KGO.year), key=str):
        m = re.match(r"\d{4}", str(o))
        if m:
            return int(m.group())
    return None


def _graph_figures(g: Graph, cls: Node, year_prop: Node, kind: str) -> list[_Figure]:
    """One figure per (fact node, article it was derived from)."""
    out = []
    for node in sorted(set(g.subjects(RDF.type, cls)), key=str):
        ind = _first(g, node, KGO.indicator)
        if ind is None:
            indicators, label = ("",), ""
        else:       # as the reference scorer: a label-less indicator answers with its IRI
            label = _shown(g, ind)
            has_pref = _first(g, ind, SKOS.prefLabel) is not None
            indicators = tuple(sorted(_names(g, ind))) or (("",) if has_pref else (str(ind),))
        value = _decimal(_first(g, node, KGO.value))
        unit = norm(_first(g, node, KGO.unit) or "")
        year = _year(g, _first(g, node, year_prop))
        for article in _articles(g, node, PROV.wasDerivedFrom) or [""]:
            out.append(_Figure(kind, indicators, label, value, unit, year, article))
    return out


# ------------------------------------------------------------------ matching

@dataclass
class _Outcome:
    score: Score
    missed: list[str]
    wrong: list[str]


_Hint = Callable[[Any, list], str | None]


def _one_to_one(preds: list, golds: list, hit: Callable[[Any, Any], bool],
                near_gold: _Hint | None = None, near_pred: _Hint | None = None) -> _Outcome:
    """Greedy one-to-one matching, the prediction with the fewest candidates first.

    The error lists say why where they can: a wrong prediction whose candidates
    were all taken is a duplicate; a missed gold item whose candidate went to
    another gold item lost out to an over-merge.
    """
    cands = [[j for j, want in enumerate(golds) if hit(p, want)] for p in preds]
    owner: dict[int, int] = {}                    # gold index -> prediction index
    for i in sorted(range(len(preds)), key=lambda i: (len(cands[i]) or 10**9, i)):
        free = [j for j in cands[i] if j not in owner]
        if free:
            owner[free[0]] = i
    taken = {i: j for j, i in owner.items()}
    free_preds = [p for i, p in enumerate(preds) if i not in taken]
    free_golds = [w for j, w in enumerate(golds) if j not in owner]
    missed = []
    for j, want in enumerate(golds):
        if j in owner:
            continue
        lost = [taken[i] for i, c in enumerate(cands) if j in c and i in taken]
        hint = f"its node answers for {golds[lost[0]]}" if lost else (near_gold(want, free_preds) if near_gold else None)
        missed.append(f"{want} — {hint}" if hint else str(want))
    wrong = []
    for i, pred in enumerate(preds):
        if i in taken:
            continue
        hint = f"duplicate of {golds[cands[i][0]]}" if cands[i] else (near_pred(pred, free_golds) if near_pred else None)
        wrong.append(f"{pred} — {hint}" if hint else str(pred))
    return _Outcome(Score(len(golds), len(owner), len(preds), len(owner)), missed, wrong)


def _closest_thing(item: _Thing, others: list[_Thing]) -> str | None:
    best, score = None, HINT_SIMILARITY
    for other in others:
        s = max((similar(a, b) for a in item.names for b in other.names), default=0.0)
        if s >= score:
            best, score = other, s
    return f"closest: {best.shown}" if best else None


def _score_entities(g: Graph, gold: _Gold, kind: str) -> _Outcome:
    fuzzy = kind in FUZZY_KINDS
    return _one_to_one(_graph_things(g, ENTITY_CLASSES[kind]), gold.entities[kind],
                       lambda p, w: names_match(p.names, w.names, fuzzy), _closest_thing, _closest_thing)


def _score_positions(g: Graph, gold: _Gold) -> _Outcome:
    def parts(pred: _Fact, want: _Fact) -> list[bool]:
        person, title, organization = want.key
        return [bool(pred.key[0] & gold.names("persons", person)), pred.key[1] == title,
                bool(pred.key[2] & gold.names("organizations", organization))]

    def near(item: _Fact, others: list[_Fact], gold_side: bool) -> str | None:
        for other in others:
            ok = parts(other, item) if gold_side else parts(item, other)
            if sum(ok) == 2:
                return f"near {other}: {_differ([('person', 'title', 'organization')[ok.index(False)]])}"
        return None
    return _one_to_one(_graph_positions(g), gold.positions, lambda p, w: all(parts(p, w)),
                       lambda w, ps: near(w, ps, True), lambda p, ws: near(p, ws, False))


def _score_suborganizations(g: Graph, gold: _Gold) -> _Outcome:
    def hit(pred: _Fact, want: _Fact) -> bool:
        return bool(pred.key[0] & gold.names("organizations", want.key[0])
                    and pred.key[1] & gold.names("organizations", want.key[1]))
    return _one_to_one(_graph_edges(g, ORG.subOrganizationOf, "⊂"), gold.suborganizations, hit)


def _score_links(g: Graph, gold: _Gold, prop: Node, wanted: list[_Fact], kind: str) -> _Outcome:
    """Not one to one: a gold link is found by any edge from an acceptable agent."""
    preds = _graph_edges(g, prop, "→")
    targets = [gold.names(kind, want.key[0]) for want in wanted]
    agents = [frozenset().union(*(gold.any_names(a) for a in want.key[1])) for want in wanted]
    reaches = [[names_match(p.key[1], t, fuzzy=True) for t in targets] for p in preds]
    hits = [[r and bool(p.key[0] & a) for r, a in zip(row, agents)] for p, row in zip(preds, reaches)]
    missed, wrong = [], []
    for j, want in enumerate(wanted):
        if not any(row[j] for row in hits):
            froms = sorted({p.subject for p, row in zip(preds, reaches) if row[j]})
            missed.append(f"{want} — graph links it from {', '.join(froms)}" if froms else str(want))
    for pred, row, reached in zip(preds, hits, reaches):
        if not any(row):
            wrong.append(f"{pred} — agent not accepted" if any(reached) else str(pred))
    found = len(wanted) - len(missed)
    return _Outcome(Score(len(wanted), found, len(preds), len(preds) - len(wrong)), missed, wrong)


def _figure_hit(pred: _Figure, want: _Figure) -> bool:
    return not pred.mismatches(want)


def _near_figure(item: _Figure, others: list[_Figure], gold_side: bool) -> str | None:
    """The nearest figure on the other side, when one or two fields keep them apart
    (not both value and indicator; a figure from another article only if all else agrees)."""
    best: tuple[list[str], _Figure] | None = None
    for other in others:
        fields = other.mismatches(item) if gold_side else item.mismatches(other)
        plausible = not {"value", "indicator"} <= set(fields) and ("article" not in fields or len(fields) == 1)
        if plausible and 0 < len(fields) <= 2 and (best is None or len(fields) < len(best[0])):
            best = (fields, other)
    return f"near {best[1]}: {_differ(best[0])}" if best else None


def _score_figures(preds: list[_Figure], golds: list[_Figure]) -> _Outcome:
    return _one_to_one(preds, golds, _figure_hit,
                       lambda w, ps: _near_figure(w, ps, True), lambda p, ws: _near_figure(p, ws, False))


# ------------------------------------------------------------------ evidence

def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _describe_fact(g: Graph, node: Node, cls: Node) -> str:
    if cls == KGO.Position:
        parts = (_first(g, node, ORG.member), _first(g, node, KGO.title), _first(g, node, ORG.organization))
        person, title, organization = (_shown(g, x) if x is not None else "?" for x in parts)
        return f"position {person} {title} @ {organization}"
    indicator = _first(g, node, KGO.indicator)
    unit = _first(g, node, KGO.unit)
    return (f"{str(cls).rsplit('#', 1)[-1].lower()} {_shown(g, indicator) if indicator is not None else '?'}"
            f" = {_show_number(_decimal(_first(g, node, KGO.value)))}{f' {unit}' if unit else ''}")


def _check_evidence(g: Graph, texts_dir: Path) -> tuple[int, int, list[str]]:
    """How many fact nodes carry evidence found verbatim (spaces aside) in their article."""
    bodies = {}
    for path in texts_dir.iterdir():
        if path.is_file():
            try:
                bodies[path.name] = _squash(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    good, total, bad = 0, 0, []
    for cls in (KGO.Position, KGO.Statistic, KGO.Target):
        for node in sorted(set(g.subjects(RDF.type, cls)), key=str):
            total += 1
            evidence = _first(g, node, KGO.evidence)
            ident = _first(g, _first(g, node, PROV.wasDerivedFrom), DCTERMS.identifier)
            article = Path(str(ident)).name if ident is not None else None
            text = _squash(str(evidence)) if evidence is not None else ""
            if article is not None and text and text in bodies.get(article, ""):
                good += 1
                continue
            if article is None:
                why = "no source article with a dcterms:identifier"
            elif not text:
                why = f"no evidence (in {article})"
            elif article not in bodies:
                why = f"no text {article} in {texts_dir}"
            else:
                why = f"not in {article}: {str(evidence)[:60]}{'…' if len(str(evidence)) > 60 else ''}"
            bad.append(f"{_describe_fact(g, node, cls)} — {why}")
    return good, total, bad


# ------------------------------------------------------------------ the report

def evaluate(graph: Graph, gold_dir: Path, texts_dir: Path | None = None) -> EvalReport:
    """Score ``graph`` against the gold files in ``gold_dir`` (one JSON file per article).

    ``texts_dir`` is the folder the graph was built from: its ``manifest.csv``
    publishers become gold organizations, and the evidence of every fact is
    checked against its article. Raises :class:`InputError` for a bad gold folder.
    """
    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir) if texts_dir is not None else None
    if texts_dir is not None and not texts_dir.is_dir():
        raise InputError(f"{texts_dir}: not a folder of article texts")
    gold = _load_gold(gold_dir, texts_dir)
    outcomes = {kind: _score_entities(graph, gold, kind) for kind in ENTITY_CLASSES}
    outcomes["positions"] = _score_positions(graph, gold)
    outcomes["suborganizations"] = _score_suborganizations(graph, gold)
    outcomes["promotes"] = _score_links(graph, gold, KGO.promotes, gold.promotes, "initiatives")
    outcomes["participates"] = _score_links(graph, gold, KGO.participatesIn, gold.participates, "events")
    outcomes["statistics"] = _score_figures(_graph_figures(graph, KGO.Statistic, KGO.refYear, "statistic"),
                                            gold.statistics)
    outcomes["targets"] = _score_figures(_graph_figures(graph, KGO.Target, KGO.targetYear, "target"), gold.targets)
    rows = {name: outcomes[name].score for name in CATEGORIES}
    overall = sum(rows.values(), Score())
    evidence, unverified = None, []
    if texts_dir is not None:
        good, total, unverified = _check_evidence(graph, texts_dir)
        evidence = (good, total)
    return EvalReport(rows, overall, evidence,
                      {name: outcomes[name].missed for name in CATEGORIES},
                      {name: outcomes[name].wrong for name in CATEGORIES}, unverified)


def format_scores(report: EvalReport) -> str:
    """The table of the reference scorer, ending with "overall micro-F1 X.XXX"."""
    lines = [f"{'category':<18}{'gold':>6}{'found':>7}{'pred':>6}{'right':>7}{'P':>8}{'R':>7}{'F1':>7}"]
    for name, s in report.rows.items():
        lines.append(f"{name:<18}{s.gold:>6}{s.found:>7}{s.predicted:>6}{s.right:>7}"
                     f"{s.precision:>8.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    if report.evidence is not None:
        good, total = report.evidence
        lines.append(f"evidence found verbatim in its article: {good}/{total} ({good / total if total else 0.0:.1%})")
    lines.append(f"overall precision {report.overall.precision:.3f} recall {report.overall.recall:.3f}")
    lines.append(f"overall micro-F1 {report.overall.f1:.3f}")
    return "\n".join(lines)


def format_errors(report: EvalReport, limit: int = 50) -> str:
    """Per category, the gold items missed and the predictions that match nothing (at most ``limit`` each)."""
    def block(title: str, items: list[str]) -> list[str]:
        out = [f"  {title} ({len(items)}):"] + [f"    {item}" for item in items[:limit]]
        if len(items) > limit:
            out.append(f"    … {len(items) - limit} more")
        return out

    lines: list[str] = []
    for name in report.rows:
        missed, wrong = report.missed.get(name, []), report.wrong.get(name, [])
        if missed or wrong:
            lines.append(f"{name}:")
            lines += block("missed", missed) if missed else []
            lines += block("wrong", wrong) if wrong else []
    if report.unverified:
        lines.append("evidence:")
        lines += block("not found in the article", report.unverified)
    return "\n".join(lines) if lines else "no errors"


def _row(s: Score) -> dict[str, float | int]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1, "gold": s.gold,
            "predicted": s.predicted, "found": s.found, "right": s.right}


def to_json(report: EvalReport) -> dict[str, Any]:
    """The reference scorer's JSON (same keys), plus counts and the error lists."""
    out: dict[str, Any] = {name: _row(s) for name, s in report.rows.items()}
    if report.evidence is not None:
        good, total = report.evidence
        out["evidence"] = {"verified": good, "facts": total, "share": good / total if total else 0.0}
    out["overall"] = _row(report.overall)
    out["missed"] = report.missed
    out["wrong"] = report.wrong
    out["unverified"] = report.unverified
    return out
