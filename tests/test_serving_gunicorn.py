"""Under gunicorn (the README's alternative to ``moa-explorer serve``), a malformed body is a 400 too.

gunicorn parses a chunked body only as the app reads it, and its parse errors are not
HTTP errors: the request check, which reads the body, must answer them itself.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MALFORMED = {
    "a chunk size that is not hex": b"zz\r\nabc\r\n0\r\n\r\n",
    "a chunk without its terminator": b"3\r\nabcXX0\r\n\r\n",
    "a chunk longer than its size": b"2\r\nabcdef\r\n0\r\n\r\n",
}


@pytest.fixture(scope="module")
def gunicorn_port():
    """The explorer under a real gunicorn (one gthread worker) on a port the OS picks."""
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", "gthread",
                                "--threads", "2", "--bind", "127.0.0.1:0", "--chdir", str(ROOT),
                                "explorer.app:server"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)  # never a full pipe
    reader.start()
    try:
        deadline = time.monotonic() + 60
        port = None
        while port is None:
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", "".join(log))
            port = int(found.group(1)) if found else None
            if port is None and (process.poll() is not None or time.monotonic() > deadline):
                raise RuntimeError("gunicorn did not start: " + "".join(log))
            time.sleep(0.05)
        while time.monotonic() < deadline:  # the worker builds the app on its first request
            if b" 200 " in exchange(port, b"GET /_dash-dependencies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        process.stderr.close()
        assert "Traceback" not in "".join(log), "".join(log)


def exchange(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_chunked_body_gets_400_under_gunicorn(gunicorn_port, case):
    port = gunicorn_port
    head = (b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = exchange(port, head + MALFORMED[case])
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:300]
    assert b"Traceback" not in answer and b"the request body could not be read" in answer


def test_a_well_formed_chunked_body_is_read_and_checked_under_gunicorn(gunicorn_port):
    port = gunicorn_port
    head = (b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = exchange(port, head + b"1\r\n{\r\n1\r\n}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ") and b"'output' is missing" in answer  # read whole, then checked
    page = exchange(port, b"GET /?hypothesis=disinhibition HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert page.startswith(b"HTTP/1.1 200 ") and b"Content-Security-Policy" in page
