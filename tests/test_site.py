"""The built site: every generated page is titled, reachable from the navigation and linked correctly."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from pathlib import Path

from hooks.handbook.linkcheck import broken_links
from hooks.handbook.model import REFERENCE_GROUPS, ROLE_KIND_NAMES
from hooks.handbook.pages import build_pages
from hooks.handbook.paths import duty_page, page_url, process_page, reference_page, role_page

REPO_ROOT = Path(__file__).resolve().parent.parent


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.nav_links: set[str] = set()
        self._in_nav = 0
        self.edit_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and "md-nav__link" in (attrs.get("class") or ""):
            self.nav_links.add(attrs.get("href", ""))
        if tag == "a" and "md-content__button" in (attrs.get("class") or ""):
            self.edit_links.append(attrs.get("href", ""))


def outline(built_site, path: str) -> _Outline:
    parser = _Outline()
    parser.feed((built_site / page_url(path) / "index.html").read_text("utf-8"))
    return parser


def test_every_generated_page_has_one_h1_and_a_place_in_the_navigation(handbook, built_site):
    """Each page's navigation marks the page itself as the active entry: it has a place in the nav."""
    site = build_pages(handbook)
    paths = {page.path for page in site.pages}
    assert {process_page(unit) for unit in handbook.units} <= paths
    assert {role_page(role) for role in handbook.roles} <= paths
    assert {reference_page(ref) for ref in handbook.references} <= paths
    assert {duty_page(duty) for duty in handbook.duties} <= paths
    for page in site.pages:
        text = (built_site / page_url(page.path) / "index.html").read_text("utf-8")
        assert outline(built_site, page.path).h1 == 1, page.path
        assert re.search(r'class="md-nav__link md-nav__link--active"', text), f"{page.path} is not in the navigation"


def test_every_internal_link_reaches_a_page_and_an_anchor(built_site):
    assert broken_links(built_site) == []


def test_edit_links_point_at_the_yaml_the_page_comes_from(built_site):
    edits = outline(built_site, "process/assessment-classroom.md").edit_links
    assert len(edits) == 1 and edits[0].endswith("/processes/national/03-1-assessment-classroom.yaml")
    assert outline(built_site, "role/supervisor.md").edit_links[0].endswith("/processes/roles.yaml")
    assert outline(built_site, "calendar.md").edit_links == []  # derived from all files: nothing single to edit


def test_the_2553_announcement_has_an_anchor_on_every_clause(handbook, built_site):
    from hooks.handbook.validation import walk_clauses

    html = (built_site / "ref" / "esa-divisions-primary-2553" / "index.html").read_text("utf-8")
    clauses = list(walk_clauses(handbook.references["esa-divisions-primary-2553"].data["clauses"], ()))
    assert clauses
    for clause, _ in clauses:
        assert f'id="{clause["anchor"]}"' in html


def test_each_duty_page_links_to_its_clause(handbook, built_site):
    for duty in handbook.duties.values():
        html = (built_site / "duty" / duty["id"] / "index.html").read_text("utf-8")
        target = f'../../ref/{duty["clause"]["ref"]}/#{duty["clause"]["anchor"]}'
        assert f'href="{target}"' in html, duty["id"]


def test_errata_page_lists_every_fix(handbook, built_site):
    html = (built_site / "errata" / "index.html").read_text("utf-8")
    total = sum(len((s.data or {}).get("errata", [])) for s in handbook.files)
    assert f"รวม {total} รายการ" in html
    assert html.count("<tr>") >= total


def test_no_page_references_another_host(built_site):
    """Offline first: no script, style, font or image is loaded from another host."""
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//', re.I)
    for file in built_site.rglob("*.html"):
        text = file.read_text("utf-8")
        for match in pattern.finditer(text):
            tag = text[match.start(): text.find(">", match.start()) + 1]
            assert 'rel="canonical"' in tag, f"{file.relative_to(built_site)}: {tag}"
    css = "".join(f.read_text("utf-8") for f in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_the_link_check_reports_a_link_to_a_missing_page_or_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<article><a href="../b/#here">ok</a> <a href="../b/#gone">anchor</a> <a href="../c/">page</a></article>')
    (tmp_path / "b" / "index.html").write_text('<article><h2 id="here">x</h2></article>')
    assert broken_links(tmp_path) == [
        ("a/index.html", "../b/#gone", "ไม่พบตำแหน่ง #gone ในหน้า b/index.html"),
        ("a/index.html", "../c/", "ไม่พบหน้า (no such page)"),
    ]


def test_a_build_never_modifies_the_source_files(tmp_path):
    """Building (and the search hook rewriting its index) touches the output only."""
    import hashlib
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    tracked = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout.split()
    if not tracked:  # not a git checkout: every file outside the usual outputs
        tracked = [str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()
                   and not {".venv", "site", ".git", "__pycache__", ".pythainlp-data"} & set(p.parts)]

    def snapshot():
        return {name: hashlib.sha256((repo / name).read_bytes()).hexdigest()
                for name in tracked if (repo / name).is_file()}

    before = snapshot()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=repo, capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert snapshot() == before


def _markdown_engine():
    """Python-Markdown configured exactly as mkdocs.yml configures it."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return lambda: markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_html_blocks_set_aside_from_markdown_come_back_as_markdown_would_render_them(handbook):
    """The build hands Markdown only headings and diagram fences; every page's HTML is
    the same (but for whitespace between tags) as a full Markdown pass over the page."""
    from hooks.handbook.pages import restore_html

    engine = _markdown_engine()
    pages = build_pages(handbook).pages
    for page in pages:
        markdown, blocks = page.markdown_without_html()
        assert _between_tags(restore_html(engine().convert(markdown), blocks)) == _between_tags(engine().convert(page.markdown)), page.path
    left_to_markdown = sum(len(page.markdown_without_html()[0]) for page in pages)
    assert left_to_markdown < sum(len(page.markdown) for page in pages) / 10


def test_a_placeholder_typed_into_the_content_stays_text(handbook):
    from hooks.handbook.pages import Page, restore_html

    page = Page("x.md", "x", "# x\n\n<p>&lt;!--hb-html 0--&gt;</p>\n<p>ok</p>\n")
    markdown, blocks = page.markdown_without_html()
    assert blocks == ["<p>&lt;!--hb-html 0--&gt;</p>\n<p>ok</p>"]
    assert restore_html(markdown, blocks).count("&lt;!--hb-html 0--&gt;") == 1


def _sidebar(html: str) -> str:
    return html[html.index('data-md-type="navigation"'):html.index('class="md-content"')]


def test_the_sidebar_lists_roles_and_references_by_group_and_opens_only_the_current_group(handbook, built_site):
    """Every page carries the group headings, not all 70 roles and references (navigation.prune)."""
    home = _sidebar((built_site / "index.html").read_text("utf-8"))
    assert "กฎหมาย ระเบียบ และประกาศ" in home and "บุคคล" in home
    # A closed group is one link (to its first page): one per group, not one per role or reference.
    assert len(set(re.findall(r'href="role/[^"]+"', home))) == len(ROLE_KIND_NAMES) < len(handbook.roles)
    assert len(set(re.findall(r'href="ref/[^"]+"', home))) == len(REFERENCE_GROUPS) < len(handbook.references)
    nav = _sidebar((built_site / "role" / "supervisor" / "index.html").read_text("utf-8"))
    by_kind = {}
    for role in handbook.roles.values():
        by_kind.setdefault(role["kind"], []).append(role["id"])
    linked = set(re.findall(r'href="\.\./([^/"]+)/"', nav))
    assert set(by_kind["person"]) - {"supervisor"} <= linked  # the open group: every person
    others = {role_id for kind, ids in by_kind.items() if kind != "person" for role_id in ids}
    assert linked & others == {ids[0] for kind, ids in by_kind.items() if kind != "person"}  # closed groups


def test_every_kind_the_schemas_allow_has_a_sidebar_group():
    import json

    schemas = REPO_ROOT / "processes" / "schema"
    reference_kinds = json.loads((schemas / "reference.schema.json").read_text("utf-8"))["properties"]["kind"]["enum"]
    grouped = [kind for kinds in REFERENCE_GROUPS.values() for kind in kinds]
    assert sorted(grouped) == sorted(reference_kinds)
    registries = json.loads((schemas / "registries.schema.json").read_text("utf-8"))
    role = registries["$defs"]["roles"]["properties"]["roles"]["items"]
    assert sorted(ROLE_KIND_NAMES) == sorted(role["properties"]["kind"]["enum"])


def test_a_hand_written_page_may_link_to_anchors_inside_generated_pages(handbook, tmp_path):
    """MkDocs validates links to anchors against the ids it saw while rendering; the ids in
    the generated pages' HTML blocks (steps, terms, months, clauses) are registered with it,
    so a hand-written page linking to them builds under --strict."""
    import os
    import shutil
    import subprocess
    import sys

    from hooks.handbook.paths import month_anchor, step_place, term_anchor
    from hooks.handbook.periods import months_of

    process_step = next(ref for ref in handbook.all_steps() if ref.unit is not None)
    district_step = next(ref for ref in handbook.all_steps() if ref.district is not None)
    dated = next(ref for ref in handbook.all_steps() if "period" in ref.step)
    _unit, definition, _source, _path = next(iter(handbook.definitions()))
    clause = next(iter(handbook.duties.values()))["clause"]
    targets = [
        "{}#{}".format(*step_place(process_step)),
        "{}#{}".format(*step_place(district_step)),
        f"glossary.md#{term_anchor(definition['id'])}",
        f"calendar.md#{month_anchor(min(months_of(dated.step['period'])))}",
        f"ref/{clause['ref']}.md#{clause['anchor']}",
    ]
    copy = tmp_path / "repo"
    shutil.copytree(REPO_ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", ".pythainlp-data", ".cache", "__pycache__", "tests", "node_modules"))
    (copy / "docs" / "notes.md").write_text(
        "# บันทึก\n\n" + "\n".join(f"- [{target}]({target})" for target in targets) + "\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=copy, capture_output=True, text=True, env={**os.environ, "THAI_SEARCH": "off"})
    assert result.returncode == 0, result.stderr  # mkdocs.yml: validation.links.anchors: warn
