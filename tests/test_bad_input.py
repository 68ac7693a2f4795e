"""Every mistake an editor can make is rejected with a message that names the file, line, field and fix."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text("utf-8"))["cases"]


def test_the_corpus_has_at_least_30_cases_one_file_each():
    files = sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "cases.yaml")
    assert len(CASES) >= 30
    assert sorted(case["file"] for case in CASES) == files


def run_check(tmp_path: Path, case: dict) -> subprocess.CompletedProcess:
    shutil.copytree(REPO_ROOT / "processes", tmp_path / "processes")
    shutil.copy(CORPUS / case["file"], tmp_path / "processes" / case["target"])
    return subprocess.run([sys.executable, "-m", "hooks.check", "processes"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_broken_file_is_rejected_with_its_expected_message(tmp_path, case):
    result = run_check(tmp_path, case)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    reported = [line.strip() for line in output.splitlines() if line.startswith("  processes/")]
    assert reported == case["expect"], f"{case['mistake']}:\n" + "\n".join(reported)
    assert f"content problems: {len(case['expect'])})" in output


def test_all_problems_of_a_change_are_reported_in_one_run(tmp_path):
    """Three mistakes in three files: one run names all three."""
    shutil.copytree(REPO_ROOT / "processes", tmp_path / "processes")
    for name in ("16-unknown-role.yaml", "20-period-not-a-month.yaml", "36-reference-unknown-kind.yaml"):
        case = next(c for c in CASES if c["file"] == name)
        shutil.copy(CORPUS / name, tmp_path / "processes" / case["target"])
    result = subprocess.run([sys.executable, "-m", "hooks.check", "processes"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.returncode == 1
    assert "content problems: 3)" in result.stderr
    for name in ("16-unknown-role.yaml", "20-period-not-a-month.yaml", "36-reference-unknown-kind.yaml"):
        assert name in result.stderr


def test_the_build_stops_with_the_same_message_and_no_traceback(tmp_path):
    """mkdocs build on broken content fails with the editor's message, not a Python traceback."""
    for entry in ("mkdocs.yml", "docs", "hooks", "processes"):
        source = REPO_ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / entry)
    case = next(c for c in CASES if c["file"] == "16-unknown-role.yaml")
    shutil.copy(CORPUS / case["file"], tmp_path / "processes" / case["target"])
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert case["expect"][0] in output


def test_the_check_command_passes_on_the_real_handbook():
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "content OK" in result.stdout


def test_a_broken_registry_is_reported_once_not_at_every_use(tmp_path):
    """A bad `kind` in roles.yaml is one problem, not one per step that names a role."""
    shutil.copytree(REPO_ROOT / "processes", tmp_path / "processes")
    roles = tmp_path / "processes" / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace("kind: person", "kind: human", 1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks.check", "processes"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.returncode == 1
    assert "content problems: 1)" in result.stderr
    assert "processes/roles.yaml:8: [roles[0].kind] ค่า `human` ใช้ไม่ได้" in result.stderr
