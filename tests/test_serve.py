"""`fazhi serve`: a real endpoint process on a loopback port over an on-disk store (examples/ ingested), asked by
SPARQLWrapper, rdflib's SPARQLStore, fazhi's own `--endpoint`, and plain HTTP (curl-like urllib)."""
from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES, fazhi_exe, free_port, run_fazhi, run_fazhi_process, stop_process_group

pytestmark = [pytest.mark.server, pytest.mark.slow]
LIMIT = 2.0  # the server's time limit (fazhi --timeout), seconds
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FZ = "https://w3id.org/fazhi/ontology#"


@pytest.fixture(scope="module")
def example_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("serve") / "store"
    r = run_fazhi("ingest", EXAMPLES, store=store)
    assert r.returncode == 0, r.stderr
    return store


@pytest.fixture(scope="module")
def endpoint(example_store, tmp_path_factory):
    """`fazhi --timeout 2 serve` on a free port until the module ends; yields the /query URL and its pid."""
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+")
    proc = subprocess.Popen([*fazhi_exe(), "--store", str(example_store), "--timeout", str(LIMIT), "serve",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as resp:
                    assert b"/query" in resp.read()
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"fazhi serve did not come up: {log.read()[-2000:]}")
                time.sleep(0.2)
        yield base + "/query", proc.pid
    finally:
        stop_process_group(proc)  # only what we started: the server leads its own process group
        log.close()


def embedded(store: Path, name: str) -> list[list[str]]:
    """A named query's rows as the embedded store gives them (the CLI, CSV)."""
    r = run_fazhi("query", name, "--format", "csv", store=store)
    assert r.returncode == 0, r.stderr
    return list(csv.reader(io.StringIO(r.stdout)))


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def form(query: str, **extra) -> bytes:
    return urllib.parse.urlencode({"query": query, **extra}).encode()


def test_fazhi_endpoint_gives_what_the_embedded_store_gives(endpoint, example_store):
    url, _ = endpoint
    for name in ("agencies", "documents", "statistics", "units-without-legal-adviser"):
        r = run_fazhi("--endpoint", url, "query", name, "--format", "csv")
        assert r.returncode == 0, r.stderr
        assert list(csv.reader(io.StringIO(r.stdout))) == embedded(example_store, name), name


def test_sparqlwrapper_select_in_every_results_format(endpoint, example_store):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    url, _ = endpoint
    want = {(row[0], row[1]) for row in embedded(example_store, "agencies")[1:]}
    sw = SPARQLWrapper(url)
    sw.setQuery(f"SELECT ?agency ?name WHERE {{ ?agency a <{FZ}Agency> ; "
                "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name }")
    sw.setReturnFormat(JSON)
    got = {(b["agency"]["value"], b["name"]["value"]) for b in sw.query().convert()["results"]["bindings"]}
    assert got == want and len(want) >= 5
    sw.setReturnFormat(XML)
    xml = sw.query().convert()
    assert {u.firstChild.data for u in xml.getElementsByTagName("uri")} == {a for a, _ in want}
    sw.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sw.query().convert().decode("utf-8"))))
    assert rows[0] == ["agency", "name"] and {tuple(r) for r in rows[1:]} == want
    sw.setReturnFormat(TSV)
    lines = sw.query().convert().decode("utf-8").splitlines()
    assert lines[0] == "?agency\t?name" and {ln.split("\t")[0][1:-1] for ln in lines[1:]} == {a for a, _ in want}


def test_sparqlwrapper_ask_and_construct(endpoint):
    from rdflib import Graph
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    url, _ = endpoint
    sw = SPARQLWrapper(url)
    sw.setQuery(f"ASK {{ ?u a <{FZ}RosterUnit> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    construct = f"CONSTRUCT {{ ?a a <{FZ}Agency> }} WHERE {{ ?a a <{FZ}Agency> }}"
    sw.setQuery(construct)
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert().decode("utf-8"), format="turtle")
    sw.setReturnFormat(XML)  # RDF/XML, parsed by SPARQLWrapper into an rdflib graph
    assert len(g) >= 5 and set(sw.query().convert()) == set(g)


def test_rdflib_sparqlstore_reads_the_store(endpoint, example_store):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    url, _ = endpoint
    g = Graph(store=SPARQLStore(url))
    names = {str(n) for _, n in g.query("SELECT ?u ?n WHERE { ?u a <%sRosterUnit> ; "
                                        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }" % FZ)}
    assert "白沙街道办事处" in names
    assert g.query("ASK { ?s ?p ?o }").askAnswer
    units = set(g.subjects(RDF.type, URIRef(FZ + "RosterUnit")))  # a triple pattern, as rdflib asks it
    assert len(units) == len(names)
    assert len(g.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 7")) == 7


def test_updates_and_service_are_refused(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    url, _ = endpoint
    insert = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    status, _, body = http(url, data=form(insert))
    assert status == 400 and b"refused" in body
    status, _, _ = http(url, data=insert.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    status, _, _ = http(url.replace("/query", "/update"), data=insert.encode(),
                        headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = http(url, data=urllib.parse.urlencode({"update": insert}).encode())
    assert status == 400
    status, _, body = http(url + "?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}))
    assert status == 400 and b"SERVICE" in body
    sw = SPARQLWrapper(url)
    sw.setMethod(POST)
    sw.setQuery(insert)
    with pytest.raises(SPARQLWrapperException):
        sw.query()
    status, _, body = http(url + "?" + urllib.parse.urlencode({"query": "ASK { <http://x/a> ?p ?o }"}),
                           headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is False  # nothing went in


def worker_pids(server_pid: int) -> set[int]:
    """The query workers (children of the server's process) alive now."""
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == server_pid:
                    out.add(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
    return out


def test_a_runaway_query_is_stopped_at_the_time_limit(endpoint, tmp_path):
    url, pid = endpoint
    http(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))  # a worker is up and idle now
    before = worker_pids(pid)
    assert before, "the server answers from worker processes"
    t0 = time.monotonic()
    status, _, body = http(url, data=form(RUNAWAY))
    took = time.monotonic() - t0
    assert status == 503 and b"time limit" in body
    assert LIMIT - 0.5 < took < LIMIT + 5
    time.sleep(0.5)
    assert before - worker_pids(pid), "the worker that ran the runaway query was killed, not left burning"
    # and the endpoint goes on answering
    status, _, body = http(url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200 and json.loads(body)["boolean"] is True
    # a lower limit asked by the client is kept; a higher one is not granted
    t0 = time.monotonic()
    status, _, _ = http(url, data=form(RUNAWAY, timeout="0.5"))
    assert status == 503 and time.monotonic() - t0 < LIMIT
    (tmp_path / "runaway.rq").write_text(RUNAWAY, encoding="utf-8")  # fazhi's own client says what happened
    r = run_fazhi("--endpoint", url, "query", tmp_path / "runaway.rq")
    assert r.returncode != 0 and "time limit" in r.stderr


def test_the_row_cap_holds_and_says_so(endpoint):
    url, _ = endpoint
    # a worker up first (after the runaway test killed one, a new one may still be starting: on a loaded machine
    # that took the 2 s time limit, and the answer was 503 instead of the capped rows)
    http(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
    status, headers, body = http(url, data=form("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000"),
                                 headers={"Accept": "text/csv"})
    assert status == 200 and headers["X-Fazhi-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) == 1 + 10_000


def test_content_negotiation_post_body_and_cors(endpoint, example_store):
    import pyoxigraph as ox

    url, _ = endpoint
    q = f"SELECT ?u WHERE {{ ?u a <{FZ}RosterUnit> }}"
    status, headers, body = http(url, data=q.encode(), headers={"Content-Type": "application/sparql-query",
                                                                 "Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    rows = list(ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.TSV))
    assert len(rows) >= 5
    # a browser asks for HTML first: the format parameter decides
    status, headers, body = http(url + "?" + urllib.parse.urlencode({"query": q, "format": "csv"}),
                                 headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"})
    assert headers["Content-Type"].startswith("text/csv") and body.startswith(b"u\r\n") or body.startswith(b"u\n")
    status, headers, body = http(url + "?" + urllib.parse.urlencode(
        {"query": f"CONSTRUCT {{ ?u a <{FZ}RosterUnit> }} WHERE {{ ?u a <{FZ}RosterUnit> }}"}),
        headers={"Accept": "application/n-triples"})
    assert headers["Content-Type"].startswith("application/n-triples") and len(body.splitlines()) == len(rows)
    # YASGUI on another origin: the preflight and the answer carry CORS headers
    status, headers, _ = http(url, method="OPTIONS", headers={"Origin": "http://localhost:3000",
                                                              "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*" and "POST" in headers[
        "Access-Control-Allow-Methods"]
    status, headers, _ = http(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, _, body = http(url + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x ?y }"}))
    assert status == 400 and b"syntax error" in body
    assert http(url.replace("/query", "/nowhere") + "?query=ASK%7B%7D")[0] == 404
    assert http(url)[0] == 400  # no query given


def test_serve_on_a_taken_port_says_so(example_store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        # (a real process: were the port taken unnoticed, it would serve on; the timeout ends the test then)
        r = run_fazhi_process("serve", "--port", str(s.getsockname()[1]), store=example_store, timeout=60)
    assert r.returncode == 1
    assert r.stderr.startswith("error: cannot listen on 127.0.0.1:") and "Traceback" not in r.stderr
