"""Imports the build never needs, made lazy: `requests`, `hjson`, `dateutil.parser`.

mkdocs-macros imports `requests` when its plugin module loads (mkdocs_macros/
util.py, for `is_on_pypi`, which checks a pluglet's name on PyPI over the
network; our build never calls it, and a build must reach no network). That
import alone is about 0.045 s of CPU in every build process, some 3 % of a
plain MkDocs + Material build of one plan (issue 26 point 5). Likewise `hjson`
(about 0.004 s): super_collections, which mkdocs-macros uses for its
variables, imports it for `to_hjson` (its `str()` of a collection), which no
build of ours calls. `defer` puts a
module in `sys.modules` whose code runs on its first attribute access, so the plugin's `import requests` costs nothing
until something really uses it, and then it works as usual.

When: this module is imported by kehoach/__init__.py, and MkDocs imports our
package while it parses mkdocs-plan.yml (the `!!python/name:` tag of the toc's
`slugify`), before it loads any plugin. Were that order to change, `requests`
would simply be imported eagerly again: slower, nothing else. The upstream
lines this relies on are listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types

DEFERRED = ("requests", "hjson", "dateutil.parser")
# Functions a plugin imports by name (`from module import name`) as it loads: a
# stand-in function is handed over instead, which runs the module when called.
# mkdocs_macros/context.py imports dateutil.parser's `parse` for its git
# variables, which kehoach/patches/macros_git.py leaves empty (about 0.005 s).
DEFERRED_FUNCTIONS = {"dateutil.parser": ("parse",)}


class _Deferred(types.ModuleType):
    """Stands in `sys.modules` for a module not run yet. Its `__spec__` is set, so
    an `import` of it finds it there without running it (importlib's LazyLoader
    runs the module on that very check in Python 3.11); any other attribute runs
    the real module, which then takes this one's place and lends it its names
    (a function of DEFERRED_FUNCTIONS: a stand-in that does so when called)."""

    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self and attr in DEFERRED_FUNCTIONS.get(self.__name__, ()):
            def stand_in(*args, **kwargs):
                return getattr(self.real(), attr)(*args, **kwargs)
            stand_in.__name__ = stand_in.__qualname__ = attr
            return stand_in
        return getattr(self.real(), attr)

    def real(self) -> types.ModuleType:
        """The module itself, run now if it has not run yet."""
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            self.__dict__.update({k: v for k, v in vars(real).items() if k != "__class__"})
        return sys.modules[self.__name__]


def defer(name: str) -> None:
    """Make `name` a module that runs on first use, unless it is imported already or absent."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    stand_in = _Deferred(name)
    stand_in.__spec__ = spec
    stand_in.__loader__ = spec.loader
    if spec.submodule_search_locations is not None:  # a package: `from package import name` asks for it
        stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = stand_in


for _name in DEFERRED:
    defer(_name)
