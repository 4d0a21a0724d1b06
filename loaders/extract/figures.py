"""Shapes of reported figures beyond "number + measure word" (statistics.py reads those): places counted by
their kind (选取2市5县开展试点, 2县1区), a count in quotes (开展了“五轮”减证便民), the first figure of a change
(由1320项调减至1236项), a figure a scraped page's hard line break cut from its words (新登记市场主体\\n6213户), a
bare figure the text ends on, and what is no figure (a plan's targets, ordinals of plenary sessions, a number the
words around it make no count: ``not_a_count``); and the parts a total is broken down into (…审结40件，其中维持29件)."""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import wrap_start
from fazhi.loaders.facts import Statistic
from fazhi.loaders.numerals import NUMBER_FIRST, NUMBER_REST, is_chinese_numeral

_N = rf"{NUMBER_FIRST}{NUMBER_REST}"
# places counted by their kind, two or more kinds in a row: 2市5县, 2县1区, 3个市、8个县 (one kind alone, 3市,
# is too often something else: 12345市民热线)
_PLACE_UNIT = r"(?:个)?(?:市|县|区|州|盟|旗|乡镇|乡|镇|街道)"
PLACE_COUNTS = re.compile(rf"(?<![\d第])(?:{_N}{_PLACE_UNIT}[、和及]?){{2,}}(?![\u4e00-\u9fff]?[级属直委府])")
PLACE_COUNT = re.compile(rf"({_N})(?:个)?(市|县|区|州|盟|旗|乡镇|乡|镇|街道)")
# a quote holding nothing but a count: “五轮”, “三轮” (“三项制度”, “两个维护” are slogans: more than a count)
QUOTED_COUNT = re.compile(rf"[“\"‘「『]{_N}\s*(?:轮|次|批|项|个|件|家|场|期)[”\"’」』]")
# 由N项调减至M项, 由386项减少至271项: N is a figure (由N名以上人员 stays a duty's limit)
CHANGE_AFTER = re.compile(r"\s*(?:调|分别|大幅|逐步)?(?:减|降|增|提高|提升|压缩|缩减|精简|下降|上升|扩大|增长|"
                          r"减少|增加|调整)(?:少|加|长|低)?(?:至|到|为)")
# what a telephone, post or account number follows: no count
CODE_BEFORE = re.compile(r"(?:电话|热线|号码|手机|传真|邮编|邮政编码|编号|代码|账号|QQ|微信|信箱)[:：]?\s*$")
# the ordinals of plenary sessions and congresses: 六届二次、三次全会, 十六届四次
SESSION_AFTER = re.compile(rf"(?:\s*[、和及]\s*{_N}\s*次)*\s*(?:全会|全体会议|党代会|代表大会|会议精神)")
SESSION_BEFORE = re.compile(r"届\s*$")
# what the words around a number make no count (not_a_count)
TIME_UNITS = {"个工作日", "工作日", "天", "小时", "分钟", "个月", "学时", "课时"}
# political formulas and idioms that look like counts
SLOGANS = re.compile(r"^(?:两个(?:维护|确立|一百年|务必)|四个(?:意识|自信|全面|亲自|不摘)|三项制度|三个代表|五位一体|"
                     r"三大(?:攻坚|审判)|[两二三四五六七八九]条线|两个责任|三个(?:务必|区分|一批)|"
                     r"[两二三四五六七八九]个(?:一|不|到位|必须|全|聚焦|坚持|统一|结合|转变|提升|强化|作风|工程|确保|优先|融合)|两学一做|"
                     r"[二三四五六七八九十]+项(?:制度|行动|机制)[”\"])")
WEEKDAY_BEFORE = re.compile(r"(?:周|星期|礼拜)$")
CONDITION_AFTER = re.compile(r"的(?:或|,|，|以及|及)")
NOT_COUNT_AFTER = re.compile(r"\s*(?:周年|周岁|岁|号|届|级|中全会|大)")
HEADING_NUMBER = re.compile(r"[:：.．、](?!\d)")
# a plan states targets: a figure it says is to be reached, kept or kept within
TARGET_WORDS = re.compile(r"达到|保持|提高到|提升到|提高至|提升至|控制在|以上|以下|不低于|不少于|不超过|力争|确保|实现|"
                          r"到(?:19|20)\d{2}年|年底前|前完成")


def unmask_quoted_counts(text: str, mask: bytearray) -> None:
    """Clear the protection of quotes (see clauses.Protected) that hold nothing but a count, so it is read."""
    for m in QUOTED_COUNT.finditer(text):
        a, b = m.span()
        mask[a + 1:b - 1] = b"\x00" * (b - a - 2)


def place_counts(text: str, start: int = 0):
    """(value text, unit, start, end) of every place counted by its kind in a run of two or more kinds.

    >>> [(v, u) for v, u, *_ in place_counts("选取2市5县开展示范试点，在2县1区开展试点")]
    [('2', '市'), ('5', '县'), ('2', '县'), ('1', '区')]
    >>> list(place_counts("拨打12345市民热线，全市3个县级市"))
    []
    """
    for run in PLACE_COUNTS.finditer(text, start):
        for m in PLACE_COUNT.finditer(text, run.start(), run.end()):
            yield m.group(1), m.group(2), m.start(), m.end()


def starts_a_change(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` is where a change starts (由1320项 | 调减至1236项)."""
    return bool(CHANGE_AFTER.match(text, end, end + 8))


def is_session_ordinal(text: str, start: int, end: int) -> bool:
    """六届二次全会, 四次、五次、六次全会: a count of 次 that numbers a session.

    >>> t = "认真落实市委六届二次、三次全会和区委十六届四次全会部署"
    >>> [is_session_ordinal(t, t.index(x), t.index(x) + 2) for x in ("二次", "三次", "四次")]
    [True, True, True]
    """
    return bool(SESSION_BEFORE.search(text, max(0, start - 2), start) or SESSION_AFTER.match(text, end, end + 40))


def is_code(text: str, start: int) -> bool:
    """A telephone, post or account number (监督电话12345678): written after the word that says so."""
    return bool(CODE_BEFORE.search(text[max(0, start - 8):start]))


def is_target(clause: str) -> bool:
    """A clause of a plan that sets a figure to reach (网上可办率达到95%以上, 到2025年…)."""
    return bool(TARGET_WORDS.search(clause))


def across_wrap(text: str, cl: tuple[int, int], number_at: int) -> tuple[int, int]:
    """A clause that opens a line with its figure (6213户) after a line that does not end a sentence (全年新登记
    市场主体): a hard line break cut it from its words, the previous line's last clause (``clauses.wrap_start``)."""
    if text[cl[0]:number_at].strip():
        return cl
    return wrap_start(text, cl[0]), cl[1]


def link_breakdowns(text: str, stats: list[Statistic], first: int, sentence_of: dict, pos_of: dict) -> None:
    """其中/包括 after a total: the figures that follow in the same sentence are parts of that total."""
    for i in range(first, len(stats)):
        s = stats[i]
        sent = sentence_of.get(i)
        if sent is None:
            continue
        seg = text[sent[0]:pos_of[i]]
        k = max(seg.rfind("其中"), seg.rfind("包括"))
        if k < 0:
            continue
        mark = sent[0] + k
        # the total: the last figure before the marker in the same sentence with the same measure; a sentence
        # that opens with 其中 (…已审结40件。其中,维持29件) breaks down the last figure of the sentence before
        opens = not seg[:k].strip(" ,，:：")
        prev_sent = None
        for j in range(i - 1, first - 1, -1):
            t = stats[j]
            if sentence_of.get(j) != sent:
                if not opens or sentence_of.get(j) is None or (prev_sent and sentence_of.get(j) != prev_sent):
                    break
                prev_sent = sentence_of.get(j)
            if pos_of.get(j, mark) < mark and t.total_of is None and \
                    _same_measure(t.unit, s.unit):
                s.total_of = j
                break


# A、B分别为3件、5件 / A和B分别是3件和5件: the n-th name is what the n-th figure counts. Names are runs of Chinese
# (quotes allowed) joined by 、/和/及; the figures, joined the same way, follow 分别(为|是|达到?|有)? at once.
_NAME = r"[\u4e00-\u9fff“”]{2,20}"
_FIG = rf"{_N}\s*(?:万|亿)?\s*(?:余|多)?\s*[\u4e00-\u9fff%％]{{1,2}}"
RESPECTIVELY = re.compile(rf"(?P<names>{_NAME}(?:[、和及]{_NAME})+)\s*分别(?:为|是|达到|达|有|占)?\s*"
                          rf"(?P<figs>{_FIG}(?:\s*[、和及]\s*{_FIG})+)")
_JOIN = re.compile(r"[、和及]")
# a verb the first name opens with and the others share (受理、办结: each a verb already; 办理复议、诉讼案件: one)
_SHARED_VERB = re.compile(r"^(?:办理|受理|收到|审结|办结|新收|审查|审核|发生|开展|组织|举办|处理|调解|查处|作出)")
_VERB_ANYWHERE = re.compile(_SHARED_VERB.pattern[1:])
# a noun the last name ends with and the others share (行政复议、行政应诉案件: 行政复议案件 too)
_SHARED_NOUN = re.compile(r"(?:案件|申请|事项|文件)$")


def pair_respectively(text: str, stats: list[Statistic], first: int, pos_of: dict, start: int = 0) -> None:
    """Give each figure of a 分别 list the name in the same place of the list before it (its metric read from the
    clause would be the whole list, or the last name for the first figure). Lists of unequal length are left.

    >>> from fazhi.loaders.facts import Statistic
    >>> t = "全县办理行政复议、行政应诉案件分别为14件、9件。"
    >>> st = [Statistic("行政应诉案件", 14, (0, 1)), Statistic("办理行政复议、行政应诉案件分别为14件、", 9, (0, 1))]
    >>> pair_respectively(t, st, 0, {0: t.index("14"), 1: t.index("9件")})
    >>> [s.metric for s in st]
    ['办理行政复议案件', '办理行政应诉案件']
    """
    at = {p: i for i, p in pos_of.items() if i >= first}
    for m in RESPECTIVELY.finditer(text, start):
        names = [n for n in _JOIN.split(m.group("names")) if n]
        figs = list(re.finditer(_N, m.group("figs")))
        if len(names) != len(figs) or len(names) < 2:
            continue
        # the first name's words before the list (全县办理): time and place words go, a shared verb stays
        opened = _VERB_ANYWHERE.search(names[0])
        if opened:
            names[0] = names[0][opened.start():]
        verb = _SHARED_VERB.match(names[0])
        noun = _SHARED_NOUN.search(names[-1])
        last_verb = _SHARED_VERB.match(names[-1])
        obj = names[-1][last_verb.end():] if last_verb else ""     # 受理和办结信访事项: 受理 takes 信访事项
        for n, f in zip(names, figs):
            i = at.get(m.start("figs") + f.start())
            if i is None:
                continue
            if verb and not _SHARED_VERB.match(n):
                n = verb.group(0) + n
            elif obj and _SHARED_VERB.fullmatch(n):
                n += obj
            if noun and not _SHARED_NOUN.search(n):
                n += noun.group(0)
            stats[i].metric = n


def _same_measure(a: str, b: str) -> bool:
    return a[:1] == b[:1] or {a[:1], b[:1]} <= {"件", "案", "起", "宗"}


def not_a_count(text: str, m: re.Match) -> bool:
    """Whether the number and unit of ``m`` are, by the words around them, no count: an idiom or slogan (一次,
    千家万户, 两个维护), a year or time frame (2020年, 近五年来, 30天内), a service's hours, a weekday, a condition,
    an age or ordinal, a score's 分 that is a word's (分局), a session's number, a heading's number."""
    num, unit = m.group("num"), m.group("unit")
    start, end = m.start(), m.end()
    cn = is_chinese_numeral(num.rstrip("万亿 "))
    if cn and num.strip() in ("百", "千") and (m.group("between") or re.search(r"(?:近|约|逾|上|超过?)$", text[max(0, start - 3):start])):
        pass                              # 百余家, 近千人: a round count
    elif cn and (num.strip() in ("一", "〇", "零") or num[0] in "百千"):
        return True                       # 一次 / 一批 / 千家万户: idiom, not a count
    if cn and SLOGANS.match(text[start:start + 8]):
        return True
    before = text[max(0, start - 12):start]
    after = text[end:end + 4]
    if unit == "年" and (not re.search(r"(?:连续|已连续)\s*$", before) or len(num) > 2 and not cn):
        return True                       # a duration (连续15年), never a calendar year (2020年)
    if unit in ("天", "个月") and re.match(r"[内前后]", after):
        return True
    if unit == "年" and re.match(r"(?:来|以来|内|之内)", after):
        return True                       # 近五年来: a time frame, not a count
    if unit == "小时" and (re.search(r"[×xX*]\s*$", before)
                         or re.match(r"(?:在线|服务|值守|值班|不间断|不打烊|全天候)", after)):
        return True                       # 24小时在线服务: a service's hours, not a count
    if WEEKDAY_BEFORE.search(before):
        return True                       # 每周三: a weekday
    if CONDITION_AFTER.match(text, end, end + 3):
        return True                       # 一年内败诉两起的, ...: a condition
    if unit in TIME_UNITS and (re.match(r"\s*(?:内|以内|之内)", text[end - 2 if m.group("after") else end:end + 2])
                               or m.group("after") in ("以内", "之内")):
        return True
    if NOT_COUNT_AFTER.match(text, m.end("num"), m.end("num") + 3):
        return True
    if unit == "分" and ((re.match(r"[\u4e00-\u9fff]", after) and not re.match(r"以上|以下|左右", after))
                        or re.search(r"[时点]\s*$", before)):
        return True                       # 分局, 分院, 分类: not a score
    if unit in ("次", "届") and is_session_ordinal(text, start, end):
        return True                       # 六届二次、三次全会: ordinals of sessions written without 第
    return bool(HEADING_NUMBER.match(text[m.end("num"):m.end("num") + 1]))
