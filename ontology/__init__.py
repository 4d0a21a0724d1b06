"""The fazhi ontology, SHACL shapes and the vocabulary the code uses (see vocab.py)."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "fazhi.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
