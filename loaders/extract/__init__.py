"""Extractors: each is a function ``(doc: ReportDoc) -> None`` that appends facts to ``doc.facts``.

They read ``doc.simple`` (the simplified-Chinese view; offsets equal those of ``doc.text``) and
``doc.structure`` (sections, sentences), and record spans into the normalised text as evidence.
The order matters: jurisdiction and agencies first (they install ``doc.resolve``, which qualifies every
agency name later extractors use), then what depends on them; ``extract_links`` last, as it links what
the others found.
"""
from fazhi.loaders.extract.agencies import extract_agencies, read_jurisdiction
from fazhi.loaders.extract.awards import extract_awards
from fazhi.loaders.extract.casefigures import extract_case_figures
from fazhi.loaders.extract.documents import extract_documents
from fazhi.loaders.extract.duties import extract_obligations
from fazhi.loaders.extract.links import extract_links
from fazhi.loaders.extract.misc import extract_misc
from fazhi.loaders.extract.statistics import extract_statistics

EXTRACTORS = [read_jurisdiction, extract_agencies, extract_documents, extract_statistics, extract_case_figures,
              extract_obligations, extract_awards, extract_misc, extract_links]
