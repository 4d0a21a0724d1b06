"""Which of a report's statistics count its own cases, and what they measure: (case type, measure), so
`case-reconciliation` can set them beside the case ledgers (``fz:caseType``, ``fz:caseMeasure``).

``case_measure`` is the mapping (pure, tested on its own); ``extract_case_figures`` runs it over a report's
statistics after the statistics extractor. Precision first: a figure is mapped only when its words say
exactly one of these (anything else, including 办理 "handled", 收到…申请 "applications received", an outcome
breakdown such as 维持5件, 综合纠错率, a change 同比下降5%, a target 控制在5%以内, a figure for part of the
year 截至目前 / 1-9月, one for some kinds of case only 对于涉及…的案件等 and any figure in a plan or a next-steps
section, is left unmapped):

| measure | case type | words (a count: 件/起/宗; a rate: %) |
| --- | --- | --- |
| received | 行政复议, 行政诉讼, 行政处罚 | 受理, 新收, 收案, 立案 … 案件 (not 不予受理) |
| closed | same | 审结, 办结, 结案, 审理终结 |
| corrected | 行政复议 | 纠错, 纠正 (a count; not 综合纠错) |
| lost | 行政诉讼 | 败诉 (a count) |
| correction_rate | 行政复议 / 行政诉讼 | 纠错率, 直接纠错率 (复议) / 败诉率 (诉讼: the share of closed cases lost) |
| head_appeared_rate | 行政诉讼 | 出庭应诉率, 出庭率 (负责人 usually named) |

The case type comes from the figure's own words, else from the text before it in its sentence (the nearest
of 复议 / 诉讼·应诉·败诉·出庭 / 处罚; 审结6件 after 新收一审行政诉讼案件7件 is litigation), or from the total
it is part of.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import plan_regions, sentence_index

_TYPES = (("行政复议", re.compile(r"复议")), ("行政诉讼", re.compile(r"诉讼|应诉|败诉|出庭|被诉")),
          ("行政处罚", re.compile(r"行政处罚")))
_TYPE_WORD = re.compile(r"复议|诉讼|应诉|败诉|出庭|被诉|行政处罚")
_COUNT_UNITS = ("件", "起", "宗", "个案件")
_PERCENT = ("%", "％", "百分之")
_TARGET = re.compile(r"力争|确保|控制在|保持在|保持|目标|不低于|不高于|不超过|以内|以下|争取|预计|计划")
_CHANGE = re.compile(r"(?:同比|环比|比上年|较上年|较去年)|(?:下降|上升|提高|降低|增长|减少|增加)(?![至到为了])$")
# a figure about some of the cases only (对于涉及重大公共利益的案件…等, 出庭率达100%)
_SUBSET = re.compile(r"(?:对于|对涉及|针对|其中涉及)[^。；;]*案件|案件等[,，、]?\s*$|类案件[,，]?\s*$")
# a figure for part of the year (截至目前, 1-9月, 上半年): not the year the ledgers are counted by
_PARTIAL = re.compile(r"截[至止](?:目前|\d{1,2}月|当前|今年)|\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|上半年|前三季度|"
                      r"[一二三]季度")
_CHANGE_BEFORE = re.compile(r"(?:同比|环比|比上年|较上年|较去年|下降|上升|提高|降低|增长|减少|增加)[^\d,，。;；]{0,4}$")
_RECEIVED = re.compile(r"(?<!不予)(?:受理|新收|收案|立案)")
_CLOSED = re.compile(r"审结|办结|结案|审理终结")
_AMBIGUOUS = re.compile(r"办理|收到|收件|申请")
_CASE_WORDS = re.compile(r"案件|复议|诉讼|应诉|处罚")    # (not 案 alone: 立案/结案 are the verbs)


def case_type(words: str, lead: str = "") -> str:
    """The one case type ``words`` name (else the nearest named at the end of ``lead``); '' if none or two.

    >>> case_type("审结行政复议案件"), case_type("审结", "新收一审行政诉讼案件7件,")
    ('行政复议', '行政诉讼')
    >>> case_type("行政复议和行政诉讼案件")
    ''
    """
    found = {name for name, rx in _TYPES if rx.search(words)}
    if "行政处罚" in found and len(found) > 1 and "行政诉讼" in found and "复议" not in words:
        found.discard("行政诉讼")         # (行政处罚 … 被诉 is rare; a penalty figure names 处罚 itself)
    if len(found) == 1:
        return found.pop()
    if found:
        return ""
    near = list(_TYPE_WORD.finditer(lead))
    return case_type(near[-1].group(), "") if near else ""


def case_measure(metric: str, unit: str, passage: str = "", *, lead: str = "",
                 target: bool = False) -> tuple[str, str] | None:
    """(case type, measure) that a statistic states about its reporter's own cases, or None.

    ``metric``: the statistic's words before its number; ``unit``: as written; ``passage``: its clause
    (evidence); ``lead``: the sentence before it and the metric of the total it is part of, for the case
    type; ``target``: the figure stands in a plan or a next-steps section (a target, not a measurement).

    >>> case_measure("审结行政复议案件", "件"), case_measure("直接纠错率", "%", "直接纠错率25%", lead="行政复议")
    (('行政复议', 'closed'), ('行政复议', 'correction_rate'))
    >>> case_measure("行政机关负责人出庭应诉率", "%"), case_measure("办理行政复议案件", "件")
    (('行政诉讼', 'head_appeared_rate'), None)
    >>> case_measure("审结", "件", lead="新收行政诉讼案件7件,"), case_measure("受理热线转办诉求", "件", lead="行政处罚45件,")
    (('行政诉讼', 'closed'), None)
    """
    words = metric + " " + passage
    if target or _TARGET.search(words) or _PARTIAL.search(lead + words):
        return None
    head = re.split(r"\d", passage, maxsplit=1)[0]      # the passage up to its figure
    if _CHANGE.search(metric) or _CHANGE_BEFORE.search(head):
        return None
    if _SUBSET.search(re.split(r"[；;]", lead)[-1]):
        return None
    kind = case_type(metric + passage, lead)
    if not kind:
        return None
    if unit.strip() in _PERCENT:
        return _rate(metric, kind)
    if unit.strip() not in _COUNT_UNITS or "率" in metric:
        return None
    return _count(metric, kind)


def _rate(metric: str, kind: str) -> tuple[str, str] | None:
    if "出庭" in metric and "率" in metric:
        return ("行政诉讼", "head_appeared_rate") if kind == "行政诉讼" else None
    if "败诉率" in metric:
        return ("行政诉讼", "correction_rate") if kind == "行政诉讼" else None
    if "纠错率" in metric and "综合" not in metric:
        return ("行政复议", "correction_rate") if kind == "行政复议" else None
    return None


def _count(metric: str, kind: str) -> tuple[str, str] | None:
    if "出庭" in metric:
        return None                       # a count of appearances, which no measure is
    if "败诉" in metric:
        return ("行政诉讼", "lost") if kind == "行政诉讼" else None
    if re.search(r"纠错|纠正", metric):
        return ("行政复议", "corrected") if kind == "行政复议" and "综合" not in metric else None
    closed, received = _CLOSED.search(metric), _RECEIVED.search(metric)
    if closed and received or _AMBIGUOUS.search(metric) and not (closed or received):
        return None
    # what is received or closed must be cases: named (案件, 复议, 应诉) or left to the sentence (…7件，审结6件);
    # 受理12345热线诉求 after a penalty figure counts something else
    if (closed or received) and not _CASE_WORDS.search(metric) and len(_CLOSED.sub("", _RECEIVED.sub("", metric))) > 2:
        return None
    if closed:
        return kind, "closed"
    if received:
        return kind, "received"
    return None


def extract_case_figures(doc) -> None:
    """Set ``case_type`` and ``case_measure`` on the report's statistics that count its own cases."""
    stats = doc.facts.statistics
    if not stats:
        return
    plans = plan_regions(doc)
    plan_doc = doc.meta.kind == "plan"
    find = sentence_index(doc.structure.sentences if doc.structure else [])
    text = doc.simple
    for s in stats:
        start, end = s.span
        sent = find(start)
        lead = text[sent[0]:start] if sent[0] < start else ""
        if s.total_of is not None and 0 <= s.total_of < len(stats):
            lead = stats[s.total_of].metric + " " + lead
        target = plan_doc or any(a <= start < b for a, b in plans)
        found = case_measure(s.metric, s.unit, text[start:end], lead=lead, target=target)
        if found:
            s.case_type, s.case_measure = found
