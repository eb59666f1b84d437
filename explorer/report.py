"""Explanations and records shaped for people (text) and scripts (JSON-ready dicts).

The JSON shapes are the command line's contract (``docs`` in the README): scripts
depend on them, so keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from .account import account_of, view_text
from .engine import Explanation, explain_drug
from .model import BASES, DRUG_CLASSES, INTEGRATED, Drug, Evidence, KnowledgeBase, ScopeEntry

__all__ = [
    "basis_counts",
    "drug_json",
    "explanations_json",
    "format_drug_list",
    "format_explanation",
    "format_hypothesis_list",
    "hypotheses_json",
    "scope_json",
]



def basis_counts(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> dict[str, dict[str, int]]:
    """How many predictions (drug × view × readout with an effect) have each basis:
    ``{"panels": {"stated": n, "analogy": n, "extrapolated": n}, "integrated": {…}}``.
    The README quotes these figures (a test checks them)."""
    counts = {"panels": dict.fromkeys(BASES, 0), "integrated": dict.fromkeys(BASES, 0)}
    for drug in kb.drugs.values():
        for view, graph in graphs.items():
            where = "integrated" if view == INTEGRATED else "panels"
            for effect in explain_drug(kb, drug, graph, panels=graphs).readouts.values():
                if effect.effect != "none":
                    counts[where][effect.basis] += 1
    return counts


def evidence_json(evidence: Evidence) -> dict:
    """One sentence of the review behind a prediction: ``{"quote", "source", "refs"}``."""
    return {"quote": evidence.quote, "source": evidence.source, "refs": list(evidence.refs)}


def scope_json(entry: ScopeEntry) -> dict:
    """One scope entry: the drugs, or the action pattern, with the review's sentence."""
    return {"drugs": list(entry.drugs), "entity": entry.entity, "actions": list(entry.actions),
            "sites": list(entry.sites), "implicit": entry.implicit, "quote": entry.quote,
            "source": entry.citation.source, "refs": list(entry.citation.refs), "note": entry.citation.note,
            "basis": entry.basis, "likened_to": list(entry.likened_to),
            "evidence": [evidence_json(e) for e in entry.evidence]}


def hypotheses_json(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> list[dict]:
    """``list hypotheses --json``: ``[{"id", "title", "readouts": [...], "scope": [...]}, …]``."""
    return [
        {"id": h.id, "title": h.title,
         "readouts": [graphs[h.id].nodes[r]["name"] for r in h.readouts],
         "summary": h.summary, "source": h.citation.source, "refs": list(h.citation.refs),
         "scope": [scope_json(entry) for entry in h.scope]}
        for h in kb.hypotheses.values()
    ]


def drug_json(drug: Drug) -> dict:
    """One drug for ``list drugs --json``."""
    return {
        "id": drug.id, "name": drug.name, "synonyms": list(drug.synonyms), "codes": list(drug.codes),
        "class": drug.drug_class, "class_label": DRUG_CLASSES[drug.drug_class],
        "components": list(drug.components), "table1": drug.table1,
        "actions": [
            {"entity": a.entity, "action": a.action, "site": a.site, "component": a.component,
             "via": a.via, "source": a.citation.source, "refs": list(a.citation.refs),
             "note": a.citation.note, "quote": a.quote}
            for a in drug.actions
        ],
        "status": {"as_reported": "in the review (2021)", "completed": drug.status.completed,
                   "current": drug.status.current, "note": drug.status.note},
        "designations": [{"agency": d.agency, "designation": d.designation,
                          "indication": d.indication, "date": d.date} for d in drug.designations],
        "trials": [{"nct": t.nct, "phase": t.phase, "note": t.note} for t in drug.trials],
        "source": drug.citation.source, "refs": list(drug.citation.refs), "notes": drug.notes,
        "caveats": list(drug.caveats),
        "errata": [{"review": e.review, "standard": e.standard, "source": e.citation.source,
                    "refs": list(e.citation.refs)} for e in drug.errata],
    }


def explanations_json(drug: Drug, explanations: Iterable[Explanation],
                      graphs: Mapping[str, nx.DiGraph]) -> dict:
    """``explain --json``: results per hypothesis plus every node id they mention."""
    results, nodes = [], {}
    for explanation in explanations:
        graph = graphs[explanation.hypothesis]
        mentioned = set(explanation.targets)
        readouts = {}
        for name, effect in explanation.readouts.items():
            readout = {"effect": effect.effect, "chain": list(effect.chain),
                       "chains": {sign: list(c) for sign, c in effect.chains.items()}}
            if effect.effect != "none" or effect.required_for:
                readout.update(basis=effect.basis, basis_note=effect.basis_note,
                               requires=[list(pair) for pair in effect.requires])
                if effect.breakdown:
                    readout["breakdown"] = dict(effect.breakdown)
                if effect.basis in ("stated", "analogy"):
                    readout["evidence"] = [evidence_json(e) for e in effect.evidence]
                if effect.likened_to:
                    readout["likened_to"] = list(effect.likened_to)
                if effect.required_for:
                    readout["required_for"] = list(effect.required_for)
                    mentioned.update(effect.required_for)
                if effect.caveats:
                    readout["caveats"] = [{"text": c.text, "evidence": [evidence_json(e) for e in c.evidence]}
                                          for c in effect.caveats]
            readouts[name] = readout
            for chain in effect.chains.values():
                mentioned.update(chain)
            for pair in effect.requires:
                mentioned.update(pair)
        results.append({
            "hypothesis": explanation.hypothesis,
            "targets": list(explanation.targets),
            "actions": {node: [a.action for a in actions] for node, actions in explanation.targets.items()},
            "in_scope": explanation.in_scope,
            "covered": explanation.covered,
            "scope": [scope_json(entry) for entry in explanation.scope],
            "readouts": readouts,
        })
        for node in sorted(mentioned):
            data = graph.nodes[node]
            nodes[node] = {"entity": data["entity"], "label": data["label"],
                           "compartment": data["compartment"]}
    return {"drug": drug.id, "name": drug.name, "caveats": list(drug.caveats),
            "errata": drug_json(drug)["errata"], "results": results, "nodes": nodes}


def format_explanation(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation) -> str:
    """One hypothesis's answer in words, for the terminal: the view's account as text."""
    return view_text(account_of(kb, graph, explanation))


def format_hypothesis_list(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph]) -> str:
    rows = hypotheses_json(kb, graphs)
    width = max(len(r["id"]) for r in rows)
    return "\n".join(f"{r['id']:<{width}}  {r['title']}  [readouts: {', '.join(r['readouts'])}]"
                     for r in rows)


def format_drug_list(kb: KnowledgeBase) -> str:
    lines = []
    for drug_class, label in DRUG_CLASSES.items():
        drugs = [d for d in kb.drugs.values() if d.drug_class == drug_class]
        if not drugs:
            continue
        lines.append(label)
        for drug in drugs:
            codes = ", ".join(drug.codes or drug.synonyms[:2])
            actions = "; ".join(f"{a.action.replace('-', ' ')} of {kb.entities[a.entity].name}"
                                for a in drug.actions) or "no action stated"
            lines.append(f"  {drug.id:<20} {drug.name}{f' ({codes})' if codes else ''}: {actions}")
    return "\n".join(lines)
