"""The selectors, Table 1 and the matrix (``explorer.views.controls``, ``.table``, ``.matrix``)."""

from __future__ import annotations

import itertools

import pytest

from explorer import views
from explorer.model import INTEGRATED
from explorer.style import EFFECT_WORDS

from .viewkit import text

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


def test_table_rows_are_keyed_by_drug_id_and_fill_every_column(tiny):
    kb, _ = tiny
    rows = views.table_rows(kb)
    assert [r["id"] for r in rows] == list(kb.drugs)
    fields = {c.field for c in views.TABLE_COLUMNS} | {c.sort_by for c in views.TABLE_COLUMNS if c.sort_by}
    assert fields <= set(rows[0])


def _rows(table):
    head, body = table.children[1].children, table.children[2].children
    return head, body


def test_the_table_has_a_sort_button_and_a_named_filter_box_under_every_header(tiny):
    kb, _ = tiny
    table = views.drug_table(kb)
    (sorts, filters), rows = _rows(table)
    assert table.id == "drug-table" and len(rows) == len(kb.drugs)
    assert [th.children.children for th in sorts.children] == [c.header for c in views.TABLE_COLUMNS]
    assert all(th.scope == "col" and getattr(th, "aria-sort") == "none" for th in sorts.children)
    assert all(th.children.type == "button" for th in sorts.children)      # a button, reached by Tab
    for cell, column in zip(filters.children, views.TABLE_COLUMNS, strict=True):
        label, box = cell.children                                          # each box named by its header
        assert label.htmlFor == box.id and label.children == column.header and box.type == "search"


def test_a_row_is_its_drug_and_its_name_a_button_that_opens_it(tiny):
    kb, _ = tiny
    _, rows = _rows(views.drug_table(kb))
    assert [getattr(r, "data-drug") for r in rows] == list(kb.drugs)
    for row, drug in zip(rows, kb.drugs.values(), strict=True):
        name = row.children[0].children
        assert name.type == "button" and name.children == drug.name and getattr(name, "data-drug") == drug.id
        assert [getattr(c, "data-label") for c in row.children] == [c.header for c in views.TABLE_COLUMNS]


def test_trial_links_are_drawn_from_their_ids(kb):
    row = next(r for r in views.table_rows(kb) if r["id"] == "esketamine")
    assert row["trial_ids"].split() == [t.nct for t in kb.drugs["esketamine"].trials]
    _, rows = _rows(views.drug_table(kb))
    cell = next(r for r in rows if getattr(r, "data-drug") == "esketamine").children[
        [c.field for c in views.TABLE_COLUMNS].index("trial_ids")]
    found = [a for a in cell.children if not isinstance(a, str)]
    assert [a.children for a in found] == [t.nct for t in kb.drugs["esketamine"].trials]
    assert all(a.href == f"https://clinicaltrials.gov/study/{a.children}" and a.target == "_blank"
               and "noopener" in a.rel for a in found)                       # a new tab, no opener


@pytest.mark.parametrize(("drug", "stage"), [
    ("esketamine", "Approved / in clinical use"), ("ketamine", "Approved / in clinical use"),
    ("rapastinel", "Phase III"), ("arketamine", "Phase II"), ("hydroxynorketamine", "Phase I"),
    ("nv-5138", "Preclinical"), ("eliprodil", "Phase II"), ("d-cycloserine", "Phase IV"),
])
def test_the_development_stage_is_read_from_the_reviews_status(kb, drug, stage):
    assert views.development_stage(kb.drugs[drug])[1] == stage


def test_the_stage_column_sorts_by_rank_and_shows_words(kb):
    [column] = [c for c in views.TABLE_COLUMNS if c.header == "Stage"]
    assert column.sort_by == "stage_rank"  # sorted by the number, so Phase III comes after Phase II
    ranks = {r["stage"]: r["stage_rank"] for r in views.table_rows(kb)}
    assert [ranks[s] for s in views.table.STAGES if s in ranks] == sorted(ranks.values())
    _, rows = _rows(views.drug_table(kb))
    at = views.TABLE_COLUMNS.index(column)
    for row, data in zip(rows, views.table_rows(kb), strict=True):
        cell = row.children[at]
        assert cell.children == data["stage"] and getattr(cell, "data-sort") == data["stage_rank"]


def test_matrix_cells_open_their_view(tiny):
    kb, graphs = tiny
    matrix = views.effect_matrix(kb, graphs)
    figure = views.matrix_figure(kb, graphs, matrix)
    bdnf = figure.data[0]
    row, col = list(kb.drugs).index("blocker"), list(graphs).index("disinhibition")
    # A click reports the cell's x and y (Dash drops customdata): they are the ids.
    assert (bdnf.y[row], bdnf.x[col]) == ("blocker", "disinhibition")
    assert figure.layout.yaxis.ticktext[row] == views.drug_label(kb.drugs["blocker"])
    # The tiny panels name no scope: every prediction is the panel's logic, marked as such.
    assert bdnf.text[row][col] == f"({EFFECT_WORDS['up']['symbol']})"
    assert "not a claim of the review" in bdnf.hovertext[row][col]
    elsewhere = list(kb.drugs).index("elsewhere")
    assert bdnf.text[elsewhere][col] == EFFECT_WORDS["none"]["symbol"]




def test_matrix_tells_stated_from_extrapolated(kb, graphs):
    matrix = views.effect_matrix(kb, graphs)
    figure = views.matrix_figure(kb, graphs, matrix)
    bdnf = figure.data[0]
    drugs, hypotheses = list(kb.drugs), list(graphs)
    stated = (drugs.index("ketamine"), hypotheses.index("disinhibition"))
    assert matrix["ketamine", "disinhibition"]["BDNF"][:2] == ("up", "stated")
    assert bdnf.text[stated[0]][stated[1]] == EFFECT_WORDS["up"]["symbol"]
    analogy = (drugs.index("lanicemine"), hypotheses.index("disinhibition"))
    assert matrix["lanicemine", "disinhibition"]["BDNF"][:2] == ("up", "analogy")
    assert bdnf.text[analogy[0]][analogy[1]] == "≈" + EFFECT_WORDS["up"]["symbol"]
    assert bdnf.z[analogy[0]][analogy[1]] == 3 + 3.5 and "likens" in bdnf.hovertext[analogy[0]][analogy[1]]
    required = (drugs.index("rapastinel"), hypotheses.index("integrated"))
    assert bdnf.text[required[0]][required[1]] == "req."
    extrapolated = [(d, h) for (d, h), cells in matrix.items() if cells.get("BDNF", ("", ""))[1] == "extrapolated"]
    assert extrapolated
    for drug, hypothesis in extrapolated:
        r, c = drugs.index(drug), hypotheses.index(hypothesis)
        assert bdnf.text[r][c].startswith("(") and "not a claim of the review" in bdnf.hovertext[r][c]
        if matrix[drug, hypothesis]["BDNF"].required:  # no change, a condition: "(req.)"
            assert bdnf.text[r][c] == "(req.)"
            continue
        stated_code = {"down": 1, "mixed": 2, "up": 3}[matrix[drug, hypothesis]["BDNF"].effect]
        assert bdnf.z[r][c] == stated_code + 6.5  # the middle of its own, lightest colour band
    def colour_at(z):
        stops = bdnf.colorscale
        return next(c for (lo, c), (hi, _) in itertools.pairwise(stops) if lo <= z / 7 <= hi)

    assert colour_at(3.5) != colour_at(6.5)  # up, stated vs up, extrapolated
    assert colour_at(4.5) != colour_at(3.5)  # down, extrapolated is not up


def test_the_matrix_key_explains_the_extrapolated_mark(kb, graphs):
    key = text(views.matrix_key(kb, graphs))
    assert views.matrix.EXTRAPOLATED_KEY in key and "(▲)" in key


def test_the_matrix_finds_its_readouts_by_id_not_by_display_name(tiny, tmp_path):
    """Renaming the BDNF entity (which validate accepts) must not blank the matrix's BDNF column."""
    from explorer import build_graphs, load_knowledge_base
    from explorer.views.compare import compare_panel

    from .conftest import tiny_files, write_pathways

    files = tiny_files()
    next(e for e in files["entities.toml"]["entity"] if e["id"] == "bdnf")["name"] = "Brain-derived factor"
    renamed = load_knowledge_base(write_pathways(tmp_path / "pathways", files))
    renamed_graphs = build_graphs(renamed)
    before = views.matrix_figure(*tiny, views.effect_matrix(*tiny))
    after = views.matrix_figure(renamed, renamed_graphs, views.effect_matrix(renamed, renamed_graphs))
    assert [trace.z for trace in after.data] == [trace.z for trace in before.data]
    assert any(code is not None for row in after.data[0].z for code in row)
    assert after.layout.annotations[0].text == "Predicted effect on Brain-derived factor"
    view = views.View("disinhibition", "blocker", compare=("subtype-blocker",))
    table, original = text(compare_panel(renamed, renamed_graphs, view)), text(compare_panel(*tiny, view))
    marks = [EFFECT_WORDS[effect]["symbol"] for effect in ("up", "down", "mixed")]
    assert "Brain-derived factor" in table and sum(original.count(m) for m in marks) > 0
    assert [table.count(m) for m in marks] == [original.count(m) for m in marks]
