"""The analysis stage: jieba, taught the gazetteer's names, and the project's
rules (:mod:`kg.components`). jieba types never leave this module; a block of
text is segmented only when a rule asks where its words start
(:mod:`kg.extract.tokens`)."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .gazetteer import gazetteer
from .models import Document, Extraction

__all__ = ["Analyzer", "build_nlp", "analyze", "cache_dir"]


def cache_dir() -> Path:
    """Private cache folder (jieba's dictionary cache must not be shared in /tmp)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "policy-kg")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _configure_jieba() -> None:
    """Point jieba's cache at a private folder and teach it the gazetteer's
    names, so that 工业和信息化部 or 国家数据局 are one token each."""
    import jieba
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.initialize()
    gaz = gazetteer()
    words = set(gaz.org_names) | set(gaz.departments) | set(gaz.titles)
    for section in ("programme_nouns", "event_nouns", "provincial_departments"):
        words.update(gaz.words.get(section, ()))
    for word in sorted(words):
        if len(word) >= 2 and (jieba.dt.FREQ.get(word) or 0) < 2000:   # never lower a common word's count (会议)
            jieba.add_word(word, freq=2000)


@dataclass(frozen=True)
class Analyzer:
    """The rules in pipeline order and the segmenter they read token boundaries from."""

    rules: tuple[Callable, ...]
    cut: Callable[[str], Iterable[str]]      # one block of jieba's re_han → its words
    block: re.Pattern                        # jieba's re_han: the blocks it segments one by one


@cache
def build_nlp() -> Analyzer:
    """The analyser, built once per process (jieba's dictionary is process-global)."""
    import jieba

    from .components import RULES

    _configure_jieba()
    return Analyzer(RULES, jieba.dt.cut, jieba.re_han_default)


def analyze(document: Document, nlp: Analyzer | None = None) -> Extraction:
    """Run the rules over one normalized document."""
    from .extract.context import DocContext
    from .extract.tokens import TokenStarts

    nlp = nlp or build_nlp()
    extraction = Extraction(document=document)
    ctx = DocContext(document, extraction, TokenStarts(document.text, nlp.cut, nlp.block))
    for rule in nlp.rules:
        rule(ctx)
    return extraction
