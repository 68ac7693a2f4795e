"""MkDocs hooks for the handbook off the web server (thin layer over hooks/publish).

* on_env: template filters for the theme override (docs/overrides/main.html): the
  running header of printed pages, and which PDF a page links to.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.publish.pdf import pdf_of_page  # noqa: E402
from hooks.publish.printing import running_header  # noqa: E402


def on_env(env, config, files, **kwargs):
    env.filters["print_running_header"] = running_header
    env.filters["pdf_of_page"] = pdf_of_page
    return env
