"""Inline suppression directives and the report of directives that suppress nothing."""

from __future__ import annotations

from conftest import lint

BODY = "# T\n\nPrimer párrafo de la nota.\n\n{d1}Foto: EFE\n\nSegundo párrafo.\n\n{d2}Foto: AP\n"


def rules_and_lines(result):
    return [(f.rule, f.line) for f in result.findings]


def test_disable_next_line_suppresses_only_that_line():
    text = BODY.format(d1="<!-- lintnews-disable-next-line stray-caption -->\n", d2="")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 10)]


def test_disable_next_line_skips_blank_lines():
    text = BODY.format(d1="<!-- lintnews-disable-next-line stray-caption -->\n\n", d2="")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 11)]


def test_disable_enable_region_and_all_rules():
    text = BODY.format(d1="<!-- lintnews-disable -->\n", d2="<!-- lintnews-enable -->\n")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 11)]


def test_disable_other_rule_does_not_suppress_and_is_reported_unused():
    text = BODY.format(d1="<!-- lintnews-disable-next-line repeated-paragraph -->\n", d2="")
    got = rules_and_lines(lint(text, "stray-caption"))
    assert ("stray-caption", 6) in got and ("stray-caption", 10) in got
    ran = ("stray-caption", "repeated-paragraph", "unused-suppression")
    unused = [f for f in lint(text, ran).findings if f.rule == "unused-suppression"]
    assert len(unused) == 1 and unused[0].level == "info" and unused[0].line == 5


def test_a_suppression_of_a_rule_that_did_not_run_is_not_reported():
    text = BODY.format(d1="<!-- lintnews-disable-next-line repeated-paragraph -->\n", d2="")
    selected = lint(text, ("stray-caption", "unused-suppression")).findings
    assert "unused-suppression" not in {f.rule for f in selected}
    typo = BODY.format(d1="<!-- lintnews-disable-next-line stray-captoin -->\n", d2="")
    found = lint(typo, ("stray-caption", "unused-suppression")).findings
    assert [f.line for f in found if f.rule == "unused-suppression"] == [5]


def test_unused_suppression_is_a_rule_to_explain_configure_and_ignore(cli, tmp_path):
    assert cli("explain", "unused-suppression").returncode == 0
    draft = tmp_path / "d.md"
    draft.write_text(BODY.format(d1="<!-- lintnews-disable-next-line -->\n", d2=""), "utf-8")
    base = ("check", "--format", "json", str(draft))
    assert '"unused-suppression"' not in cli(*base).stdout  # it suppressed the caption
    draft.write_text("# T\n\n<!-- lintnews-disable -->\nUn texto limpio y breve.\n", "utf-8")
    assert '"rule": "unused-suppression", "level": "info"' in cli(*base).stdout
    assert '"unused-suppression"' not in cli(*base, "--ignore", "unused-suppression").stdout
    (tmp_path / ".lintnews.yaml").write_text("rules:\n  unused-suppression: warning\n", "utf-8")
    assert '"rule": "unused-suppression", "level": "warning"' in cli(*base, cwd=tmp_path).stdout


def test_a_same_line_directive_suppresses_its_own_line():
    text = BODY.format(d1="", d2="").replace(
        "Foto: EFE\n", "Foto: EFE <!-- lintnews-disable-line stray-caption -->\n"
    )
    assert rules_and_lines(lint(text, ("stray-caption", "unused-suppression"))) == [
        ("stray-caption", 9)
    ]


def test_enables_close_the_disables_they_name_and_next_line_skips_blank_lines():
    from lintnews.runner import Runner
    from lintnews.suppress import parse_directives

    text = (
        "# T\n\n<!-- lintnews-disable stray-caption -->\n\n<!-- lintnews-disable typography -->\n\n"
        "<!-- lintnews-disable cms-boilerplate, typography -->\n\n"
        "<!-- lintnews-enable typography -->\n\nText.\n\n<!-- lintnews-enable -->\n\n"
        "<!-- lintnews-disable-next-line stray-caption -->\n\n\n\nFoto: EFE\n"
    )
    doc = Runner(select=["stray-caption"]).parse(text, "d.md")
    spans = [(d.action, d.rules, d.first_line, d.last_line) for d in parse_directives(doc)]
    assert spans == [
        ("disable", ("stray-caption",), 3, 13),  # closed by the enable without ids
        ("disable", ("typography",), 5, 9),  # closed by the enable naming it
        ("disable", ("cms-boilerplate", "typography"), 7, 9),
        ("disable-next-line", ("stray-caption",), 19, 19),  # past the blank lines
    ]
