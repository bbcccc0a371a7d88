"""Plain dataclasses handed from one pipeline stage to the next.

read → normalize → analyse → extract → resolve → graph → validate → export.
Offsets (``start``/``end``) always count characters in ``Document.text``, the
*normalized* text, so ``doc.text[m.start:m.end] == m.text`` holds everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

__all__ = [
    "ArticleMeta", "Document", "Sentence", "Mention", "Position", "Relation",
    "Figure", "Extraction", "Entity", "Kind", "Comparator", "ReadProblem", "RawArticle",
]


class Kind(str, Enum):
    """Classes of named things (local names of the kgo: classes)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    INITIATIVE = "Initiative"
    EVENT = "Event"


class Comparator(str, Enum):
    AT_LEAST = "AtLeast"
    AT_MOST = "AtMost"
    ABOUT = "About"
    EXACTLY = "Exactly"


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about one input file before its text is analysed.

    ``issued`` is ISO-like and as precise as the source: ``"2023"``,
    ``"2023-12"`` or ``"2023-12-22"``; ``None`` when no date was found.
    """

    doc_id: str                      # the file name, e.g. "001_432c8b0ef76745e8.txt"
    title: str = ""
    publisher: str = ""
    issued: str | None = None
    url: str = ""
    issued_source: str = ""          # "manifest", "text" or "" (unknown)

    @property
    def year(self) -> int | None:
        return int(self.issued[:4]) if self.issued else None

    @property
    def month(self) -> int | None:
        return int(self.issued[5:7]) if self.issued and len(self.issued) >= 7 else None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A decoded, normalized article, split into sentences."""

    meta: ArticleMeta
    text: str                                 # normalized text; offsets refer to it
    sentences: tuple[Sentence, ...] = ()
    set_aside: tuple[str, ...] = ()           # masthead lines and dropped repeats, kept for the record
    sha256: str = ""                          # of the raw bytes

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named thing in a document."""

    kind: Kind
    text: str            # the surface form as it stands in Document.text
    start: int
    end: int
    sentence: int        # Sentence.index
    label: str           # the fullest name this mention stands for (no quotes, no 《》)
    key: str | None = None   # gazetteer id when the name is a known one
    rule: str = ""           # which rule found it (for `kg explain`)


@dataclass(frozen=True)
class Position:
    person: str          # Mention.label of the person
    title: str
    organization: str    # Mention.label of the organization
    sentence: int
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """A plain edge between two named things, read from one sentence."""

    predicate: str       # "promotes", "participatesIn", "subOrganizationOf"
    subject_kind: Kind
    subject: str         # Mention.label
    object_kind: Kind
    object: str
    sentence: int
    evidence: str
    rule: str = ""


@dataclass(frozen=True)
class Figure:
    """A statistic (achieved) or target (planned) figure."""

    is_target: bool
    indicator: str
    value: Decimal
    unit: str
    surface: str                  # the number as written, e.g. "328.2万个"
    year: int | None
    sentence: int
    evidence: str
    start: int
    end: int
    comparator: Comparator | None = None
    as_of: str | None = None      # "2023-11" or "2023-11-30"
    period: str = ""              # the time phrase as written, e.g. "1—11月"
    set_by: tuple[tuple[Kind, str], ...] = ()
    part_of: str | None = None    # Initiative label


@dataclass
class Extraction:
    """Everything read from one document, before cross-article resolution."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Entity:
    """One real-world thing after resolution: one IRI in the graph."""

    kind: Kind
    uid: str                         # ASCII, stable: derived from kind + canonical label
    label: str                       # skos:prefLabel
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)           # doc_ids
    mentions: list[tuple[str, int, str, str]] = field(default_factory=list)  # (doc_id, sentence, name, rule)
    merge_reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReadProblem:
    """A file (or manifest line) that could not be used, with why."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RawArticle:
    """A decoded input file, before normalization."""

    meta: ArticleMeta
    text: str            # decoded text, exactly as in the file (BOM removed)
    sha256: str          # of the raw bytes
    encoding: str = "utf-8"
