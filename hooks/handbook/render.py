"""Page bodies from Jinja templates, with autoescaping: the environment, its filters and links.

Templates live in `templates/`: `pages/<kind>.html`, one per page kind (the table in
pages.py names them), and `macros/*.html`, pieces several pages share. Autoescaping
is on and undefined names are errors: anything printed is HTML-escaped unless it is
markup made by a macro or by a filter or global below (markupsafe.Markup built from
escaped parts), so a forgotten filter shows text escaped, never markup.

Filters:
    text         content text in HTML: whitespace squashed, escaped, each known
                 abbreviation explained on hover (the `abbr` macro of macros/text.html)
    plain        content text in HTML without abbreviation markup (the abbreviations list)
    squash       on one line (for attribute values, which autoescape escapes)
    shorten      at most n characters
    period       a step's period in words
    source_name  the document a page's content comes from
Headings (global): `heading(level, text, anchor)`, a Markdown heading line (MkDocs
makes the table of contents and permalinks from it), its text Markdown-escaped.
Links, given to every render with the page being rendered (`page`): `href(target,
anchor)`, `link(target, text, anchor, css_class, title)` and one for each kind of
target: `role_link`, `role_links`, `duty_link`, `unit_link`, `reference_link`,
`district_link`, `step_link`, `owner_link` (class Links). Each picks the target page
and anchor (paths.py) and the text; the href is relative to the page (MkDocs does
not rewrite links inside HTML); the markup is the `a` macro of macros/links.html.
Other globals: `paths` (every page path and anchor), lookup tables (`units_by_id`,
`terms_by_id`, `roles_by_id`), `time_of` (when a step happens, crossrefs.py),
`district_title`, `short_name` (a role's), and the names the pages print (kinds of documents and roles,
months, a decision's default answers).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import paths
from .titles import district_title, short_name, unit_title
from .crossrefs import CrossRefs
from .flowchart import DEFAULT_FAIL, DEFAULT_PASS
from .model import KIND_NAMES, ROLE_KIND_NAMES, Handbook, StepRef, Unit
from .periods import FISCAL_MONTHS, MONTH_NAMES, StepTime
from .text import Abbreviations, md_text, shorten, squash

TEMPLATES = Path(__file__).resolve().parent / "templates"


def step_period(step: dict) -> str:
    """When a step happens, in words: the period, then the manual's own wording if it differs."""
    return StepTime.of_step(step).words()


def heading(level: int, text, anchor: str | None = None) -> Markup:
    """A Markdown heading line: its text Markdown-escaped (md_text), its anchor as
    attr_list's {#id}. Markdown, not HTML: MkDocs builds the table of contents from it."""
    return Markup("#" * level + " " + md_text(text) + (f" {{#{escape(anchor)}}}" if anchor else ""))  # noqa: S704 - md_text escapes the text, escape() the anchor


def source_name(source: dict) -> str:
    """Where content comes from: a converted seed (by its number) or another document."""
    return f"เอกสาร {source['seed'][:3]}" if source.get("seed") else source["document"]


class Templates:
    """The templates of one build, compiled once, with the handbook's lookups."""

    def __init__(self, handbook: Handbook, crossrefs: CrossRefs):
        self.handbook = handbook
        self.environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
            # Template lines that hold only a {% tag %} leave nothing in the page.
            trim_blocks=True, lstrip_blocks=True,
            # Compiled templates kept in the system's temporary folder (keyed by their
            # source), as Python keeps .pyc files: a build compiles only what changed.
            bytecode_cache=FileSystemBytecodeCache(),
            auto_reload=False,  # an environment lives for one build: no need to watch the files
        )
        self.abbreviations = Abbreviations(handbook.abbreviations)
        self.environment.filters.update(
            text=self.text, plain=self.plain, squash=squash,
            shorten=shorten, period=step_period, source_name=source_name,
        )
        self.environment.globals.update(
            paths=paths, heading=heading, units_by_id=handbook.units, terms_by_id=crossrefs.terms,
            roles_by_id=handbook.roles, time_of=crossrefs.time_of,
            district_title=district_title, short_name=short_name, KIND_NAMES=KIND_NAMES, ROLE_KIND_NAMES=ROLE_KIND_NAMES,
            FISCAL_MONTHS=FISCAL_MONTHS, MONTH_NAMES=MONTH_NAMES, DEFAULT_PASS=DEFAULT_PASS, DEFAULT_FAIL=DEFAULT_FAIL,
        )
        self._abbr = self.environment.get_template("macros/text.html").module.abbr
        self.draw_link = self.environment.get_template("macros/links.html").module.a
        self._texts: dict = {}  # pages repeat the same texts (role names, months, steps)
        self.drawn_links: dict = {}  # and the same links (a role's badge on every step)

    def render(self, template: str, page, **context) -> str:
        """A page's body: `page` (its path and title) and the variables of its kind."""
        links = Links(self, page.path)
        return self.environment.get_template(template).render(
            context, page=page, href=links.href, link=links.link, role_link=links.role_link,
            role_links=links.role_links, duty_link=links.duty_link, unit_link=links.unit_link,
            reference_link=links.reference_link, district_link=links.district_link, step_link=links.step_link,
            owner_link=links.owner_link)

    def text(self, value) -> Markup:
        if isinstance(value, Markup):  # already made safe by a macro or filter
            return value
        markup = self._texts.get(value)
        if markup is None:
            pieces = self.abbreviations.split(squash(value))
            if len(pieces) == 1 and pieces[0][1] is None:  # most text: no abbreviation
                markup = escape(pieces[0][0])
            else:
                markup = Markup("").join(escape(piece) if title is None else self._abbr(piece, title)
                                         for piece, title in pieces)
            self._texts[value] = markup
        return markup

    @staticmethod
    def plain(value) -> Markup:
        return escape(squash(value))


class Links:
    """The links of one page: each picks its target (paths.py) and text, with the href
    relative to the page (MkDocs does not rewrite links inside HTML), and is drawn by
    the `a` macro of macros/links.html once per different link of the build."""

    def __init__(self, templates: Templates, page_path: str):
        self.templates = templates
        self.page_path = page_path

    def href(self, target: str, anchor: str | None = None) -> str:
        return paths.href(self.page_path, target, anchor)

    def link(self, target: str, text, anchor: str | None = None, css_class: str | None = None,
             title: str | None = None) -> Markup:
        """A link to a generated page (a path of paths.py)."""
        url = paths.href(self.page_path, target, anchor)
        drawn = self.templates.drawn_links
        key = (url, text, css_class, title)
        markup = drawn.get(key)
        if markup is None:
            markup = drawn[key] = self.templates.draw_link(url, text, css_class, title)
        return markup

    def role_link(self, role_id: str) -> Markup:
        """A role's badge."""
        return self.link(paths.role_page(role_id), self.templates.handbook.roles[role_id]["name"], css_class="hb-role")

    def role_links(self, role_ids: list) -> Markup:
        """Badges of several roles (a step's responsible roles, its participants), space apart."""
        return Markup(" ").join(self.role_link(role_id) for role_id in role_ids)

    def duty_link(self, duty_id: str) -> Markup:
        duty = self.templates.handbook.duties[duty_id]
        return self.link(paths.duty_page(duty_id), f"{duty['number']}. {duty['title']}")

    def unit_link(self, unit: Unit, anchor: str | None = None, text: str | None = None) -> Markup:
        """A process or sub-process: "3.1 title" unless another text is given."""
        return self.link(paths.process_page(unit.id), text or unit_title(unit), anchor)

    def reference_link(self, reference_id: str, text: str | None = None, anchor: str | None = None) -> Markup:
        text = text or self.templates.handbook.references[reference_id].data["title"]
        return self.link(paths.reference_page(reference_id), text, anchor)

    def district_link(self, district: dict, text: str | None = None, anchor: str | None = None) -> Markup:
        return self.link(paths.district_page(district["id"]), text or district_title(district), anchor)

    def step_link(self, ref: StepRef, text: str | None = None, title: str | None = None) -> Markup:
        """A step where it is written: "3 text" on its process's or district manual's page."""
        place, anchor = paths.step_place(ref)
        return self.link(place, f"{ref.step['number']} {text or ref.step['text']}", anchor, title=title)

    def owner_link(self, ref: StepRef) -> Markup:
        """The process (or district manual) a step belongs to."""
        if ref.unit is not None:
            return self.unit_link(ref.unit)
        return self.district_link(ref.district)
