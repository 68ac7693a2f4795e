"""Loading the handbook: every content file read, schema-checked and put in the model,
then cross-checked. `load_handbook(processes_dir)` either returns a `Handbook` or
raises `ContentError` listing every problem at once.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .model import Handbook, Unit
from .problems import ProblemLog
from .schema import check_schema, schema_kind, use_schema_dir
from .source import SourceFile, read_file
from .validation import check_handbook


# Where each kind of file lives under processes/: a folder of files, or one named file.
FOLDERS = {"national": "process", "district": "district", "references": "reference"}
FOLDER_NAMES = {"process": "กระบวนงาน", "district": "คู่มือระดับเขต", "reference": "เอกสารอ้างอิง"}
REGISTRIES = ("duties", "roles", "abbreviations")
# synonyms.yaml is the search's registry: known here (not "in an unknown place"),
# read and checked by hooks/thai_search/synonyms.py.
TOP_FILES = {f"{name}.yaml" for name in (*REGISTRIES, "handbook", "synonyms")}
# File names become page sources and edit links: one pattern, nothing to quote or escape.
FILE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.yaml\Z")
FILE_NAME_RULE = "ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ - แล้วลงท้ายด้วย .yaml"


def load_handbook(root: Path, repo_root: Path | None = None) -> Handbook:
    """Load and check every content file under `root` (the processes/ directory)."""
    root = Path(root).resolve()
    repo_root = Path(repo_root).resolve() if repo_root else root.parent
    log = ProblemLog()
    handbook = Handbook(root=root)

    def rel(path: Path) -> str:
        try:
            return path.relative_to(repo_root).as_posix()
        except ValueError:
            return path.as_posix()

    schema_dir = root / "schema"
    if not schema_dir.is_dir() or not (schema_dir / "process.schema.json").is_file():
        log.add(f"{root.name}/schema/", 0, "", "ไม่พบ JSON Schema ของเนื้อหา (processes/schema/)",
                "กู้โฟลเดอร์ processes/schema/ คืนจาก repository (ไม่ควรแก้หรือลบ)")
        log.raise_if_any()
    if not use_schema_dir(schema_dir, log, rel):
        log.raise_if_any()

    def read(path: Path, kind: str) -> SourceFile | None:
        source = read_file(path, rel(path), kind, log)
        if source is not None and source.data is not None:
            _check_schema_or_place(source, log)
        if source is not None:
            handbook.files.append(source)
            if source.failed_id:
                handbook.failed_ids.add(source.failed_id)
        return source if source is not None and source.data is not None else None

    files = _content_files(root, rel, log)
    for kind in REGISTRIES:
        path = root / f"{kind}.yaml"
        if path not in files.get(kind, []):
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

    for path in files.get("reference", []):
        source = read(path, "reference")
        if source:
            _put(handbook.references, source.data["id"], source, source, ("id",), log, "เอกสารอ้างอิง (reference)")
            _check_file_name(source, log)
    for path in files.get("process", []):
        source = read(path, "process")
        if source:
            _add_process(handbook, source, log)
            _check_numbered_file_name(source, handbook.renamed, log)
    for path in files.get("district", []):
        source = read(path, "district")
        if source:
            _put(handbook.districts, source.data["id"], source, source, ("id",), log, "คู่มือระดับเขต (district)")
            _check_numbered_file_name(source, handbook.renamed, log)
    front = root / "handbook.yaml"
    if front in files.get("handbook", []):
        handbook.front = read(front, "handbook")
    else:
        log.add(rel(front), 0, "", "ไม่พบไฟล์ handbook.yaml (คำนำ ตารางวิเคราะห์ บรรณานุกรม คณะทำงาน)",
                "สร้างไฟล์ processes/handbook.yaml")
    for folder, kind in (("national", "process"), ("references", "reference")):
        if not files.get(kind):
            handbook.empty_folders.add(f"processes/{folder}/")
            log.add(f"{rel(root)}/{folder}/", 0, "", f"ไม่พบไฟล์{FOLDER_NAMES[kind]}ใน processes/{folder}/ "
                    "(โฟลเดอร์ว่างหรือไม่มีโฟลเดอร์นี้)",
                    f"กู้โฟลเดอร์ processes/{folder}/ คืนจาก repository หรือตรวจว่าไม่ได้ย้ายหรือเปลี่ยนชื่อโฟลเดอร์")
    for path in files.get(None, []):
        _report_unknown_place(path, root, rel, log)

    check_handbook(handbook, log)
    log.raise_if_any()
    return handbook


def _content_files(root: Path, rel, log: ProblemLog) -> dict:
    """Every YAML file under processes/ (any folder, any case of .yaml/.yml), by the kind its
    place says; None for files in no known place. Links, pipes and devices are reported
    here and never opened; nothing is followed outside processes/."""
    files: dict = {}
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            log.add(rel(folder), 0, "", f"อ่านโฟลเดอร์ไม่ได้: {error.strerror}", "ตรวจสิทธิ์การอ่านโฟลเดอร์")
            continue
        for entry in entries:
            path = Path(entry.path)
            is_yaml = entry.name.lower().endswith((".yaml", ".yml"))
            if entry.is_symlink() and not is_yaml:
                # a link to a folder could bring in any files (a linked YAML file is reported where it is read)
                if entry.is_dir(follow_symlinks=True):
                    log.add(rel(path), 0, "", "เป็นลิงก์ (symbolic link) ไปยังโฟลเดอร์ ระบบไม่ตามลิงก์ใน processes/",
                            "แทนที่ลิงก์ด้วยโฟลเดอร์จริง หรือลบออก")
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif is_yaml:
                place = path.parent.relative_to(root).as_posix()
                stem, extension = entry.name.rsplit(".", 1)
                if place == "." and entry.name in TOP_FILES:
                    files.setdefault(stem, []).append(path)
                elif place in FOLDERS and extension == "yaml":
                    files.setdefault(FOLDERS[place], []).append(path)
                    if not FILE_NAME.match(entry.name):
                        log.add(rel(path), 0, "", f"ชื่อไฟล์ `{entry.name}` ใช้ไม่ได้: {FILE_NAME_RULE}",
                                "เปลี่ยนชื่อไฟล์ เช่น 03-2-assessment-area.yaml "
                                "(ห้ามมีช่องว่าง ตัวใหญ่ อักษรไทย หรือเครื่องหมายอื่น)")
                elif place in FOLDERS or (place == "." and f"{stem.lower()}.yaml" in TOP_FILES):
                    log.add(rel(path), 0, "", f"ชื่อไฟล์ลงท้ายด้วย .{extension} ซึ่งระบบไม่อ่าน",
                            f"เปลี่ยนชื่อเป็น {stem if place in FOLDERS else stem.lower()}.yaml")
                else:
                    files.setdefault(None, []).append(path)
    for paths in files.values():
        paths.sort()
    return files


def _report_unknown_place(path: Path, root: Path, rel, log: ProblemLog) -> None:
    """A YAML file where no kind of content lives (a subfolder, or processes/ itself):
    said, never ignored; where its fields say what it is, where it belongs."""
    probe = ProblemLog()
    source = read_file(path, rel(path), "process", probe)
    kind = schema_kind(source.data, FOLDERS.values()) if source is not None and source.data is not None else None
    if kind:
        folder = next(name for name, folder_kind in FOLDERS.items() if folder_kind == kind)
        fix = f"ไฟล์นี้เป็น{FOLDER_NAMES[kind]}: ย้ายไปไว้ใน processes/{folder}/"
    else:
        fix = "ย้ายไปไว้ใน processes/national/ (กระบวนงาน), processes/district/ (คู่มือระดับเขต) " \
              "หรือ processes/references/ (เอกสารอ้างอิง) ตามชนิดของไฟล์"
    log.add(rel(path), 0, "", "ไฟล์ YAML นี้อยู่นอกที่ที่ระบบอ่าน จึงไม่ปรากฏในเว็บ", fix)


def _check_schema_or_place(source: SourceFile, log: ProblemLog) -> None:
    """The schema of the file's place; when the file breaks it but fits another kind
    exactly, it was put in the wrong folder: one problem saying so, not one per field."""
    probe, data = ProblemLog(), source.data
    check_schema(source, probe)
    if source.data is None and source.kind in FOLDER_NAMES:
        kind = schema_kind(data, [k for k in FOLDER_NAMES if k != source.kind])
        if kind:
            folder = next(name for name, folder_kind in FOLDERS.items() if folder_kind == kind)
            log.add(source.rel, 1, "", f"ไฟล์นี้เป็น{FOLDER_NAMES[kind]} (มีฟิลด์ตามแบบของ{FOLDER_NAMES[kind]}) "
                    f"แต่อยู่ในโฟลเดอร์ของ{FOLDER_NAMES[source.kind]}",
                    f"ย้ายไฟล์ไปไว้ใน processes/{folder}/")
            return
    log.problems += probe.problems


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
    if FILE_NAME.match(source.path.name) and source.path.stem != source.data["id"]:
        log.add(source.rel, source.line("id"), "id",
                f"ชื่อไฟล์ `{source.path.name}` ไม่ตรงกับรหัส `{source.data['id']}`",
                f"ตั้งชื่อไฟล์เป็น {source.data['id']}.yaml หรือแก้รหัสให้ตรงกับชื่อไฟล์")


def _check_numbered_file_name(source: SourceFile, renamed: dict, log: ProblemLog) -> None:
    """Process and district files are named <number>-<id>.yaml: an id changed without its
    file (or a file renamed without its id) is named here, not only by the files that
    still use the old id."""
    if not FILE_NAME.match(source.path.name):
        return  # the name itself is reported
    expected = re.sub(r"^([0-9]+-)+", "", source.path.stem)
    if source.data["id"] != expected and source.path.stem != source.data["id"]:
        renamed[expected] = (source.rel, source.data["id"])
        log.add(source.rel, source.line("id"), "id",
                f"รหัส `{source.data['id']}` ของไฟล์นี้ไม่ตรงกับชื่อไฟล์ `{source.path.name}` "
                f"(ชื่อไฟล์บอกรหัส `{expected}`)",
                f"ถ้าตั้งใจเปลี่ยนรหัส ให้เปลี่ยนชื่อไฟล์เป็น …-{source.data['id']}.yaml และแก้ทุกไฟล์ที่ยังอ้าง `{expected}`; "
                f"ถ้าไม่ได้ตั้งใจ ให้แก้รหัสกลับเป็น `{expected}`")


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
