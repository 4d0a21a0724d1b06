"""The first-run page, shown instead of any view while the store is empty: what fazhi reads, how to ingest
it, and the examples one click away (a button with `fazhi app --allow-ingest`, else the command to run)."""
from __future__ import annotations

import shlex
from pathlib import Path

import streamlit as st
from fazhi.app.page_ingest import allowed, ingest_paths, show_outcomes
from fazhi.app.ui import descriptor, t
from fazhi.graph.errors import FazhiError

# examples/ of a source checkout (`make run` ingests it); an installed package has none
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def store_option() -> str:
    """The CLI's store option for the store this app reads (``--store DIR`` / ``--endpoint URL``)."""
    desc = descriptor() or ""
    if desc.startswith("sparql:"):
        return f"--endpoint {shlex.quote(desc[len('sparql:'):].split('|')[0])}"
    if desc.startswith("oxigraph:"):
        return f"--store {shlex.quote(desc[len('oxigraph:'):])}"
    return ""


def render() -> None:
    """The page: kinds of input, the ingest command, the examples."""
    st.subheader(t("welcome"))
    st.markdown(t("welcome_intro"))
    opt = store_option()
    st.markdown(t("welcome_command"))
    st.code(f"fazhi {opt} ingest REPORTS_FOLDER/ ROSTER.csv".replace("  ", " "), language="bash")
    if not EXAMPLES.is_dir():
        return
    st.markdown(t("welcome_examples"))
    if allowed():
        if st.button(t("ingest_examples"), type="primary", key="welcome-examples"):
            try:
                lines = ingest_paths([EXAMPLES], descriptor())
            except FazhiError as e:
                st.error(str(e))
                return
            show_outcomes(lines)
            st.button(t("welcome_go"), key="welcome-go")  # the next run finds the store filled
    else:
        st.code(f"fazhi {opt} ingest {shlex.quote(str(EXAMPLES))}".replace("  ", " "), language="bash")
        st.caption(t("welcome_allow"))
