"""A report file to text by its format: HTML pages, Word files, PDFs (``pdftext.py``) and plain text
(decoded by ``readers.py``); ``read_report_text`` picks the reader by the file's suffix.

Each reader returns ``(text, format_meta)``: plain text with one paragraph a line, in reading order,
and what the format itself says about the document (the disclosure header of a web page, a Word
file's title). Damaged or unreadable files raise ``LoadError`` with a reason a user can act on.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from fazhi.graph.errors import LoadError
from fazhi.loaders.headerfields import CHROME_KEYS, split_fields
from fazhi.loaders.pdftext import pdf_text
from fazhi.loaders.readers import REPORT_SUFFIXES, TABLE_SUFFIXES, decode_text, read_bytes
from fazhi.loaders.text import normalize

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312")

_HEADER_CORE = ("索引号", "文号", "发文字号", "生成日期", "成文日期", "发布机构", "名称")

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
          "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "header", "footer", "nav", "aside",
          "hr", "main", "form", "tbody", "thead"}
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "select", "button", "input",
              "textarea", "svg", "canvas", "nav", "footer", "template")
# class/id words of page furniture: navigation, breadcrumbs, share/print tools, related links, footers
_CHROME_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|bottom|copyright|share|bdshare|tools?|"
                          r"print|related|relate|xgxx|breadcrumb|crumbs?|position|location|dqwz|search|logo|"
                          r"topbar|sidebar|fenxiang|counter|visit)(?:$|[\s_\d-])", re.IGNORECASE)
# short lines of page furniture that sit inside the content block: counters, font-size and print buttons
_CHROME_LINE = re.compile(r"浏览次数|访问量|点击数|点击率|阅读次数|阅读数|访问者|访客|【?字体[:：]|字号[:：]|"
                          r"【打印|【关闭|打印本页|"
                          r"关闭窗口|分享到|扫一扫|上一篇|下一篇|返回顶部|【返回")
_CN_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in its meta tag, if any (GB2312 and GBK are read as GB18030).

    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> html_charset(b'<meta charset="UTF-8">'), html_charset(b'<p>none</p>')
    ('utf-8', None)
    """
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    cs = m.group(1).decode("ascii", "ignore").lower()
    return "gb18030" if cs in _GB else cs


def decode_html(data: bytes, path: Path) -> str:
    """The page as text: a BOM wins, then the declared charset when it decodes cleanly, then detection."""
    declared = html_charset(data)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead (decode_text refuses junk)
    return decode_text(data, path)


def _squash(s: str) -> str:
    """One line of clean text: normalised (no control characters), runs of spaces folded."""
    return re.sub(r"\s+", " ", normalize(s).text).strip()


def _cell_text(el) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", el.text_content())


def read_disclosure_table(tree) -> tuple[dict, object | None]:
    """The disclosure header (索引号 / 名称 / 文号 / 生成日期 ...) and the element that holds it.

    Government pages print it as a table (key cell, value cell), a list of ``<li>`` or a ``<div>`` of
    spans; we read the cells in order: a cell that is a key takes the next cell as its value unless it
    carries the value itself (``文号：X号``).
    """
    best, best_el = {}, None
    for el in tree.iter("table", "ul", "dl", "div"):
        flat = _cell_text(el)
        if sum(k in flat for k in _HEADER_CORE) < 2 or len(flat) > 1500:
            continue
        cells = [c for c in el.iter("td", "th", "li", "span", "dt", "dd", "em", "strong", "b", "label", "p")
                 if not any(ch.tag in ("td", "th", "li", "span", "dt", "dd", "p") for ch in c.iterchildren())]
        tokens = [_cell_text(c) for c in cells]
        tokens = [t for t in tokens if t]
        found = _fields_of_cells(tokens)
        # the smallest element with the most keys is the table itself, not the page around it
        if len(found) > len(best) or (len(found) == len(best) and found and best_el is not None
                                      and len(flat) < len(_cell_text(best_el))):
            best, best_el = found, el
    if len(best) < 2:
        return {}, None
    # the 名称 cell of a table holds the full title; a <div> of spans may show it with spacing removed
    return best, best_el


def _fields_of_cells(tokens: list[str]) -> dict[str, str]:
    """The header fields of a table's cells in reading order: a cell holds one or several ``label: value`` pairs
    (文号:X主体分类:Y), or a label whose value is the next cell; an empty value stays empty when the next cell is
    a label too.

    >>> _fields_of_cells(["索引号", "A-1", "文号:上政文〔2021〕14号主体分类:2021年", "发布机构", "成文日期", "2021-03-01"])
    {'索引号': 'A-1', '文号': '上政文〔2021〕14号', '主体分类': '2021年', '成文日期': '2021-03-01'}
    """
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        fields = split_fields(tokens[i]) or []
        for j, (key, value) in enumerate(fields):
            if not value and j == len(fields) - 1 and i + 1 < len(tokens) and split_fields(tokens[i + 1]) is None:
                value = tokens[i + 1]
                i += 1
            if value and key not in CHROME_KEYS:
                found.setdefault(key, value)
        i += 1
    return found


def _render(el) -> str:
    """An element's text with a line per block (paragraph, row, list item), spaces collapsed like a browser."""
    parts: list[str] = []

    def walk(e):
        tag = e.tag if isinstance(e.tag, str) else ""
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append(" ")
        if e.text and tag:
            parts.append(re.sub(r"[ \t\r\n\f\v]+", " ", e.text))
        for ch in e:
            walk(ch)
        if block:
            parts.append("\n")
        if e.tail:
            parts.append(re.sub(r"[ \t\r\n\f\v]+", " ", e.tail))

    walk(el)
    lines = [ln.strip(" \u3000\xa0") for ln in "".join(parts).split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def _clean_tree(tree) -> None:
    """Drop scripts, styles, forms and elements whose class or id names page furniture."""
    for bad in tree.xpath("//comment()|//processing-instruction()"):
        if bad.getparent() is not None:
            bad.getparent().remove(bad)
    for el in list(tree.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if attrs.strip() and _CHROME_ATTR.search(attrs) and len(_cell_text(el)) < 400:
            # furniture is short; a long element with such a class is a layout wrapper around the content
            if el.getparent() is not None:
                el.drop_tree()


def _main_element(tree, page_html: str):
    """The smallest element holding (nearly) all of what trafilatura judges to be the main content."""
    import trafilatura

    body = trafilatura.extract(page_html, include_tables=True, include_comments=False, favor_recall=True,
                               deduplicate=False) or ""
    lines = [re.sub(r"\s+", "", ln) for ln in body.split("\n")]
    lines = [ln for ln in lines if len(ln) >= 8]
    if not lines:
        return None
    best, best_len = None, None
    for el in tree.iter("div", "td", "article", "section", "main", "body", "table", "center", "form"):
        flat = _cell_text(el)
        if len(flat) < sum(map(len, lines)) * 0.8:
            continue
        covered = sum(1 for ln in lines if ln in flat)
        if covered >= 0.9 * len(lines) and (best_len is None or len(flat) < best_len):
            best, best_len = el, len(flat)
    return best


def _page_title(tree, header: dict) -> str:
    """The document's title: the header's 名称, else the page's first heading, else <title> without the site."""
    if header.get("名称") or header.get("标题"):
        return _squash(header.get("名称") or header.get("标题"))
    for el in tree.iter("h1", "h2"):
        t = _squash(el.text_content())
        if 6 <= len(t) <= 120:
            return t
    t = tree.find(".//title")
    if t is not None and t.text:
        return re.split(r"\s*[_|—-]+\s*(?=[^_|—-]*(?:网|政府|门户)\s*$)", _squash(t.text))[0]
    return ""


def _following_lines(main, limit: int = 4) -> list[str]:
    """Short lines right after the main element: a signature (issuer, date) that a page put outside it."""
    out = []
    for el in main.itersiblings():
        text = _render(el)
        for ln in text.split("\n"):
            if not ln.strip():
                continue
            if len(ln) > 40 or len(out) >= limit:
                return out
            out.append(ln.strip())
    return out


def html_text(data: bytes, path: Path) -> tuple[str, dict]:
    """The main content of a government web page, without navigation, scripts and footers.

    The disclosure header table comes first as ``key: value`` lines (what a text copy of the page
    shows), then the title, then the body with its addressee and signature lines.
    """
    from lxml import etree
    from lxml import html as lhtml

    page = decode_html(data, path)
    if not re.search(r"<\s*(?:html|body|p|div|table|br|head)\b", page[:20000], re.IGNORECASE):
        raise LoadError(path, "not an HTML page (no HTML tags); save it as .txt if it is plain text")
    try:
        tree = lhtml.document_fromstring(page)
    except (etree.ParserError, ValueError) as e:
        raise LoadError(path, f"cannot parse the page: {e}") from None
    header, table = read_disclosure_table(tree)
    meta = site_meta(tree)
    if meta.get("contentsource") and not header.get("信息来源"):
        header["信息来源"] = meta["contentsource"]
    if meta.get("articletitle") and not (header.get("名称") or header.get("标题")):
        header["标题"] = meta["articletitle"]
    title = _page_title(tree, header)
    url = page_url(tree)
    if table is not None and table.getparent() is not None:
        table.drop_tree()
    for el in list(tree.iter("script", "style", "noscript")):
        el.drop_tree()
    main = _main_element(tree, lhtml.tostring(tree, encoding="unicode"))
    _clean_tree(tree)
    if main is None or main.getroottree() is not tree.getroottree() or not _cell_text(main):
        main = tree.find(".//body") if tree.find(".//body") is not None else tree
    body = _render(main)
    if not body.strip():
        raise LoadError(path, "no readable text in the page")
    lines = [ln for ln in body.split("\n") if not (len(ln) < 100 and _CHROME_LINE.search(ln))]
    tail = _following_lines(main) if main.tag != "body" else []
    if tail and any(_CN_DATE.search(t) for t in tail) and not _CN_DATE.search("\n".join(lines[-3:])):
        lines += tail
    squashed_head = re.sub(r"\s+", "", "".join(lines[:4]))
    if title and re.sub(r"\s+", "", title) not in squashed_head:
        lines = [title, ""] + lines
    head = [f"{k}: {v}" for k, v in header.items()]
    text = "\n".join(head + ([""] if head else []) + lines)
    site = re.sub(r"(?:门户)?(?:网站|网)$", "", meta.get("sitename", ""))
    return text, {"header": header, "title": title, **({"url": url} if url else {}), **({"site": site} if site else {})}


def site_meta(tree) -> dict[str, str]:
    """The <meta name=...> tags China's government-site guidelines ask every article page to carry (SiteName,
    ArticleTitle, PubDate, ContentSource, Url ...), by lower-cased name.

    >>> from lxml import html
    >>> site_meta(html.fromstring('<html><head><meta name="SiteName" content="某县人民政府"></head></html>'))
    {'sitename': '某县人民政府'}
    """
    out = {}
    for el in tree.iter("meta"):
        name, content = (el.get("name") or "").strip().lower(), _squash(el.get("content") or "")
        if name and content and name not in out:
            out[name] = content
    return out


def page_url(tree) -> str:
    """The address a saved page says it was published at (canonical link, og:url), if absolute.

    >>> from lxml import html
    >>> page_url(html.fromstring('<html><head><link rel="canonical" href="http://x.gov.cn/a.html"></head></html>'))
    'http://x.gov.cn/a.html'
    >>> page_url(html.fromstring('<html><head><meta property="og:url" content="/rel.html"></head></html>'))
    ''
    """
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content',
               '//meta[translate(@name, "URL", "url")="url"]/@content'):
        for v in tree.xpath(xp):
            v = str(v).strip()
            if re.match(r"https?://", v):
                return v
    return ""


def docx_text(data: bytes, path: Path) -> tuple[str, dict]:
    """Paragraphs and tables of a Word file, in document order (a table row is one line, cells by ' | ')."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not data.startswith(b"PK"):
        kind = "an old .doc (Word 97-2003) file" if data.startswith(b"\xd0\xcf\x11\xe0") else "not a .docx file"
        raise LoadError(path, f"{kind}: save it as .docx (Word 2007 or later)")
    try:
        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise LoadError(path, f"not a readable .docx file (damaged: {type(e).__name__})") from None
    except Exception as e:  # python-docx and lxml raise several more types for damaged parts
        raise LoadError(path, f"not a readable .docx file ({type(e).__name__})") from None
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, d).text)
        elif tag == "tbl":
            for row in Table(block, d).rows:
                cells: list[str] = []
                for c in row.cells:  # a merged cell is returned once per grid column it spans
                    t = c.text.strip()
                    if not cells or cells[-1] != t:
                        cells.append(t)
                lines.append(_key_value_row(cells) or " | ".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(path, "the Word file has no text")
    return text, {"title": _squash(d.core_properties.title or "")}


def _key_value_row(cells: list[str]) -> str:
    """A table row of disclosure-header pairs (索引号 | X | 文号 | Y) as ``索引号: X 文号: Y``, else ''.

    >>> _key_value_row(["索 引 号", "A-1", "文号:", "甲〔2022〕1号"])
    '索引号: A-1 文号: 甲〔2022〕1号'
    """
    cells = [re.sub(r"[\s\u3000\xa0]+", "", c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not cells or any(split_fields(c) is None and (i == 0 or split_fields(cells[i - 1]) is None or
                                                     split_fields(cells[i - 1])[-1][1]) for i, c in enumerate(cells)):
        return ""                         # a cell that is neither a label nor the value of the label before it
    return " ".join(f"{k}: {v}" for k, v in _fields_of_cells(cells).items())


def read_report_text(path: Path, data: bytes | None = None) -> tuple[str, dict]:
    """The text of a report file and whatever metadata the format carries (title, date ...); ``data``: its
    bytes, when already read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise LoadError(path, f"unsupported file type {suffix or '(none)'}; fazhi reads "
                              f"{', '.join(REPORT_SUFFIXES + TABLE_SUFFIXES)}")
    data = read_bytes(path, data)
    if suffix == ".txt":
        text = decode_text(data, path)
        # a web page saved with the wrong extension
        if re.match(r"\s*(?:<!doctype\s+html|<html[\s>])", text[:2000], re.IGNORECASE):
            return html_text(data, path)
        return text, {}
    if suffix in (".html", ".htm"):
        return html_text(data, path)
    if suffix == ".docx":
        return docx_text(data, path)
    return pdf_text(data, path)
