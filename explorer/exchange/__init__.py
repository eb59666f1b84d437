"""The graphs and the drug table in formats other tools open: pure text generators,
one module per format.

* GraphML (yEd, Gephi, networkx, igraph): :func:`to_graphml`;
* Cytoscape: :func:`to_cytoscape_json` (``.cyjs``, with the curated positions and the
  compartments), :func:`cytoscape_style` (Cytoscape.js) and :func:`cytoscape_styles_xml`
  (Cytoscape desktop);
* SBGN-ML Activity Flow (Newt, VANTED, libsbgn): :func:`to_sbgn`;
* the drug table as CSV: :func:`drugs_csv`, :func:`drugs_csv_bytes` (with a BOM, for Excel).

Nothing here writes files (see :mod:`explorer.export`). Every export carries the
citation of the review and the model's version.
"""

from .common import ARC_WORDS, flatten, readout_key
from .cytoscape import (
    COMPARTMENT_PREFIX,
    STYLE_NAME,
    cytoscape_style,
    cytoscape_styles_xml,
    to_cytoscape_json,
)
from .graphml import to_graphml
from .sbgn import AF_VERSION, OVERLAY_NAMESPACE, SBGN_NAMESPACE, glyph_class, to_sbgn
from .table import DRUG_COLUMNS, drugs_csv, drugs_csv_bytes

__all__ = [
    "AF_VERSION", "ARC_WORDS", "COMPARTMENT_PREFIX", "DRUG_COLUMNS", "OVERLAY_NAMESPACE", "SBGN_NAMESPACE",
    "STYLE_NAME", "cytoscape_style", "cytoscape_styles_xml", "drugs_csv", "drugs_csv_bytes", "flatten", "glyph_class",
    "readout_key", "to_cytoscape_json", "to_graphml", "to_sbgn",
]
