"""The rest of what a report says about itself: who has (or lacks) a legal adviser, the institutions it
says are in force (制度, 机制, 清单), its weaknesses (存在问题) and its next steps (下一步 / 20XX年工作打算)."""
from __future__ import annotations

import re
import sys

from fazhi.loaders.extract.clauses import Protected, clause_spans, plan_regions, problem_regions, sentence_index
from fazhi.loaders.facts import AdviserStatement, Institution, NextStep, Problem

ADVISER = re.compile(r"法律顾问|公职律师")
LACKS = re.compile(r"(?:未|没有|尚未|缺少|缺乏|无|暂无|未能)(?:聘请|聘任|聘用|配备|设立|建立|"
                   r"签订)?[^,;。]{0,10}(?:法律顾问|公职律师)|"
                   r"(?:法律顾问|公职律师)[^,;。]{0,10}(?:空白|缺位|未覆盖|不足|缺乏|到期未续|未续聘)")
HAS = re.compile(r"聘请|聘任|聘用|配备|全覆盖|覆盖率|签约|担任|作为[^,;。]{0,12}法律顾问|实现[^,;。]{0,20}法律顾问")
UNITS_BEFORE = re.compile(r"([\u4e00-\u9fff\d()（）、]{2,30}?)(?:均|都|全部|已|均已|已经|尚未|未|没有|暂未)?"
                          r"(?:聘请|聘任|聘用|配备|签约)")
# the verb every UNITS_BEFORE match ends in: looked for first, as the lazy pattern backtracks at every character
_HIRES = re.compile(r"聘请|聘任|聘用|配备|签约")

INST_TAIL = re.compile(r"(?:责任制|制度|机制|体制|清单|长制|工作法|联席会议)")
# what \s matches (str.isspace, checked in _institutions' docstring), spelled out: with every alternative of
# INST_VERB opening with a literal character, re skips to the candidate characters instead of trying ~90
# alternatives at each one
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u2028\u2029\u202f\u205f\u3000")
INST_VERB = re.compile(r"(?:建立健全|建立完善|健全完善|建立|健全|完善|落实|执行|实行|推行|实施|坚持|推进|深化|构建|"
                       r"形成|探索|制定|"
                       r"出台|贯彻|严格|全面|加强|创新|优化|规范(?!性)|强化|开展|梳理|编制|公布|印发|运用|用好|发挥|按照|依照|根据|"
                       r"通过|围绕|纳入|作为|做好|抓好|认真|引入|提高|明确|秉承|确保|确定为|命名为|评为|被|都|均|和|与|及|并|等|的|了|是|"
                       r"各项|一系列|相关|有关|各类|本部门|全部|"
                       + "|".join(re.escape(c) for c in ",;。:、\"(（)）" + _WHITESPACE) + ")")
MARKER = re.compile(r"(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]{1,2}[)）]|"
                    r"(?<![\d.])\d{1,2}[.．、](?!\d)|"
                    r"第[一二三四五六七八九十]+[,、]|[一二三四五六七八九十]+、)")
# the smaller tests below, compiled once (they run for every clause or name found)
_AS_ADVISER = re.compile(r"作为([\u4e00-\u9fff()（）]{1,20}?)(?:的)?(?:常年)?法律顾问")
_UNITS_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|目前|已|全面|实现|推进|推动|但|仍有|还有|尚有|仍|全县|全市|全区|全镇)+")
_UNITS_TRAIL = re.compile(r"(?:实现|均|都|已|全部|已经)+$")
_QUOTED_SLOGAN = re.compile(r"“[^“”]{1,20}”[\u4e00-\u9fff]{0,10}$")
_YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?)")
_NOT_A_NAME_HEAD = re.compile(r"^(?:该|此|这|上述|相关|有关|各项|本|其|各)")
_STOP = re.compile(r"[。;]")
_COLON_END = re.compile(r"[:]$")
_INTRO_WORDS = re.compile(r"问题|不足|如下|计划|打算")
_SENTENCE_END = re.compile(r"[。;!?\n]")
_FIRST_CLAUSE = re.compile(r"\s*([^,;。]{2,60})")


def extract_self_account(doc) -> None:
    """Adviser statements, institutions, problems and next steps (see the module docstring)."""
    _advisers(doc)
    _institutions(doc)
    for a, b in problem_regions(doc):
        for s, e in _items(doc.simple, a, b):
            doc.facts.problems.append(Problem(text=doc.text[s:e], span=(s, e)))
    for a, b in plan_regions(doc):
        for s, e in _items(doc.simple, a, b, first_sentence=True):
            doc.facts.next_steps.append(NextStep(text=_lead(doc.text[s:e]), span=(s, e)))


def _advisers(doc) -> None:
    text = doc.simple
    body = doc.structure.body_start if doc.structure else 0
    find = sentence_index(doc.structure.sentences if doc.structure else [])
    for m in ADVISER.finditer(text, body):
        sent = find(m.start())
        if sent[1] <= sent[0]:
            sent = max(0, m.start() - 80), min(len(text), m.end() + 80)
        for ca, cb in clause_spans(text, *sent):
            if not (ca <= m.start() < cb):
                continue
            clause = text[ca:cb]
            lacks = LACKS.search(clause)
            if not lacks and not HAS.search(clause):
                break
            if any(x.span == (ca, cb) for x in doc.facts.advisers):
                break
            doc.facts.advisers.append(AdviserStatement(units=_adviser_units(clause), has_adviser=not lacks,
                                                       span=(ca, cb)))
            break


def _adviser_units(clause: str) -> str:
    """Who the statement is about: 县政府及各乡镇(街道)各部门都聘请了… → 县政府及各乡镇(街道)各部门;
    …、村(居)法律顾问全覆盖 → 村(居); 聘请…作为分局法律顾问 → 分局."""
    m = _AS_ADVISER.search(clause)
    if m:
        return m.group(1)
    m = UNITS_BEFORE.search(clause) if _HIRES.search(clause) else None
    if m:
        return _tidy_units(m.group(1))
    k = clause.find("法律顾问")
    head = clause[:k] if k > 0 else clause
    head = head.split("、")[-1]
    return _tidy_units(head) or clause[:20]


def _tidy_units(s: str) -> str:
    s = _UNITS_LEAD.sub("", s)
    return _UNITS_TRAIL.sub("", s)


def _institutions(doc) -> None:
    """Institutions in force (…制度, …机制, …清单): each name runs back from its tail to the last verb or mark.

    >>> _WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    True
    """
    text = doc.simple
    body = doc.structure.body_start if doc.structure else 0
    protected = Protected(text, quotes=False)
    seen = set()
    for m in INST_TAIL.finditer(text, body):
        if protected.covers(m.start()):
            continue
        lo = max(body, m.start() - 30)
        window = text[lo:m.start()]
        cut = 0
        for v in INST_VERB.finditer(window):
            cut = v.end()
        name = window[cut:] + m.group(0)
        # a quoted slogan just before the tail belongs to the name (“亮证执法”制度)
        q = _QUOTED_SLOGAN.search(window) if "“" in window else None
        if q and q.start() < cut:
            name = window[q.start():] + m.group(0)
        name = _YEAR_LEAD.sub("", name.strip())
        if "“" in name and "”" not in name[name.index("“"):]:
            name = name[name.index("“") + 1:]
        name = name.removeprefix("对")
        if name.startswith("”"):
            name = name[1:]
        if len(name) < 4 or name in seen or _NOT_A_NAME_HEAD.match(name):
            continue
        seen.add(name)
        a = m.end() - len(name)
        doc.facts.institutions.append(Institution(name=name, span=(a, m.end())))


def _items(text: str, a: int, b: int, first_sentence: bool = False) -> list[tuple[int, int]]:
    """The items of a section: split at 一是/(一)/1. markers, else at sentence ends; an introduction that
    ends in a colon is not an item."""
    seg = text[a:b]
    marks = [m for m in MARKER.finditer(seg) if m.start() == 0 or seg[m.start() - 1] in "\n。;:, "]
    spans = []
    if marks:
        for i, m in enumerate(marks):
            s = a + m.end()
            e = a + (marks[i + 1].start() if i + 1 < len(marks) else len(seg))
            spans.append((s, e))
    else:
        spans = [(x, y) for x, y in _sentences(text, a, b)]
    out = []
    for s, e in spans:
        piece = text[s:e]
        if first_sentence:
            k = _STOP.search(piece)
            if k:
                e = s + k.end()
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip(" \n"))
        trail = len(piece) - len(piece.rstrip(" \n"))
        s, e = s + lead, e - trail
        if e - s < 4 or _COLON_END.search(text[s:e].rstrip()) and _INTRO_WORDS.search(text[s:e]):
            continue
        out.append((s, e))
    return out


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for m in _SENTENCE_END.finditer(text[a:b]):
        e = a + m.end()
        if text[s:e].strip():
            out.append((s, e))
        s = e
    if text[s:b].strip():
        out.append((s, b))
    return out


def _lead(item: str) -> str:
    """A next step's headline: its first clause (持续推进依法行政)."""
    m = _FIRST_CLAUSE.match(item)
    return m.group(1).strip() if m else item.strip()[:60]

