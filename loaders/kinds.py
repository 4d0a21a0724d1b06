"""Every kind of fact a report gives, declared once, in order: its record, the extractor that finds it, the
class of its nodes, the writer of its triples, the segment of its fact IRIs, the property of its text and how
it is scored. Everything that lists kinds is built from ``KINDS``: the ``Facts`` record of a report, the order
of the extractors, the order of writing, the summary counts, the evaluation's categories; how a class is
shown (label, colour) is the vocabulary's, in ``fazhi.ontology.kinds``.

The order is the order of extraction and of writing: agencies first, then what depends on them. Kinds found by
one step (``extract_self_account``) run it once, at the first of them; a kind's ``then`` steps add to its facts right
after its extractor (which of the statistics count the report's own cases). ``BEFORE`` and ``AFTER`` are the
steps that find no kind of their own: the report's reading of itself (``extract/reading.py``: its metadata,
jurisdiction, issuer and the resolver every extractor names bodies with), before anything; the links between what
the kinds found, made after everything.

To add a kind, see docs/architecture.md ("Adding a kind of fact").
"""
from __future__ import annotations

from dataclasses import field, make_dataclass

from fazhi.loaders import factlines as W
from fazhi.loaders import facts as F
from fazhi.loaders.extract.agencies import extract_agencies
from fazhi.loaders.extract.awards import extract_awards
from fazhi.loaders.extract.casefigures import extract_case_figures
from fazhi.loaders.extract.documents import extract_documents
from fazhi.loaders.extract.duties import extract_obligations
from fazhi.loaders.extract.links import extract_links
from fazhi.loaders.extract.selfaccount import extract_self_account
from fazhi.loaders.extract.namedcases import extract_named_cases
from fazhi.loaders.extract.reading import read_context
from fazhi.loaders.extract.statistics import extract_statistics
from fazhi.loaders.facts import Evaluation, FactKind
from fazhi.ontology.vocab import FZ

KINDS: tuple[FactKind, ...] = (
    FactKind("agencies", F.Agency, "Agency", extract_agencies, W.write_agencies,
             evaluation=Evaluation("agencies", "agencies", "match_agencies")),
    FactKind("documents", F.Document, "Document", extract_documents, W.write_documents,
             evaluation=Evaluation("documents", "documents", "match_documents")),
    FactKind("statistics", F.Statistic, "Statistic", extract_statistics, W.write_statistics, "stat",
             evaluation=Evaluation("statistics", "statistics", "match_statistics"), then=(extract_case_figures,)),
    FactKind("obligations", F.Obligation, "Obligation", extract_obligations, W.write_obligations, "duty",
             evaluation=Evaluation("requirements", "obligations", "match_by_evidence")),
    FactKind("awards", F.Award, "Award", extract_awards, W.write_awards, "award",
             evaluation=Evaluation("awards", "awards", "match_awards")),
    # (after awards: a case selected as typical is linked to the award its selection makes)
    FactKind("cases", F.Case, "Case", extract_named_cases, W.write_cases, "case",
             evaluation=Evaluation("cases", "cases", "match_cases")),
    FactKind("advisers", F.AdviserStatement, "AdviserStatement", extract_self_account, W.write_adviser_statements, "adviser"),
    FactKind("institutions", F.Institution, "Institution", extract_self_account, W.write_text_facts, "inst",
             FZ.institutionName),
    FactKind("problems", F.Problem, "Problem", extract_self_account, W.write_text_facts, "problem", FZ.problemText),
    FactKind("next_steps", F.NextStep, "NextStep", extract_self_account, W.write_text_facts, "plan", FZ.planText),
)
BEFORE = (read_context,)
AFTER = (extract_links,)
EXTRACTORS = (*BEFORE, *dict.fromkeys(step for k in KINDS for step in (k.extractor, *k.then)), *AFTER)


def _counts(self) -> dict[str, int]:
    """How many facts of each kind, by the kind's field name, in the declared order."""
    return {k.field: len(getattr(self, k.field)) for k in KINDS}


Facts = make_dataclass(
    "Facts", [(k.field, list, field(default_factory=list)) for k in KINDS],
    namespace={"counts": _counts, "__doc__": "Everything read from one report: a list of records per kind of "
                                            "fact (``KINDS``), under the kind's field name."})
Facts.__module__ = __name__
