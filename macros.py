"""mkdocs-macros entry point: registers the site's macros, nothing more.

The logic lives in the `kehoach` package; see kehoach/macros.py.
"""
from kehoach.macros import register, restore_meta, skip_pages_without_jinja


def define_env(env):
    register(env)


def on_pre_page_macros(env):
    skip_pages_without_jinja(env)


def on_post_page_macros(env):
    restore_meta(env)
