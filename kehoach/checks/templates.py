"""Jinja in the site is only the site's own macros, called with literal values.

mkdocs-macros renders a page by compiling it as a Jinja template with the
whole build around it (`environment`, `config`, `git`, filters, loops,
`{% include %}` of any file under docs/). A pull request that touches only
docs/ or data/ must not run code at build time, so `install` wraps the
plugin's one rendering function (`MacrosPlugin.render`, used for a page's
Markdown and its title) and decides there, before Jinja sees the text:

- a generated page (`page.file.generated_by` set: the register's entry pages,
  made from data/register.yml) is never rendered: its text, `{{ … }}`
  included, is published as written (escaped by the code that generated it);
- a page written by hand is rendered only if every `{{ … }}` in it is a call
  of a site macro (kehoach/macro_list.py) whose arguments are string, number,
  true/false/none literals, by position or by name; any other Jinja
  (`{% … %}` statements, variables, attribute access, filters, operators)
  stops the build with the file, line, the offending text and what to write.
  `{% raw %}…{% endraw %}` and `{# … #}` comments stay allowed: Jinja copies
  or drops them without evaluating anything.

So nothing a page can write reads the build's environment or loops: each tag
is one call of a known function with constant arguments.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

import jinja2
from jinja2 import nodes

from kehoach.core.errors import SiteError, excerpt, line_of

LITERAL_TYPES = (str, int, float, bool, type(None))
_EXCERPT = 80  # characters of the offending text quoted in a message
# Meta keys mkdocs-macros acts on itself; `ignore_macros` makes it raise a bare ValueError.
_FORBIDDEN_META = ("ignore_macros",)


@dataclass(frozen=True)
class Refusal:
    line: int  # 1-based, in the text checked
    excerpt: str
    problem_vi: str
    problem_en: str
    fix_vi: str
    fix_en: str


def _excerpt(text: str) -> str:
    one_line = re.sub(r"\s+", " ", text).strip()
    return one_line if len(one_line) <= _EXCERPT else one_line[: _EXCERPT - 1] + "…"


def _fix(macros: Collection[str]) -> tuple[str, str]:
    known = ", ".join(sorted(macros)) or "(không có / none)"
    return (
        "chỉ viết lời gọi macro của trang web với chữ hoặc số viết sẵn, ví dụ "
        '{{ section_contents() }} hay {{ indicator_table("bieu-mau-06") }}. '
        f"Các macro có sẵn: {known}. Muốn hiện dấu {{{{ }}}} như chữ thường, đặt chúng trong "
        "{% raw %}...{% endraw %}.",
        "write only calls of the site's macros with literal text or numbers, e.g. "
        '{{ section_contents() }} or {{ indicator_table("bieu-mau-06") }}. '
        f"Available macros: {known}. To show {{{{ }}}} as plain text, wrap it in {{% raw %}}...{{% endraw %}}.",
    )


def _is_literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, LITERAL_TYPES)
    if isinstance(node, (nodes.Neg, nodes.Pos)):  # -1, +2.5
        return isinstance(node.node, nodes.Const) and type(node.node.value) in (int, float)
    return False


def _first_offence(expr: nodes.Node, macros: Collection[str]) -> tuple[str, str] | None:
    """What is wrong with the expression of one `{{ … }}`, or None if it is a literal call."""
    if isinstance(expr, nodes.Call) and isinstance(expr.node, nodes.Name):
        name = excerpt(expr.node.name, quote=False)  # a name a page wrote: quoted at most one line long
        if expr.node.name not in macros:
            return (f"Không có macro hay biến nào tên '{name}'.",
                    f"There is no macro or variable named '{name}'.")
        values = [*expr.args, *(k.value for k in expr.kwargs)]
        spread = expr.dyn_args is not None or expr.dyn_kwargs is not None  # f(*x), f(**x)
        if spread or not all(map(_is_literal, values)):
            return (f"Giá trị truyền cho macro '{name}' phải là chữ trong ngoặc kép hoặc số viết sẵn, "
                    "không phải biến hay phép tính.",
                    f"The arguments of macro '{name}' must be quoted text or numbers written out, "
                    "not variables or expressions.")
        return None
    for node in [expr, *expr.find_all(nodes.Node)]:
        if isinstance(node, nodes.Filter):
            filter_name = excerpt(node.name, quote=False)
            return (f"Trang không được dùng bộ lọc '|{filter_name}'.",
                    f"Pages may not use the filter '|{filter_name}'.")
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            return ("Trang không được đọc thuộc tính hay phần tử của một giá trị (dấu . hoặc [ ]).",
                    "Pages may not read an attribute or item of a value (. or [ ]).")
    if isinstance(expr, nodes.Name) and expr.name in macros:
        return (f"Thiếu cặp ngoặc ( ) sau tên macro '{expr.name}'.",
                f"Missing ( ) after the macro name '{expr.name}'.")
    if isinstance(expr, nodes.Name):
        variable = excerpt(expr.name, quote=False)
        return (f"Trang không được đọc biến '{variable}'.",
                f"Pages may not read the variable '{variable}'.")
    return ("Trang chỉ được gọi macro; đây là một biểu thức khác (phép tính, giá trị, điều kiện…).",
            "Pages may only call macros; this is another kind of expression (operation, value, condition…).")


def _tags(env: jinja2.Environment, text: str):
    """(line, kind, text, first name) of every `{{ … }}` and `{% … %}` tag, from Jinja's own lexer."""
    tag: list[str] | None = None
    start = 0
    first_name = None
    for line, token, value in env.lex(text):
        if token in ("variable_begin", "block_begin"):
            tag, start, first_name = [value], line, None
        elif tag is not None:
            tag.append(value)
            if token == "name" and first_name is None:
                first_name = value
            if token in ("variable_end", "block_end"):
                yield start, token.split("_")[0], "".join(tag), first_name
                tag = None


def _syntax(error: jinja2.TemplateSyntaxError, macros, line: int, tag_excerpt: str) -> Refusal:
    fix_vi, fix_en = _fix(macros)
    message = excerpt((error.message or "").rstrip("."), quote=False)  # Jinja may quote what the page wrote
    return Refusal(line, tag_excerpt, f"Lỗi cú pháp khi gọi macro: {message}.", f"Macro syntax error: {message}.",
                   "một lời gọi macro viết dạng {{ ten_macro(...) }}; kiểm tra đủ cặp ngoặc {{ }} và ( ), "
                   "dấu ngoặc kép quanh chữ. " + fix_vi,
                   "a macro call reads {{ name(...) }}; check that {{ }} and ( ) are paired and text is quoted. "
                   + fix_en)


def _allowed_tree(template: nodes.Template, macros: Collection[str]) -> nodes.Node | None:
    """The whole page as Jinja parsed it: only text and literal macro calls. First other node, or None."""
    for stmt in template.body:
        if not isinstance(stmt, nodes.Output):
            return stmt
        for item in stmt.nodes:
            if not isinstance(item, nodes.TemplateData) and _first_offence(item, macros) is not None:
                return item
    return None


def _plainly_allowed(text: str, macros: Collection[str], env: jinja2.Environment) -> bool:
    """True if `check` finds nothing in `text`, known at the cost of one parse:
    no statement can start in it (no `{%`, no line statements) and Jinja's tree
    of it is only text and literal macro calls, each `{{ … }}` the expression
    `check` would judge tag by tag. False: `check` judges it, tag by tag."""
    if env.block_start_string in text or env.line_statement_prefix is not None:
        return False
    try:
        return _allowed_tree(env.parse(text), macros) is None
    except (jinja2.TemplateSyntaxError, RecursionError):
        return False


def check(text: str, macros: Collection[str], env: jinja2.Environment | None = None) -> Refusal | None:
    """Why `text` may not be rendered as a page of the site, or None if it may."""
    env = env or jinja2.Environment()
    if _plainly_allowed(text, macros, env):  # the pages that call macros, as they should
        return None
    fix_vi, fix_en = _fix(macros)
    try:
        for line, kind, tag, first_name in _tags(env, text):
            if kind == "block":
                statement = first_name or "?"
                return Refusal(line, _excerpt(tag),
                               f"Trang không được dùng lệnh Jinja {{% {statement} %}}.",
                               f"Pages may not use the Jinja statement {{% {statement} %}}.", fix_vi, fix_en)
            try:
                body = env.parse(tag).body
            except jinja2.TemplateSyntaxError as error:
                return _syntax(error, macros, line + (error.lineno or 1) - 1, _excerpt(tag))
            expr = body[0].nodes[0] if body and isinstance(body[0], nodes.Output) and body[0].nodes else None
            offence = _first_offence(expr, macros) if expr is not None else ("Thẻ rỗng.", "Empty tag.")
            if offence:
                return Refusal(line, _excerpt(tag), *offence, fix_vi, fix_en)
        wrong = _allowed_tree(env.parse(text), macros)
    except jinja2.TemplateSyntaxError as error:
        line = error.lineno or 1
        return _syntax(error, macros, line, _excerpt(text.splitlines()[line - 1] if text.splitlines() else ""))
    except RecursionError:
        return Refusal(1, "", "Lời gọi macro lồng quá sâu.", "Macro call nested too deeply.", fix_vi, fix_en)
    if wrong is not None:  # not reached when every tag passed; kept as the guarantee
        offence = _first_offence(wrong, macros) or ("Trang không được dùng Jinja này.", "This Jinja is not allowed.")
        return Refusal(wrong.lineno, "", *offence, fix_vi, fix_en)
    return None


def _line_offset(source: str, text: str) -> int | None:
    """Lines of `source` before `text` (the page body or title mkdocs-macros renders), or None."""
    pos = source.find(text)
    return source.count("\n", 0, pos) if pos >= 0 else None


def refuse(path: str, source: str, text: str, refusal: Refusal) -> SiteError:
    offset = _line_offset(source, text)
    line = refusal.line + offset if offset is not None else None
    quoted = f" ({refusal.excerpt})" if refusal.excerpt else ""
    problem_vi = refusal.problem_vi.rstrip(".") + f"{quoted}."
    problem_en = refusal.problem_en.rstrip(".") + f"{quoted}."
    return SiteError(path, line, problem_vi, problem_en, refusal.fix_vi, refusal.fix_en)


def _check_meta(path: str, source: str, meta: dict, macros: Collection[str]) -> None:
    """Front matter may not name a macro (it would replace it) nor use the plugin's bare-error key."""
    fix_vi = "đổi tên hoặc xóa khóa này trong phần đầu trang (giữa hai dòng ---)."
    fix_en = "rename or remove this key in the page's front matter (between the --- lines)."
    for key in meta:
        if key in macros or key in _FORBIDDEN_META:
            raise SiteError(path, line_of(source, f"{key}:"),
                            f"Phần đầu trang không được có khóa '{key}'.",
                            f"The front matter may not have the key '{key}'.", fix_vi, fix_en)


def install(plugin, docs: str, macros: Callable[[], Collection[str]]) -> None:
    """Wrap this MacrosPlugin instance's `render`; `macros()` gives the site's macro names.
    The guard raises a plain SiteError: kehoach/checks/build.py makes it one MkDocs knows."""
    render = plugin.render

    def guarded_render(markdown: str, force_rendering: bool = False) -> str:
        page = getattr(plugin, "_page", None)  # the page being rendered (set by the plugin)
        if page is None or page.file.generated_by is not None:
            return markdown  # data is never template
        if page.meta.get("render_macros") is False or not plugin.has_j2(markdown):
            return markdown  # nothing to render (what mkdocs-macros would do, without compiling)
        names = macros()
        path = f"{docs}/{page.file.src_uri}"
        source = page.file.content_string
        _check_meta(path, source, page.meta, names)
        refusal = check(markdown, names, plugin.env)
        if refusal is not None:
            raise refuse(path, source, markdown, refusal)
        return render(markdown, force_rendering)

    plugin.render = guarded_render
