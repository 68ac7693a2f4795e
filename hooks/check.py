"""Check all handbook content without building the site.

    python -m hooks.check [processes-dir]

Prints every problem (file:line: [field] what is wrong → how to fix) and exits 1,
or prints a one-line summary and exits 0. Never shows a Python traceback for a
content mistake.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from hooks.handbook import ContentError, load_handbook
from hooks.handbook.pages import build_pages
from hooks.handbook.problems import inert
from hooks.handbook.sitecheck import site_problems
from hooks.thai_search.synonyms import load_synonyms

REPO_ROOT = Path(__file__).resolve().parent.parent


def content_problems(processes: Path, repo_root: Path, content_date=None):
    """Everything the check and the build report, in one run: loading and schemas, the
    pages as they render, the site-wide rules, and the search's synonyms registry (its
    targets unless a whole content folder is missing). Returns (handbook, site, problems);
    handbook and site are None when the content could not be loaded."""
    handbook = site = None
    try:
        handbook = load_handbook(processes, repo_root=repo_root)
        site = build_pages(handbook, content_date=content_date)  # catches what only rendering meets
        problems = site_problems(handbook, site.pages)
    except ContentError as error:
        problems = error.problems
    folder_missing = any(problem.file.endswith("/") for problem in problems)
    problems += load_synonyms(processes, repo_root=repo_root, check_targets=not folder_missing)[1]
    return handbook, site, problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else REPO_ROOT / "processes"
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    started = time.perf_counter()
    repo_root = Path.cwd() if argv else REPO_ROOT
    try:
        handbook, _site, problems = content_problems(root, repo_root)
        if problems:
            raise ContentError(problems)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a bug of ours, not an editor's mistake: say so, without a traceback
        print(inert(f"ข้อผิดพลาดภายในของโปรแกรมตรวจ (internal error): {type(error).__name__}: {error}") + "\n"
              "เนื้อหาอาจไม่ผิด: แจ้งผู้ดูแลพร้อมข้อความนี้ (please report this message)", file=sys.stderr)
        return 2
    steps = sum(1 for _ in handbook.all_steps())
    print(f"เนื้อหาถูกต้อง (content OK): {len(handbook.units)} กระบวนงาน, {steps} ขั้นตอน, "
          f"{len(handbook.roles)} บทบาท, {len(handbook.references)} เอกสารอ้างอิง, "
          f"{len(handbook.districts)} คู่มือระดับเขต — {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
