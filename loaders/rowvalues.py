"""Values written with a source's facts so that the named queries' tables read them per row instead of grouping
the whole store before their first row: a duty's bearers, an award's recipient name and conferring bodies, and
the duties a source assigns to other bodies. Each is computed from the source alone, once, after its facts are
emitted (the emitter notes what they need as it writes the lines: no need to read the lines back)."""
from __future__ import annotations

from fazhi.loaders.emitter import Emitter
from fazhi.loaders.ntriples import (
    ASSIGNED_BY,
    ASSIGNED_DUTY,
    ASSIGNEE,
    ASSIGNMENT,
    BEARER_LIST,
    BEARER_NAME_LIST,
    CONFERRER_LIST,
    CONFERRER_NAME_LIST,
    RECIPIENT_NAME,
    ROLE,
    TYPE,
    nt_literal,
)
from fazhi.ontology.ids import assignment_iri
from fazhi.ontology.vocab import ID_NS


def add_row_values(em: Emitter) -> None:
    """All of them, in a fixed order (the lines' order is part of the output)."""
    add_bearer_lists(em)
    add_award_lists(em)
    add_assignments(em)


def add_bearer_lists(em: Emitter) -> None:
    """Give every duty of the source its bearers' IRIs and names as two ';'-joined strings (fz:bearerList,
    fz:bearerNameList), in the order the text names them, once each.

    Precomputed here (per report) so that the `obligations` table reads them with the duty instead of
    grouping every bearer of the store before its first row. Names are every skos:prefLabel this source
    gives the bearer. Runs after all facts are emitted, so a later fact's name for the same unit counts.
    """
    # (the emitter noted bearers and names as it wrote their lines: no need to read the lines back)
    for duty, units in em.bearers.items():
        em.put(duty, BEARER_LIST, nt_literal(";".join(u[1:-1] for u in units)))
        names = ";".join(dict.fromkeys(n for u in units for n in em.names.get(u, ())))
        if names:
            em.put(duty, BEARER_NAME_LIST, nt_literal(names))


def add_award_lists(em: Emitter) -> None:
    """Give every award of the source its recipient's name (fz:recipientName) and the bodies conferring it as
    ';'-joined IRIs and names (fz:conferrerList, fz:conferrerNameList), in the text's order, once each.

    Precomputed here for the same reason as the bearer lists: the `awards` table reads them with the award
    instead of grouping the labels every report gives those bodies over the whole store.
    """
    for award, (recipient, bodies) in em.award_parties.items():
        if recipient and em.names.get(recipient):
            em.lines.append(f"{award} {RECIPIENT_NAME} {nt_literal(em.names[recipient][0])} .\n")
        if bodies:
            em.lines.append(f"{award} {CONFERRER_LIST} {nt_literal(';'.join(b[1:-1] for b in bodies))} .\n")
            names = ";".join(dict.fromkeys(n for b in bodies for n in em.names.get(b, ())))
            if names:
                em.lines.append(f"{award} {CONFERRER_NAME_LIST} {nt_literal(names)} .\n")


_AGENCY_REF = f"<{ID_NS}agency/"


def add_assignments(em: Emitter) -> None:
    """Every duty this source states for a body other than its own issuer, as an fz:Assignment node (the
    duty, the body, the source, its role: lead or bearer), as ``loaders/derived/fulfilment.py`` describes them.

    Everything an assignment depends on is in the source itself (the duty, its bearers, its issuer), so it
    is written here, once per file, instead of being found by a join over every duty of the store after each
    ingest (which at 29 M triples ran past its 10-minute limit).
    """
    r = em.report_ref
    for duty, (leads, bearers) in em.own_duties.items():
        for unit in dict.fromkeys(leads + bearers):
            if not unit.startswith(_AGENCY_REF) or unit in em.issuers:
                continue
            a = f"<{assignment_iri(duty[1:-1], unit[1:-1], r[1:-1])}>"
            em.lines += (f"{a} {TYPE} {ASSIGNMENT} .\n", f"{a} {ASSIGNED_DUTY} {duty} .\n",
                         f"{a} {ASSIGNEE} {unit} .\n", f"{a} {ASSIGNED_BY} {r} .\n",
                         f'{a} {ROLE} "{"lead" if unit in leads else "bearer"}" .\n')
