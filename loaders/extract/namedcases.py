"""Cases a report names: a typical case it tells of (…案入选全省行政复议典型案例), or a case it names with its
parties and outcome (某公司不服县自然资源局行政处罚决定申请行政复议一案，经审理依法撤销).

A case is read only when the text NAMES one, in one of two shapes:

- **parties**: X诉Y…案 / X不服Y…(申请行政复议)…案, Y an agency the text names (the respondent);
- **selected**: a name ending in 案 that the same sentence says was selected (入选 / 被…评为 / 获评 … 案例).

What is not a named case is left alone: a count (发布典型案例10个, 我县3个案例入选《…》: statistics and awards),
a case left unnamed (一起行政处罚案件入选…, 该案), an activity (开展典型案例评选, 以案释法), and words that end in
案 without being a case (方案, 备案, 立案). Of a case, only what its words say is kept: the type (复议, 诉讼 in the
name, else the words of the list it was chosen for), the respondent (the agency after 诉 / 不服), the applicant
when it is an organisation whose name is given (某物流公司 and every person's name are not), the outcome when
the sentence states one (exactly one: two outcome words leave it unstated), and the list it was selected for.
The award the awards extractor makes of the same selection (recipient: the body whose case it is) is linked,
not made again.
"""
from __future__ import annotations

import re

from fazhi.loaders.casenames import is_organisation
from fazhi.loaders.extract.clauses import clause_spans
from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.facts import Case
from fazhi.ontology.outcomes import outcome as scheme_outcome

# the end of a case's name: 案 or 一案, not 方案 / 备案 / 立案 … (the character before 案 names no case)
_NAME_END = re.compile(r"(?<![方预提草备档立结办答图个专要大积报破查审断翻涉犯窝串类以命本该此])(?:一)?案"
                       r"(?![件例卷由情源值底宗头])")
# what may open the clause before the name: the body that handled or submitted it (县司法局办理的, 我局报送的)
_HANDLER = re.compile(r"^[^,，;；。的]{0,30}?(?:办理|报送|查处|选送|承办|审理|代理|办结|推荐|处理|化解|作出|参与办理|"
                      r"作为被告|作为被申请人|涉及)的")
_OPENERS = re.compile(r"^(?:其中|同时|此外|另外|例如|如|特别是|比如)?\s*"
                      r"(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?)?(?:在)?"
                      r"(?:(?:依法|妥善|成功|积极)?(?:办理|审理|办结|化解|应诉|代理|处理|调处)了?)?")
# words of a sentence's parties: 诉 as in X诉Y (not 诉讼, 投诉, 申诉, 上诉, 起诉, 应诉 …); 不服
_SUES = re.compile(r"(?<![投申上起应胜败公反自刑民行信访告控])诉(?![讼求前源调状])")
_CONTESTS = re.compile(r"不服")
# a name that is not one: a count, a reference back, a kind of case
_NOT_A_NAME = re.compile(r"^(?:一起|一件|一批|多起|该|此|本|这|上述|相关|有关|典型|部分|各类|一些|\d|[一二三四五六七八九十两]+[起件个宗])|"
                         r"(?:典型|示范|优秀|类)案$")
_COUNTED = re.compile(r"^一起[^案]{4,}案$")
_SELECTED = re.compile(r"(?:入选|入围|获评|荣获|被[^,，;；。]{0,30}?(?:评为|评选为|确定为|列为|选为|收录为|认定为)|评为)"
                       r"(?:了)?(?:“|《)?(?P<list>[^,，;；。《》“”]{2,40}?(?:案例|案件)(?:汇编|选编|集)?)(?:”|》)?")
# outcome words of a sentence about one case, the scheme's labels they stand for (部分撤销 before 撤销)
_OUTCOMES = (
    ("部分撤销", re.compile(r"部分撤销")),
    ("撤销", re.compile(r"(?<![未不免避防部])(?:依法|决定|判决|予以|被|裁定)?撤销(?![纠率])")),
    ("变更", re.compile(r"(?:依法|决定|判决|予以)变更")),
    ("确认违法", re.compile(r"确认[^,，;；。]{0,30}违法")),
    ("责令履行", re.compile(r"(?:责令|判决|限期)[^,，;；。]{0,12}履行")),
    ("维持", re.compile(r"(?<![未不])(?:决定|判决|依法|予以|复议)?维持")),
    ("驳回", re.compile(r"(?<![未不])驳回")),
    ("调解", re.compile(r"调解结案|达成调解")),
    ("和解", re.compile(r"达成和解|和解结案")),
    ("撤回", re.compile(r"撤回(?:复议)?申请|主动撤诉|撤回起诉")),
    ("终止", re.compile(r"终止(?:审理|复议)")),
)
_NOT_OUTCOME = re.compile(r"力争|确保|避免|防止|如果|若|一旦")
_TYPES_IN_NAME = (("行政复议", re.compile(r"复议")), ("行政诉讼", _SUES), ("行政赔偿", re.compile(r"行政赔偿")),
                  ("行政处罚", re.compile(r"行政处罚|处罚")), ("行政强制", re.compile(r"行政强制")))
_TYPES_IN_LIST = (("行政复议", re.compile(r"复议")), ("行政诉讼", re.compile(r"行政审判|行政诉讼|应诉")),
                  ("行政处罚", re.compile(r"处罚")), ("行政执法", re.compile(r"执法")))
_PERSON_ROLE = re.compile(r"^(?:原告|申请人|第三人)")


def extract_named_cases(doc) -> None:
    """Append a ``Case`` for every case the report names (see the module docstring); links each to the award
    the awards extractor made of its selection (``Case.award``)."""
    text = doc.simple
    st = doc.structure
    body = st.body_start if st else 0
    for sa, sb in (st.sentences if st else []):
        if sb <= body or "案" not in text[sa:sb]:
            continue
        names = [n for n in (_name(text, ca, cb) for ca, cb in clause_spans(text, sa, sb)) if n]
        for k, (na, nb, parties) in enumerate(names):
            upto = names[k + 1][0] if k + 1 < len(names) else sb    # (what follows speaks of this case)
            _add_case(doc, text, (sa, sb), (na, nb), parties, upto)


def _name(text: str, ca: int, cb: int) -> tuple[int, int, tuple] | None:
    """The case a clause opens with: (start, end, (applicant, sues-at)) of its name, or None. ``sues-at``: the
    position of 诉 / 不服 in the text, -1 for a name without parties."""
    clause = text[ca:cb]
    head = _OPENERS.match(clause)
    a = head.end() if head else 0
    m = _HANDLER.match(clause, a)
    a = m.end() if m else a
    quoted = clause[a:a + 1] in "“\"「"
    a += quoted
    for e in _NAME_END.finditer(clause, a):
        rest = clause[e.end():]
        if quoted and not rest.startswith(("”", "\"", "」")):
            continue
        rest = rest.lstrip("”\"」")
        if rest and not re.match(r"(?:被|入选|入围|获评|荣获|经|在|作为|成功|已|于|由|中)", rest):
            continue
        name = clause[a:e.end()]
        # (a quoted title is the case's name even when it opens with 一起: “一起征收补偿纠纷化解案”)
        if len(name) < 6 or (_NOT_A_NAME.search(name) and not (quoted and _COUNTED.match(name))) \
                or re.search(r"[,，、:：(（]", name):
            return None
        at = _SUES.search(name) or _CONTESTS.search(name)
        return ca + a, ca + e.end(), (name[:at.start()] if at else "", ca + a + at.end() if at else -1)
    return None


def _add_case(doc, text: str, sentence: tuple[int, int], name: tuple[int, int], parties: tuple, upto: int) -> None:
    """One case: its name, what the words after it (to ``upto``) say of it, and the award of its selection."""
    na, nb = name
    label = text[na:nb]
    after = text[nb:upto]
    selected = _SELECTED.search(after)
    applicant, sues_at = parties
    respondent = _respondent(doc, text, sues_at, nb) if sues_at >= 0 else None
    if respondent is None and not selected:
        return                      # neither parties nor a selection: not a named case (precision first)
    selection = selected.group("list") if selected else ""
    applicant = _PERSON_ROLE.sub("", applicant)
    keep = applicant and "某" not in applicant and is_organisation(applicant)   # (never a person's name)
    doc.facts.cases.append(Case(
        label=label, span=sentence, case_type=_case_type(label, selection, respondent is not None),
        respondent=respondent or "",
        applicant=applicant if keep else "", outcome=_outcome(after[:selected.start()] if selected else after),
        selection=selection, award=_award(doc, sentence, selection)))


def _respondent(doc, text: str, at: int, end: int) -> str | None:
    """The agency named right after 诉 / 不服 (县城市管理局 → its full name); '' when a body is named there that the
    report's resolver does not place (the case is still one, its respondent unstated); None when none is."""
    words = text[at:end]
    for s, e, _ in find_mentions(words, getattr(doc, "chain", None)):
        return (doc.resolve(words[s:e]) or "") if s == 0 else None
    return None


def _case_type(label: str, selection: str, against_a_body: bool) -> str:
    """The case's type as its name says it (复议 wins over the act reviewed: …处罚决定申请行政复议案 is a
    reconsideration; 诉 is a lawsuit against an administration only when a body is sued: ``against_a_body``),
    else as the list it was chosen for says (全市行政审判典型案例: litigation); '' otherwise."""
    for typ, rx in _TYPES_IN_NAME:
        if rx.search(label) and (typ != "行政诉讼" or against_a_body):
            return typ
    for typ, rx in _TYPES_IN_LIST:
        if rx.search(selection):
            return typ
    return ""


def _outcome(words: str) -> str:
    """The outcome ``words`` state (the scheme's Chinese label), '' when none or more than one is stated, or
    the words are an aim (力争, 避免…被撤销)."""
    if _NOT_OUTCOME.search(words):
        return ""
    found = {label for label, rx in _OUTCOMES if rx.search(words)}
    if "部分撤销" in found:
        found.discard("撤销")
    if len(found) != 1:
        return ""
    label = found.pop()
    return label if scheme_outcome(label) is not None else ""


def _award(doc, sentence: tuple[int, int], selection: str) -> int | None:
    """The index of the award the same sentence makes of this selection, None when there is none."""
    if not selection:
        return None
    sa, sb = sentence
    for i, a in enumerate(doc.facts.awards):
        if sa <= a.span[0] < sb and (a.title == selection or selection in a.title or a.title in selection):
            return i
    return None
