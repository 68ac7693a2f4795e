"""The editing loop: under `mkdocs serve`, a saved mistake shows in the browser and a fix brings the page back.

A scratch copy of the project is served on a free port; a reader's page is open in
Chromium while a YAML file is broken and then fixed, as an editor would do it.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PROCESS_FILE = "processes/national/03-2-assessment-area.yaml"
ROLE = "responsible: [supervision-group]"
TYPO = "responsible: [supervision-grop]"


@pytest.fixture
def served_copy(tmp_path):
    for entry in ("mkdocs.yml", "docs", "hooks", "processes"):
        source = REPO_ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / entry)
    from conftest import _free_port

    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=tmp_path,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "THAI_SEARCH": "off"})  # the search index is not what this test is about
    address = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(address, timeout=5)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(1)
        yield tmp_path, address
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and nothing else: its own process group
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_a_broken_file_shows_its_problems_in_the_open_page_and_the_fix_brings_the_page_back(browser, served_copy):
    root, address = served_copy
    from conftest import new_context

    context = new_context(browser)
    page = context.new_page()
    page.goto(address + "process/assessment-area/")
    heading = page.locator("article h1").inner_text()
    assert heading.startswith("3.2 ")

    path = root / PROCESS_FILE
    text = path.read_text("utf-8")
    assert ROLE in text
    path.write_text(text.replace(ROLE, TYPO, 1), "utf-8")
    # livereload reloads the reader's page onto the problems, in Thai, with file and line
    # (a page being reloaded has no body for a moment)
    page.wait_for_function("() => document.body && document.body.innerText.includes('พบปัญหาในเนื้อหา')", timeout=120_000)
    problems = page.locator(".hb-content-errors").inner_text()
    assert "processes/national/03-2-assessment-area.yaml:" in problems
    assert "ไม่รู้จักรหัสบทบาท `supervision-grop`" in problems
    assert "supervision-group" in problems  # the fix names the right id
    # an address the last good build did not have says the same
    missing = context.new_page()
    missing.goto(address + "no-such-page/")
    assert "พบปัญหาในเนื้อหา" in missing.locator("body").inner_text()
    missing.close()

    path.write_text(text, "utf-8")
    page.wait_for_function("() => document.body && document.querySelector('article h1') "
                           "&& !document.body.innerText.includes('พบปัญหาในเนื้อหา')", timeout=120_000)
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text() == heading
    log = (root / "serve.log").read_text("utf-8", errors="replace")
    assert "Traceback" not in log
    assert "supervision-grop" in log  # the terminal says it too
    context.close()
