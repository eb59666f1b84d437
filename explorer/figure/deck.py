"""A drug's deck: a title slide, its view of each hypothesis, and a summary table of its effects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
from pptx.util import Pt

from .. import CITATION, __version__
from ..account import drug_account
from ..engine import Explanation, explain_drug, readouts_of, resolve_drug
from ..model import DRUG_CLASSES, HYPOTHESIS_IDS, KnowledgeBase
from ..style import EFFECT_WORDS
from .drawingml import Run, append_shapes, paragraph, table, textbox
from .notes import notes_text
from .overlay import basis_of
from .pptx import SLIDE_EMU, add_scene_slide, new_presentation, presentation_bytes
from .scene import build_scene, citation_line

__all__ = ["deck_bytes"]

_SHORT = {"up": "increased", "down": "decreased", "mixed": "mixed", "none": "no path"}
_K = SLIDE_EMU[0] / 1920          # EMU per pixel of a 1920-px-wide slide


def _px(value: float) -> int:
    """Pixels of a 1920-px slide in EMU."""
    return round(value * _K)


def _plain_slide(prs, blocks: list[tuple[str, float, bool, str]]):
    """A slide of text paragraphs: (words, size in px of a 1920-px slide, bold, colour); the
    first is the slide's title (its title placeholder)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    paragraphs = [paragraph([Run(words, Pt(round(size * _K / 12700)).centipoints, bold, None, colour)],
                            space_after=Pt(size * _K / 12700 * 0.6).centipoints, align="l")
                  for words, size, bold, colour in blocks]
    head = round(blocks[0][1] * 1.6)
    append_shapes(slide, [textbox(2, (_px(80), _px(80), _px(1760), _px(head)), paragraphs[:1], wrap="square",
                                  name="title", title=True, anchor="t"),
                          textbox(3, (_px(80), _px(80 + head), _px(1760), _px(920 - head)), paragraphs[1:],
                                  wrap="square")])
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
    actions = "; ".join(drug_account(kb, drug).actions) or "no action stated"
    status = "; ".join(filter(None, [drug.status.completed, drug.status.current, drug.status.note]))
    _plain_slide(prs, [
        (drug.name, 64, True, "#111111"),
        (DRUG_CLASSES.get(drug.drug_class, drug.drug_class), 36, False, "#3E4C59"),
        (f"Acts as: {actions}", 32, False, "#111111"),
        *([(f"Status as the review reports it (2021): {status}", 28, False, "#3E4C59")] if status else []),
        ("How each hypothesis of Fig. 1 would read its action: a stated prediction is the review's account; "
         "an analogy is the review's likening of this drug to one it names there; an extrapolated one "
         "applies a panel's logic to this drug and is not a claim of the review.",
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
    title = paragraph([Run(f"{drug_name}: predicted effects across the hypotheses", 2200, bold=True)], align="l")

    def cell(lines: list[tuple[str, str]], bold: bool = False, size: int = 14) -> list[str]:
        """A cell of (words, colour) lines, compact: a slide table has little room."""
        return [paragraph([Run(words, 100 * (size if n == 0 else 11), bold, n > 0, colour)])
                for n, (words, colour) in enumerate(lines)]

    rows = [[cell([("Hypothesis", "#FFFFFF")], bold=True, size=12),
             *(cell([(name, "#FFFFFF")], bold=True, size=12) for name in readouts)]]
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
        textbox(2, (_px(60), _px(40), _px(1800), _px(80)), [title], name="title", title=True, anchor="t"),
        table(3, "effects", (_px(60), _px(130)), widths, [_px(80)] * len(rows), rows, (_px(8), _px(4))),
        textbox(4, (_px(60), _px(960), _px(1800), _px(80)), [note], name="citation", wrap="square"),
    ])
