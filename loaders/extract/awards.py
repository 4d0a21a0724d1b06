"""Awards and designations: who (recipient) was named what (title) by whom (conferring bodies) and when.

Patterns of the genre: X被Y命名为/评为/确定为/授予/表彰为Z; X荣获/获得/获评Z(称号); 创成/成功创建Z; 巩固Z创建成果.
Recipients and conferring bodies pass through ``doc.resolve``; 我县/我局 stand for the report's own
jurisdiction or issuer; ``籍山、许镇、工山司法所`` is three recipients.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import ORG_TAIL, Protected, clause_spans, self_target, split_outside
from fazhi.loaders.extract.orgnames import canonical
from fazhi.loaders.extract.places import find_places
from fazhi.loaders.facts import Award

PASSIVE_VERB = r"(?:命名为|命名|评为|评选为|评定为|确定为|认定为|确认为|表彰为|授予|列为|选树为|授牌为)"
PASSIVE = re.compile(r"被(?P<by>[^,;。被]{0,40}?)(?:联合)?" + PASSIVE_VERB)
AWARD_TAIL = (r"(?:(?:示范|先进|优秀|标兵|模范|标杆|文明)[\u4e00-\u9fff]{0,8}?|试点[\u4e00-\u9fff]{0,4}|"
              r"平安(?:县|市|区|乡镇|街道|单位|医院|校园|村|社区)|案例|表现突出集体|达标单位|好项目|好案例|"
              r"[一二三]等奖|优秀奖|金奖|银奖|铜奖|奖|荣誉称号|称号|等次)")
ACTIVE = re.compile(r"(?:荣获|获得|获评|获|荣膺|喜获|摘得|入选|成功创建|成功创成|创成|成功获批|获批)(?:了)?"
                    r"(?P<title>[^,;。获]{2,50}?" + AWARD_TAIL + r"”?)(?:称号|荣誉称号|荣誉)?(?=[,;。、\s为的]|$)")
KEEP = re.compile(r"(?:巩固|深化|提升|保持)(?:[和与并及](?:深化|提升|巩固|拓展))?(?P<title>[^,;。]{2,40}?"
                  r"示范(?:区|县|市|单位|乡镇|街道))(?:创建)?成果")
DATE = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
HEAD_NOISE = re.compile(r"^(?:[一二三四五六七八九十]+是|\(?[一二三四五六七八九十\d]+[)、.]|(?:19|"
                        r"20)\d{2}\s*年(?:\d{1,2}月)?"
                        r"(?:\d{1,2}日)?(?:度|以来|来)?|今年|全年|同时|此外|另外|其中|并|且|还|先后|经[^,]{0,20}|按[^,]{0,12}|"
                        r"在[^,]{0,20}中)\s*")
AWARD_HINT = re.compile(r"示范|先进|优秀|试点|标兵|模范|单位|集体|奖|称号|典型|样板|品牌|基地|星级|达标|突出|式|第一|"
                        r"规范化|标准化|最美|十佳|红旗|精品|"
                        r"好|等次|"
                        r"荣誉|文明|平安|满意|金牌|五星|标杆|案例|实践")
NOT_AWARD = re.compile(r"不合法|违法|的情况|问题|失信|异常|黑名单|重点监管|整改")
ABBREV = (("调委会", "人民调解委员会"), ("司法所所", "司法所"))
ORG_END = re.compile(ORG_TAIL + r"$")
# award holders include places and bodies that are not offices: communities, villages, schools, firms
HOLDER_TAIL = (ORG_TAIL[:-1] + r"|村居民区|社区|村|居委会|村委会|学校|医院|公司|企业|律师事务所|调解室|工作室|服务站|服务中心|"
               r"审判庭|法庭|科|股|室|队)")
HOLDER_END = re.compile(HOLDER_TAIL + r"$")
HEAD_ORG = re.compile(r"([\u4e00-\u9fff、()（）]{1,40}?" + HOLDER_TAIL + r")")
# HEAD_ORG's match, found faster (see _head_org): the first holder ending after the first character, and
# what may not stand before it
_HOLDER_TAIL_RX = re.compile(HOLDER_TAIL)
_NOT_IN_HEAD = re.compile(r"[^\u4e00-\u9fff、()（）]")
AWARD_WORDS = re.compile(r"被|获|荣膺|入选|创成|创建|成果")
YEAR_HEAD = re.compile(r"(?:19|20)\d{2}年")
PASSIVE_VERB_RE = re.compile(PASSIVE_VERB)
LIST_SEP = re.compile(r"[、和及]")
# the smaller tests below, compiled once
_ADVERB_EDGES = re.compile(r"^(?:均|都|也|还|又|并|共|分别)|(?:分别|均|都|也|还|又|先后)+$")
_ADVERB_TAIL = re.compile(r"(?:分别|均|都|也|还|又|先后)+$")
_ONLY_ADVERB = re.compile(r"^(?:均|都|也|分别)?$")
_COUNTED_PLACES = re.compile(r"^(?:全[省市县区镇乡]|我[省市县区])?(?:共)?有?\s*(?:\d+|[两二三四五六七八九十]+)\s*个"
                             r"(?:设区市|地级市|市|县|区|乡镇|镇|乡|街道|村|社区)")
_COUNTED_ITEMS = re.compile(r"^\d|^[两二三四五六七八九十]+[个项家名]")
_OWN_PLACE = re.compile(r"^(?:我|本)(?:县|市|区|州|旗|镇|乡|街道|省)$")
_TITLE_WORD_END = re.compile(r"(?:荣誉称号|称号|荣誉)$")
_QUOTE_MARK = re.compile("[“”\"「」『』]")
_PAIR_SEP = re.compile(r"和|及|、")
_BY_SEP = re.compile(r"[、和]")
_JOINTLY_END = re.compile(r"联合$")
_SUBJECT_TRAIL = re.compile(r"(?:连续\S{1,3}年|在[^,]{0,30}中|先后|再次|首次|成功|均|都|也)+$")
_CLAUSE_MARK = re.compile(r"[,;。]")
_SELF_HEAD = re.compile(r"^(?:我|本)")
_OPENING_PLACE = re.compile(r"(?:^|\n|,)\s*(?:(?:19|20)\d{2}年(?:以来|来)?,\s*)?(?:我)?([\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|"
                            r"旗|镇|乡|街道))"
                            r"(?=坚持|认真|全面|深入|紧紧|始终|以|在)")


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
            subjects = _resolved(doc, _sentence_subjects(text, pa, pb))
            if subjects:
                last_recipients = subjects
                break
        pending.clear()
        return last_recipients

    for sa, sb in (st.sentences if st else []):
        if sb <= body:
            continue
        sent = text[sa:sb]
        if not AWARD_WORDS.search(sent):
            pending.append((sa, sb))
            continue
        for ca, cb in clause_spans(text, sa, sb):
            clause = text[ca:cb]
            found = _passive(doc, text, sa, ca, cb, protected, last)
            if not found:
                found = _active(doc, text, sa, ca, cb, protected)
            if found:
                last_recipients = found
                pending.clear()
            if not found and len(clause) > 3 and not YEAR_HEAD.match(clause):
                # a new subject ends the reach of 均被授予 back to the last recipients
                head = _head(clause)
                if head:
                    last_recipients = []
                    pending.clear()
        if not PASSIVE_VERB_RE.search(sent):
            pending.append((sa, sb))


def _resolved(doc, names: list[str]) -> list[str]:
    """Canonical names (籍山司法所 → 南陵县司法局籍山司法所), without the collectives that resolve to ''."""
    return [n for n in (doc.resolve(x) for x in names) if n]


def _sentence_subjects(text: str, sa: int, sb: int) -> list[str]:
    """籍山、许镇、工山司法所完成验收 / 均被授予...: the subject list of one sentence, for an award in the next."""
    # the last clause that opens with an organisation: looked for from the end (most sentences name none)
    for a, b in reversed(clause_spans(text, sa, sb)):
        head = _head(text[a:b])
        if head:
            return _split_recipients(head)
    return []


def _head(clause: str) -> str:
    """The organisation a clause opens with, or ''."""
    s = HEAD_NOISE.sub("", clause)
    s = HEAD_NOISE.sub("", s)
    return _head_org(s)


def _head_org(s: str) -> str:
    """What ``HEAD_ORG.match(s)`` gives as its group, '' for no match: the text up to the end of the first
    holder ending that starts after the first character, within 40 characters, with nothing but Chinese
    characters, 、 and brackets before it. (The lazy pattern tries every ending at every length; one search
    jumps to the candidates.)

    >>> _head_org("县司法局积极开展"), _head_org("积极开展工作"), _head_org("2个项目被评为")
    ('县司法局', '', '')
    """
    t = _HOLDER_TAIL_RX.search(s, 1)
    if not t or t.start() > 40 or _NOT_IN_HEAD.search(s, 0, t.start()):
        return ""
    return s[:t.end()]


def _split_recipients(mention: str) -> list[str]:
    """籍山、许镇、工山司法所 → 籍山司法所, 许镇司法所, 工山司法所 (the shared tail goes to each).

    >>> _split_recipients("籍山、许镇、工山司法所")
    ['籍山司法所', '许镇司法所', '工山司法所']
    >>> _split_recipients("五龙镇人民政府")
    ['五龙镇人民政府']
    """
    for short, full in ABBREV:
        mention = mention.replace(short, full)
    parts = [p for p in _split_outside_places(mention) if p]
    if len(parts) < 2:
        return parts
    m = ORG_END.search(parts[-1])
    tail = m.group(0) if m else ""
    return [p if ORG_END.search(p) or not tail else p + tail for p in parts]


def _strip_adverbs(mention: str) -> str:
    """Drop adverbs at the edges (均, 共, 分别), not the first character of a place's name (共和县, 都江堰市).

    >>> _strip_adverbs("共和县人民政府"), _strip_adverbs("均县司法局"), _strip_adverbs("都江堰市司法局分别")
    ('共和县人民政府', '县司法局', '都江堰市司法局')
    """
    m = _ADVERB_EDGES.match(mention)
    if m and m.end():
        hits = find_places(mention[:12])
        if hits and hits[0][0] == 0:
            return _ADVERB_TAIL.sub("", mention)
    return _ADVERB_EDGES.sub("", mention)


def _split_outside_places(mention: str) -> list[str]:
    """Split at 、和及, except inside a place's name (呼和浩特市, 平和县, 和平区 are one name each).

    >>> _split_outside_places("平和县司法局和兴和县公安局")
    ['平和县司法局', '兴和县公安局']
    >>> _split_outside_places("县法院和县检察院")
    ['县法院', '县检察院']
    """
    if not LIST_SEP.search(mention):
        return [mention]
    inside = [(a, b) for a, b, _ in find_places(mention)]
    parts, last = [], 0
    for m in LIST_SEP.finditer(mention):
        if not any(a <= m.start() < b for a, b in inside):
            parts.append(mention[last:m.start()])
            last = m.end()
    parts.append(mention[last:])
    return parts


def _recipients(doc, mention: str, fallback: list[str]) -> list[str]:
    mention = HEAD_NOISE.sub("", HEAD_NOISE.sub("", mention.strip())).strip("“”\"")
    mention = _strip_adverbs(mention)
    if not mention or _ONLY_ADVERB.match(mention):
        return fallback or [_report_subject(doc)]
    if _COUNTED_PLACES.match(mention):
        return []                         # 全省有3个设区市…被命名为: places it does not name, not the province
    if _COUNTED_ITEMS.match(mention):
        # 2个项目被评为...: items of the unit last named
        return fallback or [_report_subject(doc)]
    me = self_target(mention, doc)
    if me and len(mention) > 3:
        inner = doc.resolve(mention)
        if inner and inner != mention:
            return [inner]                # 我局第一税务所: the unit of the issuer, not the issuer
    if me:
        return [me]
    if _OWN_PLACE.match(mention):
        return [_report_subject(doc) or mention]
    place = _whole_place(doc, mention)
    if place:
        return [place]                    # 长阳县被…命名为: the place itself, by its full name
    if not HOLDER_END.search(mention):
        # 县司法局报送的案例: the organisation it opens with; else whoever was named last
        head = _head_org(mention)
        if not head:
            return fallback or [_report_subject(doc)]
        mention = head
    names = [n for n in (doc.resolve(p) for p in _split_recipients(mention)) if n]
    return names or fallback or [_report_subject(doc)]


def _whole_place(doc, mention: str) -> str:
    """The full, qualified name of a mention that is nothing but a listed place (长阳县, 海淀区), else ''."""
    hits = find_places(mention)
    if not hits or hits[0][0] != 0 or hits[-1][1] != len(mention) or getattr(doc, "chain", None) is None:
        return ""
    o = canonical(mention, doc.chain)
    return o.jurisdiction if o and o.jurisdiction and ";" not in o.jurisdiction else ""


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
            k = left.rfind("、")
            left = left[k + 1:] if k >= 0 else ""
        hi = len(clause)
        if i + 1 < len(ms):
            nxt = clause[m.end():ms[i + 1].start()]
            k = nxt.rfind("、")
            hi = m.end() + (k if k >= 0 else len(nxt))
        region = clause[m.end():hi]
        titles = _titles(region)
        if not titles:
            continue
        recips = _recipients(doc, left, got or last())
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


def _conferrers(doc, m: re.Match) -> list[str]:
    """被国家卫健委、司法部联合表彰: each conferring body, resolved."""
    names = (doc.resolve(b) for b in _BY_SEP.split(_JOINTLY_END.sub("", m.group("by").strip())) if b)
    return [n for n in names if n]


def _active(doc, text, sa, ca, cb, protected) -> list[str]:
    clause = text[ca:cb]
    got: list[str] = []
    for pat in (ACTIVE, KEEP):
        for m in pat.finditer(clause):
            if protected.covers(ca + m.start()):
                continue
            title = _titles(m.group("title"))
            if not title:
                continue
            pre = _SUBJECT_TRAIL.sub("", HEAD_NOISE.sub("", clause[:m.start()]))
            # the whole subject when it names a holder (县人民法院行政审判庭), else the organisation it opens with
            head = pre if HOLDER_END.search(pre) and not _CLAUSE_MARK.search(pre) else (_head(pre) or pre)
            recips = _recipients(doc, head if _head(head) or _SELF_HEAD.match(head) else "", [])
            date = _date(text, sa, ca, ca + m.start())
            for r in recips:
                for t in title:
                    doc.facts.awards.append(Award(recipient=r, title=t, span=(ca, cb), date=date))
            got = recips
    return got


def _report_subject(doc) -> str:
    """Whom an award without a named recipient goes to: the report's jurisdiction, else its issuer, else the
    place the report's first sentence opens with (2025年,城中区坚持...)."""
    if doc.meta.jurisdiction or doc.meta.issuer:
        return doc.meta.jurisdiction or doc.meta.issuer
    body = doc.simple[(doc.structure.body_start if doc.structure else 0):][:400]
    m = _OPENING_PLACE.search(body)
    return doc.resolve(m.group(1)) if m else ""
