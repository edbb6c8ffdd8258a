"""Compiled patterns kept between runs behave exactly as freshly compiled ones."""

from __future__ import annotations

import marshal

import pytest
import regex

from lintnews import regexcache

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
    regexcache._live.clear()


def test_saved_patterns_answer_as_regex_does(folder):
    regexcache.load(folder)
    for pattern, flags in PATTERNS:
        regexcache.compile(pattern, flags)
    regexcache.save()
    regexcache._live.clear()
    regexcache.load(folder)
    assert set(regexcache._saved) == {(p, int(f)) for p, f in PATTERNS}
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
    assert regexcache._saved == {}
    key = ("another regex", "0", (3, 0))
    fake = {("x", 0): ("x", 0, [1, 2, 3], {}, {}, {}, [], -1, None, 0, 0)}
    (folder / regexcache.FILE).write_bytes(marshal.dumps((key, fake)))
    regexcache.load(folder)
    assert regexcache._saved == {}
    assert regexcache.compile("x").match("x")


def test_a_check_run_saves_its_patterns_and_the_next_one_reads_them(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Título\n\nEl presidente habló ayer.\n\nImagen relacionada\n")
    cache = tmp_path / "cache"
    first = cli("check", "--cache-dir", str(cache), str(draft))
    saved = marshal.loads((cache / regexcache.FILE).read_bytes())[1]
    assert len(saved) > 50  # the kinds' constants and the phrase packs
    draft.write_text(draft.read_text() + "\nOtra frase más.\n")  # not in the result cache
    second = cli("check", "--cache-dir", str(cache), str(draft))
    assert first.returncode == second.returncode == 1
    assert "stray-caption" in first.stdout and "stray-caption" in second.stdout
