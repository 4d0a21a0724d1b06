"""SPARQL: a read-only editor with the project's prefixes preloaded, example queries, a stated and enforced
time limit and row cap, and syntax errors shown at their position.

Address: ``/?view=sparql&q=QUERY`` opens the editor with that query and runs it.
"""
from __future__ import annotations

import re

import streamlit as st
from fazhi.app.ui import error, lang, results_table, row_cap, set_address, store, t, time_limit
from fazhi.graph.errors import FazhiError, QueryTimeout
from fazhi.graph.results import Results
from fazhi.ontology.vocab import sparql_prefixes

EXAMPLES = {
    "classes": ("各类节点数量 / Nodes by class",
                "SELECT ?class (COUNT(?x) AS ?n) WHERE {\n  ?x a ?class .\n} GROUP BY ?class ORDER BY DESC(?n)"),
    "reports": ("报告及其发文机关 / Reports and issuers",
                "SELECT ?report ?title ?issuer ?date WHERE {\n  ?report a fz:Report ; rdfs:label ?title .\n"
                "  OPTIONAL { ?report eli:passed_by/skos:prefLabel ?issuer }\n"
                "  OPTIONAL { ?report eli:date_document ?date }\n} ORDER BY ?date"),
    "cites": ("报告引用的文件 / Documents a report cites",
              "SELECT ?report ?cited ?number WHERE {\n  ?report a fz:Report ; eli:cites|fz:implements ?doc .\n"
              "  ?doc rdfs:label ?cited .\n  OPTIONAL { ?doc eli:id_local ?number }\n} ORDER BY ?report"),
    "duties": ("有时限的职责 / Duties with a time limit",
               "SELECT ?text ?bearer ?value ?unit ?kind WHERE {\n  ?o a fz:Obligation ; fz:text ?text ;\n"
               "     fz:limitValue ?value ; fz:limitKind ?kind .\n  OPTIONAL { ?o fz:limitUnit ?unit }\n"
               "  OPTIONAL { ?o fz:bearer/skos:prefLabel ?bearer }\n} LIMIT 100"),
    "ask": ("是否有单位缺法律顾问 / Does any unit lack an adviser?",
            "ASK { ?u a fz:RosterUnit . FILTER NOT EXISTS { ?u fz:hasAdviser ?a } }"),
    "construct": ("机构的上下级关系 / Agency hierarchy (CONSTRUCT)",
                  "CONSTRUCT { ?a org:subOrganizationOf ?p } WHERE { ?a org:subOrganizationOf ?p }"),
}
_POSITION = re.compile(r"(?:error at |at line )(\d+):(\d+)")


def syntax_position(message: str) -> tuple[int, int] | None:
    """(line, column) from a parser message such as ``error at 3:14: expected ...``.

    >>> syntax_position("syntax error: error at 3:14: expected one of ...")
    (3, 14)
    """
    m = _POSITION.search(message)
    return (int(m.group(1)), int(m.group(2))) if m else None


def as_results(value) -> Results:
    """What `Store.query` returns (Results, bool, triples) as a Results table."""
    if isinstance(value, Results):
        return value
    if isinstance(value, bool):
        from pyoxigraph import Literal

        return Results(["result"], [(Literal("true" if value else "false"),)])
    return Results(["subject", "predicate", "object"], [(tr.subject, tr.predicate, tr.object) for tr in value])


def example_title(key: str) -> str:
    """An example's title in the chosen language (the half of ``中文 / English``)."""
    zh, _, en = EXAMPLES[key][0].partition(" / ")
    return en if lang() == "en" else zh


def _load_example() -> None:
    ex = st.session_state.get("sparql-example")
    if ex in EXAMPLES:
        st.session_state["sparql-text"] = sparql_prefixes() + "\n" + EXAMPLES[ex][1]


def render() -> None:
    limit_max, cap_max = time_limit(), row_cap()
    st.caption(t("sparql_help", timeout=limit_max, cap=cap_max))
    shared = st.query_params.get("q") if st.query_params.get("view") == "sparql" else None
    if "sparql-text" not in st.session_state:
        st.session_state["sparql-text"] = shared or (sparql_prefixes() + "\n" + EXAMPLES["classes"][1])
    st.selectbox(t("example"), list(EXAMPLES), format_func=example_title, key="sparql-example",
                 on_change=_load_example, index=None, placeholder=t("choose"))
    with st.form("sparql"):
        text = st.text_area(t("query_text"), key="sparql-text", height=320)
        c1, c2, _ = st.columns([1, 1, 3])
        timeout = c1.number_input(t("time_limit"), min_value=0.5, max_value=limit_max,
                                  value=min(10.0, limit_max), step=0.5, key="sparql-timeout")
        cap = c2.number_input(t("row_cap"), min_value=1, max_value=cap_max, value=min(1000, cap_max), step=100,
                              key="sparql-cap")
        submitted = st.form_submit_button(t("run"), type="primary")
    if not (submitted or shared):
        return
    set_address(view="sparql", q=text)
    with store() as s:
        try:
            # on the on-disk store the read-only store runs this in a worker process killed at the limit
            value = s.query(text, timeout=float(timeout), limit=int(cap))
        except QueryTimeout:
            st.error(t("timed_out", timeout=float(timeout)))
            return
        except FazhiError as e:
            pos = syntax_position(str(e))
            if pos:
                line, col = pos
                st.error(t("syntax_error", line=line, col=col) + f" — {e}")
                lines = text.splitlines()
                if 0 < line <= len(lines):
                    st.code(f"{lines[line - 1]}\n{' ' * max(0, col - 1)}^", language=None)
            else:
                error(e)
            return
        if isinstance(value, bool):
            st.success(t("ask_result", value=str(value).lower()))
        results_table(s, as_results(value), "sparql", key="sparql")
