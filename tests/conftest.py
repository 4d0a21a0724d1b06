"""Shared fixtures: real on-disk Oxigraph stores in temp folders, the shared corpus (skipped when absent)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("FAZHI_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "000_19011963f1b42800.txt"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/cases/*/expected.nq from the graphs the code makes now (test_golden.py)")


def fazhi_exe() -> list[str]:
    """The installed console script, or the module when run outside the venv."""
    exe = Path(sys.executable).parent / "fazhi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi.app.cli"]


def run_fazhi(*args, store: Path | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """Run the real `fazhi` command in a subprocess (as a user would)."""
    pre = ["--store", str(store)] if store is not None else []
    return subprocess.run([*fazhi_exe(), *pre, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          **kw)


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def disk_store(store_dir):
    from fazhi.graph.store import open_store

    s = open_store(f"oxigraph:{store_dir}")
    yield s
    s.close()


@pytest.fixture
def memory_store():
    from fazhi.graph.store import open_store

    return open_store("memory:")


@pytest.fixture(scope="session")
def seed_report() -> Path:
    if not SEED.exists():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    return SEED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    return CORPUS


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def places():
    """The Chain class, once the administrative-division data is there to resolve real places with."""
    from fazhi.loaders.extract.places import Chain, gazetteer

    if not gazetteer().places:
        pytest.skip("no administrative-division data installed")
    return Chain


@pytest.fixture(scope="module")
def app_store(tmp_path_factory) -> str:
    """An on-disk store filled from tests/data/app/ by the real ingest (the app tests' store)."""
    from test_app_data import build_store

    return build_store(tmp_path_factory.mktemp("appstore") / "store")


def has(cmd: str) -> bool:
    return shutil.which(cmd) is not None


# --- a real Oxigraph server for the remote backend (tests/test_remote*.py) ---------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` on a free loopback port for the whole session; yields its base URL, stopped after."""
    import time
    import urllib.request

    exe = Path(sys.executable).parent / "oxigraph"
    if not exe.exists() and not has("oxigraph"):
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    exe = str(exe) if exe.exists() else shutil.which("oxigraph")
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    log = open(location / "server.log", "wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}",
                             # a query the client gave up on stops on the server too, so nothing runs on
                             "--timeout-s", "20"],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph server did not start: {(location / 'server.log').read_text()[-500:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def clear_server(url: str) -> None:
    import urllib.request

    req = urllib.request.Request(f"{url}/update", data=b"DROP ALL", method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(req, timeout=30).read()


@pytest.fixture
def remote_store(oxigraph_server):
    """A SparqlStore on the session's server, emptied first."""
    from fazhi.graph.store import open_store

    clear_server(oxigraph_server)
    s = open_store(f"sparql:{oxigraph_server}/query|{oxigraph_server}/update")
    yield s
    s.close()


# --- a throw-away Virtuoso (tests/virtuoso.py): one per session, skipped only when it is not installed ---------
@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso on free loopback ports for the whole session (its files in a temp folder), stopped by pid after."""
    from tests import virtuoso

    why = virtuoso.installed()
    if why:
        pytest.skip(why)
    server = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def clear_virtuoso(server) -> None:
    """Drop every graph fazhi can see (Virtuoso's own graphs stay: it needs them)."""
    from fazhi.graph.store import open_store

    s = open_store(server.descriptor)
    drops = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in s.graphs())
    if drops:
        s.update(drops)


@pytest.fixture(params=["embedded", "remote", "virtuoso"])
def any_store(request, tmp_path):
    """The same tests on the embedded on-disk store, a real Oxigraph server and a real Virtuoso (empty each time)."""
    from fazhi.graph.store import open_store

    if request.param == "embedded":
        s = open_store(f"oxigraph:{tmp_path / 'store'}")
    elif request.param == "remote":
        url = request.getfixturevalue("oxigraph_server")
        clear_server(url)
        s = open_store(f"sparql:{url}/query|{url}/update")
    else:
        server = request.getfixturevalue("virtuoso_server")
        clear_virtuoso(server)
        s = open_store(server.descriptor)
    yield s
    s.close()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus_dir) -> Path:
    """An on-disk store with every report of the shared corpus (corpus, dev, dev2) ingested by the CLI, once per
    session (skipped when the corpus is absent)."""
    folders = [f for f in (corpus_dir, corpus_dir / "dev", corpus_dir / "dev2") if f.is_dir()]
    store = tmp_path_factory.mktemp("corpus") / "store"
    r = run_fazhi("ingest", *folders, store=store, timeout=900)
    assert r.returncode == 0, r.stderr
    return store


def stop_process_group(proc: subprocess.Popen) -> None:
    """Stop a server the test started in its own session (``start_new_session=True``): SIGTERM to its process
    group (it and its children only), SIGKILL if it has not ended after 10 s."""
    import signal

    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
