"""Many files: the result cache, parallel workers, crash recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from lintnews import batch
from lintnews.app import RunOptions
from lintnews.runner import Runner

CAPTION = "# T\n\nPrimer párrafo de la nota número {n}.\n\nFoto: EFE\n\nÚltimo párrafo.\n"


def make_drafts(folder, n):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"d{i:03d}.md").write_text(CAPTION.format(n=i), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def args(**kw):
    return RunOptions(**{"jobs": 1, "stdin_filename": "-", **kw})


def summary(results):
    return [(r.path, [(f.rule, f.line, f.message) for f in r.findings], r.errors) for r in results]


def test_warm_run_reads_only_the_cache(tmp_path, monkeypatch):
    paths = make_drafts(tmp_path / "d", 5)
    cache_dir = str(tmp_path / "cache")
    runner = Runner()
    first = summary(batch.run(runner, paths, args(cache_dir=cache_dir)))

    def no_linting(*a, **k):
        raise AssertionError("linted although cached")

    monkeypatch.setattr(runner, "lint_path", no_linting)
    monkeypatch.setattr("lintnews.cache.Path.read_bytes", no_linting)  # not even read
    assert summary(batch.run(runner, paths, args(cache_dir=cache_dir))) == first


def test_cache_follows_content_and_rules(tmp_path):
    paths = make_drafts(tmp_path / "d", 2)
    cache_dir = str(tmp_path / "cache")
    batch_args = args(cache_dir=cache_dir)
    list(batch.run(Runner(), paths, batch_args))
    with open(paths[0], "a", encoding="utf-8") as f:
        f.write("\nLee también: otra nota\n")
    again = list(batch.run(Runner(), paths, batch_args))
    assert "cms-boilerplate" in {f.rule for f in again[0].findings}
    narrowed = list(batch.run(Runner(select=["cms-boilerplate"]), paths, batch_args))
    assert {f.rule for r in narrowed for f in r.findings} == {"cms-boilerplate"}


def test_no_cache_writes_nothing(cli, tmp_path):
    paths = make_drafts(tmp_path / "d", 2)
    cli("check", "--no-cache", *paths, cwd=tmp_path)
    assert not (tmp_path / ".lintnews").exists()
    cli("check", *paths, cwd=tmp_path)
    assert (tmp_path / ".lintnews" / "cache" / "results.sqlite").is_file()
    assert (tmp_path / ".lintnews" / ".gitignore").read_text() == "*\n"
    kept = {p.name for p in (tmp_path / ".lintnews" / "cache").iterdir()}
    assert {"regex-compiled.bin", "yaml-parsed.bin"} <= kept
    assert any(name.startswith("lexicon-es-") for name in kept)


def test_a_fix_run_keeps_its_start_up_files_in_an_ignored_folder(cli, tmp_path):
    (draft,) = make_drafts(tmp_path / "d", 1)
    cli("check", "--fix", draft, cwd=tmp_path)  # no result cache, start-up files only
    assert (tmp_path / ".lintnews" / "cache" / "regex-compiled.bin").is_file()
    assert (tmp_path / ".lintnews" / ".gitignore").read_text() == "*\n"


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    make_drafts(tmp_path / "d", 60)
    cmd = [sys.executable, "-m", "lintnews", "check", "--format", "json", "-j", "1", "d"]
    procs = [
        subprocess.Popen(
            cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 1 for p in procs), [e for _, e in outputs]
    reports = [json.loads(out) for out, _ in outputs]
    assert reports[0] == reports[1] == reports[2]
    warm = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
    assert json.loads(warm.stdout) == reports[0]


def test_parallel_results_match_serial_in_order(tmp_path):
    paths = make_drafts(tmp_path / "d", 80)
    runner = Runner()
    serial = summary(batch.run(runner, paths, args(cache=False, jobs=1)))
    parallel = summary(batch.run(runner, paths, args(cache=False, jobs=2)))
    assert parallel == serial and len(serial) == 80


class CrashingRunner(Runner):
    def lint_path(self, path, fix=None, diff=False):
        if path.endswith("d013.md"):
            os._exit(3)  # a hard crash, not an exception
        return super().lint_path(path, fix=fix, diff=diff)


def test_worker_crash_costs_one_file(tmp_path):
    paths = make_drafts(tmp_path / "d", 80)
    results = list(batch.run(CrashingRunner(), paths, args(cache=False, jobs=2)))
    assert [r.path for r in results] == paths
    crashed = [r for r in results if r.errors]
    assert [r.path for r in crashed] == [paths[13]]
    assert "worker process crashed" in crashed[0].errors[0]
    assert all(r.findings for r in results if not r.errors)


def test_cli_jobs_flag(cli, tmp_path):
    make_drafts(tmp_path / "d", 60)
    one = cli("check", "--no-cache", "--format", "json", "-j", "1", "d", cwd=tmp_path).stdout
    two = cli("check", "--no-cache", "--format", "json", "-j", "2", "d", cwd=tmp_path).stdout
    assert one == two


def test_workers_die_with_a_killed_parent(tmp_path):
    import signal
    import time

    make_drafts(tmp_path / "d", 400)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "check", "--no-cache", "-j", "2", "d"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
        ).stdout.split()
        workers = [int(c) for c in children]
        time.sleep(0.05)
    assert workers, "no worker processes seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [w for w in workers if _running(w)]
    assert not alive, f"workers {alive} outlived their parent"


def _running(pid: int) -> bool:
    from pathlib import Path

    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_a_result_cached_before_the_code_changed_is_not_read(monkeypatch):
    runner = Runner()
    modules = batch._code()
    assert ("batch.py", os.path.getsize(batch.__file__)) in {(n, size) for n, size, _ in modules}
    before = batch._salt(runner)
    edited = [(n, size + 1 if n == "batch.py" else size, t) for n, size, t in modules]
    monkeypatch.setattr(batch, "_code", lambda: edited)
    assert batch._salt(runner) != before


def test_an_installed_release_is_keyed_by_its_version_not_its_file_times(monkeypatch):
    # a wheel's files get new times on every install: they must not empty a kept cache
    assert batch._code()  # this checkout: pyproject.toml beside the package
    monkeypatch.setattr(batch.os.path, "exists", lambda path: False)
    assert batch._code() == []
