"""The mapping from a statistic's words to an indicator (loaders/indicators.py), rule by rule and trap by trap.

Every sentence here is invented (or a paraphrase of the genre); each rule and each trap has at least two, from
different imagined reports. ``mapped`` builds the Observation the way the ingest hook does: the passage is the
clause of the figure, the context the text before it.
"""
from __future__ import annotations

import re

import pytest

from fazhi.loaders.indicator_scheme import load_scheme
from fazhi.loaders.indicators import Observation, classify, read_words
from fazhi.loaders.numerals import parse_number


def mapped(text: str, figure: str, *, kind: str = "report", period: str = "2022", doc_period: str = "2022"):
    """The Mapping of the statistic ``figure`` (e.g. 审结41件, its last occurrence) in ``text``, or None."""
    end = text.rindex(figure) + len(figure)
    start = max(text.rfind(c, 0, end - len(figure)) for c in "，。；\n") + 1
    m = re.match(r"(.*?)([\d.]+万?|百分之[一二三四五六七八九十百点]+)(.*)$", figure)
    unit = "%" if m.group(2).startswith("百分之") else m.group(3).lstrip("余多")
    metric = text[start:end - len(figure)] + m.group(1)
    return classify(Observation(metric, unit, text[start:end], text[max(0, start - 160):start], kind,
                                parse_number(m.group(2)), period, doc_period))


def notation(text: str, figure: str, **kw) -> str | None:
    m = mapped(text, figure, **kw)
    return m.notation if m else None


# ---------------------------------------------------------------- the rules

@pytest.mark.parametrize("text, figure, want", [
    ("全年县政府审结行政复议案件41件，同比持平。", "审结行政复议案件41件", "reconsideration.closed"),
    ("市政府共办结行政复议案件18件。", "办结行政复议案件18件", "reconsideration.closed"),
    ("全年办理行政处罚案件212件。", "行政处罚案件212件", "penalties.cases"),
    ("县政府常务会议全年学法9次。", "学法9次", "study.sessions"),
])
def test_metric_wording_and_terms(text, figure, want):
    m = mapped(text, figure)
    assert m.notation == want and m.rule in ("metric-wording", "metric-terms") and m.wording


@pytest.mark.parametrize("text, figure, want", [
    ("全年收到行政复议申请30件，审结27件。", "审结27件", "reconsideration.closed"),
    ("区政府行政复议案件收案22件，结案20件。", "结案20件", "reconsideration.closed"),
    ("新收行政复议申请19件，依法受理17件。", "受理17件", "reconsideration.received"),
    ("开展规范性文件合法性审查14件，向县人大常委会报备6件。", "报备6件", "normative_documents.filed"),
])
def test_sentence_topic_borrows_the_nearest_topic(text, figure, want):
    m = mapped(text, figure)
    assert (m.notation, m.rule) == (want, "sentence-topic")


@pytest.mark.parametrize("text, figure", [
    ("本年度行政复议案件共22件，一审行政诉讼案件15件，其中败诉2件，结案13件。", "结案13件"),
    ("县法院审理一审行政诉讼案件26件，已审结24件。", "审结24件"),
])
def test_the_nearest_topic_wins_not_an_earlier_one(text, figure):
    """审结/结案 after a litigation clause are not reconsideration cases closed."""
    assert notation(text, figure) != "reconsideration.closed"


@pytest.mark.parametrize("text, figure, want", [
    ("办理行政复议案件、行政诉讼案件分别为12件、7件。", "12件", "reconsideration.handled"),
    ("办理行政复议案件、行政诉讼案件分别为12件、7件。", "7件", "litigation.first_instance"),
    ("全年受理行政复议申请、政府信息公开申请分别为33件、64件。", "33件", "reconsideration.received"),
    ("全年受理行政复议申请、政府信息公开申请分别为33件、64件。", "64件", "disclosure.requests"),
])
def test_figures_answering_a_list_in_turn(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure", [
    ("县政府审结行政复议案件30件，其中撤销、变更、确认违法和责令履行共7件。", "共7件"),
    ("区级复议机关审结案件52件，其中撤销、确认违法的共6件。", "共6件"),
])
def test_outcome_list_counts_the_corrections(text, figure):
    m = mapped(text, figure)
    assert (m.notation, m.rule) == ("reconsideration.corrected", "outcome-list")


@pytest.mark.parametrize("text, figure", [
    ("县政府审结行政复议案件30件，其中维持18件，撤销5件。", "撤销5件"),
    ("市复议机关审结案件45件，维持30件，确认违法3件。", "确认违法3件"),
])
def test_one_outcome_alone_is_not_the_corrected_count(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure, want", [
    ("县司法局对现行规范性文件进行全面清理。共废止12件。", "废止12件", "normative_documents.cleaned_up"),
    ("县政府组织开展规范性文件专项清理。其中修改5件。", "修改5件", "normative_documents.cleaned_up"),
])
def test_a_sentence_opening_with_the_figure_takes_the_last_sentences_topic(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure", [
    ("全市行政复议机构审结案件300件。以撤销、变更等方式纠正违法行政行为41件，直接纠错率13.7%。", "13.7%"),
    ("区政府依法审理行政复议案件。对违法行政行为予以纠正9件，纠错率15%。", "15%"),
])
def test_a_sentence_with_a_kindred_measure_goes_on_with_the_last_topic(text, figure):
    assert notation(text, figure) == "reconsideration.correction_rate"


@pytest.mark.parametrize("text, figure", [
    ("将习近平法治思想纳入理论学习重点内容。今年以来，街道党工委中心组理论学习15次。", "学习15次"),
    ("把宪法列为年度学习重点。本年度机关党委中心组集中学习20次。", "学习20次"),
])
def test_no_topic_is_borrowed_over_a_sentence_that_opens_with_something_else(text, figure):
    assert notation(text, figure) is None


# ---------------------------------------------------------------- the traps of the issue

@pytest.mark.parametrize("text, figure, want, qualifier", [
    ("复议机关审结案件80件，直接纠错率18.2%，综合纠错率25.1%。", "18.2%", "reconsideration.correction_rate", "direct"),
    ("复议机关审结案件80件，直接纠错率18.2%，综合纠错率25.1%。", "25.1%",
     "reconsideration.overall_correction_rate", ""),
    ("全区行政复议综合纠错率为21%。", "21%", "reconsideration.overall_correction_rate", ""),
    ("全区行政复议纠错率为9.5%。", "9.5%", "reconsideration.correction_rate", ""),
])
def test_direct_and_overall_correction_rates_are_different_indicators(text, figure, want, qualifier):
    m = mapped(text, figure)
    assert (m.notation, m.qualifier) == (want, qualifier)


@pytest.mark.parametrize("text, figure", [
    ("县政府承办人大代表建议36件，办复率100%。", "100%"),
    ("向法院反馈司法建议落实情况，采纳率95%。", "95%"),
    ("检察建议办复率达到百分之百。", "百分之百"),
])
def test_reply_and_adoption_rates_measure_no_indicator(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure", [
    ("全县156个村（居）配备法律顾问。", "156个"),
    ("村（社区）法律顾问180名实现全覆盖。", "180名"),
    ("全镇聘请法律顾问的行政村12个。", "12个"),
])
def test_village_legal_advisers_are_not_government_advisers(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure, qualifier", [
    ("县政府聘请法律顾问4名。", "4名", "legal_adviser"),
    ("县直部门配备公职律师15名。", "15名", "public_lawyer"),
])
def test_government_advisers_and_public_lawyers(text, figure, qualifier):
    m = mapped(text, figure)
    assert (m.notation, m.qualifier) == ("legal_advisers.count", qualifier)


@pytest.mark.parametrize("text, figure, want", [
    ("行政机关负责人出庭应诉率100%。", "100%", "litigation.head_appearance_rate"),
    ("被诉单位负责人出庭率达到92%。", "92%", "litigation.head_appearance_rate"),
    ("区级行政机关出庭应诉率100%。", "100%", None),
    ("全县行政应诉率100%。", "100%", None),
    ("行政机关负责人出庭应诉26件次。", "26件次", "litigation.head_appearances"),
])
def test_head_appearance_rate_needs_the_heads(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure, want", [
    ("复议机关依法纠错12件。", "纠错12件", "reconsideration.corrected"),
    ("复议机关依法纠错率12%。", "12%", "reconsideration.correction_rate"),
    ("一审行政诉讼案件40件，败诉3件，败诉率7.5%。", "败诉3件", "litigation.lost"),
    ("一审行政诉讼案件40件，败诉3件，败诉率7.5%。", "7.5%", "litigation.loss_rate"),
    ("重大执法决定法制审核32件。", "32件", None),
    ("重大执法决定法制审核率100%。", "100%", "enforcement.major_decision_review_rate"),
])
def test_a_percentage_is_a_rate_and_a_count_is_not(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure, kw", [
    ("到2025年，行政机关负责人出庭应诉率达到100%。", "100%", {}),
    ("力争全区行政复议纠错率控制在15%以内。", "15%", {}),
    ("全市行政机关负责人出庭应诉率达到100%。", "100%", {"kind": "plan", "period": "2023", "doc_period": "2023"}),
    ("重大执法决定法制审核率达到100%。", "100%", {"kind": "notice", "period": "", "doc_period": "2024"}),
])
def test_a_target_is_not_a_measurement(text, figure, kw):
    assert notation(text, figure, **kw) is None


def test_a_plans_figure_of_a_past_year_is_a_measurement():
    text = "2022年，全市行政复议机关共审结行政复议案件1030件。"
    assert notation(text, "1030件", kind="plan", period="2022", doc_period="2023") == "reconsideration.closed"


@pytest.mark.parametrize("text, figure", [
    ("行政复议案件共35件，同比增长12.5%。", "12.5%"),
    ("一审败诉率同比下降3.2%。", "3.2%"),
    ("持证行政执法人员较上年增加130名。", "130名"),
    ("负责人出庭应诉率较上年提高5个百分点。", "5个百分点"),
])
def test_a_change_is_not_a_level(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure", [
    ("对于涉及重大公共利益的案件，被诉行政机关负责人出庭率达100%。", "100%"),
    ("对社会高度关注的案件，行政机关负责人出庭应诉率100%。", "100%"),
])
def test_a_rate_over_some_kinds_of_case_is_not_the_indicator(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure", [
    ("审结行政复议案件40件，通过调解和解结案11件。", "结案11件"),
    ("行政复议案件收案60件，其中调解撤回5件。", "5件"),
    ("全年街道被申请行政复议1件。", "1件"),
    ("人民调解委员会调解纠纷300件，调解成功290件。", "290件"),
])
def test_parts_and_other_measures_of_the_same_cases_are_not_the_indicator(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure, want", [
    ("全县各类行政审批事项精简至150项。", "150项", "approval.items"),
    ("全县精简行政审批事项20项。", "20项", None),
    ("县级保留行政许可事项186项。", "186项", "approval.items"),
    ("取消县级行政许可事项7项。", "7项", None),
])
def test_an_excluded_word_before_to_gives_the_level(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure", [
    ("全年审查规范性文件、合同协议60份。", "60份"),
    ("清理涉企规章和规范性文件，废止9件。", "废止9件"),
])
def test_two_subjects_in_one_figure_give_none(text, figure):
    assert notation(text, figure) is None


@pytest.mark.parametrize("text, figure, want", [
    ("备案审查设区市规章12件、部门规范性文件80件。", "80件", "normative_documents.filed"),
    ("备案审查县政府部门规范性文件31件。", "31件", "normative_documents.filed"),
    ("全年审核县政府规范性文件14件。", "14件", "normative_documents.reviewed"),
])
def test_the_longer_measure_word_is_the_one_the_text_says(text, figure, want):
    assert notation(text, figure) == want


@pytest.mark.parametrize("text, figure, want", [
    ("執法人員人均參加培訓52學時。", "52学时", "enforcement.training_hours"),
    ("全年辦結行政復議案件7件。", "7件", "reconsideration.closed"),
])
def test_traditional_text_is_read_simplified(text, figure, want):
    """The hook hands the mapping the simplified view of the text (same offsets)."""
    from fazhi.loaders.text import to_simplified

    assert notation(to_simplified(text), figure) == want


def test_words_cut_the_figure_out_of_its_own_clause():
    w = read_words(Observation("党委会议专题研究", "次", "区委常委会5次专题研究法治建设，学法3次", value=5))
    assert w.metric == "区委常委会专题研究法治建设" and w.before == "区委常委会"


def test_the_scheme_reads_qualifiers_in_the_files_order():
    received = load_scheme().by_notation("reconsideration.received")
    assert [w for w, _ in received.qualifiers][:2] == ["受理", "收到"]
    assert mapped("收到行政复议申请21件，依法受理行政复议申请19件。", "19件").qualifier == "accepted"
