"""The one place where our errors meet the engine (MkDocs, or ProperDocs, which
answers MkDocs' imports).

Everything else in kehoach/ raises a plain `SiteError` (kehoach/core/errors.py)
and imports nothing from MkDocs. MkDocs prints a `PluginError`'s message and
stops with "Aborted with a BuildError!"; any other exception reaches the clerk
as a Python traceback. So every entry point the engine calls turns a SiteError
into one MkDocs knows, with the same message: the dispatcher's events
(kehoach/hooks.py), the macros' registration (macros.py) and the two places
that run inside mkdocs-macros' rendering (kehoach/checks/macro_calls.py,
kehoach/checks/templates.py). What this relies on upstream (how MkDocs treats
a BuildError, the log lines it writes before one) is listed in
kehoach/patches/__init__.py.
"""
from __future__ import annotations

import functools
import logging
import re

from mkdocs.exceptions import PluginError

from kehoach.core.errors import SiteError


class EngineError(SiteError, PluginError):
    """A SiteError as the engine sees it: the same fields, the same message."""


def for_engine(error: SiteError) -> EngineError:
    if isinstance(error, EngineError):
        return error
    return EngineError(error.path, error.line, error.problem_vi, error.problem_en, error.fix_vi, error.fix_en)


def engine_errors(func):
    """Decorate a function the engine calls: a SiteError leaves it as an EngineError."""
    @functools.wraps(func)  # keeps `mkdocs_priority` (event_priority) too
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SiteError as error:
            if isinstance(error, EngineError):
                raise
            raise for_engine(error) from None
    return wrapper


class _DropBareErrorPrefix(logging.Filter):
    """MkDocs logs "Error reading page 'x.md':" (nothing after the colon) just
    before the message of a BuildError such as ours, which names the file
    itself: drop that bare line so the clerk reads one message."""

    _BARE = re.compile(r"^Error (?:reading|building) page '[^']*':$")

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._BARE.match(record.getMessage())


def quiet_mkdocs_prefix() -> None:
    from mkdocs.commands import build  # its logger: "mkdocs.…" (or "properdocs.…" under ProperDocs)

    logger = build.log
    if not any(isinstance(f, _DropBareErrorPrefix) for f in logger.filters):
        logger.addFilter(_DropBareErrorPrefix())
