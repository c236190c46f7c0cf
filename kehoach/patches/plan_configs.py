"""The plans' mkdocs.yml read by libyaml, PyYAML's C parser, in the archive's build.

Material's projects plugin reads every plan's configuration (its mkdocs.yml and
the mkdocs-plan.yml it inherits) twice per archive build, once in its on_config
and once in its on_pre_build, with MkDocs' loader on PyYAML's pure-Python
parser: some 6 ms a read, 1.3 s of CPU per rebuild at 100 plans, even when
every plan is restored from the cache (issue 22's rebuild after one change).
`install` replaces the plugin's `Project._resolve_config` with one that reads
the same file the same way (MkDocs' `yaml_load` and its loader's constructors:
`!ENV`, `!relative`, the full loader's `!!python/name:`, INHERIT merged) on
`yaml.CLoader`, libyaml's twin of the `yaml.Loader` MkDocs derives its loader
from: the same values, parsed in C (0.75 ms a read). A file libyaml refuses is
read again by the original, so the contributor gets MkDocs' usual message.
Without libyaml (a PyYAML built without it) nothing is replaced.

Only the archive's process is patched (kehoach/archive/build.py, on_startup): a
plan built in a worker, or alone, reads its own mkdocs.yml once, as MkDocs does.
The upstream function is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations


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
        from mkdocs.utils.yaml import get_yaml_loader, yaml_load

        with open(file, encoding="utf-8-sig") as f:
            config = MkDocsConfig(config_file_path=file)
            try:
                values = yaml_load(f, get_yaml_loader(yaml.CLoader, config))
            except ConfigurationError:
                return original(self, file)  # the pure-Python parser's own message
            config.load_dict(values)
            return config

    resolve_config.kehoach_libyaml = True
    Project._resolve_config = resolve_config
    return True
