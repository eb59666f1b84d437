"""Classroom benchmarks: slow clients, exports beside page loads, page weight, the issue-11 targets.

    python benchmarks/classroom.py                 # every section
    python benchmarks/classroom.py slow exports    # some: slow, exports, page, students, targets,
                                                   # memory, trickle

Starts its own servers on 127.0.0.1, ports 8121-8129, runs bounded loops, stops them.
Not a test: it prints figures beside baselines measured in the same run.

- ``slow``: 0, 16 and 64 clients that send their request headers one byte a second,
  while 4 loops load the page (``/``, layout, dependencies); p95 of those loads, under
  ``moa-explorer serve`` (waitress) and gunicorn as the README's recipe runs it
  (2 workers x 4 threads) without a proxy in front, if gunicorn is installed.
- ``exports``: page loads alone, then beside 20 students exporting PDF and PNG figures
  of the integrated view (each a different drug: no two alike; 0.5-1.5 s between a
  download and the next click), beside 20 asking for the same figure, and beside 20
  scripts exporting without pause; p95 of the loads and the server's memory (RSS,
  with its drawing process).
- ``page``: bytes on the wire for a first visit, and the time from opening a deep link
  until the graph and the effects are drawn, in headless Chromium, beside a bare Dash
  page (one input, one callback) served the same way.
- ``students``: ``loadtest.py``'s 200 students against ``moa-explorer serve``, beside
  200 students clicking a bare Dash app's two empty callbacks at the same pace.
- ``targets``: the targets of issue 11, each beside its baseline (runs ``bench.py``'s
  cold start and drug switch, and the sections above), met or not.
- ``memory``: the server's memory (RSS, with its drawing process) through 6,000 distinct
  views (each a navigate and a show_view request, as a browser sends them) and 490
  PNG and PDF downloads, beside the bound of ``explorer/serving/limits.py`` (400 MB).
- ``trickle``: page loads from 127.0.0.2 beside 1,000 sockets from 127.0.0.1 that trickle
  header bytes (one a second, reconnecting a second after they are dropped), under
  ``moa-explorer serve`` and under plain waitress with the same settings; p95 beside idle.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PORTS = iter(range(8121, 8130))
TARGETS: list[tuple[str, str, str, bool]] = []  # (what, figure, baseline, met)


# -- servers -------------------------------------------------------------------------

class Server:
    """A server process on a loopback port, stopped (with its children) on exit."""

    def __init__(self, kind: str, app: str = "ours"):
        self.kind, self.app, self.port = kind, app, next(PORTS)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        if self.kind in ("waitress", "plain-waitress"):
            command = [sys.executable, str(HERE / "serve_app.py"), self.app, str(self.port)]
            if self.kind == "plain-waitress":
                command.append("--plain")
        else:
            module = "explorer.app:server" if self.app == "ours" else "bare_app:server"
            command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--worker-class", "gthread",
                       "--threads", "4", "--bind", f"127.0.0.1:{self.port}", "--log-level", "error",
                       "--chdir", str(HERE if self.app == "bare" else ROOT), module]
        self.process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/_dash-dependencies", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise SystemExit(f"{self.kind} did not start on port {self.port}")

    def rss_mb(self) -> float:
        """Resident memory of the server and all its descendants, in MB (Linux)."""
        total = 0
        for pid in _tree(self.process.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def __exit__(self, *_):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            children = []
        todo.extend(int(c) for c in children)
    return pids


def gunicorn_installed() -> bool:
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


# -- raw HTTP, with the standard library ------------------------------------------------

async def request(port: int, method: str, path: str, body: bytes = b"", timeout: float = 10.0,
                  source: str | None = None) -> int:
    """One request on a fresh connection (from the address ``source``, if given); returns the
    status (0 on a timeout or error)."""
    async def go():
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=(source, 0) if source else None)
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\n"
                f"Connection: close\r\n")
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        raw = await reader.read()
        writer.close()
        return int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/") else 0
    try:
        return await asyncio.wait_for(go(), timeout)
    except (TimeoutError, OSError, ValueError, IndexError):
        return 0


PAGE = ("/", "/_dash-layout", "/_dash-dependencies")


async def page_loads(port: int, seconds: float, loops: int = 4,
                     source: str | None = None) -> tuple[list[float], int]:
    """``loops`` users loading the page over and over for ``seconds``: latencies, failures."""
    latencies, failures = [], 0
    deadline = time.perf_counter() + seconds

    async def user():
        nonlocal failures
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            statuses = await asyncio.gather(*(request(port, "GET", p, source=source) for p in PAGE))
            if all(s == 200 for s in statuses):
                latencies.append(time.perf_counter() - start)
            else:
                failures += 1
            await asyncio.sleep(0.05)

    await asyncio.gather(*(user() for _ in range(loops)))
    return latencies, failures


async def slow_client(port: int, deadline: float) -> None:
    """Sends a request's headers one byte a second and never finishes them."""
    try:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return
    try:
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while time.perf_counter() < deadline:
            writer.write(b"X")
            await writer.drain()
            await asyncio.sleep(1.0)
    except OSError:
        pass
    finally:
        writer.close()


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


# -- sections ---------------------------------------------------------------------------

def section_slow(seconds: float = 8.0) -> dict:
    print("== slow-header clients beside 4 users loading the page (/, layout, dependencies)")
    servers = ["waitress"] + (["gunicorn"] if gunicorn_installed() else [])
    if len(servers) == 1:
        print("  (gunicorn is not installed: pip install '.[server]' to compare)")
    results = {}
    for kind in servers:
        with Server(kind) as server:
            for slow in (0, 16, 64):
                async def run(slow=slow, port=server.port):
                    await page_loads(port, 1.0)  # warm up: the first load compresses the bundles
                    deadline = time.perf_counter() + seconds + 30  # cancelled below, after the loads
                    clients = [asyncio.create_task(slow_client(port, deadline)) for _ in range(slow)]
                    await asyncio.sleep(1.0)  # let them connect and start trickling
                    loads = await page_loads(port, seconds)
                    for task in clients:
                        task.cancel()
                    await asyncio.gather(*clients, return_exceptions=True)
                    return loads
                latencies, failures = asyncio.run(run())
                results[(kind, slow)] = (p95(latencies), len(latencies), failures)
                label = "moa-explorer serve (waitress)" if kind == "waitress" else "gunicorn 2x4, no proxy"
                print(f"  {label:<30} {slow:>3} slow clients: page load p95 {ms(p95(latencies))}, "
                      f"{len(latencies)} loads, {failures} failed or timed out (10 s)")
    return results


def _export_body(site, view: dict, button: str) -> bytes:
    body = site.body("figure-download.data", {"view.data": view, f"{button}.n_clicks": 1}, f"{button}.n_clicks")
    return json.dumps(body).encode()


def section_exports(seconds: float = 10.0) -> dict:
    print("== page loads beside 20 students exporting figures of the integrated view (moa-explorer serve)")
    from loadtest import Site

    results = {}
    with Server("waitress") as server:
        site = Site(server.url)
        asyncio.run(page_loads(server.port, 1.0))  # warm up
        idle, _ = asyncio.run(page_loads(server.port, seconds))
        results["idle"] = p95(idle)
        rss_idle = server.rss_mb()
        print(f"  idle: page load p95 {ms(p95(idle))} ({len(idle)} loads); server memory {rss_idle:.0f} MB")
        for label, same, think in (("20 exporters, each a different figure", False, True),
                                   ("20 exporters, the same figure", True, True),
                                   ("20 exporters, different figures, no pause", False, False)):
            peak = [rss_idle]
            exported = {"ok": 0, "busy": 0, "failed": 0}
            waits: dict[str, list[float]] = {}

            async def exporter(i: int, deadline: float, same=same, think=think, exported=exported,
                               waits=waits):
                n = 0
                await asyncio.sleep(i * 0.02)
                while time.perf_counter() < deadline:
                    if think and n:
                        await asyncio.sleep(0.5 + (i * 37 + n * 11) % 100 / 100)  # a student: 0.5-1.5 s
                    drug = site.drugs[0 if same else (i * 7 + n) % len(site.drugs)]
                    button = "figure-pdf" if (same or (i + n) % 2) else "figure-png"
                    view = {**site.view, "hypothesis": "integrated", "drug": drug}
                    started = time.perf_counter()
                    reader_status = await _export(server.port, _export_body(site, view, button))
                    exported[reader_status] += 1
                    waits.setdefault(reader_status, []).append(time.perf_counter() - started)
                    n += 1

            async def watch(deadline: float, peak=peak):
                while time.perf_counter() < deadline:
                    peak.append(server.rss_mb())
                    await asyncio.sleep(0.5)

            async def run():
                deadline = time.perf_counter() + seconds
                tasks = [asyncio.create_task(exporter(i, deadline)) for i in range(20)]
                tasks.append(asyncio.create_task(watch(deadline)))
                await asyncio.sleep(0.5)
                loads = await page_loads(server.port, seconds - 0.5)
                await asyncio.gather(*tasks)
                return loads

            loads, failures = asyncio.run(run())
            results[label] = (p95(loads), max(peak))
            print(f"  {label}: page load p95 {ms(p95(loads))} ({p95(loads) / p95(idle):.1f}x idle), "
                  f"{len(loads)} loads, {failures} failed; peak memory {max(peak):.0f} MB")
            print("    exports: " + ", ".join(f"{n} {status} (p50 {ms(statistics.median(waits[status])).strip()})"
                                          for status, n in exported.items() if n))
        results["after"] = server.rss_mb()
        print(f"  memory after the exports (server + drawing process): {results['after']:.0f} MB")
    return results


async def _export(port: int, body: bytes) -> str:
    """POST an export; 'ok' (a file), 'busy' (asked to retry) or 'failed'."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 120)
        writer.close()
    except (TimeoutError, OSError):
        return "failed"
    if not raw.startswith(b"HTTP/1.1 200"):
        return "failed"
    return "ok" if b'"content"' in raw else "busy"


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                     "--disable-dev-shm-usage", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wire_bytes(url: str, condition: str) -> tuple[int, int]:
    """Bytes on the wire (headers and compressed bodies) and requests for a first visit to ``url``."""
    driver = _browser()  # a new browser: an empty cache
    try:
        driver.get(url)
        start = time.perf_counter()
        while not driver.execute_script(f"return Boolean({condition});"):
            if time.perf_counter() - start > 30:
                raise TimeoutError(condition)
            time.sleep(0.05)
        time.sleep(1.5)  # late async chunks
        total, count = 0, 0
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.loadingFinished":
                total += message["params"]["encodedDataLength"]
                count += 1
        return total, count
    finally:
        driver.quit()


BARE_DRAWN = "document.getElementById('o') && document.getElementById('o').textContent"
OURS_DRAWN = ("document.querySelector('#graph canvas') && document.getElementById('drug-panel') && "
              "document.getElementById('drug-panel').textContent.includes('increased')")
DEEP_LINK = "/?hypothesis=disinhibition&drug=ketamine"


def section_page() -> dict:
    print("== the page in headless Chromium, beside a bare Dash page, both served by waitress")
    from bench import _time_until

    results = {}
    with Server("waitress", "bare") as bare, Server("waitress") as ours:
        bare_bytes, bare_requests = wire_bytes(bare.url + "/", BARE_DRAWN)
        ours_bytes, ours_requests = wire_bytes(ours.url + DEEP_LINK, OURS_DRAWN)
        results["bytes"] = (ours_bytes, bare_bytes)
        print(f"  first visit on the wire, bare Dash page (baseline) {bare_bytes / 1024:8.0f} KB "
              f"in {bare_requests} requests")
        print(f"  first visit on the wire, ketamine deep link        {ours_bytes / 1024:8.0f} KB "
              f"in {ours_requests} requests")
        driver = _browser()
        try:
            _time_until(driver, bare.url + "/", BARE_DRAWN)
            _time_until(driver, ours.url + DEEP_LINK, OURS_DRAWN)  # warm both
            bare_times, ours_times = [], []
            for _ in range(7):  # interleaved, so that drift hits both alike
                bare_times.append(_time_until(driver, bare.url + "/", BARE_DRAWN))
                ours_times.append(_time_until(driver, ours.url + DEEP_LINK, OURS_DRAWN))
        finally:
            driver.quit()
        bare_time, ours_time = statistics.median(bare_times), statistics.median(ours_times)
        results["deep link"] = (ours_time, bare_time)
        print(f"  bare Dash page, first callback rendered (baseline) {ms(bare_time)}")
        print(f"  deep link: graph drawn, effects shown               {ms(ours_time)}   ({ours_time / bare_time:.2f}x)")
    return results


def section_students(seconds: float = 20.0, clients: int = 200, rounds: int = 2) -> dict:
    print(f"== {clients} students under `moa-explorer serve`, beside a bare Dash app; {rounds} rounds of "
          f"{seconds:.0f} s each, interleaved")
    import loadtest

    p95s: dict[str, list[float]] = {"bare": [], "ours": []}
    for _ in range(rounds):  # interleaved, so that drift on a shared machine hits both alike
        with Server("waitress", "bare") as bare:
            stats = asyncio.run(bare_students(bare, clients, seconds))
            every = [x for values in stats.latencies.values() for x in values]
            p95s["bare"].append(p95(every))
            print(f"  bare Dash, two empty callbacks per click (baseline): p95 {ms(p95(every))}, "
                  f"{len(every)} requests, errors {sum(stats.errors.values())}")
        with Server("waitress") as ours:
            stats = asyncio.run(loadtest.run(ours.url, clients, seconds))
            every = [x for values in stats.latencies.values() for x in values]
            p95s["ours"].append(p95(every))
            print(f"  the explorer, navigate + show_view (+ draw):         p95 {ms(p95(every))}, "
                  f"{len(every)} requests, errors {sum(stats.errors.values())}")
    results = {side: statistics.median(values) for side, values in p95s.items()}
    print(f"  median p95: explorer {ms(results['ours'])}, bare {ms(results['bare'])} "
          f"({results['ours'] / results['bare']:.2f}x)")
    return results


async def bare_students(server: Server, clients: int, seconds: float):
    """Students of the bare app: each click sends its echo callback twice, thinking 1-3 s between."""
    import random

    import loadtest

    stats = loadtest.Stats()
    body = {"output": "o.children", "outputs": {"id": "o", "property": "children"},
            "inputs": [{"id": "i", "property": "value", "value": "b"}], "changedPropIds": ["i.value"]}
    deadline = time.perf_counter() + seconds
    rng = random.Random(7)

    async def student(rng):
        await asyncio.sleep(rng.uniform(0, 3))
        while time.perf_counter() < deadline:
            for name in ("first", "second"):
                start = time.perf_counter()
                status, _ = await loadtest.post("127.0.0.1", server.port, "/_dash-update-component", body)
                stats.add(name, time.perf_counter() - start)
                if status != 200:
                    stats.error(f"HTTP {status}")
            stats.clicks += 1
            await asyncio.sleep(rng.uniform(1.0, 3.0))

    await asyncio.gather(*(student(random.Random(rng.random())) for _ in range(clients)))
    return stats


def section_targets() -> None:
    print("== the targets of issue 11, each beside its baseline from this run")
    import io
    from contextlib import redirect_stdout

    import bench

    captured = io.StringIO()
    with redirect_stdout(captured):
        cold, switch = bench.measure_app()
    print(captured.getvalue(), end="")
    page = section_page()
    students = section_students()
    exports = section_exports()
    slow = section_slow()
    ours_bytes, bare_bytes = page["bytes"]
    rows = [
        ("first visit on the wire", f"{ours_bytes / 1024:.0f} KB", f"bare Dash {bare_bytes / 1024:.0f} KB",
         "<= 700 KB", ours_bytes <= 700 * 1024),
        ("deep link to graph and effects", ms(page["deep link"][0]).strip(), f"bare {ms(page['deep link'][1]).strip()}",
         "<= 2x", page["deep link"][0] <= 2 * page["deep link"][1]),
        ("cold start", ms(cold[0]).strip(), f"bare {ms(cold[1]).strip()}", "<= 1.5x", cold[0] <= 1.5 * cold[1]),
        ("drug switch", ms(switch[0]).strip(), f"two empty {ms(switch[1]).strip()}", "<= 1.5x",
         switch[0] <= 1.5 * switch[1]),
        ("200 students, p95", ms(students["ours"]).strip(), f"bare {ms(students['bare']).strip()}", "<= 3x",
         students["ours"] <= 3 * students["bare"]),
        ("page p95, 20 exporters (all different)", ms(exports["20 exporters, each a different figure"][0]).strip(),
         f"idle {ms(exports['idle']).strip()}", "<= 3x",
         exports["20 exporters, each a different figure"][0] <= 3 * exports["idle"]),
        ("page p95, 64 slow clients (waitress)", ms(slow[("waitress", 64)][0]).strip(),
         f"none {ms(slow[('waitress', 0)][0]).strip()}", "no failures", slow[("waitress", 64)][2] == 0),
    ]
    print()
    print(f"  {'target':<40} {'ours':>12} {'baseline':>24} {'goal':>12}  met")
    for what, figure, baseline, goal, met in rows:
        print(f"  {what:<40} {figure:>12} {baseline:>24} {goal:>12}  {'yes' if met else 'NO'}")
    print(f"  ratios: deep link {page['deep link'][0] / page['deep link'][1]:.2f}x, cold start "
          f"{cold[0] / cold[1]:.2f}x, drug switch {switch[0] / switch[1]:.2f}x, 200 students "
          f"{students['ours'] / students['bare']:.2f}x")


def distinct_views(site, count: int) -> list[dict]:
    """``count`` different views a class could open: every hypothesis (the integrated one
    first: its answers are the largest), every node or none, every drug, mechanisms on or off."""
    from explorer import build_graphs, load_knowledge_base

    graphs = build_graphs(load_knowledge_base())
    views = []
    for hypothesis in sorted(graphs, key=lambda h: h != "integrated"):
        for node in (None, *graphs[hypothesis]):
            for drug in site.drugs:
                for mechanisms in (False, True):
                    views.append({**site.view, "hypothesis": hypothesis, "drug": drug, "node": node,
                                  "mechanisms": mechanisms})
    return views[:count]


def section_memory(views: int = 6000) -> dict:
    print(f"== server memory through {views:,} distinct views and 490 figure downloads (moa-explorer serve)")
    from urllib.parse import quote, urlencode

    from loadtest import Site, post

    from explorer.serving.limits import CACHE_BYTES, MB, MEMORY_BOUND

    with Server("waitress") as server:
        site = Site(server.url)
        asyncio.run(page_loads(server.port, 1.0))  # the page and its bundles, compressed once
        idle = server.rss_mb()
        chosen = distinct_views(site, views)
        figures = [(h, d, b) for h in site.hypotheses for d in site.drugs for b in ("figure-png", "figure-pdf")]
        samples: list[tuple[int, float]] = [(0, idle)]
        done = [0]
        failures = {"views": 0, "figures": 0}

        async def browse(worker: int, workers: int):
            for i in range(worker, len(chosen), workers):
                view = chosen[i]
                query = "?" + urlencode([(k, view[k]) for k in ("hypothesis", "drug", "node") if view[k]],
                                        quote_via=quote)
                values = {"url.search": query, "view.data": view, "hypothesis.value": view["hypothesis"],
                          "drug.value": view["drug"], "show-mechanisms.value": ["on"] if view["mechanisms"] else []}
                for output, changed in (("view.data", "url.search"), ("graph.stylesheet", "view.data")):
                    status, _ = await post("127.0.0.1", server.port, "/_dash-update-component",
                                           site.body(output, values, changed))
                    failures["views"] += status != 200
                done[0] += 1

        async def export():
            for hypothesis, drug, button in figures:
                view = {**site.view, "hypothesis": hypothesis, "drug": drug}
                failures["figures"] += await _export(server.port, _export_body(site, view, button)) != "ok"

        async def watch(finished: asyncio.Event):
            while not finished.is_set():
                samples.append((done[0], server.rss_mb()))
                await asyncio.sleep(0.5)

        async def run():
            finished = asyncio.Event()
            watcher = asyncio.create_task(watch(finished))
            started = time.perf_counter()
            await asyncio.gather(export(), *(browse(w, 4) for w in range(4)))
            finished.set()
            await watcher
            return time.perf_counter() - started

        spent = asyncio.run(run())
        after = server.rss_mb()
    peak = max(rss for _, rss in samples)
    budgets = sum(CACHE_BYTES.values()) / MB
    print(f"  idle, page loaded once: {idle:.0f} MB (server and drawing process; the caches' budgets sum to "
          f"{budgets:.0f} MB)")
    for mark in range(1000, views + 1, 1000):
        reached = [rss for count, rss in samples if count <= mark]
        print(f"  through {mark:>5,} views: at most {max(reached):.0f} MB")
    print(f"  {len(chosen):,} views ({2 * len(chosen):,} requests) and {len(figures)} figures in {spent:.0f} s, "
          f"{failures['views']} + {failures['figures']} failed")
    print(f"  peak {peak:.0f} MB, after {after:.0f} MB; bound {MEMORY_BOUND / MB:.0f} MB: "
          f"{'met' if peak < MEMORY_BOUND / MB else 'NOT met'}")
    return {"idle": idle, "peak": peak, "after": after}


async def trickler(port: int, deadline: float, outcome: dict) -> None:
    """A socket that sends a request's headers a byte a second and never finishes them;
    when the server closes it, it notes the answer and connects again a second later."""
    while time.perf_counter() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.1", 0))
        except OSError:
            outcome["connect failed"] = outcome.get("connect failed", 0) + 1
            await asyncio.sleep(1.0)
            continue
        answer = b""
        try:
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while time.perf_counter() < deadline:
                writer.write(b"X")
                await writer.drain()
                try:
                    answer = await asyncio.wait_for(reader.read(100), 1.0)
                except TimeoutError:
                    continue
                break
        except OSError:
            pass
        finally:
            writer.close()
        if answer or time.perf_counter() < deadline:
            status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "closed"
            outcome[status] = outcome.get(status, 0) + 1
            await asyncio.sleep(1.0)


def section_trickle(sockets: int = 1000, seconds: float = 20.0) -> dict:
    print(f"== page loads from 127.0.0.2 beside {sockets:,} sockets trickling header bytes from 127.0.0.1")
    results = {}
    for kind, label in (("waitress", "moa-explorer serve"), ("plain-waitress", "plain waitress, same settings")):
        with Server(kind) as server:
            asyncio.run(page_loads(server.port, 1.0, source="127.0.0.2"))  # warm up
            idle, idle_failed = asyncio.run(page_loads(server.port, 8.0, source="127.0.0.2"))

            async def run(port=server.port):
                outcome: dict = {}
                deadline = time.perf_counter() + seconds + 5
                tasks = [asyncio.create_task(trickler(port, deadline, outcome)) for _ in range(sockets)]
                await asyncio.sleep(3.0)  # let them connect and start trickling
                loads = await page_loads(port, seconds, source="127.0.0.2")
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                return loads, outcome

            (loads, failed), outcome = asyncio.run(run())
            results[kind] = (p95(idle), p95(loads), failed)
            print(f"  {label:<30} idle: p95 {ms(p95(idle))} ({len(idle)} loads, {idle_failed} failed); "
                  f"beside {sockets:,}: p95 {ms(p95(loads))} ({len(loads)} loads, {failed} failed or timed out)")
            print("    the trickling sockets' answers: "
                  + (", ".join(f"{n} {status}" for status, n in sorted(outcome.items())) or "none (all held)"))
    return results


SECTIONS = {"slow": section_slow, "exports": section_exports, "page": section_page,
            "students": section_students, "targets": section_targets, "memory": section_memory,
            "trickle": section_trickle}


def main(argv: list[str]) -> None:
    for name in argv or ["targets"]:
        SECTIONS[name]()
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
