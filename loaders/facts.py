"""What extractors find, as plain records (``emit.py`` turns them into triples), and the shape of the
declaration of a kind of fact (``FactKind``; the declarations themselves are in ``kinds.py``).

Every record carries a ``span`` (start, end) into the report's normalised text: its evidence. Names are
the canonical (jurisdiction-qualified, simplified-Chinese) names; ``emit.py`` mints IRIs from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pyoxigraph import NamedNode

from fazhi.ontology.ids import doc_key
from fazhi.ontology.vocab import FZ_NS

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
