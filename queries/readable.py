"""A result table as a researcher reads it: each node by its label (with its IRI and class kept, so the app can
link to the node's view), codes by their labels in the chosen language, headers translated, and a column
that only repeats the labels of a node column left out. The raw Results (full IRIs, codes) stay what the
downloads, the CLI and the endpoint give.

>>> from pyoxigraph import Literal, NamedNode
>>> from fazhi.graph.results import Results
>>> res = Results(["agency", "name", "kind"], [(NamedNode("https://w3id.org/fazhi/id/agency/甲县司法局"),
...                                              Literal("甲县司法局"), Literal("department"))])
>>> t = readable(None, res, "zh")
>>> t.columns, t.headers, t.links
(['agency', 'kind'], ['机构', '类型'], ['agency'])
>>> t.rows[0][0][0].label, t.rows[0][1]
('甲县司法局', '政府部门')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from fazhi.graph.results import Results
from fazhi.ontology.labels import code_text
from fazhi.queries.labels import column_label

_IRIS = re.compile(r"https?://[^\s;<>\"]+(?:;https?://[^\s;<>\"]+)*")
LABEL_SUFFIXES = ("_label", "_name", "_title")
FIRST_LABELS = ("label", "name", "title")   # the label of a table's first (node) column


@dataclass(frozen=True)
class Node:
    """A node as shown: its label, IRI and most telling fz: class (``Report``, ``Agency``, ``Other``...)."""

    label: str
    iri: str
    cls: str = "Other"


@dataclass
class Readable:
    """What a table shows: ``columns`` (result column names kept), their ``headers``, the columns in ``links``
    hold a tuple of Nodes per cell (several for a ``;``-joined list, empty when unbound), the others text."""

    columns: list[str]
    headers: list[str]
    links: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


def cell_iris(term) -> list[str]:
    """The IRIs a cell holds: an IRI term, or a literal that is one IRI or a ``;``-joined list of them.

    >>> cell_iris(NamedNode("http://a/1")), cell_iris(None)
    (['http://a/1'], [])
    """
    if term is None:
        return []
    if isinstance(term, NamedNode):
        return [term.value]
    v = getattr(term, "value", "")
    return v.split(";") if v.startswith("http") and _IRIS.fullmatch(v) else []


def node_columns(res: Results) -> list[int]:
    """Indexes of the columns whose bound cells all hold IRIs: at least one bound, or none bound in a column
    that has a label column (``housed_in`` beside ``housed_in_name``, empty on this page)."""
    out = []
    for i in range(len(res.columns)):
        bound = [row[i] for row in res.rows if row[i] is not None and getattr(row[i], "value", "") != ""]
        if all(cell_iris(t) for t in bound) and (bound or label_columns(res, i)):
            out.append(i)
    return out


def label_columns(res: Results, i: int) -> list[int]:
    """The columns that give the labels of node column ``i``, first choice first: ``X_label``/``X_name``/
    ``X_title`` for column X (``source_title`` for ``source_document``), and for the first column also
    ``label``/``name``/``title`` (agency → name; document → its display label, else its title)."""
    col = res.columns[i]
    stems = [col] + ([col.rsplit("_", 1)[0]] if "_" in col else [])  # source_document → source_title
    names = [st + s for st in stems for s in LABEL_SUFFIXES] + (list(FIRST_LABELS) if i == 0 else [])
    return [res.columns.index(n) for n in dict.fromkeys(names) if n in res.columns]


def readable(store, res: Results, lang: str, own_labels: dict | None = None) -> Readable:
    """``res`` as shown in ``lang``: node columns as Nodes (labels from their label column, else from the store:
    ``fazhi.graph.browse.describe``; without a store, the IRI's tail), label columns left out, codes labelled,
    headers from ``own_labels`` (``{column: (中文, English)}``: a query's own) or the shared ones
    (``fazhi.queries.labels``)."""
    nodes = node_columns(res)
    labels_of = {i: label_columns(res, i) for i in nodes}
    dropped = {j for js in labels_of.values() for j in js if j not in nodes}
    info = _describe(store, {iri for row in res.rows for i in nodes for iri in cell_iris(row[i])})
    keep = [i for i in range(len(res.columns)) if i not in dropped]
    out = Readable([res.columns[i] for i in keep], [column_label(res.columns[i], lang, own_labels) or res.columns[i]
                                                    for i in keep], [res.columns[i] for i in keep if i in nodes])
    for row in res.rows:
        cells = []
        for i in keep:
            if i in nodes:
                iris = cell_iris(row[i])
                given = next((row[j].value for j in labels_of[i] if row[j] is not None and row[j].value), "")
                cells.append(tuple(Node(given if given and len(iris) == 1 else info[x]["label"], x, info[x]["cls"])
                                   for x in iris))
            else:
                cells.append(code_text(row[i].value, lang) if row[i] is not None else "")
        out.rows.append(cells)
    return out


def _describe(store, iris: set[str]) -> dict[str, dict]:
    """Label and class of each IRI (from the store when there is one)."""
    from fazhi.graph.browse import describe, local_name

    if store is None or not iris:
        return {i: {"label": local_name(i), "cls": "Other"} for i in iris}
    return describe(store, sorted(iris))
