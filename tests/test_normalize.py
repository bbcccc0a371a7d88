"""kg.normalize: the normalized text, its sentences, set-aside lines and metadata.

The passages here are written for these tests in the genre of the corpus; the
seed and dev articles are used as they are. The scorer's evidence check (each
sentence, NFKC-folded and without whitespace, is found in the NFKC-folded,
whitespace-free original file) is tested on all nine real articles and on
arbitrary text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import ArticleMeta, Document, RawArticle
from kg.normalize import clean_line, fold_width, normalize, split_sentences
from kg.read import read_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "data" / "dev" / "texts"
GOLD = [ROOT / "tests" / "data" / "gold" / "seeds", ROOT / "tests" / "data" / "dev" / "gold"]


def squash(text: str) -> str:
    """What the scorer compares: NFKC, then every whitespace character removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def doc_of(text: str, **meta: object) -> Document:
    return normalize(RawArticle(ArticleMeta(doc_id="t.txt", **meta), text, "0" * 64))


def paragraphs(doc: Document) -> list[str]:
    return doc.text.split("\n")


def wrap(paragraph: str, width: int, blank_every: int = 0) -> list[str]:
    """Hard-wrap a paragraph every ``width`` characters, as print layouts do (mid-word)."""
    lines = [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
    if blank_every:
        lines = [x for i, line in enumerate(lines) for x in ([line, ""] if (i + 1) % blank_every == 0 else [line])]
    return lines


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Path, Document]]:
    """The nine real articles, read with their manifests and normalized."""
    out = []
    for folder in (SEEDS, DEV):
        raws, problems = read_corpus(folder)
        assert problems == []
        out.extend((folder / raw.meta.doc_id, normalize(raw)) for raw in raws)
    assert len(out) == 9
    return out


def by_name(corpus: list[tuple[Path, Document]], prefix: str) -> tuple[Path, Document]:
    return next((p, d) for p, d in corpus if p.name.startswith(prefix))


# ------------------------------------------------------------ characters

def test_fold_width_folds_ascii_forms_and_keeps_chinese_punctuation() -> None:
    text = "２０２３年前三季度，ＧＤＰ同比增长５．２％：（初步核算）！？；"
    assert fold_width(text) == "2023年前三季度，GDP同比增长5.2%：（初步核算）！？；"
    kept = "“十四五”规划《纲要》、①②……——·。"
    assert fold_width(kept) == kept
    assert fold_width("\u3000\u3000开头\xa0空格") == "  开头 空格"


def test_spaces_dropped_between_scripts_and_kept_between_names() -> None:
    assert clean_line("\u3000\u30002022 年 1 至 11 月，产量增长 3.8%。  ")[0] == "2022年1至11月，产量增长3.8%。"
    assert clean_line("本报记者 王晓明 刘芳")[0] == "本报记者 王晓明 刘芳"
    assert clean_line("部署 10G PON 端口")[0] == "部署10G PON端口"
    assert clean_line("《 经济参考报 》")[0] == "《经济参考报》"


def test_line_ends_markdown_marks_and_blank_runs() -> None:
    text = ("## 一季度经济运行开局良好\r\n\r\n\r\n"
            "- 稳增长政策持续发力\r- 消费需求稳步恢复\r\n"
            "\u2028\u3000\u3000   \n"
            "### 服务业较快增长\n\n"
            "一季度，服务业增加值同比增长5.4%。   \n\n\n\n")
    doc = doc_of(text)
    assert paragraphs(doc) == ["一季度经济运行开局良好", "稳增长政策持续发力", "消费需求稳步恢复",
                               "服务业较快增长", "一季度，服务业增加值同比增长5.4%。"]
    assert "\r" not in doc.text and "#" not in doc.text


# -------------------------------------------------------------- joining

INTERVIEW = [
    "稳住外贸基本盘 培育竞争新优势",
    "——访省商务厅厅长李明远",
    "本报记者 陈晓东",
    "今年以来，面对复杂严峻的外部环境，全省外贸进出口保持平稳增长。前三季度，全省货物贸易进出口总值达1.28万亿元，"
    "同比增长6.5%，高于全国平均水平2.1个百分点，其中出口增长8.3%，民营企业进出口占比提高到七成以上。",
    "稳存量、拓增量，推动外贸质升量稳",
    "记者：当前外贸企业面临哪些困难？下一步有哪些具体举措？",
    "李明远：我们将聚焦重点企业、重点市场和重点产品，实施外贸主体培育行动，力争到2025年全省有进出口实绩的企业超过"
    "3.5万家。同时，加快跨境电商综合试验区建设，支持企业建设海外仓，积极拓展东盟、中东、拉美等新兴市场。",
    "记者：如何进一步提升贸易便利化水平？",
    "李明远：我们将持续深化通关便利化改革，推动口岸收费目录清单公开透明，进一步压缩进出口环节合规成本，为企业减负增效。",
]


@pytest.mark.parametrize("width, blank_every", [(22, 0), (22, 1), (24, 2), (30, 3)])
def test_hard_wrapped_text_is_joined_back_into_its_paragraphs(width: int, blank_every: int) -> None:
    lines: list[str] = []
    for para in INTERVIEW:
        lines += (wrap(para, width, blank_every) if len(para) > width else [para]) + [""]
    doc = doc_of("\n".join(lines))
    assert paragraphs(doc) == INTERVIEW


def test_wrapped_headings_of_full_width_stay_separate() -> None:
    body = ("二是加快培育新兴产业，实施先进制造业集群发展专项行动，研究制定未来产业发展行动计划，"
            "加快谋划布局人形机器人、量子科技等未来产业。")
    headings = ["坚定信心稳住工业经济增长基本盘", "锻长板补短板，全面提升产业链供应链韧性"]
    question = "问：下一步在推动数字经济发展方面有哪些具体考虑？"
    text = "\n".join(["推进新型工业化的路径", ""] + wrap(body, 20, 2) + [""] + [h for h in headings for h in (h, "")]
                     + [question])
    assert paragraphs(doc_of(text)) == ["推进新型工业化的路径", body, *headings, question]


def test_paragraph_broken_by_a_blank_line_is_joined_and_headings_are_not() -> None:
    first = ("会议指出，今年以来，全省工业经济顶住压力稳步恢复，规模以上工业增加值同比增长6.1%，"
             "制造业投资增长9.2%，重点产业链韧性不断增强，工业经济呈现稳中")
    rest = "向好态势。全年预计完成工业投资3200亿元。"
    text = "\n".join([
        "全省工业经济运行分析会召开", "",
        "稳住工业经济大盘", "",           # a heading: short, no final punctuation
        first, "", rest, "",
        "会议要求，要聚焦重点行业，", "", "推动政策直达快享。",       # a line ending in ，goes on
        "据统计，前三季度新能源汽车产量同比增长超过30%", "，占全国比重进一步提升。",   # the next starts with ，
        "二、加快培育新兴产业",
    ])
    assert paragraphs(doc_of(text)) == [
        "全省工业经济运行分析会召开", "稳住工业经济大盘", first + rest,
        "会议要求，要聚焦重点行业，推动政策直达快享。",
        "据统计，前三季度新能源汽车产量同比增长超过30%，占全国比重进一步提升。",
        "二、加快培育新兴产业",
    ]


def test_indents_mark_paragraph_starts_in_wrapped_text() -> None:
    heading = "稳存量、拓增量，推动外贸质升量稳步提升"          # as wide as a wrapped line
    lines = []
    for para in (INTERVIEW[3], heading, INTERVIEW[6], INTERVIEW[8]):
        lines += [heading] if para == heading else wrap("\u3000\u3000" + para, 22)
    assert paragraphs(doc_of("\n".join([INTERVIEW[0], *lines]))) == [
        INTERVIEW[0], INTERVIEW[3], heading, INTERVIEW[6], INTERVIEW[8]]


def test_a_wrapped_text_without_a_title_is_joined_from_its_first_line() -> None:
    paras = ["国家统计局18日发布数据显示。前三季度，全国规模以上工业增加值同比增长5.8%，"
             "其中装备制造业增加值增长7.2%，高技术制造业增加值增长9.1%，增速均快于全部规上工业。",
             "分经济类型看，国有控股企业增加值同比增长5.0%；股份制企业增长6.2%，外商及港澳台投资企业增长"
             "3.1%；私营企业增长5.6%。分门类看，采矿业增长2.9%，制造业增长6.1%。"]
    assert paragraphs(doc_of("\n".join(wrap(paras[0], 24) + wrap(paras[1], 24)))) == paras


def test_interview_turns_subtitles_and_bylines_stay_separate() -> None:
    text = "\n".join([
        "以改革创新激发中小企业发展活力",
        "——访国家中小企业发展促进中心负责人",
        "本报记者 赵一鸣 孙悦",
        "问：当前中小企业发展呈现哪些新特点，下一步工作的着力点在哪里",
        "答：总体看，中小企业发展韧性持续显现，专精特新企业成为稳增长的重要力量。",
        "新华社记者 周晨摄",
    ])
    assert len(paragraphs(doc_of(text))) == 6


def test_a_paragraph_repeated_verbatim_is_dropped_and_recorded() -> None:
    repeated = "赵刚表示，全省已建成5G基站12.6万个，实现乡镇以上区域连续覆盖，行政村通5G比例达到95%。"
    other = "下一步，将加快千兆光网建设，推进算力基础设施布局。"
    doc = doc_of("\n\n".join(["通信业运行情况", repeated, other, repeated, "  " + repeated + " ", other]))
    assert paragraphs(doc) == ["通信业运行情况", repeated, other]
    assert doc.set_aside == (repeated, repeated, other)


def test_masthead_lines_are_set_aside_and_their_date_kept() -> None:
    text = "\n\n".join([
        "主管主办：新华通讯社", "经济参考报社出版", "国内统一连续出版物号：CN 11-0134", "邮发代号：1-119",
        "www.jjckb.cn", "经济参考报", "ECONOMIC INFORMATION DAILY", "2024年3月15日 星期五",
        "农历甲辰年二月初六", "今日16版", "第10245期",
        "## 民营经济发展环境持续优化",
        "本报记者 郭倩",
        "国家发展改革委14日召开新闻发布会，介绍促进民营经济发展壮大有关情况。",
        "（下转2版）",
    ])
    doc = doc_of(text)
    assert paragraphs(doc) == ["民营经济发展环境持续优化", "本报记者 郭倩",
                               "国家发展改革委14日召开新闻发布会，介绍促进民营经济发展壮大有关情况。"]
    assert "邮发代号：1-119" in doc.set_aside and "经济参考报" in doc.set_aside
    assert len(doc.set_aside) == 12
    assert (doc.meta.issued, doc.meta.issued_source) == ("2024-03-15", "text")
    assert doc.meta.title == "民营经济发展环境持续优化"
    assert doc.meta.publisher == "经济参考报社"


# ------------------------------------------------------------ sentences

def test_sentences_split_at_final_punctuation_with_closing_quotes() -> None:
    text = ("他说：“今年将新开工项目120个。”全年投资增长多少？预计增长8%左右！\n"
            "前三季度GDP增长5.2%. 消费贡献率为83.2%.下一步重点稳投资 \n"
            "详见 http://www.stats.gov.cn/tjsj?id=1 页面")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "他说：“今年将新开工项目120个。”", "全年投资增长多少？", "预计增长8%左右！",
        "前三季度GDP增长5.2%.", "消费贡献率为83.2%.", "下一步重点稳投资",
        "详见 http://www.stats.gov.cn/tjsj?id=1 页面",
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_a_very_long_sentence_is_split_at_semicolons_only() -> None:
    clauses = ["具体包括持续优化发展环境，健全中小企业法规政策体系，开展中小企业发展环境评估和综合督查；",
               "加大纾困帮扶力度，协调推动阶段性惠企政策接续与完善，出台助力中小微企业稳增长的若干措施；",
               "促进专精特新发展，力争到2025年底，全省专精特新中小企业超过5000家；",
               "加强国际交流合作，建设一批中外中小企业合作区，帮助企业“走出去”。"]
    long = "".join(clauses)
    assert len(long) > 150
    assert [s.text for s in split_sentences(long)] == clauses
    short = "一是稳投资；二是促消费；三是稳外贸。"
    assert [s.text for s in split_sentences(short)] == [short]


# ------------------------------------------------------------- metadata

def test_dateline_completes_a_year_only_manifest_date() -> None:
    text = "新华社北京3月5日电（记者刘开雄）国家统计局5日发布数据显示，1—2月份，全国规模以上工业增加值同比增长7.0%。"
    doc = doc_of(text, issued="2024", issued_source="manifest")
    assert (doc.meta.issued, doc.meta.issued_source) == ("2024-03-05", "text")
    assert doc.meta.publisher == "新华社"
    assert doc_of(text).meta.issued is None                     # no year anywhere: left unknown
    other_month = doc_of(text, issued="2024-04", issued_source="manifest")
    assert other_month.meta.issued == "2024-04"                  # a text date that disagrees is ignored


def test_the_manifest_date_wins_over_the_text() -> None:
    text = "发布时间：2024-11-23 13:26:06 来源：人民网\n\n加快推进新型工业化\n\n正文。"
    doc = doc_of(text, issued="2024-10-08", issued_source="manifest", publisher="人民日报")
    assert (doc.meta.issued, doc.meta.issued_source, doc.meta.publisher) == ("2024-10-08", "manifest", "人民日报")
    alone = doc_of(text)
    assert (alone.meta.issued, alone.meta.publisher, alone.meta.title) == ("2024-11-23", "人民网", "加快推进新型工业化")
    assert paragraphs(alone) == ["加快推进新型工业化", "正文。"]


@pytest.mark.parametrize("line, issued, publisher", [
    ("《 人民日报 》( 2024年01月16日 03 版)", "2024-01-16", "人民日报"),
    ("（2023-01-02）", "2023-01-02", ""),
    ("2023-12-22 10:30:15 来源：新华网", "2023-12-22", "新华网"),
    ("2023年12月22日 10:30 来源：中国政府网 作者：王强", "2023-12-22", "中国政府网"),
    ("本报讯 记者张伟报道：12月21日，全省经济工作会议召开。", None, ""),
    ("今天（12月30日），国新办举行政策例行吹风会。", None, ""),
])
def test_dates_and_publishers_read_from_text(line: str, issued: str | None, publisher: str) -> None:
    doc = doc_of("标题\n\n" + line + "\n\n会议强调，要稳中求进。")
    assert (doc.meta.issued, doc.meta.publisher) == (issued, publisher)
    assert doc.text.endswith("会议强调，要稳中求进。")


def test_a_lede_date_refines_a_year_only_date() -> None:
    doc = doc_of("标题\n\n今天（12月30日），国新办举行政策例行吹风会。", issued="2021", issued_source="manifest")
    assert doc.meta.issued == "2021-12-30"


# ----------------------------------------------------------- real texts

def test_seed_004_hard_wraps_are_joined(corpus: list[tuple[Path, Document]]) -> None:
    path, doc = by_name(corpus, "004_")
    assert "工业和信息化部部长金壮龙" in doc.text
    original = squash(path.read_text(encoding="utf-8"))
    for word in ("工业互联网", "工业和信息化部", "专精特新中小企业", "稳步回升"):
        assert doc.text.count(word) == original.count(word), word
    # headings the width of a wrapped line stay paragraphs of their own
    for heading in ("有信心、有条件、有能力推动工业经济稳步回升", "夯实基础拓展应用，提速数字经济与实体经济融合"):
        assert heading in paragraphs(doc)
    assert "2022年1至11月，我国规模以上工业增加值同比增长3.8%，继续发挥工业稳定宏观经济大盘的“压舱石”作用。" \
        in [s.text for s in doc.sentences]


def test_seed_000_repeated_paragraph_kept_once(corpus: list[tuple[Path, Document]]) -> None:
    path, doc = by_name(corpus, "000_")
    repeated = "谢存表示，我国信息通信技术产业整体实力显著提升"
    assert path.read_text(encoding="utf-8").count(repeated) == 6
    assert doc.text.count(repeated) == 1
    assert sum(repeated in line for line in doc.set_aside) == 5


def test_seed_001_masthead_set_aside_and_date_read_from_it() -> None:
    path = SEEDS / "001_432c8b0ef76745e8.txt"
    raw = RawArticle(ArticleMeta(doc_id=path.name), path.read_text(encoding="utf-8"), "0" * 64)
    doc = normalize(raw)
    assert "邮发代号" not in doc.text and "CHINA ELECTRONICS NEWS" not in doc.text
    assert any("邮发代号" in line for line in doc.set_aside)
    assert (doc.meta.issued, doc.meta.issued_source) == ("2023-12-22", "text")
    assert doc.meta.title == "全国工业和信息化工作会议在京召开"
    assert "工业经济呈现回升向好态势" in doc.text and "全力促进工业经济平稳增长" in doc.text


def test_every_sentence_is_honest_and_found_in_the_original(corpus: list[tuple[Path, Document]]) -> None:
    for path, doc in corpus:
        original = squash(path.read_text(encoding="utf-8"))
        assert doc.sentences, path.name
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text and s.text == s.text.strip()
            assert squash(s.text) in original, (path.name, s.text)
        assert "\u3000" not in doc.text and "\r" not in doc.text and "\n\n" not in doc.text


def test_gold_evidence_falls_inside_one_sentence(corpus: list[tuple[Path, Document]]) -> None:
    """Sentences are the units an analyst cites: no annotated evidence straddles two."""
    docs = {path.name: doc for path, doc in corpus}
    checked = 0
    for folder in GOLD:
        for gold in folder.glob("*.json"):
            data = json.loads(gold.read_text(encoding="utf-8"))
            sentences = [squash(s.text) for s in docs[data["file"]].sentences]
            for fact in data.get("statistics", []) + data.get("targets", []):
                assert any(squash(fact["evidence"]) in s for s in sentences), fact["evidence"]
                checked += 1
    assert checked > 50


def test_manifest_metadata_survives_normalization(corpus: list[tuple[Path, Document]]) -> None:
    _, doc = by_name(corpus, "002_")
    assert (doc.meta.issued, doc.meta.issued_source, doc.meta.publisher) == ("2023", "manifest", "人民日报")
    _, doc = by_name(corpus, "000_")
    assert doc.meta.issued is None                       # no date in the manifest nor the text


# ------------------------------------------------------------ properties

_PIECES = (list("工业和信息化部金壮龙新华社记者会议指出增长发展我国年月日一二三是")
           + list("0123456789abcXYZ%.-:,!?()#*")
           + list("０１２ＡＢｃ％．，。！？；：、“”‘’（）《》—…①")
           + [" ", "  ", "\u3000", "\t", "\xa0", "\n", "\n\n", "\r\n", "\r", "\u2028",
              "## ", "- ", "## ％", "- ”", "***", "邮发代号：1-29\n", "2023年12月22日\n", "新华社北京1月2日电",
              "问：", "——访", "星期五\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=200).map("".join))
def test_normalize_never_crashes_and_offsets_stay_honest(text: str) -> None:
    doc = doc_of(text)
    original = squash(text)
    last = -1
    for i, s in enumerate(doc.sentences):
        assert s.index == i and s.start > last and s.end > s.start
        assert doc.text[s.start:s.end] == s.text == s.text.strip()
        assert squash(s.text) in original
        last = s.end - 1
    for line in (doc.text.split("\n") if doc.text else []):
        assert line and line == line.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_split_sentences_on_any_text(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text


_WIDE = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",))) | st.text(
    st.sampled_from("ＡＢｚ０９（），：；？！\u3000\u00a0\u2003\t\x1f｡｢､ 中文。x5"))


@settings(max_examples=300, deadline=None)
@given(_WIDE)
def test_fold_width_is_the_table_applied_to_every_character(text: str) -> None:
    """fold_width skips texts with nothing to fold; what it gives is the table's translation."""
    from kg.normalize import _width_table

    assert fold_width(text) == text.translate(_width_table())


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)), max_size=8))
def test_the_letter_or_digit_pattern_is_isalnum(text: str) -> None:
    from kg.normalize import _ALNUM

    assert bool(_ALNUM.search(text)) == any(ch.isalnum() for ch in text)
