"""MkDocs hook: mermaid2's page pass, without re-parsing whole pages.

With Material, mermaid2 is used with its `fence_mermaid_custom` fence: Material's
loader draws the diagrams with the local Mermaid file, and mermaid2's own page
pass (on_post_page) only appends its `<script>` lines to the `<body>` of each page
that has a diagram. To append them it parses and re-serialises the whole page with
BeautifulSoup: 50 ms a page, more than the rest of the page's build.

Here mermaid2 still decides what to append: its own on_post_page runs on a probe
page holding one diagram, and what it appended there goes before the real page's
`</body>`. tests/test_flowcharts.py checks the result against mermaid2's own pass
on every diagram page of the built site. In any other mode (no custom fence)
mermaid2 keeps its own pass.
"""
from __future__ import annotations

import re

# The custom fence writes <pre class="mermaid"><code>…, which mermaid2 counts with
# the selector "pre.mermaid code".
_DIAGRAM = re.compile(r'<pre\b[^>]*\bclass="(?:[^"]*\s)?mermaid(?:\s[^"]*)?"[^>]*>\s*<code\b')
_PROBE_DIAGRAM = '<pre class="mermaid"><code>flowchart TD\n</code></pre>'
_PROBE = f"<!DOCTYPE html><html><head></head><body>{_PROBE_DIAGRAM}</body></html>"


def on_config(config, **kwargs):
    plugin = config.plugins.get("mermaid2")
    if plugin is None:
        return config
    handlers = config.plugins.events["post_page"]
    origins = getattr(config.plugins, "_event_origins", {})  # MkDocs' record of which plugin runs
    for index, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is plugin:  # a bound method: not wrapped yet
            handlers[index] = appending_only(plugin, handler)
            origins[handlers[index]] = origins.get(handler, "mermaid2")  # logs still name mermaid2
    return config


def appending_only(plugin, mermaid2_on_post_page):
    """mermaid2's on_post_page, appending what it appends to a one-diagram page."""

    def on_post_page(output, *, config, page, **kwargs):
        if not plugin.activate_custom_loader:
            return mermaid2_on_post_page(output, config=config, page=page, **kwargs)
        if not _DIAGRAM.search(output):
            return output  # no diagram: mermaid2 adds nothing
        probe = mermaid2_on_post_page(_PROBE, config=config, page=page, **kwargs)
        start, stop, end = probe.find(_PROBE_DIAGRAM), probe.rfind("</body>"), output.rfind("</body>")
        if start < 0 or stop < 0 or end < 0:  # mermaid2 changed more than it appended: let it do its own pass
            return mermaid2_on_post_page(output, config=config, page=page, **kwargs)
        return output[:end] + probe[start + len(_PROBE_DIAGRAM):stop] + output[end:]

    return on_post_page
