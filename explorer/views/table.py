"""Table 1: the compounds as rows of an AG Grid (sortable, filterable, a row opens its drug)."""

from __future__ import annotations

import re

from ..model import DRUG_CLASSES, Drug, KnowledgeBase, action_word

__all__ = ["STAGES", "development_stage", "table_columns", "table_rows"]

#: Development stages in order, as the review's status columns report them.
STAGES = ("Preclinical", "Phase I", "Phase II", "Phase III", "Phase IV", "Approved / in clinical use")
_PHASE = {"I": 1, "II": 2, "III": 3, "IV": 4}


def development_stage(drug: Drug) -> tuple[int, str]:
    """The furthest stage the review reports, as ``(rank, label)``: ``(3, "Phase III")``.

    Read from the completed and current studies: "FDA-approved" or "used in the
    clinic" is the last stage, the highest phase named otherwise (else that of the
    trials listed), animal studies the first.
    """
    texts = [drug.status.completed, drug.status.current]
    if any(re.search(r"FDA-approved|used in the clinic", t, re.IGNORECASE) for t in texts):
        return len(STAGES) - 1, STAGES[-1]
    phases = [_PHASE[p] for t in texts if re.search(r"\bphase\b", t, re.IGNORECASE)
              for p in re.findall(r"\b(IV|III|II|I)(?:[AB])?\b", t)]
    if not phases:  # the status names no phase: the trials the review lists may
        phases = [_PHASE[p] for trial in drug.trials for p in re.findall(r"(IV|III|II|I)", trial.phase)]
    rank = max(phases, default=0)
    return rank, STAGES[rank]


#: A text filter in every column: AG Grid's is case-insensitive and matches a part.
_TEXT = {"filter": "agTextColumnFilter", "filterParams": {"filterOptions": ["contains"],
                                                          "defaultOption": "contains"}}


def table_columns() -> list[dict]:
    """AG Grid column definitions; the stage sorts by its rank and filters by its words."""
    return [
        {"headerName": "Compound", "field": "name", "pinned": "left", "minWidth": 150, **_TEXT},
        {"headerName": "Codes and other names", "field": "aliases", **_TEXT},
        {"headerName": "Class", "field": "class", **_TEXT},
        {"headerName": "Acts on", "field": "actions", **_TEXT},
        {"headerName": "Stage", "field": "stage_rank", "minWidth": 120,
         "valueFormatter": {"function": "params.data.stage"},
         "filterValueGetter": {"function": "params.data.stage"}, **_TEXT},
        {"headerName": "Completed studies", "field": "completed", **_TEXT},
        {"headerName": "Current studies", "field": "current", **_TEXT},
        {"headerName": "Designations", "field": "designations", **_TEXT},
        # Links drawn by assets/app.js (TrialLinks): each opens ClinicalTrials.gov in a new tab.
        {"headerName": "Trials (NCT)", "field": "trial_ids", "cellRenderer": "TrialLinks", **_TEXT},
        {"headerName": "In the review", "field": "source", **_TEXT},
    ]


def table_rows(kb: KnowledgeBase) -> list[dict]:
    """One row per drug, Table 1's order; the row ``id`` is the drug id."""
    rows = []
    for drug in kb.drugs.values():
        rank, stage = development_stage(drug)
        rows.append({
            "id": drug.id, "name": drug.name,
            "aliases": ", ".join(dict.fromkeys((*drug.codes, *drug.synonyms))),
            "class": DRUG_CLASSES[drug.drug_class],
            "actions": "; ".join(f"{kb.entities[a.entity].name} {action_word(a.action)}"
                                 for a in drug.actions),
            "stage_rank": rank, "stage": stage,
            "completed": drug.status.completed, "current": drug.status.current,
            "designations": "; ".join(f"{d.agency} {d.designation}" + (f" ({d.date})" if d.date else "")
                                      for d in drug.designations),
            "trial_ids": " ".join(t.nct for t in drug.trials),
            "source": drug.citation.source,
        })
    return rows
