"""MkDocs hooks of the handbook: hand the generated pages to MkDocs, nothing more.

All domain logic lives in `hooks/handbook/` (no MkDocs there); these functions
only orchestrate: load content and plan the site with its navigation (on_config),
add the pages with edit links pointing at their YAML (on_files), put back the HTML
blocks the Markdown engine did not need to see and tell MkDocs the anchors in them
and the page's search weight (on_page_content), check links (on_post_build).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook import ContentError, load_handbook  # noqa: E402
from hooks.handbook.history import last_content_change  # noqa: E402
from hooks.handbook.linkcheck import broken_links  # noqa: E402
from hooks.handbook.pages import anchor_ids, build_pages, restore_html  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")

# Module state survives rebuilds under `mkdocs serve`: reset in on_config.
_site = None
_pages: dict = {}  # docs path -> generated Page
_html_blocks: dict[str, list[str]] = {}  # docs path -> HTML blocks set aside from its Markdown
_hand_written = False  # any Markdown page in docs/ (whose links to anchors MkDocs validates)


def on_config(config, **kwargs):
    global _site, _hand_written
    _site, _hand_written = None, False
    _pages.clear()
    _html_blocks.clear()
    processes = Path(config.config_file_path).resolve().parent / "processes"
    try:
        handbook = load_handbook(processes, repo_root=REPO_ROOT)
    except ContentError as error:
        raise PluginError("\n" + error.report()) from None
    _site = build_pages(handbook, content_date=last_content_change(processes))
    config.nav = _site.nav
    return config


def on_files(files, config, **kwargs):
    global _hand_written
    _hand_written = any(file.generated_by is None for file in files.documentation_pages())
    for page in _site.pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)  # a hand-written page of the same name would shadow the data
            log.warning("docs/%s is replaced by the page generated from processes/", page.path)
        markdown, _html_blocks[page.path] = page.markdown_without_html()
        _pages[page.path] = page
        file = File.generated(config, page.path, content=markdown)
        file.edit_uri = page.edit_source  # the YAML to edit, or None for derived pages
        files.append(file)
    return files


@event_priority(50)  # before any other hook or plugin reads the page's HTML
def on_page_content(html, page, **kwargs):
    blocks = _html_blocks.get(page.file.src_uri)
    if blocks is None:
        return html
    # MkDocs validates the links to anchors of hand-written pages against the ids it saw
    # while rendering: tell it the ids of the blocks it did not see.
    if _hand_written and page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(blocks)
    boost = _pages[page.file.src_uri].search_boost
    if boost is not None:  # Material's per-page search weight; a page's own front matter wins
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", boost)
    return restore_html(html, blocks)


def on_post_build(config, **kwargs):
    problems = broken_links(Path(config.site_dir), base_path=urlsplit(config.site_url or "/").path)
    if problems:
        lines = [f"  {page}: {href} — {why}" for page, href, why in problems]
        raise PluginError(f"ลิงก์เสีย {len(problems)} รายการ (broken links):\n" + "\n".join(lines))
