"""The disclosure header of a report however a page or a copy of it prints it: several ``label: value`` pairs on a
line or in a cell, empty values, labels spaced out or glued to their values, ``[ label ]`` and ``label | value |``
forms, a title printed after its bracketed number; page widgets printed as labels are furniture, never facts.
(All lines are invented; the layouts are those of real government sites.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.headerfields import header_pairs, is_header_line, split_fields
from fazhi.loaders.pipeline import read_report


@pytest.mark.parametrize("line, expected", [
    # several pairs with colons, separated by spaces (a text copy of a page)
    ("索引号：11330522/2024-00031　文号：长政〔2024〕8号　发布机构：长兴县人民政府",
     [("索引号", "11330522/2024-00031"), ("文号", "长政〔2024〕8号"), ("发布机构", "长兴县人民政府")]),
    # the same fields as an HTML cell gives them, white space removed: a value glued to the next label
    ("文号:上政文〔2021〕14号主体分类:2021年", [("文号", "上政文〔2021〕14号"), ("主体分类", "2021年")]),
    ("•文 号:琼府办函〔2019〕33号发布日期: 2019-05-06", [("文号", "琼府办函〔2019〕33号"), ("发布日期", "2019-05-06")]),
    # a table row pasted as text: label | value | label | value |, an empty value
    ("发文字号 | 酒政发〔2023〕12号 | 制发机构 | |", [("发文字号", "酒政发〔2023〕12号"), ("制发机构", "")]),
    ("索 引 号 | 1162/2023-7 | 主题分类 | 综合政务 |", [("索引号", "1162/2023-7"), ("主题分类", "综合政务")]),
    # [ label ] value, an empty [ 发文字号 ] followed by the next label
    ("[ 索引号 ] 4312/2021-00009 [ 发文字号 ] [ 发布机构 ] 芷江侗族自治县人民政府",
     [("索引号", "4312/2021-00009"), ("发文字号", ""), ("发布机构", "芷江侗族自治县人民政府")]),
    ("【成文日期】2021-01-05【发布日期】2021-01-08", [("成文日期", "2021-01-05"), ("发布日期", "2021-01-08")]),
    # labels without colons, spaces lost between Chinese characters when the copy was normalised
    ("标 题甘南藏族自治州人民政府关于2020年度法治政府建设情况的报告",
     [("标题", "甘南藏族自治州人民政府关于2020年度法治政府建设情况的报告")]),
    ("发布机构甘南藏族自治州司法局发布日期2021-03-02 09:30:00",
     [("发布机构", "甘南藏族自治州司法局"), ("发布日期", "2021-03-02 09:30:00")]),
    ("索引号000013/2021-00004文 号", [("索引号", "000013/2021-00004"), ("文号", "")]),
    # a list item, a byline with empty values
    ("- 发文字号:", [("发文字号", "")]),
    ("来源:临潭县司法局 作者:发布时间2024年03月01日 点击数:",
     [("来源", "临潭县司法局"), ("作者", ""), ("发布时间", "2024年03月01日"), ("点击数", "")]),
])
def test_split_fields(line, expected):
    assert split_fields(line) == expected


@pytest.mark.parametrize("line", [
    "时间紧、任务重,各部门协同推进。",                     # a sentence opening with a label's characters
    "2021年,文号:1",                                   # a label not at the start
    "标题党现象要坚决纠正",                                # 标题 glued to Chinese text, no separator
    "关于印发《某市信息发布机构管理办法》的通知",             # a label's words inside a title
])
def test_prose_is_not_a_header_line(line):
    assert split_fields(line) is None


def test_widgets_are_furniture_not_fields():
    assert is_header_line("字体大小:大中小 背景色:打印关闭") and header_pairs("字体大小:大中小 背景色:打印关闭") == []
    assert header_pairs("作者: 时效:长期") == []
    assert header_pairs("来源:临潭县司法局 作者:") == [("来源", "临潭县司法局")]


def _read(raw: str):
    return read_report(Path("t.txt"), raw=raw)


CHROME_WORDS = ("字体", "背景色", "作者", "时效", "标题", "点击数", "|", "•", "[")


@pytest.mark.parametrize("raw, title, number", [
    ("首页>政务公开>法治政府\n字体大小:大 中 小 背景色: 打印 关闭\n"
     "索引号:11/2024-3 文号:长政〔2024〕8号 发布机构:长兴县人民政府 主体分类:法治政府\n"
     "标题|长兴县人民政府关于2023年度法治政府建设情况的报告\n作者: 时效:长期\n"
     "长兴县人民政府关于2023年度法治政府建设情况的报告\n湖州市人民政府:\n2023年,县司法局审查合同12份。\n",
     "长兴县人民政府关于2023年度法治政府建设情况的报告", "长政〔2024〕8号"),
    ("•索 引号:0081/2019-1 主题分类:综合政务\n•发文机关:琼中黎族苗族自治县人民政府办公室 成文日期:2019-05-06\n"
     "•标 题:琼中黎族苗族自治县人民政府办公室关于印发2019年法治政府建设工作要点的通知\n"
     "•文 号:琼中府办〔2019〕33号发布日期: 2019-05-08\n•主 题词:\n\n各乡镇人民政府:\n现印发给你们。\n",
     "琼中黎族苗族自治县人民政府办公室关于印发2019年法治政府建设工作要点的通知", "琼中府办〔2019〕33号"),
    ("标      题 甘南藏族自治州人民政府关于2020年度法治政府建设情况的报告\n索引号 000013/2021-00004 文      号\n"
     "发布机构 甘南藏族自治州司法局 发布日期 2021-03-02 09:30:00\n背景色:\n\n2020年,州政府推进依法行政。\n",
     "甘南藏族自治州人民政府关于2020年度法治政府建设情况的报告", ""),
    ("- 索引号: qyx/2026-00012\n- 发文字号:\n- 标题: [清水政发〔2026〕3号]清水县人民政府关于2025年法治政府建设情况的报告\n"
     "[清水政发〔2026〕3号]清水县人民政府关于2025年法治政府建设情况的报告\n县委:\n2025年,县政府依法行政。\n",
     "清水县人民政府关于2025年法治政府建设情况的报告", "清水政发〔2026〕3号"),
])
def test_header_layouts_give_title_number_and_no_chrome(places, raw, title, number):
    doc = _read(raw)
    assert doc.meta.title == title and doc.meta.number == number
    names = [a.name for a in doc.facts.agencies]
    assert not [n for n in names if any(w in n for w in CHROME_WORDS)], names
    assert not [d.title for d in doc.facts.documents if d.title and any(w in d.title for w in CHROME_WORDS)]
    assert doc.meta.addressee in ("", "湖州市人民政府", "中共清水县委") or "人民政府" in doc.meta.addressee


def test_header_publisher_is_an_agency(places):
    doc = _read("标      题 甘南藏族自治州人民政府关于2020年度法治政府建设情况的报告\n"
                "发布机构 甘南藏族自治州法治政府建设领导小组办公室 发布日期 2021-03-02\n\n2020年,州政府推进依法行政。\n")
    assert doc.meta.header["发布机构"] == "甘南藏族自治州法治政府建设领导小组办公室"
    assert "甘南藏族自治州法治政府建设领导小组办公室" in {a.name for a in doc.facts.agencies}


def test_html_cell_with_two_fields_and_empty_values(tmp_path):
    """A GBK page whose header table prints two pairs in one cell and leaves a value empty."""
    from fazhi.loaders.formats import read_report_text

    title = "上林县人民政府关于2020年度法治政府建设情况的报告"
    page = ("<html><head><meta charset='gbk'><title>x</title></head><body><table class='xxgk'>"
            "<tr><td>索引号:</td><td>4501/2021-9</td><td>文号: 上政文〔2021〕14号 主体分类: 2021年</td></tr>"
            "<tr><td>发布机构:</td><td>成文日期:</td><td>2021-03-01</td></tr>"
            f"<tr><td>名称:</td><td colspan='2'>{title}</td></tr></table>"
            f"<h1>{title}</h1><div class='content'><p>2020年,上林县坚持依法行政,县司法局审查合同23份。</p>"
            "<p>上林县人民政府</p><p>2021年3月1日</p></div></body></html>")
    p = tmp_path / "shanglin.html"
    p.write_bytes(page.encode("gbk"))
    _, meta = read_report_text(p)
    assert meta["header"]["文号"] == "上政文〔2021〕14号" and meta["header"]["主体分类"] == "2021年"
    assert meta["header"]["成文日期"] == "2021-03-01" and "发布机构" not in meta["header"]
    doc = read_report(p)
    assert doc.meta.number == "上政文〔2021〕14号" and doc.meta.title == title


@pytest.mark.parametrize("header_html", [
    # a list: one item holds two fields, one field is empty and followed by the next label
    "<ul class='xxgk'><li>索引号：4501/2021-9</li><li>文号：上政文〔2021〕14号 主体分类：2021年</li>"
    "<li>发文字号：</li><li>成文日期：2021-03-01</li></ul>",
    # spans in a div, labels in <b>, values beside them, two pairs in one span
    "<div class='info'><span><b>索 引 号：</b>4501/2021-9</span><span>文号：上政文〔2021〕14号主体分类：2021年</span>"
    "<span><b>成文日期：</b>2021-03-01</span></div>",
])
def test_html_lists_and_spans_with_several_fields(tmp_path, header_html):
    from fazhi.loaders.formats import read_report_text

    title = "上林县人民政府关于2020年度法治政府建设情况的报告"
    page = (f"<html><head><meta charset='utf-8'></head><body>{header_html}<h1>{title}</h1><div class='content'>"
            "<p>2020年,上林县坚持依法行政,县司法局审查合同23份。</p><p>上林县人民政府</p><p>2021年3月1日</p></div>"
            "</body></html>")
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    _, meta = read_report_text(p)
    assert meta["header"]["文号"] == "上政文〔2021〕14号" and meta["header"]["主体分类"] == "2021年"
    assert meta["header"]["成文日期"] == "2021-03-01"
    assert read_report(p).meta.number == "上政文〔2021〕14号"
