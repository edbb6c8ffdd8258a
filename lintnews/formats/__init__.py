"""Output formats. A formatter writes what it is handed; it never re-runs rules."""

from __future__ import annotations

import json as _json
import re
from typing import IO, Any

from ..findings import Summary

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` of ``value`` as UTF-8 can carry: a file name's bytes that are no UTF-8
    (kept as surrogates) written as ``\\udcff`` escapes, not as raw bytes."""
    text = _json.dumps(value, ensure_ascii=False, **kwargs)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
