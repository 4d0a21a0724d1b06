"""The vocabulary of Chinese government bodies: department stems a report may write without a place, the
full forms of common abbreviations, and the national bodies (kept unqualified). ``orgnames`` builds the
canonical form of a mention from it."""
from __future__ import annotations

import re
from functools import lru_cache

# Department stems a report may write without a place (司法局, 市场监管局) or after a level character (县公安局).
DEPT_STEMS = sorted(set("""
司法 公安 财政 审计 统计 民政 教育 教体 教育体育 卫生健康 卫健 卫健体 卫生健康体育 市场监督管理 市场监管 生态环境 自然资源
自然资源和规划 自然资源规划 住房和城乡建设 住房城乡建设 住建 城乡建设 交通运输 交通 农业农村 农业 水利 林业 应急管理 应急
人力资源和社会保障 人力资源社会保障 人社 文化和旅游 文化旅游 文旅 文广旅 文化广电和旅游 文化广电旅游 文化广电旅游体育 商务 科技 科学技术
工业和信息化 工信 经济和信息化 经信 发展和改革 发展改革 发改 退役军人事务 医疗保障 医保 信访 城市管理 城管 综合行政执法 行政执法
行政审批服务 行政审批 政务服务和大数据管理 政务服务管理 政务服务 数据资源管理 大数据 税务 粮食和物资储备 乡村振兴 国有资产监督管理 国资
人民防空 人防 气象 档案 地方金融监督管理 金融 体育 广播电视 民族宗教事务 民族宗教 外事 机关事务管理 机关事务 住房保障 规划
国土资源 国土 环境保护 环保 安全生产监督管理 安监 食品药品监督管理 质量技术监督 工商行政管理 工商 物价 编办 法制办 法制 融媒体
消防救援 消防 公共资源交易 编委 文物 文物旅游 行政审批服务管理 林业和草原 林草 扶贫开发 扶贫 畜牧兽医 畜牧 水产 民宗 侨务
知识产权 药品监督管理 药监 法律顾问 普法 依法治县 依法治市 依法治区 编 农业综合执法 农业执法 城市管理综合执法 水务 住房和城乡规划建设 商务和经济信息化 烟草专卖 邮政管理 海关
生态环境保护综合执法 交通运输综合行政执法 文化市场综合执法 市场监管综合执法 应急管理综合行政执法 纪委监委
城市管理和综合执法 城市管理和综合行政执法 城市管理综合行政执法 人力社保
""".split()), key=len, reverse=True)

def trie_regex(words) -> str:
    """One regex alternation for many words, factored by common prefixes (much faster than a flat list).

    >>> import re
    >>> rx = re.compile(trie_regex(["司法", "司法行政", "公安"]) + "$")
    >>> [bool(rx.match(w)) for w in ("司法", "司法行政", "公安", "司")]
    [True, True, True, False]
    """
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node) -> str:
        alts = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(trie) + ")"


DEPT_TAIL = r"(?:分局|局|委员会|委|厅|办公室|办|大队|支队|中队|队|中心|所|团)"

# the full forms of common abbreviations, applied to the part of a name after its place
EXPAND = [
    (r"人大常委会$", "人民代表大会常务委员会"), (r"(?<!人民代表大会)常委会$", "常务委员会"), (r"人大$", "人民代表大会"),
    (r"^政府办(?:公室)?$", "人民政府办公室"), (r"^(?:人民政府|政府)?法制办(?:公室)?$", "人民政府法制办公室"), (r"^政府办公厅$", "人民政府办公厅"), (r"^(?<!人民)政府", "人民政府"),
    (r"中级法院$", "中级人民法院"), (r"高级法院$", "高级人民法院"), (r"^法院$", "人民法院"), (r"^检察院$", "人民检察院"),
    (r"^发改委$", "发展和改革委员会"), (r"^发展改革委$", "发展和改革委员会"), (r"^卫健委$", "卫生健康委员会"),
    (r"^卫健体委$", "卫生健康体育委员会"), (r"^市场监管局$", "市场监督管理局"), (r"^住建局$", "住房和城乡建设局"),
    (r"^(?:人社|人力社保)局$", "人力资源和社会保障局"), (r"^文旅局$", "文化和旅游局"), (r"^应急局$", "应急管理局"),
    (r"^工信局$", "工业和信息化局"), (r"^医保局$", "医疗保障局"), (r"^城管局$", "城市管理局"), (r"^交通局$", "交通运输局"),
    (r"^教体局$", "教育体育局"), (r"^退役军人局$", "退役军人事务局"), (r"^发改局$", "发展和改革局"),
    (r"调委会$", "人民调解委员会"), (r"^编办$", "机构编制委员会办公室"), (r"^政法委$", "政法委员会"),
    (r"^统战部$", "统一战线工作部"), (r"^普法办$", "普法办公室"), (r"村委会$", "村民委员会"), (r"居委会$", "居民委员会"), (r"(?<=[村区])居民区$", "居民委员会"),
    (r"^行署$", "行政公署"), (r"管委会$", "管理委员会"),
    # the rule-of-law committee and its office, however abbreviated: 依法治县办, 依法治省委, 依法治区办秘书处
    (r"^(?:全面)?依法治([省市县区州旗地])(?:(?:委员会|委)(办公室)?|(办公室|办))(?=秘书处$|$)",
     lambda m: f"全面依法治{m.group(1)}委员会" + ("办公室" if m.group(2) or m.group(3) else "")),
    (r"(?<!政府)(?<!编)(?<!公)办$", "办公室"),
]

# national bodies: mention → canonical name (kept unqualified)
NATIONAL = {
    "党中央": "中共中央", "中共中央": "中共中央", "中共中央办公厅": "中共中央办公厅", "中央办公厅": "中共中央办公厅", "中央": "中共中央", "国务院": "国务院", "国务院办公厅": "国务院办公厅",
    "全国人大常委会": "全国人民代表大会常务委员会", "全国人大": "全国人民代表大会", "最高人民法院": "最高人民法院",
    "最高法": "最高人民法院", "最高人民检察院": "最高人民检察院", "最高检": "最高人民检察院",
    "国家卫健委": "国家卫生健康委员会", "国家发改委": "国家发展和改革委员会", "国家市场监管总局": "国家市场监督管理总局",
    "中央全面依法治国委员会": "中央全面依法治国委员会", "中央依法治国办": "中央全面依法治国委员会办公室",
    "中纪委": "中央纪律检查委员会", "中央纪委": "中央纪律检查委员会", "国家监委": "国家监察委员会",
    "人力资源社会保障部": "人力资源和社会保障部", "人力资源和社会保障部": "人力资源和社会保障部",
}
MINISTRIES = ("司法部 公安部 财政部 民政部 教育部 商务部 外交部 国防部 审计署 科技部 科学技术部 工业和信息化部 工信部 "
              "生态环境部 自然资源部 住房和城乡建设部 住建部 交通运输部 水利部 农业农村部 文化和旅游部 应急管理部 "
              "退役军人事务部 人力资源和社会保障部 人社部 国家发展和改革委员会 国家卫生健康委员会 国家民族事务委员会 "
              "国家市场监督管理总局 国家税务总局 国家统计局 国家信访局 国家医疗保障局 国家林业和草原局 国家档案局 "
              "国家保密局 国家知识产权局 国家移民管理局 国家能源局 国家烟草专卖局 中国人民银行 海关总署 "
              "国务院国有资产监督管理委员会 国家互联网信息办公室 全国普法办 全国普法办公室").split()
for _m in MINISTRIES:
    NATIONAL.setdefault(_m, {"科技部": "科学技术部", "工信部": "工业和信息化部", "住建部": "住房和城乡建设部",
                             "人社部": "人力资源和社会保障部", "全国普法办": "全国普法办公室"}.get(_m, _m))

NATIONAL_NAMES = frozenset(NATIONAL.values())


@lru_cache(maxsize=4096)
def expand(body: str) -> str:
    """Abbreviations of the part of a name after its place spelled out.

    >>> expand("政府办"), expand("中级法院"), expand("市场监管局"), expand("人大常委会"), expand("石佛村调委会")
    ('人民政府办公室', '中级人民法院', '市场监督管理局', '人民代表大会常务委员会', '石佛村人民调解委员会')
    """
    for rx, rep, whole in _EXPAND_RX:
        new = rx.sub(rep, body)
        if new != body:
            body = new
            if whole:
                break
    return body


# compiled once, with whether the pattern spans the whole body (then no later rule applies)
_EXPAND_RX = [(re.compile(pat), rep, pat.startswith("^") and pat.endswith("$")) for pat, rep in EXPAND]
