"""HTML pages, Word files and PDFs to text (the plain-text path is in readers.py)."""
from __future__ import annotations

import io
import re
from pathlib import Path

from fazhi.graph.errors import LoadError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in its meta tag, if any (gb2312 is read as its superset gb18030)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    cs = m.group(1).decode("ascii", "ignore").lower()
    return "gb18030" if cs in ("gb2312", "gbk", "gb18030", "x-gbk") else cs


def html_text(data: bytes, path: Path) -> tuple[str, dict]:
    """The main content of a government web page, without navigation, scripts and footers."""
    import trafilatura
    from fazhi.loaders.readers import decode_text

    cs = html_charset(data)
    try:
        page = data.decode(cs) if cs else decode_text(data, path)
    except (LookupError, UnicodeDecodeError):
        page = decode_text(data, path)
    if "<" not in page:
        raise LoadError(path, "not an HTML page")
    header = _disclosure_table(page)
    body = trafilatura.extract(page, include_tables=True, include_comments=False, favor_recall=True,
                               deduplicate=False) or ""
    if not body.strip():
        raise LoadError(path, "no readable text in the page")
    text = "\n".join(f"{k}: {v}" for k, v in header.items()) + ("\n\n" if header else "") + body
    return text, {"header": header}


def _disclosure_table(page: str) -> dict:
    """索引号 / 文号 / 生成日期 cells of a disclosure header table, read before the page is simplified."""
    from lxml import html as lhtml

    try:
        tree = lhtml.fromstring(page)
    except Exception:  # a page lxml cannot parse has no table to read
        return {}
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    text = re.sub(r"[ \t\u3000\xa0]+", " ", tree.text_content())
    out = {}
    for key in ("索引号", "名称", "标题", "文号", "发文字号", "发文机关", "发布机构", "成文日期", "生成日期", "发布日期"):
        m = re.search(rf"{key}\s*[:：]\s*([^\n]+?)(?=\s+\S{{2,5}}\s*[:：]|\n|$)", text)
        if m and m.group(1).strip():
            out[key] = m.group(1).strip()
    return out


def docx_text(data: bytes, path: Path) -> tuple[str, dict]:
    """Paragraphs and table cells of a Word file, in document order."""
    import docx
    from docx.document import Document as _Doc  # noqa: F401  (type only)
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several types for a damaged file
        raise LoadError(path, f"not a readable .docx file ({type(e).__name__})") from None
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, d).text)
        elif tag == "tbl":
            for row in Table(block, d).rows:
                lines.append(" | ".join(c.text.strip() for c in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(path, "the Word file has no text")
    return text, {"title": d.core_properties.title or ""}


def pdf_text(data: bytes, path: Path) -> tuple[str, dict]:
    """The text layer of a PDF; a scanned PDF without one is an error that says so."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
    except Exception as e:  # pdfminer raises many types for damaged files
        raise LoadError(path, f"not a readable PDF ({type(e).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError(path, "the PDF has no text layer (a scan?): run OCR first")
    return text, {}
