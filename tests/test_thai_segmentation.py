"""Thai segmentation for the search index: the handbook's hard cases.

Runs the real PyThaiNLP engines (nlpo3 and newmm) with the vocabulary read from
processes/. No timings here: the benchmark (tests/benchmarks) measures speed.
"""
from __future__ import annotations

import json
import subprocess
import sys
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

def test_prebuilt_index_has_sorted_terms_vectors_and_synonyms(vocab):
    seg = Segmenter(vocab)
    index = {"config": {}, "docs": [
        {"location": "a/", "title": "ศึกษานิเทศก์", "text": "<p>ประสานงานกับ สมศ. เรื่อง ๒๕๕๓</p>"},
        {"location": "b/", "title": "องค์กร", "text": "<p>สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)</p>"},
        {"location": "b/#x", "title": "&lt;script&gt;", "text": ""},
    ]}
    data, stats = build_search_data(index, seg)
    terms = data["terms"]
    assert terms == sorted(terms) and len(set(terms)) == len(terms)
    assert stats.docs == 3 and stats.terms == len(terms)
    assert len(data["vectors"]) == 3
    full = spaceless("สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา")

    def doc_terms(n, field):
        flat = data["vectors"][n][field]
        return {terms[flat[i]] for i in range(0, len(flat), 2)}

    assert {"สมศ", "2553", full} <= doc_terms(0, 1)   # abbreviation brings its full name
    assert {"สมศ", full} <= doc_terms(1, 1)           # and the full name its abbreviation
    assert "ศึกษานิเทศก์" in doc_terms(0, 0)
    assert "script" in doc_terms(2, 0)                 # escaped HTML is text, not markup
    assert set(data["stopwords"]) == set(STOPWORDS)
    json.dumps(data)  # serialisable
