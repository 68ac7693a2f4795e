"""What staff come to do, on the built site in Chromium, on a phone (390×844, by
tapping) and on an office screen (1400×900): find their work this month, start from
the home page, land on a page that does not exist, move between pages, scan the
sidebar and the glossary.

Expectations come from the content (processes/), never from counts written here.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from hooks.handbook import paths
from hooks.handbook.contexts import READER_KINDS, index_letter, short_name
from hooks.handbook.crossrefs import build_crossrefs
from hooks.handbook.periods import FISCAL_MONTHS, MONTH_NAMES, fiscal_month
from hooks.handbook.text import squash
from tests.conftest import OPEN_SHADOW_ROOTS, PageWatch

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1400, "height": 900}}
SIZES = {"phone": PHONE, "desk": DESK}
MAY = FISCAL_MONTHS.index("พ.ค.")


@pytest.fixture(params=list(SIZES))
def screen(request, browser, site_url):
    """A fresh tab at one screen size: a phone (taps) or an office screen (clicks)."""
    context = browser.new_context(**SIZES[request.param])
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    watch = PageWatch(page, site_url)
    watch.size = request.param
    yield watch
    context.close()


def press(watch, locator):
    """Tap on the phone, click on the office screen."""
    if watch.size == "phone":
        locator.tap()
    else:
        locator.click()


def set_clock(page, when: datetime):
    page.clock.set_fixed_time(when)


@pytest.fixture(scope="module")
def crossrefs(handbook):
    return build_crossrefs(handbook)


def part_label(handbook, work) -> str:
    verb = "รับผิดชอบ" if work.part.endswith("responsible") else "มีส่วนร่วม"
    return f"{short_name(handbook.roles[work.unit])} {verb}" if work.unit else verb


def month_list(page, month: int) -> dict[str, str]:
    """The steps listed under a month of a role's page: step address -> the part named above it."""
    return page.evaluate("""anchor => {
        const heading = document.getElementById(anchor), found = {}
        for (let node = heading.nextElementSibling; node && !/^H[23]$/.test(node.tagName); node = node.nextElementSibling)
            node.querySelectorAll('li.hb-part-run').forEach(run => {
                const part = run.querySelector(':scope > .hb-part').textContent.trim()
                run.querySelectorAll(':scope > ul > li > a').forEach(a => {
                    const url = new URL(a.href); found[url.pathname + url.hash] = part })
            })
        return found
    }""", paths.month_anchor(month))


def expected_month(handbook, crossrefs, role_id: str, month: int, base: str) -> dict[str, str]:
    return {urlsplit(base).path + paths.page_url(place) + "#" + anchor: part_label(handbook, work)
            for work in crossrefs.work_of(role_id) if month in work.time.months
            for place, anchor in [paths.step_place(work.ref)]}


def shows(page, title: str):
    """Wait until the page shown is the one titled so: Material's instant navigation
    changes the address before it swaps the content."""
    expect(page.locator(".md-content article h1")).to_contain_text(title)


def in_viewport(page, locator) -> bool:
    """Whole on the screen without scrolling, once the page has settled (instant
    navigation swaps the content and then lays it out)."""
    try:
        page.wait_for_function("""el => { const r = el.getBoundingClientRect()
            return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth }""",
                               arg=locator.element_handle(), polling=100, timeout=5000)
        return True
    except PlaywrightTimeout:  # not on the screen
        return False


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


# -- "What do I, a supervisor, do in May?" --------------------------------------------
def test_the_supervisors_may_list_is_two_taps_from_home_and_names_each_step(screen, handbook, crossrefs):
    page = screen.goto("")
    supervisor = handbook.roles["supervisor"]
    entry = page.locator(".hb-choices").get_by_role("link", name=short_name(supervisor), exact=True)
    assert in_viewport(page, entry), "the way in is on the first screen"
    press(screen, entry)                                                      # 1
    shows(page, supervisor["name"])
    may = page.locator("nav.hb-months").get_by_role("link", name=FISCAL_MONTHS[MAY], exact=True)
    assert in_viewport(page, may), "the months are on the role page's first screen"
    press(screen, may)                                                        # 2
    page.wait_for_url(re.compile(rf".*/role/supervisor/#{paths.month_anchor(MAY)}$"))
    heading = page.locator(f"#{paths.month_anchor(MAY)}")
    page.wait_for_function("el => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < 200",
                           arg=heading.element_handle())
    assert MONTH_NAMES[MAY] in heading.inner_text()
    listed = month_list(page, MAY)
    expected = expected_month(handbook, crossrefs, "supervisor", MAY, screen.site_url)
    assert expected and listed == expected
    # each step by its name, as the process page writes it
    texts = page.eval_on_selector_all(f"#{paths.month_anchor(MAY)} ~ .hb-work a[href*='step-']",
                                      "links => links.map(a => a.textContent)")
    names = {squash(f"{work.ref.step['number']} {work.ref.step['text']}")
             for work in crossrefs.work_of("supervisor") if MAY in work.time.months}
    assert names <= {squash(text) for text in texts}
    assert not scrolls_sideways(page)
    assert screen.errors == [] and screen.offsite == []


@pytest.mark.parametrize("role_id", ["supervisor", "supervision-group"])
def test_every_month_of_a_role_names_its_steps_and_the_roles_part(tab, handbook, crossrefs, role_id):
    page = tab.goto(paths.page_url(paths.role_page(role_id)))
    for month in range(12):
        assert month_list(page, month) == expected_month(handbook, crossrefs, role_id, month, tab.site_url), \
            (role_id, FISCAL_MONTHS[month])
    # the steps of all year and of no time are apart from the months, each once
    for anchor, kind in (("all-year", "all-year"), ("untimed", "none")):
        count = sum(1 for work in crossrefs.work_of(role_id) if work.time.kind == kind)
        shown = page.evaluate("""anchor => { const h = document.getElementById(anchor); let n = 0
            for (let node = h && h.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling)
                n += node.querySelectorAll('a[href*="step-"]').length
            return n }""", anchor)
        assert shown == count, (role_id, anchor)


# -- the reader's month -----------------------------------------------------------------
@pytest.mark.parametrize("when", [datetime(2025, 5, 15, 9), datetime(2025, 10, 1, 9), datetime(2026, 9, 30, 20)])
def test_the_current_month_is_marked_by_the_readers_clock(screen, when):
    set_clock(screen.page, when)
    month = fiscal_month(when)
    page = screen.goto(paths.page_url(paths.role_page("supervisor")))
    current = page.locator("nav.hb-months a[aria-current='date']")
    assert current.count() == 1 and current.inner_text().startswith(FISCAL_MONTHS[month])
    assert "hb-now" in current.get_attribute("class")
    assert page.locator("h3.hb-now").get_attribute("id") == paths.month_anchor(month)
    # the calendar's months too, reached without reloading (Material's instant navigation)
    page = screen.goto(paths.page_url(paths.HOME))  # networkidle: the sitemap read, links follow without reload
    page.evaluate("() => window.__same_document = true")
    press(screen, page.locator("article a[href$='calendar/']").first)
    shows(page, "ปฏิทิน")
    assert page.evaluate("() => window.__same_document") is True
    page.wait_for_selector("nav.hb-months a[aria-current='date']")
    assert page.locator("nav.hb-months a[aria-current='date']").inner_text().startswith(FISCAL_MONTHS[month])
    assert screen.errors == []


def test_the_home_page_shows_this_months_work(screen, handbook, crossrefs):
    when = datetime(2025, 5, 2, 8)
    set_clock(screen.page, when)
    page = screen.goto("")
    shown = page.locator(".hb-month-summary:visible")
    assert shown.count() == 1
    assert shown.get_attribute("data-hb-month") == str(fiscal_month(when) + 1)
    assert MONTH_NAMES[fiscal_month(when)] in shown.inner_text()
    link = shown.locator(f"a[href$='calendar/#{paths.month_anchor(fiscal_month(when))}']")
    press(screen, link)
    page.wait_for_url(re.compile(rf".*/calendar/#{paths.month_anchor(fiscal_month(when))}$"))


def test_the_current_month_is_marked_on_a_copy_opened_from_disk(browser, built_site):
    context = browser.new_context(**DESK)
    page = context.new_page()
    set_clock(page, datetime(2025, 12, 24, 10))
    page.goto((built_site / "role" / "supervisor" / "index.html").as_uri())
    page.wait_for_selector("nav.hb-months a[aria-current='date']")
    assert page.locator("nav.hb-months a[aria-current='date']").inner_text().startswith("ธ.ค.")
    context.close()


def test_without_scripts_the_months_are_still_links_to_their_lists(browser, site_url):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + paths.page_url(paths.role_page("supervisor")))
    may = page.locator("nav.hb-months").get_by_role("link", name=FISCAL_MONTHS[MAY], exact=True)
    may.tap()
    page.wait_for_url(re.compile(rf".*#{paths.month_anchor(MAY)}$"))
    page.goto(site_url + paths.page_url(paths.CALENDAR))
    links = page.locator(".hb-narrow a")
    assert links.count() > 0 and all(h.endswith("/#" + paths.ROLE_MONTHS) for h in links.evaluate_all(
        "links => links.map(a => a.href)"))
    context.close()


# -- the home page --------------------------------------------------------------------
def test_the_home_page_starts_with_the_reader(screen, handbook, crossrefs):
    page = screen.goto("")
    order = page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")
    assert order.index("who") < order.index("this-month") < order.index("search") < order.index("duty-map")
    roles = [role for role in handbook.roles.values() if role["kind"] in READER_KINDS and crossrefs.work_of(role["id"])]
    links = page.locator(".hb-choices a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    base = urlsplit(screen.site_url).path
    assert [base + paths.page_url(paths.role_page(role["id"])) for role in roles] == links[:len(roles)]
    # the duty map names each duty once: a process that is its duty's only one is not retitled
    for duty in handbook.ordered_duties():
        card = page.locator(".hb-duty-card").filter(has=page.locator(f"a[href$='duty/{duty['id']}/']"))
        items = card.locator("li").all_inner_texts()
        processes = handbook.processes_of_duty(duty["id"])
        if len(processes) == 1:
            assert not any(squash(processes[0].title) in squash(item) for item in items), duty["id"]
    # where the content comes from
    edition = page.locator(".hb-edition").inner_text()
    assert handbook.front.data["title"] in edition
    assert handbook.front.data.get("edition") or "ไม่ระบุครั้งที่พิมพ์และปีที่พิมพ์" in edition
    assert not scrolls_sideways(page)
    assert screen.errors == [] and screen.offsite == []


def test_the_home_page_gives_the_date_of_the_content(tab, handbook):
    from hooks.handbook.history import last_content_change
    from hooks.handbook.periods import thai_date

    changed = last_content_change(handbook.root)
    if changed is None:
        pytest.skip("no git history to read the date from")
    assert f"ปรับปรุงเนื้อหาล่าสุด {thai_date(changed)}" in tab.goto("").locator(".hb-edition").inner_text()


SEARCH_RESULTS = "() => document.querySelectorAll('.md-search-result__list > li').length > 0"


def search_in_page(screen, page, text: str) -> list[str]:
    field = page.locator("form.hb-search input[name=q]")
    press(screen, field)
    page.keyboard.type(text)
    page.wait_for_function(SEARCH_RESULTS, timeout=20000)
    return page.eval_on_selector_all(".md-search-result__list > li > a",
                                     "links => links.map(a => new URL(a.href).pathname)")


def test_the_search_field_in_the_home_page_uses_the_sites_search(screen, handbook):
    page = screen.goto("")
    base = urlsplit(screen.site_url).path
    found = search_in_page(screen, page, handbook.roles["supervisor"]["name"])
    assert found[0] == base + paths.page_url(paths.role_page("supervisor"))
    # after Material's instant navigation, the field of the page it shows works too
    page.keyboard.press("Escape")
    # networkidle: Material follows a link without reloading only once it has read the sitemap
    screen.goto(paths.page_url(paths.GLOSSARY))
    page.evaluate("() => window.__same_document = true")
    page.evaluate("() => document.querySelector('a.md-logo').click()")  # the site's name: home
    shows(page, handbook.front.data["title"])
    assert page.evaluate("() => window.__same_document") is True
    assert search_in_page(screen, page, "ปฏิทิน")[0] == base + paths.page_url(paths.CALENDAR)
    assert screen.errors == [] and screen.offsite == []


# -- a page that does not exist ------------------------------------------------------
def test_a_missing_page_says_so_in_thai_with_search_and_the_way_home(screen, built_site, handbook):
    missing = screen.site_url + "process/no-such-process/"
    screen.page.route(missing, lambda route: route.fulfill(
        status=404, content_type="text/html", body=(built_site / "404.html").read_bytes()))
    page = screen.page
    page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-content article h1").inner_text() == "ไม่พบหน้าที่ต้องการ"
    assert "Not found" not in page.locator(".md-content article").inner_text()
    assert page.title().startswith("ไม่พบหน้าที่ต้องการ")
    assert not scrolls_sideways(page)
    found = search_in_page(screen, page, handbook.roles["supervisor"]["name"])
    assert found[0] == urlsplit(screen.site_url).path + paths.page_url(paths.role_page("supervisor"))
    page.keyboard.press("Escape")
    press(screen, page.get_by_role("link", name="กลับหน้าแรก"))
    page.wait_for_url(screen.site_url)
    expect(page.locator(".md-content article h1")).to_contain_text(handbook.front.data["title"])
    assert screen.errors == [] and screen.offsite == []


# -- moving between pages --------------------------------------------------------------
def test_no_section_address_is_carried_from_page_to_page(screen):
    """The address names a section only when the reader asked for it."""
    page = screen.goto("")
    hashes = []

    def scroll_and_note():
        page.mouse.wheel(0, 2500) if screen.size == "desk" else page.evaluate("window.scrollBy(0, 2500)")
        page.wait_for_timeout(700)  # Material waits 250 ms before it would write an address
        hashes.append(page.evaluate("location.hash"))

    scroll_and_note()
    page.evaluate("() => window.__same_document = true")
    press(screen, page.locator("article a[href$='calendar/']").last)
    shows(page, "ปฏิทิน")
    page.wait_for_timeout(700)
    hashes.append(page.evaluate("location.hash"))
    scroll_and_note()
    page.go_back()
    page.wait_for_timeout(700)
    hashes.append(page.evaluate("location.hash"))
    scroll_and_note()
    assert page.evaluate("() => window.__same_document") is True
    assert hashes == [""] * len(hashes)


def test_the_sidebar_title_covers_no_entry(screen):
    page = screen.goto(paths.page_url(paths.role_page("supervisor")))
    if screen.size == "phone":
        page.locator("label.md-header__button[for='__drawer']").tap()
        page.wait_for_timeout(400)
        scroller = ".md-nav--primary > .md-nav__list"
    else:
        scroller = ".md-sidebar--primary .md-sidebar__scrollwrap"
    page.evaluate(f"() => document.querySelector({scroller!r}).scrollBy(0, 150)")
    page.wait_for_timeout(200)
    covered = page.evaluate("""scroller => {
        const box = document.querySelector(scroller).getBoundingClientRect(), covered = []
        for (const link of document.querySelectorAll('.md-nav--primary .md-nav__link')) {
            const r = link.getBoundingClientRect()
            if (!link.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue
            if (!r.height || r.bottom <= box.top || r.top >= box.bottom || r.left >= box.right || r.right <= box.left) continue
            for (const y of [r.top + 2, r.top + r.height / 2, r.bottom - 2]) {
                if (y <= box.top || y >= box.bottom) continue
                const hit = document.elementFromPoint(r.left + Math.min(10, r.width / 2), y)
                const title = hit && hit.closest('.md-nav__title')
                if (title && !title.contains(link)) covered.push(link.textContent.trim() + ' under ' + title.textContent.trim())
            }
        }
        return covered }""", scroller)
    assert covered == []


# -- the glossary ------------------------------------------------------------------------
def test_the_glossary_lists_each_term_once_under_its_letter(screen, handbook):
    page = screen.goto(paths.page_url(paths.GLOSSARY))
    terms = {squash(definition["term"]) for _unit, definition, _s, _p in handbook.definitions()}
    shown = page.eval_on_selector_all("dl.hb-definitions > dt", """dts => dts.map(dt => {
        const copy = dt.cloneNode(true); copy.querySelectorAll('.hb-en').forEach(e => e.remove())
        return copy.textContent.replace(/\\s+/g, ' ').trim() })""")
    assert len(shown) == len(set(shown)) and set(shown) == terms
    letters = page.locator("nav.hb-letters a").all_inner_texts()
    assert letters == list(dict.fromkeys(index_letter(term) for term in shown))
    # each letter leads to its terms
    last = letters[-1]
    press(screen, page.locator("nav.hb-letters").get_by_role("link", name=last, exact=True))
    page.wait_for_url(re.compile(rf".*#{paths.letter_anchor(last)}$"))
    first_term = page.locator(f"#{paths.letter_anchor(last)} + dl > dt").first
    assert index_letter(first_term.inner_text()) == last
    assert in_viewport(page, first_term)
    # a link to any process's definition lands on the term
    for _unit, definition, _s, _p in handbook.definitions():
        target = page.locator(f"#{paths.term_anchor(definition['id'])}")
        assert target.count() == 1
        term_text = target.evaluate("el => (el.closest('dt') || el).textContent")
        assert squash(definition["term"]) in squash(term_text)
    assert not scrolls_sideways(page)
    assert screen.errors == []


@pytest.mark.parametrize("path", [paths.HOME, paths.role_page("supervisor"), paths.role_page("supervision-group"),
                                  paths.CALENDAR, paths.GLOSSARY, paths.ROLES])
def test_reader_pages_do_not_scroll_sideways_on_a_phone(browser, site_url, path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page, site_url)
    watch.goto(paths.page_url(path))
    assert not scrolls_sideways(page), path
    assert watch.errors == [] and watch.offsite == []
    context.close()
