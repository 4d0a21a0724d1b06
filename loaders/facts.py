"""What extractors find, as plain records (``emit.py`` turns them into triples), and the shape of the
declaration of a kind of fact (``FactKind``; the declarations themselves are in ``kinds.py``).

Every record carries a ``span`` (start, end) into the report's normalised text: its evidence. Names are
the canonical (jurisdiction-qualified, simplified-Chinese) names; ``emit.py`` mints IRIs from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from pyoxigraph import NamedNode

from fazhi.loaders.text import to_simplified
from fazhi.ontology.ids import doc_key
from fazhi.ontology.vocab import FZ_NS

Span = tuple[int, int]

# A title that is a letter of its own (关于… / …的通知 / …的报告) owns the number printed with it. A plan, law or rule
# printed with a number is mostly printed with the number of the notice that issued it (《X省…实施方案》(X发〔2016〕
# 31号)), and other reports cite it by title alone: it is known by its title, so the printings meet in one node.
_LETTER = re.compile(r"关于|(?:通知|通报|意见|决定|批复|函|报告|请示|纪要|公告|通告|总结|情况|命令)$")


@lru_cache(maxsize=8192)
def document_key(number: str, title: str, scope: str = "") -> str:
    """The key (see ``ids.doc_key``) a document is known by in every report: by its number when it is a letter
    (a notice, an opinion, a report) or has no title, else by its title in simplified characters; ``scope`` (the
    issuing body, for a title that names no place: see ``docnames.placeless``) qualifies a title key.

    >>> plan = "河南省法治政府建设实施方案"
    >>> document_key("豫发〔2016〕31号", plan + "（2016-2020年）") == document_key("", plan + "(2016—2020年)")
    True
    >>> document_key("中发〔2015〕36号", "中共中央、国务院关于印发<纲要>的通知")
    'n:中发〔2015〕36号'
    >>> document_key("", "法治政府建設實施綱要") == document_key("", "法治政府建设实施纲要")
    True
    >>> document_key("", "2024年度法治工作要点", "甲县司法局")
    't:2024年度法治工作要点@甲县司法局'
    """
    t = to_simplified(title) if title else ""
    if number and t and not _LETTER.search(t):
        number = ""
    key = doc_key(number, t)
    # a title only the issuing body's own (see docnames.placeless) is that body's: 2024年度法治工作要点@X局
    return key + "@" + scope if scope and not number else key


@dataclass
class Agency:
    name: str                      # canonical full name, e.g. 上蔡县司法局
    span: Span
    kind: str = ""                 # government, department, party, court, procuratorate, congress, ...
    level: str = ""                # national, provincial, municipal, county, township, village
    jurisdiction: str = ""         # place name, e.g. 上蔡县
    parent: str = ""               # canonical name of the organisation it belongs to
    mention: str = ""              # the words in the text
    housed_in: str = ""            # the body it is run from within (领导小组办公室设在县司法局)


@dataclass
class Document:
    title: str = ""
    span: Span = (0, 0)
    number: str = ""               # as printed, e.g. 中发〔2015〕36号
    kind: str = ""                 # law, regulation, rule, notice, plan, opinion, report, ...
    issuers: list[str] = field(default_factory=list)   # canonical agency names
    date: str = ""                 # ISO 8601, as precise as the text
    relation: str = "cites"        # how the report relates to it: cites or implements
    promulgated_by: str = ""       # key (number or title) of the notice that issues this document
    implements: list[str] = field(default_factory=list)  # keys of higher documents this one carries out
    abbreviation: str = ""         # the short form used in the text (民法典)
    printings: list[str] = field(default_factory=list)  # other ways this report prints the same title
    scope: str = ""                # the body whose own plan or report a placeless title is (docnames.placeless)

    def key(self) -> str:
        """What identifies the document across reports (``document_key``)."""
        return document_key(self.number, self.title, self.scope)


@dataclass
class Statistic:
    metric: str
    value: float
    span: Span
    unit: str = ""
    qualifier: str = "exact"       # exact, at_least, more_than, at_most, approx
    subject: str = ""              # canonical agency or place name
    period: str = ""               # 2020, 2020-03, ...
    total_of: int | None = None    # index (in the report's statistics) of the total this is part of
    case_type: str = ""            # for a count or rate of the reporter's own cases (extract.casefigures):
    case_measure: str = ""         # 行政复议 / 行政诉讼 ...; received, closed, corrected, lost, *_rate


@dataclass
class Obligation:
    text: str
    span: Span
    bearers: list[str] = field(default_factory=list)      # canonical agency names (责任单位)
    leads: list[str] = field(default_factory=list)        # 牵头单位
    action: str = ""
    limit_value: float | None = None
    limit_unit: str = ""
    limit_kind: str = ""           # within, no_less_than, no_more_than, deadline, frequency
    source_document: str = ""      # document key; empty = the report itself
    derived_from: str = ""         # key of a higher document whose duty this carries out


@dataclass
class Award:
    recipient: str                 # canonical name
    title: str
    span: Span
    conferred_by: list[str] = field(default_factory=list)
    date: str = ""


@dataclass
class Case:
    """A case the report names (``extract/namedcases.py``); '' where its words do not say."""
    label: str                     # its name as printed (…诉县市场监督管理局行政处罚案)
    span: Span                     # the sentence naming it
    case_type: str = ""            # 行政复议, 行政诉讼, 行政处罚, 行政执法 ...
    respondent: str = ""           # canonical agency name (the body after 诉 / 不服)
    applicant: str = ""            # an organisation's name only; never a person's
    outcome: str = ""              # a label of the case-outcome scheme (撤销, 维持 ...)
    selection: str = ""            # the list it was selected for (全省行政复议十大典型案例)
    award: int | None = None       # index (in the report's awards) of the award made of that selection


@dataclass
class AdviserStatement:
    units: str                     # who, as the text says it
    has_adviser: bool
    span: Span


@dataclass
class Institution:
    name: str
    span: Span


@dataclass
class Problem:
    text: str
    span: Span


@dataclass
class NextStep:
    text: str
    span: Span


@dataclass(frozen=True)
class ReportMeta:
    """What the loader reads about the report itself (made once, finished, by ``extract/reading.py``)."""
    title: str = ""
    number: str = ""
    issuer: str = ""               # canonical name
    addressee: str = ""
    period: str = ""
    date: str = ""                 # signing date
    generated: str = ""            # 生成日期 / 发布日期 of the disclosure page
    index_number: str = ""         # 索引号
    kind: str = "report"
    jurisdiction: str = ""         # the place the issuer governs, e.g. 上蔡县
    title_span: Span = (0, 0)
    date_span: Span = (0, 0)
    header: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """How a kind is scored against gold files (``app/evaluate.py``): the gold files' key, the named query whose
    rows are matched, and the matching function (of the shared scorer when present, else ours)."""
    gold: str
    query: str
    match: str


@dataclass(frozen=True)
class FactKind:
    """The declaration of one kind of fact (``loaders/kinds.py`` holds them all, in order)."""
    field: str                 # its list in Facts; its name in counts and summary lines ("12 agencies")
    record: type               # the record its extractor appends (Statistic)
    cls: str                   # its fz: class, whose label and colour ontology/kinds.py declares
    extractor: Callable        # the step that finds it: ``(doc) -> None``; a step shared by kinds runs once
    writer: Callable           # ``(em, kind, records, meta) -> None``: its triples (loaders/factlines.py)
    segment: str = ""          # fact IRIs: fact/<report hash>/<segment>/<start>-<end>-<i>; "" = nodes of their own
    text_property: NamedNode | None = None   # a fact that is a text: the property holding it
    evaluation: Evaluation | None = None     # scored against gold files (``make eval``)
    then: tuple = ()           # steps run right after the extractor that add to its facts (case figures)

    @property
    def class_nt(self) -> str:
        """Its class in N-Triples form (``<...#Statistic>``)."""
        return f"<{FZ_NS}{self.cls}>"
