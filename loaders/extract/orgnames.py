"""Organisation names: the canonical form of a mention (the vocabulary it draws on: ``orgwords``).

``canonical(mention, chain, issuer)`` turns what a report writes (县司法局, 市中级法院, 省委, 县委编办) into
the full name qualified by the report's jurisdiction (上蔡县司法局, 驻马店市中级人民法院, 中共河南省委,
中共上蔡县委机构编制委员会办公室), with the body's kind and level. National bodies stay unqualified.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fazhi.loaders.extract.bureaus import NOT_OWN, own_body
from fazhi.loaders.extract.orgkinds import LEVEL_CHAR, VERTICAL, OrgName, finish, kind_of, unlisted_run
from fazhi.loaders.extract.orgwords import DEPT_STEMS, DEPT_TAIL, NATIONAL, NATIONAL_NAMES, expand, trie_regex
from fazhi.loaders.extract.places import Chain, find_places, gazetteer

_BARE_DEPT = re.compile("^" + trie_regex(DEPT_STEMS) + DEPT_TAIL + "$")
_GENERIC_RE = re.compile(r"^(?:本级|同级|上级|上一级|下级|各级|基层|其他|其它)|及其|和|、|等|(?:部门|机构|单位|机关|组织|系统)$")
# bodies a report may name without any place, meaning its own jurisdiction's
_BARE_OK = re.compile("(?:" + trie_regex(DEPT_STEMS) + DEPT_TAIL + "|(?:人民)?法院|(?:人民)?检察院|(?:镇|乡|街道)?党工委|"
                      r"(?:镇|乡)党委|司法所|派出所|法律顾问团|政府办(?:公室)?|[\u4e00-\u9fff]{1,5}(?:村|社区)[\u4e00-\u9fff]{0,8}|"
                      r"[\u4e00-\u9fff]{0,10}领导小组(?:办公室)?|[\u4e00-\u9fff]{0,6}指挥部)")
# canonical()'s first tests, compiled once (it runs for every distinct mention of every report)
_SPACES = re.compile(r"\s+")
_COLLECTIVE_IN = re.compile(r"各(?:有关)?(?:单位|部门|乡镇|街道)|等单位$")
_GROUP_HEAD = re.compile(r"^(?:[省市县区镇乡州旗]{1,2})(?:属|直|级|两级|三级)")



def qualify(level: str, chain: Chain) -> str:
    return chain.at(level) if level else ""


# canonical()'s later tests
_STATION_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}?)(司法所|派出所)")
_VILLAGE_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}(?:社区|村)")
_NOT_VILLAGE_HEAD = re.compile(r"(?:农|乡|新农|行政|自然|城|各|全)")
_VILLAGE_BODY = re.compile(r"[\u4e00-\u9fff]{1,5}(?:村|社区)")
_GROUP_BODY_END = re.compile(r"领导小组(?:办公室)?$")


def canonical(mention: str, chain: Chain, issuer: str = "") -> OrgName | None:
    """The full name of an organisation mention, qualified by the report's jurisdiction; None for a
    collective phrase (各乡镇, 县直各单位) or a mention that names no body.

    >>> c = Chain(province="河南省", city="驻马店市", county="上蔡县", home="county")
    >>> [canonical(m, c).name for m in ("县司法局", "县政府", "市中级法院", "省人民政府", "省委", "县委编办", "国务院")]
    ['上蔡县司法局', '上蔡县人民政府', '驻马店市中级人民法院', '河南省人民政府', '中共河南省委', '中共上蔡县委机构编制委员会办公室', '国务院']
    """
    m = _SPACES.sub("", mention).strip("“”\"、,，")
    if m.endswith("律师事务所"):
        return OrgName(m, "law_firm", "", "")
    if not m or m.startswith(("各", "全", "所属", "相关", "有关")) or _COLLECTIVE_IN.search(m):
        return None
    if _GROUP_HEAD.match(m):
        return None                        # 市属开发区管委会, 县直单位, 市县两级政府: groups, not one body
    if _generic(m):
        return None                        # 本级人民政府, 同级党委, 人大及其常委会, 县政府部门: kinds of body
    if m in NATIONAL:
        return finish(NATIONAL[m], chain)
    vm = VERTICAL.match(m)
    if vm and len(m) > vm.end() and find_places(m[vm.end():vm.end() + 12])[:1] and \
            find_places(m[vm.end():vm.end() + 12])[0][0] == 0:
        # a vertically managed branch named after its national body (国家税务总局成都市武侯区税务局): the
        # branch's own name qualified by its place, under the national body's name
        inner = canonical(m[vm.end():], chain)
        if inner:
            return OrgName(vm.group(0) + inner.name, inner.kind, inner.level, inner.jurisdiction)
    own = own_body(m, chain, issuer)
    if own is not NOT_OWN:
        return own
    # explicit place names at the front: keep them (dropping a province before a city), expand the rest
    party = m.startswith("中共")
    body = m[2:] if party else m
    hits = []
    pos = 0
    for a, b, ids in find_places(body[:20]):
        if a != pos:
            break
        hits.append((a, b, ids))
        pos = b
    gz = gazetteer()
    if hits:
        place = body[:pos]
        rest = body[pos:]
        first_level = gz.places[hits[0][2][0]].level
        if first_level == "province" and len(hits) > 1:
            place = body[hits[1][0]:pos]
            second = gz.places[hits[1][2][0]]
            if second.level == "county" and second.name.endswith("区") and len(hits[1][2]) == 1:
                # a district keeps its city, which for 北京市海淀区 is the municipality just dropped
                place = gz.places[second.parent].name + place
        last = gz.places[hits[-1][2][0]]
        first = gz.places[hits[0][2][0]]
        if first.level == "county" and first.name.endswith("区") and len(hits) > 1:
            if chain.city and first.name == chain.county:
                place = chain.at("county") + body[hits[0][1]:pos]  # 浦东新区陆家嘴街道 in a 浦东 report
            elif len(hits[0][2]) == 1:
                place = gz.places[first.parent].name + place      # 余杭区良渚街道 → 杭州市余杭区良渚街道
        if last.level == "county" and last.name.endswith("区") and len(hits) == 1:
            # a bare district name: give it its city (the report's, else the only one that has it)
            if chain.city and last.name == chain.county:
                place = chain.at("county")
            elif len(hits[0][2]) == 1:
                place = gz.places[last.parent].name + place
        if hits[0][2] and gz.places[hits[0][2][0]].level == "township" and chain.county:
            # a township of the report's county: give it its county (五龙镇 → 上蔡县五龙镇)
            if last.name == chain.township:
                place = chain.at("township") + body[hits[0][1]:pos]
            elif any(gz.places[gz.places[i].parent].name == chain.county for i in hits[0][2]):
                place = chain.at("county") + place
        return finish(_assemble(_full_names(place), rest, party, gz.places[hits[-1][2][0]].level), chain)
    run = unlisted_run(body, chain)
    if run:
        # the report's own place that the dictionary lacks, written out (清源县司法局, 江北省司法厅)
        place, lv = body[:run[0]], run[1]
        if lv == "county" and place == chain.county:
            place = chain.at("county")
        return finish(_assemble(place, body[run[0]:], party, lv), chain)
    lm = None if _BARE_DEPT.match(body) else LEVEL_CHAR.match(body)
    if lm:
        lv = chain.level_of(lm.group(1))
        place = qualify(lv, chain)
        rest = body[lm.end():]
        if not rest:
            return None
        if not place:
            return None
        return finish(_assemble(place, rest, party, lv), chain)
    sm = _STATION_NAME.fullmatch(body)
    if sm and chain.county and _in_county(sm.group(1), chain):
        # a station named by its township (籍山司法所, 许镇司法所) belongs to the county's bureau
        return finish(chain.at("county") + ("司法局" if sm.group(2) == "司法所" else "公安局") + body, chain)
    if _VILLAGE_NAME.fullmatch(body) and not _NOT_VILLAGE_HEAD.match(body):
        # a community or village that holds an award (百步亭社区): the report's township or county qualifies it
        place = chain.at("township") or chain.at("county")
        return finish(place + body, chain) if place else None
    # no place at all: a body of the issuer's own jurisdiction (司法局, 市场监管局, 法院, 党工委)
    if not _looks_like_org(body) or not _BARE_OK.fullmatch(body):
        return None
    home = chain.home_name()
    if _VILLAGE_BODY.match(body) and home:
        place = chain.at("township") or chain.at("county")
        return finish(place + expand(body), chain) if place else None
    if body in ("党工委", "党委", "镇党委", "乡党委", "街道党工委") and home:
        tail = "工作委员会" if "工委" in body else "委员会"
        return finish("中共" + home + tail, chain)
    if body in ("司法所", "派出所") and chain.home != "township":
        return None                       # some township's station: which one the text does not say
    if issuer and _GROUP_BODY_END.search(body) and kind_of(issuer) == "department":
        return finish(issuer + body, chain)   # a department's own working group
    if home and chain.home:
        return finish(_assemble(home, body, party, chain.home), chain)
    return finish(expand(body), chain)


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


def _in_county(town: str, chain: Chain) -> bool:
    """Whether ``town`` (籍山, 许镇, 石固镇) names a township of the report's county."""
    gz = gazetteer()
    ids = gz.township_short.get(town, ()) + gz.by_name.get(town, ())
    return any(gz.places[i].level == "township" and gz.places[gz.places[i].parent].name == chain.county for i in ids)


_COLLECTIVE_WRITTEN = re.compile(r"各(?:有关|相关)?(?:单位|部门|乡镇|街道|机关)|等单位$")


@lru_cache(maxsize=4096)
def written_name(mention: str) -> str:
    """A mention kept as written when it cannot be qualified ('' for a collective phrase: 各乡镇, 县直各单位).

    >>> written_name("县法院"), written_name("各有关部门"), written_name("县直各单位"), written_name("市政府各部门")
    ('县法院', '', '', '')
    """
    m = _SPACES.sub("", mention).strip("“”\"、,，")
    if not m or m.startswith(("各", "全", "所属", "相关", "有关", "其他", "其它")) or _COLLECTIVE_WRITTEN.search(m):
        return ""
    if _GROUP_HEAD.match(m) or _generic(m):
        return ""
    return m


def _generic(m: str) -> bool:
    """Whether a name is a kind of body or a pair of bodies (_GENERIC_RE), not counting a 和 inside a place's
    name (共和县人民政府, 呼和浩特市司法局, 平和县公安局 are one body each).

    >>> _generic("公安局和司法局"), _generic("共和县人民政府"), _generic("县法院和县检察院")
    (True, False, True)
    """
    if not _GENERIC_RE.search(m):
        return False
    if "和" not in m:
        return True
    chars = list(m)
    for a, b, _ in find_places(m):
        chars[a:b] = "□" * (b - a)
    return bool(_GENERIC_RE.search("".join(chars)))


_ORG_END = re.compile(r"(政府|政府办|局|厅|委|办|院|法院|检察院|人大|常委会|党工委|党委|党组|领导小组|办公室|指挥部|中心|"
                     r"大队|支队|所|调委会|居委会|村委会|委员会|分局|办事处|电视台|大厅|律师事务所|顾问团|村居民区)$")


def _looks_like_org(s: str) -> bool:
    return bool(_ORG_END.search(s))


_STREET_END = re.compile(r"街道$")


def _assemble(place: str, rest: str, party: bool, level: str) -> str:
    """Place + body, with party committees written 中共<place>委 and abbreviations expanded."""
    if not rest:
        if level == "township":
            return place + ("办事处" if place.endswith("街道") else "人民政府")
        return place + "人民政府"
    if rest.startswith("委") and not rest.startswith("委员会"):
        # 县委, 县委编办, 市委全面依法治市委员会, 区委常委会 (a 地区's committee is its 地委)
        if place.endswith("地区"):
            place = place[:-1]
        after = rest[1:]
        if after.startswith("常委会"):
            return "中共" + place + "委常务委员会"
        return "中共" + place + "委" + expand(after) if after else "中共" + place + "委"
    if rest in ("政协", "政协委员会"):
        return "中国人民政治协商会议" + place + "委员会"
    if rest in ("编办", "编委办", "编委办公室"):
        return "中共" + place + "委机构编制委员会办公室"
    if rest in ("党委", "党工委"):
        return "中共" + place + ("工作委员会" if rest == "党工委" else "委员会")
    if party:
        return "中共" + place + rest
    if rest in ("司法所", "派出所") and level == "township":
        # a township's 司法所 belongs to the county's 司法局 (西宁市城中区司法局人民街司法所)
        county = place[:-len(_township_of(place))] if _township_of(place) else ""
        # 人民街街道 → 人民街司法所, but 石固镇 → 石固镇司法所 (the form reports write; a short 石固 would not be found)
        short = _STREET_END.sub("", _township_of(place))
        if county and short:
            return county + ("司法局" if rest == "司法所" else "公安局") + short + rest
    if level == "township" and rest in ("政府", "人民政府"):
        return place + "人民政府"
    return place + expand(rest)


_TOWNSHIP_END = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:街道|镇|乡))$")


def _township_of(place: str) -> str:
    m = _TOWNSHIP_END.search(place)
    if not m:
        return ""
    hits = find_places(place)
    return place[hits[-1][0]:] if hits and hits[-1][1] == len(place) else m.group(1)


def _full_names(place: str) -> str:
    """Short forms of places spelled out as the division data names them, when the short form is unambiguous.

    >>> _full_names("红河州"), _full_names("上蔡县")
    ('红河哈尼族彝族自治州', '上蔡县')
    """
    gz = gazetteer()
    out, pos = [], 0
    for a, b, ids in find_places(place):
        names = {gz.places[i].name for i in ids}
        out.append(place[pos:a])
        out.append(names.pop() if len(names) == 1 else place[a:b])
        pos = b
    out.append(place[pos:])
    return "".join(out)
