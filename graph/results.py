"""The small results object every query returns, and its CSV / JSON / table renderings."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, serialize


@dataclass
class Results:
    """Rows of a SELECT: ``columns`` in order, ``rows`` as tuples of terms (None when unbound)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    truncated: bool = False
    elapsed: float = 0.0

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[list[str]]:
        """Rows as plain strings: IRIs in full, literals as their lexical value, unbound as ''."""
        return [[plain(t) for t in row] for row in self.rows]

    def dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, r)) for r in self.values()]

    def to_csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows(self.values())
        return out.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        bindings = []
        for row in self.rows:
            b = {}
            for name, term in zip(self.columns, row):
                if term is not None:
                    b[name] = term_json(term)
            bindings.append(b)
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV: a header of ?variables, terms in their N-Triples/Turtle form."""
        lines = ["\t".join(f"?{c}" for c in self.columns)]
        lines += ["\t".join("" if t is None else _tsv_term(t) for t in row) for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_xml(self) -> str:
        """SPARQL Query Results XML Format."""
        from xml.sax.saxutils import escape, quoteattr

        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(c)}/>" for c in self.columns]
        out += ["</head>", "<results>"]
        for row in self.rows:
            out.append("<result>")
            for name, term in zip(self.columns, row):
                if term is not None:
                    out.append(f"<binding name={quoteattr(name)}>{_xml_term(term, escape, quoteattr)}</binding>")
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out) + "\n"

    def to_table(self, width: int = 40) -> str:
        vals = [[v if len(v) <= width else v[: width - 1] + "…" for v in r] for r in self.values()]
        widths = [max([len(c)] + [len(r[i]) for r in vals]) for i, c in enumerate(self.columns)]
        lines = [" | ".join(c.ljust(w) for c, w in zip(self.columns, widths)),
                 "-+-".join("-" * w for w in widths)]
        lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths)) for r in vals]
        lines.append(f"({len(self.rows)} rows{', truncated' if self.truncated else ''})")
        return "\n".join(lines) + "\n"

    def render(self, fmt: str) -> str:
        return {"csv": self.to_csv, "json": self.to_json, "table": self.to_table}[fmt]()


def sort_joined(results: Results, joined: dict[str, str]) -> Results:
    """``results`` with the parts of each joined column (column → separator: what GROUP_CONCAT made) in code-point
    order, and "" where nothing was joined. SPARQL leaves the order of GROUP_CONCAT's parts to the store
    (Oxigraph gives its join order, Virtuoso its own), so the same data would give different cells on
    different stores; of no values it makes "" (Virtuoso), where Oxigraph leaves the cell unbound.

    >>> r = Results(["k", "n"], [(Literal("县政府;government"), Literal("b;a")), (None, None)])
    >>> [[t and t.value for t in row] for row in sort_joined(r, {"k": ";"}).rows]
    [['government;县政府', 'b;a'], ['', None]]
    """
    at = [(i, joined[c]) for i, c in enumerate(results.columns) if c in joined]
    if not at or not results.rows:
        return results
    rows = []
    for row in results.rows:
        row = list(row)
        for i, sep in at:
            term = row[i]
            if term is None:
                row[i] = Literal("")
            elif isinstance(term, Literal) and sep in term.value:
                value = sep.join(sorted(term.value.split(sep)))
                row[i] = Literal(value, language=term.language) if term.language else Literal(
                    value, datatype=term.datatype)
        rows.append(tuple(row))
    return Results(results.columns, rows, results.truncated, results.elapsed)


def plain(term) -> str:
    """A term's plain value: the IRI, the literal's lexical form, a blank node's id, '' for None.

    >>> plain(NamedNode("http://x/y")), plain(Literal("5")), plain(None)
    ('http://x/y', '5', '')
    """
    if term is None:
        return ""
    return term.value


def _tsv_term(term) -> str:
    r"""A term as SPARQL TSV writes it: its N-Triples form (pyoxigraph escapes tabs and newlines in literals).

    >>> _tsv_term(Literal("a" + chr(9) + "b")), _tsv_term(NamedNode("http://x"))
    ('"a\\tb"', '<http://x>')
    """
    return str(term)


def _xml_term(term, escape, quoteattr) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def term_json(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = term.datatype.value
        return d
    return {"type": "literal", "value": str(term)}


def render_answer(answer, fmt: str) -> str:
    """Any query's answer as text: a SELECT's Results in ``fmt`` (csv, json, table); an ASK's bool as ``true`` /
    ``false`` (JSON: the SPARQL results object with ``boolean``); CONSTRUCT/DESCRIBE triples as Turtle.

    >>> render_answer(True, "table"), render_answer(False, "json")
    ('true\\n', '{"head": {}, "boolean": false}\\n')
    >>> from pyoxigraph import Triple
    >>> render_answer([Triple(NamedNode("http://s"), NamedNode("http://p"), Literal("o"))], "csv")
    '<http://s> <http://p> "o" .\\n'
    """
    if isinstance(answer, Results):
        return answer.render(fmt)
    if isinstance(answer, bool):
        return json.dumps({"head": {}, "boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    return serialize(answer, format=RdfFormat.TURTLE).decode("utf-8")
