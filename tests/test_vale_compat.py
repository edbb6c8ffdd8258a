"""What makes Vale styles run unchanged: the rendered text, Go's YAML and fmt, spelling."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.parsers import markdown
from lintnews.vale.goyaml import lenient, read_style_yaml
from lintnews.vale.rendered import CELL_BREAK, render
from lintnews.vale.spelling import tokens

DRAFT = textwrap.dedent("""\
    # A *heading*

    A paragraph that
      wraps, with **bold** and a [link](https://example.com/x) in it.

    - A list item
      that wraps.
    > A quote
    > that wraps.

    | Name  | Role     |
    | ----- | -------- |
    | *Ana* | `editor` |
    """)


def _words(text: str) -> list[str]:
    return text.replace("*", " ").replace("[", " ").replace("]", " ").split()


def test_rendered_text_drops_markup_and_folds_soft_breaks():
    doc = markdown.parse("d.md", DRAFT)
    view = render(doc).doc
    prose = [b.prose for b in view.blocks]
    assert prose[0] == "A heading"
    assert prose[1] == "A paragraph that wraps, with bold and a link in it."
    assert prose[2] == "A list item that wraps."
    # a code span's text is Vale's run of asterisks, its backticks gone
    assert prose[4] == f"Name{CELL_BREAK}Role\nAna{CELL_BREAK}" + "*" * 6
    assert "  " not in " ".join(prose[:4])


def test_every_rendered_character_comes_from_its_source_character():
    doc = markdown.parse("d.md", DRAFT)
    rendered = render(doc)
    for v, char in enumerate(rendered.doc.text):
        source = doc.text[rendered.origin[v]]
        assert char in (source, CELL_BREAK, "*") or (char == " " and source.isspace())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word", "*em*", "**b**", "`c`", "\n", "\n   ", "  ", "[l](u)", "- ", "> "]
        ),
        max_size=30,
    )
)
def test_the_map_back_is_monotonic_and_inside_the_draft(pieces):
    text = "".join(pieces)
    doc = markdown.parse("d.md", text)
    origin = render(doc).origin
    assert list(origin) == sorted(origin)
    assert all(0 <= o <= len(text) for o in origin)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (r'm: "Don\'t"', "Don't"),
        (r'm: "\d+\.\d+"', r"\d+\.\d+"),
        (r'm: "tab\there \u00e9"', "tab\there é"),
    ],
)
def test_go_yaml_escapes_load(source, value):
    assert yaml.safe_load(lenient(source)) == {"m": value}


def test_a_style_pyyaml_refuses_loads_and_broken_yaml_still_fails(tmp_path: Path):
    from lintnews.errors import RuleError

    good = tmp_path / "Go.yml"
    good.write_text('extends: existence\nmessage: "Don\\\'t use \\d"\n', "utf-8")
    assert read_style_yaml(good, RuleError)["message"] == "Don't use \\d"
    bad = tmp_path / "Bad.yml"
    bad.write_text('extends: [existence\nmessage: "\\d"\n', "utf-8")
    with pytest.raises(RuleError, match=r"Bad\.yml:\d+: invalid YAML"):
        read_style_yaml(bad, RuleError)


def test_word_tokens_keep_offsets_and_apostrophes_and_drop_punctuation():
    text = "(Hello), world's end-to-end “quote” don’t."
    found = list(tokens(text))
    assert [w for _, w in found] == ["Hello", "world's", "end-to-end", "quote", "don’t"]
    assert all(text[o : o + len(w)] == w for o, w in found)


STYLE = """extends: spelling
message: "'%s' is a typo!"
level: error
custom: true
dicpath: dicts
dictionaries: [tiny]
"""


@pytest.fixture
def spelling_project(tmp_path: Path) -> Path:
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "tiny.aff").write_text("SET UTF-8\n", "utf-8")
    (tmp_path / "dicts" / "tiny.dic").write_text("3\nthe\ncat\nsat\n", "utf-8")
    (tmp_path / "styles" / "House" / "Spell.yml").write_text(STYLE, "utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nHouse.Spell = YES\n", "utf-8")
    (tmp_path / "a.md").write_text("The cat sat.\n\nThe dgo sat.\n", "utf-8")
    return tmp_path


def test_spelling_reports_what_the_dictionary_lacks(spelling_project, cli):
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.stdout == "a.md:3:5:House.Spell:'dgo' is a typo!\n"
    assert result.returncode == 1


@pytest.mark.parametrize("dicpath", ["../outside", "/etc", "/usr/share/hunspell/../../../etc"])
def test_a_dictionary_outside_the_project_is_not_read(spelling_project, cli, dicpath):
    style = spelling_project / "styles" / "House" / "Spell.yml"
    style.write_text(STYLE.replace("dicpath: dicts", f"dicpath: {dicpath}"), "utf-8")
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.stdout == "" and result.returncode == 0
    assert (
        "House.Spell (dicpath" in result.stderr and "not a folder of the project" in result.stderr
    )


def test_a_missing_dictionary_skips_the_rule_with_one_note(spelling_project, cli):
    style = spelling_project / "styles" / "House" / "Spell.yml"
    style.write_text(STYLE.replace("[tiny]", "[../tiny, nowhere]"), "utf-8")
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.returncode == 0
    assert result.stderr.count("skipped 1 rule(s)") == 1 and "House.Spell" in result.stderr


SYSTEM_EN = Path("/usr/share/hunspell/en_US.dic")


@pytest.mark.skipif(not SYSTEM_EN.is_file(), reason="no system en_US dictionary (hunspell-en-us)")
def test_vale_spelling_uses_the_system_dictionary(tmp_path, cli):
    (tmp_path / ".vale.ini").write_text("[*]\nVale.Spelling = YES\n", "utf-8")
    (tmp_path / "a.md").write_text("This sentence has a typpo in it.\n", "utf-8")
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=tmp_path, env={"DICPATH": ""})
    assert result.stdout == "a.md:1:21:Vale.Spelling:Did you really mean 'typpo'?\n"


@pytest.mark.skipif(not SYSTEM_EN.is_file(), reason="no system en_US dictionary (hunspell-en-us)")
def test_a_style_may_name_the_system_dictionaries(spelling_project, cli):
    style = spelling_project / "styles" / "House" / "Spell.yml"
    style.write_text(STYLE.replace("dicts", "/usr/share/hunspell").replace("tiny", "en_US"))
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.stdout == "a.md:3:5:House.Spell:'dgo' is a typo!\n"


def test_a_token_longer_than_hunspell_words_is_not_looked_up(spelling_project, cli):
    (spelling_project / "a.md").write_text("The " + "cat" * 2000 + " sat.\n", "utf-8")
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.stdout == "" and result.returncode == 0


def test_a_dictionary_whose_affixes_are_regular_expressions_is_refused(spelling_project, cli):
    aff = spelling_project / "dicts" / "tiny.aff"
    aff.write_text("SET UTF-8\nSFX A Y 1\nSFX A 0 s (a+)+$\n", "utf-8")
    (spelling_project / "a.md").write_text("The " + "a" * 90 + "b sat.\n", "utf-8")
    result = cli("vale", "--output=line", "--relative", "a.md", cwd=spelling_project)
    assert result.returncode == 0 and result.stdout == ""
    assert "House.Spell (tiny.aff: not a Hunspell affix row: SFX A 0 s (a+)+$)" in result.stderr


def test_html_blocks_in_markdown_are_prose_scoped_as_vale_scopes_them():
    from lintnews.scopes import segments
    from lintnews.vale.htmlprose import html_prose

    text = textwrap.dedent("""\
        Intro.

        <table>
          <caption>Cap one</caption>
          <tr><th>Head</th></tr>
          <tr><td>Cell &amp; more</td></tr>
        </table>

        <p class="nop">Hidden words</p>
        <script>var x = "code";</script>
        """)
    doc = html_prose(markdown.parse("d.md", text), ["script"], ["nop"])
    found = {s.scope: text[s.start : s.end] for s in segments(doc, ["table", "text"])}
    assert found["table.caption"] == "Cap one"
    assert found["table.header"] == "Head"
    assert found["table.cell"] == "Cell &amp; more"  # placed where the source has it
    assert not any("Hidden" in t or "code" in t for t in found.values())


def test_filter_expressions_read_a_rules_fields():
    from lintnews.vale.filters import compile_filter, fields

    cap = fields("demo.Cap", {"extends": "capitalization", "level": "error", "scope": "heading"})
    hedge = fields("demo.Hedge", {"extends": "existence", "scope": ["heading.h1", "list"]})
    assert hedge["Level"] == "suggestion"  # Vale's default level
    cases = {
        '.Level in ["error"]': (True, False),
        '"heading" in .Scope': (True, False),
        '.Level in ["error", "suggestion"] and .Name != "demo.Cap"': (False, True),
        "not (.Extends == 'existence') || .Limit > 3": (True, False),
        '.Name startsWith "demo." && !(.Scope contains "list")': (True, False),
    }
    for text, expected in cases.items():
        keep = compile_filter(text)
        assert (keep(cap), keep(hedge)) == expected, text


@pytest.mark.parametrize(
    "text",
    [".Level in", "Level == 'x'", ".Level == (", "__import__('os')", ".Nope == 1", ".Level < 3"],
)
def test_a_filter_lintnews_cannot_read_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, text):
    from lintnews.cli import main

    (tmp_path / ".vale.ini").write_text("[*]\nBasedOnStyles = Vale\nVale.Spelling = NO\n")
    (tmp_path / "a.md").write_text("Some text.\n")
    monkeypatch.chdir(tmp_path)
    code = main(["vale", "--output=line", f"--filter={text}", "."])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--filter" in err
