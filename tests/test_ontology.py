"""The ontology: it parses, HermiT finds it (and data the loaders really emit) consistent, and every term
the code, the queries and the shapes use is declared in it with the right OWL type."""
from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from conftest import EXAMPLES, SEED
from rdflib.namespace import OWL, RDF, RDFS, SH

from fazhi.loaders import facts as F
from fazhi.loaders.emit import emit_report
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.kinds import Facts
from fazhi.loaders.pipeline import expand_paths, load_file
from fazhi.ontology import INDICATORS_TTL, ONTOLOGY_TTL, SHAPES_TTL, vocab
from fazhi.ontology.ids import document_iri
from fazhi.queries import __file__ as queries_init

QUERIES_DIR = Path(queries_init).resolve().parent
FZ_NS = vocab.FZ_NS
# OWL's own reserved vocabulary: built in, never declared by an ontology
BUILTIN = tuple(vocab.PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd", "sh"))
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
REUSED = [vocab.SKOS, vocab.DCTERMS, vocab.ORG, vocab.ELI, vocab.PROV, vocab.OA, vocab.ODRL]


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")


def declared_types(g: rdflib.Graph, iri: str) -> set:
    return set(g.objects(rdflib.URIRef(iri), RDF.type)) & DECLARATION_TYPES


# ---------------------------------------------------------------- sample data the loaders really emit

def sample_facts() -> tuple[F.ReportMeta, Facts, str]:
    """One fact of every kind, spans into a short made-up text (the emitter is the real one)."""
    text = "示例县人民政府关于2020年法治政府建设情况的报告。县司法局受理行政复议案件23件，其中维持10件。" \
           "各部门应当在15个工作日内完成审查。示例县被命名为法治政府建设示范县。全县均已聘请法律顾问。"
    meta = F.ReportMeta(title="示例县人民政府关于2020年法治政府建设情况的报告", number="示政文〔2021〕1号",
                        issuer="示例县人民政府", addressee="示例市人民政府", period="2020", date="2021-03-01",
                        generated="2021-03", index_number="000-2021-001", jurisdiction="示例县",
                        title_span=(0, 24))
    facts = Facts(
        agencies=[F.Agency("示例县司法局", (25, 30), kind="department", level="county", jurisdiction="示例县",
                           parent="示例县人民政府")],
        documents=[F.Document(title="法治政府建设实施纲要（2021－2025年）", span=(0, 5), number="中发〔2021〕1号",
                              kind="plan", issuers=["中共中央", "国务院"], date="2021", relation="implements",
                              promulgated_by="n:中办发〔2021〕2号", implements=["n:中发〔2015〕36号"])],
        statistics=[F.Statistic("行政复议案件", 23, (30, 42), unit="件", subject="示例县司法局", period="2020"),
                    F.Statistic("维持", 10, (43, 49), unit="件", qualifier="exact", total_of=0)],
        obligations=[F.Obligation("各部门应当在15个工作日内完成审查", (50, 67), bearers=["示例县各部门"],
                                  leads=["示例县司法局"], action="完成审查", limit_value=15, limit_unit="工作日",
                                  limit_kind="within", derived_from="n:中发〔2021〕1号")],
        awards=[F.Award("示例县人民政府", "法治政府建设示范县", (68, 84), conferred_by=["示例省人民政府"],
                        date="2020-12")],
        advisers=[F.AdviserStatement("全县", True, (85, 96))],
        institutions=[F.Institution("合法性审核制度", (50, 60))],
        problems=[F.Problem("审查力量不足", (50, 60))],
        next_steps=[F.NextStep("加强审查队伍建设", (50, 60))],
    )
    return meta, facts, text


def emitted_sample(tmp_path: Path) -> list[pyoxigraph.Triple]:
    """Triples of the sample facts plus a real roster and a real case ledger loaded by the real loaders."""
    meta, facts, text = sample_facts()
    em = Emitter(document_iri("n:" + meta.number), text)
    emit_report(em, meta, facts, source_file="sample.txt", content_hash="0" * 64, text=text)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,kind,parent,legal_adviser,adviser_from,adviser_until,备注\n"
                      "示例县司法局,department,示例县人民政府,甲律师事务所,2020-01-01,2022-12-31,x\n"
                      "示例县审计局,department,示例县人民政府,,,,\n", encoding="utf-8")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("案号,案件类型,被告,原告,立案日期,结案日期,审理结果,负责人出庭\n"
                      "(2020)示0101行初1号,行政诉讼,示例县司法局,示例县某某有限公司,2020-03-02,2020-06-30,撤销,是\n",
                      encoding="utf-8")
    return em.triples + load_file(roster).triples + load_file(ledger).triples


def to_rdflib(triples) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data="".join(f"{t} .\n" for t in triples), format="nt")
    return g


# ---------------------------------------------------------------- HermiT

def hermit_consistent(g: rdflib.Graph, tmp_path: Path) -> bool:
    """Run HermiT (through owlready2) on ``g``: False when inconsistent or when a class is unsatisfiable.

    owlready2 reads N-Triples or RDF/XML, not Turtle, hence the conversion. xsd:date, xsd:gYearMonth and
    xsd:gYear (dates as precise as the text) are outside the OWL 2 datatype map, so HermiT is told to skip
    such literals; no date property has a range in the ontology, so nothing that could clash is skipped."""
    import owlready2

    nt = tmp_path / f"reason-{len(g)}.nt"
    g.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(nt.as_uri()).load()
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        return not list(world.inconsistent_classes())
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        world.close()


needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="HermiT needs Java: `make install` installs default-jre-headless")


@needs_java
@pytest.mark.slow
def test_hermit_finds_ontology_scheme_and_data_consistent_and_catches_a_wrong_datatype(onto, tmp_path):
    """One HermiT run for what is consistent: the ontology, the indicator scheme ingest writes into every store and
    the data the loaders emit, together (OWL is monotonic: a consistent whole without unsatisfiable classes means
    the ontology alone and the ontology with the scheme are too; each of those was a JVM run of its own)."""
    data = to_rdflib(emitted_sample(tmp_path)) + rdflib.Graph().parse(INDICATORS_TTL, format="turtle")
    # the shipped examples and a real report (when the shared corpus is there), through the real loaders
    for path in [*expand_paths([EXAMPLES] if EXAMPLES.is_dir() else []), *([SEED] if SEED.exists() else [])]:
        data += to_rdflib(load_file(path).triples)
    assert len(data) > 100
    assert hermit_consistent(onto + data, tmp_path)
    # the test can fail: a statistic whose value is not a number contradicts fz:value's range xsd:decimal (shown
    # on the sample alone: HermiT's second run need not reason over the examples and the report again)
    bad = to_rdflib(emitted_sample(tmp_path))
    stat = next(bad.subjects(RDF.type, rdflib.URIRef(FZ_NS + "Statistic")))
    bad.add((stat, rdflib.URIRef(FZ_NS + "value"), rdflib.Literal("many")))
    assert not hermit_consistent(onto + bad, tmp_path)


# ---------------------------------------------------------------- every term the code uses is declared

@pytest.mark.parametrize("ns", [vocab.FZ, *REUSED], ids=lambda ns: ns._base)
def test_every_vocab_term_is_declared(onto, ns):
    missing = [t.value for t in ns if not declared_types(onto, t.value)]
    assert not missing, f"not declared in {ONTOLOGY_TTL.name}: {missing}"


def test_builtin_namespaces_are_only_owl_reserved_vocabulary():
    for ns in (vocab.RDF, vocab.RDFS, vocab.XSD):
        assert ns._base in BUILTIN


def test_fz_terms_have_one_type_matching_their_case(onto):
    for term in vocab.FZ:
        types = declared_types(onto, term.value)
        local = term.value[len(FZ_NS):]
        assert len(types) == 1, f"fz:{local} declared as {types}"
        assert (OWL.Class in types) == local[0].isupper(), f"fz:{local}: classes are capitalised, properties not"


def test_no_stale_fz_declarations(onto):
    declared = {str(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(FZ_NS)}
    assert declared == {t.value for t in vocab.FZ}


def test_emitted_triples_use_properties_as_declared(onto, tmp_path):
    """Object properties link to IRIs, datatype properties to literals, rdf:type names a declared class."""
    for t in emitted_sample(tmp_path):
        p, o = t.predicate.value, t.object
        if p == vocab.RDF.type.value:
            assert OWL.Class in declared_types(onto, o.value), f"undeclared class {o.value}"
            continue
        types = declared_types(onto, p)
        assert types or p.startswith(BUILTIN), f"undeclared property {p}"
        if OWL.ObjectProperty in types:
            assert isinstance(o, pyoxigraph.NamedNode), f"{p} is an object property but got {o}"
        if OWL.DatatypeProperty in types:
            assert isinstance(o, pyoxigraph.Literal), f"{p} is a datatype property but got {o}"
        if p == FZ_NS + "value" or p == FZ_NS + "limitValue":
            assert o.datatype == vocab.XSD.decimal


_PNAME = re.compile(r"(?<![\w:?$])([A-Za-z][\w-]*)?:([A-Za-z_](?:[\w.-]*\w)?)")


def query_terms(text: str) -> set[str]:
    """The full IRIs of every prefixed name and <IRI> a SPARQL query uses (its PREFIX lines excepted)."""
    prefixes = dict(re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>", text))
    body = re.sub(r"(?im)^\s*PREFIX\s+.*$", "", text)
    body = re.sub(r"(?m)^\s*#.*$", "", body)
    body = re.sub(r'"(?:[^"\\]|\\.)*"', '""', body)
    iris = set(re.findall(r"<([^>\s]+)>", body))
    body = re.sub(r"<[^>\s]+>", "", body)
    for prefix, local in _PNAME.findall(body):
        assert prefix in prefixes, f"undeclared prefix {prefix}: in query"
        iris.add(prefixes[prefix] + local)
    return iris


def test_query_term_scanner_finds_paths_and_inverses():
    q = "PREFIX fz: <https://w3id.org/fazhi/ontology#>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n" \
        'SELECT ?x WHERE { ?x (^fz:bearer|fz:implements)* ?y ; fz:evidence/oa:exact "a:b" ; a <urn:x:y> }'
    assert query_terms(q) == {FZ_NS + "bearer", FZ_NS + "implements", FZ_NS + "evidence",
                              "http://www.w3.org/ns/oa#exact", "urn:x:y"}


@pytest.mark.parametrize("rq", sorted(QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_every_term_in_the_named_queries_is_declared(onto, rq):
    missing = sorted(i for i in query_terms(rq.read_text(encoding="utf-8"))
                     if not i.startswith(BUILTIN) and not declared_types(onto, i))
    assert not missing, f"{rq.name} uses terms not declared in {ONTOLOGY_TTL.name}: {missing}"


def shape_terms(g: rdflib.Graph) -> set[str]:
    """Classes and properties the shapes use: targets, sh:class, every IRI inside an sh:path, and the terms
    of SPARQL-based constraints (with the prefixes the shapes declare, else the vocabulary's)."""
    out = set()
    for p in (SH.targetClass, SH["class"], SH.targetSubjectsOf, SH.targetObjectsOf):
        out |= {str(o) for o in g.objects(None, p) if isinstance(o, rdflib.URIRef)}
    stack = list(g.objects(None, SH.path))
    while stack:
        node = stack.pop()
        if isinstance(node, rdflib.URIRef):
            if node != RDF.nil:
                out.add(str(node))
            continue
        for _, p, o in g.triples((node, None, None)):
            stack.append(o)
    prefixes = dict(vocab.PREFIXES)
    for decl in g.objects(None, SH.declare):
        prefixes[str(g.value(decl, SH.prefix))] = str(g.value(decl, SH.namespace))
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
    for p in (SH.select, SH.ask, SH.construct, SH.update):
        for query in g.objects(None, p):
            out |= query_terms(header + str(query))
    return out


def test_shape_term_scanner_reads_paths_targets_and_sparql():
    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix fz: <https://w3id.org/fazhi/ontology#> .
        @prefix oa: <http://www.w3.org/ns/oa#> .
        fz:S a sh:NodeShape ; sh:targetClass fz:Award ;
          sh:property [ sh:path ( fz:evidence [ sh:inversePath oa:hasSource ] ) ; sh:class fz:Evidence ] ;
          sh:sparql [ sh:select "SELECT $this WHERE { $this fz:hasAdviser/fz:termEnd ?e }" ] ."""
    assert shape_terms(rdflib.Graph().parse(data=shapes, format="turtle")) == {
        FZ_NS + t for t in ("Award", "evidence", "Evidence", "hasAdviser", "termEnd")} | {vocab.OA.hasSource.value}


def test_every_term_in_the_shapes_is_declared(onto):
    if not SHAPES_TTL.exists():
        pytest.skip(f"{SHAPES_TTL.name} not written yet")
    missing = sorted(i for i in shape_terms(rdflib.Graph().parse(SHAPES_TTL, format="turtle"))
                     if not i.startswith(BUILTIN) and not declared_types(onto, i))
    assert not missing, f"{SHAPES_TTL.name} uses terms not declared in {ONTOLOGY_TTL.name}: {missing}"


# ---------------------------------------------------------------- the file itself

def test_turtle_parses_with_rdflib_and_pyoxigraph(onto):
    ox = pyoxigraph.Store()
    ox.load(path=str(ONTOLOGY_TTL), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(ox) == len(onto) > 500


def test_every_fz_term_has_zh_and_en_label_and_en_comment(onto):
    for term in vocab.FZ:
        s = rdflib.URIRef(term.value)
        labels = {o.language for o in onto.objects(s, RDFS.label)}
        comments = {o.language for o in onto.objects(s, RDFS.comment)}
        assert {"zh", "en"} <= labels, f"{term.value} labels {labels}"
        assert "en" in comments, f"{term.value} has no English comment"


def test_header_and_alignment_with_w3c_vocabularies(onto):
    header = rdflib.URIRef("https://w3id.org/fazhi/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) and onto.value(header, OWL.versionIRI)
    assert not list(onto.objects(header, OWL.imports)), "standalone: no imports that need the network"
    U = rdflib.URIRef
    expect = [("Agency", RDFS.subClassOf, vocab.ORG.Organization),
              ("Document", RDFS.subClassOf, vocab.ELI.LegalResource), ("Document", RDFS.subClassOf, vocab.PROV.Entity),
              ("Obligation", RDFS.subClassOf, vocab.ODRL.Duty),
              ("Evidence", RDFS.subClassOf, vocab.OA.SpecificResource),
              ("evidence", RDFS.subPropertyOf, vocab.PROV.wasDerivedFrom),
              ("implements", RDFS.subPropertyOf, vocab.ELI.based_on),
              ("bearer", RDFS.subPropertyOf, vocab.ODRL.assignee)]
    for s, p, o in expect:
        assert (U(FZ_NS + s), p, U(o.value)) in onto, f"fz:{s} {p} {o.value}"


def test_ontology_is_shipped_with_the_package():
    assert ONTOLOGY_TTL.is_file()
    assert resources.files("fazhi.ontology").joinpath("fazhi.ttl").is_file()


def test_the_turtle_example_in_the_docs_parses_and_uses_declared_terms(onto):
    doc = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"
    if not doc.exists():
        pytest.skip("docs/ontology.md is not in this checkout")
    example = re.search(r"```turtle\n(.*?)```", doc.read_text(encoding="utf-8"), re.S).group(1)
    g = rdflib.Graph().parse(data=example, format="turtle")
    used = {str(p) for p in g.predicates()} | {str(o) for o in g.objects(None, RDF.type)}
    assert not [t for t in used if not t.startswith(BUILTIN) and not declared_types(onto, t)]
