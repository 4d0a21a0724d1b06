"""The lines of each kind of fact: one writer per kind, named by the kind's declaration (``loaders/kinds.py``)
and called with it, in the declared order, by ``emit.emit_facts``. A writer is ``(em, kind, records, meta)``;
it takes its class (``kind.class_nt``), the segment of its fact IRIs (``kind.segment``) and, for a fact that is
just a text, the property holding it (``kind.text_property``) from the declaration. The nodes other facts share
(agencies, places, documents, evidence) are the Emitter's (``loaders/emitter.py``)."""
from __future__ import annotations

from pyoxigraph import NamedNode

from fazhi.loaders import facts as F
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.indicators import statistic_lines
from fazhi.loaders.ntriples import (
    ABBREVIATION,
    ACTION,
    ADVISER_PRESENT,
    ADVISER_STATEMENT_P,
    ALT_LABEL,
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
    DOCUMENT_KIND,
    ID_LOCAL,
    IMPLEMENTS,
    LABEL,
    LEAD_UNIT,
    LIMIT_KIND,
    LIMIT_UNIT,
    LIMIT_VALUE,
    MENTIONED_IN,
    METRIC,
    PART_OF,
    PASSED_BY,
    PERIOD,
    PROMULGATES,
    QUALIFIER,
    RECIPIENT,
    REPORTED_IN,
    SELECTION_AWARD,
    SOURCE_DOCUMENT,
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
from fazhi.ontology.outcomes import outcome, scheme_triples
from fazhi.ontology.vocab import FZ, RDFS


def write_agencies(em: Emitter, kind: F.FactKind, agencies: list[F.Agency], meta: F.ReportMeta) -> None:
    """The bodies the report names, each with its mention's evidence and the body it is run from within."""
    hosts = {a.name: a for a in agencies}
    for a in agencies:
        node = em.agency(a.name, kind=a.kind, level=a.level, jurisdiction=a.jurisdiction, parent=a.parent, span=a.span)
        if a.housed_in:
            h = hosts.get(a.housed_in)
            em.add(node, FZ.housedIn, em.agency(a.housed_in, kind=h.kind, level=h.level, jurisdiction=h.jurisdiction,
                                                 parent=h.parent) if h else em.agency(a.housed_in))


# The writers below build each line with one f-string from terms already in N-Triples form; an optional value
# (empty: no triple) gets an `if`. A fact's node is minted from its kind, span and index, so its lines are new
# and go straight to em.lines (see Emitter). A node another fact may name too (a unit, a subject, a document)
# is asked for BEFORE the line naming it is appended: asking may describe it, and its description comes first.

def write_documents(em: Emitter, kind: F.FactKind, documents: list[F.Document], meta: F.ReportMeta) -> None:
    """The documents the report cites or carries out (named by number or title: shared with other reports)."""
    # a document may be listed twice (cited in two places): its lines go through the "once" check
    put, nt, r, cls = em.put, nt_literal, em.report_ref, kind.class_nt
    for d in documents:
        node = em.document_ref(d.key())
        put(node, TYPE, cls)
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
        # the title as this report prints it: one document printed several ways keeps every printing
        for printed in ([d.abbreviation or d.title] if d.abbreviation or d.title else []) + d.printings:
            put(node, ALT_LABEL, nt(printed))
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


def write_statistics(em: Emitter, kind: F.FactKind, statistics: list[F.Statistic], meta: F.ReportMeta) -> None:
    """The report's figures, each with its subject, period and the total it is part of."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix + kind.segment, em.report_ref
    subjects: dict[str, str] = {}       # subject name → its node (most figures share the report's place)
    nodes = []
    for i, s in enumerate(statistics):
        start, end = s.span
        node = f"<{prefix}/{start}-{end}-{i}>"
        nodes.append(node)
        lines.append(f"{node} {TYPE} {kind.class_nt} .\n")
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
        lines += statistic_lines(node, s, em.simple, meta)     # the indicator it measures, if any
        em.evidence_of(node, s.span, fresh=True, quoted=True)
    for i, s in enumerate(statistics):
        if s.total_of is not None and 0 <= s.total_of < len(nodes):
            lines.append(f"{nodes[i]} {PART_OF} {nodes[s.total_of]} .\n")


def write_obligations(em: Emitter, kind: F.FactKind, obligations: list[F.Obligation], meta: F.ReportMeta) -> None:
    """The duties the report states: bearers and lead units, action, limit, the document that states them."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix + kind.segment, em.report_ref
    for i, o in enumerate(obligations):
        start, end = o.span
        node = f"<{prefix}/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {kind.class_nt} .\n")
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


def write_awards(em: Emitter, kind: F.FactKind, awards: list[F.Award], meta: F.ReportMeta) -> None:
    """The honours the report names: recipient, title, the bodies conferring it, date."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix + kind.segment, em.report_ref
    for i, a in enumerate(awards):
        start, end = a.span
        node = f"<{prefix}/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {kind.class_nt} .\n")
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
        em.award_nodes.append(node)
        if a.date:
            lines.append(f"{node} {DATE} {date_lit(a.date)} .\n")
        lines.append(f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, a.span, fresh=True, quoted=True)


def write_cases(em: Emitter, kind: F.FactKind, cases: list[F.Case], meta: F.ReportMeta) -> None:
    """The cases the report names: name, type, respondent, applicant (an organisation), outcome, the list it was
    selected for and the award made of that selection, the passage; the outcome scheme beside them when one
    has an outcome (as a ledger writes it), so the scheme's labels and ``validate`` find it in the store."""
    lines, prefix, r = em.lines, em.fact_prefix + kind.segment, em.report_ref
    for i, c in enumerate(cases):
        start, end = c.span
        ref = f"<{prefix}/{start}-{end}-{i}>"
        node = NamedNode(ref[1:-1])
        lines.append(f"{ref} {TYPE} {kind.class_nt} .\n")
        em.add(node, RDFS.label, c.label)
        em.add(node, FZ.caseType, c.case_type)
        if c.respondent:
            em.add(node, FZ.respondent, em.agency(c.respondent))
        if c.applicant:
            em.add(node, FZ.applicant, em.organisation(c.applicant))
        found = outcome(c.outcome) if c.outcome else None
        if found is not None:
            em.add(node, FZ.outcome, found.iri)
        em.add(node, FZ.selectedFor, c.selection)
        if c.award is not None and c.award < len(em.award_nodes):
            lines.append(f"{ref} {SELECTION_AWARD} {em.award_nodes[c.award]} .\n")
        lines.append(f"{ref} {REPORTED_IN} {r} .\n")
        em.evidence_of(ref, c.span, fresh=True, quoted=True)
    if any(c.outcome for c in cases):
        for t in scheme_triples():
            em.add(t.subject, t.predicate, t.object)


def write_adviser_statements(em: Emitter, kind: F.FactKind, statements: list[F.AdviserStatement],
                             meta: F.ReportMeta) -> None:
    """What the report says of legal advisers: who, and whether they have one."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix + kind.segment, em.report_ref
    for i, x in enumerate(statements):
        start, end = x.span
        node = f"<{prefix}/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {kind.class_nt} .\n")
        if x.units:
            lines.append(f"{node} {TEXT} {nt(x.units)} .\n")
        lines += (f'{node} {ADVISER_PRESENT} "{"true" if x.has_adviser else "false"}"^^{BOOLEAN} .\n',
                  f"{r} {ADVISER_STATEMENT_P} {node} .\n",
                  f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, x.span, fresh=True)


def write_text_facts(em: Emitter, kind: F.FactKind, items: list, meta: F.ReportMeta) -> None:
    """Facts that are a text each (an institution's name, a problem, a next step): the text under
    ``kind.text_property``, its first 60 characters as the label."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix + kind.segment, em.report_ref
    text_p = str(kind.text_property)
    for i, x in enumerate(items):
        start, end = x.span
        node = f"<{prefix}/{start}-{end}-{i}>"
        lines.append(f"{node} {TYPE} {kind.class_nt} .\n")
        label = getattr(x, "name", None) or getattr(x, "text", "")
        if label:
            lines += f"{node} {text_p} {nt(label)} .\n", f"{node} {LABEL} {nt(label[:60])} .\n"
        lines.append(f"{node} {REPORTED_IN} {r} .\n")
        em.evidence_of(node, x.span, fresh=True)
