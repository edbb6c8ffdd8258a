"""The noise policy (lintnews.noise): one cause, one finding."""

from __future__ import annotations

import pytest

from conftest import lint

FILLER = (
    "The council met on Monday to discuss the budget for the coming year, and members "
    "agreed that the roads and the schools need more money than last year."
)


def test_one_paragraph_gets_at_most_one_naming_finding_per_cause():
    # five words with Cyrillic look-alike letters in one line of an otherwise long text
    ad = "Вuy chеap wаtches, sаle todаy, frее delivery for everyone who calls now."
    text = "# Council\n\n" + "\n\n".join([FILLER] * 6 + [ad] + [FILLER] * 6) + "\n"
    found = [f for f in lint(text, "inconsistent-name", language="en").findings]
    assert len(found) == 1
    assert found[0].line == 15
    assert "places in this paragraph" in found[0].message
    assert len(found[0].related) >= 4


def test_one_pair_of_spellings_is_one_finding():
    text = (
        "# Vote\n\nThe deputy Juan Pérez voted against. Pérez said so, and Pérez left.\n\n"
        "Pérez spoke again. Perez was late.\n\nThe office of Perez did not answer.\n"
    )
    found = lint(text, "inconsistent-name", language="en").findings
    assert [f.line for f in found] == [5]
    assert "[2 places]" in found[0].message
    assert 7 in {r.line for r in found[0].related}


def _islands(first: str, later: str) -> str:
    """A short story with ``first`` after its lead and ``later`` after its second paragraph."""
    return (
        f"# Islands\n\nThe island was once overrun by goats and rats.\n\n{first}\n\n"
        "It takes hours to sail there, and minutes to meet the first lizard on the rocks.\n\n"
        f"{later}\n\n"
        "Five years ago the slopes were bare and the birds had left for other islands.\n"
    )


def test_a_credit_used_twice_is_a_leftover_not_a_repeat():
    credit = "Photograph by Jane Doe, Island Restoration Programme"
    text = _islands(credit, f"A lizard that came back after the goats were removed.\n\n{credit}")
    both = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    alone = lint(text, "repeated-paragraph", language="en").findings
    assert [f.line for f in alone] == [11]  # the repeat alone is reported ...
    captions = [f for f in both if f.rule == "stray-caption"]
    # one credit line used twice: one finding, the second copy among its places
    assert [(f.line, [r.line for r in f.related]) for f in captions] == [(5, [11])]
    assert "[2 places]" in captions[0].message
    # ... but once the leftover rule claims both copies, only the leftover rule reports them
    assert not [f for f in both if f.rule == "repeated-paragraph"]


def test_a_repeat_of_article_text_stays_a_repeat():
    para = "The minister said the new bridge over the river would open in March next year."
    text = f"# Bridge\n\n{para}\n\nWork began in the spring with two cranes.\n\n{para}\n"
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert [f.line for f in found if f.rule == "repeated-paragraph"] == [7]


def test_a_list_of_links_that_lists_the_pages_headlines_again_is_no_repeat():
    links = [
        "Mayor opens the new library on the river bank after two years of works",
        "Storm closes the coast road for a second day as crews clear the debris",
    ]
    text = (
        "# Council\n\nThe council met on Monday to approve the budget for the next year.\n\n"
        f"{links[0]}\n\nMembers agreed that the schools need more money than last year.\n\n"
        f"{links[1]}\n\nThe vote was close, and the opposition asked for a second reading.\n\n"
        f"More from the city\n\n{links[0]}\n\n{links[1]}\n\nSchool buses run late again\n"
    )
    assert not lint(text, "repeated-paragraph", language="en").findings


def _guide(contents: list[str], subheads: list[str], layout: str = "lines") -> str:
    paragraphs = [
        "Many employers pay into a pension for their staff, and the rules on what they must "
        "add have changed twice in the last ten years.",
        "A pension pays off for most people who stay in one job for five years or more, the "
        "regulator found in its latest survey of savers.",
        "Workers who move to another employer can leave their savings where they are or take "
        "them along, and the fees differ a lot between schemes.",
    ]
    sections = "".join(f"{h}\n\n{p}\n\n" for h, p in zip(subheads, paragraphs, strict=False))
    return (
        "# Workplace pensions explained\n\nA guide to the pension your employer pays into.\n\n"
        "In this guide\n\n" + _listed(contents, layout) + "\n\n" + sections
    )


def _listed(contents: list[str], layout: str) -> str:
    if layout == "links":  # a Markdown list of links to the sections
        return "\n".join(f"- [{c}](#{k})" for k, c in enumerate(contents))
    if layout == "numbered":
        return "\n".join(f"{k}. {c}" for k, c in enumerate(contents, 1))
    return "\n\n".join(contents)


HEADS = [
    "Who pays into a workplace pension scheme?",
    "When does a workplace pension pay off?",
    "What happens to your pension when you change jobs?",
]


@pytest.mark.parametrize("layout", ["lines", "links", "numbered"])
def test_a_table_of_contents_and_its_sections_subheads_are_no_repeats(layout):
    text = _guide(HEADS, HEADS, layout)
    assert lint(text, "repeated-paragraph", language="en").findings == ()
    # the same subheads after a list that is no table of contents are repeats
    others = _guide(["Mayor opens the library", "Storm closes the road", HEADS[0]], HEADS, layout)
    assert len(lint(others, "repeated-paragraph", language="en").findings) == 1


def test_one_contents_line_printed_again_stays_a_repeat():
    # one line of a list printed again is no table of contents: the list names other things
    others = ["Mayor opens the new library", "Storm closes the coast road", HEADS[0]]
    found = lint(
        _guide(others, [HEADS[0], "What the unions say"]), "repeated-paragraph", language="en"
    )
    assert [f.line for f in found.findings] == [13]


def test_a_headline_like_line_repeated_outside_a_list_stays_a_repeat():
    line = "Mayor opens the new library on the river bank after two years of works"
    text = (
        "# Council\n\nThe council met on Monday to approve the budget for the next year.\n\n"
        f"{line}\n\nMembers agreed that the schools need more money than last year.\n\n"
        f"{line}\n\nThe vote was close, and the opposition asked for a second reading.\n"
    )
    assert [f.line for f in lint(text, "repeated-paragraph", language="en").findings] == [9]


def test_a_dek_printed_again_among_short_lines_stays_a_repeat():
    dek = "Police say every member of the gang is known and arrests are a matter of days"
    text = (
        f"# Gang leader killed in shootout with police officers\n\n{dek}\n\n"
        "Police officers arrested in kidnapping raid across the city\n\n"
        "Gang leader killed in shootout with police officers\n\n"
        f"{dek}\n\nThe leader of the group was shot when he resisted arrest on Monday, "
        "the police said in a statement.\n"
    )
    found = lint(text, "repeated-paragraph", language="en").findings
    assert [f.line for f in found] == [7, 9]  # the headline, then the dek, printed again


def test_the_headline_after_a_share_label_is_a_widget_not_a_repeat():
    head = "Ferry service to the islands resumes after the storm"
    body = "The first ferry left the harbour at seven with two hundred passengers on board."
    text = f"# {head}\n\nShare this story on: {head}\n\n{body}\n"
    assert not lint(text, "repeated-paragraph", language="en").findings
    tagged = f"# {head}\n\nVIDEO: {head}\n\n{body}\n"
    assert [f.line for f in lint(tagged, "repeated-paragraph", language="en").findings] == [3]


@pytest.mark.parametrize(
    ("block", "claimed"),
    [
        # two credit lines: adjacent credit lines are one finding spanning them; used twice,
        # one finding with the other copy among its places
        (
            "Photograph by Jane Doe, Island Restoration Programme\n\n"
            "Photograph by John Roe, Island Restoration Programme",
            {5, 7, 11, 13},
        ),
        # a series of captions, the first with its credit glued: both copies carry it
        (
            "Volunteers load the traps onto the boat before dawn. (Picture by John Smith)\n\n"
            "The last goat of the island herd, on the ferry to the mainland.",
            {5, 11},
        ),
    ],
)
def test_a_block_of_leftover_lines_used_twice_is_a_leftover_not_a_repeat(block, claimed):
    text = _islands(block, block)
    alone = lint(text, "repeated-paragraph", language="en").findings
    assert [(f.line, f.end_line) for f in alone] == [(11, 13)]  # the block is a repeat ...
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert claimed <= {n for f in found if f.rule == "stray-caption" for n in _touched(f)}
    assert not [f for f in found if f.rule == "repeated-paragraph"]  # ... of leftover lines


def test_a_block_of_text_copied_whole_stays_a_repeat_beside_leftovers():
    block = (
        "The goats were taken off the island by boat over two summers, one herd at a time.\n\n"
        "The rats were harder: it took three winters of bait stations on every slope."
    )
    text = _islands(block, f"Photograph by Jane Doe, Island Restoration Programme\n\n{block}")
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert [(f.line, f.end_line) for f in found if f.rule == "repeated-paragraph"] == [(13, 15)]


def test_a_caption_that_copies_a_line_of_text_is_one_leftover_finding():
    sentence = (
        "Five years after the last goat left, the island's seabirds have come back to nest "
        "on the northern cliffs."
    )
    text = _islands(f"Photo: Jane Doe {sentence}", sentence)
    alone = lint(text, "repeated-paragraph", language="en").findings
    assert [f.line for f in alone] == [9]  # the text repeats the caption's words ...
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert [(f.rule, f.line) for f in found] == [("stray-caption", 5)]  # ... the caption is it


def test_a_credit_glued_to_a_line_of_text_does_not_make_its_repeat_a_leftover():
    sentence = (
        "Five years after the last goat left, the island's seabirds have come back to nest "
        "on the northern cliffs of the island."
    )
    text = _islands(f"{sentence} Photo: Jane Doe", f"As the rangers said, {sentence}")
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert ("repeated-paragraph", 9) in [(f.rule, f.line) for f in found]


def test_two_leftover_rules_on_one_line_give_one_finding():
    text = (
        "# Summit in Siberia\n\n"
        "The two leaders met for five hours at the space centre on Wednesday, officials said, "
        "and agreed to meet again next year in the capital.\n\n"
        "Photo: Reuters\n\n"
        "Read more: Five things to know about the space centre\n\n"
        "The talks covered trade, energy and the war, according to a statement released "
        "after the meeting by the foreign ministry.\n"
    )
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="en").findings
    lines = [n for f in found for n in range(f.line, f.end_line + 1) if n in (5, 7)]
    assert sorted(lines) == [5, 7]  # each leftover line in exactly one finding


def test_a_line_two_leftover_rules_report_on_evidence_is_one_finding():
    # "Foto:" alone on its line, under two pictures: a CMS label to cms-boilerplate (page
    # furniture) and a credit label to stray-caption (a marker); one cause, one finding
    text = (
        "# Die zweite Maschine\n\n"
        "Abheben wird sie nicht so schnell, doch den Hangar hat sie am Donnerstag schon "
        "einmal verlassen, wie die Werft am Freitag mitteilte.\n\n"
        "Foto:\n\n"
        "Die erste Maschine hatte ihren Auftritt beim Flugplatzfest vor anderthalb Jahren, "
        "als Tausende Besucher kamen und den Nachbau bestaunten.\n\n"
        "Foto:\n\n"
        "Der Nachbau, für den zehntausend Arbeitsstunden nötig waren, entspricht weitgehend "
        "dem Original aus dem Jahr 1919, heißt es.\n"
    )
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="de").findings
    assert [(f.line, sorted(r.line for r in f.related)) for f in found] == [(5, [9])]
    assert found[0].rule == "stray-caption"  # a marker opens the line: a credit's label


def test_a_shape_guess_that_another_rule_reports_as_evidence_is_one_finding():
    # a share prompt used twice: cms-boilerplate knows the marker, stray-caption's shape
    # heuristic (a short line used twice) and its classifier guess the same lines
    share = "Share on Facebook and Twitter"
    text = (
        "# Summit in Siberia\n\n"
        "The two leaders met for five hours at the space centre on Wednesday, officials said, "
        "and agreed to meet again next year in the capital.\n\n"
        f"{share}\n\n"
        "The talks covered trade, energy and the war, according to a statement released "
        "after the meeting by the foreign ministry.\n\n"
        "Analysts said the meeting showed how close the two countries have become since the "
        "war began, and that more visits were likely.\n\n"
        f"{share}\n\n"
        "The foreign ministry said a joint statement would follow later in the week, after "
        "both delegations had gone home.\n"
    )
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="en").findings
    per_line = {}
    for f in found:
        for n in _touched(f):
            per_line.setdefault(n, []).append(f.rule)
    assert per_line.get(5) == ["cms-boilerplate"] and per_line.get(11) == ["cms-boilerplate"]


BUDGET = (
    "The city's budget gap for next year has grown to $40 million, the finance director "
    "told the council on Monday."
)
MAYOR = (
    "The mayor must present a balanced budget by Oct. 1. Council members said they "
    "would resist cuts to police and libraries."
)


def _leftover_spans(text: str) -> list[tuple[str, int, int]]:
    """(rule, line, end line) of the two leftover rules' findings on an English draft."""
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="en").findings
    return [(f.rule, f.line, f.end_line) for f in found]


@pytest.mark.parametrize(
    "label, subhead",
    [
        ("Advertisement", "What happens next"),
        ("ADVERTISEMENT", "What the council does next"),
        ("Ad", "Why 2026 matters"),
    ],
)
def test_an_ad_label_over_a_subhead_is_reported_alone(label, subhead):
    # an ad slot stands where a section starts: the subhead under it is neither a link of
    # a widget (cms-boilerplate) nor, beside the label, a block of short lines (stray-caption)
    text = (
        f"# City budget gap widens to $40 million\n\n{BUDGET}\n\n"
        "Sales tax revenue has fallen for three straight quarters, and pension costs are "
        "rising faster than expected.\n\n"
        f"{label}\n\n{subhead}\n\n{MAYOR}\n\n"
        '"Everything is on the table," said council president Lydia Morales.\n'
    )
    assert _leftover_spans(text) == [("cms-boilerplate", 7, 7)]


def test_a_read_more_widget_keeps_its_last_short_link_before_prose():
    # a link of three words under "Read more:" is no subhead: only an ad label gives way
    # to a section's subhead
    text = (
        f"# City budget\n\n{BUDGET}\n\n"
        "Read more:\n\n"
        "Council split on housing plan\n\n"
        "Budget gap widens\n\n"
        f"{MAYOR}\n"
    )
    assert _leftover_spans(text) == [("cms-boilerplate", 5, 9)]


def test_a_read_more_link_between_a_dateline_and_its_paragraph_is_one_finding():
    # stray-caption's shape (a short line between a dateline and its paragraph) and
    # cms-boilerplate's marker find the same line: one finding, named by the marker
    text = (
        "# Council budget\n\n"
        "The council met on Tuesday to discuss the budget for the coming year and the roads.\n\n"
        "LONDON -\n\n"
        "Read more\n\n"
        "The mayor said the budget would be published next week after the final vote.\n\n"
        "Residents will be able to comment on the plan until the end of January.\n"
    )
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="en").findings
    assert [f.rule for f in found if f.line <= 7 <= f.end_line] == ["cms-boilerplate"]


def test_one_leftover_line_used_in_several_places_is_one_finding():
    signature = "— Jane Roe (@janeroe) May 2, 2020"
    text = (
        "# Summit\n\n"
        + "\n\n".join(
            part for _ in range(3) for part in (FILLER, "Great talks today, more soon!", signature)
        )
        + "\n"
    )
    found = lint(text, "cms-boilerplate", language="en").findings
    assert len(found) == 1
    assert "[3 places]" in found[0].message
    assert [r.line for r in found[0].related] == [13, 19]
    # different leftover lines stay apart
    other = text.replace(signature, "— Jane Roe (@janeroe) May 3, 2020", 1)
    assert len(lint(other, "cms-boilerplate", language="en").findings) == 2


def _touched(f) -> set[int]:
    """The lines a finding names: its own and its related places'."""
    lines = set(range(f.line, f.end_line + 1))
    for r in f.related:
        lines.update(range(r.line, r.end_line + 1))
    return lines


def test_residue_inside_a_line_another_leftover_rule_reports_whole_is_not_reported_again():
    text = (
        "# Summit in Siberia\n\n"
        "The two leaders met for five hours at the space centre on Wednesday, officials said, "
        "and agreed to meet again next year in the capital.\n\n"
        "Photo: Reuters pic.twitter.com/AbCdEf1234\n\n"
        "The talks covered trade, energy and the war, according to a statement released "
        "after the meeting by the foreign ministry.\n"
    )
    alone = lint(text, "cms-boilerplate", language="en").findings
    assert [(f.line, f.column > 1) for f in alone] == [(5, True)]  # the link inside the line
    found = lint(text, ("stray-caption", "cms-boilerplate"), language="en").findings
    assert [(f.rule, f.line) for f in found] == [("stray-caption", 5)]


def test_a_caption_that_excerpts_a_later_paragraph_is_a_leftover_not_a_repeat():
    caption = "Harbour master Ana Ruiz beside the new fishing pier. (Picture by John Smith)"
    later = (
        "At the opening on Monday harbour master Ana Ruiz beside the new fishing pier told "
        "reporters that the fishing boats would be the first to moor there, before the "
        "ferries return in the spring."
    )
    text = _islands(caption, later)
    alone = lint(text, "repeated-paragraph", language="en").findings
    assert [f.line for f in alone] == [9]  # the paragraph holds the caption's words ...
    found = lint(text, ("stray-caption", "repeated-paragraph"), language="en").findings
    assert 5 in {f.line for f in found if f.rule == "stray-caption"}
    # ... but the line with a credit that picked them out of it is the caption, the defect
    assert not [f for f in found if f.rule == "repeated-paragraph"]


def test_a_name_in_a_credit_the_leftover_rules_report_is_not_a_spelling_to_fix():
    # the outlet's name in capitals in a photo credit: the credit goes, it is not re-cased
    text = (
        "# Festival\n\nLe festival Ouest-Folk a ouvert vendredi soir devant six mille personnes, "
        "selon les organisateurs.\n\nDes musiciens défilent dans les rues de Lorient. | "
        "OUEST-FOLK\n\nLe directeur de Ouest-Folk a salué une affluence record pour la première "
        "soirée.\n\nOuest-Folk accueille cette année quarante groupes venus de sept pays.\n"
    )
    both = lint(text, ("stray-caption", "inconsistent-name"), language="fr").findings
    alone = lint(text, "inconsistent-name", language="fr").findings
    assert [f.line for f in alone] == [5]  # read alone, the capitals differ ...
    assert [f.rule for f in both] == ["stray-caption"]  # ... but the credit is a leftover


def test_a_name_in_lowercase_in_keyword_alt_text_is_the_leftovers_but_a_posts_signature_keeps_it():
    # an image's alt text of keywords writes every word in lowercase: the line goes, the
    # place in it is not re-cased; a post's signature in lowercase is a name written so
    story = (
        "# Incendio\n\nUn incendio en la sierra de Valdemora obligó a desalojar tres aldeas "
        "durante la noche, informó el servicio de emergencias.\n\n{line}\n\nLos vecinos "
        "pasaron la noche en el polideportivo de Valdemora, donde se habilitaron camas.\n\n"
        "La sierra de Valdemora acumula este año un tercio menos de lluvia que la media.\n"
    )
    alt = "Imagen relacionada incendio forestal sierra valdemora bomberos helicóptero humo"
    text = story.format(line=alt)
    rules = ("stray-caption", "inconsistent-name")
    alone = lint(text, "inconsistent-name", language="es").findings
    assert [f.line for f in alone] == [5]  # read alone, the case differs ...
    assert [f.rule for f in lint(text, rules, language="es").findings] == ["stray-caption"]
    # ... unlike a line with capitals past its first letter, as a signature has
    signed = story.format(line="— valdemora noticias (@valdemoranoticias) Octubre 3, 2023")
    found = lint(signed, ("cms-boilerplate", "inconsistent-name"), language="es").findings
    assert "inconsistent-name" in [f.rule for f in found]


def test_a_ligature_in_a_leftover_line_is_still_reported():
    # the lowercase rule above is for a name's case; a PDF's ligature is a typography fix
    text = (
        "# Informe\n\nEl ministerio conﬁrmó el informe <img src=x> del trimestre.\n\n"
        "La oficina publicará los datos del trimestre la próxima semana.\n"
    )
    found = lint(text, ("cms-boilerplate", "typography"), language="es").findings
    assert sorted(f.rule for f in found) == ["cms-boilerplate", "typography"]


# an Italian political story with a "Leggi anche" widget in one block: its marker line is
# evidence to cms-boilerplate, the marker and the first link a block of short lines to
# stray-caption's classifier
LEGGI_ANCHE = """# Manovra, scontro nella maggioranza sulle pensioni. Giorgetti: «I conti non si toccano»

Lega e Forza Italia chiedono più risorse per le pensioni minime e il taglio dell'Irpef. Il ministro dell'Economia frena: «Non ci sono margini»

di Marco Galluzzo

ROMA — Il confronto sulla legge di Bilancio si accende a pochi giorni dal varo in Consiglio dei ministri. Al centro dello scontro ci sono le pensioni: la Lega vuole rafforzare Quota 103 e aumentare le minime, Forza Italia insiste per portare gli assegni più bassi a mille euro al mese. Ma il ministro dell'Economia Giancarlo Giorgetti, al termine di un vertice a Palazzo Chigi, è stato netto: «I conti non si toccano».

La premier Giorgia Meloni con il ministro Giancarlo Giorgetti (Foto: ANSA)

La manovra vale complessivamente circa 30 miliardi di euro. Di questi, quasi 18 sono già impegnati per confermare il taglio del cuneo fiscale e la riduzione delle aliquote Irpef a tre scaglioni. Restano pochi margini per le altre richieste dei partiti.

«Sappiamo tutti che la coperta è corta», ha ammesso un esponente di governo che chiede di restare anonimo. «Il punto è decidere le priorità senza mettere a rischio il percorso concordato con Bruxelles».

## Il nodo delle banche

Sul tavolo c'è anche il contributo richiesto a banche e assicurazioni. Giorgetti ha confermato che il governo punta a ottenere «circa 3,5 miliardi» dagli istituti di credito, attraverso un meccanismo concordato con l'Abi. Forza Italia, però, resta contraria a qualsiasi forma di tassa sugli extraprofitti.

«Non siamo il partito delle tasse», ha ribadito il vicepremier Antonio Tajani, leader di Forza Italia, a margine di un incontro alla Farnesina. «Si può chiedere un contributo, ma deve essere volontario e concordato».

Leggi anche
Pensioni, cosa cambia nel 2025: le novità su Quota 103 e Opzione donna
Irpef, il taglio a tre aliquote diventa strutturale: le simulazioni
Banche, Abi apre al contributo: «Pronti a fare la nostra parte»

## La posizione della Lega

Dal canto suo, il segretario della Lega Matteo Salvini ha rilanciato la flat tax per le partite Iva fino a 100 mila euro. «È una promessa che abbiamo fatto agli italiani e che intendiamo mantenere», ha detto a Porta a Porta.

La premier Giorgia Meloni, secondo quanto riferiscono fonti di Palazzo Chigi, punta a chiudere la partita entro martedì prossimo. L'obiettivo è presentare una manovra «seria e responsabile», in linea con il piano strutturale di bilancio inviato alla Commissione europea.
"""


def test_a_guess_that_opens_on_another_rules_marker_is_that_markers_finding_to_its_end():
    found = lint(LEGGI_ANCHE, ("stray-caption", "cms-boilerplate"), language="it").findings
    widget = [f for f in found if f.line == 21]
    assert [f.rule for f in widget] == ["cms-boilerplate"]  # one finding, the evidence's
    assert widget[0].end_line > 21 and widget[0].fix is not None  # reaching the links


def test_the_dek_printed_again_under_the_byline_and_date_stays_a_repeat():
    # a web page's head as paragraphs: the section's label, the headline, the dek, the
    # byline and the date are title lines in a row, but the dek printed again above the
    # first paragraph of prose is the page's own summary twice, not a list of links
    dek = "Blazes near the capital fuelled by strong winds and record heat, officials say"
    head = (
        "World news\n\nWildfires force thousands to flee as the country swelters\n\n"
        f"{dek}\n\nJane Roe in Athens\n\nSat 22 Jun 2024 18.41 BST\n\n"
    )
    lead = (
        "Thousands of people were ordered to leave their homes on Saturday as wildfires "
        "fanned by gale-force winds swept through the hills.\n"
    )
    found = lint(f"{head}{dek}\n\n{lead}", "repeated-paragraph", language="en").findings
    assert [f.line for f in found] == [11]
    # the headline listed again among the latest posts below the article is a widget's link
    listed = (
        f"{head}{lead}\nLatest posts\n\nWildfires force thousands to flee as the country "
        "swelters\n\nStorm closes the coast road again\n\nMayor opens the new library\n"
    )
    assert not lint(listed, "repeated-paragraph", language="en").findings
