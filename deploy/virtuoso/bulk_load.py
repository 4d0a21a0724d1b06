"""A big first load into Virtuoso: fazhi's store → one N-Quads file per graph → Virtuoso's bulk loader.

    fazhi --store kg ingest reports/ rosters/ --jobs 4           # extraction and the derived graphs, locally
    python deploy/virtuoso/bulk_load.py --store kg --dir /srv/load --isql "isql-vt 1111 dba PASSWORD"
    fazhi --endpoint http://HOST:8890/sparql --update-endpoint http://HOST:8890/sparql query agencies

``--dir`` must be readable by the Virtuoso server and listed in its ``[Parameters] DirsAllowed``. The files
are loaded with ``ld_dir`` + ``rdf_loader_run()`` (``--loaders`` of them in parallel: about one per core),
then ``checkpoint``. The bulk loader is not transactional and adds to what is there: load into a Virtuoso
that holds none of these graphs (a first load), with nobody querying it. Later files go in with `fazhi
--endpoint … ingest` as usual (the files loaded here are skipped as unchanged: their content hashes came
along). See docs/remote.md; timed in docs/benchmarks.md (benchmarks/virtuoso_load.py).
"""
from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from fazhi.graph.store import open_store


def export_graphs(store_dir: str, folder: Path) -> tuple[int, int]:
    """Write each named graph of the embedded store to ``folder/NNNNNN.nq``; returns (graphs, quads)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(f"oxigraph:{store_dir}", read_only=True)
    graphs = quads = 0
    for i, g in enumerate(store.graphs()):
        batch = list(store.quads(g))
        with open(folder / f"{i:06d}.nq", "wb") as out:
            ox.serialize(batch, out, ox.RdfFormat.N_QUADS)
        graphs, quads = graphs + 1, quads + len(batch)
    return graphs, quads


def isql(command: list[str], sql: str) -> str:
    r = subprocess.run(command, input=sql, capture_output=True, text=True)
    if r.returncode != 0 or "*** Error" in r.stdout + r.stderr:
        raise SystemExit(f"error: isql: {(r.stdout + r.stderr)[-1000:]}")
    return r.stdout


def bulk_load(command: list[str], folder: Path, loaders: int = 2) -> None:
    """Register the folder's .nq files and load them with ``loaders`` parallel loaders, then checkpoint."""
    # the graph argument is required but unused: N-Quads name their graphs
    isql(command, f"ld_dir ('{folder.resolve()}', '*.nq', 'urn:fazhi:bulk-load');\n")
    procs = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True) for _ in range(loaders)]
    for p in procs:
        p.stdin.write("rdf_loader_run ();\n")
        p.stdin.close()
    outputs = [p.stdout.read() for p in procs]
    for p in procs:
        p.wait()
    if any("*** Error" in o for o in outputs):
        raise SystemExit("error: rdf_loader_run: " + " | ".join(o[-500:] for o in outputs if "*** Error" in o))
    failed = isql(command, "SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;\n")
    isql(command, "checkpoint;\n")
    if any(line.strip().isdigit() and int(line) > 0 for line in failed.splitlines()):
        raise SystemExit("error: some files did not load: SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
                         "WHERE ll_error IS NOT NULL")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="the embedded store the files were ingested into")
    ap.add_argument("--dir", required=True, type=Path, help="where the .nq files go (in Virtuoso's DirsAllowed)")
    ap.add_argument("--isql", required=True, help='how to reach the server, e.g. "isql-vt 1111 dba PASSWORD"')
    ap.add_argument("--loaders", type=int, default=2, help="parallel rdf_loader_run() sessions (about one per core)")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    graphs, quads = export_graphs(args.store, args.dir)
    t1 = time.monotonic()
    print(f"exported {graphs} graphs, {quads} quads in {t1 - t0:.1f} s", file=sys.stderr)
    bulk_load(shlex.split(args.isql), args.dir, args.loaders)
    print(f"loaded into Virtuoso in {time.monotonic() - t1:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
