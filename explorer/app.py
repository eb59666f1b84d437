"""The Dash app: the page layout and thin callbacks over :mod:`explorer.views`.

``create_app()`` builds an app; ``run()`` serves it (``moa-explorer serve``);
``explorer.app:server`` is the Flask server for gunicorn, built on first use.
Every script and stylesheet is served by the app itself, so it works offline.
"""

from __future__ import annotations

import functools
import json
import warnings
from typing import Any

import dash_cytoscape as cyto
import plotly.io.json
from dash import Dash, Input, Output, State, ctx, dash_table, dcc, html, no_update

from . import CITATION, engine, views
from .loader import bundled_folder, load_knowledge_base
from .model import KnowledgeBase
from .serving import harden
from .serving.exports import ExportUnavailable, FigureExports

__all__ = ["ASSETS_DIR", "create_app", "run"]

#: Static files: ``explorer/assets`` when installed, the top-level ``assets/`` in a checkout.
ASSETS_DIR = bundled_folder("assets")
TITLE = "Glutamatergic MoA Explorer"
#: Constant, so that changing the overlay never re-runs the layout.
LAYOUT = {"name": "preset", "fit": True, "padding": 30, "animate": False}
#: The inputs of ``navigate``, in order, and the event (see ``views.navigate``) each means.
EVENTS = {"url.search": "url", "hypothesis.value": "hypothesis", "drug.value": "drug",
          "node-select.value": "node", "graph.tapNodeData": "node", "graph.tapEdgeData": "edge",
          "drug-table.active_cell": "table", "matrix.clickData": "matrix"}


def graph_kinds(graph) -> set[str]:
    return {kind for _, kind in graph.nodes(data="kind")}


def _button(label: str, id_: str, title: str) -> html.Button:
    return html.Button(label, id=id_, n_clicks=0, title=title, className="export-button", type="button")


def _data_table(**props) -> dash_table.DataTable:
    """A DataTable, without Dash 4's notice that it will leave the builtin components.

    The brief asks for DataTable's native sorting and filtering, and dash-ag-grid is
    not a dependency; the notice would otherwise print on every start.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\s*The dash_table.DataTable will be removed",
                                category=DeprecationWarning)
        return dash_table.DataTable(**props)


def layout(kb: KnowledgeBase, graphs, matrix) -> html.Div:
    """The page: selectors, the pathway with its panels, Table 1 and the matrix, in tabs."""
    view = views.default_view(kb)
    graph = graphs[view.hypothesis]
    controls = html.Div([
        html.Div([html.Label("Hypothesis", htmlFor="hypothesis"),
                  dcc.Dropdown(id="hypothesis", options=views.hypothesis_options(kb), value=view.hypothesis,
                               clearable=False, searchable=True, maxHeight=400)],
                 className="control control-hypothesis"),
        html.Div([html.Label("Drug", htmlFor="drug"),
                  dcc.Dropdown(id="drug", options=views.drug_options(kb), value=None, clearable=True,
                               searchable=True, placeholder="Pick a drug (name or code)",
                               maxHeight=480)],
                 className="control control-drug"),
        html.Div([html.Span("Download view", className="export-label"),
                  _button("PNG", "export-png", "The graph as shown, highlight included: PNG at twice "
                                               "the screen resolution"),
                  _button("JPG", "export-jpg", "The graph as shown, highlight included: JPG"),
                  html.Span("figure", className="export-label export-figure"),
                  _button("SVG", "figure-svg", "A figure for slides with title, legend and citation: SVG"),
                  _button("PNG", "figure-png", "A figure for handouts with title, legend and citation: PNG"),
                  _button("PDF", "figure-pdf", "A figure with title, legend and citation: PDF"),
                  _button("PPTX", "figure-pptx", "An editable PowerPoint slide: shapes, glued connectors, "
                                                 "legend, citation; the chain in the notes"),
                  dcc.Download(id="figure-download"), html.Span(id="export-status", role="status")],
                 className="control control-export"),
    ], className="controls")
    pathway = html.Div([
        html.Div([
            cyto.Cytoscape(id="graph", elements=views.graph_elements(kb, graph), layout=LAYOUT,
                           stylesheet=views.base_stylesheet(), className="graph", responsive=True,
                           autoungrabify=True, boxSelectionEnabled=False, minZoom=0.3, maxZoom=3,
                           style={"width": "100%", "height": "100%"}),
            html.Div(views.legend(graph_kinds(graph)), id="legend", className="legend-column"),
        ], className="graph-column"),
        html.Div([
            html.Section(id="drug-panel", className="panel", **{"aria-live": "polite"}),
            html.Section([
                html.Div(id="details", **{"aria-live": "polite"}),
                html.Div([html.Label("Details of", htmlFor="node-select"),
                          dcc.Dropdown(id="node-select", options=views.node_options(graph), value=None,
                                       placeholder="a node, by name", clearable=True)],
                         className="control node-control"),
            ], className="panel"),
            html.Section(id="caption", className="panel caption"),
            dcc.Checklist(id="show-mechanisms", options=[{"label": " Show mechanisms on arrows",
                                                          "value": "on"}], value=[]),
        ], className="side"),
    ], className="pathway")
    table = html.Div([
        html.P("Every compound of Table 1, plus NV-5138 (§3.5) and the GABA-A modulators (§4). "
               "Sort by a column header, filter with the row under it; click a row to show "
               "that drug on the pathway.", className="hint"),
        _data_table(
            id="drug-table", columns=views.table_columns(), data=views.table_rows(kb),
            sort_action="native", filter_action="native", page_action="none",
            markdown_options={"link_target": "_blank"}, style_table={"overflowX": "auto"},
            style_cell={"whiteSpace": "normal", "height": "auto", "textAlign": "left", "fontFamily": views.FONT,
                        "fontSize": "13px", "padding": "4px 6px", "maxWidth": "260px", "minWidth": "80px"},
            style_header={"fontWeight": "bold", "backgroundColor": "#EEF2F6"},
            style_data_conditional=views.table_row_style(view), fixed_rows={"headers": True},
        ),
    ], className="table-view")
    heatmap = html.Div([
        html.P("What the model predicts for each drug under each hypothesis. Click a cell to open "
               "that drug on that pathway.", className="hint"),
        views.matrix_key(kb, graphs),
        # Drawn when the tab is first opened (``draw_matrix``): building the plotly figure
        # is half of the app's start-up, and most visitors never open this tab.
        dcc.Graph(id="matrix", config={"displayModeBar": False, "responsive": True}),
    ], className="matrix-view")
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view", data=view.to_dict()),
        html.Header([html.H1(TITLE),
                     html.P(["How rapid-acting antidepressants are thought to work, after ",
                             html.Cite("Henter, Park & Zarate, CNS Drugs 2021;35:527–543"), "."])],
                    className="header"),
        controls,
        html.Div(id="notice", role="alert"),
        dcc.Tabs(id="tabs", value="pathway", className="tabs", children=[
            dcc.Tab(label="Pathway", value="pathway", children=pathway),
            dcc.Tab(label="Table 1: drugs", value="table", children=table),
            dcc.Tab(label="Drug × hypothesis matrix", value="matrix", children=heatmap),
        ]),
        html.Footer(CITATION, className="footer"),
    ], className="page")


def create_app(kb: KnowledgeBase | None = None) -> Dash:
    """The explorer for ``kb`` (the bundled knowledge base by default), hardened for a classroom."""
    # Serialise responses with the standard library: the orjson build some machines
    # carry dies on an illegal instruction under load, taking the worker with it.
    plotly.io.json.config.default_engine = "json"
    kb = kb if kb is not None else load_knowledge_base()
    graphs = engine.build_graphs(kb)
    matrix = views.effect_matrix(kb, graphs)
    reached = views.reached_readouts(matrix)
    app = Dash(__name__, title=TITLE, update_title=None, assets_folder=str(ASSETS_DIR),
               serve_locally=True, external_scripts=[], external_stylesheets=[])
    app.enable_dev_tools(debug=False, dev_tools_disable_version_check=True)
    app.layout = layout(kb, graphs, matrix)
    figures = FigureExports(kb, graphs)  # remembered per view and format, drawn one at a time

    def view_of(stored: Any) -> views.View:
        key = _cache_key(stored)
        return view_from_items(key) if key is not None else views.view_from_store(kb, graphs, stored)

    @functools.lru_cache(maxsize=4096)
    def view_from_items(key: tuple) -> views.View:
        return views.view_from_store(kb, graphs, _from_cache_key(key))

    def move(view: views.View, event: str, value: Any) -> tuple[views.View, list[views.Notice]]:
        key = _cache_key(value)
        if key is None:
            return views.navigate(kb, graphs, view, event, value)
        return move_cached(view, event, key)

    @functools.lru_cache(maxsize=4096)
    def move_cached(view: views.View, event: str, key: tuple) -> tuple[views.View, list[views.Notice]]:
        return views.navigate(kb, graphs, view, event, _from_cache_key(key))

    @app.callback(
        Output("url", "search"), Output("hypothesis", "value"), Output("drug", "value"),
        Output("node-select", "options"), Output("node-select", "value"), Output("view", "data"),
        Output("notice", "children"), Output("tabs", "value"),
        Input("url", "search"), Input("hypothesis", "value"), Input("drug", "value"),
        Input("node-select", "value"), Input("graph", "tapNodeData"), Input("graph", "tapEdgeData"),
        Input("drug-table", "active_cell"), Input("matrix", "clickData"),
        State("view", "data"),
    )
    def navigate(search, hypothesis, drug, node, tap_node, tap_edge, cell, click, stored):
        inputs = (search, hypothesis, drug, node, tap_node, tap_edge, cell, click)
        values = dict(zip(EVENTS, inputs, strict=True))
        triggered = list(ctx.triggered_prop_ids)  # empty on page load: then read the URL
        prop = "url.search" if not triggered or "url.search" in triggered else triggered[0]
        old = view_of(stored)
        new, notices = move(old, EVENTS[prop], values[prop])
        graph = graphs[new.hypothesis]
        selected = new.node if new.node in graph else None
        return (
            views.format_query(new) if prop != "url.search" and new != old else no_update,
            new.hypothesis if new.hypothesis != hypothesis else no_update,
            new.drug if new.drug != drug else no_update,
            views.node_options(graph) if new.hypothesis != old.hypothesis else no_update,
            selected if selected != node else no_update,
            new.to_dict(),
            views.notice_paragraphs(notices),
            "pathway" if prop in ("drug-table.active_cell", "matrix.clickData") else no_update,
        )

    @app.callback(Output("graph", "elements"), Output("legend", "children"), Output("caption", "children"),
                  Input("hypothesis", "value"))
    def draw_hypothesis(hypothesis):
        view, _ = views.navigate(kb, graphs, views.default_view(kb), "hypothesis", hypothesis)
        graph = graphs[view.hypothesis]
        return (views.graph_elements(kb, graph), views.legend(graph_kinds(graph)),
                views.hypothesis_caption(kb, graphs, view.hypothesis))

    @app.callback(
        Output("graph", "stylesheet"), Output("drug-panel", "children"), Output("details", "children"),
        Output("drug-table", "style_data_conditional"),
        Input("view", "data"), Input("show-mechanisms", "value"),
    )
    def show_view(stored, mechanisms):
        return render_view(view_of(stored), bool(mechanisms))

    @functools.lru_cache(maxsize=4096)
    def render_view(view: views.View, mechanisms: bool) -> list:
        """Stylesheet and panels for a view, as plain JSON data.

        A pure function of the (checked, hashable) view, so it is computed once per
        view and process; keeping the JSON form, not Dash components, also spares
        Dash re-serialising the same component trees on every switch.
        """
        graph = graphs[view.hypothesis]
        explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph) if view.drug else None
        outputs = [
            views.base_stylesheet(mechanisms) + views.overlay_stylesheet(kb, graph, view, explanation),
            views.drug_panel(kb, graphs, view, explanation, reached.get(view.drug, ())),
            views.details_panel(kb, graphs, view),
            views.table_row_style(view),
        ]
        return json.loads(plotly.io.json.to_json_plotly(outputs))

    @app.callback(Output("matrix", "figure"), Input("tabs", "value"), prevent_initial_call=True)
    def draw_matrix(tab):
        return matrix_figure() if tab == "matrix" else no_update

    @functools.cache
    def matrix_figure() -> dict:
        return json.loads(plotly.io.json.to_json_plotly(views.matrix_figure(kb, graphs, matrix)))

    @app.callback(Output("graph", "generateImage"), Input("export-png", "n_clicks"),
                  Input("export-jpg", "n_clicks"), State("view", "data"), prevent_initial_call=True)
    def export_image(_png, _jpg, stored):
        kind = "jpg" if ctx.triggered_id == "export-jpg" else "png"
        options = {"bg": "#FFFFFF", "full": True, "scale": 2}
        if kind == "jpg":
            options["quality"] = 0.95
        filename = views.export_filename(kb, graphs, view_of(stored), "")
        return {"type": kind, "action": "download", "filename": filename, "options": options}

    @app.callback(Output("figure-download", "data"), Output("export-status", "children"),
                  Input("figure-svg", "n_clicks"), Input("figure-png", "n_clicks"),
                  Input("figure-pdf", "n_clicks"), Input("figure-pptx", "n_clicks"), State("view", "data"),
                  prevent_initial_call=True)
    def export_figure(_svg, _png, _pdf, _pptx, stored):
        fmt = {"figure-svg": "svg", "figure-png": "png", "figure-pdf": "pdf",
               "figure-pptx": "pptx"}[ctx.triggered_id]
        view = view_of(stored)
        try:
            data = figures.figure(view.hypothesis, view.drug, fmt)
        except ExportUnavailable as error:  # busy, or no Cairo here: say so beside the buttons
            return no_update, str(error)
        return dcc.send_bytes(data, views.export_filename(kb, graphs, view, fmt)), ""

    # Every callback is a pure function of its request, except the figure download
    # (it may answer "busy"): their answers are remembered.
    return harden(app, pure=lambda output: "figure-download" not in output)


def _cache_key(value: Any):
    """A hashable stand-in for a small browser value (a short string, or a dict of them).

    Views are pure functions of these values, so their results can be remembered;
    anything large or odd is not cached (a client must not be able to fill memory).
    """
    def small(v):
        return v is None or (isinstance(v, (str, int, float, bool)) and len(str(v)) <= 200)

    if small(value):
        return ("value", value)
    if isinstance(value, dict) and len(value) <= 8 and all(
            isinstance(k, str) and small(v) for k, v in value.items()):
        return ("dict", tuple(sorted(value.items())))
    return None


def _from_cache_key(key: tuple) -> Any:
    return dict(key[1]) if key[0] == "dict" else key[1]


def run(host: str = "127.0.0.1", port: int = 8050, debug: bool = False) -> None:
    """Serve the explorer (``moa-explorer serve``); debug mode only when asked."""
    app = create_app()
    print(f"{TITLE}: open http://{host}:{port}/ in a browser (Ctrl+C stops it)")
    app.run(host=host, port=port, debug=debug, dev_tools_disable_version_check=True)


_server = None


def __getattr__(name: str):
    """``explorer.app:server`` for gunicorn, built on first use (loading the data takes time)."""
    global _server
    if name == "server":
        if _server is None:
            _server = create_app().server
        return _server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
