"""After the build: every internal link of the built site must reach a page and an anchor.

Links written inside HTML blocks are not checked by MkDocs, so this reads the
built HTML itself and reports every broken link with the page it sits on.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def broken_links(site_dir: Path, pages: list[str] | None = None, base_path: str = "/") -> list[tuple[str, str, str]]:
    """(page, href, why) for every internal link that goes nowhere.

    `pages` limits which pages' links are checked (site-relative .html paths);
    targets are always looked up across the whole site. `base_path` is the path
    the site is served under (404.html links absolutely from it).
    """
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    site_dir = Path(site_dir)
    scans: dict[str, _PageScan] = {}
    for file in site_dir.rglob("*.html"):
        rel = file.relative_to(site_dir).as_posix()
        scan = _PageScan()
        scan.feed(file.read_text("utf-8"))
        scans[rel] = scan
    problems = []
    for rel, scan in sorted(scans.items()):
        if pages is not None and rel not in pages:
            continue
        for link in scan.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path:
                target = rel
            elif parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    problems.append((rel, link, f"ไม่อยู่ใต้ {base_path} (outside the site)"))
                    continue
                target = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
                if parts.path.endswith("/") or (site_dir / target).is_dir():
                    target = posixpath.join(target, "index.html") if target != "." else "index.html"
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
                if link.split("#")[0].endswith("/") or (site_dir / target).is_dir():
                    target = posixpath.join(target, "index.html")
            if target.startswith("../"):
                problems.append((rel, link, "ออกนอกเว็บไซต์ (leaves the site)"))
                continue
            if target not in scans:
                if not (site_dir / target).exists():
                    problems.append((rel, link, "ไม่พบหน้า (no such page)"))
                continue
            anchor = unquote(parts.fragment)
            if anchor and anchor not in scans[target].ids:
                problems.append((rel, link, f"ไม่พบตำแหน่ง #{anchor} ในหน้า {target}"))
    return problems
