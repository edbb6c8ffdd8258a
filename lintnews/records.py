"""Frozen records made cheaply at start-up.

``@dataclass(frozen=True)`` writes six methods for each class (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) as source text and compiles
them: ~0.7 ms a class, paid by every run when its module is imported. :func:`frozen` makes
the same dataclass (``fields``, ``replace``, ``asdict`` work; it compares, hashes, prints
and refuses assignment as ``@dataclass(frozen=True)`` does) with methods written once here
for every class, which read its fields when called: a little slower per instance, so it is
for records a run makes a few of (a kind's options, a run's settings, one a draft), not for
spans or findings. Give :func:`frozen` a plain class, not one already a dataclass.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def frozen(cls: T) -> T:
    """``cls`` as a frozen dataclass whose methods are this module's (see above); a method
    the class defines itself is kept."""
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    for name, method in _METHODS.items():
        if name not in cls.__dict__:
            setattr(cls, name, method)
    return cls


def _names(cls) -> tuple[str, ...]:
    names = cls.__dict__.get("__record_init__")
    if names is None:
        names = tuple(f.name for f in fields(cls) if f.init)
        type.__setattr__(cls, "__record_init__", names)
    return names


def _init(self, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names = _names(cls)
    if len(args) > len(names):
        raise TypeError(
            f"{cls.__name__}() takes {len(names)} positional arguments but {len(args)} were given"
        )
    given = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{name}'")
        if name in given:
            raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
        given[name] = value
    for f in fields(cls):
        if f.init and f.name in given:
            value = given[f.name]
        elif f.default is not MISSING:
            value = f.default
        elif f.default_factory is not MISSING:
            value = f.default_factory()
        else:
            raise TypeError(f"{cls.__name__}() missing 1 required argument: '{f.name}'")
        object.__setattr__(self, f.name, value)
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _repr(self) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _eq(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _compared(record) -> tuple:
    return tuple(getattr(record, f.name) for f in fields(record) if f.compare)


def _hash(self) -> int:
    return hash(
        tuple(
            getattr(self, f.name) for f in fields(self) if (f.compare if f.hash is None else f.hash)
        )
    )


def _setattr(self, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field '{name}'")


def _delattr(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field '{name}'")


_METHODS = {
    "__init__": _init,
    "__repr__": _repr,
    "__eq__": _eq,
    "__hash__": _hash,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
}
