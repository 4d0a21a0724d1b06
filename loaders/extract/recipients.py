"""Who an award went to: the subject a designation names (县司法局, 籍山、许镇、工山司法所, 我局第一税务所), a list of
places (博爱县、孟州市; 市本级及昆都仑区、固阳县; 土默特右旗、固阳县2个单项项目), the place a sentence opens with
before its verbs (沁阳市不断深化…，荣获…), else the report's own place. Names pass through ``doc.resolve``; a place
is named in full (焦作市山阳区)."""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import ORG_TAIL, clause_spans, self_target
from fazhi.loaders.extract.orgnames import canonical
from fazhi.loaders.extract.places import find_places

HEAD_NOISE = re.compile(r"^(?:[一二三四五六七八九十]+是|\(?[一二三四五六七八九十\d]+[)、.]|(?:19|"
                        r"20)\d{2}\s*年(?:\d{1,2}月)?"
                        r"(?:\d{1,2}日)?(?:度|以来|来)?|今年|全年|同时|此外|另外|其中|并|且|还|先后|经[^,]{0,20}|按[^,]{0,12}|"
                        r"在[^,]{0,20}中)\s*")
ABBREV = (("调委会", "人民调解委员会"), ("司法所所", "司法所"))
ORG_END = re.compile(ORG_TAIL + r"$")
# award holders include places and bodies that are not offices: communities, villages, schools, firms
HOLDER_TAIL = (ORG_TAIL[:-1] + r"|村居民区|社区|村|居委会|村委会|学校|医院|公司|企业|律师事务所|调解室|工作室|服务站|服务中心|"
               r"审判庭|法庭|科|股|室|队)")
HOLDER_END = re.compile(HOLDER_TAIL + r"$")
HEAD_ORG = re.compile(r"([\u4e00-\u9fff、()（）]{1,40}?" + HOLDER_TAIL + r")")
# HEAD_ORG's match, found faster (see _head_org): the first holder ending after the first character, and
# what may not stand before it
_HOLDER_TAIL_RX = re.compile(HOLDER_TAIL)
_NOT_IN_HEAD = re.compile(r"[^\u4e00-\u9fff、()（）]")
LIST_SEP = re.compile(r"[、和及]")
# the smaller tests below, compiled once
_ADVERB_EDGES = re.compile(r"^(?:均|都|也|还|又|并|共|分别)|(?:分别|均|都|也|还|又|先后)+$")
_ADVERB_TAIL = re.compile(r"(?:分别|均|都|也|还|又|先后)+$")
_ONLY_ADVERB = re.compile(r"^(?:均|都|也|分别)?$")
_COUNTED_PLACES = re.compile(r"^(?:全[省市县区镇乡]|我[省市县区])?(?:共)?有?\s*(?:\d+|[两二三四五六七八九十]+)\s*个"
                             r"(?:设区市|地级市|市|县|区|乡镇|镇|乡|街道|村|社区)")
_COUNTED_ITEMS = re.compile(r"^\d|^[两二三四五六七八九十]+[个项家名]")
_OWN_PLACE = re.compile(r"^(?:我|本)(?:县|市|区|州|旗|镇|乡|街道|省)$")
# items a subject counts after naming whose they are: 我市3个行政争议化解案例, 武陟县、温县2个单项项目
COUNTED_TAIL = re.compile(r"(?:\d+|[两二三四五六七八九十]+)\s*(?:个|项|件)[\u4e00-\u9fff]{0,10}?"
                          r"(?:项目|案例|单位|集体|做法|经验|成果)$")
# generic words that end like a body: 法治政府建设, 数字政府, 服务型政府 name no holder
_KIND_OF_GOVERNMENT = re.compile(r"(?:法治|数字|服务型|廉洁|诚信|有为|阳光|智慧|透明|责任|人民满意的?|"
                                 r"整体)政府")
# what may join the places of a list, name the report's own level, or follow the last place
_PLACE_GLUE = re.compile(r"[、，,和及与]|以及")
_OWN_LEVEL = re.compile(r"(?:省|市|县|区|旗|州|镇|乡)?本级")
_PLACES_END = re.compile(r"(?:(?:\d+|[两二三四五六七八九十]+)个[\u4e00-\u9fff]{0,8}?"
                         r"(?:项目|案例|单位|地区|集体|做法|经验)|均|都|分别|先后|也|共|还|连续|再次|首次|成功)?$")
# what a sentence's subject is followed by: an adverb or a verb of the genre (沁阳市不断深化, 山阳区持续推进)
_VERB_AFTER = re.compile(r"(?:不断|持续|积极|深入|全面|扎实|大力|认真|坚持|着力|主动|创新|率先|探索|推进|推动|深化|"
                         r"加强|完善|建立|健全|开展|围绕|聚焦|以|在|通过|把|将|立足|按照|始终|紧紧|严格|切实|努力|充分|"
                         r"进一步)")
SELF_HEAD = re.compile(r"^(?:我|本)")
_OPENING_PLACE = re.compile(r"(?:^|\n|,)\s*(?:(?:19|20)\d{2}年(?:以来|来)?,\s*)?(?:我)?([\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|"
                            r"旗|镇|乡|街道))"
                            r"(?=坚持|认真|全面|深入|紧紧|始终|以|在)")



def resolved(doc, names: list[str]) -> list[str]:
    """Canonical names (籍山司法所 → 南陵县司法局籍山司法所), without the collectives that resolve to ''."""
    return [n for n in (doc.resolve(x) for x in names) if n]


def sentence_subjects(text: str, sa: int, sb: int) -> list[str]:
    """籍山、许镇、工山司法所完成验收 / 均被授予...: the subject list of one sentence, for an award in the next."""
    # the last clause that opens with an organisation: looked for from the end (most sentences name none)
    for a, b in reversed(clause_spans(text, sa, sb)):
        head = org_head(text[a:b])
        if head:
            return split_recipients(head)
    return []


def org_head(clause: str) -> str:
    """The organisation a clause opens with, or ''."""
    s = HEAD_NOISE.sub("", clause)
    s = HEAD_NOISE.sub("", s)
    return head_org(s)


def head_org(s: str) -> str:
    """What ``HEAD_ORG.match(s)`` gives as its group, '' for no match: the text up to the end of the first
    holder ending that starts after the first character, within 40 characters, with nothing but Chinese
    characters, 、 and brackets before it. (The lazy pattern tries every ending at every length; one search
    jumps to the candidates.)

    >>> head_org("县司法局积极开展"), head_org("积极开展工作"), head_org("2个项目被评为"), head_org("法治政府建设取得成效")
    ('县司法局', '', '', '')
    """
    t = _HOLDER_TAIL_RX.search(s, 1)
    if not t or t.start() > 40 or _NOT_IN_HEAD.search(s, 0, t.start()) or _KIND_OF_GOVERNMENT.match(s):
        return ""
    return s[:t.end()]


def split_recipients(mention: str) -> list[str]:
    """籍山、许镇、工山司法所 → 籍山司法所, 许镇司法所, 工山司法所 (the shared tail goes to each).

    >>> split_recipients("籍山、许镇、工山司法所")
    ['籍山司法所', '许镇司法所', '工山司法所']
    >>> split_recipients("五龙镇人民政府")
    ['五龙镇人民政府']
    """
    for short, full in ABBREV:
        mention = mention.replace(short, full)
    parts = [p for p in _split_outside_places(mention) if p]
    if len(parts) < 2:
        return parts
    m = ORG_END.search(parts[-1])
    tail = m.group(0) if m else ""
    return [p if ORG_END.search(p) or not tail else p + tail for p in parts]


def _strip_adverbs(mention: str) -> str:
    """Drop adverbs at the edges (均, 共, 分别), not the first character of a place's name (共和县, 都江堰市).

    >>> _strip_adverbs("共和县人民政府"), _strip_adverbs("均县司法局"), _strip_adverbs("都江堰市司法局分别")
    ('共和县人民政府', '县司法局', '都江堰市司法局')
    """
    m = _ADVERB_EDGES.match(mention)
    if m and m.end():
        hits = find_places(mention[:12])
        if hits and hits[0][0] == 0:
            return _ADVERB_TAIL.sub("", mention)
    return _ADVERB_EDGES.sub("", mention)


def _split_outside_places(mention: str) -> list[str]:
    """Split at 、和及, except inside a place's name (呼和浩特市, 平和县, 和平区 are one name each).

    >>> _split_outside_places("平和县司法局和兴和县公安局")
    ['平和县司法局', '兴和县公安局']
    >>> _split_outside_places("县法院和县检察院")
    ['县法院', '县检察院']
    """
    if not LIST_SEP.search(mention):
        return [mention]
    inside = [(a, b) for a, b, _ in find_places(mention)]
    parts, last = [], 0
    for m in LIST_SEP.finditer(mention):
        if not any(a <= m.start() < b for a, b in inside):
            parts.append(mention[last:m.start()])
            last = m.end()
    parts.append(mention[last:])
    return parts


def recipients(doc, mention: str, fallback: list[str]) -> list[str]:
    """The canonical names of the holders a subject names (see the module docstring); ``fallback`` (whoever was
    named before) for a subject that names none, else the report's own place."""
    mention = HEAD_NOISE.sub("", HEAD_NOISE.sub("", mention.strip())).strip("“”\"")
    mention = _strip_adverbs(mention)
    if COUNTED_TAIL.search(mention) and not _COUNTED_PLACES.match(mention):
        mention = COUNTED_TAIL.sub("", mention)    # 我市3个…案例入选: the city's cases; 2个项目: the last named's
    if not mention or _ONLY_ADVERB.match(mention):
        return fallback or [report_subject(doc)]
    if _COUNTED_PLACES.match(mention):
        return []                         # 全省有3个设区市…被命名为: places it does not name, not the province
    places = place_list(doc, mention)
    if places:
        return places                     # 博爱县、孟州市被…命名为 / 武陟县、温县2个单项项目被命名为
    if _COUNTED_ITEMS.match(mention):
        # 2个项目被评为...: items of the unit last named
        return fallback or [report_subject(doc)]
    me = self_target(mention, doc)
    if me and len(mention) > 3:
        inner = doc.resolve(mention)
        if inner and inner != mention:
            return [inner]                # 我局第一税务所: the unit of the issuer, not the issuer
    if me:
        return [me]
    if _OWN_PLACE.match(mention):
        return [report_subject(doc) or mention]
    place = whole_place(doc, mention)
    if place:
        return [place]                    # 长阳县被…命名为: the place itself, by its full name
    if not HOLDER_END.search(mention):
        # 县司法局报送的案例: the organisation it opens with; else whoever was named last
        head = head_org(mention)
        if not head:
            return fallback or [report_subject(doc)]
        mention = head
    names = [n for n in (doc.resolve(p) for p in split_recipients(mention)) if n]
    return names or fallback or [report_subject(doc)]


def place_list(doc, mention: str, loose: bool = False) -> list[str]:
    """The places a subject lists, each by its full name (市本级 / 本级 is the report's own place): 博爱县、孟州市;
    市本级及昆都仑区、固阳县; 土默特右旗、固阳县青山区 (names run together by scraping); 武陟县、温县2个单项项目
    (the places' items). [] when the subject is not only places; with ``loose``, the places a sentence opens with
    before its verb (沁阳市不断深化…: 沁阳市, not 沁阳市不断).

    >>> class C: pass
    >>> class M: jurisdiction = "焦作市"; issuer = ""
    >>> class D: meta = M(); chain = None
    >>> place_list(D, "市本级"), place_list(D, "县司法局"), place_list(D, "共3个县")
    (['焦作市'], [], [])
    """
    pos, out = 0, []
    while pos < len(mention):
        glue = _PLACE_GLUE.match(mention, pos)
        if glue and out:
            pos = glue.end()
            continue
        own = _OWN_LEVEL.match(mention, pos)
        if own:
            out.append(report_subject(doc))
            pos = own.end()
            continue
        ends = [h[1] for h in find_places(mention[pos:pos + 14]) if h[0] == 0]
        full = whole_place(doc, mention[pos:pos + max(ends)]) if ends else ""
        if not full:
            break
        out.append(full)
        pos += max(ends)
    rest = mention[pos:]
    if not out or not (_PLACES_END.match(rest) or (loose and _VERB_AFTER.match(rest))):
        return []
    return list(dict.fromkeys(n for n in out if n))


def sentence_subject(doc, text: str, sa: int, ca: int) -> list[str]:
    """Who a clause without a subject of its own speaks of (沁阳市不断深化…创建，荣获…称号): the places or the body
    the sentence opens with, cut before their verb; [] when it opens with neither."""
    spans = [c for c in clause_spans(text, sa, ca) if c[1] <= ca]
    for a, b in spans[:2]:                # (2024年，县司法局…: the first clause may be only a date)
        s = HEAD_NOISE.sub("", HEAD_NOISE.sub("", text[a:b].strip()))
        if not s:
            continue
        places = place_list(doc, s, loose=True)
        if places:
            return places
        org = org_head(s)
        if org and _VERB_AFTER.match(s[len(org):]) and (len(org) > 2 or doc.resolve(org) != org):
            # (a two-character word a body's ending closes, 部署, 总署, is a body only when it resolves to one)
            return [n for n in (doc.resolve(x) for x in split_recipients(org)) if n]
        return []
    return []


def whole_place(doc, mention: str) -> str:
    """The full, qualified name of a mention that is nothing but a listed place (长阳县, 海淀区), else ''."""
    hits = find_places(mention)
    if not hits or hits[0][0] != 0 or hits[-1][1] != len(mention) or getattr(doc, "chain", None) is None:
        return ""
    o = canonical(mention, doc.chain)
    return o.jurisdiction if o and o.jurisdiction and ";" not in o.jurisdiction else ""


def report_subject(doc) -> str:
    """Whom an award without a named recipient goes to: the report's jurisdiction, else its issuer, else the
    place the report's first sentence opens with (2025年,城中区坚持...)."""
    if doc.meta.jurisdiction or doc.meta.issuer:
        return doc.meta.jurisdiction or doc.meta.issuer
    body = doc.simple[(doc.structure.body_start if doc.structure else 0):][:400]
    m = _OPENING_PLACE.search(body)
    return doc.resolve(m.group(1)) if m else ""
