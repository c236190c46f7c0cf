"""The list of third-party internals we patch (kehoach/patches/__init__.py) is
complete and still true of the installed packages."""
from __future__ import annotations

import ast
from importlib.metadata import version
from pathlib import Path

import pytest

from kehoach.patches import PATCHES, Patch, upstream_sha256
from repoguards import pins

ROOT = Path(__file__).resolve().parents[2]
THIRD_PARTY = ("mkdocs", "material", "mkdocs_macros", "properdocs")


def _pins() -> dict[str, str]:
    """The lock's pins (requirements.txt: what is installed, dependencies of dependencies
    included, as a patched package may be one), by normalised name."""
    return pins(ROOT / "requirements.txt")


def _recheck(patch: Patch) -> str:
    return (f"Re-read {patch.upstream} in {patch.distribution} and re-check {', '.join(patch.ours)} "
            f"({patch.why}); then update its version and sha256 in kehoach/patches/__init__.py.")


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.upstream)
def test_installed_version_is_the_checked_one(patch):
    assert _pins().get(patch.distribution) == patch.version, (
        f"requirements.txt locks {patch.distribution} at {_pins().get(patch.distribution)}, "
        f"but {patch.upstream} was checked against {patch.version}. {_recheck(patch)}")
    assert version(patch.distribution) == patch.version, (
        f"{patch.distribution} {version(patch.distribution)} is installed, "
        f"{patch.upstream} was checked against {patch.version}. {_recheck(patch)}")


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.upstream)
def test_upstream_source_is_the_checked_one(patch):
    assert upstream_sha256(patch) == patch.sha256, f"{patch.upstream} changed upstream. {_recheck(patch)}"


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.upstream)
def test_our_files_exist_and_name_the_list(patch):
    for ours in patch.ours:
        assert (ROOT / ours).is_file(), f"{patch.upstream}: {ours} does not exist"
    code = [ROOT / o for o in patch.ours if o.startswith("kehoach/") and o.endswith(".py")]
    for path in code:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "kehoach/patches/__init__.py" in doc, f"{path.relative_to(ROOT)}: its docstring should say " \
            "that what it patches is listed in kehoach/patches/__init__.py"


def test_every_theme_override_is_listed():
    """Each file of overrides/ that shadows one of Material's (same path in its
    templates) is listed; the site's own assets (overrides/assets/ files that
    Material does not have: our styles and scripts, shared by every plan) are not
    overrides of anything."""
    import material
    theme = Path(material.__file__).parent / "templates"
    listed = {o for p in PATCHES for o in p.ours}
    overrides = [p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("*") if p.is_file()
                 and p.relative_to(ROOT / "overrides").as_posix() != "main.html"]
    shadowing = [o for o in overrides if (theme / o.removeprefix("overrides/")).is_file()]
    ours = set(overrides) - set(shadowing)
    assert all(o.startswith("overrides/assets/") for o in ours), ours
    missing = [o for o in shadowing if o not in listed]
    assert not missing, f"overrides without an entry in kehoach/patches/__init__.py: {missing}"
    upstream = {p.upstream for p in PATCHES}
    for o in shadowing:  # each replaces Material's file of the same name
        assert "material/templates/" + o.removeprefix("overrides/") in upstream, o


def _third_party_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> module, for names imported from MkDocs, Material, mkdocs-macros."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in THIRD_PARTY:
                    names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in THIRD_PARTY:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _rooted_at_self(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "self"


def monkeypatches(path: Path) -> list[tuple[str, str]]:
    """(where, what) for each assignment that patches something not ours:
    - `name.attr = …` where `name` is imported from a third-party package;
    - `obj.attr = f` where `f` is a function defined here (a method replaced on
      an object we were handed), `obj` not rooted at `self`;
    - `setattr(obj, …)` with `obj` not rooted at `self` (our own objects)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = _third_party_names(tree)
    functions = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                    continue
                name = target.value.id
                if name in imported:
                    found.append((f"{path}:{node.lineno}", f"{imported[name]}:{target.attr}"))
                elif name != "self" and (isinstance(node.value, ast.Lambda) or
                                         (isinstance(node.value, ast.Name) and node.value.id in functions)):
                    found.append((f"{path}:{node.lineno}", f"?.{target.attr}"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"
              and node.args and not _rooted_at_self(node.args[0])):
            found.append((f"{path}:{node.lineno}", f"setattr({ast.unparse(node.args[0])}, …)"))
    return found


def _listed(rel: str, what: str) -> bool:
    for patch in PATCHES:
        if rel not in patch.ours or not patch.replaces:
            continue
        module, _, name = patch.replaces.partition(":")
        if what == f"{module}:{name}" or (what.startswith("?.") and name.rsplit(".", 1)[-1] == what[2:]):
            return True
    return False


def test_every_monkeypatch_in_kehoach_is_listed():
    unlisted = []
    for path in sorted((ROOT / "kehoach").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        unlisted += [f"{where}: {what}" for where, what in monkeypatches(path) if not _listed(rel, what)]
    assert not unlisted, ("patches of third-party code not listed (with `replaces`) in "
                          f"kehoach/patches/__init__.py: {unlisted}")


def test_the_scan_finds_the_known_patches():
    """The scan is not blind: it finds the three patches we know of."""
    found = {what for p in ("checks/templates.py", "checks/build.py", "patches/macros_git.py")
             for _, what in monkeypatches(ROOT / "kehoach" / p)}
    assert found == {"?.render", "mkdocs_macros.plugin:format_error", "mkdocs_macros.context:get_git_info"}


def test_the_scan_finds_a_new_patch(tmp_path):
    new = tmp_path / "m.py"
    new.write_text("import mkdocs.utils as u\nfrom material.plugins import search\n"
                   "u.log = None\nsearch.x = 1\nsetattr(u, 'y', 2)\nsetattr(self.el, 'text', 'ok')\n",
                   encoding="utf-8")
    assert [what for _, what in monkeypatches(new)] == [
        "mkdocs.utils:log", "material.plugins.search:x", "setattr(u, …)"]
