"""The contract between the engine and a rule kind."""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..document import Document
from ..findings import Hit
from ..language import Language
from ..records import frozen

#: Accepted option types: a Python type, or ("list", item_type) / ("dict", value_type).
OptionType = Any


@frozen
class Option:
    """One option of a kind: its default, type and help (the schema of a plugin kind that
    declares its options as a dict; built-in kinds declare an :class:`Options` dataclass)."""

    default: Any
    type: OptionType
    help: str = ""


def option(
    default: Any,
    help: str = "",
    choices: Iterable[Any] = (),
    type: OptionType = None,
    path: bool = False,
) -> Any:
    """A field of a kind's :class:`Options` dataclass: its default, help and allowed values.

    The type is the field's annotation (``int``, ``list[str]``, ``dict[str, list[str]]``...)
    unless ``type`` is given in the :data:`OptionType` form. ``path``: the value names files
    (a string or a list of them), kept as :class:`FileName`s relative to the file that set it.
    """
    metadata = {"help": help, "choices": tuple(choices), "type": type, "path": path}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return field(default=default, metadata=metadata)


class Spec:
    """What the loader checks of one option: type, default, help, allowed values, and
    whether it names files. (A plain class: a one-file run builds the kinds' specs, and
    each dataclass costs a start-up.)"""

    __slots__ = ("name", "type", "default", "help", "choices", "path")

    def __init__(self, name, type, default, help="", choices=(), path=False):  # noqa: A002
        self.name, self.type, self.default = name, type, default
        self.help, self.choices, self.path = help, choices, path


class Options:
    """Base of a kind's options, which subclass it as a frozen dataclass of the values the
    user's rule and config set (defaults for the rest), checked once when the rule is loaded.

    Read them as attributes (``ctx.options.unit``); ``ctx.options["unit"]`` and ``.get`` read
    them too, for kinds written against the mapping contract.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("__doc__"):
            # else @dataclass writes one from inspect.signature: a start-up cost per kind
            cls.__doc__ = f"The options of a rule kind ({cls.__name__})."

    def __getitem__(self, key: str) -> Any:
        # a frozen dataclass's fields are its instance's only attributes: read them directly
        # (rules read their options hundreds of thousands of times in a large run)
        try:
            return self.__dict__[key]
        except KeyError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.__dict__.get(key, default)

    def items(self) -> list[tuple[str, Any]]:
        return [(name, getattr(self, name)) for name in self.specs()]

    def __bool__(self) -> bool:
        return bool(self.specs())

    @classmethod
    def specs(cls) -> dict[str, Spec]:
        cached = cls.__dict__.get("_specs")
        if cached is None:
            hints = None
            cached = {}
            for f in fields(cls):
                default = f.default if f.default is not MISSING else f.default_factory()
                declared = f.metadata.get("type")
                if declared is None:  # the annotation: common ones read directly
                    declared = _COMMON.get(f.type) if isinstance(f.type, str) else None
                if declared is None:
                    hints = hints or typing.get_type_hints(cls)
                    declared = _spec_of(hints[f.name])
                cached[f.name] = Spec(
                    f.name,
                    declared,
                    default,
                    f.metadata.get("help", ""),
                    f.metadata.get("choices", ()),
                    f.metadata.get("path", False),
                )
            cls._specs = cached
        return cached


#: annotations (as strings, under ``from __future__ import annotations``) the kinds use, read
#: without evaluating them (``typing.get_type_hints`` compiles each one: a start-up cost)
_COMMON: dict[str, OptionType] = {
    "bool": bool,
    "int": int,
    "float": float,
    "str": str,
    "list[str]": ("list", str),
    "list[dict]": ("list", dict),
    "dict[str, str]": ("dict", str),
    "dict[str, list[str]]": ("dict", ("list", str)),
}


def _spec_of(hint: Any) -> OptionType:
    """``list[str]`` -> ("list", str), ``dict[str, int]`` -> ("dict", int), others as they are."""
    origin = typing.get_origin(hint)
    if origin is list:
        return ("list", _spec_of(typing.get_args(hint)[0]))
    if origin is dict:
        return ("dict", _spec_of(typing.get_args(hint)[1]))
    return hint


#: the decorator of a built-in kind's :class:`Options`: a frozen dataclass made cheaply at
#: start-up (see :mod:`lintnews.records`); ``@dataclass(frozen=True)`` works too
options_dataclass = frozen


def options_class(name: str, schema: dict[str, Option]) -> type[Options]:
    """The :class:`Options` dataclass of a kind that declares its options as a dict."""
    namespace: dict[str, Any] = {"__annotations__": dict.fromkeys(schema, Any)}
    for key, o in schema.items():
        namespace[key] = option(o.default, o.help, type=o.type)
    cls = type(f"{name.title().replace('-', '')}Options", (Options,), namespace)
    return frozen(cls)


class FileName(str):
    """A file name as the user wrote it in an option, and the folder of the file that set
    it: the name a path is relative to (``name.folder / name``)."""

    folder: Path

    def __new__(cls, name: str, folder: Path):
        self = super().__new__(cls, name)
        self.folder = Path(folder)
        return self

    def __reduce__(self):
        return (FileName, (str(self), self.folder))


def folder_of(name: str, default: Path) -> Path:
    """The folder ``name`` is relative to: its own (a :class:`FileName`) or ``default``."""
    return getattr(name, "folder", Path(default))


@dataclass(frozen=True)
class Context:
    """Everything a check may look at. Checks never read files or config themselves."""

    doc: Document
    #: the rule's options as the user set them (the kind's :class:`Options`)
    options: Any
    lang: Language
    #: run-wide resources opened once by the runner (e.g. an archive index), by name
    resources: dict[str, Any] = field(default_factory=dict)
    #: what the kind's ``prepare`` made of the options once, at load (None without one)
    prepared: Any = None


@frozen
class RuleKind:
    """A named checker with an option schema. ``check(ctx)`` yields :class:`Hit`."""

    name: str
    check: Callable[[Context], Iterable[Hit]]
    #: the kind's :class:`Options` dataclass (a dict of :class:`Option` is turned into one)
    options: Any = None
    description: str = ""
    #: "safe", "unsafe" or None: what the fixes of this kind are.
    fixes: str | None = None
    #: optional ``prepare(options, base_dir) -> prepared``, called once when a rule is loaded
    #: (and again when a config changes its options): reads the files options name (relative
    #: to ``folder_of(name, base_dir)``), compiles patterns, loads a model. What it returns
    #: reaches checks as ``ctx.prepared``. Raise ValueError(message[, key]) for invalid
    #: options.
    prepare: Callable[[Any, Path], Any] | None = None
    #: declared with a dict of :class:`Option` (the contract before :class:`Options`): its
    #: ``prepare`` takes and returns a dict, and checks get that dict as ``ctx.options``
    mapping: bool = field(default=False, init=False)

    def __post_init__(self):
        if self.options is None or isinstance(self.options, dict):
            object.__setattr__(self, "options", options_class(self.name, self.options or {}))
            object.__setattr__(self, "mapping", True)

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
