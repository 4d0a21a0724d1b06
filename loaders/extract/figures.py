"""Shapes of reported figures beyond "number + measure word" (statistics.py reads those): places counted by
their kind (选取2市5县开展试点, 2县1区), a count in quotes (开展了“五轮”减证便民), the first figure of a change
(由1320项调减至1236项), a figure a scraped page's hard line break cut from its words (新登记市场主体\\n6213户), a
bare figure the text ends on, and what is no figure (a plan's targets, ordinals of plenary sessions); and the parts a
total is broken down into (…审结40件，其中维持29件)."""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import wrap_start
from fazhi.loaders.facts import Statistic
from fazhi.loaders.numerals import NUMBER_FIRST, NUMBER_REST

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


def _same_measure(a: str, b: str) -> bool:
    return a[:1] == b[:1] or {a[:1], b[:1]} <= {"件", "案", "起", "宗"}
