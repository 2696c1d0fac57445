"""docs/architecture.svg is drawn from the imports in the source and kept true."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "architecture_diagram", ROOT / "scripts" / "architecture_diagram.py"
)
diagram = importlib.util.module_from_spec(_spec)
sys.modules["architecture_diagram"] = diagram
_spec.loader.exec_module(diagram)


def test_the_picture_in_the_docs_matches_the_imports_in_the_code():
    assert diagram.main(["--check"]) == 0, (
        "docs/architecture.svg is stale: run "
        ".venv/bin/python scripts/architecture_diagram.py and commit it"
    )


def test_the_picture_shows_the_one_way_arrows():
    edges = diagram.app_edges()

    assert ("shop", "core") in edges
    assert ("sets", "shop") in edges and ("crosssell", "shop") in edges
    assert not {edge for edge in edges if edge[1] == "demo"}
    assert ("core", "shop") not in edges
    assert ("sets", "crosssell") not in edges and ("crosssell", "sets") not in edges


def test_a_new_edge_would_be_drawn():
    drawn = diagram.render({("shop", "core"), ("crosssell", "sets")})

    assert drawn.count("marker-end=") == 2
