"""Bulk ingest: parallel extraction, a clean tally, skip-on-rerun, bad files reported, interrupted runs healed."""
from __future__ import annotations

import sys

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from tests.conftest import ROOT, run_fazhi

sys.path.insert(0, str(ROOT))
from benchmarks.generate import write_corpus  # noqa: E402

N = 16  # above the pool's threshold (8 files) and its window of work in flight (4 per job): the window refills


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("bulk")
    write_corpus(d / "reports", N)
    return d / "reports"


def test_bulk_ingest_then_rerun_skips(corpus, tmp_path):
    store = tmp_path / "store"
    r = run_fazhi("ingest", corpus, "--jobs", "2", "--summary", store=store)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == N and all(": report, " in ln for ln in lines)
    tally = r.stderr.strip().splitlines()[-1]
    assert tally.startswith(f"ingested {N} files ({N} report)") and "0 unchanged, 0 failed" in tally
    assert "documents" in tally and "triples/s" in tally
    triples = sum(int(ln.split(": report, ")[1].split()[0]) for ln in lines)

    r = run_fazhi("ingest", corpus, "--jobs", "2", "--summary", store=store)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("unchanged, skipped") == N
    assert "ingested 0 files (none)" in r.stderr and f"{N} unchanged, 0 failed" in r.stderr

    # one file changes: only it is read again, and it replaces its old graph (the count stays exact)
    victim = sorted(corpus.iterdir())[3]
    original = victim.read_text(encoding="utf-8")
    try:
        victim.write_text(original.replace("人民政府关于", "人民政府关于加强"), encoding="utf-8")
        r = run_fazhi("ingest", corpus, "--summary", store=store)
        assert r.returncode == 0, r.stderr
        assert r.stdout.count("unchanged, skipped") == N - 1
        assert "ingested 1 files (1 report)" in r.stderr
    finally:
        victim.write_text(original, encoding="utf-8")
    r = run_fazhi("ingest", corpus, "--summary", store=store)
    changed_back = [ln for ln in r.stdout.splitlines() if "skipped" not in ln]
    assert len(changed_back) == 1
    from fazhi.graph.store import open_store
    from fazhi.loaders.indicator_scheme import SCHEME_GRAPH
    from fazhi.ontology.vocab import SOURCE_NS

    with open_store(f"oxigraph:{store}") as s:
        # one graph per file holding exactly its triples, beside the derived graphs recomputed after each run
        # and the indicator scheme
        files = [g for g in s.graphs() if g.value.startswith(SOURCE_NS)]
        assert len(files) == N and sum(1 for g in files for _ in s.quads(g)) == triples
        derived = [g.value for g in s.graphs() if g not in files]
        assert all(g.startswith("https://w3id.org/fazhi/derived/") or g == SCHEME_GRAPH for g in derived)
        assert SCHEME_GRAPH in derived


def test_bad_files_fail_alone(corpus, tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for p in sorted(corpus.iterdir())[:10]:
        (mixed / p.name).write_bytes(p.read_bytes())
    (mixed / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (mixed / "empty.txt").write_bytes(b"")
    r = run_fazhi("ingest", mixed, "--jobs", "2", "--summary", store=tmp_path / "store")
    assert r.returncode == 1
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 2 and any("broken.pdf: " in e for e in errors) and any("empty.txt: " in e for e in errors)
    assert len(r.stdout.splitlines()) == 10
    assert "ingested 10 files" in r.stderr and "2 failed" in r.stderr


def test_a_half_written_graph_is_dropped_and_redone(corpus, tmp_path):
    """What an interrupted bulk write leaves (a source graph without its content-hash marker) does not last."""
    from fazhi.graph.store import open_store
    from fazhi.ontology.ids import source_graph
    from fazhi.loaders.ingest import ingest

    files = sorted(corpus.iterdir())[:2]
    with open_store(f"oxigraph:{tmp_path / 'store'}") as s:
        full = ingest(s, files)
        assert all(o.ok for o in full)
        count = s.quad_count()
        g = source_graph(str(files[0].resolve()))
        # simulate the crash: the body half there, no marker
        s.replace_graph(g, [Triple(NamedNode("urn:x:half"), NamedNode("urn:x:p"), Literal("partial"))])
        stray = source_graph("/nowhere/else.txt")
        s.replace_graph(stray, [Triple(NamedNode("urn:x:stray"), NamedNode("urn:x:p"), Literal("partial"))])
        again = ingest(s, files)
        assert {o.path: o.skipped for o in again} == {files[0]: False, files[1]: True}
        assert s.quad_count() == count
        assert stray not in s.graphs()


@pytest.mark.server
@pytest.mark.xdist_group("servers")  # on the worker whose Oxigraph server the other server tests use
def test_bulk_ingest_into_a_server_gives_the_same_graph(corpus, tmp_path, oxigraph_server):
    from fazhi.graph.store import open_store

    from tests.conftest import clear_server

    clear_server(oxigraph_server)
    files = sorted(corpus.iterdir())[:12]
    for f in files:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    r = run_fazhi("--endpoint", f"{oxigraph_server}/query", "ingest", tmp_path, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    r2 = run_fazhi("--endpoint", f"{oxigraph_server}/query", "ingest", tmp_path)
    assert r2.stdout.count("unchanged, skipped") == 12
    r3 = run_fazhi("ingest", tmp_path, store=tmp_path / "store")
    assert r3.returncode == 0
    with open_store(f"sparql:{oxigraph_server}/query") as remote, open_store(f"oxigraph:{tmp_path / 'store'}") as emb:
        assert set(remote.quads()) == set(emb.quads())


def test_progress_bar_on_a_terminal(corpus, tmp_path):
    """stderr a terminal: a progress bar, then the tally; stdout keeps exactly one line per file."""
    import os
    import pty
    import subprocess

    from tests.conftest import fazhi_exe

    master, slave = pty.openpty()
    p = subprocess.Popen([*fazhi_exe(), "--store", str(tmp_path / "store"), "ingest", str(corpus), "--jobs", "2"],
                         stdout=subprocess.PIPE, stderr=slave)
    out, _ = p.communicate(timeout=300)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    text = err.decode("utf-8", "replace")
    assert p.returncode == 0
    assert f"{N}/{N} files" in text and "\r" in text
    assert text.rstrip().splitlines()[-1].lstrip("\r\x1b[K").startswith(f"ingested {N} files")
    assert len(out.decode().splitlines()) == N
