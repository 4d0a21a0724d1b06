"""`fazhi` — the command line of ../shared/CONTRACT.md: ingest, queries, query, validate, export, app; and
indicator-table (an indicator's values across places and years) and serve (a read-only SPARQL endpoint).

Each command imports the layers it needs when it runs (the imports inside the ``cmd_*`` functions): importing
extraction costs ~3 s (jionlp, OpenCC, the place names), the store ~0.8 s, so `fazhi queries` or a usage error
answers at once and `fazhi query` does not pay for extraction.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fazhi.graph.errors import BadParameter, FazhiError

EXIT_OK, EXIT_FAILED, EXIT_QUERY, EXIT_VIOLATIONS = 0, 1, 2, 3


class UsageError(FazhiError):
    exit_code = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="fazhi", description="Knowledge graph of rule-of-law government reports (法治政府建设年度报告).")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="embedded on-disk store (default: $FAZHI_STORE or "
                                                      "~/.local/share/fazhi/store)")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint instead of the embedded store")
    p.add_argument("--update-endpoint", metavar="URL", help="SPARQL update endpoint (derived for Oxigraph)")
    p.add_argument("--timeout", type=float, default=None, help="query time limit in seconds (default 30)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("ingest", help="read reports (.txt .html .docx .pdf), rosters and case ledgers (.csv .xlsx) "
                                      "into the store")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--jobs", type=int, default=None, help="parallel extraction processes (default: cores)")
    s.add_argument("--force", action="store_true", help="re-read files whose content is unchanged since last time")
    s.add_argument("--bulk", action="store_true", help="first loads of large corpora: write new files on the "
                   "non-transactional bulk path (an interrupted run is cleaned up by the next ingest)")
    s.add_argument("--summary", action="store_true", help="print the final tally on stderr even for a few files")

    sub.add_parser("queries", help="list the named queries")

    s = sub.add_parser("query", help="run a named query or a .rq file")
    s.add_argument("name", metavar="NAME_OR_FILE.rq")
    s.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    s.add_argument("--format", choices=("csv", "json", "table"), default="table")
    s.add_argument("--limit", type=int, default=None, help="row cap (default 10000)")

    s = sub.add_parser("indicator-table", help="an indicator's values as a place × year table (CSV for pandas/R)")
    s.add_argument("indicator", nargs="?", metavar="INDICATOR",
                   help="notation (reconsideration.closed) or IRI; all indicators without it")
    s.add_argument("--format", choices=("csv", "json", "table"), default="csv")
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    s = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    s.add_argument("--as-of", metavar="YYYY-MM-DD", default=None,
                   help="the date legal-adviser terms must cover (default today)")

    s = sub.add_parser("export", help="write the graph out")
    s.add_argument("--format", required=True, choices=("ttl", "trig", "nq", "jsonld", "graphml"))
    s.add_argument("-o", "--output", metavar="FILE")
    s.add_argument("--chain", metavar="DOCUMENT", help="graphml only: just the obligation chain through DOCUMENT "
                                                       "(IRI, number or title), with each link's evidence")

    s = sub.add_parser("app", help="start the Streamlit front end on 127.0.0.1")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--allow-ingest", action="store_true", help="let users upload files into the store")

    s = sub.add_parser("serve", help="a read-only SPARQL 1.1 Protocol endpoint over the store on 127.0.0.1")
    s.add_argument("--port", type=int, default=7878, help="port on 127.0.0.1 (default 7878; 0: any free port)")
    return p


def store_descriptor(args) -> str:
    if args.endpoint:
        from fazhi.graph.remote import derive_update_endpoint

        update = args.update_endpoint or derive_update_endpoint(args.endpoint)
        return f"sparql:{args.endpoint}|{update}" if update else f"sparql:{args.endpoint}"
    if args.store:
        return f"oxigraph:{args.store}"
    from fazhi.graph.store import default_store_dir

    return f"oxigraph:{default_store_dir()}"


def open_from_args(args, read_only: bool = False, **opts):
    from fazhi.graph.store import open_store

    if args.timeout:
        opts["timeout"] = args.timeout
    return open_store(store_descriptor(args), read_only=read_only, **opts)


def cmd_ingest(args) -> int:
    """One summary line per file on stdout, `error: <file>: <reason>` on stderr; progress and tally on stderr."""
    from fazhi.loaders.ingest import run_ingest

    bar = Progress(sys.stderr) if sys.stderr.isatty() else None

    def show(o):
        if bar:
            bar.clear()
        if o.error:
            print(f"error: {o.path}: {o.error}", file=sys.stderr)
        else:
            print(o.summary, flush=bar is not None)

    with open_from_args(args) as store:
        totals = run_ingest(store, args.paths, jobs=args.jobs, force=args.force, bulk=args.bulk, on_outcome=show,
                            progress=bar.update if bar else None)
    if bar:
        bar.clear()
    # the tally goes to stderr on a terminal or when asked: scripts get the contract's stderr, where every
    # line is an `error:` line
    if bar or args.summary:
        print(totals.line(), file=sys.stderr)
    return EXIT_FAILED if totals.failed else EXIT_OK


class Progress:
    """A one-line progress counter on a terminal (files done / total, rate, time left)."""

    def __init__(self, stream):
        import time

        self.stream, self.t0, self.last, self.shown = stream, time.monotonic(), 0.0, False
        self._time = time.monotonic

    def update(self, done: int, total: int) -> None:
        now = self._time()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        rate = done / (now - self.t0) if now > self.t0 else 0
        eta = (total - done) / rate if rate else 0
        width = 30
        fill = int(width * done / total) if total else width
        self.stream.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{total} files "
                          f"{rate:.1f}/s, {int(eta) // 60}:{int(eta) % 60:02d} left ")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def cmd_queries(args) -> int:
    from fazhi.queries import catalogue

    for name, q in catalogue().items():
        params = ", ".join(f"{p.name} ({p.type}{'' if p.required else ', optional'})" for p in q.params) or "–"
        print(f"{name}\t{q.title}\t{params}")
    return EXIT_OK


def parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for kv in pairs:
        k, sep, v = kv.partition("=")
        if not sep or not k.strip():
            raise BadParameter(f"--param wants KEY=VALUE, got {kv!r}")
        out[k.strip()] = v
    return out


def cmd_query(args) -> int:
    """SELECT as rows, ASK as true/false, CONSTRUCT/DESCRIBE as Turtle. The query runs in this process (a
    thread; at the time limit ``main`` ends the process, query and all), not in a query worker: a worker
    process starts Python and opens the store again, which a one-shot command would pay every time."""
    from fazhi.graph.results import Results, render_answer
    from fazhi.queries import get_query, run_any

    get_query(args.name)  # an unknown name fails before the store is opened
    params = parse_params(args.param)
    with open_from_args(args, read_only=True, isolate=False) as store:
        kw = {"limit": args.limit} if args.limit else {}
        res = run_any(store, args.name, params, **kw)
    sys.stdout.write(render_answer(res, args.format))
    if isinstance(res, Results) and res.truncated:
        print(f"warning: results truncated at {len(res)} rows (use --limit)", file=sys.stderr)
    return EXIT_OK


def cmd_indicator_table(args) -> int:
    """The wide table of ``fazhi.queries.indicator_tables``: a row per indicator, place and qualifier, a column per
    year."""
    from fazhi.queries import resolve_indicator
    from fazhi.queries.indicator_tables import wide_table

    if args.indicator:
        resolve_indicator(args.indicator)  # an unknown indicator fails before the store is opened
    with open_from_args(args, read_only=True) as store:
        text = wide_table(store, args.indicator).render(args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_validate(args) -> int:
    from fazhi.graph.validate import shapes_text, validate_store

    shapes_text(as_of=args.as_of)  # a bad --as-of fails before the store is opened
    with open_from_args(args, read_only=True) as store:
        violations = validate_store(store, as_of=args.as_of)
    for v in violations:
        print(v.line())
    if violations:
        print(f"{len(violations)} violation(s)", file=sys.stderr)
        return EXIT_VIOLATIONS
    print("conforms")
    return EXIT_OK


def cmd_export(args) -> int:
    from fazhi.graph.export import export

    if args.chain:
        if args.format != "graphml":
            raise UsageError("--chain writes GraphML only: use --format graphml")
        from fazhi.queries.chains import document_chain_graphml

        return _write_out(args, lambda store, out: document_chain_graphml(store, args.chain, out))
    return _write_out(args, lambda store, out: export(store, args.format, out))


def _write_out(args, write) -> int:
    """Run ``write(store, binary_stream)`` into -o FILE, or standard output without it."""
    with open_from_args(args, read_only=True) as store:
        if args.output:
            with open(args.output, "wb") as f:
                write(store, f)
        else:
            write(store, sys.stdout.buffer)
            sys.stdout.flush()
    return EXIT_OK


def cmd_app(args) -> int:
    import subprocess

    script = Path(__file__).resolve().parent / "streamlit_app.py"
    env = dict(os.environ, FAZHI_STORE_DESCRIPTOR=store_descriptor(args))
    if args.timeout:
        env["FAZHI_TIMEOUT"] = str(args.timeout)
    if args.allow_ingest:
        env["FAZHI_ALLOW_INGEST"] = "1"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
           "--server.port", str(args.port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal", "--server.fileWatcherType", "none"]
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return EXIT_OK


def cmd_serve(args) -> int:
    """Serve the store read-only at http://127.0.0.1:PORT/query until stopped (Ctrl-C)."""
    from fazhi.app.serve import serve

    def ready(server):
        print(f"fazhi SPARQL endpoint at http://127.0.0.1:{server.server_port}/query (read-only; time limit "
              f"{store.timeout:g} s, at most {store.row_cap} rows); Ctrl-C stops it", file=sys.stderr, flush=True)

    with open_from_args(args, read_only=True) as store:
        try:
            serve(store, args.port, ready=ready)
        except OSError as e:  # the port is taken, or not ours to bind
            raise ServeError(f"cannot listen on 127.0.0.1:{args.port}: {e.strerror or e}") from None
        except KeyboardInterrupt:
            pass
    return EXIT_OK


class ServeError(FazhiError):
    exit_code = EXIT_FAILED


COMMANDS = {"ingest": cmd_ingest, "queries": cmd_queries, "query": cmd_query, "validate": cmd_validate,
            "export": cmd_export, "app": cmd_app, "indicator-table": cmd_indicator_table,
            "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = COMMANDS[args.command](args)
    except FazhiError as e:
        print(f"error: {e}", file=sys.stderr)
        code = e.exit_code
    except BrokenPipeError:
        code = EXIT_OK
    except KeyboardInterrupt:
        code = 130
    sys.stdout.flush()
    # a query abandoned at its time limit may still run in a worker thread: do not wait for it
    os._exit(code) if argv is None else None
    return code


if __name__ == "__main__":
    sys.exit(main())
