"""The named-query part of docs/benchmarks.md: one table per corpus size (first page as the app fetches it, and
the whole result, each against rdflib) and the two query rows of the targets table."""
from __future__ import annotations

from benchmarks.run import AGGREGATES, part


def _ms(x) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def target_ms(name: str) -> int:
    return 500 if name in AGGREGATES else 100


def _fazhi(q: dict) -> str:
    if "timeout_s" in q:
        return f"> {q['timeout_s']:.0f} s (time limit)"
    if "p50" not in q:
        return "–"
    return f"{_ms(q['p50'])} / {_ms(q['p95'])}"


def _rdflib(rq: dict) -> str:
    if not rq:
        return "–"
    if "error" in rq:
        return "fails"
    if "stopped_s" in rq:
        return f"> {rq['stopped_s']:.0f} s (stopped)"
    return _ms(rq["p50"])


def speedup(q: dict, rq: dict) -> float | None:
    """rdflib / fazhi p50 (a lower bound when rdflib was stopped); None when either has no time."""
    if "p50" not in q or q["p50"] <= 0:
        return None
    if "p50" in rq:
        return rq["p50"] / q["p50"]
    if "stopped_s" in rq:
        return rq["stopped_s"] * 1000 / q["p50"]
    return None


def _x(q: dict, rq: dict) -> str:
    s = speedup(q, rq)
    if s is None:
        return "n/a"
    return ("> " if "stopped_s" in rq else "") + f"{s:.1f}x"


def table(r: dict) -> list[str]:
    """Markdown lines: one row per named query at one size (``r`` holds "query" and maybe "rdflib")."""
    size = r["query"].get("page_rows", 500)
    lines = ["| query | target p50 | rows: page / whole | fazhi first page p50 / p95 | rdflib first page p50 "
             "| speed-up | fazhi whole p50 / p95 | rdflib whole p50 | speed-up |",
             "| " + " | ".join(["---"] * 9) + " |"]
    for name, q in r["query"]["queries"].items():
        rq = r.get("rdflib", {}).get("queries", {}).get(name, {})
        pg, fu = part(q, "page"), part(q, "full")
        rpg, rfu = part(rq, "page"), part(rq, "full")
        rows = f"{pg.get('rows', '–')}{'+' if pg.get('more') else ''} / {fu.get('rows', '–')}"
        if rq and "rows" in rfu and "rows" in fu and rfu["rows"] != fu["rows"]:
            rows += f" (rdflib {rfu['rows']})"
        lines.append(f"| {name} | {target_ms(name)} | {rows} | {_fazhi(pg)} | {_rdflib(rpg)} | {_x(pg, rpg)} "
                     f"| {_fazhi(fu)} | {_rdflib(rfu)} | {_x(fu, rfu)} |")
    lines += ["", f"First page = {size} rows (+1 to know a next page exists) as the Ask page fetches it; "
              "`+` = more rows follow. Target p50 = the issue's 100 ms, 500 ms for tables over the whole store."]
    return lines


def targets(r: dict, triples: int) -> list[str]:
    """The two query rows of the targets table, judged on the first page (the app's path), with the whole
    result stated beside it."""
    qs = r["query"]["queries"]
    rqs = r.get("rdflib", {}).get("queries", {})
    out = []
    for label, what in (("page", "first page (the app's path)"), ("full", "whole result")):
        over = [n for n, q in qs.items() if "p50" not in part(q, label) or part(q, label)["p50"] > target_ms(n)]
        worst = max(qs, key=lambda n: part(qs[n], label).get("p50", 1e9) / target_ms(n))
        wq = part(qs[worst], label)
        lat = (f"{what}: " + (f"all within (slowest against its target: {worst} {_ms(wq['p50'])} ms)" if not over
                             else f"over: {', '.join(over)}"))
        sps = {n: speedup(part(q, label), part(rqs.get(n, {}), label)) for n, q in qs.items()}
        # rdflib stopped: the speed-up is a lower bound, known to be ≥ 10x only when the bound says so
        bound = {n for n in qs if "stopped_s" in part(rqs.get(n, {}), label)}
        slow = [n for n, s in sps.items() if s is not None and s < 10 and n not in bound]
        failed = [n for n, s in sps.items() if s is None or (n in bound and s < 10)]
        known = sorted(s for n, s in sps.items() if s is not None and n not in bound)
        sp = (f"{what}: min {known[0]:.1f}x, median {known[len(known) // 2]:.1f}x" if known else f"{what}: n/a")
        sp += (f"; below 10x: {', '.join(slow)}" if slow else "")
        sp += (f"; rdflib fails, or was stopped before 10x was reached: {', '.join(failed)}" if failed else "")
        sp += (f"; rdflib stopped at its time budget (≥ the bound): {', '.join(sorted(bound - set(failed)))}"
               if bound - set(failed) else "")
        out.append((lat, not over, sp, not slow and bool(known)))
    yes = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
    return [f"| every named query ≥ 10x faster than rdflib at {triples:,} triples | {out[0][2]}. {out[1][2]} "
            f"| {yes(out[0][3])} on the first page; {yes(out[1][3])} for the whole result |",
            f"| p50 ≤ 100 ms (aggregates ≤ 500 ms) on the app's path at {triples:,} triples | {out[0][0]}. "
            f"{out[1][0]} | {yes(out[0][1])} on the first page; {yes(out[1][1])} for the whole result |"]
