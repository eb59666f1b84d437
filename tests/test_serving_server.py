"""``moa-explorer serve`` runs waitress, which slow clients cannot starve."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
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


def test_serve_uses_waitress_and_debug_uses_dash(monkeypatch, capsys):
    import explorer.app

    calls = []

    class Ran:
        def run(self):
            calls.append("ran")

    def create(wsgi, **kw):
        calls.append(("waitress", wsgi, kw))
        return Ran()

    monkeypatch.setattr(server, "create_server", create)
    monkeypatch.setattr(explorer.app, "run", lambda **kw: calls.append(("dash", kw)))
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8999", "--threads", "6", "--per-address", "40"]) == 0
    (kind, wsgi, settings), ran = calls[:2]
    assert kind == "waitress" and wsgi.name == "explorer.app" and ran == "ran"
    assert (settings["host"], settings["port"], settings["threads"]) == ("0.0.0.0", 8999, 6)
    assert settings["max_request_body_size"] == wsgi.config["MAX_CONTENT_LENGTH"]
    assert settings["per_address"] == 40
    assert cli.main(["serve", "--debug", "--port", "8998"]) == 0
    assert calls[2] == ("dash", {"host": "127.0.0.1", "port": 8998, "debug": True})
    assert cli.main(["serve", "--per-address", "0"]) == 2
    assert "--per-address must be at least 1" in capsys.readouterr().err


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


def test_clients_are_told_apart_by_address_or_ipv6_prefix():
    assert server.client_of(("127.0.0.1", 5000)) == "127.0.0.1"
    assert server.client_of(("::ffff:10.0.0.7", 5000, 0, 0)) == "10.0.0.7"
    one, other = server.client_of(("2001:db8::1", 1, 0, 0)), server.client_of(("2001:db8::ffff:2", 1, 0, 0))
    assert one == other == "2001:db8::/64"  # one machine may use a whole /64
    assert server.client_of(("2001:db8:0:1::1", 1, 0, 0)) != one
    assert server.client_of(("localhost", None)) == "localhost"


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
    return [b"hello"]


@pytest.fixture
def guarded_server():
    """A ClassroomServer on a free port: 3 sockets per client, a 1 s deadline per request."""
    from waitress import wasyncore

    settings = {**server.server_settings(threads=2), "host": "127.0.0.1", "port": 0}
    classroom = server.create_server(hello, per_address=3, deadline=1.0, **settings)
    thread = threading.Thread(target=classroom.run, daemon=True)
    thread.start()
    try:
        yield classroom, int(classroom.effective_port)
    finally:
        classroom.task_dispatcher.shutdown()
        wasyncore.close_all(classroom._map)
        thread.join(timeout=5)


def connect(port: int, source: str) -> socket.socket:
    sock = socket.socket()
    sock.settimeout(5)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def get(port: int, source: str) -> bytes:
    with connect(port, source) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


def test_a_trickling_client_is_dropped_at_the_deadline_and_others_are_served(guarded_server):
    classroom, port = guarded_server
    trickling = [connect(port, "127.0.0.1") for _ in range(3)]
    for sock in trickling:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    extra = connect(port, "127.0.0.1")  # a fourth from the same address: turned away at once
    assert read_all(extra).startswith(b"HTTP/1.1 503 ")
    extra.close()
    assert get(port, "127.0.0.2").endswith(b"hello")  # another address is served meanwhile
    started = time.monotonic()
    answers = [b""] * 3
    while time.monotonic() - started < 6 and not all(answers):
        for i, sock in enumerate(trickling):  # a byte every 0.2 s: never idle, never finished
            if answers[i]:
                continue
            try:
                sock.sendall(b"X")
                sock.settimeout(0.05)
                answers[i] = sock.recv(4096)
            except TimeoutError:
                pass
            except OSError:
                answers[i] = b"closed"
        time.sleep(0.2)
    took = time.monotonic() - started
    assert all(a.startswith(b"HTTP/1.1 408 ") for a in answers), answers
    assert 0.8 <= took <= 4.0  # the deadline (1 s) and the once-a-second check
    for sock in trickling:
        sock.close()
    time.sleep(0.2)
    assert get(port, "127.0.0.1").endswith(b"hello")  # its sockets are free again
    assert sum(classroom.clients.values()) <= 1  # counted down as they closed
