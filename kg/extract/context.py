"""What the extraction rules of one document share: text, sentences, token
boundaries from jieba, and the mentions found so far."""
from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, gazetteer
from ..models import Document, Extraction, Kind, Mention

__all__ = ["DocContext", "clean_name", "QUOTES", "DATELINE"]

QUOTES = "“”\"'‘’「」『』《》〈〉"
# 新华社北京1月13日电, 黑龙江经济网讯, 央视网消息: the outlet (and place and date) opening a report
DATELINE = (r"(?P<outlet>[\u4e00-\u9fff]{1,10}?(?:网|社|报|台))(?:[\u4e00-\u9fff]{2,4})?"
            r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯|消息)")
_CLEAN = re.compile(f"[{re.escape(QUOTES)}\\s]")


def clean_name(text: str) -> str:
    """A name without quotes, book-title marks or spaces (the label form)."""
    return _CLEAN.sub("", text)


@dataclass
class DocContext:
    document: Document
    extraction: Extraction
    token_starts: Container[int] = frozenset()    # kg.extract.tokens.TokenStarts in a run
    gaz: Gazetteer = field(default_factory=gazetteer)
    _sentence_starts: list[int] = field(default_factory=list)
    main_org: str | None = None            # label of the organization the article is about
    local_org: str | None = None           # else the provincial or city body it is about
    main_person: str | None = None         # the interviewee, when there is one

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.document.sentences]

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_index(self, offset: int) -> int:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return max(i, 0)

    def add(self, kind: Kind, start: int, end: int, label: str | None = None,
            key: str | None = None, rule: str = "") -> Mention | None:
        surface = self.text[start:end]
        name = clean_name(label if label is not None else surface)
        if not name:
            return None
        mention = Mention(kind, surface, start, end, self.sentence_index(start), name, key, rule)
        self.extraction.mentions.append(mention)
        return mention

    def mentions(self, *kinds: Kind) -> list[Mention]:
        return [m for m in self.extraction.mentions if not kinds or m.kind in kinds]

    def covered(self, start: int, end: int, *kinds: Kind) -> bool:
        """Whether [start, end) overlaps a mention already found."""
        for m in self.extraction.mentions:
            if m.start < end and start < m.end and (not kinds or m.kind in kinds):
                return True
        return False
