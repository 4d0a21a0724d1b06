"""Agencies: every organisation the report names.

Mentions are found by ``mentions.find_mentions``; each is turned into its canonical name by the report's
resolver (``resolver.Resolver``: ``orgnames.canonical``, qualified by the report's place, read by
``reading.read_context``). Collective phrases
(各乡镇, 县直各单位), places alone and clause fragments are not agencies.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.agencylinks import link_hosts, link_parents, merge_party_forms
from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.extract.namegrammar import (
    BACKREF_HINT,
    BACKREF_OFFICE,
    BARE,
    CLAUSE_SEP,
    JOINT_ACT,
    LIST_SUFFIX_HINT,
    PARTNER_VERB,
    SUBJECT_VERB,
    TOWNSHIP_NAME,
)
from fazhi.loaders.extract.orgnames import OrgName, issuing_body, kind_of
from fazhi.loaders.extract.places import Chain, find_places, gazetteer, township_short
from fazhi.loaders.extract.wording import COLLECTIVE_BEFORE, COLLECTIVE_CLAUSE, COLLECTIVE_LIST
from fazhi.loaders.facts import Agency

__all__ = ["extract_agencies", "find_mentions"]   # (find_mentions: re-exported)


def extract_agencies(doc) -> None:
    """Every organisation the report names, canonical and qualified (by the report's reading: its jurisdiction,
    its issuer and the resolver every extractor names bodies with)."""
    r, text = doc.reading, doc.simple
    chain, issuer = r.chain, r.issuer
    issuer_name = issuer.name if issuer else ""
    found = _mentioned(text, chain, r.resolver.org)
    found.extend(_listed_stations(text, chain))
    found.extend(_branches(text, chain, issuer_name))
    found.extend(_office_backrefs(text, found))
    if issuer:
        # the issuer's evidence is the title that names it, else its first mention in the text
        if r.meta.title_span[1]:
            found.insert(0, (issuer, r.meta.title_span))
        else:
            found.append((issuer, (0, 0)))
    seen: set[str] = set()
    for o, span in found:
        if o.name in seen or len(o.name) < 2:
            continue
        seen.add(o.name)
        doc.facts.agencies.append(Agency(o.name, span, o.kind, o.level, o.jurisdiction, o.parent,
                                         mention=text[span[0]:span[1]]))
    merge_party_forms(doc.facts.agencies)
    link_parents(doc.facts.agencies)
    link_hosts(text, found, doc.facts.agencies)


def _mentioned(text: str, chain: Chain, org) -> list[tuple[OrgName, tuple[int, int]]]:
    """The bodies the finder's mentions name (``org``: mention → canonical body or None), in the text's order;
    not a collective phrase's (各成员单位), nor a place that does not act as a body there."""
    found: list[tuple[OrgName, tuple[int, int]]] = []
    spans = find_mentions(text, chain)
    span_ends = {e for _, e, _ in spans}
    span_starts = {s for s, _, _ in spans}
    for s, e, full in spans:
        mention = full or text[s:e]
        if _collective_at(text, s, mention):
            continue
        if not full and _is_bare_place(mention) and not _acts_as_body(text, s, e, mention, chain, span_ends,
                                                                      span_starts):
            continue
        o = org(mention)
        if o:
            found.append((o, (s, e)))
            station = _STATION_OF.search(text[s:e])     # (as written: 灵隐司法所 names no 司法局)
            if station and (bureau := org(text[s:s + station.end(1)])):
                found.append((bureau, (s, s + station.end(1))))   # 县司法局安太司法所 names the 司法局 too
    return found


def _collective_at(text: str, s: int, mention: str) -> bool:
    """Whether the mention at ``s`` is one of many the words before it speak of (各/全/所属 …, 各成员单位均…,
    各股室、税务所) or a title's words (“枫桥式”税务所)."""
    if COLLECTIVE_BEFORE.search(text[max(0, s - 2):s]):
        return True
    if not BARE.fullmatch(mention):
        return False
    if COLLECTIVE_CLAUSE.search(CLAUSE_SEP.split(text[max(0, s - 30):s])[-1]):
        return True                       # 各成员单位均已成立法治政府建设领导小组: each unit's own, not one body
    return (text[s - 1:s] == "、" and bool(COLLECTIVE_LIST.search(text, max(0, s - 40), s))
            or text[s - 1:s] in ("”", "」", "』"))


def _acts_as_body(text: str, s: int, e: int, mention: str, chain: Chain, span_ends: set, span_starts: set) -> bool:
    """A place acts as a body only as a subject or in a list of bodies (请县公安局、五龙镇介绍), or as the township
    a township's report speaks of; not after 在/于/到/赴 outside a list."""
    after = text[e:e + 4]
    listed = (text[s - 1:s] == "、" and s - 1 in span_ends) or (after[:1] == "、" and e + 1 in span_starts)
    home = getattr(chain, chain.home, "") if chain.home else ""
    partner = PARTNER_VERB.search(text[max(0, s - 2):s]) and JOINT_ACT.match(after)
    if text[s - 1:s] in ("在", "于", "到", "赴") and not listed:
        return False
    return bool(listed or partner or SUBJECT_VERB.match(after)
                or (home and mention.endswith(home) and chain.home == "township"))


def _is_bare_place(mention: str) -> bool:
    hits = find_places(mention)
    return bool(hits) and hits[-1][1] == len(mention) or bool(TOWNSHIP_NAME.fullmatch(mention))


_LIST_SUFFIX = re.compile(r"((?:[\u4e00-\u9fff]{2,3}、)+)([\u4e00-\u9fff]{2,3})(司法所|派出所)")


def _listed_stations(text: str, chain: Chain):
    """籍山、许镇、工山司法所: each township's 司法所 (its short names must be townships of the county)."""
    short = township_short()
    gz = gazetteer()
    for m in _LIST_SUFFIX.finditer(text) if LIST_SUFFIX_HINT.search(text) else ():
        items = m.group(1).rstrip("、").split("、") + [m.group(2)]
        ok = [it for it in items if any(gz.places[gz.places[i].parent].name == chain.county for i in short.get(it, ()))]
        if len(ok) < 2 or not chain.county:
            continue
        pos = m.start()
        for it in items:
            k = text.find(it, pos)
            pos = k + len(it)
            dept = "司法局" if m.group(3) == "司法所" else "公安局"
            yield OrgName(chain.at("county") + dept + it + m.group(3), "department", "township", chain.at("county")), (k, pos)


# a station named after its bureau (县司法局安太司法所, 县公安局城关派出所)
_STATION_OF = re.compile(r"(司法局|公安局)[\u4e00-\u9fff]{2,4}?(?:司法所|派出所)$")
_BRANCH = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})分局")


def _branches(text: str, chain: Chain, issuer: str):
    """涪城分局、游仙分局 in a city bureau's report: the bureau's branches in its districts, named by their short
    names (a district of the bureau's own city; 分局 after any other word is no branch of it)."""
    bureau = issuing_body(issuer)
    gz = gazetteer()
    city = [i for i in gz.by_name.get(chain.city, ()) if gz.places[i].level == "city"]
    if not (bureau.startswith(chain.city) and bureau.endswith("局") and len(city) == 1 and "分局" in text
            and kind_of(bureau) == "department" and not find_places(bureau[len(chain.city):])):
        return
    for m in _BRANCH.finditer(text):
        if any(gz.places[i].parent == city[0] for i in gz.by_alias.get(m.group(1), ())):
            yield OrgName(bureau + m.group(0), "department", "municipal", chain.city, bureau), m.span()


def _office_backrefs(text: str, found) -> list:
    """领导小组办公室设在法制股 / 办公室牵头…: the office of the leading group named last before it."""
    groups = sorted((span[0], o) for o, span in found if o.name.endswith("领导小组"))
    out = []
    for m in BACKREF_OFFICE.finditer(text) if groups and BACKREF_HINT.search(text) else ():
        prior = [o for pos, o in groups if pos < m.start(1)]
        if prior:
            g = prior[-1]
            out.append((OrgName(g.name + "办公室", "leading_group", g.level, g.jurisdiction, g.name), m.span(1)))
    return out
