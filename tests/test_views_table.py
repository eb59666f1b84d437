"""The selectors, Table 1 and the matrix (``explorer.views.controls``, ``.table``, ``.matrix``)."""

from __future__ import annotations

from explorer import views
from explorer.model import INTEGRATED
from explorer.style import EFFECT_WORDS

# -- selectors, table and matrix -------------------------------------------------------

def test_drug_options_are_grouped_by_class_and_searchable_by_code(tiny):
    kb, _ = tiny
    options = views.drug_options(kb)
    headers = [o for o in options if o.get("disabled")]
    assert [h["label"] for h in headers] == ["Broad NMDA receptor modulators",
                                              "Subunit (NR2B)-specific NMDA receptor antagonists",
                                              "mGluR modulators"]
    blocker = next(o for o in options if o["value"] == "blocker")
    assert "BLK-1" in blocker["search"] and "Broad NMDA" in blocker["search"]
    assert options.index(headers[0]) < options.index(blocker) < options.index(headers[1])


def test_hypothesis_options_list_the_six_panels_then_the_integrated_view(tiny):
    kb, _ = tiny
    assert [o["value"] for o in views.hypothesis_options(kb)] == [*kb.hypotheses, INTEGRATED]


def test_table_rows_are_keyed_by_drug_id_and_link_trials(tiny):
    kb, _ = tiny
    rows = views.table_rows(kb)
    assert [r["id"] for r in rows] == list(kb.drugs)
    assert {c["id"] for c in views.table_columns()} <= set(rows[0]) | {"id"}


def test_matrix_cells_open_their_view(tiny):
    kb, graphs = tiny
    matrix = views.effect_matrix(kb, graphs)
    figure = views.matrix_figure(kb, graphs, matrix)
    bdnf = figure.data[0]
    row, col = list(kb.drugs).index("blocker"), list(graphs).index("disinhibition")
    assert list(bdnf.customdata[row][col]) == ["blocker", "disinhibition"]
    assert bdnf.text[row][col] == EFFECT_WORDS["up"]["symbol"]
    elsewhere = list(kb.drugs).index("elsewhere")
    assert bdnf.text[elsewhere][col] == EFFECT_WORDS["none"]["symbol"]


