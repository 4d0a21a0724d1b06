"""Text normalisation with a map back to the original, and an aligned simplified-Chinese view.

Offsets everywhere else in fazhi are offsets into the *normalised* text: full-width ASCII folded to
half-width, compatibility forms unfolded (NFKC), line ends unified, runs of spaces folded, spaces that
a PDF or a scraper put between Chinese characters removed. ``NormText.origin[i]`` is where character i
came from in the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# NFKC would turn these into ASCII that changes their meaning in document numbers and titles.
_KEEP = set("〔〕【】《》〈〉「」『』“”‘’、。—…·")
_FIELD_AHEAD = re.compile(r"[\u4e00-\u9fff/]{2,8}\s*[:：]")
_WS_RUN = re.compile(r"[ \n][ \n]*")  # (not [ \n]+: re skips ahead to a first character only then)
_FOLDED: dict[str, str] = {}
# Characters fold_char leaves alone (a doctest of fold_char checks every one): line ends, printable ASCII,
# CJK unified ideographs and _KEEP. Only the others can fold, and a report has few of them.
_PLAIN = "\n -~\u4e00-\u9fff" + re.escape("".join(sorted(_KEEP)))
_FOLDABLE = re.compile(f"[^{_PLAIN}]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef《》〔〕【】“”‘’、。]")


@dataclass
class NormText:
    text: str
    origin: list[int]  # origin[i] = offset in the original text of normalised character i

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised span [start, end)."""
        if start >= len(self.origin):
            return len(self.origin), len(self.origin)
        o_end = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], o_end


def fold_char(c: str) -> str:
    """Width and compatibility folding of one character (may return 0..n characters).

    >>> fold_char("１"), fold_char("（"), fold_char("〔"), fold_char("\\u3000"), fold_char("\\x01")
    ('1', '(', '〔', ' ', '')
    >>> all(fold_char(c) == c for c in map(chr, range(0x10000)) if not _FOLDABLE.match(c))  # (all else is BMP)
    True
    """
    if c in _KEEP:
        return c
    if c in "\r\u200b\u200c\u200d\ufeff\u00ad":
        return ""
    if c in "\t\u00a0\u3000\u2002\u2003\u2009":
        return " "
    if c in "\u2028\u2029":  # Unicode line and paragraph separators
        return "\n"
    if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co"):
        # control, format, surrogate and private-use code points carry no readable text (and
        # cannot go into an IRI); a vertical tab or form feed still separates lines
        return "\n" if c in "\x0b\x0c\x1c\x1d\x1e\x85" else ""
    f = unicodedata.normalize("NFKC", c)
    return f


def _replace_each(s: str, table: dict[str, str]) -> str:
    """``s`` with each key of ``table`` replaced by its value (one character each, all at once).

    >>> _replace_each("（１）", {"（": "(", "）": ")", "１": "1"})
    '(1)'
    """
    if any(v in table for v in table.values()):  # a chain (a→b, b→c): one pass keeps it simultaneous
        return s.translate({ord(k): v for k, v in table.items()})
    for k, v in table.items():
        s = s.replace(k, v)
    return s


def normalize(raw: str) -> NormText:
    """Fold widths, unify whitespace and drop spaces inside Chinese text, keeping the offset map.

    >>> n = normalize("上蔡县司法 局（２０２１）\\r\\n\\r\\n\\r\\n下一行")
    >>> n.text
    '上蔡县司法局(2021)\\n\\n下一行'
    >>> n.origin[5]  # 局 came from position 6 of the original
    6
    >>> normalize("上蔡县人民政府    2021年3月1日").text  # a run of spaces separates, so one stays
    '上蔡县人民政府 2021年3月1日'
    """
    s, origin = _fold(raw)
    text, out_o = _squeeze_whitespace(s, origin)
    keep = len(text.rstrip("\n "))
    return NormText(text[:keep], out_o[:keep])


def _fold(raw: str):
    """Pass 1: each character folded (full width → half, compatibility forms …); returns the folded text and,
    for each of its characters, its position in ``raw``."""
    # pass 1: fold each character. Only characters outside plain ASCII, common Chinese and _KEEP can fold
    # (see _FOLDABLE), so a regex finds those few instead of a set over every character. Each is folded
    # once; those that fold to exactly one character are replaced in place (str.replace runs in C, while
    # str.translate raises and clears a KeyError for every character its table lacks), the few that
    # vanish or expand (\r, ﬁ) are spliced in by hand
    fold = _FOLDED
    found = set(_FOLDABLE.findall(raw))
    for c in found:
        if c not in fold:
            fold[c] = fold_char(c)
    table = {c: fold[c] for c in found if len(fold[c]) == 1 and fold[c] != c}
    odd = [c for c in found if len(fold[c]) != 1]
    s = _replace_each(raw, table)
    if not odd:
        origin = range(len(raw))  # character i came from i: a range, not a list of that many numbers
    else:
        pieces: list[str] = []
        origin = []
        pos = 0
        for m in re.finditer("[" + "".join(map(re.escape, odd)) + "]", s):
            a = m.start()
            pieces.append(s[pos:a])
            origin.extend(range(pos, a))
            f = fold[m.group()]
            pieces.append(f)
            origin.extend([a] * len(f))
            pos = a + 1
        pieces.append(s[pos:])
        origin.extend(range(pos, len(s)))
        s = "".join(pieces)
    return s, origin


def _squeeze_whitespace(s: str, origin) -> tuple[str, list[int]]:
    """Pass 2: spaces that are layout dropped (next to a line end or a Chinese character), other runs made one
    space, at most one blank line in a row; returns the text and each character's position in the raw text."""
    n = len(s)
    # pass 2: text between whitespace runs is copied in slices; only the runs are looked at one by one
    parts: list[str] = []
    out_o: list[int] = []
    last1 = last2 = ""            # the last two characters written ('' before any)
    pos = 0
    for m in _WS_RUN.finditer(s):
        a, b = m.span()
        if a > pos:
            parts.append(s[pos:a])
            out_o.extend(origin[pos:a])
            last2 = s[a - 2] if a - pos >= 2 else last1
            last1 = s[a - 1]
        i = a
        while i < b:
            if s[i] == " ":
                j = i
                while j < n and s[j] == " ":
                    j += 1
                prev = last1 or "\n"
                nxt = s[j] if j < n else "\n"
                # A space next to a line end or a Chinese character is layout, not content, unless it
                # separates two fields of a disclosure header (文号: X 主体分类: Y) or is a run of several.
                layout = prev == "\n" or nxt == "\n" or (
                    (_CJK.match(prev) or _CJK.match(nxt)) and j - i == 1 and not _FIELD_AHEAD.match(s[j:j + 12]))
                if not layout:
                    parts.append(" ")
                    out_o.append(origin[i])
                    last2, last1 = last1, " "
                i = j
                continue
            # a line end: none at the start, at most one blank line in a row
            if last1 and not (last1 == "\n" and last2 == "\n"):
                parts.append("\n")
                out_o.append(origin[i])
                last2, last1 = last1, "\n"
            i += 1
        pos = b
    if pos < n:
        parts.append(s[pos:])
        out_o.extend(origin[pos:])
    return "".join(parts), out_o



@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with the same length, so offsets into one are offsets into the other.

    OpenCC converts phrases; where a phrase changes length (rare), that line is converted character by
    character instead, which keeps every character in its place.

    >>> to_simplified("區政府堅持法治")
    '区政府坚持法治'
    >>> s = "第一行\\n著作權與網絡"; len(to_simplified(s)) == len(s)
    True
    """
    if not text:
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    out = []
    for line in text.split("\n"):
        c = _t2s().convert(line)
        if len(c) != len(line):
            c = "".join(s if len(s := _t2s().convert(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out)


_CJK_UNIFIED = re.compile("[\u4e00-\u9fff]")
_UNIFIED_HIGH = bytes(range(0x4E, 0xA0))  # the first UTF-16-BE byte of U+4E00..U+9FFF


def count_blocks(text: str, high: bytes) -> int:
    """How many characters of ``text`` lie in the 256-character blocks U+XX00..U+XXFF whose XX is in
    ``high``: counted on the first bytes of its UTF-16-BE encoding, in C, making no object per character.

    >>> count_blocks("法治 2021 區政府", _UNIFIED_HIGH), count_blocks("abc\\ud800\U00020000", _UNIFIED_HIGH)
    (5, 0)
    """
    first = text.encode("utf-16-be", "surrogatepass")[0::2]
    return len(first) - len(first.translate(None, high))


@lru_cache(maxsize=None)
def _traditional_char(c: str) -> bool:
    return _t2s().convert(c) != c


# characters already judged not traditional Chinese (other scripts included): what a text has beyond these,
# a set difference in C, is all that is left to judge
_NOT_TRADITIONAL: set[str] = set()


def looks_traditional(text: str) -> bool:
    """True when more than 1% of the Chinese characters change when converted to simplified.

    Judged once per distinct character, so simplified text pays no phrase conversion; the few
    traditional characters found are then counted.

    >>> looks_traditional("區政府堅持依法行政"), looks_traditional("区政府坚持依法行政")
    (True, False)
    """
    sample = text[:5000]
    han = count_blocks(sample, _UNIFIED_HIGH)
    if not han:
        return False
    traditional = []
    for c in set(sample) - _NOT_TRADITIONAL:
        if _CJK_UNIFIED.match(c) and _traditional_char(c):
            traditional.append(c)
        else:
            _NOT_TRADITIONAL.add(c)
    return sum(map(sample.count, traditional)) / han > 0.01
