"""The dependency rule, read from the source: researchers ← publications ← news ← portal, and no app imports tools.

Every module of the apps is parsed with ast, so an import inside a function counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["researchers", "publications", "news", "portal"]
# What each app may not import: none imports the site, the lower apps know nothing of the higher,
# and nothing shipped imports the measuring tools.
FORBIDDEN = {
    "researchers": {"publications", "news", "portal", "tools"},
    "publications": {"news", "portal", "tools"},
    "news": {"portal", "tools"},
    "portal": {"tools"},
}


def imported_packages(path):
    """The top-level package of every absolute import in the module (relative imports stay inside the app)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            yield node.args[0].value.split(".")[0], node.lineno


def _is_dynamic_import(node):
    """import_module("x.y") and import_string("x.y.z") with a literal name."""
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    return (
        name in {"import_module", "import_string", "__import__"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def violations(app):
    return [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for package, line in imported_packages(path)
        if package in FORBIDDEN[app]
    ]


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_what_the_dependency_rule_forbids(app):
    assert violations(app) == []


def test_the_rule_is_checked_on_every_module_of_the_apps():
    assert all(any((ROOT / app).rglob("*.py")) for app in APPS)
    found = dict(imported_packages(ROOT / "portal" / "urls.py"))
    assert "researchers" in found  # the parser sees absolute imports


def test_an_import_the_rule_forbids_is_found(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("from portal.pages import views\n\ndef late():\n    import tools.bench\n")
    assert [package for package, _ in imported_packages(module)] == ["portal", "tools"]
