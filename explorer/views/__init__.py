"""What the browser shows, as pure functions of the knowledge base and the view.

One module per page area, after datasette's ``views/``:

- :mod:`.state`: the :class:`View` (URL state), reading and writing links, user events;
- :mod:`.controls`: the hypothesis, drug and node selectors;
- :mod:`.graph`: Cytoscape elements, the stylesheet, the drug overlay, the legend;
- :mod:`.panels`: the drug panel, the details of the selection, the caption;
- :mod:`.table`: Table 1;
- :mod:`.matrix`: the drug × hypothesis matrix.

Nothing here registers callbacks or reads files: each function takes the knowledge
base, the graphs and a :class:`View` and returns Cytoscape elements, a stylesheet,
Dash components, table rows or a plotly figure. ``explorer.app`` wires them to the page.
"""

from __future__ import annotations

from .base import COMPARTMENT_PREFIX, EDGE_JOIN, Graphs, join
from .controls import drug_label, drug_options, hypothesis_options, node_options
from .graph import CHAR_WIDTH, FONT, NODE_FONT, base_stylesheet, graph_elements, legend, node_box, overlay_stylesheet
from .matrix import MATRIX_READOUTS, effect_matrix, matrix_figure, matrix_key, reached_readouts
from .panels import details_panel, drug_panel, hypothesis_caption, markdown_text
from .state import (
    Notice,
    View,
    default_view,
    export_filename,
    format_query,
    navigate,
    notice_paragraphs,
    parse_query,
    view_from_store,
)
from .table import table_columns, table_row_style, table_rows

__all__ = [
    "CHAR_WIDTH", "COMPARTMENT_PREFIX", "EDGE_JOIN", "FONT", "MATRIX_READOUTS", "NODE_FONT", "Graphs", "Notice",
    "View", "base_stylesheet", "default_view", "details_panel", "drug_label", "drug_options", "drug_panel",
    "effect_matrix", "export_filename", "format_query", "graph_elements", "hypothesis_caption",
    "hypothesis_options", "join", "legend", "markdown_text", "matrix_figure", "matrix_key", "navigate",
    "node_box", "node_options", "notice_paragraphs", "overlay_stylesheet", "parse_query", "reached_readouts",
    "table_columns", "table_row_style", "table_rows", "view_from_store",
]
