"""A collection's MANIFEST.tsv and a page's own address: provenance, and the place a text never names."""
from __future__ import annotations

import csv

import pytest

from fazhi.loaders.ingest import ingest
from fazhi.loaders.sources import side_metadata, source_hash
from fazhi.queries import run_named

# an invented opening of a district branch's report that calls itself only 分局 / 我局
BRANCH = ("2023年,我局在市局党委和区委、区政府的领导下,扎实推进法治公安建设。\n"
          "一、主要工作\n"
          "(一)压实责任。分局成立法治建设领导小组,局法制科牵头日常工作,全年组织集中学法6次。\n"
          "分局被省公安厅评为全省法治公安建设先进单位。\n")
URL = "http://www.example.gov.cn/fzgaj/2024/0301.html"


def _manifest(folder, rows, header=("file", "url", "issuer")):
    with open(folder / "MANIFEST.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(header)
        w.writerows(rows)


def _agency_names(store):
    return {r["name"] for r in run_named(store, "agencies", {}).dicts()}


def test_manifest_rows_by_file_with_notes_dropped_from_the_issuer(tmp_path):
    _manifest(tmp_path, [("a.txt", URL, "徐州市公安局泉山分局（江苏；据站点推定）"), ("b.txt", "not a url", "")],
              header=("文件", "链接", "发布机构"))
    assert side_metadata(tmp_path / "a.txt") == {"url": URL, "issuer": "徐州市公安局泉山分局"}
    assert side_metadata(tmp_path / "b.txt") == {}
    assert side_metadata(tmp_path / "c.txt") == {}
    # no file column: not a manifest fazhi can use, and no error either
    (tmp_path / "MANIFEST.tsv").write_text("name\turl\na.txt\t" + URL + "\n", encoding="utf-8")
    assert side_metadata(tmp_path / "a.txt") == {}


def test_a_branch_report_gets_its_district_from_the_manifest(tmp_path, disk_store):
    report = tmp_path / "branch.txt"
    report.write_text(BRANCH, encoding="utf-8")
    ingest(disk_store, [report])
    alone = _agency_names(disk_store)
    assert "中共徐州市泉山区委" not in alone      # the text alone never says which district

    _manifest(tmp_path, [("branch.txt", URL, "徐州市公安局泉山分局（江苏；据站点推定）")])
    outcomes = ingest(disk_store, [report])
    assert not outcomes[0].skipped               # a manifest edit changes the source's hash: read again
    names = _agency_names(disk_store)
    assert {"徐州市公安局泉山分局", "中共徐州市泉山区委", "徐州市泉山区人民政府", "江苏省公安厅",
            "中共徐州市公安局委员会", "徐州市公安局泉山分局法制科"} <= names
    rows = {r["name"]: r for r in run_named(disk_store, "agencies", {}).dicts()}
    assert rows["徐州市公安局泉山分局法制科"]["parent_name"] == "徐州市公安局泉山分局"
    url = disk_store.select("PREFIX fz: <https://w3id.org/fazhi/ontology#> "
                            "SELECT ?u WHERE { ?r a fz:Report ; fz:sourceUrl ?u }")
    assert [r["u"] for r in url.dicts()] == [URL]
    assert ingest(disk_store, [report])[0].skipped


def test_the_manifest_issuer_is_only_a_place_hint_when_the_text_never_speaks_for_itself(tmp_path, disk_store):
    # a task table that never says 我局/分局: the collector's issuer places it, but is not listed as named
    report = tmp_path / "tasks.txt"
    report.write_text("2023年重点任务进展\n1.区市场监管局牵头开展食品安全专项整治,查办案件12件。\n", encoding="utf-8")
    _manifest(tmp_path, [("tasks.txt", URL, "徐州市泉山区人民政府")])
    ingest(disk_store, [report])
    names = _agency_names(disk_store)
    assert "徐州市泉山区市场监督管理局" in names
    assert "徐州市泉山区人民政府" not in names


def test_a_saved_page_keeps_its_canonical_address(tmp_path, disk_store):
    page = tmp_path / "page.html"
    page.write_text(f'<html><head><meta charset="utf-8"><link rel="canonical" href="{URL}"><title>报告</title></head>'
                    "<body><div class='content'><p>清源县人民政府关于2023年度法治政府建设情况的报告</p>"
                    "<p>全县办理行政复议案件12件。</p></div></body></html>", encoding="utf-8")
    ingest(disk_store, [page])
    res = disk_store.select("PREFIX fz: <https://w3id.org/fazhi/ontology#> SELECT ?u WHERE { ?r fz:sourceUrl ?u }")
    assert [r["u"] for r in res.dicts()] == [URL]


def test_source_hash_is_the_bytes_hash_without_a_manifest(tmp_path):
    import hashlib

    f = tmp_path / "x.txt"
    f.write_bytes("报告".encode())
    assert source_hash(f) == hashlib.sha256(f.read_bytes()).hexdigest()
    _manifest(tmp_path, [("x.txt", URL, "")])
    assert source_hash(f) != hashlib.sha256(f.read_bytes()).hexdigest()


@pytest.mark.parametrize("text, expected", [
    ("会同四川省成都市武侯区、锦江区市场监督管理局开展联合检查。", {"成都市武侯区市场监督管理局", "成都市锦江区市场监督管理局"}),
])
def test_a_list_of_another_provinces_districts_keeps_its_places(text, expected):
    from fazhi.loaders.extract.agencies import find_mentions
    from fazhi.loaders.extract.orgnames import canonical
    from fazhi.loaders.extract.places import Chain

    chain = Chain(province="重庆市", city="重庆市", county="九龙坡区", home="county")
    names = set()
    for s, e, full in find_mentions(text, chain):
        o = canonical(full or text[s:e], chain, "重庆市九龙坡区市场监督管理局")
        if o:
            names.add(o.name)
    assert expected <= names


def test_the_report_page_and_the_evidence_link_to_the_source_page(tmp_path, monkeypatch):
    from test_app import start_app

    from fazhi.queries.browse import evidence, report_detail
    from fazhi.graph.store import open_store

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "branch.txt").write_text(BRANCH, encoding="utf-8")
    _manifest(folder, [("branch.txt", URL, "徐州市公安局泉山分局")])
    desc = f"oxigraph:{tmp_path / 'store'}"
    with open_store(desc) as s:
        ingest(s, [folder])
        report = s.select("PREFIX fz: <https://w3id.org/fazhi/ontology#> SELECT ?r WHERE { ?r a fz:Report }").dicts()[0]["r"]
        stat = s.select("PREFIX fz: <https://w3id.org/fazhi/ontology#> SELECT ?x WHERE { ?x a fz:Statistic }").dicts()[0]["x"]
        assert report_detail(s, report)["url"] == URL
        assert [p["url"] for p in evidence(s, stat)] == [URL]
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", desc)
    at = start_app(view="reports", report=report)
    assert f"]({URL})" in "\n".join(m.value for m in at.markdown)


def test_a_government_page_places_its_report_by_the_site_it_is_on(tmp_path, disk_store):
    # the meta tags the government-site guidelines ask for: SiteName, ArticleTitle, ContentSource, Url
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><meta name="SiteName" content="徐州市泉山区人民政府门户网站">'
        '<meta name="ArticleTitle" content="区市场监管局2023年法治政府建设年度报告">'
        '<meta name="ContentSource" content="区市场监管局"><meta name="Url" content="' + URL + '">'
        "<title>年度报告</title></head><body><div class='nav'>首页 | 政务公开</div><div class='content'>"
        "<p>2023年,我局在区委、区政府的领导下,全年查办案件15件。</p></div></body></html>", encoding="utf-8")
    ingest(disk_store, [page])
    names = _agency_names(disk_store)
    assert {"徐州市泉山区市场监督管理局", "中共徐州市泉山区委", "徐州市泉山区人民政府"} <= names
    res = disk_store.select("PREFIX fz: <https://w3id.org/fazhi/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#> "
                            "SELECT ?u ?t WHERE { ?r fz:sourceUrl ?u ; eli:title ?t }").dicts()
    assert [(r["u"], r["t"]) for r in res] == [(URL, "区市场监管局2023年法治政府建设年度报告")]


def test_the_manifest_picks_between_same_named_districts(tmp_path, disk_store):
    # 城中区 is a district of both 西宁市 and 柳州市; the text names only the district
    report = tmp_path / "cz.txt"
    report.write_text("城中区人民政府关于2023年度法治政府建设情况的报告\n2023年,区司法局办理行政复议案件8件。\n",
                      encoding="utf-8")
    for city in ("柳州市", "西宁市"):
        _manifest(tmp_path, [("cz.txt", URL, city + "城中区人民政府")])
        ingest(disk_store, [report])
        assert city + "城中区司法局" in _agency_names(disk_store)
