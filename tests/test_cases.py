"""Case ledgers → fz:Case, and the three case queries, on the example county's ledgers (examples/: the 复议
ledger in GBK with English headers, the 应诉 workbook with Chinese headers under a title row) and on ledgers
written here. Every expected figure below was counted by hand from examples/make_ledgers.py."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, run_fazhi

from fazhi.graph.errors import LoadError
from fazhi.loaders.casenames import is_organisation
from fazhi.loaders.ingest import ingest
from fazhi.loaders.ledger import COLUMNS, read_ledger_rows
from fazhi.loaders.pipeline import load_file
from fazhi.loaders.tables import read_table
from fazhi.ontology.ids import agency_iri
from fazhi.queries import run_named

RECONSIDERATION = EXAMPLES / "qingyuan_2023_reconsideration_ledger.csv"
LITIGATION = EXAMPLES / "qingyuan_2023_litigation_ledger.xlsx"
ENGLISH = ["case_number", "case_type", "respondent", "applicant", "filed", "closed", "outcome", "head_appeared"]
CHINESE = ["案号", "案件类型", "被申请人", "申请人", "受理日期", "审结日期", "结果", "负责人出庭"]


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory):
    from fazhi.graph.store import open_store

    s = open_store(f"oxigraph:{tmp_path_factory.mktemp('cases') / 'store'}")
    outcomes = ingest(s, [EXAMPLES])
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    yield s
    s.close()


def table(res) -> list[dict]:
    return [dict(zip(res.columns, row)) for row in res.values()]


# ---------------------------------------------------------------- case-outcomes, counted by hand

# (respondent, case type) → closed, corrected, correction_rate, head_appeared_rate, for cases closed in 2023
OUTCOMES_2023 = {
    ("清源县自然资源局", "行政复议"): ("2", "1", "0.5", ""),          # 〔2022〕19号 维持 (closed 2023), 6号 撤销
    ("清源县市场监督管理局", "行政复议"): ("3", "1", "0.3333", ""),    # 1号 撤销, 5号 维持, 9号 撤回
    ("清源县公安局", "行政复议"): ("3", "0", "0", ""),                 # 2号, 7号 (written 县公安局), 11号: 维持
    ("青石镇人民政府", "行政复议"): ("1", "1", "1", ""),               # 3号 确认违法
    ("清源县人力资源和社会保障局", "行政复议"): ("1", "0", "0", ""),
    ("清源县住房和城乡建设局", "行政复议"): ("1", "0", "0", ""),       # 8号 终止
    ("清源县综合行政执法局", "行政复议"): ("1", "0", "0", ""),
    ("清源县人民政府", "行政诉讼"): ("1", "0", "0", "1"),
    ("清源县自然资源局", "行政诉讼"): ("1", "1", "1", "1"),            # 撤销: lost
    ("清源县市场监督管理局", "行政诉讼"): ("2", "0", "0", "0.5"),      # 驳回 (head absent), 撤诉 → 撤回
    ("青石镇人民政府", "行政诉讼"): ("1", "1", "1", "1"),              # 确认违法: lost
    ("清源县人力资源和社会保障局", "行政诉讼"): ("1", "0", "0", "1"),  # written 县人社局, type 行政应诉
}


def test_case_outcomes_give_the_hand_counted_figures(examples_store):
    res = run_named(examples_store, "case-outcomes", {"year": "2023"})
    got = {(r["respondent_name"], r["case_type"]): (r["closed"], r["corrected"], r["correction_rate"],
                                                    r["head_appeared_rate"]) for r in table(res)}
    assert got == OUTCOMES_2023
    assert {r["year_closed"] for r in table(res)} == {"2023"}


def test_case_outcomes_without_a_year_keep_later_and_pending_cases_apart(examples_store):
    rows = table(run_named(examples_store, "case-outcomes"))
    later = [r for r in rows if r["year_closed"] == "2024"]
    assert [(r["respondent_name"], r["closed"], r["corrected"]) for r in later] == [("清源县自然资源局", "1", "0")]
    pending = {(r["respondent_name"], r["case_type"]): r["pending"] for r in rows if r["year_closed"] == ""}
    assert pending == {("清源县市场监督管理局", "行政复议"): "1", ("白沙街道办事处", "行政复议"): "1",
                       ("清源县住房和城乡建设局", "行政诉讼"): "1"}
    for r in rows:
        if r["year_closed"] == "":       # nothing closed: no rate, not a rate of 0
            assert r["closed"] == "0" and r["correction_rate"] == "" and r["head_appeared_rate"] == ""
    assert run_named(examples_store, "case-outcomes", {"year": "2021"}).rows == []


# ---------------------------------------------------------------- case-reconciliation

def test_reconciliation_shows_the_disagreeing_figure_with_the_reports_passage(examples_store):
    rows = table(run_named(examples_store, "case-reconciliation", {"year": "2023"}))
    got = {(r["subject_name"], r["case_type"], r["measure"]): (r["reported"], r["ledger"], r["agrees"]) for r in rows}
    assert got == {
        ("清源县人民政府", "行政复议", "received"): ("14", "14", "yes"),
        ("清源县人民政府", "行政复议", "closed"): ("12", "12", "yes"),
        ("清源县人民政府", "行政复议", "corrected"): ("3", "3", "yes"),
        ("清源县人民政府", "行政复议", "correction_rate"): ("25", "25", "yes"),
        ("清源县", "行政诉讼", "received"): ("7", "7", "yes"),
        ("清源县", "行政诉讼", "closed"): ("6", "6", "yes"),
        ("清源县", "行政诉讼", "lost"): ("2", "2", "yes"),
        ("清源县", "行政诉讼", "correction_rate"): ("33.33", "33.33", "yes"),   # 败诉率: 2 of 6
        ("清源县", "行政诉讼", "head_appeared_rate"): ("100", "83.33", "no"),  # the head was absent once in 6
    }
    [no] = [r for r in rows if r["agrees"] == "no"]
    assert no["evidence"] == "行政机关负责人出庭应诉率100%"
    text = (EXAMPLES / "qingyuan_2023_report.txt").read_text(encoding="utf-8")
    assert all(r["evidence"] and r["evidence"] in text for r in rows)
    assert run_named(examples_store, "case-reconciliation", {"year": "2022"}).rows == []


def test_reconciliation_needs_the_ledgers(tmp_path):
    """A report alone: its case figures are there (mapped) but nothing to set them beside."""
    from fazhi.graph.store import open_store

    with open_store(f"oxigraph:{tmp_path / 's'}") as s:
        ingest(s, [EXAMPLES / "qingyuan_2023_report.txt"])
        assert s.ask("ASK { ?s fz:caseMeasure \"head_appeared_rate\" ; fz:caseType \"行政诉讼\" }")
        assert run_named(s, "case-reconciliation").rows == []


# ---------------------------------------------------------------- cases, nodes and provenance

def test_cases_query_and_the_respondent_is_the_roster_and_report_agency(examples_store):
    rows = table(run_named(examples_store, "cases"))
    assert len(rows) == 22
    by_number = {r["number"]: r for r in rows}
    r = by_number["清府复〔2023〕7号"]       # written 县公安局 in the ledger: the county's bureau
    assert (r["respondent_name"], r["outcome"], r["filed"], r["closed"]) == ("清源县公安局", "维持", "2023-06-12",
                                                                              "2023-08-07")
    assert r["source"].endswith("qingyuan_2023_reconsideration_ledger.csv") and r["row"] == "9"
    r = by_number["(2023)江0123行初17号"]
    assert (r["case_type"], r["head_appeared"], r["outcome"], r["row"]) == ("行政诉讼", "false", "驳回", "5")
    assert by_number["(2023)江0123行初26号"]["outcome"] == "撤回"            # 撤诉
    assert by_number["(2023)江0123行初40号"]["respondent_name"] == "清源县人力资源和社会保障局"   # 县人社局
    market = agency_iri("清源县市场监督管理局")
    assert examples_store.ask(f"ASK {{ {market} a fz:RosterUnit ; fz:mentionedIn ?r . ?r a fz:Report . "
                              f"?case fz:respondent {market} }}")
    only = run_named(examples_store, "cases", {"respondent": market.value, "case_type": "行政诉讼"})
    assert sorted(r["number"] for r in table(only)) == ["(2023)江0123行初17号", "(2023)江0123行初26号"]


def test_a_case_points_at_its_ledger_row(examples_store):
    r = examples_store.select("""SELECT ?value ?std ?file WHERE {
        ?case fz:caseNumber "清府复〔2023〕1号" ; fz:inLedger ?ledger ; fz:evidence ?ev .
        ?ev a fz:Evidence ; oa:hasSource ?ledger ; oa:hasSelector ?sel .
        ?sel a oa:FragmentSelector ; rdf:value ?value . OPTIONAL { ?sel dcterms:conformsTo ?std }
        ?ledger a fz:CaseLedger ; fz:sourceFile ?file }""")
    assert [(v.value, s.value) for v, s, _ in r.rows] == [("row=3", "http://tools.ietf.org/rfc/rfc7111")]
    r = examples_store.select("""SELECT ?value WHERE { ?case fz:caseNumber "(2023)江0123行初5号" ;
        fz:evidence/oa:hasSelector ?sel . ?sel rdf:value ?value FILTER NOT EXISTS { ?sel dcterms:conformsTo ?x } }""")
    assert [v.value for (v,) in r.rows] == ["row=3"]          # the workbook's sheet row (a title row above)


def test_people_are_never_stored_organisations_are(examples_store):
    people, organisations = set(), set()
    for path in (RECONSIDERATION, LITIGATION):
        for rec in read_ledger_rows(path):
            (organisations if is_organisation(rec["applicant"]) else people).add(rec["applicant"])
    assert {"李明华", "张建国", "何丽"} <= people and "清源县青石建材有限公司" in organisations
    dump = "".join(str(q) for q in examples_store.quads())
    assert not [p for p in people if p in dump]
    assert all(o in dump for o in organisations)
    assert examples_store.ask('ASK { ?c fz:applicant ?o . ?o a org:Organization ; '
                              'skos:prefLabel "清源县白沙农民专业合作社" }')


# ---------------------------------------------------------------- the same cases from any format

def rewrite(path: Path, out: Path, headers: list[str], *, encoding: str = "gbk") -> Path:
    """A ledger written again with other headers (CSV in ``encoding``, or .xlsx by ``out``'s suffix)."""
    names = {k: i for i, k in enumerate(ENGLISH)}
    rows = []
    for rec in read_ledger_rows(path):
        row = [""] * len(ENGLISH)
        for k in ENGLISH:
            v = rec.get(k)
            if k == "outcome":
                v = v.label if v else ""
            elif k == "head_appeared":
                v = {True: "是", False: "否", None: ""}[v]
            row[names[k]] = v or ""
        rows.append(row)
    if out.suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.active.append(headers)
        for row in rows:
            book.active.append(row)
        book.save(out)
    else:
        buf = io.StringIO(newline="")
        csv.writer(buf).writerows([headers, *rows])
        out.write_bytes(buf.getvalue().encode(encoding))
    return out


def case_triples(path: Path) -> set:
    """A ledger's case triples less where they came from (the ledger, the row)."""
    skip = ("inLedger", "evidence")
    loaded = load_file(path)
    cases = {t.subject for t in loaded.triples if t.object.value.endswith("#Case")}
    return {t for t in loaded.triples if t.subject in cases and not t.predicate.value.endswith(skip)}


@pytest.mark.parametrize("ledger", [RECONSIDERATION, LITIGATION], ids=["reconsideration", "litigation"])
def test_gbk_with_english_headers_and_xlsx_with_chinese_headers_give_the_same_cases(ledger, tmp_path):
    gbk = rewrite(ledger, tmp_path / "ledger.csv", ENGLISH)
    xlsx = rewrite(ledger, tmp_path / "ledger.xlsx", CHINESE)
    assert gbk.read_bytes().decode("gbk").startswith("case_number,")
    original = case_triples(ledger)
    assert len({t.subject for t in original}) == (15 if ledger == RECONSIDERATION else 7)
    assert case_triples(gbk) == original == case_triples(xlsx)


def test_columns_in_any_order_and_alternative_chinese_headers(tmp_path):
    p = tmp_path / "shuffled.csv"
    p.write_text("审理结果,被告,结案日期,立案日期,案件类型,案　号,原告,备注\n"
                 "驳回,清源县公安局,2023/5/6,2023年1月2日,行政诉讼,(2023)江0123行初1号,某某,x\n", encoding="utf-8-sig")
    [rec] = read_ledger_rows(p)
    assert (rec["case_number"], rec["respondent"], rec["filed"], rec["closed"], rec["outcome"].notation) == (
        "(2023)江0123行初1号", "清源县公安局", "2023-01-02", "2023-05-06", "dismissed")
    assert set(COLUMNS) >= {"case_number", "case_type", "respondent", "filed", "closed", "outcome", "head_appeared",
                            "applicant"}


# ---------------------------------------------------------------- bad input: one line, whole or nothing

GOOD = ["清府复〔2023〕1号,行政复议,清源县公安局,2023-01-02,2023-02-03,维持,",
        "清府复〔2023〕2号,行政复议,清源县公安局,2023-01-05,,,"]


@pytest.mark.parametrize("row,reason", [
    (",行政复议,清源县公安局,2023-01-02,,,", r"line 3: no case_number \(案号\)"),
    ("清府复〔2023〕3号,,清源县公安局,2023-01-02,,,",
     r"line 3: no case_type \(案件类型\) for case '清府复〔2023〕3号'"),
    ("清府复〔2023〕3号,行政复议,,2023-01-02,,,", r"line 3: no respondent"),
    ("清府复〔2023〕3号,行政复议,清源县公安局,2023-01-02,2023-03-01,撤销原决定并赔偿,",
     r"line 3: case '清府复〔2023〕3号': unknown outcome '撤销原决定并赔偿'; an outcome is one of .*维持.*终止"),
    ("清府复〔2023〕3号,行政复议,清源县公安局,2023-02-30,,,",
     r"line 3: case '清府复〔2023〕3号': filed '2023-02-30' is not a date"),
    ("清府复〔2023〕3号,行政复议,清源县公安局,2023-03-01,2023-02-01,维持,",
     r"line 3: case '清府复〔2023〕3号': closed 2023-02-01 is before filed 2023-03-01"),
    ("清府复〔2023〕1号,行政复议,清源县公安局,2023-03-01,,,", r"line 3: case '清府复〔2023〕1号' is also on line 2"),
    ("清府复〔2023〕3号,行政诉讼,清源县公安局,2023-03-01,,,unsure",
     r"line 3: .*head_appeared 'unsure' is not 是 or 否"),
])
def test_a_bad_row_is_one_error_naming_its_line(tmp_path, row, reason):
    p = tmp_path / "bad.csv"
    header = "case_number,case_type,respondent,filed,closed,outcome,head_appeared"
    p.write_text("\n".join([header, GOOD[0], row, GOOD[1]]) + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match=reason) as e:
        load_file(p)
    assert e.value.path == str(p) and "\n" not in e.value.reason


def test_a_workbook_error_names_the_sheet_row(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["某县行政应诉台账"])
    book.active.append(["案号", "案件类型", "被告", "结果"])
    book.active.append(["(2023)某行初1号", "行政诉讼", "某县公安局", "维持"])
    book.active.append(["(2023)某行初2号", "行政诉讼", "某县公安局", "判了"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(LoadError, match=r"^.*bad.xlsx: line 4: case '\(2023\)某行初2号': unknown outcome"):
        load_file(tmp_path / "bad.xlsx")


def test_a_damaged_workbook_is_one_error(tmp_path):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(LITIGATION) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, data[: len(data) // 2] if "worksheets/sheet1" in info.filename else data)
    (tmp_path / "damaged.xlsx").write_bytes(out.getvalue())
    with pytest.raises(LoadError, match="a sheet of this workbook cannot be read"):
        load_file(tmp_path / "damaged.xlsx")
    (tmp_path / "renamed.xlsx").write_bytes((EXAMPLES / "qingyuan_2023_report.txt").read_bytes())
    with pytest.raises(LoadError, match=r"not a readable \.xlsx workbook"):
        load_file(tmp_path / "renamed.xlsx")


def test_no_persons_name_in_an_error_message(tmp_path):
    """A name typed into the outcome or date column (a shifted row) is not echoed back."""
    p = tmp_path / "shifted.csv"
    p.write_text("案号,案件类型,被申请人,申请人,结果\n清府复〔2023〕1号,行政复议,清源县公安局,维持,王小明\n",
                 encoding="utf-8")
    with pytest.raises(LoadError) as e:
        load_file(p)
    assert "unknown outcome" in e.value.reason and "王小明" not in str(e.value)
    r = run_fazhi("ingest", p, store=tmp_path / "store")
    assert r.returncode == 1 and "王小明" not in r.stderr + r.stdout


def test_a_bad_ledger_goes_in_not_at_all_and_reingest_replaces(tmp_path):
    from fazhi.graph.store import open_store

    p = tmp_path / "ledger.csv"
    header = "case_number,case_type,respondent,filed,closed,outcome\n"
    p.write_text(header + "\n".join(GOOD) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run_fazhi("ingest", p, store=store).returncode == 0
    p.write_text(header + GOOD[0] + "\n清府复〔2023〕2号,行政复议,清源县公安局,2023-01-05,2023-02-01,改判\n",
                 encoding="utf-8")
    r = run_fazhi("ingest", p, store=store)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [f"error: {p}: line 3: case '清府复〔2023〕2号': unknown outcome '改判'; "
                                             "an outcome is one of " + r.stderr.split("one of ", 1)[1].strip()]
    with open_store(f"oxigraph:{store}", read_only=True) as s:   # the earlier version stays, whole
        assert [(r["number"], r["outcome"]) for r in table(run_named(s, "cases"))] == [
            ("清府复〔2023〕1号", "维持"), ("清府复〔2023〕2号", "")]
    p.write_text(header + GOOD[0].replace("维持", "撤销") + "\n", encoding="utf-8")
    assert run_fazhi("ingest", p, store=store).returncode == 0
    with open_store(f"oxigraph:{store}", read_only=True) as s:   # replaced: one case left, the new outcome
        assert [(r["number"], r["outcome"]) for r in table(run_named(s, "cases"))] == [("清府复〔2023〕1号", "撤销")]


def test_short_names_with_no_single_place_stay_the_ledgers_own(tmp_path):
    p = tmp_path / "two_counties.csv"
    p.write_text("案号,案件类型,被申请人\n安府复〔2023〕1号,行政复议,清源县公安局\n安府复〔2023〕2号,行政复议,白河县公安局\n"
                 "安府复〔2023〕3号,行政复议,县司法局\n", encoding="utf-8")
    loaded = load_file(p)
    assert loaded.counts["unplaced respondents"] == 1 and "1 unplaced respondents" in loaded.summary()
    respondents = {t.object.value for t in loaded.triples if t.predicate.value.endswith("#respondent")}
    assert agency_iri("清源县司法局").value not in respondents and agency_iri("白河县司法局").value not in respondents
    assert any("县司法局~" in r for r in respondents)      # scoped to this ledger, as a roster's would be


def test_a_ledger_is_told_from_a_roster_by_its_header():
    assert load_file(EXAMPLES / "qingyuan_units_roster.csv").kind == "roster"
    assert load_file(RECONSIDERATION).kind == "ledger" and load_file(LITIGATION).kind == "ledger"
    t = read_table(LITIGATION)
    assert t.workbook and t.sheet == "行政应诉台账" and t.rows[0] == (1, ["清源县2023年行政应诉案件台账"] + [""] * 9)


# ---------------------------------------------------------------- SHACL

def _swap(s, number: str, prop: str, new) -> None:
    """Change one property of a case in its own graph, as another tool writing to the store might."""
    from fazhi.ontology.vocab import FZ

    p = getattr(FZ, prop)
    g, c, o = s.select(f'SELECT ?g ?c ?o WHERE {{ GRAPH ?g {{ ?c fz:caseNumber "{number}" ; {p} ?o }} }}').rows[0]
    s.change_graph(g, remove=[ox.Triple(c, p, o)], add=[ox.Triple(c, p, new)])


def test_validate_names_a_bad_outcome_and_a_case_closed_before_it_was_filed(tmp_path):
    from fazhi.graph.store import open_store

    store = tmp_path / "store"
    with open_store(f"oxigraph:{store}") as s:
        ingest(s, [RECONSIDERATION, LITIGATION])
    r = run_fazhi("validate", store=store)
    assert r.returncode == 0 and r.stdout.strip() == "conforms", r.stdout + r.stderr
    with open_store(f"oxigraph:{store}") as s:
        _swap(s, "清府复〔2023〕6号", "outcome", ox.NamedNode("https://w3id.org/fazhi/outcome/quashed"))
        _swap(s, "(2023)江0123行初33号", "closedOn",
              ox.Literal("2023-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    r = run_fazhi("validate", store=store)
    assert r.returncode == 3
    lines = r.stdout.strip().splitlines()
    assert any("case 清府复〔2023〕6号: outcome https://w3id.org/fazhi/outcome/quashed is not in the case-outcome "
               f"scheme ({RECONSIDERATION} line 8)" in ln for ln in lines), lines
    assert any("case (2023)江0123行初33号: closed 2023-01-01 before it was filed 2023-07-17 "
               f"({LITIGATION} line 7)" in ln for ln in lines), lines
    assert len(lines) == 2
