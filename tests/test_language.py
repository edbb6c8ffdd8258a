"""Which language a draft is read in, when neither its front matter nor the config says."""

from __future__ import annotations

from conftest import lint
from lintnews.language import UNKNOWN, load_languages
from lintnews.plugin.builtin import builtin_rules_dir

POLISH = (
    "# Powódź w Kłodzku\n\n"
    "Woda w Nysie Kłodzkiej przekroczyła w nocy stan alarmowy o ponad metr. Strażacy "
    "ewakuowali mieszkańców trzech ulic w pobliżu rynku, a burmistrz ogłosił pogotowie "
    "przeciwpowodziowe dla całej gminy.\n\n"
    "Według synoptyków opady mają osłabnąć dopiero w czwartek. Szkoły pozostaną zamknięte, "
    "a autobusy miejskie pojadą objazdami przez most kolejowy.\n\n"
    "Woda w Nysie Kłodzkiej przekroczyła w nocy stan alarmowy o ponad metr. Strażacy "
    "ewakuowali mieszkańców trzech ulic w pobliżu rynku, a burmistrz ogłosił pogotowie "
    "przeciwpowodziowe dla całej gminy.\n"
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
    # Polish shares a few short words with Portuguese ("a", "do", "na"): not enough to be
    # read with Portuguese stems, words and endings
    assert lint(POLISH, "repeated-paragraph").language == UNKNOWN.code
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
    result = lint(POLISH, "repeated-paragraph")
    assert [f.line for f in result.findings] == [7]
