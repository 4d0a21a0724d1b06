"""Every statistics, duty and award rule kept from before this round, with a second sentence in another report's
words (the first of each is in test_extract_facts.py): a rule that serves one sentence fails here."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report

HEAD = "示例县人民政府关于2022年度法治政府建设情况的报告\n\n市人民政府:\n\n"
TAIL = "\n\n示例县人民政府\n2023年2月20日"


def read(body: str):
    return read_report(Path("second.txt"), raw=HEAD + body + TAIL)


def stats(body: str):
    return [(s.value, s.unit, s.qualifier) for s in read(body).facts.statistics]


@pytest.mark.parametrize("body,expected", [
    ("全年审结行政应诉案件41件。", [(41, "件", "exact")]),
    ("接受法律咨询2800余人次。", [(2800, "人次", "more_than")]),
    ("参训执法人员600多人。", [(600, "人", "more_than")]),
    ("群众满意率保持在98%以上。", [(98, "%", "at_least")]),
    ("案件差错率在3%以下。", [(3, "%", "at_most")]),
    ("印制普法读本2.5万册。", [(25000, "册", "exact")]),
    ("覆盖群众约3.6万人次。", [(36000, "人次", "approx")]),
    ("全市持证执法人员2 108人。", [(2108, "人", "exact")]),
    ("全乡共有十二个村民委员会。", [(12, "个", "exact")]),
    ("组织三期执法培训。", [(3, "期", "exact")]),
    ("行政复议直接纠错率为百分之八点二。", [(8.2, "%", "exact")]),
    ("已连续12年开展法治政府建设考评。", [(12, "年", "exact")]),
    ("其中5案经调解后撤回。", [(5, "件", "exact")]),
    ("各乡镇均开展专题学法不少于2次。", [(2, "次", "at_least")]),
    ("依法行政考核位列全省第二名。", [(2, "名", "exact")]),
    ("挽回经济损失共计3.8亿元。", [(380000000, "元", "exact")]),
    ("开展5次联合执法检查。", [(5, "次", "exact")]),
    ("全市百余个村（社区）建成法治文化阵地。", [(100, "个", "more_than")]),
    ("近千名群众现场旁听庭审。", [(1000, "名", "approx")]),
])
def test_statistics_values_in_other_words(body, expected):
    assert stats(body) == expected


@pytest.mark.parametrize("body", [
    "2021年3月15日，县司法局召开专题会议。",                     # a date
    "转发《关于加强执法监督的通知》(示司发〔2022〕9号)。",          # a document number
    "二、完善制度体系\n3.健全规则。三是强化监督。",                  # heading numbers
    "县税务局被命名为第三批诚信示范单位。",                         # an ordinal
    "依据《行政许可法》第四十二条办理。",                           # an article number
    "对70岁以上老人上门服务。",                                    # an age
    "学习《法治社会建设实施纲要(2020—2025年)》。",                  # inside a title
    "落实“放管服”改革，践行“马上就办”，坚持“两个毫不动摇”。",       # slogans
    "坚持收支两条线，落实三项制度。",                               # idioms
    "开通12345政务服务便民热线。",                                  # a hotline
    "办理时限压缩至不超过3个工作日。",                              # a duty's limit
    "须在收到申请之日起15个工作日内答复。",                          # a duty's limit
    "每季度至少开展1次执法检查。",                                  # a frequency duty
    "对近三年来的规范性文件全面清理。",                              # a time frame
    "坚持每周五下午集中学法。",                                      # a weekday
    "力争执法案卷优秀率达到90%以上。",                              # a target
    "认真学习党的二十届三中全会精神。",                              # a plenary session
    "实施五年规划，推动“八五”普法落地。",                           # a plan's span
    "惠及千家万户，做到三个全覆盖。",                                # idioms
    "下午2时15分开庭，窗口提供5×8小时服务。",                        # clock times, service hours
])
def test_not_statistics_in_other_words(body):
    assert stats(body) == []


def duties(body: str):
    return [(o.limit_kind, o.limit_value, o.limit_unit) for o in read(body).facts.obligations]


@pytest.mark.parametrize("body,expected", [
    ("行政机关应当在收到申请之日起15个工作日内作出答复。", [("within", 15, "工作日")]),
    ("领导干部每年参加法治培训不少于16学时。", [("no_less_than", 16, "学时")]),
    ("企业开办时间不超过3个工作日。", [("no_more_than", 3, "工作日")]),
    ("各部门于每年12月20日前报送年度法治工作总结。", [("deadline", None, "")]),
    ("县委常委会每年听取两次法治建设工作汇报。", [("frequency", 2, "次")]),
    ("现场执法严格执行2名以上执法人员规定。", [("no_less_than", 2, "名")]),
    ("法治建设在绩效考核中的权重不低于5%。", [("no_less_than", 5, "%")]),
    ("严格落实重大行政决策合法性审查制度。", [("", None, "")]),
    ("已经清理的文件，不得再作为执法依据。", [("", None, "")]),
])
def test_duty_limits_in_other_words(body, expected):
    assert duties(body) == expected


def test_a_report_of_results_states_no_duty():
    assert duties("全年化解矛盾纠纷1250件，群众满意度进一步提高。") == []


def awards(body: str):
    return [(a.recipient, a.title, a.conferred_by, a.date) for a in read(body).facts.awards]


def test_passive_award_with_date_and_conferring_body_in_other_words():
    got = awards("2022年11月，县税务局被省人民政府命名为第三批依法行政示范单位。")
    assert [(t, d) for _, t, _, d in got] == [("第三批依法行政示范单位", "2022-11")]
    assert got[0][0].endswith("税务局") and got[0][2] and got[0][2][0].endswith("人民政府")


def test_joint_conferral_and_a_committee_abbreviated_in_other_words():
    got = awards("东岗村调委会被司法部、民政部联合表彰为“全国模范人民调解委员会”。")
    assert got and got[0][0].endswith("东岗村人民调解委员会") and got[0][2] == ["司法部", "民政部"]


def test_recipients_named_in_the_sentence_before_in_other_words():
    got = awards("城关、南街、西关司法所通过省级验收。均被评为“规范化司法所”。")
    assert [r for r, *_ in got] == ["城关司法所", "南街司法所", "西关司法所"]


def test_paired_recipients_and_titles_in_other_words():
    got = awards("县公安局、县市场监管局分别被评为全省执法示范单位和全省市场监管系统先进集体。")
    assert [(r.endswith("公安局"), t) for r, t, *_ in got] == [(True, "全省执法示范单位"),
                                                              (False, "全省市场监管系统先进集体")]


def test_places_counted_not_named_receive_nothing_in_other_words():
    assert awards("全市共有5个乡镇被命名为市级法治示范乡镇。") == []


def test_a_kept_designation_in_other_words():
    got = awards("持续巩固省级法治政府建设示范县创建成果。")
    assert [t for _, t, *_ in got] == ["省级法治政府建设示范县"]


def test_negative_findings_in_other_words():
    assert awards("未出现被复议机关认定为违法的行政行为。") == []


# ---- documents: each rule of documents.py in other words ------------------------------------------------
def titles(body: str) -> dict[str, str]:
    return {d.title: d.number for d in read(body).facts.documents}


@pytest.mark.parametrize("body", ["在《以案说法》专栏连续刊发普法文章。", "在《人民日报》《法治日报》刊发经验文章。",
                                  "拍摄《守护》普法微电影并在网络播放。"])
def test_programmes_columns_and_newspapers_are_no_documents(body):
    assert titles(body) == {}


def test_a_short_name_and_a_bare_kind_refer_back():
    got = titles("贯彻《中华人民共和国行政复议法》（以下简称《复议法》），严格执行《复议法》和《条例》规定。")
    assert list(got) == ["中华人民共和国行政复议法"]


@pytest.mark.parametrize("body, title, number", [
    ("认真落实“示例省行政执法监督办法”（示政办发〔2020〕7号）。", "示例省行政执法监督办法", "示政办发〔2020〕7号"),
    ("严格执行《示例省行政执法公示办法》（省政府令第252号）。", "示例省行政执法公示办法", "省政府令第252号"),
])
def test_a_title_known_by_the_number_after_it(body, title, number):
    assert titles(body).get(title) == number


@pytest.mark.parametrize("body, expected", [
    ("贯彻落实浙江省法治政府建设实施方案 2021-2025年 的部署。", {"浙江省法治政府建设实施方案（2021-2025年）"}),
    ("对照法治政府建设实施纲要2021—2025年和江苏省法治政府建设实施方案2021—2025年要求，推进工作。",
     {"法治政府建设实施纲要（2021—2025年）", "江苏省法治政府建设实施方案（2021—2025年）"}),
])
def test_plans_whose_marks_were_lost_keep_their_span_of_years(body, expected):
    assert expected <= set(titles(body))


@pytest.mark.parametrize("body, number", [("按照示政办〔2021〕8号文件要求，开展清理。", "示政办〔2021〕8号"),
                                          ("根据示发[2020]15号精神，部署工作。", "示发[2020]15号")])
def test_a_number_cited_alone_names_a_document(body, number):
    assert number in titles(body).values()
