"""MkDocs hooks of the handbook: hand the generated pages to MkDocs, nothing more.

All domain logic lives in `hooks/handbook/` (no MkDocs there); these functions
only orchestrate: load content and plan the site with its navigation (on_config),
add the pages with edit links pointing at their YAML (on_files), put back the HTML
blocks the Markdown engine did not need to see and tell MkDocs the anchors in them
and the page's search weight (on_page_content), check links (on_post_build).
Broken content stops `mkdocs build` with the editor's messages (PluginError, no
traceback); under `mkdocs serve` the pages show those messages instead (on_startup
says which command runs).
"""
from __future__ import annotations

import logging
import sys
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook import ContentError  # noqa: E402
from hooks.handbook.history import last_content_change  # noqa: E402
from hooks.handbook.linkcheck import broken_links  # noqa: E402
from hooks.handbook.pages import Site, anchor_ids, problem_site, restore_html  # noqa: E402
from hooks.handbook.problems import Problem, inert  # noqa: E402
from hooks.check import content_problems  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")

# Module state survives rebuilds under `mkdocs serve`: reset in on_config.
_site = None
_pages: dict = {}  # docs path -> generated Page
_html_blocks: dict[str, list[str]] = {}  # docs path -> HTML blocks set aside from its Markdown
_hand_written = False  # any Markdown page in docs/ (whose links to anchors MkDocs validates)
_serving = False  # `mkdocs serve`: broken content is shown in the browser instead of stopping the server
_last_good: Site | None = None  # the last site built under `mkdocs serve`: its pages show the errors
_showing_errors = False


def on_startup(command, **kwargs):
    global _serving
    _serving = command == "serve"


def on_config(config, **kwargs):
    global _site, _hand_written, _last_good, _showing_errors
    _site, _hand_written, _showing_errors = None, False, False
    _pages.clear()
    _html_blocks.clear()
    processes = Path(config.config_file_path).resolve().parent / "processes"
    try:
        _handbook, site, problems = content_problems(processes, REPO_ROOT, content_date=last_content_change(processes))
        if problems:
            raise ContentError(problems)
    except ContentError as error:
        problems = error.problems
    except Exception as error:  # noqa: BLE001 - a bug of ours, not the editor's: said in one line, never a traceback
        problems = [Problem("hooks/", 0, "", f"ข้อผิดพลาดภายในของระบบสร้างเว็บ (internal error): "
                            f"{type(error).__name__}: {error}", "แจ้งผู้ดูแลพร้อมข้อความนี้ (please report this message)")]
    else:
        _site = site
        config.extra.pop("content_problems", None)
        if _serving:
            _last_good = site
        config.nav = site.nav
        return config
    report = ContentError(problems).report()
    if not _serving:
        raise PluginError("\n" + report)
    # Under `mkdocs serve` a failed build would leave the browser waiting with no word:
    # build instead a site whose every page (those of the last good build) lists the
    # problems; livereload reloads the reader's page onto them, and the next good build back.
    print(report, file=sys.stderr)  # noqa: T201 - not a log record: --strict must not stop the server
    _showing_errors = True
    config.extra["content_problems"] = True  # the other hooks leave processes/ alone
    _site = problem_site(problems, _last_good)
    config.nav = _site.nav
    return config


def on_files(files, config, **kwargs):
    global _hand_written
    _hand_written = any(file.generated_by is None for file in files.documentation_pages())
    for page in _site.pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)  # a hand-written page of the same name would shadow the data
            log.warning("docs/%s is replaced by the page generated from processes/", inert(page.path))
        markdown, _html_blocks[page.path] = page.markdown_without_html()
        _pages[page.path] = page
        file = File.generated(config, page.path, content=markdown)
        # the YAML to edit, or None for derived pages; quoted: a path is never markup in the link
        file.edit_uri = quote(page.edit_source) if page.edit_source else None
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
    site_dir = Path(config.site_dir)
    if _showing_errors:
        # An address the last good build did not have still shows the problems (livereload's 404
        # page), at any depth: <base> makes the copy's relative links start from the site's root.
        base = urlsplit(config.site_url or "/").path or "/"
        index = (site_dir / "index.html").read_text("utf-8")
        (site_dir / "404.html").write_text(index.replace("<head>", f'<head><base href="{escape(base)}">', 1), "utf-8")
        return
    problems = broken_links(site_dir, base_path=urlsplit(config.site_url or "/").path)
    if problems:
        lines = [inert(f"  {page}: {href} — {why}") for page, href, why in problems]
        raise PluginError(f"ลิงก์เสีย {len(problems)} รายการ (broken links):\n" + "\n".join(lines))
