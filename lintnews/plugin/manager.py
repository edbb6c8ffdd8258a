"""Building the plugin manager: built-ins first, then entry-point plugins.

Each hook implementation is called on its own (``call_each``) so that a plugin that raises is
reported by name and the run goes on without it.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field

import pluggy

from ..errors import LintnewsError
from . import PROJECT, hookspecs

ENTRY_POINT_GROUP = "lintnews"
DISABLE_AUTOLOAD = "LINTNEWS_DISABLE_PLUGIN_AUTOLOAD"

BUILTINS = (
    "lintnews.plugin.builtin",
    "lintnews.parsers.text",
    "lintnews.parsers.markdown",
    "lintnews.kinds.repeated",
    "lintnews.kinds.captions",
    "lintnews.kinds.naming",
    "lintnews.kinds.typography",
    "lintnews.kinds.general",
    "lintnews.formats.text",
    "lintnews.formats.json",
    "lintnews.formats.github",
    "lintnews.formats.sarif",
    "lintnews.formats.junit",
    "lintnews.formats.html",
)


@dataclass
class Plugins:
    """The plugin manager with the errors and origins of the loaded plugins."""

    manager: pluggy.PluginManager
    #: (plugin name, message) for every plugin that failed to load or raised in a hook.
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: name -> distribution "name version" for external plugins, "builtin" for ours.
    origins: dict[str, str] = field(default_factory=dict)

    def call_each(self, hook_name: str, **kwargs):
        """Yield ``(plugin_name, result)`` for each implementation, newest first.

        An implementation that raises is recorded in ``errors`` and skipped.
        """
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            try:
                result = impl.function(*(kwargs[name] for name in impl.argnames))
            except LintnewsError:
                raise  # a clear problem with the input (a broken front matter), not a bug
            except Exception as exc:  # a plugin's bug must not end the run
                self.errors.append((impl.plugin_name, f"{hook_name} raised {exc!r}"))
                continue
            if result is not None:
                yield impl.plugin_name, result


def build(autoload: bool | None = None) -> Plugins:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    for module_name in BUILTINS:
        manager.register(importlib.import_module(module_name), name=module_name)
        plugins.origins[module_name] = "builtin"
    if autoload is None:
        autoload = not os.environ.get(DISABLE_AUTOLOAD)
    if autoload:
        _load_entry_points(plugins)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        plugins.errors.append((exc.plugin_name, str(exc)))
        manager.unregister(name=exc.plugin_name)
    return plugins


def _may_declare_plugins() -> bool:
    """Whether any installed distribution may declare a ``lintnews`` entry point.

    A quick look at the ``entry_points.txt`` of the distributions on ``sys.path``: when none
    names the group, the run skips ``importlib.metadata``, whose import alone costs tens of
    milliseconds on every start. Anything this look cannot read (eggs, egg links, zips)
    leaves the answer to ``importlib.metadata``.
    """
    header = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            if folder and os.path.isfile(folder):
                return True  # a zip on the path
            continue
        for entry in entries:
            name = entry.name
            if name.endswith((".egg", ".egg-link")):
                return True
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as f:
                    if any(line.strip() == header for line in f):
                        return True
            except OSError:
                continue
            except ValueError:  # undecodable: let importlib.metadata judge it
                return True
    return False


def _load_entry_points(plugins: Plugins) -> None:
    if not _may_declare_plugins():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if plugins.manager.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
            plugins.manager.register(plugin, name=ep.name)
        except Exception as exc:  # report and skip, never crash the run
            plugins.errors.append((ep.name, f"failed to load: {exc!r}"))
            continue
        dist = ep.dist
        plugins.origins[ep.name] = f"{dist.name} {dist.version}" if dist else ep.value
