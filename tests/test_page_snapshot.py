"""Refactors keep every page: the generated pages and navigation match the committed snapshot.

The snapshot (tests/snapshots/pages.json) records what the pages were when it was
taken, and from which content. It only guards code changes: after any change in
processes/ this test skips, so editors never see it fail. A developer who changes
the output on purpose regenerates it in the same commit: `python tests/page_snapshot.py`.
"""
from __future__ import annotations

import json

import pytest

import page_snapshot
from page_snapshot import MANIFEST, REGENERATE, REPO_ROOT


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((REPO_ROOT / MANIFEST).read_text("utf-8"))


def test_every_page_and_the_navigation_match_the_snapshot(manifest, tmp_path):
    content = page_snapshot.content_digest(REPO_ROOT / "processes")
    if content != manifest["content"]:
        pytest.skip(f"processes/ changed since the snapshot (content {manifest['content'][:12]} → {content[:12]}): "
                    f"the snapshot guards code changes only; developers regenerate it with `{REGENERATE}`")
    output = page_snapshot.generate(REPO_ROOT)
    changed, reordered, nav_changed = page_snapshot.differences(manifest, output)
    if not (changed or reordered or nav_changed):
        return
    problems = []
    if changed:
        problems.append(f"{len(changed)} page(s) differ from the snapshot: {', '.join(changed[:20])}"
                        + (" …" if len(changed) > 20 else ""))
    if reordered:
        problems.append("the pages are generated in another order")
    if nav_changed:
        problems.append("the navigation differs")
    commit = page_snapshot.snapshot_commit(REPO_ROOT)
    if commit is None:
        detail = "(no diff: git does not know the commit that wrote the snapshot)"
    else:
        try:
            old = page_snapshot.output_of_commit(commit, REPO_ROOT, tmp_path)
        except Exception as error:  # noqa: BLE001 - an old checkout that cannot run any more: say so, keep the verdict
            detail = f"(no diff: the code of {commit[:10]} did not run: {error})"
        else:
            reproduced = not any(page_snapshot.differences(manifest, old))
            detail = (f"diff against the output of {commit[:10]}, which wrote the snapshot"
                      + ("" if reproduced else " (it does not reproduce the snapshot exactly either)")
                      + ":\n" + page_snapshot.explain(changed, old, output))
    pytest.fail("\n".join(problems) + f"\nAn intended change? Regenerate with `{REGENERATE}` in the same commit.\n"
                + detail, pytrace=False)


def test_the_snapshot_tells_a_changed_page_from_an_unchanged_one():
    """The comparison itself: a page whose text changes is named, blank lines are not a change."""
    output = {"pages": [{"path": "a.md", "title": "A", "markdown": "# A\n\n<p>x</p>\n", "edit_source": None}],
              "nav": [{"A": "a.md"}]}
    taken = page_snapshot.manifest_of(output, "content")
    same = {"pages": [dict(output["pages"][0], markdown=page_snapshot.normalised("# A\n\n\n\n<p>x</p>\n\n"))],
            "nav": [{"A": "a.md"}]}
    assert page_snapshot.differences(taken, same) == ([], False, False)
    other = {"pages": [dict(output["pages"][0], markdown="# A\n\n<p>x </p>\n")], "nav": [{"A": "a.md"}]}
    assert page_snapshot.differences(taken, other) == (["a.md"], False, False)
    assert "-<p>x</p>" in page_snapshot.explain(["a.md"], output, other)


def test_whitespace_between_tags_counts_by_presence_not_amount():
    """Any run of whitespace between tags is one space on the page and in the search index;
    none is none (words run together)."""
    normalised = page_snapshot.normalised
    assert normalised("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n") == normalised("<ul>\n\n<li>a</li> <li>b</li>\n</ul>")
    assert normalised("<dd><a href=\"#a\">a</a> <a href=\"#b\">b</a></dd>") == normalised("<dd><a href=\"#a\">a</a>\n<a href=\"#b\">b</a></dd>")
    assert normalised("<dd><a href=\"#a\">a</a> <a href=\"#b\">b</a></dd>") != normalised("<dd><a href=\"#a\">a</a><a href=\"#b\">b</a></dd>")
    assert normalised("<dl><dt>a</dt><dd>b</dd></dl>") != normalised("<dl>\n<dt>a</dt>\n<dd>b</dd>\n</dl>")
    assert normalised("<p> a</p>") != normalised("<p>a</p>")
    assert normalised("</ul>\n\n\n## Heading\n") == normalised("</ul>\n\n## Heading\n")
    assert normalised("</ul>\n## Heading\n") != normalised("</ul>\n\n## Heading\n")  # Markdown reads these apart
