"""metric: a formula over the draft's counts, reported when ``condition`` holds.

Variables: ``words``, ``sentences``, ``paragraphs``, ``characters`` (letters and digits
of words), ``long_words`` (more than six letters), ``syllables``, ``polysyllabic_words``
and ``complex_words`` (three syllables or more, by a rough vowel-group count),
``heading_h1`` .. ``heading_h6`` (also written ``heading.h2``), ``headings``, ``list``
(list items), ``blockquote``, ``pre`` (code blocks), ``tables``, ``images``. Body counts
come from the ``summary`` scope. The formula is evaluated by a small safe evaluator
(:mod:`lintnews.kinds.general.expr`). Reported at the start of the draft. Message
arguments: ``{value}`` (two decimals).
"""

from __future__ import annotations

import dataclasses

import regex

from ... import regexcache
from ...document import Document, Span
from ...errors import RuleError
from ...findings import Hit
from ...scopes import segments
from ..base import Context, Options, RuleKind, option, options_dataclass
from .expr import ExprError, evaluate


@options_dataclass
class MetricOptions(Options):
    formula: str = option("", "the expression to compute")
    condition: str = option("", "when it is reported, e.g. '> 60'")


_HEADING_VAR = regexcache.compile(r"heading\.(h[1-6])")
_WORD = regexcache.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*")
_VOWELS = regexcache.compile(r"[aeiouyáéíóúàèìòùäëïöüâêîôû]+", regex.I)


def _formula(text: str) -> str:
    return _HEADING_VAR.sub(r"heading_\1", text)


def prepare(options, base_dir):
    if not options["formula"] or not options["condition"]:
        raise ValueError("metric needs a 'formula' and a 'condition'", "formula")
    options = dataclasses.replace(options, formula=_formula(options["formula"]))
    zero = {name: 1.0 for name in VARIABLES}
    for key in ("formula", "condition"):
        try:
            text = options[key] if key == "formula" else f"1 {options[key]}"
            evaluate(text, zero)
        except ExprError as exc:
            raise ValueError(f"invalid {key}: {exc}", key) from None
    return options


VARIABLES = [
    "words",
    "sentences",
    "paragraphs",
    "characters",
    "long_words",
    "syllables",
    "polysyllabic_words",
    "complex_words",
    "headings",
    "list",
    "blockquote",
    "pre",
    "tables",
    "images",
    "heading_h1",
    "heading_h2",
    "heading_h3",
    "heading_h4",
    "heading_h5",
    "heading_h6",
]


def syllables(word: str) -> int:
    count = len(_VOWELS.findall(word))
    if word.lower().endswith("e") and count > 1:
        count -= 1
    return max(1, count)


def counts(doc: Document) -> dict[str, float]:
    values = dict.fromkeys(VARIABLES, 0.0)
    for block in doc.blocks:
        if block.kind == "heading":
            values[f"heading_h{block.level}"] += 1
            values["headings"] += 1
        kind_var = {
            "list_item": "list",
            "blockquote": "blockquote",
            "code": "pre",
            "table": "tables",
            "image": "images",
            "paragraph": "paragraphs",
        }
        if block.kind in kind_var:
            values[kind_var[block.kind]] += 1
        if block.kind in ("paragraph", "list_item", "blockquote"):
            values["sentences"] += len(block.sentences) or 1
    for seg in segments(doc, ["summary"]):
        for word in _WORD.findall(seg.text):
            letters = sum(1 for c in word if c.isalnum())
            values["words"] += 1
            values["characters"] += letters
            values["long_words"] += letters > 6
            n = syllables(word)
            values["syllables"] += n
            values["polysyllabic_words"] += n >= 3
            values["complex_words"] += n >= 3
    return values


def check(ctx: Context):
    o = ctx.prepared
    values = counts(ctx.doc)
    try:
        result = evaluate(o["formula"], values)
        hit = evaluate(f"{float(result)!r} {o['condition']}", values)
    except (ExprError, TypeError, ValueError) as exc:
        raise RuleError(f"metric formula failed: {exc}") from None
    if hit:
        yield Hit(Span(0, 0), {"value": f"{float(result):.2f}"})


KIND = RuleKind("metric", check, MetricOptions, __doc__.strip().splitlines()[0], prepare=prepare)
