"""An entry page's heading is the document's label as text (register/html.py
markdown_text): every character shows as written. Before, a quote was escaped
as `&#x27;`, whose `#` was escaped again, so readers saw "&#x27;" in the
heading and the contents, and the title check read an `&` there."""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from kehoach.register.html import markdown_text

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "footnotes", "toc"]


@pytest.mark.parametrize("label", [
    "Nghị quyết 'Đổi mới' số 1",
    'Luật "Lưu trữ"',
    "Tên có \\ ` * _ { } [ ] # | ~ ! dấu",
    "Quyết định {% set v = 'x' %}{{ v }}",
])
def test_the_heading_shows_the_label_as_written(label):
    md = markdown.Markdown(extensions=EXTENSIONS)
    html = md.convert(f"# {markdown_text(label)} {{: #van-ban }}\n")
    h1 = BeautifulSoup(html, "html.parser").h1
    assert h1.get_text() == label, html
    assert len(h1.find_all(True)) == 0, html  # text only: no link, emphasis, code
    assert BeautifulSoup(md.toc_tokens[0]["name"], "html.parser").get_text() == label
