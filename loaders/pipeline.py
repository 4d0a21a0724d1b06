"""The report pipeline: read → normalise → strip chrome → structure → the report's reading of itself (metadata,
jurisdiction, issuer, resolver) → extractors → triples.

Each step is a plain function over a ``ReportDoc``; the reading (``extract.reading.read_context``) is set once and
frozen; extractors (``fazhi.loaders.extract``) append facts to ``doc.facts``, and the spans of what each appended
become its claims (``doc.claims``), which the steps after it may skip. ``load_file`` picks the pipeline by file type and returns the source's graph and
triples; it writes nothing (the caller puts them in a store).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pyoxigraph import NamedNode

from fazhi.graph.errors import LoadError
from fazhi.loaders.emit import emit_report
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.extract.claims import Claims
from fazhi.loaders.extract.docnames import own_key
from fazhi.loaders.extract.places import Chain
from fazhi.loaders.extract.reading import Reading
from fazhi.loaders.facts import ReportMeta
from fazhi.loaders.formats import read_report_text
from fazhi.loaders.kinds import EXTRACTORS, KINDS, Facts
from fazhi.loaders.ledger import is_ledger_header, load_ledger
from fazhi.loaders.loaded import Loaded
from fazhi.loaders.readers import REPORT_SUFFIXES, TABLE_SUFFIXES
from fazhi.loaders.roster import is_roster_header, load_roster
from fazhi.loaders.sources import side_metadata, source_hash
from fazhi.loaders.structure import Structure, read_structure, strip_chrome
from fazhi.loaders.tables import find_header, read_table
from fazhi.loaders.text import NormText, looks_traditional, normalize, to_simplified
from fazhi.ontology.ids import document_iri, source_graph


@dataclass
class ReportDoc:
    """One report on its way through the pipeline: its text, read by the first steps; its reading of itself (set
    once by ``extract.reading.read_context``, frozen); the facts the extractors append."""
    path: Path
    raw: str
    norm: NormText | None = None
    simple: str = ""               # simplified-Chinese view of norm.text, same offsets
    traditional: bool = False
    structure: Structure | None = None
    format_meta: dict = field(default_factory=dict)
    reading: Reading = field(default_factory=Reading)
    facts: Facts = field(default_factory=Facts)
    claims: Claims = field(default_factory=Claims)     # spans earlier steps claimed, by kind (extract/claims.py)

    @property
    def text(self) -> str:
        return self.norm.text if self.norm else ""

    @property
    def meta(self) -> ReportMeta:
        """The report's metadata, finished (``Reading.meta``)."""
        return self.reading.meta

    @property
    def chain(self) -> Chain:
        """The report's jurisdiction (``Reading.chain``: province, city, county, township, home level)."""
        return self.reading.chain

    def resolve(self, mention: str) -> str:
        """A body's mention → its canonical name in this report (``Reading.resolve``: 县司法局 → 上蔡县司法局)."""
        return self.reading.resolve(mention)


Step = Callable[[ReportDoc], None]


def step_normalise(doc: ReportDoc) -> None:
    doc.norm = strip_chrome(normalize(doc.raw))
    if not doc.norm.text.strip():
        raise LoadError(doc.path, "no text left after removing page navigation")
    doc.traditional = looks_traditional(doc.norm.text)
    doc.simple = to_simplified(doc.norm.text) if doc.traditional else doc.norm.text


def step_structure(doc: ReportDoc) -> None:
    # structure is read on the simplified view so traditional reports find the same keywords
    doc.structure = read_structure(doc.simple)


def extractor_steps() -> list[Step]:
    return list(EXTRACTORS)


def report_steps() -> list[Step]:
    return [step_normalise, step_structure, *extractor_steps()]


def read_report(path: Path, raw: str | None = None, format_meta: dict | None = None,
                data: bytes | None = None) -> ReportDoc:
    """Run the whole report pipeline on one file (or on ``raw`` text standing for it; ``data``: the file's
    bytes when already read)."""
    if raw is None:
        raw, format_meta = read_report_text(path, data)
    format_meta = with_side_metadata(path, dict(format_meta or {}))
    doc = ReportDoc(path=path, raw=raw, format_meta=format_meta)
    for step in report_steps():
        try:
            step(doc)
            publish_claims(doc)
        except LoadError:
            raise
        except Exception as e:  # a bug met on odd input: name the file and step, keep the run going
            if os.environ.get("FAZHI_DEBUG"):
                raise
            name = getattr(step, "__name__", "a step")
            raise LoadError(path, f"internal error in {name} ({type(e).__name__}: {e}); "
                                  f"set FAZHI_DEBUG=1 for a traceback and report it") from e
    return doc


def publish_claims(doc: ReportDoc) -> None:
    """After a step: the evidence spans of the records it appended become its kinds' claims (``extract.claims``),
    which the steps after it may skip."""
    for kind in KINDS:
        doc.claims.publish_new(kind.field, getattr(doc.facts, kind.field))


def with_side_metadata(path: Path, format_meta: dict) -> dict:
    """Add what the folder's manifest says (loaders.sources): the page's URL when the file itself gave none,
    and the collector's issuer as ``issuer_hint`` (the report's place when the text never names it; the
    report's issuer only where the text speaks for itself: 我局, 分局)."""
    side = side_metadata(path)
    if side.get("url") and not format_meta.get("url"):
        format_meta["url"] = side["url"]
    if side.get("issuer"):
        format_meta["issuer_hint"] = side["issuer"]
    return format_meta


def report_iri(meta: ReportMeta, fallback: str) -> NamedNode:
    """A report is a document: by its number, else its title, else the file's content hash."""
    if meta.number or meta.title:
        return document_iri(own_key(meta))
    return document_iri("t:report-" + fallback[:16])


def load_report(path: Path) -> Loaded:
    path = Path(path)
    data = path.read_bytes() if path.is_file() else None  # read once: hashed here, decoded in read_report
    data_hash = source_hash(path, data) if data is not None else ""
    doc = read_report(path, data=data)
    iri = report_iri(doc.meta, data_hash)
    em = Emitter(iri, doc.text, doc.simple)
    emit_report(em, doc.meta, doc.facts, source_file=str(path), content_hash=data_hash, text=doc.text,
                source_url=doc.format_meta.get("url", ""))
    graph = source_graph(str(path.resolve()))
    return Loaded(path, graph, em.lines, "report", doc.facts.counts(), data_hash)


def load_file(path: str | Path) -> Loaded:
    """Read one file (report, roster or case ledger) into the triples of its named graph; raises LoadError only."""
    path = Path(path)
    try:
        return _load_file(path)
    except LoadError:
        raise
    except Exception as e:  # a bug met on odd input: one error line for this file, the run goes on
        if os.environ.get("FAZHI_DEBUG"):
            raise
        raise LoadError(path, f"internal error ({type(e).__name__}: {e}); set FAZHI_DEBUG=1 for a traceback "
                              f"and report it") from e


def _load_file(path: Path) -> Loaded:
    suffix = path.suffix.lower()
    if not path.exists():
        raise LoadError(path, "no such file")
    if suffix in TABLE_SUFFIXES:
        return load_table(path)
    if suffix in REPORT_SUFFIXES:
        return load_report(path)
    raise LoadError(path, f"unsupported file type {suffix or '(none)'}; fazhi reads "
                          f"{', '.join(REPORT_SUFFIXES + TABLE_SUFFIXES)}")


def load_table(path: Path) -> Loaded:
    """A CSV file or workbook: a case ledger when a header in its first rows names 案号 / case_number, else
    a roster (whose loader says what its header lacks); a workbook that is neither is refused."""
    table = read_table(path, lambda cells: is_ledger_header(cells) or is_roster_header(cells))
    if find_header(table, is_ledger_header) is not None:
        return load_ledger(path, table)
    if table.workbook and not (table.rows and is_roster_header(table.rows[0][1])):
        raise LoadError(path, "no sheet of this workbook is a case ledger (a header naming 案号 / case_number) "
                              "or a roster (a first row naming 单位名称 / name)")
    return load_roster(path, table)


def expand_paths(paths) -> list[Path]:
    """Files named, and the readable files inside folders named (recursively, sorted)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            # (~$name.xlsx: the lock file a spreadsheet program keeps beside an open workbook)
            out += sorted(f for f in p.rglob("*") if f.is_file()
                          and f.suffix.lower() in REPORT_SUFFIXES + TABLE_SUFFIXES and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out
