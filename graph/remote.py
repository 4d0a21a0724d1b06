"""The remote backend: any SPARQL 1.1 endpoint behind the same Store interface as the embedded store.

Reads go through the SPARQL 1.1 Query protocol (SPARQLWrapper, POST, JSON results parsed straight into
pyoxigraph terms, so a remote row equals an embedded row term for term). Writes go through the Update
protocol: replacing a source's named graph is ONE update request ``DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }``, which Oxigraph server runs as one transaction (old graph or new graph, never
half; Virtuoso does not: its writes, and what else differs there, are in ``fazhi.graph.virtuoso``); with a
Graph Store endpoint given (third part of the descriptor) it is an HTTP PUT instead.

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
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

import pyoxigraph as ox

from fazhi.graph import virtuoso
from fazhi.graph.errors import QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.reading import collect, with_deadline
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
        self.hidden: list[str] = []   # the server's own graphs, left out of graphs(), quads(), quad_count()
        self._checked = False

    @property
    def writes_are_atomic(self) -> bool:
        """Whether one update request is one transaction (even ``write_graphs(bulk=True)``: no half-written
        graphs). Not on Virtuoso, which commits each operation of a request on its own: there each file's
        marker goes in last and ingest drops marker-less graphs (``fazhi.graph.virtuoso``)."""
        self._ensure_detected()
        return self.server != "virtuoso"

    # reads -----------------------------------------------------------------------------------------
    def _request(self, query: str, accept: str, timeout: float | None = None):
        """Send one query; return the open HTTP response (read lazily by the result parser). ``timeout``: this
        query's time limit (default: the store's)."""
        timeout = self.timeout if timeout is None else timeout
        from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = SPARQLWrapper(self.query_url, agent="fazhi (SPARQLWrapper)")
        sw.setMethod(POST)                 # parameters bound with VALUES make long queries: no GET
        sw.setRequestMethod(URLENCODED)
        sw.setQuery(query)
        # SPARQLWrapper guesses the form from keywords anywhere in the text, comments included (a comment
        # saying "copy" made it send a SELECT as an update): use fazhi's own reading, which skips them
        sw.queryType = query_form(query)
        sw.setTimeout(int(timeout) + 1)
        sw.addCustomHttpHeader("Accept", accept)
        # the Accept header alone says the format: SPARQLWrapper would also send its own format/output
        # parameters (XML by default), a mix Virtuoso answers with 406 Not Acceptable
        sw.setOnlyConneg(True)
        if self.credentials:
            sw.setCredentials(*self.credentials)
        params = dict(self.params)
        if self.server in SERVER_TIMEOUT_PARAM:
            name, fmt = SERVER_TIMEOUT_PARAM[self.server]
            params[name] = fmt(timeout)
        for k, v in params.items():
            sw.addParameter(k, v)
        try:
            res = sw.query()
            if res.response.headers.get("X-SQL-State") == "S1TAT":
                # Virtuoso's "anytime" answer: partial results at its time limit; refuse them as incomplete
                raise QueryTimeout(f"the server stopped the query at its time limit of {timeout:g} s "
                                   "(partial results refused)")
        except SPARQLWrapperException as e:
            raise _http_error(_code_of(e), str(e), self.query_url) from None
        except urllib.error.HTTPError as e:
            raise _http_error(e.code, e.read().decode("utf-8", "replace"), self.query_url) from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeout(f"query stopped at its time limit of {timeout:g} s") from None
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
        if self.server == "virtuoso":
            found = ox.parse_query_results(self._request(virtuoso.SYSTEM_GRAPHS_QUERY, RESULTS_JSON),
                                           format=ox.QueryResultsFormat.JSON)
            self.hidden = sorted({*virtuoso.FIXED_SYSTEM_GRAPHS, *(row[0].value for row in found)})
            return  # (its default graph is the union of all graphs, its own ones included)
        if rows:
            raise StoreUnavailable(
                f"{self.query_url}: the endpoint's default graph is not the union of its named graphs, so "
                "fazhi's queries would miss facts; enable it (Fuseki: tdb2:unionDefaultGraph true; "
                "see docs/remote.md)")

    def _ensure_detected(self) -> None:
        if not self._checked:
            self._detect()

    def _execute(self, form, query, bindings, limit, timeout):
        """As the base class, with the query's own time limit sent along (the HTTP wait and the server's limit)."""
        deadline = time.monotonic() + timeout

        def work():
            return collect(form, self._run(query, bindings, timeout), limit, deadline, timeout)

        return with_deadline(work, deadline, timeout)

    def _run(self, query, bindings, timeout: float | None = None):
        check_read_only(query)  # SERVICE would make the server fetch from elsewhere: refused here too
        self._ensure_detected()
        text = inject_values(query, bindings, as_bind=self.server == "virtuoso")
        if self.server == "virtuoso" and bindings:  # its unbounded paths, from a parameter, in its own form
            text = virtuoso.rewrite_paths(text, bindings)
        text = with_prefixes(text)
        form = query_form(text)
        if form in ("SELECT", "ASK"):
            resp = self._request(text, RESULTS_JSON, timeout)
            res = ox.parse_query_results(resp, format=ox.QueryResultsFormat.JSON)
            if self.server == "virtuoso" and form == "SELECT":
                return virtuoso.Solutions(res, virtuoso.cut_rows(resp.headers))
            return res
        resp = self._request(text, RDF_ACCEPT, timeout)
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip()
        fmt = ox.RdfFormat.N_TRIPLES if ctype == "application/n-triples" else ox.RdfFormat.TURTLE
        triples = (q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(resp, format=fmt))
        return map(virtuoso.triple, triples) if self.server == "virtuoso" else triples

    def _own_graphs(self) -> str:
        """A FILTER leaving the server's own graphs out of ``GRAPH ?g`` ("" when it has none)."""
        self._ensure_detected()
        return f"FILTER (?g NOT IN ({', '.join(f'<{g}>' for g in self.hidden)}))" if self.hidden else ""

    def graphs(self):
        sol = self._run(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}", None)
        return sorted((s[0] for s in sol), key=lambda g: g.value)

    def quads(self, graph=None):
        """Every quad, streamed from one SELECT (no row cap and an hour to answer: this is the export path)."""
        sol = self._run(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}",
                        {"g": graph} if graph else None, max(self.timeout, 3600))
        return (ox.Quad(s[0], s[1], s[2], s[3]) for s in sol)

    def quad_count(self) -> int:
        r = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}")
        return int(r.rows[0][0].value) if r.rows else 0

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
        """Send one SPARQL Update request (one transaction on the server, except on Virtuoso)."""
        if not self.update_url:
            raise StoreUnavailable(f"{self.query_url}: no update endpoint known for this server; "
                                   "give --update-endpoint URL")
        self._post(self.update_url, text.encode("utf-8"), "application/sparql-update")

    def replace_graph(self, graph, triples):
        triples = list(triples)
        if self._virtuoso():
            self.update(virtuoso.update_text(virtuoso.replace_operations([(graph, triples)])))
        elif self.graph_store_url:
            body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
            url = f"{self.graph_store_url}?graph={urllib.parse.quote(graph.value, safe='')}"
            self._post(url, body, "application/n-triples", method="PUT")
        else:
            self.update(replace_update([(graph, triples)]))
        return len(triples)

    def replace_graphs(self, items) -> None:
        """Replace several graphs, each with its N-Triples text, in ONE update request (one transaction)."""
        if items and self._virtuoso():
            self.update(virtuoso.update_text(virtuoso.replace_operations(list(items))))
        elif items:
            self.update(replace_update(list(items)))

    def write_graphs(self, batch, *, bulk=False):
        """The ingest path: several whole graphs in ONE update request (atomic even when ``bulk``, except
        on Virtuoso: there the markers come after every body, in the request's last operations)."""
        if batch and self._virtuoso():
            ops = virtuoso.replace_operations([(g, body) for g, body, _ in batch], [(g, m) for g, _, m in batch])
            self.update(virtuoso.update_text(ops))
        else:
            self.replace_graphs([(g, body + marker) for g, body, marker in batch])

    def remove_graph(self, graph):
        self.update(f"DROP SILENT GRAPH {graph}")

    def change_graph(self, graph, *, remove=(), add=()):
        if self._virtuoso():
            ops = virtuoso.change_operations(graph, remove, add)
            text = virtuoso.update_text(ops) if ops else ""
        else:
            text = change_update(graph, remove, add)
        if text:
            self.update(text)

    def _virtuoso(self) -> bool:
        """Whether the server is Virtuoso (learnt with the first request: writes need to know it too)."""
        self._ensure_detected()
        return self.server == "virtuoso"


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
    if "estimated execution time" in detail:  # Virtuoso refuses what its optimiser expects to run too long
        return QueryTimeout(f"the server refused the query as too long for its time limit: {detail}")
    if code == 400:
        return QueryError(("update refused: " if update else "syntax error: ") + detail)
    return QueryError(f"{'update' if update else 'query'} failed ({code}): {detail}")
