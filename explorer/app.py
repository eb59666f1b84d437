"""The Dash app: the page layout and thin callbacks over :mod:`explorer.views`.

``create_app()`` builds an app; ``run()`` serves it (``moa-explorer serve``);
``explorer.app:server`` is the Flask server for gunicorn, built on first use.
Every script and stylesheet is served by the app itself, so it works offline.
"""

from __future__ import annotations

import functools
import json
import threading
from typing import Any

import dash_cytoscape as cyto
import flask
import plotly.io.json
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from . import CITATION, account, engine, views
from .bundle import bundle_html
from .bundle.page import inline_hashes
from .loader import bundled_folder, load_knowledge_base
from .model import KnowledgeBase
from .serving import harden, inline_page_policy
from .serving.exports import ExportUnavailable, FigureExports
from .serving.limits import CACHE_BYTES, BoundedCache, caches

__all__ = ["ASSETS_DIR", "create_app", "run"]

#: Static files: ``explorer/assets`` when installed, the top-level ``assets/`` in a checkout.
ASSETS_DIR = bundled_folder("assets")
TITLE = "Glutamatergic MoA Explorer"
SOURCE = "Henter, Park & Zarate, CNS Drugs 2021;35:527–543"
TAGLINE = f"How rapid-acting antidepressants are thought to work, after {SOURCE}."
#: Constant, so that changing the overlay never re-runs the layout. A low minimum zoom
#: lets the integrated view fit a small screen.
#: The room the graph starts with: one drug at most, the page's sizes (see ``make_room``).
ROOM_OF_DEFAULT = views.Room().to_dict()
LAYOUT = {"name": "preset", "fit": True, "padding": 30, "animate": False}
MIN_ZOOM, MAX_ZOOM = 0.08, 3
#: The inputs of ``navigate``, in order, and the event (see ``views.navigate``) each means.
EVENTS = {"url.search": "url", "hypothesis.value": "hypothesis", "drug.value": "drug",
          "compare.value": "compare", "node-select.value": "node", "graph.tapNodeData": "node",
          "graph.tapEdgeData": "edge"}
#: Clicks (and the tab and mechanism switches) that open another view: answered with its
#: link, which ``navigate`` then reads.
#: (Kept out of ``navigate`` so the frequent events stay cheap for Dash to dispatch.)
CLICKS = {"tabs.value": "tab", "show-mechanisms.n_clicks": "mechanisms", "present-toggle.n_clicks": "present",
          "quiz-toggle.n_clicks": "quiz",
          "step-next.n_clicks": "step", "step-back.n_clicks": "step",
          "step-all.n_clicks": "step", "table-open.data": "table", "matrix.clickData": "matrix",
          "type-smaller.n_clicks": "type", "type-larger.n_clicks": "type"}
#: Dash's page, with the language named (screen readers pick their voice by it) and the
#: scripts outside a <footer>: Dash wraps them in one, a second "contentinfo" landmark.
INDEX = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""
#: What each step, type and part button asks for.
STEP_BUTTONS = {"step-next.n_clicks": "next", "step-back.n_clicks": "back", "step-all.n_clicks": None,
                "type-smaller.n_clicks": "smaller", "type-larger.n_clicks": "larger"}


def part_buttons(kb: KnowledgeBase) -> dict[str, int]:
    """The buttons of the integrated view's parts (present mode shows it part by part): each
    one's click and the part it opens."""
    return {f"part-{i}.n_clicks": i for i in range(min(len(kb.integrated_parts), views.boxes.MAX_PARTS))}


def graph_kinds(graph) -> set[str]:
    return {kind for _, kind in graph.nodes(data="kind")}


def _button(label: str, id_: str, title: str, class_name: str = "export-button", **props) -> html.Button:
    return html.Button(label, id=id_, n_clicks=0, title=title, className=class_name, type="button", **props)


#: Where the app serves the one-file explorer, under its path prefix.
ONE_FILE = "explorer.html"


def layout(kb: KnowledgeBase, graphs, matrix, *, prefix: str = "/") -> html.Div:
    """The page: selectors, the pathway with its panels, Table 1 and the matrix, in tabs;
    ``prefix``: the app's ``requests_pathname_prefix`` (the footer links to the one-file explorer)."""
    view = views.default_view(kb)
    graph = graphs[view.hypothesis]
    # Two groups, each named by its visible label, so the two "PNG" buttons are told apart.
    exports = html.Div([
        html.Div([html.Span("Download view", className="export-label", id="export-view-label"),
                  _button("PNG", "export-png", "The graph as shown, highlight included: PNG at twice "
                                               "the screen resolution"),
                  _button("JPG", "export-jpg", "The graph as shown, highlight included: JPG")],
                 role="group", className="export-group", **{"aria-labelledby": "export-view-label"}),
        html.Div([html.Span("figure", className="export-label export-figure", id="export-figure-label"),
                  _button("SVG", "figure-svg", "A figure for slides with title, legend and citation: SVG"),
                  _button("PNG", "figure-png", "A figure for handouts with title, legend and citation: PNG"),
                  _button("PDF", "figure-pdf", "A figure with title, legend and citation: PDF"),
                  _button("PPTX", "figure-pptx", "An editable PowerPoint slide: shapes, glued connectors, "
                                                 "legend, citation; the chain in the notes"),
                  _button("Deck", "figure-deck", "The drug's deck (PPTX): a title slide, its view of each "
                                                 "hypothesis with the chains in the notes, a summary of its effects")],
                 role="group", className="export-group", **{"aria-label": "Download figure"}),
        dcc.Download(id="figure-download"), html.Span(id="export-status", role="status")],
        className="control control-export")
    controls = html.Div([
        html.Div([html.Label("Hypothesis", htmlFor="hypothesis", id="hypothesis-label"),
                  dcc.Dropdown(id="hypothesis", options=views.hypothesis_options(kb), value=view.hypothesis,
                               clearable=False, searchable=True, maxHeight=400)],
                 className="control control-hypothesis"),
        html.Div([html.Label("Drug", htmlFor="drug", id="drug-label"),
                  dcc.Dropdown(id="drug", options=views.drug_options(kb), value=None, clearable=True,
                               searchable=True, placeholder="Pick a drug (name or code)",
                               maxHeight=480)],
                 className="control control-drug"),
        html.Div([html.Label("compare with", htmlFor="compare", id="compare-label"),
                  dcc.Dropdown(id="compare", options=views.drug_options(kb), value=[], clearable=True, multi=True,
                               closeOnSelect=True,
                               searchable=True, placeholder="up to two more drugs", maxHeight=480)],
                 className="control control-compare"),
        html.Div([
            _button("Present", "present-toggle", "Present mode: the graph fills the window, large type (key P)",
                    "mode-button"),
            _button("Quiz", "quiz-toggle", "Quiz mode: predict each step of the drug's route, then see it "
                                           "(with Present: large, for a class vote)", "mode-button"),
            _button("Copy link", "copy-link", "Copy the address of exactly this view", "mode-button"),
            html.Span(id="copy-status", role="status", className="copy-status"),
        ], className="control control-mode"),
    ], className="controls")
    stage = html.Div([
        # The graph is canvases: its wrapper is what Tab reaches, named, described by the
        # view's text (``views.graph_text``) and the keys; assets/app.js moves a focus from
        # node to node and reads each one out (#graph-focus). "application": the arrow keys
        # are the graph's own, also under a screen reader's browse mode.
        html.Div(cyto.Cytoscape(id="graph", elements=views.graph_elements(kb, graph),
                                layout=LAYOUT,
                                stylesheet=views.base_stylesheet(), className="graph", responsive=True,
                                autoungrabify=True, boxSelectionEnabled=False, minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM,
                                style={"width": "100%", "flex": "1 1 auto", "minHeight": "0"}),
                 id="graph-region", className="graph-region", role="application", tabIndex=0,
                 **{"aria-label": "Pathway graph", "aria-describedby": "graph-description graph-keys"}),
        html.P(views.GRAPH_KEYS, id="graph-keys", className="graph-keys"),
        html.P(id="graph-focus", role="status", className="visually-hidden"),

        html.Div([
            html.Span([_button(f"Part {i + 1}", f"part-{i}",
                               f"Part {i + 1} of {len(kb.integrated_parts)}: {kb.integrated_parts[i].title}",
                               "canvas-button part-button")
                       for i in part_buttons(kb).values()],
                      className="part-buttons", role="group", **{"aria-label": "Parts of the integrated view"}),
            html.Span([_button("A−", "type-smaller", "Smaller type on the graph (key −)", "canvas-button type-button",
                               **{"aria-label": "A− (smaller type)"}),
                       _button("A+", "type-larger", "Larger type on the graph (key +)", "canvas-button type-button",
                               **{"aria-label": "A+ (larger type)"})],
                      className="type-buttons", role="group", **{"aria-label": "Type size"}),
            _button("Fit", "fit", "Fit the whole graph in view (key F)", "canvas-button"),
            _button("Full screen", "fullscreen", "Full screen: the page takes the whole screen (key S; Esc leaves)",
                    "canvas-button fullscreen-button"),
            html.Span([
                _button("◀ Back", "step-back", "Previous step (key ←)", "canvas-button step-button"),
                _button("Step ▶", "step-next", "Reveal the chain one node at a time (key →)",
                        "canvas-button step-button"),
                _button("Every route", "step-all", "Show every route at once", "canvas-button step-button"),
            ], className="step-buttons"),
        ], className="canvas-tools"),
        # The title on the canvas, the step's caption, the graph as text and the download's name:
        # one output, laid out by .stage's grid as if they were its own children (display: contents).
        html.Div(id="stage-text", className="stage-text"),
    ], className="stage")
    pathway = html.Div([
        html.Div([
            stage,
            html.Div(views.legend(graph_kinds(graph)), id="legend", className="legend-column"),
            html.P(CITATION, className="present-footer"),
        ], className="graph-column"),
        html.Div([
            views.quiz_box(),  # shown in quiz mode (views/quiz.py)
            # The selection's details, the node picker, the drug's panel: in the order they are
            # shown, which is the order Tab and a screen reader take.
            # Drawn with the default view's words, so that the first paint has them (no shift).
            html.Section(views.details_panel(kb, graphs, view), id="details", className="panel details-panel",
                         **{"aria-label": "Details"}),
            html.Section(html.Div([html.Label("Details of", htmlFor="node-select", id="node-select-label"),
                                   dcc.Dropdown(id="node-select", options=views.node_options(graph), value=None,
                                                placeholder="a node, by name", clearable=True)],
                                  className="control node-control"), className="panel node-panel"),
            html.Section(views.drug_panel(kb, graphs, view), id="drug-panel", className="panel",
                         **{"aria-label": "The drug"}),
            html.Section(id="caption", className="panel caption"),
            # A switch, not a checklist: Dash's checklist is a listbox whose options hold
            # checkboxes (nested interactive controls, an unnamed input).
            html.Button("Show mechanisms on arrows", id="show-mechanisms", n_clicks=0, type="button",
                        role="switch", className="switch", **{"aria-checked": "false"}),
        ], className="side"),
    ], className="pathway", id="pathway")
    table = html.Div([
        html.P("Every compound of Table 1, plus NV-5138 (§3.5) and the GABA-A modulators (§4). "
               "Sort by a column's header, filter with the box under it (any part of a word, any case); "
               "click a row (or press Enter on a drug's name) to show that drug on the pathway.", className="hint"),
        # Sorted, filtered and opened in the browser (assets/app.js, section 7): a row's click
        # is put in the store "table-open", which ``open_clicked`` reads.
        html.P(id="table-count", role="status", className="table-count"),
        views.drug_table(kb),
    ], className="table-view")
    heatmap = html.Div([
        html.P("What the model predicts for each drug under each hypothesis. Click a cell to open "
               "that drug on that pathway; from the keyboard, Tab to the matrix, move with the arrow "
               "keys and open with Enter.", className="hint"),
        views.matrix_key(kb, graphs),
        # Drawn when the tab is first opened (``draw_matrix``): building the plotly figure
        # is half of the app's start-up, and most visitors never open this tab.
        html.P(id="matrix-cell", className="matrix-cell", role="status", **{"aria-live": "polite"}),
        dcc.Graph(id="matrix", config={"displayModeBar": False, "responsive": True}, className="matrix-graph"),
    ], className="matrix-view")
    # Landmarks: the banner (title, downloads), one main (controls, tabs, the views), the
    # footer (the citation); a skip link first. (The tabs' ARIA roles are set by assets/app.js:
    # Dash's tabs are plain <div>s and take no role props.)
    return html.Div([
        html.A("Skip to the graph", href="#graph-region", className="skip-link", id="skip-link"),
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view", data=view.to_dict()),
        dcc.Store(id="room", data=ROOM_OF_DEFAULT),
        dcc.Store(id="quiz-answers", data={}),  # the quiz's answers stay in the browser, never in the link
        dcc.Store(id="table-open"),  # a Table 1 row opened, {"rowId": drug, "colId": column}: assets/app.js
        html.Header([html.H1(TITLE),
                     html.P([TAGLINE.removesuffix(SOURCE + "."), html.Cite(SOURCE), "."]),
                     exports],
                    className="header"),
        html.Main([
            controls,
            html.Div(id="notice", role="alert"),
            # What the page says out loud when the view changes (a step, a drug, a selection).
            html.P(id="announce", role="status", className="visually-hidden"),
            # The pathway stays mounted (hidden by CSS while another tab is open), so the graph
            # is never torn down and redrawn by a tab switch; Table 1 and the matrix mount when shown.
            dcc.Tabs(id="tabs", value="pathway", className="tabs", mobile_breakpoint=0, children=[
                dcc.Tab(label="Pathway", value="pathway", className="tab-pathway", id="tab-pathway"),
                dcc.Tab(label="Table 1: drugs", value="table", children=table, id="tab-table"),
                dcc.Tab(label="Drug × hypothesis matrix", value="matrix", children=heatmap, id="tab-matrix"),
            ]),
            pathway,
        ], id="main", tabIndex=-1),
        html.Footer([CITATION, " ", html.A("The explorer in one file: open it, or save it to use offline (HTML)",
                                           href=prefix + ONE_FILE, id="one-file-link")], className="footer"),
    ], id="page", className="page")


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
    app.index_string = INDEX
    app.enable_dev_tools(debug=False, dev_tools_disable_version_check=True)
    app.layout = layout(kb, graphs, matrix, prefix=app.config.requests_pathname_prefix)
    figures = FigureExports(kb, graphs)  # remembered per view and format, drawn one at a time
    # Every cache the server keeps, each bounded in bytes (explorer/serving/limits.py); harden()
    # adds the remembered answers and the compressed bundles.
    held = caches(app)
    held.update(views=BoundedCache(CACHE_BYTES["views"]), moves=BoundedCache(CACHE_BYTES["moves"]),
                first=BoundedCache(CACHE_BYTES["first"]), figures=figures.cache)

    def view_of(stored: Any) -> views.View:
        key = _cache_key(stored)
        return view_from_items(key) if key is not None else views.view_from_store(kb, graphs, stored)

    @held["views"].remember
    def view_from_items(key: tuple) -> views.View:
        return views.view_from_store(kb, graphs, _from_cache_key(key))

    def move(view: views.View, event: str, value: Any) -> tuple[views.View, list[views.Notice]]:
        key = _cache_key(value)
        if key is None:
            return views.navigate(kb, graphs, view, event, value)
        return move_cached(view, event, key)

    @held["moves"].remember
    def move_cached(view: views.View, event: str, key: tuple) -> tuple[views.View, list[views.Notice]]:
        return views.navigate(kb, graphs, view, event, _from_cache_key(key))

    @app.callback(
        Output("url", "search"), Output("hypothesis", "value"), Output("drug", "value"),
        Output("compare", "value"), Output("node-select", "options"), Output("node-select", "value"),
        Output("view", "data"), Output("notice", "children"), Output("tabs", "value"),
        Output("show-mechanisms", "aria-checked"),
        *(Input(*prop.split(".")) for prop in EVENTS),
        State("view", "data"), State("tabs", "value"), State("show-mechanisms", "aria-checked"),
    )
    def navigate(*args):
        *inputs, stored, tab, shown_mechanisms = args
        values = dict(zip(EVENTS, inputs, strict=True))
        triggered = list(ctx.triggered_prop_ids)  # empty on page load: then read the URL
        prop = "url.search" if not triggered or "url.search" in triggered else triggered[0]
        old = view_of(stored)
        new, notices = move(old, EVENTS[prop], values[prop])
        graph = graphs[new.hypothesis]
        selected = new.node if new.node in graph else None
        mechanisms = "true" if new.mechanisms else "false"

        def changed(output, current):
            return output if output != current else no_update

        return (
            views.format_query(new) if prop != "url.search" and new != old else no_update,
            changed(new.hypothesis, values["hypothesis.value"]),
            changed(new.drug, values["drug.value"]),
            changed(list(new.compare), values["compare.value"]),
            views.node_options(graph) if new.hypothesis != old.hypothesis else no_update,
            changed(selected, values["node-select.value"]),
            new.to_dict(),
            views.notice_paragraphs(notices),
            changed(new.tab, tab),
            changed(mechanisms, shown_mechanisms),
        )

    parts = part_buttons(kb)
    clicks = {**CLICKS, **dict.fromkeys(parts, "part")}
    buttons = {**STEP_BUTTONS, **parts}

    @app.callback(
        Output("url", "search", allow_duplicate=True), Output("matrix", "clickData"),
        *(Input(*prop.split(".")) for prop in clicks), State("view", "data"), prevent_initial_call=True,
    )
    def open_clicked(*args):
        """A button, a table row or a matrix cell: the link of the view it opens."""
        *inputs, stored = args
        prop = ctx.triggered_prop_ids and next(iter(ctx.triggered_prop_ids))
        if prop not in clicks:
            return no_update, no_update
        old = view_of(stored)
        if prop in buttons:
            value = buttons[prop]
        elif prop == "show-mechanisms.n_clicks":   # a switch: the other state
            value = not old.mechanisms
        else:
            value = dict(zip(clicks, inputs, strict=True))[prop]
        new, _ = move(old, clicks[prop], value)
        cleared = None if prop == "matrix.clickData" and value is not None else no_update  # the same cell again
        return (views.format_query(new) if new != old else no_update), cleared

    @app.callback(Output("room", "data"), Input("view", "data"), State("room", "data"))
    def make_room(stored, room):
        # The room the graph's labels need: more for compared drugs' marks, present mode's type,
        # a type step, a part of the integrated view. Only its change redraws the graph.
        needed = views.room_of(view_of(stored)).to_dict()
        return needed if needed != room else no_update

    @app.callback(Output("graph", "elements"), Output("legend", "children"), Output("caption", "children"),
                  Input("hypothesis", "value"), Input("room", "data"))
    def draw_hypothesis(hypothesis, stored_room):
        view, _ = views.navigate(kb, graphs, views.default_view(kb), "hypothesis", hypothesis)
        graph = graphs[view.hypothesis]
        room = views.Room.from_dict(stored_room)
        drawn = engine.graph_parts(kb, graph)
        if room.part is not None and len(drawn) > 1:   # present mode's integrated view: one part at a time
            graph = drawn[min(room.part, len(drawn) - 1)]
        return (views.graph_elements(kb, graph, room), views.legend(graph_kinds(graph)),
                views.hypothesis_caption(kb, graphs, view.hypothesis))

    @app.callback(
        Output("graph", "stylesheet"), Output("details", "children"), Output("drug-panel", "children"),
        Output("stage-text", "children"), Output("announce", "children"), Input("view", "data"),
    )
    def show_view(stored):
        return render_view(view_of(stored))

    def render_view(view: views.View) -> list:
        """Everything a view draws, as plain JSON data (not Dash components, which Dash
        would walk again to serialise).

        Not remembered here: the answer's bytes are (``harden``'s remembered answers, by
        request), in a tenth of the memory the same view takes as Python objects.
        """
        graph = graphs[view.hypothesis]
        explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs) if view.drug else None
        compared = [engine.explain_drug(kb, kb.drugs[d], graph, panels=graphs) for d in view.compare]
        quiz = view.quiz is not None  # quiz mode: every sign hidden until its question is answered
        # The words a screen reader hears: in quiz mode those of the graph alone, so that no
        # answer is said before its question (the quiz box tells the drug and its targets).
        said = None if quiz else explanation
        told = account.account_of(kb, graph, said)
        outputs = [
            views.base_stylesheet(view.mechanisms, views.room_of(view))
            + (views.quiz_stylesheet(kb, graph, view, explanation, views.quiz_for(kb, graphs, view)) if quiz
               else views.overlay_stylesheet(kb, graph, view, explanation, compared)) + [views.FOCUS_RULE],
            views.details_panel(kb, graphs, view),
            views.quiz_drug_panel(kb, graphs, view) if quiz
            else views.drug_panel(kb, graphs, view, explanation, reached.get(view.drug, ()), told),
            # The view's flags (page styles read them with :has(), assets/app.js marks the drug's
            # table row), the title only in present mode, the caption only in a step-through:
            # one output, so a drug switch stays small and cheap.
            # ``data-fit``: what the graph must fit again for (assets/app.js): its room, and the
            # drugs when compared or presented (their labels change size); a drug switch on
            # the page keeps the user's zoom.
            [html.Span(id="view-flags", className=views.page_class(view),
                       **{"data-drug": view.drug or "", "data-part": str(view.part),
                          "data-fit": " ".join([*map(str, views.room_of(view).to_dict().values()),
                                        *(view.drugs if view.compare or view.mode == "present" else ())])}),
             html.Div(views.canvas_title(kb, graphs, view) if view.mode == "present" else [], id="canvas-title",
                      className="canvas-title", **{"aria-hidden": "true"}),
             html.Div(views.step_caption(kb, graph, view, explanation), id="step-caption", className="step-caption"),
             views.graph_text(kb, graph, view, said, told),
             html.Span(views.export_filename(kb, graphs, view, "", "view"), id="export-name", hidden=True)],
            views.announcement(kb, graphs, view, said, told),
        ]
        return json.loads(plotly.io.json.to_json_plotly(outputs))

    @app.callback(
        Output("url", "search", allow_duplicate=True), Output("quiz-answers", "data"),
        Output("quiz-status", "children"), Output("quiz-reveal", "children"), Output("quiz-question", "children"),
        *(Input(button, "n_clicks") for button in views.ANSWER_BUTTONS), Input("quiz-restart", "n_clicks"),
        Input("view", "data"), State("quiz-answers", "data"), prevent_initial_call=True,
    )
    def ask(*args):
        """An answer (it moves on), Restart, or another view: the quiz box, and the link reached."""
        *_, stored, answers = args
        old = view_of(stored)
        if old.quiz is None:
            return no_update, no_update, [], [], []
        new = old
        if ctx.triggered_id in views.ANSWER_BUTTONS or ctx.triggered_id == "quiz-restart":
            choice = views.ANSWER_BUTTONS[ctx.triggered_id].id if ctx.triggered_id in views.ANSWER_BUTTONS else None
            new, answers = views.answer(kb, graphs, old, answers, choice)
        return (views.format_query(new) if new != old else no_update, answers,
                *views.quiz_panel(kb, graphs, new, answers))

    @app.callback(Output("matrix", "figure"), Input("tabs", "value"), prevent_initial_call=True)
    def draw_matrix(tab):
        return matrix_figure() if tab == "matrix" else no_update

    @functools.cache
    def matrix_figure() -> dict:
        return json.loads(plotly.io.json.to_json_plotly(views.matrix_figure(kb, graphs, matrix)))

    @app.callback(Output("figure-download", "data"), Output("export-status", "children"),
                  Input("figure-svg", "n_clicks"), Input("figure-png", "n_clicks"),
                  Input("figure-pdf", "n_clicks"), Input("figure-pptx", "n_clicks"),
                  Input("figure-deck", "n_clicks"), State("view", "data"), prevent_initial_call=True)
    def export_figure(_svg, _png, _pdf, _pptx, _deck, stored):
        fmt = {"figure-svg": "svg", "figure-png": "png", "figure-pdf": "pdf",
               "figure-pptx": "pptx", "figure-deck": "deck"}[ctx.triggered_id]
        view = view_of(stored)
        if fmt == "deck" and view.drug is None:
            return no_update, "Pick a drug first: its deck goes through every hypothesis."
        try:
            data = figures.deck(view.drug) if fmt == "deck" else figures.figure(view.hypothesis, view.drug, fmt)
        except ExportUnavailable as error:  # busy, or no Cairo here: say so beside the buttons
            return no_update, str(error)
        name = views.export_filename(kb, graphs, view, "pptx", "deck") if fmt == "deck" else \
            views.export_filename(kb, graphs, view, fmt, "figure")
        return dcc.send_bytes(data, name), ""

    # The page a link opens: Dash's one HTML page, with the view of this link drawn by the
    # server before the app's root (views/first.py), so that it shows before the scripts run.
    @held["first"].remember
    def first_view(view: views.View) -> str:
        return views.first_view(kb, graphs, view, title=TITLE, tagline=TAGLINE)

    def interpolate_index(**parts: str) -> str:
        view, _ = views.parse_query(kb, graphs, flask.request.query_string.decode("utf-8", errors="replace"))
        parts["app_entry"] = first_view(view) + parts["app_entry"]
        return Dash.interpolate_index(app, **parts)

    app.interpolate_index = interpolate_index

    # The one-file explorer (``moa-explorer export``), built on its first request and kept: the
    # same bytes for every request, compressed once (harden's ``unchanging``), with a policy of
    # its own that lets its inline script and stylesheet run, by their hashes.
    one_file: list[tuple[bytes, str]] = []
    building = threading.Lock()

    @app.server.route(app.config.routes_pathname_prefix + ONE_FILE, methods=["GET"])
    def one_file_explorer():
        with building:
            if not one_file:
                document = bundle_html(kb, graphs)
                hashes = inline_hashes(document)
                one_file.append((document.encode("utf-8"), inline_page_policy(hashes["script"], hashes["style"])))
        body, policy = one_file[0]
        response = flask.Response(body, mimetype="text/html")
        response.headers["Content-Security-Policy"] = policy
        return response

    # Every callback is a pure function of its request, except the figure download
    # (it may answer "busy"): their answers are remembered.
    return harden(app, pure=lambda output: "figure-download" not in output,
                  unchanging=[app.config.requests_pathname_prefix + ONE_FILE])


def _cache_key(value: Any):
    """A hashable stand-in for a small browser value (a short string, or a dict of them).

    Views are pure functions of these values, so their results can be remembered;
    anything large or odd is not cached (a client must not be able to fill memory).
    """
    def small(v):
        return v is None or (isinstance(v, (str, int, float, bool)) and len(str(v)) <= 200)

    if small(value):
        return ("value", value)
    if isinstance(value, dict) and len(value) <= 12 and all(
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
