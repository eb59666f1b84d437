"""Fixtures of the exchange tests."""

from __future__ import annotations

import pytest
from lxml import etree

from explorer import build_graphs, load_knowledge_base

from ..conftest import write_pathways
from .helpers import GRAPHML_XSD


@pytest.fixture
def tiny(tmp_path):
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways"))
    return kb, build_graphs(kb)


@pytest.fixture(scope="module")
def graphml_schema():
    return etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))

