"""What a body's name says by itself: its kind (government, party, department ...), whether it is qualified by a
place, whether it can be a body's name at all (not a kind of body, a pair of bodies, or prose), and the body a party
group issues for. ``orgnames.canonical`` builds names; these tests read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fazhi.loaders.extract.orgwords import DEPT_STEMS, DEPT_TAIL, NATIONAL, NATIONAL_NAMES, trie_regex
from fazhi.loaders.extract.places import Chain, find_places, gazetteer
from fazhi.loaders.extract.unlisted import unlisted_names
from fazhi.loaders.extract.wording import COLLECTIVE_HEADS, EACH_UNIT

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


_GENERIC_RE = re.compile(r"^(?:本级|同级|上级|上一级|下级|各级|基层|其他|其它)|及其|和|、|等|(?:部门|机构|单位|机关|组织|系统)$")


SPACES = re.compile(r"\s+")
# groups of bodies: 市属, 县直, 市县两级; two levels together (市县政府, 县乡两级, 省市有关部门)
GROUP_HEAD = re.compile(r"^(?:[省市县区镇乡州旗]{1,2})(?:属|直|级|两级|三级)|^(?:省市县|市县乡|省市|市县|县乡|县区|区县|乡镇)(?!场)")


# what the part of a name after its place never holds: a preposition or particle, a verb of the report's prose,
# a quote or title mark (黑龙江省长…多次对法治政府, 长春市构建…体系, 内蒙古自治区人大对〈自治区人民政府)
_NOT_IN_NAME = re.compile(r"[的对向把被将从在按〈《]|以来|多次|分别|负责|听取|推进|构建|加快|加强|落实|提升|推动|开展|建立|"
                          r"建成|成立|设立|实现|完成|制定|印发|召开|聘请|支持|配合|坚持")


def not_a_body(rest: str) -> bool:
    """Whether the words after a name's place cannot be a body's: prose words in them, or no body's ending.

    >>> not_a_body("司法局"), not_a_body(""), not_a_body("长王文涛多次对法治政府"), not_a_body("构建公共法律服务体系")
    (False, False, True, True)
    """
    return bool(rest) and (bool(_NOT_IN_NAME.search(rest)) or not looks_like_org(rest))


@dataclass
class OrgName:
    name: str
    kind: str
    level: str
    jurisdiction: str = ""
    parent: str = ""


_UNQUALIFIED_HEAD = re.compile(r"^(?:中共)?(?:我|本)?(?:省|自治区|市|州|盟|县|区|旗|街道|镇|乡)(?!场|政)")
_BARE_BODY = re.compile("(?:" + trie_regex(DEPT_STEMS) + "?" + DEPT_TAIL + r"|(?:人民)?法院|(?:人民)?检察院|(?:镇|乡|街道)?党(?:工)?委|"
                        r"党组|政府办(?:公室)?|人民政府(?:办公室)?|政府)")


@lru_cache(maxsize=4096)
def is_unqualified(name: str) -> bool:
    """True for a name kept as written because nothing in its report says which place it belongs to
    (区委, 县法院, 省自然资源厅, 分局): it names a different body in every report.

    >>> [is_unqualified(n) for n in ("区委", "县法院", "分局", "省自然资源厅", "市中区人民政府", "示范县司法局",
    ...                              "上蔡县司法局", "司法部", "中共中央", "江苏承匠律师事务所")]
    [True, True, True, True, False, False, False, False, False, False]
    """
    if name in NATIONAL_NAMES or name in NATIONAL or name.startswith(("国家", "国务院", "中央", "全国", "最高")):
        return False
    probe = name[2:] if name.startswith("中共") else name
    hits = find_places(probe[:12])
    if hits and hits[0][0] == 0 and hits[0][1] >= 3:
        return False
    return bool(_UNQUALIFIED_HEAD.match(name) or _BARE_BODY.fullmatch(probe))


@lru_cache(maxsize=4096)
def written_name(mention: str) -> str:
    """A mention kept as written when it cannot be qualified ('' for a collective phrase: 各乡镇, 县直各单位).

    >>> written_name("县法院"), written_name("各有关部门"), written_name("县直各单位"), written_name("市政府各部门")
    ('县法院', '', '', '')
    """
    m = SPACES.sub("", mention).strip("“”\"、,，")
    if not m or m.startswith(COLLECTIVE_HEADS) or EACH_UNIT.search(m):
        return ""
    if GROUP_HEAD.match(m) or generic(m):
        return ""
    return m


def generic(m: str) -> bool:
    """Whether a name is a kind of body or a pair of bodies (_GENERIC_RE), not counting a 和 inside a place's
    name (共和县人民政府, 呼和浩特市司法局, 平和县公安局 are one body each).

    >>> generic("公安局和司法局"), generic("共和县人民政府"), generic("县法院和县检察院")
    (True, False, True)
    >>> generic("县住房和城乡建设局"), generic("区城市管理和综合执法局"), generic("自然资源和规划局和司法局")
    (False, False, True)
    """
    if not _GENERIC_RE.search(m):
        return False
    if "和" not in m:
        return True
    chars = list(m)
    for a, b, _ in find_places(m):
        chars[a:b] = "□" * (b - a)
    masked = _AND_STEM.sub(lambda x: "□" * len(x.group(0)), "".join(chars))  # 住房和城乡建设: one department's name
    return bool(_GENERIC_RE.search(masked))


_AND_STEM = re.compile(trie_regex([w for w in DEPT_STEMS if "和" in w]))


_ORG_END = re.compile(r"(政府|政府办|局|厅|委|办|院|法院|检察院|人大|会|党工委|党委|党组|领导小组|办公室|指挥部|中心|"
                     r"队|所|办事处|电视台|大厅|律师事务所|团|村|社区|居民区|部|署|行署|行政公署|政协|科|股|处|站|社|专班|室|校)$")


def looks_like_org(s: str) -> bool:
    return bool(_ORG_END.search(s))


def prefecture(place: str) -> str:
    """A prefecture (地区) named as its bodies' official names write it, after its province (新疆维吾尔自治区喀什地区);
    other places as they are.

    >>> prefecture("喀什地区"), prefecture("锡林郭勒盟")
    ('新疆维吾尔自治区喀什地区', '锡林郭勒盟')
    """
    if not place.endswith("地区"):
        return place
    gz = gazetteer()
    ids = [i for i in gz.by_name.get(place, ()) if gz.places[i].level == "city"]
    parent = gz.places[ids[0]].parent if len(ids) == 1 else -1
    return (gz.places[parent].name if parent >= 0 else "") + place


_PARTY_BODY = re.compile(r"中共(.{2,40}?(?:局|厅|委员会|委|办公室|政府|院))(?:党组|委员会)")


def issuing_body(issuer: str) -> str:
    """The body a report is issued for when its issuer is that body's party group or committee (中共X局党组 → X局):
    what the report's 局党组, 局政策法规科, 我局 refer to.

    >>> issuing_body("中共绵阳市生态环境局党组"), issuing_body("中共梧州市公安局委员会"), issuing_body("中共上蔡县委员会")
    ('绵阳市生态环境局', '梧州市公安局', '中共上蔡县委员会')
    """
    m = _PARTY_BODY.fullmatch(issuer or "")
    return m.group(1) if m and kind_of(m.group(1)) in ("department", "government") else issuer


# level names, the level a short name opens with (县司法局), national bodies whose branches in every place carry
# the national name first (国家税务总局成都市税务局): what level_of_name and finish read
LEVEL_NAMES = {"province": "provincial", "city": "municipal", "county": "county", "township": "township"}
LEVEL_CHAR = re.compile(r"^(?:我|本)?(省|自治区|地区|地(?=委)|市(?!场)|州|盟|县(?!域)|区|旗|街道|镇|乡)")
VERTICAL = re.compile(r"^(?:国家税务总局|国家统计局|中国人民银行|国家金融监督管理总局|国家外汇管理局|国家邮政局|国家烟草专卖局)")


def vertical_branch(name: str) -> bool:
    """Whether a name is a vertically managed body's local branch (国家税务总局 + a place + its body)."""
    vm = VERTICAL.match(name)
    hits = find_places(name[vm.end():vm.end() + 12]) if vm else []
    return bool(hits) and hits[0][0] == 0


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
    """The OrgName of a full name: its kind, and its level and jurisdiction read from the name itself."""
    # a street office or township government is named without the county government it sits under
    if "人民政府" in name:               # (a cheap test first: most names hold it once at most, at the end)
        name = _GOV_BEFORE_TOWNSHIP.sub("", name)
    lv, jur = level_of_name(name, chain)
    return OrgName(name, kind_of(name), lv, jur)
