"""The Thai search worker on its own, in a bare Worker (headless Chromium).

Material's protocol (SETUP -> READY, QUERY -> RESULT) on a small fixed index built
by the real build code from a handful of handbook-like docs; what the worker adds
(loading on intent, a Thai error instead of a hang, questions, months, synonyms,
highlighting, the honest count, the notice); and a property test: Python's and
JavaScript's normalisation agree on random strings.

No timings are asserted here (tests/benchmarks/search_benchmark.py measures them).
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.thai_search import Segmenter, build_search_data, load_vocabulary
from hooks.thai_search.normalize import display_text, normalize_text, spaceless
from hooks.thai_search.questions import FISCAL_MONTHS
from hooks.thai_search.synonyms import Synonym, word_key

REPO_ROOT = Path(__file__).resolve().parent.parent
ASSETS = REPO_ROOT / "docs" / "assets" / "javascripts" / "thai-search"
SETUP, READY, QUERY, RESULT = 0, 1, 2, 3

MONTHS = [{"location": f"calendar/#month-{n}", "title": f"{names[0]} ({names[1]})", "text": ""}
          for n, names in enumerate(FISCAL_MONTHS, 1)]
DOCS = [
    {"location": "calendar/", "title": "ปฏิทินการปฏิบัติงานตามปีงบประมาณ",
     "text": "<p>ปีงบประมาณเริ่มเดือนตุลาคมและสิ้นสุดเดือนกันยายน</p>"},
    *MONTHS,
    {"location": "role/supervisor/", "title": "ศึกษานิเทศก์",
     "text": "<p>ศึกษานิเทศก์ของสำนักงานเขตพื้นที่การศึกษา</p>"},
    # a role page with a month of its own (anchor month-N, N the fiscal month)
    {"location": "role/supervisor/#month-8", "title": "พฤษภาคม (พ.ค.)", "text": "<p>ประชุมเครือข่ายการนิเทศ</p>"},
    {"location": "role/area-director/", "title": "ผู้อำนวยการ/รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
     "text": "<p>Director and deputy directors of the area office</p>"},
    {"location": "role/teachers/", "title": "ครูและบุคลากรทางการศึกษา", "text": "<p>Teachers</p>"},
    {"location": "process/qa-external-assessment/", "title": "4.4 งานประสานงานการประเมินคุณภาพภายนอก",
     "text": "<p>หน้าที่: 4. วิจัย พัฒนา · ที่มา: เอกสาร 000 บรรทัด 983-1064</p>"},
    {"location": "process/qa-external-assessment/#steps", "title": "ขั้นตอนการปฏิบัติงาน",
     "text": "<ol><li>1 ประสานงานกับสถานศึกษาที่ได้รับการประเมินคุณภาพภายนอก · มาตรฐานคุณภาพงาน: มีข้อมูล</li>"
             "<li>2 งาน ที่ต้องทำต่อ</li></ol>"},
    {"location": "process/curriculum/", "title": "1 ประสาน ส่งเสริม สนับสนุนและพัฒนาหลักสูตรการศึกษาขั้นพื้นฐาน",
     "text": "<p>หลักสูตรสถานศึกษา</p>"},
    {"location": "matrix/", "title": "ตารางบทบาท × กระบวนงาน", "text": "<p>ใครรับผิดชอบขั้นตอนใด</p>"},
    {"location": "glossary/", "title": "อภิธานศัพท์และคำย่อ",
     "text": "<p>งานที่ได้รับมอบหมายที่สถานศึกษาที่เกี่ยวข้อง &lt;script&gt;alert(1)&lt;/script&gt;</p>"},
    # many pages with one word: more than a result list holds
    *({"location": f"district/page-{n}/", "title": f"แนวปฏิบัติ {n}", "text": "<p>โรงเรียนในสังกัด</p>"}
      for n in range(70)),
]
SYNONYMS = [Synonym(word="ผอ.เขต", key=word_key("ผอ.เขต"),
                    target="ผู้อำนวยการ/รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", line=1),
            Synonym(word="Coaching", key=word_key("Coaching"), target="ประสานงาน", line=2)]


REQUESTS: list[str] = []  # every path the test servers were asked for, in order


class _Recording(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        REQUESTS.append(self.path)
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # every fetch reaches the server: counted
        super().end_headers()


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recording, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def index_data():
    segmenter = Segmenter(load_vocabulary(REPO_ROOT / "processes"))
    data, _ = build_search_data({"config": {}, "docs": DOCS}, segmenter, SYNONYMS)
    return data


@pytest.fixture(scope="module")
def worker_site(tmp_path_factory, index_data):
    """A bare page, the worker's files and the fixed index, as the site lays them out;
    plus a worker that gets its index from a script (the offline contract)."""
    root = tmp_path_factory.mktemp("worker-site")
    (root / "assets/javascripts").mkdir(parents=True)
    shutil.copytree(ASSETS, root / "assets/javascripts/thai-search")
    (root / "search").mkdir()
    (root / "search/thai_index.json").write_text(json.dumps(index_data, ensure_ascii=False), "utf-8")
    (root / "search/thai_index.js").write_text(
        "self.__thai_index = " + json.dumps(index_data, ensure_ascii=False) + "\n", "utf-8")
    (root / "assets/javascripts/thai-search/offline-worker.js").write_text(
        'importScripts("../../../search/thai_index.js")\nimportScripts("worker.js")\n', "utf-8")
    (root / "index.html").write_text("<!doctype html><meta charset=utf-8><title>worker</title>"
                                     '<script src="assets/javascripts/thai-search/normalize.js"></script>', "utf-8")
    server, url = serve(root)
    yield url
    server.shutdown()


# Talks to a bare worker: posts messages, collects every message it sends back.
TALK = """async ([script, steps]) => {
  const worker = new Worker(script);
  const got = [];
  let failed = null;
  worker.addEventListener('error', e => { failed = String(e.message || 'error'); });
  worker.addEventListener('message', e => got.push(e.data));
  const until = (test, ms) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => {
      const hit = got.find(test);
      if (hit) return resolve(hit);
      if (failed) return reject(new Error('worker error: ' + failed));
      if (performance.now() - t0 > ms) return reject(new Error('timeout'));
      setTimeout(poll, 5);
    };
    poll();
  });
  const answers = [];
  for (const step of steps) {
    const before = got.length;
    worker.postMessage(step.send);
    if (step.wait === undefined) continue;
    answers.push(await until((m, i) => got.indexOf(m) >= before && m.type === step.wait, 10000));
  }
  worker.terminate();
  return {answers, all: got};
}"""


@pytest.fixture(scope="module")
def bare_page(browser, worker_site):
    from tests.conftest import new_context

    context = new_context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(worker_site + "index.html")
    page.errors = errors
    yield page
    context.close()


def talk(page, steps, script="assets/javascripts/thai-search/worker.js?v=test"):
    """The worker's answers and messages, and what it asked the server for meanwhile."""
    seen = len(REQUESTS)
    reply = page.evaluate(TALK, [script, steps])
    reply["requests"] = REQUESTS[seen:]
    return reply


def ask(page, *queries, script="assets/javascripts/thai-search/worker.js?v=test"):
    steps = [{"send": {"type": SETUP, "data": {"config": {}, "docs": [], "options": {"suggest": True}}}, "wait": READY}]
    steps += [{"send": {"type": QUERY, "data": q}, "wait": RESULT} for q in queries]
    return [a["data"] for a in talk(page, steps, script)["answers"][1:]]


def pages_of(result) -> list[str]:
    """Result pages in order (the page of each group, as Material shows it)."""
    return [next((d["location"] for d in group if "#" not in d["location"]), group[0]["location"].split("#")[0])
            for group in result["items"]]


def first_section(result) -> str:
    return result["items"][0][0]["location"]


# ----------------------------------------------------------------- protocol

def test_setup_is_answered_ready_at_once_and_the_index_is_not_fetched_yet(bare_page):
    reply = talk(bare_page, [{"send": {"type": SETUP, "data": {"config": {}, "docs": []}}, "wait": READY}])
    assert reply["answers"] == [{"type": READY}]
    assert not any("thai_index" in r for r in reply["requests"])


def test_a_query_is_answered_with_materials_result_shape(bare_page):
    (result,) = ask(bare_page, "ประเมินคุณภาพภายนอก")
    assert pages_of(result)[0] == "process/qa-external-assessment/"
    for group in result["items"]:
        assert any("#" not in doc["location"] for doc in group)  # the page itself is in every group
        for doc in group:
            assert set(doc) >= {"location", "title", "text", "score", "terms"}
            assert isinstance(doc["score"], (int, float))
    assert "<mark>" in result["items"][0][0]["title"] + result["items"][0][0]["text"]


def test_an_empty_query_is_answered_without_loading_the_index(bare_page):
    reply = talk(bare_page, [{"send": {"type": SETUP, "data": {}}, "wait": READY},
                             {"send": {"type": QUERY, "data": "  "}, "wait": RESULT}])
    assert reply["answers"][1]["data"]["items"] == []
    assert not any("thai_index" in r for r in reply["requests"])


def test_the_load_message_fetches_the_index_once(bare_page):
    reply = talk(bare_page, [{"send": {"type": SETUP, "data": {}}, "wait": READY},
                             {"send": {"type": "thai-search:load"}, "wait": "thai-search:status"},
                             {"send": {"type": "thai-search:load"}},
                             {"send": {"type": QUERY, "data": "ศึกษานิเทศก์"}, "wait": RESULT}])
    assert reply["answers"][1]["data"] == {"state": "ready"}
    assert sum("thai_index.json" in r for r in reply["requests"]) == 1
    timing = next(m for m in reply["all"] if m["type"] == "thai-search:timing")["data"]
    assert {"worker script started", "index requested", "index downloaded", "index parsed",
            "index ready"} <= set(timing["marks"])


def test_a_missing_index_gives_an_error_answer_not_a_hang(browser, tmp_path):
    from tests.conftest import new_context

    (tmp_path / "assets/javascripts").mkdir(parents=True)
    shutil.copytree(ASSETS, tmp_path / "assets/javascripts/thai-search")
    (tmp_path / "index.html").write_text("<!doctype html><title>no index</title>", "utf-8")
    server, url = serve(tmp_path)
    try:
        context = new_context(browser)
        page = context.new_page()
        page.goto(url + "index.html")
        reply = talk(page, [{"send": {"type": SETUP, "data": {}}, "wait": READY},
                            {"send": {"type": QUERY, "data": "ศึกษานิเทศก์"}, "wait": RESULT},
                            {"send": {"type": QUERY, "data": "ครู"}, "wait": RESULT}])
        context.close()
    finally:
        server.shutdown()
    for answer in reply["answers"][1:]:
        assert answer["data"]["items"] == []
        assert answer["data"]["thai"]["error"] == "index"
        assert "404" in answer["data"]["thai"]["detail"]
    assert {"type": "thai-search:status", "data": {"state": "error", "detail": reply["answers"][1]["data"]["thai"]["detail"]}} in reply["all"]


def test_an_index_defined_by_a_script_is_used_without_fetching(bare_page):
    """The offline contract: self.__thai_index, when a script defined it, is the index."""
    reply = talk(bare_page, [{"send": {"type": SETUP, "data": {}}, "wait": READY},
                             {"send": {"type": QUERY, "data": "ศึกษานิเทศก์"}, "wait": RESULT}],
                 script="assets/javascripts/thai-search/offline-worker.js")
    assert pages_of(reply["answers"][1]["data"])[0] == "role/supervisor/"
    assert not any("thai_index.json" in r for r in reply["requests"])


def test_hostile_queries_are_answered_and_markup_stays_text(bare_page):
    queries = ["<img src=x onerror=alert(1)>", "script", "* ~ ^ : + -", "ก" * 500, "\U0001F600", ""]
    results = ask(bare_page, *queries)
    assert len(results) == len(queries)
    for result in results:
        for group in result["items"]:
            for doc in group:
                html = doc["title"] + doc["text"]
                assert "<script" not in html and "<img" not in html
    glossary = [d for g in results[1]["items"] for d in g if d["location"] == "glossary/"]
    assert glossary and "&lt;<mark>script</mark>&gt;" in glossary[0]["text"]


# ----------------------------------------------------------------- questions

def test_question_words_do_not_decide_the_order(bare_page):
    plain, question, duty = ask(bare_page, "ศึกษานิเทศก์", "ศึกษานิเทศก์ต้องทำอะไรบ้าง", "หน้าที่ของศึกษานิเทศก์")
    assert pages_of(plain)[0] == pages_of(question)[0] == pages_of(duty)[0] == "role/supervisor/"


@pytest.mark.parametrize("query,month", [
    ("เดือนพฤษภาคมต้องทำอะไร", 8), ("พ.ค.", 8), ("พค 2567", 8), ("พฤษภาคม ๒๕๖๗", 8),
    ("ตุลาคมทำอะไรบ้าง", 1), ("มี.ค. 67 ต้องทำอะไร", 6), ("ก.ย.", 12), ("งานเดือน ธ.ค.", 3),
])
def test_a_month_opens_that_month_of_the_calendar(bare_page, query, month):
    (result,) = ask(bare_page, query)
    assert pages_of(result)[0] == "calendar/"
    assert first_section(result) == f"calendar/#month-{month}"


def test_with_a_role_named_the_month_of_that_role(bare_page):
    """A role page with sections month-N (fiscal month) is where "role + month" leads."""
    with_month, without = ask(bare_page, "ศึกษานิเทศก์ เดือนพฤษภาคม", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา ต้องทำอะไรเดือน ม.ค.")
    assert pages_of(with_month)[0] == "role/supervisor/"
    assert first_section(with_month) == "role/supervisor/#month-8"
    assert pages_of(without)[0] == "role/area-director/"  # no month sections on that page: the page


def test_who_is_responsible_for_x_leads_to_the_process_of_x(bare_page):
    (result,) = ask(bare_page, "ใครรับผิดชอบการประเมินคุณภาพภายนอก")
    assert pages_of(result)[0] == "process/qa-external-assessment/"


def test_who_does_what_leads_to_the_roles_and_processes(bare_page):
    (result,) = ask(bare_page, "ใครทำอะไรในแต่ละกระบวนงาน")
    assert pages_of(result)[0] == "matrix/"


def test_a_synonym_is_searched_as_what_it_stands_for_and_said(bare_page):
    (result,) = ask(bare_page, "ผอ.เขต ต้องทำอะไร")
    assert pages_of(result)[0] == "role/area-director/"
    searched = result["thai"]["searched"]
    assert searched[0] == {"text": "ผู้อำนวยการ/รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "changed": True}
    assert "".join(p["text"] for p in searched[1:]).strip() == "ต้องทำอะไร"


# ----------------------------------------------------------------- what the reader sees

def test_a_corrected_query_says_what_was_searched(bare_page):
    typo, exact = ask(bare_page, "ประเมินคุณภาพภายนอด", "ประเมินคุณภาพภายนอก")
    assert pages_of(typo)[0] == "process/qa-external-assessment/"
    assert typo["thai"]["searched"] == [{"text": "ประเมินคุณภาพภายนอก", "changed": True}]
    assert "searched" not in exact["thai"]


def test_a_completed_last_word_says_what_was_searched(bare_page):
    (result,) = ask(bare_page, "ศึกษานิเทศก์ ประสานง")
    parts = result["thai"]["searched"]
    assert parts[-1]["changed"] and parts[-1]["text"].startswith("ประสานง") and len(parts[-1]["text"]) > 7
    assert parts[0] == {"text": "ศึกษานิเทศก์ ", "changed": False}  # the reader's own words, as typed


def marks(result) -> list[tuple[str, str]]:
    """(marked word, the text around it) of every <mark> in a result."""
    import re
    out = []
    for group in result["items"]:
        for doc in group:
            for html in (doc["title"], doc["text"]):
                for m in re.finditer(r"(.{0,8})<mark>(.*?)</mark>(.{0,8})", html):
                    out.append((m.group(2), m.group(1) + "[" + m.group(2) + "]" + m.group(3)))
    return out


def test_only_what_matched_is_highlighted(bare_page):
    four, work = ask(bare_page, "สี่", "งาน 4.4")
    assert not any(word == "ที่" for word, _ in marks(four))  # no one-letter "typo" of สี่
    highlighted = marks(work)
    assert any(word == "งาน" and "2 [งาน] ที่" in around for word, around in highlighted), highlighted
    for word, around in highlighted:  # a short word is marked where it is a word, not inside compounds
        before = around.split("[")[0]
        assert not (word == "งาน" and before.endswith(("ประสาน", "กระบวน", "คุณภาพ"))), around


def test_the_count_is_honest_when_more_pages_match_than_are_listed(bare_page):
    (result,) = ask(bare_page, "โรงเรียน")
    assert len(result["items"]) == result["thai"]["shown"] < result["thai"]["total"]
    assert result["thai"]["total"] >= 70


def test_snippets_keep_labels_apart_and_show_no_provenance(bare_page):
    (result,) = ask(bare_page, "ประเมินคุณภาพภายนอก")
    texts = " ".join(doc["text"] for group in result["items"] for doc in group)
    assert "บรรทัด" not in texts and "ที่มา" not in texts
    assert "· มาตรฐานคุณภาพงาน: มีข้อมูล" in texts


# ----------------------------------------------------------------- normalisation, Python = JavaScript

# What readers and the manuals put in text: Thai, Latin, digits of both scripts,
# every space, dash, quote and bracket the rules name, zero-width characters,
# combining marks; a few odd ones besides.
ALPHABET = (
    [chr(c) for c in range(0x0E00, 0x0E80)]
    + [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x180)]
    + list("\t\n\r\f\v\u1680\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff")
    + [chr(c) for c in range(0x2000, 0x2027)]
    + [chr(c) for c in range(0x0300, 0x0370)]
    + list("«»‹›、。，：；！？（）［］｛｝")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40), min_size=1, max_size=40))
def test_python_and_javascript_normalise_alike(bare_page, texts):
    texts = texts + ["ก.ต.ป.น. (สมศ.) [๒๕๕๓] {O-NET}", "กํา\u200bหนด – ต.ค.–ธ.ค.", "“ศึกษา” ‘นิเทศก์’ / งาน"]
    got = bare_page.evaluate("""texts => texts.map(t => [ThaiText.normalize(t), ThaiText.spaceless(t)])""", texts)
    shown = bare_page.evaluate("""texts => texts.map(t => ThaiText.spacelessDisplayed(t))""",
                               [display_text(t) for t in texts])
    for text, (normal, flat), flat_shown in zip(texts, got, shown):
        assert normal == normalize_text(text), repr(text)
        assert flat == spaceless(text), repr(text)
        assert flat_shown == flat, repr(text)  # the worker's fast path for the index's own text
