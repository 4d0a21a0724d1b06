"""The mapping of a report's statistics to (case type, measure) (loaders/extract/casefigures.py): each rule on
at least two phrasings (invented, or paraphrases of the genre's), and what it must leave alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.extract.casefigures import case_measure
from fazhi.loaders.pipeline import read_report


@pytest.mark.parametrize("metric,unit,passage,lead,expected", [
    # received: 受理 / 新收 / 立案, not 收到…申请 (applications, some never accepted)
    ("县政府全年受理行政复议案件", "件", "", "", ("行政复议", "received")),
    ("新收行政复议案件", "件", "", "", ("行政复议", "received")),
    ("全市法院新收一审行政诉讼案件", "件", "", "", ("行政诉讼", "received")),
    ("立案审查行政复议案件", "起", "", "", ("行政复议", "received")),
    # closed: 审结 / 办结 / 结案, its case type from the words or from the sentence before
    ("审结行政复议案件", "件", "", "", ("行政复议", "closed")),
    ("办结行政复议案件", "件", "", "", ("行政复议", "closed")),
    ("审结", "件", "审结6件", "全县新收一审行政诉讼案件7件,", ("行政诉讼", "closed")),
    ("已结案", "件", "已结案9件", "本年度本局作为被告的行政应诉案件11件,", ("行政诉讼", "closed")),
    # corrected (reconsideration) and lost (litigation), as counts
    ("纠错", "件", "纠错3件", "审结行政复议案件12件,其中", ("行政复议", "corrected")),
    ("撤销纠正行政机关案件", "件", "", "办结行政复议案件20件,其中", ("行政复议", "corrected")),
    ("败诉", "件", "败诉2件", "一审行政诉讼案件审结6件,", ("行政诉讼", "lost")),
    ("行政诉讼案件败诉", "起", "", "", ("行政诉讼", "lost")),
    # rates: 纠错率 / 直接纠错率 (reconsideration), 败诉率 (litigation's correction rate), 出庭应诉率
    ("直接纠错率", "%", "直接纠错率25%", "行政复议案件审结12件,", ("行政复议", "correction_rate")),
    ("行政复议纠错率", "%", "", "", ("行政复议", "correction_rate")),
    ("一审行政诉讼败诉率", "%", "", "", ("行政诉讼", "correction_rate")),
    ("败诉率", "%", "败诉率为8.3%", "全年行政诉讼案件审结24件,败诉2件,", ("行政诉讼", "correction_rate")),
    ("行政机关负责人出庭应诉率", "%", "", "", ("行政诉讼", "head_appeared_rate")),
    ("被诉单位负责人出庭率", "%", "", "", ("行政诉讼", "head_appeared_rate")),
])
def test_figures_that_count_the_reporters_own_cases(metric, unit, passage, lead, expected):
    assert case_measure(metric, unit, passage or metric, lead=lead) == expected


@pytest.mark.parametrize("metric,unit,passage,lead", [
    # 办理 / 收到…申请: handled or applied for, not received or closed
    ("县政府办理行政复议案件", "件", "", ""),
    ("收到行政复议申请", "件", "", ""),
    # an outcome of the breakdown is not a measure (维持 is not corrected; 撤销 alone is not all corrections)
    ("维持", "件", "其中维持5件、撤销2件", "审结行政复议案件12件,"),
    ("驳回", "件", "驳回4件", "办结行政复议案件15件,其中"),
    # 综合纠错率 counts more than the ledger's direct corrections
    ("综合纠错率", "%", "综合纠错率31.2%", "行政复议"),
    ("行政复议综合纠错率", "%", "", ""),
    # a change, not a level
    ("一审败诉率同比下降", "%", "一审败诉率同比下降17.65%", "全县一审行政诉讼案件审结16件,"),
    ("行政复议纠错率", "%", "行政复议纠错率较上年提高3%", ""),
    # a target, wherever it stands
    ("行政诉讼败诉率控制在", "%", "行政诉讼败诉率控制在5%以内", ""),
    ("行政机关负责人出庭应诉率", "%", "确保行政机关负责人出庭应诉率不低于90%", ""),
    # part of the year
    ("审结", "件", "审结16件", "截至目前,全县一审行政诉讼案件"),
    ("受理行政复议案件", "件", "1-9月受理行政复议案件30件", ""),
    # some kinds of case only
    ("被诉行政机关负责人出庭率", "%", "被诉行政机关负责人出庭率达100%",
     "出庭应诉;对于涉及重大公共利益的案件、社会关注度高的案件等,"),
    ("负责人出庭率", "%", "负责人出庭率100%", "对涉及征地拆迁类案件,"),
    # two case types, or none
    ("行政复议和行政诉讼案件", "件", "", ""),
    ("受理案件", "件", "受理案件40件", "全县人民调解组织"),
    # not a count of cases, nor a percentage of one
    ("出庭应诉", "次", "", "行政诉讼"),
    ("行政机关负责人出庭应诉", "件", "", ""),
    ("行政复议案件办结率", "%", "", ""),
    # received or closed, but not cases: the case type only in the sentence before
    ("受理热线转办诉求", "件", "受理热线转办诉求2800件", "作出行政处罚决定45件,"),
    ("立案登记投诉举报线索", "件", "立案登记投诉举报线索310件", "行政复议案件12件,"),
])
def test_figures_left_alone(metric, unit, passage, lead):
    assert case_measure(metric, unit, passage or metric, lead=lead) is None


def test_a_figure_in_a_plan_section_is_a_target():
    assert case_measure("行政机关负责人出庭应诉率", "%", "行政机关负责人出庭应诉率100%", target=True) is None


def read(text: str):
    return read_report(Path("invented.txt"), raw=text)


def mapped(doc) -> dict:
    return {(s.metric, s.value): (s.case_type, s.case_measure) for s in doc.facts.statistics if s.case_measure}


def test_in_a_whole_report_only_the_years_own_figures_are_mapped():
    doc = read("样板县人民政府关于2022年度法治政府建设情况的报告\n\n北江市人民政府:\n\n"
               "一、化解行政争议\n\n县政府全年新收行政复议案件18件,审结16件,其中维持9件、纠错4件,直接纠错率25%。"
               "全县行政机关一审应诉案件审结10件,败诉1件,行政机关负责人出庭应诉率达100%。\n\n"
               "二、2023年工作打算\n\n(一)行政机关负责人出庭应诉率保持100%,行政复议纠错率达到30%。\n\n"
               "样板县人民政府\n2023年3月1日")
    got = mapped(doc)
    assert got[("直接纠错率", 25)] == ("行政复议", "correction_rate")
    assert ("行政复议", "closed") in got.values() and ("行政复议", "received") in got.values()
    assert ("行政复议", "corrected") in got.values() and ("行政诉讼", "lost") in got.values()
    assert list(got.values()).count(("行政诉讼", "head_appeared_rate")) == 1      # the plan's 100% is a target
    assert not [k for k in got if k[1] == 30]


def test_a_plan_document_has_no_measurements():
    doc = read("样板县2023年法治政府建设工作要点\n\n一、行政复议纠错率达到25%,行政机关负责人出庭应诉率100%。\n")
    assert doc.meta.kind == "plan" and mapped(doc) == {}
