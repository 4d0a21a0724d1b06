"""Everything the app shows has its words in Chinese and English: every named query's title, description,
parameters and columns; every code the data holds (agency kinds, levels, relations...); every class; every
interface text the pages ask for. A query, code or class added without its labels fails here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_fazhi

from fazhi.app.i18n import TEXT
from fazhi.ontology.labels import class_label, code_labels, code_text, term_labels
from fazhi.queries import PARAM_TYPES, QueryError, catalogue, parse_query_file
from fazhi.queries.labels import column_label, shared_columns

CJK = re.compile(r"[\u4e00-\u9fff]")
APP = Path(__file__).resolve().parent.parent / "app"
# a value that is a code (party, provincial, not reported, expired 2023-06-30, lead;bearer), not data
CODE = re.compile(r"[a-z][a-z_ -]*(?: (?:19|20)\d{2}(?:-\d{2}){0,2})?(?:;[a-z][a-z_ -]*)*")


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_named_query_speaks_both_languages(name):
    q = catalogue()[name]
    zh, en = q.title_in("zh"), q.title_in("en")
    assert CJK.search(zh) and en and not CJK.search(en), (zh, en)
    assert CJK.search(q.description_in("zh")), f"{name}: add '#+ description_zh:'"
    assert q.description_in("en") and not CJK.search(q.description_in("en")[:40])
    for col in q.columns():
        zh, en = column_label(col, "zh", q.column_labels), column_label(col, "en", q.column_labels)
        assert zh and en, f"{name}: column {col} has no label (queries/columns.tsv or '#+ column:')"
        assert CJK.search(zh) and not CJK.search(en), (col, zh, en)
    for p in q.params:
        assert column_label(p.name, "zh", q.column_labels), f"{name}: parameter {p.name} has no label"
        if p.description:
            assert CJK.search(q.param_help(p, "zh")), f"{name}: add '#+ param_zh: {p.name} ...'"


def test_query_columns_are_read_from_the_select_clause():
    q = catalogue()["obligation-chain"]  # (?from was once taken for a FROM clause)
    assert q.columns()[:6] == ["step", "from", "from_label", "relation", "to", "to_label"]
    assert catalogue()["agencies"].columns()[:7] == ["agency", "name", "kind", "level", "parent", "parent_name",
                                                     "jurisdiction"]


@pytest.mark.parametrize("line, message", [
    ("#+ column: kind 类型", "column needs"),
    ("#+ param_zh: nothing 没有这个参数", "undeclared parameter"),
    ("#+ description_fr: non", "unknown header key"),
])
def test_header_stays_strict(tmp_path, line, message):
    p = tmp_path / "q.rq"
    p.write_text(f"#+ title: 问 / Q\n{line}\nSELECT ?x WHERE {{ ?x ?p ?o }}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        parse_query_file(p)


def test_header_lines_of_one_key_are_joined_without_spaces_in_chinese(tmp_path):
    p = tmp_path / "q.rq"
    p.write_text("#+ title: 问 / Q\n#+ title_en: A question\n#+ description_zh: 第一行\n#+ description_zh: 第二行\n"
                 "#+ column: x 甲 / The x\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    q = parse_query_file(p)
    assert q.description_in("zh") == "第一行第二行" and q.title_in("en") == "A question" and q.title_in("zh") == "问"
    assert column_label("x", "en", q.column_labels) == "The x" and column_label("x", "zh", q.column_labels) == "甲"


def test_the_cli_still_lists_the_queries():
    r = run_fazhi("queries")
    assert r.returncode == 0 and "agencies\t机构 / Agencies\t–" in r.stdout


def test_shared_column_labels_and_codes_are_complete_pairs():
    for col, (zh, en) in shared_columns().items():
        assert CJK.search(zh) and not CJK.search(en), col
    for code, labels in code_labels().items():
        assert CJK.search(labels["zh"]) and not CJK.search(labels["en"]), code


def test_every_class_of_the_ontology_has_both_labels():
    from fazhi.ontology.kinds import CLASS_ORDER
    from fazhi.ontology.vocab import FZ_NS

    classes = [iri for iri in term_labels() if iri.startswith(FZ_NS) and iri[len(FZ_NS)].isupper()]
    assert len(classes) >= 20
    for iri in classes:
        assert term_labels()[iri].keys() >= {"zh", "en"}, iri
    for name in (*CLASS_ORDER, "CollectiveUnit", "Case"):
        assert class_label(name, "zh") and class_label(name, "en"), name


def test_every_interface_text_the_app_asks_for_exists():
    """The keys of t("...") / tr("...") in app/*.py, and those built from data (parameter types, pages)."""
    used = set()
    for path in APP.glob("*.py"):
        used |= set(re.findall(r"""\bt(?:r)?\(\s*["']([a-z_]+)["']\s*[,)]""", path.read_text(encoding="utf-8")))
    used |= {f"type_{t}" for t in PARAM_TYPES} | {"ask", "sparql", "graph", "evidence", "reports", "ingest",
                                                   "neighbourhood", "chain", "group_duties", "group_explore"}
    assert len(used) > 60  # (the search finds the keys: the test can fail)
    missing = sorted(k for k in used if k not in TEXT)
    assert not missing
    for key, (zh, en) in TEXT.items():
        assert zh and en, key


def codes_shown(store: Path) -> dict[str, set[str]]:
    """Every value that looks like a code in the results of every named query on ``store`` (by query)."""
    from fazhi.graph.store import open_store
    from fazhi.queries import run_named

    params = {"obligation-chain": None, "evidence": None}  # need a node; their codes are covered by the others
    out: dict[str, set[str]] = {}
    with open_store(f"oxigraph:{store}", read_only=True) as s:
        for name, q in catalogue().items():
            if name in params or any(p.required for p in q.params):
                continue
            for row in run_named(s, name, limit=100_000).rows:
                for term in row:
                    v = getattr(term, "value", "")
                    if v and not v.startswith("http") and CODE.fullmatch(v):
                        out.setdefault(name, set()).add(v)
    return out


def assert_all_labelled(found: dict[str, set[str]]) -> None:
    untranslated = {name: sorted(v for v in vals if code_text(v, "zh") == v) for name, vals in found.items()}
    assert not {k: v for k, v in untranslated.items() if v}, "declare these codes in ontology/codes.ttl"


def test_every_code_in_the_examples_and_the_app_data_has_labels(tmp_path, app_store):
    store = tmp_path / "store"
    assert run_fazhi("ingest", EXAMPLES, store=store).returncode == 0
    found = codes_shown(store)
    assert {"party", "county", "exact"} <= {v for vals in found.values() for v in vals}  # the test can fail
    assert_all_labelled(found)
    assert_all_labelled(codes_shown(Path(app_store.split(":", 1)[1])))


@pytest.mark.slow
def test_every_code_in_the_shared_corpus_has_labels(corpus_store):
    assert_all_labelled(codes_shown(corpus_store))
