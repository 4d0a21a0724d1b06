"""Documents: every law, regulation, rule, notice, plan, opinion or report the report cites.

Found in 《》 (or «») with the document number that may follow in any bracket style (or with the brackets
lost in scraping); titles nested inside a title (<> 〈〉 ‹›) are documents of their own, promulgated by the
outer notice; obvious unbracketed ones after 出台/印发/制定 (…规定/办法/方案). Titles are kept as printed (the
original characters of a traditional-Chinese report), except that well-known short titles of national laws
are resolved to their full names (民法典 → 中华人民共和国民法典). Issuer and kind come from the number's
prefix (中发, 国办发, 豫政 …), the title's opening, or the body named right before the title.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.agencies import find_mentions
from fazhi.loaders.extract.docnames import (PROVINCE_ABBR, doc_kind, doc_rank, full_law_title, issuers_from_number,
                                            normalise_number)
from fazhi.loaders.facts import Document
from fazhi.ontology.ids import doc_key

TITLE = re.compile(r"《([^《》\n]{2,150})》|«([^«»\n]{2,150})»")
INNER = re.compile(r"[<〈‹]([^<>〈〉‹›]{2,120})[>〉›]")
_NUM_BODY = (r"([\u4e00-\u9fff]{1,14}?)\s*(?:[〔\[【(（]\s*((?:19|20)\d{2})\s*[〕\]】)）]|((?:19|20)\d{2})(?:\s+|年)?(?=\s*\d))"
             r"\s*(?:第\s*)?(\d{1,4})\s*号")
NUMBER = re.compile(_NUM_BODY)
# the year-in-brackets part of a number: found first, its issuer prefix read backwards (fast on long texts)
YEAR_NUMBER = re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*(?:第\s*)?\d{1,4}\s*号")
AFTER_TITLE = re.compile(r"(?:\s*[(（](?:以下简称|下称|简称)[^()（）]{1,20}[)）])?\s*[(（]?\s*" + _NUM_BODY + r"\s*[)）]?")
# decrees are numbered without a year: (国务院令第713号), (司法部令第1号)
DECREE = re.compile(r"\s*[(（]\s*([\u4e00-\u9fff]{1,12}令\s*第\s*\d{1,4}\s*号)\s*[)）]")
NEWSPAPER = re.compile(r"(?:日报|晚报|早报|时报|法治报|导报|杂志|电视台|广播电台|网)$")
IMPLEMENTS_BEFORE = re.compile(r"(?:贯彻落实|贯彻|落实|根据|按照|依据|依照|遵照|对照|执行)[^。;；\n]{0,6}$")
ISSUE_VERB = r"(?:印发|出台|制定|发布|修订|颁布|下发|出台了|印发了|制定了)?(?:的)?"
UNBRACKETED = re.compile(r"(?:出台|印发|制定|修订|贯彻落实|出台实施|制定出台|制定印发)(?:了|实施)?"
                         r"([\u4e00-\u9fff“”]{4,30}?(?:管理规定|规定|办法|细则|实施意见|指导意见|任务清单|责任清单))"
                         r"(?=[,，。;；、和及等并]|$)")
# a plan or outline whose 《》 and brackets were lost in scraping keeps its year range: 对照上海市法治政府建设规划2021－2025年
_PLAN_BODY = (r"([\u4e00-\u9fff]{4,30}?(?:规划|纲要|实施方案|方案))\s*[(（]?\s*"
              r"((?:19|20)\d{2}\s*[-－—–~至]{1,2}\s*(?:19|20)\d{2}\s*年)\s*[)）]?")
UNBRACKETED_PLAN = re.compile(r"(?:对照|对标|按照|根据|依据|贯彻落实|贯彻|落实|实施|印发|制定)(?:了)?" + _PLAN_BODY)
# the next plan of a list sharing the verb: 对照纲要 2021-2025年 和吉林省…实施方案 2021-2025年
NEXT_PLAN = re.compile(r"\s*(?:和|及|以及|与|、)\s*" + _PLAN_BODY)
# a title whose 《》 became quotes in scraping, known by the number after it: “山西省…实施方案”(晋发〔2016〕38号)
QUOTED_BEFORE = re.compile(r"[“\"「『]([^“”\"「」『』\n]{4,80})[”\"」』]\s*[(（]?\s*$")
# a title that is only a kind of document refers back to one named before (严格执行《条例》规定)
GENERIC_TITLE = re.compile(r"(?:实施)?(?:条例|规定|办法|意见|通知|决定|方案|纲要|规划|细则|法|计划|要点|实施意见|实施方案|暂行规定|暂行办法)")
# 《…》 also names programmes, columns, books and shows; these words after the title say so
NOT_A_DOCUMENT = re.compile(r"\s*(?:电视|广播|网络|普法)?(?:栏目|节目|专栏|专题片|微电影|宣传片|短视频|微视频|情景剧|杂志|期刊|报纸|"
                            r"公众号|动漫|宣传册|小册子|折页|晚会|文艺|歌曲|视频|直播|访谈|读本|漫画)")
# the smaller tests below, compiled once (they run for every title and number a report cites)
_SHORT_NAME_BEFORE = re.compile(r"(?:简称|以下称|下称)\s*$")
_DIGIT_AFTER = re.compile(r"\s*[(（]?\s*\d")
_SPACES = re.compile(r"\s+")
_PREFIX_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,14}$")
_NOT_A_NAME = re.compile(r"(?:的|了|和|与|及|各|等)")
_HAN_HEAD = re.compile(r"^([\u4e00-\u9fff]+)")
_DECREE_HEAD = re.compile(r"^([\u4e00-\u9fff]{2,14}?)令第")
_TITLE_ISSUERS = re.compile(r"^(.{0,40}?(?:人民政府办公室|人民政府办公厅|人民政府|国务院办公厅|国务院|中共中央办公厅|中共中央|委员会|"
                            r"办公室|办公厅|[省市县区]委|局|厅|部|委))(?:关于|在|印发)")
_ISSUER_SPLIT = re.compile(r"[、,，\s]|和(?=中共|国务院|[\u4e00-\u9fff]{2,8}人民政府)|(?<=中共中央)(?=国务院)|"
                           r"(?<=委)(?=[\u4e00-\u9fff]{2,8}人民政府)")
_ISSUERS_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{2,15}?、)?[\u4e00-\u9fff]{2,15}?)" + ISSUE_VERB + "$")
# _ISSUERS_BEFORE matches only Chinese characters and 、 up to the end (or a final newline): read on the reversed
# text, this finds where that last run starts, so the search need not try (and backtrack at) every earlier place
_LAST_RUN_REVERSED = re.compile(r"\n?[\u4e00-\u9fff、]*")
_LIST_JOINER = re.compile(r"\s*(?:、|和|及|以及|与|,|，)\s*")
_SENTENCE_END = re.compile(r"[。;；\n]")


def extract_documents(doc) -> None:
    """Every document the report cites, deduplicated by key; the report's own title cleaned of its issuer."""
    text, simple = doc.text, doc.simple
    resolve = doc.resolve
    _own_number(doc)
    found: list[Document] = []
    taken: list[tuple[int, int]] = []
    short_names: set[str] = set()
    for m in TITLE.finditer(simple):
        g = 1 if m.group(1) is not None else 2
        a, b = m.start(g), m.end(g)
        if NOT_A_DOCUMENT.match(simple, m.end()) or NEWSPAPER.search(simple[a:b]):
            continue
        if _SHORT_NAME_BEFORE.search(simple[max(0, m.start() - 6):m.start()]):
            short_names.add(simple[a:b].strip())
            continue                      # (以下简称《意见》): a short name for a document already cited
        if simple[a:b].strip() in short_names or GENERIC_TITLE.fullmatch(simple[a:b].strip()):
            continue                      # a later 《条例》 / 《意见》: that document again, not a new one
        title = text[a:b].strip()
        title_s = simple[a:b].strip()
        end = m.end()
        number = ""
        nm = AFTER_TITLE.match(simple, end)
        if nm and nm.start() == end and not _DIGIT_AFTER.match(simple[end:end + 3]):
            number = normalise_number(text[nm.start(1):nm.end()].strip(" )）"), nm)
            end = nm.end()
        elif (dm := DECREE.match(simple, end)):
            number = _SPACES.sub("", text[dm.start(1):dm.end(1)])
            end = dm.end()
        outer = _make(title, title_s, number, (m.start(), end), simple, resolve)
        found.append(outer)
        taken.append((m.start(), end))
        for im in INNER.finditer(title_s):
            ia, ib = a + im.start(1), a + im.end(1)
            inner = _make(text[ia:ib], im.group(1), "", (a + im.start(), a + im.end()), simple, resolve)
            inner.promulgated_by = outer.key()
            inner.issuers = inner.issuers or list(outer.issuers)
            inner.relation = outer.relation
            found.append(inner)
    st = doc.structure
    body_from = max(st.header_end, st.title_span[1]) if st else 0
    for ym in YEAR_NUMBER.finditer(simple):
        # a number cited on its own (根据豫政〔2020〕3号文件精神): a document known by its number
        pm = _PREFIX_BEFORE.search(simple[max(0, ym.start() - 14):ym.start()])
        if not pm:
            continue
        m_start = ym.start() - len(pm.group(0))
        if any(s <= m_start < e for s, e in taken) or m_start < body_from:
            continue                      # the header's 文号 is the report's own number
        start = m_start + _prefix_start(pm.group(0))
        m = ym
        number = normalise_number(text[start:m.end()])
        if len(number_prefix_of(number)) < 2 and not issuers_from_number(number):
            continue
        d = Document(number=number, span=(start, m.end()))
        d.issuers = issuers_from_number(number)
        qm = QUOTED_BEFORE.search(simple, max(0, start - 90), start)
        if qm and doc_kind(qm.group(1)):
            d.title, d.kind = text[qm.start(1):qm.end(1)], doc_kind(qm.group(1))
            d.span = (qm.start(), m.end())
        before = simple[max(0, start - 20):start]
        d.relation = "implements" if IMPLEMENTS_BEFORE.search(before) else "cites"
        found.append(d)
        taken.append((start, m.end()))
    for m in UNBRACKETED.finditer(simple):
        if any(s <= m.start(1) < e for s, e in taken):
            continue
        t = m.group(1)
        if _NOT_A_NAME.search(t):
            continue
        d = _make(text[m.start(1):m.end(1)], t, "", (m.start(), m.end()), simple, resolve)
        d.relation = "implements" if m.group(0).startswith("贯彻") else "cites"
        found.append(d)
    for m0 in UNBRACKETED_PLAN.finditer(simple):
        relation = "cites" if m0.group(0).startswith(("印发", "制定")) else "implements"
        m = m0
        while m:
            if any(s <= m.start(1) < e for s, e in taken) or _NOT_A_NAME.search(m.group(1)):
                break
            years = _SPACES.sub("", m.group(2))
            # a number printed after it, its brackets lost too: 吉发 2021 28号
            nm = AFTER_TITLE.match(simple, m.end())
            number = normalise_number(text[nm.start(1):nm.end()].strip(" )）"), nm) if nm else ""
            end = nm.end() if nm else m.end()
            # the brackets restored, so the plan is one document with its bracketed citations elsewhere
            d = _make(f"{text[m.start(1):m.end(1)]}（{years}）", f"{m.group(1)}({years})", number, (m.start(1), end),
                      simple, resolve)
            d.relation = relation
            twin = next((x for x in found if number and x.number == number and not x.title), None)
            if twin:
                found.remove(twin)       # the number read on its own before: this is its title
            found.append(d)
            taken.append((m.start(1), end))
            m = NEXT_PLAN.match(simple, end)
    chain = getattr(doc, "chain", None)
    for d in found:
        if d.number and _local_prefix(d.number, chain):
            own_place = issuers_from_number(d.number)
            d.issuers = [i for i in d.issuers if i not in own_place]
    _link_levels(found, simple)
    seen: set[str] = set()
    own = doc.meta.number and _key_of(doc.meta.number, doc.meta.title)
    numbered = {_key_of("", d.title): d for d in found if d.number}
    for d in found:
        k = d.key()
        twin = numbered.get(_key_of("", d.title)) if not d.number else None
        if twin is not None:
            # the same title cited once with its number and once without: one document, the numbered one
            if d.relation == "implements":
                twin.relation = "implements"
            continue
        if k in seen or (own and k == own):
            continue
        seen.add(k)
        doc.facts.documents.append(d)
    _clean_report_title(doc)


def _prefix_start(prefix: str) -> int:
    """Where a number's issuer prefix starts in the characters before its bracket: after the last word that
    cannot be part of it (根据豫政 → 豫政; 按照上政办 → 上政办)."""
    ends = [prefix.rfind(w) + len(w) for w in ("根据", "按照", "依据", "依照", "贯彻", "落实", "执行", "印发", "转发", "下发",
                                               "的", "和", "及", "与", "了", "在", "对", "于") if w in prefix]
    return max(ends, default=0)


def _local_prefix(number: str, chain) -> bool:
    """A number whose prefix opens with a province's one-character name but stands for the report's own city
    or county of another province (晋政办 in a 晋江市 report is 晋江's, not 山西's).

    >>> from fazhi.loaders.extract.places import Chain
    >>> c = Chain(province="福建省", city="泉州市", county="晋江市", home="county")
    >>> _local_prefix("晋政办〔2019〕26号", c), _local_prefix("闽委发〔2016〕11号", c), _local_prefix("晋发〔2016〕38号", Chain(province="山西省", city="晋中市"))
    (True, False, False)
    """
    p = number_prefix_of(number)
    prov = PROVINCE_ABBR.get(p[:1])
    if not (prov and chain is not None and chain.province) or prov == chain.province:
        return False
    return any(getattr(chain, lv, "").startswith(p[0]) for lv in ("city", "county", "township"))


def number_prefix_of(number: str) -> str:
    m = _HAN_HEAD.match(number)
    return m.group(1) if m else ""


def _key_of(number: str, title: str) -> str:
    return doc_key(number, title)


def _make(title: str, title_s: str, number: str, span, simple: str, resolve) -> Document:
    full = full_law_title(title_s)
    d = Document(title=full or title, number=number, span=span, kind=doc_kind(title_s))
    if full:
        d.abbreviation = title
    decree = _DECREE_HEAD.match(number)
    d.issuers = issuers_from_number(number) or ([resolve(decree.group(1))] if decree and resolve(decree.group(1)) else []) \
        or _issuers_from_title(title_s, resolve) or _issuers_before(simple, span[0], resolve)
    before = simple[max(0, span[0] - 20):span[0]]
    d.relation = "implements" if IMPLEMENTS_BEFORE.search(before) else "cites"
    d.date = issue_date(simple, span[0])
    return d


# a date opening the clause that issues the titles right after it: 2021年8月,中共中央、国务院印发《A》《B》
ISSUED_ON = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?(?:份)?[,，]?"
                       r"[^。;；\n《]{0,30}?(?:印发|出台|制定|发布|颁布|公布|修订|下发|审议通过)(?:了|实施)?"
                       r"(?:《[^《》\n]{2,150}》\s*(?:[(（][^()（）\n]{2,30}[)）])?[、,，和及与]?)*$")


def issue_date(simple: str, start: int) -> str:
    """The date the text says a document was issued on (as precise as written), from the clause before it.

    >>> t = "2021年8月,中共中央、国务院印发《法治政府建设实施纲要》《纲要二》"
    >>> issue_date(t, t.index("《")), issue_date(t, t.rindex("《"))
    ('2021-08', '2021-08')
    >>> t = "2023年,我局认真贯彻落实《行政处罚法》"   # carried out, not issued, that year
    >>> issue_date(t, t.index("《"))
    ''
    """
    m = ISSUED_ON.search(simple[max(0, start - 160):start])
    if not m:
        return ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo and not 1 <= int(mo) <= 12 or d and not 1 <= int(d) <= 31:
        return ""
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def _issuers_from_title(title: str, resolve) -> list[str]:
    """中共中央、国务院关于… / 上蔡县人民政府在…的实施意见: the bodies that open the title."""
    m = _TITLE_ISSUERS.match(title)
    if not m:
        return []
    out = []
    for part in _ISSUER_SPLIT.split(m.group(1)):
        name = resolve(part) if part else ""
        if name:
            out.append(name)
    return out


def _issuers_before(simple: str, start: int, resolve) -> list[str]:
    """严格执行国务院《…》 / 县政府印发《…》 / 党中央、国务院《…》: the bodies written right before the title."""
    before = simple[max(0, start - 30):start]
    m = _ISSUERS_BEFORE.search(before, len(before) - _LAST_RUN_REVERSED.match(before[::-1]).end())
    if not m:
        return []
    chunk = m.group(1)
    spans = find_mentions(chunk)
    if not spans or spans[-1][1] != len(chunk):
        return []
    out = []
    for s, e, full in spans:
        name = resolve(full or chunk[s:e])
        if name:
            out.append(name)
    return out


def _link_levels(found: list[Document], simple: str) -> None:
    """Documents cited together in one sentence at different levels (a central 纲要 and the provincial 实施方案
    that carries it out): the lower one implements the higher; the same for the documents they promulgate."""
    outers = [d for d in found if not d.promulgated_by]
    # a list of titles after 贯彻落实 shares the verb: 贯彻落实《A》(…)、《B》(…)
    for prev, d in zip(outers, outers[1:]):
        if prev.relation == "implements" and _LIST_JOINER.fullmatch(simple[prev.span[1]:d.span[0]]):
            d.relation = "implements"
    for d in found:
        if d.promulgated_by:
            parent = next((o for o in outers if o.key() == d.promulgated_by), None)
            if parent:
                d.relation = parent.relation
    inner_of = {}
    for d in found:
        if d.promulgated_by:
            inner_of.setdefault(d.promulgated_by, d)
    for i, hi in enumerate(outers):
        for lo in outers[i + 1:i + 6]:
            if lo.span[0] - hi.span[1] > 12:
                break
            between = simple[hi.span[1]:lo.span[0]]
            if len(between) > 12 or _SENTENCE_END.search(between):
                continue
            if not (hi.relation == lo.relation == "implements"):
                continue
            rh, rl = doc_rank(hi.issuers, hi.title), doc_rank(lo.issuers, lo.title)
            # a title that names no place beside one that does is the national document (法治政府建设实施纲要)
            rh = 0 if rh is None and rl is not None and rl > 0 else rh
            rl = 0 if rl is None and rh is not None and rh > 0 else rl
            if rh is None or rl is None or rh == rl:
                continue
            if rh > rl:
                hi, lo = lo, hi
            if hi.key() not in lo.implements:
                lo.implements.append(hi.key())
            ih, il = inner_of.get(hi.key()), inner_of.get(lo.key())
            if ih and il and ih.key() not in il.implements:
                il.implements.append(ih.key())


def _own_number(doc) -> None:
    """The report's own number printed on a line of its own just under its title (西政文〔2023〕5号)."""
    m = doc.meta
    if m.number:
        return
    a = m.title_span[1] if m.title_span[1] else 0
    for line in doc.simple[a:a + 200].split("\n")[:5]:
        s = line.strip()
        nm = NUMBER.fullmatch(s)
        if nm:
            m.number = normalise_number(s)
            return


def _clean_report_title(doc) -> None:
    """The report's title as printed (traditional characters kept); a title line printed as '<issuer> <title>'
    (with a space) names the title without the issuer."""
    m, norm = doc.meta, doc.norm
    a, b = m.title_span
    if not (b > a and norm):
        return
    if doc.text[a:b] != m.title and doc.simple[a:b] == m.title:
        m.title = doc.text[a:b]
    # what the report is, from its title's tail (关于印发…工作计划的通知 is a notice, not a plan)
    kind = doc_kind(doc.simple[a:b])
    m.kind = {"notice": "notice", "plan": "plan"}.get(kind, "report")
    k = m.title.find("关于")
    if k <= 0:
        return
    i = a + k
    if i < len(norm.origin) and norm.origin[i] - norm.origin[i - 1] > 1 and doc.raw[norm.origin[i] - 1].isspace():
        m.title = m.title[k:]
