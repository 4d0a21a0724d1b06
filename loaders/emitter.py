"""The Emitter: collects the triples of one source as N-Triples lines, and describes the nodes facts share
(agencies, places, collective units, documents) and the evidence node of each passage, each once.

The writers of each kind of fact are in ``factlines.py``; the report node and the order of writing in
``emit.py``; the values precomputed for the query tables in ``rowvalues.py``.
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from fazhi.loaders import facts as F
from fazhi.loaders.extract.orgnames import is_unqualified
from fazhi.loaders.extract.wording import subject_kind, unit_kind
from fazhi.loaders.ntriples import (
    BEARER,
    END,
    EVIDENCE,
    EVIDENCE_CLASS,
    EVIDENCE_TEXT,
    EXACT,
    HAS_SELECTOR,
    HAS_SOURCE,
    INTEGER,
    POSITION_SELECTOR,
    PREF_LABEL,
    QUOTE_SELECTOR,
    START,
    TYPE,
    lit,
    nt_literal,
)
from fazhi.ontology.ids import agency_iri, document_iri, fact_prefix, place_iri, slug
from fazhi.ontology.vocab import FZ, ID_NS, ORG, RDF, RDFS, SKOS


class Emitter:
    """Collects the triples of one source; ``add`` ignores empty values so callers need no checks.

    Triples are kept as N-Triples lines (``lines``), in the order first added, each once: making a pyoxigraph
    ``Triple`` costs several times more than writing its line (most of all with a literal object), and the
    bulk path hands N-Triples to the store anyway. ``triples`` gives them as pyoxigraph objects.

    "Each once" is checked (``_seen``) only where a line can recur: the nodes shared by facts (the report,
    agencies, places, documents). A fact's own node and its evidence node are minted once per fact or span,
    so ``emit_facts`` appends their lines straight to ``lines``: most of a report's triples skip the check.
    """

    def __init__(self, report: NamedNode, text: str, simple: str | None = None):
        self.report = report
        self.text = text
        self.simple = simple if simple is not None else text   # text in simplified Chinese, same offsets
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
        # for add_award_lists: award → (its recipient, the bodies conferring it), as <iri> forms
        self.award_parties: dict[str, tuple[str, list[str]]] = {}
        self.award_nodes: list[str] = []                   # the report's awards' nodes, in their order (<iri>)
        # for add_assignments: duty stated by this source for itself → (its lead units, its bearers)
        self.own_duties: dict[str, tuple[list[str], list[str]]] = {}
        self.issuers: list[str] = []                       # the report's eli:passed_by, as <iri>

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
            if pred == PREF_LABEL:
                self.names.setdefault(subj, []).append(o.value if kind is Literal else str(o))
            elif pred == BEARER:
                self.bearers.setdefault(subj, []).append(obj)

    def _ref(self, node) -> str:
        """A node's N-Triples form (<iri>), made once per node."""
        ref = self._refs[node] = str(node)
        return ref

    def put(self, s: str, p: str, o: str) -> None:
        """Add a line from terms already in N-Triples form, unless it is there."""
        line = f"{s} {p} {o} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def evidence(self, node: NamedNode, span: F.Span) -> None:
        """Link ``node`` to the passage [start, end) of the report it was read from."""
        self.evidence_of(self.ref(node), span)

    def evidence_of(self, node: str, span: F.Span, *, fresh: bool = False, quoted: bool = False) -> None:
        """``evidence`` for a node given as <iri>; ``fresh``: a fact's own node, whose link cannot be there
        already (no "once" check); ``quoted``: the passage is also written on the node (fz:evidenceText, for
        the tables that show it)."""
        start, end = span
        if end <= start:
            return
        base = f"{self.fact_prefix}ev/{start}-{end}"
        if fresh:
            self.lines.append(f"{node} {EVIDENCE} <{base}> .\n")
        else:
            self.put(node, EVIDENCE, f"<{base}>")
        if quoted and self.text[start:end]:
            self.lines.append(f"{node} {EVIDENCE_TEXT} {nt_literal(self.text[start:end])} .\n")
        if (start, end) not in self._evidenced:
            self._describe_evidence(base, start, end)

    def _describe_evidence(self, base: str, start: int, end: int) -> None:
        """The evidence node of one span (the report, its start, end and quote): once per span, so its
        lines need no check."""
        self._evidenced.add((start, end))
        ev, pos, quote = f"<{base}>", f"<{base}#pos>", f"<{base}#quote>"
        self.lines += (f"{ev} {TYPE} {EVIDENCE_CLASS} .\n",
                       f"{ev} {HAS_SOURCE} {self.report_ref} .\n",
                       f"{ev} {HAS_SELECTOR} {pos} .\n",
                       f"{ev} {HAS_SELECTOR} {quote} .\n",
                       f"{pos} {TYPE} {POSITION_SELECTOR} .\n",
                       f'{pos} {START} "{start}"^^{INTEGER} .\n',
                       f'{pos} {END} "{end}"^^{INTEGER} .\n',
                       f"{quote} {TYPE} {QUOTE_SELECTOR} .\n")
        exact = self.text[start:end]
        if exact:
            self.lines.append(f"{quote} {EXACT} {nt_literal(exact)} .\n")

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
        kind = unit_kind(name)          # (the extractors' own rule: extract/wording.py)
        if kind == "place":
            p = place_iri(name)          # a place (我县 → 上蔡县) receives awards as itself
            self.add(p, RDF.type, FZ.Place)
            self.add(p, RDFS.label, lit(name))
            self.add(p, SKOS.prefLabel, lit(name))
            return p
        if kind == "agency":
            return self.agency(name)
        c = NamedNode(ID_NS + "collective/" + slug(name))
        self.add(c, RDF.type, FZ.CollectiveUnit)
        self.add(c, SKOS.prefLabel, lit(name))
        self.add(c, RDFS.label, lit(name))
        return c

    def organisation(self, name: str) -> NamedNode:
        """A party to a case that is an organisation (an applicant: a firm, a school), named as written."""
        org = agency_iri(name)
        self.add(org, RDF.type, ORG.Organization)
        self.add(org, SKOS.prefLabel, lit(name))
        self.add(org, RDFS.label, lit(name))
        return org

    def subject(self, name: str) -> NamedNode:
        """A statistic's subject: an agency when the name is one, else a place."""
        node = self._subjects.get(name)
        if node is None:                # (most figures of a report are its jurisdiction's: describe it once)
            if subject_kind(name) == "agency":
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
