"""Bad input: every broken file gets one `error: <file>: <reason>` line, the run exits 1, the good files of
the same run still go in, and nothing prints a traceback (also for a folder of junk)."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import run_fazhi

from fazhi.graph.errors import LoadError
from fazhi.graph.store import open_store
from fazhi.loaders import readers
from fazhi.loaders.pipeline import load_file
from fazhi.ontology.vocab import SOURCE_NS

DATA = Path(__file__).resolve().parent / "data" / "inputs"
REPORT = DATA / "heming_2022.txt"
ROSTER = ("单位名称,单位类型,上级单位,法律顾问,聘期开始,聘期结束\n"
          "鹤鸣县司法局,县直部门,鹤鸣县人民政府,鹤鸣律师事务所,2021-01-01,2023-12-31\n")


def _scan_pdf(path: Path) -> None:
    """A PDF whose page has only drawing, no text layer (what a scanner gives, minus the picture)."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev dependency) writes the test PDF")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")
    pdf.output(str(path))


def make_bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name → (path, a word the reason must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = REPORT.read_text(encoding="utf-8")
    utf8 = text.encode("utf-8")
    gb = text.encode("gb18030")
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (" \n\t\n\u3000\u3000\r\n".encode("utf-8"), "empty"),
        "blank16.txt": (codecs.BOM_UTF16_LE + "  \n \u3000".encode("utf-16-le"), "empty"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        "binary.txt": (bytes(range(256)) * 16, "binary"),
        "truncated.txt": (utf8[:-2] if utf8.endswith("日\n".encode()) else utf8[:-1] + b"\xe6", "truncated"),
        "damaged.txt": (gb[:400] + b"\x81\x20" + gb[400:], "byte"),
        "latin1.txt": ("Rapport annuel: état de droit, préfecture, année écoulée. " * 20).encode("latin-1"),
        "mojibake.txt": (bytes(range(0xa1, 0xff)) * 30, ""),
        "noname.csv": ("单位类型,上级单位\n县直部门,鹤鸣县人民政府\n".encode("utf-8"), "name"),
        "notreally.pdf": (utf8, "PDF"),
        "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"),
        "broken.docx": (b"PK\x03\x04" + b"\x00junk" * 50, "docx"),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        "scripts.html": (b"<html><head><script>var a = 1;</script><style>p{}</style></head><body> </body></html>",
                         "text"),
    }
    out = {}
    for name, spec in files.items():
        data, word = spec if isinstance(spec, tuple) else (spec, "")
        p = folder / name
        p.write_bytes(data)
        out[name] = (p, word)
    huge = folder / "huge.txt"
    with open(huge, "wb") as f:  # sparse: instant to make, refused before it is read
        f.write("报告".encode())
        f.truncate(readers.MAX_BYTES + 1)
    out["huge.txt"] = (huge, "limit")
    scan = folder / "scan.pdf"
    _scan_pdf(scan)
    out["scan.pdf"] = (scan, "no text layer")
    return out


@pytest.fixture
def bad_files(tmp_path):
    return make_bad_files(tmp_path / "bad")


def test_each_bad_file_is_a_load_error(bad_files):
    for name, (path, word) in bad_files.items():
        with pytest.raises(LoadError) as e:
            load_file(path)
        assert word.lower() in e.value.reason.lower(), (name, e.value.reason)
        assert "\n" not in e.value.reason


def test_missing_and_unsupported(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "gone.txt")
    with pytest.raises(LoadError, match="unsupported file type .xls;"):
        (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
        load_file(tmp_path / "old.xls")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")          # a workbook cut off after its first bytes
    with pytest.raises(LoadError, match=r"not a readable \.xlsx workbook"):
        load_file(tmp_path / "sheet.xlsx")


def test_a_workbook_that_is_neither_a_ledger_nor_a_roster_is_refused(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["日期", "金额", "摘要"])
    book.active.append(["2023-01-01", 100, "办公用品"])
    book.create_sheet("空白")
    book.save(tmp_path / "accounts.xlsx")
    with pytest.raises(LoadError, match=r"no sheet of this workbook is a case ledger \(a header naming 案号 / "
                                        r"case_number\) or a roster"):
        load_file(tmp_path / "accounts.xlsx")
    empty = openpyxl.Workbook()
    empty.save(tmp_path / "empty.xlsx")
    with pytest.raises(LoadError, match="no sheet of this workbook"):
        load_file(tmp_path / "empty.xlsx")


def _check_run(r, bad_paths: list[Path], store: Path, good: int) -> None:
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.strip().splitlines()
    assert all(ln.startswith("error: ") for ln in lines), lines
    for p in bad_paths:
        mine = [ln for ln in lines if ln.startswith(f"error: {p}: ")]
        assert len(mine) == 1, f"{p}: expected one error line, got {mine}"
    assert len(lines) == len(bad_paths)
    with open_store(f"oxigraph:{store}", read_only=True) as s:  # one graph per good file (and derived graphs)
        assert len([g for g in s.graphs() if g.value.startswith(SOURCE_NS)]) == good


def test_cli_good_and_bad_together(tmp_path, bad_files):
    good = tmp_path / "good"
    good.mkdir()
    (good / "report.txt").write_bytes(REPORT.read_bytes())
    (good / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    bad = [p for p, _ in bad_files.values()] + [tmp_path / "missing.txt", tmp_path / "sheet.xlsx"]
    store = tmp_path / "store"
    args = [good / "report.txt", *bad[:8], good / "roster.csv", *bad[8:]]
    r = run_fazhi("ingest", *args, store=store)
    _check_run(r, bad, store, good=2)
    assert str(good / "report.txt") in r.stdout and str(good / "roster.csv") in r.stdout


def test_cli_folder_with_junk(tmp_path, bad_files):
    folder = tmp_path / "bad"
    (folder / "report.txt").write_bytes(REPORT.read_bytes())
    sub = folder / "more"
    sub.mkdir()
    (sub / "report.htm").write_bytes((DATA / "heming_2022_gbk.html").read_bytes())
    (folder / "notes.md").write_text("not a report", encoding="utf-8")  # not ours: skipped in a folder
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    store = tmp_path / "store"
    r = run_fazhi("ingest", folder, store=store)
    _check_run(r, [p for p, _ in bad_files.values()], store, good=2)
    assert "notes.md" not in r.stderr and ".DS_Store" not in r.stderr
