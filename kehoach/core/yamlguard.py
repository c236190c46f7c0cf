"""Limits on the YAML of data files and front matter, checked before it is built.

PyYAML expands aliases: a 1 KB file of anchors and aliases ("alias bomb")
becomes billions of items. It also composes nested collections by
recursion: 30,000 nested "[" crash the interpreter. The event stream is flat,
so reading it first, and stopping at the first anchor, alias or collection
deeper than MAX_DEPTH, costs a few events and never recurses.
"""
from __future__ import annotations

import yaml

from kehoach.core.errors import SiteError

MAX_DEPTH = 20  # our deepest data file nests 6 levels

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check(rel: str, text: str, first_line: int = 1) -> None:
    """Refuse anchors, aliases and nesting deeper than MAX_DEPTH; `first_line`:
    the file line where `text` starts (front matter starts on line 2).
    A syntax error is left for the caller's parser to report."""
    depth = 0
    loader = _Loader(text)
    try:
        while True:
            try:
                event = loader.get_event()
            except yaml.YAMLError:
                return
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            line = event.start_mark.line + first_line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SiteError(
                    rel, line,
                    "Dữ liệu dùng neo và bí danh YAML (&tên, *tên): tệp của trang web không dùng cách viết này.",
                    "The data uses YAML anchors and aliases (&name, *name), which the site's files do not allow.",
                    "viết thẳng giá trị vào từng chỗ cần dùng, bỏ &tên và *tên.",
                    "write the value out in each place, without &name and *name.",
                )
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SiteError(
                        rel, line,
                        f"Dữ liệu lồng quá sâu: hơn {MAX_DEPTH} tầng danh sách hoặc nhóm trường lồng nhau.",
                        f"The data is nested too deeply: more than {MAX_DEPTH} levels of lists or mappings.",
                        "kiểm tra dấu [ { và thụt lề ở dòng này; dữ liệu của trang web chỉ lồng vài tầng.",
                        "check the [ { and indentation on this line; the site's data nests only a few levels.",
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()
