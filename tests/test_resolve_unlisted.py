"""``doc.resolve`` and the agencies of reports whose places the division dataset does not list (invented
counties, new districts, reports that never name their own district): names are qualified with the place the
report itself writes, kept as written when nothing qualifies them, and '' only for collective phrases."""
from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report


def read(raw: str):
    return read_report(Path("invented.txt"), raw=raw)


@pytest.fixture(scope="module")
def invented():
    # an invented county (示范县) under an invented city (样板市) in an invented province (北江省)
    return read("示范县人民政府关于2022年度法治政府建设情况的报告\n\n样板市人民政府:\n\n"
                "2022年,我县贯彻落实《北江省法治政府建设实施方案》,县法院、县司法局协同推进。"
                "县司法局被北江省司法厅评为先进单位。\n\n示范县人民政府\n2023年3月1日")


@pytest.mark.parametrize("mention,name", [
    ("县法院", "示范县人民法院"), ("县司法局", "示范县司法局"), ("县委编办", "中共示范县委机构编制委员会办公室"),
    ("市政府", "样板市人民政府"), ("市委", "中共样板市委"), ("省司法厅", "北江省司法厅"), ("省政府", "北江省人民政府"),
    ("国务院", "国务院"),
    ("各乡镇", ""), ("县直各单位", ""), ("各有关部门", ""), ("市政府各部门", ""),
])
def test_resolve_qualifies_with_the_reports_own_places(invented, mention, name):
    assert invented.resolve(mention) == name


def test_agencies_jurisdiction_and_awards_of_an_unlisted_county(invented):
    ags = {a.name: a for a in invented.facts.agencies}
    assert {"示范县人民政府", "示范县人民法院", "示范县司法局", "北江省司法厅"} <= set(ags)
    assert ags["示范县司法局"].level == "county" and ags["示范县司法局"].jurisdiction == "示范县"
    assert ags["北江省司法厅"].level == "provincial"
    assert invented.meta.jurisdiction == "示范县"
    assert [(a.recipient, a.conferred_by) for a in invented.facts.awards] == [("示范县司法局", ["北江省司法厅"])]


def test_a_body_that_cannot_be_qualified_keeps_its_written_name():
    doc = read("区市场监管局关于2023年法治政府建设情况的报告\n\n2023年,区市场监管局坚持依法行政。区法院受理案件12件。")
    assert doc.resolve("区法院") == "区法院"
    assert doc.resolve("各有关部门") == ""
    assert doc.facts.statistics[0].subject == "区法院"


def test_partner_places_are_not_the_reports_own():
    doc = read("区市场监管局关于2023年法治政府建设情况的报告\n\n2023年,区市场监管局坚持依法行政。"
               "与四川省广安市联合执法查办案件1件,向四川省成都市新都区、成华区市场监督管理局通报典型案例10件。")
    assert doc.chain.county == "" and doc.chain.province == ""
    names = {a.name for a in doc.facts.agencies}
    assert "成都市新都区市场监督管理局" in names and "成都市成华区市场监督管理局" in names
    assert not any(n.startswith("成都市新都区") and n != "成都市新都区市场监督管理局" for n in names)


def test_examples_read_with_qualified_names(examples_dir):
    doc = read_report(examples_dir / "qingyuan_2023_report.txt")
    names = {a.name for a in doc.facts.agencies}
    assert {"清源县人民政府", "清源县司法局", "安平市人民政府", "江北省司法厅", "青石镇人民政府"} <= names
    assert all(n for n in names)
    awards = [(a.recipient, a.conferred_by, a.date) for a in doc.facts.awards]
    assert awards == [("清源县司法局", ["江北省司法厅"], "2023-06"),
                      ("青石镇人民政府", ["安平市法治政府建设领导小组"], "2023-12")]
    stats = doc.facts.statistics
    total = next(i for i, s in enumerate(stats) if s.value == 12 and s.metric == "审结行政复议案件")
    assert sorted(s.value for s in stats if s.total_of == total) == [1, 1, 1, 2, 2, 3, 5]  # 维持5件、驳回2件 ... 纠错3件
    limits = {(o.limit_kind, o.limit_value, o.limit_unit) for o in doc.facts.obligations}
    assert {("within", 5, "工作日"), ("no_less_than", 30, "日"), ("no_less_than", 40, "学时"), ("deadline", None, ""),
            ("frequency", 1, "次")} <= limits
    assert all(b for o in doc.facts.obligations for b in o.bearers + o.leads)


def test_a_station_named_by_its_township_belongs_to_the_county_bureau():
    from fazhi.loaders.extract.orgnames import canonical
    from fazhi.loaders.extract.places import Chain

    c = Chain(province="安徽省", city="芜湖市", county="南陵县", home="county")
    assert canonical("籍山司法所", c).name == "南陵县司法局籍山司法所"
    assert canonical("许镇司法所", c).name == "南陵县司法局许镇司法所"
    assert canonical("某某司法所", c) is None          # not a township of this county


def test_award_title_stops_before_what_follows_it():
    doc = read("示范县人民政府关于2022年度法治政府建设情况的报告\n\n我县以荣获全省法治建设先进单位为契机,持续推进依法行政。")
    assert [(a.recipient, a.title) for a in doc.facts.awards] == [("示范县", "全省法治建设先进单位")]


def test_unqualified_names_of_two_reports_stay_two_agencies(tmp_path):
    from fazhi.loaders.pipeline import load_file
    from fazhi.ontology.vocab import SKOS

    iris = []
    for i, topic in enumerate(("行政复议", "行政诉讼")):
        p = tmp_path / f"r{i}.txt"
        p.write_text(f"区市场监管局关于2023年{topic}工作情况的报告\n\n2023年,区市场监管局在区委、区政府领导下推进依法行政。"
                     "区委被评为先进单位。", encoding="utf-8")
        triples = load_file(p).triples
        iris.append({t.subject.value for t in triples if t.predicate == SKOS.prefLabel and t.object.value == "区委"})
    assert iris[0] and iris[1] and not iris[0] & iris[1]


def test_the_reports_own_county_beats_a_namesake_township_elsewhere():
    # the dataset has a 青石镇 in another province; the addressee says this one is 清源县's
    doc = read("青石镇人民政府关于2023年度法治政府建设情况的报告\n\n清源县人民政府:\n\n2023年,我镇在县委、县政府领导下,"
               "镇司法所调解纠纷12件。\n\n青石镇人民政府\n2024年1月5日")
    assert (doc.chain.county, doc.chain.township, doc.chain.home) == ("清源县", "青石镇", "township")
    assert doc.meta.issuer == "清源县青石镇人民政府"
    assert doc.resolve("镇司法所") == "清源县司法局青石镇司法所"
    assert doc.resolve("县委") == "中共清源县委"


def test_a_department_issuer_is_not_a_place():
    doc = read("广州市公安局增城区分局关于2023年度法治政府建设情况的报告\n\n2023年,认真贯彻省委部署,在区委、区政府领导下推进依法行政。")
    assert (doc.chain.city, doc.chain.county) == ("广州市", "增城区")
    assert doc.resolve("区委") == "中共广州市增城区委"


def test_an_unlisted_district_of_a_listed_city_keeps_its_province():
    # 云栖区 is not a district in the dataset; its city 杭州市 is, and gives the province
    doc = read("杭州市云栖区人民政府关于2022年度法治政府建设情况的报告\n\n杭州市人民政府:\n\n2022年,萧山区司法局来我区交流,"
               "区司法局审核规范性文件12件。省司法厅指导。")
    assert (doc.chain.province, doc.chain.city, doc.chain.county) == ("浙江省", "杭州市", "云栖区")
    assert doc.resolve("区司法局") == "杭州市云栖区司法局"
    assert doc.resolve("省司法厅") == "浙江省司法厅"
