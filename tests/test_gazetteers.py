"""The gazetteer data files: shape, consistency, real facts, and fit to real text."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.resources import read_lines, read_text

__all__: list[str] = []

DATA = Path(__file__).parent / "data"
GOLD_FILES = sorted((DATA / "gold" / "seeds").glob("*.json")) + sorted((DATA / "dev" / "gold").glob("*.json"))

HEADER = ["id", "label", "aliases", "parent", "type"]
TYPES = {
    "party", "legislature", "consultative", "judiciary", "military", "state", "ministry", "commission",
    "administration", "department", "institution", "outlet", "fund", "association", "enterprise",
    "international",
}
# Bodies a department (司/局/厅) can sit inside.
DEPARTMENT_HOSTS = {"ministry", "commission", "administration", "state", "party"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Org:
    id: str
    label: str
    aliases: tuple[str, ...]
    parent: str
    type: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


def _org_lines() -> list[str]:
    return read_text("gazetteers", "organizations.tsv").splitlines()


def _orgs() -> list[Org]:
    out = []
    for line in _org_lines()[1:]:
        fields = line.split("\t")
        if len(fields) != len(HEADER):
            continue  # reported by test_organizations_header_and_columns
        ident, label, aliases, parent, kind = fields
        out.append(Org(ident, label, tuple(a for a in aliases.split("|") if a), parent, kind))
    return out


ORGS = _orgs()
BY_ID = {o.id: o for o in ORGS}


def _index() -> dict[str, set[str]]:
    """Every surface form → ids: names, and parent name + department name compositions."""
    index: dict[str, set[str]] = defaultdict(set)
    for org in ORGS:
        for name in org.names:
            index[name].add(org.id)
        if org.parent in BY_ID and org.type in {"department", "institution"}:
            for prefix in BY_ID[org.parent].names:
                for name in org.names:
                    index[prefix + name].add(org.id)
    return index


INDEX = _index()


def resolve(name: str, parent: str | None = None) -> Org:
    """The one body a name denotes (a bare department name needs its parent's id)."""
    ids = INDEX.get(name, set())
    if parent is not None:
        ids = {i for i in ids if BY_ID[i].parent == parent}
    assert len(ids) == 1, f"{name!r} resolves to {sorted(ids)}"
    return BY_ID[next(iter(ids))]


def ancestors(org: Org) -> list[str]:
    chain, seen = [], {org.id}
    while org.parent:
        assert org.parent not in seen, f"parent cycle at {org.id}"
        seen.add(org.parent)
        chain.append(org.parent)
        org = BY_ID[org.parent]
    return chain


def scan(text: str, names: set[str]) -> list[str]:
    """Greedy longest-first left-to-right matching: how a gazetteer matcher reads text."""
    longest = max(map(len, names))
    found, i = [], 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i:i + size] in names:
                found.append(text[i:i + size])
                i += size
                break
        else:
            i += 1
    return found


def _gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize("name", ["organizations.tsv", "places.txt", "titles.txt", "surnames.txt", "README.md"])
def test_every_file_loads_through_resources(name: str) -> None:
    assert read_text("gazetteers", name).strip()
    assert len(read_lines("gazetteers", name)) > 20


@pytest.mark.parametrize("name", ["places.txt", "titles.txt", "surnames.txt"])
def test_word_lists_have_one_unique_entry_per_line(name: str) -> None:
    entries = read_lines("gazetteers", name)
    assert not [e for e, n in Counter(entries).items() if n > 1]
    assert all(HAN.search(e) and not re.search(r"\s", e) for e in entries)


# ---------------------------------------------------------------- organizations.tsv


def test_organizations_header_and_columns() -> None:
    lines = _org_lines()
    assert lines[0].split("\t") == HEADER
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        assert len(fields) == 5, f"line {number}: {line!r}"
        assert all(f == f.strip() for f in fields), f"line {number}: stray whitespace"
        assert "#" not in line, f"line {number}: read_lines would cut at '#'"
        assert fields[0] and fields[1] and fields[4], f"line {number}: empty id, label or type"
    # read_lines (comment stripping) keeps every row intact
    assert len(read_lines("gazetteers", "organizations.tsv")) == len(lines)


def test_organization_ids_are_unique_ascii_slugs() -> None:
    ids = [o.id for o in ORGS]
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert all(SLUG.fullmatch(i) for i in ids), [i for i in ids if not SLUG.fullmatch(i)]


def test_types_are_known_and_documented() -> None:
    readme = read_text("gazetteers", "README.md")
    assert {o.type for o in ORGS} <= TYPES
    assert all(f"`{t}`" in readme for t in TYPES)


def test_parents_exist_and_form_no_cycle() -> None:
    for org in ORGS:
        assert org.parent != org.id
        if org.parent:
            assert org.parent in BY_ID, f"{org.id}: unknown parent {org.parent}"
        ancestors(org)


def test_every_department_sits_in_a_government_body() -> None:
    departments = [o for o in ORGS if o.type == "department"]
    assert len(departments) >= 100
    for dep in departments:
        assert dep.parent, dep.id
        assert BY_ID[dep.parent].type in DEPARTMENT_HOSTS, dep.id
        assert re.search(r"(司|局|厅|室|办公室|党委|部|中心)$", dep.label), dep.label


def test_names_are_clean() -> None:
    for org in ORGS:
        for name in org.names:
            assert not re.search(r"[《》“”\"'「」()（）、，,;；]", name), (org.id, name)
            assert name == name.strip() and "  " not in name
        assert HAN.search(org.label), org.id
        assert org.label not in org.aliases, org.id
        assert len(set(org.aliases)) == len(org.aliases), org.id


def test_aliases_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for org in ORGS:
        if org.type == "department":
            continue    # a department's short name is read with its parent, as its label is (运行局, 综合司)
        labels[org.label].add(org.id)
        for alias in org.aliases:
            owners[alias].add(org.id)
    assert not {a: ids for a, ids in owners.items() if len(ids) > 1}
    assert not {a: ids | labels[a] for a, ids in owners.items() if labels.get(a, ids) - ids}


def test_only_department_labels_repeat() -> None:
    by_label: dict[str, list[Org]] = defaultdict(list)
    for org in ORGS:
        by_label[org.label].append(org)
    for label, orgs in by_label.items():
        if len(orgs) > 1:
            assert all(o.type == "department" for o in orgs), label
            parents = [o.parent for o in orgs]
            assert len(set(parents)) == len(parents), f"{label} twice under one parent"
    # the shared bare names really are shared (办公厅 of several ministries)
    assert len(by_label["办公厅"]) >= 5


def test_composed_department_names_are_unique() -> None:
    """工业和信息化部办公厅 and 财政部办公厅 name one body each."""
    assert resolve("工业和信息化部办公厅").parent == "miit"
    assert resolve("工信部办公厅").id == resolve("工业和信息化部办公厅").id
    assert resolve("财政部办公厅").parent == "mof"
    for org in ORGS:
        if org.type == "department":
            for prefix in BY_ID[org.parent].names:
                assert INDEX[prefix + org.label] == {org.id}


# The 26 constituent departments of the State Council after the 2023 reform.
CONSTITUENT = [
    "外交部", "国防部", "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "国家民族事务委员会",
    "公安部", "国家安全部", "民政部", "司法部", "财政部", "人力资源和社会保障部", "自然资源部", "生态环境部",
    "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会",
    "退役军人事务部", "应急管理部", "中国人民银行", "审计署",
]


def test_all_26_constituent_departments_of_the_state_council() -> None:
    assert len(set(CONSTITUENT)) == 26
    for name in CONSTITUENT:
        org = resolve(name)
        assert org.parent == "state-council" and org.type in {"ministry", "commission"}, name
    ministries = {o.label for o in ORGS if o.type == "ministry"}
    assert ministries <= set(CONSTITUENT)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("国家数据局", "国家发展和改革委员会"),
        ("国家能源局", "国家发展和改革委员会"),
        ("国家粮食和物资储备局", "国家发展和改革委员会"),
        ("国家金融监督管理总局", "国务院"),
        ("国家知识产权局", "国务院"),
        ("中国证券监督管理委员会", "国务院"),
        ("国务院国有资产监督管理委员会", "国务院"),
        ("国务院新闻办公室", "国务院"),
        ("国务院研究室", "国务院"),
        ("国家国防科技工业局", "工业和信息化部"),
        ("国家烟草专卖局", "工业和信息化部"),
        ("国家外汇管理局", "中国人民银行"),
        ("国家药品监督管理局", "国家市场监督管理总局"),
        ("中国民用航空局", "交通运输部"),
        ("国家铁路局", "交通运输部"),
        ("国家邮政局", "交通运输部"),
        ("国家林业和草原局", "自然资源部"),
        ("国家移民管理局", "公安部"),
        ("国家文物局", "文化和旅游部"),
        ("国家中医药管理局", "国家卫生健康委员会"),
        ("国家疾病预防控制局", "国家卫生健康委员会"),
        ("国家矿山安全监察局", "应急管理部"),
        ("中央网络安全和信息化委员会办公室", "中央网络安全和信息化委员会"),
        ("工业和信息化部运行监测协调局", "工业和信息化部"),
        ("工信部中小企业局", "工业和信息化部"),
        ("国家发展改革委就业收入分配和消费司", "国家发展和改革委员会"),
        ("商务部对外贸易司", "商务部"),
        ("财政部预算司", "财政部"),
        ("中国人民银行货币政策司", "中国人民银行"),
        ("科技部基础研究司", "科学技术部"),
        ("国家统计局工业司", "国家统计局"),
        ("海关总署统计分析司", "海关总署"),
    ],
)
def test_real_parent_facts(child: str, parent: str) -> None:
    assert resolve(child).parent == resolve(parent).id


def test_miit_departments_are_complete() -> None:
    miit = {o.label for o in ORGS if o.parent == "miit" and o.type == "department"}
    expected = {
        "办公厅", "综合规划司", "产业政策与法规司", "科技司", "运行监测协调局", "中小企业局", "节能与综合利用司",
        "安全生产司", "原材料工业司", "装备工业一司", "装备工业二司", "消费品工业司", "电子信息司",
        "信息技术发展司", "信息通信发展司", "信息通信管理局", "网络安全管理局", "无线电管理局", "国际合作司",
        "人事教育司", "财务司", "机关党委",
    }
    assert expected <= miit
    # a former name still leads to the current department
    assert resolve("工业和信息化部政策法规司").label == "产业政策与法规司"


@pytest.mark.parametrize(
    ("alias", "label"),
    [
        ("工信部", "工业和信息化部"),
        ("中华人民共和国工业和信息化部", "工业和信息化部"),
        ("发改委", "国家发展和改革委员会"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("发展改革委", "国家发展和改革委员会"),
        ("国新办", "国务院新闻办公室"),
        ("国务院新闻办", "国务院新闻办公室"),
        ("国资委", "国务院国有资产监督管理委员会"),
        ("统计局", "国家统计局"),
        ("党中央", "中国共产党中央委员会"),
        ("中央网信办", "中央网络安全和信息化委员会办公室"),
        ("中纪委", "中国共产党中央纪律检查委员会"),
        ("全国人大常委会", "全国人民代表大会常务委员会"),
        ("全国政协", "中国人民政治协商会议全国委员会"),
        ("金融监管总局", "国家金融监督管理总局"),
        ("银保监会", "中国银行保险监督管理委员会"),
        ("证监会", "中国证券监督管理委员会"),
        ("央行", "中国人民银行"),
        ("新华社", "新华通讯社"),
        ("央视", "中央广播电视总台"),
        ("总台央视", "中央广播电视总台"),
        ("CCTV", "中央广播电视总台"),
        ("中新社", "中国新闻社"),
        ("法制日报", "法治日报"),
        ("中国移动", "中国移动通信集团有限公司"),
        ("大基金", "国家集成电路产业投资基金"),
        ("世贸组织", "世界贸易组织"),
    ],
)
def test_official_short_forms(alias: str, label: str) -> None:
    assert resolve(alias).label == label


def test_covers_the_main_outlets_and_actors() -> None:
    for name in [
        "人民日报", "经济日报", "光明日报", "中国日报", "求是", "工人日报", "科技日报", "澎湃新闻", "第一财经", "财新",
        "21世纪经济报道", "证券时报", "上海证券报", "中国证券报", "经济参考报", "北京青年报", "新京报", "中国电子报",
        "人民邮电报", "中国工业报", "人民网", "新华网", "中国政府网", "央广网", "新浪财经", "环球时报", "每日经济新闻",
        "界面新闻", "中国青年报",
    ]:
        assert resolve(name).type == "outlet", name
    for name in ["国家制造业转型升级基金", "国家集成电路产业投资基金", "中小企业发展基金"]:
        assert resolve(name).type == "fund", name
    for name in ["中国电子信息行业联合会", "中国通信标准化协会"]:
        assert resolve(name).type == "association", name
    for name in ["中国移动", "中国电信", "中国联通"]:
        assert resolve(name).type == "enterprise", name
    assert sum(o.type == "outlet" for o in ORGS) >= 40


def test_historic_bodies_are_documented() -> None:
    readme = read_text("gazetteers", "README.md")
    for ident in ["cbirc", "cbrc", "circ", "nrra", "cpad", "state-council-financial-stability-committee"]:
        assert ident in BY_ID and f"`{ident}`" in readme
    assert resolve("国家金融监督管理总局").id != resolve("银保监会").id


def test_gold_organizations_of_real_articles_resolve() -> None:
    """Bodies annotated in the seed and dev articles are found by name or composition."""
    gold_orgs = {o["label"] for g in _gold() for o in g["organizations"]}
    found = {name for name in gold_orgs if len(INDEX.get(name, ())) == 1}
    assert len(gold_orgs) >= 20
    assert len(found) / len(gold_orgs) >= 0.8, sorted(gold_orgs - found)


def test_gold_suborganizations_agree_with_parents() -> None:
    checked = 0
    for gold in _gold():
        for pair in gold["suborganizations"]:
            child_ids, parent_ids = INDEX.get(pair["child"], set()), INDEX.get(pair["parent"], set())
            if len(child_ids) == 1 and len(parent_ids) == 1:
                child = BY_ID[next(iter(child_ids))]
                assert next(iter(parent_ids)) in ancestors(child), pair
                checked += 1
    assert checked >= 5


# Passages in the genre, written for these tests (not from the seed articles).
PASSAGES = [
    (
        "国家发展改革委政策研究室副主任、新闻发言人在新闻发布会上表示，国家数据局将会同有关部门，"
        "加快推进公共数据资源开发利用；国家能源局新能源和可再生能源司有关负责人介绍了风电光伏装机情况。",
        {"ndrc-policy-research", "nda", "nea-renewable"},
        set(),
    ),
    (
        "中国人民银行货币政策司司长在国新办新闻发布会上介绍，人民银行将会同金融监管总局、中国证监会、"
        "国家外汇管理局，加大对科技创新和先进制造业的支持力度。",
        {"pboc-monetary-policy", "scio", "pboc", "nfra", "csrc", "safe"},
        set(),
    ),
    (
        "据海关总署统计分析司介绍，前10个月我国货物贸易进出口总值同比增长。商务部对外贸易司负责人表示，"
        "将推动跨境电商健康发展。国家统计局城市司首席统计师解读了居民消费价格数据。",
        {"gacc-statistics", "mofcom-foreign-trade", "nbs-urban"},
        set(),
    ),
    (
        "新华社北京3月5日电 工业和信息化部装备工业一司、国家市场监督管理总局、中国汽车工业协会联合召开座谈会，"
        "中国移动、中国电信、中国联通三家基础电信企业负责人参加会议。",
        {"xinhua", "miit-equipment-1", "samr", "caam", "china-mobile", "china-telecom", "china-unicom"},
        {"北京"},
    ),
    (
        "中国电子报讯 近日，江苏省工业和信息化厅、浙江省通信管理局与长三角地区的龙头企业共同发布倡议，"
        "推动粤港澳大湾区和成渝地区双城经济圈开展合作，国家制造业转型升级基金参与投资。",
        {"china-electronics-news", "manufacturing-fund"},
        {"江苏省", "浙江省", "长三角地区", "粤港澳大湾区", "成渝地区双城经济圈"},
    ),
]


@pytest.mark.parametrize(("text", "expected", "expected_places"), PASSAGES)
def test_longest_match_finds_bodies_and_places_in_new_passages(
    text: str, expected: set[str], expected_places: set[str]
) -> None:
    """Bodies are found whole; places fire only where a place is meant (a local body is place + tail)."""
    places = set(read_lines("gazetteers", "places.txt"))
    hits = scan(text, set(INDEX) | places)
    ids = set()
    for hit in hits:
        if hit in INDEX and len(INDEX[hit]) == 1:
            ids |= INDEX[hit]
    assert expected <= ids, sorted(expected - ids)
    assert {h for h in hits if h in places} == expected_places


# ---------------------------------------------------------------- places.txt

PROVINCIAL = [
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
]


def test_places_hold_all_34_provincial_divisions_full_and_short() -> None:
    places = set(read_lines("gazetteers", "places.txt"))
    assert len(set(PROVINCIAL)) == 34
    for full in PROVINCIAL:
        short = re.sub(r"(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$", "", full)
        assert full in places and short in places, full


def test_places_hold_regions_capitals_and_countries() -> None:
    places = set(read_lines("gazetteers", "places.txt"))
    for name in [
        "长三角", "长江三角洲", "京津冀", "粤港澳大湾区", "成渝地区双城经济圈", "东北", "中西部", "东部地区",
        "东盟", "欧盟", "日本", "美国", "广州", "武汉", "西安", "乌鲁木齐", "深圳",
    ]:
        assert name in places, name
    assert all(len(p) >= 2 for p in places), "single-character abbreviations match too much"


def test_no_place_is_an_organization_or_title() -> None:
    places = set(read_lines("gazetteers", "places.txt"))
    titles = set(read_lines("gazetteers", "titles.txt"))
    assert not places & set(INDEX)
    assert not places & titles


# ---------------------------------------------------------------- titles.txt


def test_titles_cover_official_and_byline_roles() -> None:
    titles = set(read_lines("gazetteers", "titles.txt"))
    required = (
        "部长 副部长 党组书记 党组成员 主任 副主任 局长 副局长 司长 副司长 厅长 副厅长 处长 新闻发言人 总工程师 "
        "总经济师 总会计师 总师 秘书长 副秘书长 一级巡视员 二级巡视员 巡视员 副巡视员 委员 书记 副书记 省长 "
        "副省长 市长 副市长 主席 副主席 总理 副总理 国务委员 委员长 行长 副行长 署长 副署长 院长 副院长 "
        "董事长 总经理 首席经济学家 会长 理事长 研究员 教授 记者 通讯员 摄影记者 编辑 主编"
    ).split()
    assert not [t for t in required if t not in titles]
    assert not titles & set(INDEX), "a title is not an organization name"


def test_titles_of_gold_positions_are_listed() -> None:
    titles = set(read_lines("gazetteers", "titles.txt"))
    gold_titles = {p["title"] for g in _gold() for p in g["positions"]}
    assert gold_titles and gold_titles <= titles, sorted(gold_titles - titles)


# ---------------------------------------------------------------- surnames.txt


def test_surnames_common_single_and_compound() -> None:
    surnames = read_lines("gazetteers", "surnames.txt")
    assert len(surnames) >= 400
    assert all(1 <= len(s) <= 2 and all(HAN.fullmatch(c) for c in s) for s in surnames)
    singles = {s for s in surnames if len(s) == 1}
    compounds = {s for s in surnames if len(s) == 2}
    assert len(singles) >= 400
    assert {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯"} <= compounds
    top = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    assert not [c for c in top if c not in singles]


def test_surnames_leave_out_function_characters() -> None:
    surnames = set(read_lines("gazetteers", "surnames.txt"))
    assert not surnames & set("和从有能都后国经计平利")
    assert {"于", "向", "时"} <= surnames


def test_every_gold_person_starts_with_a_listed_surname() -> None:
    surnames = set(read_lines("gazetteers", "surnames.txt"))
    persons = {p["label"] for g in _gold() for p in g["persons"] if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p["label"])}
    assert len(persons) >= 10
    missing = [p for p in persons if p[:2] not in surnames and p[0] not in surnames]
    assert not missing, missing
