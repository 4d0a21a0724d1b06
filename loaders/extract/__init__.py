"""Extractors: each is a function ``(doc: ReportDoc) -> None`` that appends facts to ``doc.facts``.

They read ``doc.simple`` (the simplified-Chinese view; offsets equal those of ``doc.text``) and
``doc.structure`` (sections, sentences), and record spans into the normalised text as evidence.
Which extractor finds which kind of fact, and their order, is declared in ``fazhi.loaders.kinds``: the
report's reading of itself first (``reading.read_context``: its finished metadata ``doc.meta``, its jurisdiction
``doc.chain`` and ``doc.resolve``, which qualifies every agency name, in one frozen ``Reading``), then agencies
and what depends on them; ``extract_links`` last, as it links what the others found.
"""
