"""Figures in shapes beyond "number + measure word" (loaders/extract/figures.py), each rule with sentences from
different reports' constructions (paraphrased or invented), and what is no figure."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report

REPORT = "示例县人民政府关于2021年度法治政府建设情况的报告\n\n"
PLAN = "示例县2022年法治政府建设工作要点\n\n"


def stats(body: str, head: str = REPORT) -> set[tuple[float, str]]:
    doc = read_report(Path("t.txt"), raw=head + body + "\n")
    return {(s.value, s.unit) for s in doc.facts.statistics}


@pytest.mark.parametrize("body, figures", [
    ("动态调整权责清单，本级权责事项由1320项调减至1236项。", {(1320, "项"), (1236, "项")}),
    ("省级行政许可事项由386项减少至271项，取消证明材料1102项。", {(386, "项"), (271, "项"), (1102, "项")}),
    ("执法人员由120名增加到156名。", {(120, "名"), (156, "名")}),
])
def test_both_ends_of_a_change_are_figures(body, figures):
    assert figures <= stats(body)


def test_a_limit_written_with_you_stays_a_duty():
    assert not stats("现场检查由2名以上执法人员进行。")


@pytest.mark.parametrize("body, figure", [
    ("先后开展了“五轮”减证便民行动。", (5, "轮")),
    ("推进审批事项精简，开展“三轮”清理。", (3, "轮")),
])
def test_a_count_in_quotes_is_a_figure(body, figure):
    assert figure in stats(body)


@pytest.mark.parametrize("body", ["严格落实“三项制度”。", "增强“四个意识”，做到“两个维护”。"])
def test_slogans_in_quotes_stay_slogans(body):
    assert not stats(body)


@pytest.mark.parametrize("body, figures", [
    ("选取2市5县开展依法治理示范试点。", {(2, "市"), (5, "县")}),
    ("在2县1区开展信用分级分类监管试点。", {(2, "县"), (1, "区")}),
    ("选定3个乡镇、5个街道开展试点。", {(3, "个"), (5, "个")}),
])
def test_places_counted_by_their_kind(body, figures):
    assert figures <= stats(body)


@pytest.mark.parametrize("body", ["开通12345市民热线，受理诉求。", "全市共有县级市2个。"])
def test_a_lone_place_word_after_a_number_counts_nothing(body):
    assert all(u not in ("市", "县", "区") for _, u in stats(body))


@pytest.mark.parametrize("body", [
    "对执法不规范的问题，欢迎社会各界监督，请拨打监督电话25078866",
    "办理中如有疑问，可咨询服务热线：87654321",
])
def test_a_telephone_number_the_text_ends_on_is_no_figure(body):
    assert not stats(body)


def test_a_list_of_counts_cut_off_after_its_last_figure_keeps_it():
    got = stats("本年度清退违规经营主体，注销企业120家、个体经营户3456")
    assert (120, "家") in got and any(v == 3456 for v, _ in got)


@pytest.mark.parametrize("body", [
    "认真落实市委五届三次、四次全会和县委十四届六次全会精神。",
    "深入学习贯彻党的十九届二中、三中全会和省委十一届九次全会精神。",
])
def test_session_ordinals_are_no_counts(body):
    assert not {f for f in stats(body) if f[1] == "次"}


def test_counted_meetings_stay_counts():
    assert (3, "次") in stats("县政府常务会议专题研究法治工作3次。")


@pytest.mark.parametrize("body, rank", [
    ("将习近平法治思想列入村居党支部学习第一议题。", None),
    ("法治政府建设考核综合排名居全市第三。", 3),
])
def test_a_rank_needs_a_rank_word(body, rank):
    ranks = {v for v, u in stats(body) if u == "名"}
    assert ranks == ({rank} if rank else set())


@pytest.mark.parametrize("body", [
    "推进政务服务“一网通办”，网上可办率达到95%以上。",
    "行政机关负责人出庭应诉率保持在100%。",
])
def test_a_plans_figures_are_targets(body):
    assert not stats(body, PLAN)
    assert stats(body.replace("以上", ""))          # the same words in a report are what was reached
    assert stats("2021年，" + body, PLAN)            # and in a plan about the year before




@pytest.mark.parametrize("body, figure, words", [
    # (a hard-wrapped line is a full line of the page; a short line before is a heading: see clauses.wrap_start)
    ("深化改革，县级行政许可事项精简至198项，全年新登记市场主体\n6213户。", (6213, "户"), "市场主体"),
    ("全年审核规范性文件9件，清理规范性文件47件，其中废止\n6件、修改3件。", (6, "件"), "废止"),
])
def test_a_figure_cut_from_its_words_by_a_hard_line_break(body, figure, words):
    doc = read_report(Path("t.txt"), raw=REPORT + body + "\n")
    got = [s for s in doc.facts.statistics if (s.value, s.unit) == figure]
    assert got and words in got[0].metric and "\n" not in got[0].metric


def metrics(body: str) -> dict[float, str]:
    doc = read_report(Path("t.txt"), raw=REPORT + body + "\n")
    return {s.value: s.metric for s in doc.facts.statistics}


@pytest.mark.parametrize("body, expected", [
    # a verb and a noun shared by the names (办理 … 案件)
    ("全县办理行政复议、行政应诉案件分别为14件、9件。", {14: "办理行政复议案件", 9: "办理行政应诉案件"}),
    # two verbs sharing one object, joined by 和
    ("今年以来，受理和办结信访事项分别是120件和118件。", {120: "受理信访事项", 118: "办结信访事项"}),
    # three names, 达到
    ("组织执法培训、法治讲座、以案释法活动分别达到6场、4场、3场。",
     {6: "组织执法培训", 4: "组织法治讲座", 3: "组织以案释法活动"}),
])
def test_names_and_figures_paired_by_fenbie(body, expected):
    got = metrics(body)
    assert {v: got.get(v) for v in expected} == expected


def test_lists_of_unequal_length_are_not_paired():
    got = metrics("全县受理、办结、答复信访事项分别为30件、28件。")
    assert got[30] != "受理信访事项" or got[28] != "办结信访事项"
