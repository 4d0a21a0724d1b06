"""Agencies: the report's jurisdiction, every organisation it names, and the ``doc.resolve`` hook.

Mentions are found by rules over organisation-name endings, anchored at a place name from the gazetteer,
a level character (县/市/省 ...) after a word boundary, a national body, or a known department stem; each
is turned into its canonical name by ``orgnames.canonical``. Collective phrases (各乡镇, 县直各单位) are not
agencies. Runs in linear time over the text (no word segmentation needed).
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.agencylinks import link_hosts, link_parents, merge_party_forms
from fazhi.loaders.extract.bureaus import SECTION_WORDS, SECTIONS, VERTICAL
from fazhi.loaders.extract.orgnames import OrgName, canonical, issuing_body, kind_of, written_name
from fazhi.loaders.extract.orgwords import DEPT_STEMS, DEPT_TAIL, MINISTRIES, NATIONAL, trie_regex
from fazhi.loaders.extract.places import Chain, find_chain, find_places, gazetteer
from fazhi.loaders.extract.unlisted import fill_unlisted, unlisted_names
from fazhi.loaders.facts import Agency

# characters after which a new name may begin (a function word or punctuation, not part of a longer word)
BOUNDARY = set("的在由经被向与和及同对给把将为从于是、请会等以据按即如让使受报呈至到并暨或与立托挥合导过现入驻助持,，。;；:：!?！？()（）“”\"《》 \n|-·")
_STOP = r"的了在和与及对于是将把被等各个为到从向以、,，。;；:：!?！？()（）《》\s\d"
# (中心工作 is a body's central task, 中心组 a study group; a 团 of advisers or lecturers is a standing body)
_GROUP = (r"(?:(?:工作)?领导小组(?:办公室)?|委员会办公室|委员会|指挥部|办公室|服务中心|中心(?!组|工作)|大厅|电视台|调委会|"
          r"人民调解委员会|改革办|工作站|服务站|律师事务所|(?:顾问|宣讲|讲师)团|大队|支队|管委会)")
# the party committee's rule-of-law committee and its office, however abbreviated (委全面依法治市委员会办公室,
# 委依法治县委员会, 省委依法治省委, 自治区党委依法治区办秘书处)
RULE_OF_LAW_BODY = r"(?:全面)?依法治[省市县区州旗地](?:(?:委员会|委)(?:办公室)?|办公室|办(?!理|事|法|公))(?:秘书处)?"
_DIRECT = (rf"(?:党?委{RULE_OF_LAW_BODY}|委常委会|委编办|委办公室|"
           r"委(?:政法委员会|政法委|宣传部|组织部|统一战线工作部|统战部|巡察办|党校|机构编制委员会办公室|办公厅|督查室|督查督办局|"
           r"督查局|政策研究室|网信办|老干部局|机要局|编委办)|委(?![员托屈])|"
           r"(?:人民)?政府(?:行政复议|督查|金融工作|研究|参事|外事|侨务)(?:办公室|室)|(?:人民)?政府法制办(?:公室)?|(?:人民)?政府法律顾问室|人民政府办公室|人民政府办公厅|政府办公室|政府办公厅|政府办(?!理|事|法|公)|人民政府|政府(?![性网])|中级人民法院|中级法院|高级人民法院|高级法院|"
           r"人民法院|法院|"
           r"人民检察院|检察院|人民代表大会常务委员会|人民代表大会|人大常委会|人大(?!代表)|党工委|党委|纪委监委|政协)")
_DEPT = trie_regex(DEPT_STEMS) + DEPT_TAIL + r"(?![门员长任理伍])"
_FREE = rf"[^{_STOP}]{{0,12}}?{_GROUP}"
# (a body's party group or committee named after it: 省政府党组, 县司法局党委; not 党组织)
TAIL = re.compile(rf"(?:{_DIRECT}|{_DEPT}|{_FREE})(?:党组(?!织)|党委)?")
# a level character followed by these makes an ordinary word (市场, 县域, 省级, 乡镇, 市县两级), not a name
_NOT_AFTER_LEVEL = r"(?!场|域|级|民|城(?!管|市管理|乡)|区|内|外|直|村|里|属|情|况|县|乡(?!村振兴)|镇|政府各|政府有关|委各|各)"
_LEVEL_WORDS = r"省|自治区|地区(?!生产|经济|发展|间|性|级)|地(?=委)|市|州|盟|县|区(?<!自治区)|旗|街道|镇|乡"
# (我|本)? + a level word, spelled as one alternation whose every branch opens with a literal character: re then
# jumps from one candidate character to the next instead of trying the pattern at every position
LEVEL = re.compile(rf"(?:我(?:{_LEVEL_WORDS})|本(?:{_LEVEL_WORDS})|{_LEVEL_WORDS}){_NOT_AFTER_LEVEL}(?={_DIRECT}|{_DEPT}|{_FREE})")
NATIONAL_RE = re.compile(trie_regex(set(NATIONAL) | set(MINISTRIES)) + r"(?![门长])")
# an office or unit of a national body named after it (国务院法制办公室, 中央全面依法治国委员会办公室)
_NATIONAL_UNIT = re.compile(rf"办公室|办公厅|秘书局|{_DEPT}|[^{_STOP}]{{0,12}}?(?:领导小组办公室|领导小组|委员会办公室)")
# 中央 not as a body: a list of levels (中央、省、市), an inspection (中央法治督察), a kind of thing (中央媒体)
_CENTRAL_ADJECTIVE = re.compile(r"[、和及与]?(?:省|市|县|自治区)|[\u4e00-\u9fff]{0,4}(?:督察|巡视)|媒体|财政|预算|企业|单位|机关|驻")
# bodies named without a place; scanned one pattern at a time (a single alternation loses re's literal
# prefix search and is several times slower on long texts)
# (each alternative opens with a literal character, look-behinds after it: re then jumps from one candidate
# character to the next instead of trying the pattern at every position)
# a leading group named without its body (成立以局长为组长的市场监管法治建设工作领导小组): the report's own
_GROUP_NAME = (r"(?:" + trie_regex(DEPT_STEMS) + r")?(?:法治政府建设|依法行政|法治建设|普法依法治理)(?:工作)?领导小组(?:办公室)?")
_GROUP_AFTER = r"(?:(?<![\u4e00-\u9fff]{x})|(?<=(?:调整|成立|设立|健全|充实|组建|完善){x})|(?<=的{x}))"
# a body's party committee or group named alone (党组会议, 党委中心组), not the kind (党委(党组), 党委政府) or a role
_BARE_PARTY = r"(?<![级层方地关(（院局府会委协])(?:党组(?!织|书记|成员|[(（])|党委(?!书记|委员|成员|政府|和政府|、政府|[(（]))"
_PARTY_PART = r"镇党工委|乡党工委|街道党工委|党工委|镇党委|乡党委|分局党委|分局党组|局党委|局党组|厅党委|厅党组|" + _BARE_PARTY
# a group of the issuing bureau (调整局法治政府建设工作领导小组), or a leading group named alone
_OWN_GROUP_PART = ("分" + _GROUP_AFTER.format(x="分") + "局" + _GROUP_NAME + "|局" + _GROUP_AFTER.format(x="局") + _GROUP_NAME
                   + "|" + _GROUP_NAME)
# the rule-of-law committee named alone (召开全面依法治市委员会会议, 成立依法治省委员会)
_RULE_OF_LAW_PART = r"(?<!委)(?:全面依法治|依法治)[省市县区州旗地](?:委员会|办公室|委|办(?!理|事|法|公))(?:办公室)?"
_BARE_PARTS = [_DEPT, _PARTY_PART,
               r"法院|检察院|司法所|政府办(?!理)|法律顾问团", r"律(?<=[\u4e00-\u9fff]{2}律)师事务所",
               # a section of the issuing bureau (局政策法规科, 法制股)
               "(?:" + "|".join(p + w for w in SECTION_WORDS for p in ("局", "委")) + "|" + "|".join(SECTION_WORDS)
               + ")(?:科|股|处(?![理罚置分长级事]))(?![学技研普])",
               rf"[市省]局(?:党组|党委|{SECTIONS}(?:科|股|处))?(?![面部势限长])",
               # a bureau's own bodies (本局依法治税领导小组, 我局第一税务所): named after 我局/本局
               r"(?:我|本)(?:分局|局|厅)(?:(?!的|和|与|及|在|对|将|把|被|向|配合|参与|联合|会同|协助|指导|召开|组织|开展|成立|调整|设立|制定|"
               r"印发|建立|完善|党)[\u4e00-\u9fff]){2,12}?(?:领导小组办公室|领导小组|委员会|大队|中队|支队)",
               r"我分局第|我局第|本分局第|本局第|第".replace("第", "第[一二三四五六七八九十]{1,3}(?:税务所|税务分局|中队|大队)"),
               _OWN_GROUP_PART,
               # a prefecture's administrative office, a street office named after its party working committee
               r"行署|行政公署|(?<=党工委、)办事处",
               # a zone's management committee named without its place (产业集聚区管委会, 平潭综合实验区管委会)
               rf"[^{_STOP}]{{2,8}}?(?:实验区|开发区|集聚区|高新区|园区|新区|示范区|合作区)(?:管委会|管理委员会)",
               _RULE_OF_LAW_PART]
BARE_SCAN = [re.compile(p) for p in _BARE_PARTS]
_PARTY_SCAN, _OWN_GROUP_SCAN, _RULE_OF_LAW_SCAN = (BARE_SCAN[_BARE_PARTS.index(p)]
                                                   for p in (_PARTY_PART, _OWN_GROUP_PART, _RULE_OF_LAW_PART))
# for each part, literal pieces one of which every match contains: a text with none of them skips that scan
# (() for the departments, which every report names)
_BARE_NEEDLES = [(), ("党委", "党组", "党工委"), ("法院", "检察院", "司法所", "政府办", "法律顾问团"), ("律师事务所",),
                 ("科", "股", "处"), ("市局", "省局"), ("我分局", "我局", "我厅", "本分局", "本局", "本厅"),
                 ("税务所", "税务分局", "中队", "大队"), ("领导小组",), ("行署", "行政公署", "办事处"), ("管委会", "管理委员会"),
                 ("依法治",)]
BARE = re.compile("(?:" + "|".join(_BARE_PARTS) + ")")
# village and community bodies, only right after punctuation (a longer run of characters would be a phrase):
# 野三坡村调委会, 玉林北路社区、黉门街社区人民调解委员会 (a list sharing its ending)
VILLAGE = re.compile(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{1,5}(?:村|社区)、)*)((?![个各全每本该多余几])[\u4e00-\u9fff]{1,5}(?:村|社区))"
                     r"(调委会|人民调解委员会|村民委员会|居民委员会|民委员会|委会|居委会|居民区|党支部|党总支|党委)")
# a village or community that receives an award (新联村被评为…, 玉泉社区被命名为…)
VILLAGE_AWARDED = re.compile(r"(?<![\u4e00-\u9fff])(?![个各全每本该多余几])[\u4e00-\u9fff]{1,5}(?:村|社区)(?=被)")
# a township's station named by the township's short name: 玉林司法所, 籍山派出所
STATION = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})(司法所|派出所)")
UNKNOWN_TOWN = re.compile(r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)(?=人民政府|办事处)")
SUBJECT_VERB = re.compile(r"(?:被|坚持|认真|积极|始终|深入|全面|大力|着力|扎实|进一步|召开|制定|成立|获评|荣获|建成|建立|率先|推行|"
                          r"开展|试点|探索|打造)")
# a verb before a township that makes it a partner in the act (联合古陶镇开展…), not a location (在古陶镇)
PARTNER_VERB = re.compile(r"(?:联合|会同|协助|配合|指导|督促|帮助|支持)$")
# words no name contains: a verb or a quote inside a run ending like a name (青阳街道建成街道…工作站)
FREE_VERB = re.compile(r"建成|建立|成立|设立|率先|推行|开展|组织|推动|试点|探索|打造|实现|完成|制定|印发|聘请|委托|邀请|"
                       r"构建|推进(?!办)|加快|加强|落实|“[^”]*$")
# a bare body in a list that opens with 各 (与各股室、税务所签订): every one of them, not one body
COLLECTIVE_LIST = re.compile(r"各[^,，。;；:：\n、]{1,10}、(?:[^,，。;；:：\n、]{1,10}、)*$")
# a leading group's office named again without the group, as the subject of its clause (领导小组办公室设在法制股)
BACKREF_OFFICE = re.compile(r"(?:^|(?<=[,，。;；:：\n]))\s*((?:领导小组)?办公室)(?=设在|设于|负责|牵头|组织|承担|统筹|会同)")
COLLECTIVE_CLAUSE = re.compile(r"各[^,，。;；]{0,8}?(?:单位|部门|乡镇|街道|成员单位|机关)")
COLLECTIVE_BEFORE = re.compile(r"(?:各|全|所属|相关|有关|其他|等)$")
_SUB_BRANCH = re.compile(r"[\u4e00-\u9fff]{2,6}?分局")
_SUB_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:街道办事处|镇人民政府|乡人民政府)")
_TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)")
_CLAUSE_SEP = re.compile(r"[,，。;；:：\n]")
_JOINT_ACT = re.compile(r"开展|推行|推进|建立|组织|举办")
_FIRM_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff]{0,10}$")
# Cheap necessary conditions for the whole-text scans above that start at (almost) every character: each
# searches for a literal part every match must contain, so a text without one skips the full scan (most do).
_VILLAGE_HINT = re.compile(r"[村区](?:调委会|人民调解委员会|村民委员会|居民委员会|民委员会|委会|居委会|居民区|党支部|党总支|党委)")
_UNKNOWN_TOWN_HINT = re.compile(r"[镇乡道](?:人民政府|办事处)")
_BACKREF_HINT = re.compile(r"办公室(?:设在|设于|负责|牵头|组织|承担|统筹|会同)")
_LIST_SUFFIX_HINT = re.compile(r"、[\u4e00-\u9fff]{2,3}(?:司法所|派出所)")


# characters that make a word with the level character after them (全县, 城市, 社区): no name starts there
_WORD_BEFORE = {"市": set("城都超门上股夜集本省全各该县区州"), "区": set("社城辖园小景片街新地郊矿山林灾示校战专县市省"),
                "县": set("全各本该郡州市省区"), "省": set("全各本节反外市"), "镇": set("城乡集古重村市县"),
                "乡": set("城下家故同老回返县镇"), "州": set("全神九杭广苏"), "旗": set("红国彩锦"),
                "街": set("上大步商老"), "我": set(""), "本": set("")}


def _boundary(text: str, i: int, ends: set[int]) -> bool:
    if i == 0 or text[i - 1] in BOUNDARY or i in ends or not ("\u4e00" <= text[i - 1] <= "\u9fff"):
        return True
    # after any other character a level word still starts a name unless the two make a word (全县, 城市)
    c = text[i]
    return c in _WORD_BEFORE and text[i - 1] not in _WORD_BEFORE[c]


def find_mentions(text: str, chain: Chain | None = None) -> list[tuple[int, int, str]]:
    """Organisation mentions (start, end, full form when a list shares one ending), leftmost-longest."""
    cands: list[tuple[int, int]] = []
    shared: dict[tuple[int, int], str] = {}
    # 1. a run of place names (上蔡县, 河南省驻马店市, 邵店镇) followed by a body
    places = find_places(text)
    i = 0
    while i < len(places):
        a, b, _ = places[i]
        j = i
        while j + 1 < len(places) and places[j + 1][0] == places[j][1]:
            j += 1
        end = places[j][1]
        start = a - 2 if text[max(0, a - 2):a] == "中共" else a
        m = TAIL.match(text, end)
        if m and FREE_VERB.search(text, end, m.end()):
            m = None                       # 青阳街道建成…工作站: the place acts, it is not the body's name
        if m and chain is not None and (chain.province or chain.home) and i == j and end - a <= 3 and text[end - 1] in "县市区旗" \
                and a > 0 and "\u4e00" <= text[a - 1] <= "\u9fff":
            # a short place name of another province glued to the word before it may be a verb plus a
            # level character (会同县卫健体委 = 会同 + 县卫健体委): prefer the report's own level then; after
            # a comma or a list mark (新都区、成华区市场监督管理局) it is the place. (A report of a place the
            # division data lacks, 清源县, has no province to compare: any real short place glued to a word is suspect.)
            gz = gazetteer()
            provs = {gz.places[p].name for k in places[i][2] for p in gz.ancestors(k) if gz.places[p].level == "province"}
            if chain.province not in provs and LEVEL.match(text, end - 1):
                m = None
        if m:
            tail_end = m.end()
            ext = _SUB_BRANCH.match(text[tail_end:tail_end + 8])
            if ext and text[tail_end - 1] == "局" and find_places(ext.group(0)):
                tail_end += ext.end()             # 广州市公安局增城区分局
            ext = _SUB_TOWNSHIP.match(text[tail_end:tail_end + 12])
            if ext and text[tail_end - 4:tail_end] == "人民政府":
                tail_end += ext.end()             # 成都市武侯区人民政府玉林街道办事处
            tail_end = _managed(text, tail_end)
            cands.append((start, tail_end))
        elif gazetteer().places[places[j][2][0]].level == "township":
            cands.append((start, end))        # a bare township: kept if it acts (checked below)
        elif text[end:end + 1] == "、" and j + 1 < len(places) and places[j + 1][0] == end + 1:
            # 成都市新都区、成华区市场监督管理局: the first place shares the body named after the second
            k = j + 1
            while k + 1 < len(places) and places[k + 1][0] == places[k][1]:
                k += 1
            t = TAIL.match(text, places[k][1])
            if t:
                shared[(start, end)] = text[start:end] + t.group(0)
                cands.append((start, end))
        i = j + 1
    for m in UNKNOWN_TOWN.finditer(text) if _UNKNOWN_TOWN_HINT.search(text) else ():
        if _boundary(text, m.start(), set()):
            t = TAIL.match(text, m.end())
            cands.append((m.start(), t.end() if t else m.end()))
    national = set()
    for m in VILLAGE_AWARDED.finditer(text) if "被" in text else ():
        cands.append(m.span())
    for m in VILLAGE.finditer(text) if _VILLAGE_HINT.search(text) else ():
        pos = m.start()
        for item in m.group(1).split("、")[:-1] if m.group(1) else []:
            shared[(pos, pos + len(item))] = item + m.group(3)
            cands.append((pos, pos + len(item)))
            pos += len(item) + 1
        cands.append((m.start(2), m.end()))
    if chain is not None and chain.county and _contains_any(text, ("司法所", "派出所")):
        short = gazetteer().township_short
        for m in STATION.finditer(text):
            if any(gazetteer().places[gazetteer().places[i].parent].name == chain.county for i in short.get(m.group(1), ())):
                shared[(m.start(), m.end())] = chain.at("county") + ("司法局" if m.group(2) == "司法所" else "公安局") + m.group(0)
                cands.append((m.start(), m.end()))
    if chain is not None:
        # the report's own places that the dictionary lacks (示范县, 安平市): a name may start at each
        for name, _ in unlisted_names(chain):
            at = text.find(name)
            while at >= 0:                    # (a plain search: a regex per name would be compiled per report)
                t = TAIL.match(text, at + len(name))
                if t:
                    start = at - 2 if text[max(0, at - 2):at] == "中共" else at
                    cands.append((start, t.end()))
                    national.add(start)       # a distinctive name: no word boundary needed
                at = text.find(name, at + len(name))
    for m in NATIONAL_RE.finditer(text):
        if m.group(0) == "中央" and _CENTRAL_ADJECTIVE.match(text, m.end()):
            continue                  # 中央、省、市精神, 中央法治督察, 中央媒体: the centre as a level or an adjective
        unit = _NATIONAL_UNIT.match(text, m.end())
        cands.append((m.start(), unit.end() if unit else m.end()))   # 国务院法制办公室, …委员会办公室
        national.add(m.start())       # distinctive names: no word boundary needed (严格执行国务院…)
        if VERTICAL.match(m.group(0)):
            # its branch in a place (国家税务总局成都市武侯区税务局): one name, the national one first
            run = find_places(text[m.end():m.end() + 20])
            k = 0
            while k + 1 < len(run) and run[k + 1][0] == run[k][1]:
                k += 1
            t = TAIL.match(text, m.end() + run[k][1]) if run and run[0][0] == 0 else None
            if t:
                cands.append((m.start(), t.end()))
    ends: set[int] = set()
    for rx, needles in ((LEVEL, ()), *zip(BARE_SCAN, _BARE_NEEDLES)):
        if needles and len(text) > 300 and not _contains_any(text, needles):
            continue                      # (on a short text the scan costs less than the test)
        for m in rx.finditer(text):
            s = m.start()
            if rx is LEVEL:
                t = TAIL.match(text, m.end())
                e = _managed(text, t.end())
                if FREE_VERB.search(text, m.end(), e):
                    continue
            else:
                e = m.end()
                if text[s:e] == "律师事务所":
                    # the firm's name: the characters before it, after the verb that hires it (聘请江苏承匠律师事务所)
                    s -= len(_FIRM_NAME_BEFORE.search(text[max(0, s - 10):s]).group(0))
                    cut = max(text.rfind(c, s, e - 5) for c in "请托与和、由聘的在对向")
                    s = cut + 1 if cut >= s else s
                    if e - 5 - s < 2 or FREE_VERB.search(text, s, e - 5):
                        continue          # 推动在律师事务所成立…: firms in general, no firm's name
                elif rx is _RULE_OF_LAW_SCAN or rx is _PARTY_SCAN and text[s] in "局厅分党":
                    national.add(s)       # a distinctive name: no word boundary needed (召开局党组会)
                elif rx is _OWN_GROUP_SCAN and text[s] in "分局":
                    national.add(s)       # 调整局法治政府建设工作领导小组: the pattern checked the word before
            cands.append((s, e))
    # 县政协、县法院、县检察院党组: the party groups of every body of the list, not one body; the last is itself
    cands = [(s, e - 2) if text[s - 1:s] == "、" and e - s > 4 and text[e - 2:e] in ("党组", "党委")
             and text[e - 3] in "院局府会委协厅" else (s, e) for s, e in cands]
    cands.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    last = -1
    ends = set()
    for s, e in cands:
        if s < last:
            continue
        if (s not in national and not _boundary(text, s, ends) and not text[max(0, s - 2):s] == "中共"
                and not _place_start(text, s)):
            continue
        out.append((s, e, shared.get((s, e), "")))
        ends.add(e)
        last = e
    return out


def _contains_any(text: str, needles) -> bool:
    """Whether ``text`` contains one of ``needles``; each is first tested character by character (looking for
    one character is a fast memory scan, for a longer string several times slower), so an absent one is cheap.

    >>> _contains_any("县司法局", ("法院", "司法局")), _contains_any("县司法局", ("法院", "律师"))
    (True, False)
    """
    return any(all(c in text for c in n) and n in text for n in needles)


_COMMITTEE = re.compile(r"管委会|管理委员会")


def _managed(text: str, e: int) -> int:
    """A centre or zone run by a management committee is named with it: 行政服务中心管委会."""
    ext = _COMMITTEE.match(text, e, e + 5)
    return ext.end() if ext and text[e - 2:e] in ("中心", "园区", "景区") else e


def _place_start(text: str, s: int) -> bool:
    """A gazetteer place may follow another word directly (聘请上蔡县...): accept it when it starts a name
    of three or more characters."""
    hits = find_places(text[s:s + 10])
    return bool(hits) and hits[0][0] == 0 and hits[0][1] >= 3


def _is_bare_place(mention: str) -> bool:
    hits = find_places(mention)
    return bool(hits) and hits[-1][1] == len(mention) or bool(_TOWNSHIP_NAME.fullmatch(mention))


_LIST_SUFFIX = re.compile(r"((?:[\u4e00-\u9fff]{2,3}、)+)([\u4e00-\u9fff]{2,3})(司法所|派出所)")


def _listed_stations(text: str, chain: Chain):
    """籍山、许镇、工山司法所: each township's 司法所 (its short names must be townships of the county)."""
    from fazhi.loaders.extract.places import _township_short

    short = _township_short()
    gz = gazetteer()
    for m in _LIST_SUFFIX.finditer(text) if _LIST_SUFFIX_HINT.search(text) else ():
        items = m.group(1).rstrip("、").split("、") + [m.group(2)]
        ok = [it for it in items if any(gz.places[gz.places[i].parent].name == chain.county for i in short.get(it, ()))]
        if len(ok) < 2 or not chain.county:
            continue
        pos = m.start()
        for it in items:
            k = text.find(it, pos)
            pos = k + len(it)
            dept = "司法局" if m.group(3) == "司法所" else "公安局"
            yield OrgName(chain.at("county") + dept + it + m.group(3), "department", "township", chain.at("county")), (k, pos)


# a report speaking of its issuer without naming it (我局认真贯彻…, 分局被评为…, 本街道)
SELF_REFERENCE = re.compile(r"(?:我|本)(?:局|委|办|厅|院|中心|单位|街道|镇|乡)|(?:^|[,，。;；、\n])分局")


def _issuer_written(m) -> str:
    """The issuer as the report writes it: its signature or title, else the page's disclosure header."""
    return m.issuer or m.header.get("发布机构", "") or m.header.get("发文机关", "") or m.header.get("发文单位", "")


def read_jurisdiction(doc) -> Chain:
    """Decide the report's place chain and store it on the doc (``doc.chain``) and its metadata."""
    m, st = doc.meta, doc.structure
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
    doc.chain = chain
    m.jurisdiction = chain.home_name()
    return chain


def extract_agencies(doc) -> None:
    """Every organisation the report names, canonical and qualified; installs ``doc.resolve``."""
    chain = getattr(doc, "chain", None) or read_jurisdiction(doc)
    m = doc.meta
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
    issuer_name = issuer.name if issuer else ""
    m.issuer = issuer_name or m.issuer

    memo: dict[str, OrgName | None] = {}
    whole: dict[str, bool] = {}

    def canon(mention: str) -> OrgName | None:
        if mention not in memo:
            memo[mention] = canonical(mention, chain, issuer_name)
        return memo[mention]

    def resolve(mention: str) -> str:
        """Canonical name of a mention; the mention as written when its place is unknown (区法院 in a report
        that never names its district); '' for a collective phrase (各乡镇, 市政府各部门) and for words that are
        no body's name (a clause fragment another extractor cut out: 以来向省司法厅, 乡镇人民政府按职责分工负责)."""
        o = canon(mention)
        if o:
            return o.name
        if mention not in whole:
            whole[mention] = _whole_name(mention, chain)
        return written_name(mention) if whole[mention] else ""

    doc.resolve = resolve
    if m.addressee:
        first = re.split(r"[、,，]", m.addressee)[0]
        a = canonical(first, chain, issuer_name)
        if a:
            m.addressee = a.name
    text = doc.simple
    seen: dict[str, int] = {}
    found: list[tuple[OrgName, tuple[int, int]]] = []
    spans = find_mentions(text, chain)
    span_ends = {e for _, e, _ in spans}
    span_starts = {s for s, _, _ in spans}
    for s, e, full in spans:
        mention = full or text[s:e]
        if COLLECTIVE_BEFORE.search(text[max(0, s - 2):s]):
            continue
        bare = BARE.fullmatch(mention)
        if bare and COLLECTIVE_CLAUSE.search(_CLAUSE_SEP.split(text[max(0, s - 30):s])[-1]):
            continue                          # 各成员单位均已成立法治政府建设领导小组: each unit's own, not one body
        if bare and (text[s - 1:s] == "、" and COLLECTIVE_LIST.search(text, max(0, s - 40), s)
                     or text[s - 1:s] in ("”", "」", "』")):
            continue                          # 各股室、税务所 (every one); “枫桥式”税务所 (a title's words)
        bare_place = not full and _is_bare_place(mention)
        if bare_place:
            # a place acts as a body only as a subject or in a list of bodies (请县公安局、五龙镇介绍)
            after = text[e:e + 4]
            listed = (text[s - 1:s] == "、" and s - 1 in span_ends) or (after[:1] == "、" and e + 1 in span_starts)
            home = getattr(chain, chain.home, "") if chain.home else ""
            partner = PARTNER_VERB.search(text[max(0, s - 2):s]) and _JOINT_ACT.match(after)
            if (text[s - 1:s] in ("在", "于", "到", "赴") and not listed) or not (
                    listed or partner or SUBJECT_VERB.match(after) or (home and mention.endswith(home) and chain.home == "township")):
                continue
        o = canon(mention)
        if o:
            found.append((o, (s, e)))
    found.extend(_listed_stations(text, chain))
    found.extend(_branches(text, chain, issuer_name))
    found.extend(_office_backrefs(text, found))
    if issuer:
        # the issuer's evidence is the title that names it, else its first mention in the text
        if m.title_span[1]:
            found.insert(0, (issuer, m.title_span))
        else:
            found.append((issuer, (0, 0)))
    for o, span in found:
        if o.name in seen or len(o.name) < 2:
            continue
        seen[o.name] = 1
        doc.facts.agencies.append(Agency(o.name, span, o.kind, o.level, o.jurisdiction, o.parent,
                                         mention=text[span[0]:span[1]]))
    merge_party_forms(doc.facts.agencies)
    link_parents(doc.facts.agencies)
    link_hosts(text, found, doc.facts.agencies)


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


_BRANCH = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})分局")


def _branches(text: str, chain: Chain, issuer: str):
    """涪城分局、游仙分局 in a city bureau's report: the bureau's branches in its districts, named by their short
    names (a district of the bureau's own city; 分局 after any other word is no branch of it)."""
    bureau = issuing_body(issuer)
    gz = gazetteer()
    city = [i for i in gz.by_name.get(chain.city, ()) if gz.places[i].level == "city"]
    if not (bureau.startswith(chain.city) and bureau.endswith("局") and len(city) == 1 and "分局" in text
            and kind_of(bureau) == "department" and not find_places(bureau[len(chain.city):])):
        return
    for m in _BRANCH.finditer(text):
        if any(gz.places[i].parent == city[0] for i in gz.by_alias.get(m.group(1), ())):
            yield OrgName(bureau + m.group(0), "department", "municipal", chain.city, bureau), m.span()


def _whole_name(mention: str, chain) -> bool:
    """Whether the finder reads ``mention`` as one name from its first character to its last (县法院: yes;
    以来向省司法厅, 听取各旗区法治政府, 市县政府, 自治区: no).

    >>> _whole_name("县法院", None), _whole_name("以来向省司法厅", None), _whole_name("自治区", None), _whole_name("甲山司法所", None)
    (True, False, False, True)
    """
    m = mention.strip()
    if STATION.fullmatch(m) and not m.startswith(("各", "全", "所属")):
        return True                       # a station named by its township (甲山司法所), which the places lack
    return bool(m) and any(s == 0 and e == len(m) for s, e, _ in find_mentions(m, chain))


def _office_backrefs(text: str, found) -> list:
    """领导小组办公室设在法制股 / 办公室牵头…: the office of the leading group named last before it."""
    groups = sorted((span[0], o) for o, span in found if o.name.endswith("领导小组"))
    out = []
    for m in BACKREF_OFFICE.finditer(text) if groups and _BACKREF_HINT.search(text) else ():
        prior = [o for pos, o in groups if pos < m.start(1)]
        if prior:
            g = prior[-1]
            out.append((OrgName(g.name + "办公室", "leading_group", g.level, g.jurisdiction, g.name), m.span(1)))
    return out
