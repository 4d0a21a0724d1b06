"""Every named query gives the same CSV on the embedded store and on a real Oxigraph server, same files in."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.queries import catalogue, run_named

from tests.conftest import SEED, clear_server, run_fazhi

pytestmark = pytest.mark.server
DATA = Path(__file__).resolve().parent / "data" / "remote"


def inputs() -> list[Path]:
    files = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".csv"))
    return files + ([SEED] if SEED.exists() else [])


@pytest.fixture(scope="module")
def both(tmp_path_factory, oxigraph_server):
    clear_server(oxigraph_server)
    emb = open_store(f"oxigraph:{tmp_path_factory.mktemp('emb') / 'store'}")
    rem = open_store(f"sparql:{oxigraph_server}/query|{oxigraph_server}/update")
    for s in (emb, rem):
        outcomes = ingest(s, inputs())
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    yield emb, rem
    emb.close()


def params_for(name: str, store) -> dict[str, str]:
    """Parameter values that make each query return rows on this data."""
    q = catalogue()[name]
    values = {}
    for p in q.params:
        if p.name == "as_of":
            values[p.name] = "2021-06-30"
        elif p.type == "document":
            values[p.name] = "清政〔2021〕5号"
        elif p.name == "node":
            values[p.name] = run_named(store, "documents").rows[0][0].value
        elif p.required:
            pytest.fail(f"no test value for required parameter {name}.{p.name}")
    return values


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_named_query_csv_identical(both, name):
    emb, rem = both
    values = params_for(name, emb)
    a, b = run_named(emb, name, values), run_named(rem, name, values)
    assert a.columns == b.columns
    if "ORDER BY" in catalogue()[name].sparql.upper():
        assert a.to_csv() == b.to_csv()
    else:  # no order asked for: the same rows
        assert sorted(a.values()) == sorted(b.values())
    assert a.to_json() == b.to_json() or sorted(a.values()) == sorted(b.values())


def test_the_data_gives_rows(both):
    emb, _ = both
    assert len(run_named(emb, "documents")) > 3
    assert len(run_named(emb, "units-without-legal-adviser", {"as_of": "2021-06-30"})) >= 2


def test_export_identical(both):
    emb, rem = both
    assert set(emb.quads()) == set(rem.quads())
    assert emb.graphs() == rem.graphs()
    assert emb.quad_count() == rem.quad_count()


def test_cli_commands_on_an_endpoint(oxigraph_server, tmp_path):
    """ingest, queries, query (csv/json), validate, export all work with --endpoint."""
    clear_server(oxigraph_server)
    ep = ["--endpoint", f"{oxigraph_server}/query"]
    r = run_fazhi(*ep, "ingest", *inputs())
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == len(inputs())
    r = run_fazhi(*ep, "query", "units-without-legal-adviser", "--param", "as_of=2021-06-30", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("unit,name,kind,parent_name,reason") and "清河县南湖街道" in r.stdout
    r = run_fazhi(*ep, "query", "nonexistent-query")
    assert r.returncode == 2 and r.stderr.startswith("error: ")
    r = run_fazhi(*ep, "query", "documents", "--format", "json")
    assert r.returncode == 0 and '"bindings"' in r.stdout
    out = tmp_path / "all.nq"
    r = run_fazhi(*ep, "export", "--format", "nq", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 1000
    from fazhi.ontology import SHAPES_TTL

    if Path(SHAPES_TTL).exists():  # the shapes come with the ontology work
        r = run_fazhi(*ep, "validate")
        assert r.returncode in (0, 3), r.stderr
    bad = tmp_path / "upd.rq"
    bad.write_text("DELETE WHERE { ?s ?p ?o }")
    r = run_fazhi(*ep, "query", bad)
    assert r.returncode == 2 and "read-only" in r.stderr


def test_cli_without_derivable_update_endpoint(oxigraph_server, tmp_path):
    weird = oxigraph_server + "/sparql"
    r = run_fazhi("--endpoint", weird, "ingest", "--force", inputs()[0])
    assert r.returncode == 1 and "--update-endpoint" in r.stderr


def test_cli_unreachable_endpoint():
    from tests.conftest import free_port

    r = run_fazhi("--endpoint", f"http://127.0.0.1:{free_port()}/query", "query", "agencies")
    assert r.returncode != 0 and r.stderr.startswith("error: ") and "cannot reach" in r.stderr


def test_app_reads_from_an_endpoint(oxigraph_server, monkeypatch):
    """The Streamlit app, given a sparql: descriptor (what `fazhi --endpoint URL app` passes), shows the table."""
    from streamlit.testing.v1 import AppTest

    clear_server(oxigraph_server)
    with open_store(f"sparql:{oxigraph_server}/query|{oxigraph_server}/update") as s:
        assert all(o.ok for o in ingest(s, inputs()))
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", f"sparql:{oxigraph_server}/query|{oxigraph_server}/update")
    script = Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py"
    at = AppTest.from_file(str(script), default_timeout=60)
    at.query_params["query"] = "units-without-legal-adviser"
    at.query_params["as_of"] = "2021-06-30"
    at.run()
    assert not at.exception and not at.error
    frames = [df.value for df in at.dataframe]
    # (a unit is shown by its name, a link whose address carries the name percent-encoded)
    assert frames and any("清河县南湖街道" in unquote(frame.to_csv()) for frame in frames)
