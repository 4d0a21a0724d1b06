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
from urllib.parse import urlencode

import streamlit as st
from fazhi.app.i18n import tr
from fazhi.graph.errors import FazhiError, StoreUnavailable
from fazhi.graph.paging import PAGE_ROWS
from fazhi.graph.store import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, open_store
from fazhi.queries.browse import evidence, with_evidence


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


@contextmanager
def store():
    """The store, read-only, for this script run; an unopenable store stops the page with a message, an empty
    one says how to fill it."""
    try:
        s = open_read_only()
        empty = not s.ask("ASK { GRAPH ?g { ?s ?p ?o } }")
    except StoreUnavailable as e:
        st.info(tr("empty_store", lang()))
        st.caption(str(e))
        st.stop()
    if empty:  # a missing store is created empty (the contract): say how to fill it, and go on
        st.info(tr("empty_store", lang()))
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
    """A relative link to a view of this app (the shareable address)."""
    return "./?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def set_address(**params) -> None:
    """Make the browser's address show this view, so it can be copied and shared."""
    want = {k: str(v) for k, v in params.items() if v not in (None, "")}
    if lang() != "zh":
        want["lang"] = lang()  # a shared English view opens in English
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def error(e: Exception) -> None:
    st.error(str(e))


def results_table(res, name: str, *, key: str, caption: str | None = None, downloads: bool = True) -> list[int]:
    """A Results object as a table with its row count (or ``caption``), time and, with ``downloads``, CSV and
    JSON downloads; returns the rows the user selected in the table (a click on a row)."""
    import pandas as pd

    df = pd.DataFrame(res.values(), columns=res.columns)
    event = st.dataframe(df, width="stretch", hide_index=True, key=f"df-{key}", on_select="rerun",
                         selection_mode="single-row")
    st.caption((caption or t("rows", n=len(res)) + (t("truncated") if res.truncated else ""))
               + f" · {res.elapsed * 1000:.0f} ms")
    if downloads:
        download_buttons(res, name, key=key)
    try:
        return list(event.selection.rows)
    except AttributeError:  # no selection state (e.g. under AppTest)
        return []


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
                options[v] = f"{col}: {text[:60]}"
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
