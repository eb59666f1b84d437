"""Benchmarks: figures printed beside a baseline measured in the same run.

    python benchmarks/bench.py            # everything
    python benchmarks/bench.py engine     # one section: load, explain, engine, app, browser, export, bundle,
                                          # quiz, batch

Not a test: nothing here asserts a time. Each figure is the median of several runs.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer import (
    DATA_DIR,
    SignedIndex,
    build_graphs,
    explain,
    highlight,
    load_knowledge_base,
    predict_effects,
)


def median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def section_load() -> None:
    print("== load + validate the curated data")
    files = sorted(DATA_DIR.rglob("*.toml"))
    parse_only = median_time(lambda: [tomllib.loads(p.read_text()) for p in files], repeat=21)
    full = median_time(load_knowledge_base, repeat=21)
    print(f"  parse the {len(files)} TOML files only (baseline) {ms(parse_only)}")
    print(f"  load + validate into records                 {ms(full)}   ({full / parse_only:.1f}× the parse)")
    kb = load_knowledge_base()
    graphs_time = median_time(lambda: build_graphs(kb))
    print(f"  build the 7 graphs                           {ms(graphs_time)}")


def section_explain() -> None:
    print("== explain: every drug × every hypothesis (and the integrated view)")
    kb = load_knowledge_base()
    graphs = build_graphs(kb)
    ids = [*kb.hypotheses, "integrated"]
    pairs = len(kb.drugs) * len(ids)
    total = median_time(lambda: [explain(kb, graphs, d, ids) for d in kb.drugs.values()])
    print(f"  {pairs} drug × hypothesis explanations       {ms(total)}   ({total / pairs * 1e6:.0f} µs each)")


def synthetic(edges: int, seed: int = 1) -> tuple[nx.DiGraph, list, list]:
    """A layered signed graph with about ``edges`` edges, cross-links and back edges (cycles)."""
    rng = random.Random(seed)
    nodes = max(edges // 4, 10)
    layers = max(int(nodes ** 0.5), 3)
    width = nodes // layers
    graph = nx.DiGraph()
    layer_of = [i // width for i in range(layers * width)]
    seen: set[tuple[int, int]] = set()  # (graph.number_of_edges() is O(V): too slow here)
    while len(seen) < edges:
        u = rng.randrange(len(layer_of))
        lu = layer_of[u]
        if rng.random() < 0.9 and lu + 1 < layers:   # mostly forward, to the next layer
            v = rng.randrange((lu + 1) * width, (lu + 2) * width)
        else:                                        # sometimes back: cycles
            v = rng.randrange(0, (lu + 1) * width)
        if u != v and (u, v) not in seen:
            seen.add((u, v))
            graph.add_edge(u, v, sign=rng.choice((1, -1)))
    sources = list(range(3))
    sinks = list(range((layers - 1) * width, (layers - 1) * width + 2))
    return graph, sources, sinks


def _enumerate_paths(graph, sources, sinks, counter) -> None:
    for source in sources:
        for _ in nx.all_simple_paths(graph, source, sinks):
            with counter.get_lock():
                counter.value += 1


def count_simple_paths(graph, sources, sinks, budget: float) -> tuple[int, float, bool]:
    """Enumerate simple paths in a child process, stopped after ``budget`` seconds."""
    counter = multiprocessing.Value("q", 0)
    child = multiprocessing.Process(target=_enumerate_paths, args=(graph, sources, sinks, counter))
    start = time.perf_counter()
    child.start()
    child.join(budget)
    finished = not child.is_alive()
    if not finished:
        child.kill()
        child.join()
    return counter.value, min(time.perf_counter() - start, budget), finished


def section_engine(sizes=(1_000, 10_000, 100_000), budget: float = 3.0) -> None:
    print("== engine on synthetic signed graphs (with cycles), beside nx.all_simple_paths")
    print(f"  {'edges':>8} {'nodes':>7} {'highlight+signed effect':>24} {'all_simple_paths':>36}")
    for size in sizes:
        graph, sources, sinks = synthetic(size)
        readouts = {f"R{i}": s for i, s in enumerate(sinks)}
        seeds = {s: (-1,) for s in sources}

        compile_time = median_time(lambda graph=graph: SignedIndex(graph), repeat=3)
        index = SignedIndex(graph)

        def query(graph=graph, sources=sources, sinks=sinks, seeds=seeds, readouts=readouts, index=index):
            highlight(graph, sources, sinks, index=index)
            return predict_effects(graph, seeds, readouts, index=index)

        ours = median_time(query)
        count, spent, finished = count_simple_paths(graph, sources, sinks, budget)
        baseline = (f"{count:,} paths in {spent:.2f} s" if finished
                    else f"≥{count:,} paths, stopped at {spent:.1f} s")
        ratio = f"{spent / ours:,.0f}×" if finished else f"≥{spent / ours:,.0f}×"
        print(f"  {graph.number_of_edges():>8,} {graph.number_of_nodes():>7,} {ms(ours):>24}"
              f"   {baseline:>33}   ({ratio} ours)   [index built once: {ms(compile_time).strip()}]")


def _subprocess_time(code: str, repeat: int = 5) -> float:
    import subprocess

    return median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat)


BARE_APP = ("import dash; from dash import html; app = dash.Dash(__name__); "
            "app.layout = html.Div('hello'); app.server")


def empty_callback_app():
    """The baseline: a Dash app whose one callback returns its input."""
    import dash
    from dash import Input, Output, dcc, html

    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Input(id="i", value="a"), html.Div(id="o")])

    @app.callback(Output("o", "children"), Input("i", "value"))
    def echo(value):
        return value

    return app


def section_app() -> None:
    measure_app()


def measure_app() -> tuple[tuple[float, float], tuple[float, float]]:
    """Cold start and drug switch, printed; returns ((ours, bare), (switch, two empty callbacks))."""
    print("== the app: cold start and the drug-switch callback, beside bare Dash")
    # Interleaved, so that drift on a shared machine hits both alike.
    bare_times, our_times = [], []
    for _ in range(7):
        bare_times.append(_subprocess_time(BARE_APP, repeat=1))
        our_times.append(_subprocess_time("from explorer.app import create_app; create_app().server", repeat=1))
    cold_bare, cold_ours = statistics.median(bare_times), statistics.median(our_times)
    print(f"  cold start, bare Dash app (baseline)         {ms(cold_bare)}")
    print(f"  cold start, import + load + validate + app   {ms(cold_ours)}   ({cold_ours / cold_bare:.2f}× bare)")

    import json

    from explorer.app import create_app
    from explorer.serving import harden

    empty_client = harden(empty_callback_app()).server.test_client()
    empty_body = json.dumps({"output": "o.children", "outputs": {"id": "o", "property": "children"},
                             "inputs": [{"id": "i", "property": "value", "value": "b"}],
                             "changedPropIds": ["i.value"]})

    app = create_app()
    client = app.server.test_client()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from loadtest import Site, find

    layout = client.get("/_dash-layout").get_json()
    site = Site.__new__(Site)
    site.dependencies = client.get("/_dash-dependencies").get_json()
    site.callbacks = {cb["output"]: cb for cb in site.dependencies}
    view = find(layout, "view")["data"]
    drugs = [o["value"] for o in find(layout, "drug")["options"]]

    def post(body: str):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 200, response.data[:200]
        return response.get_json()

    bodies = []
    for drug in drugs:
        values = {"hypothesis.value": view["hypothesis"], "drug.value": drug, "view.data": view,
                  "url.search": ""}
        new_view = post(json.dumps(site.body("view.data", values, "drug.value")))["response"]["view"]["data"]
        values.update({"view.data": new_view, "show-mechanisms.aria-checked": "false"})
        bodies.append((json.dumps(site.body("view.data", values, "drug.value")),
                       json.dumps(site.body("graph.stylesheet", values, "view.data"))))

    def switch_all():
        for navigate, show in bodies:
            post(navigate)
            post(show)

    def empty_all():
        for _ in bodies:
            empty_client.post("/_dash-update-component", data=empty_body, content_type="application/json")
            empty_client.post("/_dash-update-component", data=empty_body, content_type="application/json")

    ours_times, empty_times = [], []
    for _ in range(15):  # interleaved, like the cold starts
        empty_times.append(median_time(empty_all, repeat=1))
        ours_times.append(median_time(switch_all, repeat=1))
    ours = statistics.median(ours_times) / len(bodies)
    empty = statistics.median(empty_times) / len(bodies)
    # The first switch to each view, in a fresh app: nothing remembered yet.
    fresh = create_app().server.test_client()
    start = time.perf_counter()
    for navigate, show in bodies:
        for body in (navigate, show):
            assert fresh.post("/_dash-update-component", data=body,
                              content_type="application/json").status_code == 200
    first = (time.perf_counter() - start) / len(bodies)
    print(f"  two empty Dash callbacks (baseline)          {ms(empty)}")
    print(f"  drug switch: navigate + show_view           {ms(ours)}   ({ours / empty:.2f}× empty; answers remembered)")
    print(f"  first switch to each drug, fresh app        {ms(first)}   ({first / empty:.2f}× empty)")
    return (cold_ours, cold_bare), (ours, empty)


def section_export() -> None:
    print("== figure export")
    from explorer.figure import figure_bytes

    kb = load_knowledge_base()
    graphs = build_graphs(kb)
    for hypothesis in ("disinhibition", "integrated"):
        for fmt in ("svg", "png", "pdf", "pptx"):
            spent = median_time(lambda h=hypothesis, f=fmt: figure_bytes(kb, graphs, h, "ketamine", f))
            print(f"  {hypothesis:<14} + ketamine, {fmt.upper():<4}        {ms(spent)}")
        spent = median_time(lambda h=hypothesis: figure_bytes(kb, graphs, h, "ketamine", "svg", preset="slide"))
        print(f"  {hypothesis:<14} + ketamine, SVG slide  {ms(spent)}")
    from explorer.figure.deck import deck_bytes

    floor = median_time(_empty_deck)
    spent = median_time(lambda: deck_bytes(kb, graphs, "ketamine"))
    every = median_time(lambda: [deck_bytes(kb, graphs, drug) for drug in kb.drugs], repeat=3) / len(kb.drugs)
    print(f"  empty python-pptx deck, 8 slides (baseline) {ms(floor)}")
    print(f"  ketamine's deck (8 slides), PPTX        {ms(spent)}   ({spent / floor:.1f}× the empty deck)")
    print(f"  every drug's deck ({len(kb.drugs)}), each            {ms(every)}   ({every / floor:.1f}× the empty deck)")


def _empty_deck() -> bytes:
    """The floor under a deck: python-pptx's package, slides, notes and zip, no shapes."""
    import io

    from pptx import Presentation

    from explorer.model import HYPOTHESIS_IDS

    prs = Presentation()
    for i in range(len(HYPOTHESIS_IDS) + 2):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        if 0 < i <= len(HYPOTHESIS_IDS):
            slide.notes_slide.notes_text_frame.text = "notes"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def section_batch() -> None:
    """``export --all``: the whole teaching set, in one process and in a pool, beside
    writing only the SVGs (the batch before issue 10) and the time per kind of file."""
    import os
    import tempfile

    from explorer.export import batch_jobs, export_all, job_bytes

    print("== export --all (the teaching set)")
    kb = load_knowledge_base()
    graphs = build_graphs(kb)
    jobs = batch_jobs(kb, graphs)
    spent_by: dict[str, float] = {}
    count_by: dict[str, int] = {}
    start = time.perf_counter()
    for job in jobs:
        if job.suffix == ".svg":
            job_bytes(kb, graphs, job)
    svg_only = time.perf_counter() - start
    print(f"  SVGs only, {sum(j.suffix == '.svg' for j in jobs)} files, no writing (baseline) {svg_only:8.2f} s")
    for job in jobs[:: max(1, len(jobs) // 120)]:          # a sample of every kind, for the breakdown
        t = time.perf_counter()
        job_bytes(kb, graphs, job)
        spent_by[job.suffix] = spent_by.get(job.suffix, 0.0) + time.perf_counter() - t
        count_by[job.suffix] = count_by.get(job.suffix, 0) + 1
    for suffix in sorted(spent_by, key=lambda k: -spent_by[k] / count_by[k]):
        each = spent_by[suffix] / count_by[suffix]
        files = sum(j.suffix == suffix for j in jobs)
        print(f"  {suffix:<12} {ms(each)} each, ≈{each * files:6.2f} s for the batch's {files}")
    for workers in (1, os.cpu_count() or 1):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            written = export_all(kb, graphs, Path(folder), workers=workers)
            spent = time.perf_counter() - start
        print(f"  export --all, {workers} process(es): {len(written)} files   {spent:8.2f} s")
        if os.cpu_count() == 1:
            break


def section_bundle() -> None:
    """The one-file explorer: build time beside what it cannot avoid, and its size."""
    print("== the one-file explorer (export -o F.html), beside its parts")
    import gzip

    from explorer.bundle import bundle_html
    from explorer.engine import explain_drug
    from explorer.figure import build_scene, scene_svg

    kb = load_knowledge_base()
    graphs = build_graphs(kb)
    figures = median_time(lambda: [scene_svg(build_scene(kb, g, None)) for g in graphs.values()], repeat=3)
    explained = median_time(lambda: [explain_drug(kb, d, g, panels=graphs) for d in kb.drugs.values()
                                     for g in graphs.values()], repeat=3)
    whole = median_time(lambda: bundle_html(kb, graphs), repeat=3)
    page = bundle_html(kb, graphs).encode("utf-8")
    print(f"  the {len(graphs)} views' SVG figures alone (baseline)  {ms(figures)}")
    print(f"  every drug × view explained (baseline)         {ms(explained)}")
    print(f"  the whole file: figures, overlays, panels, page{ms(whole)}   ({whole / figures:.1f}× the figures)")
    print(f"  size: {len(page) / 1e6:.2f} MB ({len(page) / 2**21:.0%} of the 2 MB target), "
          f"{len(gzip.compress(page)) / 1e6:.2f} MB gzipped; {len(kb.drugs)} drugs × {len(graphs)} views")


def section_quiz() -> None:
    """The question banks (export --quiz): the full bank beside explaining what it asks about."""
    print("== question banks (export --quiz -o F.zip|F.xml|F.gift), beside their parts")
    from explorer import banks, quiz
    from explorer.engine import explain_drug

    kb = load_knowledge_base()
    graphs = build_graphs(kb)
    panels = [graphs[h] for h in kb.hypotheses]
    explained = median_time(lambda: [explain_drug(kb, d, g, panels=graphs) for d in kb.drugs.values()
                                     for g in panels], repeat=5)
    bank = quiz.question_bank(kb, graphs)
    built = median_time(lambda: quiz.question_bank(kb, graphs), repeat=5)
    questions = [q for z in bank for q in z.questions]
    graded = sum(q.graded for q in questions)
    print(f"  every drug × panel explained (baseline)        {ms(explained)}")
    print(f"  the bank's questions from the accounts          {ms(built)}   ({built / explained:.1f}× the explaining)"
          f": {len(bank)} quizzes, {len(questions)} questions ({graded} graded, {len(questions) - graded} practice)")
    for name, write in (("QTI 2.1 package (.zip)", banks.package_bytes), ("Moodle XML", banks.moodle_xml),
                        ("GIFT", banks.gift_text)):
        spent = median_time(lambda write=write: write(bank), repeat=5)
        size = len(write(bank) if name.endswith("(.zip)") else write(bank).encode("utf-8"))
        print(f"  {name:<24} written                 {ms(spent)}   ({size / 1e3:.0f} KB)")


def _serve_in_thread(app):
    """Serve a Dash app on a free loopback port in a daemon thread; returns its URL."""
    import logging
    import threading

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def _time_until(driver, url: str, condition: str, timeout: float = 30) -> float:
    """Seconds from asking the browser for ``url`` until the JS ``condition`` holds."""
    driver.get("about:blank")
    start = time.perf_counter()
    driver.get(url)
    while not driver.execute_script(f"return Boolean({condition});"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(condition)
        time.sleep(0.005)
    return time.perf_counter() - start


def section_browser() -> None:
    print("== page open to graph drawn, headless Chromium, beside a bare Dash page")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    from explorer.app import create_app

    bare = empty_callback_app()
    bare_url, bare_server = _serve_in_thread(bare)
    ours_url, ours_server = _serve_in_thread(create_app())
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                     "--disable-dev-shm-usage", "--disable-background-networking"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        _time_until(driver, bare_url, "document.getElementById('o') && document.getElementById('o').textContent")
        drawn = ("document.querySelector('#graph canvas') && document.getElementById('drug-panel') && "
                 "document.getElementById('drug-panel').textContent.includes('increased')")
        _time_until(driver, ours_url + "/?hypothesis=disinhibition&drug=ketamine", drawn)  # warm caches
        bare_time = statistics.median(
            _time_until(driver, bare_url, "document.getElementById('o') && "
                                          "document.getElementById('o').textContent") for _ in range(5))
        ours_time = statistics.median(
            _time_until(driver, ours_url + "/?hypothesis=disinhibition&drug=ketamine", drawn)
            for _ in range(5))
    finally:
        driver.quit()
        bare_server.shutdown()
        ours_server.shutdown()
    print(f"  bare Dash page, first callback rendered (baseline) {ms(bare_time)}")
    print(f"  ketamine deep link: graph drawn, effects shown     {ms(ours_time)}   ({ours_time / bare_time:.2f}× bare)")


def section_validate_chain(length: int = 3_000) -> None:
    """Validate the curated data plus an entity parent chain of ``length``, beside parsing it."""
    import shutil
    import tempfile

    print(f"== validate with a {length:,}-long entity parent chain (the check was O(N³): 41 s)")
    chain = "".join(f'\n[[entity]]\nid = "chain-{i}"\nname = "Chain {i}"\nkind = "receptor"\n'
                    f'parent = "{f"chain-{i + 1}" if i + 1 < length else "nmdar"}"\nsource = "§1"\nrefs = [1]\n'
                    for i in range(length))
    with tempfile.TemporaryDirectory(prefix="moa-bench-") as tmp:
        folder = Path(tmp) / "pathways"
        shutil.copytree(DATA_DIR, folder)
        entities = folder / "entities.toml"
        entities.write_text(entities.read_text(encoding="utf-8") + chain, encoding="utf-8")
        files = sorted(folder.rglob("*.toml"))
        parse_only = median_time(lambda: [tomllib.loads(p.read_text(encoding="utf-8")) for p in files], repeat=11)
        full = median_time(lambda: load_knowledge_base(folder), repeat=11)
    print(f"  parse the {len(files)} TOML files only (baseline) {ms(parse_only)}")
    print(f"  load + validate, {length:,}-long chain        {ms(full)}   ({full / parse_only:.1f}× the parse)")


SECTIONS = {"load": section_load, "explain": section_explain, "engine": section_engine,
            "app": section_app, "browser": section_browser, "export": section_export,
            "bundle": section_bundle, "quiz": section_quiz, "batch": section_batch}


SECTIONS["validate-chain"] = section_validate_chain


def main(argv: list[str]) -> None:
    chosen = argv or list(SECTIONS)
    for name in chosen:
        SECTIONS[name]()
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
