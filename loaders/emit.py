"""Facts → triples. Each fact gets an IRI, its properties and an evidence node (report, start, end, quote)."""
from __future__ import annotations

import re

from fazhi.loaders import facts as F
from fazhi.loaders.ids import agency_iri, document_iri, fact_prefix, place_iri, slug
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


def _decimal(value: float) -> str:
    """``num_lit(value)`` in N-Triples form, without making the Literal."""
    v = float(value)
    return f'"{int(v) if v.is_integer() else repr(v)}"^^{_DECIMAL}'


_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)")
_AGENCY_END = re.compile(r"(政府|局|委|办|院|厅|部|中心|所|室|处|站|队|会|组)$")


# the terms the writers below put in lines, in N-Triples form (<iri>), made once
(_EVIDENCE, _TYPE, _EVIDENCE_CLASS, _HAS_SOURCE, _HAS_SELECTOR, _POSITION_SELECTOR, _START, _END, _QUOTE_SELECTOR,
 _EXACT, _INTEGER) = map(str, (FZ.evidence, RDF.type, FZ.Evidence, OA.hasSource, OA.hasSelector,
                               OA.TextPositionSelector, OA.start, OA.end, OA.TextQuoteSelector, OA.exact, XSD.integer))
_LABEL, _PREF_LABEL, _DECIMAL, _BOOLEAN = map(str, (RDFS.label, SKOS.prefLabel, XSD.decimal, XSD.boolean))
(_DOCUMENT, _STATISTIC, _OBLIGATION, _AWARD, _ADVISER_STATEMENT, _INSTITUTION, _PROBLEM, _NEXT_STEP) = map(
    str, (FZ.Document, FZ.Statistic, FZ.Obligation, FZ.Award, FZ.AdviserStatement, FZ.Institution, FZ.Problem,
          FZ.NextStep))
(_REPORTED_IN, _MENTIONED_IN, _TITLE, _ID_LOCAL, _DOCUMENT_KIND, _ABBREVIATION, _PASSED_BY, _DATE_DOCUMENT,
 _IMPLEMENTS, _CITES, _PROMULGATES) = map(str, (
    FZ.reportedIn, FZ.mentionedIn, ELI.title, ELI.id_local, FZ.documentKind, FZ.abbreviation, ELI.passed_by,
    ELI.date_document, FZ.implements, ELI.cites, FZ.promulgates))
(_METRIC, _VALUE, _UNIT, _QUALIFIER, _PERIOD, _SUBJECT, _PART_OF) = map(str, (
    FZ.metric, FZ.value, FZ.unit, FZ.qualifier, FZ.period, FZ.subject, FZ.partOf))
(_TEXT, _BEARER, _LEAD_UNIT, _ACTION, _LIMIT_VALUE, _LIMIT_UNIT, _LIMIT_KIND, _SOURCE_DOCUMENT, _DERIVED_FROM,
 _BEARER_LIST, _BEARER_NAME_LIST) = map(str, (
    FZ.text, FZ.bearer, FZ.leadUnit, FZ.action, FZ.limitValue, FZ.limitUnit, FZ.limitKind, FZ.sourceDocument,
    FZ.derivedFrom, FZ.bearerList, FZ.bearerNameList))
(_RECIPIENT, _AWARD_TITLE, _CONFERRED_BY, _DATE, _ADVISER_STATEMENT_P, _ADVISER_PRESENT) = map(str, (
    FZ.recipient, FZ.awardTitle, FZ.conferredBy, DCTERMS.date, FZ.adviserStatement, FZ.adviserPresent))
# institutions, problems and next steps: (kind in the fact IRI, class, property holding the text)
_SIMPLE = (("inst", _INSTITUTION, str(FZ.institutionName)), ("problem", _PROBLEM, str(FZ.problemText)),
           ("plan", _NEXT_STEP, str(FZ.planText)))


class Emitter:
    """Collects the triples of one source; ``add`` ignores empty values so callers need no checks.

    Triples are kept as N-Triples lines (``lines``), in the order first added, each once: making a pyoxigraph
    ``Triple`` costs several times more than writing its line (most of all with a literal object), and the
    bulk path hands N-Triples to the store anyway. ``triples`` gives them as pyoxigraph objects.

    "Each once" is checked (``_seen``) only where a line can recur: the nodes shared by facts (the report,
    agencies, places, documents). A fact's own node and its evidence node are minted once per fact or span,
    so ``emit_facts`` appends their lines straight to ``lines``: most of a report's triples skip the check.
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
        self._docs: dict[str, str] = {}                    # document key → its node's N-Triples form
        self.report_ref = str(report)
        self.fact_prefix = fact_prefix(report)             # fact IRIs are this + kind/start-end-index
        # for add_bearer_lists, kept as the lines are added: duty → its bearers, node → its skos:prefLabels
        self.bearers: dict[str, list[str]] = {}
        self.names: dict[str, list[str]] = {}

    @property
    def triples(self) -> list[Triple]:
        """The triples added so far as pyoxigraph objects (parsed from ``lines`` at each call)."""
        return [q.triple for q in parse("".join(self.lines), format=RdfFormat.N_TRIPLES)]

    def add(self, s, p, o) -> None:
        """Add the triple (s, p, o); ``o`` may be a node, a literal or a plain value (made a plain literal)."""
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
        subj, pred = refs.get(s) or self._ref(s), refs.get(p) or self._ref(p)
        line = f"{subj} {pred} {obj} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)
            if pred == _PREF_LABEL:
                self.names.setdefault(subj, []).append(o.value if kind is Literal else str(o))
            elif pred == _BEARER:
                self.bearers.setdefault(subj, []).append(obj)

    def _ref(self, node) -> str:
        """A node's N-Triples form (<iri>), made once per node."""
        ref = self._refs[node] = str(node)
        return ref

    def _put(self, s: str, p: str, o: str) -> None:
        """Add a line from terms already in N-Triples form, unless it is there."""
        line = f"{s} {p} {o} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def evidence(self, node: NamedNode, span: F.Span) -> None:
        """Link ``node`` to the passage [start, end) of the report it was read from."""
        self.evidence_of(self.ref(node), span)

    def evidence_of(self, node: str, span: F.Span, *, fresh: bool = False) -> None:
        """``evidence`` for a node given as <iri>; ``fresh``: a fact's own node, whose link cannot be there
        already (no "once" check)."""
        start, end = span
        if end <= start:
            return
        base = f"{self.fact_prefix}ev/{start}-{end}"
        if fresh:
            self.lines.append(f"{node} {_EVIDENCE} <{base}> .\n")
        else:
            self._put(node, _EVIDENCE, f"<{base}>")
        if (start, end) not in self._evidenced:
            self._describe_evidence(base, start, end)

    def _describe_evidence(self, base: str, start: int, end: int) -> None:
        """The evidence node of one span (the report, its start, end and quote): once per span, so its
        lines need no check."""
        self._evidenced.add((start, end))
        ev, pos, quote = f"<{base}>", f"<{base}#pos>", f"<{base}#quote>"
        self.lines += (f"{ev} {_TYPE} {_EVIDENCE_CLASS} .\n",
                       f"{ev} {_HAS_SOURCE} {self.report_ref} .\n",
                       f"{ev} {_HAS_SELECTOR} {pos} .\n",
                       f"{ev} {_HAS_SELECTOR} {quote} .\n",
                       f"{pos} {_TYPE} {_POSITION_SELECTOR} .\n",
                       f'{pos} {_START} "{start}"^^{_INTEGER} .\n',
                       f'{pos} {_END} "{end}"^^{_INTEGER} .\n',
                       f"{quote} {_TYPE} {_QUOTE_SELECTOR} .\n")
        exact = self.text[start:end]
        if exact:
            self.lines.append(f"{quote} {_EXACT} {nt_literal(exact)} .\n")

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

    def ref(self, node: NamedNode) -> str:
        """A node's N-Triples form (<iri>)."""
        return self._refs.get(node) or self._ref(node)

    def document_ref(self, key: str) -> str:
        """The N-Triples form of the document with this key (see ``ids.doc_key``)."""
        ref = self._docs.get(key)
        if ref is None:
            ref = self._docs[key] = str(document_iri(key))
        return ref


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
    """Every fact of the report, kind after kind (the order of the lines is the order of the facts)."""
    r = em.report
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
        put(node, _TYPE, _DOCUMENT)
        if d.title:
            put(node, _TITLE, nt(d.title))
        if d.title or d.number:
            put(node, _LABEL, nt(d.title or d.number))
        if d.number:
            put(node, _ID_LOCAL, nt(d.number))
        if d.kind:
            put(node, _DOCUMENT_KIND, nt(d.kind))
        if d.abbreviation:
            put(node, _ABBREVIATION, nt(d.abbreviation))
        for issuer in d.issuers:
            put(node, _PASSED_BY, em.ref(em.agency(issuer)))
        if d.date:
            put(node, _DATE_DOCUMENT, str(date_lit(d.date)))
        put(r, _IMPLEMENTS if d.relation == "implements" else _CITES, node)
        if d.promulgated_by:
            put(em.document_ref(d.promulgated_by), _PROMULGATES, node)
        for higher in d.implements:
            put(node, _IMPLEMENTS, em.document_ref(higher))
        put(node, _MENTIONED_IN, r)
        em.evidence_of(node, d.span)


def _statistics(em: Emitter, statistics: list[F.Statistic], meta: F.ReportMeta) -> None:
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    subjects: dict[str, str] = {}       # subject name → its node (most figures share the report's place)
    nodes = []
    for i, s in enumerate(statistics):
        start, end = s.span
        node = f"<{prefix}stat/{start}-{end}-{i}>"
        nodes.append(node)
        lines.append(f"{node} {_TYPE} {_STATISTIC} .\n")
        if s.metric:
            lines.append(f"{node} {_METRIC} {nt(s.metric)} .\n")
        lines += (f"{node} {_LABEL} {nt(f'{s.metric} {s.value:g}{s.unit}')} .\n",
                  f"{node} {_VALUE} {_decimal(s.value)} .\n")
        if s.unit:
            lines.append(f"{node} {_UNIT} {nt(s.unit)} .\n")
        lines.append(f"{node} {_QUALIFIER} {nt(s.qualifier or 'exact')} .\n")
        period = s.period or meta.period
        if period:
            lines.append(f"{node} {_PERIOD} {nt(period)} .\n")
        name = s.subject or meta.jurisdiction or meta.issuer
        if name:
            subject = subjects.get(name)
            if subject is None:
                subject = subjects[name] = em.ref(em.subject(name))
            lines.append(f"{node} {_SUBJECT} {subject} .\n")
        lines.append(f"{node} {_REPORTED_IN} {r} .\n")
        em.evidence_of(node, s.span, fresh=True)
    for i, s in enumerate(statistics):
        if s.total_of is not None and 0 <= s.total_of < len(nodes):
            lines.append(f"{nodes[i]} {_PART_OF} {nodes[s.total_of]} .\n")


def _obligations(em: Emitter, obligations: list[F.Obligation]) -> None:
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    for i, o in enumerate(obligations):
        start, end = o.span
        node = f"<{prefix}duty/{start}-{end}-{i}>"
        lines.append(f"{node} {_TYPE} {_OBLIGATION} .\n")
        if o.text:
            lines.append(f"{node} {_TEXT} {nt(o.text)} .\n")
        label = o.action or o.text[:40]
        if label:
            lines.append(f"{node} {_LABEL} {nt(label)} .\n")
        bearers = _unit_lines(em, node, _BEARER, o.bearers)
        if bearers:
            em.bearers[node] = bearers
        _unit_lines(em, node, _LEAD_UNIT, o.leads)
        if o.action:
            lines.append(f"{node} {_ACTION} {nt(o.action)} .\n")
        if o.limit_value is not None:
            lines.append(f"{node} {_LIMIT_VALUE} {_decimal(o.limit_value)} .\n")
        if o.limit_unit:
            lines.append(f"{node} {_LIMIT_UNIT} {nt(o.limit_unit)} .\n")
        if o.limit_kind:
            lines.append(f"{node} {_LIMIT_KIND} {nt(o.limit_kind)} .\n")
        source = em.document_ref(o.source_document) if o.source_document else r
        lines.append(f"{node} {_SOURCE_DOCUMENT} {source} .\n")
        if o.derived_from:
            lines.append(f"{node} {_DERIVED_FROM} {em.document_ref(o.derived_from)} .\n")
        lines.append(f"{node} {_REPORTED_IN} {r} .\n")
        em.evidence_of(node, o.span, fresh=True)


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
        lines.append(f"{node} {_TYPE} {_AWARD} .\n")
        if a.recipient:
            lines.append(f"{node} {_RECIPIENT} {em.ref(em.unit(a.recipient))} .\n")
        if a.title:
            lines += f"{node} {_AWARD_TITLE} {nt(a.title)} .\n", f"{node} {_LABEL} {nt(a.title)} .\n"
        conferred: list[str] = []
        for name in a.conferred_by:
            body = em.ref(em.agency(name))
            if body not in conferred:
                conferred.append(body)
                lines.append(f"{node} {_CONFERRED_BY} {body} .\n")
        if a.date:
            lines.append(f"{node} {_DATE} {date_lit(a.date)} .\n")
        lines.append(f"{node} {_REPORTED_IN} {r} .\n")
        em.evidence_of(node, a.span, fresh=True)


def _simple_facts(em: Emitter, facts: F.Facts) -> None:
    """Adviser statements, then institutions, problems and next steps: a text each."""
    lines, nt, prefix, r = em.lines, nt_literal, em.fact_prefix, em.report_ref
    for i, x in enumerate(facts.advisers):
        start, end = x.span
        node = f"<{prefix}adviser/{start}-{end}-{i}>"
        lines.append(f"{node} {_TYPE} {_ADVISER_STATEMENT} .\n")
        if x.units:
            lines.append(f"{node} {_TEXT} {nt(x.units)} .\n")
        lines += (f'{node} {_ADVISER_PRESENT} "{"true" if x.has_adviser else "false"}"^^{_BOOLEAN} .\n',
                  f"{r} {_ADVISER_STATEMENT_P} {node} .\n",
                  f"{node} {_REPORTED_IN} {r} .\n")
        em.evidence_of(node, x.span, fresh=True)
    for (kind, cls, text_p), items in zip(_SIMPLE, (facts.institutions, facts.problems, facts.next_steps)):
        for i, x in enumerate(items):
            start, end = x.span
            node = f"<{prefix}{kind}/{start}-{end}-{i}>"
            lines.append(f"{node} {_TYPE} {cls} .\n")
            label = getattr(x, "name", None) or getattr(x, "text", "")
            if label:
                lines += f"{node} {text_p} {nt(label)} .\n", f"{node} {_LABEL} {nt(label[:60])} .\n"
            lines.append(f"{node} {_REPORTED_IN} {r} .\n")
            em.evidence_of(node, x.span, fresh=True)


def add_bearer_lists(em: Emitter) -> None:
    """Give every duty of the source its bearers' IRIs and names as two ';'-joined strings (fz:bearerList,
    fz:bearerNameList), in the order the text names them, once each.

    Precomputed here (per report) so that the `obligations` table reads them with the duty instead of
    grouping every bearer of the store before its first row. Names are every skos:prefLabel this source
    gives the bearer. Runs after all facts are emitted, so a later fact's name for the same unit counts.
    """
    # (the emitter noted bearers and names as it wrote their lines: no need to read the lines back)
    for duty, units in em.bearers.items():
        em._put(duty, _BEARER_LIST, nt_literal(";".join(u[1:-1] for u in units)))
        names = ";".join(dict.fromkeys(n for u in units for n in em.names.get(u, ())))
        if names:
            em._put(duty, _BEARER_NAME_LIST, nt_literal(names))
