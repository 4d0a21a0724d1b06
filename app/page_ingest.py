"""Ingest (only with `fazhi app --allow-ingest`): upload reports and rosters; the same per-file errors as the
CLI. Uploads are kept beside the store, so uploading a file again replaces what it gave before."""
from __future__ import annotations

import os
import re
from pathlib import Path

import streamlit as st
from fazhi.app.ui import descriptor, t, time_limit
from fazhi.graph.errors import FazhiError
from fazhi.graph.store import default_store_dir, open_store

SUFFIXES = ["txt", "html", "htm", "docx", "pdf", "csv", "xlsx"]


def allowed() -> bool:
    return os.environ.get("FAZHI_ALLOW_INGEST") == "1"


def upload_dir(desc: str | None) -> Path:
    """Where uploads are kept: ``$FAZHI_UPLOAD_DIR``, else beside the on-disk store (``STORE.uploads``)."""
    if os.environ.get("FAZHI_UPLOAD_DIR"):
        return Path(os.environ["FAZHI_UPLOAD_DIR"])
    path = desc[len("oxigraph:"):] if desc and desc.startswith("oxigraph:") else None
    base = Path(path) if path else default_store_dir()
    return base.parent / (base.name + ".uploads")


def safe_name(name: str) -> str:
    """A file name without folders or odd characters (an upload names only a file).

    >>> safe_name("../../etc/x 报告.txt")
    'x 报告.txt'
    """
    name = Path(name.replace("\\", "/")).name
    return re.sub(r"[^\w.\- \u3000-\u9fff]", "_", name).strip() or "upload"


def ingest_uploads(files: list[tuple[str, bytes]], desc: str | None = None) -> list[tuple[str, str, bool]]:
    """Save uploaded (name, bytes) pairs and ingest them; one (file name, message, ok) per file."""
    folder = upload_dir(desc)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files:
        p = folder / safe_name(name)
        p.write_bytes(data)
        paths.append(p)
    return ingest_paths(paths, desc)


def ingest_paths(paths: list[Path], desc: str | None = None) -> list[tuple[str, str, bool]]:
    """Ingest files or folders into the store (read-write, for this call); one (file name, message, ok) per file.
    A store held by a running `fazhi ingest` is a StoreUnavailable."""
    from fazhi.loaders.ingest import ingest  # (extraction's ~3 s import only when someone ingests)

    with open_store(desc, timeout=time_limit()) as s:
        outcomes = ingest(s, paths)
    return [(o.path.name, o.summary if o.ok else f"error: {o.path.name}: {o.error}", o.ok) for o in outcomes]


def show_outcomes(lines: list[tuple[str, str, bool]]) -> None:
    """Each file's one-line result, and how many failed."""
    failed = [m for _, m, ok in lines if not ok]
    for _, m, ok in lines:
        (st.success if ok else st.error)(t("ingested", summary=m) if ok else m)
    if failed:
        st.warning(t("ingest_failed", n=len(failed)))


def render() -> None:
    if not allowed():
        st.info(t("ingest_off"))
        return
    files = st.file_uploader(t("upload"), type=SUFFIXES, accept_multiple_files=True, key="ingest-files")
    if st.button(t("ingest_button"), type="primary", disabled=not files, key="ingest-go"):
        try:
            lines = ingest_uploads([(f.name, f.getvalue()) for f in files], descriptor())
        except FazhiError as e:
            st.error(str(e))
            return
        show_outcomes(lines)
