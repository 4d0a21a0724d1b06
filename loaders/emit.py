"""Facts → triples. Each fact gets an IRI, its properties and an evidence node (report, start, end, quote)."""
from __future__ import annotations

import re

from fazhi.loaders import facts as F
from fazhi.loaders.ids import agency_iri, document_iri, fact_iri, place_iri, slug
from fazhi.ontology.vocab import DCTERMS, ELI, FZ, ID_NS, OA, ORG, RDF, RDFS, SKOS, XSD
from pyoxigraph import Literal, NamedNode, Triple


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


class Emitter:
    """Collects the triples of one source; ``add`` ignores empty values so callers need no checks."""

    def __init__(self, report: NamedNode, text: str):
        self.report = report
        self.text = text
        self.triples: list[Triple] = []
        self._seen: set = set()

    def add(self, s, p, o) -> None:
        if o is None or o == "" or (isinstance(o, Literal) and o.value == ""):
            return
        if not isinstance(o, (NamedNode, Literal)):
            o = lit(o)
        t = Triple(s, p, o)
        if t not in self._seen:
            self._seen.add(t)
            self.triples.append(t)

    def evidence(self, node: NamedNode, span: F.Span) -> None:
        """Link ``node`` to the passage [start, end) of the report it was read from."""
        start, end = span
        if end <= start:
            return
        ev = fact_iri(self.report, "ev", start, end)
        self.add(node, FZ.evidence, ev)
        if (ev, RDF.type) in self._seen:
            return
        self._seen.add((ev, RDF.type))
        pos, quote = NamedNode(ev.value + "#pos"), NamedNode(ev.value + "#quote")
        self.add(ev, RDF.type, FZ.Evidence)
        self.add(ev, OA.hasSource, self.report)
        self.add(ev, OA.hasSelector, pos)
        self.add(ev, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(str(start), datatype=XSD.integer))
        self.add(pos, OA.end, Literal(str(end), datatype=XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, lit(self.text[start:end]))

    def agency(self, name: str, *, kind="", level="", jurisdiction="", parent="", span=None) -> NamedNode:
        from fazhi.loaders.extract.orgnames import is_unqualified

        a = agency_iri(name, self.report if is_unqualified(name) else None)
        self.add(a, RDF.type, FZ.Agency)
        self.add(a, SKOS.prefLabel, lit(name))
        self.add(a, RDFS.label, lit(name))
        self.add(a, FZ.kind, kind)
        self.add(a, FZ.level, level)
        if jurisdiction:
            p = place_iri(jurisdiction)
            self.add(p, RDF.type, FZ.Place)
            self.add(p, RDFS.label, lit(jurisdiction))
            self.add(a, FZ.jurisdiction, p)
        if parent and parent != name:
            self.add(a, ORG.subOrganizationOf, self.agency(parent))
        if span:
            self.add(a, FZ.mentionedIn, self.report)
            self.evidence(a, span)
        return a

    def unit(self, name: str) -> NamedNode:
        """A bearer or recipient: an agency, or a collective unit (各有关单位, 行政执法机关) kept as written."""
        from fazhi.loaders.extract.clauses import is_collective

        if not is_collective(name) and re.fullmatch(r"[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)", name):
            p = place_iri(name)          # a place (我县 → 上蔡县) receives awards as itself
            self.add(p, RDF.type, FZ.Place)
            self.add(p, RDFS.label, lit(name))
            self.add(p, SKOS.prefLabel, lit(name))
            return p
        if not is_collective(name):
            return self.agency(name)
        c = NamedNode(ID_NS + "collective/" + slug(name))
        self.add(c, RDF.type, FZ.CollectiveUnit)
        self.add(c, SKOS.prefLabel, lit(name))
        self.add(c, RDFS.label, lit(name))
        return c

    def subject(self, name: str) -> NamedNode:
        """A statistic's subject: an agency when the name is one, else a place."""
        if re.search(r"(政府|局|委|办|院|厅|部|中心|所|室|处|站|队|会|组)$", name):
            return self.agency(name)
        p = place_iri(name)
        self.add(p, RDF.type, FZ.Place)
        self.add(p, RDFS.label, lit(name))
        return p


def emit_report(em: Emitter, meta: F.ReportMeta, facts: F.Facts, *, source_file: str, content_hash: str,
                text: str, source_url: str = "") -> None:
    """The report node itself, then every fact read from it."""
    r = em.report
    em.add(r, RDF.type, FZ.Report)
    em.add(r, ELI.title, lit(meta.title))
    em.add(r, RDFS.label, lit(meta.title or source_file.rsplit("/", 1)[-1]))
    em.add(r, ELI.id_local, meta.number)
    em.add(r, FZ.documentKind, meta.kind)
    if meta.issuer:
        em.add(r, ELI.passed_by, em.agency(meta.issuer, jurisdiction=meta.jurisdiction, span=meta.title_span))
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
    em.add(r, FZ.contentHash, content_hash)
    em.add(r, FZ.normalizedText, text)
    em.evidence(r, meta.title_span)
    emit_facts(em, facts, meta)
    add_bearer_lists(em)


def emit_facts(em: Emitter, facts: F.Facts, meta: F.ReportMeta) -> None:
    r = em.report
    for a in facts.agencies:
        em.agency(a.name, kind=a.kind, level=a.level, jurisdiction=a.jurisdiction, parent=a.parent, span=a.span)
    for d in facts.documents:
        node = document_iri(d.key())
        em.add(node, RDF.type, FZ.Document)
        em.add(node, ELI.title, d.title)
        em.add(node, RDFS.label, d.title or d.number)
        em.add(node, ELI.id_local, d.number)
        em.add(node, FZ.documentKind, d.kind)
        em.add(node, FZ.abbreviation, d.abbreviation)
        for issuer in d.issuers:
            em.add(node, ELI.passed_by, em.agency(issuer))
        em.add(node, ELI.date_document, date_lit(d.date) if d.date else None)
        em.add(r, FZ.implements if d.relation == "implements" else ELI.cites, node)
        if d.promulgated_by:
            em.add(document_iri(d.promulgated_by), FZ.promulgates, node)
        for higher in d.implements:
            em.add(node, FZ.implements, document_iri(higher))
        em.add(node, FZ.mentionedIn, r)
        em.evidence(node, d.span)
    stat_nodes = []
    for i, s in enumerate(facts.statistics):
        node = fact_iri(r, "stat", s.span[0], s.span[1], i)
        stat_nodes.append(node)
        em.add(node, RDF.type, FZ.Statistic)
        em.add(node, FZ.metric, s.metric)
        em.add(node, RDFS.label, f"{s.metric} {s.value:g}{s.unit}")
        em.add(node, FZ.value, num_lit(s.value))
        em.add(node, FZ.unit, s.unit)
        em.add(node, FZ.qualifier, s.qualifier or "exact")
        em.add(node, FZ.period, s.period or meta.period)
        subject = s.subject or meta.jurisdiction or meta.issuer
        if subject:
            em.add(node, FZ.subject, em.subject(subject))
        em.add(node, FZ.reportedIn, r)
        em.evidence(node, s.span)
    for i, s in enumerate(facts.statistics):
        if s.total_of is not None and 0 <= s.total_of < len(stat_nodes):
            em.add(stat_nodes[i], FZ.partOf, stat_nodes[s.total_of])
    for i, o in enumerate(facts.obligations):
        node = fact_iri(r, "duty", o.span[0], o.span[1], i)
        em.add(node, RDF.type, FZ.Obligation)
        em.add(node, FZ.text, o.text)
        em.add(node, RDFS.label, o.action or o.text[:40])
        for b in o.bearers:
            em.add(node, FZ.bearer, em.unit(b))
        for b in o.leads:
            em.add(node, FZ.leadUnit, em.unit(b))
        em.add(node, FZ.action, o.action)
        if o.limit_value is not None:
            em.add(node, FZ.limitValue, num_lit(o.limit_value))
        em.add(node, FZ.limitUnit, o.limit_unit)
        em.add(node, FZ.limitKind, o.limit_kind)
        em.add(node, FZ.sourceDocument, document_iri(o.source_document) if o.source_document else r)
        if o.derived_from:
            em.add(node, FZ.derivedFrom, document_iri(o.derived_from))
        em.add(node, FZ.reportedIn, r)
        em.evidence(node, o.span)
    for i, a in enumerate(facts.awards):
        node = fact_iri(r, "award", a.span[0], a.span[1], i)
        em.add(node, RDF.type, FZ.Award)
        em.add(node, FZ.recipient, em.unit(a.recipient) if a.recipient else None)
        em.add(node, FZ.awardTitle, a.title)
        em.add(node, RDFS.label, a.title)
        for c in a.conferred_by:
            em.add(node, FZ.conferredBy, em.agency(c))
        em.add(node, DCTERMS.date, date_lit(a.date) if a.date else None)
        em.add(node, FZ.reportedIn, r)
        em.evidence(node, a.span)
    simple = [(facts.advisers, "adviser", FZ.adviserStatement), (facts.institutions, "inst", FZ.Institution),
              (facts.problems, "problem", FZ.Problem), (facts.next_steps, "plan", FZ.NextStep)]
    for items, kind, cls in simple:
        for i, x in enumerate(items):
            node = fact_iri(r, kind, x.span[0], x.span[1], i)
            if kind == "adviser":
                em.add(node, RDF.type, FZ.AdviserStatement)
                em.add(node, FZ.text, x.units)
                em.add(node, FZ.adviserPresent, Literal("true" if x.has_adviser else "false", datatype=XSD.boolean))
                em.add(r, FZ.adviserStatement, node)
            else:
                em.add(node, RDF.type, cls)
                label = getattr(x, "name", None) or getattr(x, "text", "")
                em.add(node, {"inst": FZ.institutionName, "problem": FZ.problemText, "plan": FZ.planText}[kind],
                       label)
                em.add(node, RDFS.label, label[:60])
            em.add(node, FZ.reportedIn, r)
            em.evidence(node, x.span)


def add_bearer_lists(em: Emitter) -> None:
    """Give every duty of the source its bearers' IRIs and names as two ';'-joined strings (fz:bearerList,
    fz:bearerNameList), in the order the text names them, once each.

    Precomputed here (per report) so that the `obligations` table reads them with the duty instead of
    grouping every bearer of the store before its first row. Names are every skos:prefLabel this source
    gives the bearer. Runs after all facts are emitted, so a later fact's name for the same unit counts.
    """
    names: dict[NamedNode, list[str]] = {}
    bearers: dict[NamedNode, list[NamedNode]] = {}
    for t in em.triples:
        if t.predicate == SKOS.prefLabel:
            names.setdefault(t.subject, []).append(t.object.value)
        elif t.predicate == FZ.bearer:
            bearers.setdefault(t.subject, []).append(t.object)
    for duty, units in bearers.items():
        em.add(duty, FZ.bearerList, ";".join(u.value for u in units))
        em.add(duty, FZ.bearerNameList, ";".join(dict.fromkeys(n for u in units for n in names.get(u, ()))))
