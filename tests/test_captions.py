"""The leftover-line classifier: features, inference, the weights shipped, the message."""

from __future__ import annotations

import dataclasses
import json

import pytest

from conftest import ROOT, lint
from lintnews.kinds.leftovers.caption_features import FEATURES, body, features
from lintnews.kinds.leftovers.caption_model import LineModel, load_model
from lintnews.kinds.leftovers.leftover import prepare
from lintnews.runner import Runner

RUNNER = Runner(select=["stray-caption"])
SPANISH = RUNNER.ruleset.languages["es"]

DRAFT = """\
# Cumbre en Siberia

Kim Jong-un ofreció a Vladimir Putin su apoyo en la guerra de Ucrania.

Los dos líderes se reunieron en el cosmódromo de Vostochni durante horas.

apoyo ucrania putin vladimir vostochni

Mauricio Ossola (izquierda) y Kim Jong-un (derecha)

La reunión duró varias horas y terminó con una cena.
"""


def _features(text: str):
    doc = RUNNER.parse(text, "draft.md")
    b = body(doc)
    return [features(b, i, SPANISH, frozenset({"efe"})) for i in range(len(b.lines))]


def test_every_feature_is_named_and_between_zero_and_one():
    for values in _features(DRAFT):
        assert list(values) == list(FEATURES)
        assert all(0.0 <= v <= 1.0 for v in values.values()), values


def test_features_tell_a_caption_from_prose():
    prose, _, salad, caption, last = _features(DRAFT)
    assert prose["end_stop"] == 1 and caption["end_stop"] == 0
    assert salad["all_lower"] == 1 and salad["capitalised_elsewhere"] > 0.5
    assert caption["position_word"] == 1 and caption["short"] == 1
    assert last["prev_short"] == 1 and prose["prev_short"] == 0


def test_model_scores_with_a_sigmoid_and_names_its_reasons():
    model = LineModel(("short", "end_stop"), (4.0, -4.0), -1.0, 0.5)
    assert model.score({"short": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-3), 1e-6)
    assert model.score({"short": 1.0, "end_stop": 1.0}) < 0.5
    assert model.reasons({"short": 1.0}) == ["short"]


def test_shipped_weights_load_and_carry_cross_validated_figures():
    path = ROOT / "rules" / "models" / "caption-lines.json"
    model = load_model(path)
    assert set(model.features) <= set(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert "real-dev" in json.loads(path.read_text(encoding="utf-8"))["cv"]["sets"]


def test_a_bad_weights_file_is_a_readable_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"features": ["nope"], "weights": [1], "bias": 0, "threshold": 0.5}')
    with pytest.raises(ValueError, match="does not fit"):
        load_model(bad)


def test_prepare_resolves_the_model_path_from_the_rule_file():
    rule = next(r for r in RUNNER.ruleset.rules if r.id == "stray-caption")
    again = prepare(rule.options, ROOT / "elsewhere")  # a config elsewhere prepares it again
    assert again.model == rule.prepared.model is not None
    with pytest.raises(ValueError, match="model"):
        prepare(dataclasses.replace(rule.options, model="missing.json"), ROOT)


def test_the_message_shows_the_rule_that_fired_and_the_line_score():
    result = lint(
        DRAFT.replace("apoyo ucrania putin vladimir vostochni", "Foto: EFE"), "stray-caption"
    )
    (finding,) = [f for f in result.findings if f.line == 7]
    assert "marker 'Foto:'" in finding.message and "line score" in finding.message


def test_removing_the_line_is_an_unsafe_fix():
    result = lint(DRAFT, "stray-caption")
    finding = next(f for f in result.findings if f.line == 7)
    assert finding.fix is not None and not finding.fix.safe and finding.fix.replacement == ""


def test_a_newsroom_rule_folder_extends_the_phrase_packs(tmp_path):
    from lintnews.config import Config

    (tmp_path / "languages").mkdir()
    (tmp_path / "languages" / "es.yaml").write_text(
        "language: es\ncaption-markers: ['gráfico de la redacción\\b']\n", encoding="utf-8"
    )
    text = DRAFT.replace("apoyo ucrania putin vladimir vostochni", "Gráfico de la redacción")
    plain = Runner(select=["stray-caption"]).lint_text(text, "draft.md")
    extended = Runner(select=["stray-caption"], config=Config(rule_paths=(tmp_path,))).lint_text(
        text, "draft.md"
    )
    assert 7 not in [f.line for f in plain.findings]
    assert 7 in [f.line for f in extended.findings]


def test_prepare_rejects_a_pattern_that_does_not_compile():
    rule = next(r for r in RUNNER.ruleset.rules if r.id == "stray-caption")
    with pytest.raises(ValueError, match="invalid pattern"):
        prepare(dataclasses.replace(rule.options, markers={"es": ["(unclosed"]}), ROOT)
