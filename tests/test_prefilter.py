"""The literals a pattern requires: every text the pattern matches in holds them."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lintnews.patterns import SIMPLE_CASE, PatternSet, UserPattern
from lintnews.prefilter import fold, holds, required

ATOMS = st.sampled_from(
    [
        "a", "ab", "A", "B", "foto", "FOTO", "I", "k", "s", " ", "-", ":", "\\.", "\\(", ".",
        "[a-c]", "[^a]", "[]a]", "[[a-c]--[b]]", "\\s", "\\w", "\\d", "\\p{Lu}", "\\P{L}",
        "^", "$", "\\b", "é", "ß", "(?#x)", "(?#\\)", "[[a]]",
    ]
)  # fmt: skip
QUANTIFIERS = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "??", "+?"])


def _patterns(children):
    group = st.tuples(
        st.sampled_from(
            ["(?:", "(", "(?i:", "(?-i:", "(?s:", "(?fi:", "(?>", "(?=", "(?!", "(?<=", "(?<!"]
        ),
        children,
        QUANTIFIERS,
    ).map(lambda t: f"{t[0]}{t[1]}){t[2]}")
    inline = st.sampled_from(["(?i)", "(?fi)", "(?s)"])
    sequence = st.lists(st.one_of(children, group, inline), min_size=1, max_size=4)
    return st.one_of(
        sequence.map("".join),
        st.tuples(children, children).map("|".join),
    )


PATTERNS = st.recursive(st.tuples(ATOMS, QUANTIFIERS).map("".join), _patterns, max_leaves=8)
TEXTS = st.lists(
    st.sampled_from([*"aAbBcCfFoOtTkKsS .:-(é\nıİſKß1", "foto", "FOTO", "ab", "ss"]), max_size=12
).map("".join)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(PATTERNS, st.booleans(), st.lists(TEXTS, min_size=1, max_size=4))
def test_a_text_the_pattern_matches_in_holds_the_required_literals(pattern, ci, texts):
    try:
        compiled = regex.compile(SIMPLE_CASE + pattern, regex.V1 | (regex.I if ci else 0))
    except regex.error:
        assume(False)
    clauses = required(pattern, ci)
    assume(clauses is not None)
    for text in texts:
        if compiled.search(text):
            assert holds(clauses, text, fold(text)), (pattern, ci, text, clauses)


@pytest.mark.parametrize(
    ("pattern", "ci", "expected"),
    [
        ("(?:REUTERS|AFP)", False, [{("REUTERS", True), ("AFP", True)}]),
        ("(?:REUTERS|AFP)", True, [{("reuters", False), ("afp", False)}]),
        ("(?-i:AP)\\s+foto:", True, [{("AP", True)}, {("foto:", False)}]),
        ("(?i)(?:foto|image)\\s*:", False, [{(":", True)}, {("foto", False), ("image", False)}]),
        ("(?i)Foto", False, [{("foto", False)}]),
        ("ab?c", False, [{("a", True)}, {("c", True)}]),
        ("(?:foto)?x", False, [{("x", True)}]),
        ("\\[/?caption\\b", True, [{("[", True)}, {("caption", False)}]),
    ],
)
def test_required_literals(pattern, ci, expected):
    assert [set(c) for c in required(pattern, ci)] == expected


# Found by a review's fuzzer: a quantifier after a comment or an inline flag repeats the atom
# before it; a comment may escape its ")"; a class may hold a nested set; full case folding
# uses the regex module's Unicode tables.
@pytest.mark.parametrize(
    ("pattern", "ci", "text"),
    [
        ("!(?#x){0,2}", True, ""),
        ("A(?#(x)*-", False, "-"),
        ("(?#\\)-(?m)(?i)", False, "(ss\n"),
        ("\\](?#x)?+", False, ".ab-#"),
        ("(?i:!{1,1})(?fi)(?#[)?", True, "A\\"),
        ("[[]]ab[a]*?]?", True, "a#é]~s%>_"),
        ("(?fi)&??S{1}+s{1}", False, "\U0001df95\U0001df95\nﬁ"),
        ("(?f)s(?#x)?+", False, "Séax'ab<"),
        ("b(?#x)?", False, ""),
        ("ab(?i)?c", False, "ac"),
        ("(?#\\)(AB)", False, "x"),
        ("[[]a]bc]", False, "b"),
        ("[[^]a]bc]", False, "b"),
        ("(?f)ss", True, "\U0001df95"),
    ],
)
def test_review_counterexamples_are_sound(pattern, ci, text):
    compiled = regex.compile(SIMPLE_CASE + pattern, regex.V1 | (regex.I if ci else 0))
    assert compiled.search(text)
    clauses = required(pattern, ci)
    assert clauses is None or holds(clauses, text)


@pytest.mark.parametrize(
    "pattern",
    ["", "a|", "(?:a|\\w)", "a(b)\\1", "(?P<x>a)(?P=x)", "(?x)abc", "a{", "(?(1)a|b)", "\\K"],
)
def test_no_clauses_where_a_pattern_has_no_literal_every_match_needs_or_is_not_understood(
    pattern,
):
    assert required(pattern, False) is None


def test_every_character_a_case_insensitive_ascii_literal_matches_folds_like_it():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for b in map(chr, range(32, 127)):
        for flags in ("(?i)(?-f)", "(?i)(?f)"):
            found = regex.compile(flags + regex.escape(b), regex.V1).findall(everything)
            assert {fold(a) for a in found} == {fold(b)}, (b, flags)
            if not b.isalpha():  # read as case-sensitive: found only as itself
                assert found == [b], (b, flags)


@settings(max_examples=300, deadline=None)
@given(st.lists(PATTERNS, min_size=1, max_size=3), st.lists(TEXTS, min_size=1, max_size=4))
def test_user_patterns_and_narrowed_sets_answer_as_the_regex_engine(patterns, texts):
    lines = [t.replace("\n", " ") for t in texts]
    try:
        whole = regex.compile(
            SIMPLE_CASE + "|".join(f"(?:{p})" for p in patterns), regex.I | regex.V1
        )
        users = [UserPattern(p, regex.I) for p in patterns]
        narrowed = PatternSet(tuple(patterns), "{}", regex.I).narrowed(lines)
    except (regex.error, ValueError):
        assume(False)
    for text in texts:
        for user in users:
            engine = user.compiled
            assert [m.span() for m in user.finditer(text)] == [
                m.span() for m in engine.finditer(text)
            ]
            assert user.sub("#", text) == engine.sub("#", text)
            assert bool(user.search(text)) == bool(engine.search(text))
    for line in lines:
        assert [m.span() for m in narrowed.finditer(line)] == [
            m.span() for m in whole.finditer(line)
        ]
        assert narrowed.found_in(line) == bool(whole.search(line))
