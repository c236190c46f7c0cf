"""Issue 26, point 1: markers anyone can write.

The HTML comments the build replaces with generated content (kehoach/core/fill.py)
were honoured wherever they appeared, any number of times: a page of 39 KB grew
to 64 MB. Now only the markers this build issued (each carries a secret drawn
per build) are filled, each once per page; a marker typed in a page is an inert
comment, and one with an unknown key no longer ends the build in a traceback.
"""
from __future__ import annotations

from kehoach.core.fill import PATTERN, Markers
from siteutil import copy_project, run_build

PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
URL = "ve-trang-nay/ghi-chu-van-ban/"


def test_each_build_draws_its_own_secret_and_fills_only_its_own_markers():
    one, other = Markers(), Markers()
    assert one.nonce != other.nonce and len(one.nonce) >= 32
    page = f"a {other.marker('tu-viet-tat')} b <!-- kh-fill tu-viet-tat --> c"
    assert not one.holds(page, "tu-viet-tat")
    assert one.fill(page, "tu-viet-tat", "<table></table>") == page
    assert PATTERN.search(one.marker("toan-van")) and PATTERN.search(other.marker("tu-viet-tat", "x-1"))


def test_a_marker_is_filled_once_however_often_it_is_written():
    markers = Markers()
    page = "<p>a</p>" + markers.marker("tu-viet-tat") * 1000 + "<p>b</p>"
    filled = markers.fill(page, "tu-viet-tat", "BẢNG")
    assert filled == "<p>a</p>BẢNG<p>b</p>"
    page = markers.marker("duoc-trich-dan", "a") * 3 + markers.marker("duoc-trich-dan", "b")
    assert markers.keys(page, "duoc-trich-dan") == ["a", "b"]


TYPED = ("<!-- kh-fill tu-viet-tat -->\n" * 200 + "<!-- kh-fill toan-van -->\n"
         "<!-- kh-fill van-ban-tong-quan -->\n<!-- kh-fill duoc-trich-dan khong-co-muc-nay -->\n")


def test_markers_typed_in_a_page_or_a_macro_called_many_times_grow_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / PAGE
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\n" + TYPED + "\n" + "{{ abbreviation_glossary() }}\n\n" * 30, encoding="utf-8")
    result = run_build(project, tmp_path / "site")  # a copy: no PDF, no offline copy
    assert result.returncode == 0, result.output  # the unknown key: no traceback
    assert "Traceback" not in result.output, result.output
    built = result.page(URL)
    # The glossary the macro asks for, once; nothing for the typed markers.
    assert len(built.select(".kh-glossary table")) == 1, len(built.select(".kh-glossary table"))
    assert not built.select(".kh-register-counts, .kh-cited-at__list, .kh-fullplan")
    size = (tmp_path / "site" / URL / "index.html").stat().st_size
    glossary = (tmp_path / "site" / "tu-viet-tat" / "index.html").stat().st_size
    assert size < 2 * glossary + 200_000, size
