"""Lighthouse on the deep link, for the mobile and desktop presets: accessibility, performance,
CLS, LCP, TBT and the bytes transferred, each the median of three runs, for the explorer and,
in the same run, its baseline: a bare Dash page (one callback from the URL, plain waitress, no
compression: ``benchmarks/bare_app.py``). Issue 19's targets are printed beside them.

    python benchmarks/lighthouse.py                 # the explorer and the bare page, both presets
    python benchmarks/lighthouse.py --runs 5 --categories accessibility
    python benchmarks/lighthouse.py --one-file      # the one-file explorer the app serves, and the file
                                                    # over plain http.server (uncompressed)

It starts ``moa-explorer serve`` on a free port of 127.0.0.1 and runs Lighthouse 12.2.3 through
npx (Node 20: Lighthouse 13 needs Node 22) in Debian's headless Chromium (``CHROME_PATH``).
Not a test: nothing here asserts a figure. ``serving``, ``lighthouse`` and ``report`` are meant
to be reused (another server command, such as ``benchmarks/serve_app.py bare PORT``, is one
argument of ``serving``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence

LIGHTHOUSE = "lighthouse@12.2.3"
DEEP_LINK = "/?hypothesis=disinhibition&drug=ketamine"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
#: What is printed for each preset: (label, how to read it from Lighthouse's report, unit).
FIGURES = (
    ("accessibility", lambda r: r["categories"].get("accessibility", {}).get("score"), "score"),
    ("performance", lambda r: r["categories"].get("performance", {}).get("score"), "score"),
    ("CLS", lambda r: r["audits"]["cumulative-layout-shift"].get("numericValue"), ""),
    ("LCP", lambda r: r["audits"]["largest-contentful-paint"].get("numericValue"), "ms"),
    ("TBT", lambda r: r["audits"]["total-blocking-time"].get("numericValue"), "ms"),
    ("sent", lambda r: r["audits"].get("total-byte-weight", {}).get("numericValue"), "bytes"),
)
#: Issue 19's targets, by preset (a first visit of the deep link: ``sent``, compressed bytes).
TARGETS = {
    "mobile": "performance >= 90 · CLS <= 0.1 · LCP <= 2500 ms · TBT <= 200 ms · sent <= 700 KB · accessibility 100",
    "desktop": "performance >= 95 · CLS <= 0.1 · accessibility 100",
}
HERE = os.path.dirname(os.path.abspath(__file__))
#: The baseline's server: the bare Dash page on plain waitress, uncompressed.
BARE = [sys.executable, os.path.join(HERE, "serve_app.py"), "bare", "{port}", "--plain"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(command: Sequence[str] | None = None, timeout: float = 60) -> Iterator[str]:
    """A server for the duration: ``command`` (``{port}`` in it is replaced by a free port;
    default ``moa-explorer serve``); yields its base URL once it answers."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in
               (command or [sys.executable, "-m", "explorer", "serve", "--port", "{port}"])]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {' '.join(command)}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def lighthouse(url: str, preset: str, categories: Sequence[str]) -> dict:
    """One Lighthouse run's report (JSON), ``preset`` ``mobile`` (Lighthouse's default) or ``desktop``."""
    npx = shutil.which("npx")
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if npx is None or chrome is None:
        raise SystemExit("needs npx (Node 20) and Chromium on the PATH")
    command = [npx, "--yes", LIGHTHOUSE, url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    for attempt in range(3):   # Lighthouse sometimes loses a trace (NO_NAVSTART) and asks to run again
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome},
                              timeout=300, check=False)
        if done.returncode == 0:
            return json.loads(done.stdout)
        print(f"    (lighthouse failed, attempt {attempt + 1} of 3: {done.stderr.strip()[-200:]})", file=sys.stderr)
    raise SystemExit(f"lighthouse failed ({done.returncode}): {done.stderr[-800:]}")


def medians(reports: Sequence[dict]) -> dict[str, float | None]:
    """Each figure's median over the runs (None where Lighthouse gave none)."""
    out = {}
    for label, read, _ in FIGURES:
        values = [v for v in (read(r) for r in reports) if v is not None]
        out[label] = statistics.median(values) if values else None
    return out


def report(name: str, figures: dict[str, float | None]) -> str:
    def shown(label: str, unit: str) -> str:
        value = figures[label]
        if value is None:
            return f"{label} –"
        if unit == "score":
            return f"{label} {round(value * 100)}"
        if unit == "bytes":
            return f"{label} {value / 1024:.0f} KB"
        return f"{label} {value:.0f} ms" if unit == "ms" else f"{label} {value:.3f}"
    return f"  {name:<28} " + " · ".join(shown(label, unit) for label, _, unit in FIGURES)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--categories", default="accessibility,performance")
    parser.add_argument("--path", default=DEEP_LINK, help="the page, as a path and query")
    parser.add_argument("--one-file", action="store_true",
                        help="the one-file explorer: served by the app (/explorer.html) and, as the baseline, "
                             "the file `moa-explorer export` writes, over plain `python -m http.server`")
    args = parser.parse_args(argv)
    categories = args.categories.split(",")
    with contextlib.ExitStack() as stack:
        if args.one_file:
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            subprocess.run([sys.executable, "-m", "explorer", "export", "-o", os.path.join(folder, "explorer.html")],
                           check=True, stdout=subprocess.DEVNULL)
            path, names = "/explorer.html", ("one-file, from the app", "one-file, plain http.server")
            baseline = [sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1", "--directory", folder]
        else:
            path, names, baseline = args.path, ("the explorer", "bare Dash (baseline)"), BARE
        print(f"== Lighthouse ({LIGHTHOUSE}) on {path}: median of {args.runs}")
        ours, bare = stack.enter_context(serving()), stack.enter_context(serving(baseline))
        for preset in ("mobile", "desktop"):
            print(f"-- {preset}; targets: {TARGETS[preset]}")
            # The two alternate, so that the machine's load falls on both alike.
            runs: dict[str, list[dict]] = {name: [] for name in names}
            for _ in range(args.runs):
                for name, base in zip(names, (ours, bare), strict=True):
                    runs[name].append(lighthouse(base + path, preset, categories))
            for name, reports in runs.items():
                print(report(name, medians(reports)))


if __name__ == "__main__":
    main()
