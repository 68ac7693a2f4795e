#!/usr/bin/env python
"""Page-weight benchmark: what a first visit of each kind of page downloads.

Builds the site (``mkdocs build --strict``) or takes ``--site DIR``, serves it on
127.0.0.1 twice (files as they are, and gzip-compressed as a web server configured
as MAINTAINING.md sends them), opens one page of each kind in a fresh headless
Chromium context (empty cache) and adds up the bytes of every response, the search
worker's included. Prints, per page kind, the bytes raw and gzip-compressed, what
share the search data and the Mermaid library take, and the ratio to the 1 MB target
of a page without a diagram; with ``--throttle``, also the time to the load event
and to the last byte on a 200 KB/s link with 150 ms latency (informative: timings
depend on the machine; tests never assert them).

    python tests/benchmarks/page_weight_benchmark.py [--site DIR] [--throttle]

Sizes are the body bytes on the wire (Playwright's request.sizes()); Brotli would be
smaller again (not measured: Python's standard library has no Brotli encoder).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET = 1_000_000  # bytes: first visit of a page without a diagram (issue 12)
PAGE_KINDS = {
    "home": "", "duty": "duty/supervision/", "process": "process/qa-external-assessment/",
    "sub-process": "process/curriculum-basic/", "role": "role/supervisor/",
    "reference": "ref/esa-divisions-primary-2553/", "calendar": "calendar/", "matrix": "matrix/",
    "glossary": "glossary/", "district": "district/ayutthaya-1-monitoring-committee/", "errata": "errata/",
}
THROTTLED_KINDS = ("home", "process", "calendar")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def kind_of(url: str) -> str:
    path = urlsplit(url).path
    if "/search/" in path or "/thai-search/" in path:
        return "search"
    if "Mermaid" in path:
        return "mermaid"
    if path.endswith(".woff2"):
        return "fonts"
    if path.endswith(".js"):
        return "scripts"
    if path.endswith(".css"):
        return "styles"
    if path.endswith(("/", ".html")):
        return "page"
    return "other"


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Gzipped(_Files):
    """Text files gzip-compressed (level 6, nginx's and Apache's usual), as MAINTAINING.md configures it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or not path.name.endswith(COMPRESSIBLE)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(directory: Path, handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_visit(browser, url: str, throttle: bool = False) -> dict:
    """Bytes per kind of file for one page opened with an empty cache (and timings if throttled)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    done = []
    page.on("requestfinished", lambda request: done.append(request))
    if throttle:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                     "downloadThroughput": 200 * 1024, "uploadThroughput": 200 * 1024})
    started = time.perf_counter()
    page.goto(url, wait_until="load", timeout=300_000)
    loaded = time.perf_counter() - started
    page.wait_for_load_state("networkidle", timeout=300_000)
    idle = time.perf_counter() - started - 0.5  # networkidle waits 500 ms without requests
    has_diagram = page.evaluate("() => document.querySelectorAll('article .mermaid').length > 0")
    by_kind: dict[str, int] = {}
    for request in done:
        if request.url.startswith("data:"):
            continue
        size = request.sizes()["responseBodySize"]
        by_kind[kind_of(request.url)] = by_kind.get(kind_of(request.url), 0) + max(size, 0)
    context.close()
    return {"bytes": sum(by_kind.values()), "by_kind": by_kind, "load_s": loaded, "idle_s": idle,
            "requests": len(done), "diagram": has_diagram}


def build(dest: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit("mkdocs build failed")


def kb(n: int) -> str:
    return f"{n / 1000:8.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--throttle", action="store_true", help="also time loads on 200 KB/s, 150 ms")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        results: dict[str, dict[str, dict]] = {"raw": {}, "gzip": {}}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                                 args=CHROMIUM_ARGS)
            for mode, handler in (("raw", _Files), ("gzip", _Gzipped)):
                with serve(site, handler) as base:
                    for kind, path in PAGE_KINDS.items():
                        results[mode][kind] = first_visit(browser, base + path)
                        if args.throttle and kind in THROTTLED_KINDS:
                            results[mode][kind]["throttled"] = first_visit(browser, base + path, throttle=True)
            browser.close()

    print("First visit, empty cache: kB downloaded (1 kB = 1000 bytes)")
    print(f"{'page kind':12} {'raw':>8} {'gzip':>8} {'search':>8} {'search gz':>9} {'mermaid':>8} "
          f"{'fonts':>6} {'reqs':>4}  {'gzip / 1 MB':>11}")
    for kind in PAGE_KINDS:
        raw, packed = results["raw"][kind], results["gzip"][kind]
        print(f"{kind:12} {kb(raw['bytes'])} {kb(packed['bytes'])} {kb(raw['by_kind'].get('search', 0))} "
              f"{kb(packed['by_kind'].get('search', 0)):>9} {kb(raw['by_kind'].get('mermaid', 0))} "
              f"{raw['by_kind'].get('fonts', 0) / 1000:6.0f} {raw['requests']:4}  {packed['bytes'] / TARGET:11.2f}")
    plain = {kind: r for kind, r in results["raw"].items() if not r["diagram"]}
    with_diagram = [kind for kind, r in results["raw"].items() if r["by_kind"].get("mermaid")]
    heaviest = max(plain, key=lambda kind: plain[kind]["bytes"])
    search_raw = plain[heaviest]["by_kind"].get("search", 0)
    print()
    print(f"Mermaid downloaded by: {', '.join(with_diagram) or 'no page'}")
    print(f"Heaviest page without a diagram: {heaviest}: {plain[heaviest]['bytes'] / TARGET:.2f} x the 1 MB target raw, "
          f"{results['gzip'][heaviest]['bytes'] / TARGET:.2f} x gzip-compressed; without the search data "
          f"{(plain[heaviest]['bytes'] - search_raw) / TARGET:.2f} x raw (search data {search_raw / 1000:.0f} kB raw, "
          f"{results['gzip'][heaviest]['by_kind'].get('search', 0) / 1000:.0f} kB gzip)")
    if args.throttle:
        print()
        print("On 200 KB/s with 150 ms latency (informative): seconds to the load event / to the last byte")
        for kind in THROTTLED_KINDS:
            raw, packed = results["raw"][kind]["throttled"], results["gzip"][kind]["throttled"]
            print(f"{kind:12} raw {raw['load_s']:5.1f} / {raw['idle_s']:5.1f}   gzip {packed['load_s']:5.1f} / {packed['idle_s']:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
