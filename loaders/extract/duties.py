"""Duties: binding requirements in the report's sentences (应当/必须/不得/严格执行/全面落实..., limits such as
20个工作日内, 不少于40学时, 每年1月31日前, 每季度至少一次) and the tasks a work plan assigns to responsible
units (〔牵头单位:…;责任单位:…〕, 责任单位：…, or a table with a 责任单位 column)."""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import CUTS, ORG_TAIL, clause_spans, plan_body, problem_regions, self_target
from fazhi.loaders.extract.limits import TRIGGER, find_limits
from fazhi.loaders.extract.tasks import extract_tasks
from fazhi.loaders.extract.wording import BEARER_CLASS, DUTY_MODALS
from fazhi.loaders.facts import Obligation, document_key

# every alternative opens with a literal character (the look-behinds come after it), so re can skip to the
# next candidate character instead of trying each alternative at every position
STRONG = re.compile(DUTY_MODALS + r"|不准|务必|"
                    r"请[^,。;]{0,12}(?:执行|落实|贯彻|遵照|办理|实施)|不予|不允许|一律|方可|只能|不再|"
                    r"需(?:要)?(?=[在对把将按严认及加全切于])|要(?<![主重纲简必]要)(?=[在对把将按严认及加全切于])|"
                    r"应(?<![相适对响供效反]应)(?=[在于把将按及予依由向经])")
STRICT = re.compile(r"严格(?:执行|落实|按照|依照|依法|实行|遵守|规范|兑现|控制|审查|把关|进行|履行)?|全面(?:落实|"
                    r"实行|推行|执行|实施)|"
                    r"切实(?:履行|落实|做到|加强)|按(?:照)?规定|按要求|依法(?:实施|履行|依规)|确保|坚持|实行|推行|"
                    r"报[^,。;]{1,20}(?:批准|备案|审批|审核)|向[^,。;]{1,30}(?:报告|备案)|符合[^,。;]{0,30}要求|"
                    r"将[^,。;]{2,40}(?:纳入|作为)|贯彻执行|遵照执行|不实施|负有[^,。;]{0,30}(?:职责|责任|义务)")
# who is bound: an organisation (or a role of one) at the head of the clause
BEARER = re.compile(r"^((?:各|全县|全市|全区|县|市|区|省|乡镇|街道)?[\u4e00-\u9fff()（）]{0,16}?"
                    r"(?:机关|部门|单位|机构|党委|党组|乡镇|街道|常务会议|办公会议|常务会|办公会|"
                    r"" + ORG_TAIL[3:-1] + r"))"
                    r"\)?(?:主要负责人|负责人|领导班子成员|领导班子|工作人员|执法人员)?")
ROLE = re.compile(r"(?:负责人|成员|人员|领导班子|常务会议|办公会议|会议)$")
HEAD_NOISE = re.compile(r"^(?:[一二三四五六七八九十]+是|\(?[一二三四五六七八九十\d]+[)、.]|(?:19|20)\d{2}年(?:度)?|"
                        r"今年|全年|"
                        r"同时|此外|另外|并|且|对于|对|凡|除[^,]{0,30}外|在[^,]{0,20}中)\s*")
VERBISH = re.compile(r"落实|执行|推行|实行|纳入|按照|坚持|加强|推进|开展|建立|完善|深入|贯彻|印发|制定|组织|召开|"
                     r"符合|承诺|报送|上报|联合|会同|配合|按规定|发布|"
                     r"^[报请将把在向由经按每]|[对的]")
# a bearer names an organisation: a level or place prefix, or a tail no ordinary word ends in
ORGLIKE = re.compile(r"^(?:县|市|区|省|镇|乡|国家|各)|(?:机关|部门|单位|机构|政府|委员会|办公室|法院|检察院|中心|"
                     r"司法所|派出所|党委|"
                     r"党组|常务会议|办公会议|领导小组|局|厅)(?:\)?(?:主要负责人|负责人|领导班子成员|领导班子|工作人员|执法人员))?$")
HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])[^。;,]{2,30}[。]?$")
HEAD_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.是]|[(（][一二三四五六七八九十\d]{1,2}[)）]|"
                       r"\d{1,2}[.．、](?!\d))\s*")
DUTY_CONTEXT = re.compile(r"由|配备|执行")
MODAL_LEAD = re.compile(r"^(?:严格|全面|切实|认真|依法|均|都|应当|必须|须|要求|要|必|按规定|进一步|及时|并)+")
# a clause opening with 不 after a clause ending in 的 (…的,不予受理): a duty without a duty word
NOT_AFTER_DE = re.compile(rf"的[ \t]*[{CUTS}][{CUTS} \t\-*·•]*不")
CITED = re.compile(r"(?:按照|依照|根据|依据|执行|落实|符合|贯彻|遵照|对照)[^,。;]{0,12}?《([^《》]{2,120})》")


def extract_obligations(doc) -> None:
    """Append an ``Obligation`` for every work-plan task and every requirement clause of the report."""
    text = doc.simple
    covered = extract_tasks(doc)
    skip = bytearray(len(text) + 1)
    # next steps are commitments too, but weaknesses under 存在问题 are not duties
    for a, b in covered + problem_regions(doc):
        skip[a:b] = b"\x01" * (b - a)
    body = doc.structure.body_start if doc.structure else 0
    out = doc.facts.obligations
    for sa, sb in (doc.structure.sentences if doc.structure else []):
        if sb <= body or 1 in skip[sa:sb]:
            continue
        # most sentences hold no duty word at all: four scans of the sentence rule out all its clauses (every
        # match in a clause is one in its sentence too: the look-arounds only see Chinese characters, which a
        # clause never has at its edges)
        if not (STRONG.search(text, sa, sb) or STRICT.search(text, sa, sb) or TRIGGER.search(text, sa, sb)
                or NOT_AFTER_DE.search(text, sa, sb)):
            continue
        if STAGE_NAME.match(text[sa:sb].strip()):
            continue                      # 全面实施阶段(2016-2018年): the name of a plan's stage
        # a heading (二、严格规范公正文明执法) names a topic and binds no one, unless it says 应当/不少于...
        heading = bool(HEADING_LINE.match(text[sa:sb]))
        clauses = clause_spans(text, sa, sb)
        for k, (ca, cb) in enumerate(clauses):
            clause = text[ca:cb]
            strong = STRONG.search(clause) or (clause.startswith("不") and k and text[clauses[k - 1][1] - 1] == "的")
            strict = STRICT.search(clause)
            limits = find_limits(clause, duty_context=bool(strong or strict or DUTY_CONTEXT.search(clause)))
            if not (strong or strict or limits) or (heading and not (strong or limits)):
                continue
            # a clause too short to read alone (…的,不得重复发文) keeps the clause it depends on
            ta = clauses[k - 1][0] if k and (len(clause) < 10 or text[clauses[k - 1][1] - 1] == "的") else ca
            ta += len(HEAD_MARK.match(text[ta:cb]).group(0)) if HEAD_MARK.match(text[ta:cb]) else 0
            bearers = _bearers(doc, text[ta:cb], text[sa:sb])
            source = _source(doc, text, sa, sb, ca, cb)
            marker = strong if isinstance(strong, re.Match) else strict
            action = _action(clause, marker)
            if not limits:
                out.append(Obligation(text=doc.text[ta:cb], span=(sa, sb), bearers=bearers, action=action,
                                      source_document=source))
            for lim in limits:
                out.append(Obligation(text=doc.text[ta:cb], span=(sa, sb), bearers=bearers, action=action,
                                      limit_value=lim.value, limit_unit=lim.unit, limit_kind=lim.kind,
                                      source_document=source))
    _plan_tasks(doc, skip)


# in a plan's body, what is no task: section headings (一、…; (一)… without a full stop), a stage's name
# (全面实施阶段(2016-2018年)), the signature (an office, a date) and page notes ((此件公开发布), 附件)
STAGE_NAME = re.compile(r"^[^,，。]{2,12}阶段\s*[(（][^()（）]*[)）]\s*[。]?$")
NOT_A_TASK = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）][^。]*$|"
                        r"\d{1,2}[.．、][^。]*$|[^,，。]{2,12}阶段\s*[(（][^()（）]*[)）]|[(（]此件|附件|"
                        r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|"
                        r"[\u4e00-\u9fff()（）]{2,30}(?:政府|办公室|办公厅|委员会|局|厅|委|办|办事处)$)")
_HAN6 = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){6}")


def _plan_tasks(doc, skip: bytearray) -> None:
    """A plan's tasks are duties though most carry no duty word (健全…机制, 推动…, 明确…职责, 到2025年…, 对照本方案
    开展自查自纠): every sentence of its body that is not a heading, a stage's name or the signature, and that no
    other rule read, is one (its bearer the one it names, else the plan's issuer)."""
    start = plan_body(doc)
    if start is None:
        return
    text, out = doc.simple, doc.facts.obligations
    read = {o.span for o in out}
    for sa, sb in _full_sentences(text, doc.structure.sentences if doc.structure else []):
        if sb <= start or (sa, sb) in read or 1 in skip[sa:sb]:
            continue
        s = text[sa:sb].strip()
        if NOT_A_TASK.match(s) or not _HAN6.match(s):
            continue
        a = sa + (len(text[sa:sb]) - len(text[sa:sb].lstrip()))
        a += len(HEAD_MARK.match(text, a).group(0)) if HEAD_MARK.match(text, a) else 0
        clause = text[a:sb].strip().rstrip("。;；")
        out.append(Obligation(text=doc.text[a:a + len(clause)], span=(sa, sb), bearers=_bearers(doc, clause, s),
                              action=_action(clause, None)))


def _full_sentences(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, those a semicolon ends joined to the next one on the same line (到2025年，…显著提升；行政决策…
    大幅提高。 is one target), unless a sentence of the run was already read as a duty on its own."""
    out: list[tuple[int, int]] = []
    for sa, sb in sentences:
        if out and text[out[-1][1] - 1:out[-1][1]] in ";；" and "\n" not in text[out[-1][1]:sa]:
            out[-1] = (out[-1][0], sb)
        else:
            out.append((sa, sb))
    return out


def _bearers(doc, clause: str, sentence: str) -> list[str]:
    """The bearer named at the head of the requirement, resolved; else the report's issuer."""
    head = HEAD_NOISE.sub("", clause)
    head = head[2:] if head.startswith("要求") else head
    me = self_target(head[:2], doc)
    if me:
        return [doc.meta.issuer or me]
    m = BEARER.match(head)
    if m and not VERBISH.search(m.group(0)) and ORGLIKE.search(m.group(0)):
        name = m.group(0)
        ext = re.match(r"党组|党委|党工委|领导小组(?:办公室)?", head[m.end():])
        if ext and not ROLE.search(name):
            name += ext.group(0)         # 厅党组, 局党委: the body the shortest ending left out
        if ROLE.search(name) or BEARER_CLASS.search(name):
            # a role (执法人员) or a collective (各有关单位): kept as written, it names no single agency
            return [name]
        names = [n for n in (doc.resolve(p) for p in re.split(r"[、和及]", name) if p) if n]
        if names:
            return names
    return [doc.meta.issuer] if doc.meta.issuer else []


def _action(clause: str, marker) -> str:
    """The verb phrase: the clause from its modal marker on, without the modal adverbs."""
    s = clause[marker.start():] if marker else HEAD_MARK.sub("", clause)
    s = MODAL_LEAD.sub("", s)
    return s.strip(" ,。;")[:60]


def _source(doc, text: str, sa: int, sb: int, ca: int, cb: int) -> str:
    """The key of the document a requirement comes from, when the sentence says so (按照《X》...)."""
    for lo, hi in ((ca, cb), (sa, sb)):
        m = CITED.search(text, max(sa, lo - 30), hi)
        if m:
            pos = m.start(1) - 1
            for d in doc.facts.documents:
                if d.span[0] <= pos < d.span[1]:
                    return d.key()
            return document_key("", m.group(1))
    return ""
