"""The plugin layer: pluggy markers. Use ``@hookimpl`` to implement a ``lintnews_*`` hook."""

import pluggy

PROJECT = "lintnews"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
