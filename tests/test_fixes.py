"""Fixes: deterministic overlap resolution, stable re-runs, drafts never damaged."""

from __future__ import annotations

import os
import stat

import pytest

from lintnews.document import Span
from lintnews.errors import InputError
from lintnews.files import read_source, write_source
from lintnews.findings import Fix
from lintnews.fixes import apply

DRAFT = "# Título\n\nPrimer párrafo de la nota.\n\nFoto: EFE\n\nSegundo párrafo.\n"
FIXED = "# Título\n\nPrimer párrafo de la nota.\n\nSegundo párrafo.\n"


def test_apply_keeps_first_of_overlapping_fixes_deterministically():
    text = "abcdefghij"
    fixes = [Fix(Span(2, 5), "X", True), Fix(Span(4, 7), "Y", True), Fix(Span(8, 9), "Z", True)]
    for order in (fixes, fixes[::-1]):
        new, applied, skipped = apply(text, order)
        assert new == "abXfghZj"
        assert [f.replacement for f in applied] == ["X", "Z"]
        assert [f.replacement for f in skipped] == ["Y"]


def test_safe_fix_leaves_unsafe_findings(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    proc = cli("check", "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == DRAFT  # caption removal is unsafe
    assert "fixed 0 finding(s)" in proc.stderr and "1 fixable left" in proc.stderr


def test_unsafe_fix_then_second_run_changes_nothing(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    proc = cli("check", "--fix", "--unsafe-fixes", str(draft))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert draft.read_text(encoding="utf-8") == FIXED
    assert "fixed 1 finding(s) in 1 file(s)" in proc.stderr
    proc = cli("check", "--fix", "--unsafe-fixes", str(draft))
    assert draft.read_text(encoding="utf-8") == FIXED and "fixed 0" in proc.stderr


def test_diff_prints_and_changes_nothing(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    proc = cli("check", "--diff", "--unsafe-fixes", str(draft))
    assert proc.returncode == 1
    assert "-Foto: EFE\n" in proc.stdout and proc.stdout.startswith("--- a/")
    assert draft.read_text(encoding="utf-8") == DRAFT


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", b"\xef\xbb\xbf", "\r\n"),
        ("utf-16-le", b"\xff\xfe", "\r\n"),
        ("utf-16-be", b"\xfe\xff", "\n"),
    ],
)
def test_fixed_file_keeps_encoding_bom_line_endings_and_mode(cli, tmp_path, encoding, bom, newline):
    draft = tmp_path / "a.md"
    draft.write_bytes(bom + DRAFT.replace("\n", newline).encode(encoding))
    os.chmod(draft, 0o640)
    cli("check", "--fix", "--unsafe-fixes", str(draft))
    assert draft.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_file_changed_on_disk_is_not_written(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    source = read_source(str(draft))
    draft.write_text(DRAFT + "Nuevo párrafo.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        write_source(source, FIXED)
    assert draft.read_text(encoding="utf-8") == DRAFT + "Nuevo párrafo.\n"


def test_one_safe_fix_writes_every_name_with_its_majority_apostrophe(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(
        "---\nlang: it\n---\n\n# Bilancio\n\n"
        "Il bilancio dell'Unione divide, ha detto D'Alema ai giornalisti in mattinata.\n\n"
        "D’Alema ha parlato al Consiglio dell’Unione. Anche D'Alema e l'Unione ne parlano.\n\n"
        "Nel Consiglio dell'Unione il voto è atteso per lunedì, secondo le fonti.\n",
        encoding="utf-8",
    )
    proc = cli("check", "--fix", "--select", "typography", str(draft))
    fixed = draft.read_text(encoding="utf-8")
    assert "fixed 1 finding(s)" in proc.stderr, proc.stderr
    assert "’" not in fixed and fixed.count("dell'Unione") == 3 and fixed.count("D'Alema") == 3


def test_one_fix_run_mends_a_name_in_every_place_but_a_quotation(cli, tmp_path):
    # the places of one cause are one finding; its fix is one edit for all of them, so a
    # run mends them all (it had mended three, one per pass), and a quotation stays
    (tmp_path / "names.yaml").write_text(
        "language: en\nentries:\n  - {expected: Zelensky, variants: [Zelenskyy]}\n",
        encoding="utf-8",
    )
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  house-style-name:\n    options:\n      dictionaries: [names.yaml]\n",
        encoding="utf-8",
    )
    lines = [f"Zelenskyy spoke on day {n} of the visit to the front." for n in range(1, 6)]
    lines.append('A banner read: "Zelenskyy is with us".')
    draft = tmp_path / "draft.md"
    draft.write_text("# Visit\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    proc = cli("check", "--fix", "--no-cache", "draft.md", cwd=tmp_path)
    text = draft.read_text(encoding="utf-8")
    assert text.count("Zelensky spoke") == 5, proc.stdout + proc.stderr
    assert '"Zelenskyy is with us"' in text


def test_names_misspelt_in_the_same_places_are_all_mended_in_one_run(cli, tmp_path):
    # each name's merged finding edits its own places only (its parts), so the names'
    # fixes do not wait for one another: one run mends all, a second changes nothing
    good = "Ana Pérez, Luis Gómez, Eva Núñez and Raúl Díaz"
    bad = "Ana Perez, Luis Gomez, Eva Nunez and Raul Diaz"
    paragraphs = [f"{good} voted on Monday.", f"{good} met the press.", f"{good} left."]
    paragraphs += [f"{bad} signed the text.", f"{bad} went home."]
    draft = tmp_path / "draft.md"
    draft.write_text("# Vote\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", "--no-cache", str(draft))
    text = draft.read_text(encoding="utf-8")
    assert text.count(good) == 5 and bad not in text
    before = text
    cli("check", "--fix", "--unsafe-fixes", "--no-cache", str(draft))
    assert draft.read_text(encoding="utf-8") == before
