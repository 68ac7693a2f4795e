"""Shared fixtures: the real handbook, the real built site, a real browser.

The site is built once per test session with `mkdocs build --strict` into a
temporary directory and served on 127.0.0.1; browser tests drive Debian's
Chromium through Playwright (found through $CHROMIUM, else /usr/bin/chromium).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

os.environ.setdefault("PYTHAINLP_DATA", str(REPO_ROOT / ".pythainlp-data"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The content the tests read: processes/ of this checkout, or another folder of the same
# shape ($HANDBOOK_CONTENT). The site fixtures build this checkout's mkdocs.yml, which reads
# its own processes/: to test a whole edited copy, run the suite inside that copy
# (tests/test_editor_change.py does).
CONTENT_DIR = Path(os.environ.get("HANDBOOK_CONTENT") or REPO_ROOT / "processes").resolve()

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def handbook():
    from hooks.handbook import load_handbook

    return load_handbook(CONTENT_DIR, repo_root=REPO_ROOT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The site is built for the address it is served from, as a deployment sets SITE_URL:
# Material's instant navigation only follows links of the sitemap's own host and port.
SITE_PORT = _free_port()
SITE_ADDRESS = f"http://127.0.0.1:{SITE_PORT}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built the way the README builds it."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
        cwd=REPO_ROOT, capture_output=True, text=True, env={**os.environ, "SITE_URL": SITE_ADDRESS},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", SITE_PORT), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium not found: install Debian's chromium or set $CHROMIUM (see README)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """A browser tab that records page errors and every request leaving 127.0.0.1."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.site_url = site_url
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.offsite: list[str] = []
        host = urlsplit(site_url).netloc
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: self.offsite.append(r.url)
                if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).netloc != host else None)

    def goto(self, path: str):
        self.page.goto(self.site_url + path.lstrip("/"))
        self.page.wait_for_load_state("networkidle")
        return self.page


# Material draws each diagram into a closed shadow root; opening it lets tests read the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
"""


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    return context


@pytest.fixture
def tab(browser, site_url):
    context = new_context(browser)
    page = context.new_page()
    watch = PageWatch(page, site_url)
    yield watch
    context.close()
