"""Read input files: bytes → text safely, plus the metadata of ``manifest.csv``.

Nothing here raises on a bad input file: each file (or manifest line) that
cannot be used becomes a :class:`~kg.models.ReadProblem` and the rest are
returned. Problems whose message starts with ``"note:"`` describe a file that
*was* returned (an HTML page whose tags were stripped, a text the manifest
does not list); all others name something that was left out.

Decoding follows design/PITFALLS.md: a byte-order mark first (UTF-8, UTF-16,
UTF-32), then a NUL byte means binary, then strict UTF-8, then strict
GB18030; never ``surrogateescape``.
"""
from __future__ import annotations

__all__ = ["read_manifest", "decode", "read_corpus", "html_to_text", "looks_like_html", "is_note",
           "ReadMemo", "MAX_BYTES", "MANIFEST"]

import codecs
import csv
import hashlib
import io
import os
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InputError
from .models import ArticleMeta, RawArticle, ReadProblem

MAX_BYTES = 20 * 1024 * 1024     # a news article is a few KB; spaCy refuses > 1M characters
MANIFEST = "manifest.csv"
NOTE = "note: "

_COLUMNS = ("file", "title", "publisher", "issued", "url")
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_WINDOW = 8192
_ISSUED = re.compile(
    r"(?P<y>\d{4})(?:(?:年|[-/.])(?P<m>\d{1,2})(?:(?:月|[-/.])(?P<d>\d{1,2})日?|月)?)?年?"
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_BAD_URL_CHARS = re.compile(r"[\s<>\"{}|\\^`]")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(?:p|div|br|span|a|li|td|table|section|article|h[1-6])\b[^>]*>", re.IGNORECASE)


class _Unreadable(Exception):
    """Why a file cannot be used (the message names no file)."""


# --------------------------------------------------------------- decoding

def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise _Unreadable(f"not valid {encoding.removesuffix('-sig').upper()} "
                                  f"despite its byte-order mark (byte {exc.start + len(bom)})") from None
            break
    else:
        nul = data.find(b"\x00")
        if nul != -1:
            if nul < _BINARY_WINDOW:
                raise _Unreadable(f"binary file or corrupt text (NUL byte at offset {nul})")
            raise _Unreadable(f"corrupt text (NUL byte at offset {nul})")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
                text, encoding = _big5_instead(data, text, encoding)
            except UnicodeDecodeError as exc:
                raise _Unreadable(f"neither UTF-8 nor GB18030 text (undecodable byte at offset {exc.start})") from None
    if "\x00" in text:
        raise _Unreadable(f"binary or corrupt text (NUL character after decoding as {encoding})")
    if not any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf") for ch in text):
        raise _Unreadable("empty file (nothing but whitespace)" if text else "empty file")
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise _Unreadable(f"binary or corrupt text ({controls} control characters)")
    return text, encoding


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")   # category Cc but \t \n \x0b \x0c \r


def _common_share(text: str, encoding: str, lo: int, hi: int) -> float:
    """Share of the Han characters that are common ones in ``encoding`` (lead byte in lo..hi)."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            b = ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        common += len(b) == 2 and lo <= b[0] <= hi
    return common / len(han)


def _big5_instead(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Big5 bytes also decode as GB18030, into rare characters and kana. Prefer
    Big5 when its reading is made of common (traditional) characters and the
    GB18030 one is not (GB2312 level 1: lead byte B0–D7; Big5 常用字: A4–C6)."""
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        return text, encoding
    if _common_share(big5, "big5", 0xA4, 0xC6) > _common_share(text, "gb2312", 0xB0, 0xD7) + 0.2:
        return big5, "big5"
    return text, encoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes of one file → (text, encoding name); a byte-order mark is removed.

    Raises :class:`~kg.errors.InputError` with a one-line message naming ``path``
    for binary, undecodable or empty input.
    """
    try:
        return _decode(data)
    except _Unreadable as exc:
        raise InputError(f"{path}: {exc}") from None


# ------------------------------------------------------------------- HTML

class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article",
                         "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "pre", "dd", "dt", "hr", "title", "figcaption", "main", "aside", "nav"})
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "body":
            self.skip = 0                      # a head left unclosed ends here
        elif tag in self._SKIP:
            self.skip += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def looks_like_html(text: str) -> bool:
    """A saved web page rather than plain text: it opens with a document tag, or is full of block tags."""
    head = text[:4000]
    return bool(_HTML_START.match(head)) or (len(_HTML_TAGS.findall(head)) >= 5 and "</" in head)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: block elements become lines; scripts, styles and the head go."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    body = [line for line in lines if line]
    if title and (not body or body[0] != title):
        body.insert(0, title)
    return "\n\n".join(body)


# --------------------------------------------------------------- manifest

def _parse_issued(value: str) -> str:
    """"2023", "2023-12", "2023-12-22" (also 2023/12/22, 2023年12月22日, a trailing time) → ISO."""
    m = _ISSUED.fullmatch(value.strip())
    if not m:
        raise ValueError(value)
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    checked = date(int(y), int(mo or 1), int(d or 1))       # raises ValueError on 2023-13-40
    if d:
        return checked.isoformat()
    return f"{checked.year:04d}-{checked.month:02d}" if mo else f"{checked.year:04d}"


def _url_ok(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _BAD_URL_CHARS.search(url)


@dataclass(frozen=True)
class _Entry:
    meta: ArticleMeta
    manifest: Path
    line: int


def _read_manifest(path: Path) -> tuple[dict[str, _Entry], list[ReadProblem]]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {}, [ReadProblem(where, f"cannot read the manifest: {exc.strerror or exc}")]
    try:
        text, _ = _decode(data)
    except _Unreadable as exc:
        return {}, [ReadProblem(where, f"manifest: {exc}")]
    problems: list[ReadProblem] = []
    entries: dict[str, _Entry] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    columns: dict[str, int] = {}
    last = 0
    try:
        for row in reader:
            line, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                columns = {name: header.index(name) for name in _COLUMNS if name in header}
                if "file" not in columns:
                    return {}, [ReadProblem(where, "no 'file' column in the header; manifest ignored", line)]
                missing = [name for name in _COLUMNS if name not in columns]
                if missing:
                    problems.append(ReadProblem(where, f"header lacks column(s) {', '.join(missing)}; "
                                                       "those fields are left empty", line))
                continue
            _manifest_row(row, line, header, columns, path, entries, problems)
    except csv.Error as exc:
        problems.append(ReadProblem(where, f"malformed CSV ({exc}); the rest of the manifest is ignored", last + 1))
    if header is None:
        problems.append(ReadProblem(where, "manifest is empty"))
    return entries, problems


def _manifest_row(row: list[str], line: int, header: list[str], columns: dict[str, int], path: Path,
                  entries: dict[str, _Entry], problems: list[ReadProblem]) -> None:
    where = str(path)
    if len(row) != len(header):
        problems.append(ReadProblem(where, f"{len(row)} fields where the header has {len(header)}; "
                                           "read what is there", line))

    def cell(name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    name = cell("file").replace("\\", "/").rsplit("/", 1)[-1]
    if not name:
        problems.append(ReadProblem(where, "no file name; row ignored", line))
        return
    if name in entries:
        problems.append(ReadProblem(where, f"{name} is listed again (first on line {entries[name].line}); "
                                           "this row is ignored", line))
        return
    issued = None
    if raw_issued := cell("issued"):
        try:
            issued = _parse_issued(raw_issued)
        except ValueError:
            problems.append(ReadProblem(where, f"{name}: issued {raw_issued!r} is not a date "
                                               "(YYYY, YYYY-MM or YYYY-MM-DD); left empty", line))
    url = cell("url")
    if url and not _url_ok(url):
        problems.append(ReadProblem(where, f"{name}: url {url!r} is not an http(s) address; left empty", line))
        url = ""
    meta = ArticleMeta(doc_id=name, title=cell("title"), publisher=cell("publisher"), issued=issued,
                       url=url, issued_source="manifest" if issued else "")
    entries[name] = _Entry(meta, path, line)


def read_manifest(path: Path) -> tuple[dict[str, ArticleMeta], list[ReadProblem]]:
    """``manifest.csv`` (columns file,title,publisher,issued,url) → metadata by file name.

    Bad dates, bad URLs, missing columns and malformed rows are reported with
    their line number; the row is still used where possible.
    """
    entries, problems = _read_manifest(Path(path))
    return {name: entry.meta for name, entry in entries.items()}, problems


# ----------------------------------------------------------------- corpus

def is_note(problem: ReadProblem) -> bool:
    """A remark about a file that was read all the same (not a failure)."""
    return problem.message.startswith(NOTE)


def _collect(source: Path | str | os.PathLike | Sequence[Path | str | os.PathLike],
             problems: list[ReadProblem]) -> tuple[list[Path], list[Path], set[Path]]:
    """The files to read, the folders they were found in (for their manifests),
    and which of those folders were given whole."""
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[Path] = []
    folders: list[Path] = []
    whole: set[Path] = set()
    for item in items:
        path = Path(item)
        if path.is_dir():
            whole.add(path)
            if path not in folders:
                folders.append(path)
            try:
                children = sorted(path.iterdir(), key=lambda p: p.name)
            except OSError as exc:
                problems.append(ReadProblem(str(path), f"cannot list the folder: {exc.strerror or exc}"))
                continue
            files.extend(p for p in children
                         if p.suffix.lower() == ".txt" and not p.name.startswith(".") and p.is_file())
        elif path.exists():
            if path.name.lower() != MANIFEST:          # `kg build texts/*` lists the manifest too
                files.append(path)
            if path.parent not in folders:
                folders.append(path.parent)
        else:
            problems.append(ReadProblem(str(path), "no such file or folder"))
    return files, folders, whole


def _remembered(memo: ReadMemo | None, path: Path) -> _Seen | None:
    """What the memo saw of a file that has its present size and mtime."""
    if memo is None:
        return None
    seen = memo.seen.get(str(path.absolute()))
    if seen is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return seen if (st.st_size, st.st_mtime_ns) == seen[:2] else None


def _seen(st: os.stat_result, digest: str, encoding: str, notes: list[str]) -> _Seen | None:
    """A memo entry for a file read with the stat ``st`` taken before; none for a racily new file."""
    if time.time_ns() - st.st_mtime_ns < _RACY_NS:
        return None
    return st.st_size, st.st_mtime_ns, digest, encoding, tuple(notes)


def _read_one(path: Path) -> tuple[bytes, str, str, list[str], os.stat_result]:
    """(bytes, text, encoding, notes, the stat taken before reading) of one file; raises _Unreadable."""
    try:
        st = path.stat()
        size = st.st_size
        if size > MAX_BYTES:
            raise _Unreadable(f"too large for a news article ({size:,} bytes; limit {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror or exc}") from None
    text, encoding = _decode(data)
    notes = []
    if looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise _Unreadable("an HTML page without any text")
        notes.append("an HTML page saved as text: its tags were stripped")
    if encoding == "big5":
        notes.append("decoded as Big5 (traditional Chinese), not GB18030")
    return data, text, encoding, notes, st


_Seen = tuple[int, int, str, str, tuple[str, ...]]     # size, mtime_ns, sha256, encoding, notes
_RACY_NS = 2_000_000_000        # a file changed this recently may change again within its mtime's tick


@dataclass
class ReadMemo:
    """What reading each file gave, by path, for a rebuild to skip the files
    whose size and mtime are unchanged: their content hash, encoding and
    notes. :func:`read_corpus` returns such a file with an empty text and its
    doc_id in ``unread``; :meth:`full` reads it when its text is needed (its
    content hash, the cache key, then checked). A file is remembered only
    when its mtime is a few seconds old, so a file edited again within its
    mtime's granularity is never mistaken for the one remembered."""

    version: str
    seen: dict[str, _Seen] = field(default_factory=dict)
    unread: dict[str, Path] = field(default_factory=dict)      # doc_id -> path, of the files not read

    @classmethod
    def load(cls, path: Path, version: str) -> ReadMemo:
        """The memo kept at ``path`` for ``version`` (of the reading code); an unreadable or foreign one is empty."""
        from .fileio import load_versioned

        seen = load_versioned(path, version)
        return cls(version, seen) if isinstance(seen, dict) else cls(version)

    def save(self, path: Path) -> None:
        from .fileio import save_versioned

        save_versioned(path, self.version, self.seen)

    def full(self, raw: RawArticle) -> RawArticle:
        """``raw`` with its text: read now if :func:`read_corpus` skipped it.
        Raises :class:`~kg.errors.InputError` when the file changed since (read it again from the start)."""
        path = self.unread.pop(raw.meta.doc_id, None)
        if path is None:
            return raw
        try:
            data, text, encoding, _, _ = _read_one(path)
        except _Unreadable as exc:
            raise InputError(f"{path}: {exc}") from None
        if hashlib.sha256(data).hexdigest() != raw.sha256 or encoding != raw.encoding:
            raise InputError(f"{path} changed during the build; build again")
        return replace(raw, text=text)


def read_corpus(source: Path | Sequence[Path], manifest: Path | None = None, *, memo: ReadMemo | None = None
                ) -> tuple[list[RawArticle], list[ReadProblem]]:
    """Read a folder (every ``*.txt`` in it, by name) or a list of files, with their metadata.

    Metadata comes from ``manifest`` when given, else from ``manifest.csv``
    in the folder (or in the folders of the listed files). Files that cannot
    be read, second copies of the same bytes, files listed in the manifest but
    absent, and texts the manifest does not list are reported as problems
    (the last as a ``note:``, with the file still returned). With ``memo``,
    a file seen before with the same size and mtime is not read (see :class:`ReadMemo`).
    """
    problems: list[ReadProblem] = []
    files, folders, whole = _collect(source, problems)

    manifests = [Path(manifest)] if manifest is not None else [
        f / MANIFEST for f in folders if (f / MANIFEST).is_file()]
    entries: dict[str, _Entry] = {}
    for path in manifests:
        found, trouble = _read_manifest(path)
        problems.extend(trouble)
        for name, entry in found.items():
            entries.setdefault(name, entry)

    articles: list[RawArticle] = []
    seen: dict[str, _Seen] = {}                 # the memo's entries of this corpus
    by_name: dict[str, Path] = {}
    by_hash: dict[str, Path] = {}
    for path in files:
        where = str(path)
        if path.name in by_name:
            problems.append(ReadProblem(where, f"same file name as {by_name[path.name]}; skipped"))
            continue
        known = _remembered(memo, path)
        if known is not None:
            text, digest, encoding, notes = "", known[2], known[3], list(known[4])
            seen[str(path.absolute())] = known
        else:
            try:
                data, text, encoding, notes, st = _read_one(path)
            except _Unreadable as exc:
                problems.append(ReadProblem(where, str(exc)))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if memo is not None and (entry := _seen(st, digest, encoding, notes)) is not None:
                seen[str(path.absolute())] = entry
        if digest in by_hash:
            problems.append(ReadProblem(where, f"same content as {by_hash[digest]}; skipped as a duplicate"))
            continue
        by_name[path.name] = path
        by_hash[digest] = path
        problems.extend(ReadProblem(where, NOTE + note) for note in notes)
        entry = entries.get(path.name)
        if entry is None and manifests:
            problems.append(ReadProblem(where, NOTE + "not listed in the manifest: "
                                                      "no title, publisher or date from it"))
        meta = entry.meta if entry else ArticleMeta(doc_id=path.name)
        articles.append(RawArticle(meta=meta, text=text, sha256=digest, encoding=encoding))
        if known is not None:
            memo.unread[meta.doc_id] = path         # type: ignore[union-attr]

    if memo is not None:
        memo.seen = seen
    listed = {p.name for p in files}
    for name, entry in entries.items():
        if name in listed:
            continue
        beside = entry.manifest.parent / name
        if not beside.exists():
            problems.append(ReadProblem(str(entry.manifest), f"lists {name}, which is not there", entry.line))
        elif entry.manifest.parent in whole:
            problems.append(ReadProblem(str(entry.manifest), f"lists {name}, which is not a .txt file; "
                                                             "not read", entry.line))
    return articles, problems
