"""Number parsing and qualifiers (fazhi.loaders.numerals): golden cases plus the module's doctests."""
import doctest

import pytest

from fazhi.loaders import numerals
from fazhi.loaders.numerals import NUMBER_RE, is_chinese_numeral, parse_number, qualifier

GOLDEN = [
    ("23", 23), ("1365", 1365), ("1 365", 1365), ("1,365", 1365), ("51 152", 51152), ("95.5", 95.5),
    ("0", 0), ("二十三", 23), ("十二", 12), ("十", 10), ("两", 2), ("一百零五", 105), ("一百一十", 110),
    ("四百", 400), ("两千", 2000), ("二〇二一", 2021), ("10万", 100000), ("1.2万", 12000), ("5.6 万", 56000),
    ("3亿", 300000000), ("三万五千", 35000), ("百分之九十五", 95), ("百分之十五点五", 15.5), ("十五点五", 15.5),
]


@pytest.mark.parametrize("text,value", GOLDEN)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "十百", "万", "点五"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("before,between,after,expected", [
    ("满意度达", "", "以上", "at_least"), ("", "余", "", "more_than"), ("", "多", "", "more_than"),
    ("发生率在", "", "以下", "at_most"), ("", "", "以内", "at_most"), ("不超过", "", "", "at_most"),
    ("约", "", "", "approx"), ("近", "", "", "approx"), ("", "", "左右", "approx"), ("不少于", "", "", "at_least"),
    ("超过", "", "", "more_than"), ("共办结", "", "", "exact"),
])
def test_qualifier(before, between, after, expected):
    assert qualifier(before, between, after) == expected


def test_number_pattern_finds_numbers_as_written():
    found = [m.group(0) for m in NUMBER_RE.finditer("共1 365人、二十三件、10万张、95.5%")]
    assert found == ["1 365", "二十三", "10万", "95.5"]


def test_is_chinese_numeral():
    assert is_chinese_numeral("二十三") and not is_chinese_numeral("23") and not is_chinese_numeral("")


def test_doctests():
    assert doctest.testmod(numerals).failed == 0
