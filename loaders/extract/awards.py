"""Awards and designations: who (recipient) was named what (title) by whom (conferring bodies) and when.

Patterns of the genre: X被Y命名为/评为/确定为/授予/表彰为Z; X荣获/获得/获评Z(称号); 创成/成功创建Z; 巩固Z创建成果.
Recipients and conferring bodies pass through ``doc.resolve``; 我县/我局 stand for the report's own
jurisdiction or issuer; ``籍山、许镇、工山司法所`` is three recipients.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import Protected, clause_spans, plan_regions, split_outside, wrap_start
from fazhi.loaders.extract.places import find_places
from fazhi.loaders.extract.recipients import (COUNTED_TAIL, HEAD_NOISE, HOLDER_END, SELF_HEAD, org_head, place_list,
                                             recipients, resolved, sentence_subject, sentence_subjects)
from fazhi.loaders.facts import Award

PASSIVE_VERB = r"(?:命名为|命名|评为|评选为|评定为|确定为|认定为|确认为|表彰为|授予|列为|选树为|授牌为)"
# (or, after counted items, without 被: 4个单项项目命名为“全区…示范项目”)
PASSIVE = re.compile(r"(?:被(?P<by>[^,;。被]{0,40}?)(?:联合)?|(?<=项目|案例|单位|集体|做法|经验))" + PASSIVE_VERB)
# a compilation a case or practice was chosen for: 入选司法部《基层法治建设典型案例汇编》
INCLUDED = re.compile(r"入选(?:了)?(?P<by>[^,;。《》]{0,20}?)《(?P<title>[^《》\n]{2,60})》")
AWARD_TAIL = (r"(?:(?:示范|先进|优秀|标兵|模范|标杆|文明)[\u4e00-\u9fff]{0,8}?|试点[\u4e00-\u9fff]{0,4}|"
              r"平安(?:县|市|区|乡镇|街道|单位|医院|校园|村|社区)|案例|表现突出集体|达标单位|好项目|好案例|"
              r"[一二三]等奖|优秀奖|金奖|银奖|铜奖|奖|荣誉称号|称号|等次)")
ACTIVE = re.compile(r"(?:荣获|获得|获评|获|荣膺|喜获|摘得|入选|成功创建|成功创成|创成|成功获批|获批)(?:了)?"
                    r"(?P<title>[^,;。获]{2,50}?" + AWARD_TAIL + r"”?)(?:称号|荣誉称号|荣誉)?(?=[,;。、\s为的]|$)")
KEEP = re.compile(r"(?:巩固|深化|提升|保持)(?:[和与并及](?:深化|提升|巩固|拓展))?(?P<title>[^,;。]{2,40}?"
                  r"示范(?:区|县|市|单位|乡镇|街道))(?:创建)?成果")
DATE = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
AWARD_HINT = re.compile(r"示范|先进|优秀|试点|标兵|模范|单位|集体|奖|称号|典型|样板|品牌|基地|星级|达标|突出|式|第一|"
                        r"规范化|标准化|最美|十佳|红旗|精品|"
                        r"好|等次|"
                        r"荣誉|文明|平安|满意|金牌|五星|标杆|案例|实践")
NOT_AWARD = re.compile(r"不合法|违法|的情况|问题|失信|异常|黑名单|重点监管|整改")
AWARD_WORDS = re.compile(r"被|获|荣膺|入选|创成|创建|成果")
YEAR_HEAD = re.compile(r"(?:19|20)\d{2}年")
PASSIVE_VERB_RE = re.compile(PASSIVE_VERB)
_TITLE_WORD_END = re.compile(r"(?:荣誉称号|称号|荣誉)$")
_QUOTE_MARK = re.compile("[“”\"「」『』]")
_QUOTED_TITLE = re.compile(r"\s*[“\"「『][^“”\"「」『』]{2,40}[”\"」』](?:称号|荣誉称号)?")
_PAIR_SEP = re.compile(r"和|及|、")
_BY_SEP = re.compile(r"[、和]")
_JOINTLY_END = re.compile(r"联合$")
_SUBJECT_TRAIL = re.compile(r"(?:连续\S{1,3}年|在[^,]{0,30}中|先后|再次|首次|成功|均|都|也)+$")
_CLAUSE_MARK = re.compile(r"[,;。]")
# an award aimed at, not received: 力争更多案例入选…, 争取被评为…, 确保创成… (and every sentence of next steps)
AIM = re.compile(r"力争|争取|确保|目标是|计划|拟(?:申报|推荐)|推荐.{0,10}参评")


def extract_awards(doc) -> None:
    """Append an ``Award`` for every award or designation the report records."""
    text = doc.simple
    st = doc.structure
    body = st.body_start if st else 0
    protected = Protected(text, quotes=False)
    # the recipients a 均被授予 refers back to: the last award's, else the subjects of the latest sentence
    # that names one. Resolving every sentence's subjects is most of this extractor's cost and is rarely
    # needed, so the sentences since the last known value are kept and resolved, newest first, on demand.
    last_recipients: list[str] = []
    pending: list[tuple[int, int]] = []

    def last() -> list[str]:
        nonlocal last_recipients
        for pa, pb in reversed(pending):
            subjects = resolved(doc, sentence_subjects(text, pa, pb))
            if subjects:
                last_recipients = subjects
                break
        pending.clear()
        return last_recipients

    aims = plan_regions(doc)
    for sa, sb in (st.sentences if st else []):
        if sb <= body:
            continue
        sent = text[sa:sb]
        if AWARD_WORDS.search(sent) and any(a <= sa < b for a, b in aims):
            continue                      # next steps: what is to be won
        if not AWARD_WORDS.search(sent):
            pending.append((sa, sb))
            continue
        for ca, cb in clause_spans(text, sa, sb):
            clause = text[ca:cb]
            if AIM.search(clause):
                continue
            found = _passive(doc, text, sa, ca, cb, protected, last)
            if not found:
                found = _active(doc, text, sa, ca, cb, protected)
            if found:
                last_recipients = found
                pending.clear()
            if not found and len(clause) > 3 and not YEAR_HEAD.match(clause):
                # a new subject ends the reach of 均被授予 back to the last recipients
                if org_head(clause):
                    last_recipients = []
                    pending.clear()
        if not PASSIVE_VERB_RE.search(sent):
            pending.append((sa, sb))


def _titles(region: str) -> list[str]:
    """Award titles in ``region``, split at 、 outside quotes, without quotes and 称号."""
    parts = split_outside(region, "、", "“《(（", "”》)）")
    out = []
    for p in parts:
        p = _unquote(_TITLE_WORD_END.sub("", p.strip()).strip())
        if len(p) >= 2 and AWARD_HINT.search(p) and not NOT_AWARD.search(p):
            out.append(p)
    # 、 inside a title that is not a list (依法行政、法治建设示范单位): keep it whole
    if len(out) > 1 and any(len(p) < 5 for p in out):
        return [_unquote(region.strip())]
    return out


def _unquote(s: str) -> str:
    """“全国先进基层人民调解委员会” → 全国先进基层人民调解委员会 (a quote around the whole title only)."""
    if len(s) > 2 and s[0] in "“\"「『" and s[-1] in "”\"」』" and not _QUOTE_MARK.search(s[1:-1]):
        return s[1:-1]
    return s


def _date(text: str, sa: int, ca: int, upto: int) -> str:
    """The date written before the recipient: in the clause, or the clause before when it is only a date."""
    seg = text[ca:upto]
    m = DATE.search(seg)
    if not m:
        prev = [c for c in clause_spans(text, sa, ca) if c[1] <= ca]
        if prev:
            p = text[prev[-1][0]:prev[-1][1]]
            m = DATE.fullmatch(p.strip()) or DATE.match(p.strip())
            if m and len(p.strip()) > m.end() + 2:
                m = None
    if not m:
        return ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    if mo:
        return f"{y}-{int(mo):02d}"
    return ""


def _passive(doc, text, sa, ca, cb, protected, last) -> list[str]:
    """Awards written 被...评为/授予: ``last()`` gives the recipients named before, for a clause that names none."""
    clause = text[ca:cb]
    ms = [m for m in PASSIVE.finditer(clause) if not protected.covers(ca + m.start())]
    got: list[str] = []
    for i, m in enumerate(ms):
        # the recipient: after the previous award's titles (last 、) or from the clause start
        lo = ms[i - 1].end() if i else 0
        left = clause[lo:m.start()]
        if i:
            quoted = _QUOTED_TITLE.match(left)
            k = left.rfind("、")
            left = left[quoted.end():] if quoted else (left[k + 1:] if k >= 0 else "")
        else:
            left = text[wrap_start(text, ca):ca] + left    # 县公安局\n交警大队被评为: a hard line break

        hi = len(clause)
        if i + 1 < len(ms):
            nxt = clause[m.end():ms[i + 1].start()]
            k = nxt.rfind("、")
            hi = m.end() + (k if k >= 0 else len(nxt))
        region = clause[m.end():hi]
        quoted = _QUOTED_TITLE.match(region)
        if quoted and _places_follow(region[quoted.end():]):
            region = quoted.group(0)      # “…示范地区”土默特右旗、…: the title ends with its quote
        titles = _titles(region)
        if not titles:
            continue
        recips = recipients(doc, left, got or last())
        if "分别" in left and len(recips) > 1:
            # 区法院、区检察院分别被评为A和B: the n-th recipient gets the n-th title
            parts = [p for p in _PAIR_SEP.split(region) if p.strip()]
            paired = _titles("、".join(parts)) if len(parts) == len(recips) else []
            if len(paired) == len(recips):
                by = _conferrers(doc, m)
                date = _date(text, sa, ca, ca + m.start())
                for r, t in zip(recips, paired):
                    doc.facts.awards.append(Award(recipient=r, title=t, span=(ca, cb), conferred_by=by, date=date))
                got = recips
                continue
        by = _conferrers(doc, m)
        date = _date(text, sa, ca, ca + m.start())
        for r in recips:
            for t in titles:
                doc.facts.awards.append(Award(recipient=r, title=t, span=(ca, cb), conferred_by=by, date=date))
        got = recips
    return got


def _places_follow(rest: str) -> bool:
    """Whether the text after a quoted title opens with a place (the next statement's subject: “…示范地区”土默特右旗、
    固阳县…命名为…), not with the rest of the title (“枫桥式”司法所)."""
    return any(h[0] == 0 for h in find_places(rest[:10]))


def _conferrers(doc, m: re.Match) -> list[str]:
    """被国家卫健委、司法部联合表彰: each conferring body, resolved."""
    names = (doc.resolve(b) for b in _BY_SEP.split(_JOINTLY_END.sub("", (m.group("by") or "").strip())) if b)
    return [n for n in names if n]


def _active(doc, text, sa, ca, cb, protected) -> list[str]:
    clause = text[ca:cb]
    got: list[str] = []
    for pat in (INCLUDED, ACTIVE, KEEP):
        for m in pat.finditer(clause):
            if protected.covers(ca + m.start()) or (pat is ACTIVE and got and m.group(0).startswith("入选")):
                continue
            title = [m.group("title")] if pat is INCLUDED else _titles(m.group("title"))
            if not title:
                continue
            pre = _SUBJECT_TRAIL.sub("", HEAD_NOISE.sub("", clause[:m.start()]))
            # the whole subject when it names a holder (县人民法院行政审判庭), else the organisation it opens with
            subj = pre if HOLDER_END.search(pre) and not _CLAUSE_MARK.search(pre) else (org_head(pre) or pre)
            named = subj if (org_head(subj) or SELF_HEAD.match(subj) or COUNTED_TAIL.search(subj)
                             or place_list(doc, subj, loose=True)) else ""
            # a clause naming no one (…，荣获…称号) speaks of whom its sentence opens with (沁阳市不断深化…)
            recips = recipients(doc, named, [] if named else sentence_subject(doc, text, sa, ca))
            date = _date(text, sa, ca, ca + m.start())
            by = _conferrers(doc, m) if pat is INCLUDED else []   # 入选司法部《…》: the compiling body
            for r in recips:
                for t in title:
                    doc.facts.awards.append(Award(recipient=r, title=t, span=(ca, cb), conferred_by=by, date=date))
            got = recips
    return got
