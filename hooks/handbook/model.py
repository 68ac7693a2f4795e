"""The handbook as one object: every content file loaded, indexed by id.

`load_handbook(processes_dir)` reads everything, checks it (schema, then
cross-references) and either returns a `Handbook` or raises `ContentError`
listing every problem at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loading import SourceFile, read_file, use_schema_dir
from .problems import ProblemLog


@dataclass
class Unit:
    """A page-sized process: a process of the national manual or one of its sub-processes."""

    id: str
    number: str
    title: str
    process: dict  # the whole process (for a sub-process: its parent)
    steps: list  # top-level steps of this unit
    source: SourceFile
    path: tuple  # field path of this unit's data inside its file (() or ('subprocesses', i))
    parent: "Unit | None" = None
    children: list = field(default_factory=list)

    @property
    def data(self) -> dict:
        node = self.source.data
        for part in self.path:
            node = node[part]
        return node

    @property
    def duty(self) -> str:
        return self.process["duty"]


@dataclass
class StepRef:
    """A step, where it is, and how deep."""

    unit: "Unit | None"
    step: dict
    path: tuple  # field path inside the file
    depth: int
    district: dict | None = None
    section: dict | None = None
    source: SourceFile | None = None


def walk_steps(steps, path, depth=0):
    for index, step in enumerate(steps or []):
        here = path + (index,)
        yield step, here, depth
        yield from walk_steps(step.get("substeps"), here + ("substeps",), depth + 1)


@dataclass
class Handbook:
    root: Path  # the processes/ directory
    files: list = field(default_factory=list)
    duties: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    abbreviations: list = field(default_factory=list)
    references: dict = field(default_factory=dict)  # id -> SourceFile
    units: dict = field(default_factory=dict)  # id -> Unit (processes and sub-processes)
    districts: dict = field(default_factory=dict)  # id -> SourceFile
    front: SourceFile | None = None  # handbook.yaml
    registry_files: dict = field(default_factory=dict)  # 'duties' | 'roles' | 'abbreviations' -> SourceFile
    failed_ids: set = field(default_factory=set)  # ids of files that broke their schema

    # -- ordered views -------------------------------------------------
    def ordered_processes(self) -> list[Unit]:
        """Top-level processes in the order of the national manual."""
        tops = [u for u in self.units.values() if u.parent is None]
        return sorted(tops, key=lambda u: [int(p) for p in u.number.split(".")])

    def processes_of_duty(self, duty_id: str) -> list[Unit]:
        return [u for u in self.ordered_processes() if u.duty == duty_id]

    def ordered_duties(self) -> list[dict]:
        return sorted(self.duties.values(), key=lambda d: d["number"])

    def ordered_references(self) -> list[dict]:
        return sorted((f.data for f in self.references.values()),
                      key=lambda r: (_KIND_ORDER.get(r["kind"], 99), r.get("year", 0), r["title"]))

    def ordered_districts(self) -> list[dict]:
        return [f.data for _, f in sorted(self.districts.items(), key=lambda kv: kv[1].rel)]

    def all_steps(self):
        """Every step of every unit and district section, with its place."""
        for unit in self.units.values():
            if unit.steps is None:
                continue
            for step, path, depth in walk_steps(unit.steps, unit.path + ("steps",)):
                yield StepRef(unit=unit, step=step, path=path, depth=depth, source=unit.source)
        for source in self.districts.values():
            for s_index, section in enumerate(source.data["sections"]):
                for step, path, depth in walk_steps(section.get("steps"), ("sections", s_index, "steps")):
                    yield StepRef(unit=None, step=step, path=path, depth=depth, district=source.data,
                                  section=section, source=source)

    def definitions(self):
        """(unit, definition, source, field path) for every defined term."""
        for unit in self.ordered_processes():
            for index, definition in enumerate(unit.process.get("definitions", [])):
                yield unit, definition, unit.source, ("definitions", index)

    def citations(self):
        """(owner kind, owner data, citation, source, field path) for every reference cited."""
        for unit in self.ordered_processes():
            for index, citation in enumerate(unit.process.get("references", [])):
                yield "process", unit, citation, unit.source, ("references", index)
        for source in self.districts.values():
            for index, citation in enumerate(source.data.get("references", [])):
                yield "district", source.data, citation, source, ("references", index)
            for s_index, section in enumerate(source.data["sections"]):
                for index, citation in enumerate(section.get("references", [])):
                    yield "district", source.data, citation, source, ("sections", s_index, "references", index)

    def role_of_variant(self) -> dict:
        """Every spelling of a role (name, abbreviation, variants) -> role id."""
        table = {}
        for role in self.roles.values():
            for text in [role["name"], role.get("abbreviation"), *role.get("variants", [])]:
                if text:
                    table.setdefault(text, role["id"])
        return table


_KIND_ORDER = {kind: n for n, kind in enumerate([
    "act", "royal-decree", "ministerial-regulation", "announcement", "curriculum", "standard",
    "plan", "policy", "manual", "guideline", "report", "book", "form", "other"])}

KIND_NAMES = {
    "act": "พระราชบัญญัติ",
    "royal-decree": "พระราชกฤษฎีกา",
    "ministerial-regulation": "กฎกระทรวง",
    "announcement": "ประกาศ",
    "curriculum": "หลักสูตร",
    "standard": "มาตรฐาน",
    "plan": "แผน",
    "policy": "นโยบาย",
    "manual": "คู่มือ",
    "guideline": "แนวทาง/แนวปฏิบัติ",
    "report": "รายงาน",
    "book": "หนังสือ/เอกสารวิชาการ",
    "form": "แบบฟอร์ม",
    "other": "เอกสารอื่น ๆ",
}

# The sidebar lists references and roles in a few groups, so every page carries only
# the group headings (navigation.prune) instead of all 70 entries.
REFERENCE_GROUPS = {
    "กฎหมาย ระเบียบ และประกาศ": ("act", "royal-decree", "ministerial-regulation", "announcement"),
    "หลักสูตร มาตรฐาน แผน และนโยบาย": ("curriculum", "standard", "plan", "policy"),
    "คู่มือ แนวทาง และเอกสารอื่น": ("manual", "guideline", "report", "book", "form", "other"),
}

ROLE_KIND_NAMES = {
    "person": "บุคคล",
    "group": "กลุ่มงาน",
    "committee": "คณะกรรมการ",
    "unit": "หน่วยงาน/สถานศึกษา",
    "organisation": "องค์กร",
    "community": "ชุมชนและภาคี",
}


def load_handbook(root: Path, repo_root: Path | None = None) -> Handbook:
    """Load and check every content file under `root` (the processes/ directory)."""
    from .validation import check_handbook  # late import: validation needs the model

    root = Path(root).resolve()
    repo_root = Path(repo_root).resolve() if repo_root else root.parent
    log = ProblemLog()
    handbook = Handbook(root=root)
    schema_dir = root / "schema"
    if not schema_dir.is_dir() or not (schema_dir / "process.schema.json").is_file():
        log.add(f"{root.name}/schema/", 0, "", "ไม่พบ JSON Schema ของเนื้อหา (processes/schema/)",
                "กู้โฟลเดอร์ processes/schema/ คืนจาก repository (ไม่ควรแก้หรือลบ)")
        log.raise_if_any()
    use_schema_dir(schema_dir)

    def rel(path: Path) -> str:
        try:
            return path.relative_to(repo_root).as_posix()
        except ValueError:
            return path.as_posix()

    def read(path: Path, kind: str) -> SourceFile | None:
        source = read_file(path, rel(path), kind, log)
        if source is not None:
            handbook.files.append(source)
            if source.failed_id:
                handbook.failed_ids.add(source.failed_id)
        return source if source is not None and source.data is not None else None

    for kind in ("duties", "roles", "abbreviations"):
        path = root / f"{kind}.yaml"
        if not path.exists():
            log.add(rel(path), 0, "", f"ไม่พบไฟล์ทะเบียน {kind}.yaml", f"สร้างไฟล์ processes/{kind}.yaml")
            continue
        source = read(path, kind)
        if source:
            handbook.registry_files[kind] = source
    if "duties" in handbook.registry_files:
        for index, duty in enumerate(handbook.registry_files["duties"].data["duties"]):
            _put(handbook.duties, duty["id"], duty, handbook.registry_files["duties"], ("duties", index, "id"), log, "หน้าที่ (duty)")
    if "roles" in handbook.registry_files:
        for index, role in enumerate(handbook.registry_files["roles"].data["roles"]):
            _put(handbook.roles, role["id"], role, handbook.registry_files["roles"], ("roles", index, "id"), log, "บทบาท (role)")
    if "abbreviations" in handbook.registry_files:
        handbook.abbreviations = handbook.registry_files["abbreviations"].data["abbreviations"]

    for folder in ("national", "district", "references"):
        for path in sorted((root / folder).glob("*.yml")):
            log.add(rel(path), 0, "", "ชื่อไฟล์ลงท้ายด้วย .yml ซึ่งระบบไม่อ่าน", f"เปลี่ยนชื่อเป็น {path.stem}.yaml")
    for path in sorted((root / "references").glob("*.yaml")):
        source = read(path, "reference")
        if source:
            _put(handbook.references, source.data["id"], source, source, ("id",), log, "เอกสารอ้างอิง (reference)")
            _check_file_name(source, log)
    for path in sorted((root / "national").glob("*.yaml")):
        source = read(path, "process")
        if source:
            _add_process(handbook, source, log)
    for path in sorted((root / "district").glob("*.yaml")):
        source = read(path, "district")
        if source:
            _put(handbook.districts, source.data["id"], source, source, ("id",), log, "คู่มือระดับเขต (district)")
    front = root / "handbook.yaml"
    if front.exists():
        handbook.front = read(front, "handbook")
    else:
        log.add(rel(front), 0, "", "ไม่พบไฟล์ handbook.yaml (คำนำ ตารางวิเคราะห์ บรรณานุกรม คณะทำงาน)",
                "สร้างไฟล์ processes/handbook.yaml")

    check_handbook(handbook, log)
    log.raise_if_any()
    return handbook


def _put(table: dict, key: str, value, source: SourceFile, path: tuple, log: ProblemLog, what: str) -> None:
    if key in table:
        other = table[key]
        if isinstance(other, Unit):
            other = other.source
        other_file = other.rel if isinstance(other, SourceFile) else source.rel
        log.add(source.rel, source.line(*path), "id",
                f"รหัส {what} `{key}` ซ้ำกับที่มีอยู่แล้วใน {other_file}",
                "เปลี่ยนรหัสให้ไม่ซ้ำกัน (รหัสใช้เป็นที่อยู่ของหน้าเว็บ)")
        return
    table[key] = value


def _check_file_name(source: SourceFile, log: ProblemLog) -> None:
    if source.path.stem != source.data["id"]:
        log.add(source.rel, source.line("id"), "id",
                f"ชื่อไฟล์ `{source.path.name}` ไม่ตรงกับรหัส `{source.data['id']}`",
                f"ตั้งชื่อไฟล์เป็น {source.data['id']}.yaml หรือแก้รหัสให้ตรงกับชื่อไฟล์")


def _add_process(handbook: Handbook, source: SourceFile, log: ProblemLog) -> None:
    data = source.data
    if data["id"] in handbook.units:
        _put(handbook.units, data["id"], None, source, ("id",), log, "กระบวนงาน (process)")
        return
    unit = Unit(id=data["id"], number=data["number"], title=data["title"], process=data,
                steps=data.get("steps"), source=source, path=())
    handbook.units[unit.id] = unit
    for index, sub in enumerate(data.get("subprocesses", [])):
        if sub["id"] in handbook.units:
            _put(handbook.units, sub["id"], None, source, ("subprocesses", index, "id"), log, "กระบวนงาน (process)")
            continue
        child = Unit(id=sub["id"], number=sub["number"], title=sub["title"], process=data,
                     steps=sub["steps"], source=source, path=("subprocesses", index), parent=unit)
        unit.children.append(child)
        handbook.units[child.id] = child
