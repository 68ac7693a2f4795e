"""Every mistake an editor can make is rejected with a message that names the file, line, field and fix.

Each case of tests/bad_input/cases.yaml puts one mistake into a copy of processes/ and
runs the content check on it in this process (a subprocess would prove nothing more);
a few tests below run the real commands (`python -m hooks.check`, `mkdocs build`) as
subprocesses, to prove what reaches the terminal: the messages, never a traceback.

A case is a corpus file copied to `target`, or something `make` creates at test time
(what a plain file in the corpus cannot be: links, pipes, names that are not UTF-8,
generated files too large or too deep to read), or both. A mistake in a registry
(roles.yaml, abbreviations.yaml ...) is a corpus file appended to the real registry
(`append-to`), never a copy of it: a role an editor adds stays there. Its expected
lines then say `${lines+N}` (line N after the registry's last line) and `${items}`
(the index of the first appended entry).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import re

import pytest
import yaml

from hooks import check

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text("utf-8"))["cases"]


def case_name(case: dict) -> str:
    return case.get("file") or case["name"]


def test_the_corpus_has_at_least_30_cases_one_file_each():
    files = sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "cases.yaml")
    assert len(CASES) >= 30
    used = [case["file"] for case in CASES if "file" in case]
    used += [name for case in CASES for name, _target in case.get("make", {}).get("copy", [])]
    assert sorted(used) == files
    names = [case_name(case) for case in CASES]
    assert len(names) == len(set(names))


def copy_processes(destination: Path) -> Path:
    processes = destination / "processes"
    shutil.copytree(REPO_ROOT / "processes", processes)
    return processes


def _target(processes: Path, case: dict) -> Path:
    make = case.get("make", {})
    if "name-bytes" in make:  # a file name that is not UTF-8, written with \xNN escapes
        name = make["name-bytes"].encode("latin-1").decode("unicode_escape").encode("latin-1")
        return Path(os.fsdecode(os.fsencode(processes) + b"/" + name))
    return processes / case["target"]


def put_case(processes: Path, case: dict) -> None:
    """The case's mistake, made in a copy of processes/."""
    make = case.get("make", {})
    for path in make.get("remove", []):
        victim = processes / path
        shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
    for path in make.get("empty", []):
        shutil.rmtree(processes / path)
        (processes / path).mkdir()
    for name, target in make.get("copy", []):
        (processes / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, processes / target)
    if "append-to" in make:  # the case's entries after the real registry's own
        registry = processes / make["append-to"]
        text = registry.read_text("utf-8")
        registry.write_text(text.rstrip("\n") + "\n" + (CORPUS / case["file"]).read_text("utf-8"), "utf-8")
        return
    if "target" not in case and "name-bytes" not in make:
        return
    target = _target(processes, case)
    if "file" in case or "make" in case and not (set(make) <= {"remove", "empty", "copy"}):
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
    if "file" in case:
        shutil.copy(CORPUS / case["file"], target)
    if "symlink-to" in make:
        target.symlink_to(make["symlink-to"].replace("{repo}", str(REPO_ROOT)))
    if make.get("fifo"):
        os.mkfifo(target)
    if "bytes" in make:  # a file of this many bytes (a long YAML comment)
        with target.open("wb") as handle:
            handle.write(b"# " + b"x" * (make["bytes"] - 3) + b"\n")
    if "nested-substeps" in make:  # a process whose first step has sub-steps this deep
        step = {"number": "1", "text": "ขั้นตอนย่อยชั้นในสุด"}
        for depth in range(make["nested-substeps"]):
            step = {"number": "1", "text": f"ขั้นตอนชั้นที่ {depth}", "substeps": [step]}
        _write_process(target, [step])
    if "steps" in make:  # a process with this many steps, each of this many characters
        text = "ก" * make.get("step-length", 1)
        _write_process(target, [{"number": str(n), "text": text} for n in range(1, make["steps"] + 1)])


def _write_process(target: Path, steps: list) -> None:
    """A valid process holding `steps` (its id from the file name), steps as JSON (which is YAML):
    one line however deep they nest."""
    identity = target.stem.split("-", 1)[1]
    target.write_text(f"id: {identity}\nnumber: \"8.9\"\nduty: supervision\ntitle: กระบวนงานทดสอบ\n"
                      "source: {document: ทดสอบ}\nobjectives: [ทดสอบ]\nscope: ทดสอบ\nreferences: []\n"
                      f"steps: {json.dumps(steps, ensure_ascii=False)}\n", "utf-8")


def check_in_process(directory: Path, monkeypatch) -> tuple[int, str]:
    """`python -m hooks.check processes` run in `directory`, in this process."""
    monkeypatch.chdir(directory)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check.main(["processes"])
    return code, out.getvalue() + err.getvalue()


_PLACE = re.compile(r"\$\{(lines|items)(?:\+(\d+))?\}")


def expected_lines(case: dict, processes: Path) -> list[str]:
    """The case's expected lines, `${lines+N}` and `${items}` read off the registry it appends to
    (before the case is put in)."""
    if "append-to" not in case.get("make", {}):
        return case["expect"]
    registry = processes / case["make"]["append-to"]
    text = registry.read_text("utf-8")
    data = yaml.safe_load(text)
    counts = {"lines": len(text.rstrip("\n").split("\n")), "items": len(next(iter(data.values())))}
    return [_PLACE.sub(lambda m: str(counts[m.group(1)] + int(m.group(2) or 0)), line) for line in case["expect"]]


@pytest.mark.parametrize("case", CASES, ids=[case_name(c) for c in CASES])
def test_each_broken_file_is_rejected_with_its_expected_message(tmp_path, monkeypatch, case):
    processes = copy_processes(tmp_path)
    expected = expected_lines(case, processes)
    put_case(processes, case)
    code, output = check_in_process(tmp_path, monkeypatch)
    assert code == 1, output
    reported = [line.strip() for line in output.splitlines() if line.startswith("  processes/")]
    assert reported == expected, f"{case['mistake']}:\n" + "\n".join(reported)
    assert f"content problems: {len(expected)})" in output


def run_check_command(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks.check", "processes"], cwd=directory, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def case_named(fragment: str) -> dict:
    """The one case whose name holds `fragment`."""
    (case,) = [case for case in CASES if fragment in case_name(case)]
    return case


def test_all_problems_of_a_change_are_reported_in_one_run(tmp_path):
    """Three mistakes in three files: one run of the real command names all three."""
    processes = copy_processes(tmp_path)
    for name in ("16-unknown-role.yaml", "33-district-unknown-process.yaml", "36-reference-unknown-kind.yaml"):
        put_case(processes, case_named(name))
    result = run_check_command(tmp_path)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert "content problems: 3)" in stderr
    for name in ("16-unknown-role.yaml", "33-district-unknown-process.yaml", "36-reference-unknown-kind.yaml"):
        assert name in stderr


# Cases whose input would crash, hang or forge output if anything printed it raw.
HOSTILE_CASES = ["alias-bomb", "symlink-to-dev-zero", "fifo", "substeps-200-deep", "file-name-not-utf8",
                 "value-forges-ci-command", "value-with-terminal-escapes"]


def test_what_reaches_the_terminal_is_the_messages_and_only_text(tmp_path):
    """The real command on hostile input: every problem listed, no traceback, and no byte
    that a terminal or a CI log would act on (escape codes, a line starting `::`)."""
    processes = copy_processes(tmp_path)
    for name in HOSTILE_CASES:
        put_case(processes, case_named(name))
    result = run_check_command(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert b"Traceback" not in output and b"internal error" not in output
    assert not any(byte in output for byte in (b"\x1b", b"\r", b"\x00", b"\x07"))
    assert not any(line.lstrip().startswith(b"::") for line in output.splitlines())
    expected = sum(len(case_named(name)["expect"]) for name in HOSTILE_CASES)
    assert f"content problems: {expected})".encode() in output


def copy_project(destination: Path) -> Path:
    for entry in ("mkdocs.yml", "docs", "hooks"):
        source = REPO_ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy)(source, destination / entry)
    return copy_processes(destination)


@pytest.mark.parametrize("names", [["16-unknown-role.yaml"], HOSTILE_CASES], ids=["one mistake", "hostile input"])
def test_the_build_stops_with_the_same_messages_and_no_traceback(tmp_path, names):
    """mkdocs build on broken content fails with the editor's messages, not a Python traceback."""
    processes = copy_project(tmp_path)
    for name in names:
        put_case(processes, case_named(name))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert b"Traceback" not in output and b"internal error" not in output
    assert not any(byte in output for byte in (b"\x1b[2J", b"\r", b"\x00"))
    for name in names:
        for line in case_named(name)["expect"]:
            assert line.encode("utf-8") in output


def test_the_check_command_passes_on_the_real_handbook():
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "content OK" in result.stdout


def test_a_broken_registry_is_reported_once_not_at_every_use(tmp_path, monkeypatch):
    """A bad `kind` in roles.yaml is one problem, not one per step that names a role."""
    roles = copy_processes(tmp_path) / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace("kind: person", "kind: human", 1), "utf-8")
    code, output = check_in_process(tmp_path, monkeypatch)
    assert code == 1
    assert "content problems: 1)" in output
    assert "processes/roles.yaml:8: [roles[0].kind] ค่า `human` ใช้ไม่ได้" in output


def _string_fields(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_fields(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_fields(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def test_no_schema_pattern_accepts_a_value_that_ends_in_a_line_break(handbook):
    """Python's `$` matches before a final newline; JSON Schema's does not. For every kind of
    field a pattern checks (ids, process, sub-process and step numbers, flowchart box ids,
    clause anchors, seed names, line ranges), a real value with a line break added is refused."""
    import copy

    from hooks.handbook import schema

    refused, tried = set(), set()
    for source in handbook.files:
        validator = schema._validator(str(handbook.root / "schema"), source.kind)
        for path, value in _string_fields(source.data):
            kind = (source.kind, path[-1] if isinstance(path[-1], str) else path[-2])
            if kind in tried:
                continue  # one value of each kind of field
            tried.add(kind)
            broken = copy.deepcopy(source.data)
            holder = broken
            for part in path[:-1]:
                holder = holder[part]
            holder[path[-1]] = value + "\n"
            if any(error.validator == "pattern" and tuple(error.absolute_path) == path
                   for error in validator.iter_errors(broken)):
                refused.add(kind)
    fields = {field for _kind, field in refused}
    assert {"id", "number", "anchor", "seed", "lines", "responsible", "ref"} <= fields, fields
    assert ("process", "id") in refused and ("process", "number") in refused and ("reference", "anchor") in refused
