"""Property-based tests of number parsing (``fazhi.loaders.numerals``): what a report writes as a number
reads back as that number, cn2an's own writing of a number being the independent oracle, and no text
makes the parser raise."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

numerals = pytest.importorskip("fazhi.loaders.numerals", reason="number parsing lives in fazhi.loaders.numerals")
cn2an = pytest.importorskip("cn2an")

FAST = settings(max_examples=150, deadline=None)


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_digits_with_or_without_separators(n):
    assert numerals.parse_number(str(n)) == n
    assert numerals.parse_number(f"{n:,}") == n
    assert numerals.parse_number(f"{n:,}".replace(",", " ")) == n


@FAST
@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=100))
def test_wan_and_percent(n, pct):
    assert numerals.parse_number(f"{n}万") == n * 10_000
    assert numerals.parse_number(f"百分之{cn2an.an2cn(pct)}") == pct


@FAST
@given(st.integers(min_value=10_000, max_value=99_999_999))
def test_chinese_numerals_with_wan(n):
    """一万零一十, 三万五千, 一千二百万零三: the 零 after 万 must not lose the rest."""
    assert numerals.parse_number(cn2an.an2cn(n)) == n


@FAST
@given(st.integers(min_value=0, max_value=9_999))
def test_chinese_numerals_agree_with_cn2an(n):
    written = cn2an.an2cn(n)  # 二十三, 一百零五, 两千 is also accepted by the parser
    assert numerals.cn_integer(written) == n
    assert numerals.parse_number(written) == n


@FAST
@given(st.integers(min_value=1, max_value=9_999), st.integers(min_value=0, max_value=9))
def test_decimals(n, d):
    assert numerals.parse_number(f"{n}.{d}") == pytest.approx(n + d / 10)
    assert numerals.parse_number(f"百分之{cn2an.an2cn(n)}点{cn2an.an2cn(d)}") == pytest.approx(n + d / 10)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("〇零一二两三四五六七八九十百千万亿点百分之0123456789.,， 以上余多约")
               | st.characters(), max_size=20))
def test_never_raises(text):
    v = numerals.parse_number(text)
    assert v is None or isinstance(v, float)
    numerals.cn_integer(text)
    for m in numerals.NUMBER_RE.finditer(text):
        assert text[m.start():m.end()] == m.group(0)
