"""Writes the gold files of eval_cases (run: python3 tests/data/eval_cases/make_gold.py); facts only.
Written by hand from a careful reading of each text, before the typical-case extractor was written. Only
``cases`` is scored on this set; the other keys of the shared schema are left empty (nothing is claimed)."""
import json
from pathlib import Path

D = Path(__file__).resolve().parent


def C(label, case_type="", respondent="", applicant="", outcome="", selection="", ev=None):
    """One case a report names: its label as printed, and what the words say of it ('' = not stated)."""
    return {"label": label, "case_type": case_type, "respondent": respondent, "applicant": applicant,
            "outcome": outcome, "selection": selection, "evidence": ev or label}


GOLD = {
 "g1_wuyuan_2023": [
  C("江西绿源建材有限公司不服县城市管理局行政强制决定申请行政复议案", "行政复议", "婺源县城市管理局",
    "江西绿源建材有限公司", "", "全省行政复议十大典型案例"),
  C("赵某不服县公安局治安管理处罚申请行政复议一案", "行政复议", "婺源县公安局", "", "维持"),
  C("张某诉县自然资源局不履行法定职责一案", "行政诉讼", "婺源县自然资源局", "", "责令履行", "全市行政审判典型案例"),
 ],
 "g2_kunshan_sfj_2022": [
  C("某物流公司诉市交通运输局行政处罚案", "行政诉讼", "昆山市交通运输局", "", "", "全省十大行政执法典型案例"),
  C("苏州恒达精密机械有限公司不服市生态环境局行政处罚决定申请行政复议一案", "行政复议", "昆山市生态环境局",
    "苏州恒达精密机械有限公司", "部分撤销"),
  C("李某某诉市人力资源和社会保障局工伤认定一案", "行政诉讼", "昆山市人力资源和社会保障局", "", "确认违法"),
  C("昆山某食品有限公司销售过期食品案", "行政处罚", "", "", "", "省市场监管系统行政处罚典型案例"),
 ],
 "g3_chuzhou_2024": [
  C("安徽华禾农业科技有限公司不服来安县市场监督管理局行政处罚决定申请行政复议一案", "行政复议",
    "来安县市场监督管理局", "安徽华禾农业科技有限公司", "变更", "司法部第二批行政复议指导性案例"),
  C("全椒县某商贸有限公司诉全椒县住房和城乡建设局行政许可一案", "行政诉讼", "全椒县住房和城乡建设局", "", "驳回"),
  C("某餐饮店油烟污染行政处罚案", "行政处罚", "", "", "", "全市行政执法十大典型案例"),
 ],
}

for name, cases in GOLD.items():
    text = (D / f"{name}.txt").read_text(encoding="utf-8")
    for c in cases:
        assert c["label"] in text and c["evidence"] in text, c["label"]
        assert not c["selection"] or c["selection"] in text, c["selection"]
    gold = {"file": f"{name}.txt", "note": "typical and named cases only (fz:Case from report text)",
            "agencies": [], "documents": [], "statistics": [], "requirements": [], "awards": [], "dates": [],
            "cases": cases}
    (D / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
