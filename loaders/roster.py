"""Roster CSV → units and their legal-adviser appointments (the units the legal-adviser duty applies to)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from fazhi.graph.errors import LoadError
from fazhi.loaders.emit import Emitter, date_lit
from fazhi.loaders.ids import content_hash, fact_iri, slug, source_graph
from fazhi.loaders.readers import decode_text, read_bytes
from fazhi.ontology.vocab import FZ, RDF, RDFS
from pyoxigraph import Literal

COLUMNS = {
    "name": ("name", "单位名称"),
    "kind": ("kind", "单位类型"),
    "parent": ("parent", "上级单位"),
    "legal_adviser": ("legal_adviser", "法律顾问"),
    "adviser_from": ("adviser_from", "聘期开始"),
    "adviser_until": ("adviser_until", "聘期结束"),
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for i, h in enumerate(header):
        h = h.strip().lstrip("\ufeff").lower()
        for key, names in COLUMNS.items():
            if h in names:
                found.setdefault(key, i)
    return found


def read_roster_rows(path: Path) -> tuple[list[dict], list[str]]:
    """The roster's rows as dicts keyed by the contract's English column names, plus unknown columns."""
    text = decode_text(read_bytes(path), path)
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise LoadError(path, "roster is empty")
    cols = _column_map(rows[0])
    if "name" not in cols:
        raise LoadError(path, "roster has no 'name' (单位名称) column in its header row")
    known = set(cols.values())
    extra = [(i, h.strip()) for i, h in enumerate(rows[0]) if i not in known and h.strip()]
    out = []
    for n, r in enumerate(rows[1:], start=2):
        rec = {k: (r[i].strip() if i < len(r) else "") for k, i in cols.items()}
        if not rec["name"]:
            continue
        for key in ("adviser_from", "adviser_until"):
            v = rec.get(key, "")
            if v and not _DATE.match(v):
                raise LoadError(path, f"line {n}: {key} {v!r} is not a date YYYY-MM-DD")
        rec["_extra"] = {h: r[i].strip() for i, h in extra if i < len(r) and r[i].strip()}
        out.append(rec)
    return out, [h for _, h in extra]


def load_roster(path: Path):
    from fazhi.loaders.pipeline import Loaded

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
    digest = content_hash(path.read_bytes())
    em.add(roster, FZ.contentHash, digest)
    appointments = 0
    for i, rec in enumerate(rows):
        unit = em.agency(rec["name"], kind=rec.get("kind", ""), parent=rec.get("parent", ""))
        em.add(unit, RDF.type, FZ.RosterUnit)
        em.add(unit, FZ.inRoster, roster)
        for h, v in rec["_extra"].items():
            em.add(unit, FZ.extraProperty, Literal(f"{h}={v}"))
        if rec.get("legal_adviser"):
            appt = fact_iri(graph, "adviser", i)
            em.add(appt, RDF.type, FZ.AdviserAppointment)
            em.add(appt, FZ.unit, unit)
            em.add(appt, FZ.adviserName, rec["legal_adviser"])
            em.add(appt, RDFS.label, rec["legal_adviser"])
            em.add(appt, FZ.termStart, date_lit(rec["adviser_from"]) if rec.get("adviser_from") else None)
            em.add(appt, FZ.termEnd, date_lit(rec["adviser_until"]) if rec.get("adviser_until") else None)
            em.add(unit, FZ.hasAdviser, appt)
            appointments += 1
    return Loaded(path, graph, em.triples, "roster", {"units": len(rows), "advisers": appointments}, digest)
