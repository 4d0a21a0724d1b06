"""Documents (placeholder while rewritten)."""
from fazhi.loaders.facts import Document
import re
TITLE = re.compile(r"《([^《》\n]{2,120})》")


def extract_documents(doc) -> None:
    for m in TITLE.finditer(doc.simple):
        doc.facts.documents.append(Document(title=m.group(1), span=(m.start(), m.end())))
