"""Names of subjects that several pages print: a duty's, a process's, a district
manual's, the handbook's own title, a role's short name. Pages (pages.py), links
(render.py), contexts and the errata page's list of documents (provenance.py) name
things by these.
"""
from __future__ import annotations

from .model import Handbook, Unit

DEFAULT_TITLE = "คู่มือการปฏิบัติงาน"


def duty_title(duty: dict) -> str:
    return f"หน้าที่ที่ {duty['number']}: {duty['title']}"


def unit_title(unit: Unit) -> str:
    return f"{unit.number} {unit.title}"


def district_title(district: dict) -> str:
    return district.get("short_title") or district["title"]


def home_title(handbook: Handbook) -> str:
    return handbook.front.data["title"] if handbook.front else DEFAULT_TITLE


def short_name(role: dict) -> str:
    """A role as a busy line names it: its abbreviation (กลุ่มนิเทศฯ, ก.ต.ป.น.), else its name."""
    return role.get("abbreviation") or role["name"]
