"""The records of the knowledge base: frozen, parsed elsewhere (see ``loader``).

Nothing here reads files or knows about TOML; the loader builds these records and
checks them, the engine and the app only read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Effect = Literal["activates", "inhibits", "requires"]
#: ``requires`` is a necessary condition (SBGN AF "necessary stimulation"): the
#: legend's "requires" / "is necessary". It carries no sign: the signed search does
#: not follow it; an explanation lists the requirements of the nodes on its chain.
EFFECTS: tuple[str, ...] = ("activates", "inhibits", "requires")
EDGE_SIGNS: Mapping[str, int] = MappingProxyType({"activates": 1, "inhibits": -1, "requires": 0})

ENTITY_KINDS: tuple[str, ...] = (
    "receptor", "enzyme", "factor", "transmitter", "transporter",
    "protein", "metabolite", "cell", "process",
)
XREF_KEYS: tuple[str, ...] = ("hgnc", "uniprot", "chebi", "pubchem", "go")

DRUG_CLASSES: Mapping[str, str] = MappingProxyType({
    "broad-nmda": "Broad NMDA receptor modulators",
    "glycine-site": "Glycine site modulators",
    "nr2b-selective": "Subunit (NR2B)-specific NMDA receptor antagonists",
    "mglur": "mGluR modulators",
    "mtorc1-activator": "mTORC1 activators",
    "gaba-a-modulator": "GABA-A receptor modulators",
})

#: The sign each action word starts a signed path with. ``modulator`` is the
#: review's own word where it does not say which way: it is followed with both signs.
ACTION_SIGNS: Mapping[str, tuple[int, ...]] = MappingProxyType({
    "antagonist": (-1,),
    "channel-blocker": (-1,),
    "negative-allosteric-modulator": (-1,),
    "inhibitor": (-1,),
    "agonist": (1,),
    "partial-agonist": (1,),
    "positive-allosteric-modulator": (1,),
    "activator": (1,),
    "prodrug": (1,),
    "administered": (1,),
    "modulator": (1, -1),
})

#: Short forms used in labels; other action words are shown with spaces for hyphens.
ACTION_SHORT: Mapping[str, str] = MappingProxyType({
    "negative-allosteric-modulator": "NAM", "positive-allosteric-modulator": "PAM",
    # On the node a prodrug acts on, that node is the drug's metabolite.
    "prodrug": "metabolite", "administered": "given directly",
})

#: How a prediction's basis reads to a class: the review's claim, the review's
#: likening of this drug to one it names, or the model's extrapolation of a panel's
#: logic. Every place that shows a prediction uses these.
Basis = Literal["stated", "analogy", "extrapolated", ""]
BASES: tuple[str, ...] = ("stated", "analogy", "extrapolated")
BASIS_WORDS: Mapping[str, str] = MappingProxyType({
    "stated": "stated: the review's account",
    "analogy": "analogy: the review likens this drug to one it names here",
    "extrapolated": "extrapolated: the logic of the panel, not a claim of the review",
})
BASIS_SHORT: Mapping[str, str] = MappingProxyType(
    {"stated": "stated", "analogy": "analogy", "extrapolated": "extrapolated"})

#: How a scope entry counts: it names drugs the review states a hypothesis for
#: (``stated``), likens to such a drug (``analogy``), or it is a class pattern that says
#: what the panel's logic covers (``class``) and never raises a prediction's basis.
SCOPE_BASES: tuple[str, ...] = ("stated", "analogy", "class")


def action_word(action: str) -> str:
    """An action word as labels show it: ``NAM``, ``partial agonist``."""
    return ACTION_SHORT.get(action, action.replace("-", " "))


def action_words(actions: Iterable[Action]) -> str:
    """``antagonist, NAM``: each distinct action word once, as labels show them."""
    return ", ".join(dict.fromkeys(action_word(a.action) for a in actions))


#: How a chain in words starts from the drug, where the label word would mislead.
ACTION_CHAIN: Mapping[str, str] = MappingProxyType({"prodrug": "metabolised to"})


def action_chain_words(actions: Iterable[Action]) -> str:
    """``antagonist``, ``metabolised to``: the action words a chain starts with."""
    return ", ".join(dict.fromkeys(ACTION_CHAIN.get(a.action) or action_word(a.action) for a in actions))


def action_phrase(action: Action, entity_name: str) -> str:
    """An action with its entity in words: ``antagonist of NMDAR``; a prodrug is
    ``metabolised to (2R,6R)-HNK`` (the drug is converted to the entity, never "a
    metabolite of" it)."""
    if action.action == "prodrug":
        return f"{ACTION_CHAIN['prodrug']} {entity_name}"
    return f"{action_word(action.action)} of {entity_name}"


def _folded(text: str) -> str:
    """Text compared for names: Markdown emphasis gone, spaces folded, case folded."""
    return " ".join(text.replace("*", "").split()).casefold()


def names_drug(text: str, drug: Drug) -> bool:
    """Whether ``text`` names ``drug`` by its name, a synonym or a code (as a word:
    "ketamine" is in "(R,S)-ketamine" but not in "esketamine")."""
    folded = _folded(text)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(_folded(alias))}(?![a-z0-9])", folded)
               for alias in drug.aliases if alias)


HYPOTHESIS_IDS: tuple[str, ...] = (
    "disinhibition", "spontaneous-transmission", "extrasynaptic-glun2b",
    "hnk-ampa", "mglur2-3", "glyx-13",
)
INTEGRATED = "integrated"


@dataclass(frozen=True)
class Citation:
    """Where the review states a claim: its section or figure and reference numbers."""

    source: str
    refs: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Reference:
    number: int
    citation: str
    pmid: str = ""
    #: e.g. a garble of the reference list kept verbatim, marked [sic].
    note: str = ""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    citation: Citation
    synonyms: tuple[str, ...] = ()
    parent: str = ""
    description: str = ""
    xrefs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Compartment:
    id: str
    label: str
    parent: str = ""
    entity: str = ""


@dataclass(frozen=True)
class Node:
    """An entity placed in a compartment of one panel.

    ``site`` narrows which drugs act on the node: a node with a site (GLYX-13's
    ``glycine site``) is a target only of actions at that site.
    """

    id: str
    entity: str
    compartment: str
    label: str
    x: float
    y: float
    citation: Citation
    site: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    effect: Effect
    mechanism: str
    citation: Citation

    @property
    def sign(self) -> int:
        """+1 activates, -1 inhibits, 0 requires (not a signed step)."""
        return EDGE_SIGNS.get(self.effect, 0)


@dataclass(frozen=True)
class Evidence:
    """One sentence of the review, verbatim, with where it stands and its references."""

    quote: str
    source: str
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScopeEntry:
    """What the review says a hypothesis explains: named drugs, or an action pattern.

    A named entry has a ``basis``: ``stated`` (the review names these drugs for the
    hypothesis) or ``analogy`` (it likens them to the drugs in ``likened_to``, which
    are stated here). ``evidence`` holds the review's sentences that say so, the
    entry's own ``quote`` first; together they name each drug (and each drug it is
    likened to). A pattern (``basis`` ``class``) matches a drug with an action on
    ``entity`` (or a subtype of it) whose word is in ``actions`` and whose site is one
    of ``sites`` ("" for no particular site): it says what the panel's logic covers
    and never makes a prediction stated. ``implicit`` marks a class the review
    extends the hypothesis to only implicitly (the note says how).
    """

    citation: Citation
    quote: str
    drugs: tuple[str, ...] = ()
    entity: str = ""
    actions: tuple[str, ...] = ()
    sites: tuple[str, ...] = ("",)
    implicit: bool = False
    basis: str = "class"
    likened_to: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ReadoutCaveat:
    """A doubt about one readout of one hypothesis (for ``drugs``, or every drug when
    empty): where the review contradicts itself or borrows a link. ``evidence`` holds
    the review's sentences, verbatim."""

    readout: str
    text: str
    drugs: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def applies_to(self, drug_id: str) -> bool:
        return not self.drugs or drug_id in self.drugs


@dataclass(frozen=True)
class SlideLayout:
    """A view laid out for the room: the column and row of each node on a slide, and of
    its legend. Only their order and alignment matter: the figure works out the sizes.
    ``title`` names a part of a view drawn on several slides (the integrated view's)."""

    nodes: Mapping[str, tuple[float, float]]
    legend: tuple[float, float] | None = None
    title: str = ""


@dataclass(frozen=True)
class Hypothesis:
    id: str
    title: str
    order: int
    summary: str
    citation: Citation
    readouts: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    scope: tuple[ScopeEntry, ...] = ()
    caveats: tuple[ReadoutCaveat, ...] = ()
    slide: SlideLayout | None = None


@dataclass(frozen=True)
class Action:
    entity: str
    action: str
    citation: Citation
    site: str = ""
    component: str = ""
    via: str = ""
    #: The review's sentence naming the drug and this action, verbatim: the evidence
    #: when the action's entity is itself a readout (NV-5138's mTORC1).
    quote: str = ""

    @property
    def signs(self) -> tuple[int, ...]:
        return ACTION_SIGNS[self.action]


@dataclass(frozen=True)
class Status:
    """Development status as reported in the review (2021)."""

    completed: str = ""
    current: str = ""
    note: str = ""


@dataclass(frozen=True)
class Designation:
    agency: str
    designation: str
    indication: str = ""
    date: str = ""


@dataclass(frozen=True)
class Trial:
    nct: str
    phase: str = ""
    note: str = ""


@dataclass(frozen=True)
class Erratum:
    """Where the review itself is wrong by standard pharmacology: its words, kept, and
    the standard account, with a reference the review gives for it where it has one."""

    review: str
    standard: str
    citation: Citation


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    drug_class: str
    citation: Citation
    synonyms: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    table1: bool = True
    actions: tuple[Action, ...] = ()
    status: Status = Status()
    designations: tuple[Designation, ...] = ()
    trials: tuple[Trial, ...] = ()
    notes: str = ""
    #: Short warnings a class must read beside the drug (a sign we had to choose,
    #: a mechanism the review calls unclear, a pairing the review makes).
    caveats: tuple[str, ...] = ()
    errata: tuple[Erratum, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every name a user may type for this drug: id, name, synonyms and codes."""
        return (self.id, self.name, *self.synonyms, *self.codes)


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything in ``pathways/``, checked. Mappings keep the files' order."""

    references: Mapping[int, Reference]
    entities: Mapping[str, Entity]
    compartments: Mapping[str, Compartment]
    hypotheses: Mapping[str, Hypothesis]
    drugs: Mapping[str, Drug]
    integrated_positions: Mapping[str, tuple[float, float]]
    integrated_parts: tuple[SlideLayout, ...] = ()     # the integrated view on slides, one per part

    def entity_lineage(self, entity_id: str) -> tuple[str, ...]:
        """The entity and its ancestors by ``parent``, nearest first.

        Linear in the chain's length; stops at a repeat (the loader reports loops).
        """
        return _lineage(entity_id, lambda i: self.entities[i].parent if i in self.entities else "")

    def drugs_acting_on(self, entity_id: str) -> list[tuple[Drug, list[str]]]:
        """Each drug acting on the entity or an ancestor of it, with its action words once."""
        lineage = self.entity_lineage(entity_id)
        found = []
        for drug in self.drugs.values():
            words = [action_word(a.action) for a in drug.actions if a.entity in lineage]
            if words:
                found.append((drug, list(dict.fromkeys(words))))
        return found

    def compartment_lineage(self, compartment_id: str) -> tuple[str, ...]:
        """The compartment and the compartments it sits in, innermost first (linear, as above)."""
        return _lineage(compartment_id,
                        lambda i: self.compartments[i].parent if i in self.compartments else "")


def _lineage(start: str, parent_of: Callable[[str], str]) -> tuple[str, ...]:
    lineage, seen = [], set()  # the set keeps the walk linear: `in` on the list made it quadratic
    while start and start not in seen:
        lineage.append(start)
        seen.add(start)
        start = parent_of(start)
    return tuple(lineage)
