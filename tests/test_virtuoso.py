"""What the SPARQL backend does for Virtuoso alone (graph/virtuoso.py), on a throw-away Virtuoso where one is
needed; the named queries and the store suite run on it in tests/test_remote_queries.py and test_remote_store.py."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from fazhi.graph.errors import QueryError
from fazhi.graph.store import open_store
from fazhi.graph.virtuoso import Solutions, rewrite_paths
from fazhi.loaders.ingest import ingest
from fazhi.ontology.vocab import SOURCE_NS

from tests.conftest import clear_virtuoso

EX = "https://w3id.org/fazhi/id/test/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
# one worker runs every test of a real server: one Virtuoso per run (test_remote_queries, test_remote_store)
pytestmark = pytest.mark.xdist_group("servers")


def results(n: int):
    rows = ",".join('{"x": {"type": "literal", "value": "%d"}}' % i for i in range(n))
    return ox.parse_query_results(('{"head": {"vars": ["x"]}, "results": {"bindings": [%s]}}' % rows).encode(),
                                  format=ox.QueryResultsFormat.JSON)


def test_a_result_cut_at_the_servers_row_cap_is_refused():
    assert [r[0].value for r in Solutions(results(3), cap=5)] == ["0", "1", "2"]
    assert len(list(zip(range(2), Solutions(results(3), cap=3)))) == 2   # a reader that stops before: fine
    with pytest.raises(QueryError, match="ResultSetMaxRows"):
        list(Solutions(results(3), cap=3))


def test_paths_are_rewritten_only_from_a_parameter_and_outside_exists():
    q = ("SELECT * WHERE { ?d (fz:a|^fz:b)* ?x . ?x fz:c+ ?y FILTER EXISTS { ?d fz:a+ ?y } "
         "FILTER (?s = \"?d fz:a* ?z\") }")
    out = rewrite_paths(q, {"d": ox.NamedNode("http://d")})
    assert out.count("OPTION (TRANSITIVE") == 1 and "t_in(?t_in100), t_out(?x)" in out
    assert "?x fz:c+ ?y" in out and "EXISTS { ?d fz:a+ ?y }" in out and '"?d fz:a* ?z"' in out
    assert rewrite_paths(q, {}) == q


@pytest.fixture
def virtuoso_store(virtuoso_server):
    clear_virtuoso(virtuoso_server)
    s = open_store(virtuoso_server.descriptor)
    yield s
    s.close()


def test_its_own_graphs_stay_out_of_the_graph_list_and_the_export(virtuoso_server, virtuoso_store):
    """On a server not set up (its own graphs readable, as on a fresh Debian install): graphs(), quads() and
    quad_count() still hold fazhi's graphs only."""
    g = ox.NamedNode("urn:fazhi:test:g1")
    virtuoso_store.replace_graph(g, [ox.Triple(ox.NamedNode(EX + "a"), LABEL, ox.Literal("a"))])
    virtuoso_server.isql("DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1, 1)")   # private graphs readable
    try:
        fresh = open_store(virtuoso_server.descriptor)
        assert fresh.ask("ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }")
        assert fresh.graphs() == [g] and fresh.quad_count() == 1 and len(list(fresh.quads())) == 1
    finally:
        virtuoso_server.isql("DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1)")
    assert not open_store(virtuoso_server.descriptor).ask(
        "ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }")


def test_an_unfinished_write_is_dropped_by_the_next_ingest(virtuoso_store, tmp_path):
    """Virtuoso commits each operation of a request on its own, so a failed write can leave a file's body
    without its marker: the next ingest drops such graphs before it starts."""
    assert not virtuoso_store.writes_are_atomic
    half = ox.NamedNode(SOURCE_NS + "unfinished")
    virtuoso_store.update(f"INSERT DATA {{ GRAPH {half} {{ <{EX}b> {LABEL} \"half a file\" }} }}")
    roster = tmp_path / "units.csv"
    roster.write_text("name,kind\n示例县司法局,县直部门\n", encoding="utf-8")
    assert all(o.ok for o in ingest(virtuoso_store, [roster]))
    assert half not in virtuoso_store.graphs()
    assert not virtuoso_store.ask('ASK { ?s ?p "half a file" }')


def test_bulk_load_gives_the_same_graph(virtuoso_server, tmp_path):
    """deploy/virtuoso/bulk_load.py (the documented first load of a big corpus) puts exactly the embedded
    store's quads into Virtuoso, and a later `fazhi --endpoint … ingest` of the same files skips them all."""
    import subprocess
    import sys

    from tests.conftest import EXAMPLES, ROOT, run_fazhi

    clear_virtuoso(virtuoso_server)
    files = [*sorted((ROOT / "tests" / "data" / "remote").glob("qinghe*")), *sorted(EXAMPLES.glob("qingyuan*"))]
    emb = open_store(f"oxigraph:{tmp_path / 'store'}")
    assert all(o.ok for o in ingest(emb, files))
    emb.close()
    folder = virtuoso_server.folder / tmp_path.name   # (in its DirsAllowed)
    r = subprocess.run([sys.executable, str(ROOT / "deploy" / "virtuoso" / "bulk_load.py"), "--store",
                        str(tmp_path / "store"), "--dir", str(folder), "--isql",
                        f"isql-vt 127.0.0.1:{virtuoso_server.sql_port} dba dba"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    remote = open_store(virtuoso_server.descriptor)
    with open_store(f"oxigraph:{tmp_path / 'store'}", read_only=True) as emb:
        assert set(remote.quads()) == set(emb.quads()) and remote.graphs() == emb.graphs()
    r = run_fazhi("--endpoint", virtuoso_server.sparql, "--update-endpoint", virtuoso_server.sparql, "ingest", *files)
    assert r.returncode == 0 and all("unchanged" in line for line in r.stdout.splitlines()), r.stdout + r.stderr
