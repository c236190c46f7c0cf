"""Our style sheets are whole: every block they open is closed. A rule left open
(one lost "}" in a merge) makes the browser read every rule after it as part of
that block, so whole features (the paragraph links' highlight, the change log, the
archive's search) lose their styles without any error."""
from __future__ import annotations

import re

import pytest

from siteutil import ROOT

SHEETS = sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css")) + [ROOT / "kehoach" / "exports" / "pdf.css"]


def unclosed(css: str) -> list[int]:
    """Lines of the blocks left open (comments and strings do not count)."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
    css = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", "''", css)
    stack: list[int] = []
    for number, line in enumerate(css.split("\n"), 1):
        for ch in line:
            if ch == "{":
                stack.append(number)
            elif ch == "}":
                if not stack:
                    return [-number]  # a "}" that closes nothing
                stack.pop()
    return stack


def test_the_check_finds_a_block_left_open():
    assert unclosed("@media print {\n  a { color: red; }\n/* x } */\nb { c: d; }\n") == [1]
    assert unclosed("a { b: '}' }\n") == []


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_block_of_our_style_sheets_is_closed(sheet):
    assert unclosed(sheet.read_text(encoding="utf-8")) == [], f"{sheet.relative_to(ROOT)}: a block left open"
