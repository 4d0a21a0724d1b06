"""Reports: the ingested reports with their facts by kind, a page per report, charts of statistics across
reports and years, and the outcomes of the case ledgers' cases per respondent. Address: ``/?view=reports`` and
``/?view=reports&report=IRI``.
"""
from __future__ import annotations

import streamlit as st
from fazhi.app.ui import evidence_picker, link, set_address, store, t
from fazhi.queries.browse import fact_counts, facts_of, metrics, report_detail, reports, statistic_series
from fazhi.graph.results import Results
from fazhi.queries import run_named


def overview(s, rows: list[dict]) -> None:
    import pandas as pd

    counts = pd.DataFrame(fact_counts(s), columns=["report", "kind", "count"])
    table = pd.DataFrame(rows)
    if not counts.empty:
        wide = counts.pivot_table(index="report", columns="kind", values="count", fill_value=0).reset_index()
        table = table.merge(wide, on="report", how="left").fillna(0)
    st.dataframe(table.drop(columns=["facts"]), width="stretch", hide_index=True, key="reports-table")
    if not counts.empty and len(rows) > 1:  # how the reports compare is easier seen than read
        names = {r["report"]: (r["issuer_name"] or r["title"] or r["report"])[:20] + f" {r['period']}" for r in rows}
        counts["report_name"] = counts["report"].map(names)
        st.bar_chart(counts, x="report_name", y="count", color="kind", horizontal=True, x_label="", y_label="",
                     height=130 + 45 * len(rows))


def report_page(s, report: str) -> None:
    import pandas as pd

    d = report_detail(s, report)
    if not d:
        st.warning(report)
        return
    st.subheader(d.get("title") or report)
    st.markdown(f"{t('number')}: {d.get('number') or '—'} · {t('issuer')}: {d.get('issuer_name') or '—'} · "
                f"{t('addressee')}: {d.get('addressee_name') or '—'}  \n{t('period')}: {d.get('period') or '—'} · "
                f"{t('date')}: {d.get('date') or '—'} · {t('source_file')}: `{d.get('source') or '—'}` · "
                + (f"[{t('source_url')}]({d['url']}) · " if d.get("url") else "") +
                f"[{t('graph')}]({link(view='graph', node=report)})")
    counts = [c for c in fact_counts(s, report)]
    if counts:
        st.markdown(f"**{t('facts_by_kind')}**")
        df = pd.DataFrame(counts)[["kind", "count"]]
        st.bar_chart(df, x="kind", y="count", horizontal=True, height=40 + 28 * len(df))
        kind = st.selectbox(t("facts_of_kind"), [c["kind"] for c in counts], key=f"report-kind-{report}")
        facts = facts_of(s, report, kind)
        res = Results(["fact", "label", "passage"], [])
        res.rows = [tuple(_lit(f[c]) for c in ("fact", "label", "passage")) for f in facts]
        st.dataframe(pd.DataFrame(res.values(), columns=res.columns), width="stretch", hide_index=True,
                     key=f"report-facts-{report}-{kind}")
        evidence_picker(s, res, key=f"report-{report}-{kind}")
    with st.expander(t("full_text")):
        st.text(d.get("text") or "")


def _lit(v: str):
    from pyoxigraph import Literal, NamedNode

    return NamedNode(v) if v.startswith(("http://", "https://")) else Literal(v)


def charts(s) -> None:
    import pandas as pd

    st.subheader(t("charts"))
    ms = metrics(s)
    if not ms:
        st.info(t("no_stats"))
        return
    names = [m for m, _ in ms]
    default = next((i for i, m in enumerate(names) if "行政复议" in m), 0)
    metric = st.selectbox(t("metric"), names, index=default, key="reports-metric",
                          format_func=lambda m: f"{m} ({dict(ms)[m]})")
    rows = statistic_series(s, metric=metric)
    if not rows:
        return
    df = pd.DataFrame(rows)
    df["year"] = df["year"].replace("", "?")
    st.caption(t("chart_caption", metric=metric))
    st.bar_chart(df, x="subject_name", y="value", color="year", stack=False, x_label="", y_label=metric)
    st.dataframe(df[["subject_name", "year", "value", "unit", "report"]], width="stretch", hide_index=True,
                 key="reports-series")


def case_chart(s) -> None:
    """Outcomes of the ledgers' cases per respondent, as a bar chart, with a link to the reconciliation."""
    import pandas as pd

    res = run_named(s, "cases")
    if not res.rows:
        return
    st.subheader(t("case_chart"))
    df = pd.DataFrame(res.values(), columns=res.columns)
    df = df[df["row"] != ""].drop_duplicates("case")  # the ledgers' cases (a report's has no row), each once
    if df.empty:
        return
    df["outcome"] = df["outcome"].replace("", t("pending"))
    counts = df.groupby(["respondent_name", "outcome"]).size().reset_index(name="cases")
    st.bar_chart(counts, x="respondent_name", y="cases", color="outcome", horizontal=True, x_label="", y_label="",
                 height=80 + 32 * counts["respondent_name"].nunique())
    st.caption(t("case_chart_caption", link="case-reconciliation", href=link(query="case-reconciliation")))


def render() -> None:
    qp = st.query_params
    initial = qp.get("report", "") if qp.get("view") == "reports" else ""
    with store() as s:
        rows = reports(s)
        if not rows:
            st.info(t("no_reports"))
            charts(s)
            case_chart(s)
            return
        st.subheader(t("all_reports"))
        overview(s, rows)
        labels = {r["report"]: f"{r['title'] or r['report']} ({r['date'] or '—'})" for r in rows}
        keys = list(labels)
        report = st.selectbox(t("report_page"), keys, index=keys.index(initial) if initial in keys else 0,
                              format_func=labels.get, key="reports-pick")
        set_address(view="reports", report=report)
        report_page(s, report)
        charts(s)
        case_chart(s)
