"""Document names and numbers: who issues a number's prefix (中发, 豫政办), the kind a title ends in, the full
titles of national laws known by short names, and document numbers with their brackets restored."""
from __future__ import annotations

import re
from functools import lru_cache

from fazhi.loaders.extract.mentions import find_mentions
from fazhi.loaders.extract.places import find_places, gazetteer
from fazhi.loaders.facts import document_key
from fazhi.loaders.text import to_simplified

# 京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新 → province (party committee, government)
PROVINCE_ABBR = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省",
    "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省",
    "渝": "重庆市", "川": "四川省", "贵": "贵州省", "黔": "贵州省", "云": "云南省", "滇": "云南省", "藏": "西藏自治区",
    "陕": "陕西省", "甘": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}

NATIONAL_PREFIX = {
    "中发": ["中共中央", "国务院"], "中办发": ["中共中央办公厅", "国务院办公厅"], "中办": ["中共中央办公厅"],
    "国发": ["国务院"], "国办发": ["国务院办公厅"], "国办函": ["国务院办公厅"], "国函": ["国务院"],
    "国令": ["国务院"], "司发": ["司法部"], "司发通": ["司法部"], "司规": ["司法部"],
}

# national laws and codes often cited by their short names
LAWS = ("民法典 宪法 行政复议法 行政诉讼法 行政处罚法 行政许可法 行政强制法 立法法 公务员法 监察法 国家赔偿法 "
        "安全生产法 食品安全法 传染病防治法 突发事件应对法 环境保护法 土地管理法 城乡规划法 消防法 道路交通安全法 "
        "治安管理处罚法 政府采购法 预算法 人民调解法 律师法 公证法 法律援助法 数据安全法 个人信息保护法 "
        "网络安全法 反电信网络诈骗法 长江保护法 黄河保护法 生物安全法 野生动物保护法 森林法 草原法 水法 "
        "噪声污染防治法 大气污染防治法 水污染防治法 固体废物污染环境防治法 土壤污染防治法 未成年人保护法 "
        "妇女权益保障法 老年人权益保障法 劳动法 劳动合同法 社会保险法 税收征收管理法 统计法 审计法 档案法 "
        "保守国家秘密法 反不正当竞争法 反垄断法 消费者权益保护法 产品质量法 药品管理法 疫苗管理法 "
        "农产品质量安全法 种子法 畜牧法 乡村振兴促进法 村民委员会组织法 城市居民委员会组织法 "
        "地方各级人民代表大会和地方各级人民政府组织法 地方组织法 国旗法 国歌法 兵役法 国防法 "
        "行政处罚法实施条例 行政复议法实施条例 政府信息公开条例 优化营商环境条例 重大行政决策程序暂行条例").split()
_LAW_SET = set(LAWS)
_NOT_NATIONAL = {"政府信息公开条例", "优化营商环境条例", "重大行政决策程序暂行条例", "行政处罚法实施条例",
                 "行政复议法实施条例", "地方组织法"}
_ALIASES = {"地方组织法": "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法",
            "政府信息公开条例": "中华人民共和国政府信息公开条例"}

KINDS = [
    (r"(?<![办方做说])法$|法典$|法修正案(?:\(.*\))?$", "law"), (r"条例(?:\(.*\))?$", "regulation"),
    (r"(?:规定|办法|细则|规则)(?:\(.*\))?$", "rule"), (r"通知$", "notice"), (r"意见(?:\(.*\))?$", "opinion"),
    (r"(?:方案|纲要|规划|计划|要点)(?:\(.*\))?$", "plan"), (r"(?:报告|总结)$", "report"), (r"决定$", "decision"),
    (r"清单$", "list"), (r"标准$", "standard"), (r"(?:批复|函)$", "reply"),
]
_RANK = {"central": 0, "provincial": 1, "municipal": 2, "county": 3, "township": 4}
# compiled once: these run for every title and number a report cites
_KINDS_RX = [(re.compile(pat), kind) for pat, kind in KINDS]
_SPACES = re.compile(r"\s+")
_HAN_HEAD = re.compile(r"^([\u4e00-\u9fff]+)")
_DECREE_HEAD = re.compile(r"^([\u4e00-\u9fff]{2,12})令第")
_TRADITIONAL_PREFIX = re.compile("[發辦雲晉閩遼滬蘇贛魯粵瓊貴陝寧黨廳會]")
_CENTRAL_NAME = re.compile(r"^(?:中共中央|国务院|全国|最高|国家|中央)|部$")
_BRACKETED_YEAR = re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]")
_BARE_NUMBER = re.compile(r"^([\u4e00-\u9fff]+?)((?:19|20)\d{2})年?(?:第)?(\d{1,4})号$")


def full_law_title(title: str) -> str:
    """The full title of a national law cited by its short name, else ''.

    >>> full_law_title("民法典"), full_law_title("中华人民共和国宪法"), full_law_title("河南省规范性文件管理办法")
    ('中华人民共和国民法典', '', '')
    """
    t = _SPACES.sub("", title)
    if t in _ALIASES:
        return _ALIASES[t]
    if t in _LAW_SET and t not in _NOT_NATIONAL:
        return "中华人民共和国" + t
    return ""


@lru_cache(maxsize=4096)
def doc_kind(title: str) -> str:
    """The kind a title ends in.

    >>> doc_kind("中华人民共和国行政复议法"), doc_kind("河南省行政执法过错责任追究办法"), doc_kind("法治政府建设实施纲要(2015-2020年)")
    ('law', 'rule', 'plan')
    """
    t = _SPACES.sub("", title)
    for rx, kind in _KINDS_RX:
        if rx.search(t):
            return kind
    return ""


def number_prefix(number: str) -> str:
    m = _HAN_HEAD.match(number)
    return m.group(1) if m else ""


def issuers_from_number(number: str) -> list[str]:
    """The issuing bodies a document number's prefix stands for.

    >>> issuers_from_number("中发〔2015〕36号"), issuers_from_number("豫发〔2016〕31号"), issuers_from_number("豫政办〔2020〕3号")
    (['中共中央', '国务院'], ['中共河南省委', '河南省人民政府'], ['河南省人民政府办公厅'])
    >>> issuers_from_number("雲發〔2016〕29號"), issuers_from_number("黔党发〔2016〕20号")
    (['中共云南省委', '云南省人民政府'], ['中共贵州省委'])
    """
    dm = _DECREE_HEAD.match(number)
    if dm:
        return [{"国务院": "国务院", "省政府": "", "省人民政府": ""}.get(dm.group(1), dm.group(1))] if dm.group(1) in (
            "国务院", "司法部", "公安部", "财政部", "生态环境部", "自然资源部", "交通运输部", "农业农村部", "商务部") else []
    p = number_prefix(number)
    if not p:
        return []
    if _TRADITIONAL_PREFIX.search(p):
        p = to_simplified(p)             # 雲發, 晉政辦: a traditional-character report prints its numbers so
    if p in NATIONAL_PREFIX:
        return list(NATIONAL_PREFIX[p])
    prov = PROVINCE_ABBR.get(p[0])
    if not prov:
        return []
    rest = p[1:]
    table = {"发": ["中共{p}委", "{p}人民政府"], "办发": ["中共{p}委办公厅", "{p}人民政府办公厅"], "办": ["中共{p}委办公厅"],
             "政": ["{p}人民政府"], "政文": ["{p}人民政府"], "政办": ["{p}人民政府办公厅"], "政办发": ["{p}人民政府办公厅"],
             "政办明电": ["{p}人民政府办公厅"], "政发": ["{p}人民政府"], "政令": ["{p}人民政府"], "委": ["中共{p}委"],
             "司": ["{p}司法厅"], "司发": ["{p}司法厅"], "司通": ["{p}司法厅"], "府": ["{p}人民政府"],
             "府办": ["{p}人民政府办公厅"], "府函": ["{p}人民政府"], "府办函": ["{p}人民政府办公厅"],
             "委发": ["中共{p}委"], "委办发": ["中共{p}委办公厅"], "党发": ["中共{p}委"], "党办发": ["中共{p}委办公厅"], "委办": ["中共{p}委办公厅"], "政办函": ["{p}人民政府办公厅"]}
    if rest in table:
        return [x.format(p=prov) for x in table[rest]]
    return []


def doc_rank(issuers: list[str], title: str) -> int | None:
    """How high a document stands: from its issuers, else from the place its title opens with."""
    r = level_rank(issuers)
    if r is not None:
        return r
    hits = find_places(title[:12])
    if hits and hits[0][0] == 0:
        return {"province": 1, "city": 2, "county": 3, "township": 4}[gazetteer().places[hits[-1][2][0]].level]
    return None


def level_rank(issuers: list[str]) -> int | None:
    """How high the issuing bodies stand: 0 national … 4 township; None when unknown."""
    best = None
    for name in issuers:
        if _CENTRAL_NAME.match(name) and not find_places(name):
            r = 0
        else:
            hits = find_places(name.removeprefix("中共"))
            if not hits:
                continue
            lv = gazetteer().places[hits[-1][2][0]].level
            r = {"province": 1, "city": 2, "county": 3, "township": 4}[lv]
        best = r if best is None else min(best, r)
    return best


# A plan, work points, a list or a report whose title names no place is the issuing body's own: 《2024年度法治工作要点》
# in a bureau's report, 《法治政府建设实施方案(2016—2020年)》 in a city's. The same title in the reports of two places
# is two documents; laws, regulations, 纲要 and rules (national ones are printed without a place) are not scoped.
_LOCAL_KIND = re.compile(r"(?:方案|要点|计划|安排|清单|报告|总结|情况)(?:\(.*\))?$")
_NATIONAL_WORD = re.compile(r"中华人民共和国|全国|国家|中央|国务院")
_OPENS_WITH_PLACE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|县|区|州|盟|旗|镇|乡|街道)(?![场政民直属级委长内])")


@lru_cache(maxsize=4096)
def placeless(title: str) -> bool:
    """True for the title of a body's own plan or report that names no place and no national body.

    >>> placeless("2024年度法治工作要点"), placeless("法治政府建设实施方案(2016—2020年)")
    (True, True)
    >>> placeless("上蔡县2021年法治政府建设工作要点"), placeless("广西法治政府建设实施方案"), placeless("法治政府建设实施纲要")
    (False, False, False)
    >>> placeless("东川市法治政府建设实施方案"), placeless("社区矫正工作方案")
    (False, True)
    """
    t = _SPACES.sub("", title)
    if not _LOCAL_KIND.search(t) or _NATIONAL_WORD.search(t):
        return False
    return not names_a_place(t)


def names_a_place(title: str) -> bool:
    """Whether a title names a place: a listed one anywhere (法治湖北, 广西法治政府…), or a name of a place the
    division data may not list at its head (东川市…方案).

    >>> names_a_place("东川市法治政府建设实施方案"), names_a_place("法治湖北建设规划"), names_a_place("年度考评办法")
    (True, True, False)
    """
    t = _SPACES.sub("", title)
    if _OPENS_WITH_PLACE.match(t):
        return True
    rx = _short_place_names()
    return bool(find_places(t)) or bool(rx and rx.search(t))


@lru_cache(maxsize=1)
def _short_place_names() -> re.Pattern | None:
    """The short names of provinces and cities (广西, 湖北, 驻马店), longest first, as one pattern."""
    gz = gazetteer()
    names = {a for a, ids in gz.by_alias.items() if any(gz.places[i].level in ("province", "city") for i in ids)}
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))) if names else None


def scope_of(title: str, owner: str) -> str:
    """The body a title is scoped to (see ``placeless``): ``owner`` (the report's issuer or place) or ''."""
    return owner if owner and title and placeless(title) else ""


def own_key(meta) -> str:
    """The key of the report itself (its number, else its title, scoped when the title names no place); ''
    when it has neither."""
    if not (meta.number or meta.title):
        return ""
    return document_key(meta.number, meta.title, scope_of(meta.title, meta.issuer or meta.jurisdiction))


def normalise_number(printed: str, m: re.Match | None = None) -> str:
    """A document number as printed, with spaces dropped and lost year brackets restored as 〔〕.

    >>> normalise_number("豫发〔2016〕31号"), normalise_number("豫发2016 31号"), normalise_number("上政【2020】31号")
    ('豫发〔2016〕31号', '豫发〔2016〕31号', '上政【2020】31号')
    """
    s = _SPACES.sub("", printed).strip("()（）")
    if _BRACKETED_YEAR.search(s):
        return s
    mm = _BARE_NUMBER.match(s)
    if mm:
        return f"{mm.group(1)}〔{mm.group(2)}〕{mm.group(3)}号"
    return s


# ---- who issued a cited document and when: its title's opening, the bodies written before it, the date of the
# clause that issues it
ISSUE_VERB = r"(?:印发|出台|制定|发布|修订|颁布|下发|出台了|印发了|制定了)?(?:的)?"
_TITLE_ISSUERS = re.compile(r"^(.{0,40}?(?:人民政府办公室|人民政府办公厅|人民政府|国务院办公厅|国务院|中共中央办公厅|中共中央|委员会|"
                            r"办公室|办公厅|[省市县区]委|局|厅|部|委))(?:关于|在|印发)")
_ISSUER_SPLIT = re.compile(r"[、,，\s]|和(?=中共|国务院|[\u4e00-\u9fff]{2,8}人民政府)|(?<=中共中央)(?=国务院)|"
                           r"(?<=委)(?=[\u4e00-\u9fff]{2,8}人民政府)")
_ISSUERS_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{2,15}?、)?[\u4e00-\u9fff]{2,15}?)" + ISSUE_VERB + "$")
# _ISSUERS_BEFORE matches only Chinese characters and 、 up to the end (or a final newline): read on the reversed
# text, this finds where that last run starts, so the search need not try (and backtrack at) every earlier place
_LAST_RUN_REVERSED = re.compile(r"\n?[\u4e00-\u9fff、]*")

# a date opening the clause that issues the titles right after it: 2021年8月,中共中央、国务院印发《A》《B》
ISSUED_ON = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?(?:份)?[,，]?"
                       r"[^。;；\n《]{0,30}?(?:印发|出台|制定|发布|颁布|公布|修订|下发|审议通过)(?:了|实施)?"
                       r"(?:《[^《》\n]{2,150}》\s*(?:[(（][^()（）\n]{2,30}[)）])?[、,，和及与]?)*$")


def issue_date(simple: str, start: int) -> str:
    """The date the text says a document was issued on (as precise as written), from the clause before it.

    >>> t = "2021年8月,中共中央、国务院印发《法治政府建设实施纲要》《纲要二》"
    >>> issue_date(t, t.index("《")), issue_date(t, t.rindex("《"))
    ('2021-08', '2021-08')
    >>> t = "2023年,我局认真贯彻落实《行政处罚法》"   # carried out, not issued, that year
    >>> issue_date(t, t.index("《"))
    ''
    """
    m = ISSUED_ON.search(simple[max(0, start - 160):start])
    if not m:
        return ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo and not 1 <= int(mo) <= 12 or d and not 1 <= int(d) <= 31:
        return ""
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def issuers_from_title(title: str, resolve) -> list[str]:
    """中共中央、国务院关于… / 上蔡县人民政府在…的实施意见: the bodies that open the title."""
    m = _TITLE_ISSUERS.match(title)
    if not m:
        return []
    out = []
    for part in _ISSUER_SPLIT.split(m.group(1)):
        name = resolve(part) if part else ""
        if name:
            out.append(name)
    return out


def issuers_before(simple: str, start: int, resolve) -> list[str]:
    """严格执行国务院《…》 / 县政府印发《…》 / 党中央、国务院《…》: the bodies written right before the title."""
    before = simple[max(0, start - 30):start]
    m = _ISSUERS_BEFORE.search(before, len(before) - _LAST_RUN_REVERSED.match(before[::-1]).end())
    if not m:
        return []
    chunk = m.group(1)
    spans = find_mentions(chunk)
    if not spans or spans[-1][1] != len(chunk):
        return []
    out = []
    for s, e, full in spans:
        name = resolve(full or chunk[s:e])
        if name:
            out.append(name)
    return out
