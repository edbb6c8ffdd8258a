"""Shared helpers: lint a text with chosen rules, run the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from lintnews.config import Config
from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=64)
def runner_for(rule_ids: tuple[str, ...], options_key: str = "", language: str = "") -> Runner:
    import json

    rules = {}
    if options_key:
        rules = {rid: {"options": json.loads(options_key)} for rid in rule_ids}
    config = Config(rules=rules, language=language)
    return Runner(select=list(rule_ids), config=config)


def lint(text: str, rules, path: str = "draft.md", options: dict | None = None, language: str = ""):
    import json

    ids = (rules,) if isinstance(rules, str) else tuple(rules)
    key = json.dumps(options, sort_keys=True) if options else ""
    return runner_for(ids, key, language).lint_text(text, path)


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        input=stdin,
        text=True,
        capture_output=True,
        env=full_env,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
