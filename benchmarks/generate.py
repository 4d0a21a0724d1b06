"""Synthetic rule-of-law government reports (法治政府建设年度报告) for benchmarks and bulk-ingest tests.

Every place, agency and document here is fictional (names built from a syllable list), but the reports
follow the genre: a title with year and place, an addressee, an opening that cites national and
provincial documents with their numbers, numbered sections of measures with statistics, duties with
deadlines and bearers, awards, problems, next year's plan, and the issuer with a signing date. So the
extractors do the same work they do on real reports. ``python benchmarks/generate.py DIR N`` writes N.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

SYL = "安宁平和清河山云江阳兴丰华永泰临长新东西南北德嘉川岭桂榆梧松柏莲溪湖石金玉瑞昌盛源"
DEPTS = ["司法局", "公安局", "财政局", "自然资源局", "生态环境局", "市场监督管理局", "人力资源和社会保障局",
         "住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会", "教育局", "应急管理局", "税务局",
         "民政局", "文化广电和旅游局", "城市管理局", "信访局"]
TOPICS = ["行政执法公示", "重大行政决策程序", "规范性文件管理", "法律顾问工作", "行政复议体制改革",
          "证明事项告知承诺制", "优化营商环境", "行政执法责任制", "政务公开", "矛盾纠纷多元化解"]
NATIONAL = [("法治政府建设实施纲要（2021－2025年）", "中发〔2021〕{n}号"), ("法治中国建设规划（2020－2025年）", ""),
            ("关于加强法治政府建设的意见", "国发〔2020〕{n}号"), ("重大行政决策程序暂行条例", "")]
STATS = [("全年共办理行政复议案件{a}件，办结{b}件，纠错率{p}%。", "a"),
         ("审查规范性文件{a}件，备案审查{b}件。", "a"),
         ("组织开展法治宣传活动{a}场次，受众达{w}万人次。", "a"),
         ("全县{a}个乡镇（街道）全部聘请了法律顾问，法律顾问参与审查合同{b}份。", "a"),
         ("共受理行政诉讼案件{a}件，行政机关负责人出庭应诉率达到{p}%。", "a"),
         ("培训行政执法人员{a}人次，新申领执法证件{b}个。", "a"),
         ("调解各类矛盾纠纷{a}起，调解成功率{p}%以上。", "a"),
         ("办理政府信息公开申请{a}件，按时答复率100%。", "a")]
DUTIES = ["各乡镇、{county}直各部门要在{d}个工作日内完成{topic}的自查整改。",
          "{county}{dept}牵头，{county}{dept2}配合，于{y}年{m}月底前完成{topic}清理工作。",
          "{county}{dept}每季度至少开展一次{topic}专项检查。",
          "行政机关应当自收到申请之日起{d}日内作出{topic}决定。",
          "各单位须在每年{m}月{dd}日前报送上一年度{topic}工作情况。"]
FILLER = ["坚持把法治政府建设作为全局性工作来抓，定期研究部署，及时解决工作中的重点难点问题。",
          "健全议事协调机制，压实各级各部门主要负责人推进法治建设第一责任人职责。",
          "深化“放管服”改革，推行政务服务事项网上办理，群众办事更加便捷。",
          "严格落实行政执法“三项制度”，执法行为进一步规范。",
          "把法治建设纳入年度绩效考核，考核结果作为干部选拔任用的重要依据。",
          "推进基层法治阵地建设，打造一批法治文化公园和法治宣传长廊。",
          "加强行政复议规范化建设，畅通群众申请渠道，依法纠正违法或不当行政行为。",
          "完善公共法律服务体系，在乡镇（街道）设立公共法律服务工作站，实现村（社区）法律顾问全覆盖。",
          "落实“谁执法谁普法”普法责任制，编制年度普法责任清单并向社会公布。",
          "严格执行重大行政决策公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
          "推进行政执法信息化建设，执法全过程记录设备配备到位，案卷评查结果及时通报。",
          "主动接受人大法律监督和政协民主监督，认真办理人大代表建议和政协委员提案。",
          "开展行政执法案卷集中评查，对发现的问题逐项建立台账，限期整改到位。",
          "健全行政争议实质性化解机制，推动行政复议与行政调解有机衔接。",
          "组织领导干部旁听庭审和集中学法，增强运用法治思维和法治方式解决问题的能力。"]
PROBLEMS = ["部分单位对法治政府建设重视程度不够，工作推进不平衡。", "基层执法力量较为薄弱，专业人才短缺。",
            "法治宣传教育的针对性和实效性有待提高。", "规范性文件备案审查的质量还需进一步提升。"]
NUMS = "一二三四五六七八九十"


def _name(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYL) for _ in range(n))


def report_text(i: int, seed: int = 7) -> tuple[str, str]:
    """The file name and text of synthetic report number ``i`` (deterministic for a seed)."""
    rng = random.Random(seed * 1_000_003 + i)
    prov, city = _name(rng) + "省", _name(rng) + "市"
    county = _name(rng) + rng.choice(["县", "县", "区", "市"])
    year = rng.choice([2019, 2020, 2021, 2022, 2023])
    abbr = county[0] + rng.choice(["政", "政办", "司"])
    out = [f"{county}人民政府关于{year}年法治政府建设情况的报告", "", f"{city}人民政府：", ""]
    nat = rng.sample(NATIONAL, 2)
    cites = "和".join(f"《{t}》" + (f"（{n.format(n=rng.randint(1, 40))}）" if n else "") for t, n in nat)
    out.append(f"{year}年，在{city}委、{city}政府的坚强领导下，{county}人民政府深入学习贯彻习近平法治思想，"
               f"认真落实{cites}，以及《{prov}法治政府建设实施方案》"
               f"（{prov[0]}政〔{year - 1}〕{rng.randint(1, 90)}号），"
               f"扎实推进法治政府建设各项工作。现将有关情况报告如下：")
    out.append(f"一、{year}年推进法治政府建设的主要举措和成效")
    sections = rng.randint(6, 9)
    for s in range(sections):
        topic = rng.choice(TOPICS)
        out.append(f"（{NUMS[s]}）深入推进{topic}。")
        para = rng.sample(FILLER, rng.randint(2, 4))
        n_doc = rng.randint(1, 3)
        for _ in range(n_doc):
            topic_kind = rng.choice(TOPICS) + rng.choice(["办法", "规定", "实施细则", "工作方案"])
            para.append(f"制定出台《{county}{topic_kind}》"
                        f"（{abbr}〔{year}〕{rng.randint(1, 120)}号），")
        para += rng.sample(FILLER, rng.randint(2, 4))
        for tpl, _ in rng.sample(STATS, rng.randint(3, 5)):
            para.append(tpl.format(a=rng.randint(3, 900), b=rng.randint(1, 300), p=rng.randint(60, 99),
                                   w=rng.randint(1, 30)))
        for tpl in rng.sample(DUTIES, rng.randint(1, 3)):
            d1, d2 = rng.sample(DEPTS, 2)
            para.append(tpl.format(county=county, dept=d1, dept2=d2, topic=rng.choice(TOPICS),
                                   d=rng.choice([5, 7, 15, 20, 30, 60]),
                                   y=year, m=rng.randint(1, 12), dd=rng.randint(1, 28)))
        if rng.random() < 0.4:
            para.append(f"{county}{rng.choice(DEPTS)}被{prov}人民政府评为“{prov}法治政府建设先进单位”。")
        out.append("".join(para))
    out.append(f"二、{year}年法治政府建设存在的不足和原因")
    out.append("".join(rng.sample(PROBLEMS, 3)))
    out.append(f"三、{year + 1}年推进法治政府建设的主要安排")
    for k in range(rng.randint(3, 5)):
        out.append(f"（{NUMS[k]}）" + rng.choice(FILLER) + rng.choice(DUTIES).format(
            county=county, dept=rng.choice(DEPTS), dept2=rng.choice(DEPTS), topic=rng.choice(TOPICS),
            d=30, y=year + 1, m=rng.randint(1, 12), dd=rng.randint(1, 28)))
    out += ["", f"{county}人民政府", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日", ""]
    return f"report_{i:05d}.txt", "\n".join(out)


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` synthetic reports into ``folder`` (kept when already there); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, text = report_text(i, seed)
        p = folder / name
        if not p.exists():
            p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
