"""N-Triples text, written directly: literals escaped as pyoxigraph writes them, typed literals, and the
vocabulary terms emission writes, each in N-Triples form (``<iri>``) made once.

Emission builds each line with one f-string from these (``emitter.py``, ``factlines.py``): cheaper than a pyoxigraph ``Triple``
per triple, and the bulk path hands N-Triples to the store anyway.
"""
from __future__ import annotations

import re

from fazhi.ontology.vocab import DCTERMS, ELI, FZ, OA, RDF, RDFS, SKOS, XSD
from pyoxigraph import Literal

# how pyoxigraph escapes a literal's text in N-Triples (checked against it in tests/test_emit_nt.py)
_NT_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_NT_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})
_NT_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff]')
_NT_RARE = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]')   # special but not \ " \n \r \t


def nt_literal(value: str) -> str:
    """A plain literal in N-Triples, written as pyoxigraph writes it.

    >>> print(nt_literal('甲 "乙"\\n'))
    "甲 \\"乙\\"\\n"
    """
    # isprintable() is False for every character that needs escaping but " and \ (and for some that do
    # not: those take the regex); it costs less than the regex on the short values most literals are
    if value.isprintable() and '"' not in value and "\\" not in value or _NT_SPECIAL.search(value) is None:
        return f'"{value}"'
    if _NT_RARE.search(value) is not None:
        return '"' + value.translate(_NT_ESCAPES) + '"'
    # chained replace() for the common escapes: str.translate with a dict looks up every character in
    # Python, which on a report's whole text (fz:normalizedText, full of newlines) cost more than its triples
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t") + '"'


def lit(value) -> Literal:
    return Literal(str(value))


def date_lit(iso: str) -> Literal:
    """A date literal typed as precisely as the text was (xsd:date, xsd:gYearMonth or xsd:gYear).

    >>> date_lit("2021-03").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return Literal(iso, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return Literal(iso, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", iso):
        return Literal(iso, datatype=XSD.gYear)
    return Literal(iso)


def num_lit(value: float) -> Literal:
    """A number as xsd:decimal, without a trailing .0 for whole numbers.

    >>> num_lit(23.0).value, num_lit(0.5).value
    ('23', '0.5')
    """
    v = float(value)
    text = str(int(v)) if v.is_integer() else repr(v)
    return Literal(text, datatype=XSD.decimal)


def nt_decimal(value: float) -> str:
    """``num_lit(value)`` in N-Triples form, without making the Literal."""
    v = float(value)
    return f'"{int(v) if v.is_integer() else repr(v)}"^^{DECIMAL}'


# the terms, in N-Triples form
(EVIDENCE, TYPE, EVIDENCE_CLASS, HAS_SOURCE, HAS_SELECTOR, POSITION_SELECTOR, START, END, QUOTE_SELECTOR,
 EXACT, INTEGER) = map(str, (FZ.evidence, RDF.type, FZ.Evidence, OA.hasSource, OA.hasSelector,
                               OA.TextPositionSelector, OA.start, OA.end, OA.TextQuoteSelector, OA.exact, XSD.integer))
LABEL, PREF_LABEL, ALT_LABEL, DECIMAL, BOOLEAN = map(str, (RDFS.label, SKOS.prefLabel, SKOS.altLabel, XSD.decimal,
                                                      XSD.boolean))
(DOCUMENT, STATISTIC, OBLIGATION, AWARD, ADVISER_STATEMENT, INSTITUTION, PROBLEM, NEXT_STEP) = map(
    str, (FZ.Document, FZ.Statistic, FZ.Obligation, FZ.Award, FZ.AdviserStatement, FZ.Institution, FZ.Problem,
          FZ.NextStep))
(REPORTED_IN, MENTIONED_IN, TITLE, ID_LOCAL, DOCUMENT_KIND, ABBREVIATION, PASSED_BY, DATE_DOCUMENT,
 IMPLEMENTS, CITES, PROMULGATES) = map(str, (
    FZ.reportedIn, FZ.mentionedIn, ELI.title, ELI.id_local, FZ.documentKind, FZ.abbreviation, ELI.passed_by,
    ELI.date_document, FZ.implements, ELI.cites, FZ.promulgates))
(METRIC, VALUE, UNIT, QUALIFIER, PERIOD, SUBJECT, PART_OF, CASE_TYPE, CASE_MEASURE) = map(str, (
    FZ.metric, FZ.value, FZ.unit, FZ.qualifier, FZ.period, FZ.subject, FZ.partOf, FZ.caseType, FZ.caseMeasure))
(TEXT, BEARER, LEAD_UNIT, ACTION, LIMIT_VALUE, LIMIT_UNIT, LIMIT_KIND, SOURCE_DOCUMENT, DERIVED_FROM,
 BEARER_LIST, BEARER_NAME_LIST) = map(str, (
    FZ.text, FZ.bearer, FZ.leadUnit, FZ.action, FZ.limitValue, FZ.limitUnit, FZ.limitKind, FZ.sourceDocument,
    FZ.derivedFrom, FZ.bearerList, FZ.bearerNameList))
(ASSIGNMENT, ASSIGNED_DUTY, ASSIGNEE, ASSIGNED_BY, ROLE) = map(str, (
    FZ.Assignment, FZ.assignedDuty, FZ.assignee, FZ.assignedBy, FZ.role))
EVIDENCE_TEXT = str(FZ.evidenceText)
SELECTION_AWARD = str(FZ.selectionAward)
(RECIPIENT, AWARD_TITLE, CONFERRED_BY, DATE, ADVISER_STATEMENT_P, ADVISER_PRESENT, RECIPIENT_NAME, CONFERRER_LIST,
 CONFERRER_NAME_LIST) = map(str, (
    FZ.recipient, FZ.awardTitle, FZ.conferredBy, DCTERMS.date, FZ.adviserStatement, FZ.adviserPresent,
    FZ.recipientName, FZ.conferrerList, FZ.conferrerNameList))
