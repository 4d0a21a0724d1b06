"""Canonical agency names, jurisdictions and document numbers: small golden cases."""
from __future__ import annotations

import pytest
from fazhi.loaders.extract.docnames import doc_kind, full_law_title, issuers_from_number, normalise_number
from fazhi.loaders.extract.orgnames import canonical
from fazhi.loaders.extract.jurisdiction import find_chain
from fazhi.loaders.extract.places import Chain, gazetteer
from fazhi.ontology.ids import number_key

COUNTY = Chain(province="河南省", city="驻马店市", county="上蔡县", home="county")
DISTRICT_STREET = Chain(province="青海省", city="西宁市", county="城中区", township="人民街街道", home="township")


@pytest.mark.parametrize("mention, name", [
    ("县司法局", "上蔡县司法局"), ("县政府", "上蔡县人民政府"), ("市政府", "驻马店市人民政府"),
    ("市中级法院", "驻马店市中级人民法院"), ("省人民政府", "河南省人民政府"), ("省委", "中共河南省委"),
    ("县委编办", "中共上蔡县委机构编制委员会办公室"), ("县政府办", "上蔡县人民政府办公室"), ("县人大常委会", "上蔡县人民代表大会常务委员会"),
    ("县检察院", "上蔡县人民检察院"), ("市场监管局", "上蔡县市场监督管理局"), ("县发改委", "上蔡县发展和改革委员会"),
    ("五龙镇", "上蔡县五龙镇人民政府"), ("邵店镇石佛村调委会", "上蔡县邵店镇石佛村人民调解委员会"),
    ("国务院", "国务院"), ("党中央", "中共中央"), ("司法部", "司法部"), ("国家卫健委", "国家卫生健康委员会"),
    ("上蔡县司法局", "上蔡县司法局"), ("县委常委会", "中共上蔡县委常务委员会"),
])
def test_county_report_names(mention, name):
    assert canonical(mention, COUNTY, "上蔡县人民政府").name == name


@pytest.mark.parametrize("mention, name", [
    ("区委", "中共西宁市城中区委"), ("区政府", "西宁市城中区人民政府"), ("党工委", "中共西宁市城中区人民街街道工作委员会"),
    ("司法所", "西宁市城中区司法局人民街司法所"), ("城中区委全面依法治区委员会", "中共西宁市城中区委全面依法治区委员会"),
    ("人民街街道", "西宁市城中区人民街街道办事处"), ("市委", "中共西宁市委"),
])
def test_street_report_names(mention, name):
    assert canonical(mention, DISTRICT_STREET).name == name


@pytest.mark.parametrize("mention", ["各乡镇", "县直各单位", "各有关部门", "全县", "市政府各部门", "相关单位"])
def test_collective_phrases_are_not_agencies(mention):
    assert canonical(mention, COUNTY) is None


def test_kind_and_level():
    o = canonical("市中级法院", COUNTY)
    assert (o.kind, o.level, o.jurisdiction) == ("court", "municipal", "驻马店市")
    assert canonical("司法部", COUNTY).level == "central"


def test_gazetteer_is_real_and_cached():
    gz = gazetteer()
    assert len(gz.places) > 40000
    assert gazetteer() is gz
    ids = gz.by_name["上蔡县"]
    assert [gz.places[a].name for a in gz.ancestors(ids[0])] == ["上蔡县", "驻马店市", "河南省"]


@pytest.mark.parametrize("head, body, issuer, want", [
    ("上蔡县人民政府关于2020年度法治政府建设工作情况的报告", "", "上蔡县人民政府", ("驻马店市", "上蔡县", "county")),
    ("", "2025年,城中区坚持依法行政,推动西宁高质量发展。", "", ("西宁市", "城中区", "county")),
    ("", "县司法局 县信访局。籍山、许镇、工山司法所完成验收。县委、县政府", "", ("芜湖市", "南陵县", "county")),
    ("海口市人民政府2022年法治政府建设情况报告", "我市", "海口市人民政府", ("海口市", "", "city")),
])
def test_jurisdiction_chain(head, body, issuer, want):
    c = find_chain(head, body, issuer)
    assert (c.city, c.county, c.home) == want


@pytest.mark.parametrize("printed, shown", [
    ("豫发〔2016〕31号", "豫发〔2016〕31号"), ("上政【2020】31号", "上政【2020】31号"), ("豫发2016 31号", "豫发〔2016〕31号"),
    ("冀发2021年18号", "冀发〔2021〕18号"), ("城中政办函[2025]19号", "城中政办函[2025]19号"),
])
def test_document_numbers_shown_as_printed_and_matched_across_brackets(printed, shown):
    assert normalise_number(printed) == shown
    assert number_key(shown) == number_key(shown.replace("【", "〔").replace("】", "〕").replace("[", "〔").replace("]", "〕"))


@pytest.mark.parametrize("number, issuers", [
    ("中发〔2015〕36号", ["中共中央", "国务院"]), ("国办发〔2019〕42号", ["国务院办公厅"]),
    ("豫发〔2016〕31号", ["中共河南省委", "河南省人民政府"]), ("豫政〔2020〕3号", ["河南省人民政府"]),
    ("粤府办〔2021〕1号", ["广东省人民政府办公厅"]), ("皖发〔2021〕22号", ["中共安徽省委", "安徽省人民政府"]), ("上政【2020】31号", []),
])
def test_issuers_from_number_prefix(number, issuers):
    assert issuers_from_number(number) == issuers


def test_titles_kinds_and_abbreviations():
    assert full_law_title("民法典") == "中华人民共和国民法典"
    assert full_law_title("河南省规范性文件管理办法") == ""
    assert [doc_kind(t) for t in ("行政复议法", "突发公共卫生事件应急条例", "关于印发X的通知", "实施意见", "工作要点", "管理办法")] == \
        ["law", "regulation", "notice", "opinion", "plan", "rule"]


def test_county_level_city_says_shi_for_itself():
    c = find_chain("永安市人民政府关于2022年度法治政府建设情况的报告", "我市坚持。三明市委、市政府", "永安市人民政府")
    assert (c.city, c.county, c.home) == ("三明市", "永安市", "county")
    assert canonical("市司法局", c).name == "永安市司法局"
    assert canonical("三明市人民政府", c).name == "三明市人民政府"


def test_autonomous_prefecture_short_name():
    c = find_chain("红河州人民政府关于2022年法治政府建设情况的报告", "", "红河州人民政府")
    assert c.city == "红河哈尼族彝族自治州" and c.home == "city"
    assert canonical("州中级法院", c).name == "红河哈尼族彝族自治州中级人民法院"
