"""The selectors above the graph: hypotheses, drugs (grouped by class), nodes."""

from __future__ import annotations

import networkx as nx

from ..account import drug_label
from ..model import DRUG_CLASSES, INTEGRATED, KnowledgeBase

__all__ = ["drug_label", "drug_options", "hypothesis_options", "node_options"]


def hypothesis_options(kb: KnowledgeBase) -> list[dict]:
    options = [{"label": f"{i}. {h.title}", "value": h.id, "search": f"{h.id} {h.title}"}
               for i, h in enumerate(kb.hypotheses.values(), 1)]
    options.append({"label": "All six hypotheses, integrated", "value": INTEGRATED,
                    "search": "integrated all"})
    return options


def drug_options(kb: KnowledgeBase) -> list[dict]:
    """Drugs grouped under their class, each group headed by a disabled option.

    Every option's ``search`` holds its name, synonyms, codes and class, so typing
    "GLYX", "Spravato" or "mGluR" finds the drug.
    """
    options = []
    for drug_class, label in DRUG_CLASSES.items():
        drugs = [d for d in kb.drugs.values() if d.drug_class == drug_class]
        if not drugs:
            continue
        options.append({"label": label, "value": f"class:{drug_class}", "disabled": True,
                        "search": label})
        for drug in drugs:
            options.append({"label": drug_label(drug), "value": drug.id,
                            "title": ", ".join((*drug.synonyms, *drug.codes)) or drug.name,
                            "search": " ".join((drug.name, *drug.synonyms, *drug.codes, drug.id, label))})
    return options


def node_options(graph: nx.DiGraph) -> list[dict]:
    """The nodes of a graph, by label and compartment, for keyboard users."""
    rows = sorted(graph.nodes(data=True), key=lambda item: (item[1]["label"].casefold(), item[0]))
    return [{"label": f"{data['label']} ({data['compartment_label']})", "value": node,
             "search": f"{data['label']} {data['name']} {data['compartment_label']}"}
            for node, data in rows]


