"""The plain-text renderer of a view's account: the command line and slide notes."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Erratum, Evidence
from .records import Chain, DrugAccount, ReadoutAccount, ViewAccount

__all__ = ["cite", "drug_lines", "erratum_text", "evidence_line", "headline_says_basis", "readout_lines",
           "shared_basis", "view_text"]


def cite(source: str, refs: Iterable[int]) -> str:
    """``Fig. 1 legend [5]``, or the source alone."""
    refs = list(refs)
    return f"{source} [{', '.join(map(str, refs))}]" if refs else source


def evidence_line(evidence: Evidence) -> str:
    """``“The review's sentence” (§1 [29])``."""
    return f"“{evidence.quote}” ({cite(evidence.source, evidence.refs)})"


def erratum_text(erratum: Erratum) -> str:
    """The review's words kept, marked, with the standard account and its references."""
    return (f"The review says “{erratum.review}” ({erratum.citation.source}) [sic]. "
            f"Standard account: {erratum.standard}"
            + (f" [{', '.join(map(str, erratum.citation.refs))}]" if erratum.citation.refs else ""))


def shared_basis(account: ViewAccount) -> ReadoutAccount | None:
    """The one readout whose basis, note and evidence every changing readout shares (told
    once, above the readouts), or None when they differ."""
    told = [r for r in account.readouts if r.basis]
    if not told:
        return None
    first = told[0]
    same = all((r.basis, r.basis_note, r.evidence, r.likened_to)
               == (first.basis, first.basis_note, first.evidence, first.likened_to) for r in told)
    return first if same and len(told) > 1 else None


def headline_says_basis(account: ViewAccount, shared: ReadoutAccount | None) -> bool:
    """Whether the view's extrapolation line (shown above the readouts by the app and the
    one-file explorer) already says the basis every readout shares: then only its why is told."""
    return shared is not None and shared.basis == "extrapolated" and bool(account.extrapolation)


def basis_lines(readout: ReadoutAccount, indent: str) -> list[str]:
    """Whose claim it is, why, and the review's sentences that say so."""
    if not readout.basis:
        return []
    lines = [f"{indent}basis: {readout.basis_words}", f"{indent}  why: {readout.basis_note}"]
    if readout.likened_to:
        lines.append(f"{indent}  likened to: {', '.join(readout.likened_to)}")
    lines += [f"{indent}  evidence: {evidence_line(e)}" for e in readout.evidence]
    return lines


def readout_lines(readout: ReadoutAccount, indent: str = "  ", *, with_basis: bool = True,
                  told: tuple[Chain, ...] = (), said: frozenset = frozenset()) -> list[str]:
    """One readout: its change and basis, the chains in words, conditions, panels, caveats.

    A chain that continues one of ``told`` (chains already told, to an earlier readout)
    starts where that one ended: ``… BDNF ▲ → TrkB ▲ → mTORC1 ▲``; a requirement in
    ``said`` (told with an earlier readout) is not told again.
    """
    basis = f" ({readout.basis})" if readout.basis else ""
    lines = [f"{indent}{readout.headline}{basis}"]
    inner = indent + "  "
    if with_basis:
        lines += basis_lines(readout, inner)
    if readout.mixed_note:
        lines.append(f"{inner}{readout.mixed_note}")
    for chain in readout.chains:
        prefix = f"{'▲' if chain.effect == 'up' else '▼'} " if readout.effect == "mixed" else ""
        shared = max((chain.shared_with(other) for other in told), default=0)
        lines.append(f"{inner}{prefix}{chain.text_after(shared)}")
    for requirement in readout.requirements:
        if requirement in said:
            continue
        lines.append(f"{inner}requires: {requirement.text} ({cite(requirement.source, requirement.refs)})")
    if readout.breakdown:
        lines.append(f"{inner}by panel: " + ", ".join(f"{p.hypothesis} {p.effect}" for p in readout.breakdown))
    for caveat in readout.caveats:
        lines.append(f"{inner}caveat: {caveat.text}")
        lines += [f"{inner}  {evidence_line(e)}" for e in caveat.evidence]
    return lines


def drug_lines(drug: DrugAccount, indent: str = "") -> list[str]:
    """The drug's actions in words, its caveats and the review's errors, marked."""
    lines = [f"{indent}{drug.label}: " + ("; ".join(drug.actions) or "no action stated in the review")]
    lines += [f"{indent}caveat: {c}" for c in drug.caveats]
    lines += [f"{indent}erratum: {erratum_text(e)}" for e in drug.errata]
    return lines


def view_text(account: ViewAccount, indent: str = "  ") -> str:
    """A view told in plain text: title, targets, scope, each readout, the caveat line."""
    lines = [f"{account.title} ({account.hypothesis})"]
    if account.drug is None:
        return lines[0]
    if account.answer == "no-target":
        return "\n".join([*lines, f"{indent}{account.answer_text}"])
    lines += [f"{indent}target: {t.label} ({t.where}), {t.actions}" for t in account.targets]
    if account.scope and not any(r.basis for r in account.readouts):  # else each basis and its why say it
        lines.append(f"{indent}scope: {account.scope}")
    if account.answer in ("not-covered", "no-path"):
        lines.append(f"{indent}{account.answer_text}")
    shared = shared_basis(account)
    if shared is not None:
        lines += basis_lines(shared, indent)
    told: tuple[Chain, ...] = ()
    said: frozenset = frozenset()
    for readout in account.readouts:
        lines += readout_lines(readout, indent, with_basis=shared is None, told=told, said=said)
        told += readout.chains
        said |= frozenset(readout.requirements)
    if account.marks_note:  # (no extrapolation note: every extrapolated readout's basis line says so)
        lines.append(f"{indent}note: {account.marks_note}")
    return "\n".join(lines)
