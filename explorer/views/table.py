"""Table 1: the compounds as rows."""

from __future__ import annotations

from ..model import DRUG_CLASSES, KnowledgeBase, action_word
from .panels import CLINICAL_TRIALS
from .state import View

__all__ = ["table_columns", "table_row_style", "table_rows"]


def table_columns() -> list[dict]:
    return [
        {"name": "Compound", "id": "name"},
        {"name": "Codes and other names", "id": "aliases"},
        {"name": "Class", "id": "class"},
        {"name": "Acts on", "id": "actions"},
        {"name": "Completed studies", "id": "completed"},
        {"name": "Current studies", "id": "current"},
        {"name": "Designations", "id": "designations"},
        {"name": "Trials (NCT)", "id": "trials", "presentation": "markdown"},
        {"name": "In the review", "id": "source"},
    ]


def table_rows(kb: KnowledgeBase) -> list[dict]:
    """One row per drug, Table 1's order; the row ``id`` is the drug id."""
    rows = []
    for drug in kb.drugs.values():
        rows.append({
            "id": drug.id, "name": drug.name,
            "aliases": ", ".join(dict.fromkeys((*drug.codes, *drug.synonyms))),
            "class": DRUG_CLASSES[drug.drug_class],
            "actions": "; ".join(f"{kb.entities[a.entity].name} {action_word(a.action)}"
                                 for a in drug.actions),
            "completed": drug.status.completed, "current": drug.status.current,
            "designations": "; ".join(f"{d.agency} {d.designation}" + (f" ({d.date})" if d.date else "")
                                      for d in drug.designations),
            "trials": " ".join(f"[{t.nct}]({CLINICAL_TRIALS.format(t.nct)})" for t in drug.trials),
            "source": drug.citation.source,
        })
    return rows


def table_row_style(view: View) -> list[dict]:
    """Marks the selected drug's row."""
    base = [{"if": {"state": "active"}, "backgroundColor": "#FFF3D6", "border": "1px solid #E69F00"}]
    if view.drug:
        base.append({"if": {"filter_query": f'{{id}} = "{view.drug}"'},
                     "backgroundColor": "#FFF3D6", "fontWeight": "bold"})
    return base


