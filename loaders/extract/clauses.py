"""Shared text helpers for the fact extractors: clauses, protected spans (titles, slogans), agency-looking
mentions, self references (我县, 本局) and the report's own sections (存在问题, 下一步)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

CUTS = r",;。!?:;，；！？：\n|"          # what ends a clause (inside a character class)
CLAUSE = re.compile(rf"[^{CUTS} \t\-*·•](?:[^{CUTS}]*[^{CUTS} \t])?")
TITLE_SPAN = re.compile(r"《[^《》\n]{1,150}》")
# a quoted phrase short enough to be a slogan or a name (“最多跑一次”, “两个维护”), not reported speech
QUOTE_SPAN = re.compile(r"[“\"‘「『][^“”\"‘’「」『』\n]{1,30}[”\"’」』]")
PAREN_SPAN = re.compile(r"[(（][^()（）\n]{0,60}[)）]")

# organisation-like endings, longest first so 司法局 wins over 局
ORG_TAIL = (r"(?:公证处|人民政府办公室|人民政府|政府办公室|政府办|政府|人民代表大会常务委员会|人大常委会|委员会|调委会|"
            r"领导小组办公室|领导小组|办公室|办公厅|中级人民法院|中级法院|人民法院|法院|人民检察院|检察院|"
            r"街道办事处|办事处|分局|局|厅|委|办|司法所|派出所|中心|大队|支队|所|院|部|署|站)")
# a mention qualified by a level or a place (县公安局, 市中级法院, 五龙镇人民政府, 国家卫健委)
AGENCY_MENTION = re.compile(
    r"((?:[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)|省|市|县|区|州|镇|乡|国家|国务院|中共)?"
    r"[\u4e00-\u9fff]{0,10}?" + ORG_TAIL + r")")
# a mention that opens with its level or place (县公安局, 市中级法院, 五龙镇人民政府), for sentence heads
LEVELLED_MENTION = re.compile(r"((?:[^\W\d_以对在向将由为和与及把被从按据经等的了是审核其中共全年今届次]{2,6}?"
                              r"(?:省|市|县|区|州|盟|旗|镇|乡|街道)|省|市|县|区|州|镇|乡|国家)"
                              r"[\u4e00-\u9fff]{0,10}?" + ORG_TAIL + ")")
SELF_REF = re.compile(r"^(?:我|本)(县|市|区|州|旗|镇|乡|街道|省|局|委|办|院|厅|所|中心|单位|部门|分局)")
JURIS_REF = ("县", "市", "区", "州", "旗", "镇", "乡", "街道", "省")



def split_outside(text: str, seps: str, opens: str = "(（", closes: str = ")）") -> list[str]:
    """Split ``text`` at any of ``seps`` that stands outside brackets or quotes.

    >>> split_outside("各县(市、区)人民政府、市属开发区管委会", "、")
    ['各县(市、区)人民政府', '市属开发区管委会']
    """
    parts, depth, cur = [], 0, []
    for c in text:
        if c in opens:
            depth += 1
        elif c in closes:
            depth -= 1
        if depth <= 0 and c in seps:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(c)
    parts.append("".join(cur))
    return parts


class Protected:
    """Positions inside 《titles》 and short “quotes”: numbers and names there are not facts of their own."""

    def __init__(self, text: str, quotes: bool = True):
        self.mask = bytearray(len(text) + 1)
        pats = (TITLE_SPAN, QUOTE_SPAN) if quotes else (TITLE_SPAN,)
        for pat in pats:
            for m in pat.finditer(text):
                a, b = m.span()
                self.mask[a + 1:b - 1] = b"\x01" * (b - a - 2)

    def covers(self, pos: int) -> bool:
        """True when ``pos`` lies inside a protected span (not on its brackets)."""
        return 0 <= pos < len(self.mask) and self.mask[pos] == 1


@lru_cache(maxsize=8192)
def clause_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The clauses of text[start:end], cut at commas, semicolons, colons, full stops and table bars, without
    the bullets and spaces around them.

    >>> t = "共废止16件,继续执行93件。"
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['共废止16件', '继续执行93件']
    >>> t = " - 一是 ,\t· ;二是\t"
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['一是', '二是']
    """
    # one C-level scan: CLAUSE starts at the first character that is neither a cut nor a bullet and ends at
    # the last one before the next cut that is not a space
    # (cached: every extractor asks for the clauses of the same sentences; a str caches its own hash)
    return tuple(m.span() for m in CLAUSE.finditer(text, start, end))


def sentence_index(sentences: list[tuple[int, int]]):
    """A function pos → (start, end) of the sentence holding ``pos`` (or a stretch of text around it)."""
    starts = [a for a, _ in sentences]

    def find(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
            return sentences[i]
        return pos, pos
    return find


def self_target(mention: str, doc) -> str:
    """我县/本县 → the report's jurisdiction; 我局/本局/分局 → the issuer; '' when not a self reference.

    >>> class M: jurisdiction = "上蔡县"; issuer = "上蔡县人民政府"
    >>> class D: meta = M()
    >>> self_target("我县", D()), self_target("本局", D()), self_target("县公安局", D())
    ('上蔡县', '上蔡县人民政府', '')
    """
    m = SELF_REF.match(mention)
    if not m and mention not in ("分局", "我们", "全县", "全市", "全区", "全镇", "全省", "本级"):
        return ""
    kind = m.group(1) if m else mention[-1]
    if kind in JURIS_REF and doc.meta.jurisdiction:
        return doc.meta.jurisdiction
    return doc.meta.issuer or doc.meta.jurisdiction


def heading_lines(text: str):
    """(start, end, line) of every short line: candidates for section headings (存在问题:, 下一步工作打算)."""
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and len(s) <= 40:
            off = line.find(s)
            yield pos + off, pos + off + len(s), s
        pos += len(line) + 1


LEVEL1 = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分)")


def section_region(text: str, heading: re.Pattern, stop: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Spans of text governed by headings matching ``heading``: from the end of the heading line to the next
    top-level heading (一、 / 第N部分) or a line matching ``stop``."""
    out = []
    lines = list(heading_lines(text))
    for i, (a, b, s) in enumerate(lines):
        if not heading.search(s):
            continue
        end = len(text)
        for a2, b2, s2 in lines[i + 1:]:
            if LEVEL1.match(s2) or (stop is not None and stop.search(s2)):
                end = a2
                break
        # the rest of the heading line after a colon belongs to the section
        out.append((b, end))
    return out


PROBLEM_HEAD = re.compile(r"(?:存在的?(?:主要)?(?:问题|不足)|问题(?:和|与|及)(?:不足|短板|差距|困难)|不足之处|"
                          r"短板弱项|困难和问题|"
                          r"差距和不足|薄弱环节)")
PLAN_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+部分)?\s*(?:(?:下一步|下步|"
                       r"今后)[^。,]{0,12}?"
                       r"(?:打算|安排|计划|思路|重点|举措|方向|展望|建议|目标|工作)|(?:19|20)\d{2}\s*年(?:度)?[^。,]{0,12}?"
                       r"(?:打算|安排|计划|思路|展望|努力方向))")


# in a section headed 存在的问题和下一步打算 the plans start where a sentence turns to the future
_BOTH_HEAD = re.compile(r"(?:打算|计划|安排|思路|努力方向|下一步|今后)")
PLAN_LEAD = re.compile(r"(?:^|(?<=[。;；\n]))\s*(?:(?:19|20)\d{2}\s*年(?:度)?\s*[,，]?\s*(?:我|全|本)?[\u4e00-\u9fff]{0,4}?将|"
                       r"下一步|下步|今后|我们将|(?:我|本)[省市县区旗州局镇乡]将)")


# a sentence opening with a year: the plans of that year when it comes after the report's period
YEAR_LEAD = re.compile(r"(?:^|(?<=[。;；\n]))\s*((?:19|20)\d{2})\s*年(?:度)?\s*[,，]")


def _combined_split(text: str, a: int, b: int, period: str = "") -> int:
    r"""Where the plans begin in the problem region [a, b) of a combined heading; b when they do not.

    >>> t = "七、存在问题和下一步打算\n力量薄弱。2021年,各乡镇每半年至少汇报1次。"
    >>> t[_combined_split(t, t.index("\n"), len(t), "2020"):]
    '2021年,各乡镇每半年至少汇报1次。'
    """
    head = text[max(0, a - 40):a].split("\n")[-1]
    if not _BOTH_HEAD.search(head):
        return b
    m = PLAN_LEAD.search(text, a, b)
    cut = m.start() if m else b
    if period[:4].isdigit():
        ym = next((y for y in YEAR_LEAD.finditer(text, a, cut) if y.group(1) > period[:4]), None)
        if ym:
            cut = ym.start(1)
    return cut


def problem_regions(doc) -> list[tuple[int, int]]:
    r"""Where the report lists its weaknesses (存在问题 / 问题和不足 sections); in a section headed
    存在的问题和下一步打算, only up to the first sentence that turns to the next year's plans.

    >>> class D: simple = "六、存在的问题和下一步打算\n一是重视不够。2017年,我省将督促各市报告。"
    >>> [D.simple[a:b] for a, b in problem_regions(D)]
    ['\n一是重视不够。']
    """
    period = getattr(getattr(doc, "meta", None), "period", "") or ""
    return [(a, _combined_split(doc.simple, a, b, period)) for a, b in section_region(doc.simple, PROBLEM_HEAD, PLAN_HEAD)]


def plan_regions(doc) -> list[tuple[int, int]]:
    """Where the report sets out next steps (下一步工作打算, 2021年工作计划 ...); none in a plan document,
    whose whole body is the plan."""
    if doc.meta.kind == "plan":
        return []
    st = doc.structure
    title_end = st.title_span[1] if st else 0
    out = [(c, b) for a, b in section_region(doc.simple, PROBLEM_HEAD, PLAN_HEAD)
           for c in [_combined_split(doc.simple, a, b, doc.meta.period or "")] if c < b]
    for a, b in section_region(doc.simple, PLAN_HEAD):
        head = doc.simple[max(0, a - 40):a].split("\n")[-1]
        year = re.search(r"((?:19|20)\d{2})\s*年", head)
        # 2020年工作计划 in a report on 2020 is the plan being reported on, not the next one
        if a <= title_end or (year and doc.meta.period and year.group(1) <= doc.meta.period[:4]):
            continue
        out.append((a, b))
    return out


_PLAN_NOTICE = re.compile(r"印发.{0,40}(?:要点|计划|方案|规划|纲要|安排|任务|清单)")
# what a plan says of itself before its tasks: what it is for (…结合实际，制定本方案。) or that they follow
# (现就…工作安排如下：, 重点抓好以下工作。)
PLAN_PURPOSE = re.compile(r"制定本(?:实施)?(?:方案|规划|要点|计划|意见|措施|安排|细则)|"
                          r"(?:安排|部署|要求|要点)如下\s*[:：]|(?:做好|抓好|推进|落实|完成)以下(?:几项|重点)?工作")


def is_plan(doc) -> bool:
    """A plan, or a notice that issues one (关于印发…工作要点的通知): a text that sets tasks and targets."""
    m = doc.meta
    return m.kind == "plan" or (m.kind == "notice" and bool(_PLAN_NOTICE.search(m.title or "")))


def plan_body(doc) -> int | None:
    r"""Where a work plan's tasks begin: after the sentence saying what it is for (…制定本方案。), else after its
    title when the report is a plan; None for a report that sets no plan.

    >>> class M: kind = "report"; title = ""
    >>> class D: meta = M(); simple = "为推进依法行政，制定本方案。\n一、加强领导\n健全工作机制。"; structure = None
    >>> D.simple[plan_body(D):].strip()[:6]
    '一、加强领导'
    """
    text = doc.simple
    st = doc.structure
    start = st.body_start if st else 0
    m = PLAN_PURPOSE.search(text, start)
    if m:
        ends = [k for k in (text.find(c, m.end()) for c in "。\n") if k >= 0]
        return min(ends) + 1 if ends else len(text)
    if is_plan(doc):
        return max(start, st.title_span[1]) if st else start
    return None


_SENTENCE_PUNCT = "。！？!?；;：:"
_SUB_HEADING = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)")


def wrap_start(text: str, a: int) -> int:
    r"""Where the text at ``a`` really starts when a scraped page's hard line break cut it from the words before
    it: ``a`` opens a line, and the line before ends in a Chinese character (no punctuation), so its last clause
    belongs here (县公安局\n交警大队被评为…, 全年新登记市场主体\n6213户). Else ``a``.

    >>> t = "严格规范执法，县综合行政执法局办理案件412件。县公安局\n交警大队被评为先进。"
    >>> t[wrap_start(t, t.index("交")):t.index("被")]
    '县公安局\n交警大队'
    >>> t = "六、法治宣传和示范创建\n江头村被命名为示范村。"
    >>> wrap_start(t, t.index("江")) == t.index("江")
    True
    """
    k = a - 1
    while k >= 0 and text[k] in " \t\u3000":
        k -= 1
    if k < 1 or text[k] != "\n":
        return a
    j = k - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    if j < 0 or text[j] in _SENTENCE_PUNCT or not ("\u4e00" <= text[j] <= "\u9fff"):
        return a
    line_start = text.rfind("\n", 0, j) + 1
    line = text[line_start:j + 1].strip()
    if len(line) < 16 or LEVEL1.match(line) or _SUB_HEADING.match(line):
        return a                          # a heading or a title line ends without punctuation too
    spans = clause_spans(text, line_start, j + 1)
    return spans[-1][0] if spans else a

