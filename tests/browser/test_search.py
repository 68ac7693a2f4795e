"""Thai search in the real search box of the built site (headless Chromium).

Queries of each kind from issue #4 are typed into Material's search box; the
expected page must come first. Hostile input must not break the page, and text
from the YAML must reach the result list escaped. Issue #13: questions and
everyday names, the "แสดงผลสำหรับ" notice, highlighting, the honest count, search
on every input event, a Thai message when search cannot start, the index loaded
only when the reader turns to search. No timings are asserted here
(tests/benchmarks/search_benchmark.py measures them).
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

SEARCH_READY_TIMEOUT = 30000

# True once Material's result line says how many results arrived ("พบ # เอกสารที่ตรงกัน",
# "ไม่พบเอกสารที่ตรงกัน"); false for the placeholder and the "initializing" line.
RESULTS_SHOWN = r"""() => {
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    const text = document.querySelector('.md-search-result__meta').textContent.trim();
    const other = t['search.result.other'].split('#');
    return text === t['search.result.none'] || text === t['search.result.one'] ||
        (text.startsWith(other[0]) && text.endsWith(other[1]) && /[0-9]/.test(text));
}"""


class SearchBox:
    """Types into Material's search box like a reader and reads the result list."""

    def __init__(self, tab):
        self.tab = tab
        self.page = tab.goto("")
        self.input = self.page.locator(".md-search__input")
        self.input.click()
        self.meta = self.page.locator(".md-search-result__meta")

    def type(self, query: str) -> list[str]:
        """Result pages (site paths) for a query, in the order shown."""
        self.clear()
        self.input.fill(query)
        self.input.press("End")  # Material reads the box on keyup
        self.page.wait_for_function(RESULTS_SHOWN, timeout=SEARCH_READY_TIMEOUT)
        return self.pages()

    def clear(self) -> None:
        self.input.fill("")
        self.input.press("End")
        self.page.wait_for_function(
            f"() => !({RESULTS_SHOWN})() && !document.querySelector('.md-search-result__list li')",
            timeout=SEARCH_READY_TIMEOUT,
        )

    def pages(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__list > li a.md-search-result__link:first-of-type",
            "links => links.map(a => a.href)",
        )
        out = []
        for href in hrefs:
            path = urlsplit(href).path.lstrip("/") or "/"
            if path not in out:
                out.append(path)
        return out


@pytest.fixture
def box(tab):
    return SearchBox(tab)


FIRST_HITS = [
    # whole phrase, and the same phrase spaced differently
    ("ประเมินคุณภาพภายนอก", "process/qa-external-assessment/"),
    ("ประเมิน คุณภาพ ภายนอก", "process/qa-external-assessment/"),
    ("เครือข่ายการนิเทศ", "process/supervision-networks/"),
    ("เครือข่าย การนิเทศ", "process/supervision-networks/"),
    # a word inside a longer compound; the start of a word
    ("นิเทศก์", "role/supervisor/"),
    ("คลังข้อสอบ", "process/assessment-area/"),
    ("บรรณานุ", "bibliography/"),
    ("ศิลปหัตถ", "district/chiang-rai-1-supervisor-manual/"),
    # abbreviations with and without dots, and the full name
    ("สมศ.", None),
    ("สมศ", None),
    ("สถาบันทดสอบทางการศึกษาแห่งชาติ", "role/niets/"),
    # Thai and Arabic digits
    ("กฎกระทรวงประกันคุณภาพ ๒๕๕๓", "ref/qa-ministerial-regulation-2553/"),
    ("กฎกระทรวง ประกันคุณภาพ 2553", "ref/qa-ministerial-regulation-2553/"),
    # English terms the manuals give in brackets
    ("Authentic Assessment", "process/assessment-classroom/"),
    ("Action Research", None),
    # one character wrong or missing
    ("ประเมินคุณภาพภายนอด", "process/qa-external-assessment/"),
    ("ศึกษานิเทก์", "role/supervisor/"),
    ("บรรณานุกม", "bibliography/"),
]

# where a query names two pages equally (duty and its process, role and process)
FIRST_ANY = {
    "สมศ.": {"role/onesqa/", "process/qa-external-assessment/", "ref/onesqa-external-assessment-criteria/"},
    "สมศ": {"role/onesqa/", "process/qa-external-assessment/", "ref/onesqa-external-assessment-criteria/"},
    "Action Research": {"process/curriculum-research/", "duty/curriculum-research/"},
}


def test_queries_of_each_kind_find_the_right_page_first(box):
    failures = []
    for query, expected in FIRST_HITS:
        pages = box.type(query)
        wanted = FIRST_ANY.get(query) or {expected}
        if not pages or pages[0] not in wanted:
            failures.append((query, sorted(wanted), pages[:3]))
    assert failures == []
    assert box.tab.errors == []


def test_abbreviation_with_and_without_dots_give_the_same_results(box):
    assert box.type("ก.ต.ป.น.")[:5] == box.type("กตปน")[:5]
    assert box.type("ก.ต.ป.น.")[0] in {"role/monitoring-committee/", "process/committee-secretariat/"}


def test_thai_and_arabic_digits_give_the_same_results(box):
    assert box.type("แบ่งส่วนราชการ ๒๕๕๓")[:4] == box.type("แบ่งส่วนราชการ 2553")[:4]


def test_pages_matching_every_word_come_before_partial_matches(box):
    pages = box.type("ตารางวิเคราะห์บทบาท อำนาจ หน้าที่")
    assert pages[0] == "duty-analysis/"
    # function words do not decide the order: with or without them, same first page
    assert box.type("การพัฒนาเครือข่ายการนิเทศ")[0] == box.type("พัฒนาเครือข่ายนิเทศ")[0] == "process/supervision-networks/"


def test_results_are_highlighted_and_show_material_ui(box):
    box.type("เครือข่ายการนิเทศ")
    page = box.page
    first = page.locator(".md-search-result__list > li").first
    assert first.locator("mark").count() >= 1
    assert "เครือข่าย" in first.locator("mark").first.inner_text()
    assert page.evaluate(RESULTS_SHOWN)


def test_suggestion_completes_the_last_word(box):
    box.type("ศิลปหัตถ")
    suggest = box.page.locator(".md-search__suggest").inner_text().replace("\xa0", " ")
    assert suggest.startswith("ศิลปหัตถ") and len(suggest) > len("ศิลปหัตถ")


HOSTILE = [
    "* ~ ^ : + -",
    "title:นิเทศ~2 +ครู -การ ^3",
    "นิเทศ*",
    "~~~^^^:::+++---***",
    "\U0001F600\U0001F4DA นิเทศ \U0001F44D",
    "\U0001F600",
    "ก" * 500,
    ("ประเมินคุณภาพ " * 40)[:500],
    "   ",
    "\"ศึกษานิเทศก์\"",
    "<img src=x onerror=window.__pwned=1>",
    "&lt;script&gt;",
]


def test_hostile_queries_give_no_page_error(box):
    for query in HOSTILE:
        box.type(query)
    assert box.tab.errors == []
    assert box.page.evaluate("window.__pwned") is None
    assert box.page.locator(".md-search-result__list img").count() == 0
    # the box still works afterwards
    assert box.type("ศึกษานิเทศก์")[0] == "role/supervisor/"


def test_yaml_text_is_escaped_in_results(box):
    """The errata keep seed fragments such as "<p>มีแผนการนิเทศ..." as text: shown, not parsed."""
    box.type("02-curriculum-research.yaml มีแผนการนิเทศ")
    page = box.page
    allowed = {"LI", "A", "ARTICLE", "DIV", "H1", "H2", "P", "MARK", "DEL", "SPAN", "NAV", "DETAILS", "SUMMARY"}
    tags = set(page.eval_on_selector_all(".md-search-result__list *", "els => els.map(e => e.tagName)"))
    assert tags <= allowed, tags - allowed
    texts = page.eval_on_selector_all(".md-search-result__list article", "els => els.map(e => e.textContent)")
    assert any("<p>" in text for text in texts), "seed fragment '<p>' should be shown as text"


# ----------------------------------------------------------------- questions and everyday names (issue #13)

QUESTIONS = [
    # question words do not decide the order: a role's duties are on its page
    ("ศึกษานิเทศก์ต้องทำอะไรบ้าง", "role/supervisor/"),
    ("หน้าที่ของศึกษานิเทศก์", "role/supervisor/"),
    # who is responsible for X: the process of X; who does what: roles x processes
    ("ใครรับผิดชอบการประเมินคุณภาพภายนอก", "process/qa-external-assessment/"),
    ("ใครทำอะไรในแต่ละกระบวนงาน", "matrix/"),
    # everyday names through processes/synonyms.yaml
    ("ผอ.เขต", "role/area-director/"),
    ("ศน.", "role/supervisor/"),
]


def test_questions_and_everyday_names_find_the_right_page_first(box):
    failures = []
    for query, expected in QUESTIONS:
        pages = box.type(query)
        if not pages or pages[0] != expected:
            failures.append((query, expected, pages[:3]))
    assert failures == []
    assert box.tab.errors == [] and box.tab.offsite == []


def first_result_sections(page) -> list[str]:
    """Anchors of the sections the first result shows first (not those under "more")."""
    return page.eval_on_selector_all(
        ".md-search-result__list > li:first-child > a.md-search-result__link",
        "links => links.slice(1).map(a => new URL(a.href).hash)")


@pytest.mark.parametrize("query,month", [("เดือนพฤษภาคมต้องทำอะไร", 8), ("มี.ค. 2567", 6), ("ต.ค.๖๗ ทำอะไรบ้าง", 1)])
def test_a_month_opens_that_month_of_the_calendar(box, query, month):
    assert box.type(query)[0] == "calendar/"
    assert first_result_sections(box.page)[0] == f"#month-{month}"
    # Enter opens the best result: the month itself
    box.input.press("Enter")
    box.page.wait_for_url(f"**/calendar/**#month-{month}")


# ----------------------------------------------------------------- what the reader sees

def notice(page) -> str:
    el = page.locator(".thai-search-notice")
    return el.inner_text() if el.count() and el.is_visible() else ""


def test_a_corrected_or_completed_query_says_what_was_searched(box):
    box.type("ประเมินคุณภาพภายนอด")
    assert notice(box.page) == "แสดงผลสำหรับ ประเมินคุณภาพภายนอก"
    assert box.page.locator(".thai-search-notice strong").inner_text() == "ประเมินคุณภาพภายนอก"
    box.type("ผอ.เขต ต้องทำอะไร")
    assert notice(box.page).startswith("แสดงผลสำหรับ ผู้อำนวยการ")
    box.type("ประเมินคุณภาพภายนอก")  # searched as typed: no notice
    assert notice(box.page) == ""


def test_only_what_matched_is_highlighted(box):
    box.type("สี่")
    assert "ที่" not in box.page.eval_on_selector_all(".md-search-result__list mark", "ms => ms.map(m => m.textContent)")
    box.type("งาน 4.4")
    around = box.page.eval_on_selector_all(".md-search-result__list mark", """ms => ms.map(m =>
        [m.textContent, (m.previousSibling && m.previousSibling.textContent || '').slice(-8)])""")
    assert any(text == "งาน" for text, _ in around)
    for text, before in around:  # "งาน" where it is a word, not in every compound
        assert not (text == "งาน" and before.endswith(("ประสาน", "กระบวน", "ดำเนิน", "สำนัก"))), before


def test_snippets_keep_labels_apart_and_show_no_provenance(box):
    box.type("ประเมินคุณภาพภายนอก")
    texts = box.page.eval_on_selector_all(".md-search-result__list article", "els => els.map(e => e.textContent)")
    joined = " ".join(texts)
    assert "บรรทัด" not in joined and "ที่มา:" not in joined
    assert "ผู้รับผิดชอบผู้มีส่วนร่วม" not in joined and "ผู้มีส่วนร่วมมาตรฐาน" not in joined


def test_the_count_says_more_than_when_the_list_is_capped(box):
    box.type("การศึกษา")
    other = box.page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.other']")
    shown = box.page.locator(".md-search-result__list > li").count()
    meta = box.meta.inner_text()
    assert meta == other.replace("#", f"มากกว่า {60}") or meta == other.replace("#", f"มากกว่า {shown}")


def test_search_runs_on_input_without_any_key(box):
    """Paste, voice input and an IME's committed text change the box without keyup."""
    box.clear()
    box.page.evaluate("""() => { const i = document.querySelector('.md-search__input'); i.focus();
        document.execCommand('insertText', false, 'ศึกษานิเทศก์'); }""")
    box.page.wait_for_function(RESULTS_SHOWN, timeout=SEARCH_READY_TIMEOUT)
    assert box.pages()[0] == "role/supervisor/"
    box.clear()
    box.page.evaluate("""() => { const i = document.querySelector('.md-search__input');
        i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
        i.value = 'คลังข้อสอบ';
        i.dispatchEvent(new InputEvent('input', {data: 'คลังข้อสอบ', isComposing: true}));
        i.dispatchEvent(new CompositionEvent('compositionend', {data: 'คลังข้อสอบ'})); }""")
    box.page.wait_for_function(RESULTS_SHOWN, timeout=SEARCH_READY_TIMEOUT)
    assert box.pages()[0] == "process/assessment-area/"


@pytest.mark.parametrize("broken,message", [
    ("**/search/thai_index.json", "ค้นหาไม่ได้ในขณะนี้: โหลดข้อมูลสำหรับค้นหาไม่สำเร็จ"),
    ("**/thai-search/worker.js*", "ค้นหาไม่ได้ในขณะนี้: เปิดระบบค้นหาไม่สำเร็จ"),
    ("**/search/search_index.json", "ระบบค้นหายังไม่พร้อม"),  # Material never sets the worker up
])
def test_a_search_that_cannot_start_says_so_in_thai(browser, site_url, broken, message):
    from tests.conftest import PageWatch, new_context

    context = new_context(browser)
    context.route(broken, lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    watch = PageWatch(page, site_url)
    watch.goto("")
    search = page.locator(".md-search__input")
    search.click()
    search.fill("ศึกษานิเทศก์")
    search.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').textContent.includes({message!r})",
                           timeout=SEARCH_READY_TIMEOUT)
    assert meta.get_attribute("role") == "alert"
    assert page.locator(".md-search-result__list li").count() == 0
    context.close()


def test_the_index_is_loaded_when_the_reader_turns_to_search(tab):
    """Not with every page: a page that is only read does not download the search index."""
    asked = []
    tab.page.on("request", lambda r: asked.append(r.url) if "thai_index" in r.url else None)
    page = tab.goto("process/qa-external-assessment/")
    page.wait_for_timeout(500)
    assert asked == []
    page.locator(".md-search__input").click()
    page.wait_for_function("() => true")
    box = SearchBox.__new__(SearchBox)
    box.tab, box.page, box.input, box.meta = tab, page, page.locator(".md-search__input"), page.locator(".md-search-result__meta")
    assert box.type("คลังข้อสอบ")[0] == "process/assessment-area/"
    assert len(asked) == 1
