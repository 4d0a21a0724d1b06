"""The agencies and documents extractors end to end on small invented reports (real pipeline, real gazetteer)."""
from __future__ import annotations

from pathlib import Path

from fazhi.ontology.ids import doc_key
from fazhi.loaders.pipeline import read_report

REPORT = """西华县人民政府关于2022年度法治政府建设情况的报告
西政文〔2023〕5号
市政府：
为深入贯彻落实《中共中央、国务院关于印发〈法治政府建设实施纲要（2021－2025年）〉的通知》（中发〔2021〕26号）、《中共河南省委、河南省人民政府关于印发<河南省法治政府建设实施方案（2021—2025年）>的通知》豫发2021 18号，在市委、市政府的领导下，我县扎实推进法治政府建设。
一、主要工作
县司法局会同县市场监管局开展执法检查，县法院、县检察院参加。严格执行国务院《重大行政决策程序暂行条例》，县政府印发《西华县行政规范性文件管理办法》，并出台法律顾问管理规定。各乡镇、县直各单位认真学习《民法典》和《中华人民共和国民法典》，县融媒体中心开设《法治时间》电视栏目。
西华县人民政府
2023年2月20日
"""


def load(text: str, name: str = "r.txt"):
    return read_report(Path(name), raw=text)


def test_report_meta_is_canonical():
    d = load(REPORT)
    m = d.meta
    assert (m.issuer, m.addressee, m.jurisdiction, m.date) == ("西华县人民政府", "周口市人民政府", "西华县", "2023-02-20")
    assert m.number == "西政文〔2023〕5号"


def test_agencies_qualified_and_collectives_left_out():
    names = {a.name for a in load(REPORT).facts.agencies}
    assert {"西华县司法局", "西华县市场监督管理局", "西华县人民法院", "西华县人民检察院", "中共周口市委", "周口市人民政府",
            "国务院", "中共中央", "中共河南省委", "河南省人民政府", "西华县融媒体中心"} <= names
    assert not any(n.startswith(("各", "县直")) for n in names)


def test_agency_evidence_points_at_the_mention():
    d = load(REPORT)
    for a in d.facts.agencies:
        if a.span[1] > a.span[0]:
            assert d.simple[a.span[0]:a.span[1]] == a.mention


def test_documents_numbers_nesting_issuers_and_links():
    d = load(REPORT)
    docs = {x.key(): x for x in d.facts.documents}
    central, provincial = docs[doc_key("中发〔2021〕26号", "")], docs[doc_key("豫发〔2021〕18号", "")]
    assert provincial.number == "豫发〔2021〕18号"          # lost brackets restored
    assert central.issuers == ["中共中央", "国务院"] and provincial.issuers == ["中共河南省委", "河南省人民政府"]
    assert central.relation == provincial.relation == "implements"
    assert central.key() in provincial.implements
    # titles are compared in their normalised form: full-width brackets and dashes folded
    outline = docs[doc_key("", "法治政府建设实施纲要(2021-2025年)")]
    plan = docs[doc_key("", "河南省法治政府建设实施方案(2021—2025年)")]
    assert outline.promulgated_by == central.key() and plan.promulgated_by == provincial.key()
    assert outline.key() in plan.implements
    assert docs[doc_key("", "重大行政决策程序暂行条例")].issuers == ["国务院"]
    assert docs[doc_key("", "西华县行政规范性文件管理办法")].issuers == ["西华县人民政府"]
    assert doc_key("", "法律顾问管理规定") in docs                 # unbracketed, after 出台
    assert doc_key("", "法治时间") not in docs                    # a TV column, not a document
    assert [x.title for x in d.facts.documents].count("中华人民共和国民法典") == 1   # short title resolved, deduped
    assert doc_key("西政文〔2023〕5号", "") not in docs            # the report itself is emitted as the report


def test_traditional_titles_kept_as_printed():
    trad = "浙江省司法廳關於2023年度法治政府建設情況的報告\n省委、省政府：\n認真執行《中華人民共和國行政復議法》。\n浙江省司法廳\n2024年3月20日\n"
    d = load(trad)
    assert d.meta.title.startswith("浙江省司法廳")
    assert [x.title for x in d.facts.documents] == ["中華人民共和國行政復議法"]
    assert d.meta.issuer == "浙江省司法厅"


def test_resolve_hook_for_later_extractors():
    d = load(REPORT)
    assert d.resolve("县司法局") == "西华县司法局"
    assert d.resolve("各乡镇") == ""


STREET = """成都市武侯区人民政府玉林街道办事处2022年法治政府建设年度报告
2022年，玉林街道在区委、区政府的领导和区司法局的指导下，认真落实《成都市法治政府建设实施方案（2021—2025年）》（成委发〔2021〕15号）。
街道党工委会议研究法治工作5次。街道综合行政执法队、玉林司法所密切配合。玉林北路社区、黉门街社区人民调解委员会共调处纠纷86件。
各社区、辖区各单位积极参与。与四川致高律师事务所签订法律顾问协议。
成都市武侯区人民政府玉林街道办事处
2023年2月8日
"""


def test_street_report_bodies():
    d = load(STREET)
    assert d.meta.issuer == "成都市武侯区玉林街道办事处" and d.meta.jurisdiction == "成都市武侯区玉林街道"
    names = {a.name for a in d.facts.agencies}
    assert {"中共成都市武侯区委", "成都市武侯区人民政府", "成都市武侯区司法局", "中共成都市武侯区玉林街道工作委员会",
            "成都市武侯区玉林街道综合行政执法队", "成都市武侯区司法局玉林司法所", "四川致高律师事务所",
            "成都市武侯区玉林街道玉林北路社区人民调解委员会", "成都市武侯区玉林街道黉门街社区人民调解委员会"} <= names
    assert "成都市武侯区人民政府玉林街道办事处" not in names
    parents = {a.name: a.parent for a in d.facts.agencies}
    assert parents["成都市武侯区司法局玉林司法所"] == "成都市武侯区司法局"
    assert {x.number for x in d.facts.documents} == {"成委发〔2021〕15号"}


def test_numbers_cited_alone_and_short_names_in_brackets():
    d = load("某县人民政府关于2021年法治政府建设情况的报告\n文号：某政文〔2022〕1号\n根据豫政〔2020〕3号文件精神，贯彻《中共中央 国务院关于加强"
             "法治建设的意见》（以下简称《意见》）（中发〔2019〕1号）。\n某县人民政府\n2022年1月5日")
    got = {(x.title, x.number) for x in d.facts.documents}
    assert got == {("中共中央国务院关于加强法治建设的意见", "中发〔2019〕1号"), ("", "豫政〔2020〕3号")}
    by_number = {x.number: x for x in d.facts.documents}
    assert by_number["中发〔2019〕1号"].issuers == ["中共中央", "国务院"]
    assert by_number["豫政〔2020〕3号"].relation == "implements"


def test_issuer_from_a_title_that_opens_with_its_place():
    d = load("首页\n上蔡县2022年法治政府建设年度报告\n2022年，我县坚持依法行政。县司法局开展工作。\n")
    assert (d.meta.issuer, d.meta.jurisdiction) == ("上蔡县人民政府", "上蔡县")
    assert {a.name for a in d.facts.agencies} == {"上蔡县人民政府", "上蔡县司法局"}


def test_issue_dates_of_cited_documents_as_precise_as_the_text():
    doc = load("清源县人民政府关于2023年度法治政府建设情况的报告\n"
               "2021年8月,中共中央、国务院印发《法治政府建设实施纲要(2021－2025年)》。"
               "2022年3月15日,县政府制定出台《清源县重大行政决策程序规定》和《清源县行政规范性文件管理办法》。"
               "2023年,县司法局认真贯彻落实《中华人民共和国行政处罚法》。\n")
    dates = {d.title: d.date for d in doc.facts.documents}
    assert dates["法治政府建设实施纲要(2021-2025年)"] == "2021-08"
    assert dates["清源县重大行政决策程序规定"] == dates["清源县行政规范性文件管理办法"] == "2022-03-15"
    assert dates["中华人民共和国行政处罚法"] == ""       # carried out that year, not issued


def test_offices_housed_in_the_body_the_text_names(tmp_path, disk_store):
    from fazhi.loaders.ingest import ingest
    from fazhi.queries import run_named

    report = tmp_path / "r.txt"
    report.write_text("清源县人民政府关于2023年度法治政府建设情况的报告\n"
                      "县政府成立法治政府建设领导小组,领导小组办公室设在县司法局,负责日常工作。"
                      "县普法依法治理领导小组办公室挂靠县司法局。县司法局会同县市场监管局开展检查。\n", encoding="utf-8")
    ingest(disk_store, [report])
    rows = {r["name"]: r for r in run_named(disk_store, "agencies", {}).dicts()}
    office = rows["清源县法治政府建设领导小组办公室"]
    assert (office["parent_name"], office["housed_in_name"]) == ("清源县法治政府建设领导小组", "清源县司法局")
    assert rows["清源县普法依法治理领导小组办公室"]["housed_in_name"] == "清源县司法局"
    assert rows["清源县市场监督管理局"]["housed_in"] == ""      # 会同 is working together, not housing
