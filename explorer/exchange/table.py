"""The drug table as CSV, for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..model import DRUG_CLASSES, KnowledgeBase

__all__ = ["DRUG_COLUMNS", "drugs_csv", "drugs_csv_bytes"]

DRUG_COLUMNS: tuple[str, ...] = (
    "id", "name", "synonyms", "codes", "class", "class_label", "table1", "components", "actions",
    "status_completed_2021", "status_current_2021", "status_note", "designations", "nct_ids", "refs",
    "source", "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A spreadsheet never runs a cell as a formula: one starting like a formula gets a ``'``."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def drugs_csv(kb: KnowledgeBase) -> str:
    """The drug table (Table 1, NV-5138, the GABA-A modulators) as CSV text, one drug a row.

    Lists are joined with ``"; "``. Status, designations and trials are as the review
    reports them (2021). An action reads ``"NMDAR: antagonist (glycine site)"``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(DRUG_COLUMNS)
    for drug in kb.drugs.values():
        actions = []
        for action in drug.actions:
            entity = kb.entities[action.entity].name if action.entity in kb.entities else action.entity
            details = "; ".join(filter(None, [
                action.site, action.component and f"component {action.component}",
                action.via and f"via {action.via}"]))
            words = f"{entity}: {action.action.replace('-', ' ')}"
            actions.append(f"{words} ({details})" if details else words)
        designations = [
            " ".join(filter(None, [d.agency, d.designation]))
            + (f" ({', '.join(filter(None, [d.indication, d.date]))})" if d.indication or d.date else "")
            for d in drug.designations]
        row = [
            drug.id, drug.name, "; ".join(drug.synonyms), "; ".join(drug.codes), drug.drug_class,
            DRUG_CLASSES.get(drug.drug_class, ""), "yes" if drug.table1 else "no",
            "; ".join(drug.components), " | ".join(actions), drug.status.completed, drug.status.current,
            drug.status.note, " | ".join(designations), "; ".join(t.nct for t in drug.trials),
            "; ".join(map(str, drug.citation.refs)), drug.citation.source, drug.notes,
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def drugs_csv_bytes(kb: KnowledgeBase) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, so Excel reads "§" and "–" right."""
    return drugs_csv(kb).encode("utf-8-sig")
