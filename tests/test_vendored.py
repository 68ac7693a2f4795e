"""Supply chain: every third-party file the site ships and every package the site is
built with is pinned to the bytes that were reviewed.

- vendored.sha256 records the SHA-256 of each vendored file under docs/ (any file in a
  `vendor/` folder or under assets/fonts/, with its licence and VERSION note saying where
  it comes from; any minified `*.min.js`, any font); a vendored file added without its
  line, or changed without updating it, fails here.
- requirements.txt pins every package with hashes (pip installs with --require-hashes).
- GitHub Actions are pinned by full commit, and each job gets only the permissions it uses.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = REPO_ROOT / "vendored.sha256"
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def vendored_files() -> set[str]:
    files = set()
    for path in (REPO_ROOT / "docs").rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(REPO_ROOT)
        if ("vendor" in relative.parts or "fonts" in relative.parts or path.name.endswith(".min.js")
                or path.suffix.lower() in FONT_SUFFIXES):
            files.add(relative.as_posix())
    return files


def recorded() -> dict[str, str]:
    entries = {}
    for line in MANIFEST.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(None, 1)
            entries[name.lstrip("*")] = digest
    return entries


def test_every_vendored_file_has_its_checksum_recorded():
    assert vendored_files() == set(recorded())


def test_every_vendored_file_has_the_recorded_bytes():
    for name, digest in recorded().items():
        assert hashlib.sha256((REPO_ROOT / name).read_bytes()).hexdigest() == digest, name


def test_every_requirement_is_pinned_with_hashes():
    text = (REPO_ROOT / "requirements.txt").read_text("utf-8")
    requirements = re.findall(r"(?m)^([A-Za-z0-9_.\-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text)
    names = re.findall(r"(?m)^[A-Za-z0-9_.\-\[]", text)
    assert requirements and len(requirements) == len(names)  # every requirement line is a pinned, hashed one
    direct = [line.split("==")[0].split("[")[0].lower() for line in
              (REPO_ROOT / "requirements.in").read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert set(direct) <= {name.lower().replace("_", "-") for name, _version, _hashes in requirements}
    handbook = (REPO_ROOT / "handbook").read_text("utf-8")
    assert "--require-hashes -r requirements.txt" in handbook


def _workflows():
    for path in sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml")):
        yield path.name, path.read_text("utf-8"), yaml.safe_load(path.read_text("utf-8"))


def test_actions_are_pinned_by_commit_with_their_tag_in_a_comment():
    for name, text, _workflow in _workflows():
        uses = re.findall(r"(?m)^\s*(?:-\s*)?uses:\s*(\S+)(.*)", text)
        assert uses, name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{name}: {action} is not pinned by commit"
            assert re.search(r"#\s*v\d", comment), f"{name}: {action} has no tag comment"


def test_each_job_gets_only_the_permissions_it_uses():
    for name, _text, workflow in _workflows():
        assert workflow.get("permissions") in ({}, {"contents": "read"}), f"{name}: workflow-wide permissions"
        for job_name, job in workflow["jobs"].items():
            writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
            deploys = any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))
            assert writes == ({"pages", "id-token"} if deploys else set()), f"{name}: job {job_name} may write {writes}"


def test_every_vendored_folder_says_where_its_files_come_from():
    folders = {(REPO_ROOT / name).parent for name in recorded()}
    for folder in folders:
        assert (folder / "VERSION").is_file(), f"{folder.relative_to(REPO_ROOT)}: no VERSION (package, version, source)"
