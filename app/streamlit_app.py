"""Streamlit front end: pick a named question, fill its parameters, read the table, download it.

Started by `fazhi app`; the store comes from $FAZHI_STORE_DESCRIPTOR. Opening
/?query=NAME&KEY=VALUE runs that query with those parameters.
"""
from __future__ import annotations

import os

import streamlit as st

from fazhi.graph.errors import FazhiError
from fazhi.graph.store import open_store
from fazhi.queries import catalogue, run_named

st.set_page_config(page_title="fazhi 法治", layout="wide")


def store_descriptor() -> str | None:
    return os.environ.get("FAZHI_STORE_DESCRIPTOR") or None


def run(name: str, values: dict):
    timeout = float(os.environ.get("FAZHI_TIMEOUT", "30"))
    with open_store(store_descriptor(), read_only=True, timeout=timeout) as store:
        return run_named(store, name, values)


cat = catalogue()
names = list(cat)
qp = st.query_params
wanted = qp.get("query")
st.title("fazhi 法治 — 法治政府建设报告知识图谱")
default_index = names.index(wanted) if wanted in names else 0
name = st.selectbox("问题 / Question", names, index=default_index, format_func=lambda n: f"{cat[n].title} ({n})")
q = cat[name]
st.caption(q.description)
values = {}
for p in q.params:
    initial = qp.get(p.name, "") if name == wanted else ""
    values[p.name] = st.text_input(f"{p.name} ({p.type}{'' if p.required else ', optional'})", value=initial,
                                   help=p.description, key=f"param-{name}-{p.name}")
if name != wanted or any(qp.get(k, "") != v for k, v in values.items() if v):
    st.query_params.clear()
    st.query_params.update({"query": name, **{k: v for k, v in values.items() if v}})
try:
    res = run(name, {k: v for k, v in values.items() if v})
except FazhiError as e:
    st.error(str(e))
else:
    import pandas as pd

    df = pd.DataFrame(res.values(), columns=res.columns)
    st.dataframe(df, use_container_width=True, hide_index=True)
    st.caption(f"{len(res)} rows{' (truncated)' if res.truncated else ''} · {res.elapsed * 1000:.0f} ms")
    st.download_button("CSV", res.to_csv().encode("utf-8"), f"{name}.csv", "text/csv")
