"""The full question bank, built once for the bank tests."""

from __future__ import annotations

import pytest

from explorer import quiz


@pytest.fixture(scope="session")
def bank(kb, graphs):
    return quiz.question_bank(kb, graphs)


@pytest.fixture(scope="session")
def questions(bank):
    return [q for z in bank for q in z.questions]
