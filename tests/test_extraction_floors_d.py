"""Generalisation checks on eval_d (invented reports in styles eval, eval_b and eval_c do not cover: a vertically
managed tax bureau, an autonomous county, a county-level city signing in Chinese numerals, a provincial 司法厅 citing
central bodies, a 天津 street office, a prefecture's 工作要点, a traditional-character 山西 county, a page scraped in
2025) scored by the shared scorer through the CLI, plus the rules behind them on real places."""
from pathlib import Path

import pytest
from test_extraction_floors_b import check, score

OWN = Path(__file__).parent / "data" / "eval_d"
# measured 2026-11 (8 reports, final gold): agencies R=1.0 P=1.0; documents 1.0/1.0; statistics 1.0/1.0;
# obligations 1.0; awards 1.0
# (before the fixes, same gold: agencies 0.82/0.871, documents 0.947/0.97, statistics 0.993/1.0, obligations 0.88,
# awards 1.0 — the scorer's awards and obligations match loosely across files, so some misses did not show there)
FLOORS = {"agencies": {"recall": 0.95, "precision": 0.95}, "documents": {"recall": 0.95, "precision": 0.95},
          "statistics": {"recall": 0.95, "precision": 0.95}, "obligations": {"recall": 0.9},
          "awards": {"recall": 0.9}}


def test_floors_on_eval_d():
    check(score(OWN), FLOORS)


TAX = "国家税务总局郑州市金水区税务局"
ZZ = dict(province="河南省", city="郑州市", county="金水区", home="county")
SC = dict(province="河南省", city="驻马店市", county="上蔡县", home="county")


@pytest.mark.parametrize("mention, chain, issuer, expected", [
    # a vertically managed branch, and what its report calls 市局/省局
    (TAX, ZZ, "", TAX),
    ("市局", ZZ, TAX, "国家税务总局郑州市税务局"),
    ("省局", ZZ, TAX, "国家税务总局河南省税务局"),
    ("市局党委", ZZ, TAX, "中共国家税务总局郑州市税务局委员会"),
    ("市局", SC, "上蔡县市场监督管理局", "驻马店市市场监督管理局"),
    # a bureau's own units and bodies
    ("我局第二税务所", ZZ, TAX, TAX + "第二税务所"),
    ("本局依法治税领导小组", ZZ, TAX, TAX + "依法治税领导小组"),
    ("本局重大税务案件审理委员会", ZZ, TAX, TAX + "重大税务案件审理委员会"),
    ("法制大队", SC, "上蔡县公安局", "上蔡县公安局法制大队"),
    ("县农业执法大队", SC, "上蔡县公安局", "上蔡县农业执法大队"),
    # party and government offices with names of their own
    ("省委办公厅", dict(province="江西省", home="province"), "", "中共江西省委办公厅"),
    ("省人民政府行政复议办公室", dict(province="江西省", home="province"), "", "江西省人民政府行政复议办公室"),
    ("市政府督查室", dict(province="贵州省", city="遵义市", home="city"), "", "遵义市人民政府督查室"),
    ("市委督查督办局", dict(province="贵州省", city="遵义市", home="city"), "", "中共遵义市委督查督办局"),
    ("市编委办", dict(province="贵州省", city="遵义市", home="city"), "", "中共遵义市委机构编制委员会办公室"),
    ("县文物局", dict(province="山西省", city="晋中市", county="平遥县", home="county"), "", "平遥县文物局"),
    # a community's committee written 居委会, in a street office of a municipality's district
    ("平江南里社区居委会", dict(province="天津市", city="天津市", county="河西区", township="友谊路街道", home="township"),
     "", "天津市河西区友谊路街道平江南里社区居民委员会"),
])
def test_resolution_of_new_forms(places, mention, chain, issuer, expected):
    from fazhi.loaders.extract.orgnames import canonical

    got = canonical(mention, places(**chain), issuer)
    assert got is not None and got.name == expected, (mention, got)


@pytest.mark.parametrize("number, chain, issuers", [
    ("雲發〔2016〕29號", dict(province="云南省"), ["中共云南省委", "云南省人民政府"]),
    ("黔党发〔2016〕20号", dict(province="贵州省", city="遵义市"), ["中共贵州省委"]),
    ("晋发〔2016〕38号", dict(province="山西省", city="晋中市", county="平遥县"), ["中共山西省委", "山西省人民政府"]),
    # 晋 opens 晋江's own numbers: not 山西's in a 福建 report
    ("晋政办〔2019〕26号", dict(province="福建省", city="泉州市", county="晋江市"), []),
])
def test_number_issuers(places, number, chain, issuers):
    from fazhi.loaders.pipeline import read_report

    c = places(**chain, home="county" if chain.get("county") else "city")
    name = c.at("county") or c.at("city") or c.province
    raw = f"{name}人民政府关于2020年度法治政府建设情况的报告\n\n　　2020年，认真落实《示例实施方案》（{number}），依法行政。\n"
    docs = [d for d in read_report(Path("t.txt"), raw=raw).facts.documents if d.number]
    assert docs and docs[0].issuers == issuers


def _read(raw: str):
    from fazhi.loaders.pipeline import read_report

    return read_report(Path("t.txt"), raw=raw)


def test_vertical_branch_is_one_name_and_its_units_hang_under_it(places):
    doc = _read(f"{TAX}2023年法治政府建设情况报告\n\n　　2023年，我局在省局和市局党委领导下依法治税。"
                "调整本局依法治税领导小组，领导小组办公室设在法制股。我局第一税务所被省局命名为“示范税务所”。"
                "与各股室、税务所签订责任书12份。\n")
    by_name = {a.name: a for a in doc.facts.agencies}
    assert "国家税务总局" not in by_name and "郑州市金水区税务局" not in by_name
    assert {TAX, "国家税务总局河南省税务局", "中共国家税务总局郑州市税务局委员会", TAX + "依法治税领导小组",
            TAX + "依法治税领导小组办公室", TAX + "第一税务所"} <= set(by_name)
    assert by_name[TAX + "第一税务所"].parent == TAX
    assert not any(n.endswith("区税务所") for n in by_name)            # 各股室、税务所 is every one of them
    assert [(w.recipient, w.title) for w in doc.facts.awards] == [(TAX + "第一税务所", "示范税务所")]


def test_a_place_that_acts_is_not_the_start_of_a_name(places):
    doc = _read("晋江市人民政府关于2019年度法治政府建设情况的报告\n\n　　2019年，青阳街道建成街道法律服务工作站，"
                "市司法局联合安海镇开展普法活动12场。\n")
    names = {a.name for a in doc.facts.agencies}
    assert "晋江市青阳街道办事处" in names and "晋江市安海镇人民政府" in names
    assert not any("建成" in n for n in names)


def test_office_named_back_without_its_group(places):
    doc = _read("抚松县人民政府关于2024年度法治政府建设情况的报告\n\n　　一、调整县法治政府建设领导小组。"
                "领导小组下设办公室，办公室设在县司法局。\n　　二、办公室牵头开展法治督察2轮。\n")
    offices = [a for a in doc.facts.agencies if a.name == "抚松县法治政府建设领导小组办公室"]
    assert offices and offices[0].parent == "抚松县法治政府建设领导小组"


def test_inline_notes_and_consecutive_note_lines_of_a_plan(places):
    doc = _read("遵义市2018年法治政府建设工作要点\n\n　　1.推行权责清单动态管理。及时公布权力清单。（市编委办牵头，市财政局配合）\n"
                "　　2.深化审批改革。清理审批事项。\n　　牵头单位：市政府法制办\n　　责任单位：市公安局、市财政局\n")
    tasks = {o.text.split("。")[0]: o for o in doc.facts.obligations}
    assert tasks["推行权责清单动态管理"].leads == ["中共遵义市委机构编制委员会办公室"]
    assert tasks["推行权责清单动态管理"].bearers == ["遵义市财政局"]
    assert tasks["深化审批改革"].leads == ["遵义市人民政府法制办公室"]
    assert set(tasks["深化审批改革"].bearers) >= {"遵义市公安局", "遵义市财政局"}


def test_combined_problem_and_plan_section_turns_at_a_later_year():
    doc = _read("示例县人民政府关于2020年度法治政府建设情况的报告\n\n一、主要工作\n全年审查合同12份。\n"
                "二、存在问题和下一步打算\n基层力量薄弱。2021年，各乡镇每半年至少汇报1次法治工作。\n")
    assert any(o.limit_value == 1 and "每半年" in o.text for o in doc.facts.obligations)


def test_figures_and_awards_of_counted_things():
    doc = _read("示例省司法厅2023年法治政府建设年度报告\n\n　　2023年，厅公职律师团队由9名公职律师组成。"
                "全省有3个设区市被命名为法治政府建设示范市。\n")
    assert any(s.value == 9 and s.unit == "名" for s in doc.facts.statistics)
    assert not doc.facts.awards


def test_titles_known_by_their_numbers_when_brackets_are_lost(places):
    doc = _read("抚松县人民政府关于2024年度法治政府建设情况的报告\n\n2024年，对照法治政府建设实施纲要 2021-2025年 "
                "和吉林省法治政府建设实施方案 2021-2025年 吉发 2021 28号 的部署，依法行政。"
                "落实“吉林省行政执法监督办法”（吉政办发〔2023〕7号）。\n")
    docs = {d.title: d for d in doc.facts.documents}
    assert docs["吉林省法治政府建设实施方案（2021-2025年）"].number == "吉发〔2021〕28号"
    assert docs["吉林省法治政府建设实施方案（2021-2025年）"].issuers == ["中共吉林省委", "吉林省人民政府"]
    assert "法治政府建设实施纲要（2021-2025年）" in docs
    assert docs["吉林省行政执法监督办法"].number == "吉政办发〔2023〕7号"


@pytest.mark.parametrize("issuer", ["成都市武侯区市场监督管理局", "成都市武侯区人民政府"])
def test_partner_place_names_no_body(places, issuer):
    """与湖北省宜昌市联合开展执法检查: the text names a place, not its bureau; no body is made up for it (an earlier
    rule gave a bureau's report the partner place's bureau of the same kind)."""
    doc = _read(f"{issuer}2023年法治政府建设情况报告\n\n　　2023年，与湖北省宜昌市联合开展执法检查2次。"
                "会同四川省广安市开展联合执法1次。\n")
    names = {a.name for a in doc.facts.agencies}
    assert not any("宜昌" in n or "广安" in n for n in names)
