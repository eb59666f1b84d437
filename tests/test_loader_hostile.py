"""Hostile files: whatever sits where a data file should be, ``validate`` answers promptly.

Each case runs ``moa-explorer validate`` in a subprocess with a deadline: a hang or a
runaway allocation is a timeout (a failure), not a slow pass. The deadline is generous
(these finish in well under a second); it is there to catch a hang, not to time speed.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer import ValidationError, load_knowledge_base
from explorer.loader import MAX_KEY_PARTS
from explorer.loader.checks import _parent_loops
from explorer.model import Compartment

from .conftest import tiny_files, to_toml, write_pathways

DEADLINE = 10  # seconds; each case here takes well under one
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="FIFOs and /dev/zero exist on POSIX systems only")


def validate(*paths: Path) -> subprocess.CompletedProcess:
    """``moa-explorer validate PATH…``; raises ``TimeoutExpired`` (failing the test) on a hang."""
    return subprocess.run([sys.executable, "-m", "explorer", "validate", *map(str, paths)],
                          capture_output=True, text=True, timeout=DEADLINE)


def assert_refused(result: subprocess.CompletedProcess, *expected: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


def _replace(folder: Path, name: str, make) -> Path:
    path = folder / name
    path.unlink()
    make(path)
    return folder


# -- files that are not files ----------------------------------------------------------

@posix_only
@pytest.mark.parametrize("name", ["drugs.toml", "hypotheses/glyx-13.toml"])
def test_a_fifo_named_toml_in_a_folder_is_refused_not_waited_on(tmp_path, name):
    folder = _replace(write_pathways(tmp_path / "p"), name, os.mkfifo)
    assert_refused(validate(folder), f"{name}: is a named pipe (FIFO), not a regular file")


@posix_only
def test_a_fifo_given_as_a_users_file_is_refused(tmp_path):
    fifo = tmp_path / "mine.toml"
    os.mkfifo(fifo)
    assert_refused(validate(fifo), f"{fifo}: is a named pipe (FIFO), not a regular file")


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_unread(tmp_path, device):
    folder = _replace(write_pathways(tmp_path / "p"), "entities.toml", lambda p: p.symlink_to(device))
    result = validate(folder)
    assert_refused(result, "entities.toml: is a character device (through a symbolic link), not a regular file")
    # One problem: what refers to the unreadable file is not reported again.
    assert result.stderr.startswith("1 problem(s):")


@posix_only
def test_a_link_to_a_device_given_as_a_users_file(tmp_path):
    link = tmp_path / "mine.toml"
    link.symlink_to("/dev/urandom")
    assert_refused(validate(link), "is a character device (through a symbolic link)")


def test_a_folder_named_like_a_hypothesis_file(tmp_path):
    folder = _replace(write_pathways(tmp_path / "p"), "hypotheses/mglur2-3.toml", Path.mkdir)
    assert_refused(validate(folder), "hypotheses/mglur2-3.toml: is a folder, not a regular file")


# -- keys that make the TOML parser crawl --------------------------------------------------

DEEP_KEYS = {
    "dotted key": "a" + ".a" * 100_000 + " = 1\n",
    "dotted table header": "[" + "a." * 100_000 + "a]\n",
    "spaced, quoted parts": 'x = 1\n\n[[drug]]\n' + "'q' . " * 50_000 + "b = 2\n",
}


@pytest.mark.parametrize("case", list(DEEP_KEYS), ids=list(DEEP_KEYS))
def test_a_200_kb_dotted_key_is_refused_before_parsing(tmp_path, case):
    path = tmp_path / "mine.toml"
    path.write_text(DEEP_KEYS[case])
    assert path.stat().st_size >= 200_000
    line = 4 if case.startswith("spaced") else 1
    assert_refused(validate(path), f"mine.toml: line {line}: a dotted key of",
                   f"the limit is {MAX_KEY_PARTS}")


def test_a_deep_key_in_a_folder_names_its_file(tmp_path):
    files = tiny_files()
    files["references.toml"] = to_toml(files["references.toml"]) + "z" + ".z" * 50_000 + " = 1\n"
    assert_refused(validate(write_pathways(tmp_path / "p", files)), "references.toml: line ")


@pytest.mark.parametrize("text", [
    'note = "' + "a." * 200 + 'a"\n',         # dots inside a string are text
    "# " + "a." * 200 + "\n",                  # and inside a comment
    'x = """\n' + "a." * 200 + '\n"""\n',      # and inside a multi-line string
    "x = [" + ", ".join(["1.5"] * 200) + "]\n",  # floats are not keys
    "a.b.c = 1\n" + "k" + ".k" * (MAX_KEY_PARTS - 1) + " = 2\n",  # the limit itself is allowed
])
def test_text_that_only_looks_like_deep_keys_still_parses(tmp_path, text):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    result = validate(path)
    assert "dotted key" not in result.stderr, result.stderr
    assert "missing field 'id'" in result.stderr  # parsed, then checked as a hypothesis


# -- lineage: long parent chains and loops -------------------------------------------------

def _chain(files: dict, length: int, close: bool = False) -> dict:
    """Entities c0 → c1 → … (each the parent of the one before), ending at ``rec``."""
    entities = files["entities.toml"]["entity"]
    for i in range(length):
        parent = f"c{i + 1}" if i + 1 < length else ("c0" if close else "rec")
        entities.append({"id": f"c{i}", "name": f"Chain {i}", "kind": "receptor", "parent": parent,
                         "source": "§1", "refs": [1]})
    return files


def test_a_3000_long_entity_chain_validates_promptly(tmp_path):
    folder = write_pathways(tmp_path / "p", _chain(tiny_files(), 3_000))
    result = validate(folder)
    assert result.returncode == 0, result.stderr
    kb = load_knowledge_base(folder)
    lineage = kb.entity_lineage("c0")
    assert len(lineage) == 3_001 and lineage[:2] == ("c0", "c1") and lineage[-1] == "rec"


def test_a_3000_long_entity_loop_is_one_short_problem(tmp_path):
    folder = write_pathways(tmp_path / "p", _chain(tiny_files(), 3_000, close=True))
    result = validate(folder)
    assert_refused(result, "entities.toml: entity 'c0': parent chain loops: c0 → c1 → c2",
                   "(3,000 in the loop)")
    assert result.stderr.startswith("1 problem(s):") and len(result.stderr) < 500


@pytest.mark.parametrize("parents, loop", [
    ({"cell": "membrane", "membrane": "cell"}, "compartment 'cell': parent chain loops: cell → membrane → cell"),
    ({"cell": "", "membrane": "membrane"}, "compartment 'membrane': parent chain loops: membrane → membrane"),
])
def test_a_compartment_loop_is_reported_with_file_and_item(tmp_path, parents, loop):
    files = tiny_files()
    for compartment in files["compartments.toml"]["compartment"]:
        compartment["parent"] = parents[compartment["id"]]
    with pytest.raises(ValidationError) as caught:
        load_knowledge_base(write_pathways(tmp_path / "p", files))
    assert [str(p) for p in caught.value.problems] == [f"compartments.toml: {loop}"]


def test_lineage_stops_at_a_loop_instead_of_spinning(tiny_dir):
    kb = load_knowledge_base(tiny_dir)
    looped = replace(kb, compartments={**kb.compartments, "cell": Compartment("cell", "Cell", parent="membrane")})
    assert looped.compartment_lineage("membrane") == ("membrane", "cell")
    assert kb.compartment_lineage("nowhere") == ("nowhere",)
    assert kb.entity_lineage("") == ()


def _loops_by_brute_force(parents: dict[str, str]) -> set[frozenset[str]]:
    """The cycles, found the slow way: an id is on a cycle when following parents returns to it."""
    loops = set()
    for start in parents:
        seen, current = [], parents[start]
        while current in parents and current not in seen and current != start:
            seen.append(current)
            current = parents[current]
        if current == start:
            loops.add(frozenset([start, *seen]))
    return loops


@given(st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_parent_loops_finds_each_cycle_once(size, seed):
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(size)]
    parents = {i: rng.choice([*ids, "", "unknown"]) for i in ids}
    loops = _parent_loops(parents)
    assert {frozenset(loop) for loop in loops} == _loops_by_brute_force(parents)
    assert len(loops) == len({frozenset(loop) for loop in loops})
    order = list(parents)
    for loop in loops:  # each starts at its member first in file order and follows parents
        assert loop[0] == min(loop, key=order.index)
        assert all(parents[a] == b for a, b in zip(loop, loop[1:] + loop[:1], strict=True))


def test_a_problem_repeated_per_action_stays_short(tmp_path):
    """3,000 actions naming a component missing from 3,000 components: 3,000 short lines.

    Each message used to list every component: 144 MB of output, and gigabytes of
    memory for a file under the size limit.
    """
    files = tiny_files()
    drug = files["drugs.toml"]["drug"][0]
    drug["components"] = [f"component-{i}" for i in range(3_000)]
    drug["action"] = [{"entity": "rec", "action": "antagonist", "component": "missing", "source": "§1",
                       "refs": [1]} for _ in range(3_000)]
    result = validate(write_pathways(tmp_path / "p", files))
    assert_refused(result, "drugs.toml: drug 'blocker', action 3000: component 'missing' is not one of "
                           "the drug's components ['component-0', ", "(3,000 in all)]")
    lines = result.stderr.splitlines()
    assert len(lines) == 3_001 and max(map(len, lines)) < 300
