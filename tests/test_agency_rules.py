"""The agency rules of issue 12, each held by sentences from at least two different reports (all paraphrased or
invented; the places are real): what a body's name is, whose it is, and what is no body at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.pipeline import read_report


def _read(raw: str):
    return read_report(Path("t.txt"), raw=raw)


def names(title: str, body: str) -> set[str]:
    return {a.name for a in _read(f"{title}\n\n{body}\n").facts.agencies}


COUNTY = "遂平县人民政府关于2021年度法治政府建设情况的报告"
CITY = "包头市人民政府关于2022年度法治政府建设情况的报告"


# --- a name must be a body ------------------------------------------------------------------------------

@pytest.mark.parametrize("fragment", ["以来向省司法厅", "乡镇人民政府按职责分工分别负责", "听取各旗区法治政府", "市县政府",
                                      "自治区", "省", "支持地区中级人民法院", "遂平县推进产业转型中心"])
def test_resolve_gives_no_body_for_a_clause_fragment(places, fragment):
    """Other extractors pass cut-out clauses to doc.resolve; a fragment is no agency (it used to be kept as written)."""
    doc = _read(f"{COUNTY}\n\n2021年,县司法局依法行政。\n")
    assert doc.resolve(fragment) == ""


def test_resolve_keeps_a_body_it_cannot_qualify(places):
    doc = _read("区市场监管局关于2023年法治政府建设情况的报告\n\n2023年,区市场监管局依法行政。\n")
    assert doc.resolve("区法院") == "区法院" and doc.resolve("甲山司法所") == "甲山司法所"


@pytest.mark.parametrize("mention", ["黑龙江省长多次对法治政府", "长春市构建公共法律服务体系", "武汉市推进科技创新中心"])
def test_prose_after_a_place_is_no_body(places, mention):
    from fazhi.loaders.extract.orgnames import canonical

    assert canonical(mention, places(province="湖北省", city="武汉市", home="city")) is None


@pytest.mark.parametrize("title, body, absent", [
    (CITY, "提请市人大常委会审议《包头市推进科技创新中心建设条例》。", "包头市推进科技创新中心"),
    ("成都市人民政府关于2023年度法治政府建设情况的报告", "落实《成都市加快建设服务中心规定》。", "成都市加快建设服务中心"),
])
def test_a_title_phrase_is_no_body(places, title, body, absent):
    assert absent not in names(title, body)


@pytest.mark.parametrize("title, body, absent", [
    ("北京市西城区人民政府广安门内街道办事处2020年法治政府建设年度情况报告", "将法治建设与街道中心工作深度融合。",
     "北京市西城区广安门内街道中心"),
    (COUNTY, "把依法行政融入县中心工作。", "遂平县中心"),
])
def test_central_work_is_no_centre(places, title, body, absent):
    assert absent not in names(title, body)


@pytest.mark.parametrize("body", ["城市管理综合执法队伍整合组建完成。", "加强行政执法队伍建设,县公安执法队伍全员培训。"])
def test_a_team_of_staff_is_no_brigade(places, body):
    assert not any(n.endswith("队") for n in names(COUNTY, body))


def test_names_holding_and_are_one_body(places):
    got = names("张家界市永定区人民政府关于2019年度法治政府建设情况的报告",
                "区住房和城乡建设局、区城市管理和综合执法局推行柔性执法。县人力资源和社会保障局开展培训。")
    assert {"张家界市永定区住房和城乡建设局", "张家界市永定区城市管理和综合执法局",
            "张家界市永定区人力资源和社会保障局"} <= got
    from fazhi.loaders.extract.orgnames import canonical

    assert canonical("公安局和司法局", places(province="湖南省", city="张家界市", county="永定区", home="county")) is None


# --- national bodies ----------------------------------------------------------------------------------------

def test_a_national_bodys_office_is_one_name(places):
    got = names("辽宁省人民政府关于2016年法治政府建设情况的报告", "国务院法制办公室:\n现将我省情况报告如下。")
    assert "国务院法制办公室" in got and "辽宁省法制办公室" not in got
    got = names("延边朝鲜族自治州人民政府关于2022年度法治政府建设情况的报告",
                "延吉市被中央全面依法治国委员会办公室命名为示范市。")
    assert "中央全面依法治国委员会办公室" in got and "中央全面依法治国委员会" not in got


@pytest.mark.parametrize("body, central", [
    ("全面贯彻中央、省、市工作部署。", False),
    ("推进中央环保督察反馈问题整改。", False),
    ("经验做法在中央媒体刊发。", False),
    ("坚决落实党中央决策部署。", True),
])
def test_the_centre_as_a_level_or_an_adjective_is_no_body(places, body, central):
    assert ("中共中央" in names(COUNTY, body)) is central


# --- the party committee's rule-of-law committee ---------------------------------------------------------

@pytest.mark.parametrize("title, body, expected", [
    ("长春市人民政府关于2022年度法治政府建设情况的报告", "落实省委依法治省委印发的实施意见。", "中共吉林省委全面依法治省委员会"),
    ("海南省人民政府关于2019年法治政府建设情况的报告", "省委成立依法治省委员会,统筹推进。", "中共海南省委全面依法治省委员会"),
    (CITY, "市委主要领导主持召开全面依法治市委员会会议2次。", "中共包头市委全面依法治市委员会"),
    ("富民县款庄镇人民政府2024年法治政府建设工作报告", "在县委依法治县委员会的指导下开展工作。", "中共富民县委全面依法治县委员会"),
    ("柳州市2019年度法治政府建设情况报告", "2020-03-02 10:00 来源:自治区党委依法治区办秘书处\n本市依法行政。",
     "中共广西壮族自治区委全面依法治区委员会办公室秘书处"),
    ("张家界市永定区人民政府关于2019年度法治政府建设情况的报告", "区委依法治区办牵头考核。",
     "中共张家界市永定区委全面依法治区委员会办公室"),
])
def test_rule_of_law_committee_however_abbreviated(places, title, body, expected):
    got = names(title, body)
    assert expected in got, got
    assert not any(n.endswith(("省委员会", "市委员会")) and "依法治" not in n and not n.startswith("中共") for n in got)


# --- party groups and committees ----------------------------------------------------------------------------

@pytest.mark.parametrize("issuer, body, expected", [
    ("汝南县司法局", "全年召开党组会议12次,运用党组理论学习中心组学法。", "中共汝南县司法局党组"),
    ("西安市司法局", "去年以来召开局党组会研究法治工作8次。", "中共西安市司法局党组"),
    ("柳州市公安局", "把法治工作列入党委中心组学习内容。", "中共柳州市公安局委员会"),
])
def test_a_departments_own_party_body(places, issuer, body, expected):
    assert expected in names(f"{issuer}2021年法治政府建设工作报告", body)


@pytest.mark.parametrize("body", ["把习近平法治思想纳入党委(党组)理论学习中心组学习内容。", "各级党委、政府主要负责人履行第一责任人职责。"])
def test_the_party_in_general_is_no_body(places, body):
    assert not any("党组" in n or n.endswith("委员会") for n in names(CITY, body))


def test_a_governments_party_group_and_one_shared_by_a_list(places):
    assert "中共云南省人民政府党组" in names("云南省人民政府关于2024年度法治政府建设情况的报告", "省政府党组带头学法。")
    got = names("灵丘县人民政府关于2025年法治政府建设情况的报告", "听取县政协、县法院、县检察院党组法治建设情况汇报。")
    assert "灵丘县人民检察院" in got and not any(n.endswith("检察院党组") for n in got)


@pytest.mark.parametrize("title, body, expected", [
    ("中共德阳市交通运输局党组关于2023年度法治建设情况的报告", "调整局依法行政工作领导小组,办公室设在局法规科。",
     {"中共德阳市交通运输局党组", "德阳市交通运输局依法行政工作领导小组", "德阳市交通运输局法规科"}),
    ("中共绵阳市生态环境局党组关于2023年度法治建设工作情况的报告", "局党组会议研究法治工作6次。",
     {"中共绵阳市生态环境局党组"}),
])
def test_a_report_of_a_departments_party_group_speaks_for_the_department(places, title, body, expected):
    got = names(title, body)
    assert expected <= got and not any(n.startswith("中共中共") or "党组党组" in n or n.endswith("市局法规科") for n in got)


# --- places and their bodies ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title, body, expected", [
    ("莎车县2022年度法治政府建设工作报告", "2022年,在地委、行署的坚强领导下,莎车县坚持依法行政。",
     {"中共新疆维吾尔自治区喀什地区委员会", "新疆维吾尔自治区喀什地区行政公署"}),
    ("和田地区行政公署关于2021年度法治政府建设情况的报告", "地区公安局、地区政务服务中心履职。支持地区中级人民法院受理行政案件。",
     {"新疆维吾尔自治区和田地区行政公署", "和田地区公安局", "和田地区政务服务中心", "和田地区中级人民法院"}),
])
def test_a_prefecture_called_diqu(places, title, body, expected):
    assert expected <= names(title, body)


def test_diqu_as_a_word_is_no_body(places):
    assert not any("地区" in n for n in names(CITY, "各地区各部门认真落实。全市地区生产总值增长。"))


@pytest.mark.parametrize("title, body, expected", [
    ("柳州市公安局2021年法治政府建设工作报告", "认真落实市委、市政府和公安厅决策部署。", "广西壮族自治区公安厅"),
    (COUNTY, "配合司法厅开展法治督察。", "河南省司法厅"),
])
def test_a_bare_ting_is_the_provinces(places, title, body, expected):
    got = names(title, body)
    assert expected in got and not any(n.endswith("市公安厅") or n.endswith("县司法厅") for n in got)


@pytest.mark.parametrize("title, body, expected", [
    ("四川省司法厅2020年度法治政府建设工作情况报告", "2021-01-20 10:39 来源:法规处\n本厅依法行政。", "四川省司法厅法规处"),
    ("江西省市场监督管理局2022年法治政府建设情况报告", "执法监督处牵头评查案卷。", "江西省市场监督管理局执法监督处"),
])
def test_a_section_of_a_provinces_department(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("title, body, expected", [
    ("四川省市场监督管理局2020年度法治政府建设工作情况报告", "成立以局长为组长的市场监管法治建设工作领导小组。",
     "四川省市场监督管理局市场监管法治建设工作领导小组"),
    ("成都市交通运输局2022年法治政府建设情况报告", "调整以主要负责人为组长的交通运输依法行政工作领导小组。",
     "成都市交通运输局交通运输依法行政工作领导小组"),
])
def test_a_leading_group_named_after_de(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("title, body, expected, absent", [
    ("沈阳市司法局2023年法治政府建设情况报告", "组建沈阳市习近平法治思想宣讲团开展宣讲。", "沈阳市习近平法治思想宣讲团", ""),
    ("获嘉县人民政府关于2024年法治政府建设情况的报告", "建立法律顾问团,提供法律意见226条。", "获嘉县法律顾问团", ""),
    ("北京市西城区人民政府广安门内街道办事处2020年法治政府建设年度情况报告", "我街道法律顾问团参与律师5人。",
     "北京市西城区广安门内街道法律顾问团", ""),
    ("重庆市铜梁区人民政府关于2023年法治政府建设情况的报告", "组建法治宣讲团深入开展宣讲。", "", "宣讲团"),
])
def test_teams_of_advisers_and_lecturers(places, title, body, expected, absent):
    got = names(title, body)
    assert not expected or expected in got
    assert not absent or not any(n.endswith(absent) for n in got)


@pytest.mark.parametrize("title, body, expected", [
    (COUNTY, "各乡镇人民政府,产业集聚区管委会,县直有关单位:\n现印发给你们。", "遂平县产业集聚区管理委员会"),
    ("福建省2024年法治政府建设工作要点", "各设区市人民政府和平潭综合实验区管委会应当于12月15日前报送情况。",
     "福建省平潭综合实验区管理委员会"),
])
def test_a_zones_management_committee(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("issuer, body, expected, city", [
    ("绵阳市生态环境局", "涪城分局、游仙分局开展送法进企业活动。", {"绵阳市生态环境局涪城分局", "绵阳市生态环境局游仙分局"}, "绵阳市"),
    ("成都市公安局", "武侯分局被评为执法规范化示范单位。", {"成都市公安局武侯分局"}, "成都市"),
])
def test_a_city_bureaus_branches_named_by_district(places, issuer, body, expected, city):
    assert expected <= names(f"{issuer}2023年法治政府建设情况报告", body)
    assert not any("分局" in n for n in names(f"{city}人民政府关于2023年法治政府建设情况的报告", body))


@pytest.mark.parametrize("title, body, expected", [
    ("2016年度银川市法治政府建设情况报告", "来源:银川市法制办 时间:2017-03-13\n本市依法行政。", "银川市人民政府法制办公室"),
    (COUNTY, "县法制办牵头审查规范性文件。", "遂平县人民政府法制办公室"),
])
def test_fazhiban_is_the_governments_office(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("title, body, firm, fragment", [
    ("杭州市西湖区灵隐街道办事处2024年度法治政府建设工作报告", "街道聘请浙江天目律师事务所担任法律顾问。", "浙江天目律师事务所", "街道聘请"),
    ("西安市司法局2022年法治政府建设情况报告", "推动在律师事务所、司法鉴定机构成立党支部。", "", "推动在"),
])
def test_a_law_firm_is_named_by_its_own_name(places, title, body, firm, fragment):
    got = names(title, body)
    assert not firm or firm in got
    assert not any(fragment in n for n in got)


@pytest.mark.parametrize("title, body, expected", [
    ("杭州市西湖区灵隐街道办事处2024年度法治政府建设工作报告", "玉泉社区被命名为全国民主法治示范社区。", "杭州市西湖区灵隐街道玉泉社区"),
    ("梅州市梅江区西阳镇人民政府2022年度法治政府建设工作报告", "新联村被评为省级民主法治示范村。", "梅州市梅江区西阳镇新联村"),
])
def test_a_village_or_community_that_receives_an_award(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("title, body", [
    ("延边朝鲜族自治州人民政府关于2022年度法治政府建设情况的报告", "延吉市被命名为示范市。"),
    ("鄂尔多斯市人民政府关于2023年法治政府建设情况的报告", "东胜区、准格尔旗被自治区命名为示范地区。"),
])
def test_a_place_receiving_an_award_is_no_agency(places, title, body):
    got = names(title, body)
    assert not any(n.startswith(("延吉市", "准格尔旗", "鄂尔多斯市东胜区")) for n in got)


def test_a_street_office_named_after_its_party_working_committee(places):
    got = names("广州市白云区黄石街道2022年法治政府建设报告", "2022年,黄石街党工委、办事处依法行政。")
    assert "广州市白云区黄石街道办事处" in got
    got = names("天津市和平区人民政府关于2022年法治政府建设情况的报告", "街道党工委、办事处落实部署。")
    assert not any(n.endswith("区办事处") for n in got)


# --- the report's issuer ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, issuer, absent", [
    ("中共和平区委和平区人民政府关于印发《和平区法治政府建设实施方案》的通知\n\n各街道:\n现印发给你们。\n",
     "天津市和平区人民政府", "委和平区"),
    ("沙坪坝街道党工委、沙坪坝街道办事处关于2025年法治政府建设情况的报告\n\n2025年,街道依法行政。\n",
     "重庆市沙坪坝区沙坪坝街道办事处", "、"),
    ("莎车县2023年度法治政府建设工作报告\n\n来源:莎车县司法局 作者: 点击数:\n\n2023年,莎车县坚持依法行政。\n",
     "莎车县司法局", "莎车县人民政府"),
    ("2021年,柳州市公安局坚持以习近平法治思想为指导,推进执法规范化。\n", "柳州市公安局", "柳州市人民政府"),
    ("2024年,获嘉县坚持依法行政,县政府常务会议学法4次。\n", "获嘉县人民政府", ""),
])
def test_the_issuer_is_one_body_the_text_names(places, raw, issuer, absent):
    doc = _read(raw)
    got = {a.name for a in doc.facts.agencies}
    assert doc.meta.issuer == issuer, doc.meta.issuer
    assert not absent or not any(absent in n for n in got), got


# --- the report's place without a manifest -----------------------------------------------------------------

@pytest.mark.parametrize("raw, jurisdiction", [
    # an issuer line above a title that opens with its year, a title broken over two lines under its number
    ("四川省市场监督管理局\n 2020年度法治政府建设工作情况报告\n\n2020年,本局依法行政。\n", "四川省"),
    ("遂政办〔2020〕21号\n遂平县人民政府办公室\n关于印发遂平县2020年度法治政府建设\n工作安排的通知\n各乡镇人民政府:\n", "遂平县"),
    # the body's places when the opening names none: a city in a cited title, a province's city, a street written short
    ("2024年,我市坚持依法行政。\n提请审议《武汉市长江水域管理条例》等法规草案6件,修订《武汉市市容管理办法》。\n", "武汉市"),
    ("2020年,在省委的领导下,全省各级政府依法行政。\n驻马店市建成示范市。\n", "河南省"),
    ("2022年,在区委、区政府的领导下,黄石街党工委、办事处依法行政。\n全街道开展普法。党工委会议研究法治工作。\n"
     "广东省广州市法治建设稳步推进。\n", "广州市白云区黄石街道"),
    # a district of the named city whose short name the report uses as a word of its own
    ("2023年,我区在市委、市政府领导下依法行政。\n区委、区政府把法治纳入全区规划。认真落实郑州市工作要点,"
     "打造“创新智城·品质金水”。\n", "郑州市金水区"),
])
def test_the_reports_place_read_from_its_own_text(places, raw, jurisdiction):
    doc = _read(raw)
    assert doc.meta.jurisdiction == jurisdiction, doc.chain


def test_a_number_on_a_line_of_its_own_is_the_reports(places):
    doc = _read("琼府办函〔2022〕120号\n海南省人民政府办公厅\n关于印发2022年度法治政府建设工作要点的通知\n各市、县人民政府:\n")
    assert doc.meta.number == "琼府办函〔2022〕120号"
    doc = _read("海南省人民政府办公厅关于印发\n2022年度法治政府建设工作要点的通知\n琼府办函〔2022〕121号\n\n各市、县人民政府:\n")
    assert doc.meta.number == "琼府办函〔2022〕121号"


# --- rules kept from before issue 12, each held by a second sentence ----------------------------------------

@pytest.mark.parametrize("title, body, expected", [
    ("广州市人民政府关于2023年度法治政府建设情况的报告", "广州市公安局增城区分局被评为先进单位。", "广州市公安局增城区分局"),
    ("成都市人民政府关于2022年度法治政府建设情况的报告", "成都市公安局武侯区分局开展执法培训。", "成都市公安局武侯区分局"),
])
def test_a_bureaus_district_branch_is_one_name(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("title, body, expected", [
    ("成都市武侯区人民政府关于2022年度法治政府建设情况的报告", "成都市武侯区人民政府玉林街道办事处推行综合执法。",
     "成都市武侯区玉林街道办事处"),
    ("杭州市西湖区人民政府关于2024年度法治政府建设情况的报告", "杭州市西湖区人民政府灵隐街道办事处调处纠纷。",
     "杭州市西湖区灵隐街道办事处"),
])
def test_a_street_office_named_under_its_district_government(places, title, body, expected):
    assert expected in names(title, body)


@pytest.mark.parametrize("body, expected", [
    ("县行政服务中心管委会推行一窗受理。", "遂平县行政服务中心管理委员会"),
    ("县嵖岈山景区管委会开展执法检查。", "遂平县嵖岈山景区管理委员会"),
])
def test_a_centre_or_zone_run_by_a_management_committee(places, body, expected):
    assert expected in names(COUNTY, body)


@pytest.mark.parametrize("issuer, district", [
    ("宿迁市自然资源和规划局宿城分局", "宿城区"),
    ("南京市规划和自然资源局江宁分局", "江宁区"),
])
def test_a_city_bureaus_branch_works_in_its_district(places, issuer, district):
    doc = _read(f"{issuer}2024年法治政府建设工作报告\n\n2024年,我局在区委、区政府领导下依法行政。\n")
    assert doc.chain.county == district


@pytest.mark.parametrize("body, one, gone", [
    ("在中共将乐县委员会领导下,县委、县政府推进法治建设。", "中共将乐县委员会", "中共将乐县委"),
    ("中共将乐县委员会印发意见,县委常委会专题研究。", "中共将乐县委员会", "中共将乐县委"),
])
def test_a_party_committee_written_in_full_and_short_is_one_body(places, body, one, gone):
    got = names("将乐县人民政府关于2024年法治政府建设情况的报告", body)
    assert one in got and gone not in got


@pytest.mark.parametrize("title, body, expected", [
    ("上蔡县人民政府关于2020年度法治政府建设情况的报告", "邵店派出所、五龙司法所联合调处纠纷。",
     {"上蔡县公安局邵店派出所", "上蔡县司法局五龙司法所"}),
    ("上蔡县人民政府关于2021年度法治政府建设情况的报告", "蔡沟、洙湖、黄埠司法所完成规范化建设。",
     {"上蔡县司法局蔡沟司法所", "上蔡县司法局洙湖司法所", "上蔡县司法局黄埠司法所"}),
])
def test_stations_named_by_their_townships(places, title, body, expected):
    assert expected <= names(title, body)


@pytest.mark.parametrize("body, expected, absent", [
    ("县司法局会同县市场监管局开展执法检查。", "遂平县市场监督管理局", "会同县"),
    ("县公安局会同县林业局开展联合执法行动。", "遂平县林业局", "会同县"),
])
def test_a_verb_glued_to_a_level_character_is_not_a_place(places, body, expected, absent):
    """会同 (jointly with) + 县林业局 is no body of 湖南's 会同县 in a 河南 county's report."""
    got = names(COUNTY, body)
    assert expected in got and not any(n.startswith(absent) for n in got)


@pytest.mark.parametrize("body, expected", [
    ("一、县政府党组带头学法,县政府常务会议学法5次。", "中共遂平县人民政府党组"),
    ("二、县司法局党组专题研究法治工作。", "中共遂平县司法局党组"),
])
def test_a_party_group_after_a_heading_mark_is_not_a_lists(places, body, expected):
    assert expected in names(COUNTY, body)


@pytest.mark.parametrize("title, body, expected, absent", [
    ("丽水市人民政府关于2023年度法治政府建设情况的报告", "松阳县司法局古市司法所获评模范司法所。",
     "松阳县司法局古市司法所", "丽水市司法所"),
    (COUNTY, "县公安局城关派出所调处纠纷12起。", "遂平县公安局城关派出所", "遂平县派出所"),
])
def test_a_bureaus_station_named_after_it(places, title, body, expected, absent):
    got = names(title, body)
    assert expected in got and absent not in got
    assert expected[:expected.index("局") + 1] in got          # the bureau is named too


def test_a_station_named_by_its_township_alone_names_no_bureau(places):
    got = names("杭州市西湖区灵隐街道办事处2024年度法治政府建设工作报告", "灵隐司法所调处纠纷187起。")
    assert "杭州市西湖区司法局灵隐司法所" in got and "杭州市西湖区司法局" not in got
