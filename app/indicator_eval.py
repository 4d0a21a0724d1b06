"""Evaluation of the indicator mapping: which indicator each statistic measures, against the labels of
``tests/data/indicators_gold.json`` (``make eval`` prints one line per set; ``fazhi.app.evaluate`` calls it)."""
from __future__ import annotations

import json
from pathlib import Path

from fazhi.app.gold_matching import ROOT, as_number, char_overlap, norm, shared_dir
from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.queries import run_named

INDICATOR_GOLD = ROOT / "tests" / "data" / "indicators_gold.json"


def evaluate_indicators(gold_path: Path = INDICATOR_GOLD) -> dict[str, dict]:
    """Precision and recall of ``fz:indicator`` per set ("shared corpus", "own gold set") against the gold labels.

    The reports go through the real ingest into a memory store; each gold statistic is matched to an extracted one
    of its report (same value, its evidence within or overlapping the extracted one's). A true positive is a gold
    statistic whose match carries its indicator; an extracted statistic carrying an indicator the gold does not
    give it (or matching no gold statistic: the labels are exhaustive per file) is a false positive. ``mapping_*``
    counts only the gold statistics that were extracted (the mapping's own share of the errors)."""
    files = {}
    for key, labels in json.loads(gold_path.read_text(encoding="utf-8"))["files"].items():
        base = shared_dir() / key[len("shared:"):] if key.startswith("shared:") else ROOT / key
        if base.with_name(base.name + ".txt").exists():
            files[base.with_name(base.name + ".txt")] = (key, labels, base.with_name(base.name + ".gold.json"))
    if not files:
        return {}
    store = open_store("memory:")
    ingest(store, list(files))
    rows = run_named(store, "statistics", limit=10 ** 7).dicts()
    mapped = {r["statistic"]: r["notation"] for r in run_named(store, "indicator-values", limit=10 ** 7).dicts()}
    # (resolved on both sides: the shared folder may be reached through a symbolic link, which ingest keeps)
    source = {r["report"]: str(Path(r["file"]).resolve()) for r in store.select(
        "SELECT ?report ?file WHERE { ?report fz:sourceFile ?file }", limit=10 ** 7).dicts()}
    out: dict[str, dict] = {}
    for txt, (key, labels, gold_json) in files.items():
        name = labels.get("set") or ("shared corpus" if key.startswith("shared:") else "own gold set")
        acc = out.setdefault(name,
                             {"gold": 0, "tp": 0, "fp": 0, "fn": 0, "mapping_fp": 0, "mapping_fn": 0, "errors": []})
        extracted = [r for r in rows if source.get(r["report"]) == str(txt.resolve())]
        gold = json.loads(gold_json.read_text(encoding="utf-8")).get("statistics", [])
        matched = _match_gold_statistics(gold, extracted)
        for i, g in enumerate(gold):
            want, r = labels["indicators"].get(str(i)), matched.get(i)
            got = mapped.get(r["statistic"], None) if r else None
            acc["gold"] += bool(want)
            acc["tp"] += bool(want) and got == want
            acc["fn"] += bool(want) and got != want
            acc["fp"] += bool(got) and got != want
            acc["mapping_fn"] += bool(want) and r is not None and got != want
            acc["mapping_fp"] += bool(got) and got != want
            if got != want:
                acc["errors"].append(f"{txt.name}[{i}] {g.get('metric')}={g.get('value')}: want {want}, got "
                                     f"{got if r else 'not extracted'}")
        used = {id(r) for r in matched.values()}
        for r in extracted:
            if id(r) not in used and mapped.get(r["statistic"]):
                acc["fp"] += 1
                acc["errors"].append(f"{txt.name} {r['metric']}={r['value']}: no gold statistic, got "
                                     f"{mapped[r['statistic']]}")
    for acc in out.values():
        acc["precision"] = round(acc["tp"] / (acc["tp"] + acc["fp"]), 3) if acc["tp"] + acc["fp"] else None
        acc["recall"] = round(acc["tp"] / acc["gold"], 3) if acc["gold"] else None
    return out


def _match_gold_statistics(gold: list[dict], rows: list[dict]) -> dict[int, dict]:
    """Gold statistic index → the extracted row it is (same value and unit's first character, evidence within
    the row's or overlapping it by half), each row used once."""
    used, out = set(), {}
    for i, g in enumerate(gold):
        best, best_r = 0.0, None
        for r in rows:
            if id(r) in used or as_number(r.get("value")) != as_number(g.get("value")):
                continue
            if g.get("unit") and r.get("unit") and norm(g["unit"])[:1] != norm(r["unit"])[:1]:
                continue
            ev = norm(r.get("evidence", ""))
            score = 1.0 if g.get("evidence") and norm(g["evidence"]) in ev else char_overlap(g.get("evidence", ""), ev)
            if score > best:
                best, best_r = score, r
        if best_r is not None and best >= 0.5:
            used.add(id(best_r))
            out[i] = best_r
    return out


def indicator_line(name: str, acc: dict) -> str:
    """One line of indicator figures for a set."""
    extracted = acc["gold"] - (acc["fn"] - acc["mapping_fn"])
    tp = acc["tp"]
    mp = round(tp / (tp + acc["mapping_fp"]), 3) if tp + acc["mapping_fp"] else None
    mr = round(tp / extracted, 3) if extracted else None
    return (f"indicators, {name} ({acc['gold']} statistics measure one): P={acc['precision']} R={acc['recall']}; "
            f"over the {extracted} extracted: P={mp} R={mr}")
