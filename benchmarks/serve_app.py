"""Serve the explorer (``ours``) or the bare Dash baseline (``bare``) as ``moa-explorer serve`` does.

    python benchmarks/serve_app.py ours 8121
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from explorer.serving.server import serve  # noqa: E402


def main(which: str, port: int) -> None:
    if which == "ours":
        from explorer.app import create_app

        app = create_app()
    else:
        from bare_app import app
    serve(app, host="127.0.0.1", port=port)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
