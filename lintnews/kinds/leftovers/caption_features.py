"""The lines of a draft's body and the features the leftover-line classifier reads.

A leftover line (caption, credit, alt text, widget) differs from prose in shape more than in
words: it is short, often has no final stop, few stopwords, many capitalised words or none,
sits next to other short lines, and repeats words the draft capitalises elsewhere. Every
feature here is a number in [0, 1] with a name, so the weights file says what each one
weighs and an editor can be shown why a line scored high.

Language-specific words come from the language data (``caption-words``, ``position-words``
in ``languages/<code>.yaml``), never from code.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ... import regexcache
from ...document import Document, Span
from ...language import WORD, Language, split_words
from ...language.normalize import fold, fold_confusables, has_confusables

_LINE = regexcache.compile(r"[^\r\n]+")
_END_STOP = regexcache.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_END_COLON = regexcache.compile(r"[:;]\s*$")
_PAREN_END = regexcache.compile(r"\(([^()]{1,60})\)\s*$")
_CAPS_RUN_END = regexcache.compile(r"(?:\s+[\p{Lu}][\p{Lu}.'-]+){2,}\s*$")
_HANDLE = regexcache.compile(r"(?:^|\s)[@#]\w+|\bURL\b|https?:|www\.|pic\.twitter")
#: a dateline alone on its line, its paragraph below: "Chicago, Estados Unidos -"
DATELINE_LINE = regexcache.compile(r"^[\p{Lu}][\p{L} ,.'()-]{1,50}?\s*(?:[-—–]|\.-|\.—)\s*$")
#: a dateline opening a lede: "MADRID (EFE).- ", "LOS ANGELES (Reuters) - ", "París, 3 jun (AFP) -"
DATELINE_START = regexcache.compile(
    r"^(?:[\p{Lu}][\p{L}'’.-]*\s*){1,4}(?:\([^()\n]{1,30}\)\s*)*"
    r"(?:,\s*[\p{L}\p{N} .]{1,25}?\s*)?(?:\([^()\n]{1,30}\)\s*)?(?:\.\s*)?[-—–]+\s+\S"
)
_QUOTE_START = regexcache.compile(r"^[\"“«'‘—–-]")
_NUMBER = regexcache.compile(r"\d|\bNUMBER\b")
_SEPARATOR = regexcache.compile(r"(?<=\S)\s*[|·•›»]\s*(?=\S)|\s/\s?(?=\S)")
_TIME = regexcache.compile(r"(?<!\d)(?:[01]?\d|2[0-3])\s?[:h]\s?[0-5]\d(?!\d)")
_SENTENCE_STOP = regexcache.compile(r"[.!?…][\"'”’»)\]]*(?:\s|$)")
_DATE = regexcache.compile(r"(?<!\d)\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:\d{4}|\d{2})(?!\d)")
#: words glued where a page's separate links or tags lost their spacing: "SupremaOrganismos"
_GLUED = regexcache.compile(r"\p{Ll}{2}\p{Lu}\p{Ll}")
#: a headline's label and colon before its statement: "Explainer: How the vote works"
_LABEL_COLON = regexcache.compile(r"^(?:\S+\s+){0,5}?\S+:\s+(?:\S+\s+){2,}\S")
_QUESTION = regexcache.compile(r"\?[\"'”’»)\]]*\s*$")
#: a word as the finite-verb lists write one (apostrophes inside: "isn't", "c'est")
_FINITE_WORD = regexcache.compile(r"\p{L}[\p{L}\p{M}'’]*")
_NAME_COMMA = regexcache.compile(r"^(?:[\p{Lu}][\p{L}'’.-]*\s+){0,3}[\p{Lu}][\p{L}'’.-]*,\s+\p{Ll}")

#: what the classifier reads of the line itself
LINE_FEATURES = (
    "log_words",
    "short",
    "long",
    "end_stop",
    "end_colon",
    "stopwords",
    "capitalised",
    "all_lower",
    "all_upper",
    "digits",
    "top",
    "second",
    "rel_position",
    "last_blocks",
    "prev_dateline",
    "caption_word",
    "position_word",
    "agency",
    "paren_end",
    "caps_run_end",
    "handle_or_link",
    "capitalised_elsewhere",
    "repeated",
    "name_only",
    "one_word",
    "byline_top",
    "name_comma",
    "quote_start",
    "starts_lower",
    "separators",
    "time_stamp",
    "date",
    "glued",
    "lookalike",
    "symbols",
    "word_length",
    "ui_words",
    "ui_first",
    "block_lines",
    "rel_length",
    "sentences",
    "overlap_prev",
    "overlap_next",
    "overlap_draft",
    "label_colon",
    "question",
    "draft_evidence",
    "sentence",
    "credit_prev",
    "credit_next",
    "rule",
    "rule_marker",
    "rule_pattern",
    "rule_file",
    "rule_repeated",
    "rule_salad",
    "rule_description",
    "rule_name",
    "finite_verb",
)
#: what it reads of the two lines before and after (``short-1``: the previous line is short)
NEIGHBOUR_FEATURES = (
    "present",
    "short",
    "end_stop",
    "log_words",
    "digits",
    "capitalised",
    "ui_words",
    "rule",
)
OFFSETS = (-2, -1, 1, 2)
#: what it reads of the run of short lines the line belongs to (a list, a table, a widget)
RUN_FEATURES = (
    "run_length",
    "run_first",
    "run_last",
    "run_digits",
    "run_alike",
    "run_rules",
    "run_ui",
)
#: feature names, in the order of the weights file
FEATURES = (
    LINE_FEATURES + tuple(f"{n}{o:+d}" for o in OFFSETS for n in NEIGHBOUR_FEATURES) + RUN_FEATURES
)


@dataclass
class Line:
    """One line of a body paragraph: where it is, what it says (``text`` is folded)."""

    span: Span
    raw: str
    text: str
    block: int
    words: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class Body:
    """Body lines plus the draft-wide facts their features need."""

    lines: list[Line]
    blocks: int
    capitalised: set[str]
    counts: Counter
    #: lines the draft's structure claims (``leftover.annotate``): never reported whole
    claimed: frozenset[int] = frozenset()
    #: lines of a Markdown image's caption (``Document.caption_start``); a rule that leaves
    #: captions alone gets a body without them
    captions: frozenset[int] = frozenset()


def body(doc: Document, skip_captions: bool = False) -> Body:
    """The lines of the body's plain paragraphs (headings, lists, quotes are not body lines);
    with ``skip_captions``, without the lines of a Markdown image's caption.

    Both leftover rules read the same lines: they are split and folded once per document
    (kept on it, captions marked); each call gets its own ``Line`` records, since a rule
    writes its verdict into ``Line.rule``.
    """
    b = split_body(doc)
    kept = b.lines
    if skip_captions and b.captions:
        kept = [ln for i, ln in enumerate(b.lines) if i not in b.captions]
    lines = [Line(ln.span, ln.raw, ln.text, ln.block, ln.words) for ln in kept]
    if kept is b.lines:
        return Body(lines, b.blocks, b.capitalised, b.counts, captions=b.captions)
    counts = Counter(line_key(ln.text) for ln in lines)
    return Body(lines, b.blocks, _capitalised_words(lines), counts)


def split_body(doc: Document) -> Body:
    """The body's lines as split once per document (shared: never write into them)."""
    return doc.memo(("leftover-body",), lambda: _split_body(doc))


def _split_body(doc: Document) -> Body:
    lines: list[Line] = []
    captions: list[int] = []
    index = 0
    for block in doc.blocks:
        if block.kind in ("front_matter", "heading"):
            continue
        index += 1
        if block.kind != "paragraph":
            continue
        # an image's caption (``Document.caption_start``) is the image's, not a leftover
        caption = doc.caption_start(block)
        for m in _LINE.finditer(block.prose):
            raw = m.group().strip()
            if not raw:
                continue
            start = block.span.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            if caption is not None and start >= caption:
                captions.append(len(lines))
            text = fold_confusables(raw)
            lines.append(Line(Span(start, start + len(raw)), raw, text, index, split_words(text)))
    counts = Counter(line_key(ln.text) for ln in lines)
    return Body(lines, index, _capitalised_words(lines), counts, captions=frozenset(captions))


def line_key(text: str) -> str:
    """What two copies of a line share: its folded words (a line used twice)."""
    return " ".join(fold(text).split())


def _capitalised_words(lines: list[Line]) -> set[str]:
    """Folded words the draft writes capitalised somewhere other than a line's start (a
    sentence start inside a line counts too: words never end with the stop before it)."""
    return {fold(w) for w in {w for line in lines for w in line.words[1:] if w[:1].isupper()}}


def run_ids(lines: list[Line], max_words: int) -> list[int]:
    """For each line, the number of the run of short lines it belongs to (-1: none); a run
    is a stretch of short lines in adjacent blocks."""
    out, run = [], -1
    for i, line in enumerate(lines):
        if not is_short(line, max_words):
            out.append(-1)
            continue
        if i == 0 or out[-1] < 0 or line.block - lines[i - 1].block > 1:
            run += 1
        out.append(run)
    return out


def is_short(line: Line, max_words: int) -> bool:
    return 0 < len(line.words) <= max_words and not ends_with_stop(line.text)


def ends_with_stop(text: str) -> bool:
    """A sentence stop (and closing quotes or brackets) ends the text."""
    return ends_with(_END_STOP, text)


def ends_with(pattern, text: str) -> bool:
    """Whether ``pattern``, anchored at the end (``$``), matches the end of a stripped line;
    only its tail is searched, not the whole line."""
    return bool(pattern.search(text[-_TAIL:]))


_TAIL = 16


def features(
    body_: Body, i: int, lang: Language, agencies: frozenset[str], max_words: int = 12
) -> dict[str, float]:
    """The named features of line ``i`` of the body, each in [0, 1]."""
    return dict(
        zip(FEATURES, draft_features(body_, [i], lang, agencies, max_words)[i], strict=True)
    )


def draft_features(
    body_: Body, rows, lang: Language, agencies: frozenset[str], max_words: int = 12
) -> dict[int, list[float]]:
    """Feature vectors (in ``FEATURES`` order) of the body lines numbered in ``rows``.

    Every line gets a few cheap facts (``NEIGHBOUR_FEATURES``), which its neighbours and its
    run read; the full set is worked out only for the lines asked for."""
    lines = body_.lines
    ui = ui_words(lang)
    cheap = _Cheap(lines, ui, max_words)
    runs = _runs(lines, run_ids(lines, max_words), cheap)
    context = _Context(lines, lang, ui)
    out = {}
    for i in rows:
        values = _line_features(body_, i, lang, agencies, max_words, context)
        for offset in OFFSETS:
            j = i + offset
            values.extend(cheap[j] if 0 <= j < len(lines) else _ABSENT)
        values.extend(runs[i])
        out[i] = values
    return out


class _Context:
    """What a line's features compare it with: its block, the draft's usual line, the
    content words of its neighbours (worked out when first asked for)."""

    def __init__(self, lines: list[Line], lang: Language, ui: frozenset[str]):
        self.lines, self.lang, self.ui = lines, lang, ui
        self.per_block = Counter(line.block for line in lines)
        lengths = sorted(len(line.words) for line in lines)
        self.median_words = lengths[len(lengths) // 2] if lengths else 0
        self._content: dict[int, frozenset[str]] = {}
        self._vocabulary: Counter | None = None  # content words of all lines, when asked
        self._evidence: float | None = None

    def content(self, i: int) -> frozenset[str]:
        found = self._content.get(i)
        if found is None:
            stop = self.lang.stopwords
            words = self.lines[i].words
            found = frozenset(w for w in map(str.lower, words) if len(w) > 3 and w not in stop)
            self._content[i] = found
        return found

    def overlap_draft(self, i: int) -> float:
        """Share of line ``i``'s content words that the rest of the draft uses (a headline
        of another story shares few)."""
        if self._vocabulary is None:
            self._vocabulary = Counter(w for k in range(len(self.lines)) for w in self.content(k))
        mine = self.content(i)
        return sum(1 for w in mine if self._vocabulary[w] > 1) / len(mine) if mine else 0.0

    def evidence(self) -> float:
        """How many of the draft's lines a rule matched (a page that left one caption or
        widget in the text often left others)."""
        if self._evidence is None:
            found = sum(1 for line in self.lines if line.rule)
            self._evidence = min(1.0, math.log1p(found) / math.log1p(10))
        return self._evidence

    def overlap(self, i: int, j: int) -> float:
        """Share of line ``i``'s content words that line ``j`` uses too (0 with no line j)."""
        if not 0 <= j < len(self.lines):
            return 0.0
        mine = self.content(i)
        return len(mine & self.content(j)) / len(mine) if mine else 0.0


_ABSENT = (0.0,) * len(NEIGHBOUR_FEATURES)
_NOT_IN_RUN = (0.0,) * len(RUN_FEATURES)
_UI_WINDOW = 20  # words of a line looked up in the leftover vocabulary
_CAPS_WINDOW = 41  # words of a neighbour whose capitals are counted


class _Cheap(dict):
    """``NEIGHBOUR_FEATURES`` of each line, worked out when a line's neighbour or run first
    asks (most of a draft's long paragraphs are nobody's neighbour)."""

    def __init__(self, lines: list[Line], ui: frozenset[str], max_words: int):
        super().__init__()
        self.lines, self.ui, self.max_words = lines, ui, max_words

    def __missing__(self, i: int) -> tuple[float, ...]:
        found = self[i] = _cheap(self.lines[i], self.ui, self.max_words)
        return found


def _cheap(line: Line, ui: frozenset[str], max_words: int) -> tuple[float, ...]:
    words = line.words
    n = len(words)
    head = words[1:_CAPS_WINDOW]
    return (
        1.0,
        float(is_short(line, max_words)),
        float(ends_with_stop(line.text)),
        min(1.0, math.log1p(n) / math.log1p(80)),
        float(bool(_NUMBER.search(line.text))),
        sum(w[0].isupper() for w in head) / len(head) if head else 0.0,
        _ui_share(words, ui),
        float(bool(line.rule)),
    )


def _runs(lines: list[Line], ids: list[int], cheap: _Cheap) -> list[tuple[float, ...]]:
    """Run features of each line (``ids``: each line's run, from :func:`run_ids`)."""
    out: list[tuple[float, ...]] = [_NOT_IN_RUN] * len(lines)
    i = 0
    while i < len(lines):
        if ids[i] < 0:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and ids[j] == ids[i]:
            j += 1
        members = range(i, j)
        size = j - i
        shapes = Counter(_shape(lines[k], cheap[k]) for k in members)
        common = (
            min(1.0, math.log1p(size) / math.log1p(30)),
            sum(cheap[k][4] for k in members) / size,
            shapes.most_common(1)[0][1] / size if size > 1 else 0.0,
            sum(cheap[k][7] for k in members) / size,
            sum(cheap[k][6] for k in members) / size,
        )
        for k in members:
            out[k] = (common[0], float(k == i), float(k == j - 1), *common[1:])
        i = j
    return out


def _shape(line: Line, cheap: tuple[float, ...]) -> tuple:
    """What the lines of a table or list share: length, digits, how they open."""
    return (min(len(line.words), 6), cheap[4], line.text[:1].isupper())


def rule_kind(rule: str) -> str:
    """The feature name of the heuristic that matched a line ("rule_salad"), or ""."""
    return next((name for name, prefixes in _RULE_KINDS if rule.startswith(prefixes)), "")


_RULE_KINDS = (
    ("rule_marker", ("marker",)),
    ("rule_pattern", ("leftover line pattern", "markup or template code", "an author's note")),
    ("rule_file", ("image file name",)),
    ("rule_repeated", ("short line repeated",)),
    ("rule_salad", ("keyword-salad",)),
    ("rule_description", ("photo description",)),
    ("rule_name", ("a name alone",)),
)


def _line_features(
    body_: Body,
    i: int,
    lang: Language,
    agencies: frozenset[str],
    max_words: int,
    context: _Context,
) -> list[float]:
    line = body_.lines[i]
    text, words = line.text, line.words
    n = len(words)
    lower = list(map(fold, words))
    letters = list(filter(str.isalpha, text))
    upper = sum(map(str.isupper, letters))
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    stop = sum(1 for w in words if w.lower() in lang.stopwords)
    prev = body_.lines[i - 1] if i > 0 else None
    caption_words = word_set(lang, "caption-words")
    position_words = word_set(lang, "position-words")
    lowercase_words = [fold(w) for w in words if w.islower() and len(w) > 2]
    paren = _PAREN_END.search(text)
    visible = [c for c in text if not c.isspace()]
    symbols = sum(1 for c in visible if not c.isalnum())
    rule = line.rule
    ui = context.ui
    values = [
        min(1.0, math.log1p(n) / math.log1p(80)),
        float(0 < n <= max_words),
        float(n >= 30),
        float(ends_with_stop(text)),
        float(bool(_END_COLON.search(text))),
        stop / n if n else 0.0,
        caps / (n - 1) if n > 1 else float(bool(words) and words[0][:1].isupper()),
        float(bool(letters) and upper == 0),
        float(len(letters) > 2 and upper / len(letters) > 0.8),
        float(bool(_NUMBER.search(text))),
        float(line.block == 1),
        float(line.block == 2),
        line.block / max(1, body_.blocks),
        float(body_.blocks - line.block < 3),
        float(prev is not None and bool(DATELINE_LINE.match(prev.text))),
        float(bool(lower) and lower[0] in caption_words),
        float(any(w in position_words for w in lower)),
        float(_has_agency(_without_dateline(text, lower), agencies)),
        float(bool(paren) and not _END_STOP.search(text[: paren.start()][-1:])),
        float(bool(_CAPS_RUN_END.search(text)) and upper != len(letters)),
        float(bool(_HANDLE.search(text))),
        (
            sum(1 for w in lowercase_words if w in body_.capitalised) / len(lowercase_words)
            if lowercase_words
            else 0.0
        ),
        float(body_.counts[line_key(text)] > 1 and n <= max_words * 2),
        float(1 <= n <= 4 and _is_name(words)),
        float(n == 1),
        float(line.block == 2 and n <= 4 and (upper == len(letters) or _is_name(words))),
        float(n <= max_words and bool(_NAME_COMMA.match(text))),
        float(bool(_QUOTE_START.match(text))),
        float(text[:1].islower()),
        min(1.0, len(_SEPARATOR.findall(text)) / 3),
        float(bool(_TIME.search(text))),
        float(bool(_DATE.search(text))),
        min(1.0, len(_GLUED.findall(text)) / 2),
        float(line.raw != text and any(has_confusables(w) for w in line.raw.split())),
        symbols / len(visible) if visible else 0.0,
        min(1.0, sum(map(len, words)) / n / 12) if n else 0.0,
        _ui_share(words, ui),
        float(bool(words) and is_ui(words[0].lower(), ui)),
        min(1.0, math.log1p(context.per_block[line.block] - 1) / math.log1p(10)),
        min(1.0, n / max(1, context.median_words) / 2),
        min(1.0, len(_SENTENCE_STOP.findall(text)) / 3),
        context.overlap(i, i - 1),
        context.overlap(i, i + 1),
        context.overlap_draft(i),
        float(bool(_LABEL_COLON.match(text)) and not ends_with_stop(text)),
        float(bool(_QUESTION.search(text))),
        context.evidence(),
        float(is_sentence(line, lang.stopwords)),
        float(_credit(body_.lines, i, i - 1)),
        float(_credit(body_.lines, i, i + 1)),
        float(bool(rule)),
    ]
    values.extend(float(rule.startswith(prefixes)) for _, prefixes in _RULE_KINDS)
    values.append(finite_verb(text, lang))
    return values


def finite_verb(text: str, lang: Language) -> float:
    """1 when the line has a finite verb by the language's ``finite-verbs`` and
    ``finite-endings``, 0 when it has none (a caption's "Harry and Meghan last March"), 0.5
    when the language gives no such data."""
    verbs, endings = lang.memo(("finite-verbs",), lambda: _finite_lists(lang))
    if not verbs and not endings:
        return 0.5
    for word in _FINITE_WORD.findall(text.lower().replace("’", "'")):
        if word in verbs or (
            word.endswith(endings)
            and any(len(word) >= len(e) + 2 for e in endings if word.endswith(e))
        ):
            return 1.0
    return 0.0


def _finite_lists(lang: Language) -> tuple[frozenset[str], tuple[str, ...]]:
    """The language's finite verbs (lowercase, one apostrophe) and the endings of its finite
    forms, each read on a word with two letters or more before it."""
    verbs = frozenset(w.lower().replace("’", "'") for w in lang.data.get("finite-verbs") or [])
    return verbs, tuple(e.lower() for e in lang.data.get("finite-endings") or [])


#: a line ending as a sentence or a quotation does
END_PUNCT = regexcache.compile(r"[.!?…:;»\"”’)\]]\s*$")
#: what a rule that matched a photo credit or caption says (``Line.rule``)
_CREDIT_RULES = ("marker", "leftover line pattern")


def is_sentence(line: Line, stopwords: frozenset[str]) -> bool:
    """A full sentence: five words or more, a capital first, a stop last, and the little
    words of the language (15% or more: German compounds make them rarer)."""
    words = line.words
    if len(words) < 5 or not words[0][:1].isupper() or not ends_with(END_PUNCT, line.text):
        return False
    return sum(1 for w in words if w.lower() in stopwords) / len(words) >= 0.15


def _credit(lines: list[Line], i: int, j: int) -> bool:
    """Line ``j``, a paragraph of its own next to line ``i``, is a credit or caption a rule
    matched (a photo description sits above or below its credit)."""
    if not 0 <= j < len(lines) or lines[j].block == lines[i].block:
        return False
    return lines[j].rule.startswith(_CREDIT_RULES)


def ui_words(lang: Language) -> frozenset[str]:
    """The language's page-furniture words, lowercased as written and folded (so a word is
    looked up by ``str.lower`` alone, accented or not)."""

    def make():
        words = lang.data.get("leftover-words", []) or []
        return frozenset(w.lower() for w in words) | frozenset(fold(w) for w in words)

    return lang.memo(("leftover-words",), make)


def _ui_share(words: tuple[str, ...], ui: frozenset[str]) -> float:
    """The share of a line's first words that are page furniture."""
    head = words[:_UI_WINDOW]
    return sum(1 for w in head if is_ui(w.lower(), ui)) / len(head) if head else 0.0


def is_ui(word: str, ui: frozenset[str]) -> bool:
    """A page-furniture word, alone, closing a compound ("Tagesspiegel-Newsletter") or
    after an elided word ("s'abonner")."""
    if word in ui:
        return True
    return any(mark in word and word.rsplit(mark, 1)[1] in ui for mark in "-'’")


def _is_name(words: tuple[str, ...]) -> bool:
    return bool(words) and all(w[:1].isupper() for w in words)


def _without_dateline(text: str, folded: list[str]) -> list[str]:
    """The folded words of ``text`` after its dateline (``folded``: those of all of it)."""
    m = DATELINE_START.match(text)
    return list(map(fold, WORD.findall(text[m.end() - 1 :]))) if m else folded


def _has_agency(words: list[str], agencies: frozenset[str]) -> bool:
    if not agencies.isdisjoint(words):
        return True
    folded = " " + " ".join(words) + " "
    return any(" " + a + " " in folded for a in agencies if " " in a)


def word_set(lang: Language, key: str) -> frozenset[str]:
    """Folded words of a language-data list, kept on the language."""
    return lang.memo(
        ("word-set", key), lambda: frozenset(fold(w) for w in lang.data.get(key, []) or [])
    )
