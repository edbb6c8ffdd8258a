"""Which language a draft is read in, when neither its front matter nor the config says."""

from __future__ import annotations

import pytest

from conftest import ROOT, lint
from lintnews.language import UNKNOWN, load_languages
from lintnews.plugin.builtin import builtin_rules_dir

FINNISH = (
    "# Tulva Kouvolassa\n\n"
    "Kymijoen vedenpinta nousi yöllä hälytysrajan yli yli metrillä. Pelastuslaitos evakuoi "
    "kolmen kadun asukkaat torin läheltä, ja kaupunginjohtaja julisti koko kunnan "
    "valmiustilaan tiistaina.\n\n"
    "Meteorologien mukaan sateet heikkenevät vasta torstaina. Koulut pysyvät suljettuina, "
    "ja kaupungin bussit kulkevat kiertoteitä rautatiesillan kautta koko viikon.\n\n"
    "Kymijoen vedenpinta nousi yöllä hälytysrajan yli yli metrillä. Pelastuslaitos evakuoi "
    "kolmen kadun asukkaat torin läheltä, ja kaupunginjohtaja julisti koko kunnan "
    "valmiustilaan tiistaina.\n"
)

SPANISH = (
    "# Inundaciones en el norte\n\n"
    "El agua del río superó durante la noche el nivel de alarma en más de un metro. Los "
    "bomberos evacuaron a los vecinos de tres calles cerca de la plaza y el alcalde declaró "
    "la alerta para todo el municipio, que sigue sin tren desde el martes.\n"
)


def _languages():
    return load_languages([builtin_rules_dir()])


def test_a_draft_in_a_language_without_data_is_read_as_unknown():
    # Finnish shares a few short words with other languages ("ja"): not enough to be read
    # with their stems, words and endings
    assert lint(FINNISH, "repeated-paragraph").language == UNKNOWN.code
    assert lint(SPANISH, "repeated-paragraph").language == "es"


def test_the_unknown_language_holds_every_languages_phrases_and_no_ones_grammar():
    languages = _languages()
    unknown = languages[UNKNOWN.code]
    for code, language in languages.items():
        if code != UNKNOWN.code:
            assert language.stopwords <= unknown.stopwords
            assert set(language.data.get("read-more", [])) <= set(unknown.data["read-more"])
    assert "inflection-endings" not in unknown.data  # German's, not every language's
    assert not unknown.stemmer


def test_a_paragraph_pasted_twice_is_found_in_a_language_without_data():
    result = lint(FINNISH, "repeated-paragraph")
    assert [f.line for f in result.findings] == [7]


#: a draft of each language added after the first six (tests/languages/), with the line of
#: its photo credit and of its "read more" link
SAMPLES = {"ca": (7, 11), "nl": (5, 9), "pl": (5, 9), "ro": (5, 9), "sv": (5, 9)}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_language_is_detected_and_its_leftovers_found(code):
    text = (ROOT / "tests" / "languages" / f"{code}.md").read_text(encoding="utf-8")
    result = lint(text, ["stray-caption", "cms-boilerplate", "inconsistent-name"])
    assert result.language == code
    found = sorted((f.rule, f.line) for f in result.findings)
    caption, read_more = SAMPLES[code]
    assert found == sorted([("stray-caption", caption), ("cms-boilerplate", read_more)])


def test_a_tie_of_stopwords_goes_to_the_first_six_languages():
    # "a" is a stopword of Catalan, English, Spanish ...: the first six languages first
    assert lint("# A NOTE\n\nA note.\n", "repeated-paragraph").language == "en"


TABLE = "| Pos | Club | P | Pts |\n|---|---|---|---|\n" + "".join(
    f"| {i} | Club {i} United | 30 | {90 - i} |\n" for i in range(1, 81)
)


def test_a_tables_cells_do_not_decide_the_language():
    text = (
        f"# League table after matchweek 30\n\n{TABLE}\n"
        "Arsenal went top on goal difference after a win at Luton, and their manager said "
        "the squad was in the race until the end of the season.\n"
    )
    assert lint(text, "repeated-paragraph").language == "en"


def test_a_list_of_names_is_read_in_the_language_that_leads_clearly():
    names = " ".join(
        f"{first} {last}, Chief Executive, {town} Trust."
        for first, last, town in [
            ("Andrew", "Ashworth", "Leeds"),
            ("Helen", "Brennan", "Hull"),
            ("Imran", "Hussain", "Bradford"),
            ("Peter", "Jowett", "Wakefield"),
            ("Robert", "Kilby", "York"),
            ("Margaret", "Lister", "Sheffield"),
            ("Tariq", "Ahmed", "Kirklees"),
            ("Susan", "Barker", "Halifax"),
        ]
    )
    text = (
        f"# Honours list\n\nCBE: {names}\n\nThe honours were announced on Friday by the palace.\n"
    )
    assert lint(text, "repeated-paragraph").language == "en"


@pytest.mark.parametrize(
    ("text", "line", "shape"),
    [
        ("language: en\nstemmer: english\nname-connectors: 5\n", 3, "a list of strings"),
        ("language: en\nname-connectors: [of, 5]\n", 2, "a list of strings"),
        ("language: en\nreport-phrases: {places: 3}\n", 2, "a string"),
        ("language: en\nreport-phrases: [places]\n", 2, "a mapping of strings"),
        ("language: es\ngendered-articles: 3\n", 2, "a mapping"),
        ("language: pt\ngendered-articles: {masculine: [o, no]}\n", 2, "a list of strings"),
        ("language: en\ncapitalised-nouns: [a]\n", 2, "true or false"),
    ],
)
def test_a_language_file_key_of_another_shape_is_an_error_with_its_line(
    tmp_path, text, line, shape
):
    """A project's language file whose key has another shape than the built-in files give
    it is refused at load with its file and line, not left for a rule to fail on."""
    from lintnews.errors import ConfigError

    folder = tmp_path / "rules" / "languages"
    folder.mkdir(parents=True)
    (folder / "en.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_languages([builtin_rules_dir(), tmp_path / "rules"])
    message = str(caught.value)
    assert f".yaml:{line}: invalid language file: '" in message
    assert message.endswith(f"must be {shape}")


def test_a_language_file_may_leave_a_list_empty_and_add_keys_of_its_own(tmp_path):
    folder = tmp_path / "rules" / "languages"
    folder.mkdir(parents=True)
    (folder / "en.yaml").write_text(
        "language: en\nelisions:\nname-openers: []\nmy-plugin-table: {a: [1, 2]}\n",
        encoding="utf-8",
    )
    languages = load_languages([builtin_rules_dir(), tmp_path / "rules"])
    assert languages["en"].data["my-plugin-table"] == {"a": [1, 2]}
