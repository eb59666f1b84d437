"""Fuzz the explorer's callback endpoint: whatever a client sends, never a 5xx.

The requests are derived from the app's real callbacks (``app.callback_map``): each
example picks a callback, builds the body Dash's renderer would send for it with
generated values (plausible ones from the app's own options, and arbitrary JSON), then
perhaps breaks it the ways a careless or hostile client would: a key dropped or
replaced, ``outputs`` missing, empty, naming another component or of the wrong shape,
unknown ``changedPropIds``, JSON nested far too deep, bytes that are not JSON.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.app import create_app

EXAMPLES = 520  # two requests each: at least 1,000 requests in all
SENT: list[int] = []


@pytest.fixture(scope="module")
def app():
    return create_app()


def find(layout, component_id: str) -> dict:
    """The props of the component with ``component_id`` in a Dash layout's JSON."""
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("props"), dict) and node["props"].get("id") == component_id:
                return node["props"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise KeyError(component_id)


def _dependency(dep) -> dict:
    if isinstance(dep, dict):
        return {"id": dep["id"], "property": dep["property"]}
    return {"id": dep.component_id, "property": dep.component_property}


def _declared_outputs(callback):
    declared = callback["output"]
    if isinstance(declared, (list, tuple)):
        return [_dependency(d) for d in declared]
    return _dependency(declared)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)


@st.composite
def plausible(draw, layout):
    """Values the page itself could send: ids, names, view dicts, clicks."""
    hypotheses = [o["value"] for o in find(layout, "hypothesis")["options"]]
    drugs = [o["value"] for o in find(layout, "drug")["options"]]
    words = st.sampled_from([*hypotheses, *drugs, "", "pathway", "matrix", "table", "present", "3", "-1"])
    view_keys = st.sampled_from(["hypothesis", "drug", "node", "edge", "tab", "mode", "step", "compare"])
    return draw(st.one_of(
        words,
        st.builds(lambda h, d: f"?hypothesis={h}&drug={d}", st.sampled_from(hypotheses), words),
        st.dictionaries(view_keys, words | scalars, max_size=5),
        st.builds(lambda d: {"id": d, "label": d}, words),
        st.builds(lambda r, c: {"row": r, "column": c, "column_id": "name"}, st.integers(-3, 40),
                  st.integers(-1, 5)),
        st.builds(lambda x, y: {"points": [{"x": x, "y": y, "z": 1}]}, words, words),
        st.integers(0, 5),
        st.lists(st.sampled_from(["on", "off"]), max_size=2),
    ))


def _bodies(app, layout):
    callbacks = list(app.callback_map.items())
    values = plausible(layout) | json_values

    @st.composite
    def body(draw):
        output, callback = draw(st.sampled_from(callbacks))
        inputs = [{**_dependency(d), "value": draw(values)} for d in callback["inputs"]]
        state = [{**_dependency(d), "value": draw(values)} for d in callback.get("state", [])]
        prop_ids = [f"{d['id']}.{d['property']}" for d in inputs]
        changed = draw(st.lists(st.sampled_from(prop_ids), max_size=2) if prop_ids else st.just([]))
        return {"output": output, "outputs": _declared_outputs(callback), "inputs": inputs,
                "state": state, "changedPropIds": changed}

    @st.composite
    def broken(draw):
        good = draw(body())
        kind = draw(st.sampled_from(["drop", "replace", "outputs", "changed", "deep", "bytes"]))
        if kind == "drop":
            good.pop(draw(st.sampled_from(sorted(good))))
        elif kind == "replace":
            good[draw(st.sampled_from(sorted(good)))] = draw(json_values)
        elif kind == "outputs":
            other = _declared_outputs(draw(st.sampled_from(callbacks))[1])
            declared = good["outputs"]
            good["outputs"] = draw(st.sampled_from([
                None, [], {}, other, [declared] if isinstance(declared, dict) else declared[0],
                declared[:-1] if isinstance(declared, list) else [declared, declared],
                {"id": "nowhere", "property": "children"}]))
            if good["outputs"] is None:
                del good["outputs"]
        elif kind == "changed":
            good["changedPropIds"] = draw(st.lists(st.text(max_size=20) | st.sampled_from(
                ["view.data", "matrix.clickData", "nowhere.value", "."]), max_size=3))
        elif kind == "deep":
            depth = draw(st.integers(65, 3000))
            return "[" * depth + "]" * depth if draw(st.booleans()) else (
                json.dumps(good)[:-1] + ', "x": ' + '{"a": ' * depth + "1" + "}" * depth + "}")
        else:
            raw = json.dumps(good).encode()
            cut = draw(st.integers(0, len(raw)))
            return raw[:cut] + draw(st.binary(max_size=8))
        return good

    return body(), broken()


def _post(client, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def test_fuzzed_callback_requests_never_get_a_5xx(app):
    client = app.server.test_client()
    layout = client.get("/_dash-layout").get_json()
    valid, broken = _bodies(app, layout)

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(valid, broken)
    def check(good, bad):
        for body in (good, bad):
            response = _post(client, body)
            SENT.append(response.status_code)
            assert response.status_code < 500, (body if len(str(body)) < 2000 else str(body)[:2000],
                                                response.data[:300])
            assert b"Traceback" not in response.data

    check()
    assert len(SENT) >= 1000
    # Not only rejections: the generated requests reach the callbacks too.
    assert SENT.count(200) + SENT.count(204) > 100, {s: SENT.count(s) for s in set(SENT)}
    assert SENT.count(400) > 100


def test_a_2kb_body_nested_1000_deep_gets_400_without_a_traceback(app, caplog):
    client = app.server.test_client()
    body = "[" * 1000 + "]" * 1000
    assert len(body) == 2000
    response = _post(client, body)
    assert response.status_code == 400
    assert b"nested deeper" in response.data
    rejected = [r for r in caplog.records if "rejected" in r.getMessage()]
    assert rejected and all(r.exc_info is None and "\n" not in r.getMessage() for r in rejected)


@pytest.mark.parametrize("outputs", [None, [], {"id": "drug", "property": "value"},
                                     [{"id": "graph", "property": "elements"}]])
def test_outputs_that_do_not_match_the_callback_get_400(app, outputs):
    client = app.server.test_client()
    body = {"output": "matrix.figure", "outputs": outputs,
            "inputs": [{"id": "tabs", "property": "value", "value": "matrix"}],
            "state": [], "changedPropIds": ["tabs.value"]}
    if outputs is None:
        del body["outputs"]
    response = _post(client, body)
    assert response.status_code == 400, response.data[:300]
    body["outputs"] = {"id": "matrix", "property": "figure"}
    assert _post(client, body).status_code == 200


def test_an_output_declared_allow_duplicate_is_named_as_the_renderer_names_it(app):
    """The renderer appends ``@<hash>`` to such an output's property; the guard must accept it."""
    duplicates = [o for o in app.callback_map if "@" in o]
    assert duplicates
    client = app.server.test_client()
    for output in duplicates:  # the clicks' link, the quiz's answers
        callback = app.callback_map[output]
        outputs = [dict(zip(("id", "property"), o.split("."), strict=True)) for o in output.strip(".").split("...")]
        body = {"output": output, "outputs": outputs,
                "inputs": [{**i, "value": None} for i in callback["inputs"]],
                "state": [{**s, "value": {"hypothesis": "disinhibition"}} for s in callback["state"]],
                "changedPropIds": [f"{callback['inputs'][0]['id']}.{callback['inputs'][0]['property']}"]}
        assert _post(client, body).status_code in (200, 204), output


@pytest.mark.parametrize("path", ["dash/nonexistent.js", "nowhere/x.js", "dash/../../etc/passwd",
                                  "dash_cytoscape/nonexistent.v1_0_0m1.min.js"])
def test_unknown_component_suite_paths_get_404(app, path):
    response = app.server.test_client().get("/_dash-component-suites/" + path)
    assert response.status_code == 404
    assert b"Traceback" not in response.data
