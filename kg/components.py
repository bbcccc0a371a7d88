"""spaCy pipeline components (registered with ``Language.factory``).

``kg_segmenter`` hands the rules jieba's word boundaries, segmenting a block of
the text only when a rule asks about it; each rule component then reads the
document's :class:`~kg.extract.context.DocContext` from ``doc._.kg`` and adds
what it finds. The order of the pipeline is the order of the stages:
organizations (the gazetteer and its grammars) come first because people's
titles and programme names are read against them.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .extract.context import DocContext
from .extract.figures import extract_figures
from .extract.organizations import extract_organizations
from .extract.persons import extract_persons
from .extract.programmes import extract_programmes
from .extract.relations import extract_relations
from .extract.tokens import TokenStarts

__all__ = ["PIPELINE", "RULES"]

if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


def _context(doc: Doc) -> DocContext:
    ctx = doc._.kg
    if ctx is None:
        raise ValueError("[kg] doc._.kg is not set: run documents through kg.nlp.analyze()")
    return ctx


class _Segmenter:
    """jieba's word starts over the doc's blocks, cut on demand."""

    def __call__(self, doc: Doc) -> Doc:
        from .nlp import jieba_cut

        cut, block = jieba_cut()
        ctx = _context(doc)
        ctx.token_starts = TokenStarts(ctx.text, cut, block)     # doc.text would join every token's text again
        return doc


class _Rule:
    """A component that runs one extraction function on the doc's context."""

    def __init__(self, func: Callable[[DocContext], None]) -> None:
        self.func = func

    def __call__(self, doc: Doc) -> Doc:
        self.func(_context(doc))
        return doc


def _figures(ctx: DocContext) -> None:
    ctx.extraction.figures.extend(extract_figures(ctx.document, ctx.extraction.mentions))


# name → rule, in pipeline order: organizations first, since people's titles and
# programme names are read against them
RULES: dict[str, Callable[[DocContext], None]] = {
    "kg_organizations": extract_organizations,
    "kg_persons": extract_persons,
    "kg_programmes": extract_programmes,
    "kg_relations": extract_relations,
    "kg_figures": _figures,
}


@Language.factory("kg_segmenter")
def _make_segmenter(nlp: Language, name: str) -> _Segmenter:
    return _Segmenter()


def _register(name: str, func: Callable[[DocContext], None]) -> None:
    def make(nlp: Language, name: str) -> _Rule:
        return _Rule(func)
    Language.factory(name, func=make)


for _name, _func in RULES.items():
    _register(_name, _func)

PIPELINE = ("kg_segmenter", *RULES)
