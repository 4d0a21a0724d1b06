"""The lines of each kind of fact: one writer per kind (documents, statistics, duties, awards, adviser
statements, institutions, problems, next steps), called in the order of the report's facts by ``emit_facts``.
The nodes other facts share (agencies, places, documents, evidence) are the Emitter's (loaders/emit.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi.loaders import facts as F
from fazhi.loaders.ntriples import (
    ABBREVIATION,
    ACTION,
    ADVISER_PRESENT,
    ADVISER_STATEMENT,
    ADVISER_STATEMENT_P,
    AWARD,
    AWARD_TITLE,
    BEARER,
    BOOLEAN,
    CASE_MEASURE,
    CASE_TYPE,
    CITES,
    CONFERRED_BY,
    DATE,
    DATE_DOCUMENT,
    DERIVED_FROM,
    DOCUMENT,
    DOCUMENT_KIND,
    ID_LOCAL,
    IMPLEMENTS,
    INSTITUTION,
    LABEL,
    LEAD_UNIT,
    LIMIT_KIND,
    LIMIT_UNIT,
    LIMIT_VALUE,
    MENTIONED_IN,
    METRIC,
    NEXT_STEP,
    OBLIGATION,
    PART_OF,
    PASSED_BY,
    PERIOD,
    PROBLEM,
    PROMULGATES,
    QUALIFIER,
    RECIPIENT,
    REPORTED_IN,
    SOURCE_DOCUMENT,
    STATISTIC,
    SUBJECT,
    TEXT,
    TITLE,
    TYPE,
    UNIT,
    VALUE,
    date_lit,
    nt_decimal,
    nt_literal,
)
from fazhi.ontology.vocab import FZ

if TYPE_CHECKING:
    from fazhi.loaders.emit import Emitter

# institutions, problems and next steps: (kind in the fact IRI, class, property holding the text)
_SIMPLE = (("inst", INSTITUTION, str(FZ.institutionName)), ("problem", PROBLEM, str(FZ.problemText)),
           ("plan", NEXT_STEP, str(FZ.planText)))


def emit_facts(em: Emitter, facts: F.Facts, meta: F.ReportMeta) -> None:
    """Every fact of the report, kind after kind (the order of the lines is the order of the facts)."""
    hosts = {a.name: a for a in facts.agencies}
    for a in facts.agencies:
        node = em.agency(a.name, kind=a.kind, level=a.level, jurisdiction=a.jurisdiction, parent=a.parent, span=a.span)
        if a.housed_in:
            h = hosts.get(a.housed_in)
            em.add(node, FZ.housedIn, em.agency(a.housed_in, kind=h.kind, level=h.level, jurisdiction=h.jurisdiction,
                                                 parent=h.parent) if h else em.agency(a.housed_in))
    _documents(em, facts.documents)
    _statistics(em, facts.statistics, meta)
    _obligations(em, facts.obligations)
    _awards(em, facts.awards)
    _simple_facts(em, facts)


# The writers below build each line with one f-string from terms already in N-Triples form; an optional value
# (empty: no triple) gets an `if`. A fact's node is minted from its kind, span and index, so its lines are new
# and go straight to em.lines (see Emitter). A node another fact may name too (a unit, a subject, a document)
# is asked for BEFORE the line naming it is appended: asking may describe it, and its description comes first.

def _documents(em: Emitter, documents: list[F.Document]) -> None:
    # a document may be listed twice (cited in two places): its lines go through the "once" check
    put, nt, r = em._put, nt_literal, em.report_ref
    for d in documents:
        node = em.document_ref(d.key())
        put(node, TYPE, DOCUMENT)
        if d.title:
            put(node, TITLE, nt(d.title))
        if d.title or d.number:
            put(node, LABEL, nt(d.title or d.number))
        if d.number:
            put(node, ID_LOCAL, nt(d.number))
        if d.kind:
            put(node, DOCUMENT_KIND, nt(d.kind))
        if d.abbreviation:
            put(node, ABBREVIATION, nt(d.abbreviation))
        for issuer in d.issuers:
            put(node, PASSED_BY, em.ref(em.agency(issuer)))
        if d.date:
            put(node, DATE_DOCUMENT, str(date_lit(d.date)))
        put(r, IMPLEMENTS if d.relation == "implements" else CITES, node)
        if d.promulgated_by:
            put(em.document_ref(d.promulgated_by), PROMULGATES, node)
        for higher in d.implements:
            put(node, IMPLEMENTS, em.document_ref(higher))
        put(node, MENTIONED_IN, r)
        em.evidence_of(node, d.span)


def _statistics(em: Emitter, statistics: list[F.Statistic], meta: F.ReportMeta) -> None:
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    subjects: dict[str, str] = {}       # subject name → its node (most figures share the report's place)
    nodes = []
    for i, s in enumerate(statistics):
        start, end = s.span
        node = f"<{prefix}stat/{start}-{end}-{i}>"
        nodes.append(node)
        lines.append(f"{node} {TYPE} {STATISTIC} .\n")
        if s.metric:
            lines.append(f"{node} {METRIC} {nt(s.metric)} .\n")
        lines += (f"{node} {LABEL} {nt(f'{s.metric} {s.value:g}{s.unit}')} .\n",
                  f"{node} {VALUE} {nt_decimal(s.value)} .\n")
        if s.unit:
            lines.append(f"{node} {UNIT} {nt(s.unit)} .\n")
        lines.append(f"{node} {QUALIFIER} {nt(s.qualifier or 'exact')} .\n")
        period = s.period or meta.period
        if period:
            lines.append(f"{node} {PERIOD} {nt(period)} .\n")
        name = s.subject or meta.jurisdiction or meta.issuer
        if name:
            subject = subjects.get(name)
            if subject is None:
                subject = subjects[name] = em.ref(em.subject(name))
            lines.append(f"{node} {SUBJECT} {subject} .\n")
        if s.case_measure:               # (a count or rate of the reporter's own cases: extract.casefigures)
            lines += (f"{node} {CASE_TYPE} {nt(s.case_type)} .\n", f"{node} {CASE_MEASURE} {nt(s.case_measure)} .\n")
        lines.append(f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, s.span, fresh=True, quoted=True)
    for i, s in enumerate(statistics):
        if s.total_of is not None and 0 <= s.total_of < len(nodes):
            lines.append(f"{nodes[i]} {PART_OF} {nodes[s.total_of]} .\n")


def _obligations(em: Emitter, obligations: list[F.Obligation]) -> None:
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    for i, o in enumerate(obligations):
        start, end = o.span
        node = f"<{prefix}duty/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {OBLIGATION} .\n")
        if o.text:
            lines.append(f"{node} {TEXT} {nt(o.text)} .\n")
        label = o.action or o.text[:40]
        if label:
            lines.append(f"{node} {LABEL} {nt(label)} .\n")
        bearers = _unit_lines(em, node, BEARER, o.bearers)
        if bearers:
            em.bearers[node] = bearers
        leads = _unit_lines(em, node, LEAD_UNIT, o.leads)
        if o.action:
            lines.append(f"{node} {ACTION} {nt(o.action)} .\n")
        if o.limit_value is not None:
            lines.append(f"{node} {LIMIT_VALUE} {nt_decimal(o.limit_value)} .\n")
        if o.limit_unit:
            lines.append(f"{node} {LIMIT_UNIT} {nt(o.limit_unit)} .\n")
        if o.limit_kind:
            lines.append(f"{node} {LIMIT_KIND} {nt(o.limit_kind)} .\n")
        source = em.document_ref(o.source_document) if o.source_document else r
        lines.append(f"{node} {SOURCE_DOCUMENT} {source} .\n")
        if source == r and (leads or bearers):
            em.own_duties[node] = (leads, bearers)
        if o.derived_from:
            lines.append(f"{node} {DERIVED_FROM} {em.document_ref(o.derived_from)} .\n")
        lines.append(f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, o.span, fresh=True, quoted=True)


def _unit_lines(em: Emitter, node: str, predicate: str, names: list[str]) -> list[str]:
    """One line per distinct unit (two names may be one unit); returns the units' nodes in order."""
    units: list[str] = []
    for name in names:
        unit = em.ref(em.unit(name))
        if unit not in units:
            units.append(unit)
            em.lines.append(f"{node} {predicate} {unit} .\n")
    return units


def _awards(em: Emitter, awards: list[F.Award]) -> None:
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    for i, a in enumerate(awards):
        start, end = a.span
        node = f"<{prefix}award/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {AWARD} .\n")
        recipient = em.ref(em.unit(a.recipient)) if a.recipient else ""
        if recipient:
            lines.append(f"{node} {RECIPIENT} {recipient} .\n")
        if a.title:
            lines += f"{node} {AWARD_TITLE} {nt(a.title)} .\n", f"{node} {LABEL} {nt(a.title)} .\n"
        conferred: list[str] = []
        for name in a.conferred_by:
            body = em.ref(em.agency(name))
            if body not in conferred:
                conferred.append(body)
                lines.append(f"{node} {CONFERRED_BY} {body} .\n")
        em.award_parties[node] = (recipient, conferred)
        if a.date:
            lines.append(f"{node} {DATE} {date_lit(a.date)} .\n")
        lines.append(f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, a.span, fresh=True, quoted=True)


def _simple_facts(em: Emitter, facts: F.Facts) -> None:
    """Adviser statements, then institutions, problems and next steps: a text each."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    for i, x in enumerate(facts.advisers):
        start, end = x.span
        node = f"<{prefix}adviser/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {ADVISER_STATEMENT} .\n")
        if x.units:
            lines.append(f"{node} {TEXT} {nt(x.units)} .\n")
        lines += (f'{node} {ADVISER_PRESENT} "{"true" if x.has_adviser else "false"}"^^{BOOLEAN} .\n',
                  f"{r} {ADVISER_STATEMENT_P} {node} .\n",
                  f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, x.span, fresh=True)
    for (kind, cls, text_p), items in zip(_SIMPLE, (facts.institutions, facts.problems, facts.next_steps)):
        for i, x in enumerate(items):
            start, end = x.span
            node = f"<{prefix}{kind}/{start}-{end}-{i}>"
            lines.append(f"{node} {TYPE} {cls} .\n")
            label = getattr(x, "name", None) or getattr(x, "text", "")
            if label:
                lines += f"{node} {text_p} {nt(label)} .\n", f"{node} {LABEL} {nt(label[:60])} .\n"
            lines.append(f"{node} {REPORTED_IN} {r} .\n")
            em.evidence_of(node, x.span, fresh=True)
