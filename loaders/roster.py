"""Roster CSV → units and their legal-adviser appointments (the units the legal-adviser duty applies to).

A roster is the CSV of ../shared/CONTRACT.md: a header row naming its columns in English or Chinese in
any order, one unit a row. Units are minted with ``agency_iri`` from their full name, so a roster's
上蔡县司法局 is the same node as 县司法局 read (and qualified) from 上蔡县's report.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pyoxigraph import Literal

from fazhi.graph.errors import LoadError
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.loaded import Loaded
from fazhi.loaders.ntriples import date_lit
from fazhi.loaders.readers import decode_text, read_bytes
from fazhi.loaders.sources import source_hash
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
_DATE = re.compile(r"^((?:19|20)\d{2})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})\s*日?"
                   r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")  # spreadsheets append 00:00:00
# what people write in the adviser column when there is none
NO_ADVISER = {"无", "暂无", "没有", "未聘请", "未聘", "空缺", "none", "n/a", "na", "-", "—", "--", "——", "/", "／"}


def header_key(cell: str) -> str:
    """A header cell made comparable: no BOM, no spaces or required-marks, lower case.

    >>> header_key("\\ufeff 单位名称* "), header_key("Legal_Adviser")
    ('单位名称', 'legal_adviser')
    """
    return re.sub(r"[\s*＊]", "", cell.lstrip("\ufeff")).lower().replace("legaladviser", "legal_adviser")


def column_map(header: list[str]) -> dict[str, int]:
    """The contract's column names → their positions in ``header`` (first match wins)."""
    names = {header_key(n): key for key, ns in COLUMNS.items() for n in ns}
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        key = names.get(header_key(h))
        if key:
            found.setdefault(key, i)
    return found


def roster_date(value: str) -> str | None:
    """A term date as ISO YYYY-MM-DD (also from 2021/6/30 or 2021年6月30日); None when not a date.

    >>> roster_date("2021-06-30"), roster_date("2021/6/3"), roster_date("2021年6月30日"), roster_date("6/30")
    ('2021-06-30', '2021-06-03', '2021-06-30', None)
    >>> roster_date("2021-02-30") is None, roster_date("2021/6/30 0:00:00")
    (True, '2021-06-30')
    """
    import datetime as dt

    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _dialect(text: str) -> str:
    """The delimiter: a comma, unless the header line has none but has tabs or semicolons."""
    first = text.split("\n", 1)[0]
    if "," in first or "，" not in first and "\t" not in first and ";" not in first:
        return ","
    for d in ("\t", ";", "，"):
        if d in first:
            return d
    return ","


def read_roster_rows(path: Path) -> tuple[list[dict], list[str]]:
    """The roster's rows as dicts keyed by the contract's English column names, plus unknown columns.

    Each dict has ``_line`` (its line in the file) and ``_extra`` (unknown column → value). Raises
    LoadError naming the file when there is no name column or a date does not parse.
    """
    path = Path(path)
    text = decode_text(read_bytes(path), path).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    header: list[str] | None = None
    out = []
    cols: dict[str, int] = {}
    extra: list[tuple[int, str]] = []
    try:
        for r in reader:
            if not any(c.strip() for c in r):
                continue
            if header is None:
                header = r
                cols = column_map(r)
                if "name" not in cols:
                    raise LoadError(path, "roster has no 'name' (单位名称) column in its header row "
                                          f"(found: {', '.join(h.strip() for h in r if h.strip()) or 'nothing'})")
                known = set(cols.values())
                extra = [(i, h.strip()) for i, h in enumerate(r) if i not in known and h.strip()]
                continue
            line = reader.line_num
            rec = {k: (r[i].strip() if i < len(r) else "") for k, i in cols.items()}
            if not rec["name"]:
                continue
            if rec.get("legal_adviser", "").lower() in NO_ADVISER:
                rec["legal_adviser"] = ""
            for key in ("adviser_from", "adviser_until"):
                v = rec.get(key, "")
                if v:
                    iso = roster_date(v)
                    if iso is None:
                        raise LoadError(path, f"line {line}: {key} {v!r} is not a date YYYY-MM-DD")
                    rec[key] = iso
            if rec.get("adviser_from") and rec.get("adviser_until") and rec["adviser_until"] < rec["adviser_from"]:
                raise LoadError(path, f"line {line}: adviser_until {rec['adviser_until']} is before "
                                      f"adviser_from {rec['adviser_from']}")
            rec["_line"] = line
            rec["_extra"] = {h: r[i].strip() for i, h in extra if i < len(r) and r[i].strip()}
            out.append(rec)
    except csv.Error as e:
        raise LoadError(path, f"line {reader.line_num}: not a readable CSV row ({e})") from None
    if header is None:
        raise LoadError(path, "roster is empty")
    return out, [h for _, h in extra]


def load_roster(path: Path):
    """Read a roster CSV into the triples of its named graph (units, parents, adviser appointments)."""
    path = Path(path)
    rows, _ = read_roster_rows(path)
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
