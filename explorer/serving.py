"""Serving a classroom: a user's mistake gets a 4xx, never a 500 or a stack trace.

A bare Dash app answers 500 to many malformed requests on its callback endpoint
(a missing ``output``, an unknown callback, inputs of the wrong shape). ``harden``
checks every callback request against the callbacks the app really has before Dash
sees it, caps the request size, and adds security headers that Dash still works with.
"""

from __future__ import annotations

import logging

import dash
import flask
from werkzeug.exceptions import BadRequest, HTTPException

__all__ = ["MAX_REQUEST_BYTES", "SECURITY_HEADERS", "check_callback_request", "harden"]

log = logging.getLogger(__name__)

#: The largest callback request the explorer sends is a few kilobytes.
MAX_REQUEST_BYTES = 256 * 1024

SECURITY_HEADERS = {
    # Dash's index page carries two inline scripts (its config and the renderer's
    # start), and Plotly compiles functions at run time: hence the two 'unsafe-' words.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _is_dependency(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), (str, dict)) \
        and isinstance(value.get("property"), str)


def _dependencies_fit(given, expected: list) -> bool:
    """``given`` has one entry per expected dependency (a list for wildcard ones)."""
    if not isinstance(given, list) or len(given) != len(expected):
        return False
    for item in given:
        entries = item if isinstance(item, list) else [item]
        if not all(_is_dependency(entry) for entry in entries):
            return False
    return True


def check_callback_request(app: dash.Dash, body) -> str:
    """Why a callback request body does not fit the app's callbacks ('' when it fits)."""
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
    outputs = body.get("outputs")
    if outputs is not None and not (_is_dependency(outputs) or (
            isinstance(outputs, list)
            and all(_is_dependency(o) or isinstance(o, list) for o in outputs))):
        return "'outputs' has the wrong shape"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' should be a list of strings"
    return ""


def harden(app: dash.Dash, *, max_request_bytes: int = MAX_REQUEST_BYTES) -> dash.Dash:
    """Make ``app`` answer bad requests with 4xx and send security headers; returns it."""
    server: flask.Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    callback_path = app.config.requests_pathname_prefix + "_dash-update-component"

    @server.before_request
    def _check_callback_requests():
        if flask.request.path != callback_path or flask.request.method != "POST":
            return None
        body = flask.request.get_json(silent=True)  # 413 here when the body is too large
        problem = check_callback_request(app, body)
        if problem:
            return flask.jsonify(error=f"bad callback request: {problem}"), 400
        return None

    dispatch_endpoint = next(rule.endpoint for rule in server.url_map.iter_rules()
                             if rule.rule == callback_path)
    dispatch = server.view_functions[dispatch_endpoint]

    def guarded_dispatch(*args, **kwargs):
        try:
            return dispatch(*args, **kwargs)
        except HTTPException:
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            # The request fitted a callback's shape but carried values it cannot use:
            # the client's mistake. (Dash's PreventUpdate is none of these types.)
            log.warning("callback request rejected: %r", error, exc_info=True)
            raise BadRequest("the callback's inputs have values it cannot use") from None

    server.view_functions[dispatch_endpoint] = guarded_dispatch

    @server.errorhandler(HTTPException)
    def _plain_http_errors(error: HTTPException):
        return flask.jsonify(error=error.description or error.name), error.code

    @server.after_request
    def _security_headers(response: flask.Response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
