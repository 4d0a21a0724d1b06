"""One node per document whatever the printing: the title key, which of number and title a document is known by,
titles the body's own, the printings kept as labels, titles broken by scraping; and, with the whole shared corpus
in one store, each document cited by several reports is one node."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from fazhi.loaders.extract.docnames import placeless
from fazhi.loaders.facts import document_key
from fazhi.ontology.ids import title_key
from fazhi.loaders.pipeline import read_report

OWN_F = Path(__file__).parent / "data" / "eval_f"


@pytest.mark.parametrize("a, b", [
    ("法治政府建设实施纲要（2021—2025年）", "法治政府建设实施纲要(2021-2025年)"),     # bracket and dash styles
    ("法治政府建设实施纲要(2021-2025年)", "法治政府建设实施纲要(2021—2025)"),        # 年 or not
    ("法治政府建设实施纲要(2021-2025年)", "法治政府建设实施纲要(20212025年)"),       # the dash lost in scraping
    ("法治政府建设实施纲要(2015-2020年)", "法治政府建设实施纲要（２０１５－２０２０年）"),  # full-width digits
    ("法治政府建设实施纲要(2015-2020年)", "法治政府建设实施纲要2015-2020年"),       # brackets lost
    ("示例省法治社会建设实施方案(2021年-2025年)", "示例省法治社会建设实施方案(2021至2025年)"),
    ("中华人民共和国民法典", "民法典"), ("中华人民共和国行政复议法", "行政复议法"),     # 中华人民共和国 or not
    ("关于印发〈示例县实施方案〉的通知", "关于印发<示例县实施方案>的通知"),           # 〈〉 / <> inside 《》
    ("关于印发〈示例县实施方案〉的通知", "关于印发“示例县实施方案”的通知"),
])
def test_printings_of_one_title_share_a_key(a, b):
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize("a, b", [
    ("法治政府建设实施纲要(2015-2020年)", "法治政府建设实施纲要(2021-2025年)"),
    ("示例县2021年法治政府建设工作要点", "示例县2022年法治政府建设工作要点"),
    ("示例县行政执法公示办法", "示例市行政执法公示办法"),
    ("法治政府建设实施纲要(20202019年)", "法治政府建设实施纲要(2019-2020年)"),       # no span runs backwards
])
def test_different_documents_keep_different_keys(a, b):
    assert title_key(a) != title_key(b)


def test_a_plan_printed_with_a_number_is_known_by_its_title_a_notice_by_its_number():
    plan = "示例省法治政府建设实施方案（2016—2020年）"
    assert document_key("示发〔2016〕31号", plan) == document_key("", "示例省法治政府建设实施方案(2016-2020年)")
    assert document_key("示发〔2016〕31号", "示例省委关于印发<方案>的通知") == document_key("示发[2016]31号", "")
    assert document_key("示政〔2021〕5号", "示例省人民政府关于2020年度法治政府建设情况的报告").startswith("n:")
    # a law promulgated by a decree is the law whatever decree number a report prints with it
    assert document_key("国务院令第713号", "重大行政决策程序暂行条例") == document_key("", "重大行政决策程序暂行条例")


@pytest.mark.parametrize("title, own", [
    ("2024年度法治工作要点", True), ("法治政府建设实施方案(2016—2020年)", True), ("法治建设任务清单", True),
    ("2020年法治政府建设年度情况报告", True),
    ("示例县2024年度法治工作要点", False), ("广西法治政府建设实施方案(2021—2025年)", False),
    ("法治政府建设实施纲要(2021—2025年)", False), ("党政主要负责人履行推进法治建设第一责任人职责规定", False),
    ("全国法治政府建设示范创建工作方案", False), ("重大行政决策程序暂行条例", False),
])
def test_plans_and_reports_that_name_no_place_are_the_issuers_own(title, own):
    assert placeless(title) is own


def _docs(raw: str, name="t.txt"):
    return read_report(Path(name), raw=raw).facts.documents


def test_the_same_placeless_plan_title_in_two_places_is_two_documents():
    a = _docs("甲县司法局2024年法治政府建设情况报告\n\n2024年，我局制定《2024年度法治工作要点》，依法行政。\n")
    b = _docs("乙市公安局2024年法治政府建设情况报告\n\n2024年，我局印发《2024年度法治工作要点》，严格执法。\n")
    ka = {d.key() for d in a if d.title == "2024年度法治工作要点"}
    kb = {d.key() for d in b if d.title == "2024年度法治工作要点"}
    assert ka and kb and ka != kb


def test_a_plan_with_a_number_is_issued_by_the_notice_the_number_names():
    docs = _docs("示例县人民政府关于2021年度法治政府建设情况的报告\n\n2021年，我县认真落实《示例市法治政府建设实施方案》"
                 "(示发〔2021〕12号)和《示例市行政执法监督办法》（示政办〔2021〕3号），依法行政。\n")
    by_title = {d.title: d for d in docs}
    plan, rule = by_title["示例市法治政府建设实施方案"], by_title["示例市行政执法监督办法"]
    notice = next(d for d in docs if d.number == "示发〔2021〕12号" and not d.title)
    assert plan.key().startswith("t:") and plan.number == "示发〔2021〕12号" and plan.promulgated_by == notice.key()
    assert rule.promulgated_by == document_key("示政办〔2021〕3号", "")
    assert plan.relation == notice.relation == "implements"


def test_every_printing_in_one_report_is_kept():
    docs = _docs("示例市人民政府关于2023年度法治政府建设情况的报告\n\n对照《法治政府建设实施纲要（２０２１－２０２５年）》推进工作。"
                 "学习《中华人民共和国行政复议法》和《行政复议法实施条例》。\n三、问题\n对标《法治政府建设实施纲要(2021—2025)》"
                 "还有差距。组织《行政复议法》培训。\n")
    outline = [d for d in docs if d.title.startswith("法治政府建设实施纲要")]
    assert len(outline) == 1 and outline[0].printings == ["法治政府建设实施纲要(2021—2025)"]
    law = next(d for d in docs if d.title == "中华人民共和国行政复议法")
    assert law.printings == ["行政复议法"]


@pytest.mark.parametrize("raw, title", [
    # a scraped page's hard line break inside 《》
    ("认真落实《示例市人民政府办公室关于印发示例市2021年法治政府建设工作要点\n的通知》（示政办字〔2021〕9号），推进工作。",
     "示例市人民政府办公室关于印发示例市2021年法治政府建设工作要点的通知"),
    ("依照《中华人民共和国\n行政处罚法》组织培训。", "中华人民共和国行政处罚法"),
])
def test_a_title_broken_over_two_lines_is_one_title(raw, title):
    docs = _docs("示例县人民政府关于2021年度法治政府建设情况的报告\n\n" + raw + "\n")
    assert title in {d.title for d in docs}


@pytest.mark.parametrize("raw, titles", [
    # a 》 lost before the next title of a list
    ("按照《法治政府建设实施纲要(2015-2020年)、《示例省法治政府建设实施方案(2016-2020年)》要求，制定本规划。",
     {"法治政府建设实施纲要(2015-2020年)", "示例省法治政府建设实施方案(2016-2020年)"}),
    ("学习《行政处罚法和《行政许可法》。", {"中华人民共和国行政处罚法", "中华人民共和国行政许可法"}),
])
def test_a_title_whose_closing_mark_was_lost_ends_at_the_next_title(raw, titles):
    docs = _docs("示例县人民政府关于2021年度法治政府建设情况的报告\n\n" + raw + "\n")
    assert titles <= {d.title for d in docs}


@pytest.mark.parametrize("sentence, listed", [
    ("出台实施法治政府重点任务清单，涵盖5方面内容。", True),
    ("印发示例县行政执法责任清单，明确执法职责。", True),
    ("制定法治建设任务清单，明确责任分工和完成时限。", False),     # a step of the work, not an issued document
    ("制定年度工作任务清单，逐项推进落实。", False),
    ("出台法律顾问管理规定，规范顾问履职。", True),                # a rule issued is a document
    ("制定示例县规范性文件管理办法，严格审核。", True),              # a rule drafted: when it names its place
    ("全面依法治县委员会办公室制定年度考评办法，逐项打分。", False),
    ("修订年度考核细则，细化考核指标。", False),
])
def test_an_unbracketed_list_or_rule_is_a_document_when_issued_or_named(sentence, listed):
    docs = _docs("示例县人民政府关于2021年度法治政府建设情况的报告\n\n2021年，" + sentence + "\n")
    assert any(d.title.endswith(("清单", "规定", "办法", "细则")) for d in docs) is listed


# ---- the whole shared corpus (and eval_f, which prints the 纲要 with its dash lost) in one store -------------
def _fold(title: str) -> str:
    """Printings that are one document, independently of fazhi's own key: width, brackets, dashes, marks, 年."""
    s = re.sub(r"[\s《》<>〈〉“”\"()（）\[\]【】〔〕]", "", unicodedata.normalize("NFKC", title))
    s = re.sub(r"[-—–－~至]", "", s).replace("年", "")
    return s.removeprefix("中华人民共和国")


def test_each_document_cited_by_several_reports_is_one_node(tmp_path, corpus_dir):
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest
    from fazhi.queries import run_named

    folders = [corpus_dir, corpus_dir / "dev", corpus_dir / "dev2", OWN_F]
    files = [f for d in folders if d.exists() for f in sorted(d.glob("*.txt"))]
    if len(files) < 40:
        pytest.skip("the shared corpus (seed, dev, dev2) is not all there")
    store = open_store(f"oxigraph:{tmp_path / 'kg'}")
    assert all(o.ok for o in ingest(store, files))
    rows = run_named(store, "documents", {}, limit=10 ** 6).dicts()
    nodes: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        # (a placeless plan or report, 《政府工作报告》, is each issuing body's own: several nodes by design)
        if r["title"] and not placeless(r["title"]):
            nodes[_fold(r["title"])].add(r["document"])
    split = {t: n for t, n in nodes.items() if len(n) > 1}
    assert not split, split
    # the national 纲要 and the provincial plans cited by several reports, in all their printings
    outline21 = {r["document"] for r in rows if re.fullmatch(r"法治政府建设实施纲要\(?2021.{0,2}2025年?\)?", _nfkc(r["title"]))}
    outline15 = {r["document"] for r in rows if re.fullmatch(r"法治政府建设实施纲要\(?2015.{0,2}2020\s*年?\)?", _nfkc(r["title"]))}
    hainan = {r["document"] for r in rows if _fold(r["title"]) == _fold("海南省法治政府建设实施方案(2021-2025年)")}
    assert len(outline21) == len(outline15) == len(hainan) == 1
    printed21 = {_nfkc(r["title"]) for r in rows if r["document"] in outline21}
    assert {"法治政府建设实施纲要(2021—2025)", "法治政府建设实施纲要(20212025年)"} <= printed21


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").replace(" ", "")
