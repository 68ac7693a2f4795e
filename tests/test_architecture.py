"""Domain logic stays free of MkDocs, so a later move of theme or generator stays cheap."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_domain_packages_do_not_import_mkdocs():
    modules = [f"hooks.{package}.{path.stem}" for package in ("handbook", "thai_search")
               for path in sorted((REPO_ROOT / "hooks" / package).glob("*.py")) if path.stem != "__init__"]
    assert len(modules) > 10
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# The data side, bottom to top: each module may import only modules before it.
DATA_LAYERS = ["problems", "periods", "text", "source", "schema", "model", "registry_checks", "validation", "loading"]


def _runtime_imports(module: Path) -> set[str]:
    """Sibling modules a module of hooks/handbook imports when it runs (not for type hints only)."""
    import ast

    tree = ast.parse(module.read_text("utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and getattr(block.test, "id", "") == "TYPE_CHECKING" for node in ast.walk(block)}
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and id(node) not in type_only:
            names |= {node.module} if node.module else {alias.name for alias in node.names}
    return names


def test_the_data_side_is_layered_without_cycles():
    package = REPO_ROOT / "hooks" / "handbook"
    graph = {path.stem: _runtime_imports(path) for path in package.glob("*.py") if path.stem != "__init__"}
    for position, name in enumerate(DATA_LAYERS):
        assert graph[name] <= set(DATA_LAYERS[:position]), f"{name}.py imports {graph[name] - set(DATA_LAYERS[:position])}"
    # and nothing in the package imports in a circle
    done: set[str] = set()

    def visit(name: str, trail: tuple) -> None:
        assert name not in trail, " → ".join(trail + (name,))
        if name not in done:
            for imported in graph.get(name, ()):
                visit(imported, trail + (name,))
            done.add(name)

    for name in graph:
        visit(name, ())
