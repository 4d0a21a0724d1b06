"""The named-query catalogue as data: headers parse, columns match the contract, params are bound safely."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.graph.errors import BadParameter, QueryError, QueryNotFound
from fazhi.ontology.vocab import SOURCE_NS
from fazhi.queries import HERE, catalogue, get_query, parse_query_file, run_named

# ../shared/CONTRACT.md: name → parameters, columns in order
CONTRACT = {
    "agencies": ([], "agency, name, kind, level, parent, parent_name, jurisdiction"),
    "documents": ([], "document, title, number, kind, issuer, issuer_name, date"),
    "citations": ([], "citing, citing_title, cited, cited_title, relation"),
    "statistics": ([], "subject, subject_name, metric, value, unit, qualifier, period, report, evidence"),
    "obligations": ([], "obligation, text, bearer, bearer_name, action, limit_value, limit_unit, limit_kind, "
                        "source_document, source_title, evidence"),
    "awards": ([], "recipient, recipient_name, title, conferred_by, conferred_by_name, date, evidence"),
    "units-without-legal-adviser": (["as_of"], "unit, name, kind, parent_name, reason"),
    "obligation-chain": (["document"], "step, from, from_label, relation, to, to_label"),
    "evidence": (["node"], "node, report, start, end, text"),
    "indicators": ([], "indicator, notation, label, unit, statistics"),
    "indicator-values": (["indicator"], "indicator, notation, subject, subject_name, year, value, unit, statistic, "
                                        "evidence"),
    "cases": (["respondent", "case_type"], "case, number, case_type, respondent, respondent_name, filed, closed, "
                                           "outcome, head_appeared, source"),
    "case-outcomes": (["year"], "respondent, respondent_name, case_type, closed, corrected, correction_rate, "
                                "head_appeared_rate"),
    "case-reconciliation": (["year"], "subject, subject_name, case_type, measure, reported, ledger, agrees, evidence"),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_query_exists_with_its_columns_in_order(name, memory_store):
    params, columns = CONTRACT[name]
    q = catalogue()[name]
    assert [p.name for p in q.params] == params
    values = {"node": "http://example.org/x"} if name == "evidence" else {}
    if name == "obligation-chain":
        values = {"document": "http://example.org/doc"}
    res = run_named(memory_store, name, values)
    expected = [c.strip() for c in columns.split(",")]
    assert res.columns[: len(expected)] == expected


def test_every_query_file_parses_and_declares_exactly_the_variables_it_binds():
    for q in catalogue().values():
        body = "\n".join(line for line in q.sparql.splitlines() if not line.startswith("#"))
        used = set(re.findall(r"[?$](\w+)", body))
        for p in q.params:
            assert p.name in used, f"{q.name}: declared parameter {p.name} is not used"
        assert q.title and q.description, f"{q.name}: header needs a title and a description"


def test_a_header_that_does_not_parse_is_an_error(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ title: x\n#+ param: as_of datetime\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="param"):
        parse_query_file(bad)
    bad.write_text("#+ colour: red\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="unknown header key"):
        parse_query_file(bad)


def test_unknown_query_and_bad_parameters(memory_store):
    with pytest.raises(QueryNotFound):
        get_query("no-such-query")
    with pytest.raises(BadParameter, match="not a date"):
        run_named(memory_store, "units-without-legal-adviser", {"as_of": "yesterday"})
    with pytest.raises(BadParameter, match="no parameter"):
        run_named(memory_store, "agencies", {"colour": "red"})
    with pytest.raises(BadParameter, match="needs parameter"):
        run_named(memory_store, "evidence", {})


def test_injection_attempt_stays_a_value(disk_store, examples_dir):
    from fazhi.loaders.ingest import ingest

    ingest(disk_store, [examples_dir])
    before = disk_store.quad_count()
    evil = "x> } ; DROP ALL ; <y"
    with pytest.raises(BadParameter):
        run_named(disk_store, "evidence", {"node": evil})
    with pytest.raises(BadParameter):
        run_named(disk_store, "obligation-chain", {"document": evil})
    assert disk_store.quad_count() == before > 0


def test_query_files_ship_with_the_package():
    assert HERE == Path(get_query("agencies").path).parent
    assert len(list(HERE.glob("*.rq"))) >= len(CONTRACT)


# one row per fact: the columns that identify a query's fact (the rest describe it)
FACT_KEYS = {"agencies": ("agency",), "documents": ("document", "title"), "citations": ("citing", "cited", "relation"),
             "statistics": ("statistic",), "obligations": ("obligation",), "awards": ("award",),
             "units-without-legal-adviser": ("unit",), "report-timeliness": ("report",),
             "obligation-chain": ("step", "from", "relation", "to"), "evidence": ("node", "report", "start", "end"),
             "duty-fulfilment": ("duty", "unit", "report"), "indicators": ("indicator",),
             "indicator-values": ("statistic",), "cases": ("case", "source"),
             "case-outcomes": ("respondent", "case_type", "year_closed"), "case-reconciliation": ("statistic",)}


def test_no_named_query_repeats_a_fact_when_files_share_nodes(tmp_path, disk_store, examples_dir):
    """The same report under two file names, two rosters naming the report's issuer and the same ledgers under
    two file names put the same triples in several named graphs; queries run over their union, and still give
    each fact once (a case listed by two ledgers: once per ledger)."""
    import shutil

    from fazhi.loaders.ingest import ingest

    app = Path(__file__).resolve().parent / "data" / "app"
    copies = tmp_path / "copies"
    copies.mkdir()
    for name in ("a", "b"):
        shutil.copy(app / "nanxi_2022_report.txt", copies / f"nanxi_{name}.txt")
        shutil.copy(examples_dir / "qingyuan_2023_report.txt", copies / f"qingyuan_{name}.txt")
        for ledger in examples_dir.glob("*ledger*.*"):
            shutil.copy(ledger, copies / f"{ledger.stem}_{name}{ledger.suffix}")
    outcomes = ingest(disk_store, [copies, app / "nanxi_units_roster.csv", examples_dir / "qingyuan_units_roster.csv"])
    assert all(o.ok for o in outcomes) and len([g for g in disk_store.graphs() if g.value.startswith(SOURCE_NS)]) == 10
    stat = disk_store.select("SELECT ?s WHERE { ?s a fz:Statistic } LIMIT 1").rows[0][0].value
    params = {"obligation-chain": {"document": "南政文〔2023〕5号"}, "evidence": {"node": stat},
              "units-without-legal-adviser": {"as_of": "2021-06-30"}}
    assert set(FACT_KEYS) == set(catalogue()), "a new named query: say which columns identify its fact"
    for name in sorted(catalogue()):
        res = run_named(disk_store, name, params.get(name, {}))
        rows = res.dicts()
        assert rows, f"{name}: no rows, so the check would prove nothing"
        assert len({tuple(sorted(r.items())) for r in rows}) == len(rows), f"{name} repeats rows"
        keys = [tuple(r[k] for k in FACT_KEYS[name]) for r in rows]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, f"{name} gives a fact more than once: {dupes[:3]}"


def test_documents_title_is_as_printed_with_the_full_title_beside_it(tmp_path, disk_store):
    from fazhi.loaders.ingest import ingest

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("清源县人民政府关于2023年度法治政府建设情况的报告\n"
                 "县政府常务会议专题学习《审计法》《中华人民共和国行政处罚法》。\n", encoding="utf-8")
    b.write_text("安平县人民政府关于2023年度法治政府建设情况的报告\n"
                 "组织学习《中华人民共和国审计法》和《行政处罚法》。\n", encoding="utf-8")
    ingest(disk_store, [a])
    rows = {r["full_title"]: r["title"] for r in run_named(disk_store, "documents", {}).dicts()}
    assert rows["中华人民共和国审计法"] == "审计法"
    assert rows["中华人民共和国行政处罚法"] == "中华人民共和国行政处罚法"
    # one node per law whichever way a report prints it, with a row for each printing
    ingest(disk_store, [b])
    rows = [r for r in run_named(disk_store, "documents", {}).dicts() if r["full_title"].endswith("法")]
    assert sorted((r["full_title"], r["title"]) for r in rows) == [
        ("中华人民共和国审计法", "中华人民共和国审计法"), ("中华人民共和国审计法", "审计法"),
        ("中华人民共和国行政处罚法", "中华人民共和国行政处罚法"), ("中华人民共和国行政处罚法", "行政处罚法")]
    assert len({r["document"] for r in rows}) == 2
