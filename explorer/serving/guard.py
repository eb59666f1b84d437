"""Checks on what a client sends: a request that does not fit the app gets a 4xx.

Pure functions of a Dash app's ``callback_map`` and a request body; the Flask hooks
that apply them live in :func:`explorer.serving.harden`.
"""

from __future__ import annotations

import logging
import re

import dash

__all__ = ["MAX_JSON_DEPTH", "EscapingFormatter", "check_callback_request", "json_too_deep", "one_line",
           "printable"]

#: The explorer's deepest callback value (a plotly clickData) is nested about 6 deep;
#: Python's JSON parser recurses per level and fails near 1,000.
MAX_JSON_DEPTH = 64

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_too_deep(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``raw`` nests arrays and objects more than ``limit`` deep.

    Run before parsing, so that a small body nested thousands deep never reaches the
    recursive parser. Linear in the body; brackets inside strings do not count.

    >>> json_too_deep(b'[[["]]]]]"]]]', limit=3), json_too_deep(b"[" * 4 + b"]" * 4, limit=3)
    (False, True)
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:  # the common case: no scan needed
        return False
    depth = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub(b"", raw)):
        if match.group() in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _is_dependency(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), (str, dict)) \
        and isinstance(value.get("property"), str)


def _matches(given, declared) -> bool:
    """``given`` (from the request) names the declared dependency ``declared``.

    A string id must be the declared one; a pattern-matching (dict) id may stand for
    several components, so the request carries a dependency or a list of them.
    """
    declared_id, declared_property = _id_and_property(declared)
    if isinstance(declared_id, str):
        return (_is_dependency(given) and given["id"] == declared_id
                and _property(given["property"]) == declared_property)
    entries = given if isinstance(given, list) else [given]
    return all(_is_dependency(e) and isinstance(e["id"], dict) and _property(e["property"]) == declared_property
               for e in entries)


def _property(name: str) -> str:
    """A requested property without the ``@<hash>`` the renderer appends to an output
    declared with ``allow_duplicate=True`` (``search@6624e3…`` is ``search``)."""
    return name.split("@", 1)[0]


def _id_and_property(dependency):
    if isinstance(dependency, dict):
        return dependency["id"], dependency["property"]
    return dependency.component_id, dependency.component_property


def _dependencies_fit(given, declared: list) -> bool:
    """``given`` has one entry per declared dependency, each naming it."""
    return isinstance(given, list) and len(given) == len(declared) and all(
        _matches(g, d) for g, d in zip(given, declared, strict=True))


def _prop_id(dependency) -> str | None:
    component_id, component_property = _id_and_property(dependency)
    return f"{component_id}.{component_property}" if isinstance(component_id, str) else None


def check_callback_request(app: dash.Dash, body) -> str:
    """Why a callback request body does not fit the app's callbacks ('' when it fits).

    The body must name one of the app's callbacks (``output``), list its inputs and
    state in order, and name exactly its outputs (``outputs``: one dependency, or a list
    for a multi-output callback), as Dash's renderer does.
    """
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' is missing or not a string"
    callback = app.callback_map.get(output)
    if callback is None:
        return "no callback has that output"
    if not _dependencies_fit(body.get("inputs"), callback["inputs"]):
        return "'inputs' do not match the callback's inputs"
    if not _dependencies_fit(body.get("state", []), callback.get("state", [])):
        return "'state' does not match the callback's state"
    declared = callback.get("output")
    outputs = body.get("outputs")
    if callback.get("no_output"):
        pass
    elif isinstance(declared, (list, tuple)):
        if not _dependencies_fit(outputs, list(declared)):
            return "'outputs' do not match the callback's outputs"
    elif declared is not None and not _matches(outputs, declared):
        return "'outputs' does not match the callback's output"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' should be a list of strings"
    known = {_prop_id(d) for d in callback["inputs"]}
    if None not in known and not set(changed) <= known:
        return "'changedPropIds' names a property that is not an input of the callback"
    return ""


def one_line(error: BaseException, limit: int = 200) -> str:
    """An exception as one short log line: its type and the start of its message."""
    text = printable(" ".join(str(error).split()), limit)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


#: What a log line must not carry from a client: C0 and C1 controls (CR and LF start a line,
#: ESC starts a terminal sequence), Unicode's line and paragraph separators, the
#: bidirectional controls (text that reads other than it is) and lone surrogates (which the
#: log's encoder cannot write); in a value, also a backslash, so that no escape is forged.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNPRINTABLE = re.compile(f"[\\\\{_CONTROLS}]")
_CONTROL = re.compile(f"[{_CONTROLS}]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}"


def printable(text: object, limit: int | None = None) -> str:
    """A client's value for a log: one line, its backslashes and control characters written
    as escapes (nothing lost, nothing forged), at most ``limit`` characters of it (then ``…``).

    >>> printable("/x\\n2024 WARNING forged\\x1b[2J")
    '/x\\\\n2024 WARNING forged\\\\x1b[2J'
    """
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _UNPRINTABLE.sub(_escape, text)


class EscapingFormatter(logging.Formatter):
    """A log formatter that writes each message on one line, whoever logged it (waitress
    writes a path as it came): control characters as escapes (values that
    :func:`printable` escaped already are left as they are). A traceback, added after
    the message, keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = _CONTROL.sub(_escape, record.message)
        return super().formatMessage(record)
