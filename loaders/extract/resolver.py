"""The resolver of one report: a mention of a body → its canonical name, qualified by the report's jurisdiction
(县司法局 → 上蔡县司法局). The report's reading (``reading.read_context``) makes it once; the agencies extractor and
every later extractor name bearers, recipients and subjects through it, so they name each body the same way.
"""
from __future__ import annotations

from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.extract.namegrammar import STATION
from fazhi.loaders.extract.orgkinds import written_name
from fazhi.loaders.extract.orgnames import OrgName, canonical
from fazhi.loaders.extract.places import Chain


class Resolver:
    """Mentions → canonical names in one report (each mention worked out once: a report names a body often)."""

    def __init__(self, chain: Chain, issuer: str = ""):
        self.chain = chain
        self.issuer = issuer                         # the report's issuer, canonical ('' when it names none)
        self._orgs: dict[str, OrgName | None] = {}
        self._whole: dict[str, bool] = {}

    def org(self, mention: str) -> OrgName | None:
        """The body a mention names, canonical (``orgnames.canonical``); None for a collective phrase or words
        that name no body."""
        if mention not in self._orgs:
            self._orgs[mention] = canonical(mention, self.chain, self.issuer)
        return self._orgs[mention]

    def __call__(self, mention: str) -> str:
        """Canonical name of a mention; the mention as written when its place is unknown (区法院 in a report
        that never names its district); '' for a collective phrase (各乡镇, 市政府各部门) and for words that are
        no body's name (a clause fragment another extractor cut out: 以来向省司法厅, 乡镇人民政府按职责分工负责)."""
        o = self.org(mention)
        if o:
            return o.name
        if mention not in self._whole:
            self._whole[mention] = whole_name(mention, self.chain)
        return written_name(mention) if self._whole[mention] else ""


def whole_name(mention: str, chain: Chain | None) -> bool:
    """Whether the finder reads ``mention`` as one name from its first character to its last (县法院: yes;
    以来向省司法厅, 听取各旗区法治政府, 市县政府, 自治区: no).

    >>> [whole_name(m, None) for m in ("县法院", "以来向省司法厅", "自治区", "甲山司法所")]
    [True, False, False, True]
    """
    m = mention.strip()
    if STATION.fullmatch(m) and not m.startswith(("各", "全", "所属")):
        return True                       # a station named by its township (甲山司法所), which the places lack
    return bool(m) and any(s == 0 and e == len(m) for s, e, _ in find_mentions(m, chain))
