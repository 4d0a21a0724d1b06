"""Links between the agencies of one report that its names and words give: the body each belongs to
(上蔡县人民政府办公室 → 上蔡县人民政府), the body an office is housed in (办公室设在县司法局), one name per party body."""
from __future__ import annotations

import re

from fazhi.loaders.extract.bureaus import SECTIONS
from fazhi.loaders.facts import Agency

# name forms that point to a parent body (…办公室 → …, …司法局X司法所 → …司法局, …委X委员会 → …委)
_PARENT_FORMS = [(re.compile(r"办公室$|办公厅$"), ""), (re.compile(r"(司法局|公安局).{1,6}(司法所|派出所)$"), r"\1"),
                 (re.compile(rf"([局委厅]){SECTIONS}(?:科|股|处)$"), r"\1"), (re.compile(r"(局)[\u4e00-\u9fff]{2,6}?分局$"), r"\1"),
                 (re.compile(r"(委).{2,12}委员会$"), r"\1"), (re.compile(r"委常务委员会$"), "委")]


# X设在Y / X挂靠Y / X依托Y: an office run from within another body (领导小组办公室设在县司法局)
HOSTED_IN = re.compile(r"\s*(?:设在|设于|挂靠(?:在|于)?|依托)\s*$")
_BUREAU_END = re.compile(r"[局厅]$")


def link_hosts(text: str, found, agencies: list[Agency]) -> None:
    """The body each office is housed in, where the text says so right between the two names."""
    by_start = sorted(((span, o) for o, span in found if span[1] > span[0]), key=lambda x: x[0])
    hosts = {}
    for (a, o), (b, h) in zip(by_start, by_start[1:]):
        if a[1] <= b[0] <= a[1] + 6 and o.name != h.name and HOSTED_IN.match(text[a[1]:b[0]]):
            hosts.setdefault(o.name, h.name)
    for ag in agencies:
        ag.housed_in = hosts.get(ag.name, "")


def merge_party_forms(agencies: list[Agency]) -> None:
    """When a report writes 中共将乐县委员会 in full, its 县委 is that body too: one name per body."""
    full = {a.name for a in agencies if a.name.startswith("中共") and a.name.endswith("委员会")}
    keep = []
    for a in agencies:
        if a.name.startswith("中共") and a.name.endswith("委") and a.name + "员会" in full:
            continue
        keep.append(a)
    agencies[:] = keep


def link_parents(agencies: list[Agency]) -> None:
    """Sub-organisation links the names themselves give, to bodies the report also names:
    上蔡县人民政府办公室 → 上蔡县人民政府, X领导小组办公室 → X领导小组, Y司法局Z司法所 → Y司法局."""
    names = {a.name for a in agencies}
    # the bureaus a unit may be named after (tried for every agency: picked out once)
    bureaus = {n for n in names if len(n) >= 4 and _BUREAU_END.search(n)}
    for a in agencies:
        for rx, rep in _PARENT_FORMS:
            cand = rx.sub(rep, a.name)
            if cand != a.name and cand in names:
                a.parent = cand
                break
        else:
            # a unit named after the body it belongs to (上蔡县公安局法制大队, …税务局第一税务所)
            # the longest bureau name this one opens with (its prefixes looked up, longest first)
            owner = next((a.name[:k] for k in range(len(a.name) - 1, 3, -1) if a.name[:k] in bureaus), "")
            if owner:
                a.parent = owner
                continue
            if a.kind == "department" and a.jurisdiction:
                gov = a.jurisdiction + "人民政府"
                if gov in names and gov != a.name:
                    a.parent = gov
