"""Every cache the server keeps is bounded in bytes, and the bounds live in one place."""

from __future__ import annotations

import ast
import sys
import tracemalloc
from pathlib import Path

import pytest

from explorer.serving import limits
from explorer.serving.limits import CACHE_BYTES, ENTRY_BYTES, BoundedCache, footprint
from explorer.views import View

EXPLORER = Path(__file__).resolve().parents[1] / "explorer"


def varied_values(n: int):
    """Keys and values of the kinds the server keeps: bytes, text, views, nested JSON, tiny ones."""
    for i in range(n):
        kind = i % 5
        if kind == 0:
            yield i.to_bytes(20, "big"), b"x" * (i % 3000)
        elif kind == 1:
            yield ("disinhibition", f"drug-{i}", "svg"), "é" * (i % 500)
        elif kind == 2:
            yield (View("integrated", f"d{i}"), "step", ("value", i)), (View("integrated", f"d{i}", step=i), [])
        elif kind == 3:
            yield ("dict", (("hypothesis", f"h{i}"), ("drug", None))), {"a": [1, 2, {"b": f"{i}" * 40}]}
        else:
            yield i, i


def test_a_cache_never_holds_more_than_its_budget_measured_by_the_allocator():
    budget = 256 * 1024
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        cache = BoundedCache(budget)
        for key, value in varied_values(20_000):
            cache.put(key, value)
            assert cache.size <= budget
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(cache) > 100  # it is in use, and full
    assert cache.size > budget * 0.9
    # What the process really holds for the cache (entries, keys, values, the table) is
    # within the budget: the charge per entry covers the OrderedDict's own bookkeeping.
    assert held <= budget, f"the cache holds {held:,} bytes for a budget of {budget:,}"


def test_the_bookkeeping_charge_covers_many_tiny_entries():
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        cache = BoundedCache(10**9)
        for i in range(20_000):
            cache.put(i, None)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held <= cache.size and cache.size == 20_000 * (ENTRY_BYTES + sys.getsizeof(0) + sys.getsizeof(None))


def test_least_recently_used_goes_first_and_a_huge_entry_is_not_kept():
    each = BoundedCache.cost(1, b"x" * 100)
    cache = BoundedCache(3 * each, max_entry=2 * each)
    for key in (1, 2, 3):
        cache.put(key, b"x" * 100)
    assert cache.get(1) == b"x" * 100  # now the most recent
    cache.put(4, b"x" * 100)
    assert 2 not in cache and {1, 3, 4} <= set(cache._items)
    assert cache.put(5, b"x" * cache.max_bytes) is False and 5 not in cache and len(cache) == 3


def test_footprint_counts_what_a_value_holds():
    text = "x" * 1000
    assert footprint(text) == sys.getsizeof(text)
    assert footprint([text, text]) == sys.getsizeof([text, text]) + sys.getsizeof(text)  # once
    assert footprint({"k": (text,)}) >= 1000 + sys.getsizeof({"k": 1})
    view = View("disinhibition", "ketamine")
    assert footprint(view) > sys.getsizeof(view) + sys.getsizeof(view.__dict__)


def test_remember_keeps_answers_by_argument():
    calls = []
    cache = BoundedCache(64 * 1024)

    @cache.remember
    def double(x):
        calls.append(x)
        return 2 * x

    assert [double(2), double(2), double(3)] == [4, 4, 6] and calls == [2, 3] and cache.hits == 1


def test_every_cache_of_the_app_has_its_budget_from_limits(kb):
    from explorer.app import create_app

    app = create_app(kb)
    assert set(app.caches) == set(CACHE_BYTES)
    for name, cache in app.caches.items():
        assert isinstance(cache, BoundedCache) and cache.max_bytes == CACHE_BYTES[name], name


def test_no_unbounded_memo_in_the_server(kb):
    """functools' caches in the app, its views and the serving package: only on functions
    without arguments (built once); every other cache is a BoundedCache of limits.py."""
    found = []
    for path in [EXPLORER / "app.py", *(EXPLORER / "views").glob("*.py"), *(EXPLORER / "serving").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    name = ast.unparse(decorator)
                    if ("lru_cache" in name or name.endswith("cache")) and "remember" not in name \
                            and (node.args.args or node.args.vararg or node.args.kwonlyargs):
                        found.append(f"{path.name}:{node.lineno} {node.name} ({name})")
    assert found == []


def test_the_app_s_caches_stay_within_tiny_budgets_through_many_views(kb, graphs, monkeypatch):
    """With every budget at 64 KB, 400 distinct views leave each cache full but within its budget."""
    from explorer.app import create_app

    for name in CACHE_BYTES:
        monkeypatch.setitem(CACHE_BYTES, name, 64 * 1024)
    app = create_app(kb)
    client = app.server.test_client()
    assert client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"}).status_code == 200
    dependencies = client.get("/_dash-dependencies").get_json()
    show = next(cb for cb in dependencies if "graph.stylesheet" in cb["output"])
    navigate = next(cb for cb in dependencies if cb["output"].startswith("..url.search"))
    views = [View(h, d, node=n).to_dict() for h in graphs for d in list(kb.drugs)[:8] for n in [None, *graphs[h]]]
    assert len(views) >= 400
    for view in views[:400]:
        body = {"output": show["output"], "outputs": _outputs(show["output"]),
                "inputs": [{"id": "view", "property": "data", "value": view}], "changedPropIds": ["view.data"]}
        assert client.post("/_dash-update-component", json=body).status_code == 200
        inputs = [{"id": i["id"], "property": i["property"],
                   "value": f"?hypothesis={view['hypothesis']}&drug={view['drug']}" if i["id"] == "url" else None}
                  for i in navigate["inputs"]]
        state = [{"id": s["id"], "property": s["property"], "value": view if s["id"] == "view" else None}
                 for s in navigate["state"]]
        body = {"output": navigate["output"], "outputs": _outputs(navigate["output"]), "inputs": inputs,
                "state": state, "changedPropIds": ["url.search"]}
        assert client.post("/_dash-update-component", json=body).status_code == 200, body
    for name, cache in app.caches.items():
        assert cache.size <= 64 * 1024, (name, cache.size)
    assert app.caches["answers"].size > 32 * 1024 and app.caches["views"].size > 32 * 1024
    assert app.caches["moves"].size > 32 * 1024 and app.caches["compressed"].size > 0


def _outputs(spec: str):
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    outputs = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]
    return outputs if spec.startswith("..") else outputs[0]


@pytest.mark.parametrize("name", sorted(CACHE_BYTES))
def test_each_budget_is_listed_in_the_readme(name):
    readme = (EXPLORER.parent / "README.md").read_text(encoding="utf-8")
    assert f"{CACHE_BYTES[name] // limits.MB} MB" in readme and f"`{name}`" in readme
