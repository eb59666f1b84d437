"""The browser's content as pure functions: URL parsing, elements, overlays, panels, table, matrix."""

from __future__ import annotations

import re

import pytest

from explorer import build_graphs, engine, load_knowledge_base, views
from explorer.model import INTEGRATED
from explorer.style import EFFECT_WORDS, KIND_STYLE
from explorer.views import View

from .conftest import write_pathways


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    kb = load_knowledge_base(write_pathways(tmp_path_factory.mktemp("tiny") / "pathways"))
    return kb, build_graphs(kb)


def text(component) -> str:
    """All the text a component tree shows, with runs of white space made single."""
    def raw(component) -> str:
        if component is None:
            return ""
        if isinstance(component, (str, int, float)):
            return str(component)
        if isinstance(component, (list, tuple)):
            return " ".join(raw(c) for c in component)
        return raw(getattr(component, "children", None))

    return " ".join(raw(component).split())


def links(component) -> list[str]:
    """Every href in a component tree, Markdown links included."""
    if isinstance(component, (list, tuple)):
        return [h for c in component for h in links(c)]
    if component is None or isinstance(component, (int, float)):
        return []
    if isinstance(component, str):
        return re.findall(r"\]\((https?://[^)\s]+)\)", component)
    own = [component.href] if getattr(component, "href", None) else []
    return own + links(getattr(component, "children", None))


# -- the URL ------------------------------------------------------------------------

@pytest.mark.parametrize(("search", "expected"), [
    (None, View("disinhibition")),
    ("", View("disinhibition")),
    ("?", View("disinhibition")),
    ("?hypothesis=glyx-13", View("glyx-13")),
    ("?hypothesis=GLYX-13", View("glyx-13")),
    ("?hypothesis=Title%20hnk-ampa", View("hnk-ampa")),
    ("?hypothesis=integrated", View(INTEGRATED)),
    ("?hypothesis=mglur2-3&drug=BLK-1", View("mglur2-3", "blocker")),
    ("?drug=subtype%20blocker", View("disinhibition", "subtype-blocker")),
    ("?hypothesis=glyx-13&drug=blocker&node=k", View("glyx-13", "blocker", "k")),
    ("?node=compartment:membrane", View("disinhibition", node="compartment:membrane")),
    ("hypothesis=hnk-ampa", View("hnk-ampa")),  # without the '?'
])
def test_parse_query_reads_good_links(tiny, search, expected):
    view, notices = views.parse_query(*tiny, search)
    assert (view, notices) == (expected, [])


@pytest.mark.parametrize(("search", "expected", "says"), [
    ("?hypothesis=disinhibitoin", View("disinhibition"), "Unknown hypothesis 'disinhibitoin'"),
    ("?hypothesis=glyx-13&hypothesis=hnk-ampa", View("disinhibition"), "hypothesis 2 times"),
    ("?hypothesis=", View("disinhibition"), "empty hypothesis"),
    ("?drug=blokker", View("disinhibition"), "Unknown drug 'blokker'"),
    ("?drug=blocker&drug=blocker", View("disinhibition"), "drug 2 times"),
    ("?hypothesis=glyx-13&node=kk", View("glyx-13"), "no node 'kk'"),
    ("?node=compartment:nowhere", View("disinhibition"), "no node"),
    ("?colour=red&drug=blocker", View("disinhibition", "blocker"), "unknown link parameter 'colour'"),
    ("?drug=" + "x" * 500, View("disinhibition"), "too long"),
    ("?" + "a=1&" * 30, View("disinhibition"), "too many parameters"),
    ("?" + "x" * 5000, View("disinhibition"), "too long"),
    ("?drug=%ZZ%00<script>", View("disinhibition"), "Unknown drug"),
    ("?hypothesis=%F0%9F%92%A5", View("disinhibition"), "Unknown hypothesis"),
])
def test_parse_query_falls_back_with_a_notice(tiny, search, expected, says):
    view, notices = views.parse_query(*tiny, search)
    assert view == expected
    assert notices and says in " ".join(n.message for n in notices)


def test_unknown_names_come_with_suggestions_that_are_links(tiny):
    _, [notice] = views.parse_query(*tiny, "?hypothesis=glyx-13&drug=blockr")
    assert ("Blocker", "?hypothesis=glyx-13&drug=blocker") in notice.suggestions
    _, [notice] = views.parse_query(*tiny, "?node=kinase")
    assert notice.suggestions == (("Kinase", "?hypothesis=disinhibition&node=k"),)


def test_every_view_survives_a_round_trip_through_its_url(tiny):
    kb, graphs = tiny
    for hypothesis, graph in graphs.items():
        for drug in [None, *kb.drugs]:
            for node in [None, *graph]:
                view = View(hypothesis, drug, node)
                assert views.parse_query(kb, graphs, views.format_query(view)) == (view, [])


def test_format_query_leaves_out_what_is_not_chosen():
    assert views.format_query(View("glyx-13")) == "?hypothesis=glyx-13"
    assert views.format_query(View("glyx-13", "blocker", "k")) == "?hypothesis=glyx-13&drug=blocker&node=k"


# -- events -------------------------------------------------------------------------

@pytest.mark.parametrize(("event", "value", "expected"), [
    ("hypothesis", "glyx-13", View("glyx-13", "blocker", "k")),
    ("drug", "subtype-blocker", View("disinhibition", "subtype-blocker", "k")),
    ("drug", None, View("disinhibition", None, "k")),
    ("node", {"id": "b", "label": "BDNF"}, View("disinhibition", "blocker", "b")),
    ("node", "m", View("disinhibition", "blocker", "m")),
    ("node", None, View("disinhibition", "blocker")),
    ("edge", {"id": "k->b", "source": "k"}, View("disinhibition", "blocker", edge="k->b")),
    ("table", {"row": 1, "column": 0, "row_id": "elsewhere"}, View("disinhibition", "elsewhere", "k")),
    ("matrix", {"points": [{"customdata": ["subtype-blocker", "hnk-ampa"]}]},
     View("hnk-ampa", "subtype-blocker")),
    ("url", "?hypothesis=mglur2-3", View("mglur2-3")),
])
def test_navigate_follows_events(tiny, event, value, expected):
    start = View("disinhibition", "blocker", "k")
    assert views.navigate(*tiny, start, event, value) == (expected, [])


@pytest.mark.parametrize("event", ["hypothesis", "drug", "node", "edge", "table", "matrix", "url", "bogus"])
@pytest.mark.parametrize("value", [
    "nope", 42, 1.5, True, ["disinhibition"], {"id": ["k"]}, {"row_id": {"a": 1}}, {"points": []},
    {"points": [{"customdata": [["x"], "y"]}]}, {"points": [{"customdata": "ab"}]}, {"id": "k->zz"},
    {"id": "compartment:nowhere"},
])
def test_navigate_never_raises_on_bad_input(tiny, event, value):
    start = View("disinhibition", "blocker", "k")
    view, _ = views.navigate(*tiny, start, event, value)
    kb, graphs = tiny
    assert view.hypothesis in graphs and (view.drug is None or view.drug in kb.drugs)


def test_changing_hypothesis_keeps_the_node_only_where_it_is_drawn(tiny):
    kb, graphs = tiny
    view = View("disinhibition", node="k")
    assert views.navigate(kb, graphs, view, "hypothesis", INTEGRATED)[0].node == "k"


@pytest.mark.parametrize(("stored", "expected"), [
    ({"hypothesis": "glyx-13", "drug": "blocker", "node": "k", "edge": None}, View("glyx-13", "blocker", "k")),
    ({"hypothesis": "glyx-13", "edge": "k->b"}, View("glyx-13", edge="k->b")),
    (None, View("disinhibition")),
    ("junk", View("disinhibition")),
    ({"hypothesis": ["x"], "drug": {"a": 1}, "node": 5, "edge": "x->y"}, View("disinhibition")),
])
def test_the_stored_view_is_checked_like_any_input(tiny, stored, expected):
    assert views.view_from_store(*tiny, stored) == expected


def test_notices_render_their_suggestions_as_links(tiny):
    _, notices = views.parse_query(*tiny, "?drug=blockr")
    [paragraph] = views.notice_paragraphs(notices)
    assert "Unknown drug 'blockr'" in text(paragraph) and "Did you mean" in text(paragraph)
    assert "?hypothesis=disinhibition&drug=blocker" in links(paragraph)


def test_reached_readouts_lists_the_hypotheses_where_a_drug_gets_somewhere(tiny):
    kb, graphs = tiny
    reached = views.reached_readouts(views.effect_matrix(kb, graphs))
    assert reached["blocker"] == tuple(graphs) and "elsewhere" not in reached


def test_export_file_names_use_known_ids_only(tiny):
    kb, graphs = tiny
    assert views.export_filename(kb, graphs, View("glyx-13", "blocker"), "png") == "moa-glyx-13-blocker.png"
    evil = View("../../etc/passwd", "a b;rm -rf", None)
    assert views.export_filename(kb, graphs, evil, "svg") == "moa.svg"


# -- the graph ----------------------------------------------------------------------

def test_elements_place_every_node_where_the_curator_put_it(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    elements = views.graph_elements(kb, graph)
    nodes = {e["data"]["id"]: e for e in elements if "source" not in e["data"]}
    for node, data in graph.nodes(data=True):
        assert nodes[node]["position"] == {"x": data["x"], "y": data["y"]}
    ids = [e["data"]["id"] for e in elements]
    assert len(ids) == len(set(ids))


def test_compartments_are_compound_nodes_nested_by_parent(tiny):
    kb, graphs = tiny
    elements = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"])}
    assert elements["r"]["data"]["parent"] == "compartment:membrane"
    assert elements["compartment:membrane"]["data"]["parent"] == "compartment:cell"
    assert "parent" not in elements["compartment:cell"]["data"]
    assert "position" not in elements["compartment:cell"]  # Cytoscape sizes it around its children


def test_edges_carry_their_effect_as_a_class(tiny):
    kb, graphs = tiny
    edges = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"]) if "source" in e["data"]}
    assert edges["r->k"]["classes"] == "activates" and edges["k->b"]["classes"] == "inhibits"


def test_stylesheet_draws_kinds_and_arrow_heads():
    sheet = {rule["selector"]: rule["style"] for rule in views.base_stylesheet()}
    assert sheet["edge.activates"]["target-arrow-shape"] == "triangle"
    assert sheet["edge.inhibits"]["target-arrow-shape"] == "tee"
    for kind, style in KIND_STYLE.items():
        assert sheet[f".kind-{kind}"]["shape"] == style["shape"]


@pytest.mark.parametrize("label", ["BDNF", "GABAergic interneuron activity", "Protein synthesis (mTORC1)"])
def test_node_boxes_fit_their_labels(label):
    wrapped, width, height = views._node_box(label, "receptor")
    lines = wrapped.split("\n")
    assert width >= views.CHAR_WIDTH * max(map(len, lines)) and height >= 18 * len(lines)


def _overlay(tiny, view):
    kb, graphs = tiny
    graph = graphs[view.hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph) if view.drug else None
    return views.overlay_stylesheet(kb, graph, view, explanation)


def test_overlay_outlines_targets_with_their_action_and_lights_the_path(tiny):
    sheet = _overlay(tiny, View("disinhibition", "blocker"))
    target = next(r for r in sheet if r["selector"] == 'node[id = "r"]')
    assert target["style"]["label"].endswith("[antagonist]")
    lit = next(r for r in sheet if "underlay-color" in r["style"] and r["selector"].startswith("node"))
    assert set(re.findall(r'id = "([^"]+)"', lit["selector"])) == {"r", "k", "b", "m", "s"}
    assert any(r["selector"] == ".entity" and r["style"]["opacity"] < 1 for r in sheet)


def test_overlay_is_empty_without_a_drug_or_selection(tiny):
    assert _overlay(tiny, View("disinhibition")) == []


def test_a_drug_with_nothing_drawn_dims_nothing(tiny):
    assert _overlay(tiny, View("disinhibition", "elsewhere")) == []


def test_selection_is_marked(tiny):
    assert any(r["selector"] == 'node[id = "k"]' for r in _overlay(tiny, View("disinhibition", node="k")))
    assert any(r["selector"] == 'edge[id = "k->b"]' for r in _overlay(tiny, View("disinhibition", edge="k->b")))


# -- panels -------------------------------------------------------------------------

def test_drug_panel_gives_effect_chain_and_status(tiny):
    panel = text(views.drug_panel(*tiny, View("disinhibition", "blocker")))
    assert f"BDNF: {EFFECT_WORDS['up']['text']}" in panel
    assert "Blocker (antagonist) ⊣ Receptor (Membrane) → Kinase (Cell) ⊣ BDNF" in panel
    assert "Broad NMDA receptor modulators" in panel
    assert "as reported in the review (2021)" in panel


def test_drug_panel_says_plainly_when_nothing_is_reached(tiny):
    panel = text(views.drug_panel(*tiny, View("disinhibition", "elsewhere")))
    assert "acts on nothing drawn" in panel and "no modelled path reaches BDNF or mTORC1" in panel


def test_drug_panel_without_a_drug_invites_a_choice(tiny):
    assert "Pick a drug" in text(views.drug_panel(*tiny, View("disinhibition")))


def test_drug_panel_links_trials_and_pubmed(tiny):
    kb, graphs = tiny
    hrefs = links(views.drug_panel(kb, graphs, View("disinhibition", "blocker")))
    assert "https://pubmed.ncbi.nlm.nih.gov/111/" in hrefs


def test_node_details_list_drugs_through_the_entity_lineage(tiny):
    panel = views.details_panel(*tiny, View("disinhibition", node="s"))
    shown = text(panel)
    assert "Receptor subtype" in shown
    assert "Blocker" in shown and "Subtype blocker" in shown  # Blocker acts on the parent entity
    assert "?hypothesis=disinhibition&drug=blocker&node=s" in links(panel)
    assert "https://pubmed.ncbi.nlm.nih.gov/111/" in links(panel)


def test_edge_details_give_mechanism_and_hypotheses(tiny):
    panel = views.details_panel(*tiny, View("glyx-13", edge="k->b"))
    assert "Kinase (Cell) inhibits BDNF (Cell), by phosphorylation" in text(panel)
    assert "?hypothesis=hnk-ampa" in links(panel)


def test_compartment_details(tiny):
    assert "Membrane" in text(views.details_panel(*tiny, View("disinhibition", node="compartment:membrane")))


def test_details_without_selection_explain_what_to_do(tiny):
    assert "Click a node" in text(views.details_panel(*tiny, View("disinhibition")))


@pytest.mark.parametrize("key, prefix", [
    ("hgnc", "https://www.genenames.org/"), ("uniprot", "https://www.uniprot.org/uniprotkb/Q13224"),
    ("chebi", "https://www.ebi.ac.uk/chebi/"), ("pubchem", "https://pubchem.ncbi.nlm.nih.gov/compound/"),
    ("go", "https://amigo.geneontology.org/"),
])
def test_external_ids_are_links(key, prefix):
    value = {"hgnc": "HGNC:4586", "uniprot": "Q13224", "chebi": "CHEBI:6121", "pubchem": "3821",
             "go": "GO:0006412"}[key]
    [href] = links(views._xrefs({key: value}))
    assert href.startswith(prefix) and href.endswith(value.split(":")[-1] + ("/entry" if key == "uniprot" else ""))


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


def test_legend_shows_the_kinds_drawn_and_both_arrows():
    shown = text(views.legend(["receptor", "factor"]))
    assert "Receptor" in shown and "Factor" in shown and "Enzyme" not in shown
    assert "activates" in shown and "inhibits" in shown


# -- the curated knowledge base --------------------------------------------------------

def test_ketamine_under_disinhibition_outlines_the_interneuron_nmdar_and_lights_bdnf(kb, graphs):
    view = View("disinhibition", "ketamine")
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"])
    assert any(graphs["disinhibition"].nodes[n]["entity"] == "nmdar" for n in explanation.targets)
    panel = text(views.drug_panel(kb, graphs, view, explanation))
    assert f"BDNF: {EFFECT_WORDS['up']['text']}" in panel


def test_every_drug_and_hypothesis_renders(kb, graphs):
    for hypothesis in graphs:
        views.graph_elements(kb, graphs[hypothesis])
        for drug in kb.drugs:
            view = View(hypothesis, drug)
            views.drug_panel(kb, graphs, view)
            _overlay((kb, graphs), view)


@pytest.mark.parametrize("raw", ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
                                 "**bold** _it_ `code` # heading", r"back\slash 1. list",
                                 "a &lt; b & c"])
def test_markdown_text_shows_data_as_written(raw):
    escaped = views.markdown_text(raw)
    assert "<" not in escaped                                # no raw tag survives
    unescaped = re.sub(r"\\(.)", r"\1", escaped).replace("&lt;", "<").replace("&gt;", ">")
    assert unescaped.replace("&amp;", "&") == raw            # unescaping gives the text back
    assert links(escaped) == []
