"""What a body's full name says about itself: its kind (``kind_of``), its level and jurisdiction
(``level_of_name``), and the ``OrgName`` made of them (``finish``); the national bodies whose local branches
carry the national name first (``VERTICAL``). Below both ``orgnames`` (the canonical form of a mention) and
``bureaus`` (a bureau's names for its own bodies), which make names and finish them here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fazhi.loaders.extract.orgwords import NATIONAL_NAMES
from fazhi.loaders.extract.places import Chain, find_places, gazetteer
from fazhi.loaders.extract.unlisted import unlisted_names

LEVEL_NAMES = {"province": "provincial", "city": "municipal", "county": "county", "township": "township"}
LEVEL_CHAR = re.compile(r"^(?:我|本)?(省|自治区|地区|地(?=委)|市|州|盟|县|区|旗|街道|镇|乡)")
# national bodies whose branches in every place carry the national name first (国家税务总局成都市税务局)
VERTICAL = re.compile(r"^(?:国家税务总局|国家统计局|中国人民银行|国家金融监督管理总局|国家外汇管理局|国家邮政局|国家烟草专卖局)")


@dataclass
class OrgName:
    """A body's full name with what the name says of it: kind, level, jurisdiction (and its parent, if known)."""
    name: str
    kind: str
    level: str
    jurisdiction: str = ""
    parent: str = ""


def vertical_branch(name: str) -> bool:
    """Whether a name is a vertically managed body's local branch (国家税务总局 + a place + its body)."""
    vm = VERTICAL.match(name)
    hits = find_places(name[vm.end():vm.end() + 12]) if vm else []
    return bool(hits) and hits[0][0] == 0


# kind_of's endings, compiled once
_MEDIATION_END = re.compile(r"人民调解委员会$")
_VILLAGE_COMMITTEE_END = re.compile(r"(村|社区)(?:民|居民)?委员会$|村委会$|居委会$")
_GROUP_END = re.compile(r"(领导小组|指挥部|领导小组办公室|改革办公室|委员会办公室|依法治[省市县区]委员会|依法治[省市县区]办公室)$")
_PARTY_END = re.compile(r"(党委|党组|党工委|工作委员会|纪律检查委员会)$")
_CONGRESS_END = re.compile(r"(人民代表大会|人民代表大会常务委员会)$")
_TOWNSHIP_GOV_END = re.compile(r"(镇|乡)人民政府$|街道办事处$")
_GOVERNMENT_END = re.compile(r"(人民政府|国务院)$")
_DEPARTMENT_END = re.compile(r"(局|厅|部|委员会|委|署|办公室|办公厅|分局|大队|支队|中队|执法队|司法所|派出所|税务所|科|股)$")


@lru_cache(maxsize=4096)
def kind_of(name: str) -> str:
    """The kind of body a (canonical) name ends in.

    >>> kind_of("上蔡县人民政府"), kind_of("中共河南省委"), kind_of("上蔡县司法局"), kind_of("上蔡县五龙镇人民政府")
    ('government', 'party', 'department', 'township')
    """
    if _MEDIATION_END.search(name):
        return "mediation_committee"
    if _VILLAGE_COMMITTEE_END.search(name):
        return "village_committee"
    if _GROUP_END.search(name) and not name.endswith("编制委员会办公室"):
        return "leading_group"
    if name.startswith("中共") or _PARTY_END.search(name):
        return "party"
    if name.endswith("法院"):
        return "court"
    if name.endswith("检察院"):
        return "procuratorate"
    if _CONGRESS_END.search(name):
        return "congress"
    if _TOWNSHIP_GOV_END.search(name):
        return "township"
    if _GOVERNMENT_END.search(name):
        return "government"
    if _DEPARTMENT_END.search(name):
        return "department"
    return "other"


_VILLAGE_HEAD = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:村|社区)(?!民代表)")


def level_of_name(name: str, chain: Chain) -> tuple[str, str]:
    """(level, jurisdiction) of a canonical name: from the most specific place it starts with."""
    if name in NATIONAL_NAMES or name.startswith(("国家", "国务院", "中央", "全国", "最高")) and not vertical_branch(name):
        return "central", ""
    probe = name[2:] if name.startswith("中共") else name
    vm = VERTICAL.match(probe)
    if vm and find_places(probe[vm.end():vm.end() + 12])[:1] and find_places(probe[vm.end():vm.end() + 12])[0][0] == 0:
        probe = probe[vm.end():]          # 国家税务总局成都市税务局: a branch at its place's level
    hits = []
    for h in find_places(probe[:16]):
        if h[0] != (hits[-1][1] if hits else 0):
            break                         # only the run of places the name starts with (not 增城区 in 广州市公安局增城区分局)
        hits.append(h)
    if not hits:
        run = unlisted_run(probe, chain)
        if run:
            # the report's own place the dictionary lacks (清源县司法局)
            return LEVEL_NAMES.get(run[1], run[1]), (chain.at(run[1]) if probe.startswith(getattr(chain, run[1]))
                                                     or probe.startswith(chain.at(run[1])) else probe[:run[0]])
    rest = probe[hits[-1][1]:] if hits else probe
    village = bool(_VILLAGE_HEAD.match(rest)) and not rest.startswith("农村")
    if not hits:
        return ("village" if village else ""), ""
    gz = gazetteer()
    a, b, ids = hits[-1]
    lv = gz.places[ids[0]].level
    jur = probe[:b]
    if village:
        return "village", jur
    return LEVEL_NAMES.get(lv, lv), jur


def unlisted_run(body: str, chain: Chain) -> tuple[int, str] | None:
    """(length, level) of the run of the chain's unlisted place names ``body`` opens with, else None."""
    names = unlisted_names(chain)
    pos, level = 0, ""
    while names:
        for n, lv in names:               # the first name, in the chain's order, that continues the run
            if body.startswith(n, pos):
                pos, level = pos + len(n), lv
                break
        else:
            break
    return (pos, level) if pos else None


_GOV_BEFORE_TOWNSHIP = re.compile(r"人民政府(?=[\u4e00-\u9fff]{2,8}(?:街道办事处|镇人民政府|乡人民政府)$)")


def finish(name: str, chain: Chain) -> OrgName:
    """The OrgName of a full name: its kind and its level and jurisdiction read from the name itself.

    >>> from fazhi.loaders.extract.places import Chain
    >>> finish("上蔡县司法局", Chain(province="河南省", city="驻马店市", county="上蔡县", home="county")).kind
    'department'
    """
    # a street office or township government is named without the county government it sits under
    if "人民政府" in name:               # (a cheap test first: most names hold it once at most, at the end)
        name = _GOV_BEFORE_TOWNSHIP.sub("", name)
    lv, jur = level_of_name(name, chain)
    return OrgName(name, kind_of(name), lv, jur)
