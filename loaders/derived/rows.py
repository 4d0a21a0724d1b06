"""The rows of the `agencies` and `documents` tables, computed once after each ingest instead of at every page.

Both tables group the whole store (an agency's kinds, levels, parents…; a document's numbers, issuers,
dates…, each deduplicated over the copies a triple has in every graph holding it): 1.3 s and 0.3 s at 1 M
triples before the first row, since a GROUP BY gives nothing until it has read everything. ``link_rows``
computes them with the queries below (what the named queries computed themselves before) and writes each
result row as a node of ONE derived named graph (``ROWS_GRAPH``), one triple per cell::

    row fz:rowAgency agency ; fz:rowName name ; fz:rowKind "k1;k2" ; fz:rowLevel "county" ; …

The predicate of a column is ``fz:row`` + the column in camel case (``parent_name`` → ``fz:rowParentName``).
A joined column (GROUP_CONCAT) holds its parts in code-point order (what ``sort_joined`` makes of it on every
store); a cell that joins nothing ("" in the table) or is unbound has no triple (most agencies are housed in
nothing: 2 of the 9 cells of each row). The named queries read these nodes without grouping anything.

Written whole (its difference, in one transaction) or, after a run that only added files, for the agencies
and documents those files name or label: their rows are swapped for the new ones in one transaction.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Triple

from fazhi.graph.results import Results, sort_joined
from fazhi.graph.storebase import Store, select_in_chunks
from fazhi.ontology.ids import row_iri
from fazhi.ontology.vocab import FZ

ROWS_GRAPH = NamedNode("https://w3id.org/fazhi/derived/rows")
CHUNK = 400   # keys per VALUES block
_SLOT = re.compile(r"\{values(?: (\?\w+): ([^{}]*))?\}")

# {values}: nothing for the whole store, or a VALUES block of the agencies to compute; {values ?VAR: PATTERN}:
# nothing, or the distinct ?VAR the pattern gives under that block (the names of the bodies those agencies
# name, not of every body; once each, not once per graph naming them).
# Each property in its own DISTINCT subquery: a national body named by every report has its triples once
# per report graph in the union, and OPTIONAL joins would multiply those copies before GROUP BY (its type and
# name, joined before DISTINCT, made 338,000 rows for 36 agencies at 1 M triples: 200 copies of each).
AGENCIES = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?agency ?name (GROUP_CONCAT(DISTINCT ?k; separator=";") AS ?kind)
       (GROUP_CONCAT(DISTINCT ?l; separator=";") AS ?level)
       (GROUP_CONCAT(DISTINCT STR(?p); separator=";") AS ?parent)
       (GROUP_CONCAT(DISTINCT ?pn; separator=";") AS ?parent_name)
       (GROUP_CONCAT(DISTINCT STR(?j); separator=";") AS ?jurisdiction)
       (GROUP_CONCAT(DISTINCT STR(?h); separator=";") AS ?housed_in)
       (GROUP_CONCAT(DISTINCT ?hn; separator=";") AS ?housed_in_name)
WHERE {
  { SELECT DISTINCT ?agency ?name WHERE {
      { SELECT DISTINCT ?agency WHERE { {values} ?agency a fz:Agency } } ?agency skos:prefLabel ?name } }
  OPTIONAL { SELECT DISTINCT ?agency ?k WHERE { {values} ?agency fz:kind ?k } }
  OPTIONAL { SELECT DISTINCT ?agency ?l WHERE { {values} ?agency fz:level ?l } }
  OPTIONAL {
    { SELECT DISTINCT ?agency ?p WHERE { {values} ?agency org:subOrganizationOf ?p } }
    OPTIONAL { SELECT DISTINCT ?p ?pn WHERE { {values ?p: ?agency org:subOrganizationOf ?p} ?p skos:prefLabel ?pn } }
  }
  OPTIONAL { SELECT DISTINCT ?agency ?j WHERE { {values} ?agency fz:jurisdiction ?j } }
  OPTIONAL {
    { SELECT DISTINCT ?agency ?h WHERE { {values} ?agency fz:housedIn ?h } }
    OPTIONAL { SELECT DISTINCT ?h ?hn WHERE { {values ?h: ?agency fz:housedIn ?h} ?h skos:prefLabel ?hn } }
  }
}
GROUP BY ?agency ?name
"""
# the agencies whose row new source graphs can change: those they type, name or describe, and those whose
# parent or host body they name
AGENCIES_TOUCHED = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?agency WHERE {
  VALUES ?g { %s }
  { GRAPH ?g { ?agency a fz:Agency } }
  UNION { GRAPH ?g { ?agency skos:prefLabel|fz:kind|fz:level|org:subOrganizationOf|fz:jurisdiction|fz:housedIn [] } }
  UNION { GRAPH ?g { ?body skos:prefLabel [] } ?agency org:subOrganizationOf|fz:housedIn ?body }
}
"""
# title: each printing (skos:altLabel: the title as one report printed it, the short form 审计法 included); a
# document no report printed a title for (cited by number only) has one row, titled by eli:title when it has
# one. full_title keeps the resolved official name (中华人民共和国审计法). Of two dates for one document, the
# latest string is the most precise when they agree (2021 < 2021-08). A document given two titles shows the
# smallest: MIN is the same on every store and whatever the join order, SAMPLE is not. Of two printings of its
# number, the largest string: 〔〕 (U+3014) sorts after 【】, () and [], so the official brackets win. MIN/MAX
# of STR(...): Virtuoso compares stored strings in its own order otherwise, and cannot compile
# COALESCE(MIN(?a), MIN(?t)); ?printed is a group key, so COALESCE inside MIN gives the printing when there is
# one. label: what a reader calls the document; a report without a title line by its issuer and period (its
# rdfs:label, given at ingest), not in title, which stays what the text prints.
DOCUMENTS = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document (MIN(STR(COALESCE(?printed, ?a, ?t))) AS ?title) (MAX(STR(?n)) AS ?number)
       (GROUP_CONCAT(DISTINCT ?k; separator=";") AS ?kind)
       (GROUP_CONCAT(DISTINCT STR(?i); separator=";") AS ?issuer)
       (GROUP_CONCAT(DISTINCT ?iname; separator=";") AS ?issuer_name)
       (MAX(STR(?d)) AS ?date) (MIN(STR(?t)) AS ?full_title) (MIN(STR(COALESCE(?printed, ?a, ?t, ?rl))) AS ?label)
WHERE {
  { SELECT DISTINCT ?document WHERE { {values} VALUES ?class { fz:Document fz:Report } ?document a ?class } }
  OPTIONAL { SELECT DISTINCT ?document ?printed WHERE { {values} ?document skos:altLabel ?printed } }
  OPTIONAL { SELECT DISTINCT ?document ?t WHERE { {values} ?document eli:title ?t } }
  OPTIONAL { SELECT DISTINCT ?document ?a WHERE { {values} ?document fz:abbreviation ?a } }
  OPTIONAL { SELECT DISTINCT ?document ?rl WHERE { {values} ?document a fz:Report ; rdfs:label ?rl } }
  OPTIONAL { SELECT DISTINCT ?document ?n WHERE { {values} ?document eli:id_local ?n } }
  OPTIONAL { SELECT DISTINCT ?document ?k WHERE { {values} ?document fz:documentKind ?k } }
  OPTIONAL {
    { SELECT DISTINCT ?document ?i WHERE { {values} ?document eli:passed_by ?i } }
    OPTIONAL { SELECT DISTINCT ?i ?iname WHERE { {values ?i: ?document eli:passed_by ?i} ?i skos:prefLabel ?iname } }
  }
  OPTIONAL { SELECT DISTINCT ?document ?d WHERE { {values} ?document eli:date_document ?d } }
}
GROUP BY ?document ?printed
"""
# the documents whose rows new source graphs can change: those they type or describe, and those whose issuer
# they name
DOCUMENTS_TOUCHED = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?document WHERE {
  VALUES ?g { %s }
  { VALUES ?class { fz:Document fz:Report } GRAPH ?g { ?document a ?class } }
  UNION { GRAPH ?g { ?document skos:altLabel|eli:title|fz:abbreviation|eli:id_local|fz:documentKind|eli:passed_by|eli:date_document [] } }
  UNION { GRAPH ?g { ?document rdfs:label [] } ?document a fz:Report }
  UNION { GRAPH ?g { ?issuer skos:prefLabel [] } ?document eli:passed_by ?issuer }
}
"""


@dataclass(frozen=True)
class Table:
    """A named query's table whose rows are precomputed: its columns (the first, the key the rows are
    recomputed by), the query computing them and the one finding the keys new source graphs touch."""
    name: str
    columns: tuple[str, ...]
    query: str
    touched: str

    def cell(self, column: str) -> NamedNode:
        """The predicate of a column's cells: ``fz:row`` + the column in camel case."""
        return getattr(FZ, "row" + "".join(w.capitalize() for w in column.split("_")))


TABLES = (Table("agencies", ("agency", "name", "kind", "level", "parent", "parent_name", "jurisdiction",
                             "housed_in", "housed_in_name"), AGENCIES, AGENCIES_TOUCHED),
          Table("documents", ("document", "title", "number", "kind", "issuer", "issuer_name", "date", "full_title",
                              "label"), DOCUMENTS, DOCUMENTS_TOUCHED))
JOINED = {"kind": ";", "level": ";", "parent": ";", "parent_name": ";", "jurisdiction": ";", "housed_in": ";",
          "housed_in_name": ";", "issuer": ";", "issuer_name": ";"}


def table_rows(store: Store, table: Table, keys: list | None = None) -> Results:
    """The table's rows over the whole store (with ``keys``: the rows of those keys only), joined cells in
    code-point order and "" where nothing was joined."""
    if keys is None:
        return sort_joined(store.select(_narrowed(table.query, ""), limit=10**7, timeout=600), JOINED)
    rows: list[tuple] = []
    for i in range(0, len(keys), CHUNK):
        values = f"VALUES ?{table.columns[0]} {{ {' '.join(map(str, keys[i:i + CHUNK]))} }}"
        rows += store.select(_narrowed(table.query, values), limit=10**7, timeout=600).rows
    return sort_joined(Results(list(table.columns), rows), JOINED)


def _narrowed(query: str, values: str) -> str:
    """The query with its ``{values}`` and ``{values ?VAR: PATTERN}`` slots filled: with nothing when ``values``
    is "" (the whole store), else with the VALUES block (and the distinct ?VAR of the pattern under it)."""
    def fill(m: re.Match) -> str:
        if not values:
            return ""
        return f"{{ SELECT DISTINCT {m.group(1)} WHERE {{ {values} {m.group(2)} }} }}" if m.group(1) else values
    return _SLOT.sub(fill, query)


def row_triples(table: Table, results: Results) -> list[Triple]:
    """Each row as a node with one triple per cell that is neither unbound nor "" (the IRI from its cells: the
    same rows, the same nodes)."""
    preds = [table.cell(c) for c in results.columns]
    seen: Counter = Counter()
    out: list[Triple] = []
    for row in results.rows:
        cells = tuple("" if t is None else str(t) for t in row)
        node = row_iri(table.name, cells, seen[cells])
        seen[cells] += 1
        out += [Triple(node, p, t) for p, t in zip(preds, row) if t is not None and not (
            t.value == "" and isinstance(t, Literal))]
    return out


def link_rows(store: Store, added: list[str] | None = None) -> int:
    """Recompute the derived rows graph from the whole store (its difference written in one transaction);
    returns the rows written.

    ``added``: the run only added these source graphs to a store whose rows were up to date. Only the agencies
    and documents they touch can get another row: those rows are recomputed and swapped for the old ones in
    one transaction.
    """
    if added is None:
        results = [(t, table_rows(store, t)) for t in TABLES]
        store.set_graph(ROWS_GRAPH, [tr for t, r in results for tr in row_triples(t, r)])
        return sum(len(r.rows) for _, r in results)
    remove: list[Triple] = []
    add: list[Triple] = []
    count = 0
    for table in TABLES:
        keys = list(dict.fromkeys(k for (k,) in select_in_chunks(store, table.touched, [f"<{g}>" for g in added])))
        if not keys:
            continue
        res = table_rows(store, table, keys)
        count += len(res.rows)
        add += row_triples(table, res)
        remove += _old_rows(store, table, keys)
    if remove or add:
        keep, had = set(add), set(remove)
        store.change_graph(ROWS_GRAPH, remove=[t for t in remove if t not in keep], add=[t for t in add if t not in had])
    return count


def _old_rows(store: Store, table: Table, keys: list) -> list[Triple]:
    """The triples of the rows the rows graph holds for these keys."""
    key = table.cell(table.columns[0])
    query = (f"SELECT ?row ?p ?o WHERE {{ VALUES ?k {{ %s }} GRAPH <{ROWS_GRAPH.value}> "
             f"{{ ?row <{key.value}> ?k ; ?p ?o }} }}")
    return [Triple(r, p, o) for r, p, o in select_in_chunks(store, query, list(map(str, keys)))]

