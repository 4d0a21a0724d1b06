"""Column headers in Chinese and English: a named query's own ``#+ column:`` lines, else the shared labels of
``columns.tsv``. Codes written as values and class names take their labels from the ontology
(``fazhi.ontology.labels``).

>>> column_label("agency", "zh"), column_label("agency", "en"), column_label("no_such_column", "zh")
('机构', 'Agency', None)
"""
from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def shared_columns() -> dict[str, tuple[str, str]]:
    """``{column: (中文, English)}`` from ``columns.tsv``; a line that is not three tab-separated fields is an
    error naming the line."""
    out = {}
    for n, line in enumerate((HERE / "columns.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ValueError(f"columns.tsv:{n}: needs 'column<TAB>中文<TAB>English'")
        out[parts[0].strip()] = (parts[1].strip(), parts[2].strip())
    return out


def column_label(column: str, lang: str, own: dict | None = None) -> str | None:
    """The header of ``column`` in ``lang`` (``zh``/``en``): its own label in ``own`` (``{column: (中文,
    English)}``, e.g. a NamedQuery's ``column_labels``), else the shared one; None when neither has it."""
    pair = (own or {}).get(column) or shared_columns().get(column)
    if pair is None:
        return None
    return pair[1] if lang == "en" else pair[0]


def headers(columns: list[str], lang: str, own: dict | None = None) -> list[str]:
    """The headers of ``columns`` in ``lang``; a column without a label keeps its name (a user's own SPARQL)."""
    return [column_label(c, lang, own) or c for c in columns]
