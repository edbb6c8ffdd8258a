"""House style sheets: loading, imports, self-tests, and the errors a newsroom sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from lintnews.config import Config
from lintnews.errors import RuleError
from lintnews.kinds.base import FileName
from lintnews.kinds.naming.house_style import KIND as HOUSE_STYLE
from lintnews.kinds.naming.house_style import HouseStyleOptions, prepare_house_style
from lintnews.ruleset import load_rule
from lintnews.runner import Runner

KINDS = {"house-style": HOUSE_STYLE}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _names(entries) -> list[str]:
    return sorted(e.name for e in entries)


def _prepare(folder: Path, *sheets: str, entries=()) -> tuple:
    options = HouseStyleOptions(dictionaries=list(sheets), entries=list(entries))
    return prepare_house_style(options, folder)


def test_starter_sheet_loads_and_its_self_tests_pass():
    entries = _prepare(ROOT / "rules", "house-style/es.yaml")
    assert {"Zelenski", "Dmitri Peskov", "Vostochni"} <= set(_names(entries))
    assert all(e.languages == ("es",) for e in entries)


def test_a_failing_self_test_is_an_error_naming_the_entry(tmp_path):
    _write(
        tmp_path,
        "names.yaml",
        """
entries:
  - expected: Zelenski
    variants: [Zelensky]
    tests: ["Zelensky dijo -> Zelenskyy dijo"]
""",
    )
    with pytest.raises(ValueError, match="entry 'Zelenski'.*self-test failed"):
        _prepare(tmp_path, "names.yaml")


def test_a_rule_with_a_failing_sheet_is_a_one_line_invalid_rule_error(tmp_path):
    _write(
        tmp_path,
        "names.yaml",
        """
entries:
  - {expected: Kiev, variants: [Kyiv], tests: ["Kyiv -> Kyiv"]}
""",
    )
    rule = _write(
        tmp_path,
        "house.yaml",
        """
id: house
kind: house-style
message: "{found} -> {expected}"
options:
  dictionaries: [names.yaml]
""",
    )
    with pytest.raises(RuleError) as info:
        load_rule(rule, KINDS)
    message = str(info.value)
    assert "\n" not in message
    assert str(rule) in message and "invalid rule" in message and "'Kiev'" in message


def test_imports_are_relative_and_ignored_entries_are_dropped(tmp_path):
    (tmp_path / "shared").mkdir()
    _write(
        tmp_path / "shared",
        "agency.yaml",
        """
language: es
entries:
  - {expected: Kiev, variants: [Kyiv]}
  - {expected: Zelenski, variants: [Zelensky]}
""",
    )
    _write(
        tmp_path,
        "ours.yaml",
        """
imports: [shared/agency.yaml]
ignore: [Kiev]
entries:
  - {expected: Kyiv, variants: [Kiev], languages: [en]}
""",
    )
    entries = _prepare(tmp_path, "ours.yaml")
    assert _names(entries) == ["Kyiv", "Zelenski"]
    scopes = {e.name: e.languages for e in entries}
    assert scopes == {"Kyiv": ("en",), "Zelenski": ("es",)}


def test_an_import_cycle_is_an_error(tmp_path):
    _write(tmp_path, "a.yaml", "imports: [b.yaml]\n")
    _write(tmp_path, "b.yaml", "imports: [a.yaml]\n")
    with pytest.raises(ValueError, match="imports itself"):
        _prepare(tmp_path, "a.yaml")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"variants": ["Kyiv"]}, "needs an 'expected' form"),
        ({"expected": "Kiev"}, "needs 'variants' or 'patterns'"),
        ({"expected": "Kiev", "patterns": ["Ky(iv"]}, "bad pattern"),
        ({"expected": "Kiev", "variants": ["Kyiv"], "colour": 1}, "unknown key 'colour'"),
        ({"expected": "Kiev", "variants": ["Kyiv"], "tests": [3]}, "FROM -> TO"),
    ],
)
def test_invalid_entries_say_what_is_wrong(tmp_path, entry, problem):
    with pytest.raises(ValueError, match=problem):
        _prepare(tmp_path, entries=[entry])


def test_a_sheet_stays_relative_to_the_file_that_named_it(tmp_path):
    """A config that overrides another option prepares the rule again from its own folder;
    the sheet the rule file named is still read beside the rule file."""
    _write(tmp_path, "names.yaml", "entries:\n  - {expected: Kiev, variants: [Kyiv]}\n")
    once = _prepare(tmp_path, "names.yaml")
    options = HouseStyleOptions(dictionaries=[FileName("names.yaml", tmp_path)])
    again = prepare_house_style(options, Path("/somewhere/else"))
    assert _names(again) == _names(once) == ["Kiev"]
    with pytest.raises(ValueError):
        prepare_house_style(HouseStyleOptions(dictionaries=["names.yaml"]), tmp_path / "no")


def test_a_newsroom_sheet_from_its_config_gives_safe_fixes(tmp_path):
    _write(
        tmp_path,
        "names.yaml",
        """
language: es
entries:
  - {expected: Kiev, variants: [Kyiv], note: Fundéu}
""",
    )
    config = Config(
        rules={"house-style-name": {"options": {"dictionaries": [str(tmp_path / "names.yaml")]}}}
    )
    runner = Runner(select=["house-style-name"], config=config)
    result = runner.lint_text("# Guerra\n\nLlegó a Kyiv el lunes.\n", "draft.md")
    assert [(f.line, f.message) for f in result.findings] == [
        (3, "«Kyiv»: el libro de estilo dice «Kiev» (Fundéu)")
    ]
    fix = result.findings[0].fix
    assert fix.safe and fix.replacement == "Kiev"


@pytest.mark.parametrize(
    "sentence, safe",
    [
        ("Llegó a Kyiv el lunes.", True),  # the name in the draft's own words
        ("El alcalde de Kyiv, Vitali Klitschko, habló.", True),
        ("En Kyiv Vitali Klitschko habló.", False),  # a capital after: may be a longer name
        ("El Kyiv Post habló de la peor noche del año.", False),  # a newspaper's name
        ('La presidencia citó al presidente: "Kyiv will stand".', None),  # a quotation
    ],
)
def test_no_safe_fix_rewrites_a_quotation_or_a_longer_name(tmp_path, sentence, safe):
    # a newspaper's name keeps its own spelling unless an editor says so; a quotation is
    # the speaker's words, never rewritten
    _write(
        tmp_path, "names.yaml", "language: es\nentries:\n  - {expected: Kiev, variants: [Kyiv]}\n"
    )
    config = Config(
        rules={"house-style-name": {"options": {"dictionaries": [str(tmp_path / "names.yaml")]}}}
    )
    runner = Runner(select=["house-style-name"], config=config)
    (finding,) = runner.lint_text(f"# Guerra\n\n{sentence}\n", "draft.md").findings
    assert (finding.fix.safe if finding.fix else None) is safe


def test_the_rule_is_off_by_default():
    runner = Runner(config=Config())
    assert "house-style-name" not in {r.id for r in runner.ruleset.rules}
    assert "house-style-name" in {r.id for r in runner.ruleset.available}


def test_the_cli_applies_a_newsroom_sheet_named_in_its_config(cli, tmp_path):
    _write(
        tmp_path,
        "ours.yaml",
        "imports: ['builtin:house-style/es.yaml']\nignore: [Kiev]\n"
        "entries:\n  - {expected: Kyiv, variants: [Kiev], languages: [es]}\n",
    )
    _write(
        tmp_path,
        ".lintnews.yaml",
        "rules:\n  house-style-name:\n    options:\n      dictionaries: [ours.yaml]\n",
    )
    _write(tmp_path, "draft.md", "# Guerra\n\nZelensky volvió a Kiev.\n")
    proc = cli("check", "--lang", "es", "--select", "house-style-name", "draft.md", cwd=tmp_path)
    assert "«Zelensky»: el libro de estilo dice «Zelenski»" in proc.stdout
    assert "«Kiev»: el libro de estilo dice «Kyiv»" in proc.stdout
    assert proc.stderr.startswith("2 finding(s)") and "lintnews:" not in proc.stderr


def test_entries_that_rewrite_each_other_are_a_load_error_naming_both(tmp_path):
    _write(
        tmp_path,
        "names.yaml",
        "entries:\n  - {expected: Kiev, variants: [Kyiv]}\n  - {expected: Kyiv, variants: [Kiev]}\n",
    )
    with pytest.raises(ValueError, match="contradict") as info:
        _prepare(tmp_path, "names.yaml")
    assert "'Kiev'" in str(info.value) and "'Kyiv'" in str(info.value)


def test_a_cycle_made_by_an_import_is_a_load_error_naming_both_sheets(tmp_path):
    _write(
        tmp_path,
        "ours.yaml",
        "imports: ['builtin:house-style/es.yaml']\n"
        "entries:\n  - {expected: Zelensky, variants: [Zelenski], languages: [es]}\n",
    )
    with pytest.raises(ValueError, match="contradict") as info:
        _prepare(tmp_path, "ours.yaml")
    message = str(info.value)
    assert "'Zelensky'" in message and "'Zelenski'" in message
    assert "ours.yaml" in message and "es.yaml" in message
    three = "entries:\n  - {expected: A1, variants: [B1]}\n  - {expected: B1, variants: [C1]}\n"
    _write(tmp_path, "three.yaml", three + "  - {expected: C1, variants: [A1]}\n")
    with pytest.raises(ValueError, match="contradict"):
        _prepare(tmp_path, "three.yaml")


def test_a_chain_of_thousands_of_entries_loads_and_a_cycle_at_its_end_is_found(tmp_path):
    # each entry rewrites the next one's form: a chain longer than Python's recursion limit
    names = [
        f"Nombre{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}" for i in range(1500)
    ]
    chain = "".join(
        f"  - {{expected: {names[i]}, variants: [{names[i - 1]}]}}\n" for i in range(1, 1500)
    )
    _write(tmp_path, "chain.yaml", "entries:\n" + chain)
    assert len(_prepare(tmp_path, "chain.yaml")) == 1499
    closed = f"  - {{expected: {names[0]}, variants: [{names[-1]}]}}\n"
    _write(tmp_path, "cycle.yaml", "entries:\n" + chain + closed)
    with pytest.raises(ValueError, match="contradict"):
        _prepare(tmp_path, "cycle.yaml")


def test_entries_for_different_languages_do_not_contradict(tmp_path):
    _write(
        tmp_path,
        "names.yaml",
        "entries:\n  - {expected: Kiev, variants: [Kyiv], languages: [es]}\n"
        "  - {expected: Kyiv, variants: [Kiev], languages: [en]}\n",
    )
    assert _names(_prepare(tmp_path, "names.yaml")) == ["Kiev", "Kyiv"]


def _sheet_project(tmp_path, sheet: str, draft: str) -> Path:
    _write(tmp_path, "ours.yaml", sheet)
    _write(
        tmp_path,
        ".lintnews.yaml",
        "language: es\nrules:\n  house-style-name:\n    options:\n      dictionaries: [ours.yaml]\n",
    )
    return _write(tmp_path, "draft.md", draft)


def test_fix_counts_are_findings_fixed_and_a_safe_run_offers_no_unsafe_hint(cli, tmp_path):
    sheet = (
        "entries:\n  - {expected: Kyiv, variants: [Kiev]}\n"
        "  - {expected: Kyïv, variants: [Kyiv]}\n"  # a chain, not a cycle: two passes
    )
    draft = _sheet_project(tmp_path, sheet, "# Guerra\n\nLlegó a Kiev.\n\nSalió de Kiev.\n")
    proc = cli("check", "--select", "house-style-name", "--fix", "draft.md", cwd=tmp_path)
    assert draft.read_text(encoding="utf-8").count("Kyïv") == 2
    # one finding ('Kiev' [2 places]) as the report showed it, not the four edits made
    assert "fixed 1 finding(s) in 1 file(s); 0 fixable left" in proc.stderr, proc.stderr
    assert "--unsafe-fixes" not in proc.stderr
    longer = "entries:\n" + "".join(
        f"  - {{expected: {b}, variants: [{a}]}}\n"
        for a, b in [("Kiev", "Kyiv"), ("Kyiv", "Kyïv"), ("Kyïv", "Kyyiv"), ("Kyyiv", "Kyyïv")]
    )
    _sheet_project(tmp_path, longer, "# Guerra\n\nLlegó a Kiev.\n")
    proc = cli("check", "--select", "house-style-name", "--fix", "draft.md", cwd=tmp_path)
    assert "fixed 1 finding(s) in 1 file(s); 1 fixable left\n" in proc.stderr, proc.stderr


def test_a_safe_run_names_unsafe_fixes_only_when_some_are_left(cli, tmp_path):
    draft = tmp_path / "bad.md"
    draft.write_text(
        "# Título\n\nPrimer párrafo de la nota sobre la cumbre.\n\nFoto: EFE\n\nFin.\n",
        encoding="utf-8",
    )
    proc = cli("check", "--fix", str(draft))
    assert "1 fixable left (--unsafe-fixes applies unsafe ones)" in proc.stderr, proc.stderr


def test_the_entries_that_may_rewrite_a_form_are_all_those_that_do(tmp_path):
    """The contradiction check asks only the entries whose literals a form holds; on a sheet
    of names, variants and patterns that overlap, none that rewrites a form is left out."""
    import random

    from lintnews.kinds.naming.house_style import _rewriters

    rng = random.Random(7)
    parts = ["Kyiv", "Kiev", "Olena", "Zelensky", "Zelenskyy", "Ana", "Anna", "Mar", "del"]
    lines = []
    for i in range(120):
        words = rng.sample(parts, 2)
        variant = " ".join(rng.sample(parts, 2))
        pattern = f"{rng.choice(parts)}[a-z]?" if i % 3 == 0 else None
        extra = f", patterns: ['{pattern}']" if pattern else ""
        case = ", ignore_case: true" if i % 4 == 0 else ""
        lines.append(
            f"  - {{id: e{i}, expected: {' '.join(words)}, variants: [{variant}]{extra}{case}}}"
        )
    _write(tmp_path, "mix.yaml", "entries:\n" + "\n".join(lines) + "\n")
    try:
        entries = _prepare(tmp_path, "mix.yaml")
    except ValueError:
        entries = None  # a random sheet may well contradict itself: read the entries alone
    if entries is None:
        from lintnews.kinds.naming.house_style import _read_sheet

        entries = tuple(_read_sheet(tmp_path / "mix.yaml", (), {}))
    rewriters = _rewriters(entries)
    for e in entries:
        every = {o.name for o in entries if o.apply(e.expected) != e.expected}
        asked = {o.name for o in rewriters(e.expected)}
        assert every <= asked, e.expected
    assert any(len(rewriters(e.expected)) < len(entries) for e in entries)
