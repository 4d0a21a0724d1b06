"""How each class of node is shown: its short label in Chinese and English and its colour, in the order that
says how much a class tells about a node (the first listed class of a node names its colour and its kind).

This is the presentation part of the vocabulary, declared once for everything above: the app's legend, pictures
and labels (``app/draw.py``, ``app/i18n.py``) and the read models of ``queries/browse.py``, which may not import
loaders. What a kind of fact IS for extraction (its record, extractor, writer, IRI segment) is declared in
``loaders/kinds.py``, which names the class shown here. The labels are the short ones a legend needs; the
ontology's own ``rdfs:label`` (fazhi.ttl) stays the full term (法治政府建设年度报告 for fz:Report).

>>> shown("Agency").zh, shown("Agency").colour, shown("Unheard").name
('机构', '#2471a3', 'Other')
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from fazhi.ontology.vocab import FZ_NS


@dataclass(frozen=True)
class Shown:
    """One class as the app shows it."""
    name: str          # the fz: class's local name
    zh: str
    en: str
    colour: str        # #rrggbb, the same on the screen and in a drawn picture

    @property
    def iri(self) -> NamedNode:
        return NamedNode(FZ_NS + self.name)


SHOWN = (
    Shown("Report", "报告", "Report", "#c0392b"),
    Shown("Document", "文件", "Document", "#e67e22"),
    Shown("Agency", "机构", "Agency", "#2471a3"),
    Shown("RosterUnit", "名册单位", "Roster unit", "#5dade2"),
    Shown("Roster", "名册", "Roster", "#85929e"),
    Shown("AdviserAppointment", "法律顾问聘任", "Adviser appointment", "#48c9b0"),
    Shown("Obligation", "职责", "Obligation", "#8e44ad"),
    Shown("Statistic", "统计数字", "Statistic", "#27ae60"),
    Shown("Case", "案件", "Case", "#d35400"),
    Shown("Award", "表彰", "Award", "#d4ac0d"),
    Shown("Institution", "制度", "Institution", "#a04000"),
    Shown("Problem", "问题", "Problem", "#e74c3c"),
    Shown("NextStep", "下一步工作", "Next step", "#1abc9c"),
    Shown("AdviserStatement", "法律顾问情况", "Adviser statement", "#16a085"),
    Shown("CaseLedger", "案件台账", "Case ledger", "#a6acaf"),
    Shown("CaseOutcome", "案件结果", "Case outcome", "#f5b041"),
    Shown("Place", "地区", "Place", "#7f8c8d"),
    Shown("Evidence", "出处", "Evidence", "#bdc3c7"),
)
OTHER = Shown("Other", "其他", "Other", "#566573")   # any class not listed (or none of ours)
CLASS_ORDER = tuple(s.name for s in SHOWN)
_BY_NAME = {s.name: s for s in (*SHOWN, OTHER)}


def shown(name: str) -> Shown:
    """How the class ``name`` is shown (``OTHER`` for a class not listed)."""
    return _BY_NAME.get(name, OTHER)
