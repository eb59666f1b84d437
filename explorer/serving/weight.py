"""A light page: compressed scripts and layout, cached by browsers, built once per process.

- **Compression.** Responses to GET requests in a text type (the page, the layout and
  dependencies JSON, scripts, stylesheets, SVG) of 1 KB or more are compressed with
  gzip (standard library) or Brotli when the ``brotli`` module is present and the
  browser accepts it. The bundles never change while the server runs, so each is
  compressed once, at the highest level, and remembered (bounded). Callback answers
  are left alone: small, each different, and on a classroom network compressing them
  would cost the server more time than it saves on the wire.
- **Browser caching.** Fingerprinted bundles already carry a year-long
  ``Cache-Control`` from Dash; this adds one for the renderer's asynchronous chunks
  (``async-*.js``, whose URLs carry no version: a day, revalidated by ETag after),
  for ``/assets/`` files requested with Dash's ``?m=`` modification stamp and the
  favicon. The layout and the dependencies get an ETag and ``no-cache``,
  so a second visit gets ``304 Not Modified`` instead of 117 KB of layout.
- **Pages that never change.** Paths named ``unchanging`` (the one-file explorer, built once
  per process) are compressed once and remembered like the bundles, and revalidated by ETag
  (``no-cache``: a second visit gets ``304``).
- **Built once.** When ``app.layout`` is a value (not a function), the layout and
  dependencies JSON are serialised once per process instead of on every page load.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable

import dash
import flask

from .limits import CACHE_BYTES, BoundedCache, caches

try:  # optional: a better ratio when installed (flask-compress and others bring it)
    import brotli
except ImportError:  # pragma: no cover - depends on the machine
    brotli = None

__all__ = ["ASYNC_CHUNK_MAX_AGE", "COMPRESSIBLE_TYPES", "MIN_COMPRESS_BYTES", "choose_encoding",
           "compress", "lighten"]

COMPRESSIBLE_TYPES = frozenset({"text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
                                "application/x-javascript", "application/json", "image/svg+xml",
                                "image/x-icon", "image/vnd.microsoft.icon"})
MIN_COMPRESS_BYTES = 1024
ASYNC_CHUNK_MAX_AGE = 24 * 3600
YEAR = 365 * 24 * 3600


def choose_encoding(accept_encoding: str, *, brotli_available: bool = brotli is not None) -> str | None:
    """The best encoding a browser accepts: ``br``, ``gzip`` or ``None``.

    >>> choose_encoding("gzip, deflate, br", brotli_available=True), choose_encoding("br;q=0, gzip")
    ('br', 'gzip')
    """
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip()] = quality
    if brotli_available and accepted.get("br", 0) > 0:
        return "br"
    if accepted.get("gzip", 0) > 0 or accepted.get("*", 0) > 0:
        return "gzip"
    return None


def compress(data: bytes, encoding: str, *, best: bool) -> bytes:
    """``data`` compressed; ``best`` for bodies compressed once and remembered.

    Brotli's top quality (11) takes 28 s for plotly.js: quality 9 (0.1 s for the
    0.5 MB cytoscape bundle) for bodies under 1 MB, and a fast level above.
    """
    best = best and len(data) < 1024 * 1024
    if encoding == "br":
        return brotli.compress(data, quality=9 if best else 5)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


class _Remembered(BoundedCache):
    """Compressed bodies, keyed by (encoding, digest of the body)."""

    def compressed(self, data: bytes, encoding: str) -> bytes:
        key = (encoding, hashlib.sha1(data).digest())
        packed = self.get(key)
        if packed is None:
            packed = compress(data, encoding, best=True)
            self.put(key, packed)
        return packed


def lighten(app: dash.Dash, *, cache_bytes: int | None = None, unchanging: Iterable[str] = ()) -> dash.Dash:
    """Compression, browser caching and once-built layout for ``app``; returns it.

    ``unchanging``: request paths whose answer is the same bytes until the server restarts.
    """
    server: flask.Flask = app.server
    prefix = app.config.requests_pathname_prefix
    suites = prefix + "_dash-component-suites/"
    assets = prefix + app.config.assets_url_path.strip("/") + "/"
    built_once = {prefix + "_dash-layout", prefix + "_dash-dependencies"}
    revalidated = built_once | set(unchanging)  # same bytes until a restart: an ETag, no-cache
    remembered = _Remembered(CACHE_BYTES["compressed"] if cache_bytes is None else cache_bytes)
    caches(app)["compressed"] = remembered
    bodies: dict[str, bytes] = {}  # path → JSON built once

    @server.before_request
    def _serve_built_once():
        request = flask.request
        if request.method == "GET" and request.path in bodies:
            return flask.Response(bodies[request.path], mimetype="application/json")
        return None

    @server.after_request
    def _lighten(response: flask.Response):
        request = flask.request
        if request.method != "GET" or response.status_code != 200:
            return response
        path = request.path
        if path in built_once and not callable(app.layout) and path not in bodies:
            bodies[path] = response.get_data()
        _cache_headers(response, path, suites, assets, request)
        compressible = (not response.headers.get("Content-Encoding")
                        and response.mimetype in COMPRESSIBLE_TYPES)
        encoding = choose_encoding(request.headers.get("Accept-Encoding", "")) if compressible else None
        if compressible:
            response.vary.add("Accept-Encoding")
            response.direct_passthrough = False  # files from /assets/ are small: read them
        if path in revalidated:  # the same bytes until the server restarts: revalidate, get 304
            tag = hashlib.sha1(response.get_data()).hexdigest()
            response.set_etag(f"{tag}-{encoding}" if encoding else tag)
            response.headers["Cache-Control"] = "no-cache"
            response.make_conditional(request)
            if response.status_code != 200:
                return response
        if encoding is None:
            return response
        data = response.get_data()
        if len(data) < MIN_COMPRESS_BYTES:
            return response
        static = path.startswith((suites, assets)) or path in revalidated or "favicon" in path
        packed = remembered.compressed(data, encoding) if static else compress(data, encoding, best=False)
        response.set_data(packed)
        response.headers["Content-Encoding"] = encoding
        etag, weak = response.get_etag()
        if etag and path not in revalidated:  # a different body needs a different tag
            response.set_etag(f"{etag}-{encoding}", weak=weak)
        return response

    return app


def _cache_headers(response: flask.Response, path: str, suites: str, assets: str, request) -> None:
    if path.startswith(suites):
        name = path.rsplit("/", 1)[-1]
        if name.startswith("async-") and not response.cache_control.max_age:
            response.cache_control.public = True
            response.cache_control.max_age = ASYNC_CHUNK_MAX_AGE
    elif (path.startswith(assets) and "m" in request.args) or ("favicon" in path and "v" in request.args):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
