"""The drug × hypothesis matrix of predicted effects (plotly heatmaps)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import plotly.graph_objects as go
from dash import html
from plotly.subplots import make_subplots

from .. import engine
from ..account import BASIS_MARKS, basis_mark
from ..model import BASIS_WORDS, KnowledgeBase
from ..style import EFFECT_WORDS
from .base import Graphs
from .controls import drug_label

__all__ = ["ANALOGY_KEY", "EXTRAPOLATED_KEY", "MATRIX_READOUTS", "STATED_KEY", "Prediction", "effect_matrix",
           "matrix_figure", "matrix_key", "matrix_readouts", "reached_readouts"]

#: The readouts compared across drugs and hypotheses in the matrix, by entity id: a curator
#: may rename an entity's display name without blanking the matrix.
MATRIX_READOUTS = ("bdnf", "mtorc1")


def matrix_readouts(kb: KnowledgeBase) -> tuple[str, ...]:
    """The display names of :data:`MATRIX_READOUTS` (an explanation's readouts are keyed by them)."""
    return tuple(kb.entities[entity].name for entity in MATRIX_READOUTS if entity in kb.entities)

_EFFECT_CODE = {"none": 0, "down": 1, "mixed": 2, "up": 3}
#: Each basis has colour bands of its own: the same hue, lighter the weaker the claim.
_BASIS_OFFSET = {"stated": 0, "analogy": 3, "extrapolated": 6}
_BASIS_TINT = {"stated": 0.55, "analogy": 0.7, "extrapolated": 0.84}
#: How an extrapolated cell's symbol is written: in parentheses, like a hedge.
EXTRAPOLATED_MARK = BASIS_MARKS["extrapolated"]
STATED_KEY = "stated: the review names the drug for this hypothesis"
ANALOGY_KEY = "analogy: the review likens the drug to one it names here"
EXTRAPOLATED_KEY = "extrapolated: the panel's logic, not a claim of the review"
REQUIRED_MARK = "req."


class Prediction(NamedTuple):
    """One cell of the matrix: the effect word and whose claim it is (``""`` for ``none``);
    ``required`` when the readout does not change but the drug's route requires it."""

    effect: str
    basis: str = ""
    required: bool = False


def effect_matrix(kb: KnowledgeBase, graphs: Graphs) -> dict[tuple[str, str], dict[str, Prediction]]:
    """``(drug, hypothesis) → {readout name: Prediction(effect, basis)}`` for every drug and graph."""
    matrix = {}
    for drug in kb.drugs.values():
        for hypothesis, graph in graphs.items():
            explanation = engine.explain_drug(kb, drug, graph, panels=graphs)
            matrix[drug.id, hypothesis] = {name: Prediction(e.effect, e.basis, bool(e.required_for))
                                           for name, e in explanation.readouts.items()}
    return matrix


def reached_readouts(matrix: Mapping[tuple[str, str], Mapping[str, Prediction]]) -> dict[str, tuple[str, ...]]:
    """Drug id → the hypotheses under which it reaches at least one readout."""
    reached: dict[str, tuple[str, ...]] = {}
    for (drug, hypothesis), effects in matrix.items():
        if any(p.effect != "none" for p in effects.values()):
            reached[drug] = (*reached.get(drug, ()), hypothesis)
    return reached


def _tint(colour: str, amount: float = 0.55) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))


def matrix_figure(kb: KnowledgeBase, graphs: Graphs,
                  matrix: Mapping[tuple[str, str], Mapping[str, Prediction]]) -> go.Figure:
    """Drug × hypothesis heatmaps of the predicted effect on BDNF and on mTORC1.

    Each cell shows the effect's symbol as well as its colour. The axes' categories
    are the ids (drug on y, hypothesis on x; the ticks show names), so a click's
    ``x`` and ``y`` name the view to open: Dash drops a heatmap's ``customdata``.
    The basis shows in the symbol as well as the colour: stated ``▲``, analogy ``≈▲``
    (lighter), extrapolated ``(▲)`` (lightest): an extrapolation never reads as the
    review's claim.
    """
    drugs = list(kb.drugs.values())
    hypotheses = list(graphs)
    ticks = [f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "Integrated"
             for i, h in enumerate(hypotheses, 1)]
    short = [f"{i}" if h in kb.hypotheses else "All" for i, h in enumerate(hypotheses, 1)]
    names = [drug_label(d) for d in drugs]
    bands: dict[int, str] = {0: "#F2F2F2"}  # colour band → colour: none, then three per basis
    for word, code in _EFFECT_CODE.items():
        for basis, offset in _BASIS_OFFSET.items():
            if word != "none":
                bands[code + offset] = _tint(EFFECT_WORDS[word]["colour"], _BASIS_TINT[basis])
    codes = len(bands)
    scale = [stop for band in sorted(bands) for stop in ([band / codes, bands[band]],
                                                          [(band + 1) / codes, bands[band]])]
    readouts = matrix_readouts(kb)
    figure = make_subplots(rows=1, cols=len(readouts), shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=[f"Predicted effect on {r}" for r in readouts])
    for col, readout in enumerate(readouts, 1):
        z, text, hover = [], [], []
        for drug in drugs:
            row_z, row_text, row_hover = [], [], []
            for hypothesis, tick in zip(hypotheses, ticks, strict=True):
                prediction = matrix[drug.id, hypothesis].get(readout)
                if prediction is None:
                    row_z.append(None)
                    row_text.append("")
                    row_hover.append(f"{drug.name}<br>{tick}<br>{readout}: not a readout here")
                    continue
                changes = prediction.effect != "none"
                code = _EFFECT_CODE[prediction.effect] + (_BASIS_OFFSET.get(prediction.basis, 0) if changes else 0)
                symbol = EFFECT_WORDS[prediction.effect]["symbol"]
                row_z.append(code + 0.5)  # the middle of its colour band, never on a boundary
                required = prediction.required and not changes
                row_text.append(basis_mark(REQUIRED_MARK, prediction.basis) if required
                                else basis_mark(symbol, prediction.basis if changes else ""))
                words = "required, not changed" if required else EFFECT_WORDS[prediction.effect]["text"]
                row_hover.append(f"{drug.name}<br>{tick}<br>{readout}: {words}"
                                 + (f"<br>{BASIS_WORDS[prediction.basis]}" if prediction.basis else ""))
            z.append(row_z)
            text.append(row_text)
            hover.append(row_hover)
        figure.add_trace(go.Heatmap(
            z=z, x=hypotheses, y=[d.id for d in drugs], text=text, texttemplate="%{text}",
            textfont={"size": 14, "color": "#222222"}, hovertext=hover, hoverinfo="text",
            colorscale=scale, zmin=0, zmax=codes, showscale=False, xgap=2, ygap=2,
        ), row=1, col=col)
    figure.update_yaxes(autorange="reversed", tickfont={"size": 12}, fixedrange=True,
                        tickmode="array", tickvals=[d.id for d in drugs], ticktext=names)
    figure.update_xaxes(side="top", tickfont={"size": 12}, fixedrange=True,
                        tickmode="array", tickvals=hypotheses, ticktext=short)
    figure.update_layout(
        height=26 * len(drugs) + 110, margin={"l": 10, "r": 10, "t": 66, "b": 10},
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", font={"family": "system-ui, sans-serif"},
    )
    figure.update_annotations(yshift=22, font={"size": 14})
    return figure


def matrix_key(kb: KnowledgeBase, graphs: Graphs) -> html.Div:
    """The matrix's key: effect symbols and the hypothesis numbers."""
    effects = [html.Li([html.Span(w["symbol"], style={"color": w["ink"]}, **{"aria-hidden": "true"}), f" {w['text']}"])
               for w in EFFECT_WORDS.values()]
    up = EFFECT_WORDS["up"]["symbol"]
    for basis, key, how in (("stated", STATED_KEY, "plain, strongest colour"),
                            ("analogy", ANALOGY_KEY, "≈ before the symbol, lighter"),
                            ("extrapolated", EXTRAPOLATED_KEY, "in parentheses, lightest")):
        effects.append(html.Li([html.Span(basis_mark(up, basis), className=f"{basis}-swatch basis-swatch"),
                                f" {how}: {key}"], className=f"{basis}-key"))
    effects.append(html.Li([html.Span(REQUIRED_MARK, className="basis-swatch"),
                            " required: the drug's route needs it (a condition, not a change)"]))
    numbers = [html.Li(f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "All: integrated view")
               for i, h in enumerate(graphs, 1)]
    return html.Div([html.Ul(effects, className="inline-list"), html.Ul(numbers, className="inline-list")],
                    className="matrix-key")
