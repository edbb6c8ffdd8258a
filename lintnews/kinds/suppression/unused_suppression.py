"""``unused-suppression``: a directive that suppresses nothing (found by ``engine.lint``,
which alone sees the other rules' findings; see ``lintnews/suppress.py``)."""

from __future__ import annotations

from ..base import Context, RuleKind


def check(ctx: Context):
    return iter(())


KIND = RuleKind("unused-suppression", check, None, "An inline suppression that suppresses nothing.")
