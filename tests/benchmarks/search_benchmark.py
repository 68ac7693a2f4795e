#!/usr/bin/env python
"""Search benchmark: our Thai search vs Pagefind (and stock Material) on the same pages.

Builds the site (``mkdocs build --strict``), serves it on 127.0.0.1, types every
query of ``search_queries.yaml`` into the real Material search box in headless
Chromium and reads the result list. Prints recall@1/5/10 and MRR (whole set, per
query kind, held-out queries apart), query latency (median, p95), the time from
page load to first results with where that time goes (worker start, downloads,
JSON parse, index set-up, first query), and the size of every search file, raw and
gzipped. Pagefind (``pagefind[extended]``) is run over the same built pages and
driven through its JS API; ``--stock`` also builds the site with Material's own
search (THAI_SEARCH=off) and measures it the same way.

An expected page with an anchor (``calendar/#month-8``) counts only when the
result opens on that section (the first section it shows); Pagefind's results
carry no sections, so there the page alone counts.

    python tests/benchmarks/search_benchmark.py [--stock] [--site DIR]

Timings here are informative (they depend on the machine); the tests under
tests/ never assert on time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from hooks.publish.serving import serve  # noqa: E402  (the sites are served as the PDF step serves them)

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
  const other = new RegExp('^' + esc(t['search.result.other']).replace('#', '(?:\\\\S+ )?[0-9,.]+\\\\+?') + '$');
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
}""" % JS_HELPERS  # noqa: UP031 - %s leaves the JavaScript's braces alone

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
      const items = [...list.querySelectorAll(':scope > li')];
      const links = items.map(li => li.querySelector('a.md-search-result__link').href);
      // the sections a result shows first (its best ones, not those under "more")
      const sections = items.map(li => [...li.querySelectorAll(':scope > a.md-search-result__link')]
        .slice(1).map(a => a.href));
      const T = window.__searchTimeline;
      resolve({ms: performance.now() - t0, at: performance.now(), links, sections, meta: meta.textContent,
               workerMs: T && T.workerMs !== undefined ? T.workerMs : null});
    };
    const obs = new MutationObserver(() => { if (window.__searchDone(meta.textContent)) done(); });
    obs.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { if (!finished) { finished = true; obs.disconnect();
      resolve({ms: null, links: [], sections: [], meta: meta.textContent}); } }, timeout);
    input.value = query;
    t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  });
}""" % JS_HELPERS  # noqa: UP031 - %s leaves the JavaScript's braces alone


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
        res["anchors"] = [[urlsplit(u).fragment for u in hrefs] for hrefs in res["sections"]]
        return res


# Records, on the page's clock, when the search worker is created, when Material sends
# it the index (SETUP) and a query, and when READY and results come back; the Thai
# worker also reports its own steps (script start, downloads, JSON parse, index
# set-up) in a "thai-search:timing" message, on the absolute clock.
TIMELINE_SCRIPT = """
(() => {
  const T = window.__searchTimeline = {events: [], worker: null};
  const mark = (name, extra) => T.events.push(Object.assign({name, t: performance.now()}, extra || {}));
  const Native = window.Worker;
  if (!Native) return;
  function Timed(url, options) {
    mark('worker created');
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      if (message && message.type === 0) mark('SETUP sent');
      else if (message && message.type === 2 && message.data) mark('QUERY sent', {q: message.data});
      return post.apply(null, arguments);
    };
    worker.addEventListener('message', ev => {
      const m = ev.data || {};
      if (m.type === 1) mark('READY');
      else if (m.type === 3) {
        mark('RESULT', {n: (m.data && m.data.items || []).length});
        T.workerMs = m.data && m.data.thai ? m.data.thai.ms : null;  /* the worker's own time */
      }
      else if (m.type === 'thai-search:timing') T.worker = m.data;
    });
    return worker;
  }
  Timed.prototype = Native.prototype;
  window.Worker = Timed;
  document.addEventListener('focusin', ev => {
    if (ev.target && ev.target.matches && ev.target.matches('.md-search__input')) mark('search box focused');
  });
})();
"""

JS_TIMELINE = """() => {
  const T = window.__searchTimeline || {events: []};
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource')
    .filter(r => /search|thai-search|workers|lunr/.test(r.name))
    .map(r => ({name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize}));
  return {load: nav ? nav.loadEventEnd : null, origin: performance.timeOrigin, events: T.events,
          worker: T.worker, resources};
}"""


def timeline(raw: dict, first_results: float) -> list[tuple[str, float]]:
    """Steps from navigation start to first results, in page milliseconds."""
    steps: list[tuple[str, float]] = []
    if raw.get("load") is not None:
        steps.append(("page load event", raw["load"]))
    for resource in raw.get("resources") or []:
        name = urlsplit(resource["name"]).path.rsplit("/", 1)[-1]
        steps.append((f"page fetched {name} ({resource['bytes']:,} B)", resource["end"]))
    seen = set()
    for event in raw.get("events") or []:
        if event["name"] in seen:
            continue
        seen.add(event["name"])
        steps.append((event["name"], event["t"]))
    worker = raw.get("worker") or {}
    origin = raw.get("origin") or 0
    for name, absolute in (worker.get("marks") or {}).items():
        steps.append((f"worker: {name}", absolute - origin))
    for resource in worker.get("resources") or []:
        name = urlsplit(resource["name"]).path.rsplit("/", 1)[-1]
        steps.append((f"worker fetched {name} ({resource['bytes']:,} B)", resource["end"] - origin))
    steps.append(("first results shown", first_results))
    return sorted(steps, key=lambda step: step[1])


def cold_start(browser, url: str, probe: str) -> dict:
    """Fresh context: bytes downloaded for search and time from load to first results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TIMELINE_SCRIPT)
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
    # a reader who searches as soon as the page is there: focus, type, wait for results
    first = page.evaluate(JS_QUERY, [probe, 20000])
    shown = first.get("at") or page.evaluate("performance.now()")
    page.wait_for_timeout(300)
    raw = page.evaluate(JS_TIMELINE)
    context.close()
    # from the page's load event (what a reader waits for once the page is there), and
    # from the moment the reader turns to the search box (when the index is fetched)
    since_load = shown - raw["load"] if raw.get("load") else shown - loaded
    focused = next((e["t"] for e in raw.get("events") or [] if e["name"] == "search box focused"), None)
    return {"first_results_ms": since_load, "focus_to_results_ms": shown - focused if focused else None,
            "search_bytes": sum(sizes.values()), "files": sizes, "timeline": timeline(raw, shown)}


def run_material(browser, url: str, queries: list[dict]) -> dict:
    cold = cold_start(browser, url, queries[0]["q"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TIMELINE_SCRIPT)
    page = context.new_page()
    page.goto(url, wait_until="load")
    box = MaterialBox(page, url)
    box.query(queries[0]["q"], timeout=20000)  # warm: index loaded
    runs = []
    for item in queries:
        res = box.query(item["q"])
        runs.append({"q": item["q"], "pages": res["pages"], "anchors": res["anchors"], "ms": res["ms"],
                     "worker_ms": res.get("workerMs")})
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
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    page.evaluate(JS_PAGEFIND, [queries[0]["q"]])
    first = page.evaluate("performance.now()") - loaded
    runs = []
    for item in queries:
        res = page.evaluate(JS_PAGEFIND, [item["q"]])
        runs.append({"q": item["q"], "pages": [page_path(u, url) for u in res["urls"]], "ms": res["ms"]})
    context.close()
    return {"cold": {"first_results_ms": first, "search_bytes": sum(sizes.values()), "files": sizes}, "runs": runs}


# --------------------------------------------------------------------------- metrics

def rank_of(item: dict, run: dict) -> int | None:
    """Rank of the first result that is an expected page (and section, when one is given)."""
    wanted: dict[str, str | None] = {}
    for entry in item["expect"]:
        path, _, anchor = entry.partition("#")
        wanted[path if path == "/" else path.lstrip("/")] = anchor or None
    seen: list[str] = []
    for position, path in enumerate(run["pages"]):
        if path in seen:
            continue
        seen.append(path)
        if path not in wanted:
            continue
        anchor = wanted[path]
        sections = (run.get("anchors") or [None] * len(run["pages"]))[position]
        # Pagefind has no sections: the page counts (see the module docstring)
        if anchor is None or sections is None or (sections and sections[0] == anchor):
            return len(seen)
    return None


def score(queries: list[dict], runs: list[dict]) -> dict:
    ranks = []
    for item, run in zip(queries, runs):
        run["rank"] = rank_of(item, run)
        ranks.append(run["rank"])
    n = len(ranks) or 1
    lat = sorted(r["ms"] for r in runs if r["ms"] is not None)
    inner = sorted(r["worker_ms"] for r in runs if r.get("worker_ms") is not None)
    return {
        "n": len(ranks),
        "recall@1": sum(1 for r in ranks if r and r <= 1) / n,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / n,
        "recall@10": sum(1 for r in ranks if r and r <= 10) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "median_ms": statistics.median(lat) if lat else None,
        "p95_ms": lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))] if len(lat) >= 10 else None,
        "worker_median_ms": statistics.median(inner) if inner else None,
        "worker_p95_ms": inner[min(len(inner) - 1, int(round(0.95 * (len(inner) - 1))))] if len(inner) >= 10 else None,
    }


def file_sizes(files: dict, root: Path) -> list[tuple[str, int, int]]:
    """(path, raw bytes, gzip -6 bytes) of each search file the browser fetched; many
    small files of one folder (Pagefind's fragments) are summed into one row."""
    rows = []
    for u in sorted(files):
        rel = urlsplit(u).path.lstrip("/")
        path = root / rel
        if path.is_file():
            raw = path.read_bytes()
            rows.append((rel, len(raw), len(gzip.compress(raw, 6))))
    folders: dict[str, list] = {}
    for row in rows:
        folders.setdefault(row[0].rsplit("/", 1)[0], []).append(row)
    out = []
    for folder, items in folders.items():
        if len(items) > 4:
            out.append((f"{folder}/* ({len(items)} files)", sum(r[1] for r in items), sum(r[2] for r in items)))
        else:
            out.extend(items)
    return out


def by_kind(queries, runs) -> dict:
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(queries):
        groups.setdefault(item.get("kind", "?"), []).append(index)
    return {kind: score([queries[i] for i in idx], [runs[i] for i in idx]) for kind, idx in sorted(groups.items())}


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
                    res["cold"]["sizes"] = file_sizes(res["cold"]["files"], root)
                    res["cold"]["search_bytes_gzip"] = sum(packed for _, _, packed in res["cold"]["sizes"])
                    res["kinds"] = by_kind(queries, res["runs"])
                    results[name] = res
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    names = list(results)

    def fmt(value, pattern="{:.3f}"):
        return "-" if value is None else pattern.format(value)

    rows = [
        ("queries", lambda r: f"{r['metrics']['n']}"),
        ("recall@1", lambda r: fmt(r["metrics"]["recall@1"])),
        ("recall@5", lambda r: fmt(r["metrics"]["recall@5"])),
        ("recall@10", lambda r: fmt(r["metrics"]["recall@10"])),
        ("MRR", lambda r: fmt(r["metrics"]["mrr"])),
        ("median query ms", lambda r: fmt(r["metrics"]["median_ms"], "{:.1f}")),
        ("p95 query ms", lambda r: fmt(r["metrics"]["p95_ms"], "{:.1f}")),
        ("  of which worker, median", lambda r: fmt(r["metrics"].get("worker_median_ms"), "{:.1f}")),
        ("  of which worker, p95", lambda r: fmt(r["metrics"].get("worker_p95_ms"), "{:.1f}")),
        ("load -> first results ms", lambda r: f"{r['cold']['first_results_ms']:.0f}"),
        ("focus -> first results ms", lambda r: fmt(r["cold"].get("focus_to_results_ms"), "{:.0f}")),
        ("search bytes", lambda r: f"{r['cold']['search_bytes']:,}"),
        ("search bytes (gzip)", lambda r: f"{r['cold']['search_bytes_gzip']:,}"),
    ]
    width = 26
    print("\n" + "".ljust(width) + "".join(n.rjust(14) for n in names))
    for label, fn in rows:
        print(label.ljust(width) + "".join(fn(results[n]).rjust(14) for n in names))

    print("\nper query kind: recall@1 / recall@5 / recall@10 / MRR (n)")
    kinds = sorted({k for n in names for k in results[n]["kinds"]})
    for kind in kinds:
        cells = []
        for name in names:
            m = results[name]["kinds"].get(kind)
            cells.append("-" if m is None else
                         f"{m['recall@1']:.2f}/{m['recall@5']:.2f}/{m['recall@10']:.2f}/{m['mrr']:.2f} ({m['n']})")
        print("  " + kind.ljust(width - 2) + "".join(c.rjust(30) for c in cells))
    holdout = [i for i, q in enumerate(queries) if q.get("holdout")]
    tuned = [i for i, q in enumerate(queries) if not q.get("holdout")]
    for label, subset in (("tuned queries", tuned), ("held-out queries (never tuned on)", holdout)):
        if not subset:
            continue
        print(f"\n{label} ({len(subset)}):")
        for name in names:
            sub = score([queries[i] for i in subset], [results[name]["runs"][i] for i in subset])
            print(f"  {name.ljust(10)} recall@1 {sub['recall@1']:.3f}  recall@5 {sub['recall@5']:.3f}  "
                  f"recall@10 {sub['recall@10']:.3f}  MRR {sub['mrr']:.3f}")
    for name in names:
        cold = results[name]["cold"]
        print(f"\n{name}: search files (raw / gzip bytes)")
        for rel, raw, packed in cold["sizes"]:
            print(f"  {rel.ljust(48)} {raw:>10,} {packed:>10,}")
        if cold.get("timeline"):
            print(f"{name}: from navigation start to first results (ms)")
            for step, at in cold["timeline"]:
                print(f"  {at:8.0f}  {step}")
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
                    first = (run.get("anchors") or [[]])[0][:1] if run.get("anchors") else []
                    print(f"  rank={run['rank']} {item['q']!r} expect={item['expect']} got={run['pages'][:5]}"
                          + (f" first sections={first}" if first else ""))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
