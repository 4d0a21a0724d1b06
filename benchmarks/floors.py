"""`make bench-floors`: the throughput floors, measured here and not in the test suite (a timed assertion in
`make test` fails on a busy machine and proves nothing on an idle one).

    python benchmarks/floors.py        # one line per floor, exit 1 when one is not met

Each floor is loose on purpose: a quadratic slip, a lost cache or a query that starts to group the whole
store still falls far below it, while an ordinary busy 2-core machine stays well above. The figures were
first measured as tests (tests/test_extraction_floors_b.py, tests/test_readonly_queries.py):
- the statistics, duty, award and small-fact extractors on the seed report repeated 20 times: ~2.5 MB of
  UTF-8 a second on an idle core (timed in CPU seconds here); floor 0.3 MB/s;
- `read_report` end to end on the seed report repeated 30 times: ~1.2-1.3 MB a CPU second on a busy
  2-core machine (0.65 before normalise and link_obligations were made linear); floor 0.3 MB/s;
- the `documents` query through the query worker (the app's read path) on a two-report store: p50 of 15 runs
  a few ms; floor 100 ms.
The seed report is the shared corpus's (``$FAZHI_SHARED/corpus``, else ../shared/corpus): without it the two
extraction floors are reported as skipped.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("FAZHI_SHARED", ROOT.parent / "shared")) / "corpus" / "000_19011963f1b42800.txt"
INPUTS = ROOT / "tests" / "data" / "inputs"


def _seed_repeated(times: int) -> str:
    """The seed report's body repeated ``times`` times before its signature (a long report of the genre)."""
    raw = SEED.read_text(encoding="utf-8")
    cut = raw.rindex("\n", 0, len(raw) - 20)
    return raw[:cut] * times + raw[cut:]


def extractors_mb_s() -> float:
    """Statistics, duties, awards and the smaller facts on an already structured long report: MB of UTF-8 per
    CPU second (CPU time: what another process takes of the core does not count)."""
    from fazhi.loaders.extract.awards import extract_awards
    from fazhi.loaders.extract.duties import extract_obligations
    from fazhi.loaders.extract.selfaccount import extract_self_account
    from fazhi.loaders.extract.reading import read_context
    from fazhi.loaders.extract.statistics import extract_statistics
    from fazhi.loaders.pipeline import ReportDoc, step_normalise, step_structure

    doc = ReportDoc(path=SEED, raw=_seed_repeated(20))
    for step in (step_normalise, step_structure, read_context):
        step(doc)
    t = time.process_time()
    for f in (extract_statistics, extract_obligations, extract_awards, extract_self_account):
        f(doc)
    return len(doc.text.encode("utf-8")) / (time.process_time() - t) / 1e6


def pipeline_mb_s() -> float:
    """``read_report`` end to end on a long report: MB of UTF-8 per CPU second (after a warm-up read)."""
    from fazhi.loaders.pipeline import read_report

    read_report(SEED, raw=SEED.read_text(encoding="utf-8"))  # the gazetteer and regex caches
    t = time.process_time()
    doc = read_report(SEED, raw=_seed_repeated(30))
    return len(doc.text.encode("utf-8")) / (time.process_time() - t) / 1e6


def documents_query_p50_s() -> float:
    """p50 seconds of the `documents` query through the query worker on a small on-disk store."""
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest
    from fazhi.queries import run_named

    with tempfile.TemporaryDirectory(prefix="fazhi-floors-") as tmp:
        with open_store(f"oxigraph:{tmp}/store") as s:
            assert all(o.ok for o in ingest(s, [INPUTS / "heming_2022.txt", INPUTS / "heming_2022_gbk.html"]))
        with open_store(f"oxigraph:{tmp}/store", read_only=True) as s:
            run_named(s, "agencies")  # the worker's start
            times = []
            for _ in range(15):
                t0 = time.perf_counter()
                run_named(s, "documents")
                times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


# name, measure, floor, whether higher is better, unit, needs the seed report
FLOORS = [("extractors", extractors_mb_s, 0.3, True, "MB/CPU s", True),
          ("read_report end to end", pipeline_mb_s, 0.3, True, "MB/CPU s", True),
          ("documents query p50", documents_query_p50_s, 0.1, False, "s", False)]


def main() -> int:
    failed = 0
    for name, measure, floor, higher, unit, needs_seed in FLOORS:
        if needs_seed and not SEED.exists():
            print(f"{name}: skipped (no seed report at {SEED})")
            continue
        got = measure()
        ok = got > floor if higher else got < floor
        failed += not ok
        verdict = "ok" if ok else "NOT MET"
        print(f"{name}: {got:.3f} {unit} ({'above' if higher else 'below'} {floor} {unit}: {verdict})")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
