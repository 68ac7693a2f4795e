"""Snapshot of every generated page and the navigation, to prove that a refactor changes nothing.

    python tests/page_snapshot.py            regenerate tests/snapshots/pages.json

The snapshot is a manifest, not a copy of the pages: a SHA-256 per page (its path,
title, Markdown and edit source; the Markdown with the amount of whitespace between
tags taken out, see `normalised`), one for the navigation, and a digest of the content
(`processes/`) they were generated from. `tests/test_page_snapshot.py` compares the
pages generated now with it:

- same content, different pages: the code changed the output. Fails, naming the pages
  and showing a diff against the output of the commit that wrote the snapshot.
- content changed since the snapshot: skips (an editor's change is never a failure).

Developers regenerate the snapshot in the same commit as an intentional change of the
output (and say why in the commit message); a refactor must pass without regenerating.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import io
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path("tests") / "snapshots" / "pages.json"
REGENERATE = "python tests/page_snapshot.py"


def content_digest(processes: Path) -> str:
    """SHA-256 over every content file under processes/ (names and bytes); prose (*.md) aside."""
    digest = hashlib.sha256()
    for path in sorted(p for p in processes.rglob("*") if p.is_file() and p.suffix != ".md"):
        digest.update(path.relative_to(processes).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def normalised(markdown: str) -> str:
    """The page with the amount of whitespace between tags taken out, so that templates
    may lay out their HTML: a run of whitespace between two tags counts as one line
    break, whatever it holds (browsers render any run as at most one space, Material's
    search index keeps one space), and a run of blank lines counts as one (Markdown
    reads them so). Whether there is whitespace between two tags still counts (it is a
    space on the page and between words in the search index), as does all else."""
    markdown = re.sub(r">\s+<", ">\n<", markdown)
    return re.sub(r"\n(?:[ \t]*\n)+", "\n\n", markdown).strip("\n") + "\n"


def generate(repo_root: Path) -> dict:
    """Every page (path -> title, Markdown, edit source) and the navigation, from the
    content under `repo_root`, by the code this file is next to."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from hooks.handbook import load_handbook
    from hooks.handbook.pages import build_pages

    site = build_pages(load_handbook(repo_root / "processes", repo_root=repo_root))
    return {
        "pages": [{"path": page.path, "title": page.title, "markdown": normalised(page.markdown),
                   "edit_source": page.edit_source} for page in site.pages],
        "nav": site.nav,
    }


def _sha(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def manifest_of(output: dict, content: str) -> dict:
    return {
        "about": f"Generated pages and navigation; regenerate with `{REGENERATE}` (see tests/page_snapshot.py)",
        "content": content,
        "navigation": _sha(output["nav"]),
        "pages": [[page["path"], _sha(page)] for page in output["pages"]],
    }


def differences(manifest: dict, output: dict) -> tuple[list[str], bool, bool]:
    """(paths of pages that differ or are new or gone, order differs, navigation differs)."""
    expected = dict(manifest["pages"])
    now = {page["path"]: _sha(page) for page in output["pages"]}
    changed = [path for path in now if expected.get(path) != now[path]]
    changed += [path for path in expected if path not in now]
    same_order = [path for path, _ in manifest["pages"]] == [page["path"] for page in output["pages"]]
    return changed, not same_order, manifest["navigation"] != _sha(output["nav"])


def output_of_commit(commit: str, repo_root: Path, scratch: Path) -> dict:
    """What the code of `commit` generates from today's content (for a diff)."""
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "hooks", "tests/page_snapshot.py"],
                             cwd=repo_root, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(scratch, filter="data")
    out = scratch / "output.json"
    subprocess.run([sys.executable, str(scratch / "tests" / "page_snapshot.py"), "--dump", str(out),
                    "--repo", str(repo_root)], check=True, capture_output=True, cwd=scratch)
    return json.loads(out.read_text("utf-8"))


def snapshot_commit(repo_root: Path) -> str | None:
    """The commit that last wrote the manifest, if git knows one."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%H", "--", MANIFEST.as_posix()],
                                cwd=repo_root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def _element_lines(markdown: str) -> list[str]:
    """The page cut between adjacent tags too, so that a diff points at the element that changed."""
    return re.sub(r">(?=<)", ">\n", markdown).splitlines()


def explain(changed: list[str], old: dict, new: dict, limit_pages: int = 5, limit_lines: int = 40) -> str:
    """A short unified diff of the first pages that differ."""
    before = {page["path"]: page for page in old["pages"]}
    after = {page["path"]: page for page in new["pages"]}
    out = []
    for path in changed[:limit_pages]:
        a, b = before.get(path), after.get(path)
        if a is None or b is None:
            out.append(f"--- {path}: {'new page' if a is None else 'page gone'}")
            continue
        for field in ("title", "edit_source"):
            if a[field] != b[field]:
                out.append(f"--- {path}: {field} {a[field]!r} -> {b[field]!r}")
        lines = list(difflib.unified_diff(_element_lines(a["markdown"]), _element_lines(b["markdown"]),
                                          f"{path} (snapshot)", f"{path} (now)", n=1, lineterm=""))
        out += [line[:200] for line in lines[:limit_lines]]
        if len(lines) > limit_lines:
            out.append(f"... {len(lines) - limit_lines} more diff lines")
    if old["nav"] != new["nav"]:
        out += list(difflib.unified_diff(json.dumps(old["nav"], ensure_ascii=False, indent=1).splitlines(),
                                         json.dumps(new["nav"], ensure_ascii=False, indent=1).splitlines(),
                                         "navigation (snapshot)", "navigation (now)", n=1, lineterm=""))[:limit_lines]
    return "\n".join(out)


def _one_page_a_line(manifest: dict) -> str:
    """The manifest as JSON with one page a line, so that its git diff names the pages."""
    head = {key: value for key, value in manifest.items() if key != "pages"}
    lines = [json.dumps(entry, ensure_ascii=False) for entry in manifest["pages"]]
    return (json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "pages": [\n  '
            + ",\n  ".join(lines) + "\n ]\n}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, help="write the generated output as JSON here (used for diffs)")
    parser.add_argument("--repo", type=Path, default=REPO_ROOT, help="repository whose content to generate from")
    args = parser.parse_args()
    output = generate(args.repo.resolve())
    if args.dump:
        args.dump.write_text(json.dumps(output, ensure_ascii=False), "utf-8")
        return
    manifest = manifest_of(output, content_digest(REPO_ROOT / "processes"))
    (REPO_ROOT / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (REPO_ROOT / MANIFEST).write_text(_one_page_a_line(manifest), "utf-8")
    print(f"{MANIFEST}: {len(manifest['pages'])} pages and the navigation, content {manifest['content'][:12]}")


if __name__ == "__main__":
    main()
