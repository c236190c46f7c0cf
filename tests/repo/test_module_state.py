"""Nothing a build remembers lives in a module of kehoach/ (issue 16): all of it
is in the BuildState (kehoach/state.py), made anew for each build, or in the
Dispatcher that outlives builds (kehoach/hooks.py).

A module fails this test when it holds mutable state:
- a `global` statement anywhere;
- a module-level name bound to a list, dict or set (literal, comprehension or
  `list()`/`dict()`/`set()`/`defaultdict()`...) that a function changes
  afterwards (in its own module or, through an import, in another): a method
  such as append/add/update/clear, an item or attribute assigned or deleted;
- a module-level object of a class of kehoach/ whose methods assign to `self`;
- a class attribute bound to a list, dict or set that a method changes through
  `self.` or the class (every instance shares it).
Constants are fine: tuples, frozensets, compiled regexes, a dict built once
at import and never changed after; so is memoizing a pure function of its
arguments (functools.lru_cache: the same answer, sooner). What is legitimately needed is allowed
below, with the reason.
"""
from __future__ import annotations

import ast

import pytest

from siteutil import ROOT

PACKAGE = ROOT / "kehoach"

# (module, name) -> why that state may live in a module.
ALLOWED = {
    ("kehoach/hooks.py", "dispatcher"):
        "the one Dispatcher MkDocs calls (hooks.py re-exports its methods as on_*): it outlives builds "
        "and owns what must (the BuildState of the build in progress, the data cache, serve's templates)",
}

MUTATORS = {"append", "extend", "insert", "add", "update", "clear", "pop", "popitem", "remove", "discard",
            "setdefault", "sort", "reverse", "__setitem__", "__delitem__"}
MUTABLE_CALLS = {"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque"}


def _modules() -> dict[str, ast.Module]:
    return {p.relative_to(ROOT).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))}


def _module_name(rel: str) -> str:
    return rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _call_name(node: ast.AST) -> str | None:
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _changing_classes(modules: dict[str, ast.Module]) -> set[str]:
    """Classes of kehoach/ whose methods (other than __init__) assign to self."""
    found = set()
    for tree in modules.values():
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for method in (n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
                if method.name == "__init__":
                    continue
                for node in ast.walk(method):
                    targets = node.targets if isinstance(node, ast.Assign) else \
                        [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
                    if any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                           for t in targets):
                        found.add(cls.name)
    return found


def _mutable(value: ast.AST | None, changing: set[str]) -> bool:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    name = _call_name(value) if isinstance(value, ast.Call) else None
    return name in MUTABLE_CALLS or name in changing


def _module_level_bindings(tree: ast.Module, changing: set[str]) -> dict[str, int]:
    """Module-level names bound to something mutable -> line."""
    out = {}

    def visit(body):
        for node in body:
            if isinstance(node, (ast.If, ast.Try)):
                visit(node.body + node.orelse + getattr(node, "finalbody", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, ast.Assign) and _mutable(node.value, changing):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        out[target.id] = node.lineno
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                    and _mutable(node.value, changing):
                out[node.target.id] = node.lineno

    visit(tree.body)
    return out


def _changed(node: ast.AST) -> ast.AST | None:
    """The expression `node` changes in place, if it changes one."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        return node.func.value
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            if isinstance(target, (ast.Subscript, ast.Attribute)):
                return target.value
    return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    if isinstance(node, ast.Subscript):  # TABLE[key].append(...) changes TABLE's value, not TABLE
        return None
    return None


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it stands for in kehoach: 'kehoach.x' (a module) or 'kehoach.x:NAME'."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("kehoach"):
                    names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kehoach"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}:{alias.name}"
    return names


def _functions(tree: ast.AST):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def _locals(func) -> set[str]:
    """Names a function binds itself (parameters, assignments): they shadow the module's."""
    args = func.args
    bound = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    bound |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    return bound


def module_state(modules: dict[str, ast.Module]) -> dict[tuple[str, str], str]:
    """(module, name) -> what makes it mutable state."""
    changing = _changing_classes(modules)
    by_module = {_module_name(rel): rel for rel in modules}
    candidates = {rel: _module_level_bindings(tree, changing) for rel, tree in modules.items()}
    found: dict[tuple[str, str], str] = {}
    for rel, tree in modules.items():
        for node in tree.body:  # an object whose own methods change it: state however it is reached
            if isinstance(node, ast.Assign) and _call_name(node.value) in changing:
                for target in (t for t in node.targets if isinstance(t, ast.Name)):
                    found[(rel, target.id)] = f"line {node.lineno}, a {_call_name(node.value)} its methods change"
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                for name in node.names:
                    found[(rel, name)] = f"line {node.lineno}: `global {name}`"
        imported = _imports(tree)
        for func in _functions(tree):
            shadowed = _locals(func)
            for node in ast.walk(func):
                target = _changed(node)
                dotted = _dotted(target) if target is not None else None
                if not dotted:
                    continue
                first, *rest = dotted.split(".")
                if first in candidates[rel] and first not in shadowed:
                    found[(rel, first)] = (f"line {candidates[rel][first]}, bound to a mutable value, "
                                           f"changed on line {node.lineno}")
                elif first in imported and first not in shadowed:
                    origin = imported[first]
                    if ":" in origin:  # from kehoach.x import NAME
                        module, name = origin.split(":")
                        if f"{module}.{name}" in by_module and rest:  # from kehoach import data
                            module, name = f"{module}.{name}", rest[0]
                    elif rest:  # import kehoach.x as m; m.NAME.append()
                        module, name = origin, rest[0]
                    else:
                        continue
                    owner = by_module.get(module)
                    if owner and name in candidates[owner]:
                        found[(owner, name)] = (f"line {candidates[owner][name]}, bound to a mutable value, "
                                                f"changed in {rel} line {node.lineno}")
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            shared = {t.id: n.lineno for n in cls.body if isinstance(n, ast.Assign) and _mutable(n.value, set())
                      for t in n.targets if isinstance(t, ast.Name)}
            for func in _functions(cls):
                for node in ast.walk(func):
                    dotted = _dotted(_changed(node)) if _changed(node) is not None else None
                    if dotted and dotted.count(".") == 1:
                        owner, attr = dotted.split(".")
                        if owner in ("self", "cls", cls.name) and attr in shared and not _set_in_init(cls, attr):
                            found[(rel, f"{cls.name}.{attr}")] = (
                                f"line {shared[attr]}, a class attribute every instance shares, "
                                f"changed on line {node.lineno}")
    return found


def _set_in_init(cls: ast.ClassDef, attr: str) -> bool:
    """True when __init__ gives each instance its own `attr` (the class's is then a default)."""
    for method in cls.body:
        if isinstance(method, ast.FunctionDef) and method.name == "__init__":
            for node in ast.walk(method):
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
                        and t.value.id == "self" for t in node.targets):
                    return True
    return False


def test_no_module_of_kehoach_holds_mutable_state():
    found = module_state(_modules())
    unexpected = {key: why for key, why in found.items() if key not in ALLOWED}
    assert not unexpected, "mutable module state (put it in BuildState, kehoach/state.py):\n" + "\n".join(
        f"  {rel}: {name} ({why})" for (rel, name), why in sorted(unexpected.items()))


def test_every_allowed_state_still_exists():
    """An allowance that nothing needs any more is removed, not kept."""
    found = module_state(_modules())
    assert not set(ALLOWED) - set(found), sorted(set(ALLOWED) - set(found))


def _parse(text: str) -> dict[str, ast.Module]:
    return {"kehoach/m.py": ast.parse(text)}


@pytest.mark.parametrize("text", [
    "_cache = {}\ndef get(k):\n    _cache[k] = 1\n",
    "_seen = set()\ndef see(x):\n    _seen.add(x)\n",
    "_project = [None]\ndef use(p):\n    _project[0] = p\n",
    "state = None\ndef reset():\n    global state\n    state = None\n",
    "from collections import defaultdict\n_by = defaultdict(list)\ndef f(k):\n    _by[k].append(1)\n    _by.clear()\n",
    "class Box:\n    def put(self, x):\n        self.x = x\nbox = Box()\ndef f():\n    box.put(1)\n    box.x = 2\n",
    "class Reg:\n    items = []\n    def add(self, x):\n        self.items.append(x)\n",
])
def test_mutable_module_state_is_found(text):
    assert module_state(_parse(text)), text


@pytest.mark.parametrize("text", [
    "import re\nWORD = re.compile('x')\nNAMES = frozenset({'a'})\nPAIRS = (1, 2)\n",
    "TABLE = {'a': 1}\ndef get(k):\n    return TABLE.get(k)\n",
    "TABLE = {}\nfor k in 'ab':\n    TABLE[k] = 1\n",  # built once at import
    "_cache = {}\ndef f(_cache):\n    _cache.clear()\n",  # a parameter of the same name
    "def f():\n    seen = set()\n    seen.add(1)\n",
    "class Reg:\n    items = []\n    def __init__(self):\n        self.items = []\n    def add(self, x):\n"
    "        self.items.append(x)\n",
])
def test_constants_and_local_state_are_fine(text):
    assert not module_state(_parse(text)), text


def test_state_changed_from_another_module_is_found():
    modules = {"kehoach/a.py": ast.parse("_project = [None]\n"),
               "kehoach/b.py": ast.parse("from kehoach import a\ndef use(p):\n    a._project[0] = p\n")}
    assert ("kehoach/a.py", "_project") in module_state(modules)
