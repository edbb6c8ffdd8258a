"""Building the plugin manager: built-ins first, then entry-point plugins.

Hooks are called through pluggy (``plugins.hook.lintnews_parse(path=..., text=...)``), so
its semantics hold: newest-registered first, ``firstresult``, wrappers, tracing. Each
plugin's implementations are guarded when it is registered (:func:`_guard`): one that
raises is recorded in ``Plugins.errors`` by plugin name and answers None (pluggy skips it),
and the run goes on without it. The lists and dicts an implementation returns carry the name
of the plugin that returned them (:func:`provider`).
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
    "lintnews.kinds",
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

    @property
    def hook(self):
        """pluggy's hook relay: ``plugins.hook.lintnews_rule_paths()``."""
        return self.manager.hook

    def register(self, plugin, name: str, origin: str) -> None:
        self.manager.register(plugin, name=name)
        _guard(self, plugin)
        self.origins[name] = origin

    def formats(self) -> dict:
        """Format name -> formatter class; a later-registered plugin overrides a name."""
        formats: dict = {}
        for provided in self.hook.lintnews_formats():  # newest-registered first
            formats = {**provided, **formats}
        return formats


class _Provided(list):
    """A list a plugin returned from a hook, and the plugin's name."""

    plugin = ""


class _ProvidedMap(dict):
    """A dict a plugin returned from a hook, and the plugin's name."""

    plugin = ""


def provider(result) -> str:
    """The name of the plugin whose hook implementation returned ``result`` (a list or a
    dict), or "" when it is not known."""
    return getattr(result, "plugin", "")


def _guard(plugins: Plugins, plugin) -> None:
    """Wrap each of ``plugin``'s hook implementations (wrappers aside) so that one that
    raises is reported by name and skipped; pluggy still does the calling."""
    for caller in plugins.manager.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not (impl.hookwrapper or impl.wrapper):
                impl.function = _guarded(plugins.errors, impl.function, impl.plugin_name, caller)


def _guarded(errors: list, function, plugin_name: str, caller):
    hook_name = caller.name

    def call(*args):
        try:
            result = function(*args)
        except LintnewsError:
            raise  # a clear problem with the input (a broken front matter), not a bug
        except Exception as exc:  # a plugin's bug must not end the run
            errors.append((plugin_name, f"{hook_name} raised {exc!r}"))
            return None
        if isinstance(result, list):
            result = _Provided(result)
        elif isinstance(result, dict):
            result = _ProvidedMap(result)
        else:
            return result
        result.plugin = plugin_name
        return result

    return call


def build(autoload: bool | None = None) -> Plugins:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    for module_name in BUILTINS:
        plugins.register(importlib.import_module(module_name), module_name, "builtin")
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


def may_declare_plugins() -> bool:
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
    if not may_declare_plugins():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if plugins.manager.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
            dist = ep.dist
            origin = f"{dist.name} {dist.version}" if dist else ep.value
            plugins.register(plugin, ep.name, origin)
        except Exception as exc:  # report and skip, never crash the run
            plugins.errors.append((ep.name, f"failed to load: {exc!r}"))
            continue
