"""Statistics, duties, awards and the smaller facts, read from small invented reports through the real pipeline."""
from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report

HEAD = "示范县人民政府关于2021年度法治政府建设工作情况的报告\n\n市政府:\n\n"
TAIL = "\n\n示范县人民政府\n2022年3月1日"


def read(body: str, head: str = HEAD):
    return read_report(Path("invented.txt"), raw=head + body + TAIL)


def stats(body: str):
    return [(s.value, s.unit, s.qualifier) for s in read(body).facts.statistics]


# --- statistics -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ("全年办结行政复议案件23件。", [(23, "件", "exact")]),
    ("共接待群众300余人次。", [(300, "人次", "more_than")]),
    ("培训干部3000多人。", [(3000, "人", "more_than")]),
    ("满意度达95%以上。", [(95, "%", "at_least")]),
    ("发生率在5%以下。", [(5, "%", "at_most")]),
    ("发放宣传手册10万册。", [(100000, "册", "exact")]),
    ("受教育群众约1.2万人次。", [(12000, "人次", "approx")]),
    ("全县行政执法人员1 365人。", [(1365, "人", "exact")]),
    ("全镇辖二十三个行政村。", [(23, "个", "exact")]),
    ("举办两期法治讲座。", [(2, "期", "exact")]),
    ("纠错率达百分之十五点五。", [(15.5, "%", "exact")]),
    ("连续8年开展述法考核。", [(8, "年", "exact")]),
    ("其中有9案申请人撤回申请。", [(9, "件", "exact")]),
    ("各单位均举办学习会议不少于1期。", [(1, "期", "at_least")]),
    ("案件类警情降幅排名全市各区第一。", [(1, "名", "exact")]),
    ("罚没款共计1.2亿元。", [(120000000, "元", "exact")]),
    ("召开3次专题会议。", [(3, "次", "exact")]),
    ("全县百余家企业参加培训。", [(100, "家", "more_than")]),
    ("近千人次参与活动。", [(1000, "人次", "approx")]),
])
def test_statistics_values(body, expected):
    assert stats(body) == expected


@pytest.mark.parametrize("body", [
    "2020年7月31日,县公安局召开会议。",                     # a date
    "印发《实施意见》(示政〔2021〕14号)。",                   # a document number
    "一、依法全面履行政府职能\n1.深化改革。二是加强监管。",      # heading numbers
    "县公安局被确定为第二批示范单位。",                        # an ordinal
    "依照《行政处罚法》第三十三条处理。",                      # an article number
    "对60岁以上老人开展法治宣传。",                           # an age
    "学习《法治政府建设实施纲要(2021—2025年)》。",            # inside a title
    "实现“最多跑一次”,增强“四个意识”,做到“两个维护”。",       # slogans
    "建立罚缴分离和收支两条线管理制度。",                      # an idiom
    "拨打12345热线反映问题。",                                # a hotline number
    "承诺办理时限不超过5个工作日。",                           # a duty's limit
    "应当在受理之日起20个工作日内作出决定。",                   # a duty's limit
    "每年至少组织1次案卷评查。",                               # a frequency duty
    "对近五年来败诉案件全面梳理。",                            # a time frame
    "坚持每周三组织集中学习。",                                # a weekday
    "力争行政复议纠错率达到15%以上。",                          # a target
    "深入学习党的十九届五中全会精神。",                          # a plenary session
    "实施三年行动计划,推动“十四五”规划落地。",                   # a plan's span
    "千家万户受益,实现四个全覆盖。",                              # idioms
    "上午8时30分召开会议,提供7×24小时在线服务。",                 # clock times, service hours
])
def test_not_statistics(body):
    assert stats(body) == []


def test_breakdown_links_parts_to_their_total():
    f = read("办结行政复议案件23件,其中撤回9件、纠正5件,按时受理率、办结率均达到100%。").facts
    values = [(s.value, s.metric) for s in f.statistics]
    assert [v for v, _ in values] == [23, 9, 5, 100, 100]
    assert [s.total_of for s in f.statistics[:3]] == [None, 0, 0]
    assert {m for v, m in values if v == 100} == {"按时受理率", "办结率"}


def test_statistic_evidence_subject_and_period():
    doc = read("2019年,县法院受理行政案件12件。全年调解纠纷2231件。")
    s1, s2 = doc.facts.statistics
    assert doc.text[s1.span[0]:s1.span[1]] == "县法院受理行政案件12件"
    # subjects are canonical: the report's own county qualifies 县法院, though no dataset lists 示范县
    assert s1.subject == "示范县人民法院" and s1.period == "2019"
    assert s2.subject == "示范县" and s2.period == "2021" and s2.metric == "调解纠纷"


def test_a_departments_figures_are_its_own_unless_about_the_whole_place():
    head = "上蔡县市场监督管理局2021年度法治政府建设工作情况的报告\n\n"
    doc = read_report(Path("invented.txt"), raw=head + "全年查处违法案件12件。全县市场主体达到3000户。"
                                                 "\n\n上蔡县市场监督管理局\n2022年3月1日")
    assert doc.meta.issuer == "上蔡县市场监督管理局" and doc.meta.jurisdiction == "上蔡县"
    assert [(s.value, s.subject) for s in doc.facts.statistics] == [(12, "上蔡县市场监督管理局"), (3000, "上蔡县")]


def test_a_figure_that_borrows_the_clause_before_keeps_whole_words():
    """罚没款 alone says too little, so it takes the clause before; a body naming itself there is the subject,
    not half a name cut at a fixed length (场监管局...)."""
    f = read("县市场监管局办理行政处罚案件86件,罚没款15.6万元。").facts
    fine = next(s for s in f.statistics if s.value == 156000)
    assert fine.metric == "办理行政处罚案件罚没款" and fine.subject == "示范县市场监督管理局"
    f = read("组织全体党员干部开展“人人登台讲法治”活动,覆盖率达60%。").facts
    assert f.statistics[0].metric.startswith("“人人登台讲法治”活动")


def test_traditional_report_reads_like_simplified():
    doc = read_report(Path("t.txt"), raw="臺山市司法局2023年法治政府建設年度報告\n\n全年共收到行政復議申請一百二十六件,"
                                         "發放宣傳資料1.5萬份。")
    assert [(s.value, s.unit) for s in doc.facts.statistics] == [(126, "件"), (15000, "份")]
    s = doc.facts.statistics[0]
    assert "復議" in doc.text[s.span[0]:s.span[1]]        # evidence is quoted as printed


# --- duties ----------------------------------------------------------------------------------------------

def duties(body, head=HEAD):
    return [(o.limit_kind, o.limit_value, o.limit_unit) for o in read(body, head).facts.obligations]


@pytest.mark.parametrize("body,expected", [
    ("行政执法机关应当在执法决定作出之日起20个工作日内公开执法信息。", [("within", 20, "工作日")]),
    ("每年开展行政执法人员专题培训不少于40学时。", [("no_less_than", 40, "学时")]),
    ("承诺办理时限不超过5个工作日。", [("no_more_than", 5, "工作日")]),
    ("行政执法机关于每年1月31日前公开上年度行政执法总体情况。", [("deadline", None, "")]),
    ("政府常务会议每半年听取一次法治政府建设工作汇报。", [("frequency", 1, "次")]),
    ("行政执法人员严格执行2人以上执法规定。", [("no_less_than", 2, "人")]),
    ("分值权重不低于总分值的10%。", [("no_less_than", 10, "%")]),
    ("严格落实国家工作人员宪法宣誓制度。", [("", None, "")]),
    ("现行文件已有部署的,不得重复发文。", [("", None, "")]),
])
def test_duty_limits(body, expected):
    assert duties(body) == expected


def test_descriptive_sentences_are_not_duties():
    assert duties("全年调解纠纷2231件,群众满意度明显提升。") == []


def test_duty_bearer_and_source_document():
    doc = read("县司法局应当于每年3月底前报送年度报告。严格按照《河南省规范性文件管理办法》规定执行。")
    o1, o2 = doc.facts.obligations
    assert o1.bearers == ["示范县司法局"] and o1.limit_kind == "deadline"
    assert o2.source_document == "t:河南省规范性文件管理办法"


def test_work_plan_tasks_with_responsibility_notes():
    head = "示范市2022年法治政府建设工作要点\n\n"
    body = ("一、加强领导\n1.将法治建设纳入年度工作计划,同部署同推进。〔牵头单位:市政府办公室、市司法局;责任单位:"
            "市政府各部门,各县(市、区)人民政府〕\n2.开展规范性文件清理。\n责任单位:市司法局")
    tasks = read(body, head).facts.obligations
    assert tasks[0].leads == ["示范市人民政府办公室", "示范市司法局"]
    assert tasks[0].bearers == ["市政府各部门", "各县(市、区)人民政府"]     # collectives kept as written
    assert tasks[0].text.startswith("将法治建设纳入年度工作计划")
    assert tasks[1].bearers == ["示范市司法局"] and tasks[1].text.startswith("开展规范性文件清理")


def test_unbracketed_notes_and_lists_that_are_not_tasks():
    body = ("一、获得荣誉\n1.县司法局被司法部评为全国法治政府建设示范项目。\n二、工作任务\n"
            "5.推进行政执法三项制度落地 牵头单位:县司法局 责任单位:各行政执法部门\n6.开展案卷评查")
    f = read(body).facts
    assert [(o.text, o.leads, o.bearers) for o in f.obligations] == [
        ("推进行政执法三项制度落地", ["示范县司法局"], ["各行政执法部门"]), ("开展案卷评查", [], ["示范县人民政府"])]
    assert [(a.recipient, a.title) for a in f.awards] == [("示范县司法局", "全国法治政府建设示范项目")]


def test_work_plan_table():
    head = "示范市重点任务分解表\n\n"
    body = "序号 | 重点任务 | 牵头单位 | 完成时限\n1 | 开展规范性文件专项清理 | 市司法局 | 9月底前\n" \
           "2 | 推行行政执法三项制度 | 市司法局、市市场监管局 | 12月底前"
    tasks = read(body, head).facts.obligations
    assert [(t.text, t.bearers) for t in tasks] == [("开展规范性文件专项清理", ["示范市司法局"]),
                                                   ("推行行政执法三项制度", ["示范市司法局", "示范市市场监督管理局"])]


# --- awards ----------------------------------------------------------------------------------------------

def awards(body):
    return [(a.recipient, a.title, a.conferred_by, a.date) for a in read(body).facts.awards]


def test_passive_award_with_date_and_conferring_bodies():
    assert awards("2020年7月31日,县公安局被省人民政府命名为第二批河南省依法行政示范单位,五龙镇人民政府被市法治"
                  "政府建设领导小组确定为2020年度行政执法责任制示范点。") == [
        ("示范县公安局", "第二批河南省依法行政示范单位", ["河南省人民政府"], "2020-07-31"),
        ("五龙镇人民政府", "2020年度行政执法责任制示范点", ["市法治政府建设领导小组"], "")]


def test_award_abbreviation_and_joint_conferral():
    assert awards("2020年12月石佛村调委会被国家卫健委、司法部联合表彰为“全国先进基层人民调解委员会”。") == [
        ("示范县石佛村人民调解委员会", "全国先进基层人民调解委员会", ["国家卫生健康委员会", "司法部"], "2020-12")]


def test_active_award_self_reference_and_recipient_list():
    assert awards("我县连续四年获得全市法治建设考核优秀等次。") == [("示范县", "全市法治建设考核优秀等次", [], "")]
    got = awards("甲山、乙水、丙河司法所完成验收。均被授予“枫桥式”司法所。")
    assert [r for r, *_ in got] == ["甲山司法所", "乙水司法所", "丙河司法所"]
    assert {t for _, t, *_ in got} == {"“枫桥式”司法所"}


def test_award_titles_of_the_genre():
    assert awards("我县荣获全省普法依法治理先进县,获得群众一致好评。县法院、县检察院分别被评为全省法院系统先进集体和"
                  "全省检察机关先进集体。") == [
        ("示范县", "全省普法依法治理先进县", [], ""), ("示范县人民法院", "全省法院系统先进集体", [], ""),
        ("示范县人民检察院", "全省检察机关先进集体", [], "")]


def test_negative_findings_are_not_awards():
    assert awards("没有发生被人民法院认定为不合法的情况。") == []


# --- advisers, institutions, problems, next steps --------------------------------------------------------

def test_adviser_statements():
    f = read("县政府及各乡镇各部门都聘请了专职律师为法律顾问。仍有2个村尚未聘请法律顾问。").facts
    assert [(a.units, a.has_adviser) for a in f.advisers] == [("县政府及各乡镇各部门", True), ("2个村", False)]


def test_institutions_problems_and_next_steps():
    body = ("一、主要做法\n全面推行行政执法公示制度,建立行政执法日常检查监督机制。\n二、存在问题\n一是执法力量不足。"
            "二是监督方式单一。\n三、下一步工作打算\n(一)持续推进依法行政,完成年度任务。\n(二)强化行政执法监督。")
    f = read(body).facts
    names = [i.name for i in f.institutions]
    assert "行政执法公示制度" in names and "行政执法日常检查监督机制" in names
    assert [p.text for p in f.problems] == ["执法力量不足。", "监督方式单一。"]
    assert [n.text for n in f.next_steps] == ["持续推进依法行政", "强化行政执法监督"]


# places whose names hold a word that elsewhere joins or counts (和, 共, 都): one body each, not two
@pytest.mark.parametrize("issuer,province", [
    ("呼和浩特市人民政府", "内蒙古自治区人民政府"), ("平和县司法局", "福建省人民政府"),
    ("共和县人民政府", "青海省人民政府"), ("兴和县司法局", "内蒙古自治区人民政府"),
    ("都江堰市司法局", "四川省人民政府")])
def test_a_place_name_holding_a_joining_word_stays_one_recipient(issuer, province):
    head = f"{issuer}2022年法治政府建设工作报告\n\n"
    body = f"今年{issuer}完成复议案件12件。{issuer}被省人民政府评为“法治政府建设示范单位”。"
    f = read_report(Path("invented.txt"), raw=head + body + f"\n\n{issuer}\n2023年2月1日").facts
    assert [(a.recipient, a.conferred_by) for a in f.awards] == [(issuer, [province])]
    assert issuer in [a.name for a in f.agencies]


def test_a_pair_of_bodies_joined_by_he_is_still_two_recipients():
    f = read("县公安局和县司法局均被市人民政府评为“法治政府建设先进单位”。").facts
    assert sorted(a.recipient for a in f.awards) == ["示范县公安局", "示范县司法局"]
