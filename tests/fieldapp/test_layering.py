"""The domain core stays free of Qt, the UI, sync and HQ: only the CLI (the composition root) may reach up, lazily;
HQ takes from the rest only the core's pure shared modules and the sync protocol."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FORBIDDEN_IN_CORE = ("PySide6", "ui", "sync", "hq")


def _imports(tree: ast.AST, top_level_only: bool):
    """(line, module) of every import; with top_level_only, imports inside functions are skipped."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import | ast.ImportFrom) and not (top_level_only and in_function):
                names = [a.name for a in child.names] if isinstance(child, ast.Import) else [child.module or ""]
                found.extend((child.lineno, name) for name in names)
            visit(child, nested)

    visit(tree, False)
    return found


def violations(package: str, forbidden: tuple[str, ...], allow_lazy_in: str | None = None) -> list[str]:
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        lazy_allowed = allow_lazy_in is not None and relative.startswith(allow_lazy_in)
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8")), top_level_only=lazy_allowed):
            if module.split(".")[0] in forbidden:
                bad.append(f"{relative}:{line} imports {module}")
    return bad


def test_the_domain_core_imports_no_qt_ui_sync_or_hq():
    assert violations("fieldapp", FORBIDDEN_IN_CORE, allow_lazy_in="fieldapp/cli") == []


def test_the_cli_reaches_the_ui_only_inside_the_command_that_opens_it():
    assert violations("fieldapp/cli", FORBIDDEN_IN_CORE, allow_lazy_in="fieldapp/cli") == []
    lazy = [m for p in (ROOT / "fieldapp/cli").rglob("*.py") for _, m in _imports(ast.parse(p.read_text()), False)]
    assert "ui.shell.app" in lazy


def test_sync_and_hq_never_import_qt_or_the_ui():
    assert violations("sync", ("PySide6", "ui")) == []
    assert violations("hq", ("PySide6", "ui")) == []


def test_the_check_itself_catches_a_forbidden_import(tmp_path):
    tree = ast.parse("import os\nfrom PySide6.QtWidgets import QWidget\ndef f():\n    import ui.shell.app\n")
    assert [m for _, m in _imports(tree, top_level_only=False)] == ["os", "PySide6.QtWidgets", "ui.shell.app"]
    assert [m for _, m in _imports(tree, top_level_only=True)] == ["os", "PySide6.QtWidgets"]


# What HQ may take from the rest of the tree: the core's pure shared modules (and its version), and the protocol.
HQ_MAY_IMPORT = {
    "fieldapp.__version__",
    "fieldapp.merge",
    "fieldapp.clock",
    "fieldapp.ids",
    "fieldapp.keystore",  # HQ's recovery key pair and the one-time code from a laptop's sealed secret
    "fieldapp.record_shapes",
    "fieldapp.figure_rules",  # what the figures mean (size bands, flags, masking), as the laptop's reports use them
    "fieldapp.geo",  # HCP codes and names of regions, provinces and communes (data only)
    "sync.protocol",
}


def _hq_reaches(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module or module.name) of every import of fieldapp or sync in one HQ module, lazy ones included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] in ("fieldapp", "sync")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("fieldapp", "sync"):
            if node.module in ("fieldapp", "sync"):
                found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def hq_violations() -> list[str]:
    bad = []
    for path in sorted((ROOT / "hq").rglob("*.py")):
        for line, module in _hq_reaches(ast.parse(path.read_text(encoding="utf-8"))):
            if module not in HQ_MAY_IMPORT:
                bad.append(f"{path.relative_to(ROOT).as_posix()}:{line} imports {module}")
    return bad


def test_hq_takes_from_the_core_only_its_pure_shared_modules_and_from_sync_only_the_protocol():
    assert hq_violations() == []


def test_the_hq_check_catches_a_service_or_the_sync_client():
    tree = ast.parse("from fieldapp.services import households\nfrom sync import engine\nfrom fieldapp import merge\n")
    assert _hq_reaches(tree) == [(1, "fieldapp.services"), (2, "sync.engine"), (3, "fieldapp.merge")]
