"""Normalize a decoded article into the text every later offset refers to.

The scorer looks for each evidence sentence in the *original* file after NFKC
and removing all whitespace. So this module may only fold full-width ASCII
forms (NFKC on that range alone), drop or join whitespace and line breaks, and
drop whole lines; it never rewrites any other character. Chinese punctuation
(，。：“” …) stays as written.

What it does, in order: split lines (any line-end convention), fold widths and
squeeze spaces, strip markdown heading and list marks, set aside masthead
lines (``patterns/masthead.txt``), join lines hard-wrapped inside a sentence
(decided from the document's own line-length statistics, the line's last
character and the next line's first; ``patterns/normalize_paragraph.txt``),
drop paragraphs repeated verbatim, split sentences, and read a date, title and
publisher from the text where the manifest gave none (``normalize_meta.txt``).
"""
from __future__ import annotations

__all__ = ["normalize", "split_sentences", "fold_width", "clean_line"]

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from statistics import quantiles

from .errors import ResourceError
from .models import ArticleMeta, Document, RawArticle, Sentence
from .resources import read_lines

# Every line-end convention, and the separators str.splitlines() knows.
_LINE_END = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_MD_HEADING = re.compile(r"#{1,6}\s+")
_BULLET = re.compile(r"[-*+•]\s+")
_SPACES = re.compile(r"\s+")
_INDENT = re.compile(r" {2,}\S")          # (after fold_width) two spaces or one U+3000 pair

_TERMINAL = frozenset("。！？!?")
_CLOSERS = frozenset("”’」』）)》】〕")
_OPENERS = frozenset("，,、“‘（(《【「『〔")     # a line ending in one of these goes on
_COLONS = frozenset("：:")
_SEMICOLONS = frozenset("；;")
_STOP_CANDIDATES = re.compile(r"[。！？!?.…]")
_ALNUM = re.compile(r"[^\W_]")          # what str.isalnum() accepts (re's \w is isalnum() or "_")

# Joining thresholds. For a hard-wrapped text they are fractions of its wrap
# width (in display columns: an ideograph is two, a digit one, as the text was
# laid out); for one-paragraph-a-line text they are lengths above any heading's.
_FULL_LINE = 0.85          # a wrapped line is at least this share of the wrap width
                           # (a paragraph's first line loses a two-ideograph indent)
_PROSE_LINE = 40           # a paragraph cut short is at least this long (characters)
_PROSE_WITH_STOP = 20      # ... or this long when a sentence already ended inside it
_LONG_SENTENCE = 150       # split at ；only in sentences longer than this
_MIN_CLAUSE = 12           # ... into pieces no shorter than this
_MIN_REPEAT = 6            # shorter paragraphs may repeat (captions, bylines)
_TITLE_MAX = 100


# --------------------------------------------------------------- patterns

def _compile(name: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ResourceError(f"patterns/{name}: bad pattern {pattern!r}: {exc}") from exc


@cache
def _masthead() -> tuple[re.Pattern[str], ...]:
    return tuple(_compile("masthead.txt", p) for p in read_lines("patterns", "masthead.txt"))


_KINDS = {"normalize_paragraph.txt": ("start", "alone", "cont"),
          "normalize_meta.txt": ("date", "dateline", "publisher")}


@cache
def _tagged(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (kind, pattern) rules of a pattern file whose lines read "kind pattern"."""
    out = []
    for line in read_lines("patterns", name):
        parts = line.split(None, 1)
        if len(parts) != 2 or parts[0] not in _KINDS[name]:
            raise ResourceError(f"patterns/{name}: expected one of {', '.join(_KINDS[name])} "
                                f"and a pattern, got {line!r}")
        out.append((parts[0], _compile(name, parts[1])))
    return tuple(out)


def _rules(name: str, kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(p for k, p in _tagged(name) if k == kind)


@cache
def _width_table() -> dict[int, str]:
    keep = set("".join(read_lines("patterns", "normalize_fullwidth.txt")))
    table = {cp: unicodedata.normalize("NFKC", chr(cp))
             for cp in range(0xFF01, 0xFF5F) if chr(cp) not in keep}
    # half-width ideographic punctuation (｡｢｣､) → its usual form, as NFKC does
    table.update({cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF61, 0xFF65)})
    # every other space character (U+3000, no-break space, …) → a plain space
    for cp in range(0x80, 0x3001):
        if unicodedata.category(chr(cp)) == "Zs":
            table[cp] = " "
    table[ord("\t")] = " "
    table[ord("\x1f")] = " "
    return table


# ----------------------------------------------------------------- lines

def fold_width(text: str) -> str:
    """Full-width ASCII letters, digits and symbols → ASCII; U+3000 and other spaces → " ".

    Chinese punctuation listed in ``patterns/normalize_fullwidth.txt`` (，：；？！（）)
    and every character outside these ranges stay as they are.
    """
    # most texts have nothing to fold: a scan in C says so, where translate looks every character up in a dict
    return text.translate(_width_table()) if _folds().search(text) else text


@cache
def _folds() -> re.Pattern[str]:
    """The characters :func:`fold_width` changes."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_width_table())) + "]")


def _ideographic(ch: str) -> bool:
    cp = ord(ch)
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F or 0x3040 <= cp <= 0x30FF or 0xAC00 <= cp <= 0xD7AF)


def _squeeze(line: str) -> str:
    """Keep one space between two ASCII characters or two ideographs; drop the rest.

    "2022 年 1 至 11 月" → "2022年1至11月", "《 人民日报 》" → "《人民日报》", while
    "本报记者 黄鑫 李芃达" and "10G PON" keep their separating spaces.
    """
    line = _SPACES.sub(" ", line)
    if " " not in line:
        return line
    out = []
    for i, ch in enumerate(line):
        if ch == " ":
            a, b = line[i - 1], line[i + 1]
            if not ((a.isascii() and b.isascii()) or (_ideographic(a) and _ideographic(b))):
                continue
        out.append(ch)
    return "".join(out)


def clean_line(line: str) -> tuple[str, str]:
    """One raw line → (cleaned text, mark).

    mark is "heading" (a markdown ``#`` line), "bullet" (a list item), "rule"
    (no letter or digit, but not blank: ----, ***, a stray "。"; text "" when a
    heading or list mark was removed) or "". A blank line is ("", "").
    """
    return _clean(fold_width(line))


def _clean(line: str) -> tuple[str, str]:
    """clean_line for a line already folded."""
    line = line.strip()
    mark = ""
    if m := _MD_HEADING.match(line):
        line, mark = line[m.end():], "heading"
    elif m := _BULLET.match(line):
        line, mark = line[m.end():], "bullet"
    line = _squeeze(line.strip())
    if not _ALNUM.search(line):
        # nothing to read: blank, or a rule (----, ***) or stray marks, which
        # still separate what stands before and after them
        if not line and not mark:
            return "", ""
        return ("" if mark else line), "rule"        # a "## ——" heading: only a separator
    return line, mark


@dataclass
class _Line:
    text: str
    start: bool = False      # opens a paragraph whatever precedes it
    alone: bool = False      # a paragraph of its own
    cont: bool = False       # continues the line before (starts with closing punctuation)
    title: bool = False      # the first line of the article


def _core_end(text: str) -> tuple[str, int]:
    """The last character that is not a closing quote or bracket, and its index."""
    i = len(text) - 1
    while i > 0 and text[i] in _CLOSERS:
        i -= 1
    return text[i], i


def _is_stop(text: str, i: int) -> bool:
    """Does the character at ``i`` end a sentence? ("." only after something not a letter or digit.)"""
    ch = text[i]
    if ch in _TERMINAL:
        if ch in "!?" and i + 1 < len(text) and (text[i + 1].isascii() and text[i + 1].isalnum()
                                                 or text[i + 1] in "=&_/"):
            return False                           # a URL query, not a sentence end
        return True
    if ch == "." and i > 0 and not (text[i - 1].isascii() and text[i - 1].isalnum()):
        # a full stop in half-width punctuated Chinese, not 5.2, www.x.cn or "U.S."
        return i + 1 == len(text) or text[i + 1].isspace() or not text[i + 1].isascii()
    if ch == "…":
        return i + 1 == len(text) or text[i + 1] in _CLOSERS
    return False


def _ends_closed(text: str) -> bool:
    """The line ends a sentence, or ends with a colon that introduces what follows."""
    ch, i = _core_end(text)
    return ch in _COLONS or _is_stop(text, i)


def _stops_inside(text: str) -> bool:
    return any(_is_stop(text, m.start()) for m in _STOP_CANDIDATES.finditer(text, 0, len(text) - 1))


class _Widths(dict):
    """Display columns per character, looked up once per distinct character."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
        return width


_WIDTHS = _Widths()


def _cols(text: str) -> int:
    """Display width: wide and ambiguous-width characters (ideographs, “”) take two columns."""
    return sum(map(_WIDTHS.__getitem__, text))


def _wrap_widths(lines: list[_Line]) -> tuple[tuple[Callable[[str], int], float], ...]:
    """The width a hard-wrapped text was cut at, by each measure that fits; () for unwrapped text.

    Wrapped text has many lines that end mid-sentence, of nearly equal width,
    and no line much wider than those. Layouts wrap by display columns or by
    characters; both are tried.
    """
    body = [ln.text for ln in lines if not (ln.alone or ln.title) and len(ln.text) >= 6]
    cut = [t for t in body if not _ends_closed(t)]
    if len(cut) < 4 or len(cut) < 0.25 * len(body):
        return ()
    out = []
    for measure in (_cols, len):
        q1, width, q3 = quantiles([measure(t) for t in cut], n=4, method="inclusive")
        p90 = quantiles([measure(t) for t in body], n=10, method="inclusive")[-1]
        if q3 - q1 <= 0.4 * width and p90 <= 1.6 * width:
            out.append((measure, width))
    return tuple(out)


def _join_kind(prev: _Line, nxt: _Line, widths: tuple[tuple[Callable[[str], int], float], ...]) -> str:
    """"" (a new paragraph), "join" (a wrap) or "force" (certainly one sentence)."""
    if nxt.start or nxt.alone or prev.alone:
        return ""
    if nxt.cont:
        return "force"
    if _ends_closed(prev.text):
        return ""
    if _core_end(prev.text)[0] in _OPENERS:
        return "force"
    if prev.title and "。" not in prev.text:       # a title, not the first line of a wrapped text
        return ""
    if widths:
        stops = _stops_inside(prev.text)
        full = any(measure(prev.text) >= _FULL_LINE * width or (stops and measure(prev.text) >= 0.5 * width)
                   for measure, width in widths)
    else:
        n = len(prev.text)
        full = n >= _PROSE_LINE or (_stops_inside(prev.text) and n >= _PROSE_WITH_STOP)
    return "join" if full else ""


def _group(lines: list[_Line]) -> list[list[str]]:
    """Lines → paragraphs (each a list of lines)."""
    widths = _wrap_widths(lines)
    groups: list[list[_Line]] = []
    forced: list[bool] = []
    for i, line in enumerate(lines):
        kind = _join_kind(lines[i - 1], line, widths) if i else ""
        if kind:
            groups[-1].append(line)
            forced[-1] = forced[-1] or kind == "force"
        else:
            groups.append([line])
            forced.append(False)
    out: list[list[str]] = []
    for group, was_forced in zip(groups, forced):
        texts = [ln.text for ln in group]
        # A run of lines none of which ends or contains a sentence is a stack
        # of headings of wrap-width length, not one wrapped sentence.
        if (len(texts) > 1 and not was_forced and not _ends_closed(texts[-1])
                and not any(_stops_inside(t) or _ends_closed(t) for t in texts)):
            out.extend([t] for t in texts)
        else:
            out.append(texts)
    return out


def _join_lines(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        # words wrapped in Latin script keep their space; a number cut by the wrap (10|23.9亿元) does not
        words = text[-1].isascii() and text[-1].isalnum() and part[0].isascii() and part[0].isalnum()
        digits = text[-1].isdigit() and (part[0].isdigit() or part[0] == ".")
        sep = " " if words and not digits else ""
        text += sep + part
    return text


def _is_masthead(text: str) -> bool:
    return any(p.search(text) for p in _masthead())


def _mark_masthead(texts: list[str]) -> list[bool]:
    """Masthead flags for non-blank lines; short lines between masthead lines join them."""
    flags = [_is_masthead(t) for t in texts]
    i = 0
    while i < len(texts):
        if flags[i]:
            i += 1
            continue
        j = i
        while j < len(texts) and not flags[j]:
            j += 1
        run = range(i, j)
        if (i > 0 and j < len(texts) and len(run) <= 2
                and all(texts[k] and len(texts[k]) <= 16 and not _ends_closed(texts[k]) for k in run)):
            for k in run:
                flags[k] = True
        i = j
    return flags


def _lines(text: str) -> tuple[list[_Line], list[str], list[str]]:
    """Raw text → content lines, set-aside masthead lines, and every cleaned line (for metadata)."""
    raws = _LINE_END.split(fold_width(text))
    cleaned = [(*_clean(raw), bool(_INDENT.match(raw))) for raw in raws]
    start_rules, alone_rules = _rules("normalize_paragraph.txt", "start"), _rules("normalize_paragraph.txt", "alone")
    cont_rules = _rules("normalize_paragraph.txt", "cont")
    # A line of stray closing marks ("。", "”。") ends the line before; other rules separate.
    cleaned = [(t, "" if mark == "rule" and t and any(p.search(t) for p in cont_rules) else mark, indent)
               for t, mark, indent in cleaned if t or mark == "rule"]
    texts = [(t, mark) for t, mark, _ in cleaned]
    indents = [indent for _, mark, indent in cleaned if mark != "rule"]
    # An indent marks a paragraph's first line only where some lines have one and others not.
    indent_starts = 0.1 <= sum(indents) / max(1, len(indents)) <= 0.8
    flags = [False if mark == "rule" else flag
             for (_, mark), flag in zip(texts, _mark_masthead([t for t, _ in texts]))]
    content: list[_Line] = []
    aside: list[str] = []
    after_aside = False
    for (t, mark, indent), is_masthead in zip(cleaned, flags):
        if is_masthead or mark == "rule":
            if is_masthead:
                aside.append(t)
            after_aside = True
            continue
        line = _Line(
            t,
            start=(after_aside or mark == "bullet" or (indent and indent_starts)
                   or any(p.search(t) for p in start_rules)),
            alone=mark == "heading" or any(p.search(t) for p in alone_rules),
            cont=any(p.search(t) for p in cont_rules),
            title=not content,
        )
        content.append(line)
        after_aside = False
    return content, aside, [t for t, mark in texts if mark != "rule"]


# ------------------------------------------------------------- sentences

def _spans(para: str) -> list[tuple[int, int]]:
    """Sentence spans in one paragraph: after 。！？!? (with closing quotes), then ；in long ones."""
    spans, start, n = [], 0, len(para)
    for m in _STOP_CANDIDATES.finditer(para):
        i = m.start()
        if i < start or not _is_stop(para, i):
            continue
        j = i + 1
        while j < n and (para[j] in _CLOSERS or para[j] in _TERMINAL or para[j] == "…"):
            j += 1
        spans.append((start, j))
        start = j
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        out.extend(_clauses(para, s, e) if e - s > _LONG_SENTENCE else [(s, e)])
    return out


def _clauses(para: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a very long sentence after each ；, keeping no piece shorter than _MIN_CLAUSE."""
    cuts = []
    for i in range(s, e - 1):
        if para[i] in _SEMICOLONS:
            j = i + 1
            while j < e and para[j] in _CLOSERS:
                j += 1
            cuts.append(j)
    pieces, last = [], s
    for cut in cuts:
        if cut - last >= _MIN_CLAUSE and e - cut >= _MIN_CLAUSE:
            pieces.append((last, cut))
            last = cut
    pieces.append((last, e))
    return pieces


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of a normalized text (paragraphs separated by "\\n"), with offsets into it.

    ``Sentence.text == text[start:end]``, without surrounding whitespace; pieces
    without a letter, digit or ideograph are skipped.
    """
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        body = para.group()
        for s, e in _spans(body):
            while s < e and body[s].isspace():
                s += 1
            while e > s and body[e - 1].isspace():
                e -= 1
            piece = body[s:e]
            if _ALNUM.search(piece):
                out.append(Sentence(len(out), base + s, base + e, piece))
    return tuple(out)


# -------------------------------------------------------------- metadata

def _iso(y: str | None, m: str | None, d: str | None) -> str | None:
    try:
        return date(int(y or ""), int(m or ""), int(d or "")).isoformat()
    except ValueError:
        return None


@dataclass
class _TextMeta:
    issued: str | None = None       # a full date
    month_day: str | None = None    # "MM-DD" from a dateline
    publisher: str = ""


def _text_meta(lines: list[str]) -> _TextMeta:
    found = _TextMeta()
    for kind, pattern in _tagged("normalize_meta.txt"):
        for line in lines:
            m = pattern.search(line)
            if not m:
                continue
            g = m.groupdict()
            pub = (g.get("pub") or "").strip()
            if kind == "date" and found.issued is None:
                iso = _iso(g.get("y"), g.get("m"), g.get("d"))
                if iso is None:
                    continue
                found.issued = iso
            elif kind == "dateline" and found.month_day is None:
                iso = _iso("2000", g.get("m"), g.get("d"))     # a leap year: 2月29日 is a day
                if iso is None:
                    continue
                found.month_day = iso[5:]
            if pub and not found.publisher:
                found.publisher = pub
    return found


def _issued(meta: ArticleMeta, found: _TextMeta) -> tuple[str | None, str]:
    """The manifest's date wins; a partial one is refined by a text date it agrees with."""
    issued, source = meta.issued, meta.issued_source
    if not issued:
        return (found.issued, "text") if found.issued else (None, "")
    if len(issued) < 10:
        candidate = found.issued
        if candidate is None and found.month_day:
            candidate = _iso(issued[:4], found.month_day[:2], found.month_day[3:])
        if candidate and candidate.startswith(issued):
            return candidate, "text"
    return issued, source or "manifest"


def _title(lines: list[_Line]) -> str:
    if not lines:
        return ""
    first = lines[0].text
    if len(first) <= _TITLE_MAX:
        return first
    spans = _spans(first)
    return first[spans[0][0]:spans[0][1]][:_TITLE_MAX] if spans else first[:_TITLE_MAX]


# ------------------------------------------------------------------- API

def normalize(raw: RawArticle) -> Document:
    """A decoded article → its normalized text, sentences, set-aside lines and completed metadata."""
    lines, aside, every = _lines(raw.text)
    paragraphs: list[str] = []
    seen: set[str] = set()
    for parts in _group(lines):
        para = _join_lines(parts)
        key = _SPACES.sub("", para)
        if len(key) >= _MIN_REPEAT and key in seen:
            aside.append(para)
            continue
        seen.add(key)
        paragraphs.append(para)
    text = "\n".join(paragraphs)

    found = _text_meta(every)
    issued, source = _issued(raw.meta, found)
    meta = replace(
        raw.meta,
        title=raw.meta.title or _title(lines),
        publisher=raw.meta.publisher or found.publisher,
        issued=issued,
        issued_source=source if issued else "",
    )
    return Document(meta=meta, text=text, sentences=split_sentences(text),
                    set_aside=tuple(aside), sha256=raw.sha256)
