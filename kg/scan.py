"""``pattern.finditer(text)``, trying only the places where a match can start.

Python's regex engine skips ahead to a possible first character only when a
pattern opens with a literal, a character set or an alternation of literals.
A rule's pattern that opens with a lookbehind, an optional group or an
alternation of groups (the time phrases, the party congresses, the numbers)
is tried at every character of the text instead, at ~1 µs each. A
:class:`Scanner` finds the characters a match can start with from the
pattern itself and tries the pattern only there; with ``anchor``, only
within one longest match before a character that every match contains
(a party committee's 委). The matches are the same as ``finditer``'s, in the
same order: every position where a match can start is tried, left to right,
each from the end of the match before, and the pattern sees the whole text
(lookbehinds and ``^`` included).
"""
from __future__ import annotations

import re
import re._constants as sre   # the parse tree of a pattern: stable across 3.11–3.13
import re._parser as sre_parse
from collections.abc import Iterator

__all__ = ["Scanner", "first_characters"]

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


class _Unknown(Exception):
    """A pattern whose first characters are not worked out (a back reference,
    a negated class, any character, or a match that may be empty)."""


def _sequence(items) -> tuple[list, bool]:
    """(the first characters of a sequence of parsed items, whether it can match empty)."""
    out: list = []
    for op, av in items:
        chars, empty = _item(op, av)
        out += chars
        if not empty:
            return out, False
    return out, True


def _item(op, av) -> tuple[list, bool]:
    if op is sre.LITERAL:
        return [(av, av)], False
    if op is sre.IN:
        chars = []
        for o, a in av:
            if o is sre.LITERAL:
                chars.append((a, a))
            elif o is sre.RANGE:
                chars.append(a)
            elif o is sre.CATEGORY and a in _CATEGORIES:
                chars.append(_CATEGORIES[a])
            else:
                raise _Unknown(o)
        return chars, False
    if op is sre.BRANCH:
        chars, empty = [], False
        for branch in av[1]:
            c, e = _sequence(branch)
            chars += c
            empty = empty or e
        return chars, empty
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        chars, empty = _sequence(av[2])
        return chars, empty or av[0] == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return [], True                    # zero width: the next item says what comes first
    raise _Unknown(op)


def first_characters(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class of every character a match of ``pattern`` can start
    with, or None when that cannot be told."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        chars, empty = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    if empty:
        return None
    classes = sorted({c for c in chars if isinstance(c, str)})
    ranges = sorted({c for c in chars if not isinstance(c, str)})
    body = "".join(classes) + "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)
    return re.compile(f"[{body}]")


class Scanner:
    """``pattern.finditer(text)``, faster for a pattern Python's engine tries at every character.

    ``anchor``: characters one of which every match contains; the pattern is
    then tried only up to its longest match before each of them.
    """

    def __init__(self, pattern: re.Pattern[str], anchor: str | None = None) -> None:
        self.pattern = pattern
        self._first = first_characters(pattern)
        self._anchor = re.compile(f"[{re.escape(anchor)}]") if anchor else None
        shortest, self._reach = sre_parse.parse(pattern.pattern, pattern.flags).getwidth() if anchor else (1, 0)
        if not (0 < shortest and self._reach < sre.MAXREPEAT):
            raise ValueError(f"Scanner: {pattern.pattern[:40]!r} has no bounded, non-empty match to anchor")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._anchor is not None:
            return self._anchored(text)
        if self._first is None:
            return self.pattern.finditer(text)
        return self._from_starts(text)

    def _from_starts(self, text: str) -> Iterator[re.Match[str]]:
        search, match = self._first.search, self.pattern.match
        pos = 0
        while (c := search(text, pos)) is not None:
            m = match(text, c.start())
            if m is None:
                pos = c.start() + 1
            else:
                yield m
                pos = m.end()                      # never empty: first_characters refuses such patterns

    def _anchored(self, text: str) -> Iterator[re.Match[str]]:
        match, reach = self.pattern.match, self._reach
        first = self._first.search if self._first is not None else None
        pos = 0                                    # every start before pos is tried
        for a in self._anchor.finditer(text):
            at = a.start()
            i = max(pos, at - reach)
            while i <= at:
                if first is not None:              # (only where a match can start)
                    c = first(text, i, at + 1)
                    if c is None:
                        i = at + 1
                        break
                    i = c.start()
                m = match(text, i)
                if m is None:
                    i += 1
                else:
                    yield m
                    i = m.end()                    # never empty: it holds an anchor
            pos = max(pos, i)
