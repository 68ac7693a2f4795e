"""The synonyms registry (processes/synonyms.yaml): checked like the rest of the content,
a search aid only.

Rules an editor's change must keep: every synonym leads to something the handbook
has; a word leads to one place; a mistake is reported in Thai with file:line, field
and fix, all at once, by `./handbook check` and by the build; no synonym ever
shows on a page.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from hooks.thai_search.synonyms import handbook_text, load_synonyms, word_key
from hooks.thai_search.normalize import spaceless
from hooks.thai_search.vocabulary import load_vocabulary

REPO_ROOT = Path(__file__).resolve().parent.parent
PROCESSES = REPO_ROOT / "processes"


def test_the_registry_loads_without_problems_and_each_word_leads_somewhere():
    synonyms, problems = load_synonyms(PROCESSES, repo_root=REPO_ROOT)
    assert problems == []
    entries = yaml.safe_load((PROCESSES / "synonyms.yaml").read_text("utf-8"))["synonyms"]
    assert len(synonyms) == sum(len(entry["words"]) for entry in entries)
    keys = [s.key for s in synonyms]
    assert len(keys) == len(set(keys)), "a word leads to one place"
    text = handbook_text(PROCESSES)
    vocab = load_vocabulary(PROCESSES)
    role_names = {role.name for role in vocab.roles}
    for synonym in synonyms:
        assert synonym.key == word_key(synonym.word)
        assert (spaceless(synonym.target) in text or any(synonym.target in name for name in role_names)
                or synonym.target in vocab.all_abbreviations), synonym


def test_the_everyday_names_of_the_issue_are_there():
    keys = {s.key: s.target for s in load_synonyms(PROCESSES, repo_root=REPO_ROOT)[0]}
    for word in ("ผอ.", "ผอ.เขต", "ผอ.สพท.", "โอเน็ต", "Coaching", "ศน."):
        assert word_key(word) in keys, word
    assert keys[word_key("ผอ.เขต")].startswith("ผู้อำนวยการ")
    assert keys[word_key("ผอ. เขต")] == keys[word_key("ผอเขต")]  # with or without dots and spaces


def write_registry(tmp_path: Path, text: str) -> Path:
    shutil.copytree(PROCESSES, tmp_path / "processes")
    (tmp_path / "processes" / "synonyms.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks.check", "processes"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


BROKEN = """synonyms:
  - words: [โอเน็ต]
    text: ข้อความที่ไม่มีในคู่มือเลย
  - words: [ผอ.เขต]
    role: area-directr
  - words: [ศน.]
    role: supervisor
    text: ศึกษานิเทศก์
  - words: [ศน]
    role: supervisor
  - words: [NT]
    term: no-such-term
  - words: [Coaching]
    abbreviation: X.Y.Z.
  - words: [ศึกษา นิเทศก์]
    role: supervisor
  - words: [ผอ เขต]
    text: ผู้อำนวยการ
"""


def test_every_mistake_is_reported_in_thai_with_file_line_field_and_fix(tmp_path):
    result = check(write_registry(tmp_path, BROKEN))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    reported = [line.strip() for line in output.splitlines() if line.startswith("  processes/")]
    expected = [  # (the report, up to the fix; what the fix must say)
        ("processes/synonyms.yaml:3: [synonyms[0].text] ข้อความ `ข้อความที่ไม่มีในคู่มือเลย` ไม่มีอยู่ในเนื้อหาของคู่มือ"
         " (processes/) → วิธีแก้:", "คัดลอกคำหรือวลีจากไฟล์ในโฟลเดอร์ processes/"),
        ("processes/synonyms.yaml:5: [synonyms[1].role] ไม่รู้จักรหัสบทบาท `area-directr` → วิธีแก้:",
         "รหัสที่ใกล้เคียง: area-director"),
        ("processes/synonyms.yaml:6: [synonyms[2]] แต่ละรายการต้องมีเป้าหมายเดียว: text, role, term หรือ abbreviation"
         " (พบ text, role) → วิธีแก้:", "อย่างใดอย่างหนึ่ง"),
        ("processes/synonyms.yaml:12: [synonyms[4].term] ไม่รู้จักรหัสคำนิยาม `no-such-term` → วิธีแก้:",
         "definitions:"),
        ("processes/synonyms.yaml:14: [synonyms[5].abbreviation] ไม่มีคำย่อ `X.Y.Z.` ใน processes/abbreviations.yaml"
         " → วิธีแก้:", "abbreviations.yaml"),
        ("processes/synonyms.yaml:15: [synonyms[6].words[0]] คำ `ศึกษา นิเทศก์` เป็นคำเดียวกับเป้าหมาย `ศึกษานิเทศก์`"
         " → วิธีแก้:", "ลบคำนี้ออก"),
        ("processes/synonyms.yaml:17: [synonyms[7].words[0]] คำ `ผอ เขต` ซ้ำกับ `ผอ.เขต` (บรรทัด 4)"
         " เมื่อไม่นับจุดและช่องว่าง → วิธีแก้:", "ลบคำที่ซ้ำออก"),
    ]
    assert len(reported) == len(expected), "\n".join(reported)
    for line, (report, fix) in zip(reported, expected):
        assert line.startswith(report) and fix in line.split("→ วิธีแก้:")[1], line
    assert f"content problems: {len(expected)})" in output


def test_a_misspelt_field_is_reported_by_the_schema(tmp_path):
    result = check(write_registry(tmp_path, "synonyms:\n  - word: [ผอ.]\n    text: ผู้อำนวยการ\n"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "processes/synonyms.yaml:2: [synonyms[0].word] ไม่รู้จักฟิลด์ `word` (unknown field)" in output
    assert "หมายถึง `words` หรือไม่?" in output


def test_synonym_problems_come_with_the_other_content_problems_in_one_run(tmp_path):
    root = write_registry(tmp_path, "synonyms:\n  - words: [ผอ.เขต]\n    role: nobody\n")
    roles = root / "processes" / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace("kind: person", "kind: persn", 1), encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "synonyms.yaml:3" in result.stderr and "roles.yaml" in result.stderr


def test_the_build_stops_on_a_broken_registry_with_the_same_message(tmp_path):
    for entry in ("mkdocs.yml", "docs", "hooks"):
        source = REPO_ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / entry)
    write_registry(tmp_path, "synonyms:\n  - words: [ผอ.เขต]\n    role: nobody\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "processes/synonyms.yaml:3: [synonyms[0].role] ไม่รู้จักรหัสบทบาท `nobody`" in output


def test_no_synonym_shows_on_any_page(built_site):
    """A synonym is a search aid only: words the handbook does not use appear on no page."""
    text = handbook_text(PROCESSES)
    synonyms, _ = load_synonyms(PROCESSES, repo_root=REPO_ROOT)
    absent = [s.word for s in synonyms if s.key not in text and len(s.key) > 2]
    assert len(absent) >= 5
    pages = list(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        for word in absent:
            assert word not in html, (word, page.relative_to(built_site))
