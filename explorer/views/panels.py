"""The side panels: the drug's effects and status, the selection's details, the caption."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import networkx as nx
from dash import dcc, html

from .. import account, engine
from ..links import CLINICAL_TRIALS, PUBMED, STATUS_NOTE, XREF_URLS
from ..model import BASIS_SHORT, Drug, KnowledgeBase
from ..style import KIND_STYLE
from .base import Graphs, compartment_of, edge_ends, hypothesis_title, join, link
from .compare import compare_panel
from .controls import drug_label
from .state import View, format_query

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


def _drug_summary(drug: account.DrugAccount) -> list:
    parts = [html.P([html.Strong("Class: "), drug.class_label]),
             html.P([html.Strong("Acts on: "), "; ".join(drug.actions) or "no action stated in the review"])]
    if drug.components:
        parts.append(html.P([html.Strong("Components: "), ", ".join(drug.components)]))
    return parts


def _evidence(evidence, class_name: str = "evidence") -> html.Ul:
    """The review's sentences, verbatim, each with its source and references."""
    return html.Ul([html.Li([html.Q(e.quote), f" ({account.cite(e.source, e.refs)})"]) for e in evidence],
                   className=class_name)


def _basis_block(readout: account.ReadoutAccount, *, words: bool = True) -> list:
    """Whose claim it is (unless the extrapolation line above says it: not ``words``), why,
    and the review's sentences that say so."""
    if not readout.basis:
        return []
    parts: list = [html.P(readout.basis_words, className=f"basis-note basis-{readout.basis}")] if words else []
    parts.append(html.P(readout.basis_note, className="note basis-why"))
    if readout.evidence:
        parts.append(_evidence(readout.evidence))
    return parts


def _drug_notes(drug: account.DrugAccount) -> list:
    """The drug's caveats, and the review's own errors marked with the standard account."""
    parts: list = []
    if drug.caveats:
        parts.append(html.P([html.Strong("Caveats: "), " · ".join(drug.caveats)], className="caveats note"))
    for erratum in drug.errata:
        parts.append(html.P([html.Strong("The review's error: "), account.erratum_text(erratum)],
                            className="erratum note"))
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


def _effect_row(readout: account.ReadoutAccount, *, with_basis: bool, told: tuple = ()) -> html.Div:
    """One readout: the effect, whose claim it is (with the review's words), the chain, its conditions."""
    head = [html.Span(readout.symbol, className="effect-symbol", style={"color": readout.colour},
                      **{"aria-hidden": "true"}),
            html.Strong(f" {readout.name}: "), html.Span(readout.effect_words, className=f"effect-{readout.effect}")]
    if readout.basis:
        head.append(html.Span(BASIS_SHORT[readout.basis], className=f"basis-tag basis-{readout.basis}"))
    body: list = _basis_block(readout) if with_basis else []
    if readout.mixed_note:
        body.append(html.P(readout.mixed_note, className="note"))
    chains = []
    for chain in readout.chains:
        # Each node's change along this chain (▲/▼): the double negatives read at a glance.
        prefix = f"{'▲' if chain.effect == 'up' else '▼'} " if readout.effect == "mixed" else ""
        shared = max((chain.shared_with(other) for other in told), default=0)
        # Shown in symbols (hidden from screen readers, which would say "black down-pointing
        # triangle"), said in words.
        chains.append(html.Li([html.Span(prefix + chain.text_after(shared), **{"aria-hidden": "true"}),
                               html.Span(chain.spoken_after(shared), className="visually-hidden")]))
    if chains:
        body.append(html.Ul(chains, className="chain"))
    if readout.requirements:
        body.append(html.P([html.Strong("Requires: "), "; ".join(r.text for r in readout.requirements)],
                           className="note requires"))
    if readout.breakdown:
        panels = ", ".join(f"{p.title} {p.symbol}" for p in readout.breakdown)
        body.append(html.P([html.Strong("Decided by: "), panels], className="note breakdown"))
    for caveat in readout.caveats:
        body.append(html.Div([html.P([html.Strong("Caveat: "), caveat.text], className="note readout-caveat"),
                              _evidence(caveat.evidence)]))
    return html.Div([html.Div(head, className="effect-head"), *body],
                    className=f"effect-row basis-{readout.basis or 'none'}",
                    **{"data-readout": readout.name, "data-effect": readout.effect, "data-basis": readout.basis,
                       "data-status": readout.status})


def hypothesis_title_of(kb: KnowledgeBase, hypothesis: str) -> str:
    return kb.hypotheses[hypothesis].title if hypothesis in kb.hypotheses else hypothesis


def drug_panel(kb: KnowledgeBase, graphs: Graphs, view: View,
               explanation: engine.Explanation | None = None,
               reached_elsewhere: Iterable[str] = (), told: account.ViewAccount | None = None) -> list:
    """The predicted effect per readout with its chain, the drug's status and its links
    (``told``: the view's account, when the caller has it already)."""
    if view.drug not in kb.drugs:
        return [html.P("Pick a drug to outline its targets and light the routes to BDNF and mTORC1.",
                       className="hint")]
    drug = kb.drugs[view.drug]
    graph = graphs[view.hypothesis]
    if explanation is None:
        explanation = engine.explain_drug(kb, drug, graph, panels=graphs)
    parts: list = compare_panel(kb, graphs, view)
    if told is None or told.drug is None or told.drug.id != drug.id:
        told = account.account_of(kb, graph, explanation)
    parts.append(html.H2(drug_label(drug), id="drug-name"))
    parts += _drug_summary(told.drug)
    if told.targets:
        targets = "; ".join(f"{t.label} ({t.where}): {t.actions}" for t in told.targets)
        parts.append(html.P([html.Strong("Targets here: "), targets]))
    if told.answer_text:
        parts.append(html.P(told.answer_text, className=f"no-path answer-{told.answer}"))
    if told.extrapolation:
        # One line that says whose claim this is: an extrapolation never reads as the review's.
        parts.append(html.P(told.extrapolation, className="basis-note basis-extrapolated"))
    if told.readouts:
        shared = account.shared_basis(told)
        rows, chains = [], ()
        for readout in told.readouts:
            rows.append(_effect_row(readout, with_basis=shared is None, told=chains))
            chains += readout.chains
        lead = _basis_block(shared, words=not account.headline_says_basis(told, shared)) if shared else []
        parts.append(html.Div([*lead, *rows], className="effects"))
    if told.marks_note:
        parts.append(html.P(told.marks_note, className="note marks"))
    elsewhere = [h for h in reached_elsewhere if h != view.hypothesis]
    if not explanation.reaches_any and elsewhere:
        links = [dcc.Link(hypothesis_title(kb, graphs, h), href=format_query(View(h, drug.id)))
                 for h in elsewhere]
        lead = ("Applied to it, the logic of these panels (extrapolations, not the review's account) reaches a "
                "readout: " if told.answer == "not-covered" else "It does reach a readout under: ")
        parts.append(html.P([lead, *join(links), "."], className="elsewhere"))
    parts += _drug_notes(told.drug)
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
        parts = _edge_details(kb, graphs, view, graph, *ends)
    elif view.node and view.node in graph:
        parts = _node_details(kb, graphs, view, graph, view.node)
    elif view.node and (compartment := compartment_of(kb, graph, view.node)):
        c = kb.compartments[compartment]
        parts = [html.H2(c.label, id="details-title"), html.P("Compartment", className="kind")]
        if c.entity in kb.entities:
            parts.append(html.P(kb.entities[c.entity].description))
    else:
        return [html.P("Click a node or an arrow (or pick one below; from the keyboard, Tab to the graph and use "
                       "the arrow keys) to read what it is and who says so.", className="hint")]
    # The view without the selection: how present mode, which shows the details over the
    # graph, puts them away (Esc does too: assets/app.js). First, where the overlay's focus goes.
    close = dcc.Link("Close details", href=format_query(replace(view, node=None, edge=None)),
                     className="details-close", id="details-close")
    return [close, *parts]


def _kept(view: View, new: View) -> View:
    """``new`` in the mode and type of ``view``: a link from present mode stays there."""
    return replace(new, mode=view.mode, type_step=view.type_step, mechanisms=view.mechanisms)


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
            html.Li([dcc.Link(drug_label(d), href=format_query(_kept(view, View(view.hypothesis, d.id, node)))),
                     f": {', '.join(words)}"]) for d, words in drugs], className="drugs"))
    else:
        parts.append(html.P("No drug in the review acts on it directly.", className="note"))
    hypotheses = _hypotheses_with_node(kb, node)
    if hypotheses:
        parts.append(html.H3("In the hypotheses"))
        parts.append(html.Ul([html.Li(dcc.Link(hypothesis_title(kb, graphs, h),
                                               href=format_query(_kept(view, View(h, view.drug, node)))))
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


