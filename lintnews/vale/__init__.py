"""Vale compatibility: run Vale styles and ``.vale.ini`` configurations with lintnews.

``ini`` reads the configuration, ``styles`` loads each style's YAML rules (read as Go reads
them: ``goyaml``) into native rules of the general kinds and ``spelling`` (Hunspell through
spylls), ``rendered`` makes the text of a Markdown draft as Vale sees it (with a map back to
the source), ``directives`` applies ``<!-- vale ... -->`` comments, ``session`` lints a file
end to end (parsers, kinds and languages from the toolkit, no Runner), ``output`` writes
Vale's formats and ``cli`` is ``lintnews vale``.
"""

from __future__ import annotations

from pathlib import Path


def vale_rules(cwd: Path | None = None) -> list:
    """Every rule of the Vale styles a ``.vale.ini`` found upward from ``cwd`` loads.

    Used by ``lintnews rules`` and ``lintnews explain``; [] when there is no Vale config.
    """
    from ..errors import ConfigError
    from .ini import find_config
    from .session import Session

    cwd = cwd or Path.cwd()
    try:
        path = find_config(cwd)
    except ConfigError:
        return []
    return list(Session(path, cwd).library.rules.values())
