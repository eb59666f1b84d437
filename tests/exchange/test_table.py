"""The drug table as CSV: rows, formula-safe cells, and the bytes Excel opens."""

from __future__ import annotations

import csv
import io

from explorer import load_knowledge_base
from explorer.exchange import drugs_csv, drugs_csv_bytes

from ..conftest import tiny_files, write_pathways


def test_drugs_csv_has_a_row_per_drug(tiny):
    kb, _ = tiny
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert [r["id"] for r in rows] == list(kb.drugs)
    blocker = rows[0]
    assert blocker["name"] == "Blocker" and blocker["synonyms"] == "BLK-1"
    assert blocker["actions"] == "Receptor: antagonist"
    assert blocker["class_label"] == "Broad NMDA receptor modulators"


def test_drugs_csv_never_starts_a_cell_like_a_formula(tmp_path):
    files = tiny_files()
    files["drugs.toml"]["drug"][0]["name"] = '=HYPERLINK("http://example.org","x")'
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert rows[0]["name"] == "'" + files["drugs.toml"]["drug"][0]["name"]


def test_csv_bytes_carry_a_bom_so_excel_reads_utf_8(kb):
    data = drugs_csv_bytes(kb)
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert "§".encode() in data and "–".encode() in data     # what Excel showed as "Â§" without the BOM
    assert data[3:].decode("utf-8") == drugs_csv(kb)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["id"] == next(iter(kb.drugs))           # the BOM is not glued to the first header


def test_bundled_drug_table(kb):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(drugs_csv(kb)))}
    assert len(rows) == len(kb.drugs) == 29
    for drug in kb.drugs.values():
        row = rows[drug.id]
        assert row["name"] == drug.name
        assert row["nct_ids"] == "; ".join(t.nct for t in drug.trials)

