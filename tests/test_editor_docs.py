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
DOCUMENTS = ["README.md", "CONTRIBUTING.md", "MAINTAINING.md", "processes/README.md",
             *(f"docs-editors/{path.name}" for path in sorted((REPO_ROOT / "docs-editors").glob("*.md")))]


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
