"""A role's work by month, as the handbook states it: rules every edit keeps.

"What do I do in May?": a role's page lists, under each fiscal month, every step of
that month the role has a part in — named responsible or taking part, or through a
unit it works in (member_of) — and nowhere else; steps of all year, of times that
are not months and of no time each in their own list. The expectations are worked
out here from the YAML's own fields (responsible, participants, member_of, period,
period_text, sub-steps sharing their parent's time), not from the code that makes
the pages; counts come from the data.
"""
from __future__ import annotations

import re

import pytest

from hooks.handbook import paths
from hooks.handbook.pages import build_pages
from hooks.handbook.periods import FISCAL_MONTHS, WHOLE_YEAR, months_of

PART_LABELS = {"responsible": "รับผิดชอบ", "participant": "มีส่วนร่วม"}


@pytest.fixture(scope="module")
def site(handbook):
    return {page.path: page for page in build_pages(handbook).pages}


# -- what the YAML says -------------------------------------------------------------
def units_of(handbook, role_id: str) -> list[str]:
    """The units a role works in, through every level of member_of, nearest first."""
    found, queue = [], [role_id]
    while queue:
        for membership in handbook.roles[queue.pop(0)].get("member_of", []):
            if membership["role"] not in found and membership["role"] != role_id:
                found.append(membership["role"])
                queue.append(membership["role"])
    return found


def steps_with_time(handbook):
    """(step ref, its time) for every step: its own period/period_text, else its parent's."""
    times = {}
    for ref in handbook.all_steps():
        own = (ref.step.get("period"), ref.step.get("period_text"))
        if own == (None, None):
            parent = times.get(_parent_key(ref))
            own = parent if parent else own
        times[_key(ref)] = own
        yield ref, own


def _key(ref):
    return (ref.source.rel, ref.path)


def _parent_key(ref):
    return (ref.source.rel, ref.path[:-2]) if ref.depth else None


def kind_of(time) -> str:
    period, text = time
    if period:
        parts = [period] if isinstance(period, str) else period
        return "all-year" if WHOLE_YEAR in parts else "months"
    return "other" if text else "none"


def expected_part(handbook, role_id: str, step: dict) -> str | None:
    """The role's closest part in a step, as the page names it."""
    responsible, participants = step.get("responsible", []), step.get("participants", [])
    units = units_of(handbook, role_id)
    if role_id in responsible:
        return "รับผิดชอบ"
    for unit in units:
        if unit in responsible:
            return f"{short(handbook, unit)} รับผิดชอบ"
    if role_id in participants:
        return "มีส่วนร่วม"
    for unit in units:
        if unit in participants:
            return f"{short(handbook, unit)} มีส่วนร่วม"
    return None


def short(handbook, role_id: str) -> str:
    role = handbook.roles[role_id]
    return role.get("abbreviation") or role["name"]


def target(role_id: str, ref) -> str:
    return paths.href(paths.role_page(role_id), *paths.step_place(ref))


# -- what the page shows ------------------------------------------------------------
_HEADING = re.compile(r"^#{2,3} .*\{#([a-z0-9-]+)\}$", re.M)


def sections(markdown: str) -> dict[str, str]:
    """The page's sections by heading anchor (month-8, all-year, ...)."""
    marks = [(m.start(), m.group(1)) for m in _HEADING.finditer(markdown)] + [(len(markdown), "")]
    return {anchor: markdown[start:end] for (start, anchor), (end, _) in zip(marks, marks[1:])}


def listed(section: str) -> dict[str, str]:
    """Steps in a section's lists, each with the part named above its run: href -> part."""
    found = {}
    for run in re.split(r'<li class="hb-part-run">', section)[1:]:
        part = re.match(r'<span class="hb-part[^"]*">(.*?)</span>', run).group(1)
        part = re.sub(r"<[^>]+>", "", part)
        for href in re.findall(r'href="([^"]*#[^"]*step-[^"]*)"', run):
            assert href not in found, href  # a step once per list
            found[href] = part
    return found


def roles_with_work(handbook):
    return [role_id for role_id in handbook.roles
            if any(expected_part(handbook, role_id, ref.step) for ref in handbook.all_steps())]


# -- the rules ----------------------------------------------------------------------
def test_every_step_of_a_role_is_listed_under_each_of_its_months_and_nowhere_else(handbook, site):
    timed = list(steps_with_time(handbook))
    roles = roles_with_work(handbook)
    assert "supervisor" in roles
    for role_id in roles:
        page = sections(site[paths.role_page(role_id)].markdown)
        mine = [(ref, time, expected_part(handbook, role_id, ref.step)) for ref, time in timed]
        mine = [(ref, time, part) for ref, time, part in mine if part]
        in_months = [(ref, time, part) for ref, time, part in mine if kind_of(time) == "months"]
        for month in range(12):
            anchor = paths.month_anchor(month)
            expected = {target(role_id, ref): part for ref, time, part in in_months if month in months_of(time[0])}
            if not in_months:
                assert anchor not in page, role_id  # no month view for a role whose steps name no month
                continue
            assert listed(page[anchor]) == expected, (role_id, FISCAL_MONTHS[month])
        for kind, anchor in (("all-year", "all-year"), ("other", "other-times"), ("none", "untimed")):
            expected = {target(role_id, ref): part for ref, time, part in mine if kind_of(time) == kind}
            assert (listed(page[anchor]) if anchor in page else {}) == expected, (role_id, kind)


def test_the_supervisor_has_the_groups_work_marked_as_the_groups(handbook, site):
    """The national manual makes the group responsible and lists supervisors as its
    staff: the supervisor's page shows those steps as "กลุ่มนิเทศฯ รับผิดชอบ"."""
    assert "supervision-group" in units_of(handbook, "supervisor")
    page = site[paths.role_page("supervisor")].markdown
    group_steps = [ref for ref in handbook.all_steps()
                   if "supervision-group" in ref.step.get("responsible", [])
                   and "supervisor" not in ref.step.get("responsible", [])]
    assert group_steps
    shown = {href: part for section in sections(page).values() for href, part in listed(section).items()}
    for ref in group_steps:
        assert shown[target("supervisor", ref)] == f"{short(handbook, 'supervision-group')} รับผิดชอบ"


def test_a_role_page_names_its_units_and_a_units_page_its_members(handbook, site):
    memberships = [(role_id, m["role"]) for role_id, role in handbook.roles.items() for m in role.get("member_of", [])]
    assert memberships
    for member, unit in memberships:
        member_page = site[paths.role_page(member)].markdown
        unit_page = site[paths.role_page(unit)].markdown
        works_in = re.search(r'<p class="hb-memberships">ทำงานใน (.*?)</p>', member_page).group(1)
        members = re.search(r'<p class="hb-memberships">สมาชิก (.*?)</p>', unit_page).group(1)
        assert f'href="{paths.href(paths.role_page(member), paths.role_page(unit))}"' in works_in
        assert f'href="{paths.href(paths.role_page(unit), paths.role_page(member))}"' in members


def test_each_month_heading_is_in_the_page_for_search_and_in_fiscal_order(handbook, site):
    """Search's "role + month" rule reads one heading per fiscal month (month-N, N = 1
    for ต.ค.) on the role's page, outside any block kept out of the index."""
    for role_id in roles_with_work(handbook):
        markdown = site[paths.role_page(role_id)].markdown
        anchors = re.findall(r"^### .*\{#(month-\d+)\}$", markdown, re.M)
        if anchors:
            assert anchors == [paths.month_anchor(month) for month in range(12)], role_id
            assert site[paths.role_page(role_id)].title == handbook.roles[role_id]["name"]


def test_the_calendar_lists_month_steps_under_their_months_and_all_year_steps_apart(handbook, site):
    page = sections(site[paths.CALENDAR].markdown)
    timed = list(steps_with_time(handbook))

    def steps_in(section):
        return set(re.findall(r'href="([^"]*#[^"]*step-[^"]*)"', section))

    def on_calendar(ref):
        return paths.href(paths.CALENDAR, *paths.step_place(ref))

    for month in range(12):
        expected = {on_calendar(ref) for ref, time in timed if kind_of(time) == "months" and month in months_of(time[0])}
        assert steps_in(page[paths.month_anchor(month)]) == expected, FISCAL_MONTHS[month]
    assert steps_in(page["all-year"]) == {on_calendar(ref) for ref, time in timed if kind_of(time) == "all-year"}
    assert steps_in(page["other-times"]) == {on_calendar(ref) for ref, time in timed if kind_of(time) == "other"}


def test_the_home_page_summarises_each_month_as_the_calendar_lists_it(handbook, site):
    home = site[paths.HOME].markdown
    timed = list(steps_with_time(handbook))
    for month in range(12):
        count = sum(1 for ref, time in timed if kind_of(time) == "months" and month in months_of(time[0]))
        summary = re.search(rf'<div class="hb-month-summary" data-hb-month="{month + 1}"[^>]*>(.*?)</div>', home, re.S)
        assert summary, FISCAL_MONTHS[month]
        assert (f"{count} ขั้นตอน" if count else "ไม่มีขั้นตอนที่ระบุเดือนนี้") in summary.group(1)


def test_the_glossary_has_one_entry_per_term_and_keeps_every_printed_meaning(handbook, site):
    from html import unescape

    from hooks.handbook.text import squash

    glossary = site[paths.GLOSSARY].markdown
    terms = [unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="hb-en">.*?</span>', "", dt))).strip()
             for dt in re.findall(r"<dt\b.*?</dt>", glossary)]
    definitions = list(handbook.definitions())
    assert len(terms) == len(set(terms)) == len({squash(d["term"]) for _u, d, _s, _p in definitions})
    assert set(terms) == {squash(d["term"]) for _u, d, _s, _p in definitions}
    text = unescape(re.sub(r"<[^>]+>", "", glossary))
    for unit, definition, _source, _path in definitions:
        assert f'id="{paths.term_anchor(definition["id"])}"' in glossary
        assert squash(definition["meaning"]) in text, definition["id"]
        assert paths.href(paths.GLOSSARY, paths.process_page(unit.id), paths.term_anchor(definition["id"])) in glossary
