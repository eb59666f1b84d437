"""Links never fail silently: whatever a link's fields say, the app shows the nearest view it
can, and a notice for every value it could not use."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer import build_graphs, engine, load_knowledge_base, views
from explorer.views import View
from explorer.views.state import MODES, QUERY_KEYS, TABS

#: The words a notice about a field may use (its name, by default).
WORDS = {"edge": ("edge", "arrow")}
SWITCH = {"on": True, "1": True, "true": True, "yes": True, "off": False, "0": False, "false": False, "no": False}
TRICKY = ["²", "³", "¹", "①", "٣", "５", "-1", "1e3", "0x1", " 2 ", "9" * 199, "0" * 50 + "1", "\x00", "\x1b[2J",
          "\n", "\u2028", "on", "OFF", "present", "Table", "matrix", "integrated", "ketamine", "GLYX-13", "bdnf",
          "nmdar-gaba->gaba-release", "compartment:postsynaptic", "x" * 201, "%", "&", "=", "#", "+"]


#: The bundled knowledge base: the link fields are drawn from its names.
KB = load_knowledge_base()
GRAPHS = build_graphs(KB)


def values(kb=KB, graphs=GRAPHS):
    names = [*kb.drugs, *(d.name for d in kb.drugs.values()), *graphs, *graphs["integrated"],
             *(f"{u}->{v}" for u, v in list(graphs["integrated"].edges)[:20]), *TABS, *MODES]
    pool = TRICKY + names  # (drawn by index: a sampled_from of them all has a huge repr)
    return st.one_of(st.text(max_size=30), st.integers(0, len(pool) - 1).map(pool.__getitem__),
                     st.text(st.characters(codec="utf-8"), min_size=190, max_size=230))


def link_fields():
    keys = st.sampled_from([*QUERY_KEYS, "Drug", "unknown"])
    return st.dictionaries(keys, st.lists(values(), min_size=1, max_size=3), max_size=6)


def search_of(fields: dict) -> str:
    return "?" + urlencode([(k, v) for k, vs in fields.items() for v in vs], quote_via=quote)


def used(kb, key: str, value: str, view: View) -> bool:
    """Whether the view shows what ``key=value`` asked for (by the app's own reading of names)."""
    value = value.strip()
    try:
        if key == "hypothesis":
            return engine.resolve_hypothesis(kb, value) == view.hypothesis
        if key == "drug":
            return engine.resolve_drug(kb, value).id == view.drug
        if key == "compare":  # without a drug, the (first) compared drug is the drug
            return engine.resolve_drug(kb, value).id in view.drugs
    except engine.UnknownName:
        return False
    if key == "type":
        number = value[1:] if value[:1] in "+-" else value
        return number.isascii() and number.isdigit() and int(value) == view.type_step
    if key == "part":
        return value.isascii() and value.isdigit() and int(value) == view.part + 1
    if key in ("node", "edge"):
        return getattr(view, key) == value
    if key in ("tab", "mode"):
        return getattr(view, key) == value.casefold()
    if key == "mechanisms":
        return SWITCH.get(value.casefold()) == view.mechanisms
    if key == "step":
        return value.isascii() and value.isdigit() and view.step == int(value)
    return False  # an unknown key is never used


def check(kb, graphs, fields: dict, search: str) -> list:
    view, notices = views.parse_query(kb, graphs, search)
    # The nearest valid view: a view the app can show, whose own link reads back as itself.
    assert view.hypothesis in graphs and (view.drug is None or view.drug in kb.drugs)
    assert views.parse_query(kb, graphs, views.format_query(view)) == (view, [])
    said = " ".join(n.message for n in notices).casefold()
    if "query" in said or "too many parameters" in said:
        return notices  # the whole link was set aside, and the notice says so
    for key, asked in fields.items():
        if len(asked) == 1 and used(kb, key, asked[0], view):
            continue
        assert any(word.casefold() in said for word in WORDS.get(key, (key,))), (key, asked, view, notices)
    return notices


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=link_fields())
@example(fields={"drug": ["ketamine"], "step": ["²"]})
@example(fields={"drug": [""], "compare": ["KETAMINE"], "step": ["①"]})
def test_every_field_of_any_link_is_used_or_noticed(fields):
    check(KB, GRAPHS, fields, search_of(fields))


@settings(max_examples=200, deadline=None)
@given(search=st.text(max_size=300))
def test_any_text_as_a_query_gives_a_valid_view(search):
    kb, graphs = KB, GRAPHS
    view, _ = views.parse_query(kb, graphs, search)
    assert views.parse_query(kb, graphs, views.format_query(view)) == (view, [])


@pytest.mark.parametrize("step", ["²", "³", "¹", "①", "٣", "５"])
def test_a_step_that_is_a_digit_but_not_a_number_gives_every_route_and_a_notice(step):
    kb, graphs = KB, GRAPHS
    view, notices = views.parse_query(kb, graphs, f"?hypothesis=disinhibition&drug=ketamine&step={quote(step)}")
    assert view == View("disinhibition", "ketamine")
    assert [n.message for n in notices] == [f"The link's step {step!r} is not a number; showing every route."]


def test_a_drug_compared_with_itself_and_a_node_beside_an_arrow_are_noticed():
    kb, graphs = KB, GRAPHS
    view, notices = views.parse_query(kb, graphs, "?drug=ketamine&compare=Ketamine")
    assert view.compare == () and "with itself" in notices[0].message
    edge = next(iter(graphs["disinhibition"].edges))
    view, notices = views.parse_query(kb, graphs, f"?node={edge[0]}&edge={edge[0]}->{edge[1]}")
    assert view.edge and view.node is None and "both the node" in notices[0].message


@pytest.fixture(scope="module")
def client():
    from explorer.app import create_app

    return create_app().server.test_client()


def navigate_body(client, search: str) -> dict:
    dependencies = client.get("/_dash-dependencies").get_json()
    navigate = next(cb for cb in dependencies if cb["output"].startswith("..url.search"))
    parts = navigate["output"].strip(".").split("...")
    return {"output": navigate["output"],
            "outputs": [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts],
            "inputs": [{"id": i["id"], "property": i["property"], "value": search if i["id"] == "url" else None}
                       for i in navigate["inputs"]],
            "state": [{"id": s["id"], "property": s["property"], "value": None} for s in navigate["state"]],
            "changedPropIds": ["url.search"]}


@settings(max_examples=120, deadline=None)
@given(fields=link_fields())
@example(fields={"hypothesis": ["disinhibition"], "drug": ["ketamine"], "step": ["²"]})
def test_the_page_answers_every_link_and_shows_its_notices(client, fields):
    """Through the navigate callback, as the browser asks: never a 400 (the page would show the
    default view, silently), and the notices are on the page."""
    kb, graphs, search = KB, GRAPHS, search_of(fields)
    response = client.post("/_dash-update-component", json=navigate_body(client, search))
    assert response.status_code == 200, (search, response.data[:300])
    _, notices = views.parse_query(kb, graphs, search)
    shown = response.get_json()["response"]["notice"]["children"]
    assert len(shown) == len(notices)
    assert response.get_json()["response"]["view"]["data"] == views.parse_query(kb, graphs, search)[0].to_dict()
