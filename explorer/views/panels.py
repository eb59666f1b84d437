"""The side panels: the drug's effects and status, the selection's details, the caption."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import networkx as nx
from dash import dcc, html

from .. import engine
from ..links import CLINICAL_TRIALS, PUBMED, STATUS_NOTE, XREF_URLS
from ..model import BASIS_SHORT, BASIS_WORDS, DRUG_CLASSES, Drug, KnowledgeBase, action_word, action_words
from ..style import EFFECT_WORDS, KIND_STYLE
from .base import Graphs, compartment_of, edge_ends, hypothesis_title, join, link
from .compare import compare_panel
from .controls import drug_label
from .state import View, format_query
from .steps import signed_chain

__all__ = ["citation_line", "details_panel", "drug_panel", "hypothesis_caption", "references"]



def references(kb: KnowledgeBase, numbers: Iterable[int], title: str = "References",
                open_: bool = False) -> html.Details | None:
    """The references, each with its PubMed link, as a list of plain components.

    Plain text, never markup: a citation shows as written. (A Markdown list kept the
    switch's response small but made every first visit fetch Dash's Markdown and
    highlighting code, 135 KB compressed; these few components compress as well.)
    """
    items = []
    for number in dict.fromkeys(numbers):
        reference = kb.references.get(number)
        if reference is None:
            continue
        pubmed = [link(f"PubMed {reference.pmid}", PUBMED.format(reference.pmid))] if reference.pmid else []
        # The number is the item's own (value), shown as "[5]" by the stylesheet: two
        # components a reference, since Dash's rendering time grows with their count.
        items.append(html.Li([f"{reference.citation} ", *pubmed], value=number))
    if not items:
        return None
    return html.Details([html.Summary(f"{title} ({len(items)})"), html.Ol(items, className="refs")], open=open_)


def citation_line(source: str, refs: Iterable[int], note: str = "") -> html.P:
    refs = list(refs)
    text = f"Source: {source}" + (f"; refs {', '.join(map(str, refs))}" if refs else "")
    return html.P([text] + ([html.Br(), html.Em(note)] if note else []), className="citation")


def hypothesis_caption(kb: KnowledgeBase, graphs: Graphs, hypothesis: str) -> list:
    """Title, summary and citation of the hypothesis on screen."""
    if hypothesis in kb.hypotheses:
        h = kb.hypotheses[hypothesis]
        return [html.H2(h.title), html.P(h.summary),
                citation_line(h.citation.source, h.citation.refs, h.citation.note),
                references(kb, h.citation.refs)]
    graph = graphs[hypothesis]
    return [html.H2(graph.graph["title"]),
            html.P("The six panels of Fig. 1 drawn as one network: a node shared by several "
                   "panels is drawn once. Click an arrow to see which panels draw it.")]


def _drug_summary(kb: KnowledgeBase, drug: Drug) -> list:
    actions = "; ".join(
        f"{action_word(a.action)} of {kb.entities[a.entity].name}"
        + (f" ({a.site})" if a.site else "") + (f", via {a.via}" if a.via else "")
        + (f" [{a.component}]" if a.component else "")
        for a in drug.actions) or "no action stated in the review"
    parts = [html.P([html.Strong("Class: "), DRUG_CLASSES[drug.drug_class]]),
             html.P([html.Strong("Acts on: "), actions])]
    if drug.components:
        parts.append(html.P([html.Strong("Components: "), ", ".join(drug.components)]))
    return parts


def _status(kb: KnowledgeBase, drug: Drug) -> list:
    status = drug.status
    rows = [html.Li(f"Completed studies: {status.completed}")] if status.completed else []
    if status.current:
        rows.append(html.Li(f"Current studies: {status.current}"))
    for d in drug.designations:
        rows.append(html.Li(f"{d.agency} {d.designation}" + (f" for {d.indication}" if d.indication else "")
                            + (f" ({d.date})" if d.date else "")))
    parts: list = [html.H3(f"Status, {STATUS_NOTE}"), html.Ul(rows or [html.Li("not stated")])]
    if status.note:
        parts.append(html.P(status.note, className="note"))
    if drug.trials:
        trials = [html.Li([link(t.nct, CLINICAL_TRIALS.format(t.nct)),
                           f" (phase {t.phase})" if t.phase else "", f": {t.note}" if t.note else ""])
                  for t in drug.trials]
        parts.append(html.Details([html.Summary(f"ClinicalTrials.gov ({len(trials)})"),
                                   html.Ul(trials, className="trials")], open=len(trials) <= 3))
    return parts


def _effect_row(kb: KnowledgeBase, graph: nx.DiGraph, explanation: engine.Explanation, name: str,
                effect: engine.ReadoutEffect) -> html.Div:
    """One readout: the effect, whose claim it is (stated or extrapolated), the chain, its requirements."""
    word = EFFECT_WORDS[effect.effect]
    head = [html.Span(word["symbol"], className="effect-symbol", style={"color": word["colour"]}),
            html.Strong(f" {name}: "), html.Span(word["text"], className=f"effect-{effect.effect}")]
    if effect.basis:
        head.append(html.Span(BASIS_SHORT[effect.basis], className=f"basis-tag basis-{effect.basis}"))
    chains = []
    for word, chain in effect.chains.items():
        # Each node's change along this chain (▲/▼): the double negatives read at a glance.
        actions = explanation.targets.get(chain[0], ())
        reaching = -1 if word == "down" else 1
        for edge in itertools.pairwise(chain):
            reaching *= graph.edges[edge]["sign"]
        start = reaching  # the sign at the readout, traced back to the sign the chain starts with
        prefix = f"{EFFECT_WORDS[word]['symbol']} " if effect.effect == "mixed" else ""
        chains.append(html.Li(prefix + signed_chain(graph, chain, explanation.drug, actions, start)))
    body: list = []
    if effect.basis == "extrapolated":
        # One line that says whose claim this is: an extrapolation never reads as the review's.
        body.append(html.P(BASIS_WORDS["extrapolated"], className="basis-note basis-extrapolated"))
    if effect.effect == "mixed":
        body.append(html.P("Routes of both signs reach it: the model cannot say which one wins.",
                           className="note"))
    if chains:
        body.append(html.Ul(chains, className="chain"))
    if effect.requires:
        needs = "; ".join(f"{graph.nodes[u]['label']} (for {graph.nodes[v]['label']})"
                          for u, v in effect.requires if u in graph and v in graph)
        body.append(html.P([html.Strong("Requires: "), needs], className="note requires"))
    if effect.breakdown:
        panels = ", ".join(f"{hypothesis_title_of(kb, h)} {EFFECT_WORDS[e]['symbol']}"
                           for h, e in effect.breakdown.items())
        body.append(html.P([html.Strong("Decided by: "), panels], className="note breakdown"))
    return html.Div([html.Div(head, className="effect-head"), *body],
                    className=f"effect-row basis-{effect.basis or 'none'}",
                    **{"data-readout": name, "data-effect": effect.effect, "data-basis": effect.basis})


def hypothesis_title_of(kb: KnowledgeBase, hypothesis: str) -> str:
    return kb.hypotheses[hypothesis].title if hypothesis in kb.hypotheses else hypothesis


def drug_panel(kb: KnowledgeBase, graphs: Graphs, view: View,
               explanation: engine.Explanation | None = None,
               reached_elsewhere: Iterable[str] = ()) -> list:
    """The predicted effect per readout with its chain, the drug's status and its links."""
    if view.drug not in kb.drugs:
        return [html.P("Pick a drug to outline its targets and light the routes to BDNF and mTORC1.",
                       className="hint")]
    drug = kb.drugs[view.drug]
    graph = graphs[view.hypothesis]
    if explanation is None:
        explanation = engine.explain_drug(kb, drug, graph, panels=graphs)
    parts: list = compare_panel(kb, graphs, view)
    parts.append(html.H2(drug_label(drug), id="drug-name"))
    parts += _drug_summary(kb, drug)
    title = hypothesis_title(kb, graphs, view.hypothesis)
    if not explanation.targets:
        parts.append(html.P(f"{drug.name} acts on nothing drawn in “{title}”, so no modelled path reaches "
                            "BDNF or mTORC1 here.", className="no-path"))
    else:
        targets = "; ".join(
            f"{graph.nodes[n]['label']} ({graph.nodes[n]['compartment_label']}): "
            + action_words(actions)
            for n, actions in explanation.targets.items())
        parts.append(html.P([html.Strong("Targets here: "), targets]))
        if not explanation.reaches_any:
            parts.append(html.P(f"No modelled path in “{title}” leads from its targets to a readout.",
                                className="no-path"))
        parts.append(html.Div([_effect_row(kb, graph, explanation, name, effect)
                               for name, effect in explanation.readouts.items()], className="effects"))
    elsewhere = [h for h in reached_elsewhere if h != view.hypothesis]
    if not explanation.reaches_any and elsewhere:
        links = [dcc.Link(hypothesis_title(kb, graphs, h), href=format_query(View(h, drug.id)))
                 for h in elsewhere]
        parts.append(html.P(["It does reach a readout under: ", *join(links), "."], className="elsewhere"))
    if drug.caveats:
        parts.append(html.P([html.Strong("Caveats: "), " · ".join(drug.caveats)], className="caveats note"))
    parts += _status(kb, drug)
    if drug.notes:
        parts.append(html.Details([html.Summary("Notes"), html.P(drug.notes)]))
    parts.append(references(kb, (*drug.citation.refs, *(r for a in drug.actions for r in a.citation.refs))))
    return [p for p in parts if p is not None]


def _hypotheses_with_node(kb: KnowledgeBase, node: str) -> list[str]:
    return [h.id for h in kb.hypotheses.values() if any(n.id == node for n in h.nodes)]


def _hypotheses_with_edge(kb: KnowledgeBase, source: str, target: str) -> list[str]:
    return [h.id for h in kb.hypotheses.values()
            if any(e.source == source and e.target == target for e in h.edges)]


def _xrefs(xrefs: Mapping[str, str]) -> html.P | None:
    links = []
    for key, value in xrefs.items():
        name, url = XREF_URLS.get(key, (key, ""))
        bare = value.split(":", 1)[1] if ":" in value else value
        text = value if value.casefold().startswith(f"{name.casefold()}:") else f"{name} {value}"
        links.append(link(text, url.format(bare)) if url else html.Span(text))
    return html.P([html.Strong("External ids: "), *join(links)]) if links else None


def details_panel(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """What the selected node, edge or compartment is, who says so, and what acts on it."""
    graph = graphs[view.hypothesis]
    if view.edge and (ends := edge_ends(graph, view.edge)):
        return _edge_details(kb, graphs, view, graph, *ends)
    if view.node and view.node in graph:
        return _node_details(kb, graphs, view, graph, view.node)
    if view.node and (compartment := compartment_of(kb, graph, view.node)):
        c = kb.compartments[compartment]
        parts: list = [html.H2(c.label, id="details-title"), html.P("Compartment", className="kind")]
        if c.entity in kb.entities:
            parts.append(html.P(kb.entities[c.entity].description))
        return parts
    return [html.P("Click a node or an arrow (or pick one below) to read what it is and who says so.",
                   className="hint")]


def _node_details(kb: KnowledgeBase, graphs, view: View, graph: nx.DiGraph, node: str) -> list:
    data = graph.nodes[node]
    entity = kb.entities[data["entity"]]
    kind = KIND_STYLE.get(entity.kind, {}).get("label", entity.kind)
    parts: list = [
        html.H2(data["label"], id="details-title"),
        html.P(f"{kind} · {data['compartment_label']}"
               + (f" · entity: {entity.name}" if entity.name != data["label"] else ""), className="kind"),
    ]
    if entity.description:
        parts.append(html.P(entity.description, className="description"))
    if entity.synonyms:
        parts.append(html.P([html.Strong("Also called: "), ", ".join(entity.synonyms)]))
    if entity.parent in kb.entities:
        parts.append(html.P([html.Strong("A kind of: "), kb.entities[entity.parent].name]))
    parts.append(_xrefs(entity.xrefs))
    parts.append(citation_line(data["source"], data["refs"], data["note"]))
    drugs = kb.drugs_acting_on(entity.id)
    if drugs:
        parts.append(html.H3("Drugs acting on it"))
        parts.append(html.Ul([
            html.Li([dcc.Link(drug_label(d), href=format_query(View(view.hypothesis, d.id, node))),
                     f": {', '.join(words)}"]) for d, words in drugs], className="drugs"))
    else:
        parts.append(html.P("No drug in the review acts on it directly.", className="note"))
    hypotheses = _hypotheses_with_node(kb, node)
    if hypotheses:
        parts.append(html.H3("In the hypotheses"))
        parts.append(html.Ul([html.Li(dcc.Link(hypothesis_title(kb, graphs, h),
                                               href=format_query(View(h, view.drug, node))))
                              for h in hypotheses]))
    parts.append(references(kb, (*data["refs"], *entity.citation.refs), open_=True))
    return [p for p in parts if p is not None]


def _edge_details(kb: KnowledgeBase, graphs, view: View, graph: nx.DiGraph, source: str, target: str) -> list:
    data = graph.edges[source, target]
    arrow = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}[data["effect"]]
    names = [f"{graph.nodes[n]['label']} ({graph.nodes[n]['compartment_label']})" for n in (source, target)]
    parts: list = [
        html.H2(f"{graph.nodes[source]['label']} {arrow} {graph.nodes[target]['label']}", id="details-title"),
        html.P(f"{names[0]} {data['effect']} {names[1]}, by {data['mechanism']}.", className="description"),
        citation_line(data["source"], data["refs"], data["note"]),
    ]
    hypotheses = _hypotheses_with_edge(kb, source, target)
    if hypotheses:
        parts.append(html.H3("Drawn in"))
        parts.append(html.Ul([html.Li(dcc.Link(hypothesis_title(kb, graphs, h),
                                               href=format_query(View(h, view.drug))))
                              for h in hypotheses]))
    parts.append(references(kb, data["refs"], open_=True))
    return [p for p in parts if p is not None]


