"""HTML is read one way: as the lxml tree of kehoach/core/htmltree.py.

No module under kehoach/ reads HTML with a regular expression (a pattern
with a tag in it, such as `<table\\b`, `</td>` or `<[^>]*>`) or with another
parser (html.parser, BeautifulSoup). The few patterns that look like one but
do not read a page's HTML are listed in ALLOWED, each with its reason.
"""
from __future__ import annotations

import ast
import re

import pytest
from siteutil import ROOT

_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
# A tag in a pattern: "<" (maybe "\<" or "</", "<\/") then a name, a group, a class or \s/\w.
_TAG_IN_PATTERN = re.compile(r"<\\?/?\s*(?:[A-Za-z]|\(|\[|\\[swSW])")
# Regex syntax with "<" that is not a tag: named groups (?P<name>, (?<name>, lookbehinds (?<= (?<!.
_NOT_A_TAG = re.compile(r"\(\?P?<(?=[A-Za-z_=!])")
_OTHER_PARSERS = {"html.parser", "bs4", "BeautifulSoup", "HTMLParser", "html5lib"}

ALLOWED = {
    # A Markdown file as saved, before anything renders it: its nesting is counted
    # so that no parser (Python-Markdown, lxml) recurses too deep on it.
    ("kehoach/checks/paths.py", "_NESTING"),
    # JavaScript source (the vendored iframe-worker shim), not HTML: the template
    # of the script it writes into its iframe.
    ("kehoach/readers/csp.py", "_SHIM_TEMPLATE"),
}


def _strings(node: ast.AST, constants: dict[str, str]) -> list[str]:
    """The literal text of a pattern expression: strings, f-strings' literal
    parts, concatenations, and module-level names bound to a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    if isinstance(node, ast.BinOp):
        return _strings(node.left, constants) + _strings(node.right, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    return []


def looks_like_a_tag(pattern: str) -> bool:
    return bool(_TAG_IN_PATTERN.search(_NOT_A_TAG.sub("(?", pattern)))


def html_readers(source: str) -> list[tuple[int, str, str]]:
    """(line, name the pattern is bound to or "", what) for each regex with a tag
    in it and each import of another HTML parser in `source` (a module's text)."""
    tree = ast.parse(source)
    constants = {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for t in node.targets if isinstance(t, ast.Name)}
    bound = {id(node.value): t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                and node.func.attr in _RE_FUNCTIONS and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "re":
            for text in _strings(node.args[0], constants):
                if looks_like_a_tag(text):
                    found.append((node.lineno, bound.get(id(node), ""), f"regex {text!r}"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, "", f"import {a.name}") for a in node.names
                      if a.name in _OTHER_PARSERS or a.name.startswith("bs4")]
        elif isinstance(node, ast.ImportFrom):
            names = {node.module or ""} | {f"{node.module}.{a.name}" for a in node.names} | {a.name for a in node.names}
            if names & _OTHER_PARSERS or (node.module or "").startswith("bs4"):
                found.append((node.lineno, "", f"from {node.module} import ..."))
    return found


def test_no_module_reads_html_but_as_a_tree():
    found = []
    for path in sorted((ROOT / "kehoach").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, name, what in html_readers(path.read_text(encoding="utf-8")):
            if (rel, name) not in ALLOWED:
                found.append(f"{rel}:{line} {name} {what}")
    assert not found, ("HTML read without the tree of kehoach/core/htmltree.py "
                       "(parse the page once and walk it):\n" + "\n".join(found))


def test_every_allowed_pattern_is_still_there():
    """An entry of ALLOWED whose pattern is gone (or reads no tag any more) is removed from it."""
    for rel, name in ALLOWED:
        names = {n for _, n, _ in html_readers((ROOT / rel).read_text(encoding="utf-8"))}
        assert name in names, (rel, name)


# The regexes this project read HTML with before it read one tree per page (commit 4e6d64d).
_OLD = r'''
import re
from html.parser import HTMLParser
from bs4 import BeautifulSoup
START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ABBR = re.compile(r'<abbr class="kh-abbr[^"]*"[^>]*>([^<]+)</abbr>')
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
CELL_END = re.compile(r"(</(?:td|th|tr|thead|tbody|caption)>|<br\s*/?>)(?=<)")
PIECE = r"<h([1-6])\b[^>]*>"
def strip(html):
    first = re.search(r'<h1\b[^>]*\bid="([^"]+)"', html)
    return re.sub(r"<[^>]+>", " ", html), re.compile(r"\s*" + PIECE), first
'''


def test_the_guard_finds_the_regexes_html_was_read_with_before():
    found = html_readers(_OLD)
    assert sum(what.startswith("regex") for _, _, what in found) == 10  # every one of them
    assert {what for _, _, what in found if not what.startswith("regex")} == {
        "from html.parser import ...", "from bs4 import ..."}


@pytest.mark.parametrize("pattern", [
    r"(?P<num>\d+)(?![\wĐđ/])",  # a named group (kehoach/register/citations.py)
    r"(?<![\wĐđ])Luật",  # a lookbehind
    r"(?<=\s)x",
    r"<!-- kh-fill ([a-z-]+)(?: ([a-z0-9-]+))? -->",  # our own placeholder, an HTML comment (core/fill.py)
    r"([\w.<>]+)\(\)",  # a Python name in a message (checks/macro_calls.py)
    r'"search":\s*"([^"]*)"',
])
def test_patterns_that_read_no_tag_pass(pattern):
    assert not looks_like_a_tag(pattern)
