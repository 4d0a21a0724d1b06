"""Organisation names: the canonical form of a mention (the vocabulary it draws on: ``orgwords``; what a name
says by itself: ``orgkinds``).

``canonical(mention, chain, issuer)`` turns what a report writes (县司法局, 市中级法院, 省委, 县委编办) into
the full name qualified by the report's jurisdiction (上蔡县司法局, 驻马店市中级人民法院, 中共河南省委,
中共上蔡县委机构编制委员会办公室), with the body's kind and level. National bodies stay unqualified.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.bureaus import NOT_OWN, own_body
from fazhi.loaders.extract.orgkinds import (
    GROUP_HEAD,
    LEVEL_CHAR,
    SPACES,
    VERTICAL,
    OrgName,
    finish,
    generic,
    is_unqualified,
    issuing_body,
    kind_of,
    level_of_name,
    looks_like_org,
    not_a_body,
    prefecture,
    unlisted_run,
    written_name,
)
from fazhi.loaders.extract.orgwords import DEPT_STEMS, DEPT_TAIL, NATIONAL, expand, trie_regex
from fazhi.loaders.extract.places import Chain, find_places, gazetteer
from fazhi.loaders.extract.wording import COLLECTIVE_HEADS, EACH_UNIT

# (OrgName, kind_of, is_unqualified, written_name, issuing_body, level_of_name: re-exported for the modules that
# import them from here)
__all__ = ["OrgName", "canonical", "is_unqualified", "issuing_body", "kind_of", "level_of_name", "written_name"]

_BARE_DEPT = re.compile("^" + trie_regex(DEPT_STEMS) + DEPT_TAIL + "$")
# bodies a report may name without any place, meaning its own jurisdiction's
_BARE_OK = re.compile("(?:" + trie_regex(DEPT_STEMS) + DEPT_TAIL + "|(?:人民)?法院|(?:人民)?检察院|(?:镇|乡|街道)?党工委|"
                      r"(?:镇|乡)?党委|党组|办事处|行署|行政公署|司法所|派出所|法律顾问团|"
                      r"[\u4e00-\u9fff]{2,10}(?:区|园)(?:管委会|管理委员会)|政府办(?:公室)?|[\u4e00-\u9fff]{1,5}(?:村|社区)[\u4e00-\u9fff]{0,8}|"
                      r"[\u4e00-\u9fff]{0,10}领导小组(?:办公室)?|[\u4e00-\u9fff]{0,6}指挥部)")
# canonical()'s first tests, compiled once (it runs for every distinct mention of every report)



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
    m = SPACES.sub("", mention).strip("“”\"、,，")
    issuer = issuing_body(issuer)
    if m.endswith("律师事务所"):
        return OrgName(m, "law_firm", "", "")
    if _no_one_body(m):
        return None
    national = _national(m, chain)
    if national is not NOT_OWN:
        return national
    own = own_body(m, chain, issuer)
    if own is not NOT_OWN:
        return own
    party = m.startswith("中共")
    body = m[2:] if party else m
    for read in (_placed, _unlisted_placed, _levelled, _station_or_village):
        o = read(body, party, chain)
        if o is not NOT_OWN:
            return o
    return _unplaced(body, party, chain, issuer)


def _no_one_body(m: str) -> bool:
    """Whether a mention names no one body: a collective phrase (各乡镇, 县直各单位), a group (市属开发区管委会, 县直
    单位, 市县两级政府) or a kind of body (本级人民政府, 同级党委, 人大及其常委会, 县政府部门)."""
    if not m or m.startswith(COLLECTIVE_HEADS) and not m.startswith("全面依法治") or EACH_UNIT.search(m):
        return True
    return bool(GROUP_HEAD.match(m)) or generic(m)


def _national(m: str, chain: Chain):
    """A national body (国务院, 司法部), a unit of one, or a vertically managed branch named after its national
    body (国家税务总局成都市武侯区税务局: the branch's own name qualified by its place, under the national body's
    name); NOT_OWN for none of them."""
    if m in NATIONAL:
        return finish(NATIONAL[m], chain)
    unit = _national_unit(m)
    if unit:
        return finish(unit, chain)
    vm = VERTICAL.match(m)
    if vm and len(m) > vm.end() and find_places(m[vm.end():vm.end() + 12])[:1] and \
            find_places(m[vm.end():vm.end() + 12])[0][0] == 0:
        inner = canonical(m[vm.end():], chain)
        if inner:
            return OrgName(vm.group(0) + inner.name, inner.kind, inner.level, inner.jurisdiction)
    return NOT_OWN


def _unlisted_placed(body: str, party: bool, chain: Chain):
    """The report's own place that the dictionary lacks, written out (清源县司法局, 江北省司法厅); None when what
    follows it is no body; NOT_OWN when the mention does not open with it."""
    run = unlisted_run(body, chain)
    if not run:
        return NOT_OWN
    if not_a_body(body[run[0]:]):
        return None
    place, lv = body[:run[0]], run[1]
    if lv == "county" and place == chain.county:
        place = chain.at("county")
    return finish(_assemble(place, body[run[0]:], party, lv), chain)


def _levelled(body: str, party: bool, chain: Chain):
    """A mention opening with a level's character (县司法局, 市委, 依法治市委员会), qualified by the report's place
    at that level; None when the report has no such place or the rest is no body; NOT_OWN for none."""
    rl = _RULE_OF_LAW.match(body)
    if rl and not party:
        # 全面依法治市委员会, 依法治省委员会 named alone: the committee of the party committee its character names
        place = chain.at(_rule_of_law_level(rl.group(1), chain))
        return finish("中共" + place + "委" + expand(body), chain) if place else None
    lm = None if _BARE_DEPT.match(body) else LEVEL_CHAR.match(body)
    if not lm:
        return NOT_OWN
    lv = chain.level_of(lm.group(1))
    place = qualify(lv, chain)
    rest = body[lm.end():]
    if not rest or not_a_body(rest) or rest in ("司法所", "派出所") and lv != "township":
        return None                   # (a 司法所 is a township's: 市司法所 is the tail of 古市司法所)
    if not place:
        return None
    return finish(_assemble(place, rest, party, lv), chain)


def _station_or_village(body: str, party: bool, chain: Chain):
    """A station named by its township (籍山司法所, 许镇司法所: the county's bureau's), or a community or village
    that holds an award (百步亭社区: the report's township or county qualifies it); NOT_OWN for neither."""
    sm = _STATION_NAME.fullmatch(body)
    if sm and chain.county and _in_county(sm.group(1), chain):
        return finish(chain.at("county") + ("司法局" if sm.group(2) == "司法所" else "公安局") + body, chain)
    if _VILLAGE_NAME.fullmatch(body) and not _NOT_VILLAGE_HEAD.match(body):
        place = chain.at("township") or chain.at("county")
        return finish(place + body, chain) if place else None
    return NOT_OWN


def _placed(body: str, party: bool, chain: Chain):
    """A mention opening with place names from the dictionary: keep them (dropping a province before a city),
    expand the rest; None when what follows the places is no body; NOT_OWN when it opens with none."""
    hits = []
    pos = 0
    for a, b, ids in find_places(body[:20]):
        if a != pos:
            break
        hits.append((a, b, ids))
        pos = b
    if not hits:
        return NOT_OWN
    if not_a_body(body[pos:]):
        return None
    gz = gazetteer()
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


def _unplaced(body: str, party: bool, chain: Chain, issuer: str) -> OrgName | None:
    """A mention with no place at all: a body of the issuer's own jurisdiction (司法局, 市场监管局, 法院, 党工委),
    of the report's province (公安厅), prefecture (行署) or street (党工委、办事处), or the issuer's own."""
    if not looks_like_org(body) or not _BARE_OK.fullmatch(body):
        return None
    home = chain.home_name()
    if _VILLAGE_BODY.match(body) and home:
        place = chain.at("township") or chain.at("county")
        return finish(place + expand(body), chain) if place else None
    if body in ("党组", "党委") and issuer and kind_of(issuer) == "department":
        # a department's report names its own party group or committee alone (党组会议, 党委中心组)
        return finish("中共" + issuer + ("党组" if body == "党组" else "委员会"), chain)
    if body == "党组" and issuer and kind_of(issuer) == "government":
        return finish("中共" + issuer + "党组", chain)
    if body == "党组" or body == "党委" and chain.home != "township":
        return None                       # whose, the text does not say (a government's report: the party in general)
    if body == "办事处" and chain.township.endswith("街道") and chain.home == "township":
        return finish(chain.at("township") + "办事处", chain)   # 街道党工委、办事处: the street's office
    if body == "办事处":
        return None                       # which street's office, the text does not say
    if body in ("行署", "行政公署"):
        # a prefecture's administrative office, in a report of the prefecture (地区, 盟) or of a county in it
        return finish(prefecture(chain.city) + "行政公署", chain) if chain.city.endswith(("地区", "盟")) else None
    if _BARE_DEPT.fullmatch(body) and body.endswith("厅") and not body.endswith("办公厅") and chain.province:
        return finish(chain.province + expand(body), chain)   # a 厅 is a province's department (公安厅)
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


_NATIONAL_HEAD = re.compile(trie_regex(NATIONAL))


def _national_unit(m: str) -> str:
    """A national body's office or unit named after it, spelled out (国务院法制办 → 国务院法制办公室); '' otherwise.

    >>> _national_unit("国务院法制办公室"), _national_unit("中央全面依法治国委员会办公室"), _national_unit("国务院关于")
    ('国务院法制办公室', '中央全面依法治国委员会办公室', '')
    """
    h = _NATIONAL_HEAD.match(m)
    rest = m[h.end():] if h else ""
    if not rest or find_places(rest[:12])[:1] and find_places(rest[:12])[0][0] == 0 or not_a_body(rest):
        return ""
    return NATIONAL[h.group(0)] + re.sub(r"(?<!公)办$", "办公室", rest)


def _rule_of_law_level(char: str, chain: Chain) -> str:
    """The level whose party committee a rule-of-law committee belongs to, from the character after 依法治:
    治区 is a district's in a district's report, else the autonomous region's (in 广西, 西藏 ...).

    >>> _rule_of_law_level("区", Chain(province="广西壮族自治区", city="桂林市", home="city"))
    'province'
    >>> _rule_of_law_level("区", Chain(province="湖南省", city="张家界市", county="永定区", home="county"))
    'county'
    """
    if char == "区" and not (chain.home in ("county", "township") and chain.county.endswith("区")):
        return "province" if chain.province.endswith("自治区") else "county"
    return chain.level_of({"地": "地区"}.get(char, char))


def _in_county(town: str, chain: Chain) -> bool:
    """Whether ``town`` (籍山, 许镇, 石固镇) names a township of the report's county."""
    gz = gazetteer()
    ids = gz.township_short.get(town, ()) + gz.by_name.get(town, ())
    return any(gz.places[i].level == "township" and gz.places[gz.places[i].parent].name == chain.county for i in ids)


_STREET_END = re.compile(r"街道$")
_RULE_OF_LAW = re.compile(r"(?:全面)?依法治([省市县区州旗地])")


def _assemble(place: str, rest: str, party: bool, level: str) -> str:
    """Place + body, with party committees written 中共<place>委 and abbreviations expanded."""
    if not rest:
        if level == "township":
            return place + ("办事处" if place.endswith("街道") else "人民政府")
        return place + "人民政府"
    if rest.startswith("党委") and _RULE_OF_LAW.match(rest, 2):
        rest = rest[1:]                   # 自治区党委依法治区办: the committee of the region's party committee
    if rest.startswith("委") and not rest.startswith("委员会"):
        # 县委, 县委编办, 市委全面依法治市委员会, 区委常委会 (a 地区's committee is its 地委)
        after = rest[1:]
        if place.endswith("地区"):
            # a prefecture's party committee is written 地委, named in full with its province
            return "中共" + prefecture(place) + "委员会" + expand(after)
        if after.startswith("常委会"):
            return "中共" + place + "委常务委员会"
        return "中共" + place + "委" + expand(after) if after else "中共" + place + "委"
    if rest in ("政协", "政协委员会"):
        return "中国人民政治协商会议" + place + "委员会"
    if rest in ("编办", "编委办", "编委办公室"):
        return "中共" + place + "委机构编制委员会办公室"
    if rest in ("党委", "党工委"):
        return "中共" + place + ("工作委员会" if rest == "党工委" else "委员会")
    if rest in ("行署", "行政公署") and place.endswith("地区"):
        return prefecture(place) + "行政公署"
    if not party and len(rest) > 2 and rest.endswith(("党组", "党委")) and not rest.endswith(("镇党委", "乡党委")):
        # a body's party group or committee (县司法局党组, 省政府党组, 市公安局党委)
        inner = _assemble(place, rest[:-2], False, level)
        return "中共" + inner + ("党组" if rest.endswith("党组") else "委员会")
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
