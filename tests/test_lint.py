"""The Python code keeps the lint rules of ruff.toml (undefined names, real bugs, blind
`except`, `Markup()` around anything but safe text, stray print() in library code).

`ruff check .` reports each finding with its file and line; `ruff check --fix .` mends
the mechanical ones.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_the_code_keeps_the_lint_rules():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lint_rules_catch_an_unsafe_markup(tmp_path):
    """The rule that matters most here: page text must never become HTML by a Markup() call."""
    sample = tmp_path / "sample.py"
    sample.write_text("from markupsafe import Markup\n\n\ndef title(text):\n    return Markup(text)\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO_ROOT / "ruff.toml"),
                             str(sample)], capture_output=True, text=True)
    assert result.returncode == 1 and "S704" in result.stdout
