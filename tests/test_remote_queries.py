"""Every named query gives the same rows on the embedded store and on real servers (Oxigraph server, Virtuoso),
the same files in: the servers filled by `fazhi --endpoint … ingest` as a user would, once per server."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.queries import catalogue, run_named

from tests.conftest import CORPUS, EXAMPLES, SEED, clear_server, clear_virtuoso, run_fazhi

# one worker runs every test of a real server (xdist_group "servers": this module, test_remote_store,
# test_virtuoso, …): one Virtuoso and one Oxigraph server per run, each filled once here (by the CLI)
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]
DATA = Path(__file__).resolve().parent / "data" / "remote"
# the contract's parameter values (CONTRACT.md): a document of the shared corpus where it is here, else of
# tests/data/remote; the roster units of tests/data/remote on that date
DOCUMENTS = ["中发〔2015〕36号", "清政〔2021〕5号"]
AS_OF = "2021-06-30"


def inputs() -> list[Path]:
    """tests/data/remote, and the shared corpus (seed, dev, dev2) and examples/ where they are."""
    files = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".csv"))
    if CORPUS.exists():
        files += [SEED] + [p for d in ("dev", "dev2") for p in sorted((CORPUS / d).glob("*.txt"))]
        files += sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".csv"))
    return files


@dataclass
class Endpoint:
    kind: str
    query: str
    update: str

    @property
    def descriptor(self) -> str:
        return f"sparql:{self.query}|{self.update}"

    def cli(self) -> list[str]:
        """The CLI's options for this server (Oxigraph's update endpoint is derived, Virtuoso's given)."""
        return ["--endpoint", self.query] + (["--update-endpoint", self.update] if self.kind == "virtuoso" else [])


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request) -> Endpoint:
    """An emptied server of each kind (the session's own), as the tests of this module see it."""
    if request.param == "oxigraph":
        url = request.getfixturevalue("oxigraph_server")
        clear_server(url)
        return Endpoint("oxigraph", f"{url}/query", f"{url}/update")
    server = request.getfixturevalue("virtuoso_server")
    clear_virtuoso(server)
    return Endpoint("virtuoso", server.sparql, server.sparql)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    emb = open_store(f"oxigraph:{tmp_path_factory.mktemp('emb') / 'store'}")
    outcomes = ingest(emb, inputs())
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    yield emb
    emb.close()


@pytest.fixture(scope="module")
def embedded_validate(embedded):
    """`fazhi validate` on the embedded store (run once: what each server's validate is compared with)."""
    return run_fazhi("validate", store=Path(embedded.path))


@pytest.fixture(scope="module")
def both(embedded, endpoint):
    """The embedded store and the server, the same files ingested into each (the server by the CLI)."""
    r = run_fazhi(*endpoint.cli(), "ingest", *inputs())
    assert r.returncode == 0, r.stderr[-2000:]
    assert len(r.stdout.splitlines()) == len(inputs())
    rem = open_store(endpoint.descriptor)
    yield embedded, rem
    rem.close()


def ordered(sparql: str) -> bool:
    """Whether the query asks for an order (an ORDER BY outside its comments and strings)."""
    from fazhi.graph.sparql_text import blank_strings

    return re.search(r"\bORDER\s+BY\b", blank_strings(sparql), re.IGNORECASE) is not None


def cases() -> list[tuple[str, dict[str, str]]]:
    """Each named query with the contract's parameter values (every document for those that take one)."""
    out = []
    for name, q in sorted(catalogue().items()):
        if any(p.type == "document" and p.required for p in q.params):
            out += [(name, {"document": d}) for d in DOCUMENTS]
        elif any(p.name == "as_of" for p in q.params):
            out += [(name, {"as_of": AS_OF}), (name, {})]   # the date given, and today's
        elif any(p.type == "document" for p in q.params):
            out += [(name, {}), *((name, {"document": d}) for d in DOCUMENTS)]
        elif any(p.name == "year" for p in q.params):
            out += [(name, {}), (name, {"year": "2023"})]
        else:
            out.append((name, {}))
    return out


# Known differences, each a failing test until fixed (strict): what Virtuoso answers differently
# (none at present: case-reconciliation without a year, where Virtuoso 7.2 gave 1 row of 5, agrees since its
# people's-government OPTIONAL names the subject's statistic inside; see docs/remote.md)
KNOWN: dict[tuple[str, str, str], str] = {}


@pytest.mark.parametrize("name,values", cases(), ids=lambda v: v if isinstance(v, str) else
                         ",".join(f"{k}={x}" for k, x in v.items()) or "-")
def test_named_query_same_rows(both, endpoint, name, values, request):
    emb, rem = both
    known = KNOWN.get((endpoint.kind, name, ",".join(f"{k}={v}" for k, v in values.items())))
    if known:
        request.applymarker(pytest.mark.xfail(reason=known, strict=True))
    if values.get("document") == DOCUMENTS[0] and not CORPUS.exists():
        pytest.skip(f"{DOCUMENTS[0]} is in the shared corpus, not available at {CORPUS}")
    if "node" in {p.name for p in catalogue()[name].params}:
        values = {"node": run_named(emb, "statistics").rows[0][-1].value}  # a fact with a passage
    a, b = run_named(emb, name, values), run_named(rem, name, values)
    assert a.columns == b.columns
    assert len(a) > 0 or name == "duty-fulfilment"
    if ordered(catalogue()[name].sparql):
        assert a.to_csv() == b.to_csv()
        assert a.to_json() == b.to_json()
    else:  # no order asked for: the same rows
        assert sorted(a.values()) == sorted(b.values())
        assert sorted(map(str, a.rows)) == sorted(map(str, b.rows))   # the same terms (types, IRIs or not)


def test_the_data_gives_rows(both):
    emb, _ = both
    assert len(run_named(emb, "documents")) > 3
    assert len(run_named(emb, "units-without-legal-adviser", {"as_of": AS_OF})) >= 2
    if CORPUS.exists():
        assert len(run_named(emb, "obligation-chain", {"document": DOCUMENTS[0]})) > 100


def test_export_identical(both):
    emb, rem = both
    assert set(emb.quads()) == set(rem.quads())
    assert emb.graphs() == rem.graphs()
    assert emb.quad_count() == rem.quad_count()


def test_cli_commands_on_an_endpoint(both, endpoint, tmp_path):
    """ingest again (all unchanged), queries, query (csv/json), validate, export, the chain view with --endpoint."""
    ep = endpoint.cli()
    r = run_fazhi(*ep, "ingest", *inputs()[:3])
    assert r.returncode == 0, r.stderr
    assert all("unchanged" in line for line in r.stdout.splitlines())
    r = run_fazhi(*ep, "query", "units-without-legal-adviser", "--param", f"as_of={AS_OF}", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("unit,name,kind,parent_name,reason") and "清河县南湖街道" in r.stdout
    r = run_fazhi(*ep, "query", "nonexistent-query")
    assert r.returncode == 2 and r.stderr.startswith("error: ")
    r = run_fazhi(*ep, "query", "documents", "--format", "json")
    assert r.returncode == 0 and '"bindings"' in r.stdout
    bad = tmp_path / "upd.rq"
    bad.write_text("DELETE WHERE { ?s ?p ?o }")
    r = run_fazhi(*ep, "query", bad)
    assert r.returncode == 2 and "read-only" in r.stderr


def test_cli_export_and_validate_as_on_the_embedded_store(both, endpoint, embedded_validate, tmp_path):
    emb, _ = both
    ep = endpoint.cli()
    out = tmp_path / "all.nq"
    r = run_fazhi(*ep, "export", "--format", "nq", "-o", out)
    assert r.returncode == 0, r.stderr
    import pyoxigraph as ox

    assert set(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)) == set(emb.quads())
    r = run_fazhi(*ep, "validate")
    r_emb = embedded_validate
    assert (r.returncode, sorted(r.stdout.splitlines())) == (r_emb.returncode, sorted(r_emb.stdout.splitlines())), \
        r.stderr
    assert r.returncode in (0, 3)


def test_cli_chain_view_as_on_the_embedded_store(both, endpoint, tmp_path):
    """`export --format graphml --chain DOCUMENT`: the same chain, labels and evidence as from the embedded store."""
    import networkx as nx

    emb, _ = both
    document = DOCUMENTS[0] if CORPUS.exists() else DOCUMENTS[1]
    got = []
    for pre, store in ((endpoint.cli(), None), ([], Path(emb.path))):
        out = tmp_path / f"chain{len(got)}.graphml"
        r = run_fazhi(*pre, "export", "--format", "graphml", "--chain", document, "-o", out, store=store)
        assert r.returncode == 0, r.stderr
        got.append(nx.read_graphml(out))
    a, b = got
    assert a.number_of_edges() > 5 and any(d.get("evidence") for _, _, d in a.edges(data=True))
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))


def test_cli_without_derivable_update_endpoint(both, endpoint):
    query = endpoint.query.rsplit("/", 1)[0] + "/sparql" if endpoint.kind == "oxigraph" else endpoint.query
    r = run_fazhi("--endpoint", query, "ingest", "--force", inputs()[0])
    assert r.returncode == 1 and "--update-endpoint" in r.stderr


def test_cli_unreachable_endpoint():
    from tests.conftest import free_port

    r = run_fazhi("--endpoint", f"http://127.0.0.1:{free_port()}/query", "query", "agencies")
    assert r.returncode != 0 and r.stderr.startswith("error: ") and "cannot reach" in r.stderr


def test_app_reads_from_an_endpoint(both, endpoint, monkeypatch):
    """The Streamlit app, given a sparql: descriptor (what `fazhi --endpoint URL app` passes), shows the table."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", endpoint.descriptor)
    script = Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py"
    at = AppTest.from_file(str(script), default_timeout=60)
    at.query_params["query"] = "units-without-legal-adviser"
    at.query_params["as_of"] = AS_OF
    at.run()
    assert not at.exception and not at.error
    frames = [df.value for df in at.dataframe]
    # (a unit is shown by its name, a link whose address carries the name percent-encoded)
    assert frames and any("清河县南湖街道" in unquote(frame.to_csv()) for frame in frames)
