"""Loading and validation: a valid folder loads; each kind of mistake is named."""

from __future__ import annotations

import pytest

from explorer import ValidationError, load_knowledge_base, validate_paths
from explorer.loader import MAX_FILE_BYTES

from .conftest import tiny_files, to_toml, write_pathways


def test_tiny_folder_loads(tiny_dir):
    kb = load_knowledge_base(tiny_dir)
    assert next(iter(kb.hypotheses)) == "disinhibition"
    assert kb.entities["rec-sub"].parent == "rec"
    assert kb.entity_lineage("rec-sub") == ("rec-sub", "rec")
    assert kb.drugs["blocker"].actions[0].signs == (-1,)
    assert kb.references[1].pmid == "111"


def _edit(files: dict, path: str, fn) -> dict:
    fn(files[path])
    return files


def _first_edge(files):
    return files["hypotheses/disinhibition.toml"]["edge"][0]


CASES = {
    "malformed TOML, with its line": (
        lambda f: f.update({"entities.toml": "[[entity]]\nid = = 'x'\n"}),
        "entities.toml", "", "malformed TOML", "line 2"),
    "edge to an unknown node": (
        lambda f: _first_edge(f).update(target_node="nowhere"),
        "hypotheses/disinhibition.toml", "edge 1 (r → nowhere)", "unknown node 'nowhere'", ""),
    "duplicate entity id": (
        lambda f: f["entities.toml"]["entity"].append(dict(f["entities.toml"]["entity"][0])),
        "entities.toml", "entity 'rec'", "duplicate entity id 'rec'", ""),
    "duplicate node id": (
        lambda f: f["hypotheses/mglur2-3.toml"]["node"].append(dict(f["hypotheses/mglur2-3.toml"]["node"][0])),
        "hypotheses/mglur2-3.toml", "node 'r'", "duplicate node id", ""),
    "duplicate drug id": (
        lambda f: f["drugs.toml"]["drug"].append(dict(f["drugs.toml"]["drug"][0])),
        "drugs.toml", "drug 'blocker'", "duplicate drug id", ""),
    "unknown effect word": (
        lambda f: _first_edge(f).update(effect="excites"),
        "hypotheses/disinhibition.toml", "edge 1 (r → k)", "unknown effect 'excites'", "activates"),
    "an edge whose effect differs between panels": (
        lambda f: f["hypotheses/mglur2-3.toml"]["edge"][0].update(effect="inhibits"),
        "hypotheses/mglur2-3.toml", "edge 1 (r → k)", "inhibits here but activates", ""),
    "scope naming an unknown drug": (
        lambda f: f["hypotheses/disinhibition.toml"].update(scope=[
            {"drugs": ["unicorn"], "quote": "q", "source": "Fig. 1 legend", "refs": [1]}]),
        "hypotheses/disinhibition.toml", "scope 1", "unknown drug 'unicorn'", ""),
    "scope naming both drugs and a pattern": (
        lambda f: f["hypotheses/disinhibition.toml"].update(scope=[
            {"drugs": ["blocker"], "entity": "rec", "actions": ["antagonist"], "quote": "q",
             "source": "Fig. 1 legend", "refs": [1]}]),
        "hypotheses/disinhibition.toml", "scope 1", "not both or neither", ""),
    "scope pattern with an unknown action word": (
        lambda f: f["hypotheses/disinhibition.toml"].update(scope=[
            {"entity": "rec", "actions": ["blocks"], "quote": "q", "source": "Fig. 1 legend", "refs": [1]}]),
        "hypotheses/disinhibition.toml", "scope 1", "unknown action 'blocks'", ""),
    "scope without the review's sentence": (
        lambda f: f["hypotheses/disinhibition.toml"].update(scope=[
            {"drugs": ["blocker"], "source": "Fig. 1 legend", "refs": [1]}]),
        "hypotheses/disinhibition.toml", "scope 1", "quote", ""),
    "unknown action word": (
        lambda f: f["drugs.toml"]["drug"][0]["action"][0].update(action="blocks"),
        "drugs.toml", "drug 'blocker', action 1", "unknown action 'blocks'", "antagonist"),
    "drug acting on an unknown entity": (
        lambda f: f["drugs.toml"]["drug"][0]["action"][0].update(entity="unicorn"),
        "drugs.toml", "drug 'blocker', action 1", "unknown entity 'unicorn'", ""),
    "reference number that does not exist": (
        lambda f: _first_edge(f).update(refs=[999]),
        "hypotheses/disinhibition.toml", "edge 1 (r → k)", "reference 999 does not exist", ""),
    "claim without a citation": (
        lambda f: _first_edge(f).update(refs=[]),
        "hypotheses/disinhibition.toml", "edge 1 (r → k)", "cites no reference", ""),
    "missing field": (
        lambda f: f["entities.toml"]["entity"][0].pop("kind"),
        "entities.toml", "entity 'rec'", "missing field 'kind'", ""),
    "misspelt field": (
        lambda f: _first_edge(f).update(efect="activates"),
        "hypotheses/disinhibition.toml", "edge 1 (r → k)", "unknown field 'efect'", ""),
    "wrong type": (
        lambda f: f["hypotheses/disinhibition.toml"]["node"][0].update(x="left"),
        "hypotheses/disinhibition.toml", "node 'r'", "field 'x' should be", ""),
    "unknown entity kind": (
        lambda f: f["entities.toml"]["entity"][0].update(kind="gizmo"),
        "entities.toml", "entity 'rec'", "unknown kind 'gizmo'", ""),
    "unknown drug class": (
        lambda f: f["drugs.toml"]["drug"][0].update({"class": "stimulant"}),
        "drugs.toml", "drug 'blocker'", "unknown class 'stimulant'", ""),
    "missing hypothesis": (
        lambda f: f.pop("hypotheses/glyx-13.toml"),
        "hypotheses/", "", "missing hypotheses: glyx-13", ""),
    "shared node id meaning two things": (
        lambda f: f["hypotheses/glyx-13.toml"]["node"][1].update(entity="rec"),
        "hypotheses/glyx-13.toml", "node 'k'", "a shared id must mean one thing", ""),
    "parent chain that loops": (
        lambda f: f["entities.toml"]["entity"][0].update(parent="rec-sub"),
        "entities.toml", "entity 'rec'", "parent chain loops", ""),
    "compartment parent chain that loops": (
        lambda f: f["compartments.toml"]["compartment"][0].update(parent="membrane"),
        "compartments.toml", "compartment 'cell'", "parent chain loops: cell → membrane → cell", ""),
    "unknown parent": (
        lambda f: f["entities.toml"]["entity"][2].update(parent="ghost"),
        "entities.toml", "entity 'kin'", "unknown parent 'ghost'", ""),
    "unknown compartment": (
        lambda f: f["hypotheses/hnk-ampa.toml"]["node"][0].update(compartment="attic"),
        "hypotheses/hnk-ampa.toml", "node 'r'", "unknown compartment 'attic'", ""),
    "readout that is not a node": (
        lambda f: f["hypotheses/hnk-ampa.toml"].update(readouts=["b", "zz"]),
        "hypotheses/hnk-ampa.toml", "readouts", "unknown node 'zz'", ""),
    "node without an integrated position": (
        lambda f: f["integrated.toml"]["position"].pop(),
        "integrated.toml", "node 's'", "no position in the integrated layout", ""),
    "slide layout missing a node": (
        lambda f: f["hypotheses/hnk-ampa.toml"].update(slide={"nodes": {"r": [0, 0], "k": [1, 0]}}),
        "hypotheses/hnk-ampa.toml", "slide", "no [column, row] for node 'b', 'm', 's'", ""),
    "slide layout naming an unknown node": (
        lambda f: f["hypotheses/hnk-ampa.toml"].update(slide={"nodes": {
            "r": [0, 0], "k": [1, 0], "b": [2, 0], "m": [3, 0], "s": [4, 0], "zz": [5, 0]}}),
        "hypotheses/hnk-ampa.toml", "slide", "unknown node 'zz'", ""),
    "slide position that is not two numbers": (
        lambda f: f["hypotheses/hnk-ampa.toml"].update(slide={"legend": [1], "nodes": {
            "r": [0, 0], "k": [1, 0], "b": [2, 0], "m": [3, 0], "s": "left"}}),
        "hypotheses/hnk-ampa.toml", "slide", "should be", ""),
    "integrated part naming an unknown node": (
        lambda f: f["integrated.toml"].update(part=[{"title": "All", "nodes": {
            n: [i, 0] for i, n in enumerate(["r", "k", "b", "m", "s", "zz"])}}]),
        "integrated.toml", "part 1", "names node 'zz'", ""),
    "integrated parts leaving a node out": (
        lambda f: f["integrated.toml"].update(part=[{"title": "Some", "nodes": {"r": [0, 0], "k": [1, 0]}}]),
        "integrated.toml", "part", "is on no part", ""),
    "NCT id that is not one": (
        lambda f: f["drugs.toml"]["drug"][0].update(trial=[{"nct": "NCT123"}]),
        "drugs.toml", "drug 'blocker', trial 1", "is not an NCT identifier", ""),
    "component that the combination lacks": (
        lambda f: f["drugs.toml"]["drug"][0]["action"][0].update(component="quinidine"),
        "drugs.toml", "drug 'blocker', action 1", "is not one of the drug's components", ""),
    "id that is not a slug": (
        lambda f: f["entities.toml"]["entity"].append(
            {"id": "Big Receptor", "name": "Big", "kind": "receptor", "source": "§1", "refs": [1]}),
        "entities.toml", "entity 'Big Receptor'", "is not a lower-case slug", ""),
    "file name and id disagree": (
        lambda f: f["hypotheses/mglur2-3.toml"].update(id="mglur5"),
        "hypotheses/mglur2-3.toml", "", "does not match the file name", ""),
    "binary file": (
        lambda f: f.update({"drugs.toml": b"\x89PNG\r\n\x1a\n\x00\xff\xfe"}),
        "drugs.toml", "", "not UTF-8 text", ""),
    "enormous file": (
        lambda f: f.update({"drugs.toml": "# " + "x" * MAX_FILE_BYTES + "\n"}),
        "drugs.toml", "", "the limit is", ""),
    "nested too deeply": (
        lambda f: f.update({"drugs.toml": "a = " + "[" * 100_000 + "]" * 100_000 + "\n"}),
        "drugs.toml", "", "malformed TOML", ""),
    "truncated file": (
        lambda f: f.update({"compartments.toml": to_toml(f["compartments.toml"])[:25]}),
        "compartments.toml", "", "malformed TOML", ""),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_kind_of_mistake_is_named_with_file_and_item(tmp_path, case):
    mutate, file, item, message, also = CASES[case]
    files = tiny_files()
    mutate(files)
    with pytest.raises(ValidationError) as caught:
        load_knowledge_base(write_pathways(tmp_path / "p", files))
    matching = [p for p in caught.value.problems if p.file == file and message in p.message]
    assert matching, f"no problem naming {file}: {message} in {caught.value.problems}"
    assert item in matching[0].item
    assert also in str(caught.value)
    # One mistake is one problem (an unreadable file does not cascade into dozens).
    assert len(caught.value.problems) <= 3, caught.value.problems


def test_every_problem_is_listed_at_once(tmp_path):
    files = tiny_files()
    _first_edge(files).update(effect="excites", target_node="nowhere")
    files["drugs.toml"]["drug"][0]["action"][0].update(action="blocks")
    files["entities.toml"]["entity"][0].update(kind="gizmo")
    with pytest.raises(ValidationError) as caught:
        load_knowledge_base(write_pathways(tmp_path / "p", files))
    messages = " | ".join(str(p) for p in caught.value.problems)
    for expected in ("unknown effect 'excites'", "unknown node 'nowhere'",
                     "unknown action 'blocks'", "unknown kind 'gizmo'"):
        assert expected in messages


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(ValidationError, match="not a folder"):
        load_knowledge_base(tmp_path / "nope")


def test_a_users_own_pathway_file_is_checked_against_the_bundled_data(tmp_path):
    good = {
        "id": "my-pathway", "title": "Mine", "order": 7, "summary": "Mine.", "source": "my notes",
        "refs": [5], "readouts": ["bdnf-x"],
        "node": [{"id": "bdnf-x", "entity": "bdnf", "compartment": next(iter(_bundled_compartments())),
                  "x": 0, "y": 0, "source": "Fig. 1 legend", "refs": [5]}],
        "edge": [],
    }
    path = tmp_path / "mine.toml"
    path.write_text(to_toml(good))
    assert validate_paths([path]) == []
    good["node"][0]["entity"] = "unobtainium"
    path.write_text(to_toml(good))
    [problem] = validate_paths([path])
    assert problem.file == str(path) and "unknown entity 'unobtainium'" in problem.message


def _bundled_compartments():
    return load_knowledge_base().compartments
