"""The documentation matches its readers and its sources.

- The editors' field reference and error catalogue (docs-editors/) are what
  `./handbook docs` writes from the schemas and the bad-input corpus: they cannot drift.
- Every field of every schema says in Thai what it is (VS Code shows it on hover, the
  field reference prints it), and VS Code knows the schema of every content file.
- Messages send editors to Thai documents that exist; CONTRIBUTING.md stays short enough
  to read; every relative link of the repository's documents reaches its file (and its
  heading, for a link with #).
"""
from __future__ import annotations

import fnmatch
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import yaml

from hooks import editor_docs
from hooks.handbook.loading import FOLDERS
from hooks.handbook.schema import FIELD_REFERENCE, SCHEMAS

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO_ROOT / "processes" / "schema"
THAI = re.compile("[\u0e01-\u0e5b]")
GUIDE = REPO_ROOT / editor_docs.GUIDE
# The editors' guide is read through, not looked up in: the lookups (every field, every
# message) are the generated documents it links to.
GUIDE_MAX_BYTES = 25_000
# Folders that are not the repository's documents (tools, builds, caches).
NOT_DOCUMENTS = {".git", ".venv", "venv", "node_modules", "site", "site-offline", ".cache", ".pytest_cache",
                 ".pythainlp-data", "__pycache__"}


def _documents() -> list[str]:
    """Every Markdown document of the repository (README, guides, generated references…)."""
    found = []
    for folder, subfolders, files in os.walk(REPO_ROOT):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_DOCUMENTS)
        found += [(Path(folder) / name).relative_to(REPO_ROOT).as_posix() for name in files if name.endswith(".md")]
    return sorted(found)


DOCUMENTS = _documents()


def test_the_editors_documents_are_what_the_generator_writes():
    for relative, text in editor_docs.documents(REPO_ROOT).items():
        path = REPO_ROOT / relative
        assert path.is_file(), f"{relative} is missing: run {editor_docs.REGENERATE}"
        assert path.read_text("utf-8") == text, f"{relative} is out of date: run {editor_docs.REGENERATE}"


def test_every_bad_input_case_is_explained_in_thai_under_a_topic():
    corpus = yaml.safe_load((REPO_ROOT / editor_docs.CASES).read_text("utf-8"))
    for case in corpus["cases"]:
        name = case.get("file") or case["name"]
        assert THAI.search(case.get("explanation", "")), f"{name}: no Thai explanation"
        assert case.get("topic") in corpus["topics"], f"{name}: topic {case.get('topic')!r}"


def _properties(node, pointer=""):
    """(JSON pointer, schema) of every field every schema defines, however deep."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield from ((f"{pointer}/properties/{name}", field) for name, field in node["properties"].items())
        for key, value in node.items():
            yield from _properties(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{pointer}/{index}")


def test_every_field_of_every_schema_says_in_thai_what_it_is():
    schemas = editor_docs.Schemas(SCHEMA_DIR)
    undescribed = []
    for name, document in schemas.files.items():
        for pointer, field in _properties(document):
            resolved, _base, _address = schemas.resolve(field, name)
            if not THAI.search(resolved.get("description", "")):
                undescribed.append(f"{name}#{pointer}")
    assert undescribed == []


def _schema_of(schema_file: str) -> str:
    """What a schema file stands for, as schema.SCHEMAS writes it (a file that only refers
    to a definition stands for that definition)."""
    document = json.loads((SCHEMA_DIR / schema_file).read_text("utf-8"))
    return document["$ref"] if set(document) <= {"$schema", "$id", "$comment", "$ref"} else schema_file


def test_vscode_knows_the_schema_of_every_content_file():
    """.vscode/settings.json maps each content file to the schema the check uses for it, so
    VS Code validates it and shows the fields' descriptions on hover."""
    mapping = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text("utf-8"))["yaml.schemas"]
    content = REPO_ROOT / "processes"
    files = sorted(content.glob("*.yaml")) + sorted(p for folder in FOLDERS for p in (content / folder).glob("*.yaml"))
    kinds_seen = set()
    for path in files:
        relative = path.relative_to(REPO_ROOT).as_posix()
        folder = path.parent.name
        kind = FOLDERS[folder] if folder in FOLDERS else path.stem
        schemas = [schema for schema, pattern in mapping.items() if fnmatch.fnmatch(relative, pattern)]
        assert len(schemas) == 1, (relative, schemas)
        assert _schema_of(Path(schemas[0]).name) == SCHEMAS[kind], relative
        kinds_seen.add(kind)
    assert kinds_seen == set(SCHEMAS)


def test_messages_send_editors_to_thai_documents_that_exist():
    assert (REPO_ROOT / FIELD_REFERENCE).is_file()
    messages = (REPO_ROOT / editor_docs.CASES).read_text("utf-8")
    for document in set(re.findall(r"docs-editors/[^\s)'\"]+\.md", messages)):
        assert (REPO_ROOT / document).is_file(), document
    english = [path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "hooks").rglob("*.py")
               if "processes/README.md" in path.read_text("utf-8")]
    assert english == []  # the English README is for developers


_FENCE = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.M | re.S)
_LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _links(markdown: str) -> list[str]:
    text = _FENCE.sub("", markdown)
    text = re.sub(r"`[^`\n]*`", "", text)
    return _LINK.findall(text)


def _anchors(markdown: str) -> set[str]:
    return {editor_docs.slug(line.lstrip("#")) for line in _FENCE.sub("", markdown).splitlines()
            if re.match(r"#{1,6} ", line)}


def test_every_relative_link_of_the_documents_reaches_its_file_and_heading():
    broken = []
    for document in DOCUMENTS:
        path = REPO_ROOT / document
        markdown = path.read_text("utf-8")
        for target in _links(markdown):
            if re.match(r"[a-z]+:", target):
                continue  # another site (no request is made: the link is only read)
            file, _, anchor = unquote(target).partition("#")
            destination = (path.parent / file).resolve() if file else path
            if not destination.exists():
                broken.append(f"{document}: {target}")
            elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination.read_text("utf-8")):
                broken.append(f"{document}: {target} (no such heading)")
    assert broken == []


# -- the editors' guide (CONTRIBUTING.md) ---------------------------------------------------
def _prose(markdown: str) -> str:
    """What an editor reads as sentences: no code blocks, code spans or link targets."""
    text = _FENCE.sub("", markdown)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.sub(r"\]\([^)\s]*\)", "]", text)


def _yaml_examples(markdown: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", markdown, re.M | re.S)


def test_the_editors_guide_is_short_and_in_thai():
    markdown = GUIDE.read_text("utf-8")
    size = len(markdown.encode("utf-8"))
    assert size <= GUIDE_MAX_BYTES, (
        f"{editor_docs.GUIDE} is {size:,} bytes (at most {GUIDE_MAX_BYTES:,}): keep it to the workflow and the "
        "recipes; field details belong in the schemas' descriptions, messages in tests/bad_input/cases.yaml, "
        "maintainers' matters in MAINTAINING.md")
    prose = _prose(markdown)
    thai, latin = len(THAI.findall(prose)), len(re.findall("[A-Za-z]", prose))
    assert thai >= 3 * latin, f"{editor_docs.GUIDE}: {thai} Thai letters, {latin} Latin ones outside code"


def test_the_editors_guide_links_the_field_reference_and_the_error_catalogue():
    targets = {unquote(target).partition("#")[0] for target in _links(GUIDE.read_text("utf-8"))}
    assert FIELD_REFERENCE in targets
    assert editor_docs.ERROR_CATALOGUE in targets


def test_the_guides_recipes_are_the_additions_the_editor_change_test_makes():
    """tests/test_editor_change.py adds a role, a reference and a district "the way
    CONTRIBUTING describes": the guide's examples are those very texts."""
    import test_editor_change

    examples = _yaml_examples(GUIDE.read_text("utf-8"))
    for addition in (test_editor_change.NEW_ROLE, test_editor_change.NEW_REFERENCE, test_editor_change.NEW_DISTRICT):
        assert addition in examples, addition.splitlines()[0 if "schema" not in addition else 1]


def _example(examples: list[str], marker: str) -> str:
    found = [example for example in examples if marker in example]
    assert len(found) == 1, f"one example of the guide holds {marker!r}: {len(found)}"
    return found[0]


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_every_yaml_example_of_the_guide_passes_the_check_once_applied(tmp_path, capsys):
    """Each example of CONTRIBUTING.md applied to a copy of processes/ as its recipe says:
    the erratum is one the content really records; the steps go at the end of a process,
    the role into roles.yaml, the reference and the district into files of their own, the
    search words into synonyms.yaml. The content check accepts the result."""
    import shutil

    from hooks import check

    examples = _yaml_examples(GUIDE.read_text("utf-8"))
    for example in examples:
        yaml.safe_load(example)  # each one is YAML on its own
    content = tmp_path / "processes"
    shutil.copytree(REPO_ROOT / "processes", content)

    erratum = yaml.safe_load(_example(examples, "errata:"))["errata"][0]
    recorded = [entry for path in sorted(content.rglob("*.yaml"))
                for entry in (yaml.safe_load(path.read_text("utf-8")) or {}).get("errata", [])
                if isinstance(entry, dict)]
    assert erratum in recorded  # the example is a real fix, quoted as the content has it

    steps = yaml.safe_load(_example(examples, "decision:"))
    numbers = {step["number"] for step in steps} | {sub["number"] for step in steps for sub in step.get("substeps", [])}
    process = next(path for path in sorted((content / "national").glob("*.yaml"))
                   if "steps" in (data := yaml.safe_load(path.read_text("utf-8")))
                   and not numbers & {step["number"] for step in data["steps"]})
    _rewrite(process, lambda data: data["steps"].extend(steps))

    # An addition the content already holds (an editor followed the recipe) is not made twice.
    def add_new(items: list, additions: list, key) -> None:
        items.extend(addition for addition in additions if key(addition) not in {key(item) for item in items})

    _rewrite(content / "roles.yaml",
             lambda data: add_new(data["roles"], yaml.safe_load(_example(examples, "kind: committee")), lambda role: role["id"]))
    for marker, folder in (("schema/reference.schema.json", "references"), ("schema/district.schema.json", "district")):
        text = _example(examples, marker)
        ids = {yaml.safe_load(path.read_text("utf-8"))["id"] for path in (content / folder).glob("*.yaml")}
        if yaml.safe_load(text)["id"] not in ids:
            (content / folder / f"{yaml.safe_load(text)['id']}.yaml").write_text(text, "utf-8")
    _rewrite(content / "synonyms.yaml", lambda data: add_new(
        data["synonyms"], yaml.safe_load(_example(examples, "words:")), lambda entry: tuple(entry["words"])))

    assert check.main([str(content)]) == 0, capsys.readouterr().err
