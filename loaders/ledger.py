"""Case ledgers (行政复议 / 行政诉讼 / 行政处罚 台账) → one ``fz:Case`` per row (../shared/CONTRACT.md,
"Case ledgers").

A ledger is a CSV file or an .xlsx sheet whose header row (the first, or one of the first few under a
title row) names ``case_number`` / 案号; the other columns in any order, English or Chinese. The ledger goes
in whole or not at all: the first bad row (no number, type or respondent; an outcome not in the
case-outcome scheme; a date that is not one; closed before filed; a number already on an earlier row) is a
LoadError ``line N: <reason>``, N being the file's line (header = line 1) or the sheet's row.

Each case: its number, type, respondent (an agency: ``casenames``), filed and closed dates, outcome (a
concept of ``ontology/case-outcomes.ttl``, whose triples go into the ledger's graph), whether the agency's
head appeared in court, an applicant that is an organisation, and its provenance: ``fz:inLedger`` the
ledger and ``fz:evidence`` a Web Annotation whose source is the ledger and whose selector is the row (an
``oa:FragmentSelector`` ``row=N``, per RFC 7111 for CSV: a row holding no line break is the line N).
"""
from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from fazhi.graph.errors import LoadError
from fazhi.loaders.casenames import is_organisation, name_place, respondent_names, shown
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.loaded import Loaded
from fazhi.loaders.ntriples import date_lit
from fazhi.loaders.sources import source_hash
from fazhi.loaders.tables import Table, column_map, find_header, read_table, table_date
from fazhi.ontology.ids import case_iri, fact_iri, fact_prefix, slug, source_graph
from fazhi.ontology.outcomes import outcome, outcomes, scheme_triples
from fazhi.ontology.vocab import DCTERMS, FZ, OA, RDF, RDFS, XSD

COLUMNS = {
    "case_number": ("case_number", "案号", "case_no", "case number"),
    "case_type": ("case_type", "案件类型", "案件类别", "type"),
    "respondent": ("respondent", "被申请人", "被告", "defendant", "被申请人/被告"),
    "filed": ("filed", "受理日期", "立案日期", "filed_on", "date_filed"),
    "closed": ("closed", "审结日期", "结案日期", "closed_on", "date_closed"),
    "outcome": ("outcome", "结果", "审理结果", "result", "结案方式"),
    "head_appeared": ("head_appeared", "负责人出庭", "负责人是否出庭", "负责人出庭应诉"),
    "applicant": ("applicant", "申请人", "原告", "plaintiff", "申请人/原告"),
}
REQUIRED = (("case_number", "案号"), ("case_type", "案件类型"), ("respondent", "被申请人/被告"))
_YES = {"是", "有", "已出庭", "出庭", "yes", "y", "true", "1", "√", "✓"}
_NO = {"否", "无", "未出庭", "不出庭", "no", "n", "false", "0", "×", "✗"}
# how ledgers write the two case types whose reports are compared with them, and their contract names
_CASE_TYPES = {"复议": "行政复议", "行政复议": "行政复议", "诉讼": "行政诉讼", "行政诉讼": "行政诉讼",
               "应诉": "行政诉讼", "行政应诉": "行政诉讼", "一审行政诉讼": "行政诉讼", "行政诉讼一审": "行政诉讼"}
RFC7111 = NamedNode("http://tools.ietf.org/rfc/rfc7111")   # text/csv fragment identifiers (row=N)


def case_type(value: str) -> str:
    """A case type as the contract names it (行政复议, 行政诉讼 ...); other types as written, less 案件.

    >>> case_type("行政应诉"), case_type(" 复议案件 "), case_type("行政处罚")
    ('行政诉讼', '行政复议', '行政处罚')
    """
    v = re.sub(r"\s+", "", value)
    v = v[:-2] if v.endswith("案件") and len(v) > 2 else v
    return _CASE_TYPES.get(v, v)


def is_ledger_header(cells: list[str]) -> bool:
    """Whether a row is a case ledger's header: it names the case-number column.

    >>> is_ledger_header(["序号", "案　号", "被申请人"]), is_ledger_header(["单位名称", "法律顾问"])
    (True, False)
    """
    return "case_number" in column_map(cells, COLUMNS)


def read_ledger_rows(path: Path, table: Table | None = None) -> list[dict]:
    """The ledger's cases as dicts keyed by the contract's English column names, checked and normalised
    (ISO dates, the outcome as an ``outcomes.Outcome``, head_appeared as True/False/None), each with ``_line``.

    ``table``: the file already read. Raises LoadError ``line N: <reason>`` on the first bad row.
    """
    path = Path(path)
    table = table if table is not None else read_table(path, is_ledger_header)
    at = find_header(table, is_ledger_header)
    if at is None:
        raise LoadError(path, "not a case ledger: no 'case_number' (案号) column in its first rows")
    cols = column_map(table.rows[at][1], COLUMNS)
    seen: dict[str, int] = {}
    out = []
    for line, cells in table.rows[at + 1:]:
        rec = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
        out.append(_checked(path, line, rec, seen))
    if not out:
        raise LoadError(path, "case ledger has a header but no cases")
    return out


def _checked(path: Path, line: int, rec: dict, seen: dict[str, int]) -> dict:
    """One row checked and normalised; the first thing wrong with it is a LoadError naming its line."""
    def bad(reason: str):
        raise LoadError(path, f"line {line}: {reason}")

    for key, zh in REQUIRED:
        if not rec.get(key):
            bad(f"no {key} ({zh})" + (f" for case {shown(rec['case_number'])}" if rec.get("case_number") else ""))
    number = rec["case_number"]
    case = f"case {shown(number)}"
    if number in seen:
        bad(f"{case} is also on line {seen[number]}: a case number names one case in a ledger")
    seen[number] = line
    for key in ("filed", "closed"):
        if rec.get(key):
            iso = table_date(rec[key])
            if iso is None:
                bad(f"{case}: {key} {shown(rec[key])} is not a date YYYY-MM-DD")
            rec[key] = iso
    if rec.get("filed") and rec.get("closed") and rec["closed"] < rec["filed"]:
        bad(f"{case}: closed {rec['closed']} is before filed {rec['filed']}")
    if rec.get("outcome"):
        found = outcome(rec["outcome"])
        if found is None:
            bad(f"{case}: unknown outcome {shown(rec['outcome'])}; an outcome is one of "
                + ", ".join(o.label for o in outcomes()))
        rec["outcome"] = found
    else:
        rec["outcome"] = None
    head = rec.get("head_appeared", "").strip().lower()
    if head and head not in _YES | _NO:
        bad(f"{case}: head_appeared {shown(rec['head_appeared'])} is not 是 or 否")
    rec["head_appeared"] = True if head in _YES else False if head in _NO else None
    rec["_line"] = line
    return rec


def load_ledger(path: Path, table: Table | None = None):
    """Read a case ledger into the triples of its named graph: the ledger, its cases, the outcome scheme."""
    path = Path(path)
    table = table if table is not None else read_table(path, is_ledger_header)
    rows = read_ledger_rows(path, table)
    graph = source_graph(str(path.resolve()))
    ledger = fact_iri(graph, "ledger", slug(path.name))
    em = Emitter(ledger, "")
    em.add(ledger, RDF.type, FZ.CaseLedger)
    em.add(ledger, RDFS.label, path.name + (f" ({table.sheet})" if table.workbook and table.sheet else ""))
    em.add(ledger, FZ.sourceFile, str(path))
    for t in scheme_triples():
        em.add(t.subject, t.predicate, t.object)
    names, unplaced = respondent_names({r["respondent"] for r in rows})
    respondents = set()
    for rec in rows:
        respondents.add(_emit_case(em, ledger, rec, names[rec["respondent"]], csv=not table.workbook,
                                   prefix=fact_prefix(graph)))
    digest = source_hash(path)
    em.add(ledger, FZ.contentHash, digest)   # the completion marker last (see loaders/ingest.py)
    counts = {"cases": len(rows), "respondents": len(respondents), "unplaced respondents": len(unplaced)}
    return Loaded(path, graph, em.lines, "ledger", counts, digest)


def _emit_case(em: Emitter, ledger: NamedNode, rec: dict, respondent: str, *, csv: bool, prefix: str) -> NamedNode:
    """One case's triples; returns its respondent's node. ``prefix``: the ledger's graph's fact prefix (the row
    evidence is minted from the file's graph like a roster's facts, so it names the file, not a hash of a hash)."""
    case = case_iri(rec["case_number"], ledger)
    em.add(case, RDF.type, FZ.Case)
    em.add(case, FZ.caseNumber, rec["case_number"])
    em.add(case, RDFS.label, rec["case_number"])
    em.add(case, FZ.caseType, case_type(rec["case_type"]))
    # (its place, as a report's reader gives it: case-reconciliation finds a place's bodies by it)
    agency = em.agency(respondent, jurisdiction=name_place(respondent))
    em.add(case, FZ.respondent, agency)
    em.add(case, FZ.filedOn, date_lit(rec["filed"]) if rec.get("filed") else None)
    em.add(case, FZ.closedOn, date_lit(rec["closed"]) if rec.get("closed") else None)
    if rec["outcome"] is not None:
        em.add(case, FZ.outcome, rec["outcome"].iri)
    if rec["head_appeared"] is not None:
        em.add(case, FZ.headAppeared, Literal("true" if rec["head_appeared"] else "false", datatype=XSD.boolean))
    applicant = re.sub(r"\s+", "", rec.get("applicant", ""))
    if applicant and is_organisation(applicant):     # a natural person's name is never stored
        em.add(case, FZ.applicant, em.organisation(applicant))
    em.add(case, FZ.inLedger, ledger)
    ev = NamedNode(f"{prefix}ev/row-{rec['_line']}")
    sel = NamedNode(ev.value + "#row")
    em.add(case, FZ.evidence, ev)
    em.add(ev, RDF.type, FZ.Evidence)
    em.add(ev, OA.hasSource, ledger)
    em.add(ev, OA.hasSelector, sel)
    em.add(sel, RDF.type, OA.FragmentSelector)
    em.add(sel, RDF.value, f"row={rec['_line']}")
    if csv:
        em.add(sel, DCTERMS.conformsTo, RFC7111)
    return agency
