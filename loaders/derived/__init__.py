"""The graphs derived across files: ingest's last step, once a run's files are in the store.

- ``fulfilment``: the reports carrying out each duty assignment, and the passages reporting it done;
- ``titles``: the one title shown for each document that takes part in a link;
- ``rows``: the rows of the `agencies` and `documents` tables.

Each lives in its own named graph, written whole (its difference, in one transaction) or, after a run that
only added files to a store whose derived graphs were finished, for what the new files touch.
``DERIVED_STATE_GRAPH`` says they are finished: a run that writes removes it first and puts it back when
``update_derived`` is done, so a killed run makes the next one recompute them whole.
"""
from __future__ import annotations

import pyoxigraph as ox

from fazhi.graph.crash_points import crash_point
from fazhi.graph.store import Store
from fazhi.loaders.derived.fulfilment import link_fulfilment
from fazhi.loaders.derived.rows import link_rows
from fazhi.loaders.derived.titles import link_titles
from fazhi.ontology.vocab import RDFS

DERIVED_STATE_GRAPH = ox.NamedNode("https://w3id.org/fazhi/derived/state")


def update_derived(store: Store, added: list[str] | None = None) -> None:
    """Bring every derived graph up to date: whole, or (``added``: the source graphs a run only added to a
    store whose derived graphs were finished) for what those graphs touch."""
    link_fulfilment(store, added)
    crash_point("after-fulfilment")  # (a test-only point of the write path: graph/crash_points.py)
    link_titles(store, added)
    link_rows(store, added)


# what the state graph holds while the derived graphs are finished. It names them: a store whose marker names
# fewer (written before a derived graph was added) counts as unfinished, so its next `fazhi ingest`, even of
# unchanged files, computes them whole.
FINISHED = ox.Triple(DERIVED_STATE_GRAPH, RDFS.comment,
                     ox.Literal("the derived graphs (fulfilment, titles, rows) reflect every source graph"))


def derived_up_to_date(store: Store) -> bool:
    """Whether the last run that wrote the store finished its derived graphs, all of those this code writes."""
    return store.ask(f"ASK {{ GRAPH {DERIVED_STATE_GRAPH} {{ {FINISHED.subject} {FINISHED.predicate} "
                     f"{FINISHED.object} }} }}")


def mark_derived_up_to_date(store: Store) -> None:
    """Say the derived graphs reflect every source graph (removed again before the next run writes). The same
    triple every time: two stores with the same files hold the same quads."""
    store.replace_graph(DERIVED_STATE_GRAPH, [FINISHED])


def mark_derived_unfinished(store: Store) -> None:
    """Say a run is writing: until ``mark_derived_up_to_date``, the derived graphs may miss its files."""
    store.remove_graph(DERIVED_STATE_GRAPH)
