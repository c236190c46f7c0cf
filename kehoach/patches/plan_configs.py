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

Across builds (the archive's rebuild reads 100 plans' files again): a file
of plain YAML (no `!` anywhere in it, so no tag whose value depends on the
environment or the configuration) whose values are JSON's kinds (text,
numbers, booleans, null, lists, mappings with text keys) is kept by the hash
of its bytes in a JSON file that `install`'s caller names (`store`: the
archive's .cache/kehoach/, when its cache may be used) and written back by
`Kept.save` after a build that succeeded, holding the files read in it. A
kept value is JSON, never code, and is found by the file's own bytes: an
edited file is parsed anew.

Only the archive's process is patched (kehoach/archive/build.py, on_startup): a
plan built in a worker, or alone, reads its own mkdocs.yml once, as MkDocs does.
The upstream functions are listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import copy
import hashlib
import json
import math
import os
from pathlib import Path
from typing import Callable

from kehoach.core.files import write_aside


# What a `store` answers for a configuration that is not a plan's (the archive's own,
# read first by the projects plugin): ask again with the next one.
NOT_A_PLAN = object()


class Kept:
    """The files `install`'s patch has parsed: in this process by path (while it
    stays the same file), and plain ones across builds by the hash of their bytes
    (`store(path of a configuration)` names the JSON file, None when there is
    none, or NOT_A_PLAN)."""

    VERSION = 1

    def __init__(self, store: Callable[[str], object] | None = None):
        # path -> (stamp, values, whether they are a tree: _copy may copy them)
        self.parsed: dict[str, tuple[tuple[int, int, int, int], dict, bool]] = {}
        self.store = store
        self.file: Path | None = None
        self.stored: dict[str, str] = {}  # digest -> the values as JSON, as read from the file
        self.used: dict[str, str] = {}    # digest -> JSON, of the files read in this process
        self.added = False

    def open(self, path: str) -> None:
        """The store for the plan whose mkdocs.yml is at `path`, read once per process."""
        if self.store is None or self.file is not None:
            return
        answer = self.store(path)
        if answer is NOT_A_PLAN:
            return
        self.file, self.store = answer, None
        if self.file is None:
            return
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(kept, dict) and kept.get("version") == self.VERSION and isinstance(kept.get("files"), dict):
            self.stored = {k: v for k, v in kept["files"].items() if isinstance(v, str)}

    def get(self, digest: str):
        text = self.stored.get(digest) or self.used.get(digest)
        if text is None:
            return None
        self.used[digest] = text
        return json.loads(text)

    def put(self, digest: str, values) -> None:
        if self.file is not None and _plain(values):
            self.used[digest] = json.dumps(values, ensure_ascii=False, allow_nan=False)
            self.added = True

    def save(self) -> None:
        """Write the files read in this process (a file new or one gone since the last save)."""
        if self.file is None or (not self.added and set(self.used) == set(self.stored)):
            return
        write_aside(self.file, json.dumps({"version": self.VERSION, "files": dict(sorted(self.used.items()))},
                                          ensure_ascii=False))
        self.stored, self.added = dict(self.used), False


def _plain(value) -> bool:
    """Whether `value` is made of JSON's kinds only, and reads back from JSON as itself."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def install(store: Callable[[str], object] | None = None) -> Kept | None:
    """Patch the projects plugin's reads (once per process) and return what they
    keep; `store`: see Kept (given to the first install only). None without libyaml."""
    import yaml
    from material.plugins.projects.structure import Project

    if not getattr(yaml, "__with_libyaml__", False):
        return None
    installed = getattr(Project._resolve_config, "kehoach_kept", None)
    if installed is not None:
        return installed
    original = Project._resolve_config
    kept = Kept(store)  # held by the patch, not the module

    def resolve_config(self, file: str):
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        kept.open(file)
        config = MkDocsConfig(config_file_path=file)
        try:
            values = _read(file, config, kept, top=True)
        except ConfigurationError:
            return original(self, file)  # the pure-Python parser's own message
        config.load_dict(values)
        return config

    resolve_config.kehoach_kept = kept
    Project._resolve_config = resolve_config
    return kept


def keep_last_jobs() -> None:
    """Material's projects plugin resolves every plan's configuration twice in a
    `mkdocs build`: its on_config walks the top-level project's jobs only to
    write its manifest (each job's config path and slug: nothing changed), and
    the builder walks them again to build (about 0.05 s of CPU at 100 plans).
    Project.jobs (once per process) leaves the list it made on the project
    (`kehoach_jobs`), so the archive's CachingBuilder, made just after that
    on_config in the same build, builds from that list instead of resolving
    every plan again (kehoach/archive/build.py use_cache)."""
    from material.plugins.projects.structure import Project

    original = Project.jobs
    if getattr(original, "kehoach_keeps", False):
        return

    def jobs(self):
        made = list(original(self))
        self.kehoach_jobs = made
        return iter(made)

    jobs.kehoach_keeps = True
    Project.jobs = jobs


def _read(path: str, config, kept: Kept, top: bool = False) -> dict:
    """mkdocs.utils.yaml.yaml_load of the file at `path` with the loader
    get_yaml_loader(yaml.CLoader, config) (INHERIT merged as it merges it),
    each file's values parsed once while it stays the same file (`_parsed`)."""
    import mergedeep
    from mkdocs.exceptions import ConfigurationError

    result = _parsed(path, config, kept, top)
    if "INHERIT" in result:
        relpath = result.pop("INHERIT")
        abspath = os.path.normpath(os.path.join(os.path.dirname(path), relpath))
        if not os.path.exists(abspath):
            raise ConfigurationError(f"Inherited config file '{relpath}' does not exist at '{abspath}'.")
        result = mergedeep.merge(_read(abspath, config, kept), result)
    return result


def _parsed(path: str, config, kept: Kept, top: bool) -> dict:
    """The values of the one file at `path` (its INHERIT not followed): a deep copy
    of those kept in this process, those kept across builds for the same bytes,
    or parsed and kept unless they hold a `!relative` value."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import _DirPlaceholder, get_yaml_loader

    st = os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    here = kept.parsed.get(path)
    if here is not None and here[0] == stamp:
        return _copy(here[1]) if here[2] else copy.deepcopy(here[1])
    with open(path, "rb") as source:
        raw = source.read()
    digest = None
    if b"!" not in raw:  # no tag: the values are the bytes' alone
        digest = hashlib.sha256(b"top\0" + raw if top else b"inherited\0" + raw).hexdigest()
        values = kept.get(digest)
        if values is not None:
            kept.parsed[path] = (stamp, _copy(values), True)  # from JSON: nothing shared
            return values
    # As MkDocs reads them: the configuration as text without a BOM, an inherited file as bytes.
    try:
        values = yaml.load(raw.decode("utf-8-sig") if top else raw, Loader=get_yaml_loader(yaml.CLoader, config))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ConfigurationError(f"MkDocs encountered an error parsing the configuration file: {e}")
    values = values if values is not None else {}
    if not _holds(values, _DirPlaceholder):
        kept.parsed[path] = (stamp, copy.deepcopy(values), _tree(values, set()))
        if digest is not None:
            kept.put(digest, values)
    return values


_ATOMS = (str, int, float, bool, type(None))


def _copy(value):
    """copy.deepcopy of parsed values that are a tree (`_tree`), without its memo:
    mappings and lists copied (each read gets its own, as if parsed anew), text
    and numbers shared as they are immutable, anything else (a `!!python/name:`
    function, an object) as deepcopy copies it."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _ATOMS else _copy(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _ATOMS else _copy(v) for v in value]
    if kind in _ATOMS:
        return value
    return copy.deepcopy(value)


def _tree(value, seen: set[int]) -> bool:
    """Whether no mapping or list of `value` appears twice in it (a YAML alias
    shares one: deepcopy keeps it shared, as a new parse would; _copy would not)."""
    if type(value) in (dict, list):
        if id(value) in seen:
            return False
        seen.add(id(value))
        return all(_tree(v, seen) for v in (value.values() if type(value) is dict else value))
    return True


def _holds(value, kind) -> bool:
    if isinstance(value, kind):
        return True
    if isinstance(value, dict):
        return any(_holds(v, kind) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds(v, kind) for v in value)
    return False
