"""What the named queries read precomputed instead of grouping the whole store: a duty's bearers joined at
extraction (obligations), the passage of each statistic, duty and award (written with the fact), each linked
document's one title (citations) and the duty assignments (duty-fulfilment) in derived graphs. The
precomputed values (and the rows of the agencies and documents tables) equal the whole-store computation and follow re-ingests and additions, so no stale value
survives a changed file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES

from fazhi.loaders.derived import DERIVED_STATE_GRAPH
from fazhi.loaders.derived.fulfilment import FULFILMENT_GRAPH
from fazhi.loaders.derived.rows import JOINED, ROWS_GRAPH, TABLES, table_rows
from fazhi.loaders.derived.titles import TITLES_GRAPH
from fazhi.loaders.ingest import ingest
from fazhi.ontology.vocab import FZ
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data"
AGENCY = "https://w3id.org/fazhi/id/agency/"
# the examples, the app's reports and roster, a plan with its units' reports, two eval sets and the shared corpus
MANY = [EXAMPLES, *(DATA / "app" / f for f in ("nanxi_2022_report.txt", "beiling_2021_report.txt",
                                               "nanxi_units_roster.csv")),
        DATA / "chain_fulfil", DATA / "eval_b", DATA / "eval_d", *([CORPUS] if CORPUS.exists() else [])]


@pytest.fixture
def many(ingested):
    """A store of many files of every kind (ingested once per run, shared with test_chains), read-only."""
    from fazhi.graph.store import open_store

    with open_store(f"oxigraph:{ingested('many', MANY)}", read_only=True) as s:
        yield s


def test_obligation_bearers_are_the_stores_bearers_in_the_texts_order(many):
    # the whole-store computation the query used to make before its first row
    # (joined with a character no name holds: a name may hold "|", as 标题|金昌市人民政府 in a damaged table)
    whole = many.select("""SELECT ?o (GROUP_CONCAT(DISTINCT STR(?b); separator="\\u001F") AS ?bs)
                                        (GROUP_CONCAT(DISTINCT ?n; separator="\\u001F") AS ?ns) WHERE {
        ?o fz:bearer ?b OPTIONAL { ?b skos:prefLabel ?n } } GROUP BY ?o""", limit=10**6).rows
    want = {o.value: (set(bs.value.split("\x1f")), set(ns.value.split("\x1f"))) for o, bs, ns in whole}
    rows = run_named(many, "obligations", {}).dicts()
    got = {r["obligation"]: (set(r["bearer"].split(";")), set(r["bearer_name"].split(";")))
           for r in rows if r["bearer"]}
    assert len(got) >= 10 and got == want


def test_award_names_and_conferrers_are_the_stores_in_the_texts_order(many):
    # the whole-store computation the query used to make before its first row
    whole = many.select("""SELECT ?a (SAMPLE(?rn) AS ?r) (GROUP_CONCAT(DISTINCT STR(?c); separator="|") AS ?cs)
                                        (GROUP_CONCAT(DISTINCT ?cn; separator="|") AS ?ns) WHERE {
        ?a a fz:Award OPTIONAL { ?a fz:recipient/skos:prefLabel ?rn }
        OPTIONAL { ?a fz:conferredBy ?c OPTIONAL { ?c skos:prefLabel ?cn } } } GROUP BY ?a""", limit=10**6).rows
    split = lambda v: set(v.value.split("|")) - {""} if v is not None else set()  # noqa: E731
    want = {a.value: (r.value if r is not None else "", split(cs), split(ns)) for a, r, cs, ns in whole}
    rows = run_named(many, "awards", {}).dicts()
    got = {r["award"]: (r["recipient_name"], set(r["conferred_by"].split(";")) - {""},
                        set(r["conferred_by_name"].split(";")) - {""}) for r in rows}
    assert len(got) >= 5 and sum(1 for v in got.values() if v[1]) >= 3
    assert got == want


def test_table_passages_are_the_evidence_quotes(many):
    """The passage the statistics, obligations and awards tables show (fz:evidenceText, written with the fact)
    is the quote its evidence node holds, for every such fact."""
    rows = many.select("""SELECT ?kind ?f ?quote ?written WHERE {
        VALUES ?kind { fz:Statistic fz:Obligation fz:Award }
        ?f a ?kind ; fz:evidence/oa:hasSelector/oa:exact ?quote OPTIONAL { ?f fz:evidenceText ?written } }""",
                             limit=10**6).rows
    kinds = {k.value.rsplit("#", 1)[-1] for k, *_ in rows}
    assert kinds == {"Statistic", "Obligation", "Award"} and len(rows) >= 100
    assert [(f.value, q.value) for _, f, q, w in rows if w != q] == []
    for name in ("statistics", "obligations", "awards"):
        table = run_named(many, name, {}).dicts()
        assert table and all(r["evidence"] for r in table), name


def table(store, name: str) -> list[str]:
    return sorted(map(str, run_named(store, name, {}).rows))


def whole(store, name: str) -> list[str]:
    """The table computed over the whole store, as the named query did before its rows were precomputed."""
    return sorted(map(str, table_rows(store, next(t for t in TABLES if t.name == name)).rows))


@pytest.mark.parametrize("name", ["agencies", "documents"])
def test_table_rows_are_the_whole_store_computation(many, name):
    got = table(many, name)
    assert len(got) >= 50 and got == whole(many, name)
    res = run_named(many, name, {})
    rows = [dict(zip(res.columns, r)) for r in res.rows]
    # joined cells ("" where nothing is joined) and cells a document may lack (unbound) both come through
    joined = "parent" if name == "agencies" else "issuer"
    assert any(r[joined].value == "" for r in rows) and any(r[joined].value for r in rows)
    assert any(";" in r[c].value for r in rows for c in JOINED if c in r)  # (several values: the parts sorted)
    if name == "documents":
        assert any(r["number"] is None for r in rows) and any(r["title"] is None for r in rows)


def test_table_rows_follow_reingests(tmp_path, disk_store):
    """A report renamed, re-dated and re-issued: its rows (and its issuer's) change with it, nothing stale."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲县人民政府关于2022年度法治政府建设情况的报告\n甲县司法局负责法治督察工作。\n"
                 "贯彻落实《示例省法治政府建设实施方案》(示政〔2020〕3号)。\n甲县人民政府\n2023年3月1日\n",
                 encoding="utf-8")
    b.write_text("乙县人民政府关于2022年度法治政府建设情况的报告\n贯彻落实《示例省法治建设实施方案》(示政〔2020〕3号)。\n",
                 encoding="utf-8")
    for files in ([a], [b]):
        assert all(o.ok for o in ingest(disk_store, files))
        for name in ("agencies", "documents"):
            assert table(disk_store, name) == whole(disk_store, name), name
    before = run_named(disk_store, "documents", {}).dicts()
    a.write_text(a.read_text(encoding="utf-8").replace("甲县", "丙县").replace("3月1日", "4月2日"), encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [a]))
    for name in ("agencies", "documents"):
        assert table(disk_store, name) == whole(disk_store, name), name
    after = run_named(disk_store, "documents", {}).dicts()
    assert before != after and not any("甲县" in (r["label"] or "") for r in after)
    assert any("丙县" in (r["label"] or "") for r in after)
    assert not any("甲县" in r["name"] for r in run_named(disk_store, "agencies", {}).dicts())


def test_a_store_from_before_the_rows_gets_them_from_its_next_ingest(tmp_path, disk_store):
    """A store whose derived graphs were finished before the rows graph existed (its state names fewer graphs):
    the next `fazhi ingest`, its files unchanged, computes every derived graph whole."""
    from pyoxigraph import Literal, Triple

    from fazhi.ontology.vocab import RDFS

    f = tmp_path / "a.txt"
    f.write_text("甲县人民政府关于2022年度法治政府建设情况的报告\n甲县司法局负责法治督察工作。\n", encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [f]))
    want = table(disk_store, "agencies")
    disk_store.remove_graph(ROWS_GRAPH)
    disk_store.replace_graph(DERIVED_STATE_GRAPH, [Triple(DERIVED_STATE_GRAPH, RDFS.comment, Literal(
        "the derived graphs reflect every source graph"))])   # (the marker written before)
    assert table(disk_store, "agencies") == []
    assert [o.ok for o in ingest(disk_store, [f])] == [True]
    assert want and table(disk_store, "agencies") == want


def test_bearer_lists_keep_the_order_the_text_names_the_bearers_in():
    from pyoxigraph import Literal, NamedNode

    from fazhi.loaders.emitter import Emitter
    from fazhi.loaders.rowvalues import add_bearer_lists

    em = Emitter(NamedNode("https://w3id.org/fazhi/id/doc/r"), "")
    duty, other = NamedNode("https://w3id.org/fazhi/id/fact/x/duty/1"), NamedNode("https://w3id.org/fazhi/id/fact/x/duty/2")
    for name in ("示例市司法局", "各乡镇人民政府", "示例市财政局", "示例市司法局"):
        em.add(duty, FZ.bearer, em.unit(name))
    em.add(other, FZ.leadUnit, em.unit("示例市财政局"))
    add_bearer_lists(em)
    got = {(t.subject, t.predicate): t.object for t in em.triples if t.predicate in (FZ.bearerList, FZ.bearerNameList)}
    assert got == {(duty, FZ.bearerNameList): Literal("示例市司法局;各乡镇人民政府;示例市财政局"),
                   (duty, FZ.bearerList): Literal(";".join([AGENCY + "示例市司法局",
                                                            "https://w3id.org/fazhi/id/collective/各乡镇人民政府",
                                                            AGENCY + "示例市财政局"]))}


def cited(store) -> dict[str, str]:
    return {r["cited"]: r["cited_title"] for r in run_named(store, "citations", {}).dicts()}


def test_citation_titles_are_the_smallest_label_and_follow_reingests(tmp_path, disk_store):
    # a notice owns its number (a plan printed with a number is known by its title: see facts.document_key)
    law = "https://w3id.org/fazhi/id/docno/示政〔2020〕3号"
    first, second, third = (f"示例省人民政府关于印发{p}实施方案的通知" for p in ("法治政府建设", "法治建设", "依法行政"))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲县人民政府关于2022年度法治政府建设情况的报告\n"
                 f"贯彻落实《{first}》(示政〔2020〕3号)。\n", encoding="utf-8")
    b.write_text("乙县人民政府关于2022年度法治政府建设情况的报告\n"
                 f"贯彻落实《{second}》(示政〔2020〕3号)。\n", encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [a]))
    assert cited(disk_store)[law] == first
    assert all(o.ok for o in ingest(disk_store, [b]))
    # two wordings of one numbered document: the smallest, whichever file came first
    assert cited(disk_store)[law] == min(first, second)
    b.write_text(b.read_text(encoding="utf-8").replace(second, third), encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [b]))
    assert cited(disk_store)[law] == min(first, third)
    # the titles graph holds one title per linked document, nothing stale
    titles = [q for q in disk_store.quads(TITLES_GRAPH) if q.subject.value == law]
    assert len(titles) == 1 and titles[0].predicate == FZ.canonicalTitle
    for f in (a, b):
        f.write_text(f.read_text(encoding="utf-8").split("\n")[0] + "\n无引用。\n", encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [a, b]))
    assert law not in cited(disk_store) and not list(disk_store.quads(TITLES_GRAPH))


def missing(store) -> list[tuple[str, str, str]]:
    rows = run_named(store, "duty-fulfilment", {"show": "missing"}).dicts()
    return sorted((r["unit"].removeprefix(AGENCY), r["role"], r["report"].rsplit("/", 1)[-1]) for r in rows)


def test_duty_assignments_follow_reingests_of_the_plan_and_the_units_report(tmp_path, disk_store):
    src = tmp_path / "in"
    shutil.copytree(DATA / "chain_fulfil", src)
    assert all(o.ok for o in ingest(disk_store, [src]))
    ecology = "示市环〔2023〕4号"
    assert missing(disk_store) == [("示例市生态环境局", "lead", ecology)]
    # the bureau's report no longer says it carries out the plan: the row stays, without a report
    report = src / "4_ecology_report.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("(示市政办〔2022〕8号)", "")
                      .replace("《示例市人民政府办公室关于印发示例市2022年法治政府建设工作方案的通知》", "市里的方案"),
                      encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [report]))
    assert missing(disk_store) == [("示例市生态环境局", "lead", "")]
    # the plan now gives that task to the justice bureau: the ecology bureau's assignment goes
    plan = src / "2_city_plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("〔牵头单位：市生态环境局〕", "〔牵头单位：市司法局〕"),
                    encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [plan]))
    # (an assignment is written with the file that makes it: it goes with that file's old graph)
    units = {q.object.value for q in disk_store.quads() if q.predicate == FZ.assignee}
    assert AGENCY + "示例市生态环境局" not in units and AGENCY + "示例市司法局" in units
    assert ("示例市生态环境局", "lead", "") not in missing(disk_store)


def derived(store) -> dict[str, set]:
    return {g.value: {str(q.triple) for q in store.quads(g)} for g in (FULFILMENT_GRAPH, TITLES_GRAPH, ROWS_GRAPH)}


def test_files_added_to_a_store_give_the_derived_graphs_of_one_run(tmp_path, monkeypatch):
    """A run that only adds files updates the derived graphs for what they touch; the result is what one run
    over all the files computes whole, whichever files come first (the plan before its units' reports or
    after), and a run killed before its derived step makes the next run recompute them whole."""
    from fazhi.graph.store import open_store
    from fazhi.loaders import derived as derived_module

    files = sorted((DATA / "chain_fulfil").iterdir()) + sorted((DATA / "chain").iterdir())
    with open_store(f"oxigraph:{tmp_path / 'one'}") as s:
        assert all(o.ok for o in ingest(s, files))
        want = derived(s)
    assert len(want[FULFILMENT_GRAPH.value]) >= 10 and want[TITLES_GRAPH.value] and want[ROWS_GRAPH.value]
    seen = []
    real = derived_module.link_fulfilment
    monkeypatch.setattr(derived_module, "link_fulfilment", lambda store, added=None: seen.append(added) or
                        real(store, added))
    for name, order in (("plan_first", files), ("reports_first", files[::-1])):
        with open_store(f"oxigraph:{tmp_path / name}") as s:
            for f in order:
                assert all(o.ok for o in ingest(s, [f]))
            assert derived(s) == want, name
    # every run after the first took the incremental path
    assert sum(a is not None for a in seen) == 2 * (len(files) - 1)
    # a killed run: its files are in, its derived step never ran, and it had removed the state graph first
    with open_store(f"oxigraph:{tmp_path / 'killed'}") as s:
        assert all(o.ok for o in ingest(s, files[:5]))
        for g in (DERIVED_STATE_GRAPH, TITLES_GRAPH, FULFILMENT_GRAPH, ROWS_GRAPH):
            s.remove_graph(g)
        # a run in between whose only file fails writes nothing and must not call the derived graphs finished
        bad = tmp_path / "broken.pdf"
        bad.write_bytes(b"%PDF-1.4 not really")
        assert [o.ok for o in ingest(s, [bad])] == [False]
        assert all(o.ok for o in ingest(s, files[5:]))  # (fewer than the store holds: not a first load)
        assert derived(s) == want
