"""Who an award went to: the subject a designation names (县司法局, 籍山、许镇、工山司法所, 我局第一税务所), a list of
places (博爱县、孟州市; 市本级及东胜区、达拉特旗; 伊金霍洛旗、乌审旗4个单项项目), the place a sentence opens with
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

    >>> head_org("县司法局积极开展"), head_org("积极开展工作"), head_org("2个项目被评为")
    ('县司法局', '', '')
    """
    t = _HOLDER_TAIL_RX.search(s, 1)
    if not t or t.start() > 40 or _NOT_IN_HEAD.search(s, 0, t.start()):
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
    mention = HEAD_NOISE.sub("", HEAD_NOISE.sub("", mention.strip())).strip("“”\"")
    mention = _strip_adverbs(mention)
    if not mention or _ONLY_ADVERB.match(mention):
        return fallback or [report_subject(doc)]
    if _COUNTED_PLACES.match(mention):
        return []                         # 全省有3个设区市…被命名为: places it does not name, not the province
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
