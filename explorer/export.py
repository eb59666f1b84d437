"""Write figures, slides and decks, graph files, the drug table, the one-file explorer and
the question banks: thin wrappers over the pure generators.

The format comes from the file's suffix. A ``.cyjs`` gets its two style files beside
it (:func:`companion_paths`). :func:`export_all` writes the whole teaching set into one
folder with an ``index.html``, naming files from known ids only (never from a user's
string) and refusing to write anywhere outside that folder.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .engine import Explanation, explain_drug, resolve_drug, resolve_hypothesis
from .exchange import (
    cytoscape_style,
    cytoscape_styles_xml,
    drugs_csv_bytes,
    to_cytoscape_json,
    to_graphml,
    to_sbgn,
)
from .figure import citation_line, figure_bytes
from .model import BASIS_SHORT, BASIS_WORDS, KnowledgeBase
from .style import EFFECT_WORDS

__all__ = [
    "BATCH_FIGURE_SUFFIXES", "BUNDLE_SUFFIXES", "DECK_SUFFIXES", "EXCHANGE_SUFFIXES", "FIGURE_SUFFIXES",
    "GRAPH_SUFFIXES", "NO_PATH_FOLDER", "QUIZ_SUFFIXES", "RENDERERS", "Job", "UnsafePath", "UnsupportedFormat",
    "batch_jobs", "companion_paths", "export_all", "export_bundle", "export_deck", "export_graph", "export_quiz",
    "export_table", "graph_bytes", "index_html", "job_bytes", "quiz_bytes",
]

FIGURE_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".pdf", ".pptx")
DECK_SUFFIXES: tuple[str, ...] = (".pptx",)
EXCHANGE_SUFFIXES: tuple[str, ...] = (".graphml", ".cyjs", ".sbgn")
GRAPH_SUFFIXES: tuple[str, ...] = FIGURE_SUFFIXES + EXCHANGE_SUFFIXES
TABLE_SUFFIXES: tuple[str, ...] = (".csv",)
BUNDLE_SUFFIXES: tuple[str, ...] = (".html",)
#: Question banks: an IMS QTI 2.1 package, Moodle XML, GIFT.
QUIZ_SUFFIXES: tuple[str, ...] = (".zip", ".xml", ".gift")
#: The figure formats ``--all`` writes for every view (slides come as one deck per drug).
BATCH_FIGURE_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".pdf")
#: Inside each hypothesis's folder: the figures of drugs that reach no readout there.
NO_PATH_FOLDER = "no-modelled-path"
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


def _style_json_bytes() -> bytes:
    return (json.dumps(cytoscape_style(), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def companion_paths(path: Path | str) -> dict[str, Path]:
    """The style files written beside a ``.cyjs``: ``F.cyjs`` → ``F.styles.xml`` (Cytoscape
    desktop: File > Import > Styles from File) and ``F.style.json`` (Cytoscape.js)."""
    path = Path(path)
    return {"styles.xml": path.with_suffix(".styles.xml"), "style.json": path.with_suffix(".style.json")}


_COMPANIONS: dict[str, Callable[[], bytes]] = {
    "styles.xml": lambda: cytoscape_styles_xml().encode("utf-8"),
    "style.json": _style_json_bytes,
}


def export_graph(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypothesis_id: str,
                 drug_id: str | None, path: Path | str, *, preset: str | None = None,
                 page: str = "a4") -> Path:
    """Write one hypothesis graph, as a figure or an exchange file chosen by the suffix.

    A ``.cyjs`` also gets its styles beside it (see :func:`companion_paths`). Raises
    :class:`UnsupportedFormat` for a suffix other than .svg .png .pdf .pptx .graphml
    .cyjs .sbgn (before anything is computed or written).
    """
    path = Path(path)
    suffix = _suffix(path, GRAPH_SUFFIXES)
    path.write_bytes(graph_bytes(kb, graphs, hypothesis_id, drug_id, suffix, preset=preset, page=page))
    if suffix == ".cyjs":
        for kind, companion in companion_paths(path).items():
            companion.write_bytes(_COMPANIONS[kind]())
    return path


def _deck_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str) -> bytes:
    from .figure.deck import deck_bytes  # python-pptx loads only for slides

    return deck_bytes(kb, graphs, drug_id)


def _bundle_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], *, hypothesis: str | None = None,
                  drug: str | None = None) -> bytes:
    from .bundle import bundle_html

    return bundle_html(kb, graphs, hypothesis=hypothesis, drug=drug).encode("utf-8")


def export_deck(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str, path: Path | str) -> Path:
    """Write a drug's PowerPoint deck: a title slide, one slide per hypothesis, a summary table."""
    path = Path(path)
    _suffix(path, DECK_SUFFIXES)
    path.write_bytes(_deck_bytes(kb, graphs, drug_id))
    return path


def export_bundle(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], path: Path | str, *,
                  hypothesis: str | None = None, drug: str | None = None) -> Path:
    """Write the one-file explorer (:func:`explorer.bundle.bundle_html`), opened at a view if given."""
    path = Path(path)
    _suffix(path, BUNDLE_SUFFIXES)
    path.write_bytes(_bundle_bytes(kb, graphs, hypothesis=hypothesis, drug=drug))
    return path


def quiz_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], suffix: str, *,
               hypothesis: str | None = None, drug: str | None = None) -> bytes:
    """A question bank (:func:`explorer.quiz.question_bank`, narrowed to ids if given) in the
    format of ``suffix``: ``.zip`` (QTI 2.1), ``.xml`` (Moodle XML) or ``.gift``."""
    from .banks import bank_bytes
    from .quiz import question_bank

    return bank_bytes(question_bank(kb, graphs, hypothesis=hypothesis, drug=drug), suffix)


def export_quiz(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], path: Path | str, *,
                hypothesis: str | None = None, drug: str | None = None) -> Path:
    """Write a question bank, its format chosen by the suffix (see :func:`quiz_bytes`).

    Raises :class:`UnsupportedFormat` for another suffix and
    :class:`explorer.quiz.NothingToAsk` when the choice holds no question (before writing).
    """
    path = Path(path)
    suffix = _suffix(path, QUIZ_SUFFIXES)
    path.write_bytes(quiz_bytes(kb, graphs, suffix, hypothesis=hypothesis, drug=drug))
    return path


def export_table(kb: KnowledgeBase, path: Path | str) -> Path:
    """Write the drug table as CSV: UTF-8 with a byte-order mark, which Excel needs."""
    path = Path(path)
    _suffix(path, TABLE_SUFFIXES)
    path.write_bytes(drugs_csv_bytes(kb))
    return path


# -- the batch ------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """One file of the batch.

    ``kind`` picks its renderer in :data:`RENDERERS`; ``hypothesis`` and ``drug`` say
    where :func:`index_html` lists it (``None``: the whole set, or no drug);
    ``no_path`` marks a drug's figure under a hypothesis where it reaches no readout.
    """

    name: str                     # the path inside the folder, built from ids only
    kind: str                     # "figure", "graph", "style", "table", …
    suffix: str
    hypothesis: str | None = None
    drug: str | None = None
    no_path: bool = False


def _figure_or_graph(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], job: Job) -> bytes:
    assert job.hypothesis is not None
    return graph_bytes(kb, graphs, job.hypothesis, job.drug, job.suffix)


#: How each kind of job becomes bytes. Another output joins the batch by adding its
#: renderer here and its jobs in :func:`batch_jobs`; the index lists every job.
RENDERERS: dict[str, Callable[[KnowledgeBase, Mapping[str, nx.DiGraph], Job], bytes]] = {
    "figure": _figure_or_graph,
    "graph": _figure_or_graph,
    "style": lambda kb, graphs, job: _COMPANIONS[job.suffix.lstrip(".")](),
    "table": lambda kb, graphs, job: drugs_csv_bytes(kb),
    "deck": lambda kb, graphs, job: _deck_bytes(kb, graphs, job.drug or ""),
    "explorer": lambda kb, graphs, job: _bundle_bytes(kb, graphs),
    "quiz": lambda kb, graphs, job: quiz_bytes(kb, graphs, job.suffix),
}


def _check_id(part: str | None) -> None:
    if part is not None and not _SAFE_ID.match(part):
        raise UnsafePath(f"refusing to build a file name from the id {part!r}")


def batch_jobs(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> list[Job]:
    """Every file of the teaching set, in the order written.

    The one-file explorer (``explorer.html``); for each hypothesis and the integrated
    view, in a folder named by its id: its figure (SVG, PNG, PDF) without a drug and with
    each drug that reaches a readout there (``<hypothesis>--<drug>.svg``), the other
    drugs' figures in ``no-modelled-path/`` (SVG only), and the graph as GraphML, Cytoscape
    (``.cyjs`` with ``.styles.xml`` and ``.style.json``) and SBGN-ML; then each drug's
    PowerPoint deck (``decks/<drug>.pptx``), ``drugs.csv`` and the question banks
    (``quiz/questions.zip``, ``.xml``, ``.gift``).
    """
    jobs: list[Job] = [Job("explorer.html", "explorer", ".html")]
    for hypothesis, graph in graphs.items():
        _check_id(hypothesis)
        for suffix in BATCH_FIGURE_SUFFIXES:
            jobs.append(Job(f"{hypothesis}/{hypothesis}{suffix}", "figure", suffix, hypothesis))
        for drug in kb.drugs.values():
            _check_id(drug.id)
            no_path = not explain_drug(kb, drug, graph).reaches_any
            folder = f"{hypothesis}/{NO_PATH_FOLDER}" if no_path else hypothesis
            # A figure with no modelled path is the panel's own figure with a subtitle:
            # its SVG says so; PNG and PDF copies of it would only cost time and space.
            for suffix in (".svg",) if no_path else BATCH_FIGURE_SUFFIXES:
                jobs.append(Job(f"{folder}/{hypothesis}--{drug.id}{suffix}", "figure", suffix, hypothesis,
                                drug.id, no_path))
        for suffix in EXCHANGE_SUFFIXES:
            jobs.append(Job(f"{hypothesis}/{hypothesis}{suffix}", "graph", suffix, hypothesis))
            if suffix == ".cyjs":
                jobs += [Job(f"{hypothesis}/{hypothesis}.{kind}", "style", f".{kind}", hypothesis)
                         for kind in _COMPANIONS]
    jobs += [Job(f"decks/{drug}.pptx", "deck", ".pptx", drug=drug) for drug in kb.drugs]
    jobs.append(Job("drugs.csv", "table", ".csv"))
    if _has_questions(kb, graphs):
        jobs += [Job(f"quiz/questions{suffix}", "quiz", suffix) for suffix in QUIZ_SUFFIXES]
    return jobs


def _has_questions(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> bool:
    """Whether any drug has a stated or analogy prediction to ask about (a bank to write)."""
    from .quiz import NothingToAsk, question_bank

    try:
        return bool(question_bank(kb, graphs))
    except NothingToAsk:
        return False


def job_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], job: Job) -> bytes:
    """The bytes of one job of :func:`batch_jobs`."""
    return RENDERERS[job.kind](kb, graphs, job)


_FORMAT_NAMES = {".svg": "SVG", ".png": "PNG", ".pdf": "PDF", ".graphml": "GraphML", ".cyjs": "Cytoscape",
                 ".styles.xml": "Cytoscape desktop style", ".style.json": "Cytoscape.js style",
                 ".sbgn": "SBGN-ML", ".csv": "CSV", ".pptx": "deck (PowerPoint)", ".html": "HTML"}


_NONE = ' class="none"'
#: What the files for the whole set are, in the index.
_WHOLE_SET = {"explorer": ": the whole explorer in one offline file (open it from disk or a course page)",
              "table": ": the drug table (UTF-8 with BOM, opens in Excel)",
              "quiz.zip": ": question bank, IMS QTI 2.1 content package (Canvas, Blackboard)",
              "quiz.xml": ": question bank, Moodle XML",
              "quiz.gift": ": question bank, GIFT (Moodle's text format)"}


def _prediction(explanation: Explanation) -> str:
    """``BDNF ▲ stated · mTORC1 ▼ extrapolated`` (extrapolations set apart), as HTML."""
    words = []
    for name, effect in explanation.readouts.items():
        if effect.effect == "none":
            continue
        symbol = EFFECT_WORDS[effect.effect]["symbol"]
        text = f"{html.escape(name)} {symbol} {BASIS_SHORT.get(effect.basis, effect.basis)}"
        # Whatever is not the review's own account (an extrapolation, an analogy …) is set apart.
        words.append(f'<em class="extrapolated">{text}</em>' if effect.basis != "stated" else text)
    return " · ".join(words)


def _links(jobs: list[Job]) -> str:
    return " · ".join(f'<a href="{html.escape(j.name)}">{html.escape(_FORMAT_NAMES.get(j.suffix, j.suffix))}</a>'
                      for j in jobs)


def index_html(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], jobs: list[Job]) -> str:
    """A page linking every file of the batch, by hypothesis and by drug.

    Per hypothesis, a table with a row for the figure without a drug and one per drug
    (its figures' formats), drugs with no modelled path listed apart, and the graph
    files; the files for the whole set (the table, and whatever other jobs add) first.
    """
    def title(hypothesis: str) -> str:
        return graphs[hypothesis].graph.get("title", hypothesis)

    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<title>Glutamatergic MoA Explorer: teaching set</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.4}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
        "padding:.25rem .5rem;text-align:left}td.files{white-space:nowrap}.none{color:#666}"
        "nav a{margin-right:.75rem}.extrapolated{color:#7a4b00}</style>",
        "</head><body>", "<h1>Glutamatergic MoA Explorer: teaching set</h1>",
        f"<p>{html.escape(citation_line())}</p>",
        "<p>Figures come as SVG (slides, scalable), PNG (handouts, web) and PDF (print). "
        "Drugs that act on nothing drawn in a hypothesis, or reach none of its readouts, are "
        f"listed apart; their figures are in each hypothesis's <code>{NO_PATH_FOLDER}/</code> folder.</p>",
        f"<p>Each predicted effect says whose claim it is: {html.escape(BASIS_WORDS['stated'])}; "
        f'<em class="extrapolated">{html.escape(BASIS_WORDS["extrapolated"])}</em>.</p>',
    ]
    general = [j for j in jobs if j.hypothesis is None and j.drug is None]
    if general:
        parts += ["<h2>The whole set</h2>", "<ul>"]
        parts += [f'<li><a href="{html.escape(j.name)}">{html.escape(j.name)}</a>'
                  f'{html.escape(_WHOLE_SET.get(j.kind + j.suffix, _WHOLE_SET.get(j.kind, "")))}</li>'
                  for j in general]
        parts.append("</ul>")
    hypotheses = list(dict.fromkeys(j.hypothesis for j in jobs if j.hypothesis is not None))
    parts.append("<nav>" + "".join(f'<a href="#{h}">{html.escape(title(h))}</a>' for h in hypotheses)
                 + '<a href="#by-drug">By drug</a></nav>')
    for hypothesis in hypotheses:
        mine = [j for j in jobs if j.hypothesis == hypothesis]
        parts += [f'<h2 id="{hypothesis}">{html.escape(title(hypothesis))}</h2>',
                  "<table><tr><th>view</th><th>predicted effect</th><th>files</th></tr>"]
        plain = [j for j in mine if j.drug is None and j.kind == "figure"]
        parts.append(f"<tr><td>no drug</td><td></td><td class=files>{_links(plain)}</td></tr>")
        by_drug: dict[str, list[Job]] = {}
        for job in mine:
            if job.drug is not None:
                by_drug.setdefault(job.drug, []).append(job)
        reaching = {d: js for d, js in by_drug.items() if not any(j.no_path for j in js)}
        for drug, drug_jobs in reaching.items():
            prediction = _prediction(explain_drug(kb, kb.drugs[drug], graphs[hypothesis]))
            parts.append(f"<tr><td>{html.escape(kb.drugs[drug].name)}</td><td>{prediction}</td>"
                         f'<td class="files">{_links(drug_jobs)}</td></tr>')
        parts.append("</table>")
        apart = {d: js for d, js in by_drug.items() if d not in reaching}
        if apart:
            parts += [f"<h3>No modelled path in this hypothesis ({len(apart)})</h3>",
                      '<table class="none">']
            parts += [f"<tr><td>{html.escape(kb.drugs[d].name)}</td><td class=files>{_links(js)}</td></tr>"
                      for d, js in apart.items()]
            parts.append("</table>")
        others = [j for j in mine if j.drug is None and j.kind != "figure"]
        if others:
            parts.append(f"<p>The graph: {_links(others)}</p>")
    parts += ['<h2 id="by-drug">By drug</h2>',
              "<p>Each drug's files for the whole set, and its view under each hypothesis "
              "(SVG; the sections above have PNG and PDF).</p>", "<table>"]
    for drug_id, drug in kb.drugs.items():
        own = [j for j in jobs if j.drug == drug_id and j.hypothesis is None]
        views = [j for j in jobs if j.drug == drug_id and j.hypothesis is not None and j.suffix == ".svg"]
        cells = [f'<a href="{html.escape(j.name)}">{html.escape(_FORMAT_NAMES.get(j.suffix, j.suffix))}</a>'
                 for j in own]
        cells += [f'<a href="{html.escape(j.name)}"{_NONE if j.no_path else ""}>'
                  f'{html.escape(title(j.hypothesis))}{" (no path)" if j.no_path else ""}</a>' for j in views]
        parts.append(f"<tr><td>{html.escape(drug.name)}</td><td>{' · '.join(cells)}</td></tr>")
    parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# The batch a pool's workers render and write: set before the pool forks, so nothing is
# pickled on the way in; on the way out only a position comes back, not the file's bytes.
_BATCH: tuple[KnowledgeBase, Mapping[str, nx.DiGraph], list[Job], list[Path]] | None = None


def _write_in_worker(position: int) -> int:
    assert _BATCH is not None
    kb, graphs, jobs, paths = _BATCH
    paths[position].write_bytes(job_bytes(kb, graphs, jobs[position]))
    return position


def _check_destinations(root: Path, paths: list[Path]) -> None:
    """Refuse, before anything is written, a destination that is not a file (a folder, say)
    or whose folder is a file or cannot be written into. (Checked with ``os.stat`` and
    ``os.access``, not by writing: a refusal leaves the folder as it was.)"""
    folders: set[Path] = set()
    for path in paths:
        name = path.relative_to(root).as_posix()
        if path.exists() and not path.is_file():
            raise UnsafePath(f"cannot write {name!r}: it is a folder or another kind of file, not a file")
        if path.exists() and not os.access(path, os.W_OK):
            raise UnsafePath(f"cannot write {name!r}: the file is read-only")
        folders.add(path.parent)
    for folder in sorted(folders):
        existing = folder
        while not existing.exists():  # the nearest part of its path that exists must be a writable folder
            existing = existing.parent
        if not existing.is_dir():
            raise UnsafePath(f"cannot write into {folder.relative_to(root).as_posix()!r}: "
                             f"{existing.relative_to(root).as_posix()!r} is a file, not a folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise UnsafePath(f"cannot write into {existing.relative_to(root).as_posix() or '.'!r}: "
                             "the folder is read-only")


def _can_fork() -> bool:
    # Forking a process that runs other threads can deadlock; then the batch runs in one process.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def export_all(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], directory: Path | str,
               progress: Progress | None = None, *, workers: int | None = None) -> list[Path]:
    """Write the whole teaching set into ``directory`` (created if missing).

    The files of :func:`batch_jobs`, then ``index.html`` linking them all.

    Parameters
    ----------
    progress : called after each file with (files done, files in all, file name).
    workers : processes drawing the files; by default one per core (at most 4) for a
        large batch, one for a small one.

    Returns
    -------
    The paths written, ``index.html`` last.
    """
    global _BATCH
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UnsafePath(f"{str(root)!r} is not a folder")
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    jobs = batch_jobs(kb, graphs)
    total = len(jobs) + 1

    def target(name: str) -> Path:
        # Resolving follows symlinks: a link inside the folder cannot lead a write outside it.
        path = (root / name).resolve()
        if not path.is_relative_to(root):
            raise UnsafePath(f"refusing to write {name!r}: a link leads it outside {root}")
        return path

    # Every destination is checked before the first file is written: a refusal leaves no half batch.
    paths = [target(job.name) for job in jobs]
    index = target("index.html")
    _check_destinations(root, [*paths, index])
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(jobs) > 100 else 1
    for folder in sorted({path.parent for path in paths}):
        folder.mkdir(parents=True, exist_ok=True)

    def report(done: int, position: int) -> None:
        if progress:
            progress(done, total, jobs[position].name)

    if workers > 1 and _can_fork():
        # The workers write the files themselves, rather than send 44 MB of PNG and PDF
        # back through the pool's pipes (0.1-0.2 s of the batch's 4.5).
        _BATCH = (kb, graphs, jobs, paths)
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for done, position in enumerate(pool.imap_unordered(_write_in_worker, range(len(jobs)),
                                                                    chunksize=4), 1):
                    report(done, position)
        finally:
            _BATCH = None
    else:
        for position, job in enumerate(jobs):
            paths[position].write_bytes(job_bytes(kb, graphs, job))
            report(position + 1, position)
    index.write_text(index_html(kb, graphs, jobs), encoding="utf-8")
    if progress:
        progress(total, total, "index.html")
    return [*paths, index]

