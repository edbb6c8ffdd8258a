"""Look-alike letters from other scripts, full-width and invisible characters in words.

Part of ``name-variants``: a Cyrillic "о" inside a Latin word looks right and breaks search,
spell-checking and the archive. One finding per affected word form (with its other places as
related locations); when the share of affected words reaches ``share``, the text was written
with them throughout and that is one finding for the draft.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language.normalize import has_confusables
from ..base import Context
from .mentions import clean, has_compat_chars

_PARTS = regexcache.compile(r"[-'’]")


def lookalikes(ctx: Context, words, count: int, share: float):
    """One finding per word form with look-alike letters; one for a text written with them
    (when they make ``share`` of the ``count`` words of the text)."""
    odd: dict[str, list] = defaultdict(list)
    for w in words:
        if not w.text.isascii() and (mixed_script(w.text) or has_compat_chars(w.text)):
            odd[w.text].append(w)
    if not odd:
        return []
    affected = sum(len(v) for v in odd.values())
    first = min((v[0] for v in odd.values()), key=lambda w: w.start)
    if len(odd) > 3 and affected >= share * max(1, count):
        span = Span(first.start, first.end)
        reason = f"{affected} words of the text use look-alike letters from another script"
        return [
            Hit(
                span,
                {
                    "form": first.text,
                    "majority": clean(first.text),
                    "reason": reason,
                    "count": affected,
                    "line": ctx.doc.locate(first.start)[0],
                },
            )
        ]
    hits = []
    for form, occ in odd.items():
        span = Span(occ[0].start, occ[0].end)
        latin = clean(form)
        scripts = sorted({_script(c) for c in form if _script(c)})
        reason = "look-alike letters" + (f" from {', '.join(scripts)}" if scripts else "")
        if len(occ) > 1:
            reason += f", {len(occ)}x"
        hits.append(
            Hit(
                span,
                {
                    "form": form,
                    "majority": latin,
                    "reason": reason,
                    "count": len(occ),
                    "line": ctx.doc.locate(occ[0].start)[0],
                },
                related=tuple((Span(w.start, w.end), "also here") for w in occ[1:4]),
                fix=Fix(span, latin, safe=False),
            )
        )
    return hits


@lru_cache(maxsize=65536)
def mixed_script(word: str) -> bool:
    """A look-alike letter inside a Latin word; "α-sinucleína" (a Greek letter as a prefix) is
    not one."""
    if word.isascii():
        return False
    return any(has_confusables(part) for part in _PARTS.split(word))


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("CYRILLIC", "GREEK", "ARMENIAN"):
        if name.startswith(script):
            return script.title()
    if name.startswith("LATIN SMALL LIGATURE") or name.startswith("LATIN CAPITAL LIGATURE"):
        return "ligatures"
    return ""
