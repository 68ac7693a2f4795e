"""MkDocs hooks for Thai search (thin layer over hooks/thai_search).

* on_config: read the synonyms registry (the handbook hook has checked it with the
  rest of the content); expose a cache-busting version of the worker and its
  page script to the theme override (docs/overrides/main.html). Reviewer pages are
  ranked after the pages they repeat by their search weight (hooks/handbook/pages.py).
* on_page_context, around Material's search plugin: Material indexes the page's
  *search view* (hooks/thai_search/page_text.py: no diagram source, labels kept
  apart from their values), then the page gets its own HTML back, unchanged.
* on_post_build (after Material has written site/search/search_index.json):
  segment every doc with PyThaiNLP, prebuild the lunr vectors with lunr.py and
  write site/search/thai_index.json, which holds everything the worker
  (assets/javascripts/thai-search/) needs; Material's own file keeps only its
  `config` (Material's page script reads nothing else from it).

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

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook.problems import ContentError  # noqa: E402
from hooks.thai_search import Segmenter, build_search_data, load_synonyms, load_vocabulary, search_view  # noqa: E402

log = logging.getLogger("mkdocs.hooks.thai_search")
WORKER_DIR = Path("assets/javascripts/thai-search")
# Module state survives rebuilds under `mkdocs serve`: reset in on_config.
_state: dict = {}
_page_html: dict[str, str] = {}  # page URL -> its own HTML while Material indexes the search view


def _disabled() -> bool:
    return os.environ.get("THAI_SEARCH", "").lower() in ("off", "0", "no", "false")


def _segmenter(vocab) -> Segmenter:
    engine = os.environ.get("THAI_SEARCH_ENGINE", "nlpo3")
    key = (engine, frozenset(vocab.words), tuple(sorted(vocab.abbreviations.items())))
    if _state.get("key") != key:
        _state["key"] = key
        _state["segmenter"] = Segmenter(vocab, engine=engine)
    segmenter = _state["segmenter"]
    segmenter.vocab = vocab  # roles and terms may change without changing the dictionary
    return segmenter


def on_config(config, **kwargs):
    _page_html.clear()
    _state.pop("synonyms", None)
    if _disabled():
        config.extra["thai_search_off"] = True
        return config
    root = Path(config.config_file_path).resolve().parent
    processes = _state["processes"] = root / "processes"
    if config.extra.get("content_problems"):
        return config  # `mkdocs serve` is showing content problems (the handbook hook reported the synonyms' too)
    vocab = _state["vocab"] = load_vocabulary(processes)
    # The handbook hook checked the registry with the rest of the content (hooks/mkdocs_handbook.py).
    synonyms, problems = load_synonyms(processes, vocab, repo_root=root)
    if problems:
        raise PluginError("\n" + ContentError(problems).report())
    _state["synonyms"] = synonyms
    digest = hashlib.sha1()
    for path in sorted((Path(config.docs_dir) / WORKER_DIR).glob("*.js")):
        digest.update(path.read_bytes())
    config.extra["thai_search_version"] = digest.hexdigest()[:8]
    return config


# What Material's search plugin does to a page once indexed (plugin.py, on_page_context).
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


@event_priority(100)  # just before Material's search plugin indexes the page
def _index_search_view(context, page, **kwargs):
    if _disabled() or page.content is None:
        return context
    _page_html[page.url] = page.content
    page.content = search_view(page.content)
    return context


@event_priority(-100)  # just after: the page is published as it was, minus search attributes
def _publish_page_html(context, page, **kwargs):
    original = _page_html.pop(page.url, None)
    if original is not None:
        page.content = _SEARCH_ATTRIBUTE.sub("", original)
    return context


on_page_context = CombinedEvent(_index_search_view, _publish_page_html)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config, **kwargs):
    if _disabled() or config.extra.get("content_problems"):
        return  # (content_problems: `mkdocs serve` is showing content problems; processes/ may hold anything)
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        log.warning("no search index at %s: Thai search index not built", path)
        return
    segmenter = _segmenter(_state["vocab"])
    search_index = json.loads(path.read_text(encoding="utf-8"))
    data, stats = build_search_data(search_index, segmenter, _state.get("synonyms") or ())
    # Material's page script reads only `config` from its file (the worker gets the rest).
    path.write_text(json.dumps({"config": search_index.get("config"), "docs": []},
                               ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    out = path.with_name("thai_index.json")
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info(
        "Thai search: %d docs, %d terms, tokenized in %.2f s (%s), lunr prebuild %.2f s",
        stats.docs, stats.terms, stats.tokenize_seconds, segmenter.engine, stats.lunr_seconds,
    )
