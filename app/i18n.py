"""Interface text in Chinese (the default) and English; ``tr(key, lang)`` picks one.

>>> tr("ask", "en"), tr("ask", "zh")
('Ask', '提问')
>>> tr("rows", "en", n=3)
'3 rows'
"""
from __future__ import annotations

from fazhi.ontology.kinds import OTHER, SHOWN

LANGS = {"zh": "中文", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    # key: (中文, English)
    "app_title": ("法治政府建设报告知识图谱", "Knowledge graph of rule-of-law government reports"),
    "language": ("语言", "Language"),
    "page": ("页面", "Page"),
    "ask": ("提问", "Ask"),
    "sparql": ("SPARQL 查询", "SPARQL"),
    "graph": ("关系图", "Graph"),
    "evidence": ("出处", "Evidence"),
    "reports": ("报告", "Reports"),
    "ingest": ("导入", "Ingest"),
    "store": ("数据库", "Store"),
    "source_link": ("原文出处", "source"),
    "show_iris": ("显示 IRI 和代码", "Show IRIs and codes"),
    "show_iris_help": ("表格显示完整 IRI 和原始代码（与下载文件相同），而不是名称和链接。",
                       "Tables show full IRIs and raw codes (as the downloads have them) instead of labels and links."),
    "empty_store": ("数据库是空的或尚未创建：请先用 `fazhi ingest` 导入报告和名册。",
                    "The store is empty or not created yet: ingest reports and rosters first (`fazhi ingest`)."),
    # first run
    "welcome": ("开始使用", "Getting started"),
    "welcome_intro": (
        "数据库还是空的。fazhi 读入：\n\n"
        "- **法治政府建设年度报告**及规划、通知：`.txt`（任意中文编码）、`.html`、`.docx`、`.pdf`；\n"
        "- **单位名册**（`.csv`，表头含“单位名称”，可有“法律顾问”“聘期开始”“聘期结束”）；\n"
        "- **案件台账**（`.csv`，表头含“案号”）。\n\n"
        "导入后可在“提问”页按任务查询，在“关系图”页查看责任链条，在“报告”页比较各报告的统计数字。",
        "The store is empty. fazhi reads:\n\n"
        "- **rule-of-law government reports**, plans and notices: `.txt` (any Chinese encoding), `.html`, `.docx`, "
        "`.pdf`;\n"
        "- **rosters of units** (`.csv` with a `name` / 单位名称 column, optionally legal adviser and term dates);\n"
        "- **case ledgers** (`.csv` with a `case_number` / 案号 column).\n\n"
        "Then ask questions by task on the Ask page, trace obligation chains on the Graph page and compare "
        "the reports' figures on the Reports page."),
    "welcome_command": ("在命令行导入文件或文件夹（每个文件一行结果）：",
                        "Ingest files or folders on the command line (one line per file):"),
    "welcome_examples": ("也可以先导入项目自带的示例（一个虚构县的年度报告和单位名册）：",
                         "Or start with the examples that come with fazhi (a fictional county's report and roster):"),
    "ingest_examples": ("导入示例", "Ingest the examples"),
    "welcome_go": ("开始浏览", "Start exploring"),
    "welcome_allow": ("用 `fazhi app --allow-ingest` 启动时，这里会有一个导入按钮。",
                      "Started with `fazhi app --allow-ingest`, the app offers a button for this."),
    # ask
    "task": ("任务", "Task"),
    "group_duties": ("职责与落实", "Duties and follow-up"),
    "group_explore": ("浏览图谱", "Explore the graph"),
    "group_cases": ("案件与台账核对", "Cases and ledgers"),
    "group_other": ("其他", "Other"),
    "question": ("问题", "Question"),
    "optional": ("可选", "optional"),
    "required": ("必填", "required"),
    "type_date": ("日期", "date"),
    "type_iri": ("IRI", "IRI"),
    "type_string": ("文本", "text"),
    "type_integer": ("整数", "whole number"),
    "type_document": ("文件", "document"),
    "type_indicator": ("指标", "indicator"),
    "choose": ("（请选择）", "(choose)"),
    "rows": ("共 {n} 行", "{n} rows"),
    "truncated": ("（已截断）", " (truncated)"),
    "share": ("分享链接", "Shareable link"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_json": ("下载 JSON", "Download JSON"),
    "page_rows": ("第 {a}–{b} 行", "rows {a}–{b}"),
    "page_of": ("，共 {n} 行", " of {n}"),
    "page_more": ("，后面还有", ", more follow"),
    "page_n": ("第 {n} 页", "page {n}"),
    "page_empty": ("这一页没有结果：结果在此之前已经结束。", "No rows on this page: the result ends before it."),
    "prev_page": ("← 上一页", "← Previous"),
    "next_page": ("下一页 →", "Next →"),
    "first_page": ("第一页", "First page"),
    "prepare_full": ("准备完整下载（最多 {cap} 行）", "Prepare the full download (at most {cap} rows)"),
    "full_ready": ("完整结果：共 {n} 行{more}，用时 {ms} 毫秒", "Full result: {n} rows{more}, {ms} ms"),
    "no_rows": ("没有结果。", "No results."),
    "show_evidence": ("查看出处（选择一行事实）", "Show the source of a fact row"),
    "result_table": ("结果", "Result"),
    "all_questions": ("全部问题", "All questions"),
    # sparql
    "sparql_help": ("只读查询：更新（INSERT、DELETE、LOAD、CLEAR、DROP、CREATE、ADD、MOVE、COPY）和 SERVICE 会被拒绝。"
                    "时间限制 {timeout:g} 秒，最多返回 {cap} 行。",
                    "Read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) and SERVICE are "
                    "refused. Time limit {timeout:g} s, at most {cap} rows."),
    "example": ("示例查询", "Example query"),
    "query_text": ("查询语句（已预置前缀）", "Query (prefixes preloaded)"),
    "run": ("运行", "Run"),
    "time_limit": ("时间限制（秒）", "Time limit (s)"),
    "row_cap": ("行数上限", "Row cap"),
    "syntax_error": ("语法错误，位置：第 {line} 行第 {col} 列", "Syntax error at line {line}, column {col}"),
    "timed_out": ("查询在 {timeout:g} 秒的时间限制处被停止。请缩小查询范围（加条件或 LIMIT）。",
                  "The query was stopped at its time limit of {timeout:g} s. Narrow it (more patterns or a LIMIT)."),
    "ask_result": ("ASK 结果：{value}", "ASK result: {value}"),
    # graph
    "graph_mode": ("视图", "View"),
    "neighbourhood": ("节点邻域", "Neighbourhood of a node"),
    "chain": ("责任链条", "Obligation chain"),
    "start_node": ("起始节点", "Start node"),
    "node_iri": ("或输入节点 IRI", "or type a node IRI"),
    "expand": ("展开节点", "Expand a node"),
    "more": ("显示更多节点（+{step}）", "More nodes (+{step})"),
    "hidden": ("还有 {n} 个相邻节点未显示。", "{n} more neighbours not shown."),
    "reset": ("重置", "Reset"),
    "legend": ("图例", "Legend"),
    "nodes_edges": ("{n} 个节点，{e} 条连线", "{n} nodes, {e} links"),
    "download_graphml": ("下载 GraphML", "Download GraphML"),
    "download_png": ("下载 PNG", "Download PNG"),
    "document": ("文件", "Document"),
    "click_hint": ("单击节点即可展开它的邻域；双击或“展开”按钮同样有效。",
                   "Click a node to expand its neighbourhood (double-click or the expand button work too)."),
    "no_chain": ("这个文件没有找到上下游链条。", "No chain found for this document."),
    "hop_evidence": ("每一环的出处（{n} 环）", "Where each link was read ({n} links)"),
    "no_hop_evidence": ("（未记录出处）", "(no passage recorded)"),
    # evidence
    "fact_node": ("事实节点", "Fact node"),
    "no_evidence": ("这个节点没有记录出处。", "No source passage is recorded for this node."),
    "report_title": ("报告", "Report"),
    "date": ("日期", "Date"),
    "source_file": ("来源文件", "Source file"),
    "source_url": ("原网页", "Source page"),
    "open_report": ("打开报告页", "Open the report page"),
    "chars": ("字符位置 {start}–{end}", "characters {start}–{end}"),
    # reports
    "all_reports": ("已导入的报告", "Ingested reports"),
    "report_page": ("报告详情", "Report page"),
    "issuer": ("发文机关", "Issuer"),
    "addressee": ("主送机关", "Addressee"),
    "period": ("年度", "Period"),
    "number": ("文号", "Number"),
    "facts_by_kind": ("按类型统计的事实", "Facts by kind"),
    "facts_of_kind": ("事实类型", "Kind of fact"),
    "fact_count": ("事实数", "Facts"),
    "full_text": ("报告全文（规范化文本）", "Full text (normalised)"),
    "charts": ("跨报告统计", "Statistics across reports"),
    "metric": ("指标", "Metric"),
    "no_stats": ("还没有抽取到统计数字。", "No statistics extracted yet."),
    "chart_caption": ("按地区和年度比较：{metric}", "By place and year: {metric}"),
    "no_reports": ("还没有导入报告。", "No reports ingested yet."),
    # indicators
    "indicators": ("指标", "Indicators"),
    "indicator": ("指标", "Indicator"),
    "no_indicators": ("数据库中还没有指标体系：导入报告时会一并写入。", "No indicator scheme in the store yet: ingest "
                      "writes it with the reports."),
    "no_indicator_values": ("还没有统计数字衡量这个指标。", "No statistic measures this indicator yet."),
    "area": ("领域", "Area"),
    "unit_kind": ("计量类型", "Unit kind"),
    "unit_count": ("数量", "count"),
    "unit_rate": ("比率（%）", "rate (%)"),
    "unit_hours": ("学时", "hours"),
    "unit_amount": ("金额（元）", "amount (yuan)"),
    "unit": ("单位", "Unit"),
    "subject": ("地区或机构", "Place or body"),
    "value": ("数值", "Value"),
    "wording": ("匹配用语", "Matching words"),
    "rule": ("判定规则", "Rule"),
    "qualifier": ("口径", "Qualifier"),
    "passage": ("出处", "Passage"),
    "open_passage": ("查看原文", "open passage"),
    "indicator_chart_caption": ("按年度和地区比较；点击数据点可查看其原文出处。",
                                "By year and place; click a point to open its passage."),
    "mapping_caption": ("“匹配用语”和“判定规则”说明每个统计数字为何归入该指标（见 docs/indicators.md）。",
                        "“Matching words” and “Rule” say why each statistic measures this indicator "
                        "(docs/indicators.md)."),
    "download_wide": ("下载宽表 CSV（地区 × 年度）", "Download wide CSV (place × year)"),
    "coverage": ("未报告该指标的报告（{n} 份）", "Reports that do not report it ({n})"),
    "rule_metric-wording": ("指标名称含该指标表述", "the metric holds one of the indicator's wordings"),
    "rule_metric-terms": ("指标名称含主题词和计量词", "the metric holds its topic and measure words"),
    "rule_clause-measure": ("主题词在指标名称中，计量词在本分句前文",
                            "topic in the metric, measure word earlier in the clause"),
    "rule_sentence-topic": ("计量词在指标名称中，主题取句中前文最近的主题词",
                            "measure word in the metric, topic the nearest one before it in the sentence"),
    "rule_outcome-list": ("并列列举撤销、变更、确认违法、责令履行等纠错结果",
                          "a total of correcting outcomes listed together (revoked, changed, unlawful, ordered)"),
    "case_chart": ("案件台账：各被申请人（被告）的案件结果", "Case ledgers: outcomes by respondent"),
    "case_count": ("案件数", "Cases"),
    "case_chart_caption": ("每个案件计一次；未结案件记为“未结”。核对报告与台账：[{link}]({href})",
                           "Each case once; cases not yet closed as “pending”. Reports against ledgers: [{link}]({href})"),
    "pending": ("未结", "pending"),
    "ledger_row": ("第 {row} 行", "line {row}"),
    # ingest
    "ingest_off": ("导入功能未开启：用 `fazhi app --allow-ingest` 启动后可上传文件。",
                   "Ingest is off: start the app with `fazhi app --allow-ingest` to upload files."),
    "upload": ("上传报告（.txt .html .docx .pdf）、名册或案件台账（.csv .xlsx）",
               "Upload reports (.txt .html .docx .pdf), rosters or case ledgers (.csv .xlsx)"),
    "ingest_button": ("导入", "Ingest"),
    "ingested": ("已导入：{summary}", "Ingested: {summary}"),
    "ingest_failed": ("{n} 个文件导入失败", "{n} file(s) failed"),
}
# the classes' short labels, as the vocabulary declares them (fazhi.ontology.kinds)
TEXT.update({f"cls_{s.name}": (s.zh, s.en) for s in (*SHOWN, OTHER)})


def tr(key: str, lang: str = "zh", **fmt) -> str:
    """The text for ``key`` in ``lang`` (``zh`` or ``en``), formatted with ``fmt``; the key itself if unknown."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**fmt) if fmt else text
