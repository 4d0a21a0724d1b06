"""Claims: the spans a step's records cover are published after it, and later steps skip them (extract/claims.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.loaders.extract.claims import Claims
from fazhi.loaders.facts import Document
from fazhi.loaders.pipeline import read_report

TITLE = "清源县人民政府关于2023年度法治政府建设情况的报告\n\n"


def test_claims_publish_only_new_records_in_order():
    c = Claims()
    docs = [Document(title="甲", span=(5, 9))]
    c.publish_new("documents", docs)
    docs.append(Document(title="乙", span=(20, 30)))
    docs.append(Document(title="丙", span=(0, 0)))          # no span: no claim
    c.publish_new("documents", docs)
    c.publish_new("documents", docs)                        # nothing new: nothing claimed twice
    c.claim("tasks", [(40, 50)])
    assert c.spans("documents") == [(5, 9), (20, 30)]
    assert c.spans("documents", "tasks") == [(5, 9), (20, 30), (40, 50)]
    assert c.spans("statistics") == []


# (invented sentences: a quoted title too long to be a slogan, printed with its number, holds a count)
@pytest.mark.parametrize("body, value, kept", [
    ("2023年,县司法局印发“关于在全县开展100场法治宣传教育进乡村进社区进学校活动的实施方案”(清司发〔2023〕5号),"
     "全年办理行政复议案件12件。", 100, 12),
    ("按照“关于组织开展50场行政执法人员专题培训和执法案卷评查工作的实施方案”(甲府办〔2022〕7号)要求,"
     "全年培训执法人员300人次。", 50, 300),
])
def test_statistics_skip_the_numbers_of_a_cited_documents_claim(body, value, kept):
    doc = read_report(Path("t.txt"), raw=TITLE + body + "\n")
    (d,) = doc.facts.documents
    assert d.span in doc.claims.spans("documents")
    values = [s.value for s in doc.facts.statistics]
    assert value not in values and kept in values
