"""Reports: the ingested reports with their facts by kind, a page per report, charts of statistics across
reports and years, and the outcomes of the case ledgers' cases per respondent. Address: ``/?view=reports`` and
``/?view=reports&report=IRI``.
"""
from __future__ import annotations

import streamlit as st
from fazhi.app.ui import class_text, evidence_picker, lang, link, results_of, set_address, show_table, store, t
from fazhi.ontology.kinds import CLASS_ORDER
from fazhi.queries.browse import fact_counts, facts_of, metrics, report_detail, reports, statistic_series
from fazhi.queries import run_named
from fazhi.queries.labels import column_label

OVERVIEW = ["report", "title", "number", "issuer_name", "period", "date"]


def short_names(rows: list[dict]) -> dict[str, str]:
    """Each report as a chart's axis can show it (a long title is cut there): its issuer and period, else its
    title shortened; made distinct, so two reports never share a bar."""
    def name(r):
        if r["issuer_name"] and r["period"]:
            return f"{r['issuer_name']} {r['period']}"
        title = r["title"] or r["report"]
        return title[:24] + ("…" if len(title) > 24 else "")

    out, seen = {}, {}
    for r in rows:
        n = name(r)
        seen[n] = seen.get(n, 0) + 1
        out[r["report"]] = n if seen[n] == 1 else f"{n} ({seen[n]})"
    return out


def overview(s, rows: list[dict]) -> None:
    """The reports with their facts by kind (a column per kind), and a bar chart comparing them."""
    import pandas as pd

    counts = fact_counts(s)
    kinds = sorted({c["kind"] for c in counts}, key=lambda k: (CLASS_ORDER + (k,)).index(k))
    per = {(c["report"], c["kind"]): c["count"] for c in counts}
    table = [dict(r, **{k: str(per.get((r["report"], k), 0)) for k in kinds}) for r in rows]
    own = {k: (class_text(k, "zh"), class_text(k, "en")) for k in kinds}
    show_table(s, results_of(table, OVERVIEW + kinds), key="reports-table", labels=own)
    if counts and len(rows) > 1:  # how the reports compare is easier seen than read
        names = short_names(rows)
        report_h, kind_h, count_h = t("report_title"), t("facts_of_kind"), t("fact_count")
        df = pd.DataFrame({report_h: [names.get(c["report"], c["report"]) for c in counts],
                           kind_h: [class_text(c["kind"]) for c in counts],
                           count_h: [c["count"] for c in counts]})
        # the legend names each kind of fact in the reader's language, under its own title
        st.bar_chart(df, x=report_h, y=count_h, color=kind_h, horizontal=True, x_label="", y_label=count_h,
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
        kind_h, count_h = t("facts_of_kind"), t("fact_count")
        df = pd.DataFrame({kind_h: [class_text(c["kind"]) for c in counts], count_h: [c["count"] for c in counts]})
        st.bar_chart(df, x=kind_h, y=count_h, horizontal=True, height=40 + 28 * len(df), x_label="",
                     y_label=count_h)
        kind = st.selectbox(t("facts_of_kind"), [c["kind"] for c in counts], key=f"report-kind-{report}",
                            format_func=class_text)
        res = results_of(facts_of(s, report, kind), ["fact", "label", "passage"])
        show_table(s, res, key=f"report-facts-{report}-{kind}")
        evidence_picker(s, res, key=f"report-{report}-{kind}")
    with st.expander(t("full_text")):
        st.text(d.get("text") or "")


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
    for r in rows:
        r["year"] = r["year"] or "?"
    place_h, year_h = (column_label(c, lang()) for c in ("subject_name", "year"))
    df = pd.DataFrame({place_h: [r["subject_name"] for r in rows], year_h: [r["year"] for r in rows],
                       metric: [r["value"] for r in rows]})
    st.caption(t("chart_caption", metric=metric))
    st.bar_chart(df, x=place_h, y=metric, color=year_h, stack=False, x_label="", y_label=metric)
    for r in rows:
        r["value"] = f"{r['value']:g}"
    show_table(s, results_of(rows, ["statistic", "subject_name", "year", "value", "unit", "report"]),
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
    # the axes and the legend under headers in the reader's language
    who, outcome, n = column_label("respondent_name", lang()), column_label("outcome", lang()), t("case_count")
    counts = df.groupby(["respondent_name", "outcome"]).size().reset_index(name=n)
    counts = counts.rename(columns={"respondent_name": who, "outcome": outcome})
    st.bar_chart(counts, x=who, y=n, color=outcome, horizontal=True, x_label="", y_label=n,
                 height=80 + 32 * counts[who].nunique())
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
