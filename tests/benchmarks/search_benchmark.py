#!/usr/bin/env python
"""Search benchmark: our Thai search vs Pagefind (and stock Material) on the same pages.

Builds the site (``mkdocs build --strict``), serves it on 127.0.0.1, types every
query of ``search_queries.yaml`` into the real Material search box in headless
Chromium and reads the result list. Prints recall@1/5/10, MRR, median query
latency, time from page load to first results and the bytes the browser
downloads for search. Pagefind (``pagefind[extended]``) is run over the same
built pages and driven through its JS API; ``--stock`` also builds the site with
Material's own search (THAI_SEARCH=off) and measures it the same way.

    python tests/benchmarks/search_benchmark.py [--stock] [--site DIR]

Timings here are informative (they depend on the machine); the tests under
tests/ never assert on time.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("search_queries.yaml")
PYTHON = sys.executable
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SEARCH_ASSET = ("/search/", "/thai-search/", "/javascripts/workers/", "/javascripts/lunr/", "/pagefind")


# --------------------------------------------------------------------------- build / serve

def build_site(dest: Path, *, stock: bool = False, strict: bool = True) -> float:
    env = dict(os.environ)
    if stock:
        env["THAI_SEARCH"] = "off"
    cmd = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(dest)]
    cmd.append("--strict" if strict else "--no-strict")
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not (dest / "search" / "search_index.json").exists():
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"mkdocs build failed ({'stock' if stock else 'ours'})")
    return time.perf_counter() - started


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401
        pass


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS
    )


def page_path(url: str, base: str) -> str:
    path = urlsplit(url).path
    base_path = urlsplit(base).path
    if path.startswith(base_path):
        path = path[len(base_path):]
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path or "/"


# --------------------------------------------------------------------------- Material search box

# Material's result line ("พบ # เอกสารที่ตรงกัน", ...) tells that results arrived;
# the placeholder and the "initializing" line do not.
JS_HELPERS = """
window.__searchDone = window.__searchDone || (() => {
  const t = JSON.parse(document.getElementById('__config').textContent).translations;
  const esc = s => s.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
  const other = new RegExp('^' + esc(t['search.result.other']).replace('#', '[0-9,.]+\\\\+?') + '$');
  return text => { text = text.trim(); return text === t['search.result.none'] ||
    text === t['search.result.one'] || other.test(text); };
})();
"""

JS_RESET = """async () => {
  %s
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  input.focus();
  input.value = '';
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  const t0 = performance.now();
  while (performance.now() - t0 < 5000) {
    if (!window.__searchDone(meta.textContent) && !document.querySelector('.md-search-result__list li')) return true;
    await new Promise(r => setTimeout(r, 5));
  }
  return false;
}""" % JS_HELPERS

JS_QUERY = """async ([query, timeout]) => {
  %s
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  input.focus();
  return await new Promise(resolve => {
    let t0 = 0, finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      obs.disconnect();
      const links = [...list.querySelectorAll(':scope > li')].map(
        li => li.querySelector('a.md-search-result__link').href);
      resolve({ms: performance.now() - t0, links, meta: meta.textContent});
    };
    const obs = new MutationObserver(() => { if (window.__searchDone(meta.textContent)) done(); });
    obs.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { if (!finished) { finished = true; obs.disconnect();
      resolve({ms: null, links: [], meta: meta.textContent}); } }, timeout);
    input.value = query;
    t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  });
}""" % JS_HELPERS


class MaterialBox:
    """Drives Material's search box on an open page."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        page.wait_for_selector(".md-search__input", state="visible")
        page.click(".md-search__input")

    def query(self, text: str, timeout: int = 10000) -> dict:
        self.page.evaluate(JS_RESET)
        res = self.page.evaluate(JS_QUERY, [text, timeout])
        res["pages"] = [page_path(u, self.base) for u in res["links"]]
        return res


def cold_start(browser, url: str, probe: str) -> dict:
    """Fresh context: bytes downloaded for search and time from load to first results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def on_response(response):
        u = response.url
        if any(s in u for s in SEARCH_ASSET):
            try:
                sizes[u] = len(response.body())
            except Exception:  # noqa: BLE001 - worker responses may be unavailable
                pass

    context.on("response", on_response)
    page.goto(url, wait_until="load")
    loaded = page.evaluate("performance.now()")
    box = MaterialBox(page, url)
    res = box.query(probe, timeout=20000)
    first = page.evaluate("performance.now()") - loaded
    page.wait_for_timeout(300)
    context.close()
    return {"first_results_ms": first, "search_bytes": sum(sizes.values()), "files": sizes,
            "probe_pages": res["pages"][:3]}


def run_material(browser, url: str, queries: list[dict]) -> dict:
    cold = cold_start(browser, url, queries[0]["q"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    box = MaterialBox(page, url)
    box.query(queries[0]["q"], timeout=20000)  # warm: index loaded
    runs = []
    for item in queries:
        res = box.query(item["q"])
        runs.append({"q": item["q"], "pages": res["pages"], "ms": res["ms"]})
    context.close()
    return {"cold": cold, "runs": runs}


# --------------------------------------------------------------------------- Pagefind

JS_PAGEFIND = """async ([query]) => {
  if (!window.__pf) { window.__pf = await import('/_pagefind/pagefind.js'); await window.__pf.init(); }
  const t0 = performance.now();
  const search = await window.__pf.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => d.url)};
}"""


def build_pagefind(site: Path) -> tuple[Path, float]:
    target = site.parent / (site.name + "-pagefind")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target)
    started = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "-m", "pagefind", "--site", str(target), "--output-subdir", "_pagefind",
         "--root-selector", "article.md-content__inner"],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit("pagefind failed (pip install 'pagefind[extended]')")
    return target, time.perf_counter() - started


def run_pagefind(browser, url: str, queries: list[dict]) -> dict:
    # cold: bytes and first results
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}
    context.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if "_pagefind" in r.url else None)
    page.goto(url, wait_until="load")
    loaded = page.evaluate("performance.now()")
    page.evaluate(JS_PAGEFIND, [queries[0]["q"]])
    first = page.evaluate("performance.now()") - loaded
    runs = []
    for item in queries:
        res = page.evaluate(JS_PAGEFIND, [item["q"]])
        runs.append({"q": item["q"], "pages": [page_path(u, url) for u in res["urls"]], "ms": res["ms"]})
    context.close()
    return {"cold": {"first_results_ms": first, "search_bytes": sum(sizes.values()), "files": sizes}, "runs": runs}


# --------------------------------------------------------------------------- metrics

def score(queries: list[dict], runs: list[dict]) -> dict:
    ranks = []
    for item, run in zip(queries, runs):
        expected = {p if p == "/" else p.lstrip("/") for p in item["expect"]}
        seen = []
        for p in run["pages"]:
            if p not in seen:
                seen.append(p)
        rank = next((i + 1 for i, p in enumerate(seen) if p in expected), None)
        ranks.append(rank)
        run["rank"] = rank
    n = len(ranks)
    lat = [r["ms"] for r in runs if r["ms"] is not None]
    return {
        "n": n,
        "recall@1": sum(1 for r in ranks if r and r <= 1) / n,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / n,
        "recall@10": sum(1 for r in ranks if r and r <= 10) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "median_ms": statistics.median(lat) if lat else None,
        "p90_ms": statistics.quantiles(lat, n=10)[-1] if len(lat) >= 10 else None,
    }


def gzip_size(files: dict, root: Path, base: str) -> int:
    total = 0
    for u in files:
        path = root / urlsplit(u).path.lstrip("/")
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 6))
    return total


def by_kind(queries, runs) -> dict:
    out: dict[str, list] = {}
    for item, run in zip(queries, runs):
        out.setdefault(item.get("kind", "?"), []).append(run["rank"])
    return {k: f"{sum(1 for r in v if r and r <= 5)}/{len(v)}" for k, v in sorted(out.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, help="use an already built site (ours) instead of building")
    ap.add_argument("--stock", action="store_true", help="also measure stock Material search")
    ap.add_argument("--no-pagefind", action="store_true")
    ap.add_argument("--no-strict", action="store_true", help="build without --strict (development only)")
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--only", help="only queries whose text contains this")
    ap.add_argument("--show", action="store_true", help="print every query with its rank")
    ap.add_argument("--json", type=Path, help="write all results here")
    args = ap.parse_args()

    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    if args.only:
        queries = [q for q in queries if args.only in q["q"]]
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    results: dict[str, dict] = {}
    try:
        site = args.site
        if site is None:
            site = tmp / "ours"
            secs = build_site(site, strict=not args.no_strict)
            print(f"built site in {secs:.1f} s")
        sites = {"ours": site}
        if args.stock:
            sites["stock"] = tmp / "stock"
            build_site(sites["stock"], stock=True, strict=not args.no_strict)
        if not args.no_pagefind:
            pf_site, secs = build_pagefind(site)
            print(f"pagefind indexed in {secs:.1f} s")
            sites["pagefind"] = pf_site

        with sync_playwright() as pw:
            browser = launch(pw)
            for name, root in sites.items():
                with serve(root) as url:
                    if name == "pagefind":
                        res = run_pagefind(browser, url, queries)
                    else:
                        res = run_material(browser, url, queries)
                    res["metrics"] = score(queries, res["runs"])
                    res["cold"]["search_bytes_gzip"] = gzip_size(res["cold"]["files"], root, url)
                    res["kinds"] = by_kind(queries, res["runs"])
                    results[name] = res
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    names = list(results)
    rows = [
        ("queries", lambda r: f"{r['metrics']['n']}"),
        ("recall@1", lambda r: f"{r['metrics']['recall@1']:.3f}"),
        ("recall@5", lambda r: f"{r['metrics']['recall@5']:.3f}"),
        ("recall@10", lambda r: f"{r['metrics']['recall@10']:.3f}"),
        ("MRR", lambda r: f"{r['metrics']['mrr']:.3f}"),
        ("median query ms", lambda r: f"{r['metrics']['median_ms']:.1f}"),
        ("p90 query ms", lambda r: f"{r['metrics']['p90_ms']:.1f}" if r["metrics"]["p90_ms"] else "-"),
        ("load->first results ms", lambda r: f"{r['cold']['first_results_ms']:.0f}"),
        ("search bytes", lambda r: f"{r['cold']['search_bytes']:,}"),
        ("search bytes (gzip)", lambda r: f"{r['cold']['search_bytes_gzip']:,}"),
    ]
    width = 24
    print("\n" + "".ljust(width) + "".join(n.rjust(14) for n in names))
    for label, fn in rows:
        print(label.ljust(width) + "".join(fn(results[n]).rjust(14) for n in names))
    print("\nrecall@5 by kind:")
    kinds = sorted({k for n in names for k in results[n]["kinds"]})
    for k in kinds:
        print("  " + k.ljust(width - 2) + "".join(results[n]["kinds"].get(k, "-").rjust(14) for n in names))
    holdout = [i for i, q in enumerate(queries) if q.get("holdout")]
    if holdout:
        print(f"\nheld-out queries only ({len(holdout)}; never tuned on):")
        for name in names:
            sub = score([queries[i] for i in holdout], [results[name]["runs"][i] for i in holdout])
            print(f"  {name.ljust(10)} recall@1 {sub['recall@1']:.3f}  recall@5 {sub['recall@5']:.3f}  MRR {sub['mrr']:.3f}")
    if "stock" in results:
        ratio = results["ours"]["cold"]["search_bytes"] / max(1, results["stock"]["cold"]["search_bytes"])
        print(f"\nsearch download ours/stock: {ratio:.2f}x")
    if "pagefind" in results:
        diff = results["ours"]["metrics"]["recall@5"] - results["pagefind"]["metrics"]["recall@5"]
        print(f"recall@5 ours - pagefind: {diff:+.3f}")
    if args.show:
        for name in names:
            print(f"\n== {name}: misses / late hits")
            for item, run in zip(queries, results[name]["runs"]):
                if run["rank"] != 1:
                    print(f"  rank={run['rank']} {item['q']!r} expect={item['expect']} got={run['pages'][:5]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
