"""The configurations the bench builds from one corpus.

- ours:    the corpus's mkdocs.yml as generated (our macros, hooks, extensions).
- capture: ours plus bench/capture_hook.py first, to record the Markdown after macros,
           and bench/capture_late_hook.py last, to fill in what our hooks add late.
- plain:   MkDocs + Material only, on the captured Markdown: no hooks, no plugin but
           MkDocs's and Material's own, no Markdown extension or option from our package.
"""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

from .yamltags import Tagged, dump_config, load_config

OUR_PACKAGE = "kehoach"
# Plugins that ship with MkDocs or Material; everything else is "ours".
STOCK_PLUGINS = {"search", "material/search", "tags", "material/tags", "offline", "material/offline",
                 "meta", "material/meta", "info", "material/info", "group", "material/group"}


def write_capture_config(project: Path, hook: Path, late_hook: Path) -> Path:
    config = load_config(project / "mkdocs.yml")
    config["hooks"] = [str(hook)] + list(config.get("hooks") or []) + [str(late_hook)]
    path = project / "mkdocs-capture.yml"
    dump_config(config, path)
    return path


def _ours(value) -> bool:
    if isinstance(value, Tagged):
        return (value.python_name or "").startswith(OUR_PACKAGE)
    return isinstance(value, str) and value.split(".")[0] == OUR_PACKAGE


def _name(item) -> str:
    return next(iter(item)) if isinstance(item, dict) else str(item)


def plain_config(config: dict) -> dict:
    config = copy.deepcopy(config)
    config.pop("hooks", None)
    config.pop("watch", None)  # `mkdocs serve` only; names folders of ours
    config["strict"] = False  # links to files our hooks generate (downloads) have no target here
    if "plugins" in config:
        config["plugins"] = [p for p in config["plugins"] if _name(p) in STOCK_PLUGINS]
    extensions = []
    for item in config.get("markdown_extensions") or []:
        if _ours(_name(item)):
            continue
        if isinstance(item, dict):
            name, options = next(iter(item.items()))
            if isinstance(options, dict):
                options = {k: v for k, v in options.items() if not _ours(v)}
            item = {name: options}
        extensions.append(item)
    config["markdown_extensions"] = extensions
    return config


def make_plain(ours: Path, captured_docs: Path, plain: Path) -> None:
    """A project at `plain`: captured Markdown, our non-Markdown files, plain config."""
    for src in (p for p in (ours / "docs").rglob("*") if p.is_file() and p.suffix != ".md"):
        dest = captured_docs / src.relative_to(ours / "docs")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    if (ours / "overrides").is_dir():
        shutil.copytree(ours / "overrides", plain / "overrides", dirs_exist_ok=True)
    dump_config(plain_config(load_config(ours / "mkdocs.yml")), plain / "mkdocs.yml")
