"""Extraction workers start from fazhi's modules alone: what the parent process did to itself (its main script's
top-level code, patched or reloaded modules) cannot break the pool (loaders/workers.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

REPORT = ROOT / "tests" / "data" / "remote" / "qinghe_2021.txt"


@pytest.fixture
def folder(tmp_path) -> Path:
    """Ten reports (copies under their own names): enough for ingest to use its worker pool."""
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(10):
        shutil.copy(REPORT, d / f"report_{i}.txt")
    return d


def run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    """Run ``body`` as a user's script (its own __main__), from a folder of its own."""
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(body))
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_a_parent_script_that_cannot_run_in_a_worker(folder, tmp_path):
    """A script whose top level holds the store's lock and refuses to run twice (what patching modules or
    opening a store at import amounts to): its workers used to run it again and die (BrokenProcessPool)."""
    r = run_script(tmp_path, f"""
        import sys
        from fazhi.graph.store import open_store
        from fazhi.loaders.ingest import ingest
        if __name__ != "__main__":
            raise SystemExit("this script runs once, in the parent")
        store = open_store("oxigraph:{tmp_path / 'store'}")
        outcomes = ingest(store, ["{folder}"], jobs=2)
        print(sum(o.ok for o in outcomes), "ok;", "worker_init imported:", "fazhi.loaders.worker_init" in sys.modules)
    """)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["10", "ok;", "worker_init", "imported:", "False"]
    assert "BrokenProcessPool" not in r.stderr


@pytest.mark.xdist_group("servers")  # on the worker whose Oxigraph server the other server tests use
def test_patched_modules_in_the_parent(folder, tmp_path, oxigraph_server):
    """A parent that patched fazhi's modules (as a test's monkeypatch or Streamlit's reload does) ingests into a
    server with --jobs 2: the workers take nothing from those patches."""
    r = run_script(tmp_path, f"""
        import fazhi.loaders.pipeline as pipeline
        import fazhi.loaders.worker_init as worker_init
        from fazhi.graph.store import open_store
        from fazhi.loaders.ingest import ingest
        from tests.conftest import clear_server

        worker_init.die_with_parent = lambda: None        # a function only this process has
        pipeline.read_report = None                       # the workers must use their own modules
        clear_server("{oxigraph_server}")
        store = open_store("sparql:{oxigraph_server}/query|{oxigraph_server}/update")
        outcomes = ingest(store, ["{folder}"], jobs=2)
        print(sum(o.ok for o in outcomes), len(store.graphs()) >= 10)
    """.replace("from tests.conftest", f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.conftest"))
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["10", "True"]


def test_the_parent_is_not_made_to_die_with_its_own_parent(folder):
    """Ingest in this process with a pool: worker_init (which sets the kernel's parent-death signal on whoever
    imports it) is imported by the workers only."""
    code = textwrap.dedent(f"""
        import ctypes, sys
        from fazhi.graph.store import open_store
        from fazhi.loaders.ingest import ingest
        assert len(ingest(open_store("memory:"), ["{folder}"], jobs=2)) == 10
        sig = ctypes.c_int(-1)
        ctypes.CDLL("libc.so.6").prctl(2, ctypes.byref(sig))   # PR_GET_PDEATHSIG
        print(sig.value, "fazhi.loaders.worker_init" in sys.modules)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["0", "False"]


def test_a_killed_ingest_leaves_no_workers_behind(tmp_path):
    """SIGKILL the ingesting process while its workers run: the forkserver and the workers go too (they would
    otherwise wait forever on each other's ends of their pipes)."""
    import os
    import signal
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        shutil.copy(REPORT, folder / f"report_{i:03d}.txt")
    code = f"""
        from fazhi.graph.store import open_store
        from fazhi.loaders.ingest import ingest
        ingest(open_store("memory:"), ["{folder}"], jobs=2)
    """
    p = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)])

    def children(pid: int) -> list[int]:
        path = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(c) for c in path.read_text().split()] if path.exists() else []

    deadline = time.monotonic() + 120
    family: list[int] = []
    while time.monotonic() < deadline and p.poll() is None:
        family = [c for c in children(p.pid)]
        family += [w for c in family for w in children(c)]
        if len(family) >= 3:          # the forkserver and its two workers
            break
        time.sleep(0.1)
    assert len(family) >= 3, "the ingest never started its workers"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() and
                                              "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
                                              for pid in family):
        time.sleep(0.2)
    alive = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:120].decode()
             for pid in family if Path(f"/proc/{pid}").exists()
             and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"}
    for pid in alive:   # (the test's own processes: not left behind when it fails)
        os.kill(pid, signal.SIGKILL)
    assert not alive, f"processes left behind: {alive}"
