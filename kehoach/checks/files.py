"""Checks on a source file as saved, before anything reads it.

- `decode`: the file must be UTF-8. A file saved in another encoding (e.g. an
  old Vietnamese code page) would otherwise stop the build with a Python
  UnicodeDecodeError traceback.
- `check_front_matter`: the `---` block at the top of a page must be valid
  YAML. MkDocs silently ignores a broken block and publishes it as text.
  Read by the one YAML reader of data files (core/data.py `parse`): no
  anchors, aliases, tags or deep nesting (yamlguard.py), every number finite,
  every value and key under the data files' character rule, a key written
  once, a date that does not exist refused (dates read as MkDocs reads them).
- `check_page`: all of these, the rules of core/textfile.py (size, NFC, no
  hidden characters), no placeholder of `make new-plan` left unfilled
  (core/data.py `check_placeholders`, the rule data files meet too) and
  bounded nesting of quotes and lists (paths.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from kehoach.checks import paths as inputcheck
from kehoach.core import data
from kehoach.core.errors import SiteError, excerpt
from kehoach.core import textfile
from kehoach.core.textfile import decode

# The same pattern MkDocs uses to find a page's front matter (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def read_page(docs_dir, src_uri: str) -> str:
    """Another page's text, read by a macro of this one (a section's list of
    contents, the home page's guide): a page saved in an old encoding is
    blamed on itself, not on the page whose macro read it."""
    path = Path(docs_dir, src_uri)
    return decode(f"{Path(docs_dir).name}/{src_uri}", path.read_bytes())


def check_front_matter(rel: str, text: str) -> None:
    match = _FRONT_MATTER.match(text)
    if not match:
        return
    # The one YAML reader of data files (core/data.py): its limits, its rules for
    # every number and string, dates read as MkDocs reads them, lines of the page.
    parsed = data.parse(rel, match.group(1), first_line=2, front_matter=True)
    meta = parsed.data
    if meta is not None and not isinstance(meta, dict):
        raise SiteError(
            rel, 2,
            "Phần thông tin đầu trang (giữa hai dòng ---) phải gồm các dòng dạng tên: giá trị.",
            "The page's front matter (between the --- lines) must be name: value lines.",
            "viết mỗi dòng dạng tên: giá trị, ví dụ title: Trang chủ.",
            "write name: value lines, e.g. title: Trang chủ.",
        )
    for key, value in (meta or {}).items():
        _check_front_matter_key(rel, parsed.line([key]) or 2, key, value)


# What a page's front matter may set, and the type of each value. Any other key
# would reach a theme template unescaped (Material prints `subtitle`, `status`,
# `icon`, our partials print the `kh_*` values the build itself sets) or change
# how the page is built (`template`).
FRONT_MATTER = {
    "title": str,
    "description": str,
    "hide": list,            # e.g. [toc]: parts of the page Material leaves out
    "search": dict,          # e.g. {exclude: true}
    "render_macros": bool,   # false: the page's {{ }} is shown as text
}
_HIDE = {"navigation", "toc", "footer", "path", "tags", "feedback"}
_SEARCH = {"exclude": bool, "boost": (int, float)}


def _check_front_matter_key(rel: str, line: int, key, value) -> None:
    allowed = ", ".join(FRONT_MATTER)
    if key not in FRONT_MATTER:
        raise SiteError(
            rel, line,
            f"Phần đầu trang không được có khóa '{excerpt(str(key), quote=False)}'.",
            f"The front matter may not have the key '{excerpt(str(key), quote=False)}'.",
            f"xóa khóa này; phần đầu trang chỉ dùng các khóa: {allowed}.",
            f"remove this key; a page's front matter may only use: {allowed}.",
        )
    kind = FRONT_MATTER[key]
    ok = isinstance(value, kind)
    if ok and key == "hide":
        ok = all(isinstance(v, str) and v in _HIDE for v in value)
    if ok and key == "search":
        ok = all(k in _SEARCH and isinstance(v, _SEARCH[k]) and not (k == "boost" and isinstance(v, bool))
                 for k, v in value.items())
    if not ok:
        raise SiteError(
            rel, line,
            f"Giá trị của khóa '{key}' trong phần đầu trang không đúng dạng.",
            f"The value of '{key}' in the front matter has the wrong form.",
            "title, description: một dòng chữ; hide: danh sách trong "
            f"{', '.join(sorted(_HIDE))}; search: exclude: true/false hoặc boost: một số; render_macros: true/false.",
            "title, description: text; hide: a list of "
            f"{', '.join(sorted(_HIDE))}; search: exclude: true/false or boost: a number; render_macros: true/false.",
        )


def check_config_file(path) -> None:
    """A plan's own mkdocs.yml (its name, description, download name): no
    placeholder of `make new-plan` left unfilled, named by its line."""
    path = Path(path)
    data.check_placeholders(path.name, decode(path.name, path.read_bytes()))


def check_page(rel: str, raw: bytes) -> None:
    textfile.check_size(rel, raw)
    text = decode(rel, raw)
    textfile.check_text(rel, text)
    data.check_placeholders(rel, text)  # a placeholder of `make new-plan` left unfilled
    check_front_matter(rel, text)
    inputcheck.check_markdown_nesting(rel, text)
