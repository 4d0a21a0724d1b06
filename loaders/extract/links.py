"""Chain links between what the other extractors found: who implements what, who issues what.

Runs last. It reads ``doc.facts.documents`` and ``doc.facts.obligations`` and only adds links that are
missing, so it never doubles what the documents extractor already decided:

- a clause that carries documents out (为贯彻落实《A》(中发…)、《B》(豫发…)) makes the report implement
  them, and, when they are of different levels, each lower one implement the nearest higher one;
- a notice that issues a plan (关于印发<X>的通知) promulgates X;
- an obligation whose text names a higher document (按照《X》要求…) is derived from it.
"""
from __future__ import annotations

import bisect
import re

from fazhi.loaders.extract.docnames import own_key, scope_of
from fazhi.loaders.facts import Document

# what opens a clause carrying documents out; 依据/根据 a law is a citation, so laws are left out below
IMPLEMENT_CUE = re.compile(r"(贯彻落实|贯彻执行|贯彻|落实|按照|根据|依照|遵照|执行|实施|对照|对标)")
LAW_TITLE = re.compile(r"(法|法典|条例|宪法|法律|解释)$")
PROMULGATES = re.compile(r"关于(?:印发|颁布|发布|转发|公布)\s*[<＜〈《“\"]?(.+?)[>＞〉》”\"]?\s*的(?:通知|决定|命令)")

LEVELS = {"national": 0, "provincial": 1, "municipal": 2, "county": 3, "township": 4}
# the issuer part of a document number: central and State Council series, one-character provinces
_NATIONAL_NO = re.compile(r"^(中发|中办发|中办|国发|国办发|国函|国办函|国令|司发|司办|司法部|最高人民|中组发|中纪发)")
_PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PROVINCIAL_NO = re.compile(rf"^[{_PROVINCE_CHARS}](?:发|政|办|委|司|法|财|人社|民|环|交|农|卫|教|公|市监|府)")


def document_level(doc: Document) -> int | None:
    """How high a document stands (0 national … 4 township), from its issuer in the title or its number.

    >>> document_level(Document(title="中共中央、国务院关于印发<纲要>的通知", number="中发〔2015〕36号"))
    0
    >>> document_level(Document(title="", number="豫发〔2016〕31号"))
    1
    >>> document_level(Document(title="驻马店市人民政府关于印发实施方案的通知"))
    2
    >>> document_level(Document(title="上蔡县法治政府建设实施方案")), document_level(Document(title="规划"))
    (3, None)
    """
    issuer = doc.title.split("关于", 1)[0] if "关于" in doc.title else doc.title[:12]
    probe = issuer + " " + " ".join(doc.issuers)
    if re.search(r"中共中央|国务院|中央|全国|国家|司法部|最高人民", probe):
        return 0
    if re.search(r"自治区|(?:北京|天津|上海|重庆)市", probe):
        return 1
    # the lowest administrative unit named decides (河南省驻马店市上蔡县人民政府 is a county body)
    places = re.findall(r"省|自治州|市|县|区|旗|乡|镇|街道", re.sub(r"市场|市政|城市|社区|园区|地区|区域", "", probe))
    if places:
        return {"省": 1, "自治州": 2, "市": 2, "县": 3, "区": 3, "旗": 3}.get(places[-1], 4)
    number = doc.number.strip()
    if _NATIONAL_NO.match(number):
        return 0
    if _PROVINCIAL_NO.match(number):
        return 1
    return None


def _level(d: Document, before: str) -> int | None:
    """A document's level from itself, else from the issuer words written just before it."""
    lvl = document_level(d)
    if lvl is None and before.strip("、，, 和及与暨以"):
        lvl = document_level(Document(title=before.strip("、，, 和及与暨以") + "关于"))
    return lvl


def _is_law(d: Document) -> bool:
    return bool(LAW_TITLE.search(d.title)) and not d.number


def _inside_title(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a 《title》 (a cue word in 《某某实施方案》 is no cue)."""
    opened = text.rfind("《", 0, pos)
    return opened >= 0 and text.rfind("》", opened, pos) < 0


def carried_out_lists(text: str, docs: list[Document]) -> list[list[tuple[Document, str]]]:
    """The lists of documents that follow a cue of carrying out (贯彻落实《A》、《B》…), one list per cue.

    The first document must follow the cue closely (no clause break, at most 20 characters: 贯彻落实党中央、
    国务院《A》), the next ones must follow each other joined by 、 和 及 与 and at most a short issuer phrase
    (和省委、省政府《B》), after an optional (document number). Each document comes with the words just
    before it (党中央、国务院), which tell its level when its title does not.
    """
    ordered = sorted((d for d in docs if d.span[1] > d.span[0]), key=lambda d: d.span)
    starts = [d.span[0] for d in ordered]
    out = []
    for m in IMPLEMENT_CUE.finditer(text):
        if _inside_title(text, m.start()):
            continue
        i = bisect.bisect_left(starts, m.end())      # the first document after the cue
        if i == len(ordered):
            break
        first = ordered[i]
        gap = text[m.end():first.span[0]]
        if len(gap) > 20 or re.search(r"[，,。；;：:！!？?\n]", gap):
            continue
        found = [(first, gap)]
        for d in ordered[i + 1:]:
            last = found[-1][0]
            if d.span[0] < last.span[1]:
                continue  # a plan named inside a notice's title shares the notice's span
            between = _NUMBER_PAREN.sub("", text[last.span[1]:d.span[0]], count=1)
            if not _JOINER.fullmatch(between):
                break
            found.append((d, between))
        out.append(found)
    return out


_NUMBER_PAREN = re.compile(r"^\s*[(（][^()（）]{0,30}[)）]")
_JOINER = re.compile(r"[\s、，,]{0,2}(?:和|及|以及|与|暨)?[^，,。；;：:！？!?《》()（）\n]{0,12}")


def link_implementing_clauses(doc) -> None:
    """Documents carried out by the report, and lower-level ones implementing higher ones in one list."""
    docs = doc.facts.documents
    if not docs:
        return
    report_key = _report_key(doc)
    for listed in carried_out_lists(doc.simple, docs):
        # a plan named in its notice's title rides with the notice; laws are cited, not carried out
        inside = [(d, before) for d, before in listed if not _is_law(d) and not d.promulgated_by]
        for d, _ in inside:
            if d.relation == "cites" and d.key() != report_key:
                d.relation = "implements"
                for issued in docs:       # the plan the notice issued rides with it
                    if issued.promulgated_by == d.key() and issued.relation == "cites":
                        issued.relation = "implements"
        ranked = [(_level(d, before), d) for d, before in inside]
        ranked = [r for r in ranked if r[0] is not None]
        for lvl, lower in ranked:
            higher = [hl for hl, _ in ranked if hl < lvl]
            if not higher:
                continue
            for hl, h in ranked:
                if hl == max(higher) and h.key() != lower.key() and h.key() not in lower.implements:
                    lower.implements.append(h.key())


def link_issued_plans(doc) -> None:
    """When a lower notice implements a higher one and both issue plans, the lower plan implements the higher."""
    docs = doc.facts.documents
    issued: dict[str, list[Document]] = {}
    for d in docs:
        if d.promulgated_by:
            issued.setdefault(d.promulgated_by, []).append(d)
    if not issued:
        return                            # no issued plans (most reports): nothing to link
    implementing = [(d.key(), list(d.implements)) for d in docs]
    # the report itself implements what it names with relation "implements"
    implementing.append((_report_key(doc), [d.key() for d in docs if d.relation == "implements"]))
    by_key = {d.key(): d for d in docs}
    for key, highers in implementing:
        highers = [h for h in highers if issued.get(h)]
        levels = {h: document_level(by_key[h]) if h in by_key else None for h in highers}
        known = [lv for lv in levels.values() if lv is not None]
        if known:  # the nearest higher level only: a county plan implements the provincial plan
            highers = [h for h in highers if levels[h] is None or levels[h] == max(known)]
        for higher in highers:
            for low_plan in issued.get(key, []):
                for high_plan in issued[higher]:
                    if high_plan.key() not in low_plan.implements and high_plan.key() != low_plan.key():
                        low_plan.implements.append(high_plan.key())


def title_key(title: str) -> str:
    """A title made comparable across full/half-width forms, spaces and the brackets around nested titles.

    >>> title_key("法治政府建设实施纲要（2015－2020年）") == title_key("《法治政府建设实施纲要(2015-2020年)》")
    True
    """
    import unicodedata

    return re.sub(r"[\s《》<>〈〉＜＞]", "", unicodedata.normalize("NFKC", title))


def _inner_title(title: str) -> str:
    """The plan a notice issues, from the notice's title ('' when it issues none).

    >>> _inner_title("示例省人民政府关于印发<示例省实施方案>的通知"), _inner_title("关于做好某工作的通知")
    ('示例省实施方案', '')
    """
    m = PROMULGATES.search(title)
    inner = re.sub(r"\s+", "", m.group(1)).strip("《》<>") if m else ""
    return "" if inner == re.sub(r"\s+", "", title) else inner


def link_promulgated_plans(doc) -> None:
    """A notice that issues a plan (关于印发<X>的通知) promulgates X: add X when missing, or the link.

    The notice is a document the report names, or the report itself when its own title says so.
    """
    docs = doc.facts.documents
    # (the notices first: most reports name none, and then no title needs folding)
    notices = [(inner, d.key(), d.span, list(d.issuers)) for d in docs for inner in [_inner_title(d.title)] if inner]
    own = _inner_title(doc.meta.title) if doc.meta.title else ""
    if own:
        issuer = [doc.meta.issuer] if doc.meta.issuer else []
        notices.append((own, _report_key(doc), doc.meta.title_span, issuer))
    if not notices:
        return
    by_title = {title_key(d.title): d for d in docs if d.title}
    for inner, key, span, issuers in notices:
        plan = by_title.get(title_key(inner))
        if plan is None:
            kind = "plan" if re.search(r"纲要|规划|方案|计划|要点|意见|办法|规定|细则", inner) else ""
            plan = Document(title=inner, span=span, kind=kind, issuers=issuers, promulgated_by=key,
                            scope=scope_of(inner, doc.meta.issuer or doc.meta.jurisdiction))
            docs.append(plan)
            by_title[title_key(inner)] = plan
        elif not plan.promulgated_by:
            plan.promulgated_by = key


def link_obligations(doc) -> None:
    """An obligation whose text names a document (《title》 or its number) is derived from that document."""
    report_key = _report_key(doc)
    # keys computed once: a long report has thousands of obligations
    docs = [(d, d.key(), f"《{d.title}》" if d.title else "") for d in doc.facts.documents if d.title or d.number]
    docs = [x for x in docs if x[1] != report_key]
    for o in doc.facts.obligations:
        if o.derived_from:
            continue
        for d, key, quoted in docs:
            if key == o.source_document:
                continue
            if (quoted and quoted in o.text) or (d.number and d.number in o.text) \
                    or (d.span[0] >= o.span[0] and d.span[1] <= o.span[1] and d.span[1] > d.span[0]):
                o.derived_from = key
                break


def _report_key(doc) -> str:
    return own_key(doc.meta)


def extract_links(doc) -> None:
    """Add the chain links (implements, promulgates, derived-from) the other extractors left out."""
    link_promulgated_plans(doc)
    link_implementing_clauses(doc)
    link_issued_plans(doc)
    link_obligations(doc)
