"""The spans of a report each step has claimed, so that a later step skips them instead of detecting the same
thing again with rules of its own.

The pipeline publishes a step's claims when the step is done (``publish_new``): the evidence span of every record
the step appended, under its kind's field name ("documents", "statistics" …). A step may also claim spans that are
no record's (``claim``). Claims follow the order of the steps (``kinds.EXTRACTORS``): a step sees what the steps
before it claimed, never what a later one will.

Who reads what today: statistics skips the numbers inside the documents' claims (a cited document's title and
number). Statistics runs before duties, so it cannot read the duties' claims: it still recognises a duty's limit
by the duty's own words (``wording.DUTY_MODALS``, ``AT_LEAST_WORDS``) and the tasks a plan assigns by asking
``tasks.noted_task_spans``; moving duties before statistics would change the order of writing and so the graph
(the names the row values pick first), which this mechanism must not.
"""
from __future__ import annotations

Span = tuple[int, int]


class Claims:
    """Spans claimed by name, in the order they were claimed."""

    def __init__(self) -> None:
        self._spans: dict[str, list[Span]] = {}
        self._published: dict[str, int] = {}       # kind → how many of its records are claimed already

    def claim(self, name: str, spans) -> None:
        """Claim ``spans`` under ``name`` (empty spans are no claim)."""
        self._spans.setdefault(name, []).extend((a, b) for a, b in spans if b > a)

    def spans(self, *names: str) -> list[Span]:
        """The spans claimed under any of ``names``, in the order claimed."""
        return [s for n in names for s in self._spans.get(n, ())]

    def publish_new(self, name: str, records: list) -> None:
        """Claim the evidence span of each record of ``records`` not claimed before (the pipeline calls this after
        every step, for every kind)."""
        done = self._published.get(name, 0)
        if len(records) > done:
            self.claim(name, (r.span for r in records[done:]))
            self._published[name] = len(records)
