"""Real-size reports for benchmarks: the shared seed report (上蔡县's 2020 report, ~11,000 characters) re-issued by
other real counties, plus the real openings of the shared corpus.

Each copy replaces the seed's county, city and province (full names, short names, the province's one-character
abbreviation in document numbers and the county's in its own numbers) by those of another county of the
gazetteer, so every copy has its own agencies, places and report number while citing the same national
documents, as real reports of one year do. ``python benchmarks/reissue.py DIR N`` writes N copies and the
openings (dev/, dev2/ of /work/shared/corpus, with dev2's MANIFEST) into DIR.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = "000_19011963f1b42800.txt"
# the seed's own names, longest first (a short name is replaced after the full names holding it)
SEED_NAMES = {"county": ("上蔡县", "上蔡"), "city": ("驻马店市", "驻马店"), "province": ("河南省", "河南")}
SEED_NUMBERS = (("上政文〔", "{c}政文〔"), ("上政【", "{c}政【"), ("豫发〔", "{p}发〔"), ("豫政", "{p}政"))
# one-character abbreviations of provinces, as document numbers use them
PROVINCE_ABBR = {"北京": "京", "天津": "津", "河北": "冀", "山西": "晋", "内蒙古": "蒙", "辽宁": "辽", "吉林": "吉",
                 "黑龙江": "黑", "上海": "沪", "江苏": "苏", "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣",
                 "山东": "鲁", "河南": "豫", "湖北": "鄂", "湖南": "湘", "广东": "粤", "广西": "桂", "海南": "琼",
                 "重庆": "渝", "四川": "川", "贵州": "黔", "云南": "滇", "西藏": "藏", "陕西": "陕", "甘肃": "甘",
                 "青海": "青", "宁夏": "宁", "新疆": "新"}


def counties(seed: int = 16) -> list[tuple[str, str, str, str, str, str]]:
    """Real counties (县 only, with a city and province above them) as (county, short, city, short, province,
    short), in a fixed random order; the seed's own county left out."""
    from fazhi.loaders.extract.places import gazetteer

    gz = gazetteer()
    out = []
    for p in gz.places:
        if p.level != "county" or not p.name.endswith("县") or len(p.name) < 3 or p.parent < 0:
            continue
        city = gz.places[p.parent]
        if city.level != "city" or city.parent < 0 or not city.name.endswith("市"):
            continue
        prov = gz.places[city.parent]
        short_p = prov.alias or prov.name.rstrip("省")
        if short_p not in PROVINCE_ABBR or p.name == "上蔡县":
            continue
        out.append((p.name, p.alias or p.name[:-1], city.name, city.alias or city.name[:-1], prov.name, short_p))
    out.sort()
    random.Random(seed).shuffle(out)
    return out


def reissue(text: str, place: tuple[str, str, str, str, str, str]) -> str:
    """The seed's text as ``place``'s county would have issued it."""
    county, c_short, city, ci_short, prov, p_short = place
    for old, new in SEED_NUMBERS:
        text = text.replace(old, new.format(c=c_short[0], p=PROVINCE_ABBR[p_short]))
    for (full, short), (new_full, new_short) in zip(SEED_NAMES.values(),
                                                    ((county, c_short), (city, ci_short), (prov, p_short))):
        text = text.replace(full, new_full).replace(short, new_short)
    return text


def write_corpus(folder: Path, n: int, openings: bool = True) -> list[Path]:
    """``n`` re-issued copies of the seed (and the corpus's openings) in ``folder``; returns every file written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    seed = (CORPUS / SEED).read_text(encoding="utf-8")
    out = []
    for i, place in enumerate(counties()[:n]):
        p = folder / f"reissued_{i:04d}.txt"
        if not p.exists():
            p.write_text(reissue(seed, place), encoding="utf-8")
        out.append(p)
    if openings:
        for sub in ("dev", "dev2"):
            dest = folder / sub
            dest.mkdir(exist_ok=True)
            for f in sorted((CORPUS / sub).iterdir()):
                if f.suffix == ".txt" or f.name == "MANIFEST.tsv":
                    if not (dest / f.name).exists():
                        shutil.copyfile(f, dest / f.name)
                    out.append(dest / f.name)
    return out


if __name__ == "__main__":
    files = write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
    size = sum(f.stat().st_size for f in files if f.suffix == ".txt")
    print(f"{len(files)} files, {size / 1e6:.2f} MB")
