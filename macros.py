"""mkdocs-macros entry point: registers the site's macros, nothing more.

The logic lives in the `kehoach` package; see kehoach/macros.py. What a page
may write in Jinja (only calls of these macros) is enforced by
kehoach/checks/templates.py, installed from kehoach/hooks.py.
"""
from kehoach.engine import engine_errors
from kehoach.hooks import dispatcher
from kehoach.macros import register


@engine_errors
def define_env(env):
    register(env, lambda: dispatcher.state_for(env.conf))  # the state of this build, made now if need be
