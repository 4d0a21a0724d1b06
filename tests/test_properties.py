"""Property-based tests (hypothesis): normalisation keeps a true offset map, the simplified view keeps
offsets, and the readers and the report loader raise nothing but LoadError on arbitrary input, with
evidence offsets that always point at the quoted text."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.graph.errors import LoadError
from fazhi.loaders.text import fold_char, normalize, to_simplified

DATA = Path(__file__).resolve().parent / "data" / "inputs"
REPORT_LINES = [ln for ln in (DATA / "heming_2022.txt").read_text(encoding="utf-8").split("\n")]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# characters that stress normalisation: full-width forms, odd spaces, line ends, brackets, traditional
# characters, compatibility forms that NFKC expands, BOM and zero-width marks
_TRICKY = "　 \t\r\n\u00a0\u200b\ufeff\u00ad（）〔〕【】《》“”：；，。！？１２３ＡＢ％㈱①⑩ⅻ㎡區縣政府堅持條例與為"
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(codec="utf-8"), max_size=300)
reportish = st.lists(st.sampled_from(REPORT_LINES) | tricky_text | st.sampled_from(
    ["", "鹤鸣县人民政府", "2022年3月15日", "索引号: X", "文号: 鹤政文〔2022〕9号", "一、", "(一)", "市政府:"]),
    max_size=30).map("\n".join)


@FAST
@given(tricky_text)
def test_normalize_offsets_map_back(raw):
    n = normalize(raw)
    assert len(n.origin) == len(n.text)
    assert all(a <= b for a, b in zip(n.origin, n.origin[1:])), "origin must not go backwards"
    for i, c in enumerate(n.text):
        assert 0 <= n.origin[i] < len(raw)
        assert c in fold_char(raw[n.origin[i]]) or (c == " " and fold_char(raw[n.origin[i]]).isspace()), \
            (i, c, raw[n.origin[i]])


@FAST
@given(reportish)
def test_normalize_spans_map_to_original(raw):
    n = normalize(raw)
    if not n.text:
        return
    a, b = 0, len(n.text)
    oa, ob = n.original_span(a, b)
    # the original span normalises to (at least) the same characters
    assert normalize(raw[oa:ob]).text.replace(" ", "") == n.text.replace(" ", "")


@FAST
@given(tricky_text | reportish)
def test_simplified_view_keeps_offsets(text):
    s = to_simplified(text)
    assert len(s) == len(text)
    # only Chinese characters change, and a line break stays a line break
    for a, b in zip(text, s):
        assert a == b or ("\u3400" <= a <= "\u9fff" or "\uf900" <= a <= "\ufaff" or a > "\uffff"), (a, b)
        assert (a == "\n") == (b == "\n")


@FAST
@given(st.binary(max_size=2000) | tricky_text.map(lambda t: t.encode("utf-8"))
       | reportish.map(lambda t: t.encode("gb18030", "replace")))
def test_decode_text_only_raises_load_error(data):
    from fazhi.loaders.readers import decode_text

    try:
        text = decode_text(data, Path("x.txt"))
    except LoadError:
        return
    assert isinstance(text, str)


@contextmanager
def _written(suffix: str, data: bytes):
    """A temporary file holding ``data`` (hypothesis runs many examples per test: no tmp_path fixture)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-prop-") as d:
        p = Path(d) / f"input{suffix}"
        p.write_bytes(data)
        yield p


html_pages = st.builds(
    lambda head, body, cs: (f'<html><head><meta charset="{cs}"><title>{head}</title><script>var x="{head}";'
                            f'</script></head><body><div class="nav">首页</div><div id="zoom">{body}</div>'
                            f'<div class="footer">版权所有</div></body></html>').encode("utf-8" if cs == "utf-8"
                                                                                        else "gb18030", "replace"),
    tricky_text, reportish.map(lambda t: "".join(f"<p>{ln}</p>" for ln in t.split("\n"))),
    st.sampled_from(["utf-8", "gb2312", "bogus-charset"]))


@SLOW
@given(st.sampled_from([".txt", ".html", ".htm", ".docx", ".pdf", ".csv"]),
       st.binary(max_size=1500) | html_pages | reportish.map(lambda t: t.encode("utf-8")))
def test_any_file_raises_only_load_error(suffix, data):
    from fazhi.loaders.pipeline import load_file

    with _written(suffix, data) as p:
        try:
            load_file(p)
        except LoadError as e:
            assert "internal error" not in e.reason, e.reason
            assert "\n" not in e.reason


def _evidence(triples) -> dict[str, dict]:
    """Evidence node → {start, end, quote} from a source's triples."""
    ev: dict[str, dict] = {}
    for t in triples:
        p = t.predicate.value
        s = t.subject.value
        if p.endswith("#start"):
            ev.setdefault(s.rsplit("#", 1)[0], {})["start"] = int(t.object.value)
        elif p.endswith("#end"):
            ev.setdefault(s.rsplit("#", 1)[0], {})["end"] = int(t.object.value)
        elif p.endswith("#exact"):
            ev.setdefault(s.rsplit("#", 1)[0], {})["quote"] = t.object.value
    return ev


@SLOW
@given(reportish)
def test_report_loader_offsets_point_at_the_quote(text):
    from fazhi.loaders.pipeline import load_file, read_report

    with _written(".txt", text.encode("utf-8")) as p:
        try:
            doc = read_report(p)
            loaded = load_file(p)
        except LoadError as e:
            assert "internal error" not in e.reason, e.reason
            return
    for node, e in _evidence(loaded.triples).items():
        assert set(e) == {"start", "end", "quote"}, (node, e)
        assert 0 <= e["start"] < e["end"] <= len(doc.text)
        assert doc.text[e["start"]:e["end"]] == e["quote"], node


def test_seed_like_report_offsets_point_at_the_quote():
    """The same property on the full fictional report, where extractors find many facts."""
    from fazhi.loaders.pipeline import load_file, read_report

    path = DATA / "heming_2022.txt"
    doc = read_report(path)
    ev = _evidence(load_file(path).triples)
    assert ev
    for e in ev.values():
        assert doc.text[e["start"]:e["end"]] == e["quote"]
