"""The words of a view, built once as plain data and rendered by every place.

:func:`steps_of` tells the step-through node by node (each node's sign, the arrow that
reaches it with its citation, whose claim its change is): what the quiz asks and reveals.

:func:`account_of` turns (knowledge base, graph, explanation) into a
:class:`ViewAccount`: the title, the drug's targets and actions, each readout's
effect with its basis, evidence, chains in words (each node's sign as a symbol and a
spoken word), requirements, the panels that decided it and the caveats; or the
"no path" and "not covered" answers. The app's panel, the one-file explorer, the
command line and the slide notes render these records (``text`` renders them as
plain text), so a wording is corrected once.
"""

from .build import BASIS_MARKS, SIGNS, account_of, basis_mark, drug_account, drug_label, extrapolation_caveat
from .describe import (
    ArrowWords,
    NodeAccount,
    description_lines,
    graph_description,
    graph_name,
    node_accounts,
    node_sentence,
    reading_order,
    shape_words,
)
from .records import (
    Answer,
    Arrow,
    Caveat,
    Chain,
    ChainNode,
    DrugAccount,
    PanelEffect,
    ReadoutAccount,
    Requirement,
    Sign,
    StepAccount,
    Target,
    ViewAccount,
)
from .steps import BASIS_RANK, sign_of, steps_of
from .text import (
    cite,
    drug_lines,
    erratum_text,
    evidence_line,
    headline_says_basis,
    readout_lines,
    shared_basis,
    view_text,
)

__all__ = [
    "BASIS_MARKS", "BASIS_RANK", "SIGNS", "Answer", "Arrow", "ArrowWords", "Caveat", "Chain", "ChainNode",
    "DrugAccount", "NodeAccount", "PanelEffect", "ReadoutAccount", "Requirement", "Sign", "StepAccount", "Target",
    "ViewAccount", "account_of", "basis_mark", "cite", "description_lines", "drug_account", "drug_label", "drug_lines",
    "erratum_text", "evidence_line", "extrapolation_caveat", "graph_description", "graph_name", "headline_says_basis",
    "node_accounts", "node_sentence", "reading_order", "readout_lines", "shape_words", "shared_basis", "sign_of",
    "steps_of", "view_text",
]
