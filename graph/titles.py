"""Document titles for the citation table: one title per document that takes part in a link.

Reports word a cited document's title differently, and a document is labelled in every file that names it,
so the one title shown is the smallest of its labels over the whole store (MIN: the same on every store and
join order). Grouping those labels costs ~150-200 ms at 1 M triples, too much to pay before the first row of
every `citations` page; ``link_titles(store)`` computes them once after each ingest that changed the store
and writes ``doc fz:canonicalTitle title`` into ONE derived named graph (``TITLES_GRAPH``) in one atomic
replace, so re-ingesting or changing any file never leaves a stale title.
"""
from __future__ import annotations

from pyoxigraph import NamedNode, Triple

from fazhi.graph.store import Store
from fazhi.ontology.vocab import FZ

TITLES_GRAPH = NamedNode("https://w3id.org/fazhi/derived/titles")

TITLES = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?doc (MIN(?label) AS ?title) WHERE {
  { SELECT DISTINCT ?doc WHERE {
      { ?doc eli:cites|fz:implements|eli:based_on|fz:promulgates [] }
      UNION { [] eli:cites|fz:implements|eli:based_on|fz:promulgates ?doc }
  } }
  ?doc rdfs:label ?label
}
GROUP BY ?doc
"""


def title_triples(store: Store) -> list[Triple]:
    """``doc fz:canonicalTitle title`` for every document that cites, implements, is based on or promulgates
    another, or is so linked to, and has a label."""
    return [Triple(doc, FZ.canonicalTitle, title)
            for doc, title in store.select(TITLES, limit=10**7, timeout=600).rows if title is not None]


def link_titles(store: Store) -> int:
    """Recompute the derived titles graph from the whole store (one atomic replace); returns titles written."""
    triples = title_triples(store)
    if triples or store.ask(f"ASK {{ GRAPH <{TITLES_GRAPH.value}> {{ ?s ?p ?o }} }}"):
        store.replace_graph(TITLES_GRAPH, triples)
    return len(triples)
