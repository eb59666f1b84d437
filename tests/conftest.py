"""Shared fixtures: a tiny, valid ``pathways/`` folder written from Python dicts."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from explorer import build_graphs, load_knowledge_base


def to_toml(data: dict) -> str:
    """A minimal TOML writer for test fixtures (scalars, lists, tables, arrays of tables)."""
    lines: list[str] = []

    def scalar(value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, list):
            return "[" + ", ".join(scalar(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {scalar(v)}" for k, v in value.items()) + "}"
        raise TypeError(value)

    def table(prefix: str, body: dict) -> None:
        for key, value in body.items():
            if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
                lines.append(f"{json.dumps(key)} = {scalar(value)}")
        for key, value in body.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                for row in value:
                    lines.append(f"\n[[{prefix}{key}]]")
                    table(f"{prefix}{key}.", row)

    table("", data)
    return "\n".join(lines) + "\n"


TINY = {
    "references.toml": {"reference": [
        {"number": 1, "citation": "First reference.", "pmid": "111"},
        {"number": 2, "citation": "Second reference."},
    ]},
    "entities.toml": {"entity": [
        {"id": "rec", "name": "Receptor", "kind": "receptor", "source": "§1", "refs": [1]},
        {"id": "rec-sub", "name": "Receptor subtype", "kind": "receptor", "parent": "rec",
         "source": "§1", "refs": [1]},
        {"id": "kin", "name": "Kinase", "kind": "enzyme", "source": "§1", "refs": [1]},
        {"id": "bdnf", "name": "BDNF", "kind": "factor", "source": "§1", "refs": [2]},
        {"id": "mtorc1", "name": "mTORC1", "kind": "enzyme", "source": "§1", "refs": [2]},
        {"id": "orphan", "name": "Orphan receptor", "kind": "receptor", "source": "§1", "refs": [2]},
    ]},
    "compartments.toml": {"compartment": [
        {"id": "cell", "label": "Cell"},
        {"id": "membrane", "label": "Membrane", "parent": "cell"},
    ]},
    "integrated.toml": {"position": [
        {"node": n, "x": 100.0 * i, "y": 0} for i, n in enumerate(["r", "k", "b", "m", "s"])
    ]},
    "drugs.toml": {"drug": [
        {"id": "blocker", "name": "Blocker", "synonyms": ["BLK-1"], "class": "broad-nmda",
         "source": "Table 1", "refs": [1],
         "action": [{"entity": "rec", "action": "antagonist", "source": "§1", "refs": [1]}]},
        {"id": "subtype-blocker", "name": "Subtype blocker", "class": "nr2b-selective",
         "source": "Table 1", "refs": [1],
         "action": [{"entity": "rec-sub", "action": "antagonist", "source": "§1", "refs": [1]}]},
        {"id": "elsewhere", "name": "Elsewhere", "class": "mglur", "source": "Table 1",
         "action": [{"entity": "orphan", "action": "negative-allosteric-modulator",
                     "source": "§3", "refs": [], "note": "the review gives no reference"}]},
    ]},
}


def tiny_hypothesis(hypothesis_id: str, order: int) -> dict:
    """rec ⊣ kin ⊣ bdnf → mtorc1, plus a subtype node s → mtorc1."""
    return {
        "id": hypothesis_id, "title": f"Title {hypothesis_id}", "order": order,
        "summary": "A tiny panel.", "source": "Fig. 1 legend", "refs": [1],
        "readouts": ["b", "m"],
        "node": [
            {"id": "r", "entity": "rec", "compartment": "membrane", "x": 0, "y": 0,
             "source": "Fig. 1 legend", "refs": [1]},
            {"id": "k", "entity": "kin", "compartment": "cell", "x": 0, "y": 100,
             "source": "Fig. 1 legend", "refs": [1]},
            {"id": "b", "entity": "bdnf", "compartment": "cell", "x": 0, "y": 200,
             "source": "Fig. 1 legend", "refs": [1]},
            {"id": "m", "entity": "mtorc1", "compartment": "cell", "x": 0, "y": 300,
             "source": "Fig. 1 legend", "refs": [1]},
            {"id": "s", "entity": "rec-sub", "compartment": "membrane", "x": 200, "y": 0,
             "source": "Fig. 1 legend", "refs": [1]},
        ],
        "edge": [
            {"source_node": "r", "target_node": "k", "effect": "activates", "mechanism": "signalling",
             "source": "Fig. 1 legend", "refs": [1]},
            {"source_node": "k", "target_node": "b", "effect": "inhibits", "mechanism": "phosphorylation",
             "source": "Fig. 1 legend", "refs": [1]},
            {"source_node": "b", "target_node": "m", "effect": "activates", "mechanism": "signalling",
             "source": "Fig. 1 legend", "refs": [2]},
            {"source_node": "s", "target_node": "m", "effect": "inhibits", "mechanism": "signalling",
             "source": "Fig. 1 legend", "refs": [2]},
        ],
    }


HYPOTHESIS_IDS = ["disinhibition", "spontaneous-transmission", "extrasynaptic-glun2b",
                  "hnk-ampa", "mglur2-3", "glyx-13"]


def write_pathways(folder: Path, files: dict | None = None) -> Path:
    """Write a pathways folder; ``files`` maps relative path → dict (or raw text/bytes)."""
    if files is None:
        files = tiny_files()
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(to_toml(content), encoding="utf-8")
    return folder


def tiny_files() -> dict:
    files = copy.deepcopy(TINY)
    for order, hypothesis_id in enumerate(HYPOTHESIS_IDS, 1):
        files[f"hypotheses/{hypothesis_id}.toml"] = tiny_hypothesis(hypothesis_id, order)
    return files


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_pathways(tmp_path / "pathways")


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """The tiny knowledge base and its graphs."""
    kb = load_knowledge_base(write_pathways(tmp_path_factory.mktemp("tiny") / "pathways"))
    return kb, build_graphs(kb)


@pytest.fixture(scope="session")
def kb():
    """The curated, bundled knowledge base."""
    return load_knowledge_base()


@pytest.fixture(scope="session")
def graphs(kb):
    return build_graphs(kb)


# -- browser tests: dash[testing]'s dash_duo in headless Chromium ---------------------

def pytest_setup_options():
    """Chrome options for ``dash_duo``: headless, a projector-sized window, Debian's chromium.

    A missing browser is an error, never a skip: CI must not pass without these tests.
    """
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for binary in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if Path(binary).exists():
            options.binary_location = binary
            break
    options.add_argument("--headless=new")
    options.add_argument("--window-size=1280,800")
    return options


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(request):
    """Every ``dash_duo`` test runs the app under the policy it is served with: none of them
    may see the browser refuse anything the app itself does."""
    if "dash_duo" not in request.fixturenames:
        yield
        return
    duo = request.getfixturevalue("dash_duo")  # set up first, so torn down after this check
    yield
    refused = [e["message"] for e in duo.driver.get_log("browser") if "Content Security Policy" in e["message"]]
    assert refused == [], refused
