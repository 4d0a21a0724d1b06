"""The store interface on the embedded Oxigraph store, on disk and in memory."""
from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
import pytest

from fazhi.graph.analytics import neighbourhood, to_networkx
from fazhi.graph.errors import QueryError, QueryTimeout
from fazhi.graph.export import FORMATS, export_bytes
from fazhi.graph.sparql_text import check_read_only
from fazhi.graph.store import open_store

EX = "http://example.org/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")


def triples(n: int, tag: str = "a"):
    return [ox.Triple(ox.NamedNode(f"{EX}{tag}{i}"), ox.NamedNode(EX + "p"), ox.Literal(f"值{i}")) for i in range(n)]


@pytest.fixture(params=["disk", "memory"])
def store(request, tmp_path):
    s = open_store(f"oxigraph:{tmp_path / 'kg'}" if request.param == "disk" else "memory:")
    yield s
    s.close()


def test_replace_graph_is_idempotent_and_replaces(store):
    store.replace_graph(G1, triples(5))
    store.replace_graph(G2, triples(3, "b"))
    assert store.quad_count() == 8
    store.replace_graph(G1, triples(5))
    assert store.quad_count() == 8, "the same content again must not duplicate"
    store.replace_graph(G1, triples(2))
    assert store.quad_count() == 5, "a changed source replaces its old facts"
    assert {g.value for g in store.graphs()} == {G1.value, G2.value}
    store.remove_graph(G2)
    assert store.quad_count() == 2


def test_queries_run_over_the_union_of_graphs(store):
    store.replace_graph(G1, triples(2))
    store.replace_graph(G2, triples(2, "b"))
    r = store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s")
    assert r.columns == ["s"] and len(r) == 4
    assert store.ask(f"ASK {{ <{EX}b1> ?p ?o }}") is True
    assert len(store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}")) == 4


def test_row_cap_marks_truncation(store):
    store.replace_graph(G1, triples(30))
    r = store.select("SELECT ?s WHERE { ?s ?p ?o }", limit=10)
    assert len(r) == 10 and r.truncated
    r = store.select("SELECT ?s WHERE { ?s ?p ?o }", limit=30)
    assert len(r) == 30 and not r.truncated


def test_time_limit_stops_a_runaway_query(store):
    # 150³ ≈ 3.4 M solutions: a couple of seconds of work, so a 0.3 s limit must cut it
    store.replace_graph(G1, triples(150))
    with pytest.raises(QueryTimeout):
        store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.3)


def test_parameters_are_terms_not_text(store):
    store.replace_graph(G1, triples(3))
    evil = ox.Literal('x"> } ; DROP ALL ; <y')
    r = store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?v }}", {"v": evil})
    assert len(r) == 0
    assert store.quad_count() == 3
    r = store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?v }}", {"v": ox.Literal("值1")})
    assert [row[0].value for row in r.rows] == [EX + "a1"]


@pytest.mark.parametrize("query", ["DROP ALL", "INSERT DATA { <a:b> <a:c> <a:d> }", "CLEAR DEFAULT",
                                   "DELETE WHERE { ?s ?p ?o }", "LOAD <http://x/y>", "CREATE GRAPH <a:g>",
                                   "ADD DEFAULT TO <a:g>", "MOVE <a:g> TO <a:h>", "COPY <a:g> TO <a:h>",
                                   "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }"])
def test_updates_and_service_are_refused(store, query):
    store.replace_graph(G1, triples(3))
    with pytest.raises(QueryError):
        store.query(query)
    assert store.quad_count() == 3


def test_keywords_inside_strings_variables_and_names_are_allowed():
    check_read_only('SELECT ?add ?load WHERE { ?add <http://x/drop> "DELETE ALL" . ?load a ?copy } # DROP')


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="syntax"):
        store.select("SELECT ?s WHERE { ?s ?p }")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_formats_parse_back(store, fmt):
    store.replace_graph(G1, triples(3))
    store.replace_graph(G2, [ox.Triple(ox.NamedNode(EX + "a0"), ox.NamedNode(EX + "link"), ox.NamedNode(EX + "b0"))])
    data = export_bytes(store, fmt)
    if fmt == "graphml":
        g = nx.read_graphml(io.BytesIO(data))
        assert g.has_edge(EX + "a0", EX + "b0")
        return
    rdf_format = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
                  "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    parsed = list(ox.parse(data, rdf_format))
    assert len({(q.subject, q.predicate, q.object) for q in parsed}) == 4
    if fmt in ("trig", "nq"):
        assert {q.graph_name.value for q in parsed} == {G1.value, G2.value}


def test_networkx_view_and_neighbourhood(store):
    link = ox.NamedNode(EX + "link")
    store.replace_graph(G1, [ox.Triple(ox.NamedNode(f"{EX}n{i}"), link, ox.NamedNode(f"{EX}n{i + 1}"))
                             for i in range(10)])
    g = to_networkx(store.quads())
    sub = neighbourhood(g, EX + "n5", radius=2)
    assert set(sub.nodes) == {f"{EX}n{i}" for i in range(3, 8)}
    assert neighbourhood(g, EX + "n5", radius=5, max_nodes=4).number_of_nodes() == 4


def test_on_disk_store_persists(tmp_path):
    path = tmp_path / "kg"
    with open_store(f"oxigraph:{path}") as s:
        s.replace_graph(G1, triples(4))
    with open_store(f"oxigraph:{path}", read_only=True) as s:
        assert s.quad_count() == 4


def test_change_graph_of_any_backend_equals_the_embedded_update():
    """The generic change (rewrite through replace_graph) and Oxigraph's one update leave the same graph."""
    import pyoxigraph as ox

    from fazhi.graph.store import Store

    g = ox.NamedNode("urn:g")
    t = [ox.Triple(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i))) for i in range(4)]
    results = []
    for change in (Store.change_graph, lambda s, *a, **k: s.change_graph(*a, **k)):
        s = open_store("memory:")
        s.replace_graph(g, t[:3])
        change(s, g, remove=[t[0], t[3]], add=[t[3], t[1]])
        results.append(sorted(str(q) for q in s.quads(g)))
    assert results[0] == results[1] == sorted(str(ox.Quad(*x, g)) for x in (t[1], t[2], t[3]))
