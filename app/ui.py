"""What every page of the Streamlit app shares: the store opened per request, the language, links, result
tables with their downloads and the evidence panel.

The on-disk store is opened read-only for each script run and closed at its end, so a `fazhi ingest` in
another process can write while the app is up; the next interaction sees its data.
"""
from __future__ import annotations

import html
import os
import re
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st
from pyoxigraph import Literal, NamedNode

from fazhi.app.i18n import tr
from fazhi.graph.errors import FazhiError, StoreUnavailable
from fazhi.graph.paging import PAGE_ROWS
from fazhi.graph.results import Results
from fazhi.graph.store import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, open_store
from fazhi.ontology.kinds import OTHER, shown
from fazhi.ontology.labels import class_label, code_label, term_label
from fazhi.ontology.vocab import PREFIXES
from fazhi.queries.browse import evidence, with_evidence
from fazhi.queries.labels import column_label, headers
from fazhi.queries.readable import readable


def descriptor() -> str | None:
    return os.environ.get("FAZHI_STORE_DESCRIPTOR") or None


def time_limit() -> float:
    """The store's time limit for app queries: $FAZHI_TIMEOUT (set by `fazhi --timeout`), else the default."""
    try:
        return float(os.environ.get("FAZHI_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def row_cap() -> int:
    return DEFAULT_ROW_CAP


def page_rows() -> int:
    """Rows per page of the Ask page's tables: $FAZHI_PAGE_ROWS, else PAGE_ROWS (500)."""
    try:
        return max(1, int(os.environ.get("FAZHI_PAGE_ROWS", PAGE_ROWS)))
    except ValueError:
        return PAGE_ROWS


def open_read_only():
    """The store, read-only, with this app's time limit (the store itself retries an open that races a
    concurrent ingest)."""
    return open_store(descriptor(), read_only=True, timeout=time_limit())


class EmptyStore(Exception):
    """The store holds no data yet: the app shows its first-run page instead of the view (``streamlit_app``)."""


@contextmanager
def store():
    """The store, read-only, for this script run; an unopenable store stops the page with a message, an empty
    one shows the first-run page instead of the page."""
    try:
        s = open_read_only()
        empty = not s.ask("ASK { GRAPH ?g { ?s ?p ?o } }")
    except StoreUnavailable as e:
        st.info(tr("empty_store", lang()))
        st.caption(str(e))
        st.stop()
    if empty:  # a missing store is created empty (the contract): the first-run page says how to fill it
        s.close()
        raise EmptyStore
    try:
        yield s
    finally:
        s.close()


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str, **fmt) -> str:
    """Interface text in the chosen language."""
    return tr(key, lang(), **fmt)


def link(**params) -> str:
    """A relative link to a view of this app (the shareable address; an English view's links stay English)."""
    if lang() != "zh":
        params.setdefault("lang", lang())
    return "./?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def node_link(node) -> str:
    """The address of a node's own view (``node.view``: a report's page, a fact's passage or a case's ledger
    row, else its neighbourhood in the graph), with what a link column shows after ``#`` (see
    ``show_table``): the node's label, or for a fact, which its row already states, the word for its source."""
    if node.view == "report":
        url = link(view="reports", report=node.iri)
    elif node.view == "evidence":
        url = link(view="evidence", node=node.iri)
    else:
        url = link(view="graph", node=node.iri)
    return url + "#" + quote(node.label or t("source_link"), safe="")


def show_iris() -> bool:
    """Whether tables show full IRIs and codes (the sidebar's switch) instead of labels with links."""
    return bool(st.session_state.get("show-iris"))


def class_text(cls: str, language: str | None = None) -> str:
    """A class (``Agency``, ``CollectiveUnit``...) by its label in ``language`` (default: the chosen one): the
    short label the vocabulary gives the classes it shows (``fazhi.ontology.kinds``), else the ontology's
    rdfs:label (a class declared there needs nothing here), else "other"."""
    language = language or lang()
    if shown(cls) is not OTHER:
        return tr("cls_" + cls, language)
    return class_label(cls, language) or tr("cls_Other", language)


def link_text(predicate: str) -> str:
    """A link's name in the chosen language: a property (``fz:implements``, or a full IRI) by the ontology's
    label, a relation code of the obligation chain (``implemented-by``) by its label, else as given."""
    prefix, sep, local = predicate.partition(":")
    iri = PREFIXES[prefix] + local if sep and prefix in PREFIXES else predicate
    return term_label(iri, lang()) or code_label(predicate, lang()) or predicate


def set_address(**params) -> None:
    """Make the browser's address show this view, so it can be copied and shared."""
    want = {k: str(v) for k, v in params.items() if v not in (None, "")}
    if lang() != "zh":
        want["lang"] = lang()  # a shared English view opens in English
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def error(e: Exception) -> None:
    st.error(str(e))


def results_table(s, res, name: str, *, key: str, caption: str | None = None, downloads: bool = True,
                  labels: dict | None = None) -> list[int]:
    """A Results object as a table (``show_table``) with its row count (or ``caption``), time and, with
    ``downloads``, CSV and JSON downloads (full IRIs and codes); returns the rows the user selected."""
    selected = show_table(s, res, key=key, labels=labels)
    st.caption((caption or t("rows", n=len(res)) + (t("truncated") if res.truncated else ""))
               + f" · {res.elapsed * 1000:.0f} ms")
    if downloads:
        download_buttons(res, name, key=key)
    return selected


def show_table(s, res, *, key: str, labels: dict | None = None) -> list[int]:
    """A Results object as the reader sees it (``fazhi.queries.readable``): nodes by their labels, each a link
    to the node's view, codes and headers in the chosen language (labels read from the store ``s``); with the
    sidebar's "show IRIs" switch, the raw values. ``labels``: headers of this table's own (``{column: (中文,
    English)}``, a query's ``column_labels``) before the shared ones. Returns the rows the user selected in
    the table (a click on a row)."""
    config = {}
    if show_iris():
        df = pd.DataFrame(res.values(), columns=res.columns)
        config = {c: st.column_config.TextColumn(h)
                  for c, h in zip(res.columns, headers(res.columns, lang(), labels))}
    else:
        table = readable(s, res, lang(), labels)
        rows = [[_link_cell(v) if c in table.links else v for c, v in zip(table.columns, row)] for row in table.rows]
        df = pd.DataFrame(rows, columns=table.columns)
        for c, h in zip(table.columns, table.headers):
            config[c] = (st.column_config.LinkColumn(h, display_text=r"#([^#]*)$") if c in table.links
                         else st.column_config.TextColumn(h))
    event = st.dataframe(df, width="stretch", hide_index=True, key=f"df-{key}", on_select="rerun",
                         selection_mode="single-row", column_config=config)
    try:
        return list(event.selection.rows)
    except AttributeError:  # no selection state (e.g. under AppTest)
        return []


def _link_cell(nodes) -> str:
    """A link cell: the first node's address, showing every node's label (a ;-joined list)."""
    if not nodes:
        return ""  # (None would show as a grey "None")
    url = node_link(nodes[0])
    if len(nodes) > 1:
        sep = "；" if lang() == "zh" else "; "
        url = url.split("#", 1)[0] + "#" + quote(sep.join(n.label for n in nodes), safe="")
    return url


def results_of(rows: list[dict], columns: list[str]):
    """Plain rows (dicts of strings, as ``fazhi.queries.browse`` gives them) as a Results table: values that are
    IRIs as nodes, the rest as literals, empty as unbound."""
    def term(v):
        if v in (None, ""):
            return None
        v = str(v)
        return NamedNode(v) if v.startswith(("http://", "https://")) and " " not in v else Literal(v)

    return Results(columns, [tuple(term(r.get(c)) for c in columns) for r in rows])


def download_buttons(res, name: str, *, key: str) -> None:
    """CSV and JSON downloads of a Results object."""
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("download_csv"), res.to_csv().encode("utf-8"), f"{name}.csv", "text/csv", key=f"csv-{key}")
    c2.download_button(t("download_json"), res.to_json().encode("utf-8"), f"{name}.json", "application/json",
                       key=f"json-{key}")


def evidence_picker(s, res, *, key: str, selected: list[int] | None = None) -> None:
    """For rows that hold a fact: a picker that opens the fact's source passage under the table; a row
    selected in the table opens its facts' passages at once."""
    iris = [v for row in res.values() for v in row if v.startswith(("http://", "https://"))]
    facts = with_evidence(s, iris)
    if not facts:
        return
    rows = res.values()
    for i in selected or []:
        if 0 <= i < len(rows):
            for v in dict.fromkeys(x for x in rows[i] if x in facts):
                passages(s, v)
    options = {}
    for row in res.values():
        for col, v in zip(res.columns, row):
            if v in facts and v not in options:
                texts = [x for x in row if x and not x.startswith(("http://", "https://"))]
                text = max(texts, key=len) if texts else v  # the longest text is usually the passage
                options[v] = f"{column_label(col, lang()) or col}: {text[:60]}"
    choice = st.selectbox(t("show_evidence"), [""] + list(options), key=f"ev-{key}",
                          format_func=lambda v: options.get(v, t("choose")))
    if choice:
        passages(s, choice)


def passages(s, node: str) -> None:
    """The passages a node was read from, highlighted in their report's text, with title, date and link."""
    try:
        found = evidence(s, node)
    except FazhiError as e:
        error(e)
        return
    if not found:
        st.info(t("no_evidence"))
        return
    for p in found:
        if p.get("row"):     # a case: its ledger's line, not a passage of a report
            st.markdown(f"**{html.escape(p['title'] or p['report'])}** · {t('ledger_row', row=p['row'])}  \n"
                        f"{t('source_file')}: `{p['source']}`")
            continue
        with st.container(border=True):
            st.markdown(f"**{html.escape(p['title'] or p['report'])}**  \n"
                        f"{t('date')}: {p['date'] or '—'} · {t('chars', start=p['start'], end=p['end'])} · "
                        f"[{t('open_report')}]({link(view='reports', report=p['report'])})"
                        + (f"  \n{t('source_file')}: `{p['source']}`" if p["source"] else "")
                        + (f" · [{t('source_url')}]({p['url']})" if p.get("url") else ""))
            body = (_html(p["before"]) + "<mark class='fz-passage'>" + _html(p["passage"]) + "</mark>"
                    + _html(p["after"]))
            st.markdown(f"<div style='white-space:pre-wrap;line-height:1.7'>{body}</div>", unsafe_allow_html=True)


def _html(text: str) -> str:
    """Report text for an HTML block: escaped, blank lines folded (a blank line would end the HTML block and
    let Markdown reinterpret the rest of the text)."""
    return html.escape(re.sub(r"\n\s*\n+", "\n", text))
