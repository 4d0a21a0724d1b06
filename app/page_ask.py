"""Ask: the named questions of queries/, grouped by task, with typed parameter widgets and the result table,
a page at a time.

Address: ``/?query=NAME&KEY=VALUE`` opens the question with those parameters and runs it; ``&page=N`` opens
its Nth page. A page is fetched with LIMIT/OFFSET (``fazhi.graph.paging``): a table of 20,000 statistics at
1 M triples shows its first 500 rows in well under a second instead of computing every row. The whole
result (up to the row cap) is computed only when a download of it is asked for.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st
from fazhi.app.ui import (EmptyStore, download_buttons, error, evidence_picker, lang, link, page_rows,
                          results_table, row_cap, set_address, store, t)
from fazhi.graph.errors import FazhiError
from fazhi.ontology import indicator_notations
from fazhi.queries import catalogue, run_named, run_page
from fazhi.queries.browse import choices
from fazhi.queries.labels import column_label

GROUP_ORDER = ("duties", "cases", "explore")


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


def param_widget(s, q, p, initial: str) -> str:
    """One widget for parameter ``p`` of query ``q``, by type; returns the value as the text `run_named` takes."""
    label = (f"{column_label(p.name, lang(), q.column_labels) or p.name} "
             f"({t('type_' + p.type)}, {t('required') if p.required else t('optional')})")
    name, help_text = q.name, q.param_help(p, lang())
    key = f"param-{name}-{p.name}"
    if p.type == "date":
        value = _date_value(initial, p.default)
        d = st.date_input(label, value=value, min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
                          help=help_text, key=key, format="YYYY-MM-DD")
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
        v = st.selectbox(label, keys, index=keys.index(initial) if initial in keys else 0, help=help_text,
                         key=key, accept_new_options=True, format_func=lambda k: opts.get(k, k) if k else t("choose"))
        return v or ""
    if p.type == "indicator":   # the scheme's notations (a shared link may give an IRI: it stays selectable)
        keys = [""] + sorted(indicator_notations())
        if initial and initial not in keys:
            keys.append(initial)
        v = st.selectbox(label, keys, index=keys.index(initial) if initial in keys else 0, help=help_text,
                         key=key, format_func=lambda k: k or t("choose"))
        return v or ""
    return st.text_input(label, value=initial, help=help_text, key=key)


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
                        format_func=lambda n: f"{cat[n].title_in(lang())} ({n})", key=f"ask-query-{group}")
    q = cat[name]
    st.caption(q.description_in(lang()))
    empty = False
    try:
        answer(cat, name, wanted)
    except EmptyStore:  # the first-run page (streamlit_app) comes instead of an answer and the list
        empty = True
        raise
    finally:
        if not empty:
            all_questions(cat)


def answer(cat: dict, name: str, wanted: str | None) -> None:
    """The chosen question's parameter widgets and one page of its answer, with the pager and downloads."""
    q, qp = cat[name], st.query_params
    with store() as s:
        values = {}
        for p in q.params:
            initial = qp.get(p.name, "") if name == wanted else ""
            values[p.name] = param_widget(s, q, p, initial)
        given = {k: v for k, v in values.items() if v}
        number = current_page(name, given)
        set_address(**{**given, "query": name, "page": number if number > 1 else None})
        missing = [column_label(p.name, lang(), q.column_labels) or p.name for p in q.params
                   if p.required and not given.get(p.name)]
        if missing:
            st.info(", ".join(missing) + ": " + t("required"))
            return
        try:
            pg = run_page(s, name, given, page=number, size=page_rows())
        except FazhiError as e:
            error(e)
            return
        st.subheader(t("result_table"))
        key = f"ask-{name}"
        whole = pg.number == 1 and not pg.has_next  # the page is the whole result: its downloads are at hand
        if not pg.results.rows and pg.number > 1:
            st.info(t("page_empty"))
        selected = results_table(s, pg.results, name, key=key, caption=None if whole else page_caption(pg),
                                 downloads=whole, labels=q.column_labels)
        if not whole:
            pager(pg, key)
            full_download(s, name, given, key)
        evidence_picker(s, pg.results, key=key, selected=selected)


def page_caption(pg) -> str:
    """"rows 501–1000, more follow · page 2" (or "of 1234" on the last page)."""
    if not pg.results.rows:
        return t("page_n", n=pg.number)
    rows = t("page_rows", a=f"{pg.first_row:,}", b=f"{pg.last_row:,}")
    return rows + (t("page_more") if pg.has_next else t("page_of", n=f"{pg.last_row:,}")) + " · " + t(
        "page_n", n=pg.number)


def current_page(name: str, given: dict) -> int:
    """The page to show: the one the pager chose for this question and these parameters; on a session's
    first run the shared link's ``page``; else (another question, other parameters) the first."""
    sig = (name, tuple(sorted(given.items())))
    state = st.session_state.get("ask-paging")
    if state is None:
        number = 1
        if st.query_params.get("query") == name:
            try:
                number = max(1, int(st.query_params.get("page", "1")))
            except ValueError:
                pass
    else:
        number = state[1] if state[0] == sig else 1
    st.session_state["ask-paging"] = (sig, number)
    return number


def _go(number: int) -> None:
    sig, _ = st.session_state["ask-paging"]
    st.session_state["ask-paging"] = (sig, number)


def pager(pg, key: str) -> None:
    """Previous / next page buttons (the next page exists when the store gave one row more than the page)."""
    c1, c2, c3, _ = st.columns([1, 1, 1, 3])
    c1.button(t("first_page"), key=f"first-{key}", disabled=pg.number == 1, on_click=_go, args=(1,))
    c2.button(t("prev_page"), key=f"prev-{key}", disabled=pg.number == 1, on_click=_go, args=(pg.number - 1,))
    c3.button(t("next_page"), key=f"next-{key}", disabled=not pg.has_next, on_click=_go, args=(pg.number + 1,))


def full_download(s, name: str, given: dict, key: str) -> None:
    """The whole result (up to the row cap, within the time limit) computed on demand, then its downloads."""
    sig = (name, tuple(sorted(given.items())))
    kept = st.session_state.get("ask-full")
    if st.button(t("prepare_full", cap=f"{row_cap():,}"), key=f"full-{key}"):
        try:
            kept = (sig, run_named(s, name, given))
        except FazhiError as e:
            error(e)
            return
        st.session_state["ask-full"] = kept
    if kept is None or kept[0] != sig:
        return
    res = kept[1]
    st.caption(t("full_ready", n=f"{len(res):,}", more=t("truncated") if res.truncated else "",
                 ms=f"{res.elapsed * 1000:.0f}"))
    download_buttons(res, name, key=f"full-{key}")


def params_text(q) -> str:
    """" — 截至日期": a question's parameters by their labels ("" without parameters)."""
    names = [column_label(p.name, lang(), q.column_labels) or p.name for p in q.params]
    return f" — {', '.join(names)}" if names else ""


def all_questions(cat: dict) -> None:
    """Every named question, grouped by task, each a link to its own address."""
    st.divider()
    st.subheader(t("all_questions"))
    groups: dict[str, list] = {}
    for q in cat.values():
        groups.setdefault(q.group, []).append(q)
    for g in sorted(groups, key=lambda g: (GROUP_ORDER + (g,)).index(g)):
        lines = [f"- [{q.title_in(lang())}]({link(query=q.name)}) `{q.name}`" + params_text(q) for q in groups[g]]
        st.markdown(f"**{group_label(g)}**\n\n" + "\n".join(lines))
