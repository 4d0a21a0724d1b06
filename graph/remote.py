"""The remote backend: any SPARQL 1.1 endpoint behind the same Store interface as the embedded store.

Reads go through the SPARQL 1.1 Query protocol (SPARQLWrapper, POST, JSON results parsed straight into
pyoxigraph terms, so a remote row equals an embedded row term for term). Writes go through the Update
protocol: replacing a source's named graph is ONE update request ``DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }``, which a SPARQL store runs as one transaction (old graph or new graph, never
half); with a Graph Store endpoint given (third part of the descriptor) it is an HTTP PUT instead.

Union default graph: fazhi's queries read the union of all named graphs. Oxigraph server gets the
``union-default-graph`` request parameter on every query (no server option needed); Virtuoso, GraphDB and
QLever use the union as their default graph already; Fuseki needs ``tdb2:unionDefaultGraph true``. The
first query checks it and refuses to run on an endpoint whose default graph is not the union, rather than
give answers that differ from the embedded store's. Queries are not rewritten into GRAPH patterns: a
property path such as ``eli:cites+`` must cross from one report's graph into another's, which a pattern
inside ``GRAPH ?g`` cannot do.
"""
from __future__ import annotations

import base64
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

import pyoxigraph as ox

from fazhi.graph.errors import QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.sparql_text import change_update, check_read_only, inject_values, query_form
from fazhi.graph.storebase import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, Store
from fazhi.ontology.vocab import PREFIXES

RESULTS_JSON = "application/sparql-results+json"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
# the server-side time limit each known server takes as a request parameter: (name, value for seconds)
SERVER_TIMEOUT_PARAM = {
    "virtuoso": ("timeout", lambda s: str(int(s * 1000))),   # milliseconds (anytime-query soft limit)
    "fuseki": ("timeout", lambda s: f"{s:g}"),                # seconds
    "graphdb": ("timeout", lambda s: str(max(1, int(s)))),    # seconds
    "qlever": ("timeout", lambda s: f"{s:g}s"),
}
_UNION_CHECK = """SELECT ?s WHERE {
  { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 }
  FILTER NOT EXISTS { ?s ?p ?o }
}"""


def derive_update_endpoint(url: str) -> str | None:
    """The update endpoint that goes with a query endpoint, where the server's layout says it; else None.

    >>> derive_update_endpoint("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> derive_update_endpoint("http://host:3030/ds/sparql"), derive_update_endpoint("http://host:3030/ds/query")
    ('http://host:3030/ds/update', 'http://host:3030/ds/update')
    >>> derive_update_endpoint("http://host:7200/repositories/fazhi")
    'http://host:7200/repositories/fazhi/statements'
    >>> derive_update_endpoint("http://host:8890/sparql") is None
    True
    """
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/query") and path.count("/") == 1:          # Oxigraph server: /query → /update
        new = "/update"
    elif re.fullmatch(r"/[^/]+/(sparql|query)", path):           # Fuseki: /DATASET/sparql|query → /update
        new = path.rsplit("/", 1)[0] + "/update"
    elif re.fullmatch(r"(/[^/]+)*/repositories/[^/]+", path):    # GraphDB / RDF4J
        new = path + "/statements"
    else:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """A URL without its ``user:password@`` part, and that part (or $FAZHI_SPARQL_USER/_PASSWORD).

    >>> split_credentials("http://u:p%40ss@h:1/q")
    ('http://h:1/q', ('u', 'p@ss'))
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        return clean, (urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
    if os.environ.get("FAZHI_SPARQL_USER"):
        return url, (os.environ["FAZHI_SPARQL_USER"], os.environ.get("FAZHI_SPARQL_PASSWORD", ""))
    return url, None


def with_prefixes(query: str) -> str:
    """The query with a PREFIX for every fazhi prefix it uses but does not declare, all on its first line
    (so the server's error messages keep the query's own line numbers).

    >>> with_prefixes("SELECT * WHERE { ?s a fz:Agency }")
    'PREFIX fz: <https://w3id.org/fazhi/ontology#> SELECT * WHERE { ?s a fz:Agency }'
    """
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", query, re.IGNORECASE)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
             if p.lower() not in declared and re.search(rf"(?<![\w?$-]){re.escape(p)}:", query)]
    return " ".join(lines + [query])


def graph_block(graph: ox.NamedNode, triples: Iterable[ox.Triple] | bytes | str) -> str:
    """``GRAPH <g> { ... }`` for INSERT DATA; triples as objects or as N-Triples text."""
    if isinstance(triples, (bytes, str)):
        body = triples.decode("utf-8") if isinstance(triples, bytes) else triples
    else:
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
    return f"GRAPH {graph} {{\n{body}}}"


def replace_update(items: list[tuple[ox.NamedNode, object]]) -> str:
    """One update that replaces each graph with its triples: one request, so one transaction.

    >>> g = ox.NamedNode("http://g/1")
    >>> replace_update([(g, [ox.Triple(g, g, ox.Literal("x"))])])
    'DROP SILENT GRAPH <http://g/1> ;\\nINSERT DATA {\\nGRAPH <http://g/1> {\\n<http://g/1> <http://g/1> "x" .\\n}\\n}'
    """
    drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g, _ in items)
    return drops + "INSERT DATA {\n" + "\n".join(graph_block(g, t) for g, t in items) + "\n}"


class SparqlStore(Store):
    """A SPARQL 1.1 endpoint (query URL, optional update URL and Graph Store URL) as a fazhi Store."""

    writes_are_atomic = True  # even write_graphs(bulk=True) is one update request: no half-written graphs

    def __init__(self, query_url: str, update_url: str | None = None, graph_store_url: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, row_cap: int = DEFAULT_ROW_CAP):
        if update_url and "|" in update_url:   # open_store("sparql:QUERY|UPDATE|GRAPH_STORE")
            update_url, _, graph_store_url = update_url.partition("|")
        self.query_url, self.credentials = split_credentials(query_url)
        self.update_url = split_credentials(update_url)[0] if update_url else None
        self.graph_store_url = split_credentials(graph_store_url)[0] if graph_store_url else None
        self.descriptor = "sparql:" + "|".join(u for u in (query_url, update_url, graph_store_url) if u)
        self.timeout = timeout
        self.row_cap = row_cap
        # oxigraph, virtuoso, fuseki, graphdb, qlever or "": from the Server header, or $FAZHI_SPARQL_SERVER
        self.server = ""
        self.params: dict[str, str] = {}
        self._checked = False

    # reads -----------------------------------------------------------------------------------------
    def _request(self, query: str, accept: str):
        """Send one query; return the open HTTP response (read lazily by the result parser)."""
        from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = SPARQLWrapper(self.query_url, agent="fazhi (SPARQLWrapper)")
        sw.setMethod(POST)                 # parameters bound with VALUES make long queries: no GET
        sw.setRequestMethod(URLENCODED)
        sw.setQuery(query)
        # SPARQLWrapper guesses the form from keywords anywhere in the text, comments included (a comment
        # saying "copy" made it send a SELECT as an update): use fazhi's own reading, which skips them
        sw.queryType = query_form(query)
        sw.setTimeout(int(self.timeout) + 1)
        sw.addCustomHttpHeader("Accept", accept)
        if self.credentials:
            sw.setCredentials(*self.credentials)
        params = dict(self.params)
        if self.server in SERVER_TIMEOUT_PARAM:
            name, fmt = SERVER_TIMEOUT_PARAM[self.server]
            params[name] = fmt(self.timeout)
        for k, v in params.items():
            sw.addParameter(k, v)
        try:
            res = sw.query()
            if res.response.headers.get("X-SQL-State") == "S1TAT":
                # Virtuoso's "anytime" answer: partial results at its time limit; refuse them as incomplete
                raise QueryTimeout(f"the server stopped the query at its time limit of {self.timeout:g} s "
                                   "(partial results refused)")
        except SPARQLWrapperException as e:
            raise _http_error(_code_of(e), str(e), self.query_url) from None
        except urllib.error.HTTPError as e:
            raise _http_error(e.code, e.read().decode("utf-8", "replace"), self.query_url) from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeout(f"query stopped at its time limit of {self.timeout:g} s") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreUnavailable(f"{self.query_url}: cannot reach the SPARQL endpoint: "
                                   f"{getattr(e, 'reason', e)}") from None
        return res.response

    def _detect(self) -> None:
        """Once: learn the server from its Server header, then make sure queries see the union of graphs."""
        self._checked = True
        resp = self._request(with_prefixes(_UNION_CHECK), RESULTS_JSON)
        header = os.environ.get("FAZHI_SPARQL_SERVER") or (resp.headers.get("Server") or "")
        for name in ("oxigraph", "virtuoso", "fuseki", "graphdb", "qlever", "rdf4j"):
            if name in header.lower():
                self.server = "graphdb" if name == "rdf4j" else name
                break
        if self.server == "oxigraph":
            self.params["union-default-graph"] = "true"
            resp.read()
            return
        rows = list(ox.parse_query_results(resp, format=ox.QueryResultsFormat.JSON))
        if rows:
            raise StoreUnavailable(
                f"{self.query_url}: the endpoint's default graph is not the union of its named graphs, so "
                "fazhi's queries would miss facts; enable it (Fuseki: tdb2:unionDefaultGraph true; "
                "see docs/remote.md)")

    def _run(self, query, bindings):
        check_read_only(query)  # SERVICE would make the server fetch from elsewhere: refused here too
        if not self._checked:
            self._detect()
        text = with_prefixes(inject_values(query, bindings))
        form = query_form(text)
        if form in ("SELECT", "ASK"):
            resp = self._request(text, RESULTS_JSON)
            return ox.parse_query_results(resp, format=ox.QueryResultsFormat.JSON)
        resp = self._request(text, RDF_ACCEPT)
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip()
        fmt = ox.RdfFormat.N_TRIPLES if ctype == "application/n-triples" else ox.RdfFormat.TURTLE
        return (q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(resp, format=fmt))

    def graphs(self):
        sol = self._run("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        return sorted((s[0] for s in sol), key=lambda g: g.value)

    def quads(self, graph=None):
        """Every quad, streamed from one SELECT (no row cap: this is the export path)."""
        sol = self._run("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph} if graph else None)
        return (ox.Quad(s[0], s[1], s[2], s[3]) for s in sol)

    # writes ----------------------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, method: str = "POST") -> None:
        req = urllib.request.Request(url, data=body, method=method, headers={
            "Content-Type": content_type, "User-Agent": "fazhi"})
        if self.credentials:
            token = base64.b64encode(":".join(self.credentials).encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=max(self.timeout, 300)) as resp:
                resp.read()
        except urllib.error.HTTPError as e:
            raise _http_error(e.code, e.read().decode("utf-8", "replace"), url, update=True) from None
        except (socket.timeout, TimeoutError):
            raise StoreUnavailable(f"{url}: the update did not finish in time") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreUnavailable(f"{url}: cannot reach the SPARQL endpoint: {getattr(e, 'reason', e)}") from None

    def update(self, text: str) -> None:
        """Send one SPARQL Update request (one transaction on the server)."""
        if not self.update_url:
            raise StoreUnavailable(f"{self.query_url}: no update endpoint known for this server; "
                                   "give --update-endpoint URL")
        self._post(self.update_url, text.encode("utf-8"), "application/sparql-update")

    def replace_graph(self, graph, triples):
        triples = list(triples)
        if self.graph_store_url:
            body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
            url = f"{self.graph_store_url}?graph={urllib.parse.quote(graph.value, safe='')}"
            self._post(url, body, "application/n-triples", method="PUT")
        else:
            self.update(replace_update([(graph, triples)]))
        return len(triples)

    def replace_graphs(self, items) -> None:
        """Replace several graphs, each with its N-Triples text, in ONE update request (one transaction)."""
        if items:
            self.update(replace_update(list(items)))

    def write_graphs(self, batch, *, bulk=False):
        """The ingest path: several whole graphs in ONE update request (atomic even when ``bulk``)."""
        self.replace_graphs([(g, body + marker) for g, body, marker in batch])

    def remove_graph(self, graph):
        self.update(f"DROP SILENT GRAPH {graph}")

    def change_graph(self, graph, *, remove=(), add=()):
        text = change_update(graph, remove, add)
        if text:
            self.update(text)


def _code_of(e) -> int | None:
    """The HTTP status behind a SPARQLWrapper exception (its class says it; the message for the others)."""
    by_class = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                "EndPointInternalError": 500}
    if type(e).__name__ in by_class:
        return by_class[type(e).__name__]
    m = re.search(r"\b(400|401|403|404|405|406|408|413|414|500|502|503|504)\b", str(e)[:200])
    return int(m.group(1)) if m else None


def _http_error(code, text: str, url: str, update: bool = False):
    """An HTTP failure as the fazhi error a user can act on."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip() and "Response:" not in ln), text)[:300]
    detail = re.sub(r"\s+", " ", text.split("Response:", 1)[-1]).strip()
    if re.fullmatch(r"b(['\"]).*\1", detail):  # SPARQLWrapper shows the server's bytes as a Python literal
        import ast

        try:
            detail = ast.literal_eval(detail).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    detail = detail[:300] or first
    if code in (401, 403):
        return StoreUnavailable(f"{url}: the endpoint refused access ({code}); put user:password@ in the URL "
                                "or set FAZHI_SPARQL_USER / FAZHI_SPARQL_PASSWORD")
    if code == 404:
        return StoreUnavailable(f"{url}: no SPARQL endpoint there (404)")
    if code in (408, 504) or "timeout" in detail.lower() or "timed out" in detail.lower():
        return QueryTimeout(f"the server stopped the query at its time limit: {detail}")
    if code == 400:
        return QueryError(("update refused: " if update else "syntax error: ") + detail)
    return QueryError(f"{'update' if update else 'query'} failed ({code}): {detail}")
