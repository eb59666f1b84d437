"""Two drugs side by side: their targets, where their routes meet and part, their effects everywhere."""

from __future__ import annotations

from dash import html

from .. import engine
from ..model import BASIS_WORDS, KnowledgeBase, action_words
from ..style import EFFECT_WORDS
from .base import Graphs, hypothesis_title
from .controls import drug_label
from .graph import COMPARE_MARKS
from .matrix import matrix_readouts
from .state import View
from .steps import lit_signs, sign_mark

__all__ = ["compare_panel", "route_overlap"]


def route_overlap(a: engine.Explanation, b: engine.Explanation) -> dict[str, frozenset[str]]:
    """The lit nodes both drugs share (where their routes converge) and those of each alone."""
    lit_a, lit_b = a.highlight.nodes, b.highlight.nodes
    return {"both": lit_a & lit_b, "only_a": lit_a - lit_b, "only_b": lit_b - lit_a}


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


def _signed_labels(graph, nodes, signs_a, signs_b) -> str:
    differ = [n for n in nodes if signs_a.get(n) != signs_b.get(n)]
    ordered = sorted(differ, key=lambda n: (graph.nodes[n]["y"], graph.nodes[n]["x"]))
    return ", ".join(f"{graph.nodes[n]['label']} ({COMPARE_MARKS[0]}{sign_mark(signs_a.get(n, frozenset()))} "
                     f"{COMPARE_MARKS[1]}{sign_mark(signs_b.get(n, frozenset()))})" for n in ordered) or "none"


def compare_panel(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """Targets of both drugs on this panel, shared and separate routes, and a table of effects.

    The table has one row per hypothesis (the six panels and the integrated view) and,
    for each drug, its predicted effect on BDNF and on mTORC1.
    """
    if view.drug not in kb.drugs or view.compare not in kb.drugs:
        return []
    a, b = kb.drugs[view.drug], kb.drugs[view.compare]
    graph = graphs[view.hypothesis]
    ea, eb = engine.explain_drug(kb, a, graph, panels=graphs), engine.explain_drug(kb, b, graph, panels=graphs)
    overlap = route_overlap(ea, eb)
    name_a, name_b = f"{COMPARE_MARKS[0]} {a.name}", f"{COMPARE_MARKS[1]} {b.name}"

    def targets(explanation):
        return "; ".join(f"{graph.nodes[n]['label']} ({action_words(acts)})"
                         for n, acts in explanation.targets.items()) or "nothing drawn here"

    here = hypothesis_title(kb, graphs, view.hypothesis)
    parts: list = [
        html.H2(["Comparing ", html.Span(name_a, className="compare-a"), " and ",
                 html.Span(name_b, className="compare-b")], id="compare-title"),
        html.P(f"In “{here}”:", className="kind"),
        html.Ul([
            html.Li([html.Strong(f"{name_a} acts on: "), targets(ea)]),
            html.Li([html.Strong(f"{name_b} acts on: "), targets(eb)]),
            html.Li([html.Strong("Both routes run through: "), _labels(graph, overlap["both"])],
                    **{"data-overlap": "both"}),
            html.Li([html.Strong(f"Only {name_a}: "), _labels(graph, overlap["only_a"])],
                    **{"data-overlap": "only-a"}),
            html.Li([html.Strong(f"Only {name_b}: "), _labels(graph, overlap["only_b"])],
                    **{"data-overlap": "only-b"}),
            html.Li([html.Strong("Both, with opposite signs: "),
                     _signed_labels(graph, overlap["both"], lit_signs(graph, ea), lit_signs(graph, eb))],
                    **{"data-overlap": "opposite"}),
        ], className="compare-routes"),
    ]
    readouts = matrix_readouts(kb)
    head = html.Tr([html.Th("Hypothesis", rowSpan=2),
                    html.Th(name_a, colSpan=len(readouts), className="compare-a"),
                    html.Th(name_b, colSpan=len(readouts), className="compare-b")])
    sub = html.Tr([html.Th(r) for _ in range(2) for r in readouts])
    rows = []
    for number, (hypothesis, g) in enumerate(graphs.items(), 1):
        effects = [engine.explain_drug(kb, drug, g, panels=graphs).readouts for drug in (a, b)]
        title = f"{number}. {hypothesis_title(kb, graphs, hypothesis)}" if hypothesis in kb.hypotheses \
            else hypothesis_title(kb, graphs, hypothesis)
        rows.append(html.Tr([html.Th(title, scope="row", className="compare-hypothesis"),
                             *(_effect_cell(e.get(r)) for e in effects for r in readouts)],
                            className="current" if hypothesis == view.hypothesis else None,
                            **{"data-hypothesis": hypothesis}))
    # A region of its own that Tab reaches: on a narrow screen it scrolls sideways.
    parts.append(html.Div(html.Table([html.Thead([head, sub]), html.Tbody(rows)], className="compare-table",
                                     id="compare-table"), className="compare-scroll", tabIndex=0, role="region",
                          **{"aria-label": f"{a.name} and {b.name} under each hypothesis"}))
    parts.append(html.P(f"{drug_label(a)} vs {drug_label(b)} under each hypothesis. ▲ stated: "
                        f"{BASIS_WORDS['stated']}. ≈▲ analogy: {BASIS_WORDS['analogy']}. (▲) extrap.: "
                        f"{BASIS_WORDS['extrapolated']}. required: a condition of the route, not a change.",
                        className="note"))
    return parts
