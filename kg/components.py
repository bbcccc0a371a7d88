"""The extraction rules, in pipeline order.

Each rule reads the document's :class:`~kg.extract.context.DocContext` and
adds what it finds; the order is the order of the stages: organizations (the
gazetteer and its grammars) come first because people's titles and programme
names are read against them.
"""
from __future__ import annotations

from collections.abc import Callable

from .extract.context import DocContext
from .extract.figures import extract_figures
from .extract.organizations import extract_organizations
from .extract.persons import extract_persons
from .extract.programmes import extract_programmes
from .extract.relations import extract_relations

__all__ = ["RULES"]


def _figures(ctx: DocContext) -> None:
    ctx.extraction.figures.extend(extract_figures(ctx.document, ctx.extraction.mentions))


# pipeline order: organizations first, since people's titles and programme
# names are read against them
RULES: tuple[Callable[[DocContext], None], ...] = (
    extract_organizations,
    extract_persons,
    extract_programmes,
    extract_relations,
    _figures,
)
