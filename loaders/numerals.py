"""Numbers as the reports write them: Arabic digits (with spaces or commas between thousands), Chinese
numerals (二十三, 两, 一百零五), 万/亿 multipliers (1.2万 → 12000) and 百分之N; plus the qualifier words
around a quantity (以上 → at_least, 余/多 → more_than, 以内/以下 → at_most, 约/近/左右 → approx).

Pure functions; ``NUMBER_RE`` is the one pattern every extractor uses to find a number in text.
"""
from __future__ import annotations

import re
from functools import lru_cache

CN_NUMERALS = "〇零一二两三四五六七八九十百千"
# A number as written: 1 365 / 1,365 / 95.5 / 二十三 / 两 — and an optional 万/亿 multiplier after it.
# (a run of single digits each one space apart, 1 2 次, is a letter-spaced number from a PDF, not a list)
NUMBER_PATTERN = (r"(?:\d{1,3}(?:[ ,，]\d{3})+(?:\.\d+)?|\d(?: \d)+(?![\d.])|\d+(?:\.\d+)?|[" + CN_NUMERALS + r"]+(?:[万亿][" + CN_NUMERALS + r"]+)*)"
                  r"(?:\s*[万亿])?")
NUMBER_RE = re.compile(NUMBER_PATTERN)
# The same number written as "one digit or numeral, then the rest": a pattern that opens with a character class
# lets re jump straight to the next candidate character instead of trying the alternatives at every position
# (NUMBER_PATTERN opens with a choice, which re cannot skip ahead on). Matches exactly what NUMBER_PATTERN does.
NUMBER_FIRST = r"[\d" + CN_NUMERALS + r"]"
NUMBER_REST = (r"(?:(?<=\d)(?:\d{0,2}(?:[ ,，]\d{3})+(?:\.\d+)?|(?: \d)+(?![\d.])|\d*(?:\.\d+)?)"
               r"|(?<=[" + CN_NUMERALS + r"])[" + CN_NUMERALS + r"]*(?:[万亿][" + CN_NUMERALS + r"]+)*)(?:\s*[万亿])?")

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_MULT = {"万": 10_000, "亿": 100_000_000}


def cn_integer(text: str) -> int | None:
    """A Chinese numeral below 10 000 (二十三, 一百零五, 十二, 两千) as an int; None when it is not one.

    Digit strings written with Chinese digits (二〇二一) read digit by digit.

    >>> cn_integer("二十三"), cn_integer("十二"), cn_integer("一百零五"), cn_integer("两"), cn_integer("二〇二一")
    (23, 12, 105, 2, 2021)
    >>> cn_integer("千"), cn_integer("十百") is None
    (1000, True)
    >>> cn_integer("十百") is None
    True
    """
    if not text or any(c not in _CN_DIGIT and c not in _CN_UNIT for c in text):
        return None
    if text in ("百", "千"):
        return _CN_UNIT[text]             # 百余家, 近千人
    if all(c in _CN_DIGIT for c in text):
        if len(text) == 1:
            return _CN_DIGIT[text]
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    return _cn_via_cn2an(text)


@lru_cache(maxsize=4096)
def _cn_via_cn2an(text: str) -> int | None:
    import cn2an

    try:
        v = cn2an.cn2an(text.replace("两", "二"), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return int(v) if float(v).is_integer() else None


_SEPARATORS = re.compile(r"[\s,，]")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of a number as written, or None.

    >>> parse_number("1 365"), parse_number("1,365"), parse_number("95.5"), parse_number("二十三")
    (1365.0, 1365.0, 95.5, 23.0)
    >>> parse_number("10万"), parse_number("1.2万"), parse_number("3亿"), parse_number("两")
    (100000.0, 12000.0, 300000000.0, 2.0)
    >>> parse_number("百分之九十五"), parse_number("三万五千"), parse_number("百分之十五点五")
    (95.0, 35000.0, 15.5)
    >>> parse_number("一万零一十"), parse_number("三亿零五万")
    (10010.0, 300050000.0)
    >>> parse_number("abc") is None
    True
    """
    s = _SEPARATORS.sub("", text or "")
    if not s:
        return None
    if s.startswith("百分之"):
        return parse_number(s[3:])
    if "点" in s:
        # 十五点五: an integer part and its decimals read digit by digit
        whole, _, frac = s.partition("点")
        w = parse_number(whole) if whole else None
        if w is None or not frac or any(c not in _CN_DIGIT for c in frac):
            return None
        return _clean(w + float("0." + "".join(str(_CN_DIGIT[c]) for c in frac)))
    mult = 1
    if s[-1] in _MULT and len(s) > 1 and not (s[-1] == "万" and "亿" in s):
        mult, s = _MULT[s[-1]], s[:-1]
    if _DECIMAL.fullmatch(s):
        return _clean(float(s) * mult)
    if "万" in s or "亿" in s:
        # 三万五千: split at the largest multiplier and add the parts
        for ch in ("亿", "万"):
            if ch in s:
                hi, _, lo = s.partition(ch)
                lo = lo.lstrip("零")      # 一万零一十: the 零 only marks the empty thousands
                a = parse_number(hi)
                b = parse_number(lo) if lo else 0.0
                if a is None or b is None:
                    return None
                return _clean((a * _MULT[ch] + b) * mult)
    v = cn_integer(s)
    return None if v is None else _clean(float(v) * mult)


def _clean(v: float) -> float:
    # 1.2万 is 12000, not 12000.000000000002
    return float(round(v, 6))


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` is written in Chinese numerals only (二十三, 两).

    >>> is_chinese_numeral("二十三"), is_chinese_numeral("23")
    (True, False)
    """
    return bool(text) and not text.strip().lstrip(CN_NUMERALS)    # (lstrip: one C call, no generator)


# Qualifier words: before the number, or after it (between number and unit, or after the unit).
QUAL_BEFORE = (("不少于", "at_least"), ("不低于", "at_least"), ("至少", "at_least"), ("超过", "more_than"),
               ("逾", "more_than"), ("不超过", "at_most"), ("不高于", "at_most"), ("不到", "at_most"),
               ("最多", "at_most"), ("约", "approx"), ("近", "approx"), ("大约", "approx"), ("将近", "approx"))
QUAL_AFTER = (("以上", "at_least"), ("余", "more_than"), ("多", "more_than"), ("以内", "at_most"),
              ("以下", "at_most"), ("之内", "at_most"), ("左右", "approx"))


def qualifier(before: str, between: str = "", after: str = "") -> str:
    """The qualifier of a quantity from the words just before it, between number and unit, and after the unit.

    >>> qualifier("满意度达", "", "以上"), qualifier("", "余", ""), qualifier("在", "", "以下")
    ('at_least', 'more_than', 'at_most')
    >>> qualifier("约", "", ""), qualifier("共", "", ""), qualifier("超过", "", "")
    ('approx', 'exact', 'more_than')
    """
    # (one C-level test over all the words first: most figures have no qualifier)
    if between.startswith(_AFTER_WORDS) or after.startswith(_AFTER_WORDS):
        for word, q in QUAL_AFTER:
            if between.startswith(word) or after.startswith(word):
                return q
    if before.endswith(_BEFORE_WORDS):
        for word, q in _QUAL_BEFORE_LONGEST_FIRST:
            if before.endswith(word):
                return q
    return "exact"


_QUAL_BEFORE_LONGEST_FIRST = sorted(QUAL_BEFORE, key=lambda x: -len(x[0]))
_AFTER_WORDS = tuple(w for w, _ in QUAL_AFTER)
_BEFORE_WORDS = tuple(w for w, _ in QUAL_BEFORE)
