"""Names in a case ledger: whose they are and what may be kept.

- A respondent (被申请人 / 被告) is an agency, minted as a roster's units are (``agency_iri`` of the name as
  written), so 清源县司法局 in a ledger is the node a roster and a report give it. A short name with no place
  (县司法局, 县政府, 区城管局) means the ledger's own place: it is qualified (and spelt out as a report's would
  be: 县市场监管局 → 清源县市场监督管理局) when the ledger's other, full names name exactly one place at that
  level; otherwise it stays as written, scoped to the ledger as a roster's would be, and is counted.
- An applicant (申请人 / 原告) is kept only when its name has the shape of an organisation (it ends in 公司,
  厂, 中心, 协会, 局, 委员会, 学校, 医院, 合作社, 事务所 ...); a natural person's name is personal
  information and is written nowhere, not even in an error message (``shown``).
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.orgnames import canonical, is_unqualified
from fazhi.loaders.extract.places import Chain

# endings of organisations: two characters or more (a name of 4 or more), or one that a given name can
# end in too (社, 站, 部 ...: 王建社), which needs a name of 5 or more
_ORG_END_LONG = ("公司", "厂", "中心", "协会", "学会", "商会", "委员会", "学校", "医院", "卫生院", "合作社", "事务所",
                 "集团", "银行", "研究院", "研究所", "大学", "学院", "中学", "小学", "幼儿园", "基金会", "联合会",
                 "商店", "商行", "门市部", "经营部", "工作室", "政府", "农场", "林场", "养殖场", "酒店", "宾馆", "超市",
                 "俱乐部", "联社", "分行", "支行", "分公司", "办事处", "管委会", "居委会", "村委会", "委员会",
                 "局", "法院", "检察院")
_ORG_END_SHORT = ("社", "站", "场", "部", "所", "院", "店", "馆", "处", "队", "会", "室", "办", "厅", "委", "行")
_ORG_WORDS = re.compile(r"有限|股份|合伙|集团|公司|（普通合伙）|\(普通合伙\)")
_PERSON_SHAPE = re.compile(r"[\u4e00-\u9fff·•]{2,5}")
# words of a case's course that a short value may hold (改判, 撤消, 待定): such a value is shown, not withheld
_CASE_WORDS = re.compile(r"撤销|撤消|驳回|维持|变更|确认|违法|责令|履行|调解|和解|撤回|撤诉|终止|中止|判决|改判|裁定|"
                         r"决定|无效|赔偿|败诉|胜诉|审理|审结|结案|移送|不予|受理|出庭|待定|未结|已结|不详|未知")
# (place, the character that names its level) at the head of a full name: 清源县, 安平市, 城北区
_PLACE_HEAD = re.compile(r"([\u4e00-\u9fff]{1,8}?)(省|自治区|市|州|盟|县|区|旗)")
# runs ending in 市/区/县 that are words, not places (城市管理局, 社区, 开发区管委会)
_NOT_PLACES = {"城市", "社区", "园区", "景区", "新区", "街区", "城区", "市区", "郊区", "矿区", "林区", "牧区", "小区",
               "开发区", "高新区", "保税区", "自贸区", "示范区", "产业园区", "都市"}
_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
          "区": "county", "旗": "county"}
_SHORT_GOVERNMENT = re.compile(r"(?:省|市|州|盟|县|区|旗)政府")   # (a report's reader qualifies these too)
_SHORT_HEAD = re.compile(r"^(?:中共)?(?:我|本)?(省|自治区|市|州|盟|县|区|旗)")


def is_organisation(name: str) -> bool:
    """Whether a party's name has the shape of an organisation (kept) rather than a person's (never kept).

    >>> [is_organisation(n) for n in ("清源县青石建材有限公司", "安平市第二中学", "王建社", "张某", "李华",
    ...                               "青石镇农民专业合作社", "江北明正律师事务所", "某某商店", "赵六等三人")]
    [True, True, False, False, False, True, True, True, False]
    """
    name = re.sub(r"\s+", "", name)
    if _ORG_WORDS.search(name):
        return True
    if len(name) >= 4 and name.endswith(_ORG_END_LONG):
        return True
    return len(name) >= 5 and name.endswith(_ORG_END_SHORT)


def shown(value: str) -> str:
    """A cell's value as an error message may quote it: withheld when it could be a person's name (a cell
    in the wrong column, a name typed into the outcome column), so no message ever carries one.

    >>> shown("2023-13-01"), shown("撤消"), shown("王小明"), shown("清源县司法局")
    ("'2023-13-01'", "'撤消'", '(a value of 3 characters, not shown: it may be a name)', "'清源县司法局'")
    """
    v = value.strip()
    if _PERSON_SHAPE.fullmatch(v) and not is_organisation(v) and not _CASE_WORDS.search(v):
        return f"(a value of {len(v)} characters, not shown: it may be a name)"
    return repr(v)


def ledger_places(names) -> dict[str, set[str]]:
    """The places the full names of a ledger start with, by level (``county``: {清源县}).

    >>> sorted(ledger_places(["清源县人民政府", "安平市清源县司法局", "城市管理局", "县司法局"])["county"])
    ['清源县']
    >>> sorted(ledger_places(["清源县人民政府", "安平市清源县司法局"])["city"])
    ['安平市']
    """
    out: dict[str, set[str]] = {}
    for name in names:
        for place, char in _head_places(name):
            out.setdefault(_LEVEL[char], set()).add(place)
    return out


def _head_places(name: str) -> list[tuple[str, str]]:
    """The places a full name starts with, each with the character naming its level (安平市清源县司法局 →
    [(安平市, 市), (清源县, 县)]); none for a short name (县司法局, 县政府)."""
    if is_unqualified(name) or _SHORT_GOVERNMENT.fullmatch(name):
        return []
    body = name[2:] if name.startswith("中共") else name
    out, pos = [], 0
    while True:
        m = _PLACE_HEAD.match(body, pos)
        if not m or m.group(1) + m.group(2) in _NOT_PLACES or body[pos:m.end()] in _NOT_PLACES:
            return out
        out.append((body[pos:m.end()], m.group(2)))
        pos = m.end()


def name_place(name: str) -> str:
    """The run of places a full name starts with, as a report's agency carries it for its jurisdiction
    (清源县市场监督管理局 → 清源县; 安平市清源县司法局 → 安平市清源县); '' for a name that starts with none.

    >>> name_place("清源县市场监督管理局"), name_place("安平市清源县司法局"), name_place("青石镇人民政府")
    ('清源县', '安平市清源县', '')
    """
    return "".join(place for place, _ in _head_places(name))


def respondent_names(names) -> tuple[dict[str, str], set[str]]:
    """Each respondent name as the ledger writes it → the name its agency is minted from, and the short
    names left unplaced (no single place of their level in the ledger).

    >>> names, unplaced = respondent_names(["清源县人民政府", "县市场监管局", "县政府", "青石镇人民政府", "市司法局"])
    >>> names["县市场监管局"], names["县政府"], names["青石镇人民政府"], names["市司法局"], unplaced
    ('清源县市场监督管理局', '清源县人民政府', '青石镇人民政府', '市司法局', {'市司法局'})
    """
    names = {re.sub(r"\s+", "", n): n for n in names}
    places = ledger_places(names)
    out: dict[str, str] = {}
    unplaced: set[str] = set()
    for clean, written in names.items():
        out[written] = clean
        if not (is_unqualified(clean) or _SHORT_GOVERNMENT.fullmatch(clean)):
            continue
        m = _SHORT_HEAD.match(clean)
        level = _LEVEL.get(m.group(1), "") if m else ""
        found = places.get(level, set())
        full = None
        if len(found) == 1:
            place = next(iter(found))
            chain = Chain(**{"city" if level == "city" else level: place}, home=level) \
                if level in ("province", "city", "county") else None
            got = canonical(clean, chain) if chain else None
            full = got.name if got and got.name.startswith(place) else None
        if full:
            out[written] = full
        else:
            unplaced.add(clean)
    return out, unplaced
