"""Mermaid flowcharts for processes, following the legend the manuals print:
○ start/end (rounded terminals), □ activity (boxes), ◇ decision (diamonds), ⇄ flow.

Every box that draws a step starts with the step's number as the step list writes
it (3.1), so that a box and its step are found from each other; a second line in a
smaller font says who is responsible (the seed's own words where it prints them,
else the roles' names); a diamond stays a bare question. Labels are never cut: a box holds the step's whole text (or
the short `label` an editor gave it).

Labels come from YAML and are text: every character outside a small safe set is
written as a Mermaid entity code (#35; for #), so brackets, quotes, colons,
semicolons, `end`, HTML or Markdown can never change the diagram's syntax or
inject markup. The only markup in a label is written here, around those entities:
the number in bold, the line break and the smaller line of who is responsible.
This is the one module that writes markup-like text outside the templates. Node
ids are generated, never taken from content.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import walk_steps

START_LABEL = "เริ่มต้น"
END_LABEL = "สิ้นสุด"
DEFAULT_PASS = "ผ่าน"
DEFAULT_FAIL = "ไม่ผ่าน"

_SHAPES = {
    "terminal": ('(["', '"])'),
    "rounded": ('("', '")'),
    "activity": ('["', '"]'),
    "decision": ('{"', '"}'),
}
# What a chart can draw, in the order its legend lists them ("group": sub-steps boxed together).
LEGEND_ORDER = ("terminal", "rounded", "activity", "decision", "group")


def _is_safe(ch: str) -> bool:
    return ("\u0e00" <= ch <= "\u0e7f") or (ch.isascii() and (ch.isalnum() or ch in " .,-/"))


def mermaid_text(text: str) -> str:
    """Text made safe inside a quoted Mermaid label."""
    text = " ".join(str(text).split())
    return "".join(ch if _is_safe(ch) else f"#{ord(ch)};" for ch in text)


def box_label(text: str, number: str | None = None, responsible: str | None = None) -> str:
    """A box's label as Mermaid reads it: the step's number in bold, its text, and who
    is responsible on a second, smaller line; every piece of text made entities."""
    label = mermaid_text(text)
    if number:
        label = f"<b>{mermaid_text(number)}</b> {label}"
    if responsible:
        label += f"<br><small>{mermaid_text(responsible)}</small>"
    return label


@dataclass
class Diagram:
    """A chart's Mermaid source and what its legend needs to say."""

    source: str
    shapes: list  # the kinds of box it draws (LEGEND_ORDER), for the legend
    responsible: bool  # whether boxes name who is responsible (the second line)


@dataclass
class Chart:
    """A flowchart being assembled: nodes, edges, groups; rendered once at the end.
    Labels are markup made by box_label (entities and the few tags it writes)."""

    nodes: list = field(default_factory=list)  # (id, shape, label)
    edges: list = field(default_factory=list)  # (from, to, label|None)
    groups: list = field(default_factory=list)  # (id, label, [node ids])
    responsible: bool = False

    def node(self, node_id: str, shape: str, label: str) -> str:
        self.nodes.append((node_id, shape, label))
        return node_id

    def edge(self, source: str, target: str, label: str | None = None) -> None:
        self.edges.append((source, target, label))

    def render(self) -> str:
        grouped = {node_id for _, _, ids in self.groups for node_id in ids}
        by_id = {node_id: (shape, label) for node_id, shape, label in self.nodes}
        lines = ["flowchart TD"]

        def node_line(node_id: str, indent: str) -> str:
            shape, label = by_id[node_id]
            opening, closing = _SHAPES[shape]
            return f"{indent}{node_id}{opening}{label}{closing}"

        for node_id, _, _ in self.nodes:
            if node_id not in grouped:
                lines.append(node_line(node_id, "    "))
        for group_id, label, ids in self.groups:
            lines.append(f'    subgraph {group_id}["{label}"]')
            lines.append("        direction TB")
            lines += [node_line(node_id, "        ") for node_id in ids]
            lines.append("    end")
        for source, target, label in self.edges:
            arrow = f' -->|"{mermaid_text(label)}"| ' if label else " --> "
            lines.append(f"    {source}{arrow}{target}")
        return "\n".join(lines) + "\n"

    def diagram(self) -> Diagram:
        used = {shape for _, shape, _ in self.nodes} | ({"group"} if self.groups else set())
        return Diagram(self.render(), [shape for shape in LEGEND_ORDER if shape in used], self.responsible)


class Responsible:
    """Who is responsible for a step, as a box's second line: the words the seed prints
    (`responsible_text`), else the names of the roles (their abbreviation if they have one)."""

    def __init__(self, roles: dict | None):
        self.roles = roles or {}

    def __call__(self, step: dict) -> str | None:
        if step.get("responsible_text"):
            return step["responsible_text"]
        names = [self.roles[role].get("abbreviation") or self.roles[role]["name"]
                 for role in step.get("responsible", []) if role in self.roles]
        return ", ".join(names) or None


def _node_id(number: str) -> str:
    return "s" + number.replace(".", "_")


def from_steps(steps: list, roles: dict | None = None) -> Diagram:
    """A chart generated from a step list: start → steps (sub-steps grouped) → end.
    `roles`: roles.yaml by id, for the names of who is responsible."""
    chart = Chart()
    responsible_of = Responsible(roles)
    first_of: dict[str, str] = {}  # step number -> first node drawn for it (retry target)
    chain: list[tuple[str, dict]] = []  # (node id, step) in reading order, decisions included

    def draw(step_list, depth=0):
        for step in step_list:
            number = step["number"]
            text = step.get("label") or step["text"]
            substeps = step.get("substeps") or []
            if substeps:
                before = len(chart.nodes)
                draw(substeps, depth + 1)
                ids = [n for n, _, _ in chart.nodes[before:]]
                # One subgraph per top-most step with sub-steps; deeper levels stay flat inside it.
                chart.groups[:] = [g for g in chart.groups if not set(g[2]) & set(ids)]
                chart.groups.append((f"g{_node_id(number)}", box_label(text, number), ids))
                first_of[number] = ids[0]
            else:
                shape = "decision" if "decision" in step else "activity"
                if shape == "decision" and step["decision"].get("question"):
                    text = step["decision"]["question"]
                # A diamond stays a question: a second line would make it twice as large.
                responsible = responsible_of(step) if shape != "decision" else None
                chart.responsible |= bool(responsible)
                node = chart.node(_node_id(number), shape, box_label(text, number, responsible))
                first_of[number] = node
                chain.append((node, step))

    start = chart.node("start", "terminal", box_label(START_LABEL))
    draw(steps)
    finish = chart.node("finish", "terminal", box_label(END_LABEL))
    previous, pending_label = start, None
    for node, step in chain:
        before = previous
        chart.edge(previous, node, pending_label)
        previous, pending_label = node, None
        decision = step.get("decision")
        if decision is not None:
            pending_label = decision.get("pass") or DEFAULT_PASS
            fail = decision.get("fail") or DEFAULT_FAIL
            # Without `retry` the fail branch goes back to the step before the check.
            back_to = first_of.get(decision.get("retry") or "") or (before if before != start else node)
            if decision.get("improve"):
                improve = chart.node(node + "_improve", "activity", box_label(decision["improve"]))
                chart.edge(node, improve, fail)
                chart.edge(improve, back_to)
            else:
                chart.edge(node, back_to, fail)
    chart.edge(previous, finish, pending_label)
    return chart.diagram()


def from_nodes(nodes: list, steps: list | None = None, roles: dict | None = None) -> Diagram:
    """A chart the seed prints, drawn as printed (ids are prefixed so `end` etc. are
    harmless); a box that draws a step (`step`) starts with the step's number and
    says who is responsible for it."""
    chart = Chart()
    responsible_of = Responsible(roles)
    by_number = {step["number"]: step for step, _, _ in walk_steps(steps or [], ())}
    for node in nodes:
        step = by_number.get(node.get("step") or "")
        responsible = responsible_of(step) if step and node["shape"] != "decision" else None
        chart.responsible |= bool(responsible)
        chart.node("n_" + node["id"], node["shape"], box_label(node["label"], node.get("step"), responsible))
    for node in nodes:
        for target in node.get("to", []):
            if isinstance(target, str):
                chart.edge("n_" + node["id"], "n_" + target)
            else:
                chart.edge("n_" + node["id"], "n_" + target["node"], target.get("label"))
    return chart.diagram()


def for_steps_or_chart(steps: list | None, chart: dict | None, roles: dict | None = None) -> Diagram | None:
    if chart:
        return from_nodes(chart["nodes"], steps, roles)
    if steps:
        return from_steps(steps, roles)
    return None
