"""The report's own place and issuer: the jurisdiction chain read from its head (issuer, title, header, addressee)
and body, and the one body the report speaks for (its title's or signature's issuer, the page's source, the subject
of its opening sentence).
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.jurisdiction import find_chain
from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.extract.namegrammar import SUBJECT_VERB
from fazhi.loaders.extract.orgnames import OrgName, canonical
from fazhi.loaders.extract.places import Chain, find_places
from fazhi.loaders.extract.unlisted import fill_unlisted
from fazhi.loaders.facts import ReportMeta

# a report speaking of its issuer without naming it (我局认真贯彻…, 分局被评为…, 本街道)
SELF_REFERENCE = re.compile(r"(?:我|本)(?:局|委|办|厅|院|中心|单位|街道|镇|乡)|(?:^|[,，。;；、\n])分局")


def _issuer_written(m) -> str:
    """The issuer as the report writes it: its signature or title, else the page's disclosure header."""
    return m.issuer or m.header.get("发布机构", "") or m.header.get("发文机关", "") or m.header.get("发文单位", "")


def read_jurisdiction(doc, m: ReportMeta) -> Chain:
    """The report's place chain, read from its metadata as written (``m``) and its text."""
    st = doc.structure
    hv = " ".join(v for k, v in m.header.items() if k in ("发布机构", "发文机关", "发文单位", "信息来源", "来源", "名称", "标题"))
    head = " ".join([m.issuer, m.title, m.addressee, hv])
    body_from = max(st.addressee_span[1], st.title_span[1], st.header_end) if st else 0
    issuer = _issuer_written(m)
    # the collector's issuer (MANIFEST.tsv), else the site the page was saved from (its SiteName)
    hint = doc.format_meta.get("issuer_hint", "") or doc.format_meta.get("site", "")
    own = find_places(issuer) if hint else []
    if hint and own and len(own[-1][2]) > 1:
        head = head + " " + hint          # 城中区人民政府: which 城中区 (西宁's or 柳州's) the collector knew
    if hint and not own:
        # the text names no place for its issuer (区市场监管局, or none at all): the collector's issuer does
        issuer, head = hint, head + " " + hint
    chain = find_chain(head, doc.simple, issuer, body_from)
    # levels the division dataset could not name: the report's own words for its place (示范县, 安平市)
    hv_issuer = m.header.get("信息来源", "") or m.header.get("来源", "")
    fill_unlisted(chain, issuer or hv_issuer, m.title, m.addressee, doc.simple[body_from:])
    return chain


def read_issuer(doc, m: ReportMeta, chain: Chain) -> OrgName | None:
    """The body the report speaks for, canonical, from its metadata as written (``m``) and its text; None when the
    text names none."""
    issuer_raw = _issuer_written(m)
    hint = doc.format_meta.get("issuer_hint", "")
    if not issuer_raw and hint and SELF_REFERENCE.search(doc.simple[:3000]):
        issuer_raw = hint                 # 我局/分局 in a text that never names itself: the collector's issuer
    issuer = _one_issuer(issuer_raw, chain) if issuer_raw else None
    if issuer is None and issuer_raw and len(issuer_raw) <= 30:
        # the issuer as written when the text never says which place it belongs to (区市场监管局)
        issuer = OrgName(issuer_raw, "department" if re.search(r"[局委办厅]$", issuer_raw) else "other", "", "")
    if issuer is None:
        # the page's source line (来源: 叶城县司法局) names who published the report
        src = m.header.get("来源", "") or m.header.get("信息来源", "")
        issuer = _one_issuer(src, chain) if src and len(src) <= 30 else None
    if issuer is None and chain.home:
        issuer = _opening_subject(doc, chain)
    if issuer is None and m.title:
        # a title that opens with a place and a year (上蔡县2020年法治政府建设年度报告) is the place's government's
        tp = find_places(m.title[:20])
        if tp and tp[0][0] == 0 and re.match(r"\s*(?:19|20)\d{2}\s*年", m.title[tp[-1][1]:]):
            issuer = canonical(m.title[:tp[-1][1]], chain)
    return issuer


def _one_issuer(written: str, chain: Chain) -> OrgName | None:
    """The issuer a report's title, signature or header writes, as one body: of two printed together (中共和平区委
    和平区人民政府, 沙坪坝街道党工委、沙坪坝街道办事处) the government, else the first; None when no body is named."""
    spans = find_mentions(written, chain)
    if len(spans) >= 2 and not _SEPARATORS.sub("", "".join(written[e:s] for (_, e, _), (s, _, _) in zip(spans, spans[1:]))):
        names = [o for o in (canonical(written[a:b], chain) for a, b, _ in spans) if o]
        return next((o for o in names if o.kind in ("government", "township")), names[0] if names else None)
    o = canonical(written, chain)
    return o if o and o.kind != "other" or o and spans and spans[0][:2] == (0, len(written)) else None


_SEPARATORS = re.compile(r"[、,，和及与\s]")
# an opening sentence's subject: a body or place, then the verb of its year's work (2021年,梧州市公安局坚持…)
_OPENING = re.compile(r"^(?:[^,，。]{0,30}?(?:19|20)\d{2}\s*年(?:度|以来)?\s*[,，]\s*)?(?:在[^,，。]{2,40}?[,，]\s*)?")


def _opening_subject(doc, chain: Chain) -> OrgName | None:
    """An unsigned report speaks for the body or place its opening sentence has as subject (2021年,梧州市公安局
    坚持… → the bureau; 2024年,获嘉县坚持… → the county's government), when that is the report's own place."""
    body = doc.simple[(doc.structure.title_span[1] if doc.structure else 0):][:300].lstrip()
    at = _OPENING.match(body).end()
    spans = [sp for sp in find_mentions(body[at:at + 60], chain) if sp[0] == 0]
    if spans and SUBJECT_VERB.match(body, at + spans[0][1]):
        o = canonical(body[at:at + spans[0][1]], chain)
        if o and (o.jurisdiction == chain.home_name() or o.jurisdiction == chain.at(chain.home)):
            return o
    home_short = re.sub(r"(人民政府|办事处)$", "", chain.home_name())
    if home_short and chain.at(chain.home) and (chain.home_name() in body[:200] or getattr(chain, chain.home) in body[:200]):
        return canonical(getattr(chain, chain.home), chain)
    return None
