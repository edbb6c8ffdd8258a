"""Messages for journalists (issue 18, item 7): in the draft's language, in plain words, from
a catalogue that is data (the rules' YAML, a config can reword or add a language), with the
technical detail kept apart for --verbose, JSON and SARIF."""

from __future__ import annotations

import json

import regex

from conftest import ROOT, lint
from lintnews.config import Config
from lintnews.runner import Runner

SAMPLES = [ROOT / "examples" / name for name in ("cumbre-kim-putin.txt", "presupuesto-es.md")]
ENGLISH = ROOT / "examples" / "summit-siberia-en.md"
#: what a journalist should not have to read: scores, measures, classifier features, counts
INTERNALS = regex.compile(
    r"\d\.\d\d|score|similarity|classifier|all_lower|starts_lower|\b\d+x\b|word for word"
    r"|verbatim|marker '|spelled so",
    regex.I,
)
CAPTION = "# Cumbre\n\nEl presidente llegó a Moscú por la mañana para la reunión.\n\nFoto: EFE\n"


def _in(language: str, text: str) -> str:
    """``text`` with a front matter that sets its language."""
    return f"---\nlang: {language}\n---\n{text}"


def _findings(runner: Runner, path):
    return runner.lint_text(path.read_text(encoding="utf-8"), str(path)).findings


def test_messages_are_plain_words_in_the_drafts_language_and_the_detail_keeps_the_measures():
    runner = Runner(config=Config())
    spanish = [f for path in SAMPLES for f in _findings(runner, path)]
    english = list(_findings(runner, ENGLISH))
    assert {f.rule for f in spanish} >= {"stray-caption", "repeated-paragraph", "quote-mismatch"}
    for f in spanish + english:
        assert not INTERNALS.search(f.message), f.message
    measured = [f for f in spanish + english if INTERNALS.search(f.detail)]
    assert {f.rule for f in measured} >= {"stray-caption", "repeated-paragraph"}
    by_rule = {f.rule: f.message for f in spanish}
    assert "pie de foto" in by_rule["stray-caption"] and "línea" in by_rule["repeated-paragraph"]
    english_caption = next(f.message for f in english if f.rule == "stray-caption")
    assert "photo caption" in english_caption and "pie de foto" not in english_caption


def test_a_language_without_messages_falls_back_to_english():
    text = CAPTION.replace("El presidente llegó a Moscú", "De president kwam aan in Moskou")
    [finding] = lint(text, "stray-caption", language="nl").findings
    assert finding.message.startswith("This line looks like a photo caption")


def test_a_newsroom_adds_a_language_and_rewords_a_message_in_its_config(tmp_path):
    config = tmp_path / ".lintnews.yaml"
    config.write_text(
        "rules:\n  stray-caption:\n    message:\n"
        '      pt: "Legenda esquecida no texto: {text}"\n'
        '      en: "Caption left in: {text}"\n',
        encoding="utf-8",
    )
    runner = Runner(config_path=str(config), select=["stray-caption"])
    pt = CAPTION.replace("El presidente llegó a Moscú", "O presidente chegou a Moscou")
    assert runner.lint_text(_in("pt", pt), "d.md").findings[0].message == (
        "Legenda esquecida no texto: Foto: EFE"
    )
    spanish = runner.lint_text(_in("es", CAPTION), "d.md").findings[0]
    assert "pie de foto" in spanish.message  # the languages it does not name keep theirs
    dutch = runner.lint_text(_in("nl", CAPTION), "d.md").findings[0]
    assert dutch.message == "Caption left in: Foto: EFE"  # the fallback was reworded too


def test_a_config_message_with_a_value_the_rule_does_not_give_is_a_one_line_error(cli, tmp_path):
    (tmp_path / ".lintnews.yaml").write_text(
        "language: es\nrules:\n  stray-caption:\n    message: {es: 'Línea {score}'}\n",
        encoding="utf-8",
    )
    (tmp_path / "d.md").write_text(CAPTION, encoding="utf-8")
    proc = cli("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert ".lintnews.yaml:3:" in proc.stderr and "{score}" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_rule_file_with_a_malformed_message_catalogue_is_a_one_line_error(cli, tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "credit.yaml").write_text(
        "id: house-credit\nkind: leftover\nmessage:\n  es: [3]\n", encoding="utf-8"
    )
    (tmp_path / ".lintnews.yaml").write_text("rule-paths: [house]\n", encoding="utf-8")
    (tmp_path / "d.md").write_text(CAPTION, encoding="utf-8")
    proc = cli("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "credit.yaml:3: invalid rule: message" in proc.stderr


def test_a_rule_with_one_message_keeps_it_in_every_language(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "credit.yaml").write_text(
        "id: house-credit\nkind: leftover\nmessage: 'Credit line: {text}'\n"
        "options:\n  markers: {'*': ['foto\\s*:']}\n",
        encoding="utf-8",
    )
    (tmp_path / ".lintnews.yaml").write_text("rule-paths: [house]\n", encoding="utf-8")
    runner = Runner(config_path=str(tmp_path / ".lintnews.yaml"), select=["house-credit"])
    for language in ("es", "en"):
        [finding] = runner.lint_text(_in(language, CAPTION), "d.md").findings
        assert (finding.message, finding.detail) == ("Credit line: Foto: EFE", "")
    (tmp_path / ".lintnews.yaml").write_text(
        "rule-paths: [house]\nrules:\n  house-credit:\n    message: {es: 'Crédito: {text}'}\n",
        encoding="utf-8",
    )
    runner = Runner(config_path=str(tmp_path / ".lintnews.yaml"), select=["house-credit"])
    messages = [runner.lint_text(_in(c, CAPTION), "d.md").findings[0].message for c in ("es", "en")]
    assert messages == ["Crédito: Foto: EFE", "Credit line: Foto: EFE"]  # a language added


def test_a_finding_for_several_places_is_counted_in_the_drafts_language():
    text = (
        "# Cumbre\n\nVladimir Putin recibió a Kim.\n\n"
        "Putin habló. Luego Putín y otra vez Putín llegaron.\n\nPutin se fue.\n"
    )
    [finding] = lint(text, "inconsistent-name", language="es").findings
    assert finding.message.endswith("[2 lugares]")


def test_verbose_text_json_and_sarif_carry_the_detail(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(CAPTION, encoding="utf-8")
    plain = cli("check", "--lang", "es", str(draft)).stdout
    verbose = cli("check", "--lang", "es", "--verbose", str(draft)).stdout
    assert "pie de foto" in plain and "marker 'Foto:'" not in plain
    assert "marker 'Foto:'" in verbose and verbose.startswith(plain.rstrip("\n"))
    report = json.loads(cli("check", "--lang", "es", "--format", "json", str(draft)).stdout)
    [finding] = report["files"][0]["findings"]
    assert "marker 'Foto:'" in finding["detail"] and "pie de foto" in finding["message"]
    sarif = json.loads(cli("check", "--lang", "es", "--format", "sarif", str(draft)).stdout)
    [result] = sarif["runs"][0]["results"]
    assert "marker 'Foto:'" in result["properties"]["detail"]
    assert result["message"]["text"] == finding["message"]
