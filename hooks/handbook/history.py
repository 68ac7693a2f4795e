"""How recent the content is: the last change to processes/ that git records.

The home page prints it ("ปรับปรุงเนื้อหาล่าสุด …"). It is a fact of the build, not of
the content: the MkDocs hook passes it to `build_pages`, and whatever builds pages
without it (the content check, the page snapshot) prints none, so a commit that
changes content changes no snapshot by its own date. Prose files (*.md) do not
count, as in the snapshot's content digest: a README edit is not new content.
Without git, or outside a repository (a copy from a zip file), there is no date.
In a shallow clone (CI checks out one commit) it is the date of that commit.
"""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_content_change(processes: Path) -> date | None:
    """The day of the last commit that changed a content file under `processes`, or None."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", ".", ":(exclude)*.md"],
            cwd=processes, capture_output=True, text=True, timeout=10, check=True)
        return date.fromisoformat(result.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
