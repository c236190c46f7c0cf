"""The configurations the bench builds from one corpus (an archive, bench/corpus.py).

- ours:    the archive as generated: its mkdocs.yml (projects plugin, archive hooks) and
           each plan's mkdocs.yml (INHERIT: ../../mkdocs-plan.yml: our macros, hooks, extensions).
- capture: a plan's configuration (its INHERIT merged in) plus bench/capture_hook.py first,
           to record the Markdown after macros, and bench/capture_late_hook.py last, to fill
           in what our hooks add late.
- plain:   MkDocs + Material only, on the captured Markdown: no hooks, no plugin but
           MkDocs's and Material's own (the projects plugin included, so the plain archive
           is built as ours is), no Markdown extension or option from our package. A plain
           archive has the same layout: plain/mkdocs.yml, plain/plans/<id>/mkdocs.yml.
"""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

from .yamltags import Tagged, dump_config, load_config

OUR_PACKAGE = "kehoach"
# Plugins that ship with MkDocs or Material; everything else is "ours".
STOCK_PLUGINS = {"search", "material/search", "tags", "material/tags", "offline", "material/offline",
                 "meta", "material/meta", "info", "material/info", "group", "material/group",
                 "projects", "material/projects"}


def _merge(parent, child):
    """MkDocs' INHERIT: mappings merged key by key, any other value replaced."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for key, value in child.items():
            out[key] = _merge(parent[key], value) if key in parent else value
        return out
    return child


def merged_config(path: Path) -> dict:
    """A configuration with its INHERIT (relative to its folder) merged in, as MkDocs reads it."""
    config = load_config(path)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    return _merge(merged_config((path.parent / parent).resolve()), config)


def write_capture_config(project: Path, hook: Path, late_hook: Path) -> Path:
    config = merged_config(project / "mkdocs.yml")
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
        plugins = []
        for item in config["plugins"]:
            if _name(item) not in STOCK_PLUGINS:
                continue
            if isinstance(item, dict):
                name, options = next(iter(item.items()))
                if isinstance(options, dict):  # projects_config_transform: kehoach.archive.build.plan_config
                    options = {k: v for k, v in options.items() if not _ours(v)}
                item = {name: options}
            plugins.append(item)
        config["plugins"] = plugins
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
    """A plain plan folder at `plain` (plain archive/plans/<id>): captured Markdown, the
    plan's non-Markdown files, plain config (INHERIT merged in; no code of ours)."""
    for src in (p for p in (ours / "docs").rglob("*") if p.is_file() and p.suffix != ".md"):
        dest = captured_docs / src.relative_to(ours / "docs")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    dump_config(plain_config(merged_config(ours / "mkdocs.yml")), plain / "mkdocs.yml")


def make_plain_root(ours: Path, plain: Path) -> None:
    """The plain archive's root: the archive's configuration without our hooks or the
    projects plugin's transform of ours, its home page's words, the theme overrides
    (stylesheets and scripts the plans' plain configurations still name)."""
    for name in ("overrides", "archive"):
        if (ours / name).is_dir():
            shutil.copytree(ours / name, plain / name, dirs_exist_ok=True)
    dump_config(plain_config(load_config(ours / "mkdocs.yml")), plain / "mkdocs.yml")
