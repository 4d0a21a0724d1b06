"""IRI minting is total: any name, title or document number a report can print gives a valid IRI, the same
one in every run, while the printed form stays in the label; and no such text ends a report in an
internal error."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode

from fazhi.graph.errors import LoadError
from fazhi.ontology.ids import agency_iri, doc_key, document_iri, place_iri, slug

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# what real pages print inside names and numbers: every bracket style, separators, quotes, control and
# private-use characters, full-width forms
_PRINTED = "[]【】〔〕()（）{}<>〈〉《》|\\^`\"'“”‘’#%?/ \t\u3000\x00\x01\x7f\u200b\ufeff\ue000\ufffe－—～·•:："
printed = st.text(alphabet=st.sampled_from(_PRINTED) | st.characters(), max_size=400)
numbers = st.builds(lambda pre, o, y, c, n: f"{pre}{o}{y}{c}{n}号",
                    st.sampled_from(["朝交发", "闽政", "天政发", "国办发", "x", ""]),
                    st.sampled_from(list("[〔【(（<〈 ")), st.integers(1990, 2030).map(str),
                    st.sampled_from(list("]〕】)）>〉 ")), st.integers(0, 999).map(str))


@FAST
@given(printed)
def test_any_text_mints_a_valid_stable_iri(text):
    for make in (agency_iri, place_iri):
        iri = make(text)
        assert NamedNode(iri.value) == iri            # parses again: a valid IRI
        assert make(text) == iri                      # stable
    assert slug(text) == slug(text)


@FAST
@given(numbers | printed, printed)
def test_any_document_number_and_title_mint(number, title):
    iri = document_iri(doc_key(number, title))
    assert NamedNode(iri.value) == iri
    assert document_iri(doc_key(number, title)) == iri


def test_printed_brackets_do_not_collide_by_dropping():
    """Characters an IRI cannot hold are escaped, not dropped: A|B and AB stay two names."""
    assert slug("甲|乙") != slug("甲乙")
    assert slug("甲 乙") == slug("甲乙")             # whitespace carries no meaning inside a Chinese name
    assert "[" not in document_iri(doc_key("", "[天政发〔2026〕7号]报告")).value


def test_a_long_title_keeps_its_start_and_stays_unique():
    a, b = "关于" + "很" * 500 + "甲", "关于" + "很" * 500 + "乙"
    assert slug(a) != slug(b) and slug(a).startswith("关于很")
    assert len(document_iri(doc_key("", a)).value) < 300


_TEMPLATE = ("{issuer}关于2024年度法治政府建设情况的报告\n{number}\n\n"
             "一、主要举措\n{issuer}认真贯彻《{title}》和{number}，县司法局牵头办理行政复议案件12件。\n"
             "{name}被评为“{title}”示范单位。\n\n{issuer}\n2025年1月20日\n")


@SLOW
@given(numbers | printed, printed, printed, printed)
def test_a_report_printing_anything_goes_in_or_fails_cleanly(number, title, name, issuer):
    from fazhi.loaders.pipeline import load_file

    text = _TEMPLATE.format(number=number, title=title, name=name, issuer=issuer or "示例县人民政府")
    with tempfile.TemporaryDirectory(prefix="fazhi-mint-") as d:
        p = Path(d) / "report.txt"
        p.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            loaded = load_file(p)
        except LoadError as e:
            assert "internal error" not in e.reason, e.reason
            return
    for t in loaded.triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, NamedNode):
                NamedNode(term.value)
