"""Noise policy: one cause, one finding. Applied by the engine to every draft's findings.

A newsroom reads a report as a list of things to fix; ten findings with one cause are one
thing to fix told ten times. The policy lives here, in one place, and works on the findings
of all rules after they ran, by the *kind* of each rule:

* **One pair of spellings, one finding.** Findings of one naming rule (kinds in
  ``ONE_CAUSE_KINDS``) with the same message (the same wrong form, the same right form) are
  one finding: the first place, the others in ``related``, the count in the message.
* **One paragraph copied into many places, one finding.** Findings of one repetition rule
  that repeat the same earlier paragraph or sentence are one finding when there are
  ``COPIES`` or more (an answer pasted under every heading of a FAQ, a template's
  boilerplate); a paragraph copied into two places is two copies to delete, two findings.
* **One paragraph, one finding.** When one naming rule still has more than
  ``PER_PARAGRAPH`` findings in one paragraph (a line of ad text in look-alike letters, a
  table pasted from a PDF), they are one finding for the paragraph, the others in
  ``related``. No paragraph gets more than ``PER_PARAGRAPH`` findings of one rule.
* **One leftover, one rule.** A guess of one leftover rule (its line classifier's, or a
  shape the classifier confirmed) about lines that other leftover rules report on explicit
  evidence (a marker, page-furniture words, a pattern) is dropped: the evidence names it.
* **One leftover used again, one finding.** Findings of one leftover rule on the same whole
  line in several places (an embed's signature under each post, one credit under every
  photo) are one finding: the first place, the others in ``related``, the count.
* **Leftovers first.** A naming finding on a form in capitals inside text a leftover rule
  reports (an outlet's name in a credit), or all in lowercase inside one in lowercase past
  its first letter (a place in keyword alt text), is dropped. A repeat is dropped when the leftover
  rules (kind ``leftover``)
  already report it: a line they report whole (a caption, credit or widget line used
  twice: "Media playback is unsupported" under two videos), a line whose earlier copy they
  report whole (a caption that copies a sentence of the text: the caption is the defect),
  a line whose copies both carry a leftover finding (one credit glued to two captions), a
  paragraph ``EXCERPT`` times as long as an earlier line that carries a leftover finding
  and whose words it holds (a caption and its credit, set above the paragraph it quotes),
  and a block whose first lines, later and earlier, they report whole (an embed's "View
  this post" and its credit line, twice) or both carry a leftover finding (a series of
  captions, the first with its credit, printed twice). A leftover glued to a line of text
  ("... the family.Photo: Facebook") does not make that line a leftover: its repeat stays
  a repeat (printed again as it was, or with a lead-in), and so does a block of several
  paragraphs copied whole beside a leftover line. Also dropped: a headline listed
  again in a list of links (a "related" or "most read" widget: three title lines or more in a row,
  no sentence punctuation), unless a whole block was copied or the line is the dek; a table
  of contents' line printed again as its section's subhead (two of the list's lines or more
  are); and
  the headline after a short label and a colon ("Share this story: <headline>").
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import replace

from .document import Document
from .findings import Finding, Fix, Related, level_rank

#: kinds whose findings of one rule with one cause are collapsed (naming, typography, and
#: repetition: one earlier paragraph copied into several places)
ONE_CAUSE_KINDS = frozenset(
    {
        "name-variants",
        "article-agreement",
        "quote-variants",
        "house-style",
        "typography",
        "repeated-content",
    }
)
#: kinds whose lines the leftover rules claim first
REPEAT_KINDS = frozenset({"repeated-content"})
LEFTOVER_KINDS = frozenset({"leftover"})
#: fewest title lines in a row that make a list of links, and the words of a title line
LINK_LIST = 3
TITLE_WORDS = (1, 25)
#: words of a label before the headline in a share or read-more line (one word, "VIDEO:",
#: tags the headline printed again: that stays a repeat)
LABEL_WORDS = (2, 6)
#: how many times longer than a line carrying a leftover (a caption and its credit) a later
#: paragraph that holds its words must be for the line to be a caption excerpting the text
EXCERPT = 2.0
#: most findings of one rule in one paragraph
PER_PARAGRAPH = 3
#: copies of one paragraph that make one finding (a template's boilerplate, a FAQ's answer
#: under every heading); fewer are each a copy to delete
COPIES = 3
#: most places listed in ``related`` of a collapsed finding
MAX_RELATED = 12


#: how a finding of one cause in several places is worded, unless the draft's language data
#: says otherwise (``report-phrases`` in ``languages/<code>.yaml``)
PHRASES = {
    "places": "{message} [{count} places]",
    "places-in-paragraph": "{count} places in this paragraph: {message}",
}


def apply(
    doc: Document, findings: list[Finding], kinds: dict[str, str], phrases: dict | None = None
) -> list[Finding]:
    """The findings after the policy; ``kinds`` maps a rule id to its kind's name;
    ``phrases`` words a merged finding in the draft's language (see :data:`PHRASES`)."""
    if not findings:
        return findings
    findings = _one_leftover_finding(findings, kinds)
    findings = _residue_in_reported_lines(doc, findings, kinds)
    findings = _names_in_leftovers(doc, findings, kinds)
    findings = _leftovers_first(doc, findings, kinds)
    findings = _link_lists(doc, findings, kinds)
    findings = _labelled_headlines(doc, findings, kinds)
    words = {**PHRASES, **(phrases if isinstance(phrases, dict) else {})}
    findings = _same_leftover(doc, findings, kinds, words)
    one_cause = [f for f in findings if kinds.get(f.rule) in ONE_CAUSE_KINDS]
    if len(one_cause) < 2:
        return findings
    rest = [f for f in findings if kinds.get(f.rule) not in ONE_CAUSE_KINDS]
    by_message: dict[tuple, list[Finding]] = defaultdict(list)
    for f in one_cause:
        by_message[(f.rule, f.message, _copied_from(f, kinds))].append(f)
    merged = []
    for group in by_message.values():
        if len(group) < COPIES and kinds.get(group[0].rule) in REPEAT_KINDS:
            merged += group  # a paragraph copied into two places: two copies to delete
        else:
            merged.append(_merge(group, "", words))
    by_paragraph: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    starts = [b.span.start for b in doc.blocks]
    for f in merged:
        by_paragraph[(f.rule, bisect.bisect_right(starts, f.start))].append(f)
    out = rest
    for group in by_paragraph.values():
        if len(group) > PER_PARAGRAPH:
            out.append(_merge(group, "in this paragraph", words))
        else:
            out += group
    return out


def _copied_from(f: Finding, kinds: dict[str, str]) -> tuple:
    """Where a repeat's earlier copy is (two sentences of one paragraph are two causes);
    () for other findings, whose message names their cause."""
    if kinds.get(f.rule) not in REPEAT_KINDS or not f.related:
        return ()
    r = f.related[0]
    return (r.line, r.column, r.end_line, r.end_column)


def _merge(group: list[Finding], where: str, words: dict = PHRASES) -> Finding:
    """One finding for the group: the first one, with the others as related places, and
    one fix for all its places (``_combined_fix``)."""
    if len(group) == 1:
        return group[0]
    group = sorted(group, key=lambda f: f.start)
    first = group[0]
    related = list(first.related)
    for f in group[1:]:
        here = Related(f.line, f.column, f.end_line, f.end_column, "also here")
        related.append(here if not where else replace(here, message=f.message))
        related += f.related
    seen: set[tuple[int, int, int, int]] = set()
    unique = []
    for r in related:
        k = (r.line, r.column, r.end_line, r.end_column)
        if k not in seen:
            seen.add(k)
            unique.append(r)
    template = words["places-in-paragraph" if where else "places"]
    try:
        message = str(template).format(message=first.message, count=len(group))
    except (KeyError, IndexError, ValueError, AttributeError):
        message = PHRASES["places-in-paragraph" if where else "places"].format(
            message=first.message, count=len(group)
        )
    return replace(
        first,
        message=message,
        related=tuple(unique[:MAX_RELATED]),
        fix=_combined_fix(group),
    )


def _combined_fix(group: list[Finding]) -> Fix | None:
    """One fix that makes every fix of the group's places (its ``parts``, which the fixer
    applies one by one; its own span and replacement are the first place's, what a report
    shows), so that ``--fix`` mends them all in one pass (a name spelled one way in twelve
    places, one credit under every photo). Unsafe fixes join only when none is safe (a safe
    one is made without them; they are found again once it is); a place with no fix (a
    quotation) is left as it is."""
    fixes = sorted(
        {edit for f in group if f.fix is not None for edit in f.fix.edits()},
        key=lambda x: (x.span.start, x.span.end, x.replacement),
    )
    safe = [x for x in fixes if x.safe]
    fixes = safe or fixes
    if len(fixes) < 2:
        return fixes[0] if fixes else None
    first = fixes[0]
    return Fix(first.span, first.replacement, safe=first.safe, parts=tuple(fixes))


def _one_leftover_finding(findings: list[Finding], kinds: dict[str, str]) -> list[Finding]:
    """A guess of one leftover rule (the line classifier's, or a shape it confirmed: a short
    line used twice, a name alone on its line) is dropped when other leftover rules' explicit
    evidence covers all its lines ("Read more: ..." is a CMS marker and also looks like a
    caption to the classifier; a share bar's lines are page furniture and a block of short
    lines): one finding, named by the evidence. So is a finding whose text (and related
    places) a finding of another leftover rule covers, with evidence as strong (both
    explicit, or both guesses) and a level as high: "Foto:" alone on its line is a CMS label
    to one rule and a caption's credit to the other. Of two on the same text, the one at the
    higher level stays (a newsroom's own rule set to "error" beside a built-in warning), then
    the one a marker opening the line names (a phrase of a rule: "Imagen relacionada" is a
    caption's, not page furniture for its word "relacionada"), then the one listed first.
    A guess that opens on another rule's evidence and reaches past it (a "Leggi anche"
    marker and the first links below it) is that evidence's finding, its span taken to
    the guess's end (``_evidence_extended``); one that starts before the evidence (a share
    bar's label above it) and that evidence both report."""
    leftovers = [f for f in findings if kinds.get(f.rule) in LEFTOVER_KINDS]
    if len({f.rule for f in leftovers}) < 2:
        return findings
    from .kinds.leftovers.leftover import GUESSES  # only drafts with leftovers pay for it

    def explicit(f: Finding) -> bool:  # a newsroom's own leftover rule's finding included
        said = f.detail or f.message
        return not any(reason in said for reason in GUESSES)

    shown: dict[str, set[int]] = defaultdict(set)  # lines with explicit evidence, by rule
    for f in leftovers:
        if explicit(f):
            shown[f.rule].update(range(f.line, f.end_line + 1))

    # for each rule, the lines the other rules show evidence for (made once, not per guess)
    others = {
        rule: set().union(*(lines for other, lines in shown.items() if other != rule))
        for rule in {f.rule for f in leftovers}
    }

    def covered(f: Finding) -> bool:
        return set(range(f.line, f.end_line + 1)) <= others[f.rule]

    dropped = {id(f) for f in leftovers if not explicit(f) and covered(f)}
    extended = _evidence_extended(leftovers, explicit, dropped)
    if extended:
        findings = [extended.get(id(f), f) for f in findings]
        leftovers = [extended.get(id(f), f) for f in leftovers]
    kept = [f for f in leftovers if id(f) not in dropped]
    evidence = [explicit(f) for f in kept]
    places = [_related_lines(f) for f in kept]

    def rank(i: int) -> tuple[int, bool, int]:  # of two on the same text, the higher stays
        f = kept[i]
        return level_rank(f.level), (f.detail or "").startswith("marker"), -i

    for i, f in enumerate(kept):
        for j, g in enumerate(kept):
            if g.rule == f.rule or id(g) in dropped or evidence[i] != evidence[j]:
                continue
            inside = g.start <= f.start and f.end <= g.end and places[i] <= places[j]
            if not inside or level_rank(g.level) < level_rank(f.level):
                continue
            same = (f.start, f.end) == (g.start, g.end) and places[i] == places[j]
            if not same or rank(j) > rank(i):
                dropped.add(id(f))
                break
    return [f for f in findings if id(f) not in dropped]


def _evidence_extended(leftovers: list[Finding], explicit, dropped: set[int]) -> dict:
    """For each guess that opens where another leftover rule's explicit finding opens and
    ends after it: the guess is dropped (added to ``dropped``) and the explicit finding
    reaches to its end, with the guess's fix (the removal of all its lines). Returned as
    {id(explicit finding): extended finding}."""
    out: dict[int, Finding] = {}
    for g in leftovers:
        if id(g) in dropped or explicit(g):
            continue
        for f in leftovers:
            if f.rule == g.rule or not explicit(f) or id(f) in dropped:
                continue
            if f.line == g.line and g.start <= f.start and f.end < g.end:
                base = out.get(id(f), f)
                if g.end > base.end:
                    out[id(f)] = replace(
                        base,
                        end=g.end,
                        end_line=g.end_line,
                        end_column=g.end_column,
                        fix=g.fix or base.fix,
                        related=base.related + tuple(r for r in g.related if r not in base.related),
                    )
                dropped.add(id(g))
                break
    return out


def _related_lines(f: Finding) -> frozenset[int]:
    """The lines of a finding's related places."""
    return frozenset(n for r in f.related for n in range(r.line, r.end_line + 1))


def _residue_in_reported_lines(doc: Document, findings: list[Finding], kinds: dict[str, str]):
    """Residue found inside a line (a link, a credit glued to it) is not reported again when
    another leftover finding reports that line whole (an embedded post, its link and its
    signature: one finding, the line's removal takes the residue with it)."""
    leftovers = [f for f in findings if kinds.get(f.rule) in LEFTOVER_KINDS]
    if len(leftovers) < 2:
        return findings
    whole = {id(f) for f in leftovers if _whole_lines(doc, f)}
    covered: set[int] = set()
    for f in leftovers:
        if id(f) in whole:
            covered.update(range(f.line, f.end_line + 1))
    inside = {
        id(f)
        for f in leftovers
        if id(f) not in whole and f.line == f.end_line and f.line in covered
    }
    return [f for f in findings if id(f) not in inside] if inside else findings


def _names_in_leftovers(
    doc: Document, findings: list[Finding], kinds: dict[str, str]
) -> list[Finding]:
    """A naming finding on a form in capitals inside text a leftover rule reports (an
    outlet's name in a photo credit, "| OUEST-FRANCE"), or all in lowercase inside one
    written in lowercase past its first letter (a place in an image's keyword alt text,
    "Imagen relacionada incendio forestal sierra valdemora"): the leftover is deleted, not
    re-cased. A name misspelt in a caption or an embedded post is still a name misspelt,
    and so is a name in lowercase in a post's signature ("— ludwika paleta (@ludwikapaleta)
    October 3")."""
    leftovers = [(f.start, f.end) for f in findings if kinds.get(f.rule) in LEFTOVER_KINDS]
    if not leftovers:
        return findings

    def inside(f: Finding) -> bool:
        text = doc.text[f.start : f.end]
        if text.isupper():
            return any(a <= f.start and f.end <= b for a, b in leftovers)
        if text.islower() and kinds.get(f.rule) == "name-variants":  # a case, not a ligature
            return any(
                a <= f.start and f.end <= b and doc.text[a + 1 : b].islower() for a, b in leftovers
            )
        return False

    return [
        f
        for f in findings
        if kinds.get(f.rule) not in ONE_CAUSE_KINDS - REPEAT_KINDS or not inside(f)
    ]


def _same_leftover(
    doc: Document, findings: list[Finding], kinds: dict[str, str], words: dict
) -> list[Finding]:
    """Findings of one leftover rule on the same whole line in several places (an embed's
    signature under each post, one credit line under every photo) are one finding: the
    first place, the others in ``related``, the count in the message."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if kinds.get(f.rule) in LEFTOVER_KINDS and _whole_lines(doc, f):
            groups[(f.rule, " ".join(doc.text[f.start : f.end].split()).casefold())].append(f)
    repeated = [group for group in groups.values() if len(group) > 1]
    if not repeated:
        return findings
    merged = {id(min(g, key=lambda f: f.start)): _merge(g, "", words) for g in repeated}
    dropped = {id(f) for g in repeated for f in g} - merged.keys()
    return [merged.get(id(f), f) for f in findings if id(f) not in dropped]


def _leftovers_first(doc: Document, findings: list[Finding], kinds: dict[str, str]):
    touched: set[int] = set()  # lines with a leftover finding
    whole: set[int] = set()  # lines that leftover findings cover whole
    for f in findings:
        if kinds.get(f.rule) in LEFTOVER_KINDS:
            lines = range(f.line, f.end_line + 1)
            touched.update(lines)
            if _whole_lines(doc, f):
                whole.update(lines)
    if not touched:
        return findings

    def leftover(f: Finding) -> bool:
        if kinds.get(f.rule) not in REPEAT_KINDS:
            return False
        if f.line != f.end_line:  # a block copied whole stays a repeat, unless it is a
            # widget used twice (an embed's "View this post" and its credit line) or a
            # caption series whose first caption carries its credit in both copies
            if f.line in whole and all(r.line in whole for r in f.related):
                return True
            return f.line in touched and all(r.line in touched for r in f.related)
        if f.line in whole:
            return True  # a caption or widget line used twice: the leftover finding says so
        earlier = set()
        for r in f.related:
            earlier.update(range(r.line, r.end_line + 1))
        if earlier and earlier <= whole:
            return True  # a caption line that copies a line of the text
        if earlier and earlier <= touched and f.line not in touched:
            # a line carrying a leftover (a caption with its credit) that picked a few words
            # of a longer paragraph further down: the caption excerpts the text
            return _words(doc, f.line, f.end_line) >= EXCERPT * _words(doc, *_extent(earlier))
        return f.line in touched and earlier <= touched  # both carry the leftover (a credit)

    return [f for f in findings if not leftover(f)]


def _extent(lines: set[int]) -> tuple[int, int]:
    return min(lines), max(lines)


def _words(doc: Document, first: int, last: int) -> int:
    """Words on lines ``first`` to ``last``."""
    return len(doc.text[doc.line_span(first).start : doc.line_span(last).end].split())


def _whole_lines(doc: Document, f: Finding) -> bool:
    """Whether ``f`` covers its lines' text whole (a caption line, a widget), not residue
    glued to a line of article text ("... a su familia.Foto: Facebook")."""
    first, last = doc.line_span(f.line), doc.line_span(f.end_line)
    head = doc.text[first.start : f.start]
    tail = doc.text[f.end : last.end]
    return not head.strip(" \t>*-#") and not tail.strip()


def _labelled_headlines(
    doc: Document, findings: list[Finding], kinds: dict[str, str]
) -> list[Finding]:
    """Drop a repeat of the headline that is the headline after a short label and a colon
    ("Share this story: <headline>", "Read more: <headline>"): a share or read-more widget
    that names the article, a leftover, not the headline printed again. A one-word tag
    ("VIDEO: <headline>") is the headline printed again."""
    head = next((b for b in doc.blocks if b.kind == "heading"), None)
    if head is None:
        return findings
    head_line = doc.locate(head.span.start)[0]
    title = " ".join(head.prose.split()).casefold()

    def labelled(f: Finding) -> bool:
        if kinds.get(f.rule) not in REPEAT_KINDS or f.line != f.end_line:
            return False
        if [r.line for r in f.related] != [head_line]:
            return False
        span = doc.line_span(f.line)
        text = " ".join(doc.text[span.start : span.end].split()).casefold()
        label, colon, rest = text.partition(":")
        words = len(label.split())
        return bool(colon) and rest.strip() == title and LABEL_WORDS[0] <= words <= LABEL_WORDS[1]

    return [f for f in findings if not labelled(f)]


def _link_lists(doc: Document, findings: list[Finding], kinds: dict[str, str]) -> list[Finding]:
    """Drop a repeat of one title line (no sentence punctuation) by a title line that stands
    in a list of at least ``LINK_LIST`` such lines: a "related" or "most read" widget that
    lists the page's headlines again. A block copied whole stays a repeat, and so do a
    line that repeats the headline (its related place is the headline) and one that
    repeats the dek (the first paragraph: the article's own summary; or, above the first
    paragraph of prose, one of the first two of ``HEAD_WORDS`` words or more: the dek
    printed again under the byline and the date)."""
    repeats = [
        f
        for f in findings
        if kinds.get(f.rule) in REPEAT_KINDS
        and f.line == f.end_line
        and len(f.related) == 1
        and f.related[0].line == f.related[0].end_line
    ]
    if not repeats:
        return findings
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "heading")]
    lines = [doc.locate(b.span.start)[0] for b in blocks]
    title = [b.kind == "paragraph" and _title_line(b.prose) for b in blocks]
    at = {line: i for i, line in enumerate(lines)}

    def in_list(i: int) -> bool:
        lo = hi = i
        while lo > 0 and title[lo - 1]:
            lo -= 1
        while hi < len(title) - 1 and title[hi + 1]:
            hi += 1
        return hi - lo + 1 >= LINK_LIST

    paragraphs = [k for k, b in enumerate(blocks) if b.kind == "paragraph"]
    dek = paragraphs[0] if paragraphs else -1
    # in the page's head, above its first paragraph of prose: the headline and the dek, its
    # first two paragraphs of HEAD_WORDS words or more (a section's label, a byline or a
    # date above or between them is neither)
    prose = next((k for k in paragraphs if _prose(blocks[k].prose)), len(blocks))
    head = [k for k in paragraphs if _wordy(blocks[k].prose)][:2]
    drop = set()
    for f in repeats:
        i, j = at.get(f.line), at.get(f.related[0].line)
        if i is None or j is None or not (title[i] and title[j]) or j == dek:
            continue  # the dek printed again is the article's own summary, not a link
        if j in head and i < prose:
            continue  # and so is the dek printed again under the byline and the date
        if in_list(i):
            drop.add(id(f))
    drop |= _contents(doc, repeats)
    return [f for f in findings if id(f) not in drop] if drop else findings


def _wordy(text: str) -> bool:
    return len(text.split()) >= HEAD_WORDS


def _prose(text: str) -> bool:
    """A paragraph of prose: PROSE_WORDS words or more, ending with a stop."""
    return len(text.split()) >= PROSE_WORDS and text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


#: fewest words of a page's headline or dek set as a paragraph, and of its first prose
HEAD_WORDS, PROSE_WORDS = 6, 12


def _contents(doc: Document, repeats: list[Finding]) -> set[int]:
    """The repeats of a table of contents' lines by its sections' subheads: a list of
    ``LINK_LIST`` heading lines or more in a row (a question or a label with its colon may
    be one), two or more of which are printed again further down, each above a longer block
    (``"In this guide" / "Who pays?" / "When does it pay off?" ...``, then each
    section under its subhead); the list may be a Markdown list, its items links to the
    sections. (The leftover rules claim the same table's body lines as article text,
    ``leftover._contents``: lists are no body lines there.)"""
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "heading", "list_item")]
    at = {doc.locate(b.span.start)[0]: i for i, b in enumerate(blocks)}
    heads = [_title_line(b.prose, ends=".!…;,") for b in blocks]
    texts = [" ".join(b.prose.split()) for b in blocks]
    alone = defaultdict(list)  # a line above a longer block: a subhead, by its text
    for k in range(len(blocks) - 1):
        if heads[k] and not heads[k + 1]:
            alone[texts[k]].append(k)
    drop = set()
    for f in repeats:
        i, j = at.get(f.line), at.get(f.related[0].line)
        if i is None or j is None or not (heads[i] and heads[j]) or i < j:
            continue
        lo = hi = j
        while lo > 0 and heads[lo - 1]:
            lo -= 1
        while hi < len(heads) - 1 and heads[hi + 1]:
            hi += 1
        if hi - lo + 1 < LINK_LIST or i not in alone.get(texts[i], ()):
            continue
        sections = sum(any(k > hi for k in alone.get(texts[e], ())) for e in range(lo, hi + 1))
        if sections >= 2:
            drop.add(id(f))
    return drop


_CLOSERS = "\"'”’»)]* "


def _title_line(text: str, ends: str = ".!?…:;,") -> bool:
    """One line of a few words with none of ``ends`` at its end (a headline, a link)."""
    text = text.strip()
    if "\n" in text or not text:
        return False
    words = len(text.split())
    end = text.rstrip(_CLOSERS)[-1:]
    return TITLE_WORDS[0] <= words <= TITLE_WORDS[1] and end not in ends
