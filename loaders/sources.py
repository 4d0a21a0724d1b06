"""What a collection says about its files: the manifest beside scraped reports.

People who collect reports from government sites keep a list of where each file came from: a
tab-separated ``MANIFEST.tsv`` (or ``manifest.tsv``, ``sources.tsv``) in the same folder, one row a
file, with the page's address and often the issuing body. fazhi reads it as provenance (the report's
source URL) and as a hint for what the text itself may not say: an opening that calls its author only
“我局” or “分局” never names its district, while the collector knew whose site it was on.

Columns, by header (English or Chinese, any order; others ignored):
``file`` (文件/文件名, required), ``url`` (链接/网址/来源), ``issuer`` (发布机构/发文机关/单位).
An issuer cell keeps only the name before any bracketed note (``X局（江苏；据站点推定）`` → ``X局``).
A manifest that cannot be read is ignored: it is an aid, never a reason to refuse a report.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

MANIFEST_NAMES = ("MANIFEST.tsv", "manifest.tsv", "sources.tsv", "SOURCES.tsv")
_COLUMNS = {
    "file": ("file", "filename", "path", "文件", "文件名"),
    "url": ("url", "link", "source_url", "source", "链接", "网址", "来源网址", "来源"),
    "issuer": ("issuer", "publisher", "发布机构", "发文机关", "发文单位", "单位"),
}
_NOTE = re.compile(r"\s*[（(【\[].*$")
ISSUER_COLUMNS = _COLUMNS["issuer"]      # (the names an issuer column goes by: what `make eval` removes to test without)


def manifest_for(path: Path) -> Path | None:
    """The manifest in the file's folder, if there is one."""
    found = _manifest_stamp(path)
    return Path(found[0]) if found else None


def _manifest_stamp(path) -> tuple[str, int] | None:
    """The manifest in the file's folder and its modification time, from one stat per candidate name
    (os.path, as pathlib's objects cost more than the look-up itself: this runs for every report)."""
    folder = os.path.dirname(os.fspath(path if isinstance(path, Path) else Path(path)))  # (Path drops a trailing /)
    for name in MANIFEST_NAMES:
        m = os.path.join(folder, name)
        try:
            st = os.stat(m)
        except OSError as e:
            if e.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):  # as Path.is_file
                continue
            raise
        except ValueError:
            continue
        if stat.S_ISREG(st.st_mode):
            return m, st.st_mtime_ns
    return None


@lru_cache(maxsize=64)
def _read_manifest(manifest: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not rows:
        return {}
    header = [h.strip().lower() for h in rows[0]]
    where = {key: next((header.index(n) for n in names if n in header), None) for key, names in _COLUMNS.items()}
    if where["file"] is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    for row in rows[1:]:
        cell = lambda key: row[where[key]].strip() if where[key] is not None and where[key] < len(row) else ""  # noqa: E731
        name = cell("file")
        if not name:
            continue
        meta = {}
        url = cell("url")
        if re.match(r"https?://", url):
            meta["url"] = url
        issuer = _NOTE.sub("", cell("issuer"))
        if 2 <= len(issuer) <= 40:
            meta["issuer"] = issuer
        out[Path(name).name] = meta
    return out


def side_metadata(path: Path) -> dict[str, str]:
    """What the folder's manifest says about this file: {'url': ..., 'issuer': ...} (empty when nothing).

    >>> side_metadata(Path("/nonexistent/a.txt"))
    {}
    """
    found = _manifest_stamp(path)
    if found is None:
        return {}
    return dict(_read_manifest(Path(found[0]), found[1]).get(Path(path).name, {}))


def source_hash(path: Path, data: bytes | None = None) -> str:
    """The content hash a source is skipped by: its bytes, and its manifest row when it has one (so editing
    the manifest re-reads the report on the next ingest)."""
    path = Path(path)
    h = hashlib.sha256(path.read_bytes() if data is None else data)
    meta = side_metadata(path)
    if meta:
        h.update(b"\0manifest\0" + json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()
