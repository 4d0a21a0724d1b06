"""Files into a store: each file's triples replace its own named graph, whole or not at all.

Small runs read files in this process. Bulk runs extract in parallel worker processes (``jobs``), which
hand back N-Triples bytes; the parent writes them in batches of several whole files through
``Store.write_graphs``:

- files whose graphs are NEW to the store go in as one transaction per batch (pyoxigraph ``load``): a run
  killed at any moment leaves each file wholly present or wholly absent, as the contract requires;
- with ``bulk=True`` (``fazhi ingest --bulk``, meant for a first load of a large corpus into a store
  nobody is reading) new graphs take the backend's bulk path instead (pyoxigraph's bulk loader, ~1.5-3x
  faster, not transactional). Each file's completion marker (the ``fz:contentHash`` triple on the report
  or roster node) is written after its body, so a killed run leaves marker-less graphs, which the next
  ingest drops before it starts: no half file survives into a finished run, but one can be seen until
  then;
- a file whose graph EXISTS (the file changed) is replaced in one update with the others of its batch:
  DROP + INSERT DATA in one transaction, so a crash keeps the old version.

After a run that changed the store, the derived graphs are brought up to date: the reports carrying out
each duty assignment and reported fulfilment (``loaders/derived/fulfilment.py``: a report's passage doing a duty
another file assigned to its issuer) and the one title shown per linked document (``loaders/derived/titles.py``).
A run that only added files to a store whose derived graphs were finished updates just what the new files
touch (one transaction each; its cost follows the new files, not the store); after a replaced or dropped file,
a killed run, or a first load larger than the store, they are recomputed whole, each graph's difference
written in one transaction (``loaders/derived/``: a run that writes marks them unfinished first).

A file whose content hash equals the one stored with its graph is skipped, so a re-run after an
interruption resumes where it stopped (``force`` re-reads everything, e.g. after an extractor upgrade).
"""
from __future__ import annotations

import os
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pyoxigraph as ox

from fazhi.graph.crash_points import crash_point
from fazhi.graph.errors import FazhiError, LoadError, StoreUnavailable
from fazhi.graph.store import Store
from fazhi.loaders.derived import derived_up_to_date, mark_derived_unfinished, mark_derived_up_to_date, update_derived
from fazhi.loaders.indicator_scheme import put_scheme
from fazhi.loaders.loaded import Loaded
from fazhi.loaders.pipeline import expand_paths, load_file
from fazhi.loaders.sources import source_hash
from fazhi.loaders.writer import BackgroundWriter
from fazhi.ontology.ids import source_graph
from fazhi.ontology.vocab import FZ, SOURCE_NS

# triples per write (one transaction / one bulk load / one HTTP request); some servers want smaller requests
BATCH_TRIPLES = int(os.environ.get("FAZHI_BATCH_TRIPLES", "100000"))
BATCH_FILES = int(os.environ.get("FAZHI_BATCH_FILES", "500"))
POOL_MIN_FILES = 8            # fewer files than this are read in-process (a pool costs ~1 s to start)


@dataclass
class Outcome:
    """What became of one file: its summary line, or the reason it failed, or that it was unchanged."""
    path: Path
    loaded: Loaded | None = None   # kept only for in-process runs of few files
    error: str = ""
    summary: str = ""
    kind: str = ""
    counts: dict = field(default_factory=dict)
    triples: int = 0
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class Totals:
    """The run's final tally (files, facts by kind, triples, failures, time)."""
    files: int = 0
    skipped: int = 0
    failed: int = 0
    triples: int = 0
    kinds: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, o: Outcome) -> None:
        if o.skipped:
            self.skipped += 1
        elif o.error:
            self.failed += 1
        else:
            self.files += 1
            self.triples += o.triples
            self.kinds[o.kind] += 1
            self.facts.update({k: v for k, v in o.counts.items() if v})

    def line(self) -> str:
        """One human line for stderr.

        >>> t = Totals(files=2, triples=30, seconds=2.0); t.kinds.update(report=2); t.facts.update(documents=5)
        >>> t.line()
        'ingested 2 files (2 report) in 2.0 s: 30 triples (15 triples/s); facts: 5 documents; 0 unchanged, 0 failed'
        """
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.kinds.items()))
        facts = ", ".join(f"{n} {k}" for k, n in sorted(self.facts.items())) or "none"
        rate = self.triples / self.seconds if self.seconds else 0
        return (f"ingested {self.files} files ({kinds or 'none'}) in {self.seconds:.1f} s: {self.triples} triples "
                f"({rate:.0f} triples/s); facts: {facts}; {self.skipped} unchanged, {self.failed} failed")


@dataclass
class Extracted:
    """A worker's answer for one file: its graph as N-Triples bytes, marker triples apart."""
    path: str
    graph: str = ""
    body: bytes = b""
    marker: bytes = b""
    triples: int = 0
    kind: str = ""
    counts: dict = field(default_factory=dict)
    summary: str = ""
    error: str = ""


def extract_file(path: str) -> Extracted:
    """Read one file (in a worker process): never raises for a bad file."""
    try:
        loaded = load_file(path)
    except LoadError as e:
        return Extracted(path, error=e.reason)
    except FazhiError as e:
        return Extracted(path, error=str(e))
    except Exception as e:  # one broken file must not stop a run over thousands; its line says what broke
        return Extracted(path, error=f"unexpected error ({type(e).__name__}: {e})")
    lines = loaded.ntriples
    if lines and lines[-1].split(" ", 2)[1] == _CONTENT_HASH:
        body, marker = lines[:-1], lines[-1:]      # (the report loader writes its one marker last)
    else:                               # (an IRI holds no space: the predicate is the second word)
        body, marker = [], []
        for line in lines:
            (marker if _CONTENT_HASH in line and line.split(" ", 2)[1] == _CONTENT_HASH else body).append(line)
    # line by line: most lines are ASCII, which encodes as a copy; joined first, they would be encoded
    # character by character with the Chinese ones
    return Extracted(path, loaded.graph.value, b"".join(map(str.encode, body)), "".join(marker).encode(),
                     len(lines), loaded.kind, loaded.counts, loaded.summary())


_CONTENT_HASH = str(FZ.contentHash)


def stored_hashes(store: Store) -> dict[str, str]:
    """Content hash stored with each source graph: graph IRI → hash."""
    r = store.select("SELECT ?g ?h WHERE { GRAPH ?g { ?x fz:contentHash ?h } }", limit=10**9, timeout=600)
    return {row[0].value: row[1].value for row in r.rows}


def drop_unfinished(store: Store, hashes: dict[str, str]) -> int:
    """Drop source graphs without a content-hash marker: what an interrupted bulk write left. Returns how many."""
    if getattr(store, "writes_are_atomic", False):  # (a remote store: every write is one update request)
        return 0
    gone = [g for g in store.graphs() if g.value.startswith(SOURCE_NS) and g.value not in hashes]
    for g in gone:
        store.remove_graph(g)
    return len(gone)


def file_hash(path: Path) -> str:
    try:
        return source_hash(path)
    except OSError:
        return ""


def _extracted(paths: list[Path], jobs: int) -> Iterator[Extracted]:
    """Extract files in input order; in worker processes when there are enough of them."""
    if jobs <= 1 or len(paths) < POOL_MIN_FILES:
        for p in paths:
            yield extract_file(str(p))
        return
    from fazhi.loaders.workers import pool as worker_pool  # (patches multiprocessing's start: only when used)

    window = deque()
    todo = iter(paths)
    with worker_pool(jobs) as pool:
        # a bounded window of work in flight keeps memory flat however many files there are
        for p in todo:
            window.append(pool.submit(extract_file, str(p)))
            if len(window) >= jobs * 4:
                break
        while window:
            yield window.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                window.append(pool.submit(extract_file, str(nxt)))


@dataclass
class _Run:
    """What one run has seen so far, for its derived step."""
    finished_before: bool      # the last run that wrote the store finished its derived graphs
    whole: bool                # the derived graphs must be recomputed whole (else: for ``added`` only)
    changed: bool = False      # a file of this run went in (or a killed run's graph was dropped)
    added: list[str] = field(default_factory=list)   # the source graphs this run added


def ingest_iter(store: Store, paths, *, jobs: int | None = None, force: bool = False, bulk: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """Ingest files and folders, yielding one Outcome per file once it is in the store (or failed).

    ``progress(done, total)`` is called as files finish. Never raises for a bad file.
    """
    files = [Path(p) for p in expand_paths(paths)]
    total = len(files)
    done = 0
    hashes = stored_hashes(store)
    # graphs a killed run left without their marker go; the derived graphs must not keep what they held
    dropped = drop_unfinished(store, hashes)
    settled, todo = _triage(files, hashes, force)
    for o in settled:
        done += 1
        yield o
    if progress:
        progress(done, total)
    keep_loaded = len(todo) < POOL_MIN_FILES
    # the derived graphs may be updated for just this run's new files only when the last run that wrote
    # finished them (a killed run leaves files in whose links were never made) and no file was replaced
    finished_before = derived_up_to_date(store) if todo or hashes else True
    run = _Run(finished_before, whole=not finished_before, changed=dropped > 0)
    if todo:
        mark_derived_unfinished(store)
    sources_before = len(hashes)
    batch: list[tuple[Path, Extracted]] = []
    size = pending = 0  # pending: files handed to the writer, not yet written
    # batches are written in a thread of their own while the next files are extracted (loaders/writer.py)
    writer = BackgroundWriter(lambda b: _write_noting(store, b, hashes, bulk, keep_loaded, run.added))
    last: list[Outcome] = []
    try:
        for f, ex in zip(todo, _extracted(todo, jobs or os.cpu_count() or 1)):
            if ex.error:
                done += 1
                yield Outcome(f, error=ex.error)
            else:
                batch.append((f, ex))
                size += ex.triples
            if size >= BATCH_TRIPLES or len(batch) >= BATCH_FILES:
                writer.submit(batch)
                pending += len(batch)
                batch, size = [], 0
            for o in _noted(writer.done(), run):
                done += 1
                pending -= 1
                yield o
            if progress:  # extracted files count as progress: the batch holding them is written soon
                progress(done + pending + len(batch), total)
        writer.submit(batch)
        last = list(_noted(writer.finish(), run))
    except BaseException:  # (an interrupted run, or a consumer that stopped: the batch in writing is finished)
        writer.abandon()
        raise
    run.whole = run.whole or dropped > 0 or len(run.added) > sources_before
    # links between files (a report fulfilling a plan's duty) are recomputed once the run's files are in,
    # before the last outcomes are handed back, so a caller that sees the run end sees them too
    _finish_derived(store, run, wrote=bool(todo), had_sources=bool(hashes))
    for o in last:
        done += 1
        yield o
    if progress:
        progress(done, total)


def _noted(written, run: _Run) -> Iterator[Outcome]:
    """The outcomes of the written batches, noting in ``run`` what they change (a replaced file: a whole
    recompute of the derived graphs)."""
    for outcomes, replaced in written:
        run.whole = run.whole or replaced
        for o in outcomes:
            run.changed = run.changed or o.ok
            yield o


def _finish_derived(store: Store, run: _Run, *, wrote: bool, had_sources: bool) -> None:
    """The run's derived step: the derived graphs (whole or for what the run added), the indicators' labels
    for the queries, and the mark that they are finished."""
    # a run with no file to read after a run killed before its derived step was done: they are made now
    unfinished = not wrote and not run.finished_before
    derive = run.changed or unfinished
    crash_point("before-derived")  # (test-only points of the write path: graph/crash_points.py)
    if derive:
        update_derived(store, None if run.whole else run.added)
    if derive or (not wrote and had_sources):   # the indicators' labels; not after a run that only failed
        put_scheme(store)
    crash_point("before-derived-mark")
    if (wrote or unfinished) and (derive or run.finished_before):  # (a run whose every file failed leaves them)
        mark_derived_up_to_date(store)


def _triage(files: list[Path], hashes: dict, force: bool) -> tuple[list[Outcome], list[Path]]:
    """The outcomes of the files that need no reading (missing; unchanged since stored, unless ``force``) and
    the files to read, each in the order given."""
    settled: list[Outcome] = []
    todo: list[Path] = []
    for f in files:
        if not f.exists():
            settled.append(Outcome(f, error="no such file or folder"))
            continue
        g = source_graph(str(f.resolve())).value
        if not force and g in hashes and hashes[g] == file_hash(f):
            settled.append(Outcome(f, summary=f"{f}: unchanged, skipped", skipped=True))
            continue
        todo.append(f)
    return settled, todo


def _write_noting(store: Store, batch, hashes: dict, bulk: bool, keep_loaded: bool,
                  added: list[str]) -> tuple[list[Outcome], bool]:
    """``_write``, noting the graphs it added to the store in ``added``; also says whether it replaced any."""
    new = [ex.graph not in hashes for _, ex in batch]
    outcomes = _write(store, batch, hashes, bulk, keep_loaded)
    added += [ex.graph for (_, ex), fresh, o in zip(batch, new, outcomes) if fresh and o.ok]
    return outcomes, not all(new)


def _write(store: Store, batch, hashes: dict, bulk: bool, keep_loaded: bool) -> list[Outcome]:
    """Write one batch (new graphs in one transaction or on the bulk path, changed ones atomically);
    on failure, file by file."""
    if not batch:
        return []
    new = [(ox.NamedNode(ex.graph), ex.body, ex.marker) for _, ex in batch if ex.graph not in hashes]
    old = [(ox.NamedNode(ex.graph), ex.body, ex.marker) for _, ex in batch if ex.graph in hashes]
    errors: dict[str, str] = {}
    try:
        store.write_graphs(new, bulk=bulk)
        store.write_graphs(old)
    except StoreUnavailable:
        raise  # the store itself (unreachable, no update endpoint): one message, not one per file
    except FazhiError as e:
        if len(batch) == 1:
            errors[batch[0][1].graph] = str(e)
        else:  # find the file the store refused; the others still go in
            for f, ex in batch:
                try:
                    store.write_graphs([(ox.NamedNode(ex.graph), ex.body, ex.marker)])
                except StoreUnavailable:
                    raise
                except FazhiError as e1:
                    errors[ex.graph] = str(e1)
    out = []
    for f, ex in batch:
        if ex.graph in errors:
            out.append(Outcome(f, error=errors[ex.graph]))
            continue
        hashes[ex.graph] = "written"
        loaded = None
        if keep_loaded:
            lines = [line + "\n" for line in (ex.body + ex.marker).decode().split("\n") if line]
            loaded = Loaded(f, ox.NamedNode(ex.graph), lines, ex.kind, ex.counts)
        out.append(Outcome(f, loaded, summary=ex.summary, kind=ex.kind, counts=ex.counts, triples=ex.triples))
    return out


def ingest_one(store: Store, path: Path) -> Outcome:
    """Read one file and replace its graph; a file that fails leaves the store as it was."""
    return next(ingest_iter(store, [path], jobs=1, force=True))


def ingest(store: Store, paths, **kw) -> list[Outcome]:
    """Ingest files and folders; one Outcome per file. Never raises for a bad file."""
    return list(ingest_iter(store, paths, **kw))


def run_ingest(store: Store, paths, *, jobs: int | None = None, force: bool = False, bulk: bool = False,
               on_outcome: Callable[[Outcome], None] | None = None,
               progress: Callable[[int, int], None] | None = None) -> Totals:
    """Ingest and tally, handing each outcome to ``on_outcome`` as it comes (nothing is kept)."""
    totals = Totals()
    t0 = time.monotonic()
    for o in ingest_iter(store, paths, jobs=jobs, force=force, bulk=bulk, progress=progress):
        totals.add(o)
        if on_outcome:
            on_outcome(o)
    totals.seconds = time.monotonic() - t0
    return totals
