"""Statistics: every quantity about what happened or how things stand (cases, people, units, documents,
events, rates), with subject, metric, value, unit, qualifier, period and the clause it was read from.

Not statistics: dates, years, document and heading numbers, ordinals (第二批), article numbers, ages,
numbers inside 《titles》 or short “slogans” (最多跑一次), and the limits of duties (不少于40学时,
20个工作日内), which ``duties.py`` reads instead.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import (
    LEVELLED_MENTION,
    Protected,
    clause_spans,
    is_plan,
    plan_regions,
    self_target,
    sentence_index,
)
from fazhi.loaders.extract.figures import (
    across_wrap,
    is_code,
    is_target,
    link_breakdowns,
    not_a_count,
    pair_respectively,
    place_counts,
    starts_a_change,
    unmask_quoted_counts,
)
from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.extract.orgkinds import kind_of
from fazhi.loaders.extract.tasks import noted_task_spans
from fazhi.loaders.extract.wording import AT_LEAST_WORDS, AT_MOST_WORDS, DUTY_MODALS
from fazhi.loaders.facts import Statistic
from fazhi.loaders.numerals import NUMBER_FIRST, NUMBER_REST, parse_number, qualifier

# Measure words, longest first so 人次 wins over 人 and 个百分点 over 个.
UNITS = sorted("""个百分点 百分点 万人次 人次 场次 件次 户次 家次 批次 期次 份次 个次 人/次 件/次 课时 学时 小时 分钟
    个工作日 工作日 个月 平方公里 平方米 公顷 公里 千米 亿元 万元 元 方面 % ‰ 个 件 人 名 位 次 项 场 期 份 家 条 篇
    辆 张 册 本 套 台 部 处 所 座 分 户 起 宗 例 批 类 组 支 队 间 块 幅 封 卷 问 案 门 节 堂 轮 天 年 亩 吨 株 棵 种
    笔 单 村 社区 页 倍 票""".split(), key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
# (\d\d* rather than \d+: a pattern opening with a character class lets re skip ahead to the next digit)
_FIGURE = re.compile(r"\d\d*(?:[ ,]\d{3})*(?:\.\d+)?\s*(?:[万亿])?\s*(?:余|多)?\s*(?:" + "|".join(re.escape(u) for u in UNITS if u != "年") + r")")
_CN_CLASS = "〇零一二两三四五六七八九十百千"

# (the number's first character comes first and the look-behind after it, as (?<!X.): re then scans for the
# next digit or numeral in C instead of trying the whole pattern at every position)
STAT_RE = re.compile(
    rf"(?P<num>{NUMBER_FIRST}(?<![\d.A-Za-z第{_CN_CLASS}].){NUMBER_REST})(?P<between>\s*(?:余|多))?\s*"
    rf"(?P<unit>{_UNIT_ALT})(?P<alt>\([张册件份本个人次]\))?(?P<after>以上|以下|以内|之内|左右|余|多)?")
PERCENT_WORDS = re.compile(r"百分之(?P<num>[〇零一二两三四五六七八九十百点.\d]+)")

# a limit's words before a number (不少于40学时, 限定在15日, 压缩在5个工作日): a duty's limit, read by duties.py
DUTY_BEFORE = re.compile(rf"(?:{AT_LEAST_WORDS}|{AT_MOST_WORDS}|最短|限定|压缩在)\s*(?:总分值的|[^\d,;。]{{0,6}}?)$")
# a duty's modal in the clause (the duties' own words, and 严格执行 / 原则上): its numbers are the duty's, no figures
MODAL = re.compile(DUTY_MODALS + r"|严格执行|原则上")
TARGET = re.compile(r"力争|争取|预计|确保(?!了)|计划(?:完成|开展|举办)|将(?:开展|完成|举办|达到)")
DONE = re.compile(r"(?:均|都|全部|均已|已)(?:举办|开展|完成|达到|组织|召开|配备)")
# (居 after 村, 社 … is a word of its own: 村居党支部)
RANK = re.compile(r"(?:排名|位列|位居|居(?<![村社民邻家安移定]居)|名列)(?P<scope>[^,;。]{0,10}?)"
                  r"第(?P<num>[一二三四五六七八九十\d]{1,3})(?:名|"
                  r"位)?")
FREQ = re.compile(r"每(?:年|季度|季|月|半年|周|两年|三年|天|日)")
TIME_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}年(?:度|以来|来|底|初|全年)?|今年(?:以来)?|全年|年内|目前|截至目前|"
                         r"截止目前|"
                         r"其中|同时|另外|此外|共|累计|先后|均|全县|全市|全区|全镇|全乡|全省|一年来|[\s,、])+")
LINK_WORDS = tuple("""达到 达 为 共计 共 计 约 近 超过 有 了 累计 先后 均 分别 总计 合计 增至 提升至 提高到 提高至
    下降 上升 增长 减少 同比 的 在 逾 至 是 由""".split())
LINK_TAIL = re.compile("(?:" + "|".join(LINK_WORDS) + ")+$")
LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})年")
# compiled once: _read, _metric, _widen and _subject run for every number in a report
BY_BEFORE = re.compile(r"由\s*$")
COMPOSED_OF = re.compile(r"[^,，。;；]{0,12}?组成")
THRESHOLD_AFTER = re.compile(r"\s*(?:以上|以下)?\s*(?:的|者)")
THRESHOLD_BEFORE = re.compile(r"(?:对|凡|超过|达到)")
FIVE_HAN = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){5}")     # at least five Chinese characters
# sentence heads about the whole place
WHOLE_PLACE = re.compile(r"^(?:[\s,，、]|(?:19|20)\d{2}年(?:度|以来|来|底|初)?|今年(?:以来)?|全年|年内|目前|"
                         r"其中|同时|此外|另外)*(?:全|我|本)(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道)")
# a body naming itself at the head of a clause (县市场监管局办理...): the subject column holds it, and cut at a fixed
# length it would leave half a name (场监管局办理...)
BODY_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办|厅|院|中心|政府)(?=[\u4e00-\u9fff]{2})")
ITEM_MARK = re.compile(r"^(?:[一二三四五六七八九十]+是|\(?[一二三四五六七八九十\d]+[)、.]\s*)")
WORK_TAIL = re.compile(r"(?:情况|工作)$")
_FIGURE_OR_LIST = re.compile("、|" + _FIGURE.pattern)
_DIGIT_OR_LIST = re.compile(r"[、\d]")   # what every match of _FIGURE_OR_LIST holds
RIGHT_STOP = re.compile(r"[、,;\d]")
RIGHT_QUALIFIER = re.compile(r"^(?:以上|以下|以内|左右|余|多)")
TAIL_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff])(\d{2,}(?:\.\d+)?)\s*$")
SELF_HEAD = re.compile(r"^(?:我县|我市|我区|我局|本局|我镇|我们|全县|全市|全区)")


def extract_statistics(doc) -> None:
    """Append a ``Statistic`` for every countable quantity in the report's body (see module docstring)."""
    text = doc.simple
    st = doc.structure
    body_start = st.body_start if st else 0
    protected = Protected(text)
    unmask_quoted_counts(text, protected.mask)   # 开展了“五轮”减证便民: a count, not a slogan
    # next steps and the tasks a plan assigns (〔责任单位:…〕) hold targets, not what happened
    # and the documents cited (their claims: a title's or a number's digits are no figures)
    for a, b in plan_regions(doc) + noted_task_spans(doc) + doc.claims.spans("documents"):
        protected.mask[a:b] = b"\x01" * (b - a)
    find_sentence = sentence_index(st.sentences if st else [])
    subject_of = _subject_reader(doc, text)
    out = doc.facts.statistics
    first = len(out)
    sentence_of: dict[int, tuple[int, int]] = {}
    pos_of: dict[int, int] = {}
    for m in STAT_RE.finditer(text, body_start):
        stat = _read(doc, text, m, protected, find_sentence, subject_of)
        if stat is None:
            continue
        for s in stat:
            sentence_of[len(out)] = find_sentence(m.start())
            pos_of[len(out)] = m.start()
            out.append(s)
    for m in PERCENT_WORDS.finditer(text, body_start):
        v = parse_number(m.group("num"))
        if v is None or protected.covers(m.start()):
            continue
        sent = find_sentence(m.start())
        cl = _clause(text, sent, m.start(), m.end())
        out.append(Statistic(metric=_metric(text, cl, m.start(), m.end()), value=v, span=cl, unit="%",
                             qualifier=qualifier(text[cl[0]:m.start()], "", text[m.end():m.end() + 2]),
                             subject=subject_of(sent, m.start()), period=_period(doc, text, sent)))
    for m in RANK.finditer(text, body_start):
        v = parse_number(m.group("num"))
        if v is None or protected.covers(m.start()):
            continue
        sent = find_sentence(m.start())
        cl = _clause(text, sent, m.start(), m.end())
        metric = (TIME_PREFIX.sub("", text[cl[0]:m.start()]) + "排名" + m.group("scope")).strip()
        out.append(Statistic(metric=metric[:40], value=v, span=cl, unit="名",
                             subject=subject_of(sent, m.start()), period=_period(doc, text, sent)))
    for value, unit, a, b in place_counts(text, body_start):
        v = parse_number(value)
        if v is None or protected.covers(a):
            continue
        sent = find_sentence(a)
        cl = _clause(text, sent, a, b)
        out.append(Statistic(metric=_metric(text, cl, a, b) + unit, value=v, span=cl, unit=unit,
                             subject=subject_of(sent, a), period=_period(doc, text, sent)))
    pair_respectively(text, out, first, pos_of, body_start)
    link_breakdowns(text, out, first, sentence_of, pos_of)
    _truncated_tail(doc, text, find_sentence)


def _read(doc, text: str, m: re.Match, protected: Protected, find_sentence, subject_of) -> list[Statistic] | None:
    """The statistics one number with its unit (a match of STAT_RE) gives: one, or one per rate a clause names
    together (按时受理率、办结率均达到100%); None when the number is no count of what happened."""
    num, unit = m.group("num"), m.group("unit")
    start, end = m.start(), m.end()
    if protected.covers(start) or not_a_count(text, m):
        return None
    value = parse_number(num)
    if value is None or is_code(text, start):
        return None                       # (监督电话12345678: a telephone number)
    sent = find_sentence(start)
    cl = across_wrap(text, _clause(text, sent, start, end), start)
    clause_before = text[cl[0]:start]
    if _not_what_happened(doc, text, sent, cl, start, end, unit):
        return None
    q = qualifier(clause_before.rstrip(), m.group("between") or "", m.group("after") or "")
    unit_out = unit + (m.group("alt") or "")
    if unit == "案":
        unit_out = "件"                   # 9案 counts cases: the same measure as 件
    metric = _metric(text, cl, start, end)
    cl, metric = _widen(text, sent, cl, metric, unit)
    subject = subject_of(sent, start)
    period = _period(doc, text, sent)
    metrics = [metric]
    # 按时受理率、办结率均达到100%: one figure for each rate named
    if unit == "%":
        lm = re.search(r"([\u4e00-\u9fff]{1,12}率(?:、[\u4e00-\u9fff]{1,12}率)+)\s*(?:均|都|分别)", clause_before)
        if lm:
            metrics = lm.group(1).split("、")
    return [Statistic(metric=r, value=value, span=cl, unit=unit_out, qualifier=q, subject=subject, period=period)
            for r in metrics]


def _not_what_happened(doc, text: str, sent, cl, start: int, end: int, unit: str) -> bool:
    """Whether the clause ``cl`` makes the count at [start, end) no record of what happened: a target (力争, a
    plan's 达到95%以上), a duty's limit (不少于…, 由2名以上人员参加, a modal), a frequency duty (每年至少组织1次) or
    a threshold (对10万元以上的项目)."""
    clause_before = text[cl[0]:start]
    if TARGET.search(text[cl[0]:end]) or (is_plan(doc) and is_target(text[cl[0]:cl[1]])
                                          and not _earlier_year(doc, text, sent)):
        return True                       # 力争/目标, or a plan's 达到95%以上: a target, not what happened
    done = DONE.search(clause_before)     # 各单位均举办…不少于1期: a limit reported as met is a figure
    # 由2名以上人员参加 is a duty; 团队由9名公职律师组成 says how a body is made up: a figure
    if ((DUTY_BEFORE.search(clause_before) and not done)
            or (BY_BEFORE.search(clause_before) and not COMPOSED_OF.match(text, end, end + 14)
                and not starts_a_change(text, end))
            or (MODAL.search(text[cl[0]:cl[1]]) and unit != "%")):
        return True                       # a duty's limit, read by duties.py
    if unit in ("次", "学时", "课时") and FREQ.search(clause_before):
        return True                       # 每年至少组织1次: a frequency duty
    return bool(THRESHOLD_AFTER.match(text, end, end + 4) and THRESHOLD_BEFORE.search(clause_before))


def _clause(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): within the sentence, between commas/semicolons."""
    a, b = sent
    if not (a <= start < b):
        a, b = max(0, start - 60), min(len(text), end + 60)
    for ca, cb in clause_spans(text, a, b):
        if ca <= start < cb:
            return ca, max(cb, end)
    return start, end


def _widen(text: str, sent: tuple[int, int], cl: tuple[int, int], metric: str,
           unit: str = "") -> tuple[tuple[int, int], str]:
    """A clause too short to say what is counted (办复率达100%) takes in the clause before it, and the metric
    the last words of that clause (司法建议 ... 办复率); not when that clause is a sibling figure of the same
    measure (维持29件,撤销6件: 撤销 is complete)."""
    if FIVE_HAN.match(metric):
        return cl, metric
    # the clauses before this one: those of the sentence (cached, _clause asked for them) when the clause is
    # one of them, else the clauses of the text from the sentence start up to the clause
    spans = clause_spans(text, sent[0], sent[1])
    starts = [a for a, _ in spans]
    if cl[0] in starts:
        prev = spans[:starts.index(cl[0])]
    else:
        prev = [c for c in clause_spans(text, sent[0], cl[0]) if c[1] <= cl[0]]
    if not prev:
        return cl, metric
    pa, pb = prev[-1]
    sib = _FIGURE.search(text, pa, pb)
    if unit and unit != "%" and sib and text[sib.start():sib.end()].rstrip().endswith(unit):
        return cl, metric
    ctx = TIME_PREFIX.sub("", text[pa:pb])
    ctx = ITEM_MARK.sub("", ctx)
    ctx = WORK_TAIL.sub("", _FIGURE.sub("", ctx))
    if len(ctx) > 12:
        ctx = BODY_HEAD.sub("", ctx)
    tail = ctx[-12:]
    q = ctx.rfind("“", 0, len(ctx) - len(tail))
    if q >= 0 and "”" in tail and "“" not in tail[:tail.find("”")]:   # a quoted name cut open: take it whole
        tail = ctx[q:]
    elif 0 < tail.find("“") <= 3:              # a word cut just before a quoted name: start at the name
        tail = tail[tail.find("“"):]
    return (pa, cl[1]), (tail + metric)[:40]


def _metric(text: str, cl: tuple[int, int], start: int, end: int) -> str:
    """A short phrase naming what is counted: the words of the clause around the number, minus time words,
    link verbs and other figures (办结行政复议案件23件 → 办结行政复议案件)."""
    left = text[cl[0]:start]
    # another figure earlier in the clause belongs to another statistic: start after it
    # (split only when there is something to split at: most clauses hold neither digit nor 、 before the figure)
    parts = _FIGURE_OR_LIST.split(left) if _DIGIT_OR_LIST.search(left) else [left]
    if parts[-1].strip():
        tail = parts[-1]
        # a list inside quotes (“双随机、一公开”抽查) is one name: keep it whole
        q = left.rfind("“", 0, len(left) - len(tail))
        if q >= 0 and "”" in tail and "”" not in left[q:len(left) - len(tail)]:
            tail = left[q:]
        left = tail
    left = TIME_PREFIX.sub("", left.replace("\n", ""))
    if left.endswith(LINK_WORDS):     # (LINK_TAIL can only match then; re would try it at every position)
        left = LINK_TAIL.sub("", left)
    right = text[end:cl[1]]
    stop = RIGHT_STOP.search(right)
    right = right[:stop.start()] if stop else right
    right = RIGHT_QUALIFIER.sub("", right)
    metric = (left + right).strip(" ()（）\"")
    if metric.count("”") > metric.count("“"):
        metric = "“" + metric
    metric = SELF_HEAD.sub("", metric).replace("“”", "")   # (开展“五轮”…: the count was all the quote held)
    return metric[:40] or text[cl[0]:cl[1]][:40]


def _subject_reader(doc, text: str):
    """``_subject`` for one report, remembered per sentence head: the figures of a sentence share their head
    (and the agency finder behind it is costly)."""
    memo: dict[str, str] = {}

    def subject_of(sent: tuple[int, int], pos: int) -> str:
        key = text[sent[0]:min(pos, sent[0] + 40)]      # all that _subject reads of the text
        if key not in memo:
            memo[key] = _subject(doc, text, sent, pos)
        return memo[key]
    return subject_of


def _own(doc, head: str) -> str:
    """Whose figure it is when the sentence names no body: a department's report counts its own work (its
    cases, its trainings), a government's (or a party committee's, a sub-district office's) its place's; a
    sentence about the whole place (全区..., 我县...) is the place's in either."""
    meta = doc.meta
    if meta.issuer and meta.jurisdiction and not _speaks_for_place(meta.issuer) and not WHOLE_PLACE.match(head):
        return meta.issuer
    return meta.jurisdiction or meta.issuer


def _speaks_for_place(issuer: str) -> bool:
    """A government, a township or sub-district office, a party committee or a zone's administrative committee:
    a body whose report is its place's."""
    return kind_of(issuer) in ("government", "township", "party") or issuer.endswith(("管委会", "管理委员会"))


def _subject(doc, text: str, sent: tuple[int, int], pos: int) -> str:
    """Whose figure it is: an agency named at the head of the sentence (县司法局..., 我局...), else the
    report's own (``_own``)."""
    raw = text[sent[0]:min(pos, sent[0] + 40)]
    lead = ITEM_MARK.sub("", raw.lstrip())   # (TIME_PREFIX also takes 全县, which says whose figure it is)
    head = TIME_PREFIX.sub("", raw)
    head = ITEM_MARK.sub("", head)
    head = TIME_PREFIX.sub("", head)
    me = self_target(head[:3], doc) or self_target(head[:2], doc)
    if me:
        return me
    own = _own(doc, lead)
    m = LEVELLED_MENTION.match(head)
    if not m:
        return own
    # the agency finder reads the whole name (县委编办, not 县委; 县政府 in 县政府办理, not 县政府办)
    found = find_mentions(head, doc.chain)
    if found and found[0][0] == 0:
        name = found[0][2] or head[found[0][0]:found[0][1]]
        if head[found[0][1]:found[0][1] + 1] not in ("门", "级", "的"):
            return doc.resolve(name) or own
    if found and 0 < found[0][0] < m.end():
        return own                        # 提请省人大常委会审议, 接受市人大常委会监督: a verb before the body named
    if head[m.end():m.end() + 1] not in ("门", "级", "的") and not re.search(r"[委府].*(?:政府|委)$", m.group(1)):
        return doc.resolve(m.group(1)) or own
    return own


def _period(doc, text: str, sent: tuple[int, int]) -> str:
    """The report's period, unless the sentence opens with another year (2019年, ...)."""
    m = LEADING_YEAR.match(text[sent[0]:sent[0] + 8])
    if m and m.group(1) != (doc.meta.period or "")[:4]:
        return m.group(1)
    return doc.meta.period


def _earlier_year(doc, text: str, sent: tuple[int, int]) -> bool:
    """A sentence opening with a year before the report's (a plan's 2021年，全市…达到100%): what was reached."""
    m = LEADING_YEAR.match(text[sent[0]:sent[0] + 8])
    return bool(m and (doc.meta.period or "")[:4].isdigit() and m.group(1) < doc.meta.period[:4])


def _truncated_tail(doc, text: str, find_sentence) -> None:
    """A report cut off mid-sentence (an excerpt, a scraped page) may end on a bare figure: keep it, unitless."""
    # the figure can only lie in the run of digits, dots and spaces that ends the text: search from there
    # (the look-behind still sees the character before it)
    k = len(text)
    while k and (text[k - 1].isdecimal() or text[k - 1] == "." or text[k - 1].isspace()):
        k -= 1
    m = TAIL_FIGURE.search(text, k)
    if not m or is_code(text, m.start()):
        return
    sent = find_sentence(m.start())
    if not STAT_RE.search(text, sent[0], m.start()):
        return                            # only a list of counts cut off after its last figure (…注销企业120家、个体经营户3456)
    cl = _clause(text, sent, m.start(), m.end())
    doc.facts.statistics.append(Statistic(metric=_metric(text, cl, m.start(), m.end()), value=float(m.group(1)),
                                          span=cl, subject=_subject(doc, text, sent, m.start()),
                                          period=_period(doc, text, sent)))
