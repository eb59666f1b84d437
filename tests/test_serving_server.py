"""``moa-explorer serve`` runs waitress, which slow clients cannot starve."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from explorer import cli
from explorer.serving import server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_settings_per_platform():
    posix, windows = server.server_settings(windows=False), server.server_settings(windows=True, threads=3)
    assert posix["asyncore_use_poll"] is True and posix["connection_limit"] >= 500
    assert "asyncore_use_poll" not in windows and windows["connection_limit"] <= 500  # select() caps at 512
    assert windows["threads"] == 3 and posix["expose_tracebacks"] is False


def test_serve_uses_waitress_and_debug_uses_dash(monkeypatch):
    import waitress

    import explorer.app

    calls = []
    monkeypatch.setattr(waitress, "serve", lambda wsgi, **kw: calls.append(("waitress", wsgi, kw)))
    monkeypatch.setattr(explorer.app, "run", lambda **kw: calls.append(("dash", kw)))
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8999", "--threads", "6"]) == 0
    kind, wsgi, settings = calls[0]
    assert kind == "waitress" and wsgi.name == "explorer.app"
    assert (settings["host"], settings["port"], settings["threads"]) == ("0.0.0.0", 8999, 6)
    assert settings["max_request_body_size"] == wsgi.config["MAX_CONTENT_LENGTH"]
    assert cli.main(["serve", "--debug", "--port", "8998"]) == 0
    assert calls[1] == ("dash", {"host": "127.0.0.1", "port": 8998, "debug": True})


@pytest.fixture(scope="module")
def running_server():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "explorer", "serve", "--port", str(port), "--threads", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/_dash-dependencies", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stdout.read().decode()) from None
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start within 20 s")
        yield port, url
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_the_real_server_answers_with_its_own_name(running_server):
    _, url = running_server
    with urllib.request.urlopen(url + "/", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Server"] == "moa-explorer"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_stalled_clients_do_not_take_the_threads(running_server):
    """Forty clients that never finish their headers, and two threads: a page still loads."""
    port, url = running_server
    stalled = []
    try:
        for _ in range(40):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            stalled.append(sock)
        with urllib.request.urlopen(url + "/_dash-layout", timeout=10) as response:
            assert response.status == 200 and len(response.read()) > 1000
    finally:
        for sock in stalled:
            sock.close()
