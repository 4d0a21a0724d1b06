-- fazhi on Virtuoso 7 (tested with Debian's virtuoso-opensource 7.2.5): run once, as dba, on the server that
-- will hold fazhi's graphs:   isql-vt 1111 dba DBA_PASSWORD < deploy/virtuoso/setup.sql
-- The test suite starts every throw-away Virtuoso with this very file (tests/virtuoso.py).

-- 1. The /sparql endpoint takes updates, so `fazhi --endpoint http://HOST:8890/sparql
--    --update-endpoint http://HOST:8890/sparql ingest ...` can write. Anyone who reaches that endpoint can then
--    write too: keep the HTTP port on loopback (or behind a proxy that only lets fazhi's ingest through).
GRANT SPARQL_UPDATE TO "SPARQL";

-- 2. Virtuoso's own graphs out of sight of the SPARQL endpoint. Its default graph is the union of ALL graphs,
--    its own included (the quad maps in virtrdf#, the OWL and LDP vocabularies, the DAV folder listing, the
--    endpoint's service description: ~5,600 triples on a fresh server); made private, the union holds
--    fazhi's graphs only, as on the embedded store (an ad-hoc `?s rdfs:label ?l` no longer lists OWL's
--    terms). Graphs fazhi writes stay public: the default permissions of "nobody" (the endpoint's user)
--    apply to them; private graphs get none.
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.openlinksw.com/schemas/virtrdf#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.w3.org/2002/07/owl#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.w3.org/ns/ldp#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://' || cfg_item_value (virtuoso_ini_path (), 'URIQA', 'DefaultHost') || '/DAV/');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://' || cfg_item_value (virtuoso_ini_path (), 'URIQA', 'DefaultHost') || '/sparql');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
