"""Draw docs/architecture.svg: our apps and the imports that really run between them.

    .venv/bin/python scripts/architecture_diagram.py          # rewrite the picture
    .venv/bin/python scripts/architecture_diagram.py --check  # exit 1 if it is stale

The edges are read from the source by the same walker as the import rules
(tests/test_import_rules.py), so the picture cannot drift from the code: the suite
runs ``--check``. An arrow goes from the importing app to the imported one; an app
that does not exist yet (``rewards`` until it is built) is drawn dashed.
"""

from __future__ import annotations

import importlib.util
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "architecture.svg"

_spec = importlib.util.spec_from_file_location(
    "import_rules", ROOT / "tests" / "test_import_rules.py"
)
rules = importlib.util.module_from_spec(_spec)
sys.modules["import_rules"] = rules
_spec.loader.exec_module(rules)

# Rows from the top (depends on everything) to the bottom (depends on nothing).
LAYOUT = {
    "demo": (1, 0),
    "rewards": (1, 1),
    "sets": (0, 2),
    "crosssell": (2, 2),
    "shop": (1, 3),
    "core": (1, 4),
}
ROLE = {
    "demo": "seed_demo, drawn pictures",
    "rewards": "points, contests, commissions",
    "sets": "boards, editor, sharing",
    "crosssell": "co-purchase, notes, panels",
    "shop": "catalog, cart, checkout, orders",
    "core": "limiter, queue, panels, http",
}
BOX_W, BOX_H, COL_W, ROW_H, MARGIN = 210, 56, 250, 100, 30


def app_edges() -> set[tuple[str, str]]:
    edges = set()
    for found in rules.collect_imports():
        source, target = rules.app_of(found.source), rules.app_of(found.target)
        if source != target and source in LAYOUT and target in LAYOUT:
            edges.add((source, target))
    return edges


def _centre(app: str) -> tuple[float, float]:
    column, row = LAYOUT[app]
    return MARGIN + column * COL_W + BOX_W / 2, MARGIN + row * ROW_H + BOX_H / 2


def _edge_path(source: str, target: str) -> str:
    """From the bottom of ``source`` to the top of ``target``; an edge that skips a
    row bends out to the side so it does not cross the box between."""
    (x1, y1), (x2, y2) = _centre(source), _centre(target)
    y1, y2 = y1 + BOX_H / 2, y2 - BOX_H / 2 - 2
    # Arrive spread over the target's top edge, by where the edge comes from.
    x2 += max(-BOX_W / 3, min(BOX_W / 3, (x1 - x2) * 0.3))
    x1 += max(-BOX_W / 3, min(BOX_W / 3, (x2 - x1) * 0.3))
    skipped = LAYOUT[target][1] - LAYOUT[source][1] > 1
    if not skipped:
        return f"M{x1:.0f},{y1:.0f} L{x2:.0f},{y2:.0f}"
    side = -1 if LAYOUT[source][0] + LAYOUT[target][0] <= 2 else 1
    bend = x1 + side * (BOX_W * 1.4) if x1 == x2 else (x1 + x2) / 2 + side * 60
    mid_y = (y1 + y2) / 2
    return f"M{x1:.0f},{y1:.0f} Q{bend:.0f},{mid_y:.0f} {x2:.0f},{y2:.0f}"


def render(edges: set[tuple[str, str]]) -> str:
    width = MARGIN * 2 + 2 * COL_W + BOX_W
    height = MARGIN * 2 + 4 * ROW_H + BOX_H + 56
    existing = {app for app in LAYOUT if (ROOT / app / "__init__.py").exists()}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif">',
        "<title>Because: apps and the imports between them</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    for source, target in sorted(edges):
        parts.append(
            f'<path d="{_edge_path(source, target)}" fill="none" stroke="#555" '
            'stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    for app, (column, row) in LAYOUT.items():
        x, y = MARGIN + column * COL_W, MARGIN + row * ROW_H
        dashed = "" if app in existing else ' stroke-dasharray="6 4"'
        fill = "#fbf3ee" if app in existing else "#fff"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="10" '
            f'fill="{fill}" stroke="#b5532a" stroke-width="1.5"{dashed}/>'
        )
        label = app if app in existing else f"{app} (not built yet)"
        parts.append(
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 24}" text-anchor="middle" '
            f'font-size="16" font-weight="bold" fill="#222">{escape(label)}</text>'
        )
        parts.append(
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 43}" text-anchor="middle" '
            f'font-size="12" fill="#555">{escape(ROLE[app])}</text>'
        )
    for offset, line in enumerate(
        (
            "An arrow: the app imports the one it points to, read from the source",
            "by scripts/architecture_diagram.py. config (settings, urls) sits above",
            "every app but demo; nothing imports demo.",
        )
    ):
        parts.append(
            f'<text x="{MARGIN}" y="{height - 44 + offset * 16}" font-size="12" '
            f'fill="#555">{escape(line)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    drawn = render(app_edges())
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text() != drawn:
            print(f"{OUT.relative_to(ROOT)} is stale: run {Path(__file__).name}")
            return 1
        return 0
    OUT.write_text(drawn)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
