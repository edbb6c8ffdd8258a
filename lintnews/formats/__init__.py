"""Output formats. A formatter writes what it is handed; it never re-runs rules."""

from __future__ import annotations

from typing import IO, Any

from ..findings import Summary


class Formatter:
    """Life cycle: ``start()``, ``handle(result)`` per file, ``finish(summary)``.

    A formatter declares what it needs beyond the findings: ``needs_source`` (the draft's
    text in ``result.source``; a run only keeps it when some formatter asks). ``options``
    holds ``rules`` (the enabled rules), ``fail_level`` and ``show_source``.
    """

    #: whether ``handle`` reads ``result.source``
    needs_source: bool = False

    def __init__(self, stream: IO[str], options: dict[str, Any] | None = None):
        self.stream = stream
        self.options = options or {}

    def start(self) -> None:
        pass

    def handle(self, result) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass
