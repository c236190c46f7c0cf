"""mkdocs-macros entry point: registers the site's macros, nothing more.

The logic lives in the `kehoach` package; see kehoach/macros.py.
"""
from kehoach.macros import register


def define_env(env):
    register(env)
