"""The grammar of a body's name in a report: the endings, level characters, department stems and national bodies a
name is built from, and the words around a name that make it something else (a phrase, a collective, a place that
acts). ``mentions.find_mentions`` scans a text with these patterns.
"""
from __future__ import annotations

import re

from fazhi.loaders.extract.bureaus import SECTION_WORDS, SECTIONS
from fazhi.loaders.extract.orgwords import DEPT_STEMS, DEPT_TAIL, MINISTRIES, NATIONAL, trie_regex

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
NATIONAL_UNIT = re.compile(rf"办公室|办公厅|秘书局|{_DEPT}|[^{_STOP}]{{0,12}}?(?:领导小组办公室|领导小组|委员会办公室)")
# 中央 not as a body: a list of levels (中央、省、市), an inspection (中央法治督察), a kind of thing (中央媒体)
CENTRAL_ADJECTIVE = re.compile(r"[、和及与]?(?:省|市|县|自治区)|[\u4e00-\u9fff]{0,4}(?:督察|巡视)|媒体|财政|预算|企业|单位|机关|驻")
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
PARTY_SCAN, OWN_GROUP_SCAN, RULE_OF_LAW_SCAN = (BARE_SCAN[_BARE_PARTS.index(p)]
                                                   for p in (_PARTY_PART, _OWN_GROUP_PART, _RULE_OF_LAW_PART))
# for each part, literal pieces one of which every match contains: a text with none of them skips that scan
# (() for the departments, which every report names)
BARE_NEEDLES = [(), ("党委", "党组", "党工委"), ("法院", "检察院", "司法所", "政府办", "法律顾问团"), ("律师事务所",),
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
# a leading group's office named again without the group, as the subject of its clause (领导小组办公室设在法制股)
BACKREF_OFFICE = re.compile(r"(?:^|(?<=[,，。;；:：\n]))\s*((?:领导小组)?办公室)(?=设在|设于|负责|牵头|组织|承担|统筹|会同)")
SUB_BRANCH = re.compile(r"[\u4e00-\u9fff]{2,6}?分局")
SUB_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:街道办事处|镇人民政府|乡人民政府)")
TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)")
CLAUSE_SEP = re.compile(r"[,，。;；:：\n]")
JOINT_ACT = re.compile(r"开展|推行|推进|建立|组织|举办")
FIRM_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff]{0,10}$")
# Cheap necessary conditions for the whole-text scans above that start at (almost) every character: each
# searches for a literal part every match must contain, so a text without one skips the full scan (most do).
VILLAGE_HINT = re.compile(r"[村区](?:调委会|人民调解委员会|村民委员会|居民委员会|民委员会|委会|居委会|居民区|党支部|党总支|党委)")
UNKNOWN_TOWN_HINT = re.compile(r"[镇乡道](?:人民政府|办事处)")
BACKREF_HINT = re.compile(r"办公室(?:设在|设于|负责|牵头|组织|承担|统筹|会同)")
LIST_SUFFIX_HINT = re.compile(r"、[\u4e00-\u9fff]{2,3}(?:司法所|派出所)")

# characters that make a word with the level character after them (全县, 城市, 社区): no name starts there
WORD_BEFORE = {"市": set("城都超门上股夜集本省全各该县区州"), "区": set("社城辖园小景片街新地郊矿山林灾示校战专县市省"),
                "县": set("全各本该郡州市省区"), "省": set("全各本节反外市"), "镇": set("城乡集古重村市县"),
                "乡": set("城下家故同老回返县镇"), "州": set("全神九杭广苏"), "旗": set("红国彩锦"),
                "街": set("上大步商老"), "我": set(""), "本": set("")}
