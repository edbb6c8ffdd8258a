"""The contract between the engine and a rule kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..findings import Hit
from ..language import Language

#: Accepted option types: a Python type, or ("list", item_type) / ("dict", value_type).
OptionType = Any


@dataclass(frozen=True)
class Option:
    """One option of a kind: its default, type and help."""

    default: Any
    type: OptionType
    help: str = ""


@dataclass(frozen=True)
class Context:
    """Everything a check may look at. Checks never read files or config themselves."""

    doc: Document
    options: dict[str, Any]
    lang: Language
    #: run-wide resources opened once by the runner (e.g. an archive index), by name
    resources: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleKind:
    """A named checker with an option schema. ``check(ctx)`` yields :class:`Hit`."""

    name: str
    check: Callable[[Context], Iterable[Hit]]
    options: dict[str, Option] = field(default_factory=dict)
    description: str = ""
    #: "safe", "unsafe" or None: what the fixes of this kind are.
    fixes: str | None = None
    #: optional ``prepare(options, base_dir) -> options``, called once when a rule is loaded
    #: (e.g. to read a data file named relative to the rule or config file, or to compile
    #: patterns). It must accept its own output (it runs again when a config overrides
    #: options). Raise ValueError(message) for invalid options.
    prepare: Callable[[dict[str, Any], Path], dict[str, Any]] | None = None

    def run(self, ctx: Context) -> Iterator[Hit]:
        yield from self.check(ctx)


class LazyKind:
    """A kind known by its name whose module (which defines ``KIND``) is imported when a
    rule first uses it: most runs use none of the general kinds, and a one-file run
    should not pay for importing them."""

    def __init__(self, name: str, module: str):
        self.name = name
        self.module = module
        self._kind: RuleKind | None = None

    def __getattr__(self, attr: str):
        if attr.startswith("__") or attr == "_kind":
            raise AttributeError(attr)
        if self._kind is None:
            import importlib

            kind = importlib.import_module(self.module).KIND
            if kind.name != self.name:
                raise RuntimeError(f"{self.module} defines kind '{kind.name}', not '{self.name}'")
            self._kind = kind
        return getattr(self._kind, attr)

    def __repr__(self) -> str:
        return f"LazyKind({self.name!r}, {self.module!r})"


def type_name(spec: OptionType) -> str:
    if isinstance(spec, tuple):
        return f"{spec[0]} of {type_name(spec[1])}"
    return {bool: "boolean", int: "integer", float: "number", str: "string"}.get(
        spec, getattr(spec, "__name__", str(spec))
    )


def check_type(value: Any, spec: OptionType) -> bool:
    """True when ``value`` fits ``spec`` (int is accepted where a float is asked for)."""
    if isinstance(spec, tuple):
        container, item = spec
        if container == "list":
            return isinstance(value, list) and all(check_type(v, item) for v in value)
        if container == "dict":
            return isinstance(value, dict) and all(
                isinstance(k, str) and check_type(v, item) for k, v in value.items()
            )
        return False
    if spec is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if spec is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec is Any:
        return True
    return isinstance(value, spec)
