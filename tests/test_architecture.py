"""The layers import one way, and no module imports itself back through others.

Layers, lowest first (a module may import its own layer and the ones below it):

    claims.types, claims.errors  <  db  <  claims.nlp  <  claims.analysis  <  claims.io  <  claims.services
    <  claims.cli  <  tui

Imports inside functions count too (a lazy import is still a dependency). The one exception is
``claims.cli.review``, which opens the review app and so imports ``tui`` (lazily: see test_cli's
"Textual is never imported" test).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("claims", "db", "tui")
LAYERS = [
    ("claims.types", "claims.errors", "claims.data", "claims"),
    ("db",),
    ("claims.nlp",),
    ("claims.analysis",),
    ("claims.io",),
    ("claims.services",),
    ("claims.cli",),
    ("tui",),
]
ALLOWED_UPWARD = {("claims.cli.review", "tui.app")}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # Alembic's revision scripts are loaded by Alembic, not imported
            found[module_name(path)] = path
    return found


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules that ``path`` imports anywhere in its body (``from a import b`` names ``a.b`` when
    that is a module, else ``a``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
                break
    return found


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} is in no layer: add it to LAYERS in {__file__}"
    return rank


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def test_layers_import_one_way(graph):
    wrong = sorted(
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module) and (module, target) not in ALLOWED_UPWARD
    )
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_circles(graph):
    # Package __init__ modules are left out of the walk's edges into them: importing ``claims.nlp.x`` runs
    # ``claims.nlp/__init__`` first, but that is not a dependency of the importer on the package's contents.
    edges = {m: {t for t in targets if graph.get(t) is not None} for m, targets in graph.items()}
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)


def test_the_check_sees_a_wrong_import(tmp_path):
    """The walk finds lazy imports inside functions (so the layer test can fail)."""
    source = tmp_path / "lazy.py"
    source.write_text("def f():\n    from claims.services.ingest import ingest\n", encoding="utf-8")
    modules = {"claims.services.ingest": Path("x"), "claims.services": Path("y")}
    assert imports_of(source, modules) == {"claims.services.ingest"}
    assert layer_of("claims.services.ingest") > layer_of("claims.nlp.actors")
