"""One report, seven ways: UTF-8 / UTF-8 BOM / GB18030 / UTF-16 text, a GBK web page, a .docx and a PDF
must give the same report row and the same agencies, and no page chrome may become a fact."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from fazhi.graph.store import open_store
from fazhi.loaders.pipeline import load_file
from fazhi.loaders.derived import update_derived
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data" / "inputs"
REPORT = DATA / "heming_2022.txt"
PAGE = DATA / "heming_2022_gbk.html"
CJK_FONTS = [Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
             Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")]

EXPECTED = {"number": "鹤政文〔2022〕9号", "title": "鹤鸣县人民政府关于鹤鸣县2021年度法治政府建设工作情况的报告",
            "issuer_name": "鹤鸣县人民政府", "date": "2022-03-15"}
# words that only page furniture carries: none may appear in any literal of the graph
CHROME = ("网站首页", "走进鹤鸣", "当前位置", "浏览次数", "访问者", "ICP备", "网站标识码", "公网安备", "主办单位",
          "打印本页", "关闭窗口", "分享到", "相关链接", "document.", "function", "_hmt", "请输入关键字", "大数据中心",
          "县公安局", "春季安全检查")


def _parts(text: str) -> tuple[list[str], str, list[str]]:
    """(header lines, title, body paragraphs) of the plain-text report."""
    lines = text.split("\n")
    header = [ln for ln in lines[:4]]
    title = lines[5]
    body = [ln for ln in lines[6:] if ln.strip()]
    return header, title, body


def make_docx(path: Path) -> Path:
    """The report as a Word file: the disclosure header as a table, then title, body and signature."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header, title, body = _parts(REPORT.read_text(encoding="utf-8"))
    d = docx.Document()
    pairs = [re.findall(r"(\S+?): ?(\S*)", ln) for ln in header]
    table = d.add_table(rows=len(pairs), cols=4)
    for r, row in enumerate(pairs):
        for c, (k, v) in enumerate(row[:2]):
            table.cell(r, 2 * c).text = k
            table.cell(r, 2 * c + 1).text = v
    p = d.add_paragraph(title)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for ln in body[:-2]:
        d.add_paragraph(ln)
    for ln in body[-2:]:
        d.add_paragraph(ln).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)
    return path


def make_pdf(path: Path) -> Path:
    """The report as a PDF with a text layer (fpdf2, a CJK font from the system); paragraphs wrap."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev dependency) writes the test PDF")
    font = next((f for f in CJK_FONTS if f.exists()), None)
    if font is None:
        pytest.skip("no CJK font installed (Debian fonts-noto-cjk or fonts-wqy) to write a Chinese PDF")
    header, title, body = _parts(REPORT.read_text(encoding="utf-8"))
    class Report(fpdf.FPDF):
        def footer(self):  # page numbers as printed reports have them: "- 1 -"
            self.set_y(-15)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Report(format="A4")
    pdf.set_margins(25, 25, 25)
    kw = {"collection_font_number": 2} if font.suffix == ".ttc" and "noto" in str(font).lower() else {}
    pdf.add_font("cjk", fname=str(font), **kw)
    pdf.add_page()
    pdf.set_font("cjk", size=9)
    for ln in header:
        pdf.cell(0, 5, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=22)  # the title in a large face wraps over two centred lines
    pdf.multi_cell(0, 11, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=14)
    for ln in body[:-2]:
        pdf.multi_cell(0, 8, ln, new_x="LMARGIN", new_y="NEXT")
    for ln in body[-2:]:
        pdf.cell(0, 8, ln, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def variants(folder: Path) -> dict[str, Path]:
    text = REPORT.read_text(encoding="utf-8")
    out = {}
    for name, data in {"utf8": text.encode("utf-8"), "utf8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
                       "gb18030": text.encode("gb18030"), "utf16": text.encode("utf-16"),
                       "utf16-be": codecs.BOM_UTF16_BE + text.encode("utf-16-be")}.items():
        p = folder / f"heming_{name}.txt"
        p.write_bytes(data)
        out[name] = p
    out["html-gbk"] = PAGE
    saved = folder / "heming_page.txt"  # a web page saved with the wrong extension
    saved.write_bytes(PAGE.read_bytes())
    out["html-as-txt"] = saved
    out["docx"] = make_docx(folder / "heming.docx")
    out["pdf"] = make_pdf(folder / "heming.pdf")
    return out


def stored(path: Path):
    """An in-memory store holding what the file gives, with the derived graphs ingest adds last (the agencies'
    and documents' rows)."""
    store = open_store("memory:")
    loaded = load_file(path)
    store.replace_graph(loaded.graph, loaded.triples)
    update_derived(store)
    return store


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The report in every format, written once for the module (the PDF embeds a CJK font: ~1 s)."""
    return variants(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def results(made):
    """Per format: (the report's documents row, the agencies' names, every literal in the graph)."""
    out = {}
    for name, path in made.items():
        store = stored(path)
        docs = run_named(store, "documents")
        title = docs.columns.index("title")
        rows = [dict(zip(docs.columns, r)) for r in docs.values() if r[title] == EXPECTED["title"]]
        agencies = sorted(r[1] for r in run_named(store, "agencies").values())
        literals = [q.object.value for q in store.quads() if type(q.object).__name__ == "Literal"]
        out[name] = (rows, agencies, literals)
    return out


def test_pdf_and_docx_are_made(made):
    from fazhi.loaders.formats import read_report_text

    text, _ = read_report_text(made["pdf"])
    # wrapped lines are joined back into paragraphs: each body paragraph is one line again, the title
    # too, and page numbers are gone
    _, title, body = _parts(REPORT.read_text(encoding="utf-8"))
    lines = set(text.split("\n"))
    assert title in lines
    assert not any(re.fullmatch(r"-\s*\d+\s*-", ln.strip()) for ln in lines)
    assert sum(1 for p in body if p.replace(" ", "") in {ln.replace(" ", "") for ln in lines}) >= len(body) - 1
    text, _ = read_report_text(made["docx"])
    assert "文号: 鹤政文〔2022〕9号" in text and text.index("索引号") < text.index(EXPECTED["title"])


@pytest.mark.parametrize("fmt", ["utf8", "utf8-bom", "gb18030", "utf16", "utf16-be", "html-gbk", "html-as-txt", "docx",
                                 "pdf"])
def test_same_report_row(results, fmt):
    rows, _, _ = results[fmt]
    assert len(rows) == 1, f"{fmt}: expected one row for the report, got {rows}"
    got = {k: rows[0][k] for k in EXPECTED}
    assert got == EXPECTED


def test_same_agencies_everywhere(results):
    reference = results["utf8"][1]
    assert "鹤鸣县人民政府" in reference
    for fmt, (_, agencies, _) in results.items():
        assert agencies == reference, f"{fmt} differs from utf8: only in {fmt}: {set(agencies) - set(reference)}, " \
                                      f"missing: {set(reference) - set(agencies)}"


def test_no_page_chrome_in_facts(results):
    for fmt, (_, _, literals) in results.items():
        for word in CHROME:
            hits = [lit for lit in literals if word in lit]
            assert not hits, f"{fmt}: page chrome {word!r} read as a fact: {hits[:3]}"


def test_html_header_read_as_metadata():
    from fazhi.loaders.formats import read_report_text

    text, meta = read_report_text(PAGE)
    assert meta["header"]["索引号"] == "HM0012-2022-00031"
    assert meta["header"]["生成日期"] == "2022-03-25"
    assert meta["header"]["名称"] == EXPECTED["title"]
    lines = text.split("\n")
    # title, addressee and the two signature lines survive main-content extraction
    assert EXPECTED["title"] in lines and "南屿市人民政府:" in lines
    assert lines[-3:] == ["鹤鸣县人民政府", "", "2022年3月15日"] or lines[-2:] == ["鹤鸣县人民政府", "2022年3月15日"]


def test_html_charset_sources(tmp_path):
    """UTF-8 page with <meta charset>, a GBK page without any declaration, a page declaring the wrong one."""
    from fazhi.loaders.formats import read_report_text

    page = PAGE.read_bytes().decode("gb18030")
    cases = {"utf8.html": page.replace("charset=gb2312", "charset=utf-8").encode("utf-8"),
             "nodecl.htm": re.sub(r"<meta http-equiv[^>]+>", "", page).encode("gbk"),
             "wrong.html": page.replace("charset=gb2312", "charset=utf-8").encode("gbk")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        text, meta = read_report_text(tmp_path / name)
        assert EXPECTED["title"] in text, name
        assert meta["header"]["文号"] == EXPECTED["number"], name


def test_traditional_report_reads_like_simplified(tmp_path):
    """A traditional-character copy: same report row; evidence quotes keep the original characters."""
    from fazhi.loaders.text import to_simplified

    opencc = pytest.importorskip("opencc")
    s2t = opencc.OpenCC("s2t")
    text = REPORT.read_text(encoding="utf-8")
    trad = s2t.convert(text)
    assert to_simplified(trad) != trad or trad == text
    p = tmp_path / "heming_trad.txt"
    p.write_text(trad, encoding="utf-8")
    store = stored(p)
    docs = run_named(store, "documents")
    dates = {r[docs.columns.index("date")] for r in docs.values() if r[docs.columns.index("number")]}
    assert "2022-03-15" in dates
    ev = [q.object.value for q in store.quads() if q.predicate.value.endswith("#exact")]
    assert ev and any(t != to_simplified(t) for t in ev), "evidence should quote the traditional original"


def _layouts(title: str, body: list[str]) -> dict[str, str]:
    """Other ways government sites lay the same page out (tables for layout, list headers, a signature
    outside the content block, a <br>-separated body)."""
    paras = "".join(f"<p>{p}</p>" for p in body[:-2])
    sign = f'<p align="right">{body[-2]}</p><p align="right">{body[-1]}</p>'
    header_ul = ('<ul class="xxgk_info"><li><b>索 引 号：</b>HM0012-2022-00031</li>'
                 '<li><b>发布机构：</b>鹤鸣县人民政府办公室</li>'
                 f'<li><b>名　　称：</b>{title}</li><li><b>文　　号：</b>鹤政文〔2022〕9号</li>'
                 '<li><b>生成日期：</b>2022-03-25</li></ul>')
    nav = '<div id="menu"><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | <a href="/hd">互动交流</a></div>'
    foot = '<div id="foot">版权所有：鹤鸣县人民政府 网站标识码4199000099 南ICP备05001234号</div>'
    return {
        "table-layout": f"<html><head><meta charset='gbk'><title>{title}</title></head><body>{nav}"
                        f"<table width='1000'><tr><td width='200'><a href='/'>网站首页</a><br><a href='/x'>政务公开</a>"
                        f"</td><td>{header_ul}<table><tr><td class='bt'>{title}</td></tr>"
                        f"<tr><td class='nr'>{paras}{sign}</td></tr></table></td></tr></table>{foot}</body></html>",
        "signature-outside": f"<html><head><meta charset='gbk'></head><body>{nav}{header_ul}<h2>{title}</h2>"
                             f"<div class='TRS_Editor'>{paras}</div>{sign}"
                             f"<div class='bottom'>【打印】【关闭】</div>{foot}</body></html>",
        "br-body": f"<html><head><meta charset='gbk'></head><body>{nav}{header_ul}"
                   f"<div class='article'><div class='article-title'>{title}</div><div class='article-con'>"
                   + "<br/>".join(body) + f"</div></div>{foot}</body></html>",
    }


@pytest.mark.parametrize("layout", ["table-layout", "signature-outside", "br-body"])
def test_other_page_layouts(tmp_path, layout):
    _, title, body = _parts(REPORT.read_text(encoding="utf-8"))
    page = tmp_path / f"{layout}.html"
    page.write_bytes(_layouts(title, body)[layout].encode("gbk"))
    store = stored(page)
    docs = run_named(store, "documents")
    rows = [dict(zip(docs.columns, r)) for r in docs.values() if r[docs.columns.index("title")] == EXPECTED["title"]]
    assert rows and {k: rows[0][k] for k in EXPECTED} == EXPECTED
    literals = " ".join(q.object.value for q in store.quads() if type(q.object).__name__ == "Literal")
    for word in ("互动交流", "网站标识码", "ICP备", "政务公开", "【打印】"):
        assert word not in literals, (layout, word)


def _wrap_lines_as_page(lines: list[str]) -> bytes:
    """A GBK page around plain lines: navigation, a script, the lines as paragraphs, a footer."""
    paras = "".join(f"<p>{ln}</p>" for ln in lines if ln.strip())
    return ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'>"
            "<script>var visits = 12345; document.write('访问量');</script><style>p{margin:0}</style></head><body>"
            "<div class='nav'><a href='/'>网站首页</a> <a href='/x'>政府信息公开</a></div>"
            f"<div class='main'><div class='content'>{paras}</div></div>"
            "<div class='footer'>主办单位：某某县人民政府办公室 ICP备00000000号 您是第123456位访问者</div>"
            "</body></html>").encode("gbk", "replace")


def test_real_report_same_in_every_format(seed_report, tmp_path):
    """The shared corpus's county report (not copied into the project: read where it lies) as GB18030,
    UTF-16, a GBK page, a .docx and a PDF (when a CJK font is installed) gives the same report row and
    agencies as the UTF-8 file."""
    text = seed_report.read_text(encoding="utf-8")
    lines = [ln for ln in text.split("\n")]
    paths = {"utf8": seed_report}
    for name, data in {"gb18030": text.encode("gb18030", "replace"), "utf16": text.encode("utf-16")}.items():
        paths[name] = tmp_path / f"seed_{name}.txt"
        paths[name].write_bytes(data)
    paths["html"] = tmp_path / "seed.html"
    paths["html"].write_bytes(_wrap_lines_as_page(lines))
    import docx

    d = docx.Document()
    for ln in lines:
        if ln.strip():
            d.add_paragraph(ln.strip())
    paths["docx"] = tmp_path / "seed.docx"
    d.save(paths["docx"])
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev dependency) writes the test PDF")
    font = next((f for f in CJK_FONTS if f.exists()), None)
    if font is not None:
        pdf = fpdf.FPDF(format="A4")
        pdf.set_margins(25, 25, 25)
        kw = {"collection_font_number": 2} if font.suffix == ".ttc" and "noto" in str(font).lower() else {}
        pdf.add_font("cjk", fname=str(font), **kw)
        pdf.add_page()
        pdf.set_font("cjk", size=12)
        for ln in lines:
            if ln.strip():
                pdf.multi_cell(0, 7, ln.strip(), new_x="LMARGIN", new_y="NEXT")
        paths["pdf"] = tmp_path / "seed.pdf"
        pdf.output(str(paths["pdf"]))
    got = {}
    for name, p in paths.items():
        store = stored(p)
        docs = run_named(store, "documents")
        cols = docs.columns
        report = sorted(tuple(r[cols.index(k)] for k in ("number", "title", "issuer_name", "date"))
                        for r in docs.values() if r[cols.index("kind")] == "report")
        agencies = sorted(r[1] for r in run_named(store, "agencies").values())
        got[name] = (report, agencies)
    ref = got["utf8"]
    assert ref[0], "the UTF-8 report must give its report row"
    for name, value in got.items():
        assert value[0] == ref[0], f"{name}: report row {value[0]} != {ref[0]}"
        assert value[1] == ref[1], f"{name}: only here {set(value[1]) - set(ref[1])}, missing " \
                                   f"{set(ref[1]) - set(value[1])}"
