"""Rule kinds: the Python half of rules, in family packages.

One registration path: every kind module exports its kind as ``KIND``; a family package
(``repetition``, ``leftovers``, ``naming``, ``typography``, ``suppression``,
``general``) names its kinds in
``KINDS``; the module of a kind is the kind's name with ``-`` as ``_`` in its family's
package. This module is the built-in plugin that hands them all to the
``lintnews_rule_kinds`` hook, the hook third-party kinds go through too. A kind is imported
when a rule first uses it (:class:`~.base.LazyKind`).
"""

from __future__ import annotations

import importlib

from ..plugin import hookimpl
from .base import LazyKind

FAMILIES = ("repetition", "leftovers", "naming", "typography", "suppression", "general")


def module_of(family: str, kind: str) -> str:
    """The module that exports ``kind`` of ``family``: ``naming``, ``name-variants`` ->
    ``lintnews.kinds.naming.name_variants``."""
    return f"{__name__}.{family}.{kind.replace('-', '_')}"


@hookimpl
def lintnews_rule_kinds():
    return [
        LazyKind(kind, module_of(family, kind))
        for family in FAMILIES
        for kind in importlib.import_module(f"{__name__}.{family}").KINDS
    ]
