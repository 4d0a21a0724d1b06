"""The disclosure header of a government page: ``label value`` pairs, several to a line or a cell.

Sites print the same fields (索引号, 文号/发文字号, 发布机构, 主题分类, 成文日期, 发布日期, 有效性, 标题 ...) in many
layouts, and a saved or pasted copy keeps them in as many: ``文号：X 主体分类：Y``, ``索引号 | X | 主题分类 | Y |``,
``[ 发文字号 ] [ 发布机构 ] X``, ``• 文 号:X号发布日期: Y`` (a value glued to the next label), ``标 题X`` (a label
spaced out, its value glued to it), an empty value followed by the next label. ``split_fields`` reads any of them;
the page's own widgets printed as labels (字体大小, 背景色, 作者, 时效, 点击数) are recognised too, so the line they
stand on is known as page furniture, but their values are not kept.
"""
from __future__ import annotations

import re
from functools import lru_cache

# labels of the disclosure header (the names the government-site guidelines use, and their common variants)
HEADER_KEYS = ("索引号", "信息来源", "来源", "名称", "标题", "文号", "发文字号", "备注/文号", "主体分类", "主题分类",
               "生成日期", "公文生成日期", "发布日期", "成文日期", "发文日期", "发文机关", "发布机构", "发文单位", "制发机构",
               "发布单位", "发布时间", "时间", "关键词", "主题词", "公开方式", "公开范围", "公开时限", "有效性", "体裁分类",
               "组配分类", "服务对象分类", "信息分类", "文种", "日期")
# labels of the page's widgets and bylines: they make a header line but carry nothing of the report
CHROME_KEYS = ("字体大小", "字号", "字体", "背景色", "作者", "时效", "点击数", "点击量", "浏览次数", "阅读次数", "访问量",
               "责任编辑", "分享到", "打印", "关闭")
_SEP_BEFORE = set(" \t\u3000|[]【】•·:：")
_STRIP = " \t\u3000|:：•·"
_AFTER_OK = re.compile(r"[ \t\u3000|\]】:：\d]|$")
_DATE_FIRST = re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=\S)")


@lru_cache(maxsize=1)
def _key_rx() -> re.Pattern:
    """Every label, its characters possibly spaced apart (索 引 号, 标      题), longest first."""
    keys = sorted(set(HEADER_KEYS) | set(CHROME_KEYS), key=len, reverse=True)
    return re.compile("|".join("[ \u3000]*".join(map(re.escape, k)) for k in keys))


def _accepted(s: str, m: re.Match, key: str) -> bool:
    """Whether a label found at ``m`` is one: at a separator, after a value that is not Chinese text, or glued to a
    Chinese value when it is long enough to be unmistakable and a separator, a colon or a figure follows."""
    a, b = m.span()
    spaced = len(m.group(0)) > len(key)
    after_ok = bool(_AFTER_OK.match(s, b))
    if a == 0:
        return after_ok or spaced or len(key) >= 3
    before = s[a - 1]
    if before in _SEP_BEFORE or not ("\u4e00" <= before <= "\u9fff"):
        return after_ok or spaced or len(key) >= 3 or before in "|[]【】"
    return (len(key) >= 3 or spaced) and after_ok


def split_fields(line: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a header line, values '' when printed empty; None when the line is not one
    (it must open with a label).

    >>> split_fields("文号：上政文〔2021〕14号 主体分类：2021年")
    [('文号', '上政文〔2021〕14号'), ('主体分类', '2021年')]
    >>> split_fields("[ 索引号 ] 4308/2020-7 [ 发文字号 ] [ 发布机构 ] 永定区人民政府")
    [('索引号', '4308/2020-7'), ('发文字号', ''), ('发布机构', '永定区人民政府')]
    >>> split_fields("•文 号:琼府办函〔2022〕120号发布日期: 2022-04-26")
    [('文号', '琼府办函〔2022〕120号'), ('发布日期', '2022-04-26')]
    >>> split_fields("索引号| 1162/2025-48 |主题分类|金政发|"), split_fields("标 题西藏自治区人民政府关于X的报告")
    ([('索引号', '1162/2025-48'), ('主题分类', '金政发')], [('标题', '西藏自治区人民政府关于X的报告')])
    >>> split_fields("2019-09-06 15:46     来源:自治区党委依法治区办秘书处")
    [('日期', '2019-09-06 15:46'), ('来源', '自治区党委依法治区办秘书处')]
    >>> split_fields("时间紧任务重"), split_fields("2021年, 文号: 1")
    (None, None)
    """
    s = line.strip().lstrip("-*▪●•·|[【 \t\u3000")
    if not s:
        return None
    dated = _DATE_FIRST.match(s)
    if dated:                                     # 2019-09-06 15:46  来源:… (a page's byline opens with its date)
        rest = split_fields(s[dated.end():])
        return [("日期", dated.group(0).strip())] + rest if rest else None
    found: list[tuple[str, int, int]] = []
    depth = 0                                     # inside 《》 a label is part of a title
    last = 0
    for m in _key_rx().finditer(s):
        depth += s.count("《", last, m.start()) - s.count("》", last, m.start())
        last = m.start()
        key = re.sub(r"[ \u3000]", "", m.group(0))
        if depth > 0 or not _accepted(s, m, key):
            continue
        if not found and m.start() != 0:
            return None
        found.append((key, m.start(), m.end()))
    if not found:
        return None
    out = []
    for i, (key, a, b) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(s)
        # (the brackets of a [ label ] form go; a value's own opening bracket stays: [天政发〔2026〕7号]…)
        value = s[b:end].strip(_STRIP).lstrip("]】" + _STRIP).rstrip("[【" + _STRIP)
        out.append((key, value))
    return out


def header_pairs(line: str) -> list[tuple[str, str]]:
    """The report's own fields of a header line (page widgets left out); [] when it is not a header line."""
    return [(k, v) for k, v in split_fields(line) or () if k not in CHROME_KEYS]


def is_header_line(line: str) -> bool:
    """Whether a line is a header line (fields of the report, or the page's widgets printed as labels)."""
    return split_fields(line) is not None
