"""Logic behind the site of a department's socio-economic plan (the plan itself: data/, docs/).

Each module has one job; `macros.py` and `hooks.py` at the repository root are
thin glue that hand MkDocs events and macro calls to these modules.
"""

from kehoach.patches import lazy_imports as _lazy_imports  # noqa: E402,F401  (before MkDocs loads plugins)
