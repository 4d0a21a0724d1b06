"""Facts → triples: the report node itself, then every fact read from it (each with an IRI, its properties and
an evidence node: report, start, end, quote), then the values the query tables read per row."""
from __future__ import annotations

from pyoxigraph import NamedNode

from fazhi.loaders import facts as F
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.kinds import KINDS, Facts
from fazhi.loaders.ntriples import date_lit, lit
from fazhi.loaders.rowvalues import add_row_values
from fazhi.ontology.ids import place_iri
from fazhi.ontology.vocab import ELI, FZ, RDF, RDFS, SKOS


def emit_facts(em: Emitter, facts: Facts, meta: F.ReportMeta) -> None:
    """Every fact of the report, kind after kind in the declared order (the order of the lines is the order of
    the facts: the names the row values pick first depend on it)."""
    for kind in KINDS:
        kind.writer(em, kind, getattr(facts, kind.field), meta)


def report_label(meta: F.ReportMeta, source_file: str) -> str:
    """What a report is called in lists, charts and the graph: its title line; without one (many published
    reports start with their first paragraph), its issuer and period; else its number or file name. Only the
    label: eli:title stays what the text states.

    >>> report_label(F.ReportMeta(issuer="获嘉县人民政府", period="2024"), "x/05.txt")
    '获嘉县人民政府2024年度报告'
    >>> report_label(F.ReportMeta(), "x/05.txt"), report_label(F.ReportMeta(title="关于…的报告"), "x/05.txt")
    ('05.txt', '关于…的报告')
    """
    if meta.title:
        return meta.title
    if meta.issuer:
        return f"{meta.issuer}{meta.period}年度报告" if meta.period else f"{meta.issuer}报告"
    return meta.number or source_file.rsplit("/", 1)[-1]


def emit_report(em: Emitter, meta: F.ReportMeta, facts: Facts, *, source_file: str, content_hash: str,
                text: str, source_url: str = "") -> None:
    """The report node itself, then every fact read from it."""
    r = em.report
    em.add(r, RDF.type, FZ.Report)
    em.add(r, ELI.title, lit(meta.title))
    em.add(r, SKOS.altLabel, lit(meta.title))             # its title as printed, beside other reports' printings
    em.add(r, RDFS.label, lit(report_label(meta, source_file)))
    em.add(r, ELI.id_local, meta.number)
    em.add(r, FZ.documentKind, meta.kind)
    if meta.issuer:
        issuer = em.agency(meta.issuer, jurisdiction=meta.jurisdiction, span=meta.title_span)
        em.add(r, ELI.passed_by, issuer)
        em.issuers.append(em.ref(issuer))
    if meta.addressee:
        em.add(r, FZ.addressee, em.agency(meta.addressee))
    em.add(r, ELI.date_document, date_lit(meta.date) if meta.date else None)
    em.add(r, FZ.period, meta.period)
    em.add(r, FZ.generatedDate, date_lit(meta.generated) if meta.generated else None)
    em.add(r, FZ.indexNumber, meta.index_number)
    if meta.jurisdiction:
        em.add(r, FZ.jurisdiction, place_iri(meta.jurisdiction))
    em.add(r, FZ.sourceFile, source_file)
    try:
        em.add(r, FZ.sourceUrl, NamedNode(source_url) if source_url else None)
    except ValueError:  # not a valid IRI (a space or a bracket in a scraped address): provenance is optional
        pass
    em.add(r, FZ.normalizedText, text)
    em.evidence(r, meta.title_span)
    emit_facts(em, facts, meta)
    add_row_values(em)
    # the completion marker last: ingest writes it after the body, and finds it here without a scan
    em.add(r, FZ.contentHash, content_hash)
