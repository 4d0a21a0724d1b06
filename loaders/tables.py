"""Tables as rosters and case ledgers come: CSV (UTF-8 ± BOM, GB18030/GBK; comma, tab, semicolon or
full-width comma) or an Excel workbook (.xlsx), read into rows of text cells with their line numbers.

A row's number is the file's line (header = line 1 when it is the first line) for a CSV, and the sheet's
row for a workbook, so an error can say ``line N`` of either. Cells are text: a spreadsheet's date cell
becomes ``YYYY-MM-DD``, a whole number ``7`` (not ``7.0``), an empty cell ``""``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fazhi.graph.errors import LoadError
from fazhi.loaders.readers import decode_text, read_bytes

HEADER_ROWS = 5     # a ledger exported from a spreadsheet may carry a title row or two above its header
_DATE = re.compile(r"^((?:19|20)\d{2})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})\s*日?"
                   r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")  # spreadsheets append 00:00:00


@dataclass
class Table:
    """The non-empty rows of a CSV file or of one sheet: ``rows`` = [(line, cells)]; ``sheet`` for workbooks."""
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    sheet: str = ""
    workbook: bool = False


def header_key(cell: str) -> str:
    """A header cell made comparable: no BOM, spaces, underscores or required-marks, lower case (a Chinese
    table pads two-character headers: 案　号).

    >>> header_key("\\ufeff 单位名称* "), header_key("Legal_Adviser"), header_key("Case Number"), header_key("案　号")
    ('单位名称', 'legaladviser', 'casenumber', '案号')
    """
    return re.sub(r"[\s*＊_]", "", cell.lstrip("\ufeff")).lower()


def column_map(header: list[str], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """The contract's column names (``columns``: name → the header cells that mean it) → their positions in
    ``header`` (first match wins)."""
    names = {header_key(n): key for key, ns in columns.items() for n in ns}
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        key = names.get(header_key(h))
        if key:
            found.setdefault(key, i)
    return found


def table_date(value: str) -> str | None:
    """A date cell as ISO YYYY-MM-DD (also from 2021/6/30 or 2021年6月30日); None when not a date.

    >>> table_date("2021-06-30"), table_date("2021/6/3"), table_date("2021年6月30日"), table_date("6/30")
    ('2021-06-30', '2021-06-03', '2021-06-30', None)
    >>> table_date("2021-02-30") is None, table_date("2021/6/30 0:00:00")
    (True, '2021-06-30')
    """
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def find_header(table: Table, wanted: Callable[[list[str]], bool]) -> int | None:
    """The index in ``table.rows`` of the first of its first HEADER_ROWS rows that ``wanted`` accepts."""
    for i, (_, cells) in enumerate(table.rows[:HEADER_ROWS]):
        if wanted(cells):
            return i
    return None


def read_table(path: Path, wanted: Callable[[list[str]], bool] | None = None) -> Table:
    """A CSV file's rows, or for a workbook the rows of its first sheet whose header ``wanted`` accepts
    (else its first sheet). Raises LoadError for unreadable files."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, wanted)
    return _read_csv(path)


def _dialect(text: str) -> str:
    """The delimiter: a comma, unless the header line has none but has tabs or semicolons."""
    first = text.split("\n", 1)[0]
    if "," in first or "，" not in first and "\t" not in first and ";" not in first:
        return ","
    for d in ("\t", ";", "，"):
        if d in first:
            return d
    return ","


def _read_csv(path: Path) -> Table:
    text = decode_text(read_bytes(path), path).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    table = Table()
    last = 0
    try:
        for r in reader:
            line, last = last + 1, reader.line_num   # a quoted field may span lines: the row starts here
            if any(c.strip() for c in r):
                table.rows.append((line, [c.strip() for c in r]))
    except csv.Error as e:
        raise LoadError(path, f"line {reader.line_num}: not a readable CSV row ({e})") from None
    return table


def _read_xlsx(path: Path, wanted) -> Table:
    import openpyxl

    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl's own, zipfile's, lxml's: whatever a damaged or renamed file raises
        raise LoadError(path, f"not a readable .xlsx workbook ({type(e).__name__}: {str(e)[:80]})") from None
    tables = []
    try:
        for sheet in book.worksheets:
            table = Table(sheet=sheet.title, workbook=True)
            for n, row in enumerate(sheet.iter_rows(values_only=True), 1):
                cells = [_cell(v) for v in row]
                if any(cells):
                    table.rows.append((n, cells))
            if wanted is not None and find_header(table, wanted) is not None:
                return table
            tables.append(table)
    except Exception as e:  # a sheet's XML damaged past its first rows
        raise LoadError(path, f"a sheet of this workbook cannot be read ({type(e).__name__}: {str(e)[:80]})") from None
    finally:
        book.close()
    return tables[0] if tables else Table(workbook=True)


def _cell(value) -> str:
    """A spreadsheet cell as the text a CSV would hold.

    >>> _cell(dt.datetime(2023, 5, 4)), _cell(7.0), _cell(None), _cell(" 撤销 "), _cell(0.25)
    ('2023-05-04', '7', '', '撤销', '0.25')
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()
