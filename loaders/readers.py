"""Reading a file's bytes and decoding plain text: the first step in front of the report pipeline (the
formats built on it are in ``formats.py``).

Text files are UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK (GB2312 is a subset);
Big5 is tried last for traditional-character files. A decoding is accepted only when the result reads
as text: mostly printable, and its Chinese characters mostly common ones. A file that decodes only to
junk is refused, never passed on garbled.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from fazhi.graph.errors import LoadError
from fazhi.loaders.text import count_blocks, to_simplified

MAX_BYTES = 50 * 1024 * 1024  # 50 MiB: a report larger than this is almost surely not a report (README)
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
TABLE_SUFFIXES = (".csv", ".xlsx")   # rosters and case ledgers (loaders/tables.py)

# Magic numbers of binary formats a user might rename or drop into a folder by mistake.
_MAGIC = ((b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx?)"),
          (b"\xd0\xcf\x11\xe0", "an old Office file"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x7fELF", "a program"), (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
          (b"7z\xbc\xaf", "a 7z archive"))


def read_bytes(path: Path, data: bytes | None = None) -> bytes:
    """The file's bytes; missing, folder, unreadable, over MAX_BYTES and empty files are LoadErrors.

    ``data``: the file's bytes when the caller has read them already (checked the same way, not re-read).
    """
    path = Path(path)
    if data is None:
        if not path.exists():
            raise LoadError(path, "no such file")
        if path.is_dir():
            raise LoadError(path, "is a folder, not a file")
        try:
            size = path.stat().st_size
        except OSError as e:
            raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    else:
        size = len(data)
    if size > MAX_BYTES:
        raise LoadError(path, f"file is {size / 1048576:.0f} MiB, over the {MAX_BYTES // 1048576} MiB limit")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    if not data:
        raise LoadError(path, "file is empty")
    if not data.strip(b" \t\r\n\x0b\x0c\x00") or not data.lstrip(b"\xef\xbb\xbf\xff\xfe").strip(b" \t\r\n\x00"):
        raise LoadError(path, "file is empty (only white space)")
    return data


# control bytes that plain text does not hold (tab, line ends, vertical tab and form feed are 9-13)
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes are, if they look like one (text is None).

    >>> binary_kind(b"\\x89PNG\\r\\n..."), binary_kind("正文".encode())
    ('a PNG image', None)
    """
    for magic, kind in _MAGIC:
        if kind and data.startswith(magic):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:8192]
    if b"\x00" in head or len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) * 0.02:
        return "a binary file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like BOM-less UTF-16 (NULs at every other byte)."""
    head = data[:4000]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) * 0.2 and even == 0:
        return "utf-16-le"
    if even > len(head) * 0.2 and odd == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5; refuse what decodes to junk."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if len(data) % 2:
            raise LoadError(path, "UTF-16 text with an odd number of bytes: the file is cut off or damaged")
        return _strict(data, "utf-16", path)
    bom_less = _utf16_without_bom(data)
    if bom_less:
        return _strict(data, bom_less, path)
    kind = binary_kind(data)
    if kind:
        raise LoadError(path, f"{kind}, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason in ("unexpected end of data", "invalid continuation byte") \
                and _mostly_utf8(data[:e.start]):
            raise LoadError(path, f"UTF-8 text cut off in the middle of a character at byte {e.start}: "
                                  f"the file is truncated") from None
        if _mostly_utf8(data):
            raise LoadError(path, f"not valid UTF-8: undecodable bytes at byte {e.start} "
                                  f"(the file is damaged or mixes encodings)") from None
    else:
        return _checked(text, "UTF-8", path)
    damaged = ""
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            # Read past the bad spot: if the rest is good Chinese, this was the encoding and the file is
            # damaged there (say so) rather than in some other encoding.
            if not damaged and junk_reason(data.decode(enc, "replace").replace("\ufffd", "")) is None:
                damaged = (f"{enc.upper()} text cut off in the middle of a character: the file is truncated"
                           if e.start >= len(data) - 3 else
                           f"not valid {enc.upper()} text: undecodable bytes at byte {e.start} (damaged file?)")
            continue
        if junk_reason(text) is None:
            return text
    if damaged:
        raise LoadError(path, damaged)
    raise LoadError(path, "not readable text in UTF-8, UTF-16, GB18030/GBK or Big5 (undecodable or junk)")


def _strict(data: bytes, enc: str, path: Path) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        where = "cut off at the end" if e.start >= len(data) - 4 else f"undecodable at byte {e.start}"
        raise LoadError(path, f"not valid {enc.upper()} text: {where}") from None
    return _checked(text, enc.upper(), path)


def _checked(text: str, enc: str, path: Path) -> str:
    reason = junk_reason(text)
    if reason:
        raise LoadError(path, f"decodes as {enc} but {reason}")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 apart from a few damaged spots (so GB18030 is no explanation)."""
    good = data.decode("utf-8", "replace")
    multibyte = sum(1 for c in good[:20000] if ord(c) > 0x7F and c != "\ufffd")
    bad = good[:20000].count("\ufffd")
    return multibyte >= 20 and bad <= multibyte * 0.02


def _gb_level1(c: str) -> bool:
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


@lru_cache(maxsize=None)
def _common_han(c: str) -> bool:
    """A Chinese character among GB2312's 3755 level-1 (most used) ones, simplified or traditional.

    >>> _common_han("法"), _common_han("區"), _common_han("娉")
    (True, True, False)
    """
    if _gb_level1(c):
        return True
    s = to_simplified(c)
    return s != c and _gb_level1(s)


# Counted in C (regexes, str and bytes methods): a per-character Python loop, or a list or Counter of
# every Chinese character, cost more than the rest of decoding.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x80-\x9f\ufffd\ue000-\uf8ff]")
_ODD_CHARS = re.compile("[\u3040-\u30ff\u0370-\u04ff\u2500-\u257f]")
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_HAN_CHARS = re.compile(f"[{_HAN}]")
_LATIN_RUN = re.compile("[A-Za-z][A-Za-z]*")  # (not [A-Za-z]+: re skips to a first character only then)
_HAN_HIGH = bytes(range(0x34, 0xA0)) + b"\xf9\xfa"  # the blocks of _HAN, for count_blocks


def _wedged(sample: str) -> int:
    """How many Chinese characters touch a Latin letter (pr閒ecture, 閠at), found from the Latin runs.

    >>> _wedged("pr閒ecture 閠at 中文 a中b")
    3
    """
    at = set()
    for m in _LATIN_RUN.finditer(sample):
        a, b = m.span()
        if a and _HAN_CHARS.match(sample, a - 1):
            at.add(a - 1)
        if _HAN_CHARS.match(sample, b):
            at.add(b)
    return len(at)


# characters already judged not rare Chinese (other scripts, or common Chinese): what a text has beyond
# these, a set difference in C, is all that is left to judge
_NOT_RARE: set[str] = set()


def _rare_chars(sample: str) -> list[str]:
    """The distinct rare Chinese characters of ``sample`` (see _common_han).

    >>> _rare_chars("娉法 a 區")
    ['娉']
    """
    rare = []
    for c in set(sample) - _NOT_RARE:
        if _HAN_CHARS.match(c) and not _common_han(c):
            rare.append(c)
        else:
            _NOT_RARE.add(c)
    return rare


def junk_reason(text: str) -> str | None:
    """Why a decoded text is not readable text, or None when it is.

    Control characters, replacement characters and private-use code points mean a wrong decoding; so
    does Chinese that is mostly rare characters (UTF-8 bytes read as GBK give such mojibake).

    >>> junk_reason("法治政府建设年度报告。") is None
    True
    >>> junk_reason("鍧氭寔渚濇硶琛屾斂鎺ㄨ繘娉曟不鏀垮簻寤鸿") is not None  # UTF-8 bytes read as GBK
    True
    """
    sample = text[:20000]
    if not sample.strip():
        return "the text is empty"
    bad = len(_BAD_CHARS.findall(sample))
    if bad > max(2, len(sample) * 0.005):
        return "the result is not readable text (control or undefined characters)"
    han = count_blocks(sample, _HAN_HIGH)
    if han >= 10:
        # Big5 read as GBK shows kana, Greek, Cyrillic and box drawing among the Chinese
        odd = len(_ODD_CHARS.findall(sample))
        if odd > han * 0.05:
            return f"the result is garbled ({odd} kana, Greek or box-drawing characters among Chinese)"
        # Latin-1 text read as GBK: an accented letter and the next one become one Chinese character
        # stuck to a Latin word (pr閒ecture, 閠at)
        wedged = _wedged(sample)
        if wedged > han * 0.3:
            return f"the result is garbled ({wedged} Chinese characters inside Latin words)"
        rare = sum(map(sample.count, _rare_chars(sample)))
        if rare > han * 0.25:
            return f"the result is garbled ({rare} of {han} Chinese characters are rare ones)"
    return None
