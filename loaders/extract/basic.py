"""First extractors: the report's jurisdiction and the documents it cites in 《》."""
from __future__ import annotations

import re

from fazhi.loaders.facts import Document

PLACE_PREFIX = re.compile(r"^(.{1,10}?(?:自治州|自治县|自治旗|特别行政区|省|市|县|区|州|旗|盟|镇|乡|街道))")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
TITLE = re.compile(r"《([^《》\n]{2,120})》")


def qualify_report(doc) -> None:
    """The place the issuer governs, read from the front of the issuer's name (上蔡县人民政府 → 上蔡县)."""
    m = PLACE_PREFIX.match(doc.meta.issuer or "")
    if m:
        doc.meta.jurisdiction = m.group(1)


def extract_documents_basic(doc) -> None:
    """《Title》 with the document number that follows it in brackets, if any."""
    text = doc.simple
    for m in TITLE.finditer(text):
        title = m.group(1).strip()
        tail = text[m.end(): m.end() + 30]
        nm = re.match(r"\s*[(（]?\s*(" + DOC_NUMBER.pattern + r")", tail)
        number = nm.group(1) if nm else ""
        end = m.end() + (nm.end() if nm else 0)
        if nm and tail[nm.end():nm.end() + 1] in ")）":
            end += 1
        doc.facts.documents.append(Document(title=title, number=number, span=(m.start(), end)))
