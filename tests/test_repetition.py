"""The repetition rules: the same report on every run, and how units are made and compared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.document import Span
from lintnews.kinds.repetition.units import make_unit
from lintnews.language import load_languages

DRAFT = """# Replacement coaches on the coast line

Are bicycles carried on the replacement coaches? Yes.

Trains between the two towns are replaced by coaches all weekend while engineers renew the track.

Are bicycles carried on the replacement coaches? Yes, when there is room on board.

Tickets bought for the train are valid on the coaches, and staff at each station will help.

Are bicycles carried on the replacement coaches? Yes, when there is room on board. Otherwise staff will book a taxi for the cyclist.
"""


def test_a_tie_names_the_earliest_copy_whatever_the_hash_seed(tmp_path):
    # the last paragraph holds both earlier questions word for word: a tie that the order of
    # a set of stems (which changes with PYTHONHASHSEED) used to break
    draft = tmp_path / "coaches.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code = (
        "import json, sys, lintnews; r = lintnews.lint_text(open(sys.argv[1]).read(), "
        "select=['repeated-paragraph']); "
        "print(json.dumps([(f.line, [x.line for x in f.related]) for f in r.findings]))"
    )
    seen = set()
    for seed in range(8):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        out = subprocess.run(
            [sys.executable, "-c", code, str(draft)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        ).stdout
        seen.add(out)
    assert len(seen) == 1, seen
    findings = json.loads(seen.pop())
    assert [line for line, _ in findings] == [7, 11]
    assert findings[-1][1] == [3]  # the earliest copy


def _lint(text):
    import lintnews

    return lintnews.lint_text(text, select=["repeated-paragraph"], language="en").findings


BODY = (
    "The council met on Tuesday evening for three hours and heard from forty residents of "
    "the harbour district."
)


def test_a_subhead_whose_words_a_paragraph_holds_spread_out_is_not_a_copy():
    subhead = "Harbour council controls news about the ferry contract"
    spread = (
        "The mayor said nothing about the reports. The harbour council, as always, controls "
        "all the news about the ferry contract and its costs very closely."
    )
    assert not _lint(f"# Ferries\n\n{BODY}\n\n{subhead}\n\n{spread}\n")
    copied = f"{subhead} and has done so for years, the mayor said on Tuesday evening."
    assert [f.line for f in _lint(f"# Ferries\n\n{BODY}\n\n{subhead}\n\n{copied}\n")] == [7]


def test_two_short_lines_on_one_topic_are_not_a_rewording():
    first = "Residents raise concerns in the harbour district about ferry noise"
    second = "Residents reveal concerns over harbour district ferry noise today"
    assert not _lint(f"# Ferries\n\n{BODY}\n\n{first}\n\nMore text follows here.\n\n{second}\n")


def test_an_elided_article_glued_to_a_word_is_not_part_of_it():
    rules = Path(__file__).resolve().parent.parent / "rules"
    fr = load_languages([rules])["fr"]
    glued = make_unit(fr, 0, Span(0, 1), "paragraph", "l’arrivée d’essence à l'aéroport")
    bare = make_unit(fr, 1, Span(0, 1), "paragraph", "arrivée essence aéroport")
    assert glued.stems == bare.stems
    assert glued.words[0] == "arrivee"
    # a word that only looks elided keeps its apostrophe's first part
    assert make_unit(fr, 2, Span(0, 1), "paragraph", "aujourd’hui").words != ("hui",)


FIRST = (
    "An NHS trust has been fined 800,000 pounds after a patient died when staff failed to "
    "spot that her oxygen supply had run out."
)
SECOND = (
    "Margaret Ellis, 79, was being treated for pneumonia at Northgate Hospital in 2021 when "
    "the cylinder attached to her bed emptied during a night shift."
)
MIDDLE = (
    "The trust pleaded guilty and apologised to the family. It said every ward now has a "
    "checklist and an alarm on each cylinder."
)


@pytest.mark.parametrize(
    "again",
    [
        f"{SECOND}\n\n{FIRST}",  # two paragraphs pasted again, swapped
        f"{FIRST}\n\n{SECOND}",  # in order
    ],
)
def test_paragraphs_pasted_again_together_are_one_finding(again):
    found = _lint(f"# Fine\n\n{FIRST}\n\n{SECOND}\n\n{MIDDLE}\n\n{again}\n")
    assert [(f.line, f.end_line) for f in found] == [(9, 11)]
    assert [(r.line, r.end_line) for r in found[0].related] == [(3, 5)]


def test_a_lead_merged_from_two_paragraphs_is_a_finding_on_each():
    # (the seed sample's lead): two repeats an editor resolves one by one
    lead = f"{FIRST} {SECOND}"
    found = _lint(f"# Fine\n\n{lead}\n\n{MIDDLE}\n\n{FIRST}\n\n{SECOND}\n")
    assert [(f.line, f.end_line) for f in found] == [(7, 7), (9, 9)]
    assert all(f.related[0].line == 3 for f in found)


def _lint_both(text, language="en"):
    import lintnews

    rules = ["repeated-paragraph", "repeated-sentence"]
    return lintnews.lint_text(text, select=rules, language=language).findings


DEK = (
    "A new strain of phishing kit is being sold to criminals through chat forums and text messages."
)
LEAD = (
    "Analysts are warning of a new phishing kit being marketed via links in chat forums and "
    "text messages. The kit copies the login pages of four banks and sends what victims "
    "type to a server abroad."
)


def test_a_lead_that_words_the_dek_again_is_reported():
    findings = _lint_both(f"# Phishing kit spreads\n\n{DEK}\n\n{LEAD}\n\n{BODY}\n")
    assert [(f.rule, f.line) for f in findings] == [("repeated-sentence", 5)]
    assert [r.line for r in findings[0].related] == [3]
    dek = "El Partido Verde negó estar detrás de los carteles con la cara del alcalde en cinco barrios."
    lead = (
        "El Partido Verde rechazó estar detrás de los carteles con la cara del alcalde que "
        "aparecieron durante la noche del sábado en las calles de la ciudad."
    )
    found = _lint_both(f"# Carteles\n\n{dek}\n\n{lead}\n", language="es")
    assert [(f.rule, f.line) for f in found] == [("repeated-paragraph", 5)]


@pytest.mark.parametrize(
    "draft",
    [
        # the dek and a lead on the same story that says something else
        f"# Phishing kit spreads\n\n{DEK}\n\nThe police arrested two men in Leeds on Monday "
        "and seized laptops, phones and a list of 3,000 customers of the kit.\n",
        # no dek: the lead is the first paragraph, a later one shares its words
        f"# Phishing kit spreads\n\n{LEAD}\n\n{DEK} It was first seen in May.\n",
        # the first line of prose has no stop: a title or a caption, not a dek
        f"# Phishing kit spreads\n\n{DEK[:-1]}\n\n{LEAD}\n",
        # the dek is not right above the lead
        f"# Phishing kit spreads\n\n{DEK}\n\n{BODY}\n\n{LEAD}\n",
        # a question the lead answers, which words it again
        "# Phishing kit spreads\n\nIs a new strain of phishing kit being sold to criminals "
        f"through chat forums and text messages?\n\n{LEAD}\n",
        # a note to the reader under a label, not a dek
        f"# Phishing kit spreads\n\nCorrection: {DEK}\n\n{LEAD}\n",
        # the lead opens with the quotation that bears the dek out
        f'# Phishing kit spreads\n\n{DEK}\n\n"{LEAD.split(". ")[0]}," the analysts said. '
        "The kit copies the login pages of four banks.\n",
    ],
)
def test_a_dek_and_a_lead_that_does_not_word_it_again_are_left_alone(draft):
    assert not _lint_both(draft)


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("16:30", True),
        ("**10:00** The toll rose.", True),
        ("14.05 Uhr - Die Polizei", True),
        ("19 h 16", True),  # French
        ("19h16", True),
        ("£14.50", False),  # a price, alone on its line in a shop's list
        ("14.50 €", False),
        ("1999: the year", False),
    ],
)
def test_a_live_blogs_time_stamp_is_told_from_a_price(line, stamp):
    from lintnews.kinds.repetition.units import STAMP

    assert bool(STAMP.match(line)) is stamp


def test_one_statement_of_two_years_is_a_comparison_only_side_by_side():
    from lintnews.kinds.repetition.units import other_period

    en = load_languages([Path(__file__).resolve().parent.parent / "rules"])["en"]
    told = "In {}, the sea was 0.61 degrees above the 1991-2020 average, the report said."

    def unit(index, year, block=-1):
        return make_unit(en, index, Span(0, 1), "paragraph", told.format(year), block=block)

    assert other_period(unit(3, 2024), unit(2, 2023))  # two paragraphs in a row
    assert other_period(unit(1, 2024, block=4), unit(0, 2023, block=4))  # one paragraph's
    # a sentence 0 two paragraphs below a sentence 1: their indices count in their paragraphs
    assert not other_period(unit(0, 2024, block=3), unit(1, 2023, block=1))
    assert not other_period(unit(0, 2024), unit(-1, 2023))  # a paragraph of the archive
