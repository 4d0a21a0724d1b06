"""Facts → triples. Each fact gets an IRI, its properties and an evidence node (report, start, end, quote)."""
from __future__ import annotations

import re

from fazhi.loaders import facts as F
from fazhi.loaders.ids import agency_iri, document_iri, fact_iri, fact_iri_value, place_iri, slug
from fazhi.ontology.vocab import DCTERMS, ELI, FZ, ID_NS, OA, ORG, RDF, RDFS, SKOS, XSD
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse


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
    if _NT_SPECIAL.search(value) is None:
        return '"' + value + '"'
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


_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)")
_AGENCY_END = re.compile(r"(政府|局|委|办|院|厅|部|中心|所|室|处|站|队|会|组)$")


# the terms of an evidence node, in N-Triples form
(_EVIDENCE, _TYPE, _EVIDENCE_CLASS, _HAS_SOURCE, _HAS_SELECTOR, _POSITION_SELECTOR, _START, _END, _QUOTE_SELECTOR,
 _EXACT, _INTEGER) = map(str, (FZ.evidence, RDF.type, FZ.Evidence, OA.hasSource, OA.hasSelector,
                               OA.TextPositionSelector, OA.start, OA.end, OA.TextQuoteSelector, OA.exact, XSD.integer))


class Emitter:
    """Collects the triples of one source; ``add`` ignores empty values so callers need no checks.

    Triples are kept as N-Triples lines (``lines``), in the order first added, each once: making a pyoxigraph
    ``Triple`` costs several times more than writing its line (most of all with a literal object), and the
    bulk path hands N-Triples to the store anyway. ``triples`` gives them as pyoxigraph objects.
    """

    def __init__(self, report: NamedNode, text: str):
        self.report = report
        self.text = text
        self.lines: list[str] = []
        self._seen: set[str] = set()
        self._refs: dict[NamedNode, str] = {}              # a node's N-Triples form, made once per node
        self._evidenced: set[tuple[int, int]] = set()     # spans whose evidence node is already described
        self._described: dict[tuple, NamedNode] = {}       # agency() arguments already emitted → its IRI
        self._units: dict[str, NamedNode] = {}             # unit() and subject() names already emitted
        self._subjects: dict[str, NamedNode] = {}

    @property
    def triples(self) -> list[Triple]:
        """The triples added so far as pyoxigraph objects (parsed from ``lines`` at each call)."""
        return [q.triple for q in parse("".join(self.lines), format=RdfFormat.N_TRIPLES)]

    def add(self, s, p, o) -> None:
        """Add the triple (s, p, o); ``o`` may be a node, a literal or a plain value (made a plain literal)."""
        # type() tests and local look-ups, no helper calls: this runs for every triple of every report
        refs = self._refs
        kind = type(o)
        if kind is NamedNode:
            obj = refs.get(o) or self._ref(o)
        elif kind is Literal:
            if not o.value:
                return
            obj = str(o)                # (pyoxigraph writes the N-Triples form of a literal)
        elif o is None or o == "":
            return
        else:
            obj = nt_literal(str(o))
        line = f"{refs.get(s) or self._ref(s)} {refs.get(p) or self._ref(p)} {obj} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def _ref(self, node) -> str:
        """A node's N-Triples form (<iri>), made once per node."""
        ref = self._refs[node] = str(node)
        return ref

    def _put(self, s: str, p: str, o: str) -> None:
        line = f"{s} {p} {o} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def evidence(self, node: NamedNode, span: F.Span) -> None:
        """Link ``node`` to the passage [start, end) of the report it was read from."""
        start, end = span
        if end <= start:
            return
        base = fact_iri_value(self.report, "ev", start, end)
        ev = f"<{base}>"
        self._put(self._refs.get(node) or self._ref(node), _EVIDENCE, ev)
        if (start, end) in self._evidenced:
            return
        self._evidenced.add((start, end))
        pos, quote, put = f"<{base}#pos>", f"<{base}#quote>", self._put
        put(ev, _TYPE, _EVIDENCE_CLASS)
        put(ev, _HAS_SOURCE, self._refs.get(self.report) or self._ref(self.report))
        put(ev, _HAS_SELECTOR, pos)
        put(ev, _HAS_SELECTOR, quote)
        put(pos, _TYPE, _POSITION_SELECTOR)
        put(pos, _START, f'"{start}"^^{_INTEGER}')
        put(pos, _END, f'"{end}"^^{_INTEGER}')
        put(quote, _TYPE, _QUOTE_SELECTOR)
        exact = self.text[start:end]
        if exact:
            put(quote, _EXACT, nt_literal(exact))

    def agency(self, name: str, *, kind="", level="", jurisdiction="", parent="", span=None) -> NamedNode:
        key = (name, kind, level, jurisdiction, parent)
        a = self._described.get(key)
        if a is None:                   # (a body named again: its description is already there)
            a = self._describe_agency(name, kind, level, jurisdiction, parent)
            self._described[key] = a
        if span:
            self.add(a, FZ.mentionedIn, self.report)
            self.evidence(a, span)
        return a

    def _describe_agency(self, name: str, kind: str, level: str, jurisdiction: str, parent: str) -> NamedNode:
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
        return a

    def unit(self, name: str) -> NamedNode:
        """A bearer or recipient: an agency, or a collective unit (各有关单位, 行政执法机关) kept as written."""
        node = self._units.get(name)
        if node is None:                # (the same bearer recurs in many duties: describe it once)
            node = self._units[name] = self._describe_unit(name)
        return node

    def _describe_unit(self, name: str) -> NamedNode:
        from fazhi.loaders.extract.clauses import is_collective

        if not is_collective(name) and _PLACE_NAME.fullmatch(name):
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
        node = self._subjects.get(name)
        if node is None:                # (most figures of a report are its jurisdiction's: describe it once)
            if _AGENCY_END.search(name):
                node = self.agency(name)
            else:
                node = place_iri(name)
                self.add(node, RDF.type, FZ.Place)
                self.add(node, RDFS.label, lit(name))
            self._subjects[name] = node
        return node


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
    em.add(r, FZ.normalizedText, text)
    em.evidence(r, meta.title_span)
    emit_facts(em, facts, meta)
    add_bearer_lists(em)
    # the completion marker last: ingest writes it after the body, and finds it here without a scan
    em.add(r, FZ.contentHash, content_hash)


def emit_facts(em: Emitter, facts: F.Facts, meta: F.ReportMeta) -> None:
    r = em.report
    hosts = {a.name: a for a in facts.agencies}
    for a in facts.agencies:
        node = em.agency(a.name, kind=a.kind, level=a.level, jurisdiction=a.jurisdiction, parent=a.parent, span=a.span)
        if a.housed_in:
            h = hosts.get(a.housed_in)
            em.add(node, FZ.housedIn, em.agency(a.housed_in, kind=h.kind, level=h.level, jurisdiction=h.jurisdiction,
                                                 parent=h.parent) if h else em.agency(a.housed_in))
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
    # read from the N-Triples lines as strings: parsing them back into triples cost more than emitting them
    label_p, bearer_p = f" {SKOS.prefLabel} ", f" {FZ.bearer} "
    names: dict[str, list[str]] = {}
    bearers: dict[str, list[str]] = {}
    for line in em.lines:
        if bearer_p in line:
            subj, _, obj = line[:-3].partition(bearer_p)
            bearers.setdefault(subj, []).append(obj)
        elif label_p in line:
            subj, _, obj = line[:-3].partition(label_p)
            names.setdefault(subj, []).append(_literal_value(line) if "\\" in obj else obj[1:-1])
    for duty_ref, refs in bearers.items():
        duty, units = NamedNode(duty_ref[1:-1]), [r[1:-1] for r in refs]
        em.add(duty, FZ.bearerList, ";".join(units))
        em.add(duty, FZ.bearerNameList, ";".join(dict.fromkeys(n for r in refs for n in names.get(r, ()))))


def _literal_value(line: str) -> str:
    """The object literal's text of one N-Triples line, unescaped (the rare name holding an escape)."""
    return next(iter(parse(line, format=RdfFormat.N_TRIPLES))).object.value
