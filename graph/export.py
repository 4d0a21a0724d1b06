"""Write the graph out: Turtle (all graphs merged), TriG and N-Quads (named graphs kept), JSON-LD, GraphML."""
from __future__ import annotations

import io
from typing import BinaryIO

import pyoxigraph as ox
from fazhi.graph.analytics import to_networkx, write_graphml
from fazhi.graph.store import Store
from fazhi.ontology.vocab import PREFIXES

FORMATS = ("ttl", "trig", "nq", "jsonld", "graphml")


def export(store: Store, fmt: str, out: BinaryIO) -> None:
    """Serialise the whole store to ``out`` in ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        write_graphml(to_networkx(store.quads()), out)
        return
    quads = store.quads()
    if fmt == "ttl":
        seen = set()
        triples = []
        for q in quads:
            t = q.triple
            if t not in seen:
                seen.add(t)
                triples.append(t)
        ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    elif fmt == "trig":
        ox.serialize(quads, out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif fmt == "nq":
        ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    else:
        ox.serialize(quads, out, ox.RdfFormat.JSON_LD)


def export_bytes(store: Store, fmt: str) -> bytes:
    buf = io.BytesIO()
    export(store, fmt, buf)
    return buf.getvalue()
