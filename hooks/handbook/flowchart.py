"""Mermaid flowcharts for processes, following the legend the manuals print:
○ start/end (rounded terminals), □ activity (boxes), ◇ decision (diamonds), ⇄ flow.

Labels come from YAML and are text: every character outside a small safe set is
written as a Mermaid entity code (#35; for #), so brackets, quotes, colons,
semicolons, `end`, HTML or Markdown can never change the diagram's syntax or
inject markup. Node ids are generated, never taken from content.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import shorten

START_LABEL = "เริ่มต้น"
END_LABEL = "สิ้นสุด"
DEFAULT_PASS = "ผ่าน"
DEFAULT_FAIL = "ไม่ผ่าน"
MAX_LABEL = 90  # characters of step text shown in a box; the page shows it in full

_SHAPES = {
    "terminal": ('(["', '"])'),
    "rounded": ('("', '")'),
    "activity": ('["', '"]'),
    "decision": ('{"', '"}'),
}


def _is_safe(ch: str) -> bool:
    return ("\u0e00" <= ch <= "\u0e7f") or (ch.isascii() and (ch.isalnum() or ch in " .,-/"))


def mermaid_text(text: str) -> str:
    """Text made safe inside a quoted Mermaid label."""
    text = " ".join(str(text).split())
    return "".join(ch if _is_safe(ch) else f"#{ord(ch)};" for ch in text)


@dataclass
class Chart:
    """A flowchart being assembled: nodes, edges, groups; rendered once at the end."""

    nodes: list = field(default_factory=list)  # (id, shape, label)
    edges: list = field(default_factory=list)  # (from, to, label|None)
    groups: list = field(default_factory=list)  # (id, label, [node ids])

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
            return f"{indent}{node_id}{opening}{mermaid_text(label)}{closing}"

        for node_id, _, _ in self.nodes:
            if node_id not in grouped:
                lines.append(node_line(node_id, "    "))
        for group_id, label, ids in self.groups:
            lines.append(f'    subgraph {group_id}["{mermaid_text(label)}"]')
            lines.append("        direction TB")
            lines += [node_line(node_id, "        ") for node_id in ids]
            lines.append("    end")
        for source, target, label in self.edges:
            arrow = f' -->|"{mermaid_text(label)}"| ' if label else " --> "
            lines.append(f"    {source}{arrow}{target}")
        return "\n".join(lines) + "\n"


def _node_id(number: str) -> str:
    return "s" + number.replace(".", "_")


def from_steps(steps: list) -> str:
    """A chart generated from a step list: start → steps (sub-steps grouped) → end."""
    chart = Chart()
    first_of: dict[str, str] = {}  # step number -> first node drawn for it (retry target)
    chain: list[tuple[str, dict]] = []  # (node id, step) in reading order, decisions included

    def draw(step_list, depth=0):
        for step in step_list:
            number = step["number"]
            label = f"{number}. {shorten(step.get('label') or step['text'], MAX_LABEL)}"
            substeps = step.get("substeps") or []
            if substeps:
                before = len(chart.nodes)
                draw(substeps, depth + 1)
                ids = [n for n, _, _ in chart.nodes[before:]]
                # One subgraph per top-most step with sub-steps; deeper levels stay flat inside it.
                chart.groups[:] = [g for g in chart.groups if not set(g[2]) & set(ids)]
                chart.groups.append((f"g{_node_id(number)}", label, ids))
                first_of[number] = ids[0]
            else:
                shape = "decision" if "decision" in step else "activity"
                if shape == "decision" and step["decision"].get("question"):
                    label = f"{number}. {shorten(step['decision']['question'], MAX_LABEL)}"
                node = chart.node(_node_id(number), shape, label)
                first_of[number] = node
                chain.append((node, step))

    start = chart.node("start", "terminal", START_LABEL)
    draw(steps)
    finish = chart.node("finish", "terminal", END_LABEL)
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
                improve = chart.node(node + "_improve", "activity", decision["improve"])
                chart.edge(node, improve, fail)
                chart.edge(improve, back_to)
            else:
                chart.edge(node, back_to, fail)
    chart.edge(previous, finish, pending_label)
    return chart.render()


def from_nodes(nodes: list) -> str:
    """A chart the seed prints, drawn as printed (ids are prefixed so `end` etc. are harmless)."""
    chart = Chart()
    for node in nodes:
        chart.node("n_" + node["id"], node["shape"], node["label"])
    for node in nodes:
        for target in node.get("to", []):
            if isinstance(target, str):
                chart.edge("n_" + node["id"], "n_" + target)
            else:
                chart.edge("n_" + node["id"], "n_" + target["node"], target.get("label"))
    return chart.render()


def for_steps_or_chart(steps: list | None, chart: dict | None) -> str | None:
    if chart:
        return from_nodes(chart["nodes"])
    if steps:
        return from_steps(steps)
    return None
