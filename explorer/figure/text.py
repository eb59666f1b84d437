"""Text measurement and wrapping, shared by every renderer.

Text is measured with the advance widths of DejaVu Sans (the first font named, the
one PNG and PDF are drawn with, :mod:`.paint`); the other fonts in the list are narrower, so text
measured this way fits wherever the figure is opened.
"""

from __future__ import annotations

__all__ = ["FONT_FAMILY", "balanced_lines", "block_width", "text_width", "wrap"]

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

# Advance widths of DejaVu Sans (regular, bold) in 1/1000 em, measured with cairo.
_CHARS = "".join(chr(c) for c in range(32, 127)) + "–—‘’“”…·•αβγδεκμσ→⊣▲▼◆○×±≥≤éèöüäíáñç"
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    500, 1000, 318, 318, 518, 518, 1000, 318, 590, 659, 638, 592, 612, 541, 589, 636, 634, 838,
    871, 769, 769, 769, 873, 838, 838, 838, 838, 615, 615, 612, 634, 613, 278, 613, 634, 550,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    500, 1000, 380, 380, 657, 657, 1000, 380, 639, 687, 716, 681, 687, 557, 710, 736, 779, 838,
    914, 769, 769, 769, 873, 838, 838, 838, 838, 678, 678, 687, 712, 675, 343, 675, 712, 593,
)
_WIDTHS = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
_UNKNOWN_WIDTH = 1000  # an unmeasured character: assume a wide one, so text never overflows


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of ``text`` in pixels at font ``size``."""
    widths = _WIDTHS[bold]
    return sum(widths.get(c, _UNKNOWN_WIDTH) for c in text) * size / 1000


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; every line but the last keeps its trailing space.

    Joining the lines gives back ``text`` (with runs of spaces collapsed), so a text
    element made of these lines still contains the whole string. A word too wide for
    a line is cut after a hyphen where it has one (``(2R,6R)-`` | ``hydroxynorketamine``).
    """
    lines: list[str] = []
    line = ""
    for word, glue in _hyphenated(text.split(), size, max_width, bold):
        candidate = f"{line}{word}"
        if line and text_width(candidate, size, bold) > max_width:
            lines.append(line)
            line = f"{word}{glue}"
        else:
            line = f"{candidate}{glue}"
    lines.append(line.rstrip())
    return lines


def _hyphenated(words: list[str], size: float, max_width: float, bold: bool) -> list[tuple[str, str]]:
    """Each word with what follows it (a space), a word too wide for a line cut after its
    hyphens into pieces followed by nothing."""
    out = []
    for word in words:
        if text_width(word, size, bold) <= max_width or "-" not in word[:-1]:
            out.append((word, " "))
            continue
        pieces = word.replace("-", "-\0").split("\0")
        out += [(piece, "") for piece in pieces[:-1]] + [(pieces[-1], " ")]
    return out


def balanced_lines(label: str, size: float, max_width: float) -> list[str]:
    """A node label on one line, or split at the space that gives the narrowest block.

    Like :func:`wrap`, every line but the last keeps its trailing space, so the
    label's text stays whole for a search.
    """
    if text_width(label, size) <= max_width or " " not in label.strip():
        return [label]
    words = label.split()
    splits = [[" ".join(words[:i]) + " ", " ".join(words[i:])] for i in range(1, len(words))]
    best = min(splits, key=lambda lines: block_width(lines, size))
    return best if block_width(best, size) <= max_width * 1.25 else wrap(label, size, max_width)


def block_width(lines: list[str], size: float) -> float:
    return max(text_width(line.rstrip(), size) for line in lines)
