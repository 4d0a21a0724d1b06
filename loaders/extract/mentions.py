"""Finding the bodies a text names: mentions anchored at a place name from the gazetteer, a level character
(县/市/省 ...) after a word boundary, a national body, or a known department stem (the patterns: ``namegrammar``).
Runs in linear time over the text (no word segmentation needed).
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.bureaus import VERTICAL
from fazhi.loaders.extract.namegrammar import (
    BARE_NEEDLES,
    BARE_SCAN,
    BOUNDARY,
    CENTRAL_ADJECTIVE,
    FIRM_NAME_BEFORE,
    FREE_VERB,
    LEVEL,
    NATIONAL_RE,
    NATIONAL_UNIT,
    OWN_GROUP_SCAN,
    PARTY_SCAN,
    RULE_OF_LAW_SCAN,
    STATION,
    SUB_BRANCH,
    SUB_TOWNSHIP,
    TAIL,
    UNKNOWN_TOWN,
    UNKNOWN_TOWN_HINT,
    VILLAGE,
    VILLAGE_AWARDED,
    VILLAGE_HINT,
    WORD_BEFORE,
)
from fazhi.loaders.extract.places import Chain, find_places, gazetteer
from fazhi.loaders.extract.unlisted import unlisted_names


def _boundary(text: str, i: int, ends: set[int]) -> bool:
    if i == 0 or text[i - 1] in BOUNDARY or i in ends or not ("\u4e00" <= text[i - 1] <= "\u9fff"):
        return True
    # after any other character a level word still starts a name unless the two make a word (全县, 城市)
    c = text[i]
    return c in WORD_BEFORE and text[i - 1] not in WORD_BEFORE[c]


class _Cands:
    """Candidate spans of one text, with the full form of list items sharing an ending and the starts that need
    no word boundary before them (distinctive names)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.shared: dict[tuple[int, int], str] = {}
        self.national: set[int] = set()

    def append(self, span: tuple[int, int]) -> None:
        self.spans.append(span)


def find_mentions(text: str, chain: Chain | None = None) -> list[tuple[int, int, str]]:
    """Organisation mentions (start, end, full form when a list shares one ending), leftmost-longest."""
    c = _Cands()
    _place_runs(text, chain, c)
    _named_bodies(text, chain, c)
    _scanned(text, c)
    return _choose(text, c)


def _place_runs(text: str, chain: Chain | None, cands: _Cands) -> None:
    """A run of place names (上蔡县, 河南省驻马店市, 邵店镇) followed by a body; a bare township; a place sharing the
    body named after the next one of its list."""
    shared = cands.shared
    places = find_places(text)
    i = 0
    while i < len(places):
        a, b, _ = places[i]
        j = i
        while j + 1 < len(places) and places[j + 1][0] == places[j][1]:
            j += 1
        end = places[j][1]
        start = a - 2 if text[max(0, a - 2):a] == "中共" else a
        m = TAIL.match(text, end)
        if m and FREE_VERB.search(text, end, m.end()):
            m = None                       # 青阳街道建成…工作站: the place acts, it is not the body's name
        if m and chain is not None and (chain.province or chain.home) and i == j and end - a <= 3 and text[end - 1] in "县市区旗" \
                and a > 0 and "\u4e00" <= text[a - 1] <= "\u9fff":
            # a short place name of another province glued to the word before it may be a verb plus a
            # level character (会同县卫健体委 = 会同 + 县卫健体委): prefer the report's own level then; after
            # a comma or a list mark (新都区、成华区市场监督管理局) it is the place. (A report of a place the
            # division data lacks, 清源县, has no province to compare: any real short place glued to a word is suspect.)
            gz = gazetteer()
            provs = {gz.places[p].name for k in places[i][2] for p in gz.ancestors(k) if gz.places[p].level == "province"}
            if chain.province not in provs and LEVEL.match(text, end - 1):
                m = None
        if m:
            tail_end = m.end()
            ext = SUB_BRANCH.match(text[tail_end:tail_end + 8])
            if ext and text[tail_end - 1] == "局" and find_places(ext.group(0)):
                tail_end += ext.end()             # 广州市公安局增城区分局
            ext = SUB_TOWNSHIP.match(text[tail_end:tail_end + 12])
            if ext and text[tail_end - 4:tail_end] == "人民政府":
                tail_end += ext.end()             # 成都市武侯区人民政府玉林街道办事处
            tail_end = _managed(text, tail_end)
            cands.append((start, tail_end))
        elif gazetteer().places[places[j][2][0]].level == "township":
            cands.append((start, end))        # a bare township: kept if it acts (checked below)
        elif text[end:end + 1] == "、" and j + 1 < len(places) and places[j + 1][0] == end + 1:
            # 成都市新都区、成华区市场监督管理局: the first place shares the body named after the second
            k = j + 1
            while k + 1 < len(places) and places[k + 1][0] == places[k][1]:
                k += 1
            t = TAIL.match(text, places[k][1])
            if t:
                shared[(start, end)] = text[start:end] + t.group(0)
                cands.append((start, end))
        i = j + 1


def _named_bodies(text: str, chain: Chain | None, cands: _Cands) -> None:
    """Bodies with names of their own: unknown townships' governments, villages and communities, a county's
    stations, the report's own places the dictionary lacks, national bodies and their branches."""
    shared, national = cands.shared, cands.national
    for m in UNKNOWN_TOWN.finditer(text) if UNKNOWN_TOWN_HINT.search(text) else ():
        if _boundary(text, m.start(), set()):
            t = TAIL.match(text, m.end())
            cands.append((m.start(), t.end() if t else m.end()))
    for m in VILLAGE_AWARDED.finditer(text) if "被" in text else ():
        cands.append(m.span())
    for m in VILLAGE.finditer(text) if VILLAGE_HINT.search(text) else ():
        pos = m.start()
        for item in m.group(1).split("、")[:-1] if m.group(1) else []:
            shared[(pos, pos + len(item))] = item + m.group(3)
            cands.append((pos, pos + len(item)))
            pos += len(item) + 1
        cands.append((m.start(2), m.end()))
    if chain is not None and chain.county and _contains_any(text, ("司法所", "派出所")):
        short = gazetteer().township_short
        for m in STATION.finditer(text):
            if any(gazetteer().places[gazetteer().places[i].parent].name == chain.county for i in short.get(m.group(1), ())):
                shared[(m.start(), m.end())] = chain.at("county") + ("司法局" if m.group(2) == "司法所" else "公安局") + m.group(0)
                cands.append((m.start(), m.end()))
    if chain is not None:
        # the report's own places that the dictionary lacks (示范县, 安平市): a name may start at each
        for name, _ in unlisted_names(chain):
            at = text.find(name)
            while at >= 0:                    # (a plain search: a regex per name would be compiled per report)
                t = TAIL.match(text, at + len(name))
                if t:
                    start = at - 2 if text[max(0, at - 2):at] == "中共" else at
                    cands.append((start, t.end()))
                    national.add(start)       # a distinctive name: no word boundary needed
                at = text.find(name, at + len(name))
    for m in NATIONAL_RE.finditer(text):
        if m.group(0) == "中央" and CENTRAL_ADJECTIVE.match(text, m.end()):
            continue                  # 中央、省、市精神, 中央法治督察, 中央媒体: the centre as a level or an adjective
        unit = NATIONAL_UNIT.match(text, m.end())
        cands.append((m.start(), unit.end() if unit else m.end()))   # 国务院法制办公室, …委员会办公室
        national.add(m.start())       # distinctive names: no word boundary needed (严格执行国务院…)
        if VERTICAL.match(m.group(0)):
            # its branch in a place (国家税务总局成都市武侯区税务局): one name, the national one first
            run = find_places(text[m.end():m.end() + 20])
            k = 0
            while k + 1 < len(run) and run[k + 1][0] == run[k][1]:
                k += 1
            t = TAIL.match(text, m.end() + run[k][1]) if run and run[0][0] == 0 else None
            if t:
                cands.append((m.start(), t.end()))


def _scanned(text: str, cands: _Cands) -> None:
    """A level character (县/市/省 ...) followed by a body, and bodies named without a place (namegrammar.BARE)."""
    national = cands.national
    for rx, needles in ((LEVEL, ()), *zip(BARE_SCAN, BARE_NEEDLES)):
        if needles and len(text) > 300 and not _contains_any(text, needles):
            continue                      # (on a short text the scan costs less than the test)
        for m in rx.finditer(text):
            s = m.start()
            if rx is LEVEL:
                t = TAIL.match(text, m.end())
                e = _managed(text, t.end())
                if FREE_VERB.search(text, m.end(), e):
                    continue
            else:
                e = m.end()
                if text[s:e] == "律师事务所":
                    # the firm's name: the characters before it, after the verb that hires it (聘请江苏承匠律师事务所)
                    s -= len(FIRM_NAME_BEFORE.search(text[max(0, s - 10):s]).group(0))
                    cut = max(text.rfind(c, s, e - 5) for c in "请托与和、由聘的在对向")
                    s = cut + 1 if cut >= s else s
                    if e - 5 - s < 2 or FREE_VERB.search(text, s, e - 5):
                        continue          # 推动在律师事务所成立…: firms in general, no firm's name
                elif rx is RULE_OF_LAW_SCAN or rx is PARTY_SCAN and text[s] in "局厅分党":
                    national.add(s)       # a distinctive name: no word boundary needed (召开局党组会)
                elif rx is OWN_GROUP_SCAN and text[s] in "分局":
                    national.add(s)       # 调整局法治政府建设工作领导小组: the pattern checked the word before
            cands.append((s, e))


def _choose(text: str, c: _Cands) -> list[tuple[int, int, str]]:
    """Leftmost-longest candidates that start at a word boundary (or need none)."""
    cands, shared, national = c.spans, c.shared, c.national
    # 县政协、县法院、县检察院党组: the party groups of every body of the list, not one body; the last is itself
    cands = [(s, e - 2) if text[s - 1:s] == "、" and text[s - 2:s - 1] in _BODY_LAST and e - s > 4
             and text[e - 2:e] in ("党组", "党委") and text[e - 3] in _BODY_LAST else (s, e) for s, e in cands]
    cands.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    last = -1
    ends = set()
    for s, e in cands:
        if s < last:
            continue
        if (s not in national and not _boundary(text, s, ends) and not text[max(0, s - 2):s] == "中共"
                and not _place_start(text, s)):
            continue
        out.append((s, e, shared.get((s, e), "")))
        ends.add(e)
        last = e
    return out


def _contains_any(text: str, needles) -> bool:
    """Whether ``text`` contains one of ``needles``; each is first tested character by character (looking for
    one character is a fast memory scan, for a longer string several times slower), so an absent one is cheap.

    >>> _contains_any("县司法局", ("法院", "司法局")), _contains_any("县司法局", ("法院", "律师"))
    (True, False)
    """
    return any(all(c in text for c in n) and n in text for n in needles)


_COMMITTEE = re.compile(r"管委会|管理委员会")
_BODY_LAST = set("院局府会委协厅")      # the last character of the bodies a list may share a 党组 with
_STATION_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:司法所|派出所)")


def _managed(text: str, e: int) -> int:
    """A name's own unit that follows it: a centre or zone run by a management committee (行政服务中心管委会),
    a 司法局's or 公安局's station named by its township (松阳县司法局古市司法所)."""
    ext = _COMMITTEE.match(text, e, e + 5)
    if ext and text[e - 2:e] in ("中心", "园区", "景区"):
        return ext.end()
    ext = _STATION_AFTER.match(text, e, e + 7)
    return ext.end() if ext and text[e - 3:e] in ("司法局", "公安局") else e


def _place_start(text: str, s: int) -> bool:
    """A gazetteer place may follow another word directly (聘请上蔡县...): accept it when it starts a name
    of three or more characters."""
    hits = find_places(text[s:s + 10])
    return bool(hits) and hits[0][0] == 0 and hits[0][1] >= 3
