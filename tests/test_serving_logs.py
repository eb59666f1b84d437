"""A client cannot forge a line of the server's log, nor send its terminal escape sequences."""

from __future__ import annotations

import io
import json
import logging
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from explorer.serving.guard import EscapingFormatter, printable
from tests.test_serving import good_body, tiny_app

FORGED = "\n2024-01-01 12:00:00 WARNING admin logged in\r\x1b[2J\x1b]0;pwned\x07\u2028\u2029\x85\u202e"


def unescape(text: str) -> str:
    """The inverse of ``printable`` (without its cut): it loses nothing, so nothing can be forged."""
    named = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}
    return re.sub(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[\\nrt])",
                  lambda m: named.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)


def unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs") or unicodedata.bidirectional(char) in (
        "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "LRM", "RLM")


@given(st.text(alphabet=st.characters(codec=None), max_size=300))
def test_printable_is_one_line_without_controls_and_loses_nothing(text):
    shown = printable(text)
    assert not any(unsafe(c) for c in shown)
    assert unescape(shown) == text


def test_printable_cuts_long_values():
    assert printable("a" * 500, 20) == "a" * 20 + "…"


def log_of(client_call) -> str:
    """What the server's log (set up as ``moa-explorer serve`` sets it up) shows for a request."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(EscapingFormatter("%(levelname)s:%(name)s:%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        client_call()
    finally:
        root.removeHandler(handler)
    return stream.getvalue()


def test_a_rejected_path_cannot_start_a_forged_line(caplog):
    client = tiny_app().server.test_client()
    path = "/_dash-component-suites/dash/x" + "".join(f"%{b:02X}" for b in FORGED.encode()) + ".js"
    text = log_of(lambda: client.get(path))
    assert "rejected (404)" in text
    assert text.count("\n") == 1 and "\x1b" not in text and "\r" not in text
    assert "\\n2024-01-01 12:00:00 WARNING admin logged in\\r\\x1b[2J" in text
    assert not any(unsafe(c) for c in text.rstrip("\n"))
    # The message itself (for any other handler) is escaped too, not only by the formatter.
    assert all("\n" not in r.getMessage() and "\x1b" not in r.getMessage() for r in caplog.records)


def test_a_callback_s_values_cannot_start_a_forged_line(caplog):
    client = tiny_app().server.test_client()
    bodies = [{**good_body(), "output": "out.children" + FORGED},  # no such callback
              good_body(value="seven" + FORGED)]                  # a value the callback cannot use
    for body in bodies:
        response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
        assert response.status_code == 400
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3 and all("rejected (400)" in m for m in messages)  # the value: two lines
    assert all("\n" not in m and "\x1b" not in m and "\u2028" not in m for m in messages)
    assert "\\u2028" in messages[1]  # the value, shown escaped


def test_a_server_error_logs_its_path_escaped():
    app = tiny_app()

    @app.server.route("/boom/<path:rest>")  # (Flask's routes match no newline: CR, ESC, U+2028 here)
    def boom(rest):
        raise RuntimeError("a bug")  # not a client's mistake: a 500, logged with its traceback

    client = app.server.test_client()
    text = log_of(lambda: client.get("/boom/x%0dERROR:explorer:FORGED%1b[2J%E2%80%A8ERROR:again"))
    first, *traceback = text.splitlines()
    assert first == ("ERROR:tests.test_serving:Exception on "
                     "/boom/x\\rERROR:explorer:FORGED\\x1b[2J\\u2028ERROR:again [GET]")
    assert traceback and traceback[-1] == "RuntimeError: a bug"
