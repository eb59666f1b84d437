"""A drug's deck: a title slide, its view of each hypothesis, and a summary table of its effects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
from pptx.util import Emu, Pt

from .. import CITATION, __version__
from ..engine import Explanation, explain_drug, readouts_of, resolve_drug
from ..model import DRUG_CLASSES, HYPOTHESIS_IDS, KnowledgeBase
from ..style import EFFECT_WORDS
from .notes import notes_text
from .overlay import basis_of
from .pptx import FONT, SLIDE_EMU, add_scene_slide, new_presentation, presentation_bytes, rgb
from .scene import build_scene, citation_line

__all__ = ["deck_bytes"]

_SHORT = {"up": "increased", "down": "decreased", "mixed": "mixed", "none": "no path"}


def _plain_slide(prs, blocks: list[tuple[str, float, bool, str]], notes: str = ""):
    """A slide of text paragraphs: (words, size in px of a 1920-px slide, bold, colour)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    k = SLIDE_EMU[0] / 1920
    box = slide.shapes.add_textbox(Emu(round(80 * k)), Emu(round(80 * k)), Emu(round(1760 * k)),
                                   Emu(round(920 * k)))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (words, size, bold, colour) in enumerate(blocks):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * k / 12700 * 0.6)
        run = paragraph.add_run()
        run.text = words
        run.font.size = Pt(round(size * k / 12700))
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = rgb(colour)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def deck_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str, *,
               hypotheses: Iterable[str] = HYPOTHESIS_IDS) -> bytes:
    """A drug's deck: a title slide, one slide per hypothesis, and a summary table of its effects.

    Each hypothesis slide is the drug's view of that panel (stated and extrapolated
    predictions marked as in the figures), with the chains in its notes.
    """
    drug = resolve_drug(kb, drug_id)
    prs = new_presentation()
    prs.core_properties.title = f"{drug.name}: the six hypotheses of Henter, Park & Zarate 2021, Fig. 1"
    prs.core_properties.subject = f"{drug.name} ({DRUG_CLASSES.get(drug.drug_class, drug.drug_class)})"
    actions = "; ".join(f"{a.action.replace('-', ' ')} of "
                        f"{kb.entities[a.entity].name if a.entity in kb.entities else a.entity}"
                        for a in drug.actions) or "no action stated"
    status = "; ".join(filter(None, [drug.status.completed, drug.status.current, drug.status.note]))
    _plain_slide(prs, [
        (drug.name, 64, True, "#111111"),
        (DRUG_CLASSES.get(drug.drug_class, drug.drug_class), 36, False, "#3E4C59"),
        (f"Acts as: {actions}", 32, False, "#111111"),
        *([(f"Status as the review reports it (2021): {status}", 28, False, "#3E4C59")] if status else []),
        ("How each hypothesis of Fig. 1 would read its action: a stated prediction is the review's account; "
         "an extrapolated one applies a panel's logic to this drug and is not a claim of the review.",
         28, False, "#3E4C59"),
        (f"Source: {CITATION} Model: moa-explorer {__version__}.", 22, False, "#3E4C59"),
    ])
    explanations = []
    for hypothesis in hypotheses:
        graph = graphs[hypothesis]
        explanation = explain_drug(kb, drug, graph)
        explanations.append((graph, explanation))
        add_scene_slide(prs, build_scene(kb, graph, explanation, preset="slide"),
                        notes_text(kb, graph, explanation))
    _summary_slide(prs, drug.name, explanations)
    return presentation_bytes(prs)


def _summary_slide(prs, drug_name: str, explanations: list[tuple[nx.DiGraph, Explanation]]) -> None:
    """The drug's effects table: a row per hypothesis, a column per readout, basis in each cell."""
    readouts = list(dict.fromkeys(name for graph, _ in explanations for name in readouts_of(graph)))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    k = SLIDE_EMU[0] / 1920
    title = slide.shapes.add_textbox(Emu(round(60 * k)), Emu(round(40 * k)), Emu(round(1800 * k)),
                                     Emu(round(80 * k)))
    title.name = "title"
    run = title.text_frame.paragraphs[0].add_run()
    run.text = f"{drug_name}: predicted effects across the hypotheses"
    run.font.size, run.font.bold, run.font.name = Pt(22), True, FONT
    rows, cols = len(explanations) + 1, len(readouts) + 1
    frame = slide.shapes.add_table(rows, cols, Emu(round(60 * k)), Emu(round(130 * k)), Emu(round(1800 * k)),
                                   Emu(round(80 * rows * k)))
    frame.name = "effects"
    table = frame.table
    table.columns[0].width = Emu(round(480 * k))
    for j in range(1, cols):
        table.columns[j].width = Emu(round(1320 / (cols - 1) * k))
    for row in table.rows:
        row.height = Emu(round(80 * k))

    def cell(i: int, j: int, lines: list[tuple[str, str]], bold: bool = False, size: int = 14) -> None:
        """A cell of (words, colour) lines, compact: a slide table has little room."""
        frame = table.cell(i, j).text_frame
        table.cell(i, j).margin_left = table.cell(i, j).margin_right = Emu(round(8 * k))
        table.cell(i, j).margin_top = table.cell(i, j).margin_bottom = Emu(round(4 * k))
        frame.paragraphs[0].text = ""
        for n, (words, colour) in enumerate(lines):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = words
            run.font.size, run.font.bold, run.font.name = Pt(size if n == 0 else 11), bold, FONT
            run.font.italic = n > 0
            run.font.color.rgb = rgb(colour)

    cell(0, 0, [("Hypothesis", "#FFFFFF")], bold=True, size=12)
    for j, name in enumerate(readouts, 1):
        cell(0, j, [(name, "#FFFFFF")], bold=True, size=12)
    for i, (graph, explanation) in enumerate(explanations, 1):
        cell(i, 0, [(graph.graph.get("title", graph.graph.get("id", "")), "#111111")])
        for j, name in enumerate(readouts, 1):
            effect = explanation.readouts.get(name)
            if effect is None:
                cell(i, j, [("—", "#6B7682")])       # the panel has no such readout
                continue
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            cell(i, j, [(f"{word['symbol']} {_SHORT[effect.effect]}", word["colour"]),
                        *([(basis, "#3E4C59")] if basis else [])])
    note = slide.shapes.add_textbox(Emu(round(60 * k)), Emu(round(960 * k)), Emu(round(1800 * k)),
                                    Emu(round(80 * k)))
    note.name = "citation"
    note.text_frame.word_wrap = True
    run = note.text_frame.paragraphs[0].add_run()
    run.text = ("Stated: the review's account. Extrapolated: a panel's logic applied to the drug, not a claim of "
                f"the review. —: the panel has no such readout. {citation_line()}")
    run.font.size, run.font.name = Pt(11), FONT
    run.font.color.rgb = rgb("#3E4C59")
