"""Two or three drugs side by side: their targets, where their routes meet and part, their
effects everywhere."""

from __future__ import annotations

from dash import html

from .. import engine
from ..model import BASIS_WORDS, KnowledgeBase, action_words
from ..style import EFFECT_WORDS
from .base import Graphs, hypothesis_title, join
from .controls import drug_label
from .graph import COMPARE_MARKS
from .matrix import matrix_readouts
from .state import View
from .steps import lit_signs, sign_mark

__all__ = ["compare_panel", "route_overlap"]


def route_overlap(*explained: engine.Explanation) -> dict[str, frozenset[str] | tuple[frozenset[str], ...]]:
    """The lit nodes every drug's route runs through (``"all"``; where they converge), and
    each drug's alone (``"only"``, one set per drug, in their order)."""
    lit = [e.highlight.nodes for e in explained]
    return {"all": frozenset.intersection(*lit),
            "only": tuple(mine - frozenset().union(*(other for j, other in enumerate(lit) if j != i))
                          for i, mine in enumerate(lit))}


def _labels(graph, nodes) -> str:
    ordered = sorted(nodes, key=lambda n: (graph.nodes[n]["y"], graph.nodes[n]["x"]))
    return ", ".join(graph.nodes[n]["label"] for n in ordered) or "none"


def _effect_cell(effect: engine.ReadoutEffect | None) -> html.Td:
    """A symbol, and whose claim it is: an extrapolation in parentheses, lighter, and named."""
    if effect is None:
        return html.Td("–", className="effect-none", title="not a readout of this panel")
    word = EFFECT_WORDS[effect.effect]
    symbol = html.Span([html.Span(word["symbol"], style={"color": word["ink"]}, **{"aria-hidden": "true"}),
                        html.Span(word["text"], className="visually-hidden")])
    title = word["text"] + (f"; {BASIS_WORDS[effect.basis]}" if effect.basis else "")
    if effect.basis == "extrapolated":
        text = ["(", symbol, ")", html.Span(" extrap.", className="basis basis-extrapolated")]
    elif effect.basis == "analogy":
        text = ["≈", symbol, html.Span(" analogy", className="basis basis-analogy")]
    elif effect.basis == "stated" and effect.effect != "none":
        text = [symbol, html.Span(" stated", className="basis basis-stated")]
    elif effect.required_for:
        text = [html.Span(" required", className="basis basis-required")]
    else:
        text = [symbol]
    return html.Td(text, className=f"effect-{effect.effect}" + (f" basis-{effect.basis}" if effect.basis else ""),
                   title=title, **{"data-effect": effect.effect, "data-basis": effect.basis})


def _signed_labels(graph, explained: list[engine.Explanation]) -> str:
    """The nodes two or more routes run through with different signs, each with every drug's mark."""
    signs = [lit_signs(graph, e) for e in explained]
    lit = [e.highlight.nodes for e in explained]
    differ = [n for n in graph if sum(n in nodes for nodes in lit) > 1
              and len({signs[i].get(n, frozenset()) for i, nodes in enumerate(lit) if n in nodes}) > 1]
    ordered = sorted(differ, key=lambda n: (graph.nodes[n]["y"], graph.nodes[n]["x"]))
    return ", ".join(f"{graph.nodes[n]['label']} (" + " ".join(
        f"{COMPARE_MARKS[i]}{sign_mark(signs[i].get(n, frozenset()))}" for i, nodes in enumerate(lit) if n in nodes)
        + ")" for n in ordered) or "none"


def compare_panel(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """Targets of each drug (two or three) on this panel, shared and separate routes, and a
    table of effects.

    The table has one row per hypothesis (the six panels and the integrated view) and,
    for each drug, its predicted effect on BDNF and on mTORC1.
    """
    ids = [d for d in view.drugs if d in kb.drugs]
    if len(ids) < 2 or not view.compare:
        return []
    drugs = [kb.drugs[d] for d in ids]
    graph = graphs[view.hypothesis]
    explained = [engine.explain_drug(kb, d, graph, panels=graphs) for d in drugs]
    overlap = route_overlap(*explained)
    names = [f"{mark} {d.name}" for mark, d in zip(COMPARE_MARKS, drugs, strict=False)]
    classes = [f"compare-{letter}" for letter in "abc"]

    def targets(explanation):
        return "; ".join(f"{graph.nodes[n]['label']} ({action_words(acts)})"
                         for n, acts in explanation.targets.items()) or "nothing drawn here"

    here = hypothesis_title(kb, graphs, view.hypothesis)
    titled = [html.Span(name, className=cls) for name, cls in zip(names, classes, strict=False)]
    every = "Both routes" if len(drugs) == 2 else "All three routes"
    parts: list = [
        html.H2(["Comparing ", *join(titled[:-1], ", "), " and ", titled[-1]], id="compare-title"),
        html.P(f"In “{here}”:", className="kind"),
        html.Ul([
            *(html.Li([html.Strong(f"{name} acts on: "), targets(e)])
              for name, e in zip(names, explained, strict=True)),
            html.Li([html.Strong(f"{every} run through: "), _labels(graph, overlap["all"])], **{"data-overlap": "all"}),
            *(html.Li([html.Strong(f"Only {name}: "), _labels(graph, only)], **{"data-overlap": f"only-{letter}"})
              for name, only, letter in zip(names, overlap["only"], "abc", strict=False)),
            html.Li([html.Strong("Both, with opposite signs: " if len(drugs) == 2 else
                                 "Shared by two, with opposite signs: "), _signed_labels(graph, explained)],
                    **{"data-overlap": "opposite"}),
        ], className="compare-routes"),
    ]
    readouts = matrix_readouts(kb)
    head = html.Tr([html.Th("Hypothesis", rowSpan=2),
                    *(html.Th(name, colSpan=len(readouts), className=cls)
                      for name, cls in zip(names, classes, strict=False))])
    sub = html.Tr([html.Th(r) for _ in drugs for r in readouts])
    rows = []
    for number, (hypothesis, g) in enumerate(graphs.items(), 1):
        effects = [engine.explain_drug(kb, drug, g, panels=graphs).readouts for drug in drugs]
        title = f"{number}. {hypothesis_title(kb, graphs, hypothesis)}" if hypothesis in kb.hypotheses \
            else hypothesis_title(kb, graphs, hypothesis)
        rows.append(html.Tr([html.Th(title, scope="row", className="compare-hypothesis"),
                             *(_effect_cell(e.get(r)) for e in effects for r in readouts)],
                            className="current" if hypothesis == view.hypothesis else None,
                            **{"data-hypothesis": hypothesis}))
    listed = ", ".join(d.name for d in drugs[:-1]) + f" and {drugs[-1].name}"
    # A region of its own that Tab reaches: on a narrow screen it scrolls sideways.
    parts.append(html.Div(html.Table([html.Thead([head, sub]), html.Tbody(rows)], className="compare-table",
                                     id="compare-table"), className="compare-scroll", tabIndex=0, role="region",
                          **{"aria-label": f"{listed} under each hypothesis"}))
    parts.append(html.P(f"{' vs '.join(drug_label(d) for d in drugs)} under each hypothesis. ▲ stated: "
                        f"{BASIS_WORDS['stated']}. ≈▲ analogy: {BASIS_WORDS['analogy']}. (▲) extrap.: "
                        f"{BASIS_WORDS['extrapolated']}. required: a condition of the route, not a change.",
                        className="note"))
    return parts
