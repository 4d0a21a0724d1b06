"""Duties a work plan sets without duty words, and the notes and phrases that name duties elsewhere; each rule
with sentences in the shapes of different reports (paraphrased or invented)."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report


def duties(raw: str) -> list:
    return read_report(Path("t.txt"), raw=raw).facts.obligations


def covers(obligations, words: str) -> bool:
    words = words.replace("，", ",")          # (the normalised text writes ASCII commas)
    return any(words in o.text for o in obligations)


PLAN_A = ("示例市法治政府建设实施方案（2021—2025年）\n\n为推进依法行政，结合本市实际，制定本方案。\n一、总体目标\n"
          "到2025年，全市政府行为全面纳入法治轨道，行政执法质量显著提升；行政决策水平大幅提高。\n二、主要任务\n"
          "（一）健全政府机构职能体系\n健全行政许可事项清单管理制度，实现同一事项名称、编码统一。推动重大行政决策后评估常态化。\n"
          "（二）完善执法体制。\n明确乡镇综合行政执法职责，编制执法事项目录。\n三、组织保障\n"
          "全面实施阶段（2021-2023年）。对照本方案开展自查自纠，及时整改问题。\n示例市人民政府\n2021年6月1日\n")
PLAN_B = ("示例县2022年法治政府建设工作安排\n\n现就做好2022年度法治政府建设工作安排如下：\n一、依法履行政府职能\n"
          "1.推动乡镇便民服务事项集中进驻。\n2.健全政务失信责任追究机制，兑现向企业作出的承诺。\n"
          "3.明确每个部门的普法责任清单。\n")


@pytest.mark.parametrize("raw, tasks", [
    (PLAN_A, ["到2025年，全市政府行为全面纳入法治轨道", "行政决策水平大幅提高", "健全行政许可事项清单管理制度",
              "推动重大行政决策后评估常态化", "明确乡镇综合行政执法职责", "对照本方案开展自查自纠", "完善执法体制"]),
    (PLAN_B, ["推动乡镇便民服务事项集中进驻", "健全政务失信责任追究机制", "明确每个部门的普法责任清单"]),
])
def test_a_plans_tasks_are_duties_without_duty_words(raw, tasks):
    got = duties(raw)
    assert [t for t in tasks if not covers(got, t)] == []


def test_a_plans_headings_stage_names_and_signature_are_no_tasks():
    texts = [o.text for o in duties(PLAN_A)]
    assert not any(t.startswith(("一、", "总体目标", "健全政府机构职能体系", "示例市人民政府", "2021年6月1日")) for t in texts)
    assert not any(t.startswith("全面实施阶段") for t in texts)
    assert not any("制定本方案" in t for t in texts)          # what the plan is for is no task of it


def test_a_target_split_by_a_semicolon_is_one_duty():
    target = next(o for o in duties(PLAN_A) if o.text.startswith("到2025年"))
    assert "行政决策水平大幅提高" in target.text


@pytest.mark.parametrize("body", [
    "2021年，我县推动重大行政决策后评估常态化，健全政务失信责任追究机制。",
    "今年以来，县司法局明确乡镇综合行政执法职责，编制执法事项目录。",
])
def test_the_same_words_in_a_report_state_what_was_done(body):
    assert not duties("示例县人民政府关于2021年度法治政府建设情况的报告\n\n" + body + "\n")


@pytest.mark.parametrize("body, words", [
    ("把年度要点纳入学习计划，强调各科室工作人员均负有依法办事的职责。", "负有依法办事的职责"),
    ("各级领导干部负有带头尊法学法守法用法的责任。", "负有带头尊法学法守法用法的责任"),
])
def test_carrying_a_responsibility_is_a_duty(body, words):
    assert covers(duties("示例市公安局2021年法治政府建设工作情况报告\n\n" + body + "\n"), words)


@pytest.mark.parametrize("notice", ["《示例县工作要点》已经县政府同意，现印发给你们，请认真组织实施。",
                                    "现将《示例市重点工作安排》印发给你们，请结合实际抓好组织实施。"])
def test_a_notice_asking_to_carry_it_out_is_a_duty(notice):
    assert covers(duties("示例县人民政府办公室关于印发示例县工作要点的通知\n\n各乡镇人民政府：\n" + notice + "\n"), "组织实施")


@pytest.mark.parametrize("item, units, leads", [
    ("（一）开展实施方案终期评估，谋划下一阶段工作。〔司法厅等省直有关部门（单位）按职责分工负责〕",
     {"江西省司法厅", "省直有关部门（单位）"}, []),
    ("（二）推进执法监督体系建设。〔省司法厅牵头，省财政厅配合〕", {"江西省财政厅"}, ["江西省司法厅"]),
])
def test_a_responsibility_note_in_square_brackets_names_the_units(item, units, leads):
    raw = ("江西省2025年法治政府建设重点工作安排\n\n2025年，全省重点抓好以下工作。\n" + item + "\n")
    task = next(o for o in duties(raw) if o.text.startswith(("开展", "推进")))
    assert units <= {u.replace("(", "（").replace(")", "）") for u in task.bearers} and task.leads == leads
