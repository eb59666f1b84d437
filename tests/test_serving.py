"""Bad requests to the callback endpoint get a 4xx, never a 500; security headers are sent."""

from __future__ import annotations

import json

import dash
import pytest
from dash import Input, Output, dcc, html

from explorer.serving import MAX_REQUEST_BYTES, SECURITY_HEADERS, harden


def tiny_app(hardened: bool = True) -> dash.Dash:
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Input(id="n", value="1"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("n", "value"))
    def double(value):
        return int(value) * 2  # a value that is not a number raises ValueError

    return harden(app) if hardened else app


def good_body(value="2") -> dict:
    return {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "n", "property": "value", "value": value}],
            "changedPropIds": ["n.value"]}


BAD_BODIES = {
    "not JSON": "{not json",
    "a JSON list": [1, 2],
    "no output": {"inputs": []},
    "an unknown callback": {**good_body(), "output": "nowhere.children"},
    "inputs missing": {k: v for k, v in good_body().items() if k != "inputs"},
    "too many inputs": {**good_body(), "inputs": good_body()["inputs"] * 2},
    "inputs of the wrong shape": {**good_body(), "inputs": ["n.value"]},
    "changedPropIds not strings": {**good_body(), "changedPropIds": [1]},
    "a value the callback cannot use": good_body(value="seven"),
}


def post(client, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def test_a_good_request_is_answered():
    response = post(tiny_app().server.test_client(), good_body("21"))
    assert response.status_code == 200
    assert response.get_json()["response"]["out"]["children"] == 42


@pytest.mark.parametrize("case", list(BAD_BODIES))
def test_malformed_callback_requests_get_400(case):
    response = post(tiny_app().server.test_client(), BAD_BODIES[case])
    assert response.status_code == 400, response.data[:300]
    assert b"Traceback" not in response.data


def test_a_bare_dash_app_answers_500_to_some_of_them():
    """Why ``harden`` exists: the same requests break an unhardened app."""
    client = tiny_app(hardened=False).server.test_client()
    statuses = {case: post(client, body).status_code for case, body in BAD_BODIES.items()
                if case in ("no output", "an unknown callback", "a value the callback cannot use")}
    assert 500 in statuses.values(), statuses


def test_an_oversized_request_gets_413():
    body = good_body("1" * (MAX_REQUEST_BYTES + 10))
    response = post(tiny_app().server.test_client(), body)
    assert response.status_code == 413


def test_security_headers_on_pages_and_callbacks():
    app = tiny_app()
    client = app.server.test_client()
    for response in (client.get("/"), post(client, good_body())):
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
        scripts = policy["script-src"].split()
        assert scripts[0] == "'self'" and scripts[1:] == app.csp_hashes() and len(scripts) == 2
        assert "unsafe" not in policy["script-src"] and policy["object-src"] == "'none'"


def test_the_policy_allows_exactly_the_page_s_inline_scripts():
    """Each inline script Dash's page runs has its hash in the policy (a clientside callback too)."""
    import base64
    import hashlib
    import re

    app = tiny_app(hardened=False)
    app.clientside_callback("function(x) { return x; }", Output("out", "title"), Input("n", "value"))
    client = harden(app).server.test_client()
    response = client.get("/")
    page = response.get_data(as_text=True)
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1) and m.group(2).strip()
              and "alert(" not in m.group(2)]  # (the IE warning sits in a conditional comment)
    assert len(inline) == 2  # the clientside callback and the renderer's start
    policy = response.headers["Content-Security-Policy"]
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_answers_of_pure_callbacks_are_remembered_and_others_are_not():
    app = tiny_app(hardened=False)
    calls = []

    @app.callback(Output("n", "placeholder"), Input("n", "value"))
    def count(value):
        calls.append(value)
        return f"call {len(calls)}"

    harden(app, pure=lambda output: output == "out.children")
    client = app.server.test_client()
    for _ in range(3):
        assert post(client, good_body("4")).get_json()["response"]["out"]["children"] == 8
    assert app.remembered_answers.hits == 2
    other = {"output": "n.placeholder", "outputs": {"id": "n", "property": "placeholder"},
             "inputs": [{"id": "n", "property": "value", "value": "4"}], "changedPropIds": ["n.value"]}
    answers = [post(client, other).get_json()["response"]["n"]["placeholder"] for _ in range(2)]
    assert answers == ["call 1", "call 2"] and app.remembered_answers.hits == 2
    assert post(client, good_body("seven")).status_code == 400  # errors are not remembered
    assert post(client, good_body("seven")).status_code == 400


def test_a_remembered_answer_is_bounded():
    from explorer.serving.memo import RememberedAnswers

    each = RememberedAnswers.cost(RememberedAnswers.key(b"0"), b"x" * 300)
    memo = RememberedAnswers(lambda _: True, max_bytes=4 * each, max_answer=400)
    for i in range(10):
        memo.put(memo.key(str(i).encode()), b"x" * 300)
    memo.put(memo.key(b"big"), b"x" * 401)
    assert memo.size <= 4 * each and len(memo) == 4 and memo.get(memo.key(b"big")) is None
    assert memo.get(memo.key(b"9")) == b"x" * 300 and memo.get(memo.key(b"0")) is None
