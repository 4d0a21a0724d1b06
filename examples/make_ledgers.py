"""Writes the example case ledgers of the fictional 清源县 for 2023 (run from the repository root:
``.venv/bin/python examples/make_ledgers.py``; the files it writes are committed beside it).

- ``qingyuan_2023_reconsideration_ledger.csv``: the county government's 行政复议 ledger, GBK, English headers;
- ``qingyuan_2023_litigation_ledger.xlsx``: the 行政应诉 ledger, a workbook with a title row above Chinese
  headers, real date cells (one date typed as text), 序号 and 备注 columns fazhi does not use.

Every name is invented. Applicants who are people carry made-up names so the tests can check that no
person's name reaches the store. Against ``qingyuan_2023_report.txt`` the ledgers agree on 受理 14, 审结 12,
纠错 3 and 直接纠错率 25% (复议) and on 新收 7, 审结 6, 败诉 2 and 败诉率 33.33% (诉讼), and disagree on one
figure: the report's 行政机关负责人出庭应诉率100%, where the ledger's head appeared in 5 of the 6 closed cases.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

# case_number, case_type, respondent, applicant, filed, closed, outcome
RECONSIDERATION = [
    ("清府复〔2022〕19号", "行政复议", "清源县自然资源局", "清源县青石建材有限公司", "2022-11-14", "2023-01-10",
     "维持"),
    ("清府复〔2023〕1号", "行政复议", "清源县市场监督管理局", "李明华", "2023-01-09", "2023-03-02", "撤销"),
    ("清府复〔2023〕2号", "行政复议", "清源县公安局", "张建国", "2023-02-13", "2023-04-10", "维持"),
    ("清府复〔2023〕3号", "行政复议", "青石镇人民政府", "清源县白沙农民专业合作社", "2023-03-06", "2023-05-04",
     "确认违法"),
    ("清府复〔2023〕4号", "行政复议", "清源县人力资源和社会保障局", "赵秀英", "2023-03-20", "2023-05-15", "驳回"),
    ("清府复〔2023〕5号", "行政复议", "清源县市场监督管理局", "安平市鸿运商贸有限公司", "2023-04-03", "2023-06-01",
     "维持"),
    ("清府复〔2023〕6号", "行政复议", "清源县自然资源局", "刘志强", "2023-05-08", "2023-07-03", "撤销"),
    ("清府复〔2023〕7号", "行政复议", "县公安局", "陈桂兰", "2023-06-12", "2023-08-07", "维持"),
    ("清府复〔2023〕8号", "行政复议", "清源县住房和城乡建设局", "清源县宏达房地产开发有限公司", "2023-07-10",
     "2023-08-20", "终止"),
    ("清府复〔2023〕9号", "行政复议", "清源县市场监督管理局", "周海燕", "2023-08-14", "2023-10-09", "撤回"),
    ("清府复〔2023〕10号", "行政复议", "清源县综合行政执法局", "孙立新", "2023-09-04", "2023-11-02", "驳回"),
    ("清府复〔2023〕11号", "行政复议", "清源县公安局", "吴丽娟", "2023-10-09", "2023-12-05", "维持"),
    ("清府复〔2023〕12号", "行政复议", "清源县自然资源局", "清源县青石建材有限公司", "2023-11-13", "2024-01-08",
     "维持"),
    ("清府复〔2023〕13号", "行政复议", "白沙街道办事处", "郑国庆", "2023-12-04", "", ""),
    ("清府复〔2023〕14号", "行政复议", "清源县市场监督管理局", "清源县绿源食品有限公司", "2023-12-18", "", ""),
]

# 案号, 案件类型, 原告, 被告, 立案日期, 结案日期, 审理结果, 负责人出庭, 备注
LITIGATION = [
    ("(2023)江0123行初5号", "行政诉讼", "清源县青石建材有限公司", "清源县人民政府", dt.date(2023, 2, 20),
     dt.date(2023, 5, 18), "驳回", "是", ""),
    ("(2023)江0123行初11号", "行政诉讼", "李春梅", "清源县自然资源局", dt.date(2023, 3, 15), dt.date(2023, 6, 20),
     "撤销", "是", ""),
    ("(2023)江0123行初17号", "行政诉讼", "黄建军", "清源县市场监督管理局", dt.date(2023, 4, 10),
     dt.date(2023, 7, 12), "驳回", "否", "分管负责人出差，委托工作人员出庭"),
    ("(2023)江0123行初26号", "行政诉讼", "安平市鸿运商贸有限公司", "清源县市场监督管理局", dt.date(2023, 6, 5),
     dt.date(2023, 9, 1), "撤诉", "是", ""),
    ("(2023)江0123行初33号", "行政诉讼", "何丽", "青石镇人民政府", dt.date(2023, 7, 17), dt.date(2023, 10, 25),
     "确认违法", "是", ""),
    ("(2023)江0123行初40号", "行政应诉", "马国华", "县人社局", dt.date(2023, 9, 11), "2023年12月14日",
     "驳回", "是", ""),
    ("(2023)江0123行初48号", "行政诉讼", "清源县宏达房地产开发有限公司", "清源县住房和城乡建设局",
     dt.date(2023, 11, 20), None, None, None, "审理中"),
]


def reconsideration_csv() -> bytes:
    """The 复议 ledger as GBK CSV with the contract's English headers."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["case_number", "case_type", "respondent", "applicant", "filed", "closed", "outcome"])
    w.writerows(RECONSIDERATION)
    return buf.getvalue().encode("gbk")


def litigation_xlsx(path: Path) -> None:
    """The 应诉 ledger as a workbook: a title row, then Chinese headers, then the cases."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政应诉台账"
    sheet.append(["清源县2023年行政应诉案件台账"])
    sheet.append(["序号", "案号", "案件类型", "原告", "被告", "立案日期", "结案日期", "审理结果", "负责人出庭", "备注"])
    for i, row in enumerate(LITIGATION, 1):
        sheet.append([i, *row])
    for cells in sheet.iter_rows(min_row=3):
        for c in cells:
            if isinstance(c.value, (dt.date, dt.datetime)):
                c.number_format = "yyyy-mm-dd"
    book.properties.creator = "fazhi examples"
    buf = io.BytesIO()
    book.save(buf)
    path.write_bytes(_stable(buf.getvalue()))


def _stable(data: bytes) -> bytes:
    """The workbook with its clock readings fixed (zip entry times, the document's created and modified
    dates), so running the script again writes the same bytes."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-03-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 3, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main() -> None:
    (HERE / "qingyuan_2023_reconsideration_ledger.csv").write_bytes(reconsideration_csv())
    litigation_xlsx(HERE / "qingyuan_2023_litigation_ledger.xlsx")


if __name__ == "__main__":
    main()
