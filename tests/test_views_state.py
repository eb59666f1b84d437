"""URL state and navigation (``explorer.views.state``): links, events, the stored view."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explorer import engine, views
from explorer.model import INTEGRATED
from explorer.views import View
from explorer.views.state import part_count

from .viewkit import links, text

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


def test_every_view_parameter_survives_a_round_trip_through_the_url(tiny):
    kb, graphs = tiny
    for view in [View("disinhibition", "blocker", edge="k->b", tab="table", mechanisms=True, mode="present",
                      step=2, compare=("subtype-blocker",)),
                 View(INTEGRATED, "subtype-blocker", "compartment:membrane", tab="matrix", step=0),
                 View("glyx-13", mode="present", mechanisms=True)]:
        query = views.format_query(view)
        assert views.parse_query(kb, graphs, query) == (view, []), query


@pytest.mark.parametrize(("search", "says"), [
    ("?drug=blocker&step=x", "not a number"),
    ("?drug=blocker&step=99", "past the last"),
    ("?step=2", "names no drug"),
    ("?tab=graphs", "Unknown tab"),
    ("?mode=cinema", "Unknown mode"),
    ("?mechanisms=maybe", "neither on nor off"),
    ("?edge=k->zz", "no arrow"),
    ("?drug=blocker&compare=blockr", "Unknown compare"),
])
def test_bad_view_parameters_fall_back_with_a_notice(tiny, search, says):
    view, notices = views.parse_query(*tiny, search)
    assert any(says in n.message for n in notices), notices
    assert view.hypothesis == "disinhibition"


def test_a_compare_without_a_drug_becomes_the_drug(tiny):
    assert views.parse_query(*tiny, "?compare=blocker")[0] == View("disinhibition", "blocker")


def test_a_new_drug_restarts_a_step_through_and_keeps_the_compared_one(tiny):
    view = View("disinhibition", "blocker", step=2, compare=("subtype-blocker",))
    assert views.navigate(*tiny, view, "drug", "elsewhere")[0] == replace(view, drug="elsewhere", step=0)
    assert views.navigate(*tiny, view, "drug", "subtype-blocker")[0].compare == ()
    assert views.navigate(*tiny, view, "drug", None)[0].compare == ()


def test_steps_stop_at_both_ends(tiny):
    view = View("disinhibition", "blocker", step=0)
    assert views.navigate(*tiny, view, "step", "back")[0].step == 0
    last = views.last_step(*tiny, view)
    assert last == 3
    assert views.navigate(*tiny, replace(view, step=last), "step", "next")[0].step == last


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
    ("table", {"rowId": "elsewhere", "colId": "name", "timestamp": 1}, View("disinhibition", "elsewhere")),
    ("table", {"rowId": "subtype-blocker", "colId": "stage_rank"}, View("disinhibition", "subtype-blocker")),
    ("table", {"rowId": "elsewhere", "colId": "trial_ids"}, View("disinhibition", "blocker", "k")),
    ("matrix", {"points": [{"x": "hnk-ampa", "y": "subtype-blocker", "curveNumber": 1}]},
     View("hnk-ampa", "subtype-blocker")),
    ("matrix", {"points": [{"customdata": ["subtype-blocker", "hnk-ampa"]}]}, View("disinhibition", "blocker", "k")),
    ("compare", "subtype-blocker", View("disinhibition", "blocker", "k", compare=("subtype-blocker",))),
    ("compare", "blocker", View("disinhibition", "blocker", "k")),
    ("tab", "matrix", View("disinhibition", "blocker", "k", tab="matrix")),
    ("tab", "nope", View("disinhibition", "blocker", "k")),
    ("mechanisms", ["on"], View("disinhibition", "blocker", "k", mechanisms=True)),
    ("mode", "present", View("disinhibition", "blocker", "k", mode="present")),
    ("present", 3, View("disinhibition", "blocker", "k", mode="present")),
    ("step", "next", View("disinhibition", "blocker", "k", step=0)),
    ("step", 99, View("disinhibition", "blocker", "k", step=3)),
    ("step", "last", View("disinhibition", "blocker", "k", step=3)),
    ("url", "?hypothesis=mglur2-3", View("mglur2-3")),
])
def test_navigate_follows_events(tiny, event, value, expected):
    start = View("disinhibition", "blocker", "k")
    assert views.navigate(*tiny, start, event, value) == (expected, [])


@pytest.mark.parametrize("event", ["hypothesis", "drug", "node", "edge", "table", "matrix", "url", "bogus",
                                   "compare", "tab", "mechanisms", "mode", "present", "step"])
@pytest.mark.parametrize("value", [
    "nope", 42, 1.5, True, ["disinhibition"], {"id": ["k"]}, {"row_id": {"a": 1}}, {"points": []},
    {"points": [{"customdata": [["x"], "y"]}]}, {"points": [{"customdata": "ab"}]}, {"id": "k->zz"},
    {"id": "compartment:nowhere"}, {"rowId": ["x"], "colId": "name"}, {"points": [{"x": ["a"], "y": "b"}]},
    -3, None, "next",
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
    ({"hypothesis": "glyx-13", "drug": "blocker", "step": 1, "mode": "present", "tab": "table", "mechanisms": True,
      "compare": "subtype-blocker"},
     View("glyx-13", "blocker", step=1, mode="present", tab="table", mechanisms=True, compare=("subtype-blocker",))),
    ({"hypothesis": "glyx-13", "step": 1, "mode": "cinema", "tab": "x", "compare": "blocker"}, View("glyx-13")),
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
    # The tiny panels name no drug: the integrated view covers none (extrapolations stay in the panels).
    assert reached["blocker"] == tuple(h for h in graphs if h != "integrated") and "elsewhere" not in reached


def test_export_file_names_use_known_ids_only(tiny):
    kb, graphs = tiny
    assert views.export_filename(kb, graphs, View("glyx-13", "blocker"), "png") == "moa-glyx-13-blocker.png"
    evil = View("../../etc/passwd", "a b;rm -rf", None)
    assert views.export_filename(kb, graphs, evil, "svg") == "moa.svg"




# -- the room: three drugs, the type, present mode's steps and parts (issue 17) ------------

def test_back_before_the_first_step_stays_at_the_start(tiny):
    view = View("disinhibition", "blocker", mode="present")
    assert views.navigate(*tiny, view, "step", "back")[0] == view
    assert views.navigate(*tiny, view, "step", "next")[0].step == 0


def test_up_to_three_drugs_are_compared_and_a_link_keeps_them_in_order(kb, graphs):
    view, notices = views.parse_query(kb, graphs, "?drug=ketamine&compare=rapastinel,hydroxynorketamine")
    assert (view.drugs, notices) == (("ketamine", "rapastinel", "hydroxynorketamine"), [])
    assert views.parse_query(kb, graphs, views.format_query(view)) == (view, [])
    view, notices = views.parse_query(kb, graphs, "?drug=ketamine&compare=rapastinel,esketamine,arketamine")
    assert view.compare == ("rapastinel", "esketamine") and "left out of the comparison" in notices[0].message
    assert "Arketamine" in notices[0].message
    chosen, _ = views.navigate(kb, graphs, View("disinhibition", "ketamine"), "compare",
                               ["rapastinel", "ketamine", "esketamine", "arketamine"])   # the menu's list
    assert chosen.compare == ("rapastinel", "esketamine")
    assert views.navigate(kb, graphs, chosen, "compare", [])[0].compare == ()        # cleared


def test_the_type_step_is_kept_in_the_link_within_its_bounds(kb, graphs):
    view = View("disinhibition", "ketamine", mode="present")
    larger, _ = views.navigate(kb, graphs, view, "type", "larger")
    assert larger.type_step == 1 and views.format_query(larger).endswith("&type=1")
    assert views.parse_query(kb, graphs, views.format_query(larger))[0] == larger
    smallest = replace(view, type_step=views.boxes.TYPE_STEPS[0])
    assert views.navigate(kb, graphs, smallest, "type", "smaller")[0] == smallest   # no smaller than the last step
    view, notices = views.parse_query(kb, graphs, "?type=99")
    assert view.type_step == 0 and "type '99'" in notices[0].message


def test_a_node_clicked_in_a_step_through_jumps_to_its_step(kb, graphs):
    view = View("disinhibition", "ketamine", mode="present", step=0)
    jumped, _ = views.navigate(kb, graphs, view, "node", "bdnf")
    steps = views.chain_steps(graphs["disinhibition"],
                              engine.explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"]))
    targets = sum(1 for s in steps if s.via is None)
    assert jumped.node == "bdnf" and jumped.step == [s.node for s in steps].index("bdnf") - targets + 1
    assert views.navigate(kb, graphs, view, "node", "gad")[0].step == 0     # off the chain: the step stays
    assert views.navigate(kb, graphs, replace(view, step=None), "node", "bdnf")[0].step is None


def test_present_mode_shows_the_integrated_view_in_parts_and_follows_the_step(kb, graphs):
    view = View(INTEGRATED, "ketamine", mode="present")
    count = part_count(kb, view)
    assert count == len(kb.integrated_parts) > 1 and part_count(kb, replace(view, mode=None)) == 1
    second, _ = views.navigate(kb, graphs, view, "part", 1)
    assert second.part == 1 and "&part=2" in views.format_query(second)
    assert views.parse_query(kb, graphs, views.format_query(second))[0] == second
    assert views.navigate(kb, graphs, view, "part", count)[0] == view            # no such part
    # Stepping to the end shows the part holding the newest node revealed.
    last, _ = views.navigate(kb, graphs, view, "step", "last")
    steps = views.chain_steps(graphs[INTEGRATED], engine.explain_drug(kb, kb.drugs["ketamine"], graphs[INTEGRATED]))
    assert steps[-1].node in kb.integrated_parts[last.part].nodes
