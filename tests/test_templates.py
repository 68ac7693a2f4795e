"""Pages are drawn by autoescaped templates, and every address has one place.

Python prepares data; HTML is written only in hooks/handbook/templates/. Content text
is escaped unless a filter or macro made it markup from escaped parts, so a template
that forgets a filter shows text, never markup. Page paths and anchors are spelled
only in hooks/handbook/paths.py.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from hooks.handbook import paths
from hooks.handbook.crossrefs import build_crossrefs
from hooks.handbook.pages import PAGE_KINDS, build_pages, reading_order
from hooks.handbook.render import TEMPLATES, Links, Templates

REPO_ROOT = Path(__file__).resolve().parent.parent
HOOKS = REPO_ROOT / "hooks"

# Modules whose strings hold tags without writing HTML: they read the built pages.
READS_HTML = {
    "handbook/linkcheck.py": "finds the links of the built pages",
    "mkdocs_diagrams.py": "finds mermaid2's diagram markup in the built pages",
    "mkdocs_thai_search.py": "finds table cells in the built pages",
    "thai_search/segment.py": "a regular expression group named <abbr>",
    "thai_search/page_text.py": "reads the built page's HTML into the text search indexes",
    "handbook/flowchart.py": "Mermaid's label markup (bold number, line break, smaller line) around entity-coded text",
}
_TAG = re.compile(r"</?(a|abbr|b|blockquote|br|code|dd|div|dl|dt|em|h[1-6]|i|li|ol|p|pre|script|span|strong|"
                  r"table|tbody|td|th|thead|tr|ul)\b[^<>]*>", re.I)


def html_tags_in_python(source: str) -> list[str]:
    """HTML tags written in a module's strings and f-strings (docstrings aside)."""
    tree = ast.parse(source)
    skip = {id(node.body[0].value) for node in ast.walk(tree)  # docstrings
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # f"<a href={url}>": its parts, {} for each value
            texts.append("".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values))
            skip.update(id(part) for part in node.values)
    texts += [node.value for node in ast.walk(tree)
              if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]
    return [match.group(0) for text in texts for match in _TAG.finditer(text)]


def test_no_python_module_writes_html():
    assert html_tags_in_python('x = f\'<a href="{url}">{text}</a>\'') == ['<a href="{}">', "</a>"]
    assert html_tags_in_python('x = "<p>" + text') == ["<p>"]
    assert html_tags_in_python('"""A <p> in a docstring is prose."""') == []
    modules = {path.relative_to(HOOKS).as_posix(): path for path in HOOKS.rglob("*.py")}
    assert "handbook/pages.py" in modules and "handbook/render.py" in modules
    found = {name: tags for name, path in sorted(modules.items()) if name not in READS_HTML
             for tags in [html_tags_in_python(path.read_text("utf-8"))] if tags}
    assert found == {}


def test_every_page_kind_has_its_template_and_every_page_template_a_kind():
    kinds = {kind.template for kind in PAGE_KINDS.values()}
    files = {path.relative_to(TEMPLATES).as_posix() for path in (TEMPLATES / "pages").glob("*.html")}
    assert kinds == files


def test_nothing_is_marked_safe():
    """`safe` prints a value as markup: no template does (the diagram source too is
    written escaped: macros/text.html)."""
    uses = [(path.name, line) for path in TEMPLATES.rglob("*.html")
            for line in path.read_text("utf-8").splitlines() if re.search(r"\|\s*safe\b|\bMarkup\(", line)]
    assert uses == []


@pytest.fixture(scope="module")
def templates(handbook):
    return Templates(handbook, build_crossrefs(handbook))


def test_a_forgotten_filter_prints_text_not_markup(templates):
    hostile = '<script>alert("x")</script> & <a href="javascript:x">'
    printed = templates.environment.from_string("<p>{{ value }}</p>").render(value=hostile)
    assert "<script>" not in printed and "<a " not in printed
    assert printed == "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;a href=&#34;javascript:x&#34;&gt;</p>"


def test_a_name_the_template_does_not_have_is_an_error_not_an_empty_string(templates):
    with pytest.raises(UndefinedError):
        templates.environment.from_string("{{ step.no_such_field }}").render(step={})


def test_abbreviations_are_explained_from_escaped_parts(handbook):
    handbook.abbreviations.append({"abbr": "X<Y>", "expansion": '"><script>'})
    try:
        templates = Templates(handbook, build_crossrefs(handbook))
        printed = str(templates.text('before X<Y> & "after"'))
    finally:
        handbook.abbreviations.pop()
    assert printed == 'before <abbr title="&#34;&gt;&lt;script&gt;">X&lt;Y&gt;</abbr> &amp; &#34;after&#34;'


def test_headings_are_markdown_escaped_text(templates):
    heading = templates.environment.from_string('{{ heading(2, value, "anchor") }}')
    assert heading.render(value="*bold* [link](x) <b> {#id}") == \
        r"## \*bold\* \[link\]\(x\) &#60;b&#62; \{\#id\} {#anchor}"


def test_links_are_relative_to_the_page_they_are_on(templates, handbook):
    role_id = next(iter(handbook.roles))
    assert f'href="../../role/{role_id}/"' in Links(templates, paths.process_page("x")).role_link(role_id)
    assert f'href="role/{role_id}/"' in Links(templates, paths.HOME).role_link(role_id)


def test_pages_are_generated_in_the_order_of_the_navigation(handbook):
    site = build_pages(handbook)

    def nav_paths(entries):
        for entry in entries:
            (target,) = entry.values()
            yield from nav_paths(target) if isinstance(target, list) else [target]

    assert [page.path for page in site.pages] == list(nav_paths(site.nav))
    assert len(site.pages) == len(list(reading_order(handbook)))


# Page paths (duty/x.md, process/x.md, ...) and anchors other pages link to
# (step-, term-, month-) are spelled in paths.py only.
_ADDRESS = re.compile(r"""["'](?:duty|process|role|ref|district)/|\b[a-z-]+\.md["']|["'](?:step|term|month)-""")


def test_page_paths_and_anchors_are_spelled_in_one_place():
    spelled = [f"{path.relative_to(REPO_ROOT)}: {line.strip()}"
               for path in [*(HOOKS / "handbook").glob("*.py"), HOOKS / "mkdocs_handbook.py", *TEMPLATES.rglob("*.html")]
               if path.name != "paths.py"
               for line in path.read_text("utf-8").splitlines() if _ADDRESS.search(line)]
    assert spelled == []
