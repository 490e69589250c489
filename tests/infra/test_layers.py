"""The apps depend on each other one way: demo on top, imported by none; projects below meetings
and agreements.

Read from the source with ``ast``, without importing it, so an import that only runs in a
function, or under ``if TYPE_CHECKING:``, counts as well. ``importlib.import_module("…")``
with a literal name counts as an import.
"""

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# Every app below the demo. samarbeid/ is the base (settings, outbox, PDF, backup).
APPS_BELOW_DEMO = (
    "accounts",
    "projects",
    "meetings",
    "agreements",
    "archive",
    "notifications",
    "opendata",
    "samarbeid",
)
# The archive package sits on top of meetings and agreements (it reads both): none of the apps
# it reads imports it (samarbeid/urls.py mounts it by name, the group page links it by URL name).
APPS_BELOW_ARCHIVE = (
    "accounts",
    "projects",
    "meetings",
    "agreements",
    "notifications",
    "samarbeid",
)
# Open data sits on top of meetings and projects: no app imports it, the demo neither
# (samarbeid/urls.py mounts it by name, with include("opendata.urls")).
APPS_BELOW_OPENDATA = (*(app for app in APPS_BELOW_DEMO if app != "opendata"), "search", "demo")

# projects is the core domain; meetings and agreements are built on it. An import of either
# that runs when a projects module is loaded ties the core to the apps above it, so there
# must be none. Today there is none: the only one was the demo's meeting loader, which moved
# from projects/demo_meetings/ to demo/meetings/ (issue 18). Keep this set empty.
PROJECTS_MODULE_LEVEL_EXCEPTIONS: set[tuple[str, str]] = set()

# Imports of meetings or agreements inside a function of projects, as they are today
# (issue 18): the permission helpers and two selectors reach up for the other apps' models.
# (file, function, module). This list may only shrink: an entry no longer in the code fails
# the test until it is removed here, and a new place fails until it is written differently.
PROJECTS_FUNCTION_LEVEL_EXCEPTIONS = {
    ("projects/permissions.py", "_joint_meeting_ids", "meetings.models"),
    ("projects/permissions.py", "meetings_for_user", "meetings.models"),
    ("projects/permissions.py", "get_meeting_for_user", "meetings.models"),
    ("projects/permissions.py", "responsible_action_item_ids", "meetings.models"),
    ("projects/permissions.py", "action_items_for_user", "meetings.models"),
    ("projects/permissions.py", "get_action_item_for_user", "meetings.models"),
    ("projects/permissions.py", "updatable_action_item_ids", "meetings.models"),
    ("projects/permissions.py", "agreements_for_user", "agreements.models"),
    ("projects/permissions.py", "get_agreement_for_user", "agreements.models"),
    ("projects/permissions.py", "get_party_to_sign", "agreements.models"),
    ("projects/selectors.py", "people_for_project", "meetings.models"),
    ("projects/selectors.py", "has_public_minutes", "meetings.models"),
}


class Import(NamedTuple):
    path: str  # relative to the checkout, e.g. "projects/permissions.py"
    function: str | None  # the enclosing function ("outer.inner"), None at module level
    module: str  # the absolute module name, e.g. "meetings.models"
    line: int

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        where = f" in {self.function}()" if self.function else " at module level"
        return f"{self.path}:{self.line}{where} imports {self.module}"


def _package(relative: Path) -> list[str]:
    """Where a file's relative imports start: the package it is in (an __init__ is in its own)."""
    parts = list(relative.with_suffix("").parts)
    return parts[:-1]


def _modules(node: ast.AST, package: list[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = package[: len(package) - node.level + 1] if node.level else []
        module = ".".join([*base, *([node.module] if node.module else [])])
        # "from . import x" may import the submodule x.
        return [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return []


def imports_in(path: Path, base: Path = BASE_DIR) -> Iterator[Import]:
    relative = path.relative_to(base)
    package = _package(relative)

    def walk(node: ast.AST, function: str | None) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            for module in _modules(child, package):
                yield Import(str(relative), function, module, child.lineno)
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                name = getattr(child, "name", "<lambda>")
                yield from walk(child, f"{function}.{name}" if function else name)
            else:
                # A class body runs when the module is loaded: still module level.
                yield from walk(child, function)

    yield from walk(ast.parse(path.read_text(), filename=str(relative)), None)


def app_imports(app: str) -> list[Import]:
    files = sorted((BASE_DIR / app).rglob("*.py"))
    assert files, f"no Python files under {app}/"
    return [found for path in files for found in imports_in(path)]


@pytest.mark.parametrize("app", APPS_BELOW_DEMO)
def test_no_app_below_the_demo_imports_it(app):
    offending = [str(found) for found in app_imports(app) if found.top == "demo"]
    assert not offending, "demo/ is on top; nothing below may import it:\n" + "\n".join(offending)


@pytest.mark.parametrize("app", APPS_BELOW_OPENDATA)
def test_no_app_imports_opendata(app):
    offending = [str(found) for found in app_imports(app) if found.top == "opendata"]
    assert not offending, "opendata/ is on top; nothing may import it:\n" + "\n".join(offending)


@pytest.mark.parametrize("app", APPS_BELOW_ARCHIVE)
def test_no_app_below_the_archive_imports_it(app):
    offending = [str(found) for found in app_imports(app) if found.top == "archive"]
    assert not offending, "archive/ is above meetings and agreements:\n" + "\n".join(offending)


def test_projects_does_not_load_meetings_or_agreements():
    upward = [found for found in app_imports("projects") if found.top in ("meetings", "agreements")]
    module_level = [
        str(found)
        for found in upward
        if found.function is None
        and (found.path, found.module) not in PROJECTS_MODULE_LEVEL_EXCEPTIONS
    ]
    assert not module_level, (
        "projects is below meetings and agreements; loading it must not load them:\n"
        + "\n".join(module_level)
    )


def test_projects_reaches_up_only_where_it_did():
    upward = [found for found in app_imports("projects") if found.top in ("meetings", "agreements")]
    places = {(found.path, found.function, found.module) for found in upward if found.function}
    new = sorted(places - PROJECTS_FUNCTION_LEVEL_EXCEPTIONS, key=str)
    assert not new, (
        "projects imports meetings or agreements in a new place; pass the rows in from the "
        "app above, or move the function there:\n" + "\n".join(map(str, new))
    )
    gone = sorted(PROJECTS_FUNCTION_LEVEL_EXCEPTIONS - places, key=str)
    assert not gone, (
        "No longer in the code: remove from PROJECTS_FUNCTION_LEVEL_EXCEPTIONS, so the list "
        "only shrinks:\n" + "\n".join(map(str, gone))
    )


def test_the_walk_sees_every_kind_of_import(tmp_path):
    """The checks above are only as good as the walk: it must find each form of import."""
    source = tmp_path / "projects" / "sub" / "mod.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "import demo.data\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from meetings.models import Meeting\n"
        "class Form:\n"
        "    from agreements import models\n"
        "def outer():\n"
        "    def inner():\n"
        "        from meetings import services\n"
        "    importlib.import_module('demo.sync')\n"
        "from .. import permissions\n"
        "from .sibling import thing\n"
    )
    found = {(i.function, i.module) for i in imports_in(source, base=tmp_path)}
    assert found == {
        (None, "demo.data"),
        (None, "typing"),
        (None, "meetings.models"),
        (None, "agreements"),
        ("outer.inner", "meetings"),
        ("outer", "demo.sync"),
        (None, "projects.permissions"),
        (None, "projects.sub.sibling"),
    }
