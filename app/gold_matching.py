"""The matching of extracted rows against gold files, category by category: the shared scorer's rules
(``../shared/tools/score_extraction.py``), used as a module when it is there (``matcher``) and copied below for
when it is not. ``fazhi.app.evaluate`` runs fazhi over the reports and scores them with these."""
from __future__ import annotations

import functools
import importlib.util
import os
import re
import unicodedata
from pathlib import Path
from types import ModuleType

from fazhi.loaders.text import to_simplified

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("FAZHI_SHARED", ROOT.parent / "shared"))


# ---- the matching rules (the same as the shared scorer's) ------------------------------------------------
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "（": "(", "）": ")",
                           "“": "", "”": "", '"': "", "‘": "", "’": "", "《": "", "》": "", "<": "", ">": "",
                           "〈": "", "〉": "", "—": "-", "–": "-", "－": "-", "、": "", "·": ""})


@functools.lru_cache(maxsize=None)  # (the matching normalises the same strings over and over)
def norm(s) -> str:
    """Text compared across width, bracket, quote and traditional/simplified styles.

    >>> norm("上政【2020】31号") == norm("上政(2020)31号"), norm("區政府") == norm("区政府")
    (True, True)
    """
    s = unicodedata.normalize("NFKC", s or "").translate(_BRACKETS)
    if s and not s.isascii():
        s = to_simplified(s)
    return re.sub(r"\s+", "", s)


@functools.lru_cache(maxsize=None)
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


def char_overlap(a, b) -> float:
    A = _chars(a)
    return len(A & _chars(b)) / len(A) if A else 0.0


def as_number(x):
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
        gv, best, best_i = as_number(g.get("value")), 0.0, None
        for i, r in enumerate(rows):
            if i in used or as_number(r.get("value")) != gv:
                continue
            if g.get("unit") and r.get("unit") and norm(g["unit"])[:1] != norm(r["unit"])[:1]:
                continue
            score = max(char_overlap(g.get("metric", ""), r.get("metric", "")),
                        1.0 if g.get("evidence") and norm(g["evidence"]) in norm(r.get("evidence", "")) else 0.0,
                        char_overlap(g.get("evidence", ""), r.get("evidence", "")) * 0.9)
            if score > best:
                best, best_i = score, i
        if best_i is not None and best >= 0.5:
            used.add(best_i)
            hit += 1
        else:
            missed.append(f"{g.get('metric')}={g.get('value')}{g.get('unit', '')}")
    valid = sum(1 for r in rows if any(
        as_number(g.get("value")) == as_number(r.get("value"))
        and (char_overlap(g.get("metric", ""), r.get("evidence", "") + r.get("metric", "")) >= 0.5
             or char_overlap(g.get("evidence", ""), r.get("evidence", "") + r.get("metric", "")) >= 0.6) for g in gold))
    return {"hit": hit, "gold": len(gold), "valid": valid, "out": len(rows), "missed": missed}


def match_by_evidence(gold, rows):
    hit, missed = 0, []
    for g in gold:
        q = norm(g.get("text") or g.get("evidence") or "")
        lv = as_number(g["limit_value"]) if g.get("limit_value") is not None else None
        ok = any(((q and (q in ev or ev in q)) or char_overlap(q, ev) >= 0.8)
                 and (lv is None or not r.get("limit_value") or as_number(r.get("limit_value")) == lv)
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
                 and (title in norm(r.get("title", "")) or char_overlap(title, r.get("title", "")) >= 0.8)
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
    try:
        mod = load_scorer(path)
    except Exception:   # an unreadable scorer: fall back to our own copy of its rules
        return None
    return mod if all(hasattr(mod, f) for f in ("match_agencies", "match_documents", "match_statistics",
                                                "match_by_evidence", "match_awards")) else None


@functools.cache
def load_scorer(path: Path) -> ModuleType:
    """The scorer at ``path`` as a module, loaded once per process, its ``norm`` and ``canon_agency``
    remembered: the matching normalises the same few thousand strings hundreds of thousands of times, each
    through OpenCC (two minutes of the shared corpus's evaluation); both are functions of their string alone,
    so the figures are the same."""
    spec = importlib.util.spec_from_file_location("fazhi_shared_scorer", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name in ("norm", "canon_agency"):
        if callable(getattr(mod, name, None)):
            setattr(mod, name, functools.lru_cache(maxsize=None)(getattr(mod, name)))
    return mod
