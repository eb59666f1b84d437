"""One pure function builds the words of a view from the knowledge base, the graph
and the engine's explanation: :func:`account_of`."""

from __future__ import annotations

import itertools

import networkx as nx

from ..engine import NOT_COVERED, Explanation, ReadoutEffect
from ..model import (
    BASIS_WORDS,
    DRUG_CLASSES,
    INTEGRATED,
    Action,
    Drug,
    KnowledgeBase,
    action_chain_words,
    action_phrase,
    action_words,
)
from ..style import EFFECT_WORDS
from .records import (
    Arrow,
    Caveat,
    Chain,
    ChainNode,
    DrugAccount,
    PanelEffect,
    ReadoutAccount,
    Requirement,
    Sign,
    Target,
    ViewAccount,
)

__all__ = ["BASIS_MARKS", "SIGNS", "account_of", "basis_mark", "drug_account", "drug_label", "extrapolation_caveat"]

#: How a short mark (the matrix, the comparison table) shows a basis besides its colour:
#: stated plain, an analogy with ≈ ("about as"), an extrapolation in parentheses (a hedge).
BASIS_MARKS = {"stated": "{}", "analogy": "≈{}", "extrapolated": "({})", "": "{}"}


def basis_mark(symbol: str, basis: str) -> str:
    """``▲``, ``≈▲`` or ``(▲)``: a symbol marked with its basis."""
    return BASIS_MARKS.get(basis, "{}").format(symbol)

#: Each sign as a symbol and a spoken word.
SIGNS = {1: Sign("▲", "rises"), -1: Sign("▼", "falls"), 0: Sign("▲▼", "rises and falls")}
_ARROWS = {1: ("→", "activates"), -1: ("⊣", "inhibits"), 0: ("⇢", "acts on")}
_STATUS_WORDS = {
    "not-stated": "not stated: no panel that names this drug tells it",
    "no-path": EFFECT_WORDS["none"]["text"],
}


def drug_label(drug: Drug) -> str:
    """``Rapastinel (GLYX-13)``: the name and its codes, as the review writes them."""
    codes = [c for c in drug.codes if c.casefold() not in drug.name.casefold()]
    return f"{drug.name} ({', '.join(codes)})" if codes else drug.name


def extrapolation_caveat(drug_name: str, *, integrated: bool = False) -> str:
    """The one line every extrapolated prediction carries."""
    whose = "a panel where it is out of scope" if integrated else "this panel"
    return f"Extrapolated: the logic of {whose} applied to {drug_name}, not a claim of the review."


def drug_account(kb: KnowledgeBase, drug: Drug) -> DrugAccount:
    """The drug in words: ``metabolised to (2R,6R)-HNK``, ``antagonist of NMDAR (glycine site)``."""
    def phrase(a: Action) -> str:
        entity = kb.entities[a.entity].name if a.entity in kb.entities else a.entity
        return (action_phrase(a, entity) + (f" ({a.site})" if a.site else "")
                + (f", via {a.via}" if a.via else "") + (f" [{a.component}]" if a.component else ""))
    return DrugAccount(drug.id, drug.name, drug_label(drug), DRUG_CLASSES.get(drug.drug_class, drug.drug_class),
                       tuple(phrase(a) for a in drug.actions), drug.components, drug.caveats, drug.errata)


def _title(kb: KnowledgeBase, graph: nx.DiGraph, hypothesis: str) -> str:
    return kb.hypotheses[hypothesis].title if hypothesis in kb.hypotheses else graph.graph.get("title", hypothesis)


def _chain(graph: nx.DiGraph, chain: tuple[str, ...], drug: Drug, actions: tuple[Action, ...],
           word: str) -> Chain:
    """A chain with each node's sign: traced back from the readout's change to the start."""
    sign = -1 if word == "down" else 1
    for edge in itertools.pairwise(chain):
        sign *= graph.edges[edge]["sign"]
    arrows = [Arrow(*_ARROWS[sign if actions else 0])]  # the sign this chain starts with
    nodes, compartment = [], None
    for i, node in enumerate(chain):
        data = graph.nodes[node]
        where = "" if data["compartment"] == compartment else data["compartment_label"]
        compartment = data["compartment"]
        nodes.append(ChainNode(data["label"], where, SIGNS[sign]))
        if i + 1 < len(chain):
            edge = graph.edges[node, chain[i + 1]]
            arrows.append(Arrow(*_ARROWS[edge["sign"]], edge["mechanism"], edge["source"], tuple(edge["refs"])))
            sign *= edge["sign"]
    return Chain(drug.name, action_chain_words(actions), tuple(nodes), tuple(arrows), word)


def _readout(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation, name: str,
             effect: ReadoutEffect) -> ReadoutAccount:
    label = {n: graph.nodes[n]["label"] for n in graph}
    integrated = explanation.hypothesis == INTEGRATED
    word = EFFECT_WORDS[effect.effect]
    if effect.effect != "none":
        status, words, symbol = "changes", word["text"], word["symbol"]
    elif effect.required_for:
        targets = ", ".join(label.get(v, v) for v in effect.required_for)
        status, words, symbol = "required", f"required (for {targets})", ""
    else:
        status = "not-stated" if integrated else "no-path"
        words, symbol = _STATUS_WORDS[status], word["symbol"]
    chains = tuple(_chain(graph, chain, explanation.drug, explanation.targets.get(chain[0], ()), sign)
                   for sign, chain in effect.chains.items() if chain and chain[0] in explanation.targets)
    requirements = tuple(Requirement(label[u], label[v], graph.edges[u, v]["source"],
                                     tuple(graph.edges[u, v]["refs"]))
                         for u, v in effect.requires if u in graph and v in graph)
    breakdown = tuple(PanelEffect(h, _title(kb, graph, h), e, EFFECT_WORDS[e]["symbol"])
                      for h, e in effect.breakdown.items())
    return ReadoutAccount(
        name=name, effect=effect.effect, symbol=symbol, colour=word["ink"], effect_words=words,
        status=status, basis=effect.basis, basis_words=BASIS_WORDS.get(effect.basis, ""),
        basis_note=effect.basis_note,
        likened_to=tuple(kb.drugs[d].name for d in effect.likened_to if d in kb.drugs),
        evidence=effect.evidence, chains=chains, requirements=requirements,
        required_for=tuple(label.get(v, v) for v in effect.required_for), breakdown=breakdown,
        caveats=tuple(Caveat(c.text, c.evidence) for c in effect.caveats),
        mixed_note=("Routes of both signs reach it: the model cannot say which one wins."
                    if effect.effect == "mixed" else ""))


def _scope_line(explanation: Explanation) -> str:
    if explanation.hypothesis == INTEGRATED:
        return ("each readout is decided by the panels that name the drug, then by those that liken it "
                "to a drug they name; extrapolations are left out (see 'by panel')")
    named = [e for e in explanation.scope if e.basis in ("stated", "analogy")]
    drug = explanation.drug.name
    if not named:
        if explanation.scope:
            return (f"{drug} is of a class this panel's logic covers, but the review does not name it here: "
                    "its predictions are extrapolations")
        return f"{drug} is outside this hypothesis's scope (the review does not apply it here)"
    entry = named[0]
    refs = f" [{', '.join(map(str, entry.citation.refs))}]" if entry.citation.refs else ""
    how = "the review names it" if entry.basis == "stated" else "by analogy: the review likens it to a drug it names"
    return f"in scope, {how}: \"{entry.quote}\" ({entry.citation.source}{refs})"


def account_of(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> ViewAccount:
    """The words of a view for its drug (or none): one pure function every renderer reads.

    >>> from explorer.loader import load_knowledge_base
    >>> from explorer.engine import build_graphs, explain_drug
    >>> kb = load_knowledge_base(); graphs = build_graphs(kb)
    >>> e = explain_drug(kb, kb.drugs["rapastinel"], graphs["integrated"], panels=graphs)
    >>> [r.effect_words for r in account_of(kb, graphs["integrated"], e).readouts if r.name == "BDNF"]
    ['required (for mTORC1)']
    """
    hypothesis = graph.graph.get("id", "")
    title = _title(kb, graph, hypothesis)
    integrated = hypothesis == INTEGRATED
    if explanation is None:
        return ViewAccount(hypothesis, title, integrated)
    drug = explanation.drug
    targets = tuple(Target(graph.nodes[n]["label"], graph.nodes[n]["compartment_label"], action_words(actions))
                    for n, actions in explanation.targets.items())
    base = {"hypothesis": hypothesis, "title": title, "integrated": integrated,
            "drug": drug_account(kb, drug), "targets": targets}
    if not explanation.targets:
        return ViewAccount(**base, answer="no-target",
                           answer_text=f"{drug.name} acts on nothing drawn in “{title}”, so no modelled path "
                                       "reaches BDNF or mTORC1 here.")
    if integrated and not explanation.covered:
        return ViewAccount(**base, answer="not-covered", scope=_scope_line(explanation),
                           answer_text=f"{drug.name}: {NOT_COVERED}. The review ties it to no Fig. 1 mechanism, "
                                       "so its targets are shown, with no route lit and no sign given.")
    readouts = tuple(_readout(kb, graph, explanation, name, effect)
                     for name, effect in explanation.readouts.items())
    extrapolated = any(r.basis == "extrapolated" for r in readouts)
    answer, text = "effects", ""
    if not explanation.reaches_any:
        answer, text = "no-path", f"No modelled path in “{title}” leads from its targets to a readout."
    marks = ""
    if integrated and explanation.reaches_any:
        marks = (f"Marks show the signs of the panels that decided each readout. Arrows of panels that do not "
                 f"state {drug.name}'s effect are dimmed: the integrated view tells the review's account only.")
    return ViewAccount(**base, answer=answer, answer_text=text, scope=_scope_line(explanation),
                       readouts=readouts, marks_note=marks,
                       extrapolation=extrapolation_caveat(drug.name) if extrapolated else "")
