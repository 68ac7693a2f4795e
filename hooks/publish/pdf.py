"""The handbook as PDF: one per process and one of the whole handbook (`./handbook pdf`).

    python -m hooks.publish.pdf [SITE_DIR] [--only pdf/<id>.pdf ...]
                                    (after `./handbook build`; default site/, every PDF)

Headless Chromium prints the built pages with the site's own print stylesheet, so the
diagrams are drawn by the site's scripts and the Thai text layer is exact (WeasyPrint
garbles Thai vowels and runs no JavaScript). Each page is opened once on a local
server; its article (diagrams included, as declarative shadow roots) goes into a
composed document per PDF, one section per page on named pages of its own, so the
running header names the process being read. The whole handbook gets a table of
contents: a first print tells on which page each section starts (`pdfinfo -dests`
lists the PDF's named destinations), a second print carries those numbers.

The PDFs go into SITE_DIR/pdf/, where the pages link them (docs/overrides/main.html).
"""
from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: E402
from markupsafe import Markup  # noqa: E402

from hooks.handbook import paths  # noqa: E402
from hooks.publish.printing import css_string  # noqa: E402
from hooks.publish.serving import serve  # noqa: E402

HANDBOOK_PDF = "pdf/handbook.pdf"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPOSED_PATH = "/__handbook_pdf__.html"  # where the composed document is served from
DRAWN_TIMEOUT_MS = 60_000


def pdf_of_page(docs_path: str) -> str | None:
    """The site path of the PDF a page links to, or None.

    A process or sub-process page (process/<id>.md) links the PDF of that process;
    the home page links the whole handbook.
    """
    if docs_path == paths.HOME:
        return HANDBOOK_PDF
    process_id = docs_path.rsplit("/", 1)[-1][: -len(".md")] if docs_path.endswith(".md") else ""
    if process_id and docs_path == paths.process_page(process_id):
        return f"pdf/{process_id}.pdf"
    return None


# --------------------------------------------------------------------------- what goes in which PDF

@dataclass(frozen=True)
class Section:
    docs_path: str  # the page, as MkDocs names it (process/curriculum.md)
    level: int = 1  # depth in the table of contents


@dataclass
class Document:
    file: str  # site path of the PDF
    sections: list[Section]
    contents: bool = False  # with a table of contents after the first section


def documents(handbook) -> list[Document]:
    """Every PDF: each process with its sub-processes, each sub-process alone, and the
    whole handbook in the national manual's order (preface, duty-analysis table, the
    duties with their processes, bibliography, working committees, and the
    announcements the manual prints in full)."""
    out = []
    whole = [Section(paths.HOME), Section(paths.DUTY_ANALYSIS)]
    for duty in handbook.ordered_duties():
        whole.append(Section(paths.duty_page(duty["id"])))
        for unit in handbook.processes_of_duty(duty["id"]):
            page = paths.process_page(unit.id)
            children = [paths.process_page(child.id) for child in unit.children]
            whole.append(Section(page, 2))
            whole.extend(Section(child, 3) for child in children)
            out.append(Document(pdf_of_page(page), [Section(page)] + [Section(child, 2) for child in children]))
            out.extend(Document(pdf_of_page(child), [Section(child)]) for child in children)
    whole += [Section(paths.BIBLIOGRAPHY), Section(paths.COMMITTEES)]
    whole += [Section(paths.reference_page(ref_id)) for ref_id in printed_in_the_manual(handbook)]
    out.append(Document(HANDBOOK_PDF, whole, contents=True))
    return out


def printed_in_the_manual(handbook) -> list[str]:
    """Ids of the references whose full text the national manual prints, in its order."""
    seed = ((handbook.front.data if handbook.front else {}).get("source") or {}).get("seed")
    found = []
    for ref_id, source in handbook.references.items():
        ref_source = source.data.get("source") or {}
        if seed and ref_source.get("seed") == seed:
            first_line = int(re.match(r"\d*", str(ref_source.get("lines", ""))).group() or 0)
            found.append((first_line, ref_id))
    return [ref_id for _, ref_id in sorted(found)]


def built_url_path(site_dir: Path, docs_path: str) -> str:
    """The URL path of a page in a built site, with directory URLs or without (offline copy)."""
    stem = docs_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    if (site_dir / stem / "index.html").is_file():
        return f"/{stem}/"
    return f"/{stem}.html"


# --------------------------------------------------------------------------- reading the pages

# Material draws each diagram into a closed shadow root; open ones can be serialised.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
"""

DRAWN = """() => document.fonts.status === 'loaded'
  && !document.querySelector('article pre.mermaid')
  && [...document.querySelectorAll('article div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"""

# The article as HTML (diagrams as declarative shadow roots), its title, and the
# site's stylesheets; links made absolute so the composed document can place them.
READ_ARTICLE = """() => {
  const article = document.querySelector('article.md-content__inner');
  article.querySelectorAll('.headerlink, .md-content__button, .md-source-file').forEach(e => e.remove());
  article.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', a.href));
  const roots = [...article.querySelectorAll('div.mermaid')].map(d => d.shadowRoot).filter(Boolean);
  const h1 = article.querySelector('h1');
  const canonical = document.querySelector('link[rel=canonical]');
  return {
    title: (h1 ? h1.textContent : document.title).replace(/\\s+/g, ' ').trim(),
    html: article.getHTML({ serializableShadowRoots: true, shadowRoots: roots }),
    stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href),
    canonical: canonical ? canonical.href : null,
    htmlAttributes: Object.fromEntries([...document.documentElement.attributes].map(a => [a.name, a.value])),
    bodyAttributes: Object.fromEntries([...document.body.attributes].map(a => [a.name, a.value])),
  };
}"""


@dataclass
class Article:
    url_path: str
    title: str
    html: str
    stylesheets: list[str]
    canonical: str | None
    html_attributes: dict = field(default_factory=dict)
    body_attributes: dict = field(default_factory=dict)


class PdfError(Exception):
    """A problem worth one clear line to the maintainer (Thai, English in brackets)."""


def read_article(page, base_url: str, url_path: str) -> Article:
    page.goto(base_url + url_path.lstrip("/"))
    page.wait_for_load_state("networkidle")
    try:
        page.wait_for_function(DRAWN, timeout=DRAWN_TIMEOUT_MS)
    except Exception:  # noqa: BLE001 - Playwright's timeout, said as one Thai line
        raise PdfError(f"หน้า {url_path}: แผนผังหรือแบบอักษรไม่โหลดภายใน {DRAWN_TIMEOUT_MS // 1000} วินาที "
                       f"(diagram or font not ready)") from None
    data = page.evaluate(READ_ARTICLE)
    return Article(url_path, data["title"], data["html"], data["stylesheets"], data["canonical"],
                   data["htmlAttributes"], data["bodyAttributes"])


# --------------------------------------------------------------------------- composing a document

COMPOSED_CSS = """
/* The first section's named page is the first page (no empty page before it). */
.md-container, .md-main, .md-main__inner, .md-content, .md-content__inner { margin: 0; padding: 0; }
.hb-pdf-contents h1 { margin-bottom: 1em; }
.hb-pdf-contents ol { list-style: none; margin: 0; padding: 0; }
.md-typeset .hb-pdf-contents li { display: flex; align-items: last baseline; gap: 0.4em; margin: 0.15em 0; break-inside: avoid; }
.hb-pdf-contents li.level-1 { font-weight: 700; margin-top: 0.5em; }
.hb-pdf-contents li.level-2 { padding-left: 1.5em; }
.hb-pdf-contents li.level-3 { padding-left: 3em; }
.hb-pdf-contents .leader { flex: 1; border-bottom: 0.5pt dotted #888; }
.hb-pdf-contents .page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
"""

# In the composed document: ids get their section's prefix (every process page has
# #objectives, #step-1 ...); a link to a page of this PDF goes to its section, any
# other link to the published site.
PLACE_LINKS = """({ sections, published, localOrigin }) => {
  const byPath = new Map(sections.map(s => [s.path, s.id]));
  const normal = p => p.replace(/index\\.html$/, '');
  for (const section of document.querySelectorAll('section.hb-pdf-section')) {
    const prefix = section.id + '-';
    section.querySelectorAll('[id]').forEach(e => { e.id = prefix + e.id; });
  }
  for (const a of document.querySelectorAll('section.hb-pdf-section a[href]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== localOrigin) continue;
    const target = byPath.get(normal(url.pathname));
    if (target) a.setAttribute('href', '#' + target + (url.hash ? '-' + decodeURIComponent(url.hash.slice(1)) : ''));
    else if (published) a.setAttribute('href', new URL(url.pathname.replace(/^\\//, '') + url.hash, published).href);
    else a.removeAttribute('href');
  }
}"""


TEMPLATES = Path(__file__).resolve().parent / "templates"


def compose(document: Document, articles: dict[str, Article], site_name: str, page_numbers: dict[str, int] | None) -> str:
    """The HTML of one PDF (templates/composed-pdf.html): the site's stylesheets, a named page
    per section with its running header, the articles, the contents after the first section."""
    sections, rules = [], []
    for number, section in enumerate(document.sections, 1):
        article = articles[section.docs_path]
        name = f"hb-section-{number}"
        rules.append(f"@page {name} {{ @top-left {{ content: {css_string(site_name)}; }} "
                     f"@top-right {{ content: {css_string(article.title)}; }} }}")
        sections.append({"id": f"s{number}", "page_name": name, "html": Markup(article.html)})  # noqa: S704 - the built page's own article
    contents = []
    if document.contents:
        rules.append(f"@page hb-contents {{ @top-left {{ content: {css_string(site_name)}; }} "
                     f"@top-right {{ content: {css_string('สารบัญ')}; }} }}")
        for number, section in enumerate(document.sections[1:], 2):
            target = f"s{number}"
            contents.append({"level": section.level, "target": target, "title": articles[section.docs_path].title,
                             "page": page_numbers.get(target, "") if page_numbers else ""})
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("composed-pdf.html").render(
        # our stylesheet, and @page rules whose texts went through css_string()
        first=articles[document.sections[0].docs_path], css=Markup(COMPOSED_CSS),  # noqa: S704
        page_rules=[Markup(rule) for rule in rules], sections=sections, contents=contents)  # noqa: S704


# --------------------------------------------------------------------------- printing

def section_pages(pdf: Path) -> dict[str, int]:
    """Page number of every named destination of a PDF (Chromium names the link targets)."""
    result = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True)
    pages = {}
    for line in result.stdout.splitlines():
        match = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$', line)
        if match:
            pages[match.group(2)] = int(match.group(1))
    return pages


def page_count(pdf: Path) -> int:
    result = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", result.stdout, re.M).group(1))


def print_document(page, base_url: str, extra: dict[str, bytes], document: Document, articles: dict[str, Article],
                   site_name: str, published: str | None, out: Path) -> int:
    sections = [{"id": f"s{n}", "path": articles[s.docs_path].url_path} for n, s in enumerate(document.sections, 1)]
    page_numbers = None
    for _attempt in range(3):  # numbers in the contents cannot move sections: a second print settles
        extra[COMPOSED_PATH] = compose(document, articles, site_name, page_numbers).encode("utf-8")
        page.goto(base_url + COMPOSED_PATH.lstrip("/"), wait_until="load")
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        page.evaluate(PLACE_LINKS, {"sections": sections, "published": published,
                                    "localOrigin": base_url.rstrip("/")})
        page.pdf(path=str(out), format="A4", prefer_css_page_size=True, print_background=True,
                 outline=True, tagged=True)
        if not document.contents:
            break
        found = {name: number for name, number in section_pages(out).items() if re.fullmatch(r"s\d+", name)}
        if found == page_numbers:
            break
        page_numbers = found
    return page_count(out)


def chromium_executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own Chromium


def site_name_of(site_dir: Path) -> str:
    match = re.search(r'<meta property="og:site_name" content="([^"]*)"', (site_dir / "index.html").read_text("utf-8"))
    if match:
        return html.unescape(match.group(1))
    title = re.search(r"<title>(.*?)</title>", (site_dir / "index.html").read_text("utf-8"), re.S)
    return html.unescape(title.group(1).strip()) if title else ""


def make_pdfs(site_dir: Path, handbook, plan: list[Document] | None = None, log=print) -> dict[str, int]:
    """Write the PDFs of `plan` (default: every one) into site_dir/pdf/; returns {site path: pages}."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise PdfError(f"ไม่พบเว็บไซต์ที่สร้างแล้วใน {site_dir}/: รัน ./handbook build ก่อน (no built site)")
    if shutil.which("pdfinfo") is None:
        raise PdfError("ไม่พบคำสั่ง pdfinfo: ติดตั้ง poppler-utils (./handbook pdf ติดตั้งให้เอง) (pdfinfo missing)")
    plan = documents(handbook) if plan is None else plan
    for document in plan:
        for section in document.sections:
            url_path = built_url_path(site_dir, section.docs_path)
            built = site_dir / (url_path.lstrip("/") + ("index.html" if url_path.endswith("/") else ""))
            if not built.is_file():
                raise PdfError(f"ไม่พบหน้า {url_path} ใน {site_dir}/ (ต้องมีสำหรับ {document.file}): "
                               f"สร้างเว็บไซต์ใหม่ด้วย ./handbook build (page missing)")
    (site_dir / "pdf").mkdir(exist_ok=True)
    site_name = site_name_of(site_dir)
    extra: dict[str, bytes] = {}
    counts = {}
    with serve(site_dir, extra) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(OPEN_SHADOW_ROOTS)
        page = context.new_page()
        offsite: list[str] = []  # the PDFs are made from this machine alone
        host = urlsplit(base_url).netloc
        page.on("request", lambda r: offsite.append(r.url)
                if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host else None)
        articles: dict[str, Article] = {}
        for document in plan:
            for section in document.sections:
                if section.docs_path not in articles:
                    articles[section.docs_path] = read_article(page, base_url, built_url_path(site_dir, section.docs_path))
        home = articles.get(paths.HOME)
        published = home.canonical if home and home.canonical else None
        for document in plan:
            started = time.perf_counter()
            out = site_dir / document.file
            counts[document.file] = print_document(page, base_url, extra, document, articles, site_name, published, out)
            log(f"  {document.file}: {counts[document.file]} หน้า (pages), {time.perf_counter() - started:.1f} s")
        browser.close()
    if offsite:
        raise PdfError("หน้าเว็บขอไฟล์จากเครื่องอื่น (requests to another host): " + ", ".join(sorted(set(offsite))[:5]))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--only", action="append", metavar="pdf/<id>.pdf", help="write only this PDF (repeatable)")
    args = parser.parse_args(argv)
    from hooks.handbook import ContentError, load_handbook

    try:
        handbook = load_handbook(REPO_ROOT / "processes", repo_root=REPO_ROOT)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    site_dir = Path(args.site_dir)
    print(f"PDF ของคู่มือ ลงใน {site_dir}/pdf/ (PDFs of the handbook):")
    started = time.perf_counter()
    plan = documents(handbook)
    if args.only:
        unknown = sorted(set(args.only) - {document.file for document in plan})
        if unknown:
            print(f"ผิดพลาด (error): ไม่มี PDF ชื่อ {', '.join(unknown)} (unknown PDF); มี: "
                  + ", ".join(document.file for document in plan), file=sys.stderr)
            return 2
        plan = [document for document in plan if document.file in args.only]
    try:
        counts = make_pdfs(site_dir, handbook, plan)
    except PdfError as error:
        print(f"ผิดพลาด (error): {error}", file=sys.stderr)
        return 2
    print(f"{len(counts)} ไฟล์ (files), {sum(counts.values())} หน้า (pages), {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
