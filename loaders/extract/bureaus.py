"""What a bureau's own report calls its bodies and its system's: 我局, 局法制科, 法制大队, 第一税务所, 局党组,
市局/省局 (the same system one or two levels up), and vertically managed bodies named after their national body
(国家税务总局成都市武侯区税务局). ``own_body`` is the part of ``orgnames.canonical`` that needs the issuer.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.orgkinds import LEVEL_CHAR, VERTICAL, OrgName, finish  # noqa: F401 (OrgName: own_body's result)
from fazhi.loaders.extract.places import Chain, find_places, gazetteer

# sections inside a bureau (科/股, 处 in a province's), by the names their work gives them: 政策法规科, 法制股, 执法监督科
SECTION_WORDS = ("政策法规", "法规", "法制", "法治", "执法监督", "行政审批", "审批服务", "综合", "人事", "人事教育", "财务",
                 "政工", "督查", "信访", "宣传")
SECTIONS = "(?:" + "|".join(SECTION_WORDS) + ")"
_SELF_BODY = re.compile(r"^(?:我|本)(?:局|分局|委|办|厅|院|单位|中心|所)$")
_OWN_GROUP = re.compile(r"^(?:我|本)?(?:分局|局|厅)([\u4e00-\u9fff]{2,20}?(?:领导小组(?:办公室)?|委员会|大队|中队|支队))$")
_OWN_PARTY = re.compile(r"^(?:我|本)?(?:分局|局|厅)(党委|党组)$")
_BRIGADE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:大队|中队|支队)")
_NUMBERED = re.compile(r"^(?:我|本)?(?:分局|局)?(第[一二三四五六七八九十]{1,3}[\u4e00-\u9fff]{0,4}?(?:所|分局|中队|大队))$")
_SECTION = re.compile(rf"^(?:我|本)?(?:分局|局|委|厅)?({SECTIONS}(?:科|股|处))$")
_UPPER = re.compile(rf"^(市|省)局(党组|党委|{SECTIONS}(?:科|股|处))?$")
# a mention no rule here speaks for (canonical goes on); None means: a rule applies and names no body
NOT_OWN = object()


def own_body(m: str, chain: Chain, issuer: str):
    """The canonical name of a mention a bureau's report uses for its own bodies, an OrgName; None when such
    a mention cannot be resolved here (第一税务所 in a government's report); NOT_OWN when no rule applies.

    >>> c = Chain(province="江苏省", city="宿迁市", county="宿城区", home="county")
    >>> [own_body(x, c, "宿迁市自然资源和规划局宿城分局").name for x in ("局政策法规科", "市局党组", "我局")]
    ['宿迁市自然资源和规划局宿城分局政策法规科', '中共宿迁市自然资源和规划局党组', '宿迁市自然资源和规划局宿城分局']
    >>> own_body("县司法局", c, "") is NOT_OWN
    True
    """
    if _SELF_BODY.match(m) and issuer:
        return finish(issuer, chain)
    gm = _OWN_GROUP.match(m)
    if gm and issuer:
        return finish(issuer + gm.group(1), chain)     # 局法治政府建设工作领导小组: the issuing bureau's own
    um = _BRIGADE.fullmatch(m)
    if um and re.search(r"局$", issuer) and not LEVEL_CHAR.match(m) and not find_places(m):
        return finish(issuer + m, chain)  # 法制大队 in a bureau's report: the bureau's own brigade
    om = _NUMBERED.match(m)
    if om:
        # a numbered unit of a bureau (第一税务所, 第二中队) is named only in that bureau's report
        return finish(issuer + om.group(1), chain) if re.search(r"局$", issuer) else None
    sm = _SECTION.match(m)
    if sm:
        # a section is named only in its own bureau's report (局政策法规科): the issuer's section
        return finish(issuer + sm.group(1), chain) if re.search(r"[局委厅]$", issuer) else None
    bm = _UPPER.match(m)
    if bm:
        # a bureau's report says 市局/省局 for the bureau of its own system one or two levels up
        upper = upper_bureau(issuer, "city" if bm.group(1) == "市" else "province", chain)
        if not upper:
            return None
        party = {"党组": "党组", "党委": "委员会"}.get(bm.group(2) or "")
        return finish(("中共" + upper + party) if party else upper + (bm.group(2) or ""), chain)
    pm = _OWN_PARTY.match(m)
    if pm:
        return finish("中共" + issuer + ("委员会" if pm.group(1) == "党委" else "党组"), chain) if issuer else None
    return NOT_OWN


def upper_bureau(issuer: str, level: str, chain: Chain) -> str:
    """The bureau of the issuer's own system at ``level`` (city or province): what its report calls 市局/省局.

    >>> c = Chain(province="四川省", city="成都市", county="武侯区", home="county")
    >>> upper_bureau("国家税务总局成都市武侯区税务局", "city", c), upper_bureau("国家税务总局成都市武侯区税务局", "province", c)
    ('国家税务总局成都市税务局', '国家税务总局四川省税务局')
    >>> upper_bureau("宿迁市自然资源和规划局宿城分局", "city", c), upper_bureau("成都市生态环境局", "city", c)
    ('宿迁市自然资源和规划局', '成都市生态环境局')
    """
    branch = re.match(r"^(.+?局)[\u4e00-\u9fff]{2,6}?分局$", issuer)
    if branch:
        # a city bureau's district branch (…局宿城分局): 市局 is that city bureau
        return branch.group(1) if level == "city" else ""
    vm = VERTICAL.match(issuer)
    prefix = vm.group(0) if vm else ""
    rest = issuer[len(prefix):]
    hits, pos = [], 0
    for a, b, ids in find_places(rest[:20]):
        if a != pos:
            break
        hits.append(ids)
        pos = b
    body = rest[pos:]
    if not hits or not body.endswith("局") or find_places(body):
        return ""
    own = gazetteer().places[hits[-1][0]].level
    target = chain.city if level == "city" else chain.province
    if not target or ("province", "city", "county", "township").index(own) < ("province", "city").index(level):
        return ""
    return prefix + target + body
