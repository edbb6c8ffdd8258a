"""Naming rules: what their findings point at and what their fixes do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lint
from lintnews.language import lexicon

DRAFT = """# Cumbre

Vladimir Putin recibió a Kim en la Vostochny Cosmodrome.

Putin y Kim recorrieron el Vostochny Cosmodrome con la 'sagrada lucha' como lema.

Más tarde Putín habló de la 'lucha sagrada' en el Vostochny Cosmodrome.
"""


def test_a_name_variant_points_at_the_majority_and_its_fix_is_unsafe():
    [finding] = lint(DRAFT, "inconsistent-name", language="es").findings
    assert (finding.line, finding.message, finding.detail) == (
        7,
        "Escriba «Putin», no «Putín»: el texto escribe este nombre de dos maneras.",
        "only the accents differ; spelled so 2x, first at line 3",
    )
    assert [r.line for r in finding.related] == [3]
    assert finding.fix.replacement == "Putin" and not finding.fix.safe


def test_an_article_fix_swaps_the_minority_article():
    [finding] = lint(DRAFT, "name-article-mismatch", language="es").findings
    assert finding.line == 3
    assert finding.fix.replacement == "el" and not finding.fix.safe


def test_a_second_wording_of_a_quote_is_reported_with_the_first_and_never_rewritten():
    [finding] = lint(DRAFT, "quote-mismatch", language="es").findings
    assert finding.line == 7 and finding.fix is None
    assert (
        "«lucha sagrada»" in finding.message and "«sagrada lucha» en la línea 5" in finding.message
    )
    text = (
        '# Incendio\n\nEl jefe de bomberos dijo que está "controlado pero no estabilizado".\n\n'
        'Según el parte, el fuego sigue "estabilizado pero no controlado" en la sierra.\n'
    )
    [finding] = lint(text, "quote-mismatch", language="es").findings
    assert finding.fix is None and "en la línea 3" in finding.message


QUOTED = [
    ('"', '"'),
    ("“", "”"),
    ("«", "»"),
    ("„", "“"),
    ("‘", "’"),
    ("'", "'"),
]


@pytest.mark.parametrize(("open_", "close"), QUOTED)
def test_a_name_inside_a_direct_quotation_is_reported_without_a_fix(open_, close):
    text = (
        "# Cumbre\n\nVladimir Putin recibió a Kim en Vostochny.\n\n"
        "Putin y Kim recorrieron el cosmódromo al amanecer.\n\n"
        f"Kim dijo: {open_}Agradezco a Putín su hospitalidad{close}.\n"
    )
    [finding] = lint(text, "inconsistent-name", language="es").findings
    assert finding.line == 7 and "Escriba «Putin», no «Putín»" in finding.message
    assert finding.fix is None
    alone = text.replace(f"{open_}Agradezco a Putín su hospitalidad{close}", f"{open_}Putín{close}")
    [finding] = lint(alone, "inconsistent-name", language="es").findings
    assert finding.fix.replacement == "Putin"  # a name in quote marks: a title, not a quote


def test_an_article_inside_a_quotation_is_not_rewritten():
    text = DRAFT.replace(
        "recibió a Kim en la Vostochny Cosmodrome", "dijo: «vamos a la Vostochny Cosmodrome»"
    )
    [finding] = lint(text, "name-article-mismatch", language="es").findings
    assert finding.line == 3 and finding.fix is None
    outside = lint(DRAFT, "name-article-mismatch", language="es").findings
    assert outside[0].fix is not None  # an apostrophe in l'Élysée or O'Brien is not a quote


def test_the_lexicon_knows_established_spellings_and_not_slips():
    es = lexicon.load("es", "large")
    assert es.zipf("Colombia") > 3 and es.zipf("Columbia") > 2
    assert es.zipf("Castens") == 0.0
    assert lexicon.load("xx-none") is None


def test_the_lexicon_looks_words_up_as_the_list_stores_them_case_folded_and_composed():
    de = lexicon.load("de", "large")
    # "ß" is stored case-folded ("grösse"): a lookup by str.lower found no German word with it
    assert de.zipf("Größe") == de.zipf("grösse") > 4
    assert de.zipf("Straße") > 4 and de.zipf("groß") > 4
    assert de.zipf("Gro\u0308\u00dfe") == de.zipf("Größe")  # a decomposed "ö" too


def test_a_lexicon_index_answers_as_the_list_and_survives_damage(tmp_path):
    read = lexicon.load("es", "large", 2.0)
    words = [*list(read._zipf)[::97], "Putin", "putinn", "", "zzzz", "\uffff"]
    try:
        lexicon.use_index_dir(tmp_path)
        first = lexicon.load("es", "large", 2.0)  # reads the list, writes the index
        (index,) = tmp_path.glob("lexicon-es-large-2-*.bin")
        lexicon.load.cache_clear()
        second = lexicon.load("es", "large", 2.0)  # reads the index
        assert type(second._zipf).__name__ == "_PackedTable"
        for lex in (first, second):
            assert [lex.zipf(w) for w in words] == [read.zipf(w) for w in words]
        assert len(second) == len(read)
        index.write_bytes(index.read_bytes()[:1000])  # truncated: rebuilt, same answers
        lexicon.load.cache_clear()
        assert [lexicon.load("es", "large", 2.0).zipf(w) for w in words[:50]] == [
            read.zipf(w) for w in words[:50]
        ]
        assert index.stat().st_size > 1000
        lexicon.use_index_dir(tmp_path / "file" / "below")  # unwritable: the list is read
        (tmp_path / "file").write_text("not a folder")
        assert lexicon.load("es", "large", 2.0).zipf("Putin") == read.zipf("Putin")
    finally:
        lexicon.use_index_dir(None)


# What makes a chunk of a sentence not prose, as the regular expressions that defined it;
# name_mentions.skipped_chunks finds the same chunks (and those with a digit) without them.
_REFERENCE_MARKS = (
    r"[@#_/\\*]",
    r"\p{L}[.\u00ad\u200b\u2060]\p{L}",
    r"(?<![^ \n])www",
    r"\.(?:com|org|net|mx|es)\b",
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aZé.-@#_/\\* \nwcomrgetsx1²½٣\u00ad\u200b", "www", ".com", ".es"])
    ).map("".join)
)
def test_skipped_chunks_are_the_chunks_with_a_not_prose_mark_or_a_digit(text):
    import regex

    from lintnews.kinds.naming.mentions import skipped_chunks

    marks = {m.start() for p in _REFERENCE_MARKS for m in regex.finditer(p, text)}

    def numbered(chunk: str) -> bool:  # a digit, unless the chunk is a name like COVID-19
        name = regex.fullmatch(r"[\p{L}\p{M}]{2,}-\d+[,.;:)!?»”\"']*", chunk)
        return any(map(str.isdigit, chunk)) and not name

    expected = [
        m.span()
        for m in regex.finditer(r"[^ \n]+", text)
        if any(m.start() <= at < m.end() for at in marks) or numbered(m.group())
    ]
    assert skipped_chunks(text) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"aZ ÉéÑñßİıǅ1.-", "\U0001d400", "\ud800"])).map("".join))
def test_a_caps_sentence_is_one_of_more_than_60_percent_capitals(text):
    # the quick count of UTF-8 bytes that rules most sentences out never rules out one in
    # capitals outside ASCII ("ÉLYSÉE")
    from lintnews.kinds.naming.mentions import is_caps_sentence

    letters = [c for c in text if c.isalpha()]
    expected = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6
    assert is_caps_sentence(text) == expected


def test_a_word_broken_by_soft_hyphens_gives_no_fragment_to_compare():
    # German pages hyphenate with invisible soft hyphens: "Stü-cke" and "Stu-fe" are no two
    # spellings of a name "Stü"
    text = (
        "# Funde\n\nDie Stü\u00adcke aus dem Moor sind alt. Die Stü\u00adcke liegen im Museum "
        "von Bremen.\n\nAuf der nächsten Stu\u00adfe zeigt das Museum in Bremen weitere Funde "
        "aus dem Moor.\n"
    )
    assert not lint(text, "inconsistent-name", language="de").findings


def test_a_zero_width_space_beside_a_word_hides_no_typo():
    # pasted web text carries zero-width spaces between words: they break no word
    text = (
        "# Pleno\n\nEl presidente Pedro Sánchez habló el lunes ante el Congreso. Sánchez "
        "defendió el presupuesto.\n\nLa oposición criticó a Sánchez por la tarde.\n\n"
        "El portavoz dijo que \u200bSánhez\u200b no tiene mayoría para aprobarlo.\n"
    )
    found = lint(text, "inconsistent-name", language="es").findings
    assert [f.line for f in found] == [7]


@pytest.mark.parametrize("opening", ["„", "“", "«", "("])
def test_a_word_opening_a_quotation_is_initial_as_a_sentence_start_is(opening):
    # a title quoted in German opens with a capital: „Abgebrochene Forschung“ is no second
    # spelling of "abgebrochene Forschung"
    from lintnews.kinds.naming.mentions import sentence_words

    words, _ = sentence_words(
        f"Der Band hat den Titel {opening}Abgebrochene Forschung aus Bremen.", 0
    )
    initial = {w.text: w.initial for w in words}
    assert initial["Der"] and initial["Abgebrochene"]
    assert not (initial["Titel"] or initial["Forschung"] or initial["Bremen"])


def test_the_quick_digit_test_finds_every_character_isdigit_accepts():
    import sys

    from lintnews.kinds.naming.mentions import MAYBE_DIGIT

    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isdigit() and not MAYBE_DIGIT.match(chr(code))
    ]
    assert missed == []


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ana", "de", "la", "y", "casa", "EU", "@x", "7", "Ñu", "of", "-", "&"]),
        max_size=12,
    ).map(" ".join)
)
def test_a_connector_after_a_word_left_out_changes_no_run(text):
    # sentence_words leaves out a connector that follows a word it did not keep; the runs
    # are those of all the connectors kept
    from lintnews.kinds.naming import mentions

    connectors = frozenset({"de", "la", "y", "of"})
    words, count = mentions.sentence_words(text, 0, connectors)
    every = [
        mentions.Word(m.group(), m.start(), m.end(), False, m.group().lower() != m.group())
        for m in mentions._WORD.finditer(text)
    ]
    ours = mentions.sentence_words(text, 0, frozenset())[0]  # no connectors: names only
    names = {(w.start, w.end) for w in ours}
    every = [w for w in every if (w.start, w.end) in names or w.text in connectors]

    def spans(found):
        return [[(w.start, w.end) for w in run] for run in found]

    assert spans(mentions.runs(words, text, 0, connectors)) == spans(
        mentions.runs(every, text, 0, connectors)
    )
    # every word not left out as a chunk that is not prose is counted, kept or not
    assert count == mentions.sentence_words(text, 0, frozenset())[1]


def test_a_variant_says_what_makes_the_two_forms_one_name():
    text = (
        "# Pleno\n\nEl diputado Juan Pérez votó en contra. Pérez habló después.\n\n"
        "La oficina de Perez no respondió.\n\nLa ministra Carmen Montalvo y Montalvo llegaron. "
        "Montalvo habló y luego Montavlo se fue.\n"
    )
    messages = [f.detail for f in lint(text, "inconsistent-name", language="es").findings]
    assert any("only the accents differ" in m for m in messages)
    assert any("one letter apart" in m for m in messages)


def test_the_decomposed_letters_fix_composes_only_the_words_found():
    text = "# Consejo\n\nLa reunio\u0301n se aplazo\u0301.\n\n`co\u0301digo` queda igual.\n\nLa comisio\u0301n llega.\n"
    [finding] = lint(text, "typography", language="es").findings
    fix = finding.fix
    assert fix.safe
    fixed = text[: fix.span.start] + fix.replacement + text[fix.span.end :]
    assert "reunión" in fixed and "aplazó" in fixed and "comisión" in fixed
    assert "`co\u0301digo`" in fixed  # code between the places is not prose: left as written


def test_the_typo_search_index_finds_every_pair_one_edit_apart():
    import random

    from rapidfuzz.distance import OSA

    from lintnews.kinds.naming.name_variants import _moved_letter, _near_pairs

    rng = random.Random(7)
    words = {"kristaps", "krisapts", "okafor", "okafro", "carstens", "castens", "meadow"}
    words |= {"meadows", "julia", "julie"}
    while len(words) < 400:  # short words over few letters: many pairs one edit apart
        words.add("".join(rng.choice("abcde") for _ in range(rng.randint(4, 6))))
    keys = sorted(words)
    brute = [
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if OSA.distance(keys[i], keys[j]) == 1 or _moved_letter(keys[i], keys[j])
    ]
    assert set(brute) <= set(_near_pairs(keys)) and len(brute) > 100


def test_a_project_names_its_own_given_name_families_and_a_malformed_file_is_a_one_line_error(
    tmp_path, cli
):
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  inconsistent-name:\n    options:\n      given_names: names.yaml\n"
    )
    (tmp_path / "d.md").write_text("# T\n\nKwame Mensah spoke.\n\nLater, Kwami Mensah left.\n")
    (tmp_path / "names.yaml").write_text("families:\n  - [Kwame, Kwami]\n")
    done = cli("check", "--no-cache", "d.md", cwd=tmp_path)
    assert done.returncode == 1 and "d.md:5:8" in done.stdout and "'Kwame'" in done.stdout
    (tmp_path / "names.yaml").write_text("families:\n  - [Kwame, Kwami]\n  - Kofi\n")
    done = cli("check", "--no-cache", "d.md", cwd=tmp_path)
    assert done.returncode == 2 and not done.stdout
    [line] = done.stderr.splitlines()
    assert "names.yaml:1" in line and "'families' must be a list of lists" in line


def test_one_finding_per_place_keeps_what_comparing_every_pair_keeps():
    import random

    from lintnews.document import Span
    from lintnews.findings import Hit
    from lintnews.kinds.naming.name_variants import _dedupe

    def every_pair(hits):
        taken = []
        for hit in sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start)):
            if not any(t.start <= hit.span.start and hit.span.end <= t.end for t in taken):
                taken.append(hit.span)
                yield hit

    rng = random.Random(5)
    for _ in range(300):
        hits = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 20)
            hits.append(Hit(Span(start, start + rng.randint(1, 8)), {}))
        assert [id(h) for h in _dedupe(hits)] == [id(h) for h in every_pair(hits)]
