"""Serving a classroom: a user's mistake gets a 4xx, never a 500 or a stack trace.

A bare Dash app answers 500 to many malformed requests on its callback endpoint
(a missing or wrong ``outputs``, an unknown callback, inputs of the wrong shape, JSON
nested a thousand deep) and to unknown script paths. :func:`harden` checks every
callback request against the callbacks the app really has before Dash sees it,
caps the request size and nesting, answers unknown component-suite paths 404, logs
each rejection in one line, and adds security headers that Dash still works with.

The package, by concern: :mod:`.guard` (what a request must look like),
:mod:`.weight` (compression and browser caching), :mod:`.memo` (remembered answers), :mod:`.exports` (figure
downloads, cached and drawn a few at a time), :mod:`.server` (the production WSGI
server ``moa-explorer serve`` runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import dash
import dash.exceptions
import flask
from werkzeug.exceptions import BadRequest, HTTPException, NotFound

from .guard import MAX_JSON_DEPTH, check_callback_request, json_too_deep, one_line, printable
from .limits import caches
from .memo import RememberedAnswers
from .weight import lighten

__all__ = ["MAX_JSON_DEPTH", "MAX_REQUEST_BYTES", "SECURITY_HEADERS", "check_callback_request",
           "content_security_policy", "harden", "inline_page_policy", "json_too_deep", "lighten"]

log = logging.getLogger(__name__)

#: The largest callback request the explorer sends is a few kilobytes.
MAX_REQUEST_BYTES = 256 * 1024

#: Sent with every response; the Content-Security-Policy is made for each app
#: (:func:`content_security_policy`).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """The policy: scripts only from the app's own files and its inline scripts' hashes.

    Dash's page carries one inline script that runs (``new DashRenderer()``; its config is
    JSON, which no policy governs), plus any clientside callbacks: ``app.csp_hashes()``
    lists them. Nothing else inline runs: no injected ``<script>``, ``onerror=`` handler or
    ``javascript:`` URL. No ``'unsafe-eval'`` either: none of the bundles the app loads
    (the renderer, dcc, html, dash-cytoscape, plotly.js) needs eval or
    ``new Function`` (their only such calls, ``Function("return this")``, run only where
    ``globalThis`` is missing). Styles stay ``'unsafe-inline'``: Cytoscape and Dash's components
    write ``<style>`` elements, and a stylesheet cannot run script.
    """
    return ("default-src 'self'; script-src 'self' " + " ".join(script_hashes) + "; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
            "form-action 'self'")


def inline_page_policy(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """The policy of a page whose scripts and stylesheets are all inline (the one-file explorer):
    only those, by their hashes (:func:`explorer.bundle.page.inline_hashes`); nothing fetched,
    no form, no ``<base>``, no plugin. Its links (PubMed and the like) are navigation, which no
    directive here governs."""
    return ("default-src 'none'; script-src " + " ".join(scripts) + "; style-src " + " ".join(styles) + "; "
            "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; object-src 'none'")


#: What a callback may raise when a request fits a callback's shape but carries values
#: it cannot use: the client's mistake, answered 400. (``PreventUpdate`` is Dash's
#: "nothing to do", answered 204 by Dash itself, and passes through.)
CLIENT_VALUE_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError,
                       dash.exceptions.CallbackException)


def _reject(code: int, reason: str):
    """Log a rejected request in one line (its path's control characters escaped: a path
    cannot forge a log line) and answer it with a short JSON error."""
    request = flask.request
    log.warning("%s %s rejected (%d): %s", printable(request.method, 20), printable(request.path, 200), code,
                printable(reason, 300))
    return flask.jsonify(error=reason), code


def _endpoint_of(server: flask.Flask, rule: str) -> str:
    return next(r.endpoint for r in server.url_map.iter_rules() if r.rule == rule)


def harden(app: dash.Dash, *, max_request_bytes: int = MAX_REQUEST_BYTES,
           max_json_depth: int = MAX_JSON_DEPTH, light: bool = True,
           pure: Callable[[str], bool] | None = None, unchanging: Iterable[str] = ()) -> dash.Dash:
    """Make ``app`` answer bad requests with 4xx and send security headers; returns it.

    With ``light`` (the default) it also compresses and caches what the page loads
    (:func:`explorer.serving.weight.lighten`). ``pure(output)`` says which callbacks
    (by their ``output`` key) are pure functions of their request: their answers are
    remembered (:mod:`explorer.serving.memo`). ``unchanging``: request paths whose answer never
    changes while the server runs (:func:`~explorer.serving.weight.lighten`). A response that sets
    its own Content-Security-Policy keeps it.
    """
    server: flask.Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    remembered = app.remembered_answers = RememberedAnswers(pure) if pure is not None else None
    if remembered is not None:
        caches(app)["answers"] = remembered
    prefix = app.config.requests_pathname_prefix
    callback_path = prefix + "_dash-update-component"

    @server.before_request
    def _check_callback_requests():
        request = flask.request
        if request.path != callback_path or request.method != "POST":
            return None
        try:
            raw = request.get_data(cache=True)  # 413 here when the body is too large
        except HTTPException:
            raise
        except Exception as error:
            # Whatever the WSGI server raised reading the client's body: gunicorn's parse
            # errors (a malformed chunk) are not HTTP errors, and would be a 500.
            return _reject(400, f"the request body could not be read: {one_line(error, 80)}")
        if json_too_deep(raw, max_json_depth):
            return _reject(400, f"bad callback request: JSON nested deeper than {max_json_depth}")
        try:
            body = request.get_json()  # cached for Dash's own call
        except HTTPException:
            body = None
        problem = "the body is not JSON" if body is None else check_callback_request(app, body)
        if problem:
            return _reject(400, f"bad callback request: {problem}")
        if remembered is not None and remembered.pure(body["output"]):
            flask.g.answer_key = key = remembered.key(raw)
            answer = remembered.get(key)
            if answer is not None:
                return flask.Response(answer, mimetype="application/json")
        return None

    @server.after_request
    def _remember_answers(response: flask.Response):
        key = flask.g.pop("answer_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            remembered.put(key, response.get_data())
        return response

    dispatch_endpoint = _endpoint_of(server, callback_path)
    dispatch = server.view_functions[dispatch_endpoint]

    def guarded_dispatch(*args, **kwargs):
        try:
            return dispatch(*args, **kwargs)
        except (HTTPException, dash.exceptions.PreventUpdate):
            raise
        except CLIENT_VALUE_ERRORS as error:
            log.warning("callback %s rejected (400): %s", printable(_output_of_request(), 120), one_line(error))
            raise BadRequest("the callback's inputs have values it cannot use") from None

    server.view_functions[dispatch_endpoint] = guarded_dispatch

    suites_endpoint = _endpoint_of(server, app.config.routes_pathname_prefix
                                   + "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>")
    serve_suite = server.view_functions[suites_endpoint]

    def guarded_suite(*args, **kwargs):
        # Dash raises DependencyException (a 500) for a path it did not register.
        try:
            return serve_suite(*args, **kwargs)
        except (dash.exceptions.DependencyException, KeyError, OSError, ValueError):
            raise NotFound("no such script or stylesheet") from None

    server.view_functions[suites_endpoint] = guarded_suite

    def log_exception(exc_info) -> None:
        # Flask's own writes the request's path as it came (a %0a in it would start a new line).
        request = flask.request
        server.logger.error("Exception on %s [%s]", printable(request.path, 200), printable(request.method, 20),
                            exc_info=exc_info)

    server.log_exception = log_exception

    @server.errorhandler(HTTPException)
    def _plain_http_errors(error: HTTPException):
        code = error.code or 400
        if code >= 500:  # our fault, and Flask has logged the traceback: say nothing more
            return flask.jsonify(error="the server could not answer this request"), code
        return _reject(code, error.description or error.name)

    policy: list[str] = []  # made on the first response, once every callback is registered

    @server.after_request
    def _security_headers(response: flask.Response):
        if not policy:
            policy.append(content_security_policy(app.csp_hashes()))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if light:
        lighten(app, unchanging=unchanging)
    return app


def _output_of_request() -> str:
    body = flask.request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return str(output)
