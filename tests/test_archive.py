"""The archive index (lintnews.archive) and `lintnews check --archive` end to end."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from lintnews.archive import ArchiveIndex, open_archive, terms

BUDGET = (
    "El Congreso aprobó el presupuesto de infraestructura con una amplia mayoría tras una "
    "larga sesión nocturna en la que la oposición denunció recortes en educación."
)
FLOODS = (
    "Las inundaciones en el sur del estado obligaron a evacuar a cientos de familias de "
    "comunidades ribereñas, según informó la oficina de protección civil."
)
NEW = "Un párrafo nuevo y distinto sobre la economía regional."
OTHER = "El equipo local ganó el campeonato regional de baloncesto en una final muy disputada."


def _article(folder, name, *paragraphs):
    path = folder / name
    path.write_text("# Titular\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _reader(calls):
    def read(path):
        calls.append(os.path.basename(path))
        blocks = Path(path).read_text(encoding="utf-8").split("\n\n")
        line = 1
        for block in blocks:
            if not block.startswith("#"):
                yield line, block.strip()
            line += block.count("\n") + 2

    return read


def test_candidates_name_the_article_and_line(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    _article(arch, "a.md", OTHER, BUDGET)
    _article(arch, "b.md", FLOODS)
    index = open_archive([arch], _reader([]), tmp_path / "idx.sqlite")
    found = index.candidates("Según se informó, " + BUDGET.lower())
    assert [(os.path.basename(c.path), c.line, c.text) for c in found[:1]] == [("a.md", 5, BUDGET)]
    assert index.candidates("Una frase sin relación alguna con nada archivado hoy.") == []


def test_an_unchanged_archive_is_not_read_again(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    _article(arch, "a.md", BUDGET)
    _article(arch, "b.md", FLOODS)
    calls: list[str] = []
    open_archive([arch], _reader(calls), tmp_path / "idx.sqlite").close()
    assert sorted(calls) == ["a.md", "b.md"]
    calls.clear()
    index = open_archive([arch], _reader(calls), tmp_path / "idx.sqlite")
    assert calls == []
    assert index.last_update.unchanged == 2
    assert len(index) == 2


def test_changed_and_removed_files_are_updated_incrementally(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    a = _article(arch, "a.md", BUDGET)
    b = _article(arch, "b.md", FLOODS)
    db = tmp_path / "idx.sqlite"
    open_archive([arch], _reader([]), db).close()

    _article(arch, "a.md", OTHER, NEW)
    os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 10**9))
    b.unlink()
    calls: list[str] = []
    index = open_archive([arch], _reader(calls), db)
    assert calls == ["a.md"]
    stats = index.last_update
    assert (stats.added, stats.changed, stats.removed) == (0, 1, 1)
    assert index.candidates(BUDGET) == []
    assert index.candidates(FLOODS) == []
    assert [c.text for c in index.candidates(OTHER)] == [OTHER]
    # document frequencies follow: no term is left over from the removed paragraphs
    expected = Counter(t for text in (OTHER, NEW) for t in terms(text))
    assert dict(index.db.execute("SELECT term, df FROM terms").fetchall()) == expected


def test_an_index_of_another_schema_is_rebuilt(tmp_path):
    db = tmp_path / "idx.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema', 'old')")
    con.commit()
    con.close()
    index = ArchiveIndex(db)
    assert len(index) == 0
    assert index.db.execute("SELECT value FROM meta").fetchone() == ("1",)


@pytest.mark.parametrize(
    "planted",
    [
        # a view that never ends, read by the schema check or any lookup
        "CREATE VIEW meta AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT 'k' || x AS key, 'v' AS value FROM c",
        # a trigger that would write whatever the repository wants when the index is updated
        "CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime_ns "
        "INTEGER, size INTEGER); CREATE TABLE log (x); CREATE TRIGGER t AFTER INSERT ON files "
        "BEGIN INSERT INTO log VALUES (1); END",
    ],
)
def test_a_committed_index_holding_more_than_ours_is_rebuilt_not_run(tmp_path, planted):
    db = tmp_path / "idx.sqlite"
    con = sqlite3.connect(db)
    con.executescript(planted)
    con.close()
    pub = tmp_path / "pub"
    pub.mkdir()
    _article(pub, "a.md", BUDGET)
    index = open_archive([pub], _reader([]), db)
    kinds = {k for (k,) in index.db.execute("SELECT type FROM sqlite_master")}
    assert kinds <= {"table", "index"} and len(index) == 1
    assert not index.db.execute("SELECT name FROM sqlite_master WHERE name = 'log'").fetchall()


def test_a_committed_index_that_is_no_database_is_rebuilt(tmp_path):
    db = tmp_path / "idx.sqlite"
    db.write_bytes(b"not a database at all" * 100)
    pub = tmp_path / "pub"
    pub.mkdir()
    _article(pub, "a.md", BUDGET)
    assert len(open_archive([pub], _reader([]), db)) == 1


def test_cli_reports_a_paragraph_pasted_from_the_archive(tmp_path, cli):
    arch = tmp_path / "published"
    arch.mkdir()
    _article(arch, "2023-presupuesto.md", OTHER, BUDGET)
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\nlang: es\n---\n\n# Nuevo borrador\n\n"
        "Este es un párrafo original del borrador, escrito para la edición de hoy.\n\n"
        + BUDGET.replace("amplia mayoría", "mayoría amplia")
        + "\n",
        encoding="utf-8",
    )
    run = cli(
        "check",
        "--format",
        "json",
        "--select",
        "repeated-paragraph",
        "--archive",
        "published",
        "draft.md",
        cwd=tmp_path,
    )
    report = json.loads(run.stdout)
    findings = report["files"][0]["findings"]
    assert [f["line"] for f in findings] == [9]
    assert "published/2023-presupuesto.md line 5 (archive)" in findings[0]["detail"]
    assert "published/2023-presupuesto.md, línea 5" in findings[0]["message"]  # the draft's
    assert (tmp_path / ".lintnews" / "archive.sqlite").is_file()


def test_config_archive_key_and_no_self_match(tmp_path, cli):
    arch = tmp_path / "published"
    arch.mkdir()
    _article(arch, "a.md", BUDGET)
    (tmp_path / ".lintnews.yaml").write_text("archive: [published]\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("# Borrador\n\n" + BUDGET + "\n", encoding="utf-8")
    run = cli(
        "check",
        "--format",
        "json",
        "--select",
        "repeated-paragraph",
        "--lang",
        "es",
        "draft.md",
        "published/a.md",
        cwd=tmp_path,
    )
    by_file = {os.path.basename(f["path"]): f["findings"] for f in json.loads(run.stdout)["files"]}
    assert [f["line"] for f in by_file["draft.md"]] == [3]
    assert by_file["a.md"] == []  # an archived article does not repeat itself


def test_a_missing_archive_folder_is_a_config_error(tmp_path, cli):
    run = cli("check", "--archive", "nowhere", ".", cwd=tmp_path)
    assert run.returncode == 2
    assert "archive folder" in run.stderr and "not found" in run.stderr


def test_archive_key_must_be_a_list(tmp_path, cli):
    (tmp_path / ".lintnews.yaml").write_text("archive: published\n", encoding="utf-8")
    run = cli("check", ".", cwd=tmp_path)
    assert run.returncode == 2
    assert ".lintnews.yaml:1: invalid config: 'archive' must be a list of strings" in run.stderr


def test_an_archive_file_over_the_size_limit_is_not_indexed(tmp_path, cli):
    (tmp_path / "archive").mkdir()
    big = BUDGET + "\n\n" + "palabra " * 200_000  # about 1.6 MB
    _article(tmp_path / "archive", "big.md", big)
    _article(tmp_path / "archive", "small.md", FLOODS)
    (tmp_path / ".lintnews.yaml").write_text("archive: [archive]\nmax-file-size: 1\n", "utf-8")
    (tmp_path / "draft.md").write_text(f"# Hoy\n\n{BUDGET}\n\n{FLOODS}\n", encoding="utf-8")
    proc = cli("check", "--no-cache", "draft.md", cwd=tmp_path)
    assert "small.md" in proc.stdout and "big.md" not in proc.stdout, proc.stdout
