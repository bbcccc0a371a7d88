"""A fast evaluator for the SHACL Core subset our shapes use.

pySHACL walks the data graph through rdflib for every focus node and every
constraint: ~4–7 s per 100k triples here, which made validation the slowest
stage of a large build. This module reads the shapes graph, and when every
shape uses only what it implements — targets ``sh:targetClass``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:targetNode``; paths
that are an IRI or ``[ sh:inversePath IRI ]``; ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:nodeKind``, ``sh:in``,
``sh:languageIn``, ``sh:minLength``, ``sh:maxLength``, ``sh:pattern``
(+ ``sh:flags``), ``sh:uniqueLang``, ``sh:lessThan``, ``sh:hasValue`` and
``sh:or`` / ``sh:not`` over shapes made of those — it checks the data graph
from one pass over its triples and returns a results graph shaped like
pySHACL's (``sh:ValidationReport``, one ``sh:ValidationResult`` per problem
with focus node, path, value, source shape, severity, component and the
shape's messages). Anything else (SPARQL constraints, sh:node, sh:property,
other paths …) returns ``None`` and the caller runs pySHACL.

The semantics follow pySHACL 0.40 where it matters for equal reports
(tests/test_validate_fast.py compares both on real and broken graphs): a
literal of the right datatype but an ill-formed lexical form fails
``sh:datatype``; ``sh:uniqueLang`` gives one result per duplicated language
without a value; counts give no value.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from .store import LeanStore, as_objects
from .terms import Lit, from_node, to_node

__all__ = ["fast_results", "supported", "plain_failures", "plain_conforms"]

_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.languageIn,
                SH.minLength, SH.maxLength, SH.pattern, SH.uniqueLang, SH.lessThan, SH.hasValue,
                SH["or"], SH["not"]}
_IGNORED = {SH.path, SH.flags, SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group,
            SH.deactivated, SH.defaultValue}
_COMPONENT = {SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH["class"]: "Class",
              SH.nodeKind: "NodeKind", SH["in"]: "In", SH.languageIn: "LanguageIn", SH.minLength: "MinLength",
              SH.maxLength: "MaxLength", SH.pattern: "Pattern", SH.uniqueLang: "UniqueLang",
              SH.lessThan: "LessThan", SH.hasValue: "HasValue", SH["or"]: "Or", SH["not"]: "Not"}
_KINDS = {SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,),
          SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
          SH.IRIOrLiteral: (URIRef, Literal)}
_PY_TYPES = {XSD.integer: int, XSD.decimal: "Decimal", XSD.boolean: bool, XSD.date: "date",
             XSD.dateTime: "datetime", XSD.time: "time", XSD.float: float, XSD.string: str}


class _Unsupported(Exception):
    pass


@dataclass
class _Shape:
    node: Node
    is_property: bool
    path: Node | None = None                  # the sh:path node (IRI or the inversePath blank node)
    predicate: URIRef | None = None
    inverse: bool = False
    targets: list[tuple[Node, Node]] = field(default_factory=list)
    constraints: list[tuple[str, object]] = field(default_factory=list)   # (component name, rule)
    severity: Node = SH.Violation
    messages: list[Literal] = field(default_factory=list)


def _list(sg: Graph, head: Node) -> list[Node]:
    return list(Collection(sg, head))


def _compile(sg: Graph, node: Node, nested: bool = False) -> _Shape:
    preds = set(sg.predicates(node, None))
    is_property = SH.path in preds
    shape = _Shape(node, is_property)
    for p in preds:
        if str(p).startswith(str(SH)) and p not in _TARGETS | _CONSTRAINTS | _IGNORED:
            raise _Unsupported(f"{p} on {node}")
    if (node, SH.deactivated, Literal(True)) in sg:
        shape.constraints = []
        return shape
    if is_property:
        path = sg.value(node, SH.path)
        shape.path = path
        if isinstance(path, URIRef):
            shape.predicate = path
        elif isinstance(path, BNode) and set(sg.predicates(path, None)) == {SH.inversePath} \
                and isinstance(sg.value(path, SH.inversePath), URIRef):
            shape.predicate, shape.inverse = sg.value(path, SH.inversePath), True
        else:
            raise _Unsupported(f"path of {node}")
    for t in _TARGETS:
        shape.targets += [(t, o) for o in sg.objects(node, t)]
    severity = sg.value(node, SH.severity)
    shape.severity = severity if severity is not None else SH.Violation
    shape.messages = sorted(sg.objects(node, SH.message), key=lambda m: (m.language or "", str(m)))
    for p in sorted(_CONSTRAINTS & preds, key=str):
        for value in sg.objects(node, p):
            if p in (SH["in"], SH.languageIn):
                value = _list(sg, value)
            elif p == SH["or"]:
                value = [_compile(sg, s, nested=True) for s in _list(sg, value)]
            elif p == SH["not"]:
                value = _compile(sg, value, nested=True)
            elif p == SH.pattern:
                flags = str(sg.value(node, SH.flags) or "")
                value = re.compile(str(value), (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
                                   | (re.S if "s" in flags else 0) | (re.X if "x" in flags else 0))
            elif p in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
                value = int(value)
            elif p == SH.uniqueLang:
                value = bool(value.toPython()) if isinstance(value, Literal) else False
            shape.constraints.append((_COMPONENT[p], value))
    return shape


@cache
def _program(sg: Graph) -> list[_Shape] | None:
    try:
        shapes = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.subjects(RDF.type, SH.PropertyShape))
        shapes |= {s for t in _TARGETS for s in sg.subjects(t, None)}
        return [_compile(sg, s) for s in sorted(shapes, key=str)]
    except _Unsupported:
        return None


def supported(sg: Graph) -> bool:
    """Whether every shape of ``sg`` is in the subset this module evaluates."""
    return _program(sg) is not None


class _Data:
    """What the checks need of the data graph, from one pass over its triples."""

    def __init__(self, g: Graph, predicates: set[URIRef]) -> None:
        store = g.store
        if isinstance(store, LeanStore):       # read its index in place: {p: o or {o: None, …}}
            self.spo = {s: store.predicate_objects(s) for s in store.subjects_in_order()}
        else:
            spo: dict[Node, dict[Node, object]] = {}
            for s, p, o in g:
                spo.setdefault(s, {}).setdefault(p, {})[o] = None
            self.spo = spo
        self.types: dict[Node, list[Node]] = defaultdict(list)
        self.reverse: dict[URIRef, dict[Node, list[Node]]] = {p: defaultdict(list) for p in predicates}
        self.subjects_of: dict[URIRef, list[Node]] = {p: [] for p in predicates}
        self._terms = store._terms if isinstance(store, LeanStore) else {}
        self._type = self.canon(RDF.type)       # RDF.type makes a new term at each access: compared in Python
        self._below: dict[Node, frozenset[Node]] = {}
        for s, by_p in self.spo.items():
            types = by_p.get(self._type)
            if types is not None:
                for c in as_objects(types):
                    self.types[c].append(s)
            for p in predicates:
                objs = by_p.get(p)
                if objs is not None:
                    self.subjects_of[p].append(s)
                    rev = self.reverse[p]
                    for o in as_objects(objs):
                        rev[o].append(s)
        self.subclasses: dict[Node, set[Node]] = defaultdict(set)
        for c, subs in self.reverse.get(RDFS.subClassOf, {}).items():
            self.subclasses[c].update(subs)

    def canon(self, term):
        """The data graph's own object for ``term`` (dict lookups then hit on identity)."""
        return self._terms.get(term, term)

    def canonical(self, shape: _Shape) -> _Shape:
        """``shape`` with its predicate and rule terms replaced by the data graph's objects."""
        rules = []
        for name, rule in shape.constraints:
            if name in ("Class", "Datatype", "LessThan", "HasValue"):
                rule = self.canon(rule)
            elif name == "In":
                rule = frozenset(self.canon(t) for t in rule)
            elif name == "Or":
                rule = [self.canonical(s) for s in rule]
            elif name == "Not":
                rule = self.canonical(rule)
            rules.append((name, rule))
        predicate = self.canon(shape.predicate) if shape.predicate is not None else None
        return replace(shape, predicate=predicate, constraints=rules)

    def objects(self, s: Node, p: Node) -> Iterable[Node]:
        by_p = self.spo.get(s)
        if not by_p:
            return ()
        objs = by_p.get(p)
        return () if objs is None else as_objects(objs)

    def classes_below(self, c: Node) -> set[Node]:
        out, todo = {c}, [c]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in out:
                    out.add(sub)
                    todo.append(sub)
        return out

    def is_instance(self, node: Node, c: Node) -> bool:
        types = self.objects(node, self._type)
        if not types:
            return False
        if c in types:
            return True
        below = self._below.get(c)
        if below is None:
            below = self._below[c] = frozenset(self.classes_below(c))
        return not below.isdisjoint(types)


def _datatype_ok(v: Node, dt: Node) -> bool:
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        if getattr(v, "ill_typed", None) is True:
            return False
        expected = _PY_TYPES.get(dt)
        if expected is None:
            return True
        value = v.value
        name = type(value).__name__
        return isinstance(value, expected) if isinstance(expected, type) else name == expected
    if dt == RDFS.Literal:
        return True
    if v.datatype is None and v.language is None and dt == XSD.string:
        return isinstance(v.value, (str, bytes))
    return dt == RDF.langString and bool(v.language)


def _lang_matches(lang: str, ranges: list[Node]) -> bool:
    lang = lang.lower()
    for r in ranges:
        r = str(r).lower()
        if r == "*" or lang == r or lang.startswith(r + "-"):
            return True
    return False


def _less(a: Node, b: Node) -> bool:
    if isinstance(a, Literal) and isinstance(b, Literal):
        if a.datatype == b.datatype and type(a.value) is int and type(b.value) is int:
            return a.value < b.value          # what Literal.__lt__ decides, without its overhead
        try:
            return bool(a < b)
        except TypeError:
            return False
    return False


def _conforms(data: _Data, shape: _Shape, node: Node) -> bool:
    """Whether ``node`` conforms to a nested (value-node) shape."""
    values = [node] if not shape.is_property else list(_values(data, shape, node))
    return not any(True for _ in _check(data, shape, node, values))


def _values(data: _Data, shape: _Shape, focus: Node) -> Iterable[Node]:
    if shape.inverse:
        return data.reverse[shape.predicate].get(focus, ())
    return data.objects(focus, shape.predicate)


def _check(data: _Data, shape: _Shape, focus: Node, values: list[Node]):
    """(component name, value or None) for every failure at ``focus``."""
    return _failures(shape, values, lambda p: data.objects(focus, p), _less,
                     lambda param, rule, v: _value_ok(data, param, rule, v),
                     lambda v: v.language if isinstance(v, Literal) else None)


def _failures(shape: _Shape, values: list, objects: Callable, less: Callable, value_ok: Callable,
              language: Callable):
    """The failures of ``values`` at one focus node, whatever the terms are
    (rdflib terms, or the plain ones of :class:`_PlainData`): ``objects(p)`` are
    the focus node's values of ``p``, ``language(v)`` a literal's language tag."""
    for param, rule in shape.constraints:
        if param == "MinCount":
            if len(values) < rule:
                yield param, None
        elif param == "MaxCount":
            if len(values) > rule:
                yield param, None
        elif param == "UniqueLang":
            if rule:
                seen: dict[str, int] = defaultdict(int)
                for v in values:
                    if lang := language(v):
                        seen[lang.lower()] += 1
                for _ in (lang for lang, n in seen.items() if n > 1):
                    yield param, None
        elif param == "HasValue":
            if rule not in values:
                yield param, None
        elif param == "LessThan":
            others = list(objects(rule))
            for v in values:
                for o in others:
                    if not less(v, o):
                        yield param, v
        else:
            for v in values:
                if not value_ok(param, rule, v):
                    yield param, v


@lru_cache(maxsize=16)
def _node_kind(rule: Node) -> tuple[type, ...]:
    """The term types of a sh:nodeKind (cached: the rule is the data graph's own
    instance, which finds a cached entry on identity, where ``_KINDS``'s keys
    compare through rdflib's Python ``__eq__``)."""
    return _KINDS.get(rule, ())


def _value_ok(data: _Data, param: str, rule, v: Node) -> bool:
    if param == "Datatype":
        return _datatype_ok(v, rule)
    if param == "Class":
        return data.is_instance(v, rule)
    if param == "NodeKind":
        return isinstance(v, _node_kind(rule))
    if param == "In":
        return v in rule
    if param == "LanguageIn":
        return isinstance(v, Literal) and bool(v.language) and _lang_matches(v.language, rule)
    if param in ("MinLength", "MaxLength"):
        if isinstance(v, BNode):
            return False
        n = len(str(v))
        return n >= rule if param == "MinLength" else n <= rule
    if param == "Pattern":
        return not isinstance(v, BNode) and rule.search(str(v)) is not None
    if param == "Or":
        return any(_conforms(data, s, v) for s in rule)
    if param == "Not":
        return not _conforms(data, rule, v)
    raise _Unsupported(str(param))  # pragma: no cover - _compile lets nothing else through


_PER_VALUE = {"Datatype", "Class", "NodeKind", "In", "LanguageIn", "MinLength", "MaxLength", "Pattern", "Or", "Not"}


def _quick_check(data: _Data, shape: _Shape):
    """A test that most focus nodes pass without building a generator: counts
    and per-value rules, through the same :func:`_value_ok`. ``None`` when the
    shape has a rule that needs the whole :func:`_check`."""
    lo, hi, rules = 0, None, []
    for name, rule in shape.constraints:
        if name == "MinCount":
            lo = max(lo, rule)
        elif name == "MaxCount":
            hi = rule if hi is None else min(hi, rule)
        elif name in _PER_VALUE:
            rules.append((name, rule))
        else:
            return None

    def ok(values: list[Node]) -> bool:
        n = len(values)
        if n < lo or (hi is not None and n > hi):
            return False
        for name, rule in rules:
            for v in values:
                if not _value_ok(data, name, rule, v):
                    return False
        return True

    return ok


_T_CLASS, _T_SUBJECTS, _T_OBJECTS, _T_NODE = SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode
_CANONICAL_FROM = 5_000    # subjects: below that, mapping rule terms to the data's own objects costs more than it saves


def _focus_nodes(data: _Data, shape: _Shape) -> dict[Node, None]:
    out: dict[Node, None] = {}
    for kind, value in shape.targets:
        if kind == _T_CLASS:
            for c in data.classes_below(value):
                out.update(dict.fromkeys(data.types.get(c, ())))
        elif kind == _T_SUBJECTS:
            out.update(dict.fromkeys(data.subjects_of[value]))
        elif kind == _T_OBJECTS:
            out.update(dict.fromkeys(data.reverse[value]))
        elif kind == _T_NODE:
            out[value] = None
    return out


@cache
def _predicates(sg: Graph) -> frozenset[URIRef]:
    """The predicates whose subjects or reverse index the shapes need."""
    preds: set[URIRef] = {RDFS.subClassOf}
    for shape in _program(sg) or ():
        preds.update(v for k, v in shape.targets if k in (SH.targetSubjectsOf, SH.targetObjectsOf))
        for nested in [shape] + [s for _, r in shape.constraints if isinstance(r, list) for s in r
                                 if isinstance(s, _Shape)]:
            if nested.inverse:
                preds.add(nested.predicate)
    return frozenset(preds)


def fast_results(g: Graph, sg: Graph, focus: Callable[[Node], bool] | None = None) -> Graph | None:
    """A pySHACL-like results graph for ``g`` against ``sg``, or ``None`` when
    ``sg`` uses something this module does not evaluate. With ``focus``, only
    the focus nodes it accepts are checked (one article's nodes in a worker,
    the global ones in the main process: :mod:`kg.fragment`)."""
    program = _program(sg)
    if program is None:
        return None
    data = _Data(g, set(_predicates(sg)))
    big = len(data.spo) >= _CANONICAL_FROM
    results = Graph(bind_namespaces="core")
    results.bind("sh", SH)
    report = BNode()
    results.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    n = 0
    for shape in program:
        if not shape.constraints or not shape.targets:
            continue
        if big:
            shape = data.canonical(shape)
        quick = _quick_check(data, shape)
        for focus_node in _focus_nodes(data, shape):
            if focus is not None and not focus(focus_node):
                continue
            values = list(_values(data, shape, focus_node)) if shape.is_property else [focus_node]
            if quick is not None and quick(values):
                continue
            for param, value in _check(data, shape, focus_node, values):
                n += 1
                r = BNode(f"r{n}")
                results.add((report, SH.result, r))
                results.add((r, RDF.type, SH.ValidationResult))
                results.add((r, SH.focusNode, focus_node))
                results.add((r, SH.sourceShape, shape.node))
                results.add((r, SH.resultSeverity, shape.severity))
                results.add((r, SH.sourceConstraintComponent, SH[f"{param}ConstraintComponent"]))
                if shape.is_property:
                    results.add((r, SH.resultPath, shape.path))
                    if shape.inverse:
                        results.add((shape.path, SH.inversePath, shape.predicate))
                if value is not None:
                    results.add((r, SH.value, value))
                for m in shape.messages:
                    results.add((r, SH.resultMessage, m))
                if shape.severity == SH.Violation:
                    conforms = False
    results.add((report, SH.conforms, Literal(conforms)))
    return results


# ---------------------------------------------------------------- plain-data graphs (kg.terms)

_PLAIN_KINDS = {SH.IRI: {"iri"}, SH.Literal: {"literal"}, SH.BlankNode: {"blank"},
                SH.BlankNodeOrIRI: {"blank", "iri"}, SH.BlankNodeOrLiteral: {"blank", "literal"},
                SH.IRIOrLiteral: {"iri", "literal"}}
_P_TYPE, _P_SUBCLASS = str(RDF.type), str(RDFS.subClassOf)
_P_CLASS, _P_SUBJECTS, _P_OBJECTS, _P_NODE = (str(t) for t in (SH.targetClass, SH.targetSubjectsOf,
                                                               SH.targetObjectsOf, SH.targetNode))
_Failure = tuple[Node, object, str, object]      # (shape node, focus node, component name, value or None)


def _plain_kind(v) -> str:
    return "iri" if type(v) is str else "literal" if type(v) is Lit else "blank"


def _plain_shape(shape: _Shape) -> _Shape:
    """``shape`` with its terms as plain data (:mod:`kg.terms`)."""
    rules = []
    for name, rule in shape.constraints:
        if name in ("Class", "Datatype", "LessThan", "HasValue"):
            rule = from_node(rule)
        elif name == "In":
            rule = frozenset(from_node(t) for t in rule)
        elif name == "NodeKind":
            rule = frozenset(_PLAIN_KINDS.get(rule, ()))
        elif name == "Or":
            rule = [_plain_shape(s) for s in rule]
        elif name == "Not":
            rule = _plain_shape(rule)
        rules.append((name, rule))
    targets = [(str(kind), from_node(value)) for kind, value in shape.targets]   # kinds as strings: compared in C
    predicate = from_node(shape.predicate) if shape.predicate is not None else None
    return replace(shape, predicate=predicate, targets=targets, constraints=rules)


_LOCAL_RULES = {"Datatype", "NodeKind", "In", "LanguageIn", "MinLength", "MaxLength", "Pattern"}


@dataclass
class _PlainRule:
    """A shape of the plain path with its quick test: counts, per-value rules
    and lessThan, which most focus nodes pass (``quick`` False: a rule that
    needs :meth:`_PlainData.check`). When the per-value rules read nothing but
    the value (``local``), each value's verdict is kept in ``memo``."""

    shape: _Shape
    targets: tuple
    quick: bool = True
    lo: int = 0
    hi: int | None = None
    tests: list = field(default_factory=list)        # (component name, rule)
    less: list = field(default_factory=list)         # lessThan predicates
    local: bool = True
    memo: dict = field(default_factory=dict)


def _plain_rule(shape: _Shape) -> _PlainRule:
    rule = _PlainRule(shape, tuple(shape.targets))
    for name, value in shape.constraints:
        if name == "MinCount":
            rule.lo = max(rule.lo, value)
        elif name == "MaxCount":
            rule.hi = value if rule.hi is None else min(rule.hi, value)
        elif name == "LessThan":
            rule.less.append(value)
        elif name in _PER_VALUE:
            rule.tests.append((name, value))
            rule.local = rule.local and name in _LOCAL_RULES
        else:
            rule.quick = False
    return rule


def _plain_less(a, b) -> bool:
    """:func:`_less` of plain-data terms (integers of one datatype compared without rdflib)."""
    if type(a) is Lit and type(b) is Lit and a.datatype is not None and a.datatype == b.datatype:
        x, y = to_node(a).value, to_node(b).value
        if type(x) is int and type(y) is int:
            return x < y
    return _less(to_node(a), to_node(b))


def _kind_ok(v, kinds: frozenset[str]) -> bool:
    return _plain_kind(v) in kinds


def _in(v, rule: frozenset) -> bool:
    return v in rule


@cache
def _plain_program(sg: Graph) -> tuple[list[_PlainRule], frozenset[str]] | None:
    """The shapes as :class:`_PlainRule` s, and the predicates whose subjects or reverse index they need."""
    program = _program(sg)
    if program is None:
        return None
    rules = [_plain_rule(_plain_shape(s)) for s in program if s.constraints and s.targets]
    return rules, frozenset(str(p) for p in _predicates(sg))


@lru_cache(maxsize=16384)
def _plain_datatype_ok(v, dt: str) -> bool:
    """:func:`_datatype_ok` of a plain-data term (a language-tagged or plain
    literal's answer depends on its tag only, so it is asked once)."""
    if type(v) is not Lit:
        return False
    if v.language:
        return _tagged_ok(v.language, dt)
    return _datatype_ok(to_node(v), URIRef(dt))


@cache
def _tagged_ok(language: str, dt: str) -> bool:
    return _datatype_ok(Literal("x", lang=language), URIRef(dt))



_PLAIN_TESTS = {"Datatype": _plain_datatype_ok, "NodeKind": _kind_ok, "In": _in}
_MEMO_SIZE = 8192      # values whose verdicts a shape keeps (counts, units, classes … repeat across articles)


class _PlainData:
    """:class:`_Data` of a plain-data graph ``{s: {p: {o: None}}}``."""

    def __init__(self, spo: dict, predicates: frozenset[str], focus: Callable[[object], bool] | None) -> None:
        self.spo = spo
        self.focus = focus
        # the class and subject targets index only the subjects ``focus`` accepts
        self.types: dict[object, list] = defaultdict(list)
        self.reverse: dict[str, dict[object, list]] = {p: defaultdict(list) for p in predicates}
        self.subjects_of: dict[str, list] = {p: [] for p in predicates}
        for s, by_p in spo.items():
            wanted = focus is None or focus(s)
            types = by_p.get(_P_TYPE)
            if types is not None and wanted:
                for c in types:
                    self.types[c].append(s)
            for p in predicates & by_p.keys():
                if wanted:
                    self.subjects_of[p].append(s)
                rev = self.reverse[p]
                for o in by_p[p]:
                    rev[o].append(s)
        self.subclasses: dict[object, set] = defaultdict(set)
        for c, subs in self.reverse.get(_P_SUBCLASS, {}).items():
            self.subclasses[c].update(subs)
        self._focus: dict[tuple, list] = {}

    def objects(self, s, p: str):
        by_p = self.spo.get(s)
        if not by_p:
            return ()
        return by_p.get(p, ())

    classes_below = _Data.classes_below

    def is_instance(self, node, c) -> bool:
        types = self.objects(node, _P_TYPE)
        if not types:
            return False
        return c in types or bool(self.classes_below(c) & set(types))

    def focus_nodes(self, targets: tuple) -> list:
        """The focus nodes of a shape's targets that ``focus`` accepts (shapes share targets: made once)."""
        found = self._focus.get(targets)
        if found is not None:
            return found
        out: dict = {}
        for kind, value in targets:
            if kind == _P_CLASS:
                for c in self.classes_below(value):
                    out.update(dict.fromkeys(self.types.get(c, ())))
            elif kind == _P_SUBJECTS:
                out.update(dict.fromkeys(self.subjects_of[value]))
            elif kind == _P_OBJECTS:
                out.update(dict.fromkeys(o for o in self.reverse[value] if self.focus is None or self.focus(o)))
            elif kind == _P_NODE and (self.focus is None or self.focus(value)):
                out[value] = None
        found = self._focus[targets] = list(out)
        return found

    def tests(self, rule: _PlainRule) -> list:
        """The per-value rules of a :class:`_PlainRule` as (function(value, rule), rule)."""
        return [(_PLAIN_TESTS.get(name) or (self.is_instance if name == "Class" else partial(self.value_ok, param=name)),
                 value) for name, value in rule.tests]

    def values(self, shape: _Shape, focus) -> list:
        if shape.inverse:
            return list(self.reverse[shape.predicate].get(focus, ()))
        return list(self.objects(focus, shape.predicate))

    def check(self, shape: _Shape, focus, values: list):
        """(component name, value or None) for every failure at ``focus``: :func:`_check`'s."""
        return _failures(shape, values, lambda p: self.objects(focus, p), _plain_less,
                         lambda param, rule, v: self.value_ok(v, rule, param),
                         lambda v: v.language if type(v) is Lit else None)

    def value_ok(self, v, rule, param: str) -> bool:
        if param == "Class":
            return self.is_instance(v, rule)
        if param == "Or":
            return any(self.conforms(s, v) for s in rule)
        if param == "Not":
            return not self.conforms(rule, v)
        return _local_value_ok(v, param, rule)

    def conforms(self, shape: _Shape, node) -> bool:
        values = [node] if not shape.is_property else self.values(shape, node)
        return not any(True for _ in self.check(shape, node, values))


def plain_failures(spo: dict, sg: Graph, focus: Callable[[object], bool] | None = None) -> list[_Failure] | None:
    """What :func:`fast_results` finds, for a graph of plain-data terms
    (``{s: {p: {o: None}}}``, :mod:`kg.terms`), as (shape node, focus node,
    component name, value or ``None``) in the order it finds them; ``None``
    when ``sg`` leaves the subset. :mod:`kg.fragment` checks an article's
    facts with it before making any rdflib term."""
    compiled = _plain_program(sg)
    if compiled is None:
        return None
    rules, predicates = compiled
    data = _PlainData(spo, predicates, focus)
    out: list[_Failure] = []
    spo_get = spo.get
    for rule in rules:
        focus_nodes = data.focus_nodes(rule.targets)
        if not focus_nodes:
            continue
        shape = rule.shape
        inverse, predicate, is_property = shape.inverse, shape.predicate, shape.is_property
        quick, lo, hi, less, local, memo = rule.quick, rule.lo, rule.hi, rule.less, rule.local, rule.memo
        tests = data.tests(rule)
        for focus_node in focus_nodes:
            if not is_property:
                values = (focus_node,)
            elif inverse:
                values = data.reverse[predicate].get(focus_node, ())
            else:
                by_p = spo_get(focus_node)
                values = by_p.get(predicate, ()) if by_p else ()
            if quick:                       # the quick test, inline: ~600 (shape, focus node) pairs an article
                n = len(values)
                ok = lo <= n and (hi is None or n <= hi)
                if ok and local:
                    for v in values:
                        verdict = memo.get(v)
                        if verdict is None:
                            if len(memo) >= _MEMO_SIZE:
                                memo.clear()
                            verdict = memo[v] = all(test(v, value) for test, value in tests)
                        if not verdict:
                            ok = False
                            break
                elif ok:
                    for test, value in tests:
                        for v in values:
                            if not test(v, value):
                                ok = False
                                break
                        if not ok:
                            break
                if ok and less:
                    ok = all(_plain_less(v, o) for p in less for o in data.objects(focus_node, p) for v in values)
                if ok:
                    continue
            out += [(shape.node, focus_node, param, value)
                    for param, value in data.check(shape, focus_node, list(values))]
    return out


# ------------------------------------------------------- conformance of one article's plain data

@dataclass
class _ClassRule:
    """The rules of one target class on one path, merged for
    :func:`plain_conforms` (which asks only whether anything fails): the
    tightest counts, the value-local tests (their verdict per value kept in
    ``memo``), the classes every value must have, the sh:or / sh:not tests and
    the lessThan predicates."""

    predicate: str | None                 # None: a node shape (the value is the focus node itself)
    lo: int = 0
    hi: int | None = None
    local: list = field(default_factory=list)       # (component name, rule), read the value alone
    classes: list = field(default_factory=list)
    nested: list = field(default_factory=list)      # ("Or" | "Not", rule)
    less: list = field(default_factory=list)
    memo: dict = field(default_factory=dict)


def _nested_ok(shape: _Shape) -> bool:
    """Whether a shape inside sh:or / sh:not is a node shape of per-value rules :func:`_fast_value_ok` decides."""
    return not shape.is_property and all(
        name in _PER_VALUE and (name not in ("Or", "Not") or all(map(_nested_ok, rule if name == "Or" else [rule])))
        for name, rule in shape.constraints)


@cache
def _class_plan(sg: Graph) -> tuple[dict[str, tuple | None], tuple[_PlainRule, ...]] | None:
    """The merged rules of each target class, as tuples of :class:`_ClassRule`'s
    fields (``None`` for a class with a rule that needs more than
    :func:`plain_conforms` does), and the rules of other targets."""
    compiled = _plain_program(sg)
    if compiled is None:
        return None
    by_class: dict[str, dict[str | None, _ClassRule | None]] = defaultdict(dict)
    other: list[_PlainRule] = []
    for rule in compiled[0]:
        if not all(kind == _P_CLASS for kind, _ in rule.targets):
            other.append(rule)
            continue
        shape = rule.shape
        simple = rule.quick and not shape.inverse and all(
            name in _LOCAL_RULES or name == "Class" or (name in ("Or", "Not") and all(
                map(_nested_ok, value if name == "Or" else [value]))) for name, value in rule.tests)
        path = shape.predicate if shape.is_property else None
        for _, c in rule.targets:
            rules = by_class[c]
            if not simple:          # a node of this class is then checked by plain_failures
                rules[("slow", id(rule))] = None
                continue
            merged = rules.get(path)
            if merged is None:
                merged = rules[path] = _ClassRule(path)
            merged.lo = max(merged.lo, rule.lo)
            if rule.hi is not None:
                merged.hi = rule.hi if merged.hi is None else min(merged.hi, rule.hi)
            for name, value in rule.tests:
                (merged.classes.append(value) if name == "Class" else merged.nested.append((name, value))
                 if name in ("Or", "Not") else merged.local.append((name, value)))
            merged.less += rule.less
    plans = {}
    for c, rules in by_class.items():       # as tuples: one unpacking per rule and focus node
        plans[c] = None if None in rules.values() else tuple(
            (r.predicate, r.lo, sys.maxsize if r.hi is None else r.hi, r.memo, tuple(r.local), tuple(r.classes),
             tuple(r.nested), tuple(r.less)) for r in rules.values())
    return plans, tuple(other)


def _fast_value_ok(spo: dict, v, param: str, rule) -> bool:
    """:meth:`_PlainData.value_ok` in a graph without rdfs:subClassOf (an instance has the class itself)."""
    if param == "Class":
        by_p = spo.get(v)
        return by_p is not None and rule in by_p.get(_P_TYPE, ())
    if param == "Or":
        return any(all(_fast_value_ok(spo, v, n, r) for n, r in s.constraints) for s in rule)
    if param == "Not":
        return not all(_fast_value_ok(spo, v, n, r) for n, r in rule.constraints)
    return _local_value_ok(v, param, rule)


def _local_value_ok(v, param: str, rule) -> bool:
    """The tests that need only the value itself (not its graph), for both plain checkers."""
    if param == "Datatype":
        return _plain_datatype_ok(v, rule)
    if param == "NodeKind":
        return _plain_kind(v) in rule
    if param == "In":
        return v in rule
    if param == "LanguageIn":
        return type(v) is Lit and bool(v.language) and _lang_matches(v.language, rule)
    if param in ("MinLength", "MaxLength"):
        if _plain_kind(v) == "blank":
            return False
        n = len(v.lexical if type(v) is Lit else v)
        return n >= rule if param == "MinLength" else n <= rule
    if param == "Pattern":
        return _plain_kind(v) != "blank" and rule.search(v.lexical if type(v) is Lit else v) is not None
    raise _Unsupported(str(param))  # pragma: no cover - the compiled shapes let nothing else through


def _local_ok(v, tests: tuple) -> bool:
    for name, rule in tests:
        if not _fast_value_ok(None, v, name, rule):      # value-local: the graph is not read
            return False
    return True


def plain_conforms(spo: dict, sg: Graph, focus: Callable[[object], bool] | None = None) -> bool | None:
    """Whether :func:`plain_failures` finds nothing (``None``: ``sg`` leaves the subset).

    The question a worker asks of each article, answered in one pass over its
    subjects: each focus node is checked against the rules of its classes
    only, merged per path, and no index is built. What this pass does not
    cover (rdfs:subClassOf triples, a focus node of another kind of target, a
    rule beyond :func:`_class_plan`) goes to :func:`plain_failures`."""
    plan = _class_plan(sg)
    if plan is None:
        failures = plain_failures(spo, sg, focus)
        return None if failures is None else not failures
    by_class, other = plan
    subjects_of = frozenset(v for rule in other for k, v in rule.targets if k == _P_SUBJECTS)
    objects_of = tuple(v for rule in other for k, v in rule.targets if k == _P_OBJECTS)
    if any(focus is None or focus(v) for rule in other for k, v in rule.targets if k == _P_NODE):
        return not plain_failures(spo, sg, focus)
    spo_get = spo.get
    no_rules = ()
    for s, by_p in spo.items():
        if _P_SUBCLASS in by_p:
            return not plain_failures(spo, sg, focus)
        for p in objects_of:
            objs = by_p.get(p)
            if objs and any(focus is None or focus(o) for o in objs):
                return not plain_failures(spo, sg, focus)
        if focus is not None and not focus(s):
            continue
        if subjects_of and not subjects_of.isdisjoint(by_p):
            return not plain_failures(spo, sg, focus)
        types = by_p.get(_P_TYPE)
        if not types:
            continue
        if len(types) == 1:
            for c in types:
                rules = by_class.get(c, no_rules)
        else:                           # a rule of two of its classes checks it once
            found = [by_class.get(c, no_rules) for c in types]
            rules = None if None in found else list({id(r): r for rs in found for r in rs}.values())
        if rules is None:
            return not plain_failures(spo, sg, focus)
        for predicate, lo, hi, memo, local, classes, nested, less in rules:
            values = (s,) if predicate is None else by_p.get(predicate, no_rules)
            n = len(values)
            if n < lo or n > hi:
                return False
            for v in values:
                verdict = memo.get(v)
                if verdict is None:
                    verdict = _local_ok(v, local)
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    memo[v] = verdict
                if not verdict:
                    return False
                for c in classes:
                    by_v = spo_get(v)
                    if by_v is None or c not in by_v.get(_P_TYPE, no_rules):
                        return False
                for name, value in nested:
                    if not _fast_value_ok(spo, v, name, value):
                        return False
            for p in less:
                if not all(_plain_less(v, o) for o in by_p.get(p, no_rules) for v in values):
                    return False
    return True
