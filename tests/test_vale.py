"""Vale compatibility: ini reading, globs, messages, comments, output formats, the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from lintnews.vale.ini import glob_matches, parse, split_list
from lintnews.vale.styles import vale_message

STYLE = """extends: existence
message: "'%s' left in text"
level: error
tokens: [TODO, NOTE]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Notes.yml").write_text(STYLE, "utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nPackages = Google\n\n[*.md]\nBasedOnStyles = House, Google\n",
        "utf-8",
    )
    (tmp_path / "draft.md").write_text("# Title\n\nA TODO here.\n", "utf-8")
    return tmp_path


def test_ini_sections_lists_and_continuations(tmp_path):
    ini = tmp_path / ".vale.ini"
    ini.write_text(
        textwrap.dedent("""\
        # a comment
        StylesPath = styles
        MinAlertLevel = warning
        Vocab = One, Two

        [formats]
        mdx = md

        [*.{md,txt}]
        BasedOnStyles = Vale, House
        House.Rule = NO
        House.Other = error
        TokenIgnores = (\\$[^$]+\\$), \\
          (`[^`]+`)
        """),
        "utf-8",
    )
    config = parse(ini)
    assert config.styles_path == (tmp_path / "styles").resolve()
    assert config.min_level == "warning" and config.vocab == ["One", "Two"]
    assert config.formats == {"mdx": "md"}
    (section,) = config.sections
    assert section.based_on == ["Vale", "House"]
    assert section.checks == {"House.Rule": "NO", "House.Other": "error"}
    assert section.token_ignores == ["(\\$[^$]+\\$)", "(`[^`]+`)"]


def test_ini_rejects_bad_settings(tmp_path):
    from lintnews.errors import ConfigError

    ini = tmp_path / ".vale.ini"
    ini.write_text("[*]\nHouse.Rule = maybe\n", "utf-8")
    with pytest.raises(ConfigError, match=r"\.vale\.ini:2: invalid config: House\.Rule"):
        parse(ini)


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("*", "a/b.md", True),
        ("*.md", "docs/a.md", True),
        ("*.{md,txt}", "a.txt", True),
        ("*.{md,txt}", "a.rst", False),
        ("{a,b}.md", "b.md", True),
        ("docs/**/*.md", "docs/x/y.md", True),
        ("!*.md", "a.md", False),
        ("!*.md", "a.txt", True),
        ("[ab].md", "c.md", False),
    ],
)
def test_globs(glob, path, expected, tmp_path):
    assert glob_matches(glob, path, Path.cwd()) is expected


def test_split_list_keeps_escaped_commas():
    assert split_list(r"a{1\,3}, b ,c") == ["a{1,3}", "b", "c"]


@pytest.mark.parametrize(
    ("message", "kind", "expected"),
    [
        ("Use '%s' instead of '%s'.", "substitution", "Use '{expected}' instead of '{observed}'."),
        ("'%s' left {in} text", "existence", "'{match}' left {{in}} text"),
        ("100%% sure about %s", "metric", "100% sure about {value}"),
        ("No placeholders", "occurrence", "No placeholders"),
        # Go's fmt as Vale calls it: string arguments (a count too), then one empty string;
        # %q quotes, another verb prints as Go prints a string under it, one past them MISSING
        ("Found %q.", "existence", 'Found "{match}".'),
        ("%s commas, %d", "occurrence", "{count} commas, %!d(string=)"),
        ("%d of %s and %s", "existence", "%!d(string={match}) of  and %!s(MISSING)"),
        ("Grade %s, %v", "readability", "Grade {value}, "),
    ],
)
def test_vale_messages_become_templates(message, kind, expected):
    assert vale_message(message, kind) == expected


def test_json_and_cli_outputs(project, cli):
    result = cli("vale", "--output=JSON", "--relative", "draft.md", cwd=project)
    assert result.returncode == 1
    alert = json.loads(result.stdout)["draft.md"][0]
    assert alert["Check"] == "House.Notes" and alert["Severity"] == "error"
    assert alert["Line"] == 3 and alert["Span"] == [3, 6] and alert["Match"] == "TODO"
    pretty = cli("vale", "--relative", "draft.md", cwd=project)
    assert " draft.md\n 3:3  error  'TODO' left in text  House.Notes" in pretty.stdout
    assert "1 errors, 0 warnings and 0 suggestions in 1 file." in pretty.stdout


def test_packages_are_reported_not_fetched(project, cli):
    result = cli("vale", "--output=line", "draft.md", cwd=project)
    assert "package 'Google' is unavailable" in result.stderr
    assert result.stdout.endswith("draft.md:3:3:House.Notes:'TODO' left in text\n")


def test_stdin_and_lintnews_formats(project, cli):
    result = cli("vale", "--output=line", "--ext=.md", cwd=project, stdin="A NOTE.\n")
    assert result.stdout == "stdin.md:1:3:House.Notes:'NOTE' left in text\n"
    native = cli("vale", "--lintnews-format=json", "--relative", "draft.md", cwd=project)
    report = json.loads(native.stdout)
    assert report["files"][0]["findings"][0]["rule"] == "House.Notes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "unknown flag --bogus"),
        (["--output=xml", "x"], "unsupported --output"),
        (["--config=nowhere.ini", "x"], "config file not found"),
    ],
)
def test_usage_errors_exit_2(project, cli, args, message):
    result = cli("vale", *args, cwd=project)
    assert result.returncode == 2 and message in result.stderr


def test_missing_config_exits_2(tmp_path, cli):
    result = cli("vale", "x", cwd=tmp_path, env={"VALE_CONFIG_PATH": ""})
    assert result.returncode == 2 and ".vale.ini not found" in result.stderr


def test_rules_and_explain_show_vale_rules(project, cli):
    rules = cli("rules", cwd=project)
    assert "House.Notes" in rules.stdout and "existence" in rules.stdout
    explain = cli("explain", "House.Notes", cwd=project)
    assert explain.returncode == 0 and "'%s' left in text" in explain.stdout


def test_rules_lintnews_cannot_run_are_skipped_in_one_note(project, cli):
    house = project / "styles" / "House"
    (house / "Seq.yml").write_text("extends: sequence\nmessage: x\ntokens: []\n", "utf-8")
    (house / "Odd.yml").write_text("extends: telepathy\nmessage: x\n", "utf-8")
    (project / "other.md").write_text("Another TODO.\n", "utf-8")
    result = cli("vale", "--output=line", "draft.md", "other.md", cwd=project)
    notes = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(notes) == 1  # once for the run, not once per file
    assert "House.Seq" in notes[0] and "House.Odd" in notes[0]
    # every other rule still runs, on every file
    assert "draft.md:3:3:House.Notes" in result.stdout
    assert "other.md:1:9:House.Notes" in result.stdout
    assert result.returncode == 1


def test_limit_and_link(project, cli):
    (project / "styles" / "House" / "Once.yml").write_text(
        "extends: existence\nmessage: 'Once %s'\nlevel: warning\nlimit: 1\n"
        "link: https://example.com/once\ntokens: [here]\n",
        "utf-8",
    )
    (project / "draft.md").write_text("here and here.\n\nhere again.\n", "utf-8")
    result = cli("vale", "--output=JSON", "--relative", "draft.md", cwd=project)
    alerts = json.loads(result.stdout)["draft.md"]
    assert [(a["Line"], a["Span"][0]) for a in alerts] == [(1, 1)]
    assert alerts[0]["Link"] == "https://example.com/once"
