"""Evaluation harness: recall and precision of what fazhi extracts, per category, against gold files.

``python -m fazhi.app.evaluate [REPORT_OR_FOLDER ...]`` (``make eval``) ingests the reports into a fresh
in-memory store, reads the named queries agencies, documents, statistics, obligations and awards back, and
matches them against the ``NAME.gold.json`` beside each ``NAME.txt`` — with the shared scorer's own matching
(``../shared/tools/score_extraction.py``) when it is there, else with the same rules reimplemented below.
Without arguments it evaluates each part of the shared corpus (seed, dev, dev2 ...), the whole corpus, the
whole corpus with every MANIFEST's issuer column removed, and each of our own gold sets ``tests/data/eval*``,
one line per set.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from types import ModuleType

from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.loaders.kinds import KINDS
from fazhi.loaders.sources import ISSUER_COLUMNS, MANIFEST_NAMES
from fazhi.loaders.text import to_simplified
from fazhi.queries import run_named

ROOT = Path(__file__).resolve().parent.parent
OWN_SET = ROOT / "tests" / "data" / "eval"
CATEGORIES = tuple(k.field for k in KINDS if k.evaluation)  # agencies, documents, statistics, obligations, awards, cases


def shared_dir() -> Path:
    return Path(os.environ.get("FAZHI_SHARED", ROOT.parent / "shared"))


# ---- the matching rules (the same as the shared scorer's) ------------------------------------------------
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "（": "(", "）": ")",
                           "“": "", "”": "", '"': "", "‘": "", "’": "", "《": "", "》": "", "<": "", ">": "",
                           "〈": "", "〉": "", "—": "-", "–": "-", "－": "-", "、": "", "·": ""})


def norm(s) -> str:
    """Text compared across width, bracket, quote and traditional/simplified styles.

    >>> norm("上政【2020】31号") == norm("上政(2020)31号"), norm("區政府") == norm("区政府")
    (True, True)
    """
    s = unicodedata.normalize("NFKC", s or "").translate(_BRACKETS)
    if s and not s.isascii():
        s = to_simplified(s)
    return re.sub(r"\s+", "", s)


def canon_agency(s) -> str:
    """Equivalent official spellings folded alike (the scorer's rules): 中国共产党X委员会 = 中共X委, 中共泗县县委 =
    中共泗县委, 人大常委会 = 人民代表大会常务委员会, X区人民政府Y街道办事处 = X区Y街道办事处."""
    s = re.sub(r"^中华人民共和国", "", norm(s))
    s = re.sub(r"^中国共产党(.+?)委员会", r"中共\1委", s)
    s = re.sub(r"^中共([^委]+?[省市县区旗州盟乡镇])委员会", r"中共\1委", s)
    s = re.sub(r"^中共([^委]+?)([县市区])\2委", r"中共\1\2委", s)
    s = s.replace("人民代表大会常务委员会", "人大").replace("人民代表大会", "人大").replace("人大常委会", "人大")
    s = s.replace("委常务委员会", "委常委会")
    s = re.sub(r"([区县市旗])人民政府(\S+?(?:街道办事处|街道办))$", r"\1\2", s)
    return "中共中央" if s == "中共中央委" else s


def _chars(s):
    return {c for c in norm(s) if not c.isascii()}


def _overlap(a, b) -> float:
    A = _chars(a)
    return len(A & _chars(b)) / len(A) if A else 0.0


def _num(x):
    try:
        return float(str(x).replace(",", ""))
    except ValueError:
        return None


def _agency_keys(g, strict=False):
    keys = {g["canonical"], *g.get("aliases", [])} | (set() if strict else set(g.get("mentions", [])))
    return {canon_agency(k) for k in keys} - {""}


def match_agencies(gold, rows):
    names = {canon_agency(r.get("name", "")) for r in rows} - {""}
    found = [g for g in gold if _agency_keys(g, strict=True) & names]
    valid = {n for n in names if any(n in _agency_keys(g) for g in gold)}
    return {"hit": len(found), "gold": len(gold), "valid": len(valid), "out": len(names),
            "missed": [g["canonical"] for g in gold if g not in found], "extra": sorted(names - valid)}


def _doc_keys(d):
    keys = {("t", norm(d[k])) for k in ("title", "canonical_title") if d.get(k)}
    keys |= {("t", norm(a)) for a in d.get("aliases", [])}
    if d.get("doc_number"):
        keys.add(("n", norm(d["doc_number"])))
    return keys


def match_documents(gold, rows):
    outs = []
    for r in rows:
        keys = set()
        if r.get("title"):
            keys.add(("t", norm(r["title"])))
        if r.get("number"):
            keys.add(("n", norm(r["number"])))
        if keys:
            outs.append(keys)
    found = [d for d in gold if any(_doc_keys(d) & o for o in outs)]
    valid = [o for o in outs if any(_doc_keys(d) & o for d in gold)]
    return {"hit": len(found), "gold": len(gold), "valid": len(valid), "out": len(outs),
            "missed": [d.get("title") for d in gold if d not in found],
            "extra": [sorted(o)[0][1] for o in outs if o not in valid]}


def match_statistics(gold, rows):
    used, hit, missed = set(), 0, []
    for g in gold:
        gv, best, best_i = _num(g.get("value")), 0.0, None
        for i, r in enumerate(rows):
            if i in used or _num(r.get("value")) != gv:
                continue
            if g.get("unit") and r.get("unit") and norm(g["unit"])[:1] != norm(r["unit"])[:1]:
                continue
            score = max(_overlap(g.get("metric", ""), r.get("metric", "")),
                        1.0 if g.get("evidence") and norm(g["evidence"]) in norm(r.get("evidence", "")) else 0.0,
                        _overlap(g.get("evidence", ""), r.get("evidence", "")) * 0.9)
            if score > best:
                best, best_i = score, i
        if best_i is not None and best >= 0.5:
            used.add(best_i)
            hit += 1
        else:
            missed.append(f"{g.get('metric')}={g.get('value')}{g.get('unit', '')}")
    valid = sum(1 for r in rows if any(
        _num(g.get("value")) == _num(r.get("value"))
        and (_overlap(g.get("metric", ""), r.get("evidence", "") + r.get("metric", "")) >= 0.5
             or _overlap(g.get("evidence", ""), r.get("evidence", "") + r.get("metric", "")) >= 0.6) for g in gold))
    return {"hit": hit, "gold": len(gold), "valid": valid, "out": len(rows), "missed": missed}


def match_by_evidence(gold, rows):
    hit, missed = 0, []
    for g in gold:
        q = norm(g.get("text") or g.get("evidence") or "")
        lv = _num(g["limit_value"]) if g.get("limit_value") is not None else None
        ok = any(((q and (q in ev or ev in q)) or _overlap(q, ev) >= 0.8)
                 and (lv is None or not r.get("limit_value") or _num(r.get("limit_value")) == lv)
                 for r in rows for ev in [norm((r.get("evidence") or "") + (r.get("text") or ""))] if ev)
        hit += ok
        if not ok:
            missed.append(q[:30])
    return {"hit": hit, "gold": len(gold), "missed": missed}


def match_awards(gold, rows):
    hit, missed = 0, []
    for g in gold:
        rec, title = norm(g.get("recipient", "")), norm(g.get("title", ""))
        ok = any(name and rec and (rec in name or name in rec)
                 and (title in norm(r.get("title", "")) or _overlap(title, r.get("title", "")) >= 0.8)
                 for r in rows for name in [norm(r.get("recipient_name", ""))])
        hit += ok
        if not ok:
            missed.append(g.get("title"))
    return {"hit": hit, "gold": len(gold), "missed": missed}


_CASE_FIELDS = (("case_type", "case_type"), ("respondent", "respondent_name"), ("applicant", "applicant_name"),
                ("outcome", "outcome"), ("selection", "selected_for"))


def _case_differences(g, r) -> list[str]:
    """What a row says of a gold case otherwise than the gold does (a field the gold leaves empty and the row
    fills is a fact the text does not state: a difference too); [] when they agree."""
    out = []
    for gk, rk in _CASE_FIELDS:
        gv, rv = g.get(gk) or "", r.get(rk) or ""
        same = canon_agency(gv) == canon_agency(rv) if gk in ("respondent", "applicant") else norm(gv) == norm(rv)
        if not same:
            out.append(f"{gk}: {rv or '-'} (gold {gv or '-'})")
    return out


def match_cases(gold, rows):
    """Cases a report names (ours: the shared scorer has no such category): a gold case is found when a row of
    the same report names it (its label, as printed) and says the same of its type, respondent, applicant,
    outcome and selection; a row is valid when it is such a find. Ledger rows (with a row number) are not
    report cases and are not scored."""
    rows = [r for r in rows if not r.get("row")]
    hit, missed, used = 0, [], set()
    for g in gold:
        same = [i for i, r in enumerate(rows) if norm(r.get("label", "")) == norm(g["label"])]
        ok = [i for i in same if not _case_differences(g, rows[i])]
        if ok:
            hit += 1
            used.add(ok[0])
        else:
            missed.append(g["label"] + ("; " + "; ".join(_case_differences(g, rows[same[0]])) if same else ""))
    extra = [r.get("label", "") for i, r in enumerate(rows) if i not in used]
    return {"hit": hit, "gold": len(gold), "valid": len(used), "out": len(rows), "missed": missed, "extra": extra}


def matcher() -> ModuleType | None:
    """The shared scorer as a module when it is there (its matching is the acceptance matching)."""
    path = shared_dir() / "tools" / "score_extraction.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("fazhi_shared_scorer", path)
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
    except Exception:   # an unreadable scorer: fall back to our own copy of its rules
        return None
    return mod if all(hasattr(mod, f) for f in ("match_agencies", "match_documents", "match_statistics",
                                                "match_by_evidence", "match_awards")) else None


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


def evaluate(report_gold_pairs) -> dict:
    """Ingest the reports into a fresh in-memory store and match the named queries against the gold files."""
    golds = [json.loads(g.read_text(encoding="utf-8")) for _, g in report_gold_pairs]

    def union(key):
        return [x for g in golds for x in g.get(key, [])]

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


# ---- indicators: which indicator each statistic measures (tests/data/indicators_gold.json) ------------------
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
    source = {r["report"]: r["file"] for r in store.select(
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
            if id(r) in used or _num(r.get("value")) != _num(g.get("value")):
                continue
            if g.get("unit") and r.get("unit") and norm(g["unit"])[:1] != norm(r["unit"])[:1]:
                continue
            ev = norm(r.get("evidence", ""))
            score = 1.0 if g.get("evidence") and norm(g["evidence"]) in ev else _overlap(g.get("evidence", ""), ev)
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
