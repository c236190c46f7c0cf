"""Limits on the YAML of data files and front matter, checked before it is built.

PyYAML expands aliases: a 1 KB file of anchors and aliases ("alias bomb")
becomes billions of items. It also composes nested collections by
recursion: 30,000 nested "[" crash the interpreter. The event stream is flat,
so reading it first, and stopping at the first anchor, alias or collection
deeper than MAX_DEPTH, costs a few events and never recurses.

Tags (!!binary, !!float, !!timestamp, !foo) are refused too: a value is what
it looks like, read by the rules of core/data.py, never turned into bytes, a
number or a date by a word written in front of it.
"""
from __future__ import annotations

import yaml

from kehoach.core.errors import SiteError

MAX_DEPTH = 20  # our deepest data file nests 6 levels

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check(rel: str, text: str, first_line: int = 1) -> None:
    """Refuse anchors, aliases, tags and nesting deeper than MAX_DEPTH; `first_line`:
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
            if getattr(event, "tag", None) is not None:
                raise SiteError(
                    rel, line,
                    "Dữ liệu dùng thẻ kiểu YAML (!!tên hoặc !tên trước giá trị): tệp của trang web không dùng cách viết này.",
                    "The data uses a YAML tag (!!name or !name before a value), which the site's files do not allow.",
                    "bỏ thẻ !… trước giá trị; chữ thì đặt trong dấu ngoặc kép, số thì viết như số.",
                    "remove the !… tag; quote text, write numbers as numbers.",
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


def unclosed_quote(text: str, error: yaml.YAMLError) -> int | None:
    """After a syntax error: the 0-based line of a quote that was never closed,
    or None. An unclosed "..." runs on to the next quote in the file, often
    many lines below, where PyYAML then stumbles: the value read just before
    the error is that quoted text, spanning several lines up to the error's
    line; its start is the slip."""
    if getattr(error, "context", None) == "while scanning a quoted scalar" and error.context_mark:
        return error.context_mark.line  # ran to the end of the file
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if (last is not None and last.style in ('"', "'") and last.end_mark.line == mark.line
            and last.start_mark.line < mark.line):
        return last.start_mark.line
    return None
