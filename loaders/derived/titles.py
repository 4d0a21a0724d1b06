"""Document titles for the citation table: one title per document that takes part in a link.

Reports word a cited document's title differently, and a document is labelled in every file that names it,
so the one title shown is the smallest of its labels over the whole store (MIN: the same on every store and
join order; of STR(label): Virtuoso's MIN over stored strings is not the code-point order). Grouping those labels costs ~150-200 ms at 1 M triples, too much to pay before the first row of
every `citations` page; ``link_titles(store)`` computes them once after each ingest that changed the store
and writes ``doc fz:canonicalTitle title`` into ONE derived named graph (``TITLES_GRAPH``) in one
transaction, so re-ingesting or changing any file never leaves a stale title; after a run that only added
files, ``link_titles(store, added)`` recomputes the titles of the documents those files link or label.
"""
from __future__ import annotations

from pyoxigraph import NamedNode, Triple

from fazhi.graph.storebase import Store, select_in_chunks
from fazhi.ontology.vocab import FZ

TITLES_GRAPH = NamedNode("https://w3id.org/fazhi/derived/titles")

TITLES = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?doc (MIN(STR(?label)) AS ?title) WHERE {
  { SELECT DISTINCT ?doc WHERE {
      %s
      { ?doc eli:cites|fz:implements|eli:based_on|fz:promulgates [] }
      UNION { [] eli:cites|fz:implements|eli:based_on|fz:promulgates ?doc }
  } }
  ?doc rdfs:label ?label
}
GROUP BY ?doc
"""
# the documents whose title new source graphs can change: those they link or label
TOUCHED = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?doc WHERE {
  VALUES ?g { %s }
  GRAPH ?g {
    { ?doc eli:cites|fz:implements|eli:based_on|fz:promulgates [] }
    UNION { [] eli:cites|fz:implements|eli:based_on|fz:promulgates ?doc }
    UNION { ?doc a fz:Document ; rdfs:label [] }
    UNION { ?doc a fz:Report ; rdfs:label [] }
  }
}
"""


def title_triples(store: Store, docs: list | None = None) -> list[Triple]:
    """``doc fz:canonicalTitle title`` for every document that cites, implements, is based on or promulgates
    another, or is so linked to, and has a label (with ``docs``: for those documents only)."""
    if docs is None:
        rows = store.select(TITLES % "", limit=10**7, timeout=600).rows
    else:
        rows = select_in_chunks(store, TITLES % "VALUES ?doc { %s }", list(map(str, docs)))
    return [Triple(doc, FZ.canonicalTitle, title) for doc, title in rows if title is not None]


def touched_documents(store: Store, graphs: list[str]) -> list:
    """The documents the given source graphs link or label."""
    return list(dict.fromkeys(doc for (doc,) in select_in_chunks(store, TOUCHED, [f"<{g}>" for g in graphs])))


def link_titles(store: Store, added: list[str] | None = None) -> int:
    """Recompute the derived titles graph from the whole store (its difference written in one transaction);
    returns the titles.

    ``added``: the run only added these source graphs to a store whose titles were up to date. Only the
    documents they link or label can get a new (smaller) title or their first: those titles are recomputed
    and swapped for the old ones in one transaction.
    """
    if added is not None:
        docs = touched_documents(store, added)
        if not docs:
            return 0
        new = title_triples(store, docs)
        old = [Triple(d, FZ.canonicalTitle, t) for d, t in select_in_chunks(
            store, f"SELECT ?d ?t WHERE {{ VALUES ?d {{ %s }} GRAPH <{TITLES_GRAPH.value}> "
                   f"{{ ?d <{FZ.canonicalTitle.value}> ?t }} }}", list(map(str, docs)))]
        keep, had = set(new), set(old)
        store.change_graph(TITLES_GRAPH, remove=[t for t in old if t not in keep],
                           add=[t for t in new if t not in had])
        return len(new)
    triples = title_triples(store)
    store.set_graph(TITLES_GRAPH, triples)
    return len(triples)
