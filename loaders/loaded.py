"""What one file gave (a report or a roster): the named graph its triples go into, the triples as N-Triples
lines, and the counts its summary line shows. The readers of each kind of file return one; ingest writes it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Triple, parse


@dataclass
class Loaded:
    """What one file gave: the named graph it goes into, its triples, and a one-line summary."""
    path: Path
    graph: NamedNode
    ntriples: list[str]            # the triples as N-Triples lines (what the bulk path writes)
    kind: str                      # report or roster
    counts: dict = field(default_factory=dict)
    content_hash: str = ""

    @property
    def triples(self) -> list[Triple]:
        """The triples as pyoxigraph objects (parsed from ``ntriples`` at each call)."""
        return [q.triple for q in parse("".join(self.ntriples), format=RdfFormat.N_TRIPLES)]

    def summary(self) -> str:
        parts = ", ".join(f"{v} {k}" for k, v in self.counts.items() if v)
        return f"{self.path}: {self.kind}, {len(self.ntriples)} triples" + (f" ({parts})" if parts else "")
