"""Every RDF term the code uses, as constants, so a misspelt term fails on import.

The terms are declared in ``fazhi.ttl``; ``tests/test_ontology.py`` checks that every ``FZ`` term used
here is declared there. Reused vocabularies (W3C ORG, ELI, PROV-O, Web Annotation, ODRL) keep their own
namespaces.

>>> FZ.Report.value
'https://w3id.org/fazhi/ontology#Report'
"""
from pyoxigraph import NamedNode

FZ_NS = "https://w3id.org/fazhi/ontology#"
ID_NS = "https://w3id.org/fazhi/id/"
SOURCE_NS = "https://w3id.org/fazhi/source/"
INDICATOR_NS = "https://w3id.org/fazhi/indicator/"     # ontology/indicators.ttl: fzi:reconsideration.closed

PREFIXES = {
    "fz": FZ_NS,
    "fzid": ID_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "sh": "http://www.w3.org/ns/shacl#",
}


class Namespace:
    """Attribute access to the terms of one namespace; only the names listed are allowed."""

    def __init__(self, base: str, names: str):
        self._base = base
        self._names = frozenset(names.split())

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{name} is not a term of {self._base}")
        node = NamedNode(self._base + name)
        setattr(self, name, node)   # cached: later look-ups no longer reach __getattr__ (hot in emit)
        return node

    def __iter__(self):
        return (NamedNode(self._base + n) for n in sorted(self._names))

    def __contains__(self, term) -> bool:
        value = getattr(term, "value", term)
        return value.startswith(self._base) and value[len(self._base):] in self._names


FZ = Namespace(FZ_NS, """
    Agency Place Document Report LegalNorm Plan Notice Opinion Statistic Case Obligation Task Award
    Institution Problem NextStep Roster RosterUnit AdviserAppointment AdviserStatement Evidence Source CollectiveUnit Fulfilment Assignment
    kind level jurisdiction placeName housedIn
    documentKind period generatedDate indexNumber addressee normalizedText sourceFile sourceUrl contentHash
    implements promulgates abbreviation
    subject metric value unit qualifier partOf reportedIn
    text bearer leadUnit action limitValue limitUnit limitKind sourceDocument derivedFrom fulfils
    bearerList bearerNameList assignedDuty assignee assignedBy role unitReport canonicalTitle
    rowAgency rowName rowKind rowLevel rowParent rowParentName rowJurisdiction rowHousedIn rowHousedInName
    rowDocument rowTitle rowNumber rowIssuer rowIssuerName rowDate rowFullTitle rowLabel
    recipient awardTitle conferredBy recipientName conferrerList conferrerNameList
    institutionName problemText planText
    inRoster appointingUnit adviserName termStart termEnd hasAdviser adviserPresent adviserStatement extraProperty
    evidence evidenceText mentionedIn section
    Indicator indicator indicatorRule indicatorWording indicatorQualifier
    unitKind unitWord topicWord measureWord excludedWord contextWord qualifierWord notIndicatorWord
    CaseLedger CaseOutcome caseNumber caseType caseMeasure respondent applicant filedOn closedOn outcome headAppeared
    inLedger countsAsCorrection selectedFor selectionAward
""")
RDF = Namespace(PREFIXES["rdf"], "type value")
RDFS = Namespace(PREFIXES["rdfs"], "label comment subClassOf subPropertyOf domain range")
SKOS = Namespace(PREFIXES["skos"], "prefLabel altLabel Concept ConceptScheme notation definition scopeNote broader "
                                    "inScheme hasTopConcept topConceptOf")
DCTERMS = Namespace(PREFIXES["dcterms"], "date title identifier conformsTo")
ORG = Namespace(PREFIXES["org"], "Organization FormalOrganization OrganizationalUnit subOrganizationOf classification")
ELI = Namespace(PREFIXES["eli"], "LegalResource title id_local passed_by date_document type_document cites based_on")
PROV = Namespace(PREFIXES["prov"], "Entity wasDerivedFrom generatedAtTime hadPrimarySource")
OA = Namespace(PREFIXES["oa"], "SpecificResource TextPositionSelector TextQuoteSelector FragmentSelector hasSource "
                                "hasSelector start end exact")
ODRL = Namespace(PREFIXES["odrl"], "Duty assignee")
XSD = Namespace(PREFIXES["xsd"], "string integer decimal date gYear gYearMonth boolean")


def sparql_prefixes() -> str:
    """The PREFIX lines for every namespace above, to put in front of a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
