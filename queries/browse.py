"""Read-side views the app shows: choices for parameter widgets, a node's neighbourhood, the ingested
reports with their facts, the source passage of a fact, statistics across reports for charts.

Plain functions over a ``Store`` returning plain data (lists of dicts), so the Streamlit pages stay thin and
the same views can be tested without a browser. Node IRIs that come from users are checked by pyoxigraph's
``NamedNode`` before they reach any query text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import NamedNode

from fazhi.graph.analytics import short
from fazhi.graph.errors import BadParameter
from fazhi.graph.results import plain
from fazhi.graph.store import Store
from fazhi.ontology.kinds import CLASS_ORDER  # (classes by how much they say about a node)
from fazhi.ontology.vocab import FZ_NS, sparql_prefixes
from fazhi.queries import resolve_document, run_named
from fazhi.queries.chains import chain_graph, chain_of

# Links that are bookkeeping, not meaning: hidden from the neighbourhood view.
HIDDEN_LINKS = ("rdf:type", "fz:evidence", "oa:hasSource", "oa:hasSelector")

LABEL = "COALESCE(?pref, ?lab, ?tit)"
LABEL_PATTERNS = """OPTIONAL { ?x skos:prefLabel ?pref } OPTIONAL { ?x rdfs:label ?lab }
  OPTIONAL { ?x eli:title ?tit }"""


def select(store: Store, query: str, bindings: dict | None = None, **kw):
    """``store.select`` with the project's PREFIX lines in front (remote endpoints know none of them)."""
    return store.select(sparql_prefixes() + query, bindings, **kw)


def node(iri: str) -> NamedNode:
    """A user-given IRI as a term; a malformed one is a BadParameter, never query text.

    >>> node("https://w3id.org/fazhi/id/agency/x").value
    'https://w3id.org/fazhi/id/agency/x'
    """
    try:
        return NamedNode(iri.strip())
    except (ValueError, TypeError):
        raise BadParameter(f"{iri!r} is not an IRI") from None


def values_block(var: str, iris) -> str:
    """``VALUES ?var { <a> <b> }`` from IRIs serialised by pyoxigraph (escaped; cannot break out).

    >>> values_block("x", ["http://a/1"])
    'VALUES ?x { <http://a/1> }'
    """
    return f"VALUES ?{var} {{ {' '.join(str(node(i)) for i in iris)} }}"


def local_name(iri: str) -> str:
    """The readable tail of an IRI, for nodes with no label.

    >>> local_name("https://w3id.org/fazhi/id/agency/上蔡县司法局")
    '上蔡县司法局'
    """
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail or iri


def class_name(classes: str) -> str:
    """The most telling fz: class among ``;``-joined class IRIs (``Other`` when none is ours).

    >>> class_name("http://www.w3.org/ns/org#Organization;https://w3id.org/fazhi/ontology#Agency")
    'Agency'
    """
    names = [c[len(FZ_NS):] for c in classes.split(";") if c.startswith(FZ_NS)]
    for c in CLASS_ORDER:
        if c in names:
            return c
    return names[0] if names else "Other"


def describe(store: Store, iris) -> dict[str, dict]:
    """Label and class of each IRI: ``{iri: {"label": ..., "cls": ...}}`` (every IRI gets an entry; ``labels``)."""
    iris = list(dict.fromkeys(iris))
    names = labels(store, iris)
    classes: dict[str, list[str]] = {}
    # DISTINCT pairs, not a GROUP BY over OPTIONALs: a body named in fifty reports has its class and labels
    # once per report graph, and OPTIONALs multiplied those copies (50³ rows)
    for chunk in (iris[k:k + 500] for k in range(0, len(iris), 500)):
        q = f"SELECT DISTINCT ?x ?c WHERE {{ {values_block('x', chunk)} ?x a ?c }}"
        for x, c in select(store, q, limit=10**6).rows:
            classes.setdefault(x.value, []).append(c.value)
    return {x: {"label": names[x], "cls": class_name(";".join(classes.get(x, [])))} for x in iris}


def labels(store: Store, iris) -> dict[str, str]:
    """The label of each IRI: its smallest skos:prefLabel, else rdfs:label, else eli:title, else the IRI's tail."""
    iris = list(dict.fromkeys(iris))
    best: dict[str, tuple] = {}
    for chunk in (iris[k:k + 500] for k in range(0, len(iris), 500)):
        q = f"""SELECT DISTINCT ?x ?k ?v WHERE {{ {values_block("x", chunk)}
          {{ ?x skos:prefLabel ?v BIND(1 AS ?k) }} UNION {{ ?x rdfs:label ?v BIND(2 AS ?k) }}
          UNION {{ ?x eli:title ?v BIND(3 AS ?k) }} }}"""
        for x, k, v in select(store, q, limit=10**6).rows:
            if (k.value, v.value) < best.get(x.value, ("9", "")):
                best[x.value] = (k.value, v.value)
    return {x: best[x][1] if x in best else local_name(x) for x in iris}


# ---- choices for parameter widgets ---------------------------------------------------------------------

def choices(store: Store, kind: str, limit: int = 2000) -> list[tuple[str, str]]:
    """(IRI, label) pairs a widget can offer: ``document``, ``agency``, ``report``, ``fact`` or ``node``.

    Documents are labelled with their number where they have one; ``node`` is every labelled node.
    """
    patterns = {
        "document": "VALUES ?c { fz:Document fz:Report } ?x a ?c .",
        "report": "?x a fz:Report .",
        "agency": "?x a fz:Agency .",
        "fact": "?x fz:evidence ?ev .",
        "node": "?x rdfs:label|skos:prefLabel ?any .",
    }
    if kind not in patterns:
        raise ValueError(f"unknown kind {kind!r}")
    q = f"""SELECT ?x (SAMPLE(COALESCE(?num, {LABEL})) AS ?label) WHERE {{
      {patterns[kind]} FILTER(isIRI(?x)) OPTIONAL {{ ?x eli:id_local ?num }} {LABEL_PATTERNS}
    }} GROUP BY ?x ORDER BY ?label"""
    return unique_labels([(x.value, plain(label) or local_name(x.value))
                          for x, label in select(store, q, limit=limit).rows])


def unique_labels(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(IRI, label) pairs with every label made distinct: a label two nodes share gets the IRI's path after
    ``/id/`` (or its tail) appended, so a picker that shows labels can still tell the nodes apart.

    >>> ID = "https://w3id.org/fazhi/id/"
    >>> [label for _, label in unique_labels([(ID + "agency/A", "A"), (ID + "fact/f/1", "A"), (ID + "agency/B", "B")])]
    ['A (agency/A)', 'A (fact/f/1)', 'B']
    """
    seen = Counter(label for _, label in pairs)
    out = []
    for iri, label in pairs:
        if seen[label] > 1:
            tail = iri.split("/id/", 1)[1] if "/id/" in iri else local_name(iri)
            label = f"{label} ({tail})"
        out.append((iri, label))
    return out


# ---- neighbourhood ---------------------------------------------------------------------------------------

@dataclass
class View:
    """Nodes and links to draw: nodes ``{id, label, cls}``, edges ``{source, target, predicate}``."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    hidden: int = 0          # neighbours left out by the node bound (what "more" would add)

    def classes(self) -> list[str]:
        return sorted({n["cls"] for n in self.nodes}, key=lambda c: (CLASS_ORDER + (c,)).index(c))


def links_of(store: Store, iri: str, limit: int = 5000) -> list[tuple[str, str, str]]:
    """The IRI-to-IRI links into and out of a node, as (subject, predicate, object), bookkeeping hidden."""
    hidden = ", ".join(HIDDEN_LINKS)
    q = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
      {{ ?n ?p ?o . BIND(?n AS ?s) }} UNION {{ ?s ?p ?n . BIND(?n AS ?o) }}
      FILTER(isIRI(?s) && isIRI(?o) && ?p NOT IN ({hidden}))
    }} ORDER BY ?p ?s ?o"""
    rows = select(store, q, {"n": node(iri)}, limit=limit).rows
    return [(s.value, short(p.value), o.value) for s, p, o in rows]


def neighbourhood(store: Store, centers: list[str], max_nodes: int = 30) -> View:
    """The centres and their neighbours, at most ``max_nodes`` nodes (centres always in).

    Neighbours come in link order (by predicate), so raising ``max_nodes`` only ever adds nodes.
    """
    keep = list(dict.fromkeys(node(c).value for c in centers))
    links = []
    candidates: list[str] = []
    for c in keep[:]:
        for s, p, o in links_of(store, c):
            links.append((s, p, o))
            other = o if s == c else s
            if other not in keep and other not in candidates:
                candidates.append(other)
    room = max(0, max_nodes - len(keep))
    keep += candidates[:room]
    kept = set(keep)
    info = describe(store, keep)
    view = View(hidden=max(0, len(candidates) - room))
    view.nodes = [{"id": i, **info[i]} for i in keep]
    seen = set()
    for s, p, o in links:
        if s in kept and o in kept and (s, p, o) not in seen:
            seen.add((s, p, o))
            view.edges.append({"source": s, "target": o, "predicate": p})
    return view


def chain_view(store: Store, rows: list[dict]) -> View:
    """A View of obligation-chain rows (``from``, ``relation``, ``to``)."""
    ids = list(dict.fromkeys([r["from"] for r in rows] + [r["to"] for r in rows]))
    info = describe(store, ids) if ids else {}
    for r in rows:  # the chain's own labels win over generic ones
        for end in ("from", "to"):
            if r.get(f"{end}_label"):
                info[r[end]]["label"] = r[f"{end}_label"]
    view = View(nodes=[{"id": i, **info[i]} for i in ids])
    view.edges = [{"source": r["from"], "target": r["to"], "predicate": r["relation"]} for r in rows]
    return view


CHAIN_COLUMNS = ["step", "from", "from_label", "relation", "to", "to_label", "evidence", "evidence_report"]


def document_chain(store: Store, document: str):
    """The obligation chain through a document (IRI, number or title), traced by ``fazhi.queries.chains``.

    Returns ``(rows, graph)``: one dict per hop with the columns of the ``obligation-chain`` query (``step`` < 0
    going up to what the document carries out, > 0 going down to what carries it out; ``relation`` named in
    the direction walked) plus the passage each hop was read from and its report; and the chain's networkx
    graph (for GraphML). An unknown document is a BadParameter.
    """
    start = resolve_document(document, store).value
    g = chain_of(chain_graph(store), start)
    if start not in g:
        return [], g
    down = nx.single_source_shortest_path_length(g, start)            # start and what carries it out
    up = nx.single_source_shortest_path_length(g.reverse(copy=False), start)  # what it carries out
    label = lambda n: g.nodes[n].get("label", n)  # noqa: E731
    rows = []
    for hi, lo, d in g.edges(data=True):
        if lo in up:        # walking up from lo to hi: "implements", "based-on", ...
            step, a, b, rel = -(up[lo] + 1), lo, hi, d["up_relation"]
        elif hi in down:    # walking down from hi to lo: "implemented-by", "states-duty", ...
            step, a, b, rel = down[hi] + 1, hi, lo, d["relation"]
        else:
            continue
        rows.append({"step": step, "from": a, "from_label": label(a), "relation": rel, "to": b,
                     "to_label": label(b), "evidence": d.get("evidence", ""), "evidence_report": d.get("report", "")})
    rows.sort(key=lambda r: (r["step"], r["from_label"], r["to_label"], r["relation"]))
    return rows, g


# ---- reports and their facts ---------------------------------------------------------------------------

def reports(store: Store) -> list[dict]:
    """Every ingested report: report, title, number, issuer_name, period, date, facts (count)."""
    # a report without a title line is called by its label (issuer and period, given at ingest)
    q = """SELECT ?report (COALESCE(MIN(?t), MIN(?l)) AS ?title) (SAMPLE(?n) AS ?number) (SAMPLE(?in) AS ?issuer_name)
      (SAMPLE(?p) AS ?period) (SAMPLE(STR(?d)) AS ?date) (COUNT(DISTINCT ?f) AS ?facts) WHERE {
      ?report a fz:Report .
      OPTIONAL { ?report eli:title ?t } OPTIONAL { ?report rdfs:label ?l } OPTIONAL { ?report eli:id_local ?n }
      OPTIONAL { ?report eli:passed_by/skos:prefLabel ?in } OPTIONAL { ?report fz:period ?p }
      OPTIONAL { ?report eli:date_document ?d } OPTIONAL { ?f fz:reportedIn|fz:mentionedIn ?report }
    } GROUP BY ?report ORDER BY DESC(?date) ?title"""
    return select(store, q).dicts()


def fact_counts(store: Store, report: str | None = None) -> list[dict]:
    """Facts by kind: ``{report, kind, count}`` for one report, or for every report when None."""
    q = """SELECT ?report ?kind (COUNT(DISTINCT ?f) AS ?count) WHERE {
      ?f fz:reportedIn|fz:mentionedIn ?report ; a ?c . BIND(STRAFTER(STR(?c), "#") AS ?kind)
      FILTER(STRSTARTS(STR(?c), STR(fz:)))
    } GROUP BY ?report ?kind ORDER BY ?report ?kind"""
    bindings = {"report": node(report)} if report else None
    return [dict(r, count=int(r["count"])) for r in select(store, q, bindings).dicts()]


def report_detail(store: Store, report: str) -> dict | None:
    """One report's metadata and normalised text, or None when there is no such report."""
    q = """SELECT (COALESCE(?t, ?l) AS ?title) ?number ?issuer ?issuer_name ?addressee_name ?period ?date ?generated
      ?source ?url ?text
    WHERE { ?report a fz:Report .
      OPTIONAL { ?report eli:title ?t } OPTIONAL { ?report rdfs:label ?l } OPTIONAL { ?report eli:id_local ?number }
      OPTIONAL { ?report eli:passed_by ?issuer . OPTIONAL { ?issuer skos:prefLabel ?issuer_name } }
      OPTIONAL { ?report fz:addressee/skos:prefLabel ?addressee_name } OPTIONAL { ?report fz:period ?period }
      OPTIONAL { ?report eli:date_document ?date } OPTIONAL { ?report fz:generatedDate ?generated }
      OPTIONAL { ?report fz:sourceFile ?source } OPTIONAL { ?report fz:sourceUrl ?url }
      OPTIONAL { ?report fz:normalizedText ?text }
    } LIMIT 1"""
    rows = select(store, q, {"report": node(report)}).dicts()
    return dict(rows[0], report=report) if rows else None


def facts_of(store: Store, report: str, kind: str, limit: int = 1000) -> list[dict]:
    """The facts of one kind (``Statistic``, ``Obligation``...) read from a report: fact, label, passage."""
    if kind not in CLASS_ORDER:
        raise BadParameter(f"unknown kind of fact {kind!r}")
    q = f"""SELECT ?fact (SAMPLE(?l) AS ?label) (SAMPLE(?ex) AS ?passage) (MIN(?st) AS ?start) WHERE {{
      ?fact fz:reportedIn|fz:mentionedIn ?report ; a fz:{kind} .
      OPTIONAL {{ ?fact rdfs:label ?l }}
      OPTIONAL {{ ?fact fz:evidence/oa:hasSelector ?sel . OPTIONAL {{ ?sel oa:exact ?ex }}
                 OPTIONAL {{ ?sel oa:start ?st }} }}
    }} GROUP BY ?fact ORDER BY ?start"""
    return select(store, q, {"report": node(report)}, limit=limit).dicts()


# ---- evidence --------------------------------------------------------------------------------------------

def evidence(store: Store, fact: str, context: int = 160) -> list[dict]:
    """Where a node was read from: one dict per passage with the report's title, date, source file and the
    text around the passage split as ``before`` / ``passage`` / ``after`` (for highlighting); for a case, its
    ledger's name and file and ``row`` (the line it is on)."""
    rows = run_named(store, "evidence", {"node": node(fact).value}).dicts()
    out = []
    for r in rows:
        meta = report_detail(store, r["report"]) or source_detail(store, r["report"])
        text = meta.get("text", "")
        start, end = int(r["start"] or 0), int(r["end"] or 0)
        if text and 0 <= start < end <= len(text):
            lo, hi = max(0, start - context), min(len(text), end + context)
            before, passage, after = text[lo:start], text[start:end], text[end:hi]
            before = ("…" if lo else "") + before
            after += "…" if hi < len(text) else ""
        else:  # no stored text (older ingest): the quote alone
            before, passage, after = "", r["text"], ""
        out.append({"node": fact, "report": r["report"], "start": start, "end": end, "title": meta.get("title", ""),
                    "date": meta.get("date", ""), "source": meta.get("source", ""), "url": meta.get("url", ""),
                    "before": before, "passage": passage, "after": after,
                    # a ledger's row (a fragment selector row=N) instead of a span of a report's text
                    "row": passage[4:] if not end and passage.startswith("row=") else ""})
    return out


def source_detail(store: Store, source: str) -> dict:
    """A source that is not a report (a case ledger, a roster): its label as ``title`` and its file."""
    q = """SELECT ?title ?source WHERE { OPTIONAL { ?s rdfs:label ?title } OPTIONAL { ?s fz:sourceFile ?source } }
    LIMIT 1"""
    rows = select(store, q, {"s": node(source)}).dicts()
    return rows[0] if rows else {}


def with_evidence(store: Store, iris, cap: int = 1000) -> set[str]:
    """Those of ``iris`` that have a recorded source passage (facts, mentioned agencies and documents)."""
    iris = [i for i in dict.fromkeys(iris) if i.startswith(("http://", "https://"))][:cap]
    out: set[str] = set()
    for chunk in (iris[k:k + 200] for k in range(0, len(iris), 200)):
        try:
            block = values_block("x", chunk)
        except BadParameter:
            continue
        q = f"SELECT DISTINCT ?x WHERE {{ {block} ?x fz:evidence ?ev }}"
        out |= {x.value for (x,) in select(store, q, limit=len(chunk)).rows}
    return out


# ---- statistics across reports -------------------------------------------------------------------------

def metrics(store: Store) -> list[tuple[str, int]]:
    """The metrics the statistics use, with how many statistics each has, most frequent first."""
    q = """SELECT ?metric (COUNT(?s) AS ?n) WHERE { ?s a fz:Statistic ; fz:metric ?metric }
    GROUP BY ?metric ORDER BY DESC(?n) ?metric"""
    return [(plain(m), int(n.value)) for m, n in select(store, q).rows]


def statistic_series(store: Store, metric: str = "", contains: str = "") -> list[dict]:
    """Statistics of one metric (exactly, or containing ``contains``) with place and year, for a chart:
    ``{subject_name, year, value, unit, report, statistic}``; the year is the statistic's period, else the
    report's."""
    q = """SELECT ?statistic ?subject_name ?metric ?value ?unit ?year ?report WHERE {
      ?statistic a fz:Statistic ; fz:metric ?metric ; fz:value ?value ; fz:reportedIn ?report .
      OPTIONAL { ?statistic fz:subject ?sub . OPTIONAL { ?sub rdfs:label ?sl } OPTIONAL { ?sub skos:prefLabel ?sp } }
      OPTIONAL { ?report eli:passed_by/skos:prefLabel ?issuer }
      OPTIONAL { ?statistic fz:unit ?unit }
      OPTIONAL { ?statistic fz:period ?sper } OPTIONAL { ?report fz:period ?rper }
      BIND (COALESCE(?sp, ?sl, ?issuer, "?") AS ?subject_name)
      BIND (SUBSTR(STR(COALESCE(?sper, ?rper, "")), 1, 4) AS ?year)
    } ORDER BY ?year ?subject_name"""
    rows = select(store, q).dicts()
    out = []
    for r in rows:
        if metric and r["metric"] != metric:
            continue
        if contains and contains not in r["metric"]:
            continue
        try:
            r["value"] = float(r["value"])
        except ValueError:
            continue
        out.append(r)
    return out
