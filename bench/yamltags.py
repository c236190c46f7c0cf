"""Read and write mkdocs.yml without resolving its tags.

mkdocs.yml may hold tags such as `!!python/name:kehoach.core.vietnamese.slugify`,
`!ENV` or `!relative`; the bench rewrites the file, so it keeps every tag as it
is written (a `Tagged` value) and writes it back unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Tagged:
    tag: str
    value: Any  # scalar text, list or dict, as written

    @property
    def python_name(self) -> str | None:
        """`kehoach.core.vietnamese.slugify` for `!!python/name:kehoach.core.vietnamese.slugify`."""
        for prefix in ("tag:yaml.org,2002:python/name:", "tag:yaml.org,2002:python/object/apply:"):
            if self.tag.startswith(prefix):
                return self.tag[len(prefix):]
        return None


class _Loader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, data: Tagged):
    tag = data.tag
    if isinstance(data.value, list):
        return dumper.represent_sequence(tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(tag, data.value)
    return dumper.represent_scalar(tag, data.value or "")


_Dumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def dump_config(config: dict, path: Path) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8",
    )
