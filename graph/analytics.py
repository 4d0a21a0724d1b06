"""networkx views of the graph: neighbourhoods, paths between nodes, centrality, GraphML export."""
from __future__ import annotations

from typing import BinaryIO, Iterable

import networkx as nx
import pyoxigraph as ox
from fazhi.ontology.vocab import PREFIXES, RDF, RDFS, SKOS

LABELS = {RDFS.label.value, SKOS.prefLabel.value}


def short(iri: str) -> str:
    """A prefixed name for an IRI when one of the project's prefixes fits.

    >>> short("http://www.w3.org/ns/org#subOrganizationOf")
    'org:subOrganizationOf'
    """
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


def to_networkx(quads: Iterable) -> nx.MultiDiGraph:
    """A directed multigraph: resources are nodes (with label and class), links are edges (with predicate).

    Literal-valued properties other than labels become node attributes, so GraphML opens cleanly in Gephi.
    """
    g = nx.MultiDiGraph()
    seen = set()
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        sid = s.value
        g.add_node(sid)
        if isinstance(o, ox.Literal):
            if p.value in LABELS:
                g.nodes[sid].setdefault("label", o.value)
            elif len(o.value) < 500:
                g.nodes[sid][short(p.value)] = o.value
        elif p == RDF.type:
            g.nodes[sid]["class"] = short(o.value)
        else:
            g.add_edge(sid, o.value, predicate=short(p.value))
            g.nodes[o.value].setdefault("label", o.value)
    for n, data in g.nodes(data=True):
        data.setdefault("label", n)
        data.setdefault("class", "")
    return g


def write_graphml(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    nx.write_graphml(g, out, encoding="utf-8")


def neighbourhood(g: nx.MultiDiGraph, node: str, radius: int = 1, max_nodes: int = 50) -> nx.MultiDiGraph:
    """The subgraph within ``radius`` links of ``node`` (either direction), at most ``max_nodes`` nodes."""
    und = g.to_undirected(as_view=True)
    lengths = nx.single_source_shortest_path_length(und, node, cutoff=radius)
    keep = sorted(lengths, key=lambda n: (lengths[n], n))[:max_nodes]
    return g.subgraph(keep).copy()


def centrality(g: nx.MultiDiGraph, top: int = 20) -> list[tuple[str, float]]:
    """The most central nodes by PageRank over the link structure."""
    pr = nx.pagerank(nx.DiGraph(g)) if g.number_of_nodes() else {}
    return sorted(pr.items(), key=lambda kv: -kv[1])[:top]
