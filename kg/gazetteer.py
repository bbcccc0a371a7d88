"""Domain word lists: organizations, places, titles, surnames, trigger words.

All of it is data under ``kg/data/``; this module only loads and indexes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import resources

__all__ = ["OrgEntry", "Gazetteer", "gazetteer", "alternation", "find_words"]


@dataclass(frozen=True)
class OrgEntry:
    id: str
    label: str
    aliases: tuple[str, ...]
    parent: str | None
    type: str


@dataclass(eq=False)   # hashed by identity: one per process, cached
class Gazetteer:
    orgs: dict[str, OrgEntry] = field(default_factory=dict)          # id -> entry
    org_names: dict[str, str] = field(default_factory=dict)          # any name -> id (unambiguous names only)
    departments: dict[str, list[str]] = field(default_factory=dict)  # bare department name -> ids (several ministries may share one)
    places: frozenset[str] = frozenset()
    foreign_places: frozenset[str] = frozenset()                     # countries and blocs (美国商务部 is not ours)
    titles: tuple[str, ...] = ()
    surnames: frozenset[str] = frozenset()
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # named word lists from patterns/words.txt

    def org(self, name: str) -> OrgEntry | None:
        key = self.org_names.get(name)
        return self.orgs.get(key) if key else None

    def is_place(self, name: str) -> bool:
        """A place, written with or without its level (辽宁 / 辽宁省, 盘锦市, 和平区)."""
        return name in self.places or re.sub(r"(?:省|市|自治区|县|区)$", "", name) in self.places

    def children_of(self, parent_id: str) -> list[OrgEntry]:
        return [e for e in self.orgs.values() if e.parent == parent_id]


def _load_orgs(g: Gazetteer) -> None:
    lines = resources.read_text("gazetteers", "organizations.tsv").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cols += [""] * (5 - len(cols))
        oid, label, aliases, parent, kind = (c.strip() for c in cols[:5])
        entry = OrgEntry(oid, label, tuple(a for a in aliases.split("|") if a), parent or None, kind)
        g.orgs[oid] = entry
        if kind == "department":
            for name in (label, *entry.aliases):
                g.departments.setdefault(name, []).append(oid)
            continue
        for name in (label, *entry.aliases):
            g.org_names.setdefault(name, oid)


def _load_words(g: Gazetteer) -> None:
    """``patterns/words.txt``: sections ``[name]`` followed by one word per line."""
    section = None
    out: dict[str, list[str]] = {}
    for line in resources.read_lines("patterns", "words.txt"):
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            section = m.group(1)
            out.setdefault(section, [])
        elif section:
            out[section].extend(w for w in line.split() if w)
    g.words = {k: tuple(v) for k, v in out.items()}


def _section_lines(text: str, sections: tuple[str, ...]) -> list[str]:
    """The names listed under the ``# --- Section ---`` headers whose title starts so."""
    out, inside = [], False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# ---"):
            inside = line.strip("# -").startswith(sections)
        elif inside and line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    _load_orgs(g)
    g.places = frozenset(resources.read_lines("gazetteers", "places.txt"))
    g.foreign_places = frozenset(_section_lines(resources.read_text("gazetteers", "places.txt"), ("Countries", "Blocs")))
    g.titles = tuple(sorted(set(resources.read_lines("gazetteers", "titles.txt")), key=lambda t: (-len(t), t)))
    g.surnames = frozenset(resources.read_lines("gazetteers", "surnames.txt"))
    _load_words(g)
    return g


def alternation(words) -> str:
    """A regex alternation matching the longest word first.

    Written as a trie (工业和信息化部|工业和信息化厅 → 工业和信息化(?:部|厅)): the
    regex engine tries the alternatives of a plain ``a|b|c`` one by one at
    every position, ~5 × slower with the gazetteer's thousand names. The
    matches are the same, backtracking included: the words that match at one
    place are prefixes of each other, and both forms try them longest first.
    """
    words = sorted(set(words))
    if "" in words:
        raise ValueError("alternation: empty word")
    return _trie(words, 0)


def _trie(words: list[str], depth: int) -> str:
    """The alternation of ``words`` (sorted, sharing their first ``depth`` characters) after that prefix."""
    ends = False
    branches: dict[str, list[str]] = {}
    for w in words:
        if len(w) == depth:
            ends = True
        else:
            branches.setdefault(w[depth], []).append(w)
    parts = [re.escape(ch) + _trie(sub, depth + 1) for ch, sub in branches.items()]
    if not parts:
        return ""
    body = "|".join(parts)
    if ends:
        return f"(?:{body})?"
    return body if len(parts) == 1 else f"(?:{body})"


def find_words(words, text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(alternation(words), text)`` matches (leftmost,
    longest word first, not overlapping), found without compiling a pattern:
    a document's own names make a new one each time (~1 ms)."""
    longest: dict[int, int] = {}
    for word in set(words):
        if not word:
            raise ValueError("find_words: empty word")
        i = text.find(word)
        while i >= 0:
            if len(word) > longest.get(i, 0):
                longest[i] = len(word)
            i = text.find(word, i + 1)
    spans, end = [], 0
    for start in sorted(longest):
        if start >= end:
            end = start + longest[start]
            spans.append((start, end))
    return spans
