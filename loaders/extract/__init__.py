"""Extractors: each is a function ``(doc: ReportDoc) -> None`` that appends facts to ``doc.facts``.

They read ``doc.simple`` (the simplified-Chinese view; offsets equal those of ``doc.text``) and
``doc.structure`` (sections, sentences), and record spans into the normalised text as evidence.
The order matters: jurisdiction first (it qualifies every agency name), then what depends on it.
"""
from fazhi.loaders.extract.basic import extract_documents_basic, qualify_report
from fazhi.loaders.extract.awards import extract_awards
from fazhi.loaders.extract.duties import extract_obligations
from fazhi.loaders.extract.misc import extract_misc
from fazhi.loaders.extract.statistics import extract_statistics

EXTRACTORS = [qualify_report, extract_documents_basic, extract_statistics, extract_obligations, extract_awards,
              extract_misc]
