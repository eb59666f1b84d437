"""What a drug does under a hypothesis: targets, effects with their basis, the highlight,
the signs; the integrated view from the panels; chains in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from ..model import INTEGRATED, Action, Drug, Hypothesis, KnowledgeBase, ScopeEntry, action_chain_words
from .graphs import hypothesis_graph, readouts_of, targets_of
from .search import EffectWord, Highlight, ReadoutEffect, SignedIndex, highlight, node_signs, predict_effects

__all__ = ["Explanation", "explain", "explain_drug", "format_chain", "scope_matches"]


@dataclass(frozen=True)
class Explanation:
    """What one drug does under one hypothesis.

    ``scope`` holds the hypothesis's scope entries that name the drug (empty when it
    is outside the scope); in the integrated view, those of every panel. ``signs``
    gives each lit node and target the signs it is reached with (+1 rises, -1 falls,
    both where routes of both signs meet): what every view marks ▲ / ▼.
    """

    drug: Drug
    hypothesis: str
    targets: Mapping[str, tuple[Action, ...]]
    readouts: Mapping[str, ReadoutEffect]
    highlight: Highlight
    scope: tuple[ScopeEntry, ...] = ()
    signs: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def reaches_any(self) -> bool:
        return any(r.effect != "none" for r in self.readouts.values())

    @property
    def in_scope(self) -> bool:
        return bool(self.scope)


def scope_matches(kb: KnowledgeBase, drug: Drug, hypothesis: Hypothesis) -> tuple[ScopeEntry, ...]:
    """The hypothesis's scope entries that take in ``drug``: by name, or by an action
    on the entity (or a subtype of it) with one of the entry's words at its site."""
    def matches(entry: ScopeEntry) -> bool:
        if entry.drugs:
            return drug.id in entry.drugs
        return any(entry.entity in kb.entity_lineage(a.entity) and a.action in entry.actions
                   and a.site in entry.sites for a in drug.actions)
    return tuple(entry for entry in hypothesis.scope if matches(entry))


def _cite(source: str, refs: Iterable[int]) -> str:
    refs = list(refs)
    return f"{source} [{', '.join(map(str, refs))}]" if refs else source


def _requirements(graph: nx.DiGraph, chains: Iterable[tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    on_chain = dict.fromkeys(node for chain in chains for node in chain)
    return tuple((u, v) for v in on_chain for u in graph.pred[v] if graph.edges[u, v]["sign"] == 0)


def _with_basis(graph: nx.DiGraph, drug: Drug, effect: ReadoutEffect,
                targets: Mapping[str, tuple[Action, ...]], scope: tuple[ScopeEntry, ...]) -> ReadoutEffect:
    """``effect`` with its basis, its reason, and the requirements of its chains."""
    if effect.effect == "none":
        return effect
    if scope:
        entry = scope[0]
        kind = "the review extends this hypothesis to its class implicitly" if entry.implicit \
            else "the review names it for this hypothesis"
        where = _cite(entry.citation.source, entry.citation.refs)
        basis, note = "stated", f"{drug.name} is in this hypothesis's scope: {kind} ({where})"
    elif len(effect.chain) == 1:
        action = targets[effect.chain[0]][0]
        basis = "stated"
        note = (f"the readout is {drug.name}'s own target "
                f"({_cite(action.citation.source, action.citation.refs)})")
    else:
        basis = "extrapolated"
        note = (f"{drug.name} is outside this hypothesis's scope: the panel's logic applied to it, "
                "not a claim of the review")
    return ReadoutEffect(effect.effect, effect.chain, effect.chains, basis, note,
                         _requirements(graph, effect.chains.values()))


def explain_drug(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph, *, index: SignedIndex | None = None,
                 panels: Mapping[str, nx.DiGraph] | None = None) -> Explanation:
    """Targets, highlight and signed effect (with its basis) on every readout.

    For the integrated graph the answer is built from the panels (``panels``, built
    from ``kb`` when not given): see :func:`_explain_integrated`.
    """
    if graph.graph["id"] == INTEGRATED:
        return _explain_integrated(kb, drug, graph, panels)
    index = index or SignedIndex(graph)
    targets = targets_of(kb, drug, graph)
    seeds = {node: {s for a in actions for s in a.signs} for node, actions in targets.items()}
    readouts = readouts_of(graph)
    hypothesis = kb.hypotheses.get(graph.graph["id"])
    scope = scope_matches(kb, drug, hypothesis) if hypothesis else ()
    effects = predict_effects(graph, seeds, readouts, index=index)
    lit = highlight(graph, targets, readouts.values(), index=index)
    signs = {node: found for node, found in node_signs(graph, seeds, index=index).items()
             if node in lit.nodes or node in targets}
    return Explanation(
        drug=drug, hypothesis=graph.graph["id"], targets=targets,
        readouts={name: _with_basis(graph, drug, effect, targets, scope) for name, effect in effects.items()},
        highlight=lit, scope=scope, signs=signs,
    )


def _explain_integrated(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph,
                        panels: Mapping[str, nx.DiGraph] | None) -> Explanation:
    """The review's account across the panels, not one sign algebra over their union.

    Multiplying signs across alternative hypotheses would mix routes that no panel
    draws together (GLYX-13's NMDAR → mTORC1 against the antagonist panels). Instead,
    per readout: the panels where the prediction is stated decide; only where none
    is do the extrapolating panels answer (and the basis says so). Their signs are
    pooled (both signs: ``mixed``), ``breakdown`` keeps each panel's effect, and the
    highlight is the union of the deciding panels' routes.
    """
    if panels is None:
        panels = {h.id: hypothesis_graph(kb, h) for h in kb.hypotheses.values()}
    per_panel = [explain_drug(kb, drug, panels[h]) for h in kb.hypotheses if h in panels]
    readouts: dict[str, ReadoutEffect] = {}
    lit = Highlight()
    deciding: dict[str, Explanation] = {}
    for name in readouts_of(graph):
        reached = [(e, e.readouts[name]) for e in per_panel
                   if name in e.readouts and e.readouts[name].effect != "none"]
        group = [(e, r) for e, r in reached if r.basis == "stated"] or reached
        if not group:
            readouts[name] = ReadoutEffect("none")
            continue
        chains: dict[str, tuple[str, ...]] = {}
        for _, effect in group:
            for sign, chain in effect.chains.items():
                if sign not in chains or len(chain) < len(chains[sign]):
                    chains[sign] = chain
        word: EffectWord = "mixed" if len(chains) == 2 else next(iter(chains))  # type: ignore[assignment]
        basis = group[0][1].basis
        panels_word = ", ".join(e.hypothesis for e, _ in group)
        note = (f"stated in the panels where {drug.name} is in scope ({panels_word})" if basis == "stated"
                else f"extrapolated: no panel states it; the logic of {panels_word} applied to {drug.name}")
        readouts[name] = ReadoutEffect(
            word, min(chains.values(), key=len), chains, basis, note,
            tuple(dict.fromkeys(req for _, r in group for req in r.requires)),
            {e.hypothesis: r.effect for e, r in group})
        for explanation, _ in group:
            lit = lit | explanation.highlight
            deciding[explanation.hypothesis] = explanation
    signs: dict[str, frozenset[int]] = {}
    for explanation in deciding.values():  # a panel that decided nothing marks nothing
        for node, found in explanation.signs.items():
            if node in lit.nodes:
                signs[node] = signs.get(node, frozenset()) | found
    return Explanation(drug=drug, hypothesis=INTEGRATED, targets=targets_of(kb, drug, graph),
                       readouts=readouts, highlight=lit,
                       scope=tuple(s for e in per_panel for s in e.scope), signs=signs)


def explain(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug: Drug,
            hypothesis_ids: Iterable[str] | None = None) -> list[Explanation]:
    """``explain_drug`` over the six panels (or the hypotheses named, ``integrated`` too)."""
    ids = list(hypothesis_ids) if hypothesis_ids is not None else list(kb.hypotheses)
    return [explain_drug(kb, drug, graphs[h], panels=graphs) for h in ids]


_ARROW = {1: "→", -1: "⊣"}


def format_chain(graph: nx.DiGraph, chain: Iterable[str], drug: Drug | None = None,
                 actions: Iterable[Action] = ()) -> str:
    """A chain in words, naming a compartment only where the chain enters it.

    ``(R,S)-Ketamine (antagonist) ⊣ NMDAR (GABAergic interneuron) → Interneuron activity → …``
    """
    chain = list(chain)
    parts = []
    if drug is not None and chain:
        actions = list(actions)
        signs = {s for a in actions for s in a.signs}
        arrow = _ARROW[signs.pop()] if len(signs) == 1 else "⇢"
        parts.append(f"{drug.name} ({action_chain_words(actions)}) {arrow}")
    compartment = None
    for i, node in enumerate(chain):
        data = graph.nodes[node]
        parts.append(data["label"] if data["compartment"] == compartment
                     else f"{data['label']} ({data['compartment_label']})")
        compartment = data["compartment"]
        if i + 1 < len(chain):
            parts.append(_ARROW[graph.edges[node, chain[i + 1]]["sign"]])
    return " ".join(parts)
