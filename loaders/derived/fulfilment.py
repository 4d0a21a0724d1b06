"""Reported fulfilment: links a unit's report to the duties a higher document assigned to that unit.

A plan (one source file) assigns a task to 市司法局 (bearer or lead); the bureau's annual report (another
file) says it implements or cites that plan (or the notice issuing it) and has a sentence that reports
doing the task (shared key terms: 行政执法三项制度, 规范性文件清理, 法律顾问). Neither file alone holds the link,
so it is derived over the whole store: ``link_fulfilment(store)`` recomputes every such link and writes them
into ONE derived named graph (``FULFILMENT_GRAPH``) in one transaction. ``ingest`` runs it after each
run that changed the store, so re-ingesting either file (or dropping one) never leaves a stale link; after a
run that only added files, ``link_fulfilment(store, added)`` adds the links of what those files touch.

Each link is a fact node in that graph::

    fact a fz:Fulfilment ; fz:fulfils duty ; fz:reportedIn report ;
         rdfs:label "<key term>: <passage>" ; fz:text passage ; fz:evidence ev .
    ev oa:hasSource report ; oa:hasSelector [oa:start, oa:end] , [oa:exact passage] .

The links are searched for among the assignments, one node per duty, unit and assigning document: what
the `duty-fulfilment` query lists. Each file's own assignments (a duty it states for a body other than its
issuer) are written with it at extraction (``loaders.rowvalues.add_assignments``), in its graph; this graph adds
the cross-file part, the unit's reports that carry out the document::

    a a fz:Assignment ; fz:assignedDuty duty ; fz:assignee unit ; fz:assignedBy document ;
      fz:role "lead"|"bearer" .                            # in the assigning file's graph
    a fz:unitReport report .                               # here: each report of the unit carrying out the document
"""
from __future__ import annotations

import re

from pyoxigraph import NamedNode, Triple

from fazhi.graph.storebase import Store, select_in_chunks
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.ntriples import lit
from fazhi.loaders.text import to_simplified
from fazhi.ontology import ids
from fazhi.ontology.ids import fact_iri
from fazhi.ontology.vocab import FZ, RDF, RDFS

FULFILMENT_GRAPH = NamedNode("https://w3id.org/fazhi/derived/fulfilment")

# words every plan and report of the genre uses: a shared run made only of these proves nothing
GENERIC = re.compile(
    r"法治政府建设|法治政府|法治建设|法治|依法行政|行政执法|政府|行政|工作方案|工作要点|实施方案|方案|要点|"
    r"重点工作|各项工作|工作|全面|推行|推进|深入|进一步|加强|开展|落实|贯彻|建立健全|建立|健全|完善|"
    r"机制|体系|建设|组织|实施|规范|提升|提高|强化|严格|认真|扎实|持续|积极|做好|全市|全县|全区|全省|"
    r"年度|全年|按照|要求|部门|单位|各级|我局|我委|我办|本局|市|县|区|省|年|月|日|的|和|及|与|等")
MIN_RUN = 4            # a shared run of at least 4 characters ...
MIN_KEY = 3            # ... of which at least 3 are not generic words
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]")
PUNCT = " ,，、:：()（）“”\"'"
SENTENCE = re.compile(r"[^。;；!?！？\n]+")
TITLE = re.compile(r"《[^《》]{0,120}》")

# every assignment (written with its file at extraction; once each: a file ingested under two names repeats
# it): the rows of `duty-fulfilment` before its per-query filters
ASSIGNMENTS = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
SELECT DISTINCT ?duty ?unit ?source ?role WHERE {
  %s
  ?a a fz:Assignment ; fz:assignedDuty ?duty ; fz:assignee ?unit ; fz:assignedBy ?source ; fz:role ?role .
}
"""
# the reports of each unit that carry out each document (the candidates for reported fulfilment), looked up
# for given (unit, document) pairs: as an OPTIONAL of the query above, Oxigraph joined it over every report
# of the store (19 s at 29 M triples for 26 pairs; 0.01 s this way)
UNIT_REPORTS = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?unit ?source ?report WHERE {
  VALUES (?unit ?source) { %s }
  ?report eli:passed_by ?unit ; a fz:Report ;
          (fz:implements|eli:cites|eli:based_on)/(fz:promulgates|^fz:promulgates)? ?source .
}
"""
# the (unit, document) pairs whose rows new source graphs can change: the assignments the graphs hold, and
# the assignments a report among them carries out (its unit, a document it implements or cites)
TOUCHED = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?unit ?source WHERE {
  VALUES ?g { %s }
  { GRAPH ?g { ?a a fz:Assignment ; fz:assignee ?unit ; fz:assignedBy ?source } }
  UNION
  { GRAPH ?g { ?report a fz:Report ; eli:passed_by ?unit }
    ?report (fz:implements|eli:cites|eli:based_on)/(fz:promulgates|^fz:promulgates)? ?source .
    ?a fz:assignee ?unit ; fz:assignedBy ?source . }
}
"""
# what the passage search needs of a candidate pair (looked up for the candidates only, VALUES in chunks)
CANDIDATE_TEXTS = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?duty ?unit (SAMPLE(COALESCE(?dt, ?dl)) AS ?duty_text) (SAMPLE(?ul) AS ?unit_name) WHERE {
  VALUES (?duty ?unit) { %s }
  OPTIONAL { ?duty fz:text ?dt }
  OPTIONAL { ?duty rdfs:label ?dl }
  OPTIONAL { ?unit rdfs:label ?ul }
}
GROUP BY ?duty ?unit
"""
REPORT_TEXT = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
SELECT ?t WHERE { ?r fz:normalizedText ?t } LIMIT 1
"""
def _unit_core(name: str) -> str:
    """The distinctive part of a unit's name (示例市生态环境局 → 生态环境): every sentence of its own report
    may repeat it, so it is generic for that unit.

    >>> _unit_core("示例市生态环境局"), _unit_core("上蔡县司法局")
    ('生态环境', '司法')
    """
    core = re.sub(r"^.*?(?:自治州|自治县|省|市|县|区|州|盟|旗)", "", name, count=1) or name
    return re.sub(r"(?:委员会|办公室|管理局|局|委|办|厅|院|所|中心)$", "", core)


def _key_len(run: str, generic: re.Pattern) -> int:
    """How many Chinese characters of the run are not generic words."""
    return len(NOT_HAN.sub("", generic.sub("", run)))


def key_runs(duty: str, sentence: str, generic: re.Pattern = GENERIC) -> list[str]:
    """The maximal runs of characters the sentence shares with the duty that are not just generic words.

    >>> key_runs("全面推行行政执法三项制度,统一公示平台", "全市各部门落实行政执法三项制度。")
    ['行政执法三项制度']
    >>> key_runs("全面推行行政执法三项制度", "加强行政执法人员培训")
    []
    """
    out = []
    i = 0
    n = len(sentence)
    while i <= n - MIN_RUN:
        j = i + MIN_RUN
        if sentence[i:j] not in duty:
            i += 1
            continue
        while j < n and sentence[i:j + 1] in duty:
            j += 1
        run = sentence[i:j].strip(PUNCT)
        if _key_len(run, generic) >= MIN_KEY:
            out.append(run)
        i = j
    return out


def best_passage(duty: str, report_text: str, unit: str = "") -> tuple[int, int, str] | None:
    """The sentence of the report that best reports doing the duty: (start, end, key term), or None.

    Titles in 《》 are masked (the report naming the plan is not doing its tasks); so is the unit's own name.

    >>> best_passage("开展规范性文件清理", "一、基本情况\\n我局完成规范性文件清理工作,废止3件。", "示例市司法局")
    (7, 25, '规范性文件清理')
    >>> best_passage("开展生态环境领域案卷评查", "生态环境领域信访件按期办结。", "示例市生态环境局") is None
    True
    """
    simple = to_simplified(report_text)
    duty = to_simplified(duty)
    core = _unit_core(unit) if unit else ""
    generic = re.compile(GENERIC.pattern + ("|" + re.escape(core) if len(core) >= 2 else ""))
    best = None
    for m in SENTENCE.finditer(simple):
        sent = TITLE.sub(lambda t: "|" * len(t.group(0)), m.group(0))
        runs = key_runs(duty, sent, generic)
        if not runs:
            continue
        term = max(runs, key=lambda r: _key_len(r, generic))
        score = _key_len(term, generic)
        if best is None or score > best[0]:
            a = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            best = (score, a, m.end(), term)
    return best[1:] if best else None


def assignment_rows(store: Store, keys: list[tuple] | None = None) -> dict[tuple, tuple[str, list]]:
    """Every assignment (duty, unit, source) → (role, the unit's reports carrying out the source); with
    ``keys``, only the assignments of those (unit, source) pairs."""
    if keys is None:
        rows = store.select(ASSIGNMENTS % "", limit=10**7, timeout=600).rows
    else:
        rows = select_in_chunks(store, ASSIGNMENTS % "VALUES (?unit ?source) { %s }", _pairs(keys))
    out: dict[tuple, tuple[str, list]] = {}
    for duty, unit, source, role in rows:
        out.setdefault((duty, unit, source), (role.value, []))
    found = list(dict.fromkeys((u, s) for _, u, s in out))
    reports: dict[tuple, list] = {}
    for unit, source, report in select_in_chunks(store, UNIT_REPORTS, _pairs(found)):
        reports.setdefault((unit, source), []).append(report)
    for (_, unit, source), (_, units_reports) in out.items():
        units_reports += reports.get((unit, source), [])
    return out


def touched_keys(store: Store, graphs: list[str]) -> list[tuple]:
    """The (unit, source) pairs whose assignments or reports the given source graphs add to."""
    return list(dict.fromkeys(select_in_chunks(store, TOUCHED, [f"<{g}>" for g in graphs])))


def candidate_texts(store: Store, pairs: list[tuple]) -> dict[tuple, tuple]:
    """(duty, unit) → (the duty's text or label, the unit's label), each a term or None."""
    return {(duty, unit): (dtext, uname)
            for duty, unit, dtext, uname in select_in_chunks(store, CANDIDATE_TEXTS, _pairs(pairs))}


def _pairs(pairs: list[tuple]) -> list[str]:
    """Pairs of terms as VALUES rows."""
    return [f"({a} {b})" for a, b in pairs]


def assignment_iri(duty: NamedNode, unit: NamedNode, source: NamedNode) -> NamedNode:
    """A duty's assignment node: the same duty, unit and document give the same IRI (the emitter's)."""
    return NamedNode(ids.assignment_iri(duty.value, unit.value, source.value))


def fulfilment_triples(store: Store, keys: list[tuple] | None = None) -> list[Triple]:
    """The derived graph: the reports carrying out every duty assignment and every reported fulfilment the
    store supports (with ``keys``: of the assignments of those (unit, source) pairs only)."""
    rows = assignment_rows(store, keys)
    triples: list[Triple] = []
    # (duty, report, unit): a report of the unit, not the assigning document itself, may report doing it
    pairs: dict[tuple, None] = {}
    for (duty, unit, source), (role, reports) in rows.items():
        node = assignment_iri(duty, unit, source)
        for report in reports:
            triples.append(Triple(node, FZ.unitReport, report))
            if report != source:
                pairs[(duty, report, unit)] = None
    about = candidate_texts(store, list(dict.fromkeys((d, u) for d, _, u in pairs)))
    # report by report: one report's text is held at a time (held all at once, the texts of a large store's
    # reports took most of this step's memory)
    by_report: dict[NamedNode, list[tuple]] = {}
    for duty, report, unit in pairs:
        by_report.setdefault(report, []).append((duty, unit))
    for report, wanted in by_report.items():
        r = store.select(REPORT_TEXT, {"r": report})
        text = r.rows[0][0].value if r.rows else ""
        if not text:
            continue
        em = None
        for duty, unit in wanted:
            dtext, uname = about.get((duty, unit), (None, None))
            hit = best_passage(dtext.value if dtext else "", text, uname.value if uname else "")
            if not hit:
                continue
            a, b, term = hit
            em = em or Emitter(report, text)
            node = fact_iri(report, "fulfils", a, b, duty.value.rsplit("/", 1)[-1])
            em.add(node, RDF.type, FZ.Fulfilment)
            em.add(node, FZ.fulfils, duty)
            em.add(node, FZ.reportedIn, report)
            em.add(node, FZ.text, lit(text[a:b]))
            em.add(node, RDFS.label, lit(f"{term}: {text[a:b]}"[:80]))
            em.evidence(node, (a, b))
        if em is not None:
            triples += em.triples
    return triples


def link_fulfilment(store: Store, added: list[str] | None = None) -> int:
    """Recompute the derived fulfilment graph from the whole store (its difference written in one
    transaction); returns the fulfilment links made.

    ``added``: the run only added these source graphs to a store whose derived graph was up to date. Adding
    never takes a report or an assignment away, so the links of the (unit, document) pairs the new graphs
    touch are recomputed and added (one transaction); the rest of the graph stands. Its cost follows the
    new files, not the store (a whole recompute reads every assignment: 5.6 s at 29 M triples).
    """
    if added is not None:
        keys = touched_keys(store, added)
        triples = fulfilment_triples(store, keys) if keys else []
        if triples:
            store.change_graph(FULFILMENT_GRAPH, add=triples)
        return sum(1 for t in triples if t.predicate == FZ.fulfils)
    triples = fulfilment_triples(store)
    store.set_graph(FULFILMENT_GRAPH, triples)
    return sum(1 for t in triples if t.predicate == FZ.fulfils)
