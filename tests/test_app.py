"""The Dash app through Flask's test client: pages, assets, and callbacks as the browser calls them."""

from __future__ import annotations

import base64
import io
import json
import re

import pytest
from flask import Flask

import explorer.app as app_module
from explorer import load_knowledge_base
from explorer.app import create_app
from explorer.views import View

from .conftest import write_pathways


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(load_knowledge_base(write_pathways(tmp_path_factory.mktemp("tiny") / "pathways")))


@pytest.fixture
def client(app):
    return app.server.test_client()


def call(client, output: str, inputs: dict, state: dict | None = None, changed: list[str] | None = None):
    """POST one callback the way dash-renderer does; ``output`` is its first output, e.g. ``url.search``."""
    deps = client.get("/_dash-dependencies").get_json()
    found = [d for d in deps if d["output"].strip(".").startswith(output)]
    if len(found) > 1:  # several callbacks write this output: the one these inputs trigger
        found = [d for d in found if {f"{i['id']}.{i['property']}" for i in d["inputs"]} & set(changed or inputs)]
    [dep] = found

    def spec(item: dict, values: dict) -> dict:
        return {**item, "value": values.get(f"{item['id']}.{item['property']}")}

    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in dep["output"].strip(".").split("...")]
    payload = {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
               "inputs": [spec(i, inputs) for i in dep["inputs"]],
               "state": [spec(s, state or {}) for s in dep["state"]],
               "changedPropIds": changed if changed is not None else list(inputs)}
    return client.post("/_dash-update-component", json=payload)


def shown(response) -> str:
    """The strings inside a callback response, joined."""
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(response.get_json())
    return " ".join(found)


# -- the page -------------------------------------------------------------------------

def test_index_is_served_with_every_script_local(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Glutamatergic MoA Explorer</title>" in page
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert urls and all(u.startswith("/") for u in urls), urls
    assert "/assets/app.css" in page


def test_dev_tools_are_off(client):
    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>',
                                  page, re.S).group(1))
    assert config["ui"] is False and config["props_check"] is False
    assert config["disable_version_check"] is True and config["serve_locally"] is True


def test_layout_and_dependencies(client):
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    assert '"preset"' in layout.get_data(as_text=True)
    assert client.get("/_dash-dependencies").status_code == 200
    with client.get("/assets/app.css") as stylesheet:  # closed: Flask streams files
        assert stylesheet.status_code == 200


def test_overlays_never_touch_elements_or_layout(client):
    """Only a new hypothesis, or the room its labels need changing (a comparison or present
    mode starting or ending), redraws the elements: a drug switch never moves a node;
    nothing ever sets the layout."""
    for dep in client.get("/_dash-dependencies").get_json():
        outputs = dep["output"]
        assert "graph.layout" not in outputs
        if "graph.elements" in outputs:
            assert [f"{i['id']}.{i['property']}" for i in dep["inputs"]] == ["hypothesis.value", "room.data"]


def test_only_a_comparison_or_present_mode_starting_or_ending_changes_the_room(client):
    def room(view, now):
        response = call(client, "room.data", {"view.data": view.to_dict()}, {"room.data": now})
        return (response.get_json() or {}).get("response", {}).get("room", {}).get("data")

    plain = {"compare": 0, "present": False, "type": 0, "part": None}
    assert room(View("disinhibition", "blocker"), plain) is None                   # a drug switch: no update
    assert room(View("disinhibition", "blocker", compare=("subtype-blocker",)), plain) == {**plain, "compare": 1}
    assert room(View("disinhibition", "subtype-blocker", compare=("blocker",)),
                {**plain, "compare": 1}) is None                                  # another pair: the same room
    assert room(View("disinhibition", "blocker", mode="present"), plain) == {**plain, "present": True}
    assert room(View("disinhibition", "blocker", type_step=1), plain) == {**plain, "type": 1}   # A+


def test_a_forged_room_draws_the_everyday_graph(client):
    for forged in ("x" * 50, {"compare": "yes", "present": 1}, None, [1, 2]):
        response = call(client, "graph.elements", {"hypothesis.value": "disinhibition", "room.data": forged})
        assert response.status_code == 200, forged


# -- navigation -------------------------------------------------------------------------

def test_a_deep_link_sets_the_selectors(client):
    response = call(client, "url.search", {"url.search": "?hypothesis=glyx-13&drug=BLK-1&node=k",
                                           "hypothesis.value": "disinhibition"}, changed=[])
    assert response.status_code == 200
    result = response.get_json()["response"]
    assert result["hypothesis"]["value"] == "glyx-13"
    assert result["drug"]["value"] == "blocker"
    assert result["node-select"]["value"] == "k"
    assert result["view"]["data"] == {"hypothesis": "glyx-13", "drug": "blocker", "node": "k", "edge": None,
                                      "tab": "pathway", "mechanisms": False, "mode": None, "step": None,
                                      "compare": None, "quiz": None, "type": 0, "part": 0}
    assert "url" not in result  # the link stays as typed


def test_a_deep_link_sets_every_control_of_the_view(client):
    search = ("?hypothesis=disinhibition&drug=blocker&compare=subtype-blocker&tab=matrix&mechanisms=on"
              "&mode=present&step=1")
    response = call(client, "url.search", {"url.search": search, "hypothesis.value": "disinhibition"},
                    state={"tabs.value": "pathway", "show-mechanisms.aria-checked": "false"}, changed=[])
    result = response.get_json()["response"]
    assert result["compare"]["value"] == ["subtype-blocker"]
    assert result["tabs"]["value"] == "matrix"
    assert result["show-mechanisms"]["aria-checked"] == "true"
    assert result["view"]["data"]["mode"] == "present" and result["view"]["data"]["step"] == 1


@pytest.mark.parametrize(("button", "step"), [("step-next", 2), ("step-back", 0), ("step-all", None)])
def test_step_buttons_move_through_the_chain(client, button, step):
    response = call(client, "url.search", {f"{button}.n_clicks": 1},
                    state={"view.data": {"hypothesis": "disinhibition", "drug": "blocker", "step": 1}},
                    changed=[f"{button}.n_clicks"])
    link = response.get_json()["response"]["url"]["search"]
    assert link == "?hypothesis=disinhibition&drug=blocker" + (f"&step={step}" if step is not None else "")


def test_the_mechanisms_switch_toggles_them_in_the_url(client):
    for stored, link in (({"hypothesis": "disinhibition"}, "?hypothesis=disinhibition&mechanisms=on"),
                         ({"hypothesis": "disinhibition", "mechanisms": True}, "?hypothesis=disinhibition")):
        response = call(client, "url.search", {"show-mechanisms.n_clicks": 1}, state={"view.data": stored},
                        changed=["show-mechanisms.n_clicks"])
        assert response.get_json()["response"]["url"]["search"] == link


def test_the_present_button_toggles_present_mode_in_the_url(client):
    response = call(client, "url.search", {"present-toggle.n_clicks": 1},
                    state={"view.data": {"hypothesis": "disinhibition"}}, changed=["present-toggle.n_clicks"])
    assert response.get_json()["response"]["url"]["search"] == "?hypothesis=disinhibition&mode=present"


@pytest.mark.parametrize("search", [
    "?hypothesis=nope", "?drug=blockr", "?node=zz", "?hypothesis=a&hypothesis=b", "?x=" + "y" * 3000,
    "?%%%", "?drug=%00",
])
def test_a_bad_link_gives_a_notice_not_an_error(client, search):
    response = call(client, "url.search", {"url.search": search, "hypothesis.value": "disinhibition"},
                    changed=["url.search"])
    assert response.status_code == 200
    assert "notice" in json.dumps(response.get_json()["response"]["notice"])


def test_choosing_a_drug_updates_the_url(client):
    response = call(client, "url.search", {"hypothesis.value": "disinhibition", "drug.value": "blocker"},
                    state={"view.data": {"hypothesis": "disinhibition"}}, changed=["drug.value"])
    result = response.get_json()["response"]
    assert result["url"]["search"] == "?hypothesis=disinhibition&drug=blocker"
    assert "drug" not in result  # the selector already shows it


def test_a_table_row_click_selects_the_drug_and_opens_the_pathway(client):
    click = {"rowId": "elsewhere", "colId": "name", "rowIndex": 2, "value": "Elsewhere", "timestamp": 1}
    response = call(client, "url.search", {"table-open.data": click},
                    state={"view.data": {"hypothesis": "disinhibition", "tab": "table"}},
                    changed=["table-open.data"])
    link = response.get_json()["response"]["url"]["search"]
    assert link == "?hypothesis=disinhibition&drug=elsewhere"  # the pathway tab: left out of the link
    # navigate then reads the link: the drug, and the pathway tab
    response = call(client, "url.search", {"url.search": link}, state={"tabs.value": "table"},
                    changed=["url.search"])
    result = response.get_json()["response"]
    assert result["drug"]["value"] == "elsewhere" and result["tabs"]["value"] == "pathway"


def test_a_click_on_a_trial_link_in_the_table_keeps_the_drug(client):
    click = {"rowId": "elsewhere", "colId": "trial_ids", "rowIndex": 2, "timestamp": 2}
    response = call(client, "url.search", {"table-open.data": click},
                    state={"view.data": {"hypothesis": "disinhibition", "tab": "table"}},
                    changed=["table-open.data"])
    assert response.status_code == 204 or "url" not in response.get_json()["response"]


def test_a_matrix_click_opens_that_view(client):
    click = {"points": [{"curveNumber": 0, "x": "hnk-ampa", "y": "blocker"}]}  # Dash drops customdata
    response = call(client, "url.search", {"matrix.clickData": click},
                    state={"view.data": {"hypothesis": "disinhibition", "tab": "matrix"}},
                    changed=["matrix.clickData"])
    result = response.get_json()["response"]
    assert result["url"]["search"] == "?hypothesis=hnk-ampa&drug=blocker"
    assert result["matrix"]["clickData"] is None  # cleared, so the same cell opens again
    response = call(client, "url.search", {"url.search": result["url"]["search"],
                                           "hypothesis.value": "disinhibition"},
                    state={"tabs.value": "matrix"}, changed=["url.search"])
    result = response.get_json()["response"]
    assert result["hypothesis"]["value"] == "hnk-ampa" and result["node-select"]["options"]
    assert result["tabs"]["value"] == "pathway"


def test_tapping_a_node_selects_it(client):
    response = call(client, "url.search", {"hypothesis.value": "disinhibition",
                                           "graph.tapNodeData": {"id": "b", "timeStamp": 1}},
                    state={"view.data": {"hypothesis": "disinhibition"}}, changed=["graph.tapNodeData"])
    result = response.get_json()["response"]
    assert result["url"]["search"] == "?hypothesis=disinhibition&node=b"
    assert result["node-select"]["value"] == "b"


# -- what the view shows --------------------------------------------------------------------

def test_show_view_gives_the_overlay_and_panels(client):
    response = call(client, "graph.stylesheet", {"view.data": {"hypothesis": "disinhibition", "drug": "blocker",
                                                               "node": "k", "mode": "present", "step": 1}})
    assert response.status_code == 200
    text = shown(response)
    assert "[antagonist]" in text and "increased" in text and "Kinase" in text
    result = response.get_json()["response"]
    stage = shown_of(result["stage-text"]["children"])
    assert '"className": "present has-drug stepping selected"' in stage and '"data-drug": "blocker"' in stage
    assert "Step 1 of" in stage and "moa-disinhibition-blocker-view" in stage


def shown_of(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("stored", [None, "junk", [], {"hypothesis": ["x"], "drug": {"a": 1}},
                                    {"hypothesis": "nope", "drug": "nope", "node": "nope", "edge": "a->b"}])
def test_show_view_survives_a_tampered_store(client, stored):
    response = call(client, "graph.stylesheet", {"view.data": stored})
    assert response.status_code == 200
    assert "Pick a drug" in shown(response)


def test_draw_hypothesis_falls_back_on_an_unknown_id(client):
    response = call(client, "graph.elements", {"hypothesis.value": "../etc"})
    assert response.status_code == 200
    assert "Title disinhibition" in shown(response)


# -- exports ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("button", "fmt", "magic"), [
    ("figure-svg", "svg", b"<svg"), ("figure-png", "png", b"\x89PNG"), ("figure-pdf", "pdf", b"%PDF"),
    ("figure-pptx", "pptx", b"PK\x03\x04"),
])
def test_figure_export_sends_the_server_rendered_figure(client, button, fmt, magic):
    response = call(client, "figure-download.data", {f"{button}.n_clicks": 1},
                    state={"view.data": {"hypothesis": "disinhibition", "drug": "blocker"}},
                    changed=[f"{button}.n_clicks"])
    assert response.status_code == 200
    download = response.get_json()["response"]["figure-download"]["data"]
    assert download["filename"] == f"moa-disinhibition-blocker-figure.{fmt}"
    assert magic in base64.b64decode(download["content"])[:200]


def test_the_drugs_deck_downloads_from_the_page(client):
    """The Deck button: the drug's deck (PPTX, read back by python-pptx), a slide for each
    hypothesis; without a drug, a word beside the buttons instead."""
    from pptx import Presentation

    response = call(client, "figure-download.data", {"figure-deck.n_clicks": 1},
                    state={"view.data": {"hypothesis": "glyx-13", "drug": "blocker"}}, changed=["figure-deck.n_clicks"])
    download = response.get_json()["response"]["figure-download"]["data"]
    assert download["filename"] == "moa-blocker-deck.pptx"
    deck = Presentation(io.BytesIO(base64.b64decode(download["content"])))
    assert len(deck.slides) >= 3   # a title slide, the hypotheses, a summary
    response = call(client, "figure-download.data", {"figure-deck.n_clicks": 1},
                    state={"view.data": {"hypothesis": "glyx-13"}}, changed=["figure-deck.n_clicks"])
    assert "Pick a drug first" in response.get_json()["response"]["export-status"]["children"]


# -- serving ------------------------------------------------------------------------------------

def test_run_serves_without_debug_unless_asked(monkeypatch, app):
    calls = []
    monkeypatch.setattr(app_module, "create_app", lambda: app)
    monkeypatch.setattr(app, "run", lambda **kwargs: calls.append(kwargs))
    app_module.run(port=8123)
    app_module.run(port=8124, debug=True)
    assert [c["debug"] for c in calls] == [False, True]
    assert all(c["dev_tools_disable_version_check"] for c in calls)
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123


def test_server_for_gunicorn_is_built_on_first_use(monkeypatch, app):
    monkeypatch.setattr(app_module, "_server", None)
    monkeypatch.setattr(app_module, "create_app", lambda: app)
    assert isinstance(app_module.server, Flask)
    with pytest.raises(AttributeError):
        app_module.no_such_thing  # noqa: B018


def test_assets_folder_holds_the_stylesheet():
    assert (app_module.ASSETS_DIR / "app.css").is_file()


def test_the_app_is_hardened(client):
    """Malformed callback requests get a 4xx, and pages carry security headers (see ``serving``)."""
    assert client.post("/_dash-update-component", json={"output": "nowhere.children"}).status_code == 400
    assert "Content-Security-Policy" in client.get("/").headers
