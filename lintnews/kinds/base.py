"""The contract between the engine and a rule kind."""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields, make_dataclass
from pathlib import Path
from typing import Any

from ..document import Document
from ..findings import Hit
from ..language import Language

#: Accepted option types: a Python type, or ("list", item_type) / ("dict", value_type).
OptionType = Any


@dataclass(frozen=True)
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

    # A frozen dataclass's __init__, __repr__, __eq__, __hash__, __setattr__ and __delattr__,
    # written once here for every kind: ``@dataclass(frozen=True)`` writes and compiles the
    # six for each class, ~0.7 ms a kind at start-up (see :func:`options_dataclass`). A kind
    # that declares its options with ``@dataclass(frozen=True)`` gets dataclass's own.

    def __init__(self, *args: Any, **kwargs: Any):
        names = self._init_names()
        if len(args) > len(names):
            raise TypeError(
                f"{type(self).__name__}() takes {len(names)} positional arguments "
                f"but {len(args)} were given"
            )
        given = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(
                    f"{type(self).__name__}() got an unexpected keyword argument '{name}'"
                )
            if name in given:
                raise TypeError(f"{type(self).__name__}() got multiple values for '{name}'")
            given[name] = value
        for f in fields(self):
            if f.name in given:
                value = given[f.name]
            elif f.default is not MISSING:
                value = f.default
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() missing 1 required argument: '{f.name}'")
            object.__setattr__(self, f.name, value)

    @classmethod
    def _init_names(cls) -> tuple[str, ...]:
        names = cls.__dict__.get("_names")
        if names is None:
            names = tuple(f.name for f in fields(cls) if f.init)
            cls._names = names
        return names

    def _values(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __getitem__(self, key: str) -> Any:
        if key not in self.specs():
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self.specs() else default

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


def options_dataclass(cls: type[Options]) -> type[Options]:
    """The decorator of a built-in kind's :class:`Options`: a dataclass (``fields``,
    ``replace``... work) that is frozen, compares and prints as ``@dataclass(frozen=True)``
    would make it, with the methods :class:`Options` writes once for every kind."""
    return dataclass(init=False, repr=False, eq=False)(cls)


def options_class(name: str, schema: dict[str, Option]) -> type[Options]:
    """The :class:`Options` dataclass of a kind that declares its options as a dict."""
    return make_dataclass(
        f"{name.title().replace('-', '')}Options",
        [(key, Any, option(o.default, o.help, type=o.type)) for key, o in schema.items()],
        bases=(Options,),
        init=False,
        repr=False,
        eq=False,
    )


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


@dataclass(frozen=True)
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
