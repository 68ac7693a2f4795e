"""Thai segmentation for the search index: the handbook's hard cases.

Runs the real PyThaiNLP engines (nlpo3 and newmm) with the vocabulary read from
processes/. No timings here: the benchmark (tests/benchmarks) measures speed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.thai_search import (
    Segmenter,
    build_search_data,
    load_vocabulary,
    normalize_text,
    strip_abbreviation_dots,
)
from hooks.thai_search.index import STOPWORDS
from hooks.thai_search.page_text import search_view
from hooks.thai_search.questions import question_data
from hooks.thai_search.vocabulary import spaceless

REPO_ROOT = Path(__file__).resolve().parent.parent
PROCESSES = REPO_ROOT / "processes"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary(PROCESSES)


@pytest.fixture(scope="module", params=["nlpo3", "newmm"])
def seg(request, vocab):
    return Segmenter(vocab, engine=request.param)


# ----------------------------------------------------------------- normalisation

def test_thai_digits_become_arabic():
    assert normalize_text("พ.ศ. ๒๕๕๓ มาตรา ๓๙") == "พ.ศ. 2553 มาตรา 39"


def test_normalisation_fixes_sara_am_and_zero_width_and_case():
    assert normalize_text("กํา\u200bหนด O-NET") == "กำหนด o-net"


def test_abbreviation_dots_are_stripped():
    assert strip_abbreviation_dots("ก.ต.ป.น.") == "กตปน"
    assert strip_abbreviation_dots("สมศ.") == "สมศ"
    assert strip_abbreviation_dots("ศึกษานิเทศก์") == "ศึกษานิเทศก์"


# ----------------------------------------------------------------- vocabulary

def test_vocabulary_comes_from_the_yaml(vocab):
    assert "ศึกษานิเทศก์" in vocab.words
    assert "เขตพื้นที่การศึกษา" in vocab.words
    assert "ก.ต.ป.น." in vocab.abbreviations
    assert "สมศ." in vocab.abbreviations
    synonyms = dict(vocab.synonyms())
    assert synonyms["สมศ"] == spaceless("สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา")
    assert synonyms["กตปน"] == spaceless("คณะกรรมการติดตาม ตรวจสอบ ประเมินผลและนิเทศการศึกษา")


def test_vocabulary_tolerates_a_missing_folder(tmp_path):
    vocab = load_vocabulary(tmp_path / "nowhere")
    assert "ศึกษานิเทศก์" in vocab.words  # core terms only
    assert vocab.abbreviations == {}


# ----------------------------------------------------------------- segmentation

def test_role_names_stay_whole(seg):
    tokens = seg.tokens("ศึกษานิเทศก์ประจำสำนักงานเขตพื้นที่การศึกษา")
    assert tokens[0] == "ศึกษานิเทศก์"
    assert "สำนักงานเขตพื้นที่การศึกษา" in tokens
    # and the parts of the compound are indexed too, so they can be searched
    assert {"นิเทศก์", "เขตพื้นที่การศึกษา", "พื้นที่", "การศึกษา"} <= set(tokens)


def test_abbreviations_stay_whole_without_dots(seg):
    assert seg.tokens("คณะกรรมการ ก.ต.ป.น. และสมศ. ประชุม") == ["คณะกรรมการ", "กตปน", "และ", "สมศ", "ประชุม"]
    assert seg.tokens("ก.ต.ป.น.") == seg.tokens("กตปน") == ["กตปน"]
    assert seg.tokens("สมศ.") == seg.tokens("สมศ") == ["สมศ"]


def test_dates_and_months(seg):
    assert seg.tokens("พ.ศ.๒๕๕๓") == ["พศ", "2553"]
    assert seg.tokens("ต.ค.-ธ.ค. มี.ค. เม.ย.") == ["ตค", "ธค", "มีค", "เมย"]


def test_thai_and_arabic_digits_give_the_same_terms(seg):
    assert seg.tokens("มาตรา ๓๙") == seg.tokens("มาตรา 39") == ["มาตรา", "39"]
    assert seg.tokens("กระบวนงาน ๔.๔") == seg.tokens("กระบวนงาน 4.4")
    assert "4.4" in seg.tokens("กระบวนงาน 4.4")


def test_mixed_thai_and_english(seg):
    tokens = seg.tokens("การประเมินตามสภาพจริง (Authentic Assessment)")
    assert tokens[-2:] == ["authentic", "assessment"]
    assert "สภาพ" in tokens and "จริง" in tokens
    assert seg.tokens("ผลสอบ O-NET")[-3:] == ["onet", "o", "net"]


def test_phrase_and_spaced_phrase_share_terms(seg):
    joined = set(seg.tokens("สื่อนวัตกรรม"))
    spaced = set(seg.tokens("สื่อ นวัตกรรม"))
    assert {"สื่อ", "นวัตกรรม"} <= joined & spaced


def test_compound_contains_the_word_inside(seg):
    assert "นิเทศ" in seg.tokens("เครือข่ายการนิเทศ")
    assert "ภายนอก" in seg.tokens("การประเมินคุณภาพภายนอก")


def test_marks_alone_are_not_terms(seg):
    tokens = seg.tokens("กลุ่มนิเทศฯ ต่าง ๆ")
    assert "ฯ" not in tokens and "ๆ" not in tokens
    assert "กลุ่มนิเทศ" in tokens


def test_engines_agree_on_the_hard_cases(vocab):
    cases = ["ศึกษานิเทศก์", "ก.ต.ป.น.", "สำนักงานเขตพื้นที่การศึกษา", "มาตรา ๓๙", "สมศ.", "ประเมินคุณภาพภายนอก"]
    a, b = Segmenter(vocab, engine="nlpo3"), Segmenter(vocab, engine="newmm")
    for case in cases:
        assert a.tokens(case) == b.tokens(case), case


def test_unknown_engine_is_refused(vocab):
    with pytest.raises(ValueError):
        Segmenter(vocab, engine="deepcut")


# ----------------------------------------------------------------- index

def decode(flat: list[int], terms: list[str]) -> dict[str, float]:
    """A doc's field vector as the worker reads it: term steps and scores x 100."""
    out, term = {}, 0
    for i in range(0, len(flat), 2):
        term += flat[i]
        out[terms[term]] = flat[i + 1] / 100
    return out


def test_prebuilt_index_has_sorted_terms_vectors_and_synonyms(vocab):
    seg = Segmenter(vocab)
    index = {"config": {}, "docs": [
        {"location": "a/", "title": "ศึกษานิเทศก์", "text": "<p>ประสานงานกับ สมศ. เรื่อง ๒๕๕๓</p>"},
        {"location": "b/", "title": "องค์กร", "text": "<p>สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)</p>"},
        {"location": "b/#x", "title": "&lt;script&gt;", "text": "", "boost": 0.5},
    ]}
    data, stats = build_search_data(index, seg)
    terms = data["terms"]
    assert terms == sorted(terms) and len(set(terms)) == len(terms)
    assert stats.docs == 3 and stats.terms == len(terms)
    assert len(data["vectors"]) == len(data["docs"]) == 3
    full = spaceless("สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา")

    def doc_terms(n, field):
        return set(decode(data["vectors"][n][field], terms))

    assert {"สมศ", "2553", full} <= doc_terms(0, 1)   # abbreviation brings its full name
    assert {"สมศ", full} <= doc_terms(1, 1)           # and the full name its abbreviation
    assert "ศึกษานิเทศก์" in doc_terms(0, 0)
    assert "script" in doc_terms(2, 0)                 # escaped HTML is text, not markup
    assert all(score > 0 for n in range(3) for f in range(2) for score in decode(data["vectors"][n][f], terms).values())
    # the docs travel as plain text for display; a reviewer page keeps its lower boost
    assert data["docs"][0] == ["a/", "ศึกษานิเทศก์", "ประสานงานกับ สมศ. เรื่อง ๒๕๕๓"]
    assert data["docs"][2] == ["b/#x", "<script>", "", 0.5]
    assert set(data["stopwords"]) == set(STOPWORDS)
    json.dumps(data)  # serialisable


def material_text(html: str) -> str:
    """The text Material's search plugin indexes of a page's HTML (its own parser)."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return "".join("".join(section.text) for section in parser.data)


def test_indexed_text_leaves_out_provenance_and_keeps_labels_apart(vocab):
    seg = Segmenter(vocab)
    html = ('<p class="hb-meta">หน้าที่: <a href="#">4. วิจัย พัฒนา</a> · ที่มา: เอกสาร 000 บรรทัด 983-1064</p>'
            '<dl><dt>ผู้รับผิดชอบ</dt><dd data-search-exclude><a>กลุ่มนิเทศ</a></dd>'
            '<dt>ระยะเวลา</dt><dd>พ.ค. (พฤษภาคม)</dd><dt>ผู้รับผิดชอบ (ตามต้นฉบับ)</dt><dd>กลุ่มงานนิเทศฯ</dd></dl>')
    view = search_view(html)
    assert "data-search-exclude" in view and "<dt>ผู้รับผิดชอบ</dt>" not in view
    data, _ = build_search_data({"docs": [{"location": "p/", "title": "t", "text": material_text(view)}]}, seg)
    indexed = data["docs"][0][2]
    assert "ที่มา" not in indexed and "บรรทัด" not in indexed
    assert "ระยะเวลา: พ.ค. (พฤษภาคม) · ผู้รับผิดชอบ (ตามต้นฉบับ): กลุ่มงานนิเทศฯ" in indexed
    assert indexed.startswith("หน้าที่: 4. วิจัย พัฒนา")


def test_search_view_leaves_diagram_sources_out_and_cells_apart(vocab):
    html = ('<p>ก่อน</p><pre class="mermaid"><code>flowchart TD\n n_N1["ขั้นตอน"]</code></pre>'
            '<table><tr><td>ต.ค.</td><td>ประชุม</td></tr></table><p>ก.ต.ป.น.<br>ผู้บริหาร</p>')
    view = search_view(html)
    assert "flowchart" not in view and "n_N1" not in view
    data, _ = build_search_data({"docs": [{"location": "p/", "title": "t", "text": material_text(view)}]},
                                Segmenter(vocab))
    assert data["docs"][0][2] == "ก่อน ต.ค. ประชุม ก.ต.ป.น. ผู้บริหาร"


def test_a_page_indexes_a_passage_once_where_it_first_appears(vocab):
    """A summary table that repeats the steps word for word adds no second copy."""
    step = "ประสานงานกับสถานศึกษาในสังกัดเพื่อเตรียมความพร้อมรับการประเมิน"
    docs = [
        {"location": "p/#steps", "title": "ขั้นตอน", "text": material_text(search_view(f"<ol><li>1 {step}</li></ol>"))},
        {"location": "p/#table", "title": "ตาราง", "text": material_text(search_view(
            f"<table><tr><td>1.</td><td>1. {step}</td><td>ตลอดปี</td></tr></table>"))},
        {"location": "q/", "title": "อีกหน้า", "text": material_text(search_view(f"<p>{step}</p>"))},
    ]
    data, _ = build_search_data({"docs": docs}, Segmenter(vocab))
    texts = [doc[2] for doc in data["docs"]]
    assert texts == [f"1 {step}", "1. ตลอดปี", step]  # another page keeps its own copy


def test_search_view_changes_no_text_of_the_page():
    """Only separators and excluded labels differ: every word of the page stays."""
    import re
    html = ('<ol class="hb-steps"><li class="hb-step" id="step-1"><span class="hb-step-number">1</span> '
            '<span class="hb-step-text">ประชุม/สัมมนาเครือข่าย</span><dl class="hb-step-meta">'
            '<dt>มาตรฐานคุณภาพงาน</dt><dd>แผนการส่งเสริมฯ</dd></dl></li></ol>')
    def words(html_text):
        return re.findall(r"[\u0e01-\u0e4e/]+|[0-9]+", re.sub(r"<[^>]+>", " ", html_text))

    assert words(search_view(html)) == words(html)


def test_every_role_is_found_with_its_page(vocab):
    """Each role of roles.yaml comes with the keys a reader may type for it."""
    seg = Segmenter(vocab)
    docs = [{"location": f"role/{role.id}/", "title": role.name, "text": ""} for role in vocab.roles]
    data, _ = build_search_data({"docs": docs}, seg)
    assert len(data["roles"]) == len(vocab.roles)
    for n, (page, own, variants) in enumerate(data["roles"]):
        assert page == n
        assert spaceless(vocab.roles[n].name.replace(".", "")) in own
        assert not set(own) & set(variants)
    supervisor = data["roles"][[r.id for r in vocab.roles].index("supervisor")]
    assert "ศึกษานิเทศก์" in supervisor[1]
    committee = data["roles"][[r.id for r in vocab.roles].index("monitoring-committee")]
    assert "กตปน" in committee[1]  # its abbreviation, without dots


def test_question_words_and_months_for_the_worker():
    words = question_data()
    assert {"อะไร", "บ้าง", "ใคร"} <= set(words["question"]) | set(words["who"])
    assert len(words["months"]) == 12
    assert words["months"][0][:2] == ["ตุลาคม", "ตค"]      # the fiscal year starts in October
    assert words["months"][7][:2] == ["พฤษภาคม", "พค"]     # พ.ค. is fiscal month 8 (calendar/#month-8)
    assert words["months"][11][:2] == ["กันยายน", "กย"]
    every = [name for month in words["months"] for name in month]
    assert len(every) == len(set(every)), "a month name must name one month"
