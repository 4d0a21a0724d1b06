"""What extractors find, as plain records; ``emit.py`` turns them into triples.

Every record carries a ``span`` (start, end) into the report's normalised text: its evidence. Names are
the canonical (jurisdiction-qualified, simplified-Chinese) names; ``emit.py`` mints IRIs from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


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

    def key(self) -> str:
        """What identifies the document: its number when it has one, else its title."""
        from fazhi.loaders.ids import doc_key

        return doc_key(self.number, self.title)


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


@dataclass
class ReportMeta:
    """What the loader reads about the report itself."""
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


@dataclass
class Facts:
    """Everything read from one report."""
    agencies: list[Agency] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    advisers: list[AdviserStatement] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in vars(self).items()}
