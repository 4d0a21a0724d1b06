"""The report's jurisdiction: which province → city → county → township its issuer governs, read from the issuer,
title, header, addressee and the places the body names (the gazetteer and ``Chain``: ``places``).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from fazhi.loaders.extract.orgwords import trie_regex
from fazhi.loaders.extract.places import LEVELS, Chain, Gazetteer, find_places, gazetteer, township_short


@lru_cache(maxsize=1)
def _alias_scanners() -> tuple[re.Pattern, re.Pattern] | None:
    """(the short names of provinces and cities, a filter for where one may start)."""
    gz = gazetteer()
    names = {a for a, ids in gz.by_alias.items() if any(gz.places[i].level in ("province", "city") for i in ids)}
    if not names:
        return None
    # factored by prefixes: the longest name at each position, as a longest-first alternation gives, but
    # without trying hundreds of alternatives at every character
    rx = re.compile(trie_regex(names))
    # every short name has two characters or more (see _parse): one of the names' first characters followed by
    # one of their second characters is where one can start, a few dozen places in a page of text
    first = "".join(sorted({re.escape(n[0]) for n in names}))
    second = "".join(sorted({re.escape(n[1]) for n in names}))
    return rx, re.compile(f"[{first}](?=[{second}])")


def _aliases_in(text: str) -> list[str]:
    """The short names of provinces and cities in ``text``, leftmost-longest and not overlapping (what the
    trie regex's finditer gives, trying it only where the two-character filter allows).

    >>> _aliases_in("河南驻马店, 汕头")
    ['河南', '驻马店', '汕头']
    """
    scanners = _alias_scanners()
    if not scanners:
        return []
    rx, start = scanners
    out, last = [], 0
    for c in start.finditer(text):
        if c.start() >= last and (m := rx.match(text, c.start())):
            out.append(m.group(0))
            last = m.end()
    return out


_ENUM = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}?)(司法所|派出所|镇|乡|街道|财政所|中心)")
# what every _ENUM match contains (its last 、 and item): a cheap test that spares most texts the full scan
_ENUM_HINT = re.compile(r"、[\u4e00-\u9fff]{2,4}?(?:司法所|派出所|镇|乡|街道|财政所|中心)")


def township_list_votes(text: str) -> Counter:
    """Counties voted for by lists of township short names (籍山、许镇、工山司法所): two or more from one county."""
    gz = gazetteer()
    short = township_short()
    votes: Counter = Counter()
    for m in _ENUM.finditer(text) if _ENUM_HINT.search(text) else ():
        per_county: Counter = Counter()
        for item in m.group(1).split("、"):
            for i in short.get(item, ()):
                per_county[gz.places[i].parent] += 1
        for county, n in per_county.items():
            if n >= 2:
                votes[county] += n
    return votes


_HOME_WORDS = {
    "township": re.compile(r"全镇|全乡|本镇|本乡|我镇|我乡|镇党委|乡党委|党工委|全街道|本街道|我街道|街道办事处|镇人民政府|乡人民政府"),
    "county": re.compile(r"我县|全县|县委|县政府|县人民政府|我区|全区|区委|区政府|区人民政府|我旗|全旗|旗委"),
    "city": re.compile(r"我市|全市|市委|市政府|市人民政府|我州|全州|州委|州政府"),
    "province": re.compile(r"我省|全省|省委|省政府|省人民政府"),
}


PARTNER = re.compile(r"(?:与|向|同|协助|联合|会同|赴|对口|帮扶|支援)$")


def _best(gz: Gazetteer, ids: tuple[int, ...], votes: Counter) -> int:
    """Among same-named places, the one whose ancestors the report also names most."""
    return max(ids, key=lambda i: (sum(votes[a] for a in gz.ancestors(i)[1:]), -i))


def find_chain(head: str, body: str, issuer: str = "", body_from: int = 0) -> Chain:
    """The jurisdiction of a report from its head (issuer, title, header, addressee) and its body.

    >>> c = find_chain("上蔡县人民政府关于上蔡县2020年度法治政府建设工作情况的报告", "市委、市政府", "上蔡县人民政府")
    >>> (c.province, c.city, c.county, c.home)
    ('河南省', '驻马店市', '上蔡县', 'county')
    """
    gz = gazetteer()
    chain = Chain()
    if not gz.places:
        return chain
    head_hits, body_hits = find_places(head), find_places(body)
    votes, direct, listed = _votes(gz, head, head_hits, body, body_hits, body_from)
    partner = _partners(body, body_hits)
    # places the body names only count as the report's own when it names them early on (a district
    # report also names the places it cooperates with) or lists their townships
    early = {i for a, _, ids in body_hits if body_from <= a < body_from + 300 and a not in partner
             for i in ids} | set(listed)
    chosen = _head_choice(gz, issuer, head_hits, votes)
    home = _home_level(issuer, body[body_from:])
    if chosen < 0 or LEVELS.index(gz.places[chosen].level) < LEVELS.index(home or "province"):
        # the head is less specific than the issuer's level: find the best body place at that level
        chosen = _body_choice(gz, chosen, home or "county", early, body[body_from:], body_hits, partner, votes)
    if chosen >= 0:
        _fill(gz, chain, chosen, direct)
    _set_home(gz, chain, home, chosen, issuer or head)
    return chain


def _votes(gz: Gazetteer, head: str, head_hits, body: str, body_hits, body_from: int):
    """How strongly the text points at each place (``votes``: a place named counts for it and the places above
    it, five times in the head), how often it names each place itself (``direct``), and the places whose
    townships it lists (``listed``)."""
    votes: Counter = Counter()
    direct: Counter = Counter()   # mentions of the place itself, not of a place inside it
    for _, _, ids in body_hits:
        for i in ids:
            direct[i] += 1
            for a in gz.ancestors(i):
                votes[a] += 1 / len(ids)
    for _, _, ids in head_hits:
        for i in ids:
            for a in gz.ancestors(i):
                votes[a] += 5 / len(ids)
    # short forms of cities and provinces (西宁, 汕头, 河南) only break ties between same-named places
    for alias in _aliases_in(body[body_from:body_from + 5000] + " " + head):
        for i in gz.by_alias[alias]:
            votes[i] += 0.5
            direct[i] += 0.5
    listed = township_list_votes(body)
    for c, n in listed.items():
        for a in gz.ancestors(c):
            votes[a] += n
    return votes, direct, listed


def _partners(body: str, body_hits) -> set[int]:
    """Where the body names a place as a partner (与四川省广安市联合执法, 向成都市新都区通报): someone else's; the
    run after a partner word, and the list it starts (新都区、成华区), are partners too."""
    partner, prev_end, prev_partner = set(), -1, False
    for a, b, _ in body_hits:
        joined = a == prev_end or (a == prev_end + 1 and body[a - 1] in "、和及")
        prev_partner = (joined and prev_partner) or bool(PARTNER.search(body[max(0, a - 2):a]))
        if prev_partner:
            partner.add(a)
        prev_end = b
    return partner


def _head_choice(gz: Gazetteer, issuer: str, head_hits, votes: Counter) -> int:
    """The most specific place the issuer, else the head, names (the best voted of same-named ones); -1 for none."""
    chosen = -1
    for hits in (find_places(issuer), head_hits):
        if hits:
            ranked = sorted((_best(gz, ids, votes) for _, _, ids in hits),
                            key=lambda i: (LEVELS.index(gz.places[i].level), votes[i]), reverse=True)
            chosen = ranked[0]
            break
    if chosen >= 0 and gz.places[chosen].level == "city":
        chosen = _branch_district(gz, issuer, chosen)
    return chosen


def _body_choice(gz: Gazetteer, chosen: int, want: str, early: set, body: str, body_hits, partner: set,
                 votes: Counter) -> int:
    """The best place at level ``want`` the body names early (inside ``chosen`` when the head chose one), else
    ``chosen`` as it was."""
    cands = [i for i in early if gz.places[i].level == want and (chosen < 0 or chosen in gz.ancestors(i))]
    if not cands and want == "township":
        cands = [i for i in early if gz.places[i].level == "county" and (chosen < 0 or chosen in gz.ancestors(i))]
    if not cands and chosen < 0:
        cands = _body_cands(gz, want, body, body_hits, partner, votes)
        for up in LEVELS[LEVELS.index(want) - 1::-1] if not cands and want != "province" else ():
            # none at the issuer's level: the place above it the body names (我区 … 郑州市), then the one
            # of its places whose short name the report uses as a word of its own (品质金水 → 金水区)
            above = _body_cands(gz, up, body, body_hits, partner, votes)
            if above:
                best = max(above, key=lambda i: (votes[i], -i))
                cands = _short_named_inside(gz, best, want, body) or [best]
                break
    if cands:
        chosen = max(cands, key=lambda i: (votes[i] + 0.3 * sum(votes[a] for a in gz.ancestors(i)[1:]), -i))
    return chosen


def _fill(gz: Gazetteer, chain: Chain, chosen: int, direct: Counter) -> None:
    """Name the chain's levels from the chosen place up."""
    chain.ids = gz.ancestors(chosen)
    for i in chain.ids:
        setattr(chain, gz.places[i].level, gz.places[i].name)
    if gz.places[chosen].level == "township":
        # the dictionary lacks some newer streets: a same-named one elsewhere is not ours when the
        # text names another city and never this one
        city = next((i for i in chain.ids if gz.places[i].level == "city"), -1)
        other = [i for i, v in direct.items() if gz.places[i].level == "city" and i != city and v >= 1]
        if city >= 0 and direct[city] + direct[gz.places[city].parent] < 0.5 and other:
            best_city = max(other, key=lambda i: direct[i])
            chain.ids = [chosen] + gz.ancestors(best_city)
            chain.county = ""
            for i in chain.ids[1:]:
                setattr(chain, gz.places[i].level, gz.places[i].name)


def _set_home(gz: Gazetteer, chain: Chain, home: str, chosen: int, named_by: str) -> None:
    """The level the issuer governs at (``home``, from its name and words), checked against the chain: a township
    the dictionary lacks is read from the issuer's name; a county-level city governs at county level; a level the
    chain does not name gives way to its lowest one. ``named_by``: the issuer as written, else the head."""
    if not chain.township and home == "township":
        m = re.search(r"([\u4e00-\u9fff]{2,6}?(?:街道|镇|乡))(?:人民政府|办事处|党委|党工委)", named_by)
        if m:
            chain.township = m.group(1)
    if home == "city" and chosen >= 0 and gz.places[chosen].level == "county" and chain.county.endswith("市") and \
            chain.county in named_by:
        home = "county"                   # a county-level city (永安市人民政府) governs at county level
    chain.home = home if home else next((lv for lv in reversed(LEVELS) if getattr(chain, lv)), "")
    if chain.home and not getattr(chain, chain.home):
        chain.home = next((lv for lv in reversed(LEVELS) if getattr(chain, lv)), chain.home)


# a street named by its short form with 街 (黄石街党工委、办事处)
_STREET_SHORT = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})街(?=党工委|党委|办事处|工委)")


def _body_cands(gz: Gazetteer, want: str, body: str, body_hits, partner: set, votes: Counter) -> list[int]:
    """When neither the head nor the opening names the report's place: the places at the issuer's level the
    whole body names, or whose places inside it the body names (驻马店市 in a province's report is 河南省's),
    partners left out; a street written short (黄石街党工委) is looked up among the streets of that name."""
    named = [ids for a, _, ids in body_hits if a not in partner]
    out = {anc for ids in named for i in ids for anc in gz.ancestors(i) if gz.places[anc].level == want}
    if want == "township":
        for m in _STREET_SHORT.finditer(body[:5000]):
            out |= {i for i in gz.township_short.get(m.group(1), ()) if gz.places[i].name.endswith("街道")}
    # a namesake the body gives no other sign of (no place above it named) does not count
    return [i for i in out if votes[i] >= 1 or any(votes[a] > 0 for a in gz.ancestors(i)[1:])]


def _short_named_inside(gz: Gazetteer, parent: int, level: str, body: str) -> list[int]:
    """The places at ``level`` directly inside ``parent`` whose short name (金水 of 金水区) the body uses as a word of
    its own (followed by punctuation or a space, not by more characters: 城中 of 城中村 is no district)."""
    out = []
    for i, p in enumerate(gz.places):
        if p.parent == parent and p.level == level and len(p.alias) >= 2 and p.alias != p.name:
            if re.search(re.escape(p.alias) + r"(?![\u4e00-\u9fff])", body[:20000]):
                out.append(i)
    return out if len(out) == 1 else []


def _branch_district(gz: Gazetteer, issuer: str, city: int) -> int:
    """A city bureau's branch named by one of the city's districts without its 区 (宿迁市…局宿城分局 works in
    宿城区): that district, else the city."""
    for m in re.finditer(r"局([\u4e00-\u9fff]{2,3}?)分局", issuer):
        for i in gz.by_alias.get(m.group(1), ()):
            if gz.places[i].level == "county" and gz.places[i].parent == city:
                return i
    return city


def _home_level(issuer: str, body: str) -> str:
    """The level of the issuer's government: from the issuer's name, else from how the body speaks."""
    if issuer:
        for lv, pat in (("township", r"(?:街道|镇|乡)(?:人民政府|办事处|党委|党工委|委员会)"),
                        ("county", r"(?:县|区|旗)(?:人民政府|政府|委员会|委)"),
                        ("city", r"(?:市|州|盟|地区)(?:人民政府|政府|委员会|委)|(?:盟|地区)(?:行政公署|行署)"),
                        ("province", r"(?:省|自治区)(?:人民政府|政府|委员会|委)")):
            if re.search(pat, issuer.split("关于")[0]):
                return lv
    # the subject of the opening sentence (2024年,新海街道坚持 / 人民街街道办事处坚持 / 获嘉县坚持)
    m = re.search(r"([\u4e00-\u9fff]{2,12}?)(街道办事处|街道|镇人民政府|镇|乡|县|区|市)(?:坚持|堅持|认真|全面|深入|始终|在)", body[:200])
    if m:
        return {"街道办事处": "township", "街道": "township", "镇人民政府": "township", "镇": "township", "乡": "township",
                "县": "county", "区": "county", "市": "city"}[m.group(2)]
    counts = {lv: len(p.findall(body[:20000])) for lv, p in _HOME_WORDS.items()}
    if counts["township"] >= 2:
        return "township"
    best = max(("county", "city", "province"), key=lambda lv: counts[lv])
    return best if counts[best] else ""
