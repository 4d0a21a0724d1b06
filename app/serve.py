"""`fazhi serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, on 127.0.0.1, for notebooks, R and
any SPARQL tool (YASGUI, SPARQLWrapper, rdflib's SPARQLStore, `fazhi --endpoint`).

``/query`` takes GET (``?query=``) and POST (a form with ``query=``, or the query itself as
``application/sparql-query``); ``format`` (or ``output``) and ``timeout`` parameters are honoured. The answer
comes from ``fazhi.graph.protocol.answer`` over the store opened read-only (on disk: each query in a worker
process killed at the time limit). Updates and SERVICE are refused with 400, ``/update`` with 403;
``default-graph-uri`` / ``named-graph-uri`` with 400 (the default graph is the union of all graphs). Every answer
carries CORS headers, so a YASGUI page opened from a file or another port can query it.
"""
from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from fazhi.graph.protocol import Answer, answer, error

MAX_BODY = 1 << 20  # a query larger than 1 MB is refused (413)
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
        "Access-Control-Expose-Headers": "X-Fazhi-Truncated", "Access-Control-Max-Age": "86400"}
HELP = ("fazhi SPARQL endpoint (read-only)\n\nGET  /query?query=SELECT...\nPOST /query  (form: query=..., or "
        "Content-Type: application/sparql-query)\nResults by Accept: application/sparql-results+json, "
        "application/sparql-results+xml, text/csv, text/tab-separated-values;\nCONSTRUCT/DESCRIBE: text/turtle, "
        "application/n-triples, application/rdf+xml, application/ld+json.\n")


def make_handler(store):
    """A request handler class answering from ``store`` (shared by the server's threads: the embedded
    read-only store hands each query to a worker process, so concurrent requests do not share a connection)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "fazhi"
        protocol_version = "HTTP/1.1"

        def do_OPTIONS(self):  # CORS preflight
            self.send(Answer(204, "text/plain", b""))

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path in ("/", ""):
                return self.send(Answer(200, "text/plain; charset=utf-8", HELP.encode()))
            self.route(url.path, parse_qs(url.query, keep_blank_values=True), None)

        do_HEAD = do_GET  # (send() leaves the body out)

        def do_POST(self):
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self.send(error(413, f"request body over {MAX_BODY} bytes"))
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query, keep_blank_values=True)
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
                body = None
            elif ctype == "application/sparql-update":
                return self.send(error(403, "updates are refused: this endpoint is read-only"))
            elif ctype != "application/sparql-query":
                return self.send(error(415, "POST a form (application/x-www-form-urlencoded) or a query "
                                            "(application/sparql-query)"))
            self.route(url.path, params, body)

        def route(self, path: str, params: dict, body: str | None) -> None:
            self.send(respond(store, path, params, body, self.headers.get("Accept", "")))

        def send(self, a: Answer) -> None:
            self.send_response(a.status)
            for k, v in {**CORS, **a.headers, "Content-Type": a.content_type,
                         "Content-Length": str(len(a.body))}.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(a.body)

        def log_message(self, fmt, *args):  # one line per request on stderr, as a server log
            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    return Handler


def respond(store, path: str, params: dict, body: str | None, accept: str) -> Answer:
    """The answer to one protocol request: ``params`` as parsed (lists of values), ``body`` the query when it
    was POSTed as ``application/sparql-query``."""
    if path == "/update":
        return error(403, "updates are refused: this endpoint is read-only")
    if path != "/query":
        return error(404, f"no such endpoint {path}; queries go to /query")
    if "update" in params:
        return error(400, "updates are refused: this endpoint is read-only")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return error(400, "default-graph-uri / named-graph-uri are not supported: the default graph is the union "
                          "of all graphs; use GRAPH patterns")
    queries = [body] if body is not None else params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return error(400, "give exactly one query (the `query` parameter, or a POSTed application/sparql-query)")
    fmt = (params.get("format") or params.get("output") or [None])[0]
    timeout = None
    if params.get("timeout"):
        try:
            timeout = float(params["timeout"][0])
        except ValueError:
            return error(400, f"timeout must be a number of seconds, not {params['timeout'][0]!r}")
    return answer(store, queries[0], accept=accept, fmt=fmt, timeout=timeout)


def serve(store, port: int, *, ready=None) -> None:
    """Serve ``store`` on 127.0.0.1:``port`` until interrupted (``ready(server)`` is called once listening)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(store))
    server.daemon_threads = True
    if ready:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()
