"""The production server ``moa-explorer serve`` runs: waitress, on every platform.

Werkzeug's development server (Dash's ``app.run``) gives each connection a thread
for as long as the client takes to send its request, so a few slow or stalled
clients leave none for the class. Waitress is pure Python and runs on Linux, macOS
and Windows; an asynchronous loop reads each request completely, and buffers each
response, before a worker thread touches it, so slow clients cost a socket, not a
thread. (gunicorn's synchronous and threaded workers read requests in the worker
itself: behind nginx, which buffers, that is fine; exposed directly, it is not.)

Sockets are the one thing left to run out of: waitress stops accepting at its
``connection_limit``, and its idle timeout never fires for a client that keeps
sending a byte now and then. :class:`ClassroomServer` adds two bounds
(:mod:`.limits`): one address may hold only so many sockets (more are answered 503
and closed), and a request must arrive whole within a deadline of its first byte
(else 408 and closed), so a thousand trickling sockets from one machine leave the
room's page loads alone.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import time
from collections import Counter

import dash
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from .guard import EscapingFormatter
from .limits import (
    CONNECTION_LIMIT,
    CONNECTIONS_PER_ADDRESS,
    INBUF_OVERFLOW,
    OUTBUF_OVERFLOW,
    REQUEST_DEADLINE,
)

__all__ = ["SERVER_SETTINGS", "ClassroomServer", "client_of", "create_server", "serve", "server_settings"]

log = logging.getLogger(__name__)

#: Settings for a classroom: enough threads for a burst of clicks, many sockets for
#: slow or idle clients (poll() on POSIX lifts select()'s 1,024-descriptor cap; Windows
#: select() stops at 512), idle connections closed after a minute, small request limits,
#: and the deadlines checked every second.
SERVER_SETTINGS = {
    "threads": 8,
    "connection_limit": CONNECTION_LIMIT,
    "channel_timeout": 60,
    "cleanup_interval": 1,
    "max_request_header_size": 64 * 1024,
    "inbuf_overflow": INBUF_OVERFLOW,
    "outbuf_overflow": OUTBUF_OVERFLOW,
    "ident": "moa-explorer",
    "expose_tracebacks": False,
}

_TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n"
             b"Content-Type: text/plain\r\nContent-Length: 44\r\n\r\n"
             b"Too many connections from this address.\r\n\r\n")
_TOO_SLOW = (b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
             b"Content-Type: text/plain\r\nContent-Length: 30\r\n\r\n"
             b"The request took too long.\r\n\r\n")


def client_of(addr) -> str:
    """Whose connection this is: an IPv4 address, or an IPv6 address's /64 (one machine can
    have a whole /64 of addresses). An IPv4 address mapped into IPv6 is the IPv4 address."""
    host = addr[0] if isinstance(addr, (tuple, list)) and addr else str(addr)
    try:
        address = ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return str(host)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class _TimedParser(HTTPRequestParser):
    """waitress's request parser, made at a request's first byte: it notes when."""

    def __init__(self, adj):
        super().__init__(adj)
        self.started = time.monotonic()


class ClassroomChannel(HTTPChannel):
    """waitress's connection, counted per client and turned away beyond the server's cap."""

    parser_class = _TimedParser
    counted = False

    def __init__(self, server, sock, addr, adj, map=None):
        self.client = client_of(addr)
        super().__init__(server, sock, addr, adj, map=map)
        if server.clients[self.client] > server.per_address:
            server.turned_away[self.client] += 1
            _say(self.socket, _TOO_MANY)
            self.close()

    def add_channel(self, map=None):
        super().add_channel(map)
        self.server.clients[self.client] += 1
        self.counted = True

    def del_channel(self, map=None):
        super().del_channel(map)
        if self.counted:
            self.counted = False
            clients = self.server.clients
            clients[self.client] -= 1
            if clients[self.client] <= 0:
                del clients[self.client]


def _say(sock, message: bytes) -> None:
    """Best effort: a short answer to a client being dropped (its socket may be full or gone)."""
    try:
        sock.send(message)
    except OSError:
        pass


class ClassroomServer(TcpWSGIServer):
    """waitress's TCP server with a cap on sockets per client and a deadline per request."""

    channel_class = ClassroomChannel

    def __init__(self, application, map=None, *, per_address: int = CONNECTIONS_PER_ADDRESS,
                 deadline: float = REQUEST_DEADLINE, **kw):
        self.per_address, self.deadline = per_address, deadline
        self.clients: Counter[str] = Counter()  # open sockets per client
        self.turned_away: Counter[str] = Counter()  # since the last maintenance
        super().__init__(application, map, **kw)

    def maintenance(self, now):
        """waitress closes idle connections; this also drops requests past their deadline."""
        super().maintenance(now)
        cutoff = time.monotonic() - self.deadline
        late: Counter[str] = Counter()
        for channel in list(self.active_channels.values()):
            request = channel.request
            if (request is not None and not channel.requests and not channel.will_close
                    and getattr(request, "started", cutoff) < cutoff):
                _say(channel.socket, _TOO_SLOW)
                channel.will_close = True
                late[getattr(channel, "client", "?")] += 1
        if late:
            log.warning("dropped %d requests still arriving %g s after their first byte (from %s)",
                        sum(late.values()), self.deadline, _clients(late))
        if self.turned_away:
            log.warning("turned away %d connections from clients already holding %d (%s)",
                        sum(self.turned_away.values()), self.per_address, _clients(self.turned_away))
            self.turned_away.clear()


def _clients(counts: Counter) -> str:
    most = counts.most_common(3)
    text = ", ".join(f"{client} x{n}" for client, n in most)
    return text + (f" and {len(counts) - len(most)} more" if len(counts) > len(most) else "")


def create_server(application, *, per_address: int = CONNECTIONS_PER_ADDRESS,
                  deadline: float = REQUEST_DEADLINE, **settings):
    """waitress's ``create_server``, with a :class:`ClassroomServer` on each address it listens on."""
    adj = Adjustments(**settings)
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    sockets: dict = {}
    servers = [ClassroomServer(application, sockets, dispatcher=dispatcher, adj=adj, sockinfo=info,
                               per_address=per_address, deadline=deadline) for info in adj.listen]
    if len(servers) == 1:
        return servers[0]
    return MultiSocketServer(sockets, adj, [(s.effective_host, s.effective_port) for s in servers], dispatcher,
                             servers[0].log_info)


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
          max_request_bytes: int | None = None, per_address: int | None = None) -> None:
    """Serve ``app`` with waitress until Ctrl+C (``moa-explorer serve``)."""
    per_address = CONNECTIONS_PER_ADDRESS if per_address is None else per_address
    settings = server_settings(threads=threads)
    if max_request_bytes is None:
        max_request_bytes = app.server.config.get("MAX_CONTENT_LENGTH") or 1024 * 1024
    settings["max_request_body_size"] = max_request_bytes
    setup_logging()
    server = create_server(app.server, host=host, port=port, per_address=per_address, **settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    title = getattr(app, "title", None) or "Dash"
    print(f"{title}: open http://{shown}:{port}/ in a browser (Ctrl+C stops it)", flush=True)
    if host in ("0.0.0.0", "::"):
        print("  listening on every network interface: students use this machine's address", flush=True)
    server.run()


def setup_logging() -> None:
    """The server's log on standard error, every message on one line: a client's path or
    value cannot start a forged line or send terminal escapes (see ``guard.printable``)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(EscapingFormatter("%(levelname)s:%(name)s:%(message)s"))
        root.addHandler(handler)

