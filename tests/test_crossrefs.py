"""Cross-references: what a supervisor does and when, which processes a law drives, what a term means."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.handbook.paths import page_url, step_place
from hooks.handbook.periods import FISCAL_MONTHS, WHOLE_YEAR, months_of

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__import__("os").environ.get("SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))


def page(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text("utf-8")


def linked_pages(html: str) -> set[str]:
    """Generated pages a page links to, as site paths (process/x/, role/y/ ...)."""
    return {re.sub(r"^(\.\./)+", "", href).split("#")[0] for href in re.findall(r'href="([^"]+)"', html)}


def supervisor_spellings(handbook) -> list[str]:
    role = handbook.roles["supervisor"]
    return [role["name"], *role["variants"]]


@pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not found (set SEEDS_DIR)")
def test_duty_analysis_rows_naming_a_supervisor_are_the_seeds_rows(handbook):
    """The seed's table names a supervisor (under any spelling) in as many rows as our data does."""
    lines = (SEEDS / "000_edbbb00615e6107c.txt").read_text("utf-8").splitlines()[55:124]
    rows = [line.split("\t") for line in lines if re.match(r"^\d\t", line)]
    spellings = supervisor_spellings(handbook)
    seed_rows = sum(1 for row in rows if any(s in re.sub(r"<[^>]+>", " ", row[-1]) for s in spellings))
    ours = [row for row in handbook.front.data["duty_analysis"] if "supervisor" in row.get("roles", [])]
    assert len(rows) == len(handbook.front.data["duty_analysis"])
    assert seed_rows and seed_rows == len(ours)


def test_the_supervisors_page_reaches_every_process_the_duty_analysis_assigns_them(handbook, built_site):
    html = page(built_site, "role/supervisor")
    links = linked_pages(html)
    assigned = {row["process"] for row in handbook.front.data["duty_analysis"] if "supervisor" in row.get("roles", [])}
    assert assigned
    for unit_id in assigned:
        assert f"process/{unit_id}/" in links, unit_id


def test_the_supervisors_page_lists_every_step_they_are_responsible_for(handbook, built_site):
    html = page(built_site, "role/supervisor")
    steps = [ref for ref in handbook.all_steps() if "supervisor" in ref.step.get("responsible", [])]
    assert steps
    assert f'<span class="hb-part hb-part-responsible">รับผิดชอบ</span> {len(steps)}' in html
    for ref in steps:
        place, anchor = step_place(ref)
        target = f"{page_url(place)}#{anchor}"
        assert target in {re.sub(r"^(\.\./)+", "", h) for h in re.findall(r'href="([^"]+)"', html)}, target


def test_the_education_act_page_lists_every_process_that_cites_it(handbook, built_site):
    citing = {unit.id for kind, unit, citation, _s, _p in handbook.citations()
              if kind == "process" and citation.get("ref") == "national-education-act-2542"}
    citing_districts = {d["id"] for kind, d, citation, _s, _p in handbook.citations()
                        if kind == "district" and citation.get("ref") == "national-education-act-2542"}
    assert citing
    html = page(built_site, "ref/national-education-act-2542")
    assert f"กระบวนงานที่อ้างถึง ({len(citing) + len(citing_districts)})" in html
    links = linked_pages(html)
    for unit_id in citing:
        assert f"process/{unit_id}/" in links


def test_every_process_page_links_its_references_and_duty(handbook, built_site):
    for unit in handbook.ordered_processes():
        links = linked_pages(page(built_site, f"process/{unit.id}"))
        assert f"duty/{unit.duty}/" in links
        for citation in unit.process["references"]:
            if "ref" in citation:
                assert f"ref/{citation['ref']}/" in links, (unit.id, citation["ref"])


def test_the_calendar_places_every_dated_step_in_each_of_its_months(handbook, built_site):
    """Steps dated by months under each of their months; all-year steps (ตลอดปี) apart."""
    html = page(built_site, "calendar")
    sections = re.split(r'<h3 id="month-(\d+)">', html[:html.index('id="all-year"')])
    by_month = {int(sections[i]) - 1: sections[i + 1] for i in range(1, len(sections), 2)}
    all_year = html[html.index('id="all-year"'):html.index('id="other-times"')]
    dated = [ref for ref in handbook.all_steps() if "period" in ref.step]
    assert dated and len(by_month) == 12
    for ref in dated:
        if ref.step["period"] == WHOLE_YEAR:
            assert f"#{step_place(ref)[1]}" in all_year, ref.step["number"]
            continue
        for month in months_of(ref.step["period"]):
            assert f"#{step_place(ref)[1]}" in by_month[month], (FISCAL_MONTHS[month], ref.step["number"])


def test_a_supervisor_sees_each_month_of_their_year_on_their_page(handbook, built_site):
    """"What do I, a supervisor, have to do in May?": the May list of the role's page
    names every step dated May that the supervisor, or the group they work in, has a
    part in. (tests/test_role_months.py holds the rule for every role and month.)"""
    html = page(built_site, "role/supervisor")
    may = FISCAL_MONTHS.index("พ.ค.")
    section = html[html.index(f'id="month-{may + 1}"'):html.index(f'id="month-{may + 2}"')]
    mine = {"supervisor", *(m["role"] for m in handbook.roles["supervisor"].get("member_of", []))}
    expected = [ref for ref in handbook.all_steps() if "period" in ref.step and ref.step["period"] != WHOLE_YEAR
                and may in months_of(ref.step["period"])
                and mine & set(ref.step.get("responsible", []) + ref.step.get("participants", []))]
    assert expected
    for ref in expected:
        place, anchor = step_place(ref)
        assert f"{page_url(place)}#{anchor}" in section, ref.step["number"]


def test_the_role_matrix_marks_who_is_responsible_and_who_takes_part(handbook, built_site):
    html = page(built_site, "matrix")
    row = re.search(r'<tr><th><a href="[^"]*role/supervisor/">.*?</tr>', html, re.S).group(0)
    leaves = [u for unit in handbook.ordered_processes() for u in (unit.children or [unit])]
    responsible = {ref.unit.id for ref in handbook.all_steps() if ref.unit and "supervisor" in ref.step.get("responsible", [])}
    assert row.count("●") == sum(1 for u in leaves if u.id in responsible)


def test_the_glossary_defines_every_term_and_links_back(handbook, built_site):
    html = page(built_site, "glossary")
    definitions = list(handbook.definitions())
    assert definitions
    for unit, definition, _source, _path in definitions:
        assert f'id="term-{definition["id"]}"' in html
        assert f'process/{unit.id}/#term-{definition["id"]}' in html


def test_abbreviations_are_explained_on_hover_across_the_site(built_site):
    html = page(built_site, "process/qa-external-assessment")
    assert '<abbr title="สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน) (ONESQA)">สมศ.</abbr>' in html
    role = page(built_site, "role/monitoring-committee")
    assert "<abbr title=" in role
