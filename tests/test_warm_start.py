"""What a run keeps in the cache folder to start faster: compiled patterns and parsed YAML
behave exactly as freshly made ones, and damage or edits never leak into results."""

from __future__ import annotations

import pytest
import regex

from lintnews import regexcache, yamlload
from lintnews.cachefolder import read_cache_value, write_cache_value
from lintnews.errors import RuleError

PATTERNS = [
    (r"(?P<word>[\p{L}\p{M}]+)(?:['’-](?P=word))?", 0),
    (r"^\W{0,3}(?:(?:foto|imagen)\s*:)", regex.I | regex.V1),
    (r"(?-f)straße", regex.I | regex.V1),
    (r"(?<![\p{L}\p{M}])((?i:la|el))\s+(\p{Lu}\p{Ll}+)", regex.V1),
    (r"(?:colour){e<=1}", regex.BESTMATCH),
    (r"[[a-z]--[aeiou]]+", regex.V1),
    (r"(a|b)\1+$", regex.M),
]
TEXTS = ["Foto: EFE", "la Vostochny y el Kremlin", "STRASSE straße", "aaab bb", "color colr"]


def _answers(compiled):
    return [[(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(t)] for t in TEXTS]


@pytest.fixture
def folder(tmp_path):
    yield tmp_path
    regexcache.load(None)


def test_saved_patterns_answer_as_regex_does(folder):
    regexcache.load(folder)
    for pattern, flags in PATTERNS:
        regexcache.compile(pattern, flags)
    regexcache.save()
    regexcache.load(folder)  # a new run: nothing compiled yet
    assert regexcache.saved() == {(p, int(f)) for p, f in PATTERNS}
    for pattern, flags in PATTERNS:
        restored = regexcache.compile(pattern, flags)
        fresh = regex.compile(pattern, flags)
        assert restored is not fresh
        assert (restored.pattern, restored.flags, restored.groups) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
        )
        assert _answers(restored) == _answers(fresh)


def test_bad_patterns_raise_regex_errors_and_are_not_saved(folder):
    regexcache.load(folder)
    with pytest.raises(regex.error, match="missing \\)"):
        regexcache.compile("(unclosed")
    regexcache.save()
    assert not (folder / regexcache.FILE).exists()


def test_a_damaged_or_foreign_file_is_ignored(folder):
    (folder / regexcache.FILE).write_bytes(b"\x00garbage")
    regexcache.load(folder)
    assert regexcache.saved() == set()
    key = ("another regex", "0", (3, 0))
    fake = {("x", 0): ("x", 0, [1, 2, 3], {}, {}, {}, [], -1, None, 0, 0)}
    write_cache_value(folder / regexcache.FILE, (key, fake))
    regexcache.load(folder)
    assert regexcache.saved() == set()
    assert regexcache.compile("x").match("x")
    # a file whose entries do not belong to their keys: each is compiled afresh
    regexcache.load(folder)
    regexcache.compile("abc")
    regexcache.compile("xyz")
    regexcache.save()
    saved = read_cache_value(folder / regexcache.FILE)
    swapped = {("abc", 0): saved[1][("xyz", 0)], ("xyz", 0): saved[1][("abc", 0)]}
    write_cache_value(folder / regexcache.FILE, (saved[0], swapped))
    regexcache.load(folder)
    assert regexcache.compile("abc").search("--abc--").group() == "abc"
    assert regexcache.compile("xyz").pattern == "xyz"


def test_a_check_run_saves_its_patterns_and_the_next_one_reads_them(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Título\n\nEl presidente habló ayer.\n\nImagen relacionada\n")
    cache = tmp_path / "cache"
    first = cli("check", "--cache-dir", str(cache), str(draft))
    saved = read_cache_value(cache / regexcache.FILE)[1]
    assert len(saved) > 50  # the kinds' constants and the phrase packs
    draft.write_text(draft.read_text() + "\nOtra frase más.\n")  # not in the result cache
    second = cli("check", "--cache-dir", str(cache), str(draft))
    assert first.returncode == second.returncode == 1
    assert "stray-caption" in first.stdout and "stray-caption" in second.stdout


RULE = """\
id: no-foo
kind: existence
level: warning
message: "avoid {match}"
options:
  tokens: [foo, 'ba(r|z)*']
  nested: {a: 1, b: [x, {c: true}]}
"""


def _marked(data):
    if isinstance(data, yamlload.MarkedDict):
        return ("M", data.line, data.lines, {k: _marked(v) for k, v in data.items()})
    if isinstance(data, list):
        return [_marked(v) for v in data]
    return data


def test_parsed_yaml_is_kept_with_its_lines_and_an_edit_is_never_missed(tmp_path):
    rule = tmp_path / "rule.yaml"
    rule.write_text(RULE)
    fresh = yamlload.read_yaml(rule, RuleError)
    try:
        yamlload.use_cache(tmp_path / "cache")
        yamlload.read_yaml(rule, RuleError)
        yamlload.save_cache()
        yamlload.use_cache(tmp_path / "cache")
        assert str(rule) in yamlload.kept()
        kept = yamlload.read_yaml(rule, RuleError)
        assert _marked(kept) == _marked(fresh)
        assert yamlload.line_of(kept["options"], "nested") == 7
        rule.write_text(RULE.replace("foo", "qux"))  # same size, maybe the same mtime
        assert yamlload.read_yaml(rule, RuleError)["options"]["tokens"][0] == "qux"
        rule.write_text("id: [unclosed\n")
        with pytest.raises(RuleError, match="rule.yaml:2: invalid YAML"):
            yamlload.read_yaml(rule, RuleError)
        (tmp_path / "cache" / yamlload.CACHE_FILE).write_bytes(b"garbage")
        yamlload.use_cache(tmp_path / "cache")
        assert yamlload.kept() == set()
    finally:
        yamlload.use_cache(None)


def test_a_rule_error_names_its_line_when_the_rule_file_was_kept(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("id: bad\nkind: existence\nlevel: loud\nmessage: x\n")
    (tmp_path / ".lintnews.yaml").write_text("rule-paths: [rules]\n")
    (tmp_path / "d.md").write_text("Texto.\n")
    for _ in range(2):  # the second run reads the parsed rule from the cache folder
        run = cli("check", "d.md", cwd=tmp_path)
        assert run.returncode == 2
        assert "bad.yaml:3" in run.stderr and "Traceback" not in run.stderr
    assert (tmp_path / ".lintnews" / "cache" / yamlload.CACHE_FILE).exists()


def test_the_start_up_files_keep_this_runs_entries_first_and_stay_bounded(
    folder, monkeypatch, tmp_path
):
    monkeypatch.setattr(regexcache, "MAX_PATTERNS", 3)
    regexcache.load(folder)
    for p in ("a1", "a2", "a3"):
        regexcache.compile(p)
    regexcache.save()
    regexcache.load(folder)
    regexcache.compile("a2")  # used from the file
    regexcache.compile("b1")  # new
    regexcache.save()
    kept = read_cache_value(folder / regexcache.FILE)[1]
    assert len(kept) == 3 and {("a2", 0), ("b1", 0)} <= set(kept)

    monkeypatch.setattr(yamlload, "MAX_CACHED_FILES", 2)
    files = []
    for i in range(3):
        files.append(tmp_path / f"r{i}.yaml")
        files[-1].write_text(f"id: r{i}\n")
    try:
        yamlload.use_cache(folder)
        for f in files:
            yamlload.read_yaml(f, RuleError)
        yamlload.save_cache()
        yamlload.use_cache(folder)
        assert len(yamlload.kept()) == 3  # all read by the run that saved them
        yamlload.read_yaml(files[2], RuleError)
        files[2].write_text("id: changed\n")
        yamlload.read_yaml(files[2], RuleError)  # re-parsed: the cache changed
        yamlload.save_cache()
        yamlload.use_cache(folder)
        assert str(files[2]) in yamlload.kept() and len(yamlload.kept()) == 2
    finally:
        yamlload.use_cache(None)


def test_the_python_api_keeps_start_up_work_in_a_cache_folder_as_check_does(tmp_path):
    """One CacheFolder object, handed to the Runner: the same files as a check run keeps."""
    from lintnews import lint_text
    from lintnews.cachefolder import CacheFolder

    text = "# Título\n\nEl presidente habló ayer.\n\nImagen relacionada\n"
    with CacheFolder(tmp_path / "cache") as folder:
        result = lint_text(text, "d.md", cache_folder=folder)
    assert "stray-caption" in {f.rule for f in result.findings}
    kept = {p.name for p in (tmp_path / "cache").iterdir()}
    assert {regexcache.FILE, yamlload.CACHE_FILE} <= kept
    with CacheFolder(tmp_path / "cache") as folder:
        assert len(regexcache.saved()) > 50 and yamlload.kept()
        assert lint_text(text, "d.md", cache_folder=folder).findings == result.findings
    assert regexcache.saved() == set() and yamlload.kept() == set()  # closed: nothing kept


def test_a_drafts_front_matter_is_parsed_once_across_edits_and_copies(cli, tmp_path):
    import subprocess
    import sys

    text = (
        "---\ntitle: Cumbre\nlang: es\ntags: [a, b]\n---\n# Título\n\n"
        "Imagen relacionada\n\nEl presidente habló ayer.\n"
    )
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text + "\nOtra frase más.\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    first = cli("check", "--cache-dir", cache, "a.md", cwd=tmp_path)
    probe = (
        "import sys\nfrom lintnews.cli import main\n"
        f"code = main(['check', '--cache-dir', {cache!r}, 'b.md'])\n"
        "print(code, 'yaml' in sys.modules)\n"
    )
    second = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert second.stdout.splitlines()[-1] == "1 False", second.stderr  # PyYAML not imported
    assert "stray-caption" in first.stdout and "stray-caption" in second.stdout
    bare = cli("check", "--no-cache", "b.md", cwd=tmp_path)
    assert second.stdout.rsplit("\n", 2)[0] == bare.stdout.rstrip("\n")
    (tmp_path / "c.md").write_text("---\ntitle: [unclosed\n---\nTexto.\n", encoding="utf-8")
    broken = cli("check", "--cache-dir", cache, "c.md", cwd=tmp_path)
    assert broken.returncode == 2 and "c.md:2: invalid front matter" in broken.stderr
    assert broken.stderr == cli("check", "--no-cache", "c.md", cwd=tmp_path).stderr
