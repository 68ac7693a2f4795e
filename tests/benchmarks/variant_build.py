"""One build of a benchmark variant: MkDocs' own build, with the site plan filtered.

    python tests/benchmarks/variant_build.py {full,lean,titles} SITE_DIR [--config mkdocs.yml]

- full:   the site as published (what `mkdocs build --strict` builds)
- lean:   without flowcharts and without the cross-reference pages (roles, references,
          matrix, calendar, glossary); links to those pages become their text
- titles: lean, with the cross-reference pages back, each holding only its title

Production code knows nothing of these variants: this runs MkDocs' build with the
handbook hook's `build_pages` wrapped by a filter of the site plan it returns.
`--config` builds another project (the benchmark's stock-Material copy) the same way,
so that every variant pays the same start-up.
"""
from __future__ import annotations

import argparse
import dataclasses
import posixpath
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook.pages import Site  # noqa: E402
from hooks.handbook.paths import page_url  # noqa: E402
from hooks.handbook.text import md_text  # noqa: E402

# Pages that only cross-reference the rest: what the lean reference leaves out.
CROSS_REFERENCE_KINDS = {"calendar", "roles", "matrix", "role", "references", "reference", "glossary"}
_DIAGRAM = re.compile(r"\n```mermaid\n.*?```\n", re.S)
_LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"[^>]*>(.*?)</a>', re.S)


def lean(site: Site, keep_titles: bool) -> Site:
    """The lean reference site (keep_titles: with the cross-reference pages as bare titles)."""
    left_out = {page.path for page in site.pages if page.kind in CROSS_REFERENCE_KINDS}
    left_out_urls = {page_url(path).rstrip("/") for path in left_out}
    pages = []
    for page in site.pages:
        if page.path in left_out:
            if keep_titles:
                pages.append(dataclasses.replace(page, markdown=f"# {md_text(page.title)}\n"))
            continue
        here = page_url(page.path)

        def unlink(match: re.Match, here: str = here) -> str:
            target = posixpath.normpath(posixpath.join(here, match.group(1))) if match.group(1) else None
            return match.group(2) if target in left_out_urls else match.group(0)

        pages.append(dataclasses.replace(page, markdown=_LINK.sub(unlink, _DIAGRAM.sub("", page.markdown))))
    return Site(pages=pages, nav=site.nav if keep_titles else _without(site.nav, left_out))


def _without(nav: list, paths: set[str]) -> list:
    """The navigation without the given pages, and without sections left empty."""
    kept = []
    for entry in nav:
        (title, target), = entry.items()
        if isinstance(target, list):
            target = _without(target, paths)
            if target:
                kept.append({title: target})
        elif target not in paths:
            kept.append(entry)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variant", choices=("full", "lean", "titles"))
    parser.add_argument("site_dir")
    parser.add_argument("--config", default=str(REPO_ROOT / "mkdocs.yml"))
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(args.config, site_dir=args.site_dir, strict=True)
    if args.variant != "full":
        from hooks import check  # the hook renders the pages through check.content_problems

        generate = check.build_pages
        check.build_pages = lambda handbook, **options: lean(generate(handbook, **options),
                                                            keep_titles=args.variant == "titles")
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main()
