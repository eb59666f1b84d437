"""The words of a view as plain data: small frozen records, no markup.

Every place that tells a view (the app's panel, the one-file explorer, the command
line, slide notes; later the graph's text alternative and quiz feedback) renders
these records, so a wording is written once. Each sign has a symbol and a spoken
word (``▲`` "rises"), each arrow too (``⊣`` "inhibits").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Erratum, Evidence

__all__ = [
    "Answer", "Arrow", "Caveat", "Chain", "ChainNode", "DrugAccount", "PanelEffect", "ReadoutAccount",
    "Requirement", "Sign", "StepAccount", "Target", "ViewAccount",
]

#: What a view answers for its drug: effects on the readouts, or why it has none.
Answer = Literal["none", "effects", "no-target", "no-path", "not-covered"]


@dataclass(frozen=True)
class Sign:
    """How a node changes: ``▲`` "rises", ``▼`` "falls", ``▲▼`` "rises and falls"."""

    symbol: str
    word: str


@dataclass(frozen=True)
class Arrow:
    """One step of a chain: ``→`` "activates", ``⊣`` "inhibits" (from a drug: its action),
    with the edge's mechanism and the review's citation."""

    symbol: str
    word: str
    mechanism: str = ""
    source: str = ""
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChainNode:
    """A node on a chain; ``where`` names its compartment where the chain enters it."""

    label: str
    where: str
    sign: Sign


@dataclass(frozen=True)
class Chain:
    """A route from the drug to a readout: the drug's action, then node, arrow, node …

    ``arrows[0]`` leads from the drug to ``nodes[0]``; ``arrows[i]`` leads to ``nodes[i]``.
    ``effect`` is the readout's change along this route (a mixed readout has two).
    """

    drug: str
    actions: str
    nodes: tuple[ChainNode, ...]
    arrows: tuple[Arrow, ...]
    effect: str

    @property
    def text(self) -> str:
        """``(R,S)-Ketamine (antagonist) ⊣ NMDAR (GABAergic interneuron) ▼ → …``"""
        return self.text_after(0)

    def text_after(self, shared: int) -> str:
        """The chain told from its ``shared``-th node on (``… BDNF ▲ → TrkB ▲ → mTORC1 ▲``),
        where an earlier chain already told the first ``shared`` nodes; 0 tells it all."""
        if shared <= 0:
            parts = [f"{self.drug} ({self.actions})"]
            pairs = zip(self.arrows, self.nodes, strict=True)
        else:
            last = self.nodes[shared - 1]
            parts = [f"… {last.label} {last.sign.symbol}".rstrip()]
            pairs = zip(self.arrows[shared:], self.nodes[shared:], strict=True)
        for arrow, node in pairs:
            where = f" ({node.where})" if node.where else ""
            parts.append(f"{arrow.symbol} {node.label}{where} {node.sign.symbol}".rstrip())
        return " ".join(parts)

    def shared_with(self, other: Chain) -> int:
        """How many of this chain's first nodes ``other`` told already (all of ``other``, or 0)."""
        n = len(other.nodes)
        same = (other.drug, other.nodes, other.arrows) == (self.drug, self.nodes[:n], self.arrows[:n])
        return n if same and n < len(self.nodes) else 0

    @property
    def spoken(self) -> str:
        """``(R,S)-Ketamine, antagonist, inhibits NMDAR in GABAergic interneuron, which falls; …``"""
        return self.spoken_after(0)

    def spoken_after(self, shared: int) -> str:
        """The chain in words from its ``shared``-th node on (``from BDNF, which rises: which
        activates TrkB, which rises; …``), as :meth:`text_after` tells it in symbols."""
        parts = []
        for i, (arrow, node) in enumerate(zip(self.arrows, self.nodes, strict=True)):
            if i < shared:
                continue
            where = f" in {node.where}" if node.where else ""
            subject = f"{self.drug}, {self.actions}," if i == 0 else "which"
            parts.append(f"{subject} {arrow.word} {node.label}{where}, which {node.sign.word}")
        if shared > 0:
            last = self.nodes[shared - 1]
            return f"from {last.label}, which {last.sign.word}: " + "; ".join(parts) + "."
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class Requirement:
    """A necessary condition on a route, never a step: one wording everywhere."""

    condition: str
    target: str
    source: str = ""
    refs: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.condition} is required for {self.target}"


@dataclass(frozen=True)
class Caveat:
    """A doubt the review gives (or a mark of its own error), with its sentences."""

    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class PanelEffect:
    """One deciding panel of the integrated view and the effect it gives."""

    hypothesis: str
    title: str
    effect: str
    symbol: str


@dataclass(frozen=True)
class ReadoutAccount:
    """One readout: its change, whose claim that is and why, the routes and conditions.

    ``status`` is ``changes`` (an effect), ``required`` (no change, but a condition of
    the drug's route: never a fall), ``not-stated`` (the integrated view: no panel
    tells it), ``not-covered`` or ``no-path``.
    """

    name: str
    effect: str
    symbol: str
    colour: str
    effect_words: str
    status: str
    basis: str = ""
    basis_words: str = ""
    basis_note: str = ""
    likened_to: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    chains: tuple[Chain, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    required_for: tuple[str, ...] = ()
    breakdown: tuple[PanelEffect, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    mixed_note: str = ""

    @property
    def headline(self) -> str:
        """``▲ BDNF: increased`` or ``BDNF: required (for mTORC1)``."""
        return f"{self.symbol} {self.name}: {self.effect_words}".strip()

    @property
    def spoken(self) -> str:
        """The headline as a sentence: ``BDNF rises (stated: the review's account).``"""
        said = {"up": "rises", "down": "falls", "mixed": "rises by one route and falls by another"}
        head = f"{self.name} {said[self.effect]}" if self.effect in said else f"{self.name}: {self.effect_words}"
        return head + (f" ({self.basis_words})" if self.basis_words else "") + "."


@dataclass(frozen=True)
class StepAccount:
    """One node of the step-through, in words: how it changes, the arrow that reaches it,
    who says so, and whose claim its change is.

    ``arrow`` leads from ``source`` (the node it is reached from; for a target, the drug,
    and the arrow is the drug's action with that action's citation) to this node.
    ``note`` is the sentence behind that arrow (for a target, the node's own). ``route``
    is the chain from the drug to this node, each node with its sign. ``basis`` is the
    strongest basis of the readouts this node leads to (``leads_to``): stated, then
    analogy, then extrapolated; empty when it leads to none.
    """

    node: str
    label: str
    where: str
    sign: Sign
    arrow: Arrow
    source: str
    source_node: str
    route: Chain
    note: str = ""
    target: bool = False
    readout: str = ""
    leads_to: tuple[str, ...] = ()
    basis: str = ""
    basis_words: str = ""

    @property
    def reveal(self) -> str:
        """``GABA ▼ falls``."""
        return f"{self.label} {self.sign.symbol} {self.sign.word}"

    @property
    def arrow_text(self) -> str:
        """``GAD → GABA: activates, by synthesis`` (a target: ``(R,S)-Ketamine ⊣ NMDAR: antagonist``)."""
        how = self.arrow.mechanism if self.target else f"{self.arrow.word}, by {self.arrow.mechanism}"
        return f"{self.source} {self.arrow.symbol} {self.label}: {how}"


@dataclass(frozen=True)
class Target:
    label: str
    where: str
    actions: str


@dataclass(frozen=True)
class DrugAccount:
    """The drug as every view tells it: names, class, actions in words, doubts and errata."""

    id: str
    name: str
    label: str
    class_label: str
    actions: tuple[str, ...]
    components: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    errata: tuple[Erratum, ...] = ()


@dataclass(frozen=True)
class ViewAccount:
    """The words of one view (a hypothesis or the integrated view) for one drug."""

    hypothesis: str
    title: str
    integrated: bool
    drug: DrugAccount | None = None
    answer: Answer = "none"
    answer_text: str = ""
    scope: str = ""
    targets: tuple[Target, ...] = ()
    readouts: tuple[ReadoutAccount, ...] = ()
    extrapolation: str = ""
    marks_note: str = ""
