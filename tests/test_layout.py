"""No test module imports from another test module.

What tests share lives in modules that are not tests: data-building helpers in factories.py,
the records of a unit in records.py, the table of URLs in url_table.py, Excel and PDF reading in
spreadsheets.py and pdfs.py, a page's change history in history.py, query counting in
queries.py, hostile cell text in hostile_text.py, and fixtures in conftest.py. Importing a test
module would run its module code again under another name, and tie one test file's layout to
another's.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def module_file(name: str, package: Path):
    """Return the file of the module `name` (dotted, absolute; or relative to `package` when
    it starts with dots), or None when it is not a file of the project."""
    if name.startswith("."):
        level = len(name) - len(name.lstrip("."))
        base = package
        for _ in range(level - 1):
            base = base.parent
        parts = [part for part in name[level:].split(".") if part]
    else:
        base, parts = ROOT, name.split(".")
    path = base.joinpath(*parts)
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_files(source: str, package: Path):
    """Yield (line, file) for each project module that the Python `source`, standing in the
    folder `package`, imports: the modules named in `from package import module` included."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            joint = "." if node.module else ""
            names = [module, *(f"{module}{joint}{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            found = module_file(name, package)
            if found:
                yield node.lineno, found


def imports_of_test_modules(path: Path, source: str):
    """Return a line per import of a test module in the file `path`, whose text is `source`."""
    return [
        f"{path.relative_to(ROOT)}:{line} imports {found.relative_to(ROOT)}"
        for line, found in imported_files(source, path.parent)
        if found.name.startswith("test_")
    ]


def test_no_test_module_imports_another():
    # Every Python file of the tests: the test modules, the conftest.py files, and the
    # helper modules too, which test modules import.
    paths = sorted(TESTS.rglob("*.py"))
    sources = {path: path.read_text(encoding="utf-8") for path in paths}
    # The check means something only if it reads the tests and sees their imports.
    assert TESTS / "conftest.py" in paths and Path(__file__).resolve() in paths
    assert len([path for path in paths if path.name.startswith("test_")]) > 40
    imported = {f for path in paths for _line, f in imported_files(sources[path], path.parent)}
    assert TESTS / "factories.py" in imported
    found = [line for path in paths for line in imports_of_test_modules(path, sources[path])]
    assert found == []


@pytest.mark.parametrize(
    "source, caught",
    [
        ("from tests.targets.test_indicators import supported", True),
        ("from .test_indicators import supported", True),
        ("from . import test_indicators", True),
        ("from tests.targets import factories, test_indicators", True),
        ("import tests.targets.test_indicators", True),
        ("from ..targets.test_indicators import supported", True),
        ("from ..test_layout import ROOT", True),
        ("from tests.factories import supported", False),
        ("from .conftest import report_from_another_province", False),
        ("from tests.spreadsheets import xlsx", False),
        ("from reporting import services", False),
        ("import pytest", False),
    ],
)
def test_every_way_of_importing_a_test_module_is_caught(source, caught):
    # As if written in a file of tests/targets/, beside test_indicators.py.
    path = TESTS / "targets" / "test_made_up.py"
    assert bool(imports_of_test_modules(path, source)) == caught
