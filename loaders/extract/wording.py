"""The wording of the genre that several extractors (and the writer of triples) read, in one place: the phrases
that stand for many bodies at once (collective phrases: 各有关单位, 县直各部门), the words that bind (a duty's
modals and limits: 应当, 不得, 不少于), and what a name is by its form alone (a place, a body, a collective unit).

A module that needs a narrower or wider rule builds it from these parts and says why beside it.
"""
from __future__ import annotations

import re
from functools import lru_cache

# ---- collective phrases: words that speak of many bodies, not of one ---------------------------------------------
# the words opening a phrase for many bodies (各部门, 全市, 所属单位, 相关单位, 有关部门, 其他部门)
COLLECTIVE_HEADS = ("各", "全", "所属", "相关", "有关", "其他", "其它")
# the groups 各 speaks of (各单位, 各乡镇, 各成员单位, 各有关机关)
_UNIT_GROUPS = r"(?:单位|部门|乡镇|街道|机关)"
# a phrase holding "each of a group" anywhere (市政府各部门, 县直各有关单位, 公安、司法等单位)
EACH_UNIT = re.compile(r"各(?:有关|相关)?" + _UNIT_GROUPS + r"|等单位$")
# a clause speaking of each of a group before a body (各成员单位均已成立…领导小组: each unit's own, not one body)
COLLECTIVE_CLAUSE = re.compile(r"各[^,，。;；]{0,8}?" + _UNIT_GROUPS)
# the words right before a mention that make it one of many (各司法所, 全县法院, 所属单位, 其他部门, 公安等部门)
COLLECTIVE_BEFORE = re.compile(r"(?:各|全|所属|相关|有关|其他|等)$")
# a bare body in a list that opens with 各 (与各股室、税务所签订): every one of them, not one body
COLLECTIVE_LIST = re.compile(r"各[^,，。;；:：\n、]{1,10}、(?:[^,，。;；:：\n、]{1,10}、)*$")

# a bearer or recipient that is a class of units or people (is_collective)
COLLECTIVE_HEAD = re.compile(r"^(?:各|有关|相关|所有|全体|其他|其它|上级|下级|本级|同级|全县|全市|全区|全镇|全省|被|"
                             r"[省市县区]属|[省市县区]直)|直属|各(?:级|类)?(?:部门|单位|乡镇|街道|机关|成员单位|县|市|区)|等$|"
                             r"^(?:乡镇|街道|村|社区|村\(居\)|乡镇\(街道\))$")
GENERIC_TAIL = re.compile(r"(?:机关|单位|部门|机构|人员|负责人|成员|领导班子|干部|同志|主体|党委和政府|党委|政府)$")
PLACE_HEAD = re.compile(r"^(?:省|市|县|区|镇|乡|州|旗|国家|国务院|中共|中国|中华人民共和国|全国|最高)|"
                        r"^[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|盟|旗|镇|乡|街道|村|社区)")
# a duty's bearer that is a class of bodies: a group's head, or a kind of body even where a place qualifies it (县政府
# 部门, 市直机关: the duty binds each of them). Narrower than is_collective at the head (各 counts only there: in
# 督促各市州政府 a verb comes first, and the duty is the issuer's), wider at the tail.
BEARER_CLASS = re.compile(r"^(?:各|全县|全市|全区|所有|有关|相关|本级|上级|下级|同级|行政|执法|被)|部门$|单位$|机关$|机构$")


@lru_cache(maxsize=4096)
def is_collective(name: str) -> bool:
    """True for words that name a class of units or people rather than one agency (各有关单位, 市政府各部门,
    行政执法机关, 党委主要负责人): they are kept as written, not made agencies.

    >>> [is_collective(x) for x in ("市政府各部门", "行政执法机关", "上蔡县公安局", "县司法局", "司法部", "被审计单位")]
    [True, True, False, False, False, True]
    """
    if COLLECTIVE_HEAD.search(name):
        return True
    return bool(GENERIC_TAIL.search(name)) and not PLACE_HEAD.search(name)


# ---- words that bind: a duty's modals and limits ------------------------------------------------------------------
# 要求 as a verb of duty (要求各单位…), not in 按照要求 / 符合要求 / 结合要求 / 的要求
_REQUIRE = r"要(?<!符合要)(?<!按照要)(?<!结合要)(?<!的要)求(?=[\u4e00-\u9fff])"
# the modals every reader of duties shares: a clause holding one states a duty (duties.py) and a number in it is a
# duty's limit, no statistic (statistics.py). (Each opens with a literal: re scans for it fast.)
DUTY_MODALS = r"应当|必须|不得|须|严禁|禁止|" + _REQUIRE
# the words of a limit: at least (不少于40学时) and at most (不超过15个工作日)
AT_LEAST_WORDS = r"不少于|不低于|不得少于|不得低于|至少"
AT_MOST_WORDS = r"不超过|不得超过|不高于|最多|最长|控制在"


# ---- what a name is by its form -----------------------------------------------------------------------------------
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)")
_BODY_END = re.compile(r"(政府|局|委|办|院|厅|部|中心|所|室|处|站|队|会|组)$")


def unit_kind(name: str) -> str:
    """What a bearer or recipient is: "collective" (各有关单位, 行政执法机关: kept as written), "place" (a place
    receives an award as itself: 我县 → 上蔡县) or "agency".

    >>> unit_kind("各有关单位"), unit_kind("上蔡县"), unit_kind("上蔡县司法局")
    ('collective', 'place', 'agency')
    """
    if is_collective(name):
        return "collective"
    return "place" if _PLACE_NAME.fullmatch(name) else "agency"


def subject_kind(name: str) -> str:
    """What a statistic's subject is: "agency" when the name ends as a body's does (局, 委, 政府 …), else "place".

    >>> subject_kind("上蔡县市场监督管理局"), subject_kind("上蔡县")
    ('agency', 'place')
    """
    return "agency" if _BODY_END.search(name) else "place"
