"""Loading the handbook: every content file read, schema-checked and put in the model,
then cross-checked. `load_handbook(processes_dir)` either returns a `Handbook` or
raises `ContentError` listing every problem at once.
"""
from __future__ import annotations

from pathlib import Path

from .model import Handbook, Unit
from .problems import ProblemLog
from .schema import check_schema, use_schema_dir
from .source import SourceFile, read_file
from .validation import check_handbook


def load_handbook(root: Path, repo_root: Path | None = None) -> Handbook:
    """Load and check every content file under `root` (the processes/ directory)."""
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
        if source is not None and source.data is not None:
            check_schema(source, log)
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
