"""The docs are tested too: every word the data may use is documented, and the README's
test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer.cli import build_parser
from explorer.model import ACTION_SIGNS, DRUG_CLASSES, EFFECTS, ENTITY_KINDS, HYPOTHESIS_IDS, XREF_KEYS

ROOT = Path(__file__).resolve().parents[1]
FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("word", [*ACTION_SIGNS, *DRUG_CLASSES, *EFFECTS, *ENTITY_KINDS, *XREF_KEYS,
                                  *HYPOTHESIS_IDS])
def test_every_word_the_data_may_use_is_documented(word):
    assert f"`{word}`" in FORMAT


def test_every_command_is_in_the_readme():
    commands = re.search(r"\{([a-z,]+)\}", build_parser().format_help()).group(1).split(",")
    assert "explain" in commands
    for command in commands:
        assert f"moa-explorer {command}" in README, command


def test_the_readme_gives_two_commands_and_ci_runs_the_test_one():
    section = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", section)
    assert commands == ['pip install . && moa-explorer', 'pip install ".[test]" && python -m pytest']
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == commands[1]
