"""Naming consistency: one entity, one spelling, one article; one quote, one wording.

The kinds live in their own modules and are registered here:

* ``name-variants`` (``names``, with ``name_mentions`` and ``lookalikes``): a name spelled
  two ways in one draft;
* ``article-agreement`` (``articles``): a name with a masculine and a feminine article;
* ``quote-variants`` (``quotes``): a quote worded two ways;
* ``house-style`` (``house_style``): a form the newsroom's style sheet replaces.
"""

from __future__ import annotations

from ...plugin import hookimpl
from ..base import RuleKind
from .article_agreement import ARTICLE_OPTIONS, check_articles
from .house_style import HOUSE_STYLE_OPTIONS, check_house_style, prepare_house_style
from .name_variants import NAME_OPTIONS, check_names
from .quote_variants import QUOTE_OPTIONS, check_quotes

KINDS = [
    RuleKind("name-variants", check_names, NAME_OPTIONS, "Names spelled two ways.", fixes="unsafe"),
    RuleKind(
        "article-agreement",
        check_articles,
        ARTICLE_OPTIONS,
        "A name used with a masculine and a feminine article.",
        fixes="unsafe",
    ),
    RuleKind(
        "quote-variants", check_quotes, QUOTE_OPTIONS, "A quote worded two ways.", fixes="unsafe"
    ),
    RuleKind(
        "house-style",
        check_house_style,
        HOUSE_STYLE_OPTIONS,
        "A name written otherwise than the newsroom's style sheet says.",
        fixes="safe",
        prepare=prepare_house_style,
    ),
]


@hookimpl
def lintnews_rule_kinds():
    return KINDS
