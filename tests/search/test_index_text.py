"""Issue 26, point 1: everything the search index holds is text.

Material's results list inserts an entry's title and text as HTML (its `h()`
helper appends strings with `innerHTML`). A title taken from raw markup (a
footnote list written by hand, whose item ids become "Chú thích …" titles;
a page title from front matter, which the plugin uses for a section without a
heading) was stored unescaped, so the results showed live links to other sites.
kehoach/search/index.py now makes every title and text text (`as_text`).
"""
from __future__ import annotations

import json

import pytest

from kehoach.core import htmltree
from kehoach.search import index
from siteutil import copy_project, run_build

EVIL = "https://example.invalid/"


@pytest.mark.parametrize("value, text", [
    (f'<a href="{EVIL}">bấm</a> vào', "bấm vào"),
    ('<img src="x" onerror="alert(1)">ảnh', "ảnh"),
    ('<p class="x" onclick="alert(1)">đoạn</p>', "đoạn"),
    ("<svg><desc>mô tả</desc></svg>", "mô tả"),
    ("a <!-- b --> c", "a  c"),
    ("&lt;a href=x&gt; đã là chữ", "&lt;a href=x&gt; đã là chữ"),
    ("<p>Đoạn <code>mã</code></p><ul><li>một</li></ul>", "<p>Đoạn <code>mã</code></p><ul><li>một</li></ul>"),
    ("Chữ thường, không thẻ", "Chữ thường, không thẻ"),
])
def test_a_field_keeps_only_text_and_the_plugins_bare_tags(value, text):
    assert index.as_text(value) == text


def test_a_footnote_title_from_a_hand_written_list_is_text():
    root = htmltree.parse('<div class="footnote"><ol><li id="fn:&lt;a href=&quot;https://example.invalid/&quot;&gt;'
                          'x&lt;/a&gt;"><p>Ghi chú</p></li></ol></div>')
    [entry] = index.footnote_entries(root, "trang/")
    assert "<" not in entry["title"] and "&lt;a href=" in entry["title"], entry


def test_every_field_of_the_index_file_is_made_text(tmp_path):
    written = tmp_path / "search_index.json"
    written.write_text(json.dumps({"config": {}, "docs": [
        {"location": "", "title": f'<a href="{EVIL}">Trang</a>', "text": "<p>Chữ</p>",
         "tags": ["<img src=x onerror=alert(1)>nhãn"]}]}), encoding="utf-8")
    index.rewrite(written, {"": [{"location": "#fn:1", "title": "Chú thích 1", "text": f"<a href='{EVIL}'>x</a>"}]})
    docs = json.loads(written.read_text(encoding="utf-8"))["docs"]
    assert [(d["title"], d["text"]) for d in docs] == [("Trang", "<p>Chữ</p>"), ("Chú thích 1", "x")]
    assert docs[0]["tags"] == ["nhãn"]


PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
HAND_WRITTEN = (
    '<div class="footnote"><ol><li id="fn:&lt;a href=&quot;https://example.invalid/&quot;&gt;bấm&lt;/a&gt;">'
    "<p>Chú thích viết tay.</p></li></ol></div>\n")
FRONT_TITLE = '---\ntitle: \'<a href="https://example.invalid/">bấm</a>\'\n---\n\nĐoạn mở đầu trước tiêu đề.\n\n'


def _live(fragment: str) -> list[str]:
    """What in an index field would be live once inserted as HTML: a link, a handler, an image…"""
    root = htmltree.parse(fragment)
    return [htmltree.serialize(el)[:80] for el in htmltree.elements(root)
            if el is not root and (el.tag not in {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"} or el.attrib)]


def test_the_built_index_holds_no_live_markup_from_a_page(tmp_path):
    """Built end to end: the page is either refused with a message naming it, or its
    index entries hold no live markup (no link to another site in the results)."""
    project = copy_project(tmp_path / "p")
    page = project / PAGE
    page.write_text(FRONT_TITLE + page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + HAND_WRITTEN,
                    encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    if result.returncode != 0:
        assert PAGE in result.output and "Traceback" not in result.output, result.output
        return
    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    mine = [d for d in docs if d["location"].startswith("ve-trang-nay/ghi-chu-van-ban/")]
    assert any("bấm" in d["title"] for d in mine), [d["title"] for d in mine]  # the hostile titles are indexed
    live = [(d["location"], f, _live(d[f])) for d in docs for f in ("title", "text") if _live(d[f])]
    assert live == [], live
    assert not [d["location"] for d in docs if ":" in d["location"].split("#", 1)[0]]  # no scheme in a location
