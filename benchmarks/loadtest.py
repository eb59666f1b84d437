"""Load test: a class of students switching hypotheses and drugs, against a real server.

    python benchmarks/loadtest.py                       # starts gunicorn (2 workers) itself
    python benchmarks/loadtest.py --url http://127.0.0.1:8050 --clients 200 --seconds 60

Each simulated student opens the page (layout and dependencies), then repeatedly picks
a hypothesis or a drug and sends exactly the callback requests a browser sends for that
click (``navigate``, then ``show_view``, and ``draw_hypothesis`` when the panel
changes), with the payloads read from the app's own ``/_dash-dependencies``. Between
clicks a student thinks for 1–3 s. Only loopback addresses are allowed as targets.
Prints throughput, latency percentiles per request and errors; standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find(layout, component_id: str):
    """The props of the component with ``component_id`` in a Dash layout JSON."""
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and props.get("id") == component_id:
                return props
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise KeyError(component_id)


class Site:
    """What a browser learns on page load: the callbacks and the initial store values."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        with urllib.request.urlopen(self.base + "/_dash-dependencies", timeout=30) as response:
            self.dependencies = json.load(response)
        with urllib.request.urlopen(self.base + "/_dash-layout", timeout=30) as response:
            layout = json.load(response)
        self.view = find(layout, "view")["data"]
        self.hypotheses = [o["value"] for o in find(layout, "hypothesis")["options"]]
        self.drugs = [o["value"] for o in find(layout, "drug")["options"]]
        self.callbacks = {self._outputs(cb): cb for cb in self.dependencies}

    @staticmethod
    def _outputs(callback) -> str:
        return callback["output"]

    def callback_with(self, output: str) -> dict:
        return next(cb for key, cb in self.callbacks.items() if output in key)

    def body(self, output: str, values: dict, changed: str) -> dict:
        """A callback request as the renderer sends it; ``values`` maps 'id.prop' → value."""
        callback = self.callback_with(output)
        spec = callback["output"]
        parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
        outputs = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]

        def dependency(d):
            key = f"{d['id']}.{d['property']}"
            return {"id": d["id"], "property": d["property"], "value": values.get(key)}

        return {
            "output": spec,
            "outputs": outputs if spec.startswith("..") else outputs[0],
            "inputs": [dependency(d) for d in callback["inputs"]],
            "state": [dependency(d) for d in callback.get("state", [])],
            "changedPropIds": [changed],
        }


class Stats:
    def __init__(self):
        self.latencies: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.clicks = 0

    def add(self, name: str, seconds: float) -> None:
        self.latencies.setdefault(name, []).append(seconds)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def post(host: str, port: int, path: str, body: dict) -> tuple[int, bytes]:
    data = json.dumps(body).encode()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head else 0
    if b"chunked" in head.lower():
        payload = _dechunk(payload)
    return status, payload


def _dechunk(payload: bytes) -> bytes:
    out, rest = b"", payload
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out


async def student(site: Site, host: str, port: int, deadline: float, stats: Stats, rng: random.Random):
    view = dict(site.view)
    path = urllib.parse.urlsplit(site.base).path.rstrip("/") + "/_dash-update-component"
    await asyncio.sleep(rng.uniform(0, 3))  # the class does not click in step
    while time.perf_counter() < deadline:
        if rng.random() < 0.5:
            changed, value = "hypothesis.value", rng.choice(site.hypotheses)
        else:
            changed, value = "drug.value", rng.choice(site.drugs)
        values = {"hypothesis.value": view.get("hypothesis"), "drug.value": view.get("drug"),
                  "view.data": view, "url.search": "", changed: value}
        requests = [("navigate", site.body("view.data", values, changed))]
        try:
            start = time.perf_counter()
            status, payload = await post(host, port, path, requests[0][1])
            stats.add("navigate", time.perf_counter() - start)
            if status != 200:
                stats.error(f"navigate HTTP {status}")
                continue
            new_view = json.loads(payload)["response"]["view"]["data"]
            values.update({"view.data": new_view, "show-mechanisms.aria-checked": "false"})
            follow = [("show_view", site.body("graph.stylesheet", values, "view.data"))]
            if new_view.get("hypothesis") != view.get("hypothesis"):
                follow.append(("draw_hypothesis", site.body("graph.elements", values, "hypothesis.value")))
            for name, body in follow:
                start = time.perf_counter()
                status, _ = await post(host, port, path, body)
                stats.add(name, time.perf_counter() - start)
                if status != 200:
                    stats.error(f"{name} HTTP {status}")
            view = new_view
            stats.clicks += 1
        except (OSError, ValueError, KeyError, asyncio.IncompleteReadError) as error:
            stats.error(type(error).__name__)
        await asyncio.sleep(rng.uniform(1.0, 3.0))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def run(url: str, clients: int, seconds: float) -> Stats:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("the load test only targets this machine (127.0.0.1, localhost, ::1)")
    site = Site(url)
    stats = Stats()
    deadline = time.perf_counter() + seconds
    rng = random.Random(7)
    await asyncio.gather(*(student(site, parts.hostname, parts.port or 80, deadline, stats,
                                   random.Random(rng.random())) for _ in range(clients)))
    return stats


def report(stats: Stats, seconds: float, clients: int) -> None:
    every = [x for values in stats.latencies.values() for x in values]
    print(f"{clients} students for {seconds:.0f} s: {stats.clicks} clicks, {len(every)} callback requests, "
          f"{len(every) / seconds:.1f} requests/s")
    print(f"  {'request':<16} {'count':>7} {'p50':>9} {'p95':>9} {'p99':>9} {'max':>9}")
    for name, values in [*sorted(stats.latencies.items()), ("all", every)]:
        if values:
            print(f"  {name:<16} {len(values):>7} " + " ".join(
                f"{percentile(values, q) * 1000:>7.1f}ms" for q in (50, 95, 99)) + f" {max(values) * 1000:>7.1f}ms")
    print(f"  errors: {sum(stats.errors.values())} {stats.errors if stats.errors else ''}")


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
               "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "explorer.app:server"]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on this machine (default: start gunicorn)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8071)
    args = parser.parse_args()
    server = None if args.url else start_gunicorn(args.port, args.workers)
    url = args.url or f"http://127.0.0.1:{args.port}"
    try:
        stats = asyncio.run(run(url, args.clients, args.seconds))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    report(stats, args.seconds, args.clients)


if __name__ == "__main__":
    main()
