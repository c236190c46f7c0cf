"""kehoach/core/tabular.py `indented` writes what json.dumps(ensure_ascii=False,
indent=2) writes, character for character (the downloads' bytes must not move),
and leaves what it does not write itself to json.dumps."""
from __future__ import annotations

import enum
import json
import random
from collections import OrderedDict

import pytest

from kehoach.core import tabular


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


class Level(enum.IntEnum):
    ONE = 1


VALUES = [
    None, True, False, 0, -1, 2**53, 10**30, 0.1, -2.5, 1e300, 5e-324, 1.0, -0.0, Level.ONE,
    "", "Kế hoạch số 402/KH-UBND", 'quote " backslash \\ slash /', "line\nbreak\ttab\r\x00\x1f\x7f",
    "\u2028\u2029\u202e\ufeff", "😀 𝔘", "</script><!--&",
    [], {}, [[]], [{}], {"a": []}, {"a": {}}, (1, "a"), [None, True, 1.5],
    {"x": {"y": [1, {"z": [None, "ạ"]}]}, "": "empty key", "ÄĐ": [[], [[]], {"k": {}}]},
    OrderedDict([("b", 1), ("a", 2)]),
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_same_text_as_json_dumps(value):
    assert tabular.indented(value) == _dumps(value)
    assert tabular.indented({"v": value, "l": [value, value]}) == _dumps({"v": value, "l": [value, value]})


def test_random_nested_values():
    rng = random.Random(26)
    leaves = [v for v in VALUES if not isinstance(v, (list, dict, tuple))]

    def make(depth):
        kind = rng.random()
        if depth > 5 or kind < 0.4:
            return rng.choice(leaves)
        if kind < 0.7:
            return [make(depth + 1) for _ in range(rng.randrange(4))]
        return {rng.choice(["id", "text", "đ", "", "a b", "1"]) + str(rng.randrange(3)): make(depth + 1)
                for _ in range(rng.randrange(4))}

    for _ in range(500):
        value = make(0)
        assert tabular.indented(value) == _dumps(value)


@pytest.mark.parametrize("value", [
    {1: "int key"}, {1.5: "float key"}, {True: "bool key"}, {None: "none key"}, [float("nan")],
    {"inf": float("inf")}, [float("-inf")],
])
def test_what_it_leaves_to_json_dumps_comes_out_as_json_dumps_writes_it(value):
    assert tabular.indented(value) == _dumps(value)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [b"bytes"], {("t",): 1}, [object()]])
def test_what_json_refuses_it_refuses_the_same_way(value):
    with pytest.raises(TypeError) as expected:
        _dumps(value)
    with pytest.raises(TypeError) as got:
        tabular.indented(value)
    assert str(got.value) == str(expected.value)


def test_a_cycle_is_refused_as_json_refuses_it():
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        tabular.indented(cycle)


def test_a_download_ends_with_one_newline():
    assert tabular.json_text({"a": [1]}) == _dumps({"a": [1]}) + "\n"
