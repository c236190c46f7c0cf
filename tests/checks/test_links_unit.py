"""Dead links and anchors (kehoach/checks/links.py) as units, without a build.

MkDocs finds them (its link warnings, the anchors it collected while
rendering); links.py turns each finding into one message naming the file and
line. Here the findings are given as MkDocs words and stores them (the warning
texts of mkdocs.structure.pages, pinned in kehoach/patches/__init__.py), with
the repository's own page and data sources. tests/checks/test_errors.py builds one
broken copy per mechanism (a dead link, a dead anchor) end to end.
"""
from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from errorunit import assert_where, message
from kehoach.checks import links
from siteutil import PLAN, ROOT, line_of

LINK_PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
TARGET = "docs/phan-1/ket-qua/ton-giao.md"


def with_line(rel: str, line: str) -> tuple[str, int]:
    """The repository's page `rel` with `line` added as its last paragraph, and that line's number."""
    text = (PLAN / rel).read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    return text, text.count("\n")


def data_files(**texts: str) -> list[links.Source]:
    """data/*.yml of the repository, sorted as the build lists them, with some files' text given."""
    files = []
    for path in sorted((PLAN / "data").glob("*.yml")):
        text = texts.get(path.stem) or path.read_text(encoding="utf-8")
        files.append((f"data/{path.name}", lambda t=text: t))
    return files


def raise_(error: Exception):
    raise error


# --- MkDocs' warnings, kept per page and hidden ------------------------------

def warning(text: str, level: int = logging.WARNING) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.pages", level, __file__, 1, text, None, None)


def test_the_watch_keeps_and_hides_mkdocs_link_warnings():
    watch = links.LinkWatch()
    shown = [watch.filter(warning(text)) for text in (
        "Doc file 'a/b.md' contains a link 'c.md', but the target 'a/c.md' is not found among documentation files.",
        "Doc file 'a/b.md' contains an unrecognized relative link 'c/', it was left as is.",
        "Doc file 'index.md' contains an absolute link '/x/', it was left as is. Did you mean 'x.md'?",
    )]
    assert shown == [False, False, False], "MkDocs' line-less warning should be replaced by ours"
    assert watch.found == {"a/b.md": [("a", "c.md"), ("an unrecognized relative", "c/")],
                           "index.md": [("an absolute", "/x/")]}


def test_the_watch_lets_other_records_through():
    watch = links.LinkWatch()
    assert watch.filter(warning("Doc file 'a.md' contains a link to 'b.md' which is excluded from the built site."))
    assert watch.filter(warning("Doc file 'a.md' contains a link 'c.md', but ...", level=logging.INFO))
    assert watch.filter(warning("Something else."))
    assert watch.found == {}


# --- a link to a page or file that does not exist ----------------------------

def dead_link_message(kind: str, url: str, data=()) -> tuple[str, int]:
    """What check_page says of LINK_PAGE with a last paragraph linking to `url`,
    for MkDocs' finding `kind`; and that paragraph's line."""
    source, line = with_line(LINK_PAGE, f"Xem [mục tôn giáo]({url}).")
    page = SimpleNamespace(file=SimpleNamespace(src_uri=LINK_PAGE.removeprefix("docs/"), content_string=source))
    watch = links.LinkWatch()
    watch.found[page.file.src_uri] = [(kind, url), ("a", "second.md")]
    out = message(links.check_page, page, watch, "docs", data)
    assert page.file.src_uri not in watch.found, "a page's findings are used once"
    return out, line


def test_link_to_missing_page():
    out, line = dead_link_message("a", "../phan-1/ket-qua/ton-giao-cu.md")
    assert_where(out, LINK_PAGE, line)
    assert ("Liên kết '../phan-1/ket-qua/ton-giao-cu.md' trỏ tới một trang hoặc tệp không có "
            "trong thư mục docs/.") in out
    assert "The link '../phan-1/ket-qua/ton-giao-cu.md' points to a page or file that does not exist" in out
    assert "Cách sửa: sửa đường dẫn cho đúng tên tệp .md" in out


def test_link_to_a_web_address_instead_of_a_file():
    out, line = dead_link_message("an unrecognized relative", "../phan-1/ket-qua/ton-giao/")
    assert_where(out, LINK_PAGE, line)
    assert "trỏ tới một địa chỉ trang web, không phải tới tệp .md" in out
    assert "points to a web address, not to a .md file under docs/" in out


def test_a_link_thousands_of_characters_long_is_quoted_one_line_at_most():
    url = "../phan-1/" + "x" * 5000 + ".md"
    out, line = dead_link_message("a", url)
    assert_where(out, LINK_PAGE, line)  # found by the whole address
    assert f"Liên kết '{url[:120]}…' trỏ tới một trang hoặc tệp không có" in out
    assert len(out) < 1500


def test_link_from_the_site_s_root():
    out, line = dead_link_message("an absolute", "/phan-1/ket-qua/ton-giao.md")
    assert_where(out, LINK_PAGE, line)
    assert "Liên kết '/phan-1/ket-qua/ton-giao.md' bắt đầu bằng dấu '/'" in out
    assert "starts with '/': the site may live in a sub-folder" in out


def test_no_finding_no_error():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md", content_string=""))
    watch = links.LinkWatch()
    watch.found["other.md"] = [("a", "x.md")]
    links.check_page(page, watch)
    assert watch.found == {"other.md": [("a", "x.md")]}


# --- where the link is written -------------------------------------------------

@pytest.mark.parametrize("written, url", [
    ("Xem [mục](../a.md).", "../a.md"),                       # an inline link
    ("Xem [mục][1].\n\n[1]: ../a.md", "../a.md"),             # a reference: its definition
    ('Xem <a href="../a.md">mục</a>.', "../a.md"),            # raw HTML
])
def test_the_line_found_is_where_the_url_is_written(written, url):
    source = "# Trang\n\nCâu một.\n\n" + written + "\n"
    expected = line_of(source, f"]: {url}") if "]: " in written else 5
    assert links.where("docs/x.md", source, url) == ("docs/x.md", expected)


def test_an_inline_link_is_found_before_a_bare_mention():
    source = "Địa chỉ ../a.md viết ra.\n\nXem [mục](../a.md).\n"
    assert links.where("docs/x.md", source, "../a.md") == ("docs/x.md", 3)


def test_a_link_drawn_from_a_data_file_is_blamed_on_its_line():
    home = (PLAN / "data/home.yml").read_text(encoding="utf-8")
    old = "(ve-trang-nay/ghi-chu-van-ban.md)"
    assert old in home, "the test no longer matches data/home.yml"
    home = home.replace(old, "(ve-trang-nay/ghi-chu-van-ban-cu.md)")
    index = (PLAN / "docs/index.md").read_text(encoding="utf-8")  # only macro calls: the link is not in it
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md", content_string=index))
    watch = links.LinkWatch()
    watch.found["index.md"] = [("a", "ve-trang-nay/ghi-chu-van-ban-cu.md")]
    out = message(links.check_page, page, watch, "docs", data_files(home=home))
    assert_where(out, "data/home.yml", line_of(home, "ghi-chu-van-ban-cu.md"))
    assert "Liên kết 've-trang-nay/ghi-chu-van-ban-cu.md' trỏ tới một trang hoặc tệp không có" in out


def test_a_link_found_nowhere_names_the_page_without_a_line():
    assert links.where("docs/index.md", "{{ home_intro() }}\n", "khong-co.md", data_files()) == ("docs/index.md", None)


def test_a_data_file_naming_the_page_but_not_linking_to_it_is_not_blamed():
    site = (PLAN / "data/site.yml").read_text(encoding="utf-8")
    assert '"index.md"' in site, "the test no longer matches data/site.yml"  # the plan's pages, not links
    assert links.where("docs/x.md", "", "index.md", data_files()) == ("docs/x.md", None)


@pytest.mark.parametrize("written", ["Xem [mục](a/b.md).", "[1]: a/b.md", '<a href="a/b.md">mục</a>'])
def test_a_link_in_a_data_file_is_found_in_each_form(written):
    text = "note: >-\n  Câu một.\n  " + written + "\n"
    assert links.where("docs/x.md", "", "a/b.md", [("data/x.yml", lambda: text)]) == ("data/x.yml", 3)


def test_data_files_are_not_read_when_the_page_has_the_link():
    def unread():
        raise AssertionError("a data file was read")
    assert links.where("docs/x.md", "[a](b.md)\n", "b.md", [("data/home.yml", unread)]) == ("docs/x.md", 1)


# --- a link to an anchor the target page lacks ------------------------------------

class File:
    """A documentation file as MkDocs has it (hashed by identity: a key of links_to_anchors)."""

    def __init__(self, src_uri: str, content_string: str):
        self.src_uri, self.content_string, self.page = src_uri, content_string, None


def files_with(linking_source: str, target_uri: str, links_to_anchors: dict, anchors: set[str]):
    """MkDocs' Files as check_anchors reads them: LINK_PAGE linking to anchors
    of `target_uri` (itself or another page whose ids are `anchors`)."""
    linking = File(LINK_PAGE.removeprefix("docs/"), linking_source)
    target = linking if target_uri == linking.src_uri else File(target_uri, "")
    target.page = SimpleNamespace(links_to_anchors={}, present_anchor_ids=anchors)
    linking.page = SimpleNamespace(links_to_anchors={target: links_to_anchors},
                                   present_anchor_ids=anchors if target is linking else {"ghi-chu"})
    pages = [linking] if target is linking else [linking, target]
    return SimpleNamespace(documentation_pages=lambda: pages)


def test_link_to_missing_anchor():
    url = "../phan-1/ket-qua/ton-giao.md#khong-co-muc-nay"
    source, line = with_line(LINK_PAGE, f"Xem [mục tôn giáo]({url}).")
    files = files_with(source, TARGET.removeprefix("docs/"), {"khong-co-muc-nay": url}, {"ton-giao"})
    out = message(links.check_anchors, files, "docs")
    assert_where(out, LINK_PAGE, line)
    assert (f"Liên kết '{url}' trỏ tới mục '#khong-co-muc-nay' nhưng trang {TARGET} "
            "không có mục nào mang mã đó.") in out
    assert f"The link '{url}' points to '#khong-co-muc-nay', but the page {TARGET} has no heading" in out
    assert f"Cách sửa: mở {TARGET}, tìm mã đúng của mục (phần {{: #ma-muc }} ở cuối dòng tiêu đề)" in out
    assert "has no heading or element with that id" in out


def test_link_to_missing_anchor_on_same_page():
    source, line = with_line(LINK_PAGE, "Xem [phía trên](#muc-khong-ton-tai).")
    files = files_with(source, LINK_PAGE.removeprefix("docs/"), {"muc-khong-ton-tai": "#muc-khong-ton-tai"},
                       {"ghi-chu"})
    out = message(links.check_anchors, files, "docs")
    assert_where(out, LINK_PAGE, line)
    assert "Liên kết '#muc-khong-ton-tai' trỏ tới mục '#muc-khong-ton-tai' nhưng trang này không có" in out
    assert "but this page has no heading or element with that id" in out
    assert f"Cách sửa: mở {LINK_PAGE}, tìm mã đúng" in out


def test_an_anchor_the_page_has_passes():
    source, _ = with_line(LINK_PAGE, "Xem [mục](../phan-1/ket-qua/ton-giao.md#ton-giao).")
    files = files_with(source, TARGET.removeprefix("docs/"),
                       {"ton-giao": "../phan-1/ket-qua/ton-giao.md#ton-giao"}, {"ton-giao"})
    links.check_anchors(files, "docs")


def test_a_dead_anchor_drawn_from_a_data_file_is_blamed_on_its_line():
    home = (PLAN / "data/home.yml").read_text(encoding="utf-8").replace(
        "(ve-trang-nay/ghi-chu-van-ban.md)", "(ve-trang-nay/ghi-chu-van-ban.md#khong-co)")
    place = links.where("docs/index.md", "{{ home_intro() }}\n", "ve-trang-nay/ghi-chu-van-ban.md#khong-co",
                        data_files(home=home))
    out = message(raise_, links.dead_anchor(place, "ve-trang-nay/ghi-chu-van-ban.md#khong-co", "khong-co",
                                            LINK_PAGE, same_page=False))
    assert_where(out, "data/home.yml", line_of(home, "#khong-co"))
    assert f"nhưng trang {LINK_PAGE} không có mục nào mang mã đó" in out
    assert f"Cách sửa: mở {LINK_PAGE}," in out
