"""MkDocs hooks for the handbook off the web server (thin layer over hooks/publish).

* on_env: template filters for the theme override (docs/overrides/main.html): the
  running header of printed pages, and which PDF a page links to.
* With HANDBOOK_OFFLINE=1 (`./handbook build --offline`), the copy that works from disk
  (hooks/publish/offline.py): on_config turns directory URLs and instant navigation off
  and adds the bundled worker shim; on_post_page makes the generated pages' directory links name their
  files; on_post_build (after the Thai search index is written) adds the search data
  as scripts.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.publish import offline  # noqa: E402
from hooks.publish.pdf import pdf_of_page  # noqa: E402
from hooks.publish.printing import running_header  # noqa: E402

# Module state survives rebuilds under `mkdocs serve`: reset in on_config.
_files_by_directory_url: dict[str, str] = {}


def _offline() -> bool:
    return os.environ.get("HANDBOOK_OFFLINE", "").lower() in ("1", "yes", "true", "on")


def on_config(config, **kwargs):
    _files_by_directory_url.clear()
    if not _offline():
        return config
    config.use_directory_urls = False
    # Material's instant navigation does not run on file:// and, left on, completes the
    # page-load signal before the page has loaded: no diagram would be drawn.
    features = config.theme["features"]
    features[:] = [name for name in features if not name.startswith("navigation.instant")]
    polyfills = config.extra.setdefault("polyfills", [])
    if offline.SHIM not in polyfills:
        polyfills.append(offline.SHIM)
    return config


def on_env(env, config, files, **kwargs):
    env.filters["print_running_header"] = running_header
    env.filters["pdf_of_page"] = pdf_of_page
    return env


def on_files(files, config, **kwargs):
    if _offline():
        for file in files.documentation_pages():
            _files_by_directory_url[offline.directory_url(file.src_uri)] = file.dest_uri
    return files


def on_post_page(output, page, config, **kwargs):
    if not _offline():
        return output
    return offline.file_links(output, page.file.src_uri, page.file.dest_uri, _files_by_directory_url)


@event_priority(-200)  # after hooks/mkdocs_thai_search.py has written search/thai_index.json
def on_post_build(config, **kwargs):
    if _offline():
        offline.write_search_scripts(Path(config.site_dir))
