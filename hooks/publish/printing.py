"""What printed pages carry besides the page itself: the running header.

print.css sets the page box, the page numbers and what is hidden; the header texts
differ per page, so each page's head holds its own `@page` rule (a CSS margin box:
Chromium draws them in print preview and in `page.pdf()`), written with `css_string`.
"""
from __future__ import annotations

import html


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that is also safe inside an HTML <style> element.

    Quotes, backslashes, control characters and <, >, & become CSS escapes, so no
    content can end the string, the rule or the <style> element.
    """
    out = []
    for char in " ".join(str(text).split()):
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def running_header(site_name: str, page_title_html: str) -> str:
    """The `@page` rule of one page: the handbook's name left, the page's title right.

    `page_title_html` is the title as the theme receives it (HTML-escaped by the page
    generator); the header shows the text itself. Without a title (the home page,
    whose title is the handbook's) only the handbook's name is shown.
    """
    right = f" @top-right {{ content: {css_string(html.unescape(page_title_html))}; }}" if page_title_html else ""
    return f"@page {{ @top-left {{ content: {css_string(site_name)}; }}{right} }}"
