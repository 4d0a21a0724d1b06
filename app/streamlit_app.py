"""Streamlit front end of fazhi: Ask, SPARQL, Graph, Evidence, Reports, Indicators and (with --allow-ingest)
Ingest.

Started by `fazhi app`; the store comes from $FAZHI_STORE_DESCRIPTOR and is opened read-only per script run.
Each view has a shareable address: ``/?query=NAME&KEY=VALUE`` runs a named question, ``/?view=PAGE&...``
opens another page (see each page module).
"""
from __future__ import annotations

import streamlit as st

from fazhi.app import (page_ask, page_evidence, page_graph, page_indicators, page_ingest, page_reports, page_sparql,
                       page_welcome)
from fazhi.app.i18n import LANGS
from fazhi.app.ui import EmptyStore, descriptor, t

st.set_page_config(page_title="fazhi 法治", layout="wide")

PAGES = {"ask": page_ask, "sparql": page_sparql, "graph": page_graph, "evidence": page_evidence,
         "reports": page_reports, "indicators": page_indicators, "ingest": page_ingest}


def _page_changed() -> None:
    # a new page starts from a clean address: the old page's parameters would route back to it
    st.query_params.from_dict({"view": st.session_state["page"]} if st.session_state["page"] != "ask" else {})


qp = st.query_params
if "lang" not in st.session_state:
    st.session_state["lang"] = qp.get("lang") if qp.get("lang") in LANGS else "zh"
if "page" not in st.session_state:
    wanted = "ask" if qp.get("query") else qp.get("view", "ask")
    st.session_state["page"] = wanted if wanted in PAGES else "ask"

with st.sidebar:
    st.radio(t("language"), list(LANGS), format_func=LANGS.get, key="lang", horizontal=True)
    st.radio(t("page"), list(PAGES), format_func=t, key="page", on_change=_page_changed)
    st.toggle(t("show_iris"), key="show-iris", help=t("show_iris_help"))
    st.caption(f"{t('store')}: `{descriptor() or 'default'}`")

st.title("fazhi 法治 — " + t("app_title"))
try:
    PAGES[st.session_state["page"]].render()
except EmptyStore:  # (raised where a page opens the store) nothing to show yet: how to fill the store
    page_welcome.render()
