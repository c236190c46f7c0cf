"""Imports the build never needs, made lazy: `requests`, `hjson`.

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

DEFERRED = ("requests", "hjson")


class _Deferred(types.ModuleType):
    """Stands in `sys.modules` for a module not run yet. Its `__spec__` is set, so
    an `import` of it finds it there without running it (importlib's LazyLoader
    runs the module on that very check in Python 3.11); any other attribute runs
    the real module, which then takes this one's place and lends it its names."""

    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            self.__dict__.update({k: v for k, v in vars(real).items() if k != "__class__"})
        return getattr(sys.modules[self.__name__], attr)


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
    sys.modules[name] = stand_in


for _name in DEFERRED:
    defer(_name)
