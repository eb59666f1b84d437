"""The drug × hypothesis matrix of predicted effects (plotly heatmaps)."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
from dash import html
from plotly.subplots import make_subplots

from .. import engine
from ..model import KnowledgeBase
from ..style import EFFECT_WORDS
from .base import Graphs
from .controls import drug_label

__all__ = ["MATRIX_READOUTS", "effect_matrix", "matrix_figure", "matrix_key", "reached_readouts"]

#: The readouts compared across drugs and hypotheses in the matrix.
MATRIX_READOUTS = ("BDNF", "mTORC1")

_EFFECT_CODE = {"none": 0, "down": 1, "mixed": 2, "up": 3}


def effect_matrix(kb: KnowledgeBase, graphs: Graphs) -> dict[tuple[str, str], dict[str, str]]:
    """``(drug, hypothesis) → {readout name: effect word}`` for every drug and graph."""
    matrix = {}
    for drug in kb.drugs.values():
        for hypothesis, graph in graphs.items():
            explanation = engine.explain_drug(kb, drug, graph)
            matrix[drug.id, hypothesis] = {name: e.effect for name, e in explanation.readouts.items()}
    return matrix


def reached_readouts(matrix: Mapping[tuple[str, str], Mapping[str, str]]) -> dict[str, tuple[str, ...]]:
    """Drug id → the hypotheses under which it reaches at least one readout."""
    reached: dict[str, tuple[str, ...]] = {}
    for (drug, hypothesis), effects in matrix.items():
        if any(effect != "none" for effect in effects.values()):
            reached[drug] = (*reached.get(drug, ()), hypothesis)
    return reached


def _tint(colour: str, amount: float = 0.55) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))


def matrix_figure(kb: KnowledgeBase, graphs: Graphs,
                  matrix: Mapping[tuple[str, str], Mapping[str, str]]) -> go.Figure:
    """Drug × hypothesis heatmaps of the predicted effect on BDNF and on mTORC1.

    Each cell shows the effect's symbol as well as its colour. The axes' categories
    are the ids (drug on y, hypothesis on x; the ticks show names), so a click's
    ``x`` and ``y`` name the view to open: Dash drops a heatmap's ``customdata``.
    """
    drugs = list(kb.drugs.values())
    hypotheses = list(graphs)
    ticks = [f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "Integrated"
             for i, h in enumerate(hypotheses, 1)]
    short = [f"{i}" if h in kb.hypotheses else "All" for i, h in enumerate(hypotheses, 1)]
    names = [drug_label(d) for d in drugs]
    scale = []
    for word, code in _EFFECT_CODE.items():
        colour = "#F2F2F2" if word == "none" else _tint(EFFECT_WORDS[word]["colour"])
        scale += [[code / 4, colour], [(code + 1) / 4, colour]]
    figure = make_subplots(rows=1, cols=len(MATRIX_READOUTS), shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=[f"Predicted effect on {r}" for r in MATRIX_READOUTS])
    for col, readout in enumerate(MATRIX_READOUTS, 1):
        z, text, hover = [], [], []
        for drug in drugs:
            row_z, row_text, row_hover = [], [], []
            for hypothesis, tick in zip(hypotheses, ticks, strict=True):
                effect = matrix[drug.id, hypothesis].get(readout)
                row_z.append(None if effect is None else _EFFECT_CODE[effect])
                row_text.append("" if effect is None else EFFECT_WORDS[effect]["symbol"])
                row_hover.append(f"{drug.name}<br>{tick}<br>{readout}: "
                                 + ("not a readout here" if effect is None else EFFECT_WORDS[effect]["text"]))
            z.append(row_z)
            text.append(row_text)
            hover.append(row_hover)
        figure.add_trace(go.Heatmap(
            z=z, x=hypotheses, y=[d.id for d in drugs], text=text, texttemplate="%{text}",
            textfont={"size": 14, "color": "#222222"}, hovertext=hover, hoverinfo="text",
            colorscale=scale, zmin=0, zmax=4, showscale=False, xgap=2, ygap=2,
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
    effects = [html.Li([html.Span(w["symbol"], style={"color": w["colour"]}), f" {w['text']}"])
               for w in EFFECT_WORDS.values()]
    numbers = [html.Li(f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "All: integrated view")
               for i, h in enumerate(graphs, 1)]
    return html.Div([html.Ul(effects, className="inline-list"), html.Ul(numbers, className="inline-list")],
                    className="matrix-key")
