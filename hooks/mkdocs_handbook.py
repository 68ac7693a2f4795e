"""MkDocs hooks of the handbook: hand the generated pages to MkDocs, nothing more.

All domain logic lives in `hooks/handbook/` (no MkDocs there); these functions
only orchestrate: load content and set the navigation (on_config), add pages
with edit links pointing at their YAML (on_files), check links (on_post_build).
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook import ContentError, load_handbook  # noqa: E402
from hooks.handbook.linkcheck import broken_links  # noqa: E402
from hooks.handbook.pages import build_pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")

# Module state survives rebuilds under `mkdocs serve`: reset in on_config.
_site = None


def on_config(config, **kwargs):
    global _site
    _site = None
    processes = Path(config.config_file_path).resolve().parent / "processes"
    try:
        handbook = load_handbook(processes, repo_root=REPO_ROOT)
    except ContentError as error:
        raise PluginError("\n" + error.report()) from None
    # HANDBOOK_LEAN=1: the benchmark's reference build, without flowcharts and cross-reference pages.
    _site = build_pages(handbook, lean=os.environ.get("HANDBOOK_LEAN") == "1")
    config.nav = _site.nav
    return config


def on_files(files, config, **kwargs):
    for page in _site.pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)  # a hand-written page of the same name would shadow the data
            log.warning("docs/%s is replaced by the page generated from processes/", page.path)
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = page.edit_source  # the YAML to edit, or None for derived pages
        files.append(file)
    return files


def on_post_build(config, **kwargs):
    problems = broken_links(Path(config.site_dir), base_path=urlsplit(config.site_url or "/").path)
    if problems:
        lines = [f"  {page}: {href} — {why}" for page, href, why in problems]
        raise PluginError(f"ลิงก์เสีย {len(problems)} รายการ (broken links):\n" + "\n".join(lines))
