"""The Store interface behaves the same on the embedded store and on a real Oxigraph server (any_store)."""
from __future__ import annotations

import pytest
from fazhi.graph.errors import QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.store import open_store
from pyoxigraph import Literal, NamedNode, Triple

# one worker runs every test of a real server: one Virtuoso and one Oxigraph server per run (test_remote_queries)
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]

G1, G2 = NamedNode("urn:fazhi:test:g1"), NamedNode("urn:fazhi:test:g2")
EX = "https://w3id.org/fazhi/id/test/"


def triples(n: int, label: str = "x") -> list[Triple]:
    return [Triple(NamedNode(f"{EX}s{i}"), NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                   Literal(f"{label}{i}")) for i in range(n)]


def labels(store) -> list[str]:
    r = store.select("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    return [row[0].value for row in r.rows]


def test_replace_graph_replaces_and_queries_see_the_union(any_store):
    assert any_store.replace_graph(G1, triples(3, "a")) == 3
    any_store.replace_graph(G2, triples(2, "b"))
    assert labels(any_store) == ["a0", "a1", "a2", "b0", "b1"]
    any_store.replace_graph(G1, triples(1, "c"))  # again: replaces, no duplicates
    assert labels(any_store) == ["b0", "b1", "c0"]
    assert any_store.graphs() == [G1, G2]
    assert any_store.quad_count() == 3
    assert {q.graph_name for q in any_store.quads(G2)} == {G2}
    assert len(list(any_store.quads())) == 3
    any_store.remove_graph(G2)
    assert labels(any_store) == ["c0"] and any_store.graphs() == [G1]


def test_the_union_spans_graphs(any_store):
    """A path that crosses two source graphs matches (it would not inside GRAPH ?g), and a triple that two
    graphs hold is one row per graph on both backends (Oxigraph's union is per quad)."""
    a, b, c = (NamedNode(EX + n) for n in "abc")
    cites = NamedNode("http://data.europa.eu/eli/ontology#cites")
    any_store.replace_graph(G1, [Triple(a, cites, b), *triples(1)])
    any_store.replace_graph(G2, [Triple(b, cites, c), *triples(1)])
    r = any_store.select(f"SELECT ?x WHERE {{ {a} eli:cites+ ?x }} ORDER BY ?x")
    assert [row[0] for row in r.rows] == [b, c]
    assert labels(any_store) == ["x0", "x0"]
    assert any_store.quad_count() == 4


def test_terms_come_back_as_the_same_terms(any_store):
    odd = [Triple(NamedNode(EX + "甲"), NamedNode(EX + "p"), o) for o in (
        Literal("上蔡县司法局"), Literal("引号\"和\\反斜杠\n换行"), Literal("2021-06-30", datatype=NamedNode(
            "http://www.w3.org/2001/XMLSchema#date")), Literal("12", datatype=NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer")), Literal("x", language="zh"), NamedNode(EX + "乙"),
        Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),   # Virtuoso: "1"
        Literal("17.65", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))]
    any_store.replace_graph(G1, odd)
    r = any_store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert sorted(map(str, (row[0] for row in r.rows))) == sorted(str(t.object) for t in odd)


def test_a_graph_larger_than_one_request_block(any_store):
    """12,000 triples in one graph (Virtuoso takes at most ~4,990 per INSERT DATA): whole, and replaced whole."""
    assert any_store.replace_graph(G1, triples(12_000)) == 12_000
    assert any_store.quad_count() == 12_000
    any_store.replace_graph(G1, triples(5_001, "y"))
    r = any_store.select("SELECT (COUNT(*) AS ?n) (MIN(STR(?l)) AS ?m) WHERE { ?s rdfs:label ?l }")
    assert [t.value for t in r.rows[0]] == ["5001", "y0"]


def test_row_cap_and_bound_parameters(any_store):
    any_store.replace_graph(G1, triples(30))
    r = any_store.select("SELECT ?s WHERE { ?s ?p ?o }", limit=10)
    assert len(r) == 10 and r.truncated
    hostile = Literal('x9" } } DROP ALL ; INSERT DATA { <a> <b> "c')
    r = any_store.select("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": hostile})
    assert r.rows == []
    r = any_store.select("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": Literal("x7")})
    assert r.rows == [(NamedNode(EX + "s7"),)]
    assert any_store.quad_count() == 30


def test_ask_and_construct(any_store):
    any_store.replace_graph(G1, triples(2))
    assert any_store.query("ASK { ?s rdfs:label \"x1\" }") is True
    assert any_store.query("ASK { ?s rdfs:label \"nope\" }") is False
    got = any_store.query("CONSTRUCT { ?s rdfs:comment ?l } WHERE { ?s rdfs:label ?l }")
    assert sorted(t.object.value for t in got) == ["x0", "x1"]


@pytest.mark.parametrize("bad", ["DROP ALL", "INSERT DATA { <a:a> <a:b> <a:c> }",
                                 "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
def test_read_only_rule(any_store, bad):
    with pytest.raises(QueryError):
        any_store.query(bad)


def test_syntax_error_is_a_query_error(any_store):
    with pytest.raises(QueryError):
        any_store.query("SELECT ?s WHERE { ?s ?p }")


def test_time_limit(any_store):
    any_store.replace_graph(G1, triples(400))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 64 M rows
    with pytest.raises(QueryTimeout):
        any_store.select(slow, timeout=0.3)


def test_graph_store_protocol_put(oxigraph_server):
    from tests.conftest import clear_server

    clear_server(oxigraph_server)
    s = open_store(f"sparql:{oxigraph_server}/query|{oxigraph_server}/update|{oxigraph_server}/store")
    s.replace_graph(G1, triples(3))
    s.replace_graph(G1, triples(2, "y"))
    assert labels(s) == ["y0", "y1"] and s.graphs() == [G1]


def test_batch_replace_is_one_request(remote_store):
    remote_store.replace_graph(G1, triples(3, "old"))
    body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples(2, "new"))
    remote_store.replace_graphs([(G1, body), (G2, body.encode())])
    assert labels(remote_store) == ["new0", "new0", "new1", "new1"]
    assert remote_store.quad_count() == 4


def test_unreachable_endpoint():
    from tests.conftest import free_port

    s = open_store(f"sparql:http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        s.select("SELECT * WHERE { ?s ?p ?o }")


def test_writes_without_update_endpoint_say_what_to_give(remote_store):
    s = open_store(f"sparql:{remote_store.query_url}")
    with pytest.raises(StoreUnavailable, match="--update-endpoint"):
        s.replace_graph(G1, triples(1))


def test_a_default_graph_that_is_not_the_union_is_refused(remote_store, monkeypatch):
    """Told the server is a generic one, fazhi does not send Oxigraph's union parameter; the check notices."""
    remote_store.replace_graph(G1, triples(1))
    monkeypatch.setenv("FAZHI_SPARQL_SERVER", "generic")
    s = open_store(f"sparql:{remote_store.query_url}")
    with pytest.raises(StoreUnavailable, match="not the union"):
        s.select("SELECT * WHERE { ?s ?p ?o }")


def test_update_words_in_comments_do_not_change_the_query_form(any_store):
    # SPARQLWrapper guesses the form from keywords anywhere in the text; fazhi reads it itself
    any_store.replace_graph(G1, triples(2, "a"))
    r = any_store.select("# copy the labels, then load and add them\nSELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert [row[0].value for row in r.rows] == ["a0", "a1"]
