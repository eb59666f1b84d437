"""Writing files: one graph, the table, the whole batch, and the ``export`` command."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from pptx import Presentation

from explorer import build_graphs, explain_drug, export, load_knowledge_base
from explorer.engine import UnknownName
from explorer.export import (
    GRAPH_SUFFIXES,
    NO_PATH_FOLDER,
    UnsafePath,
    UnsupportedFormat,
    companion_paths,
    export_all,
    export_graph,
    export_table,
    quiz_bytes,
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
    ".sbgn": lambda p: len(ET.parse(p).getroot().findall(".//{http://sbgn.org/libsbgn/0.3}arc")) == 6,
}


@pytest.mark.parametrize("suffix", GRAPH_SUFFIXES)
def test_export_graph_picks_the_format_from_the_suffix(tiny, tmp_path, suffix):
    kb, graphs = tiny
    path = export_graph(kb, graphs, "disinhibition", "blocker", tmp_path / f"figure{suffix}")
    assert READERS[suffix](path)


def test_a_cyjs_gets_its_styles_beside_it(tiny, tmp_path):
    kb, graphs = tiny
    (tmp_path / "out").mkdir()
    path = export_graph(kb, graphs, "disinhibition", None, tmp_path / "out" / "k.cyjs")
    companions = companion_paths(path)
    assert companions == {"styles.xml": tmp_path / "out" / "k.styles.xml",
                          "style.json": tmp_path / "out" / "k.style.json"}
    assert ET.parse(companions["styles.xml"]).getroot().tag == "vizmap"
    assert all("selector" in rule for rule in json.loads(companions["style.json"].read_text("utf-8")))
    assert all_files(tmp_path / "out") == {path, *companions.values()}


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
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,")    # UTF-8 with a BOM, for Excel
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == list(kb.drugs)
    with pytest.raises(UnsupportedFormat, match=r"\.csv"):
        export_table(kb, tmp_path / "drugs.xlsx")


# -- the batch -----------------------------------------------------------------------

FIGURES = (".svg", ".png", ".pdf")
GRAPH_FILES = (".graphml", ".cyjs", ".styles.xml", ".style.json", ".sbgn")


def expected_batch(kb, graphs) -> set[str]:
    names = {"drugs.csv", "index.html", "explorer.html", *(f"decks/{drug}.pptx" for drug in kb.drugs)}
    for hypothesis, graph in graphs.items():
        names.update(f"{hypothesis}/{hypothesis}{suffix}" for suffix in FIGURES + GRAPH_FILES)
        for drug in kb.drugs.values():
            if explain_drug(kb, drug, graph).reaches_any:
                names.update(f"{hypothesis}/{hypothesis}--{drug.id}{suffix}" for suffix in FIGURES)
            else:  # the panel's own figure with a subtitle: SVG only
                names.add(f"{hypothesis}/{NO_PATH_FOLDER}/{hypothesis}--{drug.id}.svg")
    return names


class IndexLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and not dict(attrs)["href"].startswith("#"):
            self.links.append(dict(attrs)["href"])


def index_links(folder: Path) -> list[str]:
    parser = IndexLinks()
    parser.feed((folder / "index.html").read_text("utf-8"))
    return parser.links


def test_export_all_writes_the_expected_files_and_nothing_else(tiny, tmp_path):
    kb, graphs = tiny
    before = all_files(tmp_path)
    calls = []
    out = tmp_path / "batch"
    written = export_all(kb, graphs, out, progress=lambda *args: calls.append(args))
    expected = expected_batch(kb, graphs)
    # 6 panels × (3 figures + 5 graph files + 2 drugs × 3 figures + 1 drug × 1 SVG) + the
    # integrated view, which covers none of the tiny drugs (no panel names them: the SVG only)
    # + 3 decks + the explorer, table, index
    assert len(expected) == 6 * (3 + 5 + 2 * 3 + 1) + (3 + 5 + 3 * 1) + 3 + 3
    assert {p.relative_to(out.resolve()).as_posix() for p in written} == expected
    assert all_files(tmp_path) - before == {out.resolve() / name for name in expected}
    assert [c[:2] for c in calls] == [(i, len(expected)) for i in range(1, len(expected) + 1)]
    assert calls[-1][2] == "index.html"
    svg = ET.parse(out / "disinhibition" / "disinhibition--blocker.svg").getroot()
    assert "Blocker" in " ".join(svg.itertext())
    # "Elsewhere" acts on nothing drawn: its figures are told apart by their folder.
    assert "acts on nothing drawn" in (out / "disinhibition" / NO_PATH_FOLDER / "disinhibition--elsewhere.svg"
                                       ).read_text("utf-8")
    assert not (out / "disinhibition" / NO_PATH_FOLDER / "disinhibition--elsewhere.png").exists()
    assert (out / "disinhibition" / "disinhibition--blocker.pdf").read_bytes().startswith(b"%PDF")
    from pptx import Presentation

    deck = Presentation(str(out / "decks" / "blocker.pptx"))   # a title, a slide per hypothesis, a summary
    assert len(deck.slides) == 1 + len(kb.hypotheses) + 1
    assert "<html" in (out / "explorer.html").read_text("utf-8")


def test_the_index_links_every_file_by_hypothesis_and_drug(tiny, tmp_path):
    kb, graphs = tiny
    out = tmp_path / "batch"
    written = export_all(kb, graphs, out)
    links = index_links(out)
    assert {(out / link).resolve() for link in links} == set(written) - {(out / "index.html").resolve()}
    page = (out / "index.html").read_text("utf-8")
    for hypothesis, graph in graphs.items():
        assert f'id="{hypothesis}"' in page and graph.graph["title"] in page
    section = page[page.index('id="disinhibition"'):page.index('id="spontaneous-transmission"')]
    apart = section[section.index("No modelled path"):]
    assert "Elsewhere" in apart and "Blocker" not in apart
    blocker = explain_drug(kb, kb.drugs["blocker"], graphs["disinhibition"]).readouts["BDNF"]
    assert f"BDNF ▲ {blocker.basis}" in section          # the prediction, with whose claim it is
    by_drug = page[page.index('id="by-drug"'):]
    for drug in kb.drugs:
        for hypothesis in graphs:
            assert f"{hypothesis}--{drug}.svg" in by_drug
    # Hypotheses are named by their titles, not their ids, wherever the page names them.
    shown = re.findall(r">([^<]+)</a>", page)
    assert not set(shown) & set(graphs)
    assert f'>{graphs["glyx-13"].graph["title"]}</a>' in by_drug


def test_workers_write_the_same_files(tiny, tmp_path):
    kb, graphs = tiny
    one = export_all(kb, graphs, tmp_path / "one", workers=1)
    two = export_all(kb, graphs, tmp_path / "two", workers=2)
    relative = {p.relative_to((tmp_path / "one").resolve()).as_posix() for p in one}
    assert relative == {p.relative_to((tmp_path / "two").resolve()).as_posix() for p in two}
    for name in relative:
        if name.endswith((".svg", ".graphml", ".cyjs", ".sbgn", ".csv", ".html", ".json", ".xml")):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_the_job_list_is_the_hook_for_other_outputs(tiny, tmp_path, monkeypatch):
    """A new kind of output joins by adding jobs and a renderer (as the decks and the
    one-file explorer did); it is written, counted and linked like the rest."""
    kb, graphs = tiny
    original = export.batch_jobs

    def with_notes(kb, graphs):
        return [*original(kb, graphs), *(export.Job(f"notes/{d}.txt", "notes", ".txt", None, d) for d in kb.drugs)]

    monkeypatch.setattr(export, "batch_jobs", with_notes)
    monkeypatch.setitem(export.RENDERERS, "notes", lambda kb, graphs, job: f"notes on {job.drug}".encode())
    out = tmp_path / "batch"
    export_all(kb, graphs, out, workers=1)
    assert (out / "notes" / "blocker.txt").read_bytes() == b"notes on blocker"
    assert "notes/blocker.txt" in index_links(out)


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


def test_cli_names_the_styles_written_beside_a_cyjs(tiny_dir, tmp_path):
    out = tmp_path / "k.cyjs"
    result = run("--hypothesis", "disinhibition", "-o", str(out), data=tiny_dir)
    assert result.returncode == 0, result.stderr
    written = [line.removeprefix("wrote ") for line in result.stdout.splitlines()]
    assert written == [str(out), str(tmp_path / "k.styles.xml"), str(tmp_path / "k.style.json")]
    assert all(Path(name).stat().st_size > 100 for name in written)


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
    assert (tmp_path / "drugs.csv").read_text("utf-8-sig").startswith("id,name,")
    result = run("--all", "-o", str(tmp_path / "batch"), data=tiny_dir)
    assert result.returncode == 0, result.stderr
    # 7 views × 15 files (see test_export_all_writes_the_expected_files_and_nothing_else) + 6
    assert "[107/107] index.html" in result.stderr and "wrote 107 files" in result.stdout
    assert len(all_files(tmp_path / "batch")) == 107


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


@pytest.mark.parametrize(("suffix", "starts"), [(".zip", b"PK"), (".xml", b"<?xml"), (".gift", b"// ")])
def test_cli_writes_a_question_bank(tmp_path, suffix, starts):
    out = tmp_path / f"questions{suffix}"
    result = run("--quiz", "--hypothesis", "glyx-13", "--drug", "GLYX-13", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(starts) and f"wrote {out}" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--quiz", "-o", "q.txt"), "unsupported suffix .txt; use one of .zip .xml .gift"),
    (("--quiz", "--drug", "basimglurant", "-o", "q.gift"), "nothing to quiz on: Basimglurant"),
    (("--quiz", "--drug", "rapastinl", "-o", "q.gift"), "did you mean"),
    (("--quiz", "--table", "-o", "q.gift"), "--quiz writes one question bank"),
])
def test_cli_quiz_mistakes_exit_2_in_one_line(tmp_path, args, message):
    result = run(*args[:-1], str(tmp_path / args[-1]))
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / args[-1]).exists()


def test_bundled_batch_file_set(kb, graphs, tmp_path):
    written = export_all(kb, graphs, tmp_path / "all")
    banks = {f"quiz/questions{suffix}" for suffix in (".zip", ".xml", ".gift")}  # the review names drugs here
    assert {p.relative_to((tmp_path / "all").resolve()).as_posix() for p in written} \
        == expected_batch(kb, graphs) | banks
    page = (tmp_path / "all" / "index.html").read_text("utf-8")
    assert all(f'<a href="{bank}">' in page for bank in banks)
    assert "IMS QTI 2.1 content package (Canvas, Blackboard)" in page and "Moodle XML" in page
    assert (tmp_path / "all" / "quiz" / "questions.zip").read_bytes() == quiz_bytes(kb, graphs, ".zip")
    assert set(graphs) == {*HYPOTHESIS_IDS, INTEGRATED}
