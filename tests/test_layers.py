"""The apps stand in layers and every import points down them.

    demo                                 demo and synthetic data: may use everything
    privacy                              a person's requests, anonymisation, retention
    reporting   imports   restore   showcase
                                         rounds and the report | Excel import | restore |
                                         the public showcase
    targets     followup                 the plan as data, the indicator engine, dashboard |
                                         support given and difficulties raised
    training                             training events, participants, Union officers
    cooperatives                         the registry
    org                                  units, users, access scope, shared model bases
    config                               settings, URLs and helpers that import no app

An app imports only apps of lower layers; apps of one layer do not import each other. So no
import runs upwards and none forms a cycle. Migrations and tests are left out: a migration
names other apps' models by label, and tests may use every app.

Templates follow the same rule: a page of an app includes or extends templates, and loads tag
libraries, of its own app, of the apps below it or of the site's shell (templates/ at the top)
— with one deliberate exception, an app above contributing a part to a page below it
(`CONTRIBUTED`).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    {"config"},
    {"org"},
    {"cooperatives"},
    {"training"},
    {"targets", "followup"},
    {"reporting", "imports", "restore", "showcase"},
    {"privacy"},
    {"demo"},
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}


def project_apps(root=ROOT) -> set[str]:
    return {path.parent.name for path in root.glob("*/apps.py")} | {"config"}


def app_imports(root=ROOT):
    """Yield (file, importing app, imported app, line) for every import of another app."""
    apps = project_apps(root)
    for app in sorted(apps):
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    imported = module.split(".")[0]
                    if imported in apps and imported != app:
                        yield path.relative_to(root), app, imported, node.lineno


def test_every_app_has_a_layer():
    assert project_apps() - RANK.keys() == set(), "place each new app in LAYERS"


def test_the_apps_import_each_other():
    # The check below means something only if it sees the imports between apps.
    edges = {(app, imported) for _path, app, imported, _line in app_imports()}
    assert ("cooperatives", "org") in edges
    assert ("reporting", "targets") in edges


def test_no_app_imports_an_app_of_its_own_layer_or_above():
    upward = [
        f"{path}:{line}: {app} imports {imported}"
        for path, app, imported, line in app_imports()
        if RANK[imported] >= RANK[app]
    ]
    assert upward == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from reporting.models import Submission", ["reporting"]),
        ("import training.models", ["training"]),
        ("def f():\n    from demo import synthetic", ["demo"]),
        ("from .models import Unit", []),
    ],
)
def test_imports_are_found_wherever_they_stand(tmp_path, source, expected):
    app = tmp_path / "org"
    app.mkdir()
    (app / "apps.py").write_text("")
    (app / "views.py").write_text(source)
    for name in ("reporting", "training", "demo"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "apps.py").write_text("")
    found = [imported for _path, app, imported, _line in app_imports(tmp_path) if app == "org"]
    assert found == expected


# (app of the page, tag library of an app above it): why the page may load it.
CONTRIBUTED = {
    ("cooperatives", "trainings"): "a person's page shows their training history, from training",
    ("cooperatives", "followup"): "a cooperative's page shows its latest follow-up, from followup",
}
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
TEMPLATE_NAME = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def template_references(root=ROOT):
    """Yield (template, its app, referenced app, what) for each tag library a template of an
    app loads and each template of an app it includes or extends."""
    apps = project_apps(root)
    libraries = {path.stem: path.parent.parent.name for path in root.glob("*/templatetags/*.py")}
    for path in sorted((root / "templates").glob("*/**/*.html")):
        app = path.relative_to(root / "templates").parts[0]
        if app not in apps:
            continue  # the site's shell and the admin's overrides
        text = path.read_text(encoding="utf-8")
        for names in LOAD.findall(text):
            for library in names.split():
                if library in libraries:
                    yield path.relative_to(root), app, libraries[library], library
        for name in TEMPLATE_NAME.findall(text):
            other = name.split("/")[0]
            if other in apps:
                yield path.relative_to(root), app, other, name


def test_the_templates_refer_to_each_other():
    # The check below means something only if it sees the references between apps.
    references = {(app, other) for _path, app, other, _what in template_references()}
    assert ("reporting", "targets") in references


def test_no_template_reaches_an_app_above_its_own():
    upward = [
        f"{path}: {app} uses {what} of {other}"
        for path, app, other, what in template_references()
        if RANK[other] > RANK[app] and (app, what) not in CONTRIBUTED
    ]
    assert upward == []
