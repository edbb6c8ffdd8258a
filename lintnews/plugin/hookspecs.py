"""The hooks lintnews calls. Built-in kinds, parsers and formats implement them too.

A plugin is a module or object with ``@lintnews.hookimpl`` functions, registered through the
``lintnews`` entry-point group (``[project.entry-points.lintnews] myplugin = "pkg.module"``).
"""

from __future__ import annotations

from . import hookspec


@hookspec
def lintnews_rule_kinds():
    """Return a list of :class:`lintnews.kinds.base.RuleKind` this plugin provides.

    A rule kind is the Python half of a rule: a name, an option schema with defaults, and a
    ``check(ctx)`` generator of hits. Rules (YAML files) pick a kind by name. All results are
    collected; two kinds with the same name are an error. The built-in kinds come through
    this hook too (``lintnews.kinds``), as :class:`lintnews.kinds.base.LazyKind` entries
    that import a kind's module when a rule first uses it; a plugin may return those too.
    """


@hookspec
def lintnews_rule_paths():
    """Return a list of folders (``pathlib.Path``) holding YAML rule files.

    Each ``*.yaml`` file in a folder is one rule; a ``languages/`` sub-folder holds language
    resources (``es.yaml``, ``en.yaml``...) merged across all folders. All results are collected.
    """


@hookspec(firstresult=True)
def lintnews_parse(path, text):
    """Parse a draft: return a :class:`lintnews.document.Document`, or None to pass.

    ``path`` is the file path as given (a string), ``text`` the decoded text (BOM removed).
    The first non-None result wins; parsers are asked newest-registered first, so a plugin
    parser is consulted before the built-in Markdown and plain-text parsers.
    The returned document's ``language`` may be empty: lintnews fills it in afterwards.
    """


@hookspec
def lintnews_formats():
    """Return a dict mapping format names to formatter classes.

    A formatter class is built as ``cls(stream, options)`` and has ``start()``,
    ``handle(result)`` for each :class:`lintnews.findings.FileResult` and ``finish(summary)``.
    All results are collected; a later-registered plugin may override a built-in name.
    """
