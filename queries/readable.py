"""A result table as a researcher reads it: each node by its label (with its IRI and the view that shows it, so
the app can link there), codes by their labels in the chosen language, headers translated, and a column that
only repeats the labels of a node column left out. The raw Results (full IRIs, codes) stay what the
downloads, the CLI and the endpoint give.

Little is asked of the store, as this runs for every page the app shows: a node's label comes from its row
where the query gives one (``agency`` beside ``name``), a fact's view is its passage and needs no label (the
row holds what it says), and only documents are asked whether they are reports.

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
from fazhi.ontology.vocab import ID_NS
from fazhi.queries.browse import labels, local_name, select, values_block
from fazhi.queries.labels import column_label

_IRIS = re.compile(r"https?://[^\s;<>\"]+(?:;https?://[^\s;<>\"]+)*")
LABEL_SUFFIXES = ("_label", "_name", "_title")
FIRST_LABELS = ("label", "name", "title")   # the label of a table's first (node) column
# what the IRI scheme says (fazhi's ids: fact_prefix, case_iri, document_iri): facts read from a report and
# cases read from a ledger are shown by their source passage or row; documents may be reports
SOURCED = (ID_NS + "fact/", ID_NS + "case/")
DOCUMENTS = (ID_NS + "doc/", ID_NS + "docno/")


@dataclass(frozen=True)
class Node:
    """A node as shown: its label ("" for a fact shown by its row), IRI and the view that shows it: ``report``
    (a report's page), ``evidence`` (a fact's passage, a case's ledger row) or ``graph`` (its neighbourhood)."""

    label: str
    iri: str
    view: str = "graph"


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
    ``fazhi.queries.browse.labels``; without a store, the IRI's tail), label columns left out, codes labelled,
    headers from ``own_labels`` (``{column: (中文, English)}``: a query's own) or the shared ones
    (``fazhi.queries.labels``)."""
    nodes = node_columns(res)
    labels_of = {i: label_columns(res, i) for i in nodes}
    dropped = {j for js in labels_of.values() for j in js if j not in nodes}
    keep = [i for i in range(len(res.columns)) if i not in dropped]
    out = Readable([res.columns[i] for i in keep], [column_label(res.columns[i], lang, own_labels) or res.columns[i]
                                                    for i in keep], [res.columns[i] for i in keep if i in nodes])
    given, unlabelled = {}, set()
    for row in res.rows:
        for i in nodes:
            iris = cell_iris(row[i])
            label = next((row[j].value for j in labels_of[i] if row[j] is not None and row[j].value), "")
            for x in iris:
                if label and len(iris) == 1:
                    given.setdefault(x, label)
                elif not x.startswith(SOURCED):
                    unlabelled.add(x)
    documents = {x for row in res.rows for i in nodes for x in cell_iris(row[i]) if x.startswith(DOCUMENTS)}
    names, reports = _look_up(store, unlabelled - set(given), documents)
    for row in res.rows:
        cells = []
        for i in keep:
            if i not in nodes:
                cells.append(code_text(row[i].value, lang) if row[i] is not None else "")
                continue
            iris = cell_iris(row[i])
            one = len(iris) == 1
            cells.append(tuple(Node((given.get(x) if one else None) or names.get(x) or given.get(x) or "", x,
                                    "report" if x in reports else "evidence" if x.startswith(SOURCED) else "graph")
                               for x in iris))
        out.rows.append(cells)
    return out


def _look_up(store, iris: set[str], documents: set[str]) -> tuple[dict[str, str], set[str]]:
    """Labels of ``iris`` (``fazhi.queries.browse.labels``; without a store, the IRIs' tails) and which of
    ``documents`` are reports."""
    if store is None:
        return {x: local_name(x) for x in iris}, set()
    reports: set[str] = set()
    docs = sorted(documents)
    for chunk in (docs[k:k + 500] for k in range(0, len(docs), 500)):
        q = f"SELECT DISTINCT ?x WHERE {{ {values_block('x', chunk)} ?x a fz:Report }}"
        reports |= {x.value for (x,) in select(store, q, limit=10**6).rows}
    return labels(store, sorted(iris)), reports
