"""What the SPARQL backend does differently on Virtuoso 7 (fazhi.graph.remote detects it from the Server header).

Measured on Debian's virtuoso-opensource 7.2.5 (tests/test_remote_queries.py runs every named query on one,
tests/test_virtuoso.py these parts):

- **Its own graphs.** Virtuoso's default graph is the union of ALL its graphs, its own included (the quad
  maps in ``virtrdf#``, the OWL and LDP vocabularies, the DAV folder listing, the endpoint's service
  description: ~5,600 triples on a fresh server). deploy/virtuoso/setup.sql makes them private, so the union
  holds fazhi's graphs only; on a server not set up, the graph list, the quad count and the export still
  leave them out (a FILTER), the named queries never match them, ad-hoc queries see them. (Not with the
  ``input:default-graph-exclude`` pragma: with three or more of those, a FILTER EXISTS over a property path in
  a group with an OPTIONAL matches nothing, a wrong answer without an error.)
- **Writes.** One ``INSERT DATA`` block takes at most ~4,990 triples (its parser's stack: "memory
  exhausted"), and with the ``sql:big-data-const 0`` the endpoint puts in front of every request it compiles
  the data into SQL text with a 10,000-line limit (~1,000 triples) at ~600 triples/s. fazhi sends
  ``define sql:big-data-const 1`` (the data go in as one constant: ~7,000 triples/s) and blocks of
  ``BLOCK_TRIPLES``, many blocks per request.
- **No transaction per request.** Virtuoso commits each operation of an update request on its own: a
  request failing half-way keeps what its earlier operations did. So each file's completion marker goes in
  the LAST block, after the file's body, and ingest drops marker-less graphs before it starts (as after an
  interrupted bulk load into the embedded store).
- **Row cap.** Its ``[SPARQL] ResultSetMaxRows`` (10,000 in Debian's ini) cuts every result silently except
  for an ``X-SPARQL-MaxRows`` header; fazhi refuses a result cut short of the rows it asked for.
- **Terms.** Booleans come back as "1"/"0": read as the "true"/"false" fazhi wrote.
- **Paths.** Parameters are bound with BIND (graph.sparql_text), and unbounded paths from one are rewritten
  into its OPTION (TRANSITIVE) form (``rewrite_paths``, below).
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from fazhi.graph.errors import QueryError
from fazhi.graph.sparql_text import blank_strings

# triples per INSERT DATA / DELETE DATA block: well under the parser's ~4,990
BLOCK_TRIPLES = 2000
# graphs Virtuoso holds on a fresh server, whatever its host name
FIXED_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/2002/07/owl#",
                       "http://www.w3.org/ns/ldp#")
# the host-named ones (http://HOST:PORT/DAV/, http://HOST:PORT/sparql), found by what they hold (an index
# look-up on the predicate, not a scan of the graph list)
SYSTEM_GRAPHS_QUERY = """SELECT DISTINCT ?g WHERE {
  { GRAPH ?g { ?s <http://www.openlinksw.com/schemas/DAV#ownerUser> ?o } }
  UNION { GRAPH ?g { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?o } }
}"""
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"


def _lines(triples) -> list[str]:
    """N-Triples lines (no newline) from N-Triples text/bytes or from triple objects."""
    if isinstance(triples, (bytes, str)):
        text = triples.decode("utf-8") if isinstance(triples, bytes) else triples
        return [ln for ln in text.split("\n") if ln.strip()]
    return [f"{t.subject} {t.predicate} {t.object} ." for t in triples]


def data_blocks(verb: str, graph: ox.NamedNode, triples, size: int = BLOCK_TRIPLES) -> list[str]:
    """``INSERT DATA``/``DELETE DATA`` operations for ``graph``, at most ``size`` triples each.

    >>> g = ox.NamedNode("http://g")
    >>> for op in data_blocks("INSERT", g, b"<a:s> <a:p> 1 .\\n<a:s> <a:p> 2 .\\n<a:s> <a:p> 3 .\\n", size=2):
    ...     print(op)
    INSERT DATA { GRAPH <http://g> {
    <a:s> <a:p> 1 .
    <a:s> <a:p> 2 .
    } }
    INSERT DATA { GRAPH <http://g> {
    <a:s> <a:p> 3 .
    } }
    """
    lines = _lines(triples)
    return [f"{verb} DATA {{ GRAPH {graph} {{\n" + "\n".join(lines[i:i + size]) + "\n} }"
            for i in range(0, len(lines), size)]


def update_text(operations: list[str]) -> str:
    """One update request of ``operations``, with the data passed as constants (see the module's notes)."""
    return "define sql:big-data-const 1\n" + " ;\n".join(operations)


def replace_operations(items, markers=()) -> list[str]:
    """Operations that replace each graph of ``items`` ((graph, triples)), then add ``markers`` ((graph,
    triples): each file's completion marker) last of all."""
    ops = [f"DROP SILENT GRAPH {g}" for g, _ in items]
    for g, triples in items:
        ops += data_blocks("INSERT", g, triples)
    for g, triples in markers:
        ops += data_blocks("INSERT", g, triples)
    return ops


def change_operations(graph: ox.NamedNode, remove, add) -> list[str]:
    """The removals then the additions of one graph as bounded DELETE DATA / INSERT DATA operations."""
    return data_blocks("DELETE", graph, list(remove)) + data_blocks("INSERT", graph, list(add))


def cut_rows(headers) -> int | None:
    """The row cap Virtuoso says it applied to this result (``X-SPARQL-MaxRows``), or None."""
    value = headers.get(MAX_ROWS_HEADER)
    return int(value) if value and re.fullmatch(r"\s*\d+\s*", value) else None


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_TRUE, _FALSE = ox.Literal("true", datatype=_BOOLEAN), ox.Literal("false", datatype=_BOOLEAN)


def term(t):
    """A term as written: Virtuoso gives booleans back as ``"1"``/``"0"``, the same values as the ``"true"`` /
    ``"false"`` fazhi wrote (and the embedded store gives back).

    >>> term(ox.Literal("1", datatype=_BOOLEAN)).value, term(ox.Literal("1")).value
    ('true', '1')
    """
    if isinstance(t, ox.Literal) and t.datatype == _BOOLEAN and t.value in ("1", "0"):
        return _TRUE if t.value == "1" else _FALSE
    return t


class Solutions:
    """A SELECT result from Virtuoso: rows as tuples of terms as written (``term``). ``cap``: the rows Virtuoso
    cut the result at (``X-SPARQL-MaxRows``); read past them, the rows raise QueryError (the rest is
    missing), while a reader that stops before (a row cap, a page) never notices."""

    def __init__(self, solutions, cap: int | None = None):
        self.variables = solutions.variables
        self._solutions, self._cap = solutions, cap

    def __iter__(self):
        n = 0
        for row in self._solutions:
            n += 1
            yield tuple(map(term, row))
        if self._cap is not None and n >= self._cap:
            raise QueryError(f"the server cut the result at {self._cap} rows (Virtuoso's [SPARQL] "
                             "ResultSetMaxRows in virtuoso.ini): raise it, e.g. to 100000000, and restart it")


def triple(t: ox.Triple) -> ox.Triple:
    """A CONSTRUCT triple with its object as written (``term``)."""
    o = term(t.object)
    return t if o is t.object else ox.Triple(t.subject, t.predicate, o)


# ---- unbounded property paths -------------------------------------------------------------------------------
# Virtuoso 7.2 evaluates a ``*``/``+`` path by enumerating walks (one per copy of a triple in the union, no
# distinct steps): fine on small graphs, "transitive temp memory" past ~1 M triples; nested EXISTS over fixed
# sequences of such a path (obligation-chain's hop count) run for minutes even on a few thousand triples. Its
# own ``OPTION (TRANSITIVE ...)`` walks distinct nodes and counts steps. The backend rewrites the two shapes
# fazhi's queries use, from a start that is a bound parameter, its value written in (Virtuoso needs its start
# at compile time; a variable bound inside the step's sub-select mixes up the walk's ends):
#   ?param PATH* ?x            → transitive sub-select, t_min(0) (t_min(1) for +)
#   BIND (IF(?x = ?param, 0, IF(EXISTS { ?param PATH ?x }, 1, ... N)) AS ?k)   (the shortest hop count, ≥ N → N)
#                              → the same count from t_step, capped at N (and its ?param PATH* ?x goes)
_PATH = r"\((?:[^()]|\([^()]*\))*\)|[\w:^<>/#.-]+"
_STAR = re.compile(rf"\?(\w+)\s+({_PATH})([*+])\s+\?(\w+)")
_HOPS = re.compile(r"BIND\s*\(\s*IF\s*\(\s*\?(\w+)\s*=\s*\?(\w+)\s*,\s*0\s*,\s*IF\s*\(\s*EXISTS\s*\{\s*\?\2\s+"
                   rf"({_PATH})\s+\?\1\s*\}}\s*,\s*1\s*,")


def _exists_spans(masked: str) -> list[tuple[int, int]]:
    """Where the ``EXISTS { ... }`` groups of a (masked) query are."""
    spans = []
    for m in re.finditer(r"\bEXISTS\s*\{", masked, re.IGNORECASE):
        depth = 0
        for i in range(m.end() - 1, len(masked)):
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            if depth == 0:
                spans.append((m.start(), i + 1))
                break
    return spans


def _closing(text: str, start: int) -> int:
    """The index just past the parenthesis that closes the one opening at ``start``."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    raise QueryError("unbalanced parentheses in query")


def transitive(start: str, path: str, end: str, least: int, n: int = 0, step: str = "") -> str:
    """A Virtuoso transitive sub-select walking ``path`` from the term ``start`` to ``?end``; ``n`` numbers its
    own variable (two of them in one group must not share it).

    >>> print(transitive("<http://d>", "fz:cites", "x", 0))
    { SELECT ?t_in0 ?x WHERE { ?t_in0 fz:cites ?x } } OPTION (TRANSITIVE, t_in(?t_in0), t_out(?x), t_distinct,
    t_direction 1, t_min(0)) . FILTER (?t_in0 = <http://d>)
    """
    counted = f", t_step('step_no') AS ?{step}" if step else ""
    return (f"{{ SELECT ?t_in{n} ?{end} WHERE {{ ?t_in{n} {path} ?{end} }} }} OPTION (TRANSITIVE, t_in(?t_in{n}), "
            f"t_out(?{end}), t_distinct, t_direction 1, t_min({least}){counted}) . FILTER (?t_in{n} = {start})")


def rewrite_paths(query: str, bindings: dict) -> str:
    """``query`` with its unbounded paths from a bound parameter (``bindings``: name → term) in Virtuoso's
    transitive form (see above); strings, comments and IRIs are left alone.

    >>> d = ox.NamedNode("http://d")
    >>> print(rewrite_paths("SELECT * WHERE { ?d fz:cites+ ?x . ?y fz:cites* ?z FILTER EXISTS { ?d fz:cites* ?y } }",
    ...                     {"d": d}))
    SELECT * WHERE { { SELECT ?t_in100 ?x WHERE { ?t_in100 fz:cites ?x } } OPTION (TRANSITIVE, t_in(?t_in100),
    t_out(?x), t_distinct, t_direction 1, t_min(1)) . FILTER (?t_in100 = <http://d>) . ?y fz:cites* ?z
    FILTER EXISTS { ?d fz:cites* ?y } }
    """
    params = {name: str(term) for name, term in bindings.items()}
    masked = blank_strings(query)
    out, at, walked = [], 0, []
    for m in _HOPS.finditer(masked):
        node, start, path = m.group(1), m.group(2), query[m.start(3):m.end(3)]
        if start not in params:
            continue
        end = _closing(masked, masked.index("(", m.start()))
        tail = re.search(r",\s*(\d+)\s*\)+\s*AS\s+\?(\w+)\s*$", masked[m.start():end - 1])
        if not tail:
            continue
        cap, var = tail.group(1), tail.group(2)
        walked.append((start, path, node))
        out += [query[at:m.start()],
                f"{{ SELECT ?{node} (MIN(?t_step) AS ?t_hops) WHERE {{ "
                f"{transitive(params[start], path, node, 0, len(out), 't_step')} }}"
                f" GROUP BY ?{node} }} BIND (IF(?t_hops > {cap}, {cap}, ?t_hops) AS ?{var})"]
        at = end
    query = "".join(out) + query[at:]
    for start, path, node in walked:  # the hop count's sub-select gives every node the path reaches: the
        # reachability pattern beside it goes (two transitive sub-selects in one group mix up their ends)
        query = re.sub(rf"\?{start}\s+{re.escape(path)}\*\s+\?{node}\s*\.?", "", query)
    masked = blank_strings(query)
    inside = _exists_spans(masked)
    out, at = [], 0
    for m in _STAR.finditer(masked):
        start, _, kind, end = m.groups()
        # (not inside EXISTS: Virtuoso takes the path there as it is, and a sub-select there matches nothing)
        if start in params and not any(a <= m.start() < b for a, b in inside):
            path = query[m.start(2):m.end(2)]
            out += [query[at:m.start()], transitive(params[start], path, end, 0 if kind == "*" else 1, len(out) + 100)]
            at = m.end()
    return "".join(out) + query[at:]
