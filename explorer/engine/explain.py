"""What a drug does under a hypothesis: targets, effects with their basis, the highlight,
the signs; the integrated view from the panels; chains in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from ..model import (
    INTEGRATED,
    Action,
    Drug,
    Evidence,
    Hypothesis,
    KnowledgeBase,
    ScopeEntry,
    action_chain_words,
)
from .graphs import hypothesis_graph, readouts_of, targets_of
from .search import EffectWord, Highlight, ReadoutEffect, SignedIndex, highlight, node_signs, predict_effects

__all__ = ["NOT_COVERED", "Explanation", "explain", "explain_drug", "format_chain", "scope_matches"]


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
    #: False only in the integrated view, for a drug that no panel states or likens:
    #: the review ties it to no Fig. 1 mechanism (its targets, no signs).
    covered: bool = True

    @property
    def reaches_any(self) -> bool:
        return any(r.effect != "none" for r in self.readouts.values())

    @property
    def in_scope(self) -> bool:
        """Whether the review names the drug here (stated) or likens it to one it names."""
        return any(entry.basis in ("stated", "analogy") for entry in self.scope)


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


@dataclass(frozen=True)
class _Basis:
    basis: str
    note: str
    evidence: tuple[Evidence, ...] = ()
    likened_to: tuple[str, ...] = ()


def _basis(kb: KnowledgeBase, drug: Drug, scope: tuple[ScopeEntry, ...], effect: ReadoutEffect,
           targets: Mapping[str, tuple[Action, ...]]) -> _Basis:
    """Whose claim a prediction is: the review's (it names the drug here, or the readout
    is the drug's own target), the review's likening (analogy), or the model's."""
    stated = [e for e in scope if e.basis == "stated"]
    analogy = [e for e in scope if e.basis == "analogy"]
    if stated:
        where = "; ".join(_cite(e.citation.source, e.citation.refs) for e in stated)
        return _Basis("stated", f"the review names {drug.name} for this hypothesis ({where})",
                      tuple(dict.fromkeys(ev for e in stated for ev in e.evidence)))
    own = [a for a in targets.get(effect.chain[0], ()) if a.quote] if len(effect.chain) == 1 else []
    if own:
        action = own[0]
        where = _cite(action.citation.source, action.citation.refs)
        return _Basis("stated", f"the readout is {drug.name}'s own target ({where})",
                      (Evidence(action.quote, action.citation.source, action.citation.refs),))
    if analogy:
        likened = tuple(dict.fromkeys(d for e in analogy for d in e.likened_to))
        names = " and ".join(kb.drugs[d].name for d in likened if d in kb.drugs)
        where = "; ".join(_cite(e.citation.source, e.citation.refs) for e in analogy)
        return _Basis("analogy", f"the review likens {drug.name} to {names}, which it names for this "
                                 f"hypothesis ({where}); it does not name {drug.name} here",
                      tuple(dict.fromkeys(ev for e in analogy for ev in e.evidence)), likened)
    covered = [e for e in scope if e.basis == "class"]
    if covered:
        return _Basis("extrapolated", f"{drug.name} is of a class this panel's logic covers, but the review "
                                      "does not name it here")
    return _Basis("extrapolated", f"{drug.name} is outside this hypothesis's scope: the review does not "
                                  "apply it here")


def _with_basis(kb: KnowledgeBase, graph: nx.DiGraph, hypothesis: Hypothesis | None, drug: Drug,
                node: str, effect: ReadoutEffect, targets: Mapping[str, tuple[Action, ...]],
                scope: tuple[ScopeEntry, ...], required_for: tuple[str, ...]) -> ReadoutEffect:
    """``effect`` with its basis, evidence, caveats, and the requirements of its chains
    (or, for a readout that does not change, what it is required for)."""
    if effect.effect == "none" and not required_for:
        return effect
    basis = _basis(kb, drug, scope, effect, targets)
    caveats = tuple(c for c in (hypothesis.caveats if hypothesis else ())
                    if c.readout == node and c.applies_to(drug.id)) if effect.effect != "none" else ()
    return ReadoutEffect(effect.effect, effect.chain, effect.chains, basis.basis, basis.note,
                         _requirements(graph, effect.chains.values()), evidence=basis.evidence,
                         likened_to=basis.likened_to, caveats=caveats, required_for=required_for)


def _required_for(graph: nx.DiGraph, readouts: Mapping[str, str],
                  effects: Mapping[str, ReadoutEffect]) -> dict[str, tuple[str, ...]]:
    """Each readout that is a condition (a ``requires`` edge) of a node on the drug's chains."""
    on_chain = {n for e in effects.values() for chain in e.chains.values() for n in chain}
    return {name: tuple(v for v in graph.succ[node] if graph.edges[node, v]["sign"] == 0 and v in on_chain)
            for name, node in readouts.items()}


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
    required = _required_for(graph, readouts, effects)
    lit = highlight(graph, targets, readouts.values(), index=index)
    signs = {node: found for node, found in node_signs(graph, seeds, index=index).items()
             if node in lit.nodes or node in targets}
    return Explanation(
        drug=drug, hypothesis=graph.graph["id"], targets=targets,
        readouts={name: _with_basis(kb, graph, hypothesis, drug, readouts[name], effect, targets, scope,
                                    required[name])
                  for name, effect in effects.items()},
        highlight=lit, scope=scope, signs=signs,
    )


#: What the integrated view answers for a drug the review ties to no Fig. 1 mechanism.
NOT_COVERED = "not covered by the review's hypotheses"


def _explain_integrated(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph,
                        panels: Mapping[str, nx.DiGraph] | None) -> Explanation:
    """The review's account across the panels, not one sign algebra over their union.

    Multiplying signs across alternative hypotheses would mix routes that no panel
    draws together (GLYX-13's NMDAR → mTORC1 against the antagonist panels). Instead,
    per readout: the panels where the prediction is stated decide; only where none
    is do the panels where it is an analogy answer. Extrapolations never appear here
    (they stay, marked, in the single panels). Signs are pooled (both signs:
    ``mixed``), ``breakdown`` keeps each deciding panel's effect, and the highlight is
    the union of the deciding panels' routes. A readout no panel changes but a
    deciding panel requires reads as required (``required_for``), never as a fall. A
    drug no panel states or likens is ``covered = False``: its targets, no signs.
    """
    if panels is None:
        panels = {h.id: hypothesis_graph(kb, h) for h in kb.hypotheses.values()}
    per_panel = [explain_drug(kb, drug, panels[h]) for h in kb.hypotheses if h in panels]
    readouts: dict[str, ReadoutEffect] = {}
    lit = Highlight()
    deciding: dict[str, Explanation] = {}
    for name in readouts_of(graph):
        answers = [(e, e.readouts[name]) for e in per_panel if name in e.readouts]
        reached = [(e, r) for e, r in answers if r.effect != "none"]
        group = ([(e, r) for e, r in reached if r.basis == "stated"]
                 or [(e, r) for e, r in reached if r.basis == "analogy"])
        if not group:
            needed = ([(e, r) for e, r in answers if r.required_for and r.basis == "stated"]
                      or [(e, r) for e, r in answers if r.required_for and r.basis == "analogy"])
            readouts[name] = _required_in(drug, needed) if needed else ReadoutEffect("none")
            continue
        chains: dict[str, tuple[str, ...]] = {}
        for _, effect in group:
            for sign, chain in effect.chains.items():
                if sign not in chains or len(chain) < len(chains[sign]):
                    chains[sign] = chain
        word: EffectWord = "mixed" if len(chains) == 2 else next(iter(chains))  # type: ignore[assignment]
        basis = group[0][1].basis
        panels_word = ", ".join(e.hypothesis for e, _ in group)
        note = (f"stated in the panels that name {drug.name} ({panels_word})" if basis == "stated"
                else f"no panel names {drug.name}; the review likens it to a drug named in {panels_word}")
        readouts[name] = ReadoutEffect(
            word, min(chains.values(), key=len), chains, basis, note,
            tuple(dict.fromkeys(req for _, r in group for req in r.requires)),
            {e.hypothesis: r.effect for e, r in group},
            evidence=tuple(dict.fromkeys(ev for _, r in group for ev in r.evidence)),
            likened_to=tuple(dict.fromkeys(d for _, r in group for d in r.likened_to)),
            caveats=tuple(dict.fromkeys(c for _, r in group for c in r.caveats)),
            required_for=tuple(dict.fromkeys(v for _, r in group for v in r.required_for)))
        node = readouts_of(graph)[name]
        for explanation, _ in group:
            lit = lit | _routes_to(explanation.highlight, node)
            deciding[explanation.hypothesis] = explanation
    signs: dict[str, frozenset[int]] = {}
    for explanation in deciding.values():  # a panel that decided nothing marks nothing
        for node, found in explanation.signs.items():
            if node in lit.nodes:
                signs[node] = signs.get(node, frozenset()) | found
    covered = any(r.basis in ("stated", "analogy") for e in per_panel for r in e.readouts.values())
    return Explanation(drug=drug, hypothesis=INTEGRATED, targets=targets_of(kb, drug, graph),
                       readouts=readouts, highlight=lit,
                       scope=tuple(s for e in per_panel for s in e.scope if s.basis != "class"),
                       signs=signs, covered=covered)


def _routes_to(lit: Highlight, readout: str) -> Highlight:
    """The part of a panel's highlight that leads to ``readout``: one reverse
    breadth-first search over its lit edges (a panel lights the routes to all its
    readouts, and the integrated view shows only those of the readouts it decided)."""
    pred: dict[str, list[str]] = {}
    for u, v in lit.edges:
        pred.setdefault(v, []).append(u)
    seen, queue = {readout}, [readout]
    for v in queue:  # grows as we go: breadth-first without popping
        for u in pred.get(v, ()):
            if u not in seen:
                seen.add(u)
                queue.append(u)
    nodes = frozenset(n for n in seen if n in lit.nodes)
    return Highlight(nodes, frozenset((u, v) for u, v in lit.edges if u in nodes and v in nodes))


def _required_in(drug: Drug, needed: list[tuple[Explanation, ReadoutEffect]]) -> ReadoutEffect:
    """A readout that does not change but that a deciding panel requires: a condition."""
    first = needed[0][1]
    panels_word = ", ".join(e.hypothesis for e, _ in needed)
    return ReadoutEffect(
        "none", basis=first.basis,
        basis_note=f"a condition the review states in {panels_word}, not a change {drug.name} makes",
        evidence=tuple(dict.fromkeys(ev for _, r in needed for ev in r.evidence)),
        likened_to=tuple(dict.fromkeys(d for _, r in needed for d in r.likened_to)),
        required_for=tuple(dict.fromkeys(v for _, r in needed for v in r.required_for)))


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
