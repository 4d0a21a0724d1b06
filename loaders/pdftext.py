"""PDF text layers to text: PDFium reads the characters and their boxes; lines that the layout wrapped
(body text at the right margin, a large centred title over two lines) are joined back into paragraphs,
page numbers and running headers dropped."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fazhi.graph.errors import LoadError

_SENT_END = tuple("。！？；：:!?;”」）)")


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d))")


def _reflow(lines: list[str]) -> list[str]:
    """Join lines a PDF wrapped at the right margin back into paragraphs.

    A line about as wide as a full line (the typical width of the widest third of the lines) that
    does not end a sentence continues on the next line, unless that one opens a numbered heading.
    Widths count a Chinese character as 1 and an ASCII one as 1/2.

    >>> body = ["一、总体情况", "本县全年依法办理行政复议案件", "二十三件,办结率百分之百。",
    ...         "全县共有执法人员四百二十名,", "培训覆盖率达到百分之百。", "二、问题"]
    >>> _reflow(body)[1:3]
    ['本县全年依法办理行政复议案件二十三件,办结率百分之百。', '全县共有执法人员四百二十名,培训覆盖率达到百分之百。']
    """
    def width(s: str) -> float:
        return sum(0.5 if ord(c) < 128 else 1.0 for c in s)

    widths = sorted((width(ln.strip()) for ln in lines if ln.strip()), reverse=True)
    if len(widths) < 4:
        return [ln.strip() for ln in lines]
    full = widths[len(widths) // 6]
    if full < 10:
        return [ln.strip() for ln in lines]
    out: list[str] = []
    join = False
    for ln in lines:
        s = ln.strip()
        if join and out and s and not _HEADING_START.match(s):
            out[-1] += s
        else:
            out.append(s)
        join = bool(s) and width(s) >= full - 1.5 and not s.endswith(_SENT_END)
    return out


_PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}"
                      r"(?:\s*/\s*\d{1,4})?)\s*$")


@dataclass
class Line:
    """One printed line: its text and where it sits (PDF points; ``h`` is the character height)."""
    text: str
    x0: float = 0.0
    x1: float = 0.0
    h: float = 0.0
    page_width: float = 0.0

    @property
    def centre_offset(self) -> float:
        return abs((self.x0 + self.x1) / 2 - self.page_width / 2)


def _page_lines(page) -> list[Line]:
    """The page's lines with their boxes (PDFium numbers characters as it returns the text)."""
    tp = page.get_textpage()
    try:
        full = tp.get_text_range()
        n = tp.count_chars()
        width = page.get_width()
        out = []
        for m in re.finditer(r"[^\r\n]+", full):
            text = m.group(0).replace("\ufffe", "").replace("\x02", "")
            if not text.strip():
                continue
            boxes = [tp.get_charbox(i) for i in range(m.start(), min(m.end(), n))
                     if not full[i].isspace()]
            boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
            if boxes:
                hs = sorted(b[3] - b[1] for b in boxes)
                out.append(Line(text, min(b[0] for b in boxes), max(b[2] for b in boxes), hs[len(hs) // 2], width))
            else:
                out.append(Line(text))
        return out
    finally:
        tp.close()


def reflow_lines(lines: list[Line]) -> list[str]:
    """Join wrapped lines by their geometry: a body line reaching the right margin continues on the next
    line unless it ends a sentence or the next opens a heading; a large centred line (a title) continues
    on a next line of the same size and position."""
    if not any(ln.h for ln in lines):
        return _reflow([ln.text for ln in lines])
    hs = sorted(ln.h for ln in lines if ln.h)
    body_h = hs[len(hs) // 2]
    rights = sorted(ln.x1 for ln in lines if ln.h and ln.h <= body_h * 1.2)
    margin = rights[int(len(rights) * 0.9)] if rights else 0.0
    lefts = sorted(ln.x0 for ln in lines if ln.h and ln.h <= body_h * 1.2)
    left = lefts[len(lefts) // 10] if lefts else 0.0
    out: list[str] = []
    prev: Line | None = None
    for ln in lines:
        s = ln.text.strip()
        join = False
        if prev is not None and prev.h and ln.h and not prev.text.strip().endswith(_SENT_END) \
                and not _HEADING_START.match(s):
            # a full line starts at the left margin (or a paragraph indent): a right-aligned
            # signature line also reaches the right margin but does not run on
            body_wrap = (prev.h <= body_h * 1.2 and prev.x1 >= margin - 1.5 * prev.h
                         and prev.x0 <= left + 3 * prev.h)
            title_wrap = (prev.h >= body_h * 1.25 and abs(ln.h - prev.h) <= 0.15 * prev.h
                          and prev.centre_offset <= 2 * prev.h and ln.centre_offset <= 2 * ln.h)
            join = body_wrap or title_wrap
        if join and out:
            out[-1] += s
        else:
            out.append(s)
        prev = ln
    return out


def pdf_text(data: bytes, path: Path) -> tuple[str, dict]:
    """The text layer of a PDF, paragraphs rejoined; a scanned PDF without one is an error that says so.

    PDFium (pypdfium2) reads the CID-keyed CJK fonts that Chinese office software embeds, where
    pdfminer often returns nothing.
    """
    import pypdfium2 as pdfium

    if not data.lstrip().startswith(b"%PDF"):
        raise LoadError(path, "not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        reason = "password-protected" if "password" in str(e).lower() else f"damaged ({e})"
        raise LoadError(path, f"not a readable PDF: {reason}") from None
    pages: list[list[Line]] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                pages.append([ln for ln in _page_lines(page) if not _PAGE_NO.match(ln.text)])
            finally:
                page.close()
    except pdfium.PdfiumError as e:
        raise LoadError(path, f"not a readable PDF: damaged page ({e})") from None
    finally:
        pdf.close()
    # a line repeated at the top or bottom of most pages is a running header or footer
    if len(pages) >= 3:
        edges: dict[str, int] = {}
        for p in pages:
            for t in {*(x.text.strip() for x in p[:2]), *(x.text.strip() for x in p[-2:])}:
                edges[t] = edges.get(t, 0) + 1
        running = {t for t, n in edges.items() if t and n >= 0.6 * len(pages)}
        pages = [[ln for ln in p if ln.text.strip() not in running] for p in pages]
    text = "\n".join(reflow_lines([ln for p in pages for ln in p]))
    if not re.sub(r"\s+", "", text):
        raise LoadError(path, "the PDF has no text layer (a scan?): run OCR on it first")
    return text, {}
