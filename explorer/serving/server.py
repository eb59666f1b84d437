"""The production server ``moa-explorer serve`` runs: waitress, on every platform.

Werkzeug's development server (Dash's ``app.run``) gives each connection a thread
for as long as the client takes to send its request, so a few slow or stalled
clients leave none for the class. Waitress is pure Python and runs on Linux, macOS
and Windows; an asynchronous loop reads each request completely, and buffers each
response, before a worker thread touches it, so slow clients cost a socket, not a
thread. (gunicorn's synchronous and threaded workers read requests in the worker
itself: behind nginx, which buffers, that is fine; exposed directly, it is not.)
"""

from __future__ import annotations

import os

import dash

__all__ = ["SERVER_SETTINGS", "serve", "server_settings"]

#: Settings for a classroom: enough threads for a burst of clicks, many sockets for
#: slow or idle clients (poll() on POSIX lifts select()'s 1,024-descriptor cap; Windows
#: select() stops at 512), idle connections closed after a minute, small request limits.
SERVER_SETTINGS = {
    "threads": 8,
    "connection_limit": 1000,
    "channel_timeout": 60,
    "max_request_header_size": 64 * 1024,
    "ident": "moa-explorer",
    "expose_tracebacks": False,
}


def server_settings(*, threads: int | None = None, windows: bool | None = None) -> dict:
    """waitress keyword arguments for this platform (``windows`` defaults to this machine's)."""
    settings = dict(SERVER_SETTINGS)
    if threads is not None:
        settings["threads"] = threads
    windows = os.name == "nt" if windows is None else windows
    if windows:
        settings["connection_limit"] = 400
    else:
        settings["asyncore_use_poll"] = True
    return settings


def serve(app: dash.Dash, host: str = "127.0.0.1", port: int = 8050, *, threads: int | None = None,
          max_request_bytes: int | None = None) -> None:
    """Serve ``app`` with waitress until Ctrl+C (``moa-explorer serve``)."""
    import waitress  # only when serving

    settings = server_settings(threads=threads)
    if max_request_bytes is None:
        max_request_bytes = app.server.config.get("MAX_CONTENT_LENGTH") or 1024 * 1024
    settings["max_request_body_size"] = max_request_bytes
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    title = getattr(app, "title", None) or "Dash"
    print(f"{title}: open http://{shown}:{port}/ in a browser (Ctrl+C stops it)", flush=True)
    if host in ("0.0.0.0", "::"):
        print("  listening on every network interface: students use this machine's address", flush=True)
    waitress.serve(app.server, host=host, port=port, **settings)
