"""An editor adds a district, a role and a reference the way CONTRIBUTING.md describes:
the whole suite without the browser passes on the edited copy.

The copy is the repository as it is on disk (without .git and local caches); the
additions follow the recipes "เพิ่มบทบาท", "เพิ่มเอกสารอ้างอิง" and "เพิ่มหน้าของสำนักงาน
เขตพื้นที่การศึกษา". The role is one a seed really names but the registry does not list yet
(an editor takes spellings from the seed), the reference comes from a document outside
the seeds (so it cites that document), and the district is the guide's example. Every
test, seed-fidelity ones included, must hold for such an edit (the bad-input cases that
break a registry append to the real file, so an added role stays in it).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from test_seed_fidelity import SEEDS

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL = {".git", ".venv", "site", ".pytest_cache", "__pycache__", ".pythainlp-data", "node_modules"}

NEW_ROLE = """\
  - id: competition-organising-committee
    name: คณะกรรมการดำเนินงานแข่งขันระดับเขตพื้นที่การศึกษา
    kind: committee
    english: Area organising committee of the students' arts and crafts competition
"""

NEW_REFERENCE = """\
# yaml-language-server: $schema=../schema/reference.schema.json
id: internal-supervision-guidelines-2565
title: แนวทางการนิเทศภายในสถานศึกษา พ.ศ. ๒๕๖๕
short_title: แนวทางการนิเทศภายใน ๒๕๖๕
kind: guideline
year: 2565
issuer: สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน
variants:
  - แนวทางการนิเทศภายใน พ.ศ. 2565
source:
  document: แนวทางการนิเทศภายในสถานศึกษา พ.ศ. ๒๕๖๕ สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน
  pages: "1-3"
"""

NEW_DISTRICT = """\
# yaml-language-server: $schema=../schema/district.schema.json
id: example-area-1-supervision-manual
title: คู่มือการปฏิบัติงาน
office: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑
source:
  seed: 002_4084d4a621fb8ee5.txt
  lines: 5-165
summary: คู่มือปฏิบัติงานของกลุ่มนิเทศฯ ของสำนักงานเขตพื้นที่การศึกษาตัวอย่าง เขต ๑ ว่าด้วยการนิเทศภายในสถานศึกษา
implements: [supervision-system, supervision-networks]
sections:
  - id: example-area-1-internal-supervision
    number: เรื่องที่ 1
    title: การนิเทศภายในสถานศึกษา
    implements: [supervision-system]
    objectives:
      - เพื่อส่งเสริมการนิเทศภายในสถานศึกษา
    steps:
      - number: "1"
        text: ศึกษาสภาพปัญหาและความต้องการของสถานศึกษา
        period: ต.ค.-พ.ย.
        responsible: [supervisor]
        participants: [competition-organising-committee]
    references:
      - cited_as: แนวทางการนิเทศภายใน พ.ศ. 2565
        ref: internal-supervision-guidelines-2565
"""


def edited_copy(target: Path) -> Path:
    shutil.copytree(REPO_ROOT, target, ignore=lambda _dir, names: [n for n in names if n in LOCAL])
    content = target / "processes"
    roles = content / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").rstrip("\n") + "\n" + NEW_ROLE, "utf-8")
    (content / "references" / "internal-supervision-guidelines-2565.yaml").write_text(NEW_REFERENCE, "utf-8")
    (content / "district" / "005-example-area-1-supervision-manual.yaml").write_text(NEW_DISTRICT, "utf-8")
    return target


def test_a_new_district_role_and_reference_pass_every_test(tmp_path):
    copy = edited_copy(tmp_path / "handbook")
    env = {**os.environ, "SEEDS_DIR": str(SEEDS)}
    env.pop("HANDBOOK_CONTENT", None)
    check = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=copy, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr[-3000:]
    districts = len(list((copy / "processes" / "district").glob("*.yaml")))
    assert f"{districts} คู่มือระดับเขต" in check.stdout  # the added district was read with the others

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "--ignore=tests/browser", "--ignore=tests/test_editor_change.py",
         "-q", "--tb=line", "-p", "no:cacheprovider"],
        cwd=copy, env=env, capture_output=True, text=True)
    failures = [line for line in result.stdout.splitlines() if re.match(r"(FAILED|ERROR) |.*\.py:\d+: ", line)]
    assert result.returncode == 0, "tests failing on the edited copy:\n" + "\n".join(f[:300] for f in failures[:40]) \
        + "\n" + result.stdout[-800:]
    assert re.search(r"\d+ passed", result.stdout)
