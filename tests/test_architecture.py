"""Domain logic stays free of MkDocs, so a later move of theme or generator stays cheap."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_domain_packages_do_not_import_mkdocs():
    modules = [f"hooks.{package}.{path.stem}" for package in ("handbook", "thai_search")
               for path in sorted((REPO_ROOT / "hooks" / package).glob("*.py")) if path.stem != "__init__"]
    assert len(modules) > 10
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
