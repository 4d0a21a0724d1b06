"""The case-outcome scheme (``case-outcomes.ttl``) as the code needs it: an outcome by any of its labels,
whether it counts as a correction, and the scheme's own triples (which the ledger loader writes).

>>> outcome("撤销").notation, outcome("撤销").correction, outcome("维持原行政行为").label
('revoked', True, '维持')
>>> outcome("判决书") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

OUTCOMES_TTL = Path(__file__).resolve().parent / "case-outcomes.ttl"
OUTCOME_NS = "https://w3id.org/fazhi/outcome/"
SCHEME = NamedNode(OUTCOME_NS + "scheme")
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_CORRECTION = "https://w3id.org/fazhi/ontology#countsAsCorrection"


@dataclass(frozen=True)
class Outcome:
    iri: NamedNode
    notation: str        # revoked
    label: str           # 撤销 (the Chinese preferred label)
    label_en: str        # revoked
    correction: bool     # 撤销, 部分撤销, 变更, 确认违法, 责令履行


@lru_cache(maxsize=1)
def _scheme() -> tuple[list, dict[str, Outcome]]:
    triples = [q.triple for q in parse(path=str(OUTCOMES_TTL), format=RdfFormat.TURTLE)]
    props: dict[str, dict[str, list]] = {}
    for t in triples:
        if t.subject.value.startswith(OUTCOME_NS) and t.subject != SCHEME:
            props.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    by_label: dict[str, Outcome] = {}
    for iri, p in props.items():
        pref = {lit.language: lit.value for lit in p.get(_SKOS + "prefLabel", [])}
        o = Outcome(NamedNode(iri), p[_SKOS + "notation"][0].value, pref["zh"], pref["en"],
                    p[_CORRECTION][0].value == "true")
        for lit in p.get(_SKOS + "prefLabel", []) + p.get(_SKOS + "altLabel", []):
            by_label[_key(lit.value)] = o
        by_label[_key(o.notation)] = o
    return triples, by_label


def _key(label: str) -> str:
    """A label made comparable: no spaces or underscores, lower case (部分 撤销, Partly_Revoked)."""
    return "".join(label.split()).replace("_", "").lower()


def outcome(label: str) -> Outcome | None:
    """The outcome a ledger cell names (a Chinese or English label, or the notation); None when unknown."""
    return _scheme()[1].get(_key(label or ""))


def outcomes() -> list[Outcome]:
    """Every outcome of the scheme, once, in the file's order (维持, 驳回, 撤销 ... 终止: the contract's).

    >>> " ".join(o.label for o in outcomes())
    '维持 驳回 撤销 部分撤销 变更 确认违法 责令履行 调解 和解 撤回 终止'
    """
    return list(dict.fromkeys(_scheme()[1].values()))


def scheme_triples() -> list:
    """The scheme's triples (pyoxigraph ``Triple``), to be written beside the cases that use it."""
    return list(_scheme()[0])
