"""Write figures, graph files, the drug table and the one-file explorer: thin wrappers over
the pure generators.

The format comes from the file's suffix. :func:`export_all` writes every figure and
graph file into one folder, naming files from known ids only (never from a user's
string) and refusing to write anywhere outside that folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import networkx as nx

from .engine import explain_drug, resolve_drug, resolve_hypothesis
from .exchange import drugs_csv, to_cytoscape_json, to_graphml, to_sbgn
from .figure import figure_bytes
from .model import KnowledgeBase

__all__ = [
    "BUNDLE_SUFFIXES", "DECK_SUFFIXES", "EXCHANGE_SUFFIXES", "FIGURE_SUFFIXES", "GRAPH_SUFFIXES", "UnsafePath",
    "UnsupportedFormat", "export_all", "export_bundle", "export_deck", "export_graph", "export_table",
    "graph_bytes",
]

FIGURE_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".pdf", ".pptx")
DECK_SUFFIXES: tuple[str, ...] = (".pptx",)
EXCHANGE_SUFFIXES: tuple[str, ...] = (".graphml", ".cyjs", ".sbgn")
GRAPH_SUFFIXES: tuple[str, ...] = FIGURE_SUFFIXES + EXCHANGE_SUFFIXES
TABLE_SUFFIXES: tuple[str, ...] = (".csv",)
BUNDLE_SUFFIXES: tuple[str, ...] = (".html",)
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

Progress = Callable[[int, int, str], None]


class UnsupportedFormat(ValueError):
    """A file suffix that names no format we write; the message lists the ones we do."""

    def __init__(self, path: Path | str, supported: tuple[str, ...]):
        self.path, self.supported = Path(path), supported
        suffix = Path(path).suffix or "(none)"
        super().__init__(f"cannot export to {str(path)!r}: unsupported suffix {suffix}; "
                         f"use one of {' '.join(supported)}")


class UnsafePath(ValueError):
    """A write refused because of where it would land (outside the batch folder) or its name."""


def _suffix(path: Path, supported: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in supported:
        raise UnsupportedFormat(path, supported)
    return suffix


def graph_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypothesis_id: str,
                drug_id: str | None, suffix: str, *, preset: str | None = None, page: str = "a4") -> bytes:
    """One hypothesis (or ``integrated``) in the format of ``suffix``, with the drug's overlay.

    Figures (and the one-slide ``.pptx``) are drawn by :func:`explorer.figure.figure_bytes`,
    at ``preset`` (``slide`` or ``handout``; by default ``slide`` for PPTX) and, for PDF,
    on ``page`` (``a4``, ``letter`` or ``fit``); in the exchange formats the drug's
    targets and paths become attributes (SBGN-ML: a perturbation glyph).
    """
    if suffix in FIGURE_SUFFIXES:
        return figure_bytes(kb, graphs, hypothesis_id, drug_id, suffix[1:], preset=preset, page=page)
    graph = graphs[resolve_hypothesis(kb, hypothesis_id)]
    explanation = explain_drug(kb, resolve_drug(kb, drug_id), graph) if drug_id else None
    if suffix == ".graphml":
        text = to_graphml(graph, explanation)
    elif suffix == ".cyjs":
        text = json.dumps(to_cytoscape_json(graph, kb, explanation), indent=1, ensure_ascii=False) + "\n"
    elif suffix == ".sbgn":
        text = to_sbgn(graph, kb, explanation)
    else:
        raise UnsupportedFormat(f"file{suffix}", GRAPH_SUFFIXES)
    return text.encode("utf-8")


def export_graph(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypothesis_id: str,
                 drug_id: str | None, path: Path | str, *, preset: str | None = None,
                 page: str = "a4") -> Path:
    """Write one hypothesis graph, as a figure or an exchange file chosen by the suffix.

    Raises :class:`UnsupportedFormat` for a suffix other than .svg .png .pdf .pptx
    .graphml .cyjs .sbgn (before anything is computed or written).
    """
    path = Path(path)
    suffix = _suffix(path, GRAPH_SUFFIXES)
    path.write_bytes(graph_bytes(kb, graphs, hypothesis_id, drug_id, suffix, preset=preset, page=page))
    return path


def export_deck(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str, path: Path | str) -> Path:
    """Write a drug's PowerPoint deck: a title slide, one slide per hypothesis, a summary table."""
    path = Path(path)
    _suffix(path, DECK_SUFFIXES)
    from .figure.deck import deck_bytes  # python-pptx loads only for slides

    path.write_bytes(deck_bytes(kb, graphs, drug_id))
    return path


def export_bundle(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], path: Path | str, *,
                  hypothesis: str | None = None, drug: str | None = None) -> Path:
    """Write the one-file explorer (:func:`explorer.bundle.bundle_html`), opened at a view if given."""
    path = Path(path)
    _suffix(path, BUNDLE_SUFFIXES)
    from .bundle import bundle_html

    path.write_text(bundle_html(kb, graphs, hypothesis=hypothesis, drug=drug), encoding="utf-8")
    return path


def export_table(kb: KnowledgeBase, path: Path | str) -> Path:
    """Write the drug table as CSV (UTF-8)."""
    path = Path(path)
    _suffix(path, TABLE_SUFFIXES)
    path.write_text(drugs_csv(kb), encoding="utf-8", newline="")
    return path


def _jobs(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> list[tuple[str, str, str | None, str]]:
    """(file name, hypothesis, drug, suffix) for every file of the batch, names from ids only."""
    jobs = []
    for hypothesis in graphs:
        drugs: list[str | None] = [None, *kb.drugs]
        for drug in drugs:
            for part in (hypothesis, drug):
                if part is not None and not _SAFE_ID.match(part):
                    raise UnsafePath(f"refusing to build a file name from the id {part!r}")
            stem = hypothesis if drug is None else f"{hypothesis}--{drug}"
            jobs.append((f"{hypothesis}/{stem}.svg", hypothesis, drug, ".svg"))
        for suffix in EXCHANGE_SUFFIXES:
            jobs.append((f"{hypothesis}/{hypothesis}{suffix}", hypothesis, None, suffix))
    return jobs


def export_all(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], directory: Path | str,
               progress: Progress | None = None) -> list[Path]:
    """Write the whole teaching set into ``directory`` (created if missing).

    For every hypothesis and the integrated view, in a folder named by its id: the
    figure without a drug and with each drug (``<hypothesis>--<drug>.svg``), and the
    graph as GraphML, Cytoscape.js JSON and SBGN-ML; then ``drugs.csv``.

    Parameters
    ----------
    progress : called after each file with (files done, files in all, file name).

    Returns
    -------
    The paths written.
    """
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UnsafePath(f"{str(root)!r} is not a folder")
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    jobs = _jobs(kb, graphs)
    total = len(jobs) + 1

    def target(name: str) -> Path:
        # Resolving follows symlinks: a link inside the folder cannot lead a write outside it.
        path = (root / name).resolve()
        if not path.is_relative_to(root):
            raise UnsafePath(f"refusing to write {name!r}: a link leads it outside {root}")
        return path

    # Every destination is checked before the first file is written: a refusal leaves no half batch.
    targets = [target(name) for name, *_ in jobs]
    table = target("drugs.csv")
    written = []
    for done, (path, (name, hypothesis, drug, suffix)) in enumerate(zip(targets, jobs, strict=True), 1):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(graph_bytes(kb, graphs, hypothesis, drug, suffix))
        written.append(path)
        if progress:
            progress(done, total, name)
    written.append(export_table(kb, table))
    if progress:
        progress(total, total, "drugs.csv")
    return written
