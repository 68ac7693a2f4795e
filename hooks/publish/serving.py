"""A built site served on 127.0.0.1 for headless Chromium (the PDFs, the benchmarks).

The site's own scripts draw the diagrams and load the font, which needs a real
origin (fonts and workers are refused to pages from other origins). Extra documents
(the composed PDF pages) are served from memory next to the site's files.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from collections.abc import Iterator


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra: dict[str, bytes] = {}

    def log_message(self, *args):  # quiet: the caller reports what matters
        pass

    def do_GET(self):
        body = self.extra.get(self.path.split("?", 1)[0])
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, extra: dict[str, bytes] | None = None) -> Iterator[str]:
    """Serve `directory` (and `extra`: URL path -> HTML bytes, changeable while served);
    yields the base URL, e.g. http://127.0.0.1:41234/."""
    handler = type("Handler", (_Handler,), {"extra": extra if extra is not None else {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
