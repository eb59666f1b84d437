"""The palette: the highlight reads apart from "inhibits" and "activates" in colour, in grey and under CVD.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira &
Fernandes (2009), severity 1.0, applied in linear RGB; lightness differences are
WCAG relative luminance contrast ratios.
"""

from __future__ import annotations

import colorsys

import pytest

from explorer.style import EFFECT_STYLE, HIGHLIGHT

#: Machado et al. 2009, severity 1.0 (linear RGB).
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
}


def to_linear(hex_colour: str) -> tuple[float, float, float]:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return tuple(channel(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))


def from_linear(rgb) -> tuple[float, float, float]:
    def channel(c: float) -> float:
        c = min(max(c, 0.0), 1.0)
        return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
    return tuple(channel(c) for c in rgb)


def simulate(hex_colour: str, deficiency: str) -> tuple[float, float, float]:
    rgb = to_linear(hex_colour)
    return tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in MACHADO[deficiency])


def luminance(linear_rgb) -> float:
    r, g, b = linear_rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(linear_rgb) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a linear RGB colour, for the ΔE between two colours."""
    r, g, b = linear_rgb
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = (f(c / w) for c, w in zip(xyz, white, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(lab(a), lab(b), strict=True)) ** 0.5


ARROWS = {effect: EFFECT_STYLE[effect]["colour"] for effect in ("inhibits", "activates")}


def test_the_highlight_does_not_share_a_hue_with_inhibits():
    def hue(hex_colour):
        return colorsys.rgb_to_hsv(*(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0] * 360
    gap = abs(hue(HIGHLIGHT["lit"]) - hue(ARROWS["inhibits"]))
    assert min(gap, 360 - gap) >= 30


@pytest.mark.parametrize("effect", list(ARROWS))
def test_the_highlight_reads_apart_from_the_arrows_in_greyscale(effect):
    """Lightness alone (a greyscale print, a washed-out projector) keeps them apart: WCAG ≥ 3:1."""
    assert contrast(to_linear(HIGHLIGHT["lit"]), to_linear(ARROWS[effect])) >= 3


@pytest.mark.parametrize("deficiency", list(MACHADO))
@pytest.mark.parametrize("effect", list(ARROWS))
def test_the_highlight_reads_apart_from_the_arrows_under_colour_blindness(deficiency, effect):
    lit, arrow = simulate(HIGHLIGHT["lit"], deficiency), simulate(ARROWS[effect], deficiency)
    assert delta_e(lit, arrow) >= 40            # clearly different colours, not a near match
    assert contrast(lit, arrow) >= 3            # and still apart in lightness


@pytest.mark.parametrize("deficiency", list(MACHADO))
def test_the_old_orange_highlight_would_have_failed(deficiency):
    """The check can fail: the former highlight (Okabe–Ito orange) nearly matches vermillion."""
    orange, vermillion = simulate("#E69F00", deficiency), simulate(ARROWS["inhibits"], deficiency)
    assert contrast(orange, vermillion) < 3 or delta_e(orange, vermillion) < 40


def test_the_simulation_leaves_grey_grey():
    grey = to_linear("#777777")
    for deficiency in MACHADO:
        assert all(abs(a - b) < 0.01 for a, b in zip(from_linear(simulate("#777777", deficiency)),
                                                      from_linear(grey), strict=True))
