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
    md           content text in a Markdown heading: Markdown-escaped, so that MkDocs
                 still sees the heading (table of contents, permalink)
    squash       on one line (for attribute values, which autoescape escapes)
    shorten      at most n characters
    period       a step's period in words
    source_name  the document a page's content comes from
Links (globals): `link(target, text, anchor, css_class, title)` and one for each kind
of target: `role_link`, `role_links`, `duty_link`, `unit_link`, `reference_link`,
`district_link`, `step_link`, `owner_link`. Each picks the target page and anchor
(paths.py) and the text; the href is relative to the page being rendered (`page`,
which every render is given: MkDocs does not rewrite links inside HTML); the markup
is the `a` macro of macros/links.html.
Other globals: `paths` (every page path and anchor), `href(target, anchor)`, the
handbook's lookup tables (`roles_by_id`, `units_by_id`, ...), and the names the pages
print (kinds of documents and roles, months).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from . import paths
from .contexts import TITLES, district_title, unit_title
from .crossrefs import CrossRefs
from .flowchart import DEFAULT_FAIL, DEFAULT_PASS
from .model import KIND_NAMES, ROLE_KIND_NAMES, Handbook, StepRef, Unit
from .periods import FISCAL_MONTHS, MONTH_NAMES, describe
from .text import Abbreviations, md_text, shorten, squash

TEMPLATES = Path(__file__).resolve().parent / "templates"


def step_period(step: dict) -> str:
    """When a step happens, in words: the period, then the manual's own wording if it differs."""
    parts = []
    if "period" in step:
        parts.append(describe(step["period"]))
    if step.get("period_text") and step.get("period_text") != step.get("period"):
        parts.append(f"({step['period_text']})")
    return " ".join(parts)


def source_name(source: dict) -> str:
    """Where content comes from: a converted seed (by its number) or another document."""
    return f"เอกสาร {source['seed'][:3]}" if source.get("seed") else source["document"]


@pass_context
def _href(context, target: str, anchor: str | None = None) -> str:
    return paths.href(context["page"].path, target, anchor)


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
            text=self.text, plain=self.plain, md=lambda value: Markup(md_text(value)), squash=squash,
            shorten=shorten, period=step_period, source_name=source_name,
        )
        self.environment.globals.update(
            paths=paths, href=_href, link=self.link, role_link=self.role_link, role_links=self.role_links,
            duty_link=self.duty_link, unit_link=self.unit_link, reference_link=self.reference_link,
            district_link=self.district_link, step_link=self.step_link, owner_link=self.owner_link,
            duties_by_id=handbook.duties, units_by_id=handbook.units, roles_by_id=handbook.roles,
            terms_by_id=crossrefs.terms,
            references_by_id={ref_id: source.data for ref_id, source in handbook.references.items()},
            KIND_NAMES=KIND_NAMES, ROLE_KIND_NAMES=ROLE_KIND_NAMES, FISCAL_MONTHS=FISCAL_MONTHS,
            MONTH_NAMES=MONTH_NAMES, DEFAULT_PASS=DEFAULT_PASS, DEFAULT_FAIL=DEFAULT_FAIL,
            **TITLES,
        )
        self._abbr = self.environment.get_template("macros/text.html").module.abbr
        self._a = self.environment.get_template("macros/links.html").module.a
        self._texts: dict = {}  # pages repeat the same texts (role names, months, steps)
        self._links: dict = {}  # and the same links (a role's badge on every step)

    def render(self, template: str, **context) -> str:
        return self.environment.get_template(template).render(context)

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

    # -- links ---------------------------------------------------------------------
    @pass_context
    def link(self, context, target: str, text, anchor: str | None = None, css_class: str | None = None,
             title: str | None = None) -> Markup:
        """A link to a generated page (paths.py), from the page being rendered."""
        url = paths.href(context["page"].path, target, anchor)
        key = (url, text, css_class, title)
        markup = self._links.get(key)
        if markup is None:
            markup = self._links[key] = self._a(url, text, css_class, title)
        return markup

    @pass_context
    def role_link(self, context, role_id: str) -> Markup:
        """A role's badge."""
        return self.link(context, paths.role_page(role_id), self.handbook.roles[role_id]["name"], css_class="hb-role")

    @pass_context
    def role_links(self, context, role_ids: list) -> Markup:
        """Badges of several roles (a step's responsible roles, its participants), space apart."""
        return Markup(" ").join(self.role_link(context, role_id) for role_id in role_ids)

    @pass_context
    def duty_link(self, context, duty_id: str) -> Markup:
        duty = self.handbook.duties[duty_id]
        return self.link(context, paths.duty_page(duty_id), f"{duty['number']}. {duty['title']}")

    @pass_context
    def unit_link(self, context, unit: Unit, anchor: str | None = None, text: str | None = None) -> Markup:
        """A process or sub-process: "3.1 title" unless another text is given."""
        return self.link(context, paths.process_page(unit.id), text or unit_title(unit), anchor)

    @pass_context
    def reference_link(self, context, reference_id: str, text: str | None = None, anchor: str | None = None) -> Markup:
        text = text or self.handbook.references[reference_id].data["title"]
        return self.link(context, paths.reference_page(reference_id), text, anchor)

    @pass_context
    def district_link(self, context, district: dict, text: str | None = None, anchor: str | None = None) -> Markup:
        text = text or district_title(district)
        return self.link(context, paths.district_page(district["id"]), text, anchor)

    @pass_context
    def step_link(self, context, ref: StepRef, text: str | None = None, title: str | None = None) -> Markup:
        """A step where it is written: "3 text" on its process's or district manual's page."""
        place, anchor = paths.step_place(ref)
        return self.link(context, place, f"{ref.step['number']} {text or ref.step['text']}", anchor, title=title)

    @pass_context
    def owner_link(self, context, ref: StepRef) -> Markup:
        """The process (or district manual) a step belongs to."""
        if ref.unit is not None:
            return self.unit_link(context, ref.unit)
        return self.district_link(context, ref.district)
