"""Third-party plugins through the `lintnews` entry-point group, installed for real.

A tiny distribution (dist-info with entry_points.txt) is put on PYTHONPATH, which is how an
installed package is found by importlib.metadata; the CLI is then run in a subprocess.
"""

from __future__ import annotations

import textwrap

import pytest

PLUGIN = """
from pathlib import Path

from lintnews import Hit, hookimpl
from lintnews.document import Span
from lintnews.formats import Formatter
from lintnews.kinds.base import Option, RuleKind


def check(ctx):
    word = ctx.options["word"]
    start = ctx.doc.text.find(word)
    if start >= 0:
        yield Hit(Span(start, start + len(word)), {"word": word})


class Shout(Formatter):
    def handle(self, result):
        for f in result.findings:
            self.stream.write(f"{f.rule.upper()}! {f.message}\\n")


@hookimpl
def lintnews_rule_kinds():
    return [RuleKind("word", check, {"word": Option("banana", str, "the word")})]


@hookimpl
def lintnews_rule_paths():
    return [Path(__file__).parent / "tinyrules"]


@hookimpl
def lintnews_formats():
    return {"shout": Shout}
"""

RULE = """\
id: no-banana
kind: word
level: error
message: "Found {word}"
docs: {what: Bananas., why: Fruit., fail: banana, pass: apple}
"""


def install(site, name, module_source, entry=None):
    (site / f"{name}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    dist = site / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[lintnews]\n{name} = {entry or name}\n")


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "tinyplugin", PLUGIN)
    (site / "tinyrules").mkdir()
    (site / "tinyrules" / "no-banana.yaml").write_text(RULE, encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("# T\n\nI ate a banana today.\n", encoding="utf-8")
    return site, draft


def test_plugin_kind_rule_and_format_are_used(cli, site):
    site, draft = site
    env = {"PYTHONPATH": str(site)}
    proc = cli("plugins", env=env)
    assert "tinyplugin  (tinyplugin 0.1)" in proc.stdout
    proc = cli("check", "--format", "shout", str(draft), env=env)
    assert proc.stdout == "NO-BANANA! Found banana\n"
    assert proc.returncode == 1
    assert "no-banana" in cli("rules", env=env).stdout


def test_autoload_can_be_turned_off(cli, site):
    site, draft = site
    env = {"PYTHONPATH": str(site), "LINTNEWS_DISABLE_PLUGIN_AUTOLOAD": "1"}
    assert "tinyplugin" not in cli("plugins", env=env).stdout
    proc = cli("check", str(draft), env=env)
    assert proc.returncode == 0 and "banana" not in proc.stdout


def test_broken_plugin_is_reported_and_skipped(cli, site):
    site, draft = site
    install(site, "brokenplugin", "raise ImportError('missing dependency xyz')\n")
    env = {"PYTHONPATH": str(site)}
    proc = cli("check", str(draft), env=env)
    assert "plugin brokenplugin: failed to load" in proc.stderr and "xyz" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "no-banana" in proc.stdout  # the good plugin still ran


def test_plugin_raising_in_a_hook_is_named_and_the_run_goes_on(cli, site):
    site, draft = site
    install(
        site,
        "raiser",
        """
        from lintnews import hookimpl

        @hookimpl
        def lintnews_formats():
            raise RuntimeError("boom")
    """,
    )
    proc = cli("check", str(draft), env={"PYTHONPATH": str(site)})
    assert "plugin raiser: lintnews_formats raised RuntimeError('boom')" in proc.stderr
    assert proc.returncode == 1 and "no-banana" in proc.stdout


def test_distributions_without_lintnews_entry_points_skip_importlib_metadata(tmp_path, monkeypatch):
    from lintnews.plugin import manager

    other = tmp_path / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    monkeypatch.setattr("sys.path", [str(tmp_path), str(tmp_path / "missing")])
    assert not manager.may_declare_plugins()
    (other / "entry_points.txt").write_text("[console_scripts]\nx = y\n\n[lintnews]\nz = z\n")
    assert manager.may_declare_plugins()
    (other / "entry_points.txt").write_text("")
    (tmp_path / "legacy.egg-link").write_text("/somewhere\n")
    assert manager.may_declare_plugins()


def test_every_built_in_kind_lives_in_the_module_of_its_name():
    """One registration path: each family names its kinds, each kind's module exports it."""
    from lintnews.kinds import lintnews_rule_kinds
    from lintnews.kinds.naming.name_variants import KIND as NAME_VARIANTS

    kinds = {kind.name: kind for kind in lintnews_rule_kinds()}
    assert {"repeated-content", "leftover", "name-variants", "house-style", "existence"} <= set(
        kinds
    )
    assert kinds["name-variants"].module == "lintnews.kinds.naming.name_variants"
    for name, kind in kinds.items():
        assert kind.module.rsplit(".", 1)[1] == name.replace("-", "_")
        assert callable(kind.check)  # imports the module; a KIND of another name raises
    assert kinds["name-variants"].check is NAME_VARIANTS.check


def test_hooks_are_called_through_pluggy_and_a_raising_plugin_is_skipped_by_name():
    """firstresult and wrappers hold (pluggy calls the hooks); a parser that raises is
    recorded under its plugin's name and the next parser answers."""
    from lintnews import hookimpl
    from lintnews.plugin import manager

    seen = []

    class Broken:
        @hookimpl
        def lintnews_parse(self, path, text):
            raise RuntimeError("boom")

    class Watcher:
        @hookimpl(wrapper=True)
        def lintnews_parse(self, path, text):
            doc = yield
            seen.append(type(doc).__name__)
            return doc

    plugins = manager.build(autoload=False)
    plugins.register(Watcher(), "watcher", "test")
    plugins.register(Broken(), "broken", "test")
    doc = plugins.hook.lintnews_parse(path="a.md", text="# T\n\nText.\n")
    assert doc is not None and [b.kind for b in doc.blocks][:1] == ["heading"]
    assert seen == ["Document"]
    assert plugins.errors == [("broken", "lintnews_parse raised RuntimeError('boom')")]
    (rule_paths,) = [p for p in plugins.hook.lintnews_rule_paths()]
    assert manager.provider(rule_paths) == "lintnews.plugin.builtin"
