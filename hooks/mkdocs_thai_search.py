"""MkDocs hooks for Thai search (thin layer over hooks/thai_search).

* on_config: note where processes/ is; expose a cache-busting version of the
  worker to the theme override (docs/overrides/main.html).
* on_post_build (after Material's search plugin has written
  site/search/search_index.json): segment every doc with PyThaiNLP, prebuild the
  lunr index with lunr.py and write site/search/thai_index.json, which the
  worker in assets/javascripts/thai-search/ loads.

THAI_SEARCH=off in the environment builds stock Material search instead (the
benchmark uses it to measure the baseline).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.thai_search import Segmenter, build_search_data, load_vocabulary  # noqa: E402

log = logging.getLogger("mkdocs.hooks.thai_search")
WORKER_DIR = Path("assets/javascripts/thai-search")
_state: dict = {}


def _disabled() -> bool:
    return os.environ.get("THAI_SEARCH", "").lower() in ("off", "0", "no", "false")


def _segmenter(processes: Path) -> Segmenter:
    engine = os.environ.get("THAI_SEARCH_ENGINE", "nlpo3")
    vocab = load_vocabulary(processes)
    key = (engine, frozenset(vocab.words), tuple(sorted(vocab.abbreviations.items())))
    if _state.get("key") != key:
        _state["key"] = key
        _state["segmenter"] = Segmenter(vocab, engine=engine)
    return _state["segmenter"]


def on_config(config, **kwargs):
    if _disabled():
        config.extra["thai_search_off"] = True
        return config
    root = Path(config.config_file_path).resolve().parent
    _state["processes"] = root / "processes"
    digest = hashlib.sha1()
    for path in sorted((Path(config.docs_dir) / WORKER_DIR).glob("*.js")):
        digest.update(path.read_bytes())
    config.extra["thai_search_version"] = digest.hexdigest()[:8]
    return config


# Pages found but ranked after the pages they relate to (Material's per-page
# `search.boost` meta, which the worker honours; a page's own front matter wins):
# the errata repeat the handbook's text for reviewers; a district's manual is a
# local version of a national process, which staff look for first. (Role pages and
# the calendar keep the steps they repeat out of the index: data-search-exclude.)
LOW_PRIORITY_PAGES = {"errata/": 0.5, "district/": 0.85}


_CELL_GAP = re.compile(r"(</t[dh]>|</tr>|<br\s*/?>)(?=<)")


def on_page_content(html, page, **kwargs):
    """Before Material indexes the page (on_page_context): set the search boost
    of reviewer pages; put whitespace between table cells, whose text
    Material's indexer would otherwise glue together."""
    if _disabled():
        return html
    # the served site's URL also in the offline copy, whose pages are files (errata.html)
    url = page.url[: -len(".html")] + "/" if page.url.endswith(".html") else page.url
    boost = next((value for prefix, value in LOW_PRIORITY_PAGES.items() if url.startswith(prefix)), None)
    if boost is not None:
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", boost)
    if "<t" not in html:
        return html
    return _CELL_GAP.sub(r"\1\n", html)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config, **kwargs):
    if _disabled():
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        log.warning("no search index at %s: Thai search index not built", path)
        return
    segmenter = _segmenter(_state.get("processes") or Path("processes"))
    search_index = json.loads(path.read_text(encoding="utf-8"))
    data, stats = build_search_data(search_index, segmenter)
    # Same content, UTF-8 instead of \uXXXX escapes: Thai text at half the bytes.
    path.write_text(json.dumps(search_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    out = path.with_name("thai_index.json")
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info(
        "Thai search: %d docs, %d terms, tokenized in %.2f s (%s), lunr prebuild %.2f s",
        stats.docs, stats.terms, stats.tokenize_seconds, segmenter.engine, stats.lunr_seconds,
    )
