"""docs/benchmarks.md from a full run's results (benchmarks/out/full.json): machine, tables, targets met or not."""
from __future__ import annotations

import math
from pathlib import Path

from benchmarks import query_table
from benchmarks.run import last_line

QUERY_METHOD = (
    "fazhi: the on-disk store opened read-only, queries through the query workers, the path the app uses: the "
    "first page as the Ask page fetches it (`run_page`: the query with LIMIT 501) and the whole result "
    "(`run_named` without the row cap, as the CLI or a full download computes it); one warm-up, then up to 20 "
    "runs of the first page and 10 of the whole result, each within 15 s. rdflib: the same query text (parameters bound by the same VALUES "
    "blocks, the same LIMIT for the first page) on an in-memory `Dataset(default_union=True)`, 3 runs, "
    "stopped at 30 s. Rows: the whole result's rows (rdflib's count when it differs shows it answers "
    "differently).")


def _yes(ok) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def render(res: dict) -> str:
    m, ex, rt = res["machine"], res["extract"], res["ratios"]
    sizes = sorted(res["sizes"], key=int)
    big = res["sizes"][sizes[-1]]
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`python benchmarks/run.py --sizes ...`); `make bench-quick` runs one small "
             "size in well under a minute and prints the same ratios. Not timed tests: figures depend on the "
             "machine and on what else runs on it. The corpus is synthetic (benchmarks/generate.py): fictional "
             "counties whose reports follow the genre (cited documents with numbers, statistics, duties with "
             "deadlines and bearers, awards, problems, plans, signing date), about 4,200 characters each.", "",
             "## Machine", "",
             f"- {m['nproc']} cores, {m['cpu']}, {m['memory']} RAM; {m['os']}",
             f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
             f"- fazhi commit {m['commit']}, run {m['date']}, load average at start {m['load1']:.1f} "
             "(the machine was shared with other work: treat small differences as noise)",
             f"- ingest with `--jobs {res['jobs']}`; whole run {res['total_s'] / 60:.1f} min", "",
             "## Extraction (one core)", "",
             "| what | characters/s | MB/s (UTF-8) |", "| --- | --- | --- |",
             f"| fazhi pipeline (read, normalise, structure, all extractors, triples) | {ex['extract_cps']:,.0f} | "
             f"{ex['extract_cps'] * ex['bytes_per_char'] / 1e6:.2f} |",
             f"| plain regex scan of the same text (titles, document numbers, numbers with units) | "
             f"{ex['regex_cps']:,.0f} | {ex['regex_cps'] * ex['bytes_per_char'] / 1e6:.1f} |", "",
             f"Measured on {ex['files']} reports ({ex['chars']:,} characters), CPU time of one process.", "",
             "## Ingest", "",
             "Write path = what `fazhi ingest` does after extraction (N-Triples from the workers, batches of whole "
             "files; new graphs through pyoxigraph's bulk loader with the content-hash markers written last, "
             "changed graphs through one atomic update per batch). Ceiling = `Store.bulk_load` of the same "
             "N-Quads file into a fresh store. rdflib = `Dataset.parse` of that file in memory.", "",
             "| reports | triples | `fazhi ingest` end to end | re-run (all skipped) | peak RSS ingest | write path "
             "(bulk) | write path (all atomic) | bulk_load ceiling | write/ceiling | rdflib parse "
             "| triples/s fazhi write |",
             "| " + " | ".join(["---"] * 11) + " |"]
    for n in sizes:
        r = res["sizes"][n]
        i, w = r["ingest"], r["write"]
        rdf = f"{r['rdflib']['load_s']:.1f} s" if "rdflib" in r else "skipped"
        rss = (f"{i['parent_mb']:.0f} MB (any process {i['peak_mb']:.0f})" if "parent_mb" in i
               else f"{i['peak_mb']:.0f} MB (largest process)")
        lines.append(f"| {int(n):,} | {w['triples']:,} | {i['wall_s']:.1f} s | {i['rerun_s']:.1f} s "
                     f"({i['rerun_skipped']} skipped) | {rss} | {w['fazhi_bulk_s']:.2f} s | "
                     f"{w['fazhi_atomic_s']:.2f} s | {w['bulk_load_s']:.2f} s | "
                     f"{w['fazhi_bulk_s'] / w['bulk_load_s']:.2f}x | {rdf} | {w['triples'] / w['fazhi_bulk_s']:,.0f} |")
    lines += ["", "## Named queries (p50 / p95 ms)", "", QUERY_METHOD, ""]
    for n in sizes:
        r = res["sizes"][n]
        lines += [f"### {int(n):,} reports ({r['write']['triples']:,} triples)", ""] + query_table.table(r) + [""]
    # targets
    w = big["write"]
    # the query targets are stated "at 1 M triples": judged at the size nearest to that
    near = min(sizes, key=lambda n: abs(math.log(res["sizes"][n]["write"]["triples"] / 1e6)))
    near_triples = res["sizes"][near]["write"]["triples"]
    ing = big["ingest"]
    per_report = ing["wall_s"] / int(sizes[-1])
    proj_10k = per_report * 10_000 if int(sizes[-1]) < 10_000 else ing["wall_s"]
    mems = [res["sizes"][n]["ingest"].get("parent_mb", res["sizes"][n]["ingest"]["peak_mb"]) for n in sizes]
    flat = len(mems) > 1 and mems[-1] <= 1.3 * mems[-2] + 50
    wr = w["fazhi_bulk_s"] / w["bulk_load_s"]
    mb_s = ex["extract_cps"] * ex["bytes_per_char"] / 1e6
    lines += ["## Targets (issue 7)", "",
              f"Largest size measured: {int(sizes[-1]):,} reports, {w['triples']:,} triples.", "",
              "| target | measured | |", "| --- | --- | --- |",
              f"| extraction ≥ 1 MB of text per second per core | {mb_s:.2f} MB/s ({ex['extract_cps']:,.0f} chars/s) | "
              f"{_yes(mb_s >= 1)} |",
              f"| ingest within 1.25x of the raw bulk load, extraction excluded | {wr:.2f}x "
              f"(all-atomic path: {w['fazhi_atomic_s'] / w['bulk_load_s']:.2f}x) | {_yes(wr <= 1.25)} |",
              *query_table.targets(res["sizes"][near], near_triples),
              "| 10,000 reports on 2 cores in ≤ 20 min | "
              + (f"{ing['wall_s'] / 60:.1f} min measured" if int(sizes[-1]) >= 10_000 else
                 f"{proj_10k / 60:.1f} min projected from {int(sizes[-1]):,} ({per_report * 1000:.0f} ms/report)")
              + f" | {_yes(proj_10k <= 1200)}{'' if int(sizes[-1]) >= 10_000 else ' (projected)'} |",
              "| memory that does not grow with the corpus | peak RSS of the `fazhi ingest` process: "
              + ", ".join(f"{m:.0f} MB @ {int(n):,}" for n, m in zip(sizes, mems))
              + f" (flat = the largest size within 1.3x of the one before) | {_yes(flat)} |", "",
              "Headline (the last line `make bench-quick` prints, here for the full run):", "",
              "    " + last_line(rt), ""]
    notes = Path(__file__).resolve().parent / "notes.md"
    if notes.exists():  # the hand-written reading of the figures
        lines += [notes.read_text(encoding="utf-8")]
    return "\n".join(lines)
