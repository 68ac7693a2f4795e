"""The theme override keeps Material's own configuration and changes only the search worker.

docs/overrides/main.html renders Material's `config` block (super()) and replaces the
worker's path: whatever a Material update adds to the configuration stays. Proven by
building the same small project with the override and with stock Material.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def build(project: Path, override: bool) -> dict[str, dict]:
    """The configuration Material gives the browser on each page of a two-page site built
    with the handbook's theme settings (with or without docs/overrides)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    ours = yaml_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    hooks = []
    if override:
        theme["custom_dir"] = str(REPO_ROOT / "docs" / "overrides")
        hooks = [str(REPO_ROOT / "hooks" / "mkdocs_publish.py")]  # the override's filters (running header, PDF link)
    (project / "docs" / "sub").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# หน้าแรก\n", "utf-8")
    (project / "docs" / "sub" / "page.md").write_text("# หน้าย่อย\n", "utf-8")
    (project / "mkdocs.yml").write_text(json.dumps({
        "site_name": ours["site_name"], "site_url": "http://127.0.0.1:8000/", "repo_url": ours["repo_url"],
        "theme": theme, "plugins": ["search"], "hooks": hooks, "extra": {"thai_search_version": "v1234"},
    }, ensure_ascii=False), "utf-8")  # JSON is YAML
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return {page: json.loads(_CONFIG.search((project / "site" / page).read_text("utf-8")).group(1))
            for page in ("index.html", "sub/page/index.html")}


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    return build(tmp_path_factory.mktemp("override"), True), build(tmp_path_factory.mktemp("stock"), False)


def test_the_override_keeps_every_key_and_value_of_materials_configuration_but_the_worker(configs):
    ours, materials = configs
    for page in materials:
        assert set(ours[page]) == set(materials[page]), page
        assert {key: value for key, value in ours[page].items() if key != "search"} == \
            {key: value for key, value in materials[page].items() if key != "search"}, page


def test_the_search_worker_is_the_thai_one_relative_to_each_page(configs):
    ours, materials = configs
    assert ours["index.html"]["search"] == "assets/javascripts/thai-search/worker.js?v=v1234"
    assert ours["sub/page/index.html"]["search"] == "../../assets/javascripts/thai-search/worker.js?v=v1234"
    assert re.fullmatch(r"(\.\./\.\./)?assets/javascripts/workers/search\.\w+\.min\.js",
                        materials["sub/page/index.html"]["search"])
