"""Who an award went to (loaders/extract/recipients.py): lists of places, counted items, the place a sentence opens
with before its verbs, compilations a case was chosen for; each rule with two sentences in the shapes of different
reports (paraphrased or invented)."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report

JIAOZUO = "焦作市人民政府关于2024年度法治政府建设情况的报告\n\n"
BAOTOU = "包头市人民政府关于2023年度法治政府建设情况的报告\n\n"


def awards(head: str, body: str) -> set[tuple[str, str]]:
    doc = read_report(Path("t.txt"), raw=head + body + "\n")
    return {(a.recipient, a.title) for a in doc.facts.awards}


def test_places_listed_before_a_designation_each_get_it():
    got = awards(JIAOZUO, "2024年，博爱县、孟州市被省委全面依法治省委员会命名为“第三批全省法治政府建设示范地区”。")
    assert {r for r, _ in got} == {"博爱县", "孟州市"} or {r for r, _ in got} == {"焦作市博爱县", "焦作市孟州市"}
    got = awards(BAOTOU, "市本级及昆都仑区、固阳县被自治区命名为“全区法治政府建设示范地区”。")
    assert len(got) == 3 and any(r == "包头市" for r, _ in got) and all("示范地区" in t for _, t in got)
    assert not any("本级" in r for r, _ in got)


@pytest.mark.parametrize("head, body, places, title", [
    (JIAOZUO, "武陟县、温县2个单项项目被命名为“第三批全省法治政府建设示范项目”。", ("武陟", "温县"), "示范项目"),
    # without 被 after counted items, right after another designation's quoted title, names run together
    (BAOTOU, "青山区被自治区命名为“全区法治政府建设示范地区”土默特右旗、固阳县2个单项项目命名为“全区法治政府建设示范项目”。",
     ("土默特右旗", "固阳县"), "全区法治政府建设示范项目"),
])
def test_counted_items_after_places_are_the_places_items(head, body, places, title):
    got = awards(head, body)
    for place in places:
        assert any(place in r and t == title or place in r and title in t for r, t in got), got
    assert not any("个" in r for r, _ in got)


def test_a_quoted_title_keeps_the_words_after_its_quote_when_no_place_follows():
    doc = read_report(Path("t.txt"), raw="南陵县人民政府关于2023年度法治政府建设情况的报告\n\n"
                      "籍山、许镇、工山司法所完成规范化建设，均被授予“枫桥式”司法所。\n")
    assert {a.title for a in doc.facts.awards} == {"“枫桥式”司法所"}


@pytest.mark.parametrize("body, recipient, title", [
    ("沁阳市不断深化“枫桥式”司法所创建，荣获全省平安建设先进县（市）称号。", "沁阳市", "全省平安建设先进县"),
    ("山阳区持续推进村（社区）法律顾问全覆盖，获评全省公共法律服务示范区。", "山阳区", "全省公共法律服务示范区"),
    ("市司法局积极探索行政争议化解机制，荣获全省司法行政系统先进集体称号。", "焦作市司法局", "全省司法行政系统先进集体"),
])
def test_the_place_a_sentence_opens_with_receives_the_award_not_its_adverb(body, recipient, title):
    got = awards(JIAOZUO, body)
    assert any(recipient in r and title in t for r, t in got), got
    assert not any(r.endswith(("不断", "持续", "积极")) or "推进" in r for r, _ in got)


@pytest.mark.parametrize("head, body, recipient, title", [
    ("山西省人民政府关于2024年法治政府建设情况的报告\n\n", "推进基层依法治理，3个基层治理案例入选司法部《全国基层法治建设案例汇编》。",
     "山西省", "全国基层法治建设案例汇编"),
    (JIAOZUO, "我市3个行政争议化解案例入选司法部《行政复议典型案例选编》。", "焦作市", "行政复议典型案例选编"),
])
def test_cases_chosen_for_a_compilation(head, body, recipient, title):
    assert (recipient, title) in awards(head, body)


def test_a_kind_of_government_is_no_holder():
    got = awards(JIAOZUO, "焦作市深入学习习近平法治思想，法治政府建设取得明显成效。2个项目被评为全省优秀法治项目。")
    assert got and not any("法治政府" in r for r, _ in got)


@pytest.mark.parametrize("body, recipient", [
    ("严格规范公正文明执法，县综合行政执法局全年办理案件412件。县公安局\n交警大队被评为全市执法规范化建设示范单位。",
     "汶上县公安局交"),
    ("推进基层法治建设，各镇均设立了公共法律服务工作站，其中县司法局\n次丘司法所被评为全省规范化司法所。", "汶上县司法局"),
])
def test_a_name_a_hard_line_break_cut_is_one_name(body, recipient):
    got = awards("汶上县人民政府关于2021年度法治政府建设工作情况的报告\n\n", body)
    assert any(r.startswith(recipient) for r, _ in got), got


def test_a_heading_before_a_line_is_no_part_of_its_subject():
    got = awards("晋江市人民政府关于2019年度法治政府建设情况的报告\n\n", "六、法治宣传和示范创建\n陈埭镇江头村被司法部、民政部命名为“全国民主法治示范村”。")
    assert got and all("法治宣传" not in r and "示范创建" not in r for r, _ in got)


@pytest.mark.parametrize("body", [
    "力争更多执法案例入选全省行政执法典型案例。",
    "争取县市场监管局被评为全省法治政府建设示范单位。",
    "确保年底前成功创建全省法治政府建设示范县。",
])
def test_an_award_aimed_at_is_none(body):
    assert not awards(BAOTOU, "一、主要成效\n全市依法行政水平稳步提升。\n" + body)


def test_next_steps_hold_no_award_but_the_year_before_does():
    body = ("一、主要成效\n县司法局被评为全省司法行政系统先进集体。\n二、下一步工作打算\n"
            "推动更多乡镇被命名为全省民主法治示范村（社区）。\n")
    got = awards("示例县人民政府关于2023年度法治政府建设情况的报告\n\n", body)
    assert {t for _, t in got} == {"全省司法行政系统先进集体"}
