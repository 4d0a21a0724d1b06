"""Results a page at a time: the query text with ``LIMIT``/``OFFSET``, one row more than the page to know
whether another page follows.

Why paging works without ``ORDER BY``: Oxigraph evaluates a query deterministically (its joins, DISTINCT
and GROUP BY use fixed-seed hash tables and follow the order of the store's indexes), so the same query on
the same data gives its rows in the same order in every process, and ``LIMIT n OFFSET k`` gives rows
k..k+n of that order (checked on every named query by tests/test_paging.py and at 1 M triples by the
benchmarks). A write between two pages can shift rows, as in any paging without a sort key. A query
that streams (no GROUP BY or ORDER BY at its top) stops after the page's rows; page k costs about as much
as its first k pages together, the last page of a large table about as much as the whole table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.graph.errors import QueryError
from fazhi.graph.results import Results
from fazhi.graph.sparql_text import blank_strings

PAGE_ROWS = 500  # see docs/benchmarks.md: at 1 M triples the first 500 rows of a streaming table cost ~50 ms

# a top-level trailing VALUES clause (SPARQL allows one after the solution modifiers): LIMIT goes before it
_TRAILING_VALUES = re.compile(r"\bVALUES\s+(?:\?\w+|\((?:\s*\?\w+)*\s*\))\s*\{[^{}]*\}\s*$", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(LIMIT|OFFSET)\s+(\d+)\s*", re.IGNORECASE)


def with_limit(query: str, limit: int, offset: int = 0) -> str:
    """The query restricted to ``limit`` rows from row ``offset`` of its own result.

    A LIMIT or OFFSET the query already has is combined with the page's (the page is taken from within
    the query's own window).

    >>> with_limit('SELECT ?s WHERE { ?s ?p ?o }', 11, 20)
    'SELECT ?s WHERE { ?s ?p ?o }\\nLIMIT 11 OFFSET 20'
    >>> with_limit('SELECT ?s WHERE { ?s ?p ?o } LIMIT 25 OFFSET 5', 11, 20)
    'SELECT ?s WHERE { ?s ?p ?o }\\nLIMIT 5 OFFSET 25'
    >>> with_limit('SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <http://a> }', 3)
    'SELECT ?s WHERE { ?s ?p ?o }\\nLIMIT 3\\nVALUES ?s { <http://a> }'
    """
    if limit < 0 or offset < 0:
        raise QueryError("a page needs a limit and an offset of 0 or more")
    masked = blank_strings(query)
    close = masked.rfind("}")
    if close < 0:
        raise QueryError("query has no WHERE clause to page")
    tail_at = close + 1
    values = _TRAILING_VALUES.search(masked)
    if values:  # the '}' found is the VALUES block's: the modifiers stand before the VALUES keyword
        tail_at = values.start()
        close = masked.rfind("}", 0, tail_at)
        tail_at = close + 1
    tail = masked[tail_at:values.start() if values else len(masked)]
    own = {k.upper(): int(v) for k, v in _MODIFIER.findall(tail)}
    if own:  # drop the query's own LIMIT/OFFSET (same offsets in the masked and the real text)
        start = tail_at + min(m.start() for m in _MODIFIER.finditer(tail))
        end = tail_at + max(m.end() for m in _MODIFIER.finditer(tail))
        query = query[:start] + query[end:]
        masked = masked[:start] + masked[end:]
        if values:
            values = _TRAILING_VALUES.search(masked)
    base = own.get("OFFSET", 0)
    if "LIMIT" in own:
        limit = max(0, min(limit, own["LIMIT"] - offset))
    clause = f"\nLIMIT {limit}" + (f" OFFSET {base + offset}" if base + offset else "")
    if values:
        return query[:values.start()].rstrip(" ") + clause + "\n" + query[values.start():]
    return query.rstrip() + clause


@dataclass
class Page:
    """One page of a query's result: ``results`` holds its rows (at most ``size``)."""

    results: Results
    number: int          # 1-based
    size: int
    has_next: bool

    @property
    def first_row(self) -> int:
        """1-based number of the page's first row in the whole result (0 when the page is empty)."""
        return (self.number - 1) * self.size + 1 if self.results.rows else 0

    @property
    def last_row(self) -> int:
        return (self.number - 1) * self.size + len(self.results.rows)


def fetch_page(store, query: str, bindings: dict | None = None, *, number: int = 1, size: int = PAGE_ROWS,
               timeout: float | None = None) -> Page:
    """Page ``number`` (1-based) of a SELECT query's result, ``size`` rows, asking the store for one row more
    to know whether a next page exists."""
    if number < 1 or size < 1:
        raise QueryError("page numbers start at 1 and a page holds at least one row")
    text = with_limit(query, size + 1, (number - 1) * size)
    res = store.select(text, bindings, limit=size + 1, timeout=timeout)
    more = len(res.rows) > size
    return Page(Results(res.columns, res.rows[:size], False, res.elapsed), number, size, more)
