"""Flowcharts: drawn from the steps, equal to the charts that survived in the seeds, safe for any
label; every box that draws a step starts with the step's number and says who is responsible."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.handbook import flowchart
from hooks.handbook.model import walk_steps

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__import__("os").environ.get("SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))

_SHAPES = {"([": "terminal", "(": "rounded", "[": "activity", "{": "decision"}
_CLOSERS = {"([": "])", "(": ")", "[": "]", "{": "}"}


# The markup flowchart.box_label writes around a label's text: the number, the line of who is responsible.
_NUMBER = re.compile(r"^<b>(.*?)</b> ")
_RESPONSIBLE = re.compile(r"<br><small>(.*?)</small>$")


def label_parts(label: str) -> tuple[str | None, str, str | None]:
    """(number, text, responsible) of one of our labels, entities decoded."""
    number, responsible = _NUMBER.search(label), _RESPONSIBLE.search(label)
    text = _RESPONSIBLE.sub("", _NUMBER.sub("", label))
    return tuple(None if part is None else _decoded(part) for part in
                 (number and number.group(1), text, responsible and responsible.group(1)))


def _decoded(text: str) -> str:
    return " ".join(re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text).split())


def _parse(text, raw=False):
    """Nodes {id: (shape, label)} and edges {(from, to, label)} of a Mermaid flowchart.

    Reads both the seeds' unquoted charts and ours (quoted labels with #NNN; entities):
    of ours, a label's text without its number and line of who is responsible, unless raw.
    """
    text = html.unescape(text)
    text = re.sub(r"^\s*(graph|flowchart)\s+\w+", "", text.strip())
    tokens = re.findall(r'-->\|"?.*?"?\||--\s+[^-]+?\s+-->|-->|[A-Za-z][A-Za-z0-9_]*\s*(?:\(\[.*?\]\)|\(.*?\)|\[.*?\]|\{.*?\})?', text)
    nodes, edges = {}, set()
    previous, arrow = None, None
    for token in tokens:
        if token.startswith("-"):
            label = re.sub(r'^-->\|"?|"?\|$|^--\s+|\s+-->$|^-->$', "", token).strip()
            arrow = label or ""
            continue
        match = re.match(r"([A-Za-z][A-Za-z0-9_]*)\s*(.*)$", token, re.S)
        name, rest = re.sub(r"^n_", "", match.group(1)), match.group(2)
        if rest:
            opener = next(o for o in ("([", "(", "[", "{") if rest.startswith(o))
            label = rest[len(opener): -len(_CLOSERS[opener])].strip().strip('"')
            if not raw:
                label = label_parts(label)[1]
            nodes[name] = (_SHAPES[opener], label if raw else " ".join(label.split()))
        if arrow is not None and previous is not None:
            edges.add((previous, name, arrow or None))
        previous, arrow = name, None
    return nodes, edges


def seed_charts() -> list[str]:
    charts = []
    for file in sorted(SEEDS.glob("*.txt")):
        for match in re.finditer(r"<pre>\s*(graph TD.*?)</pre>", file.read_text("utf-8"), re.S):
            charts.append(match.group(1))
    return charts


def _corrected(chart: str, fixes: list[tuple[str, str]]) -> str:
    for printed, corrected in fixes:
        chart = chart.replace(printed, corrected)
    return chart


def our_charts(handbook) -> list[str]:
    return [diagram.source for _place, _steps, _chart, diagram in all_diagrams(handbook) if _chart]


def all_diagrams(handbook):
    """(place, steps, the seed's chart or None, Diagram) for every flowchart of the site."""
    found = []
    for unit in handbook.units.values():
        if unit.steps:
            chart = unit.data.get("flowchart")
            found.append((unit.id, unit.steps, chart, flowchart.for_steps_or_chart(unit.steps, chart, handbook.roles)))
    for source in handbook.districts.values():
        for section in source.data["sections"]:
            if section.get("steps") or section.get("flowchart"):
                chart = section.get("flowchart")
                found.append((f"{source.data['id']}/{section['id']}", section.get("steps"), chart,
                              flowchart.for_steps_or_chart(section.get("steps"), chart, handbook.roles)))
    return found


@pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not found (set SEEDS_DIR)")
def test_the_charts_that_survived_in_the_seeds_come_out_equivalent(handbook):
    """The same boxes and arrows as the seed draws, with the errata recorded for chart boxes applied."""
    fixes = [(e["source"], e["corrected"]) for source in handbook.files for e in (source.data or {}).get("errata", [])
             if "flowchart" in e["where"]]
    seeds = [_parse(_corrected(text, fixes)) for text in seed_charts()]
    # every Mermaid chart the seeds print (four in the national manual, one in district 001)
    assert len(seeds) == sum(path.read_text("utf-8").count("graph TD") for path in SEEDS.glob("*.txt"))
    ours = [_parse(text) for text in our_charts(handbook)]
    for nodes, edges in seeds:
        first_label = nodes["A"][1]
        match = [o for o in ours if o[0].get("A", (None, None))[1] == first_label]
        assert match, f"no chart of ours starts with {first_label!r}"
        assert match[0] == (nodes, edges)


def test_a_chart_is_generated_from_steps_with_terminals_boxes_groups_and_decisions():
    steps = [
        {"number": "1", "text": "ศึกษาข้อมูล"},
        {"number": "2", "text": "ดำเนินการ", "substeps": [
            {"number": "2.1", "text": "ประชุมชี้แจง"}, {"number": "2.2", "text": "นิเทศ ติดตาม"}]},
        {"number": "3", "text": "ประเมินผล", "decision": {"pass": "ผ่าน", "fail": "ไม่ผ่าน", "retry": "2", "improve": "ปรับปรุง"}},
        {"number": "4", "text": "สรุปรายงาน"},
    ]
    diagram = flowchart.from_steps(steps)
    text = diagram.source
    nodes, edges = _parse(text.replace("subgraph", "%%").replace("direction TB", "").replace("    end", ""))
    assert nodes["start"] == ("terminal", "เริ่มต้น") and nodes["finish"] == ("terminal", "สิ้นสุด")
    assert nodes["s3"] == ("decision", "ประเมินผล")
    assert _parse(text.replace("subgraph", "%%"), raw=True)[0]["s3"] == ("decision", "<b>3</b> ประเมินผล")
    assert nodes["s2_1"][0] == nodes["s2_2"][0] == nodes["s3_improve"][0] == "activity"
    assert ("s3", "s3_improve", "ไม่ผ่าน") in edges and ("s3_improve", "s2_1", None) in edges
    assert ("s3", "s4", "ผ่าน") in edges and ("s4", "finish", None) in edges
    assert 'subgraph gs2["<b>2</b> ดำเนินการ"]' in text
    assert diagram.shapes == ["terminal", "activity", "decision", "group"]


HOSTILE = ['end', 'A --> B', '"quoted"', "[brackets] (paren) {brace}", "a:b;c", "#35; # hash",
           "<script>alert(1)</script>", "<b>bold</b>", "**md** _em_ `code`", "click A call alert()",
           "%%{init: {'securityLevel':'loose'}}%%", "style A fill:#f00", "&amp; &lt;", "|pipe|", "\\back"]


def test_hostile_labels_are_encoded_as_entities():
    for label in HOSTILE:
        encoded = flowchart.mermaid_text(label)
        assert all(ch not in encoded for ch in '"[](){}<>:|`%\\'), encoded
        assert re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), encoded) == " ".join(label.split())


_pieces = st.sampled_from(list("กขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮะัาำิีึืุูเแโใไ่้๊๋็์ ๐๑๒๓")
                          + list("\"'[](){}<>:;#&|`*_~%\\/-.,!?=+\n\t🙂")
                          + ["end", "-->", "<br>", "&lt;", "#35;", "%%", "click", "style"])
thai_text = st.lists(_pieces, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip())


@pytest.fixture(scope="module")
def diagram_page(browser, site_url):
    from conftest import new_context

    context = new_context(browser)
    page = context.new_page()
    page.goto(site_url + "process/assessment-classroom/")
    page.wait_for_function("() => window.mermaid && window.mermaid.parse")
    yield page
    context.close()


def _render(page, text: str) -> dict:
    return page.evaluate("""async (text) => {
        try {
            const { svg } = await window.mermaid.render('check' + Math.floor(Math.random() * 1e9), text);
            const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
            const labels = [...doc.querySelectorAll('.nodeLabel, .edgeLabel')].map(e => e.textContent.replace(/\\s+/g, ' ').trim());
            return { ok: true, labels, scripts: doc.querySelectorAll('script').length, error: svg.includes('Syntax error') };
        } catch (e) { return { ok: false, message: String(e && e.message || e) }; }
    }""", text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(labels=st.lists(thai_text, min_size=2, max_size=4), edge_label=thai_text)
def test_any_thai_label_with_hostile_characters_gives_a_diagram_that_parses(diagram_page, labels, edge_label):
    nodes = [{"id": f"N{i}", "label": label, "shape": shape, "to": [{"node": f"N{i + 1}", "label": edge_label}] if i + 1 < len(labels) else []}
             for i, (label, shape) in enumerate(zip(labels, ["terminal", "decision", "activity", "rounded"]))]
    result = _render(diagram_page, flowchart.from_nodes(nodes).source)
    assert result["ok"], result.get("message")
    assert not result["error"] and result["scripts"] == 0
    for label in labels:
        assert " ".join(label.split()) in result["labels"]


def test_hostile_step_texts_render_literally(diagram_page):
    steps = [{"number": str(i + 1), "text": text} for i, text in enumerate(HOSTILE)]
    steps[2]["decision"] = {"pass": "<i>ok</i>", "fail": "end", "retry": "1", "improve": "%%{init}%%"}
    result = _render(diagram_page, flowchart.from_steps(steps).source)
    assert result["ok"], result.get("message")
    assert result["scripts"] == 0
    for i, text in enumerate(HOSTILE):
        if i == 2:
            continue
        assert f"{i + 1} {' '.join(text.split())}" in result["labels"]
    assert "<i>ok</i>" in result["labels"] and "%%{init}%%" in result["labels"]


def test_mermaid2s_page_pass_adds_what_its_own_full_parse_adds(built_site, handbook):
    """hooks/mkdocs_diagrams.py lets mermaid2 append its scripts without re-parsing each
    page: on every diagram page of the built site, the result equals mermaid2's own pass."""
    from types import SimpleNamespace

    from bs4 import BeautifulSoup
    from mkdocs.config import load_config

    from hooks.mkdocs_diagrams import appending_only

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    mermaid2 = config.plugins["mermaid2"]
    mermaid2.on_config(config)
    fast = appending_only(mermaid2, mermaid2.on_post_page)
    pages = [p for p in built_site.rglob("index.html") if re.search(r'<pre\s+class="mermaid">', p.read_text("utf-8"))]
    # every process without sub-processes draws its chart
    leaves = {f"process/{unit.id}/index.html" for unit in handbook.units.values() if not unit.children}
    assert leaves <= {path.relative_to(built_site).as_posix() for path in pages}
    for path in pages:
        built = path.read_text("utf-8")
        assert built.count("window.mermaidConfig") == 1, path  # mermaid2 ran, once
        # The page as it was before mermaid2's pass: without the script mermaid2 appended.
        before = re.sub(r"<script>window\.mermaidConfig.*?</script>(?=\s*</body>)", "", built, flags=re.S)
        url = path.parent.relative_to(built_site).as_posix() + "/"
        page = SimpleNamespace(title=url, url=url)
        theirs = mermaid2.on_post_page(before, config=config, page=page)
        ours = fast(before, config=config, page=page)
        assert str(BeautifulSoup(ours, "html.parser")) == theirs, path
    plain = (built_site / "errata" / "index.html").read_text("utf-8")
    assert fast(plain, config=config, page=SimpleNamespace(title="errata", url="errata/")) == plain


# -- every box carries its step's number and who is responsible ---------------------------
def _responsible_words(step, roles):
    if step.get("responsible_text"):
        return step["responsible_text"]
    return ", ".join(roles[r].get("abbreviation") or roles[r]["name"] for r in step.get("responsible", [])) or None


def test_every_box_that_draws_a_step_starts_with_its_number_and_holds_its_whole_text(handbook):
    """A chart drawn from the steps has a box (or, for a step with sub-steps, a group) for
    every step of the list, labelled with the step's number as the list writes it and its
    whole text (never cut); in a chart the seed prints, each box that draws a step starts
    with that step's number, and the boxes follow the list's order."""
    problems = []
    for place, steps, chart, diagram in all_diagrams(handbook):
        nodes, _ = _parse(diagram.source.replace("subgraph", "%%"), raw=True)
        groups = dict(re.findall(r'subgraph (\w+)\["(.*?)"\]', diagram.source))
        labels = {name: label_parts(label) for name, (_shape, label) in nodes.items() if name not in groups}
        labels.update({name: label_parts(label) for name, label in groups.items()})
        listed = [step for step, _, _ in walk_steps(steps or [], ())]
        if chart:
            order = {step["number"]: index for index, step in enumerate(listed)}
            drawn = [node.get("step") for node in chart["nodes"]]
            for node in chart["nodes"]:
                number, text, _ = labels[node["id"]]
                if number != node.get("step") or text != " ".join(node["label"].split()):
                    problems.append(f"{place} box {node['id']}: {number!r} {text[:40]!r}")
            positions = [order[number] for number in drawn if number]
            if positions != sorted(positions):
                problems.append(f"{place}: boxes out of the list's order {drawn}")
            continue
        numbered = {number: text for number, text, _ in labels.values() if number}
        for step in listed:
            wanted = (step.get("decision") or {}).get("question") if not step.get("substeps") else None
            wanted = " ".join((wanted or step.get("label") or step["text"]).split())
            if numbered.get(step["number"]) != wanted:
                problems.append(f"{place} step {step['number']}: box says {numbered.get(step['number'])!r}")
        if set(numbered) != {step["number"] for step in listed}:
            problems.append(f"{place}: numbers {sorted(numbered)} are not the list's")
    assert problems == []


def test_a_box_names_who_is_responsible_for_its_step(handbook):
    """Under the step's text, in a smaller line: the seed's own words (responsible_text),
    else the roles responsible; a diamond stays a bare question."""
    checked, problems = 0, []
    for place, steps, _chart, diagram in all_diagrams(handbook):
        nodes, _ = _parse(diagram.source.replace("subgraph", "%%"), raw=True)
        by_number = {step["number"]: step for step, _, _ in walk_steps(steps or [], ())}
        for name, (shape, label) in nodes.items():
            number, _text, responsible = label_parts(label)
            step = by_number.get(number or "")
            if step is None or step.get("substeps"):
                continue
            wanted = None if shape == "decision" else _responsible_words(step, handbook.roles)
            checked += 1
            if responsible != wanted:
                problems.append(f"{place} {name}: {responsible!r} instead of {wanted!r}")
        assert diagram.responsible == any(label_parts(label)[2] for _shape, label in nodes.values()), place
    assert checked and problems == []


def test_the_legend_names_the_shapes_the_chart_draws(handbook):
    for place, _steps, _chart, diagram in all_diagrams(handbook):
        nodes, _ = _parse(diagram.source.replace("subgraph", "%%"), raw=True)
        drawn = {shape for shape, _label in nodes.values()} | ({"group"} if "subgraph" in diagram.source else set())
        assert diagram.shapes == [shape for shape in flowchart.LEGEND_ORDER if shape in drawn], place
