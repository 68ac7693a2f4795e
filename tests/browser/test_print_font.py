"""The official font, bundled: every page draws its text in Sarabun from the site itself.

Chromium tells which font drew each glyph of a node (DevTools CSS.getPlatformFontsForNode);
a second Chromium that sees only Latin system fonts (fontconfig limited to DejaVu) is the
office PC without Thai fonts: with the bundled font the Thai text is still Sarabun, and
with the font files blocked it is not (the boxes readers used to see).
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from conftest import CHROMIUM_ARGS, OPEN_SHADOW_ROOTS, chromium_path

# One page of each kind: home, duty, process, sub-process, role, reference, calendar,
# matrix, glossary, district, errata.
PAGE_KINDS = ["", "duty/supervision/", "process/qa-external-assessment/", "process/curriculum-basic/",
              "role/supervisor/", "ref/esa-divisions-primary-2553/", "calendar/", "matrix/", "glossary/",
              "district/ayutthaya-1-monitoring-committee/", "errata/"]
LATIN_ONLY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def fonts_drawing(page, selector: str) -> list[dict]:
    """The fonts Chromium used for the glyphs of the first element matching `selector`."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector} on {page.url}"
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return fonts


def only_sarabun(fonts: list[dict]) -> bool:
    return bool(fonts) and all(font["isCustomFont"] and font["familyName"].startswith("Sarabun") for font in fonts)


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_every_kind_of_page_draws_its_text_in_the_bundled_sarabun(tab, path):
    page = tab.goto(path)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    # a paragraph in the characters the bundled subsets hold (Thai, Latin-1, punctuation);
    # symbols such as the matrix's ● are drawn by a system font
    assert page.evaluate("""() => {
        const words = /^[\\u0e01-\\u0e5b\\u0020-\\u007e\\u00a0-\\u00ff\\u2000-\\u206f\\s]+$/;
        const p = [...document.querySelectorAll('article p, article li, article dd, article th, article td')]
            .find(e => e.textContent.trim() && words.test(e.textContent));
        if (p) p.setAttribute('data-probe', '');
        return !!p;
    }""")
    for selector in ("article h1", "article [data-probe]", ".md-header__topic .md-ellipsis"):
        assert only_sarabun(fonts_drawing(page, selector)), (path, selector, fonts_drawing(page, selector))
    loaded = page.evaluate("""() => [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Sarabun'
                                        && f.status === 'loaded').length""")
    assert loaded >= 2  # at least the Thai and Latin faces of the body text
    font_files = page.evaluate("performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.woff2/.test(n))")
    assert font_files and {urlsplit(url).netloc for url in font_files} == {urlsplit(tab.site_url).netloc}
    assert tab.errors == [] and tab.offsite == []


def test_printed_pages_use_the_bundled_font_too(tab):
    page = tab.goto("process/qa-external-assessment/")
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready")
    assert only_sarabun(fonts_drawing(page, "article .hb-step-text"))
    assert tab.offsite == []


@pytest.fixture(scope="module")
def latin_only_browser(browser, tmp_path_factory):
    """Chromium on a machine whose only system fonts are Latin (DejaVu)."""
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "fonts.conf").write_text(LATIN_ONLY_FONTCONFIG.format(cache=folder / "cache"), encoding="utf-8")
    latin_only = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                             env={**os.environ, "FONTCONFIG_FILE": str(folder / "fonts.conf")})
    yield latin_only
    latin_only.close()


@pytest.mark.parametrize("bundled_font", [True, False], ids=["with the bundled font", "font files blocked"])
def test_thai_text_renders_on_a_machine_without_thai_fonts(latin_only_browser, site_url, bundled_font):
    context = latin_only_browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    offsite = []
    page.on("request", lambda r: offsite.append(r.url) if urlsplit(r.url).netloc != urlsplit(site_url).netloc else None)
    if not bundled_font:
        page.route("**/*.woff2", lambda route: route.abort())
    page.goto(site_url + "process/qa-research/")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    for selector in ("article h1", "article .hb-step-text"):
        fonts = fonts_drawing(page, selector)
        if bundled_font:
            assert only_sarabun(fonts), (selector, fonts)
        else:  # the control: this browser really has no Thai font of its own
            assert not any(font["isCustomFont"] for font in fonts) and not any(
                "Sarabun" in font["familyName"] or font["familyName"] in ("Loma", "Garuda", "Tahoma") for font in fonts)
    assert offsite == []
    context.close()
