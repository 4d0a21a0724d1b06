"""Paging (fazhi.graph.paging, queries.run_page) on a real on-disk store: the pages of every named query, put
end to end, are its whole result in the same order, also against the whole result computed by another process
(the CLI), and the query's own LIMIT/OFFSET is respected.
"""
from __future__ import annotations

import csv
import io

import pytest
from conftest import run_fazhi
from test_app_data import NANXI, build_store, statistic_iri

from fazhi.graph.errors import QueryError
from fazhi.graph.paging import fetch_page, with_limit


@pytest.fixture(scope="module")
def store_desc(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("paging") / "store")


@pytest.fixture
def ro(store_desc):
    from fazhi.graph.store import open_store

    with open_store(store_desc, read_only=True) as s:
        yield s


def plan(store) -> dict[str, dict]:
    """Parameter values that make each named query answer with rows on the test store."""
    from fazhi.queries import catalogue

    values = {"units-without-legal-adviser": {"as_of": "2021-06-30"}, "obligation-chain": {"document": NANXI},
              "evidence": {"node": statistic_iri(store, NANXI, 57)}}
    return {name: values.get(name, {}) for name in catalogue()}


def all_pages(store, name, values, size):
    from fazhi.queries import run_page

    rows, number = [], 1
    while True:
        pg = run_page(store, name, values, page=number, size=size)
        assert len(pg.results.rows) <= size
        rows += pg.results.values()
        if not pg.has_next:
            return rows, number
        assert len(pg.results.rows) == size  # only the last page is short
        number += 1


def test_pages_end_to_end_are_the_whole_result_of_every_named_query(ro):
    from fazhi.queries import run_named

    multi = 0
    for name, values in plan(ro).items():
        whole = run_named(ro, name, values).values()
        for size in (2, 3):
            rows, pages = all_pages(ro, name, values, size)
            assert rows == whole, (name, size)  # the same rows in the same order
            assert pages == max(1, -(-len(whole) // size)), (name, size)
        multi += len(whole) > 3
    assert multi >= 4  # several queries span several pages here: the test can fail


def test_pages_match_the_whole_result_computed_by_another_process(ro, store_desc):
    """The order is the store's own, not this process's: the CLI's CSV in a fresh process agrees."""
    from fazhi.queries import run_page

    store_dir = store_desc.removeprefix("oxigraph:")
    for name in ("statistics", "obligations", "documents", "agencies", "citations"):
        r = run_fazhi("query", name, "--format", "csv", store=store_dir)
        assert r.returncode == 0, r.stderr
        whole = list(csv.reader(io.StringIO(r.stdout)))[1:]
        assert len(whole) > 2, name
        second = run_page(ro, name, {}, page=2, size=2)
        assert second.results.values() == whole[2:4], name
        assert second.first_row == 3 and second.last_row == 2 + len(second.results.rows)


def test_next_page_is_known_from_one_row_more(ro):
    from fazhi.queries import run_named, run_page

    n = len(run_named(ro, "statistics"))
    assert run_page(ro, "statistics", page=1, size=n).has_next is False
    assert run_page(ro, "statistics", page=1, size=n - 1).has_next is True
    past = run_page(ro, "statistics", page=5, size=n)
    assert past.results.rows == [] and not past.has_next and past.first_row == 0


def test_a_query_with_its_own_limit_and_offset_is_paged_within_them(ro):
    q = "SELECT ?s ?v WHERE { ?s a fz:Statistic ; fz:value ?v } ORDER BY ?v ?s LIMIT 5 OFFSET 2"
    whole = ro.select(q).values()
    assert len(whole) == 5
    got = []
    for number in (1, 2, 3):
        pg = fetch_page(ro, q, number=number, size=2)
        got += pg.results.values()
        assert pg.has_next == (number < 3)
    assert got == whole


def test_bad_pages_are_refused():
    with pytest.raises(QueryError):
        with_limit("SELECT * WHERE { ?s ?p ?o }", -1)
    with pytest.raises(QueryError):
        fetch_page(None, "SELECT * WHERE { ?s ?p ?o }", number=0)
