"""The SPARQL 1.1 Protocol's answer to one query, independent of any HTTP server: which format the client
asked for, the query run through the Store (read-only, its row cap and time limit), the body serialised.

``answer(store, query, accept=..., fmt=...)`` returns an ``Answer`` (status, content type, body); the server
(``fazhi serve``, app/serve.py) only moves bytes. SELECT gives SPARQL JSON, XML, CSV or TSV results; ASK JSON
or XML; CONSTRUCT and DESCRIBE Turtle, N-Triples, RDF/XML or JSON-LD. Updates and SERVICE are refused with 400,
a query stopped at the time limit is a 503, a truncated SELECT says so in a header.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from fazhi.graph.errors import FazhiError, QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.results import Results
from fazhi.graph.sparql_text import check_read_only, query_form
from fazhi.ontology.vocab import PREFIXES

# media type -> format name, for result tables (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE)
TABLE_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "application/ld+json": "jsonld", "application/json": "jsonld",
}
# the `format` (or `output`) request parameter, as SPARQLWrapper and other clients send it
FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "n3": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt", "rdf+xml": "rdfxml",
                "rdf": "rdfxml", "json-ld": "jsonld", "jsonld": "jsonld"}
CONTENT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                 "nt": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
               "jsonld": ox.RdfFormat.JSON_LD}
TABLE_FORMATS = ("json", "xml", "csv", "tsv")


@dataclass
class Answer:
    """An HTTP answer: status, content type, body, extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


def error(status: int, message: str) -> Answer:
    """A plain-text error answer (one line saying what went wrong)."""
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def accepted(accept: str) -> list[str]:
    """The media types of an Accept header, most wanted first (by q, then by order).

    >>> accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    """
    ranked = []
    for i, part in enumerate(p.strip() for p in (accept or "").split(",")):
        if not part:
            continue
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media.lower()))
    return [m for _, _, m in sorted(ranked)]


def choose(form: str, accept: str, fmt: str | None) -> str | None:
    """The result format for a query form. The client's first choice in Accept decides when it is a format
    this endpoint gives; else the ``format`` parameter (a browser asks for text/html first; SPARQLWrapper sends
    ``format=xml`` by default beside its own Accept, so a specific Accept comes first); else the next acceptable
    type; else the default (JSON results, Turtle). None when the client accepts nothing that fits.

    >>> choose("SELECT", "text/csv", None), choose("CONSTRUCT", "application/rdf+xml", None)
    ('csv', 'rdfxml')
    >>> choose("SELECT", "application/sparql-results+json", "xml"), choose("SELECT", "text/html,*/*;q=0.8", "csv")
    ('json', 'csv')
    >>> choose("CONSTRUCT", "*/*", None), choose("SELECT", "image/png", None)
    ('turtle', None)
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    types = GRAPH_TYPES if graph else TABLE_TYPES
    fits = set(RDF_FORMATS) if graph else set(TABLE_FORMATS if form == "SELECT" else ("json", "xml"))
    default = "turtle" if graph else "json"
    wanted = accepted(accept)
    if wanted and types.get(wanted[0]) in fits:
        return types[wanted[0]]
    named = FORMAT_NAMES.get((fmt or "").lower())
    if named == "xml" and graph:
        named = "rdfxml"
    if named in fits:
        return named
    for media in wanted:
        if media in ("*/*", "application/*", "text/*"):
            return default
        if types.get(media) in fits:
            return types[media]
    return None if wanted else default


def answer(store, query: str, *, accept: str = "", fmt: str | None = None, timeout: float | None = None) -> Answer:
    """Run ``query`` on ``store`` (read-only, within its row cap and time limit, or ``timeout`` if lower) and
    serialise the result as the client asked."""
    try:
        check_read_only(query)
        form = query_form(query)
        chosen = choose(form, accept, fmt)
        if chosen is None:
            types = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
            return error(406, f"cannot give a {form} result as {accept}; ask for one of {', '.join(types)}")
        limit = store.timeout if timeout is None else min(timeout, store.timeout)
        if form == "SELECT":
            return _table(store.select(query, timeout=limit), chosen)
        if form == "ASK":
            return _boolean(store.ask(query, timeout=limit), chosen)
        return _graph(store.construct(query, timeout=limit), chosen)
    except QueryTimeout as e:
        return error(503, f"timeout: {e}")
    except QueryError as e:
        return error(400, str(e))
    except StoreUnavailable as e:
        return error(503, str(e))
    except FazhiError as e:
        return error(400, str(e))


def _table(res: Results, fmt: str) -> Answer:
    body = {"json": res.to_json, "xml": res.to_xml, "csv": res.to_csv, "tsv": res.to_tsv}[fmt]()
    headers = {"X-Fazhi-Truncated": "true"} if res.truncated else {}
    return Answer(200, CONTENT_TYPES[fmt] + "; charset=utf-8", body.encode("utf-8"), headers)


def _boolean(value: bool, fmt: str) -> Answer:
    if fmt == "xml":
        body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n'
                f"<boolean>{str(value).lower()}</boolean>\n</sparql>\n")
    else:
        body = json.dumps({"head": {}, "boolean": value})
    return Answer(200, CONTENT_TYPES[fmt] + "; charset=utf-8", body.encode("utf-8"))


def _graph(triples: list, fmt: str) -> Answer:
    prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
    body = ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)
    return Answer(200, CONTENT_TYPES[fmt] + "; charset=utf-8", body)
