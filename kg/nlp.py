"""The analysis stage: a spaCy ``zh`` pipeline with jieba, taught the
gazetteer's names, as its segmenter and the project's rule components
(:mod:`kg.components`). A block of text is segmented only when a rule asks
where its words start (:mod:`kg.extract.tokens`). spaCy and jieba types never
leave this module and the components."""
from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from .gazetteer import gazetteer
from .models import Document, Extraction

__all__ = ["build_nlp", "analyze", "cache_dir", "jieba_cut"]


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


def _block_pattern() -> re.Pattern:
    import jieba

    return jieba.re_han_default


def _register_tokenizer() -> None:
    """``kg.blocks.v1``: a spaCy tokenizer that splits a text into jieba's blocks
    (runs of the characters jieba segments as one piece, and single other
    characters) without segmenting them; jieba cuts a block into words only when
    a rule asks where its words start (:class:`~kg.extract.tokens.TokenStarts`,
    set on ``doc._.kg`` by the ``kg_segmenter`` component)."""
    import spacy
    from spacy.tokens import Doc

    if "kg.blocks.v1" in spacy.registry.tokenizers:
        return

    class BlockTokenizer:
        def __init__(self, vocab) -> None:
            self.vocab = vocab
            self.pattern = re.compile(f"{_block_pattern().pattern}|\\s+|.", re.S)

        def __call__(self, text: str) -> Doc:
            words: list[str] = []
            spaces: list[bool] = []
            for m in self.pattern.finditer(text):
                piece = m.group()
                if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True          # one space after a word is its trailing space
                else:
                    words.append(piece)
                    spaces.append(False)
            return Doc(self.vocab, words=words, spaces=spaces)

    @spacy.registry.tokenizers("kg.blocks.v1")
    def create_block_tokenizer():
        def make(nlp):
            return BlockTokenizer(nlp.vocab)
        return make


@cache
def build_nlp():
    """The spaCy ``zh`` pipeline, built once per process (jieba's dictionary is
    process-global): the block tokenizer, then the ``kg_segmenter`` component
    (jieba, on demand) and the rule components, in the order of the stages."""
    import spacy

    from . import components  # registers the factories

    _configure_jieba()
    _register_tokenizer()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.blocks.v1"}}})
    nlp.max_length = 50_000_000
    for name in components.PIPELINE:
        nlp.add_pipe(name)
    return nlp


def jieba_cut():
    """jieba's cut of one block (the segmenter the ``kg_segmenter`` component hands the rules)."""
    import jieba

    return jieba.dt.cut, _block_pattern()


def analyze(document: Document, nlp=None) -> Extraction:
    """Run the pipeline over one normalized document."""
    from .extract.context import DocContext

    nlp = nlp or build_nlp()
    extraction = Extraction(document=document)
    doc = nlp.make_doc(document.text)
    doc._.kg = DocContext(document, extraction)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return extraction
