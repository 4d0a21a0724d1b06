"""Places: China's administrative divisions (from jionlp's offline dictionary) and a report's place chain.

The gazetteer holds provinces, cities, counties/districts and townships/streets with their parents. It is
read once per process from jionlp's ``china_location.txt`` (without importing jionlp, which prints a banner)
and cached as a pickle beside the user's cache, so later processes load it in a few tens of milliseconds.

``Chain`` holds a report's province → city → county → township; ``jurisdiction.find_chain`` decides it.
"""
from __future__ import annotations

import importlib.util
import os
import pickle
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# names in the dictionary that are also plain words
_GENERIC = {"街道", "社区", "城区", "市区", "郊区", "新区", "开发区", "矿区", "林区", "市辖区", "县城", "镇区", "工业园区",
            # kinds of zone that some dictionary entries carry as their name (a county's 产业集聚区 is not one place)
            "产业集聚区", "经济开发区", "高新技术开发区", "经济技术开发区", "高新区", "保税区", "旅游度假区", "县经济开发区",
            "市保税区", "城区社区"}
LEVELS = ("province", "city", "county", "township")
_SUFFIX_END = set("省市县区旗州盟镇乡道")
_SUFFIX_RE = re.compile("[省市县区旗州盟镇乡道]")


@dataclass(frozen=True)
class Place:
    name: str
    level: str                     # province, city, county, township
    parent: int                    # index of the parent place, -1 for a province
    alias: str = ""                # short form (河南, 驻马店, 上蔡)


@dataclass
class Gazetteer:
    places: list[Place]
    by_name: dict[str, tuple[int, ...]]
    by_alias: dict[str, tuple[int, ...]]
    township_short: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # the length of the longest name with each two-character ending (蔡县 → 3): the text's last two characters
    # at a place bound the lengths worth looking up there (a few thousand entries, cheap to unpickle)
    ending_len: dict[str, int] = field(default_factory=dict)

    def ancestors(self, i: int) -> list[int]:
        """The place and its parents, most specific first."""
        out = []
        while i >= 0:
            out.append(i)
            i = self.places[i].parent
        return out


def _source_file() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if not spec or not spec.origin:
        return None
    return Path(spec.origin).parent / "dictionary" / "china_location.txt"


def _read_lines(path: Path) -> list[str]:
    if path.exists():
        return path.read_text(encoding="utf-8").split("\n")
    z = path.with_suffix(".zip")
    with zipfile.ZipFile(z) as zf:
        return zf.read(zf.namelist()[0]).decode("utf-8").split("\n")


def _parse(lines: list[str]) -> Gazetteer:
    places: list[Place] = []
    stack = [-1, -1, -1, -1]
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue
        parts = line.strip().split("\t")
        name = parts[0]
        if name in _GENERIC:
            continue
        parent = stack[depth - 1] if depth else -1
        if depth == 1 and name == "省直辖行政区划":
            # counties directly under a province (济源市, 仙桃市) behave as cities
            stack[1] = parent
            continue
        if depth == 2 and parent >= 0 and places[parent].level == "province":
            level = "city"
        else:
            level = LEVELS[depth]
        alias = parts[2] if len(parts) > 2 else ""
        places.append(Place(name, level, parent, alias))
        stack[depth] = len(places) - 1
    by_name: dict[str, list[int]] = {}
    by_alias: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        by_name.setdefault(p.name, []).append(i)
        # the short names reports use for autonomous prefectures and counties (红河州, 长阳县)
        if p.alias and p.name.endswith(("自治州", "自治县", "自治旗")) and len(p.alias) >= 2:
            by_name.setdefault(p.alias + p.name[-1], []).append(i)
        if p.alias and len(p.alias) >= 2 and p.alias != p.name and p.level != "township":
            by_alias.setdefault(p.alias, []).append(i)
    short: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        if p.level == "township":
            s = re.sub(r"(街道办事处|街道|镇|乡)$", "", p.name)
            if len(s) >= 2:
                short.setdefault(s, []).append(i)
    ending_len: dict[str, int] = {}
    for n in by_name:
        if len(n) >= 2:
            ending_len[n[-2:]] = max(ending_len.get(n[-2:], 0), len(n))
    return Gazetteer(places, {k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_alias.items()},
                     {k: tuple(v) for k, v in short.items()}, ending_len)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The administrative divisions, loaded once per process (pickled cache keyed on the source file)."""
    src = _source_file()
    if src is None:
        return Gazetteer([], {}, {})
    probe = src if src.exists() else src.with_suffix(".zip")
    if not probe.exists():
        return Gazetteer([], {}, {})
    st = probe.stat()
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fazhi"
    cache = cache_dir / f"places-v6-{st.st_size}-{int(st.st_mtime)}.pickle"
    try:
        with open(cache, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        pass
    gz = _parse(_read_lines(src))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home only costs the parse next time
    return gz


# characters that may stand right before a short (two-character) place name: a longer run of Chinese
# characters before it is usually a word that merely ends like one (示范县 is not 范县)
_BEFORE_SHORT = set("在于和与及、对向同到至的是从由将把被为等省市州盟县区旗镇乡,，:：;；(（“\"《 \n年")


@lru_cache(maxsize=1024)   # (the same short names are looked up again and again within a report)
def find_places(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Every full place name in ``text``: (start, end, candidate place ids), longest match at each end.

    >>> t = "河南省驻马店市上蔡县五龙镇,创建示范县"
    >>> [t[a:b] for a, b, _ in find_places(t)]
    ['河南省', '驻马店市', '上蔡县', '五龙镇']
    """
    gz = gazetteer()
    by_name, ending_len = gz.by_name, gz.ending_len
    out = []
    last_end = 0
    for sm in _SUFFIX_RE.finditer(text):
        i = sm.start()
        best = None
        # no name is longer than the longest one ending in the text's two characters here
        for k in range(min(10, i + 1 - last_end, ending_len.get(text[i - 1:i + 1], 0)), 1, -1):
            ids = by_name.get(text[i + 1 - k:i + 1])
            if ids:
                a = i + 1 - k
                if k == 2 and a > 0 and text[a - 1] not in _BEFORE_SHORT and "\u4e00" <= text[a - 1] <= "\u9fff":
                    continue
                best = (a, i + 1, ids)
                break
        if best:
            out.append(best)
            last_end = best[1]
    return out


def township_short() -> dict[str, tuple[int, ...]]:
    """Townships by their short names (籍山镇 → 籍山), for lists like 籍山、许镇、工山司法所."""
    return gazetteer().township_short


@dataclass
class Chain:
    """The report's jurisdiction: names at each level (as the gazetteer or the text gives them)."""
    province: str = ""
    city: str = ""
    county: str = ""
    township: str = ""
    home: str = ""                 # level of the issuer's own government: province, city, county, township
    ids: list[int] = field(default_factory=list)

    def at(self, level: str) -> str:
        """The qualified name of the place at ``level`` (district names carry their city).

        >>> Chain(province="青海省", city="西宁市", county="城中区").at("county")
        '西宁市城中区'
        >>> Chain(province="河南省", city="驻马店市", county="上蔡县", township="五龙镇").at("township")
        '上蔡县五龙镇'
        """
        if level == "province":
            return self.province
        if level == "city":
            return self.city
        if level == "county":
            if not self.county:
                return ""
            if self.county.endswith("区") and self.city and not self.county.startswith(self.city):
                return self.city + self.county
            return self.county
        if level == "township":
            return (self.at("county") + self.township) if self.township else ""
        return ""

    def home_name(self) -> str:
        return self.at(self.home) if self.home else ""

    def level_of(self, char: str) -> str:
        """Which level a one-character prefix (省/市/县/区/镇/乡/街道 ...) refers to in this report."""
        if char in ("地区", "地"):
            # 地区司法局, 地委: the prefecture, in a report of one of the few prefectures still called 地区
            return "city" if self.city.endswith("地区") else ""
        if char == "自治区":
            # 自治区司法厅 means the region only in a report of one of the five autonomous regions
            return "province" if self.province.endswith("自治区") else ""
        if char == "省":
            return "province"
        if char in ("市", "州", "盟"):
            # a county-level city's report says 市 for itself
            if self.home in ("county", "township") and self.county.endswith("市"):
                return "county"
            return "city"
        if char in ("县", "区", "旗"):
            if char == "区" and not self.county and self.home == "city":
                return "city"
            return "county"
        if char in ("镇", "乡", "街道", "街"):
            return "township"
        return ""
