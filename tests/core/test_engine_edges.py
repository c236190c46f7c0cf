"""Engine glue only at the edges: models, HTML passes, checks and the Markdown
extension import nothing from MkDocs, directly or through another module of
ours, at the top of a file or inside a function (a lazy import); a SiteError
leaves an entry point as an error MkDocs prints without a traceback."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kehoach.core.errors import SiteError
from kehoach.engine import EngineError, engine_errors
from siteutil import ROOT

PACKAGE = ROOT / "kehoach"
ENGINES = ("mkdocs", "material", "mkdocs_macros", "properdocs")
# Where the engine calls us (or we patch it): the only modules that may import it.
# Each feature's build.py is glue too; checks/build.py is the checks' only glue.
GLUE = {"kehoach.hooks", "kehoach.engine", "kehoach.macros", "kehoach.patches", "kehoach.patches.macros_git",
        "kehoach.patches.plan_configs"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, wherever in the file: at its top, inside a
    function or a class (ast.walk visits every node), or by name through
    importlib.import_module("…") / __import__("…")."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ast.unparse(node.func) in ("importlib.import_module", "import_module", "__import__")):
            found.add(node.args[0].value)
    return found


MODULES = {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _reaches_engine(name: str, seen: set[str]) -> list[str] | None:
    """The chain of our modules from `name` to an engine import, if any."""
    if name in seen:
        return None
    seen.add(name)
    for imported in sorted(MODULES.get(name, ())):
        if imported.split(".")[0] in ENGINES:
            return [name, imported]
        if imported in GLUE and any(i.split(".")[0] in ENGINES for i in MODULES[imported]):
            return [name, imported]  # glue that imports the engine (engine.py: PluginError)
        if imported in MODULES and imported not in GLUE and not imported.endswith(".build"):
            chain = _reaches_engine(imported, seen)
            if chain:
                return [name, *chain]
    return None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n not in GLUE and not n.endswith(".build")))
def test_models_and_html_import_nothing_from_the_engine(name):
    chain = _reaches_engine(name, set())
    assert chain is None, " -> ".join(chain)


def test_a_lazy_import_is_seen(tmp_path):
    """The scan is not blind to an import inside a function, the way the
    checks once reached MkDocs and mkdocs-macros."""
    module = tmp_path / "lazy.py"
    module.write_text("import logging\n\n"
                      "def install():\n"
                      "    from mkdocs.structure import pages\n"
                      "    import mkdocs_macros.plugin as plugin_module\n"
                      "    return importlib.import_module('material.plugins.search.plugin')\n", encoding="utf-8")
    assert {"mkdocs.structure", "mkdocs_macros.plugin", "material.plugins.search.plugin"} <= _imports(module)


def test_the_checks_glue_is_their_build_file_only():
    checks = {n for n in MODULES if n.startswith("kehoach.checks.")}
    assert "kehoach.checks.links" in checks and "kehoach.checks.macro_calls" in checks
    engine_bound = sorted(n for n in checks if n != "kehoach.checks.build" and _reaches_engine(n, set()))
    assert engine_bound == []


def test_the_feature_folders_have_their_build_files_as_the_only_engine_glue():
    builds = {n for n in MODULES if n.endswith(".build")}
    assert {"kehoach.checks.build", "kehoach.register.build", "kehoach.exports.build", "kehoach.readers.build",
            "kehoach.search.build", "kehoach.plan.build", "kehoach.abbreviations.build"} <= builds


def test_a_site_error_leaves_an_entry_point_as_an_error_mkdocs_prints():
    @engine_errors
    def event():
        raise SiteError("docs/index.md", 3, "Sai.", "Wrong.", "sửa.", "fix it.")

    with pytest.raises(PluginError) as caught:
        event()
    assert isinstance(caught.value, EngineError) and isinstance(caught.value, SiteError)
    assert str(caught.value) == str(SiteError("docs/index.md", 3, "Sai.", "Wrong.", "sửa.", "fix it."))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_other_exceptions_pass_unchanged():
    @engine_errors
    def event():
        raise KeyError("x")

    with pytest.raises(KeyError):
        event()
