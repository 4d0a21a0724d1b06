"""Ask: the named questions of queries/, grouped by task, with typed parameter widgets and the result table.

Address: ``/?query=NAME&KEY=VALUE`` opens the question with those parameters and runs it.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st
from fazhi.app.ui import error, evidence_picker, link, results_table, set_address, store, t
from fazhi.graph.errors import FazhiError
from fazhi.queries import catalogue, run_named

GROUP_ORDER = ("duties", "explore")


def group_label(g: str) -> str:
    return t(f"group_{g}") if g in GROUP_ORDER else (g or t("group_other"))


def _date_value(text: str, default: str | None) -> dt.date | None:
    for v in (text, default):
        if v == "today":
            return dt.date.today()
        try:
            return dt.date.fromisoformat(v or "")
        except ValueError:
            continue
    return None


def param_widget(s, name: str, p, initial: str) -> str:
    """One widget for one parameter, by type; returns the value as the text `run_named` takes."""
    from fazhi.graph.browse import choices

    label = f"{p.name} ({p.type}, {t('required') if p.required else t('optional')})"
    key = f"param-{name}-{p.name}"
    if p.type == "date":
        value = _date_value(initial, p.default)
        d = st.date_input(label, value=value, min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
                          help=p.description, key=key, format="YYYY-MM-DD")
        return d.isoformat() if d else ""
    if p.type in ("document", "iri"):
        kind = "document" if p.type == "document" else ("agency" if "agency" in p.name else "node")
        opts = dict(choices(s, kind))
        if initial and initial not in opts:
            # a shared link may name a document by number or title: select the node it names
            match = next((iri for iri, lab in opts.items() if lab == initial), None)
            if match:
                initial = match
            else:
                opts[initial] = initial
        keys = [""] + list(opts)
        v = st.selectbox(label, keys, index=keys.index(initial) if initial in keys else 0, help=p.description,
                         key=key, accept_new_options=True, format_func=lambda k: opts.get(k, k) if k else t("choose"))
        return v or ""
    return st.text_input(label, value=initial, help=p.description, key=key)


def render() -> None:
    cat = catalogue()
    qp = st.query_params
    wanted = qp.get("query")
    groups = sorted({q.group for q in cat.values()}, key=lambda g: (GROUP_ORDER + (g,)).index(g))
    g_default = cat[wanted].group if wanted in cat else groups[0]
    group = st.radio(t("task"), groups, index=groups.index(g_default), format_func=group_label, horizontal=True,
                     key="ask-group")
    names = [n for n, q in cat.items() if q.group == group]
    # without a link, open the first question that needs no parameter, so the page shows an answer at once
    first = next((i for i, n in enumerate(names) if not any(p.required for p in cat[n].params)), 0)
    name = st.selectbox(t("question"), names, index=names.index(wanted) if wanted in names else first,
                        format_func=lambda n: f"{cat[n].title} ({n})", key=f"ask-query-{group}")
    q = cat[name]
    st.caption(q.description)
    try:
        answer(cat, name, wanted)
    finally:
        all_questions(cat)


def answer(cat: dict, name: str, wanted: str | None) -> None:
    """The chosen question's parameter widgets and its answer."""
    q, qp = cat[name], st.query_params
    with store() as s:
        values = {}
        for p in q.params:
            initial = qp.get(p.name, "") if name == wanted else ""
            values[p.name] = param_widget(s, name, p, initial)
        given = {k: v for k, v in values.items() if v}
        set_address(query=name, **given)
        missing = [p.name for p in q.params if p.required and not given.get(p.name)]
        if missing:
            st.info(", ".join(missing) + ": " + t("required"))
            return
        try:
            res = run_named(s, name, given)
        except FazhiError as e:
            error(e)
            return
        st.subheader(t("result_table"))
        selected = results_table(res, name, key=f"ask-{name}")
        evidence_picker(s, res, key=f"ask-{name}", selected=selected)


def all_questions(cat: dict) -> None:
    """Every named question, grouped by task, each a link to its own address."""
    st.divider()
    st.subheader(t("all_questions"))
    groups: dict[str, list] = {}
    for q in cat.values():
        groups.setdefault(q.group, []).append(q)
    for g in sorted(groups, key=lambda g: (GROUP_ORDER + (g,)).index(g)):
        lines = [f"- [{q.title}]({link(query=q.name)}) `{q.name}`"
                 + (f" — {', '.join(p.name for p in q.params)}" if q.params else "") for q in groups[g]]
        st.markdown(f"**{group_label(g)}**\n\n" + "\n".join(lines))
