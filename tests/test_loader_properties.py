"""Property tests: whatever a data file holds, loading ends in records or a ValidationError.

Never a traceback of another kind, never a hang.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import ValidationError, load_knowledge_base

from .conftest import tiny_files, to_toml, write_pathways

FILES = ["references.toml", "entities.toml", "compartments.toml", "drugs.toml", "integrated.toml",
         "hypotheses/disinhibition.toml"]

scalars = st.one_of(st.text(max_size=12), st.integers(-10**6, 10**6), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
keys = st.sampled_from(["id", "name", "kind", "refs", "source", "x", "effect", "action", "entity",
                        "node", "edge", "drug", "reference", "number", "parent"]) | st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=20)
tables = st.dictionaries(keys, values, max_size=6)

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def load_or_validation_error(folder) -> None:
    try:
        load_knowledge_base(folder)
    except ValidationError as error:
        assert error.problems
        assert all(p.file and p.message for p in error.problems)


@SETTINGS
@given(st.sampled_from(FILES), tables)
def test_a_file_replaced_by_any_structure(tmp_path_factory, file, content):
    files = tiny_files()
    files[file] = to_toml(content)
    load_or_validation_error(write_pathways(tmp_path_factory.mktemp("p"), files))


@SETTINGS
@given(st.sampled_from(FILES), st.integers(0, 2**32 - 1), values)
def test_one_field_anywhere_set_to_any_value(tmp_path_factory, file, seed, value):
    files = tiny_files()
    rng = random.Random(seed)
    table = files[file]
    while True:  # walk down to a random table
        key = rng.choice(list(table))
        child = table[key]
        if isinstance(child, list) and child and isinstance(child[0], dict) and rng.random() < 0.8:
            table = rng.choice(child)
        else:
            break
    if rng.random() < 0.2:
        del table[key]
    else:
        table[key] = value
    load_or_validation_error(write_pathways(tmp_path_factory.mktemp("p"), files))


@SETTINGS
@given(st.sampled_from(FILES), st.binary(max_size=200))
def test_a_file_replaced_by_any_bytes(tmp_path_factory, file, content):
    files = tiny_files()
    files[file] = content
    load_or_validation_error(write_pathways(tmp_path_factory.mktemp("p"), files))


@SETTINGS
@given(st.sampled_from(FILES), st.data())
def test_a_truncated_file(tmp_path_factory, file, data):
    files = tiny_files()
    text = to_toml(files[file])
    files[file] = text[: data.draw(st.integers(0, len(text)))]
    load_or_validation_error(write_pathways(tmp_path_factory.mktemp("p"), files))
