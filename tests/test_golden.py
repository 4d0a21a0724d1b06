"""Golden cases: each folder of tests/cases/ is ingested into one store, and the exported graph (every named
graph) must equal the case's expected.nq as a graph. ``pytest --update-golden`` rewrites the expected files.

A case folder holds ``case.toml`` (what it reads; see tests/cases/README.md), optionally its own input files,
and ``expected.nq``. The run-dependent terms are normalised as ``goldgraph`` describes.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SHARED
from goldgraph import Normaliser, diff, leaks, quad_lines, read_nquads, stable_names, write_nquads

CASES = ROOT / "tests" / "cases"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "case.toml").exists())


def case_files(case: Path) -> dict[Path, str]:
    """The files a case reads (what ingest reads of the folders named) → their names in the case; skips the case
    when it reads the shared corpus and that is absent."""
    from fazhi.loaders.pipeline import expand_paths

    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    if spec.get("shared") and not SHARED.exists():
        pytest.skip(f"shared corpus not available at {SHARED}")
    files: dict[Path, str] = {}
    for root, label, names in ((ROOT, "", spec.get("inputs", [])), (SHARED, "shared/", spec.get("shared", []))):
        for name in names:
            if not (root / name).exists():
                pytest.fail(f"{case.name}: input {label}{name} does not exist")
            for f in expand_paths([root / name]):
                files[f] = label + f.relative_to(root).as_posix()
    for f in expand_paths([case]):  # a case's own input files
        files[f] = f"cases/{case.name}/{f.name}"
    return files


@pytest.fixture(params=case_names())
def case(request) -> Path:
    return CASES / request.param


def test_golden_case(case, tmp_path, request):
    import pyoxigraph as ox

    from fazhi.graph.export import export_bytes
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    files = case_files(case)
    assert files, f"{case.name} reads no file"
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        outcomes = ingest(store, list(files))
        failed = [f"{o.path}: {o.error}" for o in outcomes if o.error]
        assert not failed, "\n".join(failed)
        nq = export_bytes(store, "nq")
    norm = Normaliser(stable_names(files), spec.get("digest_over"))
    actual = quad_lines(norm.quad(q) for q in ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    leaked = leaks(actual, [str(ROOT), str(SHARED), str(tmp_path)])
    assert not leaked, "run-dependent terms left after normalising:\n" + "\n".join(leaked[:10])
    expected_file = case / "expected.nq"
    if request.config.getoption("--update-golden"):
        write_nquads(expected_file, actual)
        return
    assert expected_file.exists(), f"{expected_file} is missing: run pytest --update-golden to write it"
    expected = read_nquads(expected_file)
    if actual != expected:  # (pytest's own set diff would follow, unreadable at this size)
        pytest.fail(f"{case.name}: the graph differs from expected.nq (pytest --update-golden rewrites it "
                    f"when the change is meant)\n" + diff(expected, actual, digested=norm.digested), pytrace=False)


def test_diff_is_readable():
    """The diff names each side, groups by subject, shortens IRIs and stops at its limit."""
    s = "<https://w3id.org/fazhi/id/agency/甲>"
    p = "<http://www.w3.org/2000/01/rdf-schema#label>"
    expected = {f'{s} {p} "甲"', f'{s} {p} "乙"'}
    actual = {f'{s} {p} "甲"', f'{s} {p} "丙"'} | {f'{s} {p} "{i}"' for i in range(100)}
    text = diff(expected, actual, limit=5)
    assert text.splitlines()[:3] == ["only in expected: 1 quads", "  fzid:agency/甲", '    rdfs:label "乙"']
    assert "only in actual: 101 quads" in text and "... 96 more" in text


def test_blank_nodes_compare_by_isomorphism():
    """Two graphs that differ only in their blank nodes' labels are equal; a changed value is not."""
    import pyoxigraph as ox

    def graph(a: str, b: str, value: str):
        s = ox.NamedNode("http://x/s")
        p = ox.NamedNode("http://x/p")
        return [ox.Quad(s, p, ox.BlankNode(a)), ox.Quad(ox.BlankNode(a), p, ox.Literal(value)),
                ox.Quad(ox.BlankNode(a), p, ox.BlankNode(b)), ox.Quad(ox.BlankNode(b), p, ox.Literal("z"))]

    assert quad_lines(graph("a", "b", "v")) == quad_lines(graph("n1", "n2", "v"))
    assert quad_lines(graph("a", "b", "v")) != quad_lines(graph("a", "b", "w"))


def test_normalising_maps_every_run_dependent_term(tmp_path):
    """The same file ingested from two folders gives the same lines once normalised (source graph, roster
    fact IRIs, fz:sourceFile), and a long literal becomes a digest when asked."""
    import pyoxigraph as ox

    from fazhi.graph.export import export_bytes
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    runs = []
    for where in ("a", "b/c"):
        folder = tmp_path / where
        folder.mkdir(parents=True)
        roster = folder / "units.csv"
        roster.write_text("单位名称,法律顾问\n示例县司法局,张三\n", encoding="utf-8")
        with open_store(f"oxigraph:{folder / 'store'}") as store:
            assert ingest(store, [roster])[0].ok
            nq = export_bytes(store, "nq")
        norm = Normaliser(stable_names({roster: "units.csv"}), digest_over=10)
        lines = quad_lines(norm.quad(q) for q in ox.parse(nq, format=ox.RdfFormat.N_QUADS))
        assert not leaks(lines, [str(tmp_path)])
        runs.append(lines)
    assert runs[0] == runs[1]
    assert any("/source/units.csv>" in line for line in runs[0])
    assert any("golden#digest" in line for line in runs[0])  # the label 示例县司法局: 张三 is longer than 10
