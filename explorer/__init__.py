"""Glutamatergic MoA Explorer: a citable map of how rapid-acting antidepressants work.

The model follows Henter, Park & Zarate, CNS Drugs 2021;35:527–543 (Fig. 1, Table 1).
"""

from .engine import (
    Explanation,
    Highlight,
    ReadoutEffect,
    SignedIndex,
    UnknownName,
    build_graphs,
    explain,
    explain_drug,
    format_chain,
    highlight,
    hypothesis_graph,
    integrated_graph,
    predict_effects,
    readouts_of,
    resolve_drug,
    resolve_hypothesis,
    targets_of,
)
from .loader import DATA_DIR, Problem, ValidationError, load_knowledge_base, validate_paths
from .model import INTEGRATED, KnowledgeBase

__version__ = "0.1.0"
#: How the model is cited in figures and exports.
CITATION = ("Henter ID, Park LT, Zarate CA Jr. Novel glutamatergic modulators for the treatment "
            "of mood disorders: current status. CNS Drugs. 2021;35:527–543. "
            "doi:10.1007/s40263-021-00816-x")

__all__ = [
    "CITATION", "DATA_DIR", "INTEGRATED", "Explanation", "Highlight", "KnowledgeBase", "Problem",
    "ReadoutEffect", "SignedIndex", "UnknownName", "ValidationError", "__version__", "build_graphs", "explain",
    "explain_drug", "format_chain", "highlight", "hypothesis_graph", "integrated_graph",
    "load_knowledge_base", "predict_effects", "readouts_of", "resolve_drug", "resolve_hypothesis",
    "targets_of", "validate_paths",
]
