"""The query surface cannot write: updates and SERVICE are refused (CLI exit 2, store unchanged), values
are bound as terms, and every query has a time limit that really stops it and a row cap."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest
from conftest import run_fazhi, run_fazhi_process

from fazhi.graph.errors import QueryError, QueryTimeout
from fazhi.graph.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "inputs"
REPORT = DATA / "heming_2022.txt"

UPDATES = {
    "insert-data": 'INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "c" } }',
    "delete-data": 'DELETE DATA { <urn:a> <urn:b> "c" }',
    "delete-where": "DELETE WHERE { ?s ?p ?o }",
    "insert-where": "PREFIX fz: <https://w3id.org/fazhi/ontology#>\nINSERT { ?s fz:x 1 } WHERE { ?s ?p ?o }",
    "delete-insert": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "with": "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "load": "LOAD <http://example.org/data.ttl>",
    "load-into": "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:g>",
    "clear": "CLEAR ALL",
    "drop": "DROP ALL",
    "drop-lower": "# comment first\ndrop   graph <urn:g>",
    "create": "CREATE GRAPH <urn:new>",
    "add": "ADD DEFAULT TO <urn:g>",
    "move": "MOVE <urn:a> TO <urn:b>",
    "copy": "COPY DEFAULT TO <urn:g>",
    "select-then-drop": "SELECT * WHERE { ?s ?p ?o } ;\nDROP ALL",
    "service": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "service-silent": "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT ?ep { ?s ?q ?r } }",
}


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("ro") / "store"
    r = run_fazhi("ingest", REPORT, DATA / "heming_2022_gbk.html", store=store)
    assert r.returncode == 0, r.stderr
    return store


def snapshot(store: Path) -> set:
    with open_store(f"oxigraph:{store}", read_only=True) as s:
        return {str(q) for q in s.quads()}


@pytest.mark.parametrize("form", sorted(UPDATES))
def test_store_api_refuses(loaded_store, form):
    with open_store(f"oxigraph:{loaded_store}", read_only=True) as s:
        for method in (s.query, s.select):
            with pytest.raises(QueryError) as e:
                method(UPDATES[form])
            assert "refused" in str(e.value)


def test_cli_refuses_every_update_form(loaded_store, tmp_path):
    before = snapshot(loaded_store)
    for form, text in UPDATES.items():
        rq = tmp_path / f"{form}.rq"
        rq.write_text(text, encoding="utf-8")
        r = run_fazhi("query", rq, store=loaded_store)
        assert r.returncode == 2, (form, r.stdout, r.stderr)
        assert r.stderr.startswith("error: ") and r.stderr.strip().count("\n") == 0, (form, r.stderr)
        assert "refused" in r.stderr, (form, r.stderr)
    assert snapshot(loaded_store) == before


def test_update_words_inside_strings_and_names_are_fine(loaded_store, tmp_path):
    rq = tmp_path / "ok.rq"
    rq.write_text('PREFIX ex: <urn:ex:>\n# DROP ALL in a comment\nSELECT ?add ?insert WHERE {\n'
                  '  BIND("DELETE WHERE { ?s ?p ?o }" AS ?add) BIND(ex:drop AS ?insert) }', encoding="utf-8")
    r = run_fazhi("query", rq, "--format", "csv", store=loaded_store)
    assert r.returncode == 0, r.stderr
    assert "DELETE WHERE" in r.stdout


def test_parameter_values_cannot_change_the_query(loaded_store, tmp_path):
    before = snapshot(loaded_store)
    rq = tmp_path / "by-title.rq"
    rq.write_text("#+ title: by title\n#+ param: t string  a title\n#+ param: d iri optional  a node\n"
                  "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
                  "SELECT ?doc WHERE { ?doc eli:title ?t }", encoding="utf-8")
    evil = "x> } ; DROP ALL ; <y"
    r = run_fazhi("query", rq, "--param", f"t={evil}", "--format", "csv", store=loaded_store)
    assert r.returncode == 0 and r.stdout.strip() == "doc", (r.stdout, r.stderr)
    r = run_fazhi("query", rq, "--param", "t=x", "--param", f"d={evil}", store=loaded_store)
    assert r.returncode == 2 and "not an IRI" in r.stderr
    for value in (evil, '" } DROP ALL { "', "x\\\" . } INSERT DATA { <a> <b> <c> } #"):
        r = run_fazhi("query", "obligation-chain", "--param", f"document={value}", store=loaded_store)
        assert r.returncode == 2 and "Traceback" not in r.stderr
    # the real title still finds its document through the same binding
    title = "鹤鸣县人民政府关于鹤鸣县2021年度法治政府建设工作情况的报告"
    r = run_fazhi("query", rq, "--param", f"t={title}", "--format", "csv", store=loaded_store)
    assert r.returncode == 0 and "鹤政文〔2022〕9号" in r.stdout
    assert snapshot(loaded_store) == before


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def _processes_with_marker(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (the CLI and its query workers inherit it)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if marker.encode() in (d / "environ").read_bytes():
                out.append(int(d.name))
        except OSError:
            continue
    return out


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_cli_time_limit_stops_a_cartesian_product(loaded_store, tmp_path):
    rq = tmp_path / "cartesian.rq"
    rq.write_text(CARTESIAN, encoding="utf-8")
    marker = f"FAZHI_TEST_MARK={uuid.uuid4().hex}"
    env = dict(os.environ, FAZHI_TEST_MARK=marker.split("=", 1)[1])
    t0 = time.monotonic()
    r = run_fazhi_process("--timeout", "1", "query", rq, store=loaded_store, env=env)
    elapsed = time.monotonic() - t0
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == "error: query stopped at its time limit of 1 s"
    assert elapsed < 6
    deadline = time.monotonic() + 1.0  # a worker notices its parent is gone within half a second
    while _processes_with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_with_marker(marker) == [], "a query worker outlived the command"


def test_library_time_limit_kills_the_worker(loaded_store):
    from fazhi.graph import query_worker

    with open_store(f"oxigraph:{loaded_store}", read_only=True) as s:
        assert s.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1").rows
        pids = query_worker.live_pids()
        assert pids
        t0 = time.monotonic()
        with pytest.raises(QueryTimeout):
            s.select(CARTESIAN, timeout=1)
        assert time.monotonic() - t0 < 3
        killed = set(pids) - set(query_worker.live_pids())
        assert killed, "the worker running the query must be gone"
        for pid in killed:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        # the next query gets a fresh worker and works
        assert s.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value != "0"
        assert s.ask("ASK { ?s ?p ?o }") is True
    query_worker.shutdown()
    assert query_worker.live_pids() == []


def test_in_process_time_limit_on_memory_store():
    """The in-memory store cannot be shared with a worker: the caller still regains control at the limit."""
    from pyoxigraph import Literal, NamedNode, Triple

    s = open_store("memory:")
    s.replace_graph(NamedNode("urn:g"), [Triple(NamedNode(f"urn:s{i}"), NamedNode("urn:p"), Literal(str(i)))
                                         for i in range(50)])
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):  # 50^4 rows: ~2 s of work, so the abandoned thread ends soon too
        s.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=0.5)
    assert time.monotonic() - t0 < 2


def test_row_cap(loaded_store):
    r = run_fazhi("query", "agencies", "--limit", "1", "--format", "csv", store=loaded_store)
    assert r.returncode == 0
    assert len(r.stdout.strip().splitlines()) == 2
    assert "truncated" in r.stderr
    with open_store(f"oxigraph:{loaded_store}", read_only=True) as s:
        res = s.select("SELECT * WHERE { ?s ?p ?o }", limit=5)
        assert len(res.rows) == 5 and res.truncated


def test_worker_hands_back_every_kind_of_term(tmp_path):
    """Rows cross from the query worker as plain values: every kind of term comes back equal to the one
    the store holds (IRIs, plain, typed and language-tagged literals, blank nodes, unbound)."""
    import pyoxigraph as ox

    path = tmp_path / "store"
    s = ox.Store(str(path))
    b = ox.BlankNode("b1")
    objects = [ox.NamedNode("urn:o"), ox.Literal("纯文本"), ox.Literal("3", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), ox.Literal("第一", language="zh"), b]
    for i, o in enumerate(objects):
        s.add(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), o, ox.NamedNode("urn:g")))
    del s
    with open_store(f"oxigraph:{path}", read_only=True) as store:
        res = store.select("SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:nothing> ?none } }")
    got = {row[0].value: row[1:] for row in res.rows}
    assert [got[f"urn:s{i}"] for i in range(len(objects))][:4] == [(o, None) for o in objects[:4]]
    blank, none = got["urn:s4"]
    assert isinstance(blank, ox.BlankNode) and none is None
    assert [type(r[1]) for r in res.rows].count(ox.Literal) == 3


def test_read_only_store_cannot_write(loaded_store):
    from pyoxigraph import NamedNode

    from fazhi.graph.errors import StoreUnavailable

    with open_store(f"oxigraph:{loaded_store}", read_only=True) as s:
        with pytest.raises(StoreUnavailable):
            s.replace_graph(NamedNode("urn:g"), [])
        with pytest.raises(StoreUnavailable):
            s.remove_graph(NamedNode("urn:g"))


# how fast a named query answers on the worker path is a floor in benchmarks/floors.py (`make bench-floors`)


def test_missing_store_is_created_empty(tmp_path):
    """The contract: --store DIR is created when missing; a query there answers with no rows."""
    r = run_fazhi("query", "agencies", "--format", "csv", store=tmp_path / "nothing")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[0].startswith("agency,name")
    assert len(r.stdout.strip().splitlines()) == 1
    assert (tmp_path / "nothing" / "CURRENT").exists()


def test_worker_sees_every_write_made_after_it_opened_the_store(tmp_path):
    """The query worker keeps its read-only view between queries; each kind of write by a writer that stays
    open (small ones that only reach the write-ahead log, a bulk load that adds table files, a removal)
    must show in the next answer."""
    import pyoxigraph as ox

    from fazhi.graph import query_worker

    path = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def one(graph: str, value: str) -> tuple:
        return ox.NamedNode(graph), [ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal(value))]

    with open_store(f"oxigraph:{path}") as w:
        w.replace_graph(*one("urn:g1", "1"))
        with open_store(f"oxigraph:{path}", read_only=True) as r:
            assert r.select(count).rows[0][0].value == "1"
            pid = query_worker.live_pids()
            w.replace_graph(*one("urn:g2", "2"))
            assert r.select(count).rows[0][0].value == "2"
            w.replace_graph(*one("urn:g2", "3"))
            assert r.select("SELECT ?v WHERE { GRAPH <urn:g2> { ?s ?p ?v } }").rows[0][0].value == "3"
            body = "".join(f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(5000)).encode()
            w.write_graphs([(ox.NamedNode("urn:g3"), body, b"")], bulk=True)
            assert r.select(count).rows[0][0].value == "5002"
            w.remove_graph(ox.NamedNode("urn:g1"))
            assert r.select(count).rows[0][0].value == "5001"
            assert set(pid) & set(query_worker.live_pids()), "the same worker answered throughout"
