"""The layers of docs/ARCHITECTURE.md, held by the code: no import runs against the arrows.

Every module of every app (migrations included, imports inside functions included) is read as a syntax
tree; an app may import only apps of a lower layer. Apps of one layer are siblings and do not import each
other. Settings strings (MEMBER_PANELS, middleware paths) are not imports: they are how a lower app lets a
higher one plug in (unions/panels.py), so they are allowed by design.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top; docs/ARCHITECTURE.md draws the same order.
LAYERS = [
    ("core",),  # model-free helpers: Excel, paging, forms, text folding, template tags, the import pipeline
    ("audit", "jobs", "notifications"),  # cross-cutting services every domain app may call
    ("unions",),  # the organisation tree, members, accounts and roles, the access module
    ("documents",),  # drafted documents: templates per organisation and kind, the .docx and PDF renderer
    ("campaigns",),
    ("awards",),
    ("reports",),
    ("privacy",),  # the data subject's rights over the personal data that every app below keeps
    ("api",),  # the REST API: the domain apps' selectors and services for other systems, behind personal tokens
    ("emulation",),  # the project shell: settings, urls, Celery, middleware, health, home
]
LAYER_OF = {app: index for index, layer in enumerate(LAYERS) for app in layer}

# (importing module, imported module) pairs allowed against the arrows, each with its reason.
EXCEPTIONS = {
    ("audit.views", "unions.access"): (
        "the audit log page is scoped like every page, and unions/access.py is the one place that knows "
        "reach (DESIGN.md §2). Only the log's pages need it; the log itself (model, record service) stays "
        "below unions so that every domain service can write it."
    ),
    ("audit.forms", "unions.access"): "the log's filter lists only organisations within reach: as audit.views.",
    ("audit.selectors", "unions.access"): "the log's rows are narrowed to the reader's subtree: as audit.views.",
    ("jobs.views", "audit.decorators"): (
        "a list export written in the background holds personal data: handing its file out is audited like "
        "any export (jobs/exports.py). Only the download page needs it; jobs and audit stay side by side."
    ),
}

# Folders of the repository that are not apps and that no app may import.
NOT_APPS = ("tests", "benchmarks")


def _modules(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports(module, path):
    """(imported name, line) of every import, relative ones resolved against `module`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + [node.module] if node.module else base)
            else:
                target = node.module
            # `from unions import access` names the module unions.access: exceptions are per module.
            for alias in node.names:
                yield f"{target}.{alias.name}", node.lineno


def _first_party(name):
    top = name.split(".")[0]
    return top if top in LAYER_OF or top in NOT_APPS else None


def _violations():
    found, used = [], set()
    for app in LAYER_OF:
        for module, path in _modules(app):
            for imported, line in _imports(module, path):
                target = _first_party(imported)
                if target is None or target == app:
                    continue
                allowed = target in LAYER_OF and LAYER_OF[target] < LAYER_OF[app]
                if allowed:
                    continue
                exception = next(
                    (
                        key
                        for key in EXCEPTIONS
                        if key[0] == module and (imported == key[1] or imported.startswith(key[1] + "."))
                    ),
                    None,
                )
                if exception:
                    used.add(exception)
                    continue
                found.append(f"{path.relative_to(ROOT)}:{line} {app} imports {imported}")
    return found, used


def test_every_project_app_has_a_layer():
    """A new app is placed in the layers (here and in docs/ARCHITECTURE.md) before it can ship."""
    ours = {config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()}
    assert ours == set(LAYER_OF), "place the app in LAYERS and in docs/ARCHITECTURE.md"
    assert set(settings.INSTALLED_APPS) >= set(LAYER_OF)


def test_no_import_runs_against_the_arrows():
    found, _ = _violations()
    assert not found, "imports against the layers (see docs/ARCHITECTURE.md):\n" + "\n".join(found)


def test_every_exception_is_still_needed():
    """An exception no longer used is removed, so the list stays the truth."""
    _, used = _violations()
    assert set(EXCEPTIONS) == used


def test_the_shared_app_holds_no_models():
    assert list(apps.get_app_config("core").get_models()) == []


@pytest.mark.parametrize("document", ["README.md", "docs/ARCHITECTURE.md"])
def test_the_developer_maps_name_every_app(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    missing = [app for app in LAYER_OF if f"`{app}/`" not in text]
    assert not missing, f"{document} does not describe {missing}"


def test_the_check_sees_a_wrong_import(tmp_path, monkeypatch):
    """The walk finds an import against the arrows (a lower app importing a higher one, even inside a function)."""
    app = tmp_path / "unions"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "late.py").write_text("def f():\n    from awards.models import Award\n    return Award\n")
    (app / "fine.py").write_text("from core import xlsx\nfrom .models import Member\n")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "paging.py").write_text("from unions.models import Member\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    found, _ = _violations()
    assert sorted(found) == [
        "core/paging.py:1 core imports unions.models.Member",
        "unions/late.py:2 unions imports awards.models.Award",
    ]
