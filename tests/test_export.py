"""Writing files: one graph, the table, the whole batch, and the ``export`` command."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from pptx import Presentation

from explorer import build_graphs, load_knowledge_base
from explorer.engine import UnknownName
from explorer.export import (
    GRAPH_SUFFIXES,
    UnsafePath,
    UnsupportedFormat,
    export_all,
    export_graph,
    export_table,
)
from explorer.model import HYPOTHESIS_IDS, INTEGRATED

from .conftest import write_pathways


@pytest.fixture
def tiny(tmp_path):
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways"))
    return kb, build_graphs(kb)


def all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


# -- one file -----------------------------------------------------------------------

READERS = {
    ".svg": lambda p: ET.parse(p).getroot().tag == "{http://www.w3.org/2000/svg}svg",
    ".png": lambda p: p.read_bytes().startswith(b"\x89PNG"),
    ".pdf": lambda p: p.read_bytes().startswith(b"%PDF"),
    ".pptx": lambda p: len(Presentation(str(p)).slides) == 1,
    ".graphml": lambda p: nx.read_graphml(p).number_of_edges() == 4,
    ".cyjs": lambda p: nx.cytoscape_graph(json.loads(p.read_text("utf-8"))).number_of_edges() == 4,
    ".sbgn": lambda p: len(ET.parse(p).getroot().findall(".//{http://sbgn.org/libsbgn/0.2}arc")) == 6,
}


@pytest.mark.parametrize("suffix", GRAPH_SUFFIXES)
def test_export_graph_picks_the_format_from_the_suffix(tiny, tmp_path, suffix):
    kb, graphs = tiny
    path = export_graph(kb, graphs, "disinhibition", "blocker", tmp_path / f"figure{suffix}")
    assert READERS[suffix](path)


def test_the_suffix_is_case_insensitive(tiny, tmp_path):
    kb, graphs = tiny
    assert READERS[".svg"](export_graph(kb, graphs, INTEGRATED, None, tmp_path / "FIGURE.SVG"))


@pytest.mark.parametrize("name", ["figure.jpg", "figure", "figure.svg.exe", "table.csv"])
def test_an_unknown_suffix_names_the_supported_ones_and_writes_nothing(tiny, tmp_path, name):
    kb, graphs = tiny
    with pytest.raises(UnsupportedFormat, match=r"\.svg \.png \.pdf \.pptx \.graphml \.cyjs \.sbgn") as error:
        export_graph(kb, graphs, "disinhibition", None, tmp_path / "out" / name)
    assert isinstance(error.value, ValueError)
    assert not (tmp_path / "out").exists()


def test_unknown_names_raise_before_anything_is_written(tiny, tmp_path):
    kb, graphs = tiny
    with pytest.raises(UnknownName):
        export_graph(kb, graphs, "disinhibition", "no-such-drug", tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()


def test_export_table(tiny, tmp_path):
    kb, _ = tiny
    path = export_table(kb, tmp_path / "drugs.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == list(kb.drugs)
    with pytest.raises(UnsupportedFormat, match=r"\.csv"):
        export_table(kb, tmp_path / "drugs.xlsx")


# -- the batch -----------------------------------------------------------------------

def expected_batch(kb, graphs) -> set[str]:
    names = {"drugs.csv"}
    for hypothesis in graphs:
        names.add(f"{hypothesis}/{hypothesis}.svg")
        names.update(f"{hypothesis}/{hypothesis}--{drug}.svg" for drug in kb.drugs)
        names.update(f"{hypothesis}/{hypothesis}{suffix}" for suffix in (".graphml", ".cyjs", ".sbgn"))
    return names


def test_export_all_writes_the_expected_files_and_nothing_else(tiny, tmp_path):
    kb, graphs = tiny
    before = all_files(tmp_path)
    calls = []
    out = tmp_path / "batch"
    written = export_all(kb, graphs, out, progress=lambda *args: calls.append(args))
    expected = expected_batch(kb, graphs)
    assert len(expected) == 7 * (1 + 3 + 3) + 1
    assert {p.relative_to(out.resolve()).as_posix() for p in written} == expected
    assert all_files(tmp_path) - before == {out.resolve() / name for name in expected}
    assert [c[:2] for c in calls] == [(i, len(expected)) for i in range(1, len(expected) + 1)]
    svg = ET.parse(out / "disinhibition" / "disinhibition--blocker.svg").getroot()
    assert "Blocker" in " ".join(svg.itertext())


def test_export_all_never_follows_a_link_out_of_its_folder(tiny, tmp_path):
    kb, graphs = tiny
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "batch"
    out.mkdir()
    os.symlink(outside, out / "glyx-13")  # a later folder: the check comes before any write
    with pytest.raises(UnsafePath, match="outside"):
        export_all(kb, graphs, out)
    assert not any(outside.iterdir())
    assert [p.name for p in out.iterdir()] == ["glyx-13"]


# -- the command line ----------------------------------------------------------------

# Runs the real ``main`` on a tiny pathways folder instead of the bundled one.
TINY_MAIN = ("import sys, pathlib, explorer.loader as loader; loader.DATA_DIR = pathlib.Path(sys.argv[1]); "
             "from explorer.cli import main; raise SystemExit(main(sys.argv[2:]))")


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess:
    command = ([sys.executable, "-c", TINY_MAIN, str(data)] if data else [sys.executable, "-m", "explorer"])
    return subprocess.run([*command, "export", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def tiny_dir(tmp_path):
    return write_pathways(tmp_path / "pathways")


def test_cli_exports_a_figure_with_a_drug(tiny_dir, tmp_path):
    out = tmp_path / "k.svg"
    result = run("--hypothesis", "disinhibition", "--drug", "BLK-1", "-o", str(out), data=tiny_dir)
    assert result.returncode == 0, result.stderr
    assert "Blocker" in " ".join(ET.parse(out).getroot().itertext())


def test_cli_unknown_drug_exits_2_with_a_suggestion(tiny_dir, tmp_path):
    result = run("--hypothesis", "disinhibition", "--drug", "blockr", "-o", str(tmp_path / "k.svg"),
                 data=tiny_dir)
    assert result.returncode == 2
    assert "unknown drug 'blockr'" in result.stderr and "Blocker" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "k.svg").exists()


def test_cli_unknown_hypothesis_exits_2(tiny_dir, tmp_path):
    result = run("--hypothesis", "disinhibiton", "-o", str(tmp_path / "k.svg"), data=tiny_dir)
    assert result.returncode == 2 and "disinhibition" in result.stderr


def test_cli_unknown_suffix_exits_2_naming_the_supported_ones(tiny_dir, tmp_path):
    result = run("--hypothesis", "disinhibition", "-o", str(tmp_path / "k.gif"), data=tiny_dir)
    assert result.returncode == 2
    assert ".svg .png .pdf .pptx .graphml .cyjs .sbgn" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_table_and_batch(tiny_dir, tmp_path):
    result = run("--table", "-o", str(tmp_path / "drugs.csv"), data=tiny_dir)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "drugs.csv").read_text("utf-8").startswith("id,name,")
    result = run("--all", "-o", str(tmp_path / "batch"), data=tiny_dir)
    assert result.returncode == 0, result.stderr
    assert "[50/50] drugs.csv" in result.stderr and "wrote 50 files" in result.stdout
    assert len(all_files(tmp_path / "batch")) == 50


def test_cli_refuses_a_drug_without_a_hypothesis(tiny_dir, tmp_path):
    result = run("--all", "--drug", "blocker", "-o", str(tmp_path / "batch"), data=tiny_dir)
    assert result.returncode == 2 and not (tmp_path / "batch").exists()


def test_cli_an_unwritable_place_is_an_error_not_a_traceback(tiny_dir, tmp_path):
    result = run("--hypothesis", "disinhibition", "-o", str(tmp_path / "missing" / "k.svg"), data=tiny_dir)
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


# -- the bundled data ----------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_cli_ketamine_figure_from_the_bundled_data(tmp_path, suffix):
    out = tmp_path / f"k{suffix}"
    result = run("--hypothesis", "disinhibition", "--drug", "ketamine", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def test_cli_suggests_a_bundled_drug(tmp_path):
    result = run("--hypothesis", "integrated", "--drug", "rapastinl", "-o", str(tmp_path / "x.svg"))
    assert result.returncode == 2 and "did you mean" in result.stderr
    assert "apastinel" in result.stderr


def test_bundled_batch_file_set(kb, graphs, tmp_path):
    written = export_all(kb, graphs, tmp_path / "all")
    assert {p.relative_to((tmp_path / "all").resolve()).as_posix() for p in written} \
        == expected_batch(kb, graphs)
    assert set(graphs) == {*HYPOTHESIS_IDS, INTEGRATED}
