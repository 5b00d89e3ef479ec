"""The benchmark scripts run outside the test suite, against filled databases; what they
import from the project must still exist when the project moves things around."""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config", "benchmarks"}


def project_imports():
    """Return (script, line, module, name) for each name a benchmark script imports from the
    project, wherever the import stands (module level or inside a function)."""
    found = []
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] in PROJECT:
                    found += [(path.name, node.lineno, node.module, a.name) for a in node.names]
    return found


def test_the_scripts_import_from_the_project():
    assert len(project_imports()) > 10


@pytest.mark.parametrize(
    "script, line, module, name",
    project_imports(),
    ids=lambda value: str(value),
)
def test_each_imported_name_exists(script, line, module, name):
    imported = importlib.import_module(module)
    assert hasattr(imported, name) or importlib.util.find_spec(f"{module}.{name}"), (
        f"benchmarks/{script}:{line} imports {name} from {module}, which has none"
    )
