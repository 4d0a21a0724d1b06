"""Reading the on-disk store while another process ingests into it: opens and queries never fail.

A read-only open lists the store's files and then opens them; a concurrent ingest can compact or rotate a
file in between, which pyoxigraph reports as ``RuntimeError("Corruption: ... No such file ...")`` (about 1
open in 40 on this machine). The store retries that open (``read_only_view``), the query worker retries a
read that hits it.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import run_fazhi

ROOT = Path(__file__).resolve().parent.parent
FAZHI = str(Path(sys.executable).parent / "fazhi")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_transient_open_error_is_retried_and_others_are_not(tmp_path, monkeypatch):
    from fazhi.graph import store as store_mod

    with store_mod.open_store(f"oxigraph:{tmp_path / 's'}") as s:
        s.replace_graph(ox.NamedNode("http://g"), [ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://p"),
                                                             ox.Literal("x"))])
    real = ox.Store.read_only
    calls = []

    def flaky(path):
        calls.append(path)
        if len(calls) <= 2:  # what a concurrent compaction looks like from here
            raise RuntimeError("Corruption: Corruption: IO error: No such file or directory: While open a file")
        return real(path)

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(flaky))
    with store_mod.OxigraphStore(tmp_path / "s", read_only=True, isolate=False) as s:
        assert int(s.select(COUNT).rows[0][0].value) == 1
    assert len(calls) == 3

    def broken(path):
        raise RuntimeError("Invalid argument: not a store")

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(broken))
    t0 = time.monotonic()
    with pytest.raises(store_mod.StoreUnavailable, match="Invalid argument"):
        store_mod.OxigraphStore(tmp_path / "s", read_only=True, isolate=False)
    assert time.monotonic() - t0 < 0.5  # not retried: only the writer race is transient


@pytest.mark.slow
def test_queries_during_a_looping_ingest_never_fail(tmp_path):
    """A writer process ingests again and again; meanwhile this process queries in-process, through query
    workers and through the `fazhi query` command. Every query answers, with data."""
    from fazhi.graph.store import open_store

    store = tmp_path / "store"
    files = [str(ROOT / "examples"), str(ROOT / "tests" / "data" / "app" / "nanxi_2022_report.txt")]
    subprocess.run([FAZHI, "--store", str(store), "ingest", *files], check=True, capture_output=True)
    # --force: every run re-reads and rewrites the files (unchanged files would be skipped, writing nothing)
    loop = f"for i in 1 2 3 4; do '{FAZHI}' --store '{store}' ingest --force " + " ".join(
        f"'{f}'" for f in files) + " >/dev/null || exit 1; done"
    writer = subprocess.Popen(["bash", "-c", loop])
    failures, runs, cli_runs = [], 0, 0
    try:
        while writer.poll() is None:
            for isolate in (False, True):
                runs += 1
                try:
                    s = open_store(f"oxigraph:{store}", read_only=True)
                    s.isolate = isolate
                    with s:
                        if int(s.select(COUNT).rows[0][0].value) == 0:
                            failures.append(("empty", isolate))
                except Exception as e:  # noqa: BLE001 - any failure is what this test counts
                    failures.append((type(e).__name__, str(e)[:200]))
            if runs % 10 == 0:
                cli_runs += 1
                r = run_fazhi("query", "agencies", "--format", "csv", store=store)
                if r.returncode != 0 or len(r.stdout.splitlines()) < 2:
                    failures.append(("cli", r.returncode, r.stderr.strip()[:200]))
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
    assert not failures, failures[:5]
    assert runs >= 20 and cli_runs >= 2, (runs, cli_runs)
