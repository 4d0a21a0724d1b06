"""Roster CSV loading and the `units-without-legal-adviser` query, on rosters written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.graph.errors import LoadError
from fazhi.ontology.ids import agency_iri
from fazhi.loaders.ingest import ingest
from fazhi.loaders.roster import read_roster_rows
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data"
GAPS = DATA / "roster_gaps.csv"
VARIANTS = [GAPS, DATA / "roster_gaps_gbk_english.csv", DATA / "roster_gaps_bom.csv"]

# (as_of, {unit name: reason}) for roster_gaps.csv — see tests/data/README.md for the roster's story
EXPECTED = {
    "2020-09-30": {"示例县人民法院": "none recorded", "示例县公安局": "none recorded",
                   "示例县教育局": "expired 2020-06-30"},
    "2021-06-30": {"示例县人民法院": "none recorded", "示例县公安局": "none recorded",
                   "示例县城关镇人民政府": "expired 2020-12-31"},
    "2023-06-30": {"示例县人民法院": "none recorded", "示例县公安局": "none recorded",
                   "示例县城关镇人民政府": "expired 2020-12-31", "示例县司法局": "expired 2022-12-31"},
}


def lacking(store, as_of: str | None = None) -> dict[str, str]:
    res = run_named(store, "units-without-legal-adviser", {"as_of": as_of} if as_of else {})
    assert res.columns[:5] == ["unit", "name", "kind", "parent_name", "reason"]
    rows = [dict(zip(res.columns, (getattr(v, "value", v) for v in r))) for r in res.rows]
    return {r["name"]: r["reason"] for r in rows}


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.name)
def test_units_without_adviser_at_three_dates(disk_store, path):
    [o] = ingest(disk_store, [path])
    assert o.ok, o.error
    for as_of, expected in EXPECTED.items():
        assert lacking(disk_store, as_of) == expected, as_of


def test_variants_read_the_same_rows():
    def norm(rows):
        return sorted((r["name"], r.get("kind"), r.get("parent"), r.get("legal_adviser"), r.get("adviser_from"),
                       r.get("adviser_until"), tuple(sorted(r["_extra"].items()))) for r in rows)

    base, extra = read_roster_rows(GAPS)
    assert extra == ["联系人"]
    assert ("示例县司法局", "县直部门", "示例县人民政府", "示例律师事务所,张某", "2020-01-01", "2022-12-31",
            (("联系人", "王某"),)) in norm(base)          # the quoted comma stays inside the field
    for other in VARIANTS[1:]:
        rows, _ = read_roster_rows(other)
        assert [(r["name"], r.get("legal_adviser"), r.get("adviser_until")) for r in rows] == \
            [(r["name"], r.get("legal_adviser"), r.get("adviser_until")) for r in base]


def test_roster_kind_parent_and_extra_columns(disk_store):
    ingest(disk_store, [GAPS])
    res = run_named(disk_store, "units-without-legal-adviser", {"as_of": "2021-06-30"})
    row = {r["name"]: r for r in (dict(zip(res.columns, (getattr(v, "value", v) or "" for v in x)))
                                  for x in res.rows)}
    assert row["示例县公安局"]["kind"] == "县直部门"
    assert row["示例县公安局"]["parent_name"] == "示例县人民政府"
    assert row["示例县人民法院"]["parent_name"] == ""
    ask = disk_store.ask('ASK { ?u <https://w3id.org/fazhi/ontology#extraProperty> "联系人=王某" }')
    assert ask


def test_reingest_replaces(disk_store):
    ingest(disk_store, [GAPS])
    n = disk_store.quad_count()
    ingest(disk_store, [GAPS])
    assert disk_store.quad_count() == n


def test_default_as_of_is_today(disk_store):
    ingest(disk_store, [GAPS])
    import datetime as dt

    assert lacking(disk_store) == lacking(disk_store, dt.date.today().isoformat())


def test_clean_roster_lacks_nobody(disk_store):
    ingest(disk_store, [DATA / "roster_clean.csv"])
    assert lacking(disk_store, "2021-06-30") == {}
    assert lacking(disk_store, "2019-01-01") == {"示例市司法局": "none recorded", "示例市人民政府": "none recorded"}


def test_roster_without_name_column_names_the_file():
    with pytest.raises(LoadError) as e:
        read_roster_rows(DATA / "roster_no_name.csv")
    assert e.value.path.endswith("roster_no_name.csv") and "name" in e.value.reason


def test_bad_date_gives_line_number():
    with pytest.raises(LoadError, match=r"line 3: adviser_from '2020-13-01'"):
        read_roster_rows(DATA / "roster_bad_date.csv")


def test_cli_errors_one_line_exit_1(tmp_path):
    from conftest import run_fazhi

    for name in ("roster_no_name.csv", "roster_bad_date.csv"):
        p = run_fazhi("ingest", DATA / name, store=tmp_path / "s")
        assert p.returncode == 1
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {DATA / name}: "), p.stderr
        assert "Traceback" not in p.stderr


def test_other_encodings_and_delimiters(tmp_path):
    p = tmp_path / "tabbed.csv"
    p.write_bytes("单位名称\t法律顾问\t聘期结束\n甲镇人民政府\t张某\t2021年6月30日\n".encode("gb18030"))
    rows, _ = read_roster_rows(p)
    assert rows[0]["name"] == "甲镇人民政府" and rows[0]["adviser_until"] == "2021-06-30"


def test_roster_unit_is_the_report_agency(disk_store, seed_report):
    """A roster's 上蔡县人民政府 / 上蔡县司法局 are the nodes that 上蔡县's report names (县司法局 resolved)."""
    from fazhi.loaders.pipeline import read_report

    ingest(disk_store, [seed_report, DATA / "roster_shangcai.csv"])
    joined = disk_store.select("""SELECT DISTINCT ?u ?quote WHERE {
        ?u a fz:RosterUnit ; fz:evidence ?ev . ?ev oa:hasSource ?report ; oa:hasSelector/oa:exact ?quote .
        ?report a fz:Report }""")
    units = {r[0].value for r in joined.rows}
    assert agency_iri("上蔡县人民政府").value in units       # the report's issuer, with its evidence
    res = run_named(disk_store, "units-without-legal-adviser", {"as_of": "2021-06-30"})
    assert {r[1].value for r in res.rows} == {"上蔡县司法局", "上蔡县公安局"}
    doc = read_report(seed_report)
    assert agency_iri(doc.resolve("县司法局")) == agency_iri("上蔡县司法局")
    assert agency_iri("上蔡县公安局").value in units


def test_spreadsheet_dates_and_none_markers(disk_store, tmp_path):
    p = tmp_path / "excel.csv"
    p.write_text("单位名称,法律顾问,聘期开始,聘期结束\n甲镇人民政府,无,,\n乙镇人民政府,张某,2020/1/1 0:00:00,"
                 "2021/6/30 0:00:00\n丙镇人民政府,-,,\n", encoding="utf-8")
    [o] = ingest(disk_store, [p])
    assert o.ok, o.error
    assert lacking(disk_store, "2021-07-01") == {"甲镇人民政府": "none recorded", "丙镇人民政府": "none recorded",
                                                 "乙镇人民政府": "expired 2021-06-30"}
    assert lacking(disk_store, "2021-06-30") == {"甲镇人民政府": "none recorded", "丙镇人民政府": "none recorded"}
