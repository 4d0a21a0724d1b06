"""Which indicator a statistic measures: a pure mapping from a statistic's words to a concept of the scheme in
``ontology/indicators.ttl`` (``reconsideration.closed``), with the rule and the words that decided it.

The scheme is the one source of the words: each indicator's topic words (行政复议), measure words (审结),
excluded words (调解 in 调解结案), context words, allowed units and qualifier words are read from the .ttl.
``classify`` returns a ``Mapping`` or None; precision comes first, so a statistic two indicators fit equally
well, one in a unit the indicator does not take, a change (同比下降), a target (到2025年, 力争) or a figure of a
plan that is not a past year's keeps none. docs/indicators.md explains the rules; ``statistic_lines`` is the
hook the statistics writer (loaders/factlines.py) calls. The scheme's words are read by
``loaders/indicator_scheme.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.loaders.indicator_scheme import Indicator, Scheme, load_scheme
from fazhi.loaders.ntriples import nt_literal
from fazhi.loaders.numerals import CN_NUMERALS, NUMBER_RE, parse_number
from fazhi.ontology.vocab import FZ

# rules, best first: a statistic takes the indicator of the best rank that only one indicator reaches
RANKS = {"metric-wording": 0, "metric-terms": 1, "outcome-list": 1, "clause-measure": 2, "sentence-topic": 2}
# a figure after these is a change, not a level (提高到 / 下降至 give the level itself)
CHANGE = re.compile(r"同比|较上年|比上年|较去年|较上一年|环比|"
                    r"(?:增长|下降|上升|减少|提高|降低|增加|提升|增幅|降幅)\s*了?\s*$")
CHANGE_UNITS = {"个百分点", "百分点", "倍"}
# a target, not a measurement: in the clause before the figure, or a future deadline in the sentence
TARGET_CLAUSE = re.compile(r"力争|争取|确保|目标|预计|计划|不低于|不少于|不超过|不高于|控制在|保持在|应当|必须|要求")
TARGET_SENTENCE = re.compile(r"到\s*20\d\d\s*年|20\d\d\s*年(?:底|末)?前")
# a rate over some kinds of case only (对于涉及重大公共利益的案件，...出庭率): not the indicator's population
SCOPED = re.compile(r"对于|对[^，,。；;]{0,40}的案件")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
CONTEXT_CHARS = 160           # how far back the sentence context reaches (the sentence and the one before)


@dataclass(frozen=True)
class Observation:
    """A statistic as the mapping sees it: its metric and unit, the passage it was read from (``evidence``), the
    text before the passage in its sentence and the sentence before (``context``), the document's kind
    (report, plan, notice) and the periods of the statistic and of the document; text in simplified Chinese."""
    metric: str
    unit: str
    evidence: str = ""
    context: str = ""
    kind: str = "report"
    value: float | None = None
    period: str = ""
    doc_period: str = ""


@dataclass(frozen=True)
class Mapping:
    """The indicator a statistic measures, the rule that decided it, the words that matched and the variant
    the words state (``qualifier``, may be empty)."""
    notation: str
    iri: str
    rule: str
    wording: str
    qualifier: str = ""
    span: tuple = ()             # where a measure word read from the clause lies in it (for overlaps)


def figure_start(evidence: str, value: float | None) -> int:
    """Where the statistic's figure starts in its passage (the first number there of its value), else the
    passage's end.

    >>> figure_start("收到行政复议申请5件，办结3件", 3)
    13
    >>> figure_start("调解成功率百分之九十八", 98), figure_start("共审结1.18万件", 11800)
    (8, 3)
    """
    if value is not None:
        if value == int(value) and 0 <= value < 10_000 and not _NOT_PLAIN.search(evidence):
            return _plain_figure(evidence, str(int(value)))   # digits only: the first standalone run of them
        for m in NUMBER_RE.finditer(evidence):
            v = parse_number(m.group())
            if v is not None and abs(v - value) < 1e-6 * max(1.0, abs(value)):
                return m.start()
    return len(evidence)


_NOT_PLAIN = re.compile("[" + CN_NUMERALS + r"万亿,， ]")   # a passage where a number may be written otherwise


def _plain_figure(evidence: str, digits: str) -> int:
    """The first occurrence of ``digits`` not inside a longer number, else the passage's end."""
    i = evidence.find(digits)
    while i >= 0:
        j = i + len(digits)
        if not (i and (evidence[i - 1].isdigit() or evidence[i - 1] == ".")) and not (
                j < len(evidence) and (evidence[j].isdigit() or evidence[j] == ".")):
            return i
        i = evidence.find(digits, i + 1)
    return len(evidence)


@dataclass(frozen=True)
class Words:
    """The statistic's words as the rules read them."""
    metric: str        # the figure's own clause without the figure: from the comma, semicolon or figure before it
                       # to the one after it (or its item of a list answered in turn: A、B分别为3件、5件)
    before: str        # the part of it before the figure
    clause: str        # the passage up to the figure
    sentence: str      # the sentence up to the figure
    previous: str      # the sentence before


# a figure (number, 余/多, unit) and the marks that end a clause: what bounds a figure's own clause
_FIGURE = re.compile(NUMBER_RE.pattern + r"\s*(?:余|多)?\s*(?:%|‰|[件个人名次项份家条场期户起宗例卷篇元])")
_BOUND = re.compile(r"[，,；;：:。]|" + _FIGURE.pattern)
_BOUND_AFTER = re.compile(r"[、，,；;：:。]|" + _FIGURE.pattern)     # after the figure a list's next item starts
_LIST_SPLIT = re.compile(r"[、和及与]")


def read_words(obs: Observation) -> Words:
    """Cut the statistic's passage and context into the pieces the rules read. The metric the extractor wrote is
    used only when the passage does not show the figure: its words may come from another clause.

    >>> w = read_words(Observation("同比上升审结", "件", "同比上升21.6%,审结1.18万件", value=11800))
    >>> w.metric, w.before
    ('审结', '审结')
    >>> read_words(Observation("党委会议专题研究", "次", "党委会议8次专题研究法治工作,学法3次", value=8)).metric
    '党委会议专题研究法治工作'
    >>> read_words(Observation("行政诉讼案件", "件", "办理复议案件、诉讼案件分别为31件、19件", value=31)).metric
    '办理复议案件'
    """
    fig = figure_start(obs.evidence, obs.value)
    clause = obs.evidence[:fig]
    at = _FIGURE.match(obs.evidence, fig)
    fig_end = at.end() if at else fig
    start = max([0] + [m.end() for m in _BOUND.finditer(clause)])
    after = _BOUND_AFTER.search(obs.evidence, fig_end)
    before = clause[start:]
    metric = before + obs.evidence[fig_end:after.start() if after else len(obs.evidence)]
    item = _respective(clause)
    if item:
        metric = before = item
    ends = [m.end() for m in _SENTENCE_END.finditer(obs.context)]
    sentence = obs.context[ends[-1]:] if ends else obs.context
    previous = obs.context[ends[-2] if len(ends) >= 2 else 0:ends[-1]] if ends else ""
    if not at or not re.search("[\u4e00-\u9fff]", metric):
        metric = obs.metric
    return Words(metric, before, clause, sentence + clause, previous)


def _respective(clause: str) -> str:
    """For the k-th figure after 分别 (A、B分别为3件、5件): the k-th item of the list before it, else ''."""
    i = clause.rfind("分别")
    if i < 0:
        return ""
    k = sum(1 for _ in _FIGURE.finditer(clause, i))
    head = clause[max([0] + [m.end() for m in re.finditer(r"[，,；;：:]", clause[:i])]):i]
    items = _LIST_SPLIT.split(head)
    return items[k] if len(items) > 1 and k < len(items) else ""


def classify(obs: Observation, scheme: Scheme | None = None) -> Mapping | None:
    """The indicator the statistic measures, or None (see the module docstring).

    >>> classify(Observation("办结行政复议案件", "件", "办结行政复议案件23件", value=23)).notation
    'reconsideration.closed'
    >>> classify(Observation("综合纠错率", "%", "综合纠错率28.6%", "行政复议直接纠错率21.9%，", value=28.6)).notation
    'reconsideration.overall_correction_rate'
    >>> classify(Observation("村(社区)均配备村(居)法律顾问", "个", "218个村（社区）均配备村（居）法律顾问", value=218))
    """
    scheme = scheme or load_scheme()
    if not obs.unit or obs.unit in CHANGE_UNITS or not scheme.cue_re.search(obs.evidence + "|" + obs.metric):
        return None       # (no word any indicator is read by: most statistics of a report stop here)
    w = read_words(obs)
    if _not_a_measurement(obs, w) or CHANGE.search(w.before):
        return None
    found = [m for ind in scheme.candidates(w.metric) if (m := _match(ind, obs.unit, w, scheme))]
    found = [m for m in found if not any(_inside(m, o) for o in found)]
    best = min((RANKS[m.rule] for m in found), default=None)
    top = {m.notation: m for m in found if RANKS[m.rule] == best}
    if len(top) != 1:               # none, or two indicators fit equally well: precision first
        return None
    m = next(iter(top.values()))
    if scheme.by_notation(m.notation).unit_kind == "rate" and SCOPED.search(w.sentence):
        return None
    return m


def _inside(m: Mapping, other: Mapping) -> bool:
    """Whether ``m``'s measure word lies inside ``other``'s longer one in the text (审查 of 备案审查): the longer
    word is the one the text says."""
    return (m.notation != other.notation and m.span and other.span and other.span[0] <= m.span[0]
            and m.span[1] <= other.span[1] and other.span != m.span)


def _not_a_measurement(obs: Observation, w: Words) -> bool:
    """A target, or a figure of a plan for its own period (only a past year's figure in a plan is measured)."""
    if obs.kind not in ("report", ""):
        past = obs.period[:4].isdigit() and obs.doc_period[:4].isdigit() and obs.period[:4] < obs.doc_period[:4]
        if not past:
            return True
    return bool(TARGET_CLAUSE.search(w.clause) or TARGET_SENTENCE.search(w.sentence))


def _match(ind: Indicator, unit: str, w: Words, scheme: Scheme) -> Mapping | None:
    """How ``ind`` fits the statistic (its best rule), or None."""
    if ind.units and unit not in ind.units or any(_says(w.metric, x) for x in ind.excluded):
        return None
    if ind.context and not any(x in w.metric or x in w.clause for x in ind.context):
        return None
    topic = next((t for t in ind.topics if t in w.metric), "")
    measure = next((x for x in ind.measures if "+" not in x and x in w.metric), "")
    if topic and (measure or not ind.measures):
        wording = next((x for x in ind.wordings if x in w.metric), "")
        return _mapping(ind, w, "metric-wording", wording) if wording else \
            _mapping(ind, w, "metric-terms", _join(topic, measure))
    if topic:
        for x in ind.measures:
            if "+" not in x and x in w.clause:
                at = w.clause.rfind(x)
                return _mapping(ind, w, "clause-measure", _join(topic, x), (at, at + len(x)))
    elif measure:
        found = _borrowed(ind, w, w.sentence.rfind(measure), scheme)
        if found:
            return _mapping(ind, w, "sentence-topic", _join(found, measure))
    listed = _outcome_list(ind, w.metric)
    if listed and (topic or _borrowed(ind, w, len(w.sentence) - len(w.before), scheme)):
        return _mapping(ind, w, "outcome-list", listed)
    return None


def _says(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word`` other than as a level reached (精简至168项 says how many are left).

    >>> _says("审批事项精简至", "精简"), _says("精简审批事项", "精简")
    (False, True)
    """
    i = text.find(word)
    while i >= 0:
        if not text.startswith(("至", "到", "为"), i + len(word)):
            return True
        i = text.find(word, i + 1)
    return False


def _mapping(ind: Indicator, w: Words, rule: str, words: str, span: tuple = ()) -> Mapping:
    return Mapping(ind.notation, ind.iri, rule, words, next((q for x, q in ind.qualifiers if x in w.metric), ""),
                   span)


def _join(topic: str, measure: str) -> str:
    return f"{topic} + {measure}" if measure and measure != topic else topic


def _topic_before(ind: Indicator, w: Words, pos: int, scheme: Scheme) -> tuple[str, str]:
    """The nearest topic word (of any indicator, or of none) before ``pos`` in the sentence, with its own clause;
    in the sentence before when this one opens with the statistic (共废止16件: the documents are the last
    sentence's). ('', '') when the nearest is a topic of no indicator, or there is none."""
    head = w.sentence[:max(pos, 0)]
    found = _last_topic(head, scheme)
    if not found[0] and (len(head.strip()) <= 4 or any(x in head for x in _kin_measures(ind, scheme))):
        found = _last_topic(w.previous, scheme)
    return found if found[0] and scheme.families.get(found[0]) else ("", "")


def _kin_measures(ind: Indicator, scheme: Scheme) -> set:
    """The measure words of the indicators that share a topic with ``ind`` (a sentence using one of them
    goes on with the last sentence's topic: 以撤销、变更等方式纠正...156件，直接纠错率15.3%)."""
    kin = {n for t in ind.topics for n in scheme.families.get(t, ())}
    return {p for i in scheme.indicators if i.notation in kin for x in i.measures for p in x.split("+")}


def _last_topic(text: str, scheme: Scheme) -> tuple[str, str]:
    """The last topic word in ``text`` and its clause (from the mark or figure before it to its end)."""
    last = None
    for m in scheme.topic_re.finditer(text):
        last = m
    if last is None:
        return "", ""
    start = max([0] + [b.end() for b in _BOUND.finditer(text, 0, last.start())])
    return last.group(), text[start:last.end()]


def _borrowed(ind: Indicator, w: Words, pos: int, scheme: Scheme) -> str:
    """The topic ``ind`` may take from the sentence before ``pos``: the nearest, if it is one of ``ind``'s and its
    clause has none of ``ind``'s excluded words (规章和规范性文件,废止12件: not documents alone)."""
    word, clause = _topic_before(ind, w, pos, scheme)
    return word if word in ind.topics and not any(x in clause for x in ind.excluded) else ""


def _outcome_list(ind: Indicator, metric: str) -> str:
    """For a measure word like 撤销+变更+确认违法+责令履行: the parts the figure's clause lists, when two or more."""
    for x in ind.measures:
        if "+" in x:
            parts = [p for p in x.split("+") if p in metric]
            if len(parts) >= 2:
                return "、".join(parts)
    return ""


def observation(stat, text: str, meta) -> Observation:
    """The Observation of a ``facts.Statistic`` read from ``text`` (simplified Chinese, the report's offsets)."""
    start, end = stat.span
    lo = max(0, start - CONTEXT_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    ctx_start = ends[-2] if len(ends) >= 2 else lo   # the sentence before the statistic's, and its own
    return Observation(stat.metric, stat.unit, text[start:end], text[ctx_start:start], meta.kind or "report",
                       stat.value, stat.period or meta.period, meta.period)


_INDICATOR, _RULE, _WORDING, _QUALIFIER = (f"<{p.value}>" for p in (FZ.indicator, FZ.indicatorRule,
                                                                    FZ.indicatorWording, FZ.indicatorQualifier))


def statistic_lines(node: str, stat, text: str, meta) -> list[str]:
    """The N-Triples lines saying which indicator the statistic ``node`` (as <iri>) measures and why; none
    when it measures none."""
    m = classify(observation(stat, text, meta))
    if m is None:
        return []
    lines = [f"{node} {_INDICATOR} <{m.iri}> .\n", f"{node} {_RULE} {nt_literal(m.rule)} .\n",
             f"{node} {_WORDING} {nt_literal(m.wording)} .\n"]
    if m.qualifier:
        lines.append(f"{node} {_QUALIFIER} {nt_literal(m.qualifier)} .\n")
    return lines
