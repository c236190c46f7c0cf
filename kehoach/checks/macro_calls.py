"""A macro called wrongly in a page stops the build with our own message.

With `on_error_fail: true`, mkdocs-macros catches any exception raised
while rendering a page, logs it with a full Python traceback and calls
`exit()`. It builds that log text with `mkdocs_macros.plugin.format_error`,
called inside its `except` block. `route_macro_errors` (kehoach/checks/build.py,
the glue: this module imports nothing from the engine) makes one `MacroErrors` per
build (the site's macros and the docs folder, for the message) and replaces
that name with its `raise_site_error` (as an engine error), which raises a
`SiteError` instead: it leaves the `except` block at once, so the traceback is
never printed, and MkDocs stops with our message (page, line, what to do) like
for every other bad input. Nothing is kept in this module:
tests/checks/test_macro_errors_unit.py renders pages with the site's real
macros and a `MacroErrors` of its own.

A `SiteError` that a macro raises itself (e.g. an unknown citation) passes
through unchanged; we only add the page and line when the macro did not know
them.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import inspect
import re
import traceback
from pathlib import Path

import jinja2

from kehoach.core.errors import SiteError, excerpt

_JINJA_DIR = str(Path(jinja2.__file__).parent)


def _template_line(error: BaseException) -> int | None:
    """Line in the rendered Markdown: Jinja maps template frames to lines."""
    lineno = getattr(error, "lineno", None)
    if isinstance(error, jinja2.TemplateSyntaxError) and lineno:
        return lineno
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return lines[-1] if lines else None


def _raised_by_the_call(error: BaseException) -> bool:
    """True when the error comes from calling the macro, not from inside it."""
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and (frames[-1].filename == "<template>" or frames[-1].filename.startswith(_JINJA_DIR))


def _source_line(page, markdown: str, line: int | None) -> int | None:
    """Turn a line of the Markdown body into a line of the file (front matter included)."""
    if line is None or page is None:
        return line
    source = page.file.content_string
    head = markdown.lstrip()[:80]
    pos = source.find(head) if head else -1
    if pos < 0:
        return line
    head_line = source.count("\n", 0, pos) + 1           # line of `head` in the file
    blank = markdown[: len(markdown) - len(markdown.lstrip())].count("\n")  # lines before `head`
    return head_line + (line - 1 - blank)


def signature(macros: dict, name: str) -> str:
    """How the macro `name` is called, as a page writes it: `name(a, b=1)`."""
    func = macros.get(name)
    if func is None:
        return ""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return ""
    plain = [p.replace(annotation=inspect.Parameter.empty) for p in params]
    return f"{name}({', '.join(str(p) for p in plain)})"


def describe(error: BaseException, macros: dict) -> tuple[str, str, str, str]:
    """What went wrong (Vietnamese, English) and what to do, for an error raised
    while rendering a page whose macros are `macros` (name -> function)."""
    known = ", ".join(sorted(n for n in macros if not n.startswith("_") and n not in
                             ("context", "macros_info", "now", "fix_url")))
    message = str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        syntax = excerpt(error.message or "", quote=False)  # may quote what the page wrote
        return (
            f"Lỗi cú pháp khi gọi macro: {syntax}.",
            f"Macro syntax error: {syntax}.",
            "một lời gọi macro viết dạng {{ ten_macro(...) }}; kiểm tra đủ cặp ngoặc {{ }} và ( ), "
            "dấu ngoặc kép quanh chữ.",
            "a macro call reads {{ name(...) }}; check that {{ }} and ( ) are paired and text is quoted.",
        )
    if isinstance(error, jinja2.UndefinedError):
        match = re.search(r"'([^']+)' is undefined", message)
        name = excerpt(match.group(1) if match else message, quote=False)
        return (
            f"Không có macro hay biến nào tên '{name}'.",
            f"There is no macro or variable named '{name}'.",
            f"kiểm tra chính tả tên macro. Các macro có sẵn: {known}. "
            "Nếu muốn viết dấu {{ }} như chữ thường, đặt chúng trong {% raw %}...{% endraw %}.",
            f"check the macro's spelling. Available macros: {known}. "
            "To write {{ }} as plain text, wrap it in {% raw %}...{% endraw %}.",
        )
    if isinstance(error, TypeError) and _raised_by_the_call(error):
        match = re.match(r"([\w.<>]+)\(\)", message)
        name = match.group(1).rsplit(".", 1)[-1] if match else "?"
        message = message[match.end() - 2 - len(name):] if match else message  # drop "register.<locals>."
        expected = signature(macros, name)
        expected_vi = f" Cách gọi đúng: {{{{ {expected} }}}}." if expected else ""
        expected_en = f" Expected: {{{{ {expected} }}}}." if expected else ""
        return (
            f"Macro '{name}' được gọi với tham số sai.{expected_vi}",
            f"Macro '{name}' was called with wrong arguments ({excerpt(message, quote=False)}).{expected_en}",
            "sửa các giá trị trong ngoặc ( ) cho đúng số lượng và tên tham số.",
            "correct the arguments in ( ) to the expected number and names.",
        )
    message = excerpt(message, quote=False)
    return (
        f"Macro gặp lỗi khi chạy: {type(error).__name__}: {message}.",
        f"A macro failed: {type(error).__name__}: {message}.",
        "kiểm tra các giá trị truyền cho macro ở dòng này; nếu vẫn lỗi, báo cho nhóm kỹ thuật kèm thông báo này.",
        "check the values passed to the macro on this line; if it persists, report it with this message.",
    )


class MacroErrors:
    """One build's stand-in for mkdocs-macros' format_error."""

    def __init__(self, macros: dict, docs: str = "docs"):
        self.macros = macros  # name -> function, as mkdocs-macros holds them
        self.docs = docs      # docs_dir relative to the project, for messages

    def raise_site_error(self, error: Exception, markdown: str, page) -> str:
        """Stand-in for mkdocs_macros.errors.format_error (same arguments): raises instead of formatting."""
        src = f"{self.docs}/{page.file.src_uri}" if page is not None else "(không rõ trang / unknown page)"
        line = _source_line(page, markdown, _template_line(error))
        if isinstance(error, SiteError):
            same_page = page is not None and (not error.path or error.path.endswith(page.file.src_uri))
            if error.line is not None or not same_page:
                raise error
            raise SiteError(src, line, error.problem_vi, error.problem_en, error.fix_vi, error.fix_en) from None
        vi, en, fix_vi, fix_en = describe(error, self.macros)
        raise SiteError(src, line, vi, en, fix_vi, fix_en) from None
