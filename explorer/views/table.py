"""Table 1: the compounds as an HTML table that sorts, filters and opens a drug.

The table is drawn here, whole, by the server; ``assets/app.js`` (section 7) sorts it by a
header button, filters it by the box under each header and opens a row's drug on a click
(or Enter on its name), all in the browser. No grid library: AG Grid's 1.3 MB bundle was
loaded with every page, and its columns made the table four times as wide as a laptop.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dash import dcc, html

from ..links import CLINICAL_TRIALS
from ..model import DRUG_CLASSES, Drug, KnowledgeBase, action_word

__all__ = ["COLUMNS", "STAGES", "Column", "development_stage", "drug_table", "table_rows"]

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


class Column(NamedTuple):
    """One column: the row's field it shows, its header, and the field it sorts by."""

    field: str
    header: str
    sort_by: str | None = None   # another field of the row (the stage sorts by its rank)
    wide: bool = False           # long prose: given the room that is left


#: Table 1's columns, in order. Every one sorts (by its text, or by ``sort_by``) and filters
#: by any part of a word, in any case.
COLUMNS = (
    Column("name", "Compound"),
    Column("aliases", "Codes and other names"),
    Column("class", "Class"),
    Column("actions", "Acts on"),
    Column("stage", "Stage", sort_by="stage_rank"),
    Column("completed", "Completed studies", wide=True),
    Column("current", "Current studies", wide=True),
    Column("designations", "Designations"),
    Column("trial_ids", "Trials (NCT)"),
    Column("source", "In the review"),
)


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


def _cell(column: Column, row: dict) -> html.Td:
    value = row[column.field]
    sort = {"data-sort": row[column.sort_by]} if column.sort_by else {}
    if column.field == "name":   # the row's control: Tab reaches it, Enter (or a click anywhere) opens it
        content = html.Button(value, type="button", className="open-drug", title="Show on the pathway",
                              **{"data-drug": row["id"]})
    elif column.field == "trial_ids":   # each trial opens ClinicalTrials.gov in a new tab
        ids = [nct for nct in value.split() if re.fullmatch(r"NCT\d{8}", nct)]
        content = [part for i, nct in enumerate(ids)
                   for part in ([" "] if i else []) + [html.A(nct, href=CLINICAL_TRIALS.format(nct), target="_blank",
                                                              rel="noopener noreferrer")]]
    else:
        content = value
    return html.Td(content, className=f"col-{column.field}", **{"data-label": column.header}, **sort)


def drug_table(kb: KnowledgeBase) -> html.Table:
    """Table 1: a header button per column (sorts it; ``aria-sort`` says how), a filter box under
    each header, one row per drug (``data-drug``) whose name is a button."""
    rows = table_rows(kb)
    head = html.Thead([
        html.Tr([html.Th(html.Button(c.header, type="button", className="sort-button", **{"data-column": str(i)}),
                         scope="col", className=f"col-{c.field}", **{"aria-sort": "none"})
                 for i, c in enumerate(COLUMNS)]),
        html.Tr([html.Td([html.Label(c.header, htmlFor=f"filter-{c.field}", className="filter-label"),
                          dcc.Input(id=f"filter-{c.field}", type="search", className="table-filter",
                                    placeholder="filter", debounce=False, autoComplete="off")],
                         className=f"col-{c.field}") for c in COLUMNS],
                className="filter-row"),
    ])
    body = html.Tbody([html.Tr([_cell(c, row) for c in COLUMNS], **{"data-drug": row["id"]}) for row in rows])
    caption = html.Caption("Table 1: drugs, their targets and development stages", className="visually-hidden")
    return html.Table([caption, head, body], id="drug-table", className="drug-table")
