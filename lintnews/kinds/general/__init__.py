"""General rule kinds: write house checks as YAML (the kinds Vale styles use, too).

Each kind lives in the module of its name and exports it as ``KIND``: ``existence`` in
``existence.py``, and so on. No built-in rule uses them; a newsroom's rules and Vale styles
(``lintnews/vale/styles.py``) do. Helpers: ``common.py`` (options and scoping shared by the
pattern kinds), ``expr.py`` (the safe expressions of ``metric``).
"""

#: the kinds of this family, registered by :mod:`lintnews.kinds`
KINDS = (
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "conditional",
    "capitalization",
    "metric",
    "terms",
)
