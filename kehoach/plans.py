"""Several plans in one site: which plan a page belongs to, and that plan's data.

The site publishes one plan today; an archive publishes many in one build, each
under its own folder: docs/<plan>/... with its data in data/<plan>/*.yml
(e.g. docs/snv-2022/ and data/snv-2022/plan.yml). A page whose first folder
has a data folder of the same name belongs to that plan; every other page
belongs to the site's own plan, whose data is data/*.yml.

Data files are loaded once per plan and build (`reset()` runs on_config).
"""
from __future__ import annotations

from functools import lru_cache

from . import data


@lru_cache(maxsize=None)
def _plan_dir(first_folder: str) -> str:
    return first_folder if first_folder and (data.DATA_DIR / first_folder).is_dir() else ""


def plan_of(src_uri: str) -> str:
    """The plan a page belongs to: its data folder name, or "" for the site's own plan."""
    first, sep, _ = src_uri.partition("/")
    return _plan_dir(first) if sep else ""


def local_uri(src_uri: str) -> str:
    """The page's path inside its plan: "stc-2021/phan-1/index.md" -> "phan-1/index.md"."""
    plan = plan_of(src_uri)
    return src_uri[len(plan) + 1:] if plan else src_uri


@lru_cache(maxsize=None)
def load(plan: str, name: str) -> data.DataFile:
    """data/<plan>/<name>.yml (or data/<name>.yml for the site's own plan), validated."""
    return data.load(name, data.DATA_DIR / plan if plan else None)


def for_page(page, name: str) -> data.DataFile:
    return load(plan_of(page.file.src_uri), name)


def reset() -> None:
    _plan_dir.cache_clear()
    load.cache_clear()
