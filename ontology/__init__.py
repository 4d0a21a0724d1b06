"""The fazhi ontology, SHACL shapes, the indicator scheme and the vocabulary the code uses (see vocab.py)."""
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from fazhi.ontology.vocab import FZ, RDF, SKOS

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "fazhi.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
INDICATORS_TTL = HERE / "indicators.ttl"


@lru_cache(maxsize=1)
def indicator_notations() -> dict[str, str]:
    """notation → IRI of every indicator in indicators.ttl (``reconsideration.closed`` → its concept)."""
    store = ox.Store()
    store.load(path=str(INDICATORS_TTL), format=ox.RdfFormat.TURTLE)
    return {q.object.value: q.subject.value for s in store.quads_for_pattern(None, RDF.type, FZ.Indicator)
            for q in store.quads_for_pattern(s.subject, SKOS.notation, None)}
