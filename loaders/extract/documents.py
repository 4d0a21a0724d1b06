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

from fazhi.loaders.extract.docnames import (PROVINCE_ABBR, doc_kind, doc_rank, full_law_title, issue_date,
                                            issuers_before, issuers_from_number, issuers_from_title, names_a_place,
                                            normalise_number, own_key, scope_of)
from fazhi.loaders.facts import Document, document_key

# a title in 《》 (or «»); one printed across a line break (a scraped page's hard wrap) is one title; one whose 》
# was lost before the next title of a list (《A、《B》) ends at the joiner
TITLE = re.compile(r"《([^《》\n]{2,150})》|«([^«»\n]{2,150})»|"
                   r"《([^《》\n。；;！？]{1,100}\n[ \t\u3000]*[^《》\n。；;！？]{1,100})》|"
                   r"《([^《》\n]{2,150}?)(?=[、，,和及与]\s*《)")
_LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
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
UNBRACKETED = re.compile(r"(?:出台实施|制定出台|制定印发|出台|印发|制定|修订|贯彻落实)(?:了|实施)?"
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
_LIST_JOINER = re.compile(r"\s*(?:、|和|及|以及|与|,|，)\s*")
_SENTENCE_END = re.compile(r"[。;；\n]")


def extract_documents(doc) -> None:
    """Every document the report cites, deduplicated by key (not the report itself)."""
    found: list[Document] = []
    taken: list[tuple[int, int]] = []
    owner = doc.meta.issuer or doc.meta.jurisdiction      # whose own a placeless plan or report is
    _titled(doc, found, taken, owner)
    _numbers_alone(doc, found, taken, owner)
    _unbracketed(doc, found, taken, owner)
    _unbracketed_plans(doc, found, taken, owner)
    for d in found:
        if d.number and _local_prefix(d.number, doc.chain):
            own_place = issuers_from_number(d.number)
            d.issuers = [i for i in d.issuers if i not in own_place]
    _link_levels(found, doc.simple)
    _keep(doc, found)


def _titled(doc, found: list[Document], taken: list, owner: str) -> None:
    """Titles in 《》 with the number or decree printed after them, and the titles nested inside them."""
    text, simple, resolve = doc.text, doc.simple, doc.resolve
    short_names: set[str] = set()
    for m in TITLE.finditer(simple):
        g = next(i for i in (1, 2, 3, 4) if m.group(i) is not None)
        a, b = m.start(g), m.end(g)
        if NOT_A_DOCUMENT.match(simple, m.end()) or NEWSPAPER.search(simple[a:b]):
            continue
        if _SHORT_NAME_BEFORE.search(simple[max(0, m.start() - 6):m.start()]):
            short_names.add(simple[a:b].strip())
            continue                      # (以下简称《意见》): a short name for a document already cited
        if simple[a:b].strip() in short_names or GENERIC_TITLE.fullmatch(simple[a:b].strip()):
            continue                      # a later 《条例》 / 《意见》: that document again, not a new one
        title = _LINE_BREAK.sub("", text[a:b]).strip()
        title_s = _LINE_BREAK.sub("", simple[a:b]).strip()
        end = m.end()
        number = ""
        nm = AFTER_TITLE.match(simple, end)
        if nm and nm.start() == end and not _DIGIT_AFTER.match(simple[end:end + 3]):
            number = normalise_number(text[nm.start(1):nm.end()].strip(" )）"), nm)
            end = nm.end()
        elif (dm := DECREE.match(simple, end)):
            number = _SPACES.sub("", text[dm.start(1):dm.end(1)])
            end = dm.end()
        outer = _make(title, title_s, number, (m.start(), end), simple, resolve, owner)
        found.append(outer)
        taken.append((m.start(), end))
        if number and nm and nm.start() == m.end():
            _issued_under(outer, found)
        for im in INNER.finditer(simple, a, b):
            ia, ib = im.start(1), im.end(1)
            inner = _make(_LINE_BREAK.sub("", text[ia:ib]), _LINE_BREAK.sub("", im.group(1)), "", im.span(), simple,
                          resolve, owner)
            inner.promulgated_by = outer.key()
            inner.issuers = inner.issuers or list(outer.issuers)
            inner.relation = outer.relation
            found.append(inner)


def _numbers_alone(doc, found: list[Document], taken: list, owner: str) -> None:
    """Numbers cited on their own (根据豫政〔2020〕3号文件精神), titled when a quoted title stands before them."""
    text, simple, st = doc.text, doc.simple, doc.structure
    body_from = max(st.header_end, st.title_span[1]) if st else 0
    for ym in YEAR_NUMBER.finditer(simple):
        pm = _PREFIX_BEFORE.search(simple[max(0, ym.start() - 14):ym.start()])
        if not pm:
            continue
        m_start = ym.start() - len(pm.group(0))
        if any(s <= m_start < e for s, e in taken) or m_start < body_from:
            continue                      # the header's 文号 is the report's own number
        start = m_start + _prefix_start(pm.group(0))
        number = normalise_number(text[start:ym.end()])
        if len(number_prefix_of(number)) < 2 and not issuers_from_number(number):
            continue
        d = Document(number=number, span=(start, ym.end()))
        d.issuers = issuers_from_number(number)
        qm = QUOTED_BEFORE.search(simple, max(0, start - 90), start)
        if qm and doc_kind(qm.group(1)):
            d.title, d.kind = text[qm.start(1):qm.end(1)], doc_kind(qm.group(1))
            d.scope = scope_of(qm.group(1), owner)
            d.span = (qm.start(), ym.end())
        before = simple[max(0, start - 20):start]
        d.relation = "implements" if IMPLEMENTS_BEFORE.search(before) else "cites"
        found.append(d)
        taken.append((start, ym.end()))


def _unbracketed(doc, found: list[Document], taken: list, owner: str) -> None:
    """Rules and lists named without 《》 after the verb that issues them (出台法律顾问管理规定)."""
    text, simple = doc.text, doc.simple
    for m in UNBRACKETED.finditer(simple):
        if any(s <= m.start(1) < e for s, e in taken):
            continue
        t = m.group(1)
        if _NOT_A_NAME.search(t):
            continue
        issued = re.search("出台|印发|贯彻|落实", simple[m.start():m.start(1)])
        if not issued and (t.endswith("清单") or not names_a_place(t)):
            continue                      # 制定任务清单, 制定年度考评办法: a step of the work, not a document it names
        d = _make(text[m.start(1):m.end(1)], t, "", (m.start(), m.end()), simple, doc.resolve, owner)
        d.relation = "implements" if m.group(0).startswith("贯彻") else "cites"
        found.append(d)


def _unbracketed_plans(doc, found: list[Document], taken: list, owner: str) -> None:
    """Plans whose 《》 and brackets scraping lost, known by their span of years (对照…规划2021－2025年), one after
    another when they share the verb."""
    text, simple = doc.text, doc.simple
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
                      simple, doc.resolve, owner)
            d.relation = relation
            found.append(d)
            taken.append((m.start(1), end))
            if number:
                _issued_under(d, found)
            m = NEXT_PLAN.match(simple, end)


def _keep(doc, found: list[Document]) -> None:
    """Each document once (by key; a title cited with its number once and without it once is the numbered one),
    every printing kept; not the report itself."""
    kept: dict[str, Document] = {}
    own = doc.meta.number and own_key(doc.meta)
    numbered = {_key_of("", d.title): d for d in found if d.number and d.title}
    for d in found:
        k = d.key()
        twin = numbered.get(_key_of("", d.title)) if not d.number else None
        if twin is None and own and k == own:
            continue
        same = twin or kept.get(k)
        if same is not None:
            # cited again (with its number once and without it once, or printed another way): one document
            if d.relation == "implements":
                same.relation = "implements"
            _also_printed(same, d)
            continue
        kept[k] = d
        doc.facts.documents.append(d)


def _issued_under(plan: Document, found: list[Document]) -> None:
    """《X方案》(豫发〔2016〕31号): a plan, rule or law printed with a year-number is known by its title (other reports
    cite it without the number); the number is the notice's that issued it. That notice, known by the number alone
    (a citation of the number elsewhere is the same node), promulgates the plan. It takes the plan's place in the
    text (before it, on the same span), as a notice whose title names the plan does."""
    if not plan.key().startswith("t:"):
        return                            # a notice or an opinion: the number is its own
    notice = next((x for x in found if x.number == plan.number and not x.title), None)
    if notice is None:
        notice = Document(number=plan.number, span=plan.span, issuers=list(plan.issuers), relation=plan.relation)
        found.insert(found.index(plan), notice)
    plan.promulgated_by = notice.key()


def _also_printed(doc: Document, again: Document) -> None:
    """Keep the way ``again`` prints the title of ``doc`` when it differs (纲要(2021—2025) beside 纲要(2021—2025年))."""
    printed = again.abbreviation or again.title
    if printed and printed != (doc.abbreviation or doc.title) and printed not in doc.printings:
        doc.printings.append(printed)


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
    return document_key(number, title)


def _make(title: str, title_s: str, number: str, span, simple: str, resolve, owner: str = "") -> Document:
    full = full_law_title(title_s)
    d = Document(title=full or title, number=number, span=span, kind=doc_kind(title_s), scope=scope_of(title_s, owner))
    if full:
        d.abbreviation = title
    decree = _DECREE_HEAD.match(number)
    d.issuers = issuers_from_number(number) or ([resolve(decree.group(1))] if decree and resolve(decree.group(1)) else []) \
        or issuers_from_title(title_s, resolve) or issuers_before(simple, span[0], resolve)
    before = simple[max(0, span[0] - 20):span[0]]
    d.relation = "implements" if IMPLEMENTS_BEFORE.search(before) else "cites"
    d.date = issue_date(simple, span[0])
    return d


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
