"""The ReDoS guard on user regular expressions."""

from __future__ import annotations

import time

import pytest
import regex

from lintnews.patterns import FirstMatch, PatternSet, PatternTimeout, UserPattern


def test_catastrophic_pattern_is_stopped(monkeypatch):
    monkeypatch.setenv("LINTNEWS_REGEX_TIMEOUT", "0.2")
    pattern = UserPattern(r"(a|a)*$")
    start = time.perf_counter()
    with pytest.raises(PatternTimeout, match=r"took more than 0.2s"):
        pattern.search("a" * 40 + "b")
    assert time.perf_counter() - start < 5
    with pytest.raises(PatternTimeout):
        list(pattern.finditer("a" * 40 + "b"))


def test_ordinary_patterns_work_and_invalid_ones_are_value_errors():
    pattern = UserPattern(r"\bfoto\s*:", flags=0)
    assert pattern.search("Una foto: EFE").start() == 4
    assert [m.group() for m in UserPattern(r"\d+").finditer("1 y 22")] == ["1", "22"]
    assert UserPattern(r"(\w+)@").sub(r"<\1>", "ana@") == "<ana>"
    with pytest.raises(ValueError, match="invalid regular expression"):
        UserPattern("(unclosed")


def test_case_folding_is_simple_and_errors_point_into_the_pattern_as_written():
    # version 1 syntax (set operations) with simple case folding, as re and Vale fold case
    assert UserPattern(r"[[a-z]--[aeiou]]+", regex.I).search("AEIOUXYZ").group() == "XYZ"
    assert UserPattern(r"stra(?:ss|ß)e", regex.I).search("STRASSE")
    assert not UserPattern("straße", regex.I).search("STRASSE")
    assert UserPattern("(?i)ÁFRICA").search("áfrica")
    with pytest.raises(ValueError, match="at position 3"):
        UserPattern("abc)")


SET_TEXTS = [
    "Foto: EFE",
    "  — Reuters / AFP  ",
    "El acto terminó. Foto: Juan Pérez (AFP) y más (ver video) al final URL",
    "abab aab ba",
    "",
]


@pytest.mark.parametrize(
    "patterns",
    [
        (r"foto\s*:\s*\p{L}+", r"(?:AFP|EFE|Reuters)(?:\s*/\s*[\p{L} ]+)?", r"\(ver video\)"),
        (r"a", r"ab", r"(?<=a)b", r"b\s*$", r"(?-i:URL)\s*$"),
        (r"(a)\1", r"ab"),  # a group reference: the alternation is kept whole
        (r"x?", r"ab"),  # an empty match: the engine's own rules
    ],
)
@pytest.mark.parametrize("template", ["{}", r"^\W{{0,2}}(?:{})\W{{0,2}}$"])
def test_pattern_set_answers_as_its_alternation(patterns, template):
    whole = regex.compile(
        template.format("|".join(f"(?:{p})" for p in patterns)), regex.I | regex.V1
    )
    pattern_set = PatternSet(patterns, template, regex.I)
    for text in SET_TEXTS:
        for pos in (0, 3):
            expected = [m.span() for m in whole.finditer(text, pos)]
            assert [m.span() for m in pattern_set.finditer(text, pos)] == expected
        assert pattern_set.matches(text) == bool(whole.match(text))
        assert pattern_set.found_in(text) == bool(whole.search(text))


@pytest.mark.parametrize(
    "patterns",
    [
        (r"foto\s*:\s*\p{L}+", r"(?:AFP|EFE|Reuters)(?:\s*/\s*[\p{L} ]+)?", r"\(ver video\)"),
        (r"(?<![\p{L}])ab", r"(?<!\W)ba", r"b\s*$", r"(?-i:URL)\s*$", r"^\s*abab", r"\Aab"),
        (r"(?!\s)a$", r"(?<![^ ])aab", r"zzz", r"\bba\b"),
    ],
)
@pytest.mark.parametrize("template", ["{}", r"^\W{{0,2}}(?:{})\W{{0,2}}$"])
def test_a_narrowed_set_answers_as_the_whole_set_on_its_lines(patterns, template):
    lines = [t for t in SET_TEXTS if t] + ["ba", "x URL", "ab", "  ab"]
    full = PatternSet(patterns, template, regex.I)
    for chosen in (lines, lines[:1], lines[-2:]):
        narrow = full.narrowed(chosen)
        for text in chosen:
            assert [m.span() for m in narrow.finditer(text)] == [
                m.span() for m in full.finditer(text)
            ]
            assert narrow.matches(text) == full.matches(text)
            assert narrow.found_in(text) == full.found_in(text)
    assert len(full.narrowed(["nothing here"]).parts) < len(full.parts)


SCANNING_LINES = [
    "Sign up for our free newsletter",
    "Get it delivered to your inbox. Subscribe",
    "For the full report, click here.",
    "Click here:",
    "Read more here on our site",
    "3 free articles left this month",
    "Download the app for iOS and Android",
    "A newsletter, nothing more",
    "Foto: EFE",
    "",
    "Pulse aquí para leer",
]


@pytest.mark.parametrize(
    "patterns",
    [
        (  # the cms-boilerplate kind: two that look ahead, one that opens with any characters
            r"(?=[^\n]{0,300}$)(?=[^\n]{0,300}\b(?:sign up|subscribe|free)\b)[^\n]{0,300}?"
            r"\b(?:newsletters?|(?:to|in) your inbox|ios and android)\b[^\n]{0,300}",
            r"foto\s*:\s*\p{L}+",
            r"(?=[^\n]{0,320}$)(?![^\n]*:\W{0,2}$)[^\n]{0,150}\b(?:click|read (?:more|it)|pulse)"
            r"\b[^\n]{0,80}\b(?:here|aqu[ií])\b[^\n]{0,40}",
            r"[^\n]{0,40}\b\d+\s+(?:free\s)?articles?\b[^\n]{0,20}?\b(?:left|this month)\b",
        ),
        (r".*newsletter", r"(?!x)[^\n]*here"),  # nothing left beside the scanning ones
        (r"foto", r"(?=\w)\w+ here"),
        (r"[^ ]+ here", r"(?=.)(a)\1"),  # a group reference: the alternation as it is
    ],
)
@pytest.mark.parametrize("template", ["{}", r"^\W{{0,2}}(?:{})\W{{0,2}}$"])
def test_for_lines_answers_as_the_alternation(patterns, template):
    whole = regex.compile(
        template.format("|".join(f"(?:{p})" for p in patterns)), regex.I | regex.V1
    )
    for chosen in (SCANNING_LINES, SCANNING_LINES[:2], SCANNING_LINES[8:], ["Foto: AP"]):
        matches = PatternSet(patterns, template, regex.I).for_lines(chosen)
        for text in chosen:
            assert matches(text) == bool(whole.match(text)), text


@pytest.mark.parametrize(
    "patterns",
    [
        (  # an alternative before the scanning one that matches the same line: it stays first
            r"all rights",
            r"(?:[^\n]{0,80}?\b)?(?:all rights reserved|derechos reservados)\b",
            r"foto\s*:",
            r"(?=[^\n]{0,300}\bnewsletter\b)sign up",
        ),
        (r"(?:[^\n]{0,80}?\b)?here", r"[^ ]+ clicks?"),  # nothing left beside the scanning one
        (r"[^\n]{0,40}here", r"(a)\1"),  # a group reference: the alternation as it is
    ],
)
def test_first_match_gives_the_alternations_match(patterns):
    template = r"^\W{{0,3}}(?:{})"
    whole = regex.compile(
        template.format("|".join(f"(?:{p})" for p in patterns)), regex.I | regex.V1
    )
    first = FirstMatch(patterns, template, regex.I)
    texts = SCANNING_LINES + [
        "All rights reserved. © 2024 Example Media",
        "© 2024 Example Media. Todos los derechos reservados.",
        "The union's rights were reserved for later, the judge said.",
        "Sign up for the newsletter here",
        "aa here",
        "Two clicks here",
    ]
    for text in texts:
        expected = whole.match(text)
        got = first.match(text)
        assert (got and (got.span(), got.group())) == (
            expected and (expected.span(), expected.group())
        ), text
    assert bool(first.scanning) == all(r"\1" not in p for p in patterns)


def test_for_lines_leaves_the_scanning_patterns_out_of_a_draft_without_their_words():
    pattern_set = PatternSet((r"foto", r"(?=[^\n]{0,300}$)[^\n]*newsletter"), "^(?:{})", regex.I)
    rest, scanning = pattern_set._scanning()
    assert rest.pattern == "^(?:(?:foto))" and [p.pattern for p in scanning] == [
        r"^(?:(?:(?=[^\n]{0,300}$)[^\n]*newsletter))"
    ]
    calls = []
    scanning[0].compiled = _Spy(scanning[0].compiled, calls)
    pattern_set.for_lines(["Foto", "nothing"])("nothing")
    assert calls == []  # the draft lacks "newsletter": never tried
    matches = pattern_set.for_lines(["Foto", "the Newsletter"])
    assert matches("the Newsletter") and calls == ["the Newsletter"]
    assert not matches("nothing") and calls == ["the Newsletter"]  # the line lacks it


class _Spy:
    def __init__(self, compiled, calls):
        self.compiled, self.calls = compiled, calls

    def match(self, text, pos, timeout=None):
        self.calls.append(text)
        return self.compiled.match(text, pos, timeout=timeout)


def test_pattern_set_timeout_names_the_alternation(monkeypatch):
    monkeypatch.setenv("LINTNEWS_REGEX_TIMEOUT", "0.2")
    pattern_set = PatternSet(("foto", "(a|a)*$"), "{}")
    with pytest.raises(PatternTimeout, match=r"\(\?:foto\)\|"):
        pattern_set.finditer("a" * 40 + "b")


@pytest.mark.parametrize(
    "rule",
    [
        "id: slow\nkind: existence\nmessage: x\noptions:\n  raw: ['(a|a)*$']\n  nonword: true\n",
        "id: slow\nkind: leftover\nmessage: x\noptions:\n  markers: {'*': ['(a|a)*$']}\n",
    ],
)
def test_catastrophic_user_rule_is_a_one_line_rule_error(cli, tmp_path, rule):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".lintnews.yaml").write_text("rule-paths: [rules]\n", encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("# T\n\nTexto.\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    start = time.perf_counter()
    proc = cli(
        "check",
        "--no-cache",
        "--select",
        "slow",
        str(draft),
        cwd=tmp_path,
        env={"LINTNEWS_REGEX_TIMEOUT": "0.2"},
    )
    assert time.perf_counter() - start < 30
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "rule slow: pattern" in proc.stderr and "took more than 0.2s" in proc.stderr
