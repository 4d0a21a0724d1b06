"""Indicators: one measure compared across places and years. Pick an indicator; a chart of its values by year
and place (a click on a point opens its passage in the Evidence view), the table of values with how each
statistic was mapped (the words that matched and the rule), the reports that do not report it, and the wide
table (place × year) to download. Address: ``/?view=indicators&indicator=NOTATION``.
"""
from __future__ import annotations

import streamlit as st

from fazhi.app.ui import download_buttons, error, evidence_picker, lang, link, set_address, store, t
from fazhi.graph.errors import FazhiError
from fazhi.queries import run_named
from fazhi.queries.indicator_tables import coverage, wide_table

VALUE_COLUMNS = ["subject_name", "year", "value", "unit", "qualifier", "wording", "rule", "passage", "evidence"]


def render() -> None:
    qp = st.query_params
    initial = qp.get("indicator", "") if qp.get("view") == "indicators" else ""
    with store() as s:
        indicators = run_named(s, "indicators").dicts()
        if not indicators:
            st.info(t("no_indicators"))
            return
        by = {r["notation"]: r for r in indicators}
        keys = list(by)
        if initial not in by:   # an IRI in the address stands for its notation
            initial = next((r["notation"] for r in indicators if r["indicator"] == initial), "")
        most = max(range(len(keys)), key=lambda i: int(by[keys[i]]["statistics"]))   # the best-reported one
        default = keys.index(initial) if initial else most
        pick = st.selectbox(t("indicator"), keys, index=default, key="indicators-pick",
                            format_func=lambda n: f"{_label(by[n])} · {n} ({by[n]['statistics']})")
        set_address(view="indicators", indicator=pick)
        describe(by[pick])
        try:
            values(s, pick, by[pick])
        except FazhiError as e:
            error(e)


def _label(row: dict) -> str:
    return (row["label_en"] if lang() == "en" else row["label"]) or row["notation"]


def describe(row: dict) -> None:
    """The indicator's definition, area and unit kind."""
    area = row["area_label_en"] if lang() == "en" else row["area_label"]
    st.markdown(f"**{_label(row)}** (`{row['notation']}`) · {t('area')}: {area} · "
                f"{t('unit_kind')}: {t('unit_' + row['unit'])}  \n"
                f"{row['definition'] if lang() == 'en' else row['definition_zh']}")


def values(s, notation: str, row: dict) -> None:
    """Chart, table, coverage and downloads of one indicator's values."""
    import pandas as pd

    res = run_named(s, "indicator-values", {"indicator": notation}, limit=10 ** 5)
    rows = res.dicts()
    if not rows:
        st.info(t("no_indicator_values"))
    else:
        df = pd.DataFrame(rows)
        df["value"] = pd.to_numeric(df["value"], errors="coerce")
        df["year"] = df["year"].replace("", "?")
        df["passage"] = [link(view="evidence", node=x) for x in df["statistic"]]
        chart(df, _label(row))
        st.dataframe(df[VALUE_COLUMNS], width="stretch", hide_index=True, key=f"indicator-values-{notation}",
                     column_config={"passage": st.column_config.LinkColumn(t("passage"),
                                                                           display_text=t("open_passage")),
                                    "subject_name": t("subject"), "year": t("period"), "value": t("value"),
                                    "unit": t("unit"),
                                    "wording": t("wording"), "rule": t("rule"), "qualifier": t("qualifier"),
                                    "evidence": t("evidence")})
        rules = sorted(r for r in set(df["rule"]) if r)
        st.caption(t("mapping_caption") + "  \n" + "  \n".join(f"`{r}`: {t('rule_' + r)}" for r in rules))
        evidence_picker(s, res, key=f"indicator-{notation}")
        wide = wide_table(s, notation)
        c1, c2 = st.columns([1, 2])
        c1.download_button(t("download_wide"), wide.to_csv().encode("utf-8"), f"{notation}-wide.csv", "text/csv",
                           key=f"wide-{notation}")
        with c2:
            download_buttons(res, f"{notation}-values", key=f"long-{notation}")
    missing = coverage(s, notation)
    st.subheader(t("coverage", n=len(missing)))
    if missing:
        st.dataframe(pd.DataFrame(missing)[["issuer_name", "period", "kind", "title", "report"]], width="stretch",
                     hide_index=True, key=f"indicator-coverage-{notation}")


def chart(df, label: str) -> None:
    """Values by year, one line of points per place; a point links to its passage (Evidence view)."""
    import altair as alt

    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=t("period")), y=alt.Y("value:Q", title=label),
        color=alt.Color("subject_name:N", title=t("subject")),
        tooltip=[alt.Tooltip("subject_name:N", title=t("subject")), alt.Tooltip("year:O", title=t("period")),
                 alt.Tooltip("value:Q", title=t("value")), alt.Tooltip("unit:N", title=t("unit")),
                 alt.Tooltip("wording:N", title=t("wording")), alt.Tooltip("evidence:N", title=t("evidence"))])
    points = base.mark_point(filled=True, size=120, cursor="pointer").encode(href="passage:N")
    st.altair_chart(base.mark_line(opacity=0.5) + points, width="stretch", key="indicator-chart")
    st.caption(t("indicator_chart_caption"))
