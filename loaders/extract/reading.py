"""The report's reading of itself, done once before any fact is read: what its head and header say (title, number,
issuer, addressee, period, dates, kind), its jurisdiction, the body it speaks for, and the resolver that turns a
mention into a canonical agency name.

``read_context`` is the pipeline's step for it (the first of ``kinds.EXTRACTORS``): it leaves one frozen ``Reading``
on the doc, which no later step changes, so every extractor reads the same metadata, place and names, and the
report node is written from the same metadata. The order inside it matters and is kept here: the jurisdiction is
read from the metadata as written, the issuer from both, and only then is the metadata finished (the issuer and
addressee qualified, the number found under the title, the title as printed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from fazhi.loaders.extract.docnames import doc_kind, normalise_number
from fazhi.loaders.extract.documents import NUMBER
from fazhi.loaders.extract.issuer import read_issuer, read_jurisdiction
from fazhi.loaders.extract.orgnames import OrgName, canonical
from fazhi.loaders.extract.places import Chain
from fazhi.loaders.extract.resolver import Resolver
from fazhi.loaders.facts import ReportMeta
from fazhi.loaders.structure import Structure, iso_date


@dataclass(frozen=True)
class Reading:
    """What the report says about itself, read once (``read_context``) and read by every extractor after it."""
    meta: ReportMeta = field(default_factory=ReportMeta)   # finished: issuer and addressee canonical, jurisdiction
    chain: Chain = field(default_factory=Chain)            # the report's places: province … township, home level
    issuer: OrgName | None = None                          # the body the report speaks for, when the text names one
    resolver: Resolver | None = None                       # mention → canonical name (None: names kept as written)

    def resolve(self, mention: str) -> str:
        """Canonical name of a body's mention (see ``Resolver``); the mention itself when there is no resolver."""
        return self.resolver(mention) if self.resolver else mention


def read_context(doc) -> None:
    """The report's ``Reading`` (its metadata, jurisdiction, issuer and resolver), set on ``doc.reading``."""
    written = written_meta(doc.structure, doc.format_meta)
    chain = read_jurisdiction(doc, written)
    issuer = read_issuer(doc, written, chain)
    issuer_name = issuer.name if issuer else ""
    meta = _finished(doc, written, chain, issuer_name)
    doc.reading = Reading(meta, chain, issuer, Resolver(chain, issuer_name))


def written_meta(st: Structure, format_meta: dict) -> ReportMeta:
    """The report's own title, number, issuer, addressee, period and dates as written (qualified later), from its
    structure and the page's header fields."""
    h = dict(format_meta.get("header") or {})
    h.update(st.header)
    title = st.title or format_meta.get("title", "")
    kind = "report"
    if "计划" in title or "要点" in title or "方案" in title:
        kind = "plan"
    elif title.endswith("通知"):
        kind = "notice"
    return ReportMeta(
        title=title, title_span=st.title_span, number=st.number or h.get("文号", "") or h.get("发文字号", ""),
        issuer=st.issuer, addressee=st.addressee, date=st.date, date_span=st.date_span, period=st.period,
        generated=iso_date(h.get("生成日期", "") or h.get("公文生成日期", "") or h.get("发布日期", "")
                           or h.get("日期", "")),
        index_number=h.get("索引号", ""), kind=kind, header=h)


def _finished(doc, m: ReportMeta, chain: Chain, issuer: str) -> ReportMeta:
    """The metadata as the report node carries it: the jurisdiction, the issuer and addressee canonical, the
    number printed under the title, the title as printed and the kind its tail says."""
    addressee = m.addressee
    if addressee:
        a = canonical(re.split(r"[、,，]", addressee)[0], chain, issuer)
        addressee = a.name if a else addressee
    title, kind = _printed_title(doc, m)
    return replace(m, jurisdiction=chain.home_name(), issuer=issuer or m.issuer, addressee=addressee,
                   number=m.number or _own_number(doc.simple, m.title_span), title=title, kind=kind)


def _own_number(simple: str, title_span: tuple[int, int]) -> str:
    """The report's own number printed on a line of its own just under its title (西政文〔2023〕5号), or ''."""
    a = title_span[1] if title_span[1] else 0
    for line in simple[a:a + 200].split("\n")[:5]:
        s = line.strip()
        if NUMBER.fullmatch(s):
            return normalise_number(s)
    return ""


def _printed_title(doc, m: ReportMeta) -> tuple[str, str]:
    """The report's title as printed (traditional characters kept) and its kind; a title line printed as
    '<issuer> <title>' (with a space) names the title without the issuer."""
    title, (a, b), norm = m.title, m.title_span, doc.norm
    if not (b > a and norm):
        return title, m.kind
    if doc.text[a:b] != title and doc.simple[a:b] == title:
        title = doc.text[a:b]
    # what the report is, from its title's tail (关于印发…工作计划的通知 is a notice, not a plan)
    kind = {"notice": "notice", "plan": "plan"}.get(doc_kind(doc.simple[a:b]), "report")
    k = title.find("关于")
    i = a + k
    if (k > 0 and i < len(norm.origin) and norm.origin[i] - norm.origin[i - 1] > 1
            and doc.raw[norm.origin[i] - 1].isspace()):
        title = title[k:]
    return title, kind
