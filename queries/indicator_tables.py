"""Read models of the indicators: their values as a wide table (one row per indicator, place or body and
qualifier, one column per year, for a spreadsheet, pandas or R: ``fazhi indicator-table`` and the Indicators
page's download), and the reports that do not report an indicator (its coverage).

Built on the named query ``indicator-values``. A cell holds one number; where two reports give one place and
year different values (a county's report and its city's), the second value goes into a second row of the same
keys, so every year column stays numeric and nothing is averaged away.
"""
from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode

from fazhi.graph.results import Results
from fazhi.graph.store import Store
from fazhi.ontology.vocab import XSD
from fazhi.queries import resolve_indicator, run_named

KEY_COLUMNS = ["notation", "subject_name", "qualifier", "unit", "subject", "indicator"]
NO_YEAR = "no_year"          # the column of values whose statistic and report name no period


def wide_table(store: Store, indicator: str | None = None) -> Results:
    """The place × year table of one indicator (notation or IRI), or of all; columns ``KEY_COLUMNS`` then the
    years in order (``no_year`` last, when some value has none)."""
    res = run_named(store, "indicator-values", {"indicator": indicator} if indicator else {}, limit=10 ** 7)
    return pivot(res.dicts(), elapsed=res.elapsed)


def pivot(rows: list[dict], *, elapsed: float = 0.0) -> Results:
    """``indicator-values`` rows (as dicts) → the wide table.

    >>> r = pivot([{"indicator": "urn:i", "notation": "a.b", "subject": "urn:s", "subject_name": "甲县",
    ...             "qualifier": "", "unit": "件", "year": y, "value": v} for y, v in (("2020", "23"), ("2021", "41"), ("2021", "40"))])
    >>> r.columns[len(KEY_COLUMNS):], r.values()[0][len(KEY_COLUMNS):], r.values()[1][len(KEY_COLUMNS):]
    (['2020', '2021'], ['23', '41'], ['', '40'])
    """
    cells: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    units: dict[tuple, set] = defaultdict(set)
    years = set()
    for r in rows:
        key = (r["notation"], r["subject_name"], r.get("qualifier", ""), r["subject"], r["indicator"])
        year = r["year"] or NO_YEAR
        years.add(year)
        if r["value"] not in cells[key][year]:      # the same figure twice (two file names) is one value
            cells[key][year].append(r["value"])
        units[key].add(r.get("unit", ""))
    cols = sorted(y for y in years if y != NO_YEAR) + ([NO_YEAR] if NO_YEAR in years else [])
    out = Results(KEY_COLUMNS + cols, elapsed=elapsed)
    for key in sorted(cells):
        notation, name, qualifier, subject, iri = key
        depth = max(len(v) for v in cells[key].values())
        for i in range(depth):
            values = [cells[key][y][i] if i < len(cells[key].get(y, [])) else None for y in cols]
            out.rows.append((Literal(notation), Literal(name), Literal(qualifier),
                             Literal(";".join(sorted(u for u in units[key] if u))), _iri(subject), _iri(iri),
                             *(Literal(v, datatype=XSD.decimal) if v is not None else None for v in values)))
    return out


def _iri(value: str):
    return NamedNode(value) if value else None


# a report's title, kind, period, issuer and statistics are all in the graph of its file: read there, not over the
# union, where an issuer's name is held by every report that names it
COVERAGE = """SELECT DISTINCT ?report ?title ?kind ?period ?issuer_name WHERE {
  GRAPH ?g {
    ?report a fz:Report .
    OPTIONAL { ?report eli:title ?title }
    OPTIONAL { ?report fz:documentKind ?kind }
    OPTIONAL { ?report fz:period ?period }
    OPTIONAL { ?report eli:passed_by ?issuer . ?issuer skos:prefLabel ?issuer_name }
  }
  # (at the top level, where the bound ?indicator is: a filter inside GRAPH would run before the binding joins)
  FILTER NOT EXISTS { GRAPH ?g { ?statistic fz:indicator ?indicator ; fz:reportedIn ?report } }
} ORDER BY ?period ?issuer_name ?report"""


def coverage(store: Store, indicator: str) -> list[dict]:
    """The reports in the store that give no statistic of ``indicator`` (notation or IRI): ``{report, title,
    kind, period, issuer_name}``, by period."""
    return store.select(COVERAGE, {"indicator": resolve_indicator(indicator)}, limit=10 ** 6).dicts()
