"""The benchmark scripts run outside the test suite, against filled databases; what they
import from the project must still exist when the project moves things around."""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# `tests`: benchmarks/concurrency.py writes the files it uploads with tests/spreadsheets.py.
PROJECT = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config", "benchmarks", "tests"}


def imports_in(source: str, script: str):
    """Return (script, line, module, name) for each name the Python `source` of `script`
    imports from the project, wherever the import stands (module level or inside a
    function): `from module import name`; `import module` gives a name of None."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in PROJECT:
                found += [(script, node.lineno, node.module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (script, node.lineno, a.name, None)
                for a in node.names
                if a.name.split(".")[0] in PROJECT
            ]
    return found


def project_imports():
    """Return imports_in() of every benchmark script."""
    return [
        found
        for path in sorted((ROOT / "benchmarks").glob("*.py"))
        for found in imports_in(path.read_text(encoding="utf-8"), path.name)
    ]


def missing(imports):
    """Return a line for each of `imports` (as imports_in() gives them) that would fail: a
    module that is not there, or a name its module has not (neither a variable, a function,
    a class… nor, in a package, a module)."""
    lines = []
    for script, line, module, name in imports:
        where = f"benchmarks/{script}:{line}"
        try:
            imported = importlib.import_module(module)
        except ModuleNotFoundError as error:
            # The module itself (or its package) is missing, not a library it imports.
            if error.name is None or not f"{module}.".startswith(f"{error.name}."):
                raise
            lines.append(f"{where} imports {module}, which does not exist")
            continue
        if name is None or hasattr(imported, name):
            continue
        # Only a package has modules: find_spec() of a name in a plain module (org.models)
        # raises ModuleNotFoundError rather than returning None.
        if hasattr(imported, "__path__") and importlib.util.find_spec(f"{module}.{name}"):
            continue
        lines.append(f"{where} imports {name} from {module}, which has none")
    return lines


def test_the_scripts_import_from_the_project():
    assert len(project_imports()) > 10


@pytest.mark.parametrize(
    "script, line, module, name",
    project_imports(),
    ids=lambda value: str(value),
)
def test_each_imported_name_exists(script, line, module, name):
    assert missing([(script, line, module, name)]) == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("from org.models import Unit", None),
        ("from org import models", None),  # a module of a package
        ("import org.models", None),
        ("import org.models as m, org", None),
        ("import json\nfrom django.db import models", None),  # not the project's
        ("from .floor import engine_totals", None),  # relative: not checked
        (
            "from org.models import NoSuchName",  # org.models is a module, not a package
            "benchmarks/made_up.py:1 imports NoSuchName from org.models, which has none",
        ),
        (
            "from org import no_such_module",
            "benchmarks/made_up.py:1 imports no_such_module from org, which has none",
        ),
        (
            "def f():\n    import org.no_such_module",
            "benchmarks/made_up.py:2 imports org.no_such_module, which does not exist",
        ),
        (
            "from org.no_such_module import Unit",
            "benchmarks/made_up.py:1 imports org.no_such_module, which does not exist",
        ),
    ],
)
def test_a_missing_module_or_name_is_reported(source, message):
    assert missing(imports_in(source, "made_up.py")) == ([message] if message else [])
