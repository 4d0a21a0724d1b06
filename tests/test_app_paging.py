"""The Ask page a page at a time (AppTest on the real test store, pages of 4 rows via FAZHI_PAGE_ROWS):
page 1 first, next and previous, the page in the shareable address, the whole result on demand."""
from __future__ import annotations

import pytest

pytest.importorskip("streamlit.testing.v1")
from test_app import start_app  # noqa: E402

ROWS = 4


@pytest.fixture
def app(app_store, monkeypatch):
    """The app with the sidebar's "show IRIs" switch on: its tables show the raw values a page fetched, which
    these tests compare with the whole result (labels and links are test_app's)."""
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", app_store)
    monkeypatch.setenv("FAZHI_PAGE_ROWS", str(ROWS))
    return lambda **params: start_app({"show-iris": True}, **params)


def whole(app_store, name: str, values: dict | None = None) -> list[list[str]]:
    from fazhi.graph.store import open_store
    from fazhi.queries import run_named

    with open_store(app_store, read_only=True) as s:
        return run_named(s, name, values or {}).values()


def shown(at) -> list[list[str]]:
    df = at.dataframe[0].value
    return [[str(v) for v in row] for row in df.itertuples(index=False)]


def param(at, key: str):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


def test_pages_walk_the_whole_result_and_the_address_follows(app, app_store):
    want = whole(app_store, "statistics")
    assert len(want) > 2 * ROWS  # three pages at least: the test can fail
    at = app(query="statistics")
    first = shown(at)
    assert first == want[:ROWS]
    assert param(at, "page") is None  # page 1 keeps the plain address
    assert button(at, "prev-ask-statistics").disabled and not button(at, "next-ask-statistics").disabled
    assert not at.get("download_button")  # the whole result is not computed for a page
    pages = [first]
    while not button(at, "next-ask-statistics").disabled:
        button(at, "next-ask-statistics").click().run()
        assert not at.exception
        pages.append(shown(at))
        assert param(at, "page") == str(len(pages))
    assert pages[1] != pages[0]
    assert [row for p in pages for row in p] == want  # the union of the pages is the whole result, in order
    assert f"{len(want)}" in " ".join(c.value for c in at.caption)  # the last page knows the total
    button(at, "prev-ask-statistics").click().run()
    assert shown(at) == pages[-2] and param(at, "page") == str(len(pages) - 1)
    button(at, "first-ask-statistics").click().run()
    assert shown(at) == pages[0] and param(at, "page") is None


def test_shared_link_opens_its_page(app, app_store):
    want = whole(app_store, "statistics")
    at = app(query="statistics", page="2")
    assert shown(at) == want[ROWS:2 * ROWS]
    assert param(at, "page") == "2" and param(at, "query") == "statistics"
    at = app(query="statistics", page="99")  # past the end: says so instead of failing
    assert not at.dataframe[0].value.shape[0] and any("结束" in i.value for i in at.info)
    at = app(query="statistics", page="x")
    assert shown(at) == want[:ROWS]


def test_full_download_is_prepared_on_demand(app, app_store):
    want = whole(app_store, "statistics")
    at = app(query="statistics")
    button(at, "full-ask-statistics").click().run()
    labels = [b.label for b in at.get("download_button")]
    assert "下载 CSV" in labels and "下载 JSON" in labels
    assert any(f"共 {len(want)} 行" in c.value for c in at.caption)
    button(at, "next-ask-statistics").click().run()  # the prepared download stays while paging
    assert "下载 CSV" in [b.label for b in at.get("download_button")]


def test_other_parameters_start_again_at_page_one(app, app_store):
    at = app(query="documents", page="2")
    assert shown(at) == whole(app_store, "documents")[ROWS:2 * ROWS]
    at.selectbox(key="ask-query-explore").set_value("statistics").run()
    assert shown(at) == whole(app_store, "statistics")[:ROWS] and param(at, "page") is None


def test_a_result_on_one_page_has_its_downloads_at_once(app, app_store):
    at = app(query="units-without-legal-adviser", as_of="2021-06-30")
    assert len(shown(at)) == 3 and not any(b.key.startswith("next-") for b in at.button)
    assert "下载 CSV" in [b.label for b in at.get("download_button")]
