"""Project configuration and user rule folders: discovery, merging, one-line errors."""

from __future__ import annotations

import textwrap

import pytest

from lintnews.config import find_config, load_config
from lintnews.errors import ConfigError, RuleError
from lintnews.plugin.builtin import builtin_rules_dir
from lintnews.runner import Runner

PRESETS = builtin_rules_dir() / "presets"
DRAFT = "# Título\n\nPrimer párrafo del texto.\n\nFoto: EFE\n\nÚltimo párrafo.\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_is_found_upward(tmp_path):
    cfg = write(tmp_path / ".lintnews.yaml", "language: es\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == cfg


def test_pyproject_section_is_a_config(tmp_path):
    py = write(tmp_path / "pyproject.toml", '[tool.lintnews]\nlanguage = "en"\n')
    assert find_config(tmp_path) == py
    assert load_config(py, PRESETS).language == "en"


def test_pyproject_without_section_is_not_a_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) in (None, *[p / "pyproject.toml" for p in tmp_path.parents])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "language: es\nfail-levle: error\n",
            r"\.lintnews\.yaml:2: invalid config: unknown key 'fail-levle'",
        ),
        ("fail-level: loud\n", r":1: invalid config: 'fail-level' must be one of"),
        ("extends: [nope]\n", r":1: invalid config: unknown preset 'nope'"),
        ("rules: [a, b]\n", r":1: invalid config: 'rules' must be a mapping"),
        (
            "language: es\nrules:\n  stray-caption: {level: [x]}\n",
            r":3: invalid config: rules\.stray-caption\.level",
        ),
        ("rules: {\n", r":2: invalid YAML"),
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, text, message):
    cfg = write(tmp_path / ".lintnews.yaml", text)
    with pytest.raises((ConfigError, RuleError), match=message):
        Runner(config_path=str(cfg))


def test_unknown_rule_and_bad_option_name_the_line(tmp_path):
    cfg = write(tmp_path / ".lintnews.yaml", "rules:\n  stray-captoin: off\n")
    with pytest.raises(RuleError, match=r":2: invalid config: unknown rule 'stray-captoin'"):
        Runner(config_path=str(cfg))
    cfg = write(
        tmp_path / ".lintnews.yaml",
        "rules:\n  repeated-paragraph:\n    options: {containment: high}\n",
    )
    with pytest.raises(RuleError, match=r"option 'containment' must be a number"):
        Runner(config_path=str(cfg))


def test_rule_off_level_and_options(tmp_path):
    cfg = write(
        tmp_path / ".lintnews.yaml",
        """\
        rules:
          stray-caption: error
          cms-boilerplate: off
          repeated-paragraph: {level: info, options: {min_content_words: 3}}
        """,
    )
    runner = Runner(config_path=str(cfg))
    rules = {r.id: r for r in runner.ruleset.rules}
    assert rules["stray-caption"].level == "error"
    assert "cms-boilerplate" not in rules
    assert rules["repeated-paragraph"].level == "info"
    assert rules["repeated-paragraph"].options["min_content_words"] == 3
    result = runner.lint_text(DRAFT, "d.md")
    assert [(f.rule, f.level) for f in result.findings] == [("stray-caption", "error")]


def test_strict_preset_fails_on_info(tmp_path):
    cfg = write(tmp_path / ".lintnews.yaml", "extends: strict\n")
    assert load_config(cfg, PRESETS).fail_level == "info"


def test_strict_preset_turns_every_rule_on_at_warning_or_above(tmp_path):
    """What its name says: no shipped rule is off or at info under strict (the default
    preset has both), and a rule that is off by default reports under strict."""
    from lintnews.findings import level_rank

    strict = Runner(config_path=str(write(tmp_path / "s" / ".lintnews.yaml", "extends: strict\n")))
    default = Runner(config_path=str(write(tmp_path / "d" / ".lintnews.yaml", "language: es\n")))
    builtin = {r.id for r in default.ruleset.available}
    assert {r.id for r in default.ruleset.rules} < builtin  # something is off by default
    weak = [
        r.id
        for r in strict.ruleset.available
        if r.id in builtin and (not r.enabled or level_rank(r.level) < level_rank("warning"))
    ]
    assert weak == []
    draft = "# Cumbre\n\nEl portavoz Dmitry Peskov confirmó la reunión en Moscú ayer.\n"
    assert "house-style-name" not in {f.rule for f in default.lint_text(draft, "d.md").findings}
    assert "house-style-name" in {f.rule for f in strict.lint_text(draft, "d.md").findings}


def test_rule_paths_add_newsroom_rules(tmp_path):
    write(
        tmp_path / "house" / "no-foto.yaml",
        """\
        id: house-photo-credit
        kind: leftover
        level: error
        message: "Credit line: {text}"
        options:
          markers: {"*": ['crédito\\s*:']}
        """,
    )
    cfg = write(tmp_path / ".lintnews.yaml", "rule-paths: [house]\n")
    runner = Runner(config_path=str(cfg))
    result = runner.lint_text("# T\n\nTexto.\n\nCrédito: Archivo\n\nFin del texto.\n", "d.md")
    assert "house-photo-credit" in {f.rule for f in result.findings}
    # the built-in stray-caption knows the credit too: one finding, the newsroom's error
    assert [f.rule for f in result.findings if f.line == 5] == ["house-photo-credit"]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "id: Bad_Id\nkind: leftover\nmessage: m\n",
            r"bad\.yaml:1: invalid rule: id 'Bad_Id' is not kebab-case",
        ),
        ("id: x\nkind: nope\nmessage: m\n", r"bad\.yaml:2: invalid rule: unknown kind 'nope'"),
        (
            "id: x\nkind: leftover\nmessage: m\nlevle: error\n",
            r"bad\.yaml:4: invalid rule: unknown key 'levle'",
        ),
        (
            "id: x\nkind: leftover\nmessage: m\noptions:\n  max_words: many\n",
            r"bad\.yaml:5: invalid rule: option 'max_words' must be an integer",
        ),
        (
            "id: x\nkind: leftover\nmessage: m\noptions:\n  colour: red\n",
            r"bad\.yaml:5: invalid rule: unknown option 'colour'",
        ),
        (
            "id: x\nkind: leftover\nmessage: m\nlevel: fatal\n",
            r"bad\.yaml:4: invalid rule: level must be one of",
        ),
        (
            "id: x\nkind: name-variants\nmessage: m\noptions:\n  wordlist: huge\n",
            r"bad\.yaml:5: invalid rule: option 'wordlist' must be small or large$",
        ),
        (
            "id: x\nkind: repeated-content\nmessage: m\noptions:\n  measure: euclid\n",
            r"bad\.yaml:5: invalid rule: option 'measure' must be jaccard, dice or cosine$",
        ),
        ("!!python/object/apply:os.system ['echo hacked']\n", r"bad\.yaml:1: invalid YAML"),
    ],
)
def test_invalid_rule_files_name_file_line_and_key(tmp_path, rule, message):
    write(tmp_path / "house" / "bad.yaml", rule)
    cfg = write(tmp_path / ".lintnews.yaml", "rule-paths: [house]\n")
    with pytest.raises(RuleError, match=message):
        Runner(config_path=str(cfg))


def test_missing_rule_folder_is_a_config_error(tmp_path):
    cfg = write(tmp_path / ".lintnews.yaml", "rule-paths: [nowhere]\n")
    with pytest.raises(ConfigError, match=r":1: invalid config: rule folder 'nowhere' not found"):
        Runner(config_path=str(cfg))


def test_a_key_written_twice_is_an_error_with_its_line(tmp_path, cli):
    (tmp_path / "a.md").write_text("# T\n\nFoto: EFE\n\nTexto.\n", encoding="utf-8")
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  stray-caption: off\nfail-level: error\nrules:\n  cms-boilerplate: off\n",
        encoding="utf-8",
    )
    proc = cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert (
        proc.returncode == 2
        and ".lintnews.yaml:4: invalid YAML: duplicate key 'rules'" in proc.stderr
    )
    # a merge key's values may be overridden, as YAML means them to be
    (tmp_path / ".lintnews.yaml").write_text(
        "base: &b {fail-level: error}\nx:\n  <<: *b\n  fail-level: warning\n", encoding="utf-8"
    )
    proc = cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert "duplicate key" not in proc.stderr


@pytest.mark.parametrize(
    "config, error",
    [
        ("rules: {stray-caption: {options: [1]}}\n", "'options' must be a mapping"),
        ("rules: {2024-01-01: off}\n", "'rules' must be a mapping of rule ids"),
        ('rule-paths: ["a\\0b"]\n', "a NUL character in a string"),
        (
            "rules: {stray-caption: {message: '{text:>300000000}'}}\n",
            "wider than 1000 characters",
        ),
    ],
)
def test_a_malformed_rule_override_is_a_one_line_error(tmp_path, cli, config, error):
    (tmp_path / "a.md").write_text("# T\n\nFoto: EFE\n\nTexto.\n", encoding="utf-8")
    (tmp_path / ".lintnews.yaml").write_text(config, encoding="utf-8")
    proc = cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and error in proc.stderr, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and ".lintnews.yaml:1:" in proc.stderr


@pytest.mark.parametrize(
    "toml, error",
    [
        ('tool = "lintnews"\n', "'tool' must be a table"),
        ("deep", "nested too deep"),
    ],
)
def test_a_malformed_pyproject_is_a_one_line_error(tmp_path, cli, toml, error):
    if toml == "deep":  # arrays 3,000 deep (built here: a long parameter is a long test id)
        toml = "x = " + "[" * 3000 + "]" * 3000 + "\n# lintnews\n"
    (tmp_path / "a.md").write_text("# T\n\nTexto.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    proc = cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and error in proc.stderr and "Traceback" not in proc.stderr
