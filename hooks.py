"""MkDocs hooks: thin glue from build events to the `kehoach` package."""
from kehoach.hooks import *  # noqa: F401,F403  (MkDocs looks up on_* names here)
