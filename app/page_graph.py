"""Graph: a node's neighbourhood (expand by clicking, bounded with a "more" control, coloured by class with a
legend) and the obligation chain of a document; both downloadable as GraphML and PNG.

Addresses: ``/?view=graph&node=IRI`` and ``/?view=graph&chain=DOCUMENT``.
"""
from __future__ import annotations

import hashlib
import io
import os
import warnings

import streamlit as st
from fazhi.app.draw import colour, graphml_bytes, png_bytes
from fazhi.app.ui import class_text, error, link, link_text, results_table, set_address, store, t
from fazhi.graph.errors import FazhiError
from fazhi.graph.results import Results
from fazhi.queries import get_query
from fazhi.queries.browse import (CHAIN_COLUMNS, View, chain_view, choices, document_chain, neighbourhood,
                                  unique_labels)
from fazhi.queries.chains import write_chain_graphml


def step() -> int:
    """Nodes shown by default, and added by each "more" ($FAZHI_GRAPH_NODES, default 30)."""
    try:
        return max(1, int(os.environ.get("FAZHI_GRAPH_NODES", "30")))
    except ValueError:
        return 30


def elements(view: View) -> dict:
    """The view in the graph component's format (cytoscape elements)."""
    # a node's "label" is its style group: the class by its label in the reader's language (the component
    # shows it when a node is picked)
    return {"nodes": [{"data": {"id": n["id"], "label": class_text(n["cls"]), "name": n["label"][:24]}}
                      for n in view.nodes],
            "edges": [{"data": {"id": f"e{i}", "label": e["predicate"], "name": link_text(e["predicate"]),
                                "source": e["source"], "target": e["target"]}} for i, e in enumerate(view.edges)]}


def legend(view: View) -> None:
    counts = {c: sum(1 for n in view.nodes if n["cls"] == c) for c in view.classes()}
    dot = "display:inline-block;width:11px;height:11px;border-radius:6px;background:{}"
    chips = " ".join(f"<span style='display:inline-block;margin-right:12px'><span style='{dot.format(colour(c))}'>"
                     f"</span> {class_text(c)} ({n})</span>" for c, n in counts.items())
    st.markdown(f"**{t('legend')}**: {chips}", unsafe_allow_html=True)


def _node_style_class():
    from st_link_analysis import NodeStyle

    class Readable(NodeStyle):
        """The component's node style with captions large enough to read (its default is 3.6 px)."""

        def dump(self):
            d = super().dump()
            d["style"].update({"font-size": 7, "text-wrap": "ellipsis", "text-max-width": 90})
            return d

    return Readable


def draw(view: View, *, key: str, graphml: bytes | None = None) -> list[str]:
    """Show the view with GraphML (``graphml``, else the view's) and PNG downloads; return the node ids the
    user asked to expand by clicking (new events only)."""
    from st_link_analysis import EdgeStyle, Event, st_link_analysis

    _Readable = _node_style_class()

    legend(view)
    st.caption(t("nodes_edges", n=len(view.nodes), e=len(view.edges)))
    styles = [_Readable(class_text(c), colour(c), "name") for c in view.classes()]
    with warnings.catch_warnings():  # st-link-analysis 0.4 warns about a deprecated argument nobody passed
        warnings.simplefilter("ignore")
        edge_styles = [EdgeStyle(p, caption="name", directed=True)
                       for p in sorted({e["predicate"] for e in view.edges})]
    event = st_link_analysis(elements(view), layout="cose", node_styles=styles, edge_styles=edge_styles, height=520,
                             key=key, node_actions=["expand"], events=[Event("pick", "tap", "node")])
    picked: list[str] = []
    if isinstance(event, dict) and event.get("timestamp") != st.session_state.get(f"{key}-seen"):
        st.session_state[f"{key}-seen"] = event.get("timestamp")
        data = event.get("data") or {}
        picked = list(data.get("node_ids") or []) + ([data["target_id"]] if data.get("target_id") else [])
    slug = hashlib.sha1(key.encode()).hexdigest()[:8]
    c1, c2, _ = st.columns([1, 1, 4])
    graphml = graphml if graphml is not None else graphml_bytes(view)
    c1.download_button(t("download_graphml"), graphml, f"fazhi-{slug}.graphml", "application/xml",
                       key=f"{key}-graphml")
    png = png_bytes(view, legend={c: class_text(c) for c in view.classes()})
    c2.download_button(t("download_png"), png, f"fazhi-{slug}.png", "image/png", key=f"{key}-png")
    return picked


def _reset_neighbourhood() -> None:
    st.session_state["graph-expanded"] = []
    st.session_state["graph-max"] = step()


def render_neighbourhood(s) -> None:
    qp = st.query_params
    opts = dict(choices(s, "node"))
    initial = qp.get("node", "") if qp.get("view") == "graph" else ""
    if initial and initial not in opts:
        opts[initial] = initial
    keys = list(opts)
    if not keys:
        st.info(t("empty_store"))
        return
    start = st.selectbox(t("start_node"), keys, index=keys.index(initial) if initial in keys else 0,
                         format_func=lambda k: opts.get(k, k), key="graph-start", accept_new_options=True,
                         on_change=_reset_neighbourhood)
    set_address(view="graph", node=start)
    st.session_state.setdefault("graph-expanded", [])
    st.session_state.setdefault("graph-max", step())
    centres = [start] + [n for n in st.session_state["graph-expanded"] if n != start]
    try:
        view = neighbourhood(s, centres, max_nodes=st.session_state["graph-max"] + step() * (len(centres) - 1))
    except FazhiError as e:
        error(e)
        return
    c1, c2, c3 = st.columns([3, 1, 1])
    shown = dict(unique_labels([(n["id"], n["label"]) for n in view.nodes]))
    to_expand = c1.selectbox(t("expand"), [""] + [i for i in shown if i not in centres], key="graph-expand-pick",
                             format_func=lambda k: shown.get(k, t("choose")))
    if c2.button(t("expand"), key="graph-expand-btn", disabled=not to_expand):
        st.session_state["graph-expanded"].append(to_expand)
        st.rerun()
    if c3.button(t("more", step=step()), key="graph-more", disabled=view.hidden == 0):
        st.session_state["graph-max"] += step()
        st.rerun()
    if view.hidden:
        st.caption(t("hidden", n=view.hidden))
    st.caption(t("click_hint"))
    picked = draw(view, key="graph-neighbourhood")
    new = [p for p in picked if p not in centres]
    if new:
        st.session_state["graph-expanded"] += new
        st.rerun()
    if st.button(t("reset"), key="graph-reset"):
        _reset_neighbourhood()
        st.rerun()


def chain_table(rows: list[dict]) -> Results:
    """Chain hops as a Results table (node columns as IRIs, so a row links to its nodes' evidence)."""
    from pyoxigraph import Literal, NamedNode

    def term(col, v):
        if v in (None, ""):
            return None
        return NamedNode(v) if col in ("from", "to", "evidence_report") else Literal(str(v))

    return Results(CHAIN_COLUMNS, [tuple(term(c, r[c]) for c in CHAIN_COLUMNS) for r in rows])


def hop_evidence(rows: list[dict]) -> None:
    """Each hop with the passage it was read from and a link to that report's page."""
    with st.expander(t("hop_evidence", n=len(rows)), expanded=len(rows) <= 12):
        for r in rows:
            where = (f" — [{t('open_report')}]({link(view='reports', report=r['evidence_report'])})"
                     if r["evidence_report"] else "")
            quote = f"«{r['evidence']}»" if r["evidence"] else t("no_hop_evidence")
            st.markdown(f"`{r['step']:+d}` **{r['from_label']}** → *{link_text(r['relation'])}* → **{r['to_label']}**: "
                        f"{quote}{where}")


def render_chain(s) -> None:
    qp = st.query_params
    opts = dict(choices(s, "document"))
    initial = qp.get("chain", "") if qp.get("view") == "graph" else ""
    if initial and initial not in opts:
        match = next((iri for iri, lab in opts.items() if lab == initial), None)
        initial = match or initial
        opts.setdefault(initial, initial)
    keys = list(opts)
    if not keys:
        st.info(t("empty_store"))
        return
    doc = st.selectbox(t("document"), keys, index=keys.index(initial) if initial in keys else 0,
                       format_func=lambda k: opts.get(k, k), key="graph-chain-doc", accept_new_options=True)
    set_address(view="graph", chain=doc)
    try:
        rows, g = document_chain(s, doc)
    except FazhiError as e:
        error(e)
        return
    if not rows:
        st.info(t("no_chain"))
        return
    buf = io.BytesIO()
    write_chain_graphml(g, buf)  # the chain's own GraphML: every link with its relation, passage and report
    draw(chain_view(s, rows), key="graph-chain", graphml=buf.getvalue())
    results_table(s, chain_table(rows), "obligation-chain", key="chain",
                  labels=get_query("obligation-chain").column_labels)
    hop_evidence(rows)


def render() -> None:
    qp = st.query_params
    modes = ["neighbourhood", "chain"]
    default = "chain" if qp.get("chain") else "neighbourhood"
    mode = st.radio(t("graph_mode"), modes, index=modes.index(default), format_func=t, horizontal=True,
                    key="graph-mode")
    with store() as s:
        render_chain(s) if mode == "chain" else render_neighbourhood(s)
