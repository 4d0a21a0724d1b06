"""Cases a report names (loaders/extract/namedcases.py): each rule on at least two invented sentences of
different styles, what must be left alone (counts, activities, unnamed cases, words ending in 案), the link to
the award a selection makes, and the graph a named case gives. No sentence is taken from a real report."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report

HEAD = "示例报告\n清源县人民政府关于2023年度法治政府建设情况的报告\n　　2023年，县政府扎实推进法治政府建设。\n　　"


def cases(sentence: str, head: str = HEAD):
    """The cases read from a small county report holding ``sentence``."""
    doc = read_report(Path("invented.txt"), raw=head + sentence + "\n")
    return doc, doc.facts.cases


def only(sentence: str, head: str = HEAD):
    doc, found = cases(sentence, head)
    assert len(found) == 1, found
    return doc, found[0]


# ---------------------------------------------------------------- names with parties
@pytest.mark.parametrize("sentence,label,respondent,applicant", [
    ("青石建材有限公司不服县自然资源局行政处罚决定申请行政复议一案，经县政府审理，依法撤销原处罚决定。",
     "青石建材有限公司不服县自然资源局行政处罚决定申请行政复议一案", "清源县自然资源局", "青石建材有限公司"),
    ("其中，清源县第二中学不服县教育局责令整改通知申请行政复议案，复议机关决定撤销该通知。",
     "清源县第二中学不服县教育局责令整改通知申请行政复议案", "清源县教育局", "清源县第二中学"),
    ("县司法局办理的白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议案，入选全省行政复议典型案例。",
     "白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议案", "清源县农业农村局", "白沙农民专业合作社"),
])
def test_a_reconsideration_named_with_its_parties(sentence, label, respondent, applicant):
    _, c = only(sentence)
    assert (c.label, c.case_type, c.respondent, c.applicant) == (label, "行政复议", respondent, applicant)


def test_a_verb_before_the_name_is_not_part_of_it():
    _, c = only("依法办理白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议一案，经审理依法撤销。")
    assert c.label == "白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议一案" and c.outcome == "撤销"
    _, c = only("同时，成功化解王某诉县市场监督管理局行政处罚一案，原告主动撤诉。")
    assert c.label == "王某诉县市场监督管理局行政处罚一案" and c.outcome == "撤回"
    _, found = cases("依法办理王某诉县政府信息公开案等3起案件。")     # a name inside a count: left alone
    assert found == []


@pytest.mark.parametrize("sentence,label,respondent", [
    ("王某诉县市场监督管理局行政处罚一案，经县人民法院审理，判决驳回原告诉讼请求。",
     "王某诉县市场监督管理局行政处罚一案", "清源县市场监督管理局"),
    ("安平某运输有限公司诉县交通运输局行政许可案被市中级人民法院评为全市行政审判优秀案例。",
     "安平某运输有限公司诉县交通运输局行政许可案", "清源县交通运输局"),
])
def test_a_lawsuit_named_with_its_parties(sentence, label, respondent):
    _, c = only(sentence)
    assert (c.label, c.case_type, c.respondent) == (label, "行政诉讼", respondent)


@pytest.mark.parametrize("sentence", [
    # a person, anonymised or not, and a firm whose name is withheld (某): no applicant node
    "张某某不服县公安局治安管理处罚申请行政复议一案，经审理决定维持。",
    "李华诉县人力资源和社会保障局工伤认定一案，法院判决驳回诉讼请求。",
    "某商贸公司诉县城市管理局行政强制一案，经审理判决驳回原告诉讼请求。",
])
def test_no_person_and_no_withheld_name_is_an_applicant(sentence):
    _, c = only(sentence)
    assert c.applicant == "" and c.respondent.startswith("清源县")


# ---------------------------------------------------------------- named cases selected as typical
@pytest.mark.parametrize("sentence,label,case_type,selection", [
    ("县市场监督管理局查处的某食品店销售过期食品案入选全省市场监管行政处罚典型案例。",
     "某食品店销售过期食品案", "行政处罚", "全省市场监管行政处罚典型案例"),
    ("县城市管理局办理的某餐馆占道经营行政处罚案被市委依法治市办评为全市十大行政执法典型案例。",
     "某餐馆占道经营行政处罚案", "行政处罚", "全市十大行政执法典型案例"),
    ("我局报送的“某村民委员会信息公开申请答复案”被评为全省政府信息公开典型案例。",
     "某村民委员会信息公开申请答复案", "", "全省政府信息公开典型案例"),
    ("县司法局选送的“一起土地征收补偿纠纷化解案”获评全市行政复议优秀案例。",
     "一起土地征收补偿纠纷化解案", "行政复议", "全市行政复议优秀案例"),
])
def test_a_named_case_selected_as_typical(sentence, label, case_type, selection):
    _, c = only(sentence)
    assert (c.label, c.case_type, c.selection) == (label, case_type, selection)
    assert c.respondent == "" and c.outcome == ""       # an enforcement case names no respondent


def test_a_lawsuit_between_firms_is_no_administrative_lawsuit():
    _, c = only("县人民法院审理的青石建材有限公司诉白沙物流有限公司买卖合同纠纷案入选全省商事审判典型案例。")
    assert (c.label, c.case_type, c.respondent) == ("青石建材有限公司诉白沙物流有限公司买卖合同纠纷案", "", "")
    _, c = only("县人民法院审理的青石建材有限公司诉白沙物流有限公司买卖合同纠纷案入选全省行政审判典型案例。")
    assert c.case_type == "行政诉讼"                      # (the list's words, when the name's say nothing)


@pytest.mark.parametrize("sentence,label", [
    ("在王某诉县市场监督管理局行政处罚案中，县市场监督管理局负责人出庭应诉。", "王某诉县市场监督管理局行政处罚案"),
    ("2023年5月青石建材有限公司不服县自然资源局行政处罚决定申请行政复议一案经审理依法撤销。",
     "青石建材有限公司不服县自然资源局行政处罚决定申请行政复议一案"),
    ("我局作为被告的王某诉县市场监督管理局行政处罚一案，经审理判决驳回诉讼请求。", "王某诉县市场监督管理局行政处罚一案"),
])
def test_what_stands_before_a_name_is_not_part_of_it(sentence, label):
    _, c = only(sentence)
    assert c.label == label


def test_the_list_names_the_type_only_when_the_name_does_not():
    _, c = only("某物流公司诉县交通运输局行政处罚案入选全省行政执法典型案例。")
    assert c.case_type == "行政诉讼"                     # 诉 in the name, not the list's 执法
    _, c = only("县应急管理局查处的某烟花爆竹店违规储存案入选全省安全生产行政执法典型案例。")
    assert c.case_type == "行政执法"


# ---------------------------------------------------------------- outcomes
@pytest.mark.parametrize("words,outcome", [
    ("经县政府审理，依法撤销原行政行为", "撤销"),
    ("复议机关决定撤销该处罚决定", "撤销"),
    ("经审理，部分撤销原处罚决定", "部分撤销"),
    ("复议机关依法部分撤销该决定并责成重新作出", "部分撤销"),
    ("经审理依法变更罚款数额", "变更"),
    ("复议机关决定变更为警告", "变更"),
    ("法院判决确认县住房和城乡建设局的强制拆除行为违法", "确认违法"),
    ("经审理确认原行政行为违法", "确认违法"),
    ("法院判决县自然资源局限期履行法定职责", "责令履行"),
    ("复议机关责令被申请人在三十日内履行答复职责", "责令履行"),
    ("经审理决定维持原处罚决定", "维持"),
    ("复议决定维持", "维持"),
    ("法院判决驳回原告诉讼请求", "驳回"),
    ("经审理驳回复议申请", "驳回"),
    ("经复议机关主持调解结案", "调解"),
    ("双方达成调解，申请人撤回申请", ""),          # two outcomes: neither is kept
    ("经协调双方达成和解", "和解"),
    ("在复议机关协调下和解结案", "和解"),
    ("申请人主动撤回复议申请", "撤回"),
    ("原告主动撤诉", "撤回"),
    ("因申请人死亡终止复议", "终止"),
    ("法院裁定终止审理", "终止"),
])
def test_the_outcome_the_sentence_states(words, outcome):
    _, c = only(f"青石建材有限公司不服县公安局行政处罚决定申请行政复议一案，{words}。")
    assert c.outcome == outcome


@pytest.mark.parametrize("words", [
    "目前正在审理中",                                   # pending: no outcome
    "力争避免原处罚决定被撤销",                          # an aim
    "县公安局积极履行答复义务",                          # 履行 alone, no order
])
def test_no_outcome_when_none_is_stated(words):
    _, c = only(f"青石建材有限公司不服县公安局行政处罚决定申请行政复议一案，{words}。")
    assert c.outcome == ""


# ---------------------------------------------------------------- left alone
@pytest.mark.parametrize("sentence", [
    "组织开展行政执法典型案例评选活动，以案释法，全年发布典型案例10个。",
    "我县3个案例入选《全省法治政府建设案例汇编》。",
    "全县一起行政处罚案件入选全省行政执法监督典型案例，该案经复议被撤销。",
    "编印《行政复议典型案例汇编》500册，选取身边典型案例开展以案释法。",
    "县政府制定了突发事件应急预案和重大行政决策听证方案，并完成规范性文件备案。",
    "全年新收行政复议案件46件，审结41件，其中撤销纠正7件，一起案件被确认违法。",
    "该案被评为全市行政审判典型案例。",
    "严格执行立案、结案审查制度，办案质量不断提升。",
    "依法处理群众投诉举报案件312件，上诉案件3件。",
])
def test_counts_activities_and_unnamed_cases_are_not_cases(sentence):
    _, found = cases(sentence)
    assert found == []


def test_a_named_case_in_traditional_characters():
    head = "示例報告\n清源縣人民政府關於2023年度法治政府建設情況的報告\n　　2023年，縣政府紮實推進法治政府建設。\n　　"
    _, c = only("青石建材有限公司不服縣市場監督管理局行政處罰決定申請行政復議一案，經審理依法撤銷原處罰決定。", head)
    assert (c.label, c.respondent, c.outcome) == ("青石建材有限公司不服县市场监督管理局行政处罚决定申请行政复议一案",
                                                  "清源县市场监督管理局", "撤销")


# ---------------------------------------------------------------- one statement, two linked facts
def test_a_selection_is_one_award_linked_to_the_case_not_a_second_one():
    doc, c = only("县司法局办理的白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议案，"
                  "入选全省行政复议典型案例。")
    assert len(doc.facts.awards) == 1 and c.award == 0
    assert doc.facts.awards[0].title == c.selection == "全省行政复议典型案例"
    doc, c = only("张某诉县自然资源局不履行法定职责一案，法院判决县自然资源局限期履行，"
                  "该案被市中级人民法院评为全市行政审判典型案例。")
    assert c.award is not None and doc.facts.awards[c.award].title == "全市行政审判典型案例"
    assert c.outcome == "责令履行"


def test_two_cases_in_one_sentence_each_keep_their_own_words():
    _, found = cases("青石建材有限公司不服县公安局行政处罚决定申请行政复议一案，依法维持；"
                     "白沙农民专业合作社不服县农业农村局行政处罚决定申请行政复议一案，依法撤销。")
    assert [(c.respondent, c.outcome) for c in found] == [("清源县公安局", "维持"), ("清源县农业农村局", "撤销")]
