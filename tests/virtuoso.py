"""A throw-away Virtuoso on loopback: its own ini (copied from Debian's), database, temp and log files in one
folder, free ports; started with ``virtuoso-t +foreground`` and stopped by its pid. Used by the Virtuoso test
fixture (tests/conftest.py) and the bulk-load benchmark (benchmarks/virtuoso_load.py); set up with
deploy/virtuoso/setup.sql, as a user's server would be."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
SETUP_SQL = Path(__file__).resolve().parent.parent / "deploy" / "virtuoso" / "setup.sql"
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"


def installed() -> str:
    """Why a throw-away Virtuoso cannot be started here ("" when it can)."""
    missing = [c for c in ("virtuoso-t", "isql-vt") if shutil.which(c) is None]
    if missing:
        return f"{' and '.join(missing)} not installed (Debian package virtuoso-opensource; `make install` as root)"
    if not SYSTEM_INI.exists():
        return f"{SYSTEM_INI} missing (Debian package virtuoso-opensource)"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_ini(text: str, changes: dict[str, dict[str, str]]) -> str:
    """``text`` with ``changes[section][key]`` set: a key already in the section has its value replaced (two
    sections share key names, so each is edited apart), a missing one is added at the section's end.

    >>> edit_ini("[A]\\nX = 1 ; c\\n[B]\\nX = 2\\n", {"B": {"X": "3", "Y": "4"}})
    '[A]\\nX = 1 ; c\\n[B]\\nX = 3\\nY = 4\\n'
    """
    out: list[str] = []
    section, todo = "", {}

    def close_section():
        out.extend(f"{k} = {v}" for k, v in todo.items())

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            close_section()
            section = stripped[1:-1]
            todo = dict(changes.get(section, {}))
            out.append(line)
            continue
        key = stripped.split("=", 1)[0].strip() if "=" in stripped and not stripped.startswith(";") else ""
        if key in todo:
            out.append(f"{key} = {todo.pop(key)}")
        elif key and key in changes.get(section, {}):
            continue  # a second copy of a key already set (Debian's ini repeats a few)
        else:
            out.append(line)
    close_section()
    return "\n".join(out) + "\n"


@dataclass
class Virtuoso:
    """A running throw-away server: ``sparql`` is its SPARQL endpoint (queries and, once granted, updates)."""
    folder: Path
    sql_port: int
    http_port: int
    proc: subprocess.Popen

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def descriptor(self) -> str:
        return f"sparql:{self.sparql}|{self.sparql}"

    def isql(self, *statements: str, script: str = "", timeout: float = 600) -> str:
        """Run SQL statements (or a whole ``script``) through isql-vt as dba; their output (a failure raises
        with its message)."""
        script += "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
        r = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba"], input=script,
                           capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0 or "*** Error" in r.stdout + r.stderr:
            raise RuntimeError(f"isql-vt failed: {(r.stdout + r.stderr)[-800:]}")
        return r.stdout

    def stop(self) -> None:
        """Stop the server by its pid (SIGTERM: a clean shutdown; SIGKILL after 30 s)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def start(folder: Path, *, buffers: int = 20000, timeout: float = 120) -> Virtuoso:
    """Start a fresh Virtuoso with everything in ``folder``; return once its SPARQL endpoint answers, set up as
    deploy/virtuoso/setup.sql says (the endpoint takes updates: loopback only; Virtuoso's own graphs private).
    ``buffers``: 8 KB pages of cache. A port found free can be taken (by a parallel test worker or another
    test run) before the server binds it; then the server exits and is started again on other ports."""
    for attempt in range(3):
        server = _launch(folder / f"try{attempt}" if attempt else folder, buffers, allowed=folder)
        if _answers(server, timeout):
            break
        server.stop()
    else:
        log = server.folder / "virtuoso.log"
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        raise RuntimeError(f"virtuoso did not start: {tail}")
    try:
        server.isql(script=SETUP_SQL.read_text())
    except BaseException:
        server.stop()
        raise
    return server


def _launch(folder: Path, buffers: int, allowed: Path) -> Virtuoso:
    """Write an ini for ``folder`` on two free ports and start ``virtuoso-t`` on it (not waiting for it); the
    server may read files under ``allowed`` (a bulk load's folder beside its database)."""
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    db = folder.resolve()
    ini = edit_ini(SYSTEM_INI.read_text(), {
        "Database": {"DatabaseFile": f"{db}/virtuoso.db", "ErrorLogFile": f"{db}/virtuoso.log",
                     "LockFile": f"{db}/virtuoso.lck", "TransactionFile": f"{db}/virtuoso.trx",
                     "xa_persistent_file": f"{db}/virtuoso.pxa"},
        "TempDatabase": {"DatabaseFile": f"{db}/virtuoso-temp.db", "TransactionFile": f"{db}/virtuoso-temp.trx"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}", "DirsAllowed": f"., {VAD_DIR}, {allowed.resolve()}",
                       "NumberOfBuffers": str(buffers), "MaxDirtyBuffers": str(buffers * 3 // 4)},
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}"},
        # every row of a result (fazhi caps rows itself; the export reads every quad); the derived graphs
        # are computed with queries of up to 600 s (fazhi sends each query's own limit)
        "SPARQL": {"ResultSetMaxRows": "100000000", "MaxQueryExecutionTime": "600"},
    })
    (folder / "virtuoso.ini").write_text(ini)
    with open(folder / "server.out", "wb") as log:
        proc = subprocess.Popen(["virtuoso-t", "-c", str(folder / "virtuoso.ini"), "+foreground"], cwd=folder,
                                stdout=log, stderr=subprocess.STDOUT)
    return Virtuoso(folder, sql_port, http_port, proc)


def _answers(server: Virtuoso, timeout: float) -> bool:
    """Whether the server's SPARQL endpoint answers within ``timeout`` s while its process runs (an answer
    after it exited came from whoever else holds the port)."""
    deadline = time.monotonic() + timeout
    while server.proc.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{server.sparql}?query=ASK%7B%7D", timeout=2).read()
            return server.proc.poll() is None
        except OSError:
            time.sleep(0.3)
    return False
