"""A drug's deck: a title slide, its view of each hypothesis, and a summary table of its effects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from .. import CITATION, __version__
from ..account import drug_account
from ..engine import Explanation, explain_drug, readouts_of, resolve_drug
from ..model import DRUG_CLASSES, HYPOTHESIS_IDS, KnowledgeBase
from ..style import EFFECT_WORDS
from .drawingml import Run, ShapeIds, append_shapes, paragraph, table, textbox
from .elements import TextBlock
from .marks import text_mark
from .notes import notes_text
from .overlay import basis_of
from .pptx import SLIDE_EMU, _Canvas, _textbox, add_scene_slide, new_presentation, presentation_bytes
from .raster import thumbnail_jpeg
from .scene import build_scenes, citation_line
from .text import wrap

__all__ = ["deck_bytes", "title_blocks"]

_SHORT = {"up": "increased", "down": "decreased", "mixed": "mixed", "none": "no path"}
_K = SLIDE_EMU[0] / 1920          # EMU per pixel of a 1920-px-wide slide


def _px(value: float) -> int:
    """Pixels of a 1920-px slide in EMU."""
    return round(value * _K)


def title_blocks(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug, hypotheses: Iterable[str]
                 ) -> list[TextBlock]:
    """The title slide's words on a 1920 × 1080 canvas, filling it: the drug's name, its
    class and actions, its status as the review reports it, how to read the deck, the
    hypotheses it goes through, and the citation at the foot."""
    actions = "; ".join(drug_account(kb, drug).actions) or "no action stated"
    status = "; ".join(filter(None, [drug.status.completed, drug.status.current, drug.status.note]))
    titles = [graphs[h].graph.get("title", h) for h in hypotheses]
    parts = [
        (drug.name, 80, True, "#111111"),
        (DRUG_CLASSES.get(drug.drug_class, drug.drug_class), 40, False, "#3E4C59"),
        (f"Acts as: {actions}", 36, False, "#111111"),
        *([(f"Status as the review reports it (2021): {status}", 30, False, "#3E4C59")] if status else []),
        ("How each hypothesis of Fig. 1 would read its action: a stated prediction is the review's account; "
         "an analogy is the review's likening of this drug to one it names there; an extrapolated one "
         "applies a panel's logic to this drug and is not a claim of the review.",
         30, False, "#3E4C59"),
        ("In this deck: " + "; ".join(f"{i}. {t}" for i, t in enumerate(titles, 1))
         + "; then its effects across them.", 30, False, "#111111"),
    ]
    margin, width = 96.0, 1920 - 2 * 96.0
    wrapped = [(wrap(words, size, width, bold), size, bold, colour) for words, size, bold, colour in parts]
    citation = TextBlock(margin, 0.0, tuple(wrap(f"Source: {CITATION} Model: moa-explorer {__version__}.", 24, width)),
                         24, 24 * 1.4, fill="#3E4C59", id="citation")
    foot = 1080 - margin * 0.75 - (len(citation.lines) - 1) * citation.line_height
    heights = [size * 1.25 * len(lines) for lines, size, _, _ in wrapped]
    # The words spread down the page: what is left over, shared between the gaps.
    gap = max(24.0, min(72.0, (foot - 48 - margin - sum(heights)) / len(wrapped)))
    blocks, y = [], margin
    for (lines, size, bold, colour), height in zip(wrapped, heights, strict=True):
        blocks.append(TextBlock(margin, y + size, tuple(lines), size, size * 1.25, bold=bold, fill=colour))
        y += height + gap
    return [*blocks, TextBlock(citation.x, foot, citation.lines, citation.size, citation.line_height,
                               fill=citation.fill, id="citation")]


def _title_slide(prs, blocks: list[TextBlock]):
    """The title slide: each block an editable text box where :func:`title_blocks` put it."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    ids = ShapeIds()
    canvas = _Canvas(width=1920, height=1080)
    names = ["title", "class", "actions"] + [f"text {i}" for i in range(3, len(blocks) - 1)] + ["citation"]
    append_shapes(slide, [_textbox(ids.next(), block, canvas, name, title=name == "title")  # its title placeholder
                          for block, name in zip(blocks, names, strict=True)])
    return slide


def deck_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str, *,
               hypotheses: Iterable[str] = HYPOTHESIS_IDS) -> bytes:
    """A drug's deck: a title slide, one slide per hypothesis, and a summary table of its effects.

    Each hypothesis slide is the drug's view of that panel (stated and extrapolated
    predictions marked as in the figures), with the chains in its notes. The deck's
    thumbnail is its title slide, drawn with the figures' Cairo pipeline.
    """
    drug = resolve_drug(kb, drug_id)
    hypotheses = list(hypotheses)
    prs = new_presentation()
    prs.core_properties.title = f"{drug.name}: the six hypotheses of Henter, Park & Zarate 2021, Fig. 1"
    prs.core_properties.subject = f"{drug.name} ({DRUG_CLASSES.get(drug.drug_class, drug.drug_class)})"
    blocks = title_blocks(kb, graphs, drug, hypotheses)
    _title_slide(prs, blocks)
    explanations = []
    for hypothesis in hypotheses:
        graph = graphs[hypothesis]
        explanation = explain_drug(kb, drug, graph)
        explanations.append((graph, explanation))
        for scene in build_scenes(kb, graph, explanation, preset="slide"):   # a view in parts: a slide each
            add_scene_slide(prs, scene, notes_text(kb, graph, explanation))
    _summary_slide(prs, drug.name, explanations)
    return presentation_bytes(prs, thumbnail_jpeg([text_mark(b) for b in blocks], 1920, 1080))


def _summary_slide(prs, drug_name: str, explanations: list[tuple[nx.DiGraph, Explanation]]) -> None:
    """The drug's effects table: a row per hypothesis, a column per readout, basis in each cell."""
    readouts = list(dict.fromkeys(name for graph, _ in explanations for name in readouts_of(graph)))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    title = paragraph([Run(f"{drug_name}: predicted effects across the hypotheses", 2800, bold=True)], align="l")

    def cell(lines: list[tuple[str, str]], bold: bool = False) -> list[str]:
        """A cell of (words, colour) lines at 14 pt, readable from the back of the room."""
        return [paragraph([Run(words, 1400, bold, n > 0, colour)]) for n, (words, colour) in enumerate(lines)]

    rows = [[cell([("Hypothesis", "#FFFFFF")], bold=True),
             *(cell([(name, "#FFFFFF")], bold=True) for name in readouts)]]
    for graph, explanation in explanations:
        row = [cell([(graph.graph.get("title", graph.graph.get("id", "")), "#111111")])]
        for name in readouts:
            effect = explanation.readouts.get(name)
            if effect is None:
                row.append(cell([("—", "#6B7682")]))       # the panel has no such readout
                continue
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            said = "required" if effect.effect == "none" and effect.required_for else _SHORT[effect.effect]
            row.append(cell([(f"{word['symbol']} {said}", word["colour"]),
                             *([(basis, "#3E4C59")] if basis else [])]))
        rows.append(row)
    widths = [_px(480), *[_px(1320 / len(readouts))] * len(readouts)]
    note = paragraph([Run("Stated: the review's account. Analogy: the review likens the drug to one it names there. "
                          "Extrapolated: a panel's logic applied to the drug, not a claim of the review. "
                          "Required: a condition of the drug's route, not a change. "
                          f"—: the panel has no such readout. {citation_line()}", 1100,
                          colour="#3E4C59")])
    append_shapes(slide, [
        textbox(2, (_px(60), _px(40), _px(1800), _px(90)), [title], name="title", title=True, anchor="t"),
        table(3, "effects", (_px(60), _px(150)), widths, [_px(100)] * len(rows), rows, (_px(8), _px(4))),
        textbox(4, (_px(60), _px(940), _px(1800), _px(100)), [note], name="citation", wrap="square"),
    ])
