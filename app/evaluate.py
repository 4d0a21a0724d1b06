"""Evaluation harness: recall and precision of what fazhi extracts, per category, against gold files.

``python -m fazhi.app.evaluate [REPORT_OR_FOLDER ...]`` (``make eval``) ingests the reports into a fresh
in-memory store, reads the named queries agencies, documents, statistics, obligations and awards back, and
matches them against the ``NAME.gold.json`` beside each ``NAME.txt`` — with the shared scorer's own matching
(``../shared/tools/score_extraction.py``) when it is there, else with the same rules copied in ``gold_matching``.
Without arguments it evaluates each part of the shared corpus (seed, dev, dev2 ...), the whole corpus, the
whole corpus with every MANIFEST's issuer column removed, and each of our own gold sets ``tests/data/eval*``,
one line per set.
"""
from __future__ import annotations

import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

# (the matching functions are looked up by their kind's declaration in this module's globals: imported here)
from fazhi.app.gold_matching import (ROOT, match_agencies, match_awards, match_by_evidence,  # noqa: F401
                                    match_cases, match_documents, match_statistics, matcher, shared_dir)
from fazhi.app.indicator_eval import evaluate_indicators, indicator_line
from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.loaders.kinds import KINDS
from fazhi.loaders.sources import ISSUER_COLUMNS, MANIFEST_NAMES
from fazhi.queries import run_named

OWN_SET = ROOT / "tests" / "data" / "eval"
# agencies, documents, statistics, obligations, awards, cases
CATEGORIES = tuple(k.field for k in KINDS if k.evaluation)


# ---- running fazhi over a set of reports -------------------------------------------------------------------
def pairs(args) -> list[tuple[Path, Path]]:
    """(report, gold) pairs: a folder stands for every NAME.txt with a NAME.gold.json beside it."""
    out = []
    for a in map(Path, args):
        if a.is_dir():
            out += [(g.with_name(g.name[:-len(".gold.json")] + ".txt"), g) for g in sorted(a.glob("*.gold.json"))]
        else:
            out.append((a, a.with_name(a.stem + ".gold.json")))
    return [(r, g) for r, g in out if r.exists() and g.exists()]


def evaluate(report_gold_pairs, store=None) -> dict:
    """Ingest the reports into a fresh in-memory store (or read ``store``, which holds exactly these reports
    already) and match the named queries against the gold files."""
    golds = [json.loads(g.read_text(encoding="utf-8")) for _, g in report_gold_pairs]

    def union(key):
        return [x for g in golds for x in g.get(key, [])]

    if store is None:
        store = open_store("memory:")
        failed = [o for o in ingest(store, [r for r, _ in report_gold_pairs]) if not o.ok]
        if failed:
            raise RuntimeError("; ".join(f"{o.path}: {o.error}" for o in failed))

    def rows(name):
        return run_named(store, name, limit=10 ** 6).dicts()

    m = matcher() or sys.modules[__name__]
    # each kind scored by its declaration: the gold key, the named query, the matching function (the shared
    # scorer's when it has one, else ours: it scores no case)
    return {k.field: (getattr(m, k.evaluation.match, None) or globals()[k.evaluation.match])(
                union(k.evaluation.gold), rows(k.evaluation.query))
            for k in KINDS if k.evaluation}


def figures(res: dict) -> dict:
    """Recall and precision per category (None where there is nothing to count)."""
    f = {}
    for cat, r in res.items():
        f[cat] = {"recall": round(r["hit"] / r["gold"], 3) if r["gold"] else None, "gold": r["gold"]}
        if "out" in r:
            f[cat]["precision"] = round(r["valid"] / r["out"], 3) if r["out"] else None
    return f


def line(f: dict) -> str:
    """One line of figures; a category the gold files leave empty is not scored (its precision means nothing)."""
    return "; ".join(f"{c} R={v['recall']}" + (f" P={v['precision']}" if "precision" in v else "")
                     for c, v in f.items() if v.get("gold", 1))


def default_sets(scratch: Path | None = None) -> dict[str, list[Path]]:
    """The sets ``make eval`` scores: each part of the shared corpus (seed, dev, dev2), the whole of it, the whole
    of it again with every MANIFEST's issuer column removed (copied into ``scratch``: what acceptance meets on
    reports whose collector noted no issuer), and each of our own gold sets."""
    sets = {}
    corpus = shared_dir() / "corpus"
    if corpus.exists():
        parts = [corpus] + sorted(d for d in corpus.iterdir() if d.is_dir() and any(d.glob("*.gold.json")))
        for folder in parts:
            sets[f"shared {'seed' if folder == corpus else folder.name}"] = [folder]
        sets["shared corpus (all)"] = parts
        if scratch is not None:
            sets["shared corpus (all), no issuer column"] = without_issuer_column(parts, scratch)
    # our own gold sets: tests/data/eval, eval_b, eval_c ... (reports we wrote in other styles)
    for folder in sorted(OWN_SET.parent.glob("eval*")):
        if folder.is_dir():
            sets[f"own gold set {folder.name}"] = [folder]
    return sets


def without_issuer_column(folders: list[Path], scratch: Path) -> list[Path]:
    """Copies of ``folders`` (their reports, gold files and manifests) under ``scratch`` whose manifests lack the
    issuer column; returns the copies, in the same order."""
    out = []
    for k, folder in enumerate(folders):
        dest = scratch / f"{k:02d}_{folder.name}"
        dest.mkdir(parents=True, exist_ok=True)
        for f in folder.iterdir():
            if f.is_file() and f.name in MANIFEST_NAMES:
                rows = list(csv.reader(f.read_text(encoding="utf-8-sig").splitlines(), delimiter="\t"))
                drop = {i for i, h in enumerate(rows[0] if rows else []) if h.strip().lower() in ISSUER_COLUMNS}
                (dest / f.name).write_text("".join("\t".join(c for i, c in enumerate(r) if i not in drop) + "\n"
                                                   for r in rows), encoding="utf-8")
            elif f.is_file() and (f.suffix == ".txt" or f.name.endswith(".gold.json")):
                shutil.copyfile(f, dest / f.name)
        out.append(dest)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    with tempfile.TemporaryDirectory(prefix="fazhi-eval-") as scratch:
        return _run(args, verbose, scratch)


def _run(args: list[str], verbose: bool, scratch: str) -> int:
    sets = {"given": list(map(Path, args))} if args else default_sets(Path(scratch))
    if not sets:
        print("nothing to evaluate: no shared corpus and no tests/data/eval", file=sys.stderr)
        return 1
    print("matching: " + ("shared scorer" if matcher() else "fazhi's copy of the scorer's rules"))
    for name, paths in sets.items():
        ps = pairs(paths)
        if not ps:
            print(f"{name}: no report with a .gold.json beside it")
            continue
        res = evaluate(ps)
        if verbose:
            print(json.dumps({c: {k: v for k, v in r.items() if k in ("missed", "extra")} for c, r in res.items()},
                             ensure_ascii=False, indent=1))
        print(f"{name} ({len(ps)} reports): {line(figures(res))}")
    if not args:
        for name, acc in evaluate_indicators().items():
            if verbose:
                print("\n".join(acc["errors"]))
            print(indicator_line(name, acc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
