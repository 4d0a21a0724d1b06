"""The report's own structure: page chrome, the disclosure header, title, issuer, addressee, period,
signing date, sections and sentences, all with offsets into the normalised text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.loaders.headerfields import CHROME_KEYS, HEADER_KEYS, header_pairs, split_fields
from fazhi.loaders.text import NormText

__all__ = ["HEADER_KEYS", "Structure", "read_structure", "strip_chrome", "iso_date"]

# a line that only names page widgets (字体大小: 大 中 小, 背景色:, 作者: 时效:) is page furniture
_WIDGET_START = set(k[0] for k in CHROME_KEYS)

# Lines that belong to the web page, not the report: navigation, breadcrumbs, print/share/download
# buttons, visitor counters, footers.
CHROME_LINE = re.compile(
    r"^\s*(?:网站首页|首页|走进\S{1,6}|政务信息|政府信息公开|政务服务|政民互动|图说\S{1,4}|互动交流|政务公开|"
    r"信息公开|新闻中心|办事服务|无障碍|English|打印(?:本页)?|关闭(?:窗口)?|分享到.*|【?字体[:：].*|.*>>.*|"
    r"您当前的位置.*|当前位置.*|(?:网站首页|首页|主页)\s*[>＞»›].*|(?:[^\s>＞»›]{1,12}\s*[>＞»›]\s*){2,}[^\s>＞»›]{1,20}|点击下载.*|扫一扫.*|.*访问量.*|.*浏览次数.*|.*ICP备.*|.*版权所有.*|主办单位.*|"
    r"承办单位.*|网站标识码.*|.*公网安备.*|上一篇.*|下一篇.*|相关链接.*|【(?:打印|关闭)】.*)\s*$")

# A line CHROME_LINE matches starts (after white space) with one of these words or holds one of the
# _CHROME_MARKS; that is checked first (with str methods), as matching CHROME_LINE on a long paragraph
# backtracks through every one of its .*X.* alternatives.
_CHROME_PREFIXES = ("网站首页", "首页", "主页", "走进", "政务信息", "政府信息公开", "政务服务", "政民互动", "图说",
                    "互动交流", "政务公开", "信息公开", "新闻中心", "办事服务", "无障碍", "English", "打印", "关闭",
                    "分享到", "【", "字体", "您当前的位置", "当前位置", "点击下载", "扫一扫", "主办单位", "承办单位",
                    "网站标识码", "上一篇", "下一篇", "相关链接")
_CHROME_MARKS = (">", "＞", "»", "›", "访问量", "浏览次数", "ICP备", "版权所有", "公网安备")

# (a plan's title may end in its span of years: 法治政府建设规划(2016—2020年))
TITLE_WORDS = re.compile(r"(报告|情况|通知|方案|计划|要点|意见|总结|决定|规定|办法|清单|表|规划|纲要)"
                         r"(?:[(（][^()（）]{4,14}[)）])?$")
SENT_END = re.compile(r"[。!?;！？；]|\n")
# (one character class first, so re skips straight to a cut; an alternation is tried at every position)
_SENT_CUT = re.compile(r"[。!?;！？；\n][”’」』)）]*")
CN_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))")
ISSUER_TAIL = r"(?:人民政府办公室|人民政府办公厅|人民政府|行政公署|管理委员会|办公室|办公厅|委员会|局|厅|委|办|院|街道办事处|办事处|分局|中心|政府|党组)"


_ISSUER_LINE = re.compile(r"^\s*[\u4e00-\u9fff()（）]{2,40}" + ISSUER_TAIL + r"\s*$")
# the first line of a title broken over two: it opens the title (关于…) and has no sentence punctuation
_TITLE_HEAD = re.compile(r"^[^。,，;；:：!?！？]{0,30}关于[^。,，;；:：!?！？]{2,60}$")


@dataclass
class Section:
    heading: str
    start: int
    end: int
    level: int


@dataclass
class Structure:
    header: dict = field(default_factory=dict)
    header_end: int = 0            # offset where the header block ends
    body_start: int = 0            # offset where the report proper starts (its title, or the first line)
    title: str = ""
    title_span: tuple[int, int] = (0, 0)
    number: str = ""
    issuer: str = ""               # as written (not yet qualified)
    addressee: str = ""
    addressee_span: tuple[int, int] = (0, 0)
    date: str = ""
    date_span: tuple[int, int] = (0, 0)
    period: str = ""
    sections: list[Section] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def strip_chrome(norm: NormText) -> NormText:
    """Drop whole lines of page chrome (navigation, buttons, footers), keeping the offset map."""
    text, origin = norm.text, norm.origin
    kept: list[tuple[int, int]] = []  # spans of text kept, each a run of whole lines (copied as slices)
    start = pos = 0
    marks = [k for k in _CHROME_MARKS if k in text]  # those the text holds at all (mostly none)
    for line in text.split("\n"):
        end = pos + len(line)
        if ((line.lstrip().startswith(_CHROME_PREFIXES) or marks and any(k in line for k in marks))
                and CHROME_LINE.match(line) and not header_pairs(line)) or _widgets_only(line):
            if pos > start:
                kept.append((start, pos))
            start = end + 1
        pos = end + 1
    if start < len(text):
        kept.append((start, len(text)))
    out = "".join(text[a:b] for a, b in kept)
    out_o: list[int] = []
    for a, b in kept:
        out_o += origin[a:b]
    # no line ends at either end
    a, b = len(out) - len(out.lstrip("\n")), len(out.rstrip("\n"))
    if b <= a:
        return NormText("", [])
    return NormText(out[a:b], out_o[a:b])


def iso_date(text: str) -> str:
    """The first date in ``text`` as ISO 8601 (YYYY-MM-DD), or ''.

    >>> iso_date("2021年3月1日"), iso_date("生成日期: 2021-03-10"), iso_date("无")
    ('2021-03-01', '2021-03-10', '')
    """
    m = CN_DATE.search(text) or ISO_DATE.search(text)
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _widgets_only(line: str) -> bool:
    """Whether a line names only the page's widgets (字体大小:大 中 小 背景色:), no field of the report.

    >>> _widgets_only("字体大小:大中小 背景色:打印关闭"), _widgets_only("来源:叶城县司法局 作者:"), _widgets_only("作者认为")
    (True, False, False)
    """
    s = line.lstrip(" \t\u3000-•·|[【")
    if not s or s[0] not in _WIDGET_START or len(s) > 120:
        return False
    fields = split_fields(s)
    return bool(fields) and all(k in CHROME_KEYS for k, _ in fields)


def _maybe_header(line: str) -> bool:
    """A cheap test before split_fields: header lines are short and open with a label's first character."""
    s = line.lstrip(" \t\u3000-*•·|[【")
    return bool(s) and len(s) <= 300 and (s[0] in _KEY_START or s[:2] in ("19", "20"))


_KEY_START = set(k[0] for k in HEADER_KEYS + CHROME_KEYS)


def read_header(text: str) -> tuple[dict, int]:
    """The disclosure header (索引号, 名称, 文号, 生成日期 ...) at the top: its items and where it ends. A line
    may hold several fields (headerfields.split_fields); the header ends before the first paragraph of prose."""
    header: dict[str, str] = {}
    end = 0
    pos = 0
    for line in text.split("\n", 40)[:40]:
        items = header_pairs(line) if _maybe_header(line) else []
        if items:
            for k, v in items:
                if v or k not in header:
                    header[k] = header.get(k) or v
            end = pos + len(line) + 1
        elif len(line.strip()) > 80 and end:
            break                         # prose after the header: a label further down is the report's own
        pos += len(line) + 1
    return {k: v for k, v in header.items()}, min(end, len(text))


def _lines(text: str, start: int = 0):
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            yield pos, line
        pos += len(line) + 1


def find_title(text: str, header: dict, body_from: int) -> tuple[str, tuple[int, int]]:
    """The report's own title: the header's 名称 where the body repeats it, else the first title-like line."""
    named = (header.get("名称") or header.get("标题") or "").strip()
    if named:
        i = text.find(named, body_from)
        if i < 0:
            i = text.find(named)
        if i >= 0:
            return named, (i, i + len(named))
    recent: list[tuple[int, str]] = []    # the last non-empty lines before this one
    for n, (pos, line) in enumerate(_lines(text, 0)):
        if n > 14:
            break
        s = line.strip()
        if HEADING.match(s) or (_maybe_header(s) and split_fields(s)):
            continue
        if 6 <= len(s) <= 90 and not re.search(r"[。,;:!?]", s) and TITLE_WORDS.search(s):
            off = line.find(s)
            parts, start = [s], pos + off
            if recent and not s.startswith("关于") and _TITLE_HEAD.match(recent[-1][1].strip()):
                # a title broken over two lines (关于印发X县2020年度法治政府建设 / 工作安排的通知)
                p_pos, p_line = recent.pop()
                parts.insert(0, p_line.strip())
                start = p_pos + len(p_line) - len(p_line.lstrip())
            if recent and _ISSUER_LINE.match(recent[-1][1]) and re.match(r"关于|(?:19|20)\d{2}\s*年", parts[0]):
                # the issuer on a line of its own above 关于…的报告 or 2020年度…报告: one title
                p_pos, p_line = recent[-1]
                parts.insert(0, p_line.strip())
                start = p_pos + len(p_line) - len(p_line.lstrip())
            return "".join(parts), (start, pos + off + len(s))
        if s:
            recent = (recent + [(pos, line)])[-2:]
        m = re.match(r"^(.{0,30}?)(关于.{4,80}?的(?:报告|通知|意见|决定|函|请示))", s)
        if m:
            off = line.find(m.group(0))
            return m.group(0), (pos + off, pos + off + len(m.group(0)))
    if named:
        return named, (0, 0)
    return "", (0, 0)


# a title printed after its number in brackets: [天政发〔2026〕7号]天水市人民政府关于…的报告
_NUMBER_FIRST = re.compile(r"^[\[【(（〔]\s*([\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,5}\s*号)"
                           r"\s*[\]】)）〕]\s*")


def split_number_first(title: str, span: tuple[int, int]) -> tuple[str, str, tuple[int, int]]:
    """(number, title, title's span) of a title printed after its bracketed number; ('', title, span) otherwise.

    >>> split_number_first("[天政发〔2026〕7号]天水市人民政府关于2025年法治政府建设情况的报告", (10, 50))
    ('天政发〔2026〕7号', '天水市人民政府关于2025年法治政府建设情况的报告', (23, 50))
    """
    m = _NUMBER_FIRST.match(title)
    if not m or len(title) - m.end() < 6:
        return "", title, span
    return m.group(1), title[m.end():], ((span[0] + m.end(), span[1]) if span[1] else span)


_NUMBER_LINE = re.compile(r"\s*([\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,5}\s*号)\s*$")


def number_line(text: str, title_span: tuple[int, int]) -> str:
    """The report's number printed on a line of its own just above or below its title (西政办〔2020〕20号).

    >>> t = "\\n".join(["西政办〔2020〕20号", "西平县人民政府办公室", "关于印发工作安排的通知", "各乡镇:"])
    >>> number_line(t, (16, 37))
    '西政办〔2020〕20号'
    """
    if not title_span[1]:
        return ""
    above = text[:title_span[0]].rstrip("\n").split("\n")[-2:]
    below = text[title_span[1]:].lstrip("\n").split("\n")[:2]
    for line in reversed(above):
        m = _NUMBER_LINE.fullmatch(line)
        if m:
            return m.group(1)
    for line in below:
        m = _NUMBER_LINE.fullmatch(line)
        if m:
            return m.group(1)
    return ""


def find_addressee(text: str, after: int) -> tuple[str, tuple[int, int]]:
    """The addressee line (市政府: / 新乡市人民政府、中共获嘉县委:) near the top."""
    for n, (pos, line) in enumerate(_lines(text, after)):
        if n > 6:
            break
        m = re.match(r"^\s*([^,。:;!?\s]{2,60}?)\s*[:：]\s*$", line)
        if m and not m.group(1).startswith(HEADER_KEYS) and not (_maybe_header(line) and split_fields(line)):
            return m.group(1), (pos + m.start(1), pos + m.end(1))
    return "", (0, 0)


def find_signature(text: str) -> tuple[str, str, tuple[int, int]]:
    """(issuer as signed, ISO date, date span) from the last lines of the report, where a report is signed."""
    tail_from = max(0, len(text) - 400)
    issuer, date, span = "", "", (0, 0)
    lines = list(_lines(text, 0))
    for pos, line in reversed(lines[-8:]):
        if pos + len(line) < tail_from:
            break
        s = line.strip()
        if not s:
            continue
        if not date and len(s) <= 20:
            m = CN_DATE.search(s) or ISO_DATE.search(s)
            if m and iso_date(m.group(0)):
                date = iso_date(m.group(0))
                off = line.find(m.group(0))
                span = (pos + off, pos + off + len(m.group(0)))
                continue
        if date and not issuer and len(s) <= 40 and re.search(ISSUER_TAIL + r"$", s):
            issuer = s
            break
        if date:
            break
    return issuer, date, span


def issuer_from_title(title: str) -> str:
    """The issuing body that opens a title (上蔡县人民政府关于... → 上蔡县人民政府)."""
    m = re.match(rf"^(.{{2,40}}?{ISSUER_TAIL})(?:关于|\d{{4}}年)", title)
    return m.group(1) if m else ""


def find_period(title: str, text: str, date: str) -> str:
    """The year the report covers: the year in its title, else the year before the signing date."""
    m = re.search(r"((?:19|20)\d{2})\s*年(?:度)?", title)
    if m:
        return m.group(1)
    m = re.search(r"((?:19|20)\d{2})\s*年(?:度|以来|,|，)", text[:300])
    if m:
        return m.group(1)
    if date:
        return str(int(date[:4]) - 1)
    return ""


def split_sections(text: str) -> list[Section]:
    """Headings 一、 / (一) / 1. with the span of text each governs."""
    found = []
    for pos, line in _lines(text):
        m = HEADING.match(line)
        if m:
            mark = m.group(0).strip()
            level = 1 if mark.endswith("、") and not mark[0].isdigit() else 2 if mark.startswith(("(", "（")) else 3
            head = re.split(r"[。;]", line.strip(), maxsplit=1)[0][:60]  # (the first clause: no need to cut the rest)
            found.append((pos, level, head))
    out = []
    for i, (pos, level, head) in enumerate(found):
        end = len(text)
        for pos2, level2, _ in found[i + 1:]:
            if level2 <= level:
                end = pos2
                break
        out.append(Section(head, pos, end, level))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, cut at 。！？；and line ends (quotes and brackets kept with their sentence).

    >>> t = "一是甲。二是乙;三\\n四"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['一是甲。', '二是乙;', '三', '四']
    """
    spans = []
    start = 0
    # one regex match per cut, with the closing quotes and brackets that follow it
    for m in _SENT_CUT.finditer(text):
        cut, after = m.span()
        if text[cut] == "\n":      # a line end belongs to neither sentence
            end, after = cut, cut + 1
        else:
            end = after
        seg = text[start:end]
        if seg.strip():
            a = start + (len(seg) - len(seg.lstrip()))
            b = start + len(seg.rstrip())
            spans.append((a, b))
        start = after
    if text[start:].strip():
        seg = text[start:]
        spans.append((start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip())))
    return spans


def read_structure(text: str) -> Structure:
    """Everything about the report that is not an extracted fact."""
    st = Structure()
    st.header, st.header_end = read_header(text)
    st.title, st.title_span = find_title(text, st.header, st.header_end)
    number_first, st.title, st.title_span = split_number_first(st.title, st.title_span)
    st.body_start = st.title_span[0] if st.title_span[1] else st.header_end
    st.number = (st.header.get("文号") or st.header.get("发文字号") or st.header.get("备注/文号") or number_first
                 or number_line(text, st.title_span)).strip()
    st.addressee, st.addressee_span = find_addressee(text, max(st.title_span[1], st.header_end))
    signer, st.date, st.date_span = find_signature(text)
    if not st.date:
        for k in ("成文日期", "发文日期"):
            if st.header.get(k):
                st.date = iso_date(st.header[k])
    st.issuer = (issuer_from_title(st.title) or signer or st.header.get("发文机关") or st.header.get("发布机构")
                 or st.header.get("发文单位") or "")
    st.period = find_period(st.title, text[st.body_start:], st.date)
    st.sections = split_sections(text)
    st.sentences = split_sentences(text)
    return st
