"""Running many files: cache lookups, parallel worker processes, progress on a terminal.

Results come back in input order. Workers are forked from the process that built the
Runner, so they start with the rules already loaded. A worker that dies (a crash on a file,
or killed from outside, as the OOM killer does; an exception is caught per file) breaks the
pool: the other workers are stopped, the pool is rebuilt, the files of the broken batch are
retried one by one (a file that kills a worker again is reported as an error) and the
batches not finished are sent again, so the run goes on and ends.

Workers ignore SIGINT (a Ctrl-C reaches the whole process group; the parent decides) and end
on SIGTERM at once, after removing the temporary file of a fix they were writing: that is
how the pool stops a worker, and how the parent, interrupted or terminated, stops its
workers before it exits instead of waiting for their batches.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import signal
import sys
import time

from . import __version__
from .app import RunOptions
from .cachefolder import cache_folder
from .files import read_draft
from .findings import FileResult
from .ruleset import canonical
from .signals import wait  # at import: a second SIGTERM may come while the first imports it

MIN_FILES_PER_WORKER = 24
CHUNK = 16
PROGRESS_MIN_FILES = 100

_worker_runner = None


def run(runner, paths: list[str], options: RunOptions):
    """Yield a FileResult per path ("-" is stdin)."""
    fix, diff, needs_source = options.fix, options.diff, options.needs_source
    cache = None
    if fix is None and options.cache:
        from .cache import Cache  # only cached runs pay for sqlite3

        max_bytes = runner.config.max_file_size * 1024 * 1024
        folder = cache_folder(options.cache_dir, runner.config.path or None)
        cache = Cache(folder, _salt(runner), max_bytes) if folder is not None else None
    progress = _Progress(len(paths))
    fresh = None
    try:
        done = cache.get_many([p for p in paths if p != "-"]) if cache else {}
        if needs_source:
            done = {path: _with_source(hit) for path, hit in done.items()}
        todo = [path for path in paths if path != "-" and path not in done]
        fresh = _lint_all(runner, todo, fix, diff, options.jobs, needs_source, progress)
        for path in paths:
            if path == "-":
                yield runner.lint_text(sys.stdin.read(), options.stdin_filename)
                continue
            result = done.get(path) or next(fresh)
            if cache and path not in done and result.digest:
                cache.put(path, result.digest, result)
            yield result
    finally:
        if fresh is not None:
            fresh.close()  # the workers stop now (see _parallel), not when it is collected
        progress.close()
        if cache:
            cache.close()


def _lint_all(runner, paths, fix, diff, jobs, needs_source, progress):
    jobs = jobs or os.cpu_count() or 1
    jobs = min(jobs, max(1, len(paths) // MIN_FILES_PER_WORKER))
    if jobs > 1:
        import multiprocessing  # only parallel runs pay for these imports

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1
    if jobs <= 1:
        for path in paths:
            yield runner.lint_path(path, fix=fix, diff=diff)
            progress.step()
        return
    yield from _parallel(runner, paths, fix, diff, jobs, needs_source, progress)


def _parallel(runner, paths, fix, diff, jobs, needs_source, progress):
    from concurrent.futures.process import BrokenProcessPool

    global _worker_runner
    _worker_runner = runner
    # what the workers inherit (rules, patterns, language data) leaves the collector's care:
    # collections in a worker would otherwise write to those pages and copy them
    gc.freeze()
    pool = _Pool(jobs)
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    finished = False
    try:
        futures = [pool.submit(chunk, fix, diff, needs_source) for chunk in chunks]
        for i, chunk in enumerate(chunks):
            try:
                results = futures[i].result()
            except BrokenProcessPool:
                results = [pool.one(path, fix, diff, needs_source) for path in chunk]
                # the batches queued after this one and not done died with the old pool
                for j in range(i + 1, len(chunks)):
                    if not _succeeded(futures[j]):
                        futures[j] = pool.submit(chunks[j], fix, diff, needs_source)
            for result in results:
                progress.step()
                yield result
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # interrupted, terminated or abandoned: the workers stop now
            pool.stop()
        gc.unfreeze()
        _worker_runner = None


def _succeeded(future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


class _Pool:
    """A fork-based process pool that is rebuilt when a worker dies."""

    def __init__(self, jobs: int):
        import multiprocessing

        self.jobs = jobs
        self.ctx = multiprocessing.get_context("fork")
        self.executor = self._executor()

    def _executor(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=self.ctx, initializer=_ignore_interrupts
        )

    def submit(self, paths, fix, diff, needs_source):
        if getattr(self.executor, "_broken", False):
            self._rebuild()
        return self.executor.submit(_work, paths, fix, diff, needs_source)

    def one(self, path, fix, diff, needs_source) -> FileResult:
        """Lint one file alone; if its worker dies, report the file and rebuild the pool."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit([path], fix, diff, needs_source).result()[0]
        except BrokenProcessPool:
            self._rebuild()
            return FileResult(
                path=path, errors=(f"{path}: worker process crashed while linting this file",)
            )

    def _rebuild(self) -> None:
        """A new pool; the broken one's workers (stopped by SIGTERM from the pool itself)
        are killed if one is still there, so none is left to wait for at exit."""
        old = self.ctx.active_children()
        self.executor.shutdown(wait=False, cancel_futures=True)
        _kill(old)
        self.executor = self._executor()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """End the workers now (SIGTERM: a fix being written is cleaned up) and the pool."""
        workers = self.ctx.active_children()
        # (taken before shutdown, which forgets it)
        manager = getattr(self.executor, "_executor_manager_thread", None)
        for worker in workers:
            worker.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.join(10)
        _kill(workers)
        # the pool's manager thread closes its wake-up pipe as it ends; left to end while the
        # interpreter exits, it races the exit's write to that pipe (an "Exception ignored"
        # traceback): let it end first, for a bounded time
        if manager is not None:
            manager.join(5)
            if not manager.is_alive():  # ended: nothing for the exit to wake or wait for
                from concurrent.futures import process

                getattr(process, "_threads_wakeups", {}).pop(manager, None)


def _kill(workers) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.kill()
            worker.join()


_in_work = False
_stopping = False  # a worker unwinds on its first SIGTERM; more change nothing


class _Stopped(BaseException):
    """Raised in a worker by SIGTERM while it lints: unwinds (temporary files removed)."""


def _ignore_interrupts() -> None:
    """A worker ignores SIGINT and ends on SIGTERM (see the module's docstring).

    If the parent is killed outright (SIGKILL, a CI time-out), the kernel kills the workers
    too instead of leaving them blocked on the task queue forever (Linux prctl).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGALRM, _terminated)  # SIGTERM taken again (see ``signals``)
    _die_with_parent()


def _terminated(signum, frame) -> None:
    global _stopping
    if _stopping:
        return  # already unwinding (the pool may send its own SIGTERM too): let it finish
    if _in_work:
        if not wait(_terminated, signum, frame):
            _stopping = True
            raise _Stopped
        return
    os._exit(128 + signal.SIGTERM)  # waiting on the pool's queues: nothing to clean up


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # best effort: without it an orphaned worker waits for its queue


def _work(paths, fix, diff, needs_source) -> list[FileResult]:
    global _in_work
    out = []
    _in_work = True
    try:
        for path in paths:
            try:
                result = _worker_runner.lint_path(path, fix=fix, diff=diff)
            except Exception as exc:  # a bug must cost one file, not the run
                result = FileResult(path=path, errors=(f"{path}: internal error: {exc!r}",))
            if not needs_source:
                result = dataclasses.replace(result, source="")
            out.append(result)
    except _Stopped:
        os._exit(128 + signal.SIGTERM)
    finally:
        _in_work = False
    return out


def _with_source(result: FileResult) -> FileResult:
    try:
        return dataclasses.replace(result, source=read_draft(result.path))
    except Exception:
        return result


def _salt(runner) -> str:
    """Everything besides the file's bytes that its findings depend on."""
    rs = runner.ruleset
    languages = {
        code: [
            lang.stemmer,
            sorted(lang.stopwords),
            sorted(lang.abbreviations),
            lang.leadins,
            lang.data,
        ]
        for code, lang in sorted(rs.languages.items())
    }
    resources = {k: _fingerprint(v) for k, v in rs.resources.items()}
    payload = json.dumps(
        [
            __version__,
            _code(),
            rs.fingerprint(),
            languages,
            runner.language,
            resources,
            sorted(runner.plugins.origins.items()),
        ],
        sort_keys=True,
        default=canonical,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _code() -> list:
    """In a source checkout (an editable install: ``pyproject.toml`` beside the package),
    the package's modules by name, size and modification time, so that a result cached
    before the code changed answers no lookup; about 90 stats, under a millisecond. An
    installed release is its version: a fresh install's new file times keep its cache."""
    root = os.path.dirname(os.path.abspath(__file__))
    if not os.path.exists(os.path.join(root, os.pardir, "pyproject.toml")):
        return []
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                st = os.stat(path)
                out.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    return out


def _fingerprint(resource) -> str:
    fingerprint = getattr(resource, "fingerprint", None)
    return fingerprint() if callable(fingerprint) else repr(resource)


class _Progress:
    """``lintnews: 1200/10000 files`` on stderr, only on a terminal and never in CI."""

    def __init__(self, total: int):
        self.total = total
        self.count = 0
        self.last = 0.0
        self.on = total >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI")

    def step(self) -> None:
        self.count += 1
        if self.on and time.monotonic() - self.last > 0.2:
            self.last = time.monotonic()
            sys.stderr.write(f"\rlintnews: {self.count}/{self.total} files")
            sys.stderr.flush()

    def close(self) -> None:
        if self.on and self.count:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
