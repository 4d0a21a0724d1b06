"""Tasks that a work plan assigns to units: numbered items followed by a responsibility note
(〔牵头单位:市政府办公室、市司法局;责任单位:市政府各部门〕, 责任单位：…), and tables with a 牵头/责任单位 column
(序号 | 目标与任务 | 牵头责任单位 | 完成情况 as cells ending in |)."""
from __future__ import annotations

import re

from fazhi.loaders.extract.clauses import ORG_TAIL, split_outside
from fazhi.loaders.extract.limits import find_limits
from fazhi.loaders.extract.wording import COLLECTIVE_HEADS, is_collective
from fazhi.loaders.facts import Obligation

ROLE_LABEL = (r"(?:牵头单位|牵头部门|牵头责任单位|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|"
              r"主办单位)")
RESP_BLOCK = re.compile(r"[〔\[【(（]?\s*" + ROLE_LABEL + r"\s*[:：]"
                        r"(?:[^〔〕\[\]【】()（）\n]|[(（][^()（）\n]{0,12}[)）]){1,300}?"
                        r"(?:[〕\]】)）]|(?=\n)|$)")
# RESP_BLOCK can open with a bracket or a space, so re tries it at every position: a text without any label
# (most reports) is not scanned for it at all
_LABEL = re.compile(ROLE_LABEL)
# a note closing a plan's item line: (市发展改革委牵头，市财政局、市审计局配合), (市政府督查室按职责分工负责)
INLINE_NOTE = re.compile(r"[(（]\s*([^()（）\n,，;；]{2,60}?)(?:牵头|按职责分工负责|按职责负责|负责)"
                         r"(?:\s*[,，;；]\s*([^()（）\n]{2,80}?)(?:配合|参与|协助|协同|按职责分工负责|负责))?\s*[)）]"
                         r"(?=\s*[。.;；]?\s*(?:\n|$))")
_NOTE_ORG = re.compile(r"(?:局|委|办|室|院|政府|中心|部|厅|会|处|所|队|组)$")
# the same note in square brackets, its units written with 等 and brackets of their own:
# 〔省司法厅等省直有关部门(单位)按职责分工负责〕, 〔省司法厅牵头，省财政厅配合〕
SQUARE_NOTE = re.compile(r"〔\s*([^〔〕\n,，;；]{2,80}?)(牵头|按职责分工负责|按职责负责|负责)"
                         r"(?:\s*[,，;；]\s*([^〔〕\n]{2,80}?)(配合|参与|协助|协同)?)?\s*〕")
_AND_OTHERS = re.compile(r"等(?=[\u4e00-\u9fff])")
FIELD = re.compile("(" + ROLE_LABEL + r")\s*[:：]\s*([^;；:：]*?)(?=\s*" + ROLE_LABEL + r"\s*[:：]|[;；]|$)")
ITEM_MARK = re.compile(r"(?:(?<![\d.])\d{1,3}[.．、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|"
                       r"[一二三四五六七八九十]{1,3}、)(?=\s*[\u4e00-\u9fff«《“])", re.M)
HEADING_TOP = re.compile(r"[一二三四五六七八九十]{1,3}、")
# a run of agency names written without separators (县司法局县信访局)
ORG_RUN = re.compile(r"[\u4e00-\u9fff()（）]{1,20}?" + ORG_TAIL + r"(?!门)")   # (部门 names no body)


def extract_tasks(doc) -> list[tuple[int, int]]:
    """Append an ``Obligation`` per assigned task; return the spans they cover (so sentence duties skip them)."""
    covered = _block_tasks(doc, doc.facts.obligations)
    covered += _table_tasks(doc)
    return covered


def noted_task_spans(doc) -> list[tuple[int, int]]:
    """The spans of the numbered tasks that carry a responsibility note: their figures are targets."""
    return _block_tasks(doc, [], with_unassigned=False)


def split_units(names: str) -> list[str]:
    """The units a responsibility note names, one by one.

    >>> split_units("市政府各部门,各县(市、区)人民政府、市属开发区管委会")
    ['市政府各部门', '各县(市、区)人民政府', '市属开发区管委会']
    >>> split_units("县司法局县信访局"), split_units("市政府法制办"), split_units("各县、自治县、市、区人民政府")
    (['县司法局', '县信访局'], ['市政府法制办'], ['各县、自治县、市、区人民政府'])
    """
    parts = split_outside(names, "、,，/ ;；")
    for k in range(len(parts) - 2, -1, -1):
        # 各县、自治县、市、区人民政府: levels listed before the body they share are one collective
        if re.fullmatch(r"各?(?:县|自治县|市|区|旗|乡|镇|街道|县级市)", parts[k].strip()) and \
                (k > 0 or parts[k].strip().startswith("各")) and re.match(r"(?:县|自治县|市|区|旗|乡|镇|街道)", parts[k + 1].strip()):
            parts[k:k + 2] = [parts[k] + "、" + parts[k + 1]]
    out = []
    for p in (x.strip(" 。.等") for x in parts):
        if not p:
            continue
        run = ORG_RUN.findall(p)
        for k in range(len(run) - 1, 0, -1):
            if run[k - 1].endswith("政府") and not re.match(r"[省市县区镇乡州旗]", run[k]):
                run[k - 1:k + 1] = [run[k - 1] + run[k]]     # 市政府法制办: the government's own office, one unit
        # 县司法局县信访局 is two units; 县委编办 is one
        if len(run) > 1 and "".join(run) == p and min(map(len, run)) >= 3:
            out += run
        else:
            out.append(p)
    return out


def _resolve_all(doc, names: list[str]) -> list[str]:
    """Each unit's canonical name; a collective (各有关单位, 市政府各部门) is kept as written."""
    out = []
    for n in names:
        r = "" if n.startswith(COLLECTIVE_HEADS) else doc.resolve(n)
        r = r or (n if is_collective(n) else "")
        if r and r not in out:
            out.append(r)
    return out


def _notes(text: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """Responsibility notes in text order: (start, end, [(role label, units as written)])."""
    blocks = RESP_BLOCK.finditer(text) if _LABEL.search(text) else ()
    out = [(b.start(), b.end(), [(f.group(1), f.group(2)) for f in FIELD.finditer(b.group(0).strip("〔〕[]【】()（） "))])
           for b in blocks]
    for m in INLINE_NOTE.finditer(text):
        if _NOTE_ORG.search(m.group(1)) and not any(a <= m.start() < b for a, b, _ in out):
            fields = [("牵头单位", m.group(1))] + ([("配合单位", m.group(2))] if m.group(2) else [])
            out.append((m.start(), m.end(), fields))
    for m in SQUARE_NOTE.finditer(text) if "〔" in text else ():
        units = _AND_OTHERS.sub("、", m.group(1))     # 省司法厅等省直有关部门: 省司法厅 and the other departments
        if not any(a <= m.start() < b for a, b, _ in out) and re.search(r"[局委办室院府心部厅会处所队组门位)]$", units):
            fields = [("牵头单位" if m.group(2) == "牵头" else "责任单位", units)]
            if m.group(4):                # (…, 省财政厅配合); a remark after the units (以下均需…) names none
                fields.append(("配合单位", _AND_OTHERS.sub("、", m.group(3))))
            out.append((m.start(), m.end(), fields))
    return sorted(out, key=lambda n: n[0])


def _block_tasks(doc, out: list, with_unassigned: bool = True) -> list[tuple[int, int]]:
    text = doc.simple
    blocks = _notes(text)
    if not blocks:
        return []
    body = doc.structure.body_start if doc.structure else 0
    marks = [m for m in ITEM_MARK.finditer(text, body)]
    covered = []
    prev_end = body
    last = None
    for b_start, b_end, fields in blocks:
        # the task: from the last item mark (or the end of the previous note) up to the note
        start = prev_end
        for m in marks:
            if m.start() >= b_start:
                break
            if m.start() >= prev_end:
                start = m.end()
        task = text[start:b_start].strip()
        leads, bearers = [], []
        for label, names in fields:
            units = _resolve_all(doc, split_units(names))
            (leads if "牵头" in label or "主责" in label else bearers).extend(units)
        if len(task) < 4:
            if last is not None and not text[prev_end:b_start].strip():
                # a note on the line after another note (牵头单位：… / 责任单位：…): the same task's units
                last.leads += [u for u in leads if u not in last.leads]
                last.bearers += [u for u in bearers if u not in last.bearers]
                last.span = (last.span[0], b_end)
                covered[-1] = (covered[-1][0], b_end)
            prev_end = b_end
            continue
        a = start + (len(text[start:b_start]) - len(text[start:b_start].lstrip()))
        last = _with_limit(Obligation(
            text=doc.text[a:a + len(task)], span=(a, b_end), bearers=bearers or list(leads), leads=leads,
            action=re.split(r"[。;]", task)[0][:60]), task)
        out.append(last)
        covered.append((a, b_end))
        prev_end = b_end
    if with_unassigned:
        covered += _unassigned_items(doc, marks, covered)
    return covered


def _unassigned_items(doc, marks, covered) -> list[tuple[int, int]]:
    """In a plan whose items carry responsibility notes, the numbered items without one are tasks too
    (a note lost in scraping, a truncated page)."""
    text = doc.simple
    out = []
    spans = sorted(covered)
    if not spans:
        return out
    # only in the top-level sections (一、二、...) that hold assigned tasks: 荣誉 lists elsewhere are not tasks
    tops = [m.start() for m in marks if HEADING_TOP.fullmatch(m.group(0))]

    def section(pos: int) -> int:
        return sum(1 for t in tops if t <= pos)
    task_sections = {section(a) for a, _ in spans}
    for i, m in enumerate(marks):
        if not re.match(r"\d", m.group(0)) or any(a <= m.end() < b for a, b in spans):
            continue
        if section(m.start()) not in task_sections or m.start() < spans[0][0] - 200:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        nxt = [a for a, _ in spans if a > m.end()]
        if nxt:
            end = min(end, nxt[0])
        para = text.find("\n\n", m.end(), end)
        if para >= 0:
            end = para                   # a blank line ends the item (the signature follows the last one)
        seg = text[m.end():end].strip()
        if len(seg) < 6:
            continue
        a = m.end() + (len(text[m.end():end]) - len(text[m.end():end].lstrip()))
        doc.facts.obligations.append(Obligation(text=doc.text[a:a + len(seg)], span=(a, a + len(seg)),
                                                bearers=[doc.meta.issuer] if doc.meta.issuer else [],
                                                action=re.split(r"[。;]", seg)[0][:60]))
        out.append((a, a + len(seg)))
    return out


DUE_CELL = re.compile(r"前|底|以前|之前|月|年|季度|长期|持续")


def _with_limit(o: Obligation, task: str) -> Obligation:
    """The task's first limit (2022年6月底前完成 → deadline), if it states one."""
    lims = find_limits(task)
    if lims:
        o.limit_kind, o.limit_value, o.limit_unit = lims[0].kind, lims[0].value, lims[0].unit
    return o


def _cells(text: str):
    """Table cells: lines ending in | (one cell a line) or lines split by |; yields (start, end, cell text)."""
    pos = 0
    for line in text.split("\n"):
        if "|" in line:
            off = 0
            for part in line.split("|"):
                s = part.strip()
                if s:
                    a = pos + off + part.find(s)
                    yield a, a + len(s), s
                off += len(part) + 1
        pos += len(line) + 1


def _table_tasks(doc) -> list[tuple[int, int]]:
    text = doc.simple
    if "|" not in text:
        return []
    cells = list(_cells(text))
    covered = []
    i = 0
    while i < len(cells):
        # a header: consecutive short cells, one naming the responsible units, one the task
        j = i
        while j < len(cells) and len(cells[j][2]) <= 12 and not re.fullmatch(r"\d+", cells[j][2]):
            j += 1
        header = [c[2] for c in cells[i:j]]
        resp = next((k for k, h in enumerate(header) if re.search(r"单位|部门", h)), None)
        task = next((k for k, h in enumerate(header) if re.search(r"任务|内容|事项|措施|工作|目标", h)
                     and k != resp), None)
        if resp is None or task is None or len(header) < 2:
            i = max(j, i + 1)
            continue
        width = len(header)
        due = next((k for k, h in enumerate(header) if re.search(r"时限|时间|期限", h)), None)
        k = j
        while k + max(task, resp) < len(cells):
            row = cells[k:k + width]
            if not re.fullmatch(r"\d+", row[0][2]) and header[0].startswith(("序号", "编号")):
                break
            ta, tb, ttext = row[task]
            units = _resolve_all(doc, split_units(row[resp][2]))
            o = _with_limit(Obligation(text=doc.text[ta:tb], span=(ta, tb), bearers=units,
                                       leads=units if "牵头" in header[resp] else [],
                                       action=re.split(r"[。;]", ttext)[0][:60]), ttext)
            if due is not None and not o.limit_kind and due < len(row) and DUE_CELL.search(row[due][2]):
                o.limit_kind = "deadline"          # a 完成时限 column: 2022年9月底前
            doc.facts.obligations.append(o)
            covered.append((ta, tb))
            k += width
        i = k
    return covered
