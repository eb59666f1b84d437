"""Serve the explorer (``ours``) or the bare Dash baseline (``bare``) as ``moa-explorer serve`` does.

    python benchmarks/serve_app.py ours 8121
    python benchmarks/serve_app.py ours 8121 --plain   # plain waitress, the same settings, no guards

``--plain`` is the baseline of the trickling-socket benchmark: waitress's own server,
without the per-address cap and the request deadline of ``explorer.serving.server``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from explorer.serving.server import serve, server_settings  # noqa: E402


def main(which: str, port: int, plain: bool = False) -> None:
    if which == "ours":
        from explorer.app import create_app

        app = create_app()
    else:
        from bare_app import app
    if plain:
        import waitress

        settings = {**server_settings(), "max_request_body_size": app.server.config.get("MAX_CONTENT_LENGTH")
                    or 1024 * 1024}
        waitress.serve(app.server, host="127.0.0.1", port=port, **settings)
    else:
        serve(app, host="127.0.0.1", port=port)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), plain="--plain" in sys.argv[3:])
