"""The two mappings of a report's case figures agree: ``casefigures`` (case type and measure, which
case-reconciliation sets beside the ledgers) and the indicator mapping (which indicator-values compares across
reports). ontology/indicators.ttl says, for each indicator the ledgers can check, the case type and measure it
corresponds to (fz:caseType, fz:caseMeasure); a statistic both mappings place must land on that pair."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SHARED

from fazhi.loaders.indicators import classify, observation
from fazhi.loaders.pipeline import expand_paths, read_report
from fazhi.ontology import INDICATORS_TTL
from fazhi.ontology.vocab import FZ


def crosswalk() -> dict[str, tuple[str, str]]:
    """indicator IRI → (case type, measure), as the scheme declares it."""
    g = ox.Store()
    g.load(INDICATORS_TTL.read_bytes(), format=ox.RdfFormat.TURTLE)
    types = {q.subject.value: q.object.value for q in g.quads_for_pattern(None, FZ.caseType, None)}
    return {s: (t, next(g.quads_for_pattern(ox.NamedNode(s), FZ.caseMeasure, None)).object.value)
            for s, t in types.items()}


def test_the_scheme_declares_every_ledger_measure():
    """Every (type, measure) case-reconciliation knows has one indicator (the ledgers' measures are compared
    across reports through it)."""
    pairs = sorted(crosswalk().values())
    assert len(pairs) == len(set(pairs))
    assert {m for _, m in pairs} == {"received", "closed", "corrected", "lost", "correction_rate",
                                     "head_appeared_rate"}


def reports() -> list[Path]:
    files = [p for p in expand_paths([ROOT / "examples", ROOT / "tests" / "data" / "indicators"])
             if p.suffix == ".txt"]
    if SHARED.exists():
        files += [p for p in expand_paths([SHARED / "corpus"]) if p.suffix == ".txt"]
    return files


def test_both_mappings_agree_on_every_case_figure():
    if not SHARED.exists():
        pytest.skip("shared corpus absent: the examples alone hold too few case figures")
    cross = crosswalk()
    both = disagree = 0
    for path in reports():
        doc = read_report(path)
        for s in doc.facts.statistics:
            if not s.case_measure:
                continue
            m = classify(observation(s, doc.simple, doc.meta))
            if m is None or m.iri not in cross:
                continue
            both += 1
            if cross[m.iri] != (s.case_type, s.case_measure):
                disagree += 1
                print(f"{path.name}: {s.metric} {s.value}{s.unit}: {cross[m.iri]} vs {(s.case_type, s.case_measure)}")
    assert both >= 30, both          # (the shared corpus and own sets hold 36)
    assert disagree == 0
