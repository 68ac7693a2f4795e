"""Third-party files shipped with the site are exactly the recorded ones.

Each folder of bundled files (the Sarabun font, the file:// worker shim) holds a
SHA256SUMS file in `sha256sum` format next to them: every file of the folder is listed,
and every listed file has the recorded digest (a changed or added file must be
recorded on purpose, with where it came from in the folder's VERSION file).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = sorted((REPO_ROOT / "docs" / "assets").rglob("SHA256SUMS"))


def _recorded(manifest: Path) -> dict[str, str]:
    entries = {}
    for number, line in enumerate(manifest.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        assert len(digest) == 64 and name, f"{manifest}:{number}: not '<sha256>  <file>'"
        entries[name.lstrip("*")] = digest
    return entries


def test_the_font_and_the_worker_shim_have_their_checksums():
    folders = {manifest.parent.relative_to(REPO_ROOT).as_posix() for manifest in MANIFESTS}
    assert {"docs/assets/fonts/sarabun", "docs/assets/javascripts/vendor/iframe-worker"} <= folders


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda m: m.parent.relative_to(REPO_ROOT).as_posix())
def test_every_bundled_file_matches_its_recorded_checksum(manifest):
    recorded = _recorded(manifest)
    present = {path.name for path in manifest.parent.iterdir() if path.is_file() and path != manifest}
    assert present == set(recorded), "files not recorded in SHA256SUMS, or recorded but missing"
    for name, digest in recorded.items():
        assert hashlib.sha256((manifest.parent / name).read_bytes()).hexdigest() == digest, name
    assert "VERSION" in present, "say where the files come from (package, version, integrity)"
