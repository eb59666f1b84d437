"""Markup written as text, every data string escaped: the one-file explorer's HTML and the
question banks' XML (QTI, Moodle) share these two helpers."""

from __future__ import annotations

from html import escape

__all__ = ["el", "text"]


def el(tag: str, content: str = "", **attributes) -> str:
    """One element; ``content`` is markup (escape text first), attribute values are escaped.

    Attribute names lose a trailing ``_`` and turn ``_`` into ``-``; None is left out.
    """
    pairs = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v), quote=True)}"'
                    for k, v in attributes.items() if v is not None)
    return f"<{tag}{pairs}>{content}</{tag}>"


def text(tag: str, words: str, *, quote: bool = True, **attributes) -> str:
    """An element holding plain text; ``quote=False`` leaves quotes as they are (text
    content needs no quote escaped; the one-file explorer escapes them everywhere)."""
    return el(tag, escape(words, quote=quote), **attributes)
