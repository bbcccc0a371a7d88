"""Where jieba's tokens start, segmenting only the parts of a text the rules ask about.

jieba cuts a text block by block: a block is a maximal run of the characters
its ``re_han`` matches (Chinese, Latin letters, digits, ``+#&._%-``) and is
segmented on its own; any other character is a token by itself. The rules ask
about a few hundred offsets per article, in about a quarter of its blocks, so
a block is cut the first time one of its offsets is asked about. Whitespace
counts as spaCy's tokenizer of jieba's output counted it (the rules were
written against that): one space right after a word belongs to the word, any
other run of whitespace is one token.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

__all__ = ["TokenStarts"]


class TokenStarts:
    """``offset in starts``: whether a jieba token of ``text`` starts at ``offset``."""

    def __init__(self, text: str, cut: Callable[[str], Iterable[str]], block: re.Pattern) -> None:
        self.text = text
        self._cut = cut
        spans = [m.span() for m in block.finditer(text)]
        self._block_starts = [a for a, _ in spans]
        self._block_ends = [b for _, b in spans]
        self._cuts: dict[int, frozenset[int]] = {}

    def __contains__(self, offset: object) -> bool:
        text = self.text
        if not isinstance(offset, int) or not 0 <= offset < len(text):
            return False
        if text[offset].isspace():
            run = offset
            while run > 0 and text[run - 1].isspace():
                run -= 1
            if run > 0 and text[run] == " ":    # a word's trailing space; the rest of the run is a token
                return offset == run + 1
            return offset == run
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0 or offset >= self._block_ends[i]:
            return True                         # punctuation and other characters: one token each
        return offset in self._words(i)

    def _words(self, i: int) -> frozenset[int]:
        starts = self._cuts.get(i)
        if starts is None:
            at = self._block_starts[i]
            offsets = []
            for word in self._cut(self.text[at:self._block_ends[i]]):
                offsets.append(at)
                at += len(word)
            starts = self._cuts[i] = frozenset(offsets)
        return starts
