"""Each file's facts go in as one transaction: idempotent re-ingest, replacement of a changed file, no
partial graph after a SIGKILL at any point of the write path, and a clear message for a second writer.

The kills are not timed: the ingest runs in its own process with ``FAZHI_CRASH_AT`` naming the point of the
write path where it dies (``fazhi.graph.crash_points``), so each test kills exactly where it means to."""
from __future__ import annotations

import csv
import functools
import io
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from conftest import fazhi_exe, run_fazhi, run_fazhi_process

from fazhi.graph.store import open_store
from fazhi.ontology.vocab import SOURCE_NS

DATA = Path(__file__).resolve().parent / "data" / "inputs"
REPORT = DATA / "heming_2022.txt"


def graph_counts(store_dir: Path) -> dict[str, int]:
    """Quads per source graph (one per file; the derived graphs recomputed at the end of a run are not
    files) in an on-disk store (opened read-write: also proves it is openable)."""
    with open_store(f"oxigraph:{store_dir}") as s:
        counts: dict[str, int] = {}
        for q in s.quads():
            if q.graph_name.value.startswith(SOURCE_NS):
                counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
        return counts


def graph_quads(store_dir: Path) -> dict[str, frozenset]:
    """The quads of each source graph."""
    import pyoxigraph as ox

    s = ox.Store(str(store_dir))
    out: dict[str, set] = {}
    for q in s.quads_for_pattern(None, None, None, None):
        if q.graph_name.value.startswith(SOURCE_NS):
            out.setdefault(q.graph_name.value, set()).add(str(q))
    del s
    return {g: frozenset(v) for g, v in out.items()}


def quad_set(store_dir: Path) -> set:
    with open_store(f"oxigraph:{store_dir}") as s:
        return {str(q) for q in s.quads()}


def make_reports(folder: Path, n: int, variant: str = "") -> list[Path]:
    """``n`` report files; each a little different so every file has its own facts."""
    folder.mkdir(parents=True, exist_ok=True)
    text = REPORT.read_text(encoding="utf-8")
    out = []
    for i in range(n):
        p = folder / f"report_{i:03d}.txt"
        body = text.replace("鹤政文〔2022〕9号", f"鹤政文〔2022〕{100 + i}号")
        # longer files make longer transactions, for a kill timed to land inside one (the in-write point)
        extra = "".join(f"\n(补{j + 1})县司法局第{j + 1}批次审查规范性文件{j + i + 3}件,纠正{j % 5 + 1}件。"
                        for j in range(30))
        body = body.replace("\n五、存在的问题", extra + "\n\n五、存在的问题")
        if variant:
            body = body.replace("网上可办率达到98%", f"网上可办率达到98%,{variant}新增事项{i + 1}项")
        p.write_text(body, encoding="utf-8")
        out.append(p)
    return out


def test_same_file_twice_changes_nothing(tmp_path):
    store = tmp_path / "store"
    r = run_fazhi("ingest", REPORT, store=store)
    assert r.returncode == 0, r.stderr
    before = quad_set(store)
    r = run_fazhi("ingest", REPORT, REPORT, store=store)
    assert r.returncode == 0, r.stderr
    assert quad_set(store) == before


def test_changed_version_replaces_old_facts(tmp_path):
    store = tmp_path / "store"
    f = tmp_path / "r.txt"
    f.write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_fazhi("ingest", f, store=store).returncode == 0
    old = quad_set(store)
    assert any("862" in q for q in old)
    f.write_text(REPORT.read_text(encoding="utf-8").replace("862项", "905项"), encoding="utf-8")
    assert run_fazhi("ingest", f, store=store).returncode == 0
    new = quad_set(store)
    assert not any("862项" in q for q in new), "the old version's facts must be gone"
    assert any("905项" in q for q in new)
    clean = tmp_path / "clean"
    assert run_fazhi("ingest", f, store=clean).returncode == 0
    assert quad_set(clean) == new


def test_replace_graph_is_one_update(store_dir):
    """replace_graph drops and inserts in one update request: a failing insert keeps the old graph."""
    from pyoxigraph import Literal, NamedNode, Triple

    s = open_store(f"oxigraph:{store_dir}")
    g = NamedNode("urn:g")
    s.replace_graph(g, [Triple(NamedNode("urn:a"), NamedNode("urn:p"), Literal("old"))])
    calls = []
    real = s._ox

    class Spy:
        def update(self, text):
            calls.append(text)
            raise OSError("disk full (simulated)")

        def __getattr__(self, name):
            return getattr(real, name)

    s._store = Spy()
    with pytest.raises(OSError):
        s.replace_graph(g, [Triple(NamedNode("urn:a"), NamedNode("urn:p"), Literal("new"))])
    s._store = real
    assert len(calls) == 1 and "DROP SILENT GRAPH" in calls[0] and "INSERT DATA" in calls[0]
    assert [q.object.value for q in s.quads(g)] == ["old"]
    s.close()


def _ingest_process(store: Path, folder: Path, crash_at: str = "", *extra: str, marker: str = "") -> subprocess.Popen:
    """`fazhi ingest` in its own process, one file per transaction (the default batches many whole files), dying
    (or stopping) at the write-path point ``crash_at`` names (fazhi.graph.crash_points)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", FAZHI_BATCH_FILES="1", FAZHI_CRASH_AT=crash_at)
    if marker:
        env["FAZHI_TEST_MARK"] = marker
    return subprocess.Popen([*fazhi_exe(), "--store", str(store), "ingest", str(folder), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _killed_at(store: Path, folder: Path, point: str, *extra: str, marker: str = "") -> None:
    """Run an ingest that must die at ``point``: it did (by SIGKILL, or by the kernel timer of an in-write point)."""
    proc = _ingest_process(store, folder, point, *extra, marker=marker)
    _, err = proc.communicate(timeout=300)
    died_of = signal.SIGALRM if point.startswith("in-write") else signal.SIGKILL
    assert proc.returncode == -died_of, f"{point}: the run was to die there; exit {proc.returncode}: {err[-500:]}"


def _stopped_at(store: Path, folder: Path, point: str) -> subprocess.Popen:
    """An ingest held (SIGSTOP) at ``point``, still holding the store; resume it with SIGCONT."""
    proc = _ingest_process(store, folder, point + ":stop")
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), f"the ingest ended before {point}"
    return proc


def _pids_with_marker(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (an ingest and its extraction workers inherit it)."""
    out = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and f"FAZHI_TEST_MARK={marker}".encode() in (d / "environ").read_bytes():
                out.append(int(d.name))
        except OSError:
            continue
    return out


# (crash point, how many files' graphs the killed run leaves: one file per transaction, 8 files)
KILLS = [("before-write-1", {0}), ("after-write-1", {1}), ("in-write-4", {3, 4}), ("after-write-6", {6}),
         ("before-derived", {8}), ("after-fulfilment", {8}), ("before-derived-mark", {8})]


@pytest.fixture(scope="module")
def eight_reports(tmp_path_factory) -> tuple[Path, Path]:
    """Eight report files and a clean store of them (the extraction worker pool starts at eight files)."""
    folder = tmp_path_factory.mktemp("reports")
    make_reports(folder, 8)
    clean = tmp_path_factory.mktemp("clean") / "store"
    assert run_fazhi("ingest", folder, "--jobs", "1", store=clean).returncode == 0
    return folder, clean


@functools.cache
def clean_counts(clean: Path) -> dict[str, int]:
    """``graph_counts`` of the module's clean store, read once (it is only read)."""
    return graph_counts(clean)


@functools.cache
def clean_quads(clean: Path) -> frozenset:
    """``quad_set`` of the module's clean store, read once (it is only read)."""
    return frozenset(quad_set(clean))


@pytest.mark.parametrize("point, left", KILLS, ids=[p for p, _ in KILLS])
def test_sigkill_leaves_each_graph_whole_or_absent(tmp_path, eight_reports, point, left):
    """Killed at a chosen point of the write path, an ingest leaves each file's graph whole or absent, exactly
    as many as were written, and an openable store; the next ingest finishes the run: the clean store's quads."""
    folder, clean = eight_reports
    expected = clean_counts(clean)
    store = tmp_path / "store"
    _killed_at(store, folder, point, "--jobs", "1")
    got = graph_counts(store)
    for g, count in got.items():
        assert count == expected[g], f"killed at {point}: graph {g} has {count} quads, clean ingest {expected[g]}"
    assert len(got) in left, f"killed at {point}: {len(got)} graphs in"
    assert run_fazhi("ingest", folder, store=store).returncode == 0
    assert quad_set(store) == clean_quads(clean), f"after a kill at {point} the next run must finish the graph"


def test_sigkill_with_the_worker_pool_leaves_no_process_behind(tmp_path, eight_reports):
    """The extraction workers (and the pool's forkserver) die with a killed ingest: nothing holds its pipes."""
    folder, clean = eight_reports
    store, marker = tmp_path / "store", uuid.uuid4().hex
    _killed_at(store, folder, "after-write-3", "--jobs", "2", marker=marker)
    deadline = time.monotonic() + 10  # the kernel signals the orphans at once; they take a moment to go
    while _pids_with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _pids_with_marker(marker) == [], "an extraction worker outlived the killed ingest"
    got = graph_counts(store)
    assert got == {g: n for g, n in clean_counts(clean).items() if g in got}
    assert len(got) == 3


def test_sigkill_between_bulk_bodies_and_markers_is_healed(tmp_path, eight_reports):
    """--bulk writes bodies on the non-transactional path, then markers: killed in between, the next ingest drops
    the marker-less graph and redoes that file; the store ends as the clean one."""
    folder, clean = eight_reports
    store = tmp_path / "store"
    _killed_at(store, folder, "after-bulk-bodies-2", "--jobs", "1", "--bulk")
    with open_store(f"oxigraph:{store}") as s:
        marked = {row[0].value for row in s.select("SELECT ?g WHERE { GRAPH ?g { ?x fz:contentHash ?h } }").rows}
    assert len(graph_counts(store)) == 2 and len(marked) == 1, "file 2's body is in, its marker not"
    assert run_fazhi("ingest", folder, store=store).returncode == 0
    assert quad_set(store) == clean_quads(clean)


REINGEST_KILLS = [("after-write-2", {2}), ("in-write-4", {3, 4})]


@pytest.mark.parametrize("point, replaced", REINGEST_KILLS, ids=[p for p, _ in REINGEST_KILLS])
def test_sigkill_during_reingest_keeps_old_or_new(tmp_path, point, replaced):
    """Re-ingesting changed files, killed at a chosen point: every graph is its old version or its new one (as
    many new ones as were written), none vanishes; the next ingest brings the clean new store."""
    work = tmp_path / "work"
    files = make_reports(work, 6)
    store = tmp_path / "store"
    assert run_fazhi("ingest", work, store=store).returncode == 0
    v1 = graph_quads(store)
    make_reports(work, 6, variant="另")
    clean_v2 = tmp_path / "clean_v2"
    assert run_fazhi("ingest", work, store=clean_v2).returncode == 0
    v2 = graph_quads(clean_v2)
    _killed_at(store, work, point, "--jobs", "1")
    mixed = graph_quads(store)
    assert set(mixed) == set(v1) and len(mixed) == len(files), "no graph may vanish during a re-ingest"
    for g, q in mixed.items():
        assert q in (v1[g], v2[g]), f"graph {g} is neither the old version nor the new one"
    assert sum(q == v2[g] for g, q in mixed.items()) in replaced
    assert run_fazhi("ingest", work, store=store).returncode == 0
    assert quad_set(store) == quad_set(clean_v2)


def test_second_writer_gets_a_clear_message(tmp_path):
    """An ingest holds the store (stopped after its third file): a second ingest is refused with one line, a
    query beside it answers from what is written; the first then finishes."""
    folder = tmp_path / "reports"
    make_reports(folder, 6)
    store = tmp_path / "store"
    assert run_fazhi("ingest", REPORT, store=store).returncode == 0
    first = _stopped_at(store, folder, "after-write-3")
    try:
        second = run_fazhi("ingest", REPORT, store=store)
        numbers_rq = tmp_path / "numbers.rq"   # (read from the files' own graphs)
        numbers_rq.write_text("SELECT DISTINCT ?number WHERE { ?d a fz:Report ; eli:id_local ?number }", encoding="utf-8")
        reader = run_fazhi("query", numbers_rq, "--format", "csv", store=store)
        table = run_fazhi("query", "documents", "--format", "csv", store=store)
    finally:
        first.send_signal(signal.SIGCONT)
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    lines = second.stderr.strip().splitlines()
    assert second.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: ") and "in use" in lines[0], \
        second.stderr
    assert reader.returncode == 0, reader.stderr
    numbers = {r["number"] for r in csv.DictReader(io.StringIO(reader.stdout))}
    assert {"鹤政文〔2022〕9号", "鹤政文〔2022〕100号", "鹤政文〔2022〕102号"} <= numbers
    assert "鹤政文〔2022〕103号" not in numbers
    # the documents table shows the rows of the last finished run: the running one's come with its derived step
    assert table.returncode == 0, table.stderr
    assert {r["number"] for r in csv.DictReader(io.StringIO(table.stdout))} - {""} == {"鹤政文〔2022〕9号"}
    counts = graph_counts(store)
    assert len(counts) == 7 and len(set(counts.values())) <= 2


def test_store_held_by_a_writer_is_refused_with_one_line(tmp_path):
    """Deterministic form of the race above: while this process holds the store read-write, an ingest
    is refused with one clear line; a query beside it still works (read-only view)."""
    store = tmp_path / "store"
    assert run_fazhi("ingest", REPORT, store=store).returncode == 0
    held = open_store(f"oxigraph:{store}")
    try:
        r = run_fazhi_process("ingest", REPORT, store=store)
        assert r.returncode == 1
        assert r.stderr.strip().count("\n") == 0 and r.stderr.startswith("error: ") and "in use" in r.stderr
        q = run_fazhi_process("query", "documents", "--format", "csv", store=store)
        assert q.returncode == 0 and "鹤政文〔2022〕9号" in q.stdout, q.stderr
    finally:
        held.close()
    assert run_fazhi("ingest", REPORT, store=store).returncode == 0


@pytest.mark.slow
def test_queries_beside_a_running_ingest(tmp_path):
    """Read-only queries while an ingest writes: each answers (with a count that only grows) or fails
    with a one-line FazhiError; nothing crashes and the final answer is complete."""
    from fazhi.graph.errors import FazhiError

    folder = tmp_path / "reports"
    make_reports(folder, 12)
    store = tmp_path / "store"
    assert run_fazhi("ingest", REPORT, store=store).returncode == 0
    proc = _ingest_process(store, folder)
    answers, failures = [], []
    # the files' graphs (the derived graphs, recomputed at the end of each run, are not files)
    q = (f'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
         f'FILTER STRSTARTS(STR(?g), "{SOURCE_NS}") }}')
    with open_store(f"oxigraph:{store}", read_only=True) as s:
        while proc.poll() is None:
            try:
                answers.append(int(s.select(q, timeout=10).rows[0][0].value))
            except FazhiError as e:
                failures.append(str(e))
        proc.wait()
        assert proc.returncode == 0
        final = int(s.select(q).rows[0][0].value)
    assert final == 13
    assert answers == sorted(answers), "a later query must not see fewer graphs"
    assert len(answers) >= len(failures)
