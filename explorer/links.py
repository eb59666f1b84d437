"""Where the app and the one-file explorer link to: PubMed, ClinicalTrials.gov, the
identifier registries. One place, imported by both (neither imports the other)."""

from __future__ import annotations

__all__ = ["CLINICAL_TRIALS", "PUBMED", "STATUS_NOTE", "XREF_URLS"]

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{}/"
CLINICAL_TRIALS = "https://clinicaltrials.gov/study/{}"
XREF_URLS = {
    "hgnc": ("HGNC", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}"),
    "uniprot": ("UniProt", "https://www.uniprot.org/uniprotkb/{}/entry"),
    "chebi": ("ChEBI", "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{}"),
    "pubchem": ("PubChem", "https://pubchem.ncbi.nlm.nih.gov/compound/{}"),
    "go": ("GO", "https://amigo.geneontology.org/amigo/term/GO:{}"),
}
#: How development status is always labelled.
STATUS_NOTE = "as reported in the review (2021)"
