"""Places the division dataset lacks: the report's own words for its jurisdiction.

A report may be of a place the dataset does not list (a new district, a renamed town, an invented county in a
worked example): its own name, as its issuer, title and addressee write it, then stands for that level of the
chain, so 县法院 in a 示范县 report is still 示范县人民法院. ``fill_unlisted`` completes the chain that
``jurisdiction.find_chain`` read from the dataset; ``unlisted_names`` lets the agency finder and ``orgnames.canonical``
recognise those names at the start of a mention.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from fazhi.loaders.extract.jurisdiction import PARTNER
from fazhi.loaders.extract.places import LEVELS, Chain, find_places, gazetteer

_TOKEN = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|自治旗|省|市|州|盟|县|区|旗|街道|镇|乡)")
_TOKEN_LEVEL = (("自治区", "province"), ("省", "province"), ("自治州", "city"), ("市", "city"), ("州", "city"),
                ("盟", "city"), ("自治县", "county"), ("自治旗", "county"), ("县", "county"), ("区", "county"),
                ("旗", "county"), ("街道", "township"), ("镇", "township"), ("乡", "township"))
# what may follow a place name at the head of an issuer, addressee or title
_AFTER_PLACE = re.compile(r"(?:人民政府|政府|委|人大|党委|党工委|办事处|人民法院|法院|人民检察院|检察院|[\u4e00-\u9fff]{0,14}?"
                          r"(?:局|厅|委员会|办公室|领导小组|中心)|\s*(?:19|20)\d{2}|关于|法治|依法|全面|重点|[、,，:：]|$)")
# two characters before 省/市/县 that make a word, not a place (上报省, 全市, 城市)
_NOT_HEAD_PLACE = re.compile(r"^(?:自治$|[全本我各该外跨分上下省市县区乡镇]|.*(?:法治|政府|关于|建设|[局厅委办院部所队处科]|中心|公司))")
_NOT_PLACE = re.compile(r"^(?:[全本我各该外跨分兄上下报赴向经由按照据对与和及在到省市县区乡镇城都超门股夜集社辖园]|"
                        r".*(?:法治|政府|关于|建设|示范|文明|卫生|园林|城市|先进|创建|全国|全省|贯彻|落实|执行|认真|根据))")


def token_level(token: str) -> str:
    """The level a place name's ending gives (a 市 is read as a city).

    >>> token_level("江北省"), token_level("安平市"), token_level("清源县"), token_level("青石镇")
    ('province', 'city', 'county', 'township')
    """
    for end, level in _TOKEN_LEVEL:
        if token.endswith(end):
            return level
    return ""


def place_run(name: str) -> list[tuple[str, str]]:
    """The place names a body's name or a title opens with, dictionary or not: [(name, level), ...].

    >>> place_run("示范县人民政府"), place_run("中共江北省安平市委")
    ([('示范县', 'county')], [('江北省', 'province'), ('安平市', 'city')])
    >>> place_run("市政府"), place_run("全县法治政府建设")
    ([], [])
    """
    s = name[2:] if name.startswith("中共") else name
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(s):
        hits = find_places(s[pos:pos + 20])
        if hits and hits[0][0] == 0:
            b = hits[0][1]
            pos += b
            out.append((s[pos - b:pos], gazetteer().places[hits[0][2][0]].level, pos))
            continue
        m = _TOKEN.match(s, pos)
        if not m or _NOT_HEAD_PLACE.match(m.group(0)[:-1]):
            break
        pos = m.end()
        out.append((m.group(0), token_level(m.group(0)), pos))
    # the run must end where a body or the title's words begin (示范县人民政府, 示范市2022年...)
    while out and not _AFTER_PLACE.match(s, out[-1][2]):
        out.pop()
    return [(n, lv) for n, lv, _ in out]


# (the character before the name is matched, not looked behind at: re then skips to the next such character)
_BODY_PLACE = re.compile(r"[《“\"被由和与及向经在对、,，:：\s(（]([\u4e00-\u9fff]{2,3}?)(省|市)(?!场)(?=委|人民政府|政府|"
                         r"[\u4e00-\u9fff]{0,10}?(?:厅|局|委员会|领导小组|人民法院|人民检察院)|法治|依法)")
_NOT_SEAT_NAME = re.compile(r"[省市县区州旗镇乡]|^(?:协助|联合|会同|对口)")


def _body_places(body: str) -> list[re.Match]:
    """``_BODY_PLACE.finditer(body)``, tried only where a match can start: every match is a character, a name of
    two or three and 省 or 市, so it starts three or four characters before one (found by plain ``str.find``,
    a fast scan; re would try the pattern at every comma and 和 of the text).

    >>> [m.group(1) + m.group(2) for m in _body_places("贯彻《江北省法治政府建设方案》和安平市司法局")]
    ['江北省', '安平市']
    """
    ends = []
    for c in "省市":
        i = body.find(c)
        while i >= 0:
            ends.append(i)
            i = body.find(c, i + 1)
    out, last = [], 0
    for s in sorted({i - k for i in ends for k in (4, 3) if i >= k}):
        if s >= last and (m := _BODY_PLACE.match(body, s)):
            out.append(m)
            last = m.end()
    return out


def fill_unlisted(chain: Chain, issuer: str, title: str, addressee: str, body: str) -> Chain:
    """Fill the levels of ``chain`` the dictionary left empty with the place names the report writes itself:
    the issuer's and the title's own place, the addressee's (a level above), then a province or city the
    body names as the seat of bodies (江北省司法厅) when the dictionary knows no such place.

    >>> c = fill_unlisted(Chain(home="county"), "清源县人民政府", "", "安平市人民政府", "《江北省法治政府建设实施方案》")
    >>> (c.province, c.city, c.county, c.home)
    ('江北省', '安平市', '清源县', 'county')
    """
    gz = gazetteer()
    to = re.split(r"[、,，]", addressee or "")[0]
    _drop_namesakes(gz, chain, place_run(issuer or "") + place_run(to))
    for src in (issuer, title, to):
        for name, level in place_run(src or ""):
            _put(chain, name, level)
    _listed_ancestors(gz, chain)
    _seats_above_home(gz, chain, body)
    if not chain.province and not chain.ids:
        # the dictionary placed nothing, but the body names one province only (第二批河南省示范单位): ours
        provs = {gz.places[i].name for a, _, ids in find_places(body[:50000]) for i in ids
                 if gz.places[i].level == "province" and len(ids) == 1 and not PARTNER.search(body[max(0, a - 2):a])}
        if len(provs) == 1:
            chain.province = provs.pop()
    if not chain.home:
        chain.home = next((lv for lv in reversed(LEVELS) if getattr(chain, lv)), "")
    return chain


def _put(chain: Chain, name: str, level: str) -> None:
    """Name an empty level. (The report's own words may name a listed place too: find_chain has usually put it
    already, but not after the namesake's ancestors were dropped.)"""
    if level and not getattr(chain, level):
        setattr(chain, level, name)


def _drop_namesakes(gz, chain: Chain, stated: list[tuple[str, str]]) -> None:
    """The report names its own county (or city) and the dictionary's namesake of the township lies elsewhere
    (青石镇 of 集安市 in a report to 清源县人民政府): the report's words win, and the namesake's ancestors go."""
    for name, level in stated:
        have = getattr(chain, level) if level else ""
        if have and name not in (have, chain.at(level)) and name not in gz.by_name:
            for lv in LEVELS[:LEVELS.index(level) + 1]:
                setattr(chain, lv, "")
            chain.ids = []


def _listed_ancestors(gz, chain: Chain) -> None:
    """A listed place the report names fills its empty ancestors when the dataset has only one of that name and
    its ancestors agree with the levels already known."""
    for lv in ("township", "county", "city"):
        ids = [i for i in gz.by_name.get(getattr(chain, lv), ()) if gz.places[i].level == lv]
        up = gz.ancestors(ids[0])[1:] if len(ids) == 1 else []
        if up and all(getattr(chain, gz.places[a].level) in ("", gz.places[a].name) for a in up):
            for a in up:
                _put(chain, gz.places[a].name, gz.places[a].level)


def _seats_above_home(gz, chain: Chain, body: str) -> None:
    """An empty province or city above a home place the report named itself (示范县 in 江北省): the one the body
    names most as the seat of bodies (江北省司法厅), when the dictionary lists no such place."""
    known_home = bool(chain.home and getattr(chain, chain.home))
    seats = None                          # the body's (name, 省/市) seats of bodies, scanned once for both levels
    for level, char in (("province", "省"), ("city", "市")):
        if getattr(chain, level) or not known_home or LEVELS.index(level) >= LEVELS.index(chain.home):
            continue
        if seats is None:
            seats = [(m.group(1), m.group(2)) for m in _body_places(body[:50000])
                     if not _NOT_PLACE.match(m.group(1)) and not _NOT_SEAT_NAME.search(m.group(1))]
        votes = Counter(name + end for name, end in seats if end == char)
        for name, _ in votes.most_common():
            # a listed province counts too when the dictionary placed nothing else (示范县 in 河南省...)
            listed = name in gz.by_name and not (level == "province" and not chain.ids and
                                                 any(gz.places[i].level == "province" for i in gz.by_name[name]))
            if not listed and name not in (chain.county, chain.city):
                setattr(chain, level, name)
                break


def unlisted_names(chain: Chain) -> tuple[tuple[str, str], ...]:
    """The chain's place names the dictionary does not list, with their levels (for finding and qualifying
    mentions that open with them)."""
    return _unlisted_of(chain.province, chain.city, chain.county, chain.township)


@lru_cache(maxsize=64)   # (asked for every mention a report's agencies are qualified from)
def _unlisted_of(*names: str) -> tuple[tuple[str, str], ...]:
    """(name, level) of those of the province, city, county and township ``names`` the dictionary lacks."""
    by_name = gazetteer().by_name
    return tuple((name, lv) for lv, name in zip(LEVELS, names) if name and name not in by_name)
