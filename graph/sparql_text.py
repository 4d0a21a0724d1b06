"""SPARQL texts as fazhi handles them: the read-only check every query passes, parameters bound by VALUES
blocks, the query form, and the one update that changes a graph (the same text goes to the embedded store
and to any endpoint)."""
from __future__ import annotations

import functools
import re
from typing import Iterable

import pyoxigraph as ox

from fazhi.graph.errors import QueryError

# A keyword, not a variable (?add), a prefixed name (ex:load) or part of a longer word.
UPDATE_FORMS = re.compile(
    r"(?<![?$:\w-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH|SERVICE)(?![:\w-])", re.IGNORECASE)
_STRINGS_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def check_read_only(query: str) -> None:
    """Refuse SPARQL Update forms and SERVICE, whatever the backend.

    >>> check_read_only('SELECT * WHERE { ?s ?p "DROP ALL" }')
    >>> check_read_only('DROP ALL')
    Traceback (most recent call last):
    ...
    fazhi.graph.errors.QueryError: updates are refused (DROP): fazhi queries are read-only
    """
    bare = _STRINGS_AND_COMMENTS.sub(" ", query)
    m = UPDATE_FORMS.search(bare)
    if m:
        word = m.group(0).upper()
        if word == "SERVICE":
            raise QueryError("SERVICE is refused: fazhi queries run only on this store")
        raise QueryError(f"updates are refused ({word}): fazhi queries are read-only")


def blank_strings(query: str) -> str:
    """The query with strings, comments and IRIs blanked out, same length (so offsets still match): where to
    look for keywords and braces.

    >>> blank_strings('SELECT * { ?s ?p "}" } # }')
    'SELECT * { ?s ?p     }    '
    """
    return _STRINGS_AND_COMMENTS.sub(lambda m: " " * len(m.group(0)), query)


def inject_values(query: str, bindings: dict | None, *, as_bind: bool = False) -> str:
    r"""Bind parameters with a ``VALUES`` block at the top of every group that follows ``WHERE``.

    The values are RDF term objects serialised by pyoxigraph (N-Triples syntax, escaped), so a value can
    never change the query's structure. A block in every WHERE, subqueries included, is what makes a
    parameter visible inside subqueries and FILTER NOT EXISTS, which pyoxigraph's ``substitutions``
    (SEP-0007) does not reach; remote endpoints get exactly the same text, except Virtuoso: ``as_bind`` puts
    ``BIND (term AS ?name)`` in the same places (the same solutions: nothing is in scope at the top of a
    group), as Virtuoso 7.2 takes a VALUES-bound variable for an unbound one at the start of a property
    path ("transitive start not given").

    >>> from pyoxigraph import Literal
    >>> inject_values('SELECT ?x WHERE { ?x ?p ?v }', {"v": Literal('x"> } DROP ALL')})
    'SELECT ?x WHERE { VALUES ?v { "x\\"> } DROP ALL" } ?x ?p ?v }'
    >>> inject_values('SELECT ?x WHERE { ?x ?p ?v }', {"v": Literal('x')}, as_bind=True)
    'SELECT ?x WHERE { BIND ("x" AS ?v) ?x ?p ?v }'
    """
    if not bindings:
        return query
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}")
        if not isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            raise QueryError(f"parameter {name} must be an RDF term")
    if as_bind:  # the same binding for stores that see a VALUES-bound variable as unbound (Virtuoso's paths)
        block = " ".join(f"BIND ({term} AS ?{name})" for name, term in bindings.items())
    else:
        block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    out, last = [], 0
    for c in _where_cuts(query):
        out += [query[last:c], f" {block}"]
        last = c
    out.append(query[last:])
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _where_cuts(query: str) -> tuple[int, ...]:
    """Where ``inject_values`` puts its blocks: after every ``WHERE {`` (else the first ``{``). Cached: the
    app runs the same few query texts again and again."""
    masked = blank_strings(query)
    cuts = tuple(m.end() for m in _WHERE_OPEN.finditer(masked))
    if cuts:
        return cuts
    m = re.search(r"\{", masked)
    if not m:
        raise QueryError("query has no WHERE clause to bind parameters in")
    return (m.end(),)


_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, comments and IRIs."""
    bare = blank_strings(query)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", bare, re.IGNORECASE)
    if not m:
        raise QueryError("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).upper()


def change_update(graph: ox.NamedNode, remove: Iterable[ox.Triple], add: Iterable[ox.Triple]) -> str:
    """One SPARQL update taking ``remove`` out of ``graph`` and putting ``add`` in ("" when both are empty)."""
    parts = []
    for verb, triples in (("DELETE", remove), ("INSERT", add)):
        body = " .\n".join(f"{t.subject} {t.predicate} {t.object}" for t in triples)
        if body:
            parts.append(f"{verb} DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    return " ;\n".join(parts)
