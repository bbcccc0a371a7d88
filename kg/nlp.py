"""The analysis stage: a spaCy ``zh`` pipeline with the jieba segmenter and the
project's rule components. spaCy and jieba types never leave this module."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .gazetteer import gazetteer
from .models import Document, Extraction

__all__ = ["build_nlp", "analyze", "cache_dir"]


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


@cache
def build_nlp():
    """The pipeline, built once per process (jieba's dictionary is process-global)."""
    import spacy

    from . import components  # registers the factories

    _configure_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.max_length = 50_000_000
    for name in components.PIPELINE:
        nlp.add_pipe(name)
    return nlp


def analyze(document: Document, nlp=None) -> Extraction:
    """Run the rules over one normalized document."""
    from .extract.context import DocContext

    nlp = nlp or build_nlp()
    extraction = Extraction(document=document)
    doc = nlp.make_doc(document.text)
    doc._.kg = DocContext(document, extraction)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return extraction
