"""What the browser shows, as pure functions of the knowledge base and the view.

One module per page area, after datasette's ``views/``:

- :mod:`.state`: the :class:`View` (URL state), reading and writing links, user events;
- :mod:`.controls`: the hypothesis, drug and node selectors;
- :mod:`.graph`: Cytoscape elements, the stylesheet, the drug overlay, the legend;
- :mod:`.panels`: the drug panel, the details of the selection, the caption;
- :mod:`.table`: Table 1 (drawn whole; assets/app.js sorts and filters it);
- :mod:`.matrix`: the drug × hypothesis matrix;
- :mod:`.steps`: the signs of the lit nodes and the order a step-through reveals them;
- :mod:`.present`: present mode, the title on the canvas, the step caption;
- :mod:`.compare`: two or three drugs compared;
- :mod:`.quiz`: quiz mode (signs hidden until answered, the quiz box, the drug's panel without effects).
- :mod:`.access`: what a screen reader reads of the graph (its text, the announcements);
- :mod:`.first`: the view of a link drawn by the server, shown before the scripts have run.

Nothing here registers callbacks or reads files: each function takes the knowledge
base, the graphs and a :class:`View` and returns Cytoscape elements, a stylesheet,
Dash components, table rows or a plotly figure. ``explorer.app`` wires them to the page.
"""

from __future__ import annotations

from .access import GRAPH_KEYS, announcement, graph_text
from .base import COMPARTMENT_PREFIX, EDGE_JOIN, Graphs, join
from .boxes import Room
from .compare import compare_panel, route_overlap
from .controls import drug_label, drug_options, hypothesis_options, node_options
from .first import FIRST_VIEW_ID, first_view
from .graph import (
    CHAR_WIDTH,
    FOCUS_RULE,
    FONT,
    NODE_FONT,
    PRESENT_SCALE,
    base_stylesheet,
    graph_elements,
    legend,
    node_box,
    overlay_stylesheet,
    room_of,
)
from .matrix import MATRIX_READOUTS, effect_matrix, matrix_figure, matrix_key, reached_readouts
from .panels import details_panel, drug_panel, hypothesis_caption
from .present import canvas_title, page_class, step_caption
from .quiz import ANSWER_BUTTONS, answer, quiz_box, quiz_drug_panel, quiz_for, quiz_panel, quiz_stylesheet
from .state import (
    Notice,
    View,
    default_view,
    export_filename,
    format_query,
    last_step,
    navigate,
    notice_paragraphs,
    opening_hypothesis,
    parse_query,
    view_from_store,
)
from .steps import chain_steps, lit_signs, sign_mark
from .table import COLUMNS as TABLE_COLUMNS
from .table import development_stage, drug_table, table_rows

__all__ = [
    "ANSWER_BUTTONS",
    "CHAR_WIDTH", "COMPARTMENT_PREFIX", "EDGE_JOIN", "FIRST_VIEW_ID", "FOCUS_RULE", "FONT", "GRAPH_KEYS",
    "MATRIX_READOUTS",
    "NODE_FONT", "PRESENT_SCALE", "TABLE_COLUMNS",
    "Graphs", "Notice", "Room", "View", "announcement", "answer", "base_stylesheet", "canvas_title", "chain_steps",
    "compare_panel",
    "default_view", "details_panel", "development_stage", "drug_label", "drug_options", "drug_panel", "drug_table",
    "effect_matrix", "export_filename", "first_view", "format_query", "graph_elements", "graph_text",
    "hypothesis_caption",
    "hypothesis_options", "join", "last_step", "legend", "lit_signs", "matrix_figure",
    "matrix_key", "navigate", "node_box", "node_options", "notice_paragraphs", "opening_hypothesis",
    "overlay_stylesheet", "page_class", "parse_query",
    "quiz_box", "quiz_drug_panel", "quiz_for", "quiz_panel", "quiz_stylesheet",
    "reached_readouts", "room_of", "route_overlap", "sign_mark",
    "step_caption", "table_rows", "view_from_store",
]
