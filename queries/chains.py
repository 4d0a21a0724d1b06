"""Obligation chains as networkx graphs: who carries out what, the paths between two nodes, GraphML.

Every chain link is read from the store once and oriented downwards, from the higher node to the one that
carries it out (中发 notice → 豫发 notice that implements it → report; document → obligation it states →
bearer). Each edge keeps the link as stored (subject, predicate, object) and the passage it was read from.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import BinaryIO

import networkx as nx
from pyoxigraph import Literal

from fazhi.graph.errors import BadParameter
from fazhi.graph.store import Store
from fazhi.queries import resolve_document

FZ = "https://w3id.org/fazhi/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"

# predicate → (downward name, upward name, True when the stored link already points downwards)
LINKS = {
    FZ + "implements": ("implemented-by", "implements", False),
    ELI + "based_on": ("basis-of", "based-on", False),
    FZ + "promulgates": ("promulgates", "promulgated-by", True),
    ELI + "cites": ("cited-by", "cites", False),
    FZ + "derivedFrom": ("carried-out-by", "derived-from", False),
    FZ + "sourceDocument": ("states-duty", "stated-in", False),
    FZ + "bearer": ("borne-by", "bears", True),
    FZ + "leadUnit": ("led-by", "leads", True),
    FZ + "fulfils": ("fulfilled-by", "fulfils", False),
}

# Each link's evidence: the lower end as named in a report that also names the upper end (kind 1), failing
# that the upper end as named in the lower one (kind 2); the smallest passage of the first kind there is and the
# smallest report of that kind (MIN of kind+value). Both ends are bound inside the one grouped OPTIONAL, and
# labels are the smallest as strings: the same graph on Virtuoso, which evaluates an EXISTS in an OPTIONAL's
# FILTER without the variables bound outside it, loses rows of a second OPTIONAL, and orders stored strings
# its own way (and SAMPLE differs between stores).
_LINKS = " ".join(f"<{p}>" for p in LINKS)
_EVIDENCE = f"""
  {{ VALUES ?p {{ {_LINKS} }} ?s ?p ?o . ?s fz:evidence ?e . ?e oa:hasSource ?src ; oa:hasSelector/oa:exact ?q .
    BIND (1 AS ?kind) FILTER (?src != ?s && (?src = ?o || EXISTS {{ ?o fz:evidence/oa:hasSource ?src }}
                                             || EXISTS {{ ?s fz:reportedIn ?src }})) }}
  UNION {{ VALUES ?p {{ {_LINKS} }} ?s ?p ?o . ?o fz:evidence ?e . ?e oa:hasSource ?src ; oa:hasSelector/oa:exact ?q .
    BIND (2 AS ?kind) FILTER (?src != ?o && (?src = ?s || EXISTS {{ ?s fz:evidence/oa:hasSource ?src }})) }}"""
_EDGES = f"""
SELECT ?s ?p ?o (SAMPLE(?ev) AS ?evidence) (SAMPLE(?evr) AS ?report) WHERE {{
  VALUES ?p {{ {_LINKS} }}
  ?s ?p ?o .
  OPTIONAL {{
    SELECT ?s ?p ?o (MIN(CONCAT(STR(?kind), STR(?q))) AS ?passage) (MIN(CONCAT(STR(?kind), STR(?src))) AS ?source)
    WHERE {{ {_EVIDENCE} }} GROUP BY ?s ?p ?o
  }}
  BIND (SUBSTR(?passage, 2) AS ?ev)
  BIND (IRI(SUBSTR(?source, 2)) AS ?evr)
  FILTER (isIRI(?o))
}} GROUP BY ?s ?p ?o
"""

_NODES = f"""
SELECT ?n (MIN(STR(?l)) AS ?label) (MIN(STR(?c)) AS ?class) (MAX(STR(?no)) AS ?number) WHERE {{
  {{ ?n ?p ?x }} UNION {{ ?x ?p ?n }}
  VALUES ?p {{ {_LINKS} }}
  FILTER (isIRI(?n))
  OPTIONAL {{ ?n skos:prefLabel|rdfs:label ?l }}
  OPTIONAL {{ ?n a ?c }}
  OPTIONAL {{ ?n eli:id_local ?no }}
}} GROUP BY ?n
"""


@dataclass
class Hop:
    """One step of a path: from → to, by ``relation`` (named in the direction walked), with its evidence."""
    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    evidence: str
    report: str
    direction: str                 # "down" (towards who carries it out) or "up"


def _v(term) -> str:
    return "" if term is None else term.value


def chain_graph(store: Store) -> nx.MultiDiGraph:
    """Every chain link in the store as a downward-oriented MultiDiGraph (nodes: label, class, number)."""
    g = nx.MultiDiGraph()
    for n, label, cls, number in store.select(_NODES, limit=10**7).rows:
        short = _v(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        g.add_node(n.value, label=_v(label) or n.value, kind=short, number=_v(number))
    for s, p, o, evidence, report in store.select(_EDGES, limit=10**7).rows:
        down, up, points_down = LINKS[p.value]
        hi, lo = (s.value, o.value) if points_down else (o.value, s.value)
        for n in (hi, lo):
            if n not in g:
                g.add_node(n, label=n, kind="", number="")
        g.add_edge(hi, lo, key=p.value, relation=down, up_relation=up, predicate=p.value,
                   evidence=_v(evidence), report=_v(report))
    return g


def chain_of(g: nx.MultiDiGraph, node: str) -> nx.MultiDiGraph:
    """The chain through ``node``: what it carries out (upwards) and what carries it out (downwards)."""
    if node not in g:
        return nx.MultiDiGraph()
    keep = {node} | nx.ancestors(g, node) | nx.descendants(g, node)
    return g.subgraph(keep).copy()


def _hops(g: nx.MultiDiGraph, path: list[str]) -> list[Hop]:
    out = []
    for a, b in zip(path, path[1:]):
        if g.has_edge(a, b):
            data, direction = min(g.get_edge_data(a, b).values(), key=lambda d: d["relation"]), "down"
            rel = data["relation"]
        else:
            data, direction = min(g.get_edge_data(b, a).values(), key=lambda d: d["relation"]), "up"
            rel = data["up_relation"]
        out.append(Hop(a, g.nodes[a].get("label", a), rel, b, g.nodes[b].get("label", b), data["evidence"],
                       data["report"], direction))
    return out


def node_iri(store: Store, value: str) -> str:
    """A node given as IRI, document number or title, or an agency's name → its IRI ('' when unknown)."""
    if re.fullmatch(r"https?://\S+|urn:\S+", value):
        return value
    try:
        return resolve_document(value, store).value
    except BadParameter:
        pass
    r = store.select("SELECT ?n WHERE { ?n skos:prefLabel|rdfs:label ?name } ORDER BY ?n LIMIT 1",
                     {"name": Literal(value)})
    return r.rows[0][0].value if r.rows else ""


def trace_paths(store_or_graph, source: str, target: str, *, max_hops: int = 6, limit: int = 20,
                directed: bool = False) -> list[list[Hop]]:
    """The paths (shortest first, at most ``limit``) between two nodes given as IRIs, with each hop's evidence.

    ``directed=True`` keeps to paths that only go down from ``source`` (or only up, if none go down);
    otherwise a path may go up and down (two reports that implement the same notice are linked by it).
    Nodes are IRIs; given a store, a document number, title or agency name also works.
    Returns [] when either node is not in any chain or no path is at most ``max_hops`` long.
    """
    if isinstance(store_or_graph, nx.Graph):
        g = store_or_graph
    else:
        source, target = node_iri(store_or_graph, source), node_iri(store_or_graph, target)
        g = chain_graph(store_or_graph)
    if source not in g or target not in g:
        return []
    if directed:
        view = nx.DiGraph(g)
        found = list(nx.all_simple_paths(view, source, target, cutoff=max_hops)) or \
            list(nx.all_simple_paths(view.reverse(copy=False), source, target, cutoff=max_hops))
    else:
        found = list(nx.all_simple_paths(nx.Graph(g), source, target, cutoff=max_hops))
    found.sort(key=lambda p: (len(p), p))
    return [_hops(g, p) for p in found[:limit]]


def paths_as_rows(paths: list[list[Hop]]) -> list[dict]:
    """Paths as flat dicts (path number, step, and the hop's fields): what a table or CSV shows."""
    return [{"path": i, "step": j, **asdict(h)} for i, p in enumerate(paths, 1) for j, h in enumerate(p, 1)]


def write_chain_graphml(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    """GraphML of a chain for Gephi: node label/kind/number, edge relation/evidence/report (all strings)."""
    clean = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        clean.add_node(n, **{k: str(v) for k, v in d.items() if v is not None})
    for a, b, k, d in g.edges(keys=True, data=True):
        clean.add_edge(a, b, key=k, **{k2: str(v) for k2, v in d.items() if v is not None})
    nx.write_graphml(clean, out, encoding="utf-8")


def document_chain_graphml(store: Store, document: str, out: BinaryIO) -> int:
    """Write the chain through ``document`` (IRI, number or title) as GraphML; returns its number of links."""
    node = resolve_document(document, store).value
    sub = chain_of(chain_graph(store), node)
    write_chain_graphml(sub, out)
    return sub.number_of_edges()
