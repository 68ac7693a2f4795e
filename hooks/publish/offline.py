"""The copy of the site that works opened straight from disk (`./handbook build --offline`).

A browser showing file:// pages opens folders as folder listings, refuses fetch() and
web workers, and runs no service. So the offline build (MkDocs with HANDBOOK_OFFLINE=1,
see hooks/mkdocs_publish.py) differs from the served site in transport only:

- every link names its file: MkDocs writes `x.html` pages and links
  (use_directory_urls: false, as Material's offline plugin does), and `file_links`
  rewrites the directory links of the generated page HTML (`../x/`) the same way;
- the search data are also scripts: search/search_index.js (`__index`, which
  Material's bundle loads on file://) and search/thai_index.js (`__thai_index`, which
  the Thai search worker loads on file://), the same data as the JSON files;
- the search worker runs in an iframe through the iframe-worker shim, bundled
  (assets/javascripts/vendor/iframe-worker/; Material's plugin loads it from a CDN).

    python -m hooks.publish.offline zip site-offline    (writes site-offline.zip)
"""
from __future__ import annotations

import argparse
import html
import json
import posixpath
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.handbook.paths import page_url as directory_url  # noqa: E402  the served site's URL of a page

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"
SEARCH_SCRIPTS = {  # JSON file -> (script file, global variable it defines)
    "search/search_index.json": ("search/search_index.js", "__index"),
    "search/thai_index.json": ("search/thai_index.js", "__thai_index"),
}

_HREF = re.compile(r'(\shref=")([^"]*)(")')


def file_links(page_html: str, page_docs_path: str, page_file: str, files_by_directory_url: dict[str, str]) -> str:
    """The page's directory links (`../x/`, `./`, `../x/#a`) as links to files (`../x.html#a`).

    `page_file` is where the page is written (process/a.html); `files_by_directory_url`
    maps each page's directory URL (process/x/) to its file (process/x.html). Links that
    name a file, leave the site or go nowhere known stay as they are.
    """
    here = directory_url(page_docs_path)
    page_dir = posixpath.dirname(page_file)

    def rewrite(match: re.Match) -> str:
        href = html.unescape(match.group(2))
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("/", "#")) or not href:
            return match.group(0)
        path = parts.path
        if not (path.endswith("/") or path in (".", "..")):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, path))
        target = "" if target == "." else target + "/"
        file = files_by_directory_url.get(target)
        if file is None:
            return match.group(0)
        new = posixpath.relpath(file, page_dir or ".") + (f"#{parts.fragment}" if parts.fragment else "")
        return match.group(1) + html.escape(new, quote=True) + match.group(3)

    return _HREF.sub(rewrite, page_html)


def write_search_scripts(site_dir: Path) -> list[Path]:
    """The search data as scripts next to the JSON files (same content)."""
    written = []
    for json_file, (script_file, variable) in SEARCH_SCRIPTS.items():
        source = site_dir / json_file
        if not source.is_file():
            continue
        data = source.read_text("utf-8")
        json.loads(data)  # the script must hold exactly the JSON the server gives
        target = site_dir / script_file
        target.write_text(f"var {variable} = {data}\n", encoding="utf-8")
        written.append(target)
    return written


def write_zip(site_dir: Path) -> Path:
    """site-offline.zip next to the folder, holding the folder (open its index.html)."""
    site_dir = Path(site_dir)
    target = site_dir.with_name(site_dir.name + ".zip")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, Path(site_dir.name) / path.relative_to(site_dir))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Finish the offline copy of the site.")
    parser.add_argument("action", choices=["zip"])
    parser.add_argument("site_dir", nargs="?", default="site-offline")
    args = parser.parse_args(argv)
    site_dir = Path(args.site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"ผิดพลาด (error): ไม่พบสำเนาออฟไลน์ใน {site_dir}/: รัน ./handbook build --offline (no offline copy)",
              file=sys.stderr)
        return 2
    target = write_zip(site_dir)
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB — แตกไฟล์แล้วเปิด {site_dir.name}/index.html "
          f"(unzip, then open index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
