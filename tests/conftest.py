"""Shared fixtures: real on-disk Oxigraph stores in temp folders (the big ones built once per run and shared by
the pytest-xdist workers), the `fazhi` command line in this process or as a real process, a real Oxigraph
server per worker, the shared corpus (skipped when absent)."""
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


def pytest_collection_modifyitems(items):
    """The tests of an xdist_group (one browser, one filled server) first, in their order: xdist hands a group
    to one worker as one unit, and a long unit handed out last would be the run's tail. Every worker sorts the
    same way, so their collections still agree."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)


def fazhi_exe() -> list[str]:
    """The installed console script, or the module when run outside the venv."""
    exe = Path(sys.executable).parent / "fazhi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi.app.cli"]


def run_fazhi_process(*args, store: Path | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """Run the real `fazhi` console script in a subprocess, for tests where the process boundary is the point
    (exit statuses of the real command, stdout's encoding, the worker pool, a second process on the store)."""
    pre = ["--store", str(store)] if store is not None else []
    return subprocess.run([*fazhi_exe(), *pre, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          **kw)


def run_fazhi(*args, store: Path | None = None) -> subprocess.CompletedProcess:
    """Run the `fazhi` command line in this process (``fazhi.app.cli.main(argv)``, as click's CliRunner does):
    its exit status and what it wrote to stdout and stderr, read back as ``run_fazhi_process`` reads them
    (UTF-8, universal newlines). A subprocess would add ~1 s of start-up per call and nothing else here."""
    import contextlib
    import io

    from fazhi.app.cli import main

    argv = [*(["--store", str(store)] if store is not None else []), *map(str, args)]
    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    err_text = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
        try:
            code = main(argv)
        except SystemExit as e:  # (argparse's --help)
            code = e.code if isinstance(e.code, int) else 1
    out_text.flush()
    err_text.flush()

    def text(b: io.BytesIO) -> str:
        return io.TextIOWrapper(io.BytesIO(b.getvalue()), encoding="utf-8").read()

    return subprocess.CompletedProcess(argv, code, text(out), text(err))


def shared_once(tmp_path_factory, name: str, build) -> Path:
    """The folder ``name``, made by ``build(folder)`` once per test run, shared by the pytest-xdist workers: the
    first to ask builds it under a file lock, the others wait for it and reuse it (then only read it)."""
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # (each worker's base is a folder of the run's)
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / f"shared-{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            (root / f"shared-{name}.done").touch()
    return folder


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    """``ingested(name, paths)``: an on-disk store holding ``paths``, ingested by the CLI once per test run (an
    eval set, the shared corpus) and then only read (open it read-only). ``name`` says which set it is."""
    def store_of(name: str, paths) -> Path:
        paths = [Path(p) for p in paths]

        def build(folder: Path) -> None:
            r = run_fazhi("ingest", *paths, store=folder / "store")
            assert r.returncode == 0, f"{name}: {r.stderr}"
            (folder / "paths").write_text("\n".join(map(str, paths)), encoding="utf-8")

        folder = shared_once(tmp_path_factory, name, build)
        assert (folder / "paths").read_text(encoding="utf-8") == "\n".join(map(str, paths)), \
            f"the set {name} was ingested from other files"
        return folder / "store"

    return store_of


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


@pytest.fixture(scope="session", autouse=True)
def streamlit_components_scanned_once():
    """Each AppTest scans the metadata of every installed distribution for Streamlit components before its first
    run (~1 CPU s, most of a page's run in the app tests); the installed packages do not change during a test
    run, so the first scan's answer is kept (in workers whose tests use AppTest)."""
    if "streamlit.testing.v1" in sys.modules:
        import functools

        from streamlit.components.v2 import manifest_scanner

        if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
            manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
    yield


@pytest.fixture(scope="session")
def app_store(tmp_path_factory) -> str:
    """An on-disk store filled from tests/data/app/ by the real ingest (the app tests' store), built once per run
    and then only read."""
    from test_app_data import build_store

    return f"oxigraph:{shared_once(tmp_path_factory, 'appstore', build_store)}"


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
    log = open(location / "server.log", "wb")
    for _attempt in range(3):  # a free port can be taken (by a parallel test run) before the server binds it
        port = free_port()
        proc = subprocess.Popen([exe, "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}",
                                 # a query the client gave up on stops on the server too, so nothing runs on
                                 "--timeout-s", "20"],
                                stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None and time.monotonic() < deadline:  # up, and it is ours that answered
            break
        proc.kill()
        proc.wait()
    else:
        pytest.fail(f"oxigraph server did not start: {(location / 'server.log').read_text()[-500:]}")
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
def corpus_store(ingested, corpus_dir) -> Path:
    """An on-disk store with every report of the shared corpus (corpus, dev, dev2) ingested by the CLI, once per
    test run and shared by the workers, then only read (skipped when the corpus is absent)."""
    folders = [f for f in (corpus_dir, corpus_dir / "dev", corpus_dir / "dev2") if f.is_dir()]
    return ingested("corpus-folders", folders)


def stop_process_group(proc: subprocess.Popen) -> None:
    """Stop a server the test started in its own session (``start_new_session=True``): SIGTERM to its process
    group (it and its children only), SIGKILL if it has not ended after 10 s."""
    import contextlib
    import signal

    with contextlib.suppress(ProcessLookupError):  # (it may have ended already: a port taken, a crash)
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
