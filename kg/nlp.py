"""The analysis stage: a spaCy ``zh`` pipeline with jieba, taught the
gazetteer's names, as its segmenter and the project's rule components
(:mod:`kg.components`). A block of text is segmented only when a rule asks
where its words start (:mod:`kg.extract.tokens`). spaCy and jieba types never
leave this module and the components."""
from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .gazetteer import gazetteer
from .models import Document, Extraction

__all__ = ["build_nlp", "analyze", "cache_dir", "jieba_cut", "name_tags", "NameTags"]


def cache_dir() -> Path:
    """Private cache folder (jieba's dictionary cache must not be shared in /tmp)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "policy-kg")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class NameTags:
    """What the person rules read of the part-of-speech tags of jieba's
    dictionary (the table ``jieba.posseg`` reads, without its tagging model)."""

    nr: frozenset[str]          # words tagged nr (a person's name)
    names: frozenset[str]       # words tagged nr, nrt or nrfg
    untagged: frozenset[str]    # words taught from the gazetteer that the dictionary lacks


_STATE_FORMAT = 1
_TAUGHT_FREQ = 2000     # a taught word's count in jieba's dictionary
_STATES_KEPT = 3        # states of other inputs (gazetteers, jieba versions) left in the cache folder


def _taught_words() -> list[str]:
    """The gazetteer's names that jieba is taught, sorted."""
    gaz = gazetteer()
    words = set(gaz.org_names) | set(gaz.departments) | set(gaz.titles)
    for section in ("programme_nouns", "event_nouns", "provincial_departments"):
        words.update(gaz.words.get(section, ()))
    return sorted(w for w in words if len(w) >= 2)


def _state_path(words: list[str]) -> Path:
    """Where jieba's taught state is kept: named by a hash of all it depends on
    (Python's and jieba's versions, jieba's dictionary file, the words taught, this format)."""
    import jieba

    dictionary = jieba.dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    stat = os.stat(dictionary)
    key = hashlib.sha256(repr((_STATE_FORMAT, sys.version_info[:2], marshal.version, jieba.__version__, dictionary,
                               stat.st_size, stat.st_mtime_ns, _TAUGHT_FREQ, words)).encode())
    return cache_dir() / f"jieba-state-{key.hexdigest()[:16]}.marshal"


def _teach(words: list[str]) -> NameTags:
    """jieba's dictionary loaded and taught ``words``; the name tags read from it."""
    import jieba

    jieba.initialize()
    freq = jieba.dt.FREQ
    for word in words:
        if (freq.get(word) or 0) < _TAUGHT_FREQ:   # never lower a common word's count (会议)
            jieba.add_word(word, freq=_TAUGHT_FREQ)
    tags = {}
    with jieba.dt.get_dict_file() as f:
        for line in f:
            line = line.strip().decode("utf-8")
            if line:
                word, _, tag = line.split(" ")
                tags[word] = tag
    return NameTags(frozenset(w for w, t in tags.items() if t == "nr"),
                    frozenset(w for w, t in tags.items() if t.startswith("nr")),
                    frozenset(w for w in words if freq.get(w) and w not in tags))


@cache
def _configure_jieba() -> NameTags:
    """Point jieba's cache at a private folder and teach it the gazetteer's
    names, so that 工业和信息化部 or 国家数据局 are one token each.

    The taught dictionary and the name tags are kept in the cache folder as one
    marshal file (read whole: ``marshal.load`` of a file object, as jieba's own
    cache is read, takes 5 × longer), made again when any input changes."""
    import jieba
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    jieba.dt.cache_file = "jieba.cache"
    words = _taught_words()
    path = _state_path(words)
    try:
        freq, total, nr, names, untagged = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        tags = _teach(words)
        _write_state(path, (jieba.dt.FREQ, jieba.dt.total, tags.nr, tags.names, tags.untagged))
        return tags
    with jieba.dt.lock:
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = freq, total, True
    return NameTags(nr, names, untagged)


def _write_state(path: Path, state: tuple) -> None:
    """Write the state atomically and drop all but the latest few states of other inputs."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-state-")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(state, f)
        os.replace(tmp, path)
        tmp = None
        others = sorted((p for p in path.parent.glob("jieba-state-*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_STATES_KEPT:]:       # a few stay: other checkouts may share the folder
            old.unlink(missing_ok=True)
    except OSError:
        pass                                    # a read-only cache folder: taught again next time
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def name_tags() -> NameTags:
    """jieba's name tags (jieba configured first, if it was not yet)."""
    return _configure_jieba()


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
            pieces = list(map(re.Match.group, self.pattern.finditer(text)))
            if " " not in text:
                return Doc(self.vocab, words=pieces, spaces=[False] * len(pieces))
            words: list[str] = []
            spaces: list[bool] = []
            for piece in pieces:
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
    # the rules read no lexical attribute (shape, like_num, norm …): none is worked out for
    # the words an article adds to the vocabulary (~30 µs each, and five more strings kept)
    nlp.vocab.lex_attr_getters = {}
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
