"""The command line and its JSON contract, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import tiny_files, write_pathways


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args],
                          capture_output=True, text=True, timeout=120)


def test_validate_the_bundled_data():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_lists_every_problem_and_exits_1(tmp_path):
    files = tiny_files()
    files["hypotheses/disinhibition.toml"]["edge"][0]["effect"] = "excites"
    files["drugs.toml"]["drug"][0]["action"][0]["entity"] = "unicorn"
    result = run("validate", str(write_pathways(tmp_path / "p", files)))
    assert result.returncode == 1
    assert "hypotheses/disinhibition.toml: edge 1 (r → k): unknown effect 'excites'" in result.stderr
    assert "drugs.toml: drug 'blocker', action 1: acts on unknown entity 'unicorn'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_a_malformed_file_names_its_line(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('id = "mine"\ntitle = = "x"\n')
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "mine.toml" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_hypotheses_json():
    result = run("list", "hypotheses", "--json")
    data = json.loads(result.stdout)
    assert [h["id"] for h in data] == ["disinhibition", "spontaneous-transmission",
                                       "extrasynaptic-glun2b", "hnk-ampa", "mglur2-3", "glyx-13"]
    for hypothesis in data:
        assert {"id", "title", "readouts"} <= set(hypothesis)
        assert {"BDNF", "mTORC1"} <= set(hypothesis["readouts"])


def test_list_drugs_json():
    data = json.loads(run("list", "drugs", "--json").stdout)
    assert len(data) == 29
    ketamine = next(d for d in data if d["id"] == "ketamine")
    assert {"id", "name", "synonyms", "class", "actions"} <= set(ketamine)
    assert {"entity": "nmdar", "action": "antagonist"}.items() <= ketamine["actions"][0].items()


def test_explain_json_contract():
    result = run("explain", "ketamine", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["drug"] == "ketamine"
    assert len(data["results"]) == 6
    for item in data["results"]:
        assert set(item["readouts"]) >= {"BDNF", "mTORC1"}
        for readout in item["readouts"].values():
            assert readout["effect"] in {"up", "down", "mixed", "none"}
            assert (readout["effect"] == "none") == (readout["chain"] == [])
            if readout["chain"]:
                assert readout["chain"][0] in item["targets"]
            for node in readout["chain"]:
                assert {"entity", "label", "compartment"} <= set(data["nodes"][node])


@pytest.mark.parametrize("name, drug_id", [
    ("GLYX-13", "rapastinel"), ("cerc-301", "rislenemdaz"), ("Esketamine", "esketamine"),
    ("AV-101", "av-101"), ("SAGE-217", "zuranolone"),
])
def test_explain_matches_names_and_codes(name, drug_id):
    result = run("explain", name, "--hypothesis", "glyx-13", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["drug"] == drug_id
    assert [r["hypothesis"] for r in data["results"]] == ["glyx-13"]


def test_explain_text_shows_the_chain():
    result = run("explain", "ketamine", "--hypothesis", "disinhibition")
    assert result.returncode == 0, result.stderr
    assert "▲ BDNF: increased (stated)" in result.stdout
    assert "(R,S)-Ketamine (antagonist) ⊣ NMDAR" in result.stdout
    assert "evidence: “Racemic (R,S)-ketamine and esketamine selectively block" in result.stdout
    assert "caveat:" in result.stdout  # ketamine's mechanism is "yet to be conclusively established"


def test_unknown_drug_exits_2_with_suggestions():
    result = run("explain", "ketamin")
    assert result.returncode == 2
    assert "unknown drug 'ketamin'" in result.stderr and "Ketamine" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_hypothesis_exits_2_with_suggestions():
    result = run("explain", "ketamine", "--hypothesis", "disinhibtion")
    assert result.returncode == 2
    assert "did you mean disinhibition" in result.stderr


def test_a_reader_that_stops_early_is_not_an_error():
    """``moa-explorer list drugs --json | head -3`` must not end in a traceback."""
    process = subprocess.Popen([sys.executable, "-m", "explorer", "list", "drugs", "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()  # like `head`, stop reading
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"Traceback" not in stderr


# -- export refusals: one line and exit status 1, never a traceback -------------------

def _one_line_refusal(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("moa-explorer: ") and expected in lines[0], result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="creating symbolic links needs POSIX (or admin rights on Windows)")
def test_export_all_refuses_a_symlinked_sub_folder_before_writing_anything(tmp_path):
    outside, out = tmp_path / "outside", tmp_path / "batch"
    outside.mkdir()
    out.mkdir()
    (out / "glyx-13").symlink_to(outside, target_is_directory=True)
    result = run("export", "--all", "-o", str(out))
    _one_line_refusal(result, "refusing to write 'glyx-13/glyx-13.svg': a link leads it outside")
    assert list(outside.iterdir()) == [] and [p.name for p in out.iterdir()] == ["glyx-13"]


@pytest.mark.parametrize(("blocker", "expected"), [
    ("index.html/", "cannot write 'index.html': it is a folder"),            # written last
    ("decks/ketamine.pptx/", "cannot write 'decks/ketamine.pptx': it is a folder"),
    ("integrated", "cannot write into 'integrated': 'integrated' is a file, not a folder"),
])
def test_export_all_checks_every_destination_before_the_first_write(tmp_path, blocker, expected):
    out = tmp_path / "batch"
    place = out / blocker.rstrip("/")
    place.parent.mkdir(parents=True)
    if blocker.endswith("/"):
        place.mkdir()
    else:
        place.write_text("a file where a folder goes")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = run("export", "--all", "-o", str(out))
    _one_line_refusal(result, expected)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before  # not one file written


@pytest.mark.parametrize("args, expected", [
    (["--all", "-o", "{file}"], "is not a folder"),
    (["--all", "-o", "{file}/batch"], "cannot write"),
    (["--table", "-o", "{file}/drugs.csv"], "cannot write"),
    (["--hypothesis", "disinhibition", "-o", "{file}/k.svg"], "cannot write"),
    (["--hypothesis", "disinhibition", "-o", "{folder}"], "cannot write"),
])
def test_export_to_an_unwritable_place_is_one_line_and_exit_1(tmp_path, args, expected):
    file, folder = tmp_path / "a-file", tmp_path / "a-folder.svg"
    file.write_text("not a folder")
    folder.mkdir()
    result = run("export", *(a.format(file=file, folder=folder) for a in args))
    _one_line_refusal(result, expected)
    assert file.read_text() == "not a folder"
