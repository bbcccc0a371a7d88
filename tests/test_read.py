"""kg.read: decoding, the manifest, and reading a folder full of bad input.

Small text inputs are committed under tests/data/bad_input; files in other
encodings and binary ones are written by the fixture.
"""
from __future__ import annotations

import codecs
import hashlib
import shutil
from pathlib import Path

import pytest

import kg.read
from kg.errors import InputError
from kg.models import ReadProblem
from kg.normalize import normalize
from kg.read import decode, html_to_text, is_note, read_corpus, read_manifest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "data" / "dev" / "texts"
BAD = ROOT / "tests" / "data" / "bad_input"

PASSAGE = "省经济和信息化厅召开全省中小企业工作推进会。会议指出，今年以来全省新增专精特新中小企业1200家，累计达到5600家。"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256))


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    """One good UTF-8 article, files in other encodings, and every kind of bad file."""
    for name in ("good.txt", "page.txt", "manifest.csv"):
        shutil.copy(BAD / name, tmp_path / name)
    (tmp_path / "gbk.txt").write_bytes(("全省中小企业工作推进会召开\n\n" + PASSAGE).encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + "商务部：1—9月全国实际使用外资金额同比下降。".encode())
    (tmp_path / "utf16.txt").write_bytes("工信部印发通知，提出到2025年5G轻量化技术应用场景持续拓展。".encode("utf-16"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(" \n\u3000\u3000\r\n\t\n".encode())
    (tmp_path / "binary.txt").write_bytes(PNG)
    (tmp_path / "nul.txt").write_bytes(PASSAGE.encode()[:30] + b"\x00\x00" + PASSAGE.encode()[30:])
    (tmp_path / "good_copy.txt").write_bytes((BAD / "good.txt").read_bytes())
    (tmp_path / "notes.md").write_text("不是 .txt 文件，不读。", encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------- decode

@pytest.mark.parametrize("data, encoding", [
    (PASSAGE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + PASSAGE.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + PASSAGE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + PASSAGE.encode("utf-16-be"), "utf-16-be"),
    (codecs.BOM_UTF32_LE + PASSAGE.encode("utf-32-le"), "utf-32-le"),
    (PASSAGE.encode("gb18030"), "gb18030"),
    (PASSAGE.encode("gbk"), "gb18030"),
])
def test_decode_known_encodings(data: bytes, encoding: str) -> None:
    assert decode(data, "a.txt") == (PASSAGE, encoding)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (" \r\n\u3000\t\n".encode(), "empty"),
    (codecs.BOM_UTF8, "empty"),
    (PNG, "binary"),
    (PASSAGE.encode()[:12] + b"\x00" + PASSAGE.encode()[12:], "NUL"),
    (PASSAGE.encode() * 400 + b"\x00tail", "NUL"),                     # after the first 8 KB
    (codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "UTF-16"),             # a lone surrogate
    (b"plain bytes \x81\x30\xff\xfe", "neither UTF-8 nor GB18030"),
    ("正文".encode() + bytes(range(1, 32)) * 4, "control characters"),
])
def test_decode_refuses_with_one_line_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "in/bad.txt")
    message = str(info.value)
    assert message.startswith("in/bad.txt: ") and reason in message and "\n" not in message


def test_decode_gb18030_four_byte_characters() -> None:
    text = "𠀾利集团与〇〇研究院签约"          # an Extension B ideograph: four bytes in GB18030, none in GBK
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert decode(data, "x.txt") == (text, "gb18030")


# ------------------------------------------------------------- manifest

def test_read_manifest_of_the_seeds() -> None:
    metas, problems = read_manifest(SEEDS / "manifest.csv")
    assert problems == []
    assert len(metas) == 5
    m = metas["001_432c8b0ef76745e8.txt"]
    assert (m.title, m.publisher, m.issued, m.url, m.issued_source) == (
        "全国工业和信息化工作会议在京召开", "中国电子报", "2023-12-22", "http://www.cena.com.cn", "manifest")
    assert (metas["002_f209398f82e8fb85.txt"].issued, metas["002_f209398f82e8fb85.txt"].year) == ("2023", 2023)
    assert metas["000_ec9d78f2341d131d.txt"].issued is None
    assert metas["000_ec9d78f2341d131d.txt"].issued_source == ""


def test_manifest_problems_carry_line_numbers_and_rows_stay_usable(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text(
        "\ufefffile,title,issued,url\n"                                     # no publisher column
        "a.txt,\"标题，含逗号\",2024-02-30,\n"                               # no 30 February
        "b.txt,第二篇,2024年3月,ftp://example.org/x\n"
        "\n"
        "c.txt,第三篇,2024/3/5\n"                                            # a field short
        "a.txt,又是第一篇,2024-01-01,\n"
        ",没有文件名,2024,\n"
        "d.txt,第四篇,明年,https://www.gov.cn/zhengce/\n",
        encoding="utf-8")
    metas, problems = read_manifest(path)
    assert set(metas) == {"a.txt", "b.txt", "c.txt", "d.txt"}
    assert (metas["a.txt"].title, metas["a.txt"].issued, metas["a.txt"].publisher) == ("标题，含逗号", None, "")
    assert (metas["b.txt"].issued, metas["b.txt"].url) == ("2024-03", "")
    assert metas["c.txt"].issued == "2024-03-05"
    assert (metas["d.txt"].issued, metas["d.txt"].url) == (None, "https://www.gov.cn/zhengce/")
    lines = sorted((p.line, p.message.split(" ")[0]) for p in problems)
    assert [line for line, _ in lines] == [1, 2, 3, 5, 6, 7, 8]
    assert all(p.path == str(path) for p in problems)
    assert "publisher" in next(p.message for p in problems if p.line == 1)
    assert "2024-02-30" in next(p.message for p in problems if p.line == 2)
    assert "line 2" in next(p.message for p in problems if p.line == 6)


def test_manifest_saved_as_gbk_with_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes("file,title,publisher,issued,url\r\na.txt,省工信厅召开推进会,河北日报,2024-05-06,\r\n".encode("gbk"))
    metas, problems = read_manifest(path)
    assert problems == [] and (metas["a.txt"].title, metas["a.txt"].publisher) == ("省工信厅召开推进会", "河北日报")


def test_manifest_without_a_file_column_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("name,title\na.txt,标题\n", encoding="utf-8")
    metas, problems = read_manifest(path)
    assert metas == {} and len(problems) == 1 and problems[0].line == 1


# --------------------------------------------------------------- corpus

def test_a_folder_of_bad_input(bad_folder: Path) -> None:
    articles, problems = read_corpus(bad_folder)
    got = {a.meta.doc_id: a for a in articles}
    assert list(got) == sorted(got) == ["bom.txt", "gbk.txt", "good.txt", "page.txt", "utf16.txt"]
    assert {name: a.encoding for name, a in got.items()} == {
        "bom.txt": "utf-8-sig", "gbk.txt": "gb18030", "good.txt": "utf-8", "page.txt": "utf-8",
        "utf16.txt": "utf-16-le"}
    assert got["gbk.txt"].text.endswith(PASSAGE)
    assert got["good.txt"].sha256 == hashlib.sha256((bad_folder / "good.txt").read_bytes()).hexdigest()
    assert got["bom.txt"].meta.issued == "2024-10-20" and got["utf16.txt"].meta.issued == "2024-10"
    assert got["gbk.txt"].meta.issued is None and got["gbk.txt"].meta.title == "全省中小企业工作推进会召开"

    by_file: dict[str, list[ReadProblem]] = {}
    for p in problems:
        by_file.setdefault(Path(p.path).name, []).append(p)
    # one problem per bad file, naming it
    for name, word in [("empty.txt", "empty"), ("blank.txt", "empty"), ("binary.txt", "binary"),
                       ("nul.txt", "NUL"), ("good_copy.txt", "good.txt")]:
        assert len(by_file[name]) == 1 and word in by_file[name][0].message, name
        assert by_file[name][0].path == str(bad_folder / name)
        assert not is_note(by_file[name][0])
    # the manifest: missing column, malformed date, a listed file that is not there
    manifest = sorted(by_file["manifest.csv"], key=lambda p: p.line or 0)
    assert len(manifest) == 3
    assert [(p.line, w in p.message) for p, w in zip(manifest, ["publisher", "2024-13-45", "absent.txt"])] == [
        (1, True), (3, True), (7, True)]
    assert str(manifest[2]).startswith(f"{bad_folder / 'manifest.csv'}:7: ")
    # the HTML page is read, with a note
    assert [is_note(p) for p in by_file["page.txt"]] == [True]
    assert set(by_file) == {"empty.txt", "blank.txt", "binary.txt", "nul.txt", "good_copy.txt",
                            "manifest.csv", "page.txt"}


def test_the_seed_folder_reads_cleanly() -> None:
    articles, problems = read_corpus(SEEDS)
    assert problems == []
    assert [a.meta.doc_id for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for a in articles:
        assert a.encoding == "utf-8" and a.meta.issued_source in ("manifest", "")
        assert a.text == (SEEDS / a.meta.doc_id).read_text(encoding="utf-8")
    assert articles[4].meta.publisher == "新华社"


def test_explicit_files_take_their_folders_manifest_or_an_explicit_one(tmp_path: Path) -> None:
    files = [SEEDS / "004_615e9d3f28c132db.txt", DEV / "d01_miit_ipv6.txt"]
    articles, problems = read_corpus(files)
    assert [a.meta.doc_id for a in articles] == ["004_615e9d3f28c132db.txt", "d01_miit_ipv6.txt"]
    assert articles[0].meta.issued == "2023-01-02" and articles[1].meta.publisher == "澎湃新闻"
    assert problems == []                       # manifest entries not selected are not "missing"

    override = tmp_path / "meta.csv"
    override.write_text("file,title,publisher,issued,url\nd01_miit_ipv6.txt,另一个标题,人民网,2021,\n", encoding="utf-8")
    articles, problems = read_corpus(files, manifest=override)
    assert (articles[1].meta.title, articles[1].meta.publisher, articles[1].meta.issued) == ("另一个标题", "人民网", "2021")
    assert articles[0].meta.title == ""
    assert [(Path(p.path).name, is_note(p)) for p in problems] == [("004_615e9d3f28c132db.txt", True)]


def test_a_shell_glob_that_includes_the_manifest_uses_it_as_the_manifest() -> None:
    articles, problems = read_corpus(sorted(SEEDS.glob("*")))
    assert problems == []
    assert len(articles) == 5 and articles[1].meta.publisher == "中国电子报"


def test_missing_sources_and_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.txt").write_text(PASSAGE * 10, encoding="utf-8")
    monkeypatch.setattr(kg.read, "MAX_BYTES", 100)
    articles, problems = read_corpus([tmp_path / "big.txt", tmp_path / "gone.txt", tmp_path / "gone"])
    assert articles == []
    assert {Path(p.path).name: p.message.split(" (")[0] for p in problems} == {
        "big.txt": "too large for a news article",
        "gone.txt": "no such file or folder", "gone": "no such file or folder"}


def test_same_name_in_two_folders_keeps_the_first(tmp_path: Path) -> None:
    for sub, text in (("a", PASSAGE), ("b", "另一篇文章。")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "good.txt").write_text(text, encoding="utf-8")
    articles, problems = read_corpus([tmp_path / "a" / "good.txt", tmp_path / "b" / "good.txt"])
    assert [a.text for a in articles] == [PASSAGE]
    assert [(p.path, "same file name" in p.message) for p in problems] == [(str(tmp_path / "b" / "good.txt"), True)]


def test_an_html_page_becomes_its_visible_text() -> None:
    text = html_to_text((BAD / "page.txt").read_text(encoding="utf-8"))
    assert text.splitlines()[0] == "工信部部署推进中小企业数字化转型"
    assert "“一企一策”" in text and "推动 100个城市" in text
    assert "<" not in text and "tracker" not in text and "font-size" not in text and "不是正文" not in text
    assert "责任编辑：李华" in text.splitlines()
    unclosed = html_to_text("<html><head><title>标题</title><meta charset=utf-8><body><p>正文第一段。</p>")
    assert unclosed.splitlines() == ["标题", "", "正文第一段。"]
    articles, _ = read_corpus([BAD / "page.txt"])
    doc = normalize(articles[0])
    assert doc.meta.issued == "2024-10-22"
    assert "会议提出，到2025年，推动100个城市开展中小企业数字化转型试点。" in [s.text for s in doc.sentences]


def test_the_control_character_count_is_category_cc_but_layout_ones():
    import unicodedata

    from kg.read import _CONTROLS

    expected = {chr(i) for i in range(0x110000)
                if unicodedata.category(chr(i)) == "Cc" and chr(i) not in "\t\n\r\x0b\x0c"}
    assert {chr(i) for i in range(0x110000) if _CONTROLS.fullmatch(chr(i))} == expected
