"""Issue 26, point 1: ids and titles the theme writes again as markup.

Material writes an id, unescaped, into the skip link and the table of contents,
and shows a `title` attribute as HTML in its tooltip. An id written in a page
closed the skip link's href and opened a <script> (which the policy then
hashed as one of ours); a title could put markup in a tooltip. Both are held
by kehoach/checks/attributes.py on every page's tree: refused with the file and
line, in Vietnamese and English.
"""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from kehoach.checks import attributes
from kehoach.core import htmltree
from kehoach.core.errors import SiteError
from siteutil import PLAN, ROOT, article, broken_copy, build_fails, line_of

PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
H1 = "# Ghi chú về văn bản gốc {: #ghi-chu-van-ban }"
H2 = "## Cách trình bày trên trang web {: #cach-trinh-bay }"
LINK = "[Văn bản được trích dẫn](../van-ban/index.md)"
SCRIPT = '"><script>alert(1)</script>'

# name: (text replaced, its replacement, the text on the line the message names, what it quotes)
ATTACKS = {
    "attr-list id": (H1, "# Ghi chú về văn bản gốc {: id='x" + SCRIPT + "' }", "# Ghi chú", "Mã mục (id)"),
    "attr-list #id": (H2, "## Cách trình bày trên trang web {: #a" + SCRIPT + " }", "## Cách trình bày",
                      "Mã mục (id)"),
    "raw HTML id": (H1, "<p id='x" + SCRIPT + "'>Mở đầu.</p>\n\n" + H1, "<p id=", "Mã mục (id)"),
    "id too long": (H2, "## Cách trình bày trên trang web {: #" + "a" * 129 + " }", "## Cách trình bày",
                    "Mã mục (id)"),
    "heading without an id, of signs only": (H2, "## ***", "## ***", "'_1'"),
    "link title": (LINK, LINK[:-1] + ' "a &lt;img src=x&gt;")', "[Văn bản được trích dẫn]",
                   "Thuộc tính title 'a <img src=x>'"),
    "attr-list title": (H2, H2[:-1] + 'title="&lt;b&gt;đậm&lt;/b&gt;" }', "## Cách trình bày",
                        "Thuộc tính title '<b>đậm</b>'"),
    "raw abbr title": (LINK, '<abbr title="A &amp; B">AB</abbr> ' + LINK, "<abbr title=", "Thuộc tính title 'A & B'"),
    # A heading's text reaches the table of contents (and a page's first heading
    # its title: header, navigation, path, footer) inside `.md-ellipsis`, which
    # the theme copies into a tooltip as HTML when it is cut short.
    "heading text": (H2, "## Cách trình bày &lt;img src=x onerror=alert(1)&gt; {: #cach-trinh-bay }",
                     "## Cách trình bày", "Tiêu đề 'Cách trình bày <img src=x onerror=alert(1)>'"),
    "first heading text": (H1, "# Ghi chú &lt;b&gt; {: #ghi-chu-van-ban }", "# Ghi chú", "Tiêu đề 'Ghi chú <b>'"),
}
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "footnotes", "toc"]


class _Entry:
    """A table of contents entry as MkDocs gives it (id, title, children)."""

    def __init__(self, token: dict):
        self.id, self.title = token["id"], token["name"]
        self.children = [_Entry(t) for t in token["children"]]


def _message(text: str, title: str | None = None) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    root = htmltree.parse(md.convert(text))
    toc = [_Entry(t) for t in md.toc_tokens]
    with pytest.raises(SiteError) as caught:
        attributes.check(root, toc, [(PAGE, lambda: text)], PAGE, title)
    return str(caught.value)


@pytest.mark.parametrize("name", ATTACKS)
def test_an_unsafe_id_or_title_is_refused_at_its_line(name):
    old, new, on_line, quoted = ATTACKS[name]
    text = (PLAN / PAGE).read_text(encoding="utf-8").replace(old, new, 1)
    out = _message(text)
    line = line_of(text, on_line)
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
    assert quoted in out, out
    assert "Cách sửa:" in out and "[EN]" in out and "[EN] Fix:" in out, out


def test_a_page_title_with_markup_is_refused():
    """A title from the front matter (or a register entry's label) is in no heading."""
    text = (PLAN / PAGE).read_text(encoding="utf-8")
    out = _message(text, title="Ghi chú <img src=x onerror=alert(1)>")
    assert f"{PAGE}:" in out and "Tiêu đề 'Ghi chú <img src=x onerror=alert(1)>'" in out, out


def test_every_id_and_title_the_site_writes_meets_the_rule(built):
    """The rule keeps every id of the real site valid (and its titles plain)."""
    ids = titles = ellipses = 0
    for path in built.site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = article(soup)
        if body is None:
            continue
        for el in body.find_all(id=True):
            assert attributes.safe_id(el["id"]), (path, el["id"])
            ids += 1
        for el in body.find_all(title=True):
            assert attributes.safe_title(el["title"]), (path, el["title"])
            titles += 1
        for el in soup.select(".md-ellipsis"):  # header, navigation, path, footer, contents
            assert attributes.safe_title(el.get_text()), (path, el.get_text())
            ellipses += 1
    assert ids > 300 and titles > 1000 and ellipses > 1000


def test_an_id_that_would_open_a_script_stops_the_build(tmp_path):
    """Before: the build passed and the skip link read <a href="#x"><script>alert(1)</script>"
    class="md-skip">, the policy allowing that script by its hash."""
    old, new, _, _ = ATTACKS["attr-list id"]
    project = broken_copy(tmp_path, (PAGE, old, new))
    out = build_fails(project, tmp_path)
    assert out.count("Mã mục (id)") == 1, out
    assert f"{PAGE}, dòng 1 (line 1):" in out, out


def test_a_link_title_with_markup_stops_the_build(tmp_path):
    old, new, _, _ = ATTACKS["link title"]
    project = broken_copy(tmp_path, (PAGE, old, new))
    out = build_fails(project, tmp_path)
    line = line_of(project / PAGE, new)
    assert out.count("Thuộc tính title") == 1, out
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out


def test_a_heading_that_the_theme_would_show_as_markup_stops_the_build(tmp_path):
    """Before: the build passed, and a heading cut short in the contents showed
    its `<img onerror>` as markup in the theme's tooltip."""
    old, new, _, _ = ATTACKS["heading text"]
    project = broken_copy(tmp_path, (PAGE, old, new))
    out = build_fails(project, tmp_path)
    line = line_of(project / PAGE, "## Cách trình bày")
    assert out.count("Tiêu đề 'Cách trình bày <img src=x onerror=alert(1)>'") == 1, out
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
