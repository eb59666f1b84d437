"""Checks across records and files: references resolve, ids are known and unique,
shared node ids and edges mean one thing, parent chains have no loops (in linear time)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import (
    EFFECTS,
    HYPOTHESIS_IDS,
    Citation,
    Evidence,
    Hypothesis,
    names_drug,
)
from .files import _Problems


class _Unchecked(dict):
    """Stands in for a file that could not be read: every id is taken as known."""

    def __contains__(self, key: object) -> bool:
        return True


def _check_citation(citation: Citation, file: str, item: str, references, problems: _Problems,
                    *, required: bool = True) -> None:
    for number in citation.refs:
        if number not in references:
            problems.add(file, item, f"reference {number} does not exist in references.toml")
    if required and not citation.refs and not citation.note.strip():
        problems.add(file, item, "cites no reference: give refs, or a note saying the review gives none")


def _check_evidence(evidence: tuple[Evidence, ...], named: tuple[str, ...], file: str, item: str,
                    drugs, references, problems: _Problems) -> None:
    """Each sentence cites real references; together they name every drug in ``named``."""
    for j, sentence in enumerate(evidence, 1):
        for number in sentence.refs:
            if number not in references:
                problems.add(file, f"{item}, evidence {j}", f"reference {number} does not exist in references.toml")
    for drug_id in named:
        drug = drugs.get(drug_id) if hasattr(drugs, "get") else None
        if drug is not None and not any(names_drug(e.quote, drug) for e in evidence):
            problems.add(file, item, f"no evidence sentence names {drug.name!r} (by a name, synonym or code)")


def _check_hypothesis(h: Hypothesis, file: str, kb_parts: dict, shared: dict, problems: _Problems,
                      shared_edges: dict) -> None:
    entities, compartments, references = kb_parts["entities"], kb_parts["compartments"], kb_parts["references"]
    _check_citation(h.citation, file, "", references, problems)
    node_ids: set[str] = set()
    for node in h.nodes:
        item = f"node {node.id!r}"
        if node.id in node_ids:
            problems.add(file, item, f"duplicate node id {node.id!r}")
        node_ids.add(node.id)
        if node.entity and node.entity not in entities:
            problems.add(file, item, f"unknown entity {node.entity!r}")
        if node.compartment and node.compartment not in compartments:
            problems.add(file, item, f"unknown compartment {node.compartment!r}")
        _check_citation(node.citation, file, item, references, problems)
        first = shared.setdefault(node.id, (node.entity, node.compartment, file))
        if first[:2] != (node.entity, node.compartment):
            problems.add(file, item, f"node id {node.id!r} is {first[0]} in {first[1]} in {first[2]}, "
                                     f"but {node.entity} in {node.compartment} here: a shared id must mean one thing")
    seen_edges: set[tuple[str, str]] = set()
    for i, edge in enumerate(h.edges, 1):
        item = f"edge {i} ({edge.source} → {edge.target})"
        for end in (edge.source, edge.target):
            if end and end not in node_ids:
                problems.add(file, item, f"unknown node {end!r}")
        if (edge.source, edge.target) in seen_edges:
            problems.add(file, item, "duplicate edge")
        seen_edges.add((edge.source, edge.target))
        if edge.source and edge.source == edge.target:
            problems.add(file, item, "an edge may not join a node to itself")
        first_edge = shared_edges.setdefault((edge.source, edge.target), (edge.effect, file))
        if edge.effect in EFFECTS and first_edge[0] in EFFECTS and first_edge[0] != edge.effect:
            problems.add(file, item, f"this edge {edge.effect} here but {first_edge[0]} in {first_edge[1]}: "
                                     "the integrated view would have to pick one")
        _check_citation(edge.citation, file, item, references, problems)
    drugs = kb_parts["drugs"]
    stated_here = {d for entry in h.scope if entry.basis == "stated" for d in entry.drugs}
    for i, entry in enumerate(h.scope, 1):
        item = f"scope {i}"
        for drug in (*entry.drugs, *entry.likened_to):
            if drug not in drugs:
                problems.add(file, item, f"unknown drug {drug!r}")
        for drug in entry.likened_to:
            if drug not in stated_here:
                problems.add(file, item, f"likened to {drug!r}, which no stated entry of this hypothesis names")
        if entry.entity and entry.entity not in entities:
            problems.add(file, item, f"unknown entity {entry.entity!r}")
        _check_citation(entry.citation, file, item, references, problems)
        if entry.basis in ("stated", "analogy"):
            _check_evidence(entry.evidence, (*entry.drugs, *entry.likened_to), file, item, drugs, references,
                            problems)
    for i, caveat in enumerate(h.caveats, 1):
        item = f"caveat {i} ({caveat.readout})"
        if caveat.readout not in h.readouts:
            problems.add(file, item, f"{caveat.readout!r} is not one of this hypothesis's readouts")
        for drug in caveat.drugs:
            if drug not in drugs:
                problems.add(file, item, f"unknown drug {drug!r}")
        _check_evidence(caveat.evidence, (), file, item, drugs, references, problems)
    for readout in h.readouts:
        if readout not in node_ids:
            problems.add(file, "readouts", f"unknown node {readout!r}")
    if not h.readouts:
        problems.add(file, "readouts", "a hypothesis needs at least one readout node")


def _parent_loops(parents: Mapping[str, str]) -> list[tuple[str, ...]]:
    """Every cycle of a child → parent mapping, once each, in time linear in its size.

    Each cycle starts at its member that comes first in ``parents`` (the file's order).
    An empty or unknown parent ends a chain; it is not a cycle.

    Examples
    --------
    >>> _parent_loops({"a": "b", "b": "a", "c": "a", "d": ""})
    [('a', 'b')]
    """
    order = {child: i for i, child in enumerate(parents)}
    walk_of: dict[str, int] = {}  # each id is visited by one walk only: linear overall
    loops = []
    for walk, start in enumerate(parents):
        path, current = [], start
        while current and current in order and current not in walk_of:
            walk_of[current] = walk
            path.append(current)
            current = parents[current]
        if walk_of.get(current) == walk and current in order:  # this walk came back to itself
            loop = path[path.index(current):]
            first = min(range(len(loop)), key=lambda i: order[loop[i]])
            loops.append(tuple(loop[first:] + loop[:first]))
    return loops


def _format_loop(loop: tuple[str, ...], shown: int = 6) -> str:
    """``a → b → a``; a long loop is shortened to its first links and its size."""
    if len(loop) <= shown:
        return " → ".join([*loop, loop[0]])
    return f"{' → '.join(loop[:shown])} → … → {loop[0]} ({len(loop):,} in the loop)"


def _some(names: tuple[str, ...], shown: int = 6) -> str:
    """``['a', 'b']``, or the first few and the count: a message repeated per item stays short."""
    if len(names) <= shown:
        return str(list(names))
    return f"[{', '.join(map(repr, names[:shown]))}, … ({len(names):,} in all)]"


def _check(kb_parts: dict, hypotheses: dict[str, tuple[str, Hypothesis]], problems: _Problems,
           *, require_panels: bool) -> None:
    entities, compartments, references = kb_parts["entities"], kb_parts["compartments"], kb_parts["references"]
    for entity in entities.values():
        item = f"entity {entity.id!r}"
        if entity.parent and entity.parent not in entities:
            problems.add("entities.toml", item, f"unknown parent {entity.parent!r}")
        _check_citation(entity.citation, "entities.toml", item, references, problems)
    for compartment in compartments.values():
        item = f"compartment {compartment.id!r}"
        if compartment.parent and compartment.parent not in compartments:
            problems.add("compartments.toml", item, f"unknown parent {compartment.parent!r}")
        if compartment.entity and compartment.entity not in entities:
            problems.add("compartments.toml", item, f"unknown entity {compartment.entity!r}")
    for file, kind, records in (("entities.toml", "entity", entities),
                                ("compartments.toml", "compartment", compartments)):
        for loop in _parent_loops({r.id: r.parent for r in records.values()}):
            problems.add(file, f"{kind} {loop[0]!r}", f"parent chain loops: {_format_loop(loop)}")
    shared: dict[str, tuple[str, str, str]] = {}
    shared_edges: dict[tuple[str, str], tuple[str, str]] = {}
    for file, hypothesis in hypotheses.values():
        _check_hypothesis(hypothesis, file, kb_parts, shared, problems, shared_edges)
    if require_panels:
        missing = [h for h in HYPOTHESIS_IDS if h not in hypotheses]
        extra = [h for h in hypotheses if h not in HYPOTHESIS_IDS]
        if missing:
            problems.add("hypotheses/", "", f"missing hypotheses: {', '.join(missing)}")
        if extra:
            problems.add("hypotheses/", "", f"unexpected hypotheses: {', '.join(extra)} "
                                            f"(the six Fig. 1 panels are {', '.join(HYPOTHESIS_IDS)})")
        positions = kb_parts["positions"]
        for node_id in shared:
            if node_id not in positions:
                problems.add("integrated.toml", f"node {node_id!r}", "no position in the integrated layout")
        for node_id in positions if not isinstance(positions, _Unchecked) else ():
            if node_id not in shared:
                problems.add("integrated.toml", f"position {node_id!r}", "names a node that no hypothesis has")
        parts = kb_parts["parts"] if not isinstance(kb_parts["parts"], _Unchecked) else ()
        for i, part in enumerate(parts, 1):
            for node_id in part.nodes:
                if node_id not in shared:
                    problems.add("integrated.toml", f"part {i}", f"names node {node_id!r}, which no hypothesis has")
        placed = {node_id for part in parts for node_id in part.nodes}
        missing = [node_id for node_id in shared if node_id not in placed]
        if parts and missing:
            problems.add("integrated.toml", "part", f"node {', '.join(map(repr, missing))} is on no part: "
                                                    "every node of the integrated view goes on one part or more")
    for drug in kb_parts["drugs"].values():
        item = f"drug {drug.id!r}"
        # A drug may be cited by NCT ids alone (Table 1 gives no reference for some).
        _check_citation(drug.citation, "drugs.toml", item, references, problems, required=False)
        components = set(drug.components)
        for j, action in enumerate(drug.actions, 1):
            a_item = f"{item}, action {j}"
            if action.entity and action.entity not in entities:
                problems.add("drugs.toml", a_item, f"acts on unknown entity {action.entity!r}")
            if action.component and action.component not in components:
                problems.add("drugs.toml", a_item, f"component {action.component!r} is not one of "
                                                   f"the drug's components {_some(drug.components)}")
            _check_citation(action.citation, "drugs.toml", a_item, references, problems)
            if action.quote and not names_drug(action.quote, drug):
                problems.add("drugs.toml", a_item, f"the quote does not name {drug.name!r}")
        for j, erratum in enumerate(drug.errata, 1):
            _check_citation(erratum.citation, "drugs.toml", f"{item}, erratum {j}", references, problems)
