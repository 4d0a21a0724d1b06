"""IRI minting: the same name gives the same IRI in every report, so facts from many reports join up.

An IRI is part of the vocabulary: loaders mint with these functions and queries look documents up by the
same keys (``number_key``, ``doc_key``), so both take them from here, below either of them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

from fazhi.ontology.vocab import ID_NS, SOURCE_NS

# What may stand in an IRI path segment unescaped (RFC 3987 ipchar minus "/"): letters, digits, -._~, the
# sub-delims, ":" "@", and the ucschar ranges (Chinese included). Everything else a report can print
# (brackets [] as in 朝交发[2022]97号, | < > quotes, control characters, private-use and unassigned
# code points) is percent-encoded, so minting is total and two printings never collide by dropping.
# (compiled on first use: its character set takes ~10 ms to compile, which a `fazhi query` never needs)
_NOT_IPCHAR = "[^A-Za-z0-9\\-._~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" \
              "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd]"
_SPACES = re.compile(r"\s+")
SLUG_MAX = 160  # characters kept of a very long name; the rest is stood for by a hash of the whole


def _escape(m: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """Text made safe for the path of an IRI: whitespace dropped (it carries no meaning in a Chinese name),
    ``%`` written full-width, any other character an IRI path cannot hold percent-encoded; a name longer
    than ``SLUG_MAX`` keeps its start and a hash of the whole. Total: every string gives a valid IRI path
    segment, the same one in every run.

    >>> slug("上蔡县 司法局")
    '上蔡县司法局'
    >>> slug("[天政发〔2026〕7号]报告|<x>")
    '%5B天政发〔2026〕7号%5D报告%7C%3Cx%3E'
    >>> len(slug("很" * 1000)) == SLUG_MAX + 17
    True
    """
    s = re.sub(_NOT_IPCHAR, _escape, _SPACES.sub("", text).replace("%", "％"))
    if len(s) > SLUG_MAX:
        cut = s[:SLUG_MAX]
        cut = re.sub(r"%[0-9A-F]?$", "", cut)  # never leave half an escape at the cut
        s = cut + "~" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return s


@lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    """A document number with its year brackets unified, for matching across bracket styles.

    >>> number_key("上政【2020】31号") == number_key("上政〔2020〕31号") == number_key("上政[2020]31号")
    True
    >>> number_key("闽委发﹝2016﹞11号") == number_key("闽委发［2016］11号") == number_key("闽委发〔2016〕11号")
    True
    """
    s = unicodedata.normalize("NFKC", number)
    m = re.match(r"^(.*?)[\[【(〔]\s*(\d{4})\s*[\]】)〕](.*)$", s.strip())
    if not m:
        return re.sub(r"\s+", "", s)
    return re.sub(r"\s+", "", f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}")


# what a printing may vary without naming another document: brackets of every kind, dashes, the marks
# around a nested title (〈〉 <> 《》) and quotes
_TITLE_FOLD = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "—": "-", "–": "-",
                             "―": "-", "~": "-", "〜": "-", "〈": None, "〉": None, "<": None, ">": None, "‹": None,
                             "›": None, "《": None, "》": None, "“": None, "”": None, '"': None, "‘": None, "’": None,
                             "「": None, "」": None, "『": None, "』": None})
# a span of years, however printed: (2021-2025年), (2021—2025), 2021年-2025年, (2021至2025年), and (20212025年)
# where scraping dropped the dash (two years run together are a span only in brackets or before 年)
_YEAR_SPAN = re.compile(r"\(?((?:19|20)\d{2})年?(?:-+|至|到)((?:19|20)\d{2})年?\)?|"
                        r"\(((?:19|20)\d{2})((?:19|20)\d{2})年?\)|((?:19|20)\d{2})((?:19|20)\d{2})年")


def _span(m: re.Match) -> str:
    a, b = [g for g in m.groups() if g]
    return f"({a}-{b})" if 0 < int(b) - int(a) <= 30 else m.group(0)


@lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """A title as it identifies a document across printings: width, brackets, dashes, quotes, the marks around a
    nested title, the way a span of years is written and the 中华人民共和国 before a law's name do not count.

    >>> spans = ("（2021—2025年）", "(2021-2025)", "（２０２１－２０２５年）", "(20212025年)", "2021-2025年")
    >>> {title_key("法治政府建设实施纲要" + s) for s in spans}
    {'法治政府建设实施纲要(2021-2025)'}
    >>> title_key("中华人民共和国民法典") == title_key("民法典")
    True
    >>> title_key("关于印发〈X方案〉的通知") == title_key("关于印发<X方案>的通知") == title_key("关于印发X方案的通知")
    True
    >>> title_key("2020年工作要点") == title_key("2021年工作要点")
    False
    """
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", title)).translate(_TITLE_FOLD)
    s = _YEAR_SPAN.sub(_span, s)
    if s.startswith("中华人民共和国") and len(s) > 8:
        s = s[7:]
    return s


@lru_cache(maxsize=4096)
def doc_key(number: str, title: str) -> str:
    """What identifies a document: its number (brackets unified) when given, else its title (``title_key``).
    Which of the two a citation should be known by is the loaders' choice (``facts.document_key``).

    >>> doc_key("", "纲要(2021—2025年)") == doc_key("", "纲要（2021-2025年）")
    True
    """
    if number:
        return "n:" + number_key(number)
    return "t:" + title_key(title)


# the IRI functions are cached: the same bodies, places and documents recur in report after report, and
# making a NamedNode (which checks the IRI) costs more than the look-up
@lru_cache(maxsize=8192)
def agency_iri(name: str, scope: NamedNode | None = None) -> NamedNode:
    """IRI of an agency by its canonical name; a name that says no place (区委, 分局 in a report that never
    names its district) is scoped to the report it came from, so two districts' 区委 stay two agencies.

    >>> agency_iri("上蔡县司法局").value.rsplit("/", 1)[-1]
    '上蔡县司法局'
    >>> agency_iri("区委", NamedNode("https://w3id.org/fazhi/id/doc/r")).value.rsplit("/", 1)[-1]
    '区委~eda03cc24fbb'
    """
    if scope is not None:
        return NamedNode(ID_NS + "agency/" + slug(name) + "~" + hashlib.sha1(scope.value.encode()).hexdigest()[:12])
    return NamedNode(ID_NS + "agency/" + slug(name))


@lru_cache(maxsize=8192)
def place_iri(name: str) -> NamedNode:
    return NamedNode(ID_NS + "place/" + slug(name))


@lru_cache(maxsize=8192)
def document_iri(key: str) -> NamedNode:
    """IRI of a document from its key (see ``doc_key``): by number when it has one, else by title."""
    kind, _, value = key.partition(":")
    return NamedNode(ID_NS + ("docno/" if kind == "n" else "doc/") + slug(value))


def fact_iri(report: NamedNode, kind: str, *parts) -> NamedNode:
    """IRI of a fact read from a report: the report's IRI, the kind of fact and its position."""
    return NamedNode(fact_iri_value(report, kind, *parts))


def fact_iri_value(report: NamedNode, kind: str, *parts) -> str:
    """``fact_iri`` as a string (a hash, a kind and numbers: always a valid IRI)."""
    return fact_prefix(report) + f"{kind}/" + "-".join(map(str, parts))


def fact_prefix(report: NamedNode) -> str:
    """What every fact IRI of a report starts with (then ``kind/part-part``), for writers that mint many.

    >>> fact_prefix(NamedNode("https://w3id.org/fazhi/id/doc/r"))
    'https://w3id.org/fazhi/id/fact/eda03cc24fbb/'
    """
    return f"{ID_NS}fact/{_short_hash(report.value)}/"


@lru_cache(maxsize=64)
def _short_hash(value: str) -> str:
    # a report mints hundreds of fact IRIs: hash its own IRI once
    return hashlib.sha1(value.encode()).hexdigest()[:12]


def source_graph(path_key: str) -> NamedNode:
    """The named graph that holds everything one source file gave (keyed by its absolute path)."""
    return NamedNode(SOURCE_NS + hashlib.sha1(path_key.encode()).hexdigest()[:20])


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assignment_iri(duty: str, unit: str, source: str) -> str:
    """The IRI of a duty's assignment to a unit by a document (IRIs as strings): the same three, the same IRI."""
    h = hashlib.sha1(f"{duty} {unit} {source}".encode()).hexdigest()[:20]
    return f"{ID_NS}assignment/{h}"


def row_iri(table: str, cells: tuple[str, ...], copy: int = 0) -> NamedNode:
    """The IRI of a precomputed row of a named query's table (loaders/derived/rows.py): the table, a digest of
    its cells (N-Triples forms) and which copy of those cells it is (a table may show two equal rows). The same
    rows give the same IRIs on every store."""
    h = hashlib.sha1("\t".join((table, *cells, str(copy))).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return NamedNode(f"{ID_NS}row/{table}/{h}")


_CASE_NUMBER = re.compile(r"(?:19|20)\d{2}.*[\u4e00-\u9fff]|[\u4e00-\u9fff].*(?:19|20)\d{2}")


def case_iri(number: str, ledger: NamedNode) -> NamedNode:
    """IRI of a case by its number: a case number with a year and a body's characters ((2023)清府复字第3号)
    names one case wherever it is listed, so two ledgers listing it give one node; a bare serial number (3,
    A-07) means something only in its own ledger, so it is scoped to that ledger.

    >>> case_iri("清府复〔2023〕3号", NamedNode("https://w3id.org/fazhi/id/x")).value.rsplit("/", 1)[-1]
    '清府复〔2023〕3号'
    >>> case_iri("7", NamedNode("https://w3id.org/fazhi/id/x")).value.rsplit("/", 1)[-1]
    '7~bb9275e46ab4'
    """
    if _CASE_NUMBER.search(number):
        return NamedNode(ID_NS + "case/" + slug(number))
    return NamedNode(ID_NS + "case/" + slug(number) + "~" + hashlib.sha1(ledger.value.encode()).hexdigest()[:12])
