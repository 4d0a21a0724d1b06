"""Roster (CSV or .xlsx) → units and their legal-adviser appointments (the units the legal-adviser duty applies to).

A roster is the CSV of ../shared/CONTRACT.md: a header row naming its columns in English or Chinese in
any order, one unit a row. Units are minted with ``agency_iri`` from their full name, so a roster's
上蔡县司法局 is the same node as 县司法局 read (and qualified) from 上蔡县's report.
"""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal

from fazhi.graph.errors import LoadError
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.loaded import Loaded
from fazhi.loaders.ntriples import date_lit
from fazhi.loaders.sources import source_hash
from fazhi.loaders.tables import Table, column_map, read_table, table_date
from fazhi.ontology.ids import fact_iri, slug, source_graph
from fazhi.ontology.vocab import FZ, RDF, RDFS

COLUMNS = {
    "name": ("name", "单位名称", "unit", "unit_name"),
    "kind": ("kind", "单位类型", "type", "unit_kind"),
    "parent": ("parent", "上级单位", "parent_unit"),
    "legal_adviser": ("legal_adviser", "法律顾问", "adviser", "legal adviser"),
    "adviser_from": ("adviser_from", "聘期开始", "term_start"),
    "adviser_until": ("adviser_until", "聘期结束", "term_end"),
}
# what people write in the adviser column when there is none
NO_ADVISER = {"无", "暂无", "没有", "未聘请", "未聘", "空缺", "none", "n/a", "na", "-", "—", "--", "——", "/", "／"}
roster_date = table_date  # (the name the roster's tests and callers know)


def is_roster_header(cells: list[str]) -> bool:
    """Whether a row is a roster's header: it names the unit-name column."""
    return "name" in column_map(cells, COLUMNS)


def read_roster_rows(path: Path, table: Table | None = None) -> tuple[list[dict], list[str]]:
    """The roster's rows as dicts keyed by the contract's English column names, plus unknown columns.

    Each dict has ``_line`` (its line in the file, or its row in the sheet) and ``_extra`` (unknown column →
    value). ``table``: the file already read (``tables.read_table``). Raises LoadError naming the file when
    there is no name column or a date does not parse.
    """
    path = Path(path)
    table = table if table is not None else read_table(path, is_roster_header)
    if not table.rows:
        raise LoadError(path, "roster is empty")
    header = table.rows[0][1]
    cols = column_map(header, COLUMNS)
    if "name" not in cols:
        raise LoadError(path, "roster has no 'name' (单位名称) column in its header row "
                              f"(found: {', '.join(h for h in header if h) or 'nothing'})")
    known = set(cols.values())
    extra = [(i, h) for i, h in enumerate(header) if i not in known and h]
    out = []
    for line, r in table.rows[1:]:
        rec = {k: (r[i] if i < len(r) else "") for k, i in cols.items()}
        if not rec["name"]:
            continue
        if rec.get("legal_adviser", "").lower() in NO_ADVISER:
            rec["legal_adviser"] = ""
        for key in ("adviser_from", "adviser_until"):
            v = rec.get(key, "")
            if v:
                iso = table_date(v)
                if iso is None:
                    raise LoadError(path, f"line {line}: {key} {v!r} is not a date YYYY-MM-DD")
                rec[key] = iso
        if rec.get("adviser_from") and rec.get("adviser_until") and rec["adviser_until"] < rec["adviser_from"]:
            raise LoadError(path, f"line {line}: adviser_until {rec['adviser_until']} is before "
                                  f"adviser_from {rec['adviser_from']}")
        rec["_line"] = line
        rec["_extra"] = {h: r[i] for i, h in extra if i < len(r) and r[i]}
        out.append(rec)
    return out, [h for _, h in extra]


def load_roster(path: Path, table: Table | None = None):
    """Read a roster (CSV or a workbook's sheet) into the triples of its named graph (units, parents, adviser
    appointments)."""
    path = Path(path)
    rows, _ = read_roster_rows(path, table)
    if not rows:
        raise LoadError(path, "roster has a header but no units")
    graph = source_graph(str(path.resolve()))
    roster = fact_iri(graph, "roster", slug(path.name))
    em = Emitter(roster, "")
    em.add(roster, RDF.type, FZ.Roster)
    em.add(roster, RDFS.label, path.name)
    em.add(roster, FZ.sourceFile, str(path))
    digest = source_hash(path)
    em.add(roster, FZ.contentHash, digest)
    appointments = 0
    units = set()
    for rec in rows:
        unit = em.agency(rec["name"], kind=rec.get("kind", ""), parent=rec.get("parent", ""))
        units.add(unit)
        em.add(unit, RDF.type, FZ.RosterUnit)
        em.add(unit, FZ.inRoster, roster)
        for h, v in rec["_extra"].items():
            em.add(unit, FZ.extraProperty, Literal(f"{h}={v}"))
        if rec.get("legal_adviser"):
            appt = fact_iri(graph, "adviser", rec["_line"])
            em.add(appt, RDF.type, FZ.AdviserAppointment)
            em.add(appt, FZ.appointingUnit, unit)
            em.add(appt, FZ.adviserName, rec["legal_adviser"])
            em.add(appt, RDFS.label, f"{rec['name']}: {rec['legal_adviser']}")
            em.add(appt, FZ.termStart, date_lit(rec["adviser_from"]) if rec.get("adviser_from") else None)
            em.add(appt, FZ.termEnd, date_lit(rec["adviser_until"]) if rec.get("adviser_until") else None)
            em.add(appt, FZ.inRoster, roster)
            em.add(unit, FZ.hasAdviser, appt)
            appointments += 1
    return Loaded(path, graph, em.lines, "roster", {"units": len(units), "advisers": appointments}, digest)
