"""The leftover-line classifier: features, inference, the weights shipped, the message."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from conftest import ROOT, lint
from lintnews.kinds.leftovers.caption_features import FEATURES, body, features, finite_verb
from lintnews.kinds.leftovers.caption_model import load_model
from lintnews.kinds.leftovers.leftover import MAX_FINDINGS_PER_RUN, prepare
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
    assert last["short-1"] == 1 and prose["short-1"] == 0
    assert prose["present-1"] == 0 and prose["present+1"] == 1


def test_features_see_a_headline_of_another_story_and_a_page_that_left_leftovers():
    text = (
        "# Cumbre en Siberia\n\nKim Jong-un ofreció a Vladimir Putin su apoyo en la guerra.\n\n"
        "Putin recibió a Kim Jong-un en el cosmódromo de Vostochni durante horas.\n\n"
        "Entrevista: Los precios del café suben por tercera semana seguida\n\n"
        "¿Qué comerán los astronautas de la próxima misión lunar?\n\n"
        "Kim Jong-un regresó a Pionyang en su tren blindado.\n"
    )
    _, _, label, question, _ = _features(text)
    assert label["label_colon"] == 1 and question["label_colon"] == 0
    assert question["question"] == 1 and label["question"] == 0
    # the headlines' words are not the story's; the story's lines share theirs
    assert label["overlap_draft"] == 0 and _features(text)[1]["overlap_draft"] >= 0.3
    assert label["draft_evidence"] == 0
    b = body(RUNNER.parse(text, "draft.md"))
    b.lines[4].rule = "marker 'Foto:'"  # what the leftover rule's annotate() sets
    assert features(b, 2, SPANISH, frozenset())["draft_evidence"] > 0


def test_a_run_of_short_lines_is_measured_as_a_whole():
    table = "# Resultados\n\nEl torneo terminó el domingo con estos marcadores.\n\n" + "".join(
        f"Equipo {n} {n + 1}\n\n" for n in range(1, 7)
    )
    values = _features(table)
    first, middle = values[1], values[3]
    assert first["run_first"] == 1 and middle["run_first"] == 0
    assert first["run_length"] == middle["run_length"] > 0
    assert middle["run_digits"] == 1 and middle["run_alike"] == 1
    assert values[0]["run_length"] == 0  # a sentence is in no run


def test_glued_words_and_page_furniture_words_are_seen():
    (line,) = [v for v in _features("# T\n\nTexto largo del artículo.\n\nCompartir Facebook\n")[1:]]
    assert line["ui_words"] == 1 and line["ui_first"] == 1
    (glued,) = _features("# T\n\nTexto largo del artículo.\n\nPolíticaEconomíaDeportes\n")[1:]
    assert glued["glued"] > 0


@pytest.mark.parametrize(
    "line, salad",
    [
        ("apoyo corea norte rusia seguridad", True),
        ("19 febrero 2020", False),  # a date
        ("peter.smith@diario.com", False),  # an address
        ("313-974-7441 ext 25", False),  # a phone number
        ("إضافة تعليق جديد", False),  # a script without case says nothing by its case
    ],
)
def test_keyword_salad_is_lowercase_words_of_a_cased_script(line, salad):
    text = f"# T\n\n{'Texto largo del artículo con varias palabras y un punto final. ' * 2}\n\n{line}\n"
    result = Runner(select=["stray-caption"], config=_no_model()).lint_text(text, "d.md")
    assert ("keyword-salad" in " ".join(f.detail for f in result.findings)) is salad


def _no_model():
    from lintnews.config import Config

    return Config(rules={"stray-caption": {"options": {"model": ""}}})


def test_a_lower_bar_for_what_a_heuristic_proposed(tmp_path):
    path = _tree_file(tmp_path, proposed={"rule_salad": 0.2, "no_such_feature": 0.1})
    model = load_model(path)
    assert model.bar("rule_salad") == 0.2 and model.bar("") == model.threshold == 0.5
    assert model.proposed == (("rule_salad", 0.2),)


def _tree_file(tmp_path, **overrides):
    data = {
        "kind": "trees",
        "features": ["short", "end_stop"],
        "base": -1.0,
        "threshold": 0.5,
        "trees": [
            {
                "feature": [0, -1, 1, -1, -1],
                "threshold": [0.5, 0, 0.5, 0, 0],
                "left": [1, -1, 3, -1, -1],
                "right": [2, -1, 4, -1, -1],
                "value": [0.0, -1.0, 1.0, 3.0, -2.0],
            }
        ],
        **overrides,
    }
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_trees_are_walked_and_their_reasons_named(tmp_path):
    model = load_model(_tree_file(tmp_path))
    x = [0.0] * len(FEATURES)
    short, stop = FEATURES.index("short"), FEATURES.index("end_stop")
    assert model.score(x) == pytest.approx(1 / (1 + math.exp(2.0)))  # long line: -1 - 1
    x[short] = 1.0
    assert model.score(x) == pytest.approx(1 / (1 + math.exp(-2.0)))  # short, no stop: -1 + 3
    assert model.reasons(x) == ["end_stop", "short"]  # +2 for no stop, +1 for short
    x[stop] = 1.0
    assert model.score(x) < 0.1 and model.reasons(x) == ["short"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "logistic"},
        {"features": ["nope", "end_stop"]},
        {"trees": [{"feature": [0], "threshold": [0], "left": [0], "right": [0], "value": [0]}]},
        {"trees": [{"feature": [0, -1], "threshold": [0], "left": [1, -1], "right": [1, -1]}]},
        {"base": "high"},
    ],
)
def test_a_bad_weights_file_is_a_readable_error(tmp_path, overrides):
    with pytest.raises(ValueError, match="model 'model.json'"):
        load_model(_tree_file(tmp_path, **overrides))


def test_shipped_weights_load_and_carry_cross_validated_figures():
    path = ROOT / "rules" / "models" / "caption-lines.json"
    model = load_model(path)
    assert model.roots and 0.0 < model.threshold < 1.0
    cv = json.loads(path.read_text(encoding="utf-8"))["cv"]
    assert cv["grouped_by"] == "outlet" and {"real-web", "web-lines"} <= set(cv["sets"])


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Harry and Meghan last March, in their final royal engagement.", 0.0),
        ("en", "Staff wait outside the supermarket during its closure.", 0.0),
        ("en", "The couple spoke glowingly of the monarch.", 1.0),
        ("en", "Officials confirmed the closure on Tuesday.", 1.0),
        ("es", "Varias de las franquicias de Fox que compra Disney.", 0.0),
        ("es", "El ministro afirmó ayer que el plan sigue en pie.", 1.0),
        ("fr", "Le président, lors de sa visite à Lyon, le 3 mars.", 0.0),
        ("fr", "C’est la troisième fois cette année.", 1.0),
        ("de", "Der Roll-Out der zweiten F13.", 0.0),
        ("de", "Die Maschine war 1919 zu Gast.", 1.0),
        ("nl", "De burgemeester tijdens het bezoek.", 0.5),  # no verb data: unknown
    ],
)
def test_the_finite_verb_feature_reads_the_language_lists(lang, text, value):
    assert finite_verb(text, RUNNER.ruleset.languages[lang]) == value


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
    assert "marker 'Foto:'" in finding.detail and "line score" in finding.detail
    assert "score" not in finding.message and "pie de foto" in finding.message


def test_a_table_of_short_lines_gets_a_handful_of_findings_at_most():
    rows = "".join(f"Distrito {n}\n\nAna Pérez {n}\n\nana{n}@congreso.es\n\n" for n in range(40))
    text = "# Diputados\n\nLa lista de diputados y sus correos, por distrito.\n\n" + rows
    for rule in ("stray-caption", "cms-boilerplate"):
        assert len(lint(text, rule).findings) <= MAX_FINDINGS_PER_RUN


def test_a_widget_of_leftover_lines_is_one_finding_spanning_it():
    widget = (
        "Lee también:\n\nEl Gobierno aprueba el presupuesto\n\nLa oposición pide dimisiones\n\n"
    )
    text = DRAFT.replace("apoyo ucrania putin vladimir vostochni\n\n", widget)
    found = [f for f in lint(text, "cms-boilerplate").findings if f.line == 7]
    assert len(found) == 1 and found[0].end_line >= 11  # the widget and the short lines after it


def test_removing_the_line_is_an_unsafe_fix():
    result = lint(DRAFT, "stray-caption")
    finding = next(f for f in result.findings if f.line == 7)
    assert finding.fix is not None and not finding.fix.safe and finding.fix.replacement == ""


def test_a_credit_opening_a_paragraph_of_prose_is_reported_with_no_fix():
    # the whole line is reported (the credit is glued to the paragraph's start), but
    # removing the line would remove the paragraph: an editor cuts the credit by hand
    text = (
        "# Housing plan\n\n"
        "The council met on Monday night to debate the housing plan for the east side.\n\n"
        "Photo: AP The council voted 5-2 to approve the plan on Monday night after a debate "
        "that lasted more than four hours and ended with votes on the budget, the zoning "
        "rules and the new parks.\n\n"
        "The mayor said work would start in the spring and take two years to finish.\n\n"
        "Photo: AP\n"
    )
    found = {f.line: f for f in lint(text, "stray-caption", language="en").findings}
    assert found[5].fix is None
    assert found[9].fix is not None  # the credit alone on its line is removed whole
    # nor when a leftover line above it joins the finding (the group is named after it)
    above = text.replace("Photo: AP The council", "IMG_2041.jpg\n\nPhoto: AP The council")
    found = {f.line: f for f in lint(above, "stray-caption", language="en").findings}
    assert found[5].end_line == 7 and found[5].fix is None


def test_a_newsroom_rule_folder_extends_the_phrase_packs(tmp_path):
    from lintnews.config import Config

    (tmp_path / "languages").mkdir()
    (tmp_path / "languages" / "es.yaml").write_text(
        "language: es\ncaption-markers: ['gráfico de la redacción\\b']\n", encoding="utf-8"
    )
    text = DRAFT.replace(
        "apoyo ucrania putin vladimir vostochni",
        "Gráfico de la redacción sobre las rutas que siguieron los dos trenes durante la visita.",
    )
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


def test_a_closing_sentence_is_article_text_even_among_short_paragraphs():
    text = (
        "# Gala de premios\n\nLa gala reunió a las figuras del cine mexicano en la capital.\n\n"
        "Claudia Lizaldi y Martha Higareda en la alfombra roja\n\n"
        "Las actrices hablaron de sus proyectos para el próximo año.\n\n"
        "Claudia Lizaldi y Martha Higareda en la alfombra roja\n\n"
        "La ceremonia terminó pasada la medianoche.\n"
    )
    found = lint(text, "stray-caption").findings
    # both copies (one finding, the second among its places), not line 11
    assert [(f.line, f.end_line, [r.line for r in f.related]) for f in found] == [(5, 5, [9])]


@pytest.mark.parametrize(
    "line, found",
    [
        ("Compartir", True),
        ("Síguenos Facebook Twitter", True),
        ("COMENTARIOS", True),
        ("Compartir es vivir", False),  # a sentence, not a tool bar
        ("CompartirImprimirFacebook", True),  # buttons run together
        ("facebooktwitterwhatsapp", True),
        ("FacebookSuscripciónGalería", True),
        ("Vostochni", False),
        ("Internacionalización", False),
        ("Galería 12 fotos", False),  # a counter is left to the classifier
    ],
)
def test_a_line_of_page_furniture_words_alone_is_a_cms_leftover(line, found):
    text = DRAFT.replace("apoyo ucrania putin vladimir vostochni", line)
    messages = [f.message for f in lint(text, "cms-boilerplate").findings if f.line == 7]
    assert bool(messages) is found


CREDITS = """\
# Harbour reopens after storm

The harbour reopened on Monday after a week of repairs to the breakwater and the docks.

Photograph by Jane Doe, Coastal Survey Programme

Fishing boats left at dawn for the first time since the storm hit the coast.

The mayor visits the repaired pier. | John Smith/Getty Images

Dock workers said the repairs were finished two days ahead of schedule.

Volunteers clear the beach near the lighthouse. (Picture by Ann Lee)

Officials expect the tourist season to start on time despite the damage.

The old lighthouse at dusk / (C) Mary Brown

Jane Roe, photo: Harbour Authority archive

Media captionDrone footage of the harbour at dawn

The harbour master said traffic rose by 5 % / a record for the month.
"""


def test_credit_shapes_are_explicit_evidence_without_the_classifier():
    runner = Runner(select=["stray-caption"], config=_no_model(), language="en")
    found = {f.line: f.detail for f in runner.lint_text(CREDITS, "d.md").findings}
    assert sorted(found) == [5, 9, 13, 17, 19, 21]  # not the slash inside prose (line 23)
    assert "leftover line pattern" in found[5] and "marker" in found[21]
    assert all("residue inside a line" in found[n] for n in (9, 13, 17, 19))


@pytest.mark.parametrize(
    "line, found", [("20220428", True), ("20220428223328", True), ("2022", False)]
)
def test_a_bare_id_or_time_stamp_is_a_cms_leftover(line, found):
    text = DRAFT.replace("apoyo ucrania putin vladimir vostochni", line)
    messages = [f.message for f in lint(text, "cms-boilerplate").findings if f.line == 7]
    assert bool(messages) is found


PAGE_DATE = """\
# Council approves the new tram line

The vote ends a decade of delays on the project.

By Jane Roe

19 February 2020

The city council approved the tram line on Tuesday after a long debate.

Construction will start in the spring and last three years.

Related stories

Tram fares to rise next year

4 March 2019
"""


def test_a_date_alone_is_the_pages_in_the_head_and_a_leftover_below_the_text():
    found = [f.line for f in lint(PAGE_DATE, "cms-boilerplate", language="en").findings]
    assert 7 not in found  # under the dek and the byline, above the first sentence
    assert 17 in found  # a related story's date, in its widget at the end
    # a sentence of the text above it ends the head: there a date alone is a leftover
    lead = "The city council approved the tram line on Tuesday after a long debate."
    moved = PAGE_DATE.replace("By Jane Roe", lead)
    assert 7 in [f.line for f in lint(moved, "cms-boilerplate", language="en").findings]


REVIEW = """\
# The Keeper's Daughter review: a storm-tossed triumph

Royal Exchange, Manchester

★★★★☆

By Philippa Stroud @pstroud

It begins with the sea. Before a word is spoken, the round stage is swallowed by a roar.

Edith Garner's new play, set on a rock off the coast in 1911, is a chamber piece.

By the second act the cast of three carries it with ease.

By Philippa Stroud @pstroud
"""


def test_a_byline_in_the_head_is_the_articles_whatever_the_classifier_says():
    # with the classifier's bar at 0 it would report any short line it is asked about
    found = [f.line for f in lint(REVIEW, "stray-caption", options={"threshold": 0.0}).findings]
    assert 7 not in found  # "By ..." above the first sentence: the article's byline
    assert 15 in found  # the same line at the end is no byline of the head


TRANSCRIPT = """\
# The Long Count, episode 12

[MUSIC]

MAYA: This is The Long Count. This week, the people the census did not count.

DANIEL: And why that matters for every town in the country, as we will hear.

[AD BREAK]

MAYA: Welcome back. Ruth, is administrative data a good replacement for the census?

RUTH: It could be, but those systems depend on a register that we do not have.

(Laughter)

[SUBSCRIBE NOW]
"""


def test_a_transcripts_stage_directions_are_its_own_whatever_the_classifier_says():
    found = [f.line for f in lint(TRANSCRIPT, "stray-caption", options={"threshold": 0.0}).findings]
    assert not {3, 9, 15} & set(found)  # the language's stage-directions, in brackets
    assert 17 in found  # other words in brackets are read as any line is


def test_in_a_short_brief_only_evidence_reports_a_line():
    text = "# Título\n\nPrimer párrafo de la nota sobre la cumbre.\n\nFoto: EFE\n\nFin.\n"
    assert [f.line for f in lint(text, "stray-caption").findings] == [5]  # not "Fin."


def test_features_see_a_sentence_and_the_credit_beside_it():
    text = (
        "# Cumbre en Siberia\n\nKim Jong-un ofreció a Vladimir Putin su apoyo en la guerra.\n\n"
        "Los dos líderes durante la visita al cosmódromo de Vostochni.\n\n"
        "Foto: Archivo\n\nLa reunión duró varias horas y terminó con una cena.\n"
    )
    doc = RUNNER.parse(text, "draft.md")
    b = body(doc)
    b.lines[2].rule = "marker 'Foto:'"  # what the leftover rule's annotate() sets
    caption, credit, after = (features(b, i, SPANISH, frozenset()) for i in (1, 2, 3))
    assert caption["sentence"] == 1 and credit["sentence"] == 0
    assert caption["credit_next"] == 1 and caption["credit_prev"] == 0
    assert after["credit_prev"] == 1 and credit["credit_next"] == 0


def test_the_classifier_is_asked_about_short_lines_and_trained_on_sentences_too():
    from lintnews.kinds.leftovers.leftover import is_candidate

    doc = RUNNER.parse(
        "# Cumbre\n\nMOSCÚ (EFE).- Kim Jong-un llegó a Rusia en tren.\n\n"
        "Los dos líderes durante la visita al cosmódromo.\n\n"
        "Los dos líderes en el cosmódromo\n\n" + " ".join(["palabra"] * 31) + "\n",
        "draft.md",
    )
    dateline, sentence, short, long = body(doc).lines
    stop = SPANISH.stopwords
    assert is_candidate(short, 2, 30, stop) and not is_candidate(short, 3, 30, stop)  # dek
    assert not is_candidate(sentence, 1, 30, stop)  # an unmarked sentence is article text
    assert is_candidate(sentence, 1, 30, stop, sentences=True)  # ... trained on, though
    assert not is_candidate(dateline, 0, 30, stop, True)
    assert not is_candidate(long, 1, 30, stop, True)


def test_removing_a_credit_under_its_paragraph_keeps_the_paragraphs_apart(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Inundaciones\n\n"
        "Los vecinos limpiaron el barro de sus casas durante toda la mañana del martes.\n"
        "Foto: EFE/Biel Aliño\n\n"
        "El alcalde visitó la zona con los bomberos durante la tarde del miércoles.\n\n"
        "Foto: EFE\n\n"
        "Los comerciantes calcularon las pérdidas en varios millones de euros.\n",
        encoding="utf-8",
    )
    cli("check", "--fix", "--unsafe-fixes", "--no-cache", str(draft))
    assert draft.read_text(encoding="utf-8") == (
        "# Inundaciones\n\n"
        "Los vecinos limpiaron el barro de sus casas durante toda la mañana del martes.\n\n"
        "El alcalde visitó la zona con los bomberos durante la tarde del miércoles.\n\n"
        "Los comerciantes calcularon las pérdidas en varios millones de euros.\n"
    )


@pytest.mark.parametrize(
    ("line", "language", "named"),
    [
        ("Vista aérea de la plaza durante la ceremonia", "es", True),
        ("Aerial view of the harbour at dawn", "en", True),
        ("Satellite image of the harbour", "en", True),
        # a word between that no caption puts there: prose or a subhead, the classifier's
        ("Vista previa de las cuentas del año", "es", False),
        ("Imagen pública de la consejera", "es", False),
        ("Clearer picture of the labour market", "en", False),
        ("Interior minister of Spain visits the site", "en", False),
    ],
)
def test_a_picture_named_with_a_word_between_is_read_from_a_closed_list(line, language, named):
    text = (
        "# The harbour festival\n\nThe harbour festival opened on Saturday with a parade of "
        "forty boats, the organisers said.\n\nThousands of visitors walked along the quays "
        f"until late in the evening.\n\n{line}\n\nThe festival goes on until Sunday night, "
        "when fireworks will close it.\n"
    )
    details = [f.detail for f in lint(text, "stray-caption", language=language).findings]
    assert any("naming its picture" in d for d in details) == named
