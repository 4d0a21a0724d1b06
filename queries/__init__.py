"""The named-query catalogue: one ``.rq`` file per query, its stem the name, a ``#+`` header on top.

Header lines (a key may repeat: its lines are joined)::

    #+ title: 机构 / Agencies
    #+ description: Every organisation named in the reports and rosters.
    #+ description_zh: 报告和名册中出现的每个机构。
    #+ param: as_of date optional=today  The date an adviser's term must still cover.
    #+ param_zh: as_of 法律顾问聘期须覆盖的日期。
    #+ column: kind 机构类型 / Kind of body
    #+ group: duties

``title`` is what ``fazhi queries`` lists; ``title_zh`` / ``title_en`` give it per language (else the two halves
of ``中文 / English``). ``description`` is English, ``description_zh`` Chinese; ``param_zh: NAME text`` is a
parameter's Chinese help. ``column: NAME 中文 / English`` labels a result column for this query; columns
without one take the shared labels of ``columns.tsv`` (``fazhi.queries.labels``).

Parameter types: ``date`` (YYYY-MM-DD), ``iri``, ``string``, ``integer``, ``document`` (an IRI, a
document number as printed or a title, resolved to the document's IRI), ``indicator`` (a notation of
ontology/indicators.ttl, reconsideration.closed, or an indicator's IRI). Values are bound as RDF terms
in a ``VALUES`` block at the top of every ``WHERE`` group (``fazhi.graph.sparql_text.inject_values``), never
pasted into the query text; so a query uses a parameter at the top level of a WHERE group (in a triple
pattern, a FILTER there, or NOT EXISTS), not only in a FILTER of a nested group, which SPARQL evaluates
before the join.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from fazhi.graph.errors import BadParameter, QueryError, QueryNotFound
from fazhi.graph.paging import PAGE_ROWS, Page, fetch_page
from fazhi.graph.results import Results, sort_joined
from fazhi.graph.sparql_text import blank_strings, check_read_only, query_form
from fazhi.graph.store import Store
from fazhi.ontology import indicator_notations
from fazhi.ontology.ids import doc_key, document_iri, number_key
from fazhi.ontology.vocab import XSD

HERE = Path(__file__).resolve().parent
_NAME = re.compile(r"[\w-]+")  # what a named query's name can be (its file's stem)
PARAM_TYPES = ("date", "iri", "string", "integer", "document", "indicator")
_PARAM = re.compile(r"^(\w+)\s+(\w+)(?:\s+(required|optional(?:=(\S+))?))?\s*(.*)$")
_COLUMN = re.compile(r"^(\w+)\s+(\S.*?)\s+/\s+(\S.*)$")
TEXT_KEYS = ("title", "title_zh", "title_en", "description", "description_zh", "group")
# (GROUP_CONCAT(... ; separator="S") AS ?col): a column of joined values
_JOINED = re.compile(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?;\s*separator\s*=\s*\"([^\"]+)\"\s*\)\s+AS\s+\?(\w+)",
                     re.IGNORECASE)


@dataclass
class Param:
    name: str
    type: str
    required: bool = True
    default: str | None = None     # "today" or a literal value
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str
    params: list[Param] = field(default_factory=list)
    group: str = ""
    path: Path | None = None
    texts: dict = field(default_factory=dict)          # title_zh, title_en, description_zh, param_zh:NAME
    column_labels: dict = field(default_factory=dict)  # column -> (中文, English)

    def joined(self) -> dict[str, str]:
        """The columns that join several values (GROUP_CONCAT), with their separators: their parts are given
        in code-point order on every store (SPARQL leaves that order to the store).

        >>> NamedQuery("q", "", "", 'SELECT (GROUP_CONCAT(DISTINCT STR(?p); separator=";") AS ?ps) {}').joined()
        {'ps': ';'}
        """
        return {col: sep for sep, col in _JOINED.findall(self.sparql)}

    def columns(self) -> list[str]:
        """The outer SELECT clause's variables, in order (what the result's columns will be); [] for
        ``SELECT *`` and other forms."""
        return select_columns(self.sparql)

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (``zh`` or ``en``): its ``title_LANG`` line, else its half of ``中文 / English``."""
        if self.texts.get(f"title_{lang}"):
            return self.texts[f"title_{lang}"]
        zh, sep, en = self.title.partition(" / ")
        return (en if lang == "en" else zh).strip() if sep else self.title

    def description_in(self, lang: str) -> str:
        """The description in ``lang``: ``description_zh`` for Chinese, ``description`` (English) otherwise."""
        return self.texts.get("description_zh", "") if lang == "zh" else self.description

    def param_help(self, p: Param, lang: str) -> str:
        """A parameter's help text in ``lang`` (its ``param_zh`` line in Chinese, else its description)."""
        return (self.texts.get(f"param_zh:{p.name}") if lang == "zh" else None) or p.description


def select_columns(sparql: str) -> list[str]:
    """The projected variables of a query's first SELECT clause, in order ([] for ``SELECT *`` or no SELECT).

    >>> select_columns('SELECT ?a (GROUP_CONCAT(STR(?p); separator=";") AS ?b) ?c WHERE { ?a ?p ?c }')
    ['a', 'b', 'c']
    """
    text = blank_strings(sparql)
    m = re.search(r"(?<![?$\w])SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?", text, re.IGNORECASE)
    if not m:
        return []
    out, depth, start = [], 0, m.end()
    for tok in re.finditer(r"[()]|[?$]\w+|(?<![?$\w])(?:WHERE|FROM)\b|\{|\*", text[start:], re.IGNORECASE):
        t = tok.group(0)
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
        elif t[0] in "?$":
            if depth == 0 or (depth == 1 and re.search(r"\bAS\s*$", text[start:start + tok.start()], re.IGNORECASE)):
                out.append(t[1:])
        elif depth == 0:  # WHERE, FROM, { or *: the projection has ended
            return [] if t == "*" else out
    return out


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file with its ``#+`` header; a header that does not parse is a QueryError."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    columns: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#+"):
            continue
        key, sep, value = line[2:].strip().partition(":")
        if not sep:
            raise QueryError(f"{path.name}:{n}: header line needs 'key: value'")
        key, value = key.strip(), value.strip()
        if key == "param":
            params.append(_param(value, f"{path.name}:{n}"))
        elif key == "param_zh":
            pname, _, help_zh = value.partition(" ")
            if not help_zh.strip():
                raise QueryError(f"{path.name}:{n}: param_zh needs 'NAME text'")
            meta[f"param_zh:{pname}"] = _join(meta.get(f"param_zh:{pname}", ""), help_zh.strip())
        elif key == "column":
            m = _COLUMN.match(value)
            if not m:
                raise QueryError(f"{path.name}:{n}: column needs 'NAME 中文 / English'")
            columns[m.group(1)] = (m.group(2).strip(), m.group(3).strip())
        elif key in TEXT_KEYS:
            meta[key] = _join(meta.get(key, ""), value)
        else:
            raise QueryError(f"{path.name}:{n}: unknown header key {key!r}")
    if "title" not in meta:
        raise QueryError(f"{path.name}: header has no title")
    unknown = sorted({k.split(":", 1)[1] for k in meta if k.startswith("param_zh:")} - {p.name for p in params})
    if unknown:
        raise QueryError(f"{path.name}: param_zh for an undeclared parameter: {', '.join(unknown)}")
    texts = {k: v for k, v in meta.items() if k not in ("title", "description", "group")}
    return NamedQuery(path.stem, meta["title"], meta.get("description", ""), text, params, meta.get("group", ""),
                      path, texts, columns)


def _join(text: str, more: str) -> str:
    """Header lines of one key joined: with a space, except between two Chinese characters.

    >>> _join("a", "b"), _join("报告", "全文"), _join("", "x")
    ('a b', '报告全文', 'x')
    """
    if not text:
        return more
    return text + more if not text[-1].isascii() and not more[:1].isascii() else f"{text} {more}"


def _param(value: str, where: str) -> Param:
    """One ``#+ param:`` line: ``NAME TYPE [required|optional[=DEFAULT]] text``."""
    m = _PARAM.match(value)
    if not m or m.group(2) not in PARAM_TYPES:
        raise QueryError(f"{where}: param needs 'NAME TYPE [required|optional[=DEFAULT]] text', "
                         f"TYPE one of {', '.join(PARAM_TYPES)}")
    opt = m.group(3) or "required"
    return Param(m.group(1), m.group(2), opt == "required", m.group(4), m.group(5).strip())


def catalogue(folder: Path = HERE) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name."""
    return {p.stem: _parsed(p) for p in sorted(folder.glob("*.rq"))}


def _parsed(path: Path) -> NamedQuery:
    """``parse_query_file``, read again only when the file changed: every query the app runs looks its text
    up here, and parsing every header each time cost more than answering a one-node query."""
    st = path.stat()
    return _parse_cached(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=256)
def _parse_cached(path: Path, mtime_ns: int, size: int) -> NamedQuery:
    return parse_query_file(path)


def get_query(name_or_file: str) -> NamedQuery:
    """A named query by name, or a query file by path (a plain .rq file needs no header)."""
    if _NAME.fullmatch(name_or_file):  # a named query: its own file, not the whole folder listed and sorted
        try:
            return _parsed(HERE / f"{name_or_file}.rq")
        except FileNotFoundError:
            pass
    p = Path(name_or_file)
    if p.suffix == ".rq" and p.is_file():
        text = p.read_text(encoding="utf-8")
        if any(line.startswith("#+") for line in text.splitlines()):
            return parse_query_file(p)
        return NamedQuery(p.stem, p.stem, "", text, [], "", p)
    if p.suffix == ".rq":
        raise QueryNotFound(f"{name_or_file}: no such query file")
    raise QueryNotFound(f"unknown query {name_or_file!r}; `fazhi queries` lists them")


def bind_value(param: Param, value: str, store: Store | None = None):
    """One parameter value as an RDF term, checked against its type."""
    value = value.strip()
    if param.type == "date":
        if value == "today":
            value = _dt.date.today().isoformat()
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise BadParameter(f"parameter {param.name}: {value!r} is not a date YYYY-MM-DD") from None
        return Literal(value, datatype=XSD.date)
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise BadParameter(f"parameter {param.name}: {value!r} is not a whole number")
        return Literal(value, datatype=XSD.integer)
    if param.type == "iri":
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
            raise BadParameter(f"parameter {param.name}: {value!r} is not an IRI")
        return NamedNode(value)
    if param.type == "document":
        return resolve_document(value, store, param.name)
    if param.type == "indicator":
        return resolve_indicator(value, param.name)
    return Literal(value)


def resolve_document(value: str, store: Store | None, pname: str = "document") -> NamedNode:
    """A document given as IRI, number (any bracket style) or title → its IRI in the store."""
    if re.fullmatch(r"https?://\S+|urn:\S+", value):
        return NamedNode(value)
    if store is None:
        raise BadParameter(f"parameter {pname}: cannot look up {value!r} without a store")
    # a number also printed beside a plan's title (《纲要》(中发〔2015〕36号)) names the document minted from that
    # number first: the notice it is
    q = """SELECT DISTINCT ?d WHERE {
      ?d eli:id_local|eli:title ?v .
      FILTER (STR(?v) = ?title || REPLACE(REPLACE(STR(?v), "[\\\\[【(（]", "〔"), "[\\\\]】)）]", "〕") = ?key)
    } ORDER BY (?d != ?docno) ?d LIMIT 2"""
    r = store.select(q, {"key": Literal(number_key(value)), "title": Literal(value),
                         "docno": document_iri(doc_key(value, ""))})
    if not r.rows:
        raise BadParameter(f"parameter {pname}: no document with number or title {value!r} in the store")
    return r.rows[0][0]


def resolve_indicator(value: str, pname: str = "indicator") -> NamedNode:
    """An indicator given by notation (reconsideration.closed) or IRI → its IRI; an unknown one is an error.

    >>> resolve_indicator("reconsideration.closed").value
    'https://w3id.org/fazhi/indicator/reconsideration.closed'
    """
    notations = indicator_notations()
    if value in notations:
        return NamedNode(notations[value])
    if value in notations.values():
        return NamedNode(value)
    near = sorted(n for n in notations if value.split(".")[0] and n.startswith(value.split(".")[0]))
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    raise BadParameter(f"parameter {pname}: no indicator {value!r}{hint}; `fazhi query indicators` lists them")


def bindings_for(query: NamedQuery, values: dict[str, str], store: Store | None = None) -> dict:
    """Check the given parameter values against the query's declared ones and bind them as terms."""
    declared = {p.name: p for p in query.params}
    unknown = set(values) - set(declared)
    if unknown:
        known = ", ".join(declared) or "none"
        raise BadParameter(f"query {query.name} has no parameter {', '.join(sorted(unknown))} (it takes: {known})")
    out = {}
    for p in query.params:
        v = values.get(p.name)
        if v is None or v == "":
            if p.default is not None:
                v = p.default
            elif p.required:
                raise BadParameter(f"query {query.name} needs parameter {p.name} ({p.type})")
            else:
                continue
        out[p.name] = bind_value(p, v, store)
    return out


def run_named(store: Store, name_or_file: str, values: dict[str, str] | None = None, **kw) -> Results:
    """Run a named query (or a .rq file) with parameter values given as strings."""
    q = get_query(name_or_file)
    check_read_only(q.sparql)
    bindings = bindings_for(q, values or {}, store)
    return sort_joined(store.select(q.sparql, bindings, **kw), q.joined())


def run_any(store: Store, name_or_file: str, values: dict[str, str] | None = None, **kw):
    """Run a named query or a query file of any form: Results for SELECT (as ``run_named``), a bool for ASK,
    triples for CONSTRUCT and DESCRIBE (``limit`` caps their triples)."""
    q = get_query(name_or_file)
    check_read_only(q.sparql)
    form = query_form(q.sparql)
    if form == "SELECT":
        return run_named(store, name_or_file, values, **kw)
    bindings = bindings_for(q, values or {}, store)
    if form == "ASK":
        kw.pop("limit", None)
        return store.ask(q.sparql, bindings, **kw)
    return store.construct(q.sparql, bindings, **kw)


def run_page(store: Store, name_or_file: str, values: dict[str, str] | None = None, *, page: int = 1,
             size: int = PAGE_ROWS, timeout: float | None = None) -> Page:
    """Page ``page`` (1-based, ``size`` rows) of a named query's result, in the store's own order (what the
    app shows; ``run_named`` gives the whole result)."""
    q = get_query(name_or_file)
    check_read_only(q.sparql)
    bindings = bindings_for(q, values or {}, store)
    pg = fetch_page(store, q.sparql, bindings, number=page, size=size, timeout=timeout)
    pg.results = sort_joined(pg.results, q.joined())
    return pg
