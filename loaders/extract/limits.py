"""The limits a duty sets: within N 日/工作日, no less than N 学时, no more than N, by a deadline, N times per
period. ``find_limits(clause)`` returns them in the order they appear."""
from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.loaders.extract.wording import AT_LEAST_WORDS, AT_MOST_WORDS
from fazhi.loaders.numerals import NUMBER_FIRST, NUMBER_REST, parse_number

# (NUMBER_PATTERN in the form that opens with a character class: WITHIN and AT_LEAST_POST open with the
# number, and re can then skip to the next digit instead of trying them at every position)
_N = rf"(?P<num>{NUMBER_FIRST}{NUMBER_REST})"
_TIME = r"(?P<unit>个工作日|工作日|个月|小时|日|天|周|年)"
_UNIT = (r"(?P<unit>个工作日|工作日|个百分点|学时|课时|小时|个月|分钟|人次|%|名|人|个|次|期|场|项|件|天|日|周|年|家|"
         r"份|篇|条|"
         r"万元|元)?")

WITHIN = re.compile(rf"{_N}\s*{_TIME}\s*(?:内|以内|之内)")
WITHIN_WORDS = re.compile(r"(?:在|于)?法定(?:期限|时限)内|规定(?:期限|时限)内|限期|即时|当日|当场")
NO_LESS = re.compile(rf"(?:{AT_LEAST_WORDS}|最少|不短于)\s*(?:总分值的|总分的|总数的)?\s*"
                     rf"{_N}\s*{_UNIT}")
AT_LEAST_POST = re.compile(rf"{_N}\s*(?P<unit>名|人|个|次|家|项)\s*(?:以上|及以上)")
NO_MORE = re.compile(rf"(?:{AT_MOST_WORDS}|不多于)\s*{_N}\s*{_UNIT}")
FREQ_COUNT = re.compile(rf"每(?P<per>年|季度|季|半年|月|周|两年|三年|天|日)[^,。;]{{0,30}}?(?:至少|不少于|不低于)?\s*"
                        rf"{_N}\s*(?P<unit>次|期|场|轮)")
FREQ_WORDS = re.compile(r"每(?:年|季度|半年|月|周|两年)|定期|常态化开展")
DEADLINE = re.compile(r"每(?:年|季度|季|半年|月)(?:末|底|初)前|每(?:月|季度|年)\s*\d{1,2}\s*日(?:前|之前|以前)|(?:季度|月|年)(?:末|底|初)前|"
                      r"(?:每年|于|在)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}\s*日|底|份|中旬|上旬|下旬)?\s*"
                      r"(?:前|之前|以前)|每年第[一二三四1-4]季度|年底前|年内完成|限期(?:整改|完成|办理)?")
# 一年内败诉两起的: a time frame of a condition, not a duty's limit
# every limit pattern needs one of these words: a clause without any is skipped at once
TRIGGER = re.compile(r"内|不少于|不低于|不得|至少|最少|不短于|不超过|不高于|不多于|最多|最长|控制在|每|以上|前|季度|"
                     r"限期|法定|规定|"
                     r"即时|当日|当场|定期|常态化")
CONDITIONAL = re.compile(r"的\s*$|的或")
# a word every match of DEADLINE holds: a clause without any is not scanned for deadlines
DEADLINE_WORD = re.compile("前|限期|每年第|年内完成")


@dataclass
class Limit:
    kind: str                # within, no_less_than, no_more_than, deadline, frequency
    value: float | None
    unit: str
    start: int               # offsets into the clause
    end: int


def find_limits(clause: str, duty_context: bool = True) -> list[Limit]:
    """The limits in a clause, in order of appearance.

    >>> [(x.kind, x.value, x.unit) for x in find_limits("在执法决定作出之日起20个工作日内向社会公布")]
    [('within', 20.0, '工作日')]
    >>> [(x.kind, x.value, x.unit) for x in find_limits("每年开展专题培训不少于40学时")]
    [('no_less_than', 40.0, '学时')]
    >>> [(x.kind, x.value, x.unit) for x in find_limits("政府常务会议每半年听取一次法治政府建设工作汇报")]
    [('frequency', 1.0, '次')]
    >>> [(x.kind, x.value) for x in find_limits("行政执法机关于每年1月31日前公开本机关上年度行政执法总体情况")]
    [('deadline', None)]
    >>> [(x.kind, x.value, x.unit) for x in find_limits("分值权重不低于总分值的10%")]
    [('no_less_than', 10.0, '%')]
    """
    found: list[Limit] = []
    taken: list[tuple[int, int]] = []
    if not TRIGGER.search(clause):
        return found

    def add(kind, m, value=None, unit=""):
        a, b = m.span()
        if any(a < y and x < b for x, y in taken):
            return
        taken.append((a, b))
        found.append(Limit(kind, value, unit.replace("个工作日", "工作日"), a, b))

    # (each pattern below needs a word or character the cheap ``in`` tests check first: a clause has few)
    for m in FREQ_COUNT.finditer(clause) if "每" in clause else ():
        add("frequency", m, parse_number(m.group("num")), m.group("unit"))
    for m in WITHIN.finditer(clause) if "内" in clause else ():
        if CONDITIONAL.search(clause[m.end():m.end() + 12].split(",")[0]) and m.group("unit") in ("年", "月", "个月"):
            continue
        add("within", m, parse_number(m.group("num")), m.group("unit").lstrip("个") if m.group("unit") == "个工作日"
            else m.group("unit"))
    # (不少于 不低于 不得少于 不得低于 至少 最少 不短于)
    for m in NO_LESS.finditer(clause) if "少" in clause or "低" in clause or "短" in clause else ():
        add("no_less_than", m, parse_number(m.group("num")), m.group("unit") or "")
    # (不超过 不得超过 不高于 不多于 最多 最长 控制在)
    more = "超" in clause or "多" in clause or "高" in clause or "长" in clause or "控" in clause
    for m in NO_MORE.finditer(clause) if more else ():
        add("no_more_than", m, parse_number(m.group("num")), (m.group("unit") or "").replace("个工作日", "工作日"))
    if duty_context:
        for m in AT_LEAST_POST.finditer(clause) if "以上" in clause else ():
            add("no_less_than", m, parse_number(m.group("num")), m.group("unit"))
    for m in DEADLINE.finditer(clause) if DEADLINE_WORD.search(clause) else ():
        add("deadline", m)
    if not found:
        m = WITHIN_WORDS.search(clause)
        if m:
            add("deadline" if m.group(0).startswith("限期") else "within", m)
    if not found:
        m = FREQ_WORDS.search(clause)
        if m:
            add("frequency", m)
    found.sort(key=lambda x: x.start)
    return found
