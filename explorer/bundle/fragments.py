"""The side panel's words as small HTML fragments, every data string escaped.

The page's script only puts these fragments in place (and fills each
``<ol class="refs" data-refs="…">`` from the embedded reference list with text
nodes), so the escaping here is the one place that keeps the data's text as text:
a name containing ``<script>`` shows as those characters, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import quote

import networkx as nx

from .. import account, engine
from ..account import drug_label
from ..links import CLINICAL_TRIALS, STATUS_NOTE, XREF_URLS
from ..markup import el, text
from ..model import BASIS_SHORT, Drug, KnowledgeBase
from ..style import KIND_STYLE

__all__ = ["HINT", "caption", "drug_details", "drug_label", "edge_details", "effects", "el", "node_details",
           "view_link"]

#: The side panel without a drug.
HINT = ('<p class="hint">Pick a drug to outline its targets, light the routes to the readouts and mark each lit '
        'node \u25B2 rises or \u25BC falls.</p>')

_ARROWS = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}


def _link(words: str, url: str) -> str:
    return el("a", escape(words), href=url, target="_blank", rel="noopener noreferrer")


def view_link(words: str, hypothesis: str, drug: str | None = None) -> str:
    """A link to another view of the same file: the page's fragment, no request.

    Without ``drug`` the link keeps the drug shown; ``""`` shows none.
    """
    return el("a", escape(words), href=f"#hypothesis={quote(hypothesis)}"
              + ("" if drug is None else f"&drug={quote(drug)}"))


def _refs(numbers: Iterable[int], title: str = "References", level: str = "h4") -> str:
    """A placeholder the script fills with the references' text and PubMed links."""
    numbers = list(dict.fromkeys(numbers))
    if not numbers:
        return ""
    return text(level, f"{title} ({len(numbers)})") + el("ol", "", class_="refs",
                                                         data_refs=" ".join(map(str, numbers)))


def _source(source: str, refs: Iterable[int], note: str = "") -> str:
    refs = list(refs)
    words = f"Source: {source}" + (f"; refs {', '.join(map(str, refs))}" if refs else "")
    return el("p", escape(words) + ("<br>" + text("em", note) if note else ""),
              class_="source")


def _title(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], view: str) -> str:
    return kb.hypotheses[view].title if view in kb.hypotheses else graphs[view].graph["title"]


# -- a view ------------------------------------------------------------------------

def caption(kb: KnowledgeBase, graph: nx.DiGraph) -> str:
    """The view's title, summary, source, and what the review says it explains."""
    h = kb.hypotheses.get(graph.graph["id"])
    if h is None:
        return (text("h2", graph.graph["title"])
                + text("p", "The six panels of Fig. 1 drawn as one network: a node shared by several panels "
                            "is drawn once. With a drug, the panels where the review states its effect decide "
                            "each readout."))
    scope = "".join(el("li", escape(f"“{s.quote}” ({s.citation.source}"
                                    + (f" [{', '.join(map(str, s.citation.refs))}]" if s.citation.refs else "")
                                    + ")")) for s in h.scope)
    return (text("h2", h.title) + text("p", h.summary) + _source(h.citation.source, h.citation.refs, h.citation.note)
            + (text("h3", "What the review says it explains") + el("ul", scope, class_="scope") if scope else "")
            + _refs(h.citation.refs, level="h3"))   # under the h2: no heading level skipped


def _xrefs(xrefs: Mapping[str, str]) -> str:
    links = []
    for key, value in xrefs.items():
        name, url = XREF_URLS.get(key, (key, ""))
        bare = value.split(":", 1)[1] if ":" in value else value
        words = value if value.casefold().startswith(f"{name.casefold()}:") else f"{name} {value}"
        links.append(_link(words, url.format(quote(bare))) if url else escape(words))
    return el("p", text("strong", "External ids: ") + ", ".join(links)) if links else ""


def node_details(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], graph: nx.DiGraph, node: str) -> str:
    """What a node is, who says so (source, references) and which drugs act on it."""
    data = graph.nodes[node]
    entity = kb.entities[data["entity"]]
    kind = KIND_STYLE.get(entity.kind, {}).get("label", entity.kind)
    parts = [text("h3", data["label"], class_="details-title"),
             text("p", f"{kind} · {data['compartment_label']}"
                  + (f" · entity: {entity.name}" if entity.name != data["label"] else ""), class_="kind")]
    if entity.description:
        parts.append(text("p", entity.description, class_="description"))
    if entity.synonyms:
        parts.append(el("p", text("strong", "Also called: ") + escape(", ".join(entity.synonyms))))
    if entity.parent in kb.entities:
        parts.append(el("p", text("strong", "A kind of: ") + escape(kb.entities[entity.parent].name)))
    parts.append(_xrefs(entity.xrefs))
    parts.append(_source(data["source"], data["refs"], data["note"]))
    view = graph.graph["id"]
    drugs = kb.drugs_acting_on(entity.id)
    if drugs:
        parts.append(text("h4", "Drugs acting on it"))
        parts.append(el("ul", "".join(el("li", view_link(drug_label(d), view, d.id) + escape(f": {', '.join(w)}"))
                                      for d, w in drugs)))
    others = [h.id for h in kb.hypotheses.values() if h.id != view and any(n.id == node for n in h.nodes)]
    if others:
        parts.append(text("h4", "Also in"))
        parts.append(el("ul", "".join(el("li", view_link(_title(kb, graphs, h), h)) for h in others)))
    parts.append(_refs((*data["refs"], *entity.citation.refs)))
    return "".join(parts)


def edge_details(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], graph: nx.DiGraph,
                 source: str, target: str) -> str:
    """What an arrow says, who says so, and which panels draw it."""
    data = graph.edges[source, target]
    label = {n: graph.nodes[n]["label"] for n in (source, target)}
    names = [f"{label[n]} ({graph.nodes[n]['compartment_label']})" for n in (source, target)]
    parts = [text("h3", f"{label[source]} {_ARROWS[data['effect']]} {label[target]}", class_="details-title"),
             text("p", f"{names[0]} {data['effect']} {names[1]}, by {data['mechanism']}.", class_="description")]
    if data["effect"] == "requires":
        parts.append(text("p", "A necessary condition, not a step: the signed search does not follow it.",
                          class_="note"))
    parts.append(_source(data["source"], data["refs"], data["note"]))
    panels = [h for h in data.get("hypotheses", ()) if h in kb.hypotheses]
    if panels:
        parts.append(text("h4", "Drawn in"))
        parts.append(el("ul", "".join(el("li", view_link(_title(kb, graphs, h), h)) for h in panels)))
    parts.append(_refs(data["refs"]))
    return "".join(parts)


# -- a drug --------------------------------------------------------------------------

def drug_details(kb: KnowledgeBase, drug: Drug) -> str:
    """The drug on every view: class, actions, caveats, status as reported, trials, references."""
    told = account.drug_account(kb, drug)
    parts = [text("h3", f"About {told.label}", class_="drug-name"),
             el("p", text("strong", "Class: ") + escape(told.class_label)),
             el("p", text("strong", "Acts on: ") + escape("; ".join(told.actions) or "no action stated in the review"))]
    if told.components:
        parts.append(el("p", text("strong", "Components: ") + escape(", ".join(told.components))))
    if told.caveats:
        parts.append(text("h4", "Caveats") + el("ul", "".join(text("li", c) for c in told.caveats),
                                                class_="caveats"))
    if told.errata:
        parts.append(text("h4", "The review's errors, marked")
                     + el("ul", "".join(text("li", account.erratum_text(e)) for e in told.errata), class_="errata"))
    status = drug.status
    rows = [text("li", f"Completed studies: {status.completed}")] if status.completed else []
    if status.current:
        rows.append(text("li", f"Current studies: {status.current}"))
    for d in drug.designations:
        rows.append(text("li", f"{d.agency} {d.designation}" + (f" for {d.indication}" if d.indication else "")
                         + (f" ({d.date})" if d.date else "")))
    parts.append(text("h4", f"Status, {STATUS_NOTE}", class_="status")
                 + el("ul", "".join(rows) or text("li", "not stated")))
    if status.note:
        parts.append(text("p", status.note, class_="note"))
    if drug.trials:
        trials = "".join(el("li", _link(t.nct, CLINICAL_TRIALS.format(quote(t.nct)))
                            + escape((f" (phase {t.phase})" if t.phase else "") + (f": {t.note}" if t.note else "")))
                         for t in drug.trials)
        parts.append(text("h4", f"ClinicalTrials.gov ({len(drug.trials)})") + el("ul", trials))
    if drug.notes:
        parts.append(text("h4", "Notes") + text("p", drug.notes))
    parts.append(_refs((*drug.citation.refs, *(r for a in drug.actions for r in a.citation.refs))))
    return "".join(parts)


def _evidence(evidence) -> str:
    """The review's sentences, verbatim, each with its source and references."""
    return el("ul", "".join(el("li", text("q", e.quote) + escape(f" ({account.cite(e.source, e.refs)})"))
                            for e in evidence), class_="evidence")


def _basis(readout: account.ReadoutAccount, *, words: bool = True) -> str:
    """Whose claim it is (unless the extrapolation line above says it), why, the evidence."""
    if not readout.basis:
        return ""
    return ((text("p", readout.basis_words, class_=f"basis basis-{readout.basis}") if words else "")
            + text("p", readout.basis_note, class_="basis-note")
            + (_evidence(readout.evidence) if readout.evidence else ""))


def _effect(readout: account.ReadoutAccount, *, with_basis: bool, told: tuple = ()) -> str:
    basis = readout.basis or "none"
    # Coloured by class (the page's stylesheet), not a style attribute: a page served with a
    # Content-Security-Policy lets its stylesheet in by hash, and no style attribute.
    head = (el("span", escape(readout.symbol), class_=f"symbol effect-{readout.effect}", aria_hidden="true")
            + text("strong", f" {readout.name}: ") + text("span", readout.effect_words))
    parts = [el("p", head, class_="effect-head")]
    if with_basis:
        parts.append(_basis(readout))
    elif readout.basis:  # the basis told once above: here its one word, as the app's tag
        parts.append(text("p", BASIS_SHORT[readout.basis], class_=f"basis basis-{readout.basis}"))
    chains = "".join(chain_item(readout, chain, told) for chain in readout.chains)
    if chains:
        parts.append(el("ul", chains, class_="chain"))
    if readout.mixed_note:
        parts.append(text("p", readout.mixed_note, class_="note"))
    if readout.requirements:
        needs = "; ".join(r.text for r in readout.requirements)
        parts.append(el("p", text("strong", "Requires: ") + escape(needs), class_="requires"))
    if readout.breakdown:
        decided = ", ".join(f"{p.title} {p.symbol}" for p in readout.breakdown)
        parts.append(el("p", text("strong", "Decided by: ") + escape(decided), class_="breakdown"))
    for caveat in readout.caveats:
        parts.append(el("p", text("strong", "Caveat: ") + escape(caveat.text), class_="readout-caveat")
                     + _evidence(caveat.evidence))
    return el("div", "".join(parts), class_=f"effect effect-{basis}", data_readout=readout.name,
              data_effect=readout.effect, data_basis=basis, data_status=readout.status)


def chain_item(readout: account.ReadoutAccount, chain: account.Chain, told: tuple = ()) -> str:
    """A chain as shown (its signs as symbols, hidden from screen readers) and as said (in words)."""
    shared = max((chain.shared_with(other) for other in told), default=0)
    prefix = f"{'▲' if chain.effect == 'up' else '▼'} " if readout.effect == "mixed" else ""
    return el("li", text("span", prefix + chain.text_after(shared), aria_hidden="true")
              + text("span", chain.spoken_after(shared), class_="sr"))


def effects(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], graph: nx.DiGraph,
            explanation: engine.Explanation, reached_elsewhere: Iterable[str] = ()) -> str:
    """The drug on this view: targets, the effect on each readout with basis, evidence and chain."""
    told = account.account_of(kb, graph, explanation)
    drug, view = explanation.drug, explanation.hypothesis
    titles = {h: _title(kb, graphs, h) for h in graphs}
    parts = [text("h2", f"{drug_label(drug)}: {told.title}", class_="effects-title")]
    if told.extrapolation:
        parts.append(text("p", told.extrapolation, class_="caveat"))
    if told.targets:
        targets = "; ".join(f"{t.label} ({t.where}): {t.actions}" for t in told.targets)
        parts.append(el("p", text("strong", "Targets here: ") + escape(targets)))
    if told.answer_text:
        parts.append(text("p", told.answer_text, class_=f"no-path answer-{told.answer}"))
    shared = account.shared_basis(told)
    if shared is not None:
        parts.append(_basis(shared, words=not account.headline_says_basis(told, shared)))
    chains: tuple = ()
    for readout in told.readouts:
        parts.append(_effect(readout, with_basis=shared is None, told=chains))
        chains += readout.chains
    elsewhere = [h for h in reached_elsewhere if h != view]
    if not explanation.reaches_any and elsewhere:
        links = ", ".join(view_link(titles[h], h, drug.id) for h in elsewhere)
        lead = ("Applied to it, the logic of these panels (extrapolations, not the review's account) reaches a "
                "readout: " if told.answer == "not-covered" else "It does reach a readout under: ")
        parts.append(el("p", escape(lead) + links + ".", class_="elsewhere"))
    if told.marks_note:
        parts.append(text("p", told.marks_note, class_="note"))
    return "".join(parts)
