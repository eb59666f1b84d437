"""The pinned Node tools the tests drive, installed on first use.

``tests/js/package.json`` and its lock file pin them: axe-core (Deque's accessibility
engine, which the browser tests inject into the page), @citolab/qti-convert (an
independent reader of QTI packages, which upgrades them to QTI 3) and gift-pegjs (a
parser of Moodle's GIFT format). ``npm ci`` installs exactly the locked versions
into ``tests/js/node_modules`` the first time a test asks; a machine without npm fails
the test that needs it (never a silent skip).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["JS", "axe_source", "node_modules", "run_node"]

JS = Path(__file__).parent / "js"


def node_modules() -> Path:
    """``tests/js/node_modules``, installed from the lock file if it is not there yet."""
    modules = JS / "node_modules"
    if not (modules / ".package-lock.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed for the pinned test tools in tests/js (Node.js 20 with npm)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=JS, check=True)
    return modules


def axe_source() -> str:
    """axe-core's browser script (the pinned version), to inject into a page."""
    return (node_modules() / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def run_node(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``node ARGS…`` run in ``tests/js`` (the pinned tools installed first), output captured."""
    node_modules()
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for the pinned test tools in tests/js (Node.js 20)")
    return subprocess.run([node, *args], cwd=JS, capture_output=True, text=True, timeout=timeout, check=False)
