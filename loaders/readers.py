"""Reading a file into text: the decoding and format step in front of the report pipeline."""
from __future__ import annotations

import codecs
from pathlib import Path

from fazhi.graph.errors import LoadError

MAX_BYTES = 50 * 1024 * 1024  # a report larger than this is almost surely not a report; the README says so
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
ROSTER_SUFFIXES = (".csv",)


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise LoadError(path, "no such file")
    if path.is_dir():
        raise LoadError(path, "is a folder, not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LoadError(path, f"file is {size // 1048576} MiB, over the {MAX_BYTES // 1048576} MiB limit")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    if not data.strip():
        raise LoadError(path, "file is empty")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; refuse what decodes to junk."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    if b"\x00" in data and candidates != ["utf-16"]:
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
        raise LoadError(path, f"decodes as {enc} but the result is not readable text")
    raise LoadError(path, "not UTF-8, UTF-16 or GB18030 text: cannot decode it")


def _plausible(text: str) -> bool:
    """Most characters are printable and the text has some Chinese or at least some letters."""
    sample = text[:20000]
    if not sample.strip():
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF)
    return bad / len(sample) < 0.01


def read_report_text(path: Path) -> tuple[str, dict]:
    """The text of a report file and whatever metadata the format carries (title, date ...)."""
    suffix = path.suffix.lower()
    data = read_bytes(path)
    if suffix == ".txt":
        return decode_text(data, path), {}
    if suffix in (".html", ".htm"):
        from fazhi.loaders.formats import html_text

        return html_text(data, path)
    if suffix == ".docx":
        from fazhi.loaders.formats import docx_text

        return docx_text(data, path)
    if suffix == ".pdf":
        from fazhi.loaders.formats import pdf_text

        return pdf_text(data, path)
    raise LoadError(path, f"unsupported file type {suffix or '(none)'}; fazhi reads "
                          f"{', '.join(REPORT_SUFFIXES + ROSTER_SUFFIXES)}")
