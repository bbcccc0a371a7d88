"""spaCy pipeline components (registered with ``Language.factory``).

Each component reads the document's :class:`~kg.extract.context.DocContext`
from ``doc._.kg`` and adds what its rules find; the order of the pipeline is
the order of the stages: organizations (the gazetteer and its grammars) come
first because people's titles and programme names are read against them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract.figures import extract_figures
from .extract.organizations import extract_organizations
from .extract.persons import extract_persons
from .extract.programmes import extract_programmes
from .extract.relations import extract_relations

__all__ = ["PIPELINE"]

if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


class _Rule:
    """A component that runs one extraction function on the doc's context."""

    def __init__(self, func) -> None:
        self.func = func

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.kg
        if ctx is None:
            raise ValueError("[kg] doc._.kg is not set: run documents through kg.nlp.analyze()")
        if not ctx.token_starts:
            ctx.token_starts = frozenset(t.idx for t in doc)
        self.func(ctx)
        return doc


def _figures(ctx) -> None:
    ctx.extraction.figures.extend(extract_figures(ctx.document, ctx.extraction.mentions))


# name → rule, in pipeline order: organizations first, since people's titles and
# programme names are read against them
RULES = {
    "kg_organizations": extract_organizations,
    "kg_persons": extract_persons,
    "kg_programmes": extract_programmes,
    "kg_relations": extract_relations,
    "kg_figures": _figures,
}


def _register(name: str, func) -> None:
    def make(nlp: Language, name: str) -> _Rule:
        return _Rule(func)
    Language.factory(name, func=make)


for _name, _func in RULES.items():
    _register(_name, _func)

PIPELINE = tuple(RULES)
