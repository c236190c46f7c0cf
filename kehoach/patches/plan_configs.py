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
MkDocs derives its loader from: the same values, parsed in C. An inherited file
is parsed once per process while it stays the same file (path, size, change
time): each plan gets a deep copy of its values, as if parsed anew. A file
holding a `!relative` tag is not kept (its value is bound to one plan's
configuration). A file libyaml refuses is read again by the original, so the
contributor gets MkDocs' usual message. Without libyaml (a PyYAML built
without it) nothing is replaced.

Only the archive's process is patched (kehoach/archive/build.py, on_startup): a
plan built in a worker, or alone, reads its own mkdocs.yml once, as MkDocs does.
The upstream functions are listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import copy
import os

# Inherited files parsed in this process: path -> ((size, mtime_ns, ctime_ns, inode), values).
_PARENTS: dict[str, tuple[tuple[int, int, int, int], dict]] = {}


def install() -> bool:
    import yaml
    from material.plugins.projects.structure import Project

    if not getattr(yaml, "__with_libyaml__", False):
        return False
    if getattr(Project._resolve_config, "kehoach_libyaml", False):
        return True
    original = Project._resolve_config

    def resolve_config(self, file: str):
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        with open(file, encoding="utf-8-sig") as f:
            config = MkDocsConfig(config_file_path=file)
            try:
                values = _load(f, config)
            except ConfigurationError:
                return original(self, file)  # the pure-Python parser's own message
            config.load_dict(values)
            return config

    resolve_config.kehoach_libyaml = True
    Project._resolve_config = resolve_config
    return True


def _load(source, config) -> dict:
    """mkdocs.utils.yaml.yaml_load(source, get_yaml_loader(yaml.CLoader, config)),
    with each inherited file's values kept (`_parent`)."""
    import mergedeep
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader

    try:
        result = yaml.load(source, Loader=get_yaml_loader(yaml.CLoader, config))
    except yaml.YAMLError as e:
        raise ConfigurationError(f"MkDocs encountered an error parsing the configuration file: {e}")
    if result is None:
        return {}
    if "INHERIT" in result and not isinstance(source, str):
        relpath = result.pop("INHERIT")
        abspath = os.path.normpath(os.path.join(os.path.dirname(source.name), relpath))
        if not os.path.exists(abspath):
            raise ConfigurationError(f"Inherited config file '{relpath}' does not exist at '{abspath}'.")
        result = mergedeep.merge(_parent(abspath, config), result)
    return result


def _parent(path: str, config) -> dict:
    """The values of the inherited file at `path`: a deep copy of those kept, or parsed."""
    from mkdocs.utils.yaml import _DirPlaceholder

    st = os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    kept = _PARENTS.get(path)
    if kept is not None and kept[0] == stamp:
        return copy.deepcopy(kept[1])
    with open(path, "rb") as fd:
        values = _load(fd, config)
    if not _holds(values, _DirPlaceholder):
        _PARENTS[path] = (stamp, copy.deepcopy(values))
    return values


def _holds(value, kind) -> bool:
    if isinstance(value, kind):
        return True
    if isinstance(value, dict):
        return any(_holds(v, kind) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds(v, kind) for v in value)
    return False
