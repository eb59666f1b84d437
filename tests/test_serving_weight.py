"""A light page: compressed bundles and layout, browser caching, layout built once."""

from __future__ import annotations

import gzip
import re

import pytest

from explorer.app import create_app
from explorer.bundle.page import inline_hashes
from explorer.export import export_bundle
from explorer.serving.weight import choose_encoding, compress


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def scripts(client) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))


def test_choose_encoding_follows_the_browser():
    assert choose_encoding("gzip, deflate, br", brotli_available=True) == "br"
    assert choose_encoding("gzip, deflate, br", brotli_available=False) == "gzip"
    assert choose_encoding("gzip;q=0, identity") is None
    assert choose_encoding("") is None


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies"])
def test_page_layout_and_dependencies_are_gzipped_and_read_back(client, path):
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    unpacked = gzip.decompress(packed.data)  # the standard library's reader
    if path == "/":  # the page carries a per-request token (Dash's end_id): same size, same start
        assert len(unpacked) == len(plain.data) and unpacked[:500] == plain.data[:500]
    else:
        assert unpacked == plain.data
    assert len(packed.data) < len(plain.data) / 2
    assert plain.headers.get("Content-Encoding") is None


def test_every_bundle_is_compressed_and_cached_for_a_year(client):
    paths = [p for p in scripts(client) if "_dash-component-suites" in p]
    assert len(paths) >= 8
    total_plain = total_packed = 0
    for path in paths:
        plain = client.get(path)
        packed = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert packed.status_code == 200 and gzip.decompress(packed.data) == plain.data, path
        assert "max-age=31536000" in packed.headers["Cache-Control"], path
        total_plain += len(plain.data)
        total_packed += len(packed.data)
    assert total_packed < total_plain / 3


def test_async_chunks_are_cached_by_browsers(client):
    response = client.get("/_dash-component-suites/dash/dcc/async-dropdown.js",
                          headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert response.cache_control.max_age >= 24 * 3600 and response.cache_control.public


def test_a_second_visit_gets_304_for_the_layout(client):
    first = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_the_layout_is_built_once_per_process(client, monkeypatch):
    import dash

    client.get("/_dash-layout")
    monkeypatch.setattr(dash.Dash, "serve_layout", lambda self: pytest.fail("layout rebuilt"))
    assert client.get("/_dash-layout").get_json()["props"]


def test_callback_answers_and_small_bodies_are_not_compressed(client):
    layout = client.get("/_dash-layout").get_json()
    assert layout  # the page still works after the layout is cached
    response = client.post("/_dash-update-component", data="{}", content_type="application/json",
                           headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 400 and "Content-Encoding" not in response.headers


def test_compress_round_trips():
    data = b"glutamate " * 500
    assert gzip.decompress(compress(data, "gzip", best=True)) == data
    assert gzip.decompress(compress(data, "gzip", best=False)) == data


def test_the_matrix_figure_is_sent_when_its_tab_opens(client):
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert '"heatmap"' not in layout  # not in every visitor's layout
    body = {"output": "matrix.figure", "outputs": {"id": "matrix", "property": "figure"},
            "inputs": [{"id": "tabs", "property": "value", "value": "matrix"}], "changedPropIds": ["tabs.value"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    figure = response.get_json()["response"]["matrix"]["figure"]
    assert figure["data"][0]["type"] == "heatmap"
    body["inputs"][0]["value"] = "pathway"
    assert "matrix" not in (client.post("/_dash-update-component", json=body).get_json() or {}).get("response", {})


@pytest.fixture(scope="module")
def written(kb, graphs, tmp_path_factory) -> bytes:
    return export_bundle(kb, graphs, tmp_path_factory.mktemp("bundle") / "explorer.html").read_bytes()


def test_the_one_file_explorer_is_served_compressed_and_revalidated(client, written):
    """Issue 19: the app serves the one-file explorer, the bytes ``export`` writes, compressed once
    and kept; a second visit gets 304; its own policy lets its inline script and style run by hash."""
    packed = client.get("/explorer.html", headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200 and packed.mimetype == "text/html"
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == written
    assert len(packed.data) < len(written) / 5
    assert client.get("/explorer.html").data == written                           # asked plain: plain
    assert packed.headers["Cache-Control"] == "no-cache" and packed.headers["ETag"]
    again = client.get("/explorer.html", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    policy = packed.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "default-src 'none'" in policy
    hashes = inline_hashes(written.decode("utf-8"))
    assert len(hashes["script"]) == 2 and len(hashes["style"]) == 2
    assert all(source in policy for source in hashes["script"] + hashes["style"])
    assert client.get("/").headers["Content-Security-Policy"] != policy          # that response's only


def test_the_one_file_explorer_is_built_once(client, monkeypatch):
    client.get("/explorer.html")
    monkeypatch.setattr("explorer.app.bundle_html", lambda *a, **k: pytest.fail("built again"))
    assert client.get("/explorer.html", headers={"Accept-Encoding": "gzip"}).status_code == 200


def test_the_one_file_explorer_follows_the_path_prefix(kb, monkeypatch):
    monkeypatch.setenv("DASH_URL_BASE_PATHNAME", "/moa/")
    prefixed = create_app(kb).server.test_client()
    assert prefixed.get("/moa/explorer.html", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
    assert prefixed.get("/explorer.html").status_code == 404
    assert '"href":"/moa/explorer.html"' in prefixed.get("/moa/_dash-layout").get_data(as_text=True).replace(
        "\\u002f", "/")
