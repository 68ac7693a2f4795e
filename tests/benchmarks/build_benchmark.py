"""Build benchmark: CPU time, wall time and peak memory of the full build, against references.

    python tests/benchmarks/build_benchmark.py [--rounds 3]

Prints figures, never pass/fail. Builds run in subprocesses, interleaved, so machine
noise hits every variant alike; ratios are more telling than seconds here. Every build
runs through tests/benchmarks/variant_build.py (MkDocs' own build, `--strict`), so all
pay the same start-up.

- full:   the site as published
- stock:  the same generated pages (full Markdown, as files) and navigation built by stock
          MkDocs and Material (search plugin only, no hooks, no theme override): full/stock
          in CPU time is what the handbook's own machinery costs on top of the theme
- lean:   no flowcharts, no role/reference/matrix/calendar/glossary pages: what diagrams
          and cross-references add is full/lean
- titles: lean plus the cross-reference pages each holding only its title: titles/lean is
          what MkDocs and Material cost for those pages before any content, the floor
          under full/lean
- check:  `python -m hooks.check`, the editors' content check
- in-process: CPU time our own code spends loading, checking and generating pages
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
       "PYTHAINLP_DATA": os.environ.get("PYTHAINLP_DATA", str(REPO_ROOT / ".pythainlp-data"))}


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident memory (MB) and CPU seconds (user + system) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def stock_project(directory: Path) -> Path:
    """The generated pages as Markdown files with the same navigation, for stock MkDocs and
    Material: theme, language, features and Markdown extensions as mkdocs.yml, nothing else."""
    import yaml

    from hooks.handbook import load_handbook
    from hooks.handbook.pages import build_pages

    site = build_pages(load_handbook(REPO_ROOT / "processes", repo_root=REPO_ROOT))
    docs = directory / "docs"
    for page in site.pages:
        (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.path).write_text(page.markdown, "utf-8")
    from mkdocs.utils.yaml import yaml_load  # reads !ENV as MkDocs does

    ours = yaml_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    config = {"site_name": ours["site_name"], "site_url": "http://127.0.0.1:8000/", "docs_dir": "docs",
              "theme": theme, "plugins": [{"search": {"lang": "th"}}], "nav": site.nav,
              "markdown_extensions": [e for e in ours["markdown_extensions"] if "pymdownx.superfences" not in str(e)]
              + ["pymdownx.superfences"]}  # diagrams stay code blocks: no mermaid2 in stock
    (directory / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return directory


def in_process() -> dict:
    """CPU seconds of our own code: loading, and generating the pages (median of 3)."""
    from variant_build import lean

    from hooks.handbook import load_handbook
    from hooks.handbook.pages import build_pages

    def cpu(work):
        started = time.process_time()
        result = work()
        return time.process_time() - started, result

    figures = {}
    figures["load and check content"], handbook = cpu(
        lambda: load_handbook(REPO_ROOT / "processes", repo_root=REPO_ROOT))
    runs = [cpu(lambda: build_pages(handbook)) for _ in range(3)]
    site = runs[0][1]
    figures[f"generate pages ({len(site.pages)}), median of 3"] = statistics.median(seconds for seconds, _ in runs)
    figures[f"filter to the lean site ({len(lean(site, keep_titles=False).pages)})"], _ = cpu(
        lambda: lean(site, keep_titles=False))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    build = [sys.executable, str(Path(__file__).with_name("variant_build.py"))]
    results = {"full": [], "lean": [], "titles": [], "stock": [], "check": []}
    with tempfile.TemporaryDirectory() as tmp:
        stock = ["--config", str(stock_project(Path(tmp) / "stock") / "mkdocs.yml")]
        run(build + ["full", f"{tmp}/warm"])  # first run fills caches (PyThaiNLP data, .pyc)
        run(build + ["full", f"{tmp}/stock-warm"] + stock)
        for _ in range(rounds):
            results["full"].append(run(build + ["full", f"{tmp}/full"]))
            results["stock"].append(run(build + ["full", f"{tmp}/stock-site"] + stock))
            results["lean"].append(run(build + ["lean", f"{tmp}/lean"]))
            results["titles"].append(run(build + ["titles", f"{tmp}/titles"]))
            results["check"].append(run([sys.executable, "-m", "hooks.check"]))
        pages = sum(1 for _ in Path(f"{tmp}/full").rglob("index.html"))
        lean_pages = sum(1 for _ in Path(f"{tmp}/lean").rglob("index.html"))
        titles_pages = sum(1 for _ in Path(f"{tmp}/titles").rglob("index.html"))
        stock_pages = sum(1 for _ in Path(f"{tmp}/stock-site").rglob("index.html"))

    def median(name, index):
        return statistics.median(r[index] for r in results[name])

    print(f"build benchmark, {rounds} rounds, {os.cpu_count()} cores, medians")
    print(f"  full build      {median('full', 0):6.2f} s   peak {median('full', 1):6.0f} MB   {pages} pages   (target ≤ 10 s, ≤ 1024 MB)")
    print(f"  lean build      {median('lean', 0):6.2f} s   peak {median('lean', 1):6.0f} MB   {lean_pages} pages")
    print(f"  titles build    {median('titles', 0):6.2f} s   peak {median('titles', 1):6.0f} MB   {titles_pages} pages")
    print(f"  stock build     {median('stock', 0):6.2f} s   peak {median('stock', 1):6.0f} MB   {stock_pages} pages"
          "   (stock MkDocs + Material, same pages)")
    print(f"  CPU time        full {median('full', 2):6.2f} s   stock {median('stock', 2):6.2f} s")
    print(f"  full / stock    {median('full', 2) / median('stock', 2):6.2f} ×   (CPU time: the handbook's machinery on top of the theme)")
    print(f"  full / lean     {median('full', 0) / median('lean', 0):6.2f} ×   (flowcharts and cross-reference pages; target ≤ 1.20)")
    print(f"  titles / lean   {median('titles', 0) / median('lean', 0):6.2f} ×   (the same pages with only their titles: the floor)")
    print(f"  content check   {median('check', 0):6.2f} s   (target ≤ 3 s)")
    for name, seconds in in_process().items():
        print(f"  in-process: {name:42s} {seconds:6.3f} s CPU")


if __name__ == "__main__":
    main()
