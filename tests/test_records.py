"""lintnews.records.frozen makes the dataclass @dataclass(frozen=True) would make."""

import dataclasses

import pytest

from lintnews.records import frozen


def twins():
    """The same record made by ``frozen`` and by ``@dataclass(frozen=True)``."""

    def record():
        class Record:
            name: str
            count: int = 2
            tags: list = dataclasses.field(default_factory=list)
            note: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)
            done: bool = dataclasses.field(default=False, init=False)

        return Record

    return frozen(record()), dataclasses.dataclass(frozen=True)(record())


@pytest.mark.parametrize(
    "args, kwargs",
    [(("a",), {}), (("a", 3), {}), ((), {"name": "b", "tags": ["x"]}), (("a",), {"note": {1: 2}})],
)
def test_frozen_record_behaves_as_a_frozen_dataclass(args, kwargs):
    ours, theirs = twins()
    a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
    assert repr(a) == repr(b)
    assert dataclasses.asdict(a) == dataclasses.asdict(b)
    assert a == ours(*args, **kwargs)
    assert a != ours("other") and a != b  # another class is never equal
    assert a == ours(*args, **{**kwargs, "note": {"ignored": 1}})  # compare=False
    for record in (a, b):
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.name = "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            del record.name
    hashes = []
    for record in (a, b):
        try:
            hashes.append(hash(record))
        except TypeError as exc:  # a list field: unhashable, as the dataclass
            hashes.append(str(exc))
    assert hashes[0] == hashes[1]
    assert (
        dataclasses.replace(a, count=9).count == 9
        and dataclasses.replace(a, count=9).name == a.name
    )


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((), {}),
        (("a", 1, [], {}, 5), {}),
        (("a",), {"name": "b"}),
        ((), {"done": True}),
        ((), {"x": 1}),
    ],
)
def test_frozen_record_refuses_the_arguments_a_dataclass_refuses(args, kwargs):
    ours, theirs = twins()
    with pytest.raises(TypeError):
        theirs(*args, **kwargs)
    with pytest.raises(TypeError):
        ours(*args, **kwargs)


def test_frozen_record_runs_post_init():
    @frozen
    class Pair:
        """Two numbers and their sum."""

        a: int
        b: int = 1
        total: int = dataclasses.field(default=0, init=False)

        def __post_init__(self):
            object.__setattr__(self, "total", self.a + self.b)

    assert Pair(2).total == 3 and Pair(2, b=5).total == 7
