"""The plans' mkdocs.yml read by libyaml, PyYAML's C parser, in the archive's build,
and the configuration they all inherit read once.

Material's projects plugin reads every plan's configuration twice per archive
build, once in its on_config and once in its on_pre_build, with MkDocs' loader
on PyYAML's pure-Python parser: some 6 ms a read, 1.3 s of CPU per rebuild at
100 plans, even when every plan is restored from the cache (issue 22's rebuild
after one change). Most of each read is the file every plan inherits
(mkdocs-plan.yml: the theme, extensions and plugins), the same for all.

`install` replaces the plugin's `Project._resolve_config` with one that reads
the same files the same way (MkDocs' loader and its constructors: `!ENV`,
`!relative`, the full loader's `!!python/name:`; INHERIT merged as MkDocs'
`yaml_load` merges it) on `yaml.CLoader`, libyaml's twin of the `yaml.Loader`
MkDocs derives its loader from: the same values, parsed in C. Each file is
parsed once per process while it stays the same file (path, size, change
time, inode): the inherited one once for all plans, a plan's own once for the
plugin's two reads; each read gets a deep copy of the values, as if parsed
anew. A file holding a `!relative` tag is not kept (its value is bound to one
plan's configuration). A file libyaml refuses is read again by the original, so the
contributor gets MkDocs' usual message. Without libyaml (a PyYAML built
without it) nothing is replaced.

Only the archive's process is patched (kehoach/archive/build.py, on_startup): a
plan built in a worker, or alone, reads its own mkdocs.yml once, as MkDocs does.
The upstream functions are listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import copy
import os

def install() -> bool:
    import yaml
    from material.plugins.projects.structure import Project

    if not getattr(yaml, "__with_libyaml__", False):
        return False
    if getattr(Project._resolve_config, "kehoach_libyaml", False):
        return True
    original = Project._resolve_config
    # Files parsed in this process (held by the patch, not the module):
    # path -> ((size, mtime_ns, ctime_ns, inode), values).
    parsed: dict[str, tuple[tuple[int, int, int, int], dict]] = {}

    def resolve_config(self, file: str):
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        config = MkDocsConfig(config_file_path=file)
        try:
            values = _read(file, config, parsed, top=True)
        except ConfigurationError:
            return original(self, file)  # the pure-Python parser's own message
        config.load_dict(values)
        return config

    resolve_config.kehoach_libyaml = True
    Project._resolve_config = resolve_config
    return True


def _read(path: str, config, parsed: dict, top: bool = False) -> dict:
    """mkdocs.utils.yaml.yaml_load of the file at `path` with the loader
    get_yaml_loader(yaml.CLoader, config) (INHERIT merged as it merges it),
    each file's values parsed once while it stays the same file (`_parsed`)."""
    import mergedeep
    from mkdocs.exceptions import ConfigurationError

    result = _parsed(path, config, parsed, top)
    if "INHERIT" in result:
        relpath = result.pop("INHERIT")
        abspath = os.path.normpath(os.path.join(os.path.dirname(path), relpath))
        if not os.path.exists(abspath):
            raise ConfigurationError(f"Inherited config file '{relpath}' does not exist at '{abspath}'.")
        result = mergedeep.merge(_read(abspath, config, parsed), result)
    return result


def _parsed(path: str, config, parsed: dict, top: bool) -> dict:
    """The values of the one file at `path` (its INHERIT not followed): a deep copy
    of those kept, or parsed and kept unless they hold a `!relative` value."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import _DirPlaceholder, get_yaml_loader

    st = os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    kept = parsed.get(path)
    if kept is not None and kept[0] == stamp:
        return copy.deepcopy(kept[1])
    # As MkDocs opens them: the configuration as text without a BOM, an inherited file as bytes.
    with (open(path, encoding="utf-8-sig") if top else open(path, "rb")) as source:
        try:
            values = yaml.load(source, Loader=get_yaml_loader(yaml.CLoader, config))
        except yaml.YAMLError as e:
            raise ConfigurationError(f"MkDocs encountered an error parsing the configuration file: {e}")
    values = values if values is not None else {}
    if not _holds(values, _DirPlaceholder):
        parsed[path] = (stamp, copy.deepcopy(values))
    return values


def _holds(value, kind) -> bool:
    if isinstance(value, kind):
        return True
    if isinstance(value, dict):
        return any(_holds(v, kind) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds(v, kind) for v in value)
    return False
