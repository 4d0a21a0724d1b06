"""Evidence: the passage a fact was read from, highlighted in its report's text, with the report's title,
date and link. Address: ``/?view=evidence&node=IRI``.
"""
from __future__ import annotations

import streamlit as st
from fazhi.app.ui import passages, set_address, store, t
from fazhi.queries.browse import choices


def render() -> None:
    qp = st.query_params
    initial = qp.get("node", "") if qp.get("view") == "evidence" else ""
    with store() as s:
        opts = dict(choices(s, "fact"))
        if initial and initial not in opts:
            opts[initial] = initial
        keys = [""] + list(opts)
        node = st.selectbox(t("fact_node"), keys, index=keys.index(initial) if initial in keys else 0,
                            format_func=lambda k: opts.get(k, k) if k else t("choose"), key="evidence-node",
                            accept_new_options=True)
        set_address(view="evidence", node=node)
        if node:
            st.caption(node)
            passages(s, node)
