"""Lecture use: the page's mode, the title on the canvas, the step-through's caption.

Pure functions of the view: ``app`` shows them over and beside the graph. In present
mode the graph takes the window, with the hypothesis and the drug written on the
canvas and the review cited in a footer line; a step-through reveals the drug's
chain one node per step, each with the sentence and references that support it.
"""

from __future__ import annotations

import networkx as nx
from dash import html

from .. import account, engine
from ..engine.graphs import readouts_of
from ..model import INTEGRATED, KnowledgeBase, action_words
from .base import Graphs, hypothesis_title, join
from .controls import drug_label
from .graph import COMPARE_MARKS
from .state import View
from .steps import Step, chain_steps, sign_mark

__all__ = ["canvas_title", "page_class", "step_caption", "step_text"]


def page_class(view: View) -> str:
    """The view's flags: ``present``, ``has-drug``, ``stepping``, ``comparing`` (``three``
    with a third drug), ``quiz``, ``selected`` (a node or an arrow: present mode then
    shows its details over the graph), ``in-parts`` (present mode shows the integrated
    view part by part) as they apply."""
    flags = [flag for flag, on in (("present", view.mode == "present"), ("has-drug", bool(view.drug)),
                                   ("stepping", view.step is not None), ("comparing", bool(view.compare)),
                                   ("three", len(view.compare) > 1), ("quiz", view.quiz is not None),
                                   ("selected", bool(view.node or view.edge)),
                                   ("in-parts", view.mode == "present" and view.hypothesis == INTEGRATED)) if on]
    return " ".join(flags)


def canvas_title(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """The hypothesis (and, shown in parts, the part) and the drug(s), written on the canvas
    in present mode."""
    title = hypothesis_title(kb, graphs, view.hypothesis)
    parts_of = kb.integrated_parts if view.hypothesis == INTEGRATED else ()
    if len(parts_of) > 1 and view.part < len(parts_of):
        title += f" ({view.part + 1} of {len(parts_of)}): {parts_of[view.part].title}"
    parts: list = [html.Div(title, className="canvas-hypothesis")]
    drugs = [kb.drugs[d] for d in view.drugs if d in kb.drugs]
    if len(drugs) == 1:
        parts.append(html.Div(html.Span(drug_label(drugs[0]), className="canvas-drug-a"), className="canvas-drug"))
    elif drugs:
        named = [html.Span(f"{mark} {drug_label(d)}", className=f"canvas-drug-{letter}")
                 for mark, d, letter in zip(COMPARE_MARKS, drugs, "abc", strict=False)]
        parts.append(html.Div(join(named, " vs "), className="canvas-drug"))
    return parts


def _arrow(graph: nx.DiGraph, edge: tuple[str, str]) -> str:
    return "→" if graph.edges[edge]["effect"] == "activates" else "⊣"


def step_text(graph: nx.DiGraph, explanation: engine.Explanation, step: Step) -> dict[str, str]:
    """What one step says: the node and its sign, the arrow, the sentence, the references
    (``spoken``: the node's change and the arrow in words, no symbol)."""
    label = graph.nodes[step.node]["label"]
    mark = sign_mark(step.signs)
    words = {1: "rises", -1: "falls"}
    change = " and ".join(words[s] for s in (1, -1) if s in step.signs) or "is not reached"
    if step.via is None:
        actions = action_words(explanation.targets[step.node])
        data = graph.nodes[step.node]
        what = f"{explanation.drug.name} acts on {label} ({data['compartment_label']}): {actions}."
        return {"head": f"{label} {mark}".strip(), "what": what, "spoken": what,
                "sentence": data["note"], "source": data["source"], "refs": ", ".join(map(str, data["refs"]))}
    source = step.via[0]
    data = graph.edges[step.via]
    # ``spoken``: the same step with its sign and arrow in words only (the live region's sentence).
    return {"head": f"{label} {mark}".strip(),
            "what": f"{graph.nodes[source]['label']} {_arrow(graph, step.via)} {label}: {data['effect']} "
                    f"by {data['mechanism']}, so {label} {change}.",
            "spoken": f"{label} {change}: {graph.nodes[source]['label']} {data['effect']} {label} "
                      f"by {data['mechanism']}.",
            "sentence": data["note"], "source": data["source"], "refs": ", ".join(map(str, data["refs"]))}


def _basis_caption(told: account.ViewAccount, readout: str | None = None) -> list:
    """Whose claim the chain is, with the review's first sentence that says so: at the
    targets for the whole view, at a readout for that readout."""
    readouts = [r for r in told.readouts if r.basis and (readout is None or r.name == readout)]
    if not readouts:
        return []
    first = readouts[0]
    words = [html.Strong(first.basis_words)]
    if first.evidence:
        words += [" — ", html.Q(first.evidence[0].quote),
                  f" ({account.cite(first.evidence[0].source, first.evidence[0].refs)})"]
    elif first.basis == "extrapolated":
        words.append(f" — {told.extrapolation}")
    return [html.P(words, className=f"step-basis basis-{first.basis}")]


def step_caption(kb: KnowledgeBase, graph: nx.DiGraph, view: View,
                 explanation: engine.Explanation | None) -> list:
    """The step-through's caption: where we are, what the newest node does, and who says so."""
    if view.step is None or explanation is None:
        return []
    steps = chain_steps(graph, explanation)
    last = sum(1 for s in steps if s.via is not None)
    count = html.Span(f"Step {view.step} of {last}", className="step-count", id="step-count")
    if not steps:
        return [count, html.Span(f" {explanation.drug.name} acts on nothing drawn here.")]
    if view.step == 0:
        targets = [step_text(graph, explanation, s) for s in steps if s.via is None]
        body = [html.Strong("The targets: "), "; ".join(t["what"].rstrip(".") for t in targets) + "."]
        if last == 0:
            body.append(" No modelled path leads on to a readout.")
        return [count, html.P(body, className="step-what"),
                *_basis_caption(account.account_of(kb, graph, explanation))]
    step = steps[len(explanation.targets) + view.step - 1]
    text = step_text(graph, explanation, step)
    parts = [count, html.P([html.Strong(text["head"]), " — ", text["what"]], className="step-what")]
    if text["sentence"]:
        parts.append(html.P(text["sentence"], className="step-sentence"))
    parts.append(html.P(f"Source: {text['source']}" + (f"; refs {text['refs']}" if text["refs"] else ""),
                        className="step-source"))
    readout = next((name for name, node in readouts_of(graph).items() if node == step.node), None)
    if readout is not None:
        parts += _basis_caption(account.account_of(kb, graph, explanation), readout)
    if view.step == last:
        parts.append(html.P("Last step: every route is shown.", className="step-last"))
    return parts
